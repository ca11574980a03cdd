//! `/api/v1/orgs/{code}/congresses/plans-file`: the plan file of a
//! campaign (C-PLAN-1…5), downloaded (`GET`) and imported (`POST`) as the
//! page does: the same file, the same checks, the same write; `dry_run`
//! checks without writing.

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::query_round;
use crate::access::AppState;
use crate::api::CodePath;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::congresses::plans_file::{MAX_UPLOAD_BYTES, import_plan_file, plan_file_bytes, plan_file_response};
use crate::members::api::export::FileFormat;
use crate::orgs::api::find;
use crate::page::today;
use crate::tasks::api::english;
use crate::tasks::file::encoding_name;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlanFileQuery {
    /// The round's code (default: the latest round).
    #[param(example = "2025-2030")]
    pub round: Option<String>,
    /// `xlsx` (default) or `csv`.
    #[param(inline)]
    pub format: Option<FileFormat>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlanImportQuery {
    /// The round's code (default: the latest round).
    #[param(example = "2025-2030")]
    pub round: Option<String>,
    /// The file's name; its extension says its format: `.xlsx` (or
    /// `.xlsm`), `.xls`, `.ods`, `.csv` (or `.tsv`, `.txt`), in any case.
    #[param(
        example = "ke-hoach.xlsx",
        min_length = 1,
        max_length = 255,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*\.([xX][lL][sS][xXmM]?|[oO][dD][sS]|[cCtT][sS][vV]|[tT][xX][tT])$"
    )]
    pub name: String,
    /// Check every row without writing.
    #[serde(default)]
    pub dry_run: bool,
}

/// The plan file of the subtree in a round: one row per organization the
/// caller reads, with its plan where one is entered, in the columns an
/// import reads back unchanged (docs/congresses.md). For those who plan
/// the organization's congress.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congresses/plans-file",
    tag = "congresses",
    operation_id = "export_congress_plans",
    params(CodePath, PlanFileQuery),
    responses(
        (status = 200, description = "The plan file, as an attachment",
         headers(("content-disposition" = String, description = "attachment; filename=\"ke-hoach-dai-hoi-….xlsx\"")),
         content(
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (String = "text/csv; charset=utf-8"),
         )),
        (status = 400, description = "A bad code or format", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan this organization's congress", body = ErrorBody),
        (status = 404, description = "No such organization today; no such round, or none is open", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn export(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<PlanFileQuery>,
) -> ApiResult<Response> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = query_round(&scoped, query.round.as_deref()).await?;
    if !scoped.congresses().may_plan(&node) {
        return Err(ApiError::forbidden());
    }
    let xlsx = query.format.unwrap_or_default() == FileFormat::Xlsx;
    let (file, bytes) = plan_file_bytes(&scoped, &round, &node, xlsx).await?.map_err(|e| {
        tracing::error!(error = %e, "the plan file could not be written");
        ApiError::internal()
    })?;
    Ok(plan_file_response(&file, bytes))
}

/// A refused row.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanFileProblem {
    /// The row as the spreadsheet numbers it (1-based).
    pub row: u64,
    /// The column's letter and header: `C (Hình thức đại hội)`.
    #[schema(example = "C (Hình thức đại hội)")]
    pub column: String,
    /// The cell as the file writes it.
    pub value: String,
    /// Why, in English, with the rule where there is one.
    pub message: String,
}

/// What an import did, or would do.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanFileOutcome {
    /// The file's name as sent.
    pub file: String,
    /// The rows read (the header, blank rows and rows without a plan left out).
    pub rows: u64,
    /// Rows that name only their organization, skipped.
    pub skipped: u64,
    /// Congresses entered for the first time.
    pub created: u64,
    /// Congresses whose plan (or plan approval) changed.
    pub changed: u64,
    /// Rows identical to what is stored.
    pub unchanged: u64,
    /// Whether the import was written: never on a dry run, nor when a row is refused.
    pub written: bool,
    /// The legacy encoding the text was converted from (`TCVN3 (ABC)`, `VNI`).
    pub converted_from: Option<String>,
    /// Why the file as a whole cannot be imported (it cannot be read, it
    /// is over the limits, no sheet has the plan file's header).
    pub file_problem: Option<String>,
    /// The refused rows, the first 200; none when written.
    pub problems: Vec<PlanFileProblem>,
    /// How many refused rows there are in all.
    pub problems_total: u64,
}

/// Imports a plan file (xlsx, xls, ods or csv; its bytes are the request's
/// body, its name says its format) into the subtree for a round, as the
/// page does: every cell is checked, then every row against the tree
/// (today), the caller's rights (the plan's approval is the office
/// above's, C-PLAN-5) and the rules of a plan (C-PLAN-1, -3, C-DEL-5);
/// one refused row and nothing is written (422, every refused row listed).
/// A row identical to what is stored writes nothing: importing the same
/// file twice changes nothing the second time. One audit entry
/// (`congress_plan`) per congress written.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congresses/plans-file",
    tag = "congresses",
    operation_id = "import_congress_plans",
    params(CodePath, PlanImportQuery),
    request_body(content = crate::documents::api::FileBytes, content_type = "application/octet-stream",
                 description = "The file's bytes, 1 byte to 20 MiB."),
    responses(
        (status = 200, description = "Imported, or (dry run) every row would be", body = PlanFileOutcome),
        (status = 400, description = "A bad code or name (its extension says no format read here), an empty \
          body or one over 20 MiB", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan this organization's congress", body = ErrorBody),
        (status = 404, description = "No such organization today; no such round, or none is open", body = ErrorBody),
        (status = 422, description = "Nothing was written: the file cannot be imported (`file_problem`) or \
          rows are refused (`problems`)", body = PlanFileOutcome),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn import(
    State(app): State<AppState>,
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<PlanImportQuery>,
    body: Body,
) -> ApiResult<(StatusCode, Json<PlanFileOutcome>)> {
    let tr = english();
    let scoped = caller.scoped();
    let (file, format) =
        crate::api::import_file(&crate::api::ImportQuery { name: query.name.clone(), dry_run: false })?;
    let node = find(&scoped, &code, today()).await?;
    let round = query_round(&scoped, query.round.as_deref()).await?;
    if !scoped.congresses().may_plan(&node) {
        return Err(ApiError::forbidden());
    }
    let bytes = axum::body::to_bytes(body, MAX_UPLOAD_BYTES)
        .await
        .map_err(|_| ApiError::bad_request(crate::page::uploads::too_large_text(tr, MAX_UPLOAD_BYTES)))?;
    if bytes.is_empty() {
        return Err(ApiError::bad_request("body: empty; send the file's bytes"));
    }
    let o = import_plan_file(&app, &scoped, tr, &round, &node, &file, format, bytes, &caller.address, query.dry_run)
        .await?;
    let status = o.status();
    let report = o.report.unwrap_or_default();
    Ok((
        status,
        Json(PlanFileOutcome {
            file,
            rows: o.rows as u64,
            skipped: o.skipped as u64,
            created: report.created as u64,
            changed: report.changed as u64,
            unchanged: report.unchanged as u64,
            written: o.written,
            converted_from: o.converted_from.map(|e| encoding_name(e).to_owned()),
            file_problem: o.file_problem,
            problems: o
                .problems
                .into_iter()
                .map(|p| PlanFileProblem { row: p.row as u64, column: p.column, value: p.value, message: p.message })
                .collect(),
            problems_total: o.problems_total as u64,
        }),
    ))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CampaignReportQuery {
    /// The round's code (default: the latest round).
    #[param(example = "2025-2030")]
    pub round: Option<String>,
    /// `pdf` (default), `docx` or `xlsx`.
    #[param(pattern = "^(pdf|docx|xlsx)$", example = "pdf")]
    pub format: Option<String>,
}

/// The campaign's report (C-PLAN-1…5) as the dashboard's "report" link
/// gives it: a Party document (PDF or .docx: the counts by level class and
/// status, the model, late, coming and warned-about congresses, the
/// questions awaited), or every congress as an Excel workbook. For the
/// readers of the organization's page.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congresses/report",
    tag = "congresses",
    operation_id = "congress_campaign_report",
    params(CodePath, CampaignReportQuery),
    responses(
        (status = 200, description = "The report, as an attachment",
         headers(("content-disposition" = String, description = "attachment; filename=\"dai-hoi-….pdf\"")),
         content(
            (String = "application/pdf"),
            (String = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
         )),
        (status = 400, description = "A bad code or format", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today; no such round, or none is open", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn report(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<CampaignReportQuery>,
) -> ApiResult<Response> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = query_round(&scoped, query.round.as_deref()).await?;
    let format = query.format.as_deref().unwrap_or("pdf");
    crate::api::enum_field("format", Some(format), &["pdf", "docx", "xlsx"])?;
    let campaign = scoped.congresses().campaign(&round, &node, today()).await?;
    let file =
        crate::congresses::report::campaign_file(crate::i18n::Tr::default(), &round, &node, &campaign, format).await;
    crate::party::api_download(file, "the campaign's report")
}
