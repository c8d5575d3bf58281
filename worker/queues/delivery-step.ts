import type { Database, Job } from "../../db";
import { ProviderError } from "../../providers";
import type { DeliveredTrack } from "../jobs/machine";
import { currentJob, jobStub } from "../jobs/stub";
import { audioHeadBytes, audioInfo } from "../media/audio-info";
import { fetchProviderAudio, RefusedUrl } from "../security";
import type { MessageFor } from "./messages";

export const trackKey = (userId: string, jobId: string, takeIndex: number, format: string) => `users/${userId}/jobs/${jobId}/take-${takeIndex}.${format}`;

// An ID3 tag with a large cover could ask for more; such a file is not sniffed past this.
const MAX_HEAD_BYTES = 1 << 20;
// R2 multipart parts (all but the last at least 5 MiB): what is held at once when the length is unknown.
const PART_BYTES = 8 << 20;

const concat = (chunks: Uint8Array[], total: number) => {
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
};

/** The file's first bytes, enough for audioInfo to tell the format (and the reader, left after them). */
async function readHead(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let wanted = 10;
  while (total < wanted) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    if (wanted === 10 && total >= 10) wanted = Math.min(audioHeadBytes(concat(chunks, total).subarray(0, 10)), MAX_HEAD_BYTES);
  }
  return concat(chunks, total);
}

/** The head, then the rest of the reader; counts and hashes what goes through. */
function rejoined(head: Uint8Array, reader: ReadableStreamDefaultReader<Uint8Array>) {
  const digest = new crypto.DigestStream("SHA-256");
  const hashing = digest.getWriter();
  const seen = { bytes: 0 };
  let headSent = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = headSent ? await reader.read() : { value: head, done: false };
        headSent = true;
        if (done) {
          await hashing.close();
          controller.close();
          return;
        }
        seen.bytes += value.byteLength;
        await hashing.write(value);
        controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  const sha256 = async () => [...new Uint8Array(await digest.digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return { stream, seen, sha256 };
}

/** Without a Content-Length, R2 takes the stream in parts: one part is held at a time. */
async function putInParts(bucket: R2Bucket, key: string, stream: ReadableStream<Uint8Array>, options: R2MultipartOptions): Promise<void> {
  const upload = await bucket.createMultipartUpload(key, options);
  try {
    const parts: R2UploadedPart[] = [];
    const reader = stream.getReader();
    let part = new Uint8Array(PART_BYTES);
    let filled = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (let offset = 0; offset < value.byteLength; ) {
        const n = Math.min(PART_BYTES - filled, value.byteLength - offset);
        part.set(value.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === PART_BYTES) {
          parts.push(await upload.uploadPart(parts.length + 1, part));
          part = new Uint8Array(PART_BYTES);
          filled = 0;
        }
      }
    }
    if (filled > 0 || parts.length === 0) parts.push(await upload.uploadPart(parts.length + 1, part.subarray(0, filled)));
    await upload.complete(parts);
  } catch (err) {
    await upload.abort().catch(() => undefined);
    throw err;
  }
}

/**
 * Engines' links expire (Suno deletes files after 15 days): the audio is copied into our bucket before the
 * job succeeds, streamed from the engine's response into R2 (a Worker has 128 MB for up to 10 deliveries
 * at once), its length checked against Content-Length and capped at AUDIO_MAX_BYTES on the way.
 */
export async function storeAudio(env: Env, job: { id: string; userId: string }, takeIndex: number, url: string) {
  const download = await fetchProviderAudio(env, url);
  const reader = download.body.getReader();
  const head = await readHead(reader);
  const sniffed = audioInfo(head, download.length ?? head.byteLength);
  if (!sniffed) {
    await reader.cancel();
    throw new ProviderError("unavailable", "The engine's audio is neither MP3 nor WAV");
  }
  const contentType = sniffed.format === "mp3" ? "audio/mpeg" : "audio/wav";
  const r2Key = trackKey(job.userId, job.id, takeIndex, sniffed.format);
  const { stream, seen, sha256 } = rejoined(head, reader);
  const options = { httpMetadata: { contentType }, customMetadata: { jobId: job.id } };
  // Keyed by job and take: a retried delivery overwrites the same object instead of leaving orphans.
  if (download.length !== null) {
    // R2 takes a stream of a declared length; a body shorter or longer than declared fails the put.
    const fixed = new FixedLengthStream(download.length);
    const [put, piped] = await Promise.allSettled([env.AUDIO.put(r2Key, fixed.readable, options), stream.pipeTo(fixed.writable)]);
    // The download's own failure (too large, cut short) says more than the put's.
    if (piped.status === "rejected") throw piped.reason;
    if (put.status === "rejected") throw put.reason;
  } else {
    await putInParts(env.AUDIO, r2Key, stream, options);
  }
  const info = audioInfo(head, seen.bytes) ?? sniffed;
  return { info, contentType, r2Key, sha256: await sha256(), sizeBytes: seen.bytes };
}

async function storeTakes(env: Env, job: Job, takes: MessageFor<"delivery">["takes"]): Promise<DeliveredTrack[]> {
  const delivered: DeliveredTrack[] = [];
  for (const [takeIndex, take] of takes.entries()) {
    const { info, r2Key, sha256, contentType, sizeBytes } = await storeAudio(env, job, takeIndex, take.audioUrl);
    const wav = take.wavUrl ? await storeAudio(env, job, takeIndex, take.wavUrl) : null;
    if (wav && wav.info.format !== "wav") throw new ProviderError("unavailable", "The engine's lossless copy is not a WAV file");
    delivered.push({
      id: `trk_${job.id.slice(4)}_${takeIndex}`,
      takeIndex,
      r2Key,
      format: info.format,
      contentType,
      sizeBytes,
      sha256,
      durationSeconds: take.durationSeconds ?? info.durationSeconds,
      sampleRate: take.sampleRate ?? info.sampleRate,
      loudnessLufs: take.loudnessLufs ?? null,
      wavR2Key: wav?.r2Key ?? null,
      wavSizeBytes: wav?.sizeBytes ?? null,
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
  const job = await currentJob(env, message.jobId);
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
