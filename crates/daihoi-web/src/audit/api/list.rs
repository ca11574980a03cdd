//! `GET /api/v1/audit`: a page of the audit log.

use axum::Json;
use daihoi_store::audit::{AuditEntry, AuditFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiQuery, ApiResult, ErrorBody};
use crate::api::schema::{MAX_OFFSET, MAX_QUERY_CHARS};

/// The largest `limit`.
pub const MAX_LIMIT: u64 = 500;
/// The `limit` when none is given (the page's size).
pub const DEFAULT_LIMIT: u64 = 100;

/// The filters of the `/audit` page, and a page of the result.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only the entries of this actor (a login, `cli:<user>` for the command
    /// line), exactly; case does not matter. Empty: every actor.
    #[param(example = "qt.admin", max_length = 200)]
    pub actor: Option<String>,
    /// Only the entries of this action (`create_org`, `import_members`, …),
    /// exactly. Empty: every action.
    #[param(example = "create_org", max_length = 200)]
    pub action: Option<String>,
    /// From this day on (`yyyy-mm-dd`, a day in Vietnam, included).
    #[param(format = Date, example = "2026-11-01")]
    pub from: Option<String>,
    /// Up to this day (`yyyy-mm-dd`, a day in Vietnam, included).
    #[param(format = Date, example = "2026-11-30")]
    pub to: Option<String>,
    /// Entries to skip (default 0).
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
    /// Entries to return: 1 to 500 (default 100).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

/// A page of the audit log, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditList {
    pub items: Vec<AuditItem>,
    /// Entries that match, over all pages.
    pub total: u64,
    pub offset: u64,
    pub limit: u64,
}

/// One entry, with the columns of the `/audit` page.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditItem {
    /// Its number in the log.
    pub id: i64,
    /// When, RFC 3339 in UTC.
    #[schema(format = DateTime, example = "2026-11-28T03:15:00Z")]
    pub at: String,
    /// Who: a login, or `cli:<user>` for the command line.
    #[schema(example = "qt.admin")]
    pub actor: String,
    /// From where (the client's address).
    #[schema(example = "127.0.0.1")]
    pub address: String,
    #[schema(example = "create_org")]
    pub action: String,
    /// What it is about (an organization's code, a file's name, …).
    #[schema(example = "QN.DH.QT.CB03")]
    pub subject: String,
    pub detail: String,
}

impl From<AuditEntry> for AuditItem {
    fn from(e: AuditEntry) -> Self {
        AuditItem {
            id: e.id,
            at: e.at,
            actor: e.actor,
            address: e.address,
            action: e.action,
            subject: e.subject,
            detail: e.detail,
        }
    }
}

/// A day filter: absent is none, present must be a date.
fn day(name: &str, text: Option<&str>) -> ApiResult<Option<String>> {
    match text {
        None => Ok(None),
        Some(text) => match daihoi_core::date::from_iso(text) {
            Some(d) => Ok(Some(crate::api::date_text(d))),
            None => Err(ApiError::bad_request(format!("{name}: {text:?} is not a date (expected yyyy-mm-dd)"))),
        },
    }
}

/// A text filter of at most 200 characters.
fn word(name: &str, text: Option<String>) -> ApiResult<Option<String>> {
    if let Some(t) = &text
        && t.chars().count() > MAX_QUERY_CHARS
    {
        return Err(ApiError::bad_request(format!("{name}: more than {MAX_QUERY_CHARS} characters")));
    }
    Ok(text)
}

/// The entries of the subtrees where the caller's roles read the log, and
/// the caller's own actions, newest first, with the `/audit` page's
/// filters. T-6: an entry about an object classified above the caller's
/// clearance is left out (even the caller's own), as on the page.
#[utoipa::path(
    get,
    path = "/api/v1/audit",
    tag = "audit",
    operation_id = "list_audit",
    params(AuditQuery),
    responses(
        (status = 200, description = "A page of entries, newest first", body = AuditList),
        (status = 400, description = "A bad date, filter, offset or limit", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "No role of the caller reads the log", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn list(caller: ApiCaller, ApiQuery(query): ApiQuery<AuditQuery>) -> ApiResult<Json<AuditList>> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::bad_request(format!("limit: {limit} is not between 1 and {MAX_LIMIT}")));
    }
    let offset = query.offset.unwrap_or(0);
    if offset > MAX_OFFSET {
        return Err(ApiError::bad_request(format!("offset: {offset} is more than {MAX_OFFSET}")));
    }
    let from = day("from", query.from.as_deref())?;
    let to = day("to", query.to.as_deref())?;
    let actor = word("actor", query.actor)?;
    let action = word("action", query.action)?;
    let scoped = caller.scoped();
    if !scoped.audit().may_open() {
        return Err(ApiError::forbidden());
    }
    let filter = AuditFilter { actor, action, from, to, offset, limit };
    let (entries, total) = scoped.audit().audit_entries(&filter).await?;
    Ok(Json(AuditList { items: entries.into_iter().map(AuditItem::from).collect(), total, offset, limit }))
}
