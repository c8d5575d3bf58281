import { eq } from "drizzle-orm";
import { type Database, generations, type Job } from "../../db";
import { failureOf, ProviderError } from "../../providers";
import { callbackUrl } from "../jobs/callback-token";
import type { JobInput, Provenance } from "../jobs/machine";
import { currentJob, jobStub } from "../jobs/stub";
import { music } from "../routing";
import type { MessageFor } from "./messages";

/** What an engine's error means for the order: wait (back-pressure), give up on the words, or try again. */
export function inputForError(err: ProviderError, from: Provenance): JobInput {
  if (err.kind === "rate_limited")
    return {
      type: "busy",
      from,
      ...(err.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: err.retryAfterSeconds }),
    };
  if (err.kind === "rejected")
    return { type: "failed", from, code: failureOf(err), message: err.message, errorKind: err.kind };
  return { type: "engine_error", from, code: failureOf(err) };
}

/** Whether the message is about the attempt the job is on: a message about an earlier one calls no engine. */
const isCurrent = (job: Job, from: Provenance) =>
  job.status === "GENERATING_MUSIC" && job.provider === from.engine && job.providersTried.length === from.attempt;

export async function musicStep(env: Env, db: Database, message: MessageFor<"music">): Promise<void> {
  const job = await currentJob(env, message.jobId);
  if (!job) return;
  const stub = jobStub(env, job.id);

  if (message.op === "cancel") {
    if (message.provider && message.taskId) await music(env, db, message.provider, job.id).cancel(message.taskId);
    return;
  }
  // Messages sent before provenance existed are about the job's engine as it is now.
  const engine = message.provider ?? job.provider;
  if (!engine) return;
  const from: Provenance = {
    engine,
    attempt: message.attempt ?? job.providersTried.length,
    ...(message.taskId ? { taskId: message.taskId } : {}),
  };
  if (!isCurrent(job, from)) return;
  const provider = music(env, db, engine, job.id);

  // The engine's errors are the job's to judge (wait, retry, next engine, or stop): reported, not thrown.
  const report = async (call: () => Promise<JobInput>) => {
    let input: JobInput;
    try {
      input = await call();
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err;
      input = inputForError(err, from);
    }
    await stub.apply(job.id, input);
  };

  if (message.op === "create") {
    if (job.providerTaskId) return;
    const generation = await db.select().from(generations).where(eq(generations.jobId, job.id)).get();
    if (!generation) return;
    const lyrics = generation.lyrics;
    await report(async () => {
      const { taskId } = await provider.createTrack({
        jobId: job.id,
        title: job.title ?? lyrics?.title ?? "Refrain",
        lyrics: generation.vocal === "instrumental" ? null : lyrics,
        styleTags: generation.styleTags as string[],
        ...(generation.mood ? { mood: generation.mood } : {}),
        vocal: generation.vocal,
        language: generation.language,
        durationSeconds: generation.durationSeconds,
        seed: generation.seed,
        ...(generation.pronunciations ? { pronunciations: generation.pronunciations } : {}),
        callbackUrl: await callbackUrl(env, engine, job.id),
      });
      return { type: "submitted", from, taskId };
    });
    return;
  }

  if (!from.taskId || from.taskId !== job.providerTaskId) return;
  const taskId = from.taskId;
  await report(async () => {
    const status = await provider.getStatus(taskId);
    switch (status.state) {
      case "pending":
      case "running":
        return {
          type: "progress",
          from,
          ...(status.progress === undefined ? {} : { progress: status.progress }),
          ...(status.stage ? { stage: status.stage } : {}),
        };
      case "succeeded":
        return { type: "music_ready", from };
      case "failed":
        return {
          type: "failed",
          from,
          code: failureOf(status.error),
          message: status.error.message,
          errorKind: status.error.kind,
        };
    }
  });
}
