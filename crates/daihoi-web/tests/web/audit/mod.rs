//! The audit log on the web: its API (`api`; the page is walked by
//! `matrix` and `classified`).

mod api;
