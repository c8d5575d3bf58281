import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap, type Schema } from "./api";
import { useRenewedLink } from "./renewed-link";

type PublicGift = Schema<"PublicGift">;

type Timing = NonNullable<PublicGift["timings"]>[number];

/** The line being sung at `time`: the last one that has started, while it lasts. */
export function currentLine(timings: readonly Timing[], time: number): Timing | null {
  let current: Timing | null = null;
  for (const t of timings) if (t.startSec <= time && (current === null || t.startSec >= current.startSec)) current = t;
  return current && time < current.endSec + 0.75 ? current : null;
}

/**
 * The recipient's player: the song with its lyrics, the line being sung highlighted where the engine
 * gave timings; short-lived links refreshed before they expire, and one play counted per visit.
 */
export function GiftPlayer({ gift: initial, token }: { gift: PublicGift; token: string }) {
  const { t } = useTranslation();
  const [time, setTime] = useState(0);
  const audio = useRef<HTMLAudioElement>(null);
  const counted = useRef(false);
  const path = { params: { path: { token } } };
  const gift = useRenewedLink(initial, () => unwrap(api.GET("/api/public/gifts/{token}", path)), audio);

  function onPlay() {
    if (counted.current) return;
    counted.current = true;
    void api.POST("/api/public/gifts/{token}/plays", { ...path, keepalive: true }).catch(() => undefined);
  }

  const line = useMemo(() => (gift.timings?.length ? currentLine(gift.timings, time) : null), [gift.timings, time]);
  const lineRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    lineRef.current?.scrollIntoView?.({ block: "nearest", behavior: "smooth" });
  }, [line]);

  return (
    <section className="gift-player" aria-label={t("gift.listen")}>
      <audio
        ref={audio}
        controls
        preload="metadata"
        src={initial.streamUrl}
        onPlay={onPlay}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        aria-label={t("gift.player", { name: gift.recipientName })}
        data-testid="audio"
      />
      {gift.downloadUrl && (
        <p className="actions">
          <a className="button secondary" href={gift.downloadUrl} download data-testid="gift-download">
            {t("gift.download")}
          </a>
        </p>
      )}
      {gift.lyrics && (
        <div className="lyrics gift-lyrics" lang={gift.lyricsLanguage} data-testid="lyrics">
          {gift.lyrics.sections.map((section, s) => (
            <section key={s} aria-label={t(`sections.${section.kind}`, { defaultValue: section.kind })}>
              {section.lines.map((text, l) => {
                const sung = line?.section === s && line.line === l;
                return (
                  <p key={l} ref={sung ? lineRef : undefined} className={sung ? "sung" : undefined} aria-current={sung ? "true" : undefined} data-testid={sung ? "current-line" : undefined}>
                    {text}
                  </p>
                );
              })}
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
