//! Checked uploads waiting for their confirmation (the member file, the
//! task file): a preview shows what an import would do, and the rows wait
//! here, in memory, under a random id, for at most [`PENDING_MINUTES`],
//! bound to the user and the organization. A restart of the server forgets
//! them (the user uploads again). One upload per user waits, whatever the
//! organization: a new preview replaces the older one (a file is up to 40
//! MB; memory stays bounded by the number of users).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use daihoi_core::OrgCode;

use crate::WebError;

/// How long a preview may wait for its confirmation.
pub const PENDING_MINUTES: u64 = 30;

/// Uploads of rows `R` waiting for their confirmation, by a random id.
#[derive(Debug)]
pub struct PendingFiles<R> {
    map: Mutex<HashMap<String, PendingFile<R>>>,
}

impl<R> Default for PendingFiles<R> {
    fn default() -> Self {
        PendingFiles { map: Mutex::new(HashMap::new()) }
    }
}

/// A checked upload: who sent it, for which organization, its file name
/// and rows.
#[derive(Debug)]
pub struct PendingFile<R> {
    pub user_id: i64,
    pub org: OrgCode,
    pub file: String,
    pub rows: Vec<R>,
    at: Instant,
}

impl<R> PendingFile<R> {
    pub fn new(user_id: i64, org: OrgCode, file: String, rows: Vec<R>) -> PendingFile<R> {
        PendingFile { user_id, org, file, rows, at: Instant::now() }
    }

    fn fresh(&self) -> bool {
        self.at.elapsed() < Duration::from_secs(PENDING_MINUTES * 60)
    }
}

impl<R> PendingFiles<R> {
    /// Keeps `p` and returns its id; drops expired uploads and the user's
    /// older one.
    pub fn put(&self, p: PendingFile<R>) -> Result<String, WebError> {
        let id = daihoi_store::accounts::random_hex(16)?;
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, v| v.fresh() && v.user_id != p.user_id);
        map.insert(id.clone(), p);
        Ok(id)
    }

    /// The upload `id` of this user for this organization, taken out; a
    /// mismatch leaves it waiting, an expired one is gone.
    pub fn take(&self, id: &str, user_id: i64, org: &OrgCode) -> Option<PendingFile<R>> {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        match map.get(id) {
            Some(p) if p.user_id == user_id && p.org == *org && p.fresh() => map.remove(id),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_is_taken_once_by_its_user_for_its_organization() {
        let pending: PendingFiles<u32> = PendingFiles::default();
        let qt = OrgCode::parse("QN.DH.QT").unwrap();
        let dn = OrgCode::parse("QN.TY.DN").unwrap();
        let id = pending.put(PendingFile::new(7, qt.clone(), "ds.xlsx".into(), vec![1, 2])).unwrap();
        assert!(pending.take(&id, 8, &qt).is_none(), "another user");
        assert!(pending.take(&id, 7, &dn).is_none(), "another organization");
        assert_eq!(pending.take(&id, 7, &qt).map(|p| p.rows), Some(vec![1, 2]));
        assert!(pending.take(&id, 7, &qt).is_none(), "taken once");
        // A newer preview replaces the user's older one, for any
        // organization; another user's stays.
        let old = pending.put(PendingFile::new(7, qt.clone(), "a.xlsx".into(), vec![1])).unwrap();
        let theirs = pending.put(PendingFile::new(8, qt.clone(), "b.xlsx".into(), vec![2])).unwrap();
        let new = pending.put(PendingFile::new(7, dn.clone(), "c.xlsx".into(), vec![3])).unwrap();
        assert!(pending.take(&old, 7, &qt).is_none());
        assert_eq!(pending.take(&theirs, 8, &qt).map(|p| p.file), Some("b.xlsx".into()));
        assert_eq!(pending.take(&new, 7, &dn).map(|p| p.file), Some("c.xlsx".into()));
    }
}
