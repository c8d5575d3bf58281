// The home page's samples: one French and one English song of about 30 s, written by the built-in lyrics
// writer and made by the built-in engine, exactly as an order would be, with the lines the engine sang and
// when. Bundled and run by scripts/samples.mjs (the engine's threads and singer need built JavaScript).
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Language } from "../db/enums";
import { renderSong } from "../engine/src/pipeline/render";
import { closeSinger } from "../engine/src/voice/sing";
import type { SongContext } from "../providers/contract";

const briefs: Record<Language, Omit<SongContext, "language" | "durationSeconds">> = {
  fr: {
    occasion: "anniversaire",
    recipientName: "Camille",
    relationship: "ma sœur",
    details: ["elle fait du vélo le dimanche", "elle rit de tout"],
    styleTags: ["pop"],
    vocal: "female",
    mood: "joyeux",
  },
  en: {
    occasion: "birthday",
    recipientName: "Sam",
    relationship: "my best friend",
    details: ["he bakes bread on Sundays", "he sings in the car"],
    styleTags: ["folk"],
    vocal: "male",
    mood: "joyful",
  },
};

export async function renderSamples(outDir: string, durationSeconds = 30, seed = 11): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  try {
    for (const language of ["fr", "en"] as const) {
      const context: SongContext = { ...briefs[language], language, durationSeconds };
      const result = await renderSong({
        lyrics: null,
        context,
        styleTags: context.styleTags,
        durationSeconds,
        vocal: context.vocal,
        language,
        seed,
        ...(context.mood ? { mood: context.mood } : {}),
      });
      if (!result.lyrics) throw new Error(`the ${language} sample has no lyrics`);
      const audio = `sample-${language}.mp3`;
      await writeFile(join(outDir, audio), result.mp3);
      const sample = {
        language,
        title: result.lyrics.title,
        audio: `/samples/${audio}`,
        durationSeconds: Math.round(result.durationSeconds * 100) / 100,
        style: result.style,
        lyrics: result.lyrics,
        timings: result.timings.map((t) => ({
          ...t,
          startSec: Math.round(t.startSec * 1000) / 1000,
          endSec: Math.round(t.endSec * 1000) / 1000,
        })),
      };
      await writeFile(join(outDir, `sample-${language}.json`), `${JSON.stringify(sample, null, 1)}\n`);
      written.push(audio, `sample-${language}.json`);
    }
  } finally {
    await closeSinger();
  }
  return written;
}
