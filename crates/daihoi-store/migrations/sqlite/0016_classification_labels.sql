-- T-6: what a reader below a classification must never receive.
-- Keep in step with ../postgres/0016_classification_labels.sql.
--
-- A dissemination conference has a classification of its own: at least
-- that of every document it studied (set when it is recorded), or higher
-- when its holder chose so.
ALTER TABLE dissemination ADD COLUMN classification TEXT NOT NULL DEFAULT 'normal'
    CHECK (classification IN ('normal', 'confidential', 'secret'));

-- An audit entry carries the classification of what it names (a secret
-- document's number, a secret task's title, a secret file's name and
-- hash): a reader of the log below it does not get the entry.
ALTER TABLE audit_entry ADD COLUMN classification TEXT NOT NULL DEFAULT 'normal'
    CHECK (classification IN ('normal', 'confidential', 'secret'));

-- The hash of an entry covers its classification from this entry on; the
-- entries written before were hashed without one and keep their hashes
-- (0017 labels them). daihoi audit verify reads this boundary.
ALTER TABLE audit_head ADD COLUMN labelled_from BIGINT NOT NULL DEFAULT 1;
UPDATE audit_head SET labelled_from = last_id + 1 WHERE id = 1;
