//! The congress's side (`/orgs/{code}/congress/documents…`): its drafts
//! and the form that makes one; a draft's page (a version with its
//! sections, paragraph and line numbers, the versions, the drafting team,
//! the comments with their dispositions, the accepted amendments taken in,
//! the drafts sent down and the coverage of the syntheses, C-PLAN-6); the
//! word difference of two versions. The forms are the office's (make a
//! draft, name the team, send it down) and the drafting team's (dispose,
//! take the accepted amendments in, write versions: `versions.rs`).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_drafts::{Decision, Disposition, DocumentKind, ParagraphDiff, SpanKind};
use daihoi_store::StoreError;
use daihoi_store::congress_documents::{CongressDocument, MAX_LINE_LENGTH, MIN_LINE_LENGTH, NewDocument};
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::documents::Classification;
use serde::Deserialize;

use super::view::{
    CommentView, SectionView, classification_label, comment_view, congress_of, coverage_text, kind_label, refusal,
    sections, source_label,
};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path, today};

/// `?round=&saved=`.
#[derive(Debug, Default, Deserialize)]
pub struct DraftsParam {
    pub round: Option<String>,
    pub saved: Option<String>,
}

/// A draft in the congress's list.
pub struct DraftLine {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub classification: String,
    pub latest: Option<u32>,
    /// Its comments in words: how many and how many undecided; for a
    /// higher level's draft, whose comments are decided by its issuer,
    /// how many and whether the synthesis went up.
    pub comments: String,
    /// A higher level's draft: the body that issued it.
    pub issued_by: Option<String>,
}

/// A congress's drafts (C-PLAN-7) and the form that makes one.
#[derive(Template, WebTemplate)]
#[template(path = "congress_documents.html")]
pub struct DraftsPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: Round,
    drafts: Vec<DraftLine>,
    kinds: Vec<(String, String)>,
    classifications: Vec<(&'static str, String)>,
    may_prepare: bool,
    min_line: u16,
    max_line: u16,
    saved: bool,
    problems: Vec<String>,
}

async fn drafts_page(
    caller: &Caller,
    round: Round,
    congress: Congress,
    saved: bool,
    problems: Vec<String>,
) -> Result<DraftsPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let docs = scoped.congress_documents();
    let mut drafts = Vec::new();
    for d in docs.documents(&congress).await? {
        let latest = docs.latest(&d).await?.map(|v| v.number);
        let comments = docs.comments(&congress, &d).await?;
        drafts.push(DraftLine {
            id: d.id,
            kind: kind_label(tr, &d.kind),
            title: d.title.clone(),
            classification: classification_label(tr, &d),
            latest,
            comments: match &d.issued_by {
                None => tr.t_args(
                    "draft-comment-count",
                    &[
                        ("count", tr.number(comments.len() as u64)),
                        ("undecided", tr.number(comments.iter().filter(|c| c.decided.is_none()).count() as u64)),
                    ],
                ),
                Some(_) => {
                    let up = match d.synthesis_up_on {
                        Some(on) => tr.t1("draft-synthesis-up-on", "on", tr.date(on)),
                        None => tr.t("draft-synthesis-up-not-yet"),
                    };
                    format!("{} · {} {up}", tr.number(comments.len() as u64), tr.t("draft-synthesis-up-short"))
                }
            },
            issued_by: d.issued_by.clone(),
        });
    }
    Ok(DraftsPage {
        tr,
        nav: caller.nav(),
        org: (&congress.org).into(),
        drafts,
        kinds: DocumentKind::CHECKLIST.iter().map(|k| (k.as_str().to_owned(), kind_label(tr, k))).collect(),
        classifications: Classification::ALL
            .iter()
            .filter(|c| scoped.cleared(*c))
            .map(|c| (c.code(), tr.t(&format!("classification-{}", c.code()))))
            .collect(),
        may_prepare: docs.may_prepare(&congress),
        min_line: MIN_LINE_LENGTH,
        max_line: MAX_LINE_LENGTH,
        saved,
        problems,
        round,
    })
}

/// `GET /orgs/{code}/congress/documents?round=`.
pub async fn list(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<DraftsParam>,
) -> Result<DraftsPage, WebError> {
    let (round, congress) = congress_of(&caller, &code, p.round.as_deref()).await?;
    drafts_page(&caller, round, congress, p.saved.is_some(), Vec::new()).await
}

/// The form that makes a draft.
#[derive(Debug, Default, Deserialize)]
pub struct NewDraftForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub classification: String,
    #[serde(default)]
    pub line_length: String,
    /// A higher level's draft: the body that issued it.
    #[serde(default)]
    pub issued_by: String,
}

/// `POST /orgs/{code}/congress/documents`: the office makes a draft and
/// joins its drafting team.
pub async fn create(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<NewDraftForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (round, congress) = congress_of(&caller, &code, Some(&form.round)).await?;
    let scoped = caller.scoped();
    if !scoped.congress_documents().may_prepare(&congress) {
        return Err(WebError::Forbidden);
    }
    let mut problems = Vec::new();
    let kind = form.kind.trim().parse::<DocumentKind>().ok();
    let classification = Classification::from_code(form.classification.trim());
    let line_length = match form.line_length.trim() {
        "" => Some(daihoi_drafts::DEFAULT_LINE_LENGTH),
        n => n.parse::<u16>().ok(),
    };
    match (kind, classification, line_length) {
        (Some(kind), Some(classification), Some(line_length)) => {
            let new = NewDocument { kind, title: &form.title, classification, line_length };
            let docs = scoped.congress_documents();
            let made = match form.issued_by.trim() {
                "" => docs.create_document(&congress, &new, &caller.address).await,
                issuer => docs.create_higher_draft(&congress, &new, issuer, &caller.address).await,
            };
            match made {
                Ok(d) => {
                    let to =
                        format!("/orgs/{}/congress/documents/{}?round={}&saved=1", congress.org.code, d.id, round.code);
                    return Ok(Redirect::to(&to).into_response());
                }
                Err(StoreError::Forbidden(_)) => return Err(WebError::Forbidden),
                Err(e) => problems.push(refusal(tr, e)?),
            }
        }
        (None, _, _) => problems.push(tr.t("draft-problem-kind")),
        (_, None, _) => problems.push(tr.t("draft-problem-classification")),
        (_, _, None) => problems.push(tr.t_args(
            "draft-problem-line-length",
            &[("min", MIN_LINE_LENGTH.to_string()), ("max", MAX_LINE_LENGTH.to_string())],
        )),
    }
    let page = drafts_page(&caller, round, congress, false, problems).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `?round=&version=&saved=`.
#[derive(Debug, Default, Deserialize)]
pub struct DraftParam {
    pub round: Option<String>,
    pub version: Option<String>,
    pub saved: Option<String>,
}

/// A version in the list of versions.
pub struct VersionLine {
    pub number: u32,
    pub source: String,
    pub taken_in: String,
    pub by: String,
    pub at: String,
}

/// A recipient and where it stands with its synthesis (C-PLAN-6).
pub struct CoverageLine {
    pub code: String,
    pub name: String,
    pub sent_on: String,
    pub deadline: String,
    pub state: String,
    /// Whether it sent its synthesis (the page links to it).
    pub sent: bool,
}

/// One draft: a version's text and everything around it.
#[derive(Template, WebTemplate)]
#[template(path = "congress_document.html")]
pub struct DraftPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: Round,
    id: i64,
    kind: String,
    title: String,
    classification: String,
    line_length: u16,
    /// The version shown, its text, and the latest's number.
    shown: Option<u32>,
    text: Vec<SectionView>,
    line_count: u32,
    versions: Vec<VersionLine>,
    team: Vec<String>,
    comments: Vec<CommentView>,
    dispositions: Vec<(&'static str, String)>,
    coverage: Vec<CoverageLine>,
    /// C-PLAN-6 awaiting a person's answer on the comment deadline.
    awaiting: Option<&'static str>,
    on_team: bool,
    may_prepare: bool,
    /// A higher level's draft: its issuer, and the day its synthesis went up.
    issued_by: Option<String>,
    synthesis_up_on: Option<String>,
    /// The organizations whose comments the reader records here (code,
    /// name): the congress's own, those above it (C-PLAN-5).
    comment_sources: Vec<(String, String)>,
    /// Accepted amendments not yet taken in.
    accepted: usize,
    saved: bool,
    problems: Vec<String>,
    today: String,
}

/// The draft `id` of `congress`: 404 when it has none of that id, 403
/// when the reader is not cleared for it (T-6).
pub(crate) async fn draft(caller: &Caller, congress: &Congress, id: i64) -> Result<CongressDocument, WebError> {
    caller.scoped().congress_documents().document(congress, id).await?.ok_or(WebError::NotFound)
}

pub(crate) async fn draft_page(
    caller: &Caller,
    round: Round,
    congress: Congress,
    document: CongressDocument,
    version: Option<u32>,
    saved: bool,
    problems: Vec<String>,
) -> Result<DraftPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let docs = scoped.congress_documents();
    let versions = docs.versions(&document).await?;
    let shown = match version {
        Some(n) => Some(versions.iter().find(|v| v.number == n).ok_or(WebError::NotFound)?),
        None => versions.last(),
    };
    let comments = docs.comments(&congress, &document).await?;
    let coverage = docs.coverage(&round, &congress, &document).await?;
    let accepted = comments
        .iter()
        .filter(|c| {
            c.taken_in.is_none()
                && c.amendment.is_some()
                && c.decided.as_ref().is_some_and(|d| {
                    matches!(d.decision.disposition, Disposition::Accepted | Disposition::AcceptedInPart)
                })
        })
        .count();
    Ok(DraftPage {
        tr,
        nav: caller.nav(),
        org: (&congress.org).into(),
        id: document.id,
        kind: kind_label(tr, &document.kind),
        title: document.title.clone(),
        classification: classification_label(tr, &document),
        line_length: document.line_length,
        shown: shown.map(|v| v.number),
        text: shown.map(|v| sections(&v.text)).unwrap_or_default(),
        line_count: shown.map_or(0, |v| v.text.lines().count()),
        versions: versions
            .iter()
            .map(|v| VersionLine {
                number: v.number,
                source: source_label(tr, v),
                taken_in: v.taken_in.iter().map(u32::to_string).collect::<Vec<_>>().join(", "),
                by: v.created.by.clone(),
                at: v.created.at.clone(),
            })
            .collect(),
        team: docs.team(&congress, &document).await?,
        comments: comments.iter().map(|c| comment_view(tr, c, &versions)).collect(),
        dispositions: Disposition::ALL.iter().map(|d| (d.as_str(), super::view::disposition_label(tr, *d))).collect(),
        coverage: coverage
            .recipients
            .iter()
            .map(|r| CoverageLine {
                code: r.org.code.to_string(),
                name: r.org.name.clone(),
                sent_on: tr.date(r.sent_on),
                deadline: r.deadline.map_or_else(|| "-".to_owned(), |d| tr.date(d)),
                state: coverage_text(tr, &r.coverage),
                sent: !matches!(r.coverage, daihoi_drafts::Coverage::NotSentYet),
            })
            .collect(),
        awaiting: coverage.awaiting,
        on_team: docs.on_team(&document).await?,
        may_prepare: docs.may_prepare(&congress),
        issued_by: document.issued_by.clone(),
        synthesis_up_on: document.synthesis_up_on.map(|d| tr.date(d)),
        comment_sources: docs
            .comment_sources(&congress, today())
            .await?
            .into_iter()
            .map(|n| (n.code.to_string(), format!("{} ({})", n.name, n.code)))
            .collect(),
        accepted,
        saved,
        problems,
        today: daihoi_core::date::iso(today()),
        round,
    })
}

fn version_param(text: Option<&str>) -> Result<Option<u32>, WebError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => t.parse().map(Some).map_err(|_| WebError::BadInput("draft-problem-version")),
    }
}

/// `GET /orgs/{code}/congress/documents/{document}?round=&version=`.
pub async fn show(
    caller: Caller,
    Path((code, id)): Path<(String, i64)>,
    Query(p): Query<DraftParam>,
) -> Result<DraftPage, WebError> {
    let (round, congress) = congress_of(&caller, &code, p.round.as_deref()).await?;
    let document = draft(&caller, &congress, id).await?;
    let version = version_param(p.version.as_deref())?;
    draft_page(&caller, round, congress, document, version, p.saved.is_some(), Vec::new()).await
}

/// The forms of a draft's page: the fields each needs.
#[derive(Debug, Default, Deserialize)]
pub struct DraftForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub login: String,
    #[serde(default)]
    pub disposition: String,
    #[serde(default)]
    pub explanation: String,
    #[serde(default)]
    pub orgs: String,
    #[serde(default)]
    pub sent_on: String,
}

enum Action {
    Team,
    Dispose(u32),
    Apply,
    Send,
    SendUp,
}

async fn act(caller: Caller, code: String, id: i64, form: DraftForm, action: Action) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (round, congress) = congress_of(&caller, &code, Some(&form.round)).await?;
    let document = draft(&caller, &congress, id).await?;
    let scoped = caller.scoped();
    let docs = scoped.congress_documents();
    let allowed = match action {
        Action::Team | Action::Send | Action::SendUp => docs.may_prepare(&congress),
        Action::Dispose(_) | Action::Apply => docs.on_team(&document).await?,
    };
    if !allowed {
        return Err(WebError::Forbidden);
    }
    let a = &caller.address;
    let mut problems = Vec::new();
    let outcome: Result<(), StoreError> = match action {
        Action::Team => docs.add_to_team(&congress, &document, form.login.trim(), a).await,
        Action::Dispose(n) => match form.disposition.trim().parse::<Disposition>() {
            Ok(disposition) => {
                let explanation = Some(form.explanation.as_str()).filter(|e| !e.trim().is_empty());
                let decision = Decision { disposition, explanation: explanation.map(str::to_owned) };
                docs.decide(&congress, &document, n, &decision, a).await
            }
            Err(_) => {
                problems.push(tr.t("draft-problem-disposition"));
                Ok(())
            }
        },
        Action::Apply => docs.apply_accepted(&congress, &document, a).await.map(|applied| {
            if !applied.left_out.is_empty() {
                let left = applied.left_out.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
                problems.push(tr.t1("draft-left-out", "comments", left));
            }
        }),
        Action::SendUp => match daihoi_core::date::from_iso(form.sent_on.trim()) {
            None => {
                problems.push(tr.t("draft-problem-date"));
                Ok(())
            }
            Some(on) => docs.send_synthesis_up(&congress, &document, on, a).await.map(|_| ()),
        },
        Action::Send => match daihoi_core::date::from_iso(form.sent_on.trim()) {
            None => {
                problems.push(tr.t("draft-problem-date"));
                Ok(())
            }
            Some(on) => {
                let mut to = Vec::new();
                for line in form.orgs.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    match daihoi_core::OrgCode::parse(line) {
                        Ok(c) => match scoped.orgs().org(&c, on).await {
                            Ok(Some(node)) => to.push(node),
                            Ok(None) | Err(StoreError::Forbidden(_)) => {
                                problems.push(tr.t1("draft-unknown-org", "code", line))
                            }
                            Err(e) => return Err(e.into()),
                        },
                        Err(_) => problems.push(tr.t1("draft-unknown-org", "code", line)),
                    }
                }
                if to.is_empty() && problems.is_empty() {
                    problems.push(tr.t("draft-problem-recipients"));
                }
                if problems.is_empty() {
                    docs.send_down(&congress, &document, &to, on, a).await.map(|_| ())
                } else {
                    Ok(())
                }
            }
        },
    };
    match outcome {
        Err(StoreError::Forbidden(_)) => return Err(WebError::Forbidden),
        Err(e) => problems.push(refusal(tr, e)?),
        Ok(()) => {}
    }
    if problems.is_empty() {
        let to = format!("/orgs/{}/congress/documents/{id}?round={}&saved=1", congress.org.code, round.code);
        return Ok(Redirect::to(&to).into_response());
    }
    let page = draft_page(&caller, round, congress, document, None, false, problems).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST …/documents/{document}/team`: the office names a member of the
/// drafting team (tổ biên tập).
pub async fn team(
    caller: Caller,
    Path((code, id)): Path<(String, i64)>,
    Form(form): Form<DraftForm>,
) -> Result<Response, WebError> {
    act(caller, code, id, form, Action::Team).await
}

/// `POST …/documents/{document}/comments/{comment}/disposition`: the
/// drafting team's disposition of a comment, with its explanation.
pub async fn dispose(
    caller: Caller,
    Path((code, id, n)): Path<(String, i64, u32)>,
    Form(form): Form<DraftForm>,
) -> Result<Response, WebError> {
    act(caller, code, id, form, Action::Dispose(n)).await
}

/// `POST …/documents/{document}/apply`: the accepted amendments taken into
/// the next version in one action.
pub async fn apply(
    caller: Caller,
    Path((code, id)): Path<(String, i64)>,
    Form(form): Form<DraftForm>,
) -> Result<Response, WebError> {
    act(caller, code, id, form, Action::Apply).await
}

/// `POST …/documents/{document}/sent`: the office sends the draft down to
/// organizations below, by code, one per line (C-PLAN-6).
pub async fn send_down(
    caller: Caller,
    Path((code, id)): Path<(String, i64)>,
    Form(form): Form<DraftForm>,
) -> Result<Response, WebError> {
    act(caller, code, id, form, Action::Send).await
}

/// `POST …/documents/{document}/synthesis`: the office records the day it
/// sent its synthesis of the comments on a higher level's draft up.
pub async fn send_up(
    caller: Caller,
    Path((code, id)): Path<(String, i64)>,
    Form(form): Form<DraftForm>,
) -> Result<Response, WebError> {
    act(caller, code, id, form, Action::SendUp).await
}

/// `?round=&from=&to=`.
#[derive(Debug, Default, Deserialize)]
pub struct DiffParam {
    pub round: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A paragraph of the difference: `kept`, `inserted` or `removed`, and its
/// spans (kind `equal`, `insert`, `delete`).
pub struct DiffLine {
    pub state: &'static str,
    pub spans: Vec<(&'static str, String)>,
}

/// The word difference between two versions (bảng so sánh).
#[derive(Template, WebTemplate)]
#[template(path = "congress_document_diff.html")]
pub struct DiffPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: Round,
    id: i64,
    title: String,
    from: u32,
    to: u32,
    numbers: Vec<u32>,
    paragraphs: Vec<DiffLine>,
    headings: Vec<(String, String)>,
}

fn span_kind(k: SpanKind) -> &'static str {
    match k {
        SpanKind::Equal => "equal",
        SpanKind::Insert => "insert",
        SpanKind::Delete => "delete",
    }
}

/// `GET …/documents/{document}/diff?from=A&to=B` (the two latest by default).
pub async fn diff(
    caller: Caller,
    Path((code, id)): Path<(String, i64)>,
    Query(p): Query<DiffParam>,
) -> Result<DiffPage, WebError> {
    let (round, congress) = congress_of(&caller, &code, p.round.as_deref()).await?;
    let document = draft(&caller, &congress, id).await?;
    let versions = caller.scoped().congress_documents().versions(&document).await?;
    let latest = versions.last().map_or(0, |v| v.number);
    let to = version_param(p.to.as_deref())?.unwrap_or(latest);
    let from = version_param(p.from.as_deref())?.unwrap_or(to.saturating_sub(1).max(1));
    let find = |n: u32| versions.iter().find(|v| v.number == n).ok_or(WebError::NotFound);
    let (old, new) = (find(from)?, find(to)?);
    let d = daihoi_drafts::diff(&old.text, &new.text);
    let paragraphs = d
        .paragraphs
        .iter()
        .map(|p| match p {
            ParagraphDiff::Kept { spans, .. } => DiffLine {
                state: if p.is_equal() { "kept" } else { "changed" },
                spans: spans.iter().map(|s| (span_kind(s.kind), s.text.clone())).collect(),
            },
            ParagraphDiff::Inserted { text, .. } => {
                DiffLine { state: "inserted", spans: vec![("insert", text.clone())] }
            }
            ParagraphDiff::Removed { text, .. } => DiffLine { state: "removed", spans: vec![("delete", text.clone())] },
        })
        .collect();
    Ok(DiffPage {
        tr: caller.tr,
        nav: caller.nav(),
        org: (&congress.org).into(),
        id,
        title: document.title.clone(),
        from,
        to,
        numbers: versions.iter().map(|v| v.number).collect(),
        paragraphs,
        headings: d
            .headings
            .iter()
            .map(|h| (h.old.clone().unwrap_or_default(), h.new.clone().unwrap_or_default()))
            .collect(),
        round,
    })
}
