import { z } from "zod";
import { type FailureCode, refusalIn } from "../../domain/failures";
import { formatLyricsText, parseLyricsText } from "../../domain/lyrics-text";
import {
  assertSucceeded,
  type Lyrics,
  type LyricsWriter,
  type MusicProvider,
  ProviderError,
  type ProviderErrorKind,
  type SongContext,
  type Take,
  type TaskStatus,
  type TrackRequest,
  type TrackResult,
  type WebhookOutcome,
  webhookHint,
} from "../contract";
import { JsonClient, parseJson, type RawAnswer, type Reading, retryAfterSeconds } from "../http";
import { fallbackTitle } from "../lyrics/prompt";
import { joinWithin, lyricsPrompt, truncateWords } from "./text";

// ---------------------------------------------------------------------------------------------
// Hosted API (sunoapi.org / kie.ai): JSON envelope `{code, msg, data}`, Bearer key, callbacks.

const engine = "suno";

/** The API's own codes: 429 means *our* credits are gone, 430 is the rate limit, 455 maintenance.
 *  401 and everything unknown count as unavailable: a bad key is our configuration, not the order's
 *  fault, and another engine can still serve it. A 400 refuses the request itself: its words when it
 *  says so (copyrighted lyrics, sensitive words), else the request as we made it. */
const codeKinds: Record<number, ProviderErrorKind> = {
  400: "rejected",
  413: "rejected",
  405: "rate_limited",
  429: "exhausted",
  430: "rate_limited",
  455: "unavailable",
};

/** Its documented rate is 20 requests per 10 s; without a Retry-After header wait that window. */
const defaultRateWindowSeconds = 10;

function codeError(code: number, msg: string | null | undefined, retryAfter: string | null): ProviderError {
  const text = msg?.trim() || `code ${code}`;
  const refusal = code === 400 ? refusalIn(text) : null;
  const kind = codeKinds[code] ?? "unavailable";
  const wait = kind === "rate_limited" ? (retryAfterSeconds(retryAfter) ?? defaultRateWindowSeconds) : undefined;
  const failure: FailureCode = refusal ?? (kind === "rejected" ? "lyrics_invalid" : "engine_unavailable");
  return new ProviderError(kind, `${engine}: ${text}`, code, wait, failure);
}

const envelopeSchema = z.object({ code: z.number(), msg: z.string().nullish(), data: z.unknown() });

/** The API mostly answers HTTP 200 with the error in `code`, but proxies and outages speak HTTP. */
function readEnvelope(answer: RawAnswer, path: string): Reading {
  const json = parseJson(answer.body);
  const envelope = json.ok ? envelopeSchema.safeParse(json.value) : undefined;
  if (envelope?.success && envelope.data.code !== 200)
    return { ok: false, error: codeError(envelope.data.code, envelope.data.msg, answer.retryAfter) };
  if (answer.status < 200 || answer.status >= 300)
    return { ok: false, error: codeError(answer.status, `HTTP ${answer.status}`, answer.retryAfter) };
  // Garbage from an outage's proxy page: the engine, not the order.
  if (!envelope?.success)
    return { ok: false, error: new ProviderError("unavailable", `${engine}: unreadable answer to ${path}`) };
  return { ok: true, value: envelope.data.data };
}

interface HostedClientConfig {
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const hostedClient = (config: HostedClientConfig) =>
  new JsonClient({
    engine,
    baseUrl: config.baseUrl,
    headers: () => ({ authorization: `Bearer ${config.apiKey}` }),
    read: readEnvelope,
    ...(config.fetch ? { fetch: config.fetch } : {}),
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
  });

const taskIdSchema = z.object({ taskId: z.string().min(1) });

const sunoDataSchema = z.object({
  id: z.string().min(1),
  audioUrl: z.string().nullish(),
  title: z.string().nullish(),
  prompt: z.string().nullish(),
  modelName: z.string().nullish(),
  duration: z.number().nullish(),
});

const recordInfoSchema = z.object({
  status: z.string().min(1),
  response: z.object({ sunoData: z.array(sunoDataSchema).nullish() }).nullish(),
  errorCode: z.union([z.number(), z.string()]).nullish(),
  errorMessage: z.string().nullish(),
});
type RecordInfo = z.infer<typeof recordInfoSchema>;

/** Terminal statuses, and what their task's error code says (the callback codes): 400 the words are
 *  refused (copyrighted lyrics or sensitive words), 413 the audio matches an existing work, 408 the
 *  engine timed out, 501 generation failed, 531 failed with credits refunded by the provider. */
const failedStatuses = new Set([
  "CREATE_TASK_FAILED",
  "GENERATE_AUDIO_FAILED",
  "CALLBACK_EXCEPTION",
  "SENSITIVE_WORD_ERROR",
]);

function taskFailure(
  status: string,
  errorCode: number | string | null | undefined,
  message: string,
): { kind: ProviderErrorKind; code: FailureCode } {
  const code = Number(errorCode);
  if (status === "SENSITIVE_WORD_ERROR" || code === 400)
    return { kind: "rejected", code: refusalIn(message) ?? "content_refused" };
  if (code === 413) return { kind: "rejected", code: "copyright_refused" };
  if (code === 408) return { kind: "unavailable", code: "engine_stalled" };
  return { kind: "unavailable", code: "engine_unavailable" };
}

function statusOf(info: RecordInfo): TaskStatus {
  if (failedStatuses.has(info.status)) {
    const message = info.errorMessage?.trim() || info.status;
    const { kind, code } = taskFailure(info.status, info.errorCode, message);
    return { state: "failed", error: { kind, code, message, providerCode: info.errorCode ?? info.status } };
  }
  switch (info.status) {
    case "PENDING":
      return { state: "pending", stage: "queued" };
    case "TEXT_SUCCESS":
      return { state: "running", progress: 0.4, stage: "text_ready" };
    case "FIRST_SUCCESS":
      return { state: "running", progress: 0.7, stage: "first_take_ready" };
    case "SUCCESS":
      return { state: "succeeded" };
    default:
      // A status added after this adapter was written must never end a job on its own.
      return { state: "running", stage: info.status.toLowerCase() };
  }
}

/** Limits of custom mode: V4 (and older) accept less than V4_5 onwards. */
function limitsOf(model: string): { style: number; title: number; prompt: number } {
  return model === "V4" || model.startsWith("V3")
    ? { style: 200, title: 80, prompt: 3_000 }
    : { style: 1000, title: 100, prompt: 5_000 };
}

export interface SunoHostedConfig {
  baseUrl: string;
  apiKey: string;
  /** V4 | V4_5 | V4_5PLUS | V4_5ALL | V5 | V5_5 */
  model: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class SunoHostedProvider implements MusicProvider {
  readonly id = "suno";
  readonly capabilities;
  private readonly client: JsonClient;

  constructor(private readonly config: SunoHostedConfig) {
    this.client = hostedClient(config);
    // No duration parameter: Suno picks the length, up to 4 minutes on V4 and 8 from V4_5.
    const longest = config.model === "V4" || config.model.startsWith("V3") ? 240 : 480;
    this.capabilities = {
      callbacks: true,
      cancel: false,
      maxLyricsChars: limitsOf(config.model).prompt,
      ownLengthUpToSeconds: longest,
    };
  }

  async createTrack(request: TrackRequest): Promise<{ taskId: string }> {
    const instrumental = request.vocal === "instrumental";
    // Custom mode requires both; checked here so a misconfigured caller does not spend a request.
    if (!request.callbackUrl) throw new ProviderError("rejected", `${engine}: the hosted API requires a callback URL`);
    if (!instrumental && !request.lyrics)
      throw new ProviderError(
        "rejected",
        `${engine}: a sung track needs lyrics`,
        undefined,
        undefined,
        "lyrics_invalid",
      );
    const limits = limitsOf(this.config.model);
    const body = {
      customMode: true,
      instrumental,
      model: this.config.model,
      callBackUrl: request.callbackUrl,
      ...(instrumental || !request.lyrics ? {} : { prompt: formatLyricsText(request.lyrics) }),
      // Custom mode requires a style; an order without tags still gets a neutral one.
      style: joinWithin([...request.styleTags, request.mood ?? ""], ", ", limits.style) || "pop",
      title: truncateWords(request.title, limits.title) || "Untitled",
      negativeTags: "",
      ...(instrumental ? {} : { vocalGender: request.vocal === "male" ? "m" : "f" }),
    };
    return this.client.post("/api/v1/generate", body, taskIdSchema);
  }

  async getStatus(taskId: string): Promise<TaskStatus> {
    return statusOf(await this.recordInfo(taskId));
  }

  async fetchResult(taskId: string): Promise<TrackResult> {
    const info = await this.recordInfo(taskId);
    assertSucceeded(statusOf(info), `${engine}: task ${taskId} is not finished (${info.status})`);
    const takes: Take[] = (info.response?.sunoData ?? []).flatMap((clip) =>
      clip.audioUrl
        ? [
            {
              providerTakeId: clip.id,
              audioUrl: clip.audioUrl,
              format: "mp3" as const,
              ...(clip.title ? { title: clip.title } : {}),
              ...(clip.prompt ? { lyricsText: clip.prompt } : {}),
              ...(clip.duration ? { durationSeconds: clip.duration } : {}),
              ...(clip.modelName ? { model: clip.modelName } : {}),
            },
          ]
        : [],
    );
    if (takes.length === 0)
      throw new ProviderError(
        "unavailable",
        `${engine}: task ${taskId} succeeded without any audio URL`,
        undefined,
        undefined,
        "result_invalid",
      );
    return { takes, model: takes[0]?.model ?? this.config.model };
  }

  /** The hosted API cannot stop a task: cancelling only means we stop caring about it. */
  async cancel(_taskId: string): Promise<void> {}

  /** Callbacks are unsigned, so their content is never trusted: each one only says "look at this task". */
  async handleWebhook(request: Request, current?: string | null): Promise<WebhookOutcome> {
    const json = parseJson(await request.text());
    if (!json.ok) return { kind: "ignored", reason: "callback body is not JSON" };
    const parsed = callbackSchema.safeParse(json.value);
    if (!parsed.success) return { kind: "ignored", reason: "callback is not a Suno task callback" };
    const { callbackType, task_id, taskId } = parsed.data.data;
    // Music callbacks say task_id; the lyrics callbacks of sunoapi.org say taskId.
    const id = task_id ?? taskId;
    if (!id) return { kind: "ignored", reason: "callback names no task" };
    return webhookHint(current, id, `${id}:${callbackType}`);
  }

  private recordInfo(taskId: string): Promise<RecordInfo> {
    return this.client.get(`/api/v1/generate/record-info?taskId=${encodeURIComponent(taskId)}`, recordInfoSchema);
  }
}

const callbackSchema = z.object({
  code: z.number(),
  data: z.object({
    callbackType: z.string().min(1),
    task_id: z.string().min(1).optional(),
    taskId: z.string().min(1).optional(),
  }),
});

const lyricsInfoSchema = z.object({
  status: z.string().min(1),
  response: z
    .object({ data: z.array(z.object({ text: z.string().nullish(), title: z.string().nullish() })).nullish() })
    .nullish(),
  errorCode: z.union([z.number(), z.string()]).nullish(),
  errorMessage: z.string().nullish(),
});

const lyricsFailureKinds: Record<string, ProviderErrorKind> = {
  CREATE_TASK_FAILED: "unavailable",
  GENERATE_LYRICS_FAILED: "unavailable",
  CALLBACK_EXCEPTION: "unavailable",
  SENSITIVE_WORD_ERROR: "rejected",
};

export interface SunoHostedLyricsConfig {
  baseUrl: string;
  apiKey: string;
  /** The API requires one even though this writer polls; the endpoint only needs to answer 2xx. */
  callbackUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** First wait before polling; it grows by half each time up to 5 s. */
  pollIntervalMs?: number;
  /** Lyrics usually take seconds; past this the engine counts as unavailable. */
  maxWaitMs?: number;
}

const maxPollIntervalMs = 5_000;

export class SunoHostedLyricsWriter implements LyricsWriter {
  readonly id = "suno";
  private readonly client: JsonClient;

  constructor(private readonly config: SunoHostedLyricsConfig) {
    this.client = hostedClient(config);
  }

  async writeLyrics(context: SongContext): Promise<Lyrics> {
    const { taskId } = await this.client.post(
      "/api/v1/lyrics",
      { prompt: lyricsPrompt(context), callBackUrl: this.config.callbackUrl },
      taskIdSchema,
    );
    const deadline = Date.now() + (this.config.maxWaitMs ?? 60_000);
    let interval = this.config.pollIntervalMs ?? 2_000;
    let lastProblem = "still pending";
    while (Date.now() + interval <= deadline) {
      await new Promise((resolve) => setTimeout(resolve, interval));
      interval = Math.min(interval * 1.5, maxPollIntervalMs);
      let info: z.infer<typeof lyricsInfoSchema>;
      try {
        info = await this.client.get(
          `/api/v1/lyrics/record-info?taskId=${encodeURIComponent(taskId)}`,
          lyricsInfoSchema,
        );
      } catch (err) {
        // A hiccup while polling does not lose the task already paid for; only the deadline ends the wait.
        if (err instanceof ProviderError && (err.kind === "unavailable" || err.kind === "rate_limited")) {
          lastProblem = err.message;
          continue;
        }
        throw err;
      }
      const variant = info.response?.data?.find((v) => v.text?.trim());
      // A failed callback (our endpoint, not theirs) still leaves the lyrics readable.
      if (variant?.text && (info.status === "SUCCESS" || info.status === "CALLBACK_EXCEPTION")) {
        const lyrics = parseLyricsText(variant.text, variant.title?.trim() || fallbackTitle(context));
        if (lyrics.sections.length === 0)
          throw new ProviderError("unavailable", `${engine}: lyrics task ${taskId} returned no lyrics`);
        return lyrics;
      }
      const failure = lyricsFailureKinds[info.status];
      if (failure || info.status === "SUCCESS") {
        throw new ProviderError(
          failure ?? "unavailable",
          `${engine}: ${info.errorMessage?.trim() || info.status}`,
          info.errorCode ?? info.status,
        );
      }
      lastProblem = `status ${info.status}`;
    }
    throw new ProviderError("unavailable", `${engine}: lyrics task ${taskId} not ready in time (${lastProblem})`);
  }
}
