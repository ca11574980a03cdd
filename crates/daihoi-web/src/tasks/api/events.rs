//! `POST /api/v1/tasks/{id}/events`: an entry of a task's log (T-4).

use axum::Json;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

use daihoi_store::tasks::workflow_code;

use super::{
    EVENT_KINDS, EventJson, TaskPath, bounded, date_field, deadline_field, enum_field, find_task, number_field, refusal,
};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::page::today;
use crate::tasks::events::{EventForm, event_from};
use crate::tasks::show::{PERIOD_KINDS, WORKFLOWS};

/// An event, as the page's forms give it: `kind` says which, and which
/// fields it needs.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventBody {
    #[schema(schema_with = super::event_kind_schema)]
    pub kind: String,
    /// The day it happened; absent: today. Not after today.
    #[schema(schema_with = super::optional_date_schema)]
    pub occurred_on: Option<String>,
    /// `report`: the kind of period reported on.
    #[schema(schema_with = super::period_kind_input_schema)]
    pub period: Option<String>,
    /// `report`: a day in the period; absent: `occurred_on`.
    #[schema(schema_with = super::optional_date_schema)]
    pub period_date: Option<String>,
    /// `report` (needed): what was done.
    #[schema(schema_with = super::note_schema)]
    pub summary: Option<String>,
    /// `progress` (needed), `report` (optional): in percent, 0 to 100.
    #[schema(minimum = 0, maximum = 100)]
    pub progress: Option<f64>,
    /// `status` (needed): the state to move to, as the workflow allows.
    #[schema(schema_with = super::workflow_input_schema)]
    pub to: Option<String>,
    /// `urging`, `inspection`, `supervision` (needed): who.
    #[schema(schema_with = super::by_schema)]
    pub by: Option<String>,
    /// `urging`: a note.
    #[schema(schema_with = super::note_schema)]
    pub note: Option<String>,
    /// `urging`: a new deadline. Not after the parent task's; before the
    /// deadline of open sub-tasks only with `move_subtasks` (T-2).
    #[schema(schema_with = super::optional_date_schema)]
    pub new_deadline: Option<String>,
    /// `urging` with a new deadline: move the open sub-tasks whose deadline
    /// is after it to it, in the same change, each with an urging in its
    /// log (T-2). Without it, such an urging is refused (422).
    pub move_subtasks: Option<bool>,
    /// `inspection`, `supervision` (at least one needed).
    #[schema(schema_with = super::findings_schema)]
    pub findings: Option<Vec<String>>,
    /// `inspection`, `supervision`.
    #[schema(schema_with = super::findings_schema)]
    pub recommendations: Option<Vec<String>>,
}

/// Records the event today, with its audit entry (`task_report`,
/// `task_progress`, `task_status`, `task_urging`, `task_inspection`,
/// `task_supervision`). Who may (the facet's `may_record`): reports,
/// progress and state changes, the assignee's office; urging, the office
/// above the assignee; inspection and supervision, an inspection
/// commission or an administrator of the subtree.
#[utoipa::path(
    post,
    path = "/api/v1/tasks/{id}/events",
    tag = "tasks",
    operation_id = "record_task_event",
    params(TaskPath),
    request_body = EventBody,
    responses(
        (status = 201, description = "Recorded", body = EventJson),
        (status = 400, description = "A malformed field or JSON body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller may not read the task, or not record this kind", body = ErrorBody),
        (status = 404, description = "No such task", body = ErrorBody),
        (status = 422, description = "A field the kind needs is missing, or a rule of the log refuses it (T-4): \
                                      a day after today, before the last entry, a move the workflow does not \
                                      allow; a new deadline after the parent task's, or before open \
                                      sub-tasks' deadlines without `move_subtasks` (T-2)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn record(
    caller: ApiCaller,
    ApiPath(path): ApiPath<TaskPath>,
    ApiJson(body): ApiJson<EventBody>,
) -> ApiResult<(StatusCode, Json<EventJson>)> {
    let today = today();
    enum_field("kind", Some(&body.kind), &EVENT_KINDS)?;
    enum_field("period", body.period.as_deref(), &PERIOD_KINDS.map(|(_, c)| c))?;
    enum_field("to", body.to.as_deref(), &WORKFLOWS.map(workflow_code))?;
    for list in [&body.findings, &body.recommendations].into_iter().flatten() {
        if list.len() > 100 {
            return Err(ApiError::bad_request("findings, recommendations: more than 100 entries"));
        }
    }
    let lines = |v: Option<Vec<String>>| v.unwrap_or_default().join("\n");
    let form = EventForm {
        kind: body.kind,
        occurred_on: date_field("occurred_on", body.occurred_on.as_deref())?,
        period: body.period.unwrap_or_default(),
        period_date: date_field("period_date", body.period_date.as_deref())?,
        summary: body.summary.unwrap_or_default(),
        progress: number_field(bounded("progress", body.progress, 0.0, 100.0)?),
        to: body.to.unwrap_or_default(),
        by: body.by.unwrap_or_default(),
        note: body.note.unwrap_or_default(),
        new_deadline: deadline_field("new_deadline", body.new_deadline.as_deref())?,
        findings: lines(body.findings),
        recommendations: lines(body.recommendations),
        move_subtasks: if body.move_subtasks == Some(true) { "on".to_owned() } else { String::new() },
    };
    let scoped = caller.scoped();
    let task = find_task(&scoped, path.id, today).await?;
    let event = event_from(&form, &task, today).map_err(|r| refusal(&r[0]))?;
    let note = crate::tasks::events::moved_with_parent_note(task.id);
    let options = daihoi_store::tasks::access::EventOptions {
        move_subtasks: (form.move_subtasks == "on").then_some(note.as_str()),
        start_on_report: true,
    };
    let recorded = scoped.tasks().record_event_with(&task, &event, &caller.address, options).await?;
    Ok((StatusCode::CREATED, Json(EventJson::from(&recorded))))
}
