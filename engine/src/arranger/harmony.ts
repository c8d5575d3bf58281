export type Mode = "major" | "minor";

export interface Key {
  /** Pitch class of the tonic, 0 = C. */
  tonic: number;
  mode: Mode;
}

export interface Chord {
  /** Pitch class of the root. */
  root: number;
  /** Semitones above the root, ascending, starting with 0. */
  intervals: number[];
  /** Pitch class heard in the bass (the root unless the chord is an inversion). */
  bass: number;
}

/** A chord sounding over a stretch of beats. */
export interface ChordSpan {
  startBeat: number;
  beats: number;
  chord: Chord;
}

const majorScale = [0, 2, 4, 5, 7, 9, 11] as const;
const minorScale = [0, 2, 3, 5, 7, 8, 10] as const;
export const scaleOf = (mode: Mode): readonly number[] => (mode === "major" ? majorScale : minorScale);

const majorNames = ["C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];
const minorNames = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B"];
const letterPc: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

export const pc = (n: number): number => ((n % 12) + 12) % 12;

export function keyName(key: Key): string {
  return key.mode === "major" ? majorNames[key.tonic]! : `${minorNames[key.tonic]!}m`;
}

/** Reads "C", "F#m", "Bb", "Ebmin", "A minor"; null when it is not a key. */
export function parseKey(text: string): Key | null {
  const m = /^\s*([A-Ga-g])\s*([#♯b♭]?)\s*(m|min|minor|mineur|maj|major|majeur)?\s*$/.exec(text);
  if (!m) return null;
  const accidental = m[2] === "#" || m[2] === "♯" ? 1 : m[2] === "b" || m[2] === "♭" ? -1 : 0;
  const mode: Mode = m[3]?.startsWith("m") && !m[3].startsWith("maj") ? "minor" : "major";
  return { tonic: pc(letterPc[m[1]!.toUpperCase()]! + accidental), mode };
}

const numeralDegree = { i: 0, ii: 2, iii: 4, iv: 5, v: 7, vi: 9, vii: 11 } as const;
const qualities: Record<string, { upper: number[]; lower: number[] }> = {
  "": { upper: [0, 4, 7], lower: [0, 3, 7] },
  "7": { upper: [0, 4, 7, 10], lower: [0, 3, 7, 10] },
  maj7: { upper: [0, 4, 7, 11], lower: [0, 3, 7, 11] },
  "7b5": { upper: [0, 3, 6, 10], lower: [0, 3, 6, 10] },
};

/**
 * A roman numeral relative to the tonic: upper case major, lower case minor, "b" or "#" before it
 * for borrowed degrees (bVII, bVI), a quality after it (7, maj7, 7b5 for half-diminished), and
 * "/3" for the first inversion (I/3 puts the third in the bass).
 */
function chordFromNumeral(symbol: string, key: Key): Chord {
  const m = /^([b#]?)([ivIV]+)(maj7|7b5|7)?(\/3)?$/.exec(symbol);
  const numeral = m?.[2]?.toLowerCase();
  if (!m || !numeral || !(numeral in numeralDegree)) throw new Error(`not a chord numeral: ${symbol}`);
  const shift = m[1] === "b" ? -1 : m[1] === "#" ? 1 : 0;
  const root = pc(key.tonic + numeralDegree[numeral as keyof typeof numeralDegree] + shift);
  const upper = m[2] === m[2]!.toUpperCase();
  const intervals = qualities[m[3] ?? ""]![upper ? "upper" : "lower"];
  return { root, intervals, bass: pc(root + (m[4] ? intervals[1]! : 0)) };
}

/** "I | V | vi IV": bars separated by "|", chords within a bar share it equally. */
export function parseProgression(text: string, key: Key, beatsPerBar: number, barsPerSymbolBar = 1): ChordSpan[] {
  const spans: ChordSpan[] = [];
  let beat = 0;
  for (const bar of text.split("|")) {
    const symbols = bar.trim().split(/\s+/).filter(Boolean);
    const barBeats = beatsPerBar * barsPerSymbolBar;
    for (const symbol of symbols) {
      const beats = barBeats / symbols.length;
      spans.push({ startBeat: beat, beats, chord: chordFromNumeral(symbol, key) });
      beat += beats;
    }
  }
  return spans;
}

export const chordPitchClasses = (chord: Chord): number[] => chord.intervals.map((i) => pc(chord.root + i));

/** The lowest pitch of pitch class `p` at or above `low`. */
export const atOrAbove = (p: number, low: number): number => low + pc(p - low);

/** The pitch of pitch class `p` nearest to `target` (the lower one on a tie). */
export function nearest(p: number, target: number): number {
  const below = target - pc(target - p);
  return target - below <= below + 12 - target ? below : below + 12;
}

/**
 * Close-position voicings of a chord in [low, high] with `voices` notes (the lowest tone doubled an
 * octave up when the chord has fewer tones), choosing the one that moves least from the previous
 * voicing: chords connected this way sound like one player, not a series of jumps.
 */
export function voiceChord(
  chord: Chord,
  voices: number,
  low: number,
  high: number,
  previous: readonly number[] | null,
): number[] {
  const tones = chordPitchClasses(chord);
  // With fewer voices than tones, the fifth goes first, then the root (the bass plays it):
  // what is left (third, seventh, ninth) is what gives the chord its colour.
  let chosen = [...tones];
  const fifth = chord.intervals.findIndex((i) => i === 7 || i === 6);
  if (chosen.length > voices && fifth > 0) chosen = chosen.filter((_, i) => i !== fifth);
  if (chosen.length > voices) chosen = chosen.slice(1);
  chosen = chosen.slice(0, voices);
  const stack = (start: number, base: number) => {
    const notes = [base];
    for (let k = 1; k < voices; k++) notes.push(atOrAbove(chosen[(start + k) % chosen.length]!, notes[k - 1]! + 1));
    return notes;
  };
  const candidates: number[][] = [];
  for (let start = 0; start < chosen.length; start++) {
    for (let base = atOrAbove(chosen[start]!, low); ; base += 12) {
      const notes = stack(start, base);
      if (notes[notes.length - 1]! > high) break;
      candidates.push(notes);
    }
  }
  if (candidates.length === 0) return stack(0, atOrAbove(chosen[0]!, low));
  const center = (low + high) / 2;
  const cost = (notes: number[]) => {
    if (previous && previous.length === notes.length)
      return notes.reduce((sum, n, i) => sum + Math.abs(n - previous[i]!), 0);
    return Math.abs(notes.reduce((a, b) => a + b, 0) / notes.length - center);
  };
  return candidates.reduce((best, c) => (cost(c) < cost(best) ? c : best));
}

/** The chord sounding at a beat (spans are sorted and contiguous). */
export function chordAt(spans: readonly ChordSpan[], beat: number): ChordSpan {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid]!.startBeat <= beat + 1e-9) lo = mid;
    else hi = mid - 1;
  }
  return spans[lo]!;
}
