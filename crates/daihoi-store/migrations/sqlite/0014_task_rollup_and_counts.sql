-- The roll-up and the counts of a subtree's tasks at 100,000 tasks
-- (task_lists.rs; benches/tasks.rs). Keep in step with
-- ../postgres/0014_task_rollup_and_counts.sql.

-- Counts by status: an organization's tasks with what their status needs,
-- and their classification, so that the counts cut to a reader's clearance
-- read the index alone.
DROP INDEX task_org;
CREATE INDEX task_org ON task (org_id, workflow, deadline, done_on, classification);

-- The roll-up reads a subtree's tasks as one text (string_agg), each real
-- number written exactly with SQLite's built-in printf('%!.17g', x) (17
-- significant digits read back to the same double), and the counts group
-- them with instr: PostgreSQL defines both for these uses. Nothing to
-- create here.
