//! The document register (sổ văn bản): a searchable list, a document with
//! its links both ways (D-LINK-1) and its files, and the files themselves.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use daihoi_store::documents::{Document, DocumentFile};
use serde::Deserialize;

use super::Nav;
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::pages::orgs::OrgLine;

/// A document as a line of a list.
pub struct DocumentLine {
    pub id: i64,
    pub number: String,
    pub issued_on: String,
    pub title: String,
}

fn line(tr: Tr, d: &Document) -> DocumentLine {
    DocumentLine { id: d.id, number: d.number_label(), issued_on: tr.date(d.issued_on), title: d.title.clone() }
}

#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    pub q: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "documents.html")]
pub struct DocumentsPage {
    tr: Tr,
    nav: Nav,
    q: String,
    documents: Vec<DocumentLine>,
}

/// `GET /documents?q=`: the register, newest first, searched by number,
/// title or summary without diacritics.
pub async fn list(caller: Caller, Query(p): Query<SearchParams>) -> Result<DocumentsPage, WebError> {
    let q = p.q.unwrap_or_default();
    let found = caller.scoped().search_documents(&q, 200).await?;
    Ok(DocumentsPage {
        tr: caller.tr,
        nav: caller.nav(),
        documents: found.iter().map(|d| line(caller.tr, d)).collect(),
        q,
    })
}

/// A link as the page shows it: a Fluent key for the relation as seen from
/// this document (`link-guided_by`), and the other document.
pub struct LinkLine {
    pub key: String,
    pub other: DocumentLine,
}

/// How far the document has reached in one of the user's subtrees
/// (học tập, quán triệt), today.
pub struct CoverageLine {
    pub org: OrgLine,
    pub members_reached: u64,
    pub members_total: u64,
    pub orgs_reached: u64,
    pub orgs_total: u64,
    /// The first organizations not reached, and how many more there are.
    pub not_reached: Vec<OrgLine>,
    pub more: usize,
}

/// How many unreached organizations a page lists.
const NOT_REACHED_SHOWN: usize = 30;

#[derive(Template, WebTemplate)]
#[template(path = "document.html")]
pub struct DocumentPage {
    tr: Tr,
    nav: Nav,
    doc: DocumentLine,
    summary: String,
    links: Vec<LinkLine>,
    files: Vec<DocumentFile>,
    coverage: Vec<CoverageLine>,
}

/// `GET /documents/{id}`
pub async fn show(caller: Caller, Path(id): Path<i64>) -> Result<DocumentPage, WebError> {
    let scoped = caller.scoped();
    let d = scoped.document(id).await?.ok_or(WebError::NotFound)?;
    let links = scoped
        .document_links(&d)
        .await?
        .iter()
        .map(|l| LinkLine { key: format!("link-{}", l.kind.code_in(l.direction)), other: line(caller.tr, &l.other) })
        .collect();
    let today = super::today();
    let mut coverage = Vec::new();
    for root in scoped.roots(today).await? {
        let c = scoped.coverage(d.id, &root, today).await?;
        coverage.push(CoverageLine {
            org: (&root).into(),
            members_reached: c.members_reached,
            members_total: c.members_total,
            orgs_reached: c.orgs_reached,
            orgs_total: c.orgs_total,
            more: c.not_reached.len().saturating_sub(NOT_REACHED_SHOWN),
            not_reached: c.not_reached.iter().take(NOT_REACHED_SHOWN).map(OrgLine::from).collect(),
        });
    }
    Ok(DocumentPage {
        tr: caller.tr,
        nav: caller.nav(),
        coverage,
        summary: d.summary.clone(),
        files: scoped.document_files(&d).await?,
        links,
        doc: line(caller.tr, &d),
    })
}

/// `GET /documents/files/{id}`: the file as it was attached.
pub async fn file(caller: Caller, Path(id): Path<i64>) -> Result<Response, WebError> {
    let (meta, content) = caller.scoped().file(id).await?.ok_or(WebError::NotFound)?;
    let disposition = format!("attachment; filename*=UTF-8''{}", crate::error::urlencode(&meta.file_name));
    Ok((
        [
            (header::CONTENT_TYPE, meta.media_type),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        content,
    )
        .into_response())
}
