import { and, eq } from "drizzle-orm";
import { generations, idempotencyKeys, jobEvents, jobs, projects, type Database, type Job } from "../../db";
import { parseLyricsText } from "../../providers";
import { sha256Hex } from "../auth";
import { freeRevisionStatement, holdStatements, isInsufficientCredits, isUniqueViolation, readCredits } from "../credits";
import { chooseLyricsWriter, chooseRoute } from "../routing";
import { ApiError, notFound } from "../http/errors";
import { log } from "../observability";
import type { CreateJobBody } from "./schemas";
import { jobStub } from "./stub";

/** Stable JSON (sorted keys), so the same body always hashes the same for Idempotency-Key checks. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

export interface Created {
  job: Job;
  replayed: boolean;
}

async function replay(db: Database, userId: string, key: string, requestHash: string): Promise<Created | null> {
  const previous = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key))).get();
  if (!previous) return null;
  if (previous.requestHash !== requestHash)
    throw new ApiError("idempotency_conflict", "This Idempotency-Key was already used with a different request body", { "Idempotency-Key": ["reused with another body"] });
  const job = await db.select().from(jobs).where(eq(jobs.id, previous.jobId)).get();
  if (!job) throw notFound("Job");
  return { job, replayed: true };
}

/**
 * Accepting an order is one D1 batch: the credits are held (the balance's CHECK constraint refuses
 * to go below zero), the job is recorded QUEUED with its generation metadata and first event, and the
 * Idempotency-Key is claimed. Either all of it is written or none. The job's Durable Object then takes over.
 */
/** A revision of a finished order: its lyrics and brief, a new seed; the first one of each order is free. */
export interface RevisionOf {
  parentJobId: string;
  context: unknown;
  free: boolean;
}

/** `admit` throttles, counts and challenges a new order; a retry of an order already made skips it. */
export async function createJob(
  env: Env,
  db: Database,
  user: { id: string; role: string },
  idempotencyKey: string,
  body: CreateJobBody,
  revision?: RevisionOf,
  admit?: () => Promise<void>,
): Promise<Created> {
  const userId = user.id;
  const requestHash = await sha256Hex(canonicalJson(body));
  const earlier = await replay(db, userId, idempotencyKey, requestHash);
  if (earlier) return earlier;
  await admit?.();

  if (body.projectId) {
    const project = await db.select({ id: projects.id }).from(projects).where(and(eq(projects.id, body.projectId), eq(projects.userId, userId))).get();
    if (!project) throw new ApiError("not_found", "Project not found", { projectId: ["no such project"] });
  }
  if (body.engine && user.role !== "admin") throw new ApiError("validation_failed", "Only operators can choose the engine", { engine: ["reserved to operators"] });
  const jobId = `job_${crypto.randomUUID()}`;
  const routed = await chooseRoute(env, db, { userId, jobId, ...(body.engine ? { forced: body.engine } : {}) });
  if (!routed) throw new ApiError("unavailable", "No music engine can take orders right now; please retry in a few minutes", undefined, undefined, { "Retry-After": "60" });
  if (body.engine && routed.provider !== body.engine) throw new ApiError("validation_failed", `The engine ${body.engine} is not available`, { engine: ["not available"] });
  if (body.mode === "context" && !chooseLyricsWriter(env)) throw new ApiError("unavailable", "No lyrics writer is configured");

  const customLyrics = body.mode === "custom" && body.lyrics ? parseLyricsText(body.lyrics, body.title) : null;
  const now = Date.now();
  const credits = revision?.free ? 0 : Number(env.CREDITS_PER_SONG);
  const job: Job = {
    id: jobId,
    userId,
    projectId: body.projectId ?? null,
    status: "QUEUED",
    mode: body.mode,
    title: body.mode === "custom" ? body.title : null,
    credits,
    provider: routed.provider,
    providerTaskId: null,
    arm: routed.arm,
    providerChain: routed.chain,
    providersTried: [routed.provider],
    errorCode: null,
    errorMessage: null,
    chosenTrackId: null,
    approveLyrics: body.approveLyrics,
    drafts: 0,
    parentJobId: revision?.parentJobId ?? null,
    deadlineAt: now + Number(env.JOB_DEADLINE_SECONDS) * 1000,
    lastSeq: 1,
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
  };
  const { mode, projectId: _project, engine: _engine, approveLyrics: _approve, language, vocal, styleTags, mood, durationSeconds, seed, ...brief } = body;
  // Custom lyrics keep only who they are for; a revision keeps its parent's. The singer's pronunciation
  // comes from there too, so a revision sings the name as its parent did.
  const recipient = body.mode === "custom" && body.recipientName ? { recipientName: body.recipientName, ...(body.pronounceAs ? { pronounceAs: body.pronounceAs } : {}) } : null;
  const context = (revision ? revision.context : mode === "context" ? brief : recipient) as { recipientName?: string; pronounceAs?: string } | null;
  try {
    await db.batch([
      ...holdStatements(db, userId, job.id, credits, revision ? { kind: revision.free ? "free_revision" : "revision", text: `${revision.free ? "free revision" : "revision"} of ${revision.parentJobId}` } : undefined),
      ...(revision?.free ? [freeRevisionStatement(db, userId, job.id, revision.parentJobId)] : []),
      db.insert(jobs).values(job),
      db.insert(generations).values({
        jobId: job.id,
        mode,
        context,
        lyrics: customLyrics,
        lyricsSource: customLyrics ? "user" : null,
        language,
        vocal,
        styleTags,
        mood: mood ?? null,
        durationSeconds,
        params: {},
        provider: routed.provider,
        pronunciations: context?.recipientName && context.pronounceAs ? { [context.recipientName]: context.pronounceAs } : null,
        seed: seed ?? crypto.getRandomValues(new Uint32Array(1))[0]! >>> 1,
        updatedAt: now,
      }),
      db.insert(jobEvents).values({ jobId: job.id, seq: 1, type: "queued", status: "QUEUED", data: { credits }, createdAt: now }),
      db.insert(idempotencyKeys).values({ userId, key: idempotencyKey, requestHash, jobId: job.id, createdAt: now }),
    ]);
  } catch (err) {
    if (isInsufficientCredits(err)) {
      const { balance, reserved, available } = await readCredits(db, userId, 0);
      throw new ApiError("insufficient_credits", `This song costs ${credits} credits; ${available} are available`, undefined, { balance, reserved, available, required: credits });
    }
    if (revision?.free && isUniqueViolation(err, "credit_ledger.entry_key")) return createJob(env, db, user, idempotencyKey, body, { ...revision, free: false });
    if (isUniqueViolation(err, "idempotency_keys")) {
      const raced = await replay(db, userId, idempotencyKey, requestHash);
      if (raced) return raced;
    }
    throw err;
  }
  try {
    await jobStub(env, job.id).start(job.id);
  } catch (err) {
    // The order is already safe in D1: the cron sweep starts any job left QUEUED.
    log("error", "job start deferred to sweep", { jobId: job.id, user: userId, provider: routed.provider, error: err });
  }
  return { job, replayed: false };
}
