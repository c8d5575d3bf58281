ALTER TABLE `credit_ledger` ADD `reason_kind` text DEFAULT 'added' NOT NULL;--> statement-breakpoint
-- Rows written before: their kind follows from how each writer keyed and worded them.
UPDATE `credit_ledger` SET `reason_kind` = CASE
  WHEN `entry_key` LIKE 'signup:%' THEN 'welcome'
  WHEN `reason` LIKE 'free revision of %' THEN 'free_revision'
  WHEN `reason` LIKE 'revision of %' THEN 'revision'
  WHEN `kind` = 'hold' THEN 'order'
  WHEN `kind` = 'capture' THEN 'delivered'
  WHEN `kind` = 'release' THEN 'refund'
  ELSE 'added'
END;
