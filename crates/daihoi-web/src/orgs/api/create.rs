//! `POST /api/v1/orgs`: a new organization.

use axum::Json;
use axum::http::{StatusCode, header};
use daihoi_core::OrgKind;
use daihoi_store::orgs::NewOrg;
use serde::Deserialize;
use utoipa::ToSchema;

use super::Org;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiResult, ErrorBody};
use crate::api::{code_param, optional_date};

/// A new organization under a parent where the caller writes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOrg {
    #[schema(schema_with = crate::api::schema::new_org_code)]
    pub code: String,
    #[schema(schema_with = crate::api::schema::org_name_input)]
    pub name: String,
    #[schema(schema_with = crate::api::schema::org_kind)]
    pub kind: String,
    #[schema(schema_with = crate::api::schema::parent_code)]
    pub parent: String,
    #[schema(schema_with = crate::api::schema::valid_from)]
    pub valid_from: Option<String>,
}

/// Writes the organization and an audit entry with the caller's address.
/// The rules are the store's, the same for the pages and the command line
/// (docs/org-tree.md).
#[utoipa::path(
    post,
    path = "/api/v1/orgs",
    tag = "orgs",
    operation_id = "create_org",
    request_body = CreateOrg,
    responses(
        (status = 201, description = "Created; `Location` is its URL", body = Org,
         headers(("location" = String, description = "/api/v1/orgs/{code}"))),
        (status = 400, description = "A bad field: not a code, an unknown kind, a name refused by TEXT-1, \
                                      not a date, a malformed or unknown JSON body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write in the parent", body = ErrorBody),
        (status = 409, description = "The code exists; the parent does not exist on `valid_from`, or has \
                                      ended since (O-CURRENT-1)", body = ErrorBody),
        (status = 422, description = "A rule refuses it: the code is not the parent's code and one segment \
                                      (O-CODE-1), `valid_from` is outside the tree's history (O-DATE-1), \
                                      the kind cannot sit under the parent's (O-KIND-1)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn create(
    caller: ApiCaller,
    ApiJson(body): ApiJson<CreateOrg>,
) -> ApiResult<(StatusCode, [(header::HeaderName, String); 1], Json<Org>)> {
    let code = code_param("code", &body.code)?;
    let parent = code_param("parent", &body.parent)?;
    let kind = kind_param(&body.kind)?;
    let valid_from = optional_date("valid_from", body.valid_from.as_deref())?;
    let scoped = caller.scoped();
    let new = NewOrg { code: &code, name: &body.name, kind, parent: Some(&parent), valid_from };
    let node = scoped.orgs().create_org(&new, &caller.address).await?;
    let org = Org::load(&scoped, &node, valid_from).await?;
    let location = format!("/api/v1/orgs/{}", node.code);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(org)))
}

/// A kind exactly as the document's enum spells it.
fn kind_param(text: &str) -> ApiResult<OrgKind> {
    OrgKind::ALL.into_iter().find(|k| k.code() == text).ok_or_else(|| {
        let known: Vec<&str> = OrgKind::ALL.map(OrgKind::code).to_vec();
        ApiError::bad_request(format!("kind: {text:?} is not one of: {}", known.join(", ")))
    })
}
