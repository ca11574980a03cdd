//! The member page's forms as API operations, through the same facet and
//! policy (`members::policy::may_keep`, `may_transfer`): `PUT
//! /api/v1/members/{id}` (the data), `POST /api/v1/members/{id}/transfer`,
//! `POST /api/v1/members/{id}/conditions` and `POST
//! /api/v1/members/{id}/conditions/{condition}/end`. A value outside the
//! document's schema is a 400; a well-formed request a rule refuses (the
//! file's checks of a member, a date before the enrolment's start, a target
//! that is not a cell, overlapping conditions) a 422.

use axum::Json;
use axum::http::StatusCode;
use daihoi_core::date::iso;
use daihoi_core::members::import::{Column, parse_member};
use daihoi_core::members::{ConditionKind, Gender};
use daihoi_store::members::{MemberRefusal, NewCondition};
use serde::Deserialize;
use time::Date;
use utoipa::{IntoParams, ToSchema};

use super::show::{MemberDetail, detail};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::api::{code_param, enum_field};
use crate::page::today;

/// A member's data, whole (what the member form sends).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberData {
    #[schema(schema_with = crate::api::schema::card_number)]
    pub card_number: String,
    #[schema(example = "Nguyễn Văn An", max_length = 200)]
    pub full_name: String,
    #[schema(schema_with = crate::api::schema::gender)]
    pub gender: String,
    #[schema(format = Date, example = "1980-05-12")]
    pub birth_date: String,
    /// Dân tộc; absent or empty when unknown.
    #[schema(example = "Kinh", max_length = 50)]
    pub ethnicity: Option<String>,
    #[schema(format = Date, example = "2005-05-19")]
    pub admission_date: String,
    /// `null` or absent while probationary.
    #[schema(format = Date, example = "2006-05-19")]
    pub official_date: Option<String>,
}

/// A transfer to another cell from a date on.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferMember {
    /// The cell the member goes to.
    #[schema(schema_with = crate::api::schema::org_code)]
    pub org: String,
    /// The first day in the new cell.
    #[schema(format = Date, example = "2026-09-01")]
    pub date: String,
}

/// A condition from a date on.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordCondition {
    #[schema(schema_with = crate::api::schema::condition_kind)]
    pub kind: String,
    /// The first day it holds.
    #[schema(format = Date, example = "2026-10-01")]
    pub from: String,
    /// The decision's number, a reason.
    #[schema(schema_with = crate::api::schema::label_input)]
    pub note: Option<String>,
}

/// The end of a condition.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndCondition {
    /// The first day it no longer holds.
    #[schema(format = Date, example = "2026-11-01")]
    pub to: String,
}

/// A member id and one of their conditions.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ConditionPath {
    /// Member id.
    #[param(minimum = 1)]
    pub id: i64,
    /// Condition id (from the member's `conditions`).
    #[param(minimum = 1)]
    pub condition: i64,
}

/// A `yyyy-mm-dd` field: 400 otherwise.
fn date_field(name: &str, text: &str) -> ApiResult<Date> {
    daihoi_core::date::from_iso(text)
        .ok_or_else(|| ApiError::bad_request(format!("{name}: {text:?} is not a date (expected yyyy-mm-dd)")))
}

/// Replaces a member's data, checked as a row of the member file (every
/// problem named), the card number nobody else's. One audit entry
/// (`member_edit`) naming each change; none when nothing changed.
#[utoipa::path(
    put,
    path = "/api/v1/members/{id}",
    tag = "members",
    operation_id = "edit_member",
    params(("id" = i64, Path, description = "Member id (from a member list)", minimum = 1)),
    request_body = MemberData,
    responses(
        (status = 200, description = "The member as stored now", body = MemberDetail),
        (status = 400, description = "A field outside the schema: not a date, an unknown gender, a malformed \
                                      or unknown JSON body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write where the member is enrolled", body = ErrorBody),
        (status = 404, description = "No such member", body = ErrorBody),
        (status = 422, description = "The data breaks the member file's checks (a name, a card number, \
                                      admission before 18, a date in the future…) or the card number is \
                                      another member's", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn edit(
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<MemberData>,
) -> ApiResult<Json<MemberDetail>> {
    let members = caller.scoped().members();
    let today = today();
    // Who may, before anything sent is looked at.
    members.member(id, today).await?.ok_or_else(|| ApiError::not_found(format!("no member {id}")))?;
    if !members.may_keep(id, today).await? {
        return Err(ApiError::forbidden());
    }
    enum_field("gender", Some(&body.gender), &Gender::ALL.map(Gender::code))?;
    let birth = date_field("birth_date", &body.birth_date)?;
    let admission = date_field("admission_date", &body.admission_date)?;
    let official = body.official_date.as_deref().map(|t| date_field("official_date", t)).transpose()?;
    let text = |c: Column| match c {
        Column::CardNumber => body.card_number.clone(),
        Column::FullName => body.full_name.clone(),
        Column::Gender => body.gender.clone(),
        Column::BirthDate => iso(birth),
        Column::Ethnicity => body.ethnicity.clone().unwrap_or_default(),
        Column::AdmissionDate => iso(admission),
        Column::OfficialDate => official.map(iso).unwrap_or_default(),
        _ => String::new(),
    };
    let member = parse_member(text, today).map_err(|errors| {
        let fields = errors.into_iter().map(|e| (e.column, e.problem)).collect();
        ApiError::from(daihoi_store::StoreError::from(MemberRefusal::Fields(fields)))
    })?;
    let d = members.edit_member(id, &member, today, &caller.address).await?;
    Ok(Json(detail(&d, today)))
}

/// Transfers the member to the cell `org` from `date` on: the current
/// enrolment ends on `date`. The caller writes where the member is and in
/// `org`. One audit entry (`member_transfer`).
#[utoipa::path(
    post,
    path = "/api/v1/members/{id}/transfer",
    tag = "members",
    operation_id = "transfer_member",
    params(("id" = i64, Path, description = "Member id (from a member list)", minimum = 1)),
    request_body = TransferMember,
    responses(
        (status = 200, description = "The member as stored now", body = MemberDetail),
        (status = 400, description = "A field outside the schema", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write where the member is or in `org`", body = ErrorBody),
        (status = 404, description = "No such member, or no organization `org`", body = ErrorBody),
        (status = 422, description = "`date` is before the current enrolment's start or outside the tree's \
                                      history (O-DATE-1); `org` is no cell, does not exist on `date`, has ended, \
                                      or is the member's cell already", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn transfer(
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<TransferMember>,
) -> ApiResult<Json<MemberDetail>> {
    let members = caller.scoped().members();
    let today = today();
    members.member(id, today).await?.ok_or_else(|| ApiError::not_found(format!("no member {id}")))?;
    let org = code_param("org", &body.org)?;
    let date = date_field("date", &body.date)?;
    let d = members.transfer_member(id, &org, date, today, &caller.address).await?;
    Ok(Json(detail(&d, today)))
}

/// Records a condition of the member from `from` on (R-BASE-1), with a
/// note. One audit entry (`member_condition_record`).
#[utoipa::path(
    post,
    path = "/api/v1/members/{id}/conditions",
    tag = "members",
    operation_id = "record_member_condition",
    params(("id" = i64, Path, description = "Member id (from a member list)", minimum = 1)),
    request_body = RecordCondition,
    responses(
        (status = 201, description = "The member as stored now", body = MemberDetail),
        (status = 400, description = "A field outside the schema: an unknown kind, not a date, a note refused \
                                      by TEXT-1", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write where the member is enrolled", body = ErrorBody),
        (status = 404, description = "No such member", body = ErrorBody),
        (status = 422, description = "`from` is before admission or outside the tree's history (O-DATE-1), or \
                                      the member is under the same condition then", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn record_condition(
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<RecordCondition>,
) -> ApiResult<(StatusCode, Json<MemberDetail>)> {
    let members = caller.scoped().members();
    let today = today();
    members.member(id, today).await?.ok_or_else(|| ApiError::not_found(format!("no member {id}")))?;
    if !members.may_keep(id, today).await? {
        return Err(ApiError::forbidden());
    }
    enum_field("kind", Some(&body.kind), &ConditionKind::ALL.map(ConditionKind::code))?;
    let kind = ConditionKind::parse(&body.kind).ok_or_else(|| ApiError::bad_request("kind: unknown"))?;
    let from = date_field("from", &body.from)?;
    let new = NewCondition { kind, from, note: body.note.as_deref().unwrap_or("") };
    let d = members.record_condition(id, &new, today, &caller.address).await?;
    Ok((StatusCode::CREATED, Json(detail(&d, today))))
}

/// Ends the member's open condition `condition` on `to`. One audit entry
/// (`member_condition_end`).
#[utoipa::path(
    post,
    path = "/api/v1/members/{id}/conditions/{condition}/end",
    tag = "members",
    operation_id = "end_member_condition",
    params(ConditionPath),
    request_body = EndCondition,
    responses(
        (status = 200, description = "The member as stored now", body = MemberDetail),
        (status = 400, description = "A field outside the schema", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write where the member is enrolled", body = ErrorBody),
        (status = 404, description = "No such member", body = ErrorBody),
        (status = 422, description = "The member has no such condition, it has ended already, `to` is not \
                                      after its start or is outside the tree's history (O-DATE-1)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn end_condition(
    caller: ApiCaller,
    ApiPath(path): ApiPath<ConditionPath>,
    ApiJson(body): ApiJson<EndCondition>,
) -> ApiResult<Json<MemberDetail>> {
    let members = caller.scoped().members();
    let today = today();
    let id = path.id;
    members.member(id, today).await?.ok_or_else(|| ApiError::not_found(format!("no member {id}")))?;
    if !members.may_keep(id, today).await? {
        return Err(ApiError::forbidden());
    }
    let to = date_field("to", &body.to)?;
    let d = members.end_condition(id, path.condition, to, today, &caller.address).await?;
    Ok(Json(detail(&d, today)))
}
