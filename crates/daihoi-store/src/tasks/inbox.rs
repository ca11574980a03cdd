//! The inbox (nhiệm vụ được giao): the open tasks given to an
//! organization, for its office, and their receipt (tiếp nhận): the office
//! records that it has received a task, with who and when. A task stays at
//! the top of its assignee's inbox until it is received; the home page
//! counts what is not yet received beside what is due soon and overdue.

use sqlx::{AssertSqlSafe, Row};

use crate::documents::Classification;
use crate::orgs::OrgNode;
use crate::tasks::{TASK_COLUMNS, Task, task};
use crate::{Db, StoreResult};

/// An organization's inbox: its open tasks the viewer may read, those not
/// yet received first (then by deadline, the nearest first), the first
/// `limit` of them, and how many there are and are not yet received.
#[derive(Debug, Clone, PartialEq)]
pub struct Inbox {
    pub tasks: Vec<Task>,
    pub total: u64,
    pub unreceived: u64,
}

impl Db {
    /// [`Inbox`] of the tasks assigned to `org` itself (not below it),
    /// open (not finished, not withdrawn), up to `clearance`.
    pub(crate) async fn inbox(&self, org: &OrgNode, clearance: Classification, limit: u32) -> StoreResult<Inbox> {
        let filter = format!(
            "t.org_id = $1 AND t.workflow NOT IN ('done', 'cancelled') AND t.classification IN {}",
            clearance.sql_up_to()
        );
        let sql = format!(
            "SELECT {TASK_COLUMNS} FROM task t JOIN organization o ON o.id = t.org_id WHERE {filter} \
             ORDER BY CASE WHEN t.received_at IS NULL THEN 0 ELSE 1 END, \
             CASE WHEN t.deadline IS NULL THEN 1 ELSE 0 END, t.deadline, t.id LIMIT $2"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(org.id)
            .bind(i64::from(limit.clamp(1, 500)))
            .fetch_all(&self.pool)
            .await?;
        let tasks = rows.iter().map(task).collect::<StoreResult<Vec<_>>>()?;
        let sql = format!(
            "SELECT COUNT(*) AS total, COUNT(*) - COUNT(t.received_at) AS unreceived FROM task t WHERE {filter}"
        );
        let row = sqlx::query(AssertSqlSafe(sql)).bind(org.id).fetch_one(&self.pool).await?;
        let total: i64 = row.try_get("total")?;
        let unreceived: i64 = row.try_get("unreceived")?;
        Ok(Inbox {
            tasks,
            total: u64::try_from(total).unwrap_or(0),
            unreceived: u64::try_from(unreceived).unwrap_or(0),
        })
    }

    /// Records the receipt of a task not received yet; false when it was.
    pub(crate) async fn receive_task_in(
        conn: &mut sqlx::AnyConnection,
        task_id: i64,
        at: &str,
        by: &str,
    ) -> StoreResult<bool> {
        let done =
            sqlx::query("UPDATE task SET received_at = $1, received_by = $2 WHERE id = $3 AND received_at IS NULL")
                .bind(at)
                .bind(by)
                .bind(task_id)
                .execute(&mut *conn)
                .await?;
        Ok(done.rows_affected() > 0)
    }
}
