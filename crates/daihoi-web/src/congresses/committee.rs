//! An organization's committee over time (`/orgs/{code}/committee`, issue
//! 15 §4; C-PER-10, C-DEL-7): the seats held today by position, the seats
//! that ended, and for the office of the organization above (the facet's
//! `approves_for`) the forms that record a seat (an appointment, or an
//! election whose results it approved) and end one. A refused form shows
//! the page again with 422, what was typed kept and each problem beside
//! its field.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_congress::{Position, SeatSource};
use daihoi_core::date::{from_iso, iso, parse_date};
use daihoi_core::members::CardNumber;
use daihoi_core::text::{TITLE_MAX_CHARS, line};
use daihoi_store::StoreError;
use daihoi_store::congresses::committees::{NewSeat, StoredSeat};
use daihoi_store::orgs::OrgNode;
use serde::Deserialize;
use time::Date;

use super::view::approves_for;
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path, text_refusal, today};

/// The message key of a position.
pub(crate) fn position_key(p: Position) -> String {
    format!("congress-position-{}", p.code().replace('_', "-"))
}

/// The message key of how a seat began.
pub(crate) fn source_key(s: SeatSource) -> String {
    format!("congress-source-{}", s.code())
}

/// A date a form sends: `yyyy-mm-dd` (a date input) or as people write it.
fn form_date(text: &str) -> Option<Date> {
    let text = text.trim();
    from_iso(text).or_else(|| parse_date(text))
}

#[derive(Debug, Deserialize)]
pub struct SavedParam {
    pub saved: Option<String>,
}

/// The form that records a seat.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SeatForm {
    #[serde(default)]
    pub card: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub reference: String,
}

/// The form that ends a seat: its last day is the day before `on`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EndForm {
    #[serde(default)]
    pub on: String,
    #[serde(default)]
    pub reason: String,
}

/// The problems of a refused form, each by the field it is shown beside.
#[derive(Debug, Default)]
pub struct Problems(Vec<(String, String)>);

impl Problems {
    pub(crate) fn add(&mut self, field: impl Into<String>, problem: String) {
        self.0.push((field.into(), problem));
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The problems beside `field`.
    pub fn at(&self, field: &str) -> Vec<&str> {
        self.0.iter().filter(|(f, _)| f == field).map(|(_, p)| p.as_str()).collect()
    }
}

/// A seat in words.
pub struct SeatView {
    pub id: i64,
    pub card: String,
    pub name: String,
    pub position: String,
    pub from: String,
    pub to: String,
    pub source: String,
    pub reference: String,
    pub end_reason: String,
}

fn seat_view(tr: Tr, s: &StoredSeat) -> SeatView {
    SeatView {
        id: s.id,
        card: s.seat.person.clone(),
        name: s.name.clone(),
        position: tr.t(&position_key(s.seat.position)),
        from: tr.date(s.seat.from),
        to: tr.date_opt(s.seat.to),
        source: tr.t(&source_key(s.seat.source)),
        reference: s.seat.reference.clone(),
        end_reason: s.end_reason.clone().unwrap_or_default(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "committee.html")]
pub struct CommitteePage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    /// The seats held today, by position from the secretary down.
    current: Vec<SeatView>,
    /// The seats that ended, the latest first.
    past: Vec<SeatView>,
    /// The office of the organization above: the forms are shown.
    may_record: bool,
    saved: bool,
    seat: SeatForm,
    seat_problems: Problems,
    /// The seat whose end form was refused (0: none), what was typed, and
    /// its problems.
    ending: i64,
    end: EndForm,
    end_problems: Problems,
    positions: Vec<(String, String)>,
    sources: Vec<(String, String)>,
    today: String,
}

/// Which form comes back refused.
enum Refused {
    None,
    Seat(SeatForm, Problems),
    End(i64, EndForm, Problems),
}

async fn committee_page(
    caller: &Caller,
    node: &OrgNode,
    saved: bool,
    refused: Refused,
) -> Result<CommitteePage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let day = today();
    let current = scoped.congresses().committee(node, day).await?;
    let mut past: Vec<StoredSeat> =
        scoped.congresses().committee_history(node).await?.into_iter().filter(|s| s.seat.to.is_some()).collect();
    past.sort_by_key(|s| (std::cmp::Reverse(s.seat.to), s.seat.position, s.id));
    let mut page = CommitteePage {
        tr,
        nav: caller.nav(),
        org: node.into(),
        current: current.iter().map(|s| seat_view(tr, s)).collect(),
        past: past.iter().map(|s| seat_view(tr, s)).collect(),
        may_record: approves_for(&scoped, node, day).await?,
        saved,
        seat: SeatForm {
            position: Position::Member.code().to_owned(),
            source: SeatSource::Election.code().to_owned(),
            ..SeatForm::default()
        },
        seat_problems: Problems::default(),
        ending: 0,
        end: EndForm::default(),
        end_problems: Problems::default(),
        positions: Position::ALL.iter().map(|p| (p.code().to_owned(), tr.t(&position_key(*p)))).collect(),
        sources: [SeatSource::Election, SeatSource::Appointment]
            .iter()
            .map(|s| (s.code().to_owned(), tr.t(&source_key(*s))))
            .collect(),
        today: iso(day),
    };
    match refused {
        Refused::None => {}
        Refused::Seat(f, p) => (page.seat, page.seat_problems) = (f, p),
        Refused::End(id, f, p) => (page.ending, page.end, page.end_problems) = (id, f, p),
    }
    Ok(page)
}

/// `GET /orgs/{code}/committee`: the committee today and its past seats,
/// for the organization's readers; the forms for the office above.
pub async fn page(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<SavedParam>,
) -> Result<CommitteePage, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    committee_page(&caller, &node, p.saved.is_some(), Refused::None).await
}

/// The organization a form names, for the office above it (C-PER-10): 404
/// when the caller does not read it, 403 when the caller reads it only.
async fn office_above(caller: &Caller, code: &str) -> Result<OrgNode, WebError> {
    let node = crate::page::org_today(caller, code).await?;
    if !approves_for(&caller.scoped(), &node, today()).await? {
        return Err(WebError::Forbidden);
    }
    Ok(node)
}

fn saved(node: &OrgNode) -> Response {
    Redirect::to(&format!("/orgs/{}/committee?saved=1", node.code)).into_response()
}

/// A reference or a reason: missing, or refused by TEXT-1, beside its field.
fn text_field(tr: Tr, problems: &mut Problems, field: &'static str, label: &str, value: &str) {
    if value.trim().is_empty() {
        problems.add(field, tr.t1("congress-problem-missing", "field", tr.t(label)));
    }
    if let Some(p) = text_refusal(tr, label, line(value, TITLE_MAX_CHARS)) {
        problems.add(field, p);
    }
}

/// `POST /orgs/{code}/committee/seats`: records a seat on the committee
/// (the office of the organization above, C-PER-10): a member of the
/// organization on its first day, which has come, not holding the same
/// position then, with the decision.
pub async fn record_seat(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<SeatForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let node = office_above(&caller, &code).await?;
    let mut problems = Problems::default();
    let card = CardNumber::parse(form.card.trim()).ok();
    if card.is_none() {
        problems.add("card", tr.t1("congress-check-in-bad-card", "card", form.card.trim()));
    }
    let position = Position::parse(&form.position);
    if position.is_none() {
        problems.add("position", tr.t1("congress-problem-missing", "field", tr.t("congress-committee-position")));
    }
    let source = SeatSource::parse(&form.source);
    if source.is_none() {
        problems.add("source", tr.t1("congress-problem-missing", "field", tr.t("congress-committee-source")));
    }
    let from = form_date(&form.from);
    match from {
        None => problems.add("from", tr.t1("congress-problem-bad-date", "field", tr.t("congress-committee-since"))),
        // C-PER-10: a seat begins on a day that has come.
        Some(d) if d > today() => problems.add(
            "from",
            tr.t_args(
                "committee-problem-future",
                &[("rule", "C-PER-10".into()), ("field", tr.t("congress-committee-since"))],
            ),
        ),
        Some(_) => {}
    }
    text_field(tr, &mut problems, "reference", "committee-decision", &form.reference);
    if let (Some(card), Some(position), Some(source), Some(from), true) =
        (&card, position, source, from, problems.is_empty())
    {
        let new = NewSeat { card, position, from, source, reference: form.reference.trim() };
        match caller.scoped().congresses().record_seat(&node, &new, today(), &caller.address).await {
            Ok(_) => return Ok(saved(&node)),
            Err(StoreError::CongressRefused { rule, detail }) => {
                // The store names the case in its detail: the person holds
                // the position already, or is not a member then.
                if detail.contains("already holds") {
                    problems.add("position", tr.t_args("committee-problem-holds", &[("rule", rule.into())]));
                } else {
                    problems.add(
                        "card",
                        tr.t_args(
                            "committee-problem-not-member",
                            &[("rule", rule.into()), ("card", card.to_string()), ("date", tr.date(from))],
                        ),
                    );
                }
            }
            Err(StoreError::NotFound(_)) => {
                problems.add("card", tr.t1("congress-check-in-unknown-card", "card", card.as_str()))
            }
            Err(StoreError::BadText { .. }) => {
                problems.add("reference", tr.t1("congress-problem-refused", "rule", "TEXT-1"))
            }
            Err(e) => return Err(e.into()),
        }
    }
    let page = committee_page(&caller, &node, false, Refused::Seat(form, problems)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST /orgs/{code}/committee/seats/{id}/end`: ends a seat held (the
/// office above): from `on` on, it is no longer held; with the reason
/// (retirement, transfer, the end of the term). 404 for a seat that is not
/// one of the organization's.
pub async fn end_seat(
    caller: Caller,
    Path((code, id)): Path<(String, i64)>,
    Form(form): Form<EndForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let node = office_above(&caller, &code).await?;
    let history = caller.scoped().congresses().committee_history(&node).await?;
    let seat = history.iter().find(|s| s.id == id).ok_or(WebError::NotFound)?;
    let mut problems = Problems::default();
    let on = form_date(&form.on);
    match on {
        None => problems.add("on", tr.t1("congress-problem-bad-date", "field", tr.t("committee-end-on"))),
        Some(d) if d > today() => problems.add(
            "on",
            tr.t_args("committee-problem-future", &[("rule", "C-PER-10".into()), ("field", tr.t("committee-end-on"))]),
        ),
        Some(d) if d <= seat.seat.from => problems.add(
            "on",
            tr.t_args(
                "committee-problem-end-before",
                &[("rule", "C-PER-10".into()), ("from", tr.date(seat.seat.from))],
            ),
        ),
        Some(_) => {}
    }
    if seat.seat.to.is_some() {
        problems.add("on", tr.t1("committee-problem-ended", "rule", "C-PER-10"));
    }
    text_field(tr, &mut problems, "reason", "committee-end-reason", &form.reason);
    if let (Some(on), true) = (on, problems.is_empty()) {
        match caller.scoped().congresses().end_seat(&node, id, on, form.reason.trim(), today(), &caller.address).await {
            Ok(()) => return Ok(saved(&node)),
            Err(StoreError::CongressRefused { rule, .. }) => {
                problems.add("on", tr.t1("congress-problem-refused", "rule", rule))
            }
            Err(StoreError::BadText { .. }) => {
                problems.add("reason", tr.t1("congress-problem-refused", "rule", "TEXT-1"))
            }
            Err(e) => return Err(e.into()),
        }
    }
    let page = committee_page(&caller, &node, false, Refused::End(id, form, problems)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
