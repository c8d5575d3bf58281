-- The time an order waited for its lyrics' approval, left out of generation times (worker/observability/metrics.ts).
ALTER TABLE `jobs` ADD `waited_ms` integer DEFAULT 0 NOT NULL;