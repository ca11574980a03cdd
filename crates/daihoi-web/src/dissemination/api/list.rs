//! `GET /api/v1/orgs/{code}/disseminations`: the conferences held in a subtree.

use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ConferenceSummary, Documents, holder_ref, summary};
use crate::api::CodePath;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiPath, ApiQuery, ApiResult, ErrorBody};

/// The largest `limit`.
pub const MAX_LIMIT: u32 = 500;
/// The `limit` when none is given (the page lists 200).
pub const DEFAULT_LIMIT: u32 = 200;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConferenceListQuery {
    /// Conferences to return: 1 to 500 (default 200).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
}

/// The newest conferences of a subtree.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConferenceList {
    /// Newest first (then by id, descending).
    pub items: Vec<ConferenceSummary>,
    /// Conferences held in the subtree that the caller is cleared for, over all.
    pub total: u64,
    pub limit: u32,
}

/// The conferences held by the organizations of the subtree (on each
/// conference's day), newest first, as `/orgs/{code}/disseminations` lists
/// them; those the caller is not cleared for are left out in the store,
/// before the limit and the count (T-6).
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/disseminations",
    tag = "dissemination",
    operation_id = "org_disseminations",
    params(CodePath, ConferenceListQuery),
    responses(
        (status = 200, description = "The newest conferences of the subtree", body = ConferenceList),
        (status = 400, description = "A bad code or limit", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Outside the caller's roles", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn list(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<ConferenceListQuery>,
) -> ApiResult<Json<ConferenceList>> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::bad_request(format!("limit: {limit} is not between 1 and {MAX_LIMIT}")));
    }
    let scoped = caller.scoped();
    let node = crate::orgs::api::find(&scoped, &code, crate::page::today()).await?;
    let (found, total) = scoped.disseminations().disseminations_in(&node, limit).await?;
    let mut documents = Documents::default();
    let mut items = Vec::with_capacity(found.len());
    for c in found {
        let docs = documents.of(&caller, &c.dissemination).await?;
        let holder = holder_ref(c.holder_code.clone(), c.holder_name.clone());
        items.push(summary(&c.dissemination, holder, docs, c.members, c.orgs));
    }
    Ok(Json(ConferenceList { items, total, limit }))
}
