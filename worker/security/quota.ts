import { and, count, eq, gte } from "drizzle-orm";
import { jobs, type Database } from "../../db";
import { ApiError } from "../http/errors";
import { config } from "../config";

const DAY_MS = 86_400_000;

/**
 * Credits bound what an account can spend; the daily quota bounds what a stolen or scripted account can
 * make the engines do in one day, whatever its balance. Counted from the jobs themselves, per UTC day.
 */
export async function enforceDailyJobQuota(env: Env, db: Database, userId: string, now: number = Date.now()): Promise<void> {
  const quota = config(env).DAILY_JOB_QUOTA;
  const dayStart = now - (now % DAY_MS);
  const [row] = await db.select({ made: count() }).from(jobs).where(and(eq(jobs.userId, userId), gte(jobs.createdAt, dayStart)));
  if ((row?.made ?? 0) < quota) return;
  const retryAfterSeconds = Math.ceil((dayStart + DAY_MS - now) / 1000);
  throw new ApiError(
    "quota_exceeded",
    `This account has ordered its ${quota} songs for today; orders open again at 00:00 UTC`,
    undefined,
    { retryAfterSeconds, quota },
    { "Retry-After": String(retryAfterSeconds) },
  );
}
