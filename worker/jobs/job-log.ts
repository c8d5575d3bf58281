import { and, eq, type SQL, sql } from "drizzle-orm";
import { type Database, jobLogs, type LoggedCall, type LoggedEvent, providerCalls } from "../../db";

/** A job's engine call wherever it is kept: its log (calls that answered) or `provider_calls` (the others). */
export type JobCall = LoggedCall & { jobId: string | null };

/**
 * A job's log as D1 holds it: its row of job_logs once it has finished (events and the calls that answered),
 * and its calls in `provider_calls` (failures, and calls made after it ended). A running job's log is in
 * its Durable Object (`running()`).
 */
export async function loggedOf(
  db: Database,
  job: { id: string; finishedAt: number | null },
): Promise<{ events: LoggedEvent[]; calls: JobCall[] }> {
  const [log, recorded] = await Promise.all([
    job.finishedAt === null
      ? undefined
      : db
          .select({ events: jobLogs.events, calls: jobLogs.calls })
          .from(jobLogs)
          .where(and(eq(jobLogs.finishedAt, job.finishedAt), eq(jobLogs.jobId, job.id)))
          .get(),
    db.select().from(providerCalls).where(eq(providerCalls.jobId, job.id)),
  ]);
  return {
    events: log?.events ?? [],
    calls: [...(log?.calls ?? []).map((c) => ({ ...c, jobId: job.id })), ...recorded],
  };
}

const field = (name: keyof LoggedCall) => sql.raw(`json_extract(call.value, '$.${name}')`);

/**
 * Every engine call recorded from `from` on, as a table of (provider, operation, outcome, error, latency_ms,
 * cost_cents, created_at) for the aggregates of metrics, alerts and the console: `provider_calls` by its
 * time index, and the calls in the logs of jobs that ended since (a call precedes its job's end, and the
 * log is keyed by that end).
 */
export function callsSince(from: number): SQL {
  return sql`(
    select provider, operation, outcome, error, latency_ms, cost_cents, created_at from provider_calls where created_at >= ${from}
    union all
    select ${field("provider")}, ${field("operation")}, ${field("outcome")}, ${field("error")}, ${field("latencyMs")}, ${field("costCents")}, ${field("createdAt")}
    from job_logs l, json_each(l.calls) call where l.finished_at >= ${from} and ${field("createdAt")} >= ${from})`;
}

/**
 * Each song delivered from `from` on with what its engine calls cost (failed attempts and failovers
 * included) and whether any of them was priced: rows of (id, cost, priced).
 */
export function songCostsSince(from: number): SQL {
  return sql`(
    select s.id, coalesce(sum(k.cost_cents), 0) as cost, max(k.cost_cents is not null) as priced
    from jobs s left join (
      select c.job_id, c.cost_cents from jobs j join provider_calls c on c.job_id = j.id
      where j.status = 'SUCCEEDED' and j.finished_at >= ${from}
      union all
      select l.job_id, ${field("costCents")} from job_logs l, json_each(l.calls) call where l.finished_at >= ${from}
    ) k on k.job_id = s.id
    where s.status = 'SUCCEEDED' and s.finished_at >= ${from} group by s.id)`;
}
