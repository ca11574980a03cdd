//! The delegate allocation of a congress (`/orgs/{code}/congress/allocation`,
//! issue 15 §5; C-DEL-1…8, W-C2): the table the convening committee
//! decided (its total, each organization's seats by mode with the
//! decisions), the proposal with each row's working (C-DEL-2: its
//! parameters are an \[open\] question; while it is unanswered the page
//! says what it waits for, never a guess), the form that decides the table
//! for the congress's own office, and, for a lower congress, its seats at
//! the congress above, read-only (C-DEL-3).
//!
//! The form has one row per lower congress, pre-filled from the proposal
//! (or from the table decided), the convening committee's own row of
//! ex-officio seats (C-DEL-7) and a blank row for another organization
//! below. The total is typed, never computed (C-DEL-1).

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_congress::{AnswerValue, Awaiting, CongressError, Proposal, SeatMode, SeatRow, SeatTable, TermKind};
use daihoi_core::date::{from_iso, iso, parse_date};
use daihoi_core::text::{TITLE_MAX_CHARS, line};
use daihoi_store::StoreError;
use daihoi_store::congresses::allocations::{Allocation, mode_code, parse_mode};
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::orgs::OrgNode;
use serde::Deserialize;
use time::Date;

use super::committee::Problems;
use super::view::{may_plan, question_key, round_named, value_text};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path, text_refusal, today};

/// A date a form sends: `yyyy-mm-dd` (a date input) or as people write it.
fn form_date(text: &str) -> Option<Date> {
    let text = text.trim();
    from_iso(text).or_else(|| parse_date(text))
}

pub(crate) fn mode_key(m: SeatMode) -> String {
    format!("congress-mode-{}", mode_code(m).replace('_', "-"))
}

#[derive(Debug, Deserialize)]
pub struct AllocationParam {
    pub round: Option<String>,
    pub saved: Option<String>,
}

/// A decided row in words.
pub struct RowView {
    pub org: String,
    pub name: String,
    pub mode: String,
    pub seats: u32,
    pub decision: String,
}

/// The table decided, in words.
pub struct DecidedView {
    pub head: String,
    pub rows: Vec<RowView>,
    pub counts: String,
    /// C-DEL-8: over the designated cap, or the cap waits for its answer.
    pub cap: Option<String>,
}

/// A proposal's row with its working (W-C2).
pub struct WorkingView {
    pub org: String,
    pub name: String,
    pub members: u32,
    pub base: u32,
    /// `⌊47 / 10⌋ = 4`.
    pub quotient: String,
    /// `7 ≥ 6: 1`.
    pub remainder: String,
    pub bonus: u32,
    pub seats: u32,
}

pub struct ProposalView {
    pub parameters: String,
    pub rows: Vec<WorkingView>,
    pub total: u32,
}

/// A row of the decision form, as shown or as typed.
#[derive(Debug, Clone, Default)]
pub struct FormRow {
    pub index: usize,
    /// `own` (the convening committee's ex-officio seats), `lower` (a lower
    /// congress) or `extra` (an organization typed).
    pub kind: String,
    pub org: String,
    pub name: String,
    pub mode: String,
    pub seats: String,
    pub decision: String,
}

/// The decision form, as shown or as typed.
#[derive(Debug, Clone, Default)]
pub struct DecideForm {
    pub round: String,
    pub total: String,
    pub decision: String,
    pub decided_on: String,
    pub rows: Vec<FormRow>,
}

impl DecideForm {
    /// From the fields a form posts: `total`, `decision`, `decided_on` and,
    /// per row `i`, `kind_i`, `org_i`, `mode_i`, `seats_i`, `decision_i`.
    fn from_fields(fields: &[(String, String)]) -> DecideForm {
        let map: HashMap<&str, &str> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let get = |k: &str| map.get(k).map(|v| (*v).to_owned()).unwrap_or_default();
        let mut indices: Vec<usize> =
            fields.iter().filter_map(|(k, _)| k.strip_prefix("org_").and_then(|i| i.parse().ok())).collect();
        indices.sort_unstable();
        indices.dedup();
        indices.truncate(500);
        DecideForm {
            round: get("round"),
            total: get("total"),
            decision: get("decision"),
            decided_on: get("decided_on"),
            rows: indices
                .into_iter()
                .map(|i| FormRow {
                    index: i,
                    kind: get(&format!("kind_{i}")),
                    org: get(&format!("org_{i}")).trim().to_uppercase(),
                    name: String::new(),
                    mode: get(&format!("mode_{i}")),
                    seats: get(&format!("seats_{i}")),
                    decision: get(&format!("decision_{i}")),
                })
                .collect(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "congress_allocation.html")]
pub struct AllocationPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: Round,
    planned: bool,
    decided: Option<DecidedView>,
    proposal: Option<ProposalView>,
    /// C-DEL-2: the question the proposal waits for, in words, and its
    /// anchor on the round's page.
    awaiting: Option<(String, String)>,
    /// C-DEL-3: the seats at the congress above, in words.
    seats_above: Option<String>,
    may_decide: bool,
    saved: bool,
    form: DecideForm,
    problems: Problems,
    modes: Vec<(String, String)>,
    today: String,
}

impl AllocationPage {
    /// The problems beside row `i`'s field `field`.
    pub fn row_problems(&self, i: &usize, field: &str) -> Vec<&str> {
        self.problems.at(&format!("{field}_{i}"))
    }
}

/// The lower congresses of `congress`: those whose congress above it is.
async fn lower_congresses(
    caller: &Caller,
    round: &Round,
    node: &OrgNode,
    congress: &Congress,
) -> Result<Vec<Congress>, WebError> {
    let lines = caller.scoped().congresses().campaign(round, node, today()).await?;
    Ok(lines.iter().filter(|l| l.higher == Some(congress.id)).map(|l| l.congress.clone()).collect())
}

fn working_view(tr: Tr, p: &Proposal, names: &HashMap<String, String>) -> ProposalView {
    let rows = p
        .rows
        .iter()
        .map(|r| {
            let mut v = WorkingView {
                org: r.organization.clone(),
                name: names.get(&r.organization).cloned().unwrap_or_default(),
                members: r.members,
                base: 0,
                quotient: String::new(),
                remainder: String::new(),
                bonus: 0,
                seats: r.working.seats,
            };
            for t in &r.working.terms {
                match t.kind {
                    TermKind::Base => v.base += t.value,
                    TermKind::PerMembers { members, per } => v.quotient = format!("⌊{members} / {per}⌋ = {}", t.value),
                    TermKind::Remainder { remainder, at_least } => {
                        let sign = if remainder >= at_least { "≥" } else { "<" };
                        v.remainder = format!("{remainder} {sign} {at_least}: {}", t.value);
                    }
                    TermKind::Importance { .. } | TermKind::Bonus => v.bonus += t.value,
                }
            }
            v
        })
        .collect();
    ProposalView { parameters: value_text(tr, &AnswerValue::Allocation(p.parameters)), rows, total: p.total }
}

fn decided_view(tr: Tr, a: &Allocation, names: &HashMap<String, String>) -> DecidedView {
    let cap = match &a.summary.designated_within_cap {
        Ok(true) => None,
        Ok(false) => Some(tr.t1("allocation-over-cap", "designated", a.summary.designated)),
        Err(w) => Some(tr.t1("congress-warning-awaiting", "question", tr.t(&question_key(w.question)))),
    };
    DecidedView {
        head: tr.t_args(
            "congress-allocation-head",
            &[
                ("total", a.table.total.to_string()),
                ("decision", a.table.decision.clone()),
                ("date", tr.date(a.decided_on)),
            ],
        ),
        rows: a
            .table
            .rows
            .iter()
            .map(|r| RowView {
                org: r.organization.clone(),
                name: names.get(&r.organization).cloned().unwrap_or_default(),
                mode: tr.t(&mode_key(r.mode)),
                seats: r.seats,
                decision: r.decision.clone().unwrap_or_default(),
            })
            .collect(),
        counts: tr.t_args(
            "congress-allocation-counts",
            &[
                ("ex_officio", a.summary.ex_officio.to_string()),
                ("elected", a.summary.elected.to_string()),
                ("designated", a.summary.designated.to_string()),
            ],
        ),
        cap,
    }
}

/// The form as first shown: the decided table's figures, else the
/// proposal's and the convening committee's size on the opening day; the
/// total and the decision left to the person.
fn fresh_form(
    round: &Round,
    node: &OrgNode,
    lower: &[Congress],
    decided: Option<&Allocation>,
    proposal: Option<&Proposal>,
    ex_officio: usize,
) -> DecideForm {
    let decided_row = |code: &str| decided.and_then(|a| a.table.rows.iter().find(|r| r.organization == code));
    let mut rows = Vec::new();
    let own = node.code.to_string();
    rows.push(FormRow {
        kind: "own".into(),
        org: own.clone(),
        name: node.name.clone(),
        mode: mode_code(SeatMode::ExOfficio).into(),
        seats: match (decided, decided_row(&own)) {
            (Some(_), Some(r)) => r.seats.to_string(),
            (Some(_), None) => String::new(),
            (None, _) => ex_officio.to_string(),
        },
        ..FormRow::default()
    });
    for c in lower {
        let code = c.org.code.to_string();
        let (mode, seats, decision) = match (decided, decided_row(&code)) {
            (Some(_), Some(r)) => (r.mode, r.seats.to_string(), r.decision.clone().unwrap_or_default()),
            (Some(_), None) => (SeatMode::proposed_for(c.plan.contents), String::new(), String::new()),
            (None, _) => (
                SeatMode::proposed_for(c.plan.contents),
                proposal
                    .and_then(|p| p.rows.iter().find(|r| r.organization == code))
                    .map(|r| r.working.seats.to_string())
                    .unwrap_or_default(),
                String::new(),
            ),
        };
        rows.push(FormRow {
            kind: "lower".into(),
            org: code,
            name: c.org.name.clone(),
            mode: mode_code(mode).into(),
            seats,
            decision,
            ..FormRow::default()
        });
    }
    // The decided rows of organizations that hold no congress below.
    if let Some(a) = decided {
        for r in &a.table.rows {
            if !rows.iter().any(|f| f.org == r.organization) {
                rows.push(FormRow {
                    kind: "extra".into(),
                    org: r.organization.clone(),
                    mode: mode_code(r.mode).into(),
                    seats: r.seats.to_string(),
                    decision: r.decision.clone().unwrap_or_default(),
                    ..FormRow::default()
                });
            }
        }
    }
    rows.push(FormRow { kind: "extra".into(), mode: mode_code(SeatMode::Elected).into(), ..FormRow::default() });
    for (i, r) in rows.iter_mut().enumerate() {
        r.index = i;
    }
    DecideForm {
        round: round.code.clone(),
        total: decided.map(|a| a.table.total.to_string()).unwrap_or_default(),
        decision: decided.map(|a| a.table.decision.clone()).unwrap_or_default(),
        decided_on: decided.map_or_else(|| iso(today()), |a| iso(a.decided_on)),
        rows,
    }
}

async fn allocation_page(
    caller: &Caller,
    node: &OrgNode,
    round: Round,
    saved: bool,
    refused: Option<(DecideForm, Problems)>,
) -> Result<AllocationPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let facet = scoped.congresses();
    let day = today();
    let congress = facet.congress(&round, node, day).await?;
    let seats_above = facet.seats_above(&round, node, day).await?.map(|s| {
        tr.t_args(
            "congress-seats-above",
            &[
                ("seats", s.row.seats.to_string()),
                ("org", s.convening.name.clone()),
                ("decision", s.decision.clone()),
                ("date", tr.date(s.decided_on)),
            ],
        )
    });
    let mut page = AllocationPage {
        tr,
        nav: caller.nav(),
        org: node.into(),
        round: round.clone(),
        planned: congress.is_some(),
        decided: None,
        proposal: None,
        awaiting: None,
        seats_above,
        may_decide: false,
        saved,
        form: DecideForm::default(),
        problems: Problems::default(),
        modes: [SeatMode::Elected, SeatMode::Designated]
            .iter()
            .map(|m| (mode_code(*m).to_owned(), tr.t(&mode_key(*m))))
            .collect(),
        today: iso(day),
    };
    let Some(c) = congress else { return Ok(page) };
    let lower = lower_congresses(caller, &round, node, &c).await?;
    let mut names: HashMap<String, String> =
        lower.iter().map(|l| (l.org.code.to_string(), l.org.name.clone())).collect();
    names.insert(node.code.to_string(), node.name.clone());
    let decided = facet.allocation(&round, &c).await?;
    page.decided = decided.as_ref().map(|a| decided_view(tr, a, &names));
    let proposal: Result<Proposal, Awaiting> = facet.propose_allocation(&round, &c, day).await?;
    match &proposal {
        Ok(p) => page.proposal = Some(working_view(tr, p, &names)),
        Err(a) => {
            page.awaiting = Some((tr.t(&question_key(a.question)), a.question.code().to_owned()));
        }
    }
    page.may_decide = may_plan(&scoped, node);
    if page.may_decide {
        page.form = match refused {
            Some((mut form, problems)) => {
                for r in &mut form.rows {
                    r.name = names.get(&r.org).cloned().unwrap_or_default();
                }
                page.problems = problems;
                form
            }
            None => {
                let ex_officio = facet
                    .convening_committee(node, c.plan.planned.opening)
                    .await?
                    .iter()
                    .filter(|m| !m.alternate)
                    .count();
                fresh_form(&round, node, &lower, decided.as_ref(), proposal.as_ref().ok(), ex_officio)
            }
        };
    }
    Ok(page)
}

/// `GET /orgs/{code}/congress/allocation?round=`: the table decided, the
/// proposal with its working or the question it waits for, the seats at
/// the congress above; the decision form for the congress's office.
pub async fn page(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<AllocationParam>,
) -> Result<AllocationPage, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    let named = p.round.as_deref().filter(|r| !r.trim().is_empty());
    let round = round_named(&caller.scoped(), named).await?.ok_or(WebError::NotFound)?;
    allocation_page(&caller, &node, round, p.saved.is_some(), None).await
}

/// The table a form sends, or every problem beside its field. Rows left
/// without seats are no rows.
fn table_parts(tr: Tr, f: &DecideForm) -> Result<(SeatTable, Date), Problems> {
    let mut problems = Problems::default();
    let total = f.total.trim().parse::<u32>().ok();
    if total.is_none() {
        problems.add("total", tr.t1("congress-problem-missing", "field", tr.t("allocation-total")));
    }
    if f.decision.trim().is_empty() {
        problems.add("decision", tr.t1("congress-problem-missing", "field", tr.t("allocation-decision")));
    }
    if let Some(p) = text_refusal(tr, "allocation-decision", line(&f.decision, TITLE_MAX_CHARS)) {
        problems.add("decision", p);
    }
    let decided_on = form_date(&f.decided_on);
    match decided_on {
        None => problems.add("decided_on", tr.t1("congress-problem-bad-date", "field", tr.t("allocation-decided-on"))),
        Some(d) if d > today() => {
            problems.add("decided_on", tr.t1("congress-problem-future", "field", tr.t("allocation-decided-on")))
        }
        Some(_) => {}
    }
    let mut rows: Vec<SeatRow> = Vec::new();
    for r in &f.rows {
        let at = |field: &str| format!("{field}_{}", r.index);
        let seats_text = r.seats.trim();
        if seats_text.is_empty() && r.org.is_empty() {
            continue;
        }
        let seats = match seats_text.parse::<u32>() {
            Ok(0) if seats_text.is_empty() => continue,
            Ok(n) => n,
            Err(_) if seats_text.is_empty() => continue,
            Err(_) => {
                problems.add(at("seats"), tr.t1("allocation-problem-seats", "seats", seats_text));
                continue;
            }
        };
        if seats == 0 {
            continue;
        }
        if r.org.is_empty() {
            problems.add(at("org"), tr.t1("congress-problem-missing", "field", tr.t("allocation-org")));
            continue;
        }
        let mode = if r.kind == "own" { Some(SeatMode::ExOfficio) } else { parse_mode(&r.mode) };
        let Some(mode) = mode else {
            problems.add(at("mode"), tr.t1("congress-problem-missing", "field", tr.t("allocation-mode")));
            continue;
        };
        let decision = Some(r.decision.trim().to_owned()).filter(|d| !d.is_empty());
        // C-DEL-8: designated seats cite their decision.
        if mode == SeatMode::Designated && decision.is_none() {
            problems.add(at("decision"), tr.t1("allocation-problem-designated", "rule", "C-DEL-8"));
        }
        if let Some(p) = text_refusal(tr, "allocation-row-decision", line(&r.decision, TITLE_MAX_CHARS)) {
            problems.add(at("decision"), p);
        }
        rows.push(SeatRow { organization: r.org.clone(), seats, mode, decision });
    }
    // C-DEL-1: the seats add up to the total decided.
    if let Some(total) = total {
        let sum: u64 = rows.iter().map(|r| u64::from(r.seats)).sum();
        if sum != u64::from(total) {
            problems.add(
                "total",
                tr.t_args("allocation-problem-sum", &[("sum", sum.to_string()), ("total", total.to_string())]),
            );
        }
    }
    match (total, decided_on) {
        (Some(total), Some(on)) if problems.is_empty() => {
            Ok((SeatTable { total, decision: f.decision.trim().to_owned(), rows }, on))
        }
        _ => Err(problems),
    }
}

/// The row of `f` that names `code`, as a field name prefix.
fn row_of(f: &DecideForm, code: &str) -> Option<usize> {
    f.rows.iter().find(|r| r.org.eq_ignore_ascii_case(code)).map(|r| r.index)
}

/// A store refusal of the decision, beside the field or row it concerns.
fn refusal(tr: Tr, f: &DecideForm, e: StoreError, problems: &mut Problems) -> Result<(), WebError> {
    let at_row = |code: &str, field: &str| match row_of(f, code) {
        Some(i) => format!("{field}_{i}"),
        None => "total".to_owned(),
    };
    match e {
        StoreError::Congress(CongressError::SeatsDoNotAddUp { sum, total }) => problems.add(
            "total",
            tr.t_args("allocation-problem-sum", &[("sum", sum.to_string()), ("total", total.to_string())]),
        ),
        StoreError::Congress(CongressError::NoSeats) => {
            problems.add("total", tr.t1("congress-problem-refused", "rule", "C-DEL-1"))
        }
        StoreError::Congress(CongressError::TotalWithoutDecision) => {
            problems.add("decision", tr.t1("congress-problem-refused", "rule", "C-DEL-1"))
        }
        StoreError::Congress(CongressError::OrganizationTwice(code)) => {
            problems.add(at_row(&code, "org"), tr.t_args("allocation-problem-twice", &[("org", code.clone())]))
        }
        StoreError::Congress(CongressError::DesignatedWithoutDecision(code)) => {
            problems.add(at_row(&code, "decision"), tr.t1("allocation-problem-designated", "rule", "C-DEL-8"))
        }
        StoreError::CongressRefused { rule, detail } => {
            // The store's detail begins with the organization concerned.
            let code = detail.split([' ', ':']).next().unwrap_or_default().to_owned();
            let key = if rule == "C-DEL-7" { "allocation-problem-own-row" } else { "allocation-problem-not-below" };
            problems.add(at_row(&code, "org"), tr.t_args(key, &[("rule", rule.into()), ("org", code.clone())]))
        }
        StoreError::OrgNotOnDate { code, .. } => {
            problems.add(at_row(code.as_str(), "org"), tr.t1("congress-problem-unknown-org", "code", code.as_str()))
        }
        StoreError::NotFound(what) => {
            let code = what.strip_prefix("organization ").unwrap_or(&what).to_owned();
            problems.add(at_row(&code, "org"), tr.t1("congress-problem-bad-org", "code", code.clone()))
        }
        StoreError::BadText { .. } => problems.add("decision", tr.t1("congress-problem-refused", "rule", "TEXT-1")),
        e => return Err(e.into()),
    }
    Ok(())
}

/// `POST /orgs/{code}/congress/allocation`: the convening committee's
/// office decides the table (C-DEL-1, -2, -7, -8): the seats add up to the
/// total typed, the organizations are below it, designated seats cite their
/// decision. Refused: nothing written, 422, what was typed kept.
pub async fn decide(
    caller: Caller,
    Path(code): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let form = DecideForm::from_fields(&fields);
    let node = crate::page::org_today(&caller, &code).await?;
    let round = round_named(&caller.scoped(), Some(form.round.trim()))
        .await?
        .filter(|_| !form.round.trim().is_empty())
        .ok_or(WebError::NotFound)?;
    if !may_plan(&caller.scoped(), &node) {
        return Err(WebError::Forbidden);
    }
    let congress = caller.scoped().congresses().congress(&round, &node, today()).await?;
    let mut problems = Problems::default();
    match (congress, table_parts(tr, &form)) {
        (None, _) => problems.add("total", tr.t("congress-problem-no-plan")),
        (Some(_), Err(p)) => problems = p,
        (Some(c), Ok((table, on))) => {
            match caller.scoped().congresses().decide_allocation(&round, &c, &table, on, today(), &caller.address).await
            {
                Ok(_) => {
                    return Ok(Redirect::to(&format!(
                        "/orgs/{}/congress/allocation?round={}&saved=1",
                        node.code, round.code
                    ))
                    .into_response());
                }
                Err(e) => refusal(tr, &form, e, &mut problems)?,
            }
        }
    }
    let page = allocation_page(&caller, &node, round, false, Some((form, problems))).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
