# English.
# Keys: <area>-<thing>, kebab case; enums as <enum>-<code>.

## Site

site-tagline = Party affairs
site-language = Language

## Shared words

common-gender = Gender
common-birth-date = Date of birth
common-cell = Party cell
common-condition = Status
common-from = From
common-to = To
document-issued-on = of { $date }
common-on-date = on { $date }

## Date form

date-form-label = Show on date
date-form-submit = Show

## Home: the tree on a date

home-title = Organizations
home-heading = Party organizations on { $date }
home-empty = No organizations on this date.

## An organization

org-code = code { $code }
org-since = since { $date }
org-founded = created on { $date }
org-current-since = present name and parent since { $date }
org-figures-on = figures on { $date }
org-members-heading = Members on { $date }
org-count-official = Full members
org-count-probationary = Probationary members
org-base-note = Each member is subtracted under one heading only. Exempted members are subtracted only when absent from the congress (R-BASE-1).
org-children-heading = Subordinate organizations ({ $count })
org-col-name = Name
org-col-kind = Kind
org-col-code = Code
org-col-parent = Under
org-history = History

## Member list

members-title = Members
members-heading = Member list
members-count = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
members-search = Search
members-search-placeholder = Name or card number (diacritics optional)
members-col-number = No.
members-col-name = Full name
members-col-card = Card no.
members-col-standing = Standing
members-empty = No members.
members-previous-page = Previous page
members-next-page = Next page
members-page = Page

## A member

member-card-number = Party card number
member-ethnicity = Ethnicity
member-admission-date = Admitted to the Party
member-official-date = Full member since
member-enrolments = Party cells
member-within = Within
member-form-refused = Not saved: correct the following and send again.
member-form-missing = { $field }: required
member-form-bad-date = { $field }: “{ $value }” is not a date (dd/mm/yyyy)
member-edit-heading = Edit the member's data
member-edit-submit = Save the data
member-transfer-heading = Transfer to another cell
member-transfer-org = Code of the new cell
member-transfer-date = Transfer date
member-transfer-submit = Transfer
member-no-condition = No condition.
member-condition-note = Note, decision
member-condition-note-placeholder = Decision number, reason
member-condition-end = End
member-condition-heading = Record a condition
member-condition-submit = Record the condition
member-history = History of changes
member-no-history = No change made on this page yet.
member-history-at = When (UTC)
member-history-by = By
member-history-what = Change
member-history-detail = Details
member-history-edit = Data edited
member-history-transfer = Transfer
member-history-condition-record = Condition recorded
member-history-condition-end = Condition ended
member-refused-card-taken = The card number { $card } is another member's.
member-refused-admission-after = The admission on { $admission } is after the member's enrolment or condition from { $earliest }.
member-refused-not-enrolled = The member is enrolled in no cell.
member-refused-before-current = { $date } is before the start ({ $from }) of the enrolment in { $org }.
member-refused-same-cell = The member is already enrolled in { $org }.
member-refused-target-not-on-date = No organization { $org } exists on { $date }.
member-refused-target-ended = { $org } ended on { $date }; transfer to an organization that exists.
member-refused-not-a-cell = { $org } is not a cell: members are enrolled in cells only.
member-refused-before-admission = { $date } is before the admission to the Party ({ $admission }).
member-refused-overlap = The member is already under “{ $kind }” from { $from }.
member-refused-no-condition = No such condition.
member-refused-condition-ended = This condition ended on { $date } already.
member-refused-end-not-after = The end { $to } must be after the start { $from }.
member-refused-unknown-org = No organization has the code { $org }.
member-refused-date-range = A date out of range: { $detail }
member-refused-note = The note is refused: { $detail }

## Errors

error-title = Error { $status }
error-home-link = Back to the home page
error-not-found = Page not found
error-bad-date = Invalid parameter: date "{ $value }"
error-bad-text = Text refused: { $value }
form-text-too-long = { $field }: longer than { $max } characters
form-text-forbidden = { $field }: contains a control or invisible character (character { $position })
error-internal = System error

## Organization kinds

org-kind-central = Central Committee
org-kind-province = Provincial Party Committee
org-kind-district = District Party Committee
org-kind-commune = Commune or ward Party Committee
org-kind-grassroots = Grassroots Party Committee
org-kind-partial-committee = Sub-grassroots Party Committee
org-kind-grassroots-cell = Grassroots Party cell
org-kind-cell = Party cell

## Genders

gender-male = Male
gender-female = Female

## Member standing

standing-official = Full member
standing-probationary = Probationary

## Conditions

condition-prosecuted-or-detained = Prosecuted or detained
condition-suspended = Suspended from Party activities
condition-temporarily-transferred = Temporarily in another organization
condition-exempted = Exempted from work and activities

## Navigation, sign-in, account
nav-tree = Organization tree
nav-audit = Audit log
nav-sign-out = Sign out
login-title = Sign in
login-login = Login
login-password = Password
login-submit = Sign in
login-refused = Wrong login or password.
login-throttled = Too many failed sign-ins. Please try again in { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
role-admin = Administrator
role-office = Committee office
role-inspection = Inspection commission
role-member = Party member
account-title = Account
account-roles = Roles
account-no-roles = This account has no role yet.
account-password = Change password
account-password-current = Current password
account-password-new = New password (at least { $min } characters)
account-password-repeat = New password again
account-password-submit = Change password
account-password-changed = Password changed. Your other sessions have been signed out and your API tokens revoked.
account-password-mismatch = The two new passwords differ.
account-password-wrong = The current password is wrong.
account-password-weak = The new password needs at least { $min } characters.
account-tokens = API tokens
account-tokens-note = A token lets another program read data through /api/v1 with this account's rights.
account-token-name = Token name
account-token-created-at = Created
account-token-create = Create token
account-token-created = Token created.
account-token-once = Copy this token now; it is shown only once:
account-token-revoke = Revoke
account-token-revoked = Token revoked.
account-token-revoked-at = Revoked at
account-token-bad-name = A token name needs 1 to 100 characters, without control or invisible characters.
account-no-tokens = No tokens yet.

## Home and tree
home-attention = Needs attention
home-attention-empty = Nothing needs attention now.
home-count-inbox = { $count ->
    [one] 1 task given
   *[other] { $count } tasks given
}
home-count-unreceived = { $count } not received yet
home-count-due-soon = { $count } due soon
home-count-overdue = { $count } overdue
home-inbox = Tasks given to you
home-overdue = Overdue tasks
home-official = { $count ->
    [one] { $count } full member
   *[other] { $count } full members
}
home-probationary = { $count ->
    [one] { $count } probationary member
   *[other] { $count } probationary members
}
home-own-data = My member record
tree-title = Organization tree
tree-heading = Organization tree on { $date }

## Member import
import-title = Import members
import-help = Excel (.xlsx, .xls), OpenDocument (.ods) or CSV file, up to { $mb } MB. The whole file is checked and previewed; nothing is written until you confirm.
import-template = Download the template (.xlsx)
import-template-help = With the header, an example row and drop-down lists for gender and condition; delete the example row before importing.
import-file = File
import-check = Check the file
import-no-file = No file chosen.
import-no-sheet = { $file } has no sheet.
import-no-header = { $file }, sheet “{ $sheet }”: no header row in the first { $rows } rows; the required columns missing: { $missing }.
import-duplicate-column = { $file }, sheet “{ $sheet }”, header row { $row }: the column “{ $column }” appears twice (columns { $first } and { $second }).
import-bad-format = { $file }: only .xlsx, .xls, .ods or .csv files are accepted.
import-bad-upload = The upload failed.
import-problems = { $file }: rows with errors
import-nothing-written = Nothing was written. Correct the rows below and upload the file again.
import-col-sheet = Sheet
import-col-row = Row
import-col-column = Column
import-col-value = Value
import-col-problem = Problem
import-preview = { $file }: preview
import-rows = Rows
import-created = New members
import-updated = Updated
import-moved = Moved to another cell
import-conditions-changed = Conditions changed
import-unchanged = Unchanged
import-confirm = Confirm the import
import-done = { $file }: imported.
import-expired = The preview has expired or is gone. Please upload the file again.

## Audit log
audit-title = Audit log
audit-actor = Who
audit-action = Action
audit-at = When (UTC)
audit-address = From
audit-subject = Subject
audit-detail = Detail
audit-filter = Filter
audit-count = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}
audit-empty = No entries.

error-forbidden = You are not allowed to see this page.
error-csrf = The form has expired or was not sent from this site's pages. Please reload the page and try again.
error-bad-language = Unknown language.

## Problems of an imported row
import-problem-missing = required, but empty
import-problem-card-number = not a Party card number (4 to 16 digits)
import-problem-name = not a valid full name ({ $detail })
import-problem-gender = expected Nam or Nữ
import-problem-date = not a date (expected dd/mm/yyyy)
import-problem-future-date = the date is in the future
import-problem-org-code = not a valid organization code ({ $detail })
import-problem-text = not a valid text ({ $detail })
import-problem-under-age = admission is before the member's 18th birthday
import-problem-before-admission = the date is before the admission date
import-problem-condition = expected one of: { $list }
import-problem-condition-without-date = a condition needs the date it starts from
import-problem-date-without-condition = a date is given but no condition
import-refusal-unknown-org = no organization has the code { $code }
import-refusal-ended-org = organization { $code } no longer exists
import-refusal-not-a-cell = { $code } is not a cell: members are enrolled in cells only
import-refusal-outside = { $code } is outside the organization this import is for
import-refusal-member-outside = this member is enrolled in { $org }, outside the organization this import is for
import-refusal-duplicate-card = card number { $card } is also on row { $line }
import-refusal-enrolment-not-after = { $since } is not after the start ({ $from }) of the member's current enrolment in { $org }
import-refusal-condition-before = the condition starts on { $since }, before the start ({ $from }) of the same condition already recorded

## Document register
nav-documents = Documents
documents-title = Document register
documents-search-placeholder = Number or title (diacritics not needed)
documents-col-number = Number
documents-col-date = Issued
documents-col-title = Title
documents-empty = No documents.
documents-links = Related
documents-no-links = No related documents.
documents-files = Files
documents-no-files = No files.
link-guides = Guides
link-guided_by = Guided by
link-implements = Implements
link-implemented_by = Implemented by
link-replaces = Replaces
link-replaced_by = Replaced by
link-amends = Amends
link-amended_by = Amended by
documents-coverage = Dissemination
documents-coverage-members = Members who studied it: { $reached }
documents-coverage-orgs = organizations: { $reached }
documents-not-reached = Not reached yet:
documents-not-reached-more = { $count ->
    [one] and { $count } more organization
   *[other] and { $count } more organizations
}
home-task = Overdue task
home-task-org = Assigned to
home-task-deadline = Deadline
home-task-late = Late by
home-task-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}

## The audit log's actions, by their stored code (audit-action-<code>).
audit-action-create_org = Organization created
audit-action-rename_org = Organization renamed
audit-action-move_org = Organization moved
audit-action-merge_org = Organizations merged
audit-action-dissolve_org = Organization dissolved
audit-action-import_orgs = Organization file imported
audit-action-import_members = Member file imported
audit-action-member_edit = Member edited
audit-action-member_transfer = Member transferred
audit-action-member_condition_record = Member condition recorded
audit-action-member_condition_end = Member condition ended
audit-action-user_create = Account created
audit-action-grant = Role granted
audit-action-revoke = Role revoked
audit-action-clearance = Clearance set
audit-action-language = Language changed
audit-action-password_change = Password changed
audit-action-password_reset = Password reset
audit-action-api_token_create = API token created
audit-action-api_token_revoke = API token revoked
audit-action-document_register = Document registered
audit-action-document_file = Document file attached
audit-action-document_link = Documents linked
audit-action-document_arrival = Entered in the incoming register
audit-action-document_forward = Document forwarded
audit-action-document_receipt = Document received
audit-action-dissemination = Dissemination conference recorded
audit-action-dissemination_attendance = Attendance recorded
audit-action-task_create = Task given
audit-action-task_cascade = Task cascaded
audit-action-import_tasks = Task file imported
audit-action-task_report = Periodic report
audit-action-task_progress = Progress reported
audit-action-task_status = Task status changed
audit-action-task_urging = Urging
audit-action-task_inspection = Inspection
audit-action-task_supervision = Supervision
audit-action-task_receipt = Task received
audit-action-target_create = Target added
audit-action-target_reading = Target reading
audit-action-tracking_rules = Tracking rules chosen
audit-action-round_create = Round of congresses opened
audit-action-round_answer = Question of a round answered
audit-action-congress_plan = Congress planned
audit-action-congress_dates_approved = Congress dates approved
audit-action-congress_kind_decided = Kind of congress decided
audit-action-congress_gate = Congress step recorded
audit-action-committee_seat = Committee seat recorded
audit-action-committee_seat_end = Committee seat ended
audit-action-seat_allocation = Delegate allocation decided
audit-action-roll_add = Added to the roll
audit-action-roll_exclusion = Exclusion from the roll recorded
audit-action-congress_session = Congress session opened
audit-action-congress_programme = Congress programme changed
audit-action-congress_body_member = Member of a body elected by show of hands
audit-action-congress_hand_vote = Vote by show of hands recorded
audit-action-congress_check_in = Checked in
audit-action-congress_absence = Absence recorded
audit-action-roll_replacement = Delegate replaced by an alternate
audit-action-sign_in = Signed in
audit-action-sign_in_refused = Sign-in refused
audit-action-sign_out = Signed out
task-new-refused-already-cascaded = The task was already cascaded to { $org } (task { $task }): it is not given twice.
tracking-settings-missing = Not chosen: { $field }.
tracking-settings-bad-window = “{ $value }” is not a number of days: enter a whole number from 0 to 366.
document-forward-bad-date = Enter the day the document was forwarded (day/month/year).
