/** A stretch where every 50 ms window stays under the threshold. */
export interface Gap {
  startSec: number;
  endSec: number;
}

export interface SilenceOptions {
  sampleRate: number;
  thresholdDb?: number;
  windowSec?: number;
  /** Shorter quiet stretches are not reported. */
  minSec?: number;
  /** Only [fromSec, untilSec) is examined (the final ring-out may fade to nothing). */
  fromSec?: number;
  untilSec?: number;
}

/** Quiet stretches in a signal: RMS of all channels over consecutive windows, under a threshold. */
export function findGaps(channels: readonly Float32Array[], options: SilenceOptions): Gap[] {
  const { sampleRate, thresholdDb = -60, windowSec = 0.05, minSec = 1 } = options;
  const length = channels[0]?.length ?? 0;
  const window = Math.round(windowSec * sampleRate);
  const from = Math.round((options.fromSec ?? 0) * sampleRate);
  const until = Math.min(length, Math.round((options.untilSec ?? length / sampleRate) * sampleRate));
  const threshold = 10 ** (thresholdDb / 10);
  const gaps: Gap[] = [];
  let quietSince = -1;
  const close = (end: number) => {
    if (quietSince >= 0 && (end - quietSince) / sampleRate >= minSec)
      gaps.push({ startSec: quietSince / sampleRate, endSec: end / sampleRate });
    quietSince = -1;
  };
  for (let start = from; start + window <= until; start += window) {
    let sum = 0;
    for (const x of channels) for (let n = start; n < start + window; n++) sum += x[n]! * x[n]!;
    const quiet = sum / (window * channels.length) < threshold;
    if (quiet && quietSince < 0) quietSince = start;
    if (!quiet) close(start);
  }
  close(until);
  return gaps;
}
