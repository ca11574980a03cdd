//! The check-in page of a congress (`/orgs/{code}/congress/check-in`,
//! issue 15 §7): one card-number input for a clerk at a keyboard, the
//! session's base of a vote with each subtraction and who is in it
//! (R-BASE-1, R-BASE-2), and the form that opens the next session. Several
//! clerks check in at once: the store writes a person once per session.
//! Only for those who plan the congress (its office).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_core::date::{from_iso, iso, parse_date};
use daihoi_core::members::CardNumber;
use daihoi_core::text::{TITLE_MAX_CHARS, line};
use daihoi_store::StoreError;
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::orgs::OrgNode;
use serde::Deserialize;

use super::view::{may_plan, question_key, round_named};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path, text_refusal, today};

#[derive(Debug, Deserialize)]
pub struct CheckInParam {
    pub round: Option<String>,
    pub session: Option<String>,
    /// The card just checked in (the flash after the redirect).
    pub checked: Option<String>,
    pub already: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct CheckInForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub session: String,
    #[serde(default)]
    pub card: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AbsenceForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub session: String,
    #[serde(default)]
    pub card: String,
    #[serde(default)]
    pub reason: String,
    /// The convening committee accepted the reason (R-BASE-1).
    #[serde(default)]
    pub accepted: Option<String>,
}

/// C-DEL-10: an alternate in place of an official delegate absent from
/// every session, as the presidium decided.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReplacementForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub session: String,
    #[serde(default)]
    pub absent: String,
    #[serde(default)]
    pub alternate: String,
    #[serde(default)]
    pub decided_by: String,
    #[serde(default)]
    pub reference: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SessionForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub held_on: String,
}

/// A subtraction of the base in words, with the people in it.
pub struct SubtractionLine {
    pub label: String,
    pub count: usize,
    pub people: String,
}

/// The base of a vote in a session, or what it waits for.
pub struct BaseLine {
    pub rule: &'static str,
    pub convened: u32,
    pub present: u32,
    pub subtractions: Vec<SubtractionLine>,
    pub base: u32,
    pub votes_needed: u32,
}

#[derive(Template, WebTemplate)]
#[template(path = "congress_check_in.html")]
pub struct CheckInPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: Round,
    planned: bool,
    /// `(number, name, date)` of every session so far.
    sessions: Vec<(u32, String, String)>,
    session: Option<u32>,
    flash: Option<String>,
    problems: Vec<String>,
    base: Option<BaseLine>,
    awaiting: Option<String>,
    new_session: SessionForm,
    absence: AbsenceForm,
    /// C-DEL-10 (a delegate congress with alternates): the replacements
    /// recorded, in words; the form; the next alternate by rank or what
    /// the order waits for.
    replaceable: bool,
    replacements: Vec<String>,
    replacement: ReplacementForm,
    replacement_note: Option<String>,
}

/// The key of a subtraction of the base (R-BASE-1, R-BASE-2).
pub(crate) fn subtraction_key(code: &str) -> String {
    format!("congress-subtraction-{}", code.replace('_', "-"))
}

#[allow(clippy::too_many_arguments)]
async fn check_in_page(
    caller: &Caller,
    node: &OrgNode,
    round: Round,
    session: Option<u32>,
    flash: Option<String>,
    problems: Vec<String>,
    new_session: Option<SessionForm>,
    absence: Option<AbsenceForm>,
    replacement: Option<ReplacementForm>,
) -> Result<CheckInPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let congress = scoped.congresses().congress(&round, node, today()).await?;
    let (mut sessions, mut base, mut awaiting, mut current) = (Vec::new(), None, None, None);
    let (mut replaceable, mut replacements, mut replacement_note, mut next) = (false, Vec::new(), None, None);
    if let Some(c) = &congress {
        let roll = scoped.congresses().roll(&round, c).await?;
        let name = |card: &String| roll.names.get(card).map_or_else(|| card.clone(), |n| format!("{n} ({card})"));
        replaceable = c.plan.kind == daihoi_congress::CongressKind::DelegateCongress
            && roll.roll.lines.iter().any(|l| matches!(l.entry.seat, daihoi_congress::Seat::Alternate { .. }));
        if replaceable {
            let recorded = scoped.congresses().replacements(c).await?;
            replacements = recorded
                .iter()
                .map(|r| {
                    tr.t_args(
                        "congress-replacement-line",
                        &[
                            ("absent", name(&r.absent)),
                            ("alternate", name(&r.alternate)),
                            ("by", r.decided_by.clone()),
                            ("reference", r.reference.clone()),
                        ],
                    )
                })
                .collect();
            let settings = scoped.congresses().settings(&round, today()).await?;
            let used: Vec<String> = recorded.iter().map(|r| r.alternate.clone()).collect();
            replacement_note = Some(match roll.roll.next_alternate(&used, &settings) {
                Ok(Some(e)) => {
                    next = Some(e.person.clone());
                    tr.t1("congress-replacement-next", "alternate", name(&e.person))
                }
                Ok(None)
                    if settings
                        .replacement_order(&daihoi_congress::Scope::Round)
                        .is_ok_and(|o| o == daihoi_congress::ReplacementOrder::DecidedEachTime) =>
                {
                    tr.t("congress-replacement-each-time")
                }
                Ok(None) => tr.t("congress-replacement-none-left"),
                Err(a) => tr.t1("congress-base-awaiting", "question", tr.t(&question_key(a.question))),
            });
        }
        let all = scoped.congresses().sessions(c).await?;
        current = session.filter(|n| all.iter().any(|s| s.number == *n)).or(all.last().map(|s| s.number));
        sessions = all.iter().map(|s| (s.number, s.name.clone(), tr.date(s.held_on))).collect();
        if let Some(n) = current {
            match scoped.congresses().base(&round, c, n).await? {
                Ok(w) => {
                    base = Some(BaseLine {
                        rule: w.electorate.meeting.base_rule(),
                        convened: w.electorate.convened,
                        present: w.electorate.present,
                        subtractions: w
                            .subtractions
                            .iter()
                            .map(|s| SubtractionLine {
                                label: tr.t(&subtraction_key(s.subtraction.code())),
                                count: s.persons.len(),
                                people: s.persons.iter().map(name).collect::<Vec<_>>().join(", "),
                            })
                            .collect(),
                        base: w.base,
                        votes_needed: w.votes_needed,
                    })
                }
                Err(a) => awaiting = Some(tr.t(&question_key(a.question))),
            }
        }
    }
    let round_code = round.code.clone();
    let absence = absence.unwrap_or_else(|| AbsenceForm { round: round_code.clone(), ..AbsenceForm::default() });
    let replacement = replacement.unwrap_or_else(|| ReplacementForm {
        round: round_code.clone(),
        alternate: next.unwrap_or_default(),
        ..ReplacementForm::default()
    });
    Ok(CheckInPage {
        tr,
        nav: caller.nav(),
        org: node.into(),
        round,
        planned: congress.is_some(),
        sessions,
        session: current,
        flash,
        problems,
        base,
        awaiting,
        new_session: new_session.unwrap_or_else(|| SessionForm {
            round: round_code,
            held_on: iso(today()),
            ..SessionForm::default()
        }),
        absence,
        replaceable,
        replacements,
        replacement,
        replacement_note,
    })
}

/// The organization, the round a request names and the congress's
/// office's right to check people in: 404 for an unknown round, 403 to
/// those who do not plan the congress.
async fn office(caller: &Caller, code: &str, round: Option<&str>) -> Result<(OrgNode, Round), WebError> {
    let node = crate::page::org_today(caller, code).await?;
    let round = round_named(&caller.scoped(), round).await?.ok_or(WebError::NotFound)?;
    if !may_plan(&caller.scoped(), &node) {
        return Err(WebError::Forbidden);
    }
    Ok((node, round))
}

/// `GET /orgs/{code}/congress/check-in?round=&session=`: the check-in of a
/// session (the last one opened by default), for the congress's office.
pub async fn page(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<CheckInParam>,
) -> Result<CheckInPage, WebError> {
    let named = p.round.as_deref().filter(|r| !r.trim().is_empty());
    let (node, round) = office(&caller, &code, named).await?;
    let session = p.session.as_deref().and_then(|s| s.trim().parse().ok());
    let tr = caller.tr;
    // The flash of a check-in: the name as the member file has it.
    let flash = match p.checked.as_deref().map(CardNumber::parse) {
        Some(Ok(card)) => {
            let name = match caller.scoped().congresses().congress(&round, &node, today()).await? {
                Some(c) => caller.scoped().congresses().roll(&round, &c).await?.names.get(card.as_str()).cloned(),
                None => None,
            };
            let vars = [("name", name.unwrap_or_default()), ("card", card.to_string())];
            let key = if p.already.is_some() { "congress-check-in-already" } else { "congress-check-in-done" };
            Some(tr.t_args(key, &vars))
        }
        _ => None,
    };
    check_in_page(&caller, &node, round, session, flash, Vec::new(), None, None, None).await
}

fn back(node: &OrgNode, round: &Round, session: u32, extra: &str) -> Response {
    Redirect::to(&format!("/orgs/{}/congress/check-in?round={}&session={session}{extra}", node.code, round.code))
        .into_response()
}

/// A check-in refused in words: C-DEL-9 (excluded), not on the roll (its
/// rule), an unknown card or session.
fn refused(tr: Tr, card: &str, e: StoreError) -> Result<String, WebError> {
    match e {
        StoreError::CongressRefused { rule: "C-DEL-9", .. } => Ok(tr.t1("congress-check-in-excluded", "card", card)),
        e @ StoreError::CongressRefused { .. } => Ok(tr.t_args(
            "congress-check-in-not-on-roll",
            &[("card", card.to_owned()), ("rule", e.rule().unwrap_or("C-DEL-7").to_owned())],
        )),
        StoreError::NotFound(what) if what.starts_with("session") => {
            Ok(tr.t1("congress-problem-unknown-session", "session", what.trim_start_matches("session ")))
        }
        StoreError::NotFound(_) => Ok(tr.t1("congress-check-in-unknown-card", "card", card)),
        e => Err(e.into()),
    }
}

/// The stored congress, or the problem in words.
async fn planned(caller: &Caller, node: &OrgNode, round: &Round) -> Result<Result<Congress, String>, WebError> {
    Ok(caller
        .scoped()
        .congresses()
        .congress(round, node, today())
        .await?
        .ok_or_else(|| caller.tr.t("congress-problem-no-plan")))
}

/// `POST /orgs/{code}/congress/check-in`: checks a card in to a session and
/// goes back (303) with "✓ name (card)" or "already checked in"; a refusal
/// shows the page again with 422, the card input cleared.
pub async fn check_in(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<CheckInForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (node, round) = office(&caller, &code, Some(form.round.trim())).await?;
    let session = form.session.trim().parse::<u32>().ok();
    let card_text = form.card.trim();
    let mut problems = Vec::new();
    if session.is_none() {
        problems.push(tr.t1("congress-problem-unknown-session", "session", form.session.trim()));
    }
    let card = CardNumber::parse(card_text);
    if card.is_err() {
        problems.push(tr.t1("congress-check-in-bad-card", "card", card_text));
    }
    match planned(&caller, &node, &round).await? {
        Err(p) => problems.push(p),
        Ok(c) => {
            if let (Some(s), Ok(card)) = (session, &card) {
                match caller.scoped().congresses().check_in(&round, &c, s, card, &caller.address).await {
                    Ok(done) => {
                        let extra = format!("&checked={}{}", done.card, if done.already { "&already=1" } else { "" });
                        return Ok(back(&node, &round, s, &extra));
                    }
                    Err(e) => problems.push(refused(tr, card.as_str(), e)?),
                }
            }
        }
    }
    let page = check_in_page(&caller, &node, round, session, None, problems, None, None, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST /orgs/{code}/congress/sessions`: opens the next session of the
/// congress (its office), then its check-in.
pub async fn open_session(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<SessionForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (node, round) = office(&caller, &code, Some(form.round.trim())).await?;
    let mut problems = Vec::new();
    if form.name.trim().is_empty() {
        problems.push(tr.t1("congress-problem-missing", "field", tr.t("congress-session-name")));
    }
    problems.extend(text_refusal(tr, "congress-session-name", line(&form.name, TITLE_MAX_CHARS)));
    let held_on = from_iso(form.held_on.trim()).or_else(|| parse_date(form.held_on.trim()));
    if held_on.is_none() {
        problems.push(tr.t1("congress-problem-bad-date", "field", tr.t("congress-session-held-on")));
    }
    match planned(&caller, &node, &round).await? {
        Err(p) => problems.push(p),
        Ok(c) => {
            if let (Some(on), true) = (held_on, problems.is_empty()) {
                match caller.scoped().congresses().open_session(&c, form.name.trim(), on, &caller.address).await {
                    Ok(n) => return Ok(back(&node, &round, n, "")),
                    Err(StoreError::BadText { .. }) => {
                        problems.push(tr.t1("congress-problem-missing", "field", tr.t("congress-session-name")))
                    }
                    Err(e) => return Err(e.into()),
                }
            }
        }
    }
    let page = check_in_page(&caller, &node, round, None, None, problems, Some(form), None, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST /orgs/{code}/congress/absences`: why a person is absent from a
/// session and whether the convening committee accepted it (R-BASE-1,
/// R-BASE-2: an accepted reason for the whole congress is subtracted);
/// not for someone checked in.
pub async fn record_absence(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<AbsenceForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (node, round) = office(&caller, &code, Some(form.round.trim())).await?;
    let session = form.session.trim().parse::<u32>().ok();
    let mut problems = Vec::new();
    if session.is_none() {
        problems.push(tr.t1("congress-problem-unknown-session", "session", form.session.trim()));
    }
    let card_text = form.card.trim();
    let card = CardNumber::parse(card_text);
    if card.is_err() {
        problems.push(tr.t1("congress-check-in-bad-card", "card", card_text));
    }
    if form.reason.trim().is_empty() {
        problems.push(tr.t1("congress-problem-missing", "field", tr.t("congress-absence-reason")));
    }
    problems.extend(text_refusal(tr, "congress-absence-reason", line(&form.reason, TITLE_MAX_CHARS)));
    match planned(&caller, &node, &round).await? {
        Err(p) => problems.push(p),
        Ok(c) => {
            if let (Some(s), Ok(card), true) = (session, &card, problems.is_empty()) {
                if let Some((what, rule)) = not_markable(&caller.scoped(), &round, &c, s, card).await? {
                    problems.push(match what {
                        Unmarkable::Session => tr.t1("congress-problem-unknown-session", "session", s),
                        Unmarkable::NotOnRoll => tr.t_args(
                            "congress-check-in-not-on-roll",
                            &[("card", card.to_string()), ("rule", rule.to_owned())],
                        ),
                    });
                    let page =
                        check_in_page(&caller, &node, round, session, None, problems, None, Some(form), None).await?;
                    return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
                }
                let reason = daihoi_congress::AbsenceReason {
                    reason: form.reason.trim().to_owned(),
                    accepted: form.accepted.is_some(),
                };
                match caller.scoped().congresses().record_absence(&round, &c, s, card, &reason, &caller.address).await {
                    Ok(()) => return Ok(back(&node, &round, s, "")),
                    Err(e @ StoreError::CongressRefused { .. }) => problems.push(tr.t_args(
                        "congress-absence-refused",
                        &[("card", card.to_string()), ("rule", e.rule().unwrap_or("R-BASE-1").to_owned())],
                    )),
                    Err(e) => problems.push(refused(tr, card.as_str(), e)?),
                }
            }
        }
    }
    let page = check_in_page(&caller, &node, round, session, None, problems, None, Some(form), None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST /orgs/{code}/congress/replacements`: records that an alternate
/// replaces an official delegate absent from every session, as the
/// presidium decided (C-DEL-10, R-BASE-2); the order is the round's
/// answer, and waits for it.
pub async fn replace(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<ReplacementForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (node, round) = office(&caller, &code, Some(form.round.trim())).await?;
    let session = form.session.trim().parse::<u32>().ok();
    let mut problems = Vec::new();
    let absent = CardNumber::parse(form.absent.trim());
    if absent.is_err() {
        problems.push(tr.t1("congress-check-in-bad-card", "card", form.absent.trim()));
    }
    let alternate = CardNumber::parse(form.alternate.trim());
    if alternate.is_err() {
        problems.push(tr.t1("congress-check-in-bad-card", "card", form.alternate.trim()));
    }
    for (key, value) in [("congress-replacement-decided-by", &form.decided_by), ("congress-reference", &form.reference)]
    {
        if value.trim().is_empty() {
            problems.push(tr.t1("congress-problem-missing", "field", tr.t(key)));
        }
        problems.extend(text_refusal(tr, key, line(value, TITLE_MAX_CHARS)));
    }
    match planned(&caller, &node, &round).await? {
        Err(p) => problems.push(p),
        Ok(c) => {
            if let (Ok(absent), Ok(alternate), true) = (&absent, &alternate, problems.is_empty()) {
                match caller
                    .scoped()
                    .congresses()
                    .replace(
                        &round,
                        &c,
                        absent,
                        alternate,
                        form.decided_by.trim(),
                        form.reference.trim(),
                        &caller.address,
                    )
                    .await
                {
                    Ok(()) => {
                        let to = session.map_or_else(
                            || format!("/orgs/{}/congress/check-in?round={}#replacements", node.code, round.code),
                            |s| {
                                format!(
                                    "/orgs/{}/congress/check-in?round={}&session={s}#replacements",
                                    node.code, round.code
                                )
                            },
                        );
                        return Ok(Redirect::to(&to).into_response());
                    }
                    Err(e @ (StoreError::CongressRefused { .. } | StoreError::Congress(_))) => {
                        problems.push(tr.t_args(
                            "congress-replacement-refused",
                            &[("rule", e.rule().unwrap_or("C-DEL-10").to_owned()), ("detail", e.to_string())],
                        ))
                    }
                    Err(StoreError::NotFound(_)) => problems.push(tr.t1(
                        "congress-check-in-unknown-card",
                        "card",
                        format!("{} / {}", absent.as_str(), alternate.as_str()),
                    )),
                    Err(e) => return Err(e.into()),
                }
            }
        }
    }
    let page = check_in_page(&caller, &node, round, session, None, problems, None, None, Some(form)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// Why an absence may not be recorded: the session is not open, or the
/// person is not on the roll (C-DEL-7 at a delegate congress, R-BASE-1 at
/// a member congress).
pub(crate) enum Unmarkable {
    Session,
    NotOnRoll,
}

/// Whether `card` may be marked absent from `session`; `None` when it may.
pub(crate) async fn not_markable(
    scoped: &daihoi_store::Scoped<'_>,
    round: &Round,
    congress: &Congress,
    session: u32,
    card: &CardNumber,
) -> Result<Option<(Unmarkable, &'static str)>, StoreError> {
    if !scoped.congresses().sessions(congress).await?.iter().any(|s| s.number == session) {
        return Ok(Some((Unmarkable::Session, "")));
    }
    // The store's own test (not the whole roll built for one card).
    if let Err(rule) = scoped.congresses().convened(round, congress, card).await? {
        return Ok(Some((Unmarkable::NotOnRoll, rule)));
    }
    Ok(None)
}
