//! The elections of a congress and their preparation: created with the
//! number to elect, the list built (R-LIST-5 floor nominations, R-LIST-7
//! withdrawals) and adopted (R-LIST-1…4, R-LIST-8), the board's accounts,
//! the ballots of a round issued (R-BASE-1/2), the congress's decisions
//! (R-RANK-2/3, R-DELEG-1). Reads for the congress's readers and the
//! election's board; writes by the congress's office.

use axum::Json;
use daihoi_core::members::CardNumber;
use daihoi_election::{Body, PointKind};
use daihoi_store::elections::{Duty, FloorVote, NewAction, NewDecision};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ElectionJson, election_json, staffed};
use crate::api::CodePath;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, ErrorBody, ErrorCode};
use crate::congresses::api::{body_round, query_round};
use crate::orgs::api::find;
use crate::page::today;

/// The congress's round of a read.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoundQuery {
    /// The round of congresses (the latest by default).
    pub round: Option<String>,
}

/// An election in a congress's list of elections.
#[derive(Debug, Serialize, ToSchema)]
pub struct ElectionSummary {
    pub number: u32,
    #[schema(example = "committee")]
    pub body: &'static str,
    pub title: String,
    pub seats: u32,
    pub adopted: bool,
}

/// A congress's elections.
#[derive(Debug, Serialize, ToSchema)]
pub struct ElectionsJson {
    pub elections: Vec<ElectionSummary>,
}

/// The elections of the congress, for its readers.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/elections",
    tag = "elections",
    operation_id = "congress_elections",
    params(CodePath, RoundQuery),
    responses(
        (status = 200, description = "The congress's elections", body = ElectionsJson),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today or round; no congress planned", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn list(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> ApiResult<Json<ElectionsJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = query_round(&scoped, q.round.as_deref()).await?;
    let congress = scoped
        .congresses()
        .congress(&round, &node, today())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress of {} in {}", node.code, round.code)))?;
    let elections = scoped.elections().list(&congress).await?;
    Ok(Json(ElectionsJson {
        elections: elections
            .iter()
            .map(|e| ElectionSummary {
                number: e.number,
                body: e.body.code(),
                title: e.title.clone(),
                seats: e.seats,
                adopted: e.adopted.is_some(),
            })
            .collect(),
    }))
}

/// An election to create.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    /// What it fills (R-BODY-1).
    #[schema(example = "committee")]
    pub body: BodyCode,
    /// The number to elect (R-BODY-2; allotted for delegates, R-DELEG-1).
    #[schema(example = 9, minimum = 1, maximum = 999)]
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    pub seats: u32,
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub title: String,
}

/// What an election fills (R-BODY-1).
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BodyCode {
    Committee,
    StandingCommittee,
    Secretary,
    DeputySecretary,
    InspectionCommission,
    InspectionChair,
    InspectionViceChair,
    Delegates,
    Alternates,
}

impl From<BodyCode> for Body {
    fn from(b: BodyCode) -> Body {
        match b {
            BodyCode::Committee => Body::Committee,
            BodyCode::StandingCommittee => Body::StandingCommittee,
            BodyCode::Secretary => Body::Secretary,
            BodyCode::DeputySecretary => Body::DeputySecretary,
            BodyCode::InspectionCommission => Body::InspectionCommission,
            BodyCode::InspectionChair => Body::InspectionChair,
            BodyCode::InspectionViceChair => Body::InspectionViceChair,
            BodyCode::Delegates => Body::Delegates,
            BodyCode::Alternates => Body::Alternates,
        }
    }
}

/// Creates an election of the congress (the congress's office), with an
/// audit entry (`election_created`): the election.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/elections",
    tag = "elections",
    operation_id = "create_election",
    params(CodePath),
    request_body = CreateBody,
    responses(
        (status = 200, description = "The election", body = ElectionJson),
        (status = 400, description = "Not a code; a malformed body; a refused title (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not prepare the congress", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "No such round; no congress planned; a number to elect out of 1…999", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn create(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<CreateBody>,
) -> ApiResult<Json<ElectionJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = body_round(&scoped, &body.round).await?;
    let congress = scoped.congresses().congress(&round, &node, today()).await?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::Unprocessable,
            format!("{} has no congress planned in round {}", node.code, round.code),
        )
    })?;
    let n = scoped.elections().create(&congress, body.body.into(), body.seats, &body.title, &caller.address).await?;
    show_one(&caller, &code, Some(&body.round), true, n).await
}

pub(crate) async fn show_one(
    caller: &ApiCaller,
    code: &str,
    round: Option<&str>,
    in_body: bool,
    n: u32,
) -> ApiResult<Json<ElectionJson>> {
    let scoped = caller.scoped();
    let (_, congress, _, duty) = staffed(&scoped, code, round, in_body, n).await?;
    let view = scoped.elections().view(&congress, n).await?;
    let view = view.ok_or_else(|| ApiError::not_found(format!("no election {n}")))?;
    Ok(Json(election_json(&view, duty)))
}

/// An election's path: the organization and the election's number (in
/// the document: [`CodePath`]'s code and `election`).
#[derive(Debug, Deserialize)]
pub struct ElectionPath {
    /// The organization's code.
    pub code: String,
    /// The election's number within the congress.
    pub election: u32,
}

/// An election: its list and check, its rounds with their counts once
/// closed, the decisions and what is still to decide, its board. For the
/// congress's readers and the election's board.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/elections/{election}",
    tag = "elections",
    operation_id = "congress_election",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress"), RoundQuery),
    responses(
        (status = 200, description = "The election", body = ElectionJson),
        (status = 400, description = "Not a code or a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller neither reads the organization nor is on the board", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress or election", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn show(
    caller: ApiCaller,
    ApiPath(ElectionPath { code, election: n }): ApiPath<ElectionPath>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> ApiResult<Json<ElectionJson>> {
    show_one(&caller, &code, q.round.as_deref(), false, n).await
}

/// A name for the list.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CandidateBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub name: String,
    /// The member's card number, when the name is a member's.
    #[schema(example = "002101", pattern = r"^[0-9]{1,12}$")]
    pub card: Option<String>,
    /// R-LIST-5, for a name nominated at the congress: the agreements and
    /// those attending at the congress's vote (both or neither).
    #[schema(minimum = 0, maximum = 100000)]
    #[serde(default, deserialize_with = "crate::tasks::api::optional_integer")]
    pub floor_agree: Option<u32>,
    #[schema(minimum = 1, maximum = 100000)]
    #[serde(default, deserialize_with = "crate::tasks::api::optional_integer")]
    pub floor_attending: Option<u32>,
}

/// Adds a name to the list before it is adopted (the congress's office):
/// from the convening committee's list, or nominated at the congress with
/// the congress's vote on it (R-LIST-5: on the list only with more than
/// 30% of those attending; recorded either way). Audit entry
/// `election_candidate`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/candidates",
    tag = "elections",
    operation_id = "add_election_candidate",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress")),
    request_body = CandidateBody,
    responses(
        (status = 200, description = "The election", body = ElectionJson),
        (status = 400, description = "Not a code or a number; a malformed body; a refused name (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not prepare the congress", body = ErrorBody),
        (status = 404, description = "No such organization today, congress or election", body = ErrorBody),
        (status = 422, description = "No such round or member; the list is adopted; a name twice (R-BALLOT-1); \
            a floor vote that cannot be (R-LIST-5)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn add_candidate(
    caller: ApiCaller,
    ApiPath(ElectionPath { code, election: n }): ApiPath<ElectionPath>,
    ApiJson(body): ApiJson<CandidateBody>,
) -> ApiResult<Json<ElectionJson>> {
    let scoped = caller.scoped();
    let (_, congress, _, _) = staffed(&scoped, &code, Some(&body.round), true, n).await?;
    // As its schema says: absent or null is none; a card is its digits
    // only (a blank is not a card, found by schemathesis).
    let card = match body.card.as_deref() {
        Some(c) => {
            let digits = !c.is_empty() && c.len() <= 12 && c.bytes().all(|b| b.is_ascii_digit());
            let parsed = CardNumber::parse(c).ok().filter(|_| digits);
            Some(parsed.ok_or_else(|| {
                ApiError::new(ErrorCode::Unprocessable, format!("card: {c:?} is not a card number (1 to 12 digits)"))
            })?)
        }
        None => None,
    };
    let floor = match (body.floor_agree, body.floor_attending) {
        (Some(agree), Some(attending)) => Some(FloorVote { agree, attending }),
        (None, None) => None,
        _ => {
            return Err(ApiError::new(
                ErrorCode::Unprocessable,
                "floor_agree and floor_attending: give both (a floor nomination, R-LIST-5) or neither",
            ));
        }
    };
    scoped
        .elections()
        .add_candidate(&congress, n, &body.name, card.as_ref(), floor, &caller.address)
        .await
        .map_err(crate::congresses::api::body_refusal)?;
    show_one(&caller, &code, Some(&body.round), true, n).await
}

/// A withdrawal decided by the congress (R-LIST-7).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawalBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    /// The candidate's position in the order entered.
    #[schema(minimum = 1, maximum = 1000)]
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    pub position: u32,
    /// Who decided (the congress by show of hands, the presidium).
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub decided_by: String,
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub reason: String,
}

/// Records the congress's decision that a name withdraws from the list
/// before it is adopted (R-LIST-7: nobody withdraws on their own), with an
/// audit entry (`election_withdrawal`).
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/withdrawals",
    tag = "elections",
    operation_id = "withdraw_election_candidate",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress")),
    request_body = WithdrawalBody,
    responses(
        (status = 200, description = "The election", body = ElectionJson),
        (status = 400, description = "Not a code or a number; a malformed body; a refused text (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not prepare the congress", body = ErrorBody),
        (status = 404, description = "No such organization today, congress or election", body = ErrorBody),
        (status = 422, description = "No such round or candidate; the list is adopted", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn withdraw(
    caller: ApiCaller,
    ApiPath(ElectionPath { code, election: n }): ApiPath<ElectionPath>,
    ApiJson(body): ApiJson<WithdrawalBody>,
) -> ApiResult<Json<ElectionJson>> {
    let scoped = caller.scoped();
    let (_, congress, _, _) = staffed(&scoped, &code, Some(&body.round), true, n).await?;
    scoped
        .elections()
        .withdraw(&congress, n, body.position, &body.decided_by, &body.reason, &caller.address)
        .await
        .map_err(crate::congresses::api::body_refusal)?;
    show_one(&caller, &code, Some(&body.round), true, n).await
}

/// A floor nominee's votes in the congress's opinion ballot (R-LIST-6).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpinionVote {
    /// The candidate's position in the order entered.
    #[schema(minimum = 1, maximum = 1000)]
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    pub position: u32,
    #[schema(minimum = 0, maximum = 100000)]
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    pub votes: u32,
}

/// The opinion ballot on the people added at the congress (R-LIST-6).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpinionBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(min_items = 1, max_items = 1000)]
    pub votes: Vec<OpinionVote>,
}

/// Records the congress's opinion ballot on the people added at the
/// congress (R-LIST-6): each admitted floor nominee's votes (at most those
/// attending at the nomination). When those added make the list longer
/// than its cap (R-LIST-1, R-LIST-2), the list keeps them from the most
/// votes down until it is within the cap; a tie at the cut is left to the
/// congress (the list check says so, and adoption is refused until it
/// decides). Before the list is adopted; audited (`election_opinion`).
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/opinion",
    tag = "elections",
    operation_id = "record_election_opinion",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress")),
    request_body = OpinionBody,
    responses(
        (status = 200, description = "The election", body = ElectionJson),
        (status = 400, description = "Not a code or a number; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not prepare the congress", body = ErrorBody),
        (status = 404, description = "No such organization today, congress or election", body = ErrorBody),
        (status = 422, description = "No such round or candidate; not an admitted floor nominee; more votes than \
          attending; a candidate twice; the list is adopted", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn opinion(
    caller: ApiCaller,
    ApiPath(ElectionPath { code, election: n }): ApiPath<ElectionPath>,
    ApiJson(body): ApiJson<OpinionBody>,
) -> ApiResult<Json<ElectionJson>> {
    if body.votes.is_empty() || body.votes.len() > 1000 {
        return Err(ApiError::bad_request("votes: 1 to 1,000 candidates"));
    }
    let scoped = caller.scoped();
    let (_, congress, _, _) = staffed(&scoped, &code, Some(&body.round), true, n).await?;
    let votes: Vec<(u32, u32)> = body.votes.iter().map(|v| (v.position, v.votes)).collect();
    scoped
        .elections()
        .record_opinion(&congress, n, &votes, &caller.address)
        .await
        .map_err(crate::congresses::api::body_refusal)?;
    show_one(&caller, &code, Some(&body.round), true, n).await
}

/// The congress's round of a write that takes nothing else.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundBody {
    #[schema(example = "2025-2030")]
    pub round: String,
}

/// Records the list adopted by show of hands (R-BODY-2): checked (R-LIST-1
/// …4), put in ballot order (R-LIST-8) as the first round's list, with an
/// audit entry (`election_list_adopted`).
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/adoption",
    tag = "elections",
    operation_id = "adopt_election_list",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress")),
    request_body = RoundBody,
    responses(
        (status = 200, description = "The election", body = ElectionJson),
        (status = 400, description = "Not a code or a number; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not prepare the congress", body = ErrorBody),
        (status = 404, description = "No such organization today, congress or election", body = ErrorBody),
        (status = 422, description = "No such round; the list is refused (R-LIST-1, R-LIST-2) or already adopted", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn adopt(
    caller: ApiCaller,
    ApiPath(ElectionPath { code, election: n }): ApiPath<ElectionPath>,
    ApiJson(body): ApiJson<RoundBody>,
) -> ApiResult<Json<ElectionJson>> {
    let scoped = caller.scoped();
    let (_, congress, _, _) = staffed(&scoped, &code, Some(&body.round), true, n).await?;
    scoped.elections().adopt_list(&congress, n, &caller.address).await?;
    show_one(&caller, &code, Some(&body.round), true, n).await
}

/// An account for the board.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(example = "nhap.1", pattern = r"^[a-z0-9][a-z0-9._-]{0,63}$")]
    pub login: String,
    /// `entry_1` or `entry_2` (a clerk's entry), or `board`.
    #[schema(example = "entry_1")]
    pub duty: DutyCode,
}

/// A duty on the board.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DutyCode {
    #[serde(rename = "entry_1")]
    Entry1,
    #[serde(rename = "entry_2")]
    Entry2,
    Board,
}

/// Puts an account on the election's board with its duty (the congress's
/// office), with an audit entry (`election_staff`).
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/staff",
    tag = "elections",
    operation_id = "assign_election_staff",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress")),
    request_body = StaffBody,
    responses(
        (status = 200, description = "The election", body = ElectionJson),
        (status = 400, description = "Not a code or a number; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not prepare the congress", body = ErrorBody),
        (status = 404, description = "No such organization today, congress or election", body = ErrorBody),
        (status = 422, description = "No such round or account", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn assign(
    caller: ApiCaller,
    ApiPath(ElectionPath { code, election: n }): ApiPath<ElectionPath>,
    ApiJson(body): ApiJson<StaffBody>,
) -> ApiResult<Json<ElectionJson>> {
    let scoped = caller.scoped();
    let (_, congress, _, _) = staffed(&scoped, &code, Some(&body.round), true, n).await?;
    let duty = match body.duty {
        DutyCode::Entry1 => Duty::Entry1,
        DutyCode::Entry2 => Duty::Entry2,
        DutyCode::Board => Duty::Board,
    };
    scoped
        .elections()
        .assign(&congress, n, body.login.trim(), duty, &caller.address)
        .await
        .map_err(crate::congresses::api::body_refusal)?;
    show_one(&caller, &code, Some(&body.round), true, n).await
}

/// The ballots of the round waiting for them, handed out.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    /// How many ballots were issued (at most those present).
    #[schema(example = 35, minimum = 0, maximum = 100000)]
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    pub ballots: u32,
    /// The congress's session whose attendance gives those present.
    #[schema(example = 1, minimum = 1, maximum = 1000)]
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    pub session: u32,
}

/// Records the ballots of the round waiting for them handed out (the
/// congress's office): the electorate is frozen from the session's
/// attendance (R-BASE-1, R-BASE-2), the same base in every round. Audit
/// entry `election_ballots_issued`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/ballots-issued",
    tag = "elections",
    operation_id = "issue_election_ballots",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress")),
    request_body = IssueBody,
    responses(
        (status = 200, description = "The election", body = ElectionJson),
        (status = 400, description = "Not a code or a number; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not prepare the congress", body = ErrorBody),
        (status = 404, description = "No such organization today, congress or election", body = ErrorBody),
        (status = 422, description = "No such round or session; no round waits for ballots; more ballots than \
            present; a base awaiting a decision", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn issue(
    caller: ApiCaller,
    ApiPath(ElectionPath { code, election: n }): ApiPath<ElectionPath>,
    ApiJson(body): ApiJson<IssueBody>,
) -> ApiResult<Json<ElectionJson>> {
    let scoped = caller.scoped();
    let (round, congress, _, _) = staffed(&scoped, &code, Some(&body.round), true, n).await?;
    scoped
        .elections()
        .issue_ballots(&round, &congress, n, body.ballots, body.session, &caller.address)
        .await
        .map_err(crate::congresses::api::body_refusal)?;
    show_one(&caller, &code, Some(&body.round), true, n).await
}

/// A decision of the congress on a decision point.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    /// The round of voting whose decision point it answers.
    #[schema(minimum = 1, maximum = 1000)]
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    pub on_round: u32,
    /// `tie_at_cutoff`, `seats_unfilled` or `tie_in_order`.
    pub point: PointCode,
    /// `further_round`, `no_further_round` or `order`.
    pub action: ActionCode,
    /// A further round: the seats it fills.
    #[schema(minimum = 1, maximum = 999)]
    #[serde(default, deserialize_with = "crate::tasks::api::optional_integer")]
    pub seats: Option<u32>,
    /// A further round's list in ballot order, or the alternates' order.
    #[serde(default)]
    #[schema(max_items = 1000, schema_with = names_schema)]
    pub names: Vec<String>,
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub decided_by: String,
    /// When it was decided, as the minutes say it (`20/6/2025 16:00`).
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub at: String,
    #[schema(schema_with = crate::congresses::api::optional_line_text_schema)]
    pub reason: Option<String>,
}

fn names_schema() -> utoipa::openapi::Array {
    utoipa::openapi::ArrayBuilder::new().items(crate::congresses::api::line_text_schema()).max_items(Some(1000)).build()
}

/// A decision point's kind.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PointCode {
    TieAtCutoff,
    SeatsUnfilled,
    TieInOrder,
}

/// What the congress decided.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActionCode {
    FurtherRound,
    NoFurtherRound,
    Order,
}

/// Records the congress's decision on an open decision point (the
/// congress's office records what the presidium or the congress decided:
/// who, when, why); a further round becomes the round waiting for its
/// ballots, with its list. Refused when it does not answer an open point
/// or does not fit it (the tally format's `[[decisions]]` rules). Audit
/// entry `election_decision`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/decisions",
    tag = "elections",
    operation_id = "decide_election_point",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress")),
    request_body = DecisionBody,
    responses(
        (status = 200, description = "The election", body = ElectionJson),
        (status = 400, description = "Not a code or a number; a malformed body; a refused text (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not prepare the congress", body = ErrorBody),
        (status = 404, description = "No such organization today, congress or election", body = ErrorBody),
        (status = 422, description = "No such round; the decision answers no open point or does not fit it", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn decide(
    caller: ApiCaller,
    ApiPath(ElectionPath { code, election: n }): ApiPath<ElectionPath>,
    ApiJson(body): ApiJson<DecisionBody>,
) -> ApiResult<Json<ElectionJson>> {
    let scoped = caller.scoped();
    let (_, congress, _, _) = staffed(&scoped, &code, Some(&body.round), true, n).await?;
    let action = match body.action {
        ActionCode::FurtherRound => NewAction::FurtherRound {
            seats: body
                .seats
                .ok_or_else(|| ApiError::new(ErrorCode::Unprocessable, "seats: a further round fills some"))?,
            list: body.names.clone(),
        },
        ActionCode::NoFurtherRound => NewAction::NoFurtherRound,
        ActionCode::Order => NewAction::Order(body.names.clone()),
    };
    let new = NewDecision {
        round: body.on_round,
        point: match body.point {
            PointCode::TieAtCutoff => PointKind::TieAtCutoff,
            PointCode::SeatsUnfilled => PointKind::SeatsUnfilled,
            PointCode::TieInOrder => PointKind::TieInOrder,
        },
        action,
        decided_by: body.decided_by.clone(),
        at: body.at.clone(),
        reason: body.reason.clone().unwrap_or_default(),
    };
    scoped.elections().decide(&congress, n, &new, &caller.address).await?;
    show_one(&caller, &code, Some(&body.round), true, n).await
}
