// A long-lived band thread: it parses the bank once (its samples' bytes stay in the process's shared
// file), renders one channel group at a time and adds each slice into the song's shared stems. The
// samples it plays are decoded once for the process, by whichever band thread is asked to, and kept.
import { parentPort, workerData } from "node:worker_threads";
import type { BasicSoundBank } from "spessasynth_core";
import { addSlice, type GroupJob, renderGroup, type SharedStems, samplesPlayed } from "./band-group";
import type { BandThreadData, FromBandThread, SharedSample, ToBandThread } from "./band-protocol";
import { loadCore } from "./core";
import { decodeShared, parseSoundBank, useSamples } from "./soundbank";

// Everything this thread does plays the bank: the library is loaded before any message is taken.
await loadCore();

const port = parentPort!;
const { file } = workerData as BandThreadData;
let parsed: BasicSoundBank | undefined;
const bank = () => (parsed ??= parseSoundBank(file));
/** Samples that already play the process's shared audio. */
const held = new Set<number>();

let current: string | null = null;
type Reply<T extends ToBandThread["type"]> = Extract<ToBandThread, { type: T }>;
const waiting = new Map<string, { resolve: (message: ToBandThread) => void; reject: (error: Error) => void }>();

function reply<T extends ToBandThread["type"]>(id: string, type: T): Promise<Reply<T>> {
  return new Promise((resolve, reject) =>
    waiting.set(`${id} ${type}`, { resolve: resolve as (message: ToBandThread) => void, reject }),
  );
}
const post = (message: FromBandThread) => port.postMessage(message);

port.on("message", (message: ToBandThread) => {
  if (message.type === "warm") {
    try {
      bank();
    } catch {
      // The render that follows reports it.
    }
    return;
  }
  if (message.type === "render") return void render(message.id, message.job, message.into);
  if (message.type === "stop") {
    if (current === message.id) current = null;
    for (const [key, waiter] of waiting)
      if (key.startsWith(`${message.id} `)) {
        waiting.delete(key);
        waiter.reject(new Error("stopped"));
      }
    return;
  }
  const key = `${message.id} ${message.type}`;
  const waiter = waiting.get(key);
  waiting.delete(key);
  waiter?.resolve(message);
});

async function render(id: string, job: GroupJob, into: SharedStems): Promise<void> {
  current = id;
  try {
    const samples = bank();
    const getSamples = async (synth: Parameters<typeof samplesPlayed>[0]) => {
      const needs = [...samplesPlayed(synth, job.events)]
        .map((sample) => samples.samples.indexOf(sample))
        .filter((index) => index >= 0 && !held.has(index));
      const decode = reply(id, "decode");
      post({
        type: "needs",
        id,
        samples: needs,
        bytes: needs.map((index) => samples.samples[index]!.getRawData(true).byteLength),
      });
      const decoded: SharedSample[] = [];
      for (const index of (await decode).samples) decoded.push([index, await decodeShared(samples.samples[index]!)]);
      const given = reply(id, "samples");
      post({ type: "decoded", id, samples: decoded });
      const all = (await given).samples;
      useSamples(samples, all);
      for (const [index] of all) held.add(index);
    };
    for await (const { start, slice } of renderGroup(samples, job, getSamples)) {
      if (current !== id) return;
      addSlice(into, start, slice);
      post({ type: "rendered", id, frames: slice[0].length });
      // Lets a stop arrive between slices.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    post({ type: "done", id });
  } catch (error) {
    if (current === id) post({ type: "error", id, message: error instanceof Error ? error.message : String(error) });
  } finally {
    if (current === id) current = null;
  }
}
