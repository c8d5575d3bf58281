import { z } from "zod";
import type { FailureCode } from "../domain/failures";
import { type Lyrics, lineTimingSchema, type SongContext } from "../domain/lyrics";
import { audioFormats, type Language, type Vocal } from "../domain/values";

export { type LineTiming, type Lyrics, type LyricsSection, lineTimingSchema, type SongContext } from "../domain/lyrics";

/** One order as every music engine receives it; each adapter maps it onto its own API. */
export interface TrackRequest {
  jobId: string;
  title: string;
  lyrics: Lyrics | null;
  styleTags: string[];
  mood?: string;
  vocal: Vocal;
  language: Language;
  durationSeconds: number;
  seed: number;
  /** Where the engine may call back; it carries an unguessable per-job token. */
  callbackUrl?: string;
  /** How to sing some written words (e.g. a name); engines that only take text ignore it. */
  pronunciations?: Record<string, string>;
}

export type TaskStatus =
  | { state: "pending"; progress?: number; stage?: string }
  | { state: "running"; progress?: number; stage?: string }
  | { state: "succeeded" }
  | { state: "failed"; error: ProviderErrorInfo };

/**
 * One finished take: engines deliver two per order and the person keeps the one they prefer.
 * A schema, because takes travel through queues between the steps and are parsed on arrival.
 */
export const takeSchema = z.object({
  providerTakeId: z.string(),
  audioUrl: z.string(),
  format: z.enum(audioFormats),
  title: z.string().optional(),
  lyricsText: z.string().optional(),
  durationSeconds: z.number().optional(),
  model: z.string().optional(),
  /** Measured by engines that master their own audio. */
  loudnessLufs: z.number().optional(),
  sampleRate: z.number().optional(),
  /** The same take, lossless, when the engine offers it. */
  wavUrl: z.string().optional(),
  /** When a take's lyrics are sung, line by line (the built-in engine always knows). */
  timings: z.array(lineTimingSchema).optional(),
  /** Set by composite engines (blind comparison), where each take comes from another engine. */
  provider: z.string().optional(),
});
export type Take = z.infer<typeof takeSchema>;

export interface TrackResult {
  takes: Take[];
  model?: string;
  costCents?: number;
}

/**
 * A webhook never changes a job by itself: it is a hint to check the task's status now. The hint names the
 * job's whole task (what `createTrack` returned), so nothing outside the adapter reads an engine's task ids.
 */
export type WebhookOutcome = { kind: "hint"; taskId: string; dedupeKey: string } | { kind: "ignored"; reason: string };

/**
 * What a callback naming the engine's task `named` means for a job whose current task is `current` (null
 * before the engine answered the create). `parts` splits a task the engine made of several (one per take).
 */
export function webhookHint(
  current: string | null | undefined,
  named: string,
  dedupeKey: string,
  parts: (taskId: string) => string[] = (t) => [t],
): WebhookOutcome {
  if (current && !parts(current).includes(named))
    return { kind: "ignored", reason: "the callback is about another task than the job's" };
  return { kind: "hint", taskId: current ?? named, dedupeKey };
}

export const providerErrorKinds = [
  /** The request itself is refused (moderation, copyrighted lyrics, bad parameters): retrying cannot help. */
  "rejected",
  /** The engine is down, in maintenance, slow or answered garbage: another attempt or another engine may work. */
  "unavailable",
  /** The engine's own quota or credits are exhausted. */
  "exhausted",
  /** Too many requests: try again later. */
  "rate_limited",
  /** The webhook could not be authenticated. */
  "unauthenticated",
] as const;
export type ProviderErrorKind = (typeof providerErrorKinds)[number];

export interface ProviderErrorInfo {
  kind: ProviderErrorKind;
  /** The engine's own words: for logs and operators, never shown to a person. */
  message: string;
  providerCode?: string | number;
  /** What the failure means for the order; adapters set it, `failureOf` falls back on the kind. */
  code?: FailureCode;
}

/** The closed failure code of an engine's error: the adapter's own, else the kind's usual meaning. */
export function failureOf(error: Pick<ProviderErrorInfo, "kind" | "code">): FailureCode {
  return error.code ?? (error.kind === "rejected" ? "lyrics_invalid" : "engine_unavailable");
}

export class ProviderError extends Error implements ProviderErrorInfo {
  override readonly name = "ProviderError";
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly providerCode?: string | number,
    readonly retryAfterSeconds?: number,
    readonly code?: FailureCode,
  ) {
    super(message);
  }
  get retryable(): boolean {
    return this.kind !== "rejected" && this.kind !== "unauthenticated";
  }
  toInfo(): ProviderErrorInfo {
    return {
      kind: this.kind,
      message: this.message,
      ...(this.providerCode === undefined ? {} : { providerCode: this.providerCode }),
      ...(this.code ? { code: this.code } : {}),
    };
  }
}

/**
 * `fetchResult` on a task that has not succeeded: the engine's own failure as it classified it, or
 * "not finished yet", which is worth asking again.
 */
export function assertSucceeded(status: TaskStatus, notFinished: string): void {
  if (status.state === "failed") {
    const { kind, message, providerCode, code } = status.error;
    throw new ProviderError(kind, message, providerCode, undefined, code);
  }
  if (status.state !== "succeeded") throw new ProviderError("unavailable", notFinished);
}

export interface ProviderCapabilities {
  /** The engine calls back; polling is then a safety net, not the main path. */
  callbacks: boolean;
  /** The engine can stop a running task; otherwise cancel is local only. */
  cancel: boolean;
  /** The longest lyrics the engine takes, in characters as sent (0: it sings none). */
  maxLyricsChars: number;
  /**
   * For an engine that takes no duration and picks the song's length itself (Suno), the longest song it
   * makes. Absent: the engine plays the duration it is asked for.
   */
  ownLengthUpToSeconds?: number;
}

/** The one contract every music engine implements. Nothing outside `providers/` knows an engine's API. */
export interface MusicProvider {
  readonly id: string;
  readonly capabilities: ProviderCapabilities;
  createTrack(request: TrackRequest): Promise<{ taskId: string }>;
  getStatus(taskId: string): Promise<TaskStatus>;
  fetchResult(taskId: string): Promise<TrackResult>;
  cancel(taskId: string): Promise<void>;
  /** `taskId`: the job's current task, which the callback must be about to be a hint. */
  handleWebhook(request: Request, taskId?: string | null): Promise<WebhookOutcome>;
}

/** Writes a song's lyrics from a context; custom orders bring their own. */
export interface LyricsWriter {
  readonly id: string;
  writeLyrics(context: SongContext): Promise<Lyrics>;
}
