import { and, desc, eq, gte, isNull, ne, or, sql } from "drizzle-orm";
import { type Alert, alerts, type Database, providerHealth } from "../../db";
import { config } from "../config";
import { callsSince, songCostsSince } from "../jobs/job-log";
import { log } from "./log";

/** What an alert watches; its key is the kind, then the engine when it is about one ("provider_down:suno"). */
export const alertKinds = ["provider_down", "failure_rate", "cost_per_song", "spend_per_hour"] as const;
export type AlertKind = (typeof alertKinds)[number];

/** A condition that holds now. Its key names it for as long as it holds: one announcement per key. */
export interface Firing {
  key: `${AlertKind}` | `${AlertKind}:${string}`;
  message: string;
}

const RECENT_MS = 15 * 60_000;
const BASELINE_MS = 24 * 3_600_000;
const HOUR_MS = 3_600_000;

const percent = (rate: number) => `${Math.round(rate * 100)} %`;
const cents = (value: number) => `$${(value / 100).toFixed(2)}`;

/** Every alert condition that holds at `now`, read from D1. */
export async function firingConditions(env: Env, db: Database, now = Date.now()): Promise<Firing[]> {
  const { ALERT_MIN_SAMPLE: minSample, ALERT_FAILURE_RATE_MARGIN: margin } = config(env);
  const recentFrom = now - RECENT_MS;
  const baselineFrom = recentFrom - BASELINE_MS;
  const [circuits, recentCalls, jobRates, songCost, spend] = await Promise.all([
    db.select().from(providerHealth).where(ne(providerHealth.state, "closed")),
    // An engine answering "busy, retry later" is up and pushing back: those answers say nothing about its health
    // (the recorder writes an error's kind first, so they are the errors that start with it).
    db.all<{ provider: string; calls: number; ok: number }>(sql`
      select provider, count(*) as calls, sum(outcome = 'ok') as ok from ${callsSince(recentFrom)} k
      where not (outcome = 'error' and error like 'rate_limited:%') group by provider`),
    // Failed and timed-out jobs per engine, the last 15 minutes against the 24 hours before them; cancellations are no one's failure.
    db.all<{ provider: string; recent: number; recentFailed: number; baseline: number; baselineFailed: number }>(sql`
      select provider,
        sum(finished_at >= ${recentFrom}) as recent,
        sum(finished_at >= ${recentFrom} and status in ('FAILED', 'TIMED_OUT')) as recentFailed,
        sum(finished_at < ${recentFrom}) as baseline,
        sum(finished_at < ${recentFrom} and status in ('FAILED', 'TIMED_OUT')) as baselineFailed
      from jobs where finished_at >= ${baselineFrom} and status != 'CANCELED' and provider is not null group by provider`),
    db.all<{ songs: number; meanCents: number | null }>(sql`
      select count(*) as songs, avg(cost) as meanCents from ${songCostsSince(now - HOUR_MS)} per_song`),
    db.all<{ cents: number | null }>(sql`select sum(cost_cents) as cents from ${callsSince(now - HOUR_MS)} k`),
  ]);

  const firing: Firing[] = [];
  const down = new Map<string, string>();
  for (const c of circuits) {
    const failed = c.recent.filter((ok) => !ok).length;
    down.set(
      c.provider,
      `its circuit is ${c.state.replace("_", "-")}${c.openedAt ? ` since ${new Date(c.openedAt).toISOString()}` : ""} (${failed} of its last ${c.recent.length} calls failed)`,
    );
  }
  // Lyrics writers have no circuit: an engine that fails every call is down all the same.
  for (const c of recentCalls)
    if (Number(c.calls) >= minSample && Number(c.ok) === 0 && !down.has(c.provider))
      down.set(c.provider, `all of its ${c.calls} calls in the last 15 minutes failed`);
  for (const [provider, why] of down)
    firing.push({ key: `provider_down:${provider}`, message: `Engine ${provider} is down: ${why}.` });

  for (const r of jobRates) {
    const recent = Number(r.recent);
    if (recent < minSample) continue;
    const rate = Number(r.recentFailed) / recent;
    const baseline = Number(r.baseline) ? Number(r.baselineFailed) / Number(r.baseline) : 0;
    if (rate >= baseline + margin)
      firing.push({
        key: `failure_rate:${r.provider}`,
        message: `Engine ${r.provider}: ${percent(rate)} of its jobs failed in the last 15 minutes (${r.recentFailed} of ${recent}), against ${percent(baseline)} over the 24 hours before.`,
      });
  }

  const maxPerSong = config(env).ALERT_MAX_COST_PER_SONG_CENTS;
  const meanCents = Number(songCost[0]?.meanCents ?? 0);
  if (maxPerSong !== null && Number(songCost[0]?.songs) > 0 && meanCents > maxPerSong)
    firing.push({
      key: "cost_per_song",
      message: `Songs delivered in the last hour cost ${cents(meanCents)} each on average (${songCost[0]!.songs} songs), above ${cents(maxPerSong)}.`,
    });
  const maxPerHour = config(env).ALERT_MAX_SPEND_PER_HOUR_CENTS;
  const spent = Number(spend[0]?.cents ?? 0);
  if (maxPerHour !== null && spent > maxPerHour)
    firing.push({
      key: "spend_per_hour",
      message: `Engines cost ${cents(spent)} over the last hour, above ${cents(maxPerHour)}.`,
    });
  return firing;
}

/** Records which alerts fire and which have cleared; each change of state is then owed one announcement. */
async function record(db: Database, firing: Firing[], now: number): Promise<void> {
  const keys = new Set<string>(firing.map((f) => f.key));
  const open = await db.select({ key: alerts.key }).from(alerts).where(eq(alerts.state, "firing"));
  const cleared = open.filter((a) => !keys.has(a.key));
  const writes = [
    ...firing.map((f) =>
      db
        .insert(alerts)
        .values({ key: f.key, state: "firing", message: f.message, firedAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: alerts.key,
          set: {
            state: "firing",
            message: f.message,
            resolvedAt: null,
            updatedAt: now,
            firedAt: sql`case when ${alerts.state} = 'resolved' then ${now} else ${alerts.firedAt} end`,
          },
        }),
    ),
    ...cleared.map((a) =>
      db
        .update(alerts)
        .set({ state: "resolved", resolvedAt: now, updatedAt: now })
        .where(and(eq(alerts.key, a.key), eq(alerts.state, "firing"))),
    ),
  ];
  if (writes.length) await db.batch(writes as [(typeof writes)[number], ...typeof writes]);
}

function announcement(alert: Pick<Alert, "key" | "state" | "message" | "firedAt" | "resolvedAt">): string {
  if (alert.state === "firing") return `:rotating_light: Refrain alert FIRING [${alert.key}] ${alert.message}`;
  const minutes = Math.max(1, Math.round(((alert.resolvedAt ?? Date.now()) - alert.firedAt) / 60_000));
  return `:white_check_mark: Refrain alert RESOLVED [${alert.key}] after ${minutes} min. It was: ${alert.message}`;
}

async function post(url: string, text: string): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(10_000),
    });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Sends what is owed: each alert whose state differs from the state last announced. The claim is a
 * conditional write, so two overlapping crons cannot both send it; a failed post gives the claim
 * back and the next cron tries again.
 */
async function announce(env: Pick<Env, "ALERT_WEBHOOK_URL">, db: Database): Promise<number> {
  const owed = await db
    .select()
    .from(alerts)
    .where(or(isNull(alerts.notifiedState), ne(alerts.notifiedState, alerts.state)));
  let sent = 0;
  for (const alert of owed) {
    const claimed = await db
      .update(alerts)
      .set({ notifiedState: alert.state })
      .where(
        and(
          eq(alerts.key, alert.key),
          eq(alerts.state, alert.state),
          alert.notifiedState ? eq(alerts.notifiedState, alert.notifiedState) : isNull(alerts.notifiedState),
        ),
      )
      .returning({ key: alerts.key });
    if (!claimed.length) continue;
    // A condition that cleared before it was ever announced needs no recovery message.
    if (alert.state === "resolved" && alert.notifiedState === null) continue;
    log(alert.state === "firing" ? "warn" : "info", `alert ${alert.state}`, {
      alert: alert.key,
      message: alert.message,
    });
    if (!env.ALERT_WEBHOOK_URL) continue;
    if (await post(env.ALERT_WEBHOOK_URL, announcement(alert))) sent += 1;
    else {
      log("warn", "alert not delivered, retrying on the next cron", { alert: alert.key });
      await db
        .update(alerts)
        .set({ notifiedState: alert.notifiedState })
        .where(and(eq(alerts.key, alert.key), eq(alerts.notifiedState, alert.state)));
    }
  }
  return sent;
}

/** The cron's alerting pass: evaluate, record, announce. Returns the alerts firing now. */
export async function checkAlerts(env: Env, db: Database, now = Date.now()): Promise<Firing[]> {
  const firing = await firingConditions(env, db, now);
  await record(db, firing, now);
  await announce(env, db);
  return firing;
}

/** What the console shows: the alerts firing now, then those resolved in the last day, newest first. */
export async function recentAlerts(db: Database, now = Date.now()) {
  const rows = await db
    .select()
    .from(alerts)
    .where(or(eq(alerts.state, "firing"), gte(alerts.resolvedAt, now - 24 * HOUR_MS)))
    // Firing first in the query itself, so that the limit never leaves out one that fires.
    .orderBy(sql`${alerts.state} = 'firing' desc`, desc(alerts.firedAt))
    .limit(50);
  return rows.map((row) => {
    const [kind, engine] = row.key.split(":") as [AlertKind, string | undefined];
    return { ...row, kind, engine: engine ?? null };
  });
}
