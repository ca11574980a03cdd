//! Electronic votes on the floor of a congress (issue 16 §5).

use crate::routes::FeatureRoutes;

/// The floor votes' pages and API operations.
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new()
}
