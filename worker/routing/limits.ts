import { blindPair, type RoutingConfig } from "../../providers";

/** How long each engine usually takes for a song, in seconds (the hosted Suno API publishes 2–3 min). */
const typicalSeconds: Record<string, number> = {
  suno: 150,
  "suno-wrapper": 150,
  internal: 60,
  "internal-instrumental": 45,
  mubert: 45,
  instrumental: 45,
};
const unknownEngineSeconds = 120;

/** Failed calls in a row (maintenance, outage, garbage) after which an order leaves its engine. */
export const MAX_ENGINE_ERRORS = 3;

/** Engines that only ever make instrumentals: a sung order they deliver is charged as an instrumental. */
export const INSTRUMENTAL_ENGINES = ["instrumental", "internal-instrumental", "mubert"] as const;

/** No progress for this long and the order moves on: the operator's figure, else twice the engine's usual time. */
export function stallSeconds(config: Pick<RoutingConfig, "stallSeconds">, engine: string): number {
  const set = config.stallSeconds[engine];
  if (set !== undefined) return set;
  const pair = blindPair(engine);
  if (pair) return Math.max(...pair.map((one) => stallSeconds(config, one)));
  return 2 * (typicalSeconds[engine] ?? unknownEngineSeconds);
}
