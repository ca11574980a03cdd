//! Counting at the computer (Art. 8 of 190-QĐ/TW): the clerk's entry page
//! (`…/rounds/{number}/entries`), made for a keyboard — the next ballot's
//! number is filled in, the marks are one typed line (`3 5 12`, or
//! `d 3 b 7` on the agree/disagree form), Enter records — and the board's
//! page (`…/rounds/{number}/ledger`): the ballots whose two entries differ
//! side by side with the form that settles each from the paper, the
//! board's rulings (R-VALID-8), the totals as they grow and the count
//! closed. A clerk sees only their own entry; only the board sees the
//! totals while the count is open.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use daihoi_election::entry::{EntryState, Typed, differences};
use daihoi_election::{Ballot, BallotForm, Flags};
use daihoi_store::elections::{Duty, Entered, Ledger, NewEntry, NewRuling};
use serde::{Deserialize, Serialize};

use super::pages::{CountView, count_view, refusal, staffed};
use crate::WebError;
use crate::access::Caller;
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path};

#[derive(Debug, Deserialize)]
pub struct CountParam {
    pub round: Option<String>,
    /// The ballot just entered (and how), for the line that confirms it.
    pub entered: Option<String>,
    pub outcome: Option<String>,
    pub saved: Option<String>,
}

/// A ballot as a clerk types it, or as the board settles it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BallotFields {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub ballot: String,
    #[serde(default)]
    pub marks: String,
    /// Flags: `not_issued`, `write_in`, `marked` (checkboxes).
    #[serde(default)]
    pub not_issued: String,
    #[serde(default)]
    pub write_in: String,
    #[serde(default)]
    pub marked: String,
    /// A correction of this entry's ballot (shown after a refusal).
    #[serde(default)]
    pub replace: String,
    /// A ruling: `1` valid, `0` invalid, and its reason.
    #[serde(default)]
    pub valid: String,
    #[serde(default)]
    pub reason: String,
}

impl BallotFields {
    fn flags(&self) -> Flags {
        Flags {
            not_issued: !self.not_issued.is_empty(),
            write_in: !self.write_in.is_empty(),
            marked: !self.marked.is_empty(),
        }
    }
}

/// A ballot's marks as the clerk would type them, and its flags in words.
pub(crate) fn ballot_line(tr: Tr, b: &Ballot) -> String {
    let mut line = Typed::of(&b.marks).line();
    if line.is_empty() {
        line = tr.t("election-entry-nothing-struck");
    }
    let mut flags = Vec::new();
    if b.flags.not_issued {
        flags.push(tr.t("election-flag-not-issued"));
    }
    if b.flags.write_in {
        flags.push(tr.t("election-flag-write-in"));
    }
    if b.flags.marked {
        flags.push(tr.t("election-flag-marked"));
    }
    if flags.is_empty() { line } else { format!("{line} · {}", flags.join(", ")) }
}

/// The clerk's page.
#[derive(Template, WebTemplate)]
#[template(path = "election_entry.html")]
pub struct EntryPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: String,
    election: u32,
    title: String,
    number: u32,
    entry: u8,
    agree_disagree: bool,
    list: Vec<(usize, String)>,
    open: bool,
    progress: String,
    /// The latest entries first: ballot and line.
    latest: Vec<(u32, String)>,
    confirmation: Option<String>,
    problem: Option<String>,
    /// The conflicting ballot, whose correction the form then offers.
    conflict: bool,
    kept: BallotFields,
    next: u32,
    /// The ballots issued, and the account: the page's script keeps its
    /// queue of ballots per election, round, entry and account.
    issued: u32,
    account: i64,
    /// The script's messages (`data-` attributes), `{name}` where it puts
    /// a value.
    script_text: Vec<(&'static str, String)>,
}

/// The messages of the clerk's page's script, in the page's language.
fn script_text(tr: Tr) -> Vec<(&'static str, String)> {
    let slot = |name: &str| format!("{{{name}}}");
    vec![
        ("waiting", tr.t_args("election-count-waiting", &[("count", slot("count")), ("ballots", slot("ballots"))])),
        ("all-sent", tr.t("election-count-all-sent")),
        ("offline", tr.t("election-count-offline")),
        ("signed-out", tr.t("election-count-signed-out")),
        ("blocked", tr.t1("election-count-blocked", "status", slot("status"))),
        ("ballot", tr.t1("election-count-ballot", "ballot", slot("ballot"))),
        ("held", tr.t("election-count-held")),
        ("typed", tr.t("election-count-typed")),
        ("replace", tr.t("election-count-replace")),
        ("keep", tr.t("election-count-keep")),
        ("edit", tr.t("election-count-edit")),
        ("nothing", tr.t("election-entry-nothing-struck")),
        ("flag-not_issued", tr.t("election-flag-not-issued")),
        ("flag-write_in", tr.t("election-flag-write-in")),
        ("flag-marked", tr.t("election-flag-marked")),
        ("hint-ballot", tr.t1("election-count-hint-ballot", "issued", slot("issued"))),
        ("hint-char", tr.t1("election-count-hint-char", "char", slot("char"))),
        ("hint-name", tr.t_args("election-count-hint-name", &[("number", slot("number")), ("names", slot("names"))])),
        ("hint-letter", tr.t("election-count-hint-letter")),
    ]
}

/// What the clerk's page shows after a request: the ballot just recorded,
/// or the problem (and whether it is a conflict) with what was typed.
#[derive(Default)]
struct Shown {
    confirmation: Option<String>,
    problem: Option<(String, bool)>,
    kept: BallotFields,
}

async fn entry_page(
    caller: &Caller,
    code: &str,
    round: Option<&str>,
    n: u32,
    number: u32,
    shown: Shown,
) -> Result<EntryPage, WebError> {
    let Shown { confirmation, problem, kept } = shown;
    let tr = caller.tr;
    let scoped = caller.scoped();
    let (round, congress, election, duty) = staffed(caller, code, round, n).await?;
    let slot = duty.and_then(Duty::entry).ok_or(WebError::Forbidden)?;
    let r = scoped.elections().round(&congress, n, number).await?;
    let mine = scoped.elections().my_entries(&congress, n, number).await?;
    let highest = mine.iter().filter_map(|b| b.number.parse::<u32>().ok()).max().unwrap_or(0);
    let issued = r.issued.as_ref().map_or(0, |i| i.ballots);
    let (problem, conflict) = match problem {
        Some((p, c)) => (Some(p), c),
        None => (None, false),
    };
    let mut kept = kept;
    if problem.is_none() {
        kept = BallotFields::default();
    }
    Ok(EntryPage {
        tr,
        nav: caller.nav(),
        org: (&congress.org).into(),
        round: round.code,
        election: n,
        title: election.title,
        number,
        entry: slot,
        agree_disagree: BallotForm::for_list(r.list.len(), r.seats) == BallotForm::AgreeDisagree,
        list: r.list.iter().cloned().enumerate().map(|(i, n)| (i + 1, n)).collect(),
        open: r.counting(),
        progress: progress(tr, mine.len(), issued),
        latest: mine.iter().rev().take(12).map(|b| (b.number.parse().unwrap_or(0), ballot_line(tr, b))).collect(),
        confirmation,
        problem,
        conflict,
        kept,
        next: highest.saturating_add(1).min(issued.max(1)),
        issued,
        account: caller.user().id,
        script_text: script_text(tr),
    })
}

/// `GET …/elections/{election}/rounds/{number}/entries`: the clerk's page.
pub async fn entry(
    caller: Caller,
    Path((code, n, number)): Path<(String, u32, u32)>,
    Query(p): Query<CountParam>,
) -> Result<EntryPage, WebError> {
    let confirmation = p.entered.as_deref().map(|b| {
        let key = match p.outcome.as_deref() {
            Some("unchanged") => "election-entry-unchanged",
            Some("replaced") => "election-entry-replaced",
            _ => "election-entry-done",
        };
        caller.tr.t1(key, "ballot", b.chars().take(12).collect::<String>())
    });
    entry_page(&caller, &code, p.round.as_deref(), n, number, Shown { confirmation, ..Shown::default() }).await
}

/// What the clerk's page's script (`static/entry.js`) gets back for one
/// ballot when it asks for JSON (`Accept: application/json`): the outcome,
/// the message in the page's language and, on a conflict (409), what the
/// clerk's entry already holds for that ballot.
#[derive(Debug, Serialize)]
pub struct EntryAnswer {
    /// `new`, `unchanged`, `replaced`, `conflict` or `refused`.
    outcome: &'static str,
    ballot: Option<u32>,
    message: String,
    /// The ballot as recorded, in words (for the latest ballots).
    line: Option<String>,
    /// A conflict: what the entry holds for the ballot, in words.
    held: Option<String>,
    /// The page's progress line after the entry.
    progress: Option<String>,
}

/// Whether the request asks for [`EntryAnswer`] rather than a page.
fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim().starts_with("application/json")))
}

/// `POST …/elections/{election}/rounds/{number}/entries`: a clerk enters
/// one ballot; back to the page with the next number filled in, or, for
/// the page's script, an [`EntryAnswer`] (200, 409 conflict, 422 refused).
pub async fn enter(
    caller: Caller,
    Path((code, n, number)): Path<(String, u32, u32)>,
    headers: HeaderMap,
    Form(form): Form<BallotFields>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let json = wants_json(&headers);
    let scoped = caller.scoped();
    let (round, congress, _, duty) = staffed(&caller, &code, Some(&form.round), n).await?;
    if duty.and_then(Duty::entry).is_none() {
        return Err(WebError::Forbidden);
    }
    let r = scoped.elections().round(&congress, n, number).await?;
    let issued = r.issued.as_ref().map_or(0, |i| i.ballots);
    let form_kind = BallotForm::for_list(r.list.len(), r.seats);
    let checked = daihoi_election::entry::ballot_number(&form.ballot, issued)
        .and_then(|b| Typed::parse(&form.marks, form_kind, r.list.len()).map(|t| (b, t)))
        .and_then(|(b, t)| t.marks(form_kind, r.list.len()).map(|m| (b, m)));
    let mut answer = EntryAnswer {
        outcome: "refused",
        ballot: None,
        message: String::new(),
        line: None,
        held: None,
        progress: None,
    };
    let problem = match checked {
        Err(e) => Some((tr.t1("election-entry-bad", "detail", e.to_string()), false)),
        Ok((ballot, marks)) => {
            answer.ballot = Some(ballot);
            let entry = NewEntry { ballot, marks, flags: form.flags(), replace: !form.replace.is_empty() };
            match scoped.elections().enter(&congress, n, number, &entry, &caller.address).await {
                Ok(outcome) => {
                    super::projector::moved();
                    let (outcome, key) = match outcome {
                        Entered::New => ("new", "election-entry-done"),
                        Entered::Unchanged => ("unchanged", "election-entry-unchanged"),
                        Entered::Replaced => ("replaced", "election-entry-replaced"),
                    };
                    if !json {
                        return Ok(Redirect::to(&format!(
                            "/orgs/{}/congress/elections/{n}/rounds/{number}/entries?round={}&entered={ballot}&outcome={outcome}",
                            congress.org.code, round.code
                        ))
                        .into_response());
                    }
                    let (entered, _) = scoped.elections().my_progress(&congress, n, number).await?;
                    let recorded = Ballot { number: ballot.to_string(), marks: entry.marks, flags: entry.flags };
                    let answer = EntryAnswer {
                        outcome,
                        ballot: Some(ballot),
                        message: tr.t1(key, "ballot", ballot.to_string()),
                        line: Some(ballot_line(tr, &recorded)),
                        held: None,
                        progress: Some(progress(tr, usize::try_from(entered).unwrap_or(usize::MAX), issued)),
                    };
                    return Ok(Json(answer).into_response());
                }
                Err(e @ daihoi_store::StoreError::BallotEntered { .. }) => {
                    if json {
                        let mine = scoped.elections().my_entries(&congress, n, number).await?;
                        answer.held = mine.iter().find(|b| b.number == ballot.to_string()).map(|b| ballot_line(tr, b));
                        answer.outcome = "conflict";
                    }
                    Some((refusal(tr, e)?, true))
                }
                Err(e) => Some((refusal(tr, e)?, false)),
            }
        }
    };
    if json {
        let status = if answer.outcome == "conflict" { StatusCode::CONFLICT } else { StatusCode::UNPROCESSABLE_ENTITY };
        answer.message = problem.map(|(p, _)| p).unwrap_or_default();
        return Ok((status, Json(answer)).into_response());
    }
    let shown = Shown { confirmation: None, problem, kept: form };
    let page = entry_page(&caller, &code, Some(&round.code), n, number, shown).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

fn progress(tr: Tr, entered: usize, issued: u32) -> String {
    tr.t_args(
        "election-entry-progress",
        &[("entered", tr.number(entered as u64)), ("issued", tr.number(u64::from(issued)))],
    )
}

/// A ballot whose entries differ, for the board.
pub struct DifferView {
    pub ballot: u32,
    pub first: String,
    pub second: String,
    pub names: String,
    /// The first entry's line, to start the settling form from.
    pub typed: String,
}

/// The board's page.
#[derive(Template, WebTemplate)]
#[template(path = "election_board.html")]
pub struct BoardPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: String,
    election: u32,
    title: String,
    number: u32,
    settles: bool,
    open: bool,
    agree_disagree: bool,
    list: Vec<(usize, String)>,
    progress: String,
    differing: Vec<DifferView>,
    /// Entered once: the ballot, which entry and its line, in words.
    single: Vec<String>,
    rulings: Vec<(u32, String)>,
    totals: Option<CountView>,
    totals_problem: Option<String>,
    saved: bool,
    problems: Vec<String>,
}

fn board_view(tr: Tr, l: &Ledger) -> (Vec<DifferView>, Vec<String>, Vec<(u32, String)>) {
    let mut differing = Vec::new();
    let mut single = Vec::new();
    let mut rulings = Vec::new();
    for line in &l.lines {
        match (&line.state, &line.first, &line.second) {
            (EntryState::Differ, Some(a), Some(b)) => {
                let (names, flags) = differences(a, b);
                let mut what: Vec<String> = names.iter().map(|n| n.to_string()).collect();
                if flags {
                    what.push(tr.t("election-board-flags"));
                }
                differing.push(DifferView {
                    ballot: line.number,
                    first: ballot_line(tr, a),
                    second: ballot_line(tr, b),
                    names: what.join(", "),
                    typed: Typed::of(&a.marks).line(),
                });
            }
            (EntryState::OnlyFirst, Some(a), _) => single.push(single_line(tr, line.number, 1, a)),
            (EntryState::OnlySecond, _, Some(b)) => single.push(single_line(tr, line.number, 2, b)),
            _ => {}
        }
        if let Some(r) = &line.ruling {
            rulings.push((
                line.number,
                tr.t_args(
                    if r.valid { "election-ruling-valid" } else { "election-ruling-invalid" },
                    &[("reason", r.reason.clone())],
                ),
            ));
        }
    }
    (differing, single, rulings)
}

fn single_line(tr: Tr, ballot: u32, entry: u8, b: &Ballot) -> String {
    tr.t_args(
        "election-board-single-line",
        &[("ballot", ballot.to_string()), ("entry", entry.to_string()), ("line", ballot_line(tr, b))],
    )
}

pub(crate) async fn board_page(
    caller: &Caller,
    code: &str,
    round: Option<&str>,
    n: u32,
    number: u32,
    saved: bool,
    problems: Vec<String>,
) -> Result<BoardPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let (round, congress, election, duty) = staffed(caller, code, round, n).await?;
    let ledger = scoped.elections().ledger(&congress, n, number).await?;
    let (differing, single, rulings) = board_view(tr, &ledger);
    Ok(BoardPage {
        tr,
        nav: caller.nav(),
        org: (&congress.org).into(),
        round: round.code,
        election: n,
        title: election.title,
        number,
        settles: duty == Some(Duty::Board),
        open: ledger.round.counting(),
        agree_disagree: ledger.form == BallotForm::AgreeDisagree,
        list: ledger.round.list.iter().cloned().enumerate().map(|(i, n)| (i + 1, n)).collect(),
        progress: tr.t_args(
            "election-board-progress",
            &[
                ("entered", tr.number(ledger.lines.len() as u64)),
                ("settled", tr.number(ledger.settled().count() as u64)),
                ("issued", tr.number(u64::from(ledger.round.issued.as_ref().map_or(0, |i| i.ballots)))),
            ],
        ),
        differing,
        single,
        rulings,
        totals: ledger.totals.as_ref().ok().map(|c| count_view(tr, c)),
        totals_problem: ledger
            .totals
            .as_ref()
            .err()
            .map(|e| tr.t_args("election-refused", &[("rule", e.rule().to_owned()), ("detail", e.to_string())])),
        saved,
        problems,
    })
}

/// `GET …/elections/{election}/rounds/{number}/ledger`: the board's page
/// (the congress's readers once the count is closed).
pub async fn board(
    caller: Caller,
    Path((code, n, number)): Path<(String, u32, u32)>,
    Query(p): Query<CountParam>,
) -> Result<BoardPage, WebError> {
    board_page(&caller, &code, p.round.as_deref(), n, number, p.saved.is_some(), Vec::new()).await
}

enum BoardAction {
    Settle,
    Rule,
    Close,
}

async fn board_act(
    caller: Caller,
    code: String,
    n: u32,
    number: u32,
    form: BallotFields,
    action: BoardAction,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let (round, congress, _, duty) = staffed(&caller, &code, Some(&form.round), n).await?;
    if duty != Some(Duty::Board) {
        return Err(WebError::Forbidden);
    }
    let e = scoped.elections();
    let r = e.round(&congress, n, number).await?;
    let issued = r.issued.as_ref().map_or(0, |i| i.ballots);
    let kind = BallotForm::for_list(r.list.len(), r.seats);
    let mut problems = Vec::new();
    let outcome = match action {
        BoardAction::Settle => {
            let checked = daihoi_election::entry::ballot_number(&form.ballot, issued)
                .and_then(|b| Typed::parse(&form.marks, kind, r.list.len()).map(|t| (b, t)))
                .and_then(|(b, t)| t.marks(kind, r.list.len()).map(|m| (b, m)));
            match checked {
                Ok((b, marks)) => {
                    let ballot = Ballot { number: b.to_string(), marks, flags: form.flags() };
                    e.settle(&congress, n, number, &ballot, &caller.address).await
                }
                Err(err) => {
                    problems.push(tr.t1("election-entry-bad", "detail", err.to_string()));
                    Ok(())
                }
            }
        }
        BoardAction::Rule => match daihoi_election::entry::ballot_number(&form.ballot, issued) {
            Ok(b) if matches!(form.valid.as_str(), "0" | "1") => {
                e.rule(
                    &congress,
                    n,
                    number,
                    &NewRuling { ballot: b, valid: form.valid == "1", reason: &form.reason },
                    &caller.address,
                )
                .await
            }
            _ => {
                problems.push(tr.t("election-problem-ruling"));
                Ok(())
            }
        },
        BoardAction::Close => e.close(&congress, n, number, &caller.address).await.map(|_| ()),
    };
    match outcome {
        Ok(()) => super::projector::moved(),
        Err(err) => problems.push(refusal(tr, err)?),
    }
    if problems.is_empty() {
        let to = match action {
            BoardAction::Close => {
                format!("/orgs/{}/congress/elections/{n}?round={}&saved=1", congress.org.code, round.code)
            }
            _ => format!(
                "/orgs/{}/congress/elections/{n}/rounds/{number}/ledger?round={}&saved=1",
                congress.org.code, round.code
            ),
        };
        return Ok(Redirect::to(&to).into_response());
    }
    let page = board_page(&caller, &code, Some(&round.code), n, number, false, problems).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST …/rounds/{number}/settlements`: the board reads a ballot.
pub async fn settle(
    caller: Caller,
    Path((code, n, number)): Path<(String, u32, u32)>,
    Form(form): Form<BallotFields>,
) -> Result<Response, WebError> {
    board_act(caller, code, n, number, form, BoardAction::Settle).await
}

/// `POST …/rounds/{number}/rulings`: the board rules (R-VALID-8).
pub async fn rule(
    caller: Caller,
    Path((code, n, number)): Path<(String, u32, u32)>,
    Form(form): Form<BallotFields>,
) -> Result<Response, WebError> {
    board_act(caller, code, n, number, form, BoardAction::Rule).await
}

/// `POST …/rounds/{number}/close`: the board closes the count.
pub async fn close(
    caller: Caller,
    Path((code, n, number)): Path<(String, u32, u32)>,
    Form(form): Form<BallotFields>,
) -> Result<Response, WebError> {
    board_act(caller, code, n, number, form, BoardAction::Close).await
}
