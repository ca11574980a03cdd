//! Integration tests of the store: every test runs on SQLite and, when
//! `DAIHOI_TEST_POSTGRES_URL` is set, on PostgreSQL (see daihoi-test-support).

mod accounts;
mod by_name;
mod classified;
mod dissemination;
mod documents;
mod members;
mod orgs;
mod reports;
mod schema;
mod statements;
mod task_import;
mod task_lists;
mod tasks;
mod tasks_create;
mod text;
mod tracking;
mod writes;
