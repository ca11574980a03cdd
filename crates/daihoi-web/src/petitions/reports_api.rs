//! `/api/v1/orgs/{code}/petitions/overdue` and `…/statistics`: what a
//! subtree's cases add up to (P-10), through the store's `petitions()`
//! facet as on the report's page (`reports.rs`): the open cases past a due
//! date, the oldest due first, and a period's statistics by kind and by
//! the organizations under the root; only the cases the caller reads.

use axum::Json;
use daihoi_store::petitions::StatLine;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::api::{PetitionCaseJson, PetitionClockJson, case_json, clock_json};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiPath, ApiQuery, ApiResult, ErrorBody, ErrorCode};
use crate::api::{CodePath, date_text};
use crate::orgs::api::find;
use crate::page::today;

/// A case past a due date, with that clock.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionOverdueCaseJson {
    pub case: PetitionCaseJson,
    pub overdue: PetitionClockJson,
}

/// The overdue list.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionOverdueJson {
    pub total: usize,
    pub cases: Vec<PetitionOverdueCaseJson>,
}

/// The overdue list's query.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OverdueQuery {
    /// At most this many (default 100).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
}

/// P-10: the open cases of the organization's subtree past a due date
/// today, the oldest due first, each with that clock and how its due date
/// was computed.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/petitions/overdue",
    tag = "petitions",
    operation_id = "petition_overdue",
    params(CodePath, OverdueQuery),
    responses(
        (status = 200, description = "The overdue cases", body = PetitionOverdueJson),
        (status = 400, description = "Not a code; a limit out of its bounds", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not read the organization's cases", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn overdue(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<OverdueQuery>,
) -> ApiResult<Json<PetitionOverdueJson>> {
    let scoped = caller.scoped();
    let day = today();
    let node = find(&scoped, &code, day).await?;
    let limit = super::api::limit_of(q.limit)?;
    let (cases, total) = scoped.petitions().overdue_in(&node, day, limit).await?;
    Ok(Json(PetitionOverdueJson {
        total,
        cases: cases
            .iter()
            .map(|(c, v)| PetitionOverdueCaseJson {
                case: case_json(c, std::slice::from_ref(v)),
                overdue: clock_json(v),
            })
            .collect(),
    }))
}

/// A line of the statistics.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionStatLineJson {
    /// Received in the period (anonymous letters only logged apart).
    pub received: u32,
    /// Anonymous letters without evidence logged in the period (P-6).
    pub logged: u32,
    /// Settled in the period, every clock met by its due date.
    pub on_time: u32,
    /// Settled in the period, a clock met after its due date.
    pub late: u32,
    /// Closed without settlement or sent to the competent body.
    pub ended: u32,
    /// Still in hand at the end of the period.
    pub open: u32,
    /// Of those, past a due date at the end of the period.
    pub overdue: u32,
    /// Of those, a due date awaiting a person.
    pub awaiting: u32,
}

fn line_json(l: &StatLine) -> PetitionStatLineJson {
    PetitionStatLineJson {
        received: l.received,
        logged: l.logged,
        on_time: l.on_time,
        late: l.late,
        ended: l.ended,
        open: l.open,
        overdue: l.overdue,
        awaiting: l.awaiting,
    }
}

/// A kind's line.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionKindStatJson {
    #[schema(example = "complaint")]
    pub kind: &'static str,
    #[serde(flatten)]
    pub line: PetitionStatLineJson,
}

/// An organization's line (its subtree).
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionOrgStatJson {
    #[schema(schema_with = crate::api::schema::org_code)]
    pub org: String,
    pub org_name: String,
    #[serde(flatten)]
    pub line: PetitionStatLineJson,
}

/// A period's statistics.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionStatsJson {
    #[schema(format = Date)]
    pub from: String,
    #[schema(format = Date)]
    pub to: String,
    /// The day open cases stand on: the period's end, or today.
    #[schema(format = Date)]
    pub as_of: String,
    pub total: PetitionStatLineJson,
    pub by_kind: Vec<PetitionKindStatJson>,
    /// The organization's own register, then each organization under it.
    pub by_org: Vec<PetitionOrgStatJson>,
}

/// The statistics' query.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// The first day (`yyyy-mm-dd`); absent: the first of the year.
    #[param(format = Date)]
    pub from: Option<String>,
    /// The last day (`yyyy-mm-dd`); absent: today.
    #[param(format = Date)]
    pub to: Option<String>,
}

/// P-10: the statistics of the organization's subtree over a period, by
/// kind and by the organizations under it.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/petitions/statistics",
    tag = "petitions",
    operation_id = "petition_statistics",
    params(CodePath, StatsQuery),
    responses(
        (status = 200, description = "The statistics", body = PetitionStatsJson),
        (status = 400, description = "Not a code; a malformed query", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not read the organization's cases", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "Not a date; a period that ends before it starts, or longer than ten years",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn statistics(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<StatsQuery>,
) -> ApiResult<Json<PetitionStatsJson>> {
    let scoped = caller.scoped();
    let day = today();
    let node = find(&scoped, &code, day).await?;
    let (from, to) = period(q.from.as_deref(), q.to.as_deref(), day)?;
    let s = scoped.petitions().statistics(&node, from, to, day).await?;
    Ok(Json(PetitionStatsJson {
        from: date_text(s.from),
        to: date_text(s.to),
        as_of: date_text(s.as_of),
        total: line_json(&s.total),
        by_kind: s.by_kind.iter().map(|(k, l)| PetitionKindStatJson { kind: k.code(), line: line_json(l) }).collect(),
        by_org: s
            .by_org
            .iter()
            .map(|(o, l)| PetitionOrgStatJson { org: o.code.to_string(), org_name: o.name.clone(), line: line_json(l) })
            .collect(),
    }))
}

/// A report's period: `from` (default: the first of `today`'s year) to
/// `to` (default: `today`), at most ten years, in order.
pub(crate) fn period(from: Option<&str>, to: Option<&str>, today: time::Date) -> ApiResult<(time::Date, time::Date)> {
    let parse = |name: &str, text: &str| {
        daihoi_core::date::from_iso(text.trim()).ok_or_else(|| {
            ApiError::new(ErrorCode::Unprocessable, format!("{name}: {text:?} is not a date (expected yyyy-mm-dd)"))
        })
    };
    let to = match to {
        Some(t) => parse("to", t)?,
        None => today,
    };
    let from = match from {
        Some(f) => parse("from", f)?,
        None => time::Date::from_calendar_date(to.year(), time::Month::January, 1).unwrap_or(to),
    };
    let unprocessable = |m: &str| ApiError::new(ErrorCode::Unprocessable, m.to_owned());
    if from > to {
        return Err(unprocessable("from: after to"));
    }
    if (to - from).whole_days() > 3_660 {
        return Err(unprocessable("the period is longer than ten years"));
    }
    Ok((from, to))
}

/// The report's query: the period and the file's format.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PetitionReportQuery {
    /// The first day (`yyyy-mm-dd`); absent: the first of the year.
    #[param(format = Date)]
    pub from: Option<String>,
    /// The last day (`yyyy-mm-dd`); absent: today.
    #[param(format = Date)]
    pub to: Option<String>,
    /// `pdf` (default), `docx` or `xlsx`.
    #[param(pattern = "^(pdf|docx|xlsx)$", example = "pdf")]
    pub format: Option<String>,
}

/// P-10: the petitions' report as a file a committee can send: a Party
/// document (PDF or `.docx`: the period's statistics by kind and by
/// organization, the cases overdue today), or the statistics as an Excel
/// workbook. Only the cases the caller reads are counted.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/petitions/report",
    tag = "petitions",
    operation_id = "petition_report",
    params(CodePath, PetitionReportQuery),
    responses(
        (status = 200, description = "The report, as an attachment",
         headers(("content-disposition" = String, description = "attachment; filename=\"don-thu-….pdf\"")),
         content(
            (String = "application/pdf"),
            (String = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
         )),
        (status = 400, description = "Not a code; a bad format", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not read the organization's cases", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "Not a date; a period that ends before it starts, or longer than ten years",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn report(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<PetitionReportQuery>,
) -> ApiResult<axum::response::Response> {
    let scoped = caller.scoped();
    let day = today();
    let node = find(&scoped, &code, day).await?;
    let format = q.format.as_deref().unwrap_or("pdf");
    crate::api::enum_field("format", Some(format), &super::files::FORMATS)?;
    let (from, to) = period(q.from.as_deref(), q.to.as_deref(), day)?;
    let petitions = scoped.petitions();
    let stats = petitions.statistics(&node, from, to, day).await?;
    let (overdue, total) = petitions.overdue_in(&node, day, 200).await?;
    let file =
        super::files::petitions_file(crate::i18n::Tr::default(), &node, &stats, &overdue, total, format, day).await;
    crate::party::api_download(file, "the petitions' report")
}
