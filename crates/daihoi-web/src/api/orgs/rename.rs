//! `PATCH /api/v1/orgs/{code}`: renames an organization from a date on.

use axum::Json;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{Org, find};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::api::optional_date;

/// A new name from a date on.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RenameOrg {
    #[schema(example = "Đảng bộ phường Quảng Tân")]
    pub name: String,
    /// First day of the new name (`yyyy-mm-dd`); default: today in Vietnam.
    /// It must be after the start of the current version.
    #[schema(format = Date, example = "2026-12-01")]
    pub from: Option<String>,
}

/// Closes the version valid on `from` and opens one with the new name;
/// writes an audit entry with the caller's address.
#[utoipa::path(
    patch,
    path = "/api/v1/orgs/{code}",
    tag = "orgs",
    operation_id = "rename_org",
    params(("code" = String, Path, description = "Organization code", example = "QN.DH.QT")),
    request_body = RenameOrg,
    responses(
        (status = 200, description = "The organization as it is from `from` on", body = Org),
        (status = 400, description = "A bad field", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write in this organization", body = ErrorBody),
        (status = 404, description = "No such organization on `from`", body = ErrorBody),
        (status = 409, description = "`from` is not after the start of the current version", body = ErrorBody),
    )
)]
pub async fn rename(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<RenameOrg>,
) -> ApiResult<Json<Org>> {
    let name = body.name.trim();
    if name.is_empty() {
        return Err(ApiError::bad_request("name: must not be empty"));
    }
    let from = optional_date("from", body.from.as_deref())?;
    let scoped = caller.scoped();
    let node = find(&scoped, &code, from).await?;
    scoped.rename_org(&node, name, from, &caller.address).await?;
    let renamed = find(&scoped, &code, from).await?;
    Ok(Json(Org::load(&scoped, &renamed, from).await?))
}
