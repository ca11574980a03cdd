//! Members: a subtree's member list, a member's page with the forms that
//! keep the member (`keep`), the member import with its preview and
//! template, the member file, and the API's `/api/v1/members/{id}` (read,
//! and the forms' twins),
//! `/api/v1/orgs/{code}/members/export` and `/api/v1/orgs/{code}/import`.

pub mod api;
pub mod file;
pub(crate) mod import;
pub(crate) mod keep;
pub(crate) mod pages;

use utoipa_axum::routes;

use crate::routes::FeatureRoutes;

/// The member pages, the import and the API operations.
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new()
        .get("/orgs/{code}/members", pages::list)
        .get("/members/{id}", pages::show)
        .post("/members/{id}/edit", keep::edit)
        .post("/members/{id}/transfer", keep::transfer)
        .post("/members/{id}/conditions", keep::record_condition)
        .post("/members/{id}/conditions/{condition}/end", keep::end_condition)
        .get("/orgs/{code}/import", import::form)
        .get("/orgs/{code}/import/template", import::template)
        .upload("/orgs/{code}/import", import::MAX_UPLOAD_BYTES, import::upload)
        .post("/orgs/{code}/import/{id}", import::confirm)
        .api(routes!(api::show::show, api::keep::edit))
        .api(routes!(api::keep::transfer))
        .api(routes!(api::keep::record_condition))
        .api(routes!(api::keep::end_condition))
        .api(routes!(api::export::export))
        .api(routes!(api::import::import))
}
