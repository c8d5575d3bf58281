import type { GroupJob, SharedStems } from "./band-group";

/** What a band thread is started with. */
export interface BandThreadData {
  /** The sound bank file, read once for the process and shared by its band threads. */
  file: SharedArrayBuffer;
}

/** A bank sample's index and its decoded audio in shared memory. */
export type SharedSample = [index: number, audio: Float32Array];

/**
 * Messages between a render and its band threads. A render goes: render → needs (the samples the
 * group plays that the thread does not hold yet) → decode (the part of all threads' missing samples
 * this one decodes) → decoded → samples (all it needs, from every thread's decoding) → rendered (a
 * slice added into the shared stems), … → done.
 */
export type ToBandThread =
  | { type: "render"; id: string; job: GroupJob; into: SharedStems }
  | { type: "decode"; id: string; samples: number[] }
  | { type: "samples"; id: string; samples: SharedSample[] }
  | { type: "stop"; id: string }
  | { type: "warm" };
export type FromBandThread =
  | { type: "needs"; id: string; samples: number[]; bytes: number[] }
  | { type: "decoded"; id: string; samples: SharedSample[] }
  | { type: "rendered"; id: string; frames: number }
  | { type: "done"; id: string }
  | { type: "error"; id: string; message: string };
