import { describe, expect, it } from "vitest";
import { failureClassOf } from "../domain/failures";
import {
  failureOf,
  type MusicProvider,
  ProviderError,
  type ProviderErrorInfo,
  type TaskStatus,
  type TrackRequest,
} from "./contract";
import type { EngineDescriptor, EngineVars } from "./engine";
import { buildEngines } from "./engine-registry";

// The one contract every engine's adapter passes against its simulator: each engine's contract.test.ts calls
// `engineContract` with its descriptor and how to drive its simulator. What is checked is what the job machine
// relies on: the stages move forward, a finished task gives downloadable takes, cancel and callbacks behave as
// the descriptor says, and each way an engine fails lands in the failure class the machine acts on.

/** The failure classes an engine can put an order in, plus back-pressure (busy, which is not a failure). */
export type Fault = "rejected" | "unavailable" | "invalid_result" | "busy";

export interface EngineHarness {
  descriptor: EngineDescriptor;
  /** The Worker's vars in the test environment, which point the engine at its simulator. */
  vars: EngineVars;
  /** Back to a simulator where every task succeeds after at least one status call showing progress. */
  reset(): Promise<void>;
  /**
   * Puts the simulator in `fault`; may return how the order must differ to show it (e.g. words the engine refuses).
   * A fault the engine cannot show is a string saying why (the suite lists it as skipped, with that reason).
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a fault set up by calls alone changes nothing in the order.
  fault: Record<Fault, (() => Promise<Partial<TrackRequest> | void>) | string>;
  /**
   * The callbacks the engine sent (or would send) about `taskId`, which was created with `callbackUrl`, as the
   * requests our webhook route receives. Engines that call back nowhere give none.
   */
  callbacks(taskId: string, callbackUrl: string): Promise<Request[]>;
  /** A callback URL the simulator can reach (engines that call back post there). */
  callbackUrl: string;
  /** How long the engine may take between status calls (its simulator's pace). */
  pollMs?: number;
}

export const sungOrder: TrackRequest = {
  jobId: "job_contract",
  title: "Pour Marie",
  lyrics: {
    title: "Pour Marie",
    sections: [{ kind: "chorus", lines: ["Joyeux anniversaire Marie", "Le soleil danse pour toi"] }],
  },
  styleTags: ["pop"],
  vocal: "female",
  language: "fr",
  durationSeconds: 10,
  seed: 7,
};

const terminal = (s: TaskStatus) => s.state === "succeeded" || s.state === "failed";

/** Polls until the task ends; returns every status seen, in order. */
async function statuses(adapter: MusicProvider, taskId: string, pollMs: number): Promise<TaskStatus[]> {
  const seen: TaskStatus[] = [];
  for (let i = 0; i < 200; i++) {
    const status = await adapter.getStatus(taskId);
    seen.push(status);
    if (terminal(status)) return seen;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`task ${taskId} never ended: ${JSON.stringify(seen.slice(-3))}`);
}

/** Runs an order as the job machine does and returns the first error on the way, or null when it delivers. */
async function firstError(
  adapter: MusicProvider,
  request: TrackRequest,
  pollMs: number,
): Promise<(ProviderErrorInfo & { retryAfterSeconds?: number }) | null> {
  try {
    const { taskId } = await adapter.createTrack(request);
    const last = (await statuses(adapter, taskId, pollMs)).at(-1)!;
    if (last.state === "failed") return last.error;
    await adapter.fetchResult(taskId);
    return null;
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    return {
      ...err.toInfo(),
      ...(err.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: err.retryAfterSeconds }),
    };
  }
}

const allowed = (url: string, hosts: string[]) => {
  const { host, hostname, port } = new URL(url);
  return hosts.some((h) =>
    h.startsWith("*.") ? port === "" && hostname.endsWith(h.slice(1)) : host === h.toLowerCase(),
  );
};

/** A failure-class case, or a skipped one naming why the engine cannot show that fault. */
function faultCase(
  title: string,
  fault: EngineHarness["fault"][Fault],
  // biome-ignore lint/suspicious/noConfusingVoidType: a fault set up by calls alone changes nothing in the order.
  run: (fault: () => Promise<Partial<TrackRequest> | void>) => Promise<void>,
) {
  if (typeof fault === "string") it.skip(`${title} (${fault})`, () => {});
  else it(title, () => run(fault));
}

export function engineContract(harness: EngineHarness): void {
  const { descriptor, vars } = harness;
  const pollMs = harness.pollMs ?? 50;
  // Built as the registry builds it, from the list: an engine missing from the list fails here.
  const adapter = () => {
    const engine = buildEngines(vars).find((p) => p.id === descriptor.id);
    if (!engine) throw new Error(`${descriptor.id} is not in the engine list, or these vars do not turn it on`);
    return engine;
  };
  const order = (overrides?: Partial<TrackRequest>): TrackRequest => ({
    ...sungOrder,
    ...(descriptor.capabilities.sings ? {} : { vocal: "instrumental", lyrics: null }),
    callbackUrl: harness.callbackUrl,
    ...overrides,
  });

  describe(`the ${descriptor.id} engine keeps the provider contract`, () => {
    it("is on in the test environment, and its adapter is the engine its descriptor describes", () => {
      expect(descriptor.enabled(vars)).toBe(true);
      const engine = adapter();
      expect(engine.id).toBe(descriptor.id);
      expect({
        callbacks: engine.capabilities.callbacks,
        cancel: engine.capabilities.cancel,
        sings: engine.capabilities.maxLyricsChars > 0,
      }).toEqual(descriptor.capabilities);
    });

    it("creates a task whose status moves forward through its stages to success, then gives takes to download from its allowed hosts", async () => {
      await harness.reset();
      const engine = adapter();
      const { taskId } = await engine.createTrack(order());
      const seen = await statuses(engine, taskId, pollMs);
      // Never backwards: pending before running before succeeded, and something before the end.
      const rank = { pending: 0, running: 1, succeeded: 2, failed: 3 } as const;
      const ranks = seen.map((s) => rank[s.state]);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(seen.length).toBeGreaterThan(1);
      expect(seen.at(-1)).toEqual({ state: "succeeded" });

      const result = await engine.fetchResult(taskId);
      expect(result.takes.length).toBeGreaterThan(0);
      for (const take of result.takes) {
        expect(allowed(take.audioUrl, descriptor.audioHosts(vars)), take.audioUrl).toBe(true);
        const audio = await fetch(take.audioUrl);
        const bytes = new Uint8Array(await audio.arrayBuffer());
        expect(audio.status).toBe(200);
        // An MP3 frame or an ID3 tag, or a WAV file: audio, not an error page.
        expect([
          bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0,
          String.fromCharCode(...bytes.slice(0, 3)) === "ID3",
          String.fromCharCode(...bytes.slice(0, 4)) === "RIFF",
        ]).toContain(true);
      }
      expect(descriptor.cost(result, vars)).toBe(result.costCents);
    });

    it(
      descriptor.capabilities.cancel
        ? "cancels a running task, which then ends failed"
        : "accepts a cancel it cannot pass on, and the task stays readable",
      async () => {
        await harness.reset();
        const engine = adapter();
        const { taskId } = await engine.createTrack(order({ durationSeconds: 60 }));
        await engine.cancel(taskId);
        const last = (await statuses(engine, taskId, pollMs)).at(-1)!;
        expect(last.state).toBe(descriptor.capabilities.cancel ? "failed" : "succeeded");
      },
    );

    it(
      descriptor.capabilities.callbacks
        ? "takes its callbacks as hints naming the job's task, and ignores those about another task"
        : "ignores callbacks (it sends none)",
      async () => {
        await harness.reset();
        const engine = adapter();
        const { taskId } = await engine.createTrack(order());
        await statuses(engine, taskId, pollMs);
        const callbacks = await harness.callbacks(taskId, harness.callbackUrl);
        if (!descriptor.capabilities.callbacks) {
          expect(callbacks).toEqual([]);
          const stray = new Request(harness.callbackUrl, { method: "POST", body: JSON.stringify({ task_id: taskId }) });
          expect(await engine.handleWebhook(stray, taskId)).toMatchObject({ kind: "ignored" });
          return;
        }
        expect(callbacks.length).toBeGreaterThan(0);
        for (const callback of callbacks) {
          const hint = await engine.handleWebhook(callback.clone(), taskId);
          expect(hint).toMatchObject({ kind: "hint", taskId });
          expect(await engine.handleWebhook(callback.clone(), "another-task")).toMatchObject({ kind: "ignored" });
        }
      },
    );

    faultCase(
      "fails an order whose words it refuses as rejected: no other engine is asked",
      harness.fault.rejected,
      async (fault) => {
        await harness.reset();
        const error = await firstError(adapter(), order((await fault()) ?? undefined), pollMs);
        expect(error).not.toBeNull();
        expect(failureClassOf[failureOf(error!)]).toBe("rejected");
      },
    );

    faultCase(
      "fails an order as unavailable when the engine is down: the next engine takes it",
      harness.fault.unavailable,
      async (fault) => {
        await harness.reset();
        const error = await firstError(adapter(), order((await fault()) ?? undefined), pollMs);
        expect(error).not.toBeNull();
        expect(failureClassOf[failureOf(error!)]).toBe("unavailable");
      },
    );

    faultCase(
      "fails an order as an invalid result when the engine finishes without usable audio",
      harness.fault.invalid_result,
      async (fault) => {
        await harness.reset();
        const error = await firstError(adapter(), order((await fault()) ?? undefined), pollMs);
        expect(error).not.toBeNull();
        expect(failureClassOf[failureOf(error!)]).toBe("invalid_result");
      },
    );

    faultCase(
      "says busy, with how long to wait, when the engine pushes back: not a failure",
      harness.fault.busy,
      async (fault) => {
        await harness.reset();
        const error = await firstError(adapter(), order((await fault()) ?? undefined), pollMs);
        expect(error).toMatchObject({ kind: "rate_limited" });
        expect(error!.retryAfterSeconds).toBeGreaterThan(0);
      },
    );
  });
}
