//! Petitions, complaints and denunciations (đơn thư; issue 18, P-1…P-10):
//! so far the JSON API of cases (`api.rs`): receiving a filing once per
//! matter, a case with its history and its clocks' due dates, the filer's
//! identity for a reader cleared for it (each reading logged), a verifier
//! assigned, routing inside the tree, the events of its handling, and the
//! cases that hold a candidate (P-8); and the pages (`pages.rs`): the
//! register with the reception desk's form, and a case with its clocks
//! and the forms of its handling. Every read and write goes through the
//! store's `petitions()` facet. The legal clocks (the rule table, the
//! calendar, the confirmed years, a due date's computation) have their
//! page (`clocks.rs`) and their API (`clocks_api.rs`). Citizen reception
//! (P-9): a committee's calendar with its heads' compliance, a session
//! with its visits (`reception.rs`), and their API (`reception_api.rs`).

pub mod api;
pub(crate) mod clocks;
pub mod clocks_api;
pub mod cutoff;
pub(crate) mod files;
pub(crate) mod pages;
pub(crate) mod reception;
pub mod reception_api;
pub(crate) mod reports;
pub mod reports_api;

use utoipa_axum::routes;

use crate::routes::FeatureRoutes;

/// The API operations of petitions.
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new()
        .get("/orgs/{code}/petitions", pages::register)
        .post("/orgs/{code}/petitions", pages::receive)
        .get("/petitions/{case}", pages::case)
        .post("/petitions/{case}/assign", pages::assign)
        .post("/petitions/{case}/route", pages::route)
        .post("/petitions/{case}/events", pages::record)
        .post("/petitions/{case}/identity", pages::identity)
        .post("/orgs/{code}/petitions/cutoff", cutoff::set)
        .api(routes!(cutoff::get, cutoff::put))
        .get("/petition-clocks", clocks::page)
        .post("/petition-clocks/rules", clocks::add_rule)
        .post("/petition-clocks/rules/{id}/end", clocks::end_rule)
        .post("/petition-clocks/days", clocks::add_day)
        .post("/petition-clocks/days/{date}/remove", clocks::remove_day)
        .post("/petition-clocks/years", clocks::confirm_year)
        .api(routes!(api::list, api::receive))
        .api(routes!(api::show))
        .api(routes!(api::identity))
        .api(routes!(api::identity_readings))
        .api(routes!(api::assign))
        .api(routes!(api::route))
        .api(routes!(api::record))
        .api(routes!(api::holds))
        .get("/orgs/{code}/petitions/report", reports::page)
        .get("/orgs/{code}/petitions/report/file", reports::file)
        .api(routes!(reports_api::report))
        .api(routes!(reports_api::overdue))
        .api(routes!(reports_api::statistics))
        .api(routes!(clocks_api::clocks))
        .api(routes!(clocks_api::add_rule))
        .api(routes!(clocks_api::end_rule))
        .api(routes!(clocks_api::add_day))
        .api(routes!(clocks_api::remove_day))
        .api(routes!(clocks_api::confirm_year))
        .api(routes!(clocks_api::due))
        .get("/orgs/{code}/reception", reception::page)
        .post("/orgs/{code}/reception", reception::schedule)
        .get("/orgs/{code}/reception/report", reception::report)
        .get("/reception-sessions/{id}", reception::session)
        .post("/reception-sessions/{id}/held", reception::held)
        .post("/reception-sessions/{id}/cancel", reception::cancel)
        .post("/reception-sessions/{id}/visits", reception::visit)
        .api(routes!(reception_api::sessions, reception_api::schedule))
        .api(routes!(reception_api::session))
        .api(routes!(reception_api::held))
        .api(routes!(reception_api::cancel))
        .api(routes!(reception_api::visit))
        .api(routes!(reception_api::filing))
        .api(routes!(reception_api::compliance))
        .api(routes!(reception_api::report))
}
