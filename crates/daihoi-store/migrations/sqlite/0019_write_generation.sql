-- A number raised by every audited write (every change of anything), in
-- the writing transaction: figures derived from tasks, documents and
-- settings (a subtree's overdue tasks, a dashboard's counts) are kept in
-- memory while it has not moved, whichever process wrote. The data
-- generation (0005) moves only with the tree, the members and accounts,
-- so that a task's progress does not throw away a province's base count.
-- Keep in step with ../postgres/0019_write_generation.sql.
CREATE TABLE write_generation (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    value BIGINT NOT NULL
);
INSERT INTO write_generation (id, value) VALUES (1, 0);
