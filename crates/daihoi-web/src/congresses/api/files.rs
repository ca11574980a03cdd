//! `/api/v1/orgs/{code}/congress/roll-file` and `…/attendance-file`: the
//! roll file and a session's attendance file (issue 15, "Bad input"),
//! downloaded (`GET`) and imported (`POST`) as the pages do: the same file,
//! the same checks, the same write; `dry_run` checks without writing.

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use daihoi_store::Scoped;
use daihoi_store::congresses::{Congress, Round};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::query_round;
use crate::access::AppState;
use crate::api::CodePath;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::congresses::files::{
    FileOutcome, MAX_UPLOAD_BYTES, allocation_decision, allocation_file_bytes, attendance_file_bytes,
    import_allocation_file, import_attendance_file, import_roll_file, roll_file_bytes,
};
use crate::congresses::plans_file::plan_file_response;
use crate::members::api::export::FileFormat;
use crate::orgs::api::find;
use crate::page::today;
use crate::tasks::api::english;
use crate::tasks::file::encoding_name;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RollFileQuery {
    /// The round's code (default: the latest round).
    #[param(example = "2025-2030")]
    pub round: Option<String>,
    /// `xlsx` (default) or `csv`.
    #[param(inline)]
    pub format: Option<FileFormat>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AttendanceFileQuery {
    /// The round's code (default: the latest round).
    #[param(example = "2025-2030")]
    pub round: Option<String>,
    /// The session's number.
    #[param(example = 1, minimum = 1)]
    pub session: u32,
    /// `xlsx` (default) or `csv`.
    #[param(inline)]
    pub format: Option<FileFormat>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RollImportQuery {
    /// The round's code (default: the latest round).
    #[param(example = "2025-2030")]
    pub round: Option<String>,
    /// The file's name; its extension says its format: `.xlsx` (or
    /// `.xlsm`), `.xls`, `.ods`, `.csv` (or `.tsv`, `.txt`), in any case.
    #[param(
        example = "danh-sach.xlsx",
        min_length = 1,
        max_length = 255,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*\.([xX][lL][sS][xXmM]?|[oO][dD][sS]|[cCtT][sS][vV]|[tT][xX][tT])$"
    )]
    pub name: String,
    /// Check every row without writing.
    #[serde(default)]
    pub dry_run: bool,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AttendanceImportQuery {
    /// The round's code (default: the latest round).
    #[param(example = "2025-2030")]
    pub round: Option<String>,
    /// The session's number.
    #[param(example = 1, minimum = 1)]
    pub session: u32,
    /// The file's name; its extension says its format: `.xlsx` (or
    /// `.xlsm`), `.xls`, `.ods`, `.csv` (or `.tsv`, `.txt`), in any case.
    #[param(
        example = "diem-danh.xlsx",
        min_length = 1,
        max_length = 255,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*\.([xX][lL][sS][xXmM]?|[oO][dD][sS]|[cCtT][sS][vV]|[tT][xX][tT])$"
    )]
    pub name: String,
    /// Check every row without writing.
    #[serde(default)]
    pub dry_run: bool,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AllocationImportQuery {
    /// The round's code (default: the latest round).
    #[param(example = "2025-2030")]
    pub round: Option<String>,
    /// The file's name; its extension says its format: `.xlsx` (or
    /// `.xlsm`), `.xls`, `.ods`, `.csv` (or `.tsv`, `.txt`), in any case.
    #[param(
        example = "phan-bo.xlsx",
        min_length = 1,
        max_length = 255,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*\.([xX][lL][sS][xXmM]?|[oO][dD][sS]|[cCtT][sS][vV]|[tT][xX][tT])$"
    )]
    pub name: String,
    /// C-DEL-1: the total number of delegates the convening committee
    /// decided (an input, never computed); the rows' seats add up to it.
    #[param(example = 9, minimum = 1, maximum = 999999)]
    pub total: u32,
    /// The decision fixing the total: one line of text (TEXT-1), no
    /// control characters, not only spaces.
    #[param(
        example = "Quyết định 12-QĐ/ĐU",
        min_length = 1,
        max_length = 1000,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*\S[^\u0000-\u001F\u007F-\u009F]*$"
    )]
    pub decision: String,
    /// The decision's day, `yyyy-mm-dd`, not after today.
    #[param(value_type = String, format = Date, example = "2025-04-01")]
    pub decided_on: String,
    /// Check every row without writing.
    #[serde(default)]
    pub dry_run: bool,
}

/// The organization's congress in the round, for its office: 403 to
/// others, 404 when there is no such organization, round or congress.
async fn office(scoped: &Scoped<'_>, code: &str, round: Option<&str>) -> ApiResult<(Round, Congress)> {
    let node = find(scoped, code, today()).await?;
    let round = query_round(scoped, round).await?;
    if !scoped.congresses().may_plan(&node) {
        return Err(ApiError::forbidden());
    }
    let congress = scoped
        .congresses()
        .congress(&round, &node, today())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress of {} in {}", node.code, round.code)))?;
    Ok((round, congress))
}

/// The session, or 404.
async fn open_session(scoped: &Scoped<'_>, congress: &Congress, session: u32) -> ApiResult<()> {
    if scoped.congresses().sessions(congress).await?.iter().any(|s| s.number == session) {
        Ok(())
    } else {
        Err(ApiError::not_found(format!("no session {session}")))
    }
}

/// The roll file of the organization's congress: one row per delegate
/// entered (elected with the electing organization, designated with the
/// decision, alternate with the rank), in the columns an import reads back
/// unchanged. For the congress's office.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/roll-file",
    tag = "congresses",
    operation_id = "export_congress_roll",
    params(CodePath, RollFileQuery),
    responses(
        (status = 200, description = "The roll file, as an attachment",
         headers(("content-disposition" = String, description = "attachment; filename=\"danh-sach-dai-bieu-….xlsx\"")),
         content(
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (String = "text/csv; charset=utf-8"),
         )),
        (status = 400, description = "A bad code or format", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan this organization's congress", body = ErrorBody),
        (status = 404, description = "No such organization today; no such round, or none is open; no congress \
          planned", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn export_roll(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<RollFileQuery>,
) -> ApiResult<Response> {
    let scoped = caller.scoped();
    let (round, congress) = office(&scoped, &code, query.round.as_deref()).await?;
    let xlsx = query.format.unwrap_or_default() == FileFormat::Xlsx;
    let (file, bytes) = roll_file_bytes(&scoped, &round, &congress, xlsx).await?.map_err(|e| {
        tracing::error!(error = %e, "the roll file could not be written");
        ApiError::internal()
    })?;
    Ok(plan_file_response(&file, bytes))
}

/// The attendance file of a session: one row per person convened, with
/// the session's mark (present, or absent with the reason and whether it
/// was accepted). For the congress's office.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/attendance-file",
    tag = "congresses",
    operation_id = "export_congress_attendance",
    params(CodePath, AttendanceFileQuery),
    responses(
        (status = 200, description = "The attendance file, as an attachment",
         headers(("content-disposition" = String, description = "attachment; filename=\"diem-danh-….xlsx\"")),
         content(
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (String = "text/csv; charset=utf-8"),
         )),
        (status = 400, description = "A bad code, session or format", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan this organization's congress", body = ErrorBody),
        (status = 404, description = "No such organization today; no such round, or none is open; no congress \
          planned; no such session", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn export_attendance(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<AttendanceFileQuery>,
) -> ApiResult<Response> {
    let scoped = caller.scoped();
    let (round, congress) = office(&scoped, &code, query.round.as_deref()).await?;
    open_session(&scoped, &congress, query.session).await?;
    let xlsx = query.format.unwrap_or_default() == FileFormat::Xlsx;
    let (file, bytes) = attendance_file_bytes(&scoped, &round, &congress, query.session, xlsx).await?.map_err(|e| {
        tracing::error!(error = %e, "the attendance file could not be written");
        ApiError::internal()
    })?;
    Ok(plan_file_response(&file, bytes))
}

/// A refused row.
#[derive(Debug, Serialize, ToSchema)]
pub struct CongressFileProblem {
    /// The sheet the row is on.
    pub sheet: String,
    /// The row as the spreadsheet numbers it (1-based).
    pub row: u64,
    /// The column's letter and header: `C (Loại đại biểu)`.
    #[schema(example = "C (Loại đại biểu)")]
    pub column: String,
    /// The cell as the file writes it.
    pub value: String,
    /// Why, in English, with the rule where there is one.
    pub message: String,
    /// The rule's ID (`C-DEL-2`, `C-DEL-9`, `C-DEL-10`, `R-BASE-1`…), when a rule refuses it.
    #[schema(example = "C-DEL-9")]
    pub rule: Option<String>,
}

/// What an import did, or would do.
#[derive(Debug, Serialize, ToSchema)]
pub struct CongressFileOutcome {
    /// The file's name as sent.
    pub file: String,
    /// The sheet read (empty when none could be).
    pub sheet: String,
    /// The rows read (the header and blank rows left out).
    pub rows: u64,
    /// Rows that record nothing (an attendance row without a mark), skipped.
    pub skipped: u64,
    /// Rows written (or, on a dry run, that would be): delegates entered, marks recorded.
    pub entered: u64,
    /// Rows identical to what is stored.
    pub unchanged: u64,
    /// Whether anything was written: never on a dry run, nor when a row is refused.
    pub written: bool,
    /// The legacy encoding the text was converted from (`TCVN3 (ABC)`, `VNI`).
    pub converted_from: Option<String>,
    /// Why the file as a whole cannot be imported (it cannot be read, it
    /// is over the limits, no sheet has the file's header).
    pub file_problem: Option<String>,
    /// The refused rows, the first 200; none when written.
    pub problems: Vec<CongressFileProblem>,
    /// How many refused rows there are in all.
    pub problems_total: u64,
}

fn outcome_json(file: String, o: FileOutcome) -> (StatusCode, Json<CongressFileOutcome>) {
    let status = o.status();
    let report = o.report.unwrap_or_default();
    let sheet = o.sheet;
    (
        status,
        Json(CongressFileOutcome {
            file,
            sheet: sheet.clone(),
            rows: o.rows as u64,
            skipped: o.skipped as u64,
            entered: report.written as u64,
            unchanged: report.unchanged as u64,
            written: o.written,
            converted_from: o.converted_from.map(|e| encoding_name(e).to_owned()),
            file_problem: o.file_problem,
            problems: o
                .problems
                .into_iter()
                .map(|p| CongressFileProblem {
                    sheet: sheet.clone(),
                    row: p.row as u64,
                    column: p.column,
                    value: p.value,
                    message: p.message,
                    rule: p.rule.map(str::to_owned),
                })
                .collect(),
            problems_total: o.problems_total as u64,
        }),
    )
}

/// The request's body: the file's bytes, 400 when empty or too large.
async fn file_bytes(body: Body) -> ApiResult<axum::body::Bytes> {
    let bytes = axum::body::to_bytes(body, MAX_UPLOAD_BYTES)
        .await
        .map_err(|_| ApiError::bad_request(crate::page::uploads::too_large_text(english(), MAX_UPLOAD_BYTES)))?;
    if bytes.is_empty() {
        return Err(ApiError::bad_request("body: empty; send the file's bytes"));
    }
    Ok(bytes)
}

/// Imports a roll file (xlsx, xls, ods or csv; its bytes are the request's
/// body, its name says its format) onto the congress's roll, as the page
/// does: every cell is checked, then every row as the roll's form checks
/// one: a known card, an elected delegate a member of the electing
/// organization below (C-DEL-2), a designated one's decision (C-DEL-8), a
/// person on one roll of a level and once (C-DEL-9), an alternate's rank
/// once (C-DEL-10); one refused row and nothing is written (422, every
/// refused row listed with its rule). A delegate already on the roll in
/// the same seat is unchanged: importing the downloaded file changes
/// nothing. One audit entry (`roll_add`) per delegate entered.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/roll-file",
    tag = "congresses",
    operation_id = "import_congress_roll",
    params(CodePath, RollImportQuery),
    request_body(content = crate::documents::api::FileBytes, content_type = "application/octet-stream",
                 description = "The file's bytes, 1 byte to 5 MiB."),
    responses(
        (status = 200, description = "Imported, or (dry run) every row would be", body = CongressFileOutcome),
        (status = 400, description = "A bad code or name (its extension says no format read here), an empty \
          body or one over 5 MiB", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan this organization's congress", body = ErrorBody),
        (status = 404, description = "No such organization today; no such round, or none is open; no congress \
          planned", body = ErrorBody),
        (status = 422, description = "Nothing was written: the file cannot be imported (`file_problem`) or \
          rows are refused (`problems`)", body = CongressFileOutcome),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn import_roll(
    State(app): State<AppState>,
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<RollImportQuery>,
    body: Body,
) -> ApiResult<(StatusCode, Json<CongressFileOutcome>)> {
    let scoped = caller.scoped();
    let (file, format) =
        crate::api::import_file(&crate::api::ImportQuery { name: query.name.clone(), dry_run: false })?;
    let (_, congress) = office(&scoped, &code, query.round.as_deref()).await?;
    let bytes = file_bytes(body).await?;
    let o = import_roll_file(&app, &scoped, english(), &congress, &file, format, bytes, &caller.address, query.dry_run)
        .await?;
    Ok(outcome_json(file, o))
}

/// Imports a session's attendance file as the page does: every cell is
/// checked, then every row as the check-in checks one: a person convened
/// (on the roll, C-DEL-7; not excluded, C-DEL-9), present, or absent with
/// the reason (R-BASE-1: not for someone checked in); one refused row and
/// nothing is written (422). A mark equal to the one stored is unchanged.
/// One audit entry per mark written (`congress_check_in`, `congress_absence`).
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/attendance-file",
    tag = "congresses",
    operation_id = "import_congress_attendance",
    params(CodePath, AttendanceImportQuery),
    request_body(content = crate::documents::api::FileBytes, content_type = "application/octet-stream",
                 description = "The file's bytes, 1 byte to 5 MiB."),
    responses(
        (status = 200, description = "Imported, or (dry run) every row would be", body = CongressFileOutcome),
        (status = 400, description = "A bad code, session or name (its extension says no format read here), an \
          empty body or one over 5 MiB", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan this organization's congress", body = ErrorBody),
        (status = 404, description = "No such organization today; no such round, or none is open; no congress \
          planned; no such session", body = ErrorBody),
        (status = 422, description = "Nothing was written: the file cannot be imported (`file_problem`) or \
          rows are refused (`problems`)", body = CongressFileOutcome),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn import_attendance(
    State(app): State<AppState>,
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<AttendanceImportQuery>,
    body: Body,
) -> ApiResult<(StatusCode, Json<CongressFileOutcome>)> {
    let scoped = caller.scoped();
    let (file, format) =
        crate::api::import_file(&crate::api::ImportQuery { name: query.name.clone(), dry_run: false })?;
    let (round, congress) = office(&scoped, &code, query.round.as_deref()).await?;
    open_session(&scoped, &congress, query.session).await?;
    let bytes = file_bytes(body).await?;
    let o = import_attendance_file(
        &app,
        &scoped,
        english(),
        &round,
        &congress,
        query.session,
        &file,
        format,
        bytes,
        &caller.address,
        query.dry_run,
    )
    .await?
    .ok_or_else(|| ApiError::not_found(format!("no session {}", query.session)))?;
    Ok(outcome_json(file, o))
}

/// The delegate allocation file of the organization's congress: one row
/// per organization (code, name, mode, seats, designation decision): the
/// decided table, or the rows the allocation page proposes before one is
/// decided. For the congress's office.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/allocation-file",
    tag = "congresses",
    operation_id = "export_congress_allocation",
    params(CodePath, RollFileQuery),
    responses(
        (status = 200, description = "The allocation file, as an attachment",
         headers(("content-disposition" = String, description = "attachment; filename=\"phan-bo-dai-bieu-….xlsx\"")),
         content(
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (String = "text/csv; charset=utf-8"),
         )),
        (status = 400, description = "A bad code or format", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan this organization's congress", body = ErrorBody),
        (status = 404, description = "No such organization today; no such round, or none is open; no congress \
          planned", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn export_allocation(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<RollFileQuery>,
) -> ApiResult<Response> {
    let scoped = caller.scoped();
    let (round, congress) = office(&scoped, &code, query.round.as_deref()).await?;
    let xlsx = query.format.unwrap_or_default() == FileFormat::Xlsx;
    let (file, bytes) = allocation_file_bytes(&scoped, &round, &congress, xlsx).await?.map_err(|e| {
        tracing::error!(error = %e, "the allocation file could not be written");
        ApiError::internal()
    })?;
    Ok(plan_file_response(&file, bytes))
}

/// Imports an allocation file as the convening committee's decision, as
/// the page does: the total, the decision and its day are the query's
/// (C-DEL-1: the total is an input); every cell is checked (a mode, seats
/// from 0 to 5000, a designated row's decision, C-DEL-8; an organization
/// once, C-DEL-2), then every row (an organization on the decision's day,
/// below the convening one, C-DEL-2; the ex-officio row its own, C-DEL-7),
/// then the table (the seats add up to the total, C-DEL-1); one refusal
/// and nothing is written (422). The same table, total, decision and day
/// as stored: unchanged. Otherwise one audit entry (`seat_allocation`).
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/allocation-file",
    tag = "congresses",
    operation_id = "import_congress_allocation",
    params(CodePath, AllocationImportQuery),
    request_body(content = crate::documents::api::FileBytes, content_type = "application/octet-stream",
                 description = "The file's bytes, 1 byte to 5 MiB."),
    responses(
        (status = 200, description = "Imported, or (dry run) every row would be", body = CongressFileOutcome),
        (status = 400, description = "A bad code, name, total, decision or day; an empty body or one over \
          5 MiB", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan this organization's congress", body = ErrorBody),
        (status = 404, description = "No such organization today; no such round, or none is open; no congress \
          planned", body = ErrorBody),
        (status = 422, description = "Nothing was written: the file cannot be imported or its seats do not add \
          up to the total (`file_problem`), or rows are refused (`problems`)", body = CongressFileOutcome),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn import_allocation(
    State(app): State<AppState>,
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<AllocationImportQuery>,
    body: Body,
) -> ApiResult<(StatusCode, Json<CongressFileOutcome>)> {
    let scoped = caller.scoped();
    let (file, format) =
        crate::api::import_file(&crate::api::ImportQuery { name: query.name.clone(), dry_run: false })?;
    let total = query.total.to_string();
    let decision = allocation_decision(english(), Some(&total), Some(&query.decision), Some(&query.decided_on))
        .map_err(ApiError::bad_request)?;
    let (round, congress) = office(&scoped, &code, query.round.as_deref()).await?;
    let bytes = file_bytes(body).await?;
    let o = import_allocation_file(
        &app,
        &scoped,
        english(),
        &round,
        &congress,
        &decision,
        &file,
        format,
        bytes,
        &caller.address,
        query.dry_run,
    )
    .await?;
    Ok(outcome_json(file, o))
}
