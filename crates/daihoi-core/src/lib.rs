//! Shared domain types of daihoi: the organization tree, members and their
//! dated conditions, Vietnamese personal names, search keys.
//!
//! Architecture invariant: this crate does no I/O (no files, no network, no
//! database, no clock: "today" is always a parameter) and knows nothing of
//! SQL, HTTP or spreadsheets.

pub mod access;
pub mod date;
pub mod members;
pub mod name;
pub mod org;
pub mod search;
pub mod sheet_header;
pub mod text;

pub use access::Role;
pub use members::{BaseCount, Condition, ConditionKind, Gender, Member, MemberStanding};
pub use name::{NameCollator, PersonName};
pub use org::{OrgCode, OrgKind, OrgPath};
pub use search::search_key;
