import { Worker } from "node:worker_threads";
import type { RenderRequest, RenderResult, RenderStage } from "../pipeline/contract";
import type { FromThread, ToThread } from "./protocol";

export interface PoolHooks {
  onStart(id: string): void;
  onProgress(id: string, stage: RenderStage, fraction: number): void;
  onDone(id: string, outcome: { ok: true; result: RenderResult } | { ok: false; code: string; message: string }): void;
}

export interface PoolOptions {
  concurrency: number;
  /** Jobs waiting beyond the running ones; past it, submit refuses and the gateway answers 429. */
  maxQueue: number;
  /** The built render thread (engine/dist/render-thread.mjs). */
  threadUrl: URL;
  hooks: PoolHooks;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  job: string | null;
}

/**
 * A fixed set of worker threads, each rendering one song at a time, fed from a bounded FIFO.
 * Cancel terminates the thread doing the work (a render cannot be interrupted from outside any
 * other way) and starts a fresh one in its place.
 */
export class RenderPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: { id: string; request: RenderRequest }[] = [];
  private closing = false;

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < options.concurrency; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.threadUrl);
    const slot: Slot = { worker, job: null, ready: Promise.resolve() };
    slot.ready = new Promise((resolve) => {
      const onReady = (message: FromThread) => {
        if (message.type === "ready") {
          worker.off("message", onReady);
          resolve();
        }
      };
      worker.on("message", onReady);
    });
    worker.on("message", (message: FromThread) => this.receive(slot, message));
    worker.on("error", (err) => this.threadDied(slot, `render thread crashed: ${err.message}`));
    worker.on("exit", (code) => {
      if (slot.job) this.threadDied(slot, `render thread exited (${code})`);
    });
    return slot;
  }

  private receive(slot: Slot, message: FromThread): void {
    if (message.type === "ready" || !slot.job || message.id !== slot.job) return;
    const hooks = this.options.hooks;
    if (message.type === "progress") {
      hooks.onProgress(message.id, message.stage, message.fraction);
      return;
    }
    slot.job = null;
    if (message.type === "done") hooks.onDone(message.id, { ok: true, result: message.result });
    else hooks.onDone(message.id, { ok: false, code: "render_failed", message: message.message });
    this.pump();
  }

  private threadDied(slot: Slot, reason: string): void {
    const id = slot.job;
    slot.job = null;
    const index = this.slots.indexOf(slot);
    if (index >= 0 && !this.closing) this.slots[index] = this.spawn();
    else if (index >= 0) this.slots.splice(index, 1);
    if (id) this.options.hooks.onDone(id, { ok: false, code: "render_failed", message: reason });
    this.pump();
  }

  get queued(): number {
    return this.waiting.length;
  }
  get running(): number {
    return this.slots.filter((s) => s.job).length;
  }

  /** False when the queue is full (or the pool is shutting down): the caller should come back later. */
  submit(id: string, request: RenderRequest): boolean {
    if (this.closing) return false;
    const free = this.slots.some((s) => !s.job);
    if (!free && this.waiting.length >= this.options.maxQueue) return false;
    this.waiting.push({ id, request });
    this.pump();
    return true;
  }

  /** Returns true when the job was waiting or running and is now stopped. */
  async cancel(id: string): Promise<boolean> {
    const waitingAt = this.waiting.findIndex((w) => w.id === id);
    if (waitingAt >= 0) {
      this.waiting.splice(waitingAt, 1);
      return true;
    }
    const slot = this.slots.find((s) => s.job === id);
    if (!slot) return false;
    slot.job = null;
    const index = this.slots.indexOf(slot);
    this.slots[index] = this.spawn();
    await slot.worker.terminate();
    this.pump();
    return true;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job || !this.waiting.length) continue;
      const next = this.waiting.shift()!;
      slot.job = next.id;
      this.options.hooks.onStart(next.id);
      void slot.ready.then(() => {
        if (slot.job === next.id)
          slot.worker.postMessage({ type: "render", id: next.id, request: next.request } satisfies ToThread);
      });
    }
  }

  /**
   * Stops taking work; waiting jobs fail at once, running ones get `graceMs` to finish and are then
   * failed and their threads stopped, so that no caller is left without an answer.
   */
  async shutdown(graceMs: number): Promise<void> {
    this.closing = true;
    for (const w of this.waiting.splice(0))
      this.options.hooks.onDone(w.id, { ok: false, code: "shutting_down", message: "The engine is shutting down" });
    const deadline = Date.now() + graceMs;
    while (this.running && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const slot of this.slots) {
      const id = slot.job;
      slot.job = null;
      if (id)
        this.options.hooks.onDone(id, {
          ok: false,
          code: "shutting_down",
          message: "The engine stopped before the song was finished",
        });
    }
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}
