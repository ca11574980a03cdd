-- The roll-up and the counts of a subtree's tasks at 100,000 tasks
-- (task_lists.rs; benches/tasks.rs). Keep in step with
-- ../sqlite/0014_task_rollup_and_counts.sql.

-- Counts by status: an organization's tasks with what their status needs,
-- and their classification, so that the counts cut to a reader's clearance
-- read the index alone.
DROP INDEX task_org;
CREATE INDEX task_org ON task (org_id, workflow, deadline, done_on, classification);

-- The roll-up reads a subtree's tasks as one text (string_agg), each real
-- number written exactly: SQLite's built-in printf('%!.17g', x) gives 17
-- significant digits; here the same call gives the double's 64 bits in
-- hexadecimal after an 'x', whatever extra_float_digits says
-- (task_lists.rs reads both). Only that format is meant.
CREATE FUNCTION printf(format TEXT, x DOUBLE PRECISION) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT 'x' || encode(float8send(x), 'hex') $$;

-- SQLite's instr (the 1-based position of a text in another, 0 if absent),
-- for the counts by child of a subtree (task_lists.rs).
CREATE FUNCTION instr(haystack TEXT, needle TEXT) RETURNS INTEGER
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT strpos(haystack, needle) $$;
