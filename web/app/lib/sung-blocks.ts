import type { components } from "./api-schema";

type PublicGift = components["schemas"]["PublicGift"];

export type Lyrics = NonNullable<PublicGift["lyrics"]>;
export type LineTiming = NonNullable<PublicGift["timings"]>[number];

/** The line being sung at `time`: the last one that has started, while it lasts. */
export function currentLine(timings: readonly LineTiming[], time: number): LineTiming | null {
  let current: LineTiming | null = null;
  for (const t of timings) if (t.startSec <= time && (current === null || t.startSec >= current.startSec)) current = t;
  return current && time < current.endSec + 0.75 ? current : null;
}

export interface Block {
  kind: Lyrics["sections"][number]["kind"];
  lines: { text: string; timing: LineTiming | null }[];
}

/**
 * What a take sings, in singing order: with the engine's timings, exactly the lines it sang (a line sung
 * twice shows twice, a line it left out does not show), grouped by section; none for an instrumental take
 * (no timings at all); from an engine that gives no timings (null), the lyrics as given.
 */
export function sungBlocks(lyrics: Lyrics, timings: readonly LineTiming[] | null | undefined): Block[] {
  if (!timings)
    return lyrics.sections.map((s) => ({ kind: s.kind, lines: s.lines.map((text) => ({ text, timing: null })) }));
  const blocks: (Block & { section: number })[] = [];
  for (const timing of [...timings].sort((a, b) => a.startSec - b.startSec)) {
    const section = lyrics.sections[timing.section];
    const text = section?.lines[timing.line];
    if (!section || text === undefined) continue;
    const last = blocks.at(-1);
    // A new block where the section changes, or where the same section starts over (a repeated chorus).
    if (last && last.section === timing.section && timing.line > last.lines.at(-1)!.timing!.line)
      last.lines.push({ text, timing });
    else blocks.push({ section: timing.section, kind: section.kind, lines: [{ text, timing }] });
  }
  return blocks;
}
