# Conférences de diffusion : la liste d’un sous-arbre, une conférence, ses présents.
dissemination-list-title = Conférences d’étude et de diffusion
dissemination-list-note = Tenues par { $org } et les organisations qui en relèvent, les plus récentes d’abord
dissemination-list-count = { $count ->
    [one] { $count } conférence
   *[other] { $count } conférences
}
dissemination-list-more = { $count ->
    [one] et { $count } conférence plus ancienne
   *[other] et { $count } conférences plus anciennes
}
dissemination-list-empty = Aucune conférence enregistrée.
dissemination-col-documents = Documents
dissemination-col-members = Membres
dissemination-col-orgs = Organisations
dissemination-col-name = Nom complet
dissemination-col-card = Numéro de carte
dissemination-col-cell = Cellule ce jour-là
dissemination-attendance = Présents
dissemination-attendance-members = { $count ->
    [one] { $count } membre
   *[other] { $count } membres
}
dissemination-attendance-orgs = { $count ->
    [one] { $count } organisation
   *[other] { $count } organisations
}
dissemination-attendance-hidden = { $count ->
    [one] { $count } membre hors de votre périmètre est compté sans être nommé.
   *[other] { $count } membres hors de votre périmètre sont comptés sans être nommés.
}
dissemination-add-attendance = Compléter la liste des présents (liste reçue plus tard)
dissemination-add-submit = Ajouter
dissemination-attendance-empty = Saisissez des numéros de carte, joignez une liste ou saisissez des codes d’organisation.
dissemination-attendance-orgs-hidden = { $count ->
    [one] { $count } organisation hors de votre périmètre est comptée sans être nommée.
   *[other] { $count } organisations hors de votre périmètre sont comptées sans être nommées.
}
dissemination-attendance-listed = Membres { $first } à { $last } sur les { $total } nommés.
dissemination-attendance-orgs-listed = Organisations { $first } à { $last } sur les { $total } nommées.
