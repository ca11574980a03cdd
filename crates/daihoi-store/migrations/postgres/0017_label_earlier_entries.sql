-- T-6: the classification of the conferences and audit entries recorded
-- before 0016 (the entries before audit_head.labelled_from), from what
-- they name. Running it again gives the same labels.
-- (The ids are read from the subjects only where they are digits.)
-- Keep in step with ../sqlite/0017_label_earlier_entries.sql.

-- A conference: the highest classification of the documents it studied.
UPDATE dissemination SET classification = CASE
    WHEN EXISTS (SELECT 1 FROM dissemination_document dd JOIN document d ON d.id = dd.document_id
                 WHERE dd.dissemination_id = dissemination.id AND d.classification = 'secret') THEN 'secret'
    WHEN EXISTS (SELECT 1 FROM dissemination_document dd JOIN document d ON d.id = dd.document_id
                 WHERE dd.dissemination_id = dissemination.id AND d.classification = 'confidential') THEN 'confidential'
    ELSE classification END
WHERE classification <> 'secret';

-- Entries on a document (its number, a file's name and hash): the document's.
UPDATE audit_entry SET classification = (SELECT d.classification FROM document d
    WHERE d.id = CAST(CASE WHEN substr(audit_entry.subject, 10) ~ '^[0-9]{1,18}$' THEN substr(audit_entry.subject, 10) END AS BIGINT))
WHERE action IN ('document_register', 'document_file') AND subject LIKE 'document %'
  AND EXISTS (SELECT 1 FROM document d WHERE d.id = CAST(CASE WHEN substr(audit_entry.subject, 10) ~ '^[0-9]{1,18}$' THEN substr(audit_entry.subject, 10) END AS BIGINT))
  AND id < (SELECT h.labelled_from FROM audit_head h WHERE h.id = 1);

-- A link names both documents' numbers; the entry names only one of them,
-- so it takes the highest classification of that document and of every
-- document linked to it either way.
UPDATE audit_entry SET classification = CASE
    WHEN EXISTS (SELECT 1 FROM document d WHERE d.classification = 'secret' AND (
        d.id = CAST(CASE WHEN substr(audit_entry.subject, 10) ~ '^[0-9]{1,18}$' THEN substr(audit_entry.subject, 10) END AS BIGINT)
        OR d.id IN (SELECT l.to_id FROM document_link l WHERE l.from_id = CAST(CASE WHEN substr(audit_entry.subject, 10) ~ '^[0-9]{1,18}$' THEN substr(audit_entry.subject, 10) END AS BIGINT))
        OR d.id IN (SELECT l.from_id FROM document_link l WHERE l.to_id = CAST(CASE WHEN substr(audit_entry.subject, 10) ~ '^[0-9]{1,18}$' THEN substr(audit_entry.subject, 10) END AS BIGINT))))
        THEN 'secret'
    WHEN EXISTS (SELECT 1 FROM document d WHERE d.classification = 'confidential' AND (
        d.id = CAST(CASE WHEN substr(audit_entry.subject, 10) ~ '^[0-9]{1,18}$' THEN substr(audit_entry.subject, 10) END AS BIGINT)
        OR d.id IN (SELECT l.to_id FROM document_link l WHERE l.from_id = CAST(CASE WHEN substr(audit_entry.subject, 10) ~ '^[0-9]{1,18}$' THEN substr(audit_entry.subject, 10) END AS BIGINT))
        OR d.id IN (SELECT l.from_id FROM document_link l WHERE l.to_id = CAST(CASE WHEN substr(audit_entry.subject, 10) ~ '^[0-9]{1,18}$' THEN substr(audit_entry.subject, 10) END AS BIGINT))))
        THEN 'confidential'
    ELSE classification END
WHERE action = 'document_link' AND subject LIKE 'document %' AND classification <> 'secret'
  AND id < (SELECT h.labelled_from FROM audit_head h WHERE h.id = 1);

-- Entries on a task (its title, its log): the task's.
UPDATE audit_entry SET classification = (SELECT t.classification FROM task t
    WHERE t.id = CAST(CASE WHEN substr(audit_entry.subject, 6) ~ '^[0-9]{1,18}$' THEN substr(audit_entry.subject, 6) END AS BIGINT))
WHERE action IN ('task_create', 'task_cascade', 'task_report', 'task_progress', 'task_status', 'task_urging',
                 'task_inspection', 'task_supervision') AND subject LIKE 'task %'
  AND EXISTS (SELECT 1 FROM task t WHERE t.id = CAST(CASE WHEN substr(audit_entry.subject, 6) ~ '^[0-9]{1,18}$' THEN substr(audit_entry.subject, 6) END AS BIGINT))
  AND id < (SELECT h.labelled_from FROM audit_head h WHERE h.id = 1);

-- Entries on a target (its name, its readings): its task's.
UPDATE audit_entry SET classification = (SELECT t.classification FROM target g JOIN task t ON t.id = g.task_id
    WHERE g.id = CAST(CASE WHEN substr(audit_entry.subject, 8) ~ '^[0-9]{1,18}$' THEN substr(audit_entry.subject, 8) END AS BIGINT))
WHERE action IN ('target_create', 'target_reading') AND subject LIKE 'target %'
  AND EXISTS (SELECT 1 FROM target g WHERE g.id = CAST(CASE WHEN substr(audit_entry.subject, 8) ~ '^[0-9]{1,18}$' THEN substr(audit_entry.subject, 8) END AS BIGINT))
  AND id < (SELECT h.labelled_from FROM audit_head h WHERE h.id = 1);

-- Entries on a conference: the conference's.
UPDATE audit_entry SET classification = (SELECT c.classification FROM dissemination c
    WHERE c.id = CAST(CASE WHEN substr(audit_entry.subject, 15) ~ '^[0-9]{1,18}$' THEN substr(audit_entry.subject, 15) END AS BIGINT))
WHERE action IN ('dissemination', 'dissemination_attendance') AND subject LIKE 'dissemination %'
  AND EXISTS (SELECT 1 FROM dissemination c WHERE c.id = CAST(CASE WHEN substr(audit_entry.subject, 15) ~ '^[0-9]{1,18}$' THEN substr(audit_entry.subject, 15) END AS BIGINT))
  AND id < (SELECT h.labelled_from FROM audit_head h WHERE h.id = 1);
