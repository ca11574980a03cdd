-- Implementation tasks (nhiệm vụ) and their append-only logs (T-1, T-2, T-4):
-- a task comes from a document of the register and the clause it
-- implements, is assigned to an organization, and may be a sub-task of
-- another (the cascade down the tree). Keep in step with ../postgres/0009_tasks.sql.

CREATE TABLE task (
    id INTEGER PRIMARY KEY,
    -- The id of the task in a user's file (T-7), unique when given.
    external_id TEXT UNIQUE,
    document_id BIGINT NOT NULL REFERENCES document (id),
    -- The clause of the document it implements ("Mục III.1"); may be empty.
    clause TEXT NOT NULL,
    title TEXT NOT NULL,
    -- The assignee.
    org_id BIGINT NOT NULL REFERENCES organization (id),
    parent_id BIGINT REFERENCES task (id),
    -- Weight in the parent's roll-up (finite, >= 0).
    weight REAL,
    deadline TEXT,
    done_on TEXT,
    workflow TEXT NOT NULL CHECK (workflow IN ('draft', 'assigned', 'in_progress', 'done', 'cancelled')),
    classification TEXT NOT NULL CHECK (classification IN ('normal', 'confidential', 'secret')),
    -- The latest progress reported in the log (0..100) and the day it was
    -- reported for: a cache of task_event, by order of occurrence.
    progress REAL,
    progress_on TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX task_parent ON task (parent_id);
CREATE INDEX task_org ON task (org_id);
CREATE INDEX task_document ON task (document_id);

-- The log of a task: rows are only ever inserted, in recording order.
CREATE TABLE task_event (
    id INTEGER PRIMARY KEY,
    task_id BIGINT NOT NULL REFERENCES task (id),
    occurred_on TEXT NOT NULL,
    recorded_on TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('report', 'urging', 'inspection', 'supervision', 'status_change', 'progress')),
    -- The event of daihoi-tracking as JSON.
    body TEXT NOT NULL,
    -- The progress it reports, if any (0..100).
    progress REAL,
    created_at TEXT NOT NULL
);
CREATE INDEX task_event_task ON task_event (task_id, id);
