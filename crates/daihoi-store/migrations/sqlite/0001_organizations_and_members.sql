-- The organization tree with history, members, memberships and conditions.
-- Dates are ISO text (yyyy-mm-dd), which compares correctly as text on both
-- engines; periods are [valid_from, valid_to), valid_to NULL = still open.
-- Keep in step with ../postgres/0001_organizations_and_members.sql
-- (tests/schema.rs checks that both give the same tables and columns).

CREATE TABLE organization (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    merged_into BIGINT REFERENCES organization (id),
    created_at TEXT NOT NULL
);

-- One row per period in which an organization had the same parent, name and kind.
CREATE TABLE org_version (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organization (id),
    parent_id BIGINT REFERENCES organization (id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('central', 'province', 'district', 'commune', 'grassroots',
                                       'partial_committee', 'grassroots_cell', 'cell')),
    path TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX org_version_path ON org_version (path, valid_from);
CREATE INDEX org_version_org ON org_version (org_id, valid_from);
CREATE INDEX org_version_parent ON org_version (parent_id);
CREATE UNIQUE INDEX org_version_one_open ON org_version (org_id) WHERE valid_to IS NULL;

CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    card_number TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    middle_name TEXT NOT NULL,
    given_name TEXT NOT NULL,
    name_key BLOB NOT NULL,
    search_key TEXT NOT NULL,
    gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    birth_date TEXT NOT NULL,
    ethnicity TEXT NOT NULL,
    admission_date TEXT NOT NULL,
    official_date TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX person_name_key ON person (name_key);

-- The cell a member is enrolled in (sinh hoạt), over time.
CREATE TABLE membership (
    id INTEGER PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES person (id),
    org_id BIGINT NOT NULL REFERENCES organization (id),
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX membership_org ON membership (org_id, valid_from);
CREATE INDEX membership_person ON membership (person_id, valid_from);
CREATE UNIQUE INDEX membership_one_open ON membership (person_id) WHERE valid_to IS NULL;

-- Dated conditions that take a member out of an election's base (R-BASE-1).
CREATE TABLE member_condition (
    id INTEGER PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES person (id),
    kind TEXT NOT NULL CHECK (kind IN ('prosecuted_or_detained', 'suspended', 'temporarily_transferred', 'exempted')),
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX member_condition_person ON member_condition (person_id, valid_from);
