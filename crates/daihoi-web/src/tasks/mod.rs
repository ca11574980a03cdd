//! Implementation tasks: giving a task and cascading it (`create`), its page
//! (`show`), the forms that add to its log and a target's readings
//! (`events`), the tracking rules of a subtree (`settings`), the subtree's
//! dashboard (`dashboard`), periodic report (`report`) and task list as a
//! Party document (`list`), and the task file
//! downloaded and imported with a preview (`file`); the same through the
//! JSON API (`api`).

pub mod api;
pub(crate) mod create;
pub(crate) mod dashboard;
pub(crate) mod events;
pub(crate) mod file;
pub(crate) mod list;
pub(crate) mod report;
pub(crate) mod settings;
pub(crate) mod show;

use utoipa_axum::routes;

use crate::routes::FeatureRoutes;

/// The task pages and API operations.
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new()
        .get("/orgs/{code}/tracking", dashboard::dashboard)
        .get("/orgs/{code}/tracking/report", report::report)
        .post("/orgs/{code}/tracking/report/register", report::register)
        .get("/orgs/{code}/tracking/task-list", list::download)
        .get("/tasks/new", create::new_form)
        .post("/tasks", create::create)
        .get("/tasks/{id}", show::show)
        .post("/tasks/{id}/cascade", create::cascade)
        .post("/tasks/{id}/targets", create::add_target)
        .get("/orgs/{code}/tracking/tasks-file/download", file::download)
        .post("/orgs/{code}/tracking/tasks-file/{id}", file::confirm)
        .post("/tasks/{id}/events", events::record)
        .post("/tasks/{id}/receipt", events::receive)
        .post("/tasks/{id}/targets/{target}/readings", events::reading)
        .get("/orgs/{code}/tracking/tasks-file", file::page)
        .upload("/orgs/{code}/tracking/tasks-file", file::MAX_UPLOAD_BYTES, file::upload)
        .get("/orgs/{code}/tracking/settings", settings::settings)
        .post("/orgs/{code}/tracking/settings", settings::save_settings)
        .api(routes!(api::create::create))
        .api(routes!(api::show::show))
        .api(routes!(api::cascade::cascade))
        .api(routes!(api::events::record))
        .api(routes!(api::targets::add))
        .api(routes!(api::readings::record))
        .api(routes!(api::receipt::receive))
        .api(routes!(api::dashboard::dashboard))
        .api(routes!(api::report::report))
        .api(routes!(api::list::task_list))
        .api(routes!(api::register::register))
        .api(routes!(api::settings::settings, api::settings::set_settings))
        .api(routes!(api::file::export, api::file::import))
}
