import type { Database, Vocal } from "../../db";
import { route, type Route } from "../../providers";
import { loadRoutingConfig } from "./config-store";
import { musicRegistry, renderer } from "./engines";
import { availability, markProbing } from "./health";

/**
 * Where a new order goes: the stored routing over the engines configured here and not tripped. Given
 * the order's voice, a blind pair is only formed from engines whose takes would differ for it.
 */
export async function chooseRoute(env: Env, db: Database, ids: { userId: string; jobId: string; forced?: string; vocal?: Vocal }): Promise<Route | null> {
  const [config, healthy] = await Promise.all([loadRoutingConfig(env, db), availability(env, db)]);
  const registry = musicRegistry(env);
  const { vocal, ...input } = ids;
  const chosen = route(config, {
    ...input,
    available: (provider) => registry.has(provider) && healthy(provider),
    ...(vocal ? { distinct: (a: string, b: string) => renderer(env, a, vocal) !== renderer(env, b, vocal) } : {}),
  });
  if (chosen) await markProbing(db, chosen.provider);
  return chosen;
}

/** The next engine of a job's chain that is configured and healthy, over a snapshot taken now (looking changes no circuit). */
export async function failoverPicker(env: Env, db: Database): Promise<(chain: readonly string[]) => string | null> {
  const healthy = await availability(env, db);
  const registry = musicRegistry(env);
  return (chain) => chain.find((p) => registry.has(p) && healthy(p)) ?? null;
}
