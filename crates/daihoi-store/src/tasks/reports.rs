//! What a subtree's periodic report (báo cáo định kỳ, T-4) and dashboard
//! read beyond the task lists: the subtree's tasks as they stood at the
//! report's cut-off (T-3), the latest report of each task up to a date, and
//! the targets (T-5) of the tasks assigned in the subtree.
//!
//! **As of the cut-off.** A report of a past period shows the tasks given
//! by the end of the period, in the state they were in then, read from
//! their logs in one query ([`Db::report_tasks`]): a task given after the
//! period is not in it; a task cancelled, finished or reopened after the
//! period shows as it stood; its progress and latest report are the last
//! ones that occurred by the cut-off. The deadline is the task's current
//! one: a deadline moved by an urging after the period is not undone (the
//! log keeps the new deadline, not the one it replaced).

use std::collections::HashMap;
use std::pin::pin;

use daihoi_core::date::iso;
use daihoi_core::{OrgCode, OrgPath};
use daihoi_tracking::{Event, EventKind, Progress, Workflow};
use futures_core::Stream;
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use time::Date;

use crate::documents::Classification;
use crate::orgs::{OrgNode, opt_date_col};
use crate::placeholders::named;
use crate::tasks::parse_workflow;
use crate::tasks::targets::StoredTarget;
use crate::{Db, StoreError, StoreResult};

/// The tasks of the organizations of a subtree on a date up to a
/// classification: `$date` the date, `$low`/`$high` the subtree's path
/// range (see [`named`]).
fn tasks_in_subtree(clearance: Classification) -> String {
    format!(
        "SELECT t.id FROM task t WHERE t.classification IN {} AND t.org_id IN (SELECT v.org_id FROM org_version v \
         WHERE v.valid_from <= $date AND (v.valid_to IS NULL OR v.valid_to > $date) \
         AND v.path >= $low AND v.path < $high)",
        clearance.sql_up_to()
    )
}

/// A task of a periodic report, as it stood at the report's cut-off.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportTask {
    pub id: i64,
    pub document_id: i64,
    pub clause: String,
    pub title: String,
    /// The assignee's code.
    pub org: OrgCode,
    /// Where the task counts in the report's table by organization: an
    /// index into [`ReportTasks::branches`] (0: the root's own tasks).
    pub branch: usize,
    /// The task's deadline (its current one, see the module's doc).
    pub deadline: Option<Date>,
    /// The workflow state at the cut-off.
    pub workflow: Workflow,
    /// The day it was finished, when it was finished at the cut-off.
    pub done_on: Option<Date>,
    /// The day it was withdrawn, when it was withdrawn at the cut-off.
    pub cancelled_on: Option<Date>,
    /// The latest progress reported by the cut-off.
    pub progress: Option<Progress>,
    /// The latest periodic report by the cut-off: its day and summary.
    pub latest_report: Option<(Date, String)>,
}

impl ReportTask {
    /// Its standing against its deadline (T-3) at `at`: under the
    /// subtree's chosen rules, or what holds under every reading until they
    /// are chosen; `None` when withdrawn, or undetermined.
    pub fn deadline_status(
        &self,
        at: daihoi_tracking::Evaluation,
        setting: Option<&crate::tasks::settings::TrackingSetting>,
    ) -> Option<daihoi_tracking::DeadlineStatus> {
        if self.workflow == Workflow::Cancelled {
            return None;
        }
        match setting {
            Some(s) => Some(daihoi_tracking::deadline_status(self.deadline, self.done_on, at, &s.rules.status)),
            None => daihoi_tracking::status::status_under_every_reading(self.deadline, self.done_on, at),
        }
    }
}

/// A subtree's tasks for a periodic report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportTasks {
    /// The root, then each organization directly under it (by code), as
    /// [`Db::status_counts_by_org`] gives them.
    pub branches: Vec<OrgNode>,
    /// In the tree's order (by path), then by id.
    pub tasks: Vec<ReportTask>,
}

/// Which of a subtree's tasks a report takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportCut {
    /// The reader's clearance (T-6).
    pub clearance: Classification,
    /// Only the tasks of this document.
    pub document: Option<i64>,
}

/// The summary of a stored report event's JSON body.
fn report_summary(body: &str) -> StoreResult<String> {
    let event: Event = serde_json::from_str(body).map_err(|e| StoreError::corrupt(format!("task event: {e}")))?;
    match event.kind {
        EventKind::Report { summary, .. } => Ok(summary),
        _ => Err(StoreError::corrupt("a report event that is not a report")),
    }
}

/// The rows of [`Db::report_tasks`]: `$cut` is the cut-off. For each task,
/// besides its columns: the first status change that occurred after the
/// cut-off (if any), the progress at the cut-off (the cached latest one when
/// it was reported by then, else the log's) and the latest report by then;
/// only for a task moved after the cut-off, the last status change (by
/// recording order) that occurred by the cut-off and the first one ever;
/// for a task withdrawn now, the last status change by the cut-off too
/// (the day it was withdrawn, when it was by then).
/// `CASE` keeps those two lookups from running for the other tasks (all
/// of them in a report of the current period). Ends with the reader's
/// clearance to complete, then [`REPORT_SQL_END`]. Binds (see [`named`]):
/// `$date`, the subtree's `$low` and `$high`, the `$cut` off day, and
/// `$document` when `$one_document` is 1.
const REPORT_SQL: &str = "SELECT m.id AS id, m.document_id AS document_id, m.clause AS clause, m.title AS title, \
     m.org_id AS org_id, m.path AS path, m.code AS org_code, m.deadline AS deadline, m.workflow AS workflow, \
     m.done_on AS done_on, m.changed_after AS changed_after, lc.status_to AS last_status_to, \
     lc.occurred_on AS last_change_on, fc.status_from AS first_status_from, m.progress_at AS progress_at, \
     re.occurred_on AS report_on, re.body AS report_body \
     FROM (SELECT q.*, \
       CASE WHEN q.changed_after IS NULL AND q.workflow <> 'cancelled' THEN NULL ELSE (SELECT MAX(e.id) \
         FROM task_event e WHERE e.task_id = q.id AND e.kind = 'status_change' AND e.occurred_on <= $cut) \
         END AS last_change, \
       CASE WHEN q.changed_after IS NULL THEN NULL ELSE (SELECT MIN(e.id) FROM task_event e \
         WHERE e.task_id = q.id AND e.kind = 'status_change') END AS first_change \
     FROM (SELECT t.id, t.document_id, t.clause, t.title, t.org_id, v.path, o.code, t.deadline, t.workflow, \
       t.done_on, \
       (SELECT MIN(e.id) FROM task_event e WHERE e.task_id = t.id AND e.kind = 'status_change' \
         AND e.occurred_on > $cut) AS changed_after, \
       CASE WHEN t.progress_on <= $cut THEN t.progress ELSE (SELECT e.progress FROM task_event e \
         WHERE e.task_id = t.id AND e.kind IN ('report', 'progress') AND e.occurred_on <= $cut \
         AND e.progress IS NOT NULL ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1) END AS progress_at, \
       (SELECT e.id FROM task_event e WHERE e.task_id = t.id AND e.kind = 'report' AND e.occurred_on <= $cut \
         ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1) AS last_report \
       FROM org_version v CROSS JOIN task t CROSS JOIN organization o \
       WHERE v.valid_from <= $date AND (v.valid_to IS NULL OR v.valid_to > $date) AND v.path >= $low AND v.path < $high \
       AND t.org_id = v.org_id AND o.id = t.org_id AND (t.assigned_on IS NULL OR t.assigned_on <= $cut) \
       AND ($one_document = 0 OR t.document_id = $document) AND t.classification IN ";

/// The end of [`REPORT_SQL`], after the clearance. `OFFSET 0` keeps both
/// engines from merging `q` into the query above it, which would copy the
/// lookup of `changed_after` into each `CASE`.
const REPORT_SQL_END: &str = " LIMIT 9223372036854775807 OFFSET 0) q) m LEFT JOIN task_event lc ON lc.id = m.last_change \
     LEFT JOIN task_event fc ON fc.id = m.first_change LEFT JOIN task_event re ON re.id = m.last_report \
     ORDER BY m.path, m.id";

/// Reads one row of [`REPORT_SQL`]; `branch` maps an organization's path to
/// its branch.
fn report_task(
    row: &AnyRow,
    cut: Date,
    branch: &mut impl FnMut(i64, &str) -> StoreResult<usize>,
) -> StoreResult<ReportTask> {
    let org_id: i64 = row.try_get("org_id")?;
    let path: String = row.try_get("path")?;
    let code: String = row.try_get("org_code")?;
    let current = parse_workflow(&row.try_get::<String, _>("workflow")?)?;
    let done_now = opt_date_col(row, "done_on")?;
    let changed_after: Option<i64> = row.try_get("changed_after")?;
    let last_to: Option<String> = row.try_get("last_status_to")?;
    let last_on = opt_date_col(row, "last_change_on")?;
    let first_from: Option<String> = row.try_get("first_status_from")?;
    let (workflow, done_on) = if changed_after.is_none() {
        // Nothing moved after the cut-off: the task stands as it is now.
        (current, done_now)
    } else if let Some(to) = last_to {
        // The state after the last move made by the cut-off; finished on
        // that move's day.
        let to = parse_workflow(&to)?;
        (to, if to == Workflow::Done { last_on } else { None })
    } else {
        // Every move came after the cut-off: the state before the first.
        let from = first_from.ok_or_else(|| StoreError::corrupt("a status change without its move"))?;
        (parse_workflow(&from)?, None)
    };
    // A finish after the cut-off (a row written without its log) is not one.
    let done_on = done_on.filter(|d| *d <= cut);
    let workflow = if workflow == Workflow::Done && done_on.is_none() { Workflow::InProgress } else { workflow };
    let progress: Option<f64> = row.try_get("progress_at")?;
    let latest_report = match (opt_date_col(row, "report_on")?, row.try_get::<Option<String>, _>("report_body")?) {
        (Some(on), Some(body)) => Some((on, report_summary(&body)?)),
        _ => None,
    };
    Ok(ReportTask {
        id: row.try_get("id")?,
        document_id: row.try_get("document_id")?,
        clause: row.try_get("clause")?,
        title: row.try_get("title")?,
        org: OrgCode::parse(&code).map_err(|e| StoreError::corrupt(e.to_string()))?,
        branch: branch(org_id, &path)?,
        deadline: opt_date_col(row, "deadline")?,
        workflow,
        done_on,
        cancelled_on: if workflow == Workflow::Cancelled { last_on.filter(|d| *d <= cut) } else { None },
        progress: progress.map(Progress::new).transpose().map_err(|e| StoreError::corrupt(e.to_string()))?,
        latest_report,
    })
}

impl Db {
    /// T-3, T-4: the tasks of the subtree of `root` on `date` given by `cut`
    /// (the report's cut-off: the last day of a closed period, or today),
    /// each as it stood at the end of that day (see the module's doc), in
    /// one query read row by row; with the branches of the table by
    /// organization. Tasks up to `filter.clearance`, optionally of one
    /// document.
    pub async fn report_tasks(
        &self,
        root: &OrgNode,
        date: Date,
        cut: Date,
        filter: ReportCut,
    ) -> StoreResult<ReportTasks> {
        let mut branches = vec![root.clone()];
        branches.extend(self.children(root.id, date).await?);
        let index: HashMap<i64, usize> = branches.iter().enumerate().skip(1).map(|(i, b)| (b.id, i)).collect();
        let depth = root.path.ids().count();
        let mut of_org: HashMap<i64, usize> = HashMap::new();
        let mut branch = |org: i64, path: &str| -> StoreResult<usize> {
            if let Some(b) = of_org.get(&org) {
                return Ok(*b);
            }
            let path = OrgPath::from_stored(path).ok_or_else(|| StoreError::corrupt(format!("bad path {path:?}")))?;
            let b = path.ids().nth(depth).and_then(|child| index.get(&child).copied()).unwrap_or(0);
            of_org.insert(org, b);
            Ok(b)
        };
        let (low, high) = root.path.subtree_range();
        let sql = named(
            &format!("{REPORT_SQL}{}{REPORT_SQL_END}", filter.clearance.sql_up_to()),
            &["date", "low", "high", "cut", "one_document", "document"],
        );
        let query = sqlx::query(AssertSqlSafe(sql))
            .bind(iso(date))
            .bind(low)
            .bind(high)
            .bind(iso(cut))
            .bind(i64::from(filter.document.is_some()))
            .bind(filter.document.unwrap_or(0));
        let mut rows = pin!(query.fetch(&self.pool));
        let mut tasks = Vec::new();
        while let Some(row) = std::future::poll_fn(|cx| rows.as_mut().poll_next(cx)).await {
            tasks.push(report_task(&row?, cut, &mut branch)?);
        }
        Ok(ReportTasks { branches, tasks })
    }

    /// The summary of the latest periodic report that occurred on or before
    /// `until` (the latest by occurrence, then by recording), for each task
    /// of the subtree of `root` on `date` that has one (tasks up to
    /// `clearance`). The latest is chosen in the database: one event body
    /// read per task.
    pub async fn latest_reports_in(
        &self,
        root: &OrgNode,
        date: Date,
        until: Date,
        clearance: Classification,
    ) -> StoreResult<HashMap<i64, (Date, String)>> {
        let (low, high) = root.path.subtree_range();
        let sql = named(
            &format!(
                "SELECT e.task_id, e.occurred_on, e.body FROM task_event e WHERE e.id IN (SELECT (SELECT r.id FROM \
                 task_event r WHERE r.task_id = s.id AND r.kind = 'report' AND r.occurred_on <= $until \
                 ORDER BY r.occurred_on DESC, r.id DESC LIMIT 1) FROM ({}) s)",
                tasks_in_subtree(clearance)
            ),
            &["date", "low", "high", "until"],
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(iso(date))
            .bind(low)
            .bind(high)
            .bind(iso(until))
            .fetch_all(&self.pool)
            .await?;
        let mut latest = HashMap::with_capacity(rows.len());
        for row in rows {
            let task_id: i64 = row.try_get("task_id")?;
            let on =
                opt_date_col(&row, "occurred_on")?.ok_or_else(|| StoreError::corrupt("a report without its date"))?;
            let body: String = row.try_get("body")?;
            latest.insert(task_id, (on, report_summary(&body)?));
        }
        Ok(latest)
    }

    /// The targets of the tasks of the subtree of `root` on `date` (tasks up
    /// to `clearance`, of one document when `document` is given), with
    /// their readings, by task then id: the first `limit` and how many
    /// there are.
    pub async fn targets_in(
        &self,
        root: &OrgNode,
        date: Date,
        clearance: Classification,
        document: Option<i64>,
        limit: u32,
    ) -> StoreResult<(Vec<StoredTarget>, u64)> {
        let (low, high) = root.path.subtree_range();
        // An integer only in the text.
        let of_document = document.map(|d| format!(" AND t.document_id = {d}")).unwrap_or_default();
        let these = format!("FROM target g WHERE g.task_id IN ({}{of_document})", tasks_in_subtree(clearance));
        let sql = named(
            &format!(
                "SELECT g.id, g.task_id, g.name, g.unit, g.baseline, g.target_value, g.direction {these} \
                 ORDER BY g.task_id, g.id LIMIT $limit"
            ),
            &["date", "low", "high", "limit"],
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(iso(date))
            .bind(&low)
            .bind(&high)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        let total: i64 =
            sqlx::query_scalar(AssertSqlSafe(named(&format!("SELECT COUNT(*) {these}"), &["date", "low", "high"])))
                .bind(iso(date))
                .bind(&low)
                .bind(&high)
                .fetch_one(&self.pool)
                .await?;
        Ok((self.with_readings(rows).await?, total.unsigned_abs()))
    }
}
