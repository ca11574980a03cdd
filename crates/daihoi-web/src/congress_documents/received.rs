//! The lower organization's side (`/orgs/{code}/congress/received…`): the
//! drafts sent down to it, one with its latest version's line numbers and
//! the comments it recorded (not the other organizations'), the form that
//! records a comment or an amendment agreed at a meeting (anchored to the
//! whole document, a paragraph by its number, or a line range), and the
//! form that sends its synthesis up (C-PLAN-6). Its office writes.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_drafts::{Anchor, Change, DraftText};
use daihoi_store::StoreError;
use daihoi_store::congress_documents::{CongressDocument, NewComment};
use daihoi_store::orgs::OrgNode;
use serde::Deserialize;

use super::view::{CommentView, SectionView, classification_label, comment_view, kind_label, refusal, sections};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path, org_today, today};

/// `?saved=`.
#[derive(Debug, Default, Deserialize)]
pub struct ReceivedParam {
    pub saved: Option<String>,
}

/// A draft sent to the organization.
pub struct ReceivedLine {
    pub id: i64,
    pub from: String,
    pub kind: String,
    pub title: String,
    pub classification: String,
}

/// The drafts sent down to an organization.
#[derive(Template, WebTemplate)]
#[template(path = "congress_received.html")]
pub struct ReceivedPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    drafts: Vec<ReceivedLine>,
}

/// `GET /orgs/{code}/congress/received`.
pub async fn list(caller: Caller, Path(code): Path<String>) -> Result<ReceivedPage, WebError> {
    let node = org_today(&caller, &code).await?;
    let tr = caller.tr;
    let drafts = caller
        .scoped()
        .congress_documents()
        .received(&node)
        .await?
        .iter()
        .map(|d| ReceivedLine {
            id: d.id,
            from: format!("{} ({})", d.org_name, d.org_code),
            kind: kind_label(tr, &d.kind),
            title: d.title.clone(),
            classification: classification_label(tr, d),
        })
        .collect();
    Ok(ReceivedPage { tr, nav: caller.nav(), org: (&node).into(), drafts })
}

/// A draft sent to the organization: its latest version, its own comments
/// and the forms of its office.
#[derive(Template, WebTemplate)]
#[template(path = "congress_received_document.html")]
pub struct ReceivedDocumentPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    id: i64,
    from: String,
    kind: String,
    title: String,
    classification: String,
    version: Option<u32>,
    text: Vec<SectionView>,
    line_count: u32,
    comments: Vec<CommentView>,
    may_comment: bool,
    saved: bool,
    problems: Vec<String>,
    today: String,
}

async fn received(caller: &Caller, node: &OrgNode, id: i64) -> Result<CongressDocument, WebError> {
    caller.scoped().congress_documents().received_document(node, id).await?.ok_or(WebError::NotFound)
}

async fn received_page(
    caller: &Caller,
    node: OrgNode,
    document: CongressDocument,
    saved: bool,
    problems: Vec<String>,
) -> Result<ReceivedDocumentPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let docs = scoped.congress_documents();
    let versions = docs.versions(&document).await?;
    let latest = versions.last();
    let comments = docs.comments_from(&node, &document).await?;
    Ok(ReceivedDocumentPage {
        tr,
        nav: caller.nav(),
        id: document.id,
        from: format!("{} ({})", document.org_name, document.org_code),
        kind: kind_label(tr, &document.kind),
        title: document.title.clone(),
        classification: classification_label(tr, &document),
        version: latest.map(|v| v.number),
        text: latest.map(|v| sections(&v.text)).unwrap_or_default(),
        line_count: latest.map_or(0, |v| v.text.lines().count()),
        comments: comments.iter().map(|c| comment_view(tr, c, &versions)).collect(),
        may_comment: docs.may_comment_for(&node),
        saved,
        problems,
        today: daihoi_core::date::iso(today()),
        org: (&node).into(),
    })
}

/// `GET /orgs/{code}/congress/received/{document}`.
pub async fn show(
    caller: Caller,
    Path((code, id)): Path<(String, i64)>,
    Query(p): Query<ReceivedParam>,
) -> Result<ReceivedDocumentPage, WebError> {
    let node = org_today(&caller, &code).await?;
    let document = received(&caller, &node, id).await?;
    received_page(&caller, node, document, p.saved.is_some(), Vec::new()).await
}

/// The comment forms (a received draft's page, a congress's own draft's
/// page) and the synthesis form.
#[derive(Debug, Default, Deserialize)]
pub struct CommentForm {
    /// `document`, `paragraph`, `paragraphs` or `lines`.
    #[serde(default)]
    pub anchor: String,
    /// For `paragraph`: the paragraph's number.
    #[serde(default)]
    pub paragraph: String,
    /// For `paragraphs`: the first and the last paragraph's numbers.
    #[serde(default)]
    pub first: String,
    #[serde(default)]
    pub last: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub amendment: String,
    #[serde(default)]
    pub meeting: String,
    #[serde(default)]
    pub sent_on: String,
    /// The congress's own draft page: its round.
    #[serde(default)]
    pub round: String,
    /// The congress's own draft page: `person` (a member's comment, named
    /// in `person`) or the code of the organization it comes from.
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub person: String,
}

/// The anchor and amendment a comment form names, on `text` (the
/// version it is made on): a paragraph by its number in the version;
/// several paragraphs of one section by the first's and the last's, whose
/// replacement is one paragraph per block of lines (a blank line between).
pub(crate) fn anchored(
    tr: Tr,
    form: &CommentForm,
    text: &DraftText,
) -> Result<(Anchor, Option<Change>), Result<String, WebError>> {
    let number = |field: &str| field.trim().parse::<u32>().map_err(|_| Ok(tr.t("draft-problem-anchor")));
    let paragraph = |n: u32| {
        let id = text.paragraphs().nth(n.saturating_sub(1) as usize).filter(|_| n > 0).map(|(_, p)| p.id);
        id.ok_or_else(|| {
            let detail = format!("version {} has no paragraph {n}", text.version());
            refusal(tr, StoreError::DraftRefused { rule: "C-PLAN-7", detail })
        })
    };
    let replacement = Some(form.amendment.trim()).filter(|a| !a.is_empty()).map(str::to_owned);
    match form.anchor.trim() {
        "document" | "" => match replacement {
            None => Ok((Anchor::Document, None)),
            Some(_) => Err(Ok(tr.t("draft-problem-amend-document"))),
        },
        "paragraph" => {
            let id = paragraph(number(&form.paragraph)?)?;
            Ok((Anchor::Paragraph { id }, replacement.map(|text| Change::Paragraph { id, text })))
        }
        "paragraphs" => {
            let (first, last) = (paragraph(number(&form.first)?)?, paragraph(number(&form.last)?)?);
            let anchor = Anchor::paragraphs(text, first, last);
            let change = replacement.map(|r| Change::Paragraphs {
                first,
                last,
                paragraphs: super::view::paragraphs_of_text(&r),
            });
            Ok((anchor, change))
        }
        "lines" => {
            let (from, to) = (number(&form.from)?, number(&form.to)?);
            Ok((Anchor::Lines { from, to }, replacement.map(|text| Change::Lines { from, to, text })))
        }
        _ => Err(Ok(tr.t("draft-problem-anchor"))),
    }
}

/// `POST /orgs/{code}/congress/received/{document}/comments`: the
/// organization's office records a comment or an amendment it agreed, on
/// the latest version.
pub async fn comment(
    caller: Caller,
    Path((code, id)): Path<(String, i64)>,
    Form(form): Form<CommentForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let node = org_today(&caller, &code).await?;
    let scoped = caller.scoped();
    let docs = scoped.congress_documents();
    let (_, congress, document) = docs.received_with_congress(&node, id, today()).await?.ok_or(WebError::NotFound)?;
    if !docs.may_comment_for(&node) {
        return Err(WebError::Forbidden);
    }
    let mut problems = Vec::new();
    match docs.latest(&document).await? {
        None => problems.push(tr.t("draft-problem-no-version")),
        Some(latest) => match anchored(tr, &form, &latest.text) {
            Err(problem) => problems.push(problem?),
            Ok((anchor, amendment)) => {
                let meeting = Some(form.meeting.trim()).filter(|m| !m.is_empty());
                let new = NewComment {
                    version: latest.number,
                    anchor,
                    text: &form.text,
                    amendment,
                    source_org: Some(&node.code),
                    person: None,
                    meeting,
                };
                match docs.record_comment(&congress, &document, &new, today(), &caller.address).await {
                    Ok(_) => {}
                    Err(StoreError::Forbidden(_)) => return Err(WebError::Forbidden),
                    Err(e) => problems.push(refusal(tr, e)?),
                }
            }
        },
    }
    finish(&caller, node, document, problems).await
}

async fn finish(
    caller: &Caller,
    node: OrgNode,
    document: CongressDocument,
    problems: Vec<String>,
) -> Result<Response, WebError> {
    if problems.is_empty() {
        let to = format!("/orgs/{}/congress/received/{}?saved=1", node.code, document.id);
        return Ok(Redirect::to(&to).into_response());
    }
    let page = received_page(caller, node, document, false, problems).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST /orgs/{code}/congress/received/{document}/synthesis`: the office
/// records the day its synthesis was sent up (C-PLAN-6).
pub async fn synthesis(
    caller: Caller,
    Path((code, id)): Path<(String, i64)>,
    Form(form): Form<CommentForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let node = org_today(&caller, &code).await?;
    let document = received(&caller, &node, id).await?;
    let scoped = caller.scoped();
    let docs = scoped.congress_documents();
    if !docs.may_comment_for(&node) {
        return Err(WebError::Forbidden);
    }
    let mut problems = Vec::new();
    match daihoi_core::date::from_iso(form.sent_on.trim()) {
        None => problems.push(tr.t("draft-problem-date")),
        Some(on) => match docs.send_synthesis(&node, &document, on, &caller.address).await {
            Ok(_) => {}
            Err(StoreError::Forbidden(_)) => return Err(WebError::Forbidden),
            Err(e) => problems.push(refusal(tr, e)?),
        },
    }
    finish(&caller, node, document, problems).await
}
