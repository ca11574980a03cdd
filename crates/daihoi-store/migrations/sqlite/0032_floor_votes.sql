-- Electronic votes on the floor of a congress (issue 16 §5), optional per
-- congress. `floor_congress`: a congress whose office turned them on.
-- `floor_pin`: each delegate's PIN for that congress, salted and hashed
-- (shown once or printed on a slip), with the failed sign-ins since it was
-- issued (too many lock it until the office issues another).
-- `floor_pass`: a delegate signed in on a phone or tablet, bound to
-- (congress, person), by the hash of its token, until it expires: not a
-- user account. `floor_vote`: a named vote (biểu quyết) on a programme
-- item or a body, or a secret opinion ballot, numbered within the
-- congress, with the session open then, who opened and closed it and the
-- presidium's declaration. `floor_eligible`: those checked in to that
-- session when the vote opened (the base of the vote, R-BASE-2, R-PASS-1):
-- only they vote. `floor_ballot`: a named vote's ballots, one per delegate
-- (the key), with the acknowledgement returned to every retry.
-- Secret ballots: `floor_secret_voter` who voted (one per delegate) and
-- `floor_secret_ballot` the anonymous ballots (a random id, the choice and
-- the hash of the voter's receipt code), written in one transaction with
-- no column that joins them, no order (the table has no rowid: its rows
-- are kept in the random id's order) and no time.
-- Keep in step with ../postgres/0032_floor_votes.sql.

CREATE TABLE floor_congress (
    congress_id BIGINT NOT NULL PRIMARY KEY REFERENCES congress (id),
    enabled_by TEXT NOT NULL,
    enabled_at TEXT NOT NULL
);

CREATE TABLE floor_pin (
    congress_id BIGINT NOT NULL REFERENCES congress (id),
    person_id BIGINT NOT NULL REFERENCES person (id),
    pin_salt TEXT NOT NULL,
    pin_hash TEXT NOT NULL,
    failures BIGINT NOT NULL CHECK (failures >= 0),
    issued_by TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    PRIMARY KEY (congress_id, person_id)
);

CREATE TABLE floor_pass (
    token_hash TEXT NOT NULL PRIMARY KEY,
    congress_id BIGINT NOT NULL REFERENCES congress (id),
    person_id BIGINT NOT NULL REFERENCES person (id),
    -- Unix seconds.
    expires_at BIGINT NOT NULL
);
CREATE INDEX floor_pass_person ON floor_pass (congress_id, person_id);

CREATE TABLE floor_vote (
    congress_id BIGINT NOT NULL REFERENCES congress (id),
    number BIGINT NOT NULL CHECK (number >= 1),
    body TEXT CHECK (body IN ('presidium', 'secretariat', 'credentials_committee', 'vote_counting_board')),
    item BIGINT,
    secret BIGINT NOT NULL CHECK (secret IN (0, 1)),
    -- What a secret opinion ballot asks (a step of the personnel process).
    question TEXT,
    session BIGINT NOT NULL,
    base BIGINT NOT NULL CHECK (base >= 0),
    opened_by TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    closed_by TEXT,
    closed_at TEXT,
    declared TEXT CHECK (declared IN ('adopted', 'not_adopted')),
    declared_by TEXT,
    PRIMARY KEY (congress_id, number),
    CHECK ((body IS NULL) <> (item IS NULL))
);

CREATE TABLE floor_eligible (
    congress_id BIGINT NOT NULL,
    vote BIGINT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES person (id),
    PRIMARY KEY (congress_id, vote, person_id),
    FOREIGN KEY (congress_id, vote) REFERENCES floor_vote (congress_id, number)
);

CREATE TABLE floor_ballot (
    congress_id BIGINT NOT NULL,
    vote BIGINT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES person (id),
    choice TEXT NOT NULL CHECK (choice IN ('for', 'against', 'abstain')),
    ack TEXT NOT NULL,
    cast_at TEXT NOT NULL,
    PRIMARY KEY (congress_id, vote, person_id),
    FOREIGN KEY (congress_id, vote) REFERENCES floor_vote (congress_id, number)
);

CREATE TABLE floor_secret_voter (
    congress_id BIGINT NOT NULL,
    vote BIGINT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES person (id),
    PRIMARY KEY (congress_id, vote, person_id),
    FOREIGN KEY (congress_id, vote) REFERENCES floor_vote (congress_id, number)
);

CREATE TABLE floor_secret_ballot (
    id TEXT NOT NULL PRIMARY KEY,
    congress_id BIGINT NOT NULL,
    vote BIGINT NOT NULL,
    choice TEXT NOT NULL CHECK (choice IN ('for', 'against', 'abstain')),
    receipt_hash TEXT NOT NULL UNIQUE,
    FOREIGN KEY (congress_id, vote) REFERENCES floor_vote (congress_id, number)
) WITHOUT ROWID;
