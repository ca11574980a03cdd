//! Petitions, complaints and denunciations (đơn thư; issue 18, P-1…P-10).
//! So far the legal clocks (`clocks.rs`, P-3…P-5): the versioned rule table
//! and the calendar, kept by an administrator of a root of the tree, read
//! by everyone, and due dates computed from them on request, so that a
//! holiday added or a row entered changes every open deadline at once.
//! Cases, the denouncer's secrecy, reception and the reports come next.

mod clocks;
pub mod policy;

pub use clocks::{Awaits, Clocks, ConfirmedYear, Petitions, StoredDay, StoredRule};

use crate::StoreError;

pub(crate) fn refused(rule: &'static str, detail: impl ToString) -> StoreError {
    StoreError::PetitionRefused { rule, detail: detail.to_string() }
}
