import { parentPort } from "node:worker_threads";
import { renderSong } from "../pipeline/render";
import type { FromThread, ToThread } from "./protocol";

// One render at a time per thread: the pool only sends the next job after "done" or "error".
const port = parentPort!;
const post = (message: FromThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

port.on("message", async (message: ToThread) => {
  if (message.type !== "render") return;
  try {
    const result = await renderSong(message.request, {
      onProgress: (stage, fraction) => post({ type: "progress", id: message.id, stage, fraction }),
    });
    // The WAV may be written over the song's spent shared memory: that is shared, not moved.
    const own = [result.wav.buffer, result.mp3.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
    post({ type: "done", id: message.id, result }, own);
  } catch (err) {
    post({ type: "error", id: message.id, message: err instanceof Error ? err.message : String(err) });
  }
});
post({ type: "ready" });
