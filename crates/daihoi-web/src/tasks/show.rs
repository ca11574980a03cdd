//! An implementation task (nhiệm vụ) with its timeline, its roll-up, its
//! sub-tasks and targets, and the forms the page offers (T-1…T-6): those
//! that add to its log are handled in `events.rs`, those that create
//! (cascade, target) in `create.rs`.

use askama::Template;
use askama_web::WebTemplate;
use daihoi_store::tasks::settings::TrackingSetting;
use daihoi_store::tasks::targets::StoredTarget;
use daihoi_store::tasks::{Task, TaskEvent, workflow_code};
use daihoi_tracking::status::status_under_every_reading;
use daihoi_tracking::{
    DeadlineStatus, Evaluation, EventKind, Period, PeriodKind, Progress, RollupMethod, StatusRules, Workflow,
};
use time::Date;

use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::page::Path;
use crate::page::{Nav, today};

use super::create::{CascadeValues, TargetValues};

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

pub(crate) const WORKFLOWS: [Workflow; 5] =
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

/// Why a task's roll-up (tiến độ tổng hợp) is not its own reported
/// progress, in words, when the two differ (T-2): the roll-up of a task
/// with sub-tasks is theirs, its own report does not count in it; and how
/// the sub-tasks that have not reported count (`unreported` of
/// `subtasks`). `None` when the two agree or there is no roll-up.
pub fn rollup_note(
    tr: Tr,
    own: Option<Progress>,
    rolled: Option<Progress>,
    subtasks: usize,
    unreported: usize,
    rule: Option<daihoi_tracking::Unreported>,
) -> Option<String> {
    if subtasks == 0 || own.map(Progress::percent) == rolled.map(Progress::percent) {
        return None;
    }
    let own = own.map_or_else(|| tr.t("task-not-reported"), |p| percent(tr, p.percent()));
    let mut note = tr.t_args("rollup-why", &[("count", subtasks.to_string()), ("own", own)]);
    if unreported > 0 {
        let key = match rule {
            Some(daihoi_tracking::Unreported::CountAsZero) => "rollup-why-unreported-zero",
            _ => "rollup-why-unreported-skip",
        };
        note.push(' ');
        note.push_str(&tr.t_count(key, u64::try_from(unreported).unwrap_or(u64::MAX)));
    }
    Some(note)
}

/// A short note beside a task's roll-up in a chart's label, when its own
/// reported progress differs: "tự báo cáo 30 %" (T-2).
pub fn own_progress_label(tr: Tr, own: Option<Progress>, rolled: Option<Progress>) -> Option<String> {
    if own.map(Progress::percent) == rolled.map(Progress::percent) {
        return None;
    }
    Some(match own {
        Some(p) => tr.t1("rollup-own-short", "percent", percent(tr, p.percent())),
        None => tr.t("task-not-reported"),
    })
}

/// A task's label in a chart of roll-ups (the dashboard's, the report's):
/// "QN.DH.QT · title", with its own reported progress when it differs
/// from the roll-up the bar draws.
pub fn chart_label(tr: Tr, org: &str, title: &str, own: Option<Progress>, rolled: Option<Progress>) -> String {
    match own_progress_label(tr, own, rolled) {
        Some(note) => format!("{org} · {title} ({note})"),
        None => format!("{org} · {title}"),
    }
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
    /// Its weight in this task's roll-up, as written.
    pub weight: Option<String>,
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

pub(crate) const PERIOD_KINDS: [(PeriodKind, &str); 5] = [
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
    /// Its receipt by its assignee's office: when and by whom, in words.
    received: Option<String>,
    /// The viewer may record its receipt (its assignee's office).
    may_receive: bool,
    /// Its weight in its parent's roll-up, as written.
    weight: Option<String>,
    /// Why the roll-up differs from the task's own progress.
    rollup_why: Option<String>,
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
    /// The event forms' values: empty, or as typed in the refused one.
    ev_report: super::events::EventForm,
    ev_urging: super::events::EventForm,
    ev_inspection: super::events::EventForm,
    /// The open sub-tasks a refused new deadline falls before (T-2),
    /// titles only where the viewer is cleared.
    late: Vec<daihoi_store::tasks::deadlines::LateSubtask>,
    /// A refused reading form: its target and what was typed.
    reading: Option<(i64, super::events::ReadingForm)>,
}

impl TaskPage {
    /// The reading form of target `id` as typed after a refusal, if it was that one.
    fn reading_of(&self, id: &i64) -> Option<&super::events::ReadingForm> {
        self.reading.as_ref().filter(|(t, _)| t == id).map(|(_, f)| f)
    }

    fn reading_on(&self, id: &i64) -> String {
        self.reading_of(id).map_or_else(|| self.today_iso.clone(), |f| f.on.clone())
    }

    fn reading_value(&self, id: &i64) -> String {
        self.reading_of(id).map(|f| f.value.clone()).unwrap_or_default()
    }

    fn reading_note(&self, id: &i64) -> String {
        self.reading_of(id).map(|f| f.note.clone()).unwrap_or_default()
    }
}

/// What the task page's forms keep after a refusal.
#[derive(Debug, Default)]
pub(super) struct Kept {
    pub(super) cascade: Option<CascadeValues>,
    pub(super) target: Option<TargetValues>,
    /// A refused event form, as typed.
    pub(super) event: Option<super::events::EventForm>,
    /// The open sub-tasks a refused new deadline falls before (T-2).
    pub(super) late: Vec<daihoi_store::tasks::deadlines::LateSubtask>,
    /// A refused reading form: its target and what was typed.
    pub(super) reading: Option<(i64, super::events::ReadingForm)>,
}

pub(super) async fn render(caller: &Caller, id: i64, problem: Option<String>) -> Result<TaskPage, WebError> {
    render_kept(caller, id, problem, Kept::default()).await
}

pub(super) async fn render_kept(
    caller: &Caller,
    id: i64,
    problem: Option<String>,
    kept: Kept,
) -> Result<TaskPage, WebError> {
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
    let mut rollup_why = None;
    let rollup = match rollup {
        Some(rules) => {
            let rolled = scoped.tasks().task_rollup(&task, &rules).await?;
            // The sub-tasks counted in it (withdrawn ones are not) that
            // have reported nothing and have no sub-tasks of their own.
            let unreported = rolled
                .children
                .iter()
                .filter(|c| {
                    c.children.is_empty() && subs.iter().any(|s| s.id.to_string() == c.id && s.progress.is_none())
                })
                .count();
            rollup_why = rollup_note(
                tr,
                task.progress.map(|(_, p)| p),
                rolled.progress,
                rolled.children.len(),
                unreported,
                Some(rules.unreported),
            );
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
            weight: s.weight.map(|w| decimal(tr, w.value())),
        })
        .collect();
    let targets = scoped.tasks().targets(&task).await?.iter().map(|t| target_block(tr, t, today)).collect();
    let mut events: Vec<EventLine> =
        scoped.tasks().task_events(&task).await?.iter().map(|e| event_line(tr, e)).collect();
    // Issue 14 §8: the log also says when the task was given, received,
    // and cascaded to each sub-task the viewer may read (kept on the
    // tasks themselves, not as entries of the log).
    let plain = |on: Date, key: &'static str, heading: String, by: String| EventLine {
        occurred_on: on,
        recorded_on: on,
        key,
        by,
        heading,
        text: String::new(),
        findings: Vec::new(),
        recommendations: Vec::new(),
        progress: None,
        new_deadline: None,
    };
    if let Some(on) = task.assigned_on {
        events.insert(0, plain(on, "event-given", task.org.to_string(), String::new()));
    }
    if let Some((at, by)) = &task.received {
        let on = time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339)
            .map(daihoi_core::date::date_in_vietnam)
            .ok();
        if let Some(on) = on {
            events.push(plain(on, "event-received", tr.moment(at), by.clone()));
        }
    }
    for s in &subs {
        if let Some(on) = s.assigned_on {
            events.push(plain(on, "event-cascaded", format!("{} · {}", s.org, s.title), String::new()));
        }
    }
    events.sort_by_key(|e| e.occurred_on);
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
    let mut ev_report = super::events::EventForm::default();
    let mut ev_urging = super::events::EventForm::default();
    let mut ev_inspection = super::events::EventForm::default();
    if let Some(form) = kept.event {
        match form.kind.as_str() {
            "report" | "progress" | "status" => ev_report = form,
            "urging" => ev_urging = form,
            _ => ev_inspection = form,
        }
    }
    for f in [&mut ev_report, &mut ev_inspection] {
        if f.occurred_on.trim().is_empty() {
            f.occurred_on = daihoi_core::date::iso(today);
        }
    }
    if ev_report.period_date.trim().is_empty() {
        ev_report.period_date = daihoi_core::date::iso(today);
    }
    let received = task.received.as_ref().map(|(at, by)| format!("{} · {by}", tr.moment(at)));
    let may_receive = assignee.as_ref().is_some_and(|n| scoped.tasks().may_receive(n));
    let weight = task.weight.map(|w| decimal(tr, w.value()));
    Ok(TaskPage {
        received,
        may_receive,
        weight,
        ev_report,
        ev_urging,
        ev_inspection,
        late: kept.late,
        reading: kept.reading,
        tr,
        nav: caller.nav(),
        document,
        org_name: assignee.as_ref().map_or_else(|| task.org.to_string(), |n| n.name.clone()),
        workflow: workflow_key(task.workflow),
        status: task_status(&task, status_rules.as_ref(), today),
        progress: task.progress.map(|(_, p)| percent(tr, p.percent())),
        setting,
        rollup,
        rollup_why,
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
