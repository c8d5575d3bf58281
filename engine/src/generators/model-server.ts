import { setTimeout as sleep } from "node:timers/promises";
import { frameCount, type SectionGenerator, type SectionToGenerate, type StereoPcm } from "./contract";
import { crossfadeTakes, decodeWav, fitFrames, toEngineStereo } from "./pcm";

export const modelNames = ["ace-step", "stable-audio-open", "musicgen"] as const;
export type ModelName = (typeof modelNames)[number];

/** The body of `POST /v1/generations` (documented in docs/engine.md, "Model server"). */
export interface GenerationRequest {
  model: ModelName;
  prompt: string;
  lyrics?: string;
  duration_seconds: number;
  seed: number;
  params: Record<string, number | string>;
}

export interface GenerationStatus {
  status: "queued" | "running" | "succeeded" | "failed";
  error?: string;
  audio_url?: string;
}

export interface ModelServerOptions {
  /** e.g. https://acme--refrain-models.modal.run (no trailing /v1). */
  baseUrl: string;
  token: string;
  model: ModelName;
  /** Modal proxy auth (`requires_proxy_auth=True`): sent as Modal-Key / Modal-Secret when both are set. */
  modalKey?: string;
  modalSecret?: string;
  /** How long one generation may take, submit to download, before it is given up (default 10 min). */
  timeoutMs?: number;
  /** First wait between two polls; it grows by half each time up to `maxPollMs` (defaults 1 s and 10 s). */
  pollMs?: number;
  maxPollMs?: number;
  /** How many times a 429 or a 502/503/504 is retried before it is reported (default 4). */
  maxRetries?: number;
}

export type ModelServerErrorKind = "config" | "busy" | "server" | "unreachable" | "protocol" | "failed" | "timeout";

export class ModelServerError extends Error {
  override readonly name = "ModelServerError";
  constructor(
    readonly kind: ModelServerErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Stable Audio Open makes at most 47 s; longer sections are made of takes this long, overlapping by `chunkOverlapSec`. */
export const maxChunkSec = 45;
export const chunkOverlapSec = 1;

const defaultParams: Record<ModelName, Record<string, number | string>> = {
  "ace-step": { infer_step: 60, guidance_scale: 15 },
  // The built-in singer goes on top: keep the model from adding a voice of its own.
  "stable-audio-open": {
    steps: 100,
    cfg_scale: 7,
    negative_prompt: "vocals, singing, voice, speech, low quality, distorted",
  },
  musicgen: { top_k: 250, temperature: 1, classifier_free_guidance: 3 },
};

/** Statuses that say the request did not get through (or the pool is full) rather than that it was wrong. */
const transient = new Set([429, 502, 503, 504]);

/**
 * A section generator backed by a GPU model server (the Modal-hosted pool running ACE-Step,
 * Stable Audio Open or MusicGen) over the JSON contract in docs/engine.md: submit, poll, download
 * a WAV, decode and resample it here. Submitting never waits for the render, so no request runs
 * into Modal's 150 s limit on web calls.
 */
export class ModelServerGenerator implements SectionGenerator {
  readonly name: string;
  readonly singsLyrics: boolean;
  private readonly base: URL;

  constructor(private readonly options: ModelServerOptions) {
    if (!modelNames.includes(options.model))
      throw new ModelServerError("config", `unknown model "${options.model}" (expected ${modelNames.join(", ")})`);
    this.base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
    this.name = `model-server:${options.model}`;
    this.singsLyrics = options.model === "ace-step";
  }

  async generate(section: SectionToGenerate, signal?: AbortSignal): Promise<StereoPcm> {
    const frames = frameCount(section.durationSeconds);
    const deadline = Date.now() + (this.options.timeoutMs ?? 600_000);
    if (this.options.model !== "stable-audio-open" || section.durationSeconds <= maxChunkSec) {
      return fitFrames(
        await this.take(this.requestFor(section, section.durationSeconds, section.seed), deadline, signal),
        frames,
      );
    }
    const count = Math.ceil((section.durationSeconds - chunkOverlapSec) / (maxChunkSec - chunkOverlapSec));
    const takeSec = (section.durationSeconds + chunkOverlapSec * (count - 1)) / count;
    const takeFrames = frameCount(takeSec);
    // One failed take dooms the section: the others are stopped rather than left polling.
    const stop = new AbortController();
    const linked = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
    const takes = await Promise.all(
      // Another seed per take: the same prompt, seed and length would give the same audio again.
      Array.from({ length: count }, async (_, i) =>
        fitFrames(await this.take(this.requestFor(section, takeSec, section.seed + i), deadline, linked), takeFrames),
      ),
    ).catch((error: unknown) => {
      stop.abort();
      throw error;
    });
    return fitFrames(crossfadeTakes(takes, frameCount(chunkOverlapSec)), frames);
  }

  /** The request body for one take of a section. */
  requestFor(section: SectionToGenerate, durationSeconds: number, seed: number): GenerationRequest {
    const { model } = this.options;
    const sings = model === "ace-step" && section.vocal !== "instrumental";
    const tags = [
      ...section.styleTags,
      section.mood,
      section.kind,
      `${Math.round(section.tempo)} bpm`,
      keyDescription(section.key),
      sings ? `${section.vocal} vocals` : "instrumental",
      sings ? languageNames[section.language] : undefined,
    ].filter((t): t is string => Boolean(t));
    const request: GenerationRequest = {
      model,
      prompt: tags.join(", "),
      duration_seconds: round3(durationSeconds),
      seed,
      params: { ...defaultParams[model] },
    };
    if (model === "ace-step")
      request.lyrics =
        sings && section.lyrics?.length
          ? `[${lyricTag(section.kind)}]\n${section.lyrics.join("\n")}`
          : "[instrumental]";
    return request;
  }

  private async take(body: GenerationRequest, deadline: number, signal: AbortSignal | undefined): Promise<StereoPcm> {
    const { id } = await this.call(
      "POST",
      new URL("v1/generations", this.base),
      deadline,
      signal,
      (r) => r.json() as Promise<{ id?: unknown }>,
      body,
    );
    if (typeof id !== "string" || !id)
      throw new ModelServerError("protocol", "model server answered POST /v1/generations without a generation id");
    const statusUrl = new URL(`v1/generations/${encodeURIComponent(id)}`, this.base);
    try {
      const status = await this.waitFor(id, statusUrl, deadline, signal);
      const audio = await this.call("GET", new URL(status.audio_url, statusUrl), deadline, signal, (r) =>
        r.arrayBuffer(),
      );
      let pcm: StereoPcm;
      try {
        pcm = toEngineStereo(decodeWav(new Uint8Array(audio)));
      } catch (error) {
        throw new ModelServerError(
          "protocol",
          `model server audio for generation ${id} is unreadable: ${(error as Error).message}`,
        );
      }
      if (pcm[0].length === 0)
        throw new ModelServerError("protocol", `model server audio for generation ${id} is empty`);
      return pcm;
    } catch (error) {
      // Given up on (timeout, abort, a later error): stop the GPU working for nobody.
      if (!(error instanceof ModelServerError && error.kind === "failed")) void this.cancel(statusUrl);
      throw error;
    }
  }

  private async waitFor(
    id: string,
    statusUrl: URL,
    deadline: number,
    signal: AbortSignal | undefined,
  ): Promise<GenerationStatus & { audio_url: string }> {
    let wait = this.options.pollMs ?? 1000;
    let last = "queued";
    for (;;) {
      const status = await this.call("GET", statusUrl, deadline, signal, (r) => r.json() as Promise<GenerationStatus>);
      last = status.status;
      if (status.status === "succeeded") {
        if (!status.audio_url)
          throw new ModelServerError(
            "protocol",
            `model server reports generation ${id} succeeded without an audio_url`,
          );
        return { ...status, audio_url: status.audio_url };
      }
      if (status.status === "failed")
        throw new ModelServerError(
          "failed",
          `${this.options.model} failed generation ${id}: ${status.error ?? "no reason given"}`,
        );
      if (status.status !== "queued" && status.status !== "running")
        throw new ModelServerError(
          "protocol",
          `model server reports unknown status "${String(status.status)}" for generation ${id}`,
        );
      const left = deadline - Date.now();
      if (left <= 0) break;
      await sleep(Math.min(wait, left), undefined, { signal });
      wait = Math.min(wait * 1.5, this.options.maxPollMs ?? 10_000);
    }
    throw new ModelServerError(
      "timeout",
      `${this.options.model} generation ${id} did not finish within ${this.timeoutSec()} s (last status: ${last})`,
    );
  }

  /** One HTTP exchange, retried on 429 (after Retry-After) and 502/503/504 (with backoff) while time is left. */
  private async call<T>(
    method: "GET" | "POST",
    url: URL,
    deadline: number,
    signal: AbortSignal | undefined,
    read: (response: Response) => Promise<T>,
    body?: GenerationRequest,
  ): Promise<T> {
    const what = `${method} ${url.origin === this.base.origin ? url.pathname : url.origin + url.pathname}`;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      const timeout = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
      try {
        response = await fetch(url, {
          method,
          headers: { ...this.headersFor(url), ...(body ? { "content-type": "application/json" } : {}) },
          body: body ? JSON.stringify(body) : undefined,
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        // The body is read here too: a download can outlast the deadline as well as the headers can.
        if (response.ok) return await read(response);
      } catch (error) {
        signal?.throwIfAborted();
        if ((error as Error).name === "TimeoutError")
          throw new ModelServerError("timeout", `model server did not answer ${what} within ${this.timeoutSec()} s`);
        if (error instanceof SyntaxError)
          throw new ModelServerError("protocol", `model server answered ${what} with invalid JSON`);
        const cause = (error as Error).cause;
        throw new ModelServerError(
          "unreachable",
          `model server unreachable (${what}): ${cause instanceof Error ? cause.message : (error as Error).message}`,
        );
      }
      const detail = (await response.text().catch(() => "")).slice(0, 300);
      const status = response.status;
      if (status === 401 || status === 403) {
        throw new ModelServerError(
          "config",
          `model server refused the credentials (HTTP ${status} on ${what}): check ENGINE_MODEL_SERVER_TOKEN, and the Modal key and secret when the pool uses proxy auth${detail ? ` — ${detail}` : ""}`,
          status,
        );
      }
      if (transient.has(status) && attempt < (this.options.maxRetries ?? 4)) {
        const pause =
          status === 429
            ? (retryAfterMs(response.headers.get("retry-after")) ?? 2000 * 2 ** attempt)
            : 1000 * 2 ** attempt;
        if (Date.now() + pause < deadline) {
          await sleep(pause, undefined, { signal });
          continue;
        }
      }
      if (status === 429)
        throw new ModelServerError(
          "busy",
          `model server is busy (HTTP 429 on ${what}, ${attempt} retries)${detail ? `: ${detail}` : ""}`,
          status,
        );
      if (status >= 500)
        throw new ModelServerError(
          "server",
          `model server failed (HTTP ${status} on ${what}${attempt ? `, ${attempt} retries` : ""})${detail ? `: ${detail}` : ""}`,
          status,
        );
      throw new ModelServerError(
        "protocol",
        `model server rejected ${what} (HTTP ${status})${detail ? `: ${detail}` : ""}`,
        status,
      );
    }
  }

  /** The token goes to the model server only, never to another host an audio_url may point at (a signed storage link). */
  private headersFor(url: URL): Record<string, string> {
    if (url.origin !== this.base.origin) return {};
    const { token, modalKey, modalSecret } = this.options;
    return {
      authorization: `Bearer ${token}`,
      ...(modalKey && modalSecret ? { "modal-key": modalKey, "modal-secret": modalSecret } : {}),
    };
  }

  private async cancel(statusUrl: URL): Promise<void> {
    await fetch(statusUrl, {
      method: "DELETE",
      headers: this.headersFor(statusUrl),
      signal: AbortSignal.timeout(5000),
    }).catch(() => undefined);
  }

  private timeoutSec(): number {
    return (this.options.timeoutMs ?? 600_000) / 1000;
  }
}

const languageNames = { fr: "french", en: "english" } as const;

/** "F#m" → "F# minor", "Bb" → "Bb major": how the models' training captions name keys. */
function keyDescription(key: string): string {
  return key.endsWith("m") ? `${key.slice(0, -1)} minor` : `${key} major`;
}

/** ACE-Step's structure tags; the arranger's ending is an outro to it. */
function lyricTag(kind: string): string {
  return kind === "ending" ? "outro" : kind;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Retry-After as delta-seconds or an HTTP date. */
function retryAfterMs(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
