import { bucket } from "./bucket";
import type { RoutingConfig } from "./config";

export interface RouteInput {
  userId: string;
  jobId: string;
  /** A per-job flag that forces an engine (operators, tests, support). */
  forced?: string;
  /** Engines that can take work now: configured, and their circuit not open. */
  available: (provider: string) => boolean;
  /** Whether two engines make different takes of this order; a blind pair of identical takes compares nothing. */
  distinct?: (a: string, b: string) => boolean;
}

export interface Route {
  /** The engine that serves the order: a provider id, or "blind:a+b" for a blind comparison. */
  provider: string;
  /** Which arm of the routing served it, so metrics can compare arms. */
  arm: string;
  /** The engines to fall back on, in order. */
  chain: string[];
}

export const blindProviderId = (a: string, b: string) => `blind:${a}+${b}`;

/** The two engines of a blind comparison's id, or undefined for one engine's. */
export const blindPair = (provider: string) =>
  /^blind:([^+]+)\+(.+)$/.exec(provider)?.slice(1) as [string, string] | undefined;

/** Pure: the same config and input always give the same route. */
export function route(config: RoutingConfig, input: RouteInput): Route | null {
  const chainAfter = (first: string) =>
    config.failover.filter((p, i, all) => p !== first && all.indexOf(p) === i && input.available(p));
  const pick = (provider: string, arm: string): Route => ({ provider, arm, chain: chainAfter(provider) });

  if (input.forced && input.available(input.forced)) return pick(input.forced, "forced");

  const pairDiffers = !config.blind || !input.distinct || input.distinct(...config.blind.providers);
  if (
    config.blind &&
    pairDiffers &&
    config.blind.providers.every(input.available) &&
    bucket(`blind:${input.jobId}`) * 100 < config.blind.percent
  ) {
    const [a, b] = config.blind.providers;
    return { provider: blindProviderId(a, b), arm: "blind", chain: chainAfter(a).filter((p) => p !== b) };
  }

  const userBucket = bucket(`user:${input.userId}`);
  if (config.ramp && input.available(config.ramp.provider) && userBucket * 100 < config.ramp.percent)
    return pick(config.ramp.provider, `ramp:${config.ramp.provider}`);

  const arms = config.arms.filter((a) => a.weight > 0 && input.available(a.provider));
  const total = arms.reduce((sum, a) => sum + a.weight, 0);
  if (total > 0) {
    // A second, independent bucket: being inside the ramp must not bias which arm a user gets.
    let point = bucket(`arm:${input.userId}`) * total;
    for (const arm of arms) {
      if (point < arm.weight) return pick(arm.provider, `arm:${arm.provider}`);
      point -= arm.weight;
    }
  }
  const fallback = config.failover.find(input.available);
  return fallback ? pick(fallback, "failover") : null;
}
