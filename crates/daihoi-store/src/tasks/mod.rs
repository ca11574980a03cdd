//! Implementation tasks (nhiệm vụ): T-1, T-2 and T-4 of
//! `shared/domain/documents-and-tracking.md`, stored. A task comes from a
//! registered document and the clause it implements (T-1), is assigned to an
//! organization and may be a sub-task of another, assigned inside the
//! parent's subtree (the cascade, T-2). Each task has an append-only log of
//! events (T-4), checked by `daihoi-tracking`; the latest progress reported
//! is kept on the task so that roll-ups and lists need no log.
//!
//! The rules are `daihoi-tracking`'s: this module stores and reads, the
//! status ([`Task::status`]) and the roll-up ([`Db::task_rollup`]) are
//! computed there with parameters the caller chooses (\[open\] rules).

pub mod access;
pub mod create;
pub mod deadlines;
pub mod import;
pub mod inbox;
pub mod lists;
pub mod policy;
pub mod reports;
pub mod settings;
pub mod targets;

use daihoi_core::OrgCode;
use daihoi_core::date::iso;
use daihoi_tracking::{
    DeadlineStatus, Evaluation, Event, EventKind, Node, Progress, Rolled, RollupRules, StatusRules, Weight, Workflow,
    check_append, deadline_status,
};
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use time::Date;

use crate::documents::Classification;
use crate::members::now_text;
use crate::orgs::{OrgNode, opt_date_col};
use crate::{Db, StoreError, StoreResult};

/// A task to create.
#[derive(Debug, Clone)]
pub struct NewTask<'a> {
    /// The registered document it comes from (T-1).
    pub document_id: i64,
    /// The clause of the document it implements ("Mục III.1"); may be empty.
    pub clause: &'a str,
    pub title: &'a str,
    /// The assignee; it must exist on `assigned_on`.
    pub org: &'a OrgCode,
    /// The task it is cascaded from (T-2): its organization must be the
    /// parent's or one below it on `assigned_on`.
    pub parent: Option<i64>,
    /// Its weight in the parent's roll-up.
    pub weight: Option<Weight>,
    pub deadline: Option<Date>,
    /// The id of the task in a user's file (T-7), unique when given.
    pub external_id: Option<&'a str>,
    pub classification: Classification,
    /// The day the task is given (giao): the tree is read on it.
    pub assigned_on: Date,
}

/// A stored task.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: i64,
    pub external_id: Option<String>,
    pub document_id: i64,
    pub clause: String,
    pub title: String,
    pub org_id: i64,
    /// The assignee's code.
    pub org: OrgCode,
    pub parent_id: Option<i64>,
    pub weight: Option<Weight>,
    pub deadline: Option<Date>,
    /// The day a status change to Done occurred (cleared when reopened).
    pub done_on: Option<Date>,
    pub workflow: Workflow,
    pub classification: Classification,
    /// The latest progress reported in the log, by order of occurrence, and
    /// the day it was reported for.
    pub progress: Option<(Date, Progress)>,
    /// Its receipt (tiếp nhận) by its assignee's office: when (UTC, RFC
    /// 3339) and by which account; `None` while it is in the inbox.
    pub received: Option<(String, String)>,
    /// The day it was given (giao); `None` for rows written before that
    /// was kept.
    pub assigned_on: Option<Date>,
}

impl Task {
    /// T-3: where the task stands against its deadline (rules are \[open\]:
    /// the caller's).
    #[must_use]
    pub fn status(&self, at: Evaluation, rules: &StatusRules) -> DeadlineStatus {
        deadline_status(self.deadline, self.done_on, at, rules)
    }
}

/// An entry of a task's log, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskEvent {
    pub id: i64,
    pub task_id: i64,
    pub event: Event,
}

/// The stored code of a workflow state (`in_progress`, …), also the
/// value of the pages' forms.
pub fn workflow_code(w: Workflow) -> &'static str {
    match w {
        Workflow::Draft => "draft",
        Workflow::Assigned => "assigned",
        Workflow::InProgress => "in_progress",
        Workflow::Done => "done",
        Workflow::Cancelled => "cancelled",
    }
}

pub(crate) fn parse_workflow(code: &str) -> StoreResult<Workflow> {
    Ok(match code {
        "draft" => Workflow::Draft,
        "assigned" => Workflow::Assigned,
        "in_progress" => Workflow::InProgress,
        "done" => Workflow::Done,
        "cancelled" => Workflow::Cancelled,
        other => return Err(StoreError::corrupt(format!("bad workflow {other:?}"))),
    })
}

fn kind_code(kind: &EventKind) -> &'static str {
    match kind {
        EventKind::Report { .. } => "report",
        EventKind::Urging { .. } => "urging",
        EventKind::Inspection { .. } => "inspection",
        EventKind::Supervision { .. } => "supervision",
        EventKind::StatusChange { .. } => "status_change",
        EventKind::ProgressReported { .. } => "progress",
    }
}

/// The progress an event reports, if any.
fn reported(kind: &EventKind) -> Option<Progress> {
    match kind {
        EventKind::Report { progress, .. } => *progress,
        EventKind::ProgressReported { progress } => Some(*progress),
        _ => None,
    }
}

// A NULL bound as an `Option<f64>` reaches PostgreSQL through sqlx's Any
// driver with a type that is cached with the statement and refuses the next
// real number ("incorrect binary data format"): the real numbers are always
// bound, and a flag says whether the column is NULL.

/// The columns [`task`] reads, by these names.
pub(crate) const TASK_COLUMNS: &str = "t.id AS id, t.external_id AS external_id, t.document_id AS document_id, \
     t.clause AS clause, t.title AS title, t.org_id AS org_id, o.code AS org_code, t.parent_id AS parent_id, \
     t.weight AS weight, t.deadline AS deadline, t.done_on AS done_on, t.workflow AS workflow, \
     t.classification AS classification, t.progress AS progress, t.progress_on AS progress_on, \
     t.received_at AS received_at, t.received_by AS received_by, t.assigned_on AS assigned_on";

pub(crate) fn task(row: &AnyRow) -> StoreResult<Task> {
    let code: String = row.try_get("org_code")?;
    let weight: Option<f64> = row.try_get("weight")?;
    let workflow: String = row.try_get("workflow")?;
    let classification: String = row.try_get("classification")?;
    let progress: Option<f64> = row.try_get("progress")?;
    let progress_on = opt_date_col(row, "progress_on")?;
    let progress = match (progress_on, progress) {
        (Some(on), Some(p)) => Some((on, Progress::new(p).map_err(|e| StoreError::corrupt(e.to_string()))?)),
        _ => None,
    };
    Ok(Task {
        id: row.try_get("id")?,
        external_id: row.try_get("external_id")?,
        document_id: row.try_get("document_id")?,
        clause: row.try_get("clause")?,
        title: row.try_get("title")?,
        org_id: row.try_get("org_id")?,
        org: OrgCode::parse(&code).map_err(|e| StoreError::corrupt(e.to_string()))?,
        parent_id: row.try_get("parent_id")?,
        weight: weight.map(Weight::new).transpose().map_err(|e| StoreError::corrupt(e.to_string()))?,
        deadline: opt_date_col(row, "deadline")?,
        done_on: opt_date_col(row, "done_on")?,
        workflow: parse_workflow(&workflow)?,
        classification: Classification::parse(&classification)?,
        progress,
        received: match (row.try_get::<Option<String>, _>("received_at")?, row.try_get("received_by")?) {
            (Some(at), Some(by)) => Some((at, by)),
            _ => None,
        },
        assigned_on: opt_date_col(row, "assigned_on")?,
    })
}

impl Db {
    /// Creates a task in the [`Workflow::Assigned`] state. Refused: an
    /// unknown document or parent task, an organization that does not exist
    /// on `assigned_on`, a sub-task assigned outside its parent's
    /// organization's subtree on that day (T-2), an external id already used.
    pub(crate) async fn create_task(&self, new: &NewTask<'_>) -> StoreResult<Task> {
        let org = self.check_new_task(new).await?;
        let mut conn = self.pool.acquire().await?;
        let id = Db::insert_task_in(&mut conn, new, org.id).await?;
        drop(conn);
        self.task(id).await?.ok_or_else(|| StoreError::corrupt("task vanished after insert"))
    }

    /// The checks of [`Db::create_task`], reading the database (not in a
    /// transaction): the assignee as it is on `assigned_on`.
    pub(crate) async fn check_new_task(&self, new: &NewTask<'_>) -> StoreResult<OrgNode> {
        if self.document(new.document_id).await?.is_none() {
            return Err(StoreError::NotFound(format!("document {}", new.document_id)));
        }
        let org = self.org_on(new.org, new.assigned_on).await?;
        if let Some(parent_id) = new.parent {
            let parent =
                self.task(parent_id).await?.ok_or_else(|| StoreError::NotFound(format!("task {parent_id}")))?;
            let inside = match self.org_by_id(parent.org_id, new.assigned_on).await? {
                Some(p) => p.path.contains(&org.path),
                None => false,
            };
            if !inside {
                return Err(StoreError::BadTask(format!(
                    "T-2: {} is not in the subtree of {}, the assignee of task {parent_id}, on {}",
                    org.code,
                    parent.org,
                    daihoi_core::date::vi(new.assigned_on)
                )));
            }
        }
        if let Some(external) = new.external_id {
            let used: Option<i64> = sqlx::query_scalar("SELECT id FROM task WHERE external_id = $1")
                .bind(external)
                .fetch_optional(&self.pool)
                .await?;
            if used.is_some() {
                return Err(StoreError::BadTask(format!("the external id {external:?} is already used")));
            }
        }
        Ok(org)
    }

    /// Inserts a task checked by [`Db::check_new_task`] on the caller's
    /// connection or transaction.
    pub(crate) async fn insert_task_in(
        conn: &mut sqlx::AnyConnection,
        new: &NewTask<'_>,
        org_id: i64,
    ) -> StoreResult<i64> {
        use daihoi_core::text::{LABEL_MAX_CHARS, TITLE_MAX_CHARS, line, optional_line};
        let title = line(new.title, TITLE_MAX_CHARS).map_err(StoreError::text("title"))?;
        let clause = optional_line(new.clause, LABEL_MAX_CHARS).map_err(StoreError::text("clause"))?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO task (external_id, document_id, clause, title, org_id, parent_id, weight, deadline, workflow, \
             classification, created_at, assigned_on) VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $12 = 1 THEN $7 END, \
             $8, $9, $10, $11, $13) RETURNING id",
        )
        .bind(new.external_id)
        .bind(new.document_id)
        .bind(clause)
        .bind(title)
        .bind(org_id)
        .bind(new.parent)
        .bind(new.weight.map_or(0.0, Weight::value))
        .bind(new.deadline.map(iso))
        .bind(workflow_code(Workflow::Assigned))
        .bind(new.classification.code())
        .bind(now_text())
        .bind(i64::from(new.weight.is_some()))
        .bind(iso(new.assigned_on))
        .fetch_one(&mut *conn)
        .await?;
        if new.external_id.is_none() {
            // T-7: every task has an external id, so that the task file
            // names it and an export only reads.
            name_task(conn, id).await?;
        }
        Ok(id)
    }

    /// A task by id.
    pub async fn task(&self, id: i64) -> StoreResult<Option<Task>> {
        let sql = format!("SELECT {TASK_COLUMNS} FROM task t JOIN organization o ON o.id = t.org_id WHERE t.id = $1");
        let row = sqlx::query(AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(task).transpose()
    }

    /// A task by its external id (T-7).
    pub async fn task_by_external_id(&self, external_id: &str) -> StoreResult<Option<Task>> {
        let sql = format!(
            "SELECT {TASK_COLUMNS} FROM task t JOIN organization o ON o.id = t.org_id WHERE t.external_id = $1"
        );
        let row = sqlx::query(AssertSqlSafe(sql)).bind(external_id).fetch_optional(&self.pool).await?;
        row.as_ref().map(task).transpose()
    }

    /// The tasks assigned to the organizations of the subtree of `root` on
    /// `date` (the root included), in path order, then by id.
    pub async fn tasks_in(&self, root: &OrgNode, date: Date) -> StoreResult<Vec<Task>> {
        let (low, high) = root.path.subtree_range();
        let sql = format!(
            // From the organizations of the subtree to their tasks (the
            // `task_org` index): a commune's tasks are read without going
            // through the province's (benches/tasks.rs: the 4,202 tasks of a
            // commune among 100,000, 78 ms on SQLite and 68 ms on PostgreSQL,
            // most of it carrying the rows). The demo's home page, with a
            // dozen tasks, measured 3 ms the other way round, 5–7 ms this way.
            "SELECT {TASK_COLUMNS} FROM org_version v CROSS JOIN task t CROSS JOIN organization o \
             WHERE v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) AND v.path >= $2 AND v.path < $3 \
             AND t.org_id = v.org_id AND o.id = t.org_id \
             ORDER BY v.path, t.id"
        );
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(iso(date)).bind(low).bind(high).fetch_all(&self.pool).await?;
        rows.iter().map(task).collect()
    }

    /// The sub-tasks of a task, by id.
    pub async fn subtasks(&self, task_id: i64) -> StoreResult<Vec<Task>> {
        let sql = format!(
            "SELECT {TASK_COLUMNS} FROM task t JOIN organization o ON o.id = t.org_id \
             WHERE t.parent_id = $1 ORDER BY t.id"
        );
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(task_id).fetch_all(&self.pool).await?;
        rows.iter().map(task).collect()
    }

    /// A task's log, in recording order.
    pub async fn task_events(&self, task_id: i64) -> StoreResult<Vec<TaskEvent>> {
        let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, body FROM task_event WHERE task_id = $1 ORDER BY id")
            .bind(task_id)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter()
            .map(|(id, body)| {
                let event: Event =
                    serde_json::from_str(&body).map_err(|e| StoreError::corrupt(format!("task event {id}: {e}")))?;
                Ok(TaskEvent { id, task_id, event })
            })
            .collect()
    }

    /// T-4: appends an event to a task's log after `daihoi-tracking`'s
    /// checks ([`check_append`] against the last event; a status change must
    /// start from the task's state and be an allowed move). A status change
    /// moves the task (to Done: `done_on` is the day it occurred; back from
    /// Done: cleared); an urging with a new deadline sets it; a reported
    /// progress becomes the task's latest unless an event that occurred
    /// later already reported one. Nothing is ever changed in the log.
    pub(crate) async fn record_event(&self, task_id: i64, event: &Event) -> StoreResult<TaskEvent> {
        let mut tx = self.begin_write().await?;
        let recorded = Db::record_event_in(&mut tx, task_id, event).await?;
        tx.commit().await?;
        Ok(recorded)
    }

    /// [`Db::record_event`] inside the caller's transaction (the scoped
    /// view writes its audit entry in the same one).
    pub(crate) async fn record_event_in(
        tx: &mut sqlx::AnyConnection,
        task_id: i64,
        event: &Event,
    ) -> StoreResult<TaskEvent> {
        let row: Option<(String, Option<String>)> =
            sqlx::query_as("SELECT workflow, progress_on FROM task WHERE id = $1")
                .bind(task_id)
                .fetch_optional(&mut *tx)
                .await?;
        let (workflow, progress_on) = row.ok_or_else(|| StoreError::NotFound(format!("task {task_id}")))?;
        let current = parse_workflow(&workflow)?;
        let last: Option<String> =
            sqlx::query_scalar("SELECT body FROM task_event WHERE task_id = $1 ORDER BY id DESC LIMIT 1")
                .bind(task_id)
                .fetch_optional(&mut *tx)
                .await?;
        let last: Option<Event> = last
            .map(|b| serde_json::from_str(&b).map_err(|e| StoreError::corrupt(format!("task event: {e}"))))
            .transpose()?;
        check_append(last.as_ref(), event)?;
        check_event_text(&event.kind)?;
        if let EventKind::StatusChange { from, to } = event.kind {
            if from != current {
                return Err(daihoi_tracking::TrackingError::StatusChangeFromWrongState { current, from }.into());
            }
            from.check_move(to)?;
            let done_on = (to == Workflow::Done).then(|| iso(event.occurred_on));
            sqlx::query("UPDATE task SET workflow = $1, done_on = $2 WHERE id = $3")
                .bind(workflow_code(to))
                .bind(done_on)
                .bind(task_id)
                .execute(&mut *tx)
                .await?;
        }
        if let EventKind::Urging { new_deadline: Some(deadline), .. } = &event.kind {
            sqlx::query("UPDATE task SET deadline = $1 WHERE id = $2")
                .bind(iso(*deadline))
                .bind(task_id)
                .execute(&mut *tx)
                .await?;
        }
        let progress = reported(&event.kind);
        if let Some(p) = progress {
            let newer = match progress_on.as_deref().and_then(daihoi_core::date::from_iso) {
                Some(on) => event.occurred_on >= on,
                None => true,
            };
            if newer {
                sqlx::query("UPDATE task SET progress = $1, progress_on = $2 WHERE id = $3")
                    .bind(p.percent())
                    .bind(iso(event.occurred_on))
                    .bind(task_id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let body = serde_json::to_string(event).map_err(|e| StoreError::corrupt(e.to_string()))?;
        let moved = match event.kind {
            EventKind::StatusChange { from, to } => Some((from, to)),
            _ => None,
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO task_event (task_id, occurred_on, recorded_on, kind, body, progress, created_at, status_from, \
             status_to) VALUES ($1, $2, $3, $4, $5, CASE WHEN $8 = 1 THEN $6 END, $7, $9, $10) RETURNING id",
        )
        .bind(task_id)
        .bind(iso(event.occurred_on))
        .bind(iso(event.recorded_on))
        .bind(kind_code(&event.kind))
        .bind(body)
        .bind(progress.map_or(0.0, Progress::percent))
        .bind(now_text())
        .bind(i64::from(progress.is_some()))
        // The move of a status change, for the state on a date (reports.rs).
        .bind(moved.map(|(from, _)| workflow_code(from)))
        .bind(moved.map(|(_, to)| workflow_code(to)))
        .fetch_one(&mut *tx)
        .await?;
        Ok(TaskEvent { id, task_id, event: event.clone() })
    }

    /// T-2: a task and the sub-tasks below it as `daihoi-tracking`'s roll-up
    /// input: a task without sub-tasks is a leaf with its latest reported
    /// progress; a task with sub-tasks is a branch (its own reports are not
    /// counted); sub-tasks in id order. A withdrawn sub-task (cancelled) is
    /// left out with everything below it, and a task whose every sub-task
    /// was withdrawn is a leaf again; the task itself is there withdrawn or
    /// not (its own page). Ids are task ids, orgs are organization codes.
    /// One query, however deep the tree.
    pub async fn task_tree(&self, task_id: i64) -> StoreResult<Node> {
        self.task_tree_node(task_id).await?.ok_or_else(|| StoreError::NotFound(format!("task {task_id}")))
    }

    /// T-2: the roll-up of a task's tree ([`Db::task_tree`]: withdrawn
    /// sub-tasks left out with everything below them) under `rules`
    /// (\[open\]: the caller's). Computed by daihoi-tracking's
    /// [`daihoi_tracking::rollup::Cascade`], as [`Db::subtree_rollup`] is.
    pub async fn task_rollup(&self, task_id: i64, rules: &RollupRules) -> StoreResult<Rolled> {
        self.task_tree_rollup(task_id, rules).await?.ok_or_else(|| StoreError::NotFound(format!("task {task_id}")))
    }
}

/// Gives a task without an external id the id `T<id>` (or `T<id>-n` when
/// taken) and returns its external id (the one it already had, if any).
pub(crate) async fn name_task(conn: &mut sqlx::AnyConnection, id: i64) -> StoreResult<String> {
    let mut n = 1;
    loop {
        let name = if n == 1 { format!("T{id}") } else { format!("T{id}-{n}") };
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM task WHERE external_id = $1")
            .bind(&name)
            .fetch_optional(&mut *conn)
            .await?;
        if taken.is_none() {
            let done = sqlx::query("UPDATE task SET external_id = $1 WHERE id = $2 AND external_id IS NULL")
                .bind(&name)
                .bind(id)
                .execute(&mut *conn)
                .await?;
            if done.rows_affected() == 1 {
                return Ok(name);
            }
            // Named meanwhile: that name stands.
            let stored: Option<String> =
                sqlx::query_scalar("SELECT external_id FROM task WHERE id = $1").bind(id).fetch_one(&mut *conn).await?;
            return stored.ok_or_else(|| StoreError::corrupt(format!("task {id} without its external id")));
        }
        n += 1;
    }
}

/// TEXT-1 on the free text of a log entry: a report's summary, who urged or
/// inspected, notes, findings and recommendations.
fn check_event_text(kind: &EventKind) -> StoreResult<()> {
    use daihoi_core::text::{LABEL_MAX_CHARS, NOTE_MAX_CHARS, optional_line, paragraphs};
    let note =
        |field: &'static str, text: &str| paragraphs(text, NOTE_MAX_CHARS).map(|_| ()).map_err(StoreError::text(field));
    let by = |text: &str| optional_line(text, LABEL_MAX_CHARS).map(|_| ()).map_err(StoreError::text("by"));
    match kind {
        EventKind::Report { summary, .. } => note("summary", summary),
        EventKind::Urging { by: who, note: text, .. } => {
            by(who)?;
            note("note", text)
        }
        EventKind::Inspection { by: who, findings, recommendations }
        | EventKind::Supervision { by: who, findings, recommendations } => {
            by(who)?;
            for finding in findings {
                note("finding", &finding.text)?;
            }
            for recommendation in recommendations {
                note("recommendation", recommendation)?;
            }
            Ok(())
        }
        EventKind::StatusChange { .. } | EventKind::ProgressReported { .. } => Ok(()),
    }
}
