import { and, asc, desc, eq, inArray, lt, or, type SQL } from "drizzle-orm";
import { type Database, type Generation, generations, type Job, jobs, type Track, tracks } from "../../db";
import { asFailureCode, failureMessages } from "../../domain/failures";
import { notFound } from "../http/errors";
import type { JobView } from "./schemas";

const iso = (ms: number) => new Date(ms).toISOString();

export function jobView(job: Job, generation: Generation | undefined, jobTracks: Track[]): JobView {
  const request: Record<string, unknown> = generation
    ? {
        ...(generation.context && typeof generation.context === "object" ? generation.context : {}),
        ...(job.mode === "custom" ? { title: job.title } : {}),
        language: generation.language,
        vocal: generation.vocal,
        styleTags: generation.styleTags,
        ...(generation.mood ? { mood: generation.mood } : {}),
        durationSeconds: generation.durationSeconds,
        seed: generation.seed,
      }
    : {};
  return {
    id: job.id,
    status: job.status,
    mode: job.mode,
    projectId: job.projectId,
    title: job.title,
    credits: job.credits,
    provider: job.provider,
    // The engine's own words (errorMessage) are for operators: people get the code and our text for it.
    error: job.errorCode
      ? { code: asFailureCode(job.errorCode), message: failureMessages[asFailureCode(job.errorCode)] }
      : null,
    lyrics: generation?.lyrics ?? null,
    takes: jobTracks
      .sort((a, b) => a.takeIndex - b.takeIndex)
      .map((t) => ({
        trackId: t.id,
        takeIndex: t.takeIndex,
        format: t.format,
        durationSeconds: t.durationSeconds,
        sizeBytes: t.sizeBytes,
        chosen: t.id === job.chosenTrackId,
      })),
    chosenTrackId: job.chosenTrackId,
    approveLyrics: job.approveLyrics,
    drafts: job.drafts,
    parentJobId: job.parentJobId,
    request,
    createdAt: iso(job.createdAt),
    updatedAt: iso(job.updatedAt),
    deadlineAt: iso(job.deadlineAt),
    finishedAt: job.finishedAt ? iso(job.finishedAt) : null,
  };
}

/** Another user's job answers exactly like a job that does not exist. */
export async function ownedJob(db: Database, userId: string, jobId: string): Promise<Job> {
  const job = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, jobId), eq(jobs.userId, userId)))
    .get();
  if (!job) throw notFound("Job");
  return job;
}

export async function loadJobView(db: Database, job: Job): Promise<JobView> {
  const [generation, jobTracks] = await Promise.all([
    db.select().from(generations).where(eq(generations.jobId, job.id)).get(),
    db.select().from(tracks).where(eq(tracks.jobId, job.id)).orderBy(asc(tracks.takeIndex)),
  ]);
  return jobView(job, generation, jobTracks);
}

/** A new order's view from what creating it wrote; a replayed one's from D1. */
export async function createdView(
  db: Database,
  created: { job: Job; replayed: boolean; generation?: Generation },
): Promise<JobView> {
  return created.generation && !created.replayed
    ? jobView(created.job, created.generation, [])
    : loadJobView(db, created.job);
}

// Pages are cut by (created_at, id), newest first: a cursor stays valid while new orders arrive.
export const jobPageCursor = (job: Pick<Job, "createdAt" | "id">) => `${job.createdAt}.${job.id}`;
/** The jobs older than a page's cursor; a cursor that is not one filters nothing. */
export function jobsBefore(cursor: string): SQL | undefined {
  const [at, id] = [Number(cursor.slice(0, cursor.indexOf("."))), cursor.slice(cursor.indexOf(".") + 1)];
  if (!Number.isFinite(at) || !id) return undefined;
  return or(lt(jobs.createdAt, at), and(eq(jobs.createdAt, at), lt(jobs.id, id)));
}

/** A page of a person's jobs, newest first, and the cursor of the next page (null on the last). */
export async function listJobViews(
  db: Database,
  userId: string,
  filter: { projectId?: string; limit: number; cursor?: string },
): Promise<{ jobs: JobView[]; next: string | null }> {
  const where: (SQL | undefined)[] = [
    eq(jobs.userId, userId),
    filter.projectId ? eq(jobs.projectId, filter.projectId) : undefined,
    filter.cursor ? jobsBefore(filter.cursor) : undefined,
  ];
  const found = await db
    .select()
    .from(jobs)
    .where(and(...where))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(filter.limit + 1);
  const rows = found.slice(0, filter.limit);
  const next = found.length > filter.limit ? jobPageCursor(rows[rows.length - 1]!) : null;
  if (!rows.length) return { jobs: [], next };
  const ids = rows.map((j) => j.id);
  const [gens, trks] = await Promise.all([
    db.select().from(generations).where(inArray(generations.jobId, ids)),
    db.select().from(tracks).where(inArray(tracks.jobId, ids)),
  ]);
  return {
    jobs: rows.map((job) =>
      jobView(
        job,
        gens.find((g) => g.jobId === job.id),
        trks.filter((t) => t.jobId === job.id),
      ),
    ),
    next,
  };
}
