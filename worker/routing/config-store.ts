import { eq } from "drizzle-orm";
import { type Database, routingConfigs } from "../../db";
import { type RoutingConfig, routingConfigSchema } from "../../providers";
import { config } from "../config";
import { musicRegistry } from "./engines";

const ROW = "current";

/**
 * Until an operator stores one, the routing sends everything to MUSIC_PROVIDER and fails over along
 * FAILOVER_CHAIN, less the engines this deployment does not configure (a local run lists Suno without its
 * key): the routing an operator is shown, and offered back as the default, is then one the API accepts.
 */
export function defaultRoutingConfig(env: Env): RoutingConfig {
  const vars = config(env);
  const registry = musicRegistry(env);
  return routingConfigSchema.parse({
    arms: [{ provider: vars.MUSIC_PROVIDER || "internal", weight: 1 }],
    failover: vars.FAILOVER_CHAIN.filter((engine) => registry.has(engine)),
  });
}

/** The stored routing's query, to run alone or inside a caller's batch. */
export const routingConfigQuery = (db: Database) => db.select().from(routingConfigs).where(eq(routingConfigs.id, ROW));

export function parseRoutingConfig(env: Env, stored: unknown): RoutingConfig {
  const parsed = stored ? routingConfigSchema.safeParse(stored) : null;
  return parsed?.success ? parsed.data : defaultRoutingConfig(env);
}

export async function loadRoutingConfig(env: Env, db: Database): Promise<RoutingConfig> {
  const [row] = await routingConfigQuery(db);
  return parseRoutingConfig(env, row?.config);
}

export async function saveRoutingConfig(db: Database, config: RoutingConfig, updatedBy: string): Promise<void> {
  const values = { config, updatedBy, updatedAt: Date.now() };
  await db
    .insert(routingConfigs)
    .values({ id: ROW, ...values })
    .onConflictDoUpdate({ target: routingConfigs.id, set: values });
}
