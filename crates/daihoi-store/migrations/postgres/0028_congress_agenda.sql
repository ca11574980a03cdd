-- The programme of a congress and its votes by show of hands (issue 15 §8;
-- C-PLAN-8, C-PLAN-6, R-BODY-2). `agenda_item`: the programme's items in
-- order (numbered from 1 within the congress), each in the preparatory or
-- the official session, a default item by its code (`standard`) or an item
-- people added by its title, and whether it is done. `congress_body_member`:
-- the members of the bodies elected by show of hands (presidium,
-- secretariat, credentials committee, vote-counting board), people convened
-- to the congress. `hand_vote`: a vote by show of hands on a body or an
-- item: the counts, the number present at that vote (from the attendance of
-- the session then open, if any) and the presidium's declaration, numbered
-- within the congress, with who recorded it.
-- Keep in step with ../sqlite/0028_congress_agenda.sql.

CREATE TABLE agenda_item (
    congress_id BIGINT NOT NULL REFERENCES congress (id),
    number BIGINT NOT NULL CHECK (number >= 1),
    session TEXT NOT NULL CHECK (session IN ('preparatory', 'official')),
    standard TEXT,
    title TEXT,
    done BIGINT NOT NULL CHECK (done IN (0, 1)),
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (congress_id, number),
    CHECK (standard IS NOT NULL OR title IS NOT NULL)
);

CREATE TABLE congress_body_member (
    congress_id BIGINT NOT NULL REFERENCES congress (id),
    body TEXT NOT NULL CHECK (body IN ('presidium', 'secretariat', 'credentials_committee',
        'vote_counting_board')),
    person_id BIGINT NOT NULL REFERENCES person (id),
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (congress_id, body, person_id)
);

CREATE TABLE hand_vote (
    congress_id BIGINT NOT NULL REFERENCES congress (id),
    number BIGINT NOT NULL CHECK (number >= 1),
    body TEXT CHECK (body IN ('presidium', 'secretariat', 'credentials_committee', 'vote_counting_board')),
    item BIGINT,
    -- The congress's session open at the vote, if any.
    session BIGINT,
    votes_for BIGINT NOT NULL CHECK (votes_for >= 0),
    against BIGINT NOT NULL CHECK (against >= 0),
    abstaining BIGINT NOT NULL CHECK (abstaining >= 0),
    present BIGINT NOT NULL CHECK (present >= 1),
    declared TEXT NOT NULL CHECK (declared IN ('adopted', 'not_adopted')),
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (congress_id, number),
    CHECK ((body IS NULL) <> (item IS NULL))
);
