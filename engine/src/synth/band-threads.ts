// The process's band threads: started on first use and kept, one channel group each at a time. An
// idle thread does not keep the process alive. They share the bank's file and its decoded samples:
// each sample a song plays is decoded once, by one thread, into shared memory that every thread
// plays from and that is kept for later songs.
import { randomUUID } from "node:crypto";
import { Worker } from "node:worker_threads";
import { builtEntry } from "../runtime/built-entry";
import type { GroupJob, SharedStems } from "./band-group";
import type { BandThreadData, FromBandThread, SharedSample, ToBandThread } from "./band-protocol";
import { readSoundBankFile } from "./soundbank";

interface Slot {
  worker: Worker;
  busy: boolean;
  /** Settles the render the thread is working on, if any, when the thread dies. */
  fail?: (error: Error) => void;
}

const slots: Slot[] = [];
let entry: Promise<string> | undefined;
let file: Promise<SharedArrayBuffer> | undefined;
let warming: Promise<void> | undefined;
/** Every sample decoded so far in this process, by bank index. */
const decoded = new Map<number, Float32Array>();

/**
 * Starts `count` band threads if fewer are running, and has each parse the bank, so that a song's
 * lyrics and arrangement are made while they get ready.
 */
export function warmBandThreads(count: number): void {
  warming ??= (async () => {
    while (slots.length < count) (await spawn()).worker.postMessage({ type: "warm" } satisfies ToBandThread);
  })()
    .catch(() => undefined)
    .finally(() => (warming = undefined));
}

/**
 * Stops the band threads that are idle (a process that renders one song has no more use for them),
 * freeing their memory; a later render starts new ones.
 */
export async function closeBandThreads(): Promise<void> {
  await warming;
  const idle = slots.filter((s) => !s.busy);
  for (const s of idle) slots.splice(slots.indexOf(s), 1);
  await Promise.all(idle.map((s) => s.worker.terminate()));
}

async function slot(): Promise<Slot> {
  await warming;
  return slots.find((s) => !s.busy) ?? spawn();
}

async function spawn(): Promise<Slot> {
  const path = await (entry ??= builtEntry("band-thread").catch((error: unknown) => {
    entry = undefined;
    throw error;
  }));
  const data: BandThreadData = {
    file: await (file ??= readSoundBankFile().catch((error: unknown) => {
      file = undefined;
      throw error;
    })),
  };
  // A band thread's garbage is short-lived (the synthesizer's per-note objects and the numbers it
  // boxes before V8 optimizes its loops). Left to grow, its young generation reached 16 MiB per
  // semi-space, all of it touched memory: capped, the band on two threads peaks about 30 MiB lower.
  const worker = new Worker(path, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 2 } });
  const created: Slot = { worker, busy: false };
  const died = (reason: string) => {
    const index = slots.indexOf(created);
    if (index >= 0) slots.splice(index, 1);
    created.fail?.(new Error(`a band thread ${reason}`));
  };
  worker.on("error", (error) => died(`failed: ${error.message}`));
  worker.on("exit", (code) => died(`exited (${code})`));
  worker.unref();
  slots.push(created);
  return created;
}

/**
 * Renders each group on a thread of its own, added into `into`; `onRendered` is told of each slice
 * (its frames) as it is added.
 */
export async function renderGroupsOnThreads(
  jobs: GroupJob[],
  into: SharedStems,
  onRendered: (frames: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  const taken: Slot[] = [];
  const id = randomUUID();
  const renders: Render[] = [];
  try {
    for (const _ of jobs) {
      const s = await slot();
      s.busy = true;
      taken.push(s);
    }
    renders.push(...taken.map((s) => new Render(s, id, onRendered, signal)));
    // Any thread failing fails the song; the others are told to stop in `finally`.
    const failed = Promise.race(renders.map((r) => r.finished));
    failed.catch(() => undefined);
    const step = <T>(work: Promise<T>) => Promise.race([work, failed.then(() => work)]);

    const needs = await step(Promise.all(renders.map((r, i) => r.start(jobs[i]!, into))));
    const ours = assignDecoding(needs);
    const fresh = await step(Promise.all(renders.map((r, i) => r.decode(ours[i]!))));
    for (const samples of fresh) for (const [index, audio] of samples) decoded.set(index, audio);
    renders.forEach((r, i) => r.give(needs[i]!.samples.map((index): SharedSample => [index, decoded.get(index)!])));
    await Promise.all(renders.map((r) => r.finished));
  } finally {
    for (const r of renders) r.close();
    for (const s of taken) {
      s.busy = false;
      s.fail = undefined;
      s.worker.unref();
    }
  }
}

/**
 * Which samples each thread decodes: those no thread has decoded yet, each to one of the threads
 * that play it, the largest first to whichever has the fewest bytes to decode so far.
 */
function assignDecoding(needs: { samples: number[]; bytes: number[] }[]): number[][] {
  const size = new Map<number, number>();
  const players = new Map<number, number[]>();
  needs.forEach(({ samples, bytes }, thread) =>
    samples.forEach((index, i) => {
      if (decoded.has(index)) return;
      size.set(index, bytes[i]!);
      players.set(index, [...(players.get(index) ?? []), thread]);
    }),
  );
  const load = needs.map(() => 0);
  const ours = needs.map((): number[] => []);
  for (const [index, bytes] of [...size].sort((a, b) => b[1] - a[1] || a[0] - b[0])) {
    const thread = players.get(index)!.reduce((best, t) => (load[t]! < load[best]! ? t : best));
    ours[thread]!.push(index);
    load[thread]! += bytes;
  }
  return ours;
}

/** One group's render on one thread: its messages in order, its slices, its end. */
class Render {
  /** Settles when the thread has rendered the whole group (or failed, or the render was aborted). */
  readonly finished: Promise<void>;
  private settle!: (error?: unknown) => void;
  private waiter: { type: FromBandThread["type"]; resolve: (message: FromBandThread) => void } | undefined;

  constructor(
    private readonly slot: Slot,
    private readonly id: string,
    private readonly onRendered: (frames: number) => void,
    private readonly signal?: AbortSignal,
  ) {
    let settled = false;
    this.finished = new Promise<void>((resolve, reject) => {
      this.settle = (error?: unknown) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", this.onAbort);
        slot.worker.off("message", this.onMessage);
        if (error === undefined) resolve();
        else {
          // The thread drops the rest of this group and is free for the next song.
          this.post({ type: "stop", id });
          reject(error);
        }
      };
    });
    this.finished.catch(() => undefined);
    slot.fail = this.settle;
    signal?.addEventListener("abort", this.onAbort, { once: true });
    slot.worker.on("message", this.onMessage);
    slot.worker.ref();
  }

  start(job: GroupJob, into: SharedStems) {
    return this.ask({ type: "render", id: this.id, job, into }, "needs");
  }

  async decode(samples: number[]): Promise<SharedSample[]> {
    return (await this.ask({ type: "decode", id: this.id, samples }, "decoded")).samples;
  }

  give(samples: SharedSample[]): void {
    this.post({ type: "samples", id: this.id, samples });
  }

  /** Stops listening; a render still running is told to stop. */
  close(): void {
    this.settle(new Error("the band render ended"));
  }

  private ask<T extends FromBandThread["type"]>(
    message: ToBandThread,
    type: T,
  ): Promise<Extract<FromBandThread, { type: T }>> {
    const answer = new Promise<FromBandThread>((resolve) => (this.waiter = { type, resolve }));
    this.post(message);
    return answer as Promise<Extract<FromBandThread, { type: T }>>;
  }

  private post(message: ToBandThread): void {
    this.slot.worker.postMessage(message);
  }

  private readonly onAbort = () => this.settle(this.signal?.reason);

  private readonly onMessage = (message: FromBandThread) => {
    if (message.id !== this.id) return;
    if (message.type === "rendered") this.onRendered(message.frames);
    else if (message.type === "done") this.settle();
    else if (message.type === "error") this.settle(new Error(`band thread: ${message.message}`));
    else if (this.waiter?.type === message.type) {
      const { resolve } = this.waiter;
      this.waiter = undefined;
      resolve(message);
    }
  };
}
