## Enregistrement des documents, de leurs fichiers et de leurs liens.

document-new-title = Enregistrer un document
document-form-register = Registre de
document-form-summary = Résumé
document-form-classification = Classification
document-form-submit = Enregistrer
document-form-confirm = Enregistrer quand même avec ce numéro
document-form-read-as = Le numéro a été lu { $number }. Vérifiez :
document-form-bad-date = Indiquez la date de publication (jour/mois/année).
document-form-title-missing = Indiquez l’intitulé.
document-form-bad-classification = Classification invalide.
document-form-number-missing = Indiquez le numéro (par exemple 23-NQ/TU).
document-form-bad-number = Ce n’est pas un numéro de document du Parti : NUMÉRO-TYPE/ÉMETTEUR, par exemple 23-NQ/TU.
document-form-state-number = « { $text } » est un numéro de document de l’État (numéro/année/symbole, par exemple 30/2020/NĐ-CP), pas un document du Parti.
document-form-bad-register = Vous ne pouvez pas enregistrer de documents pour cette organisation.
document-form-duplicate = Le document { $number } de cette date est déjà enregistré.
document-warning-ascii-d = « { $written } » a été lu « { $canonical } » (D tapé pour Đ).
document-warning-state-abbreviation = « { $written } » est l’abréviation de l’État ; les documents du Parti écrivent QĐ.
document-warning-unknown-issuer = L’émetteur « { $code } » n’est pas au registre.
document-warning-outside-validity = Le code « { $code } » n’était pas en usage le { $date }.
document-link-kind = Relation
document-link-submit = Ajouter le lien
document-link-bad-kind = Relation invalide.
document-link-not-found = Aucun document enregistré n’a ce numéro et cette date de publication.
document-link-refused = Lien refusé : un document ne se lie pas à lui-même, et les remplacements ne tournent pas en rond.
document-file-choose = Fichier (PDF, DOCX…)
document-file-submit = Joindre
classification-normal = Non classifié
classification-confidential = Confidentiel
classification-secret = Secret

dissemination-record = Enregistrer une conférence qui a diffusé ce document
dissemination-holder = Tenue par
dissemination-held-on = Date
dissemination-title = Nom de la conférence
dissemination-level = Niveau ou forme (p. ex. conférence des cadres)
dissemination-members = Membres présents (numéros de carte, un par ligne)
dissemination-file = Ou la liste de présence (Excel/CSV avec une colonne « Số thẻ đảng viên »)
dissemination-orgs = Organisations du Parti présentes (codes, un par ligne)
dissemination-notes = Notes
dissemination-submit = Enregistrer
dissemination-bad-date = La date est invalide ou dans le futur.
dissemination-bad-card = « { $value } » n’est pas un numéro de carte du Parti.
dissemination-bad-card-in-file = Feuille { $sheet }, ligne { $row } : « { $value } » n’est pas un numéro de carte du Parti.
dissemination-no-card-column = Le fichier { $file } n’a pas de colonne « Số thẻ đảng viên ».
dissemination-bad-org = « { $value } » n’est pas un code d’organisation.
dissemination-title-missing = Indiquez le nom de la conférence.
dissemination-before-issue = Une conférence ne peut pas étudier { $number } avant sa publication ({ $date }).
dissemination-not-found = Rien n’a été enregistré : « { $what } » est introuvable dans votre périmètre.

# The incoming register (sổ văn bản đến) and forwarding
document-received-by = { $moment }, { $login }
document-arrival-already = Le document est déjà dans ce registre d’arrivée, sous le numéro { $number }/{ $year }.
document-arrival-bad-date = { $number } ne peut arriver ni être transmis avant sa date ({ $date }) ni après aujourd’hui.
document-forward-refused = Un document n’est transmis que depuis un registre qui le tient, à des organisations en dessous.
document-arrival-sender-missing = Indiquez qui a envoyé le document.
document-forward-none = Choisissez au moins un destinataire.
document-incoming-bad-year = Année non valable.
document-kept-by = Ce document est tenu par le registre de { $orgs } ; seul ce bureau y joint des fichiers et des liens.
document-unkept = Ce document n’est encore dans le registre d’aucune organisation. Le bureau qui l’inscrit à son registre d’arrivée (« Registre d’arrivée et transmissions » ci-dessus) pourra y joindre des fichiers et des liens.
document-not-cleared = Vous ne pouvez pas lire ce document.
document-replaced = Ce document a été remplacé par
document-replaced-note = Son étude n’est plus suivie ; confier une tâche à partir de lui demande une confirmation.
document-incoming = Registre d’arrivée et transmissions
document-arrival-number = arrivée n°
document-arrival-from = envoyé par
document-no-arrivals = Dans aucun registre d’arrivée que vous voyez.
document-forwards-count = { $count ->
    [one] Transmis à 1 organisation
   *[other] Transmis à { $count } organisations
}
document-forwards-received = { $count ->
    [one] 1 reçu
   *[other] { $count } reçus
}
document-forward-to = Destinataire
document-forward-from = Transmis par
document-forward-on = Transmis le
document-receipt = Réception
document-receive = Accuser réception
document-not-received = Pas encore reçu
document-arrival-record = Inscrire au registre d’arrivée
document-arrival-register = Registre d’arrivée de
document-arrival-on = Arrivé le
document-arrival-sender = Envoyé par
document-arrival-submit = Inscrire l’arrivée
document-forward-record = Transmettre depuis { $org }
document-forward-all = { $count ->
    [one] L’organisation en dessous qui ne l’a pas reçu
   *[other] Les { $count } organisations en dessous qui ne l’ont pas reçu
}
document-forward-some = Ou choisir les destinataires
document-forward-submit = Transmettre
document-tasks = Tâches confiées à partir de lui
document-no-tasks = Aucune tâche confiée à partir de ce document (dans votre périmètre).
document-conferences = Conférences qui l’ont étudié
document-no-conferences = Aucune conférence n’a étudié ce document (dans votre périmètre).
document-more = et { $count } de plus
documents-incoming-title = Registre d’arrivée
documents-incoming-of = Registre d’arrivée de { $org }, { $year }
documents-incoming-year = Année
documents-incoming-show = Afficher
documents-incoming-years = Années :
documents-incoming-empty = Rien n’est arrivé cette année.
documents-incoming-col-number = N° d’arrivée
documents-incoming-col-date = Arrivé le
documents-incoming-col-sender = Envoyé par
documents-incoming-new = Inscrire un document arrivé
document-side = Registre
document-side-outgoing = Départ (émis par l’organisation)
document-side-incoming = Arrivée (envoyé d’ailleurs)
document-replaced-confirm = { $number } a été remplacé par { $by }. Confier quand même une tâche à partir de lui ?
document-replaced-confirm-box = Confier quand même à partir du document remplacé
document-replaced-option = remplacé par { $by }
home-document-inbox = Documents transmis
home-count-documents = { $count ->
    [one] 1 document transmis
   *[other] { $count } documents transmis
}
document-form-bad-arrival-date = Indiquez le jour d’arrivée du document (jour/mois/année).
document-link-needs-date = { $count } documents portent ce numéro (la numérotation reprend à chaque mandat) : indiquez aussi la date.
diss-report-link = Rapport sur son étude
diss-report-title = RAPPORT SUR L’ÉTUDE D’UN DOCUMENT
diss-report-document = Document { $number } du { $date } : { $title }
diss-report-general = I. RÉSULTAT D’ENSEMBLE
diss-report-members = Membres l’ayant étudié : { $share }.
diss-report-cells = Cellules ayant tenu une séance d’étude ou dont des membres y ont assisté : { $share }.
diss-report-replaced = Le document a été remplacé par { $by } ; il n’est plus étudié.
diss-report-conferences = II. CONFÉRENCES D’ÉTUDE
diss-report-held-on = Date
diss-report-holder = Organisée par
diss-report-conference = Conférence
diss-report-attended = Membres présents
diss-report-no-conference = Aucune conférence pour l’instant.
diss-report-conferences-hidden = { $count ->
    [one] Des membres ont aussi assisté à 1 conférence d’un échelon supérieur.
   *[other] Des membres ont aussi assisté à { $count } conférences d’un échelon supérieur.
}
diss-report-by-org = III. PAR ORGANISATION
diss-report-members-column = Membres l’ayant étudié
diss-report-cells-column = Cellules l’ayant étudié
diss-report-not-reached = IV. CELLULES NE L’AYANT PAS ENCORE ÉTUDIÉ
diss-report-cell = Cellule
diss-report-code = Code
diss-report-all-reached = Toutes les cellules l’ont étudié.
diss-report-not-reached-more = { $count ->
    [one] 1 autre cellule ne l’a pas encore étudié.
   *[other] { $count } autres cellules ne l’ont pas encore étudié.
}
diss-report-under = Rattachée à
