import { and, asc, inArray, isNotNull, lt, type SQL, sql } from "drizzle-orm";
import { type Database, jobLogs, providerCalls, receivedWebhooks, tracks } from "../db";
import { config } from "./config";

const DAY_MS = 86_400_000;
/** Rows deleted per table and per run: one cron run stays short, and a backlog drains over a few minutes. */
export const PRUNE_BATCH = 2_000;
/** R2 deletes up to 1,000 keys per call. */
const WAV_BATCH = 500;

export interface Pruned {
  providerCalls: number;
  receivedWebhooks: number;
  /** Finished jobs' logs gone whole (events and calls). */
  jobLogs: number;
  /** Logs emptied of their events only, their calls being kept longer (and the other way round). */
  jobEvents: number;
  jobCalls: number;
  wavCopies: number;
}

/**
 * Run by the cron trigger: what is only worth keeping for a while goes once it is older than its policy
 * (RETENTION_* days). A song keeps its job, generation, tracks, ledger rows and MP3; engines' call records,
 * callbacks' replay keys, the progress events of finished jobs and the WAV copies expire. Each delete reads
 * an index on its time column, oldest first, in bounded batches. A finished job's events and calls share
 * one row of job_logs (running jobs have theirs in their objects): it goes whole once both have expired;
 * if their policies differ, the one that expires first is emptied meanwhile, which walks only the jobs
 * between the two ages.
 */
export async function pruneExpired(env: Env, db: Database, now = Date.now()): Promise<Pruned> {
  const policy = config(env);
  const before = (days: number) => now - days * DAY_MS;
  const changes = (result: { meta: { changes?: number } }) => result.meta.changes ?? 0;
  const [eventsBefore, callsBefore] = [
    before(policy.RETENTION_JOB_EVENTS_DAYS),
    before(policy.RETENTION_PROVIDER_CALLS_DAYS),
  ];
  const bothBefore = Math.min(eventsBefore, callsBefore);
  const logs = (where: SQL) =>
    sql`(finished_at, job_id) in (select finished_at, job_id from job_logs where ${where} order by finished_at limit ${PRUNE_BATCH})`;
  const [calls, webhooks, whole, events, jobCalls] = await db.batch([
    db.delete(providerCalls).where(sql`id in (
      select id from provider_calls where created_at < ${callsBefore} order by created_at limit ${PRUNE_BATCH})`),
    db.delete(receivedWebhooks).where(sql`rowid in (
      select rowid from received_webhooks where received_at < ${before(policy.RETENTION_WEBHOOKS_DAYS)} order by received_at limit ${PRUNE_BATCH})`),
    db.delete(jobLogs).where(logs(sql`finished_at < ${bothBefore}`)),
    db
      .update(jobLogs)
      .set({ events: null })
      .where(logs(sql`finished_at < ${eventsBefore} and events is not null`)),
    db
      .update(jobLogs)
      .set({ calls: null })
      .where(logs(sql`finished_at < ${callsBefore} and calls is not null`)),
  ]);
  return {
    providerCalls: changes(calls),
    receivedWebhooks: changes(webhooks),
    jobLogs: changes(whole),
    jobEvents: changes(events),
    jobCalls: changes(jobCalls),
    wavCopies: await pruneWavCopies(env, db, before(policy.RETENTION_WAV_DAYS)),
  };
}

/** The lossless copies go from R2 first, then from their tracks: a failure in between leaves a row to retry, never a lost key. */
async function pruneWavCopies(env: Env, db: Database, before: number): Promise<number> {
  const expired = await db
    .select({ id: tracks.id, key: tracks.wavR2Key })
    .from(tracks)
    .where(and(isNotNull(tracks.wavR2Key), lt(tracks.createdAt, before)))
    .orderBy(asc(tracks.createdAt))
    .limit(WAV_BATCH);
  if (expired.length === 0) return 0;
  await env.AUDIO.delete(expired.map((t) => t.key!));
  await db
    .update(tracks)
    .set({ wavR2Key: null, wavSizeBytes: null, wavSha256: null })
    .where(
      inArray(
        tracks.id,
        expired.map((t) => t.id),
      ),
    );
  return expired.length;
}
