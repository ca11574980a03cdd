//! `POST /api/v1/tasks/{id}/targets`: a new target of a task (T-5).

use axum::Json;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{TargetJson, TaskPath, enum_field, find_task, number_field, refusal};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::page::today;
use crate::tasks::create::{TargetValues, target_from};

/// A target, as the page's form gives it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTargetBody {
    /// What is measured.
    #[schema(schema_with = super::title_schema)]
    pub name: String,
    /// Its unit (`%`, `chi bộ`); may be empty.
    #[schema(schema_with = super::unit_schema)]
    pub unit: Option<String>,
    pub baseline: f64,
    pub target: f64,
    #[schema(schema_with = super::direction_schema)]
    pub direction: String,
}

/// Adds the target today, with its audit entry. Who may: the assignee's
/// office, cleared for the task (the facet's `may_add_target`).
#[utoipa::path(
    post,
    path = "/api/v1/tasks/{id}/targets",
    tag = "tasks",
    operation_id = "add_task_target",
    params(TaskPath),
    request_body = NewTargetBody,
    responses(
        (status = 201, description = "Added", body = TargetJson),
        (status = 400, description = "A malformed field or JSON body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller may not read the task or add targets to it", body = ErrorBody),
        (status = 404, description = "No such task", body = ErrorBody),
        (status = 422, description = "A rule refuses it (T-5): the target is not on the better side of the \
                                      baseline", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn add(
    caller: ApiCaller,
    ApiPath(path): ApiPath<TaskPath>,
    ApiJson(body): ApiJson<NewTargetBody>,
) -> ApiResult<(StatusCode, Json<TargetJson>)> {
    enum_field("direction", Some(&body.direction), &["higher", "lower"])?;
    let today = today();
    let scoped = caller.scoped();
    let task = find_task(&scoped, path.id, today).await?;
    if !scoped.tasks().may_add_target(&task, today).await? {
        return Err(ApiError::forbidden());
    }
    let values = TargetValues {
        name: body.name,
        unit: body.unit.unwrap_or_default(),
        baseline: number_field(Some(body.baseline)),
        target: number_field(Some(body.target)),
        direction: body.direction,
    };
    let target = target_from(&values).map_err(|r| refusal(&r[0]))?;
    let stored = scoped.tasks().create_target(&task, &values.name, target, today, &caller.address).await?;
    Ok((StatusCode::CREATED, Json(TargetJson::new(&stored, today))))
}
