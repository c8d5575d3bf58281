import type { Vocal } from "../db/enums";
import type { LyricsWriter, MusicProvider, TrackResult } from "./contract";
import type { EngineSecret, EngineSetting, EngineVars } from "./engine";
import { engines } from "./engines";

// Everything the platform derives from the list of engine descriptors.

/** The engines these vars turn on, built in the list's order. */
export function buildEngines(vars: EngineVars): MusicProvider[] {
  const built: MusicProvider[] = [];
  const lookup = (id: string) => built.find((p) => p.id === id) ?? null;
  for (const engine of engines) if (engine.enabled(vars)) built.push(engine.create(vars, { engines: lookup }));
  return built;
}

/** The lyrics writers of the engines these vars turn on. */
export function engineLyricsWriters(vars: EngineVars, callbackUrl: string): LyricsWriter[] {
  return engines.flatMap((engine) =>
    engine.lyricsWriter && engine.enabled(vars) ? [engine.lyricsWriter(vars, callbackUrl)] : [],
  );
}

/** Hosts the enabled engines' audio may come from. */
export function engineAudioHosts(vars: EngineVars): string[] {
  return engines.flatMap((engine) => (engine.enabled(vars) ? engine.audioHosts(vars) : []));
}

/** Every engine's settings (vars), by name. */
export const engineSettings: Readonly<Record<string, EngineSetting & { engine: string }>> = Object.fromEntries(
  engines.flatMap((engine) =>
    Object.entries(engine.settings).map(([name, setting]) => [name, { ...setting, engine: engine.id }]),
  ),
);

/** Every engine's secrets, by name. */
export const engineSecrets: Readonly<Record<string, EngineSecret & { engine: string }>> = Object.fromEntries(
  engines.flatMap((engine) =>
    Object.entries(engine.secrets).map(([name, secret]) => [name, { ...secret, engine: engine.id }]),
  ),
);

/** What really renders an order on `id`: two ids with the same renderer make the same take. */
export function rendererOf(vars: EngineVars, id: string, vocal: Vocal): string {
  return engines.find((engine) => engine.id === id)?.renderer?.(vars, vocal) ?? id;
}

/** The cost of a finished task on engine `id`, by its descriptor's model (composites: what the engines reported). */
export function costOf(vars: EngineVars, id: string, result: TrackResult): number | undefined {
  const engine = engines.find((e) => e.id === id);
  return engine ? engine.cost(result, vars) : result.costCents;
}

export { engines };
