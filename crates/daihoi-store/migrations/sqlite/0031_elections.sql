-- Elections inside the application (issue 16; election-rules.md, R-*).
-- `election`: one election of a congress, numbered within it: the body it
-- fills (R-BODY-1), the number to elect (R-BODY-2, or allotted R-DELEG-1),
-- its title, and once the list is adopted by show of hands (R-BODY-2) the
-- vote that adopted it. `election_candidate`: the list as it is built, in
-- the order entered: from the convening committee or nominated at the
-- congress (R-LIST-5, with the agreements and those attending at that
-- vote), a withdrawal decided by the congress (R-LIST-7). `election_round`:
-- a round of voting (1 is the first; a further one opened by a decision),
-- its seats, ballots issued, the electorate frozen when the ballots were
-- issued (R-BASE-1/2, JSON of the engine's `Electorate`) and who closed the
-- count, when. `round_candidate`: each round's list in ballot order
-- (R-LIST-8). `election_staff`: the accounts of the vote-counting board
-- (ban kiểm phiếu) for this election: a clerk entering in entry 1 or 2, or
-- the board, which settles and rules. `ballot_entry`: a returned ballot as
-- one clerk entered it (double entry): the marks, one character per name
-- in ballot order (crossing-out: `x` struck, `.` kept; agree/disagree: `a`
-- agree, `d` disagree, `b` both, `n` neither), flags as in the tally
-- format. `ballot_settlement`: the board's reading of a ballot whose two
-- entries differ. `ballot_ruling`: the board's ruling on a disputed
-- ballot's validity with its reason (R-VALID-8). `election_decision`: the
-- congress's decision on a decision point of a counted round (R-RANK-2,
-- R-RANK-3, R-DELEG-1), who decided, when, why and what.
-- Keep in step with ../postgres/0031_elections.sql.

CREATE TABLE election (
    id INTEGER PRIMARY KEY,
    congress_id BIGINT NOT NULL REFERENCES congress (id),
    number BIGINT NOT NULL CHECK (number >= 1),
    body TEXT NOT NULL CHECK (body IN ('committee', 'standing_committee', 'secretary', 'deputy_secretary',
        'inspection_commission', 'inspection_chair', 'inspection_vice_chair', 'delegates', 'alternates')),
    title TEXT NOT NULL,
    seats BIGINT NOT NULL CHECK (seats >= 1),
    adopted_by TEXT,
    adopted_at TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (congress_id, number)
);

CREATE TABLE election_candidate (
    election_id BIGINT NOT NULL REFERENCES election (id),
    position BIGINT NOT NULL CHECK (position >= 1),
    name TEXT NOT NULL,
    person_id BIGINT REFERENCES person (id),
    source TEXT NOT NULL CHECK (source IN ('committee', 'floor')),
    floor_agree BIGINT,
    floor_attending BIGINT,
    withdrawn_by TEXT,
    withdrawn_at TEXT,
    withdrawn_reason TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (election_id, position),
    UNIQUE (election_id, name),
    CHECK ((source = 'floor') = (floor_agree IS NOT NULL AND floor_attending IS NOT NULL))
);

CREATE TABLE election_round (
    election_id BIGINT NOT NULL REFERENCES election (id),
    number BIGINT NOT NULL CHECK (number >= 1),
    seats BIGINT NOT NULL CHECK (seats >= 1),
    ballots_issued BIGINT CHECK (ballots_issued >= 0),
    session BIGINT,
    electorate TEXT,
    issued_by TEXT,
    issued_at TEXT,
    closed_by TEXT,
    closed_at TEXT,
    PRIMARY KEY (election_id, number)
);

CREATE TABLE round_candidate (
    election_id BIGINT NOT NULL,
    round BIGINT NOT NULL,
    position BIGINT NOT NULL CHECK (position >= 1),
    name TEXT NOT NULL,
    PRIMARY KEY (election_id, round, position),
    FOREIGN KEY (election_id, round) REFERENCES election_round (election_id, number)
);

CREATE TABLE election_staff (
    election_id BIGINT NOT NULL REFERENCES election (id),
    user_id BIGINT NOT NULL REFERENCES app_user (id),
    duty TEXT NOT NULL CHECK (duty IN ('entry_1', 'entry_2', 'board')),
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (election_id, user_id)
);

CREATE TABLE ballot_entry (
    election_id BIGINT NOT NULL,
    round BIGINT NOT NULL,
    ballot BIGINT NOT NULL CHECK (ballot >= 1),
    entry BIGINT NOT NULL CHECK (entry IN (1, 2)),
    marks TEXT NOT NULL,
    flags TEXT NOT NULL,
    entered_by TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    PRIMARY KEY (election_id, round, ballot, entry),
    FOREIGN KEY (election_id, round) REFERENCES election_round (election_id, number)
);

CREATE TABLE ballot_settlement (
    election_id BIGINT NOT NULL,
    round BIGINT NOT NULL,
    ballot BIGINT NOT NULL CHECK (ballot >= 1),
    marks TEXT NOT NULL,
    flags TEXT NOT NULL,
    settled_by TEXT NOT NULL,
    settled_at TEXT NOT NULL,
    PRIMARY KEY (election_id, round, ballot),
    FOREIGN KEY (election_id, round) REFERENCES election_round (election_id, number)
);

CREATE TABLE ballot_ruling (
    election_id BIGINT NOT NULL,
    round BIGINT NOT NULL,
    ballot BIGINT NOT NULL CHECK (ballot >= 1),
    valid BIGINT NOT NULL CHECK (valid IN (0, 1)),
    reason TEXT NOT NULL,
    ruled_by TEXT NOT NULL,
    ruled_at TEXT NOT NULL,
    PRIMARY KEY (election_id, round, ballot),
    FOREIGN KEY (election_id, round) REFERENCES election_round (election_id, number)
);

CREATE TABLE election_decision (
    election_id BIGINT NOT NULL REFERENCES election (id),
    number BIGINT NOT NULL CHECK (number >= 1),
    round BIGINT NOT NULL,
    point TEXT NOT NULL CHECK (point IN ('tie_at_cutoff', 'seats_unfilled', 'tie_in_order')),
    action TEXT NOT NULL CHECK (action IN ('further_round', 'no_further_round', 'order')),
    seats BIGINT,
    names TEXT,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    reason TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (election_id, number)
);
