# Petitions, complaints and denunciations (issue 18).
audit-action-petition_rule_add = Time limit row entered
audit-action-petition_rule_end = Time limit row ended
audit-action-petition_day_add = Holiday, substitute or make-up day listed
audit-action-petition_day_remove = Day taken off the calendar
audit-action-petition_year_confirm = Year's calendar confirmed
audit-action-petition_received = Filing received
audit-action-petition_filing_linked = Repeated filing linked to its case
audit-action-petition_identity_read = Filer's identity read
audit-action-petition_assigned = Case assigned to a verifier
audit-action-petition_routed = Case routed to the competent organization
audit-action-petition_event = Step of a case recorded
