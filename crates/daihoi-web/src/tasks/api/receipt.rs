//! `POST /api/v1/tasks/{id}/receipt`: the assignee's office records that it
//! received the task (tiếp nhận).

use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use super::{TaskPath, find_task};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiPath, ApiResult, ErrorBody};
use crate::page::today;

/// A task's receipt.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReceiptJson {
    /// True when this call recorded it; false when it was received before.
    pub recorded: bool,
    /// When it was received (RFC 3339, UTC).
    pub received_at: String,
    /// The account that received it.
    pub received_by: String,
}

/// Records the receipt now, by the caller, with its audit entry
/// (`task_receipt`); a task received before keeps its first receipt. Who
/// may: the assignee's office (as for its reports).
#[utoipa::path(
    post,
    path = "/api/v1/tasks/{id}/receipt",
    tag = "tasks",
    operation_id = "receive_task",
    params(TaskPath),
    responses(
        (status = 200, description = "Received: when and by whom", body = ReceiptJson),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller may not read the task, or is not its assignee's office", body = ErrorBody),
        (status = 404, description = "No such task", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn receive(caller: ApiCaller, ApiPath(path): ApiPath<TaskPath>) -> ApiResult<Json<ReceiptJson>> {
    let today = today();
    let scoped = caller.scoped();
    let task = find_task(&scoped, path.id, today).await?;
    let recorded = scoped.tasks().receive(&task, today, &caller.address).await?;
    let task = find_task(&scoped, path.id, today).await?;
    let (received_at, received_by) = task.received.unwrap_or_default();
    Ok(Json(ReceiptJson { recorded, received_at, received_by }))
}
