import { and, count, eq, gte } from "drizzle-orm";
import { type Database, jobs } from "../../db";
import { config } from "../config";
import { ApiError } from "../http/errors";

const DAY_MS = 86_400_000;

/** The account's orders since 00:00 UTC: a query to run alone or inside a caller's batch. */
export const ordersTodayQuery = (db: Database, userId: string, now: number = Date.now()) =>
  db
    .select({ made: count() })
    .from(jobs)
    .where(and(eq(jobs.userId, userId), gte(jobs.createdAt, now - (now % DAY_MS))));

/**
 * Credits bound what an account can spend; the daily quota bounds what a stolen or scripted account can
 * make the engines do in one day, whatever its balance. Counted from the jobs themselves, per UTC day.
 */
export function enforceDailyJobQuota(env: Env, ordersToday: number, now: number = Date.now()): void {
  const quota = config(env).DAILY_JOB_QUOTA;
  if (ordersToday < quota) return;
  const retryAfterSeconds = Math.ceil((now - (now % DAY_MS) + DAY_MS - now) / 1000);
  throw new ApiError(
    "quota_exceeded",
    `This account has ordered its ${quota} songs for today; orders open again at 00:00 UTC`,
    undefined,
    { retryAfterSeconds, quota },
    { "Retry-After": String(retryAfterSeconds) },
  );
}
