//! What a subtree's periodic report (báo cáo định kỳ) and dashboard read
//! beyond the task lists: the latest report of each task up to a date, and
//! the targets (T-5) of the tasks assigned in the subtree.

use std::collections::HashMap;

use daihoi_core::date::iso;
use daihoi_tracking::{Event, EventKind};
use sqlx::{AssertSqlSafe, Row};
use time::Date;

use crate::documents::Classification;
use crate::orgs::OrgNode;
use crate::targets::StoredTarget;
use crate::{Db, StoreError, StoreResult};

/// The tasks of the organizations of a subtree on a date up to a
/// classification: `$1` the date, `$2`/`$3` the subtree's path range.
fn tasks_in_subtree(clearance: Classification) -> String {
    format!(
        "SELECT t.id FROM task t WHERE t.classification IN {} AND t.org_id IN (SELECT v.org_id FROM org_version v \
         WHERE v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) AND v.path >= $2 AND v.path < $3)",
        clearance.sql_up_to()
    )
}

impl Db {
    /// The summary of the latest periodic report that occurred on or before
    /// `until`, for each task of the subtree of `root` on `date` that has one
    /// (tasks up to `clearance`).
    pub async fn latest_reports_in(
        &self,
        root: &OrgNode,
        date: Date,
        until: Date,
        clearance: Classification,
    ) -> StoreResult<HashMap<i64, (Date, String)>> {
        let (low, high) = root.path.subtree_range();
        let sql = format!(
            "SELECT e.task_id, e.body FROM task_event e WHERE e.kind = 'report' AND e.occurred_on <= $4 \
             AND e.task_id IN ({}) ORDER BY e.task_id, e.id",
            tasks_in_subtree(clearance)
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(iso(date))
            .bind(low)
            .bind(high)
            .bind(iso(until))
            .fetch_all(&self.pool)
            .await?;
        let mut latest: HashMap<i64, (Date, String)> = HashMap::new();
        for row in rows {
            let task_id: i64 = row.try_get(0)?;
            let body: String = row.try_get(1)?;
            let event: Event =
                serde_json::from_str(&body).map_err(|e| StoreError::corrupt(format!("task event: {e}")))?;
            if let EventKind::Report { summary, .. } = event.kind {
                let newer = latest.get(&task_id).is_none_or(|(on, _)| event.occurred_on >= *on);
                if newer {
                    latest.insert(task_id, (event.occurred_on, summary));
                }
            }
        }
        Ok(latest)
    }

    /// The targets of the tasks of the subtree of `root` on `date` (tasks up
    /// to `clearance`), with their readings, by task then id.
    pub async fn targets_in(
        &self,
        root: &OrgNode,
        date: Date,
        clearance: Classification,
    ) -> StoreResult<Vec<StoredTarget>> {
        let (low, high) = root.path.subtree_range();
        let sql = format!(
            "SELECT g.id FROM target g WHERE g.task_id IN ({}) ORDER BY g.task_id, g.id",
            tasks_in_subtree(clearance)
        );
        let ids: Vec<i64> =
            sqlx::query_scalar(AssertSqlSafe(sql)).bind(iso(date)).bind(low).bind(high).fetch_all(&self.pool).await?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(t) = self.target(id).await? {
                out.push(t);
            }
        }
        Ok(out)
    }
}
