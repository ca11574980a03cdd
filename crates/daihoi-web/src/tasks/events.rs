//! The forms that add to a task's log (T-4): the assignee's office reports
//! progress and changes the state, the office above urges, an inspection
//! commission records inspections and supervisions; and a target's new
//! reading (T-5).

use axum::Form;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_store::StoreError;
use daihoi_store::tasks::{Task, workflow_code};
use daihoi_tracking::{Event, EventKind, Finding, Period, Progress, Reading, TrackingError};
use serde::Deserialize;
use time::Date;

use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::page::Path;
use crate::page::today;

use super::show::{Kept, PERIOD_KINDS, WORKFLOWS, render_kept};

/// The fields of the forms that add to a task's log; `kind` says which.
#[derive(Debug, Default, Clone, Deserialize)]
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
    /// `urging` with a new deadline: "on" moves the open sub-tasks whose
    /// deadline is after it to it, in the same change (T-2).
    #[serde(default)]
    pub move_subtasks: String,
}

/// The note of the urging that moves a sub-task's deadline with its
/// parent's (stored in the sub-task's log, in the committee's language).
pub(crate) fn moved_with_parent_note(parent: i64) -> String {
    format!("Dời hạn theo hạn mới của nhiệm vụ cấp trên (nhiệm vụ số {parent}).")
}

/// A refusal of a form, as a Fluent key and its arguments.
pub(super) struct Refusal {
    pub(super) key: &'static str,
    pub(super) args: Vec<(&'static str, String)>,
}

impl Refusal {
    pub(super) fn new(key: &'static str) -> Refusal {
        Refusal { key, args: Vec::new() }
    }

    pub(super) fn text(&self, tr: Tr) -> String {
        let args: Vec<(&str, String)> = self.args.iter().map(|(k, v)| (*k, v.clone())).collect();
        tr.t_args(self.key, &args)
    }
}

pub(super) fn parse_day(text: &str, missing: &'static str) -> Result<Date, Refusal> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Refusal::new(missing));
    }
    daihoi_core::date::from_iso(text)
        .or_else(|| daihoi_core::date::parse_date(text))
        .ok_or(Refusal { key: "task-form-bad-date", args: vec![("value", text.to_owned())] })
}

pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim().trim_end_matches('%').trim().replace(',', ".");
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

pub(super) fn parse_progress(text: &str) -> Result<Option<Progress>, Refusal> {
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

/// The event a form describes, recorded today, or every problem of it in
/// the form's order (the API names the first).
pub(super) fn event_from(form: &EventForm, task: &Task, today: Date) -> Result<Event, Vec<Refusal>> {
    let mut problems = Vec::new();
    let mut keep = |r: Refusal| problems.push(r);
    let occurred_on = if form.occurred_on.trim().is_empty() {
        Some(today)
    } else {
        parse_day(&form.occurred_on, "").map_err(&mut keep).ok()
    };
    let kind = match form.kind.as_str() {
        "report" => {
            let kind = PERIOD_KINDS.iter().find(|(_, code)| *code == form.period).map(|(k, _)| *k);
            if kind.is_none() {
                keep(Refusal::new("task-form-bad-period"));
            }
            let in_period = if form.period_date.trim().is_empty() {
                occurred_on
            } else {
                parse_day(&form.period_date, "task-form-bad-period").map_err(&mut keep).ok()
            };
            let period = match (kind, in_period) {
                (Some(kind), Some(day)) => {
                    let p = Period::containing(kind, day);
                    if p.is_none() {
                        keep(Refusal::new("task-form-no-such-period"));
                    }
                    p
                }
                _ => None,
            };
            let summary = form.summary.trim().to_owned();
            if summary.is_empty() {
                keep(Refusal::new("task-form-summary-missing"));
            }
            let progress = parse_progress(&form.progress).map_err(&mut keep).ok();
            match (period, progress) {
                (Some(period), Some(progress)) => Some(EventKind::Report { period, summary, progress }),
                _ => None,
            }
        }
        "progress" => match parse_progress(&form.progress) {
            Ok(Some(progress)) => Some(EventKind::ProgressReported { progress }),
            Ok(None) => {
                keep(Refusal::new("task-form-progress-missing"));
                None
            }
            Err(r) => {
                keep(r);
                None
            }
        },
        "status" => {
            let to = WORKFLOWS.into_iter().find(|w| workflow_code(*w) == form.to);
            if to.is_none() {
                keep(Refusal::new("task-form-bad-status"));
            }
            to.map(|to| EventKind::StatusChange { from: task.workflow, to })
        }
        "urging" => {
            let by = form.by.trim().to_owned();
            if by.is_empty() {
                keep(Refusal::new("task-form-by-missing"));
            }
            let new_deadline = super::create::parse_optional_day(&form.new_deadline).map_err(&mut keep).ok();
            new_deadline.map(|new_deadline| EventKind::Urging { by, note: form.note.trim().to_owned(), new_deadline })
        }
        "inspection" | "supervision" => {
            let by = form.by.trim().to_owned();
            if by.is_empty() {
                keep(Refusal::new("task-form-by-missing"));
            }
            let findings: Vec<Finding> = lines(&form.findings).into_iter().map(|text| Finding { text }).collect();
            if findings.is_empty() {
                keep(Refusal::new("task-form-findings-missing"));
            }
            let recommendations = lines(&form.recommendations);
            Some(if form.kind == "inspection" {
                EventKind::Inspection { by, findings, recommendations }
            } else {
                EventKind::Supervision { by, findings, recommendations }
            })
        }
        _ => {
            keep(Refusal::new("task-form-bad-kind"));
            None
        }
    };
    match (occurred_on, kind) {
        (Some(occurred_on), Some(kind)) if problems.is_empty() => Ok(Event { occurred_on, recorded_on: today, kind }),
        _ => Err(problems),
    }
}

/// A refusal of the tracking rules, in words (T-2…T-5).
pub(super) fn tracking_refusal(tr: Tr, e: &TrackingError) -> Refusal {
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

/// The task's page again after a refused event form, with what was typed
/// kept in that form, and the sub-tasks a new deadline would fall before.
async fn refused_form(
    caller: &Caller,
    id: i64,
    problem: String,
    form: EventForm,
    late: Vec<daihoi_store::tasks::deadlines::LateSubtask>,
) -> Result<Response, WebError> {
    let kept = Kept { event: Some(form), late, ..Kept::default() };
    let page = render_kept(caller, id, Some(problem), kept).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// A refused deadline (T-2), in words, with the sub-tasks it would fall
/// before.
fn deadline_refusal(
    tr: Tr,
    e: daihoi_store::tasks::deadlines::DeadlineRefusal,
) -> (String, Vec<daihoi_store::tasks::deadlines::LateSubtask>) {
    use daihoi_store::tasks::deadlines::DeadlineRefusal;
    match e {
        DeadlineRefusal::SubtasksAfter { deadline, subtasks } => (
            tr.t_args(
                "task-urging-refused-subtasks",
                &[("count", subtasks.len().to_string()), ("deadline", tr.date(deadline))],
            ),
            subtasks,
        ),
        DeadlineRefusal::AfterParent { deadline, parent_deadline } => (
            tr.t_args(
                "task-urging-refused-after-parent",
                &[("deadline", tr.date(deadline)), ("parent", tr.date(parent_deadline))],
            ),
            Vec::new(),
        ),
    }
}

/// TEXT-1 on an event form's texts, checked as the store will check the
/// event the form describes, named by the form's labels (the API leaves it
/// to the store). One problem a field: the first line refused of a list.
fn event_text_refusals(tr: Tr, form: &EventForm) -> Vec<String> {
    use daihoi_core::text::{LABEL_MAX_CHARS, NOTE_MAX_CHARS, optional_line, paragraphs};
    let note = |text: &str| paragraphs(text, NOTE_MAX_CHARS).map(|_| "");
    let by = || ("task-form-by", optional_line(form.by.trim(), LABEL_MAX_CHARS).map(|_| ""));
    let first = |text: &str| lines(text).iter().map(|l| note(l)).find(Result::is_err).unwrap_or(Ok(""));
    let checks = match form.kind.as_str() {
        "report" => vec![("task-form-summary", note(form.summary.trim()))],
        "urging" => vec![by(), ("task-form-note", note(form.note.trim()))],
        "inspection" | "supervision" => vec![
            by(),
            ("task-form-findings", first(&form.findings)),
            ("task-form-recommendations", first(&form.recommendations)),
        ],
        _ => Vec::new(),
    };
    checks.into_iter().filter_map(|(label, checked)| crate::page::text_refusal(tr, label, checked)).collect()
}

/// `POST /tasks/{id}/events`: adds a report, a progress, a status change,
/// an urging, an inspection or a supervision to the task's log.
pub async fn record(caller: Caller, Path(id): Path<i64>, Form(form): Form<EventForm>) -> Result<Response, WebError> {
    let today = today();
    let scoped = caller.scoped();
    let task = scoped.tasks().task(id, today).await?.ok_or(WebError::NotFound)?;
    let texts = event_text_refusals(caller.tr, &form);
    let event = match event_from(&form, &task, today) {
        Ok(e) if texts.is_empty() => e,
        event => {
            let problems = event.err().unwrap_or_default();
            let words = problems.iter().map(|r| r.text(caller.tr)).chain(texts).collect::<Vec<_>>().join(" ");
            return refused_form(&caller, id, words, form, Vec::new()).await;
        }
    };
    let note = moved_with_parent_note(task.id);
    let options = daihoi_store::tasks::access::EventOptions {
        move_subtasks: (form.move_subtasks == "on").then_some(note.as_str()),
        start_on_report: true,
    };
    match scoped.tasks().record_event_with(&task, &event, &caller.address, options).await {
        Ok(_) => Ok(Redirect::to(&format!("/tasks/{id}#log")).into_response()),
        Err(StoreError::DeadlineRefused(e)) => {
            let (problem, late) = deadline_refusal(caller.tr, e);
            refused_form(&caller, id, problem, form, late).await
        }
        Err(e) => {
            let problem = refused(caller.tr, e)?;
            refused_form(&caller, id, problem, form, Vec::new()).await
        }
    }
}

/// `POST /tasks/{id}/receipt`: the assignee's office records that it
/// received the task (tiếp nhận); back to where the form was (the task's
/// page, or the home page's inbox with `?back=home`).
pub async fn receive(
    caller: Caller,
    Path(id): Path<i64>,
    axum::extract::Query(back): axum::extract::Query<ReceiptBack>,
) -> Result<Response, WebError> {
    let today = today();
    let scoped = caller.scoped();
    let task = scoped.tasks().task(id, today).await?.ok_or(WebError::NotFound)?;
    scoped.tasks().receive(&task, today, &caller.address).await?;
    let to = if back.back.as_deref() == Some("home") { "/#inbox".to_owned() } else { format!("/tasks/{id}") };
    Ok(Redirect::to(&to).into_response())
}

/// Where the receipt form sends the user back.
#[derive(Debug, Default, Deserialize)]
pub struct ReceiptBack {
    pub back: Option<String>,
}

/// A target's new reading; kept as typed after a refusal.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct ReadingForm {
    #[serde(default)]
    pub on: String,
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub note: String,
}

/// `POST /tasks/{id}/targets/{target}/readings` (T-5): a refusal shows the
/// page again with what was typed and every problem named (422).
pub async fn reading(
    caller: Caller,
    Path((id, target)): Path<(i64, i64)>,
    Form(form): Form<ReadingForm>,
) -> Result<Response, WebError> {
    let today = today();
    let tr = caller.tr;
    let scoped = caller.scoped();
    let task = scoped.tasks().task(id, today).await?.ok_or(WebError::NotFound)?;
    let mut kept = form.clone();
    let mut problems = Vec::new();
    let on = if form.on.trim().is_empty() { Ok(today) } else { parse_day(&form.on, "") };
    let on = match on {
        Ok(on) => {
            // The date field shows it again only as `yyyy-mm-dd`.
            kept.on = daihoi_core::date::iso(on);
            if on > today {
                problems.push(tr.t("tracking-refused-future"));
            }
            Some(on)
        }
        Err(r) => {
            problems.push(r.text(tr));
            None
        }
    };
    let value = parse_number(&form.value);
    if value.is_none() {
        let r = Refusal { key: "task-form-bad-number", args: vec![("value", form.value.trim().to_owned())] };
        problems.push(r.text(tr));
    }
    let refuse = |problems: Vec<String>| {
        let kept = Kept { reading: Some((target, kept.clone())), ..Kept::default() };
        let caller = &caller;
        async move {
            let page = render_kept(caller, id, Some(problems.join(" ")), kept).await?;
            Ok::<Response, WebError>((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    };
    let note = daihoi_core::text::paragraphs(&form.note, daihoi_core::text::NOTE_MAX_CHARS);
    problems.extend(crate::page::text_refusal(tr, "target-note", note));
    let (Some(on), Some(value), true) = (on, value, problems.is_empty()) else {
        return refuse(problems).await;
    };
    match scoped.tasks().record_reading(&task, target, Reading { on, value }, &form.note, &caller.address).await {
        Ok(()) => Ok(Redirect::to(&format!("/tasks/{id}#targets")).into_response()),
        Err(e) => {
            let problem = refused(tr, e)?;
            refuse(vec![problem]).await
        }
    }
}
