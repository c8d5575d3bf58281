import { and, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import {
  activeStatuses,
  creditLedger,
  type Database,
  generations,
  gifts,
  idempotencyKeys,
  jobLogs,
  jobs,
  projects,
  providerCalls,
  refreshTokens,
  tracks,
  users,
} from "../../db";
import { sha256Hex } from "../auth/random";
import { jobStub } from "../jobs/stub";
import { log } from "../observability";
import { sendAccountMessage } from "../queues/messages";
import { deleteSupabaseUser } from "./supabase";

// Deleting an account happens in two steps. The request's step is one D1 batch: the account is marked
// deleted (every token of it is refused from then on), its email and password are erased and its refresh
// tokens deleted. The queued step then does the rest, each part idempotent so a crash anywhere is finished
// by the next delivery: running orders are cancelled through their Durable Object (which refunds them in
// the ledger), gifts and shares are revoked, the audio and covers leave R2, and everything the person
// wrote is erased from D1. The users row stays as a tombstone: the ledger's rows keep pointing at it, so
// the accounts still balance, but it no longer holds anything that names a person.

/** How long after an erasure the last pass looks again for audio an in-flight delivery may have stored. */
export const RECHECK_DELAY_SECONDS = 900;
/** A deletion still unfinished this long after it was asked for is sent again by the cron trigger. */
const STALE_AFTER_MS = 10 * 60_000;
/** Shown in place of an operator's free-text reason on a deleted account's grants (it may name the person). */
export const ERASED_REASON = "reason erased with the account";

/** The request's step: the account is refused at once and holds no email or password any more. */
export async function markDeleted(db: Database, userId: string, now = Date.now()): Promise<void> {
  await db.batch([
    db
      .update(users)
      .set({ deletedAt: sql`coalesce(${users.deletedAt}, ${now})`, email: null, passwordHash: null })
      .where(eq(users.id, userId)),
    db.delete(refreshTokens).where(eq(refreshTokens.userId, userId)),
  ]);
}

/** Marks the account and queues the step that finishes the work. Idempotent: asking again re-queues it. */
export async function requestDeletion(env: Env, db: Database, userId: string): Promise<void> {
  await markDeleted(db, userId);
  await sendAccountMessage(env, { kind: "erase_account", userId });
}

/** Every order still running is cancelled by its own Durable Object, which refunds its credits. */
async function cancelRunningOrders(env: Env, db: Database, userId: string): Promise<number> {
  const running = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.userId, userId), inArray(jobs.status, activeStatuses)));
  await Promise.all(running.map(({ id }) => jobStub(env, id).apply(id, { type: "cancel" })));
  const left = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.userId, userId), inArray(jobs.status, activeStatuses)));
  // An order another step moved on meanwhile is cancelled on the next delivery.
  if (left.length) throw new Error(`${left.length} order(s) of the account are still running`);
  return running.length;
}

/** Deletes every object under a prefix, a page at a time (R2 lists and deletes at most 1,000 keys per call). */
async function deletePrefix(bucket: R2Bucket, prefix: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    const page = await bucket.list({ prefix, limit: 1000 });
    if (!page.objects.length) return deleted;
    await bucket.delete(page.objects.map((o) => o.key));
    deleted += page.objects.length;
    if (!page.truncated) return deleted;
  }
}

export const audioPrefix = (userId: string) => `users/${userId}/`;
export const coverKey = (giftId: string) => `covers/${giftId}.png`;

async function eraseMedia(env: Env, db: Database, userId: string): Promise<number> {
  const giftIds = (await db.select({ id: gifts.id }).from(gifts).where(eq(gifts.userId, userId))).map((g) => g.id);
  for (let i = 0; i < giftIds.length; i += 1000) await env.AUDIO.delete(giftIds.slice(i, i + 1000).map(coverKey));
  return (await deletePrefix(env.AUDIO, audioPrefix(userId))) + giftIds.length;
}

/** Everything the person wrote, or that was written from it, leaves D1; what accounting and metrics need stays. */
async function eraseRows(db: Database, userId: string, now: number): Promise<void> {
  const theirJobs = db.select({ id: jobs.id }).from(jobs).where(eq(jobs.userId, userId));
  await db.batch([
    // Gifts stay as revoked rows, without their words, so their links answer 410 rather than 404.
    db
      .update(gifts)
      .set({ revokedAt: sql`coalesce(${gifts.revokedAt}, ${now})`, recipientName: "", senderName: null, message: "" })
      .where(eq(gifts.userId, userId)),
    // Takes keep their share token: the share link of a deleted account answers 410 (see sharedTrack).
    db.update(tracks).set({ title: null }).where(eq(tracks.userId, userId)),
    db
      .update(generations)
      .set({ context: null, lyrics: null, pronunciations: null, timings: null, params: null, updatedAt: now })
      .where(inArray(generations.jobId, theirJobs)),
    // Their finished jobs' logs (running ones were cancelled first, so every log is in D1 by now): the events
    // without their data and, as below, the calls without the engines' error texts.
    db
      .update(jobLogs)
      .set({
        events: sql`case when ${jobLogs.events} is null then null else (
          select json_group_array(json_set(ev.value, '$.data', json('null'))) from json_each(${jobLogs.events}) ev) end`,
        calls: sql`case when ${jobLogs.calls} is null then null else (
          select json_group_array(json_set(call.value, '$.error', json('null'))) from json_each(${jobLogs.calls}) call) end`,
      })
      .where(
        sql`(${jobLogs.finishedAt}, ${jobLogs.jobId}) in (
          select finished_at, id from jobs where user_id = ${userId} and finished_at is not null)`,
      ),
    // An engine's error text may quote the lyrics it refused.
    db.update(providerCalls).set({ error: null }).where(inArray(providerCalls.jobId, theirJobs)),
    db.update(jobs).set({ title: null, errorMessage: null, projectId: null }).where(eq(jobs.userId, userId)),
    db.delete(projects).where(eq(projects.userId, userId)),
    db.delete(idempotencyKeys).where(eq(idempotencyKeys.userId, userId)),
    db
      .update(creditLedger)
      .set({ reason: ERASED_REASON })
      .where(and(eq(creditLedger.userId, userId), isNotNull(creditLedger.actor))),
    db.delete(refreshTokens).where(eq(refreshTokens.userId, userId)),
  ]);
}

export interface ErasureOutcome {
  status: "erased" | "unknown";
  canceledOrders: number;
  deletedObjects: number;
}

/**
 * The queued step: finishes a deletion, whatever part of it already ran. Throws (and the queue retries)
 * while anything is left undone; the users row is marked erased only once everything else is.
 */
export async function eraseAccount(env: Env, db: Database, userId: string, recheck = false): Promise<ErasureOutcome> {
  const user = await db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) return { status: "unknown", canceledOrders: 0, deletedObjects: 0 };
  const now = Date.now();
  await markDeleted(db, userId, now);
  const canceledOrders = await cancelRunningOrders(env, db, userId);
  // Gifts are revoked before their covers go: a revoked gift's cover is never drawn again.
  await eraseRows(db, userId, now);
  const deletedObjects = await eraseMedia(env, db, userId);
  if (user.externalId) await deleteSupabaseUser(env, user.externalId);
  await db
    .update(users)
    .set({
      externalId: null,
      ...(user.externalId ? { externalIdHash: await sha256Hex(user.externalId) } : {}),
      erasedAt: sql`coalesce(${users.erasedAt}, ${now})`,
    })
    .where(eq(users.id, userId));
  if (!recheck) await sendAccountMessage(env, { kind: "erase_account", userId, recheck: true }, RECHECK_DELAY_SECONDS);
  log("info", "account erased", { user: userId, canceledOrders, deletedObjects, recheck });
  return { status: "erased", canceledOrders, deletedObjects };
}

/** Run by the cron trigger: deletions whose queued step was lost or gave up are sent again. */
export async function resendStaleDeletions(env: Env, db: Database, now = Date.now()): Promise<number> {
  const stale = await db
    .select({ id: users.id })
    .from(users)
    .where(and(isNotNull(users.deletedAt), isNull(users.erasedAt), lt(users.deletedAt, now - STALE_AFTER_MS)))
    .limit(20);
  await Promise.all(stale.map(({ id }) => sendAccountMessage(env, { kind: "erase_account", userId: id })));
  return stale.length;
}
