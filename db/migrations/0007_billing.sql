CREATE TABLE `account_holds` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`purchase_id` text NOT NULL,
	`reason` text NOT NULL,
	`credits_short` integer NOT NULL,
	`created_at` integer NOT NULL,
	`cleared_at` integer,
	`cleared_by` text,
	`note` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `account_holds_user` ON `account_holds` (`user_id`,`cleared_at`);--> statement-breakpoint
CREATE TABLE `billing_customers` (
	`user_id` text PRIMARY KEY NOT NULL,
	`stripe_customer_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_customers_stripe_customer_id_unique` ON `billing_customers` (`stripe_customer_id`);--> statement-breakpoint
CREATE TABLE `purchases` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`pack` text NOT NULL,
	`credits` integer NOT NULL,
	`currency` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`status` text NOT NULL,
	`session_id` text NOT NULL,
	`payment_intent_id` text,
	`charge_id` text,
	`receipt_url` text,
	`refunded_cents` integer DEFAULT 0 NOT NULL,
	`credits_revoked` integer DEFAULT 0 NOT NULL,
	`credits_unrecovered` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`paid_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "purchases_reversal_within_credits" CHECK("purchases"."credits_revoked" + "purchases"."credits_unrecovered" <= "purchases"."credits")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchases_session_id_unique` ON `purchases` (`session_id`);--> statement-breakpoint
CREATE INDEX `purchases_user` ON `purchases` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `purchases_payment_intent` ON `purchases` (`payment_intent_id`);--> statement-breakpoint
CREATE INDEX `purchases_paid` ON `purchases` (`paid_at`);