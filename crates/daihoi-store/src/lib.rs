//! Storage of daihoi on SQLite (the embedded default) and PostgreSQL (large
//! deployments), through one SQL text.
//!
//! Architecture invariant: this is the only crate that contains SQL. Every
//! query is written once and runs on both engines through sqlx's `Any`
//! driver, its columns read by name; only the DDL differs
//! (`migrations/sqlite`, `migrations/postgres`, history in their README).
//! Values cross the boundary as the types both engines share: `BIGINT` ids,
//! `TEXT` (dates are ISO `yyyy-mm-dd` text), `BLOB`/`BYTEA` sort keys.
//!
//! A folder per feature: [`orgs`] (the tree and its history), [`members`]
//! (members, memberships, conditions, the base count, import), [`accounts`]
//! (users, roles, passwords, API tokens, session rows), [`audit`] (the
//! hash-chained log), [`documents`] (the register), [`dissemination`]
//! (conferences and the coverage of a document), [`tasks`] (implementation
//! tasks, targets, lists, reports, tracking rules, the task file). Each has
//! its capability facet in `access.rs`, obtained from the [`Scoped`] view
//! ([`access`]) a viewer gets, and its permissions in a pure `policy.rs`;
//! every write goes through the one audited write (`write.rs`). [`demo`]
//! loads the generated demo scenario.

pub mod access;
pub mod accounts;
pub mod audit;
pub mod congress_documents;
pub mod congresses;
mod db;
pub mod demo;
pub mod dissemination;
pub mod documents;
pub mod elections;
mod error;
mod kept;
pub mod members;
pub mod orgs;
pub mod petitions;
mod placeholders;
pub mod tasks;
mod write;

pub use access::{Reach, Scoped, Viewer};
pub use db::{Db, Engine, Generations};
pub use error::{StoreError, StoreResult};
