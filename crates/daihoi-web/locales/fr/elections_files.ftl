# Procès-verbal et fichiers d'une élection (elections/files.rs).
election-files-title = Procès-verbal et fichiers
election-files-minutes-pdf = Procès-verbal du dépouillement (PDF)
election-files-minutes-docx = Procès-verbal du dépouillement (Word)
election-files-hint = Le procès-verbal reprend chaque tour dépouillé, chaque décision et chaque décision de la commission sur un bulletin, en vietnamien, dans la mise en page des documents du Parti. La commande daihoi tally dépouille à nouveau ELECTION.toml et les fichiers de bulletins des tours, au même résultat.
election-files-ballots-csv = Fichier des bulletins (CSV)
election-files-not-counted = Aucun dépouillement de cette élection (ou de ce tour) n'est encore clos.
election-ballots-print = Imprimer les bulletins
election-ballots-per-page-label = Bulletins par page A4
election-ballots-copies-label = Combien
election-ballots-per-page = Bulletins par page : 1, 2 ou 4.
election-ballots-copies = Le nombre de bulletins à imprimer : de 1 à 5 000.
election-ballots-too-many-names = Les noms ne tiennent pas sur un bulletin à ce format : imprimez moins de bulletins par page.
election-ballots-file = Bulletins dépouillés ailleurs (fichier)
election-ballots-file-record = Enregistrer le fichier
election-ballots-file-hint = Un .csv ou une feuille au format de daihoi tally : le numéro du bulletin, une colonne par nom dans l'ordre du bulletin, les marques. Chaque bulletin est vérifié ; un seul refusé et rien n'est enregistré. Seulement dans un tour où aucun bulletin n'est encore saisi.
election-ballots-file-none = Choisissez le fichier des bulletins.
election-ballots-file-broken = Le fichier envoyé n'a pas pu être lu ; renvoyez le formulaire.
election-ballots-file-refused = Le fichier est refusé, rien n'a été enregistré : { $problem }
audit-action-election_ballots_recorded = Bulletins enregistrés depuis un fichier

# R-LIST-6 : le vote d'opinion sur les personnes ajoutées au congrès.
election-opinion = Vote d'opinion (R-LIST-6) : voix
election-opinion-record = Enregistrer
election-opinion-votes = Vote d'opinion : { $votes } voix
election-opinion-dropped = Vote d'opinion : { $votes } voix, hors de la liste (R-LIST-6)
election-problem-opinion = Les voix du vote d'opinion : un nombre entier.
audit-action-election_opinion = Vote d'opinion sur les personnes ajoutées
