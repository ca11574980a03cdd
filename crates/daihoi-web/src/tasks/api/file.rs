//! `/api/v1/orgs/{code}/tracking/tasks-file`: the task file (bảng nhiệm vụ,
//! T-7) of a subtree, downloaded (`GET`) and imported (`POST`), as the
//! page does: the same file, the same checks, the same write. The page's
//! preview and confirmation are one call here: `dry_run=true` checks
//! without writing; without it the import is checked again and written
//! whole, or not at all.

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::english;
use crate::access::AppState;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::api::{CodePath, ImportQuery};
use crate::members::api::export::FileFormat;
use crate::orgs::api::{file_for_import, find};
use crate::page::today;
use crate::page::uploads::{self, MAX_LISTED_PROBLEMS};
use crate::tasks::file::{
    MAX_UPLOAD_BYTES, ProblemLine, cell_line, encoding_name, read_task_file, refused_line, task_file_download,
};

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskFileQuery {
    /// `xlsx` (default) or `csv`.
    #[param(inline)]
    pub format: Option<FileFormat>,
}

/// The subtree's tasks as the task file (T-7): the columns
/// `daihoi task export` writes and an import reads back unchanged
/// (docs/tracking.md). For those who write in the organization.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/tracking/tasks-file",
    tag = "tasks",
    operation_id = "export_task_file",
    params(CodePath, TaskFileQuery),
    responses(
        (status = 200, description = "The task file, as an attachment",
         headers(("content-disposition" = String, description = "attachment; filename=\"nhiem-vu-….xlsx\"")),
         content(
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (String = "text/csv; charset=utf-8"),
         )),
        (status = 400, description = "A bad code or format", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write in this organization", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn export(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<TaskFileQuery>,
) -> ApiResult<Response> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    if !scoped.orgs().may_edit(&node) {
        return Err(ApiError::forbidden());
    }
    let xlsx = query.format.unwrap_or_default() == FileFormat::Xlsx;
    let rows = scoped.tasks().export_tasks(&node, today()).await?;
    task_file_download(&node, &rows, xlsx).map_err(|e| {
        tracing::error!(error = %e, "the task file could not be written");
        ApiError::internal()
    })
}

/// A refused row, as the page's preview lists it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskFileProblem {
    /// The row as the spreadsheet numbers it (1-based).
    pub row: u64,
    /// The column's letter and header: `C (Số văn bản)`.
    #[schema(example = "C (Số văn bản)")]
    pub column: String,
    /// The cell as the file writes it.
    pub value: String,
    /// Why, in English.
    pub message: String,
}

impl From<ProblemLine> for TaskFileProblem {
    fn from(p: ProblemLine) -> TaskFileProblem {
        TaskFileProblem { row: p.row as u64, column: p.column, value: p.value, message: p.message }
    }
}

/// What an import did, or would do.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskFileOutcome {
    /// The file's name as sent.
    pub file: String,
    /// The rows read, the header left out.
    pub rows: u64,
    /// Rows that create a task.
    pub created: u64,
    /// Rows that change a stored task.
    pub updated: u64,
    /// Rows identical to the stored task.
    pub unchanged: u64,
    /// Whether the import was written: never on a dry run, nor when a row is refused.
    pub written: bool,
    /// The legacy encoding the text was converted from (`TCVN3 (ABC)`, `VNI`): check the names.
    pub converted_from: Option<String>,
    /// Why the file as a whole cannot be imported (it cannot be read, it
    /// is over the limits, no sheet has the task file's header), naming
    /// the file, sheet, row and column; nothing else is then said.
    pub file_problem: Option<String>,
    /// The refused rows, the first 200; none when written.
    pub problems: Vec<TaskFileProblem>,
    /// How many refused rows there are in all.
    pub problems_total: u64,
}

/// Imports a task file (xlsx, xls, ods or csv; its bytes are the request's
/// body, its name says its format) into the subtree, as the page does:
/// every row is checked against the register, the tree, the stored tasks
/// and the caller's clearance (T-6) before anything is written; one
/// refused row and nothing is written (422, every refused row listed).
/// Rows outside the organization are refused. One audit entry
/// (`task_import`) for a written import. For those who write in the
/// organization.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/tracking/tasks-file",
    tag = "tasks",
    operation_id = "import_task_file",
    params(CodePath, ImportQuery),
    request_body(content = crate::documents::api::FileBytes, content_type = "application/octet-stream",
                 description = "The file's bytes, 1 byte to 20 MiB."),
    responses(
        (status = 200, description = "Imported, or (dry run) every row would be", body = TaskFileOutcome),
        (status = 400, description = "A bad code or name (its extension says no format read here), an empty \
          body or one over 20 MiB", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write in this organization", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "Nothing was written: the file cannot be imported (`file_problem`) or \
          rows are refused (`problems`)", body = TaskFileOutcome),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn import(
    State(app): State<AppState>,
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<ImportQuery>,
    body: Body,
) -> ApiResult<(StatusCode, Json<TaskFileOutcome>)> {
    let tr = english();
    let scoped = caller.scoped();
    let (node, file, format, bytes) = file_for_import(&scoped, &code, &query, body, MAX_UPLOAD_BYTES).await?;
    let read = read_task_file(&app, &file, format, bytes).await;
    let mut outcome = TaskFileOutcome {
        file: file.clone(),
        rows: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        written: false,
        converted_from: None,
        file_problem: None,
        problems: Vec::new(),
        problems_total: 0,
    };
    let refused = StatusCode::UNPROCESSABLE_ENTITY;
    let (legacy, parsed) = match read {
        Ok(read) => read,
        Err(e) => {
            outcome.file_problem = Some(uploads::sheet_error_text(tr, &e));
            return Ok((refused, Json(outcome)));
        }
    };
    outcome.converted_from = legacy.map(|e| encoding_name(e).to_owned());
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            outcome.file_problem = Some(format!("{file}: {e}"));
            return Ok((refused, Json(outcome)));
        }
    };
    let bad_rows: std::collections::BTreeSet<usize> = parsed.problems.iter().map(|p| p.row).collect();
    outcome.rows = (parsed.rows.len() + bad_rows.len()) as u64;
    if !parsed.problems.is_empty() {
        outcome.problems_total = parsed.problems.len() as u64;
        outcome.problems = parsed.problems.iter().take(MAX_LISTED_PROBLEMS).map(|p| cell_line(tr, p).into()).collect();
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(outcome)));
    }
    let report =
        scoped.tasks().import_tasks_into(&node, &parsed.rows, today(), &caller.address, &file, query.dry_run).await?;
    outcome.created = report.created;
    outcome.updated = report.updated;
    outcome.unchanged = report.unchanged;
    outcome.written = report.written;
    outcome.problems_total = report.problems.len() as u64;
    outcome.problems =
        report.problems.iter().take(MAX_LISTED_PROBLEMS).map(|p| refused_line(tr, &parsed, p).into()).collect();
    let status = if report.problems.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, Json(outcome)))
}
