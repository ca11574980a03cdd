//! `GET /api/v1/disseminations/{id}`: a conference with its attendance.

use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ConferenceSummary, Documents, org_ref, summary};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::documents::api::id_param;
use crate::documents::api::show::OrgRef;
use daihoi_store::dissemination::Window;

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
    /// Members the caller may read (by their cell on the day, or the caller
    /// themselves), by name: all of them, or `limit` from `offset` when the
    /// request gives either.
    pub members: Vec<Attendee>,
    /// How many members the caller may read, over all (issue 14 §8: a
    /// province's conference lists thousands; page with `limit`, `offset`).
    pub members_readable: u64,
    /// Members who attended from outside the caller's reach: only counted.
    pub members_hidden: u64,
    /// Organizations listed as attending whose page the caller reaches, with
    /// their names on the day, by code: all of them, or `orgs_limit` from
    /// `orgs_offset` when the request gives either.
    pub orgs: Vec<OrgRef>,
    /// How many organizations the caller may see by name, over all (page
    /// with `orgs_limit`, `orgs_offset`).
    pub orgs_readable: u64,
    /// Organizations listed as attending whose page the caller does not reach: only counted.
    pub orgs_hidden: u64,
    /// Members of the readable ones skipped before `members`.
    pub offset: u64,
    /// Organizations of the readable ones skipped before `orgs`.
    pub orgs_offset: u64,
}

/// The largest `limit` of attendees.
pub const MAX_ATTENDEES_LIMIT: u32 = 5000;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AttendanceQuery {
    /// Members to return: 1 to 5000 (default: every member the caller may read).
    #[param(minimum = 1, maximum = 5000)]
    pub limit: Option<u32>,
    /// Members the caller may read to skip first (default 0).
    #[param(minimum = 0)]
    pub offset: Option<u64>,
    /// Organizations to return: 1 to 5000 (default: every organization the
    /// caller may see by name).
    #[param(minimum = 1, maximum = 5000)]
    pub orgs_limit: Option<u32>,
    /// Organizations the caller may see by name to skip first (default 0).
    #[param(minimum = 0)]
    pub orgs_offset: Option<u64>,
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

/// The conference `id` as the caller may read it (404 / 403 as the page),
/// with every attendee the caller may read.
pub(crate) async fn detail(caller: &ApiCaller, id: i64) -> ApiResult<ConferenceDetail> {
    detail_window(caller, id, Window::ALL, Window::ALL).await
}

/// [`detail`] with the window `members` of the members the caller may
/// read and the window `orgs` of the organizations.
async fn detail_window(caller: &ApiCaller, id: i64, members: Window, orgs: Window) -> ApiResult<ConferenceDetail> {
    let scoped = caller.scoped();
    let (d, holder) = scoped
        .disseminations()
        .dissemination(id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no conference {id}")))?;
    let attendance = scoped.disseminations().attendance_page(&d, members, orgs).await?;
    let documents = Documents::default().of(caller, &d).await?;
    Ok(ConferenceDetail {
        conference: summary(&d, org_ref(&holder), documents, attendance.members_total(), attendance.orgs_total()),
        level: d.level.clone(),
        notes: d.notes.clone(),
        editable: scoped.disseminations().may_record(&holder),
        attendance: AttendanceList {
            members_readable: attendance.members_readable,
            members_hidden: attendance.members_hidden,
            orgs_readable: attendance.orgs_readable,
            orgs_hidden: attendance.orgs_hidden,
            offset: members.offset,
            orgs_offset: orgs.offset,
            members: attendance
                .members
                .into_iter()
                .map(|a| Attendee { id: a.person_id, card_number: a.card_number, full_name: a.full_name, cell: a.cell })
                .collect(),
            orgs: attendance.orgs.into_iter().map(|(code, name)| OrgRef { code, name }).collect(),
        },
    })
}

/// A conference the caller may read (its holder's page, on the day, or the
/// caller attended it in person), as `/disseminations/{id}` shows it: its
/// documents the caller is cleared for, the members who attended whom the
/// caller may read (all of them, or `limit` from `offset`), the others
/// counted, and the organizations listed whose page the caller reaches
/// (all of them, or `orgs_limit` from `orgs_offset`), the others counted;
/// refused to a reader below its classification (T-6).
#[utoipa::path(
    get,
    path = "/api/v1/disseminations/{id}",
    tag = "dissemination",
    operation_id = "show_dissemination",
    params(("id" = i64, Path, description = "Conference id", minimum = 1), AttendanceQuery),
    responses(
        (status = 200, description = "The conference", body = ConferenceDetail),
        (status = 400, description = "An id that is not a positive number; a bad limit or offset", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not cleared for it (T-6)", body = ErrorBody),
        (status = 404, description = "No such conference, or one held outside the caller's roles that the \
                                      caller did not attend", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn show(
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<AttendanceQuery>,
) -> ApiResult<Json<ConferenceDetail>> {
    let id = id_param(id)?;
    let members = Window::new(query.offset.unwrap_or(0), limit_param("limit", query.limit)?);
    let orgs = Window::new(query.orgs_offset.unwrap_or(0), limit_param("orgs_limit", query.orgs_limit)?);
    Ok(Json(detail_window(&caller, id, members, orgs).await?))
}

/// A limit of attendees sent as `name`: none is all of them.
fn limit_param(name: &str, limit: Option<u32>) -> ApiResult<u64> {
    match limit {
        None => Ok(u64::MAX),
        Some(limit) if (1..=MAX_ATTENDEES_LIMIT).contains(&limit) => Ok(u64::from(limit)),
        Some(limit) => {
            Err(ApiError::bad_request(format!("{name}: {limit} is not between 1 and {MAX_ATTENDEES_LIMIT}")))
        }
    }
}
