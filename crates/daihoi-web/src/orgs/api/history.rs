//! `GET /api/v1/orgs/{code}/history`: the versions of an organization.

use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use super::{Org, find};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::api::{CodePath, OnDate};

/// One version of an organization: its name and parent during a period.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgVersion {
    #[serde(flatten)]
    pub org: Org,
    /// The parent's name on `valid_from`, when the caller may see the
    /// parent; else `null` (as `parent`).
    #[schema(example = "Đảng bộ huyện Đầm Hà")]
    pub parent_name: Option<String>,
}

/// The versions of an organization over time, oldest first, as its page
/// shows them: each name and parent with the days it held
/// (`valid_from`, `valid_to` excluded). The organization is named as it is
/// on `date`; the caller must reach it then.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/history",
    tag = "orgs",
    operation_id = "org_history",
    params(CodePath, OnDate),
    responses(
        (status = 200, description = "Its versions, oldest first", body = [OrgVersion]),
        (status = 400, description = "A bad code or date", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Outside the caller's roles", body = ErrorBody),
        (status = 404, description = "No such organization on the date", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn history(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(on): ApiQuery<OnDate>,
) -> ApiResult<Json<Vec<OrgVersion>>> {
    let date = on.resolve()?;
    let scoped = caller.scoped();
    let node = find(&scoped, &code, date).await?;
    let mut versions = Vec::new();
    for v in scoped.orgs().org_history(&node).await? {
        // The parent as it was on the version's first day, as the page does.
        let parent = match v.parent_id {
            Some(id) => scoped.orgs().org_by_id(id, v.valid_from).await?,
            None => None,
        };
        versions.push(OrgVersion { org: Org::new(&v, parent.as_ref()), parent_name: parent.map(|p| p.name) });
    }
    Ok(Json(versions))
}
