//! `POST /api/v1/tasks`: gives a task from a document (T-1).

use axum::Json;
use axum::http::{StatusCode, header};
use serde::Deserialize;
use utoipa::ToSchema;

use super::show::{TaskView, task_view};
use super::{bounded, deadline_field, enum_field, number_field, refusal};
use crate::api::auth::ApiCaller;
use crate::api::code_param;
use crate::api::error::{ApiError, ApiJson, ApiResult, ErrorBody, ErrorCode};
use crate::page::today;
use crate::tasks::create::{LEVELS, TaskValues, task_from};

/// A new task, as the page's form gives it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTaskBody {
    /// The registered document it implements (T-1).
    #[serde(deserialize_with = "super::integer")]
    #[schema(schema_with = super::id_schema)]
    pub document: i64,
    #[schema(schema_with = super::clause_schema)]
    pub clause: Option<String>,
    #[schema(schema_with = super::title_schema)]
    pub title: String,
    /// The assignee: an organization where the caller gives tasks.
    #[schema(schema_with = crate::api::schema::org_code)]
    pub org: String,
    #[schema(schema_with = super::optional_date_schema)]
    pub deadline: Option<String>,
    /// Its weight in a parent's roll-up (T-2): 0 or more.
    #[schema(minimum = 0)]
    pub weight: Option<f64>,
    #[schema(schema_with = super::classification_input_schema)]
    pub classification: Option<String>,
    /// `true` to give the task from a document that another replaced
    /// (D-LINK-1); without it such a document is refused (422, rule
    /// D-LINK-1) with the replacing document's number.
    pub replaced_source_confirmed: Option<bool>,
}

/// Gives the task today, with its audit entry (`task_create`). Who may:
/// a role that writes on the assignee (the facet's `may_assign`), cleared
/// for the classification (T-6).
#[utoipa::path(
    post,
    path = "/api/v1/tasks",
    tag = "tasks",
    operation_id = "create_task",
    request_body = NewTaskBody,
    responses(
        (status = 201, description = "Given; `Location` is its URL", body = TaskView,
         headers(("location" = String, description = "/api/v1/tasks/{id}"))),
        (status = 400, description = "A malformed field or JSON body (a code, a date, a title refused by TEXT-1)",
         body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not give tasks to the organization", body = ErrorBody),
        (status = 404, description = "No such document", body = ErrorBody),
        (status = 409, description = "The organization does not exist today", body = ErrorBody),
        (status = 422, description = "No such organization; a rule refuses it: a classification above the caller's clearance (T-6), \
                                      a negative weight, a replaced document without `replaced_source_confirmed` (D-LINK-1)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn create(
    caller: ApiCaller,
    ApiJson(body): ApiJson<NewTaskBody>,
) -> ApiResult<(StatusCode, [(header::HeaderName, String); 1], Json<TaskView>)> {
    let today = today();
    let org = code_param("org", &body.org)?;
    enum_field("classification", body.classification.as_deref(), &LEVELS.map(|c| c.code()))?;
    let values = TaskValues {
        document: body.document.to_string(),
        clause: body.clause.unwrap_or_default(),
        title: body.title,
        org: org.to_string(),
        deadline: deadline_field("deadline", body.deadline.as_deref())?,
        weight: number_field(bounded("weight", body.weight, 0.0, f64::MAX)?),
        classification: body.classification.unwrap_or_default(),
        confirm_replaced: if body.replaced_source_confirmed == Some(true) { "1".into() } else { String::new() },
    };
    let new = task_from(&values, &org, today).map_err(|r| refusal(&r[0]))?;
    let scoped = caller.scoped();
    if values.confirm_replaced != "1"
        && let Ok(Some(d)) = scoped.documents().document(new.document_id).await
        && let Some((_, by)) = scoped.documents().replaced_among(&[d.id]).await?.pop()
    {
        return Err(ApiError {
            rule: Some("D-LINK-1"),
            ..ApiError::new(
                ErrorCode::Unprocessable,
                format!(
                    "{} was replaced by {by}: give the task from {by}, or set replaced_source_confirmed",
                    d.number_label()
                ),
            )
        });
    }
    let task = scoped.tasks().create_task(&new, &caller.address).await.map_err(super::unknown_org_in_body)?;
    let location = format!("/api/v1/tasks/{}", task.id);
    let view = task_view(&scoped, task, today).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(view)))
}
