import { eq } from "drizzle-orm";
import { jobs, type Database, type Job } from "../../db";
import { ProviderError } from "../../providers";
import { sha256Hex } from "../auth";
import type { DeliveredTrack } from "../jobs/machine";
import { jobStub } from "../jobs/stub";
import { audioInfo } from "../media/audio-info";
import { fetchProviderAudio, RefusedUrl } from "../security";
import type { MessageFor } from "./messages";

export const trackKey = (userId: string, jobId: string, takeIndex: number, format: string) => `users/${userId}/jobs/${jobId}/take-${takeIndex}.${format}`;

/** Engines' links expire (Suno deletes files after 15 days): the audio is copied into our bucket before the job succeeds. */
async function store(env: Env, job: { id: string; userId: string }, takeIndex: number, url: string) {
  const bytes = await fetchProviderAudio(env, url);
  const info = audioInfo(bytes);
  if (!info) throw new ProviderError("unavailable", "The engine's audio is neither MP3 nor WAV");
  const contentType = info.format === "mp3" ? "audio/mpeg" : "audio/wav";
  const r2Key = trackKey(job.userId, job.id, takeIndex, info.format);
  const sha256 = await sha256Hex(bytes);
  // Keyed by job and take: a retried delivery overwrites the same object instead of leaving orphans.
  await env.AUDIO.put(r2Key, bytes, { httpMetadata: { contentType }, customMetadata: { sha256, jobId: job.id } });
  return { bytes, info, contentType, r2Key, sha256 };
}

async function storeTakes(env: Env, job: Job, takes: MessageFor<"delivery">["takes"]): Promise<DeliveredTrack[]> {
  const delivered: DeliveredTrack[] = [];
  for (const [takeIndex, take] of takes.entries()) {
    const stored = await store(env, job, takeIndex, take.audioUrl);
    const { info, r2Key, sha256, contentType, bytes } = stored;
    const wav = take.wavUrl ? await store(env, job, takeIndex, take.wavUrl) : null;
    if (wav && wav.info.format !== "wav") throw new ProviderError("unavailable", "The engine's lossless copy is not a WAV file");
    delivered.push({
      id: `trk_${job.id.slice(4)}_${takeIndex}`,
      takeIndex,
      r2Key,
      format: info.format,
      contentType,
      sizeBytes: bytes.byteLength,
      sha256,
      durationSeconds: take.durationSeconds ?? info.durationSeconds,
      sampleRate: take.sampleRate ?? info.sampleRate,
      loudnessLufs: take.loudnessLufs ?? null,
      wavR2Key: wav?.r2Key ?? null,
      wavSizeBytes: wav?.bytes.byteLength ?? null,
      wavSha256: wav?.sha256 ?? null,
      timings: take.timings ?? null,
      ...(take.provider ? { provider: take.provider } : {}),
      providerTakeId: take.providerTakeId,
      title: take.title ?? job.title,
    });
  }
  return delivered;
}

export async function deliveryStep(env: Env, db: Database, message: MessageFor<"delivery">): Promise<void> {
  const job = await db.select().from(jobs).where(eq(jobs.id, message.jobId)).get();
  if (!job || job.status !== "DELIVERING") return;
  let delivered: DeliveredTrack[];
  try {
    delivered = await storeTakes(env, job, message.takes);
  } catch (err) {
    if (!(err instanceof RefusedUrl)) throw err;
    // Retrying cannot make the engine's address acceptable: the job fails over now (or is refunded).
    await jobStub(env, job.id).apply(job.id, { type: "failed", code: "audio_refused", message: `The engine's audio address was refused: ${err.message}`, errorKind: "unavailable" });
    return;
  }
  await jobStub(env, job.id).apply(job.id, { type: "delivered", tracks: delivered });
}
