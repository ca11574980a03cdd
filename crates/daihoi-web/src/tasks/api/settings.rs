//! `GET` and `PUT /api/v1/orgs/{code}/tracking/settings`: the \[open\]
//! tracking rules of a subtree (T-3).

use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{RulesChosen, enum_field};
use crate::api::CodePath;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::orgs::api::find;
use crate::page::today;
use crate::tasks::settings::{MAX_WINDOW_DAYS, SettingsForm, rules_from};

/// The rules that apply to a subtree.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrackingSettings {
    #[schema(schema_with = crate::api::schema::org_code)]
    pub org: String,
    /// The rules and who chose them; `null` when nobody chose (statuses on
    /// the deadline day are then undetermined, and there is no roll-up).
    pub chosen: Option<RulesChosen>,
    /// The rules were chosen for this organization itself (not inherited
    /// from one above).
    pub own: bool,
    /// The caller may choose them (an administrator of the subtree).
    pub may_choose: bool,
}

/// A choice of rules: every field is needed, nothing is filled in.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesBody {
    #[schema(schema_with = super::deadline_day_schema)]
    pub deadline_day: String,
    #[schema(minimum = 0, maximum = 366)]
    #[serde(deserialize_with = "super::integer")]
    pub due_soon_days: u32,
    #[schema(schema_with = super::unreported_schema)]
    pub unreported: String,
}

async fn settings_of(caller: &ApiCaller, code: &str) -> ApiResult<TrackingSettings> {
    let today = today();
    let scoped = caller.scoped();
    let node = find(&scoped, code, today).await?;
    let setting = scoped.tasks().tracking_setting(&node, today).await?;
    Ok(TrackingSettings {
        org: node.code.to_string(),
        own: setting.as_ref().is_some_and(|s| s.org_id == node.id),
        chosen: setting.as_ref().map(RulesChosen::from),
        may_choose: scoped.tasks().may_choose_tracking_rules(&node),
    })
}

/// The rules that apply to the subtree today and who chose them, for any
/// role that reads the organization's page.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/tracking/settings",
    tag = "tasks",
    operation_id = "tracking_settings",
    params(CodePath),
    responses(
        (status = 200, description = "The rules", body = TrackingSettings),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn settings(caller: ApiCaller, ApiPath(code): ApiPath<String>) -> ApiResult<Json<TrackingSettings>> {
    Ok(Json(settings_of(&caller, &code).await?))
}

/// Chooses the rules of the subtree, with an audit entry
/// (`tracking_rules`). Who may: an administrator of the subtree (the
/// facet's `may_choose_tracking_rules`).
#[utoipa::path(
    put,
    path = "/api/v1/orgs/{code}/tracking/settings",
    tag = "tasks",
    operation_id = "set_tracking_settings",
    params(CodePath),
    request_body = RulesBody,
    responses(
        (status = 200, description = "Chosen: the rules that now apply", body = TrackingSettings),
        (status = 400, description = "Not a code; a malformed field or JSON body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not choose the rules here", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn set_settings(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<RulesBody>,
) -> ApiResult<Json<TrackingSettings>> {
    enum_field("deadline_day", Some(&body.deadline_day), &["by", "before"])?;
    enum_field("unreported", Some(&body.unreported), &["zero", "skip"])?;
    if body.due_soon_days > MAX_WINDOW_DAYS {
        return Err(ApiError::bad_request(format!("due_soon_days: more than {MAX_WINDOW_DAYS}")));
    }
    let form = SettingsForm {
        deadline_day: body.deadline_day,
        due_soon_days: body.due_soon_days.to_string(),
        unreported: body.unreported,
    };
    let rules = rules_from(&form).ok_or_else(|| ApiError::bad_request("deadline_day, due_soon_days, unreported"))?;
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    scoped.tasks().set_tracking_rules(&node, &rules, &caller.address).await?;
    Ok(Json(settings_of(&caller, &code).await?))
}
