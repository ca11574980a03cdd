//! Congress documents (văn kiện đại hội; issue 17, C-PLAN-5…7): the
//! congress's drafts with their classification (T-6), one draft's
//! versions with their sections, paragraph and line numbers, the drafting
//! team, the comments and amendments with the team's dispositions, the
//! accepted amendments taken into the next version, the drafts sent down
//! and the coverage of the syntheses sent up (`pages.rs`); a new version
//! written on the page or read from a `.docx` off the async workers
//! (`versions.rs`); the lower organization's side, the drafts it received,
//! its comments and its synthesis (`received.rs`); the synthesis of
//! comments as a Party document (PDF, `.docx`) and a workbook, the
//! drafting team's and each organization's sent up, and the higher
//! level's read-only view of what each sent (`report.rs`); the resolution
//! adopted with its targets and tasks, and a review report's section
//! computed from the previous resolution's tracking (`resolution.rs`);
//! comments recorded on the congress's own draft (`comments.rs`); the same
//! through the JSON API (`api.rs`). Every read and write goes through the store's
//! `congress_documents()` facet.

pub mod api;
pub(crate) mod comments;
pub(crate) mod pages;
pub(crate) mod received;
pub(crate) mod report;
pub mod resolution;
pub(crate) mod versions;
mod view;

use utoipa_axum::routes;

use crate::routes::FeatureRoutes;

/// The most bytes of a new version's upload: a `.docx` within the reader's
/// default limit, or a text typed on the page.
pub const MAX_VERSION_UPLOAD_BYTES: usize = 20 * 1024 * 1024;

/// The pages and API operations of congress documents.
pub(crate) fn routes() -> FeatureRoutes {
    FeatureRoutes::new()
        .get("/orgs/{code}/congress/documents", pages::list)
        .post("/orgs/{code}/congress/documents", pages::create)
        .get("/orgs/{code}/congress/documents/{document}", pages::show)
        .upload("/orgs/{code}/congress/documents/{document}/versions", MAX_VERSION_UPLOAD_BYTES, versions::add)
        .get("/orgs/{code}/congress/documents/{document}/diff", pages::diff)
        .get("/orgs/{code}/congress/documents/{document}/report", report::download)
        .get("/orgs/{code}/congress/documents/{document}/syntheses/{sender}", report::show_sent)
        .get("/orgs/{code}/congress/documents/{document}/syntheses/{sender}/report", report::download_sent)
        .post("/orgs/{code}/congress/documents/{document}/team", pages::team)
        .post("/orgs/{code}/congress/documents/{document}/comments", comments::comment)
        .post("/orgs/{code}/congress/documents/{document}/comments/{comment}/disposition", pages::dispose)
        .post("/orgs/{code}/congress/documents/{document}/apply", pages::apply)
        .post("/orgs/{code}/congress/documents/{document}/sent", pages::send_down)
        .post("/orgs/{code}/congress/documents/{document}/synthesis", pages::send_up)
        .get("/orgs/{code}/congress/resolution", resolution::show)
        .post("/orgs/{code}/congress/resolution", resolution::adopt)
        .get("/orgs/{code}/congress/documents/{document}/review", resolution::review)
        .post("/orgs/{code}/congress/documents/{document}/review", resolution::insert_section)
        .get("/orgs/{code}/congress/received", received::list)
        .get("/orgs/{code}/congress/received/{document}", received::show)
        .post("/orgs/{code}/congress/received/{document}/comments", received::comment)
        .post("/orgs/{code}/congress/received/{document}/synthesis", received::synthesis)
        .get("/orgs/{code}/congress/received/{document}/report", report::download_own)
        .api(routes!(api::list, api::create))
        .api(routes!(api::show))
        .api(routes!(api::versions, api::add_version))
        .api(routes!(api::add_docx))
        .api(routes!(api::diff))
        .api(routes!(api::team, api::add_to_team))
        .api(routes!(api::comments, api::record_own_comment))
        .api(routes!(api::dispose))
        .api(routes!(api::apply))
        .api(routes!(api::coverage, api::send_down))
        .api(routes!(api::received))
        .api(routes!(api::received_document))
        .api(routes!(api::received_comments, api::record_comment))
        .api(routes!(api::send_synthesis))
        .api(routes!(api::send_synthesis_up))
        .api(routes!(api::synthesis_report))
        .api(routes!(api::sent_synthesis))
        .api(routes!(api::sent_synthesis_report))
        .api(routes!(api::own_synthesis_report))
        .api(routes!(resolution::resolution, resolution::adopt_api))
        .api(routes!(resolution::review_api, resolution::insert_api))
}
