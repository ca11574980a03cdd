//! `GET /api/v1/orgs/{code}`: one organization with its counts.

use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use super::{Org, find};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::api::{CodePath, OnDate};

/// An organization on a date, its members by standing and what the caller
/// may do with it.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgDetail {
    #[serde(flatten)]
    pub org: Org,
    pub counts: Counts,
    pub access: Access,
}

/// Members of the subtree on the date (the base of an election, R-BASE-1).
#[derive(Debug, Serialize, ToSchema)]
pub struct Counts {
    /// Official members (đảng viên chính thức).
    pub official: u64,
    pub probationary: u64,
    pub prosecuted_or_detained: u64,
    pub suspended: u64,
    pub temporarily_transferred: u64,
    pub exempted: u64,
}

/// What the caller may do with the organization.
#[derive(Debug, Serialize, ToSchema)]
pub struct Access {
    /// May list its members (`/members`).
    pub members: bool,
    /// May create organizations under it and rename it.
    pub write: bool,
}

/// An organization on the date, with its members' counts and what the
/// caller may do with it.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}",
    tag = "orgs",
    operation_id = "show_org",
    params(CodePath, OnDate),
    responses(
        (status = 200, description = "The organization on the date", body = OrgDetail),
        (status = 400, description = "A bad code or date", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Outside the caller's roles", body = ErrorBody),
        (status = 404, description = "No such organization on the date", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn show(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(on): ApiQuery<OnDate>,
) -> ApiResult<Json<OrgDetail>> {
    let date = on.resolve()?;
    let scoped = caller.scoped();
    let node = find(&scoped, &code, date).await?;
    let c = scoped.members().base_count(&node, date).await?;
    Ok(Json(OrgDetail {
        org: Org::load(&scoped, &node, date).await?,
        counts: Counts {
            official: c.convened,
            probationary: c.probationary,
            prosecuted_or_detained: c.prosecuted_or_detained,
            suspended: c.suspended,
            temporarily_transferred: c.temporarily_transferred,
            exempted: c.exempted,
        },
        access: Access { members: scoped.members().may_read(&node), write: scoped.orgs().may_edit(&node) },
    }))
}
