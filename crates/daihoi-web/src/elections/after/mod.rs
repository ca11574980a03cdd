//! After the count (issue 16 §4; R-AFTER-1…4, R-RANK-4): an election's
//! page after its count (provisional until the higher committee approves,
//! the approval or annulment and what it seated, complaints, the ballots
//! kept), the congress's planned secretary and inspection chair with the
//! higher committee's direction when they are not elected, and the same
//! through the JSON API (`api`). Every read and write goes through the
//! store's `elections()` facet.

pub mod api;
pub(crate) mod pages;

use utoipa_axum::routes;

use crate::routes::FeatureRoutes;

/// The pages and API operations after the count.
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new()
        .get("/orgs/{code}/congress/elections/{election}/after", pages::show)
        .post("/orgs/{code}/congress/elections/{election}/after/outcome", pages::outcome)
        .post("/orgs/{code}/congress/elections/{election}/after/complaints", pages::complaint)
        .post("/orgs/{code}/congress/elections/{election}/after/complaints/{complaint}/settled", pages::settle)
        .post("/orgs/{code}/congress/elections/{election}/after/sealing", pages::seal)
        .post("/orgs/{code}/congress/elections/{election}/after/destruction", pages::destroy)
        .get("/orgs/{code}/congress/planned-leaders", pages::leaders)
        .post("/orgs/{code}/congress/planned-leaders", pages::plan_leader)
        .post("/orgs/{code}/congress/planned-leaders/direction", pages::direct)
        .api(routes!(api::show))
        .api(routes!(api::outcome))
        .api(routes!(api::complaint))
        .api(routes!(api::settle))
        .api(routes!(api::seal))
        .api(routes!(api::destroy))
        .api(routes!(api::leaders, api::plan_leader))
        .api(routes!(api::direct))
}
