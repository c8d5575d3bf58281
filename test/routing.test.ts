import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { beforeEach, describe, expect, it } from "vitest";
import { config } from "../worker/config";
import { callbackUrl } from "../worker/jobs";
import { defaultRoutingConfig } from "../worker/routing";
import { recordCircuitOutcome } from "../worker/routing/health";
import { callsOf, database, jobs, providerHealth, routingConfigs } from "./db-access";
import { call, contextOrder, json, order, orderJob, signUp, sim, waitFor, waitForStatus } from "./helpers";

const db = database(env.DB);

async function operator() {
  const res = await call("/api/auth/signup", {
    method: "POST",
    body: JSON.stringify({ email: "ops@refrain.test", password: "operator passphrase" }),
  });
  if (res.status === 201) return (await json(res)).accessToken as string;
  return (
    await json(
      await call("/api/auth/signin", {
        method: "POST",
        body: JSON.stringify({ email: "ops@refrain.test", password: "operator passphrase" }),
      }),
    )
  ).accessToken as string;
}
const putRouting = async (token: string, config: unknown) =>
  call("/api/admin/routing", { method: "PUT", token, body: JSON.stringify(config) });

beforeEach(async () => {
  await sim("/__sim/reset", {});
  await db.delete(routingConfigs);
  await db.delete(providerHealth);
});

describe("routing at run time", () => {
  it("lets operators read and replace the routing, refuses unknown engines, and hides it from others", async () => {
    const ops = await operator();
    const { token } = await signUp();
    expect((await call("/api/admin/routing", { token })).status).toBe(404);
    const current = await json(await call("/api/admin/routing", { token: ops }));
    expect(current.config.failover).toEqual(["suno", "internal", "instrumental"]);
    const bad = await putRouting(ops, { arms: [{ provider: "nope", weight: 1 }] });
    expect(bad.status).toBe(400);
    expect(
      (await putRouting(ops, { arms: [{ provider: "internal", weight: 1 }], failover: ["internal", "instrumental"] }))
        .status,
    ).toBe(200);
    const job = await orderJob(token);
    expect(job.provider).toBe("internal");
    expect((await db.select().from(jobs).where(eq(jobs.id, job.id)).get())?.arm).toBe("arm:internal");
  });

  it("offers a default routing the API takes back as it is: an engine this deployment does not configure is left out of it", async () => {
    // As `npm start` runs: Suno is in the failover chain, but without its address it is not an engine here.
    const local = { ...env, MUSIC_PROVIDER: "internal", SUNO_API_BASE_URL: "" } as Env;
    expect(config(local).FAILOVER_CHAIN).toEqual(["suno", "internal", "instrumental"]);
    expect(defaultRoutingConfig(local).failover).toEqual(["internal", "instrumental"]);
    const ops = await operator();
    const { default: offered } = await json(await call("/api/admin/routing", { token: ops }));
    expect((await putRouting(ops, offered)).status).toBe(200);
  });

  it("forces an engine per job for operators only", async () => {
    const ops = await operator();
    const forced = await json(await order(ops, contextOrder({ engine: "internal" })));
    expect(forced.provider).toBe("internal");
    expect((await db.select().from(jobs).where(eq(jobs.id, forced.id)).get())?.arm).toBe("forced");
    const { token } = await signUp();
    const refused = await order(token, contextOrder({ engine: "internal" }));
    expect(refused.status).toBe(400);
    expect((await json(refused)).error.fields.engine).toBeDefined();
  });

  it("skips an engine whose circuit is open, and reports it to operators", async () => {
    const ops = await operator();
    await putRouting(ops, { arms: [{ provider: "suno", weight: 1 }], failover: ["suno", "internal"] });
    for (let i = 0; i < 5; i++) await recordCircuitOutcome(env, db, "suno", false);
    const { token } = await signUp();
    const job = await orderJob(token);
    expect(job.provider).toBe("internal");
    expect((await db.select().from(jobs).where(eq(jobs.id, job.id)).get())?.arm).toBe("failover");
    const { providers } = await json(await call("/api/admin/providers", { token: ops }));
    expect(providers.find((p: { id: string }) => p.id === "suno")).toMatchObject({ circuit: "open" });
  });

  it("compares two engines blind: one take each, unlabeled, and counts the take people keep", async () => {
    const ops = await operator();
    await putRouting(ops, {
      arms: [{ provider: "suno", weight: 1 }],
      blind: { providers: ["suno", "internal"], percent: 100 },
      failover: ["instrumental"],
    });
    const { token } = await signUp();
    const created = await orderJob(token);
    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"]);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.takes).toHaveLength(2);
    expect(JSON.stringify(done.takes)).not.toMatch(/suno|internal/);
    const stored = await Promise.all(
      done.takes.map(async (t: { trackId: string }) => json(await call(`/api/tracks/${t.trackId}`, { token }))),
    );
    expect(JSON.stringify(stored)).not.toMatch(/suno|internal/);

    // Each engine's calls are its own: in the job's log, and in the console's health table, whose circuits they feed.
    const calls = await callsOf(db, created.id);
    expect([...new Set(calls.map((c) => c.provider))].sort()).toEqual(["internal", "suno"]);
    for (const engine of ["internal", "suno"])
      expect(calls.filter((c) => c.provider === engine).map((c) => c.operation)).toEqual(
        expect.arrayContaining(["createTrack", "fetchResult"]),
      );
    const health = (await json(await call("/api/admin/providers", { token: ops }))).providers as { id: string }[];
    expect(health.map((p) => p.id)).not.toContainEqual(expect.stringMatching(/^blind:/));
    const circuits = await db.select().from(providerHealth);
    expect(circuits.map((c) => c.provider).sort()).toEqual(["internal", "suno"]);

    const kept = done.takes[1].trackId;
    expect(
      (await call(`/api/jobs/${created.id}/choose`, { method: "POST", token, body: JSON.stringify({ trackId: kept }) }))
        .status,
    ).toBe(200);
    const { pairs } = await json(await call("/api/admin/preferences", { token: ops }));
    expect(pairs).toHaveLength(1);
    expect(pairs[0].providers).toEqual(["internal", "suno"]);
    expect(pairs[0].comparisons).toBe(1);
    expect(Object.values(pairs[0].kept).sort()).toEqual([0, 1]);
  });

  it("takes the engine's signed callbacks as hints and refuses forged ones", async () => {
    const ops = await operator();
    const created = await json(await order(ops, contextOrder({ engine: "internal" })));
    const row = await waitFor("the engine task", async () => {
      const j = await db.select().from(jobs).where(eq(jobs.id, created.id)).get();
      return j?.providerTaskId ? j : null;
    });
    const hook = new URL(await callbackUrl(env, "internal", created.id));
    const path = hook.pathname + hook.search;
    const body = JSON.stringify({
      type: "track.succeeded",
      data: { id: row.providerTaskId!.split(",")[0], status: "succeeded" },
    });
    const signed = (secret: string) => {
      const id = `msg_${crypto.randomUUID()}`;
      const at = new Date();
      return {
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
        "webhook-signature": new Webhook(secret).sign(id, at, body),
      };
    };
    const good = signed(env.ENGINE_WEBHOOK_SECRET);
    expect((await call(path, { method: "POST", body, headers: good })).status).toBe(200);
    expect((await json(await call(path, { method: "POST", body, headers: good }))).duplicate).toBe(true);
    expect(
      (await call(path, { method: "POST", body, headers: signed(`whsec_${btoa("someone-else-entirely-32-bytes!!")}`) }))
        .status,
    ).toBe(403);
    expect((await waitForStatus(ops, created.id, ["SUCCEEDED", "FAILED"])).status).toBe("SUCCEEDED");
  });
});
