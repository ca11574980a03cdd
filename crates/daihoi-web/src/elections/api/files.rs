//! An election's documents and files through the API, as the pages give
//! them (`elections::files`), through the same facet: the counting
//! minutes (PDF or `.docx`), ELECTION.toml and a closed round's ballots
//! CSV (the files of `daihoi tally`), a round's printed ballots, and a
//! round's ballots counted elsewhere recorded by the board from a file.

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::count::RoundPath;
use super::prepare::{ElectionPath, RoundQuery};
use super::staffed;
use crate::AppState;
use crate::api::CodePath;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiPath, ApiQuery, ApiResult, ErrorBody, ErrorCode};
use crate::elections::files::{
    FileRefusal, MAX_COPIES, Recorded, ballots_csv, ballots_pdf, election_toml, minutes_file, record_ballots_file,
};
use crate::i18n::{Lang, Tr};
use crate::party::report_download;

const FORMATS: [&str; 2] = ["pdf", "docx"];

fn format_schema() -> utoipa::openapi::schema::Object {
    crate::tasks::api::string_enum(FORMATS, "`pdf` (default) or `docx`: the same text, for Word.", false)
}

fn per_page_schema() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .enum_values(Some([1, 2, 4]))
        .description(Some("Ballots per A4 page: 1 (A4, default), 2 (A5) or 4 (A6)."))
        .build()
}

/// The minutes' query.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MinutesQuery {
    /// The round of congresses (the latest by default).
    pub round: Option<String>,
    #[param(schema_with = format_schema)]
    pub format: Option<String>,
}

/// The printed ballots' query.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PrintQuery {
    /// The round of congresses (the latest by default).
    pub round: Option<String>,
    /// Ballots per A4 page: 1 (A4, default), 2 (A5) or 4 (A6).
    #[param(schema_with = per_page_schema)]
    pub per_page: Option<u32>,
    /// How many ballots (default: the ballots issued, or one before they are).
    #[param(minimum = 1, maximum = 5000)]
    pub copies: Option<u32>,
}

/// A ballots file's query: its name says its format.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BallotsFileQuery {
    /// The round of congresses (the latest by default).
    pub round: Option<String>,
    /// The file's name: `.csv`, `.xlsx`, `.xls` or `.ods`.
    #[param(
        example = "phieu-lan-1.csv",
        min_length = 1,
        max_length = 255,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]*\.([cC][sS][vV]|[xX][lL][sS][xX]?|[oO][dD][sS])$"
    )]
    pub name: String,
}

/// The ballots recorded from a file.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordedJson {
    pub ballots: u32,
}

fn refusal(r: FileRefusal) -> ApiError {
    match r {
        FileRefusal::NotCounted => {
            ApiError::new(ErrorCode::Unprocessable, "no count of this election (or of this round) is closed yet")
        }
        // The names' fitting depends on the list: a rule the document cannot state.
        FileRefusal::Parameter(key @ "election-ballots-too-many-names") => {
            ApiError::new(ErrorCode::Unprocessable, Tr::new(Lang::En).t(key))
        }
        FileRefusal::Parameter(key) => ApiError::bad_request(Tr::new(Lang::En).t(key)),
        FileRefusal::Store(e) => e.into(),
        FileRefusal::Failed(e) => {
            tracing::error!(error = %e, "API: an election file could not be made");
            ApiError::new(ErrorCode::Internal, "internal error")
        }
    }
}

/// The counting minutes (biên bản kiểm phiếu) of an election: every
/// closed round with its electorate and base (R-BASE-1/2), ballots,
/// results (R-PASS-1), rulings (R-VALID-8), decision points and the
/// congress's decisions, in Vietnamese, in the layout of Party documents.
/// For the congress's readers and the election's board.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/minutes",
    tag = "elections",
    operation_id = "election_minutes",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress"), MinutesQuery),
    responses(
        (status = 200, description = "The minutes", content(
            (Vec<u8> = "application/pdf"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ), headers(("content-disposition" = String, description = "`attachment` with its name"))),
        (status = 400, description = "Not a code or a number; a bad format", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller neither reads the organization nor is on the board", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress or election", body = ErrorBody),
        (status = 422, description = "No count of the election is closed yet", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn minutes(
    caller: ApiCaller,
    ApiPath(ElectionPath { code, election: n }): ApiPath<ElectionPath>,
    ApiQuery(q): ApiQuery<MinutesQuery>,
) -> ApiResult<Response> {
    crate::api::enum_field("format", q.format.as_deref(), &FORMATS)?;
    let scoped = caller.scoped();
    let (round, congress, _, _) = staffed(&scoped, &code, q.round.as_deref(), false, n).await?;
    let docx = q.format.as_deref() == Some("docx");
    Ok(report_download(minutes_file(&scoped, &round, &congress, n, docx).await.map_err(refusal)?))
}

/// The election as ELECTION.toml (`docs/tally-format.md`): its first
/// round, withdrawals (R-LIST-7), the board's rulings (R-VALID-8) and the
/// congress's decisions; with the closed rounds' ballots files, `daihoi
/// tally` counts it again to the same result.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/election.toml",
    tag = "elections",
    operation_id = "election_file",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress"), RoundQuery),
    responses(
        (status = 200, description = "ELECTION.toml", content((String = "application/toml")),
         headers(("content-disposition" = String, description = "`attachment` with its name"))),
        (status = 400, description = "Not a code or a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller neither reads the organization nor is on the board", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress or election", body = ErrorBody),
        (status = 422, description = "No count of the election is closed yet", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn toml(
    caller: ApiCaller,
    ApiPath(ElectionPath { code, election: n }): ApiPath<ElectionPath>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> ApiResult<Response> {
    let scoped = caller.scoped();
    let (round, congress, _, _) = staffed(&scoped, &code, q.round.as_deref(), false, n).await?;
    Ok(report_download(election_toml(&scoped, &round, &congress, n).await.map_err(refusal)?))
}

/// A closed round's ballots as the ballots CSV of `daihoi tally`: the
/// settled ballots by number, one column per name in ballot order.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/rounds/{number}/ballots.csv",
    tag = "elections",
    operation_id = "election_ballots_csv",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress"), ("number" = u32, Path, description = "The round of voting (1 is the first)"), RoundQuery),
    responses(
        (status = 200, description = "The round's ballots", content((String = "text/csv")),
         headers(("content-disposition" = String, description = "`attachment` with its name"))),
        (status = 400, description = "Not a code or a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller neither reads the organization nor is on the board", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress or election", body = ErrorBody),
        (status = 422, description = "The round's count is not closed", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn csv(
    caller: ApiCaller,
    ApiPath(RoundPath { code, election: n, number }): ApiPath<RoundPath>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> ApiResult<Response> {
    let scoped = caller.scoped();
    let (round, congress, _, _) = staffed(&scoped, &code, q.round.as_deref(), false, n).await?;
    Ok(report_download(ballots_csv(&scoped, &round, &congress, n, number).await.map_err(refusal)?))
}

/// A round's printed ballots (phiếu bầu cử): its list in ballot order
/// (R-LIST-8), the crossing-out or the agree/disagree form (R-BALLOT-2,
/// R-BALLOT-3), the box for the board's seal; 1, 2 or 4 to an A4 page.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/rounds/{number}/ballots.pdf",
    tag = "elections",
    operation_id = "election_ballots_print",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress"), ("number" = u32, Path, description = "The round of voting (1 is the first)"), PrintQuery),
    responses(
        (status = 200, description = "The ballots", content((Vec<u8> = "application/pdf")),
         headers(("content-disposition" = String, description = "`attachment` with its name"))),
        (status = 400, description = "Not a code or a number; ballots per page not 1, 2 or 4; copies not 1 to 5,000", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller neither reads the organization nor is on the board", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress, election or round of voting", body = ErrorBody),
        (status = 422, description = "The names do not fit on a ballot at that size", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn print(
    caller: ApiCaller,
    ApiPath(RoundPath { code, election: n, number }): ApiPath<RoundPath>,
    ApiQuery(q): ApiQuery<PrintQuery>,
) -> ApiResult<Response> {
    if q.copies.is_some_and(|c| !(1..=MAX_COPIES).contains(&c)) {
        return Err(refusal(FileRefusal::Parameter("election-ballots-copies")));
    }
    let scoped = caller.scoped();
    let (round, congress, election, _) = staffed(&scoped, &code, q.round.as_deref(), false, n).await?;
    let file =
        ballots_pdf(&scoped, &round, &congress, &election, number, q.per_page, q.copies).await.map_err(refusal)?;
    Ok(report_download(file))
}

/// The board records a round's ballots counted elsewhere from a ballots
/// file in the format of `daihoi tally` (its bytes are the body, its name
/// says its format), read as strictly as the command line reads it: the
/// header names the round's list in ballot order, every ballot's marks and
/// flags are checked, the ballots returned are at most those issued and
/// present (R-VALID-1). Each becomes a ballot the board settled; the board
/// then rules (R-VALID-8) and closes the count as for entered ballots.
/// Only into a round where no ballot is entered yet; one refused ballot
/// and nothing is written. One audit entry (`election_ballots_recorded`).
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/rounds/{number}/ballots-file",
    tag = "elections",
    operation_id = "election_ballots_file",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress"), ("number" = u32, Path, description = "The round of voting (1 is the first)"), BallotsFileQuery),
    request_body(content = crate::documents::api::FileBytes, content_type = "application/octet-stream",
                 description = "The file's bytes, 1 byte to 5 MiB."),
    responses(
        (status = 201, description = "Recorded", body = RecordedJson),
        (status = 400, description = "Not a code or a number; a bad name; an empty body or one over 5 MiB", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not the election's board", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress, election or round of voting", body = ErrorBody),
        (status = 422, description = "Nothing was written: the file is refused (its file, line and column), the \
          round's ballots are not issued, its count is closed or ballots are already entered", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn ballots_file(
    State(app): State<AppState>,
    caller: ApiCaller,
    ApiPath(RoundPath { code, election: n, number }): ApiPath<RoundPath>,
    ApiQuery(q): ApiQuery<BallotsFileQuery>,
    body: Body,
) -> ApiResult<(StatusCode, Json<RecordedJson>)> {
    let name = q.name.clone();
    if name.is_empty() || name.chars().count() > 255 || name.chars().any(char::is_control) {
        return Err(ApiError::bad_request("name: 1 to 255 characters without control characters"));
    }
    if daihoi_tally::ballots_format(&name).is_none() {
        return Err(ApiError::bad_request(format!("name: {name} is not a .csv, .xlsx, .xls or .ods file")));
    }
    let scoped = caller.scoped();
    let (_, congress, election, _) = staffed(&scoped, &code, q.round.as_deref(), false, n).await?;
    let max = crate::congresses::files::MAX_UPLOAD_BYTES;
    let bytes = axum::body::to_bytes(body, max)
        .await
        .map_err(|_| ApiError::bad_request(crate::page::uploads::too_large_text(Tr::new(Lang::En), max)))?;
    if bytes.is_empty() {
        return Err(ApiError::bad_request("body: empty; send the file's bytes"));
    }
    match record_ballots_file(&app, &scoped, &congress, &election, number, name, bytes, &caller.address).await? {
        Recorded::Ballots(b) => {
            Ok((StatusCode::CREATED, Json(RecordedJson { ballots: u32::try_from(b).unwrap_or(u32::MAX) })))
        }
        Recorded::Refused(message) => Err(ApiError::new(ErrorCode::Unprocessable, message)),
    }
}
