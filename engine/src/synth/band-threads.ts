// The process's band threads: started on first use and kept (each keeps its bank and decoded samples
// between songs), one channel group each at a time. An idle thread does not keep the process alive.
import { randomUUID } from "node:crypto";
import { Worker } from "node:worker_threads";
import { builtEntry } from "../runtime/built-entry";
import type { GroupJob, StemSlice } from "./band-group";
import type { FromBandThread, ToBandThread } from "./band-protocol";

interface Slot {
  worker: Worker;
  busy: boolean;
  /** Settles the render the thread is working on, if any, when the thread dies. */
  fail?: (error: Error) => void;
}

const slots: Slot[] = [];
let entry: Promise<string> | undefined;
let warming: Promise<void> | undefined;

/**
 * Starts `count` band threads if fewer are running, and has each load the bank, so that a song's
 * lyrics and arrangement are made while they get ready.
 */
export function warmBandThreads(count: number): void {
  warming ??= (async () => {
    while (slots.length < count) (await spawn()).worker.postMessage({ type: "warm" } satisfies ToBandThread);
  })()
    .catch(() => undefined)
    .finally(() => (warming = undefined));
}

async function slot(): Promise<Slot> {
  await warming;
  return slots.find((s) => !s.busy) ?? spawn();
}

async function spawn(): Promise<Slot> {
  const file = await (entry ??= builtEntry("band-thread").catch((error: unknown) => {
    entry = undefined;
    throw error;
  }));
  const worker = new Worker(file);
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

/** Renders each group on a thread of its own, handing slices to `onSlice` (on this thread) as they come. */
export async function renderGroupsOnThreads(
  jobs: GroupJob[],
  onSlice: (start: number, slice: StemSlice) => void,
  signal?: AbortSignal,
): Promise<void> {
  const taken: Slot[] = [];
  try {
    for (const _ of jobs) {
      const s = await slot();
      s.busy = true;
      taken.push(s);
    }
    const id = randomUUID();
    await Promise.all(jobs.map((job, i) => run(taken[i]!, id, job, onSlice, signal)));
  } finally {
    for (const s of taken) {
      s.busy = false;
      s.fail = undefined;
      s.worker.unref();
    }
  }
}

function run(
  s: Slot,
  id: string,
  job: GroupJob,
  onSlice: (start: number, slice: StemSlice) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const settle = (error?: unknown) => {
      signal?.removeEventListener("abort", onAbort);
      s.worker.off("message", onMessage);
      if (error === undefined) resolve();
      else {
        // The thread drops the rest of this group and is free for the next song.
        s.worker.postMessage({ type: "stop", id } satisfies ToBandThread);
        reject(error);
      }
    };
    const onAbort = () => settle(signal?.reason);
    const onMessage = (message: FromBandThread) => {
      if (message.id !== id) return;
      if (message.type === "slice") onSlice(message.start, message.slice);
      else if (message.type === "done") settle();
      else settle(new Error(`band thread: ${message.message}`));
    };
    s.fail = settle;
    signal?.addEventListener("abort", onAbort, { once: true });
    s.worker.on("message", onMessage);
    s.worker.ref();
    s.worker.postMessage({ type: "render", id, job } satisfies ToBandThread);
  });
}
