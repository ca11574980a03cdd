//! `POST /api/v1/tasks/{id}/targets/{target}/readings`: a target's new reading (T-5).

use axum::Json;
use axum::http::StatusCode;
use daihoi_tracking::Reading;
use serde::Deserialize;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::{IntoParams, ToSchema};

use super::{TargetJson, find_task, id_param};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody, ErrorCode};
use crate::api::optional_date;
use crate::page::today;

/// `{id}` and `{target}`.
#[derive(Debug, Deserialize)]
pub struct TargetPath {
    pub id: i64,
    pub target: i64,
}

impl IntoParams for TargetPath {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![id_param("id", "The task's id"), id_param("target", "The target's id")]
    }
}

/// A reading, as the page's form gives it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadingBody {
    /// The day of the reading; absent: today. Not after today.
    #[schema(schema_with = super::optional_date_schema)]
    pub on: Option<String>,
    pub value: f64,
    #[schema(schema_with = super::note_schema)]
    pub note: Option<String>,
}

/// Records the reading, with its audit entry (`target_reading`). Who may:
/// the assignee's office (the facet's `record_reading`).
#[utoipa::path(
    post,
    path = "/api/v1/tasks/{id}/targets/{target}/readings",
    tag = "tasks",
    operation_id = "record_target_reading",
    params(TargetPath),
    request_body = ReadingBody,
    responses(
        (status = 201, description = "Recorded: the target with its readings", body = TargetJson),
        (status = 400, description = "A malformed field or JSON body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller may not read the task or report on it", body = ErrorBody),
        (status = 404, description = "No such task, or no such target of it", body = ErrorBody),
        (status = 422, description = "A rule refuses it (T-5): a day after today, or before the latest reading",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn record(
    caller: ApiCaller,
    ApiPath(path): ApiPath<TargetPath>,
    ApiJson(body): ApiJson<ReadingBody>,
) -> ApiResult<(StatusCode, Json<TargetJson>)> {
    let today = today();
    let on = optional_date("on", body.on.as_deref())?;
    if on > today {
        return Err(ApiError::new(ErrorCode::Unprocessable, "on: a reading cannot be after today"));
    }
    let scoped = caller.scoped();
    let task = find_task(&scoped, path.id, today).await?;
    let reading = Reading { on, value: body.value };
    let note = body.note.unwrap_or_default();
    scoped.tasks().record_reading(&task, path.target, reading, &note, &caller.address).await?;
    let targets = scoped.tasks().targets(&task).await?;
    let target = targets
        .iter()
        .find(|t| t.id == path.target)
        .ok_or_else(|| ApiError::not_found(format!("no target {} of task {}", path.target, path.id)))?;
    Ok((StatusCode::CREATED, Json(TargetJson::new(target, today))))
}
