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
pub mod documents;
mod error;
pub mod members;
pub mod orgs;
mod placeholders;
pub mod tasks;
mod write;

pub use access::{Reach, Scoped, Viewer};
pub use db::{Db, Engine};
pub use error::{StoreError, StoreResult};
