import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Schema } from "./api";

type Lyrics = NonNullable<Schema<"PublicGift">["lyrics"]>;
export type LineTiming = NonNullable<Schema<"PublicGift">["timings"]>[number];

/** The line being sung at `time`: the last one that has started, while it lasts. */
export function currentLine(timings: readonly LineTiming[], time: number): LineTiming | null {
  let current: LineTiming | null = null;
  for (const t of timings) if (t.startSec <= time && (current === null || t.startSec >= current.startSec)) current = t;
  return current && time < current.endSec + 0.75 ? current : null;
}

interface Block {
  kind: Lyrics["sections"][number]["kind"];
  lines: { text: string; timing: LineTiming | null }[];
}

/**
 * What a take sings, in singing order: with the engine's timings, exactly the lines it sang (a line sung
 * twice shows twice, a line it left out does not show), grouped by section; without them, the lyrics as given.
 */
export function sungBlocks(lyrics: Lyrics, timings: readonly LineTiming[] | null | undefined): Block[] {
  if (!timings?.length)
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

/** A take's lyrics as it sings them, the line being sung lit (and kept in view) while it plays. */
export function SungLyrics({
  lyrics,
  timings,
  time,
  lang,
  className = "lyrics",
}: {
  lyrics: Lyrics;
  timings: readonly LineTiming[] | null | undefined;
  time: number;
  lang: string;
  className?: string;
}) {
  const { t, i18n } = useTranslation();
  const blocks = useMemo(() => sungBlocks(lyrics, timings), [lyrics, timings]);
  const sung = useMemo(() => (timings?.length ? currentLine(timings, time) : null), [timings, time]);
  const lineRef = useRef<HTMLParagraphElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls each time the line being sung changes.
  useEffect(() => {
    lineRef.current?.scrollIntoView?.({ block: "nearest", behavior: "smooth" });
  }, [sung]);
  return (
    <div className={className} lang={lang} data-testid="lyrics" data-timed={timings?.length ? "true" : "false"}>
      {blocks.map((block, b) => {
        const kind = t(`sections.${block.kind}`, { defaultValue: block.kind });
        return (
          <section key={b} aria-label={kind}>
            <h4 lang={i18n.language}>{kind}</h4>
            {block.lines.map((line, l) => {
              const lit = sung !== null && line.timing === sung;
              return (
                <p
                  key={l}
                  ref={lit ? lineRef : undefined}
                  className={lit ? "sung" : undefined}
                  aria-current={lit ? "true" : undefined}
                  data-testid={lit ? "current-line" : "lyric-line"}
                >
                  {line.text}
                </p>
              );
            })}
          </section>
        );
      })}
    </div>
  );
}
