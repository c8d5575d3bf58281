-- D1 ignores PRAGMA foreign_keys; deferring the checks lets the table be rebuilt with rows in it.
PRAGMA defer_foreign_keys=ON;--> statement-breakpoint
CREATE TABLE `__new_credit_ledger` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`job_id` text,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`reason` text NOT NULL,
	`entry_key` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "credit_ledger_amount_not_negative" CHECK("__new_credit_ledger"."amount" >= 0)
);
--> statement-breakpoint
INSERT INTO `__new_credit_ledger`("id", "user_id", "job_id", "kind", "amount", "reason", "entry_key", "created_at") SELECT "id", "user_id", "job_id", "kind", "amount", "reason", "entry_key", "created_at" FROM `credit_ledger`;--> statement-breakpoint
DROP TABLE `credit_ledger`;--> statement-breakpoint
ALTER TABLE `__new_credit_ledger` RENAME TO `credit_ledger`;--> statement-breakpoint
PRAGMA defer_foreign_keys=OFF;--> statement-breakpoint
CREATE UNIQUE INDEX `credit_ledger_entry_key_unique` ON `credit_ledger` (`entry_key`);--> statement-breakpoint
CREATE INDEX `credit_ledger_user` ON `credit_ledger` (`user_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `jobs` ADD `approve_lyrics` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `jobs` ADD `drafts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `jobs` ADD `parent_job_id` text;