//! `/api/v1/orgs/{code}/reception-sessions`, `/api/v1/reception-sessions/{id}…`
//! and `/api/v1/orgs/{code}/reception-compliance`: citizen reception (P-9)
//! through the store's `petitions()` facet, as on the pages
//! (`reception.rs`): a committee's calendar, a session with its visits, a
//! session held or cancelled, a visit recorded or a filing received at
//! it, and the heads' compliance by month. A visit's case is named only to
//! a caller cleared for it, and its filer's identity never.

use axum::Json;
use daihoi_petitions::reception::{Period, YearMonth};
use daihoi_store::petitions::{CommitteeCompliance, NewSession, ReceptionSession, SessionKind, Visit, VisitOutcome};
use serde::{Deserialize, Serialize};
use utoipa::openapi::Object;
use utoipa::{IntoParams, ToSchema};

use super::api::{
    PetitionFilingBody, PetitionReceivedJson, filing_of, line, optional_line, received_json, unprocessable,
};
use super::clocks_api::enum_schema;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiJson, ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::api::{CodePath, date_text};
use crate::orgs::api::find;
use crate::page::today;

fn session_kind_schema() -> Object {
    enum_schema(&SessionKind::ALL.map(SessionKind::code), false, "`regular` (định kỳ) or `ad_hoc` (đột xuất).")
}

fn period_schema() -> Object {
    enum_schema(&Period::ALL.map(Period::code), false, "A report period of P-9, ending with `month`.")
}

fn visit_outcome_schema() -> Object {
    enum_schema(&["guided", "answered"], false, "Guided to the competent body, or answered there and then.")
}

/// The months a query names: the period (`month` by default) that ends
/// with `month` (this month by default), or 422.
pub(crate) fn months_of(month: Option<&str>, period: Option<&str>) -> ApiResult<(YearMonth, Period, Vec<YearMonth>)> {
    // Absent: the default; given, even blank, it must be one.
    let last = match month {
        None => YearMonth::of(today()),
        Some(m) => YearMonth::parse(m)
            .ok_or_else(|| unprocessable(format!("month: {m:?} is not a month (expected yyyy-mm, from 1900)")))?,
    };
    let period = match period {
        None => Period::Month,
        Some(p) => Period::from_code(p).ok_or_else(|| {
            unprocessable(format!("period: {p:?} is not one of month, quarter, six_months, nine_months, year"))
        })?,
    };
    Ok((last, period, period.months(last)))
}

/// The period's query.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReceptionPeriodQuery {
    /// The last month of the period, `yyyy-mm` (default: this month).
    #[param(example = "2025-03", pattern = r"^[0-9]{4}-[0-9]{2}$")]
    pub month: Option<String>,
    /// `month` (default), `quarter`, `six_months`, `nine_months`, `year`:
    /// the report periods of P-9, each ending with `month`.
    #[param(schema_with = period_schema)]
    pub period: Option<String>,
}

/// A reception session (buổi tiếp công dân).
#[derive(Debug, Serialize, ToSchema)]
pub struct ReceptionSessionJson {
    pub id: i64,
    #[schema(schema_with = crate::api::schema::org_code)]
    pub org: String,
    #[schema(format = Date)]
    pub day: String,
    pub host: String,
    /// The committee's head in person (P-9: only these count).
    pub by_head: bool,
    pub place: String,
    /// `regular` or `ad_hoc`.
    pub kind: &'static str,
    /// `planned`, `held` or `cancelled`.
    pub status: &'static str,
    /// Why it was cancelled, or a note on the session held.
    pub note: String,
    pub visits: i64,
    pub people: i64,
    pub cases: i64,
}

fn session_json(s: &ReceptionSession, org: &str) -> ReceptionSessionJson {
    ReceptionSessionJson {
        id: s.id,
        org: org.to_owned(),
        day: date_text(s.day),
        host: s.host.clone(),
        by_head: s.by_head,
        place: s.place.clone(),
        kind: s.kind.code(),
        status: s.status.code(),
        note: s.note.clone(),
        visits: s.visits,
        people: s.people,
        cases: s.cases,
    }
}

/// A committee's sessions over a period.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReceptionSessionsJson {
    /// The months of the period, `yyyy-mm`.
    pub months: Vec<String>,
    pub sessions: Vec<ReceptionSessionJson>,
}

/// P-9: the committee's reception sessions in the period's months, by day.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/reception-sessions",
    tag = "petitions",
    operation_id = "reception_sessions",
    params(CodePath, ReceptionPeriodQuery),
    responses(
        (status = 200, description = "The sessions", body = ReceptionSessionsJson),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not see the organization", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "Not a month; not a period", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn sessions(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<ReceptionPeriodQuery>,
) -> ApiResult<Json<ReceptionSessionsJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let (_, _, months) = months_of(q.month.as_deref(), q.period.as_deref())?;
    let (from, to) = period_days(&months);
    let list = scoped.petitions().reception_sessions(&node, from, to).await?;
    Ok(Json(ReceptionSessionsJson {
        months: months.iter().map(|m| m.code()).collect(),
        sessions: list.iter().map(|s| session_json(s, node.code.as_str())).collect(),
    }))
}

/// The first and the last day of a period's months.
pub(crate) fn period_days(months: &[YearMonth]) -> (time::Date, time::Date) {
    use daihoi_store::petitions::reception::{first_day, last_day};
    let first = months.first().copied().unwrap_or(YearMonth::of(today()));
    let last = months.last().copied().unwrap_or(first);
    (first_day(first), last_day(last))
}

/// A session to put on the calendar.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReceptionSessionBody {
    #[schema(format = Date, example = "2025-03-10")]
    pub day: String,
    /// Who receives: a name and an office.
    #[schema(schema_with = line)]
    pub host: String,
    /// The committee's head in person (P-9: only these count).
    #[serde(default)]
    pub by_head: bool,
    #[schema(schema_with = line)]
    pub place: String,
    #[serde(default)]
    #[schema(schema_with = session_kind_schema)]
    pub kind: Option<String>,
}

/// A session put on the calendar.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReceptionScheduledJson {
    pub id: i64,
}

/// P-9: puts a session on the committee's reception calendar.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/reception-sessions",
    tag = "petitions",
    operation_id = "schedule_reception",
    params(CodePath),
    request_body = ReceptionSessionBody,
    responses(
        (status = 200, description = "The session's id", body = ReceptionScheduledJson),
        (status = 400, description = "Not a code; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not keep the organization's calendar", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "Not a date; a blank or multi-line text; the host already on the calendar \
         that day (P-9)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn schedule(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<ReceptionSessionBody>,
) -> ApiResult<Json<ReceptionScheduledJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let day = daihoi_core::date::from_iso(body.day.trim())
        .ok_or_else(|| unprocessable(format!("day: {:?} is not a date (expected yyyy-mm-dd)", body.day)))?;
    let kind = match body.kind.as_deref() {
        None => SessionKind::Regular,
        Some(k) => SessionKind::from_code(k.trim())
            .ok_or_else(|| unprocessable(format!("kind: {k:?} is not one of regular, ad_hoc")))?,
    };
    let session = NewSession { day, host: body.host, by_head: body.by_head, place: body.place, kind };
    let id = scoped.petitions().schedule_reception(&node, &session, &caller.address).await?;
    Ok(Json(ReceptionScheduledJson { id }))
}

/// A visit of a session.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReceptionVisitJson {
    pub id: i64,
    pub people: i64,
    /// `case`, `guided` or `answered`.
    pub outcome: &'static str,
    /// The visit's matter, or its case's summary; null for a case above
    /// the caller's clearance.
    pub matter: Option<String>,
    /// The case it opened or joined, when the caller is cleared for it.
    pub case: Option<i64>,
    /// Its number, `n/yyyy`.
    pub case_number: Option<String>,
}

fn visit_json(v: &Visit) -> ReceptionVisitJson {
    ReceptionVisitJson {
        id: v.id,
        people: v.people,
        outcome: v.outcome.code(),
        matter: v.matter.clone(),
        case: v.case.as_ref().map(|(id, _)| *id),
        case_number: v.case.as_ref().map(|(_, n)| n.clone()),
    }
}

/// A session with its visits.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReceptionSessionFileJson {
    pub session: ReceptionSessionJson,
    /// Null for a caller who does not read the organization's cases.
    pub visits: Option<Vec<ReceptionVisitJson>>,
}

/// P-9: a reception session with its visits (to a reader of the
/// organization's cases; a case's text only to one cleared for it).
#[utoipa::path(
    get,
    path = "/api/v1/reception-sessions/{id}",
    tag = "petitions",
    operation_id = "reception_session",
    params(("id" = i64, Path, description = "The session's id")),
    responses(
        (status = 200, description = "The session", body = ReceptionSessionFileJson),
        (status = 400, description = "Not a session's id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not see the organization", body = ErrorBody),
        (status = 404, description = "No such session", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn session(caller: ApiCaller, ApiPath(id): ApiPath<i64>) -> ApiResult<Json<ReceptionSessionFileJson>> {
    let (s, org, visits) = caller.scoped().petitions().reception_session(id, today()).await?;
    Ok(Json(ReceptionSessionFileJson {
        session: session_json(&s, org.code.as_str()),
        visits: visits.map(|v| v.iter().map(visit_json).collect()),
    }))
}

/// A note on a session held.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReceptionHeldBody {
    #[serde(default)]
    #[schema(schema_with = optional_line)]
    pub note: String,
}

/// P-9: records that the session was held (not before its day; not a
/// cancelled one).
#[utoipa::path(
    post,
    path = "/api/v1/reception-sessions/{id}/held",
    tag = "petitions",
    operation_id = "reception_held",
    params(("id" = i64, Path, description = "The session's id")),
    request_body = ReceptionHeldBody,
    responses(
        (status = 204, description = "Recorded"),
        (status = 400, description = "Not a session's id; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not keep the organization's calendar", body = ErrorBody),
        (status = 404, description = "No such session", body = ErrorBody),
        (status = 422, description = "A multi-line note; a session cancelled or after today (P-9)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn held(
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ReceptionHeldBody>,
) -> ApiResult<axum::http::StatusCode> {
    caller.scoped().petitions().reception_held(id, &body.note, today(), &caller.address).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// Why a session is cancelled.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReceptionCancelBody {
    #[schema(schema_with = line, example = "Bí thư đi công tác; chuyển sang ngày 20")]
    pub why: String,
}

/// P-9: cancels a session, saying why (not once a visit is recorded).
#[utoipa::path(
    post,
    path = "/api/v1/reception-sessions/{id}/cancel",
    tag = "petitions",
    operation_id = "cancel_reception",
    params(("id" = i64, Path, description = "The session's id")),
    request_body = ReceptionCancelBody,
    responses(
        (status = 204, description = "Cancelled"),
        (status = 400, description = "Not a session's id; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not keep the organization's calendar", body = ErrorBody),
        (status = 404, description = "No such session", body = ErrorBody),
        (status = 422, description = "A blank or multi-line reason; a session that received visits (P-9)",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn cancel(
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ReceptionCancelBody>,
) -> ApiResult<axum::http::StatusCode> {
    caller.scoped().petitions().cancel_reception(id, &body.why, today(), &caller.address).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// A visit that ends at the session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReceptionVisitBody {
    /// How many people came (a group counts its people).
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    #[schema(minimum = 1, maximum = 10000, example = 1)]
    pub people: i64,
    /// What it was about, with no one's identity in it.
    #[schema(schema_with = line, example = "Hỏi thủ tục chuyển sinh hoạt đảng")]
    pub matter: String,
    #[schema(schema_with = visit_outcome_schema)]
    pub outcome: String,
}

/// P-9: records a visit of the session that ends there (guided or
/// answered); the session is then held.
#[utoipa::path(
    post,
    path = "/api/v1/reception-sessions/{id}/visits",
    tag = "petitions",
    operation_id = "record_reception_visit",
    params(("id" = i64, Path, description = "The session's id")),
    request_body = ReceptionVisitBody,
    responses(
        (status = 204, description = "Recorded"),
        (status = 400, description = "Not a session's id; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not keep the organization's calendar", body = ErrorBody),
        (status = 404, description = "No such session", body = ErrorBody),
        (status = 422, description = "Not an outcome; a blank or multi-line matter; people out of bounds; a \
         session cancelled or after today (P-9)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn visit(
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ReceptionVisitBody>,
) -> ApiResult<axum::http::StatusCode> {
    let outcome = match body.outcome.trim() {
        "guided" => VisitOutcome::Guided,
        "answered" => VisitOutcome::Answered,
        other => return Err(unprocessable(format!("outcome: {other:?} is not one of guided, answered"))),
    };
    caller.scoped().petitions().record_visit(id, body.people, &body.matter, outcome, today(), &caller.address).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// A filing brought to a session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReceptionFilingBody {
    /// How many people came with it.
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    #[schema(minimum = 1, maximum = 10000, example = 1)]
    pub people: i64,
    /// The filing, received on the session's day by the reception desk.
    pub filing: PetitionFilingBody,
}

/// P-9 with P-1, P-2, P-6, P-7: receives a filing brought to the session
/// into its committee's register (a case opened, logged or joined) and
/// records the visit with it; the filer's identity goes apart with the case.
#[utoipa::path(
    post,
    path = "/api/v1/reception-sessions/{id}/filings",
    tag = "petitions",
    operation_id = "receive_at_reception",
    params(("id" = i64, Path, description = "The session's id")),
    request_body = ReceptionFilingBody,
    responses(
        (status = 200, description = "What receiving did", body = PetitionReceivedJson),
        (status = 400, description = "Not a session's id; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not handle the organization's cases", body = ErrorBody),
        (status = 404, description = "No such session, member or case", body = ErrorBody),
        (status = 422, description = "A field that is not one of its values; a filing not of the session's day or \
         not at the reception desk, a session cancelled or after today, people out of bounds (P-9); a similar \
         open case (P-1)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn filing(
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ReceptionFilingBody>,
) -> ApiResult<Json<PetitionReceivedJson>> {
    let filing = filing_of(body.filing)?;
    let received =
        caller.scoped().petitions().receive_at_reception(id, body.people, &filing, today(), &caller.address).await?;
    Ok(Json(received_json(received)))
}

/// A month's compliance.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReceptionMonthJson {
    /// `yyyy-mm`.
    pub month: String,
    /// 0 for a month before the committee was formed.
    pub required: u32,
    /// Distinct days the head received citizens in person.
    pub held: u32,
    pub met: bool,
}

/// A committee's compliance over the period.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReceptionCommitteeJson {
    #[schema(schema_with = crate::api::schema::org_code)]
    pub org: String,
    pub org_name: String,
    /// `province` or `commune`.
    pub level: &'static str,
    /// Days a month the head receives citizens.
    pub days_per_month: u32,
    pub source: &'static str,
    pub months: Vec<ReceptionMonthJson>,
    /// Every month met.
    pub met: bool,
}

/// The heads' compliance over a period.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReceptionComplianceJson {
    pub period: &'static str,
    pub months: Vec<String>,
    pub committees: Vec<ReceptionCommitteeJson>,
}

fn committee_json(c: &CommitteeCompliance) -> ReceptionCommitteeJson {
    ReceptionCommitteeJson {
        org: c.org.code.as_str().to_owned(),
        org_name: c.org.name.clone(),
        level: match c.level {
            daihoi_petitions::reception::HeadLevel::Province => "province",
            daihoi_petitions::reception::HeadLevel::Commune => "commune",
        },
        days_per_month: daihoi_petitions::reception::duty(c.level).days_per_month,
        source: c.source,
        months: c
            .months
            .iter()
            .map(|m| ReceptionMonthJson { month: m.month.code(), required: m.required, held: m.held, met: m.met() })
            .collect(),
        met: c.met(),
    }
}

/// P-9: the compliance of each committee of the subtree whose head has a
/// reception duty (provincial: 1 day a month; commune: 2), month by month
/// over the period.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/reception-compliance",
    tag = "petitions",
    operation_id = "reception_compliance",
    params(CodePath, ReceptionPeriodQuery),
    responses(
        (status = 200, description = "The committees' compliance", body = ReceptionComplianceJson),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not see the organization", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "Not a month; not a period", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn compliance(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<ReceptionPeriodQuery>,
) -> ApiResult<Json<ReceptionComplianceJson>> {
    let scoped = caller.scoped();
    let day = today();
    let node = find(&scoped, &code, day).await?;
    let (_, period, months) = months_of(q.month.as_deref(), q.period.as_deref())?;
    let list = scoped.petitions().reception_compliance(&node, &months, day).await?;
    Ok(Json(ReceptionComplianceJson {
        period: period.code(),
        months: months.iter().map(|m| m.code()).collect(),
        committees: list.iter().map(committee_json).collect(),
    }))
}

/// The reception report's query.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReceptionReportQuery {
    /// The last month of the period, `yyyy-mm` (default: this month).
    #[param(example = "2025-03", pattern = r"^[0-9]{4}-[0-9]{2}$")]
    pub month: Option<String>,
    /// `month` (default), `quarter`, `six_months`, `nine_months`, `year`.
    #[param(schema_with = period_schema)]
    pub period: Option<String>,
    /// `pdf` (default), `docx` or `xlsx`.
    #[param(pattern = "^(pdf|docx|xlsx)$", example = "pdf")]
    pub format: Option<String>,
}

/// P-9: the report on the heads' reception over a period as a file a
/// committee can send: a Party document (PDF or `.docx`: each committee's
/// days month by month, the committee's own sessions), or the compliance
/// as an Excel workbook.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/reception-report",
    tag = "petitions",
    operation_id = "reception_report",
    params(CodePath, ReceptionReportQuery),
    responses(
        (status = 200, description = "The report, as an attachment",
         headers(("content-disposition" = String, description = "attachment; filename=\"tiep-cong-dan-….pdf\"")),
         content(
            (String = "application/pdf"),
            (String = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
         )),
        (status = 400, description = "Not a code; a bad format", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not see the organization", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "Not a month; not a period", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn report(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<ReceptionReportQuery>,
) -> ApiResult<axum::response::Response> {
    let scoped = caller.scoped();
    let day = today();
    let node = find(&scoped, &code, day).await?;
    let format = q.format.as_deref().unwrap_or("pdf");
    crate::api::enum_field("format", Some(format), &super::files::FORMATS)?;
    let (_, period, months) = months_of(q.month.as_deref(), q.period.as_deref())?;
    let (from, to) = period_days(&months);
    let petitions = scoped.petitions();
    let committees = petitions.reception_compliance(&node, &months, day).await?;
    let sessions = petitions.reception_sessions(&node, from, to).await?;
    let tr = crate::i18n::Tr::default();
    let file = super::files::reception_file(tr, &node, period, &months, &committees, &sessions, format, day).await;
    crate::party::api_download(file, "the reception report")
}
