import type { RenderRequest, RenderResult, RenderStage } from "../pipeline/contract";

/** Messages between the pool and its render threads. */
export type ToThread = { type: "render"; id: string; request: RenderRequest };
export type FromThread =
  | { type: "ready" }
  | { type: "progress"; id: string; stage: RenderStage; fraction: number }
  | { type: "done"; id: string; result: RenderResult }
  | { type: "error"; id: string; message: string };
