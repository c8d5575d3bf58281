// YIN (de Cheveigné & Kawahara, 2002): an independent pitch oracle for tests, deliberately not the
// engine's own analysis, so that a bug there cannot hide itself.

export interface PitchFrame {
  timeSec: number;
  /** Estimated fundamental, or 0 when the frame is not periodic enough to name one. */
  hz: number;
  /** YIN's cumulative-mean-normalized difference at the chosen lag: near 0 for a clean periodic frame. */
  aperiodicity: number;
  rms: number;
}

export interface YinOptions {
  minHz?: number;
  maxHz?: number;
  hopSec?: number;
  threshold?: number;
}

export function trackPitch(x: Float32Array, sampleRate: number, options: YinOptions = {}): PitchFrame[] {
  const { minHz = 70, maxHz = 1000, hopSec = 0.01, threshold = 0.1 } = options;
  const maxLag = Math.ceil(sampleRate / minHz);
  const minLag = Math.max(2, Math.floor(sampleRate / maxHz));
  const window = maxLag;
  const hop = Math.round(hopSec * sampleRate);
  const d = new Float64Array(maxLag + 2);
  const frames: PitchFrame[] = [];
  for (let start = 0; start + window + maxLag + 1 < x.length; start += hop) {
    let energy = 0;
    for (let j = 0; j < window; j++) energy += x[start + j]! ** 2;
    d[0] = 1;
    let running = 0;
    for (let tau = 1; tau <= maxLag + 1; tau++) {
      let sum = 0;
      for (let j = 0; j < window; j++) {
        const diff = x[start + j]! - x[start + j + tau]!;
        sum += diff * diff;
      }
      running += sum;
      d[tau] = running > 0 ? (sum * tau) / running : 1;
    }
    let tau = minLag;
    while (tau < maxLag && d[tau]! >= threshold) tau++;
    if (tau >= maxLag) {
      tau = minLag;
      for (let t = minLag; t <= maxLag; t++) if (d[t]! < d[tau]!) tau = t;
    }
    while (tau < maxLag && d[tau + 1]! < d[tau]!) tau++;
    const a = d[tau - 1]!,
      b = d[tau]!,
      c = d[tau + 1]!;
    const curvature = a - 2 * b + c;
    const refined = curvature > 0 ? tau + (0.5 * (a - c)) / curvature : tau;
    frames.push({
      timeSec: (start + window / 2) / sampleRate,
      hz: b < threshold ? sampleRate / refined : 0,
      aperiodicity: b,
      rms: Math.sqrt(energy / window),
    });
  }
  return frames;
}

export const centsBetween = (hz: number, referenceHz: number): number => 1200 * Math.log2(hz / referenceHz);
export const midiToHz = (midi: number): number => 440 * 2 ** ((midi - 69) / 12);

export function median(values: number[]): number {
  const sorted = [...values].sort((p, q) => p - q);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
