//! Tasks on the web: giving and cascading them, targets and the task file
//! (`create`); a task's log, readings, the tracking rules, the dashboard
//! and the periodic report (`events`); the same through the JSON API (`api`).

mod api;
mod create;
mod events;
mod figures;
pub(crate) mod party_report;
mod task_list;
