-- C-DEL-5: the higher committee's decision on a congress's kind (member or
-- delegate congress): the kind decided, who decided, on which day and by
-- which document. The plan's kind follows it; only another decision
-- changes it. No decision: the kind is the one planned, and the congress
-- page compares it with the kind its members propose.
-- C-DEL-10: who decided that an alternate replaces an absent official
-- delegate (the presidium), and the document.
-- Keep in step with ../sqlite/0030_kind_decision_and_replacement_decision.sql.

ALTER TABLE congress ADD COLUMN kind_decided TEXT CHECK (kind_decided IN ('member_congress', 'delegate_congress'));
ALTER TABLE congress ADD COLUMN kind_decided_by TEXT;
ALTER TABLE congress ADD COLUMN kind_decided_on TEXT;
ALTER TABLE congress ADD COLUMN kind_reference TEXT;
ALTER TABLE roll_replacement ADD COLUMN decided_by TEXT;
ALTER TABLE roll_replacement ADD COLUMN reference TEXT;
