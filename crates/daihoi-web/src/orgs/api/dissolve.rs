//! `POST /api/v1/orgs/{code}/dissolve`: ends an empty organization.

use axum::Json;
use daihoi_store::StoreError;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{Org, ended, find};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::api::{CodePath, optional_date};

/// The day the organization ends.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DissolveOrg {
    #[schema(schema_with = crate::api::schema::end_date)]
    pub date: Option<String>,
}

/// Ends the organization on `date` (its history stays); it must have no
/// sub-organizations and no members enrolled by then. Writes an audit
/// entry (`dissolve_org`) with the caller's address.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/dissolve",
    tag = "orgs",
    operation_id = "dissolve_org",
    params(CodePath),
    request_body = DissolveOrg,
    responses(
        (status = 200, description = "The organization's last version, ended on `date`", body = Org),
        (status = 400, description = "A bad code or field: not a date, a malformed or unknown JSON body",
         body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write in the organization", body = ErrorBody),
        (status = 404, description = "No such organization on `date`", body = ErrorBody),
        (status = 409, description = "It still has sub-organizations or members, or `date` is not after the \
                                      start of its current version", body = ErrorBody),
        (status = 422, description = "`date` is outside the tree's history (O-DATE-1)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn dissolve(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<DissolveOrg>,
) -> ApiResult<Json<Org>> {
    let date = optional_date("date", body.date.as_deref())?;
    daihoi_core::date::check_history_date(date, crate::page::today()).map_err(StoreError::from)?;
    let scoped = caller.scoped();
    let node = find(&scoped, &code, date).await?;
    scoped.orgs().dissolve_org(&node.code, date, &caller.address).await?;
    Ok(Json(ended(&scoped, &node).await?))
}
