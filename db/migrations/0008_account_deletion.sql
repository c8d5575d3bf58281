ALTER TABLE `users` ADD `deleted_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `erased_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `external_id_hash` text;--> statement-breakpoint
CREATE INDEX `users_external_id_hash` ON `users` (`external_id_hash`);--> statement-breakpoint
CREATE INDEX `users_deleted` ON `users` (`deleted_at`,`erased_at`);