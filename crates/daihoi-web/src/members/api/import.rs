//! `POST /api/v1/orgs/{code}/import`: the member file imported into a
//! subtree, as the page does (docs/member-import.md): the same checks and
//! the same write. The page's preview and confirmation are one call here:
//! `dry_run=true` checks without writing; without it the import is checked
//! again and written whole, or not at all.

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::StatusCode;
use daihoi_store::members::{ImportError, ImportRow};
use serde::Serialize;
use utoipa::ToSchema;

use crate::access::AppState;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::api::{CodePath, ImportQuery};
use crate::i18n::{Lang, Tr};
use crate::members::import::{MAX_UPLOAD_BYTES, ProblemLine, problem_line, read_member_file, refused_line};
use crate::orgs::api::file_for_import;
use crate::page::today;
use crate::page::uploads::{self, MAX_LISTED_PROBLEMS};

/// A refused cell or row, as the page's preview lists it.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberFileProblem {
    /// The sheet.
    pub sheet: String,
    /// The row as the spreadsheet numbers it (1-based).
    pub row: u64,
    /// The column's letter and header (`C (Ngày sinh)`); empty when the problem is the whole row.
    #[schema(example = "C (Ngày sinh)")]
    pub column: String,
    /// The cell as the file writes it.
    pub value: String,
    /// Why, in English.
    pub message: String,
}

impl From<ProblemLine> for MemberFileProblem {
    fn from(p: ProblemLine) -> MemberFileProblem {
        MemberFileProblem { sheet: p.sheet, row: p.row as u64, column: p.column, value: p.value, message: p.message }
    }
}

/// What an import of the member file did, or would do.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct MemberFileOutcome {
    /// The file's name as sent.
    pub file: String,
    /// The rows read, the header left out.
    pub rows: u64,
    /// New members.
    pub created: u64,
    /// Members whose person data changed.
    pub updated: u64,
    /// Members enrolled in another cell than before.
    pub moved: u64,
    /// Members whose conditions changed.
    pub conditions_changed: u64,
    /// Rows identical to what was stored.
    pub unchanged: u64,
    /// Whether the import was written: never on a dry run, nor when a row is refused.
    pub written: bool,
    /// The legacy encoding the text was converted from (`TCVN3 (ABC)`, `VNI`): check the names.
    pub converted_from: Option<String>,
    /// Why the file as a whole cannot be imported (it cannot be read, it
    /// is over the limits, no sheet has the member columns), naming the
    /// file, sheet, row and column; nothing else is then said.
    pub file_problem: Option<String>,
    /// The refused rows, the first 200; none when written.
    pub problems: Vec<MemberFileProblem>,
    /// How many refused rows there are in all.
    pub problems_total: u64,
}

/// Imports the member file (xlsx, xls, ods or csv; its bytes are the
/// request's body, its name says its format) into the subtree, as the
/// import page does (docs/member-import.md): every row is checked, then
/// against the tree and the stored members, before anything is written;
/// one refused row and nothing is written (422, every refused row listed).
/// Members are enrolled in cells of the organization only. One audit entry
/// (`import_members`) for a written import. For those who write in the
/// organization.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/import",
    tag = "members",
    operation_id = "import_members",
    params(CodePath, ImportQuery),
    request_body(content = crate::documents::api::FileBytes, content_type = "application/octet-stream",
                 description = "The file's bytes, 1 byte to 40 MiB."),
    responses(
        (status = 200, description = "Imported, or (dry run) every row would be", body = MemberFileOutcome),
        (status = 400, description = "A bad code or name (its extension says no format read here), an empty \
          body or one over 40 MiB", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write in this organization", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "Nothing was written: the file cannot be imported (`file_problem`) or \
          rows are refused (`problems`)", body = MemberFileOutcome),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn import(
    State(app): State<AppState>,
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<ImportQuery>,
    body: Body,
) -> ApiResult<(StatusCode, Json<MemberFileOutcome>)> {
    let tr = Tr::new(Lang::En);
    let scoped = caller.scoped();
    let (node, file, format, bytes) = file_for_import(&scoped, &code, &query, body, MAX_UPLOAD_BYTES).await?;
    let mut outcome = MemberFileOutcome { file: file.clone(), ..MemberFileOutcome::default() };
    let refused = StatusCode::UNPROCESSABLE_ENTITY;
    let read = read_member_file(&app, tr, &file, format, bytes).await;
    let (legacy, sheet) = match read {
        Ok(read) => read,
        Err(e) => {
            outcome.file_problem = Some(uploads::sheet_error_text(tr, &e));
            return Ok((refused, Json(outcome)));
        }
    };
    outcome.converted_from = legacy.map(|e| crate::tasks::file::encoding_name(e).to_owned());
    let (sheet, parsed) = match sheet {
        Ok(x) => x,
        Err(why) => {
            outcome.file_problem = Some(why);
            return Ok((refused, Json(outcome)));
        }
    };
    let rows: Vec<ImportRow> = parsed.rows.into_iter().map(|(line, row)| ImportRow { line, row }).collect();
    let bad_rows: std::collections::BTreeSet<usize> = parsed.problems.iter().map(|p| p.row).collect();
    outcome.rows = (rows.len() + bad_rows.len()) as u64;
    if !parsed.problems.is_empty() {
        outcome.problems_total = parsed.problems.len() as u64;
        outcome.problems =
            parsed.problems.iter().take(MAX_LISTED_PROBLEMS).map(|p| problem_line(tr, &sheet, p).into()).collect();
        return Ok((refused, Json(outcome)));
    }
    match scoped.members().import_members(&node, &rows, today(), &caller.address, &file, query.dry_run).await {
        Ok(report) => {
            outcome.created = report.created;
            outcome.updated = report.updated;
            outcome.moved = report.moved;
            outcome.conditions_changed = report.conditions_changed;
            outcome.unchanged = report.unchanged;
            outcome.written = !query.dry_run;
            Ok((StatusCode::OK, Json(outcome)))
        }
        Err(ImportError::Rows(problems)) => {
            outcome.problems_total = problems.len() as u64;
            outcome.problems = problems
                .iter()
                .take(MAX_LISTED_PROBLEMS)
                .map(|p| refused_line(tr, &sheet, &parsed.header, p).into())
                .collect();
            Ok((refused, Json(outcome)))
        }
        Err(ImportError::Store(e)) => Err(e.into()),
    }
}
