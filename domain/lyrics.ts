import { z } from "zod";
import { languages, sectionKinds, vocals } from "./values";

/**
 * Lyrics as the product keeps them: titled sections of lines, in singing order. The bounds are the
 * most any engine is sent (the engine gateway refuses more) and far more than a song sings.
 */
export const lyricsSchema = z.object({
  title: z.string().max(200),
  sections: z.array(z.object({ kind: z.enum(sectionKinds), lines: z.array(z.string().max(300)).max(40) })).max(24),
});
export type Lyrics = z.infer<typeof lyricsSchema>;
export type LyricsSection = Lyrics["sections"][number];

/** When one lyric line is sung: its section and line index in the lyrics, in seconds from the start. */
export const lineTimingSchema = z.object({ section: z.int(), line: z.int(), startSec: z.number(), endSec: z.number() });
export type LineTiming = z.infer<typeof lineTimingSchema>;

/** What a person told us about the song they want, from which lyrics are written. */
export const songContextSchema = z.object({
  occasion: z.string().max(200),
  recipientName: z.string().max(60),
  relationship: z.string().max(80).optional(),
  details: z.array(z.string().max(200)).max(6),
  language: z.enum(languages),
  styleTags: z.array(z.string().max(40)).max(6),
  mood: z.string().max(40).optional(),
  vocal: z.enum(vocals),
  durationSeconds: z.number(),
});
export type SongContext = z.infer<typeof songContextSchema>;
