//! `/api/v1/orgs/{code}/petitions`, `/api/v1/petitions/{case}…` and
//! `/api/v1/members/{card}/petition-holds`: petition cases through the
//! store's `petitions()` facet. No answer but the identity's own ever holds
//! the filer's identity (P-7); a case above the caller's clearance is a
//! 403 and is left out of lists.

use axum::Json;
use daihoi_core::OrgCode;
use daihoi_core::members::CardNumber;
use daihoi_petitions::{Area, CaseKind, Channel, Complexity, Instance, Step, Trigger, Unit};
use daihoi_store::documents::Classification;
use daihoi_store::petitions::{
    Awaits, Case, CaseFile, CaseStep, ClockView, Identity, Matter, NewFiling, PersonnelHold, Received,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, ErrorBody, ErrorCode};
use crate::api::{CodePath, date_text, optional_date};
use crate::orgs::api::find;
use crate::page::today;

pub(crate) fn unprocessable(message: String) -> ApiError {
    ApiError::new(ErrorCode::Unprocessable, message)
}

fn code_of<T: Copy>(field: &str, text: &str, parse: impl Fn(&str) -> Option<T>, expected: &str) -> ApiResult<T> {
    parse(text.trim()).ok_or_else(|| unprocessable(format!("{field}: {text:?} is not one of {expected}")))
}

fn date_of(field: &str, text: &str) -> ApiResult<time::Date> {
    daihoi_core::date::from_iso(text.trim())
        .ok_or_else(|| unprocessable(format!("{field}: {text:?} is not a date (expected yyyy-mm-dd)")))
}

/// The filer's identity as given or read (P-7: never in any other answer).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PetitionIdentityJson {
    #[schema(schema_with = line)]
    pub name: String,
    #[schema(schema_with = line)]
    pub address: String,
    #[serde(default)]
    #[schema(schema_with = optional_line)]
    pub contact: String,
}

pub(crate) fn line() -> utoipa::openapi::Object {
    crate::congresses::api::line_text_schema()
}

pub(crate) fn optional_line() -> utoipa::openapi::Object {
    crate::tasks::api::optional_line_schema(
        daihoi_core::text::TITLE_MAX_CHARS,
        "One line of text (TEXT-1), or empty.",
        false,
    )
}

fn optional_line_or_null() -> utoipa::openapi::Object {
    crate::tasks::api::optional_line_schema(
        daihoi_core::text::TITLE_MAX_CHARS,
        "One line of text (TEXT-1); empty or absent: none.",
        true,
    )
}

fn step_schema() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(["accept", "notify", "settle", "close", "transfer_out", "extend"]))
        .build()
}

/// An optional text field: absent or blank is none.
fn given(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// A filing received (P-1, P-2, P-6).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PetitionFilingBody {
    /// `complaint`, `denunciation`, `petition`, `reflection`,
    /// `party_discipline_complaint`.
    #[schema(example = "denunciation")]
    pub kind: String,
    /// `first` (default) or `second`, for a complaint.
    #[serde(default)]
    pub instance: Option<String>,
    /// `reception`, `letter`, `transfer`, `online`.
    #[schema(example = "letter")]
    pub channel: String,
    #[schema(format = Date, example = "2025-11-03")]
    pub received: String,
    /// `ordinary` (default) or `remote`.
    #[serde(default)]
    pub area: Option<String>,
    /// `ordinary` (default), `complex`, `especially_complex`.
    #[serde(default)]
    pub complexity: Option<String>,
    /// One line: what the matter is (no filer's identity in it).
    #[schema(schema_with = line)]
    pub summary: String,
    /// `normal` (default), `confidential`, `secret`.
    #[serde(default)]
    pub classification: Option<String>,
    /// The member the case is about (P-8), by card number.
    #[serde(default)]
    pub about: Option<String>,
    /// The body that transferred it.
    #[serde(default)]
    #[schema(schema_with = optional_line_or_null)]
    pub from_body: Option<String>,
    /// Absent: anonymous (P-6).
    #[serde(default)]
    pub identity: Option<PetitionIdentityJson>,
    /// An anonymous letter with concrete, verifiable evidence (P-6).
    #[serde(default)]
    pub evidence: bool,
    /// `new` (default), `distinct` (another matter than a similar open
    /// case), or the id of the case the filing joins (P-1).
    #[serde(default)]
    #[schema(value_type = Option<Object>, example = "new")]
    pub matter: Option<serde_json::Value>,
}

/// What receiving a filing did.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionReceivedJson {
    /// `opened`, `logged` (anonymous, P-6) or `linked` (P-1).
    #[schema(example = "opened")]
    pub received: &'static str,
    pub id: i64,
    /// Its number in the organization's year, when opened or logged.
    pub number: Option<i64>,
}

/// A step of a case's computation of a due date (P-3).
#[derive(Debug, Serialize, ToSchema)]
pub struct DueStepJson {
    /// `starts`, `counted`, `moved`, `extended`.
    #[schema(example = "counted")]
    pub step: &'static str,
    pub text: String,
}

/// A clock of a case.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionClockJson {
    #[schema(example = "denunciation_settlement")]
    pub clock: &'static str,
    #[schema(format = Date)]
    pub started: String,
    #[schema(format = Date)]
    pub met: Option<String>,
    #[schema(format = Date)]
    pub due: Option<String>,
    /// `running`, `overdue`, `on_time`, `late`, `stopped`; absent while
    /// the due date awaits a person.
    pub standing: Option<&'static str>,
    /// What the due date awaits: `rule` (no row for the day of receipt)
    /// or `calendar` (a year's calendar not confirmed).
    pub awaiting: Option<String>,
    /// The row used: its source article.
    pub source: Option<String>,
    /// How the due date was computed, step by step.
    pub steps: Vec<DueStepJson>,
}

/// A case, without the filer's identity.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionCaseJson {
    pub id: i64,
    #[schema(schema_with = crate::api::schema::org_code)]
    pub org: String,
    pub org_name: String,
    pub year: i32,
    pub number: i64,
    pub kind: &'static str,
    pub instance: &'static str,
    pub channel: &'static str,
    pub area: &'static str,
    pub complexity: &'static str,
    pub summary: String,
    pub classification: &'static str,
    /// The member concerned, by card number.
    pub about: Option<String>,
    pub logged: bool,
    pub assigned_to: Option<String>,
    #[schema(format = Date)]
    pub received: String,
    #[schema(format = Date)]
    pub accepted: Option<String>,
    #[schema(format = Date)]
    pub notified: Option<String>,
    #[schema(format = Date)]
    pub settled: Option<String>,
    #[schema(format = Date)]
    pub transferred: Option<String>,
    #[schema(format = Date)]
    pub closed: Option<String>,
    pub outcome: Option<String>,
    pub transferred_to: Option<String>,
    pub closed_why: Option<String>,
    /// Whether a filer's identity is on record (never the identity).
    pub identified: bool,
    pub open: bool,
    pub clocks: Vec<PetitionClockJson>,
}

/// A case with its filings and history.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionCaseFileJson {
    #[serde(flatten)]
    pub case: PetitionCaseJson,
    pub filings: Vec<PetitionFilingJson>,
    pub events: Vec<PetitionEventJson>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionFilingJson {
    pub channel: &'static str,
    #[schema(format = Date)]
    pub received: String,
    pub from_body: Option<String>,
    pub recorded_by: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionEventJson {
    #[schema(format = Date)]
    pub on: String,
    pub kind: String,
    pub detail: String,
    pub recorded_by: String,
}

/// A page of cases.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionCasesJson {
    pub total: usize,
    pub cases: Vec<PetitionCaseJson>,
}

pub(crate) fn step_json(step: &Step) -> DueStepJson {
    let unit = |u: &Unit| match u {
        Unit::CalendarDays => "calendar days",
        Unit::WorkingDays => "working days",
    };
    match step {
        Step::Starts { trigger, first_day } => DueStepJson {
            step: "starts",
            text: format!("from {} the period starts on {}", date_text(*trigger), date_text(*first_day)),
        },
        Step::Counted { amount, unit: u, last_day, skipped } => DueStepJson {
            step: "counted",
            text: format!(
                "{amount} {} end on {}{}",
                unit(u),
                date_text(*last_day),
                if skipped.is_empty() { String::new() } else { format!(", {} days off not counted", skipped.len()) }
            ),
        },
        Step::Moved { from, to, .. } => DueStepJson {
            step: "moved",
            text: format!("{} is off: the period ends on {}", date_text(*from), date_text(*to)),
        },
        Step::Extended { number, decided_on } => {
            DueStepJson { step: "extended", text: format!("extension {number} decided on {}", date_text(*decided_on)) }
        }
    }
}

pub(crate) fn clock_json(v: &ClockView) -> PetitionClockJson {
    let (due, awaiting, source, steps) = match &v.due {
        Ok(d) => (Some(date_text(d.date)), None, Some(d.rule.source.clone()), d.steps.iter().map(step_json).collect()),
        Err(Awaits::Rule { trigger, on }) => {
            (None, Some(format!("rule: {} for {}", trigger.code(), date_text(*on))), None, Vec::new())
        }
        Err(Awaits::Calendar { year }) => (None, Some(format!("calendar: {year}")), None, Vec::new()),
    };
    PetitionClockJson {
        clock: v.clock.trigger.code(),
        started: date_text(v.clock.started),
        met: v.clock.met.map(date_text),
        due,
        standing: v.standing.map(|s| s.code()),
        awaiting,
        source,
        steps,
    }
}

pub(crate) fn case_json(c: &Case, clocks: &[ClockView]) -> PetitionCaseJson {
    let d = c.days;
    PetitionCaseJson {
        id: c.id,
        org: c.org.code.to_string(),
        org_name: c.org.name.clone(),
        year: c.year,
        number: c.number,
        kind: c.kind.code(),
        instance: c.instance.code(),
        channel: c.channel.code(),
        area: c.area.code(),
        complexity: c.complexity.code(),
        summary: c.summary.clone(),
        classification: c.classification.code(),
        about: c.about.as_ref().map(|(card, _)| card.clone()),
        logged: c.logged,
        assigned_to: c.assigned_to.clone(),
        received: date_text(d.received),
        accepted: d.accepted.map(date_text),
        notified: d.notified.map(date_text),
        settled: d.settled.map(date_text),
        transferred: d.transferred.map(date_text),
        closed: d.closed.map(date_text),
        outcome: c.outcome.clone(),
        transferred_to: c.transferred_to.clone(),
        closed_why: c.closed_why.clone(),
        identified: c.identified,
        open: d.open() && !c.logged,
        clocks: clocks.iter().map(clock_json).collect(),
    }
}

fn file_json(f: &CaseFile) -> PetitionCaseFileJson {
    PetitionCaseFileJson {
        case: case_json(&f.case, &f.clocks),
        filings: f
            .filings
            .iter()
            .map(|x| PetitionFilingJson {
                channel: x.channel.code(),
                received: date_text(x.received),
                from_body: x.from_body.clone(),
                recorded_by: x.recorded_by.clone(),
            })
            .collect(),
        events: f
            .events
            .iter()
            .map(|e| PetitionEventJson {
                on: date_text(e.on),
                kind: e.kind.clone(),
                detail: e.detail.clone(),
                recorded_by: e.recorded_by.clone(),
            })
            .collect(),
    }
}

/// The list's query.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CasesQuery {
    /// Only the cases still in the committee's hands.
    #[serde(default)]
    pub open: bool,
    /// At most this many (default 100).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
    #[param(maximum = 1000000)]
    pub offset: Option<u32>,
}

/// The cases of an organization's subtree the caller reads, the latest
/// received first, with their clocks (P-3, P-10).
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/petitions",
    tag = "petitions",
    operation_id = "petition_cases",
    params(CodePath, CasesQuery),
    responses(
        (status = 200, description = "The cases", body = PetitionCasesJson),
        (status = 400, description = "Not a code; a malformed query", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not read the organization's cases", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn list(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<CasesQuery>,
) -> ApiResult<Json<PetitionCasesJson>> {
    let scoped = caller.scoped();
    let day = today();
    let node = find(&scoped, &code, day).await?;
    let limit = limit_of(q.limit)?;
    let offset = q.offset.unwrap_or(0);
    if offset > 1_000_000 {
        return Err(ApiError::bad_request(format!("offset: {offset} is over 1000000")));
    }
    let offset = offset as usize;
    let (cases, total) = scoped.petitions().cases_in(&node, q.open, day, limit, offset).await?;
    Ok(Json(PetitionCasesJson { total, cases: cases.iter().map(|(c, v)| case_json(c, v)).collect() }))
}

/// A list's `limit`: 100 by default, from 1 to 500, or 400.
pub(crate) fn limit_of(limit: Option<u32>) -> ApiResult<usize> {
    let limit = limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(ApiError::bad_request(format!("limit: {limit} is not from 1 to 500")));
    }
    Ok(limit as usize)
}

/// The filing a body gives, or 422 naming the field.
pub(crate) fn filing_of(body: PetitionFilingBody) -> ApiResult<NewFiling> {
    let kinds = "complaint, denunciation, petition, reflection, party_discipline_complaint";
    let matter = match &body.matter {
        None => Matter::New,
        Some(serde_json::Value::String(s)) if s == "new" => Matter::New,
        Some(serde_json::Value::String(s)) if s == "distinct" => Matter::Distinct,
        Some(serde_json::Value::Number(n)) if n.as_i64().is_some_and(|n| n > 0) => {
            Matter::SameAs(n.as_i64().unwrap_or_default())
        }
        Some(other) => {
            return Err(unprocessable(format!("matter: {other} is not \"new\", \"distinct\" or a case's id")));
        }
    };
    Ok(NewFiling {
        kind: code_of("kind", &body.kind, CaseKind::from_code, kinds)?,
        instance: match body.instance.as_deref() {
            None => Instance::First,
            Some(i) => code_of("instance", i, Instance::from_code, "first, second")?,
        },
        channel: code_of("channel", &body.channel, Channel::from_code, "reception, letter, transfer, online")?,
        received: date_of("received", &body.received)?,
        area: match body.area.as_deref() {
            None => Area::Ordinary,
            Some(a) => code_of("area", a, Area::from_code, "ordinary, remote")?,
        },
        complexity: match body.complexity.as_deref() {
            None => Complexity::Ordinary,
            Some(c) => code_of("complexity", c, Complexity::from_code, "ordinary, complex, especially_complex")?,
        },
        summary: body.summary,
        classification: match body.classification.as_deref() {
            None => Classification::Normal,
            Some(c) => code_of("classification", c, Classification::from_code, "normal, confidential, secret")?,
        },
        about: match body.about.as_deref() {
            None => None,
            Some(c) => Some(
                CardNumber::parse(c.trim()).map_err(|_| unprocessable(format!("about: {c:?} is not a card number")))?,
            ),
        },
        from_body: given(body.from_body),
        identity: body.identity.map(|i| Identity { name: i.name, address: i.address, contact: i.contact }),
        evidence: body.evidence,
        matter,
    })
}

/// Receives a filing in the organization's register (P-1, P-2, P-6): opens
/// a case, logs an anonymous letter without evidence, or links a filing of
/// an open case; refused with P-1 when it looks like an open case's matter
/// and `matter` does not say which.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/petitions",
    tag = "petitions",
    operation_id = "receive_petition",
    params(CodePath),
    request_body = PetitionFilingBody,
    responses(
        (status = 200, description = "What receiving did", body = PetitionReceivedJson),
        (status = 400, description = "Not a code; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not handle the organization's cases", body = ErrorBody),
        (status = 404, description = "No such organization today, member or case", body = ErrorBody),
        (status = 422, description = "A field that is not one of its values; a filing dated after today (P-3); \
         a similar open case (P-1); a case no longer open", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn receive(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<PetitionFilingBody>,
) -> ApiResult<Json<PetitionReceivedJson>> {
    let scoped = caller.scoped();
    let day = today();
    let node = find(&scoped, &code, day).await?;
    let filing = filing_of(body)?;
    let received = scoped.petitions().receive(&node, &filing, day, &caller.address).await?;
    Ok(Json(received_json(received)))
}

pub(crate) fn received_json(received: Received) -> PetitionReceivedJson {
    match received {
        Received::Opened { id, number, logged } => {
            PetitionReceivedJson { received: if logged { "logged" } else { "opened" }, id, number: Some(number) }
        }
        Received::Linked { id } => PetitionReceivedJson { received: "linked", id, number: None },
    }
}

/// A case with its filings, history and clocks (due dates computed now,
/// each with how it was computed); never the filer's identity.
#[utoipa::path(
    get,
    path = "/api/v1/petitions/{case}",
    tag = "petitions",
    operation_id = "petition_case",
    params(("case" = i64, Path, description = "The case's id")),
    responses(
        (status = 200, description = "The case", body = PetitionCaseFileJson),
        (status = 400, description = "Not a case's id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not read the case (its organization, its classification)",
         body = ErrorBody),
        (status = 404, description = "No such case", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn show(caller: ApiCaller, ApiPath(case): ApiPath<i64>) -> ApiResult<Json<PetitionCaseFileJson>> {
    let file = caller.scoped().petitions().case(case, today()).await?;
    Ok(Json(file_json(&file)))
}

/// Why the identity is read (P-7: each reading logged with it).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IdentityPurposeBody {
    #[schema(schema_with = line, example = "gặp người tố cáo để bổ sung chứng cứ")]
    pub purpose: String,
}

/// The identity read, or none (anonymous).
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionIdentityAnswer {
    pub identity: Option<PetitionIdentityJson>,
}

/// P-7: the filer's identity, for a reader cleared for it (a denouncer's:
/// the highest clearance); the reading is logged with its purpose.
#[utoipa::path(
    post,
    path = "/api/v1/petitions/{case}/identity",
    tag = "petitions",
    operation_id = "read_petition_identity",
    params(("case" = i64, Path, description = "The case's id")),
    request_body = IdentityPurposeBody,
    responses(
        (status = 200, description = "The identity, or none", body = PetitionIdentityAnswer),
        (status = 400, description = "Not a case's id; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not cleared for it", body = ErrorBody),
        (status = 404, description = "No such case", body = ErrorBody),
        (status = 422, description = "No purpose", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn identity(
    caller: ApiCaller,
    ApiPath(case): ApiPath<i64>,
    ApiJson(body): ApiJson<IdentityPurposeBody>,
) -> ApiResult<Json<PetitionIdentityAnswer>> {
    let identity = caller.scoped().petitions().identity(case, &body.purpose, today(), &caller.address).await?;
    Ok(Json(PetitionIdentityAnswer {
        identity: identity.map(|i| PetitionIdentityJson { name: i.name, address: i.address, contact: i.contact }),
    }))
}

/// A reading of the identity.
#[derive(Debug, Serialize, ToSchema)]
pub struct IdentityReadingJson {
    pub read_by: String,
    pub read_at: String,
    pub purpose: String,
}

/// P-7: who read the filer's identity, when and why: for the audit
/// readers of the case's organization.
#[utoipa::path(
    get,
    path = "/api/v1/petitions/{case}/identity-readings",
    tag = "petitions",
    operation_id = "petition_identity_readings",
    params(("case" = i64, Path, description = "The case's id")),
    responses(
        (status = 200, description = "The readings, in order", body = [IdentityReadingJson]),
        (status = 400, description = "Not a case's id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not read the audit of the case", body = ErrorBody),
        (status = 404, description = "No such case", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn identity_readings(
    caller: ApiCaller,
    ApiPath(case): ApiPath<i64>,
) -> ApiResult<Json<Vec<IdentityReadingJson>>> {
    let readings = caller.scoped().petitions().identity_readings(case, today()).await?;
    Ok(Json(
        readings
            .into_iter()
            .map(|(read_by, read_at, purpose)| IdentityReadingJson { read_by, read_at, purpose })
            .collect(),
    ))
}

/// A verifier's login.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PetitionAssignBody {
    #[schema(schema_with = line, example = "kt.xm")]
    pub verifier: String,
}

/// Assigns the case to a verifier (an account), who reads it without the
/// filer's identity unless cleared for it.
#[utoipa::path(
    post,
    path = "/api/v1/petitions/{case}/assign",
    tag = "petitions",
    operation_id = "assign_petition",
    params(("case" = i64, Path, description = "The case's id")),
    request_body = PetitionAssignBody,
    responses(
        (status = 200, description = "The case", body = PetitionCaseFileJson),
        (status = 400, description = "Not a case's id; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not handle the case", body = ErrorBody),
        (status = 404, description = "No such case or account", body = ErrorBody),
        (status = 422, description = "No verifier", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn assign(
    caller: ApiCaller,
    ApiPath(case): ApiPath<i64>,
    ApiJson(body): ApiJson<PetitionAssignBody>,
) -> ApiResult<Json<PetitionCaseFileJson>> {
    let p = caller.scoped().petitions();
    p.assign(case, &body.verifier, today(), &caller.address).await?;
    Ok(Json(file_json(&p.case(case, today()).await?)))
}

/// The competent organization.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PetitionRouteBody {
    #[schema(schema_with = crate::api::schema::org_code, example = "QN.DH")]
    pub to: String,
}

/// Routes the case to the competent organization of the tree (P-5): an
/// organization not in the tree today is refused.
#[utoipa::path(
    post,
    path = "/api/v1/petitions/{case}/route",
    tag = "petitions",
    operation_id = "route_petition",
    params(("case" = i64, Path, description = "The case's id")),
    request_body = PetitionRouteBody,
    responses(
        (status = 200, description = "Routed; the answer is the case if the caller still reads it",
         body = PetitionReceivedJson),
        (status = 400, description = "Not a case's id; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not handle the case", body = ErrorBody),
        (status = 404, description = "No such case", body = ErrorBody),
        (status = 422, description = "Not an organization of the tree (P-5); the case is not open (P-1)",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn route(
    caller: ApiCaller,
    ApiPath(case): ApiPath<i64>,
    ApiJson(body): ApiJson<PetitionRouteBody>,
) -> ApiResult<Json<PetitionReceivedJson>> {
    let to = OrgCode::parse(body.to.trim())
        .map_err(|_| unprocessable(format!("to: {:?} is not an organization's code (P-5)", body.to)))?;
    caller.scoped().petitions().route(case, &to, today(), &caller.address).await?;
    Ok(Json(PetitionReceivedJson { received: "routed", id: case, number: None }))
}

/// An event of a case's handling.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PetitionEventBody {
    /// `accept`, `notify`, `settle`, `close`, `transfer_out`, `extend`.
    #[schema(schema_with = step_schema, example = "accept")]
    pub step: String,
    #[schema(format = Date, example = "2025-11-10")]
    pub on: String,
    /// `settle`: the decision or conclusion.
    #[serde(default)]
    #[schema(schema_with = optional_line_or_null)]
    pub outcome: Option<String>,
    /// `close`: why.
    #[serde(default)]
    #[schema(schema_with = optional_line_or_null)]
    pub why: Option<String>,
    /// `transfer_out`: the competent body.
    #[serde(default)]
    #[schema(schema_with = optional_line_or_null)]
    pub body: Option<String>,
    /// `extend`: the clock extended (`denunciation_settlement`…) and the
    /// decision.
    #[serde(default)]
    pub clock: Option<String>,
    #[serde(default)]
    #[schema(schema_with = optional_line_or_null)]
    pub reference: Option<String>,
}

/// Records an event of the case (P-3: not before what it follows, not
/// after today; P-1: once, on an open case; P-5: an extension within the
/// row's).
#[utoipa::path(
    post,
    path = "/api/v1/petitions/{case}/events",
    tag = "petitions",
    operation_id = "record_petition_event",
    params(("case" = i64, Path, description = "The case's id")),
    request_body = PetitionEventBody,
    responses(
        (status = 200, description = "The case", body = PetitionCaseFileJson),
        (status = 400, description = "Not a case's id; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not handle the case", body = ErrorBody),
        (status = 404, description = "No such case", body = ErrorBody),
        (status = 422, description = "Refused by a rule (P-1, P-3, P-5, P-6) or a missing field", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn record(
    caller: ApiCaller,
    ApiPath(case): ApiPath<i64>,
    ApiJson(body): ApiJson<PetitionEventBody>,
) -> ApiResult<Json<PetitionCaseFileJson>> {
    let need =
        |field: &str, value: Option<String>| given(value).ok_or_else(|| unprocessable(format!("{field}: missing")));
    let step = match body.step.trim() {
        "accept" => CaseStep::Accept,
        "notify" => CaseStep::Notify,
        "settle" => CaseStep::Settle { outcome: need("outcome", body.outcome)? },
        "close" => CaseStep::Close { why: need("why", body.why)? },
        "transfer_out" => CaseStep::TransferOut { body: need("body", body.body)? },
        "extend" => {
            let clock = need("clock", body.clock)?;
            CaseStep::Extend {
                trigger: code_of("clock", &clock, Trigger::from_code, "a clock's code")?,
                reference: need("reference", body.reference)?,
            }
        }
        other => {
            return Err(unprocessable(format!(
                "step: {other:?} is not one of accept, notify, settle, close, transfer_out, extend"
            )));
        }
    };
    let on = date_of("on", &body.on)?;
    let p = caller.scoped().petitions();
    p.record(case, &step, on, today(), &caller.address).await?;
    Ok(Json(file_json(&p.case(case, today()).await?)))
}

/// The query of P-8's holds.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HoldsQuery {
    /// The day (today when absent).
    #[param(format = Date)]
    pub on: Option<String>,
    /// The congress's cut-off day: letters received on or after it are
    /// recorded, not considered.
    #[param(format = Date)]
    pub cutoff: Option<String>,
    /// The organization whose congress (latest round) the member stands
    /// at: the cut-off it set applies (not with `cutoff`).
    #[param(schema_with = crate::api::schema::org_code)]
    pub congress: Option<String>,
}

/// A case holding a member.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionHoldJson {
    /// The case's organization, year and number; absent for a case above
    /// the caller's clearance (it holds the member all the same).
    pub case: Option<String>,
    #[schema(format = Date)]
    pub received: String,
    pub kind: &'static str,
}

/// P-8: the cases that hold a member in the personnel work on a day.
#[utoipa::path(
    get,
    path = "/api/v1/members/{card}/petition-holds",
    tag = "petitions",
    operation_id = "petition_holds",
    params(("card" = String, Path, description = "The member's card number"), HoldsQuery),
    responses(
        (status = 200, description = "The cases holding the member", body = [PetitionHoldJson]),
        (status = 400, description = "A malformed query", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not read the member's organization", body = ErrorBody),
        (status = 404, description = "No such member today; no such organization, or no congress of it in the \
         latest round", body = ErrorBody),
        (status = 422, description = "Not a card number; a cut-off with a congress", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn holds(
    caller: ApiCaller,
    ApiPath(card): ApiPath<String>,
    ApiQuery(q): ApiQuery<HoldsQuery>,
) -> ApiResult<Json<Vec<PetitionHoldJson>>> {
    let card =
        CardNumber::parse(card.trim()).map_err(|_| unprocessable(format!("card: {card:?} is not a card number")))?;
    let on = optional_date("on", q.on.as_deref())?;
    let cutoff = match q.cutoff.as_deref() {
        None => None,
        Some(c) => Some(optional_date("cutoff", Some(c))?),
    };
    let scoped = caller.scoped();
    let holds = match q.congress.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        None => scoped.petitions().holds_on(&card, on, cutoff, today()).await?,
        Some(_) if cutoff.is_some() => {
            return Err(unprocessable("cutoff: not with congress, whose own cut-off applies".to_owned()));
        }
        Some(code) => {
            let node = find(&scoped, code, today()).await?;
            let (_, congress) = super::cutoff::congress_of(&scoped, &node)
                .await?
                .ok_or_else(|| ApiError::not_found(format!("no congress of {} in the latest round", node.code)))?;
            scoped.petitions().holds_at(&card, &congress, on, today()).await?
        }
    };
    Ok(Json(
        holds
            .iter()
            .map(|h: &PersonnelHold| PetitionHoldJson {
                case: h.case.as_ref().map(|(org, year, number)| format!("{number}/{year}, {org}")),
                received: date_text(h.received),
                kind: h.kind.code(),
            })
            .collect(),
    ))
}
