import type { Lyrics, LyricsSection } from "./lyrics";
import { type SectionKind, sectionKinds } from "./values";

// Engines and people write lyrics as text with bracketed section tags ("[Verse 1]", "[Chorus]",
// "[Refrain]", "[Couplet]"); the product keeps them as sections.
const tagAliases: Record<string, SectionKind> = {
  intro: "intro",
  verse: "verse",
  couplet: "verse",
  "pre-chorus": "pre-chorus",
  prechorus: "pre-chorus",
  "pre-refrain": "pre-chorus",
  chorus: "chorus",
  refrain: "chorus",
  hook: "chorus",
  bridge: "bridge",
  pont: "bridge",
  outro: "outro",
  final: "outro",
};

const tagPattern = /^\s*\[([^\]]+)\]\s*$/;

/** Emoji are decoration no singer says: kept in lyrics, they would be shown and never sung. */
export const withoutEmoji = (text: string) =>
  text.replace(/\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|[\u200d\ufe0f\u20e3]/gu, " ");

/** A line as it is sung, and so as it is shown: no emoji, single spaces. */
export const sungLine = (line: string) => withoutEmoji(line).replace(/\s+/g, " ").trim();

function kindOf(tag: string): SectionKind {
  // "[Pré-refrain]" as "[Pre-refrain]": accents are how French writes the tag, not another one.
  const word = tag
    .trim()
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/\s*\d+$/, "")
    .replace(/\s+/g, "-");
  return (
    tagAliases[word] ?? ((sectionKinds as readonly string[]).find((k) => word.startsWith(k)) as SectionKind) ?? "verse"
  );
}

/** Text without any tag becomes verses split on blank lines. */
export function parseLyricsText(text: string, title: string): Lyrics {
  const sections: LyricsSection[] = [];
  let current: LyricsSection | null = null;
  let sawTag = false;
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const tag = tagPattern.exec(raw);
    if (tag) {
      sawTag = true;
      current = { kind: kindOf(tag[1]!), lines: [] };
      sections.push(current);
      continue;
    }
    const line = sungLine(raw);
    if (!line) {
      if (!sawTag) current = null;
      continue;
    }
    if (!current) {
      current = { kind: "verse", lines: [] };
      sections.push(current);
    }
    current.lines.push(line);
  }
  return { title, sections: sections.filter((s) => s.lines.length > 0) };
}

const tagNames: Record<SectionKind, string> = {
  intro: "Intro",
  verse: "Verse",
  "pre-chorus": "Pre-Chorus",
  chorus: "Chorus",
  bridge: "Bridge",
  outro: "Outro",
};

/** How many lines a lyrics text sings: tags and lines with nothing to sing are not lines. */
export const sungLineCount = (text: string) =>
  parseLyricsText(text, "").sections.reduce((n, s) => n + s.lines.length, 0);

export function formatLyricsText(lyrics: Lyrics): string {
  return lyrics.sections.map((s) => `[${tagNames[s.kind]}]\n${s.lines.join("\n")}`).join("\n\n");
}
