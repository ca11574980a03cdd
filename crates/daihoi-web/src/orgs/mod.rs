//! Organizations: the home page, the tree on a date, an organization's page,
//! and the API's `/api/v1/orgs` (list, create, show, rename, children, a
//! subtree's members, history, move, merge, dissolve).

pub mod api;
pub(crate) mod pages;

use utoipa_axum::routes;

use crate::routes::FeatureRoutes;

/// The organization pages and API operations.
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new()
        .get("/", pages::home)
        .get("/tree", pages::tree)
        .get("/orgs/{code}", pages::show)
        .api(routes!(api::list::list, api::create::create))
        .api(routes!(api::show::show, api::rename::rename))
        .api(routes!(api::children::children))
        .api(routes!(api::members::members))
        .api(routes!(api::history::history))
        .api(routes!(api::move_org::move_org))
        .api(routes!(api::merge::merge))
        .api(routes!(api::dissolve::dissolve))
}
