import { and, asc, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { activeStatuses, type Database, jobEvents, providerCalls, receivedWebhooks, tracks } from "../db";
import { config } from "./config";

const DAY_MS = 86_400_000;
/** Rows deleted per table and per run: one cron run stays short, and a backlog drains over a few minutes. */
export const PRUNE_BATCH = 2_000;
/** R2 deletes up to 1,000 keys per call. */
const WAV_BATCH = 500;

export interface Pruned {
  providerCalls: number;
  receivedWebhooks: number;
  jobEvents: number;
  wavCopies: number;
}

/**
 * Run by the cron trigger: what is only worth keeping for a while goes once it is older than its policy
 * (RETENTION_* days). A song keeps its job, generation, tracks, ledger rows and MP3; engines' call records,
 * callbacks' replay keys, the progress events of finished jobs and the WAV copies expire. Each delete reads
 * an index on its time column, oldest first, in bounded batches.
 */
export async function pruneExpired(env: Env, db: Database, now = Date.now()): Promise<Pruned> {
  const policy = config(env);
  const before = (days: number) => now - days * DAY_MS;
  const changes = (result: { meta: { changes?: number } }) => result.meta.changes ?? 0;
  const [calls, webhooks, events] = await db.batch([
    db.delete(providerCalls).where(sql`id in (
      select id from provider_calls where created_at < ${before(policy.RETENTION_PROVIDER_CALLS_DAYS)} order by created_at limit ${PRUNE_BATCH})`),
    db.delete(receivedWebhooks).where(sql`rowid in (
      select rowid from received_webhooks where received_at < ${before(policy.RETENTION_WEBHOOKS_DAYS)} order by received_at limit ${PRUNE_BATCH})`),
    // A job still waiting (for its lyrics to be approved, say) keeps its events, however old: its live page replays them.
    db.delete(jobEvents).where(sql`id in (
      select e.id from job_events e where e.created_at < ${before(policy.RETENTION_JOB_EVENTS_DAYS)}
        and not exists (select 1 from jobs j where j.id = e.job_id and j.status in ${activeStatuses})
      order by e.created_at limit ${PRUNE_BATCH})`),
  ]);
  return {
    providerCalls: changes(calls),
    receivedWebhooks: changes(webhooks),
    jobEvents: changes(events),
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
