//! `GET /api/v1/orgs/{code}/tracking/report`: the periodic report (T-4), as
//! figures or as the very workbook and PDF the page serves.

use axum::Json;
use axum::response::{IntoResponse, Response};
use daihoi_tracking::DeadlineStatus;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{PeriodJson, RulesChosen, direction_code, string_enum};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiPath, ApiQuery, ApiResult, ErrorBody, ErrorCode};
use crate::api::{CodePath, date_text, optional_date};
use crate::i18n::Tr;
use crate::orgs::api::find;
use crate::page::today;
use crate::party::report_download;
use crate::tasks::report::{
    PeriodRefusal, REPORT_STATUS_COUNT, ReportFormat, registered_report, report_figures, report_file, report_kind,
    report_kind_codes, report_period, report_status_codes,
};

const FORMATS: [&str; 4] = ["json", "xlsx", "pdf", "docx"];

pub fn format_schema() -> utoipa::openapi::schema::Object {
    string_enum(FORMATS, "`json` (default): the figures; `xlsx`, `pdf`, `docx`: the page's files.", false)
}

pub fn period_schema() -> utoipa::openapi::schema::Object {
    string_enum(report_kind_codes(), "The kind of report (default `quarterly`).", false)
}

pub fn report_status_schema() -> utoipa::openapi::schema::Object {
    string_enum(report_status_codes(), "The task's status in the report (T-3).", false)
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The kind of report: `monthly`, `quarterly` (default), `half_year`,
    /// `nine_months`, `annual`.
    #[param(schema_with = period_schema)]
    pub period: Option<String>,
    /// A day: the report is of the latest period of its kind begun by it;
    /// absent: today.
    #[param(format = Date, example = "2026-09-30")]
    pub date: Option<String>,
    /// Only the tasks of this document (refused when the caller may not
    /// read the document: T-6).
    #[param(schema_with = super::optional_id_schema)]
    pub document: Option<i64>,
    /// The report as registered in the organization's register
    /// (`register_report`): the files carry its number and date. Refused
    /// when the caller may not read that document (T-6), or when it is not
    /// a report (BC) of the organization's register.
    #[param(schema_with = super::optional_id_schema)]
    pub registered: Option<i64>,
    #[param(schema_with = format_schema)]
    pub format: Option<String>,
}

/// Tasks by status in a report.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportCounts {
    pub done_on_time: u32,
    pub done_late: u32,
    pub not_done_in_time: u32,
    pub overdue: u32,
    pub due_soon: u32,
    pub in_progress: u32,
    pub no_deadline: u32,
    /// On the deadline day when nobody chose how to read it.
    pub undetermined: u32,
    pub cancelled: u32,
}

impl From<&[u32; REPORT_STATUS_COUNT]> for ReportCounts {
    fn from(c: &[u32; REPORT_STATUS_COUNT]) -> ReportCounts {
        // The order of `report_status_codes`.
        let [
            done_on_time,
            done_late,
            not_done_in_time,
            overdue,
            due_soon,
            in_progress,
            no_deadline,
            undetermined,
            cancelled,
        ] = *c;
        ReportCounts {
            done_on_time,
            done_late,
            not_done_in_time,
            overdue,
            due_soon,
            in_progress,
            no_deadline,
            undetermined,
            cancelled,
        }
    }
}

/// The periodic report's figures.
#[derive(Debug, Serialize, ToSchema)]
pub struct Report {
    #[schema(schema_with = crate::api::schema::org_code)]
    pub org: String,
    pub period: PeriodJson,
    /// The day the tasks are read and evaluated on: the period's last day
    /// when it is over, else today.
    #[schema(format = Date)]
    pub evaluated_on: String,
    pub document: Option<i64>,
    /// The rules that applied; `null` when nobody chose.
    pub rules: Option<RulesChosen>,
    pub totals: ReportCounts,
    /// The plain average of the tasks' reported progress, in percent.
    pub progress: Option<f64>,
    /// The root's own tasks, then each branch's, those with tasks.
    pub by_org: Vec<BranchCounts>,
    pub tasks: Vec<ReportTaskJson>,
    pub targets: Vec<ReportTargetJson>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BranchCounts {
    #[schema(schema_with = crate::api::schema::org_code)]
    pub code: String,
    pub name: String,
    /// The root's own tasks (not its branches').
    pub own: bool,
    pub counts: ReportCounts,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportTaskJson {
    pub id: i64,
    /// Its document's number, when the caller may read the document.
    pub document: Option<String>,
    pub clause: String,
    pub title: String,
    pub org: String,
    #[schema(format = Date)]
    pub deadline: Option<String>,
    #[schema(schema_with = super::workflow_schema)]
    pub workflow: &'static str,
    #[schema(schema_with = report_status_schema)]
    pub status: &'static str,
    /// Days late, overdue or left, for those statuses.
    pub days: Option<u64>,
    /// The progress reported by the cut-off, in percent.
    pub progress: Option<f64>,
    #[schema(format = Date)]
    pub latest_report_on: Option<String>,
    pub latest_report: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportTargetJson {
    pub id: i64,
    pub task_id: i64,
    pub name: String,
    pub unit: String,
    pub baseline: f64,
    /// The value to reach.
    pub target_value: f64,
    #[schema(schema_with = super::direction_schema)]
    pub direction: &'static str,
    pub latest: Option<f64>,
    pub attainment: Option<f64>,
    pub met: bool,
}

/// The periodic report of the subtree, for any role that reads the
/// organization's page: the figures the page's files print (`format=json`,
/// the default), or those files (`xlsx`, `pdf`, `docx`, in Vietnamese; the
/// PDF and the `.docx` in the layout of Party documents, with the same text).
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/tracking/report",
    tag = "tasks",
    operation_id = "tracking_report",
    params(CodePath, ReportQuery),
    responses(
        (status = 200, description = "The report", content(
            (Report = "application/json"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (Vec<u8> = "application/pdf"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ), headers(("content-disposition" = String, description = "For a file: `attachment` with its name"))),
        (status = 400, description = "Not a code; a bad period, date, document or format", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization, or the caller may not \
                                      read the document (T-6)", body = ErrorBody),
        (status = 404, description = "No such organization today, or no such document", body = ErrorBody),
        (status = 422, description = "The period has not begun yet, or is outside the calendar; the registered \
                                      document is not a report of the organization's register", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn report(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> ApiResult<Response> {
    let today = today();
    super::enum_field("format", query.format.as_deref(), &FORMATS)?;
    let (kind, _, period) = chosen_period(query.period.as_deref(), query.date.as_deref(), today)?;
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today).await?;
    let registered = match query.registered {
        Some(id) => Some(registered_report(&scoped, &node, id).await?.map_err(|_| {
            ApiError::new(ErrorCode::Unprocessable, "registered: not a report (BC) of the organization's register")
        })?),
        None => None,
    };
    let figures = report_figures(&scoped, &node, kind, period, today, query.document).await?;
    if let Some(format) = query.format.as_deref().and_then(ReportFormat::parse) {
        let file = report_file(Tr::default(), &node, &figures, format, today, registered.as_ref()).map_err(|e| {
            tracing::error!(error = %e, "API: the report could not be printed");
            ApiError::new(ErrorCode::Internal, "internal error")
        })?;
        return Ok(report_download(file));
    }
    let codes = report_status_codes();
    let by_org = figures
        .branches
        .iter()
        .zip(&figures.by_branch)
        .enumerate()
        .filter(|(_, (_, c))| c.iter().any(|n| *n > 0))
        .map(|(i, (b, c))| BranchCounts {
            code: b.code.to_string(),
            name: b.name.clone(),
            own: i == 0,
            counts: c.into(),
        })
        .collect();
    let tasks = figures
        .lines
        .iter()
        .map(|l| {
            let t = &l.task;
            let days = match l.status {
                Some(
                    DeadlineStatus::DoneLate { days }
                    | DeadlineStatus::Overdue { days }
                    | DeadlineStatus::DueSoon { days },
                ) => Some(days.unsigned_abs()),
                _ => None,
            };
            ReportTaskJson {
                id: t.id,
                document: (!l.document.is_empty()).then(|| l.document.clone()),
                clause: t.clause.clone(),
                title: t.title.clone(),
                org: t.org.to_string(),
                deadline: t.deadline.map(date_text),
                workflow: daihoi_store::tasks::workflow_code(t.workflow),
                status: codes[l.slot],
                days,
                progress: t.progress.map(|p| p.percent()),
                latest_report_on: t.latest_report.as_ref().map(|(d, _)| date_text(*d)),
                latest_report: t.latest_report.as_ref().map(|(_, s)| s.clone()),
            }
        })
        .collect();
    let targets = figures
        .targets
        .iter()
        .map(|t| {
            let target = t.target.series.target();
            ReportTargetJson {
                id: t.target.id,
                task_id: t.target.task_id,
                name: t.target.name.clone(),
                unit: target.unit.clone(),
                baseline: target.baseline,
                target_value: target.target,
                direction: direction_code(target.direction),
                latest: t.attainment.map(|a| a.reading.value),
                attainment: t.attainment.map(|a| a.progress.percent()),
                met: t.attainment.is_some_and(|a| a.met),
            }
        })
        .collect();
    Ok(Json(Report {
        org: node.code.to_string(),
        period: (&figures.period).into(),
        evaluated_on: date_text(figures.cut),
        document: query.document,
        rules: figures.setting.as_ref().map(RulesChosen::from),
        totals: (&figures.totals).into(),
        progress: figures.progress,
        by_org,
        tasks,
        targets,
    })
    .into_response())
}

/// The period a request chose: its kind (`period`) and a day in it (`date`,
/// today if none), with both; a period that holds no such day or has not
/// begun is 422.
pub(crate) fn chosen_period(
    kind: Option<&str>,
    date: Option<&str>,
    today: time::Date,
) -> ApiResult<(daihoi_tracking::PeriodKind, time::Date, daihoi_tracking::Period)> {
    super::enum_field("period", kind, &report_kind_codes())?;
    let kind = report_kind(kind).ok_or_else(|| ApiError::bad_request("period"))?;
    let day = optional_date("date", date)?;
    let period = report_period(kind, day, today).map_err(|r| {
        let message = match r {
            PeriodRefusal::NoSuchPeriod => "date: no period of this kind holds it",
            PeriodRefusal::Future => "date: the period has not begun yet",
        };
        ApiError::new(ErrorCode::Unprocessable, message)
    })?;
    Ok((kind, day, period))
}
