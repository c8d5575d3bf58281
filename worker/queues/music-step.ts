import { eq } from "drizzle-orm";
import { generations, jobs, type Database } from "../../db";
import { music } from "../routing";
import { callbackUrl } from "../jobs/callback-token";
import { jobStub } from "../jobs/stub";
import type { MessageFor } from "./messages";

export async function musicStep(env: Env, db: Database, message: MessageFor<"music">): Promise<void> {
  const job = await db.select().from(jobs).where(eq(jobs.id, message.jobId)).get();
  if (!job) return;
  const stub = jobStub(env, job.id);

  if (message.op === "cancel") {
    if (message.provider && message.taskId) await music(env, db, message.provider, job.id).cancel(message.taskId);
    return;
  }
  if (job.status !== "GENERATING_MUSIC" || !job.provider) return;
  const provider = music(env, db, job.provider, job.id);

  if (message.op === "create") {
    if (job.providerTaskId) return;
    const generation = await db.select().from(generations).where(eq(generations.jobId, job.id)).get();
    if (!generation) return;
    const lyrics = generation.lyrics;
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
      callbackUrl: await callbackUrl(env, job.provider, job.id),
    });
    await stub.apply(job.id, { type: "submitted", provider: job.provider, taskId });
    return;
  }

  // A poll for a task that is no longer the job's (a stale or duplicate message) changes nothing.
  if (message.taskId !== job.providerTaskId || !job.providerTaskId) return;
  const status = await provider.getStatus(job.providerTaskId);
  switch (status.state) {
    case "pending":
    case "running":
      await stub.apply(job.id, { type: "progress", ...(status.progress === undefined ? {} : { progress: status.progress }), ...(status.stage ? { stage: status.stage } : {}) });
      return;
    case "succeeded":
      await stub.apply(job.id, { type: "music_ready" });
      return;
    case "failed":
      await stub.apply(job.id, { type: "failed", code: `provider_${status.error.kind}`, message: status.error.message, errorKind: status.error.kind });
      return;
  }
}
