-- Covering indexes for the counts and lists of a subtree on a date
-- (crates/daihoi-store/benches/province.rs measures them).
DROP INDEX membership_org;
CREATE INDEX membership_org ON membership (org_id, valid_from, valid_to, person_id);
CREATE INDEX person_dates ON person (id, admission_date, official_date);
