//! Congresses across the tree (issue 15; `congress.md` C-PLAN, C-DEL-5): the
//! rounds and a round's settings with its \[open\] questions and the answers
//! people recorded (`pages`: `/rounds`, `/rounds/{round}`; `settings`: a
//! setting changed, with who decided, when, why and its source), a subtree's
//! campaign and one organization's congress with its plan, gates and the
//! higher approval of its dates (`/orgs/{code}/congresses`,
//! `/orgs/{code}/congress`); the same through the JSON API (`api`). Every
//! read and write goes through the store's `congresses()` facet; this module
//! only puts the domain's values into words.

pub(crate) mod agenda;
pub(crate) mod allocation;
pub mod api;
pub(crate) mod check_in;
pub(crate) mod committee;
pub(crate) mod files;
pub(crate) mod pages;
pub(crate) mod plans_file;
pub(crate) mod prints;
pub(crate) mod report;
pub(crate) mod roll;
pub(crate) mod settings;
pub(crate) mod view;

use utoipa_axum::routes;

use crate::routes::FeatureRoutes;

/// The congress pages and API operations (the check-in of a session and
/// the base of a vote: `check_in`, `api::attendance`).
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new()
        .get("/rounds", pages::rounds)
        .post("/rounds", pages::create_round)
        .get("/rounds/{round}", pages::round)
        .post("/rounds/{round}/answers", pages::answer)
        .post("/rounds/{round}/settings/{key}", settings::change)
        .get("/orgs/{code}/congresses", pages::campaign)
        .get("/orgs/{code}/congresses/report", report::download)
        .get("/orgs/{code}/congresses/plans-file", plans_file::page)
        .get("/orgs/{code}/congresses/plans-file/download", plans_file::download)
        .upload("/orgs/{code}/congresses/plans-file", plans_file::MAX_UPLOAD_BYTES, plans_file::upload)
        .get("/orgs/{code}/congress", pages::congress)
        .post("/orgs/{code}/congress", pages::plan)
        .post("/orgs/{code}/congress/gates", pages::gate)
        .post("/orgs/{code}/congress/date-approval", pages::approve_dates)
        .post("/orgs/{code}/congress/kind-decision", pages::decide_kind)
        .get("/orgs/{code}/congress/roll", roll::page)
        .post("/orgs/{code}/congress/delegates", roll::add_delegate)
        .post("/orgs/{code}/congress/exclusions", roll::record_exclusion)
        .get("/orgs/{code}/congress/check-in", check_in::page)
        .post("/orgs/{code}/congress/check-in", check_in::check_in)
        .post("/orgs/{code}/congress/sessions", check_in::open_session)
        .post("/orgs/{code}/congress/absences", check_in::record_absence)
        .post("/orgs/{code}/congress/replacements", check_in::replace)
        // The roll file and a session's attendance file (`files`).
        .get("/orgs/{code}/congress/roll-file", files::roll_page)
        .get("/orgs/{code}/congress/roll-file/download", files::roll_download)
        .upload("/orgs/{code}/congress/roll-file", files::MAX_UPLOAD_BYTES, files::roll_upload)
        .get("/orgs/{code}/congress/attendance-file", files::attendance_page)
        .get("/orgs/{code}/congress/attendance-file/download", files::attendance_download)
        .upload("/orgs/{code}/congress/attendance-file", files::MAX_UPLOAD_BYTES, files::attendance_upload)
        .get("/orgs/{code}/congress/allocation-file", files::allocation_page)
        .get("/orgs/{code}/congress/allocation-file/download", files::allocation_download)
        .upload("/orgs/{code}/congress/allocation-file", files::MAX_UPLOAD_BYTES, files::allocation_upload)
        .api(routes!(api::files::export_roll, api::files::import_roll))
        .api(routes!(api::files::export_allocation, api::files::import_allocation))
        .api(routes!(api::files::export_attendance, api::files::import_attendance))
        .api(routes!(api::rounds::list, api::rounds::create))
        .api(routes!(api::rounds::show))
        .api(routes!(api::rounds::answer))
        .api(routes!(api::settings::change))
        .api(routes!(api::campaign::campaign))
        .api(routes!(api::plans::export, api::plans::import))
        .api(routes!(api::plans::report))
        .api(routes!(api::congress::show, api::congress::plan))
        .api(routes!(api::congress::gate))
        .api(routes!(api::congress::approve_dates))
        .api(routes!(api::congress::decide_kind))
        .api(routes!(api::attendance::roll))
        .api(routes!(api::attendance::committee))
        .api(routes!(api::attendance::add_delegate))
        .api(routes!(api::attendance::record_exclusion))
        .api(routes!(api::attendance::check_in))
        .api(routes!(api::attendance::open_session))
        .api(routes!(api::attendance::base))
        .api(routes!(api::attendance::record_absence))
        .api(routes!(api::attendance::replacements, api::attendance::replace))
        // The credentials report and the delegate cards (`prints`).
        .get("/orgs/{code}/congress/credentials", prints::credentials)
        .get("/orgs/{code}/congress/cards", prints::cards)
        .api(routes!(api::prints::credentials_report))
        .api(routes!(api::prints::cards))
        // Committee seats (C-PER-10) and the delegate allocation (C-DEL-1…8).
        .get("/orgs/{code}/committee", committee::page)
        .post("/orgs/{code}/committee/seats", committee::record_seat)
        .post("/orgs/{code}/committee/seats/{id}/end", committee::end_seat)
        .get("/orgs/{code}/congress/allocation", allocation::page)
        .post("/orgs/{code}/congress/allocation", allocation::decide)
        .api(routes!(api::committee::record_seat))
        .api(routes!(api::committee::end_seat))
        .api(routes!(api::committee::history))
        .api(routes!(api::allocation::show, api::allocation::decide))
        .api(routes!(api::allocation::proposal))
        // The programme, its bodies and votes by show of hands (issue 15 §8).
        .get("/orgs/{code}/congress/agenda", agenda::page)
        .post("/orgs/{code}/congress/agenda/items", agenda::add_item)
        .post("/orgs/{code}/congress/agenda/items/{item}", agenda::mark_item)
        .post("/orgs/{code}/congress/agenda/items/{item}/move", agenda::move_item)
        .post("/orgs/{code}/congress/agenda/items/{item}/remove", agenda::remove_item)
        .post("/orgs/{code}/congress/agenda/bodies/{body}/members", agenda::add_member)
        .post("/orgs/{code}/congress/agenda/votes", agenda::record_vote)
        .api(routes!(api::agenda::show))
        .api(routes!(api::agenda::add_item))
        .api(routes!(api::agenda::mark_item))
        .api(routes!(api::agenda::move_item))
        .api(routes!(api::agenda::remove_item))
        .api(routes!(api::agenda::add_member))
        .api(routes!(api::agenda::record_vote))
}
