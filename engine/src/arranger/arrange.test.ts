import { BasicMIDI } from "spessasynth_core";
import { describe, expect, it } from "vitest";
import type { Lyrics } from "../../../domain/lyrics";
import type { RenderRequest } from "../pipeline/contract";
import { arrangementToMidi } from "../synth/midi";
import { arrange, vocalRanges } from "./arrange";
import { LyricsTooLongError } from "./form";
import { styleIds, styles } from "./styles";
import { syllabifyLine, syllabifyLineForSinging } from "./syllables";
import { type Arrangement, ppq } from "./types";

const frenchLyrics: Lyrics = {
  title: "Maëlys",
  sections: [
    {
      kind: "verse",
      lines: [
        "Aujourd'hui c'est ton anniversaire",
        "Maëlys on chante pour toi",
        "Les bougies brillent dans la lumière",
        "Et tout le monde est là",
      ],
    },
    {
      kind: "chorus",
      lines: [
        "Joyeux anniversaire ma belle",
        "Que la vie te sourie toujours",
        "Joyeux anniversaire ma belle",
        "Avec tout notre amour",
      ],
    },
    {
      kind: "verse",
      lines: [
        "On se souvient de tes premiers pas",
        "De tes rires dans le jardin",
        "Aujourd'hui tu grandis déjà",
        "Et tu tiens nos mains",
      ],
    },
    {
      kind: "chorus",
      lines: [
        "Joyeux anniversaire ma belle",
        "Que la vie te sourie toujours",
        "Joyeux anniversaire ma belle",
        "Avec tout notre amour",
      ],
    },
  ],
};

const englishLyrics: Lyrics = {
  title: "Sam",
  sections: [
    { kind: "verse", lines: ["Every morning you were singing", "Little songs about the sea"] },
    { kind: "pre-chorus", lines: ["And now the lights are shining", "For you and me"] },
    { kind: "chorus", lines: ["Happy birthday, my dear Sam", "This is your day"] },
    { kind: "bridge", lines: ["Years go by like summer rain"] },
    { kind: "chorus", lines: ["Happy birthday, my dear Sam", "This is your day"] },
  ],
};

const request = (overrides: Partial<RenderRequest> = {}): RenderRequest => ({
  lyrics: frenchLyrics,
  styleTags: ["pop"],
  durationSeconds: 90,
  vocal: "female",
  language: "fr",
  seed: 11,
  pronunciations: { Maëlys: "ma-é-liss" },
  ...overrides,
});

const make = (overrides: Partial<RenderRequest> = {}) => {
  const r = request(overrides);
  return arrange(r, r.lyrics);
};

const barSec = (a: Arrangement) => (a.beatsPerBar * 60) / a.tempo;

function linesOf(a: Arrangement): Arrangement["sung"][] {
  const lines = new Map<number, Arrangement["sung"]>();
  for (const n of a.sung) lines.set(n.line, [...(lines.get(n.line) ?? []), n]);
  return [...lines.values()];
}

describe("the sung melody", () => {
  it("has one note per syllable, in order, with the pronunciation's syllables", () => {
    const a = make();
    let line = 0;
    for (const section of frenchLyrics.sections) {
      for (const text of section.lines) {
        const notes = a.sung.filter((n) => n.line === line);
        // Marked for the singer: a syllable that continues its word ends with "-".
        expect(notes.map((n) => n.syllable)).toEqual(syllabifyLineForSinging(text, "fr", { Maëlys: "ma-é-liss" }));
        expect(notes.map((n) => n.syllable.replace(/-$/, ""))).toEqual(
          syllabifyLine(text, "fr", { Maëlys: "ma-é-liss" }),
        );
        for (let i = 1; i < notes.length; i++)
          expect(notes[i]!.startSec).toBeGreaterThanOrEqual(notes[i - 1]!.startSec + notes[i - 1]!.durationSec - 1e-6);
        line++;
      }
    }
    expect(a.sung.filter((n) => n.syllable === "liss")).toHaveLength(1);
  });

  it("ends each line on a held note and stays in the voice's range", () => {
    for (const vocal of ["female", "male"] as const) {
      const a = make({ vocal });
      const [low, high] = vocalRanges[vocal];
      for (const n of a.sung) {
        expect(n.midi).toBeGreaterThanOrEqual(low);
        expect(n.midi).toBeLessThanOrEqual(high);
      }
      for (const notes of linesOf(a)) {
        const last = notes[notes.length - 1]!;
        const shortest = Math.min(...notes.map((n) => n.durationSec));
        expect(last.durationSec).toBeGreaterThan(shortest);
      }
    }
  });

  it("moves mostly by step", () => {
    const a = make({ styleTags: ["ballad"] });
    const intervals = linesOf(a).flatMap((notes) => notes.slice(1).map((n, i) => Math.abs(n.midi - notes[i]!.midi)));
    expect(intervals.filter((i) => i <= 2).length / intervals.length).toBeGreaterThan(0.6);
    expect(Math.max(...intervals)).toBeLessThanOrEqual(9);
  });

  it("times each lyric line where its notes are", () => {
    const a = make({ lyrics: englishLyrics, language: "en" });
    expect(a.lines).toHaveLength(englishLyrics.sections.reduce((n, s) => n + s.lines.length, 0));
    for (const timing of a.lines) {
      expect(timing.endSec).toBeGreaterThan(timing.startSec);
      expect(timing.endSec).toBeLessThanOrEqual(a.durationSec);
    }
    const starts = a.lines.map((l) => l.startSec);
    expect([...starts].sort((x, y) => x - y)).toEqual(starts);
    expect(a.lines[0]).toMatchObject({ section: 0, line: 0 });
    expect(a.lines[a.lines.length - 1]).toMatchObject({ section: 4, line: 1 });
  });
});

describe("verse and chorus", () => {
  it("differ in harmony, register and drums", () => {
    const a = make();
    const verse = a.sections.find((s) => s.kind === "verse")!;
    const chorus = a.sections.find((s) => s.kind === "chorus")!;
    const within = (s: (typeof a.sections)[number], sec: number) =>
      sec >= s.startSec && sec < s.startSec + s.bars * barSec(a);
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    const verseNotes = a.sung.filter((n) => within(verse, n.startSec));
    const chorusNotes = a.sung.filter((n) => within(chorus, n.startSec));
    expect(mean(chorusNotes.map((n) => n.midi))).toBeGreaterThan(mean(verseNotes.map((n) => n.midi)) + 2);

    const ticksPerBar = ppq * a.beatsPerBar;
    const drumsPerBar = (s: (typeof a.sections)[number]) =>
      a.parts
        .find((p) => p.role === "drums")!
        .notes.filter((n) => n.tick >= s.startBar * ticksPerBar && n.tick < (s.startBar + s.bars) * ticksPerBar)
        .length / s.bars;
    expect(drumsPerBar(chorus)).toBeGreaterThan(drumsPerBar(verse));

    const bassPitches = (s: (typeof a.sections)[number]) =>
      a.parts
        .find((p) => p.role === "bass")!
        .notes.filter(
          (n) =>
            n.tick >= s.startBar * ticksPerBar && n.tick < (s.startBar + 4) * ticksPerBar && n.tick % ticksPerBar < 20,
        )
        .map((n) => n.pitch % 12);
    expect(bassPitches(chorus)).not.toEqual(bassPitches(verse));
  });

  it("repeats the chorus tune when the chorus comes back", () => {
    const a = make();
    const choruses = a.sections.filter((s) => s.kind === "chorus");
    const tune = (s: (typeof a.sections)[number]) =>
      a.sung
        .filter((n) => n.startSec >= s.startSec && n.startSec < s.startSec + s.bars * barSec(a))
        .map((n) => [n.midi, +(n.startSec - s.startSec).toFixed(3)]);
    expect(tune(choruses[1]!)).toEqual(tune(choruses[0]!));
  });
});

describe("the form", () => {
  it.each(styleIds)("%s fills the asked duration on whole bars", (style) => {
    for (const [lyrics, durationSeconds] of [
      [frenchLyrics, 90],
      [frenchLyrics, 120],
      [null, 30],
      [null, 47],
      [null, 180],
    ] as const) {
      const a = make({ styleTags: [style], lyrics, durationSeconds, vocal: lyrics ? "female" : "instrumental" });
      expect(a.durationSec).toBe(durationSeconds);
      let bar = 0;
      for (const s of a.sections) {
        expect(s.startBar).toBe(bar);
        expect(s.startSec).toBeCloseTo(s.startBar * barSec(a), 6);
        bar += s.bars;
      }
      expect(bar).toBe(a.totalBars);
      const tail = durationSeconds - a.totalBars * barSec(a);
      expect(tail).toBeGreaterThan(0.9);
      expect(tail).toBeLessThan(2 + barSec(a));
      const [slow, fast] = styles[style].tempo;
      expect(a.tempo).toBeGreaterThan(slow * 0.85);
      expect(a.tempo).toBeLessThan(fast * 1.35);
      expect(a.sections[0]!.kind).toBe("intro");
      expect(a.sections[a.sections.length - 1]!.kind).toBe("ending");
    }
  });

  it("keeps the lyrics' sections in their order, between an intro and an ending", () => {
    const a = make({ lyrics: englishLyrics, language: "en", durationSeconds: 100 });
    expect(a.sections.filter((s) => s.lyricSection !== null).map((s) => s.kind)).toEqual(
      englishLyrics.sections.map((s) => s.kind),
    );
    expect(a.sections.filter((s) => s.lyricSection !== null).map((s) => s.lyricSection)).toEqual([0, 1, 2, 3, 4]);
  });

  it("builds a verse/chorus form for an instrumental", () => {
    const a = make({ lyrics: null, vocal: "instrumental", durationSeconds: 120 });
    const kinds = a.sections.map((s) => s.kind);
    expect(kinds).toContain("verse");
    expect(kinds).toContain("chorus");
    expect(a.sung).toEqual([]);
    expect(a.parts.find((p) => p.role === "lead")!.notes.length).toBeGreaterThan(20);
  });

  it("honours an asked tempo and key", () => {
    const a = make({ tempo: 100, key: "F#m" });
    expect(a.tempo).toBeCloseTo(100, 3);
    expect(a.keyName).toBe("F#m");
    expect(make({ key: "Bb" }).keyName).toBe("Bb");
  });

  it("sings every line it is given, and refuses words that cannot fit rather than leaving some out", () => {
    const a = make({ durationSeconds: 75 });
    expect(a.lyrics).toEqual(frenchLyrics);
    expect(a.lines.map((t) => [t.section, t.line])).toEqual(
      frenchLyrics.sections.flatMap((s, i) => s.lines.map((_, l) => [i, l])),
    );
    expect(() => make({ durationSeconds: 30 })).toThrow(LyricsTooLongError);
    const long: Lyrics = {
      title: "x",
      sections: [
        { kind: "chorus", lines: Array.from({ length: 4 }, () => "Joyeux anniversaire à toi notre belle princesse") },
      ],
    };
    expect(() => make({ lyrics: long, durationSeconds: 8 })).toThrow(LyricsTooLongError);
  });

  it("times lines by their place in the lyrics, empty sections included", () => {
    const lyrics: Lyrics = { title: "x", sections: [{ kind: "verse", lines: [] }, ...englishLyrics.sections] };
    const a = make({ lyrics, language: "en", durationSeconds: 100 });
    expect(a.lines[0]).toMatchObject({ section: 1, line: 0 });
    expect(a.lines[a.lines.length - 1]).toMatchObject({ section: 5, line: 1 });
  });
});

describe("the arrangement", () => {
  it("is the same for the same seed and changes with the seed", () => {
    expect(make()).toEqual(make());
    expect(JSON.stringify(make({ seed: 12 }))).not.toBe(JSON.stringify(make()));
  });

  it.each(styleIds)("%s writes valid MIDI parts, drums on channel 10", async (style) => {
    const a = make({ styleTags: [style], durationSeconds: 60, lyrics: null, vocal: "instrumental" });
    expect(a.parts.find((p) => p.role === "drums")?.channel).toBe(9);
    expect(a.parts.filter((p) => p.role !== "drums").every((p) => p.channel !== 9)).toBe(true);
    for (const part of a.parts) {
      expect(part.notes.length).toBeGreaterThan(0);
      for (const n of part.notes) {
        expect(n.pitch).toBeGreaterThanOrEqual(0);
        expect(n.pitch).toBeLessThanOrEqual(127);
        expect(n.velocity).toBeGreaterThanOrEqual(1);
        expect(n.velocity).toBeLessThanOrEqual(127);
        expect(n.endTick).toBeGreaterThan(n.tick);
      }
    }
    const midi = BasicMIDI.fromArrayBuffer((await arrangementToMidi(a)).slice().buffer);
    expect(midi.format).toBe(1);
    expect(midi.tracks).toHaveLength(a.parts.length + 1);
    expect(midi.timeDivision).toBe(ppq);
    expect(midi.duration).toBeGreaterThan(a.durationSec - 3);
    expect(midi.duration).toBeLessThanOrEqual(a.durationSec);
  });
});

describe("very short songs", () => {
  it.each([5, 7, 10])("an instrumental of %i s still has an intro and an ending", (durationSeconds) => {
    const a = make({ lyrics: null, vocal: "instrumental", durationSeconds });
    expect(a.durationSec).toBe(durationSeconds);
    expect(a.sections.map((s) => s.kind)).toEqual(expect.arrayContaining(["intro", "ending"]));
  });
});
