-- T-7: every task has an external id, so that the task file names it and
-- an export only reads. Tasks created without one are given `T<id>` when
-- created (tasks.rs); those stored before are given it here, unless that
-- name is taken (the export then names them `T<id>-2`, once).
UPDATE task SET external_id = 'T' || CAST(id AS TEXT)
WHERE external_id IS NULL
  AND NOT EXISTS (SELECT 1 FROM task x WHERE x.external_id = 'T' || CAST(task.id AS TEXT));
