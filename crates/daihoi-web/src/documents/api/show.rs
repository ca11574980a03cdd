//! `GET /api/v1/documents/{id}`: a document as its page shows it.

use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use super::{DocumentSummary, FileInfo, find, id_param};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiPath, ApiResult, ErrorBody};

/// How many organizations not reached a coverage lists (as the page).
const NOT_REACHED_SHOWN: usize = 30;

/// A document with its summary, register, links, files and coverage.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentDetail {
    #[serde(flatten)]
    pub document: DocumentSummary,
    pub summary: String,
    /// The organization whose register holds it, when the caller may see
    /// that organization; else `null`.
    #[schema(example = "QN.DH.QT")]
    pub register: Option<String>,
    /// The caller writes in that register: may attach files and link it.
    pub editable: bool,
    /// Its links both ways (D-LINK-1), leaving out documents the caller is
    /// not cleared for (T-6).
    pub links: Vec<Link>,
    pub files: Vec<FileInfo>,
    /// How far it has reached in each of the caller's subtrees, today.
    pub coverage: Vec<Coverage>,
    /// The documents that replaced it (D-LINK-1), those the caller is
    /// cleared for: a replaced document is no longer studied, and a task
    /// from it needs `replaced_source_confirmed`.
    pub replaced_by: Vec<DocumentSummary>,
    /// Its arrivals in the incoming registers the caller reads (sổ văn bản đến).
    pub arrivals: Vec<super::incoming::ArrivalView>,
    /// The copies forwarded, whose sender or recipient the caller reads.
    pub forwards: Vec<super::incoming::ForwardView>,
}

/// A link as seen from this document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Link {
    #[schema(schema_with = crate::api::schema::link_kind)]
    pub kind: String,
    pub document: DocumentSummary,
}

/// How far a document has reached in a subtree today (học tập, quán triệt):
/// members enrolled who attended a conference covering it, cells reached.
#[derive(Debug, Serialize, ToSchema)]
pub struct Coverage {
    /// The root of the caller's role.
    #[schema(example = "QN.DH.QT")]
    pub org: String,
    pub org_name: String,
    pub members_reached: u64,
    pub members_total: u64,
    pub orgs_reached: u64,
    pub orgs_total: u64,
    /// The first 30 cells not reached, by path (none for a replaced
    /// document, which is no longer studied).
    pub not_reached: Vec<OrgRef>,
    /// How many more cells are not reached.
    pub more: u64,
}

/// An organization named in an answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrgRef {
    #[schema(example = "QN.DH.QT.CB01")]
    pub code: String,
    pub name: String,
}

impl From<&daihoi_store::orgs::OrgNode> for OrgRef {
    fn from(n: &daihoi_store::orgs::OrgNode) -> OrgRef {
        OrgRef { code: n.code.to_string(), name: n.name.clone() }
    }
}

/// A document the caller is cleared for, as `/documents/{id}` shows it.
#[utoipa::path(
    get,
    path = "/api/v1/documents/{id}",
    tag = "documents",
    operation_id = "show_document",
    params(("id" = i64, Path, description = "Document id", minimum = 1)),
    responses(
        (status = 200, description = "The document", body = DocumentDetail),
        (status = 400, description = "An id that is not a positive number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not cleared for it (T-6)", body = ErrorBody),
        (status = 404, description = "No such document", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn show(caller: ApiCaller, ApiPath(id): ApiPath<i64>) -> ApiResult<Json<DocumentDetail>> {
    let scoped = caller.scoped();
    let d = find(&scoped, id_param(id)?).await?;
    let today = crate::page::today();
    let links = scoped
        .documents()
        .document_links(&d)
        .await?
        .iter()
        .map(|l| Link { kind: l.kind.code_in(l.direction).to_owned(), document: DocumentSummary::from(&l.other) })
        .collect();
    let replaced_by: Vec<DocumentSummary> =
        scoped.documents().replaced_by(&d).await?.iter().map(DocumentSummary::from).collect();
    // A replaced document is no longer studied: no list of who has not (as the page).
    let listed = if replaced_by.is_empty() { NOT_REACHED_SHOWN } else { 0 };
    let mut coverage = Vec::new();
    for root in scoped.orgs().roots(today).await? {
        let c = scoped.disseminations().coverage(&d, &root, today).await?;
        coverage.push(Coverage {
            org: root.code.to_string(),
            org_name: root.name.clone(),
            members_reached: c.members_reached,
            members_total: c.members_total,
            orgs_reached: c.orgs_reached,
            orgs_total: c.orgs_total,
            more: if listed == 0 { 0 } else { c.not_reached.len().saturating_sub(listed) as u64 },
            not_reached: c.not_reached.iter().take(listed).map(OrgRef::from).collect(),
        });
    }
    let register = match d.org_id {
        Some(org_id) => scoped.orgs().org_by_id(org_id, today).await?.map(|n| n.code.to_string()),
        None => None,
    };
    let arrivals = scoped.documents().arrivals(&d).await?.iter().map(super::incoming::ArrivalView::from).collect();
    let forwards = scoped.documents().forwards(&d).await?.iter().map(super::incoming::ForwardView::from).collect();
    Ok(Json(DocumentDetail {
        replaced_by,
        arrivals,
        forwards,
        editable: scoped.documents().document_register(&d, today).await?.is_some(),
        register,
        links,
        files: scoped.documents().document_files(&d).await?.iter().map(FileInfo::from).collect(),
        coverage,
        summary: d.summary.clone(),
        document: DocumentSummary::from(&d),
    }))
}
