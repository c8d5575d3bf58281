import { z } from "zod";
import { type Lyrics, type LyricsWriter, ProviderError, type SongContext } from "../contract";
import { defaultTimeoutMs, exchange, fetchOf, joinUrl, parseJson, retryAfterSeconds } from "../http";
import { lyricsMessages, parseLyricsAnswer } from "./prompt";

// Any server speaking OpenAI's chat completions: OpenAI, Mistral, Groq, OpenRouter, a local
// llama.cpp or Ollama. Only the base URL, key and model change.

export interface OpenAICompatibleConfig {
  /** Up to the version, e.g. https://api.openai.com/v1 */
  baseUrl: string;
  /** Local servers often need none. */
  apiKey?: string;
  model: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Ask for a JSON object; only for servers that support `response_format`. */
  jsonMode?: boolean;
}

const engine = "llm";

/** Lyrics want some invention; higher drifts from the brief. */
const temperature = 0.9;

/** Without a Retry-After header, a short wait: the limit is usually per minute. */
const defaultRateWaitSeconds = 20;

const completionSchema = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullish() }), finish_reason: z.string().nullish() }))
    .min(1),
});

const errorSchema = z.object({
  error: z.object({
    message: z.string().nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
    type: z.string().nullish(),
  }),
});

const contentFilter = /content[_ ]?(filter|policy|management)|safety|moderation/i;

function httpError(status: number, body: string, retryAfter: string | null): ProviderError {
  const json = parseJson(body);
  const parsed = json.ok ? errorSchema.safeParse(json.value) : undefined;
  const info = parsed?.success ? parsed.data.error : undefined;
  const message = `${engine}: ${info?.message?.trim() || `HTTP ${status}`}`;
  const code = info?.code ?? status;
  if (status === 429)
    return new ProviderError("rate_limited", message, code, retryAfterSeconds(retryAfter) ?? defaultRateWaitSeconds);
  // The brief itself was refused: asking again with the same words cannot help.
  if (status === 400 && contentFilter.test(`${info?.code ?? ""} ${info?.type ?? ""} ${info?.message ?? ""}`))
    return new ProviderError("rejected", message, code);
  // A bad key, an unknown model, an outage: our side or theirs, never the order's fault.
  return new ProviderError("unavailable", message, code);
}

export class OpenAICompatibleLyricsWriter implements LyricsWriter {
  readonly id = "llm";
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly config: OpenAICompatibleConfig) {
    this.fetchImpl = fetchOf(config.fetch);
  }

  async writeLyrics(context: SongContext): Promise<Lyrics> {
    const body = {
      model: this.config.model,
      messages: lyricsMessages(context),
      temperature,
      ...(this.config.jsonMode ? { response_format: { type: "json_object" } } : {}),
    };
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
    if (this.config.apiKey) headers.authorization = `Bearer ${this.config.apiKey}`;
    const answer = await exchange(
      this.fetchImpl,
      joinUrl(this.config.baseUrl, "/chat/completions"),
      { method: "POST", headers, body: JSON.stringify(body) },
      this.config.timeoutMs ?? defaultTimeoutMs,
      engine,
    );
    if (answer.status < 200 || answer.status >= 300) throw httpError(answer.status, answer.body, answer.retryAfter);
    const json = parseJson(answer.body);
    const completion = json.ok ? completionSchema.safeParse(json.value) : undefined;
    if (!completion?.success) throw new ProviderError("unavailable", `${engine}: unreadable completion`);
    const choice = completion.data.choices[0]!;
    if (choice.finish_reason === "content_filter")
      throw new ProviderError("rejected", `${engine}: the answer was filtered`, "content_filter");
    if (!choice.message.content?.trim()) throw new ProviderError("unavailable", `${engine}: empty completion`);
    return parseLyricsAnswer(choice.message.content, context, engine);
  }
}
