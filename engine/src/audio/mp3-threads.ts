// The process's MP3 thread: started on first use (or by warmMp3Thread while a song is being made) and
// kept; it encodes the first part of each song's MP3, as the master is written, while the render's
// own thread encodes the rest once it is. An idle thread does not keep the process alive. A thread that dies fails what it held; the
// next encode starts a new one.
import { Worker } from "node:worker_threads";
import { builtEntry } from "../runtime/built-entry";
import type { Mp3Bitrate } from "./mp3";
import type { FromMp3Thread, ToMp3Thread } from "./mp3-protocol";

interface Pending {
  resolve: (bytes: Uint8Array) => void;
  reject: (error: Error) => void;
}

let thread: Promise<{ worker: Worker; pending: Map<number, Pending> }> | undefined;
let nextId = 1;

function start() {
  thread ??= (async () => {
    const worker = new Worker(await builtEntry("mp3-thread"));
    const pending = new Map<number, Pending>();
    const died = (reason: string) => {
      thread = undefined;
      for (const p of pending.values()) p.reject(new Error(`the MP3 thread ${reason}`));
      pending.clear();
    };
    worker.on("message", (message: FromMp3Thread) => {
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      if (pending.size === 0) worker.unref();
      if (message.ok) p.resolve(message.bytes);
      else p.reject(new Error(`MP3 thread: ${message.message}`));
    });
    worker.on("error", (error) => died(`failed: ${error.message}`));
    worker.on("exit", (code) => died(`exited (${code})`));
    worker.unref();
    return { worker, pending };
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
  const { worker, pending } = await start();
  const id = nextId++;
  const posted = channels.map((c) => (c.buffer instanceof SharedArrayBuffer ? c : c.slice())) as [
    Float32Array,
    Float32Array,
  ];
  const bytes = new Promise<Uint8Array>((resolve, reject) => pending.set(id, { resolve, reject }));
  worker.ref();
  worker.postMessage(
    { id, channels: posted, sampleRate, bitrate, progress } satisfies ToMp3Thread,
    posted.filter((c, i) => c !== channels[i]).map((c) => c.buffer as ArrayBuffer),
  );
  return { bytes };
}
