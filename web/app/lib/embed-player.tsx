import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Schema, unwrap } from "./api";
import { formatDuration } from "./i18n";
import { useRenewedLink } from "./renewed-link";

/**
 * The shared player: refreshes its short-lived link before it expires (keeping position and play
 * state), and tells the page around it what happens (postMessage play/pause/ended/timeupdate).
 */
export function EmbedPlayer({
  track: initial,
  token,
  onTime,
  alone = false,
}: {
  track: Schema<"PublicTrack">;
  token: string;
  onTime?: (seconds: number) => void;
  /**
   * The player is the whole page (the embed): the song's title heads it and it credits Refrain. Within a page
   * (the share page), that page has its own heading and credit, and the player says neither twice.
   */
  alone?: boolean;
}) {
  const { t } = useTranslation();
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(initial.durationSeconds ?? 0);
  const audio = useRef<HTMLAudioElement>(null);

  const track = useRenewedLink(
    initial,
    () => unwrap(api.GET("/api/public/tracks/{id}", { params: { path: { id: initial.id }, query: { t: token } } })),
    audio,
  );

  useEffect(() => {
    const el = audio.current;
    if (!el) return;
    let last = 0;
    const post = (type: string) =>
      window.parent !== window &&
      window.parent.postMessage(
        { source: "refrain", type, trackId: track.id, currentTime: el.currentTime, duration: el.duration || duration },
        "*",
      );
    const handlers: Record<string, () => void> = {
      play: () => (setPlaying(true), post("play")),
      pause: () => (setPlaying(false), post("pause")),
      ended: () => (setPlaying(false), post("ended")),
      timeupdate: () => {
        setTime(el.currentTime);
        onTime?.(el.currentTime);
        if (Math.abs(el.currentTime - last) >= 0.25) {
          last = el.currentTime;
          post("timeupdate");
        }
      },
      loadedmetadata: () => setDuration(el.duration),
    };
    for (const [k, fn] of Object.entries(handlers)) el.addEventListener(k, fn);
    // The parent may drive the player too.
    const onMessage = (e: MessageEvent) => {
      if (e.source !== window.parent || !e.data || typeof e.data !== "object") return;
      if (e.data.type === "play") void el.play();
      if (e.data.type === "pause") el.pause();
    };
    window.addEventListener("message", onMessage);
    return () => {
      for (const [k, fn] of Object.entries(handlers)) el.removeEventListener(k, fn);
      window.removeEventListener("message", onMessage);
    };
  }, [track.id, duration, onTime]);

  const title = track.title ?? "Refrain";
  return (
    <div className="embed-player">
      <audio ref={audio} src={initial.streamUrl} preload="metadata" data-testid="audio" />
      <button
        type="button"
        className="play"
        onClick={() => (playing ? audio.current?.pause() : void audio.current?.play())}
        aria-label={`${playing ? t("embed.pause") : t("embed.play")} — ${title}`}
        data-testid="play"
      >
        <span aria-hidden="true">{playing ? "❚❚" : "▶"}</span>
      </button>
      <div className="meta">
        {alone && <h1 className="title">{title}</h1>}
        <input
          type="range"
          min={0}
          max={Math.max(1, Math.round(duration))}
          step={1}
          value={Math.round(time)}
          aria-label={t("embed.seek")}
          aria-valuetext={`${formatDuration(time)} / ${formatDuration(duration)}`}
          onChange={(e) => {
            if (audio.current) audio.current.currentTime = Number(e.target.value);
          }}
        />
        <p className="time">
          {formatDuration(time)} / {formatDuration(duration)}
          {alone && (
            <>
              {" · "}
              {/* A narrow player (a phone's column) keeps the brand only, so that the line never wraps out of the frame. */}
              <a href="/" target="_blank" rel="noopener" className="by">
                <span className="long">{t("embed.by")}</span>
                <span className="short">Refrain</span>
              </a>
            </>
          )}
        </p>
      </div>
    </div>
  );
}
