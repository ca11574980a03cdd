-- P-8 (issue 18): the day a congress set after which new letters about
-- its candidates are recorded but not considered in the personnel work,
-- one per congress, with who set it and when.
-- Keep in step with ../sqlite/0045_petition_cutoff.sql.
CREATE TABLE petition_cutoff (
    congress_id BIGINT PRIMARY KEY REFERENCES congress (id),
    cutoff TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
