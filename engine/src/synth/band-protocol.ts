import type { GroupJob, StemSlice } from "./band-group";

/** Messages between a render and its band threads. */
export type ToBandThread =
  | { type: "render"; id: string; job: GroupJob }
  | { type: "stop"; id: string }
  | { type: "warm" };
export type FromBandThread =
  | { type: "slice"; id: string; start: number; slice: StemSlice }
  | { type: "done"; id: string }
  | { type: "error"; id: string; message: string };
