import { and, eq, isNull, lt, or } from "drizzle-orm";
import { type Database, jobs } from "../../db";
import { jobStub } from "./stub";

/**
 * Run by the cron trigger: any job past its deadline, or left QUEUED because its Durable Object
 * could not be reached when it was accepted, is handed back to its object, which ends or resumes it.
 */
export async function sweepStragglers(env: Env, db: Database, now = Date.now()): Promise<number> {
  const stale = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        // Running jobs are those not finished: jobs_finished finds them without an index on the status.
        isNull(jobs.finishedAt),
        or(lt(jobs.deadlineAt, now), and(eq(jobs.status, "QUEUED"), lt(jobs.createdAt, now - 30_000))),
      ),
    )
    .limit(50);
  await Promise.allSettled(stale.map(({ id }) => jobStub(env, id).start(id)));
  return stale.length;
}
