-- Committees over time (cấp ủy; issue 15 §4): one row per position held by
-- a person on an organization's committee or inspection commission, over
-- a period [from_on, to_on), by appointment or election, with its decision;
-- a seat that ends keeps its row with the day and the reason. What the
-- convening committee of a congress (C-DEL-7) and C-DEL-9's "retiring
-- before the opening" read. Keep in step with
-- ../postgres/0025_committee_seats.sql.

CREATE TABLE committee_seat (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organization (id),
    person_id BIGINT NOT NULL REFERENCES person (id),
    position TEXT NOT NULL CHECK (position IN ('secretary', 'deputy_secretary', 'standing_member', 'member',
        'alternate_member', 'inspection_chair', 'inspection_deputy', 'inspection_member')),
    from_on TEXT NOT NULL,
    to_on TEXT,
    source TEXT NOT NULL CHECK (source IN ('appointment', 'election')),
    reference TEXT NOT NULL,
    end_reason TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK (to_on IS NULL OR from_on < to_on)
);
CREATE INDEX committee_seat_org ON committee_seat (org_id, from_on);
CREATE INDEX committee_seat_person ON committee_seat (person_id);
