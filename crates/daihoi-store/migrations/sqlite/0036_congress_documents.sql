-- Congress documents (issue 17; congress.md §3, C-PLAN-5, C-PLAN-7).
-- `congress_document`: a congress's draft document (dự thảo văn kiện): its
-- kind from the checklist (C-PLAN-7), its title, its classification (T-6:
-- the personnel plan is confidential), the line length its versions are
-- numbered at, who made it and when. `congress_document_team`: the drafting
-- team (tổ biên tập), the accounts that write versions and dispose of
-- comments. `congress_document_version`: numbered versions, each the text
-- (sections and paragraphs with stable ids, daihoi-drafts' JSON), how it
-- came (written on the page, a .docx, accepted amendments applied), the
-- revision from the version before (JSON) and the comments it took in.
-- `congress_document_comment`: comments and amendments (ý kiến góp ý),
-- numbered within the document, on the version they were made on, with
-- their anchor (JSON), their source (an organization, a person, the
-- meeting where they were agreed), the drafting team's disposition with
-- its explanation, and the version that took an accepted amendment in.
-- `congress_document_sent`: a draft sent to an organization below, the day
-- (its deadline follows from the round's [open] setting on comment
-- deadlines, C-PLAN-6: none until a person answers it).
-- `congress_document_synthesis`: an organization's synthesis of its
-- comments sent up, the day it was sent (a late one is recorded as late,
-- not lost). Keep in step with ../postgres/0036_congress_documents.sql.

CREATE TABLE congress_document (
    id INTEGER PRIMARY KEY,
    congress_id BIGINT NOT NULL REFERENCES congress (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    classification TEXT NOT NULL CHECK (classification IN ('normal', 'confidential', 'secret')),
    line_length BIGINT NOT NULL CHECK (line_length >= 20),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX congress_document_congress ON congress_document (congress_id);

CREATE TABLE congress_document_team (
    document_id BIGINT NOT NULL REFERENCES congress_document (id),
    login TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (document_id, login)
);

CREATE TABLE congress_document_version (
    document_id BIGINT NOT NULL REFERENCES congress_document (id),
    number BIGINT NOT NULL CHECK (number >= 1),
    body TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('page', 'docx', 'amendments')),
    source_file TEXT,
    revision TEXT,
    taken_in TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (document_id, number)
);

CREATE TABLE congress_document_comment (
    document_id BIGINT NOT NULL REFERENCES congress_document (id),
    number BIGINT NOT NULL CHECK (number >= 1),
    version BIGINT NOT NULL CHECK (version >= 1),
    anchor TEXT NOT NULL,
    text TEXT NOT NULL,
    amendment TEXT,
    source_org_id BIGINT REFERENCES organization (id),
    source_person TEXT,
    meeting TEXT,
    disposition TEXT CHECK (disposition IN ('accepted', 'accepted_in_part', 'explained', 'not_accepted')),
    explanation TEXT,
    decided_by TEXT,
    decided_at TEXT,
    taken_in BIGINT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (document_id, number)
);

CREATE TABLE congress_document_sent (
    document_id BIGINT NOT NULL REFERENCES congress_document (id),
    org_id BIGINT NOT NULL REFERENCES organization (id),
    sent_on TEXT NOT NULL,
    sent_by TEXT NOT NULL,
    PRIMARY KEY (document_id, org_id)
);

CREATE TABLE congress_document_synthesis (
    document_id BIGINT NOT NULL REFERENCES congress_document (id),
    org_id BIGINT NOT NULL REFERENCES organization (id),
    sent_on TEXT NOT NULL,
    sent_by TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (document_id, org_id)
);
