import { createRoute } from "@hono/zod-openapi";
import { and, asc, desc, eq, getTableColumns, inArray, type SQL } from "drizzle-orm";
import { creditLedger, generations, type Job, jobs, tracks, users } from "../../db";
import { requireAdmin, requireUser } from "../auth";
import { jobEntryKeys } from "../credits";
import { router } from "../http/app-factory";
import { errorResponses, notFound } from "../http/errors";
import { bearer, idParam, json } from "../http/openapi";
import { isTerminal, jobPageCursor, jobStub, jobsBefore, loggedOf, type RunningJob } from "../jobs";
import { makingMs } from "../observability";
import { databaseOf } from "../shards";
import { type AdminJob, adminJobDetailSchema, adminJobListQuery, adminJobListSchema } from "./admin-schemas";

const common = { tags: ["Operators"], security: bearer, middleware: [requireUser, requireAdmin] };
const iso = (ms: number) => new Date(ms).toISOString();

function adminJob(job: Job, userEmail: string | null): AdminJob {
  return {
    id: job.id,
    userId: job.userId,
    userEmail,
    status: job.status,
    mode: job.mode,
    title: job.title,
    provider: job.provider,
    arm: job.arm,
    providersTried: job.providersTried,
    credits: job.credits,
    errorCode: job.errorCode,
    errorMessage: job.errorMessage,
    createdAt: iso(job.createdAt),
    updatedAt: iso(job.updatedAt),
    finishedAt: job.finishedAt ? iso(job.finishedAt) : null,
    durationMs: job.finishedAt ? makingMs(job, job.finishedAt) : null,
  };
}

export const adminJobRoutes = router()
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/api/admin/jobs",
      summary: "Every account's jobs, newest first, by status, engine or person",
      request: { query: adminJobListQuery },
      responses: {
        200: json(adminJobListSchema, "A page of jobs"),
        ...errorResponses("validation_failed", "unauthorized", "not_found"),
      },
    }),
    async (c) => {
      const { status, provider, user, limit, cursor } = c.req.valid("query");
      const where: (SQL | undefined)[] = [
        status ? eq(jobs.status, status) : undefined,
        provider ? eq(jobs.provider, provider) : undefined,
        user ? (user.includes("@") ? eq(users.email, user.toLowerCase()) : eq(jobs.userId, user)) : undefined,
        cursor ? jobsBefore(cursor) : undefined,
      ];
      const rows = await c.var.db
        .select({ job: getTableColumns(jobs), email: users.email })
        .from(jobs)
        .leftJoin(users, eq(users.id, jobs.userId))
        .where(and(...where))
        .orderBy(desc(jobs.createdAt), desc(jobs.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      return c.json(
        {
          jobs: page.map((r) => adminJob(r.job, r.email)),
          next: rows.length > limit ? jobPageCursor(page[page.length - 1]!.job) : null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/api/admin/jobs/{id}",
      summary: "A job with its event log, engine calls, credit movements and takes",
      request: { params: idParam("job") },
      responses: { 200: json(adminJobDetailSchema, "The job"), ...errorResponses("unauthorized", "not_found") },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const db = databaseOf(c.env, "job", id);
      const row = await db
        .select({ job: getTableColumns(jobs), email: users.email })
        .from(jobs)
        .leftJoin(users, eq(users.id, jobs.userId))
        .where(eq(jobs.id, id))
        .get();
      if (!row) throw notFound("Job");
      const [generation, { events: logged, calls: recorded }, ledger, takes, running] = await Promise.all([
        db.select().from(generations).where(eq(generations.jobId, id)).get(),
        loggedOf(db, row.job),
        db
          .select()
          .from(creditLedger)
          .where(inArray(creditLedger.entryKey, jobEntryKeys(id)))
          .orderBy(asc(creditLedger.createdAt)),
        db.select().from(tracks).where(eq(tracks.jobId, id)).orderBy(asc(tracks.takeIndex)),
        // A running job's log and its engine checks that changed nothing are in its object until it ends.
        isTerminal(row.job.status) ? null : (jobStub(c.env, id).running() as Promise<RunningJob>),
      ]);
      const seen = new Set(logged.map((e) => e.seq));
      const events = [...logged, ...(running?.events ?? []).filter((e) => !seen.has(e.seq))].sort(
        (a, b) => a.seq - b.seq,
      );
      const calls = [...recorded, ...(running?.calls ?? [])].sort((a, b) => a.createdAt - b.createdAt);
      return c.json(
        {
          ...adminJob(row.job, row.email),
          request: generation
            ? {
                language: generation.language,
                vocal: generation.vocal,
                styleTags: generation.styleTags as string[],
                durationSeconds: generation.durationSeconds,
                lyricsSource: generation.lyricsSource,
                model: generation.model,
                seed: generation.seed,
              }
            : null,
          events: events.map((e) => ({
            seq: e.seq,
            type: e.type,
            status: e.status,
            data: (e.data ?? {}) as Record<string, unknown>,
            at: iso(e.createdAt),
          })),
          calls: calls.map((k) => ({
            provider: k.provider,
            operation: k.operation,
            latencyMs: k.latencyMs,
            costCents: k.costCents,
            outcome: k.outcome,
            error: k.error,
            at: iso(k.createdAt),
          })),
          ledger: ledger.map((l) => ({ kind: l.kind, amount: l.amount, reason: l.reason, at: iso(l.createdAt) })),
          tracks: takes.map((t) => ({
            id: t.id,
            takeIndex: t.takeIndex,
            format: t.format,
            provider: t.provider,
            sizeBytes: t.sizeBytes,
            durationSeconds: t.durationSeconds,
          })),
        },
        200,
      );
    },
  );
