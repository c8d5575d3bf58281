-- A finished job's events become one row of job_logs (with no engine calls: those already in provider_calls
-- stay there, where the readers still find them). Running jobs keep their log in their Durable Object.
INSERT OR IGNORE INTO `job_logs`("finished_at", "job_id", "events", "calls")
SELECT j.`finished_at`, j.`id`,
	(SELECT json_group_array(json_object('seq', e.`seq`, 'type', e.`type`, 'status', e.`status`, 'data', json(e.`data`), 'createdAt', e.`created_at`))
		FROM (SELECT * FROM `job_events` WHERE `job_id` = j.`id` ORDER BY `seq`) e),
	'[]'
FROM `jobs` j WHERE j.`finished_at` IS NOT NULL AND EXISTS (SELECT 1 FROM `job_events` e WHERE e.`job_id` = j.`id`);--> statement-breakpoint
DROP TABLE `job_events`;
