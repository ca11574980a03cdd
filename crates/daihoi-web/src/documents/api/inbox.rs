//! `GET /api/v1/orgs/{code}/documents/inbox` and `…/documents/incoming`:
//! an office's document inbox and its incoming register (sổ văn bản đến).

use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::DocumentSummary;
use super::incoming::{ArrivalView, ForwardView, InboxItem};
use crate::api::CodePath;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::orgs::api::find;
use crate::page::today;

/// An office's document inbox.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentInboxView {
    pub total: u64,
    pub unreceived: u64,
    /// Not received first, then the newest; the first 100.
    pub items: Vec<InboxItem>,
}

/// The documents forwarded to the organization (those the caller is
/// cleared for), for its office: a role that writes on it.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/documents/inbox",
    tag = "documents",
    operation_id = "document_inbox",
    params(CodePath),
    responses(
        (status = 200, description = "The inbox", body = DocumentInboxView),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write on the organization", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn inbox(caller: ApiCaller, ApiPath(code): ApiPath<String>) -> ApiResult<Json<DocumentInboxView>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let got = scoped.documents().inbox(&node, 100).await?;
    Ok(Json(DocumentInboxView {
        total: got.total,
        unreceived: got.unreceived,
        items: got
            .items
            .iter()
            .map(|(f, d)| InboxItem { forward: ForwardView::from(f), document_summary: DocumentSummary::from(d) })
            .collect(),
    }))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IncomingQuery {
    /// The year (default: the latest with entries, else this year).
    #[param(minimum = 1900, maximum = 9999)]
    pub year: Option<i32>,
}

/// One line of an incoming register.
#[derive(Debug, Serialize, ToSchema)]
pub struct IncomingLine {
    pub arrival: ArrivalView,
    pub document: DocumentSummary,
}

/// An incoming register for a year.
#[derive(Debug, Serialize, ToSchema)]
pub struct IncomingRegister {
    pub year: i32,
    /// The years with entries, latest first.
    pub years: Vec<i32>,
    /// By arrival number; documents above the caller's clearance left out (T-6).
    pub lines: Vec<IncomingLine>,
}

/// The organization's incoming register (sổ văn bản đến) for a year, for
/// a role that reads the organization's page.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/documents/incoming",
    tag = "documents",
    operation_id = "incoming_register",
    params(CodePath, IncomingQuery),
    responses(
        (status = 200, description = "The register", body = IncomingRegister),
        (status = 400, description = "Not a code; a bad year", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn incoming(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<IncomingQuery>,
) -> ApiResult<Json<IncomingRegister>> {
    let scoped = caller.scoped();
    let day = today();
    let node = find(&scoped, &code, day).await?;
    if let Some(y) = query.year
        && !(1900..=9999).contains(&y)
    {
        return Err(ApiError::bad_request(format!("year: {y} is not between 1900 and 9999")));
    }
    let years = scoped.documents().incoming_years(&node).await?;
    let year = query.year.or(years.first().copied()).unwrap_or(day.year());
    let lines = scoped
        .documents()
        .incoming_register(&node, year)
        .await?
        .iter()
        .map(|(a, d)| IncomingLine { arrival: ArrivalView::from(a), document: DocumentSummary::from(d) })
        .collect();
    Ok(Json(IncomingRegister { year, years, lines }))
}
