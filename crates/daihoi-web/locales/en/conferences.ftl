# Dissemination conferences: the list of a subtree, one conference, its attendance.
dissemination-list-title = Dissemination conferences
dissemination-list-note = Held by { $org } and the organizations under it, newest first
dissemination-list-count = { $count ->
    [one] { $count } conference
   *[other] { $count } conferences
}
dissemination-list-more = { $count ->
    [one] and { $count } older conference
   *[other] and { $count } older conferences
}
dissemination-list-empty = No conference recorded yet.
dissemination-col-documents = Documents
dissemination-col-members = Members
dissemination-col-orgs = Organizations
dissemination-col-name = Full name
dissemination-col-card = Card number
dissemination-col-cell = Cell on the day
dissemination-attendance = Who attended
dissemination-attendance-members = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
dissemination-attendance-orgs = { $count ->
    [one] { $count } organization
   *[other] { $count } organizations
}
dissemination-attendance-hidden = { $count ->
    [one] { $count } member from outside your reach is counted but not named.
   *[other] { $count } members from outside your reach are counted but not named.
}
dissemination-add-attendance = Add to the attendance (a list that came later)
dissemination-add-submit = Add
dissemination-attendance-empty = Enter card numbers, attach a list or enter organization codes.
dissemination-attendance-orgs-hidden = { $count ->
    [one] { $count } organization from outside your reach is counted but not named.
   *[other] { $count } organizations from outside your reach are counted but not named.
}
dissemination-attendance-listed = Members { $first } to { $last } of the { $total } named.
dissemination-attendance-orgs-listed = Organizations { $first } to { $last } of the { $total } named.
