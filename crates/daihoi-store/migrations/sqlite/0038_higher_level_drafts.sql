-- A higher level's draft held by a congress (issue 17 §5): the Central
-- Committee's drafts for the National Congress, entered by the province's
-- office in its own congress's documents to be sent down and commented on.
-- `issued_by`: the body outside the tree that issued it (none for the
-- congress's own drafts); its comments are disposed of by that body's
-- drafting team, not here. `synthesis_up_on`/`_by`: the day the
-- congress's office sent its synthesis of the comments up to that body.
-- Keep in step with ../postgres/0038_higher_level_drafts.sql.
ALTER TABLE congress_document ADD COLUMN issued_by TEXT;
ALTER TABLE congress_document ADD COLUMN synthesis_up_on TEXT;
ALTER TABLE congress_document ADD COLUMN synthesis_up_by TEXT;
