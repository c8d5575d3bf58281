CREATE TABLE `provider_health` (
	`provider` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`recent` text NOT NULL,
	`opened_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `routing_configs` (
	`id` text PRIMARY KEY NOT NULL,
	`config` text NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `take_preferences` (
	`job_id` text PRIMARY KEY NOT NULL,
	`chosen_provider` text NOT NULL,
	`other_provider` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `generations` ADD `pronunciations` text;--> statement-breakpoint
ALTER TABLE `generations` ADD `timings` text;--> statement-breakpoint
ALTER TABLE `jobs` ADD `arm` text;--> statement-breakpoint
ALTER TABLE `jobs` ADD `provider_chain` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `jobs` ADD `providers_tried` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `tracks` ADD `wav_r2_key` text;--> statement-breakpoint
ALTER TABLE `tracks` ADD `wav_size_bytes` integer;--> statement-breakpoint
ALTER TABLE `tracks` ADD `wav_sha256` text;