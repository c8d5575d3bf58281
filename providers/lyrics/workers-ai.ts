import { z } from "zod";
import { type Lyrics, type LyricsWriter, ProviderError, type SongContext } from "../contract";
import { defaultTimeoutMs } from "../http";
import { lyricsMessages, parseLyricsAnswer } from "./prompt";

// Cloudflare Workers AI through the `AI` binding: no key, no URL, billed with the account.

/** The part of the `Ai` binding this writer uses, so tests can pass a fake. */
export interface WorkersAiBinding {
  run(model: string, input: { messages: { role: string; content: string }[]; max_tokens?: number }): Promise<unknown>;
}

export interface WorkersAiLyricsConfig {
  model?: string;
  timeoutMs?: number;
}

export const defaultWorkersAiModel = "@cf/meta/llama-3.1-8b-instruct";

const engine = "workers-ai";

/** Six sections of four lines in JSON fit well below this; the default (256) cuts them off. */
const maxTokens = 1200;

const answerSchema = z.object({ response: z.string() });

export class WorkersAiLyricsWriter implements LyricsWriter {
  readonly id = "workers-ai";

  constructor(
    private readonly ai: WorkersAiBinding,
    private readonly config: WorkersAiLyricsConfig = {},
  ) {}

  async writeLyrics(context: SongContext): Promise<Lyrics> {
    const model = this.config.model ?? defaultWorkersAiModel;
    const timeoutMs = this.config.timeoutMs ?? defaultTimeoutMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ProviderError("unavailable", `${engine} did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    let raw: unknown;
    try {
      raw = await Promise.race([
        this.ai.run(model, { messages: lyricsMessages(context), max_tokens: maxTokens }),
        deadline,
      ]);
    } catch (err) {
      if (err instanceof ProviderError) throw err;
      const message = err instanceof Error ? err.message : String(err);
      // The binding reports limits only in its message ("3040: Capacity temporarily exceeded", "429").
      const kind = /\b(429|3040)\b|rate.?limit|capacity/i.test(message) ? "rate_limited" : "unavailable";
      throw new ProviderError(kind, `${engine}: ${message}`);
    } finally {
      clearTimeout(timer);
    }
    const answer = answerSchema.safeParse(raw);
    if (!answer.success || !answer.data.response.trim())
      throw new ProviderError("unavailable", `${engine}: unreadable answer from ${model}`);
    return parseLyricsAnswer(answer.data.response, context, engine);
  }
}
