//! Figures kept between requests while nothing was written (ghi nhớ): a
//! subtree's overdue tasks, a dashboard's counts and roll-up. A province's
//! dashboard is read by many and written rarely; each of its figures reads
//! every organization of the subtree.
//!
//! The rule. Every audited write raises the write generation in its own
//! transaction ([`crate::db::wrote`]), so a write by another process raises
//! it as well. A figure is kept with the generation it was computed at and
//! given again only to a request at that same generation: the generation
//! the request read after it arrived ([`Scoped::at_writes`]), or read now,
//! and never below the last write of this process. What is kept was
//! computed after its generation was read, so it is never older than it.
//!
//! What is kept is the answer of a store function to its exact arguments
//! (the organization, dates, rules and the viewer's cut, T-6), after the
//! facet checked that the viewer may ask: the key is the function's name
//! and its arguments, so two viewers share a figure only when they asked
//! the same question.

use std::any::Any;
use std::collections::HashMap;
use std::fmt::Debug;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use crate::StoreResult;
use crate::access::Scoped;

/// Kept figures are dropped all at once beyond this many (a bound on
/// memory; they are computed again on the next request).
const MAX_KEPT: usize = 2_000;

/// A kept figure: the write generation it was computed at, and the figure.
type Figure = (i64, Arc<dyn Any + Send + Sync>);

/// Figures by their question.
#[derive(Default)]
pub(crate) struct Kept {
    figures: Mutex<HashMap<String, Figure>>,
}

impl Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kept").field("figures", &self.lock().len()).finish()
    }
}

impl Kept {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Figure>> {
        // The map holds whole entries: a panic elsewhere leaves it sound.
        self.figures.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// What was kept under `key` by [`Kept::put`], whatever it was made
    /// from: the caller checks that (a campaign keeps its generations and
    /// versions, `congresses/campaign.rs`).
    pub(crate) fn entry<T: Send + Sync + 'static>(&self, key: &str) -> Option<Arc<T>> {
        let figure = self.lock().get(key).map(|(_, f)| f.clone())?;
        figure.downcast::<T>().ok()
    }

    /// Keeps `value` under `key` (see [`Kept::entry`]).
    pub(crate) fn put<T: Send + Sync + 'static>(&self, key: String, value: Arc<T>) {
        let mut kept = self.lock();
        if kept.len() >= MAX_KEPT {
            kept.clear();
        }
        kept.insert(key, (0, value));
    }
}

impl Scoped<'_> {
    /// The write generation this request reads kept figures at.
    async fn kept_generation(&self) -> StoreResult<i64> {
        let read = match self.writes {
            Some(g) => g,
            None => self.db.write_generation().await?,
        };
        Ok(read.max(self.db.written.load(Ordering::SeqCst)))
    }

    /// What `compute` answers to the question `what` `args`, kept at the
    /// current write generation: computed once per generation. Call it
    /// only after the facet's checks, with every argument of the answer.
    pub(crate) async fn kept<T, A>(
        &self,
        what: &'static str,
        args: A,
        compute: impl AsyncFnOnce() -> StoreResult<T>,
    ) -> StoreResult<T>
    where
        T: Clone + Send + Sync + 'static,
        A: Debug,
    {
        let generation = self.kept_generation().await?;
        self.kept_at(generation, format!("{what} {args:?}"), compute).await
    }

    async fn kept_at<T>(
        &self,
        generation: i64,
        key: String,
        compute: impl AsyncFnOnce() -> StoreResult<T>,
    ) -> StoreResult<T>
    where
        T: Clone + Send + Sync + 'static,
    {
        if let Some((g, figure)) = self.db.kept.lock().get(&key)
            && *g == generation
            && let Some(figure) = figure.downcast_ref::<T>()
        {
            return Ok(figure.clone());
        }
        let figure = compute().await?;
        let mut kept = self.db.kept.lock();
        if kept.len() >= MAX_KEPT {
            kept.clear();
        }
        kept.insert(key, (generation, Arc::new(figure.clone())));
        Ok(figure)
    }
}
