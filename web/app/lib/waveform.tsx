import { useEffect, useRef, useState } from "react";

/** Peaks decoded in the browser (Web Audio), drawn on a canvas; clicking seeks. The audio element's own controls stay the keyboard path. */
export function Waveform({
  src,
  audio,
  label,
}: {
  src: string;
  audio: React.RefObject<HTMLAudioElement | null>;
  label: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [peaks, setPeaks] = useState<Float32Array | null>(null);
  const [progress, setProgress] = useState(0);
  const path = src.split("?")[0];

  // biome-ignore lint/correctness/useExhaustiveDependencies: drawn again only when the audio changes, not when its link is renewed.
  useEffect(() => {
    let stop = false;
    (async () => {
      const Ctx =
        window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
      if (!Ctx) return;
      const bytes = await (await fetch(src)).arrayBuffer();
      const ctx = new Ctx();
      const buffer = await ctx.decodeAudioData(bytes);
      void ctx.close();
      const data = buffer.getChannelData(0);
      const bins = 400;
      const out = new Float32Array(bins);
      const step = Math.floor(data.length / bins) || 1;
      for (let b = 0; b < bins; b++) {
        let max = 0;
        for (let i = b * step; i < Math.min(data.length, (b + 1) * step); i += 16)
          max = Math.max(max, Math.abs(data[i]!));
        out[b] = max;
      }
      if (!stop) setPeaks(out);
    })().catch(() => undefined);
    return () => {
      stop = true;
    };
    // The peaks belong to the track, not to one signed link.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path]);

  useEffect(() => {
    const el = audio.current;
    if (!el) return;
    const tick = () => setProgress(el.duration ? el.currentTime / el.duration : 0);
    el.addEventListener("timeupdate", tick);
    return () => el.removeEventListener("timeupdate", tick);
  }, [audio]);

  useEffect(() => {
    const c = canvas.current;
    if (!c || !peaks) return;
    const g = c.getContext("2d")!;
    const w = (c.width = c.clientWidth * devicePixelRatio);
    const h = (c.height = c.clientHeight * devicePixelRatio);
    g.clearRect(0, 0, w, h);
    const bar = w / peaks.length;
    peaks.forEach((p, i) => {
      g.fillStyle = i / peaks.length < progress ? "#6d28d9" : "#a8a29e";
      const bh = Math.max(2, p * h);
      g.fillRect(i * bar, (h - bh) / 2, Math.max(1, bar - 1), bh);
    });
  }, [peaks, progress]);

  return (
    <canvas
      ref={canvas}
      className="waveform"
      role="img"
      aria-label={label}
      data-testid="waveform"
      data-ready={peaks ? "true" : "false"}
      onClick={(e) => {
        const el = audio.current;
        if (!el?.duration) return;
        const r = e.currentTarget.getBoundingClientRect();
        el.currentTime = ((e.clientX - r.left) / r.width) * el.duration;
      }}
    />
  );
}
