import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { type RoutingConfigInput, routingConfigSchema } from "../providers";
import worker from "../worker";
import { saveRoutingConfig } from "../worker/routing";
import { database, eventsOf, jobs, callsOf as loggedCalls, providerHealth, routingConfigs } from "./db-access";
import { call, credits, json, orderJob, signUp, sim, waitFor, waitForStatus } from "./helpers";

const COST = Number(env.CREDITS_PER_SONG);
const db = database(env.DB);

beforeEach(async () => {
  await sim("/__sim/reset", {});
  await db.delete(routingConfigs);
  await db.delete(providerHealth);
});

const routing = (config: RoutingConfigInput) => saveRoutingConfig(db, routingConfigSchema.parse(config), "test");
const row = (id: string) => db.select().from(jobs).where(eq(jobs.id, id)).get();
const callsOf = (jobId: string) => loggedCalls(db, jobId);
const failoverOf = async (jobId: string) => (await eventsOf(db, jobId)).find((e) => e.type === "failover");
const settlementsOf = (
  ledger: { kind: string; jobId: string | null; amount: number; reasonKind: string }[],
  jobId: string,
) =>
  ledger
    .filter((e) => e.jobId === jobId && e.kind !== "hold")
    .map((e) => ({ kind: e.kind, amount: e.amount, reasonKind: e.reasonKind }));

async function runQueue(queue: string, bodies: unknown[]) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body, i) => ({ id: `m-${crypto.randomUUID()}-${i}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

// First in the file: jobs a previous test leaves running would still be reporting on the engines' circuits.
describe("back-pressure", () => {
  it("serves 20 orders at once from 10 people on a two-engine A/B through busy answers, and leaves both circuits closed", {
    timeout: 240_000,
  }, async () => {
    await routing({
      arms: [
        { provider: "suno", weight: 1 },
        { provider: "suno-wrapper", weight: 1 },
      ],
      failover: [],
    });
    // The first dozen creates are told to come back in a second: more than enough to trip a breaker that counted them.
    await sim("/__sim/behaviour", { busyCreates: 12 });
    const people = await Promise.all(Array.from({ length: 10 }, () => signUp(100)));
    const orders = await Promise.all(
      people
        .flatMap(({ token }) => [orderJob(token), orderJob(token)])
        .map(async (o, i) => ({ token: people[i >> 1]!.token, job: await o })),
    );
    const done = await Promise.all(
      orders.map(({ token, job }) => waitForStatus(token, job.id, ["SUCCEEDED", "FAILED", "TIMED_OUT"], 200_000)),
    );
    expect(done.map((j) => j.status)).toEqual(done.map(() => "SUCCEEDED"));
    expect(new Set(done.map((j) => j.provider))).toEqual(new Set(["suno", "suno-wrapper"]));
    expect((await sim("/__sim/behaviour")).busyCreates).toBe(0);
    const health = await db.select().from(providerHealth);
    for (const engine of ["suno", "suno-wrapper"])
      expect(health.find((h) => h.provider === engine)?.state ?? "closed", engine).toBe("closed");
    const busy = (await Promise.all(orders.map(({ job }) => eventsOf(db, job.id))))
      .flat()
      .filter((e) => e.type === "busy");
    expect(busy.length).toBeGreaterThan(0);
  });
});

describe("engines that misbehave", () => {
  it("fails over exactly one step when the old engine's failure is reported twice at once", {
    timeout: 90_000,
  }, async () => {
    await routing({ arms: [{ provider: "suno", weight: 1 }], failover: ["suno", "internal", "instrumental"] });
    await sim("/__sim/behaviour", { outcome: "never" });
    const { token } = await signUp();
    const created = await orderJob(token);
    const submitted = await waitFor("the Suno task", async () => {
      const job = await row(created.id);
      return job?.providerTaskId ? job : null;
    });
    await sim("/__sim/behaviour", { outcome: "fail" });
    // Two checks of the old task run side by side: both see it failed.
    const poll = {
      role: "music",
      op: "poll",
      jobId: created.id,
      provider: "suno",
      attempt: 1,
      taskId: submitted.providerTaskId,
    };
    await runQueue("refrain-music", [poll, poll]);

    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"], 60_000);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.provider).toBe("internal");
    expect((await row(created.id))?.providersTried).toEqual(["suno", "internal"]);
    const events = await eventsOf(db, created.id);
    expect(events.filter((e) => e.type === "failover")).toHaveLength(1);
    expect(events.some((e) => e.type === "ignored")).toBe(true);
    // A sung song, by an engine that sings: the full price, once.
    expect(settlementsOf((await credits(token)).ledger, created.id)).toEqual([
      { kind: "capture", amount: COST, reasonKind: "delivered" },
    ]);
  });

  // The hosted API's code 400 ("copyrighted lyrics or sensitive words"), and the wrapper's content-policy clip error.
  for (const [engine, outcome, code] of [
    ["suno", "refused", "copyright_refused"],
    ["suno-wrapper", "sensitive", "content_refused"],
  ] as const) {
    it(`stops at a refusal of the words by ${engine}, refunds it and calls no other engine`, {
      timeout: 90_000,
    }, async () => {
      await routing({ arms: [{ provider: engine, weight: 1 }], failover: [engine, "internal", "instrumental"] });
      await sim("/__sim/behaviour", { outcome });
      const { token } = await signUp();
      const before = await credits(token);
      const created = await orderJob(token);
      const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"], 60_000);
      expect(done.status).toBe("FAILED");
      expect(done.error.code).toBe(code);
      // Our words, never the engine's; the lyrics stay with the order so they can be changed.
      expect(done.error.message).not.toMatch(/sensitive|copyrighted/i);
      expect(done.lyrics.sections.length).toBeGreaterThan(0);
      const after = await credits(token);
      expect(after.balance).toBe(before.balance);
      expect(after.reserved).toBe(0);
      expect(settlementsOf(after.ledger, created.id)).toEqual([
        { kind: "release", amount: COST, reasonKind: "refund" },
      ]);
      const music = (await callsOf(created.id)).filter((c) => c.operation === "createTrack");
      expect(music.map((c) => c.provider)).toEqual([engine]);
      expect((await row(created.id))?.providersTried).toEqual([engine]);
    });
  }

  it("leaves a hung engine for the next one long before the deadline", { timeout: 90_000 }, async () => {
    await routing({
      arms: [{ provider: "suno", weight: 1 }],
      failover: ["suno", "internal"],
      stallSeconds: { suno: 3 },
    });
    await sim("/__sim/behaviour", { outcome: "never" });
    const { token } = await signUp();
    const created = await orderJob(token);
    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED", "TIMED_OUT"], 60_000);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.provider).toBe("internal");
    const failover = await failoverOf(created.id);
    expect(failover?.data).toMatchObject({ failover: { from: "suno", to: "internal", code: "engine_stalled" } });
    expect(failover!.createdAt).toBeLessThan(Date.parse(done.deadlineAt) - 600_000);
  });

  // D1 binds at most 100 values to a statement: a job's log and engine calls, written when it ends, once made
  // one insert each, and a long job's terminal batch failed every time (found by bench/faults.mjs). They are one
  // row now, and its tracks are inserted in groups.
  it("ends an order whose log and engine calls are too long for one statement, and keeps them all", {
    timeout: 120_000,
  }, async () => {
    await routing({ arms: [{ provider: "suno", weight: 1 }], failover: [] });
    await sim("/__sim/behaviour", { busyCreates: 16 });
    const { token } = await signUp();
    const created = await orderJob(token);
    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED", "TIMED_OUT"], 100_000);
    expect(done.status).toBe("SUCCEEDED");
    const events = await eventsOf(db, created.id);
    expect(events.filter((e) => e.type === "busy").length).toBe(16);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const creates = (await callsOf(created.id)).filter((c) => c.operation === "createTrack");
    expect(creates).toHaveLength(17);
    expect(settlementsOf((await credits(token)).ledger, created.id)).toEqual([
      { kind: "capture", amount: COST, reasonKind: "delivered" },
    ]);
  });

  it("leaves an engine in maintenance after three tries", { timeout: 90_000 }, async () => {
    await routing({ arms: [{ provider: "suno", weight: 1 }], failover: ["suno", "internal"] });
    await sim("/__sim/behaviour", { create: "code455" });
    const { token } = await signUp();
    // The person's own lyrics: the maintenance answers are the music engine's alone.
    const created = await orderJob(token, {
      mode: "custom",
      title: "Pour Paul",
      lyrics: "[Verse]\nPaul rentre du travail\n[Chorus]\nJoyeux anniversaire Paul",
      language: "fr",
    });
    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"], 60_000);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.provider).toBe("internal");
    const creates = (await callsOf(created.id)).filter((c) => c.operation === "createTrack" && c.provider === "suno");
    expect(creates).toHaveLength(3);
  });

  // A take far from the length ordered (Suno picks its own, up to 8 minutes), and audio the engine no longer has.
  for (const [fault, behaviour] of [
    ["a take of the wrong length", { clipSeconds: 900 }],
    ["audio that has expired", { audio: "missing" }],
  ] as const) {
    it(`moves an order on to the next engine at once for ${fault}, as an invalid result`, {
      timeout: 90_000,
    }, async () => {
      await routing({ arms: [{ provider: "suno", weight: 1 }], failover: ["suno", "internal"] });
      await sim("/__sim/behaviour", behaviour);
      const { token } = await signUp();
      const created = await orderJob(token);
      const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"], 60_000);
      expect(done.status).toBe("SUCCEEDED");
      expect(done.provider).toBe("internal");
      const failover = await failoverOf(created.id);
      expect(failover?.data).toMatchObject({ failover: { from: "suno", to: "internal", code: "result_invalid" } });
      expect(settlementsOf((await credits(token)).ledger, created.id)).toEqual([
        { kind: "capture", amount: COST, reasonKind: "delivered" },
      ]);
    });
  }

  it("charges the instrumental price when a sung order ends without a voice, and refunds the difference in the same settlement", {
    timeout: 90_000,
  }, async () => {
    await routing({ arms: [{ provider: "suno", weight: 1 }], failover: ["suno", "instrumental"] });
    await sim("/__sim/behaviour", { outcome: "fail" });
    const { token } = await signUp();
    const before = await credits(token);
    const created = await orderJob(token);
    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"], 60_000);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.provider).toBe("instrumental");
    const price = Number(env.CREDITS_PER_INSTRUMENTAL);
    const after = await credits(token);
    expect(after.balance).toBe(before.balance - price);
    expect(after.reserved).toBe(0);
    expect(settlementsOf(after.ledger, created.id).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: "capture", amount: price, reasonKind: "delivered" },
      { kind: "release", amount: COST - price, reasonKind: "price_difference" },
    ]);
    // The takes sing none of the order's lyrics, and say so: their pages show no line as sung.
    expect(done.lyrics.sections.length).toBeGreaterThan(0);
    expect(done.takes.length).toBeGreaterThan(0);
    for (const { trackId } of done.takes) {
      const track = await json(await call(`/api/tracks/${trackId}`, { token }));
      expect(track.timings).toEqual([]);
    }
  });
});
