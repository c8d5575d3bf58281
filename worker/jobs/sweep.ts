import { and, eq, inArray, lt, or } from "drizzle-orm";
import { activeStatuses, type Database, jobs } from "../../db";
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
        inArray(jobs.status, activeStatuses),
        or(lt(jobs.deadlineAt, now), and(eq(jobs.status, "QUEUED"), lt(jobs.createdAt, now - 30_000))),
      ),
    )
    .limit(50);
  await Promise.allSettled(stale.map(({ id }) => jobStub(env, id).start(id)));
  return stale.length;
}
