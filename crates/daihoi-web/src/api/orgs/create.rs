//! `POST /api/v1/orgs`: a new organization.

use axum::Json;
use axum::http::{StatusCode, header};
use daihoi_core::{OrgCode, OrgKind};
use daihoi_store::orgs::NewOrg;
use serde::Deserialize;
use utoipa::ToSchema;

use super::Org;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiResult, ErrorBody};
use crate::api::optional_date;

/// A new organization under a parent where the caller writes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOrg {
    /// The new code: the parent's code, a dot, one more segment.
    #[schema(example = "QN.DH.QT.CB03")]
    pub code: String,
    #[schema(example = "Chi bộ thôn Tân Lập")]
    pub name: String,
    /// One of `central`, `province`, `district`, `commune`, `grassroots`,
    /// `partial_committee`, `grassroots_cell`, `cell`; it must fit under
    /// the parent's kind.
    #[schema(example = "cell")]
    pub kind: String,
    /// The parent's code.
    #[schema(example = "QN.DH.QT")]
    pub parent: String,
    /// First day (`yyyy-mm-dd`); default: today in Vietnam.
    #[schema(format = Date, example = "2026-12-01")]
    pub valid_from: Option<String>,
}

/// Writes the organization and an audit entry with the caller's address.
#[utoipa::path(
    post,
    path = "/api/v1/orgs",
    tag = "orgs",
    operation_id = "create_org",
    request_body = CreateOrg,
    responses(
        (status = 201, description = "Created; `Location` is its URL", body = Org,
         headers(("location" = String, description = "/api/v1/orgs/{code}"))),
        (status = 400, description = "A bad field, or a kind that cannot sit under the parent's", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write in the parent", body = ErrorBody),
        (status = 409, description = "The code exists, or the parent does not exist on the date", body = ErrorBody),
    )
)]
pub async fn create(
    caller: ApiCaller,
    ApiJson(body): ApiJson<CreateOrg>,
) -> ApiResult<(StatusCode, [(header::HeaderName, String); 1], Json<Org>)> {
    let code = OrgCode::parse(body.code.trim()).map_err(|e| ApiError::bad_request(format!("code: {e}")))?;
    let parent = OrgCode::parse(body.parent.trim()).map_err(|e| ApiError::bad_request(format!("parent: {e}")))?;
    let kind: OrgKind = body.kind.trim().parse().map_err(|e| ApiError::bad_request(format!("kind: {e}")))?;
    let name = body.name.trim();
    if name.is_empty() {
        return Err(ApiError::bad_request("name: must not be empty"));
    }
    let valid_from = optional_date("valid_from", body.valid_from.as_deref())?;
    let scoped = caller.scoped();
    let new = NewOrg { code: &code, name, kind, parent: Some(&parent), valid_from };
    let node = scoped.create_org(&new, &caller.address).await?;
    let org = Org::load(&scoped, &node, valid_from).await?;
    let location = format!("/api/v1/orgs/{}", node.code);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(org)))
}
