-- Delegate allocation (phân bổ đại biểu; issue 15 §5): the convening
-- committee's decision for its congress: the total of delegates (an
-- input, C-DEL-1) with its decision and day, and the seats of each
-- organization by mode (ex officio, elected, designated with its decision;
-- C-DEL-2, C-DEL-8). A new decision replaces the table; the audit log keeps
-- the one before. A lower congress reads its row (C-DEL-3).
-- Keep in step with ../sqlite/0026_seat_allocation.sql.

CREATE TABLE seat_allocation (
    congress_id BIGINT PRIMARY KEY REFERENCES congress (id),
    total BIGINT NOT NULL CHECK (total > 0),
    decision TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE TABLE seat_allocation_row (
    congress_id BIGINT NOT NULL REFERENCES seat_allocation (congress_id),
    org_id BIGINT NOT NULL REFERENCES organization (id),
    seats BIGINT NOT NULL CHECK (seats >= 0),
    mode TEXT NOT NULL CHECK (mode IN ('ex_officio', 'elected', 'designated')),
    decision TEXT,
    PRIMARY KEY (congress_id, org_id)
);
CREATE INDEX seat_allocation_row_org ON seat_allocation_row (org_id);
