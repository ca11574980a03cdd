//! `GET /api/v1/tasks/{id}`: a task as its page shows it.

use axum::Json;
use daihoi_store::Scoped;
use daihoi_store::tasks::{Task, workflow_code};
use daihoi_tracking::{EventKind, Progress, RollupMethod};
use serde::Serialize;
use time::Date;
use utoipa::ToSchema;

use super::{DocumentRef, EventJson, RulesChosen, TargetJson, TaskLine, TaskPath, TaskStatus, find_task};
use crate::api::auth::ApiCaller;
use crate::api::date_text;
use crate::api::error::{ApiPath, ApiResult, ErrorBody};
use crate::page::today;
use crate::tasks::show::task_status;

/// A task with its state, progress, roll-up, sub-tasks, log and targets.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskView {
    pub id: i64,
    /// The document it implements, when the caller may read it (T-6: a
    /// document above the caller's clearance is left out, `null`).
    pub document: Option<DocumentRef>,
    /// The clause of the document it implements; may be empty.
    pub clause: String,
    pub title: String,
    /// The assignee's code.
    #[schema(example = "QN.DH.QT")]
    pub org: String,
    /// The assignee's name today.
    pub org_name: String,
    /// Its weight in its parent's roll-up.
    pub weight: Option<f64>,
    #[schema(format = Date)]
    pub deadline: Option<String>,
    /// The day it was done, while done.
    #[schema(format = Date)]
    pub done_on: Option<String>,
    #[schema(schema_with = super::workflow_schema)]
    pub workflow: &'static str,
    #[schema(schema_with = super::classification_schema)]
    pub classification: &'static str,
    /// Where it stands against its deadline today (T-3).
    pub status: TaskStatus,
    /// The latest progress its own log reports, in percent.
    pub progress: Option<f64>,
    /// The day that progress was reported for.
    #[schema(format = Date)]
    pub progress_on: Option<String>,
    /// The roll-up over its sub-tasks (T-2), when it has some and the
    /// rules are chosen.
    pub rollup: Option<RollupJson>,
    /// The rules that apply to its assignee, `null` when nobody chose.
    pub rules: Option<RulesChosen>,
    /// The sub-tasks the caller may read (T-6).
    pub subtasks: Vec<TaskLine>,
    /// Its log, oldest first.
    pub events: Vec<EventJson>,
    pub targets: Vec<TargetJson>,
    /// What the caller may do with it.
    pub may: TaskMay,
}

/// A task's roll-up (T-2).
#[derive(Debug, Serialize, ToSchema)]
pub struct RollupJson {
    /// In percent; `null` when nothing is reported.
    pub progress: Option<f64>,
    #[schema(schema_with = rollup_method_schema)]
    pub method: &'static str,
}

const METHODS: [RollupMethod; 6] = [
    RollupMethod::Reported,
    RollupMethod::Weighted,
    RollupMethod::Average,
    RollupMethod::MixedWeights,
    RollupMethod::ZeroWeights,
    RollupMethod::Empty,
];

fn method_code(m: RollupMethod) -> &'static str {
    match m {
        RollupMethod::Reported => "reported",
        RollupMethod::Weighted => "weighted",
        RollupMethod::Average => "average",
        RollupMethod::MixedWeights => "mixed_weights",
        RollupMethod::ZeroWeights => "zero_weights",
        RollupMethod::Empty => "empty",
    }
}

pub fn rollup_method_schema() -> utoipa::openapi::schema::Object {
    super::string_enum(METHODS.map(method_code), "How the roll-up was computed (T-2).", false)
}

/// What the caller may do with a task (the forms its page offers).
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskMay {
    /// Record reports, progress and state changes, and readings.
    pub report: bool,
    pub urge: bool,
    /// Record inspections and supervisions.
    pub inspect: bool,
    pub add_target: bool,
    /// The organizations it may be cascaded to (T-2).
    pub cascade_to: Vec<String>,
}

/// The task `task` as its page shows it today.
pub(crate) async fn task_view(scoped: &Scoped<'_>, task: Task, today: Date) -> ApiResult<TaskView> {
    let tasks = scoped.tasks();
    let document = match scoped.documents().document(task.document_id).await {
        Ok(Some(d)) => Some(DocumentRef { id: d.id, number: d.number_label(), title: d.title.clone() }),
        _ => None,
    };
    let assignee = scoped.orgs().org_by_id(task.org_id, today).await?;
    let setting = match &assignee {
        Some(node) => tasks.tracking_setting(node, today).await?,
        None => None,
    };
    let subs = tasks.subtasks(&task, today).await?;
    let rollup = match setting.as_ref().filter(|_| !subs.is_empty()) {
        Some(s) => {
            let rolled = tasks.task_rollup(&task, &s.rules.rollup).await?;
            Some(RollupJson { progress: rolled.progress.map(|p| p.percent()), method: method_code(rolled.method) })
        }
        None => None,
    };
    let may = TaskMay {
        report: tasks.may_record(&task, &EventKind::ProgressReported { progress: Progress::ZERO }, today).await?,
        urge: tasks
            .may_record(&task, &EventKind::Urging { by: String::new(), note: String::new(), new_deadline: None }, today)
            .await?,
        inspect: tasks
            .may_record(
                &task,
                &EventKind::Inspection { by: String::new(), findings: Vec::new(), recommendations: Vec::new() },
                today,
            )
            .await?,
        add_target: tasks.may_add_target(&task, today).await?,
        cascade_to: tasks.cascade_targets(&task, today).await?.iter().map(|n| n.code.to_string()).collect(),
    };
    Ok(TaskView {
        id: task.id,
        document,
        clause: task.clause.clone(),
        title: task.title.clone(),
        org: task.org.to_string(),
        org_name: assignee.as_ref().map_or_else(|| task.org.to_string(), |n| n.name.clone()),
        weight: task.weight.map(|w| w.value()),
        deadline: task.deadline.map(date_text),
        done_on: task.done_on.map(date_text),
        workflow: workflow_code(task.workflow),
        classification: task.classification.code(),
        status: task_status(&task, setting.as_ref().map(|s| &s.rules.status), today).into(),
        progress: task.progress.map(|(_, p)| p.percent()),
        progress_on: task.progress.map(|(d, _)| date_text(d)),
        rollup,
        subtasks: subs.iter().map(|s| TaskLine::new(s, setting.as_ref(), today)).collect(),
        events: tasks.task_events(&task).await?.iter().map(EventJson::from).collect(),
        targets: tasks.targets(&task).await?.iter().map(|t| TargetJson::new(t, today)).collect(),
        rules: setting.as_ref().map(RulesChosen::from),
        may,
    })
}

/// A task the caller may read (its assignee's page, and a clearance at
/// least its classification: T-6), as its page shows it today.
#[utoipa::path(
    get,
    path = "/api/v1/tasks/{id}",
    tag = "tasks",
    operation_id = "show_task",
    params(TaskPath),
    responses(
        (status = 200, description = "The task", body = TaskView),
        (status = 400, description = "The id is not a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller may not read the task (its assignee, or T-6)", body = ErrorBody),
        (status = 404, description = "No such task", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn show(caller: ApiCaller, ApiPath(path): ApiPath<TaskPath>) -> ApiResult<Json<TaskView>> {
    let today = today();
    let scoped = caller.scoped();
    let task = find_task(&scoped, path.id, today).await?;
    Ok(Json(task_view(&scoped, task, today).await?))
}
