//! `PATCH /api/v1/orgs/{code}`: renames an organization from a date on.

use axum::Json;
use daihoi_store::StoreError;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{Org, find};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::api::{CodePath, optional_date};

/// A new name from a date on.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RenameOrg {
    #[schema(schema_with = crate::api::schema::org_name_input)]
    pub name: String,
    #[schema(schema_with = crate::api::schema::rename_from)]
    pub from: Option<String>,
}

/// Closes the version valid on `from` and opens one with the new name;
/// writes an audit entry with the caller's address.
#[utoipa::path(
    patch,
    path = "/api/v1/orgs/{code}",
    tag = "orgs",
    operation_id = "rename_org",
    params(CodePath),
    request_body = RenameOrg,
    responses(
        (status = 200, description = "The organization as it is from `from` on", body = Org),
        (status = 400, description = "A bad code or field: a name refused by TEXT-1, not a date, a malformed \
                                      or unknown JSON body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write in this organization", body = ErrorBody),
        (status = 404, description = "No such organization on `from`", body = ErrorBody),
        (status = 409, description = "`from` is before the start of the current version, or the organization \
                                      has ended since (O-CURRENT-1)", body = ErrorBody),
        (status = 422, description = "`from` is outside the tree's history (O-DATE-1)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn rename(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<RenameOrg>,
) -> ApiResult<Json<Org>> {
    // The rules that need no database first (the store checks them again):
    // they tell nothing of the tree.
    daihoi_core::text::org_name(&body.name).map_err(|problem| StoreError::BadText { field: "name", problem })?;
    let from = optional_date("from", body.from.as_deref())?;
    daihoi_core::date::check_history_date(from, crate::page::today()).map_err(StoreError::from)?;
    let scoped = caller.scoped();
    let node = find(&scoped, &code, from).await?;
    scoped.orgs().rename_org(&node.code, &body.name, from, &caller.address).await?;
    let renamed = find(&scoped, &code, from).await?;
    Ok(Json(Org::load(&scoped, &renamed, from).await?))
}
