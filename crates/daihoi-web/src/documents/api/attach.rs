//! `POST /api/v1/documents/{id}/files?name=…`: attaches a file.

use axum::Json;
use axum::body::Body;
use axum::http::{HeaderMap, StatusCode, header};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{FileInfo, find, id_param};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::documents::pages::MAX_FILE_BYTES;

/// The most characters of an attached file's name.
pub const MAX_NAME_CHARS: usize = 255;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FileName {
    /// The file's name, as it will be downloaded: 1 to 255 characters, no
    /// control character.
    #[param(
        example = "439-KH-TU.pdf",
        min_length = 1,
        max_length = 255,
        pattern = r"^[^\u0000-\u001F\u007F-\u009F]+$"
    )]
    pub name: String,
}

/// Attaches a file to a document as it is (its bytes are the request's
/// body, its type the request's `Content-Type`), kept with its SHA-256, as
/// the document's page does: at most 40 MiB, not empty; the caller writes
/// in the document's register. The same content twice is kept once. One
/// audit entry (`document_file`) for a new file.
#[utoipa::path(
    post,
    path = "/api/v1/documents/{id}/files",
    tag = "documents",
    operation_id = "attach_document_file",
    params(("id" = i64, Path, description = "Document id", minimum = 1), FileName),
    request_body(content = super::FileBytes, content_type = "application/octet-stream",
                 description = "The file's bytes, 1 byte to 40 MiB; its own type may be sent as `Content-Type`."),
    responses(
        (status = 201, description = "Attached (or already there); `Location` is the file's URL", body = FileInfo,
         headers(("location" = String, description = "/api/v1/documents/files/{id}"))),
        (status = 400, description = "A bad id or name, an empty body, a body over 40 MiB", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write in its register, or is not cleared for it",
         body = ErrorBody),
        (status = 404, description = "No such document", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn attach(
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(file): ApiQuery<FileName>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<(StatusCode, [(header::HeaderName, String); 1], Json<FileInfo>)> {
    let id = id_param(id)?;
    let name = file.name;
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(ApiError::bad_request(format!(
            "name: 1 to {MAX_NAME_CHARS} characters without control characters"
        )));
    }
    let media = match headers.get(header::CONTENT_TYPE) {
        None => "application/octet-stream".to_owned(),
        Some(v) => v
            .to_str()
            .ok()
            .filter(|t| is_media_type(t))
            .ok_or_else(|| ApiError::bad_request("Content-Type: not a media type"))?
            .to_owned(),
    };
    let scoped = caller.scoped();
    let d = find(&scoped, id).await?;
    // Whether the caller may attach, before reading a large body.
    if scoped.documents().document_register(&d, crate::page::today()).await?.is_none() {
        return Err(ApiError::forbidden());
    }
    let bytes = axum::body::to_bytes(body, MAX_FILE_BYTES)
        .await
        .map_err(|_| ApiError::bad_request(format!("body: more than {MAX_FILE_BYTES} bytes, or cut short")))?;
    if bytes.is_empty() {
        return Err(ApiError::bad_request("body: empty; send the file's bytes"));
    }
    let f = scoped.documents().attach_file(&d, &name, &media, &bytes, crate::page::today(), &caller.address).await?;
    let location = format!("/api/v1/documents/files/{}", f.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(FileInfo::from(&f))))
}

/// `type/subtype` with optional parameters, in visible ASCII.
fn is_media_type(text: &str) -> bool {
    let essence = text.split(';').next().unwrap_or("").trim();
    let token = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b));
    text.bytes().all(|b| (0x20..0x7f).contains(&b))
        && essence.split_once('/').is_some_and(|(kind, sub)| token(kind) && token(sub))
}
