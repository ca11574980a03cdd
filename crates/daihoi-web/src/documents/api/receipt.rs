//! `POST /api/v1/documents/forwards/{id}/receipt`: the receiving office takes a forwarded document in.

use axum::Json;

use super::id_param;
use super::incoming::ForwardView;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiPath, ApiResult, ErrorBody};

/// Records the receipt now, by the caller (tiếp nhận), which enters the
/// document in the receiving organization's incoming register, with its
/// audit entry (`document_receipt`); a forward received before keeps its
/// first receipt. Who may: a role that writes on the receiving
/// organization, cleared for the document.
#[utoipa::path(
    post,
    path = "/api/v1/documents/forwards/{id}/receipt",
    tag = "documents",
    operation_id = "receive_document",
    params(("id" = i64, Path, description = "Forward id", minimum = 1)),
    responses(
        (status = 200, description = "The forward, received", body = ForwardView),
        (status = 400, description = "An id that is not a positive number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write on the receiving organization, or is not cleared \
                                      for the document", body = ErrorBody),
        (status = 404, description = "No such forward", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn receive(caller: ApiCaller, ApiPath(id): ApiPath<i64>) -> ApiResult<Json<ForwardView>> {
    let scoped = caller.scoped();
    let (forward, document) = scoped
        .documents()
        .forward_by_id(id_param(id)?)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no forward {id}")))?;
    scoped.documents().receive(&forward, &document, crate::page::today(), &caller.address).await?;
    let (forward, _) =
        scoped.documents().forward_by_id(id).await?.ok_or_else(|| ApiError::not_found(format!("no forward {id}")))?;
    Ok(Json(ForwardView::from(&forward)))
}
