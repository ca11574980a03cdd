-- The roll of a congress and its attendance (issue 15 §6–7). The roll of a
-- delegate congress holds its elected, designated and alternate delegates
-- (`roll_entry`; ex-officio delegates are the convening committee on the
-- opening day, committee_seat, C-DEL-7; a member congress's roll is its
-- members on that day). `roll_exclusion`: C-DEL-9's cases, each with its
-- document. Sessions are numbered from 1; a mark is one person's presence
-- in one session (present, or absent with a reason and whether the
-- convening committee accepted it), recorded by the clerk who checked them
-- in; `roll_replacement`: an alternate in place of an official delegate
-- absent for the whole congress (C-DEL-10, R-BASE-2).
-- Keep in step with ../sqlite/0027_roll_and_attendance.sql.

CREATE TABLE roll_entry (
    congress_id BIGINT NOT NULL REFERENCES congress (id),
    person_id BIGINT NOT NULL REFERENCES person (id),
    seat TEXT NOT NULL CHECK (seat IN ('elected', 'designated', 'alternate')),
    -- The lower organization whose congress elected the delegate.
    elected_by BIGINT REFERENCES organization (id),
    -- The designation's decision (C-DEL-8).
    decision TEXT,
    alternate_rank BIGINT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (congress_id, person_id)
);

CREATE TABLE roll_exclusion (
    congress_id BIGINT NOT NULL REFERENCES congress (id),
    person_id BIGINT NOT NULL REFERENCES person (id),
    exclusion TEXT NOT NULL CHECK (exclusion IN ('suspended', 'prosecuted', 'indicted', 'elected_against_rules',
        'retiring', 'transferred_out')),
    effective TEXT NOT NULL,
    reference TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (congress_id, person_id, exclusion)
);

CREATE TABLE congress_session (
    congress_id BIGINT NOT NULL REFERENCES congress (id),
    number BIGINT NOT NULL CHECK (number >= 1),
    name TEXT NOT NULL,
    held_on TEXT NOT NULL,
    PRIMARY KEY (congress_id, number)
);

CREATE TABLE session_mark (
    congress_id BIGINT NOT NULL REFERENCES congress (id),
    session BIGINT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES person (id),
    present BIGINT NOT NULL CHECK (present IN (0, 1)),
    reason TEXT,
    accepted BIGINT NOT NULL CHECK (accepted IN (0, 1)),
    marked_by TEXT NOT NULL,
    marked_at TEXT NOT NULL,
    PRIMARY KEY (congress_id, session, person_id)
);

CREATE TABLE roll_replacement (
    congress_id BIGINT NOT NULL REFERENCES congress (id),
    absent_id BIGINT NOT NULL REFERENCES person (id),
    alternate_id BIGINT NOT NULL REFERENCES person (id),
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (congress_id, absent_id)
);
CREATE UNIQUE INDEX roll_replacement_once ON roll_replacement (congress_id, alternate_id);
