-- The receipt (tiếp nhận) of a task by the office of the organization it
-- was given to: when (UTC, RFC 3339) and by which account. NULL: not yet
-- received; the task is in that office's inbox until then. Keep in step
-- with ../postgres/0022_task_receipt.sql.
ALTER TABLE task ADD COLUMN received_at TEXT;
ALTER TABLE task ADD COLUMN received_by TEXT;
