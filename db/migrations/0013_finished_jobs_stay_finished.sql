-- A finished job's row takes no further event. Its Durable Object, killed after writing the end and before
-- clearing its storage, still holds the job as running; without this its next step could write a running
-- status over the end (a step with no take or settlement to refuse it). The whole batch fails instead, and
-- the object takes the end from D1 (JobObject.run). Other updates of a finished row (the chosen take, an
-- account's erasure) do not set last_seq and still apply.
CREATE TRIGGER `jobs_finished_take_no_event` BEFORE UPDATE OF `last_seq` ON `jobs`
WHEN OLD.`finished_at` IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'job already finished');
END;
