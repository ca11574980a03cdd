//! Elections inside the application (issue 16; `election-rules.md`): a
//! congress's elections, the counting pages of the board's clerks, the
//! congress's decisions and the results; `floor` the electronic votes on
//! the floor. Every read and write goes through the store's facets.

pub(crate) mod floor;

use crate::routes::FeatureRoutes;

/// The election pages and API operations.
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new().merge(floor::routes())
}
