-- The legal clocks of petitions, complaints and denunciations (issue 18;
-- P-3, P-4, P-5), as data a person keeps. `petition_rule`: the versioned
-- rule table, one row per clock (`clock`, daihoi-petitions' trigger
-- code), area and complexity (NULL: every one), with its amount and unit,
-- the extensions it allows and of how long, the days of receipt it covers
-- and its source article; who entered it and when, and who ended it (set
-- its last day) and when. Rows are never deleted: a change of the law
-- ends a row and enters the next. `petition_calendar_day`: the days off
-- (holidays, substitute days) and make-up working days, with their names;
-- `petition_calendar_year`: the years whose calendar a person confirmed
-- (who, when, why): a due date that crosses an unconfirmed year awaits.
-- The rows and days daihoi ships are written once, entered by `daihoi`
-- (`petition_shipped` records that they were, so that they are not
-- written again). Keep in step with ../postgres/0039_petition_clocks.sql.

CREATE TABLE petition_rule (
    id INTEGER PRIMARY KEY,
    clock TEXT NOT NULL,
    area TEXT,
    complexity TEXT,
    amount BIGINT NOT NULL CHECK (amount >= 1),
    unit TEXT NOT NULL,
    extensions BIGINT NOT NULL CHECK (extensions >= 0),
    extension_amount BIGINT NOT NULL CHECK (extension_amount >= 0),
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    source TEXT NOT NULL,
    entered_by TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    ended_by TEXT,
    ended_at TEXT
);

CREATE INDEX petition_rule_clock ON petition_rule (clock, valid_from);

CREATE TABLE petition_calendar_day (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    entered_by TEXT NOT NULL,
    entered_at TEXT NOT NULL
);

CREATE TABLE petition_calendar_year (
    year BIGINT PRIMARY KEY,
    confirmed_by TEXT NOT NULL,
    confirmed_at TEXT NOT NULL,
    why TEXT NOT NULL
);

CREATE TABLE petition_shipped (
    what TEXT PRIMARY KEY,
    written_at TEXT NOT NULL
);
