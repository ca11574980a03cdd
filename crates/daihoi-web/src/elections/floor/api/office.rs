//! The congress office's floor votes through the API: their state, turning
//! them on, PINs, opening, closing, the declaration, one vote's count and
//! who has not voted.

use axum::Json;
use daihoi_congress::agenda::{Declared, ShowOfHandsBody, VoteOn};
use daihoi_core::members::CardNumber;
use daihoi_store::Scoped;
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::elections::floor::votes::NewFloorVote;
use daihoi_store::elections::floor::{FloorVote, Tally};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::super::live;
use crate::api::CodePath;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, ErrorBody, ErrorCode};
use crate::congresses::api::{body_round, query_round};
use crate::orgs::api::find;
use crate::page::today;

/// A vote on the floor with its count.
#[derive(Debug, Serialize, ToSchema)]
pub struct FloorVoteJson {
    pub number: u32,
    /// The body voted on, or…
    #[schema(example = "presidium")]
    pub body: Option<&'static str>,
    /// …the programme item's number.
    pub item: Option<u32>,
    /// A secret opinion ballot (its ballots are anonymous).
    pub secret: bool,
    /// What a secret opinion ballot asks.
    pub question: Option<String>,
    pub open: bool,
    /// The session open when the vote opened.
    pub session: u32,
    /// Those checked in to that session when the vote opened (R-BASE-2).
    pub base: u32,
    pub voted: u32,
    #[serde(rename = "for")]
    pub votes_for: u32,
    pub against: u32,
    pub abstaining: u32,
    /// R-PASS-1: more than half of the base voted for (2·for > base).
    pub majority_for: bool,
    /// The presidium's declaration: `adopted` or `not_adopted`, once made.
    #[schema(example = "adopted")]
    pub declared: Option<&'static str>,
    /// The declaration disagrees with R-PASS-1's majority: a warning.
    pub warning: bool,
    pub opened_by: String,
    pub opened_at: String,
    pub closed_at: Option<String>,
}

pub(crate) fn vote_json(v: &FloorVote, t: &Tally) -> FloorVoteJson {
    let (body, item) = match v.on {
        VoteOn::Body(b) => (Some(b.code()), None),
        VoteOn::Item(n) => (None, Some(n)),
    };
    FloorVoteJson {
        number: v.number,
        body,
        item,
        secret: v.secret,
        question: v.question.clone(),
        open: v.is_open(),
        session: v.session,
        base: t.base,
        voted: t.voted,
        votes_for: t.votes_for,
        against: t.against,
        abstaining: t.abstaining,
        majority_for: t.majority_for(),
        declared: v.declared.map(|d| d.code()),
        warning: v.declared.is_some_and(|d| t.disagrees(d)),
        opened_by: v.opened_by.clone(),
        opened_at: v.opened_at.clone(),
        closed_at: v.closed_at.clone(),
    }
}

/// A congress's floor votes.
#[derive(Debug, Serialize, ToSchema)]
pub struct FloorJson {
    /// The congress's id, in the delegates' page `/floor/{congress}`.
    pub congress: i64,
    /// Whether the congress votes on the floor.
    pub enabled: bool,
    pub votes: Vec<FloorVoteJson>,
}

/// One vote with those of its base who have not voted.
#[derive(Debug, Serialize, ToSchema)]
pub struct FloorVoteDetailJson {
    pub vote: FloorVoteJson,
    /// Card numbers of those who have not voted yet.
    pub waiting: Vec<String>,
}

/// A PIN issued: shown once, never stored as given.
#[derive(Debug, Serialize, ToSchema)]
pub struct PinJson {
    pub card: String,
    pub name: String,
    #[schema(example = "482913")]
    pub pin: String,
}

/// The round of a read.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FloorQuery {
    /// The round (the latest by default).
    pub round: Option<String>,
}

async fn congress(scoped: &Scoped<'_>, code: &str, round: &Round) -> ApiResult<Congress> {
    let node = find(scoped, code, today()).await?;
    scoped.congresses().congress(round, &node, today()).await?.ok_or_else(|| {
        ApiError::new(ErrorCode::Unprocessable, format!("{code} has no congress in round {}", round.code))
    })
}

async fn read(scoped: &Scoped<'_>, code: &str, round: Option<&str>) -> ApiResult<Congress> {
    let node = find(scoped, code, today()).await?;
    let round = query_round(scoped, round).await?;
    scoped
        .congresses()
        .congress(&round, &node, today())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress of {} in {}", node.code, round.code)))
}

/// The congress of an office's write: 403 to others.
async fn office(scoped: &Scoped<'_>, code: &str, round: &str) -> ApiResult<(Round, Congress)> {
    let round = body_round(scoped, round).await?;
    let c = congress(scoped, code, &round).await?;
    if !scoped.floor_votes().may_run(&c) {
        return Err(ApiError::forbidden());
    }
    Ok((round, c))
}

async fn whole(scoped: &Scoped<'_>, c: &Congress) -> ApiResult<Json<FloorJson>> {
    let f = scoped.floor_votes();
    let enabled = f.enabled(c).await?;
    let votes = f.votes(c).await?.iter().map(|(v, t)| vote_json(v, t)).collect();
    Ok(Json(FloorJson { congress: c.id, enabled, votes }))
}

async fn detail(scoped: &Scoped<'_>, c: &Congress, vote: u32) -> ApiResult<Json<FloorVoteDetailJson>> {
    let f = scoped.floor_votes();
    let (v, t) = f.vote(c, vote).await?;
    let waiting = f.waiting(c, vote).await?.into_iter().map(|w| w.card).collect();
    Ok(Json(FloorVoteDetailJson { vote: vote_json(&v, &t), waiting }))
}

/// The congress's floor votes with their counts, for its readers.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/floor",
    tag = "congresses",
    operation_id = "congress_floor",
    params(CodePath, FloorQuery),
    responses(
        (status = 200, description = "The floor votes", body = FloorJson),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today or round; no congress planned", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn show(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<FloorQuery>,
) -> ApiResult<Json<FloorJson>> {
    let scoped = caller.scoped();
    let c = read(&scoped, &code, q.round.as_deref()).await?;
    whole(&scoped, &c).await
}

/// The round of a write: the elections' own (one schema of that name).
pub use crate::elections::api::prepare::RoundBody;

/// Turns floor votes on for the congress (its office), with an audit
/// entry (`floor_enable`); on already, nothing is written.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/floor",
    tag = "congresses",
    operation_id = "enable_congress_floor",
    params(CodePath),
    request_body = RoundBody,
    responses(
        (status = 200, description = "The floor votes", body = FloorJson),
        (status = 400, description = "Not a code; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not run the congress", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "No such round; no congress planned", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn enable(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<RoundBody>,
) -> ApiResult<Json<FloorJson>> {
    let scoped = caller.scoped();
    let (_, c) = office(&scoped, &code, &body.round).await?;
    scoped.floor_votes().enable(&c, &caller.address).await?;
    whole(&scoped, &c).await
}

/// PINs to issue: to everyone convened, or to one card.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PinsBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    /// One card only (absent: everyone convened).
    #[schema(example = "002101")]
    pub card: Option<String>,
}

/// Issues new PINs (the congress's office), each returned once and stored
/// hashed, ending the delegates' passes, with an audit entry
/// (`floor_pins`).
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/floor/pins",
    tag = "congresses",
    operation_id = "issue_congress_floor_pins",
    params(CodePath),
    request_body = PinsBody,
    responses(
        (status = 200, description = "The PINs, once", body = [PinJson]),
        (status = 400, description = "Not a code; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not run the congress", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "No such round or card; no congress planned; floor votes off; not \
                                      convened", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn pins(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<PinsBody>,
) -> ApiResult<Json<Vec<PinJson>>> {
    let scoped = caller.scoped();
    let (round, c) = office(&scoped, &code, &body.round).await?;
    let card = match body.card.as_deref().map(str::trim) {
        None => None,
        Some(t) => Some(
            CardNumber::parse(t)
                .map_err(|_| ApiError::new(ErrorCode::Unprocessable, format!("card: {t:?} is not a card number")))?,
        ),
    };
    let pins = scoped.floor_votes().issue_pins(&round, &c, card.as_ref(), &caller.address).await?;
    Ok(Json(pins.into_iter().map(|p| PinJson { card: p.card, name: p.name, pin: p.pin }).collect()))
}

/// A vote to open: on a body or a programme item (one of the two); a
/// secret opinion ballot asks its question.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(example = "presidium")]
    pub body: Option<String>,
    #[serde(default, deserialize_with = "crate::tasks::api::optional_integer")]
    pub item: Option<u32>,
    #[serde(default)]
    pub secret: bool,
    #[schema(schema_with = crate::congresses::api::optional_line_text_schema)]
    pub question: Option<String>,
}

/// Opens a vote (the congress's office): floor votes on, a session open
/// with people checked in, no other vote open; those checked in now are
/// its base (R-BASE-2). Audit entry `floor_vote_open`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/floor/votes",
    tag = "congresses",
    operation_id = "open_congress_floor_vote",
    params(CodePath),
    request_body = OpenBody,
    responses(
        (status = 200, description = "The vote opened, with those who have not voted", body = FloorVoteDetailJson),
        (status = 400, description = "Not a code; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not run the congress", body = ErrorBody),
        (status = 404, description = "No such organization today or programme item", body = ErrorBody),
        (status = 422, description = "No such round or body; no congress planned; floor votes off; no \
                                      session open; a vote open already; a secret ballot without its \
                                      question (R-BODY-2)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn open(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<OpenBody>,
) -> ApiResult<Json<FloorVoteDetailJson>> {
    let scoped = caller.scoped();
    let (_, c) = office(&scoped, &code, &body.round).await?;
    let on = match (&body.body, body.item) {
        (Some(b), None) => VoteOn::Body(
            ShowOfHandsBody::parse(b.trim())
                .ok_or_else(|| ApiError::new(ErrorCode::Unprocessable, format!("body: no body {b:?}")))?,
        ),
        (None, Some(n)) => VoteOn::Item(n),
        _ => return Err(ApiError::new(ErrorCode::Unprocessable, "give one of body and item")),
    };
    let question = body.question.as_deref().map(str::trim).filter(|q| !q.is_empty()).map(str::to_owned);
    if body.secret && question.is_none() {
        return Err(ApiError::new(ErrorCode::Unprocessable, "question: a secret opinion ballot asks one"));
    }
    let new = NewFloorVote { on, secret: body.secret, question: if body.secret { question } else { None } };
    let v = scoped.floor_votes().open(&c, &new, &caller.address).await?;
    live::phase_moved();
    detail(&scoped, &c, v.number).await
}

/// One vote of the congress with its count and who has not voted, for its
/// readers.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/floor/votes/{vote}",
    tag = "congresses",
    operation_id = "congress_floor_vote",
    params(CodePath, ("vote" = u32, Path, description = "The vote's number"), FloorQuery),
    responses(
        (status = 200, description = "The vote and who has not voted", body = FloorVoteDetailJson),
        (status = 400, description = "Not a code or a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress or vote", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn vote(
    caller: ApiCaller,
    ApiPath((code, vote)): ApiPath<(String, u32)>,
    ApiQuery(q): ApiQuery<FloorQuery>,
) -> ApiResult<Json<FloorVoteDetailJson>> {
    let scoped = caller.scoped();
    let c = read(&scoped, &code, q.round.as_deref()).await?;
    detail(&scoped, &c, vote).await
}

/// Closes a vote (the congress's office), audit entry `floor_vote_close`;
/// closed already, nothing is written.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/floor/votes/{vote}/close",
    tag = "congresses",
    operation_id = "close_congress_floor_vote",
    params(CodePath, ("vote" = u32, Path, description = "The vote's number")),
    request_body = RoundBody,
    responses(
        (status = 200, description = "The vote closed and who did not vote", body = FloorVoteDetailJson),
        (status = 400, description = "Not a code or a number; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not run the congress", body = ErrorBody),
        (status = 404, description = "No such organization today or vote", body = ErrorBody),
        (status = 422, description = "No such round; no congress planned", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn close(
    caller: ApiCaller,
    ApiPath((code, vote)): ApiPath<(String, u32)>,
    ApiJson(body): ApiJson<RoundBody>,
) -> ApiResult<Json<FloorVoteDetailJson>> {
    let scoped = caller.scoped();
    let (_, c) = office(&scoped, &code, &body.round).await?;
    scoped.floor_votes().close(&c, vote, &caller.address).await?;
    live::phase_moved();
    detail(&scoped, &c, vote).await
}

/// The presidium's declaration.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclareBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    /// `adopted` or `not_adopted`.
    #[schema(example = "adopted")]
    pub declared: String,
}

/// Records the presidium's declaration of a closed vote (the congress's
/// office), audit entry `floor_vote_declared`; the answer warns when it
/// disagrees with R-PASS-1 (2·for > base).
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/floor/votes/{vote}/declaration",
    tag = "congresses",
    operation_id = "declare_congress_floor_vote",
    params(CodePath, ("vote" = u32, Path, description = "The vote's number")),
    request_body = DeclareBody,
    responses(
        (status = 200, description = "The vote declared", body = FloorVoteDetailJson),
        (status = 400, description = "Not a code or a number; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not run the congress", body = ErrorBody),
        (status = 404, description = "No such organization today or vote", body = ErrorBody),
        (status = 422, description = "No such round; no congress planned; not a declaration; the vote \
                                      is open (R-BODY-2)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn declare(
    caller: ApiCaller,
    ApiPath((code, vote)): ApiPath<(String, u32)>,
    ApiJson(body): ApiJson<DeclareBody>,
) -> ApiResult<Json<FloorVoteDetailJson>> {
    let scoped = caller.scoped();
    let (_, c) = office(&scoped, &code, &body.round).await?;
    let declared = Declared::parse(body.declared.trim()).ok_or_else(|| {
        ApiError::new(ErrorCode::Unprocessable, format!("declared: {:?} is not adopted or not_adopted", body.declared))
    })?;
    scoped.floor_votes().declare(&c, vote, declared, &caller.address).await?;
    live::phase_moved();
    detail(&scoped, &c, vote).await
}
