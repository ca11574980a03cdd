//! The audit log's page.

pub(crate) mod pages;

use crate::routes::FeatureRoutes;

/// The audit log's page.
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new().get("/audit", pages::list)
}
