import { describe, expect, it } from "vitest";
import type { RenderRequest } from "../pipeline/contract";
import { type PoolHooks, RenderPool } from "./pool";

const thread = new URL("../../test-fixtures/sleepy-thread.mjs", import.meta.url);
const request = (durationSeconds: number, extra: Partial<RenderRequest> = {}): RenderRequest => ({
  lyrics: null,
  styleTags: ["pop"],
  durationSeconds,
  vocal: "instrumental",
  language: "en",
  seed: 1,
  ...extra,
});

function recorder() {
  const events: string[] = [];
  let running = 0;
  let peak = 0;
  const finished = new Map<string, { ok: boolean; code?: string }>();
  const waiters = new Map<string, () => void>();
  const hooks: PoolHooks = {
    onStart: (id) => {
      events.push(`start ${id}`);
      peak = Math.max(peak, ++running);
    },
    onProgress: () => undefined,
    onDone: (id, outcome) => {
      running--;
      finished.set(id, outcome.ok ? { ok: true } : { ok: false, code: outcome.code });
      waiters.get(id)?.();
    },
  };
  const done = (id: string) => (finished.has(id) ? Promise.resolve() : new Promise<void>((r) => waiters.set(id, r)));
  return { hooks, events, finished, done, peak: () => peak };
}

describe("the render pool", () => {
  it("never runs more than its concurrency and refuses work past its queue", async () => {
    const r = recorder();
    const pool = new RenderPool({ concurrency: 2, maxQueue: 2, threadUrl: thread, hooks: r.hooks });
    expect(["a", "b", "c", "d"].map((id) => pool.submit(id, request(10)))).toEqual([true, true, true, true]);
    expect(pool.submit("e", request(10))).toBe(false);
    await Promise.all(["a", "b", "c", "d"].map(r.done));
    expect(r.peak()).toBe(2);
    expect([...r.finished.values()].every((o) => o.ok)).toBe(true);
    expect(pool.submit("f", request(1))).toBe(true);
    await r.done("f");
    await pool.shutdown(1000);
  });

  it("stops a running render on cancel and keeps serving", async () => {
    const r = recorder();
    const pool = new RenderPool({ concurrency: 1, maxQueue: 4, threadUrl: thread, hooks: r.hooks });
    pool.submit("long", request(300));
    pool.submit("queued", request(300));
    await new Promise((res) => setTimeout(res, 200));
    expect(await pool.cancel("queued")).toBe(true);
    expect(await pool.cancel("long")).toBe(true);
    expect(pool.running).toBe(0);
    pool.submit("next", request(1));
    await r.done("next");
    expect(r.finished.has("long")).toBe(false);
    expect(r.finished.has("queued")).toBe(false);
    expect(r.finished.get("next")).toEqual({ ok: true });
    await pool.shutdown(1000);
  });

  it("fails the job of a crashed thread and replaces the thread", async () => {
    const r = recorder();
    const pool = new RenderPool({ concurrency: 1, maxQueue: 4, threadUrl: thread, hooks: r.hooks });
    pool.submit("doomed", request(1, { styleTags: ["crash"] }));
    pool.submit("after", request(1));
    await Promise.all([r.done("doomed"), r.done("after")]);
    expect(r.finished.get("doomed")).toEqual({ ok: false, code: "render_failed" });
    expect(r.finished.get("after")).toEqual({ ok: true });
    await pool.shutdown(1000);
  });

  it("on shutdown finishes what it can within the grace period and fails the rest, leaving no job unanswered", async () => {
    const r = recorder();
    const pool = new RenderPool({ concurrency: 2, maxQueue: 4, threadUrl: thread, hooks: r.hooks });
    pool.submit("quick", request(5));
    pool.submit("slow", request(10_000));
    pool.submit("waiting", request(1));
    // Shut down once both threads are rendering (starting a thread takes longer on a loaded machine).
    while (!(r.events.includes("start quick") && r.events.includes("start slow")))
      await new Promise((res) => setTimeout(res, 10));
    await pool.shutdown(1000);
    expect(r.finished.get("quick")).toEqual({ ok: true });
    expect(r.finished.get("slow")).toEqual({ ok: false, code: "shutting_down" });
    expect(r.finished.get("waiting")).toEqual({ ok: false, code: "shutting_down" });
    expect(pool.submit("late", request(1))).toBe(false);
  });
});
