-- A subtree's cases by organization and day of receipt, for the petitions'
-- reports (issue 18, P-10: a period's statistics, the overdue list).
-- Keep in step with ../postgres/0043_petition_reports.sql.
CREATE INDEX petition_case_org_received ON petition_case (org_id, received_on);
-- The open cases (the overdue list reads only them).
CREATE INDEX petition_case_open ON petition_case (org_id)
    WHERE settled_on IS NULL AND closed_on IS NULL AND transferred_on IS NULL;
