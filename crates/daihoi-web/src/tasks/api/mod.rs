//! `/api/v1/tasks…` and `/api/v1/orgs/{code}/tracking…`: implementation
//! tasks (T-1…T-6) through the same facet as the pages (`Scoped::tasks`),
//! their parsing shared with the pages' forms (`create.rs`, `events.rs`,
//! `settings.rs`) and their figures with the dashboard and the report
//! (`dashboard_figures`, `report_figures`). Refusals of a form come back
//! in English, naming the field.

pub mod cascade;
pub mod create;
pub mod dashboard;
pub mod events;
pub mod file;
pub mod list;
pub mod readings;
pub mod receipt;
pub mod register;
pub mod report;
pub mod settings;
pub mod show;
pub mod targets;

use daihoi_store::Scoped;
use daihoi_store::tasks::settings::{TrackingSetting, deadline_day_code, unreported_code};
use daihoi_store::tasks::targets::StoredTarget;
use daihoi_store::tasks::{Task, TaskEvent, workflow_code};
use daihoi_tracking::{Direction, EventKind, Period};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::Date;
use utoipa::openapi::Required;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaType, Type};
use utoipa::{IntoParams, ToSchema};

use super::create::LEVELS;
use super::events::Refusal;
use super::show::{PERIOD_KINDS, StatusShown, WORKFLOWS, task_status};
use crate::api::date_text;
pub(crate) use crate::api::enum_field;
use crate::api::error::{ApiError, ApiResult, ErrorCode};
use crate::i18n::{Lang, Tr};

/// The words of the API's refusals.
pub(crate) fn english() -> Tr {
    Tr::new(Lang::En)
}

/// The field a refusal of a form is about.
fn refused_field(key: &str) -> &'static str {
    match key {
        "task-form-bad-period" | "task-form-no-such-period" => "period",
        "task-form-summary-missing" => "summary",
        "task-form-bad-progress" | "task-form-progress-missing" | "task-form-bad-progress-range" => "progress",
        "task-form-bad-status" => "to",
        "task-form-by-missing" => "by",
        "task-form-findings-missing" => "findings",
        "task-form-bad-kind" => "kind",
        "task-new-refused-document" => "document",
        "task-new-refused-title" => "title",
        "task-new-refused-classification" => "classification",
        "task-new-refused-weight" => "weight",
        "task-new-refused-org" => "org",
        "target-new-refused-name" => "name",
        "target-new-refused-direction" => "direction",
        "target-new-refused-higher" | "target-new-refused-lower" => "target",
        _ => "body",
    }
}

/// An organization named in a body that does not exist: 422 (the
/// resource of the path exists; the body names what cannot be).
pub(crate) fn unknown_org_in_body(e: daihoi_store::StoreError) -> ApiError {
    match e {
        daihoi_store::StoreError::UnknownOrg(_) => ApiError::new(ErrorCode::Unprocessable, format!("org: {e}")),
        other => other.into(),
    }
}

/// A form's refusal, naming the field: 422, a rule the document cannot
/// state (a field the event's kind needs, a value out of range, a
/// baseline on the wrong side of its target); the malformed values the
/// document describes are refused before (400).
pub(super) fn refusal(r: &Refusal) -> ApiError {
    ApiError::new(ErrorCode::Unprocessable, format!("{}: {}", refused_field(r.key), r.text(english())))
}

/// A string schema with these values.
pub(crate) fn string_enum(codes: impl IntoIterator<Item = &'static str>, description: &str, nullable: bool) -> Object {
    let mut values: Vec<Value> = codes.into_iter().map(Value::from).collect();
    let schema_type: SchemaType = if nullable {
        values.push(Value::Null);
        [Type::String, Type::Null].into_iter().collect()
    } else {
        Type::String.into()
    };
    ObjectBuilder::new().schema_type(schema_type).enum_values(Some(values)).description(Some(description)).build()
}

/// A task's workflow state (`draft`, `assigned`, `in_progress`, `done`, `cancelled`).
pub fn workflow_schema() -> Object {
    string_enum(WORKFLOWS.map(workflow_code), "The task's workflow state (T-4).", false)
}

/// A task's classification (T-6): `normal`, `confidential`, `secret`.
pub fn classification_schema() -> Object {
    string_enum(LEVELS.map(|c| c.code()), "Classification (T-6); at most the caller's clearance.", false)
}

/// A task's classification in a request; absent: `normal`.
pub fn classification_input_schema() -> Object {
    string_enum(
        LEVELS.map(|c| c.code()),
        "Classification (T-6), at most the caller's clearance; absent or null: `normal`.",
        true,
    )
}

/// A kind of period (`monthly`, …, `annual`).
pub fn period_kind_schema() -> Object {
    string_enum(PERIOD_KINDS.map(|(_, c)| c), "A kind of reporting period (T-4).", false)
}

/// The codes of [`StatusShown`] keys.
pub const STATUS_CODES: [&str; 10] = [
    "done_on_time",
    "done_late",
    "not_done_in_time",
    "overdue",
    "due_soon",
    "in_progress",
    "no_deadline",
    "done_no_deadline",
    "cancelled",
    "undetermined",
];

/// Where a task stands against its deadline (T-3).
pub fn status_schema() -> Object {
    string_enum(
        STATUS_CODES,
        "Where the task stands against its deadline today (T-3), under the rules chosen for its assignee; \
         `undetermined` on the deadline day when nobody chose how to read it.",
        false,
    )
}

/// `{id}`: a task's id.
#[derive(Debug, Deserialize)]
pub struct TaskPath {
    pub id: i64,
}

impl IntoParams for TaskPath {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![id_param("id", "The task's id")]
    }
}

pub(crate) fn id_param(name: &str, description: &str) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Path)
        .required(Required::True)
        .description(Some(description))
        .schema(Some(id_schema()))
        .build()
}

/// The largest id the API takes (2^53 - 1: exact in every JSON reader).
pub const MAX_ID: i64 = 9_007_199_254_740_991;

/// An id: an integer from 1 to [`MAX_ID`].
pub fn id_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(utoipa::openapi::schema::SchemaFormat::KnownFormat(utoipa::openapi::schema::KnownFormat::Int64)))
        .minimum(Some(1))
        .maximum(Some(MAX_ID))
        .build()
}

/// [`id_schema`], or absent/null.
pub fn optional_id_schema() -> Object {
    ObjectBuilder::new()
        .schema_type([Type::Integer, Type::Null].into_iter().collect::<SchemaType>())
        .format(Some(utoipa::openapi::schema::SchemaFormat::KnownFormat(utoipa::openapi::schema::KnownFormat::Int64)))
        .minimum(Some(1))
        .maximum(Some(MAX_ID))
        .description(Some("Only the tasks of this document (T-6: refused when the caller may not read it)."))
        .build()
}

/// An integer sent as any JSON number with no fractional part (`15` or
/// `15.0`: the same integer for JSON Schema).
pub(crate) fn integer<'de, D: serde::Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<T, D::Error> {
    let n = serde_json::Number::deserialize(d)?;
    crate::api::json_integer(&n)
        .and_then(|v| T::try_from(v).ok())
        .ok_or_else(|| serde::de::Error::custom(format!("{n} is not an integer in range")))
}

/// [`integer`] for an optional field (absent or `null`: `None`).
pub(crate) fn optional_integer<'de, D: serde::Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<Option<T>, D::Error> {
    match Option::<serde_json::Number>::deserialize(d)? {
        None => Ok(None),
        Some(n) => crate::api::json_integer(&n)
            .and_then(|v| T::try_from(v).ok())
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("{n} is not an integer in range"))),
    }
}

/// A date an office may set as a deadline: from 1900 on (the year the
/// report's workbook can write), or 422.
pub(crate) fn plausible_deadline(name: &str, text: &str) -> ApiResult<()> {
    match daihoi_core::date::from_iso(text) {
        Some(d) if d.year() < 1900 => {
            Err(ApiError::new(ErrorCode::Unprocessable, format!("{name}: {text} is before 1900")))
        }
        _ => Ok(()),
    }
}

/// The task `id` through the caller's view, today: 404 when there is
/// none, 403 when the caller may not read it (T-6).
pub(crate) async fn find_task(scoped: &Scoped<'_>, id: i64, today: Date) -> ApiResult<Task> {
    scoped.tasks().task(id, today).await?.ok_or_else(|| ApiError::not_found(format!("no task {id}")))
}

/// Where a task stands, as the page shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskStatus {
    #[schema(schema_with = status_schema)]
    pub code: &'static str,
    /// Days late (`done_late`, `overdue`) or left (`due_soon`); 0 otherwise.
    pub days: u64,
}

impl From<StatusShown> for TaskStatus {
    fn from(s: StatusShown) -> TaskStatus {
        let code = s.key.strip_prefix("status-").unwrap_or(s.key).replace('-', "_");
        let code = STATUS_CODES.into_iter().find(|c| *c == code).unwrap_or("undetermined");
        TaskStatus { code, days: s.days }
    }
}

/// A task as a line of a list (a sub-task, a dashboard list).
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskLine {
    pub id: i64,
    pub title: String,
    /// The assignee's code.
    #[schema(example = "QN.DH.QT.CB01")]
    pub org: String,
    #[schema(format = Date)]
    pub deadline: Option<String>,
    pub status: TaskStatus,
    /// The latest progress reported, in percent.
    pub progress: Option<f64>,
}

impl TaskLine {
    pub(crate) fn new(task: &Task, setting: Option<&TrackingSetting>, today: Date) -> TaskLine {
        TaskLine {
            id: task.id,
            title: task.title.clone(),
            org: task.org.to_string(),
            deadline: task.deadline.map(date_text),
            status: task_status(task, setting.map(|s| &s.rules.status), today).into(),
            progress: task.progress.map(|(_, p)| p.percent()),
        }
    }
}

/// The \[open\] tracking rules (T-3).
#[derive(Debug, Serialize, ToSchema)]
pub struct Rules {
    /// `by`: a task done on its deadline day is on time; `before`: it is late.
    #[schema(schema_with = deadline_day_schema)]
    pub deadline_day: &'static str,
    /// A task is due soon this many days before its deadline.
    #[schema(minimum = 0, maximum = 366)]
    pub due_soon_days: u32,
    /// `zero`: an unreported task counts as 0 % in a roll-up; `skip`: it is left out.
    #[schema(schema_with = unreported_schema)]
    pub unreported: &'static str,
}

pub fn deadline_day_schema() -> Object {
    string_enum(
        [daihoi_tracking::DeadlineDay::CountsAsOnTime, daihoi_tracking::DeadlineDay::CountsAsLate]
            .map(deadline_day_code),
        "`by`: done on the deadline day is on time; `before`: it is late.",
        false,
    )
}

pub fn unreported_schema() -> Object {
    string_enum(
        [daihoi_tracking::Unreported::CountAsZero, daihoi_tracking::Unreported::Skip].map(unreported_code),
        "`zero`: an unreported task counts as 0 %; `skip`: it is left out of roll-ups.",
        false,
    )
}

/// The rules that apply and who chose them.
#[derive(Debug, Serialize, ToSchema)]
pub struct RulesChosen {
    pub rules: Rules,
    /// The organization they were chosen for (this one or one above).
    #[schema(example = "QN.DH.QT")]
    pub chosen_for: String,
    pub chosen_for_name: String,
    /// A login, or `operator` for the command line.
    pub chosen_by: String,
    /// UTC, RFC 3339.
    pub chosen_at: String,
}

impl From<&TrackingSetting> for RulesChosen {
    fn from(s: &TrackingSetting) -> RulesChosen {
        RulesChosen {
            rules: Rules {
                deadline_day: deadline_day_code(s.rules.status.deadline_day),
                due_soon_days: s.rules.status.due_soon_window,
                unreported: unreported_code(s.rules.rollup.unreported),
            },
            chosen_for: s.org_code.clone(),
            chosen_for_name: s.org_name.clone(),
            chosen_by: s.chosen_by.clone(),
            chosen_at: s.chosen_at.clone(),
        }
    }
}

/// A reporting period.
#[derive(Debug, Serialize, ToSchema)]
pub struct PeriodJson {
    #[schema(schema_with = period_kind_schema)]
    pub kind: &'static str,
    pub year: i32,
    /// The month, quarter or half (1 for a 9-month or annual period).
    pub index: u8,
    #[schema(format = Date)]
    pub start: String,
    /// The last day (included).
    #[schema(format = Date)]
    pub end: String,
}

impl From<&Period> for PeriodJson {
    fn from(p: &Period) -> PeriodJson {
        PeriodJson {
            kind: PERIOD_KINDS.iter().find(|(k, _)| *k == p.kind).map_or("monthly", |(_, c)| c),
            year: p.year,
            index: p.index,
            start: date_text(p.start),
            end: date_text(p.end),
        }
    }
}

/// The kinds of events, as `kind` spells them.
pub const EVENT_KINDS: [&str; 6] = ["report", "progress", "status", "urging", "inspection", "supervision"];

pub fn event_kind_schema() -> Object {
    string_enum(
        EVENT_KINDS,
        "`report` (periodic report), `progress`, `status` (workflow move): the assignee's office; `urging`: \
         the office above; `inspection`, `supervision`: an inspection commission or an administrator (T-4).",
        false,
    )
}

/// An entry of a task's log (T-4); the fields its kind has.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventJson {
    pub id: i64,
    #[schema(schema_with = event_kind_schema)]
    pub kind: &'static str,
    #[schema(format = Date)]
    pub occurred_on: String,
    #[schema(format = Date)]
    pub recorded_on: String,
    /// `report`: the period reported on.
    pub period: Option<PeriodJson>,
    /// `report`: its summary.
    pub summary: Option<String>,
    /// `report`, `progress`: the progress, in percent.
    pub progress: Option<f64>,
    /// `status`: the state before.
    pub from: Option<String>,
    /// `status`: the state after.
    pub to: Option<String>,
    /// `urging`, `inspection`, `supervision`: who.
    pub by: Option<String>,
    /// `urging`: its note.
    pub note: Option<String>,
    /// `urging`: a new deadline.
    #[schema(format = Date)]
    pub new_deadline: Option<String>,
    /// `inspection`, `supervision`.
    pub findings: Vec<String>,
    /// `inspection`, `supervision`.
    pub recommendations: Vec<String>,
}

impl From<&TaskEvent> for EventJson {
    fn from(e: &TaskEvent) -> EventJson {
        let ev = &e.event;
        let mut out = EventJson {
            id: e.id,
            kind: "",
            occurred_on: date_text(ev.occurred_on),
            recorded_on: date_text(ev.recorded_on),
            period: None,
            summary: None,
            progress: None,
            from: None,
            to: None,
            by: None,
            note: None,
            new_deadline: None,
            findings: Vec::new(),
            recommendations: Vec::new(),
        };
        match &ev.kind {
            EventKind::Report { period, summary, progress } => {
                out.kind = "report";
                out.period = Some(period.into());
                out.summary = Some(summary.clone());
                out.progress = progress.map(|p| p.percent());
            }
            EventKind::ProgressReported { progress } => {
                out.kind = "progress";
                out.progress = Some(progress.percent());
            }
            EventKind::StatusChange { from, to } => {
                out.kind = "status";
                out.from = Some(workflow_code(*from).to_owned());
                out.to = Some(workflow_code(*to).to_owned());
            }
            EventKind::Urging { by, note, new_deadline } => {
                out.kind = "urging";
                out.by = Some(by.clone());
                out.note = Some(note.clone());
                out.new_deadline = new_deadline.map(date_text);
            }
            EventKind::Inspection { by, findings, recommendations }
            | EventKind::Supervision { by, findings, recommendations } => {
                out.kind = if matches!(ev.kind, EventKind::Inspection { .. }) { "inspection" } else { "supervision" };
                out.by = Some(by.clone());
                out.findings = findings.iter().map(|f| f.text.clone()).collect();
                out.recommendations = recommendations.clone();
            }
        }
        out
    }
}

/// A target of a task (T-5) and its standing on a day.
#[derive(Debug, Serialize, ToSchema)]
pub struct TargetJson {
    pub id: i64,
    pub task_id: i64,
    pub name: String,
    pub unit: String,
    pub baseline: f64,
    /// The value to reach (the form's `target`).
    pub target_value: f64,
    /// `higher` or `lower` is better.
    #[schema(schema_with = direction_schema)]
    pub direction: &'static str,
    /// The latest reading by the day.
    pub latest: Option<f64>,
    /// Its attainment, in percent.
    pub attainment: Option<f64>,
    /// The latest reading meets the target.
    pub met: bool,
    /// In recording order.
    pub readings: Vec<ReadingJson>,
}

/// A reading of a target.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReadingJson {
    #[schema(format = Date)]
    pub on: String,
    pub value: f64,
    pub note: String,
    /// Who recorded it.
    pub recorded_by: String,
}

pub fn direction_schema() -> Object {
    string_enum(["higher", "lower"], "`higher`: a higher value is better; `lower`: a lower one.", false)
}

pub(crate) fn direction_code(d: Direction) -> &'static str {
    match d {
        Direction::HigherIsBetter => "higher",
        Direction::LowerIsBetter => "lower",
    }
}

impl TargetJson {
    pub(crate) fn new(t: &StoredTarget, on: Date) -> TargetJson {
        let target = t.series.target();
        let at = t.series.attainment_at(on);
        TargetJson {
            id: t.id,
            task_id: t.task_id,
            name: t.name.clone(),
            unit: target.unit.clone(),
            baseline: target.baseline,
            target_value: target.target,
            direction: direction_code(target.direction),
            latest: at.map(|a| a.reading.value),
            attainment: at.map(|a| a.progress.percent()),
            met: at.is_some_and(|a| a.met),
            readings: t
                .series
                .readings()
                .iter()
                .zip(&t.notes)
                .map(|(r, n)| ReadingJson {
                    on: date_text(r.on),
                    value: r.value,
                    note: n.note.clone(),
                    recorded_by: n.recorded_by.clone(),
                })
                .collect(),
        }
    }
}

/// A document a task comes from, when the caller may read it (T-6).
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentRef {
    pub id: i64,
    /// Its number as shown (`15-NQ/TW`).
    pub number: String,
    pub title: String,
}

/// White_Space, as Rust's `trim` removes it (TEXT-1).
const SPACES: &str = r"[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]";

/// A text of one line (TEXT-1) of at most `max` characters as sent.
pub(crate) fn line_schema(max: usize, description: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(max))
        .pattern(Some(daihoi_core::text::LINE_PATTERN))
        .description(Some(description))
        .build()
}

/// [`line_schema`], but empty or only spaces is allowed (an optional field).
pub(crate) fn optional_line_schema(max: usize, description: &str, nullable: bool) -> Object {
    let schema_type: SchemaType =
        if nullable { [Type::String, Type::Null].into_iter().collect() } else { Type::String.into() };
    ObjectBuilder::new()
        .schema_type(schema_type)
        .max_length(Some(max))
        .pattern(Some(format!("(?:^{SPACES}*$)|(?:{})", daihoi_core::text::LINE_PATTERN)))
        .description(Some(description))
        .build()
}

/// A text of several lines (TEXT-1: line breaks and tabs are text, other
/// control and invisible formatting characters only among the spaces at
/// its ends, which are removed).
pub(crate) fn paragraphs_schema(max: usize, description: &str, nullable: bool) -> Object {
    let schema_type: SchemaType =
        if nullable { [Type::String, Type::Null].into_iter().collect() } else { Type::String.into() };
    let refused = r"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF";
    ObjectBuilder::new()
        .schema_type(schema_type)
        .max_length(Some(max))
        .pattern(Some(format!("^{SPACES}*[^{refused}]*{SPACES}*$")))
        .description(Some(description))
        .build()
}

/// A task's title (TEXT-1).
pub fn title_schema() -> Object {
    line_schema(daihoi_core::text::TITLE_MAX_CHARS, "One line, at most 1000 characters (TEXT-1); trimmed.")
}

/// A task's clause (TEXT-1), optional.
pub fn clause_schema() -> Object {
    optional_line_schema(
        daihoi_core::text::LABEL_MAX_CHARS,
        "The clause of the document it implements (`Mục III.1`): one line, at most 200 characters; may be empty.",
        true,
    )
}

/// An optional `yyyy-mm-dd` date.
pub fn optional_date_schema() -> Object {
    ObjectBuilder::new()
        .schema_type([Type::String, Type::Null].into_iter().collect::<SchemaType>())
        .format(Some(utoipa::openapi::schema::SchemaFormat::KnownFormat(utoipa::openapi::schema::KnownFormat::Date)))
        .description(Some("`yyyy-mm-dd`, or absent/null."))
        .build()
}

/// An optional date field named `name`, as the form's text (`""` when absent).
pub(crate) fn date_field(name: &str, value: Option<&str>) -> ApiResult<String> {
    match value {
        None => Ok(String::new()),
        Some(text) => Ok(date_text(crate::api::optional_date(name, Some(text))?)),
    }
}

/// [`date_field`] for a deadline ([`plausible_deadline`]).
pub(crate) fn deadline_field(name: &str, value: Option<&str>) -> ApiResult<String> {
    let text = date_field(name, value)?;
    plausible_deadline(name, &text)?;
    Ok(text)
}

/// Organization codes, at least one.
pub fn org_codes_schema() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(crate::api::schema::org_code())
        .min_items(Some(1))
        .max_items(Some(500))
        .description(Some("The organizations, each below the task's assignee (T-2); one sub-task each."))
        .build()
}

/// An optional number field named `name` between `min` and `max`, as the
/// document's bounds say: 400 outside.
pub(crate) fn bounded(name: &str, value: Option<f64>, min: f64, max: f64) -> ApiResult<Option<f64>> {
    match value {
        Some(v) if !(min..=max).contains(&v) => {
            Err(ApiError::bad_request(format!("{name}: {v} is not between {min} and {max}")))
        }
        other => Ok(other),
    }
}

/// An optional number as the form's text (`""` when absent).
pub(crate) fn number_field(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// A cascade's title: like a task's, but empty means the task's own.
pub fn clause_schema_title() -> Object {
    optional_line_schema(
        daihoi_core::text::TITLE_MAX_CHARS,
        "One line, at most 1000 characters (TEXT-1); absent, null or empty: the task's title.",
        true,
    )
}

/// A kind of period in a request.
pub fn period_kind_input_schema() -> Object {
    string_enum(PERIOD_KINDS.map(|(_, c)| c), "`report` (needed): the kind of period reported on (T-4).", true)
}

/// A workflow state in a request.
pub fn workflow_input_schema() -> Object {
    string_enum(WORKFLOWS.map(workflow_code), "`status` (needed): the state to move to (T-4).", true)
}

/// Free text of several lines (a summary, a note, a finding).
pub fn note_schema() -> Object {
    paragraphs_schema(
        daihoi_core::text::NOTE_MAX_CHARS,
        "At most 10,000 characters; line breaks allowed (TEXT-1).",
        true,
    )
}

/// Who urged or inspected.
pub fn by_schema() -> Object {
    optional_line_schema(daihoi_core::text::LABEL_MAX_CHARS, "One line, at most 200 characters (TEXT-1).", true)
}

/// A target's unit.
pub fn unit_schema() -> Object {
    optional_line_schema(
        daihoi_core::text::LABEL_MAX_CHARS,
        "One line, at most 200 characters (TEXT-1); may be empty.",
        true,
    )
}

/// Findings or recommendations: texts, each of several lines (each line
/// one entry).
pub fn findings_schema() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .schema_type([Type::Array, Type::Null].into_iter().collect::<SchemaType>())
        .items(paragraphs_schema(daihoi_core::text::NOTE_MAX_CHARS, "Each line is one entry (TEXT-1).", false))
        .max_items(Some(100))
        .description(Some("`inspection`, `supervision`: one entry a line; empty lines are left out."))
        .build()
}
