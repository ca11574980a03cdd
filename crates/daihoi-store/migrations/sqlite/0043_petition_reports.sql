-- The petitions' reports (issue 18, P-10: a period's statistics, the
-- overdue list): a subtree's cases by organization and day of receipt;
-- the day a case left the committee's hands (settled, closed, or sent to
-- the competent body: `ended_on`, written with that day), so that a
-- period reads by index only the cases received in it and those still
-- open at its start; and the open cases.
-- Keep in step with ../postgres/0043_petition_reports.sql.
CREATE INDEX petition_case_org_received ON petition_case (org_id, received_on);
ALTER TABLE petition_case ADD COLUMN ended_on TEXT;
UPDATE petition_case SET ended_on = COALESCE(settled_on, closed_on, transferred_on);
CREATE INDEX petition_case_ended ON petition_case (ended_on);
CREATE INDEX petition_case_open ON petition_case (org_id)
    WHERE settled_on IS NULL AND closed_on IS NULL AND transferred_on IS NULL;
