import { fromDb, integratedLoudness, LoudnessMeter, TruePeakEnvelope, toDb, truePeak } from "./loudness";

export interface MasterOptions {
  sampleRate: number;
  targetLufs?: number;
  /** The true peak the result must not exceed. */
  maxTruePeakDbtp?: number;
  /**
   * Where the result is written: buffers of the input's length that are no longer needed (the mix's
   * spent stems), which cost less to write than fresh memory does to touch the first time. Fresh
   * shared memory (readable by other threads as it is written) when absent.
   */
  into?: [Float32Array, Float32Array];
  /**
   * Told as the result is written, in time order: frames [0, frames) of pass `pass` are final for
   * that pass. A later pass (the gain corrected) writes the result again from 0.
   */
  onWritten?: (pass: number, frames: number) => void;
  /** The input's integrated loudness, when it was measured already (as the mix was written). */
  inputLufs?: number;
}

export interface Mastered {
  channels: [Float32Array, Float32Array];
  loudnessLufs: number;
  truePeakDbtp: number;
}

/** The limiter aims this far under the allowed true peak: other meters oversample a little differently. */
const ceilingMargin = 0.4;
const lookAheadSec = 0.002;
const releaseSec = 0.1;

/**
 * The look-ahead limiter over one pass of the song, fed the true-peak envelope a sample at a time:
 * the gain for sample n is ready once the envelope up to n + window is in. The needed reduction is
 * held over the look-ahead window, ramped in by a moving average of the same length (so it is
 * complete when the peak arrives) and released slowly, so that `preGain * gain * envelope` stays
 * under `ceiling`. Only the window's worth of state is kept.
 */
class Limiter {
  readonly window: number;
  private readonly size: number;
  /** A monotonic queue (largest envelope first) of the window's indices and their envelope values. */
  private readonly queue: Int32Array;
  private readonly values: Float32Array;
  private head = 0;
  private count = 0;
  /** The last `window` held values, for the moving average. */
  private readonly held: Float32Array;
  private readonly recover: number;
  private sum: number;
  private gain = 1;

  constructor(
    private readonly preGain: number,
    private readonly ceiling: number,
    sampleRate: number,
  ) {
    this.window = Math.max(1, Math.round(lookAheadSec * sampleRate));
    this.size = this.window + 1;
    this.queue = new Int32Array(this.size);
    this.values = new Float32Array(this.size);
    this.held = new Float32Array(this.window);
    this.recover = 1 - Math.exp(-1 / (releaseSec * sampleRate));
    this.sum = this.window;
  }

  /** Takes envelope sample i (in order from 0). */
  push(i: number, v: number): void {
    const { queue, values, size } = this;
    let tail = this.head + this.count - 1;
    if (tail >= size) tail -= size;
    while (this.count > 0 && values[tail]! <= v) {
      this.count--;
      tail = tail === 0 ? size - 1 : tail - 1;
    }
    tail = tail + 1 === size ? 0 : tail + 1;
    queue[tail] = i;
    values[tail] = v;
    this.count++;
  }

  /** The gain of sample n, once the envelope up to n + window (or the song's end) is in. */
  gainAt(n: number): number {
    const { queue, size, window } = this;
    while (queue[this.head]! < n) {
      this.head = this.head + 1 === size ? 0 : this.head + 1;
      this.count--;
    }
    // Held: the reduction needed at the largest envelope in [n, n + window].
    const peak = this.values[this.head]! * this.preGain;
    const h = Math.fround(peak > this.ceiling ? this.ceiling / peak : 1);
    const slot = n % window;
    this.sum += h - (n >= window ? this.held[slot]! : 1);
    this.held[slot] = h;
    const smoothed = this.sum / window;
    this.gain = smoothed < this.gain ? smoothed : this.gain + (smoothed - this.gain) * this.recover;
    return Math.fround(this.gain);
  }
}

/** A channel in shared memory, which other threads can read as it is written. */
export function sharedChannel(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT));
}

/** A stereo pair in shared memory. */
export function sharedChannels(length: number): [Float32Array, Float32Array] {
  return [sharedChannel(length), sharedChannel(length)];
}

/** Samples of the input the envelope, limiter and gain work through at a time. */
const blockFrames = 8192;

/**
 * Normalizes to the target integrated loudness (−14 LUFS) under a true-peak ceiling (−1 dBTP):
 * gain, then a look-ahead limiter; limiting lowers loudness a little, so the gain is measured and
 * corrected again until both hold. Each try is one pass through the song, the input's true-peak
 * envelope worked out as the limiter reads it and the result measured as it is written: nothing of
 * the song's length is added but the result.
 */
export function master(input: [Float32Array, Float32Array], options: MasterOptions): Mastered {
  const { sampleRate, targetLufs = -14, maxTruePeakDbtp = -1 } = options;
  const [xL, xR] = input;
  const length = xL.length;
  const initial = options.inputLufs ?? integratedLoudness(input, sampleRate);
  if (!Number.isFinite(initial)) return { channels: input, loudnessLufs: initial, truePeakDbtp: toDb(truePeak(input)) };

  let preGain = fromDb(targetLufs - initial);
  let ceiling = fromDb(maxTruePeakDbtp - ceilingMargin);
  const out = options.into ?? sharedChannels(length);
  if (out.some((x) => x.length !== length || x === xL || x === xR))
    throw new Error("master: the result needs two buffers of the input's length, apart from it");
  // Samples this far under the first ceiling can never need limiting, even after the gain corrections.
  const envelope = new TruePeakEnvelope(input, ceiling / (preGain * 2));
  const [oL, oR] = out;
  let loudness = initial;
  let peakDbtp = NaN;
  // Each pass measures how much of a gain change survives the limiter (the slope) to aim the next.
  let previous: { gainDb: number; loudness: number } | null = null;
  for (let attempt = 0; attempt < 8; attempt++) {
    const limiter = new Limiter(preGain, ceiling, sampleRate);
    const meter = new LoudnessMeter(sampleRate, length, 2);
    const env = new Float32Array(blockFrames);
    const { window } = limiter;
    // The gain of sample n is worked out as soon as the envelope reaches n + window, and no later:
    // the limiter's window must not yet hold what lies beyond.
    const gainAt = (n: number) => {
      const g = preGain * limiter.gainAt(n);
      oL[n] = xL[n]! * g;
      oR[n] = xR[n]! * g;
    };
    for (let from = 0; from < length; from += blockFrames) {
      const to = Math.min(length, from + blockFrames);
      envelope.fill(env, from, to);
      for (let i = from; i < to; i++) {
        limiter.push(i, env[i - from]!);
        if (i >= window) gainAt(i - window);
      }
      meter.add(out, Math.max(0, from - window), Math.max(0, to - window));
      options.onWritten?.(attempt, Math.max(0, to - window));
    }
    for (let n = Math.max(0, length - window); n < length; n++) gainAt(n);
    meter.add(out, Math.max(0, length - window), length);
    options.onWritten?.(attempt, length);
    loudness = meter.loudness();
    const off = targetLufs - loudness;
    const gainDb = toDb(preGain);
    peakDbtp = NaN;
    if (Math.abs(off) > 0.05) {
      const slope =
        previous && Math.abs(gainDb - previous.gainDb) > 1e-6
          ? (loudness - previous.loudness) / (gainDb - previous.gainDb)
          : 1;
      previous = { gainDb, loudness };
      preGain = fromDb(gainDb + off / Math.min(1, Math.max(0.3, slope)));
      continue;
    }
    peakDbtp = toDb(truePeak(out));
    if (peakDbtp <= maxTruePeakDbtp - 0.2) break;
    // Gain moving under the limiter can overshoot a hair: tighten the ceiling and go again.
    ceiling *= fromDb(maxTruePeakDbtp - 0.3 - peakDbtp);
    previous = null;
  }
  // The last pass's true peak, unless that pass changed the gain after measuring it.
  return {
    channels: out,
    loudnessLufs: loudness,
    truePeakDbtp: Number.isNaN(peakDbtp) ? toDb(truePeak(out)) : peakDbtp,
  };
}
