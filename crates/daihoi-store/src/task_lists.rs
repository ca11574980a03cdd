//! The task lists of a subtree that a home page shows (T-2, T-3): what is
//! overdue, what is due soon, the statuses by organization, and the roll-up
//! of the subtree's task trees, fast for a province with 100,000 tasks
//! (`benches/tasks.rs`).
//!
//! Lists are cut at the database (a page and a total), counts are grouped
//! there, and a roll-up reads its tasks in one query and builds the forest in
//! memory; the rules stay `daihoi-tracking`'s, with the caller's \[open\]
//! parameters (`tests/store/task_lists.rs` checks the counts against
//! `deadline_status` task by task, for both readings of the deadline day).
//!
//! Like [`Db::tasks_in`], these read every classification: the caller cuts
//! to what a reader is cleared for.

use std::collections::HashMap;

use daihoi_core::OrgPath;
use daihoi_core::date::iso;
use daihoi_tracking::{
    DeadlineDay, DeadlineStatus, Node, Progress, Rolled, RollupMethod, RollupRules, StatusRules, Weight,
};
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use time::{Date, Duration};

use crate::documents::Classification;
use crate::orgs::OrgNode;
use crate::tasks::{TASK_COLUMNS, Task, task};
use crate::{Db, StoreError, StoreResult};

/// The tasks of the organizations of a subtree on a date: `$1` the date,
/// `$2`/`$3` the subtree's path range. `+t.org_id` keeps SQLite from reading
/// the tasks organization by organization where the deadline index gives
/// them in order.
const IN_SUBTREE: &str = "+t.org_id IN (SELECT v.org_id FROM org_version v \
     WHERE v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) AND v.path >= $2 AND v.path < $3)";

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

/// The roll-up of the task trees of a subtree (T-2).
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
    /// Each top task's roll-up, by task id: ids are task ids, orgs codes.
    pub tops: Vec<Rolled>,
    /// How many tasks were rolled up (the top tasks and every task below).
    pub tasks: u64,
}

/// A task as roll-up input.
#[derive(Debug, Clone)]
pub(crate) struct TreeRow {
    id: i64,
    parent_id: Option<i64>,
    org: String,
    weight: Option<Weight>,
    progress: Option<Progress>,
}

/// Columns 0, 1, 3 and 4 are read by [`tree_row`].
const TREE_COLUMNS: &str = "t.id, t.parent_id, o.code, t.weight, t.progress";

fn tree_row(row: &AnyRow, org: String) -> StoreResult<TreeRow> {
    let weight: Option<f64> = row.try_get(3)?;
    let progress: Option<f64> = row.try_get(4)?;
    Ok(TreeRow {
        id: row.try_get(0)?,
        parent_id: row.try_get(1)?,
        org,
        weight: weight.map(Weight::new).transpose().map_err(|e| StoreError::corrupt(e.to_string()))?,
        progress: progress.map(Progress::new).transpose().map_err(|e| StoreError::corrupt(e.to_string()))?,
    })
}

/// Tasks with their parents, as a forest: the roll-up input of
/// [`Db::task_tree`] and [`Db::subtree_rollup`], built the same way.
pub(crate) struct Forest {
    rows: HashMap<i64, TreeRow>,
    /// Sub-tasks by parent, in id order.
    children: HashMap<i64, Vec<i64>>,
}

impl Forest {
    pub(crate) fn new(rows: Vec<TreeRow>) -> Forest {
        let rows: HashMap<i64, TreeRow> = rows.into_iter().map(|r| (r.id, r)).collect();
        let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
        for r in rows.values() {
            if let Some(p) = r.parent_id
                && rows.contains_key(&p)
            {
                children.entry(p).or_default().push(r.id);
            }
        }
        for kids in children.values_mut() {
            kids.sort_unstable();
        }
        Forest { rows, children }
    }

    /// The tasks whose parent is not in the forest (or who have none), by id.
    fn tops(&self) -> Vec<i64> {
        let mut tops: Vec<i64> = self
            .rows
            .values()
            .filter(|r| r.parent_id.is_none_or(|p| !self.rows.contains_key(&p)))
            .map(|r| r.id)
            .collect();
        tops.sort_unstable();
        tops
    }

    /// A task and everything below it in the forest: a task without
    /// sub-tasks is a leaf with its latest progress, one with sub-tasks a
    /// branch (its own reports are not counted), weighted if it has a weight.
    pub(crate) fn tree(&self, id: i64) -> Option<Node> {
        let row = self.rows.get(&id)?;
        let kids = self.children.get(&id).map_or(&[][..], Vec::as_slice);
        let node = if kids.is_empty() {
            Node::leaf(row.id.to_string(), row.org.as_str(), row.progress)
        } else {
            Node::branch(row.id.to_string(), row.org.as_str(), kids.iter().filter_map(|k| self.tree(*k)).collect())
        };
        Some(match row.weight {
            Some(w) => node.weighted(w),
            None => node,
        })
    }
}

/// `day` plus `days`, as ISO text; past the last date, a text greater than
/// any ISO date.
fn iso_after(day: Date, days: i64) -> String {
    day.checked_add(Duration::days(days)).map_or_else(|| "99999".to_owned(), iso)
}

impl Db {
    /// T-3: the tasks of the subtree of `root` on `date` that are not done
    /// nor cancelled and whose deadline is before `today` (strictly: overdue
    /// whichever way the \[open\] deadline-day rule is settled), most overdue
    /// first (then by id): the first `limit` and how many there are.
    pub async fn overdue_in(
        &self,
        root: &OrgNode,
        date: Date,
        today: Date,
        limit: u32,
        cut: &TaskCut,
    ) -> StoreResult<(Vec<Task>, u64)> {
        self.open_tasks_between(root, date, None, &iso_after(today, -1), limit, cut).await
    }

    /// T-3: the tasks of the subtree of `root` on `date` that are not done
    /// nor cancelled and whose deadline is from `today` to `window_days`
    /// after it, both included (the window is a person's setting), soonest
    /// first (then by id): the first `limit` and how many there are.
    pub async fn due_soon_in(
        &self,
        root: &OrgNode,
        date: Date,
        today: Date,
        window_days: u32,
        limit: u32,
        cut: &TaskCut,
    ) -> StoreResult<(Vec<Task>, u64)> {
        let last = iso_after(today, i64::from(window_days));
        self.open_tasks_between(root, date, Some(&iso(today)), &last, limit, cut).await
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
        let filter = format!("{OPEN} AND t.deadline >= $4 AND t.deadline <= $5 AND {IN_SUBTREE}{}", cut.sql());
        let page = format!(
            "SELECT {TASK_COLUMNS} FROM task t CROSS JOIN organization o WHERE {filter} AND o.id = t.org_id \
             ORDER BY t.deadline, t.id LIMIT $6"
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
        let total: i64 = sqlx::query_scalar(AssertSqlSafe(format!("SELECT COUNT(*) FROM task t WHERE {filter}")))
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
        // deadline is before $5; within the window: due soon, before $6.
        let shift = match rules.deadline_day {
            DeadlineDay::CountsAsOnTime => 0,
            DeadlineDay::CountsAsLate => 1,
        };
        let overdue_before = iso_after(today, shift);
        let soon_before = iso_after(today, shift + i64::from(rules.due_soon_window) + 1);
        let by = i64::from(rules.deadline_day == DeadlineDay::CountsAsOnTime);
        // The subtree's organizations with their paths, then their tasks
        // grouped by organization and status (a row per organization and
        // status, not per task); each organization's counts go to the child
        // of the root it is under, or to the root itself.
        let (low, high) = root.path.subtree_range();
        let paths: Vec<(i64, String)> = sqlx::query_as(
            "SELECT v.org_id, v.path FROM org_version v \
             WHERE v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) AND v.path >= $2 AND v.path < $3",
        )
        .bind(iso(date))
        .bind(&low)
        .bind(&high)
        .fetch_all(&self.pool)
        .await?;
        let depth = root.path.ids().count();
        let mut child_of: HashMap<i64, i64> = HashMap::with_capacity(paths.len());
        for (org, path) in paths {
            let path = OrgPath::from_stored(&path).ok_or_else(|| StoreError::corrupt(format!("bad path {path:?}")))?;
            child_of.insert(org, path.ids().nth(depth).unwrap_or(root.id));
        }
        let sql = format!(
            "SELECT t.org_id, CASE \
               WHEN t.workflow = 'cancelled' THEN 0 \
               WHEN t.done_on IS NOT NULL AND t.done_on <= $4 THEN CASE \
                 WHEN t.deadline IS NULL THEN 1 \
                 WHEN t.done_on < t.deadline OR ($7 = 1 AND t.done_on = t.deadline) THEN 2 \
                 ELSE 3 END \
               WHEN t.deadline IS NULL THEN 4 \
               WHEN t.deadline < $5 THEN 5 \
               WHEN t.deadline < $6 THEN 6 \
               ELSE 7 END AS s, COUNT(*) \
             FROM task t WHERE t.org_id IN (SELECT v.org_id FROM org_version v \
               WHERE v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) AND v.path >= $2 AND v.path < $3){} \
             GROUP BY t.org_id, s",
            cut.sql()
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(iso(date))
            .bind(&low)
            .bind(&high)
            .bind(iso(today))
            .bind(&overdue_before)
            .bind(&soon_before)
            .bind(by)
            .fetch_all(&self.pool)
            .await?;
        let mut by_child: HashMap<i64, StatusCounts> = HashMap::new();
        for row in &rows {
            let org: i64 = row.try_get(0)?;
            let s: i64 = row.try_get(1)?;
            let n = u64::try_from(row.try_get::<i64, _>(2)?).unwrap_or(0);
            // An organization that came into the subtree between the reads:
            // under the root.
            let counts = by_child.entry(child_of.get(&org).copied().unwrap_or(root.id)).or_default();
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
        let mut out = vec![(root.clone(), by_child.remove(&root.id).unwrap_or_default())];
        for child in self.children(root.id, date).await? {
            let counts = by_child.remove(&child.id).unwrap_or_default();
            out.push((child, counts));
        }
        // An organization moved in between the two reads: still counted.
        let mut rest: Vec<(i64, StatusCounts)> = by_child.into_iter().collect();
        rest.sort_unstable_by_key(|(id, _)| *id);
        for (id, counts) in rest {
            if let Some(node) = self.org_by_id(id, date).await? {
                out.push((node, counts));
            }
        }
        Ok(out)
    }

    /// T-2: the roll-up of the task trees of the subtree of `root` on `date`
    /// (of one document when `document_id` is given), under the caller's
    /// \[open\] `rules`. The trees are made of the subtree's tasks (one
    /// query); a top task is one whose parent is not among them: for the
    /// province, the tasks it gave itself; for a commune, its share of the
    /// province's tasks too. A sub-task assigned to an organization that
    /// has left the subtree since (a move) is not counted here, where
    /// [`Db::task_rollup`] of its top task counts it.
    pub async fn subtree_rollup(
        &self,
        root: &OrgNode,
        date: Date,
        document_id: Option<i64>,
        rules: &RollupRules,
    ) -> StoreResult<SubtreeRollup> {
        let (low, high) = root.path.subtree_range();
        // The organizations' codes apart (a few thousand rows), the tasks
        // read in table order with their organization's id: at 100,000
        // tasks, reading them organization by organization costs a random
        // read each (benches/tasks.rs).
        let codes: Vec<(i64, String)> = sqlx::query_as(
            "SELECT v.org_id, o.code FROM org_version v CROSS JOIN organization o \
             WHERE v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) AND v.path >= $2 AND v.path < $3 \
             AND o.id = v.org_id",
        )
        .bind(iso(date))
        .bind(&low)
        .bind(&high)
        .fetch_all(&self.pool)
        .await?;
        let codes: HashMap<i64, String> = codes.into_iter().collect();
        let sql = format!(
            "SELECT t.id, t.parent_id, t.org_id, t.weight, t.progress FROM task t \
             WHERE {IN_SUBTREE} AND ($4 = 0 OR t.document_id = $5)"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(iso(date))
            .bind(&low)
            .bind(&high)
            .bind(i64::from(document_id.is_some()))
            .bind(document_id.unwrap_or(0))
            .fetch_all(&self.pool)
            .await?;
        let rows = rows
            .iter()
            .map(|row| {
                let org: i64 = row.try_get(2)?;
                let code = codes.get(&org).ok_or_else(|| StoreError::corrupt(format!("organization {org}")))?;
                tree_row(row, code.clone())
            })
            .collect::<StoreResult<Vec<TreeRow>>>()?;
        let tasks = rows.len() as u64;
        let forest = Forest::new(rows);
        let tops: Vec<Node> = forest
            .tops()
            .into_iter()
            .filter_map(|id| forest.tree(id))
            .map(|mut n| {
                n.weight = None;
                n
            })
            .collect();
        let all = Node::branch(root.code.as_str(), root.code.as_str(), tops).rollup(rules);
        Ok(SubtreeRollup { overall: all.progress, method: all.method, tops: all.children, tasks })
    }

    /// The rows of a task's tree (the task and every sub-task below it), in
    /// one recursive query.
    pub(crate) async fn task_tree_rows(&self, task_id: i64) -> StoreResult<Vec<TreeRow>> {
        let sql = format!(
            "WITH RECURSIVE tree (id) AS (SELECT id FROM task WHERE id = $1 \
             UNION ALL SELECT s.id FROM task s JOIN tree ON s.parent_id = tree.id) \
             SELECT {TREE_COLUMNS} FROM tree CROSS JOIN task t CROSS JOIN organization o \
             WHERE t.id = tree.id AND o.id = t.org_id"
        );
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(task_id).fetch_all(&self.pool).await?;
        rows.iter().map(|row| tree_row(row, row.try_get(2)?)).collect()
    }
}
