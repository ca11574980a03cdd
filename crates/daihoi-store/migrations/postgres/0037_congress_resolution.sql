-- A congress's adopted resolution (issue 17 item 6; C-PLAN-7, T-1, T-5).
-- `congress_resolution`: the congress whose draft resolution was adopted,
-- the organization holding it, the document registered in that
-- organization's register (an NQ, D-NUM-5 identity), the draft and its
-- version that were adopted, the day, who adopted it and when (one per
-- congress). `congress_resolution_item`: the targets (chỉ tiêu) and tasks
-- created from it, in the order given, each with the stable id of the
-- paragraph of the adopted version it comes from, its task (T-1) and, for
-- a target, its target (T-5). Keep in step with ../sqlite/0037_congress_resolution.sql.

CREATE TABLE congress_resolution (
    congress_id BIGINT PRIMARY KEY REFERENCES congress (id),
    org_id BIGINT NOT NULL REFERENCES organization (id),
    document_id BIGINT NOT NULL UNIQUE REFERENCES document (id),
    draft_id BIGINT NOT NULL REFERENCES congress_document (id),
    version BIGINT NOT NULL CHECK (version >= 1),
    adopted_on TEXT NOT NULL,
    adopted_by TEXT NOT NULL,
    adopted_at TEXT NOT NULL
);

CREATE INDEX congress_resolution_org ON congress_resolution (org_id, adopted_on);

CREATE TABLE congress_resolution_item (
    congress_id BIGINT NOT NULL REFERENCES congress_resolution (congress_id),
    position BIGINT NOT NULL CHECK (position >= 1),
    paragraph_id BIGINT NOT NULL,
    task_id BIGINT NOT NULL REFERENCES task (id),
    target_id BIGINT REFERENCES target (id),
    PRIMARY KEY (congress_id, position)
);
