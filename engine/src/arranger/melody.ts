import { type ChordSpan, chordAt, chordPitchClasses, type Key, pc, scaleOf } from "./harmony";
import type { Rng } from "./prng";

/** One melody note, in beats from the start of its section. */
export interface MelodyNote {
  beat: number;
  beats: number;
  pitch: number;
  /** Line within the section and syllable within the line. */
  line: number;
  syllable: number;
}

export interface MelodyContext {
  key: Key;
  /** The section's chords, in beats from the section's start. */
  chords: ChordSpan[];
  beatsPerBar: number;
  rap: boolean;
  /** Lowest and highest pitch the voice (or instrument) sings. */
  range: [number, number];
  /** Where in the range the section sits: 0 bottom, 1 top (verses low, choruses high). */
  height: number;
}

interface Onset {
  beat: number;
  beats: number;
}

/**
 * Places `n` syllables in a line of `lineBeats` beats: short notes on a grid (eighths, or
 * sixteenths for rap and crowded lines), quarters on the beats when there is room, a long last
 * note and a breath before the next line.
 */
function lineRhythm(
  n: number,
  lineBeats: number,
  unit: number,
  rap: boolean,
  rng: Rng,
  held: ReadonlySet<number> = new Set(),
  longBeats = 1,
): Onset[] {
  if (n <= 0) return [];
  // Half a beat to breathe: a longer gap would leave a hole in the voice at every line's end.
  const breath = 0.5;
  if (n === 1) return [{ beat: 0, beats: lineBeats - breath }];
  const m = n - 1;
  const room = lineBeats - breath;
  // Syllables that must be caught (the name) are held for `longBeats`.
  const longSlots = Math.max(1, Math.round(longBeats / unit));
  const minSlots = m + [...held].filter((i) => i < m).length * (longSlots - 1);
  // The last syllable is held: two beats when the line has room, never less than one.
  let last = !rap && room >= 6 ? 2 : 1;
  if (minSlots * unit > room - last) last = 1;
  const available = room - last;
  let lengths = Array.from({ length: m }, (_, i) => (held.has(i) ? longSlots : 1));
  let slack = Math.floor(available / unit + 1e-9) - minSlots;
  if (slack < 0) {
    // Only an instrument's made-up tune can be this crowded (the planner gives sung lines room).
    unit = available / m;
    lengths = lengths.fill(1);
    slack = 0;
  }
  // A line may start a little after the bar line; rap likes to.
  const pickup = Math.min(slack, rng.pick(rap ? [0, 1, 2, 2] : [0, 0, 1, 2]));
  slack -= pickup;
  // Rap keeps its sixteenths tight; a sung line lengthens the notes that fall on a beat.
  const lengthenOdds = rap ? 0.15 : Math.min(0.85, slack / m + 0.2);
  for (let pass = 0; pass < 2 && slack > 0; pass++) {
    let at = pickup;
    for (let i = 0; i < m && slack > 0; i++) {
      const onBeat = Math.abs(at * unit - Math.round(at * unit)) < 1e-9;
      if (onBeat && lengths[i]! < 2 && !held.has(i) && rng.chance(pass === 0 ? lengthenOdds : 0.5)) {
        lengths[i] = 2;
        slack--;
      }
      at += lengths[i]!;
    }
  }
  const onsets: Onset[] = [];
  let at = pickup;
  for (let i = 0; i < m; i++) {
    onsets.push({ beat: at * unit, beats: lengths[i]! * unit });
    at += lengths[i]!;
  }
  // The last syllable lands on a beat when the line has room for it.
  let lastStart = at * unit;
  const offBeat = lastStart - Math.floor(lastStart + 1e-9);
  if (offBeat > 1e-9 && slack * unit >= 1 - offBeat - 1e-9 && onsets.length > 0) {
    onsets[onsets.length - 1]!.beats += 1 - offBeat;
    lastStart += 1 - offBeat;
  }
  onsets.push({ beat: lastStart, beats: lineBeats - breath - lastStart });
  return onsets;
}

/** Pitches on the key's scale, numbered in scale steps from the tonic of the melody's octave. */
class ScaleSpace {
  readonly tonic: number;
  readonly minStep: number;
  readonly maxStep: number;
  private readonly scale: readonly number[];

  constructor(
    private readonly key: Key,
    readonly range: [number, number],
  ) {
    this.scale = scaleOf(key.mode);
    // The tonic sits near the bottom of the range so that the tune's home is comfortable.
    this.tonic = range[0] - 3 + pc(key.tonic - (range[0] - 3));
    let lo = -14;
    while (this.raw(lo) < range[0]) lo++;
    let hi = 21;
    while (this.raw(hi) > range[1]) hi--;
    this.minStep = lo;
    this.maxStep = hi;
  }

  private raw(step: number): number {
    const degree = ((step % 7) + 7) % 7;
    return this.tonic + this.scale[degree]! + 12 * Math.floor(step / 7);
  }

  /** The step's pitch, bent to the chord when the chord alters that degree (the raised seventh over V in minor). */
  pitch(step: number, chord: readonly number[]): number {
    const p = this.raw(step);
    if (chord.includes(pc(p))) return p;
    const inScale = (q: number) => this.scale.includes(pc(q - this.key.tonic));
    if (chord.includes(pc(p + 1)) && !inScale(p + 1)) return p + 1;
    if (chord.includes(pc(p - 1)) && !inScale(p - 1)) return p - 1;
    return p;
  }

  isChordTone(step: number, chord: readonly number[]): boolean {
    return chord.includes(pc(this.pitch(step, chord)));
  }

  stepNear(midi: number): number {
    let best = this.minStep;
    for (let s = this.minStep; s <= this.maxStep; s++)
      if (Math.abs(this.raw(s) - midi) < Math.abs(this.raw(best) - midi)) best = s;
    return best;
  }
}

type Contour = (x: number) => number;
const contours: Contour[] = [
  (x) => 2.5 * Math.sin(Math.PI * x) - 0.5,
  (x) => 2 - 3.5 * x,
  (x) => -1.5 + 3 * x,
  (x) => 1.2 * Math.sin(2 * Math.PI * x),
  (x) => 1.5 * Math.sin(Math.PI * Math.min(1, x * 1.4)) - x,
];

/**
 * The tune of one line: mostly stepwise, chord tones on strong beats and long notes, shaped by a
 * contour, ending on a chord tone — the tonic when the line closes a pair ("closed"), elsewhere
 * when it leaves the phrase open.
 */
function lineMelody(
  onsets: Onset[],
  lineStart: number,
  ctx: MelodyContext,
  closed: boolean,
  previous: number | null,
  rng: Rng,
): number[] {
  const space = new ScaleSpace(ctx.key, ctx.range);
  const center = space.stepNear(ctx.range[0] + ctx.height * (ctx.range[1] - ctx.range[0]));
  const contour = ctx.rap ? (x: number) => 0.6 * Math.sin(2 * Math.PI * x) : rng.pick(contours);
  const steps: number[] = [];
  let prev = previous ?? center;
  let repeats = 0;
  for (let i = 0; i < onsets.length; i++) {
    const onset = onsets[i]!;
    const at = lineStart + onset.beat;
    const chord = chordPitchClasses(chordAt(ctx.chords, at).chord);
    const last = i === onsets.length - 1;
    const beatInBar = at % ctx.beatsPerBar;
    const beatIndex = Math.round(beatInBar) % ctx.beatsPerBar;
    const strong =
      Math.abs(beatInBar - Math.round(beatInBar)) < 1e-6 &&
      (ctx.beatsPerBar === 3 ? beatIndex === 0 : beatIndex % 2 === 0);
    const long = onset.beats >= 1;
    const x = onsets.length === 1 ? 1 : i / (onsets.length - 1);
    let target = center + contour(x);
    if (last) target = closed ? Math.round(center / 7) * 7 : center + 1;
    const reach = ctx.rap ? 1 : i === 0 ? 4 : 3;
    const candidates: number[] = [];
    const scores: number[] = [];
    for (let s = Math.max(space.minStep, prev - reach); s <= Math.min(space.maxStep, prev + reach); s++) {
      const chordTone = space.isChordTone(s, chord);
      if (last && !chordTone) continue;
      const leap = Math.abs(s - prev);
      let score = -1.1 * Math.abs(s - target);
      score -= ctx.rap ? ([0, 0.8][leap] ?? 3) : ([0.4, 0, 0.6, 1.6, 2.6][leap] ?? 4);
      if (chordTone && (strong || long)) score += 1.6;
      if (!chordTone && long) score -= 2;
      if (s === prev && repeats >= (ctx.rap ? 4 : 2)) score -= 1.5;
      if (last && closed && pc(space.pitch(s, chord) - ctx.key.tonic) === 0) score += 1.5;
      candidates.push(s);
      scores.push(score);
    }
    let step: number;
    if (candidates.length === 0) {
      // No chord tone within reach: the nearest one anywhere.
      step = prev;
      for (let d = 1; d < 8; d++) {
        if (prev - d >= space.minStep && space.isChordTone(prev - d, chord)) {
          step = prev - d;
          break;
        }
        if (prev + d <= space.maxStep && space.isChordTone(prev + d, chord)) {
          step = prev + d;
          break;
        }
      }
    } else {
      const top = Math.max(...scores);
      step = candidates[rng.weighted(scores.map((s) => Math.exp((s - top) / 0.45)))]!;
    }
    repeats = step === prev ? repeats + 1 : 0;
    prev = step;
    steps.push(space.pitch(step, chord));
  }
  return steps;
}

/** The melody of a whole section, line by line; lines come in pairs, the second closing the first. */
export function sectionMelody(
  syllables: readonly number[],
  lineBeats: number,
  unit: number,
  ctx: MelodyContext,
  rngFor: (line: number) => Rng,
  held: readonly (readonly number[])[] = [],
  longBeats = 1,
): MelodyNote[] {
  const notes: MelodyNote[] = [];
  let previous: number | null = null;
  syllables.forEach((n, line) => {
    const rng = rngFor(line);
    const onsets = lineRhythm(n, lineBeats, unit, ctx.rap, rng, new Set(held[line] ?? []), longBeats);
    const closed = line % 2 === 1 || line === syllables.length - 1;
    const pitches = lineMelody(onsets, line * lineBeats, ctx, closed, previous, rng);
    onsets.forEach((o, i) =>
      notes.push({ beat: line * lineBeats + o.beat, beats: o.beats, pitch: pitches[i]!, line, syllable: i }),
    );
    const lastPitch = pitches[pitches.length - 1];
    if (lastPitch !== undefined) previous = new ScaleSpace(ctx.key, ctx.range).stepNear(lastPitch);
  });
  return notes;
}
