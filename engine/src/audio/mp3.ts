// MP3 at a constant bit rate (LAME compiled to WebAssembly), encoded as two parts at once: the
// process's MP3 thread encodes the first (as it is written, when it is the master being made), this
// thread the second, and the two streams are joined between two frames.
//
// LAME's frames are not independent (a frame's data may start in the frame before it: the bit
// reservoir, which this build cannot turn off), so the parts cannot simply be laid end to end. The
// second part is encoded from a little before the split, so that around it both encoders
// have made the same frames of the same audio (the encoder's delay is fixed, so frame k of the
// second stream is frame k + m of the first). The join is put at a frame j whose reservoir needs
// fit: the second stream's frame j starts its data `mainDataBegin` bytes before its header, and
// the first stream's frame j did too; where the second needs no more bytes than the first used,
// those bytes (which belonged to the first stream's frame j, dropped) are replaced by the second
// stream's, and every frame decodes from its own data. The window shape of the granule before the
// join must also agree, so that the decoder's overlap-add meets the window the second encoder
// expected. Both streams come from the same samples at the same split, so the file is the same
// bytes every time, whichever thread did the work.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createEncoder, createMp3Encoder } from "wasm-media-encoders";
import { NoEngineFolderError } from "../runtime/built-entry";
import { postToMp3Thread } from "./mp3-threads";

export type Mp3Bitrate = 128 | 192 | 256 | 320;

/** Samples per MPEG-1 Layer III frame. */
export const frameSamples = 1152;
const chunkFrames = frameSamples * 64;
/** Frames the second encoder runs before the first possible join: its reservoir and psychoacoustic state settle. */
const warmupFrames = 16;
/** Frames searched for a join. */
const joinWindowFrames = 48;
/** Frames the first encoder runs past the last possible join, so its end (flush, padding) is not near it. */
const tailFrames = 16;
/** Below this, one encoder on one thread is quicker than two plus a join. */
const minSplitSeconds = 20;
/**
 * The share of the song in the first part. The MP3 thread starts on it as mastering starts, this
 * thread on the rest only once mastering is done (about an eighth of an encoding's time): the first
 * part is the larger so that both end together.
 */
const firstShare = 0.56;

let threadEncoder: ReturnType<typeof createMp3Encoder> | undefined;

/**
 * LAME's WebAssembly, compiled from the package's own .wasm file (5–8 ms here): the package's
 * loader reads a copy embedded as a data: URL through fetch, which took 0.1–0.35 s the first time in
 * each thread, on the way to the song's first MP3 frame. The loader is the fallback.
 */
async function newEncoder(): ReturnType<typeof createMp3Encoder> {
  let wasm: Uint8Array;
  try {
    wasm = await readFile(createRequire(import.meta.url).resolve("wasm-media-encoders/wasm/mp3"));
  } catch {
    return createMp3Encoder();
  }
  return createEncoder("audio/mpeg", wasm);
}

/**
 * Encodes one stream on this thread. The thread's one encoder is kept and reconfigured for each
 * stream (which resets it): its WebAssembly memory is already there for the next song. Once it is
 * ready, a stream is encoded without a pause, so two calls never share it.
 */
export async function encodeMp3Stream(
  channels: readonly [Float32Array, Float32Array],
  sampleRate: number,
  bitrate: Mp3Bitrate,
  /** Returns once the samples before `end` are written (for samples still being made). */
  ready?: (end: number) => void,
): Promise<Uint8Array> {
  if (!threadEncoder) {
    threadEncoder = newEncoder();
    threadEncoder.catch(() => (threadEncoder = undefined));
  }
  const encoder = await threadEncoder;
  encoder.configure({ sampleRate, channels: 2, bitrate });
  const pieces: Uint8Array[] = [];
  // The encoder hands back views into its own memory, reused by the next call: copy each one.
  for (let at = 0; at < channels[0].length; at += chunkFrames) {
    ready?.(Math.min(channels[0].length, at + chunkFrames));
    pieces.push(
      encoder.encode([channels[0].subarray(at, at + chunkFrames), channels[1].subarray(at, at + chunkFrames)]).slice(),
    );
  }
  pieces.push(encoder.finalize().slice());
  return concat(pieces);
}

/** Where the second half starts (in frames) and the frames a join is looked for in, for a song of `length` samples. */
export function splitPlan(
  length: number,
  sampleRate: number,
): { offsetFrames: number; from: number; to: number } | null {
  if (length < minSplitSeconds * sampleRate) return null;
  const middle = Math.floor((length * firstShare) / frameSamples);
  const offsetFrames = middle - warmupFrames - joinWindowFrames / 2;
  const from = offsetFrames + warmupFrames;
  return { offsetFrames, from, to: from + joinWindowFrames };
}

/**
 * Blocks this thread until `progress` ([frames written, pass] in shared memory) says the frames
 * before `end` are written by pass 0; throws once another pass has begun (or the writer gave up).
 */
export function waitForFrames(progress: Int32Array, end: number): void {
  for (;;) {
    if (Atomics.load(progress, 1) !== 0) throw new Error("the samples are being written again");
    const written = Atomics.load(progress, 0);
    if (written >= end) return;
    Atomics.wait(progress, 0, written);
  }
}

/** MP3 of a stereo signal, both halves encoded at once (on this thread and the MP3 thread). */
export async function encodeMp3(
  channels: readonly [Float32Array, Float32Array],
  sampleRate: number,
  bitrate: Mp3Bitrate = 192,
): Promise<Uint8Array> {
  const stream = await Mp3Stream.start(channels, sampleRate, bitrate);
  stream.written(0, channels[0].length);
  return stream.finish(channels);
}

/**
 * An MP3 encoded while its samples are still being written (the master, in time order): the MP3
 * thread encodes the first half as the samples arrive, and once they are all written this thread
 * encodes the second half; the two are joined. Should the writer start over (a second mastering
 * pass) or the final samples be others, the first half is encoded again here from what is final.
 * Samples outside shared memory cannot be read as they are written: both halves then wait for finish().
 */
export class Mp3Stream {
  private constructor(
    private readonly channels: readonly [Float32Array, Float32Array],
    private readonly sampleRate: number,
    private readonly bitrate: Mp3Bitrate,
    /** [frames written, pass], shared with the MP3 thread; pass -1 once abandoned. */
    private readonly progress: Int32Array,
    private readonly first: Promise<Uint8Array | null> | null,
  ) {}

  /** Starts the encoding of `channels`, to be written from sample 0 on and told through written(). */
  static async start(
    channels: readonly [Float32Array, Float32Array],
    sampleRate: number,
    bitrate: Mp3Bitrate,
  ): Promise<Mp3Stream> {
    const progress = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
    const streamable = channels.every((c) => c.buffer instanceof SharedArrayBuffer);
    const plan = splitPlan(channels[0].length, sampleRate);
    const first =
      streamable && plan ? (await encodeFirstHalf(channels, plan, sampleRate, bitrate, progress)).bytes : null;
    return new Mp3Stream(channels, sampleRate, bitrate, progress, first);
  }

  /** Frames [0, frames) of the writer's pass `pass` are written. */
  written(pass: number, frames: number): void {
    if (Atomics.load(this.progress, 1) < 0) return;
    Atomics.store(this.progress, 1, pass);
    Atomics.store(this.progress, 0, frames);
    Atomics.notify(this.progress, 0);
  }

  /** Frees the MP3 thread from waiting for samples that will not come. */
  abandon(): void {
    Atomics.store(this.progress, 1, -1);
    Atomics.notify(this.progress, 0);
  }

  /** The MP3 of `final`: the channels as written (the first half then comes from the MP3 thread), or others. */
  async finish(final: readonly [Float32Array, Float32Array]): Promise<Uint8Array> {
    const { sampleRate, bitrate } = this;
    const length = final[0].length;
    const streamed =
      this.first !== null &&
      final[0] === this.channels[0] &&
      final[1] === this.channels[1] &&
      Atomics.load(this.progress, 1) === 0 &&
      Atomics.load(this.progress, 0) === length;
    if (!streamed) this.abandon();
    const plan = splitPlan(length, sampleRate);
    if (!plan) return encodeMp3Stream(final, sampleRate, bitrate);
    const first = streamed ? this.first! : encodeFirstHalf(final, plan, sampleRate, bitrate).then((sent) => sent.bytes);
    const secondStart = plan.offsetFrames * frameSamples;
    const rest = await encodeMp3Stream(
      [final[0].subarray(secondStart), final[1].subarray(secondStart)],
      sampleRate,
      bitrate,
    );
    const head = (await first) ?? (await encodeMp3Stream(firstHalf(final, plan), sampleRate, bitrate));
    return joinStreams(head, rest, plan) ?? encodeMp3Stream(final, sampleRate, bitrate);
  }
}

function firstHalf(channels: readonly [Float32Array, Float32Array], plan: { to: number }) {
  const end = Math.min(channels[0].length, (plan.to + tailFrames) * frameSamples);
  return [channels[0].subarray(0, end), channels[1].subarray(0, end)] as const;
}

/**
 * The first half sent to the MP3 thread (resolved once it is sent), with the promise of its bytes:
 * null when there is no thread to start, and the caller encodes it itself.
 */
async function encodeFirstHalf(
  channels: readonly [Float32Array, Float32Array],
  plan: { to: number },
  sampleRate: number,
  bitrate: Mp3Bitrate,
  progress?: Int32Array,
): Promise<{ bytes: Promise<Uint8Array | null> }> {
  try {
    const sent = await postToMp3Thread(firstHalf(channels, plan), sampleRate, bitrate, progress);
    // A failure is taken where the first half is awaited, after the second: it must not go unhandled meanwhile.
    sent.bytes.catch(() => undefined);
    return sent;
  } catch (error) {
    // Bundled away from the engine's folder there is no thread to start: the same work, here.
    if (error instanceof NoEngineFolderError) return { bytes: Promise.resolve(null) };
    throw error;
  }
}

interface Frame {
  at: number;
  length: number;
  /** How many bytes before this frame's header its main data starts. */
  mainDataBegin: number;
  /** Window switching flag, block type and mixed flag of each channel's second granule. */
  lastWindows: number;
}

const kbps = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const rates = [44100, 48000, 32000];

/** The frames of an MPEG-1 Layer III stream (as LAME writes it: no tag frame, nothing between frames). */
export function mp3Frames(bytes: Uint8Array): Frame[] {
  const frames: Frame[] = [];
  let at = 0;
  while (at + 4 <= bytes.length) {
    const b1 = bytes[at + 1]!;
    const b2 = bytes[at + 2]!;
    if (bytes[at] !== 0xff || (b1 & 0xfe) !== 0xfa) throw new Error(`not an MPEG-1 Layer III frame at byte ${at}`);
    const rate = rates[(b2 >> 2) & 3];
    const bitrate = kbps[b2 >> 4];
    if (!rate || !bitrate) throw new Error(`unsupported MP3 frame header at byte ${at}`);
    const length = Math.floor((144000 * bitrate) / rate) + ((b2 >> 1) & 1);
    const channels = bytes[at + 3]! >> 6 === 3 ? 1 : 2;
    const side = at + ((b1 & 1) === 1 ? 4 : 6);
    const bit = (n: number) => (bytes[side + (n >> 3)]! >> (7 - (n & 7))) & 1;
    const bits = (from: number, count: number) => {
      let v = 0;
      for (let i = 0; i < count; i++) v = (v << 1) | bit(from + i);
      return v;
    };
    // Side info: main_data_begin (9), private bits, scfsi, then 59 bits per granule and channel, of
    // which bits 33.. are window_switching_flag, block_type (2), mixed_block_flag.
    const granules = channels === 2 ? 20 : 18;
    let lastWindows = 0;
    for (let c = 0; c < channels; c++) {
      const record = granules + (channels + c) * 59;
      const switching = bit(record + 33);
      lastWindows = (lastWindows << 4) | (switching ? 8 | bits(record + 34, 3) : 0);
    }
    frames.push({ at, length, mainDataBegin: bits(0, 9), lastWindows });
    at += length;
  }
  return frames;
}

/**
 * The first stream up to frame j, then the second from its frame j - offsetFrames, at the first j
 * in [from, to) where the second stream's reservoir needs fit the bytes the first stream's frame j
 * held and the windows agree; null if no frame in the window allows it.
 */
export function joinStreams(
  first: Uint8Array,
  second: Uint8Array,
  plan: { offsetFrames: number; from: number; to: number },
): Uint8Array | null {
  const a = mp3Frames(first);
  const b = mp3Frames(second);
  for (let j = Math.max(1, plan.from); j < plan.to; j++) {
    const k = j - plan.offsetFrames;
    if (k < 1 || j >= a.length || k >= b.length) break;
    const need = b[k]!.mainDataBegin;
    if (need > a[j]!.mainDataBegin || a[j - 1]!.lastWindows !== b[k - 1]!.lastWindows) continue;
    const cut = a[j]!.at;
    const joined = new Uint8Array(cut + second.length - b[k]!.at);
    joined.set(first.subarray(0, cut));
    joined.set(second.subarray(b[k]!.at - need), cut - need);
    return joined;
  }
  return null;
}

function concat(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const p of pieces) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
