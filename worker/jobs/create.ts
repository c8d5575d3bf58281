import { and, eq, lt, sql } from "drizzle-orm";
import {
  type Database,
  type Generation,
  generations,
  idempotencyClaims,
  idempotencyKeys,
  type Job,
  jobs,
  projects,
} from "../../db";
import type { Language } from "../../domain/values";
import { parseLyricsText } from "../../providers";
import { type Account, accountOf, accountQuery, sha256Hex, type TokenSubject } from "../auth";
import { openHoldQuery, refuseIfOnHold } from "../billing";
import { config } from "../config";
import {
  freeRevisionStatement,
  holdStatements,
  isInsufficientCredits,
  isUniqueViolation,
  readCredits,
} from "../credits";
import { ApiError, notFound } from "../http/errors";
import { log } from "../observability";
import {
  chooseLyricsWriter,
  chooseRoute,
  type RoutingSnapshot,
  routingSnapshot,
  routingSnapshotQueries,
} from "../routing";
import { ordersTodayQuery } from "../security";
import { NEW_ROWS_SHARD, newId, shardOfId } from "../shards";
import type { JobSeed } from "./job-object";
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
  /** Who ordered, as the key's batch read them. */
  user: Account;
  replayed: boolean;
  /** A new order's generation, as written (a replay has none: read it back). */
  generation?: Generation;
}

// A first request normally ends well within the wait: retries sent at the same time get its job.
const CLAIM_WAIT_MS = 3_000;
const IN_PROGRESS_RETRY_AFTER_SECONDS = 2;
// Longer than any order placement takes: a claim this old belongs to a request that died half-way.
const CLAIM_STALE_MS = 60_000;

/** What placing a new order needs to know, read in the same round trip as the key. */
interface OrderFacts {
  onHold: boolean;
  ordersToday: number;
  routing: RoutingSnapshot;
  projectFound: boolean;
}

/** Who places an order: an account already read, or our own verified token whose account is read with the key. */
export type Orderer = Account | TokenSubject;

/** An order as a route hands it over. */
export interface PlaceRequest {
  env: Env;
  db: Database;
  ctx: Pick<ExecutionContext, "waitUntil">;
  orderer: Orderer;
  idempotencyKey: string;
  body: CreateJobBody;
  revision?: RevisionOf;
  /** The language of the emails about this order (the client's Accept-Language); by default, the song's. */
  writeIn?: Language | null;
  /** Throttles, counts and challenges a request that will place a new order (a replay passes untouched). */
  admit?: (ordersToday: number, user: Account) => Promise<void>;
}

/** What the key's batch settled for a request that places a new order. */
interface Claim {
  user: Account;
  requestHash: string;
  claimId: string;
  facts: OrderFacts;
}

type KeyState =
  | { kind: "replay"; job: Job; user: Account }
  | { kind: "owner"; user: Account; claimId: string; facts: OrderFacts }
  | { kind: "running" };

const subjectOf = (orderer: Orderer): TokenSubject =>
  "source" in orderer ? orderer : { source: "refrain", subject: orderer.id };

const reused = () =>
  new ApiError("idempotency_conflict", "This Idempotency-Key was already used with a different request body", {
    "Idempotency-Key": ["reused with another body"],
  });

/**
 * One D1 round trip (one batch): the account and its session, the key's record, the key claimed for this
 * request (or taken over from a request that died), and what a new order needs (holds, today's orders,
 * routing, circuits, the project). The claim is written only while the key has no job, and given back if the
 * account turns out to be refused. A replay reads its job in a second trip; a key another request is placing
 * reads that request's claim.
 */
async function lookOrClaim(
  { env, db, orderer, idempotencyKey: key, body }: PlaceRequest,
  requestHash: string,
  claimId: string,
): Promise<KeyState> {
  const now = Date.now();
  const subject = subjectOf(orderer);
  const userId = subject.subject;
  const { projectId } = body;
  const thisKey = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));
  const thisClaim = and(eq(idempotencyClaims.userId, userId), eq(idempotencyClaims.key, key));
  const [account, done, claimed, hold, today, routingConfig, health, project] = await db.batch([
    accountQuery(db, subject),
    db.select().from(idempotencyKeys).where(thisKey),
    db
      .insert(idempotencyClaims)
      .select(
        sql`select ${userId}, ${key}, ${requestHash}, ${claimId}, ${now} where not exists ${db.select({ one: sql`1` }).from(idempotencyKeys).where(thisKey)}`,
      )
      .onConflictDoUpdate({
        target: [idempotencyClaims.userId, idempotencyClaims.key],
        set: { requestHash, claimId, claimedAt: now },
        setWhere: lt(idempotencyClaims.claimedAt, now - CLAIM_STALE_MS),
      })
      .returning({ claimId: idempotencyClaims.claimId }),
    openHoldQuery(db, userId),
    ordersTodayQuery(db, userId, now),
    ...routingSnapshotQueries(db),
    ...(projectId
      ? [
          db
            .select({ id: projects.id })
            .from(projects)
            .where(and(eq(projects.id, projectId), eq(projects.userId, userId))),
        ]
      : []),
  ]);
  const owner = claimed[0]?.claimId === claimId;
  let user: Account;
  try {
    user = accountOf(subject, account[0]);
  } catch (err) {
    if (owner) await release(db, userId, key, claimId);
    throw err;
  }
  const previous = done[0];
  if (previous) {
    if (previous.requestHash !== requestHash) throw reused();
    const job = await db.select().from(jobs).where(eq(jobs.id, previous.jobId)).get();
    if (!job) throw notFound("Job");
    return { kind: "replay", job, user };
  }
  if (owner)
    return {
      kind: "owner",
      user,
      claimId,
      facts: {
        onHold: hold.length > 0,
        ordersToday: today[0]?.made ?? 0,
        routing: routingSnapshot(env, [routingConfig, health]),
        projectFound: (project?.length ?? 0) > 0,
      },
    };
  const claim = await db.select().from(idempotencyClaims).where(thisClaim).get();
  if (!claim) throw notFound("Job");
  if (claim.requestHash !== requestHash) throw reused();
  return { kind: "running" };
}

/** Waits (briefly) for a request already placing this key, as Stripe does, instead of racing it. */
async function ownOrReplay(
  request: PlaceRequest,
  requestHash: string,
): Promise<Exclude<KeyState, { kind: "running" }>> {
  const claimId = crypto.randomUUID();
  const giveUpAt = Date.now() + CLAIM_WAIT_MS;
  for (let pause = 50; ; pause = Math.min(pause * 2, 400)) {
    const state = await lookOrClaim(request, requestHash, claimId);
    if (state.kind !== "running") return state;
    if (Date.now() + pause > giveUpAt)
      throw new ApiError(
        "idempotency_in_progress",
        "An order with this Idempotency-Key is still being placed; retry in a moment",
        undefined,
        { retryAfterSeconds: IN_PROGRESS_RETRY_AFTER_SECONDS },
        { "Retry-After": String(IN_PROGRESS_RETRY_AFTER_SECONDS) },
      );
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** A request that made no job gives its key back, so a retry (after a top-up, say) is a new attempt. */
async function release(db: Database, userId: string, key: string, claimId: string): Promise<void> {
  try {
    await db
      .delete(idempotencyClaims)
      .where(
        and(
          eq(idempotencyClaims.userId, userId),
          eq(idempotencyClaims.key, key),
          eq(idempotencyClaims.claimId, claimId),
        ),
      );
  } catch (err) {
    // Left in place, the claim goes stale and the next retry takes it over.
    log("error", "idempotency claim not released", { user: userId, error: err });
  }
}

/**
 * The job's object takes the order over after the answer: the order is safe in D1 once its batch is written, and
 * what the object does first (open its storage, record the first transition, send the first step) is no reason
 * to keep the person waiting. A hand-over that fails is retried by the cron sweep, which starts any job left QUEUED.
 */
async function handOver(env: Env, seed: JobSeed) {
  const { job } = seed;
  try {
    await jobStub(env, job.id).start(job.id, seed);
  } catch (err) {
    log("error", "job start deferred to sweep", {
      jobId: job.id,
      user: job.userId,
      provider: job.provider,
      error: err,
    });
  }
}

/** A revision of a finished order: its lyrics and brief, a new seed; the first one of each order is free. */
export interface RevisionOf {
  parentJobId: string;
  context: unknown;
  free: boolean;
}

/**
 * Idempotent as Stripe's API is: a key that made a job answers with that job, whatever the balance, limits
 * and quota say now; with another body, 422; while its first request still runs, 409 with Retry-After.
 * `admit` throttles, counts and challenges only a request that will place a new order.
 */
export async function createJob(request: PlaceRequest): Promise<Created> {
  const requestHash = await sha256Hex(canonicalJson(request.body));
  const state = await ownOrReplay(request, requestHash);
  if (state.kind === "replay") return { job: state.job, user: state.user, replayed: true };
  try {
    return await place(request, { user: state.user, requestHash, claimId: state.claimId, facts: state.facts });
  } catch (err) {
    await release(request.db, state.user.id, request.idempotencyKey, state.claimId);
    throw err;
  }
}

/**
 * Accepting an order is one D1 batch: the key is recorded with its job (its primary key refuses a second
 * job for one key, whatever happened to the claim), the credits are held (the balance's CHECK constraint
 * refuses to go below zero), the job is recorded QUEUED with its generation metadata, and the claim is
 * cleared. Either all of it is written or none. The job's Durable Object then takes over after the answer,
 * handed the job as written (it keeps its event log, the first event included, until the job ends).
 */
async function place(request: PlaceRequest, claim: Claim): Promise<Created> {
  const { env, db, ctx, idempotencyKey, body, revision, admit } = request;
  const { user, requestHash, claimId, facts } = claim;
  const userId = user.id;
  refuseIfOnHold(facts.onHold);
  await admit?.(facts.ordersToday, user);

  if (body.projectId && !facts.projectFound)
    throw new ApiError("not_found", "Project not found", { projectId: ["no such project"] });
  if (body.engine && user.role !== "admin")
    throw new ApiError("validation_failed", "Only operators can choose the engine", {
      engine: ["reserved to operators"],
    });
  // A revision lives beside its parent: its id names the same shard.
  const jobId = newId("job", revision ? (shardOfId("job", revision.parentJobId) ?? NEW_ROWS_SHARD) : NEW_ROWS_SHARD);
  const routed = await chooseRoute(
    env,
    db,
    { userId, jobId, vocal: body.vocal, ...(body.engine ? { forced: body.engine } : {}) },
    facts.routing,
  );
  if (!routed)
    throw new ApiError(
      "unavailable",
      "No music engine can take orders right now; please retry in a few minutes",
      undefined,
      undefined,
      { "Retry-After": "60" },
    );
  if (body.engine && routed.provider !== body.engine)
    throw new ApiError("validation_failed", `The engine ${body.engine} is not available`, {
      engine: ["not available"],
    });
  if (body.mode === "context" && !chooseLyricsWriter(env))
    throw new ApiError("unavailable", "No lyrics writer is configured");

  const customLyrics = body.mode === "custom" && body.lyrics ? parseLyricsText(body.lyrics, body.title) : null;
  const now = Date.now();
  const credits = revision?.free ? 0 : config(env).CREDITS_PER_SONG;
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
    deadlineAt: now + config(env).JOB_DEADLINE_SECONDS * 1000,
    waitedMs: 0,
    lastSeq: 1,
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
  };
  const {
    mode,
    projectId: _project,
    engine: _engine,
    approveLyrics: _approve,
    language,
    vocal,
    styleTags,
    mood,
    durationSeconds,
    seed,
    ...brief
  } = body;
  // Custom lyrics keep only who they are for; a revision keeps its parent's. The singer's pronunciation
  // comes from there too, so a revision sings the name as its parent did.
  const recipient =
    body.mode === "custom" && body.recipientName
      ? { recipientName: body.recipientName, ...(body.pronounceAs ? { pronounceAs: body.pronounceAs } : {}) }
      : null;
  const context = (revision ? revision.context : mode === "context" ? brief : recipient) as {
    recipientName?: string;
    pronounceAs?: string;
  } | null;
  const generation: Generation = {
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
    providerTaskId: null,
    model: null,
    modelVersion: null,
    seed: seed ?? crypto.getRandomValues(new Uint32Array(1))[0]! >>> 1,
    pronunciations:
      context?.recipientName && context.pronounceAs ? { [context.recipientName]: context.pronounceAs } : null,
    timings: null,
    updatedAt: now,
  };
  try {
    await db.batch([
      db.insert(idempotencyKeys).values({ userId, key: idempotencyKey, requestHash, jobId: job.id, createdAt: now }),
      ...holdStatements(
        db,
        userId,
        job.id,
        credits,
        revision
          ? {
              kind: revision.free ? "free_revision" : "revision",
              text: `${revision.free ? "free revision" : "revision"} of ${revision.parentJobId}`,
            }
          : undefined,
      ),
      ...(revision?.free ? [freeRevisionStatement(db, userId, job.id, revision.parentJobId)] : []),
      db.insert(jobs).values(job),
      db.insert(generations).values(generation),
      db
        .delete(idempotencyClaims)
        .where(
          and(
            eq(idempotencyClaims.userId, userId),
            eq(idempotencyClaims.key, idempotencyKey),
            eq(idempotencyClaims.claimId, claimId),
          ),
        ),
    ]);
  } catch (err) {
    if (isInsufficientCredits(err)) {
      const { balance, reserved, available } = await readCredits(db, userId, 0);
      throw new ApiError(
        "insufficient_credits",
        `This song costs ${credits} credits; ${available} are available`,
        undefined,
        { balance, reserved, available, required: credits },
      );
    }
    if (revision?.free && isUniqueViolation(err, "credit_ledger.entry_key"))
      return place({ ...request, revision: { ...revision, free: false }, admit: undefined }, claim);
    if (isUniqueViolation(err, "idempotency_keys")) {
      // Our claim went stale and another request placed the order meanwhile: its job is the answer.
      const raced = await lookOrClaim({ ...request, orderer: user }, requestHash, claimId);
      if (raced.kind === "replay") return { job: raced.job, user, replayed: true };
    }
    throw err;
  }
  const notify = user.email && user.orderEmails ? { email: user.email, language: request.writeIn ?? language } : null;
  ctx.waitUntil(handOver(env, { job, vocal, style: styleTags[0] ?? null, routing: facts.routing.config, notify }));
  return { job, user, replayed: false, generation };
}
