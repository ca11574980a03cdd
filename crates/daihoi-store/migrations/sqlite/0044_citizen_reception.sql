-- Citizen reception (issue 18, P-9): the reception calendar of each
-- committee. `reception_session`: a day a committee receives citizens,
-- who receives (`by_head` = 1: the committee's head in person, the only
-- sessions that count for the head's duty), where, whether regular or
-- ad hoc, planned, held or cancelled (with why), and who recorded it.
-- `reception_visit`: each visit of a session: how many people (a group
-- counts its people), what it was about, and what came of it: a case of
-- the register (`case_id`; the filer's identity stays apart with the
-- case, P-7, and the matter is the case's summary), guidance to the
-- competent body, or an answer given there and then.
-- Keep in step with ../postgres/0044_citizen_reception.sql.
CREATE TABLE reception_session (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organization (id),
    day TEXT NOT NULL,
    host TEXT NOT NULL,
    by_head BIGINT NOT NULL CHECK (by_head IN (0, 1)),
    place TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('regular', 'ad_hoc')),
    status TEXT NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
    note TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX reception_session_org_day ON reception_session (org_id, day);
CREATE INDEX reception_session_day ON reception_session (day);
CREATE TABLE reception_visit (
    id INTEGER PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES reception_session (id),
    people BIGINT NOT NULL CHECK (people >= 1),
    matter TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('case', 'guided', 'answered')),
    case_id BIGINT REFERENCES petition_case (id),
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX reception_visit_session ON reception_visit (session_id);
