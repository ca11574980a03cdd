## Registering documents, their files and links.

document-new-title = Register a document
document-form-register = Register of
document-form-summary = Summary
document-form-classification = Classification
document-form-submit = Register
document-form-confirm = Register with this number anyway
document-form-read-as = The number was read as { $number }. Please check:
document-form-bad-date = Enter the date of issue (day/month/year).
document-form-title-missing = Enter the title.
document-form-bad-classification = Invalid classification.
document-form-number-missing = Enter the number (for example 23-NQ/TU).
document-form-bad-number = Not a Party document number: NUMBER-TYPE/ISSUER, for example 23-NQ/TU.
document-form-state-number = “{ $text }” is a State document number (number/year/symbol, for example 30/2020/NĐ-CP), not a Party document.
document-form-bad-register = You may not register documents for this organization.
document-form-duplicate = Document { $number } of that date is already registered.
document-warning-ascii-d = “{ $written }” was read as “{ $canonical }” (D typed for Đ).
document-warning-state-abbreviation = “{ $written }” is the State abbreviation; Party documents write QĐ.
document-warning-unknown-issuer = The issuer “{ $code }” is not in the registry.
document-warning-outside-validity = The code “{ $code }” was not in use on { $date }.
document-link-kind = Relation
document-link-submit = Add link
document-link-bad-kind = Invalid relation.
document-link-not-found = No registered document has this number and date of issue.
document-link-refused = Link refused: a document does not link to itself, and replacements may not go round in a circle.
document-file-choose = File (PDF, DOCX…)
document-file-submit = Attach
classification-normal = Unclassified
classification-confidential = Confidential
classification-secret = Secret

dissemination-record = Record a conference that disseminated this document
dissemination-holder = Held by
dissemination-held-on = Date
dissemination-title = Name of the conference
dissemination-level = Level or form (e.g. key cadres' conference)
dissemination-members = Members who attended (card numbers, one per line)
dissemination-file = Or the attendance list (Excel/CSV with a “Số thẻ đảng viên” column)
dissemination-orgs = Party organizations that attended (codes, one per line)
dissemination-notes = Notes
dissemination-submit = Record
dissemination-bad-date = The date is invalid or in the future.
dissemination-bad-card = “{ $value }” is not a Party card number.
dissemination-bad-card-in-file = Sheet { $sheet }, row { $row }: “{ $value }” is not a Party card number.
dissemination-no-card-column = The file { $file } has no “Số thẻ đảng viên” column.
dissemination-bad-org = “{ $value }” is not an organization code.
dissemination-title-missing = Enter the name of the conference.
dissemination-before-issue = A conference cannot study { $number } before it was issued ({ $date }).
dissemination-not-found = Not recorded, nothing was saved: “{ $what }” was not found within your reach.

# The incoming register (sổ văn bản đến) and forwarding
document-received-by = { $moment }, { $login }
document-arrival-already = The document is already in this incoming register, as number { $number }/{ $year }.
document-arrival-bad-date = { $number } cannot arrive or be forwarded before it was issued ({ $date }) nor after today.
document-forward-refused = A document is forwarded only from a register that holds it, to organizations below.
document-arrival-sender-missing = Enter who sent the document.
document-forward-none = Choose at least one recipient.
document-incoming-bad-year = Not a valid year.
document-kept-by = This document is kept in the register of { $orgs }; only that office attaches files and adds links.
document-unkept = This document is in no organization's register yet. The office that enters it in its incoming register (“Incoming register and forwarding” above) can then attach files and add links.
document-not-cleared = You may not read this document.
document-replaced = This document was replaced by
document-replaced-note = Its study is no longer followed; giving a task from it asks for a confirmation.
document-incoming = Incoming register and forwarding
document-arrival-number = arrival no.
document-arrival-from = sent by
document-no-arrivals = In no incoming register you can see.
document-forwards-count = { $count ->
    [one] Forwarded to 1 organization
   *[other] Forwarded to { $count } organizations
}
document-forwards-received = { $count } received
document-forward-to = Recipient
document-forward-from = Forwarded by
document-forward-on = Forwarded on
document-receipt = Receipt
document-receive = Receive
document-not-received = Not received yet
document-arrival-record = Enter in the incoming register
document-arrival-register = Incoming register of
document-arrival-on = Arrived on
document-arrival-sender = Sent by
document-arrival-submit = Enter as arrived
document-forward-record = Forward from { $org }
document-forward-all = { $count ->
    [one] The 1 organization below not sent it yet
   *[other] All { $count } organizations below not sent it yet
}
document-forward-some = Or choose recipients
document-forward-submit = Forward
document-tasks = Tasks given from it
document-no-tasks = No task has been given from this document (within your reach).
document-conferences = Conferences that studied it
document-no-conferences = No conference has studied this document (within your reach).
document-more = and { $count } more
documents-incoming-title = Incoming register
documents-incoming-of = Incoming register of { $org }, { $year }
documents-incoming-year = Year
documents-incoming-show = Show
documents-incoming-years = Years:
documents-incoming-empty = Nothing arrived this year.
documents-incoming-col-number = Arrival no.
documents-incoming-col-date = Arrived on
documents-incoming-col-sender = Sent by
documents-incoming-new = Register an incoming document
document-side = Register
document-side-outgoing = Outgoing (issued by this organization)
document-side-incoming = Incoming (sent from elsewhere)
document-replaced-confirm = { $number } was replaced by { $by }. Give a task from it anyway?
document-replaced-confirm-box = Give it from the replaced document anyway
document-replaced-option = replaced by { $by }
home-document-inbox = Documents sent to you
home-count-documents = { $count ->
    [one] 1 document sent to you
   *[other] { $count } documents sent to you
}
document-form-bad-arrival-date = Enter the day the incoming document arrived (day/month/year).
document-link-needs-date = { $count } documents have this number (numbers restart every term): enter the issue date too.
diss-report-link = Report on its study
diss-report-title = REPORT ON THE STUDY OF A DOCUMENT
diss-report-document = Document { $number } of { $date }: { $title }
diss-report-general = I. OVERALL RESULT
diss-report-members = Members who have studied it: { $share }.
diss-report-cells = Cells that held a study session or had members attend one: { $share }.
diss-report-replaced = The document has been replaced by { $by }; it is no longer studied.
diss-report-conferences = II. STUDY CONFERENCES
diss-report-held-on = Date
diss-report-holder = Held by
diss-report-conference = Conference
diss-report-attended = Members present
diss-report-no-conference = No conference yet.
diss-report-conferences-hidden = { $count ->
    [one] Members also attended 1 conference held by a higher level.
   *[other] Members also attended { $count } conferences held by a higher level.
}
diss-report-by-org = III. BY ORGANIZATION
diss-report-members-column = Members who studied it
diss-report-cells-column = Cells that studied it
diss-report-not-reached = IV. CELLS THAT HAVE NOT STUDIED IT
diss-report-cell = Cell
diss-report-code = Code
diss-report-all-reached = Every cell has studied it.
diss-report-not-reached-more = { $count ->
    [one] 1 more cell has not studied it.
   *[other] { $count } more cells have not studied it.
}
diss-report-under = Under
