//! What a viewer may read of the audit log: the entries of the subtrees
//! where a role reads the log, and the viewer's own, up to the viewer's
//! clearance (T-6).

use daihoi_core::OrgPath;

use crate::StoreResult;
use crate::audit::{AuditEntry, AuditFilter, NewAuditEntry};
use crate::documents::Classification;

crate::access::facet!(AuditLog, audit, "The audit log as a viewer may read it (nhật ký).");

impl AuditLog<'_> {
    /// [`super::policy::may_open_log`]: whether the viewer may open the log at all.
    pub fn may_open(&self) -> bool {
        super::policy::may_open_log(self.viewer)
    }

    /// The audit log entries the viewer may read: those of the subtrees
    /// where a role reads the log, and the viewer's own actions, up to the
    /// viewer's clearance (T-6: an entry naming a classified object is
    /// left out for readers below it, even their own).
    pub async fn audit_entries(&self, filter: &AuditFilter) -> StoreResult<(Vec<AuditEntry>, u64)> {
        let clearance = self.clearance();
        if self.viewer.is_operator() {
            return self.db.audit_entries(filter, clearance, None, None).await;
        }
        // Entries keep the path their organization had when written: a
        // reader of a subtree sees the entries of every path it has had
        // (a commune moved by the 2025 reform keeps its earlier entries).
        let mut paths: Vec<OrgPath> = Vec::new();
        for g in self.viewer.grants.iter().filter(|g| g.role.reads_audit()) {
            for version in self.db.org_history(&g.org_code).await? {
                if !paths.contains(&version.path) {
                    paths.push(version.path);
                }
            }
        }
        let own = self.viewer.user.as_ref().map(|u| u.login.as_str());
        self.db.audit_entries(filter, clearance, Some(&paths), own).await
    }

    /// Writes an audit entry in the viewer's name about the viewer's own
    /// account (a sign-out, a password, an API token): unclassified.
    pub async fn log(
        &self,
        address: &str,
        action: &str,
        org: Option<&OrgPath>,
        subject: &str,
        detail: &str,
    ) -> StoreResult<i64> {
        let actor = self.viewer.actor();
        let entry = NewAuditEntry {
            actor: &actor,
            address,
            action,
            org_path: org,
            subject,
            detail,
            classification: Classification::Normal,
        };
        self.db.audit(&entry).await
    }
}
