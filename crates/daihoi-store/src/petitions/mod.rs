//! Petitions, complaints and denunciations (đơn thư; issue 18, P-1…P-10).
//! The legal clocks (`clocks.rs`, P-3…P-5): the versioned rule table and
//! the calendar, kept by an administrator of a root of the tree, read by
//! everyone, and due dates computed from them on request, so that a
//! holiday added or a row entered changes every open deadline at once.
//! The cases (`cases.rs`, P-1, P-2, P-5…P-8): received once per matter,
//! routed, handled on their clocks, the filer's identity apart and each
//! reading of it logged. What a subtree's cases add up to (`reports.rs`,
//! P-10): the overdue list and a period's statistics. The demo's cases
//! (`demo.rs`) and the benchmark's generated ones (`generate.rs`).
//! P-8's cut-off per congress (`cutoff.rs`). Citizen reception
//! (`reception.rs`, P-9): each committee's calendar,
//! the sessions held and their visits, and the heads' compliance.

pub mod cases;
mod clocks;
pub mod cutoff;
pub mod demo;
mod generate;
pub mod policy;
pub mod reception;
pub mod reports;

pub use cases::{
    Case, CaseEvent, CaseFile, CaseStep, ClockView, Filing, GrantedExtension, Identity, Matter, NewFiling,
    PersonnelHold, Received,
};
pub use clocks::{Awaits, Clocks, ConfirmedYear, Petitions, StoredDay, StoredRule};
pub use cutoff::LettersCutoff;
pub use reception::{
    CommitteeCompliance, NewSession, ReceptionSession, SessionKind, SessionStatus, Visit, VisitOutcome,
};
pub use reports::{PetitionStats, StatLine};

use crate::StoreError;

pub(crate) fn refused(rule: &'static str, detail: impl ToString) -> StoreError {
    StoreError::PetitionRefused { rule, detail: detail.to_string() }
}
