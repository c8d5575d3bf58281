import type { ProviderCapabilities } from "../../providers";

/**
 * How far a take's length may be from the length ordered, for an engine that is asked for one: a 60 s
 * order takes 39–81 s. Engines end a song on a bar or a phrase, not on the second; a take outside this
 * is another song than the one ordered (a loop cut short, a render that went on).
 */
export const DURATION_TOLERANCE = 0.35;

/**
 * Whether a take's length (as the engine reports it) is one the order can be delivered with. An engine
 * that picks the length itself is held to its own documented range instead.
 */
export function durationFits(
  capabilities: Pick<ProviderCapabilities, "ownLengthUpToSeconds">,
  orderedSeconds: number,
  takeSeconds: number | undefined,
): boolean {
  if (takeSeconds === undefined) return true;
  if (!(takeSeconds > 0)) return false;
  if (capabilities.ownLengthUpToSeconds !== undefined) return takeSeconds <= capabilities.ownLengthUpToSeconds;
  return Math.abs(takeSeconds - orderedSeconds) <= orderedSeconds * DURATION_TOLERANCE;
}
