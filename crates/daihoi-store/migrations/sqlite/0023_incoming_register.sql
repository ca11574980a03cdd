-- The incoming side of the register (sổ văn bản đến). An arrival is a
-- document as an organization's office took it in: numbered in the order it
-- came within the year (arrival_number, from 1 each year), the day it came
-- and who sent it. `forward_id` is NULL for a document that came from
-- outside the tree (the Central Committee's), else the forward it came by.
-- A forward (chuyển) is a copy sent by an office that holds the document to
-- an organization below it, with its receipt (tiếp nhận): when (UTC, RFC
-- 3339) and by which account; receiving it makes the arrival. Keep in step
-- with ../postgres/0023_incoming_register.sql.

CREATE TABLE document_forward (
    id INTEGER PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES document (id),
    from_org_id BIGINT NOT NULL REFERENCES organization (id),
    to_org_id BIGINT NOT NULL REFERENCES organization (id),
    forwarded_on TEXT NOT NULL,
    forwarded_by TEXT NOT NULL,
    received_at TEXT,
    received_by TEXT,
    CHECK (from_org_id <> to_org_id)
);
CREATE UNIQUE INDEX document_forward_once ON document_forward (document_id, to_org_id);
CREATE INDEX document_forward_inbox ON document_forward (to_org_id, received_at);

CREATE TABLE document_arrival (
    id INTEGER PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES document (id),
    org_id BIGINT NOT NULL REFERENCES organization (id),
    arrival_year BIGINT NOT NULL,
    arrival_number BIGINT NOT NULL,
    arrived_on TEXT NOT NULL,
    sender TEXT NOT NULL,
    forward_id BIGINT REFERENCES document_forward (id),
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX document_arrival_once ON document_arrival (org_id, document_id);
CREATE UNIQUE INDEX document_arrival_number ON document_arrival (org_id, arrival_year, arrival_number);
CREATE INDEX document_arrival_document ON document_arrival (document_id);
