//! `GET /api/v1/orgs/{code}/members/export`: the member file of a subtree.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tokio::sync::Semaphore;
use utoipa::{IntoParams, ToSchema};

use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::api::{CodePath, date_text, optional_date};
use crate::members::file::member_file_bytes;
use crate::orgs::api::find;

/// How many member files are built at once; the other requests wait their
/// turn (a province's file has 200,000 rows).
const EXPORT_SLOTS: usize = 2;
static SLOTS: Semaphore = Semaphore::const_new(EXPORT_SLOTS);

/// The media type of an xlsx workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// The media type of the CSV file.
pub const CSV: &str = "text/csv; charset=utf-8";

/// The format of the member file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    /// An Excel workbook (one sheet, dates as dates).
    #[default]
    Xlsx,
    /// UTF-8 with a byte-order mark, comma-separated, dates as `dd/mm/yyyy`.
    Csv,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `xlsx` (default) or `csv`.
    #[param(inline)]
    pub format: Option<FileFormat>,
    /// The members enrolled on this day (`yyyy-mm-dd`); when absent, today
    /// in Vietnam. Present and empty (`date=`) is not a date: 400.
    #[param(format = Date, example = "2026-11-28")]
    pub date: Option<String>,
}

/// The members enrolled in the subtree on the date as the member file
/// (docs/member-import.md): the columns `daihoi export members` writes,
/// which an import reads back unchanged. For roles that read the members
/// of the organization.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/members/export",
    tag = "members",
    operation_id = "export_members",
    params(CodePath, ExportQuery),
    responses(
        (status = 200, description = "The member file, as an attachment",
         headers(("content-disposition" = String, description = "attachment; filename=\"dang-vien-….xlsx\"")),
         content(
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (String = "text/csv; charset=utf-8"),
         )),
        (status = 400, description = "A bad code, format or date", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not read these members", body = ErrorBody),
        (status = 404, description = "No such organization on the date", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn export(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<ExportQuery>,
) -> ApiResult<Response> {
    let date = optional_date("date", query.date.as_deref())?;
    let format = query.format.unwrap_or_default();
    let scoped = caller.scoped();
    let node = find(&scoped, &code, date).await?;
    if !scoped.members().may_read(&node) {
        return Err(ApiError::forbidden());
    }
    let _slot = SLOTS.acquire().await.expect("the export slots are never closed");
    let rows = scoped.members().export_members(&node, date).await?;
    let xlsx = format == FileFormat::Xlsx;
    let (media, ext) = if xlsx { (XLSX, "xlsx") } else { (CSV, "csv") };
    let file = format!("dang-vien-{}-{}.{ext}", node.code.as_str().replace('.', "-"), date_text(date));
    let name = file.clone();
    // Built off the async workers: a province's file takes a while.
    let built = tokio::task::spawn_blocking(move || member_file_bytes(&name, &rows, xlsx)).await;
    let bytes = match built {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e)) => {
            tracing::error!(error = %e, "member export failed");
            return Err(ApiError::internal());
        }
        Err(join) => std::panic::resume_unwind(join.into_panic()),
    };
    Ok((
        [(header::CONTENT_TYPE, media.to_owned()), (header::CONTENT_DISPOSITION, crate::download::attachment(&file))],
        bytes,
    )
        .into_response())
}
