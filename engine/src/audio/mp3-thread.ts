// The MP3 thread: encodes the streams it is sent, one after the other, and hands each back.
import { parentPort } from "node:worker_threads";
import { encodeMp3Stream, waitForFrames } from "./mp3";
import type { FromMp3Thread, ToMp3Thread } from "./mp3-protocol";

const port = parentPort!;
let queue: Promise<void> = Promise.resolve();

port.on("message", (message: ToMp3Thread) => {
  queue = queue.then(async () => {
    try {
      const { progress } = message;
      const bytes = await encodeMp3Stream(
        message.channels,
        message.sampleRate,
        message.bitrate,
        progress ? (end) => waitForFrames(progress, end) : undefined,
      );
      port.postMessage({ id: message.id, ok: true, bytes } satisfies FromMp3Thread, [bytes.buffer as ArrayBuffer]);
    } catch (error) {
      port.postMessage({
        id: message.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies FromMp3Thread);
    }
  });
});
