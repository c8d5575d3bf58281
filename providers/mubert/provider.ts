import { refusalIn } from "../../domain/failures";
import { z } from "zod";
import { ProviderError, type MusicProvider, type TaskStatus, type TrackRequest, type TrackResult, type WebhookOutcome } from "../contract";

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
const generationSchema = z.object({ status: z.string(), url: z.string().nullish(), expired_at: z.string().nullish(), bitrate: z.number().nullish(), format: z.string().nullish() });
const trackSchema = z.object({ data: z.object({ id: z.string(), duration: z.number().nullish(), generations: z.array(generationSchema).default([]) }) });

const intensityFor = (mood?: string) => (/calm|tender|doux|sad|triste|nostalg|romant/i.test(mood ?? "") ? "low" : /energ|epic|party|fête|danse|dance/i.test(mood ?? "") ? "high" : "medium");

export class MubertProvider implements MusicProvider {
  readonly id = "mubert";
  readonly capabilities = { callbacks: false, cancel: false, maxLyricsChars: 0 };
  private customer: Promise<{ id: string; token: string }> | null = null;
  constructor(private readonly config: MubertConfig) {}

  private async request(path: string, init: RequestInit, headers: Record<string, string>): Promise<unknown> {
    let response: Response;
    try {
      response = await (this.config.fetch ?? fetch)(`${this.config.baseUrl.replace(/\/$/, "")}${path}`, {
        ...init,
        headers: { "content-type": "application/json", accept: "application/json", ...headers },
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 20_000),
      });
    } catch (err) {
      throw new ProviderError("unavailable", `mubert unreachable: ${String(err)}`);
    }
    const text = await response.text();
    if (response.status === 401 || response.status === 403) throw new ProviderError("unavailable", "mubert refused our credentials", response.status);
    // Its prompt is the order's style and mood, which the person wrote.
    if (response.status === 422) throw new ProviderError("rejected", `mubert refused the request: ${text.slice(0, 200)}`, 422, undefined, refusalIn(text) ?? "lyrics_invalid");
    if (response.status === 429) throw new ProviderError("rate_limited", "mubert rate limit", 429, Number(response.headers.get("retry-after") ?? 10));
    if (!response.ok) throw new ProviderError("unavailable", `mubert answered ${response.status}`, response.status);
    try {
      return JSON.parse(text);
    } catch {
      throw new ProviderError("unavailable", "mubert answered a non-JSON body");
    }
  }

  /** One customer for the platform; the access token is kept for the isolate's life. */
  private access(): Promise<{ id: string; token: string }> {
    this.customer ??= this.request(
      "/service/customers",
      { method: "POST", body: JSON.stringify({ custom_id: "refrain-platform" }) },
      { "company-id": this.config.companyId, "license-token": this.config.licenseToken },
    )
      .then((body) => {
        const parsed = customerSchema.safeParse(body);
        if (!parsed.success) throw new ProviderError("unavailable", "mubert answered an unexpected customer shape");
        return parsed.data.data.access;
      })
      .catch((err: unknown) => {
        this.customer = null;
        throw err;
      });
    return this.customer;
  }

  private async authed(path: string, init: RequestInit = {}): Promise<unknown> {
    const access = await this.access();
    return this.request(path, init, { "customer-id": access.id, "access-token": access.token });
  }

  private async track(id: string) {
    const parsed = trackSchema.safeParse(await this.authed(`/public/tracks/${encodeURIComponent(id)}`));
    if (!parsed.success) throw new ProviderError("unavailable", "mubert answered an unexpected track shape");
    return parsed.data.data;
  }

  async createTrack(request: TrackRequest): Promise<{ taskId: string }> {
    const prompt = [request.mood, ...request.styleTags].filter(Boolean).join(", ").slice(0, 200) || "warm acoustic pop";
    const body = { prompt, duration: Math.round(request.durationSeconds), bitrate: 192, format: "mp3", intensity: intensityFor(request.mood), mode: "track" };
    const parsed = trackSchema.safeParse(await this.authed("/public/tracks", { method: "POST", body: JSON.stringify(body) }));
    if (!parsed.success) throw new ProviderError("unavailable", "mubert answered an unexpected track shape");
    return { taskId: parsed.data.data.id };
  }

  async getStatus(taskId: string): Promise<TaskStatus> {
    const { generations } = await this.track(taskId);
    if (generations.some((g) => g.status === "done" && g.url)) return { state: "succeeded" };
    if (generations.length && generations.every((g) => g.status === "failed")) return { state: "failed", error: { kind: "unavailable", code: "engine_unavailable", message: "mubert failed the generation" } };
    return { state: "running", stage: generations[0]?.status ?? "queued" };
  }

  async fetchResult(taskId: string): Promise<TrackResult> {
    const track = await this.track(taskId);
    const takes = track.generations
      .filter((g) => g.status === "done" && g.url)
      .map((g, i) => ({ providerTakeId: `${track.id}:${i}`, audioUrl: g.url!, format: (g.format === "wav" ? "wav" : "mp3") as "mp3" | "wav", ...(track.duration ? { durationSeconds: track.duration } : {}), model: "mubert-v3" }));
    if (!takes.length) throw new ProviderError("unavailable", "mubert reported no finished generation", undefined, undefined, "result_invalid");
    return { takes, model: "mubert-v3" };
  }

  /** Mubert has no cancel: the generation finishes and is never downloaded. */
  async cancel(): Promise<void> {}

  async handleWebhook(): Promise<WebhookOutcome> {
    return { kind: "ignored", reason: "mubert is polled" };
  }
}

/**
 * The last engine of every failover chain: an instrumental track, so a person still receives a song.
 * Mubert when configured; otherwise the internal engine in instrumental mode, which works offline.
 */
export class InstrumentalFallbackProvider implements MusicProvider {
  readonly id = "instrumental";
  constructor(private readonly inner: MusicProvider) {}
  get capabilities() {
    return { ...this.inner.capabilities, maxLyricsChars: 0 };
  }
  createTrack(request: TrackRequest) {
    return this.inner.createTrack({ ...request, vocal: "instrumental", lyrics: null });
  }
  getStatus(taskId: string) {
    return this.inner.getStatus(taskId);
  }
  fetchResult(taskId: string) {
    return this.inner.fetchResult(taskId);
  }
  cancel(taskId: string) {
    return this.inner.cancel(taskId);
  }
  handleWebhook(request: Request) {
    return this.inner.handleWebhook(request);
  }
}
