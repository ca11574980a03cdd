-- The document register (sổ văn bản): Party documents with their number,
-- issuer and date (D-NUM-5: the number alone is not unique), attached files
-- kept as they are with their SHA-256, and links between documents
-- (D-LINK-1). Keep in step with ../postgres/0007_documents.sql.

CREATE TABLE document (
    id INTEGER PRIMARY KEY,
    -- Registry codes: the type (NQ, QĐ, HD, …) and the issuer (TW, TU, …).
    doc_type TEXT NOT NULL,
    issuer TEXT NOT NULL,
    -- The number as an integer (identity) and as written ("06").
    number BIGINT NOT NULL,
    number_text TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    classification TEXT NOT NULL CHECK (classification IN ('normal', 'confidential', 'secret')),
    -- The organization whose register holds the document.
    org_id BIGINT REFERENCES organization (id),
    -- Folded number, title and summary, for searches without diacritics.
    search_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX document_identity ON document (issuer, doc_type, number, issued_on);

CREATE TABLE document_file (
    id INTEGER PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES document (id),
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    content BLOB NOT NULL,
    added_at TEXT NOT NULL
);
CREATE UNIQUE INDEX document_file_content ON document_file (document_id, sha256);

CREATE TABLE document_link (
    id INTEGER PRIMARY KEY,
    from_id BIGINT NOT NULL REFERENCES document (id),
    to_id BIGINT NOT NULL REFERENCES document (id),
    kind TEXT NOT NULL CHECK (kind IN ('guides', 'implements', 'replaces', 'amends')),
    created_at TEXT NOT NULL,
    CHECK (from_id <> to_id)
);
CREATE UNIQUE INDEX document_link_unique ON document_link (from_id, to_id, kind);
CREATE INDEX document_link_to ON document_link (to_id);
