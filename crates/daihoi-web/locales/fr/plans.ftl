# The plan file of a campaign (kế hoạch đại hội, one row per organization).
plan-file-title = Fichier des plans de congrès
plan-file-campaign = Congrès
plan-file-link = Importer ou exporter les plans en fichier
plan-file-download = Télécharger le fichier des plans
plan-file-download-help = Le fichier liste chaque organisation de { $org } et au-dessous, avec les plans de congrès saisis jusqu’ici ; les lignes qui ne donnent qu’un code d’organisation sont ignorées à l’import. Importer à nouveau ce fichier ne change rien.
plan-file-download-xlsx = Télécharger Excel (.xlsx)
plan-file-download-csv = Télécharger CSV
plan-file-upload = Importer un fichier de plans
plan-file-upload-help = Un fichier .xlsx, .xls, .ods ou .csv avec les colonnes du téléchargement (au plus { $mb } Mo), une ligne par organisation. Si une ligne est fausse, rien n’est écrit et chaque ligne fausse est listée.
plan-file-file = Fichier
plan-file-import = Importer
plan-file-done = Le fichier { $file } a été importé.
plan-file-created = Congrès saisis
plan-file-changed = Congrès dont le plan a changé
plan-file-unchanged = Lignes inchangées
plan-file-skipped = Lignes sans plan (ignorées)
plan-file-problems = Lignes de { $file } qui ne peuvent être importées
plan-file-nothing-written = Rien n’a été écrit. Corrigez les lignes ci-dessous et importez à nouveau tout le fichier.
plan-file-no-file = Aucun fichier choisi.
plan-file-bad-format = Le fichier { $file } n’est pas un fichier .xlsx, .xls, .ods ou .csv.
plan-file-no-sheet = Le fichier { $file } n’a aucune feuille.
plan-file-converted = Le texte du fichier était saisi dans l’ancien codage { $encoding } et a été converti en Unicode ; vérifiez les noms.
plan-file-problem-missing = Obligatoire, mais vide.
plan-file-problem-org-code = Code d’organisation non valable : { $detail }
plan-file-problem-level = Pas un niveau (cellule, base, au-dessus de la base, commune/quartier, relevant du Centre).
plan-file-problem-kind = C-DEL-5 : attendu « Đại hội đảng viên » (congrès des membres) ou « Đại hội đại biểu » (congrès des délégués).
plan-file-problem-contents = C-PLAN-3 : attendu « Đầy đủ » (complet) ou « 2 nội dung » (deux points).
plan-file-problem-model = Un congrès pilote est marqué « x », ou laissé vide.
plan-file-problem-date = Pas une date (attendu jj/mm/aaaa).
plan-file-problem-days = Pas une durée (par demi-journées : 0,5 ; 1 ; 1,5 … jusqu’à 10 jours).
plan-file-problem-half = L’ouverture et la durée vont ensemble : l’une est donnée sans l’autre.
plan-file-problem-approval = C-PLAN-5 : l’approbation du plan demande qui l’a approuvé, le jour et le document.
plan-file-problem-text = Au plus { $max } caractères, sans saut de ligne ni caractère de contrôle.
plan-file-problem-twice = L’organisation figure déjà à la ligne { $first }.
plan-file-refusal-not-in-subtree = Pas une organisation de { $root } (ou plus active) aujourd’hui.
plan-file-refusal-level-needed = Un comité partiel : son niveau doit être donné.
plan-file-refusal-forbidden = Vous ne pouvez pas enregistrer cela pour cette organisation (le plan est approuvé par le niveau supérieur).
plan-file-refusal-rule = Refusé par la règle { $rule }.

# The campaign's report (báo cáo tình hình tổ chức đại hội).
campaign-report-title = RAPPORT SUR LES CONGRÈS DU PARTI À TOUS LES NIVEAUX
campaign-report-round = { $round }
campaign-report-general = I. Vue d’ensemble
campaign-report-summary = Dans le périmètre du rapport, { $total } congrès sont planifiés ; { $held } se sont tenus, dont { $approved } aux résultats approuvés ; { $late } sont en retard sur leur plan.
campaign-report-no = No
campaign-report-code = Code de l’organisation
campaign-report-none = Aucun.
campaign-report-more = … et { $count } autres congrès (voir le fichier Excel).
campaign-report-question = En attente d’une décision sur
campaign-report-rule = Règle
campaign-report-waiting = Congrès en attente
campaign-report-sheet = Congrès
campaign-report-links = Rapport :
campaign-report-pdf = PDF
campaign-report-docx = Word (.docx)
campaign-report-xlsx = Excel

# C-DEL-5: the kind of congress proposed from the members on the planned date.
congress-kind-proposed = Proposé par C-DEL-5 : { $kind } ({ $basis }).
congress-kind-basis-cell = une cellule tient un congrès des membres
congress-kind-basis-from-below = au-dessus de la base : un congrès de délégués élus en dessous
congress-kind-basis-agreed = le comité directement supérieur l’a accepté
congress-kind-basis-at = { $counted } membres le { $date }, au moins { $threshold }
congress-kind-basis-under = { $counted } membres le { $date }, moins de { $threshold }
congress-kind-awaiting = La proposition de C-DEL-5 attend une décision sur : { $question }
congress-kind-differs = C-DEL-5 : le plan indique { $planned }, pas la proposition ({ $proposed }) ; la forme du congrès ne change que par une décision du comité directement supérieur.

# C-DEL-5: the higher committee's decision on the kind.
congress-kind-decided = Décidé par le comité supérieur : { $kind } ({ $by }, { $date }, { $reference }).
congress-kind-decision = Décision sur la forme du congrès
congress-kind-decision-note = Le comité directement supérieur décide de la forme du congrès d’une organisation de base (C-DEL-5) : sous le seuil, un congrès de délégués avec son accord. Le plan suit la décision ; seule une autre décision la change.
congress-kind-decision-submit = Enregistrer la décision

# C-DEL-10: alternates replacing absent delegates (check-in page).
congress-replacement-title = Suppléants remplaçant des délégués
congress-replacement-none = Aucun suppléant n’a remplacé de délégué.
congress-replacement-line = { $alternate } à la place de { $absent } ({ $by }, { $reference })
congress-replacement-next = Par rang, le suppléant suivant : { $alternate }.
congress-replacement-each-time = Le présidium désigne le suppléant à chaque fois (C-DEL-10).
congress-replacement-none-left = Il ne reste aucun suppléant.
congress-replacement-absent = Numéro de carte du délégué absent tout le congrès
congress-replacement-alternate = Numéro de carte du suppléant
congress-replacement-decided-by = Décidé par
congress-replacement-submit = Enregistrer le remplacement
congress-replacement-refused = Le remplacement n’a pas été enregistré ({ $rule }) : { $detail }
