// Where each piece of espeak's audio is heard in the song: vowels start on their notes and are
// stretched to fill them, consonants keep their natural length (squeezed only when notes are too short
// for them), onsets lead into the note, codas close it. The result is a piecewise-linear time map
// (song time → espeak time) and, separately, the pitch each moment should have.

import type { Unit } from "./align";
import type { SungNote } from "./contract";
import type { Phone, Syllable } from "./syllables";

export interface Segment {
  /** Song time, in seconds. */
  out0: number;
  out1: number;
  /** espeak time, in seconds. */
  src0: number;
  src1: number;
  /** Index in the line's notes of the note whose pitch this stretch takes. */
  note: number;
}

// A vowel keeps at least this share of its notes; consonants are squeezed to make room.
const MIN_VOWEL_SHARE = 0.5;
// A line's first consonants lead its first note by at most this much.
const MAX_LEAD_SEC = 0.3;
// The first and last moments of a vowel carry its transitions to the consonants around it: they keep
// their natural speed and only the steady middle is stretched, so a long note does not smear them.
const TRANSITION_SEC = 0.03;
// Notes closer than this are sung legato; further apart, they are separate attacks with silence
// between (arrangers often shorten notes a little, as for instruments).
const LEGATO_GAP_SEC = 0.08;

type Span = [number, number];

function spans(phones: readonly Phone[]): Span[] {
  const result: Span[] = [];
  for (const phone of phones) {
    const last = result[result.length - 1];
    if (last && Math.abs(last[1] - phone.start) < 1e-6) last[1] = phone.end;
    else result.push([phone.start, phone.end]);
  }
  return result;
}

const length = (list: readonly Span[]) => list.reduce((total, [a, b]) => total + b - a, 0);

export function layoutLine(notes: readonly SungNote[], units: readonly Unit[]): Segment[] {
  const segments: Segment[] = [];
  const place = (list: readonly Span[], start: number, scale: number, note: number) => {
    let at = start;
    for (const [a, b] of list) {
      const d = (b - a) * scale;
      if (d > 0) segments.push({ out0: at, out1: at + d, src0: a, src1: b, note });
      at += d;
    }
    return at;
  };

  units.forEach((unit, u) => {
    const first = unit.notes[0]!;
    const last = unit.notes[unit.notes.length - 1]!;
    const start = notes[first]!.startSec;
    const next = units[u + 1];
    const nextStart = next ? notes[next.notes[0]!]!.startSec : Infinity;
    const written = notes[last]!.startSec + notes[last]!.durationSec;
    // Notes a breath apart are sung legato: the syllable lasts until the next one begins.
    const end = nextStart - written < LEGATO_GAP_SEC ? Math.max(written, nextStart) : written;
    const opening = spans(unit.syllables[0]!.onset);
    const coda = spans(unit.syllables[unit.syllables.length - 1]!.coda);
    const nextOnset = next ? spans(next.syllables[0]!.onset) : [];

    if (u === 0) {
      const lead = length(opening);
      const scale = lead > MAX_LEAD_SEC ? MAX_LEAD_SEC / lead : 1;
      place(opening, start - lead * scale, scale, first);
    }

    // The consonants between this vowel and the next share one squeeze factor, chosen so the vowel
    // keeps its minimum share of the notes.
    const co = length(coda);
    const on = length(nextOnset);
    const minVowel = MIN_VOWEL_SHARE * (Math.min(end, nextStart) - start);
    let scale = 1;
    if (co + on > 0) scale = Math.min(scale, (nextStart - start - minVowel) / (co + on));
    if (co > 0) scale = Math.min(scale, (end - start - minVowel) / co);
    const bodyEnd = Math.min(end - scale * co, nextStart - scale * (co + on));

    if (unit.syllables.length === 1) {
      segments.push(...splitAtNotes(vowel(unit.syllables[0]!, start, bodyEnd, first), notes, unit.notes));
    } else {
      layoutMerged(unit.syllables, start, bodyEnd, first, segments, place);
    }
    place(coda, bodyEnd, scale, last);
    if (next) place(nextOnset, nextStart - scale * on, scale, next.notes[0]!);
  });
  return segments;
}

function vowel(syllable: Syllable, out0: number, out1: number, note: number): Segment[] {
  const { start: v0, end: v1 } = syllable.nucleus;
  const natural = v1 - v0;
  if (out1 - out0 <= natural) return [{ out0, out1, src0: v0, src1: v1, note }];
  // A gliding vowel (eɪ, aɪ…) is held on its first target and glides at natural speed at the end.
  const attack = syllable.gliding ? 0.15 * natural : Math.min(TRANSITION_SEC, 0.25 * natural);
  const release = syllable.gliding ? 0.55 * natural : Math.min(TRANSITION_SEC, 0.25 * natural);
  return [
    { out0, out1: out0 + attack, src0: v0, src1: v0 + attack, note },
    { out0: out0 + attack, out1: out1 - release, src0: v0 + attack, src1: v1 - release, note },
    { out0: out1 - release, out1, src0: v1 - release, src1: v1, note },
  ];
}

// One syllable over several notes: each stretch takes the pitch of the note it falls in, and the
// silence between notes that do not touch is cut out of the vowel.
function splitAtNotes(pieces: Segment[], notes: readonly SungNote[], unitNotes: readonly number[]): Segment[] {
  if (unitNotes.length === 1) return pieces;
  const cuts: number[] = [];
  const holes: Span[] = [];
  for (let i = 1; i < unitNotes.length; i++) {
    const before = notes[unitNotes[i - 1]!]!;
    const at = notes[unitNotes[i]!]!.startSec;
    const beforeEnd = before.startSec + before.durationSec;
    cuts.push(at);
    if (at - beforeEnd > LEGATO_GAP_SEC) {
      cuts.push(beforeEnd);
      holes.push([beforeEnd, at]);
    }
  }
  const result: Segment[] = [];
  for (const piece of pieces) {
    const inside = cuts.filter((t) => t > piece.out0 && t < piece.out1).sort((a, b) => a - b);
    const bounds = [piece.out0, ...inside, piece.out1];
    const rate = (piece.src1 - piece.src0) / (piece.out1 - piece.out0);
    for (let i = 0; i + 1 < bounds.length; i++) {
      const out0 = bounds[i]!;
      const out1 = bounds[i + 1]!;
      const middle = (out0 + out1) / 2;
      if (holes.some(([a, b]) => middle > a && middle < b)) continue;
      const note = unitNotes.findLast((n) => notes[n]!.startSec <= middle) ?? unitNotes[0]!;
      result.push({
        out0,
        out1,
        src0: piece.src0 + (out0 - piece.out0) * rate,
        src1: piece.src0 + (out1 - piece.out0) * rate,
        note,
      });
    }
  }
  return result;
}

// Several syllables on one note: their vowels share the note in proportion to their natural lengths,
// with the consonants between them at natural speed when there is room.
function layoutMerged(
  syllables: readonly Syllable[],
  start: number,
  end: number,
  note: number,
  segments: Segment[],
  place: (list: readonly Span[], start: number, scale: number, note: number) => number,
): void {
  const inner = syllables.slice(0, -1).map((syllable, i) => spans([...syllable.coda, ...syllables[i + 1]!.onset]));
  const consonants = inner.reduce((total, list) => total + length(list), 0);
  const body = end - start;
  const scale = consonants > 0 ? Math.min(1, (0.5 * body) / consonants) : 1;
  const vowels = body - scale * consonants;
  const natural = syllables.reduce((total, s) => total + s.nucleus.end - s.nucleus.start, 0);
  let at = start;
  syllables.forEach((syllable, i) => {
    const d = (vowels * (syllable.nucleus.end - syllable.nucleus.start)) / natural;
    segments.push(...vowel(syllable, at, at + d, note));
    at = place(inner[i] ?? [], at + d, scale, note);
  });
}

export interface Contour {
  startSec: number;
  /** Target MIDI pitch each millisecond from `startSec`; NaN where nothing is sung. */
  midi: Float64Array;
}

const GLIDE_BEFORE_MS = 30;
const GLIDE_AFTER_MS = 20;
const VIBRATO_MIN_NOTE_SEC = 0.3;
const VIBRATO_DELAY_SEC = 0.15;
const VIBRATO_RAMP_SEC = 0.2;
const VIBRATO_HZ = 5.5;
const VIBRATO_SEMITONES = 0.25;

/** The pitch to sing over the line: each note's pitch, with short glides between notes that touch
 * and a gentle, late-starting vibrato on long notes. */
export function pitchContour(notes: readonly SungNote[], segments: readonly Segment[]): Contour {
  const startSec = Math.floor(segments[0]!.out0 * 1000) / 1000;
  const size = Math.ceil((segments[segments.length - 1]!.out1 - startSec) * 1000) + 1;
  const owner = new Int32Array(size).fill(-1);
  for (const segment of segments) {
    owner.fill(
      segment.note,
      Math.round((segment.out0 - startSec) * 1000),
      Math.round((segment.out1 - startSec) * 1000),
    );
  }
  const steps = Float64Array.from(owner, (note) => (note < 0 ? NaN : notes[note]!.midi));
  const midi = steps.slice();
  for (let k = 1; k < size; k++) {
    const before = steps[k - 1]!;
    const after = steps[k]!;
    if (Number.isNaN(before) || Number.isNaN(after) || before === after) continue;
    let left = 1;
    while (k - left - 1 >= 0 && steps[k - left - 1] === before) left++;
    let right = 1;
    while (k + right < size && steps[k + right] === after) right++;
    const from = k - Math.min(GLIDE_BEFORE_MS, left >> 1);
    const to = k + Math.min(GLIDE_AFTER_MS, right >> 1);
    for (let j = from; j < to; j++)
      midi[j] = before + (after - before) * (0.5 - 0.5 * Math.cos((Math.PI * (j - from + 0.5)) / (to - from)));
  }
  for (let k = 0; k < size; k++) {
    const note = notes[owner[k]!];
    if (!note || note.durationSec < VIBRATO_MIN_NOTE_SEC) continue;
    const t = startSec + k / 1000;
    const since = t - note.startSec - VIBRATO_DELAY_SEC;
    if (since <= 0) continue;
    const envelope = Math.min(1, since / VIBRATO_RAMP_SEC, (note.startSec + note.durationSec - t) / VIBRATO_RAMP_SEC);
    midi[k]! += VIBRATO_SEMITONES * Math.max(0, envelope) * Math.sin(2 * Math.PI * VIBRATO_HZ * since);
  }
  return { startSec, midi };
}

export function midiAt(contour: Contour, sec: number): number {
  const position = (sec - contour.startSec) * 1000;
  const k = Math.floor(position);
  const a = contour.midi[k];
  const b = contour.midi[k + 1];
  if (a === undefined || Number.isNaN(a)) return b ?? NaN;
  if (b === undefined || Number.isNaN(b)) return a;
  return a + (b - a) * (position - k);
}
