# Documents du congrès (issue 17) : projets, versions, observations, synthèse.
audit-action-draft_create = Projet de document du congrès créé
audit-action-draft_team_add = Membre ajouté au comité de rédaction
audit-action-draft_version = Version d’un projet de document ajoutée
audit-action-draft_comment = Observation sur un projet enregistrée
audit-action-draft_decide = Suite donnée à une observation sur un projet
audit-action-draft_send = Projet envoyé aux échelons inférieurs
audit-action-draft_synthesis = Synthèse des observations envoyée
