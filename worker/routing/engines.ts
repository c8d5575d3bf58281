import { type Database, providerCalls, type Vocal } from "../../db";
import {
  BlindPairProvider,
  blindPair,
  type LyricsWriter,
  type MusicProvider,
  type ProviderCallSink,
  Registry,
  recorded,
  recordedLyrics,
  type TrackResult,
} from "../../providers";
import type { EngineVars } from "../../providers/engine";
import { buildEngines, costOf, engineLyricsWriters, rendererOf } from "../../providers/engine-registry";
import {
  BuiltinLyricsWriter,
  builtinLyricsWriter,
  OpenAICompatibleLyricsWriter,
  type WorkersAiBinding,
  WorkersAiLyricsWriter,
} from "../../providers/lyrics";
import { config } from "../config";
import { callbackUrl } from "../jobs/callback-token";
import { jobStub } from "../jobs/stub";
import { log, redactText } from "../observability";
import { recordCircuitOutcome } from "./health";

// The one place where configuration becomes engines: the descriptors in providers/engines.ts say which vars
// turn each one on and how it is built. Everything else asks for an engine by id.

const varsOf = (env: Env): EngineVars => env as unknown as EngineVars;

/** Workers AI is used when the Worker has an `AI` binding (wrangler.toml `[ai]`); it has none locally. */
const workersAi = (env: Env): WorkersAiBinding | null => {
  const ai = (env as unknown as { AI?: WorkersAiBinding }).AI;
  return ai && typeof ai.run === "function" ? ai : null;
};

function lyricsWriters(env: Env, callback: string): LyricsWriter[] {
  const list: LyricsWriter[] = [builtinLyricsWriter];
  if (env.LLM_BASE_URL && env.LLM_MODEL)
    list.push(
      new OpenAICompatibleLyricsWriter({
        baseUrl: env.LLM_BASE_URL,
        model: env.LLM_MODEL,
        jsonMode: config(env).LLM_JSON_MODE,
        ...(env.LLM_API_KEY ? { apiKey: env.LLM_API_KEY } : {}),
      }),
    );
  const ai = workersAi(env);
  if (ai) list.push(new WorkersAiLyricsWriter(ai));
  list.push(...engineLyricsWriters(varsOf(env), callback));
  return list;
}

/** Every engine, plus "blind:a+b" pairs of any two, which the routing may ask for. */
export function musicRegistry(env: Env) {
  const providers = buildEngines(varsOf(env));
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
  const blind = blindPair(id);
  if (blind) {
    const [a, b] = [providers.find((p) => p.id === blind[0]), providers.find((p) => p.id === blind[1])];
    return a && b ? new BlindPairProvider(a, b) : null;
  }
  return providers.find((p) => p.id === id) ?? null;
}

/** What actually renders an order on `id`: two ids with the same renderer make the same take. */
export function renderer(env: Env, id: string, vocal: Vocal): string {
  return rendererOf(varsOf(env), id, vocal);
}

export const lyricsRegistry = (env: Env, callback = `${env.PUBLIC_URL}/api/webhooks/suno`) =>
  new Registry("lyrics writer", lyricsWriters(env, callback));

export function callSink(env: Env, db: Database): ProviderCallSink {
  return async (record) => {
    // A job's call that answered is kept in its log (job_logs, the console's job page): a line for each would
    // say it again, three or four lines a song. Failures, and calls outside a job, are lines.
    if (record.outcome !== "ok" || !record.jobId)
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
    const counted =
      record.operation !== "writeLyrics" &&
      record.operation !== "handleWebhook" &&
      record.errorKind !== "rejected" &&
      record.errorKind !== "rate_limited";
    if (counted) await recordCircuitOutcome(env, db, record.provider, record.outcome === "ok");
  };
}

export function chooseLyricsWriter(env: Env): string | null {
  const registry = lyricsRegistry(env);
  if (env.LYRICS_PROVIDER && registry.has(env.LYRICS_PROVIDER)) return env.LYRICS_PROVIDER;
  return registry.ids()[0] ?? null;
}

export function music(env: Env, db: Database, id: string, jobId: string): MusicProvider {
  const registry = musicRegistry(env);
  const sink = callSink(env, db);
  const cost = (engine: string) => (result: TrackResult) => costOf(varsOf(env), engine, result);
  const pair = blindPair(id);
  if (!pair) return recorded(registry.get(id), sink, jobId, cost(id));
  // A comparison's calls are each engine's own: they count toward its circuit, its latency and its cost. A callback
  // comes to the pair's URL and the pair asks each engine whether it is theirs: one call, the pair's, not a refusal
  // recorded against the engine it was not for.
  const [a, b] = pair.map((engine) =>
    recorded(registry.get(engine), sink, jobId, cost(engine), ["createTrack", "getStatus", "fetchResult", "cancel"]),
  ) as [MusicProvider, MusicProvider];
  return recorded(new BlindPairProvider(a, b), sink, jobId, undefined, ["handleWebhook"]);
}

/** `seed` makes the built-in writer's drafts differ when a person asks for another one. */
export async function lyrics(env: Env, db: Database, id: string, jobId: string, seed?: number): Promise<LyricsWriter> {
  const writer =
    id === builtinLyricsWriter.id && seed !== undefined
      ? new BuiltinLyricsWriter({ seed })
      : lyricsRegistry(env, await callbackUrl(env, "suno", jobId)).get(id);
  return recordedLyrics(writer, callSink(env, db), jobId);
}
