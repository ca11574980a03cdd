//! The JSON API under `/api/v1` (after crates.io's controllers): one file
//! per action in each feature's `api` folder (`orgs/api/show.rs`,
//! `members/api/show.rs`, …), each a free `async fn` with a
//! `#[utoipa::path]`, registered by the feature's `routes()`. [`registration`]
//! adds them all to one `OpenApiRouter`, which yields both the routes and the
//! OpenAPI document (served at `/api/openapi.json`, locked by a snapshot
//! test), so neither can drift from the other. `docs/api.md` is the guide.
//! This module holds what the features' handlers share.
//!
//! Architecture invariant: handlers take an [`auth::ApiCaller`] (a bearer
//! token's user) and reach data only through its scoped view, like pages.
//! Every error is an [`error::ApiError`] in one envelope.

pub mod auth;
pub mod error;
pub mod schema;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use daihoi_core::date::{from_iso, iso};
use serde::Deserialize;
use time::Date;
use utoipa::openapi::Required;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};

use crate::access::AppState;
use error::{ApiError, ApiResult};

/// Where the OpenAPI document is served.
pub const OPENAPI_PATH: &str = "/api/openapi.json";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "daihoi API",
        description = "What the pages of a Party committee's application read and change, with the roles of \
                       the token's user, through the same checks: the organization tree and its history, \
                       members and the member file, the document register, its files and links, the \
                       conferences that studied documents, implementation tasks with their logs, targets and \
                       readings, the tracking dashboard and periodic reports, and the audit log. Every error \
                       has the body `{\"error\": {\"code\", \"message\"}}`, with `\"rule\"` when a rule \
                       refused the request (TEXT-1, O-CODE-1, O-DATE-1, O-CURRENT-1, O-KIND-1, D-NUM-…, \
                       D-LINK-1). See docs/api.md, docs/org-tree.md and docs/tracking.md."
    ),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    components(schemas(error::ErrorBody, error::ErrorCode)),
    tags(
        (name = "orgs", description = "Organizations of the Party tree, on a date"),
        (name = "members", description = "Party members"),
        (name = "documents", description = "The document register (sổ văn bản): documents, links, files"),
        (name = "dissemination", description = "Conferences that studied documents (quán triệt), attendance"),
        (name = "audit", description = "The audit log, as far as the caller may read it"),
        (name = "tasks", description = "Implementation tasks, their logs and targets, and the tracking of a subtree"),
        (name = "congresses", description = "Congresses across the tree: rounds and their [open] questions, \
                                             plans, gates, the campaign of a subtree"),
        (name = "elections", description = "Elections of a congress (190-QĐ/TW): lists, rounds, ballots entered \
                                            twice by the board's clerks, rulings, counts, decisions"),
        (name = "congress_documents", description = "A congress's drafts (C-PLAN-7) in numbered versions, the \
                                                     comments and amendments of the organizations below and the \
                                                     drafting team's dispositions (C-PLAN-6)"),
        (name = "petitions", description = "Petitions, complaints and denunciations (P-1…P-10): cases on legal \
                                            clocks, the filer's identity apart for those cleared for it"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        openapi.info.version = env!("CARGO_PKG_VERSION").to_owned();
        let mut scheme = Http::new(HttpAuthScheme::Bearer);
        scheme.description = Some("An API token (dh_…) made on the account page.".to_owned());
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// Every API endpoint the features register (`operations`, in their
/// order), registered once: routes and document together.
fn registration(operations: Vec<UtoipaMethodRouter<AppState>>) -> OpenApiRouter<AppState> {
    operations.into_iter().fold(OpenApiRouter::with_openapi(ApiDoc::openapi()), OpenApiRouter::routes)
}

/// The OpenAPI document of the API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    registration(crate::features().api).split_for_parts().1
}

/// The API's routes (`operations`, the features' API registrations) and
/// `/api/openapi.json`. A method a path does not take is answered in the
/// envelope; so are unknown `/api` paths, by the application's fallback
/// ([`is_api_path`]).
pub(crate) fn router(operations: Vec<UtoipaMethodRouter<AppState>>) -> Router<AppState> {
    let (router, spec) = registration(operations).split_for_parts();
    let spec = spec.to_pretty_json().expect("the OpenAPI document serializes");
    router
        .route(
            OPENAPI_PATH,
            get(move || async move { ([(header::CONTENT_TYPE, "application/json")], spec).into_response() }),
        )
        .method_not_allowed_fallback(error::wrong_method)
}

/// Whether a request path belongs to the API (its errors are JSON).
pub(crate) fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// `?date=yyyy-mm-dd`: the date to read the tree on; today in Vietnam when absent.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OnDate {
    /// `yyyy-mm-dd`; when absent, today in Vietnam. Present and empty
    /// (`date=`) is not a date: 400.
    #[param(format = Date, example = "2026-11-28")]
    pub date: Option<String>,
}

/// `{code}`: an organization code in a path, with the pattern and length
/// `OrgCode::parse` accepts (written by hand: utoipa drops `required` and
/// the description of a parameter whose schema is given by a function).
#[derive(Debug, Deserialize)]
pub struct CodePath {
    pub code: String,
}

impl IntoParams for CodePath {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            ParameterBuilder::new()
                .name("code")
                .parameter_in(ParameterIn::Path)
                .required(Required::True)
                .description(Some("Organization code (`QN.DH.QT`; case does not matter)"))
                .schema(Some(schema::org_code()))
                .build(),
        ]
    }
}

impl OnDate {
    pub fn resolve(&self) -> ApiResult<Date> {
        optional_date("date", self.date.as_deref())
    }
}

/// A `yyyy-mm-dd` field or parameter named `name`; today when absent. A
/// value that is present must be a date, exactly as the document's `format:
/// date` says: an empty one (`date=`) is a 400 that names the parameter, not
/// today.
pub(crate) fn optional_date(name: &str, text: Option<&str>) -> ApiResult<Date> {
    match text {
        None => Ok(crate::page::today()),
        Some("") => Err(ApiError::bad_request(format!(
            "{name}: empty; expected a date yyyy-mm-dd (leave {name} out for today)"
        ))),
        Some(text) => from_iso(text)
            .ok_or_else(|| ApiError::bad_request(format!("{name}: {text:?} is not a date (expected yyyy-mm-dd)"))),
    }
}

/// The query of a file's import (`/api/v1/orgs/{code}/import`,
/// `/api/v1/orgs/{code}/tracking/tasks-file`): its bytes are the body.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// The file's name; its extension says its format: `.xlsx` (or
    /// `.xlsm`), `.xls`, `.ods`, `.csv` (or `.tsv`, `.txt`), in any case.
    #[param(
        example = "nhiem-vu.xlsx",
        min_length = 1,
        max_length = 255,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*\.([xX][lL][sS][xXmM]?|[oO][dD][sS]|[cCtT][sS][vV]|[tT][xX][tT])$"
    )]
    pub name: String,
    /// Check every row without writing (the page's preview).
    #[serde(default)]
    pub dry_run: bool,
}

/// The file an import names, checked as the document says (400
/// otherwise), and the format its extension says.
pub(crate) fn import_file(query: &ImportQuery) -> ApiResult<(String, daihoi_sheets::Format)> {
    let file = &query.name;
    if file.is_empty() || file.chars().count() > 255 || file.chars().any(char::is_control) {
        return Err(ApiError::bad_request("name: 1 to 255 characters without control characters"));
    }
    file.rsplit_once('.')
        .and_then(|(_, extension)| daihoi_sheets::Format::from_path(std::path::Path::new(&format!("file.{extension}"))))
        .map(|format| (file.clone(), format))
        .ok_or_else(|| ApiError::bad_request(format!("name: {file} is not a .xlsx, .xls, .ods or .csv file")))
}

/// A field whose value must be one of `allowed` (as the document's enum): 400 otherwise.
pub(crate) fn enum_field(name: &str, value: Option<&str>, allowed: &[&str]) -> ApiResult<()> {
    match value {
        Some(v) if !allowed.contains(&v) => {
            Err(ApiError::bad_request(format!("{name}: {v:?} is not one of: {}", allowed.join(", "))))
        }
        _ => Ok(()),
    }
}

/// A JSON number that is an integer: `7`, `7.0`, or a float within a
/// relative 1e-12 of one (JSON readers may parse `3765690957769366.0` a few
/// ulps off; for JSON Schema `15.0` is the integer 15).
pub(crate) fn json_integer(n: &serde_json::Number) -> Option<i64> {
    match n.as_i64() {
        Some(v) => Some(v),
        None => n
            .as_f64()
            .filter(|f| f.abs() < 9.2e18 && (f - f.round()).abs() <= 1e-12 * f.abs().max(1.0))
            .map(|f| f.round() as i64),
    }
}

/// A code the client sent (in a path or a field named `name`), as the
/// document's pattern says: no spaces around it, no empty segment. 400
/// when it is not a code.
pub(crate) fn code_param(name: &str, text: &str) -> ApiResult<daihoi_core::OrgCode> {
    let parsed = (text == text.trim()).then(|| daihoi_core::OrgCode::parse(text));
    match parsed {
        Some(Ok(code)) => Ok(code),
        Some(Err(e)) => Err(ApiError::bad_request(format!("{name}: {e}"))),
        None => Err(ApiError::bad_request(format!("{name}: {text:?} has spaces around it"))),
    }
}

/// A date as the API writes it.
pub(crate) fn date_text(date: Date) -> String {
    iso(date)
}
