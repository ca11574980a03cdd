//! `POST /api/v1/disseminations/{id}/attendance`: adds attendees.

use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{MAX_ATTENDEES, attendance_refusal, cards_param, orgs_param};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody, ErrorCode};
use crate::documents::api::id_param;

/// Attendees to add: members by card number, organizations by code.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAttendance {
    #[serde(default)]
    #[schema(schema_with = members_schema)]
    pub members: Vec<String>,
    #[serde(default)]
    #[schema(schema_with = orgs_schema)]
    pub orgs: Vec<String>,
}

fn members_schema() -> utoipa::openapi::schema::Array {
    crate::api::schema::card_numbers(MAX_ATTENDEES)
}

fn orgs_schema() -> utoipa::openapi::schema::Array {
    crate::api::schema::org_codes(MAX_ATTENDEES)
}

/// What the attendance gained.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttendanceAdded {
    /// Members new to the attendance (those already listed are kept once).
    pub members_added: u64,
    /// Organizations new to the attendance.
    pub orgs_added: u64,
}

/// Adds members (each one the caller may read, so that nobody learns of a
/// card outside their subtree) and organizations (in the holder's subtree
/// on the day) to a conference's attendance, as its page does: all or
/// nothing, the first card number or code not found named in a 422; those
/// already listed kept once. The caller writes on the holder. One audit
/// entry (`dissemination_attendance`).
#[utoipa::path(
    post,
    path = "/api/v1/disseminations/{id}/attendance",
    tag = "dissemination",
    operation_id = "add_dissemination_attendance",
    params(("id" = i64, Path, description = "Conference id", minimum = 1)),
    request_body = NewAttendance,
    responses(
        (status = 200, description = "How many members and organizations were added", body = AttendanceAdded),
        (status = 400, description = "A bad id, card number or code; more than 5000 of them; a malformed or \
                                      unknown JSON body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write on its holder, or is not cleared for it (T-6)",
         body = ErrorBody),
        (status = 404, description = "No such conference, or one held outside the caller's roles",
         body = ErrorBody),
        (status = 422, description = "Nobody to add; a card number not found among the members the caller may \
                                      read, or a code not in the holder's subtree on the day (named)",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn add(
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewAttendance>,
) -> ApiResult<Json<AttendanceAdded>> {
    let id = id_param(id)?;
    let cards = cards_param("members", &body.members)?;
    let orgs = orgs_param("orgs", &body.orgs)?;
    let scoped = caller.scoped();
    let (d, holder) = scoped
        .disseminations()
        .dissemination(id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no conference {id}")))?;
    if !scoped.disseminations().may_record(&holder) {
        return Err(ApiError::forbidden());
    }
    if cards.is_empty() && orgs.is_empty() {
        return Err(ApiError::new(ErrorCode::Unprocessable, "members, orgs: nobody to add"));
    }
    let (members_added, orgs_added) =
        scoped.disseminations().add_attendance(&d, &cards, &orgs, &caller.address).await.map_err(attendance_refusal)?;
    Ok(Json(AttendanceAdded { members_added, orgs_added }))
}
