import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "./engine";

// On Modal, every container runs its own gateway over one Volume: whichever container a call lands on must
// answer for a track another one accepted and rendered. Two gateways here share one state folder the same way.
const TOKEN = "engine-test-token";
const thread = new URL("../../test-fixtures/sleepy-thread.mjs", import.meta.url);
let gateways: Awaited<ReturnType<typeof createEngine>>[] = [];

const json = async (res: Response): Promise<any> => res.json();
const call = (g: number, path: string, init: RequestInit = {}) =>
  gateways[g]!.app.request(path, {
    ...init,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      "content-type": "application/json",
      ...(init.headers as Record<string, string>),
    },
  });
const submit = (g: number, durationSeconds = 10) =>
  call(g, "/v1/tracks", {
    method: "POST",
    body: JSON.stringify({
      lyrics: null,
      styleTags: ["pop"],
      durationSeconds,
      vocal: "instrumental",
      language: "fr",
      seed: 7,
    }),
  });
async function until(g: number, id: string, statuses: string[]) {
  for (;;) {
    const res = await call(g, `/v1/tracks/${id}`);
    expect(res.status).toBe(200);
    const track = await json(res);
    if (statuses.includes(track.status)) return track;
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "engine-shared-"));
  const config = {
    port: 0,
    publicUrl: "http://engine.test",
    token: TOKEN,
    webhookSecret: null,
    concurrency: 1,
    maxQueue: 4,
    dataDir,
    retentionMs: 60_000,
  };
  gateways = [await createEngine(config, thread, () => undefined), await createEngine(config, thread, () => undefined)];
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close(100)));
});

describe("two gateways sharing one state folder", () => {
  for (const [made, asked] of [
    [0, 1],
    [1, 0],
    [0, 0],
  ] as const)
    it(`serve a track made on gateway ${made}: status and audio from gateway ${asked}`, async () => {
      const created = await json(await submit(made));
      expect(["queued", "running"]).toContain(created.status);
      const seen = await json(await call(asked, `/v1/tracks/${created.id}`));
      expect(["queued", "running"]).toContain(seen.status);
      const done = await until(asked, created.id, ["succeeded", "failed"]);
      expect(done.status).toBe("succeeded");
      expect(done.result.durationSeconds).toBeGreaterThan(0);

      // The signed link the other gateway handed out, and the bearer route, both serve the bytes.
      const link = new URL(done.result.audio.mp3);
      const byLink = await gateways[made]!.app.request(`${link.pathname}${link.search}`);
      expect(byLink.status).toBe(200);
      const mp3 = new Uint8Array(await byLink.arrayBuffer());
      expect([mp3[0], mp3[1]]).toEqual([0xff, 0xfb]);
      const wav = await call(asked, `/v1/tracks/${created.id}/audio?format=wav`);
      expect(wav.status).toBe(200);
      expect(new TextDecoder().decode(new Uint8Array(await wav.arrayBuffer()).slice(0, 4))).toBe("RIFF");
    });

  it("lets either gateway cancel a track the other is rendering, and both then say so", async () => {
    const created = await json(await submit(0, 200));
    await until(0, created.id, ["running"]);
    const canceled = await json(await call(1, `/v1/tracks/${created.id}`, { method: "DELETE" }));
    expect(canceled.status).toBe("canceled");
    await new Promise((r) => setTimeout(r, 2_500));
    for (const g of [0, 1]) expect((await json(await call(g, `/v1/tracks/${created.id}`))).status).toBe("canceled");
  });

  it("answers 404 on both for a track neither knows", async () => {
    for (const g of [0, 1])
      expect((await call(g, `/v1/tracks/trk_00000000-0000-0000-0000-000000000000`)).status).toBe(404);
  });
});
