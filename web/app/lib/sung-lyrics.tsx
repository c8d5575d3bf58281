import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { currentLine, type LineTiming, type Lyrics, sungBlocks } from "./sung-blocks";

/**
 * A take's lyrics as it sings them, the line being sung lit (and kept in view) while it plays. Each
 * section is headed one level below the heading the lyrics sit under, so that the page's outline has no gap;
 * the heading names it, and a song's two verses are not made two landmarks of the same name.
 */
export function SungLyrics({
  lyrics,
  timings,
  time,
  lang,
  level,
  className = "lyrics",
}: {
  lyrics: Lyrics;
  timings: readonly LineTiming[] | null | undefined;
  time: number;
  lang: string;
  level: 2 | 3;
  className?: string;
}) {
  const Heading = level === 2 ? "h2" : "h3";
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
      {blocks.length === 0 && (
        <p className="muted" lang={i18n.language} data-testid="instrumental-take">
          {t("song.instrumentalTake")}
        </p>
      )}
      {blocks.map((block, b) => {
        const kind = t(`sections.${block.kind}`, { defaultValue: block.kind });
        return (
          <section key={b}>
            <Heading className="section-kind" lang={i18n.language}>
              {kind}
            </Heading>
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
