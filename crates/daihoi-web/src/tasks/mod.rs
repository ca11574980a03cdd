//! Implementation tasks: giving a task and cascading it (`create`), its page
//! (`show`), the forms that add to its log and a target's readings
//! (`events`), the tracking rules of a subtree (`settings`), the subtree's
//! dashboard (`dashboard`) and periodic report (`report`), and the task file
//! downloaded and imported with a preview (`file`).

pub(crate) mod dashboard;
pub(crate) mod file;
pub(crate) mod show;

use crate::routes::FeatureRoutes;

/// The task pages.
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new()
        .get("/orgs/{code}/tracking", dashboard::dashboard)
        .get("/orgs/{code}/tracking/report", dashboard::report)
        .get("/tasks/new", show::new_form)
        .post("/tasks", show::create)
        .get("/tasks/{id}", show::show)
        .post("/tasks/{id}/cascade", show::cascade)
        .post("/tasks/{id}/targets", show::add_target)
        .get("/orgs/{code}/tracking/tasks-file/download", file::download)
        .post("/orgs/{code}/tracking/tasks-file/{id}", file::confirm)
        .post("/tasks/{id}/events", show::record)
        .post("/tasks/{id}/targets/{target}/readings", show::reading)
        .get("/orgs/{code}/tracking/tasks-file", file::page)
        .upload("/orgs/{code}/tracking/tasks-file", file::MAX_UPLOAD_BYTES, file::upload)
        .get("/orgs/{code}/tracking/settings", show::settings)
        .post("/orgs/{code}/tracking/settings", show::save_settings)
}
