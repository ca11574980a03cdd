//! The programme of a congress (`/orgs/{code}/congress/agenda`, issue 15
//! §8): its preparatory session (C-PLAN-8) and official session (C-PLAN-6)
//! with their items, the bodies elected by show of hands and their members
//! (R-BODY-2), and the votes by show of hands with the number present and
//! the presidium's declaration, warned when it disagrees with a simple
//! majority of those present. Read by the congress's readers; the forms are
//! the congress's office's.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_congress::agenda::{
    AgendaError, Declared, HandVote, MajorityWarning, Move, ProgrammeSession, ShowOfHandsBody, StandardItem, VoteOn,
};
use daihoi_core::members::CardNumber;
use daihoi_store::StoreError;
use daihoi_store::congresses::agenda::{NewHandVote, PresentNow, ProgrammeItem, RecordedVote};
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::orgs::OrgNode;
use serde::Deserialize;

use super::view::{may_plan, round_named};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path, today};

#[derive(Debug, Deserialize)]
pub struct AgendaParam {
    pub round: Option<String>,
    pub saved: Option<String>,
}

/// An item to add, or the default programme to fill (`fill` set).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ItemForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub fill: String,
    #[serde(default)]
    pub session: String,
    #[serde(default)]
    pub title: String,
}

/// An item moved one place (`to` = `earlier` or `later`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub to: String,
}

/// An item removed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    pub round: String,
}

/// An item marked done (`done` = 1) or not done again.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DoneForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub done: String,
}

/// A member to add to a body, by card number.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub card: String,
}

/// A vote by show of hands: `on` is `body:<code>` or `item:<number>`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct VoteForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub on: String,
    #[serde(default, rename = "for")]
    pub votes_for: String,
    #[serde(default)]
    pub against: String,
    #[serde(default)]
    pub abstaining: String,
    #[serde(default)]
    pub present: String,
    #[serde(default)]
    pub declared: String,
}

/// What a form refused concerns, to show the form open with what was typed.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    pub item: ItemForm,
    /// The body whose member form was refused, and the card typed.
    pub member: Option<(String, String)>,
    pub vote: VoteForm,
}

/// A recorded vote in words.
pub struct VoteView {
    pub number: u32,
    pub counts: String,
    pub declared: String,
    pub by: String,
    pub warning: Option<String>,
}

/// A programme item in words, with its votes.
pub struct ItemView {
    /// Its name in the routes and votes.
    pub number: u32,
    /// Its place in the programme as shown (from 1).
    pub place: usize,
    /// First or last of its session: it moves no further that way.
    pub first: bool,
    pub last: bool,
    /// Neither done nor voted on: the office may remove it.
    pub removable: bool,
    pub title: String,
    pub done: bool,
    /// Its vote form's target (`item:<number>`).
    pub on: String,
    pub votes: Vec<VoteView>,
    /// The body the item elects (its votes are the body's): code and name.
    pub body: Option<(&'static str, String)>,
}

/// A session of the programme.
pub struct SessionView {
    pub name: String,
    pub items: Vec<ItemView>,
}

/// A body with its members and votes.
pub struct BodyView {
    pub code: &'static str,
    pub name: String,
    pub members: Vec<(String, String)>,
    pub on: String,
    pub votes: Vec<VoteView>,
}

#[derive(Template, WebTemplate)]
#[template(path = "congress_agenda.html")]
pub struct AgendaPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: Round,
    planned: bool,
    may_plan: bool,
    saved: bool,
    problems: Vec<String>,
    /// Who is present now, in words.
    present_now: String,
    /// No session is open: the vote forms ask for the number present.
    ask_present: bool,
    sessions: Vec<SessionView>,
    bodies: Vec<BodyView>,
    /// The sessions to add an item to: code and name.
    session_names: Vec<(&'static str, String)>,
    kept: Kept,
}

impl AgendaPage {
    /// The vote form's value of `field` for `on`: what was typed when that
    /// form was refused, else empty.
    fn typed(&self, on: &str, field: &str) -> String {
        if self.kept.vote.on != on {
            return String::new();
        }
        let v = &self.kept.vote;
        match field {
            "for" => v.votes_for.clone(),
            "against" => v.against.clone(),
            "abstaining" => v.abstaining.clone(),
            "present" => v.present.clone(),
            "declared" => v.declared.clone(),
            _ => String::new(),
        }
    }

    /// The card typed in the member form of `body` when it was refused.
    fn typed_card(&self, body: &str) -> String {
        match &self.kept.member {
            Some((b, card)) if b == body => card.clone(),
            _ => String::new(),
        }
    }
}

pub(crate) fn session_key(s: ProgrammeSession) -> String {
    format!("agenda-session-{}", s.code())
}

pub(crate) fn item_key(i: StandardItem) -> String {
    format!("agenda-item-{}", i.code().replace('_', "-"))
}

pub(crate) fn body_key(b: ShowOfHandsBody) -> String {
    format!("agenda-body-{}", b.code().replace('_', "-"))
}

pub(crate) fn declared_key(d: Declared) -> String {
    format!("agenda-declared-{}", d.code().replace('_', "-"))
}

/// An item's title: a default item's in words, or the one people typed.
pub(crate) fn item_title(tr: Tr, i: &ProgrammeItem) -> String {
    match (i.standard, &i.title) {
        (Some(s), _) => tr.t(&item_key(s)),
        (None, Some(t)) => t.clone(),
        (None, None) => String::new(),
    }
}

/// The warning of a vote whose declaration disagrees with a simple
/// majority of those present, in words.
pub(crate) fn warning_text(tr: Tr, v: &HandVote, w: MajorityWarning) -> String {
    let args = [("for", tr.number(u64::from(v.votes_for))), ("present", tr.number(u64::from(v.present)))];
    tr.t_args(if w.majority_for { "agenda-warning-majority-for" } else { "agenda-warning-no-majority" }, &args)
}

/// A stored instant (`2026-12-06T17:36:22.45Z`) as people read it:
/// `06/12/2026 17:36` (UTC, as stored).
pub(crate) fn instant_text(at: &str) -> String {
    match (at.get(..10).and_then(daihoi_core::date::from_iso), at.get(11..16)) {
        (Some(d), Some(hm)) => format!("{} {hm}", daihoi_core::date::vi(d)),
        _ => at.to_owned(),
    }
}

fn vote_view(tr: Tr, r: &RecordedVote) -> VoteView {
    let v = &r.vote;
    VoteView {
        number: r.number,
        counts: tr.t_args(
            "agenda-vote-counts",
            &[
                ("for", tr.number(u64::from(v.votes_for))),
                ("against", tr.number(u64::from(v.against))),
                ("abstaining", tr.number(u64::from(v.abstaining))),
                ("present", tr.number(u64::from(v.present))),
            ],
        ),
        declared: tr.t(&declared_key(v.declared)),
        by: match r.session {
            Some(s) => tr.t_args(
                "agenda-vote-by-session",
                &[("by", r.recorded_by.clone()), ("at", instant_text(&r.recorded_at)), ("session", s.to_string())],
            ),
            None => tr.t_args("agenda-vote-by", &[("by", r.recorded_by.clone()), ("at", instant_text(&r.recorded_at))]),
        },
        warning: v.warning().map(|w| warning_text(tr, v, w)),
    }
}

pub(crate) fn present_text(tr: Tr, now: Option<PresentNow>) -> String {
    match now {
        Some(n) => tr.t_args(
            "agenda-present-now",
            &[("session", n.session.to_string()), ("present", tr.number(u64::from(n.present)))],
        ),
        None => tr.t("agenda-present-none"),
    }
}

/// The page, with the forms of the congress's office (a refused one kept,
/// with every problem named).
async fn agenda_page(
    caller: &Caller,
    node: &OrgNode,
    round: Round,
    saved: bool,
    problems: Vec<String>,
    kept: Kept,
) -> Result<AgendaPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let congress = scoped.congresses().congress(&round, node, today()).await?;
    let mut kept = kept;
    if kept.item.session.is_empty() {
        kept.item.session = ProgrammeSession::Official.code().to_owned();
    }
    let mut view = AgendaPage {
        tr,
        nav: caller.nav(),
        org: node.into(),
        round,
        planned: congress.is_some(),
        may_plan: may_plan(&scoped, node),
        saved,
        problems,
        present_now: String::new(),
        ask_present: true,
        sessions: Vec::new(),
        bodies: Vec::new(),
        session_names: ProgrammeSession::ALL.iter().map(|s| (s.code(), tr.t(&session_key(*s)))).collect(),
        kept,
    };
    let Some(c) = congress else { return Ok(view) };
    let agenda = scoped.congresses().agenda(&c).await?;
    let now = scoped.congresses().present_now(&c).await?;
    view.present_now = present_text(tr, now);
    view.ask_present = now.is_none();
    let votes_on = |on: VoteOn| -> Vec<VoteView> {
        agenda.votes.iter().filter(|v| v.vote.item == on).map(|v| vote_view(tr, v)).collect()
    };
    // The items come in programme order, the preparatory session first:
    // each one's place is its rank there.
    let placed: Vec<(usize, &ProgrammeItem)> = agenda.items.iter().enumerate().map(|(k, i)| (k + 1, i)).collect();
    view.sessions = ProgrammeSession::ALL
        .iter()
        .map(|s| {
            let of_session: Vec<&(usize, &ProgrammeItem)> = placed.iter().filter(|(_, i)| i.session == *s).collect();
            let len = of_session.len();
            SessionView {
                name: tr.t(&session_key(*s)),
                items: of_session
                    .iter()
                    .enumerate()
                    .map(|(k, &&(place, i))| ItemView {
                        number: i.number,
                        place,
                        first: k == 0,
                        last: k + 1 == len,
                        removable: !i.done && !agenda.votes.iter().any(|v| v.vote.item == VoteOn::Item(i.number)),
                        title: item_title(tr, i),
                        done: i.done,
                        on: format!("item:{}", i.number),
                        votes: votes_on(VoteOn::Item(i.number)),
                        body: ShowOfHandsBody::ALL
                            .into_iter()
                            .find(|b| i.standard == Some(b.item()))
                            .map(|b| (b.code(), tr.t(&body_key(b)))),
                    })
                    .collect(),
            }
        })
        .collect();
    view.bodies = ShowOfHandsBody::ALL
        .iter()
        .map(|b| BodyView {
            code: b.code(),
            name: tr.t(&body_key(*b)),
            members: agenda.members.iter().filter(|m| m.body == *b).map(|m| (m.card.clone(), m.name.clone())).collect(),
            on: format!("body:{}", b.code()),
            votes: votes_on(VoteOn::Body(*b)),
        })
        .collect();
    Ok(view)
}

/// `GET /orgs/{code}/congress/agenda?round=`: the programme, the bodies and
/// the votes by show of hands.
pub async fn page(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<AgendaParam>,
) -> Result<AgendaPage, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    let named = p.round.as_deref().filter(|r| !r.trim().is_empty());
    let round = round_named(&caller.scoped(), named).await?.ok_or(WebError::NotFound)?;
    agenda_page(&caller, &node, round, p.saved.is_some(), Vec::new(), Kept::default()).await
}

/// The organization and the round a form names, for the congress's office
/// (404 for an unknown round, 403 to others), and the congress or the
/// problem in words.
async fn office(
    caller: &Caller,
    code: &str,
    round: &str,
) -> Result<(OrgNode, Round, Result<Congress, String>), WebError> {
    let node = crate::page::org_today(caller, code).await?;
    let round = round_named(&caller.scoped(), Some(round.trim())).await?.ok_or(WebError::NotFound)?;
    if !may_plan(&caller.scoped(), &node) {
        return Err(WebError::Forbidden);
    }
    let congress = caller
        .scoped()
        .congresses()
        .congress(&round, &node, today())
        .await?
        .ok_or_else(|| caller.tr.t("congress-problem-no-plan"));
    Ok((node, round, congress))
}

/// A store refusal of a form in words.
fn refusal(tr: Tr, card: &str, e: StoreError) -> Result<String, WebError> {
    match e {
        e @ StoreError::CongressRefused { .. } => {
            Ok(tr.t1("congress-problem-refused", "rule", e.rule().unwrap_or("R-BODY-2")))
        }
        StoreError::NotFound(what) if what.starts_with("member") => {
            Ok(tr.t1("agenda-problem-unknown-card", "card", card))
        }
        StoreError::NotFound(_) => Ok(tr.t("agenda-problem-unknown-item")),
        StoreError::BadText { .. } => Ok(tr.t1("congress-problem-refused", "rule", "TEXT-1")),
        e => Err(e.into()),
    }
}

fn saved(node: &OrgNode, round: &Round, anchor: &str) -> Response {
    Redirect::to(&format!("/orgs/{}/congress/agenda?round={}&saved=1#{anchor}", node.code, round.code)).into_response()
}

async fn refused(
    caller: &Caller,
    node: &OrgNode,
    round: Round,
    problems: Vec<String>,
    kept: Kept,
) -> Result<Response, WebError> {
    let page = agenda_page(caller, node, round, false, problems, kept).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST /orgs/{code}/congress/agenda/items`: fills the default programme
/// (C-PLAN-8, C-PLAN-6) or adds an item to a session.
pub async fn add_item(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<ItemForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (node, round, congress) = office(&caller, &code, &form.round).await?;
    let mut problems = Vec::new();
    let c = match congress {
        Ok(c) => Some(c),
        Err(p) => {
            problems.push(p);
            None
        }
    };
    if !form.fill.is_empty() {
        if let Some(c) = &c {
            caller.scoped().congresses().fill_programme(c, &caller.address).await?;
            return Ok(saved(&node, &round, "programme"));
        }
        return refused(&caller, &node, round, problems, Kept::default()).await;
    }
    let session = ProgrammeSession::parse(&form.session);
    if session.is_none() {
        problems.push(tr.t1("congress-problem-missing", "field", tr.t("agenda-session")));
    }
    if form.title.trim().is_empty() {
        problems.push(tr.t1("congress-problem-missing", "field", tr.t("agenda-item-title")));
    }
    problems.extend(crate::page::text_refusal(
        tr,
        "agenda-item-title",
        daihoi_core::text::line(&form.title, daihoi_core::text::TITLE_MAX_CHARS),
    ));
    if let (Some(c), Some(session), true) = (&c, session, problems.is_empty()) {
        match caller.scoped().congresses().add_item(c, session, form.title.trim(), &caller.address).await {
            Ok(_) => return Ok(saved(&node, &round, "programme")),
            Err(e) => problems.push(refusal(tr, "", e)?),
        }
    }
    refused(&caller, &node, round, problems, Kept { item: form, ..Kept::default() }).await
}

/// `POST /orgs/{code}/congress/agenda/items/{item}`: marks an item done (or
/// not done again).
pub async fn mark_item(
    caller: Caller,
    Path((code, item)): Path<(String, u32)>,
    Form(form): Form<DoneForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (node, round, congress) = office(&caller, &code, &form.round).await?;
    let problems = match congress {
        Err(p) => vec![p],
        Ok(c) => match caller.scoped().congresses().mark_item(&c, item, form.done == "1", &caller.address).await {
            Ok(()) => return Ok(saved(&node, &round, "programme")),
            Err(e) => vec![refusal(tr, "", e)?],
        },
    };
    refused(&caller, &node, round, problems, Kept::default()).await
}

/// `POST /orgs/{code}/congress/agenda/items/{item}/move`: moves an item one
/// place earlier or later in its session.
pub async fn move_item(
    caller: Caller,
    Path((code, item)): Path<(String, u32)>,
    Form(form): Form<MoveForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (node, round, congress) = office(&caller, &code, &form.round).await?;
    let problems = match (congress, Move::parse(&form.to)) {
        (Err(p), _) => vec![p],
        (Ok(_), None) => vec![tr.t1("congress-problem-missing", "field", tr.t("agenda-move"))],
        (Ok(c), Some(to)) => match caller.scoped().congresses().move_item(&c, item, to, &caller.address).await {
            Ok(_) => return Ok(saved(&node, &round, "programme")),
            Err(e) => vec![refusal(tr, "", e)?],
        },
    };
    refused(&caller, &node, round, problems, Kept::default()).await
}

/// `POST /orgs/{code}/congress/agenda/items/{item}/remove`: removes an item
/// that is neither done (C-PLAN-6) nor voted on (R-BODY-2).
pub async fn remove_item(
    caller: Caller,
    Path((code, item)): Path<(String, u32)>,
    Form(form): Form<RemoveForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (node, round, congress) = office(&caller, &code, &form.round).await?;
    let problems = match congress {
        Err(p) => vec![p],
        Ok(c) => match caller.scoped().congresses().remove_item(&c, item, &caller.address).await {
            Ok(()) => return Ok(saved(&node, &round, "programme")),
            Err(e) => vec![refusal(tr, "", e)?],
        },
    };
    refused(&caller, &node, round, problems, Kept::default()).await
}

/// `POST /orgs/{code}/congress/agenda/bodies/{body}/members`: adds a person
/// convened to the congress to a body elected by show of hands (R-BODY-2).
pub async fn add_member(
    caller: Caller,
    Path((code, body)): Path<(String, String)>,
    Form(form): Form<MemberForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let which = ShowOfHandsBody::parse(&body).ok_or(WebError::NotFound)?;
    let (node, round, congress) = office(&caller, &code, &form.round).await?;
    let mut problems = Vec::new();
    let card = CardNumber::parse(form.card.trim());
    if card.is_err() {
        problems.push(tr.t1("congress-check-in-bad-card", "card", form.card.trim()));
    }
    match congress {
        Err(p) => problems.push(p),
        Ok(c) => {
            if let (Ok(card), true) = (&card, problems.is_empty()) {
                match caller.scoped().congresses().add_body_member(&round, &c, which, card, &caller.address).await {
                    Ok(()) => return Ok(saved(&node, &round, &format!("body-{}", which.code()))),
                    Err(StoreError::CongressRefused { rule, detail }) => problems.push(tr.t_args(
                        if detail.contains("already") {
                            "agenda-problem-member-twice"
                        } else {
                            "agenda-problem-not-convened"
                        },
                        &[("card", card.to_string()), ("rule", rule.to_owned()), ("body", tr.t(&body_key(which)))],
                    )),
                    Err(e) => problems.push(refusal(tr, card.as_str(), e)?),
                }
            }
        }
    }
    let kept = Kept { member: Some((which.code().to_owned(), form.card)), ..Kept::default() };
    refused(&caller, &node, round, problems, kept).await
}

/// A count typed in a vote form: a whole number, or the problem in words.
fn count(tr: Tr, label: &str, typed: &str, problems: &mut Vec<String>) -> Option<u32> {
    let t = typed.trim();
    if t.is_empty() {
        problems.push(tr.t1("congress-problem-missing", "field", tr.t(label)));
        return None;
    }
    match t.parse::<u32>() {
        Ok(n) => Some(n),
        Err(_) => {
            problems.push(tr.t_args("agenda-problem-count", &[("field", tr.t(label)), ("value", t.to_owned())]));
            None
        }
    }
}

/// What a vote form's `on` names.
fn vote_on(on: &str) -> Option<VoteOn> {
    match on.split_once(':')? {
        ("body", b) => ShowOfHandsBody::parse(b).map(VoteOn::Body),
        ("item", n) => n.parse().ok().map(VoteOn::Item),
        _ => None,
    }
}

/// `POST /orgs/{code}/congress/agenda/votes`: records a vote by show of
/// hands (R-BODY-2) on a body or an item: the counts, the number present
/// (the session's attendance when one is open) and the presidium's
/// declaration.
pub async fn record_vote(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<VoteForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (node, round, congress) = office(&caller, &code, &form.round).await?;
    let mut problems = Vec::new();
    let on = vote_on(&form.on);
    if on.is_none() {
        problems.push(tr.t("agenda-problem-unknown-item"));
    }
    let votes_for = count(tr, "agenda-for", &form.votes_for, &mut problems);
    let against = count(tr, "agenda-against", &form.against, &mut problems);
    let abstaining = count(tr, "agenda-abstaining", &form.abstaining, &mut problems);
    let declared = Declared::parse(&form.declared);
    if declared.is_none() {
        problems.push(tr.t1("congress-problem-missing", "field", tr.t("agenda-declared")));
    }
    let congress = match congress {
        Ok(c) => Some(c),
        Err(p) => {
            problems.push(p);
            None
        }
    };
    let now = match &congress {
        Some(c) => caller.scoped().congresses().present_now(c).await?,
        None => None,
    };
    let present = match now {
        Some(n) => Some(n.present),
        None => count(tr, "agenda-present", &form.present, &mut problems),
    };
    // R-BODY-2: more hands than present, named with the figures.
    if let (Some(f), Some(a), Some(ab), Some(p)) = (votes_for, against, abstaining, present) {
        let v = HandVote {
            item: on.unwrap_or(VoteOn::Item(0)),
            votes_for: f,
            against: a,
            abstaining: ab,
            present: p,
            declared: declared.unwrap_or(Declared::Adopted),
        };
        match v.check() {
            Err(AgendaError::MoreHandsThanPresent { counted, .. }) => problems.push(tr.t_args(
                "agenda-problem-more-hands",
                &[("counted", tr.number(counted)), ("present", tr.number(u64::from(p)))],
            )),
            Err(AgendaError::NobodyPresent) => problems.push(tr.t("agenda-problem-nobody-present")),
            _ => {}
        }
    }
    if let (Some(c), Some(on), Some(f), Some(a), Some(ab), Some(d), true) =
        (&congress, on, votes_for, against, abstaining, declared, problems.is_empty())
    {
        let new = NewHandVote {
            on,
            votes_for: f,
            against: a,
            abstaining: ab,
            present: if now.is_some() { None } else { present },
            declared: d,
        };
        match caller.scoped().congresses().record_vote(c, &new, &caller.address).await {
            Ok(_) => {
                let anchor = match on {
                    VoteOn::Body(b) => format!("body-{}", b.code()),
                    VoteOn::Item(n) => format!("item-{n}"),
                };
                return Ok(saved(&node, &round, &anchor));
            }
            Err(e) => problems.push(refusal(tr, "", e)?),
        }
    }
    refused(&caller, &node, round, problems, Kept { vote: form, ..Kept::default() }).await
}
