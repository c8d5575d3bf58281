import type { Database, Vocal } from "../../db";
import { type Circuit, type Route, type RoutingConfig, route } from "../../providers";
import { parseRoutingConfig, routingConfigQuery } from "./config-store";
import { musicRegistry, renderer } from "./engines";
import { availabilityOf, circuitsOf, healthQuery, markProbing } from "./health";

/** The stored routing and every engine's circuit, as read at one moment. */
export interface RoutingSnapshot {
  config: RoutingConfig;
  circuits: Map<string, Circuit>;
}

/** The two queries a snapshot is made of, for a caller to put in its own batch (one round trip). */
export const routingSnapshotQueries = (db: Database) => [routingConfigQuery(db), healthQuery(db)] as const;

export function routingSnapshot(
  env: Env,
  [config, health]: [{ config: unknown }[], Parameters<typeof circuitsOf>[0]],
): RoutingSnapshot {
  return { config: parseRoutingConfig(env, config[0]?.config), circuits: circuitsOf(health) };
}

export async function loadRoutingSnapshot(env: Env, db: Database): Promise<RoutingSnapshot> {
  return routingSnapshot(env, await db.batch([...routingSnapshotQueries(db)]));
}

/**
 * Where a new order goes: the stored routing over the engines configured here and not tripped. Given
 * the order's voice, a blind pair is only formed from engines whose takes would differ for it. An open
 * circuit chosen past its delay is claimed for this order's probe.
 */
export async function chooseRoute(
  env: Env,
  db: Database,
  ids: { userId: string; jobId: string; forced?: string; vocal?: Vocal },
  snapshot?: RoutingSnapshot,
): Promise<Route | null> {
  const { config, circuits } = snapshot ?? (await loadRoutingSnapshot(env, db));
  const healthy = availabilityOf(circuits, config.breaker);
  const registry = musicRegistry(env);
  const { vocal, ...input } = ids;
  const chosen = route(config, {
    ...input,
    available: (provider) => registry.has(provider) && healthy(provider),
    ...(vocal ? { distinct: (a: string, b: string) => renderer(env, a, vocal) !== renderer(env, b, vocal) } : {}),
  });
  if (chosen) await markProbing(db, chosen.provider, circuits);
  return chosen;
}

/** The next engine of a job's chain that is configured and healthy, over a snapshot taken now (looking changes no circuit). */
export async function failoverPicker(
  env: Env,
  db: Database,
  snapshot?: RoutingSnapshot,
): Promise<(chain: readonly string[]) => string | null> {
  const { config, circuits } = snapshot ?? (await loadRoutingSnapshot(env, db));
  const healthy = availabilityOf(circuits, config.breaker);
  const registry = musicRegistry(env);
  return (chain) => chain.find((p) => registry.has(p) && healthy(p)) ?? null;
}
