//! `/api/v1/orgs/{code}/congress/elections…`: a congress's elections as
//! the election pages show and change them, through the store's
//! `elections()` facet: the election and its list (`prepare`), the ballots
//! the board's clerks enter, the board's settlements, rulings and the
//! count closed (`count`). The congress's round (`2025-2030`) is `round`
//! in the query or the body; a round of voting is `rounds/{number}` in
//! the path.

pub mod count;
pub mod files;
pub mod prepare;

use daihoi_core::OrgCode;
use daihoi_election::entry::Typed;
use daihoi_election::{BallotForm, Count, DecisionPoint, Flags, Marks};
use daihoi_store::Scoped;
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::elections::{Duty, Election, ElectionView, RecordedDecision};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::error::{ApiError, ApiResult, ErrorCode};
use crate::congresses::api::{body_round, query_round};
use crate::page::today;

/// The congress's round, its congress and the election, for a reader of
/// the organization or a member of the election's board (a clerk needs no
/// role on the organization), with the caller's duty.
pub(crate) async fn staffed(
    scoped: &Scoped<'_>,
    code: &str,
    round: Option<&str>,
    in_body: bool,
    n: u32,
) -> ApiResult<(Round, Congress, Election, Option<Duty>)> {
    let code: OrgCode = crate::api::code_param("code", code)?;
    let round =
        if in_body { body_round(scoped, round.unwrap_or_default()).await? } else { query_round(scoped, round).await? };
    let (congress, election, duty) = scoped.elections().staffed(&round, &code, n, today()).await?;
    Ok((round, congress, election, duty))
}

/// A candidate of the list as entered.
#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateJson {
    /// Its place in the order entered (not the ballot order).
    pub position: u32,
    pub name: String,
    pub card: Option<String>,
    /// `committee` (the convening committee's list) or `floor` (R-LIST-5).
    #[schema(example = "committee")]
    pub source: &'static str,
    /// R-LIST-5: agreements and those attending at the congress's vote.
    pub floor_agree: Option<u32>,
    pub floor_attending: Option<u32>,
    /// On the list to vote on: not withdrawn, admitted if from the floor
    /// (R-LIST-5), and kept by the opinion ballot when there is one (R-LIST-6).
    pub on_list: bool,
    /// R-LIST-7: who decided the withdrawal, and why.
    pub withdrawn_by: Option<String>,
    pub withdrawn_reason: Option<String>,
    /// R-LIST-6: a floor nominee's votes in the congress's opinion ballot.
    pub opinion_votes: Option<u32>,
}

/// A candidate's line of a count, in ballot order.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultJson {
    pub name: String,
    pub votes: u32,
    /// Agree/disagree form only.
    pub disagree: Option<u32>,
    pub no_vote: Option<u32>,
    /// Votes as a percentage of the base, two decimals (display only).
    #[schema(example = "86.21")]
    pub percent: String,
    /// R-PASS-1: more than half of the base.
    pub passed: bool,
    pub elected: bool,
}

/// A decision point: where the congress must decide (R-RANK-2, R-RANK-3,
/// R-DELEG-1).
#[derive(Debug, Serialize, ToSchema)]
pub struct PointJson {
    /// The round of voting it comes from.
    pub round: u32,
    /// `tie_at_cutoff`, `seats_unfilled` or `tie_in_order`.
    #[schema(example = "tie_at_cutoff")]
    pub kind: &'static str,
    /// The seats left (tie at the cut-off, seats unfilled).
    pub seats: Option<u32>,
    /// The tied (tie at the cut-off, tie in order).
    pub candidates: Vec<String>,
}

pub(crate) fn point_json(round: u32, p: &DecisionPoint) -> PointJson {
    match p {
        DecisionPoint::TieAtCutoff { seats, candidates } => {
            PointJson { round, kind: "tie_at_cutoff", seats: Some(*seats), candidates: candidates.clone() }
        }
        DecisionPoint::SeatsUnfilled { seats } => {
            PointJson { round, kind: "seats_unfilled", seats: Some(*seats), candidates: Vec::new() }
        }
        DecisionPoint::TieInOrder { candidates } => {
            PointJson { round, kind: "tie_in_order", seats: None, candidates: candidates.clone() }
        }
    }
}

/// The count of a round (or the totals of the ballots settled so far).
#[derive(Debug, Serialize, ToSchema)]
pub struct CountJson {
    /// R-BASE-1/2: the base, and the fewest votes that pass (R-PASS-1).
    pub base: u32,
    pub needed: u32,
    pub issued: u32,
    pub returned: u32,
    pub valid: u32,
    pub invalid: u32,
    /// Invalid ballots by reason (`not_issued`, `over_seats`, `all_struck`,
    /// `single_name_unmarked`, `write_in`, `marked`, `board_ruling`).
    pub invalid_by_reason: Vec<ReasonJson>,
    pub candidates: Vec<ResultJson>,
    /// Most votes first.
    pub elected: Vec<String>,
    pub decision_points: Vec<PointJson>,
}

/// Invalid ballots for one reason.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReasonJson {
    #[schema(example = "over_seats")]
    pub reason: &'static str,
    pub ballots: u32,
}

pub(crate) fn count_json(round: u32, c: &Count) -> CountJson {
    CountJson {
        base: c.base,
        needed: c.needed,
        issued: c.issued,
        returned: c.returned,
        valid: c.valid,
        invalid: c.invalid,
        invalid_by_reason: c.invalid_by_reason.iter().map(|(r, n)| ReasonJson { reason: r, ballots: *n }).collect(),
        candidates: c
            .candidates
            .iter()
            .map(|r| ResultJson {
                name: r.name.clone(),
                votes: r.votes,
                disagree: r.disagree,
                no_vote: r.no_vote,
                percent: daihoi_election::count::percent(r.votes, c.base),
                passed: r.passed,
                elected: r.elected,
            })
            .collect(),
        elected: c.elected.clone(),
        decision_points: c.decisions_needed.iter().map(|p| point_json(round, p)).collect(),
    }
}

/// A round of voting.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoundJson {
    pub number: u32,
    pub seats: u32,
    /// R-BALLOT-2/3: `crossing_out` or `agree_disagree`.
    #[schema(example = "crossing_out")]
    pub form: &'static str,
    /// The list in ballot order (R-LIST-8).
    pub list: Vec<String>,
    /// Once the ballots are issued: how many, in which session, and the
    /// electorate then (R-BASE-1/2).
    pub ballots_issued: Option<u32>,
    pub session: Option<u32>,
    pub convened: Option<u32>,
    pub present: Option<u32>,
    pub closed: bool,
    pub closed_by: Option<String>,
    /// The count, once the board closed it.
    pub count: Option<CountJson>,
}

/// A recorded decision of the congress.
#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionJson {
    pub number: u32,
    /// The round of voting whose decision point it answers.
    pub round: u32,
    #[schema(example = "tie_at_cutoff")]
    pub point: &'static str,
    /// `further_round`, `no_further_round` or `order`.
    #[schema(example = "further_round")]
    pub action: &'static str,
    pub seats: Option<u32>,
    /// A further round's list, or the alternates' order.
    pub names: Vec<String>,
    pub decided_by: String,
    pub at: String,
    pub reason: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

fn decision_json(d: &RecordedDecision) -> DecisionJson {
    use daihoi_election::DecisionAction as A;
    let (seats, names) = match &d.decision.action {
        A::FurtherRound { seats, candidates, .. } => (Some(*seats), candidates.clone()),
        A::Order { order } => (None, order.clone()),
        A::NoFurtherRound => (None, Vec::new()),
    };
    DecisionJson {
        number: d.number,
        round: d.decision.round,
        point: d.decision.point.code(),
        action: d.decision.action.code(),
        seats,
        names,
        decided_by: d.decision.decided_by.clone(),
        at: d.decision.at.clone(),
        reason: d.decision.reason.clone(),
        recorded_by: d.recorded.by.clone(),
        recorded_at: d.recorded.at.clone(),
    }
}

/// An account on the board.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffJson {
    pub login: String,
    pub name: String,
    /// `entry_1`, `entry_2` or `board`.
    #[schema(example = "entry_1")]
    pub duty: &'static str,
}

/// The list's check (R-LIST-1…4) before adoption.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListCheckJson {
    pub ok: bool,
    /// The rule that refuses the list, and why.
    pub rule: Option<&'static str>,
    pub problem: Option<String>,
    /// Names less seats.
    pub surplus: Option<i64>,
    /// R-LIST-3, R-LIST-4: allowed, worth a look.
    pub warnings: Vec<String>,
}

/// An election of a congress.
#[derive(Debug, Serialize, ToSchema)]
pub struct ElectionJson {
    pub number: u32,
    /// What it fills (R-BODY-1): `committee`, `standing_committee`,
    /// `secretary`, `deputy_secretary`, `inspection_commission`,
    /// `inspection_chair`, `inspection_vice_chair`, `delegates`, `alternates`.
    #[schema(example = "committee")]
    pub body: &'static str,
    pub title: String,
    pub seats: u32,
    pub adopted: bool,
    pub adopted_by: Option<String>,
    pub adopted_at: Option<String>,
    pub candidates: Vec<CandidateJson>,
    /// The list to adopt, in the order entered, and its check.
    pub list: Vec<String>,
    pub list_check: ListCheckJson,
    pub rounds: Vec<RoundJson>,
    pub decisions: Vec<DecisionJson>,
    /// Decision points no decision has answered yet.
    pub open_points: Vec<PointJson>,
    /// Everyone elected so far, round by round.
    pub elected: Vec<String>,
    pub staff: Vec<StaffJson>,
    /// The caller's duty on the board, if any.
    pub your_duty: Option<&'static str>,
}

pub(crate) fn election_json(v: &ElectionView, duty: Option<Duty>) -> ElectionJson {
    let e = &v.election;
    let counts: Vec<Option<&Count>> = match &v.proceedings {
        Some(p) => v
            .rounds
            .iter()
            .map(|r| p.rounds().iter().find(|x| x.number == r.number).and_then(|x| x.count.as_ref()))
            .collect(),
        None => v.rounds.iter().map(|_| None).collect(),
    };
    ElectionJson {
        number: e.number,
        body: e.body.code(),
        title: e.title.clone(),
        seats: e.seats,
        adopted: e.adopted.is_some(),
        adopted_by: e.adopted.as_ref().map(|s| s.by.clone()),
        adopted_at: e.adopted.as_ref().map(|s| s.at.clone()),
        candidates: v
            .candidates
            .iter()
            .map(|c| CandidateJson {
                position: c.position,
                name: c.name.clone(),
                card: c.card.clone(),
                source: if c.floor.is_some() { "floor" } else { "committee" },
                floor_agree: c.floor.map(|f| f.agree),
                floor_attending: c.floor.map(|f| f.attending),
                on_list: c.on_list() && v.trim.as_ref().is_none_or(|t| !t.dropped.contains(&c.name)),
                withdrawn_by: c.withdrawn.as_ref().map(|w| w.decided_by.clone()),
                withdrawn_reason: c.withdrawn.as_ref().map(|w| w.reason.clone()),
                opinion_votes: c.opinion,
            })
            .collect(),
        list: v.list(),
        list_check: match &v.list_check {
            Ok(c) => ListCheckJson {
                ok: true,
                rule: None,
                problem: None,
                surplus: Some(c.surplus),
                warnings: c.warnings.iter().map(|w| format!("{w:?}")).collect(),
            },
            Err(err) => ListCheckJson {
                ok: false,
                rule: Some(err.rule()),
                problem: Some(err.to_string()),
                surplus: None,
                warnings: Vec::new(),
            },
        },
        rounds: v
            .rounds
            .iter()
            .zip(counts)
            .map(|(r, count)| RoundJson {
                number: r.number,
                seats: r.seats,
                form: BallotForm::for_list(r.list.len(), r.seats).code(),
                list: r.list.clone(),
                ballots_issued: r.issued.as_ref().map(|i| i.ballots),
                session: r.issued.as_ref().map(|i| i.session),
                convened: r.issued.as_ref().map(|i| i.electorate.convened),
                present: r.issued.as_ref().map(|i| i.electorate.present),
                closed: r.closed.is_some(),
                closed_by: r.closed.as_ref().map(|s| s.by.clone()),
                count: count.map(|c| count_json(r.number, c)),
            })
            .collect(),
        decisions: v.decisions.iter().map(decision_json).collect(),
        open_points: v
            .proceedings
            .as_ref()
            .map(|p| p.open_points().iter().map(|(r, p)| point_json(*r, p)).collect())
            .unwrap_or_default(),
        elected: v.proceedings.as_ref().map(|p| p.elected()).unwrap_or_default(),
        staff: v
            .staff
            .iter()
            .map(|s| StaffJson { login: s.login.clone(), name: s.display_name.clone(), duty: s.duty.code() })
            .collect(),
        your_duty: duty.map(Duty::code),
    }
}

/// The flags of a ballot (R-VALID-2, R-VALID-7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FlagJson {
    /// Not issued by the board: no seal, forged (R-VALID-2).
    NotIssued,
    /// A name written in (R-VALID-7).
    WriteIn,
    /// A signature, an identifying mark or added writing (R-VALID-7).
    Marked,
}

pub(crate) fn flags_of(list: &[FlagJson]) -> Flags {
    Flags {
        not_issued: list.contains(&FlagJson::NotIssued),
        write_in: list.contains(&FlagJson::WriteIn),
        marked: list.contains(&FlagJson::Marked),
    }
}

pub(crate) fn flags_json(f: &Flags) -> Vec<FlagJson> {
    let mut out = Vec::new();
    if f.not_issued {
        out.push(FlagJson::NotIssued);
    }
    if f.write_in {
        out.push(FlagJson::WriteIn);
    }
    if f.marked {
        out.push(FlagJson::Marked);
    }
    out
}

/// The marks of what was typed, on the round's form (422 when they do not fit).
pub(crate) fn marks_of(typed: &Typed, form: BallotForm, names: usize) -> ApiResult<Marks> {
    typed.marks(form, names).map_err(|e| ApiError::new(ErrorCode::Unprocessable, e.to_string()))
}
