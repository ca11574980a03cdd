//! `POST /api/v1/orgs/{code}/merge`: merges an organization into another.

use axum::Json;
use daihoi_store::StoreError;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{Org, ended, find};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::api::{CodePath, code_param, optional_date};

/// The organization to merge into, and the day.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeOrg {
    #[schema(schema_with = crate::api::schema::merge_into)]
    pub into: String,
    #[schema(schema_with = crate::api::schema::end_date)]
    pub date: Option<String>,
}

/// Merges the organization into `into` on `date`: its sub-organizations
/// move under `into`, its members are enrolled there, and it ends (its
/// history stays). Writes an audit entry (`merge_org`) with the caller's
/// address. The caller writes in both.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/merge",
    tag = "orgs",
    operation_id = "merge_org",
    params(CodePath),
    request_body = MergeOrg,
    responses(
        (status = 200, description = "The organization's last version, ended on `date`", body = Org),
        (status = 400, description = "A bad code or field: not a code, not a date, a malformed or unknown JSON \
                                      body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write in the organization or in the one it is \
                                      merged into (or that one was never stored)", body = ErrorBody),
        (status = 404, description = "No such organization on `date`", body = ErrorBody),
        (status = 409, description = "The organization merged into does not exist on `date` or has ended \
                                      since (O-CURRENT-1), it is inside the organization's own subtree, or \
                                      `date` is not after the start of the current version", body = ErrorBody),
        (status = 422, description = "`date` is outside the tree's history (O-DATE-1), or what it holds cannot \
                                      sit under the organization merged into (O-KIND-1)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn merge(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<MergeOrg>,
) -> ApiResult<Json<Org>> {
    let into = code_param("into", &body.into)?;
    let date = optional_date("date", body.date.as_deref())?;
    daihoi_core::date::check_history_date(date, crate::page::today()).map_err(StoreError::from)?;
    let scoped = caller.scoped();
    let node = find(&scoped, &code, date).await?;
    scoped.orgs().merge_org(&node.code, &into, date, &caller.address).await?;
    Ok(Json(ended(&scoped, &node).await?))
}
