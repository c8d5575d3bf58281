import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { jobDataPoint, recordFinishedJob } from "../worker/observability";
import { creditLedger, database, generations, providerCalls } from "./db-access";
import { call, finishedJob, insertJobs, jobRow, json, operator, signUp } from "./helpers";

const db = database(env.DB);
const NOW = Date.now();
const MIN = 60_000;

describe("operator metrics", () => {
  it("computes rates, times, cost, styles, backlog and credits over a window, for operators only", async () => {
    const person = await signUp();
    const ops = await operator();
    const u = person.userId;
    const rows = [
      finishedJob(u, "SUCCEEDED", "suno", 10),
      finishedJob(u, "SUCCEEDED", "suno", 20),
      // An hour of it waited for the person to approve the lyrics: the song itself took 100 s.
      { ...finishedJob(u, "SUCCEEDED", "suno", 3_700), approveLyrics: true, waitedMs: 3_600_000 },
      finishedJob(u, "FAILED", "suno", 50),
      finishedJob(u, "CANCELED", "suno", 5),
      finishedJob(u, "SUCCEEDED", "internal", 30),
      finishedJob(u, "TIMED_OUT", "internal", 900),
      finishedJob(u, "SUCCEEDED", "suno", 40, 2 * 86_400_000), // two days ago: outside 24 h
      jobRow(u, { status: "GENERATING_MUSIC", updatedAt: NOW - 120_000 }),
      jobRow(u, { status: "GENERATING_MUSIC", updatedAt: NOW - 30_000 }),
      jobRow(u, { status: "QUEUED", updatedAt: NOW - 5_000 }),
    ];
    await insertJobs(rows);
    const styles = [
      ["pop"],
      ["pop", "rock"],
      ["Pop"],
      ["jazz"],
      ["rock"],
      ["jazz"],
      ["pop"],
      ["pop"],
      ["folk"],
      ["folk"],
      ["folk"],
    ];
    await db.insert(generations).values(
      rows.map((r, i) => ({
        jobId: r.id,
        mode: "context" as const,
        language: "fr" as const,
        vocal: "female" as const,
        styleTags: styles[i]!,
        durationSeconds: 60,
        seed: 1,
        updatedAt: NOW,
      })),
    );
    const callAt = NOW - 40 * MIN;
    await db.insert(providerCalls).values([
      ...rows.slice(0, 3).map((r) => ({
        provider: "suno",
        operation: "createTrack" as const,
        jobId: r.id,
        latencyMs: 200,
        costCents: 12,
        outcome: "ok" as const,
        createdAt: callAt,
      })),
      ...rows.slice(0, 3).map((r) => ({
        provider: "suno",
        operation: "getStatus" as const,
        jobId: r.id,
        latencyMs: 100,
        outcome: "ok" as const,
        createdAt: callAt,
      })),
      {
        provider: "suno",
        operation: "createTrack" as const,
        jobId: rows[3]!.id,
        latencyMs: 900,
        outcome: "error" as const,
        error: "unavailable: 500",
        createdAt: callAt,
      },
      {
        provider: "suno",
        operation: "createTrack" as const,
        jobId: rows[0]!.id,
        latencyMs: 900,
        costCents: 6,
        outcome: "error" as const,
        error: "timeout",
        createdAt: callAt,
      },
      {
        provider: "internal",
        operation: "createTrack" as const,
        jobId: rows[5]!.id,
        latencyMs: 50,
        outcome: "ok" as const,
        createdAt: callAt,
      },
      {
        provider: "builtin",
        operation: "writeLyrics" as const,
        jobId: rows[5]!.id,
        latencyMs: 10,
        outcome: "ok" as const,
        createdAt: callAt,
      },
    ]);
    const ledger = (kind: "hold" | "capture" | "release", amount: number) => ({
      id: crypto.randomUUID(),
      userId: u,
      kind,
      amount,
      reason: "test",
      entryKey: `test:${crypto.randomUUID()}`,
      createdAt: callAt,
    });
    await db.insert(creditLedger).values([ledger("hold", 30), ledger("capture", 20), ledger("release", 10)]);

    expect((await call("/api/admin/metrics")).status).toBe(401);
    expect((await call("/api/admin/metrics", { token: person.token })).status).toBe(404);
    expect((await call("/api/admin/metrics?window=2d", { token: ops })).status).toBe(400);
    const res = await call("/api/admin/metrics?window=24h", { token: ops });
    expect(res.status).toBe(200);
    const m = await json(res);
    expect(m.jobs).toEqual({ finished: 7, succeeded: 4, failed: 1, timedOut: 1, canceled: 1, successRate: 4 / 6 });
    expect(m.generation).toEqual({ songs: 4, meanMs: 40_000, p95Ms: 100_000 });
    expect(m.cost).toEqual({ songs: 4, pricedSongs: 3, totalCents: 42, meanCentsPerSong: 10.5 });
    expect(m.providers).toEqual([
      // The lyrics writer: its calls are counted, it made no song.
      {
        provider: "builtin",
        calls: 1,
        lyricsCalls: 1,
        callErrors: 0,
        callSuccessRate: 1,
        meanLatencyMs: 10,
        costCents: 0,
        jobs: 0,
        jobsSucceeded: 0,
        jobSuccessRate: null,
      },
      {
        provider: "internal",
        calls: 1,
        lyricsCalls: 0,
        callErrors: 0,
        callSuccessRate: 1,
        meanLatencyMs: 50,
        costCents: 0,
        jobs: 2,
        jobsSucceeded: 1,
        jobSuccessRate: 0.5,
      },
      {
        provider: "suno",
        calls: 8,
        lyricsCalls: 0,
        callErrors: 2,
        callSuccessRate: 0.75,
        meanLatencyMs: 337.5,
        costCents: 42,
        jobs: 5,
        jobsSucceeded: 3,
        jobSuccessRate: 0.75,
      },
    ]);
    // Created in the window (the two-day-old job is not), case folded.
    expect(m.styles.slice(0, 3)).toEqual([
      { style: "pop", jobs: 4 },
      { style: "folk", jobs: 3 },
      { style: "jazz", jobs: 2 },
    ]);
    const music = m.queues.find((q: { status: string }) => q.status === "GENERATING_MUSIC");
    expect(music).toMatchObject({ stage: "music", jobs: 2 });
    expect(music.oldestAgeSeconds).toBeGreaterThanOrEqual(120);
    expect(m.queues.find((q: { status: string }) => q.status === "DELIVERING")).toEqual({
      status: "DELIVERING",
      stage: "delivery",
      jobs: 0,
      oldestAgeSeconds: null,
    });
    // Sign-up grants (50 each) are in the window too.
    expect(m.credits).toMatchObject({ reserved: 30, debited: 20, refunded: 10, granted: 100 });
    expect(m.series).toHaveLength(24);
    expect(m.series.reduce((s: number, p: { succeeded: number }) => s + p.succeeded, 0)).toBe(4);

    const week = await json(await call("/api/admin/metrics?window=7d", { token: ops }));
    expect(week.jobs.succeeded).toBe(5);
  });

  it("writes one Analytics Engine data point per finished job, with its cost", async () => {
    // The dataset binding exists locally (miniflare's simulator keeps nothing).
    expect(typeof env.ANALYTICS.writeDataPoint).toBe("function");
    const { userId } = await signUp();
    const job = finishedJob(userId, "SUCCEEDED", "suno", 42, MIN);
    const writeDataPoint = vi.fn();
    // The job's object sums the cost of the engine calls it writes with the job's last batch.
    recordFinishedJob({ ANALYTICS: { writeDataPoint } }, job, job.finishedAt!, { costCents: 12, style: "rock" });
    expect(writeDataPoint).toHaveBeenCalledOnce();
    expect(writeDataPoint).toHaveBeenCalledWith(
      jobDataPoint(job, { costCents: 12, style: "rock", finishedAt: job.finishedAt! }),
    );
    expect(writeDataPoint.mock.calls[0]![0]).toEqual({
      indexes: ["suno"],
      blobs: ["SUCCEEDED", "suno", "arm:suno", "", "context", "rock"],
      doubles: [42_000, 10, 12, 1],
    });
  });
});
