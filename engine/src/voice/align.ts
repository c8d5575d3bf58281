// Which syllables espeak said go on which notes. The arranger counted syllables from the text; espeak
// may say more (a name it reads letter by letter) or fewer (a dropped mute e), so syllables are matched
// to notes word by word, and within a word by where they fall in it, merging or spreading where the
// counts differ.
import type { Syllable } from "./syllables";

export interface LineText {
  text: string;
  /** Per note: 1-based code point position of its first letter in `text`, or null for a note that
   * only continues the previous syllable ("_", "-", "~", or nothing written). */
  starts: (number | null)[];
}

/** A stretch of the line sung as one: one note carrying one or more syllables, or one syllable
 * carried over one or more notes. */
export interface Unit {
  notes: number[];
  syllables: Syllable[];
}

const LETTER = /[\p{L}\p{N}]/u;

/**
 * Rebuilds the line's text from its notes' syllables, which espeak needs as words: a syllable that
 * continues a word is marked with a hyphen ("Joy-", "eux"), or a word's end with a space ("Joy",
 * "eux "). When a line carries neither mark, each syllable is read as a word of its own.
 */
export function lineText(syllables: readonly string[]): LineText {
  const hyphens = syllables.some((raw) => LETTER.test(raw) && /^\s*-|-\s*$/u.test(raw));
  const spaces = syllables.some((raw) => LETTER.test(raw) && /^\s|\s$/u.test(raw));
  let text = "";
  let length = 0;
  let previous: string | undefined;
  const starts = syllables.map((raw) => {
    const content = raw
      .trim()
      .replace(/^-+|-+$/gu, "")
      .trim();
    if (!LETTER.test(content)) return null;
    if (previous !== undefined) {
      const continues = /-\s*$/u.test(previous) || /^\s*-/u.test(raw);
      const breaks = /\s$/u.test(previous) || /^\s/u.test(raw);
      // An unmarked boundary follows the line's convention: a word break where hyphens mark what
      // continues, inside a word where spaces mark what ends.
      if (!continues && (breaks || hyphens || !spaces)) {
        text += " ";
        length++;
      }
    }
    const characters = Array.from(content);
    const start = length + characters.findIndex((character) => LETTER.test(character)) + 1;
    text += content;
    length += characters.length;
    previous = raw;
    return start;
  });
  return { text, starts };
}

/** Moves an espeak text position to the word's first letter, as note starts are. */
function normalize(codePoints: readonly string[], position: number): number {
  let p = position;
  while (p <= codePoints.length && !LETTER.test(codePoints[p - 1] ?? "")) p++;
  return p;
}

export function alignSyllables(syllables: readonly Syllable[], line: LineText): Unit[] {
  const codePoints = Array.from(line.text);
  const wordStarts = new Set(syllables.flatMap(phonesOf).map((phone) => normalize(codePoints, phone.word)));

  // Groups split where a note and an espeak word begin together; inside a group the counts may differ.
  const groups: { start: number; notes: number[]; syllables: Syllable[] }[] = [];
  line.starts.forEach((start, note) => {
    const last = groups[groups.length - 1];
    if (start !== null && (!last || wordStarts.has(start))) groups.push({ start, notes: [note], syllables: [] });
    else if (last) last.notes.push(note);
    else groups.push({ start: 1, notes: [note], syllables: [] });
  });
  for (const syllable of syllables) {
    const position = normalize(codePoints, syllable.nucleus.word);
    const group = groups.findLast((g) => g.start <= position) ?? groups[0];
    group?.syllables.push(syllable);
  }
  // A group espeak said nothing for is sung on its neighbour's syllable.
  for (let g = 0; g < groups.length; g++) {
    if (groups[g]!.syllables.length > 0 || groups.length === 1) continue;
    const into = groups[g > 0 ? g - 1 : g + 1]!;
    into.notes = [...into.notes, ...groups[g]!.notes].sort((a, b) => a - b);
    groups.splice(g--, 1);
  }

  return groups.flatMap((group, g) => {
    if (group.syllables.length === 0) return [];
    // Notes written as continuations ("_") stay with the note before them, whatever espeak said.
    const anchors: number[][] = [];
    for (const note of group.notes) {
      if (line.starts[note] != null || anchors.length === 0) anchors.push([note]);
      else anchors[anchors.length - 1]!.push(note);
    }
    const k = group.syllables.length;
    if (k < anchors.length) {
      // Fewer syllables than notes: the last one is carried over the rest, which is where a dropped
      // final mute e ("an-né-e") leaves its note.
      return group.syllables.map((syllable, i) => ({
        notes: (i < k - 1 ? anchors.slice(i, i + 1) : anchors.slice(i)).flat(),
        syllables: [syllable],
      }));
    }
    // More syllables than notes: each goes to the note it falls under, notes placed by their letters and
    // syllables by their vowel's place among the group's phones (both from 0 to 1 across the word).
    const end = groups[g + 1]?.start ?? codePoints.length + 1;
    const starts = anchors.map(([note]) => line.starts[note!] ?? group.start);
    const notePositions = starts.map(
      (from, i) => ((from + (starts[i + 1] ?? end)) / 2 - group.start) / (end - group.start),
    );
    const phones = group.syllables.flatMap(phonesOf);
    const syllablePositions = group.syllables.map(
      (syllable) => (phones.indexOf(syllable.nucleus) + 0.5) / phones.length,
    );
    return partition(syllablePositions, notePositions).map(([from, to], i) => ({
      notes: anchors[i]!,
      syllables: group.syllables.slice(from, to),
    }));
  });
}

const phonesOf = (syllable: Syllable) => [...syllable.onset, syllable.nucleus, ...syllable.coda];

/** Splits `many` (positions, in order) into `few.length` consecutive non-empty runs, run i going with
 * few[i], keeping each element as close as it can to its partner (least squares). */
function partition(many: readonly number[], few: readonly number[]): [number, number][] {
  const cost = Array.from({ length: few.length + 1 }, () => new Float64Array(many.length + 1).fill(Infinity));
  const cut = Array.from({ length: few.length + 1 }, () => new Int32Array(many.length + 1));
  cost[0]![0] = 0;
  for (let j = 1; j <= few.length; j++) {
    for (let i = j; i <= many.length - (few.length - j); i++) {
      for (let k = j - 1; k < i; k++) {
        let total = cost[j - 1]![k]!;
        for (let x = k; x < i; x++) total += (many[x]! - few[j - 1]!) ** 2;
        if (total < cost[j]![i]! - 1e-12) {
          cost[j]![i] = total;
          cut[j]![i] = k;
        }
      }
    }
  }
  const runs: [number, number][] = [];
  for (let j = few.length, i = many.length; j > 0; j--) {
    const k = cut[j]![i]!;
    runs.unshift([k, i]);
    i = k;
  }
  return runs;
}
