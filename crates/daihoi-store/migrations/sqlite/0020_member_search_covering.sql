-- A member search reads, for every person a word of whose name matches,
-- their dates and name key, their enrolment on the date and their
-- organization's version: from the indexes alone, not from the tables
-- (on the 200,000-member province, "nguyen van an" in the whole province
-- matches 429 people and costs half of what it did). Each index replaces
-- one that was its first columns.
-- Keep in step with ../postgres/0020_member_search_covering.sql.
CREATE INDEX person_dates_name ON person (id, admission_date, official_date, name_key);
DROP INDEX person_dates;
CREATE INDEX membership_person_covering ON membership (person_id, valid_from, valid_to, org_id);
DROP INDEX membership_person;
CREATE INDEX org_version_org_covering ON org_version (org_id, valid_from, valid_to, path);
DROP INDEX org_version_org;
