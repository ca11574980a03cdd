//! The congress office's page of the floor votes
//! (`/orgs/{code}/congress/floor`, issue 16 §5): turn them on, issue the
//! delegates' PINs (shown once, to print as slips), open a vote on a
//! programme item or a body (or a secret opinion ballot), see the count
//! and who has not voted live, close it, and record the presidium's
//! declaration, warned when it disagrees with R-PASS-1 (2·for > base, the
//! base those checked in when the vote opened, R-BASE-2). Read by the
//! congress's readers; the forms are its office's.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_congress::agenda::{Declared, ShowOfHandsBody, VoteOn};
use daihoi_core::members::CardNumber;
use daihoi_store::StoreError;
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::elections::floor::votes::NewFloorVote;
use daihoi_store::elections::floor::{FloorVote, IssuedPin, Tally};
use daihoi_store::orgs::OrgNode;
use serde::Deserialize;

use super::live;
use crate::WebError;
use crate::access::Caller;
use crate::congresses::agenda::{body_key, declared_key, instant_text, item_title};
use crate::congresses::view::round_named;
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path, today};

#[derive(Debug, Deserialize)]
pub struct FloorParam {
    pub round: Option<String>,
    pub vote: Option<String>,
}

/// The round of a form with nothing else.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RoundForm {
    #[serde(default)]
    pub round: String,
}

/// PINs to issue: to everyone convened, or to one card.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PinsForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub card: String,
}

/// A vote to open: `on` is `body:<code>` or `item:<number>`; `secret` set
/// for a secret opinion ballot with its question.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OpenForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub on: String,
    #[serde(default)]
    pub secret: Option<String>,
    #[serde(default)]
    pub question: String,
}

/// The presidium's declaration.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DeclareForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub declared: String,
}

/// A vote as the page shows it.
pub struct VoteLine {
    pub number: u32,
    pub on: String,
    pub secret: bool,
    pub question: String,
    pub open: bool,
    pub base: u32,
    pub voted: u32,
    pub votes_for: u32,
    pub against: u32,
    pub abstaining: u32,
    /// R-PASS-1: the fewest votes for that are more than half of the base.
    pub needed: u32,
    pub opened: String,
    pub declared: Option<String>,
    /// The declaration disagrees with R-PASS-1's majority.
    pub warning: Option<String>,
}

/// What a vote is on, in words.
pub(crate) fn on_words(tr: Tr, on: VoteOn, items: &[daihoi_store::congresses::agenda::ProgrammeItem]) -> String {
    match on {
        VoteOn::Body(b) => tr.t(&body_key(b)),
        VoteOn::Item(n) => match items.iter().find(|i| i.number == n) {
            Some(i) => format!("{n}. {}", item_title(tr, i)),
            None => n.to_string(),
        },
    }
}

pub(crate) fn vote_line(
    tr: Tr,
    v: &FloorVote,
    t: &Tally,
    items: &[daihoi_store::congresses::agenda::ProgrammeItem],
) -> VoteLine {
    VoteLine {
        number: v.number,
        on: on_words(tr, v.on, items),
        secret: v.secret,
        question: v.question.clone().unwrap_or_default(),
        open: v.is_open(),
        base: t.base,
        voted: t.voted,
        votes_for: t.votes_for,
        against: t.against,
        abstaining: t.abstaining,
        needed: t.base / 2 + 1,
        opened: tr.t_args(
            "floor-opened",
            &[("by", v.opened_by.clone()), ("at", instant_text(&v.opened_at)), ("session", v.session.to_string())],
        ),
        declared: v.declared.map(|d| tr.t(&declared_key(d))),
        warning: v
            .declared
            .filter(|d| t.disagrees(*d))
            .map(|_| tr.t(if t.majority_for() { "floor-warning-majority-for" } else { "floor-warning-no-majority" })),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "floor_office.html")]
pub struct FloorPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: Round,
    planned: bool,
    enabled: bool,
    runs: bool,
    congress_id: i64,
    votes: Vec<VoteLine>,
    current: Option<VoteLine>,
    waiting: Vec<String>,
    /// `(value, words)` of what a vote may be on.
    targets: Vec<(String, String)>,
    problems: Vec<String>,
    /// What the live stream compares (see [`office_state`]).
    state: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "floor_pins.html")]
pub struct PinsPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: Round,
    congress_id: i64,
    pins: Vec<IssuedPin>,
}

/// The organization, round and congress a request names (404 when any is
/// missing), the congress read through the facet (403 to non-readers).
async fn congress_of(
    caller: &Caller,
    code: &str,
    round: Option<&str>,
) -> Result<(OrgNode, Round, Option<Congress>), WebError> {
    let node = crate::page::org_today(caller, code).await?;
    let round = round_named(&caller.scoped(), round).await?.ok_or(WebError::NotFound)?;
    let congress = caller.scoped().congresses().congress(&round, &node, today()).await?;
    Ok((node, round, congress))
}

/// The state of the office's page: the live stream sends it, the page
/// compares.
pub(crate) fn office_state(v: Option<&(FloorVote, Tally)>, waiting: usize) -> String {
    match v {
        Some((v, t)) => format!(
            "{}:{}:{}:{}:{}:{}:{}:{waiting}",
            v.number,
            u8::from(v.is_open()),
            t.voted,
            t.votes_for,
            t.against,
            t.abstaining,
            t.base
        ),
        None => "0".to_owned(),
    }
}

async fn floor_page(
    caller: &Caller,
    node: &OrgNode,
    round: Round,
    congress: Option<Congress>,
    vote: Option<u32>,
    problems: Vec<String>,
) -> Result<FloorPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let f = scoped.floor_votes();
    let (mut enabled, mut runs, mut votes, mut current, mut waiting, mut targets) =
        (false, false, Vec::new(), None, Vec::new(), Vec::new());
    let mut state = office_state(None, 0);
    let id = congress.as_ref().map_or(0, |c| c.id);
    if let Some(c) = &congress {
        if !f.may_read(c) {
            return Err(WebError::Forbidden);
        }
        enabled = f.enabled(c).await?;
        runs = f.may_run(c);
        let agenda = scoped.congresses().agenda(c).await?;
        let all = f.votes(c).await?;
        let chosen = vote
            .and_then(|n| all.iter().find(|(v, _)| v.number == n))
            .or_else(|| all.iter().find(|(v, _)| v.is_open()))
            .or(all.last());
        if let Some((v, t)) = chosen {
            waiting = f.waiting(c, v.number).await?.into_iter().map(|w| format!("{} ({})", w.name, w.card)).collect();
            current = Some(vote_line(tr, v, t, &agenda.items));
        }
        let live = all.iter().find(|(v, _)| v.is_open()).or(all.last());
        if let Some((v, _)) = live {
            state = office_state(live, f.waiting(c, v.number).await?.len());
        }
        votes = all.iter().map(|(v, t)| vote_line(tr, v, t, &agenda.items)).collect();
        targets = agenda
            .items
            .iter()
            .map(|i| (format!("item:{}", i.number), format!("{}. {}", i.number, item_title(tr, i))))
            .chain(ShowOfHandsBody::ALL.iter().map(|b| (format!("body:{}", b.code()), tr.t(&body_key(*b)))))
            .collect();
    }
    Ok(FloorPage {
        tr,
        nav: caller.nav(),
        org: node.into(),
        round,
        planned: congress.is_some(),
        enabled,
        runs,
        congress_id: id,
        votes,
        current,
        waiting,
        targets,
        problems,
        state,
    })
}

/// `GET /orgs/{code}/congress/floor?round=&vote=`: the floor votes of the
/// congress, the open one (or the one named, or the last) in full.
pub async fn page(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<FloorParam>,
) -> Result<FloorPage, WebError> {
    let (node, round, congress) = congress_of(&caller, &code, p.round.as_deref()).await?;
    let vote = p.vote.as_deref().and_then(|v| v.trim().parse().ok());
    floor_page(&caller, &node, round, congress, vote, Vec::new()).await
}

/// `GET /orgs/{code}/congress/floor/events?round=`: the page's state each
/// time it changes (server-sent events), for the congress's readers.
pub async fn events(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<FloorParam>,
) -> Result<Response, WebError> {
    let (_, _, congress) = congress_of(&caller, &code, p.round.as_deref()).await?;
    let congress = congress.ok_or(WebError::NotFound)?;
    if !caller.scoped().floor_votes().may_read(&congress) {
        return Err(WebError::Forbidden);
    }
    let caller = std::sync::Arc::new(caller);
    let congress = std::sync::Arc::new(congress);
    Ok(live::stream(live::Follow::Count, move || {
        let (caller, congress) = (caller.clone(), congress.clone());
        async move {
            let f = caller.scoped().floor_votes();
            let all = f.votes(&congress).await.ok()?;
            let current = all.iter().find(|(v, _)| v.is_open()).or(all.last());
            let waiting = match current {
                Some((v, _)) => f.waiting(&congress, v.number).await.ok()?.len(),
                None => 0,
            };
            Some(office_state(current, waiting))
        }
    })
    .into_response())
}

fn back(node: &OrgNode, round: &Round, vote: Option<u32>) -> Response {
    let vote = vote.map(|v| format!("&vote={v}")).unwrap_or_default();
    Redirect::to(&format!("/orgs/{}/congress/floor?round={}{vote}", node.code, round.code)).into_response()
}

/// The congress of an office's form: 404 without a plan, 403 to others.
async fn office_congress(caller: &Caller, code: &str, round: &str) -> Result<(OrgNode, Round, Congress), WebError> {
    let (node, round, congress) = congress_of(caller, code, Some(round)).await?;
    let congress = congress.ok_or(WebError::NotFound)?;
    if !caller.scoped().floor_votes().may_run(&congress) {
        return Err(WebError::Forbidden);
    }
    Ok((node, round, congress))
}

/// A refusal of the store in words (its rule named), or the error.
fn refusal(tr: Tr, e: StoreError) -> Result<String, WebError> {
    match e {
        StoreError::CongressRefused { rule, detail } => {
            Ok(tr.t_args("floor-refused", &[("rule", rule.to_owned()), ("detail", detail)]))
        }
        StoreError::BadText { field, problem } => {
            Ok(tr.t_args("floor-refused", &[("rule", "TEXT-1".to_owned()), ("detail", format!("{field}: {problem}"))]))
        }
        StoreError::NotFound(what) => Ok(tr.t1("floor-not-found", "what", what)),
        e => Err(e.into()),
    }
}

async fn again(
    caller: &Caller,
    node: &OrgNode,
    round: Round,
    congress: Congress,
    problem: String,
) -> Result<Response, WebError> {
    let page = floor_page(caller, node, round, Some(congress), None, vec![problem]).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST /orgs/{code}/congress/floor`: turns floor votes on.
pub async fn enable(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<RoundForm>,
) -> Result<Response, WebError> {
    let (node, round, congress) = office_congress(&caller, &code, &form.round).await?;
    caller.scoped().floor_votes().enable(&congress, &caller.address).await?;
    Ok(back(&node, &round, None))
}

/// `POST /orgs/{code}/congress/floor/pins`: issues PINs (to everyone
/// convened, or to one card) and shows them once, to print as slips.
pub async fn pins(caller: Caller, Path(code): Path<String>, Form(form): Form<PinsForm>) -> Result<Response, WebError> {
    let (node, round, congress) = office_congress(&caller, &code, &form.round).await?;
    let card = match form.card.trim() {
        "" => None,
        c => match CardNumber::parse(c) {
            Ok(c) => Some(c),
            Err(_) => {
                let problem = caller.tr.t1("floor-bad-card", "card", c);
                return again(&caller, &node, round, congress, problem).await;
            }
        },
    };
    match caller.scoped().floor_votes().issue_pins(&round, &congress, card.as_ref(), &caller.address).await {
        Ok(pins) => Ok(PinsPage {
            tr: caller.tr,
            nav: caller.nav(),
            org: (&node).into(),
            round,
            congress_id: congress.id,
            pins,
        }
        .into_response()),
        Err(e) => {
            let problem = refusal(caller.tr, e)?;
            again(&caller, &node, round, congress, problem).await
        }
    }
}

/// `POST /orgs/{code}/congress/floor/votes`: opens a vote.
pub async fn open(caller: Caller, Path(code): Path<String>, Form(form): Form<OpenForm>) -> Result<Response, WebError> {
    let (node, round, congress) = office_congress(&caller, &code, &form.round).await?;
    let on = match form.on.split_once(':') {
        Some(("body", b)) => ShowOfHandsBody::parse(b).map(VoteOn::Body),
        Some(("item", n)) => n.trim().parse().ok().map(VoteOn::Item),
        _ => None,
    };
    let Some(on) = on else {
        let problem = caller.tr.t("floor-bad-target");
        return again(&caller, &node, round, congress, problem).await;
    };
    let secret = form.secret.is_some();
    let new = NewFloorVote { on, secret, question: secret.then(|| form.question.clone()) };
    match caller.scoped().floor_votes().open(&congress, &new, &caller.address).await {
        Ok(v) => {
            live::phase_moved();
            Ok(back(&node, &round, Some(v.number)))
        }
        Err(e) => {
            let problem = refusal(caller.tr, e)?;
            again(&caller, &node, round, congress, problem).await
        }
    }
}

/// `POST /orgs/{code}/congress/floor/votes/{vote}/close`: closes a vote.
pub async fn close(
    caller: Caller,
    Path((code, vote)): Path<(String, u32)>,
    Form(form): Form<RoundForm>,
) -> Result<Response, WebError> {
    let (node, round, congress) = office_congress(&caller, &code, &form.round).await?;
    caller.scoped().floor_votes().close(&congress, vote, &caller.address).await?;
    live::phase_moved();
    Ok(back(&node, &round, Some(vote)))
}

/// `POST /orgs/{code}/congress/floor/votes/{vote}/declaration`: the
/// presidium's declaration of a closed vote.
pub async fn declare(
    caller: Caller,
    Path((code, vote)): Path<(String, u32)>,
    Form(form): Form<DeclareForm>,
) -> Result<Response, WebError> {
    let (node, round, congress) = office_congress(&caller, &code, &form.round).await?;
    let Some(declared) = Declared::parse(form.declared.trim()) else {
        let problem = caller.tr.t("floor-bad-declaration");
        return again(&caller, &node, round, congress, problem).await;
    };
    match caller.scoped().floor_votes().declare(&congress, vote, declared, &caller.address).await {
        Ok(()) => {
            live::phase_moved();
            Ok(back(&node, &round, Some(vote)))
        }
        Err(e) => {
            let problem = refusal(caller.tr, e)?;
            again(&caller, &node, round, congress, problem).await
        }
    }
}
