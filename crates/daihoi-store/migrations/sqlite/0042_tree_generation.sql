-- Two numbers raised with the data generation (0005) in the same
-- transaction, each by its own kind of change: `tree` by a change of the
-- organization tree, `members` by a change of the members. A kept figure
-- that reads only these (a campaign's organizations, its member counts)
-- outlives the data generation's other changes (accounts, sign-ins,
-- conferences' attendance). And a version on each congress, raised by
-- each change of its row, so that a kept campaign re-reads only the
-- congresses that changed (issue 15 §3).
-- Keep in step with ../postgres/0042_tree_generation.sql.
CREATE TABLE tree_generation (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    tree BIGINT NOT NULL,
    members BIGINT NOT NULL
);
INSERT INTO tree_generation (id, tree, members) VALUES (1, 0, 0);
ALTER TABLE congress ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
