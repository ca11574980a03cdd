# Français.
# Keys: <area>-<thing>, kebab case; enums as <enum>-<code>.

## Site

site-tagline = Affaires du Parti
site-language = Langue

## Shared words

common-gender = Sexe
common-birth-date = Date de naissance
common-cell = Cellule
common-condition = Situation
common-from = Du
common-to = Au
common-on-date = au { $date }

## Date form

date-form-label = Afficher à la date du
date-form-submit = Afficher

## Home: the tree on a date

home-title = Organisations
home-heading = Organisations du Parti au { $date }
home-empty = Aucune organisation à cette date.

## An organization

org-code = code { $code }
org-since = depuis le { $date }
org-figures-on = chiffres au { $date }
org-members-heading = Membres au { $date }
org-count-official = Membres titulaires
org-count-probationary = Membres stagiaires
org-base-note = Chaque membre n’est déduit qu’à un seul titre. Les membres dispensés ne sont déduits que s’ils sont absents du congrès (R-BASE-1).
org-children-heading = Organisations rattachées ({ $count })
org-col-name = Nom
org-col-kind = Type
org-col-code = Code
org-col-parent = Rattachée à
org-history = Historique

## Member list

members-title = Membres
members-heading = Liste des membres
members-count = { $count ->
    [one] { $count } membre
   *[other] { $count } membres
}
members-search = Rechercher
members-search-placeholder = Nom ou numéro de carte (accents facultatifs)
members-col-number = N°
members-col-name = Nom complet
members-col-card = N° de carte
members-col-standing = Statut
members-empty = Aucun membre.
members-previous-page = Page précédente
members-next-page = Page suivante
members-page = Page

## A member

member-card-number = Numéro de carte du Parti
member-ethnicity = Ethnie
member-admission-date = Admission au Parti
member-official-date = Titularisation
member-enrolments = Cellules

## Errors

error-title = Erreur { $status }
error-home-link = Retour à l’accueil
error-not-found = Page introuvable
error-bad-date = Paramètre invalide : date « { $value } »
error-internal = Erreur du système

## Organization kinds

org-kind-central = Comité central
org-kind-province = Comité provincial du Parti
org-kind-district = Comité de district du Parti
org-kind-commune = Comité de commune ou de quartier du Parti
org-kind-grassroots = Comité de base du Parti
org-kind-partial-committee = Comité partiel du Parti
org-kind-grassroots-cell = Cellule de base
org-kind-cell = Cellule du Parti

## Genders

gender-male = Homme
gender-female = Femme

## Member standing

standing-official = Titulaire
standing-probationary = Stagiaire

## Conditions

condition-prosecuted-or-detained = Poursuivi ou détenu
condition-suspended = Suspendu des activités du Parti
condition-temporarily-transferred = Temporairement dans une autre organisation
condition-exempted = Dispensé de travail et d’activités
