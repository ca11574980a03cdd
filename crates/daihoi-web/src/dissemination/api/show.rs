//! `GET /api/v1/disseminations/{id}`: a conference with its attendance.

use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use super::{ConferenceSummary, Documents, org_ref, summary};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiPath, ApiResult, ErrorBody};
use crate::documents::api::id_param;
use crate::documents::api::show::OrgRef;

/// A conference, its documents and who attended.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConferenceDetail {
    #[serde(flatten)]
    pub conference: ConferenceSummary,
    /// The level in words ("cấp xã"); may be empty.
    pub level: String,
    pub notes: String,
    pub attendance: AttendanceList,
    /// The caller may add to the attendance.
    pub editable: bool,
}

/// Who attended, as far as the caller may see.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttendanceList {
    /// Members the caller may read (by their cell on the day), by name.
    pub members: Vec<Attendee>,
    /// Members who attended from outside the caller's reach: only counted.
    pub members_hidden: u64,
    /// Organizations listed as attending, with their names on the day.
    pub orgs: Vec<OrgRef>,
}

/// A member who attended.
#[derive(Debug, Serialize, ToSchema)]
pub struct Attendee {
    /// The member's id (for `/api/v1/members/{id}`).
    pub id: i64,
    #[schema(example = "10000001")]
    pub card_number: String,
    #[schema(example = "Nguyễn Văn An")]
    pub full_name: String,
    /// The cell the member belonged to on the day, if any.
    pub cell: Option<String>,
}

/// The conference `id` as the caller may read it (404 / 403 as the page).
pub(crate) async fn detail(caller: &ApiCaller, id: i64) -> ApiResult<ConferenceDetail> {
    let scoped = caller.scoped();
    let (d, holder) = scoped
        .disseminations()
        .dissemination(id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no conference {id}")))?;
    let attendance = scoped.disseminations().attendance(&d).await?;
    let documents = Documents::default().of(caller, &d).await?;
    let members = attendance.members.len() as u64 + attendance.members_hidden;
    let orgs = attendance.orgs.len() as u64;
    Ok(ConferenceDetail {
        conference: summary(&d, org_ref(&holder), documents, members, orgs),
        level: d.level.clone(),
        notes: d.notes.clone(),
        editable: scoped.disseminations().may_record(&holder),
        attendance: AttendanceList {
            members: attendance
                .members
                .into_iter()
                .map(|a| Attendee { id: a.person_id, card_number: a.card_number, full_name: a.full_name, cell: a.cell })
                .collect(),
            members_hidden: attendance.members_hidden,
            orgs: attendance.orgs.into_iter().map(|(code, name)| OrgRef { code, name }).collect(),
        },
    })
}

/// A conference the caller may read (its holder's page, on the day), as
/// `/disseminations/{id}` shows it: its documents the caller is cleared
/// for, the members who attended whom the caller may read, the others
/// counted; refused to a reader below its classification (T-6).
#[utoipa::path(
    get,
    path = "/api/v1/disseminations/{id}",
    tag = "dissemination",
    operation_id = "show_dissemination",
    params(("id" = i64, Path, description = "Conference id", minimum = 1)),
    responses(
        (status = 200, description = "The conference", body = ConferenceDetail),
        (status = 400, description = "An id that is not a positive number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not cleared for it (T-6)", body = ErrorBody),
        (status = 404, description = "No such conference, or one held outside the caller's roles",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn show(caller: ApiCaller, ApiPath(id): ApiPath<i64>) -> ApiResult<Json<ConferenceDetail>> {
    Ok(Json(detail(&caller, id_param(id)?).await?))
}
