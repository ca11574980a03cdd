//! `GET /api/v1/documents?q=&limit=`: the register, searched.

use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::DocumentSummary;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiQuery, ApiResult, ErrorBody};
use crate::api::schema::MAX_QUERY_CHARS;

/// The largest `limit`.
pub const MAX_LIMIT: u32 = 500;
/// The `limit` when none is given.
pub const DEFAULT_LIMIT: u32 = 50;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words of a number, title or summary, at most 200 characters; case
    /// and diacritics are ignored (`ke hoach` finds "Kế hoạch"). Absent or
    /// empty: the whole register.
    #[param(example = "439-KH", max_length = 200)]
    pub q: Option<String>,
    /// Documents to return: 1 to 500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
}

/// The documents found, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentList {
    /// Newest issue date first; only documents the caller is cleared for (T-6).
    pub items: Vec<DocumentSummary>,
    pub limit: u32,
}

/// The register as the `/documents` page lists it: documents whose number,
/// title or summary hold every word of `q`, newest first, cut to those the
/// caller is cleared for (T-6) before the limit.
#[utoipa::path(
    get,
    path = "/api/v1/documents",
    tag = "documents",
    operation_id = "search_documents",
    params(SearchQuery),
    responses(
        (status = 200, description = "The documents found, newest first", body = DocumentList),
        (status = 400, description = "A bad search or limit", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn search(caller: ApiCaller, ApiQuery(query): ApiQuery<SearchQuery>) -> ApiResult<Json<DocumentList>> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::bad_request(format!("limit: {limit} is not between 1 and {MAX_LIMIT}")));
    }
    let q = query.q.unwrap_or_default();
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::bad_request(format!("q: more than {MAX_QUERY_CHARS} characters")));
    }
    let found = caller.scoped().documents().search_documents(&q, limit).await?;
    Ok(Json(DocumentList { items: found.iter().map(DocumentSummary::from).collect(), limit }))
}
