import type { PlannedSection } from "./form";
import { atOrAbove, type ChordSpan, chordAt, chordPitchClasses, nearest, pc, voiceChord } from "./harmony";
import type { Rng } from "./prng";
import { type BassPattern, type CompPattern, type DrumPattern, gm, type Layer, type StyleDef } from "./styles";

/** A note in beats from the start of the song, before swing and humanizing. */
export interface BeatNote {
  beat: number;
  beats: number;
  pitch: number;
  velocity: number;
}

export interface SectionTimeline {
  plan: PlannedSection;
  startBeat: number;
  beats: number;
  /** Chords in beats from the start of the song. */
  chords: ChordSpan[];
  next: PlannedSection | null;
}

export interface PartContext {
  style: StyleDef;
  sections: SectionTimeline[];
  tempo: number;
  /** Where the song's sound must end (the final chord rings until then). */
  endBeat: number;
}

/** Velocity by energy level: a chorus is played harder, not just with more instruments. */
const levelGain = [0.72, 0.84, 0.92, 1] as const;
const clampVelocity = (v: number) => Math.max(1, Math.min(127, Math.round(v)));

const layerOf = (ctx: PartContext, s: SectionTimeline): Layer => ctx.style.levels[s.plan.level];
const isEnding = (s: SectionTimeline) => s.plan.kind === "ending";

/**
 * Each bar of the song with its layer; the ending's last bar is left to the final chord. `into`
 * is what the section's last bar leads to (the ending leads to its own final chord).
 */
function* bars(
  ctx: PartContext,
): Generator<{ section: SectionTimeline; bar: number; start: number; layer: Layer; into: PlannedSection | null }> {
  const bpb = ctx.style.beatsPerBar;
  for (const section of ctx.sections) {
    const count = isEnding(section) ? section.plan.bars - 1 : section.plan.bars;
    // An instrumental intro of four bars or more opens bare; the groove comes in halfway.
    const bare =
      section.plan.kind === "intro" && section.plan.lyricSection === null && section.plan.bars >= 4
        ? Math.floor(section.plan.bars / 2)
        : 0;
    for (let bar = 0; bar < count; bar++) {
      const into = bar < count - 1 ? null : isEnding(section) ? section.plan : section.next;
      yield {
        section,
        bar,
        start: section.startBeat + bar * bpb,
        layer: bar < bare ? ctx.style.levels[0] : layerOf(ctx, section),
        into,
      };
    }
  }
}

const finalBeat = (ctx: PartContext) => {
  const ending = ctx.sections[ctx.sections.length - 1]!;
  return ending.startBeat + ending.beats - ctx.style.beatsPerBar;
};

/** Onsets of a step pattern within one bar: the character and how many steps it holds. */
function onsets(
  steps: string,
  stepsPerBar: number,
  barIndex: number,
): { step: number; char: string; length: number }[] {
  const offset = (barIndex * stepsPerBar) % steps.length;
  const bar = Array.from({ length: stepsPerBar }, (_, i) => steps[(offset + i) % steps.length]!);
  const out: { step: number; char: string; length: number }[] = [];
  bar.forEach((char, step) => {
    if (char === "=" || char === ".") return;
    let length = 1;
    while (step + length < stepsPerBar && bar[step + length] === "=") length++;
    out.push({ step, char, length });
  });
  return out;
}

/** Splits [start, end) where the harmony changes: a held chord is struck again on the new chord. */
function splitAtChanges(
  chords: readonly ChordSpan[],
  start: number,
  end: number,
): { start: number; end: number; span: ChordSpan }[] {
  const pieces: { start: number; end: number; span: ChordSpan }[] = [];
  let at = start;
  while (at < end - 1e-9) {
    const span = chordAt(chords, at);
    const stop = Math.min(end, span.startBeat + span.beats);
    pieces.push({ start: at, end: stop, span });
    at = stop;
  }
  return pieces;
}

const drumVelocity: Record<string, number> = { X: 116, x: 96, o: 68, g: 38 };

export function drumPart(ctx: PartContext, rng: Rng): BeatNote[] {
  const { style } = ctx;
  const stepsPerBar = style.beatsPerBar * 4;
  const notes: BeatNote[] = [];
  const hit = (beat: number, pitch: number, velocity: number) =>
    notes.push({ beat, beats: 0.25, pitch, velocity: clampVelocity(velocity + rng.int(-5, 5)) });
  for (const { section, bar, start, layer, into: next } of bars(ctx)) {
    const pattern: DrumPattern | null = layer.drums;
    if (!pattern) continue;
    const gain = levelGain[section.plan.level];
    const fillBeats = next ? (next.kind === "chorus" || next.kind === "solo" || next.kind === "ending" ? 2 : 1) : 0;
    const fillStart = style.beatsPerBar - fillBeats;
    // A crash marks each new section, except with brushes (jazz and chanson keep it hushed).
    if (bar === 0 && section.plan.level >= 2 && section !== ctx.sections[0] && style.fill !== "brush") {
      hit(start, gm.crash, 108 * gain);
      if (!pattern[gm.kick]?.startsWith("x") && !pattern[gm.kick]?.startsWith("X")) hit(start, gm.kick, 96 * gain);
    }
    for (const [drum, steps] of Object.entries(pattern)) {
      if (!steps) continue;
      for (const o of onsets(steps, stepsPerBar, bar)) {
        const beat = o.step / 4;
        if (fillBeats > 0 && beat >= fillStart) continue;
        hit(start + beat, Number(drum), (drumVelocity[o.char] ?? 90) * gain);
      }
    }
    if (fillBeats > 0) fill(style, start + fillStart, fillBeats, next?.kind === "chorus", gain, hit);
  }
  const ending = ctx.sections[ctx.sections.length - 1]!;
  if (layerOf(ctx, ending).drums) {
    hit(finalBeat(ctx), gm.crash, style.fill === "brush" ? 72 : 112);
    hit(finalBeat(ctx), gm.kick, 104);
  }
  return notes;
}

function fill(
  style: StyleDef,
  at: number,
  beats: number,
  intoChorus: boolean,
  gain: number,
  hit: (beat: number, pitch: number, velocity: number) => void,
) {
  const ramp = (i: number, count: number, from: number, to: number) =>
    (from + ((to - from) * i) / Math.max(1, count - 1)) * gain;
  switch (style.fill) {
    case "toms": {
      const drums =
        beats === 2
          ? [gm.snare, gm.snare, gm.highTom, gm.highTom, gm.midTom, gm.midTom, gm.lowTom, gm.lowFloorTom]
          : [gm.snare, gm.highTom, gm.midTom, gm.lowFloorTom];
      drums.forEach((d, i) => hit(at + i * 0.25, d, ramp(i, drums.length, 78, 112)));
      break;
    }
    case "snare": {
      const count = beats * 4;
      for (let i = 0; i < count; i++) hit(at + i * 0.25, gm.snare, ramp(i, count, 60, 108));
      break;
    }
    case "roll": {
      // Dance music builds into its chorus over the whole bar: eighths, then sixteenths.
      const barStart = at - (style.beatsPerBar - beats);
      if (intoChorus) {
        const hits = [0, 0.5, 1, 1.5, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, 3.75];
        hits.forEach((b, i) => hit(barStart + b, gm.snare, ramp(i, hits.length, 40, 116)));
      } else {
        for (let i = 0; i < beats * 4; i++) hit(at + i * 0.25, gm.clap, ramp(i, beats * 4, 60, 100));
      }
      break;
    }
    case "brush": {
      const last = at + beats - 1;
      hit(last, gm.snare, 46 * gain);
      hit(last + 0.5, gm.snare, 70 * gain);
      hit(last + 0.75, gm.snare, 84 * gain);
      break;
    }
  }
}

/** The bass note for a pattern role, near the previous one: R root (or the inversion's bass), 5, 8, A approach. */
function bassPitch(role: string, chords: readonly ChordSpan[], at: number, previous: number): number {
  const span = chordAt(chords, at);
  const { chord } = span;
  const root = Math.max(31, Math.min(47, nearest(chord.bass, previous)));
  const chordRoot = root - pc(chord.bass - chord.root);
  switch (role) {
    case "5":
      return chordRoot + 7 <= 50 ? chordRoot + 7 : chordRoot - 5;
    case "8":
      return chordRoot + 12 <= 55 ? chordRoot + 12 : chordRoot;
    case "A": {
      const next = chordAt(chords, span.startBeat + span.beats + 1e-6);
      if (next === span) return chordRoot + 7 <= 50 ? chordRoot + 7 : chordRoot - 5;
      const target = Math.max(31, Math.min(47, nearest(next.chord.bass, root)));
      return target > root ? target - 1 : target + 1;
    }
    default:
      return root;
  }
}

export function bassPart(ctx: PartContext, rng: Rng): BeatNote[] {
  const { style } = ctx;
  const stepsPerBar = style.beatsPerBar * 4;
  const notes: BeatNote[] = [];
  let previous = 38;
  for (const { section, bar, start, layer } of bars(ctx)) {
    const pattern: BassPattern | null = layer.bass;
    if (!pattern) continue;
    const gain = levelGain[section.plan.level];
    if (pattern.kind === "walk") {
      for (let beat = 0; beat < style.beatsPerBar; beat++) {
        const at = start + beat;
        previous = walkingNote(section.chords, at, previous, rng);
        notes.push({
          beat: at,
          beats: 0.92,
          pitch: previous,
          velocity: clampVelocity((beat === 0 ? 100 : 88) * gain + rng.int(-4, 4)),
        });
      }
      continue;
    }
    for (const o of onsets(pattern.steps, stepsPerBar, bar)) {
      const at = start + o.step / 4;
      let role = o.char;
      const span = chordAt(section.chords, at);
      // A waltz bass answers its root with the fifth in the second bar of the chord.
      if (pattern.alternateFifth && role === "R" && at - span.startBeat >= style.beatsPerBar - 1e-9) role = "5";
      for (const piece of splitAtChanges(section.chords, at, at + o.length / 4)) {
        previous = bassPitch(piece.start === at ? role : "R", section.chords, piece.start, previous);
        const accent = Math.abs(piece.start % 1) < 1e-9 ? 8 : 0;
        notes.push({
          beat: piece.start,
          beats: (piece.end - piece.start) * 0.94,
          pitch: previous,
          velocity: clampVelocity((88 + accent) * gain + rng.int(-4, 4)),
        });
      }
    }
  }
  const tonic = bassPitch("R", ctx.sections[ctx.sections.length - 1]!.chords, finalBeat(ctx), previous);
  notes.push({ beat: finalBeat(ctx), beats: ctx.endBeat - finalBeat(ctx), pitch: tonic, velocity: 100 });
  return notes;
}

/** Walking bass: the root on the chord's first beat, chord tones between, a half step into the next chord. */
function walkingNote(chords: readonly ChordSpan[], at: number, previous: number, rng: Rng): number {
  const span = chordAt(chords, at);
  const into = at - span.startBeat;
  const root = Math.max(31, Math.min(45, nearest(span.chord.bass, previous)));
  if (into < 1e-9) return root;
  const spanEnd = span.startBeat + span.beats;
  if (spanEnd - at <= 1 + 1e-9) {
    const next = chordAt(chords, spanEnd + 1e-6);
    const target = Math.max(31, Math.min(45, nearest(next.chord.bass, previous)));
    const approach = target > previous ? target - 1 : target + 1;
    return approach === previous ? approach + (rng.chance(0.5) ? 2 : -2) : approach;
  }
  const tones = chordPitchClasses(span.chord)
    .flatMap((p) => [atOrAbove(p, 31), atOrAbove(p, 43)])
    .filter((p) => p !== previous && Math.abs(p - previous) <= 7 && p <= 52);
  return tones.length > 0 ? rng.pick(tones) : previous;
}

interface Voicings {
  previous: number[] | null;
}

/** A chord part at one energy level: piano hits, guitar strums, arpeggios, power chords, jazz comping. */
export function chordPart(ctx: PartContext, which: "comp" | "comp2", rng: Rng): BeatNote[] {
  const { style } = ctx;
  const stepsPerBar = style.beatsPerBar * 4;
  const notes: BeatNote[] = [];
  const state: Voicings = { previous: null };
  const stagger = (0.012 * ctx.tempo) / 60;
  let lastPattern: CompPattern | null = null;
  for (const { section, bar, start, layer } of bars(ctx)) {
    const pattern = layer[which];
    if (!pattern) continue;
    lastPattern = pattern;
    const gain = levelGain[section.plan.level];
    const chords = section.chords;
    const push = (beat: number, beats: number, pitch: number, velocity: number) =>
      notes.push({ beat, beats, pitch, velocity: clampVelocity(velocity * gain + rng.int(-5, 5)) });
    switch (pattern.kind) {
      case "hits":
      case "comping": {
        const steps = pattern.kind === "hits" ? pattern.steps : rng.pick(pattern.variants);
        for (const o of onsets(steps, stepsPerBar, bar)) {
          const at = start + o.step / 4;
          for (const piece of splitAtChanges(chords, at, at + o.length / 4)) {
            state.previous = voiceChord(piece.span.chord, pattern.voices, pattern.low, pattern.high, state.previous);
            const gate = pattern.kind === "hits" ? (pattern.gate ?? 0.96) : 0.85;
            const velocity = o.char === "c" ? 62 : 84;
            for (const p of state.previous) push(piece.start, (piece.end - piece.start) * gate, p, velocity);
          }
        }
        break;
      }
      case "arp": {
        for (const o of onsets(pattern.steps, stepsPerBar, bar)) {
          const at = start + o.step / 4;
          const span = chordAt(chords, at);
          state.previous = voiceChord(span.chord, 4, pattern.low, pattern.high, state.previous);
          const bass = atOrAbove(span.chord.bass, pattern.bassLow);
          const ladder = [bass, ...state.previous, ...state.previous.map((p) => p + 12)];
          const pitch = ladder[Math.min(Number(o.char), ladder.length - 1)]!;
          const end = pattern.pedal ? span.startBeat + span.beats : at + o.length / 4;
          push(at, Math.min(end, start + 2 * style.beatsPerBar) - at, pitch, o.step % 4 === 0 ? 76 : 64);
        }
        break;
      }
      case "strum": {
        for (const o of onsets(pattern.steps, stepsPerBar, bar)) {
          const at = start + o.step / 4;
          for (const piece of splitAtChanges(chords, at, at + o.length / 4)) {
            const shape = guitarShape(piece.span, pattern.low, pattern.high, state);
            const up = o.char === "U" && piece.start === at;
            const strings = up ? shape.slice(-4).reverse() : shape;
            const velocity = up ? 58 : o.step % 8 === 0 ? 86 : 76;
            strings.forEach((p, i) =>
              push(piece.start + i * stagger, piece.end - piece.start - i * stagger, p, velocity - i * 2),
            );
          }
        }
        break;
      }
      case "power": {
        for (const o of onsets(pattern.steps, stepsPerBar, bar)) {
          const at = start + o.step / 4;
          for (const piece of splitAtChanges(chords, at, at + o.length / 4)) {
            const root = atOrAbove(piece.span.chord.bass, pattern.low);
            const muted = o.char === "p";
            for (const p of [root, root + 7, root + 12])
              push(piece.start, (piece.end - piece.start) * pattern.gate, p, muted ? 72 : 90);
          }
        }
        break;
      }
      case "arp16": {
        for (let step = 0; step < stepsPerBar; step++) {
          const at = start + step / 4;
          const chord = chordPitchClasses(chordAt(chords, at).chord);
          const ladder: number[] = [];
          for (let p = pattern.low; p <= pattern.high && ladder.length < 4; p++)
            if (chord.includes(pc(p))) ladder.push(p);
          push(at, 0.2, ladder[step % ladder.length]!, step % 4 === 0 ? 80 : 62);
        }
        break;
      }
    }
  }
  if (lastPattern && layerOf(ctx, ctx.sections[ctx.sections.length - 1]!)[which])
    notes.push(...finalChord(ctx, lastPattern, state, stagger));
  return notes;
}

/** Five strings: the bass note low, a close chord above it, like an open guitar chord. */
function guitarShape(span: ChordSpan, low: number, high: number, state: Voicings): number[] {
  const bass = atOrAbove(span.chord.bass, low);
  state.previous = voiceChord(span.chord, 4, Math.max(bass + 5, low + 7), high, state.previous);
  return [bass, ...state.previous];
}

/** The last chord, struck once and left to ring to the end. */
function finalChord(ctx: PartContext, pattern: CompPattern, state: Voicings, stagger: number): BeatNote[] {
  const ending = ctx.sections[ctx.sections.length - 1]!;
  const at = finalBeat(ctx);
  const span = chordAt(ending.chords, at);
  const beats = ctx.endBeat - at;
  let pitches: number[];
  switch (pattern.kind) {
    case "strum":
      pitches = guitarShape(span, pattern.low, pattern.high, state);
      break;
    case "power": {
      const root = atOrAbove(span.chord.bass, pattern.low);
      pitches = [root, root + 7, root + 12];
      break;
    }
    case "arp":
      pitches = [
        atOrAbove(span.chord.bass, pattern.bassLow),
        ...voiceChord(span.chord, 4, pattern.low, pattern.high, state.previous),
      ];
      break;
    case "arp16":
      pitches = voiceChord(span.chord, 3, pattern.low, pattern.high, state.previous);
      break;
    default:
      pitches = voiceChord(span.chord, pattern.voices, pattern.low, pattern.high, state.previous);
  }
  const roll = pattern.kind === "arp" || pattern.kind === "strum" ? stagger * 3 : 0;
  return pitches.map((p, i) => ({ beat: at + i * roll, beats: beats - i * roll, pitch: p, velocity: 88 }));
}

/** Sustained chords under the sections whose layer asks for a pad; common tones are tied over. */
export function padPart(ctx: PartContext): BeatNote[] {
  const notes: BeatNote[] = [];
  let previous: number[] | null = null;
  const sounding = new Map<number, BeatNote>();
  const last = ctx.sections[ctx.sections.length - 1]!;
  for (const section of ctx.sections) {
    if (!layerOf(ctx, section).pad) {
      sounding.clear();
      continue;
    }
    const gain = levelGain[section.plan.level];
    const end = section === last ? ctx.endBeat : section.startBeat + section.beats;
    for (const span of section.chords) {
      const from = Math.max(span.startBeat, section.startBeat);
      const to =
        section === last && span === section.chords[section.chords.length - 1]
          ? end
          : Math.min(span.startBeat + span.beats, end);
      if (to <= from) continue;
      previous = voiceChord(span.chord, 4, 55, 74, previous);
      const next = new Map<number, BeatNote>();
      for (const pitch of previous) {
        const held = sounding.get(pitch);
        if (held && Math.abs(held.beat + held.beats - from) < 1e-6) {
          held.beats = to - held.beat;
          next.set(pitch, held);
        } else {
          const note = { beat: from, beats: to - from, pitch, velocity: clampVelocity(70 * gain) };
          notes.push(note);
          next.set(pitch, note);
        }
      }
      sounding.clear();
      for (const [p, n] of next) sounding.set(p, n);
    }
  }
  return notes;
}
