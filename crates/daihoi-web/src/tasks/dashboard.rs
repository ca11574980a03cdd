//! The implementation-tracking dashboard of a subtree (T-2, T-3, T-5): what
//! is overdue and due soon, the statuses by organization, the roll-up of
//! the subtree's tasks and its targets as SVG charts, optionally for one
//! document. Its form asks for the periodic report (`report.rs`).

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use daihoi_print::charts::{
    Category, ChartText, ProgressChart, ProgressItem, StackedChart, StackedRow, TargetChart, TargetPoint,
    progress_bars, stacked_counts, target_series,
};
use daihoi_store::orgs::OrgNode;
use daihoi_store::tasks::Task;
use daihoi_store::tasks::lists::{StatusCounts, SubtreeRollup};
use daihoi_store::tasks::settings::TrackingSetting;
use daihoi_store::tasks::targets::StoredTarget;
use daihoi_store::{Scoped, StoreResult};
use serde::Deserialize;
use time::Date;

use super::report::{ReportOption, report_options};
use super::show::{chart_label, decimal, percent};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::Path;
use crate::page::{Nav, today};

/// How many tasks a dashboard list shows.
const LIST_SHOWN: u32 = 50;
/// How many top tasks the progress chart draws.
const TOPS_SHOWN: usize = 30;
/// How many targets a dashboard charts (the report lists them all).
const TARGET_CHARTS: u32 = 24;

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
    /// The report just registered as an outgoing document: the report
    /// form downloads it with its number.
    pub registered: Option<i64>,
    /// The report's kind and day chosen when it was registered.
    pub period: Option<String>,
    pub date: Option<String>,
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
    /// Organizations below that chose their own rules, as "name (code)".
    own_rules_below: Vec<String>,
    /// The targets not charted.
    targets_more: u64,
    today_iso: String,
    /// The periodic report's form: each kind with the period it gives.
    report_options: Vec<ReportOption>,
    /// The reader writes in the organization's register: the form that
    /// registers the report as an outgoing document.
    may_register: bool,
    /// The registered report the form downloads: its id and the note
    /// naming its number and date.
    registered: Option<(i64, String)>,
    /// The report's day chosen when it was registered (`yyyy-mm-dd`), or
    /// as typed in a refused report form.
    report_date: String,
    /// What a refused report or register form was refused for, in words.
    report_problems: Vec<String>,
    /// The register form was refused: it is shown open, with its number.
    register_open: bool,
    register_number: String,
}

/// The report forms as typed after a refusal (the period is the
/// parameters'), with every problem named.
#[derive(Debug, Default)]
pub(crate) struct ReportKept {
    /// The register form was the one refused (else the report form).
    pub register: bool,
    pub number: String,
    pub problems: Vec<String>,
}

/// Document numbers by id, read once each.
pub(super) struct DocumentNames(pub(super) HashMap<i64, String>);

impl DocumentNames {
    pub(super) async fn get(&mut self, scoped: &Scoped<'_>, id: i64) -> String {
        if let Some(n) = self.0.get(&id) {
            return n.clone();
        }
        let name = match scoped.documents().document(id).await {
            Ok(Some(d)) => d.number_label(),
            _ => String::new(),
        };
        self.0.insert(id, name.clone());
        name
    }
}

async fn lines(scoped: &Scoped<'_>, names: &mut DocumentNames, tasks: &[Task], today: Date) -> Vec<TaskLine> {
    let mut out = Vec::with_capacity(tasks.len());
    for t in tasks {
        let days = t.deadline.map_or(0, |d| (d - today).whole_days().unsigned_abs());
        out.push(TaskLine {
            id: t.id,
            title: t.title.clone(),
            document: names.get(scoped, t.document_id).await,
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

pub(super) fn chart_text(tr: Tr, id: &str, title: &str, description: &str) -> ChartText {
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

/// A top task of the roll-up with its rolled-up progress.
pub(crate) type TopTask = (Task, Option<daihoi_tracking::Progress>);

/// The figures of a subtree's dashboard, before any words: the page and
/// the API show the same.
pub(crate) struct DashboardFigures {
    pub setting: Option<TrackingSetting>,
    /// Organizations below that chose their own rules.
    pub own_rules_below: Vec<TrackingSetting>,
    /// The deadline day counts as late: the lists' days are counted from
    /// the day after.
    pub late_reading: bool,
    /// The first overdue tasks and how many there are.
    pub overdue: (Vec<Task>, u64),
    /// The same for the tasks due soon; `None` without a chosen window.
    pub due_soon: Option<(Vec<Task>, u64)>,
    /// The tasks by status, per organization (`None` without chosen rules).
    pub counts: Option<Vec<(OrgNode, StatusCounts)>>,
    /// The roll-up (`None` without chosen rules) and its first top tasks
    /// the reader may see, each with its rolled-up progress.
    pub rollup: Option<(SubtreeRollup, Vec<TopTask>)>,
    /// The first targets and how many there are.
    pub targets: (Vec<StoredTarget>, u64),
}

/// The dashboard's figures for `node`'s subtree on `today`, optionally of
/// one document, through the reader's view. Choices made lower down apply
/// on those organizations' own pages; the dashboard reads every task by the
/// rules in force at its root, and says so.
pub(crate) async fn dashboard_figures(
    scoped: &Scoped<'_>,
    node: &OrgNode,
    today: Date,
    document: Option<i64>,
) -> StoreResult<DashboardFigures> {
    let only = |tasks: Vec<Task>| -> Vec<Task> {
        match document {
            Some(id) => tasks.into_iter().filter(|t| t.document_id == id).collect(),
            None => tasks,
        }
    };
    let setting = scoped.tasks().tracking_setting(node, today).await?;
    let own_rules_below = scoped.tasks().tracking_settings_below(node, today).await?;
    // The lists agree with the counts under the chosen reading of the
    // deadline day.
    let reading = setting.as_ref().map(|s| s.rules.status.deadline_day);
    let late_reading = reading == Some(daihoi_tracking::DeadlineDay::CountsAsLate);
    let (overdue, overdue_total) = scoped.tasks().overdue_in(node, today, today, reading, LIST_SHOWN, document).await?;
    let due_soon = match &setting {
        Some(s) => {
            let (tasks, total) =
                scoped.tasks().due_soon_in(node, today, today, &s.rules.status, LIST_SHOWN, document).await?;
            Some((only(tasks), total))
        }
        None => None,
    };
    let mut counts = None;
    let mut rollup = None;
    if let Some(s) = &setting {
        counts = Some(scoped.tasks().status_counts_by_org(node, today, today, &s.rules.status, document).await?);
        let rolled = scoped.tasks().subtree_rollup(node, today, document, &s.rules.rollup).await?;
        let mut tops = Vec::new();
        for top in rolled.tops.iter().take(TOPS_SHOWN) {
            let Ok(id) = top.id.parse::<i64>() else { continue };
            let Ok(Some(task)) = scoped.tasks().task(id, today).await else { continue };
            tops.push((task, top.progress));
        }
        rollup = Some((rolled, tops));
    }
    let targets = scoped.tasks().targets_in(node, today, document, TARGET_CHARTS).await?;
    Ok(DashboardFigures {
        setting,
        own_rules_below,
        late_reading,
        overdue: (only(overdue), overdue_total),
        due_soon,
        counts,
        rollup,
        targets,
    })
}

/// `GET /orgs/{code}/tracking?document=`: the subtree's dashboard
/// ([`dashboard_figures`] in words and charts).
pub async fn dashboard(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<DashboardParams>,
) -> Result<DashboardPage, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    dashboard_page(&caller, &node, p, ReportKept::default()).await
}

/// The dashboard again after a refused report form: 422, with what was
/// typed and every problem named.
pub(crate) async fn refused_report(
    caller: &Caller,
    node: &OrgNode,
    p: DashboardParams,
    kept: ReportKept,
) -> Result<axum::response::Response, WebError> {
    use axum::response::IntoResponse;
    let page = dashboard_page(caller, node, p, kept).await?;
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// The dashboard of `node`'s subtree, with what a refused report form kept.
pub(crate) async fn dashboard_page(
    caller: &Caller,
    node: &OrgNode,
    p: DashboardParams,
    kept: ReportKept,
) -> Result<DashboardPage, WebError> {
    let tr = caller.tr;
    let today = today();
    let node = node.clone();
    let scoped = caller.scoped();
    let document = match p.document {
        Some(id) => {
            let d = scoped.documents().document(id).await?.ok_or(WebError::NotFound)?;
            Some((d.id, d.number_label()))
        }
        None => None,
    };
    let figures = dashboard_figures(&scoped, &node, today, p.document).await?;
    let own_rules_below: Vec<String> =
        figures.own_rules_below.iter().map(|s| format!("{} ({})", s.org_name, s.org_code)).collect();
    let mut names = DocumentNames(HashMap::new());
    // The lists' days are counted from the last on-time day.
    let from = if figures.late_reading { today.next_day().unwrap_or(today) } else { today };
    let overdue = lines(&scoped, &mut names, &figures.overdue.0, from).await;
    let overdue_total = figures.overdue.1;
    let due_soon = match &figures.due_soon {
        Some((tasks, total)) => Some((lines(&scoped, &mut names, tasks, from).await, *total)),
        None => None,
    };
    let counts_chart = figures.counts.as_ref().map(|counts| {
        stacked_counts(&StackedChart {
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
        })
    });
    let mut rollup_chart = None;
    // Before the roll-up rule is chosen the heading says so, not an empty figure.
    let mut overall = Some(tr.t("tracking-rollup-unchosen"));
    let mut rolled_tasks = 0;
    if let Some((rolled, tops)) = &figures.rollup {
        rolled_tasks = rolled.tasks;
        overall = Some(rolled.overall.map_or_else(|| tr.t("task-not-reported"), |p| percent(tr, p.percent())));
        rollup_chart = Some(progress_bars(&ProgressChart {
            text: chart_text(tr, "chart-rollup", "tracking-chart-rollup", "tracking-chart-rollup-desc"),
            not_reported: tr.t("task-not-reported"),
            style: tr.number_style(),
            items: tops
                .iter()
                .map(|(task, progress)| ProgressItem {
                    label: chart_label(
                        tr,
                        &task.org.to_string(),
                        &task.title,
                        task.progress.map(|(_, p)| p),
                        *progress,
                    ),
                    percent: progress.map(|p| p.percent()),
                })
                .collect(),
        }));
    }
    let mut report_options = report_options(tr, today);
    if let Some(kind) = p.period.as_deref().filter(|k| report_options.iter().any(|o| o.code == *k)) {
        for o in &mut report_options {
            o.selected = o.code == kind;
        }
    }
    // A day as typed in a refused form, shown as `yyyy-mm-dd` where it reads.
    let report_date = match p.date.as_deref().map(str::trim) {
        Some(text) if !kept.problems.is_empty() => daihoi_core::date::from_iso(text)
            .or_else(|| daihoi_core::date::parse_date(text))
            .map_or_else(|| text.to_owned(), daihoi_core::date::iso),
        date => date.and_then(daihoi_core::date::from_iso).map(daihoi_core::date::iso).unwrap_or_default(),
    };
    let may_register = scoped.documents().writable_registers(today).await?.iter().any(|n| n.id == node.id);
    let registered = match p.registered {
        Some(id) => {
            let d = super::report::registered_report(&scoped, &node, id)
                .await?
                .map_err(|_| WebError::BadInput("tracking-register-not-report"))?;
            let note =
                tr.t_args("tracking-register-done", &[("number", d.number_label()), ("date", tr.date(d.issued_on))]);
            Some((d.id, note))
        }
        None => None,
    };
    let (targets, targets_total) = &figures.targets;
    let target_charts: Vec<String> = targets.iter().enumerate().map(|(n, t)| target_chart(tr, t, n)).collect();
    let targets_more = targets_total.saturating_sub(target_charts.len() as u64);
    Ok(DashboardPage {
        may_create: scoped.tasks().may_assign(&node),
        tr,
        nav: caller.nav(),
        org: (&node).into(),
        document,
        setting: figures.setting,
        overdue,
        overdue_total,
        due_soon,
        counts_chart,
        rollup_chart,
        overall,
        rolled_tasks,
        target_charts,
        own_rules_below,
        targets_more,
        today_iso: daihoi_core::date::iso(today),
        report_options,
        may_register,
        registered,
        report_date,
        register_open: kept.register,
        register_number: kept.number,
        report_problems: kept.problems,
    })
}
