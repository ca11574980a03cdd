## Suivi de la mise en œuvre : tâches, journal, objectifs, règles [open].

workflow-draft = Brouillon
workflow-assigned = Confiée
workflow-in_progress = En cours
workflow-done = Achevée
workflow-cancelled = Annulée

status-done-on-time = Achevée dans les délais
status-done-late = { $count ->
    [one] Achevée avec 1 jour de retard
   *[other] Achevée avec { $count } jours de retard
}
status-not-done-in-time = Non achevée dans le délai
status-overdue = { $count ->
    [one] En retard de 1 jour
   *[other] En retard de { $count } jours
}
status-due-soon = { $count ->
    [0] Échéance proche (dernier jour)
    [one] Échéance proche (1 jour restant)
   *[other] Échéance proche ({ $count } jours restants)
}
status-in-progress = Dans les délais
status-no-deadline = Permanente (sans échéance)
status-done-no-deadline = Achevée (sans échéance)
status-cancelled = Annulée
status-undetermined = Indéterminé (à temps ou en retard selon la règle du jour d’échéance, pas encore choisie)

rollup-reported = selon le rapport
rollup-weighted = moyenne pondérée
rollup-average = moyenne simple
rollup-mixed-weights = moyenne simple : seules certaines sous-tâches ont un poids
rollup-zero-weights = moyenne simple : tous les poids sont nuls
rollup-empty = aucun rapport encore
rollup-why = L’avancement consolidé vient de { $count } sous-tâches ; l’avancement signalé par cette tâche elle-même ({ $own }) n’y compte pas.
rollup-why-unreported-zero = { $count } sous-tâches sans rapport comptent pour 0 %, selon la règle choisie.
rollup-why-unreported-skip = { $count } sous-tâches sans rapport ne sont pas comptées, selon la règle choisie.
rollup-own-short = signalé par la tâche : { $percent }

period-monthly = Mois { $index }/{ $year }
period-quarterly = T{ $index } { $year }
period-half_year = Premier semestre { $year }
period-nine_months = Neuf mois { $year }
period-annual = Année { $year }
period-kind-monthly = Rapport mensuel
period-kind-quarterly = Rapport trimestriel
period-kind-half_year = Rapport semestriel
period-kind-nine_months = Rapport à neuf mois
period-kind-annual = Rapport annuel

event-given = Tâche confiée
event-received = Reçue
event-cascaded = Déclinée
event-report = Rapport périodique
event-progress = Avancement signalé
event-status = Changement d’état
event-urging = Relance
event-inspection = Inspection
event-supervision = Supervision
event-findings = Constats :
event-recommendations = Recommandations :
event-new-deadline = échéance reportée au { $date }
event-recorded-on = (enregistré le { $date })

task-parent = Tâche mère
task-document = Document
task-assignee = Organisation chargée
task-deadline = Échéance
task-workflow = État
task-status = Situation
task-progress = Avancement
task-rollup = Avancement consolidé
task-not-reported = non signalé
task-receipt = Réception
task-not-received = pas encore reçue
task-receive = Accuser réception
task-weight = Poids
task-external-id = Identifiant de la tâche
task-subtasks = Tâches confiées aux échelons inférieurs
task-title = Tâche
task-targets = Objectifs chiffrés
task-log = Journal de mise en œuvre
task-log-empty = Rien au journal pour l’instant.
task-report-heading = Rapport de l’organisation chargée
task-urging-heading = Relance
task-inspection-heading = Inspection et supervision
task-form-period = Période du rapport
task-form-period-date = Un jour de la période
task-form-occurred-on = Date
task-form-summary = Rapport
task-form-progress = Avancement (%)
task-form-report-submit = Envoyer le rapport
task-form-progress-submit = Mettre à jour l’avancement
task-form-status = Passer à
task-form-status-submit = Changer d’état
task-form-by = Organe ou personne
task-form-note = Note
task-form-new-deadline = Nouvelle échéance (si reportée)
task-form-urging-submit = Enregistrer la relance
task-form-kind = Nature
task-form-findings = Constats (un par ligne)
task-form-recommendations = Recommandations (une par ligne)
task-form-inspection-submit = Enregistrer
task-form-deadline-before-1900 = L’échéance « { $value } » est antérieure à 1900 : vérifiez l’année.
task-form-bad-date = « { $value } » n’est pas une date valide (jour/mois/année).
task-form-bad-progress = L’avancement « { $value } » n’est pas un nombre de 0 à 100.
task-form-bad-progress-range = L’avancement doit être compris entre 0 et 100.
task-form-progress-missing = Indiquez l’avancement.
task-form-bad-number = « { $value } » n’est pas un nombre.
task-form-bad-period = Choisissez la période du rapport.
task-form-no-such-period = La date choisie n’est dans aucune période de ce type (semestre : janvier–juin ; neuf mois : janvier–septembre).
task-form-summary-missing = Rédigez le rapport.
task-form-bad-status = Choisissez le nouvel état.
task-form-by-missing = Indiquez l’organe ou la personne.
task-form-findings-missing = Indiquez au moins un constat.
task-form-bad-kind = Formulaire invalide.

target-baseline = Point de départ
target-value = Objectif
target-lower-is-better = plus bas est mieux
target-latest = Dernière valeur
target-attainment = atteint à
target-met = Objectif atteint
target-no-reading = Aucune valeur encore.
target-on = Date
target-reading = Valeur
target-note = Note
target-recorded-by = Saisi par
target-add-reading = Ajouter une valeur

tracking-title = Suivi de la mise en œuvre
tracking-refused-recorded-back = Non enregistré : le journal a déjà une entrée enregistrée le { $last } ; on ne revient pas en arrière.
tracking-refused-future = Non enregistré : la date est postérieure au jour de l’enregistrement.
tracking-refused-report-before-period = Non enregistré : le rapport est daté d’avant le début de sa période ({ $start }).
tracking-refused-reading-back = Non enregistré : une valeur existe déjà au { $last } ; une nouvelle valeur ne peut pas être antérieure.
tracking-refused-wrong-state = Non enregistré : l’état de la tâche vient de changer ; rechargez la page.
tracking-refused-move = La tâche ne peut pas passer à cet état.
tracking-refused-other = Non enregistré : chiffres invalides.
tracking-rules-unchosen = Personne n’a encore choisi les règles de suivi de cette organisation (jour d’échéance, « échéance proche », sous-tâches sans rapport) : seul ce qui vaut pour toutes les lectures est affiché.
tracking-settings-link = Règles de suivi
tracking-settings-title = Règles de suivi
tracking-settings-why = Les textes ne tranchent pas ces trois points ; le comité les choisit pour son organisation et celles en dessous (une organisation inférieure peut choisir autrement).
tracking-settings-chosen = Choisies par { $by } le { $at }.
tracking-settings-inherited = Selon le choix de { $org }.
tracking-settings-deadline-day = Achever le jour même de l’échéance
tracking-settings-deadline-by = est dans les délais (l’échéance est le dernier jour)
tracking-settings-deadline-before = est en retard (« achever avant le … »)
tracking-settings-window = Jours avant l’échéance comptés « échéance proche »
tracking-settings-unreported = Une sous-tâche sans rapport, dans la consolidation
tracking-settings-unreported-zero = compte pour 0 %
tracking-settings-unreported-skip = est laissée hors de la moyenne
tracking-settings-submit = Enregistrer le choix
tracking-settings-saved = Enregistré.
tracking-settings-incomplete = Choisissez les trois points ; le logiciel ne les remplit pas à votre place.

tracking-overdue = Tâches en retard
tracking-due-soon = Tâches à échéance proche
tracking-due-soon-unchosen = Aucun délai d’« échéance proche » n’a été choisi pour cette organisation.
tracking-none = Aucune.
tracking-more = { $count ->
    [one] et 1 autre tâche
   *[other] et { $count } autres tâches
}
tracking-rollup = Avancement d’ensemble
tracking-rollup-unchosen = règle d’agrégation pas encore choisie (en attente d’une décision sur les tâches non signalées)
tracking-rolled-tasks = { $count ->
    [one] Consolidé à partir d’une tâche.
   *[other] Consolidé à partir de { $count } tâches.
}
tracking-settings-summary = échéance proche : { $days } jours
tracking-chart-unchosen = Choisissez les règles de suivi pour calculer ce graphique.
tracking-chart-no-data = Pas encore de données.
tracking-chart-by-org = Situation par organisation
tracking-chart-by-org-desc = Les tâches de chaque organisation inférieure, selon leur situation par rapport à l’échéance.
tracking-chart-rollup = Avancement des tâches
tracking-chart-rollup-desc = L’avancement consolidé de chaque tâche, d’après les rapports des organisations.
tracking-chart-target-desc = Valeurs rapportées face au point de départ { $baseline } et à l’objectif { $target } { $unit }.
tracking-chart-total = Total
tracking-chart-done-late = Achevée en retard
tracking-chart-due-soon = Échéance proche
tracking-chart-overdue = En retard
tracking-chart-undetermined = Indéterminé
tracking-report-xlsx = Rapport Excel
tracking-report-pdf = Rapport PDF
tracking-report-docx = Rapport Word (.docx)
tracking-report-party = PARTI COMMUNISTE DU VIETNAM
tracking-report-title = RAPPORT SUR LA MISE EN ŒUVRE DES TÂCHES
tracking-report-page = Page
tracking-report-summary = I. SYNTHÈSE
tracking-report-progress = Avancement d’ensemble
tracking-report-tasks = II. MISE EN ŒUVRE DES TÂCHES
tracking-report-tasks-sheet = Tâches
tracking-report-targets = III. OBJECTIFS CHIFFRÉS
tracking-report-targets-sheet = Objectifs
tracking-report-summary-sheet = Synthèse
tracking-report-clause = Article, section
tracking-report-latest = Dernier rapport
tracking-report-unit = Unité
tracking-report-attained = Non atteint ({ $percent })
tracking-report-future = Cette période de rapport n’a pas encore commencé.
tracking-report-bad-format = Format de rapport invalide.
tracking-report-date-hint = Sans date : la dernière période commencée (entre parenthèses).
tracking-report-by-org = Par organisation
tracking-report-by-org-sheet = Par organisation
tracking-report-org = Organisation
tracking-report-total = Total
tracking-report-total-row = Total
tracking-report-own = { $org } (ses propres tâches)
tracking-report-listed = Le tableau donne d’abord les tâches non achevées dans le délai, puis les tâches propres de l’organisation.
tracking-report-more = { $count ->
    [one] Une autre tâche figure dans le fichier Excel de ce rapport.
   *[other] { $count } autres tâches figurent dans le fichier Excel de ce rapport.
}
tracking-targets-more = { $count ->
    [one] et 1 autre objectif : le rapport périodique les donne tous.
   *[other] et { $count } autres objectifs : le rapport périodique les donne tous.
}
tracking-own-rules-below = Règles de suivi choisies en propre par : { $orgs }. Les pages de ces organisations et de leurs tâches les appliquent ; cette page lit toutes les tâches selon les règles en vigueur ici, pour comparer les organisations à la même mesure.

task-urging-refused-subtasks = L’échéance ne peut pas passer au { $deadline } : { $count } sous-tâches en cours ont une échéance postérieure (une sous-tâche n’a jamais d’échéance après celle de sa tâche mère). Cochez « Déplacer aussi les sous-tâches » pour les déplacer en même temps, ou choisissez un autre jour.
task-urging-refused-after-parent = L’échéance ne peut pas passer au { $deadline } : la tâche mère a pour échéance le { $parent }. Déplacez d’abord l’échéance de la tâche mère.
task-urging-late-heading = Sous-tâches dont l’échéance est après la nouvelle :
task-form-move-subtasks = Déplacer aussi les sous-tâches dont l’échéance est après la nouvelle (une relance dans le journal de chacune)
task-classified-title = (tâche classifiée)
# The Party frame of the report (Hướng dẫn 36-HD/VPTW): docs/tracking.md.
tracking-report-number = N°
tracking-report-place-date = { $place }, le { $day }/{ $month }/{ $year }
tracking-report-on-behalf = POUR LE COMITÉ PERMANENT
tracking-report-recipients = Destinataires :
tracking-report-to-superior = - Le bureau permanent du comité supérieur (pour compte rendu),
tracking-report-to-standing = - Les membres du Comité permanent,
tracking-report-to-branches = - Les organisations du Parti directement rattachées,
tracking-report-to-archive = - Archives du Bureau.
tracking-register-link = Enregistrer comme document sortant
tracking-register-number = Numéro du document
tracking-register-hint = Laissé vide : le prochain numéro de rapport (BC) du registre pour l’année.
tracking-register-submit = Enregistrer comme document sortant
tracking-register-done = Le rapport est enregistré comme document sortant n° { $number } du { $date }. Les fichiers téléchargés ci-dessous portent ce numéro.
tracking-register-open = Voir le document
tracking-register-bad-number = Le numéro du document doit être un entier positif.
tracking-register-duplicate = Le registre a déjà un document de ce numéro aujourd’hui.
tracking-register-not-report = Ce document n’est pas un rapport (BC) du registre de l’organisation.
task-assignee-type = Tapez un nom ou un code, par ex. « khu 1 » ou QN.DH.QT
task-list-link = Liste des tâches en cours
task-list-title = LISTE DES TÂCHES EN COURS
task-list-on = Au { $date }
task-list-of-document = Tâches de mise en œuvre du document { $number }
task-list-total = { $count ->
    [one] 1 tâche en cours (ni terminée ni annulée), dont :
   *[other] { $count } tâches en cours (ni terminées ni annulées), dont :
}
task-list-tasks = II. LISTE DES TÂCHES
task-list-order = N°
task-list-none = Aucune tâche n’est en cours.
task-list-more = { $count ->
    [one] Le tableau liste les tâches aux échéances les plus proches ; 1 autre figure dans le fichier des tâches (Excel).
   *[other] Le tableau liste les tâches aux échéances les plus proches ; { $count } autres figurent dans le fichier des tâches (Excel).
}
