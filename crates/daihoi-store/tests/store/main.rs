//! Integration tests of the store: every test runs on SQLite and, when
//! `DAIHOI_TEST_POSTGRES_URL` is set, on PostgreSQL (see daihoi-test-support).
//!
//! A folder per feature, as the store's `src/` (`tasks/create.rs` tests
//! `tasks/create.rs`); cross-cutting: columns read by name (`by_name`),
//! T-6 across features (`classified`), the migrations' schema (`schema`),
//! every statement prepared (`statements`), TEXT-1 (`text`), one audit entry
//! per change on every write path (`writes`).

mod accounts;
mod congress_documents;
mod congresses;
mod dissemination;
mod documents;
mod elections;
mod elections_after;
mod elections_floor;
mod members;
mod orgs;
mod petitions;
mod tasks;

mod by_name;
mod classified;
mod schema;
mod statements;
mod text;
mod writes;
