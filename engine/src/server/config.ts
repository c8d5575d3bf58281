import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";

export interface EngineConfig {
  port: number;
  publicUrl: string;
  /** Bearer token callers must present (the Worker's ENGINE_TOKEN). */
  token: string;
  /** Standard Webhooks secret ("whsec_…") for callbacks; callbacks are not sent without one. */
  webhookSecret: string | null;
  concurrency: number;
  maxQueue: number;
  dataDir: string;
  /** How long finished tracks stay downloadable. */
  retentionMs: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const port = Number(env.ENGINE_PORT ?? env.PORT ?? 8789);
  if (!env.ENGINE_TOKEN) throw new Error("ENGINE_TOKEN is required: the gateway never runs without authentication");
  return {
    port,
    publicUrl: env.ENGINE_PUBLIC_URL ?? `http://127.0.0.1:${port}`,
    token: env.ENGINE_TOKEN,
    webhookSecret: env.ENGINE_WEBHOOK_SECRET || null,
    concurrency: Number(env.ENGINE_CONCURRENCY ?? availableParallelism()),
    maxQueue: Number(env.ENGINE_MAX_QUEUE ?? 16),
    dataDir: env.ENGINE_DATA_DIR ?? join(tmpdir(), "refrain-engine"),
    retentionMs: Number(env.ENGINE_RETENTION_HOURS ?? 24) * 3_600_000,
  };
}
