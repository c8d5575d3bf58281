import { type Database, database, type QueueRole } from "../../db";
import { failureOf, ProviderError } from "../../providers";
import type { Provenance } from "../jobs/machine";
import { jobStub } from "../jobs/stub";
import { log } from "../observability";
import { databaseOf } from "../shards";
import { accountStep } from "./account-step";
import { deliveryStep } from "./delivery-step";
import { lyricsStep } from "./lyrics-step";
import {
  ACCOUNT_QUEUE,
  accountMessageSchema,
  DEAD_LETTER_QUEUE,
  type MessageFor,
  type QueueMessage,
  queueMessageSchema,
  roleOfQueue,
} from "./messages";
import { musicStep } from "./music-step";
import { postprocessStep } from "./postprocess-step";

const steps: { [R in QueueRole]: (env: Env, db: Database, message: MessageFor<R>) => Promise<void> } = {
  lyrics: lyricsStep,
  music: musicStep,
  postprocess: postprocessStep,
  delivery: deliveryStep,
};

/**
 * One handler for every queue: each role's step, retries with backoff, and the dead-letter queue that fails the job.
 * A batch's messages run side by side: steps mostly wait on engines and D1, and a slow one must not hold up the
 * others (each re-reads its job and the job's Durable Object orders its transitions, so running them together is safe).
 */
export async function handleQueueBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue === ACCOUNT_QUEUE) return handleAccountBatch(batch, env, database(env.DB));
  const deadLetter = batch.queue === DEAD_LETTER_QUEUE;
  if (!deadLetter && !roleOfQueue(batch.queue)) throw new Error(`No consumer for queue ${batch.queue}`);
  await Promise.all(
    batch.messages.map((message) =>
      handleMessage(env, batch.queue, deadLetter, message).catch((err: unknown) => {
        // Whatever escaped (the job's object unreachable, say): this message alone is tried again.
        log("error", "queue message failed unexpectedly", {
          requestId: message.id,
          queue: batch.queue,
          attempt: message.attempts,
          error: err,
        });
        message.retry({ delaySeconds: Math.min(2 ** message.attempts, 60) });
      }),
    ),
  );
}

async function handleMessage(env: Env, queue: string, deadLetter: boolean, message: Message<unknown>): Promise<void> {
  const parsed = queueMessageSchema.safeParse(message.body);
  if (!parsed.success) {
    log("error", "malformed queue message dropped", {
      requestId: message.id,
      queue,
      issues: parsed.error.issues.length,
    });
    message.ack();
    return;
  }
  const body = parsed.data;
  // A step's lines carry its message id as their request id: retries of one message share it.
  const step = {
    requestId: message.id,
    jobId: body.jobId,
    role: body.role,
    ...(body.role === "music" ? { op: body.op, provider: body.provider } : {}),
    attempt: message.attempts,
  };
  const from = provenanceOf(body);
  if (deadLetter) {
    log("error", "step dead-lettered", step);
    // A provider cancel that kept failing is not the job's failure. Past the lyrics, a step that keeps
    // failing is the engine's doing: the next engine may succeed.
    if (!(body.role === "music" && body.op === "cancel"))
      await jobStub(env, body.jobId).apply(body.jobId, {
        type: "failed",
        code: body.role === "lyrics" ? "lyrics_unavailable" : "engine_unavailable",
        message: `the ${body.role} step kept failing`,
        ...(from ? { from } : {}),
      });
    message.ack();
    return;
  }
  const started = Date.now();
  try {
    await (steps[body.role] as (env: Env, db: Database, m: typeof body) => Promise<void>)(
      env,
      databaseOf(env, "job", body.jobId),
      body,
    );
    message.ack();
    log("info", "step done", { ...step, latencyMs: Date.now() - started });
  } catch (err) {
    if (err instanceof ProviderError && !err.retryable) {
      log("warn", "step failed for good", { ...step, latencyMs: Date.now() - started, error: err });
      const code = body.role === "lyrics" && err.kind !== "rejected" ? "lyrics_unavailable" : failureOf(err);
      await jobStub(env, body.jobId).apply(body.jobId, {
        type: "failed",
        code,
        message: err.message,
        errorKind: err.kind,
        ...(from ? { from } : {}),
      });
      message.ack();
    } else {
      const delaySeconds =
        err instanceof ProviderError && err.retryAfterSeconds
          ? err.retryAfterSeconds
          : Math.min(2 ** message.attempts, 60);
      log("warn", "step failed, retrying", {
        ...step,
        latencyMs: Date.now() - started,
        error: err,
        retryInSeconds: delaySeconds,
      });
      message.retry({ delaySeconds });
    }
  }
}

/** Erasing an account is retried with backoff; past the queue's retries the cron trigger sends it again. */
async function handleAccountBatch(batch: MessageBatch<unknown>, env: Env, db: Database): Promise<void> {
  for (const message of batch.messages) {
    const parsed = accountMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      log("error", "malformed queue message dropped", {
        requestId: message.id,
        queue: batch.queue,
        issues: parsed.error.issues.length,
      });
      message.ack();
      continue;
    }
    const step = { requestId: message.id, user: parsed.data.userId, role: "account", attempt: message.attempts };
    const started = Date.now();
    try {
      await accountStep(env, db, parsed.data);
      message.ack();
      log("info", "step done", { ...step, latencyMs: Date.now() - started });
    } catch (err) {
      const delaySeconds = Math.min(2 ** message.attempts, 300);
      log("warn", "step failed, retrying", {
        ...step,
        latencyMs: Date.now() - started,
        error: err,
        retryInSeconds: delaySeconds,
      });
      message.retry({ delaySeconds });
    }
  }
}

/** The engine attempt a message is about, when it is about one. */
function provenanceOf(body: QueueMessage): Provenance | undefined {
  if (body.role === "music")
    return body.provider && body.attempt !== undefined
      ? { engine: body.provider, attempt: body.attempt, ...(body.taskId ? { taskId: body.taskId } : {}) }
      : undefined;
  if (body.role === "postprocess" || body.role === "delivery") return body.from;
  return undefined;
}
