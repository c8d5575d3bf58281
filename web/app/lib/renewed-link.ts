import { type RefObject, useEffect, useRef, useState } from "react";

/**
 * A public player's short-lived stream link, kept fresh: a new one is fetched a minute before it expires
 * and swapped into the audio element at the same position, playing if it was.
 */
export function useRenewedLink<T extends { streamUrl: string; expiresAt: string }>(
  initial: T,
  fetchFresh: () => Promise<T | null>,
  audio: RefObject<HTMLAudioElement | null>,
): T {
  const [current, setCurrent] = useState(initial);
  const fetchRef = useRef(fetchFresh);
  fetchRef.current = fetchFresh;

  useEffect(() => {
    const wait = Math.max(5_000, Date.parse(current.expiresAt) - Date.now() - 60_000);
    const timer = setTimeout(async () => {
      const fresh = await fetchRef.current().catch(() => null);
      if (fresh) setCurrent(fresh);
    }, wait);
    return () => clearTimeout(timer);
  }, [current.expiresAt]);

  const previous = useRef(current.streamUrl);
  useEffect(() => {
    const el = audio.current;
    if (!el || previous.current === current.streamUrl) return;
    previous.current = current.streamUrl;
    const at = el.currentTime;
    const wasPlaying = !el.paused;
    el.src = current.streamUrl;
    el.currentTime = at;
    if (wasPlaying) void el.play();
  }, [current.streamUrl, audio]);

  return current;
}
