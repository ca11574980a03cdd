# The plan file of a campaign (kế hoạch đại hội, one row per organization).
plan-file-title = Congress plan file
plan-file-campaign = Congresses
plan-file-link = Import or export the plans as a file
plan-file-download = Download the plan file
plan-file-download-help = The file lists every organization of { $org } and below, with the congress plans entered so far; rows with only an organization code are skipped on import. Importing this file again changes nothing.
plan-file-download-xlsx = Download Excel (.xlsx)
plan-file-download-csv = Download CSV
plan-file-upload = Import a plan file
plan-file-upload-help = A .xlsx, .xls, .ods or .csv file with the columns of the download (at most { $mb } MB), one row per organization. If any row is wrong, nothing is written and every wrong row is listed.
plan-file-file = File
plan-file-import = Import
plan-file-done = The file { $file } was imported.
plan-file-created = Congresses entered
plan-file-changed = Congresses whose plan changed
plan-file-unchanged = Rows unchanged
plan-file-skipped = Rows without a plan (skipped)
plan-file-problems = Rows of { $file } that cannot be imported
plan-file-nothing-written = Nothing was written. Correct the rows below and import the whole file again.
plan-file-no-file = No file chosen.
plan-file-bad-format = The file { $file } is not a .xlsx, .xls, .ods or .csv file.
plan-file-no-sheet = The file { $file } has no sheet.
plan-file-converted = The text of the file was typed in the legacy encoding { $encoding } and was converted to Unicode; check the names.
plan-file-problem-missing = Required, but empty.
plan-file-problem-org-code = Not an organization code: { $detail }
plan-file-problem-level = Not a level class (cell, grassroots, above grassroots, commune/ward, under the Centre).
plan-file-problem-kind = C-DEL-5: expected “Đại hội đảng viên” (member congress) or “Đại hội đại biểu” (delegate congress).
plan-file-problem-contents = C-PLAN-3: expected “Đầy đủ” (full) or “2 nội dung” (two contents).
plan-file-problem-model = A model congress is marked “x”, or left empty.
plan-file-problem-date = Not a date (expected dd/mm/yyyy).
plan-file-problem-days = Not a length (in half days: 0.5, 1, 1.5 … up to 10 days).
plan-file-problem-half = The opening and the length go together: one is given without the other.
plan-file-problem-approval = C-PLAN-5: the plan's approval needs who approved it, the day and the document.
plan-file-problem-text = At most { $max } characters, without line breaks or control characters.
plan-file-problem-twice = The organization is already on row { $first }.
plan-file-refusal-not-in-subtree = Not an organization of { $root } (or no longer active) today.
plan-file-refusal-level-needed = A sub-grassroots committee: its level class must be given.
plan-file-refusal-forbidden = You may not record this for this organization (the plan is approved by the level above).
plan-file-refusal-rule = Refused by rule { $rule }.

# The campaign's report (báo cáo tình hình tổ chức đại hội).
campaign-report-title = REPORT ON THE CONGRESSES OF THE PARTY AT EVERY LEVEL
campaign-report-round = { $round }
campaign-report-general = I. Overview
campaign-report-summary = Within the report's scope, { $total } congresses are planned; { $held } have been held, of which { $approved } have their results approved; { $late } are late against their plan.
campaign-report-no = No.
campaign-report-code = Organization code
campaign-report-none = None.
campaign-report-more = … and { $count } more congresses (see the Excel file).
campaign-report-question = Awaiting a decision on
campaign-report-rule = Rule
campaign-report-waiting = Congresses waiting
campaign-report-sheet = Congresses
campaign-report-links = Report:
campaign-report-pdf = PDF
campaign-report-docx = Word (.docx)
campaign-report-xlsx = Excel

# C-DEL-5: the kind of congress proposed from the members on the planned date.
congress-kind-proposed = Proposed by C-DEL-5: { $kind } ({ $basis }).
congress-kind-basis-cell = a cell holds a member congress
congress-kind-basis-from-below = above grassroots: a delegate congress of delegates elected below
congress-kind-basis-agreed = the directly higher committee agreed
congress-kind-basis-at = { $counted } members on { $date }, at least { $threshold }
congress-kind-basis-under = { $counted } members on { $date }, fewer than { $threshold }
congress-kind-awaiting = The C-DEL-5 proposal awaits a decision on: { $question }
congress-kind-differs = C-DEL-5: the plan says { $planned }, not the proposal ({ $proposed }); the kind of congress changes only by a decision of the directly higher committee.

# C-DEL-5: the higher committee's decision on the kind.
congress-kind-decided = Decided by the higher committee: { $kind } ({ $by }, { $date }, { $reference }).
congress-kind-decision = Decision on the kind of congress
congress-kind-decision-note = The directly higher committee decides a grassroots organization's kind of congress (C-DEL-5): under the threshold, a congress of delegates with its agreement. The plan follows the decision; only another decision changes it.
congress-kind-decision-submit = Record the decision

# C-DEL-10: alternates replacing absent delegates (check-in page).
congress-replacement-title = Alternates replacing delegates
congress-replacement-none = No alternate has replaced a delegate.
congress-replacement-line = { $alternate } in place of { $absent } ({ $by }, { $reference })
congress-replacement-next = By rank, the next alternate: { $alternate }.
congress-replacement-each-time = The presidium names the alternate each time (C-DEL-10).
congress-replacement-none-left = No alternate is left.
congress-replacement-absent = Card number of the delegate absent throughout
congress-replacement-alternate = Card number of the alternate
congress-replacement-decided-by = Decided by
congress-replacement-submit = Record the replacement
congress-replacement-refused = The replacement was not recorded ({ $rule }): { $detail }
