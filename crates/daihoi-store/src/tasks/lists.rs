//! The task lists of a subtree that a home page shows (T-2, T-3): what is
//! overdue, what is due soon, the statuses by organization, and the roll-up
//! of the subtree's task trees, fast for a province with 100,000 tasks
//! (`benches/tasks.rs`).
//!
//! Lists are cut at the database (a page and a total), counts are grouped
//! there by child of the root and status, and a roll-up reads its tasks'
//! numbers in one query, as one text (a row each costs more in sqlx's `Any`
//! driver than the roll-up itself), and rolls them up with
//! `daihoi-tracking`'s [`Cascade`] without building a tree of names; the
//! rules stay `daihoi-tracking`'s, with the caller's \[open\] parameters
//! (`tests/store/task_lists.rs` checks the counts against `deadline_status`
//! task by task, for both readings of the deadline day, and the lists
//! against the counts). Nothing is cached: every figure is computed from
//! the tasks on request.
//!
//! Like [`Db::tasks_in`], these read every classification: the caller cuts
//! to what a reader is cleared for.

use std::collections::{HashMap, HashSet};

use daihoi_core::OrgPath;
use daihoi_core::date::iso;
use daihoi_tracking::rollup::{Cascade, FlatTask};
use daihoi_tracking::{
    DeadlineDay, DeadlineStatus, Node, Progress, Rolled, RollupMethod, RollupRules, StatusRules, Weight,
};
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use time::{Date, Duration};

use crate::documents::Classification;
use crate::orgs::OrgNode;
use crate::placeholders::named;
use crate::tasks::{TASK_COLUMNS, Task, task};
use crate::{Db, StoreError, StoreResult};

/// The tasks of the organizations of a subtree on a date: `$date` the date,
/// `$low`/`$high` the subtree's path range (see [`named`]). `+t.org_id`
/// keeps SQLite from reading the tasks organization by organization where
/// the deadline index gives them in order.
const IN_SUBTREE: &str = "+t.org_id IN (SELECT v.org_id FROM org_version v \
     WHERE v.valid_from <= $date AND (v.valid_to IS NULL OR v.valid_to > $date) AND v.path >= $low AND v.path < $high)";

/// Not finished, not withdrawn: the predicate of the `task_open_deadline`
/// index (0012_task_indexes.sql), written the same way so that both engines
/// use it.
const OPEN: &str = "t.workflow NOT IN ('done', 'cancelled')";

/// Which of a subtree's tasks a list or a count takes: those up to a
/// classification (T-6: a reader's clearance), optionally only those of one
/// document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskCut {
    pub clearance: Classification,
    pub document: Option<i64>,
}

impl TaskCut {
    /// Every task (the command line, the benchmarks).
    pub const ALL: TaskCut = TaskCut { clearance: Classification::Secret, document: None };

    /// The condition on `t`, starting with `AND`: constants and an integer,
    /// nothing of a user's text.
    fn sql(&self) -> String {
        let mut out = String::new();
        if self.clearance != Classification::Secret {
            out.push_str(" AND t.classification IN ");
            out.push_str(self.clearance.sql_up_to());
        }
        if let Some(id) = self.document {
            out.push_str(&format!(" AND t.document_id = {id}"));
        }
        out
    }
}

/// How many tasks of a subtree stand in each [`DeadlineStatus`] (the days
/// are not kept), and how many were cancelled (no deadline status: the task
/// was withdrawn).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub done_on_time: u64,
    pub done_late: u64,
    pub done_no_deadline: u64,
    /// Only a closed period gives it: always 0 in the live counts of
    /// [`Db::status_counts_by_org`].
    pub not_done_in_time: u64,
    pub overdue: u64,
    pub due_soon: u64,
    pub in_progress: u64,
    pub no_deadline: u64,
    pub cancelled: u64,
}

impl StatusCounts {
    /// Counts one task in `status`.
    pub fn add(&mut self, status: DeadlineStatus) {
        *self.slot(status) += 1;
    }

    /// The count of tasks in `status` (its days are ignored).
    #[must_use]
    pub fn count(&self, status: DeadlineStatus) -> u64 {
        match status {
            DeadlineStatus::DoneOnTime => self.done_on_time,
            DeadlineStatus::DoneLate { .. } => self.done_late,
            DeadlineStatus::DoneNoDeadline => self.done_no_deadline,
            DeadlineStatus::NotDoneInTime => self.not_done_in_time,
            DeadlineStatus::Overdue { .. } => self.overdue,
            DeadlineStatus::DueSoon { .. } => self.due_soon,
            DeadlineStatus::InProgress => self.in_progress,
            DeadlineStatus::NoDeadline => self.no_deadline,
        }
    }

    /// Every task counted, cancelled ones included.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.done_on_time
            + self.done_late
            + self.done_no_deadline
            + self.not_done_in_time
            + self.overdue
            + self.due_soon
            + self.in_progress
            + self.no_deadline
            + self.cancelled
    }

    /// Adds another organization's counts.
    pub fn merge(&mut self, other: &StatusCounts) {
        self.done_on_time += other.done_on_time;
        self.done_late += other.done_late;
        self.done_no_deadline += other.done_no_deadline;
        self.not_done_in_time += other.not_done_in_time;
        self.overdue += other.overdue;
        self.due_soon += other.due_soon;
        self.in_progress += other.in_progress;
        self.no_deadline += other.no_deadline;
        self.cancelled += other.cancelled;
    }

    fn slot(&mut self, status: DeadlineStatus) -> &mut u64 {
        match status {
            DeadlineStatus::DoneOnTime => &mut self.done_on_time,
            DeadlineStatus::DoneLate { .. } => &mut self.done_late,
            DeadlineStatus::DoneNoDeadline => &mut self.done_no_deadline,
            DeadlineStatus::NotDoneInTime => &mut self.not_done_in_time,
            DeadlineStatus::Overdue { .. } => &mut self.overdue,
            DeadlineStatus::DueSoon { .. } => &mut self.due_soon,
            DeadlineStatus::InProgress => &mut self.in_progress,
            DeadlineStatus::NoDeadline => &mut self.no_deadline,
        }
    }
}

/// The roll-up of the task trees of a subtree (T-2). A withdrawn task
/// (cancelled) and every task below it are left out of it: they are not
/// in `tops`, nor in any top's children, nor in `tasks`.
#[derive(Debug, Clone, PartialEq)]
pub struct SubtreeRollup {
    /// The plain average of the top tasks' rolled-up progress, under the
    /// same rules (a top task without progress counts as the \[open\]
    /// [`daihoi_tracking::Unreported`] rule says). Our choice: top tasks come
    /// from different documents and parents, so their weights (given for
    /// their own parents' roll-ups) are not used here. `None` when no top
    /// task has progress.
    pub overall: Option<Progress>,
    /// [`RollupMethod::Average`], or [`RollupMethod::Empty`] when `overall`
    /// is `None`.
    pub method: RollupMethod,
    /// Each top task's rolled-up progress, by task id (ids are task ids,
    /// orgs codes), without its children: [`Db::task_rollup`] gives a
    /// task's whole tree (a province has thousands of top tasks; a page
    /// shows a few).
    pub tops: Vec<Rolled>,
    /// How many tasks were rolled up (the top tasks and every task below,
    /// withdrawn ones left out).
    pub tasks: u64,
}

/// Every progress figure of a subtree's tasks on a day (T-2), by the one
/// definition the dashboard, the task page, the API and the periodic
/// report share ([`Db::subtree_figures`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SubtreeFigures {
    /// The subtree's overall progress (tiến độ chung): as
    /// [`SubtreeRollup::overall`].
    pub overall: Option<Progress>,
    pub method: RollupMethod,
    /// How many tasks were rolled up, as [`SubtreeRollup::tasks`].
    pub tasks: u64,
    /// Each task of the subtree (withdrawn ones too) by id.
    pub by_task: HashMap<i64, TaskFigure>,
}

/// A task's two progress figures (T-2).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaskFigure {
    /// Its own latest reported progress (tiến độ tự báo cáo).
    pub own: Option<Progress>,
    /// Its roll-up (tiến độ tổng hợp): the own figure (or the \[open\]
    /// unreported rule's) without counted sub-tasks, else the average of
    /// theirs; the task's own report then does not count.
    pub rolled: Option<Progress>,
    pub method: RollupMethod,
    /// How many counted sub-tasks (not withdrawn) it has in the subtree.
    pub subtasks: usize,
    /// Counted in the subtree's overall progress (not withdrawn, nor below
    /// a withdrawn task).
    pub counted: bool,
}

/// A subtree's tasks rolled up ([`Db::subtree_forest`]): the forest, the
/// organizations' codes by id, the top tasks (by index), and the overall
/// figure: the plain average of the tops' roll-ups, over `tasks` tasks.
struct SubtreeForest {
    forest: Forest,
    codes: HashMap<i64, String>,
    tops: Vec<usize>,
    overall: Option<Progress>,
    method: RollupMethod,
    tasks: u64,
}

/// A task as roll-up input: numbers only (its organization by id).
#[derive(Debug, Clone, Copy)]
struct TreeRow {
    id: i64,
    parent_id: Option<i64>,
    org_id: i64,
    weight: Option<Weight>,
    progress: Option<Progress>,
    /// Withdrawn (workflow 'cancelled').
    cancelled: bool,
}

/// The columns [`tree_row`] reads, from `t`.
const TREE_COLUMNS: &str = "t.id AS id, t.parent_id AS parent_id, t.org_id AS org_id, t.weight AS weight, \
     t.progress AS progress, CASE WHEN t.workflow = 'cancelled' THEN 1 ELSE 0 END AS cancelled";

fn tree_row(row: &AnyRow) -> StoreResult<TreeRow> {
    let weight: Option<f64> = row.try_get("weight")?;
    let progress: Option<f64> = row.try_get("progress")?;
    let cancelled: i64 = row.try_get("cancelled")?;
    Ok(TreeRow {
        id: row.try_get("id")?,
        parent_id: row.try_get("parent_id")?,
        org_id: row.try_get("org_id")?,
        weight: weight.map(Weight::new).transpose().map_err(|e| StoreError::corrupt(e.to_string()))?,
        progress: progress.map(Progress::new).transpose().map_err(|e| StoreError::corrupt(e.to_string()))?,
        cancelled: cancelled != 0,
    })
}

/// A task as [`TreeRow`]'s fields in text, for `string_agg`: `id,parent,
/// org,cancelled,weight,progress`, a missing parent, weight or progress
/// empty. Real numbers exactly: a whole number as an integer (most
/// progress is; a weight from 10¹⁵ on is not cast, which PostgreSQL
/// refuses past 2⁶³), else `printf('%!.17g', x)`: SQLite's gives 17 significant
/// digits, read back to the same double; PostgreSQL's, from migration
/// 0014, the double's bits in hexadecimal after an `x`.
const PACKED_ROW: &str = "CAST(t.id AS TEXT) || ',' || COALESCE(CAST(t.parent_id AS TEXT), '') || ',' \
     || CAST(t.org_id AS TEXT) || ',' || CASE WHEN t.workflow = 'cancelled' THEN '1' ELSE '0' END || ',' \
     || CASE WHEN t.weight IS NULL THEN '' WHEN t.weight >= 1e15 THEN printf('%!.17g', t.weight) \
       WHEN t.weight = CAST(t.weight AS BIGINT) \
       THEN CAST(CAST(t.weight AS BIGINT) AS TEXT) ELSE printf('%!.17g', t.weight) END || ',' \
     || CASE WHEN t.progress IS NULL THEN '' WHEN t.progress = CAST(t.progress AS BIGINT) \
       THEN CAST(CAST(t.progress AS BIGINT) AS TEXT) ELSE printf('%!.17g', t.progress) END";

/// A subtree's tasks as they stood at the end of `$cut`, in the columns
/// [`PACKED_ROW`] reads from `t` (the query's `WHERE` follows, on `t`): the
/// workflow after the last move made by then (the first move's starting
/// state when every move came later; only `cancelled` matters to a
/// roll-up), and the last progress reported by then, as
/// [`Db::report_tasks`] reads them.
const AS_OF_ROWS: &str = "SELECT t.id AS id, t.parent_id AS parent_id, t.org_id AS org_id, t.weight AS weight, \
     CASE WHEN NOT EXISTS (SELECT 1 FROM task_event e WHERE e.task_id = t.id AND e.kind = 'status_change' \
       AND e.occurred_on > $cut) THEN t.workflow \
     ELSE COALESCE((SELECT e.status_to FROM task_event e WHERE e.task_id = t.id AND e.kind = 'status_change' \
       AND e.occurred_on <= $cut ORDER BY e.id DESC LIMIT 1), (SELECT e.status_from FROM task_event e \
       WHERE e.task_id = t.id AND e.kind = 'status_change' ORDER BY e.id LIMIT 1)) END AS workflow, \
     CASE WHEN t.progress_on <= $cut THEN t.progress ELSE (SELECT e.progress FROM task_event e \
       WHERE e.task_id = t.id AND e.kind IN ('report', 'progress') AND e.occurred_on <= $cut \
       AND e.progress IS NOT NULL ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1) END AS progress \
     FROM task t";

/// The rows of a `string_agg` of [`PACKED_ROW`]s joined by `;`.
fn unpack_rows(text: &str) -> StoreResult<Vec<TreeRow>> {
    let bad = |what: &str| StoreError::corrupt(format!("packed task row {what:?}"));
    let int = |f: &str| f.parse::<i64>().map_err(|_| bad(f));
    let real = |f: &str| -> StoreResult<f64> {
        match f.strip_prefix('x') {
            Some(hex) => u64::from_str_radix(hex, 16).map(f64::from_bits).map_err(|_| bad(f)),
            None => f.parse::<f64>().map_err(|_| bad(f)),
        }
    };
    let mut out = Vec::with_capacity(text.len() / 24);
    for row in text.split(';') {
        let mut f = row.split(',');
        let mut next = || f.next().ok_or_else(|| bad(row));
        let id = int(next()?)?;
        let parent = next()?;
        let org_id = int(next()?)?;
        let cancelled = next()? == "1";
        let weight = next()?;
        let progress = next()?;
        out.push(TreeRow {
            id,
            parent_id: if parent.is_empty() { None } else { Some(int(parent)?) },
            org_id,
            weight: if weight.is_empty() {
                None
            } else {
                Some(Weight::new(real(weight)?).map_err(|e| StoreError::corrupt(e.to_string()))?)
            },
            progress: if progress.is_empty() {
                None
            } else {
                Some(Progress::new(real(progress)?).map_err(|e| StoreError::corrupt(e.to_string()))?)
            },
            cancelled,
        });
    }
    Ok(out)
}

/// `org_id,code` pairs joined by `;`.
fn unpack_codes(text: &str) -> StoreResult<HashMap<i64, String>> {
    text.split(';')
        .map(|pair| {
            let (id, code) =
                pair.split_once(',').ok_or_else(|| StoreError::corrupt(format!("packed code {pair:?}")))?;
            let id = id.parse::<i64>().map_err(|_| StoreError::corrupt(format!("packed code {pair:?}")))?;
            Ok((id, code.to_owned()))
        })
        .collect()
}

/// Tasks with their parents, rolled up at once: the roll-up of
/// [`Db::task_tree`], [`Db::task_rollup`] and [`Db::subtree_rollup`], made
/// the same way by daihoi-tracking's [`Cascade`] (a withdrawn task is left
/// out of its parent's roll-up with everything below it).
struct Forest {
    /// By id: index `i` is the task `rows[i]`.
    rows: Vec<TreeRow>,
    cascade: Cascade,
}

impl Forest {
    fn new(mut rows: Vec<TreeRow>, rules: &RollupRules) -> Forest {
        // Read in table order: sorted already, as a rule.
        if !rows.is_sorted_by_key(|r| r.id) {
            rows.sort_unstable_by_key(|r| r.id);
        }
        rows.dedup_by_key(|r| r.id);
        let flat: Vec<FlatTask> = rows
            .iter()
            .map(|r| FlatTask {
                parent: r.parent_id.and_then(|p| rows.binary_search_by_key(&p, |r| r.id).ok()),
                weight: r.weight,
                progress: r.progress,
                withdrawn: r.cancelled,
            })
            .collect();
        let cascade = Cascade::new(&flat, rules);
        Forest { rows, cascade }
    }

    fn index(&self, id: i64) -> Option<usize> {
        self.rows.binary_search_by_key(&id, |r| r.id).ok()
    }

    /// Whether task `i`'s parent is among the rows.
    fn has_parent(&self, i: usize) -> bool {
        self.rows[i].parent_id.is_some_and(|p| self.index(p).is_some())
    }

    /// Task `id`'s roll-up, ids as task ids and orgs by `code`.
    fn rolled(&self, id: i64, code: &impl Fn(i64) -> String) -> Option<Rolled> {
        self.cascade.rolled(self.index(id)?, &mut |i| self.rows[i].id.to_string(), &mut |i| code(self.rows[i].org_id))
    }

    /// Task `id` and everything counted below it as daihoi-tracking's
    /// roll-up input: a task without counted sub-tasks is a leaf with its
    /// latest progress, one with sub-tasks a branch (its own reports are
    /// not counted), weighted if it has a weight; sub-tasks in id order.
    fn tree(&self, id: i64, code: &impl Fn(i64) -> String) -> Option<Node> {
        fn node(f: &Forest, i: usize, code: &impl Fn(i64) -> String) -> Node {
            let row = &f.rows[i];
            let kids = f.cascade.children(i);
            let n = if kids.is_empty() {
                Node::leaf(row.id.to_string(), code(row.org_id), row.progress)
            } else {
                Node::branch(row.id.to_string(), code(row.org_id), kids.iter().map(|k| node(f, *k, code)).collect())
            };
            match row.weight {
                Some(w) => n.weighted(w),
                None => n,
            }
        }
        let i = self.index(id)?;
        self.cascade.progress(i)?;
        Some(node(self, i, code))
    }
}

/// How many days a deadline is after its last on-time day under a reading
/// of the deadline day: 1 when finishing on it is late, else 0 (and with no
/// reading chosen, so that only what every reading calls overdue is).
fn shift(reading: Option<DeadlineDay>) -> i64 {
    i64::from(reading == Some(DeadlineDay::CountsAsLate))
}

/// `day` plus `days`, as ISO text; past the last date, a text greater than
/// any ISO date.
fn iso_after(day: Date, days: i64) -> String {
    day.checked_add(Duration::days(days)).map_or_else(|| "99999".to_owned(), iso)
}

impl Db {
    /// T-3: the tasks of the subtree of `root` on `date` that are not done
    /// nor cancelled and overdue on `today` under `reading`, the caller's
    /// \[open\] deadline-day rule: their last on-time day (the deadline, or
    /// the day before it under [`DeadlineDay::CountsAsLate`]) is before
    /// `today`, as [`Db::status_counts_by_org`] counts them. `None` (no rule
    /// chosen yet): only what is overdue under every reading, a deadline
    /// before `today`. Most overdue first (then by id): the first `limit`
    /// and how many there are.
    pub async fn overdue_in(
        &self,
        root: &OrgNode,
        date: Date,
        today: Date,
        reading: Option<DeadlineDay>,
        limit: u32,
        cut: &TaskCut,
    ) -> StoreResult<(Vec<Task>, u64)> {
        let last = iso_after(today, shift(reading) - 1);
        self.open_tasks_between(root, date, None, &last, limit, cut).await
    }

    /// T-3: the tasks of the subtree of `root` on `date` that are not done
    /// nor cancelled and due soon on `today` under the caller's \[open\]
    /// `rules`, as [`Db::status_counts_by_org`] counts them: not overdue, and
    /// their last on-time day (the deadline, or the day before it under
    /// [`DeadlineDay::CountsAsLate`]) at most `rules.due_soon_window` days
    /// after `today`. Soonest first (then by id): the first `limit` and how
    /// many there are.
    pub async fn due_soon_in(
        &self,
        root: &OrgNode,
        date: Date,
        today: Date,
        rules: &StatusRules,
        limit: u32,
        cut: &TaskCut,
    ) -> StoreResult<(Vec<Task>, u64)> {
        let shift = shift(Some(rules.deadline_day));
        let first = iso_after(today, shift);
        let last = iso_after(today, shift + i64::from(rules.due_soon_window));
        self.open_tasks_between(root, date, Some(&first), &last, limit, cut).await
    }

    /// Open tasks with a deadline in `[from, to]` (no lower bound without
    /// `from`), by deadline and id: a page and the total.
    async fn open_tasks_between(
        &self,
        root: &OrgNode,
        date: Date,
        from: Option<&str>,
        to: &str,
        limit: u32,
        cut: &TaskCut,
    ) -> StoreResult<(Vec<Task>, u64)> {
        let (low, high) = root.path.subtree_range();
        // Without a lower bound, '' is below every deadline.
        let from = from.unwrap_or("");
        let filter = format!("{OPEN} AND t.deadline >= $from AND t.deadline <= $to AND {IN_SUBTREE}{}", cut.sql());
        let page = named(
            &format!(
                "SELECT {TASK_COLUMNS} FROM task t CROSS JOIN organization o WHERE {filter} AND o.id = t.org_id \
                 ORDER BY t.deadline, t.id LIMIT $limit"
            ),
            &["date", "low", "high", "from", "to", "limit"],
        );
        let rows = sqlx::query(AssertSqlSafe(page))
            .bind(iso(date))
            .bind(&low)
            .bind(&high)
            .bind(from)
            .bind(to)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        let tasks = rows.iter().map(task).collect::<StoreResult<Vec<Task>>>()?;
        let count =
            named(&format!("SELECT COUNT(*) FROM task t WHERE {filter}"), &["date", "low", "high", "from", "to"]);
        let total: i64 = sqlx::query_scalar(AssertSqlSafe(count))
            .bind(iso(date))
            .bind(&low)
            .bind(&high)
            .bind(from)
            .bind(to)
            .fetch_one(&self.pool)
            .await?;
        Ok((tasks, u64::try_from(total).unwrap_or(0)))
    }

    /// T-3: the tasks of the subtree of `root` on `date` counted by their
    /// deadline status on `today` (live view, the caller's \[open\] `rules`),
    /// per child of `root`: first `root` itself with its own tasks, then
    /// each organization directly under it (by name) with its whole
    /// subtree's, zeros included. The counts add up to the subtree's tasks.
    pub async fn status_counts_by_org(
        &self,
        root: &OrgNode,
        date: Date,
        today: Date,
        rules: &StatusRules,
        cut: &TaskCut,
    ) -> StoreResult<Vec<(OrgNode, StatusCounts)>> {
        // daihoi-tracking's `deadline_status` in SQL, for a live view on
        // `today` (the tests compare both, task by task): the last on-time
        // day is the deadline ("by") or the day before ("before"). Not done
        // on `today` and last on-time day before `today`: overdue, i.e. the
        // deadline is before $overdue_before; within the window: due soon,
        // before $soon_before.
        let shift = shift(Some(rules.deadline_day));
        let overdue_before = iso_after(today, shift);
        let soon_before = iso_after(today, shift + i64::from(rules.due_soon_window) + 1);
        let by = i64::from(rules.deadline_day == DeadlineDay::CountsAsOnTime);
        let (low, high) = root.path.subtree_range();
        let status = "CASE \
               WHEN t.workflow = 'cancelled' THEN 0 \
               WHEN t.done_on IS NOT NULL AND t.done_on <= $today THEN CASE \
                 WHEN t.deadline IS NULL THEN 1 \
                 WHEN t.done_on < t.deadline OR ($by = 1 AND t.done_on = t.deadline) THEN 2 \
                 ELSE 3 END \
               WHEN t.deadline IS NULL THEN 4 \
               WHEN t.deadline < $overdue_before THEN 5 \
               WHEN t.deadline < $soon_before THEN 6 \
               ELSE 7 END";
        let cut = cut.sql();
        // `m`: each organization of the subtree with the path of the child
        // of the root it is under (its path up to the '/' after the root's;
        // the root's own path for the root), then the tasks grouped by it
        // and by status: a row per child and status, not per task nor per
        // organization (benches/tasks.rs: 23,000 rows for the province
        // cost more to carry than to count). `instr` is SQLite's;
        // PostgreSQL's is defined by migration 0014.
        let prefix = root.path.as_str().len();
        let sql = named(
            &format!(
                "SELECT m.child AS child, {status} AS s, COUNT(*) AS n \
                 FROM (SELECT v.org_id, substr(v.path, 1, {prefix} + instr(substr(v.path, {prefix} + 1), '/')) AS child \
                   FROM org_version v \
                   WHERE v.valid_from <= $date AND (v.valid_to IS NULL OR v.valid_to > $date) \
                   AND v.path >= $low AND v.path < $high) m \
                 CROSS JOIN task t WHERE t.org_id = m.org_id{cut} \
                 GROUP BY m.child, s"
            ),
            &["date", "today", "overdue_before", "soon_before", "by", "low", "high"],
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(iso(date))
            .bind(iso(today))
            .bind(&overdue_before)
            .bind(&soon_before)
            .bind(by)
            .bind(&low)
            .bind(&high)
            .fetch_all(&self.pool)
            .await?;
        let mut by_child: HashMap<String, StatusCounts> = HashMap::new();
        for row in &rows {
            let child: String = row.try_get("child")?;
            let s: i64 = row.try_get("s")?;
            let n = u64::try_from(row.try_get::<i64, _>("n")?).unwrap_or(0);
            let counts = by_child.entry(child).or_default();
            *match s {
                0 => &mut counts.cancelled,
                1 => &mut counts.done_no_deadline,
                2 => &mut counts.done_on_time,
                3 => &mut counts.done_late,
                4 => &mut counts.no_deadline,
                5 => &mut counts.overdue,
                6 => &mut counts.due_soon,
                _ => &mut counts.in_progress,
            } += n;
        }
        let mut out = vec![(root.clone(), by_child.remove(root.path.as_str()).unwrap_or_default())];
        for child in self.children(root.id, date).await? {
            let counts = by_child.remove(child.path.as_str()).unwrap_or_default();
            out.push((child, counts));
        }
        // An organization that came under the root between the two reads:
        // still counted.
        let mut rest: Vec<(String, StatusCounts)> = by_child.into_iter().collect();
        rest.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (path, counts) in rest {
            let id = OrgPath::from_stored(&path)
                .and_then(|p| p.ids().last())
                .ok_or_else(|| StoreError::corrupt(format!("bad path {path:?}")))?;
            if let Some(node) = self.org_by_id(id, date).await? {
                out.push((node, counts));
            }
        }
        Ok(out)
    }

    /// T-2: the roll-up of the task trees of the subtree of `root` on `date`
    /// (of one document when `document_id` is given), under the caller's
    /// \[open\] `rules`, with the tasks as they are now. The trees are made
    /// of the subtree's tasks (one query); a top task is one whose parent is
    /// not among them: for the province, the tasks it gave itself; for a
    /// commune, its share of the province's tasks too. A sub-task assigned
    /// to an organization that has left the subtree since (a move) is not
    /// counted here, where [`Db::task_rollup`] of its top task counts it.
    ///
    /// A withdrawn task (cancelled) is left out with everything below it,
    /// as in [`Db::task_rollup`]: it is not a top task, nor in its parent's
    /// roll-up, nor in the count; nor is a commune's share of a task the
    /// province withdrew (a task below a withdrawn one outside the
    /// subtree).
    pub async fn subtree_rollup(
        &self,
        root: &OrgNode,
        date: Date,
        document_id: Option<i64>,
        rules: &RollupRules,
    ) -> StoreResult<SubtreeRollup> {
        let SubtreeForest { forest, codes, tops, overall, method, tasks } =
            self.subtree_forest(root, date, None, document_id, rules).await?;
        let code = |org: i64| codes.get(&org).cloned().unwrap_or_default();
        // Each top's own figure: its tree (a page shows a few tops, a
        // province has thousands) is `task_rollup`'s to build.
        let tops = tops
            .iter()
            .filter_map(|i| {
                let (progress, method) = forest.cascade.progress(*i)?;
                let row = &forest.rows[*i];
                Some(Rolled { id: row.id.to_string(), org: code(row.org_id), progress, method, children: Vec::new() })
            })
            .collect();
        Ok(SubtreeRollup { overall, method, tops, tasks })
    }

    /// T-2: every figure of the subtree's tasks, by the one definition
    /// [`Db::subtree_rollup`] uses (the same trees, tops and rules): each
    /// task's reported progress and its roll-up, and the subtree's overall
    /// progress. `as_of: None` reads the tasks as they are now, the
    /// dashboard's reading, so that the two give the same numbers; with a
    /// day, the tasks as they stood at the end of it (the periodic report
    /// of a period already over): only the tasks given by then, withdrawn
    /// if their last move by then withdrew them, with the last progress
    /// reported by then. (A top's parent outside the subtree is read as it
    /// is now, withdrawn or not.)
    pub async fn subtree_figures(
        &self,
        root: &OrgNode,
        date: Date,
        as_of: Option<Date>,
        document_id: Option<i64>,
        rules: &RollupRules,
    ) -> StoreResult<SubtreeFigures> {
        let SubtreeForest { forest, tops, overall, method, tasks, .. } =
            self.subtree_forest(root, date, as_of, document_id, rules).await?;
        let mut counted = vec![false; forest.rows.len()];
        let mut stack: Vec<usize> = tops.clone();
        while let Some(i) = stack.pop() {
            counted[i] = true;
            stack.extend_from_slice(forest.cascade.children(i));
        }
        let by_task = forest
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let (rolled, method) = forest.cascade.progress(i).unwrap_or((None, RollupMethod::Empty));
                let figure = TaskFigure {
                    own: row.progress,
                    rolled,
                    method,
                    subtasks: forest.cascade.children(i).len(),
                    counted: counted[i],
                };
                (row.id, figure)
            })
            .collect();
        Ok(SubtreeFigures { overall, method, tasks, by_task })
    }

    /// The forest of [`Db::subtree_rollup`] and [`Db::subtree_figures`],
    /// with its tops and the subtree's overall figure.
    async fn subtree_forest(
        &self,
        root: &OrgNode,
        date: Date,
        as_of: Option<Date>,
        document_id: Option<i64>,
        rules: &RollupRules,
    ) -> StoreResult<SubtreeForest> {
        let (low, high) = root.path.subtree_range();
        // The organizations' codes apart (a few thousand rows), the tasks
        // read in table order with their organization's id, numbers only:
        // at 100,000 tasks, reading them organization by organization costs
        // a random read each, and a text per task its allocation
        // (benches/tasks.rs).
        // Codes are letters, digits, '.', '-' and '_' (OrgCode).
        let codes: Option<String> = sqlx::query_scalar(
            "SELECT string_agg(CAST(v.org_id AS TEXT) || ',' || o.code, ';') \
             FROM org_version v CROSS JOIN organization o \
             WHERE v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) AND v.path >= $2 AND v.path < $3 \
             AND o.id = v.org_id",
        )
        .bind(iso(date))
        .bind(&low)
        .bind(&high)
        .fetch_one(&self.pool)
        .await?;
        let codes = codes.as_deref().map_or(Ok(HashMap::new()), unpack_codes)?;
        // One text for the subtree's tasks (string_agg: SQLite's alias of
        // group_concat), not a row each: sqlx's `Any` rows cost about a
        // microsecond each, more than the roll-up itself.
        let sql = match as_of {
            None => format!(
                "SELECT string_agg({PACKED_ROW}, ';') FROM task t WHERE {IN_SUBTREE} \
                 AND ($one_document = 0 OR t.document_id = $document)"
            ),
            Some(_) => format!(
                "SELECT string_agg({PACKED_ROW}, ';') FROM ({AS_OF_ROWS} WHERE {IN_SUBTREE} \
                 AND ($one_document = 0 OR t.document_id = $document) \
                 AND (t.assigned_on IS NULL OR t.assigned_on <= $cut)) t"
            ),
        };
        let names = ["date", "low", "high", "one_document", "document", "cut"];
        let sql = named(&sql, &names[..if as_of.is_some() { 6 } else { 5 }]);
        let mut query = sqlx::query_scalar(AssertSqlSafe(sql))
            .bind(iso(date))
            .bind(&low)
            .bind(&high)
            .bind(i64::from(document_id.is_some()))
            .bind(document_id.unwrap_or(0));
        if let Some(cut) = as_of {
            query = query.bind(iso(cut));
        }
        let packed: Option<String> = query.fetch_one(&self.pool).await?;
        let rows = packed.as_deref().map_or(Ok(Vec::new()), unpack_rows)?;
        for r in &rows {
            if !codes.contains_key(&r.org_id) {
                return Err(StoreError::corrupt(format!("organization {}", r.org_id)));
            }
        }
        let forest = Forest::new(rows, rules);
        // The parents outside the subtree of the would-be tops: withdrawn,
        // or below a withdrawn task?
        let mut outside: Vec<i64> = (0..forest.rows.len())
            .filter(|i| !forest.rows[*i].cancelled && !forest.has_parent(*i))
            .filter_map(|i| forest.rows[i].parent_id)
            .collect();
        outside.sort_unstable();
        outside.dedup();
        let withdrawn = self.withdrawn_among(&outside).await?;
        let tops: Vec<usize> = (0..forest.rows.len())
            .filter(|i| {
                let r = &forest.rows[*i];
                !r.cancelled && !forest.has_parent(*i) && r.parent_id.is_none_or(|p| !withdrawn.contains(&p))
            })
            .collect();
        let tasks = tops.iter().map(|i| forest.cascade.size(*i) as u64).sum();
        let (overall, method) = forest.cascade.average(tops.iter().copied());
        Ok(SubtreeForest { forest, codes, tops, overall, method, tasks })
    }

    /// Of the tasks `ids`, those withdrawn (cancelled) or below a withdrawn
    /// task: their chains of parents, in one recursive query per thousand.
    async fn withdrawn_among(&self, ids: &[i64]) -> StoreResult<HashSet<i64>> {
        let mut out = HashSet::new();
        for chunk in ids.chunks(1000) {
            let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
            // Integers only in the text; UNION stops at a circle.
            let sql = format!(
                "WITH RECURSIVE up (start, id, parent_id, workflow) AS (\
                 SELECT id, id, parent_id, workflow FROM task WHERE id IN ({list}) \
                 UNION SELECT up.start, t.id, t.parent_id, t.workflow FROM task t JOIN up ON t.id = up.parent_id) \
                 SELECT DISTINCT start FROM up WHERE workflow = 'cancelled'"
            );
            let found: Vec<i64> = sqlx::query_scalar(AssertSqlSafe(sql)).fetch_all(&self.pool).await?;
            out.extend(found);
        }
        Ok(out)
    }

    /// A task and the sub-tasks below it that are not withdrawn (a
    /// withdrawn sub-task's own sub-tasks neither), as a forest, with the
    /// organizations' codes: one recursive query, however deep the tree.
    async fn task_forest(&self, task_id: i64, rules: &RollupRules) -> StoreResult<(Forest, HashMap<i64, String>)> {
        let sql = format!(
            "WITH RECURSIVE tree (id) AS (SELECT id FROM task WHERE id = $1 \
             UNION ALL SELECT s.id FROM task s JOIN tree ON s.parent_id = tree.id WHERE s.workflow <> 'cancelled') \
             SELECT {TREE_COLUMNS}, o.code AS org_code FROM tree CROSS JOIN task t CROSS JOIN organization o \
             WHERE t.id = tree.id AND o.id = t.org_id"
        );
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(task_id).fetch_all(&self.pool).await?;
        let mut codes = HashMap::new();
        let mut tree = Vec::with_capacity(rows.len());
        for row in &rows {
            let r = tree_row(row)?;
            codes.entry(r.org_id).or_insert(row.try_get::<String, _>("org_code")?);
            tree.push(r);
        }
        // The task itself is its tree's top, withdrawn or not.
        if let Some(top) = tree.iter_mut().find(|r| r.id == task_id) {
            top.parent_id = None;
            top.cancelled = false;
        }
        Ok((Forest::new(tree, rules), codes))
    }

    /// [`Db::task_tree`]: the forest of [`Db::task_forest`] as [`Node`]s.
    pub(crate) async fn task_tree_node(&self, task_id: i64) -> StoreResult<Option<Node>> {
        // The rules do not change which tasks are counted.
        let rules = RollupRules { unreported: daihoi_tracking::Unreported::Skip };
        let (forest, codes) = self.task_forest(task_id, &rules).await?;
        Ok(forest.tree(task_id, &|org| codes.get(&org).cloned().unwrap_or_default()))
    }

    /// [`Db::task_rollup`]: the roll-up of [`Db::task_forest`].
    pub(crate) async fn task_tree_rollup(&self, task_id: i64, rules: &RollupRules) -> StoreResult<Option<Rolled>> {
        let (forest, codes) = self.task_forest(task_id, rules).await?;
        Ok(forest.rolled(task_id, &|org| codes.get(&org).cloned().unwrap_or_default()))
    }
}
