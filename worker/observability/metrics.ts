import { sql } from "drizzle-orm";
import { activeStatuses, type Currency, type Database, type Job, type JobStatus } from "../../db";
import { callsSince, songCostsSince } from "../jobs/job-log";
import { log } from "./log";
import type { Metrics } from "./metrics-schema";
import { type MetricWindow, windowMs } from "./windows";

/** Which queue holds a job in each active status (LYRICS_READY waits for the person, not for a queue). */
const stageOf: Record<(typeof activeStatuses)[number], string> = {
  QUEUED: "lyrics",
  WRITING_LYRICS: "lyrics",
  LYRICS_READY: "approval",
  GENERATING_MUSIC: "music",
  POSTPROCESSING: "postprocess",
  DELIVERING: "delivery",
};

const SERIES_POINTS = 24;
const n = (v: unknown) => Number(v ?? 0);
const ratio = (part: number, whole: number) => (whole ? part / whole : null);

/**
 * How long the product took to make a song: order to end, less the time it waited for the person's approval
 * (none recorded in a row a job's object held from before the column).
 */
export const makingMs = (job: Pick<Job, "createdAt" | "waitedMs">, finishedAt: number) =>
  finishedAt - job.createdAt - (job.waitedMs ?? 0);
const makingMsSql = sql.raw("finished_at - created_at - waited_ms");

/**
 * The operators' figures for a window ending now, computed from D1: the jobs, the engines' calls and
 * the ledger hold everything. Queues have no depth API inside a Worker, so the backlog of each stage
 * is read from the jobs waiting in it.
 */
export async function computeMetrics(db: Database, window: MetricWindow, now = Date.now()): Promise<Metrics> {
  const from = now - windowMs[window];
  const bucket = Math.ceil(windowMs[window] / SERIES_POINTS);
  const [byStatus, generation, cost, calls, jobsByProvider, styles, queues, ledger, reservedNow, series] =
    await Promise.all([
      db.all<{ status: JobStatus; jobs: number }>(
        sql`select status, count(*) as jobs from jobs where finished_at >= ${from} group by status`,
      ),
      db.all<{ songs: number; meanMs: number | null }>(
        sql`select count(*) as songs, avg(${makingMsSql}) as meanMs from jobs where status = 'SUCCEEDED' and finished_at >= ${from}`,
      ),
      // Cost per song: every engine call a delivered song needed, failed attempts and failovers included.
      db.all<{ songs: number; totalCents: number | null; meanCents: number | null; priced: number }>(sql`
      select count(*) as songs, sum(cost) as totalCents, avg(cost) as meanCents, sum(priced) as priced from ${songCostsSince(from)} per_song`),
      db.all<{
        provider: string;
        calls: number;
        lyricsCalls: number;
        errors: number;
        meanLatencyMs: number | null;
        costCents: number | null;
      }>(sql`
      select provider, count(*) as calls, sum(operation = 'writeLyrics') as lyricsCalls, sum(outcome = 'error') as errors, avg(latency_ms) as meanLatencyMs, sum(cost_cents) as costCents
      from ${callsSince(from)} k group by provider`),
      db.all<{ provider: string; jobs: number; succeeded: number; canceled: number }>(sql`
      select coalesce(provider, 'none') as provider, count(*) as jobs, sum(status = 'SUCCEEDED') as succeeded, sum(status = 'CANCELED') as canceled
      from jobs where finished_at >= ${from} group by provider`),
      db.all<{ style: string; jobs: number }>(sql`
      select lower(s.value) as style, count(*) as jobs from jobs j join generations g on g.job_id = j.id, json_each(g.style_tags) s
      where j.created_at >= ${from} group by lower(s.value) order by jobs desc, style limit 10`),
      db.all<{ status: (typeof activeStatuses)[number]; jobs: number; oldest: number }>(sql`
      select status, count(*) as jobs, min(updated_at) as oldest from jobs where finished_at is null group by status`),
      db.all<{ kind: string; credits: number }>(
        sql`select kind, sum(amount) as credits from credit_ledger where created_at >= ${from} group by kind`,
      ),
      db.all<{ reserved: number | null }>(sql`select sum(reserved) as reserved from credit_balances`),
      db.all<{ slot: number; succeeded: number; failed: number; meanMs: number | null }>(sql`
      select min(cast((finished_at - ${from}) / ${bucket} as integer), ${SERIES_POINTS - 1}) as slot, sum(status = 'SUCCEEDED') as succeeded, sum(status in ('FAILED', 'TIMED_OUT')) as failed,
        avg(case when status = 'SUCCEEDED' then ${makingMsSql} end) as meanMs
      from jobs where finished_at >= ${from} group by slot order by slot`),
    ]);
  const p95Ms = await percentileDuration(db, from, n(generation[0]?.songs), 0.95);
  const revenue = await revenueOf(db, from);
  const count = (status: JobStatus) => n(byStatus.find((r) => r.status === status)?.jobs);
  const finished = byStatus.reduce((sum, r) => sum + n(r.jobs), 0);
  const credits = (kind: string) => n(ledger.find((r) => r.kind === kind)?.credits);
  const providers = [...new Set([...calls.map((c) => c.provider), ...jobsByProvider.map((j) => j.provider)])].sort();
  return {
    window,
    from: new Date(from).toISOString(),
    to: new Date(now).toISOString(),
    jobs: {
      finished,
      succeeded: count("SUCCEEDED"),
      failed: count("FAILED"),
      timedOut: count("TIMED_OUT"),
      canceled: count("CANCELED"),
      // Cancellations are the person's choice, not a failure of ours.
      successRate: ratio(count("SUCCEEDED"), finished - count("CANCELED")),
    },
    generation: { songs: n(generation[0]?.songs), meanMs: generation[0]?.meanMs ?? null, p95Ms },
    cost: {
      songs: n(cost[0]?.songs),
      pricedSongs: n(cost[0]?.priced),
      totalCents: n(cost[0]?.totalCents),
      meanCentsPerSong: cost[0]?.songs ? n(cost[0].meanCents) : null,
    },
    providers: providers.map((provider) => {
      const c = calls.find((r) => r.provider === provider);
      const j = jobsByProvider.find((r) => r.provider === provider);
      return {
        provider,
        calls: n(c?.calls),
        lyricsCalls: n(c?.lyricsCalls),
        callErrors: n(c?.errors),
        callSuccessRate: ratio(n(c?.calls) - n(c?.errors), n(c?.calls)),
        meanLatencyMs: c?.meanLatencyMs ?? null,
        costCents: n(c?.costCents),
        jobs: n(j?.jobs),
        jobsSucceeded: n(j?.succeeded),
        jobSuccessRate: ratio(n(j?.succeeded), n(j?.jobs) - n(j?.canceled)),
      };
    }),
    styles: styles.map((s) => ({ style: s.style, jobs: n(s.jobs) })),
    queues: activeStatuses.map((status) => {
      const q = queues.find((r) => r.status === status);
      return {
        status,
        stage: stageOf[status],
        jobs: n(q?.jobs),
        oldestAgeSeconds: q ? Math.max(0, Math.round((now - q.oldest) / 1000)) : null,
      };
    }),
    credits: {
      reserved: credits("hold"),
      debited: credits("capture"),
      refunded: credits("release"),
      granted: credits("grant"),
      reservedNow: n(reservedNow[0]?.reserved),
    },
    series: Array.from({ length: SERIES_POINTS }, (_, slot) => {
      const s = series.find((r) => n(r.slot) === slot);
      return {
        at: new Date(from + slot * bucket).toISOString(),
        succeeded: n(s?.succeeded),
        failed: n(s?.failed),
        meanMs: s?.meanMs ?? null,
      };
    }),
    revenue,
  };
}

/** Packs paid in the window (purchases never paid are left out), per UTC day and per pack, currencies apart. */
async function revenueOf(db: Database, from: number): Promise<Metrics["revenue"]> {
  const [days, packs] = await Promise.all([
    db.all<{ day: string; currency: Currency; purchases: number; paidCents: number; refundedCents: number }>(sql`
      select date(paid_at / 1000, 'unixepoch') as day, currency, count(*) as purchases, sum(amount_cents) as paidCents, sum(refunded_cents) as refundedCents
      from purchases where paid_at >= ${from} group by day, currency order by day, currency`),
    db.all<{
      pack: string;
      currency: Currency;
      purchases: number;
      credits: number;
      paidCents: number;
      refundedCents: number;
    }>(sql`
      select pack, currency, count(*) as purchases, sum(credits) as credits, sum(amount_cents) as paidCents, sum(refunded_cents) as refundedCents
      from purchases where paid_at >= ${from} group by pack, currency order by paidCents desc, pack`),
  ]);
  return {
    days: days.map((d) => ({
      day: d.day,
      currency: d.currency,
      purchases: n(d.purchases),
      paidCents: n(d.paidCents),
      refundedCents: n(d.refundedCents),
    })),
    packs: packs.map((p) => ({
      pack: p.pack,
      currency: p.currency,
      purchases: n(p.purchases),
      credits: n(p.credits),
      paidCents: n(p.paidCents),
      refundedCents: n(p.refundedCents),
    })),
  };
}

/** SQLite has no percentile function: the row at that rank, by offset, reads one row instead of all. */
async function percentileDuration(db: Database, from: number, count: number, p: number): Promise<number | null> {
  if (!count) return null;
  const rank = Math.min(count - 1, Math.max(0, Math.ceil(p * count) - 1));
  const [row] = await db.all<{ ms: number }>(sql`
    select ${makingMsSql} as ms from jobs where status = 'SUCCEEDED' and finished_at >= ${from} order by ms limit 1 offset ${rank}`);
  return row ? n(row.ms) : null;
}

/** What Analytics Engine keeps of a finished job: blobs to group by, doubles to sum, the engine as index (its sampling key). */
export function jobDataPoint(
  job: Job,
  facts: { costCents: number; style: string | null; finishedAt: number },
): AnalyticsEngineDataPoint {
  return {
    indexes: [job.provider ?? "none"],
    blobs: [job.status, job.provider ?? "none", job.arm ?? "", job.errorCode ?? "", job.mode, facts.style ?? ""],
    doubles: [
      makingMs(job, facts.finishedAt),
      job.status === "SUCCEEDED" ? job.credits : 0,
      facts.costCents,
      job.providersTried.length,
    ],
  };
}

/**
 * Once a job is finished: a data point in Analytics Engine (its cost and duration are in its last transition's
 * log line). Never fails the transition that called it: a lost data point is better than a stuck job.
 */
export function recordFinishedJob(
  env: Pick<Env, "ANALYTICS">,
  job: Job,
  finishedAt: number,
  facts: { costCents: number; style: string | null },
): void {
  try {
    env.ANALYTICS.writeDataPoint(jobDataPoint(job, { ...facts, finishedAt }));
  } catch (err) {
    log("warn", "job metrics not recorded", { jobId: job.id, error: err });
  }
}
