import type { CircuitState } from "../../db/enums";
import type { RoutingConfig } from "./config";

export interface Circuit {
  state: CircuitState;
  /** Outcomes of the latest calls, newest last (true = success). */
  recent: boolean[];
  openedAt: number | null;
}

export const closedCircuit = (): Circuit => ({ state: "closed", recent: [], openedAt: null });

/**
 * Whether an engine may take work now. An open circuit lets one probe through once its time is up
 * (the caller then marks it half-open with `probing`); a probe that never reports is given up after
 * the same delay.
 */
export function admits(circuit: Circuit, now: number, settings: RoutingConfig["breaker"]): boolean {
  if (circuit.state === "closed") return true;
  return circuit.openedAt !== null && now - circuit.openedAt >= settings.openSeconds * 1000;
}

export const probing = (circuit: Circuit, now: number): Circuit => ({ ...circuit, state: "half_open", openedAt: now });

/** The circuit after one call's outcome. */
export function recordOutcome(circuit: Circuit, ok: boolean, now: number, settings: RoutingConfig["breaker"]): Circuit {
  const recent = [...circuit.recent, ok].slice(-settings.window);
  // A probe after the open period decides alone: success closes, failure opens again.
  if (circuit.state === "open" || circuit.state === "half_open") {
    // Late outcomes of calls made before the circuit opened do not close it.
    if (circuit.state === "open" && !admits(circuit, now, settings)) return { ...circuit, recent };
    return ok ? { state: "closed", recent: [ok], openedAt: null } : { state: "open", recent, openedAt: now };
  }
  const failures = recent.filter((r) => !r).length;
  if (recent.length >= settings.minCalls && failures / recent.length >= settings.failureRate)
    return { state: "open", recent, openedAt: now };
  return { state: "closed", recent, openedAt: null };
}
