import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { currentLine, type LineTiming, type Lyrics, sungBlocks } from "./sung-blocks";

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
      {blocks.length === 0 && (
        <p className="muted" lang={i18n.language} data-testid="instrumental-take">
          {t("song.instrumentalTake")}
        </p>
      )}
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
