-- The [open] rules of implementation tracking, chosen by a person for a
-- subtree (T-3, T-2): the software never picks them. A setting made for an
-- organization applies to its whole subtree unless an organization below
-- makes its own. And the clearance of an account (T-6): the highest
-- classification of documents and tasks it may read.
-- Keep in step with ../postgres/0010_tracking_settings_and_clearance.sql.

CREATE TABLE tracking_setting (
    org_id BIGINT PRIMARY KEY REFERENCES organization (id),
    -- Whether finishing on the deadline day is on time ('by') or late ('before').
    deadline_day TEXT NOT NULL CHECK (deadline_day IN ('by', 'before')),
    -- How many days before the last on-time day a task is "due soon".
    due_soon_days INTEGER NOT NULL CHECK (due_soon_days >= 0 AND due_soon_days <= 366),
    -- Whether a sub-task with no report counts as 0 % or is left out of the roll-up.
    unreported TEXT NOT NULL CHECK (unreported IN ('zero', 'skip')),
    -- Who chose (an account's login, or 'operator') and when (UTC, RFC 3339).
    chosen_by TEXT NOT NULL,
    chosen_at TEXT NOT NULL
);

ALTER TABLE app_user ADD COLUMN clearance TEXT NOT NULL DEFAULT 'normal'
    CHECK (clearance IN ('normal', 'confidential', 'secret'));
