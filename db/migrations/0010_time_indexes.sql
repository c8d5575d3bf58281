CREATE INDEX `credit_ledger_created` ON `credit_ledger` (`created_at`);--> statement-breakpoint
CREATE INDEX `credit_ledger_job` ON `credit_ledger` (`job_id`);--> statement-breakpoint
CREATE INDEX `job_events_created` ON `job_events` (`created_at`);--> statement-breakpoint
CREATE INDEX `jobs_finished` ON `jobs` (`finished_at`);--> statement-breakpoint
CREATE INDEX `jobs_created` ON `jobs` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `provider_calls_created` ON `provider_calls` (`created_at`);--> statement-breakpoint
CREATE INDEX `received_webhooks_received` ON `received_webhooks` (`received_at`);--> statement-breakpoint
CREATE INDEX `tracks_wav_created` ON `tracks` (`created_at`) WHERE wav_r2_key is not null;
