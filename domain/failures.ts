// Why an order did not become a song, classified once. Every adapter maps its engine's errors onto
// these codes; the job machine decides from the class alone; the API's OpenAPI document and the
// web's FR/EN texts are keyed by the code. An engine's own words never go further than the logs.

export const failureCodes = [
  /** The engine's moderation refused the words (sensitive words, names of artists, policy). */
  "content_refused",
  /** The lyrics or the sound match a protected work. */
  "copyright_refused",
  /** The lyrics cannot be sung as given (too long, empty, malformed). */
  "lyrics_invalid",
  /** Outage, maintenance, unreachable, out of credits, refused our keys, or kept failing. */
  "engine_unavailable",
  /** The engine lost the render it was making (it restarted, or the machine making it went away). */
  "engine_interrupted",
  /** The engine stopped making progress for longer than its limit. */
  "engine_stalled",
  /** The engine's result cannot be delivered: no audio, garbage, an address we refuse. */
  "result_invalid",
  /** The engine's audio is at an address we do not download from. */
  "audio_refused",
  /** The song left out the name of the person it is for. */
  "name_missing",
  /** The lyrics could not be written. */
  "lyrics_unavailable",
  /** Endings that are no engine's doing. */
  "canceled",
  "timed_out",
  "lyrics_expired",
] as const;
export type FailureCode = (typeof failureCodes)[number];

/**
 * rejected: the order's own text is refused; another engine would be asked to sing the same words,
 * so the order fails at once, is refunded, and the person is asked to change the text.
 * unavailable: the engine's doing; the next engine takes the order (an engine that only lost its render
 * makes it once more first).
 * invalid_result: the engine answered something unusable; retried once elsewhere.
 * ended: the order stopped for a reason of its own (canceled, deadline).
 */
export const failureClasses = ["rejected", "unavailable", "invalid_result", "ended"] as const;
export type FailureClass = (typeof failureClasses)[number];

export const failureClassOf: Record<FailureCode, FailureClass> = {
  content_refused: "rejected",
  copyright_refused: "rejected",
  lyrics_invalid: "rejected",
  engine_unavailable: "unavailable",
  engine_interrupted: "unavailable",
  engine_stalled: "unavailable",
  lyrics_unavailable: "unavailable",
  result_invalid: "invalid_result",
  audio_refused: "invalid_result",
  name_missing: "invalid_result",
  canceled: "ended",
  timed_out: "ended",
  lyrics_expired: "ended",
};

/** What the API says in `error.message` (pages show their own FR/EN text for the code). */
export const failureMessages: Record<FailureCode, string> = {
  content_refused: "The music engine refused these words. Change the text, then order again.",
  copyright_refused: "The lyrics or the music resemble a protected work. Change the text, then order again.",
  lyrics_invalid: "These lyrics cannot be sung as written. Change the text, then order again.",
  engine_unavailable: "No music engine could make this song right now.",
  engine_interrupted: "The music engine lost this song while making it.",
  engine_stalled: "The music engines stopped making progress on this song.",
  result_invalid: "The music engines did not return a usable song.",
  audio_refused: "The music engine's audio could not be collected safely.",
  name_missing: "The song left out the name of the person it is for.",
  lyrics_unavailable: "The lyrics could not be written.",
  canceled: "The order was canceled.",
  timed_out: "The song was not ready in time.",
  lyrics_expired: "The lyrics were not approved in time.",
};

const known = new Set<string>(failureCodes);
export const isFailureCode = (code: string): code is FailureCode => known.has(code);

/** Codes written before this set existed read as the closest current code. */
export function asFailureCode(code: string): FailureCode {
  if (isFailureCode(code)) return code;
  if (code === "provider_rejected") return "content_refused";
  return "engine_unavailable";
}

/** Matches engines' free texts that announce a refusal of the words (the wrapper only gives text). */
export function refusalIn(text: string): FailureCode | null {
  if (/copyright|existing work|artist name|protected/i.test(text)) return "copyright_refused";
  if (/sensitive|moderat|content polic|inappropriate|flagged|violat|not allowed|prohibited|banned word/i.test(text))
    return "content_refused";
  return null;
}
