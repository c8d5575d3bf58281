import type { SongContext } from "../contract";

// Text as both Suno families take it: titles, styles and short lyrics prompts within their limits.

/** Cuts at a word boundary so a truncated title or prompt still reads as words. */
export function truncateWords(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Keeps whole items while they fit, so a style never ends on half a tag. */
export function joinWithin(items: readonly string[], separator: string, max: number): string {
  const parts = items.map((i) => i.replace(/\s+/g, " ").trim()).filter((i) => i.length > 0);
  let out = "";
  for (const part of parts) {
    const next = out ? `${out}${separator}${part}` : part;
    if (next.length > max) break;
    out = next;
  }
  return out || truncateWords(parts[0] ?? "", max);
}

/** Suno's lyrics endpoints accept a short description (200 characters on the hosted API). */
export const lyricsPromptLimit = 200;

/** A cut-down style or detail shorter than this says nothing useful. */
const minFragment = 12;

/** The recipient's name comes right after "for"/"pour" and before anything optional, so that
 *  truncation drops details first, then style, and the name survives. */
export function lyricsPrompt(context: SongContext, limit = lyricsPromptLimit): string {
  const fr = context.language === "fr";
  const relationship = context.relationship?.trim() ? ` (${context.relationship.trim()})` : "";
  const core = fr
    ? `Paroles en français. Chanson pour ${context.recipientName.trim()}${relationship}, occasion : ${context.occasion.trim()}.`
    : `Song for ${context.recipientName.trim()}${relationship}, occasion: ${context.occasion.trim()}.`;
  const styleItems = [context.mood ?? "", ...context.styleTags];
  const styleLabel = fr ? " Style : " : " Style: ";
  const detailsLabel = fr ? " À évoquer : " : " About: ";

  if (core.length > limit) return truncateWords(core, limit);
  let prompt = core;
  const styleRoom = limit - prompt.length - styleLabel.length - 1;
  const style = styleRoom >= minFragment ? joinWithin(styleItems, ", ", styleRoom) : "";
  if (style) prompt += `${styleLabel}${style}.`;
  const detailsRoom = limit - prompt.length - detailsLabel.length;
  const details = detailsRoom >= minFragment ? joinWithin(context.details, "; ", detailsRoom) : "";
  if (details) prompt += `${detailsLabel}${details}`;
  return prompt;
}
