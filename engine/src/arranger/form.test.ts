import { describe, expect, it } from "vitest";
import { maxSungLines, songForm } from "../../../domain/song-form";
import { formLyrics } from "../../test-helpers/song-lyrics";
import { arrange } from "./arrange";
import { styleIds } from "./styles";

// The plan of every style at the lengths people order, with lyrics of exactly the form the writer
// writes: every line sung once, in order, inside the audio, at a pace people can follow.
const durations = [30, 60, 120, 180];
const cases = (["fr", "en"] as const).flatMap((language) =>
  durations.flatMap((d) => styleIds.map((style) => [style, language, d] as const)),
);

describe("the song form", () => {
  it.each(cases)(
    "%s in %s, %i s: sings every line once, in order, the name held, the time filled",
    (style, language, durationSeconds) => {
      const lyrics = formLyrics(language, durationSeconds, "Maëlys");
      const a = arrange({ lyrics, styleTags: [style], durationSeconds, vocal: "female", language, seed: 7 }, lyrics);
      expect(a.lines.map((t) => `${t.section}:${t.line}`)).toEqual(
        lyrics.sections.flatMap((s, i) => s.lines.map((_, l) => `${i}:${l}`)),
      );
      for (const [i, t] of a.lines.entries()) {
        expect(t.startSec).toBeGreaterThan(0);
        expect(t.endSec).toBeGreaterThan(t.startSec);
        expect(t.endSec).toBeLessThanOrEqual(durationSeconds - 1);
        if (i > 0) expect(t.startSec).toBeGreaterThanOrEqual(a.lines[i - 1]!.endSec);
      }
      // Syllables no quicker on average than espeak says the same line (6–7 a second in French, 4.5–6.5 in English).
      const byLine = new Map<number, typeof a.sung>();
      for (const n of a.sung) byLine.set(n.line, [...(byLine.get(n.line) ?? []), n]);
      for (const notes of byLine.values()) {
        const span = notes[notes.length - 1]!.startSec - notes[0]!.startSec;
        expect(span / (notes.length - 1)).toBeGreaterThanOrEqual(language === "fr" ? 0.17 : 0.2);
      }
      // The name's syllables are held in every chorus.
      const choruses = lyrics.sections.flatMap((s, i) => (s.kind === "chorus" ? [i] : []));
      const nameNotes = a.lines.flatMap((t, line) =>
        choruses.includes(t.section) && lyrics.sections[t.section]!.lines[t.line]!.includes("Maëlys")
          ? [byLine.get(line)!.slice(-3)]
          : [],
      );
      expect(nameNotes.length).toBeGreaterThanOrEqual(choruses.length);
      for (const notes of nameNotes) for (const n of notes) expect(n.durationSec).toBeGreaterThanOrEqual(0.36);
      if (durationSeconds < 60) return;
      // From a minute on, the lines fill the song: breaks are short, apart from the intro, the ending and one solo.
      const introEnd = a.sections[1]!.startSec;
      const sung = a.lines.reduce((sum, t) => sum + t.endSec - t.startSec, 0);
      expect(sung / (durationSeconds - introEnd)).toBeGreaterThanOrEqual(0.68);
      const breaks = a.lines.slice(1).map((t, i) => ({
        sec: t.startSec - a.lines[i]!.endSec,
        solo: a.sections.some(
          (s) => s.kind === "solo" && s.startSec >= a.lines[i]!.endSec - 1e-6 && s.startSec < t.startSec,
        ),
      }));
      expect(breaks.filter((b) => b.sec > 20 && !b.solo)).toEqual([]);
      expect(a.sections.filter((s) => s.kind === "solo").length).toBeLessThanOrEqual(1);
    },
  );

  it("counts the lines it sings", () => {
    for (const d of durations) expect(maxSungLines(d)).toBe(songForm(d).reduce((n, s) => n + s.lines, 0));
    expect(durations.map(maxSungLines)).toEqual([4, 12, 24, 28]);
  });
});
