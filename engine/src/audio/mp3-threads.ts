// The process's MP3 thread: started on first use (or by warmMp3Thread while a song is being made) and
// kept; it encodes the first part of each song's MP3, as the master is written, while the render's
// own thread encodes the rest once it is. An idle thread does not keep the process alive. A thread that dies fails what it held; the
// next encode starts a new one.
import { Worker } from "node:worker_threads";
import { builtEntry } from "../runtime/built-entry";
import { Requests } from "../runtime/requests";
import type { Mp3Bitrate } from "./mp3";
import type { FromMp3Thread, ToMp3Thread } from "./mp3-protocol";

let thread: Promise<{ worker: Worker; encodes: Requests<Uint8Array> }> | undefined;

function start() {
  thread ??= (async () => {
    const worker = new Worker(await builtEntry("mp3-thread"));
    const encodes = new Requests<Uint8Array>(worker);
    const died = (reason: string) => {
      thread = undefined;
      encodes.rejectAll(() => new Error(`the MP3 thread ${reason}`));
    };
    worker.on("message", (message: FromMp3Thread) => {
      if (message.ok) encodes.resolve(message.id, message.bytes);
      else encodes.reject(message.id, new Error(`MP3 thread: ${message.message}`));
    });
    worker.on("error", (error) => died(`failed: ${error.message}`));
    worker.on("exit", (code) => died(`exited (${code})`));
    return { worker, encodes };
  })();
  thread.catch(() => (thread = undefined));
  return thread;
}

/** Starts the MP3 thread ahead of the song's encoding, so that its start-up is not waited for then. */
export function warmMp3Thread(): void {
  start().catch(() => undefined);
}

/**
 * Sends one stream to the MP3 thread and resolves once it is sent, with the promise of its bytes:
 * samples in shared memory are read in place (as `progress` says they are written, when given),
 * others are copied to it.
 */
export async function postToMp3Thread(
  channels: readonly [Float32Array, Float32Array],
  sampleRate: number,
  bitrate: Mp3Bitrate,
  progress?: Int32Array,
): Promise<{ bytes: Promise<Uint8Array> }> {
  const { worker, encodes } = await start();
  const posted = channels.map((c) => (c.buffer instanceof SharedArrayBuffer ? c : c.slice())) as [
    Float32Array,
    Float32Array,
  ];
  const bytes = encodes.send((id) =>
    worker.postMessage(
      { id, channels: posted, sampleRate, bitrate, progress } satisfies ToMp3Thread,
      posted.filter((c, i) => c !== channels[i]).map((c) => c.buffer as ArrayBuffer),
    ),
  );
  return { bytes };
}
