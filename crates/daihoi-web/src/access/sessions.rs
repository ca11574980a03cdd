//! Web sessions (phiên đăng nhập) kept in our own database, behind
//! tower-sessions: the store's `web_session` table holds each session's data
//! as JSON, keyed by a hash of its id. Records read are kept in memory
//! ([`AuthCache`]) while the data generation has not moved, so that a
//! signed-in request does not read its session row again.
//!
//! tower-sessions writes a session only when a request changed it (a value
//! inserted that differs from the one held, a new id, a flush): reading a
//! page writes nothing, and the expiry runs from the session's last change.

use std::sync::Arc;

use daihoi_store::Db;
use tower_sessions::SessionStore;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};

use super::cache::{AuthCache, request_generation};

/// A [`SessionStore`] over [`Db`], with the records it reads kept in memory.
#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: Db,
    cache: Arc<AuthCache>,
}

impl DbSessionStore {
    pub(crate) fn new(db: Db, cache: Arc<AuthCache>) -> DbSessionStore {
        DbSessionStore { db, cache }
    }
}

fn backend(e: impl std::fmt::Display) -> Error {
    Error::Backend(e.to_string())
}

/// The record as the database gives it back: the expiry in whole seconds.
fn as_stored(record: &Record) -> Result<Record> {
    let expiry_date = time::OffsetDateTime::from_unix_timestamp(record.expiry_date.unix_timestamp())
        .map_err(|e| Error::Encode(e.to_string()))?;
    Ok(Record { id: record.id, data: record.data.clone(), expiry_date })
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        loop {
            let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
            let id = record.id.to_string();
            if self.db.session_insert(&id, &data, record.expiry_date.unix_timestamp()).await.map_err(backend)? {
                // A new id: nothing of it can be kept anywhere, so the
                // generation need not move, and this record may be kept.
                if let Some(generation) = request_generation() {
                    self.cache.keep_session(generation, &as_stored(record)?);
                }
                return Ok(());
            }
            // An id collision (2^-128): draw another.
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        // The store raises the generation with the write: other processes
        // drop what they kept of this session on their next request.
        let saved = self.db.session_save(&record.id.to_string(), &data, record.expiry_date.unix_timestamp()).await;
        self.cache.forget_session(&record.id);
        saved.map_err(backend)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let generation = request_generation();
        if let Some(kept) = generation.and_then(|g| self.cache.session(g, id)) {
            return Ok(kept);
        }
        let Some((data, expires_at)) = self.db.session_load(&id.to_string()).await.map_err(backend)? else {
            return Ok(None);
        };
        let data = serde_json::from_str(&data).map_err(|e| Error::Decode(e.to_string()))?;
        let expiry_date =
            time::OffsetDateTime::from_unix_timestamp(expires_at).map_err(|e| Error::Decode(e.to_string()))?;
        let record = Record { id: *id, data, expiry_date };
        if let Some(generation) = generation {
            self.cache.keep_session(generation, &record);
        }
        Ok(Some(record))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        let deleted = self.db.session_delete(&id.to_string()).await;
        self.cache.forget_session(id);
        deleted.map_err(backend)
    }
}
