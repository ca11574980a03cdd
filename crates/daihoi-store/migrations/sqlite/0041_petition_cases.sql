-- Petition cases (issue 18; P-1, P-2, P-5…P-8). `petition_case`: one row
-- per matter, numbered per handling organization and year of receipt, with
-- its kind and instance, how the first filing came in, the area and
-- complexity its clocks use, a one-line summary and its classification,
-- the member it is about (P-8), the verifier it is assigned to, and the
-- days of its events (accepted, notified, settled, transferred, closed).
-- An anonymous letter without concrete evidence is logged here with
-- `logged = 1` and runs no clock (P-6). Due dates are never stored: they
-- are computed from the rule table and the calendar when asked.
-- `petition_filing`: every filing of a case (P-1: a repeated one is linked,
-- not opened again). `petition_identity`: the filer's identity, apart
-- (P-7), and `petition_identity_access` every reading of it.
-- `petition_event`: the case's history. `petition_extension`: the
-- extensions granted on a clock (P-5).
CREATE TABLE petition_case (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organization (id),
    year BIGINT NOT NULL,
    number BIGINT NOT NULL CHECK (number >= 1),
    kind TEXT NOT NULL,
    instance TEXT NOT NULL,
    channel TEXT NOT NULL,
    received_on TEXT NOT NULL,
    area TEXT NOT NULL,
    complexity TEXT NOT NULL,
    summary TEXT NOT NULL,
    classification TEXT NOT NULL,
    about_person_id BIGINT REFERENCES person (id),
    logged BIGINT NOT NULL CHECK (logged IN (0, 1)),
    assigned_to TEXT,
    accepted_on TEXT,
    notified_on TEXT,
    settled_on TEXT,
    outcome TEXT,
    transferred_on TEXT,
    transferred_to TEXT,
    closed_on TEXT,
    closed_why TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (org_id, year, number)
);

CREATE INDEX petition_case_about ON petition_case (about_person_id);
CREATE INDEX petition_case_received ON petition_case (received_on);

CREATE TABLE petition_filing (
    id INTEGER PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES petition_case (id),
    channel TEXT NOT NULL,
    received_on TEXT NOT NULL,
    from_body TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE INDEX petition_filing_case ON petition_filing (case_id);

CREATE TABLE petition_identity (
    case_id BIGINT PRIMARY KEY REFERENCES petition_case (id),
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    contact TEXT NOT NULL
);

CREATE TABLE petition_identity_access (
    id INTEGER PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES petition_case (id),
    read_by TEXT NOT NULL,
    read_at TEXT NOT NULL,
    purpose TEXT NOT NULL
);

CREATE INDEX petition_identity_access_case ON petition_identity_access (case_id);

CREATE TABLE petition_event (
    id INTEGER PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES petition_case (id),
    on_day TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE INDEX petition_event_case ON petition_event (case_id);

CREATE TABLE petition_extension (
    case_id BIGINT NOT NULL REFERENCES petition_case (id),
    clock TEXT NOT NULL,
    number BIGINT NOT NULL CHECK (number >= 1),
    decided_on TEXT NOT NULL,
    reference TEXT NOT NULL,
    PRIMARY KEY (case_id, clock, number)
);
