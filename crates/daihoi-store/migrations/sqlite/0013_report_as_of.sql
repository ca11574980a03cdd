-- What the periodic report (reports.rs) needs to show a subtree's tasks as
-- they stood at the end of a past period: the day each task was given, and
-- the moves of its status changes as columns (not only inside the event's
-- JSON), so that the state on a date is read in SQL. Keep in step with
-- ../postgres/0013_report_as_of.sql.

-- The day the task was given (giao), as NewTask::assigned_on says. Tasks
-- stored before this column: the day they were written, or the first day
-- their log speaks of if that is earlier. NULL (rows written by other
-- means): taken as given before any period.
ALTER TABLE task ADD COLUMN assigned_on TEXT;
UPDATE task SET assigned_on = substr(created_at, 1, 10);
UPDATE task SET assigned_on = (SELECT MIN(e.occurred_on) FROM task_event e WHERE e.task_id = task.id)
WHERE EXISTS (SELECT 1 FROM task_event e WHERE e.task_id = task.id AND e.occurred_on < task.assigned_on);

-- A status change's move, in the stored codes of task.workflow; NULL for
-- the other kinds of event.
ALTER TABLE task_event ADD COLUMN status_from TEXT;
ALTER TABLE task_event ADD COLUMN status_to TEXT;
UPDATE task_event SET
    status_from = CASE json_extract(body, '$.kind.StatusChange.from')
        WHEN 'Draft' THEN 'draft' WHEN 'Assigned' THEN 'assigned' WHEN 'InProgress' THEN 'in_progress'
        WHEN 'Done' THEN 'done' WHEN 'Cancelled' THEN 'cancelled' END,
    status_to = CASE json_extract(body, '$.kind.StatusChange.to')
        WHEN 'Draft' THEN 'draft' WHEN 'Assigned' THEN 'assigned' WHEN 'InProgress' THEN 'in_progress'
        WHEN 'Done' THEN 'done' WHEN 'Cancelled' THEN 'cancelled' END
WHERE kind = 'status_change';

-- A task's events of one kind by occurrence: the latest report, progress
-- or status change on or before a day is one seek.
CREATE INDEX task_event_kind ON task_event (task_id, kind, occurred_on, id);
