//! `GET /api/v1/orgs/{code}/tracking/task-list`: the page's task list as a
//! Party document (PDF or `.docx`).

use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiPath, ApiQuery, ApiResult, ErrorBody, ErrorCode};
use crate::api::{CodePath, enum_field};
use crate::i18n::Tr;
use crate::orgs::api::find;
use crate::page::today;
use crate::party::ListFormat;
use crate::party::report_download;
use crate::tasks::list::{assignee_names, document_number, list_figures, task_list_file};

const FORMATS: [&str; 2] = ["pdf", "docx"];

pub fn format_schema() -> utoipa::openapi::schema::Object {
    super::string_enum(FORMATS, "`pdf` (default) or `docx`: the same text, for Word.", false)
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskListQuery {
    #[param(schema_with = format_schema)]
    pub format: Option<String>,
    /// Only the tasks of this document (refused when the caller may not
    /// read the document: T-6).
    #[param(schema_with = super::optional_id_schema)]
    pub document: Option<i64>,
}

/// The subtree's tasks being carried out today (not finished, not
/// withdrawn), for any role that reads the organization's page: the
/// page's task list in the layout of Party documents (Hướng dẫn
/// 36-HD/VPTW), in Vietnamese, with each task's assignee, deadline, status
/// (T-3) and progress (T-2), the longest overdue first; at most 500 rows,
/// the note under the table says how many more the task file has.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/tracking/task-list",
    tag = "tasks",
    operation_id = "task_list",
    params(CodePath, TaskListQuery),
    responses(
        (status = 200, description = "The list", content(
            (Vec<u8> = "application/pdf"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ), headers(("content-disposition" = String, description = "`attachment` with its name"))),
        (status = 400, description = "Not a code; a bad document or format", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization, or the caller may not \
                                      read the document (T-6)", body = ErrorBody),
        (status = 404, description = "No such organization today, or no such document", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn task_list(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<TaskListQuery>,
) -> ApiResult<Response> {
    let today = today();
    enum_field("format", query.format.as_deref(), &FORMATS)?;
    let format = query.format.as_deref().and_then(ListFormat::parse).unwrap_or(ListFormat::Pdf);
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today).await?;
    let number = document_number(&scoped, query.document).await?;
    let figures = list_figures(&scoped, &node, today, query.document).await?;
    let names = assignee_names(&scoped, &node, today).await?;
    let list = crate::tasks::list::task_list(Tr::default(), &node, &figures, &names, number.as_deref(), today);
    let file = task_list_file(list, &node, format).await.map_err(|e| {
        tracing::error!(error = %e, "API: the task list could not be printed");
        ApiError::new(ErrorCode::Internal, "internal error")
    })?;
    Ok(report_download(file))
}
