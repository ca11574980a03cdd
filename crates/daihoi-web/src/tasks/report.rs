//! The periodic report (báo cáo định kỳ, T-4) of a subtree as Excel or PDF:
//! its tasks and targets for the latest period of a kind begun by a day.

use std::collections::HashMap;

use axum::extract::Query;
use axum::response::{IntoResponse, Response};
use daihoi_print::charts::{ProgressChart, ProgressItem};
use daihoi_store::{Scoped, StoreResult};
use daihoi_tracking::{DeadlineStatus, Evaluation, Period, PeriodKind, Workflow};
use serde::Deserialize;
use time::Date;

use super::dashboard::{DashboardParams, DocumentNames, ReportKept, chart_text, refused_report};
use super::show::{chart_label, percent, period_label};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::page::Path;
use crate::page::today;
use crate::party::number_suffix;
use crate::party::{DOCX_MEDIA, ReportFile, XLSX_MEDIA, party_frame, report_download};
use daihoi_store::documents::Document;
use daihoi_store::tasks::lists::TaskFigure;

/// How many tasks the report's chart draws (its first ones, in the
/// table's order); the table has them all.
const CHART_TASKS: usize = 12;

#[derive(Debug, Default, Deserialize)]
pub struct ReportParams {
    /// `xlsx`, `pdf` or `docx`.
    pub format: Option<String>,
    /// `monthly`, `quarterly`, `half_year`, `nine_months`, `annual`.
    pub period: Option<String>,
    /// A day (`yyyy-mm-dd`): the report is of the latest period of its kind
    /// begun by that day; today by default.
    pub date: Option<String>,
    pub document: Option<i64>,
    /// The report as registered in the organization's register (an
    /// outgoing BC document's id): the files print its number and date.
    pub registered: Option<i64>,
}

/// How many task rows the report's PDF prints at most; the workbook has
/// them all.
const PDF_TASKS: usize = 100;

/// The report's kinds: (form and query code, kind).
const REPORT_KINDS: [(&str, PeriodKind); 5] = [
    ("monthly", PeriodKind::Monthly),
    ("quarterly", PeriodKind::Quarterly),
    ("half_year", PeriodKind::HalfYear),
    ("nine_months", PeriodKind::NineMonths),
    ("annual", PeriodKind::Annual),
];

/// The statuses of the report, in the order its summary and its table by
/// organization give them (Fluent keys).
pub(crate) const REPORT_STATUSES: [&str; 9] = [
    "status-done-on-time",
    "tracking-chart-done-late",
    "status-not-done-in-time",
    "tracking-chart-overdue",
    "tracking-chart-due-soon",
    "status-in-progress",
    "status-no-deadline",
    "tracking-chart-undetermined",
    "status-cancelled",
];

/// The latest period of `kind` that has begun by `day`: the one holding
/// `day`, or, for a day a cumulative kind does not cover (a 6-month report
/// after June, a 9-month one after September), the last one of its kind
/// that began before it (January–September of the same year for a 9-month
/// report asked for in November).
pub fn latest_period(kind: PeriodKind, day: Date) -> Option<Period> {
    let mut d = day;
    for _ in 0..12 {
        if let Some(p) = Period::containing(kind, d) {
            return Some(p);
        }
        // The last day of the month before.
        d = d.replace_day(1).ok()?.previous_day()?;
    }
    None
}

/// A kind of report in the dashboard's form, with the period it gives when
/// no day is chosen.
pub struct ReportOption {
    pub code: &'static str,
    pub label: String,
    pub default_period: String,
    pub selected: bool,
}

/// The form's kinds, each with the period it gives on `today`.
pub fn report_options(tr: Tr, today: Date) -> Vec<ReportOption> {
    REPORT_KINDS
        .iter()
        .map(|(code, kind)| ReportOption {
            code,
            label: tr.t(&format!("period-kind-{code}")),
            default_period: latest_period(*kind, today).map(|p| period_label(tr, &p)).unwrap_or_default(),
            selected: *kind == PeriodKind::Quarterly,
        })
        .collect()
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

/// The key of a task's status in the report (one of [`REPORT_STATUSES`]).
pub(crate) fn status_key(workflow: Workflow, status: Option<DeadlineStatus>) -> &'static str {
    match status {
        Some(DeadlineStatus::DoneOnTime) => "status-done-on-time",
        Some(DeadlineStatus::DoneLate { .. }) => "tracking-chart-done-late",
        Some(DeadlineStatus::NotDoneInTime) => "status-not-done-in-time",
        Some(DeadlineStatus::Overdue { .. }) => "tracking-chart-overdue",
        Some(DeadlineStatus::DueSoon { .. }) => "tracking-chart-due-soon",
        Some(DeadlineStatus::InProgress) => "status-in-progress",
        Some(DeadlineStatus::NoDeadline | DeadlineStatus::DoneNoDeadline) => "status-no-deadline",
        None if workflow == Workflow::Cancelled => "status-cancelled",
        None => "tracking-chart-undetermined",
    }
}

/// Which rows the PDF prints, when there are more than [`PDF_TASKS`]: those
/// past their deadline unfinished (not done within the deadline, overdue),
/// the longest past first, then the root's own tasks, in the table's order.
/// `late[i]`: row `i` is past its deadline unfinished, with that deadline;
/// `own[i]`: row `i` is a task of the root itself.
fn printed_rows(late: &[Option<Date>], own: &[bool]) -> Option<Vec<usize>> {
    if late.len() <= PDF_TASKS {
        return None;
    }
    let mut first: Vec<(Date, usize)> = late.iter().enumerate().filter_map(|(i, d)| d.map(|d| (d, i))).collect();
    first.sort_unstable();
    let mut rows: Vec<usize> = first.into_iter().map(|(_, i)| i).take(PDF_TASKS).collect();
    let then = own.iter().enumerate().filter(|(i, own)| **own && late[*i].is_none()).map(|(i, _)| i);
    rows.extend(then.take(PDF_TASKS - rows.len()));
    Some(rows)
}

/// The statuses a report counts, in [`REPORT_STATUSES`]' order.
pub(crate) const REPORT_STATUS_COUNT: usize = REPORT_STATUSES.len();

/// The stable code of a report status (the API's), from its Fluent key.
pub(crate) fn report_status_code(key: &str) -> &'static str {
    match key {
        "status-done-on-time" => "done_on_time",
        "tracking-chart-done-late" => "done_late",
        "status-not-done-in-time" => "not_done_in_time",
        "tracking-chart-overdue" => "overdue",
        "tracking-chart-due-soon" => "due_soon",
        "status-in-progress" => "in_progress",
        "status-no-deadline" => "no_deadline",
        "tracking-chart-undetermined" => "undetermined",
        _ => "cancelled",
    }
}

/// The report's statuses as the API spells them, in the report's order.
pub(crate) fn report_status_codes() -> [&'static str; REPORT_STATUS_COUNT] {
    REPORT_STATUSES.map(report_status_code)
}

/// The kind of report a `period=` code names (`quarterly` when absent).
pub(crate) fn report_kind(code: Option<&str>) -> Option<PeriodKind> {
    let wanted = code.unwrap_or("quarterly");
    REPORT_KINDS.iter().find(|(c, _)| *c == wanted).map(|(_, k)| *k)
}

/// The report's kinds as `period=` spells them.
pub(crate) fn report_kind_codes() -> [&'static str; 5] {
    REPORT_KINDS.map(|(c, _)| c)
}

/// Why a report cannot be made for the period asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PeriodRefusal {
    /// No period of the kind holds the day (out of the calendar's range).
    NoSuchPeriod,
    /// The period begins after today.
    Future,
}

/// The latest period of `kind` begun by `day`, if it has begun by `today`.
pub(crate) fn report_period(kind: PeriodKind, day: Date, today: Date) -> Result<Period, PeriodRefusal> {
    let period = latest_period(kind, day).ok_or(PeriodRefusal::NoSuchPeriod)?;
    if period.start > today {
        return Err(PeriodRefusal::Future);
    }
    Ok(period)
}

/// One task of a report, as it stood at the cut-off.
pub(crate) struct ReportLine {
    pub task: daihoi_store::tasks::reports::ReportTask,
    /// Its document's number, as the reader may see it (empty otherwise).
    pub document: String,
    /// Its deadline status at the cut-off (`None`: cancelled, or
    /// undetermined without chosen rules).
    pub status: Option<DeadlineStatus>,
    /// Its status's index in [`REPORT_STATUSES`].
    pub slot: usize,
    /// Its own and rolled-up progress at the cut-off, by the dashboard's
    /// definition (`None` until the roll-up rule is chosen).
    pub figure: Option<TaskFigure>,
}

/// A target of a report's tasks, with its attainment at the cut-off.
pub(crate) struct ReportTarget {
    pub target: daihoi_store::tasks::targets::StoredTarget,
    pub attainment: Option<daihoi_tracking::Attainment>,
}

/// The figures of a periodic report (T-3, T-4), before any words: the
/// page's workbook and PDF and the API's JSON are made from the same.
pub(crate) struct ReportFigures {
    pub kind: PeriodKind,
    pub period: Period,
    /// The day the tasks are read on and evaluated at.
    pub cut: Date,
    pub setting: Option<daihoi_store::tasks::settings::TrackingSetting>,
    /// The root, then each organization directly under it.
    pub branches: Vec<daihoi_store::orgs::OrgNode>,
    pub lines: Vec<ReportLine>,
    /// Tasks by status, in [`REPORT_STATUSES`]' order.
    pub totals: [u32; REPORT_STATUS_COUNT],
    /// The same, per branch.
    pub by_branch: Vec<[u32; REPORT_STATUS_COUNT]>,
    /// The subtree's overall progress at the cut-off (T-2), the
    /// dashboard's figure by the same definition
    /// (`Scoped::subtree_figures`): of every task of the subtree, not only
    /// those the period lists. `None` until the roll-up rule is chosen,
    /// or when nothing is reported.
    pub progress: Option<f64>,
    pub targets: Vec<ReportTarget>,
}

/// The figures of the report of `node`'s subtree for `period` (of `kind`),
/// optionally of one document, through the reader's view. A period already
/// over is evaluated at its last day (T-3: "not done within the deadline"),
/// its tasks as they stood then (those given by then, in the state they
/// were in: `Scoped::report_tasks`); the current one, today.
pub(crate) async fn report_figures(
    scoped: &Scoped<'_>,
    node: &daihoi_store::orgs::OrgNode,
    kind: PeriodKind,
    period: Period,
    today: Date,
    document: Option<i64>,
) -> StoreResult<ReportFigures> {
    let (at, cut) = if period.end < today {
        (Evaluation::Closed { closed_on: period.end }, period.end)
    } else {
        (Evaluation::Live { today }, today)
    };
    let setting = scoped.tasks().tracking_setting(node, cut).await?;
    let data = scoped.tasks().report_tasks(node, cut, cut, document).await?;
    // The figures by the dashboard's definition: of the tasks as they are
    // now for the current period (the dashboard's very reading), as they
    // stood at the end of a period already over.
    let figures = match &setting {
        Some(s) => {
            let as_of = (cut < today).then_some(cut);
            Some(scoped.tasks().subtree_figures(node, cut, as_of, document, &s.rules.rollup).await?)
        }
        None => None,
    };
    // T-4: a period's report holds what was open during the period or
    // finished in it: a task finished or withdrawn before it began is not
    // in it.
    let before = |d: Option<Date>| d.is_some_and(|d| d < period.start);
    let tasks: Vec<_> = data
        .tasks
        .into_iter()
        .filter(|t| match t.workflow {
            Workflow::Done => !before(t.done_on),
            Workflow::Cancelled => !before(t.cancelled_on),
            _ => true,
        })
        .collect();
    let in_report: std::collections::HashSet<i64> = tasks.iter().map(|t| t.id).collect();
    let mut names = DocumentNames(HashMap::new());
    let mut totals = [0u32; REPORT_STATUS_COUNT];
    let mut by_branch = vec![[0u32; REPORT_STATUS_COUNT]; data.branches.len()];
    let mut lines = Vec::with_capacity(tasks.len());
    for t in tasks {
        let status = t.deadline_status(at, setting.as_ref());
        let key = status_key(t.workflow, status);
        let slot = REPORT_STATUSES.iter().position(|k| *k == key).unwrap_or(0);
        totals[slot] += 1;
        if let Some(b) = by_branch.get_mut(t.branch) {
            b[slot] += 1;
        }
        let figure = figures.as_ref().and_then(|f| f.by_task.get(&t.id).copied());
        let document = names.get(scoped, t.document_id).await;
        lines.push(ReportLine { task: t, document, status, slot, figure });
    }
    let mut targets = Vec::new();
    for t in scoped.tasks().targets_in(node, cut, document, u32::MAX).await?.0 {
        if in_report.contains(&t.task_id) {
            let attainment = t.series.attainment_at(cut);
            targets.push(ReportTarget { target: t, attainment });
        }
    }
    Ok(ReportFigures {
        kind,
        period,
        cut,
        setting,
        branches: data.branches,
        lines,
        totals,
        by_branch,
        progress: figures.and_then(|f| f.overall).map(|p| p.percent()),
        targets,
    })
}

/// The progress a report's row shows: the task's roll-up (the dashboard's
/// figure) when it has counted sub-tasks, else what it reported itself
/// (an unreported task reads "not reported", not the 0 % it may count as
/// in a roll-up). Before the roll-up rule is chosen: what it reported.
pub(crate) fn shown_progress(figure: Option<TaskFigure>, own: Option<daihoi_tracking::Progress>) -> Option<f64> {
    match figure {
        Some(f) if f.subtasks > 0 => f.rolled.map(|p| p.percent()),
        _ => own.map(|p| p.percent()),
    }
}

/// The files a report is downloaded as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReportFormat {
    /// The workbook: every task.
    Xlsx,
    /// The PDF in the Party layout: a bounded list of tasks.
    Pdf,
    /// The same text as the PDF, for the clerks who edit it in Word.
    Docx,
}

impl ReportFormat {
    /// `xlsx`, `pdf` or `docx`.
    pub(crate) fn parse(code: &str) -> Option<ReportFormat> {
        match code {
            "xlsx" => Some(ReportFormat::Xlsx),
            "pdf" => Some(ReportFormat::Pdf),
            "docx" => Some(ReportFormat::Docx),
            _ => None,
        }
    }
}

/// The report's workbook, PDF or `.docx`, in `tr`'s words, printed on
/// `today`. The PDF prints at most [`PDF_TASKS`] tasks and says how many
/// more the workbook has; the `.docx` has the PDF's text, its rows too.
/// Both are in the layout of Party documents, their number that of the
/// `registered` document (the report registered as an outgoing document,
/// [`registered_report`]), dated its day; left blank before.
pub(crate) fn report_file(
    tr: Tr,
    node: &daihoi_store::orgs::OrgNode,
    figures: &ReportFigures,
    format: ReportFormat,
    today: Date,
    registered: Option<&Document>,
) -> Result<ReportFile, String> {
    use daihoi_print::tracking::{
        Count, CountRow, CountTable, PeriodicReport, ReportPeriod, Summary, TargetColumns, TargetRow, TargetTable,
        TaskColumns, TaskRow, TaskTable,
    };
    let (kind, period) = (figures.kind, figures.period);
    let mut rows = Vec::with_capacity(figures.lines.len());
    let mut late = Vec::with_capacity(figures.lines.len());
    let mut own = Vec::with_capacity(figures.lines.len());
    let mut cancelled = Vec::with_capacity(figures.lines.len());
    for line in &figures.lines {
        let t = &line.task;
        let key = REPORT_STATUSES[line.slot];
        late.push(
            matches!(line.status, Some(DeadlineStatus::NotDoneInTime | DeadlineStatus::Overdue { .. }))
                .then_some(t.deadline)
                .flatten(),
        );
        own.push(t.org == node.code);
        cancelled.push(t.workflow == Workflow::Cancelled);
        rows.push(TaskRow {
            document: line.document.clone(),
            clause: t.clause.clone(),
            title: t.title.clone(),
            assignee: t.org.to_string(),
            deadline: t.deadline,
            status: task_status_word(tr, key, line.status),
            progress: shown_progress(line.figure, t.progress),
            latest_report: t.latest_report.as_ref().map(|(_, s)| s.clone()).unwrap_or_default(),
        });
    }
    let printed = printed_rows(&late, &own);
    let shown = printed.as_ref().map_or(rows.len(), Vec::len);
    let more = if shown < rows.len() {
        let left = u64::try_from(rows.len() - shown).unwrap_or(u64::MAX);
        format!("{} {}", tr.t("tracking-report-listed"), tr.t_count("tracking-report-more", left))
    } else {
        String::new()
    };
    // The chart draws the first tasks the PDF prints, cancelled ones left out.
    let chart_items: Vec<ProgressItem> = match &printed {
        Some(rows) => rows.clone(),
        None => (0..rows.len()).collect(),
    }
    .into_iter()
    .filter(|i| !cancelled[*i])
    .take(CHART_TASKS)
    .map(|i| {
        // The dashboard's bar: the task's roll-up, its own report beside.
        let line = &figures.lines[i];
        let (own, rolled) = match line.figure {
            Some(f) => (f.own, f.rolled),
            None => (line.task.progress, line.task.progress),
        };
        ProgressItem {
            label: chart_label(tr, &rows[i].assignee, &rows[i].title, own, rolled),
            percent: rolled.map(|p| p.percent()),
        }
    })
    .collect();

    // The statuses that occur, in the report's order, for the summary and
    // the columns of the table by organization.
    let totals = &figures.totals;
    let present: Vec<usize> = (0..REPORT_STATUSES.len()).filter(|i| totals[*i] > 0).collect();
    let branch_label = |i: usize, name: &str| {
        if i == 0 { tr.t1("tracking-report-own", "org", name) } else { name.to_owned() }
    };
    let by_org = CountTable {
        heading: tr.t("tracking-report-by-org"),
        sheet_name: tr.t("tracking-report-by-org-sheet"),
        org_column: tr.t("tracking-report-org"),
        columns: present.iter().map(|i| tr.t(REPORT_STATUSES[*i])).collect(),
        total_column: tr.t("tracking-report-total"),
        rows: figures
            .branches
            .iter()
            .zip(&figures.by_branch)
            .enumerate()
            .filter(|(_, (_, c))| c.iter().any(|n| *n > 0))
            .map(|(i, (b, c))| CountRow {
                label: branch_label(i, &b.name),
                counts: present.iter().map(|s| c[*s]).collect(),
            })
            .collect(),
        total_label: tr.t("tracking-report-total-row"),
    };
    let target_rows = figures
        .targets
        .iter()
        .map(|t| {
            let target = t.target.series.target();
            TargetRow {
                name: t.target.name.clone(),
                unit: target.unit.clone(),
                baseline: target.baseline,
                target: target.target,
                latest: t.attainment.map(|a| a.reading.value),
                attainment: match t.attainment {
                    Some(a) if a.met => tr.t("target-met"),
                    Some(a) => tr.t1("tracking-report-attained", "percent", percent(tr, a.progress.percent())),
                    None => tr.t("target-no-reading"),
                },
            }
        })
        .collect();
    let label = period_label(tr, &period);
    // Registered: its number, dated the day it was issued (§6).
    let (number, dated) = match registered {
        Some(d) => (Some(d.number_label()), d.issued_on),
        None => (None, today),
    };
    let (heading, signature, recipients) = party_frame(tr, node, number, dated);
    let report = PeriodicReport {
        style: tr.number_style(),
        heading,
        title: tr.t("tracking-report-title"),
        organization: node.name.clone(),
        period: ReportPeriod { kind: print_kind(kind), label: label.clone() },
        page_label: tr.t("tracking-report-page"),
        not_reported: tr.t("task-not-reported"),
        summary: Summary {
            heading: tr.t("tracking-report-summary"),
            counts: present.iter().map(|i| Count { label: tr.t(REPORT_STATUSES[*i]), count: totals[*i] }).collect(),
            progress_label: tr.t("tracking-report-progress"),
            progress: figures.progress,
            unset: figures.setting.is_none().then(|| tr.t("tracking-rollup-unchosen")),
            sheet_name: tr.t("tracking-report-summary-sheet"),
        },
        by_org: (!by_org.rows.is_empty()).then_some(by_org),
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
            printed,
            more,
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
        signature,
        recipients,
    };
    let stem = format!("bao-cao-{}-{}-{}", node.code, kind_code(kind), daihoi_core::date::iso(period.end));
    let (bytes, media, ext) = match format {
        ReportFormat::Pdf => {
            (daihoi_print::periodic_report_pdf(&report).map_err(|e| e.to_string())?, "application/pdf", "pdf")
        }
        ReportFormat::Docx => {
            (daihoi_print::periodic_report_docx(&report).map_err(|e| e.to_string())?, DOCX_MEDIA, "docx")
        }
        ReportFormat::Xlsx => {
            (daihoi_print::periodic_report_xlsx(&report).map_err(|e| e.to_string())?, XLSX_MEDIA, "xlsx")
        }
    };
    Ok(ReportFile { bytes, media, file_name: format!("{stem}.{ext}") })
}

/// `GET /orgs/{code}/tracking/report?format=xlsx|pdf|docx&period=quarterly&date=`:
/// the periodic report (T-4) of the subtree's tasks and targets for the
/// latest period of its kind begun by `date` (today by default), as
/// [`report_figures`] reads it and [`report_file`] prints it.
pub async fn report(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<ReportParams>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let today = today();
    let node = crate::page::org_today(&caller, &code).await?;
    let scoped = caller.scoped();
    let format = ReportFormat::parse(p.format.as_deref().unwrap_or("xlsx"))
        .ok_or(WebError::BadInput("tracking-report-bad-format"))?;
    let (kind, _, period) = match period_in_words(tr, p.period.as_deref(), p.date.as_deref(), today)? {
        Ok(chosen) => chosen,
        Err(problem) => {
            // The dashboard again, its report form as filled in.
            let again = DashboardParams {
                document: p.document,
                registered: p.registered,
                period: p.period.clone(),
                date: p.date.clone(),
            };
            let kept = ReportKept { problems: vec![problem], ..ReportKept::default() };
            return refused_report(&caller, &node, again, kept).await;
        }
    };
    let registered = match p.registered {
        Some(id) => Some(
            registered_report(&scoped, &node, id)
                .await?
                .map_err(|_| WebError::BadInput("tracking-register-not-report"))?,
        ),
        None => None,
    };
    let figures = report_figures(&scoped, &node, kind, period, today, p.document).await?;
    let file = report_file(tr, &node, &figures, format, today, registered.as_ref()).map_err(WebError::Print)?;
    Ok(report_download(file))
}

/// The type of a report in the register (D-NUM: báo cáo).
pub(crate) const REPORT_TYPE: &str = "BC";

/// The issuer of `kind`'s reports in the register: "TU" for a Tỉnh ủy,
/// "ĐU" for a Đảng ủy… ([`number_suffix`] without its "-BC/").
pub(crate) fn report_issuer(kind: daihoi_core::OrgKind) -> &'static str {
    number_suffix(kind).trim_start_matches("-BC/")
}

/// A document that is not a report of the organization's register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotItsReport;

/// The registered report `id` of `node`, through the reader's view: a
/// document the reader is cleared for (else `Forbidden`), which must be a
/// BC of `node`'s register (else [`NotItsReport`]); `NotFound` when there
/// is no such document.
pub(crate) async fn registered_report(
    scoped: &Scoped<'_>,
    node: &daihoi_store::orgs::OrgNode,
    id: i64,
) -> StoreResult<Result<Document, NotItsReport>> {
    let document = scoped
        .documents()
        .document(id)
        .await?
        .ok_or_else(|| daihoi_store::StoreError::NotFound(format!("document {id}")))?;
    if document.doc_type != REPORT_TYPE || document.org_id != Some(node.id) {
        return Ok(Err(NotItsReport));
    }
    Ok(Ok(document))
}

/// Why a page's form chose no period it can report on.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PeriodProblem {
    /// A kind the form does not offer.
    BadKind,
    /// A day that does not read as one, as typed.
    BadDate(String),
    Refused(PeriodRefusal),
}

/// The period a page's form chose: its kind and a day in it (today if
/// none), with both.
fn period_choice(
    kind: Option<&str>,
    day: Option<&str>,
    today: Date,
) -> Result<(PeriodKind, Date, Period), PeriodProblem> {
    let kind = report_kind(kind).ok_or(PeriodProblem::BadKind)?;
    let in_period = match day.map(str::trim).filter(|d| !d.is_empty()) {
        None => today,
        Some(text) => daihoi_core::date::from_iso(text)
            .or_else(|| daihoi_core::date::parse_date(text))
            .ok_or_else(|| PeriodProblem::BadDate(text.to_owned()))?,
    };
    let period = report_period(kind, in_period, today).map_err(PeriodProblem::Refused)?;
    Ok((kind, in_period, period))
}

/// A period the form chose, or its problem in words; a kind the form
/// does not offer is a 400 (the page did not send it).
fn period_in_words(
    tr: Tr,
    kind: Option<&str>,
    day: Option<&str>,
    today: Date,
) -> Result<Result<(PeriodKind, Date, Period), String>, WebError> {
    Ok(match period_choice(kind, day, today) {
        Ok(p) => Ok(p),
        Err(PeriodProblem::BadKind) => return Err(WebError::BadInput("task-form-bad-period")),
        Err(PeriodProblem::BadDate(text)) => Err(tr.t1("task-form-bad-date", "value", text)),
        Err(PeriodProblem::Refused(PeriodRefusal::NoSuchPeriod)) => Err(tr.t("task-form-no-such-period")),
        Err(PeriodProblem::Refused(PeriodRefusal::Future)) => Err(tr.t("tracking-report-future")),
    })
}

/// The next free number of `node`'s reports (BC) in its register for
/// `year` (the store counts every number of the register, whatever the
/// reader is cleared for: only the number is told).
pub(crate) async fn next_report_number(
    scoped: &Scoped<'_>,
    node: &daihoi_store::orgs::OrgNode,
    year: i32,
) -> StoreResult<u32> {
    scoped.documents().next_number(node, REPORT_TYPE, year).await
}

/// The title a report takes in the register: "Báo cáo tình hình thực hiện
/// nhiệm vụ (Quý IV năm 2026)", its heading in sentence case with its
/// period.
pub(crate) fn register_title(tr: Tr, period: &Period) -> String {
    let heading = tr.t("tracking-report-title").to_lowercase();
    let mut chars = heading.chars();
    let first: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
    format!("{first}{} ({})", chars.as_str(), period_label(tr, period))
}

/// Registers the report of `node` for `period` as an outgoing document
/// (vào sổ văn bản đi) in `node`'s register, through the register's facet
/// (who may: a writer of that register): a BC numbered `number`, or the
/// next free one for the year, issued `today`, titled by
/// [`register_title`]. D-NUM-5: the same number on the same day is
/// refused (`DuplicateDocument`).
pub(crate) async fn register_report(
    scoped: &Scoped<'_>,
    tr: Tr,
    node: &daihoi_store::orgs::OrgNode,
    period: &Period,
    number: Option<u32>,
    today: Date,
    address: &str,
) -> StoreResult<Document> {
    let number = match number {
        Some(n) => n,
        None => next_report_number(scoped, node, today.year()).await?,
    };
    let number_text = number.to_string();
    let title = register_title(tr, period);
    let new = daihoi_store::documents::NewDocument {
        doc_type: REPORT_TYPE,
        issuer: report_issuer(node.kind),
        number,
        number_text: &number_text,
        issued_on: today,
        title: &title,
        summary: "",
        classification: daihoi_store::documents::Classification::Normal,
        org: None,
    };
    scoped.documents().register_document(node, &new, address).await
}

/// The form that registers a report (the dashboard's report form).
#[derive(Debug, Default, Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    pub period: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    /// A number typed by the clerk; empty: the next free one.
    #[serde(default)]
    pub number: String,
}

/// Parses a number typed for the register: empty is `None` (the next free
/// one), else a whole number from 1.
pub(crate) fn typed_number(text: &str) -> Result<Option<u32>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<u32>().ok().filter(|n| *n > 0).map(Some).ok_or(())
}

/// `POST /orgs/{code}/tracking/report/register`: registers the report of
/// the period chosen as an outgoing document of the organization
/// ([`register_report`]), then back to the dashboard, whose report form
/// now downloads it with its number. A refusal shows the dashboard again
/// with what was typed and every problem named (422).
pub async fn register(
    caller: Caller,
    Path(code): Path<String>,
    axum::Form(form): axum::Form<RegisterForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let today = today();
    let node = crate::page::org_today(&caller, &code).await?;
    let scoped = caller.scoped();
    // Who may not register here is told so before anything typed is read.
    if !scoped.documents().writable_registers(today).await?.iter().any(|n| n.id == node.id) {
        return Err(WebError::Forbidden);
    }
    let mut problems = Vec::new();
    let chosen =
        period_in_words(tr, form.period.as_deref(), form.date.as_deref(), today)?.map_err(|p| problems.push(p)).ok();
    let number = typed_number(&form.number).map_err(|()| problems.push(tr.t("tracking-register-bad-number"))).ok();
    let refuse = |problems: Vec<String>| {
        let again =
            DashboardParams { period: form.period.clone(), date: form.date.clone(), ..DashboardParams::default() };
        let kept = ReportKept { register: true, number: form.number.clone(), problems };
        refused_report(&caller, &node, again, kept)
    };
    let (Some((kind, in_period, period)), Some(number), true) = (chosen, number, problems.is_empty()) else {
        return refuse(problems).await;
    };
    let document = match register_report(&scoped, tr, &node, &period, number, today, &caller.address).await {
        Ok(d) => d,
        Err(daihoi_store::StoreError::DuplicateDocument(_)) => {
            return refuse(vec![tr.t("tracking-register-duplicate")]).await;
        }
        Err(e) => return Err(e.into()),
    };
    let (code, _) = REPORT_KINDS.iter().find(|(_, k)| *k == kind).copied().unwrap_or(("quarterly", kind));
    let date = daihoi_core::date::iso(in_period);
    Ok(axum::response::Redirect::to(&format!(
        "/orgs/{}/tracking?registered={}&period={code}&date={date}#report",
        node.code, document.id
    ))
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
pub(crate) fn task_status_word(tr: Tr, key: &'static str, status: Option<DeadlineStatus>) -> String {
    match status {
        Some(DeadlineStatus::DoneLate { days }) => tr.t_count("status-done-late", days.unsigned_abs()),
        Some(DeadlineStatus::Overdue { days }) => tr.t_count("status-overdue", days.unsigned_abs()),
        Some(DeadlineStatus::DueSoon { days }) => tr.t_count("status-due-soon", days.unsigned_abs()),
        _ => tr.t(key),
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    /// T-4: with no day chosen, a report is of the latest period of its
    /// kind that has begun: in November, the 9-month report is January to
    /// September and the 6-month one January to June of the same year.
    #[test]
    fn the_default_period_is_the_latest_begun() {
        let nov = date!(2026 - 11 - 28);
        let p = latest_period(PeriodKind::NineMonths, nov).unwrap();
        assert_eq!((p.start, p.end), (date!(2026 - 01 - 01), date!(2026 - 09 - 30)));
        let p = latest_period(PeriodKind::HalfYear, nov).unwrap();
        assert_eq!((p.start, p.end), (date!(2026 - 01 - 01), date!(2026 - 06 - 30)));
        let p = latest_period(PeriodKind::Quarterly, nov).unwrap();
        assert_eq!((p.start, p.end), (date!(2026 - 10 - 01), date!(2026 - 12 - 31)));
        let p = latest_period(PeriodKind::NineMonths, date!(2026 - 09 - 30)).unwrap();
        assert_eq!(p.end, date!(2026 - 09 - 30), "a day inside is its own period");
        let p = latest_period(PeriodKind::HalfYear, date!(2026 - 07 - 01)).unwrap();
        assert_eq!(p.end, date!(2026 - 06 - 30));
        assert_eq!(latest_period(PeriodKind::Monthly, nov).unwrap().start, date!(2026 - 11 - 01));
    }

    /// The PDF's rows: those past their deadline first (longest past
    /// first), then the root's own; all rows when few.
    #[test]
    fn the_pdf_lists_the_late_tasks_then_the_roots_own() {
        assert_eq!(printed_rows(&[None, Some(date!(2026 - 01 - 01))], &[true, false]), None);
        let n = PDF_TASKS + 50;
        let mut late = vec![None; n];
        let mut own = vec![false; n];
        late[120] = Some(date!(2026 - 03 - 01));
        late[7] = Some(date!(2026 - 05 - 01));
        own[3] = true;
        own[120] = true;
        own[140] = true;
        assert_eq!(printed_rows(&late, &own), Some(vec![120, 7, 3, 140]));
        let late = vec![Some(date!(2026 - 03 - 01)); n];
        assert_eq!(printed_rows(&late, &own).unwrap().len(), PDF_TASKS);
    }
}
