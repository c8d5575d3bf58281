import type { Database, Job } from "../../db";
import { ProviderError } from "../../providers";
import { currentAttempt, type DeliveredTrack, isCurrentAttempt, type Provenance } from "../jobs/machine";
import { currentJob, jobStub } from "../jobs/stub";
import { audioHeadBytes, audioInfo } from "../media/audio-info";
import { INSTRUMENTAL_ENGINES } from "../routing";
import { fetchProviderAudio, RefusedUrl } from "../security";
import { takeId } from "../shards";
import type { MessageFor } from "./messages";

export const trackKey = (userId: string, jobId: string, takeIndex: number, format: string) =>
  `users/${userId}/jobs/${jobId}/take-${takeIndex}.${format}`;

// An ID3 tag with a large cover could ask for more; such a file is not sniffed past this.
const MAX_HEAD_BYTES = 1 << 20;
// R2 multipart parts (all of one size but the last, at least 5 MiB): what is held at once when the length is unknown.
const PART_BYTES = 5 << 20;
// What a download of known length is read in, one buffer reused for every read.
const SIZED_READ_BYTES = 1 << 20;

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
    if (wanted === 10 && total >= 10)
      wanted = Math.min(audioHeadBytes(concat(chunks, total).subarray(0, 10)), MAX_HEAD_BYTES);
  }
  return concat(chunks, total);
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

interface Stored {
  sizeBytes: number;
  sha256: string;
}

/**
 * With a Content-Length, R2 takes the file as one stream of that length (shorter or longer fails the put).
 * The download is read into one reused buffer (a BYOB reader: no buffer per chunk), and each read is
 * hashed and handed to R2 before the next one: R2 sets the pace, so at most one buffer is held whatever
 * its speed. A `tee()` of the download instead lets the faster branch read ahead while the other's
 * share waits in memory (unbounded in workerd), and piping into `crypto.DigestStream`, a JavaScript
 * stream, turns every chunk into a buffer the garbage collector frees late (docs/reliability.md).
 */
async function putSized(
  bucket: R2Bucket,
  key: string,
  head: Uint8Array,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  rest: ReadableStream<Uint8Array>,
  length: number,
  options: R2PutOptions,
): Promise<Stored> {
  reader.releaseLock();
  const bytes = rest.getReader({ mode: "byob" });
  const fixed = new FixedLengthStream(length);
  const put = bucket.put(key, fixed.readable, options);
  const digest = new crypto.DigestStream("SHA-256");
  const hashing = digest.getWriter();
  const storing = fixed.writable.getWriter();
  const copied = (async () => {
    const send = (chunk: Uint8Array) => Promise.all([hashing.write(chunk), storing.write(chunk)]);
    await send(head);
    // Each read hands the buffer to the stream and back (transferred): `buffer` is always its latest owner.
    let buffer = new ArrayBuffer(SIZED_READ_BYTES);
    for (;;) {
      const { value, done } = await bytes.read(new Uint8Array(buffer));
      if (done) break;
      await send(value);
      buffer = value.buffer as ArrayBuffer;
    }
    await Promise.all([hashing.close(), storing.close()]);
  })();
  // A failed copy must also end the put, which would otherwise wait for the rest of the file.
  copied.catch((err) => storing.abort(err).catch(() => undefined));
  const [putDone, copyDone] = await Promise.allSettled([put, copied]);
  // The download's own failure (cut short, say) says more than the put's.
  if (copyDone.status === "rejected") throw copyDone.reason;
  if (putDone.status === "rejected") throw putDone.reason;
  return { sizeBytes: length, sha256: hex(await digest.digest) };
}

/**
 * Without a Content-Length, R2 takes the file in parts: one part is held at a time, in one buffer the
 * stream reads into directly (a BYOB reader: no buffer per chunk), hashed before it is sent, and more than
 * `maxBytes` is refused as soon as it is read. The head already read goes first.
 */
async function putInParts(
  bucket: R2Bucket,
  key: string,
  head: Uint8Array,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  rest: ReadableStream<Uint8Array>,
  maxBytes: number,
  options: R2MultipartOptions,
): Promise<Stored> {
  reader.releaseLock();
  const bytes = rest.getReader({ mode: "byob" });
  const upload = await bucket.createMultipartUpload(key, options);
  const digest = new crypto.DigestStream("SHA-256");
  const hashing = digest.getWriter();
  try {
    const parts: R2UploadedPart[] = [];
    // Each read hands the buffer to the stream and back (transferred): `buffer` is always its latest owner.
    let buffer = new ArrayBuffer(PART_BYTES);
    new Uint8Array(buffer).set(head);
    let filled = head.byteLength;
    let total = head.byteLength;
    const send = async (part: Uint8Array) => {
      await hashing.write(part);
      parts.push(await upload.uploadPart(parts.length + 1, part));
    };
    for (;;) {
      if (filled === PART_BYTES) {
        await send(new Uint8Array(buffer));
        filled = 0;
      }
      const { value, done } = await bytes.read(new Uint8Array(buffer, filled, PART_BYTES - filled));
      if (value) buffer = value.buffer as ArrayBuffer;
      if (done) break;
      filled += value.byteLength;
      total += value.byteLength;
      if (total > maxBytes) {
        await bytes.cancel();
        throw new ProviderError("unavailable", "Audio file too large", undefined, undefined, "result_invalid");
      }
    }
    if (filled > 0 || parts.length === 0) await send(new Uint8Array(buffer, 0, filled));
    await upload.complete(parts);
    await hashing.close();
    return { sizeBytes: total, sha256: hex(await digest.digest) };
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
    throw new ProviderError(
      "unavailable",
      "The engine's audio is neither MP3 nor WAV",
      undefined,
      undefined,
      "result_invalid",
    );
  }
  const contentType = sniffed.format === "mp3" ? "audio/mpeg" : "audio/wav";
  const r2Key = trackKey(job.userId, job.id, takeIndex, sniffed.format);
  const options = { httpMetadata: { contentType }, customMetadata: { jobId: job.id } };
  // Keyed by job and take: a retried delivery overwrites the same object instead of leaving orphans.
  const { sizeBytes, sha256 } =
    download.length !== null
      ? await putSized(env.AUDIO, r2Key, head, reader, download.body, download.length, options)
      : await putInParts(env.AUDIO, r2Key, head, reader, download.body, download.maxBytes, options);
  const info = audioInfo(head, sizeBytes) ?? sniffed;
  return { info, contentType, r2Key, sha256, sizeBytes };
}

async function storeTakes(env: Env, job: Job, takes: MessageFor<"delivery">["takes"]): Promise<DeliveredTrack[]> {
  const delivered: DeliveredTrack[] = [];
  for (const [takeIndex, take] of takes.entries()) {
    const { info, r2Key, sha256, contentType, sizeBytes } = await storeAudio(env, job, takeIndex, take.audioUrl);
    const wav = take.wavUrl ? await storeAudio(env, job, takeIndex, take.wavUrl) : null;
    if (wav && wav.info.format !== "wav")
      throw new ProviderError(
        "unavailable",
        "The engine's lossless copy is not a WAV file",
        undefined,
        undefined,
        "result_invalid",
      );
    delivered.push({
      id: takeId(job.id, takeIndex),
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
      // An instrumental engine's take sings no line (its pages then show none), where another engine
      // that gives no timings sings them all.
      timings:
        take.timings ??
        ((INSTRUMENTAL_ENGINES as readonly string[]).includes(take.provider ?? job.provider ?? "") ? [] : null),
      ...(take.provider ? { provider: take.provider } : {}),
      providerTakeId: take.providerTakeId,
      title: take.title ?? job.title,
    });
  }
  return delivered;
}

export async function deliveryStep(env: Env, _db: Database, message: MessageFor<"delivery">): Promise<void> {
  const job = await currentJob(env, message.jobId);
  if (job?.status !== "DELIVERING") return;
  // Messages sent before provenance existed are about the attempt the job is on.
  const from: Provenance = message.from ?? currentAttempt(job);
  const stub = jobStub(env, job.id);
  if (!isCurrentAttempt(job, from)) {
    // Takes of an earlier attempt: not downloaded (they would overwrite the current attempt's objects, keyed
    // by job and take), only recorded by the job, which changes nothing for an input about another attempt.
    await stub.apply(job.id, { type: "delivered", from, tracks: [] });
    return;
  }
  let delivered: DeliveredTrack[];
  try {
    delivered = await storeTakes(env, job, message.takes);
  } catch (err) {
    // Retrying cannot make the engine's address acceptable, nor bring back a file it no longer has:
    // the job fails over now (or is refunded).
    if (err instanceof RefusedUrl) {
      await stub.apply(job.id, {
        type: "failed",
        from,
        code: "audio_refused",
        message: `The engine's audio address was refused: ${err.message}`,
        errorKind: "unavailable",
      });
      return;
    }
    if (err instanceof ProviderError && err.code === "result_invalid") {
      await stub.apply(job.id, {
        type: "failed",
        from,
        code: "result_invalid",
        message: err.message,
        errorKind: err.kind,
      });
      return;
    }
    throw err;
  }
  await stub.apply(job.id, { type: "delivered", from, tracks: delivered });
}
