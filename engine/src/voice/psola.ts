// TD-PSOLA: the line is rebuilt grain by grain. Voiced grains are two periods of espeak's audio around a
// pitch mark, laid one target period apart (that spacing is the sung pitch; the grain's shape keeps the
// vowel's formants); a grain between two marks is a crossfade of both, so stretched vowels evolve
// smoothly instead of stepping from one repeated period to the next. Unvoiced stretches are copied
// through fixed-size grains that add up to unity.

import { type PitchMarks, voicingAt } from "./analysis";
import { type Contour, midiAt, type Segment } from "./layout";

const UNVOICED_HOP_SEC = 0.004;
const FADE_IN_SEC = 0.005;
const FADE_OUT_SEC = 0.012;

export interface RenderedLine {
  /** Song sample index of `samples[0]` (may be negative). */
  offset: number;
  samples: Float32Array;
}

/**
 * @param source espeak's audio for the line, resampled to `sampleRate`.
 * @param marks pitch marks on `source`.
 */
export function renderLine(
  source: Float32Array,
  marks: PitchMarks,
  segments: readonly Segment[],
  contour: Contour,
  sampleRate: number,
): RenderedLine {
  const longestPeriod = marks.positions.reduce(
    (longest, p, i) => (i > 0 && !marks.lastInRun[i - 1] ? Math.max(longest, p - marks.positions[i - 1]!) : longest),
    0,
  );
  const margin = Math.ceil(Math.max(longestPeriod, UNVOICED_HOP_SEC * sampleRate)) + 4;
  const offset = Math.floor(segments[0]!.out0 * sampleRate) - margin;
  const samples = new Float32Array(Math.ceil(segments[segments.length - 1]!.out1 * sampleRate) + margin - offset);
  const unvoicedHop = UNVOICED_HOP_SEC * sampleRate;
  const chunks = contiguous(segments);

  for (const [first, last] of chunks) {
    let s = first;
    const end = segments[last]!.out1 * sampleRate;
    for (let t = segments[first]!.out0 * sampleRate; t < end; ) {
      const sec = t / sampleRate;
      while (s < last && segments[s]!.out1 <= sec) s++;
      const segment = segments[s]!;
      const span = segment.out1 - segment.out0;
      const srcSec =
        span > 0 ? segment.src0 + ((sec - segment.out0) * (segment.src1 - segment.src0)) / span : segment.src0;
      const position = srcSec * sampleRate;
      const voicing = voicingAt(marks, position);
      if (voicing) {
        const midi = midiAt(contour, sec);
        const hop = Number.isNaN(midi) ? voicing.period : sampleRate / (440 * 2 ** ((midi - 69) / 12));
        // Grains laid closer than they were cut add up louder (power grows as the spacing shrinks):
        // scaling by the root of the ratio keeps the original's power at any pitch.
        const gain = Math.sqrt(hop / voicing.period);
        const { mark, fraction, period } = voicing;
        addGrain(samples, t - offset, source, marks.positions[mark]!, period, gain * (1 - fraction));
        if (fraction > 0) addGrain(samples, t - offset, source, marks.positions[mark + 1]!, period, gain * fraction);
        t += hop;
      } else {
        addGrain(samples, t - offset, source, position, unvoicedHop, 1);
        t += unvoicedHop;
      }
    }
  }
  applyGate(
    samples,
    chunks.map(([first, last]) => [
      segments[first]!.out0 * sampleRate - offset,
      segments[last]!.out1 * sampleRate - offset,
    ]),
    sampleRate,
  );
  return { offset, samples };
}

function contiguous(segments: readonly Segment[]): [number, number][] {
  const chunks: [number, number][] = [];
  segments.forEach((segment, i) => {
    const chunk = chunks[chunks.length - 1];
    if (chunk && segment.out0 - segments[chunk[1]]!.out1 < 1e-4) chunk[1] = i;
    else chunks.push([i, i]);
  });
  return chunks;
}

// Overlap-adds a Hann-windowed grain of `source` around `sourceCenter`, centred on `center`; both may
// fall between samples, so the source is read through a cubic (Catmull-Rom) interpolator.
function addGrain(
  out: Float32Array,
  center: number,
  source: Float32Array,
  sourceCenter: number,
  half: number,
  gain: number,
): void {
  if (gain === 0) return;
  const shift = sourceCenter - center;
  const whole = Math.floor(shift);
  const f = shift - whole;
  const c0 = ((-0.5 * f + 1) * f - 0.5) * f;
  const c1 = (1.5 * f - 2.5) * f * f + 1;
  const c2 = ((-1.5 * f + 2) * f + 0.5) * f;
  const c3 = (0.5 * f - 0.5) * f * f;
  const from = Math.max(1 - whole, Math.ceil(center - half), 0);
  const to = Math.min(source.length - 3 - whole, Math.floor(center + half), out.length - 1);
  // The Hann window's cosine advances by a rotation per sample rather than a Math.cos call.
  const step = Math.PI / half;
  const cosStep = Math.cos(step);
  const sinStep = Math.sin(step);
  let cos = Math.cos(step * (from - center));
  let sin = Math.sin(step * (from - center));
  for (let n = from; n <= to; n++) {
    const k = n + whole;
    const value = c0 * source[k - 1]! + c1 * source[k]! + c2 * source[k + 1]! + c3 * source[k + 2]!;
    out[n]! += gain * (0.5 + 0.5 * cos) * value;
    const next = cos * cosStep - sin * sinStep;
    sin = sin * cosStep + cos * sinStep;
    cos = next;
  }
}

// Silence outside the sung stretches, with short raised-cosine fades at their edges against clicks.
function applyGate(samples: Float32Array, chunks: [number, number][], sampleRate: number): void {
  const fadeIn = FADE_IN_SEC * sampleRate;
  const fadeOut = FADE_OUT_SEC * sampleRate;
  const ramp = (x: number) => 0.5 - 0.5 * Math.cos(Math.PI * Math.min(1, Math.max(0, x)));
  let silentFrom = 0;
  for (const [a, b] of chunks) {
    const from = Math.max(0, Math.ceil(a));
    const to = Math.min(samples.length, Math.ceil(b));
    samples.fill(0, silentFrom, from);
    for (let n = from; n < Math.min(to, a + fadeIn); n++) samples[n]! *= ramp((n - a) / fadeIn);
    for (let n = Math.max(from, Math.floor(b - fadeOut)); n < to; n++) samples[n]! *= ramp((b - n) / fadeOut);
    silentFrom = Math.max(silentFrom, to);
  }
  samples.fill(0, silentFrom);
}
