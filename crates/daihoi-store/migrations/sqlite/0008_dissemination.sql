-- Dissemination conferences (hội nghị học tập, quán triệt): held by an
-- organization on a date, covering documents of the register, attended by
-- members and by organizations. Keep in step with ../postgres/0008_dissemination.sql.

CREATE TABLE dissemination (
    id INTEGER PRIMARY KEY,
    -- The organization that held the conference.
    org_id BIGINT NOT NULL REFERENCES organization (id),
    held_on TEXT NOT NULL,
    title TEXT NOT NULL,
    -- The level in words ("cấp tỉnh"), and anything else worth keeping.
    level TEXT NOT NULL,
    notes TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX dissemination_org ON dissemination (org_id, held_on);

CREATE TABLE dissemination_document (
    dissemination_id BIGINT NOT NULL REFERENCES dissemination (id),
    document_id BIGINT NOT NULL REFERENCES document (id),
    PRIMARY KEY (dissemination_id, document_id)
);
CREATE INDEX dissemination_document_document ON dissemination_document (document_id);

-- One row per member or organization that attended; exactly one of the two.
-- NULLs are distinct in a unique index, so each index holds one kind.
CREATE TABLE dissemination_attendance (
    id INTEGER PRIMARY KEY,
    dissemination_id BIGINT NOT NULL REFERENCES dissemination (id),
    person_id BIGINT REFERENCES person (id),
    org_id BIGINT REFERENCES organization (id),
    CHECK ((person_id IS NULL) <> (org_id IS NULL))
);
CREATE UNIQUE INDEX dissemination_attendance_person ON dissemination_attendance (dissemination_id, person_id);
CREATE UNIQUE INDEX dissemination_attendance_org ON dissemination_attendance (dissemination_id, org_id);
CREATE INDEX dissemination_attendance_of_person ON dissemination_attendance (person_id);
