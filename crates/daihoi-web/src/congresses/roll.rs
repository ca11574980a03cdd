//! The roll of a congress (`/orgs/{code}/congress/roll`, issue 15 §6):
//! every line with its seat and status in words (convened; not convened
//! with C-DEL-9's case, its date and document; awaiting a decision), and
//! the credentials committee's figures (by seat, women, ethnic minorities,
//! age and seniority bands). Read by the congress's readers; 100 lines a
//! page when there are more than 200.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_congress::credentials::{AGE_BANDS, SENIORITY_BANDS};
use daihoi_congress::{Exclusion, ExclusionCase, ExclusionFact, RollLine, Seat, Status};
use daihoi_core::members::CardNumber;
use daihoi_store::StoreError;
use daihoi_store::congresses::Round;
use daihoi_store::congresses::roll::{NewDelegate, parse_exclusion};
use daihoi_store::orgs::OrgNode;
use serde::Deserialize;

use super::view::{may_plan, question_key, round_named};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path, today};

/// Lines a page when the roll is long.
const PAGE: usize = 100;
/// A roll longer than this is paged.
const PAGED_OVER: usize = 200;

#[derive(Debug, Deserialize)]
pub struct RollParam {
    pub round: Option<String>,
    pub page: Option<usize>,
    pub saved: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct DelegateForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub card: String,
    /// `elected`, `designated` or `alternate`.
    #[serde(default)]
    pub seat: String,
    #[serde(default)]
    pub by: String,
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub rank: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ExclusionForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub card: String,
    #[serde(default)]
    pub case: String,
    #[serde(default)]
    pub effective: String,
    #[serde(default)]
    pub reference: String,
}

/// C-DEL-9's cases, in order.
const CASES: [ExclusionCase; 6] = [
    ExclusionCase::Suspended,
    ExclusionCase::Prosecuted,
    ExclusionCase::Indicted,
    ExclusionCase::ElectedAgainstRules,
    ExclusionCase::Retiring,
    ExclusionCase::TransferredOut,
];

pub(crate) fn case_key(c: ExclusionCase) -> String {
    format!("congress-exclusion-{}", c.code().replace('_', "-"))
}

/// A line of the roll in words.
pub struct LineView {
    pub card: String,
    pub name: String,
    pub seat: String,
    pub status: String,
    pub convened: bool,
}

/// A figure of the credentials report: its label and count.
pub type Figure = (String, u32);

#[derive(Template, WebTemplate)]
#[template(path = "congress_roll.html")]
pub struct RollPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: Round,
    planned: bool,
    lines: Vec<LineView>,
    total: usize,
    page: usize,
    pages: usize,
    by_seat: Vec<Figure>,
    make_up: Vec<Figure>,
    ages: Vec<Figure>,
    seniority: Vec<Figure>,
    /// The parts the delegate cards print in (`prints::card_parts`).
    card_parts: usize,
    may_plan: bool,
    saved: bool,
    problems: Vec<String>,
    delegate: DelegateForm,
    exclusion: ExclusionForm,
    cases: Vec<(String, String)>,
}

/// A band `(from, to)` as people write it: `36–45`, `61+`.
pub(crate) fn band_text((from, to): (u32, u32)) -> String {
    if to == u32::MAX { format!("{from}+") } else { format!("{from}–{to}") }
}

/// A seat in words (C-DEL-7, C-DEL-8, C-DEL-10).
pub(crate) fn seat_text(tr: Tr, seat: &Seat) -> String {
    match seat {
        Seat::Member { exempted, temporarily_transferred } => {
            let mut t = tr.t("congress-seat-member");
            if *exempted {
                t = format!("{t} ({})", tr.t("congress-seat-exempted"));
            }
            if *temporarily_transferred {
                t = format!("{t} ({})", tr.t("congress-seat-transferred"));
            }
            t
        }
        Seat::ExOfficio => tr.t("congress-seat-ex-officio"),
        Seat::Elected { by } => tr.t1("congress-seat-elected", "org", by),
        Seat::Designated { decision } => tr.t1("congress-seat-designated", "decision", decision),
        Seat::Alternate { rank } => tr.t1("congress-seat-alternate", "rank", rank),
    }
}

/// An exclusion in words (C-DEL-9): its case, from when, its document.
pub(crate) fn exclusion_text(tr: Tr, e: &Exclusion) -> String {
    tr.t_args(
        "congress-roll-not-convened",
        &[
            ("case", tr.t(&case_key(e.case))),
            ("date", daihoi_core::date::vi(e.effective)),
            ("reference", e.reference.clone()),
        ],
    )
}

pub(crate) fn status_text(tr: Tr, s: &Status) -> String {
    match s {
        Status::Convened => tr.t("congress-roll-convened"),
        Status::NotConvened(e) => exclusion_text(tr, e),
        Status::Awaiting(a) => tr.t1("congress-base-awaiting", "question", tr.t(&question_key(a.question))),
    }
}

fn line_view(tr: Tr, l: &RollLine, name: Option<&String>) -> LineView {
    LineView {
        card: l.entry.person.clone(),
        name: name.cloned().unwrap_or_default(),
        seat: seat_text(tr, &l.entry.seat),
        status: status_text(tr, &l.status),
        convened: l.status == Status::Convened,
    }
}

/// The roll page, with the forms of the congress's office (a refused one
/// kept, with every problem named).
#[allow(clippy::too_many_arguments)]
async fn roll_page(
    caller: &Caller,
    node: &OrgNode,
    round: Round,
    page: Option<usize>,
    saved: bool,
    problems: Vec<String>,
    delegate: Option<DelegateForm>,
    exclusion: Option<ExclusionForm>,
) -> Result<RollPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let congress = scoped.congresses().congress(&round, node, today()).await?;
    let code = round.code.clone();
    let mut view = RollPage {
        tr,
        nav: caller.nav(),
        org: node.into(),
        round: round.clone(),
        planned: congress.is_some(),
        lines: Vec::new(),
        total: 0,
        page: 1,
        pages: 1,
        by_seat: Vec::new(),
        make_up: Vec::new(),
        ages: Vec::new(),
        seniority: Vec::new(),
        card_parts: 1,
        may_plan: may_plan(&scoped, node),
        saved,
        problems,
        delegate: delegate.unwrap_or_else(|| DelegateForm {
            round: code.clone(),
            seat: "elected".into(),
            ..DelegateForm::default()
        }),
        exclusion: exclusion.unwrap_or_else(|| ExclusionForm { round: code, ..ExclusionForm::default() }),
        cases: CASES.iter().map(|c| (c.code().to_owned(), tr.t(&case_key(*c)))).collect(),
    };
    let p = RollParam { round: None, page, saved: None };
    let Some(c) = congress else { return Ok(view) };
    let (roll, f) = scoped.congresses().credentials(&round, &c).await?;
    let all = &roll.roll.lines;
    view.total = all.len();
    let shown: &[RollLine] = if all.len() > PAGED_OVER {
        view.pages = all.len().div_ceil(PAGE);
        view.page = p.page.unwrap_or(1).clamp(1, view.pages);
        let from = (view.page - 1) * PAGE;
        &all[from..(from + PAGE).min(all.len())]
    } else {
        all
    };
    view.card_parts = super::prints::card_parts(f.convened);
    view.lines = shown.iter().map(|l| line_view(tr, l, roll.names.get(&l.entry.person))).collect();
    view.by_seat = vec![
        (tr.t("congress-seat-ex-officio-count"), f.ex_officio),
        (tr.t("congress-seat-elected-count"), f.elected),
        (tr.t("congress-seat-designated-count"), f.designated),
        (tr.t("congress-seat-member"), f.members),
        (tr.t("congress-seat-alternate-count"), f.alternates),
        (tr.t("congress-roll-convened-count"), f.convened),
        (tr.t("congress-roll-not-convened-count"), u32::try_from(f.not_convened.len()).unwrap_or(u32::MAX)),
    ];
    view.make_up =
        vec![(tr.t("congress-roll-women"), f.women), (tr.t("congress-roll-ethnic-minorities"), f.ethnic_minorities)];
    if f.undescribed > 0 {
        view.make_up.push((tr.t("congress-roll-undescribed"), f.undescribed));
    }
    view.ages = AGE_BANDS.iter().zip(&f.ages).map(|(b, n)| (band_text(*b), *n)).collect();
    view.seniority = SENIORITY_BANDS.iter().zip(&f.seniority).map(|(b, n)| (band_text(*b), *n)).collect();
    Ok(view)
}

/// `GET /orgs/{code}/congress/roll?round=&page=`: the roll and its figures.
pub async fn page(caller: Caller, Path(code): Path<String>, Query(p): Query<RollParam>) -> Result<RollPage, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    let named = p.round.as_deref().filter(|r| !r.trim().is_empty());
    let round = round_named(&caller.scoped(), named).await?.ok_or(WebError::NotFound)?;
    roll_page(&caller, &node, round, p.page, p.saved.is_some(), Vec::new(), None, None).await
}

/// The organization and the round a form names, for the congress's office
/// (404 for an unknown round, 403 to others), and the congress or the
/// problem in words.
async fn office(
    caller: &Caller,
    code: &str,
    round: &str,
) -> Result<(OrgNode, Round, Result<daihoi_store::congresses::Congress, String>), WebError> {
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

/// A store refusal of a roll form in words.
fn refusal(tr: Tr, card: &str, e: StoreError) -> Result<String, WebError> {
    match e {
        e @ (StoreError::CongressRefused { .. } | StoreError::Congress(_)) => {
            Ok(tr.t1("congress-problem-refused", "rule", e.rule().unwrap_or("C-DEL-9")))
        }
        StoreError::UnknownOrg(code) => Ok(tr.t1("congress-problem-unknown-org", "code", code)),
        StoreError::NotFound(_) => Ok(tr.t1("congress-check-in-unknown-card", "card", card)),
        StoreError::BadText { .. } => Ok(tr.t1("congress-problem-refused", "rule", "TEXT-1")),
        e => Err(e.into()),
    }
}

fn saved(node: &OrgNode, round: &Round) -> Response {
    Redirect::to(&format!("/orgs/{}/congress/roll?round={}&saved=1", node.code, round.code)).into_response()
}

/// `POST /orgs/{code}/congress/delegates`: enters a delegate on the roll
/// (the congress's office): elected by an organization below (C-DEL-2),
/// designated with its decision (C-DEL-8), an alternate with its rank
/// (C-DEL-10); a person is on the roll once.
pub async fn add_delegate(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<DelegateForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (node, round, congress) = office(&caller, &code, &form.round).await?;
    let mut problems = Vec::new();
    let card = CardNumber::parse(form.card.trim());
    if card.is_err() {
        problems.push(tr.t1("congress-check-in-bad-card", "card", form.card.trim()));
    }
    let missing = |label: &str| tr.t1("congress-problem-missing", "field", tr.t(label));
    let seat = match form.seat.as_str() {
        "elected" if !form.by.trim().is_empty() => Some(Seat::Elected { by: form.by.trim().to_owned() }),
        "designated" if !form.decision.trim().is_empty() => {
            Some(Seat::Designated { decision: form.decision.trim().to_owned() })
        }
        "alternate" => match form.rank.trim().parse::<u32>() {
            Ok(rank) if rank > 0 => Some(Seat::Alternate { rank }),
            _ => None,
        },
        _ => None,
    };
    if seat.is_none() {
        problems.push(missing(match form.seat.as_str() {
            "elected" => "congress-roll-by",
            "designated" => "congress-roll-decision",
            "alternate" => "congress-roll-rank",
            _ => "congress-roll-seat",
        }));
    }
    match congress {
        Err(p) => problems.push(p),
        Ok(c) => {
            if let (Ok(card), Some(seat), true) = (&card, seat, problems.is_empty()) {
                let new = NewDelegate { card, seat };
                match caller.scoped().congresses().add_delegate(&c, &new, &caller.address).await {
                    Ok(()) => return Ok(saved(&node, &round)),
                    Err(e) => problems.push(refusal(tr, card.as_str(), e)?),
                }
            }
        }
    }
    let page = roll_page(&caller, &node, round, None, false, problems, Some(form), None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST /orgs/{code}/congress/exclusions`: records a case of C-DEL-9
/// against a person, with the day it takes effect and its document.
pub async fn record_exclusion(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<ExclusionForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (node, round, congress) = office(&caller, &code, &form.round).await?;
    let mut problems = Vec::new();
    let card = CardNumber::parse(form.card.trim());
    if card.is_err() {
        problems.push(tr.t1("congress-check-in-bad-card", "card", form.card.trim()));
    }
    let case = parse_exclusion(&form.case);
    if case.is_none() {
        problems.push(tr.t1("congress-problem-missing", "field", tr.t("congress-roll-case")));
    }
    let effective = daihoi_core::date::from_iso(form.effective.trim())
        .or_else(|| daihoi_core::date::parse_date(form.effective.trim()));
    if effective.is_none() {
        problems.push(tr.t1("congress-problem-bad-date", "field", tr.t("congress-roll-effective")));
    }
    if form.reference.trim().is_empty() {
        problems.push(tr.t1("congress-problem-missing", "field", tr.t("congress-reference")));
    }
    problems.extend(crate::page::text_refusal(
        tr,
        "congress-reference",
        daihoi_core::text::line(&form.reference, daihoi_core::text::TITLE_MAX_CHARS),
    ));
    match congress {
        Err(p) => problems.push(p),
        Ok(c) => {
            if let (Ok(card), Some(case), Some(effective), true) = (&card, case, effective, problems.is_empty()) {
                let fact = ExclusionFact {
                    person: card.to_string(),
                    case,
                    effective,
                    reference: form.reference.trim().into(),
                };
                match caller.scoped().congresses().record_exclusion(&c, &fact, &caller.address).await {
                    Ok(()) => return Ok(saved(&node, &round)),
                    Err(e) => problems.push(refusal(tr, card.as_str(), e)?),
                }
            }
        }
    }
    let page = roll_page(&caller, &node, round, None, false, problems, None, Some(form)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
