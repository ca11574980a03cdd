//! What a signed-in request needs, kept in memory: session records and
//! viewers (the user and their roles), valid while the store's data
//! generation has not moved.
//!
//! The rule. Every write that can change what a session needs raises the
//! data generation in its own transaction: roles given or taken, passwords
//! (the session epoch), clearance, language, a session's row saved or
//! deleted (`daihoi-store`'s accounts), and every change of the tree. It is
//! a row of the database, so a write by another process (the `daihoi user`
//! commands, a second server on the same database) raises it as well. A
//! request reads the generation once, *after* it arrived (see
//! [`Freshness`]), and uses what is kept only if it was read at that same
//! generation; otherwise it reads the database and keeps the answer. So a
//! revoked role, a changed password, a lowered clearance or a session ended
//! elsewhere take effect on the next request, whichever process made them.
//!
//! What is kept is read after the generation it is kept under, so it is
//! never older than that generation; if something changed in between, the
//! generation has moved too and the next request drops it. New sessions and
//! new users need no rise: nothing of theirs can be kept before they exist
//! (absences are never kept). Expiry needs none either: a kept session
//! carries its expiry and is refused from memory exactly when the database
//! would refuse it. A change made behind the store's back (SQL typed by
//! hand) raises nothing and is seen only after the generation next moves.
//!
//! The same reading brings the write generation, which every audited write
//! raises: a page's `Caller::scoped` passes it to the store, whose kept
//! figures (a subtree's task lists and counts) are read at it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use daihoi_store::{Db, Generations, StoreResult, Viewer};
use tower_sessions::session::{Id, Record};

tokio::task_local! {
    // The generation a request reads everything at, set by
    // `fresh_generation` for the request's task so that the session store
    // (which only sees a session id) finds it too.
    pub(crate) static REQUEST_GENERATION: Generations;
}

/// The data generation of the current request, if it was read.
pub(crate) fn request_generation() -> Option<i64> {
    REQUEST_GENERATION.try_with(|g| g.data).ok()
}

/// The write generation of the current request, if it was read: the
/// store's kept figures are read at it (`Scoped::at_writes`).
pub(crate) fn request_writes() -> Option<i64> {
    REQUEST_GENERATION.try_with(|g| g.writes).ok()
}

/// Kept sessions and viewers are dropped all at once beyond this many (a
/// bound on memory; they are read again on the next request).
const MAX_KEPT: usize = 20_000;

/// Session records and viewers by the data generation they were read at.
#[derive(Default)]
pub(crate) struct AuthCache {
    freshness: Freshness,
    kept: Mutex<Kept>,
}

/// Counts only: session ids and CSRF tokens stay out of logs.
impl std::fmt::Debug for AuthCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.kept();
        f.debug_struct("AuthCache")
            .field("generation", &kept.generation)
            .field("sessions", &kept.sessions.len())
            .field("viewers", &kept.viewers.len())
            .finish()
    }
}

#[derive(Default)]
struct Kept {
    /// The generation everything below was read at.
    generation: i64,
    sessions: HashMap<Id, Record>,
    viewers: HashMap<i64, Viewer>,
}

impl Kept {
    /// Makes what is kept that of `generation`: when it is another one,
    /// everything kept is dropped. The generation only rises, but a
    /// database put back from a copy may hold a lower one, which is a
    /// change too; a request that read the generation just before a change
    /// only costs the others a reading.
    fn at(&mut self, generation: i64) {
        if generation != self.generation {
            self.generation = generation;
            self.sessions.clear();
            self.viewers.clear();
        }
    }
}

impl AuthCache {
    /// The generations now, read after the caller asked (shared with the
    /// requests asking at the same time).
    pub(crate) async fn fresh_generation(&self, db: &Db) -> StoreResult<Generations> {
        self.freshness.read(db).await
    }

    fn kept(&self) -> std::sync::MutexGuard<'_, Kept> {
        // A panic while holding the lock leaves nothing half-written that
        // matters: the maps hold whole entries.
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The session `id` as read at `generation`: `Some(None)` when it is
    /// kept but has expired, `None` when it is not kept.
    pub(crate) fn session(&self, generation: i64, id: &Id) -> Option<Option<Record>> {
        let mut kept = self.kept();
        kept.at(generation);
        let record = kept.sessions.get(id)?;
        if record.expiry_date > time::OffsetDateTime::now_utc() {
            Some(Some(record.clone()))
        } else {
            kept.sessions.remove(id);
            Some(None)
        }
    }

    /// Keeps a session read (or created) at `generation`.
    pub(crate) fn keep_session(&self, generation: i64, record: &Record) {
        let mut kept = self.kept();
        kept.at(generation);
        if kept.sessions.len() >= MAX_KEPT {
            kept.sessions.clear();
        }
        kept.sessions.insert(record.id, record.clone());
    }

    /// Forgets a session this process saved or deleted.
    pub(crate) fn forget_session(&self, id: &Id) {
        self.kept().sessions.remove(id);
    }

    /// The viewer of user `user_id` as read at `generation`, if kept.
    pub(crate) fn viewer(&self, generation: i64, user_id: i64) -> Option<Viewer> {
        let mut kept = self.kept();
        kept.at(generation);
        kept.viewers.get(&user_id).cloned()
    }

    /// Keeps a viewer read at `generation`.
    pub(crate) fn keep_viewer(&self, generation: i64, user_id: i64, viewer: &Viewer) {
        let mut kept = self.kept();
        kept.at(generation);
        if kept.viewers.len() >= MAX_KEPT {
            kept.viewers.clear();
        }
        kept.viewers.insert(user_id, viewer.clone());
    }
}

/// Reads of the data generation shared by the requests that wait for one.
///
/// A request must see every write committed before it arrived, so it may
/// use a read only if that read *started* after the request asked. Requests
/// take a ticket on arrival; one read at a time is made, stamped with the
/// last ticket taken before it started; a request whose ticket is not
/// later than the stamp of the last read uses that read, the others wait
/// for the next one. Under load one read serves every request that arrived
/// while the previous one was under way; an idle server reads once per
/// request.
#[derive(Debug, Default)]
struct Freshness {
    tickets: AtomicU64,
    /// (stamp, generation) of the last read.
    last: tokio::sync::Mutex<Option<(u64, Generations)>>,
}

impl Freshness {
    async fn read(&self, db: &Db) -> StoreResult<Generations> {
        let ticket = self.tickets.fetch_add(1, Ordering::SeqCst) + 1;
        let mut last = self.last.lock().await;
        if let Some((stamp, generation)) = *last
            && stamp >= ticket
        {
            return Ok(generation);
        }
        // Every ticket up to `stamp` was taken before this read starts.
        let stamp = self.tickets.load(Ordering::SeqCst);
        let generation = db.generations().await?;
        *last = Some((stamp, generation));
        Ok(generation)
    }
}
