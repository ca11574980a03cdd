//! Comments recorded on a congress's own draft (`POST
//! /orgs/{code}/congress/documents/{document}/comments`): the organization
//! holding the congress records what its own committee agreed or what a
//! member said when the committee opened the draft to members, and the
//! office of an organization above records its review (C-PLAN-5). The
//! lower organizations' comments come through their own page
//! (`received.rs`). Anchored as there: the whole document, a paragraph, a
//! line range, or several paragraphs of one section replaced together.

use axum::Form;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_store::StoreError;
use daihoi_store::congress_documents::NewComment;

use super::pages::{draft, draft_page};
use super::received::{CommentForm, anchored};
use super::view::{congress_of, refusal};
use crate::WebError;
use crate::access::Caller;
use crate::page::{Path, today};

/// Who a comment recorded on the congress's own draft comes from: a member
/// by name (the congress's office records it), or an organization the
/// viewer is the office of (the congress's, or one above it).
enum Source {
    Person(String),
    Org(daihoi_core::OrgCode),
}

/// `POST /orgs/{code}/congress/documents/{document}/comments`.
pub async fn comment(
    caller: Caller,
    Path((code, id)): Path<(String, i64)>,
    Form(form): Form<CommentForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (round, congress) = congress_of(&caller, &code, Some(&form.round)).await?;
    let document = draft(&caller, &congress, id).await?;
    let scoped = caller.scoped();
    let docs = scoped.congress_documents();
    let sources = docs.comment_sources(&congress, today()).await?;
    let may_person = docs.may_prepare(&congress);
    if sources.is_empty() && !may_person {
        return Err(WebError::Forbidden);
    }
    let mut problems = Vec::new();
    let source = match form.source.trim() {
        "person" => match form.person.trim() {
            "" => {
                problems.push(tr.t("draft-problem-person"));
                None
            }
            name => Some(Source::Person(name.to_owned())),
        },
        code => match sources.iter().find(|n| n.code.as_str() == code) {
            Some(n) => Some(Source::Org(n.code.clone())),
            None => {
                problems.push(tr.t1("draft-unknown-org", "code", code));
                None
            }
        },
    };
    if matches!(source, Some(Source::Person(_))) && !may_person {
        return Err(WebError::Forbidden);
    }
    match (docs.latest(&document).await?, source) {
        (None, _) => problems.push(tr.t("draft-problem-no-version")),
        (Some(_), None) => {}
        (Some(latest), Some(source)) => match anchored(tr, &form, &latest.text) {
            Err(problem) => problems.push(problem?),
            Ok((anchor, amendment)) => {
                let (source_org, person) = match &source {
                    Source::Org(c) => (Some(c), None),
                    Source::Person(p) => (None, Some(p.as_str())),
                };
                let new = NewComment {
                    version: latest.number,
                    anchor,
                    text: &form.text,
                    amendment,
                    source_org,
                    person,
                    meeting: Some(form.meeting.trim()).filter(|m| !m.is_empty()),
                };
                match docs.record_comment(&congress, &document, &new, today(), &caller.address).await {
                    Ok(_) => {}
                    Err(StoreError::Forbidden(_)) => return Err(WebError::Forbidden),
                    Err(e) => problems.push(refusal(tr, e)?),
                }
            }
        },
    }
    if problems.is_empty() {
        let to = format!("/orgs/{}/congress/documents/{id}?round={}&saved=1", congress.org.code, round.code);
        return Ok(Redirect::to(&to).into_response());
    }
    let page = draft_page(&caller, round, congress, document, None, false, problems).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
