// Test fixture: a render thread that takes `request.durationSeconds * 10` ms and returns tiny audio,
// so the pool's and the gateway's mechanics can be tested without rendering music.
// A style tag "crash" makes the thread die mid-render.
import { parentPort } from "node:worker_threads";

parentPort.on("message", async (message) => {
  if (message.type !== "render") return;
  const { request, id } = message;
  if (request.styleTags.includes("crash")) process.exit(3);
  const steps = 4;
  for (let i = 1; i <= steps; i++) {
    await new Promise((r) => setTimeout(r, (request.durationSeconds * 10) / steps));
    parentPort.postMessage({ type: "progress", id, stage: "band", fraction: i / steps });
  }
  const wav = new Uint8Array(4096).map((_, i) => (i * 7 + request.seed) % 256);
  const mp3 = new Uint8Array(2048).map((_, i) => (i * 3 + request.seed) % 256);
  parentPort.postMessage({
    type: "done",
    id,
    result: { wav, mp3, sampleRate: 44100, durationSeconds: request.durationSeconds, loudnessLufs: -14, truePeakDbtp: -1.2, lyrics: request.lyrics, timings: [], style: "pop", tempo: 100, key: "C", sectionStarts: [] },
  });
});
parentPort.postMessage({ type: "ready" });
