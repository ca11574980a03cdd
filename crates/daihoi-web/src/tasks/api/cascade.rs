//! `POST /api/v1/tasks/{id}/cascade`: sub-tasks for organizations below (T-2).

use axum::Json;
use axum::http::StatusCode;
use daihoi_store::tasks::create::Cascade;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{TaskLine, TaskPath, bounded, deadline_field, find_task, number_field, refusal};
use crate::api::auth::ApiCaller;
use crate::api::code_param;
use crate::api::error::{ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::page::today;
use crate::tasks::create::{parse_optional_day, parse_weight};

/// The cascade, as the page's form gives it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CascadeBody {
    /// The organizations, each below the task's assignee; one sub-task each.
    #[schema(schema_with = super::org_codes_schema)]
    pub orgs: Vec<String>,
    /// The sub-tasks' title; absent or empty: the task's.
    #[schema(schema_with = super::clause_schema_title)]
    pub title: Option<String>,
    /// Absent: the task's deadline.
    #[schema(schema_with = super::optional_date_schema)]
    pub deadline: Option<String>,
    /// Each sub-task's weight in the task's roll-up: 0 or more.
    #[schema(minimum = 0)]
    pub weight: Option<f64>,
}

/// One sub-task per organization, all or none, today, each with its audit
/// entry (`task_cascade`). Who may: as for giving a task (the facet's
/// `cascade_task`).
#[utoipa::path(
    post,
    path = "/api/v1/tasks/{id}/cascade",
    tag = "tasks",
    operation_id = "cascade_task",
    params(TaskPath),
    request_body = CascadeBody,
    responses(
        (status = 201, description = "The new sub-tasks", body = Vec<TaskLine>),
        (status = 400, description = "A malformed field or JSON body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller may not read the task or give tasks there", body = ErrorBody),
        (status = 404, description = "No such task", body = ErrorBody),
        (status = 409, description = "An organization does not exist today", body = ErrorBody),
        (status = 422, description = "No such organization; a rule refuses it (T-2): an organization not below the task's assignee, \
                                      twice or given the task already, a deadline after the task's", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn cascade(
    caller: ApiCaller,
    ApiPath(path): ApiPath<TaskPath>,
    ApiJson(body): ApiJson<CascadeBody>,
) -> ApiResult<(StatusCode, Json<Vec<TaskLine>>)> {
    let today = today();
    let scoped = caller.scoped();
    let task = find_task(&scoped, path.id, today).await?;
    if body.orgs.is_empty() || body.orgs.len() > 500 {
        return Err(crate::api::error::ApiError::bad_request("orgs: from 1 to 500 organizations"));
    }
    let orgs = body.orgs.iter().map(|o| code_param("orgs", o)).collect::<ApiResult<Vec<_>>>()?;
    let deadline =
        parse_optional_day(&deadline_field("deadline", body.deadline.as_deref())?).map_err(|r| refusal(&r))?;
    let weight =
        parse_weight(&number_field(bounded("weight", body.weight, 0.0, f64::MAX)?)).map_err(|r| refusal(&r))?;
    let title = body.title.unwrap_or_default();
    let c = Cascade { orgs: &orgs, title: &title, deadline, weight, assigned_on: today };
    let created = scoped.tasks().cascade_task(&task, &c, &caller.address).await.map_err(super::unknown_org_in_body)?;
    let setting = match scoped.orgs().org_by_id(task.org_id, today).await? {
        Some(node) => scoped.tasks().tracking_setting(&node, today).await?,
        None => None,
    };
    Ok((StatusCode::CREATED, Json(created.iter().map(|t| TaskLine::new(t, setting.as_ref(), today)).collect())))
}
