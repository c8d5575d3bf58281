// Test fixture: a render thread that takes `request.durationSeconds * 10` ms and returns a short,
// valid but silent MP3 and WAV instead of music, so the pool's, the gateway's and the platform's
// mechanics can be tested without rendering. A style tag "crash" makes the thread die mid-render.
import { parentPort } from "node:worker_threads";

// MPEG-1 Layer III, 128 kbps, 44.1 kHz: a header and zeroed data decode as silence.
function silentMp3(frames) {
  const bytes = new Uint8Array(frames * 417);
  for (let i = 0; i < frames; i++) bytes.set([0xff, 0xfb, 0x90, 0x64], i * 417);
  return bytes;
}

function silentWav(samples) {
  const bytes = new Uint8Array(44 + samples * 4);
  const view = new DataView(bytes.buffer);
  const text = (offset, s) => [...s].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  text(0, "RIFF");
  view.setUint32(4, 36 + samples * 4, true);
  text(8, "WAVEfmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 2, true);
  view.setUint32(24, 44100, true);
  view.setUint32(28, 44100 * 4, true);
  view.setUint16(32, 4, true);
  view.setUint16(34, 16, true);
  text(36, "data");
  view.setUint32(40, samples * 4, true);
  return bytes;
}

parentPort.on("message", async (message) => {
  if (message.type !== "render") return;
  const { request, id } = message;
  if (request.styleTags.includes("crash")) process.exit(3);
  const steps = 4;
  for (let i = 1; i <= steps; i++) {
    await new Promise((r) => setTimeout(r, (request.durationSeconds * 10) / steps));
    parentPort.postMessage({ type: "progress", id, stage: "band", fraction: i / steps });
  }
  // The seed changes the length, so two takes differ.
  const mp3 = silentMp3(10 + (request.seed % 7));
  const wav = silentWav(4410 + (request.seed % 7));
  parentPort.postMessage({
    type: "done",
    id,
    result: {
      wav,
      mp3,
      sampleRate: 44100,
      durationSeconds: request.durationSeconds,
      loudnessLufs: -14,
      truePeakDbtp: -1.2,
      lyrics: request.lyrics,
      timings: [],
      style: "pop",
      tempo: 100,
      key: "C",
      sectionStarts: [],
    },
  });
});
parentPort.postMessage({ type: "ready" });
