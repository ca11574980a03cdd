## Implementation tracking: tasks, their log, targets, the [open] rules.

workflow-draft = Draft
workflow-assigned = Assigned
workflow-in_progress = In progress
workflow-done = Done
workflow-cancelled = Cancelled

status-done-on-time = Done on time
status-done-late = { $count ->
    [one] Done 1 day late
   *[other] Done { $count } days late
}
status-not-done-in-time = Not done within the deadline
status-overdue = { $count ->
    [one] Overdue by 1 day
   *[other] Overdue by { $count } days
}
status-due-soon = { $count ->
    [0] Due soon (today is the last day)
    [one] Due soon (1 day left)
   *[other] Due soon ({ $count } days left)
}
status-in-progress = Within the deadline
status-no-deadline = Ongoing (no deadline)
status-done-no-deadline = Done (no deadline)
status-cancelled = Cancelled
status-undetermined = Undetermined (on time or late depends on the deadline-day rule, not chosen yet)

rollup-reported = as reported
rollup-weighted = weighted average
rollup-average = plain average
rollup-mixed-weights = plain average: only some sub-tasks have weights
rollup-zero-weights = plain average: every weight is 0
rollup-empty = nothing reported yet
rollup-why = The rolled-up progress comes from { $count } sub-tasks; this task's own reported progress ({ $own }) does not count in it.
rollup-why-unreported-zero = { $count } sub-tasks that have not reported count as 0 %, as the chosen rule says.
rollup-why-unreported-skip = { $count } sub-tasks that have not reported are left out, as the chosen rule says.
rollup-own-short = own report { $percent }

period-monthly = Month { $index }/{ $year }
period-quarterly = Q{ $index } { $year }
period-half_year = First half of { $year }
period-nine_months = Nine months of { $year }
period-annual = Year { $year }
period-kind-monthly = Monthly report
period-kind-quarterly = Quarterly report
period-kind-half_year = Six-month report
period-kind-nine_months = Nine-month report
period-kind-annual = Annual report

event-given = Task given
event-received = Received
event-cascaded = Cascaded
event-report = Periodic report
event-progress = Progress report
event-status = Status change
event-urging = Urging
event-inspection = Inspection
event-supervision = Supervision
event-findings = Findings:
event-recommendations = Recommendations:
event-new-deadline = deadline extended to { $date }
event-recorded-on = (recorded on { $date })

task-parent = Parent task
task-document = Document
task-assignee = Assignee
task-deadline = Deadline
task-workflow = Workflow state
task-status = Standing
task-progress = Progress
task-rollup = Rolled-up progress
task-not-reported = not reported
task-receipt = Receipt
task-not-received = not received yet
task-receive = Receive the task
task-weight = Weight
task-external-id = Task id
task-subtasks = Tasks given to lower levels
task-title = Task
task-targets = Targets
task-log = Implementation log
task-log-empty = Nothing in the log yet.
task-report-heading = Report from the assignee
task-urging-heading = Urging
task-inspection-heading = Inspection and supervision
task-form-period = Report period
task-form-period-date = A day in the period
task-form-occurred-on = Date
task-form-summary = Report
task-form-progress = Progress (%)
task-form-report-submit = Send report
task-form-progress-submit = Update progress
task-form-status = Move to
task-form-status-submit = Change state
task-form-by = Body or person
task-form-note = Note
task-form-new-deadline = New deadline (if extended)
task-form-urging-submit = Record urging
task-form-kind = Kind
task-form-findings = Findings (one per line)
task-form-recommendations = Recommendations (one per line)
task-form-inspection-submit = Record
task-form-deadline-before-1900 = The deadline "{ $value }" is before 1900: check the year.
task-form-bad-date = “{ $value }” is not a valid date (day/month/year).
task-form-bad-progress = Progress “{ $value }” is not a number from 0 to 100.
task-form-bad-progress-range = Progress must be from 0 to 100.
task-form-progress-missing = Enter the progress.
task-form-bad-number = “{ $value }” is not a number.
task-form-bad-period = Choose the report period.
task-form-no-such-period = The date chosen is in no such period (six months: January–June; nine months: January–September).
task-form-summary-missing = Write the report.
task-form-bad-status = Choose the new state.
task-form-by-missing = Name the body or person.
task-form-findings-missing = Write at least one finding.
task-form-bad-kind = Invalid form.

target-baseline = Baseline
target-value = Target
target-lower-is-better = lower is better
target-latest = Latest value
target-attainment = attained
target-met = Target met
target-no-reading = No value yet.
target-on = Date
target-reading = Value
target-note = Note
target-recorded-by = Entered by
target-add-reading = Add value

tracking-title = Implementation tracking
tracking-refused-recorded-back = Not recorded: the log already has an entry recorded on { $last }; entries cannot go back in time.
tracking-refused-future = Not recorded: the date is after the day of recording.
tracking-refused-report-before-period = Not recorded: the report is dated before its period starts ({ $start }).
tracking-refused-reading-back = Not recorded: there is already a value on { $last }; a new value cannot go back in time.
tracking-refused-wrong-state = Not recorded: the task's state has just changed; reload the page.
tracking-refused-move = The task cannot move to that state.
tracking-refused-other = Not recorded: invalid figures.
tracking-rules-unchosen = Nobody has chosen the tracking rules for this organization yet (the deadline day, “due soon”, unreported sub-tasks): only what holds under every reading is shown.
tracking-settings-link = Tracking rules
tracking-settings-title = Tracking rules
tracking-settings-why = The regulations do not settle these three points; the committee chooses them for its organization and those below it (an organization below may choose otherwise).
tracking-settings-chosen = Chosen by { $by } at { $at }.
tracking-settings-inherited = As chosen by { $org }.
tracking-settings-deadline-day = Finishing on the deadline day itself
tracking-settings-deadline-by = is on time (the deadline is the last day)
tracking-settings-deadline-before = is late (“finish before …”)
tracking-settings-window = Days before the deadline that count as “due soon”
tracking-settings-unreported = A sub-task with no report, in the roll-up
tracking-settings-unreported-zero = counts as 0 %
tracking-settings-unreported-skip = is left out of the average
tracking-settings-submit = Save the choice
tracking-settings-saved = Saved.
tracking-settings-incomplete = Choose all three points; the software does not fill them in for you.

tracking-overdue = Overdue tasks
tracking-due-soon = Tasks due soon
tracking-due-soon-unchosen = No “due soon” window has been chosen for this organization.
tracking-none = None.
tracking-more = { $count ->
    [one] and 1 more task
   *[other] and { $count } more tasks
}
tracking-rollup = Overall progress
tracking-rollup-unchosen = no roll-up rule chosen yet (awaiting a decision on how unreported tasks count)
tracking-rolled-tasks = { $count ->
    [one] Rolled up from 1 task.
   *[other] Rolled up from { $count } tasks.
}
tracking-settings-summary = due soon: { $days } days
tracking-chart-unchosen = Choose the tracking rules to compute this chart.
tracking-chart-no-data = No data yet.
tracking-chart-by-org = Standing by organization
tracking-chart-by-org-desc = The tasks of each organization below, by standing against their deadlines.
tracking-chart-rollup = Progress of the tasks
tracking-chart-rollup-desc = The rolled-up progress of each task, from the organizations' reports.
tracking-chart-target-desc = Reported values against the baseline { $baseline } and the target { $target } { $unit }.
tracking-chart-total = Total
tracking-chart-done-late = Done late
tracking-chart-due-soon = Due soon
tracking-chart-overdue = Overdue
tracking-chart-undetermined = Undetermined
tracking-report-xlsx = Excel report
tracking-report-pdf = PDF report
tracking-report-docx = Word report (.docx)
tracking-report-party = COMMUNIST PARTY OF VIETNAM
tracking-report-title = REPORT ON THE IMPLEMENTATION OF TASKS
tracking-report-page = Page
tracking-report-summary = I. SUMMARY
tracking-report-progress = Overall progress
tracking-report-tasks = II. IMPLEMENTATION OF THE TASKS
tracking-report-tasks-sheet = Tasks
tracking-report-targets = III. TARGETS
tracking-report-targets-sheet = Targets
tracking-report-summary-sheet = Summary
tracking-report-clause = Clause
tracking-report-latest = Latest report
tracking-report-unit = Unit
tracking-report-attained = Not met ({ $percent })
tracking-report-future = This report period has not started yet.
tracking-report-bad-format = Invalid report format.
tracking-report-date-hint = Leave the day empty for the latest period begun (in brackets).
tracking-report-by-org = By organization
tracking-report-by-org-sheet = By organization
tracking-report-org = Organization
tracking-report-total = Total
tracking-report-total-row = Total
tracking-report-own = { $org } (its own tasks)
tracking-report-listed = The table lists the tasks not done within the deadline first, then the organization's own tasks.
tracking-report-more = { $count ->
    [one] 1 more task is in this report's Excel file.
   *[other] { $count } more tasks are in this report's Excel file.
}
tracking-targets-more = { $count ->
    [one] and 1 more target: the periodic report lists every target.
   *[other] and { $count } more targets: the periodic report lists every target.
}
tracking-own-rules-below = { $orgs } chose their own tracking rules: their own pages and their tasks’ pages use them; this page reads every task by the rules in force here, so that organizations are compared by one measure.

task-urging-refused-subtasks = The deadline cannot move to { $deadline }: { $count } open sub-tasks have a deadline after it (a sub-task's deadline is never after its parent's). Tick "Move the sub-tasks too" to move them at once, or choose another day.
task-urging-refused-after-parent = The deadline cannot move to { $deadline }: the parent task's deadline is { $parent }. Move the parent task's deadline first.
task-urging-late-heading = Sub-tasks with a deadline after the new one:
task-form-move-subtasks = Move the sub-tasks whose deadline is after the new one too (an urging in each one's log)
task-classified-title = (classified task)
# The Party frame of the report (Hướng dẫn 36-HD/VPTW): docs/tracking.md.
tracking-report-number = No.
tracking-report-place-date = { $place }, { $day }/{ $month }/{ $year }
tracking-report-on-behalf = ON BEHALF OF THE STANDING COMMITTEE
tracking-report-recipients = Recipients:
tracking-report-to-superior = - The standing office of the committee above (to report),
tracking-report-to-standing = - The members of the Standing Committee,
tracking-report-to-branches = - The party organizations directly under,
tracking-report-to-archive = - Archive of the Office.
tracking-register-link = Register as an outgoing document
tracking-register-number = Document number
tracking-register-hint = Left empty: the register's next report (BC) number for the year.
tracking-register-submit = Register as an outgoing document
tracking-register-done = The report is registered as outgoing document no. { $number } of { $date }. The files downloaded below carry this number.
tracking-register-open = Open the document
tracking-register-bad-number = The document number must be a positive whole number.
tracking-register-duplicate = The register already has a document with this number today.
tracking-register-not-report = This document is not a report (BC) in the organization's register.
task-assignee-type = Type a name or a code, e.g. “khu 1” or QN.DH.QT
task-list-link = List of tasks being carried out
task-list-title = LIST OF TASKS BEING CARRIED OUT
task-list-on = As of { $date }
task-list-of-document = Tasks implementing document { $number }
task-list-total = { $count ->
    [one] 1 task being carried out (neither finished nor withdrawn), of which:
   *[other] { $count } tasks being carried out (neither finished nor withdrawn), of which:
}
task-list-tasks = II. LIST OF TASKS
task-list-order = No.
task-list-none = No task is being carried out.
task-list-more = { $count ->
    [one] The table lists the tasks with the earliest deadlines; 1 more is in the task file (Excel).
   *[other] The table lists the tasks with the earliest deadlines; { $count } more are in the task file (Excel).
}
