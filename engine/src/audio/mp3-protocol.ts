import type { Mp3Bitrate } from "./mp3";

/** Messages between a render and the MP3 thread. */
export interface ToMp3Thread {
  id: number;
  /** Views of shared memory (read in place) or copies made for the thread. */
  channels: [Float32Array, Float32Array];
  sampleRate: number;
  bitrate: Mp3Bitrate;
  /**
   * When the samples are still being written: [frames written, pass] in shared memory. The thread
   * encodes what is written and waits for the rest; a pass other than 0 ends the encoding.
   */
  progress?: Int32Array;
}
export type FromMp3Thread = { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; message: string };
