import { z } from "zod";
import { refusalIn } from "../../domain/failures";
import {
  type MusicProvider,
  ProviderError,
  type TaskStatus,
  type TrackRequest,
  type TrackResult,
  type WebhookOutcome,
} from "../contract";
import { JsonClient, plainJson, retryAfterSeconds } from "../http";

export interface MubertConfig {
  /** https://music-api.mubert.com/api/v3 in production. */
  baseUrl: string;
  companyId: string;
  licenseToken: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

// Mubert API v3: a service account (company-id + license-token) finds or creates a customer, whose
// access id and token then authorize track generation. Generations are polled; their URLs expire.
const customerSchema = z.object({ data: z.object({ access: z.object({ id: z.string(), token: z.string() }) }) });
const generationSchema = z.object({
  status: z.string(),
  url: z.string().nullish(),
  expired_at: z.string().nullish(),
  bitrate: z.number().nullish(),
  format: z.string().nullish(),
});
const trackSchema = z.object({
  data: z.object({
    id: z.string(),
    duration: z.number().nullish(),
    generations: z.array(generationSchema).default([]),
  }),
});

const intensityFor = (mood?: string) =>
  /calm|tender|doux|sad|triste|nostalg|romant/i.test(mood ?? "")
    ? "low"
    : /energ|epic|party|fête|danse|dance/i.test(mood ?? "")
      ? "high"
      : "medium";

export class MubertProvider implements MusicProvider {
  readonly id = "mubert";
  readonly capabilities = { callbacks: false, cancel: false, maxLyricsChars: 0 };
  private customer: Promise<{ id: string; token: string }> | null = null;
  private readonly client: JsonClient;
  constructor(private readonly config: MubertConfig) {
    this.client = new JsonClient({
      engine: "mubert",
      baseUrl: config.baseUrl,
      read: plainJson("mubert", (answer) => {
        if (answer.status === 401 || answer.status === 403)
          return new ProviderError("unavailable", "mubert refused our credentials", answer.status);
        // Its prompt is the order's style and mood, which the person wrote.
        if (answer.status === 422)
          return new ProviderError(
            "rejected",
            `mubert refused the request: ${answer.body.slice(0, 200)}`,
            422,
            undefined,
            refusalIn(answer.body) ?? "lyrics_invalid",
          );
        if (answer.status === 429)
          return new ProviderError(
            "rate_limited",
            "mubert rate limit",
            429,
            retryAfterSeconds(answer.retryAfter) ?? 10,
          );
        return null;
      }),
      ...(config.fetch ? { fetch: config.fetch } : {}),
      ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
    });
  }

  /** One customer for the platform; the access token is kept for the isolate's life. */
  private access(): Promise<{ id: string; token: string }> {
    this.customer ??= this.client
      .post("/service/customers", { custom_id: "refrain-platform" }, customerSchema, {
        "company-id": this.config.companyId,
        "license-token": this.config.licenseToken,
      })
      .then((body) => body.data.access)
      .catch((err: unknown) => {
        this.customer = null;
        throw err;
      });
    return this.customer;
  }

  private async authed(): Promise<Record<string, string>> {
    const access = await this.access();
    return { "customer-id": access.id, "access-token": access.token };
  }

  private async track(id: string) {
    return (await this.client.get(`/public/tracks/${encodeURIComponent(id)}`, trackSchema, await this.authed())).data;
  }

  async createTrack(request: TrackRequest): Promise<{ taskId: string }> {
    const prompt = [request.mood, ...request.styleTags].filter(Boolean).join(", ").slice(0, 200) || "warm acoustic pop";
    const body = {
      prompt,
      duration: Math.round(request.durationSeconds),
      bitrate: 192,
      format: "mp3",
      intensity: intensityFor(request.mood),
      mode: "track",
    };
    const track = await this.client.post("/public/tracks", body, trackSchema, await this.authed());
    return { taskId: track.data.id };
  }

  async getStatus(taskId: string): Promise<TaskStatus> {
    const { generations } = await this.track(taskId);
    // Done without a link is finished all the same: fetchResult then says the result is unusable, instead of waiting for a link that never comes.
    if (generations.some((g) => g.status === "done")) return { state: "succeeded" };
    if (generations.length && generations.every((g) => g.status === "failed"))
      return {
        state: "failed",
        error: { kind: "unavailable", code: "engine_unavailable", message: "mubert failed the generation" },
      };
    return { state: "running", stage: generations[0]?.status ?? "queued" };
  }

  async fetchResult(taskId: string): Promise<TrackResult> {
    const track = await this.track(taskId);
    const takes = track.generations
      .filter((g) => g.status === "done" && g.url)
      .map((g, i) => ({
        providerTakeId: `${track.id}:${i}`,
        audioUrl: g.url!,
        format: (g.format === "wav" ? "wav" : "mp3") as "mp3" | "wav",
        ...(track.duration ? { durationSeconds: track.duration } : {}),
        model: "mubert-v3",
      }));
    if (!takes.length)
      throw new ProviderError(
        "unavailable",
        "mubert reported no finished generation",
        undefined,
        undefined,
        "result_invalid",
      );
    return { takes, model: "mubert-v3" };
  }

  /** Mubert has no cancel: the generation finishes and is never downloaded. */
  async cancel(): Promise<void> {}

  async handleWebhook(): Promise<WebhookOutcome> {
    return { kind: "ignored", reason: "mubert is polled" };
  }
}
