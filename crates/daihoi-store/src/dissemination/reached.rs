//! The conferences that reached a subtree with a document: those held on
//! or before a day that members of the subtree (enrolled in it on the day)
//! attended, or whose attendance lists one of its organizations, whoever
//! held them (the province's conference reached the communes' cells). This
//! is what a report on a document's dissemination lists beside the
//! subtree's [`super::Coverage`].

use daihoi_core::OrgPath;
use daihoi_core::date::iso;
use sqlx::{AssertSqlSafe, Row};
use time::Date;

use super::access::Disseminations;
use super::policy;
use crate::documents::Document;
use crate::orgs::{OrgNode, date_col};
use crate::placeholders::named;
use crate::{Db, StoreError, StoreResult};

/// A conference that reached a subtree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReachingConference {
    pub id: i64,
    pub held_on: Date,
    pub title: String,
    /// The holder's code and name on the day.
    pub holder_code: String,
    pub holder_name: String,
    /// Members of the subtree (enrolled in it on the day asked) who attended.
    pub members: u64,
    /// Organizations of the subtree listed as attending.
    pub orgs: u64,
}

/// The conferences that reached a subtree, as a viewer may see them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReachingConferences {
    /// By day, then id.
    pub items: Vec<ReachingConference>,
    /// Conferences held by an organization whose page the viewer does not
    /// read (a higher level's): counted only.
    pub hidden: u64,
}

impl Db {
    /// The conferences on `document_id`, held on or before `date` and
    /// classified at most `clearance`, that reached the subtree of `root`
    /// on `date`, with their holder's path on the day.
    async fn conferences_reaching(
        &self,
        document_id: i64,
        root: &OrgNode,
        date: Date,
        clearance: crate::documents::Classification,
    ) -> StoreResult<Vec<(ReachingConference, OrgPath)>> {
        let (low, high) = root.path.subtree_range();
        // Members of the subtree on the date who attended, by conference;
        // then the subtree's organizations listed as attending.
        let sql = named(
            &format!(
                "SELECT c.id AS id, c.held_on AS held_on, c.title AS title, o.code AS holder_code, \
                 hv.name AS holder_name, hv.path AS holder_path, \
                 (SELECT COUNT(DISTINCT a.person_id) FROM dissemination_attendance a \
                   JOIN membership m ON m.person_id = a.person_id AND m.valid_from <= $date \
                     AND (m.valid_to IS NULL OR m.valid_to > $date) \
                   JOIN org_version v ON v.org_id = m.org_id AND v.valid_from <= $date \
                     AND (v.valid_to IS NULL OR v.valid_to > $date) \
                   WHERE a.dissemination_id = c.id AND a.person_id IS NOT NULL \
                     AND v.path >= $low AND v.path < $high) AS members, \
                 (SELECT COUNT(*) FROM dissemination_attendance a \
                   JOIN org_version v ON v.org_id = a.org_id AND v.valid_from <= $date \
                     AND (v.valid_to IS NULL OR v.valid_to > $date) \
                   WHERE a.dissemination_id = c.id AND v.path >= $low AND v.path < $high) AS orgs \
                 FROM dissemination c \
                 JOIN dissemination_document dd ON dd.dissemination_id = c.id \
                 JOIN organization o ON o.id = c.org_id \
                 JOIN org_version hv ON hv.org_id = c.org_id AND hv.valid_from <= c.held_on \
                   AND (hv.valid_to IS NULL OR hv.valid_to > c.held_on) \
                 WHERE dd.document_id = $document AND c.held_on <= $date AND c.classification IN {} \
                 ORDER BY c.held_on, c.id",
                clearance.sql_up_to()
            ),
            &["date", "low", "high", "document"],
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(iso(date))
            .bind(&low)
            .bind(&high)
            .bind(document_id)
            .fetch_all(&self.pool)
            .await?;
        let mut out = Vec::new();
        for row in &rows {
            let members: i64 = row.try_get("members")?;
            let orgs: i64 = row.try_get("orgs")?;
            if members == 0 && orgs == 0 {
                continue;
            }
            let path: String = row.try_get("holder_path")?;
            let path = OrgPath::from_stored(&path).ok_or_else(|| StoreError::corrupt(format!("bad path {path:?}")))?;
            out.push((
                ReachingConference {
                    id: row.try_get("id")?,
                    held_on: date_col(row, "held_on")?,
                    title: row.try_get("title")?,
                    holder_code: row.try_get("holder_code")?,
                    holder_name: row.try_get("holder_name")?,
                    members: members.unsigned_abs(),
                    orgs: orgs.unsigned_abs(),
                },
                path,
            ));
        }
        Ok(out)
    }
}

impl Disseminations<'_> {
    /// The conferences on a document the viewer is cleared for that reached
    /// the subtree of `node` (whose conferences the viewer reads) by
    /// `date`: those classified above the viewer's clearance are left out
    /// (T-6); those held by an organization whose page the viewer does not
    /// read are only counted.
    pub async fn conferences_reaching(
        &self,
        document: &Document,
        node: &OrgNode,
        date: Date,
    ) -> StoreResult<ReachingConferences> {
        self.require_cleared(document, || format!("document {}", document.id))?;
        self.require(node, policy::may_read)?;
        let mut out = ReachingConferences::default();
        for (c, holder) in self.db.conferences_reaching(document.id, node, date, self.clearance()).await? {
            if policy::may_read(self.viewer.reach(&holder)) {
                out.items.push(c);
            } else {
                out.hidden += 1;
            }
        }
        Ok(out)
    }
}
