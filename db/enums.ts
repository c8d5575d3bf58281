// The database's closed sets of values, each written once as an `as const` tuple that feeds
// drizzle's `text({ enum })`, `z.enum(...)` and the TypeScript union alike. The words the whole
// product shares (languages, voices, sections, statuses…) live in domain/values.ts.

export * from "../domain/values";

export const userRoles = ["user", "admin"] as const;
export type UserRole = (typeof userRoles)[number];

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
export const ledgerReasonKinds = [
  "welcome",
  "added",
  "order",
  "revision",
  "free_revision",
  "delivered",
  "refund",
  "purchase",
  "payment_reversed",
  "price_difference",
] as const;
export type LedgerReasonKind = (typeof ledgerReasonKinds)[number];

export const providerOperations = [
  "createTrack",
  "getStatus",
  "fetchResult",
  "cancel",
  "handleWebhook",
  "writeLyrics",
] as const;
export type ProviderOperation = (typeof providerOperations)[number];

export const callOutcomes = ["ok", "error"] as const;
export type CallOutcome = (typeof callOutcomes)[number];

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
export const sessionEndReasons = ["signed_out", "refresh_reused", "password_changed"] as const;
export type SessionEndReason = (typeof sessionEndReasons)[number];
