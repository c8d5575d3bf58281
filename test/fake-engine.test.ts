import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { routingConfigSchema } from "../providers";
import { engineContract } from "../providers/contract.test-suite";
import type { EngineVars } from "../providers/engine";
import { saveRoutingConfig } from "../worker/routing";
import { callsOf, database, routingConfigs } from "./db-access";
import { fakeEngine } from "./fixtures/fake-engine/engine";
import { call, credits, json, orderJob, signUp, sim, waitForStatus } from "./helpers";

// An engine added exactly as docs/add-an-engine.md says: its folder (test/fixtures/fake-engine), its simulator
// (test/simulators/fake-engine.ts, one line in test/simulators/engines.ts) and one line in the engine list.
const fakeUrl = String((env as unknown as EngineVars).FAKE_ENGINE_URL);
const fake = (path: string, body: unknown = {}) =>
  fetch(`${fakeUrl}${path}`, { method: "POST", body: JSON.stringify(body) });
const mode = async (value: string) => void (await fake("/__sim/mode", { mode: value }));

engineContract({
  descriptor: fakeEngine,
  vars: env as unknown as EngineVars,
  reset: async () => void (await fake("/__sim/reset")),
  fault: {
    rejected: () => mode("refuse"),
    unavailable: () => mode("down"),
    invalid_result: () => mode("broken"),
    busy: () => mode("busy"),
  },
  callbackUrl: "http://refrain.test/api/webhooks/fake?job=job_contract&token=t",
  callbacks: async () => [],
});

describe("a song ordered on the fake engine", () => {
  const db = database(env.DB);
  beforeEach(async () => {
    await sim("/__sim/reset", {});
    await fake("/__sim/reset");
    await db.delete(routingConfigs);
  });

  it("is routed there, delivered into R2 and charged once, like on any engine", async () => {
    await saveRoutingConfig(
      db,
      routingConfigSchema.parse({ arms: [{ provider: "fake", weight: 1 }], failover: [] }),
      "test",
    );
    const { token } = await signUp();
    const before = await credits(token);
    const created = await orderJob(token);
    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED", "TIMED_OUT"]);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.takes).toHaveLength(1);
    const links = await json(await call(`/api/tracks/${done.takes[0].trackId}/links`, { token }));
    const audio = await call(links.streamUrl);
    expect(audio.headers.get("content-type")).toBe("audio/mpeg");
    expect(new Uint8Array(await audio.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0xff, 0xfb]));
    expect((await credits(token)).balance).toBe(before.balance - Number(env.CREDITS_PER_SONG));
    const calls = await callsOf(db, created.id);
    expect(new Set(calls.filter((c) => c.operation !== "writeLyrics").map((c) => c.provider))).toEqual(
      new Set(["fake"]),
    );
  });
});
