import { eq } from "drizzle-orm";
import { providerHealth, type Database } from "../../db";
import { admits, closedCircuit, probing, recordOutcome, type Circuit } from "../../providers";
import { log } from "../observability";
import { loadRoutingConfig } from "./config-store";

async function circuitOf(db: Database, provider: string): Promise<Circuit> {
  const row = await db.select().from(providerHealth).where(eq(providerHealth.provider, provider)).get();
  return row ? { state: row.state, recent: row.recent, openedAt: row.openedAt } : closedCircuit();
}

async function save(db: Database, provider: string, circuit: Circuit): Promise<void> {
  const values = { state: circuit.state, recent: circuit.recent, openedAt: circuit.openedAt, updatedAt: Date.now() };
  await db.insert(providerHealth).values({ provider, ...values }).onConflictDoUpdate({ target: providerHealth.provider, set: values });
}

/**
 * Read-modify-write without a lock: two outcomes landing together may count as one. The breaker is a
 * rate estimate over a window, so that loss only shifts the moment it trips by a call.
 */
export async function recordCircuitOutcome(env: Env, db: Database, provider: string, ok: boolean): Promise<void> {
  const { breaker } = await loadRoutingConfig(env, db);
  const before = await circuitOf(db, provider);
  const after = recordOutcome(before, ok, Date.now(), breaker);
  if (after.state !== before.state) log(after.state === "open" ? "warn" : "info", "circuit changed", { provider, from: before.state, to: after.state });
  await save(db, provider, after);
}

/**
 * Which engines' circuits let work through now, without changing anything: an open circuit past its
 * delay admits one probe, which the caller claims with `markProbing` once it really sends an order there.
 * Looking is not probing: an engine only considered (a failover chain, a route not taken) stays as it was.
 */
export async function availability(env: Env, db: Database): Promise<(provider: string) => boolean> {
  const { breaker } = await loadRoutingConfig(env, db);
  const rows = await db.select().from(providerHealth);
  const now = Date.now();
  const circuits = new Map<string, Circuit>(rows.map((r) => [r.provider, { state: r.state, recent: r.recent, openedAt: r.openedAt }]));
  return (provider) => admits(circuits.get(provider) ?? closedCircuit(), now, breaker);
}

/** An order is on its way to `provider`: if its circuit is not closed, this order is its probe (half-open). */
export async function markProbing(db: Database, provider: string): Promise<void> {
  const engines = /^blind:([^+]+)\+(.+)$/.exec(provider)?.slice(1) ?? [provider];
  for (const engine of engines) {
    const circuit = await circuitOf(db, engine);
    if (circuit.state === "closed") continue;
    log("info", "circuit probing", { provider: engine, from: circuit.state });
    await save(db, engine, probing(circuit, Date.now()));
  }
}

export async function circuits(db: Database): Promise<{ provider: string; state: string; recentCalls: number; recentFailures: number; openedAt: string | null }[]> {
  const rows = await db.select().from(providerHealth);
  return rows.map((r) => ({
    provider: r.provider,
    state: r.state,
    recentCalls: r.recent.length,
    recentFailures: r.recent.filter((ok) => !ok).length,
    openedAt: r.openedAt ? new Date(r.openedAt).toISOString() : null,
  }));
}
