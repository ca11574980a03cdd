# Congress documents (issue 17): drafts, versions, comments, the synthesis.
audit-action-draft_create = Congress draft made
audit-action-draft_team_add = Member added to a drafting team
audit-action-draft_version = Version of a congress draft added
audit-action-draft_comment = Comment on a congress draft recorded
audit-action-draft_decide = Comment on a congress draft disposed of
audit-action-draft_send = Congress draft sent down
audit-action-draft_synthesis = Synthesis of comments sent up
