-- Indexes for the task lists of a subtree (task_lists.rs; benches/tasks.rs
-- measures them on a province with 100,000 tasks). Keep in step with
-- ../sqlite/0012_task_indexes.sql.

-- Overdue and due soon: the open tasks by deadline, with their organization
-- (checked against the subtree without reading the task). The predicate is
-- written as the queries write it, so that both engines use the index.
CREATE INDEX task_open_deadline ON task (deadline, id, org_id) WHERE workflow NOT IN ('done', 'cancelled');

-- Counts by status: an organization's tasks with what their status needs.
DROP INDEX task_org;
CREATE INDEX task_org ON task (org_id, workflow, deadline, done_on);
