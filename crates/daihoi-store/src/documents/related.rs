//! What a document's page shows of the rest of the work: the tasks given
//! from it, the conferences that studied it, and the documents that
//! replaced it (D-LINK-1), each as far as the viewer reads.

use sqlx::{AssertSqlSafe, Row};
use time::Date;

use daihoi_core::OrgPath;
use daihoi_core::date::iso;

use crate::documents::access::Documents;
use crate::documents::{DOCUMENT_COLUMNS, Document, document};
use crate::orgs::date_col;
use crate::tasks::{TASK_COLUMNS, Task, task};
use crate::{Db, StoreError, StoreResult};

/// A conference that studied a document, as its page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConferenceLine {
    pub id: i64,
    pub held_on: Date,
    pub title: String,
    /// The holding organization's code and name on that day.
    pub org_code: String,
    pub org_name: String,
}

/// The first items of a list, and how many there are in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Partial<T> {
    pub items: Vec<T>,
    pub total: u64,
}

impl Db {
    /// The documents that replace `document_id` (links `replaces` to it).
    pub(crate) async fn replacements_of(&self, document_id: i64) -> StoreResult<Vec<Document>> {
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM document_link l JOIN document d ON d.id = l.from_id \
             WHERE l.to_id = $1 AND l.kind = 'replaces' ORDER BY d.issued_on, d.id"
        );
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(document_id).fetch_all(&self.pool).await?;
        rows.iter().map(document).collect()
    }

    /// Every `replaces` link: (replaced, replacing).
    pub(crate) async fn replaced_pairs(&self) -> StoreResult<Vec<(i64, i64)>> {
        Ok(sqlx::query_as("SELECT to_id, from_id FROM document_link WHERE kind = 'replaces'")
            .fetch_all(&self.pool)
            .await?)
    }
}

impl Documents<'_> {
    /// The documents that replace `document`, those the viewer is cleared
    /// for (a replaced document is still shown, marked as such).
    pub async fn replaced_by(&self, document: &Document) -> StoreResult<Vec<Document>> {
        self.require_cleared(document, || format!("document {}", document.id))?;
        Ok(self.db.replacements_of(document.id).await?.into_iter().filter(|d| self.cleared(d)).collect())
    }

    /// Of `ids`, those replaced by a document the viewer is cleared for,
    /// each with the number of its first replacement.
    pub async fn replaced_among(&self, ids: &[i64]) -> StoreResult<Vec<(i64, String)>> {
        let mut out: Vec<(i64, String)> = Vec::new();
        for (replaced, replacing) in self.db.replaced_pairs().await? {
            if !ids.contains(&replaced) || out.iter().any(|(id, _)| *id == replaced) {
                continue;
            }
            if let Some(d) = self.db.document(replacing).await?
                && self.cleared(&d)
            {
                out.push((replaced, d.number_label()));
            }
        }
        Ok(out)
    }

    /// The tasks given from `document` in the viewer's subtrees on `date`,
    /// those it is cleared for: the first `limit` (top-level tasks first,
    /// then by deadline) and how many there are.
    pub async fn tasks_from(&self, document: &Document, date: Date, limit: usize) -> StoreResult<Partial<Task>> {
        self.require_cleared(document, || format!("document {}", document.id))?;
        let mut items = Vec::new();
        let mut total = 0u64;
        let clearance = self.clearance();
        for root in self.orgs().roots(date).await? {
            let (low, high) = root.path.subtree_range();
            let filter = format!(
                "t.document_id = $1 AND v.org_id = t.org_id AND v.valid_from <= $2 \
                 AND (v.valid_to IS NULL OR v.valid_to > $2) AND v.path >= $3 AND v.path < $4 \
                 AND t.classification IN {}",
                clearance.sql_up_to()
            );
            let sql = format!(
                "SELECT {TASK_COLUMNS} FROM task t JOIN organization o ON o.id = t.org_id CROSS JOIN org_version v \
                 WHERE {filter} ORDER BY CASE WHEN t.parent_id IS NULL THEN 0 ELSE 1 END, \
                 CASE WHEN t.deadline IS NULL THEN 1 ELSE 0 END, t.deadline, t.id LIMIT $5"
            );
            let rows = sqlx::query(AssertSqlSafe(sql))
                .bind(document.id)
                .bind(iso(date))
                .bind(&low)
                .bind(&high)
                .bind(i64::try_from(limit.clamp(1, 500)).unwrap_or(500))
                .fetch_all(&self.db.pool)
                .await?;
            for row in &rows {
                let t = task(row)?;
                if items.len() < limit && !items.iter().any(|x: &Task| x.id == t.id) {
                    items.push(t);
                }
            }
            let sql = format!("SELECT COUNT(*) FROM task t CROSS JOIN org_version v WHERE {filter}");
            let n: i64 = sqlx::query_scalar(AssertSqlSafe(sql))
                .bind(document.id)
                .bind(iso(date))
                .bind(&low)
                .bind(&high)
                .fetch_one(&self.db.pool)
                .await?;
            total += n.unsigned_abs();
        }
        Ok(Partial { items, total })
    }

    /// The conferences that studied `document`, held by organizations whose
    /// page the viewer reads and classified at most the viewer's
    /// clearance: the newest `limit` and how many there are.
    pub async fn conferences_on(&self, document: &Document, limit: usize) -> StoreResult<Partial<ConferenceLine>> {
        self.require_cleared(document, || format!("document {}", document.id))?;
        let clearance = self.clearance();
        let sql = format!(
            "SELECT c.id AS id, c.held_on AS held_on, c.title AS title, o.code AS org_code, v.name AS org_name, \
             v.path AS path FROM dissemination c JOIN dissemination_document dd ON dd.dissemination_id = c.id \
             JOIN organization o ON o.id = c.org_id JOIN org_version v ON v.org_id = c.org_id \
             AND v.valid_from <= c.held_on AND (v.valid_to IS NULL OR v.valid_to > c.held_on) \
             WHERE dd.document_id = $1 AND c.classification IN {} ORDER BY c.held_on DESC, c.id DESC",
            clearance.sql_up_to()
        );
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(document.id).fetch_all(&self.db.pool).await?;
        let mut items = Vec::new();
        let mut total = 0u64;
        for row in &rows {
            let path: String = row.try_get("path")?;
            let path = OrgPath::from_stored(&path).ok_or_else(|| StoreError::corrupt(format!("bad path {path:?}")))?;
            if !self.viewer.reach(&path).page {
                continue;
            }
            total += 1;
            if items.len() < limit {
                items.push(ConferenceLine {
                    id: row.try_get("id")?,
                    held_on: date_col(row, "held_on")?,
                    title: row.try_get("title")?,
                    org_code: row.try_get("org_code")?,
                    org_name: row.try_get("org_name")?,
                });
            }
        }
        Ok(Partial { items, total })
    }
}
