//! `GET /api/v1/orgs/{code}/children`.

use axum::Json;

use super::{Org, find};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::api::{CodePath, OnDate};

/// The organizations directly under one, on the date, by name, cut to those
/// the caller may see.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/children",
    tag = "orgs",
    operation_id = "org_children",
    params(CodePath, OnDate),
    responses(
        (status = 200, description = "Its children, by name", body = [Org]),
        (status = 400, description = "A bad code or date", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Outside the caller's roles", body = ErrorBody),
        (status = 404, description = "No such organization on the date", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn children(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(on): ApiQuery<OnDate>,
) -> ApiResult<Json<Vec<Org>>> {
    let date = on.resolve()?;
    let scoped = caller.scoped();
    let node = find(&scoped, &code, date).await?;
    let children = scoped.orgs().children(&node, date).await?;
    Ok(Json(children.iter().map(|c| Org::new(c, Some(&node))).collect()))
}
