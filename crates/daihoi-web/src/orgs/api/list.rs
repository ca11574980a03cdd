//! `GET /api/v1/orgs`: the caller's roots.

use axum::Json;

use super::Org;
use crate::api::OnDate;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiQuery, ApiResult, ErrorBody};

/// The organizations the caller's roles are bound to on the date, leaving
/// out those inside another one's subtree.
#[utoipa::path(
    get,
    path = "/api/v1/orgs",
    tag = "orgs",
    operation_id = "list_orgs",
    params(OnDate),
    responses(
        (status = 200, description = "The caller's roots, by path", body = [Org]),
        (status = 400, description = "A bad date", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn list(caller: ApiCaller, ApiQuery(on): ApiQuery<OnDate>) -> ApiResult<Json<Vec<Org>>> {
    let date = on.resolve()?;
    let scoped = caller.scoped();
    let mut orgs = Vec::new();
    for node in scoped.orgs().roots(date).await? {
        orgs.push(Org::load(&scoped, &node, date).await?);
    }
    Ok(Json(orgs))
}
