import {
  createExecutionContext,
  createMessageBatch,
  getQueueResult,
  runDurableObjectAlarm,
  runInDurableObject,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Job } from "../db";
import { routingConfigSchema } from "../providers";
import worker from "../worker";
import { jobStub } from "../worker/jobs";
import { saveRoutingConfig } from "../worker/routing";
import { callsOf, database, jobs, eventsOf as loggedEvents, routingConfigs } from "./db-access";
import {
  call,
  credits,
  getJob,
  json,
  orderJob,
  pastDeadline,
  readEvents,
  signUp,
  sim,
  waitFor,
  waitForStatus,
} from "./helpers";

const COST = Number(env.CREDITS_PER_SONG);
const db = database(env.DB);

beforeEach(async () => {
  await sim("/__sim/reset", {});
  await db.delete(routingConfigs);
});

/** An operator's routing: everything to the hosted Suno API, and no failover unless given. */
const routeTo = (failover: string[] = []) =>
  saveRoutingConfig(db, routingConfigSchema.parse({ arms: [{ provider: "suno", weight: 1 }], failover }), "test");

const eventsOf = (jobId: string) => loggedEvents(db, jobId);

/**
 * The job's object dies once it has written the job's end to D1, before it clears its storage:
 * `deleteAlarm` is the first storage call after the terminal batch. What a death leaves is reproduced
 * without `state.abort()` (which leaves vitest-pool-workers unable to tear down, workers-sdk #14180): the
 * step stops there with an error, and the object loses what it kept in memory, so its next run starts from
 * what its storage held, the job still running.
 */
const killAfterItsEnd = (jobId: string) =>
  runInDurableObject(jobStub(env, jobId), (object, state) => {
    const { storage } = state;
    const deleteAlarm = storage.deleteAlarm.bind(storage);
    storage.deleteAlarm = async () => {
      storage.deleteAlarm = deleteAlarm;
      Object.assign(object, { held: null });
      throw new Error("killed after the job's terminal batch");
    };
  });

const storageOf = (jobId: string) =>
  runInDurableObject(jobStub(env, jobId), async (_object, state) => ({
    held: await state.storage.get<{ job: Job }>("held"),
    keys: (await state.storage.list()).size,
    alarm: await state.storage.getAlarm(),
  }));

const statusInD1 = async (jobId: string) => (await db.select().from(jobs).where(eq(jobs.id, jobId)).get())?.status;

function settlements(ledger: { kind: string; jobId: string | null }[], jobId: string) {
  return ledger.filter((e) => e.jobId === jobId && (e.kind === "capture" || e.kind === "release")).map((e) => e.kind);
}

describe("a song order, end to end with the simulated engine", () => {
  it("writes lyrics, generates, stores both takes in R2 and debits the credits once", async () => {
    const { token } = await signUp();
    const before = await credits(token);
    const created = await orderJob(token);
    expect(created.status).toBe("QUEUED");
    expect((await credits(token)).reserved).toBe(COST);

    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED", "TIMED_OUT"]);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.lyrics.sections.some((s: any) => s.kind === "chorus")).toBe(true);
    expect(done.takes).toHaveLength(2);

    const after = await credits(token);
    expect(after.balance).toBe(before.balance - COST);
    expect(after.reserved).toBe(0);
    expect(settlements(after.ledger, created.id)).toEqual(["capture"]);

    // The audio is ours now: each take is in R2 under the user's prefix and its link streams it.
    for (const take of done.takes) {
      const links = await json(await call(`/api/tracks/${take.trackId}/links`, { token }));
      const audio = await call(links.streamUrl);
      expect(audio.status).toBe(200);
      expect(audio.headers.get("content-type")).toBe("audio/mpeg");
      const bytes = new Uint8Array(await audio.arrayBuffer());
      expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfb]);
      expect(bytes.byteLength).toBe(take.sizeBytes);
    }

    // The engine got the lyrics, the style and a callback URL carrying this job's token.
    const tasks = await sim("/__sim/tasks");
    const music = tasks.find((t: any) => t.kind === "music" && t.request.callBackUrl?.includes(created.id));
    expect(music.request).toMatchObject({ customMode: true, instrumental: false, vocalGender: "f" });
    expect(music.request.prompt).toContain("Marie");

    const calls = await callsOf(db, created.id);
    expect(new Set(calls.map((c) => c.operation))).toEqual(
      new Set(["writeLyrics", "createTrack", "getStatus", "fetchResult"]),
    );

    const events = await eventsOf(created.id);
    expect(events.map((e) => e.status).filter((s, i, all) => s !== all[i - 1])).toEqual([
      "QUEUED",
      "WRITING_LYRICS",
      "GENERATING_MUSIC",
      "POSTPROCESSING",
      "DELIVERING",
      "SUCCEEDED",
    ]);
  });

  it("sings the person's own lyrics in custom mode", async () => {
    const { token } = await signUp();
    const created = await orderJob(token, {
      mode: "custom",
      title: "Pour Paul",
      lyrics: "[Verse]\nPaul rentre du travail\n[Chorus]\nJoyeux anniversaire Paul",
      language: "fr",
      styleTags: ["chanson"],
      vocal: "male",
    });
    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"]);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.lyrics.sections).toEqual([
      { kind: "verse", lines: ["Paul rentre du travail"] },
      { kind: "chorus", lines: ["Joyeux anniversaire Paul"] },
    ]);
    const tasks = await sim("/__sim/tasks");
    expect(
      tasks.some((t: any) => t.kind === "lyrics" && String(t.request.callBackUrl ?? "").includes(created.id)),
    ).toBe(false);
    const music = tasks.find(
      (t: any) => t.kind === "music" && String(t.request.callBackUrl ?? "").includes(created.id),
    );
    expect(music.request).toMatchObject({ title: "Pour Paul", vocalGender: "m" });
  });

  it("refunds the credits when the engine fails the generation and no other engine is left", async () => {
    await routeTo([]);
    await sim("/__sim/behaviour", { outcome: "fail" });
    const { token } = await signUp();
    const before = await credits(token);
    const created = await orderJob(token);
    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"]);
    expect(done.status).toBe("FAILED");
    expect(done.error).toEqual({
      code: "engine_unavailable",
      message: "No music engine could make this song right now.",
    });
    const after = await credits(token);
    expect(after.balance).toBe(before.balance);
    expect(after.reserved).toBe(0);
    expect(settlements(after.ledger, created.id)).toEqual(["release"]);
  });

  it("fails over to the next engine when one fails, and debits once", async () => {
    await routeTo(["suno", "internal", "instrumental"]);
    await sim("/__sim/behaviour", { outcome: "fail" });
    const { token } = await signUp();
    const before = await credits(token);
    const created = await orderJob(token);
    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"]);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.provider).toBe("internal");
    expect(done.takes).toHaveLength(2);
    // Our engine also delivers a lossless copy, kept beside the MP3.
    const links = await json(await call(`/api/tracks/${done.takes[0].trackId}/links`, { token }));
    const wav = await call(links.wavDownloadUrl);
    expect(wav.status).toBe(200);
    expect(wav.headers.get("content-type")).toBe("audio/wav");
    expect(wav.headers.get("content-disposition")).toMatch(/filename="[^"]+\.wav"; filename\*=UTF-8''[^;]+\.wav$/);
    expect(new TextDecoder().decode((await wav.arrayBuffer()).slice(0, 4))).toBe("RIFF");
    const row = await db.select().from(jobs).where(eq(jobs.id, created.id)).get();
    expect(row).toMatchObject({ providersTried: ["suno", "internal"], arm: "failover" });
    const events = await eventsOf(created.id);
    expect(events.find((e) => e.type === "failover")?.data).toMatchObject({
      failover: { from: "suno", to: "internal" },
    });
    const after = await credits(token);
    expect(after.balance).toBe(before.balance - COST);
    expect(settlements(after.ledger, created.id)).toEqual(["capture"]);
  });

  it("answers a moderation refusal with a clear error and no charge", async () => {
    await sim("/__sim/behaviour", { outcome: "sensitive" });
    const { token } = await signUp();
    const created = await orderJob(token);
    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"]);
    expect(done.error.code).toBe("content_refused");
    expect((await credits(token)).reserved).toBe(0);
  });

  it("cancels mid-flight, refunds once, and late engine news changes nothing", async () => {
    await sim("/__sim/behaviour", { outcome: "never" });
    const { token } = await signUp();
    const before = await credits(token);
    const created = await orderJob(token);
    await waitFor(
      "the task to be submitted",
      async () => (await db.select().from(jobs).where(eq(jobs.id, created.id)).get())?.providerTaskId,
    );

    const canceled = await call(`/api/jobs/${created.id}/cancel`, { method: "POST", token });
    expect(canceled.status).toBe(200);
    expect((await json(canceled)).status).toBe("CANCELED");
    expect((await call(`/api/jobs/${created.id}/cancel`, { method: "POST", token })).status).toBe(200);

    // The engine finishes after all: the job stays canceled and nobody is charged.
    await sim("/__sim/behaviour", { outcome: "success" });
    const stub = jobStub(env, created.id);
    expect((await stub.apply(created.id, { type: "music_ready", from: { engine: "suno", attempt: 1 } })).applied).toBe(
      false,
    );
    expect((await stub.apply(created.id, { type: "delivered", tracks: [] })).applied).toBe(false);
    const after = await credits(token);
    expect(after.balance).toBe(before.balance);
    expect(settlements(after.ledger, created.id)).toEqual(["release"]);
    expect((await getJob(token, created.id)).status).toBe("CANCELED");
  });

  it("handles duplicate and out-of-order callbacks once, and refuses forged ones", async () => {
    await sim("/__sim/behaviour", { pollsToComplete: 3 });
    const { token } = await signUp();
    const created = await orderJob(token);
    const job = await waitFor("the task to be submitted", async () => {
      const row = await db.select().from(jobs).where(eq(jobs.id, created.id)).get();
      return row?.providerTaskId ? row : null;
    });

    const forged = new URL(`/api/webhooks/suno?job=${created.id}&token=not-the-token`, "http://refrain.test");
    expect((await call(forged.pathname + forged.search, { method: "POST", body: "{}" })).status).toBe(403);

    const callbacks: { url: string; body: unknown }[] = [
      ...(await sim(`/__sim/tasks/${job.providerTaskId}/callbacks?order=out_of_order`)),
      ...(await sim(`/__sim/tasks/${job.providerTaskId}/callbacks?order=duplicate`)),
    ];
    const answers = [];
    for (const cb of callbacks) {
      const url = new URL(cb.url);
      const res = await call(url.pathname + url.search, { method: "POST", body: JSON.stringify(cb.body) });
      expect(res.status).toBe(200);
      answers.push(await json(res));
    }
    expect(answers.filter((a) => a.duplicate).length).toBeGreaterThan(0);

    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"]);
    expect(done.status).toBe("SUCCEEDED");
    const events = await eventsOf(created.id);
    expect(events.filter((e) => e.type === "delivered")).toHaveLength(1);
    expect(events.filter((e) => e.type === "music_ready")).toHaveLength(1);
    // States only move forward.
    const order = ["QUEUED", "WRITING_LYRICS", "GENERATING_MUSIC", "POSTPROCESSING", "DELIVERING", "SUCCEEDED"];
    const ranks = events.map((e) => order.indexOf(e.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(settlements((await credits(token)).ledger, created.id)).toEqual(["capture"]);
  });

  it("ends in D1 as its object ends it after a D1 write the object never stored (workerd killed in between), debited once", {
    timeout: 60_000,
  }, async () => {
    await routeTo();
    await sim("/__sim/behaviour", { pollsToComplete: 3 });
    const { token } = await signUp();
    const before = await credits(token);
    const created = await orderJob(token);
    await waitFor("the task to be submitted", async () => {
      const row = await db.select().from(jobs).where(eq(jobs.id, created.id)).get();
      return row?.providerTaskId ? row : null;
    });
    // The object's batch landed in D1, then workerd died before the object stored that it had: D1 is one
    // event ahead of what the object knows it wrote, and the checks that follow change nothing in D1.
    await env.DB.prepare("update jobs set last_seq = last_seq + 1 where id = ?").bind(created.id).run();

    expect((await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"])).status).toBe("SUCCEEDED");
    const row = await db.select().from(jobs).where(eq(jobs.id, created.id)).get();
    expect(row?.status).toBe("SUCCEEDED");
    const after = await credits(token);
    expect(settlements(after.ledger, created.id)).toEqual(["capture"]);
    expect(after.balance).toBe(before.balance - COST);
    expect(after.reserved).toBe(before.reserved);
  });

  it("takes its end from D1 when its object was killed between writing it and clearing its storage, and stops there", {
    timeout: 60_000,
  }, async () => {
    await routeTo();
    const { token } = await signUp();
    const before = await credits(token);
    const created = await orderJob(token);
    await killAfterItsEnd(created.id);
    await waitFor("the end in D1", async () => (await statusInD1(created.id)) === "SUCCEEDED");
    expect((await storageOf(created.id)).held?.job.status).toBe("DELIVERING");

    // The delivery is retried, its batch refused (the takes and the settle key are there): the object takes
    // the end, its listener hears it and the stream closes.
    const events = await readEvents(await call(`/api/jobs/${created.id}/events`, { token }));
    expect(events.at(-1)?.data.status).toBe("SUCCEEDED");
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    await waitFor("the object to let go of the job", async () => (await storageOf(created.id)).keys === 0);
    expect((await storageOf(created.id)).alarm).toBeNull();
    expect(await jobStub(env, created.id).job(created.id)).toMatchObject({ status: "SUCCEEDED" });
    const cancel = await call(`/api/jobs/${created.id}/cancel`, { method: "POST", token });
    expect(cancel.status).toBe(409);

    const after = await credits(token);
    expect(settlements(after.ledger, created.id)).toEqual(["capture"]);
    expect(after.balance).toBe(before.balance - COST);
    expect(after.reserved).toBe(before.reserved);
  });

  it("stays canceled when its object was killed after writing the cancel and the engine then finished", {
    timeout: 60_000,
  }, async () => {
    await routeTo();
    await sim("/__sim/behaviour", { outcome: "pending" });
    const { token } = await signUp();
    const before = await credits(token);
    const created = await orderJob(token);
    await waitFor("the task to be submitted", async () => (await storageOf(created.id)).held?.job.providerTaskId);
    await killAfterItsEnd(created.id);
    // The person's answer is lost with the object; the cancel is in D1.
    await call(`/api/jobs/${created.id}/cancel`, { method: "POST", token });
    expect(await statusInD1(created.id)).toBe("CANCELED");
    expect((await storageOf(created.id)).held?.job.status).toBe("GENERATING_MUSIC");

    // The object's next check finds the song done: that step's batch carries no take and no settlement, and
    // would write the song as post-processing over the cancel if D1 did not refuse it.
    await sim("/__sim/behaviour", { outcome: "success", pollsToComplete: 0 });
    const events = await readEvents(await call(`/api/jobs/${created.id}/events`, { token }));
    expect(events.at(-1)?.data.status).toBe("CANCELED");
    await waitFor("the object to let go of the job", async () => (await storageOf(created.id)).keys === 0);
    expect(await statusInD1(created.id)).toBe("CANCELED");
    // The check that found the song done is one of the job's engine calls for operators, as any call after its end.
    expect((await callsOf(db, created.id)).map((c) => c.operation)).toContain("getStatus");

    const after = await credits(token);
    expect(settlements(after.ledger, created.id)).toEqual(["release"]);
    expect(after.balance).toBe(before.balance);
    expect(after.reserved).toBe(before.reserved);
  });

  it("fails and refunds a job whose message reached the dead-letter queue, once", async () => {
    await routeTo([]);
    await sim("/__sim/behaviour", { outcome: "never" });
    const { token } = await signUp();
    const created = await orderJob(token);
    await waitForStatus(token, created.id, ["GENERATING_MUSIC"]);
    for (let i = 0; i < 2; i++) {
      const batch = createMessageBatch("refrain-dead-letter", [
        { id: `dlq-${i}`, timestamp: new Date(), attempts: 1, body: { role: "postprocess", jobId: created.id } },
      ]);
      const ctx = createExecutionContext();
      await worker.queue(batch, env);
      const result = await getQueueResult(batch, ctx);
      expect(result.explicitAcks).toEqual([`dlq-${i}`]);
    }
    const job = await getJob(token, created.id);
    expect(job.status).toBe("FAILED");
    expect(job.error.code).toBe("engine_unavailable");
    const after = await credits(token);
    expect(after.reserved).toBe(0);
    expect(settlements(after.ledger, created.id)).toEqual(["release"]);
  });

  it("times out at the deadline and refunds once, even when the alarm fires twice", async () => {
    await sim("/__sim/behaviour", { outcome: "never" });
    const { token } = await signUp();
    const before = await credits(token);
    const created = await orderJob(token);
    await waitForStatus(token, created.id, ["GENERATING_MUSIC"]);
    await pastDeadline(created.id);
    const stub = jobStub(env, created.id);
    await runDurableObjectAlarm(stub);
    await stub.start(created.id);
    await runDurableObjectAlarm(stub);
    const job = await getJob(token, created.id);
    expect(job.status).toBe("TIMED_OUT");
    const after = await credits(token);
    expect(after.balance).toBe(before.balance);
    expect(after.reserved).toBe(0);
    expect(settlements(after.ledger, created.id)).toEqual(["release"]);
  });

  it("streams each transition as SSE and replays what a reconnecting listener missed", async () => {
    await sim("/__sim/behaviour", { pollsToComplete: 2 });
    const { token } = await signUp();
    const created = await orderJob(token);
    const live = await call(`/api/jobs/${created.id}/events`, { token });
    expect(live.status).toBe(200);
    expect(live.headers.get("content-type")).toContain("text/event-stream");
    const all = await readEvents(live);
    expect(all.at(-1)?.data.status).toBe("SUCCEEDED");
    expect(all.map((e) => e.id)).toEqual(all.map((_, i) => i + 1));
    expect(all.find((e) => e.event === "lyrics_written")?.data.data.lyrics.sections.length).toBeGreaterThan(0);

    const resumed = await readEvents(
      await call(`/api/jobs/${created.id}/events`, { token, headers: { "last-event-id": "3" } }),
    );
    expect(resumed.map((e) => e.id)).toEqual(all.slice(3).map((e) => e.id));
  });
});
