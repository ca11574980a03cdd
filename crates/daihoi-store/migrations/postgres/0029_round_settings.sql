-- A round's settings changed by a person (issue 15 §1; congress.md §5,
-- C-PLAN-4): a setting's new value, the document it comes from (D-NUM),
-- who decided (a person or a body, as the decision names them), on which
-- day and why, and who recorded it when. The settings a round starts from
-- ship with the software (daihoi-congress `RoundSettings`); a row here
-- replaces one of them for the round: its value becomes "recorded". No row,
-- the shipped value. A later change replaces the row; the audit log keeps
-- every value before it.
-- Keep in step with ../sqlite/0029_round_settings.sql.

CREATE TABLE round_setting (
    round_id BIGINT NOT NULL REFERENCES congress_round (id),
    -- A setting's code (daihoi-congress `SettingKey::code`).
    setting TEXT NOT NULL,
    -- A window's level class (`LevelClass::code`); '' for the others.
    level_class TEXT NOT NULL,
    -- The value as JSON (daihoi-congress `SettingValue`).
    value TEXT NOT NULL,
    source TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    why TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (round_id, setting, level_class)
);
