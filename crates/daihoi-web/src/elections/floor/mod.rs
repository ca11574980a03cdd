//! Electronic votes on the floor of a congress (issue 16 §5): the congress
//! office's page (`office`: turn them on, PINs, open and close a vote, the
//! live count and who has not voted, the declaration), a delegate's page
//! (`delegate`: sign-in with card and PIN, the vote open, three big
//! buttons, a secret ballot's receipt), the live updates by server-sent
//! events (`live`), and the same through the JSON API (`api`). Every read
//! and write goes through the store's `floor_votes()` facet: the office's
//! with the signed-in user's view, a delegate's with their pass's.

pub mod api;
pub(crate) mod delegate;
pub(crate) mod live;
pub(crate) mod office;

use utoipa_axum::routes;

use crate::routes::FeatureRoutes;

/// The floor votes' pages and API operations.
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new()
        .get("/orgs/{code}/congress/floor", office::page)
        .post("/orgs/{code}/congress/floor", office::enable)
        .get("/orgs/{code}/congress/floor/events", office::events)
        .post("/orgs/{code}/congress/floor/pins", office::pins)
        .post("/orgs/{code}/congress/floor/votes", office::open)
        .post("/orgs/{code}/congress/floor/votes/{vote}/close", office::close)
        .post("/orgs/{code}/congress/floor/votes/{vote}/declaration", office::declare)
        .get("/floor/{congress}", delegate::page)
        .post("/floor/{congress}/sign-in", delegate::sign_in)
        .post("/floor/{congress}/sign-out", delegate::sign_out)
        .post("/floor/{congress}/ballot", delegate::ballot)
        .get("/floor/{congress}/events", delegate::events)
        .get("/floor/{congress}/votes/{vote}/receipts", delegate::receipts)
        .api(routes!(api::office::show, api::office::enable))
        .api(routes!(api::office::pins))
        .api(routes!(api::office::open))
        .api(routes!(api::office::vote))
        .api(routes!(api::office::close))
        .api(routes!(api::office::declare))
        .api(routes!(api::delegate::sign_in))
        .api(routes!(api::delegate::show))
        .api(routes!(api::delegate::ballot))
}
