import type { Sing } from "../src/voice/contract";

/**
 * A stand-in singer for pipeline tests: each note as a soft sawtooth-ish tone with a short attack
 * and release, exactly `durationSec` long. It makes the vocal path (mixing, level, timing)
 * testable without the real singer's process.
 */
export const toneSinger: Sing = async (request, signal) => {
  signal?.throwIfAborted();
  const { sampleRate, durationSec, notes } = request;
  const out = new Float32Array(Math.round(durationSec * sampleRate));
  for (const note of notes) {
    const hz = 440 * 2 ** ((note.midi - 69) / 12);
    const start = Math.round(note.startSec * sampleRate);
    const length = Math.min(Math.round(note.durationSec * sampleRate), out.length - start);
    const ramp = Math.min(Math.round(0.02 * sampleRate), Math.floor(length / 2));
    for (let i = 0; i < length; i++) {
      const envelope = Math.min(1, i / ramp, (length - i) / ramp);
      const phase = (2 * Math.PI * hz * i) / sampleRate;
      out[start + i] =
        out[start + i]! + 0.3 * envelope * (Math.sin(phase) + 0.3 * Math.sin(2 * phase) + 0.15 * Math.sin(3 * phase));
    }
  }
  return out;
};
