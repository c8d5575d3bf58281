import { eq } from "drizzle-orm";
import { type Database, jobLogs, jobs, type LoggedCall, type LoggedEvent } from "../db";
import { loggedOf } from "../worker/jobs/job-log";

export { database } from "../db";
export * from "../db/schema";
export { grantStatements } from "../worker/credits";

/** A job's log as D1 keeps it: its events and engine calls once it has finished, and its failed calls at once. */
export async function jobLogOf(db: Database, jobId: string) {
  const job = await db.select({ id: jobs.id, finishedAt: jobs.finishedAt }).from(jobs).where(eq(jobs.id, jobId)).get();
  return job ? loggedOf(db, job) : { events: [], calls: [] };
}

export const eventsOf = async (db: Database, jobId: string) =>
  (await jobLogOf(db, jobId)).events.sort((a, b) => a.seq - b.seq);

export const callsOf = async (db: Database, jobId: string) => (await jobLogOf(db, jobId)).calls;

/** The log of a finished job, as its object writes it with the job's last batch. */
export const insertJobLog = (
  db: Database,
  job: { id: string; finishedAt: number | null },
  log: { events?: LoggedEvent[]; calls?: LoggedCall[] },
) =>
  db
    .insert(jobLogs)
    .values({ finishedAt: job.finishedAt!, jobId: job.id, events: log.events ?? [], calls: log.calls ?? [] });
