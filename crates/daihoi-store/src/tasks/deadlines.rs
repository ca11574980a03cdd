//! T-2: a sub-task's deadline is never after its parent's, whichever way a
//! deadline changes. A cascade refuses such a sub-task
//! ([`crate::tasks::create`]); here the other ways: an urging (đôn đốc)
//! that moves a task's deadline, and the task file's import
//! ([`crate::tasks::import`] calls [`Db::open_subtasks_after`]).
//!
//! An urging that moves a deadline before the deadlines of open sub-tasks
//! below it (at any depth) is refused with the list of those sub-tasks
//! ([`DeadlineRefusal::SubtasksAfter`]), unless the caller asks to move
//! them too: then each is moved to the new deadline in the same
//! transaction, with an urging in its own log and its own audit entry. A
//! new deadline after the parent's is refused
//! ([`DeadlineRefusal::AfterParent`]): the parent's is moved first.
//! Finished and withdrawn sub-tasks are not moved: their deadline is part
//! of how they ended.

use daihoi_core::OrgCode;
use daihoi_core::date::iso;
use time::Date;

use crate::documents::Classification;
use crate::orgs::opt_date_col;
use crate::{Db, StoreError, StoreResult};
use sqlx::Row;

/// A sub-task whose deadline falls after a task's new deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateSubtask {
    pub id: i64,
    /// Its id in the task file (Mã nhiệm vụ), if it has one.
    pub external_id: Option<String>,
    /// The assignee's code.
    pub org: OrgCode,
    pub deadline: Date,
    /// Its title, or `None` when it is above the viewer's clearance (T-6:
    /// its text is never given to such a viewer).
    pub title: Option<String>,
    pub classification: Classification,
}

/// Why a new deadline is refused (T-2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineRefusal {
    /// Open sub-tasks below the task have a later deadline; the caller may
    /// move them in the same change.
    #[error("T-2: {} open sub-tasks have a deadline after {deadline}", subtasks.len())]
    SubtasksAfter { deadline: Date, subtasks: Vec<LateSubtask> },
    /// The new deadline is after the parent task's.
    #[error("T-2: the new deadline {deadline} is after the parent task's, {parent_deadline}")]
    AfterParent { deadline: Date, parent_deadline: Date },
}

/// The open sub-tasks (not finished, not withdrawn, nor below a withdrawn
/// one) at any depth below task `task_id` whose deadline is after
/// `deadline`, by id, on the caller's connection.
pub(crate) async fn open_subtasks_after(
    conn: &mut sqlx::AnyConnection,
    task_id: i64,
    deadline: Date,
) -> StoreResult<Vec<LateSubtask>> {
    let rows = sqlx::query(
        "WITH RECURSIVE below (id) AS (SELECT s.id FROM task s WHERE s.parent_id = $1 AND s.workflow <> 'cancelled' \
         UNION ALL SELECT s.id FROM task s JOIN below ON s.parent_id = below.id WHERE s.workflow <> 'cancelled') \
         SELECT t.id AS id, t.external_id AS external_id, o.code AS org_code, t.deadline AS deadline, \
         t.title AS title, t.classification AS classification \
         FROM below CROSS JOIN task t CROSS JOIN organization o \
         WHERE t.id = below.id AND o.id = t.org_id AND t.workflow <> 'done' AND t.deadline > $2 ORDER BY t.id",
    )
    .bind(task_id)
    .bind(iso(deadline))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let code: String = row.try_get("org_code")?;
            let classification: String = row.try_get("classification")?;
            Ok(LateSubtask {
                id: row.try_get("id")?,
                external_id: row.try_get("external_id")?,
                org: OrgCode::parse(&code).map_err(|e| StoreError::corrupt(e.to_string()))?,
                deadline: opt_date_col(row, "deadline")?
                    .ok_or_else(|| StoreError::corrupt("a sub-task after a deadline without one"))?,
                title: Some(row.try_get("title")?),
                classification: Classification::parse(&classification)?,
            })
        })
        .collect()
}

impl Db {
    /// [`open_subtasks_after`] on a connection of the pool.
    pub(crate) async fn open_subtasks_after(&self, task_id: i64, deadline: Date) -> StoreResult<Vec<LateSubtask>> {
        let mut conn = self.pool.acquire().await?;
        open_subtasks_after(&mut conn, task_id, deadline).await
    }
}
