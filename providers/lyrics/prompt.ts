import { z } from "zod";
import { parseLyricsText } from "../../domain/lyrics-text";
import { type Lyrics, ProviderError, type SongContext } from "../contract";
import { parseJson } from "../http";

// What every chat model is asked, and how its answer becomes Lyrics. Models are told to answer JSON,
// yet some wrap it in a code fence or ignore it and write tagged text: both are accepted.

export interface ChatMessage {
  role: "system" | "user";
  content: string;
}

/** The title of lyrics that came without one. */
export function fallbackTitle(context: SongContext): string {
  return context.language === "fr"
    ? `Chanson pour ${context.recipientName.trim()}`
    : `Song for ${context.recipientName.trim()}`;
}

const languageNames = { fr: "French", en: "English" } as const;

const system = [
  "You write lyrics for personalized songs that people give as gifts.",
  "Write in the requested language only, as a native songwriter would: natural, warm, singable, never embarrassing.",
  "Structure: [Verse 1], [Chorus], [Verse 2], [Chorus], [Bridge], [Chorus], each tag alone on its line; four lines per section.",
  "The chorus names the recipient at least twice.",
  "Use the story details the person gave in the verses, in their own words where possible.",
  "Keep the lines of a section about the same length in syllables, and rhyme them (AABB or ABAB).",
  'Answer with JSON only: {"title": string, "lyrics": string}, where lyrics holds the tagged text with \\n between lines.',
].join("\n");

export function lyricsMessages(context: SongContext): ChatMessage[] {
  const lines = [
    `Language: ${languageNames[context.language]}`,
    `Recipient's name: ${context.recipientName.trim()}`,
    context.relationship?.trim() ? `Who they are to the sender: ${context.relationship.trim()}` : "",
    `Occasion: ${context.occasion.trim()}`,
    context.mood?.trim() ? `Mood: ${context.mood.trim()}` : "",
    context.styleTags.length ? `Musical style: ${context.styleTags.join(", ")}` : "",
    `Sung by a ${context.vocal === "male" ? "male" : "female"} voice, about ${Math.round(context.durationSeconds)} seconds long.`,
    context.details.length ? `Story details:\n${context.details.map((d) => `- ${d.trim()}`).join("\n")}` : "",
  ];
  return [
    { role: "system", content: system },
    { role: "user", content: lines.filter(Boolean).join("\n") },
  ];
}

const answerSchema = z.object({
  title: z.string().nullish(),
  lyrics: z.union([z.string(), z.array(z.string()).transform((lines) => lines.join("\n"))]),
});

/** Models often fence JSON in ```json … ``` or add a sentence around it. */
function jsonPart(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text)?.[1];
  for (const candidate of [fenced, text, text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)]) {
    if (!candidate?.trim()) continue;
    const json = parseJson(candidate.trim());
    if (json.ok) return json.value;
  }
  return undefined;
}

const fold = (text: string): string => text.normalize("NFC").toLocaleLowerCase();

/** Lyrics the product can use, or "unavailable": another attempt or another writer may do better. */
export function parseLyricsAnswer(text: string, context: SongContext, engine: string): Lyrics {
  const answer = answerSchema.safeParse(jsonPart(text));
  const lyrics = answer.success
    ? parseLyricsText(answer.data.lyrics, answer.data.title?.trim() || fallbackTitle(context))
    : parseLyricsText(
        text.replace(/^\s*(title|titre)\s*:.*$/im, ""),
        /^\s*(?:title|titre)\s*:\s*(.+)$/im.exec(text)?.[1]?.trim() || fallbackTitle(context),
      );
  if (lyrics.sections.length === 0) throw new ProviderError("unavailable", `${engine}: the answer holds no lyrics`);
  if (!lyrics.sections.some((s) => s.kind === "chorus"))
    throw new ProviderError("unavailable", `${engine}: the lyrics have no chorus`);
  const sung = fold(lyrics.sections.flatMap((s) => s.lines).join("\n"));
  if (!sung.includes(fold(context.recipientName.trim()))) {
    throw new ProviderError("unavailable", `${engine}: the lyrics never name ${context.recipientName.trim()}`);
  }
  return lyrics;
}
