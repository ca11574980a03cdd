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
document-issued-on = du { $date }
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
org-founded = créée le { $date }
org-current-since = nom et rattachement actuels depuis le { $date }
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
member-within = Rattachement
member-form-refused = Rien n’est enregistré : corrigez ce qui suit et renvoyez.
member-form-missing = { $field } : obligatoire
member-form-bad-date = { $field } : « { $value } » n’est pas une date (jj/mm/aaaa)
member-edit-heading = Modifier les données du membre
member-edit-submit = Enregistrer les données
member-transfer-heading = Transférer dans une autre cellule
member-transfer-org = Code de la nouvelle cellule
member-transfer-date = Date du transfert
member-transfer-submit = Transférer
member-no-condition = Aucune situation.
member-condition-note = Note, décision
member-condition-note-placeholder = Numéro de décision, motif
member-condition-end = Terminer
member-condition-heading = Enregistrer une situation
member-condition-submit = Enregistrer la situation
member-history = Historique des changements
member-no-history = Aucun changement fait sur cette page.
member-history-at = Quand (UTC)
member-history-by = Par
member-history-what = Changement
member-history-detail = Détails
member-history-edit = Données modifiées
member-history-transfer = Transfert
member-history-condition-record = Situation enregistrée
member-history-condition-end = Situation terminée
member-refused-card-taken = Le numéro de carte { $card } est celui d’un autre membre.
member-refused-admission-after = L’admission du { $admission } suit l’inscription ou la situation du membre depuis le { $earliest }.
member-refused-not-enrolled = Le membre n’est inscrit dans aucune cellule.
member-refused-before-current = Le { $date } précède le début ({ $from }) de l’inscription à { $org }.
member-refused-same-cell = Le membre est déjà inscrit à { $org }.
member-refused-target-not-on-date = Aucune organisation { $org } n’existe le { $date }.
member-refused-target-ended = { $org } a pris fin le { $date } ; transférez vers une organisation existante.
member-refused-not-a-cell = { $org } n’est pas une cellule : les membres sont inscrits dans des cellules seulement.
member-refused-before-admission = Le { $date } précède l’admission au Parti ({ $admission }).
member-refused-overlap = Le membre est déjà dans la situation « { $kind } » depuis le { $from }.
member-refused-no-condition = Situation inconnue.
member-refused-condition-ended = Cette situation a pris fin le { $date }.
member-refused-end-not-after = La fin { $to } doit suivre le début { $from }.
member-refused-unknown-org = Aucune organisation n’a le code { $org }.
member-refused-date-range = Une date hors limites : { $detail }
member-refused-note = Note refusée : { $detail }

## Errors

error-title = Erreur { $status }
error-home-link = Retour à l’accueil
error-not-found = Page introuvable
error-bad-date = Paramètre invalide : date « { $value } »
error-bad-text = Texte refusé : { $value }
form-text-too-long = { $field } : plus de { $max } caractères
form-text-forbidden = { $field } : contient un caractère de contrôle ou invisible (caractère { $position })
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

## Navigation, sign-in, account
nav-tree = Arbre des organisations
nav-audit = Journal
nav-sign-out = Se déconnecter
login-title = Connexion
login-login = Identifiant
login-password = Mot de passe
login-submit = Se connecter
login-refused = Identifiant ou mot de passe incorrect.
login-throttled = Trop d’échecs de connexion. Réessayez dans { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
role-admin = Administrateur
role-office = Bureau du comité
role-inspection = Commission d’inspection
role-member = Membre du Parti
account-title = Compte
account-roles = Rôles
account-no-roles = Ce compte n’a encore aucun rôle.
account-password = Changer le mot de passe
account-password-current = Mot de passe actuel
account-password-new = Nouveau mot de passe (au moins { $min } caractères)
account-password-repeat = Nouveau mot de passe, à nouveau
account-password-submit = Changer le mot de passe
account-password-changed = Mot de passe changé. Vos autres sessions ont été fermées et vos jetons d’API révoqués.
account-password-mismatch = Les deux nouveaux mots de passe diffèrent.
account-password-wrong = Le mot de passe actuel est incorrect.
account-password-weak = Le nouveau mot de passe doit compter au moins { $min } caractères.
account-tokens = Jetons d’API
account-tokens-note = Un jeton permet à un autre programme de lire les données par /api/v1 avec les droits de ce compte.
account-token-name = Nom du jeton
account-token-created-at = Créé le
account-token-create = Créer un jeton
account-token-created = Jeton créé.
account-token-once = Copiez ce jeton maintenant ; il n’est affiché qu’une fois :
account-token-revoke = Révoquer
account-token-revoked = Jeton révoqué.
account-token-revoked-at = Révoqué le
account-token-bad-name = Le nom d’un jeton compte de 1 à 100 caractères, sans caractère de contrôle ni caractère invisible.
account-no-tokens = Aucun jeton.

## Home and tree
home-attention = À traiter
home-attention-empty = Rien à traiter pour l’instant.
home-count-inbox = { $count ->
    [one] 1 tâche confiée
   *[other] { $count } tâches confiées
}
home-count-unreceived = { $count } pas encore reçues
home-count-due-soon = { $count } à échéance proche
home-count-overdue = { $count } en retard
home-inbox = Tâches confiées
home-overdue = Tâches en retard
home-official = { $count ->
    [one] { $count } membre titulaire
   *[other] { $count } membres titulaires
}
home-probationary = { $count ->
    [one] { $count } membre stagiaire
   *[other] { $count } membres stagiaires
}
home-own-data = Ma fiche de membre
tree-title = Arbre des organisations
tree-heading = Arbre des organisations au { $date }

## Member import
import-title = Importer des membres
import-help = Fichier Excel (.xlsx, .xls), OpenDocument (.ods) ou CSV, { $mb } Mo au plus. Tout le fichier est vérifié et présenté ; rien n’est écrit avant votre confirmation.
import-template = Télécharger le modèle (.xlsx)
import-template-help = Avec l’en-tête, une ligne d’exemple et des listes déroulantes pour le sexe et la situation ; supprimez la ligne d’exemple avant l’import.
import-file = Fichier
import-check = Vérifier le fichier
import-no-file = Aucun fichier choisi.
import-no-sheet = { $file } n’a aucune feuille.
import-no-header = { $file }, feuille « { $sheet } » : pas de ligne d’en-tête dans les { $rows } premières lignes ; colonnes obligatoires manquantes : { $missing }.
import-duplicate-column = { $file }, feuille « { $sheet } », ligne d’en-tête { $row } : la colonne « { $column } » apparaît deux fois (colonnes { $first } et { $second }).
import-bad-format = { $file } : seuls les fichiers .xlsx, .xls, .ods ou .csv sont acceptés.
import-bad-upload = L’envoi du fichier a échoué.
import-problems = { $file } : lignes en erreur
import-nothing-written = Rien n’a été écrit. Corrigez les lignes ci-dessous et renvoyez le fichier.
import-col-sheet = Feuille
import-col-row = Ligne
import-col-column = Colonne
import-col-value = Valeur
import-col-problem = Problème
import-preview = { $file } : aperçu
import-rows = Lignes
import-created = Nouveaux membres
import-updated = Mis à jour
import-moved = Changés de cellule
import-conditions-changed = Situations changées
import-unchanged = Inchangés
import-confirm = Confirmer l’import
import-done = { $file } : importé.
import-expired = L’aperçu a expiré ou n’existe plus. Renvoyez le fichier.

## Audit log
audit-title = Journal d’audit
audit-actor = Qui
audit-action = Action
audit-at = Quand (UTC)
audit-address = Depuis
audit-subject = Objet
audit-detail = Détail
audit-filter = Filtrer
audit-count = { $count ->
    [one] { $count } entrée
   *[other] { $count } entrées
}
audit-empty = Aucune entrée.

error-forbidden = Vous n’avez pas le droit de voir cette page.
error-csrf = Le formulaire a expiré ou n’a pas été envoyé depuis les pages du site. Rechargez la page et réessayez.
error-bad-language = Langue inconnue.

## Problems of an imported row
import-problem-missing = obligatoire, mais vide
import-problem-card-number = pas un numéro de carte du Parti (4 à 16 chiffres)
import-problem-name = nom complet invalide ({ $detail })
import-problem-gender = attendu : Nam ou Nữ
import-problem-date = pas une date (attendu jj/mm/aaaa)
import-problem-future-date = la date est dans le futur
import-problem-org-code = code d’organisation invalide ({ $detail })
import-problem-text = texte invalide ({ $detail })
import-problem-under-age = l’admission précède les 18 ans du membre
import-problem-before-admission = la date précède la date d’admission
import-problem-condition = attendu l’un de : { $list }
import-problem-condition-without-date = une situation a besoin de sa date de début
import-problem-date-without-condition = une date est donnée sans situation
import-refusal-unknown-org = aucune organisation n’a le code { $code }
import-refusal-ended-org = l’organisation { $code } n’existe plus
import-refusal-not-a-cell = { $code } n’est pas une cellule : les membres sont inscrits dans des cellules
import-refusal-outside = { $code } est hors de l’organisation visée par cet import
import-refusal-member-outside = ce membre est inscrit dans { $org }, hors de l’organisation visée par cet import
import-refusal-duplicate-card = le numéro de carte { $card } figure aussi à la ligne { $line }
import-refusal-enrolment-not-after = le { $since } n’est pas après le début ({ $from }) de l’inscription actuelle du membre dans { $org }
import-refusal-condition-before = la situation commence le { $since }, avant le début ({ $from }) de la même situation déjà enregistrée

## Document register
nav-documents = Documents
documents-title = Registre des documents
documents-search-placeholder = Numéro ou titre (accents inutiles)
documents-col-number = Numéro
documents-col-date = Date
documents-col-title = Titre
documents-empty = Aucun document.
documents-links = Liens
documents-no-links = Aucun document lié.
documents-files = Fichiers
documents-no-files = Aucun fichier.
link-guides = Guide
link-guided_by = Guidé par
link-implements = Met en œuvre
link-implemented_by = Mis en œuvre par
link-replaces = Remplace
link-replaced_by = Remplacé par
link-amends = Modifie
link-amended_by = Modifié par
documents-coverage = Diffusion
documents-coverage-members = Membres l’ayant étudié : { $reached }
documents-coverage-orgs = organisations : { $reached }
documents-not-reached = Pas encore atteintes :
documents-not-reached-more = { $count ->
    [one] et { $count } autre organisation
   *[other] et { $count } autres organisations
}
home-task = Tâche en retard
home-task-org = Confiée à
home-task-deadline = Échéance
home-task-late = Retard
home-task-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}

## The audit log's actions, by their stored code (audit-action-<code>).
audit-action-create_org = Création d’une organisation
audit-action-rename_org = Renommage d’une organisation
audit-action-move_org = Déplacement d’une organisation
audit-action-merge_org = Fusion d’organisations
audit-action-dissolve_org = Dissolution d’une organisation
audit-action-import_orgs = Import d’un fichier d’organisations
audit-action-import_members = Import d’un fichier de membres
audit-action-member_edit = Modification d’un membre
audit-action-member_transfer = Mutation d’un membre
audit-action-member_condition_record = Situation d’un membre enregistrée
audit-action-member_condition_end = Fin d’une situation d’un membre
audit-action-user_create = Création d’un compte
audit-action-grant = Attribution d’un rôle
audit-action-revoke = Retrait d’un rôle
audit-action-clearance = Habilitation fixée
audit-action-language = Changement de langue
audit-action-password_change = Changement de mot de passe
audit-action-password_reset = Réinitialisation du mot de passe
audit-action-api_token_create = Création d’un jeton d’API
audit-action-api_token_revoke = Révocation d’un jeton d’API
audit-action-document_register = Enregistrement d’un document
audit-action-document_file = Fichier joint à un document
audit-action-document_link = Lien entre documents
audit-action-document_arrival = Inscription au registre d’arrivée
audit-action-document_forward = Document transmis
audit-action-document_receipt = Réception d’un document
audit-action-dissemination = Conférence de diffusion enregistrée
audit-action-dissemination_attendance = Présences enregistrées
audit-action-task_create = Tâche confiée
audit-action-task_cascade = Tâche déclinée
audit-action-import_tasks = Import d’un fichier de tâches
audit-action-task_report = Rapport périodique
audit-action-task_progress = Avancement signalé
audit-action-task_status = Changement d’état d’une tâche
audit-action-task_urging = Relance
audit-action-task_inspection = Inspection
audit-action-task_supervision = Supervision
audit-action-task_receipt = Réception d’une tâche
audit-action-target_create = Objectif ajouté
audit-action-target_reading = Relevé d’un objectif
audit-action-tracking_rules = Règles de suivi choisies
audit-action-round_create = Cycle de congrès ouvert
audit-action-round_answer = Question d’un cycle tranchée
audit-action-congress_plan = Congrès planifié
audit-action-congress_dates_approved = Dates du congrès approuvées
audit-action-congress_kind_decided = Forme du congrès décidée
audit-action-congress_gate = Étape du congrès enregistrée
audit-action-committee_seat = Siège au comité enregistré
audit-action-committee_seat_end = Fin d’un siège au comité
audit-action-seat_allocation = Répartition des délégués décidée
audit-action-roll_add = Inscrit sur la liste des délégués
audit-action-roll_exclusion = Exclusion de la liste enregistrée
audit-action-congress_session = Séance du congrès ouverte
audit-action-congress_programme = Programme du congrès modifié
audit-action-congress_body_member = Membre d’un organe élu à main levée
audit-action-congress_hand_vote = Vote à main levée enregistré
audit-action-congress_check_in = Présence enregistrée
audit-action-congress_absence = Absence enregistrée
audit-action-roll_replacement = Délégué remplacé par un suppléant
audit-action-sign_in = Connexion
audit-action-sign_in_refused = Connexion refusée
audit-action-sign_out = Déconnexion
task-new-refused-already-cascaded = La tâche a déjà été confiée à { $org } (tâche { $task }) : elle n’est pas confiée deux fois.
tracking-settings-missing = Pas encore choisi : { $field }.
tracking-settings-bad-window = « { $value } » n’est pas un nombre de jours : saisissez un nombre entier de 0 à 366.
document-forward-bad-date = Saisissez le jour où le document a été transmis (jour/mois/année).
