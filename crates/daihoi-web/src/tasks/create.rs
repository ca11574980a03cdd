//! Creating tasks on the web: a new task from a document (T-1), a cascade to
//! the organizations below (T-2), a target (T-5). The store checks who may
//! (`daihoi_store::tasks::create`); refusals the user can act on are shown in
//! words in the page, which keeps what was typed.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_core::OrgCode;
use daihoi_store::StoreError;
use daihoi_store::documents::Classification;
use daihoi_store::tasks::NewTask;
use daihoi_store::tasks::create::{Cascade, TaskCreateRefusal};
use daihoi_tracking::{Direction, Target, Weight};
use serde::Deserialize;
use time::Date;

use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::page::Path;
use crate::page::{Nav, today};

use super::events::{Refusal, parse_day, parse_number, tracking_refusal};
use super::show::{Kept, render_kept};

pub(super) const LEVELS: [Classification; 3] =
    [Classification::Normal, Classification::Confidential, Classification::Secret];

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
            TaskCreateRefusal::AlreadyCascaded { org, task } => {
                r("task-new-refused-already-cascaded", vec![("org", org.to_string()), ("task", task.to_string())])
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

pub(super) fn parse_weight(text: &str) -> Result<Option<Weight>, Refusal> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_number(text)
        .and_then(|v| Weight::new(v).ok())
        .map(Some)
        .ok_or(Refusal { key: "task-new-refused-weight", args: vec![("value", text.trim().to_owned())] })
}

/// A deadline as typed: empty is none; a day before 1900 is refused, as
/// the API refuses it (a typing slip, and not a day a spreadsheet can hold).
pub(super) fn parse_optional_day(text: &str) -> Result<Option<Date>, Refusal> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let day = parse_day(text, "")?;
    if day.year() < 1900 {
        return Err(Refusal { key: "task-form-deadline-before-1900", args: vec![("value", text.trim().to_owned())] });
    }
    Ok(Some(day))
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
    /// `1`: the user saw that the document was replaced (D-LINK-1) and
    /// gives the task from it anyway.
    #[serde(default)]
    pub confirm_replaced: String,
}

/// A document the form offers: (id, number, date, title), and the number
/// of the document that replaced it, if one did.
pub struct DocumentChoice {
    pub id: String,
    pub number: String,
    pub issued_on: Date,
    pub title: String,
    pub replaced_by: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "task_new.html")]
pub struct NewTaskPage {
    tr: Tr,
    nav: Nav,
    documents: Vec<DocumentChoice>,
    /// The organizations tasks may be given to, each with the name of the
    /// one above it (many cells share a name: "Chi bộ khu 1").
    orgs: Vec<AssigneeChoice>,
    classifications: Vec<(&'static str, &'static str)>,
    form: TaskValues,
    problem: Option<String>,
    /// The chosen document was replaced: the form asks to confirm.
    ask_replaced: bool,
}

/// An organization the new task form offers, by code, named with its parent.
pub struct AssigneeChoice {
    pub code: String,
    /// "Chi bộ khu 1 — Đảng bộ xã Quảng Tân"
    pub label: String,
}

fn assignee_choices(orgs: &[daihoi_store::orgs::OrgNode]) -> Vec<AssigneeChoice> {
    let names: std::collections::HashMap<i64, &str> = orgs.iter().map(|o| (o.id, o.name.as_str())).collect();
    orgs.iter()
        .map(|o| AssigneeChoice {
            code: o.code.to_string(),
            label: match o.parent_id.and_then(|p| names.get(&p)) {
                Some(parent) => format!("{} — {parent}", o.name),
                None => o.name.clone(),
            },
        })
        .collect()
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
    let ids: Vec<i64> = found.iter().map(|d| d.id).collect();
    let replaced = scoped.documents().replaced_among(&ids).await?;
    let documents = found
        .iter()
        .map(|d| DocumentChoice {
            id: d.id.to_string(),
            number: d.number_label(),
            issued_on: d.issued_on,
            title: d.title.clone(),
            replaced_by: replaced.iter().find(|(id, _)| *id == d.id).map(|(_, by)| by.clone()),
        })
        .collect();
    Ok(NewTaskPage {
        tr: caller.tr,
        nav: caller.nav(),
        documents,
        orgs: assignee_choices(&orgs),
        classifications: classifications(caller),
        ask_replaced: problem.is_some()
            && form.document.trim().parse::<i64>().is_ok_and(|id| replaced.iter().any(|(r, _)| *r == id)),
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

/// The task a form describes, or every problem of it, in the form's order
/// (the API names the first).
pub(super) fn task_from<'a>(form: &'a TaskValues, org: &'a OrgCode, today: Date) -> Result<NewTask<'a>, Vec<Refusal>> {
    let mut problems = Vec::new();
    let document_id =
        form.document.trim().parse::<i64>().map_err(|_| problems.push(Refusal::new("task-new-refused-document"))).ok();
    if form.title.trim().is_empty() {
        problems.push(Refusal::new("task-new-refused-title"));
    }
    let classification = LEVELS
        .into_iter()
        // Not chosen: unclassified.
        .find(|c| {
            form.classification.trim().is_empty() && *c == Classification::Normal
                || c.code() == form.classification.trim()
        })
        .ok_or(())
        .map_err(|()| problems.push(Refusal::new("task-new-refused-classification")))
        .ok();
    let weight = parse_weight(&form.weight).map_err(|r| problems.push(r)).ok();
    let deadline = parse_optional_day(&form.deadline).map_err(|r| problems.push(r)).ok();
    match (document_id, classification, weight, deadline) {
        (Some(document_id), Some(classification), Some(weight), Some(deadline)) if problems.is_empty() => Ok(NewTask {
            document_id,
            clause: &form.clause,
            title: &form.title,
            org,
            parent: None,
            weight,
            deadline,
            external_id: None,
            classification,
            assigned_on: today,
        }),
        _ => Err(problems),
    }
}

/// Refusals in words, one after the other.
/// The form's problems in words, then the refusals of its texts (TEXT-1).
fn in_words(tr: Tr, problems: &[Refusal], texts: Vec<String>) -> String {
    problems.iter().map(|r| r.text(tr)).chain(texts).collect::<Vec<_>>().join(" ")
}

/// TEXT-1 on a form's texts, checked as the store will check them, named
/// by the form's labels; `checks`: (label, the core's verdict).
fn text_refusals<'a>(
    tr: Tr,
    checks: impl IntoIterator<Item = (&'static str, Result<&'a str, daihoi_core::text::TextProblem>)>,
) -> Vec<String> {
    checks.into_iter().filter_map(|(label, checked)| crate::page::text_refusal(tr, label, checked)).collect()
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
    let kept = Kept { cascade: Some(values), ..Kept::default() };
    let page = render_kept(caller, id, Some(problem), kept).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn refused_target(caller: &Caller, id: i64, values: TargetValues, problem: String) -> Result<Response, WebError> {
    let kept = Kept { target: Some(values), ..Kept::default() };
    let page = render_kept(caller, id, Some(problem), kept).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST /tasks`: gives the task, then shows its page.
pub async fn create(caller: Caller, Form(form): Form<TaskValues>) -> Result<Response, WebError> {
    let today = today();
    // Every problem at once: the organization's with the others'.
    let org = OrgCode::parse(form.org.trim());
    // A stand-in while the typed code does not read: the other fields'
    // problems are named with its own.
    let placeholder = OrgCode::parse("QN").expect("a code");
    let new = task_from(&form, org.as_ref().unwrap_or(&placeholder), today);
    // TEXT-1 on the texts as the store receives them (the API leaves it
    // to the store).
    let texts = {
        use daihoi_core::text::{LABEL_MAX_CHARS, TITLE_MAX_CHARS, line, optional_line};
        text_refusals(
            caller.tr,
            [
                ("task-new-task-title", line(&form.title, TITLE_MAX_CHARS)),
                ("task-new-clause", optional_line(&form.clause, LABEL_MAX_CHARS)),
            ],
        )
    };
    let new = match (&org, new) {
        (Ok(_), Ok(new)) if texts.is_empty() => new,
        (org, new) => {
            let mut problems = Vec::new();
            if org.is_err() {
                problems.push(Refusal::new("task-new-refused-org"));
            }
            problems.extend(new.err().unwrap_or_default());
            let problem = in_words(caller.tr, &problems, texts);
            return refused_new(&caller, form.clone(), problem).await;
        }
    };
    // D-LINK-1: a replaced document is not a source without a confirmation.
    if form.confirm_replaced != "1"
        && let Ok(Some(d)) = caller.scoped().documents().document(new.document_id).await
        && let Some((_, by)) = caller.scoped().documents().replaced_among(&[d.id]).await?.pop()
    {
        let problem = caller.tr.t_args("document-replaced-confirm", &[("number", d.number_label()), ("by", by)]);
        return refused_new(&caller, form.clone(), problem).await;
    }
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
    // Every problem at once.
    let mut problems = Vec::new();
    let mut orgs = Vec::with_capacity(values.orgs.len());
    for o in &values.orgs {
        match OrgCode::parse(o.trim()) {
            Ok(code) => orgs.push(code),
            Err(_) => problems.push(Refusal { key: "task-new-refused-unknown-org", args: vec![("org", o.clone())] }),
        }
    }
    let deadline = parse_optional_day(&values.deadline).map_err(|r| problems.push(r)).ok();
    let weight = parse_weight(&values.weight).map_err(|r| problems.push(r)).ok();
    // Blank: the task's own title (the store's choice).
    let title = daihoi_core::text::optional_line(&values.title, daihoi_core::text::TITLE_MAX_CHARS);
    let texts = text_refusals(caller.tr, [("task-new-task-title", title)]);
    let (Some(deadline), Some(weight), true) = (deadline, weight, problems.is_empty() && texts.is_empty()) else {
        return refused_cascade(&caller, id, values.clone(), in_words(caller.tr, &problems, texts)).await;
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

/// The target a form describes, or every problem of it, in the form's
/// order (the API names the first).
pub(super) fn target_from(v: &TargetValues) -> Result<Target, Vec<Refusal>> {
    let mut problems = Vec::new();
    if v.name.trim().is_empty() {
        problems.push(Refusal::new("target-new-refused-name"));
    }
    let mut number = |text: &str| {
        parse_number(text)
            .ok_or(())
            .map_err(|()| {
                problems.push(Refusal { key: "task-form-bad-number", args: vec![("value", text.trim().to_owned())] })
            })
            .ok()
    };
    let (baseline, target) = (number(&v.baseline), number(&v.target));
    let direction = match v.direction.as_str() {
        "higher" => Some(Direction::HigherIsBetter),
        "lower" => Some(Direction::LowerIsBetter),
        _ => {
            problems.push(Refusal::new("target-new-refused-direction"));
            None
        }
    };
    let (Some(baseline), Some(target), Some(direction), true) = (baseline, target, direction, problems.is_empty())
    else {
        return Err(problems);
    };
    // The unit as sent: the store trims it after counting it whole (TEXT-1).
    Target::new(v.unit.as_str(), baseline, target, direction).map_err(|_| {
        let key = match direction {
            Direction::HigherIsBetter => "target-new-refused-higher",
            Direction::LowerIsBetter => "target-new-refused-lower",
        };
        vec![Refusal {
            key,
            args: vec![("baseline", v.baseline.trim().to_owned()), ("target", v.target.trim().to_owned())],
        }]
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
    // TEXT-1 on the texts as the store receives them (the API leaves it
    // to the store).
    let texts = {
        use daihoi_core::text::{LABEL_MAX_CHARS, TITLE_MAX_CHARS, line, optional_line};
        text_refusals(
            caller.tr,
            [
                ("target-new-name", line(&values.name, TITLE_MAX_CHARS)),
                ("target-new-unit", optional_line(&values.unit, LABEL_MAX_CHARS)),
            ],
        )
    };
    let target = match target_from(&values) {
        Ok(t) if texts.is_empty() => t,
        Ok(_) => return refused_target(&caller, id, values.clone(), in_words(caller.tr, &[], texts)).await,
        Err(problems) => {
            let problem = in_words(caller.tr, &problems, texts);
            return refused_target(&caller, id, values.clone(), problem).await;
        }
    };
    match scoped.tasks().create_target(&task, &values.name, target, today, &caller.address).await {
        Ok(_) => Ok(Redirect::to(&format!("/tasks/{id}#targets")).into_response()),
        Err(e) => {
            let problem = create_refusal(caller.tr, e)?;
            refused_target(&caller, id, values, problem).await
        }
    }
}
