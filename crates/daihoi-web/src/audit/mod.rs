//! The audit log's page, and the API's `/api/v1/audit`.

pub mod api;
pub(crate) mod pages;

use utoipa_axum::routes;

use crate::routes::FeatureRoutes;

/// The audit log's page and API operation.
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new().get("/audit", pages::list).api(routes!(api::list::list))
}
