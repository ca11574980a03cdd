# Petitions, complaints and denunciations (issue 18).
audit-action-petition_rule_add = Time limit row entered
audit-action-petition_rule_end = Time limit row ended
audit-action-petition_day_add = Holiday, substitute or make-up day listed
audit-action-petition_day_remove = Day taken off the calendar
audit-action-petition_year_confirm = Year's calendar confirmed
