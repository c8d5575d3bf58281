// Every closed set of values is written once here, as an `as const` tuple, and feeds
// drizzle's `text({ enum })`, `z.enum(...)` and the TypeScript union alike.

export const languages = ["fr", "en"] as const;
export type Language = (typeof languages)[number];

export const vocals = ["female", "male", "instrumental"] as const;
export type Vocal = (typeof vocals)[number];

export const jobModes = ["context", "custom"] as const;
export type JobMode = (typeof jobModes)[number];

export const jobStatuses = [
  "QUEUED",
  "WRITING_LYRICS",
  "LYRICS_READY",
  "GENERATING_MUSIC",
  "POSTPROCESSING",
  "DELIVERING",
  "SUCCEEDED",
  "FAILED",
  "CANCELED",
  "TIMED_OUT",
] as const;
export type JobStatus = (typeof jobStatuses)[number];

export const activeStatuses = ["QUEUED", "WRITING_LYRICS", "LYRICS_READY", "GENERATING_MUSIC", "POSTPROCESSING", "DELIVERING"] as const satisfies readonly JobStatus[];

export const terminalStatuses = ["SUCCEEDED", "FAILED", "CANCELED", "TIMED_OUT"] as const satisfies readonly JobStatus[];
export type TerminalStatus = (typeof terminalStatuses)[number];

export const sectionKinds = ["intro", "verse", "pre-chorus", "chorus", "bridge", "outro"] as const;
export type SectionKind = (typeof sectionKinds)[number];

/** hold: credits set aside at the order; capture: the hold turned into a debit on success;
 *  release: the hold given back on failure, cancel or timeout; grant: credits added;
 *  revoke: bought credits taken back after their payment was refunded or disputed (never below zero). */
export const ledgerKinds = ["grant", "hold", "capture", "release", "revoke"] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

/** Why credits moved, for people to read in their own language (the ledger's `reason` text is for operators).
 *  welcome: the sign-up grant; added: credits given by hand; order, revision, free_revision: the hold of an
 *  order or of a revision of one; delivered: the debit of a delivered song; refund: a hold given back;
 *  purchase: credits bought with Stripe Checkout; payment_reversed: bought credits taken back (refund or dispute);
 *  price_difference: the part of a hold given back because what was delivered costs less (an instrumental). */
export const ledgerReasonKinds = ["welcome", "added", "order", "revision", "free_revision", "delivered", "refund", "purchase", "payment_reversed", "price_difference"] as const;
export type LedgerReasonKind = (typeof ledgerReasonKinds)[number];

export const providerOperations = ["createTrack", "getStatus", "fetchResult", "cancel", "handleWebhook", "writeLyrics"] as const;
export type ProviderOperation = (typeof providerOperations)[number];

export const callOutcomes = ["ok", "error"] as const;
export type CallOutcome = (typeof callOutcomes)[number];

export const audioFormats = ["mp3", "wav"] as const;
export type AudioFormat = (typeof audioFormats)[number];

export const queueRoles = ["lyrics", "music", "postprocess", "delivery"] as const;
export type QueueRole = (typeof queueRoles)[number];

export const circuitStates = ["closed", "open", "half_open"] as const;
export type CircuitState = (typeof circuitStates)[number];

/** firing: the condition holds now; resolved: it held and has cleared. */
export const alertStates = ["firing", "resolved"] as const;
export type AlertState = (typeof alertStates)[number];

/** Currencies packs are sold in (Stripe's lower-case ISO codes). */
export const currencies = ["eur", "usd"] as const;
export type Currency = (typeof currencies)[number];

/** open: Checkout Session created, not paid; paid: credits granted; refunded: the payment was fully refunded;
 *  disputed: the cardholder disputed it. A partial refund leaves a purchase paid, with its refunded amount. */
export const purchaseStatuses = ["open", "paid", "refunded", "disputed"] as const;
export type PurchaseStatus = (typeof purchaseStatuses)[number];

/** Why an account was put on hold: a refund or a dispute of credits it had already spent. */
export const holdReasons = ["refund", "dispute"] as const;
export type HoldReason = (typeof holdReasons)[number];
/** Why a sign-in session ended: signed_out by its owner, or refresh_reused when a rotated refresh token
 *  came back (someone else holds a copy of the session). */
export const sessionEndReasons = ["signed_out", "refresh_reused"] as const;
export type SessionEndReason = (typeof sessionEndReasons)[number];
