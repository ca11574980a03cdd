-- R-LIST-6: when the people added at the congress make the list longer
-- than its cap (R-LIST-1, R-LIST-2), the congress's opinion ballot on
-- them: each admitted floor nominee's votes, with who recorded them and
-- when. The list keeps them from the most votes down until it is within
-- the cap; a tie at that cut is the congress's to decide.
-- Keep in step with ../postgres/0035_list_opinion.sql.

ALTER TABLE election_candidate ADD COLUMN opinion_votes BIGINT CHECK (opinion_votes >= 0);
ALTER TABLE election_candidate ADD COLUMN opinion_recorded_by TEXT;
ALTER TABLE election_candidate ADD COLUMN opinion_recorded_at TEXT;
