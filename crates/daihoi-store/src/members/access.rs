//! What a viewer may do with members: counts where the organization's page
//! is reached, names and data where a role reads members, imports where a
//! role writes.

use daihoi_core::BaseCount;
use time::Date;

use super::policy;
use crate::StoreResult;
use crate::access::forbidden;
use crate::documents::Classification;
use crate::members::{ImportError, ImportReport, ImportRow, MemberDetail, MemberPage, MemberQuery};
use crate::orgs::OrgNode;
use crate::write::Change;
use daihoi_core::members::import::MemberRow;

/// A search with at most this many matches keeps them (8 bytes each).
const KEPT_MATCHES: usize = 1_000;

crate::access::facet!(Members, members, "The members a viewer reaches (đảng viên).");

impl Members<'_> {
    /// [`policy::may_read`] on `node`: members' names and data.
    pub fn may_read(&self, node: &OrgNode) -> bool {
        policy::may_read(self.reach(node))
    }

    /// The base count of R-BASE-1 for a subtree.
    pub async fn base_count(&self, node: &OrgNode, date: Date) -> StoreResult<BaseCount> {
        self.require(node, policy::may_count)?;
        self.db.base_count(node, date).await
    }

    /// Members enrolled in a subtree (only for roles that read members).
    pub async fn members_in(&self, node: &OrgNode, date: Date, query: &MemberQuery) -> StoreResult<MemberPage> {
        self.require(node, policy::may_read)?;
        // A search's matches in name order are kept, when they are few, for
        // its other pages and for the same search again.
        if let Some(search) = query.search.as_deref().filter(|s| !daihoi_core::search::search_key(s).is_empty()) {
            let matches = self
                .kept("member_search", (node, date, search), async || {
                    self.db.search_matches(node, date, search, KEPT_MATCHES).await
                })
                .await?;
            if let Some(ids) = matches {
                return self.db.page_of_ids(&ids, date, query).await;
            }
        }
        self.db.members_in(node, date, query).await
    }

    /// The members of a subtree on `date` as rows of the member file (what
    /// `daihoi export members` writes and an import reads back): only for
    /// roles that read members there.
    pub async fn export_members(&self, node: &OrgNode, date: Date) -> StoreResult<Vec<MemberRow>> {
        self.require(node, policy::may_read)?;
        self.db.export_members(node, date).await
    }

    /// A member's data: their own, or any member whose latest enrolment is in
    /// a subtree where the viewer reads members. `Ok(None)`: no such member.
    pub async fn member(&self, person_id: i64, today: Date) -> StoreResult<Option<MemberDetail>> {
        let Some(detail) = self.db.member_detail(person_id).await? else { return Ok(None) };
        if self.viewer.is_operator() || self.viewer.user.as_ref().and_then(|u| u.person_id) == Some(person_id) {
            return Ok(Some(detail));
        }
        let Some(last) = detail.memberships.last() else { return Err(forbidden(format!("member {person_id}"))) };
        // The cell as it was on the last day of the enrolment (or today).
        let on = match last.to {
            Some(to) => to.previous_day().unwrap_or(to),
            None => today,
        };
        match self.db.org_by_id(last.org_id, on).await? {
            Some(cell) if policy::may_read(self.reach(&cell)) => Ok(Some(detail)),
            _ => Err(forbidden(format!("member {person_id}"))),
        }
    }

    /// Imports members into the subtree of `root`, where the viewer writes:
    /// rows for cells outside it, and members now enrolled outside it, are
    /// refused. The import and its audit entry are written together or not
    /// at all. A `dry_run` checks everything and writes nothing (the
    /// preview of an upload).
    pub async fn import_members(
        &self,
        root: &OrgNode,
        rows: &[ImportRow],
        as_of: Date,
        address: &str,
        file_name: &str,
        dry_run: bool,
    ) -> Result<ImportReport, ImportError> {
        self.require(root, policy::may_import)?;
        self.import(Some(root), rows, as_of, (address, file_name), dry_run, &mut |_| {}).await
    }

    /// Imports members anywhere in the tree (the command line's `daihoi
    /// import members`), with one audit entry: the operator's. `progress`
    /// is called with the number of rows done so far.
    pub async fn import_members_everywhere(
        &self,
        rows: &[ImportRow],
        as_of: Date,
        address: &str,
        file_name: &str,
        progress: &mut (dyn FnMut(usize) + Send),
    ) -> Result<ImportReport, ImportError> {
        if !policy::may_import_everywhere(self.viewer) {
            return Err(forbidden("a member file for the whole tree").into());
        }
        self.import(None, rows, as_of, (address, file_name), false, progress).await
    }

    async fn import(
        &self,
        within: Option<&OrgNode>,
        rows: &[ImportRow],
        as_of: Date,
        (address, file_name): (&str, &str),
        dry_run: bool,
        progress: &mut (dyn FnMut(usize) + Send),
    ) -> Result<ImportReport, ImportError> {
        let report = self
            .write(address, async |w| {
                let path = within.map(|n| &n.path);
                let report = crate::members::import::import_members(w.conn(), rows, as_of, path, progress).await?;
                if !dry_run {
                    let detail = format!(
                        "{file_name}: {} rows, {} created, {} updated, {} moved, {} conditions changed, {} unchanged",
                        rows.len(),
                        report.created,
                        report.updated,
                        report.moved,
                        report.conditions_changed,
                        report.unchanged
                    );
                    w.record(Change {
                        action: "import_members",
                        org_path: within.map(|n| n.path.clone()),
                        subject: within.map_or_else(|| file_name.to_owned(), |n| n.code.as_str().to_owned()),
                        detail,
                        classification: Classification::Normal,
                    });
                }
                Ok::<_, ImportError>(report)
            })
            .await?;
        if !dry_run {
            self.db.analyze_after(rows.len()).await?;
        }
        Ok(report)
    }
}
