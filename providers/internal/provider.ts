import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { z } from "zod";
import { type CreateTrackBody, callbackBody, type EngineTrack, trackSchema } from "../../domain/engine-gateway";
import { formatLyricsText } from "../../domain/lyrics-text";
import {
  type MusicProvider,
  ProviderError,
  type Take,
  type TaskStatus,
  type TrackRequest,
  type TrackResult,
  type WebhookOutcome,
  webhookHint,
} from "../contract";
import { JsonClient, plainJson, retryAfterSeconds } from "../http";

export interface InternalProviderConfig {
  /** The engine gateway (locally the Node engine; in production the Modal-hosted pool). */
  baseUrl: string;
  token: string;
  /** Standard Webhooks secret the engine signs its callbacks with. */
  webhookSecret?: string;
  /** Modal's proxy auth, sent when the pool is deployed with requires_proxy_auth. */
  modalKey?: string;
  modalSecret?: string;
  /** Renders per order: each is one take (two by default, like every engine we offer). */
  takes?: number;
  /** Forces every render instrumental (the instrumental fallback uses the engine this way). */
  instrumentalOnly?: boolean;
  id?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const idsOf = (taskId: string) => taskId.split(",").filter(Boolean);

/** The platform's own engine, reached through its HTTP gateway. Each take is one render with its own seed. */
export class InternalMusicProvider implements MusicProvider {
  readonly id: string;
  readonly capabilities;
  private readonly client: JsonClient;
  constructor(private readonly config: InternalProviderConfig) {
    this.id = config.id ?? "internal";
    this.client = new JsonClient({
      engine: "engine",
      baseUrl: config.baseUrl,
      headers: () => ({
        authorization: `Bearer ${config.token}`,
        ...(config.modalKey && config.modalSecret
          ? { "Modal-Key": config.modalKey, "Modal-Secret": config.modalSecret }
          : {}),
      }),
      read: plainJson("engine", (answer, json) => {
        const message =
          (json as { error?: { message?: string } } | undefined)?.error?.message ?? `engine answered ${answer.status}`;
        if (answer.status === 429)
          return new ProviderError("rate_limited", message, 429, retryAfterSeconds(answer.retryAfter) ?? 10);
        // The gateway checks the order before rendering: what it refuses is the text as given.
        if (answer.status === 400) return new ProviderError("rejected", message, 400, undefined, "lyrics_invalid");
        return new ProviderError("unavailable", message, answer.status);
      }),
      ...(config.fetch ? { fetch: config.fetch } : {}),
      ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
    });
    // Beyond this many characters the words cannot be sung within the engine's longest song.
    this.capabilities = { callbacks: true, cancel: true, maxLyricsChars: config.instrumentalOnly ? 0 : 3_000 };
  }

  async createTrack(request: TrackRequest): Promise<{ taskId: string }> {
    const vocal = this.config.instrumentalOnly ? "instrumental" : request.vocal;
    const body = (seed: number): CreateTrackBody => ({
      lyrics: vocal === "instrumental" ? null : request.lyrics,
      styleTags: request.styleTags.slice(0, 6),
      ...(request.mood ? { mood: request.mood } : {}),
      durationSeconds: request.durationSeconds,
      vocal,
      language: request.language,
      seed: seed >>> 0,
      ...(request.pronunciations ? { pronunciations: request.pronunciations } : {}),
      ...(request.callbackUrl ? { callbackUrl: request.callbackUrl } : {}),
    });
    const ids: string[] = [];
    try {
      for (let take = 0; take < (this.config.takes ?? 2); take++)
        ids.push((await this.client.post("/v1/tracks", body(request.seed + take * 7919), trackSchema)).id);
    } catch (err) {
      // Half an order is no order: stop what was already started.
      await Promise.allSettled(ids.map((id) => this.client.delete(`/v1/tracks/${id}`, z.unknown())));
      throw err;
    }
    return { taskId: ids.join(",") };
  }

  private async tracks(taskId: string): Promise<EngineTrack[]> {
    return Promise.all(idsOf(taskId).map((id) => this.client.get(`/v1/tracks/${id}`, trackSchema)));
  }

  async getStatus(taskId: string): Promise<TaskStatus> {
    let tracks: EngineTrack[];
    try {
      tracks = await this.tracks(taskId);
    } catch (err) {
      // An engine that restarted has forgotten its renders: waiting cannot bring them back, the next engine can.
      if (err instanceof ProviderError && err.providerCode === 404)
        return {
          state: "failed",
          error: {
            kind: "unavailable",
            code: "engine_interrupted",
            message: "the engine no longer knows this render (it restarted)",
          },
        };
      throw err;
    }
    const progress = tracks.reduce((sum, t) => sum + t.progress, 0) / tracks.length;
    if (tracks.some((t) => t.status === "queued" || t.status === "running"))
      return {
        state: tracks.some((t) => t.status === "running") ? "running" : "pending",
        progress,
        ...(tracks.find((t) => t.stage)?.stage ? { stage: tracks.find((t) => t.stage)!.stage! } : {}),
      };
    if (tracks.some((t) => t.status === "succeeded")) return { state: "succeeded" };
    const failed = tracks.find((t) => t.error);
    return {
      state: "failed",
      error: {
        kind: "unavailable",
        // The gateway says so of a render whose gateway stopped (engine/src/server/tracks.ts).
        code: failed?.error?.code === "interrupted" ? "engine_interrupted" : "engine_unavailable",
        message: failed?.error?.message ?? "the engine stopped the render",
        ...(failed?.error ? { providerCode: failed.error.code } : {}),
      },
    };
  }

  async fetchResult(taskId: string): Promise<TrackResult> {
    const takes: Take[] = (await this.tracks(taskId))
      .filter((t) => t.status === "succeeded" && t.result)
      .map((t) => {
        const r = t.result!;
        return {
          providerTakeId: t.id,
          audioUrl: r.audio.mp3,
          wavUrl: r.audio.wav,
          format: "mp3",
          ...(r.lyrics ? { title: r.lyrics.title, lyricsText: formatLyricsText(r.lyrics) } : {}),
          durationSeconds: r.durationSeconds,
          sampleRate: r.sampleRate,
          loudnessLufs: r.loudnessLufs,
          timings: r.timings,
          model: `${r.model}@${r.version}`,
        };
      });
    if (!takes.length)
      throw new ProviderError(
        "unavailable",
        "the engine reported no finished take",
        undefined,
        undefined,
        "result_invalid",
      );
    return { takes, model: takes[0]!.model! };
  }

  async cancel(taskId: string): Promise<void> {
    await Promise.all(idsOf(taskId).map((id) => this.client.delete(`/v1/tracks/${id}`, z.unknown())));
  }

  /** Callbacks are signed per Standard Webhooks: a bad or stale signature is refused; a good one is still only a hint. */
  async handleWebhook(request: Request, current?: string | null): Promise<WebhookOutcome> {
    if (!this.config.webhookSecret)
      throw new ProviderError("unauthenticated", "no webhook secret is configured for the engine");
    const payload = await request.text();
    let verified: unknown;
    try {
      verified = new Webhook(this.config.webhookSecret).verify(payload, Object.fromEntries(request.headers));
    } catch (err) {
      throw new ProviderError(
        "unauthenticated",
        err instanceof WebhookVerificationError ? err.message : "invalid webhook signature",
      );
    }
    const event = callbackBody.safeParse(verified);
    if (!event.success) return { kind: "ignored", reason: "not an engine track event" };
    return webhookHint(
      current,
      event.data.data.id,
      request.headers.get("webhook-id") ?? `${event.data.data.id}:${event.data.type}`,
      idsOf,
    );
  }
}
