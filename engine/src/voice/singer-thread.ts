// The singer thread: it starts the espeak process and talks to it, retimes and pitches every line, and
// hands the finished vocal back in one shared buffer, so the thread that asked (a render) stays
// free for its own work. Several songs may be sung at once; each is cancelled on its own.
import { parentPort } from "node:worker_threads";
import { closeSinger, singerProcessId, warmSinger } from "./espeak-client";
import type { FromSingerThread, ToSingerThread } from "./protocol";
import { singLines } from "./sing-lines";

const port = parentPort!;
const post = (message: FromSingerThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const singing = new Map<number, AbortController>();

port.on("message", async (message: ToSingerThread) => {
  switch (message.type) {
    case "warm":
      warmSinger();
      return;
    case "cancel":
      singing.get(message.id)?.abort(new DOMException("The song was cancelled", "AbortError"));
      return;
    case "close":
      await closeSinger();
      post({ type: "closed" });
      return;
    case "sing": {
      const controller = new AbortController();
      singing.set(message.id, controller);
      try {
        const samples = await singLines(message.request, controller.signal);
        // Shared memory (see singLines) is handed over without a copy; anything else is moved.
        const moved = samples.buffer instanceof ArrayBuffer ? [samples.buffer] : [];
        post({ type: "sung", id: message.id, samples, espeakPid: singerProcessId() }, moved);
      } catch (error) {
        const { name, message: text } = error instanceof Error ? error : new Error(String(error));
        post({ type: "failed", id: message.id, name, message: text, espeakPid: singerProcessId() });
      } finally {
        singing.delete(message.id);
      }
    }
  }
});
