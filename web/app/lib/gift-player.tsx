import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Schema, unwrap } from "./api";
import { useRenewedLink } from "./renewed-link";
import { SungLyrics } from "./sung-lyrics";

type PublicGift = Schema<"PublicGift">;

/**
 * The recipient's player: the song with the lines it sings, the line being sung highlighted where the engine
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

  return (
    <section className="gift-player" aria-label={t("gift.listen")}>
      <audio
        ref={audio}
        controls
        preload="metadata"
        src={initial.streamUrl}
        onPlay={onPlay}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        aria-label={
          gift.recipientName
            ? t("gift.player", { name: gift.recipientName })
            : t("song.player", { title: gift.title ?? "Refrain" })
        }
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
        <SungLyrics
          lyrics={gift.lyrics}
          timings={gift.timings}
          time={time}
          lang={gift.lyricsLanguage}
          level={2}
          className="lyrics gift-lyrics"
        />
      )}
    </section>
  );
}
