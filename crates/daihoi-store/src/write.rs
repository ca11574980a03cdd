//! The one way to write (ghi có nhật ký): [`Scoped::write`] opens a
//! transaction, runs the write, appends one audit entry per [`Change`] the
//! write recorded, and commits; so a change is in the database if and only
//! if its entry is in the log, and the entry names the viewer who made it.
//!
//! A write that records no change is rolled back (a dry run, a file
//! already attached, a link already there); a write that fails is rolled
//! back by dropping its transaction. Only an audit entry with nothing to
//! write beside it (a sign-in, a sign-out) goes through [`Db::audit`].
//!
//! Every write raises the write generation in its transaction, so that
//! figures kept in memory ([`crate::kept`]) are read again after it.
//!
//! [`Db::audit`]: crate::Db::audit

use daihoi_core::OrgPath;
use sqlx::AnyConnection;

use crate::StoreError;
use crate::access::Scoped;
use crate::audit::NewAuditEntry;
use crate::documents::Classification;

/// One change, as the audit log records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Change {
    /// A stable code: `create_org`, `task_create`, `document_register`, …
    pub action: &'static str,
    /// The organization concerned: readers of its subtree's log see it.
    pub org_path: Option<OrgPath>,
    /// What was changed, as people read it (`task 12`, a code, a login).
    pub subject: String,
    /// Details (counts, the old and new value).
    pub detail: String,
    /// T-6: the highest classification of what `subject` and `detail` name.
    pub classification: Classification,
}

/// A write in progress: its transaction and the changes it records.
pub(crate) struct Write {
    tx: crate::db::WriteTx,
    changes: Vec<Change>,
}

impl Write {
    /// The transaction's connection, for the feature's SQL.
    pub(crate) fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }

    /// Records a change: its entry is appended before the commit.
    pub(crate) fn record(&mut self, change: Change) {
        self.changes.push(change);
    }
}

impl Scoped<'_> {
    /// Runs `body` in one transaction and writes the audit entries of the
    /// changes it recorded, in the viewer's name from `address`, before
    /// committing. An error from `body` writes nothing.
    pub(crate) async fn write<T, E>(
        &self,
        address: &str,
        body: impl AsyncFnOnce(&mut Write) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx = self.db.begin_write().await.map_err(|e| E::from(e.into()))?;
        let mut write = Write { tx, changes: Vec::new() };
        let out = body(&mut write).await?;
        let Write { mut tx, changes } = write;
        if changes.is_empty() {
            tx.rollback().await.map_err(|e| E::from(e.into()))?;
            return Ok(out);
        }
        let actor = self.viewer.actor();
        let entries: Vec<NewAuditEntry<'_>> = changes
            .iter()
            .map(|c| NewAuditEntry {
                actor: &actor,
                address,
                action: c.action,
                org_path: c.org_path.as_ref(),
                subject: &c.subject,
                detail: &c.detail,
                classification: c.classification,
            })
            .collect();
        crate::audit::append_all(&mut tx, &entries).await.map_err(E::from)?;
        let generation = crate::db::wrote(&mut tx).await.map_err(E::from)?;
        tx.commit().await.map_err(|e| E::from(e.into()))?;
        self.db.written.fetch_max(generation, std::sync::atomic::Ordering::SeqCst);
        Ok(out)
    }
}
