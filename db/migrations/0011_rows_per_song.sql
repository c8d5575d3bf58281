-- Fewer rows written per song (docs/capacity.md): every index and every rowid table's separate key is a row D1
-- writes. Tables nothing references are rebuilt WITHOUT ROWID (their primary key is the table: one row
-- written per insert, not two); drizzle cannot say WITHOUT ROWID, so these rebuilds are written by hand, and
-- a later generated rebuild of one of them must keep it. D1 ignores PRAGMA foreign_keys; deferring the checks
-- lets the tables be rebuilt with rows in them (none of them is referenced, so dropping one cascades nothing).
PRAGMA defer_foreign_keys=ON;--> statement-breakpoint
CREATE TABLE `job_logs` (
	`finished_at` integer NOT NULL,
	`job_id` text NOT NULL,
	`events` text,
	`calls` text,
	PRIMARY KEY(`finished_at`, `job_id`)
) WITHOUT ROWID;
--> statement-breakpoint
DROP INDEX `credit_ledger_job`;--> statement-breakpoint
DROP INDEX `jobs_status`;--> statement-breakpoint
DROP INDEX `jobs_provider_task`;--> statement-breakpoint
DROP INDEX `tracks_user`;--> statement-breakpoint
CREATE TABLE `__new_provider_calls` (
	`id` integer PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`operation` text NOT NULL,
	`job_id` text,
	`latency_ms` integer NOT NULL,
	`cost_cents` real,
	`outcome` text NOT NULL,
	`error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_provider_calls`("id", "provider", "operation", "job_id", "latency_ms", "cost_cents", "outcome", "error", "created_at") SELECT "id", "provider", "operation", "job_id", "latency_ms", "cost_cents", "outcome", "error", "created_at" FROM `provider_calls`;--> statement-breakpoint
DROP TABLE `provider_calls`;--> statement-breakpoint
ALTER TABLE `__new_provider_calls` RENAME TO `provider_calls`;--> statement-breakpoint
CREATE INDEX `provider_calls_provider` ON `provider_calls` (`provider`,`created_at`);--> statement-breakpoint
CREATE INDEX `provider_calls_job` ON `provider_calls` (`job_id`);--> statement-breakpoint
CREATE INDEX `provider_calls_created` ON `provider_calls` (`created_at`);--> statement-breakpoint
CREATE TABLE `__new_credit_ledger` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`job_id` text,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`reason` text NOT NULL,
	`entry_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`reason_kind` text DEFAULT 'added' NOT NULL,
	`actor` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "credit_ledger_amount_not_negative" CHECK("amount" >= 0)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_credit_ledger`("id", "user_id", "job_id", "kind", "amount", "reason", "entry_key", "created_at", "reason_kind", "actor") SELECT "id", "user_id", "job_id", "kind", "amount", "reason", "entry_key", "created_at", "reason_kind", "actor" FROM `credit_ledger`;--> statement-breakpoint
DROP TABLE `credit_ledger`;--> statement-breakpoint
ALTER TABLE `__new_credit_ledger` RENAME TO `credit_ledger`;--> statement-breakpoint
CREATE UNIQUE INDEX `credit_ledger_entry_key_unique` ON `credit_ledger` (`entry_key`);--> statement-breakpoint
CREATE INDEX `credit_ledger_user` ON `credit_ledger` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `credit_ledger_created` ON `credit_ledger` (`created_at`);--> statement-breakpoint
CREATE TABLE `__new_generations` (
	`job_id` text PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`context` text,
	`lyrics` text,
	`lyrics_source` text,
	`language` text NOT NULL,
	`vocal` text NOT NULL,
	`style_tags` text NOT NULL,
	`mood` text,
	`duration_seconds` integer NOT NULL,
	`params` text,
	`provider` text,
	`provider_task_id` text,
	`model` text,
	`model_version` text,
	`seed` integer NOT NULL,
	`pronunciations` text,
	`timings` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_generations`("job_id", "mode", "context", "lyrics", "lyrics_source", "language", "vocal", "style_tags", "mood", "duration_seconds", "params", "provider", "provider_task_id", "model", "model_version", "seed", "pronunciations", "timings", "updated_at") SELECT "job_id", "mode", "context", "lyrics", "lyrics_source", "language", "vocal", "style_tags", "mood", "duration_seconds", "params", "provider", "provider_task_id", "model", "model_version", "seed", "pronunciations", "timings", "updated_at" FROM `generations`;--> statement-breakpoint
DROP TABLE `generations`;--> statement-breakpoint
ALTER TABLE `__new_generations` RENAME TO `generations`;--> statement-breakpoint
CREATE TABLE `__new_idempotency_keys` (
	`user_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`job_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_idempotency_keys`("user_id", "key", "request_hash", "job_id", "created_at") SELECT "user_id", "key", "request_hash", "job_id", "created_at" FROM `idempotency_keys`;--> statement-breakpoint
DROP TABLE `idempotency_keys`;--> statement-breakpoint
ALTER TABLE `__new_idempotency_keys` RENAME TO `idempotency_keys`;--> statement-breakpoint
CREATE TABLE `__new_idempotency_claims` (
	`user_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`claim_id` text NOT NULL,
	`claimed_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_idempotency_claims`("user_id", "key", "request_hash", "claim_id", "claimed_at") SELECT "user_id", "key", "request_hash", "claim_id", "claimed_at" FROM `idempotency_claims`;--> statement-breakpoint
DROP TABLE `idempotency_claims`;--> statement-breakpoint
ALTER TABLE `__new_idempotency_claims` RENAME TO `idempotency_claims`;--> statement-breakpoint
CREATE TABLE `__new_provider_health` (
	`provider` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`recent` text NOT NULL,
	`opened_at` integer,
	`updated_at` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_provider_health`("provider", "state", "recent", "opened_at", "updated_at") SELECT "provider", "state", "recent", "opened_at", "updated_at" FROM `provider_health`;--> statement-breakpoint
DROP TABLE `provider_health`;--> statement-breakpoint
ALTER TABLE `__new_provider_health` RENAME TO `provider_health`;--> statement-breakpoint
PRAGMA defer_foreign_keys=OFF;
