CREATE TABLE `alerts` (
	`key` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`message` text NOT NULL,
	`notified_state` text,
	`fired_at` integer NOT NULL,
	`resolved_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `credit_ledger` ADD `actor` text;