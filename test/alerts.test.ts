import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../worker";
import { config } from "../worker/config";
import { checkAlerts, firingConditions } from "../worker/observability";
import { alerts, database, jobLogs, jobs, providerCalls, providerHealth } from "./db-access";
import { call, finishedJob, insertJobs, json, operator, signUp } from "./helpers";

const db = database(env.DB);
const receiver = (path: string, init?: RequestInit) => fetch(new URL(path, env.ALERT_WEBHOOK_URL), init);
/** The texts the webhook received, oldest first. */
const received = async () =>
  ((await (await receiver("/__received")).json()) as { path: string; body: { text: string } }[]).map(
    (r) => r.body.text,
  );

/** The alerts as the console reads them. */
const consoleAlerts = async (token: string) => {
  const res = await call("/api/admin/alerts", { token });
  return { status: res.status, body: res.status === 200 ? await json(res) : null };
};

const cron = () => worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: "* * * * *" }), env);

beforeEach(async () => {
  await receiver("/__reset", { method: "POST" });
  await db.batch([
    db.delete(alerts),
    db.delete(providerHealth),
    db.delete(providerCalls),
    db.delete(jobLogs),
    db.delete(jobs),
  ]);
});

describe("alerts on the cron trigger", () => {
  it("announces an engine whose circuit opens once while it stays open, then its recovery once", async () => {
    const now = Date.now();
    await db.insert(providerHealth).values({
      provider: "suno",
      state: "open",
      recent: [true, false, false, false, false, false],
      openedAt: now,
      updatedAt: now,
    });
    await cron();
    const firing = await received();
    expect(firing).toHaveLength(1);
    expect(firing[0]).toMatch(
      /FIRING \[provider_down:suno\] Engine suno is down: its circuit is open since .* \(5 of its last 6 calls failed\)/,
    );

    await cron();
    await cron();
    expect(await received()).toHaveLength(1);

    // The console shows it while it fires, named by kind and engine, then as resolved; nobody else reads it.
    const ops = await operator();
    const shown = (await consoleAlerts(ops)).body.alerts;
    expect(shown.map((a: any) => [a.kind, a.engine, a.state, a.resolvedAt])).toEqual([
      ["provider_down", "suno", "firing", null],
    ]);
    expect(shown[0].message).toMatch(/^Engine suno is down/);
    expect((await consoleAlerts((await signUp()).token)).status).toBe(404);

    await db.update(providerHealth).set({ state: "closed", openedAt: null, recent: [true] });
    await cron();
    const after = await received();
    expect(after).toHaveLength(2);
    expect(after[1]).toMatch(/RESOLVED \[provider_down:suno\] after \d+ min/);
    const resolved = (await consoleAlerts(ops)).body.alerts;
    expect(resolved.map((a: any) => [a.key, a.state])).toEqual([["provider_down:suno", "resolved"]]);
    expect(Date.parse(resolved[0].resolvedAt)).toBeGreaterThanOrEqual(Date.parse(resolved[0].firedAt));
    await cron();
    expect(await received()).toHaveLength(2);
  });

  it("calls an engine down when every one of its recent calls failed, not when it only answered busy", async () => {
    const calls = config(env).ALERT_MIN_SAMPLE + 1;
    const at = Date.now() - 5 * 60_000;
    const call = (provider: string, error: string) => ({
      provider,
      operation: "createTrack" as const,
      latencyMs: 10,
      outcome: "error" as const,
      error,
      createdAt: at,
    });
    await db.batch([
      db.insert(providerCalls).values(Array.from({ length: calls }, () => call("suno", "unavailable: 503"))),
      db
        .insert(providerCalls)
        .values(Array.from({ length: calls }, () => call("internal", "rate_limited: the render queue is full"))),
    ]);
    expect((await firingConditions(env, db)).map((f) => f.message)).toEqual([
      `Engine suno is down: all of its ${calls} calls in the last 15 minutes failed.`,
    ]);
  });

  it("fires when an engine's failure rate rises above its own last 24 hours, given enough jobs", async () => {
    const { userId } = await signUp();
    const hours = 3_600_000;
    const baseline = Array.from({ length: 20 }, (_, i) =>
      finishedJob(userId, i === 0 ? "FAILED" : "SUCCEEDED", "suno", 30, 2 * hours + i * 60_000),
    );
    const recent = [..."FFFFSSSSS"].map((s, i) =>
      finishedJob(userId, s === "F" ? "FAILED" : "SUCCEEDED", "suno", 30, (i + 1) * 60_000),
    );
    // Cancellations are nobody's failure and do not count.
    const canceled = Array.from({ length: 5 }, () => finishedJob(userId, "CANCELED", "suno", 5, 60_000));
    await insertJobs([...baseline, ...recent, ...canceled]);
    // 4 of 9 failed: below the minimum sample of 10, nothing fires.
    expect(await firingConditions(env, db)).toEqual([]);

    await insertJobs([finishedJob(userId, "TIMED_OUT", "suno", 900, 30_000)]);
    expect(await firingConditions(env, db)).toEqual([
      {
        key: "failure_rate:suno",
        message:
          "Engine suno: 50 % of its jobs failed in the last 15 minutes (5 of 10), against 5 % over the 24 hours before.",
      },
    ]);
    // The same rate on an engine that always fails that much is its normal.
    expect(await firingConditions({ ...env, ALERT_FAILURE_RATE_MARGIN: "0.5" }, db)).toEqual([]);
    await cron();
    expect(await received()).toEqual([expect.stringMatching(/FIRING \[failure_rate:suno\] Engine suno: 50 %/)]);
  });

  it("watches cost per song and spend per hour against their thresholds, and retries what the webhook refused", async () => {
    const { userId } = await signUp();
    const songs = [
      finishedJob(userId, "SUCCEEDED", "suno", 30, 10 * 60_000),
      finishedJob(userId, "SUCCEEDED", "suno", 30, 20 * 60_000),
    ];
    await insertJobs(songs);
    const at = Date.now() - 15 * 60_000;
    await db.insert(providerCalls).values(
      songs.map((s) => ({
        provider: "suno",
        operation: "fetchResult" as const,
        jobId: s.id,
        latencyMs: 10,
        costCents: 300,
        outcome: "ok" as const,
        createdAt: at,
      })),
    );
    expect(await firingConditions(env, db)).toEqual([]); // no thresholds configured
    const strict = { ...env, ALERT_MAX_COST_PER_SONG_CENTS: "250", ALERT_MAX_SPEND_PER_HOUR_CENTS: "500" };
    expect((await firingConditions(strict, db)).map((f) => f.message)).toEqual([
      "Songs delivered in the last hour cost $3.00 each on average (2 songs), above $2.50.",
      "Engines cost $6.00 over the last hour, above $5.00.",
    ]);

    await receiver("/__fail?count=2", { method: "POST" });
    await checkAlerts(strict, db);
    expect(await received()).toEqual([]);
    await checkAlerts(strict, db);
    expect(await received()).toEqual([
      expect.stringContaining("[cost_per_song]"),
      expect.stringContaining("[spend_per_hour]"),
    ]);
    await checkAlerts(strict, db);
    expect(await received()).toHaveLength(2);
    // Raised thresholds clear both.
    await checkAlerts({ ...strict, ALERT_MAX_COST_PER_SONG_CENTS: "1000", ALERT_MAX_SPEND_PER_HOUR_CENTS: "" }, db);
    expect((await received()).slice(2)).toEqual([
      expect.stringContaining("RESOLVED [cost_per_song]"),
      expect.stringContaining("RESOLVED [spend_per_hour]"),
    ]);
  });
});
