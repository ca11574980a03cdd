-- A number raised by every change of the tree or the members, in the same
-- transaction: caches of derived figures (the base count of a subtree) are
-- valid while it has not moved, whichever process made the change.
-- Keep in step with ../postgres/0005_data_generation.sql.
CREATE TABLE data_generation (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    value BIGINT NOT NULL
);
INSERT INTO data_generation (id, value) VALUES (1, 0);

