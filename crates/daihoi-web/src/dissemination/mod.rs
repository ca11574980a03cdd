//! Dissemination (the web's URLs say `disseminations`): the conferences held
//! in a subtree, a conference with its attendance, attendance added later,
//! the report on a document's dissemination in a subtree (`report`);
//! the same as API operations (a conference is recorded on its document:
//! `documents/api/disseminate.rs`).

pub mod api;
pub(crate) mod pages;
pub(crate) mod report;

use utoipa_axum::routes;

use crate::routes::FeatureRoutes;

/// The conference pages and API operations.
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new()
        .get("/orgs/{code}/disseminations", pages::list)
        .get("/disseminations/{id}", pages::show)
        .get("/documents/{id}/dissemination-report", report::download)
        .upload("/disseminations/{id}/attendance", crate::members::import::MAX_UPLOAD_BYTES, pages::add_attendance)
        .api(routes!(api::list::list))
        .api(routes!(api::show::show))
        .api(routes!(api::attendance::add))
        .api(routes!(api::report::dissemination_report))
}
