-- Every word-suffix of a member's folded name ("nguyen van an", "van an",
-- "an"): a search for what a person types from the start of any word of the
-- name is one index range, not a scan of every member. Filled by imports;
-- Db::migrate fills it for members stored before this table existed.
-- Keep in step with ../postgres/0006_person_name_suffix.sql.
CREATE TABLE person_name_suffix (
    suffix TEXT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES person (id)
);
CREATE INDEX person_name_suffix_key ON person_name_suffix (suffix, person_id);
CREATE INDEX person_name_suffix_person ON person_name_suffix (person_id);
