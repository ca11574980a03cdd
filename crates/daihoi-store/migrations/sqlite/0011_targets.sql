-- Targets (chỉ tiêu, T-5) of implementation tasks: what is measured, in
-- which unit, from which baseline to which value, and the values reported
-- over time (rows only ever inserted; a later reading on the same day is a
-- correction). Keep in step with ../postgres/0011_targets.sql.

CREATE TABLE target (
    id INTEGER PRIMARY KEY,
    task_id BIGINT NOT NULL REFERENCES task (id),
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    baseline REAL NOT NULL,
    target_value REAL NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
    created_at TEXT NOT NULL
);
CREATE INDEX target_task ON target (task_id);

CREATE TABLE target_reading (
    id INTEGER PRIMARY KEY,
    target_id BIGINT NOT NULL REFERENCES target (id),
    on_date TEXT NOT NULL,
    value REAL NOT NULL,
    note TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX target_reading_target ON target_reading (target_id, id);
