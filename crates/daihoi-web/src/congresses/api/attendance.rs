//! `POST /api/v1/orgs/{code}/congress/check-in`, `POST …/congress/sessions`
//! and `GET …/congress/base`: the check-in of a session (issue 15 §7), the
//! next session, and the base of a vote with each subtraction (R-BASE-1,
//! R-BASE-2), as the check-in page shows them, through the same facet.

use axum::Json;
use daihoi_core::members::CardNumber;
use daihoi_store::Scoped;
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::orgs::OrgNode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{body_refusal, body_round, query_round};
use crate::api::CodePath;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, ErrorBody, ErrorCode};
use crate::congresses::check_in::{Unmarkable, not_markable};
use crate::congresses::view::may_plan;
use crate::orgs::api::find;
use crate::page::today;

/// The stored congress, or 422: nothing is planned yet.
async fn planned(scoped: &Scoped<'_>, round: &Round, node: &OrgNode) -> ApiResult<Congress> {
    scoped.congresses().congress(round, node, today()).await?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::Unprocessable,
            format!("{} has no congress planned in round {}", node.code, round.code),
        )
    })
}

/// A card to check in to a session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckInBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(example = 1)]
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    pub session: u32,
    #[schema(example = "002101")]
    pub card: String,
}

/// What a check-in answers the clerk.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckInJson {
    pub card: String,
    pub name: String,
    /// Checked in before (by another clerk, or twice): nothing written.
    pub already: bool,
}

/// Checks a person in to a session by card number (the congress's office):
/// someone not convened is refused with the rule (C-DEL-9 excluded; not on
/// the roll, C-DEL-7); a second check-in writes nothing and says so.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/check-in",
    tag = "congresses",
    operation_id = "check_in_to_congress",
    params(CodePath),
    request_body = CheckInBody,
    responses(
        (status = 200, description = "Checked in, or already", body = CheckInJson),
        (status = 400, description = "Not a code; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan the congress", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "No such round, card or session; no congress planned; not convened \
                                      (C-DEL-7, C-DEL-9: its rule)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn check_in(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<CheckInBody>,
) -> ApiResult<Json<CheckInJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = body_round(&scoped, &body.round).await?;
    if !may_plan(&scoped, &node) {
        return Err(ApiError::forbidden());
    }
    let congress = planned(&scoped, &round, &node).await?;
    let card = CardNumber::parse(body.card.trim())
        .map_err(|_| ApiError::new(ErrorCode::Unprocessable, format!("card: {:?} is not a card number", body.card)))?;
    let done = scoped
        .congresses()
        .check_in(&round, &congress, body.session, &card, &caller.address)
        .await
        .map_err(body_refusal)?;
    Ok(Json(CheckInJson { card: done.card, name: done.name, already: done.already }))
}

/// The next session of a congress.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(schema_with = super::line_text_schema)]
    pub name: String,
    #[schema(format = Date, example = "2025-08-20")]
    pub held_on: String,
}

/// A session opened.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionJson {
    pub number: u32,
}

/// Opens the next session of the congress (its office), with an audit
/// entry (`congress_session`): its number.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/sessions",
    tag = "congresses",
    operation_id = "open_congress_session",
    params(CodePath),
    request_body = SessionBody,
    responses(
        (status = 200, description = "The session's number", body = SessionJson),
        (status = 400, description = "Not a code; a malformed body or date; a refused text (TEXT-1)",
         body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan the congress", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "No such round; no congress planned", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn open_session(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<SessionBody>,
) -> ApiResult<Json<SessionJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = body_round(&scoped, &body.round).await?;
    let held_on = daihoi_core::date::from_iso(body.held_on.trim())
        .ok_or_else(|| ApiError::bad_request(format!("held_on: {:?} is not a date", body.held_on)))?;
    if !may_plan(&scoped, &node) {
        return Err(ApiError::forbidden());
    }
    let congress = planned(&scoped, &round, &node).await?;
    let number = scoped.congresses().open_session(&congress, &body.name, held_on, &caller.address).await?;
    Ok(Json(SessionJson { number }))
}

/// The round and session of a base.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BaseQuery {
    /// The round (the latest by default).
    pub round: Option<String>,
    /// The session of the vote.
    pub session: u32,
}

/// A subtraction of the base and the people in it (card numbers).
#[derive(Debug, Serialize, ToSchema)]
pub struct SubtractionJson {
    #[schema(example = "absent_not_replaced")]
    pub subtraction: &'static str,
    pub count: usize,
    pub persons: Vec<String>,
}

/// The base of a vote (R-BASE-1, R-BASE-2), or the question it waits for.
#[derive(Debug, Serialize, ToSchema)]
pub struct BaseJson {
    #[schema(example = "R-BASE-2")]
    pub rule: &'static str,
    pub convened: u32,
    pub present: u32,
    pub subtractions: Vec<SubtractionJson>,
    pub base: u32,
    /// R-PASS-1: the fewest votes that are more than half of the base.
    pub votes_needed: u32,
    /// When set, the base waits for the answer to this \[open\] question
    /// and the figures are zero.
    pub awaiting: Option<String>,
}

/// The base of a vote taken in a session, with each subtraction and who is
/// in it, for the congress's readers.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/base",
    tag = "congresses",
    operation_id = "congress_vote_base",
    params(CodePath, BaseQuery),
    responses(
        (status = 200, description = "The base", body = BaseJson),
        (status = 400, description = "Not a code; no session number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today, round or session; no congress planned",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn base(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<BaseQuery>,
) -> ApiResult<Json<BaseJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = query_round(&scoped, q.round.as_deref()).await?;
    let congress = scoped
        .congresses()
        .congress(&round, &node, today())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress of {} in {}", node.code, round.code)))?;
    if !scoped.congresses().sessions(&congress).await?.iter().any(|s| s.number == q.session) {
        return Err(ApiError::not_found(format!("no session {}", q.session)));
    }
    Ok(Json(match scoped.congresses().base(&round, &congress, q.session).await? {
        Ok(w) => BaseJson {
            rule: w.electorate.meeting.base_rule(),
            convened: w.electorate.convened,
            present: w.electorate.present,
            subtractions: w
                .subtractions
                .iter()
                .map(|s| SubtractionJson {
                    subtraction: s.subtraction.code(),
                    count: s.persons.len(),
                    persons: s.persons.clone(),
                })
                .collect(),
            base: w.base,
            votes_needed: w.votes_needed,
            awaiting: None,
        },
        Err(a) => BaseJson {
            rule: a.rule(),
            convened: 0,
            present: 0,
            subtractions: Vec::new(),
            base: 0,
            votes_needed: 0,
            awaiting: Some(a.question.code().to_owned()),
        },
    }))
}

/// Why a person is absent from a session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AbsenceBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(example = 1)]
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    pub session: u32,
    #[schema(example = "002102")]
    pub card: String,
    #[schema(schema_with = super::line_text_schema)]
    pub reason: String,
    /// The convening committee accepted the reason (R-BASE-1).
    #[serde(default)]
    pub accepted: bool,
}

/// An absence recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct AbsenceJson {
    pub card: String,
    pub session: u32,
    pub accepted: bool,
}

/// Records why a person is absent from a session and whether the
/// convening committee accepted it (the congress's office), with an audit
/// entry; refused for someone checked in (R-BASE-1).
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/absences",
    tag = "congresses",
    operation_id = "record_congress_absence",
    params(CodePath),
    request_body = AbsenceBody,
    responses(
        (status = 200, description = "Recorded", body = AbsenceJson),
        (status = 400, description = "Not a code; a malformed body; a refused text (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan the congress", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "No such round, card or session; no congress planned; checked in \
                                      (R-BASE-1)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn record_absence(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<AbsenceBody>,
) -> ApiResult<Json<AbsenceJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = body_round(&scoped, &body.round).await?;
    if !may_plan(&scoped, &node) {
        return Err(ApiError::forbidden());
    }
    let congress = planned(&scoped, &round, &node).await?;
    let card = CardNumber::parse(body.card.trim())
        .map_err(|_| ApiError::new(ErrorCode::Unprocessable, format!("card: {:?} is not a card number", body.card)))?;
    if let Some((what, rule)) = not_markable(&scoped, &round, &congress, body.session, &card).await? {
        let message = match what {
            Unmarkable::Session => format!("no session {}", body.session),
            Unmarkable::NotOnRoll => format!("{card} is not on the roll"),
        };
        let e = ApiError::new(ErrorCode::Unprocessable, message);
        return Err(if rule.is_empty() { e } else { ApiError { rule: Some(rule), ..e } });
    }
    let reason = daihoi_congress::AbsenceReason { reason: body.reason, accepted: body.accepted };
    scoped
        .congresses()
        .record_absence(&round, &congress, body.session, &card, &reason, &caller.address)
        .await
        .map_err(body_refusal)?;
    Ok(Json(AbsenceJson { card: card.to_string(), session: body.session, accepted: reason.accepted }))
}

/// A line of a roll.
#[derive(Debug, Serialize, ToSchema)]
pub struct RollLineJson {
    pub card: String,
    pub name: String,
    /// `member`, `ex_officio`, `elected`, `designated` or `alternate`.
    #[schema(example = "elected")]
    pub seat: &'static str,
    /// The organization that elected the delegate.
    pub elected_by: Option<String>,
    /// The decision that designated the delegate (C-DEL-8).
    pub decision: Option<String>,
    /// An alternate's rank (C-DEL-10).
    pub rank: Option<u32>,
    /// `convened`, `not_convened` or `awaiting`.
    #[schema(example = "convened")]
    pub status: &'static str,
    /// C-DEL-9's case, when not convened.
    pub case: Option<&'static str>,
    #[schema(format = Date)]
    pub effective: Option<String>,
    pub reference: Option<String>,
    /// The \[open\] question the line waits for.
    pub awaiting: Option<&'static str>,
}

/// A band of the credentials figures and its count.
#[derive(Debug, Serialize, ToSchema)]
pub struct BandJson {
    pub from: u32,
    /// `null`: and more.
    pub to: Option<u32>,
    pub count: u32,
}

/// The credentials committee's figures.
#[derive(Debug, Serialize, ToSchema)]
pub struct CredentialsJson {
    pub ex_officio: u32,
    pub elected: u32,
    pub designated: u32,
    pub members: u32,
    pub alternates: u32,
    pub convened: u32,
    pub not_convened: u32,
    pub women: u32,
    pub ethnic_minorities: u32,
    pub ages: Vec<BandJson>,
    pub seniority: Vec<BandJson>,
    pub undescribed: u32,
}

/// A congress's roll with its figures.
#[derive(Debug, Serialize, ToSchema)]
pub struct RollJson {
    pub lines: Vec<RollLineJson>,
    pub credentials: CredentialsJson,
}

fn bands(bands: &[(u32, u32)], counts: &[u32]) -> Vec<BandJson> {
    bands
        .iter()
        .zip(counts)
        .map(|((from, to), count)| BandJson { from: *from, to: (*to != u32::MAX).then_some(*to), count: *count })
        .collect()
}

/// The roll of the organization's congress in a round (the latest by
/// default) on its opening day (C-DEL-7, C-DEL-9, C-DEL-10), with the
/// credentials committee's figures, for its readers.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/roll",
    tag = "congresses",
    operation_id = "congress_roll",
    params(CodePath, super::campaign::RoundQuery),
    responses(
        (status = 200, description = "The roll", body = RollJson),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today or round; no congress planned", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn roll(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<super::campaign::RoundQuery>,
) -> ApiResult<Json<RollJson>> {
    use daihoi_congress::{Seat, Status};
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = query_round(&scoped, q.round.as_deref()).await?;
    let congress = scoped
        .congresses()
        .congress(&round, &node, today())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress of {} in {}", node.code, round.code)))?;
    let (roll, f) = scoped.congresses().credentials(&round, &congress).await?;
    let lines = roll
        .roll
        .lines
        .iter()
        .map(|l| {
            let (elected_by, decision, rank) = match &l.entry.seat {
                Seat::Elected { by } => (Some(by.clone()), None, None),
                Seat::Designated { decision } => (None, Some(decision.clone()), None),
                Seat::Alternate { rank } => (None, None, Some(*rank)),
                _ => (None, None, None),
            };
            let (status, exclusion, awaiting) = match &l.status {
                Status::Convened => ("convened", None, None),
                Status::NotConvened(e) => ("not_convened", Some(e), None),
                Status::Awaiting(a) => ("awaiting", None, Some(a.question.code())),
            };
            RollLineJson {
                card: l.entry.person.clone(),
                name: roll.names.get(&l.entry.person).cloned().unwrap_or_default(),
                seat: l.entry.seat.code(),
                elected_by,
                decision,
                rank,
                status,
                case: exclusion.map(|e| e.case.code()),
                effective: exclusion.map(|e| crate::api::date_text(e.effective)),
                reference: exclusion.map(|e| e.reference.clone()),
                awaiting,
            }
        })
        .collect();
    let credentials = CredentialsJson {
        ex_officio: f.ex_officio,
        elected: f.elected,
        designated: f.designated,
        members: f.members,
        alternates: f.alternates,
        convened: f.convened,
        not_convened: u32::try_from(f.not_convened.len()).unwrap_or(u32::MAX),
        women: f.women,
        ethnic_minorities: f.ethnic_minorities,
        ages: bands(&daihoi_congress::credentials::AGE_BANDS, &f.ages),
        seniority: bands(&daihoi_congress::credentials::SENIORITY_BANDS, &f.seniority),
        undescribed: f.undescribed,
    };
    Ok(Json(RollJson { lines, credentials }))
}

/// A delegate to enter on the roll: `elected` (with `elected_by`),
/// `designated` (with `decision`) or `alternate` (with `rank`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DelegateBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(example = "002104")]
    pub card: String,
    #[schema(example = "elected")]
    pub seat: String,
    #[serde(default)]
    #[schema(example = "QN.DH.QT.CB01")]
    pub elected_by: Option<String>,
    #[serde(default)]
    #[schema(schema_with = super::optional_line_text_schema)]
    pub decision: Option<String>,
    #[serde(default, deserialize_with = "crate::tasks::api::optional_integer")]
    pub rank: Option<u32>,
}

/// What was entered on the roll.
#[derive(Debug, Serialize, ToSchema)]
pub struct Entered {
    pub card: String,
}

/// Enters a delegate on the roll of the organization's delegate congress
/// (its office), with an audit entry: elected by an organization below
/// (C-DEL-2), designated with its decision (C-DEL-8), an alternate with a
/// rank of its own (C-DEL-10); a person is on the roll once.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/delegates",
    tag = "congresses",
    operation_id = "add_congress_delegate",
    params(CodePath),
    request_body = DelegateBody,
    responses(
        (status = 200, description = "Entered", body = Entered),
        (status = 400, description = "Not a code; a malformed body; a refused text (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan the congress", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "No such round, card or organization; no congress planned; a seat without \
                                      its organization, decision or rank; a refusal of C-DEL-2, C-DEL-7, C-DEL-9 \
                                      or C-DEL-10 (its rule)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn add_delegate(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<DelegateBody>,
) -> ApiResult<Json<Entered>> {
    use daihoi_congress::Seat;
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = body_round(&scoped, &body.round).await?;
    if !may_plan(&scoped, &node) {
        return Err(ApiError::forbidden());
    }
    let congress = planned(&scoped, &round, &node).await?;
    let unprocessable = |m: &str| ApiError::new(ErrorCode::Unprocessable, m.to_owned());
    let seat = match body.seat.as_str() {
        "elected" => Seat::Elected { by: body.elected_by.clone().ok_or_else(|| unprocessable("elected_by: missing"))? },
        "designated" => {
            Seat::Designated { decision: body.decision.clone().ok_or_else(|| unprocessable("decision: missing"))? }
        }
        "alternate" => Seat::Alternate { rank: body.rank.ok_or_else(|| unprocessable("rank: missing"))? },
        other => return Err(unprocessable(&format!("seat: {other:?} is not elected, designated or alternate"))),
    };
    let card = CardNumber::parse(body.card.trim())
        .map_err(|_| ApiError::new(ErrorCode::Unprocessable, format!("card: {:?} is not a card number", body.card)))?;
    let new = daihoi_store::congresses::roll::NewDelegate { card: &card, seat };
    scoped.congresses().add_delegate(&congress, &new, &caller.address).await.map_err(body_refusal)?;
    Ok(Json(Entered { card: card.to_string() }))
}

/// A case of C-DEL-9 against a person.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExclusionBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(example = "002109")]
    pub card: String,
    /// `suspended`, `prosecuted`, `indicted`, `elected_against_rules`,
    /// `retiring` or `transferred_out`.
    #[schema(example = "prosecuted")]
    pub case: String,
    #[schema(format = Date, example = "2025-08-01")]
    pub effective: String,
    #[schema(schema_with = super::line_text_schema)]
    pub reference: String,
}

/// Records a case of C-DEL-9 against a person on the roll (or on the
/// convening committee), with the day it takes effect and its document
/// (the congress's office), with an audit entry.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/exclusions",
    tag = "congresses",
    operation_id = "record_congress_exclusion",
    params(CodePath),
    request_body = ExclusionBody,
    responses(
        (status = 200, description = "Recorded", body = Entered),
        (status = 400, description = "Not a code; a malformed body or date; a refused text (TEXT-1)",
         body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan the congress", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "No such round, card or case; no congress planned", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn record_exclusion(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<ExclusionBody>,
) -> ApiResult<Json<Entered>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = body_round(&scoped, &body.round).await?;
    let effective = daihoi_core::date::from_iso(body.effective.trim())
        .ok_or_else(|| ApiError::bad_request(format!("effective: {:?} is not a date", body.effective)))?;
    if !may_plan(&scoped, &node) {
        return Err(ApiError::forbidden());
    }
    let congress = planned(&scoped, &round, &node).await?;
    let case = daihoi_store::congresses::roll::parse_exclusion(&body.case)
        .ok_or_else(|| ApiError::new(ErrorCode::Unprocessable, format!("case: {:?}", body.case)))?;
    let card = CardNumber::parse(body.card.trim())
        .map_err(|_| ApiError::new(ErrorCode::Unprocessable, format!("card: {:?} is not a card number", body.card)))?;
    let fact = daihoi_congress::ExclusionFact { person: card.to_string(), case, effective, reference: body.reference };
    scoped.congresses().record_exclusion(&congress, &fact, &caller.address).await.map_err(body_refusal)?;
    Ok(Json(Entered { card: card.to_string() }))
}

/// A seat held on a committee today.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommitteeSeatJson {
    pub card: String,
    pub name: String,
    #[schema(example = "secretary")]
    pub position: &'static str,
    #[schema(format = Date)]
    pub from: String,
    /// `appointment` or `election`.
    #[schema(example = "election")]
    pub source: &'static str,
    pub reference: String,
}

/// The committee of an organization today (its convening committee,
/// C-DEL-7), by position from the secretary down, for its readers.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/committee",
    tag = "congresses",
    operation_id = "org_committee",
    params(CodePath),
    responses(
        (status = 200, description = "The seats held today", body = Vec<CommitteeSeatJson>),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn committee(caller: ApiCaller, ApiPath(code): ApiPath<String>) -> ApiResult<Json<Vec<CommitteeSeatJson>>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let seats = scoped.congresses().committee(&node, today()).await?;
    Ok(Json(
        seats
            .iter()
            .map(|s| CommitteeSeatJson {
                card: s.seat.person.clone(),
                name: s.name.clone(),
                position: s.seat.position.code(),
                from: crate::api::date_text(s.seat.from),
                source: s.seat.source.code(),
                reference: s.seat.reference.clone(),
            })
            .collect(),
    ))
}

/// C-DEL-10: an alternate in place of an official delegate absent from
/// every session so far, as the presidium decided.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplacementBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    /// The official delegate absent throughout.
    #[schema(example = "002105")]
    pub absent: String,
    /// The alternate who takes the seat.
    #[schema(example = "002108")]
    pub alternate: String,
    /// Who decided (the presidium).
    #[schema(schema_with = super::line_text_schema)]
    pub decided_by: String,
    /// The minutes or decision.
    #[schema(schema_with = super::line_text_schema)]
    pub reference: String,
}

/// A replacement recorded (C-DEL-10).
#[derive(Debug, Serialize, ToSchema)]
pub struct ReplacementJson {
    pub absent: String,
    pub alternate: String,
    pub decided_by: String,
    pub reference: String,
}

/// The replacements of absent delegates by alternates recorded for a
/// congress (C-DEL-10), for the organization's readers.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/replacements",
    tag = "congresses",
    operation_id = "congress_replacements",
    params(CodePath, super::campaign::RoundQuery),
    responses(
        (status = 200, description = "The replacements, in the order recorded", body = Vec<ReplacementJson>),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today; no such round; no congress planned",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn replacements(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<super::campaign::RoundQuery>,
) -> ApiResult<Json<Vec<ReplacementJson>>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = query_round(&scoped, q.round.as_deref()).await?;
    let congress = scoped
        .congresses()
        .congress(&round, &node, today())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress of {} in {}", node.code, round.code)))?;
    let recorded = scoped.congresses().replacements(&congress).await?;
    Ok(Json(
        recorded
            .into_iter()
            .map(|r| ReplacementJson {
                absent: r.absent,
                alternate: r.alternate,
                decided_by: r.decided_by,
                reference: r.reference,
            })
            .collect(),
    ))
}

/// Records that an alternate replaces an official delegate absent from
/// every session so far (C-DEL-10, R-BASE-2), as the presidium decided,
/// with an audit entry (`roll_replacement`), by the congress's office. The
/// order is the round's [open] answer: by rank, only the next alternate;
/// unanswered, refused (awaiting a decision), never guessed.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/replacements",
    tag = "congresses",
    operation_id = "record_congress_replacement",
    params(CodePath),
    request_body = ReplacementBody,
    responses(
        (status = 200, description = "Recorded", body = ReplacementJson),
        (status = 400, description = "Not a code; a malformed body; a refused text (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan the congress", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "No such round or card; no congress planned; a refusal of C-DEL-10 or \
                                      R-BASE-2 (its rule): no session yet, the order awaiting a decision, not \
                                      the next alternate by rank, a delegate present in a session, a \
                                      replacement given twice", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn replace(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<ReplacementBody>,
) -> ApiResult<Json<ReplacementJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = body_round(&scoped, &body.round).await?;
    if !may_plan(&scoped, &node) {
        return Err(ApiError::forbidden());
    }
    let congress = planned(&scoped, &round, &node).await?;
    let card = |field: &str, text: &str| {
        CardNumber::parse(text.trim())
            .map_err(|_| ApiError::new(ErrorCode::Unprocessable, format!("{field}: {text:?} is not a card number")))
    };
    let (absent, alternate) = (card("absent", &body.absent)?, card("alternate", &body.alternate)?);
    scoped
        .congresses()
        .replace(&round, &congress, &absent, &alternate, &body.decided_by, &body.reference, &caller.address)
        .await
        .map_err(body_refusal)?;
    Ok(Json(ReplacementJson {
        absent: absent.to_string(),
        alternate: alternate.to_string(),
        decided_by: body.decided_by.trim().to_owned(),
        reference: body.reference.trim().to_owned(),
    }))
}
