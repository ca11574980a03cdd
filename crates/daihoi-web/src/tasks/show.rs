//! An implementation task (nhiệm vụ) with its timeline, its roll-up, its
//! sub-tasks and targets, and the forms that add to its log (T-1…T-6): the
//! assignee's office reports, the office above urges, an inspection
//! commission records inspections and supervisions. Also the page where an
//! administrator chooses the \[open\] tracking rules for a subtree.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_core::OrgCode;
use daihoi_store::StoreError;
use daihoi_store::documents::Classification;
use daihoi_store::orgs::OrgNode;
use daihoi_store::tasks::create::{Cascade, TaskCreateRefusal};
use daihoi_store::tasks::settings::{TrackingRules, TrackingSetting};
use daihoi_store::tasks::targets::StoredTarget;
use daihoi_store::tasks::{NewTask, Task, TaskEvent, workflow_code};
use daihoi_tracking::status::status_under_every_reading;
use daihoi_tracking::{
    DeadlineDay, DeadlineStatus, Direction, Evaluation, Event, EventKind, Finding, Period, PeriodKind, Progress,
    Reading, RollupMethod, RollupRules, StatusRules, Target, TrackingError, Unreported, Weight, Workflow,
};
use serde::Deserialize;
use time::Date;

use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::page::Path;
use crate::page::{Nav, today};

/// The Fluent key of a workflow state.
pub fn workflow_key(w: Workflow) -> &'static str {
    match w {
        Workflow::Draft => "workflow-draft",
        Workflow::Assigned => "workflow-assigned",
        Workflow::InProgress => "workflow-in_progress",
        Workflow::Done => "workflow-done",
        Workflow::Cancelled => "workflow-cancelled",
    }
}

const WORKFLOWS: [Workflow; 5] =
    [Workflow::Draft, Workflow::Assigned, Workflow::InProgress, Workflow::Done, Workflow::Cancelled];

/// Where a task stands against its deadline, as a page shows it: a Fluent
/// key and the days it counts (late, overdue, left).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusShown {
    pub key: &'static str,
    pub days: u64,
    /// A class for the page's colours (`late`, `soon`, `ok`, `open`).
    pub class: &'static str,
}

fn shown(s: DeadlineStatus) -> StatusShown {
    let days = |d: i64| u64::try_from(d).unwrap_or(0);
    match s {
        DeadlineStatus::DoneOnTime => StatusShown { key: "status-done-on-time", days: 0, class: "ok" },
        DeadlineStatus::DoneLate { days: d } => StatusShown { key: "status-done-late", days: days(d), class: "late" },
        DeadlineStatus::NotDoneInTime => StatusShown { key: "status-not-done-in-time", days: 0, class: "late" },
        DeadlineStatus::Overdue { days: d } => StatusShown { key: "status-overdue", days: days(d), class: "late" },
        DeadlineStatus::DueSoon { days: d } => StatusShown { key: "status-due-soon", days: days(d), class: "soon" },
        DeadlineStatus::InProgress => StatusShown { key: "status-in-progress", days: 0, class: "ok" },
        DeadlineStatus::NoDeadline => StatusShown { key: "status-no-deadline", days: 0, class: "ok" },
        DeadlineStatus::DoneNoDeadline => StatusShown { key: "status-done-no-deadline", days: 0, class: "ok" },
    }
}

/// T-3 for a page: with the rules someone chose, or else only what every
/// reading agrees on ("undetermined" on the deadline day itself). A
/// cancelled task has no deadline view.
pub fn task_status(task: &Task, rules: Option<&StatusRules>, today: Date) -> StatusShown {
    if task.workflow == Workflow::Cancelled {
        return StatusShown { key: "status-cancelled", days: 0, class: "open" };
    }
    let at = Evaluation::Live { today };
    match rules {
        Some(rules) => shown(task.status(at, rules)),
        None => match status_under_every_reading(task.deadline, task.done_on, at) {
            Some(s) => shown(s),
            None => StatusShown { key: "status-undetermined", days: 0, class: "open" },
        },
    }
}

fn method_key(m: RollupMethod) -> &'static str {
    match m {
        RollupMethod::Reported => "rollup-reported",
        RollupMethod::Weighted => "rollup-weighted",
        RollupMethod::Average => "rollup-average",
        RollupMethod::MixedWeights => "rollup-mixed-weights",
        RollupMethod::ZeroWeights => "rollup-zero-weights",
        RollupMethod::Empty => "rollup-empty",
    }
}

/// A percentage as people read it ("42,5%" in vi, "42,5 %" in fr).
pub fn percent(tr: Tr, p: f64) -> String {
    tr.number_style().percent(p)
}

/// A number as people read it (decimal comma in vi and fr).
pub fn decimal(tr: Tr, v: f64) -> String {
    tr.number_style().number(v)
}

/// A sub-task as a line of the page.
pub struct SubtaskLine {
    pub id: i64,
    pub title: String,
    pub org: String,
    pub deadline: Option<Date>,
    pub status: StatusShown,
    pub progress: Option<String>,
}

/// One entry of the timeline.
pub struct EventLine {
    pub occurred_on: Date,
    pub recorded_on: Date,
    pub key: &'static str,
    /// Who, for urging, inspection and supervision.
    pub by: String,
    /// The report's period, or the workflow move, as words.
    pub heading: String,
    pub text: String,
    pub findings: Vec<String>,
    pub recommendations: Vec<String>,
    pub progress: Option<String>,
    pub new_deadline: Option<Date>,
}

fn period_key(k: PeriodKind) -> &'static str {
    match k {
        PeriodKind::Monthly => "period-monthly",
        PeriodKind::Quarterly => "period-quarterly",
        PeriodKind::HalfYear => "period-half_year",
        PeriodKind::NineMonths => "period-nine_months",
        PeriodKind::Annual => "period-annual",
    }
}

fn period_kind_key(k: PeriodKind) -> &'static str {
    match k {
        PeriodKind::Monthly => "period-kind-monthly",
        PeriodKind::Quarterly => "period-kind-quarterly",
        PeriodKind::HalfYear => "period-kind-half_year",
        PeriodKind::NineMonths => "period-kind-nine_months",
        PeriodKind::Annual => "period-kind-annual",
    }
}

const PERIOD_KINDS: [(PeriodKind, &str); 5] = [
    (PeriodKind::Monthly, "monthly"),
    (PeriodKind::Quarterly, "quarterly"),
    (PeriodKind::HalfYear, "half_year"),
    (PeriodKind::NineMonths, "nine_months"),
    (PeriodKind::Annual, "annual"),
];

/// A report's period in words: "Quý 3/2025", "Tháng 7/2025", "6 tháng đầu năm 2025".
pub fn period_label(tr: Tr, p: &Period) -> String {
    tr.t_args(period_key(p.kind), &[("index", p.index.to_string()), ("year", p.year.to_string())])
}

fn event_line(tr: Tr, e: &TaskEvent) -> EventLine {
    let ev = &e.event;
    let mut line = EventLine {
        occurred_on: ev.occurred_on,
        recorded_on: ev.recorded_on,
        key: "",
        by: String::new(),
        heading: String::new(),
        text: String::new(),
        findings: Vec::new(),
        recommendations: Vec::new(),
        progress: None,
        new_deadline: None,
    };
    match &ev.kind {
        EventKind::Report { period, summary, progress } => {
            line.key = "event-report";
            line.heading = period_label(tr, period);
            line.text = summary.clone();
            line.progress = progress.map(|p| percent(tr, p.percent()));
        }
        EventKind::Urging { by, note, new_deadline } => {
            line.key = "event-urging";
            line.by = by.clone();
            line.text = note.clone();
            line.new_deadline = *new_deadline;
        }
        EventKind::Inspection { by, findings, recommendations }
        | EventKind::Supervision { by, findings, recommendations } => {
            line.key =
                if matches!(ev.kind, EventKind::Inspection { .. }) { "event-inspection" } else { "event-supervision" };
            line.by = by.clone();
            line.findings = findings.iter().map(|f| f.text.clone()).collect();
            line.recommendations = recommendations.clone();
        }
        EventKind::StatusChange { from, to } => {
            line.key = "event-status";
            line.heading = format!("{} → {}", tr.t(workflow_key(*from)), tr.t(workflow_key(*to)));
        }
        EventKind::ProgressReported { progress } => {
            line.key = "event-progress";
            line.progress = Some(percent(tr, progress.percent()));
        }
    }
    line
}

/// A target with its standing today.
pub struct TargetBlock {
    pub id: i64,
    pub name: String,
    pub unit: String,
    pub baseline: String,
    pub target: String,
    pub lower_is_better: bool,
    pub latest: Option<String>,
    pub attainment: Option<String>,
    pub met: bool,
    pub readings: Vec<(Date, String, String, String)>,
}

fn target_block(tr: Tr, t: &StoredTarget, today: Date) -> TargetBlock {
    let target = t.series.target();
    let at = t.series.attainment_at(today);
    TargetBlock {
        id: t.id,
        name: t.name.clone(),
        unit: target.unit.clone(),
        baseline: decimal(tr, target.baseline),
        target: decimal(tr, target.target),
        lower_is_better: target.direction == daihoi_tracking::Direction::LowerIsBetter,
        latest: at.map(|a| decimal(tr, a.reading.value)),
        attainment: at.map(|a| percent(tr, a.progress.percent())),
        met: at.is_some_and(|a| a.met),
        readings: t
            .series
            .readings()
            .iter()
            .zip(&t.notes)
            .map(|(r, n)| (r.on, decimal(tr, r.value), n.note.clone(), n.recorded_by.clone()))
            .collect(),
    }
}

/// Which forms the page offers the user.
#[derive(Debug, Default, Clone, Copy)]
pub struct Allowed {
    pub report: bool,
    pub urging: bool,
    pub inspection: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "task.html")]
pub struct TaskPage {
    tr: Tr,
    nav: Nav,
    task: Task,
    document: Option<(i64, String, String)>,
    org_name: String,
    workflow: &'static str,
    status: StatusShown,
    /// The rules that applied, or `None` (a notice says nobody chose them).
    setting: Option<TrackingSetting>,
    progress: Option<String>,
    rollup: Option<(String, &'static str)>,
    subtasks: Vec<SubtaskLine>,
    targets: Vec<TargetBlock>,
    events: Vec<EventLine>,
    allowed: Allowed,
    /// The workflow moves offered: (code, key).
    moves: Vec<(&'static str, &'static str)>,
    periods: Vec<(&'static str, &'static str)>,
    today_iso: String,
    problem: Option<String>,
    /// The organizations the task may be cascaded to (empty: no form),
    /// each with whether it is ticked.
    cascade_orgs: Vec<(crate::orgs::pages::OrgLine, bool)>,
    cascade: CascadeValues,
    /// The "add a target" form is offered.
    may_add_target: bool,
    target_form: TargetValues,
}

/// What the task page's create forms keep after a refusal.
#[derive(Debug, Default)]
struct Kept {
    cascade: Option<CascadeValues>,
    target: Option<TargetValues>,
}

async fn render(caller: &Caller, id: i64, problem: Option<String>) -> Result<TaskPage, WebError> {
    render_kept(caller, id, problem, Kept::default()).await
}

async fn render_kept(caller: &Caller, id: i64, problem: Option<String>, kept: Kept) -> Result<TaskPage, WebError> {
    let tr = caller.tr;
    let today = today();
    let scoped = caller.scoped();
    let task = scoped.tasks().task(id, today).await?.ok_or(WebError::NotFound)?;
    let document = match scoped.documents().document(task.document_id).await {
        Ok(Some(d)) => Some((d.id, d.number_label(), d.title.clone())),
        _ => None,
    };
    let assignee = scoped.orgs().org_by_id(task.org_id, today).await?;
    let setting = match &assignee {
        Some(node) => scoped.tasks().tracking_setting(node, today).await?,
        None => None,
    };
    let status_rules = setting.as_ref().map(|s| s.rules.status);
    let subs = scoped.tasks().subtasks(&task, today).await?;
    let rollup = if subs.is_empty() {
        None
    } else {
        // The roll-up needs the [open] rule on unreported sub-tasks.
        setting.as_ref().map(|s| s.rules.rollup)
    };
    let rollup = match rollup {
        Some(rules) => {
            let rolled = scoped.tasks().task_rollup(&task, &rules).await?;
            Some((
                rolled.progress.map_or_else(|| "—".to_owned(), |p| percent(tr, p.percent())),
                method_key(rolled.method),
            ))
        }
        None => None,
    };
    let subtasks = subs
        .iter()
        .map(|s| SubtaskLine {
            id: s.id,
            title: s.title.clone(),
            org: s.org.to_string(),
            deadline: s.deadline,
            status: task_status(s, status_rules.as_ref(), today),
            progress: s.progress.map(|(_, p)| percent(tr, p.percent())),
        })
        .collect();
    let targets = scoped.tasks().targets(&task).await?.iter().map(|t| target_block(tr, t, today)).collect();
    let mut events: Vec<EventLine> =
        scoped.tasks().task_events(&task).await?.iter().map(|e| event_line(tr, e)).collect();
    events.reverse();
    let allowed = Allowed {
        report: scoped
            .tasks()
            .may_record(&task, &EventKind::ProgressReported { progress: Progress::ZERO }, today)
            .await?,
        urging: scoped
            .tasks()
            .may_record(&task, &EventKind::Urging { by: String::new(), note: String::new(), new_deadline: None }, today)
            .await?,
        inspection: scoped
            .tasks()
            .may_record(
                &task,
                &EventKind::Inspection { by: String::new(), findings: Vec::new(), recommendations: Vec::new() },
                today,
            )
            .await?,
    };
    let cascade_orgs: Vec<(crate::orgs::pages::OrgLine, bool)> = scoped
        .tasks()
        .cascade_targets(&task, today)
        .await?
        .iter()
        .map(|n| {
            let ticked = kept.cascade.as_ref().is_some_and(|c| c.orgs.iter().any(|o| *o == n.code.as_str()));
            (crate::orgs::pages::OrgLine::from(n), ticked)
        })
        .collect();
    let cascade = kept.cascade.unwrap_or_else(|| CascadeValues {
        deadline: task.deadline.map(daihoi_core::date::iso).unwrap_or_default(),
        ..CascadeValues::default()
    });
    let may_add_target = scoped.tasks().may_add_target(&task, today).await?;
    let target_form =
        kept.target.unwrap_or_else(|| TargetValues { direction: "higher".into(), ..TargetValues::default() });
    let moves = WORKFLOWS
        .into_iter()
        .filter(|w| task.workflow.can_move_to(*w))
        .map(|w| (workflow_code(w), workflow_key(w)))
        .collect();
    Ok(TaskPage {
        tr,
        nav: caller.nav(),
        document,
        org_name: assignee.as_ref().map_or_else(|| task.org.to_string(), |n| n.name.clone()),
        workflow: workflow_key(task.workflow),
        status: task_status(&task, status_rules.as_ref(), today),
        progress: task.progress.map(|(_, p)| percent(tr, p.percent())),
        setting,
        rollup,
        subtasks,
        targets,
        events,
        allowed,
        moves,
        periods: PERIOD_KINDS.iter().map(|(k, code)| (*code, period_kind_key(*k))).collect(),
        today_iso: daihoi_core::date::iso(today),
        problem,
        cascade_orgs,
        cascade,
        may_add_target,
        target_form,
        task,
    })
}

/// `GET /tasks/{id}`
pub async fn show(caller: Caller, Path(id): Path<i64>) -> Result<TaskPage, WebError> {
    render(&caller, id, None).await
}

/// The fields of the forms that add to a task's log; `kind` says which.
#[derive(Debug, Default, Deserialize)]
pub struct EventForm {
    pub kind: String,
    #[serde(default)]
    pub occurred_on: String,
    #[serde(default)]
    pub period: String,
    #[serde(default)]
    pub period_date: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub progress: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub by: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub new_deadline: String,
    #[serde(default)]
    pub findings: String,
    #[serde(default)]
    pub recommendations: String,
}

/// A refusal of a form, as a Fluent key and its arguments.
struct Refusal {
    key: &'static str,
    args: Vec<(&'static str, String)>,
}

impl Refusal {
    fn new(key: &'static str) -> Refusal {
        Refusal { key, args: Vec::new() }
    }

    fn text(&self, tr: Tr) -> String {
        let args: Vec<(&str, String)> = self.args.iter().map(|(k, v)| (*k, v.clone())).collect();
        tr.t_args(self.key, &args)
    }
}

fn parse_day(text: &str, missing: &'static str) -> Result<Date, Refusal> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Refusal::new(missing));
    }
    daihoi_core::date::from_iso(text)
        .or_else(|| daihoi_core::date::parse_date(text))
        .ok_or(Refusal { key: "task-form-bad-date", args: vec![("value", text.to_owned())] })
}

fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim().trim_end_matches('%').trim().replace(',', ".");
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn parse_progress(text: &str) -> Result<Option<Progress>, Refusal> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_number(text)
        .and_then(|v| Progress::new(v).ok())
        .map(Some)
        .ok_or(Refusal { key: "task-form-bad-progress", args: vec![("value", text.trim().to_owned())] })
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// The event a form describes, recorded today.
fn event_from(form: &EventForm, task: &Task, today: Date) -> Result<Event, Refusal> {
    let occurred_on = if form.occurred_on.trim().is_empty() { today } else { parse_day(&form.occurred_on, "")? };
    let kind = match form.kind.as_str() {
        "report" => {
            let kind = PERIOD_KINDS
                .iter()
                .find(|(_, code)| *code == form.period)
                .map(|(k, _)| *k)
                .ok_or(Refusal::new("task-form-bad-period"))?;
            let in_period = if form.period_date.trim().is_empty() {
                occurred_on
            } else {
                parse_day(&form.period_date, "task-form-bad-period")?
            };
            let period = Period::containing(kind, in_period).ok_or(Refusal::new("task-form-no-such-period"))?;
            let summary = form.summary.trim().to_owned();
            if summary.is_empty() {
                return Err(Refusal::new("task-form-summary-missing"));
            }
            EventKind::Report { period, summary, progress: parse_progress(&form.progress)? }
        }
        "progress" => EventKind::ProgressReported {
            progress: parse_progress(&form.progress)?.ok_or(Refusal::new("task-form-progress-missing"))?,
        },
        "status" => {
            let to = WORKFLOWS
                .into_iter()
                .find(|w| workflow_code(*w) == form.to)
                .ok_or(Refusal::new("task-form-bad-status"))?;
            EventKind::StatusChange { from: task.workflow, to }
        }
        "urging" => {
            let by = form.by.trim().to_owned();
            if by.is_empty() {
                return Err(Refusal::new("task-form-by-missing"));
            }
            let new_deadline =
                if form.new_deadline.trim().is_empty() { None } else { Some(parse_day(&form.new_deadline, "")?) };
            EventKind::Urging { by, note: form.note.trim().to_owned(), new_deadline }
        }
        "inspection" | "supervision" => {
            let by = form.by.trim().to_owned();
            if by.is_empty() {
                return Err(Refusal::new("task-form-by-missing"));
            }
            let findings: Vec<Finding> = lines(&form.findings).into_iter().map(|text| Finding { text }).collect();
            if findings.is_empty() {
                return Err(Refusal::new("task-form-findings-missing"));
            }
            let recommendations = lines(&form.recommendations);
            if form.kind == "inspection" {
                EventKind::Inspection { by, findings, recommendations }
            } else {
                EventKind::Supervision { by, findings, recommendations }
            }
        }
        _ => return Err(Refusal::new("task-form-bad-kind")),
    };
    Ok(Event { occurred_on, recorded_on: today, kind })
}

/// A refusal of the tracking rules, in words (T-2…T-5).
fn tracking_refusal(tr: Tr, e: &TrackingError) -> Refusal {
    let d = |d: &Date| tr.date(*d);
    match e {
        TrackingError::ProgressOutOfRange(_) => Refusal::new("task-form-bad-progress-range"),
        TrackingError::RecordedBackInTime { last, .. } => {
            Refusal { key: "tracking-refused-recorded-back", args: vec![("last", d(last))] }
        }
        TrackingError::OccursAfterRecorded { .. } => Refusal::new("tracking-refused-future"),
        TrackingError::ReportBeforePeriod { start, .. } => {
            Refusal { key: "tracking-refused-report-before-period", args: vec![("start", d(start))] }
        }
        TrackingError::ReadingBackInTime { last, .. } => {
            Refusal { key: "tracking-refused-reading-back", args: vec![("last", d(last))] }
        }
        TrackingError::StatusChangeFromWrongState { .. } => Refusal::new("tracking-refused-wrong-state"),
        TrackingError::StatusChangeNotAllowed { .. } => Refusal::new("tracking-refused-move"),
        _ => Refusal::new("tracking-refused-other"),
    }
}

fn refused(tr: Tr, e: StoreError) -> Result<String, WebError> {
    match e {
        StoreError::Tracking(t) => Ok(tracking_refusal(tr, &t).text(tr)),
        other => Err(other.into()),
    }
}

async fn refused_page(caller: &Caller, id: i64, problem: String) -> Result<Response, WebError> {
    let page = render(caller, id, Some(problem)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST /tasks/{id}/events`: adds a report, a progress, a status change,
/// an urging, an inspection or a supervision to the task's log.
pub async fn record(caller: Caller, Path(id): Path<i64>, Form(form): Form<EventForm>) -> Result<Response, WebError> {
    let today = today();
    let scoped = caller.scoped();
    let task = scoped.tasks().task(id, today).await?.ok_or(WebError::NotFound)?;
    let event = match event_from(&form, &task, today) {
        Ok(e) => e,
        Err(r) => return refused_page(&caller, id, r.text(caller.tr)).await,
    };
    match scoped.tasks().record_event(&task, &event, &caller.address).await {
        Ok(_) => Ok(Redirect::to(&format!("/tasks/{id}#log")).into_response()),
        Err(e) => {
            let problem = refused(caller.tr, e)?;
            refused_page(&caller, id, problem).await
        }
    }
}

/// A target's new reading.
#[derive(Debug, Default, Deserialize)]
pub struct ReadingForm {
    #[serde(default)]
    pub on: String,
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub note: String,
}

/// `POST /tasks/{id}/targets/{target}/readings` (T-5).
pub async fn reading(
    caller: Caller,
    Path((id, target)): Path<(i64, i64)>,
    Form(form): Form<ReadingForm>,
) -> Result<Response, WebError> {
    let today = today();
    let scoped = caller.scoped();
    let task = scoped.tasks().task(id, today).await?.ok_or(WebError::NotFound)?;
    let on = if form.on.trim().is_empty() { Ok(today) } else { parse_day(&form.on, "") };
    let on = match on {
        Ok(on) if on <= today => on,
        Ok(_) => return refused_page(&caller, id, caller.tr.t("tracking-refused-future")).await,
        Err(r) => return refused_page(&caller, id, r.text(caller.tr)).await,
    };
    let Some(value) = parse_number(&form.value) else {
        let r = Refusal { key: "task-form-bad-number", args: vec![("value", form.value.trim().to_owned())] };
        return refused_page(&caller, id, r.text(caller.tr)).await;
    };
    match scoped.tasks().record_reading(&task, target, Reading { on, value }, &form.note, &caller.address).await {
        Ok(()) => Ok(Redirect::to(&format!("/tasks/{id}#targets")).into_response()),
        Err(e) => {
            let problem = refused(caller.tr, e)?;
            refused_page(&caller, id, problem).await
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "tracking_settings.html")]
pub struct SettingsPage {
    tr: Tr,
    nav: Nav,
    org: crate::orgs::pages::OrgLine,
    setting: Option<TrackingSetting>,
    /// The setting is the organization's own (not inherited from above).
    own: bool,
    /// The name of the organization above whose choice applies.
    from_org: Option<String>,
    may_choose: bool,
    saved: bool,
    problem: Option<String>,
}

impl SettingsPage {
    fn deadline_day_is(&self, code: &str) -> bool {
        match &self.setting {
            Some(s) => daihoi_store::tasks::settings::deadline_day_code(s.rules.status.deadline_day) == code,
            None => false,
        }
    }

    fn unreported_is(&self, code: &str) -> bool {
        match &self.setting {
            Some(s) => daihoi_store::tasks::settings::unreported_code(s.rules.rollup.unreported) == code,
            None => false,
        }
    }

    fn window(&self) -> String {
        self.setting.as_ref().map(|s| s.rules.status.due_soon_window.to_string()).unwrap_or_default()
    }
}

async fn settings_page(
    caller: &Caller,
    node: &OrgNode,
    saved: bool,
    problem: Option<String>,
) -> Result<SettingsPage, WebError> {
    let scoped = caller.scoped();
    let setting = scoped.tasks().tracking_setting(node, today()).await?;
    let own = setting.as_ref().is_some_and(|s| s.org_id == node.id);
    let from_org = setting.as_ref().filter(|_| !own).map(|s| s.org_name.clone());
    Ok(SettingsPage {
        tr: caller.tr,
        nav: caller.nav(),
        org: node.into(),
        own,
        from_org,
        setting,
        may_choose: scoped.tasks().may_choose_tracking_rules(node),
        saved,
        problem,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct SavedParam {
    pub saved: Option<String>,
}

/// `GET /orgs/{code}/tracking/settings`: the [open] rules that apply to the
/// subtree, who chose them, and (for its administrators) the form.
pub async fn settings(
    caller: Caller,
    Path(code): Path<String>,
    axum::extract::Query(p): axum::extract::Query<SavedParam>,
) -> Result<SettingsPage, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    settings_page(&caller, &node, p.saved.is_some(), None).await
}

#[derive(Debug, Default, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    pub deadline_day: String,
    #[serde(default)]
    pub due_soon_days: String,
    #[serde(default)]
    pub unreported: String,
}

/// `POST /orgs/{code}/tracking/settings`: an administrator's choice. Every
/// field must be chosen: nothing is filled in for them.
pub async fn save_settings(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<SettingsForm>,
) -> Result<Response, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    let deadline_day = match form.deadline_day.as_str() {
        "by" => Some(DeadlineDay::CountsAsOnTime),
        "before" => Some(DeadlineDay::CountsAsLate),
        _ => None,
    };
    let unreported = match form.unreported.as_str() {
        "zero" => Some(Unreported::CountAsZero),
        "skip" => Some(Unreported::Skip),
        _ => None,
    };
    let window = form.due_soon_days.trim().parse::<u32>().ok().filter(|w| *w <= 366);
    let (Some(deadline_day), Some(unreported), Some(due_soon_window)) = (deadline_day, unreported, window) else {
        let page = settings_page(&caller, &node, false, Some(caller.tr.t("tracking-settings-incomplete"))).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let rules =
        TrackingRules { status: StatusRules { due_soon_window, deadline_day }, rollup: RollupRules { unreported } };
    caller.scoped().tasks().set_tracking_rules(&node, &rules, &caller.address).await?;
    Ok(Redirect::to(&format!("/orgs/{}/tracking/settings?saved=1", node.code)).into_response())
}

// Creating tasks on the web: a new task from a document (T-1), a cascade to
// the organizations below (T-2), a target (T-5). The store checks who may
// (`daihoi_store::tasks::create`); refusals the user can act on are shown in
// words in the page, which keeps what was typed.

const LEVELS: [Classification; 3] = [Classification::Normal, Classification::Confidential, Classification::Secret];

/// The classifications a form offers: up to the user's clearance (T-6).
fn classifications(caller: &Caller) -> Vec<(&'static str, &'static str)> {
    LEVELS
        .into_iter()
        .filter(|c| *c <= caller.scoped().clearance())
        .map(|c| (c.code(), classification_key(c)))
        .collect()
}

pub(crate) fn classification_key(c: Classification) -> &'static str {
    match c {
        Classification::Normal => "classification-normal",
        Classification::Confidential => "classification-confidential",
        Classification::Secret => "classification-secret",
    }
}

/// A refusal of the store in words, or the error page for the others
/// (forbidden, not found, a database failure).
fn create_refusal(tr: Tr, e: StoreError) -> Result<String, WebError> {
    let r = |key: &'static str, args: Vec<(&'static str, String)>| Refusal { key, args }.text(tr);
    Ok(match e {
        StoreError::TaskRefused(refusal) => match refusal {
            TaskCreateRefusal::EmptyTitle => r("task-new-refused-title", vec![]),
            TaskCreateRefusal::AboveClearance(level) => {
                let level =
                    Classification::from_code(level).map_or_else(|| level.to_owned(), |c| tr.t(classification_key(c)));
                r("task-new-refused-clearance", vec![("level", level)])
            }
            TaskCreateRefusal::OutsideParentSubtree { org, parent_org } => {
                r("task-new-refused-outside-parent", vec![("org", org.to_string()), ("parent", parent_org.to_string())])
            }
            TaskCreateRefusal::NotBelowParent(org) => r("task-new-refused-not-below", vec![("org", org.to_string())]),
            TaskCreateRefusal::DeadlineAfterParent { deadline, parent_deadline } => r(
                "task-new-refused-deadline",
                vec![("deadline", tr.date(deadline)), ("parent", tr.date(parent_deadline))],
            ),
            TaskCreateRefusal::NoOrganization => r("task-new-refused-no-org", vec![]),
            TaskCreateRefusal::DuplicateOrganization(org) => {
                r("task-new-refused-twice", vec![("org", org.to_string())])
            }
        },
        StoreError::UnknownOrg(code) => r("task-new-refused-unknown-org", vec![("org", code.to_string())]),
        StoreError::OrgNotOnDate { code, date } => {
            r("task-new-refused-org-ended", vec![("org", code.to_string()), ("date", tr.date(date))])
        }
        StoreError::Tracking(t) => tracking_refusal(tr, &t).text(tr),
        StoreError::BadTask(detail) => r("task-new-refused-other", vec![("detail", detail)]),
        other => return Err(other.into()),
    })
}

fn parse_weight(text: &str) -> Result<Option<Weight>, Refusal> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_number(text)
        .and_then(|v| Weight::new(v).ok())
        .map(Some)
        .ok_or(Refusal { key: "task-new-refused-weight", args: vec![("value", text.trim().to_owned())] })
}

fn parse_optional_day(text: &str) -> Result<Option<Date>, Refusal> {
    if text.trim().is_empty() { Ok(None) } else { parse_day(text, "").map(Some) }
}

/// `?document=…&org=…`: what the new task form starts with.
#[derive(Debug, Default, Deserialize)]
pub struct NewTaskQuery {
    pub document: Option<String>,
    pub org: Option<String>,
}

/// The new task form's fields, kept as typed.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct TaskValues {
    #[serde(default)]
    pub document: String,
    #[serde(default)]
    pub clause: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub org: String,
    #[serde(default)]
    pub deadline: String,
    #[serde(default)]
    pub weight: String,
    #[serde(default)]
    pub classification: String,
}

/// A document the form offers: (id, number, date, title).
pub struct DocumentChoice {
    pub id: String,
    pub number: String,
    pub issued_on: Date,
    pub title: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "task_new.html")]
pub struct NewTaskPage {
    tr: Tr,
    nav: Nav,
    documents: Vec<DocumentChoice>,
    orgs: Vec<crate::orgs::pages::OrgLine>,
    classifications: Vec<(&'static str, &'static str)>,
    form: TaskValues,
    problem: Option<String>,
}

/// The most documents the form lists (newest first).
const MOST_DOCUMENTS: u32 = 500;

async fn new_task_page(caller: &Caller, form: TaskValues, problem: Option<String>) -> Result<NewTaskPage, WebError> {
    let scoped = caller.scoped();
    let orgs = scoped.tasks().assignable_orgs(today()).await?;
    if orgs.is_empty() {
        return Err(WebError::Forbidden);
    }
    let mut found = scoped.documents().search_documents("", MOST_DOCUMENTS).await?;
    // A document named in the link is offered even when older than the list.
    if let Ok(id) = form.document.trim().parse::<i64>()
        && !found.iter().any(|d| d.id == id)
        && let Ok(Some(d)) = scoped.documents().document(id).await
    {
        found.insert(0, d);
    }
    let documents = found
        .iter()
        .map(|d| DocumentChoice {
            id: d.id.to_string(),
            number: d.number_label(),
            issued_on: d.issued_on,
            title: d.title.clone(),
        })
        .collect();
    Ok(NewTaskPage {
        tr: caller.tr,
        nav: caller.nav(),
        documents,
        orgs: orgs.iter().map(crate::orgs::pages::OrgLine::from).collect(),
        classifications: classifications(caller),
        form,
        problem,
    })
}

/// `GET /tasks/new?document=…&org=…`: the form to give a task (T-1), for
/// those who write somewhere.
pub async fn new_form(
    caller: Caller,
    axum::extract::Query(q): axum::extract::Query<NewTaskQuery>,
) -> Result<NewTaskPage, WebError> {
    let form = TaskValues {
        document: q.document.unwrap_or_default(),
        org: q.org.unwrap_or_default(),
        classification: Classification::Normal.code().to_owned(),
        ..TaskValues::default()
    };
    new_task_page(&caller, form, None).await
}

fn task_from<'a>(form: &'a TaskValues, org: &'a OrgCode, today: Date) -> Result<NewTask<'a>, Refusal> {
    let document_id = form.document.trim().parse::<i64>().map_err(|_| Refusal::new("task-new-refused-document"))?;
    if form.title.trim().is_empty() {
        return Err(Refusal::new("task-new-refused-title"));
    }
    let classification = LEVELS
        .into_iter()
        // Not chosen: unclassified.
        .find(|c| {
            form.classification.trim().is_empty() && *c == Classification::Normal
                || c.code() == form.classification.trim()
        })
        .ok_or(Refusal::new("task-new-refused-classification"))?;
    Ok(NewTask {
        document_id,
        clause: &form.clause,
        title: &form.title,
        org,
        parent: None,
        weight: parse_weight(&form.weight)?,
        deadline: parse_optional_day(&form.deadline)?,
        external_id: None,
        classification,
        assigned_on: today,
    })
}

async fn refused_new(caller: &Caller, form: TaskValues, problem: String) -> Result<Response, WebError> {
    let page = new_task_page(caller, form, Some(problem)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn refused_cascade(
    caller: &Caller,
    id: i64,
    values: CascadeValues,
    problem: String,
) -> Result<Response, WebError> {
    let kept = Kept { cascade: Some(values), target: None };
    let page = render_kept(caller, id, Some(problem), kept).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn refused_target(caller: &Caller, id: i64, values: TargetValues, problem: String) -> Result<Response, WebError> {
    let kept = Kept { cascade: None, target: Some(values) };
    let page = render_kept(caller, id, Some(problem), kept).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST /tasks`: gives the task, then shows its page.
pub async fn create(caller: Caller, Form(form): Form<TaskValues>) -> Result<Response, WebError> {
    let today = today();
    let Ok(org) = OrgCode::parse(form.org.trim()) else {
        let problem = Refusal::new("task-new-refused-org").text(caller.tr);
        return refused_new(&caller, form, problem).await;
    };
    let new = match task_from(&form, &org, today) {
        Ok(new) => new,
        Err(r) => {
            let problem = r.text(caller.tr);
            return refused_new(&caller, form, problem).await;
        }
    };
    match caller.scoped().tasks().create_task(&new, &caller.address).await {
        Ok(task) => Ok(Redirect::to(&format!("/tasks/{}", task.id)).into_response()),
        Err(e) => {
            let problem = create_refusal(caller.tr, e)?;
            refused_new(&caller, form, problem).await
        }
    }
}

/// The cascade form's fields, kept as typed.
#[derive(Debug, Default, Clone)]
pub struct CascadeValues {
    pub orgs: Vec<String>,
    pub title: String,
    pub deadline: String,
    pub weight: String,
}

impl CascadeValues {
    /// From a form body: `org` may repeat (one checkbox each).
    fn from_body(body: &[u8]) -> Result<CascadeValues, WebError> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(body).map_err(|_| WebError::BadInput("task-form-bad-kind"))?;
        let mut v = CascadeValues::default();
        for (k, value) in pairs {
            match k.as_str() {
                "org" => v.orgs.push(value),
                "title" => v.title = value,
                "deadline" => v.deadline = value,
                "weight" => v.weight = value,
                _ => {}
            }
        }
        Ok(v)
    }
}

/// `POST /tasks/{id}/cascade` (T-2): one sub-task per ticked organization,
/// all or none.
pub async fn cascade(
    caller: Caller,
    Path(id): Path<i64>,
    axum::extract::RawForm(body): axum::extract::RawForm,
) -> Result<Response, WebError> {
    let today = today();
    let scoped = caller.scoped();
    let task = scoped.tasks().task(id, today).await?.ok_or(WebError::NotFound)?;
    let values = CascadeValues::from_body(&body)?;
    let mut orgs = Vec::with_capacity(values.orgs.len());
    for o in &values.orgs {
        match OrgCode::parse(o.trim()) {
            Ok(code) => orgs.push(code),
            Err(_) => {
                let problem = Refusal { key: "task-new-refused-unknown-org", args: vec![("org", o.clone())] };
                return refused_cascade(&caller, id, values.clone(), problem.text(caller.tr)).await;
            }
        }
    }
    let parsed = parse_optional_day(&values.deadline).and_then(|d| Ok((d, parse_weight(&values.weight)?)));
    let (deadline, weight) = match parsed {
        Ok(x) => x,
        Err(r) => return refused_cascade(&caller, id, values.clone(), r.text(caller.tr)).await,
    };
    let c = Cascade { orgs: &orgs, title: &values.title, deadline, weight, assigned_on: today };
    match scoped.tasks().cascade_task(&task, &c, &caller.address).await {
        Ok(_) => Ok(Redirect::to(&format!("/tasks/{id}#subtasks")).into_response()),
        Err(e) => {
            let problem = create_refusal(caller.tr, e)?;
            refused_cascade(&caller, id, values, problem).await
        }
    }
}

/// The target form's fields, kept as typed.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct TargetValues {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub baseline: String,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub direction: String,
}

fn target_from(v: &TargetValues) -> Result<Target, Refusal> {
    if v.name.trim().is_empty() {
        return Err(Refusal::new("target-new-refused-name"));
    }
    let number = |text: &str| {
        parse_number(text).ok_or(Refusal { key: "task-form-bad-number", args: vec![("value", text.trim().to_owned())] })
    };
    let (baseline, target) = (number(&v.baseline)?, number(&v.target)?);
    let direction = match v.direction.as_str() {
        "higher" => Direction::HigherIsBetter,
        "lower" => Direction::LowerIsBetter,
        _ => return Err(Refusal::new("target-new-refused-direction")),
    };
    Target::new(v.unit.trim(), baseline, target, direction).map_err(|_| {
        let key = match direction {
            Direction::HigherIsBetter => "target-new-refused-higher",
            Direction::LowerIsBetter => "target-new-refused-lower",
        };
        Refusal { key, args: vec![("baseline", v.baseline.trim().to_owned()), ("target", v.target.trim().to_owned())] }
    })
}

/// `POST /tasks/{id}/targets` (T-5): a new target of the task.
pub async fn add_target(
    caller: Caller,
    Path(id): Path<i64>,
    Form(values): Form<TargetValues>,
) -> Result<Response, WebError> {
    let today = today();
    let scoped = caller.scoped();
    let task = scoped.tasks().task(id, today).await?.ok_or(WebError::NotFound)?;
    if !scoped.tasks().may_add_target(&task, today).await? {
        return Err(WebError::Forbidden);
    }
    let target = match target_from(&values) {
        Ok(t) => t,
        Err(r) => return refused_target(&caller, id, values.clone(), r.text(caller.tr)).await,
    };
    match scoped.tasks().create_target(&task, &values.name, target, today, &caller.address).await {
        Ok(_) => Ok(Redirect::to(&format!("/tasks/{id}#targets")).into_response()),
        Err(e) => {
            let problem = create_refusal(caller.tr, e)?;
            refused_target(&caller, id, values, problem).await
        }
    }
}
