# Pétitions, réclamations et dénonciations (issue 18).
audit-action-petition_rule_add = Ligne de délai saisie
audit-action-petition_rule_end = Ligne de délai close
audit-action-petition_day_add = Jour férié, de récupération ou travaillé inscrit
audit-action-petition_day_remove = Jour retiré du calendrier
audit-action-petition_year_confirm = Calendrier de l’année confirmé
