//! `POST /api/v1/documents/{id}/arrivals`: enters a document in an incoming register.

use axum::Json;
use axum::http::StatusCode;
use daihoi_store::documents::incoming::NewArrival;
use serde::Deserialize;
use utoipa::ToSchema;

use super::incoming::ArrivalView;
use super::{find, id_param};
use crate::api::auth::ApiCaller;
use crate::api::code_param;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody, ErrorCode};

/// An arrival, as the document page's form takes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewArrivalBody {
    /// The organization whose incoming register takes it: one where the
    /// caller writes.
    #[schema(schema_with = crate::api::schema::org_code)]
    pub org: String,
    /// The day it came: not before it was issued, not after today.
    #[schema(format = Date, example = "2024-10-14")]
    pub arrived_on: String,
    /// Who sent it (TEXT-1, one line; not only spaces).
    #[schema(schema_with = crate::api::schema::title_input, example = "Văn phòng Trung ương Đảng")]
    pub sender: String,
}

/// Enters the document in the organization's incoming register with the
/// next number of the year, with its audit entry (`document_arrival`).
#[utoipa::path(
    post,
    path = "/api/v1/documents/{id}/arrivals",
    tag = "documents",
    operation_id = "record_document_arrival",
    params(("id" = i64, Path, description = "Document id", minimum = 1)),
    request_body = NewArrivalBody,
    responses(
        (status = 201, description = "Entered", body = ArrivalView),
        (status = 400, description = "A bad id, code, date or sender; a malformed or unknown JSON body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write in that register, or is not cleared for the document",
         body = ErrorBody),
        (status = 404, description = "No such document", body = ErrorBody),
        (status = 409, description = "Already in that incoming register (the message gives its number)", body = ErrorBody),
        (status = 422, description = "No such organization today (or not within the caller's reach); a day before \
                                      the document was issued or after today; a blank sender", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn record(
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewArrivalBody>,
) -> ApiResult<(StatusCode, Json<ArrivalView>)> {
    let code = code_param("org", &body.org)?;
    let arrived_on = super::register::date_param("arrived_on", &body.arrived_on)?;
    // Well formed but blank: a rule the document cannot state (the store's TEXT-1 trims it to nothing).
    if body.sender.trim().is_empty() {
        return Err(ApiError::new(ErrorCode::Unprocessable, "sender: who sent the document is required"));
    }
    let scoped = caller.scoped();
    let d = find(&scoped, id_param(id)?).await?;
    let today = crate::page::today();
    let register = scoped.orgs().org(&code, today).await?.ok_or_else(|| super::unknown_org("org", &code))?;
    let arrival = NewArrival { arrived_on, sender: &body.sender };
    let a = scoped.documents().record_arrival(&register, &d, arrival, &caller.address).await?;
    Ok((StatusCode::CREATED, Json(ArrivalView::from(&a))))
}
