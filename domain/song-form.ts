import type { SectionKind } from "./values";

// The shape of a song of a given length: which sections it sings, in order, and how many lines
// each has. The lyrics writers write exactly this, and the engine sings every line of it in the
// asked duration; custom lyrics are checked against the same capacity before anything is charged.

export interface FormSection {
  kind: SectionKind;
  lines: number;
}

/**
 * The sung sections of a song of `durationSeconds`, in order (instrumental bars are the engine's).
 * Sized so that lines of up to about ten syllables are sung in every style no faster than spoken,
 * the name held in each chorus, and, from a minute on, the lines fill most of the song
 * (engine/src/arranger/form.test.ts checks every style at 30, 60, 120 and 180 s).
 */
export function songForm(durationSeconds: number): FormSection[] {
  const verse = { kind: "verse", lines: 4 } as const;
  const chorus = { kind: "chorus", lines: 4 } as const;
  const bridge = { kind: "bridge", lines: 4 } as const;
  if (durationSeconds <= 45)
    return [
      { kind: "verse", lines: 2 },
      { kind: "chorus", lines: 2 },
    ];
  if (durationSeconds <= 90) return [{ kind: "verse", lines: 2 }, chorus, { kind: "verse", lines: 2 }, chorus];
  if (durationSeconds <= 150) return [verse, chorus, verse, chorus, bridge, chorus];
  return [verse, chorus, verse, chorus, bridge, chorus, chorus];
}

/** How many lyric lines a song of `durationSeconds` can sing at a pace people can follow. */
export function maxSungLines(durationSeconds: number): number {
  return songForm(durationSeconds).reduce((sum, s) => sum + s.lines, 0);
}
