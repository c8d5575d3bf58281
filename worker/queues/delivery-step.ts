import { eq } from "drizzle-orm";
import { jobs, type Database } from "../../db";
import { ProviderError } from "../../providers";
import { sha256Hex } from "../auth";
import type { DeliveredTrack } from "../jobs/machine";
import { jobStub } from "../jobs/stub";
import { audioInfo } from "../media/audio-info";
import type { MessageFor } from "./messages";

export const trackKey = (userId: string, jobId: string, takeIndex: number, format: string) => `users/${userId}/jobs/${jobId}/take-${takeIndex}.${format}`;

/** Engines' links expire (Suno deletes files after 15 days): the audio is copied into our bucket before the job succeeds. */
async function download(env: Env, url: string): Promise<Uint8Array> {
  const maxBytes = Number(env.AUDIO_MAX_BYTES);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(60_000), redirect: "follow" });
  } catch (err) {
    throw new ProviderError("unavailable", `Audio download failed: ${String(err)}`);
  }
  if (!response.ok) throw new ProviderError("unavailable", `Audio download answered ${response.status}`);
  const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!type.startsWith("audio/") && type !== "application/octet-stream") throw new ProviderError("unavailable", `Audio download answered ${type || "no content type"}`);
  if (Number(response.headers.get("content-length") ?? 0) > maxBytes) throw new ProviderError("unavailable", "Audio file too large");
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw new ProviderError("unavailable", "Audio file too large");
  return bytes;
}

async function store(env: Env, job: { id: string; userId: string }, takeIndex: number, url: string) {
  const bytes = await download(env, url);
  const info = audioInfo(bytes);
  if (!info) throw new ProviderError("unavailable", "The engine's audio is neither MP3 nor WAV");
  const contentType = info.format === "mp3" ? "audio/mpeg" : "audio/wav";
  const r2Key = trackKey(job.userId, job.id, takeIndex, info.format);
  const sha256 = await sha256Hex(bytes);
  // Keyed by job and take: a retried delivery overwrites the same object instead of leaving orphans.
  await env.AUDIO.put(r2Key, bytes, { httpMetadata: { contentType }, customMetadata: { sha256, jobId: job.id } });
  return { bytes, info, contentType, r2Key, sha256 };
}

export async function deliveryStep(env: Env, db: Database, message: MessageFor<"delivery">): Promise<void> {
  const job = await db.select().from(jobs).where(eq(jobs.id, message.jobId)).get();
  if (!job || job.status !== "DELIVERING") return;
  const delivered: DeliveredTrack[] = [];
  for (const [takeIndex, take] of message.takes.entries()) {
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
  await jobStub(env, job.id).apply(job.id, { type: "delivered", tracks: delivered });
}
