import type { Mp3Bitrate } from "./mp3";

/** Messages between a render and the MP3 thread. */
export interface ToMp3Thread {
  id: number;
  channels: [Float32Array, Float32Array];
  sampleRate: number;
  bitrate: Mp3Bitrate;
}
export type FromMp3Thread = { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; message: string };
