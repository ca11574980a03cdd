//! `POST /api/v1/orgs/{code}/committee/seats`, `POST …/committee/seats/{id}/end`
//! and `GET …/committee/history`: an organization's committee seats over
//! time (issue 15 §4; C-PER-10, C-DEL-7), recorded and ended by the office
//! of the organization above, as the committee page does, through the same
//! facet. The committee today is `GET …/committee` (`attendance`).

use axum::Json;
use axum::http::StatusCode;
use daihoi_congress::{Position, SeatSource};
use daihoi_core::members::CardNumber;
use daihoi_store::congresses::committees::{NewSeat, StoredSeat};
use daihoi_store::orgs::OrgNode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::body_refusal;
use crate::api::CodePath;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody, ErrorCode};
use crate::api::{date_text, enum_field};
use crate::congresses::view::approves_for;
use crate::orgs::api::find;
use crate::page::today;

/// A seat on a committee or its inspection commission, over its period.
#[derive(Debug, Serialize, ToSchema)]
pub struct SeatJson {
    pub id: i64,
    #[schema(example = "002101")]
    pub card: String,
    pub name: String,
    #[schema(schema_with = position_schema)]
    pub position: &'static str,
    /// The first day held.
    #[schema(format = Date, example = "2025-05-21")]
    pub from: String,
    /// The first day no longer held; `null` while held.
    #[schema(format = Date)]
    pub to: Option<String>,
    /// `appointment` (C-PER-10) or `election` (results approved, R-AFTER-1).
    #[schema(schema_with = source_schema)]
    pub source: &'static str,
    /// The decision (appointment, approval of results).
    #[schema(example = "Quyết định chuẩn y 645-QĐ/HU")]
    pub reference: String,
    /// Why it ended (retirement, transfer, the end of the term).
    pub end_reason: Option<String>,
}

fn enum_schema(values: &[&str]) -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(values.iter().map(|v| (*v).to_owned())))
        .build()
}

fn position_schema() -> utoipa::openapi::Object {
    enum_schema(&Position::ALL.map(Position::code))
}

fn source_schema() -> utoipa::openapi::Object {
    enum_schema(&[SeatSource::Appointment.code(), SeatSource::Election.code()])
}

pub(crate) fn seat_json(s: &StoredSeat) -> SeatJson {
    SeatJson {
        id: s.id,
        card: s.seat.person.clone(),
        name: s.name.clone(),
        position: s.seat.position.code(),
        from: date_text(s.seat.from),
        to: s.seat.to.map(date_text),
        source: s.seat.source.code(),
        reference: s.seat.reference.clone(),
        end_reason: s.end_reason.clone(),
    }
}

/// A seat to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeatBody {
    #[schema(example = "002101")]
    pub card: String,
    #[schema(schema_with = position_schema)]
    pub position: String,
    #[schema(schema_with = source_schema)]
    pub source: String,
    /// The first day held: not after today.
    #[schema(format = Date, example = "2025-05-21")]
    pub from: String,
    #[schema(schema_with = super::line_text_schema)]
    pub reference: String,
}

/// The end of a seat.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndBody {
    /// The first day no longer held: after the first day held, not after
    /// today.
    #[schema(format = Date, example = "2026-07-01")]
    pub on: String,
    #[schema(schema_with = super::line_text_schema)]
    pub reason: String,
}

/// A `yyyy-mm-dd` field: 400 otherwise.
fn date_field(name: &str, text: &str) -> ApiResult<time::Date> {
    daihoi_core::date::from_iso(text.trim())
        .ok_or_else(|| ApiError::bad_request(format!("{name}: {text:?} is not a date (expected yyyy-mm-dd)")))
}

/// The organization of the path, for the office above it (C-PER-10).
async fn office_above(caller: &ApiCaller, code: &str) -> ApiResult<OrgNode> {
    let scoped = caller.scoped();
    let node = find(&scoped, code, today()).await?;
    if !approves_for(&scoped, &node, today()).await? {
        return Err(ApiError::forbidden());
    }
    Ok(node)
}

/// Records a seat on the organization's committee or inspection commission
/// (the office of the organization above, C-PER-10: an appointment, or an
/// election whose results it approved), with an audit entry
/// (`committee_seat`): a member of the organization on the first day,
/// which is not after today, not holding the same position then.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/committee/seats",
    tag = "congresses",
    operation_id = "record_committee_seat",
    params(CodePath),
    request_body = SeatBody,
    responses(
        (status = 201, description = "The seat as stored", body = SeatJson),
        (status = 400, description = "Not a code; a malformed body, position, source or date; a refused text \
                                      (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write on the organization above", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "No such card; not a member of the organization then, a first day after \
                                      today, the position held already (C-PER-10: its rule)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn record_seat(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<SeatBody>,
) -> ApiResult<(StatusCode, Json<SeatJson>)> {
    let node = office_above(&caller, &code).await?;
    enum_field("position", Some(&body.position), &Position::ALL.map(Position::code))?;
    enum_field("source", Some(&body.source), &[SeatSource::Appointment.code(), SeatSource::Election.code()])?;
    let position = Position::parse(&body.position).ok_or_else(|| ApiError::bad_request("position: unknown"))?;
    let source = SeatSource::parse(&body.source).ok_or_else(|| ApiError::bad_request("source: unknown"))?;
    let from = date_field("from", &body.from)?;
    let card = CardNumber::parse(body.card.trim())
        .map_err(|_| ApiError::new(ErrorCode::Unprocessable, format!("card: {:?} is not a card number", body.card)))?;
    let new = NewSeat { card: &card, position, from, source, reference: &body.reference };
    let seat =
        caller.scoped().congresses().record_seat(&node, &new, today(), &caller.address).await.map_err(body_refusal)?;
    Ok((StatusCode::CREATED, Json(seat_json(&seat))))
}

/// Ends a seat of the organization's committee (the office of the
/// organization above): from `on` it is no longer held; with the reason.
/// An audit entry (`committee_seat_end`).
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/committee/seats/{id}/end",
    tag = "congresses",
    operation_id = "end_committee_seat",
    params(CodePath, ("id" = i64, Path, description = "Seat id (from the committee's history)", minimum = 1)),
    request_body = EndBody,
    responses(
        (status = 200, description = "The seat as stored now", body = SeatJson),
        (status = 400, description = "Not a code; a malformed body or date; a refused text (TEXT-1)",
         body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write on the organization above", body = ErrorBody),
        (status = 404, description = "No such organization today; no such seat of its committee",
         body = ErrorBody),
        (status = 422, description = "Ended already; `on` not after the first day held, or after today \
                                      (C-PER-10)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn end_seat(
    caller: ApiCaller,
    ApiPath((code, id)): ApiPath<(String, i64)>,
    ApiJson(body): ApiJson<EndBody>,
) -> ApiResult<Json<SeatJson>> {
    let node = office_above(&caller, &code).await?;
    let on = date_field("on", &body.on)?;
    let facet = caller.scoped().congresses();
    facet.end_seat(&node, id, on, &body.reason, today(), &caller.address).await?;
    let seat = facet
        .committee_history(&node)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| ApiError::not_found(format!("no seat {id}")))?;
    Ok(Json(seat_json(&seat)))
}

/// Every seat of the organization's committee and inspection commission,
/// past and present, the earliest first, for its readers.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/committee/history",
    tag = "congresses",
    operation_id = "org_committee_history",
    params(CodePath),
    responses(
        (status = 200, description = "The seats, the earliest first", body = Vec<SeatJson>),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn history(caller: ApiCaller, ApiPath(code): ApiPath<String>) -> ApiResult<Json<Vec<SeatJson>>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let seats = scoped.congresses().committee_history(&node).await?;
    Ok(Json(seats.iter().map(seat_json).collect()))
}
