# Pétitions, réclamations et dénonciations (issue 18).
audit-action-petition_rule_add = Ligne de délai saisie
audit-action-petition_rule_end = Ligne de délai close
audit-action-petition_day_add = Jour férié, de récupération ou travaillé inscrit
audit-action-petition_day_remove = Jour retiré du calendrier
audit-action-petition_year_confirm = Calendrier de l’année confirmé
audit-action-petition_received = Requête reçue
audit-action-petition_filing_linked = Requête répétée jointe à son dossier
audit-action-petition_identity_read = Identité du requérant consultée
audit-action-petition_assigned = Dossier confié à un vérificateur
audit-action-petition_routed = Dossier transmis à l’organisation compétente
audit-action-petition_event = Étape d’un dossier enregistrée
