//! P-8's cut-off per congress on the pages and through the API: the day
//! after which new letters about the candidates of an organization's
//! congress (in the latest round) are recorded but not considered in the
//! personnel work. Shown and set on the register's page
//! (`POST /orgs/{code}/petitions/cutoff`), read and set through
//! `/api/v1/orgs/{code}/petitions/cutoff`; the holds of a member at a
//! congress use it (`…/petition-holds?congress=`).

use axum::Form;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_store::access::Scoped;
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::orgs::OrgNode;
use daihoi_store::{StoreError, StoreResult};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::WebError;
use crate::access::Caller;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody, ErrorCode};
use crate::api::{CodePath, date_text};
use crate::orgs::api::find;
use crate::page::{Path, today};

/// The organization's congress in the latest round, when there is one and
/// the viewer reads it.
pub(crate) async fn congress_of(scoped: &Scoped<'_>, node: &OrgNode) -> StoreResult<Option<(Round, Congress)>> {
    let Some(round) = crate::congresses::view::round_named(scoped, None).await? else { return Ok(None) };
    match scoped.congresses().congress(&round, node, today()).await {
        Ok(Some(c)) => Ok(Some((round, c))),
        Ok(None) | Err(StoreError::Forbidden(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The cut-off as the register's page shows it.
pub struct CutoffLine {
    pub round: String,
    /// As written for the reader; empty: none set.
    pub day: String,
    /// `yyyy-mm-dd` for the form's field.
    pub value: String,
}

/// The register page's line, for a reader of the organization's cases.
pub(crate) async fn line(caller: &Caller, node: &OrgNode) -> Result<Option<CutoffLine>, WebError> {
    let scoped = caller.scoped();
    let Some((round, congress)) = congress_of(&scoped, node).await? else { return Ok(None) };
    let set = match scoped.petitions().letters_cutoff(&congress).await {
        Ok(set) => set,
        Err(StoreError::Forbidden(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    Ok(Some(CutoffLine {
        round: round.title,
        day: set.as_ref().map(|c| caller.tr.date(c.cutoff)).unwrap_or_default(),
        value: set.map(|c| daihoi_core::date::iso(c.cutoff)).unwrap_or_default(),
    }))
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct CutoffForm {
    #[serde(default)]
    pub cutoff: String,
}

/// `POST /orgs/{code}/petitions/cutoff`: the congress's cut-off set (an
/// empty field: none) (P-8).
pub async fn set(caller: Caller, Path(code): Path<String>, Form(f): Form<CutoffForm>) -> Result<Response, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    let scoped = caller.scoped();
    if !scoped.petitions().may_handle(&node) {
        return Err(WebError::Forbidden);
    }
    let Some((_, congress)) = congress_of(&scoped, &node).await? else { return Err(WebError::NotFound) };
    let cutoff = match f.cutoff.trim() {
        "" => None,
        text => match super::pages::day(text) {
            Some(d) => Some(d),
            None => return Err(WebError::BadInput("petition-problem-cutoff")),
        },
    };
    scoped.petitions().set_letters_cutoff(&congress, cutoff, &caller.address).await?;
    Ok(Redirect::to(&format!("/orgs/{}/petitions#cutoff", node.code)).into_response())
}

/// A congress's cut-off (P-8).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PetitionCutoffJson {
    /// The congress's id (answers only).
    #[serde(default, skip_deserializing)]
    pub congress: i64,
    /// The round's code (answers only).
    #[serde(default, skip_deserializing)]
    pub round: String,
    /// Letters about its candidates received on or after this day are
    /// recorded, not considered; null: none set.
    #[schema(value_type = Option<String>, format = Date)]
    pub cutoff: Option<String>,
}

/// P-8: the cut-off the organization's congress (latest round) set.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/petitions/cutoff",
    tag = "petitions",
    operation_id = "petition_cutoff",
    params(CodePath),
    responses(
        (status = 200, description = "The congress's cut-off", body = PetitionCutoffJson),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not read the organization's cases", body = ErrorBody),
        (status = 404, description = "No such organization today; no congress of it in the latest round",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn get(caller: ApiCaller, ApiPath(code): ApiPath<String>) -> ApiResult<axum::Json<PetitionCutoffJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let (round, congress) = congress_of(&scoped, &node)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress of {} in the latest round", node.code)))?;
    let set = scoped.petitions().letters_cutoff(&congress).await?;
    Ok(axum::Json(PetitionCutoffJson {
        congress: congress.id,
        round: round.code,
        cutoff: set.map(|c| date_text(c.cutoff)),
    }))
}

/// P-8: sets the cut-off of the organization's congress (latest round);
/// null: none.
#[utoipa::path(
    put,
    path = "/api/v1/orgs/{code}/petitions/cutoff",
    tag = "petitions",
    operation_id = "set_petition_cutoff",
    params(CodePath),
    request_body = PetitionCutoffJson,
    responses(
        (status = 204, description = "Set"),
        (status = 400, description = "Not a code; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not handle the organization's cases", body = ErrorBody),
        (status = 404, description = "No such organization today; no congress of it in the latest round",
         body = ErrorBody),
        (status = 422, description = "Not a date", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn put(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<PetitionCutoffJson>,
) -> ApiResult<StatusCode> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    if !scoped.petitions().may_handle(&node) {
        return Err(ApiError::forbidden());
    }
    let (_, congress) = congress_of(&scoped, &node)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress of {} in the latest round", node.code)))?;
    let cutoff = match body.cutoff.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(daihoi_core::date::from_iso(text).ok_or_else(|| {
            ApiError::new(ErrorCode::Unprocessable, format!("cutoff: {text:?} is not a date (expected yyyy-mm-dd)"))
        })?),
    };
    scoped.petitions().set_letters_cutoff(&congress, cutoff, &caller.address).await?;
    Ok(StatusCode::NO_CONTENT)
}
