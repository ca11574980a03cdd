//! `POST /api/v1/documents/{id}/disseminations`: records a conference.

use axum::Json;
use axum::http::{StatusCode, header};
use daihoi_store::StoreError;
use daihoi_store::dissemination::NewDissemination;
use serde::Deserialize;
use utoipa::ToSchema;

use super::register::{classification_param, date_param, paragraphs_param};
use super::{find, id_param};
use crate::api::auth::ApiCaller;
use crate::api::code_param;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody, ErrorCode};
use crate::dissemination::api::show::ConferenceDetail;
use crate::dissemination::api::{MAX_ATTENDEES, attendance_refusal, cards_param, orgs_param};

/// The most other documents a conference recorded here may cover.
pub const MAX_OTHER_DOCUMENTS: usize = 50;

/// A conference that disseminated the document, as the document page's
/// form takes it, with the attendance as lists instead of a file.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewConference {
    /// The organization that held it: one the caller's roles that write are
    /// bound to (the page's list).
    #[schema(schema_with = crate::api::schema::org_code)]
    pub holder: String,
    /// The day it was held (`yyyy-mm-dd`), not after today.
    #[schema(format = Date, example = "2024-11-18")]
    pub held_on: String,
    #[schema(schema_with = crate::api::schema::title_input)]
    pub title: String,
    #[schema(schema_with = crate::api::schema::label_input)]
    pub level: Option<String>,
    #[schema(schema_with = crate::api::schema::paragraphs_input)]
    pub notes: Option<String>,
    /// Other registered documents it covered, by id (at most 50).
    #[serde(default)]
    #[schema(max_items = 50, value_type = Vec<i64>)]
    pub documents: Vec<serde_json::Number>,
    #[schema(schema_with = classification_input)]
    pub classification: Option<String>,
    /// Members who attended, by card number.
    #[serde(default)]
    #[schema(schema_with = attendees_schema)]
    pub attendees: Vec<String>,
    /// Organizations that attended as such, by code.
    #[serde(default)]
    #[schema(schema_with = orgs_schema)]
    pub orgs: Vec<String>,
}

fn classification_input() -> utoipa::openapi::schema::Object {
    crate::api::schema::classification_or_null(
        "The conference's classification (T-6): absent or `null`, the document's; it is stored as at least \
         its documents' highest, and must be at most the caller's clearance.",
    )
}

fn attendees_schema() -> utoipa::openapi::schema::Array {
    crate::api::schema::card_numbers(MAX_ATTENDEES)
}

fn orgs_schema() -> utoipa::openapi::schema::Array {
    crate::api::schema::org_codes(MAX_ATTENDEES)
}

/// Records a conference held by an organization where the caller writes
/// that disseminated this document (and the other documents named), with
/// its attendance, as the document's page does: members by card number,
/// each one the caller may read; organizations by code, in the holder's
/// subtree on the day; all or nothing. One audited write (`dissemination`).
#[utoipa::path(
    post,
    path = "/api/v1/documents/{id}/disseminations",
    tag = "documents",
    operation_id = "record_dissemination",
    params(("id" = i64, Path, description = "Document id", minimum = 1)),
    request_body = NewConference,
    responses(
        (status = 201, description = "Recorded; `Location` is its URL", body = ConferenceDetail,
         headers(("location" = String, description = "/api/v1/disseminations/{id}"))),
        (status = 400, description = "A bad id, code, date, card number, classification or text (TEXT-1); \
                                      too many attendees or documents; a malformed or unknown JSON body",
         body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller writes nowhere, or is not cleared for a document or the \
                                      classification (T-6)", body = ErrorBody),
        (status = 404, description = "No such document", body = ErrorBody),
        (status = 422, description = "`holder` is not one of the caller's organizations; `held_on` is after \
                                      today or before the holder existed; a card number, code or other document not found within the \
                                      caller's reach (named)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn disseminate(
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewConference>,
) -> ApiResult<(StatusCode, [(header::HeaderName, String); 1], Json<ConferenceDetail>)> {
    let id = id_param(id)?;
    let holder_code = code_param("holder", &body.holder)?;
    let held_on = date_param("held_on", &body.held_on)?;
    let title = daihoi_core::text::line(&body.title, daihoi_core::text::TITLE_MAX_CHARS)
        .map_err(|problem| StoreError::BadText { field: "title", problem })?;
    let level =
        daihoi_core::text::optional_line(body.level.as_deref().unwrap_or(""), daihoi_core::text::LABEL_MAX_CHARS)
            .map_err(|problem| StoreError::BadText { field: "level", problem })?;
    let notes = body.notes.as_deref().unwrap_or("");
    paragraphs_param("notes", notes)?;
    let notes = daihoi_core::text::paragraphs(notes, daihoi_core::text::NOTE_MAX_CHARS)
        .map_err(|problem| StoreError::BadText { field: "notes", problem })?;
    if body.documents.len() > MAX_OTHER_DOCUMENTS {
        return Err(ApiError::bad_request(format!("documents: more than {MAX_OTHER_DOCUMENTS}")));
    }
    let others = body.documents.iter().map(document_id).collect::<ApiResult<Vec<i64>>>()?;
    let chosen = classification_param("classification", body.classification.as_deref())?;
    let cards = cards_param("attendees", &body.attendees)?;
    let orgs = orgs_param("orgs", &body.orgs)?;
    let scoped = caller.scoped();
    let d = find(&scoped, id).await?;
    let today = crate::page::today();
    let holders = scoped.documents().writable_registers(today).await?;
    if holders.is_empty() {
        return Err(ApiError::forbidden());
    }
    let unprocessable = |message: String| ApiError::new(ErrorCode::Unprocessable, message);
    let Some(holder) = holders.into_iter().find(|n| n.code == holder_code) else {
        return Err(unprocessable(format!("holder: {holder_code} is not an organization where you write")));
    };
    if held_on > today {
        return Err(unprocessable(format!("held_on: {} is after today", crate::api::date_text(held_on))));
    }
    let mut documents = vec![d.id];
    documents.extend(others);
    let new = NewDissemination {
        org: &holder.code,
        held_on,
        title,
        level,
        notes,
        documents: &documents,
        classification: chosen.unwrap_or(d.classification),
    };
    let c = scoped
        .disseminations()
        .record_dissemination(&new, &cards, &orgs, &caller.address)
        .await
        .map_err(attendance_refusal)?;
    let detail = crate::dissemination::api::show::detail(&caller, c.id).await?;
    let location = format!("/api/v1/disseminations/{}", c.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(detail)))
}

/// A document id as JSON Schema's `integer` allows it: `7` or `7.0`.
fn document_id(n: &serde_json::Number) -> ApiResult<i64> {
    crate::api::json_integer(n).ok_or_else(|| ApiError::bad_request(format!("documents: {n} is not an id")))
}
