//! The election pages: a congress's elections
//! (`/orgs/{code}/congress/elections`) and one election (`…/{election}`):
//! its list with the floor nominations (R-LIST-5) and withdrawals
//! (R-LIST-7), the list's check (R-LIST-1…4) and adoption (R-LIST-8), the
//! board's accounts, each round with its ballots issued (R-BASE-1/2), its
//! count once closed (R-PASS-1), the decision points and the congress's
//! decisions (R-RANK-2/3, R-DELEG-1). Read by the congress's readers and
//! the election's board; the forms are the congress's office's.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_core::OrgCode;
use daihoi_core::members::CardNumber;
use daihoi_election::{BallotForm, Body, Count, DecisionPoint, PointKind};
use daihoi_store::StoreError;
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::elections::{Duty, Election, ElectionView, FloorVote, NewAction, NewDecision};
use serde::Deserialize;

use crate::WebError;
use crate::access::Caller;
use crate::congresses::view::round_named;
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path, today};

#[derive(Debug, Deserialize)]
pub struct RoundParam {
    pub round: Option<String>,
    pub saved: Option<String>,
}

/// The congress of `code` in the round named (the latest by default) and
/// its election `n`, for a reader of the organization or a member of the
/// election's board, with the caller's duty.
pub(crate) async fn staffed(
    caller: &Caller,
    code: &str,
    round: Option<&str>,
    n: u32,
) -> Result<(Round, Congress, Election, Option<Duty>), WebError> {
    let code = OrgCode::parse(code).map_err(|_| WebError::NotFound)?;
    let scoped = caller.scoped();
    let named = round.map(str::trim).filter(|r| !r.is_empty());
    let round = round_named(&scoped, named).await?.ok_or(WebError::NotFound)?;
    let (congress, election, duty) = scoped.elections().staffed(&round, &code, n, today()).await?;
    Ok((round, congress, election, duty))
}

/// A decimal as the language writes it: a comma in Vietnamese and French
/// (86,21), as the minutes do.
pub(crate) fn decimal(tr: Tr, point: &str) -> String {
    match tr.lang() {
        crate::i18n::Lang::En => point.to_owned(),
        _ => point.replace('.', ","),
    }
}

pub(crate) fn body_key(b: Body) -> String {
    format!("election-body-{}", b.code().replace('_', "-"))
}

fn duty_key(d: Duty) -> String {
    format!("election-duty-{}", d.code().replace('_', "-"))
}

fn form_key(f: BallotForm) -> String {
    format!("election-form-{}", f.code().replace('_', "-"))
}

/// A store refusal of a form in words: the rule and the store's detail.
pub(crate) fn refusal(tr: Tr, e: StoreError) -> Result<String, WebError> {
    match e {
        StoreError::ElectionRefused { rule, detail } => {
            Ok(tr.t_args("election-refused", &[("rule", rule.to_owned()), ("detail", detail)]))
        }
        StoreError::BallotEntered { ballot, entry } => {
            Ok(tr.t_args("election-ballot-entered", &[("ballot", ballot.to_string()), ("entry", entry.to_string())]))
        }
        StoreError::BadText { field, .. } => Ok(tr.t1("election-bad-text", "field", field)),
        StoreError::NotFound(what) => Ok(tr.t1("election-not-found", "what", what)),
        e => Err(e.into()),
    }
}

/// A congress's elections, and the form that creates one.
#[derive(Template, WebTemplate)]
#[template(path = "elections.html")]
pub struct ElectionsPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: Round,
    planned: bool,
    may_prepare: bool,
    problems: Vec<String>,
    /// Number, body in words, title, seats, adopted.
    elections: Vec<(u32, String, String, u32, bool)>,
    bodies: Vec<(&'static str, String)>,
}

/// `GET /orgs/{code}/congress/elections?round=`.
pub async fn list(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<RoundParam>,
) -> Result<ElectionsPage, WebError> {
    let node = crate::page::org_today(&caller, &code).await?;
    let named = p.round.as_deref().filter(|r| !r.trim().is_empty());
    let round = round_named(&caller.scoped(), named).await?.ok_or(WebError::NotFound)?;
    list_page(&caller, &node, round, Vec::new()).await
}

async fn list_page(
    caller: &Caller,
    node: &daihoi_store::orgs::OrgNode,
    round: Round,
    problems: Vec<String>,
) -> Result<ElectionsPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let congress = scoped.congresses().congress(&round, node, today()).await?;
    let elections = match &congress {
        Some(c) => scoped
            .elections()
            .list(c)
            .await?
            .iter()
            .map(|e| (e.number, tr.t(&body_key(e.body)), e.title.clone(), e.seats, e.adopted.is_some()))
            .collect(),
        None => Vec::new(),
    };
    Ok(ElectionsPage {
        tr,
        nav: caller.nav(),
        org: node.into(),
        round,
        planned: congress.is_some(),
        may_prepare: crate::congresses::view::may_plan(&scoped, node),
        problems,
        elections,
        bodies: Body::ALL.iter().map(|b| (b.code(), tr.t(&body_key(*b)))).collect(),
    })
}

/// An election to create.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub seats: String,
    #[serde(default)]
    pub title: String,
}

/// `POST /orgs/{code}/congress/elections`: creates an election.
pub async fn create(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<CreateForm>,
) -> Result<Response, WebError> {
    let tr = caller.tr;
    let node = crate::page::org_today(&caller, &code).await?;
    let round = round_named(&caller.scoped(), Some(form.round.trim())).await?.ok_or(WebError::NotFound)?;
    if !crate::congresses::view::may_plan(&caller.scoped(), &node) {
        return Err(WebError::Forbidden);
    }
    let Some(congress) = caller.scoped().congresses().congress(&round, &node, today()).await? else {
        let page = list_page(&caller, &node, round, vec![tr.t("congress-problem-no-plan")]).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut problems = Vec::new();
    let body = Body::parse(form.body.trim());
    if body.is_none() {
        problems.push(tr.t("election-problem-body"));
    }
    let seats = form.seats.trim().parse::<u32>().ok().filter(|s| (1..=daihoi_store::elections::MAX_SEATS).contains(s));
    if seats.is_none() {
        problems.push(tr.t("election-problem-seats"));
    }
    if form.title.trim().is_empty() {
        problems.push(tr.t("election-problem-title"));
    }
    if let (Some(body), Some(seats), true) = (body, seats, problems.is_empty()) {
        match caller.scoped().elections().create(&congress, body, seats, &form.title, &caller.address).await {
            Ok(n) => {
                return Ok(Redirect::to(&format!(
                    "/orgs/{}/congress/elections/{n}?round={}&saved=1",
                    node.code, round.code
                ))
                .into_response());
            }
            Err(e) => problems.push(refusal(tr, e)?),
        }
    }
    let page = list_page(&caller, &node, round, problems).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// A candidate's line.
pub struct CandidateLine {
    pub position: u32,
    pub name: String,
    pub card: String,
    /// Where the name comes from, in words (and the floor vote).
    pub source: String,
    pub on_list: bool,
    pub withdrawn: Option<String>,
    /// R-LIST-6: an admitted floor nominee, whose opinion votes the form
    /// records; its votes once recorded, and whether the cut leaves it off.
    pub added: bool,
    pub opinion: Option<String>,
}

/// A candidate's line of a count.
pub struct ResultLine {
    pub number: usize,
    pub name: String,
    pub votes: u32,
    pub disagree: Option<u32>,
    pub no_vote: Option<u32>,
    pub percent: String,
    pub passed: bool,
    pub elected: bool,
}

/// A count in words.
pub struct CountView {
    pub figures: String,
    pub invalid: Vec<String>,
    pub lines: Vec<ResultLine>,
    pub agree_disagree: bool,
}

pub(crate) fn count_view(tr: Tr, c: &Count) -> CountView {
    CountView {
        figures: tr.t_args(
            "election-count-figures",
            &[
                ("issued", tr.number(u64::from(c.issued))),
                ("returned", tr.number(u64::from(c.returned))),
                ("valid", tr.number(u64::from(c.valid))),
                ("invalid", tr.number(u64::from(c.invalid))),
                ("base", tr.number(u64::from(c.base))),
                ("needed", tr.number(u64::from(c.needed))),
            ],
        ),
        invalid: c
            .invalid_by_reason
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(r, n)| format!("{}: {}", tr.t(&format!("election-invalid-{}", r.replace('_', "-"))), n))
            .collect(),
        lines: c
            .candidates
            .iter()
            .enumerate()
            .map(|(i, r)| ResultLine {
                number: i + 1,
                name: r.name.clone(),
                votes: r.votes,
                disagree: r.disagree,
                no_vote: r.no_vote,
                percent: decimal(tr, &daihoi_election::count::percent(r.votes, c.base)),
                passed: r.passed,
                elected: r.elected,
            })
            .collect(),
        agree_disagree: c.form == BallotForm::AgreeDisagree,
    }
}

/// A round of voting in words.
pub struct RoundView {
    pub number: u32,
    pub seats: u32,
    pub form: String,
    pub list: Vec<(usize, String)>,
    pub issued: Option<String>,
    /// The ballots issued, the default number to print.
    pub ballots: Option<u32>,
    pub counting: bool,
    pub closed: Option<String>,
    pub count: Option<CountView>,
}

/// A decision point in words, with what its form needs.
pub struct PointView {
    pub round: u32,
    pub kind: &'static str,
    pub text: String,
    pub seats: u32,
    pub names: String,
}

pub(crate) fn point_view(tr: Tr, round: u32, p: &DecisionPoint) -> PointView {
    match p {
        DecisionPoint::TieAtCutoff { seats, candidates } => PointView {
            round,
            kind: PointKind::TieAtCutoff.code(),
            text: tr.t_args(
                "election-point-tie",
                &[("round", round.to_string()), ("seats", seats.to_string()), ("names", candidates.join(", "))],
            ),
            seats: *seats,
            names: candidates.join("\n"),
        },
        DecisionPoint::SeatsUnfilled { seats } => PointView {
            round,
            kind: PointKind::SeatsUnfilled.code(),
            text: tr.t_args("election-point-unfilled", &[("round", round.to_string()), ("seats", seats.to_string())]),
            seats: *seats,
            names: String::new(),
        },
        DecisionPoint::TieInOrder { candidates } => PointView {
            round,
            kind: PointKind::TieInOrder.code(),
            text: tr.t_args("election-point-order", &[("round", round.to_string()), ("names", candidates.join(", "))]),
            seats: 0,
            names: candidates.join("\n"),
        },
    }
}

/// One election.
#[derive(Template, WebTemplate)]
#[template(path = "election.html")]
pub struct ElectionPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: Round,
    number: u32,
    title: String,
    body: String,
    seats: u32,
    adopted: Option<String>,
    may_prepare: bool,
    duty: Option<String>,
    /// The caller enters ballots (a clerk) or settles them (the board).
    enters: bool,
    settles: bool,
    /// A round's count is closed: the minutes and the files can be had.
    counted: bool,
    saved: bool,
    problems: Vec<String>,
    candidates: Vec<CandidateLine>,
    list_problem: Option<String>,
    list_warnings: Vec<String>,
    rounds: Vec<RoundView>,
    /// The round waiting for its ballots to be issued, if any.
    to_issue: Option<u32>,
    sessions: Vec<(u32, String)>,
    points: Vec<PointView>,
    decisions: Vec<String>,
    elected: Vec<String>,
    staff: Vec<(String, String, String)>,
    duties: Vec<(&'static str, String)>,
    /// After the count: provisional, approved or annulled (R-AFTER-1/3).
    after_standing: Option<String>,
    /// R-RANK-4: this election stopped, in words.
    stopped: Option<String>,
}

impl ElectionPage {
    /// Whether round `n` waits for its ballots to be issued.
    fn issues(&self, n: impl std::borrow::Borrow<u32>) -> bool {
        self.to_issue == Some(*n.borrow())
    }
}

async fn election_page(
    caller: &Caller,
    code: &str,
    round: Option<&str>,
    n: u32,
    saved: bool,
    problems: Vec<String>,
) -> Result<ElectionPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let (round, congress, _, duty) = staffed(caller, code, round, n).await?;
    let v: ElectionView = scoped.elections().view(&congress, n).await?.ok_or(WebError::NotFound)?;
    let may_prepare = crate::congresses::view::may_plan(&scoped, &congress.org);
    let counts: Vec<Option<&Count>> = v
        .rounds
        .iter()
        .map(|r| {
            v.proceedings
                .as_ref()
                .and_then(|p| p.rounds().iter().find(|x| x.number == r.number))
                .and_then(|x| x.count.as_ref())
        })
        .collect();
    let sessions = if may_prepare {
        scoped.congresses().sessions(&congress).await?.iter().map(|s| (s.number, s.name.clone())).collect()
    } else {
        Vec::new()
    };
    let after = scoped.elections().after(&congress, n).await?;
    let e = &v.election;
    let dropped: &[String] = v.trim.as_ref().map_or(&[], |t| t.dropped.as_slice());
    Ok(ElectionPage {
        after_standing: (after.standing != daihoi_store::elections::after::Standing::Counting)
            .then(|| tr.t(&super::after::pages::standing_key(after.standing))),
        stopped: after.leader.as_ref().filter(|s| s.stopped).map(|s| super::after::pages::leader_line(tr, s)),
        tr,
        nav: caller.nav(),
        org: (&congress.org).into(),
        number: e.number,
        title: e.title.clone(),
        body: tr.t(&body_key(e.body)),
        seats: e.seats,
        adopted: e
            .adopted
            .as_ref()
            .map(|s| tr.t_args("election-adopted-by", &[("by", s.by.clone()), ("at", tr.moment(&s.at))])),
        may_prepare,
        duty: duty.map(|d| tr.t(&duty_key(d))),
        enters: duty.and_then(Duty::entry).is_some(),
        settles: duty == Some(Duty::Board),
        counted: v.rounds.iter().any(|r| r.closed.is_some()),
        saved,
        problems,
        candidates: v
            .candidates
            .iter()
            .map(|c| CandidateLine {
                position: c.position,
                name: c.name.clone(),
                card: c.card.clone().unwrap_or_default(),
                source: match c.floor {
                    Some(f) => tr.t_args(
                        if f.admitted() { "election-floor-admitted" } else { "election-floor-not-admitted" },
                        &[("agree", f.agree.to_string()), ("attending", f.attending.to_string())],
                    ),
                    None => tr.t("election-source-committee"),
                },
                on_list: c.on_list() && !dropped.contains(&c.name),
                withdrawn: c.withdrawn.as_ref().map(|w| {
                    tr.t_args("election-withdrawn", &[("by", w.decided_by.clone()), ("reason", w.reason.clone())])
                }),
                added: c.on_list() && c.floor.is_some(),
                opinion: c.opinion.map(|votes| {
                    tr.t_args(
                        if dropped.contains(&c.name) { "election-opinion-dropped" } else { "election-opinion-votes" },
                        &[("votes", tr.number(u64::from(votes)))],
                    )
                }),
            })
            .collect(),
        list_problem: if e.adopted.is_none() {
            v.list_check.as_ref().err().map(|err| {
                tr.t_args("election-refused", &[("rule", err.rule().to_owned()), ("detail", err.to_string())])
            })
        } else {
            None
        },
        list_warnings: match (&v.list_check, &e.adopted) {
            (Ok(c), None) => {
                c.warnings.iter().map(|w| tr.t1("election-list-warning", "what", format!("{w:?}"))).collect()
            }
            _ => Vec::new(),
        },
        rounds: v
            .rounds
            .iter()
            .zip(counts)
            .map(|(r, count)| RoundView {
                number: r.number,
                seats: r.seats,
                form: tr.t(&form_key(BallotForm::for_list(r.list.len(), r.seats))),
                list: r.list.iter().cloned().enumerate().map(|(i, n)| (i + 1, n)).collect(),
                issued: r.issued.as_ref().map(|i| {
                    tr.t_args(
                        "election-issued",
                        &[
                            ("ballots", tr.number(u64::from(i.ballots))),
                            ("session", i.session.to_string()),
                            ("convened", tr.number(u64::from(i.electorate.convened))),
                            ("present", tr.number(u64::from(i.electorate.present))),
                        ],
                    )
                }),
                ballots: r.issued.as_ref().map(|i| i.ballots),
                counting: r.counting(),
                closed: r
                    .closed
                    .as_ref()
                    .map(|s| tr.t_args("election-closed-by", &[("by", s.by.clone()), ("at", tr.moment(&s.at))])),
                count: count.map(|c| count_view(tr, c)),
            })
            .collect(),
        to_issue: v.rounds.last().filter(|r| r.issued.is_none()).map(|r| r.number),
        sessions,
        points: v
            .proceedings
            .as_ref()
            .map(|p| p.open_points().iter().map(|(r, p)| point_view(tr, *r, p)).collect())
            .unwrap_or_default(),
        decisions: v
            .decisions
            .iter()
            .map(|d| {
                tr.t_args(
                    "election-decision-line",
                    &[
                        ("round", d.decision.round.to_string()),
                        ("action", tr.t(&format!("election-action-{}", d.decision.action.code().replace('_', "-")))),
                        ("by", d.decision.decided_by.clone()),
                        ("at", d.decision.at.clone()),
                        ("reason", d.decision.reason.clone()),
                    ],
                )
            })
            .collect(),
        elected: v.proceedings.as_ref().map(|p| p.elected()).unwrap_or_default(),
        staff: v.staff.iter().map(|s| (s.login.clone(), s.display_name.clone(), tr.t(&duty_key(s.duty)))).collect(),
        duties: Duty::ALL.iter().map(|d| (d.code(), tr.t(&duty_key(*d)))).collect(),
        round,
    })
}

/// `GET /orgs/{code}/congress/elections/{election}?round=`.
pub async fn show(
    caller: Caller,
    Path((code, n)): Path<(String, u32)>,
    Query(p): Query<RoundParam>,
) -> Result<ElectionPage, WebError> {
    election_page(&caller, &code, p.round.as_deref(), n, p.saved.is_some(), Vec::new()).await
}

/// Every form of the election page: the fields each needs.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ElectionForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub card: String,
    #[serde(default)]
    pub floor_agree: String,
    #[serde(default)]
    pub floor_attending: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub decided_by: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub login: String,
    #[serde(default)]
    pub duty: String,
    #[serde(default)]
    pub ballots: String,
    #[serde(default)]
    pub session: String,
    #[serde(default)]
    pub on_round: String,
    #[serde(default)]
    pub point: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub seats: String,
    #[serde(default)]
    pub names: String,
    #[serde(default)]
    pub at: String,
    /// R-LIST-6: a floor nominee's votes in the opinion ballot.
    #[serde(default)]
    pub votes: String,
}

fn number_field(text: &str) -> Option<u32> {
    text.trim().parse().ok()
}

/// What a form of the election page asks the store, checked.
enum Action {
    Candidate,
    Withdraw,
    Opinion,
    Adopt,
    Staff,
    Issue,
    Decide,
}

async fn act(caller: Caller, code: String, n: u32, form: ElectionForm, action: Action) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (round, congress, _, _) = staffed(&caller, &code, Some(&form.round), n).await?;
    if !crate::congresses::view::may_plan(&caller.scoped(), &congress.org) {
        return Err(WebError::Forbidden);
    }
    let e = caller.scoped();
    let e = e.elections();
    let a = &caller.address;
    let mut problems = Vec::new();
    let outcome: Result<(), StoreError> = match action {
        Action::Candidate => {
            let card = match form.card.trim() {
                "" => None,
                c => match CardNumber::parse(c) {
                    Ok(c) => Some(c),
                    Err(_) => {
                        problems.push(tr.t1("election-problem-card", "card", c));
                        None
                    }
                },
            };
            let floor = match (form.floor_agree.trim(), form.floor_attending.trim()) {
                ("", "") => None,
                (a, t) => match (number_field(a), number_field(t)) {
                    (Some(agree), Some(attending)) => Some(FloorVote { agree, attending }),
                    _ => {
                        problems.push(tr.t("election-problem-floor"));
                        None
                    }
                },
            };
            if form.name.trim().is_empty() {
                problems.push(tr.t("election-problem-name"));
            }
            if problems.is_empty() {
                e.add_candidate(&congress, n, &form.name, card.as_ref(), floor, a).await.map(|_| ())
            } else {
                Ok(())
            }
        }
        Action::Withdraw => match number_field(&form.position) {
            Some(p) => e.withdraw(&congress, n, p, &form.decided_by, &form.reason, a).await,
            None => {
                problems.push(tr.t("election-problem-position"));
                Ok(())
            }
        },
        Action::Opinion => match (number_field(&form.position), number_field(&form.votes)) {
            (Some(p), Some(v)) => e.record_opinion(&congress, n, &[(p, v)], a).await,
            _ => {
                problems.push(tr.t("election-problem-opinion"));
                Ok(())
            }
        },
        Action::Adopt => e.adopt_list(&congress, n, a).await.map(|_| ()),
        Action::Staff => match Duty::parse(form.duty.trim()) {
            Some(d) => e.assign(&congress, n, form.login.trim(), d, a).await,
            None => {
                problems.push(tr.t("election-problem-duty"));
                Ok(())
            }
        },
        Action::Issue => match (number_field(&form.ballots), number_field(&form.session)) {
            (Some(b), Some(s)) => e.issue_ballots(&round, &congress, n, b, s, a).await,
            _ => {
                problems.push(tr.t("election-problem-issue"));
                Ok(())
            }
        },
        Action::Decide => {
            let point = PointKind::ALL.into_iter().find(|p| p.code() == form.point.trim());
            let names: Vec<String> =
                form.names.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
            let action = match form.action.trim() {
                "further_round" => {
                    number_field(&form.seats).map(|seats| NewAction::FurtherRound { seats, list: names })
                }
                "no_further_round" => Some(NewAction::NoFurtherRound),
                "order" => Some(NewAction::Order(names)),
                _ => None,
            };
            match (point, action, number_field(&form.on_round)) {
                (Some(point), Some(action), Some(on)) => {
                    let new = NewDecision {
                        round: on,
                        point,
                        action,
                        decided_by: form.decided_by.clone(),
                        at: form.at.clone(),
                        reason: form.reason.clone(),
                    };
                    e.decide(&congress, n, &new, a).await.map(|_| ())
                }
                _ => {
                    problems.push(tr.t("election-problem-decision"));
                    Ok(())
                }
            }
        }
    };
    if let Err(err) = outcome {
        problems.push(refusal(tr, err)?);
    }
    if problems.is_empty() {
        return Ok(Redirect::to(&format!(
            "/orgs/{}/congress/elections/{n}?round={}&saved=1",
            congress.org.code, round.code
        ))
        .into_response());
    }
    let page = election_page(&caller, &code, Some(&round.code), n, false, problems).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST …/elections/{election}/candidates`: a name for the list (R-LIST-5).
pub async fn add_candidate(
    caller: Caller,
    Path((code, n)): Path<(String, u32)>,
    Form(form): Form<ElectionForm>,
) -> Result<Response, WebError> {
    act(caller, code, n, form, Action::Candidate).await
}

/// `POST …/elections/{election}/withdrawals` (R-LIST-7).
pub async fn withdraw(
    caller: Caller,
    Path((code, n)): Path<(String, u32)>,
    Form(form): Form<ElectionForm>,
) -> Result<Response, WebError> {
    act(caller, code, n, form, Action::Withdraw).await
}

/// `POST …/elections/{election}/opinion` (R-LIST-6): a floor nominee's
/// votes in the congress's opinion ballot.
pub async fn opinion(
    caller: Caller,
    Path((code, n)): Path<(String, u32)>,
    Form(form): Form<ElectionForm>,
) -> Result<Response, WebError> {
    act(caller, code, n, form, Action::Opinion).await
}

/// `POST …/elections/{election}/adoption` (R-BODY-2, R-LIST-1…8).
pub async fn adopt(
    caller: Caller,
    Path((code, n)): Path<(String, u32)>,
    Form(form): Form<ElectionForm>,
) -> Result<Response, WebError> {
    act(caller, code, n, form, Action::Adopt).await
}

/// `POST …/elections/{election}/staff`: an account on the board.
pub async fn assign(
    caller: Caller,
    Path((code, n)): Path<(String, u32)>,
    Form(form): Form<ElectionForm>,
) -> Result<Response, WebError> {
    act(caller, code, n, form, Action::Staff).await
}

/// `POST …/elections/{election}/ballots-issued` (R-BASE-1/2).
pub async fn issue(
    caller: Caller,
    Path((code, n)): Path<(String, u32)>,
    Form(form): Form<ElectionForm>,
) -> Result<Response, WebError> {
    act(caller, code, n, form, Action::Issue).await
}

/// `POST …/elections/{election}/decisions` (R-RANK-2/3, R-DELEG-1).
pub async fn decide(
    caller: Caller,
    Path((code, n)): Path<(String, u32)>,
    Form(form): Form<ElectionForm>,
) -> Result<Response, WebError> {
    act(caller, code, n, form, Action::Decide).await
}
