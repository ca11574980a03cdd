-- Congresses across the tree (issue 15; congress.md C-PLAN, C-DEL-5).
-- A round (nhiệm kỳ) is a term of congresses: 2025–2030, or a by-election
-- later. Its settings ship with the software (daihoi-congress,
-- `RoundSettings`); a person answers its [open] questions for the round, a
-- level class or one organization: `round_answer`, with who, on which day,
-- why, and when it was recorded. No row, no answer: the rule waits.
-- A congress is an organization's congress in a round: its level class
-- (C-PLAN-1), kind (member or delegate, C-DEL-5), contents (full or
-- two-content, C-PLAN-3), whether it is a model congress, its planned and
-- actual opening and length (in half days), the higher approval of a date
-- outside its window (C-PLAN-1), and its gates, each passed with who
-- approved it and the document (C-PLAN-5), kept on the row: a province's
-- campaign reads its 6,000 congresses in one pass.
-- Keep in step with ../postgres/0024_congresses.sql.

CREATE TABLE congress_round (
    id INTEGER PRIMARY KEY,
    -- '2025-2030'; a by-election has its own code.
    code TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    from_year BIGINT NOT NULL,
    to_year BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK (from_year < to_year)
);

CREATE TABLE round_answer (
    round_id BIGINT NOT NULL REFERENCES congress_round (id),
    -- An [open] question's code (daihoi-congress `OpenQuestion::code`).
    question TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('round', 'level', 'organization')),
    -- '' for the round, a level class's code, or an organization's code.
    scope_of TEXT NOT NULL,
    -- The answer's value as JSON (daihoi-congress `AnswerValue`).
    value TEXT NOT NULL,
    answered_by TEXT NOT NULL,
    answered_on TEXT NOT NULL,
    why TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (round_id, question, scope, scope_of)
);

CREATE TABLE congress (
    id INTEGER PRIMARY KEY,
    round_id BIGINT NOT NULL REFERENCES congress_round (id),
    org_id BIGINT NOT NULL REFERENCES organization (id),
    level_class TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('member_congress', 'delegate_congress')),
    contents TEXT NOT NULL CHECK (contents IN ('full', 'two_contents')),
    model BIGINT NOT NULL CHECK (model IN (0, 1)),
    planned_on TEXT NOT NULL,
    planned_half_days BIGINT NOT NULL CHECK (planned_half_days BETWEEN 1 AND 20),
    held_on TEXT,
    held_half_days BIGINT CHECK (held_half_days BETWEEN 1 AND 20),
    -- C-PLAN-1: the higher approval of a date or length outside the window.
    date_approved_by TEXT,
    date_approved_on TEXT,
    date_reference TEXT,
    -- The gates passed, in the order recorded: a JSON array of
    -- daihoi-congress `GateRecord` (gate, approved_by, on, reference); the
    -- audit log keeps who recorded each and when.
    gates TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX congress_once ON congress (round_id, org_id);
CREATE INDEX congress_org ON congress (org_id);
