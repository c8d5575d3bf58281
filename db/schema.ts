import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { LineTiming, Lyrics } from "../domain/lyrics";
import {
  alertStates,
  audioFormats,
  type CallOutcome,
  callOutcomes,
  circuitStates,
  currencies,
  holdReasons,
  type JobStatus,
  jobModes,
  jobStatuses,
  languages,
  ledgerKinds,
  ledgerReasonKinds,
  type ProviderOperation,
  providerOperations,
  purchaseStatuses,
  sessionEndReasons,
  userRoles,
  vocals,
} from "./enums";

const createdAt = () => integer("created_at", { mode: "number" }).notNull();

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").unique(),
    passwordHash: text("password_hash"),
    /** The `sub` of a Supabase Auth token, for accounts that come from there. */
    externalId: text("external_id").unique(),
    role: text("role", { enum: userRoles }).notNull().default("user"),
    /** Whether the person is emailed about their orders (lyrics to approve, song ready, order stopped) when away from their page. */
    orderEmails: integer("order_emails", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    /** When the person asked for the account's deletion: from then on its tokens are refused. */
    deletedAt: integer("deleted_at"),
    /** When everything personal was erased; the row stays so the ledger keeps an owner with no name. */
    erasedAt: integer("erased_at"),
    /** SHA-256 of a deleted Supabase account's `sub`, so tokens Supabase issued before the deletion stay refused. */
    externalIdHash: text("external_id_hash"),
  },
  (t) => [index("users_external_id_hash").on(t.externalIdHash), index("users_deleted").on(t.deletedAt, t.erasedAt)],
);

export const refreshTokens = sqliteTable(
  "refresh_tokens",
  {
    /** SHA-256 of the token: a leaked table gives no usable token. */
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
    createdAt: createdAt(),
    /** The sign-in this token was rotated from; null for tokens issued before sessions were recorded. */
    sessionId: text("session_id"),
  },
  (t) => [index("refresh_tokens_user").on(t.userId), index("refresh_tokens_session").on(t.sessionId)],
);

export const projects = sqliteTable(
  "projects",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("projects_user").on(t.userId, t.createdAt)],
);

export const jobs = sqliteTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: text("project_id").references(() => projects.id, { onDelete: "set null" }),
    status: text("status", { enum: jobStatuses }).notNull(),
    mode: text("mode", { enum: jobModes }).notNull(),
    title: text("title"),
    credits: integer("credits").notNull(),
    provider: text("provider"),
    providerTaskId: text("provider_task_id"),
    /** The routing arm that chose the engine (arm:x, ramp:x, forced, blind, failover), for comparing arms. */
    arm: text("arm"),
    /** Engines still to try, in order, if the current one fails. */
    providerChain: text("provider_chain", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Engines tried so far, the current one last. */
    providersTried: text("providers_tried", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    chosenTrackId: text("chosen_track_id"),
    /** The person reads (and may edit) the lyrics before the music is made. */
    approveLyrics: integer("approve_lyrics", { mode: "boolean" }).notNull().default(false),
    /** Lyrics drafts written so far; new drafts are free up to LYRICS_FREE_DRAFTS. */
    drafts: integer("drafts").notNull().default(0),
    /** A revision (new seed, maybe another style or voice) of this order; the first one is free. */
    parentJobId: text("parent_job_id"),
    deadlineAt: integer("deadline_at").notNull(),
    /** Time the order waited for the person to approve its lyrics: theirs, not the product's, so generation times leave it out. */
    waitedMs: integer("waited_ms").notNull().default(0),
    lastSeq: integer("last_seq").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
    finishedAt: integer("finished_at"),
  },
  // Each index is a row D1 writes with every order (docs/capacity.md), and none is on a column a running job
  // changes: a change of status writes the job's row alone. Running jobs are those with no `finished_at`
  // (the sweep, the stages' backlog); the operators' filters by status or engine walk the newest-first index.
  (t) => [
    index("jobs_user").on(t.userId, t.createdAt),
    // Metrics, alerts and the operators' newest-first list read time ranges, never the whole table.
    index("jobs_finished").on(t.finishedAt),
    index("jobs_created").on(t.createdAt, t.id),
  ],
);

/** Everything needed to make the same song again, or to replay it on another engine. */
export const generations = sqliteTable("generations", {
  jobId: text("job_id")
    .primaryKey()
    .references(() => jobs.id, { onDelete: "cascade" }),
  mode: text("mode", { enum: jobModes }).notNull(),
  /** The person's brief (context mode) as JSON. */
  context: text("context", { mode: "json" }),
  /** The lyrics the engine sang, as titled sections (JSON). */
  lyrics: text("lyrics", { mode: "json" }).$type<Lyrics>(),
  lyricsSource: text("lyrics_source"),
  language: text("language", { enum: languages }).notNull(),
  vocal: text("vocal", { enum: vocals }).notNull(),
  styleTags: text("style_tags", { mode: "json" }).notNull(),
  mood: text("mood"),
  durationSeconds: integer("duration_seconds").notNull(),
  params: text("params", { mode: "json" }),
  provider: text("provider"),
  providerTaskId: text("provider_task_id"),
  model: text("model"),
  modelVersion: text("model_version"),
  seed: integer("seed").notNull(),
  /** How to sing written words, e.g. the recipient's name. */
  pronunciations: text("pronunciations", { mode: "json" }).$type<Record<string, string>>(),
  /** When each lyric line is sung, per take, for players that highlight lines in time. */
  timings: text("timings", { mode: "json" }).$type<Record<string, LineTiming[] | null>>(),
  updatedAt: integer("updated_at").notNull(),
});

/** One event of a job's log, in the order its sequence numbers say. */
export interface LoggedEvent {
  seq: number;
  type: string;
  status: JobStatus;
  data: unknown;
  createdAt: number;
}

/** An engine call of a job, as its log keeps it (the job is the log's). */
export interface LoggedCall {
  provider: string;
  operation: ProviderOperation;
  latencyMs: number;
  costCents: number | null;
  outcome: CallOutcome;
  error: string | null;
  createdAt: number;
}

/**
 * A finished job's event log and the engine calls that answered, in one row written with its terminal
 * batch: while the job runs they are in its Durable Object. Keyed by the job's `finished_at` first, so
 * metrics, alerts and retention read time ranges of it; a job's own log is found from its row.
 * WITHOUT ROWID (migration 0012): one row written, no separate key index. Failed calls, and calls made
 * after a job ended, are rows of `provider_calls`, written at once.
 */
export const jobLogs = sqliteTable(
  "job_logs",
  {
    finishedAt: integer("finished_at").notNull(),
    jobId: text("job_id").notNull(),
    /** Null once retention has taken them (RETENTION_JOB_EVENTS_DAYS). */
    events: text("events", { mode: "json" }).$type<LoggedEvent[]>(),
    /** Null once retention has taken them (RETENTION_PROVIDER_CALLS_DAYS). */
    calls: text("calls", { mode: "json" }).$type<LoggedCall[]>(),
  },
  (t) => [primaryKey({ columns: [t.finishedAt, t.jobId] })],
);

export const tracks = sqliteTable(
  "tracks",
  {
    id: text("id").primaryKey(),
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    takeIndex: integer("take_index").notNull(),
    r2Key: text("r2_key").notNull(),
    format: text("format", { enum: audioFormats }).notNull(),
    contentType: text("content_type").notNull(),
    durationSeconds: real("duration_seconds"),
    sampleRate: integer("sample_rate"),
    loudnessLufs: real("loudness_lufs"),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    /** The lossless copy, when the engine made one. */
    wavR2Key: text("wav_r2_key"),
    wavSizeBytes: integer("wav_size_bytes"),
    wavSha256: text("wav_sha256"),
    provider: text("provider").notNull(),
    providerTakeId: text("provider_take_id"),
    title: text("title"),
    /** Set when the owner shares the take: whoever holds it may play it (share page, partner embeds). */
    shareToken: text("share_token"),
    createdAt: createdAt(),
  },
  (t) => [
    // A person's takes are found through their jobs (jobs_user): no index of their own to write.
    index("tracks_job").on(t.jobId, t.takeIndex),
    // The WAV copies still kept, oldest first, for the retention cron.
    index("tracks_wav_created").on(t.createdAt).where(sql`wav_r2_key is not null`),
  ],
);

/** A finished take given to someone: a page anyone holding the token may open, until the owner revokes it. */
export const gifts = sqliteTable(
  "gifts",
  {
    id: text("id").primaryKey(),
    /** 256 random bits; the link is the only credential the recipient has. */
    token: text("token").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    trackId: text("track_id")
      .notNull()
      .references(() => tracks.id, { onDelete: "cascade" }),
    /** "" for a song for no one in particular (custom lyrics without a recipient): its title stands for it. */
    recipientName: text("recipient_name").notNull(),
    /** How the sender signs the message ("from Paul"); the account's email is never shown. */
    senderName: text("sender_name"),
    message: text("message").notNull(),
    allowDownload: integer("allow_download", { mode: "boolean" }).notNull(),
    /** The page speaks the sender's chosen language, whatever the recipient's browser says. */
    locale: text("locale", { enum: languages }).notNull(),
    plays: integer("plays").notNull().default(0),
    revokedAt: integer("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [index("gifts_user").on(t.userId, t.createdAt), index("gifts_track").on(t.trackId)],
);

/** Derived from the ledger and kept beside it so a reservation is one conditional write. */
export const creditBalances = sqliteTable(
  "credit_balances",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    balance: integer("balance").notNull().default(0),
    reserved: integer("reserved").notNull().default(0),
    updatedAt: integer("updated_at").notNull(),
  },
  // The database itself refuses a negative balance or a reservation beyond it.
  (t) => [
    check(
      "credit_balances_never_negative",
      sql`${t.balance} >= 0 AND ${t.reserved} >= 0 AND ${t.reserved} <= ${t.balance}`,
    ),
  ],
);

export const creditLedger = sqliteTable(
  "credit_ledger",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    jobId: text("job_id"),
    kind: text("kind", { enum: ledgerKinds }).notNull(),
    amount: integer("amount").notNull(),
    reason: text("reason").notNull(),
    /** Rows written before reasons had a kind were classified by the migration that added it. */
    reasonKind: text("reason_kind", { enum: ledgerReasonKinds }).notNull().default("added"),
    /** "hold:<job>" and "settle:<job>" are unique, so a job is held once and debited or refunded once. */
    entryKey: text("entry_key").notNull().unique(),
    /** Who moved the credits by hand: the operator's user id on a grant from the console; null for the platform's own moves. */
    actor: text("actor"),
    createdAt: createdAt(),
  },
  (t) => [
    // A job's rows are found by their entry keys (hold:<job>, settle:<job>…), which are unique anyway.
    index("credit_ledger_user").on(t.userId, t.createdAt),
    index("credit_ledger_created").on(t.createdAt),
    check("credit_ledger_amount_not_negative", sql`${t.amount} >= 0`),
  ],
);

/** Engine calls that failed, and calls outside a job or after it ended; a job's other calls are in its log. */
export const providerCalls = sqliteTable(
  "provider_calls",
  {
    // No AUTOINCREMENT: ids are never reused while their row exists, which is all anything needs, and each
    // insert spares a write of sqlite_sequence.
    id: integer("id").primaryKey(),
    provider: text("provider").notNull(),
    operation: text("operation", { enum: providerOperations }).notNull(),
    jobId: text("job_id"),
    latencyMs: integer("latency_ms").notNull(),
    costCents: real("cost_cents"),
    outcome: text("outcome", { enum: callOutcomes }).notNull(),
    error: text("error"),
    createdAt: createdAt(),
  },
  (t) => [
    index("provider_calls_provider").on(t.provider, t.createdAt),
    index("provider_calls_job").on(t.jobId),
    index("provider_calls_created").on(t.createdAt),
  ],
);

export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    jobId: text("job_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

export const receivedWebhooks = sqliteTable(
  "received_webhooks",
  {
    provider: text("provider").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    jobId: text("job_id"),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.dedupeKey] }), index("received_webhooks_received").on(t.receivedAt)],
);

/** The routing configuration in force; one row, replaced by operators through the admin API. */
export const routingConfigs = sqliteTable("routing_configs", {
  id: text("id").primaryKey(),
  config: text("config", { mode: "json" }).notNull(),
  updatedBy: text("updated_by"),
  updatedAt: integer("updated_at").notNull(),
});

export const providerHealth = sqliteTable("provider_health", {
  provider: text("provider").primaryKey(),
  state: text("state", { enum: circuitStates }).notNull(),
  recent: text("recent", { mode: "json" }).$type<boolean[]>().notNull(),
  openedAt: integer("opened_at"),
  updatedAt: integer("updated_at").notNull(),
});

/** Which engine's take a person kept when an order's two takes came from two engines, unlabeled. */
export const takePreferences = sqliteTable("take_preferences", {
  jobId: text("job_id")
    .primaryKey()
    .references(() => jobs.id, { onDelete: "cascade" }),
  chosenProvider: text("chosen_provider").notNull(),
  otherProvider: text("other_provider").notNull(),
  createdAt: createdAt(),
});

/** Operators' alerts, one row per condition (e.g. "provider_down:suno"), so each is announced once while it fires and once when it clears. */
export const alerts = sqliteTable("alerts", {
  key: text("key").primaryKey(),
  state: text("state", { enum: alertStates }).notNull(),
  message: text("message").notNull(),
  /** The state last announced to ALERT_WEBHOOK_URL; it lags `state` until the announcement is delivered. */
  notifiedState: text("notified_state", { enum: alertStates }),
  firedAt: integer("fired_at").notNull(),
  resolvedAt: integer("resolved_at"),
  updatedAt: integer("updated_at").notNull(),
});

/** The Stripe customer of an account, created once, at its first checkout. */
export const billingCustomers = sqliteTable("billing_customers", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  stripeCustomerId: text("stripe_customer_id").notNull().unique(),
  createdAt: createdAt(),
});

/** A pack bought (or being bought) through Stripe Checkout; the credits move only in the ledger, keyed by this id. */
export const purchases = sqliteTable(
  "purchases",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    pack: text("pack").notNull(),
    credits: integer("credits").notNull(),
    currency: text("currency", { enum: currencies }).notNull(),
    /** The pack's price at checkout; once paid, what Stripe says was paid. */
    amountCents: integer("amount_cents").notNull(),
    status: text("status", { enum: purchaseStatuses }).notNull(),
    sessionId: text("session_id").notNull().unique(),
    paymentIntentId: text("payment_intent_id"),
    chargeId: text("charge_id"),
    receiptUrl: text("receipt_url"),
    refundedCents: integer("refunded_cents").notNull().default(0),
    /** Credits taken back after a refund or dispute, and those already spent that could not be. */
    creditsRevoked: integer("credits_revoked").notNull().default(0),
    creditsUnrecovered: integer("credits_unrecovered").notNull().default(0),
    createdAt: createdAt(),
    paidAt: integer("paid_at"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("purchases_user").on(t.userId, t.createdAt),
    index("purchases_payment_intent").on(t.paymentIntentId),
    index("purchases_paid").on(t.paidAt),
    // Two reversals racing cannot take back more than the purchase gave.
    check("purchases_reversal_within_credits", sql`${t.creditsRevoked} + ${t.creditsUnrecovered} <= ${t.credits}`),
  ],
);

/** An account whose refunded or disputed credits were already spent: its new orders wait until an operator clears it. */
export const accountHolds = sqliteTable(
  "account_holds",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purchaseId: text("purchase_id").notNull(),
    reason: text("reason", { enum: holdReasons }).notNull(),
    /** Credits the payment reversal should have taken back and could not (already spent or reserved). */
    creditsShort: integer("credits_short").notNull(),
    createdAt: createdAt(),
    clearedAt: integer("cleared_at"),
    clearedBy: text("cleared_by"),
    note: text("note"),
  },
  (t) => [index("account_holds_user").on(t.userId, t.clearedAt)],
);

/**
 * One sign-in and every refresh token rotated from it. Access tokens name it (`sid`), so ending it ends
 * them too: on sign-out, and when a refresh token already traded comes back (a copy is in other hands).
 */
export const authSessions = sqliteTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    endedAt: integer("ended_at"),
    endedBy: text("ended_by", { enum: sessionEndReasons }),
  },
  (t) => [index("auth_sessions_user").on(t.userId)],
);

/**
 * An order's Idempotency-Key while its first request runs (rows of `idempotency_keys` are written only with
 * the job): retries arriving meanwhile wait for that request instead of racing it for credits and limits.
 */
export const idempotencyClaims = sqliteTable(
  "idempotency_claims",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    /** Random per request: the request whose value this is owns the key. */
    claimId: text("claim_id").notNull(),
    claimedAt: integer("claimed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

export type User = typeof users.$inferSelect;
export type Project = typeof projects.$inferSelect;
export type Job = typeof jobs.$inferSelect;
export type Generation = typeof generations.$inferSelect;
export type Track = typeof tracks.$inferSelect;
export type Gift = typeof gifts.$inferSelect;
export type LedgerEntry = typeof creditLedger.$inferSelect;
export type Alert = typeof alerts.$inferSelect;
export type Purchase = typeof purchases.$inferSelect;
export type AccountHold = typeof accountHolds.$inferSelect;
