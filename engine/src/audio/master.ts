import { fromDb, integratedLoudness, toDb, truePeak, truePeakEnvelope } from "./loudness";

export interface MasterOptions {
  sampleRate: number;
  targetLufs?: number;
  /** The true peak the result must not exceed. */
  maxTruePeakDbtp?: number;
  /**
   * Buffers of the input's length that are no longer needed (the mix's spent stems): the result and
   * the working arrays are laid in them instead of fresh memory, which costs more to touch the first
   * time than to compute in.
   */
  scratch?: readonly Float32Array[];
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
 * Gain per sample so that `preGain * gain * envelope` stays under `ceiling`: the needed reduction
 * is held over a look-ahead window, ramped in by a moving average of the same length (so it is
 * complete when the peak arrives) and released slowly. Only the window's worth of state is kept.
 */
function limiterGains(
  envelope: Float32Array,
  preGain: number,
  ceiling: number,
  sampleRate: number,
  out: Float32Array,
): void {
  const length = envelope.length;
  const window = Math.max(1, Math.round(lookAheadSec * sampleRate));
  const needed = (i: number) => {
    const peak = envelope[i]! * preGain;
    return peak > ceiling ? ceiling / peak : 1;
  };
  // held[n] = min(needed[n .. n + window]) = needed at the largest envelope there (needed falls as the
  // envelope grows), by a monotonic queue of indices in a ring of window + 1.
  const size = window + 1;
  const queue = new Int32Array(size);
  let head = 0;
  let count = 0;
  // The last `window` held values, for the moving average.
  const held = new Float32Array(window);
  const recover = 1 - Math.exp(-1 / (releaseSec * sampleRate));
  let sum = window;
  let gain = 1;
  for (let i = 0; i < length + window; i++) {
    if (i < length) {
      const v = envelope[i]!;
      while (count > 0 && envelope[queue[(head + count - 1) % size]!]! <= v) count--;
      queue[(head + count) % size] = i;
      count++;
    }
    const n = i - window;
    if (n < 0) continue;
    while (queue[head]! < n) {
      head = (head + 1) % size;
      count--;
    }
    const h = Math.fround(needed(queue[head]!));
    const slot = n % window;
    sum += h - (n >= window ? held[slot]! : 1);
    held[slot] = h;
    const smoothed = sum / window;
    gain = smoothed < gain ? smoothed : gain + (smoothed - gain) * recover;
    out[n] = gain;
  }
}

/**
 * Normalizes to the target integrated loudness (−14 LUFS) under a true-peak ceiling (−1 dBTP):
 * gain, then a look-ahead limiter; limiting lowers loudness a little, so the gain is measured and
 * corrected again until both hold.
 */
export function master(input: [Float32Array, Float32Array], options: MasterOptions): Mastered {
  const { sampleRate, targetLufs = -14, maxTruePeakDbtp = -1 } = options;
  const [xL, xR] = input;
  const length = xL.length;
  const initial = integratedLoudness(input, sampleRate);
  if (!Number.isFinite(initial)) return { channels: input, loudnessLufs: initial, truePeakDbtp: toDb(truePeak(input)) };

  const spare = (options.scratch ?? []).filter((b) => b.length === length && b !== xL && b !== xR);
  const buffer = () => spare.shift() ?? new Float32Array(length);
  let preGain = fromDb(targetLufs - initial);
  let ceiling = fromDb(maxTruePeakDbtp - ceilingMargin);
  const out: [Float32Array, Float32Array] = [buffer(), buffer()];
  const gains = buffer();
  // Samples this far under the ceiling can never need limiting, even after the gain corrections.
  const envelope = truePeakEnvelope(input, ceiling / (preGain * 2), buffer());
  const [oL, oR] = out;
  let loudness = initial;
  let peakDbtp = NaN;
  // Each pass measures how much of a gain change survives the limiter (the slope) to aim the next.
  let previous: { gainDb: number; loudness: number } | null = null;
  for (let attempt = 0; attempt < 8; attempt++) {
    limiterGains(envelope, preGain, ceiling, sampleRate, gains);
    for (let n = 0; n < length; n++) {
      const g = preGain * gains[n]!;
      oL[n] = xL[n]! * g;
      oR[n] = xR[n]! * g;
    }
    loudness = integratedLoudness(out, sampleRate);
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
