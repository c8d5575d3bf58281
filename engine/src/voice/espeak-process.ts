// The espeak process. espeak-ng is GPL-3.0: it runs here, as a separate program, and talks to the
// engine only through IPC (text and parameters in, PCM and phoneme events out).

import { openSync, readSync } from "node:fs";
import { fileURLToPath } from "node:url";
import createEspeak, { type EspeakModule, type EspeakWorker } from "@echogarden/espeak-ng-emscripten";
import type { EspeakReply, PhonemeEvent, Synthesis, SynthesisRequest, ToEspeak } from "./protocol";

// The WebIDL glue copies each string argument into a heap buffer it allocates lazily and keeps in
// JavaScript. Growing that buffer before the snapshot keeps it inside the snapshot; longer texts
// would be allocated afterwards and overwritten by the next restore, so they are refused.
const TEXT_CAPACITY_BYTES = 1 << 16;
const ZEROS = new Uint8Array(1 << 16);
/** Where the package's file system holds espeak's data. */
const DATA_FOLDER = "/usr/share/espeak-ng-data";

interface Espeak {
  module: EspeakModule;
  worker: EspeakWorker;
  /** The heap right after start-up, and after each voice was set on it. */
  snapshot: Uint8Array;
  voices: Map<string, Uint8Array>;
}

async function start(): Promise<Espeak> {
  // espeak seeds its random generator from the clock while it initializes.
  const realNow = Date.now;
  Date.now = () => 0;
  let module: EspeakModule;
  let worker: EspeakWorker;
  try {
    module = await createEspeak({ getPreloadedPackage: (_name: string, size: number) => new ArrayBuffer(size) });
    readFilesOnFirstUse(module);
    worker = new module.eSpeakNGWorker();
  } finally {
    Date.now = realNow;
  }
  // The leading NUL makes espeak see an empty text (nothing to synthesize) while the glue still sizes
  // its buffer for the whole string.
  worker.synthesize(`\0${" ".repeat(TEXT_CAPACITY_BYTES)}`, () => false);
  worker.set_voice("en");
  return { module, worker, snapshot: usedHeap(module), voices: new Map() };
}

/**
 * The package's 24 MB of data (dictionaries of a hundred languages) would be read whole into memory.
 * Each of its files is a view into one buffer; the buffer is handed over untouched (zero pages take no
 * memory) and a file's bytes are read from disk the first time espeak reads it, so only the
 * dictionaries of the languages sung are ever in memory.
 */
function readFilesOnFirstUse(module: EspeakModule): void {
  const fd = openSync(fileURLToPath(import.meta.resolve("@echogarden/espeak-ng-emscripten/espeak-ng.data")), "r");
  const visit = (path: string) => {
    for (const name of module.FS.readdir(path)) {
      if (name === "." || name === "..") continue;
      const node = module.FS.lookupPath(`${path}/${name}`).node;
      if (module.FS.isDir(node.mode)) visit(`${path}/${name}`);
      else if (node.contents instanceof Uint8Array) {
        const view = node.contents;
        let read = false;
        Object.defineProperty(node, "contents", {
          configurable: true,
          enumerable: true,
          get() {
            if (!read) readSync(fd, view, 0, view.length, view.byteOffset);
            read = true;
            return view;
          },
          set(value) {
            Object.defineProperty(node, "contents", { configurable: true, enumerable: true, writable: true, value });
          },
        });
      }
    }
  };
  visit(DATA_FOLDER);
}

/**
 * espeak keeps state from one utterance to the next (its pitch flutter phase, for one), so the same text
 * would not give the same samples twice. Restoring the heap before each request makes every synthesis
 * start from the same state. Only the heap's used part is kept (about 1.3 MB of 17): the rest is zeros,
 * which a fill restores.
 */
function usedHeap(module: EspeakModule): Uint8Array {
  const heap = module.HEAPU8;
  const bytes = Buffer.from(heap.buffer, heap.byteOffset, heap.length);
  // Whole chunks of zeros are skipped by a native comparison: looping over each of the 16 MB of zeros
  // took 120 ms of the process's start-up, this about 80 (mostly the first look at pages never written).
  let used = heap.length;
  while (used > 0) {
    const from = Math.max(0, used - ZEROS.length);
    if (bytes.compare(ZEROS, 0, used - from, from, used) !== 0) break;
    used = from;
  }
  while (used > 0 && heap[used - 1] === 0) used--;
  return heap.slice(0, used);
}

function restore(module: EspeakModule, snapshot: Uint8Array): void {
  module.HEAPU8.set(snapshot);
  module.HEAPU8.fill(0, snapshot.length);
}

function synthesize({ module, worker, snapshot, voices }: Espeak, request: SynthesisRequest): Synthesis {
  if (Buffer.byteLength(request.text) >= TEXT_CAPACITY_BYTES - 1024)
    throw new Error("text too long for one espeak utterance");
  // Setting a voice loads its language's dictionary: done once per voice, kept in that voice's snapshot.
  let voiced = voices.get(request.voice);
  if (!voiced) {
    restore(module, snapshot);
    if (worker.set_voice(request.voice) !== 0) throw new Error(`espeak has no voice "${request.voice}"`);
    voiced = usedHeap(module);
    voices.set(request.voice, voiced);
  }
  restore(module, voiced);
  worker.set_range(0);
  worker.set_pitch(request.pitch);
  worker.set_rate(request.rate);
  const chunks: Int16Array[] = [];
  const phonemes: PhonemeEvent[] = [];
  worker.synthesize(request.text, (pcm, events) => {
    chunks.push(pcm);
    for (const event of events) {
      if (event.type === "phoneme")
        phonemes.push({ ipa: String(event.id ?? ""), ms: event.audio_position, textPosition: event.text_position });
    }
    return false;
  });
  const pcm = new Int16Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    pcm.set(chunk, offset);
    offset += chunk.length;
  }
  return { pcm, sampleRate: worker.get_samplerate(), phonemes };
}

const espeak = start();
// Requests are said one at a time, in order, with a turn of the event loop between two, so that a
// cancellation that arrives meanwhile drops the requests it names before espeak spends time on them.
const waiting: SynthesisRequest[] = [];
let working = false;

process.on("message", (message: ToEspeak) => {
  if (message.type === "cancel") {
    const index = waiting.findIndex((request) => request.id === message.id);
    if (index >= 0) waiting.splice(index, 1);
    return;
  }
  const { type: _, ...request } = message;
  waiting.push(request);
  if (!working) {
    working = true;
    setImmediate(next);
  }
});

async function next(): Promise<void> {
  const request = waiting.shift();
  if (!request || !process.connected) {
    working = false;
    return;
  }
  let reply: EspeakReply;
  try {
    reply = { id: request.id, ok: true, ...synthesize(await espeak, request) };
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  // The engine may be gone meanwhile (its thread terminated by a cancel): the reply is then dropped
  // rather than raised as an unhandled EPIPE; the disconnect ends this process.
  process.send?.(reply, undefined, undefined, () => undefined);
  setImmediate(next);
}
// The engine went away (or closed the singer): nothing else will ever be asked.
process.on("disconnect", () => process.exit(0));
