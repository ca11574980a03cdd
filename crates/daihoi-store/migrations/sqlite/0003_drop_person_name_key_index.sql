-- Lists sort a subtree's members by name_key after filtering them; an index on
-- name_key made PostgreSQL walk all persons in name order instead (a province
-- search took over a second). Measured by benches/province.rs.
DROP INDEX person_name_key;
