import { z } from "zod";
import { refusalIn } from "../../domain/failures";
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
} from "../contract";
import { JsonClient, plainJson, retryAfterSeconds } from "../http";
import { fallbackTitle } from "../lyrics/prompt";
import { joinWithin, lyricsPrompt, truncateWords } from "./text";

// Self-hosted gcui-art/suno-api: plain JSON (arrays of clips), errors as `{error}` with the HTTP
// status Suno gave it, no callbacks, no cancel. A development path that breaks often, which is why
// every doubtful answer is "unavailable" and left to failover.

const engine = "suno-wrapper";

const statusKinds: Record<number, ProviderErrorKind> = {
  400: "rejected",
  413: "rejected",
  422: "rejected",
  402: "exhausted",
  429: "rate_limited",
};

const errorSchema = z.object({ error: z.string() });

/** Suno allows 20 requests per 10 s. */
const defaultRateWindowSeconds = 10;

const clipSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  audio_url: z.string().nullish(),
  title: z.string().nullish(),
  lyric: z.string().nullish(),
  prompt: z.string().nullish(),
  model_name: z.string().nullish(),
  duration: z.union([z.number(), z.string()]).nullish(),
  error_message: z.string().nullish(),
});
type Clip = z.infer<typeof clipSchema>;
const clipsSchema = z.array(clipSchema);

const lyricsSchema = z.object({ text: z.string(), title: z.string().nullish(), status: z.string().nullish() });

interface WrapperClientConfig {
  baseUrl: string;
  cookie?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const wrapperClient = (config: WrapperClientConfig) =>
  new JsonClient({
    engine,
    baseUrl: config.baseUrl,
    // A Cookie header overrides the wrapper's own SUNO_COOKIE, so the session can rotate without a redeploy.
    headers: (): Record<string, string> => (config.cookie ? { cookie: config.cookie } : {}),
    read: plainJson(engine, (answer, json) => {
      const detail = errorSchema.safeParse(json);
      const text = detail.success ? detail.data.error : `HTTP ${answer.status}`;
      // Suno's content-policy refusals come through with whatever status it chose: the text tells.
      const refusal = detail.success ? refusalIn(text) : null;
      const kind = refusal ? "rejected" : (statusKinds[answer.status] ?? "unavailable");
      // Suno's documented window when the wrapper passes no Retry-After on.
      const wait =
        kind === "rate_limited" ? (retryAfterSeconds(answer.retryAfter) ?? defaultRateWindowSeconds) : undefined;
      const code = refusal ?? (kind === "rejected" ? "lyrics_invalid" : "engine_unavailable");
      return new ProviderError(kind, `${engine}: ${text}`, answer.status, wait, code);
    }),
    ...(config.fetch ? { fetch: config.fetch } : {}),
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
  });

/** Older chirp models take shorter tags and titles, like the hosted V4. */
function limitsOf(model: string): { tags: number; title: number } {
  return /^chirp-v[34](-|$)/.test(model) ? { tags: 200, title: 80 } : { tags: 1000, title: 100 };
}

/** The wrapper's known failure modes hand out links that are not audio. */
function usableAudioUrl(url: string | null | undefined): url is string {
  if (!url) return false;
  const path = url.split("?")[0] ?? "";
  return !path.includes("/api/forbidden") && !path.endsWith("None.mp3");
}

function durationOf(clip: Clip): number | undefined {
  const seconds = Number(clip.duration);
  return clip.duration != null && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

function clipIds(taskId: string): string[] {
  return taskId.split(",").filter((id) => id.length > 0);
}

export interface SunoWrapperConfig {
  baseUrl: string;
  /** Always set: the wrapper's default model is stale. */
  model: string;
  cookie?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class SunoWrapperProvider implements MusicProvider {
  readonly id = "suno-wrapper";
  // The wrapper sends the lyrics to Suno's web app, which takes 3,000 characters.
  // Suno's web app picks the song's length, up to 8 minutes with the current models.
  readonly capabilities = { callbacks: false, cancel: false, maxLyricsChars: 3_000, ownLengthUpToSeconds: 480 };
  private readonly client: JsonClient;

  constructor(private readonly config: SunoWrapperConfig) {
    this.client = wrapperClient(config);
  }

  /** The task id is the clip ids joined by commas: exactly what `/api/get?ids=` takes back. */
  async createTrack(request: TrackRequest): Promise<{ taskId: string }> {
    const instrumental = request.vocal === "instrumental";
    if (!instrumental && !request.lyrics)
      throw new ProviderError(
        "rejected",
        `${engine}: a sung track needs lyrics`,
        undefined,
        undefined,
        "lyrics_invalid",
      );
    const limits = limitsOf(this.config.model);
    // The wrapper has no vocal-gender field; Suno reads the singer from the tags.
    const vocalTag = instrumental ? "" : request.vocal === "male" ? "male vocals" : "female vocals";
    const clips = await this.client.post(
      "/api/custom_generate",
      {
        prompt: instrumental || !request.lyrics ? "" : formatLyricsText(request.lyrics),
        tags: joinWithin([vocalTag, ...request.styleTags, request.mood ?? ""], ", ", limits.tags),
        title: truncateWords(request.title, limits.title) || "Untitled",
        make_instrumental: instrumental,
        model: this.config.model,
        wait_audio: false,
        negative_tags: "",
      },
      clipsSchema,
    );
    if (clips.length === 0) throw new ProviderError("unavailable", `${engine}: generation answered no clip`);
    return { taskId: clips.map((c) => c.id).join(",") };
  }

  async getStatus(taskId: string): Promise<TaskStatus> {
    return statusOf(await this.clips(taskId));
  }

  async fetchResult(taskId: string): Promise<TrackResult> {
    const clips = await this.clips(taskId);
    assertSucceeded(statusOf(clips), `${engine}: clips ${taskId} are not finished`);
    const takes: Take[] = clips.flatMap((clip) => {
      if (!clip || !usableAudioUrl(clip.audio_url)) return [];
      const lyricsText = clip.lyric || clip.prompt;
      const durationSeconds = durationOf(clip);
      return [
        {
          providerTakeId: clip.id,
          audioUrl: clip.audio_url,
          format: "mp3" as const,
          ...(clip.title ? { title: clip.title } : {}),
          ...(lyricsText ? { lyricsText } : {}),
          ...(durationSeconds ? { durationSeconds } : {}),
          ...(clip.model_name ? { model: clip.model_name } : {}),
        },
      ];
    });
    if (takes.length === 0)
      throw new ProviderError(
        "unavailable",
        `${engine}: clips ${taskId} have no downloadable audio`,
        undefined,
        undefined,
        "result_invalid",
      );
    return { takes, model: takes[0]?.model ?? this.config.model };
  }

  /** Suno offers no way to stop clips through the wrapper: cancelling only means we stop caring. */
  async cancel(_taskId: string): Promise<void> {}

  async handleWebhook(_request: Request): Promise<WebhookOutcome> {
    return { kind: "ignored", reason: "the Suno wrapper sends no callbacks" };
  }

  /** One entry per requested id, in order; an id the wrapper did not return is undefined. */
  private async clips(taskId: string): Promise<(Clip | undefined)[]> {
    const ids = clipIds(taskId);
    if (ids.length === 0) throw new ProviderError("rejected", `${engine}: malformed task id "${taskId}"`);
    const found = await this.client.get(`/api/get?ids=${ids.map(encodeURIComponent).join(",")}`, clipsSchema);
    return ids.map((id) => found.find((c) => c.id === id));
  }
}

function statusOf(clips: (Clip | undefined)[]): TaskStatus {
  const failed = clips.find((c) => c?.status === "error");
  if (failed) {
    const message = failed.error_message?.trim() || "generation failed";
    const refusal = refusalIn(message);
    const error = refusal
      ? { kind: "rejected" as const, code: refusal }
      : { kind: "unavailable" as const, code: "engine_unavailable" as const };
    return { state: "failed", error: { ...error, message, providerCode: "error" } };
  }
  if (clips.every((c) => c?.status === "complete")) return { state: "succeeded" };
  if (clips.some((c) => c?.status === "streaming" || c?.status === "complete"))
    return { state: "running", progress: 0.6, stage: "streaming" };
  if (clips.every((c) => c && ["submitted", "queued", "queue"].includes(c.status)))
    return { state: "pending", stage: "queued" };
  // Missing clips or a status this adapter does not know: keep waiting, the job's deadline decides.
  return { state: "running", stage: clips.map((c) => c?.status ?? "missing").join(",") };
}

export interface SunoWrapperLyricsConfig {
  baseUrl: string;
  cookie?: string;
  fetch?: typeof fetch;
  /** The wrapper waits for Suno before answering, so this bounds the whole lyrics generation. */
  timeoutMs?: number;
}

export class SunoWrapperLyricsWriter implements LyricsWriter {
  readonly id = "suno-wrapper";
  private readonly client: JsonClient;

  constructor(config: SunoWrapperLyricsConfig) {
    this.client = wrapperClient({ ...config, timeoutMs: config.timeoutMs ?? 60_000 });
  }

  async writeLyrics(context: SongContext): Promise<Lyrics> {
    const answer = await this.client.post("/api/generate_lyrics", { prompt: lyricsPrompt(context) }, lyricsSchema);
    if (answer.status && answer.status !== "complete")
      throw new ProviderError("unavailable", `${engine}: lyrics ${answer.status}`);
    const lyrics = parseLyricsText(answer.text, answer.title?.trim() || fallbackTitle(context));
    if (lyrics.sections.length === 0) throw new ProviderError("unavailable", `${engine}: empty lyrics`);
    return lyrics;
  }
}
