//! `GET /api/v1/orgs/{code}/members`: a page of the members of a subtree.

use axum::Json;
use daihoi_store::members::{MemberListItem, MemberQuery};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::find;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::api::schema::{MAX_OFFSET, MAX_QUERY_CHARS};
use crate::api::{CodePath, date_text, optional_date};

/// The largest `limit`.
pub const MAX_LIMIT: u64 = 500;
/// The `limit` when none is given.
pub const DEFAULT_LIMIT: u64 = 50;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MemberListQuery {
    /// `yyyy-mm-dd`; when absent, today in Vietnam. Present and empty
    /// (`date=`) is not a date: 400.
    #[param(format = Date, example = "2026-11-28")]
    pub date: Option<String>,
    /// Words of a name or a card number, at most 200 characters; case and
    /// diacritics are ignored (`nguyen van an` finds "Nguyễn Văn An").
    #[param(example = "nguyen van an", max_length = 200)]
    pub q: Option<String>,
    /// Members to skip (default 0).
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
    /// Members to return: 1 to 500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

/// A page of a member list.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberList {
    /// In Vietnamese name order (given name first, then the rest).
    pub items: Vec<MemberSummary>,
    /// Members that match, over all pages.
    pub total: u64,
    pub offset: u64,
    pub limit: u64,
}

/// One member of a list, as enrolled on the list's date.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberSummary {
    /// The member's id (for `/api/v1/members/{id}`).
    pub id: i64,
    #[schema(example = "10000001")]
    pub card_number: String,
    #[schema(example = "Nguyễn Văn An")]
    pub full_name: String,
    #[schema(schema_with = crate::api::schema::gender)]
    pub gender: String,
    #[schema(format = Date, example = "1980-05-12")]
    pub birth_date: String,
    #[schema(schema_with = crate::api::schema::standing)]
    pub standing: String,
    /// The cell the member is enrolled in.
    #[schema(example = "QN.DH.QT.CB01")]
    pub org_code: String,
    pub org_name: String,
    #[schema(schema_with = crate::api::schema::condition_kinds)]
    pub conditions: Vec<String>,
}

impl From<MemberListItem> for MemberSummary {
    fn from(m: MemberListItem) -> Self {
        MemberSummary {
            id: m.person_id,
            card_number: m.card_number,
            full_name: m.full_name,
            gender: m.gender.code().to_owned(),
            birth_date: date_text(m.birth_date),
            standing: m.standing.code().to_owned(),
            org_code: m.org_code,
            org_name: m.org_name,
            conditions: m.conditions.iter().map(|c| c.code().to_owned()).collect(),
        }
    }
}

/// The members enrolled anywhere in the subtree of an organization on the
/// date, for roles that read members.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/members",
    tag = "orgs",
    operation_id = "org_members",
    params(CodePath, MemberListQuery),
    responses(
        (status = 200, description = "A page of members", body = MemberList),
        (status = 400, description = "A bad code, date, search, offset or limit", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not read these members", body = ErrorBody),
        (status = 404, description = "No such organization on the date", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn members(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<MemberListQuery>,
) -> ApiResult<Json<MemberList>> {
    let date = optional_date("date", query.date.as_deref())?;
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::bad_request(format!("limit: {limit} is not between 1 and {MAX_LIMIT}")));
    }
    let offset = query.offset.unwrap_or(0);
    if offset > MAX_OFFSET {
        return Err(ApiError::bad_request(format!("offset: {offset} is more than {MAX_OFFSET}")));
    }
    if let Some(q) = &query.q
        && q.chars().count() > MAX_QUERY_CHARS
    {
        return Err(ApiError::bad_request(format!("q: more than {MAX_QUERY_CHARS} characters")));
    }
    let scoped = caller.scoped();
    let node = find(&scoped, &code, date).await?;
    let search = query.q.filter(|q| !q.trim().is_empty());
    let page = scoped.members().members_in(&node, date, &MemberQuery { search, offset, limit }).await?;
    Ok(Json(MemberList {
        items: page.items.into_iter().map(MemberSummary::from).collect(),
        total: page.total,
        offset,
        limit,
    }))
}
