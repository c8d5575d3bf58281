// Pitch marks on espeak's voiced stretches: one per glottal period, each placed where the waveform
// best matches the previous period's, so every grain PSOLA cuts is aligned on the same point of its
// cycle. Well-aligned marks are what keeps retimed and shifted vowels free of phasey artefacts.

export interface PitchMarks {
  /** Positions in samples, ascending (fractional). */
  positions: Float64Array;
  /** 1 where a mark ends its voiced stretch. */
  lastInRun: Uint8Array;
}

export interface Voicing {
  /** The mark before the position, and how far towards the next one the position is (0–1). */
  mark: number;
  fraction: number;
  /** Local period, in samples. */
  period: number;
}

const HOP_SEC = 0.005;
// espeak's monotone line stays near the pitch it was asked for: the search is kept within a fifth or so
// either side, which rules out octave errors.
const LAG_SPREAD = 1.5;
const APERIODICITY_MAX = 0.35;
const SILENCE_RATIO = 0.03;
const SEARCH_SPREAD = 0.15;

export function findPitchMarks(x: Float32Array, sampleRate: number, expectedHz: number): PitchMarks {
  // Periods and voicing are estimated at half the rate (a quarter of the work; espeak's pitch is far
  // below that Nyquist); the marks themselves are then placed on the full-rate signal.
  const decimated = new Float32Array(x.length >> 1);
  for (let i = 0; i < decimated.length; i++) decimated[i] = 0.5 * (x[2 * i]! + x[2 * i + 1]!);
  const expected = sampleRate / 2 / expectedHz;
  const minLag = Math.max(2, Math.floor(expected / LAG_SPREAD));
  const maxLag = Math.ceil(expected * LAG_SPREAD);
  const window = maxLag;
  const hop = Math.round((HOP_SEC * sampleRate) / 2);
  const frames = Math.max(0, Math.floor((decimated.length - window - maxLag - 2) / hop) + 1);
  const periods = new Float64Array(frames);
  const aperiodicity = new Float64Array(frames);
  const rms = new Float64Array(frames);
  const d = new Float64Array(maxLag + 2);
  for (let f = 0; f < frames; f++) {
    const start = f * hop;
    let energy = 0;
    for (let j = 0; j < window; j++) energy += decimated[start + j]! ** 2;
    rms[f] = Math.sqrt(energy / window);
    // YIN's cumulative-mean-normalized difference function.
    let running = 0;
    for (let tau = 1; tau <= maxLag + 1; tau++) {
      let sum = 0;
      for (let j = 0; j < window; j++) {
        const diff = decimated[start + j]! - decimated[start + j + tau]!;
        sum += diff * diff;
      }
      running += sum;
      d[tau] = running > 0 ? (sum * tau) / running : 1;
    }
    let best = minLag;
    for (let tau = minLag + 1; tau <= maxLag; tau++) if (d[tau]! < d[best]!) best = tau;
    const a = d[best - 1]!,
      b = d[best]!,
      c = d[best + 1]!;
    // The parabola through the three points is refined only around a true dip: at the edge of the
    // searched lags a lower neighbour would put its vertex anywhere, even at a negative period.
    const curvature = a - 2 * b + c;
    periods[f] = 2 * (a >= b && c >= b && curvature > 0 ? best + (0.5 * (a - c)) / curvature : best);
    aperiodicity[f] = b;
  }

  const loudest = rms.reduce((m, v) => Math.max(m, v), 0);
  const voiced = Array.from(
    { length: frames },
    (_, f) => aperiodicity[f]! < APERIODICITY_MAX && rms[f]! > SILENCE_RATIO * loudest,
  );
  // One odd frame neither breaks a voiced stretch nor makes one.
  for (let f = 1; f + 1 < frames; f++) {
    if (voiced[f - 1] && voiced[f + 1]) voiced[f] = true;
    else if (!voiced[f - 1] && !voiced[f + 1]) voiced[f] = false;
  }

  // Frame positions back in full-rate samples.
  const center = (f: number) => 2 * (f * hop + window / 2);
  const periodAt = (t: number) => {
    const position = Math.min(frames - 1, Math.max(0, (t / 2 - window / 2) / hop));
    const f = Math.floor(position);
    const g = Math.min(frames - 1, f + 1);
    const pf = voiced[f] ? periods[f]! : periods[g]!;
    const pg = voiced[g] ? periods[g]! : pf;
    return pf + (pg - pf) * (position - f);
  };

  const positions: number[] = [];
  const lastInRun: number[] = [];
  for (let f = 0; f < frames; f++) {
    if (!voiced[f] || (f > 0 && voiced[f - 1])) continue;
    let last = f;
    while (last + 1 < frames && voiced[last + 1]) last++;
    const runStart = Math.max(0, Math.round(center(f) - hop));
    const runEnd = Math.min(x.length, Math.round(center(last) + hop));
    let mark = runStart;
    const firstPeriod = Math.round(periodAt(runStart));
    for (let i = runStart; i < Math.min(runEnd, runStart + firstPeriod); i++) if (x[i]! > x[mark]!) mark = i;
    positions.push(mark);
    lastInRun.push(0);
    for (;;) {
      const period = periodAt(mark);
      const predicted = mark + period;
      if (predicted >= runEnd) break;
      mark = bestMatch(x, Math.round(mark), predicted, period);
      positions.push(mark);
      lastInRun.push(0);
    }
    lastInRun[lastInRun.length - 1] = 1;
  }
  return { positions: Float64Array.from(positions), lastInRun: Uint8Array.from(lastInRun) };
}

// The position near `predicted` whose surrounding period correlates best with the one around
// `reference` (normalized, so loudness changes do not pull the mark), refined to a fraction of a sample.
function bestMatch(x: Float32Array, reference: number, predicted: number, period: number): number {
  const half = Math.round(period / 2);
  const lo = Math.max(half, Math.round(predicted - SEARCH_SPREAD * period));
  const hi = Math.min(x.length - half - 1, Math.round(predicted + SEARCH_SPREAD * period));
  if (hi < lo) return predicted;
  let referenceEnergy = 0;
  for (let k = -half; k <= half; k++) referenceEnergy += (x[reference + k] ?? 0) ** 2;
  const score = (c: number) => {
    let dot = 0;
    let energy = 0;
    for (let k = -half; k <= half; k++) {
      const v = x[c + k]!;
      dot += (x[reference + k] ?? 0) * v;
      energy += v * v;
    }
    return energy > 0 && referenceEnergy > 0 ? dot / Math.sqrt(energy * referenceEnergy) : 0;
  };
  let best = lo;
  let bestScore = -Infinity;
  const scores = new Float64Array(hi - lo + 1);
  for (let c = lo; c <= hi; c++) {
    scores[c - lo] = score(c);
    if (scores[c - lo]! > bestScore) {
      bestScore = scores[c - lo]!;
      best = c;
    }
  }
  const a = scores[best - lo - 1];
  const c = scores[best - lo + 1];
  if (a === undefined || c === undefined) return best;
  const curvature = a - 2 * bestScore + c;
  return curvature < 0 ? best + (0.5 * (a - c)) / curvature : best;
}

/** Whether a source position is voiced, and between which marks. Positions up to half a period
 * beyond a stretch's first or last mark still belong to it. */
export function voicingAt(marks: PitchMarks, position: number): Voicing | null {
  const { positions, lastInRun } = marks;
  let lo = 0;
  let hi = positions.length - 1;
  if (hi < 1) return null;
  if (position < positions[0]!) {
    const period = positions[1]! - positions[0]!;
    return !lastInRun[0] && positions[0]! - position < period / 2 ? { mark: 0, fraction: 0, period } : null;
  }
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (positions[mid]! <= position) lo = mid;
    else hi = mid - 1;
  }
  const j = lo;
  if (!lastInRun[j]) {
    const period = positions[j + 1]! - positions[j]!;
    return { mark: j, fraction: (position - positions[j]!) / period, period };
  }
  const previous = j > 0 && !lastInRun[j - 1] ? positions[j]! - positions[j - 1]! : 0;
  if (previous > 0 && position - positions[j]! < previous / 2) return { mark: j, fraction: 0, period: previous };
  const next = j + 1 < positions.length && !lastInRun[j + 1] ? positions[j + 2]! - positions[j + 1]! : 0;
  if (next > 0 && positions[j + 1]! - position < next / 2) return { mark: j + 1, fraction: 0, period: next };
  return null;
}
