// The built-in singer, as a render sees it: the whole singing (espeak's process, the retiming, the
// pitching) happens on the singer thread (singer-thread.ts), one per thread that sings, started on first
// use and kept between songs. The vocal comes back in one shared buffer. An idle singer thread does
// not keep the process alive.
import { Worker } from "node:worker_threads";
import { builtEntry } from "../runtime/built-entry";
import { Requests } from "../runtime/requests";
import type { Sing } from "./contract";
import type { FromSingerThread, ToSingerThread } from "./protocol";

class SingerThread {
  private readonly songs: Requests<Float32Array>;
  espeakPid: number | undefined;
  private onClosed: (() => void) | undefined;

  constructor(readonly worker: Worker) {
    this.songs = new Requests(worker);
    worker.on("message", (message: FromSingerThread) => {
      if (message.type === "closed") {
        this.onClosed?.();
        return;
      }
      this.espeakPid = message.espeakPid;
      if (message.type === "sung") this.songs.resolve(message.id, message.samples);
      else this.songs.reject(message.id, revive(message.name, message.message));
    });
    const fail = (reason: string) => {
      if (current === this) current = undefined;
      this.songs.rejectAll(() => new Error(`the singer thread ${reason}`));
      this.onClosed?.();
    };
    worker.once("error", (error) => fail(`failed: ${error.message}`));
    worker.once("exit", (code) => fail(`exited (${code})`));
  }

  post(message: ToSingerThread): void {
    this.worker.postMessage(message);
  }

  // A render stops waiting at once when aborted; the singer thread drops the song's lines still with espeak.
  sing(request: Parameters<Sing>[0], signal?: AbortSignal): Promise<Float32Array> {
    return this.songs.send(
      (id) => this.post({ type: "sing", id, request }),
      signal,
      (id) => this.post({ type: "cancel", id }),
    );
  }

  /** Stops espeak's process, then the thread. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => (this.onClosed = resolve));
    this.worker.ref();
    this.post({ type: "close" });
    await closed;
    await this.worker.terminate();
  }
}

let current: SingerThread | undefined;
let starting: Promise<SingerThread> | undefined;
let entryReady: Promise<string> | undefined;

function singer(): Promise<SingerThread> {
  if (current) return Promise.resolve(current);
  starting ??= launch().finally(() => (starting = undefined));
  return starting;
}

async function launch(): Promise<SingerThread> {
  const entry = await (entryReady ??= builtEntry("singer-thread").catch((error: unknown) => {
    entryReady = undefined;
    throw error;
  }));
  // A young generation of 4 MB (instead of V8's default) keeps the thread's peak some 5 MiB lower for the
  // same CPU time (120 s song, 2 runs each).
  current = new SingerThread(new Worker(entry, { resourceLimits: { maxYoungGenerationSizeMb: 4 } }));
  return current;
}

export const sing: Sing = async (request, signal) => {
  signal?.throwIfAborted();
  const thread = await singer();
  signal?.throwIfAborted();
  return thread.sing(request, signal);
};

/**
 * Starts the singer thread and its espeak process (whose start-up, some 0.4 s of CPU, loads its voices
 * and dictionaries) if none is running, so that they are ready by the time the song's lines are known.
 */
export function warmSinger(): void {
  singer().then(
    (thread) => thread.post({ type: "warm" }),
    () => undefined,
  );
}

/** Stops the singer thread and its espeak process (songs in flight reject); the next song starts new ones. */
export async function closeSinger(): Promise<void> {
  const thread = current ?? (await starting?.catch(() => undefined));
  if (!thread) return;
  current = undefined;
  await thread.close();
}

/** The espeak process the singer thread last reported (tests use it to kill the process). */
export function singerProcessId(): number | undefined {
  return current?.espeakPid;
}

function revive(name: string, message: string): Error {
  if (name === "AbortError") return new DOMException(message, "AbortError");
  const error = name === "RangeError" ? new RangeError(message) : new Error(message);
  error.name = name;
  return error;
}
