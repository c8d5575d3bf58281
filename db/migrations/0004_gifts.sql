CREATE TABLE `gifts` (
	`id` text PRIMARY KEY NOT NULL,
	`token` text NOT NULL,
	`user_id` text NOT NULL,
	`job_id` text NOT NULL,
	`track_id` text NOT NULL,
	`recipient_name` text NOT NULL,
	`sender_name` text,
	`message` text NOT NULL,
	`allow_download` integer NOT NULL,
	`locale` text NOT NULL,
	`plays` integer DEFAULT 0 NOT NULL,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`track_id`) REFERENCES `tracks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gifts_token_unique` ON `gifts` (`token`);--> statement-breakpoint
CREATE INDEX `gifts_user` ON `gifts` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `gifts_track` ON `gifts` (`track_id`);