-- A subtree's cases by organization and day of receipt, for the petitions'
-- reports (issue 18, P-10: a period's statistics, the overdue list).
-- Keep in step with ../postgres/0043_petition_reports.sql.
CREATE INDEX petition_case_org_received ON petition_case (org_id, received_on);
