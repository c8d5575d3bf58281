import type { ProviderOperation } from "../db/enums";
import {
  type LyricsWriter,
  type MusicProvider,
  ProviderError,
  type ProviderErrorKind,
  type TrackResult,
} from "./contract";

export interface ProviderCallRecord {
  provider: string;
  operation: ProviderOperation;
  latencyMs: number;
  outcome: "ok" | "error";
  error?: string;
  errorKind?: ProviderErrorKind;
  costCents?: number;
  jobId?: string;
}
export type ProviderCallSink = (record: ProviderCallRecord) => Promise<void> | void;

async function timed<T>(
  sink: ProviderCallSink,
  base: Omit<ProviderCallRecord, "latencyMs" | "outcome">,
  call: () => Promise<T>,
  cost?: (value: T) => number | undefined,
): Promise<T> {
  const started = Date.now();
  try {
    const value = await call();
    const costCents = cost?.(value);
    await sink({
      ...base,
      latencyMs: Date.now() - started,
      outcome: "ok",
      ...(costCents === undefined ? {} : { costCents }),
    });
    return value;
  } catch (err) {
    const error = err instanceof ProviderError ? `${err.kind}: ${err.message}` : String(err);
    await sink({
      ...base,
      latencyMs: Date.now() - started,
      outcome: "error",
      error,
      ...(err instanceof ProviderError ? { errorKind: err.kind } : {}),
    });
    throw err;
  }
}

/**
 * Every call to an engine goes through here, so provider_calls holds each one with its latency and outcome.
 * `only` leaves the other operations unrecorded, for a wrapper whose engines record those themselves.
 */
export function recorded(
  provider: MusicProvider,
  sink: ProviderCallSink,
  jobId?: string,
  cost: (result: TrackResult) => number | undefined = (r) => r.costCents,
  only?: readonly ProviderOperation[],
): MusicProvider {
  const record = <T>(
    operation: ProviderOperation,
    call: () => Promise<T>,
    valueCost?: (value: T) => number | undefined,
  ) =>
    only && !only.includes(operation)
      ? call()
      : timed(sink, { provider: provider.id, operation, ...(jobId ? { jobId } : {}) }, call, valueCost);
  return {
    id: provider.id,
    capabilities: provider.capabilities,
    createTrack: (request) => record("createTrack", () => provider.createTrack(request)),
    getStatus: (taskId) => record("getStatus", () => provider.getStatus(taskId)),
    fetchResult: (taskId) => record("fetchResult", () => provider.fetchResult(taskId), cost),
    cancel: (taskId) => record("cancel", () => provider.cancel(taskId)),
    handleWebhook: (request, taskId) => record("handleWebhook", () => provider.handleWebhook(request, taskId)),
  };
}

export function recordedLyrics(writer: LyricsWriter, sink: ProviderCallSink, jobId?: string): LyricsWriter {
  return {
    id: writer.id,
    writeLyrics: (context) =>
      timed(sink, { provider: writer.id, operation: "writeLyrics", ...(jobId ? { jobId } : {}) }, () =>
        writer.writeLyrics(context),
      ),
  };
}
