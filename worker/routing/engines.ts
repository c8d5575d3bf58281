import { providerCalls, type Database, type Vocal } from "../../db";
import {
  BlindPairProvider,
  InstrumentalFallbackProvider,
  InternalMusicProvider,
  MubertProvider,
  Registry,
  recorded,
  recordedLyrics,
  SunoHostedLyricsWriter,
  SunoHostedProvider,
  SunoWrapperLyricsWriter,
  SunoWrapperProvider,
  type LyricsWriter,
  type MusicProvider,
  type ProviderCallSink,
} from "../../providers";
import { BuiltinLyricsWriter, builtinLyricsWriter, OpenAICompatibleLyricsWriter, WorkersAiLyricsWriter, type WorkersAiBinding } from "../../providers/lyrics";
import { callbackUrl } from "../jobs/callback-token";
import { jobStub } from "../jobs/stub";
import { log, redactText } from "../observability";
import { recordCircuitOutcome } from "./health";
import { config } from "../config";

// The one place where configuration becomes engines. Everything else asks for an engine by id.

function internal(env: Env, options: { id?: string; instrumentalOnly?: boolean } = {}) {
  return new InternalMusicProvider({
    baseUrl: env.ENGINE_URL,
    token: env.ENGINE_TOKEN,
    ...(env.ENGINE_WEBHOOK_SECRET ? { webhookSecret: env.ENGINE_WEBHOOK_SECRET } : {}),
    ...(env.MODAL_KEY && env.MODAL_SECRET ? { modalKey: env.MODAL_KEY, modalSecret: env.MODAL_SECRET } : {}),
    ...options,
  });
}

function musicProviders(env: Env): MusicProvider[] {
  const list: MusicProvider[] = [];
  if (env.ENGINE_URL && env.ENGINE_TOKEN) list.push(internal(env));
  if (env.SUNO_API_BASE_URL) list.push(new SunoHostedProvider({ baseUrl: env.SUNO_API_BASE_URL, apiKey: env.SUNO_API_KEY, model: env.SUNO_MODEL }));
  if (env.SUNO_WRAPPER_BASE_URL)
    list.push(new SunoWrapperProvider({ baseUrl: env.SUNO_WRAPPER_BASE_URL, model: env.SUNO_WRAPPER_MODEL, ...(env.SUNO_WRAPPER_COOKIE ? { cookie: env.SUNO_WRAPPER_COOKIE } : {}) }));
  const mubert = env.MUBERT_BASE_URL && env.MUBERT_COMPANY_ID ? new MubertProvider({ baseUrl: env.MUBERT_BASE_URL, companyId: env.MUBERT_COMPANY_ID, licenseToken: env.MUBERT_LICENSE_TOKEN }) : null;
  if (mubert) list.push(mubert);
  // The last resort works offline: Mubert when configured, else our own engine without vocals.
  const fallback = mubert ?? (env.ENGINE_URL && env.ENGINE_TOKEN ? internal(env, { id: "internal-instrumental", instrumentalOnly: true }) : null);
  if (fallback) list.push(new InstrumentalFallbackProvider(fallback));
  return list;
}

/** Workers AI is used when the Worker has an `AI` binding (wrangler.toml `[ai]`); it has none locally. */
const workersAi = (env: Env): WorkersAiBinding | null => {
  const ai = (env as unknown as { AI?: WorkersAiBinding }).AI;
  return ai && typeof ai.run === "function" ? ai : null;
};

function lyricsWriters(env: Env, callback: string): LyricsWriter[] {
  const list: LyricsWriter[] = [builtinLyricsWriter];
  if (env.LLM_BASE_URL && env.LLM_MODEL)
    list.push(new OpenAICompatibleLyricsWriter({ baseUrl: env.LLM_BASE_URL, model: env.LLM_MODEL, jsonMode: config(env).LLM_JSON_MODE, ...(env.LLM_API_KEY ? { apiKey: env.LLM_API_KEY } : {}) }));
  const ai = workersAi(env);
  if (ai) list.push(new WorkersAiLyricsWriter(ai));
  if (env.SUNO_API_BASE_URL)
    list.push(
      new SunoHostedLyricsWriter({
        baseUrl: env.SUNO_API_BASE_URL,
        apiKey: env.SUNO_API_KEY,
        // The hosted lyrics API insists on a callback URL although we poll it: it gets the job's own,
        // where a lyrics callback matches no music task and is ignored.
        callbackUrl: callback,
        // Lyrics take seconds, not minutes: check them more often than music.
        pollIntervalMs: config(env).POLL_INITIAL_SECONDS * 400,
      }),
    );
  if (env.SUNO_WRAPPER_BASE_URL)
    list.push(new SunoWrapperLyricsWriter({ baseUrl: env.SUNO_WRAPPER_BASE_URL, ...(env.SUNO_WRAPPER_COOKIE ? { cookie: env.SUNO_WRAPPER_COOKIE } : {}) }));
  return list;
}

/** Every engine, plus "blind:a+b" pairs of any two, which the routing may ask for. */
export function musicRegistry(env: Env) {
  const providers = musicProviders(env);
  return {
    has: (id: string) => resolve(providers, id) !== null,
    get: (id: string) => {
      const provider = resolve(providers, id);
      if (!provider) return new Registry("music provider", providers).get(id);
      return provider;
    },
    ids: () => providers.map((p) => p.id),
  };
}

function resolve(providers: MusicProvider[], id: string): MusicProvider | null {
  const blind = /^blind:([^+]+)\+(.+)$/.exec(id);
  if (blind) {
    const [a, b] = [providers.find((p) => p.id === blind[1]), providers.find((p) => p.id === blind[2])];
    return a && b ? new BlindPairProvider(a, b) : null;
  }
  return providers.find((p) => p.id === id) ?? null;
}

/**
 * What actually renders an order on `id`: two ids with the same renderer make the same take. The
 * instrumental fallback is Mubert when configured, else our own engine without voice, which for an
 * instrumental order is exactly what `internal` makes.
 */
export function renderer(env: Env, id: string, vocal: Vocal): string {
  const mubert = Boolean(env.MUBERT_BASE_URL && env.MUBERT_COMPANY_ID);
  if (id === "instrumental" || id === "internal-instrumental") return mubert ? "mubert" : vocal === "instrumental" ? "internal" : "internal-instrumental";
  return id;
}

export const lyricsRegistry = (env: Env, callback = `${env.PUBLIC_URL}/api/webhooks/suno`) => new Registry("lyrics writer", lyricsWriters(env, callback));

export function callSink(env: Env, db: Database): ProviderCallSink {
  return async (record) => {
    log(record.outcome === "ok" ? "info" : "warn", "provider call", {
      provider: record.provider,
      operation: record.operation,
      jobId: record.jobId,
      latencyMs: record.latencyMs,
      costCents: record.costCents ?? null,
      outcome: record.outcome,
      ...(record.error ? { error: record.error, errorKind: record.errorKind } : {}),
    });
    const row = {
      provider: record.provider,
      operation: record.operation,
      jobId: record.jobId ?? null,
      latencyMs: record.latencyMs,
      costCents: record.costCents ?? null,
      outcome: record.outcome,
      // Operators read these in the console: the same redaction as the logs.
      error: record.error ? redactText(record.error).slice(0, 500) : null,
      createdAt: Date.now(),
    };
    // A job's calls that answered go to its object, which writes them with the job's last batch (or keeps
    // status checks that changed nothing); failures go to D1 at once, where the alerts count them.
    if (record.outcome === "ok" && record.jobId) await jobStub(env, record.jobId).noteCall(record.jobId, row);
    else await db.insert(providerCalls).values(row);
    // Only the engine's own failures count against its circuit: not a refused request, and not an engine
    // asking to be called later (back-pressure is the engine working as meant, not failing).
    const counted = record.operation !== "writeLyrics" && record.operation !== "handleWebhook" && record.errorKind !== "rejected" && record.errorKind !== "rate_limited";
    if (counted) await recordCircuitOutcome(env, db, record.provider, record.outcome === "ok");
  };
}

export function chooseLyricsWriter(env: Env): string | null {
  const registry = lyricsRegistry(env);
  if (env.LYRICS_PROVIDER && registry.has(env.LYRICS_PROVIDER)) return env.LYRICS_PROVIDER;
  return registry.ids()[0] ?? null;
}

export function music(env: Env, db: Database, id: string, jobId: string): MusicProvider {
  return recorded(musicRegistry(env).get(id), callSink(env, db), jobId);
}

/** `seed` makes the built-in writer's drafts differ when a person asks for another one. */
export async function lyrics(env: Env, db: Database, id: string, jobId: string, seed?: number): Promise<LyricsWriter> {
  const writer = id === builtinLyricsWriter.id && seed !== undefined ? new BuiltinLyricsWriter({ seed }) : lyricsRegistry(env, await callbackUrl(env, "suno", jobId)).get(id);
  return recordedLyrics(writer, callSink(env, db), jobId);
}
