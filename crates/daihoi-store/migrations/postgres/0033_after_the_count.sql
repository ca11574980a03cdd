-- After the count (issue 16 §4; election-rules.md R-AFTER-1…4, R-RANK-4).
-- `election_outcome`: the higher committee's decision on an election's
-- results (R-AFTER-1, R-AFTER-3): approved (chuẩn y), with the names it
-- refused (one per line; a refused person is not seated), or annulled
-- with a new election ordered; who decided, on which day, its document and
-- what it says, and who recorded it. `election_seating`: what the approval
-- did for each elected person, in the order elected: a seat recorded on
-- the organization's committee or commission, a place on the higher
-- congress's roll, one held already, refused, or not seated and why (the
-- software asks a person then). `election_complaint`: complaints received
-- (R-AFTER-2), numbered within the election: the day, from whom, what,
-- the day sent to the higher inspection commission and the day settled
-- with its document. `election_ballots_kept`: the ballots sealed
-- (R-AFTER-4): the day, who holds them, where, kept until (6 months), and
-- their destruction by decision. `congress_planned_leader`: who is
-- planned for secretary or inspection chair of a congress (R-RANK-4,
-- C-PER-13), and the higher committee's direction once asked.
-- Keep in step with ../sqlite/0033_after_the_count.sql.

CREATE TABLE election_outcome (
    election_id BIGINT NOT NULL PRIMARY KEY REFERENCES election (id),
    outcome TEXT NOT NULL CHECK (outcome IN ('approved', 'annulled')),
    decided_by TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    reference TEXT NOT NULL,
    refused TEXT,
    note TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE TABLE election_seating (
    election_id BIGINT NOT NULL REFERENCES election (id),
    position BIGINT NOT NULL CHECK (position >= 1),
    name TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('seated', 'held_already', 'on_roll', 'on_roll_already', 'refused',
        'not_seated')),
    detail TEXT NOT NULL,
    PRIMARY KEY (election_id, position)
);

CREATE TABLE election_complaint (
    election_id BIGINT NOT NULL REFERENCES election (id),
    number BIGINT NOT NULL CHECK (number >= 1),
    received_on TEXT NOT NULL,
    from_whom TEXT NOT NULL,
    summary TEXT NOT NULL,
    sent_on TEXT,
    settled_on TEXT,
    settled_reference TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (election_id, number)
);

CREATE TABLE election_ballots_kept (
    election_id BIGINT NOT NULL PRIMARY KEY REFERENCES election (id),
    sealed_on TEXT NOT NULL,
    held_by TEXT NOT NULL,
    kept_at TEXT NOT NULL,
    keep_until TEXT NOT NULL,
    destroyed_on TEXT,
    destroyed_reference TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE TABLE congress_planned_leader (
    congress_id BIGINT NOT NULL REFERENCES congress (id),
    post TEXT NOT NULL CHECK (post IN ('secretary', 'inspection_chair')),
    name TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    directed_by TEXT,
    directed_on TEXT,
    direction_reference TEXT,
    direction TEXT,
    direction_recorded_by TEXT,
    PRIMARY KEY (congress_id, post)
);
