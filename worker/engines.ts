import { providerCalls, type Database } from "../db";
import { callbackUrl } from "./jobs/callback-token";
import {
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
} from "../providers";

// The one place where configuration becomes engines. Everything else asks for an engine by id.

function musicProviders(env: Env): MusicProvider[] {
  const list: MusicProvider[] = [];
  if (env.SUNO_API_BASE_URL) list.push(new SunoHostedProvider({ baseUrl: env.SUNO_API_BASE_URL, apiKey: env.SUNO_API_KEY, model: env.SUNO_MODEL }));
  if (env.SUNO_WRAPPER_BASE_URL)
    list.push(new SunoWrapperProvider({ baseUrl: env.SUNO_WRAPPER_BASE_URL, model: env.SUNO_WRAPPER_MODEL, ...(env.SUNO_WRAPPER_COOKIE ? { cookie: env.SUNO_WRAPPER_COOKIE } : {}) }));
  return list;
}

/** The hosted lyrics API insists on a callback URL although we poll it: it gets the job's own, where a lyrics callback matches no music task and is ignored. */
function lyricsWriters(env: Env, callbackUrl = `${env.PUBLIC_URL}/api/webhooks/suno`): LyricsWriter[] {
  const list: LyricsWriter[] = [];
  if (env.SUNO_API_BASE_URL)
    list.push(
      new SunoHostedLyricsWriter({
        baseUrl: env.SUNO_API_BASE_URL,
        apiKey: env.SUNO_API_KEY,
        callbackUrl,
        // Lyrics take seconds, not minutes: check them more often than music.
        pollIntervalMs: Number(env.POLL_INITIAL_SECONDS) * 400,
      }),
    );
  if (env.SUNO_WRAPPER_BASE_URL)
    list.push(new SunoWrapperLyricsWriter({ baseUrl: env.SUNO_WRAPPER_BASE_URL, ...(env.SUNO_WRAPPER_COOKIE ? { cookie: env.SUNO_WRAPPER_COOKIE } : {}) }));
  return list;
}

export const musicRegistry = (env: Env) => new Registry("music provider", musicProviders(env));
export const lyricsRegistry = (env: Env) => new Registry("lyrics writer", lyricsWriters(env));

export function callSink(db: Database): ProviderCallSink {
  return async (record) => {
    await db.insert(providerCalls).values({
      provider: record.provider,
      operation: record.operation,
      jobId: record.jobId ?? null,
      latencyMs: record.latencyMs,
      costCents: record.costCents ?? null,
      outcome: record.outcome,
      error: record.error?.slice(0, 500) ?? null,
      createdAt: Date.now(),
    });
  };
}

/** The engine an order goes to. Routing across engines grows here; today it is the configured one. */
export function chooseMusicProvider(env: Env): string | null {
  const registry = musicRegistry(env);
  if (env.MUSIC_PROVIDER && registry.has(env.MUSIC_PROVIDER)) return env.MUSIC_PROVIDER;
  return registry.ids()[0] ?? null;
}

export function chooseLyricsWriter(env: Env): string | null {
  const registry = lyricsRegistry(env);
  if (env.LYRICS_PROVIDER && registry.has(env.LYRICS_PROVIDER)) return env.LYRICS_PROVIDER;
  return registry.ids()[0] ?? null;
}

export function music(env: Env, db: Database, id: string, jobId: string): MusicProvider {
  return recorded(musicRegistry(env).get(id), callSink(db), jobId);
}

export async function lyrics(env: Env, db: Database, id: string, jobId: string): Promise<LyricsWriter> {
  const writer = new Registry("lyrics writer", lyricsWriters(env, await callbackUrl(env, "suno", jobId))).get(id);
  return recordedLyrics(writer, callSink(db), jobId);
}
