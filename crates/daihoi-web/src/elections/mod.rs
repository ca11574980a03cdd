//! Elections inside the application (issue 16; `election-rules.md`): a
//! congress's elections, the counting pages of the board's clerks, the
//! congress's decisions and the results (`api`: the same through the JSON
//! API); `floor` the electronic votes on the floor; `after` what follows
//! the count (R-AFTER-1…4, R-RANK-4). Every read and write
//! goes through the store's facets.

pub(crate) mod after;
pub mod api;
pub(crate) mod count;
pub(crate) mod files;
pub(crate) mod floor;
pub(crate) mod pages;
pub(crate) mod projector;

use utoipa_axum::routes;

use crate::routes::FeatureRoutes;

/// The election pages and API operations.
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new()
        .get("/orgs/{code}/congress/elections", pages::list)
        .post("/orgs/{code}/congress/elections", pages::create)
        .get("/orgs/{code}/congress/elections/{election}", pages::show)
        .post("/orgs/{code}/congress/elections/{election}/candidates", pages::add_candidate)
        .post("/orgs/{code}/congress/elections/{election}/withdrawals", pages::withdraw)
        .post("/orgs/{code}/congress/elections/{election}/opinion", pages::opinion)
        .post("/orgs/{code}/congress/elections/{election}/adoption", pages::adopt)
        .post("/orgs/{code}/congress/elections/{election}/staff", pages::assign)
        .post("/orgs/{code}/congress/elections/{election}/ballots-issued", pages::issue)
        .post("/orgs/{code}/congress/elections/{election}/decisions", pages::decide)
        .get("/orgs/{code}/congress/elections/{election}/rounds/{number}/entries", count::entry)
        .post("/orgs/{code}/congress/elections/{election}/rounds/{number}/entries", count::enter)
        .get("/orgs/{code}/congress/elections/{election}/rounds/{number}/ledger", count::board)
        .get("/orgs/{code}/congress/elections/{election}/rounds/{number}/projector", projector::page)
        .get("/orgs/{code}/congress/elections/{election}/rounds/{number}/projector/events", projector::events)
        .post("/orgs/{code}/congress/elections/{election}/rounds/{number}/settlements", count::settle)
        .post("/orgs/{code}/congress/elections/{election}/rounds/{number}/rulings", count::rule)
        .post("/orgs/{code}/congress/elections/{election}/rounds/{number}/close", count::close)
        .get("/orgs/{code}/congress/elections/{election}/minutes", files::minutes)
        .get("/orgs/{code}/congress/elections/{election}/election.toml", files::toml)
        .get("/orgs/{code}/congress/elections/{election}/rounds/{number}/ballots.csv", files::csv)
        .get("/orgs/{code}/congress/elections/{election}/rounds/{number}/ballots.pdf", files::print)
        .upload(
            "/orgs/{code}/congress/elections/{election}/rounds/{number}/ballots-file",
            crate::congresses::files::MAX_UPLOAD_BYTES,
            files::upload,
        )
        .api(routes!(api::prepare::list, api::prepare::create))
        .api(routes!(api::prepare::show))
        .api(routes!(api::prepare::add_candidate))
        .api(routes!(api::prepare::withdraw))
        .api(routes!(api::prepare::opinion))
        .api(routes!(api::prepare::adopt))
        .api(routes!(api::prepare::assign))
        .api(routes!(api::prepare::issue))
        .api(routes!(api::prepare::decide))
        .api(routes!(api::count::entries, api::count::enter))
        .api(routes!(api::count::ledger))
        .api(routes!(api::count::settle))
        .api(routes!(api::count::rule))
        .api(routes!(api::count::close))
        .api(routes!(api::files::minutes))
        .api(routes!(api::files::toml))
        .api(routes!(api::files::csv))
        .api(routes!(api::files::print))
        .api(routes!(api::files::ballots_file))
        .merge(floor::routes())
        .merge(after::routes())
}
