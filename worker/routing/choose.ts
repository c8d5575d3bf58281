import type { Database } from "../../db";
import { route, type Route } from "../../providers";
import { loadRoutingConfig } from "./config-store";
import { musicRegistry } from "./engines";
import { availability } from "./health";

/** Where a new order goes: the stored routing over the engines configured here and not tripped. */
export async function chooseRoute(env: Env, db: Database, ids: { userId: string; jobId: string; forced?: string }): Promise<Route | null> {
  const [config, healthy] = await Promise.all([loadRoutingConfig(env, db), availability(env, db)]);
  const registry = musicRegistry(env);
  return route(config, { ...ids, available: (provider) => registry.has(provider) && healthy(provider) });
}

/** The next engine of a job's chain that is configured and healthy now. */
export async function nextInChain(env: Env, db: Database, chain: string[]): Promise<string | null> {
  const healthy = await availability(env, db);
  const registry = musicRegistry(env);
  return chain.find((p) => registry.has(p) && healthy(p)) ?? null;
}
