//! The roll of a congress (`/orgs/{code}/congress/roll`, issue 15 §6):
//! every line with its seat and status in words (convened; not convened
//! with C-DEL-9's case, its date and document; awaiting a decision), and
//! the credentials committee's figures (by seat, women, ethnic minorities,
//! age and seniority bands). Read by the congress's readers; 100 lines a
//! page when there are more than 200.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use daihoi_congress::credentials::{AGE_BANDS, SENIORITY_BANDS};
use daihoi_congress::{Exclusion, RollLine, Seat, Status};
use daihoi_store::congresses::Round;
use serde::Deserialize;

use super::view::{question_key, round_named};
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
            ("case", tr.t(&format!("congress-exclusion-{}", e.case.code().replace('_', "-")))),
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

/// `GET /orgs/{code}/congress/roll?round=&page=`: the roll and its figures.
pub async fn page(caller: Caller, Path(code): Path<String>, Query(p): Query<RollParam>) -> Result<RollPage, WebError> {
    let tr = caller.tr;
    let node = crate::page::org_today(&caller, &code).await?;
    let scoped = caller.scoped();
    let named = p.round.as_deref().filter(|r| !r.trim().is_empty());
    let round = round_named(&scoped, named).await?.ok_or(WebError::NotFound)?;
    let congress = scoped.congresses().congress(&round, &node, today()).await?;
    let mut view = RollPage {
        tr,
        nav: caller.nav(),
        org: (&node).into(),
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
    };
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
