//! Party documents (văn bản của Đảng): their numbers (số và ký hiệu), their
//! identity and the links between them, as `shared/domain/documents-and-tracking.md`
//! states them. Each rule's ID (D-NUM-1 … D-NUM-5, D-LINK-1) is cited where
//! it is applied and in its test.
//!
//! - [`number`]: [`parse_number`] reads `Số: 23 - NQ/TU` into a
//!   [`DocNumber`] shown as `23-NQ/TU`, with warnings for what it corrected,
//!   and refuses a State number (`30/2020/NĐ-CP`) saying what it is.
//!   [`DocKey`] is a document's identity: a number alone is not (D-NUM-5).
//! - [`registry`]: the document types and issuers, as data
//!   ([`Registry::default_party`], plus an organization's own).
//! - [`link`]: guides, implements, replaces, amends ([`LinkKind`]), with the
//!   checks a store runs before it records a link.
//!
//! **Architecture invariant:** pure. No I/O, no clock ("today" and issue
//! dates are parameters), no async, no database: the store keeps documents
//! and links; this crate says what a number means and whether a link is
//! allowed.

pub mod link;
pub mod number;
pub mod registry;

pub use link::{Direction, Link, LinkError, LinkKind, would_cycle};
pub use number::{
    DocKey, DocNumber, DocType, Issuer, NumberError, NumberWarning, Parsed, Part, parse_dated, parse_number,
};
pub use registry::{Evidence, IssuerEntry, Registry, RegistryError, TypeEntry};
