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

## Errors

error-title = Error { $status }
error-home-link = Back to the home page
error-not-found = Page not found
error-bad-date = Invalid parameter: date "{ $value }"
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
