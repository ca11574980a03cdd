//! `GET /api/v1/documents/files/{id}`: a file's bytes.

use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::id_param;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiPath, ApiResult, ErrorBody};

/// A file as it was attached, with the type it was attached with and its
/// name in `Content-Disposition` (RFC 6266), as the page's download; its
/// document must be one the caller is cleared for (T-6).
#[utoipa::path(
    get,
    path = "/api/v1/documents/files/{id}",
    tag = "documents",
    operation_id = "download_document_file",
    params(("id" = i64, Path, description = "File id (from a document's `files`)", minimum = 1)),
    responses(
        (status = 200, description = "The file's bytes, with the type it was attached with",
         content_type = "*/*", body = super::FileBytes,
         headers(("content-disposition" = String, description = "attachment; filename=…; filename*=UTF-8''…"))),
        (status = 400, description = "An id that is not a positive number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not cleared for its document (T-6)", body = ErrorBody),
        (status = 404, description = "No such file", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn file(caller: ApiCaller, ApiPath(id): ApiPath<i64>) -> ApiResult<Response> {
    let (meta, content) = caller
        .scoped()
        .documents()
        .file(id_param(id)?)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no file {id}")))?;
    let disposition = crate::download::attachment(&meta.file_name);
    Ok((
        [
            (header::CONTENT_TYPE, meta.media_type),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        content,
    )
        .into_response())
}
