import { describe, expect, it } from "vitest";
import { countSyllables, rhymes } from "../../domain/builtin-lyrics/prosody";
import { songForm } from "../../domain/song-form";
import { type Lyrics, ProviderError, type SongContext } from "../contract";
import { BuiltinLyricsWriter, builtinLyricsWriter } from "./builtin";

function context(overrides: Partial<SongContext>): SongContext {
  return {
    occasion: "birthday",
    recipientName: "Marie",
    details: [],
    language: "en",
    styleTags: ["pop"],
    vocal: "female",
    durationSeconds: 150,
    ...overrides,
  };
}

const cases: SongContext[] = [
  context({
    language: "fr",
    occasion: "anniversaire",
    recipientName: "Marie",
    mood: "joyeux",
    details: ["elle fait du surf chaque matin", "son chat s'appelle Moustache", "notre voyage à Lisbonne"],
  }),
  context({
    language: "fr",
    occasion: "Noël",
    recipientName: "Maëlys",
    mood: "nostalgique",
    details: ["elle chante faux sous la douche", "ses crêpes du dimanche"],
  }),
  context({
    language: "fr",
    occasion: "mariage",
    recipientName: "Zoé et Paul",
    mood: "romantique",
    details: ["ils se sont rencontrés à Lyon", "leur chien Biscuit"],
  }),
  context({
    language: "fr",
    occasion: "fête des mères",
    recipientName: "Maman",
    mood: "tendre",
    details: ["tu nous lisais des histoires le soir", "ton gâteau au chocolat"],
  }),
  context({
    language: "fr",
    occasion: "retraite",
    recipientName: "Jean-Baptiste",
    mood: "drôle",
    details: ["il arrivait toujours le premier au bureau", "ses blagues à la machine à café"],
  }),
  context({
    language: "fr",
    occasion: "naissance",
    recipientName: "Zoé",
    mood: "calme",
    details: ["tu es née un mardi de printemps", "ta grande sœur t'attendait"],
  }),
  context({
    language: "en",
    occasion: "birthday",
    recipientName: "Maëlys",
    mood: "funny",
    details: ["she surfs every morning", "our trip to Rome", "she burns every pancake"],
  }),
  context({
    language: "en",
    occasion: "wedding",
    recipientName: "Emma and Liam",
    mood: "romantic",
    details: ["they met at a bus stop in the rain", "their dog Biscuit"],
  }),
  context({
    language: "en",
    occasion: "graduation",
    recipientName: "Christopher",
    mood: "energetic",
    details: ["you studied every night", "the coffee machine in the library"],
  }),
  context({
    language: "en",
    occasion: "Father's Day",
    recipientName: "Dad",
    mood: "nostalgic",
    details: ["he taught me to ride a bike", "our Sunday fishing trips"],
  }),
  context({
    language: "en",
    occasion: "friendship",
    recipientName: "Zoé",
    mood: "calm",
    details: ["we met in kindergarten", "she always saves me the last slice"],
  }),
  context({
    language: "en",
    occasion: "thank you",
    recipientName: "Grace",
    details: ["you drove me to the hospital at 3am", "your soup when I was sick"],
  }),
];

const allLines = (lyrics: Lyrics): string[] => [lyrics.title, ...lyrics.sections.flatMap((s) => s.lines)];

/** The last two words of a detail, which any rewording for the song's person keeps (its apostrophes typeset). */
const ending = (detail: string): string => detail.toLowerCase().replace(/'/g, "’").split(" ").slice(-2).join(" ");

/** The better of AABB and ABAB for one four-line section: rhyming pairs, out of two. */
function rhymePairs(lines: string[], language: SongContext["language"]): { rhyming: number; total: number } {
  const [a, b, c, d] = lines as [string, string, string, string];
  const aabb = Number(rhymes(a, b, language)) + Number(rhymes(c, d, language));
  const abab = Number(rhymes(a, c, language)) + Number(rhymes(b, d, language));
  return { rhyming: Math.max(aabb, abab), total: 2 };
}

describe("BuiltinLyricsWriter", () => {
  it("is the builtin writer", () => {
    expect(builtinLyricsWriter.id).toBe("builtin");
  });

  for (const ctx of cases) {
    describe(`${ctx.language} ${ctx.occasion} for ${ctx.recipientName}`, () => {
      it("has the song form of its length, the name in the chorus and the story details", async () => {
        const lyrics = await builtinLyricsWriter.writeLyrics(ctx);
        expect(lyrics.sections.map((s) => ({ kind: s.kind, lines: s.lines.length }))).toEqual(
          songForm(ctx.durationSeconds),
        );
        expect(lyrics.title).toContain(ctx.recipientName);

        for (const chorus of lyrics.sections.filter((s) => s.kind === "chorus"))
          expect(chorus.lines.join("\n")).toContain(ctx.recipientName);

        // A detail is said again for the song's point of view ("elle fait" → "tu fais"): its last words stay.
        const text = allLines(lyrics).join("\n").toLowerCase();
        const quoted = ctx.details.filter((d) => text.includes(ending(d)));
        expect(quoted.length, text).toBeGreaterThanOrEqual(2);

        for (const line of allLines(lyrics)) {
          expect(line).not.toMatch(/[{}]|undefined|null|\s{2}/);
          expect(line.trim()).toBe(line);
          expect(line.charAt(0)).toBe(line.charAt(0).toUpperCase());
        }
      });

      it("keeps the chorus lines within a syllable of one target and the other lines even", async () => {
        const lyrics = await builtinLyricsWriter.writeLyrics(ctx);
        for (const section of lyrics.sections) {
          // Detail lines quote the person's words and may run longer; every other line keeps the target.
          const lines = section.lines.filter(
            (line) => !ctx.details.some((d) => line.toLowerCase().includes(ending(d))),
          );
          const counts = lines.map((line) => countSyllables(line, ctx.language));
          expect(
            Math.max(...counts) - Math.min(...counts),
            `${section.kind}: ${lines.join(" / ")}`,
          ).toBeLessThanOrEqual(2);
        }
      });

      it("is deterministic, and another seed gives another draft", async () => {
        const first = await builtinLyricsWriter.writeLyrics(ctx);
        const reordered = Object.fromEntries(Object.entries(ctx).reverse()) as unknown as SongContext;
        expect(await new BuiltinLyricsWriter().writeLyrics(reordered)).toEqual(first);
        const other = await builtinLyricsWriter.writeLyrics(ctx, { seed: 1 });
        expect(other).not.toEqual(first);
        expect(await new BuiltinLyricsWriter({ seed: 1 }).writeLyrics(ctx)).toEqual(other);
      });
    });
  }

  it("rhymes at least 90% of its couplets across drafts", async () => {
    let rhyming = 0;
    let total = 0;
    for (const ctx of cases) {
      for (const seed of [0, 1, 2]) {
        const lyrics = await builtinLyricsWriter.writeLyrics(ctx, { seed });
        for (const section of lyrics.sections) {
          const pairs = rhymePairs(section.lines, ctx.language);
          rhyming += pairs.rhyming;
          total += pairs.total;
        }
      }
    }
    expect(rhyming / total).toBeGreaterThanOrEqual(0.9);
  });

  it("serves every occasion and mood in both languages, with or without details", async () => {
    const occasions = [
      "birthday",
      "wedding",
      "anniversary",
      "christmas",
      "mother's day",
      "father's day",
      "graduation",
      "friendship",
      "love",
      "thanks",
      "retirement",
      "birth",
      "just because",
    ];
    const moods = ["joyful", "tender", "nostalgic", "funny", "energetic", "calm", undefined];
    const names = ["Zoé", "Marie-Christine", "Al", "Maximilien"];
    let i = 0;
    for (const language of ["fr", "en"] as const) {
      for (const occasion of occasions) {
        const mood = moods[i % moods.length];
        const recipientName = names[i % names.length]!;
        const details = i % 3 === 0 ? [] : ["we laughed all night"];
        i++;
        const lyrics = await builtinLyricsWriter.writeLyrics(
          context({ language, occasion, recipientName, details, ...(mood ? { mood } : {}) }),
        );
        const chorus = lyrics.sections[1]!.lines;
        expect(chorus.join(" "), chorus.join(" / ")).toContain(recipientName);
        const counts = chorus.map((l) => countSyllables(l, language));
        expect(Math.max(...counts) - Math.min(...counts), chorus.join(" / ")).toBeLessThanOrEqual(2);
      }
    }
  });

  it("sings a birthday's age in words, in the title and, from 60 s, in the chorus", async () => {
    const briefs = [
      { language: "fr", occasion: "Les 30 ans de Marie, qui surfe à Biarritz", age: "trente ans" },
      { language: "fr", occasion: "pour ses 71 ans", relationship: "ma grand-mère", age: "soixante et onze ans" },
      { language: "fr", occasion: "ses 50 ans", relationship: "ma mère", age: "cinquante ans" },
      { language: "en", occasion: "her 40th", age: "forty" },
      { language: "en", occasion: "Tom's 18th", relationship: "my brother", recipientName: "Tom", age: "eighteen" },
      {
        language: "en",
        occasion: "Dad is turning 65",
        relationship: "my dad",
        recipientName: "José",
        age: "sixty-five",
      },
    ] as const;
    for (const { age, ...brief } of briefs) {
      // A 30 s chorus has two lines, the name's and the relationship's: its age is in the title only.
      for (const durationSeconds of [30, 60, 150]) {
        for (const seed of [0, 1, 2, 3]) {
          const lyrics = await new BuiltinLyricsWriter({ seed }).writeLyrics(context({ ...brief, durationSeconds }));
          const chorus = lyrics.sections.find((section) => section.kind === "chorus")!.lines.join(" / ");
          const label = `${brief.occasion}, ${durationSeconds} s, seed ${seed}: ${lyrics.title} — ${chorus}`;
          expect(lyrics.title.toLowerCase(), label).toContain(age.replace(" ans", ""));
          if (durationSeconds > 30) expect(chorus.toLowerCase(), label).toContain(age);
          // In words, so that the singer has a note for every syllable it says.
          expect(allLines(lyrics).join(" "), label).not.toMatch(/\d/);
        }
      }
    }
  });

  it("sings no age for a first birthday, which no line says right", async () => {
    for (const language of ["fr", "en"] as const) {
      const lyrics = await builtinLyricsWriter.writeLyrics(context({ language, occasion: "her 1st birthday" }));
      expect(allLines(lyrics).join(" ")).not.toMatch(/\b(un ans|one years?)\b/);
    }
  });

  it("elides French words before a vowel the way French is written", async () => {
    const vowels = context({
      language: "fr",
      occasion: "anniversaire",
      recipientName: "Marie",
      details: ["elle rit de tout", "elle fait du surf chaque matin", "un été à Biarritz"],
    });
    for (let seed = 0; seed < 200; seed++) {
      const lyrics = await new BuiltinLyricsWriter({ seed }).writeLyrics(vowels);
      const text = allLines(lyrics).join("\n");
      expect(text).not.toMatch(/\bq'/);
      expect(text).not.toMatch(/\b(que|de) [aeiouyéèêh]/i);
    }
  });

  it("gives a 30 s song the person's story as well as who they are to the singer", async () => {
    // Four lines: the chorus names them and says the relationship, which leaves the verse to a detail.
    const short = [
      context({
        language: "fr",
        occasion: "anniversaire",
        relationship: "ma sœur",
        details: ["elle fait du surf chaque matin", "elle rit de tout"],
        durationSeconds: 30,
      }),
      context({
        relationship: "my dad",
        recipientName: "José",
        details: ["he bakes bread on Sundays"],
        durationSeconds: 30,
      }),
    ];
    for (const ctx of short) {
      for (const seed of [0, 1, 2]) {
        const text = allLines(await new BuiltinLyricsWriter({ seed }).writeLyrics(ctx))
          .join("\n")
          .toLowerCase();
        expect(text, text).toContain(ctx.relationship!.split(" ").at(-1));
        expect(
          ctx.details.some((d) => text.includes(ending(d))),
          text,
        ).toBe(true);
      }
    }
  });

  it("says vous to a couple in French", async () => {
    const lyrics = await builtinLyricsWriter.writeLyrics(cases[2]!);
    const words = lyrics.sections.flatMap((s) =>
      s.lines
        .join(" ")
        .toLowerCase()
        .split(/[^\p{L}]+/u),
    );
    expect(words.filter((w) => ["tu", "te", "t", "toi", "ton", "ta", "tes"].includes(w))).toEqual([]);
    expect(words).toContain("vous");
  });

  it("refuses a song without a name", async () => {
    const err = await builtinLyricsWriter.writeLyrics(context({ recipientName: "  " })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).kind).toBe("rejected");
  });
});
