//! `GET /api/v1/members/{id}`: everything stored about one member.

use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::auth::ApiCaller;
use crate::api::date_text;
use crate::api::error::{ApiError, ApiPath, ApiResult, ErrorBody};

/// A member: person data, enrolments and conditions.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberDetail {
    pub id: i64,
    #[schema(example = "10000001")]
    pub card_number: String,
    #[schema(example = "Nguyễn Văn An")]
    pub full_name: String,
    #[schema(schema_with = crate::api::schema::gender)]
    pub gender: String,
    #[schema(format = Date, example = "1980-05-12")]
    pub birth_date: String,
    /// Dân tộc; empty when unknown.
    pub ethnicity: String,
    /// Admission to the Party, start of the probation.
    #[schema(format = Date, example = "2005-05-19")]
    pub admission_date: String,
    /// End of the probation; `null` while probationary.
    #[schema(format = Date, example = "2006-05-19")]
    pub official_date: Option<String>,
    #[schema(schema_with = crate::api::schema::standing_or_null)]
    pub standing: Option<String>,
    /// Enrolments in cells, oldest first.
    pub memberships: Vec<Enrolment>,
    /// Conditions (suspension, …), oldest first.
    pub conditions: Vec<Condition>,
    /// The changes made by hand (the pages' forms, this API), oldest first.
    pub history: Vec<HistoryEntry>,
}

/// A change made by hand, as the audit log records it.
#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryEntry {
    /// RFC 3339, UTC.
    pub at: String,
    /// The login that made it (`cli:<user>` for the command line).
    pub actor: String,
    /// `member_edit`, `member_transfer`, `member_condition_record` or `member_condition_end`.
    #[schema(example = "member_transfer")]
    pub action: String,
    /// What changed, in words (English).
    pub detail: String,
}

/// One period in one cell.
#[derive(Debug, Serialize, ToSchema)]
pub struct Enrolment {
    #[schema(example = "QN.DH.QT.CB01")]
    pub org_code: String,
    /// The cell's name on the period's last day (today while current).
    #[schema(example = "Chi bộ thôn Đồng Tâm")]
    pub org_name: String,
    /// The names of the organizations above the cell then, nearest first.
    #[schema(example = json!(["Đảng bộ xã Quảng Tân", "Đảng bộ huyện Đầm Hà", "Đảng bộ tỉnh Quảng Ninh"]))]
    pub within: Vec<String>,
    #[schema(format = Date)]
    pub from: String,
    /// Excluded; `null` while current.
    #[schema(format = Date)]
    pub to: Option<String>,
}

/// One period under a condition.
#[derive(Debug, Serialize, ToSchema)]
pub struct Condition {
    /// Its id, to end it (`POST /api/v1/members/{id}/conditions/{condition}/end`).
    pub id: i64,
    #[schema(schema_with = crate::api::schema::condition_kind)]
    pub kind: String,
    #[schema(format = Date)]
    pub from: String,
    /// Excluded; `null` while it holds.
    #[schema(format = Date)]
    pub to: Option<String>,
    /// The decision's number, a reason; empty when none was given.
    pub note: String,
}

/// A member the caller may read: their own data, or a member whose latest
/// enrolment is in a subtree where the caller reads members.
#[utoipa::path(
    get,
    path = "/api/v1/members/{id}",
    tag = "members",
    operation_id = "show_member",
    params(("id" = i64, Path, description = "Member id (from a member list)", minimum = 1)),
    responses(
        (status = 200, description = "The member", body = MemberDetail),
        (status = 400, description = "An id that is not a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Outside the caller's roles", body = ErrorBody),
        (status = 404, description = "No such member", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn show(caller: ApiCaller, ApiPath(id): ApiPath<i64>) -> ApiResult<Json<MemberDetail>> {
    let today = crate::page::today();
    let d = caller
        .scoped()
        .members()
        .member(id, today)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no member {id}")))?;
    Ok(Json(detail(&d, today)))
}

/// A member as the API gives it.
pub(crate) fn detail(d: &daihoi_store::members::MemberDetail, today: time::Date) -> MemberDetail {
    let m = &d.member;
    MemberDetail {
        id: d.person_id,
        card_number: m.card_number.to_string(),
        full_name: m.name.to_string(),
        gender: m.gender.code().to_owned(),
        birth_date: date_text(m.birth_date),
        ethnicity: m.ethnicity.clone(),
        admission_date: date_text(m.admission_date),
        official_date: m.official_date.map(date_text),
        standing: m.standing_on(today).map(|s| s.code().to_owned()),
        memberships: d
            .memberships
            .iter()
            .map(|e| Enrolment {
                org_code: e.org_code.clone(),
                org_name: e.org_name.clone(),
                within: e.within.clone(),
                from: date_text(e.from),
                to: e.to.map(date_text),
            })
            .collect(),
        conditions: d
            .conditions
            .iter()
            .map(|c| Condition {
                id: c.id,
                kind: c.kind.code().to_owned(),
                from: date_text(c.from),
                to: c.to.map(date_text),
                note: c.note.clone(),
            })
            .collect(),
        history: d
            .history
            .iter()
            .map(|h| HistoryEntry {
                at: h.at.clone(),
                actor: h.actor.clone(),
                action: h.action.clone(),
                detail: h.detail.clone(),
            })
            .collect(),
    }
}
