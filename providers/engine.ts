import type { Vocal } from "../db/enums";
import type { LyricsWriter, MusicProvider, ProviderCapabilities, TrackResult } from "./contract";

// What the platform knows about an engine, written once in the engine's own folder. The registry, the audio
// hosts, the configuration schema, the secrets a deployment needs, the dev script and the docs table are all
// read from the list of these (providers/engines.ts); nothing else names an engine's settings.

/** The Worker's vars and secrets as the descriptors read them (by name: an engine's keys are its own). */
export type EngineVars = Readonly<Record<string, unknown>>;

export interface EngineSetting {
  /** "url": an absolute URL or empty (empty leaves the engine off); "text": any value. */
  kind: "url" | "text";
  /** The value when the var is not set. */
  default?: string;
  /** What it is, for the docs table. */
  doc: string;
}

export interface EngineSecret {
  doc: string;
  /** Why a deployment with these vars cannot run without it, or null when it can. */
  neededBy: (vars: EngineVars) => string | null;
  /** What `npm start` writes into .dev.vars the first time: fresh random bytes, a Standard Webhooks secret, or nothing. */
  local?: "token" | "whsec";
}

/** Built when the engine is enabled; `engines` gives the engines built before it in the list (the fallback wraps one). */
export interface EngineContext {
  engines: (id: string) => MusicProvider | null;
}

export interface EngineDescriptor {
  id: string;
  /** One line for the docs table. */
  title: string;
  /** What the adapter does whatever its configuration (the contract suite checks the adapter says the same). */
  capabilities: Pick<ProviderCapabilities, "callbacks" | "cancel"> & { sings: boolean };
  settings: Readonly<Record<string, EngineSetting>>;
  secrets: Readonly<Record<string, EngineSecret>>;
  /** Whether these vars turn the engine on. */
  enabled: (vars: EngineVars) => boolean;
  /** Hosts its audio may be downloaded from: its own base URL's host (with port) and the CDNs it serves files from ("*.cdn.example"). */
  audioHosts: (vars: EngineVars) => string[];
  create: (vars: EngineVars, context: EngineContext) => MusicProvider;
  /** Engines that also write lyrics offer a writer; `callbackUrl` is the job's own callback address. */
  lyricsWriter?: (vars: EngineVars, callbackUrl: string) => LyricsWriter;
  /**
   * What one finished task cost, in cents, recorded with its fetchResult call: the engine's own figure when it
   * reports one, else the descriptor's price model. Undefined when neither is known.
   */
  cost: (result: TrackResult, vars: EngineVars) => number | undefined;
  /** Which engine really renders an order on this one (the fallback is another engine underneath); itself by default. */
  renderer?: (vars: EngineVars, vocal: Vocal) => string;
}

/** A var as text: unset and non-string values read as "". */
export const text = (vars: EngineVars, name: string): string =>
  typeof vars[name] === "string" ? (vars[name] as string) : "";

/** The host (with port) of the URL in var `name`, when it holds one. */
export function hostOf(vars: EngineVars, name: string): string[] {
  const value = text(vars, name);
  if (!value) return [];
  try {
    return [new URL(value).host];
  } catch {
    return [];
  }
}

/** The cost model of engines that report no price: the engine's own figure, if any. */
export const reportedCost = (result: TrackResult): number | undefined => result.costCents;
