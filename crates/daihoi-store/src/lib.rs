//! Storage of daihoi on SQLite (the embedded default) and PostgreSQL (large
//! deployments), through one SQL text.
//!
//! Architecture invariant: this is the only crate that contains SQL. Every
//! query is written once with `$n` placeholders and runs on both engines
//! through sqlx's `Any` driver; only the DDL differs (`migrations/sqlite`,
//! `migrations/postgres`). Values cross the boundary as the types both
//! engines share: `BIGINT` ids, `TEXT` (dates are ISO `yyyy-mm-dd` text),
//! `BLOB`/`BYTEA` sort keys. See `CONVENTIONS` in ARCHITECTURE.md.
//!
//! Modules by feature: [`orgs`] (the tree and its history), [`members`]
//! (members, memberships, conditions, the base count, import), [`accounts`]
//! (users, roles, passwords, API tokens, session rows), [`audit`] (the
//! hash-chained log), [`access`] (the [`Scoped`] view a signed-in user gets),
//! [`documents`] (the register), [`dissemination`] (conferences and
//! the coverage of a document), [`demo`] (loading the generated demo
//! scenario).

pub mod access;
pub mod accounts;
pub mod audit;
mod db;
pub mod demo;
pub mod dissemination;
pub mod document_access;
pub mod documents;
mod error;
pub mod members;
pub mod orgs;
mod placeholders;
mod write;
pub mod reports;
pub mod targets;
pub mod task_access;
pub mod task_create;
pub mod task_import;
pub mod task_lists;
pub mod tasks;
pub mod tracking_settings;

pub use access::{Reach, Scoped, Viewer};
pub use db::{Db, Engine};
pub use error::{StoreError, StoreResult};
