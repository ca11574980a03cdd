-- Members kept on the web: a condition recorded by hand carries a note
-- (the decision's number, a reason; empty for those from a file), and a
-- member's page reads the audit entries about that member (subject
-- "member <id>") by their subject.
-- Keep in step with ../postgres/0021_member_condition_notes.sql.
ALTER TABLE member_condition ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_entry_subject ON audit_entry (subject, id);
