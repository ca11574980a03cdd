//! Petitions, complaints and denunciations (đơn thư; issue 18, P-1…P-10):
//! so far the JSON API of cases (`api.rs`): receiving a filing once per
//! matter, a case with its history and its clocks' due dates, the filer's
//! identity for a reader cleared for it (each reading logged), a verifier
//! assigned, routing inside the tree, the events of its handling, and the
//! cases that hold a candidate (P-8). Every read and write goes through
//! the store's `petitions()` facet. The pages come next.

pub mod api;

use utoipa_axum::routes;

use crate::routes::FeatureRoutes;

/// The API operations of petitions.
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new()
        .api(routes!(api::list, api::receive))
        .api(routes!(api::show))
        .api(routes!(api::identity))
        .api(routes!(api::identity_readings))
        .api(routes!(api::assign))
        .api(routes!(api::route))
        .api(routes!(api::record))
        .api(routes!(api::holds))
}
