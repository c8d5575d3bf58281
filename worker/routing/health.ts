import { eq, sql } from "drizzle-orm";
import { type Database, providerHealth } from "../../db";
import {
  admits,
  blindPair,
  type Circuit,
  closedCircuit,
  probing,
  type RoutingConfig,
  recordOutcome,
} from "../../providers";
import { log } from "../observability";
import { parseRoutingConfig } from "./config-store";

type HealthRow = typeof providerHealth.$inferSelect;
const circuitOfRow = (row: Pick<HealthRow, "state" | "recent" | "openedAt">): Circuit => ({
  state: row.state,
  recent: row.recent,
  openedAt: row.openedAt,
});

async function circuitOf(db: Database, provider: string): Promise<Circuit> {
  const row = await db.select().from(providerHealth).where(eq(providerHealth.provider, provider)).get();
  return row ? circuitOfRow(row) : closedCircuit();
}

async function save(db: Database, provider: string, circuit: Circuit): Promise<void> {
  const values = { state: circuit.state, recent: circuit.recent, openedAt: circuit.openedAt, updatedAt: Date.now() };
  await db
    .insert(providerHealth)
    .values({ provider, ...values })
    .onConflictDoUpdate({ target: providerHealth.provider, set: values });
}

const sameCircuit = (a: Circuit, b: Circuit) =>
  a.state === b.state &&
  a.openedAt === b.openedAt &&
  a.recent.length === b.recent.length &&
  a.recent.every((r, i) => r === b.recent[i]);

/**
 * Read-modify-write without a lock: two outcomes landing together may count as one. The breaker is a
 * rate estimate over a window, so that loss only shifts the moment it trips by a call. One statement
 * reads the breaker's settings and the circuit; the circuit is written only when the outcome changes it
 * (a closed circuit whose window is full of successes stays as it is after one more).
 */
export async function recordCircuitOutcome(env: Env, db: Database, provider: string, ok: boolean): Promise<void> {
  const row = await db.get<{
    config: string | null;
    state: Circuit["state"] | null;
    recent: string | null;
    openedAt: number | null;
  }>(sql`
    select r.config as config, h.state as state, h.recent as recent, h.opened_at as openedAt
    from (select 1) left join routing_configs r on r.id = 'current' left join provider_health h on h.provider = ${provider}`);
  const { breaker } = parseRoutingConfig(env, row?.config ? JSON.parse(row.config) : null);
  const before = row?.state
    ? { state: row.state, recent: JSON.parse(row.recent ?? "[]") as boolean[], openedAt: row.openedAt }
    : closedCircuit();
  const after = recordOutcome(before, ok, Date.now(), breaker);
  if (after.state !== before.state)
    log(after.state === "open" ? "warn" : "info", "circuit changed", { provider, from: before.state, to: after.state });
  if (!row?.state || !sameCircuit(before, after)) await save(db, provider, after);
}

/** The health table's query, to run alone or inside a caller's batch. */
export const healthQuery = (db: Database) => db.select().from(providerHealth);

export const circuitsOf = (rows: HealthRow[]) =>
  new Map<string, Circuit>(rows.map((r) => [r.provider, circuitOfRow(r)]));

/**
 * Which engines' circuits let work through now, without changing anything: an open circuit past its
 * delay admits one probe, which the caller claims with `markProbing` once it really sends an order there.
 * Looking is not probing: an engine only considered (a failover chain, a route not taken) stays as it was.
 */
export function availabilityOf(
  circuits: Map<string, Circuit>,
  breaker: RoutingConfig["breaker"],
  now = Date.now(),
): (provider: string) => boolean {
  return (provider) => admits(circuits.get(provider) ?? closedCircuit(), now, breaker);
}

/**
 * An order is on its way to `provider`: if its circuit is not closed, this order is its probe (half-open).
 * Given the circuits already read, a closed circuit costs no query.
 */
export async function markProbing(db: Database, provider: string, known?: Map<string, Circuit>): Promise<void> {
  const engines = blindPair(provider) ?? [provider];
  for (const engine of engines) {
    const circuit = known ? (known.get(engine) ?? closedCircuit()) : await circuitOf(db, engine);
    if (circuit.state === "closed") continue;
    log("info", "circuit probing", { provider: engine, from: circuit.state });
    await save(db, engine, probing(circuit, Date.now()));
  }
}

export async function circuits(
  db: Database,
): Promise<
  { provider: string; state: string; recentCalls: number; recentFailures: number; openedAt: string | null }[]
> {
  const rows = await healthQuery(db);
  return rows.map((r) => ({
    provider: r.provider,
    state: r.state,
    recentCalls: r.recent.length,
    recentFailures: r.recent.filter((ok) => !ok).length,
    openedAt: r.openedAt ? new Date(r.openedAt).toISOString() : null,
  }));
}
