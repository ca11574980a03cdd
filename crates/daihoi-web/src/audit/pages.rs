//! The audit log (nhật ký): who did what, when, from where; filterable.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use daihoi_store::audit::{AuditEntry, AuditFilter};
use serde::Deserialize;

use crate::WebError;
use crate::access::Caller;
use crate::error::urlencode;
use crate::i18n::Tr;
use crate::page::Nav;

const PAGE_SIZE: u64 = 100;

#[derive(Debug, Default, Deserialize)]
pub struct AuditParams {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: Option<u64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "audit.html")]
pub struct AuditPage {
    tr: Tr,
    nav: Nav,
    actor: String,
    action: String,
    from: String,
    to: String,
    entries: Vec<AuditEntry>,
    total: u64,
    page: u64,
    pages: u64,
    /// The filter as a query string, for the pager's links.
    query: String,
}

/// `GET /audit?actor=&action=&from=&to=&page=`: the entries of the subtrees
/// where the user's roles read the log, and the user's own actions.
pub async fn list(caller: Caller, Query(p): Query<AuditParams>) -> Result<AuditPage, WebError> {
    if !caller.scoped().audit().may_open() {
        return Err(WebError::Forbidden);
    }
    let page = p.page.unwrap_or(1).max(1);
    let clean = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or("").to_owned();
    let (actor, action, from, to) = (clean(&p.actor), clean(&p.action), clean(&p.from), clean(&p.to));
    for d in [&from, &to] {
        if !d.is_empty() && daihoi_core::date::from_iso(d).is_none() {
            return Err(WebError::BadDate(d.clone()));
        }
    }
    let filter = AuditFilter {
        actor: Some(actor.clone()),
        action: Some(action.clone()),
        from: Some(from.clone()),
        to: Some(to.clone()),
        offset: (page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
    };
    let (entries, total) = caller.scoped().audit().audit_entries(&filter).await?;
    let query = format!(
        "actor={}&action={}&from={}&to={}",
        urlencode(&actor),
        urlencode(&action),
        urlencode(&from),
        urlencode(&to)
    );
    Ok(AuditPage {
        tr: caller.tr,
        nav: caller.nav(),
        actor,
        action,
        from,
        to,
        entries,
        total,
        page,
        pages: total.div_ceil(PAGE_SIZE).max(1),
        query,
    })
}
