//! The page after an election's count (`…/elections/{election}/after`):
//! provisional until the higher committee approves (R-AFTER-1) or annuls
//! (R-AFTER-3), what the approval seated, the complaint window and the
//! complaints (R-AFTER-2), the ballots sealed and destroyed (R-AFTER-4),
//! and for a secretary's or inspection chair's election whether it is
//! stopped (R-RANK-4). The congress's page of who is planned for
//! secretary and inspection chair (`/orgs/{code}/congress/planned-leaders`)
//! with the higher committee's direction (C-PER-13). The forms are the
//! congress's office's, the approval and the direction the office above's.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_congress::Approval;
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::elections::after::{
    AfterView, LeaderStatus, NewComplaint, NewOutcome, NewSealing, OutcomeKind, Post, Seating, Standing,
};
use serde::Deserialize;
use time::Date;

use crate::WebError;
use crate::access::Caller;
use crate::congresses::view::round_named;
use crate::elections::pages::{RoundParam, refusal, staffed};
use crate::i18n::Tr;
use crate::orgs::pages::OrgLine;
use crate::page::{Nav, Path, today};

pub(crate) fn standing_key(s: Standing) -> String {
    format!("after-standing-{}", s.code())
}

fn seating_key(s: Seating) -> String {
    format!("after-seating-{}", s.code().replace('_', "-"))
}

fn post_key(p: Post) -> String {
    format!("after-post-{}", p.code().replace('_', "-"))
}

/// R-RANK-4: where a post's election stands, in words.
pub(crate) fn leader_line(tr: Tr, s: &LeaderStatus) -> String {
    let post = tr.t(&post_key(s.planned.post));
    let name = s.planned.name.clone();
    match (&s.planned.direction, s.stopped, s.known, s.elected) {
        (Some(d), _, _, _) => tr.t_args(
            "after-leader-directed",
            &[
                ("post", post),
                ("name", name),
                ("by", d.approval.approved_by.clone()),
                ("on", tr.date(d.approval.on)),
                ("reference", d.approval.reference.clone()),
                ("says", d.says.clone()),
            ],
        ),
        (None, true, _, _) => tr.t_args("after-leader-stopped", &[("post", post), ("name", name)]),
        (None, false, true, true) => tr.t_args("after-leader-elected", &[("post", post), ("name", name)]),
        _ => tr.t_args("after-leader-planned", &[("post", post), ("name", name)]),
    }
}

/// A complaint in words.
pub struct ComplaintLine {
    pub number: u32,
    pub text: String,
    pub open: bool,
}

/// What follows an election's count.
#[derive(Template, WebTemplate)]
#[template(path = "election_after.html")]
pub struct AfterPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: Round,
    number: u32,
    title: String,
    standing: String,
    provisional: bool,
    elected: Vec<String>,
    outcome: Option<String>,
    seating: Vec<(String, String, String)>,
    window: String,
    /// Whether holidays were deducted, or which year's calendar awaits.
    holidays: String,
    complaints: Vec<ComplaintLine>,
    ballots: Option<String>,
    leader: Option<(String, bool)>,
    may_approve: bool,
    may_record: bool,
    /// The outcome may be recorded: none yet, and a vote held.
    decidable: bool,
    sealed: bool,
    saved: bool,
    problems: Vec<String>,
    today: String,
}

pub(crate) fn outcome_line(tr: Tr, v: &AfterView) -> Option<String> {
    v.outcome.as_ref().map(|o| {
        tr.t_args(
            match o.kind {
                OutcomeKind::Approved => "after-approved-by",
                OutcomeKind::Annulled => "after-annulled-by",
            },
            &[
                ("by", o.approval.approved_by.clone()),
                ("on", tr.date(o.approval.on)),
                ("reference", o.approval.reference.clone()),
                ("note", o.note.clone()),
                ("refused", if o.refused.is_empty() { "-".to_owned() } else { o.refused.join(", ") }),
            ],
        )
    })
}

async fn after_page(
    caller: &Caller,
    code: &str,
    round: Option<&str>,
    n: u32,
    saved: bool,
    problems: Vec<String>,
) -> Result<AfterPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let (round, congress, election, _) = staffed(caller, code, round, n).await?;
    let e = scoped.elections();
    let v = e.after(&congress, n).await?;
    Ok(AfterPage {
        tr,
        nav: caller.nav(),
        org: (&congress.org).into(),
        number: n,
        title: election.title.clone(),
        standing: tr.t(&standing_key(v.standing)),
        provisional: v.standing == Standing::Provisional,
        elected: v.elected.clone(),
        outcome: outcome_line(tr, &v),
        seating: v.seating.iter().map(|l| (l.name.clone(), tr.t(&seating_key(l.seating)), l.detail.clone())).collect(),
        holidays: match v.complaints_until_awaits {
            Some(year) => tr.t1("after-holidays-awaiting", "year", year),
            None => tr.t("after-holidays-counted"),
        },
        window: tr.t_args(
            if v.held { "after-window" } else { "after-window-planned" },
            &[("closing", tr.date(v.closing_day)), ("until", tr.date(v.complaints_until))],
        ),
        complaints: v
            .complaints
            .iter()
            .map(|c| ComplaintLine {
                number: c.number,
                text: tr.t_args(
                    "after-complaint-line",
                    &[
                        ("number", c.number.to_string()),
                        ("received", tr.date(c.received_on)),
                        ("from", c.from.clone()),
                        ("summary", c.summary.clone()),
                        ("sent", c.sent_on.map_or_else(|| "-".to_owned(), |d| tr.date(d))),
                        (
                            "state",
                            match &c.settled {
                                Some((on, r)) => tr.t_args(
                                    "after-complaint-settled",
                                    &[("on", tr.date(on)), ("reference", r.clone())],
                                ),
                                None => tr.t("after-complaint-open"),
                            },
                        ),
                        ("late", if c.late { tr.t("after-complaint-late") } else { String::new() }),
                    ],
                ),
                open: c.open(),
            })
            .collect(),
        ballots: v.ballots.as_ref().map(|b| {
            let kept = tr.t_args(
                "after-ballots-kept",
                &[
                    ("sealed", tr.date(b.sealed_on)),
                    ("by", b.held_by.clone()),
                    ("at", b.kept_at.clone()),
                    ("until", tr.date(b.keep_until)),
                ],
            );
            match &b.destroyed {
                Some((on, r)) => format!(
                    "{kept} {}",
                    tr.t_args("after-ballots-destroyed", &[("on", tr.date(on)), ("reference", r.clone())])
                ),
                None => kept,
            }
        }),
        leader: v.leader.as_ref().map(|s| (leader_line(tr, s), s.stopped)),
        may_approve: e.may_approve(&congress, today()).await?,
        may_record: e.may_record(&congress),
        decidable: v.outcome.is_none() && v.standing != Standing::Counting,
        sealed: v.ballots.is_some(),
        saved,
        problems,
        today: daihoi_core::date::iso(today()),
        round,
    })
}

/// `GET /orgs/{code}/congress/elections/{election}/after?round=`.
pub async fn show(
    caller: Caller,
    Path((code, n)): Path<(String, u32)>,
    Query(p): Query<RoundParam>,
) -> Result<AfterPage, WebError> {
    after_page(&caller, &code, p.round.as_deref(), n, p.saved.is_some(), Vec::new()).await
}

/// Every form of the page after the count: the fields each needs.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AfterForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub approved_by: String,
    #[serde(default)]
    pub on: String,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub refused: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub sent_on: String,
    #[serde(default)]
    pub held_by: String,
    #[serde(default)]
    pub kept_at: String,
}

fn date_field(text: &str) -> Option<Date> {
    daihoi_core::date::from_iso(text.trim())
}

enum Action {
    Outcome,
    Complaint,
    Settle(u32),
    Seal,
    Destroy,
}

async fn act(caller: Caller, code: String, n: u32, form: AfterForm, action: Action) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (round, congress, _, _) = staffed(&caller, &code, Some(&form.round), n).await?;
    let scoped = caller.scoped();
    let e = scoped.elections();
    let allowed = match action {
        Action::Outcome => e.may_approve(&congress, today()).await?,
        _ => e.may_record(&congress),
    };
    if !allowed {
        return Err(WebError::Forbidden);
    }
    let a = &caller.address;
    let mut problems = Vec::new();
    let on = date_field(&form.on);
    let approval =
        on.map(|on| Approval { approved_by: form.approved_by.clone(), on, reference: form.reference.clone() });
    let outcome: Result<(), daihoi_store::StoreError> = match (action, approval) {
        (Action::Outcome, Some(approval)) => match OutcomeKind::parse(form.outcome.trim()) {
            Some(kind) => {
                let new = NewOutcome {
                    kind,
                    approval,
                    refused: form.refused.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(),
                    note: form.note.clone(),
                };
                e.record_outcome(&congress, n, &new, today(), a).await.map(|_| ())
            }
            None => {
                problems.push(tr.t("after-problem-outcome"));
                Ok(())
            }
        },
        (Action::Complaint, _) => match date_field(&form.on) {
            Some(received_on) => {
                let sent_on = match form.sent_on.trim() {
                    "" => Ok(None),
                    s => date_field(s).map(Some).ok_or(()),
                };
                match sent_on {
                    Ok(sent_on) => {
                        let new = NewComplaint {
                            received_on,
                            from: form.from.clone(),
                            summary: form.summary.clone(),
                            sent_on,
                        };
                        e.record_complaint(&congress, n, &new, today(), a).await.map(|_| ())
                    }
                    Err(()) => {
                        problems.push(tr.t("after-problem-date"));
                        Ok(())
                    }
                }
            }
            None => {
                problems.push(tr.t("after-problem-date"));
                Ok(())
            }
        },
        (Action::Settle(c), Some(approval)) => {
            e.settle_complaint(&congress, n, c, &approval, today(), a).await.map(|_| ())
        }
        (Action::Seal, Some(approval)) => {
            let sealing =
                NewSealing { sealed_on: approval.on, held_by: form.held_by.clone(), kept_at: form.kept_at.clone() };
            e.seal_ballots(&congress, n, &sealing, today(), a).await.map(|_| ())
        }
        (Action::Destroy, Some(approval)) => e.destroy_ballots(&congress, n, &approval, today(), a).await.map(|_| ()),
        (_, None) => {
            problems.push(tr.t("after-problem-date"));
            Ok(())
        }
    };
    if let Err(err) = outcome {
        problems.push(refusal(tr, err)?);
    }
    if problems.is_empty() {
        return Ok(Redirect::to(&format!(
            "/orgs/{}/congress/elections/{n}/after?round={}&saved=1",
            congress.org.code, round.code
        ))
        .into_response());
    }
    let page = after_page(&caller, &code, Some(&round.code), n, false, problems).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST …/elections/{election}/after/outcome`: the higher committee's
/// approval or annulment (R-AFTER-1, R-AFTER-3), by the office above.
pub async fn outcome(
    caller: Caller,
    Path((code, n)): Path<(String, u32)>,
    Form(form): Form<AfterForm>,
) -> Result<Response, WebError> {
    act(caller, code, n, form, Action::Outcome).await
}

/// `POST …/elections/{election}/after/complaints` (R-AFTER-2).
pub async fn complaint(
    caller: Caller,
    Path((code, n)): Path<(String, u32)>,
    Form(form): Form<AfterForm>,
) -> Result<Response, WebError> {
    act(caller, code, n, form, Action::Complaint).await
}

/// `POST …/elections/{election}/after/complaints/{complaint}/settled`.
pub async fn settle(
    caller: Caller,
    Path((code, n, c)): Path<(String, u32, u32)>,
    Form(form): Form<AfterForm>,
) -> Result<Response, WebError> {
    act(caller, code, n, form, Action::Settle(c)).await
}

/// `POST …/elections/{election}/after/sealing` (R-AFTER-4).
pub async fn seal(
    caller: Caller,
    Path((code, n)): Path<(String, u32)>,
    Form(form): Form<AfterForm>,
) -> Result<Response, WebError> {
    act(caller, code, n, form, Action::Seal).await
}

/// `POST …/elections/{election}/after/destruction` (R-AFTER-4).
pub async fn destroy(
    caller: Caller,
    Path((code, n)): Path<(String, u32)>,
    Form(form): Form<AfterForm>,
) -> Result<Response, WebError> {
    act(caller, code, n, form, Action::Destroy).await
}

/// The congress's planned secretary and inspection chair (R-RANK-4).
#[derive(Template, WebTemplate)]
#[template(path = "planned_leaders.html")]
pub struct LeadersPage {
    tr: Tr,
    nav: Nav,
    org: OrgLine,
    round: Round,
    /// Post code, post in words, where it stands, stopped.
    lines: Vec<(&'static str, String, String, bool)>,
    posts: Vec<(&'static str, String)>,
    may_record: bool,
    may_approve: bool,
    saved: bool,
    problems: Vec<String>,
    today: String,
}

async fn congress_of(caller: &Caller, code: &str, round: Option<&str>) -> Result<(Round, Congress), WebError> {
    let node = crate::page::org_today(caller, code).await?;
    let named = round.map(str::trim).filter(|r| !r.is_empty());
    let scoped = caller.scoped();
    let round = round_named(&scoped, named).await?.ok_or(WebError::NotFound)?;
    let congress = scoped.congresses().congress(&round, &node, today()).await?.ok_or(WebError::NotFound)?;
    Ok((round, congress))
}

async fn leaders_page(
    caller: &Caller,
    round: Round,
    congress: Congress,
    saved: bool,
    problems: Vec<String>,
) -> Result<LeadersPage, WebError> {
    let tr = caller.tr;
    let scoped = caller.scoped();
    let e = scoped.elections();
    let lines = e
        .planned_leaders(&congress)
        .await?
        .iter()
        .map(|s| (s.planned.post.code(), tr.t(&post_key(s.planned.post)), leader_line(tr, s), s.stopped))
        .collect();
    Ok(LeadersPage {
        tr,
        nav: caller.nav(),
        org: (&congress.org).into(),
        lines,
        posts: Post::ALL.iter().map(|p| (p.code(), tr.t(&post_key(*p)))).collect(),
        may_record: e.may_record(&congress),
        may_approve: e.may_approve(&congress, today()).await?,
        saved,
        problems,
        today: daihoi_core::date::iso(today()),
        round,
    })
}

/// `GET /orgs/{code}/congress/planned-leaders?round=`.
pub async fn leaders(
    caller: Caller,
    Path(code): Path<String>,
    Query(p): Query<RoundParam>,
) -> Result<LeadersPage, WebError> {
    let (round, congress) = congress_of(&caller, &code, p.round.as_deref()).await?;
    leaders_page(&caller, round, congress, p.saved.is_some(), Vec::new()).await
}

/// The forms of the planned leaders' page.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LeaderForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub post: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub approved_by: String,
    #[serde(default)]
    pub on: String,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub direction: String,
}

async fn act_leader(caller: Caller, code: String, form: LeaderForm, direct: bool) -> Result<Response, WebError> {
    let tr = caller.tr;
    let (round, congress) = congress_of(&caller, &code, Some(&form.round)).await?;
    let scoped = caller.scoped();
    let e = scoped.elections();
    let allowed = if direct { e.may_approve(&congress, today()).await? } else { e.may_record(&congress) };
    if !allowed {
        return Err(WebError::Forbidden);
    }
    let mut problems = Vec::new();
    let outcome = match (Post::parse(form.post.trim()), direct, date_field(&form.on)) {
        (None, _, _) => {
            problems.push(tr.t("after-problem-post"));
            Ok(())
        }
        (Some(post), false, _) => e.plan_leader(&congress, post, &form.name, &caller.address).await.map(|_| ()),
        (Some(post), true, Some(on)) => {
            let approval = Approval { approved_by: form.approved_by.clone(), on, reference: form.reference.clone() };
            e.direct_leader(&congress, post, &approval, &form.direction, today(), &caller.address).await.map(|_| ())
        }
        (Some(_), true, None) => {
            problems.push(tr.t("after-problem-date"));
            Ok(())
        }
    };
    if let Err(err) = outcome {
        problems.push(refusal(tr, err)?);
    }
    if problems.is_empty() {
        return Ok(Redirect::to(&format!(
            "/orgs/{}/congress/planned-leaders?round={}&saved=1",
            congress.org.code, round.code
        ))
        .into_response());
    }
    let page = leaders_page(&caller, round, congress, false, problems).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// `POST /orgs/{code}/congress/planned-leaders`: who is planned (R-RANK-4).
pub async fn plan_leader(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<LeaderForm>,
) -> Result<Response, WebError> {
    act_leader(caller, code, form, false).await
}

/// `POST /orgs/{code}/congress/planned-leaders/direction` (C-PER-13).
pub async fn direct(
    caller: Caller,
    Path(code): Path<String>,
    Form(form): Form<LeaderForm>,
) -> Result<Response, WebError> {
    act_leader(caller, code, form, true).await
}
