//! The implementation-tracking dashboard of a subtree (T-2, T-3, T-5): what
//! is overdue and due soon, the statuses by organization, the roll-up of
//! the subtree's tasks and its targets as SVG charts, optionally for one
//! document; and the periodic report (báo cáo định kỳ) of the subtree as
//! Excel or PDF.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use daihoi_print::charts::{
    Category, ChartText, ProgressChart, ProgressItem, StackedChart, StackedRow, TargetChart, TargetPoint,
    progress_bars, stacked_counts, target_series,
};
use daihoi_store::targets::StoredTarget;
use daihoi_store::task_lists::StatusCounts;
use daihoi_store::tasks::Task;
use daihoi_store::tracking_settings::TrackingSetting;
use daihoi_tracking::status::status_under_every_reading;
use daihoi_tracking::{DeadlineStatus, Evaluation, Period, PeriodKind, Workflow};
use serde::Deserialize;
use time::Date;

use super::orgs::OrgLine;
use super::tasks::{decimal, percent, period_label};
use super::{Nav, today};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;

/// How many tasks a dashboard list shows.
const LIST_SHOWN: u32 = 50;
/// How many top tasks the progress chart draws.
const TOPS_SHOWN: usize = 30;
/// How many tasks the report's chart draws (its first ones, in the
/// table's order); the table has them all.
const CHART_TASKS: usize = 12;

/// A task as a line of a dashboard list.
pub struct TaskLine {
    pub id: i64,
    pub title: String,
    pub document: String,
    pub org: String,
    pub deadline: Option<Date>,
    /// Days past the deadline date (overdue) or left to it (due soon).
    pub days: u64,
}

#[derive(Debug, Default, Deserialize)]
pub struct DashboardParams {
    /// Only the tasks of this document.
    pub document: Option<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "tracking.html")]
pub struct DashboardPage {
    /// The reader writes here: links to give a task and to the task file.
    may_create: bool,
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    document: Option<(i64, String)>,
    setting: Option<TrackingSetting>,
    overdue: Vec<TaskLine>,
    overdue_total: u64,
    /// `None` without a chosen window.
    due_soon: Option<(Vec<TaskLine>, u64)>,
    /// The SVG charts, already rendered (our own markup, escaped inside).
    counts_chart: Option<String>,
    rollup_chart: Option<String>,
    overall: Option<String>,
    rolled_tasks: u64,
    target_charts: Vec<String>,
    today_iso: String,
}

/// Document numbers by id, read once each.
struct DocumentNames(HashMap<i64, String>);

impl DocumentNames {
    async fn get(&mut self, caller: &Caller, id: i64) -> String {
        if let Some(n) = self.0.get(&id) {
            return n.clone();
        }
        let name = match caller.scoped().document(id).await {
            Ok(Some(d)) => d.number_label(),
            _ => String::new(),
        };
        self.0.insert(id, name.clone());
        name
    }
}

async fn lines(caller: &Caller, names: &mut DocumentNames, tasks: &[Task], today: Date) -> Vec<TaskLine> {
    let mut out = Vec::with_capacity(tasks.len());
    for t in tasks {
        let days = t.deadline.map_or(0, |d| (d - today).whole_days().unsigned_abs());
        out.push(TaskLine {
            id: t.id,
            title: t.title.clone(),
            document: names.get(caller, t.document_id).await,
            org: t.org.to_string(),
            deadline: t.deadline,
            days,
        });
    }
    out
}

/// A category of the "by organization" chart: (Fluent key, palette slot,
/// how to count).
type ChartCategory = (&'static str, u8, fn(&StatusCounts) -> u64);

/// The status categories of the "by organization" chart.
const CATEGORIES: [ChartCategory; 6] = [
    ("status-done-on-time", 0, |c| c.done_on_time),
    ("tracking-chart-done-late", 4, |c| c.done_late),
    ("status-in-progress", 1, |c| c.in_progress),
    ("tracking-chart-due-soon", 3, |c| c.due_soon),
    ("tracking-chart-overdue", 2, |c| c.overdue),
    ("status-no-deadline", 5, |c| c.no_deadline + c.done_no_deadline),
];

fn chart_text(tr: Tr, id: &str, title: &str, description: &str) -> ChartText {
    ChartText {
        id: id.to_owned(),
        title: tr.t(title),
        description: tr.t(description),
        no_data: tr.t("tracking-chart-no-data"),
    }
}

fn target_chart(tr: Tr, t: &StoredTarget, n: usize) -> String {
    let target = t.series.target();
    target_series(&TargetChart {
        text: ChartText {
            id: format!("target-{n}"),
            title: t.name.clone(),
            description: tr.t_args(
                "tracking-chart-target-desc",
                &[
                    ("baseline", decimal(tr, target.baseline)),
                    ("target", decimal(tr, target.target)),
                    ("unit", target.unit.clone()),
                ],
            ),
            no_data: tr.t("target-no-reading"),
        },
        axis_label: target.unit.clone(),
        values_label: tr.t("target-reading"),
        baseline_label: tr.t("target-baseline"),
        target_label: tr.t("target-value"),
        style: tr.number_style(),
        baseline: target.baseline,
        target: target.target,
        lower_is_better: target.direction == daihoi_tracking::Direction::LowerIsBetter,
        points: t.series.readings().iter().map(|r| TargetPoint { date: r.on, value: r.value }).collect(),
    })
}

/// `GET /orgs/{code}/tracking?document=`: the subtree's dashboard.
pub async fn dashboard(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<DashboardParams>,
) -> Result<DashboardPage, WebError> {
    let tr = caller.tr;
    let today = today();
    let node = super::org_today(&caller, &code).await?;
    let scoped = caller.scoped();
    let document = match p.document {
        Some(id) => {
            let d = scoped.document(id).await?.ok_or(WebError::NotFound)?;
            Some((d.id, d.number_label()))
        }
        None => None,
    };
    let only = |tasks: Vec<Task>| -> Vec<Task> {
        match p.document {
            Some(id) => tasks.into_iter().filter(|t| t.document_id == id).collect(),
            None => tasks,
        }
    };
    let setting = scoped.tracking_setting(&node, today).await?;
    let mut names = DocumentNames(HashMap::new());

    let (overdue, overdue_total) = scoped.overdue_in(&node, today, today, LIST_SHOWN, p.document).await?;
    let overdue = lines(&caller, &mut names, &only(overdue), today).await;
    let due_soon = match &setting {
        Some(s) => {
            let (tasks, total) =
                scoped.due_soon_in(&node, today, today, s.rules.status.due_soon_window, LIST_SHOWN, p.document).await?;
            Some((lines(&caller, &mut names, &only(tasks), today).await, total))
        }
        None => None,
    };

    let mut counts_chart = None;
    let mut rollup_chart = None;
    let mut overall = None;
    let mut rolled_tasks = 0;
    if let Some(s) = &setting {
        let counts = scoped.status_counts_by_org(&node, today, today, &s.rules.status, p.document).await?;
        counts_chart = Some(stacked_counts(&StackedChart {
            text: chart_text(tr, "chart-by-org", "tracking-chart-by-org", "tracking-chart-by-org-desc"),
            total_label: tr.t("tracking-chart-total"),
            style: tr.number_style(),
            categories: CATEGORIES.iter().map(|(key, slot, _)| Category { label: tr.t(key), slot: *slot }).collect(),
            rows: counts
                .iter()
                .filter(|(_, c)| c.total() > 0)
                .map(|(org, c)| StackedRow {
                    label: org.name.clone(),
                    counts: CATEGORIES.iter().map(|(_, _, f)| u32::try_from(f(c)).unwrap_or(u32::MAX)).collect(),
                })
                .collect(),
        }));
        let rolled = scoped.subtree_rollup(&node, today, p.document, &s.rules.rollup).await?;
        rolled_tasks = rolled.tasks;
        overall = rolled.overall.map(|p| percent(tr, p.percent()));
        let mut items = Vec::new();
        for top in rolled.tops.iter().take(TOPS_SHOWN) {
            let Ok(id) = top.id.parse::<i64>() else { continue };
            let Ok(Some(task)) = scoped.task(id, today).await else { continue };
            items.push(ProgressItem {
                label: format!("{} · {}", task.org, task.title),
                percent: top.progress.map(|p| p.percent()),
            });
        }
        rollup_chart = Some(progress_bars(&ProgressChart {
            text: chart_text(tr, "chart-rollup", "tracking-chart-rollup", "tracking-chart-rollup-desc"),
            not_reported: tr.t("task-not-reported"),
            style: tr.number_style(),
            items,
        }));
    }
    let mut target_charts = Vec::new();
    for (n, t) in scoped.targets_in(&node, today).await?.iter().enumerate() {
        if let Some(doc) = p.document {
            match scoped.task(t.task_id, today).await {
                Ok(Some(task)) if task.document_id == doc => {}
                _ => continue,
            }
        }
        target_charts.push(target_chart(tr, t, n));
    }
    Ok(DashboardPage {
        may_create: caller.scoped().reach(&node).write,
        tr,
        nav: caller.nav(),
        org: (&node).into(),
        document,
        setting,
        overdue,
        overdue_total,
        due_soon,
        counts_chart,
        rollup_chart,
        overall,
        rolled_tasks,
        target_charts,
        today_iso: daihoi_core::date::iso(today),
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct ReportParams {
    /// `xlsx` or `pdf`.
    pub format: Option<String>,
    /// `monthly`, `quarterly`, `half_year`, `nine_months`, `annual`.
    pub period: Option<String>,
    /// A day in the period (`yyyy-mm-dd`), today by default.
    pub date: Option<String>,
    pub document: Option<i64>,
}

fn print_kind(k: PeriodKind) -> daihoi_print::tracking::PeriodKind {
    use daihoi_print::tracking::PeriodKind as P;
    match k {
        PeriodKind::Monthly => P::Monthly,
        PeriodKind::Quarterly => P::Quarterly,
        PeriodKind::HalfYear => P::SixMonth,
        PeriodKind::NineMonths => P::NineMonth,
        PeriodKind::Annual => P::Annual,
    }
}

/// `GET /orgs/{code}/tracking/report?format=xlsx|pdf&period=quarterly&date=`:
/// the periodic report of the subtree's tasks and targets for the period
/// that holds `date`. A period already over is evaluated at its last day
/// (T-3: "not done within the deadline"); the current one, today.
pub async fn report(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<ReportParams>,
) -> Result<Response, WebError> {
    use daihoi_print::tracking::{
        Count, PeriodicReport, ReportPeriod, Summary, TargetColumns, TargetRow, TargetTable, TaskColumns, TaskRow,
        TaskTable,
    };
    let tr = caller.tr;
    let today = today();
    let node = super::org_today(&caller, &code).await?;
    let scoped = caller.scoped();
    let kind = match p.period.as_deref().unwrap_or("quarterly") {
        "monthly" => PeriodKind::Monthly,
        "quarterly" => PeriodKind::Quarterly,
        "half_year" => PeriodKind::HalfYear,
        "nine_months" => PeriodKind::NineMonths,
        "annual" => PeriodKind::Annual,
        _ => return Err(WebError::BadInput("task-form-bad-period")),
    };
    let in_period = match p.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => today,
        Some(text) => daihoi_core::date::from_iso(text)
            .or_else(|| daihoi_core::date::parse_date(text))
            .ok_or_else(|| WebError::BadDate(text.to_owned()))?,
    };
    let period = Period::containing(kind, in_period).ok_or(WebError::BadInput("task-form-no-such-period"))?;
    if period.start > today {
        return Err(WebError::BadInput("tracking-report-future"));
    }
    let (at, cut) = if period.end < today {
        (Evaluation::Closed { closed_on: period.end }, period.end)
    } else {
        (Evaluation::Live { today }, today)
    };
    let setting = scoped.tracking_setting(&node, cut).await?;
    let mut tasks = scoped.tasks_in(&node, cut).await?;
    if let Some(doc) = p.document {
        tasks.retain(|t| t.document_id == doc);
    }
    let reports = scoped.latest_reports_in(&node, cut, cut).await?;
    let mut names = DocumentNames(HashMap::new());
    let mut counts: Vec<(&'static str, u32)> = Vec::new();
    let mut rows = Vec::with_capacity(tasks.len());
    let mut progress_sum = 0.0;
    let mut progress_n = 0u32;
    let mut chart_items = Vec::new();
    for t in &tasks {
        let status = if t.workflow == Workflow::Cancelled {
            None
        } else {
            match &setting {
                Some(s) => Some(daihoi_tracking::deadline_status(t.deadline, t.done_on, at, &s.rules.status)),
                None => status_under_every_reading(t.deadline, t.done_on, at),
            }
        };
        let key = match status {
            Some(DeadlineStatus::DoneOnTime) => "status-done-on-time",
            Some(DeadlineStatus::DoneLate { .. }) => "tracking-chart-done-late",
            Some(DeadlineStatus::NotDoneInTime) => "status-not-done-in-time",
            Some(DeadlineStatus::Overdue { .. }) => "tracking-chart-overdue",
            Some(DeadlineStatus::DueSoon { .. }) => "tracking-chart-due-soon",
            Some(DeadlineStatus::InProgress) => "status-in-progress",
            Some(DeadlineStatus::NoDeadline | DeadlineStatus::DoneNoDeadline) => "status-no-deadline",
            None if t.workflow == Workflow::Cancelled => "status-cancelled",
            None => "tracking-chart-undetermined",
        };
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
        // The progress reported by the cut-off; a cancelled task is left
        // out of the average, an unreported one as the [open] rule says
        // (without a chosen rule, the average is of the reported ones and
        // the summary says how many reported).
        let progress = t.progress.filter(|(on, _)| *on <= cut).map(|(_, p)| p.percent());
        if t.workflow != Workflow::Cancelled {
            match (progress, setting.as_ref().map(|s| s.rules.rollup.unreported)) {
                (Some(v), _) => {
                    progress_sum += v;
                    progress_n += 1;
                }
                (None, Some(daihoi_tracking::Unreported::CountAsZero)) => progress_n += 1,
                (None, _) => {}
            }
        }
        if chart_items.len() < CHART_TASKS && t.workflow != Workflow::Cancelled {
            chart_items.push(ProgressItem { label: format!("{} · {}", t.org, t.title), percent: progress });
        }
        rows.push(TaskRow {
            document: names.get(&caller, t.document_id).await,
            clause: t.clause.clone(),
            title: t.title.clone(),
            assignee: t.org.to_string(),
            deadline: t.deadline,
            status: task_status_word(tr, key, status),
            progress,
            latest_report: reports.get(&t.id).map(|(_, s)| s.clone()).unwrap_or_default(),
        });
    }
    let mut target_rows = Vec::new();
    for t in scoped.targets_in(&node, cut).await? {
        if let Some(doc) = p.document
            && !tasks.iter().any(|task| task.id == t.task_id && task.document_id == doc)
        {
            continue;
        }
        let target = t.series.target();
        let at = t.series.attainment_at(cut);
        target_rows.push(TargetRow {
            name: t.name.clone(),
            unit: target.unit.clone(),
            baseline: target.baseline,
            target: target.target,
            latest: at.map(|a| a.reading.value),
            attainment: match at {
                Some(a) if a.met => tr.t("target-met"),
                Some(a) => tr.t1("tracking-report-attained", "percent", percent(tr, a.progress.percent())),
                None => tr.t("target-no-reading"),
            },
        });
    }
    let label = period_label(tr, &period);
    let report = PeriodicReport {
        style: tr.number_style(),
        committee: node.name.to_uppercase(),
        party: tr.t("tracking-report-party"),
        title: tr.t("tracking-report-title"),
        organization: node.name.clone(),
        period: ReportPeriod { kind: print_kind(kind), label: label.clone() },
        generated: today,
        generated_label: tr.t("tracking-report-generated"),
        page_label: tr.t("tracking-report-page"),
        not_reported: tr.t("task-not-reported"),
        summary: Summary {
            heading: tr.t("tracking-report-summary"),
            counts: counts.iter().map(|(k, n)| Count { label: tr.t(k), count: *n }).collect(),
            progress_label: tr.t("tracking-report-progress"),
            // The plain average of the tasks' reported progress (our choice
            // for a report: every task counts once).
            progress: (progress_n > 0).then(|| progress_sum / f64::from(progress_n)),
        },
        chart: Some(ProgressChart {
            text: chart_text(tr, "chart-report", "tracking-chart-rollup", "tracking-chart-rollup-desc"),
            not_reported: tr.t("task-not-reported"),
            style: tr.number_style(),
            items: chart_items,
        }),
        tasks: TaskTable {
            heading: tr.t("tracking-report-tasks"),
            sheet_name: tr.t("tracking-report-tasks-sheet"),
            columns: TaskColumns {
                document: tr.t("task-document"),
                clause: tr.t("tracking-report-clause"),
                title: tr.t("task-title"),
                assignee: tr.t("task-assignee"),
                deadline: tr.t("task-deadline"),
                status: tr.t("task-status"),
                progress: tr.t("task-progress"),
                latest_report: tr.t("tracking-report-latest"),
            },
            rows,
        },
        targets: TargetTable {
            heading: tr.t("tracking-report-targets"),
            sheet_name: tr.t("tracking-report-targets-sheet"),
            columns: TargetColumns {
                name: tr.t("task-targets"),
                unit: tr.t("tracking-report-unit"),
                baseline: tr.t("target-baseline"),
                target: tr.t("target-value"),
                latest: tr.t("target-latest"),
                attainment: tr.t("target-attainment"),
            },
            rows: target_rows,
        },
    };
    let stem = format!("bao-cao-{}-{}-{}", node.code, kind_code(kind), daihoi_core::date::iso(period.end));
    let (bytes, media, ext) = match p.format.as_deref().unwrap_or("xlsx") {
        "pdf" => (
            daihoi_print::periodic_report_pdf(&report).map_err(|e| WebError::Print(e.to_string()))?,
            "application/pdf",
            "pdf",
        ),
        "xlsx" => (
            daihoi_print::periodic_report_xlsx(&report).map_err(|e| WebError::Print(e.to_string()))?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        _ => return Err(WebError::BadInput("tracking-report-bad-format")),
    };
    let disposition = format!("attachment; filename=\"{stem}.{ext}\"");
    Ok((
        [
            (header::CONTENT_TYPE, media.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

fn kind_code(k: PeriodKind) -> &'static str {
    match k {
        PeriodKind::Monthly => "thang",
        PeriodKind::Quarterly => "quy",
        PeriodKind::HalfYear => "6-thang",
        PeriodKind::NineMonths => "9-thang",
        PeriodKind::Annual => "nam",
    }
}

/// A status in words for the report, with its days where it has some.
fn task_status_word(tr: Tr, key: &'static str, status: Option<DeadlineStatus>) -> String {
    match status {
        Some(DeadlineStatus::DoneLate { days }) => tr.t_count("status-done-late", days.unsigned_abs()),
        Some(DeadlineStatus::Overdue { days }) => tr.t_count("status-overdue", days.unsigned_abs()),
        Some(DeadlineStatus::DueSoon { days }) => tr.t_count("status-due-soon", days.unsigned_abs()),
        _ => tr.t(key),
    }
}
