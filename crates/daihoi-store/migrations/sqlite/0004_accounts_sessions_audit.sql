-- Accounts, roles bound to subtrees, web sessions, API tokens, failed sign-ins
-- and the audit log. Times are unix seconds (BIGINT) where they are compared
-- in SQL, RFC 3339 text where they are only shown.
-- Keep in step with ../postgres/0004_accounts_sessions_audit.sql.

CREATE TABLE app_user (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    -- Argon2id PHC string.
    password_hash TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en', 'fr')),
    -- The member this account belongs to, if any (their own data).
    person_id BIGINT REFERENCES person (id),
    -- Raised when the password changes: sessions signed in before are void.
    session_epoch BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE user_grant (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES app_user (id),
    role TEXT NOT NULL CHECK (role IN ('admin', 'office', 'inspection', 'member')),
    org_id BIGINT NOT NULL REFERENCES organization (id),
    granted_at TEXT NOT NULL,
    granted_by TEXT NOT NULL
);
CREATE UNIQUE INDEX user_grant_unique ON user_grant (user_id, role, org_id);

CREATE TABLE web_session (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX web_session_expiry ON web_session (expires_at);

CREATE TABLE api_token (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES app_user (id),
    name TEXT NOT NULL,
    -- SHA-256 of the secret, hex; the secret itself is shown once and never stored.
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX api_token_user ON api_token (user_id);

CREATE TABLE login_failure (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL,
    address TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failure_login ON login_failure (login, at);
CREATE INDEX login_failure_address ON login_failure (address, at);

-- Append-only; each entry carries the hash of the one before (daihoi audit verify).
CREATE TABLE audit_entry (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    address TEXT NOT NULL,
    action TEXT NOT NULL,
    -- Path of the organization concerned (who may read the entry), if any.
    org_path TEXT,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_entry_path ON audit_entry (org_path);

-- The last entry of the chain: appends lock this row first, so they are serialised
-- on both engines, and a truncated log no longer matches it.
CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    last_id BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, '');
