-- A subtree's organizations on a date, read from the index alone: every
-- subtree query (tasks, members, coverage) lists the versions in a path
-- range that are valid on the date, and the organization of each. On the
-- 200,000-member province (12,000 versions) the list costs a third of
-- what it did when each version was read from the table.
-- Keep in step with ../postgres/0018_org_version_path_covering.sql.
CREATE INDEX org_version_path_covering ON org_version (path, valid_from, valid_to, org_id);
DROP INDEX org_version_path;
