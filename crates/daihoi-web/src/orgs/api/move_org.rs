//! `POST /api/v1/orgs/{code}/move`: moves an organization under another parent.

use axum::Json;
use daihoi_store::StoreError;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{Org, find};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::api::{CodePath, code_param, optional_date};

/// A new parent from a date on.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveOrg {
    #[schema(schema_with = crate::api::schema::move_parent)]
    pub parent: String,
    #[schema(schema_with = crate::api::schema::move_from)]
    pub from: Option<String>,
}

/// Moves the organization, with its whole subtree, under `parent` from
/// `from` on (the versions before stay in its history); writes an audit
/// entry (`move_org`) with the caller's address. The caller writes in both.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/move",
    tag = "orgs",
    operation_id = "move_org",
    params(CodePath),
    request_body = MoveOrg,
    responses(
        (status = 200, description = "The organization as it is from `from` on", body = Org),
        (status = 400, description = "A bad code or field: not a code, not a date, a malformed or unknown JSON \
                                      body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write in the organization or in the new parent (or \
                                      the new parent was never stored)", body = ErrorBody),
        (status = 404, description = "No such organization on `from`", body = ErrorBody),
        (status = 409, description = "The new parent does not exist on `from` or has ended since \
                                      (O-CURRENT-1), it is inside the organization's own subtree, or `from` is \
                                      before the start of the current version", body = ErrorBody),
        (status = 422, description = "`from` is outside the tree's history (O-DATE-1), or the organization's \
                                      kind cannot sit under the new parent's (O-KIND-1)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn move_org(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<MoveOrg>,
) -> ApiResult<Json<Org>> {
    let parent = code_param("parent", &body.parent)?;
    let from = optional_date("from", body.from.as_deref())?;
    daihoi_core::date::check_history_date(from, crate::page::today()).map_err(StoreError::from)?;
    let scoped = caller.scoped();
    let node = find(&scoped, &code, from).await?;
    scoped.orgs().move_org(&node.code, &parent, from, &caller.address).await?;
    let moved = find(&scoped, &code, from).await?;
    Ok(Json(Org::load(&scoped, &moved, from).await?))
}
