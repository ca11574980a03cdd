//! `/api/v1/petition-clocks…` and `/api/v1/petition-due`: the legal
//! clocks through the store's `petitions()` facet, as on their page
//! (`clocks.rs`): the rule table, the calendar, the confirmed years and
//! the [open] questions for everyone signed in; rows, days and years kept
//! by an administrator of a root (P-3: an overlapping row, a day listed
//! twice, refused with 422, nothing written); a due date with its
//! computation.

use axum::Json;
use daihoi_petitions::{Area, CalendarDay, Complexity, DayKind, Rule, Trigger, Unit};
use daihoi_store::petitions::{Awaits, Clocks, StoredRule};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::openapi::schema::{KnownFormat, Object, ObjectBuilder, SchemaFormat, SchemaType, Type};
use utoipa::{IntoParams, ToSchema};

use super::api::DueStepJson;
use crate::api::auth::ApiCaller;
use crate::api::date_text;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, ErrorBody, ErrorCode};
use crate::page::today;

fn unprocessable(message: String) -> ApiError {
    ApiError::new(ErrorCode::Unprocessable, message)
}

pub(crate) fn enum_schema(codes: &[&'static str], nullable: bool, description: &str) -> Object {
    let mut values: Vec<Value> = codes.iter().map(|c| Value::from(*c)).collect();
    let schema_type: SchemaType = if nullable {
        values.push(Value::Null);
        [Type::String, Type::Null].into_iter().collect()
    } else {
        Type::String.into()
    };
    ObjectBuilder::new().schema_type(schema_type).enum_values(Some(values)).description(Some(description)).build()
}

fn clock_schema() -> Object {
    enum_schema(&Trigger::ALL.map(Trigger::code), false, "The clock: the event that starts it (P-4, P-5).")
}

fn area_schema() -> Object {
    enum_schema(&["ordinary", "remote"], true, "The area the row is for; null: any.")
}

fn complexity_schema() -> Object {
    enum_schema(&["ordinary", "complex", "especially_complex"], true, "The complexity the row is for; null: any.")
}

fn unit_schema() -> Object {
    enum_schema(&["days", "working_days"], false, "Calendar days or working days.")
}

fn day_kind_schema() -> Object {
    enum_schema(&DayKind::ALL.map(DayKind::code), false, "A holiday, a substitute day off, a make-up working day.")
}

fn optional_date_schema() -> Object {
    ObjectBuilder::new()
        .schema_type([Type::String, Type::Null].into_iter().collect::<SchemaType>())
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
        .description(Some("The row's last day of receipt (`yyyy-mm-dd`); null: open."))
        .build()
}

fn line() -> Object {
    crate::congresses::api::line_text_schema()
}

fn date_of(field: &str, text: &str) -> ApiResult<time::Date> {
    daihoi_core::date::from_iso(text.trim())
        .ok_or_else(|| unprocessable(format!("{field}: {text:?} is not a date (expected yyyy-mm-dd)")))
}

/// A row of the rule table.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionRuleJson {
    pub id: i64,
    #[schema(example = "denunciation_settlement")]
    pub clock: &'static str,
    /// `ordinary`, `remote`; absent: any.
    pub area: Option<&'static str>,
    /// `ordinary`, `complex`, `especially_complex`; absent: any.
    pub complexity: Option<&'static str>,
    pub amount: u32,
    /// `days` or `working_days`.
    pub unit: &'static str,
    pub extensions: u8,
    pub extension_amount: u32,
    #[schema(format = Date)]
    pub valid_from: String,
    #[schema(format = Date)]
    pub valid_to: Option<String>,
    pub source: String,
    pub entered_by: String,
    pub ended_by: Option<String>,
}

/// A day of the calendar.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionDayJson {
    #[schema(format = Date)]
    pub date: String,
    /// `holiday`, `substitute`, `make_up`.
    pub kind: &'static str,
    pub name: String,
}

/// A year whose calendar a person confirmed.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionYearJson {
    pub year: i32,
    pub confirmed_by: String,
    pub why: String,
}

/// An [open] question of the clocks: a clock without a row for cases
/// received today (`received`: the first day of receipt without one;
/// absent when the clock has no row at all), or a year's calendar not
/// confirmed.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionClockQuestionJson {
    /// `rule` or `calendar`.
    pub awaits: &'static str,
    pub clock: Option<&'static str>,
    #[schema(format = Date)]
    pub received: Option<String>,
    pub year: Option<i32>,
}

/// The legal clocks.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionClocksJson {
    pub rules: Vec<PetitionRuleJson>,
    pub days: Vec<PetitionDayJson>,
    pub years: Vec<PetitionYearJson>,
    pub questions: Vec<PetitionClockQuestionJson>,
}

fn rule_json(s: &StoredRule) -> PetitionRuleJson {
    let r = &s.rule;
    PetitionRuleJson {
        id: s.id,
        clock: r.trigger.code(),
        area: r.area.map(Area::code),
        complexity: r.complexity.map(Complexity::code),
        amount: r.amount,
        unit: r.unit.code(),
        extensions: r.extensions,
        extension_amount: r.extension_amount,
        valid_from: date_text(r.valid_from),
        valid_to: r.valid_to.map(date_text),
        source: r.source.clone(),
        entered_by: s.entered_by.clone(),
        ended_by: s.ended_by.clone(),
    }
}

fn clocks_json(clocks: &Clocks, today: time::Date) -> PetitionClocksJson {
    let mut questions = Vec::new();
    for trigger in Trigger::ALL {
        if let Err(daihoi_petitions::RuleError::Awaiting { .. }) =
            clocks.table.rule_for(trigger, today, Area::Ordinary, Complexity::Ordinary)
        {
            questions.push(PetitionClockQuestionJson {
                awaits: "rule",
                clock: Some(trigger.code()),
                received: super::clocks::uncovered_from(clocks, trigger, today).map(date_text),
                year: None,
            });
        }
    }
    let first = clocks.days.iter().map(|d| d.day.date.year()).min().unwrap_or(today.year());
    for year in first..=today.year() + 1 {
        if !clocks.years.iter().any(|y| y.year == year) {
            questions.push(PetitionClockQuestionJson {
                awaits: "calendar",
                clock: None,
                received: None,
                year: Some(year),
            });
        }
    }
    PetitionClocksJson {
        rules: clocks.rules.iter().map(rule_json).collect(),
        days: clocks
            .days
            .iter()
            .map(|d| PetitionDayJson { date: date_text(d.day.date), kind: d.day.kind.code(), name: d.day.name.clone() })
            .collect(),
        years: clocks
            .years
            .iter()
            .map(|y| PetitionYearJson { year: y.year, confirmed_by: y.confirmed_by.clone(), why: y.why.clone() })
            .collect(),
        questions,
    }
}

/// The rule table, the calendar, the confirmed years and the [open]
/// questions (P-3): for everyone signed in.
#[utoipa::path(
    get,
    path = "/api/v1/petition-clocks",
    tag = "petitions",
    operation_id = "petition_clocks",
    responses(
        (status = 200, description = "The clocks", body = PetitionClocksJson),
        (status = 400, description = "A malformed request", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn clocks(caller: ApiCaller) -> ApiResult<Json<PetitionClocksJson>> {
    let clocks = caller.scoped().petitions().clocks().await?;
    Ok(Json(clocks_json(&clocks, today())))
}

/// A row of the rule table to enter.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PetitionRuleBody {
    #[schema(schema_with = clock_schema)]
    pub clock: String,
    #[serde(default)]
    #[schema(schema_with = area_schema)]
    pub area: Option<String>,
    #[serde(default)]
    #[schema(schema_with = complexity_schema)]
    pub complexity: Option<String>,
    #[schema(minimum = 1, maximum = 3650, example = 30)]
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    pub amount: u32,
    #[schema(schema_with = unit_schema)]
    pub unit: String,
    /// How many extensions a written decision may grant.
    #[serde(default, deserialize_with = "crate::tasks::api::integer")]
    #[schema(minimum = 0, maximum = 5)]
    pub extensions: u8,
    /// The days of each extension.
    #[serde(default, deserialize_with = "crate::tasks::api::integer")]
    #[schema(minimum = 0, maximum = 3650)]
    pub extension_amount: u32,
    /// The first day of receipt the row is for.
    #[schema(format = Date, example = "2026-07-01")]
    pub valid_from: String,
    #[serde(default)]
    #[schema(schema_with = optional_date_schema)]
    pub valid_to: Option<String>,
    /// The article it comes from.
    #[schema(schema_with = line, example = "Luật Tố cáo (sửa đổi 2025), Điều 30")]
    pub source: String,
}

/// What entering a row gave.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionRuleAdded {
    pub id: i64,
}

/// The clocks are kept by an administrator of a root: a 403 to anyone
/// else, before the body is looked at.
async fn keeper(petitions: &daihoi_store::petitions::Petitions<'_>) -> ApiResult<()> {
    if petitions.may_keep_clocks(today()).await? {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::Forbidden, "the petitions' legal clocks are kept by an administrator of a root"))
    }
}

fn code_of<T>(field: &str, text: &str, parse: impl Fn(&str) -> Option<T>) -> ApiResult<T> {
    parse(text.trim()).ok_or_else(|| unprocessable(format!("{field}: {text:?} is not one of its values")))
}

/// Enters a row of the rule table (P-3, P-4, P-5): the amended numbers of
/// Law 136/2025/QH15 for cases received from 1 July 2026, say. Refused
/// (422, nothing written) when it overlaps a row of the same clock, area
/// and complexity; every open case's due dates are computed with it.
#[utoipa::path(
    post,
    path = "/api/v1/petition-clocks/rules",
    tag = "petitions",
    operation_id = "add_petition_rule",
    request_body = PetitionRuleBody,
    responses(
        (status = 200, description = "The row's id", body = PetitionRuleAdded),
        (status = 400, description = "A malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not an administrator of a root", body = ErrorBody),
        (status = 422, description = "A value that is not one of its values; an overlapping or malformed row (P-3)",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn add_rule(caller: ApiCaller, ApiJson(b): ApiJson<PetitionRuleBody>) -> ApiResult<Json<PetitionRuleAdded>> {
    let petitions = caller.scoped().petitions();
    keeper(&petitions).await?;
    let rule = Rule {
        trigger: code_of("clock", &b.clock, Trigger::from_code)?,
        area: b.area.as_deref().map(|a| code_of("area", a, Area::from_code)).transpose()?,
        complexity: b.complexity.as_deref().map(|c| code_of("complexity", c, Complexity::from_code)).transpose()?,
        amount: b.amount,
        unit: code_of("unit", &b.unit, Unit::from_code)?,
        extensions: b.extensions,
        extension_amount: b.extension_amount,
        valid_from: date_of("valid_from", &b.valid_from)?,
        valid_to: b.valid_to.as_deref().map(|d| date_of("valid_to", d)).transpose()?,
        source: b.source.trim().to_owned(),
    };
    if !(1..=3650).contains(&rule.amount) || rule.extensions > 5 || rule.extension_amount > 3650 {
        return Err(unprocessable("amount, extensions or extension_amount out of bounds".into()));
    }
    let id = petitions.add_rule(&rule, today(), &caller.address).await?;
    Ok(Json(PetitionRuleAdded { id }))
}

/// A row's last day.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PetitionRuleEndBody {
    #[schema(format = Date, example = "2026-06-30")]
    pub last_day: String,
}

/// Sets the last day of a row (a law changed): refused (422) when it would
/// end before the row starts or overlap the row that follows.
#[utoipa::path(
    post,
    path = "/api/v1/petition-clocks/rules/{id}/end",
    tag = "petitions",
    operation_id = "end_petition_rule",
    params(("id" = i64, Path, description = "The row's id")),
    request_body = PetitionRuleEndBody,
    responses(
        (status = 200, description = "The row as it is now", body = PetitionRuleJson),
        (status = 400, description = "Not a row's id; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not an administrator of a root", body = ErrorBody),
        (status = 404, description = "No such row", body = ErrorBody),
        (status = 422, description = "Not a date; before the row starts; an overlap (P-3)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn end_rule(
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<PetitionRuleEndBody>,
) -> ApiResult<Json<PetitionRuleJson>> {
    let petitions = caller.scoped().petitions();
    keeper(&petitions).await?;
    let last = date_of("last_day", &b.last_day)?;
    petitions.end_rule(id, last, today(), &caller.address).await?;
    let clocks = petitions.clocks().await?;
    let row = clocks.rules.iter().find(|r| r.id == id).ok_or_else(|| ApiError::not_found(format!("rule {id}")))?;
    Ok(Json(rule_json(row)))
}

/// A day to list.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PetitionDayBody {
    #[schema(format = Date, example = "2027-02-08")]
    pub date: String,
    #[schema(schema_with = day_kind_schema)]
    pub kind: String,
    #[schema(schema_with = line, example = "Tết Nguyên đán")]
    pub name: String,
}

/// Lists a holiday, a substitute day off or a make-up working day (P-3):
/// refused (422) when the day is listed already or a make-up day is not a
/// weekend; open deadlines are computed with it.
#[utoipa::path(
    post,
    path = "/api/v1/petition-clocks/days",
    tag = "petitions",
    operation_id = "add_petition_day",
    request_body = PetitionDayBody,
    responses(
        (status = 200, description = "The day listed", body = PetitionDayJson),
        (status = 400, description = "A malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not an administrator of a root", body = ErrorBody),
        (status = 422, description = "Not a date or a kind; listed already; a make-up day not on a weekend (P-3)",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn add_day(caller: ApiCaller, ApiJson(b): ApiJson<PetitionDayBody>) -> ApiResult<Json<PetitionDayJson>> {
    let petitions = caller.scoped().petitions();
    keeper(&petitions).await?;
    let day = CalendarDay {
        date: date_of("date", &b.date)?,
        kind: code_of("kind", &b.kind, DayKind::from_code)?,
        name: b.name.trim().to_owned(),
    };
    petitions.add_day(&day, today(), &caller.address).await?;
    Ok(Json(PetitionDayJson { date: date_text(day.date), kind: day.kind.code(), name: day.name }))
}

/// Takes a day listed in error off the calendar.
#[utoipa::path(
    post,
    path = "/api/v1/petition-clocks/days/{date}/remove",
    tag = "petitions",
    operation_id = "remove_petition_day",
    params(("date" = String, Path, format = Date, description = "The day (`yyyy-mm-dd`)")),
    responses(
        (status = 204, description = "Taken off"),
        (status = 400, description = "A malformed path", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not an administrator of a root", body = ErrorBody),
        (status = 404, description = "The day is not listed", body = ErrorBody),
        (status = 422, description = "Not a date", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn remove_day(caller: ApiCaller, ApiPath(date): ApiPath<String>) -> ApiResult<axum::http::StatusCode> {
    let petitions = caller.scoped().petitions();
    keeper(&petitions).await?;
    let date = date_of("date", &date)?;
    petitions.remove_day(date, today(), &caller.address).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// A year's calendar confirmed.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PetitionYearBody {
    #[schema(minimum = 2000, maximum = 2100, example = 2027)]
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    pub year: i32,
    /// What it was checked against (the Government's announcement).
    #[schema(schema_with = line, example = "Thông báo của Bộ Nội vụ về lịch nghỉ năm 2027")]
    pub why: String,
}

/// Confirms a year's calendar (P-3): due dates that reach it are computed
/// from then on. Confirming it again changes nothing.
#[utoipa::path(
    post,
    path = "/api/v1/petition-clocks/years",
    tag = "petitions",
    operation_id = "confirm_petition_year",
    request_body = PetitionYearBody,
    responses(
        (status = 200, description = "The confirmed years", body = [PetitionYearJson]),
        (status = 400, description = "A malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not an administrator of a root", body = ErrorBody),
        (status = 422, description = "A year out of bounds; no announcement named (P-3)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn confirm_year(
    caller: ApiCaller,
    ApiJson(b): ApiJson<PetitionYearBody>,
) -> ApiResult<Json<Vec<PetitionYearJson>>> {
    let petitions = caller.scoped().petitions();
    keeper(&petitions).await?;
    if !(2000..=2100).contains(&b.year) {
        return Err(unprocessable(format!("year: {} is not from 2000 to 2100", b.year)));
    }
    petitions.confirm_year(b.year, &b.why, today(), &caller.address).await?;
    let clocks = petitions.clocks().await?;
    Ok(Json(
        clocks
            .years
            .iter()
            .map(|y| PetitionYearJson { year: y.year, confirmed_by: y.confirmed_by.clone(), why: y.why.clone() })
            .collect(),
    ))
}

/// The calculator's question.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DueQuery {
    /// The clock, by its code: `complaint_filing`, `complaint_acceptance`,
    /// `complaint_settlement`, `second_complaint_filing`,
    /// `second_complaint_acceptance`, `second_complaint_settlement`,
    /// `denunciation_processing`, `denunciation_forwarding`,
    /// `denunciation_notice`, `denunciation_settlement`, `petition_answer`,
    /// `party_complaint_settlement` (another text: 422).
    #[param(example = "denunciation_settlement")]
    pub clock: String,
    /// The day the filing was received (`yyyy-mm-dd`): it chooses the row.
    #[param(format = Date)]
    pub received: String,
    /// The day of the event that starts the clock; absent: `received`.
    #[param(format = Date)]
    pub started: Option<String>,
    /// `ordinary` (default) or `remote`.
    pub area: Option<String>,
    /// `ordinary` (default), `complex`, `especially_complex`.
    pub complexity: Option<String>,
}

/// A due date and how it was computed, or what it awaits.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionDueJson {
    #[schema(format = Date)]
    pub due: Option<String>,
    /// The row's source article.
    pub source: Option<String>,
    pub steps: Vec<DueStepJson>,
    /// `rule: <clock> for <day>` or `calendar: <year>`.
    pub awaiting: Option<String>,
}

/// A due date computed from the table and calendar as they are (P-3): its
/// steps, or what it awaits (a row for that day of receipt, a year's
/// calendar to confirm).
#[utoipa::path(
    get,
    path = "/api/v1/petition-due",
    tag = "petitions",
    operation_id = "petition_due",
    params(DueQuery),
    responses(
        (status = 200, description = "The due date or what it awaits", body = PetitionDueJson),
        (status = 400, description = "A malformed query", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 422, description = "A value that is not one of its values; a date out of range (P-3)",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn due(caller: ApiCaller, ApiQuery(q): ApiQuery<DueQuery>) -> ApiResult<Json<PetitionDueJson>> {
    let trigger = code_of("clock", &q.clock, Trigger::from_code)?;
    let received = date_of("received", &q.received)?;
    let started = match q.started.as_deref() {
        Some(s) => date_of("started", s)?,
        None => received,
    };
    let area = match q.area.as_deref() {
        None => Area::Ordinary,
        Some(a) => code_of("area", a, Area::from_code)?,
    };
    let complexity = match q.complexity.as_deref() {
        None => Complexity::Ordinary,
        Some(c) => code_of("complexity", c, Complexity::from_code)?,
    };
    let answer = caller.scoped().petitions().due(trigger, received, area, complexity, started, &[]).await?;
    Ok(Json(match answer {
        Ok(d) => PetitionDueJson {
            due: Some(date_text(d.date)),
            source: Some(d.rule.source.clone()),
            steps: d.steps.iter().map(super::api::step_json).collect(),
            awaiting: None,
        },
        Err(Awaits::Rule { trigger, on }) => PetitionDueJson {
            due: None,
            source: None,
            steps: Vec::new(),
            awaiting: Some(format!("rule: {} for {}", trigger.code(), date_text(on))),
        },
        Err(Awaits::Calendar { year }) => {
            PetitionDueJson { due: None, source: None, steps: Vec::new(), awaiting: Some(format!("calendar: {year}")) }
        }
    }))
}
