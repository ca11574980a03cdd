//! `GET`/`PUT /api/v1/orgs/{code}/congress/allocation` and `GET
//! …/congress/allocation/proposal`: the delegate allocation of a congress
//! (issue 15 §5; C-DEL-1…8, W-C2) as the allocation page shows and decides
//! it, through the same facet: the table the convening committee decided
//! and the organization's own seats at the congress above (C-DEL-3), the
//! proposal with each row's working or the \[open\] question it waits for
//! (C-DEL-2), and the decision.

use axum::Json;
use daihoi_congress::{Proposal, SeatMode, SeatRow, SeatTable};
use daihoi_store::congresses::allocations::{Allocation, SeatsAbove, mode_code, parse_mode};
use daihoi_store::{Scoped, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::campaign::RoundQuery;
use super::{RoundSummary, body_round, query_round};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, ErrorBody, ErrorCode};
use crate::api::{CodePath, date_text, enum_field};
use crate::congresses::view::may_plan;
use crate::documents::api::show::OrgRef;
use crate::orgs::api::find;
use crate::page::today;

const MODES: [&str; 3] = ["ex_officio", "elected", "designated"];

fn mode_schema() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(MODES.iter().map(|v| (*v).to_owned())))
        .build()
}

/// A row of a seat table: an organization's seats and how they are filled.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeatRowJson {
    /// The organization's code: the convening organization's own row is
    /// its ex-officio seats (C-DEL-7), every other an organization below it.
    #[schema(example = "QN.DH.QT.CB01")]
    pub organization: String,
    #[schema(example = 7)]
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    pub seats: u32,
    #[schema(schema_with = mode_schema)]
    pub mode: String,
    /// The designation decision: required for designated seats (C-DEL-8).
    #[serde(default)]
    #[schema(schema_with = super::optional_line_text_schema)]
    pub decision: Option<String>,
}

/// The table a convening committee decided.
#[derive(Debug, Serialize, ToSchema)]
pub struct DecidedJson {
    pub congress_id: i64,
    /// The total decided (C-DEL-1): an input, never computed.
    pub total: u32,
    /// The convening committee's decision fixing it.
    pub decision: String,
    #[schema(format = Date)]
    pub decided_on: String,
    pub rows: Vec<SeatRowJson>,
    pub ex_officio: u32,
    pub elected: u32,
    pub designated: u32,
    /// C-DEL-8: the designated seats within the cap (`true`), over it
    /// (`false`, a warning), or `null` while the cap waits for its answer
    /// (`designated_cap_awaiting`).
    pub designated_within_cap: Option<bool>,
    pub designated_cap_awaiting: bool,
}

/// An organization's seats at the congress above it (C-DEL-3): read, never
/// voted.
#[derive(Debug, Serialize, ToSchema)]
pub struct SeatsAboveJson {
    pub convening: OrgRef,
    pub congress_id: i64,
    pub seats: u32,
    #[schema(schema_with = mode_schema)]
    pub mode: &'static str,
    /// The designation decision of designated seats.
    pub row_decision: Option<String>,
    /// The convening committee's decision and its day.
    pub decision: String,
    #[schema(format = Date)]
    pub decided_on: String,
}

/// An organization's allocation in a round: the table its congress's
/// convening committee decided, and its own seats at the congress above.
#[derive(Debug, Serialize, ToSchema)]
pub struct AllocationJson {
    pub round: RoundSummary,
    /// `null` when no congress is planned or no table is decided.
    pub decided: Option<DecidedJson>,
    /// `null` before the congress above decides its table.
    pub seats_above: Option<SeatsAboveJson>,
}

fn decided_json(a: &Allocation) -> DecidedJson {
    DecidedJson {
        congress_id: a.congress_id,
        total: a.table.total,
        decision: a.table.decision.clone(),
        decided_on: date_text(a.decided_on),
        rows: a
            .table
            .rows
            .iter()
            .map(|r| SeatRowJson {
                organization: r.organization.clone(),
                seats: r.seats,
                mode: mode_code(r.mode).to_owned(),
                decision: r.decision.clone(),
            })
            .collect(),
        ex_officio: a.summary.ex_officio,
        elected: a.summary.elected,
        designated: a.summary.designated,
        designated_within_cap: a.summary.designated_within_cap.as_ref().ok().copied(),
        designated_cap_awaiting: a.summary.designated_within_cap.is_err(),
    }
}

fn seats_above_json(s: &SeatsAbove) -> SeatsAboveJson {
    SeatsAboveJson {
        convening: OrgRef::from(&s.convening),
        congress_id: s.congress_id,
        seats: s.row.seats,
        mode: mode_code(s.row.mode),
        row_decision: s.row.decision.clone(),
        decision: s.decision.clone(),
        decided_on: date_text(s.decided_on),
    }
}

/// An organization's allocation in a round (the latest by default), for
/// its readers: the table its congress's convening committee decided
/// (C-DEL-1, -2, -8) and its own seats at the congress above (C-DEL-3).
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/allocation",
    tag = "congresses",
    operation_id = "congress_allocation",
    params(CodePath, RoundQuery),
    responses(
        (status = 200, description = "The allocation; `decided` and `seats_above` null until decided",
         body = AllocationJson),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today; no such round", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn show(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> ApiResult<Json<AllocationJson>> {
    let scoped = caller.scoped();
    let day = today();
    let node = find(&scoped, &code, day).await?;
    let round = query_round(&scoped, q.round.as_deref()).await?;
    let facet = scoped.congresses();
    let decided = match facet.congress(&round, &node, day).await? {
        Some(c) => facet.allocation(&round, &c).await?.as_ref().map(decided_json),
        None => None,
    };
    let seats_above = facet.seats_above(&round, &node, day).await?.as_ref().map(seats_above_json);
    Ok(Json(AllocationJson { round: (&round).into(), decided, seats_above }))
}

/// A proposal's row with its working.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalRowJson {
    pub organization: String,
    /// Its members on the day of the proposal (official and probationary).
    pub members: u32,
    /// The terms in order, each tagged by `term` (`base`, `per_members`,
    /// `remainder`, `bonus`) with its value.
    #[schema(value_type = Vec<Object>, example = json!([{"term": "base", "value": 1},
        {"term": "per_members", "members": 47, "per": 10, "value": 4},
        {"term": "remainder", "remainder": 7, "at_least": 6, "value": 1}]))]
    pub terms: Vec<Value>,
    pub seats: u32,
}

/// C-DEL-2's parameters, as the round's answer gives them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParametersJson {
    pub base_per_unit: u32,
    pub members_per_seat: u32,
    pub remainder_at_least: u32,
}

/// A proposal (never the decision), or the \[open\] question it waits for.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalJson {
    /// The question the proposal waits for (`allocation_parameters`, C-DEL-2);
    /// `null` when it is answered.
    pub awaiting: Option<String>,
    /// The rule of the question awaited.
    pub rule: Option<&'static str>,
    pub parameters: Option<ParametersJson>,
    /// One row per lower congress, with its working.
    pub rows: Vec<ProposalRowJson>,
    /// The rows' sum; the total is the convening committee's decision.
    pub total: Option<u32>,
}

fn proposal_json(p: &Proposal) -> ProposalJson {
    ProposalJson {
        awaiting: None,
        rule: None,
        parameters: Some(ParametersJson {
            base_per_unit: p.parameters.base_per_unit,
            members_per_seat: p.parameters.members_per_seat,
            remainder_at_least: p.parameters.remainder_at_least,
        }),
        rows: p
            .rows
            .iter()
            .map(|r| ProposalRowJson {
                organization: r.organization.clone(),
                members: r.members,
                terms: r
                    .working
                    .terms
                    .iter()
                    .map(|t| {
                        let mut v = serde_json::to_value(t.kind).unwrap_or(Value::Null);
                        if let Value::Object(m) = &mut v {
                            m.insert("value".into(), t.value.into());
                        }
                        v
                    })
                    .collect(),
                seats: r.working.seats,
            })
            .collect(),
        total: Some(p.total),
    }
}

/// The congress of the path in the round, or 404.
async fn planned(
    scoped: &Scoped<'_>,
    round: &daihoi_store::congresses::Round,
    node: &daihoi_store::orgs::OrgNode,
) -> ApiResult<daihoi_store::congresses::Congress> {
    scoped
        .congresses()
        .congress(round, node, today())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress of {} in {}", node.code, round.code)))
}

/// A proposal for the congress's seats (C-DEL-2, in C-DEL-6's shape): one
/// row per lower congress from its members today, with the working; while
/// the parameters' \[open\] question is unanswered, the question it waits
/// for and no rows.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/allocation/proposal",
    tag = "congresses",
    operation_id = "congress_allocation_proposal",
    params(CodePath, RoundQuery),
    responses(
        (status = 200, description = "The proposal, or the question it waits for", body = ProposalJson),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today; no such round; no congress planned",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn proposal(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> ApiResult<Json<ProposalJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = query_round(&scoped, q.round.as_deref()).await?;
    let congress = planned(&scoped, &round, &node).await?;
    Ok(Json(match scoped.congresses().propose_allocation(&round, &congress, today()).await? {
        Ok(p) => proposal_json(&p),
        Err(a) => ProposalJson {
            awaiting: Some(a.question.code().to_owned()),
            rule: Some(a.rule()),
            parameters: None,
            rows: Vec::new(),
            total: None,
        },
    }))
}

/// A seat table to decide.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecideBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    /// The total decided (C-DEL-1): the rows add up to it.
    #[schema(example = 45, minimum = 1)]
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    pub total: u32,
    /// The convening committee's decision fixing the total.
    #[schema(schema_with = super::line_text_schema)]
    pub decision: String,
    #[schema(format = Date, example = "2025-03-02")]
    pub decided_on: String,
    pub rows: Vec<SeatRowJson>,
}

/// The convening committee's office decides the congress's seat table
/// (C-DEL-1, -2, -7, -8); it replaces the one before, with an audit entry
/// (`seat_allocation`). Refused, nothing written: the seats not adding up
/// to the total (C-DEL-1), an organization twice or not below the convening
/// one (C-DEL-2), ex-officio seats on another organization's row (C-DEL-7),
/// designated seats without their decision (C-DEL-8).
#[utoipa::path(
    put,
    path = "/api/v1/orgs/{code}/congress/allocation",
    tag = "congresses",
    operation_id = "decide_congress_allocation",
    params(CodePath),
    request_body = DecideBody,
    responses(
        (status = 200, description = "The table as decided", body = DecidedJson),
        (status = 400, description = "Not a code; a malformed body, mode or date; a refused text (TEXT-1)",
         body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan the congress", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "No such round or organization; no congress planned; a decision after \
                                      today; a refusal of C-DEL-1, C-DEL-2, C-DEL-7 or C-DEL-8 (its rule)",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn decide(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<DecideBody>,
) -> ApiResult<Json<DecidedJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = body_round(&scoped, &body.round).await?;
    let decided_on = daihoi_core::date::from_iso(body.decided_on.trim()).ok_or_else(|| {
        ApiError::bad_request(format!("decided_on: {:?} is not a date (expected yyyy-mm-dd)", body.decided_on))
    })?;
    let mut rows = Vec::with_capacity(body.rows.len());
    for r in &body.rows {
        enum_field("mode", Some(&r.mode), &MODES)?;
        let mode: SeatMode = parse_mode(&r.mode).ok_or_else(|| ApiError::bad_request("mode: unknown"))?;
        rows.push(SeatRow {
            organization: r.organization.trim().to_uppercase(),
            seats: r.seats,
            mode,
            decision: r.decision.clone(),
        });
    }
    if !may_plan(&scoped, &node) {
        return Err(ApiError::forbidden());
    }
    let congress = scoped.congresses().congress(&round, &node, today()).await?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::Unprocessable,
            format!("{} has no congress planned in round {}", node.code, round.code),
        )
    })?;
    let table = SeatTable { total: body.total, decision: body.decision, rows };
    let decided = scoped
        .congresses()
        .decide_allocation(&round, &congress, &table, decided_on, today(), &caller.address)
        .await
        .map_err(|e| match e {
            // An organization of the body not in the tree that day.
            e @ StoreError::OrgNotOnDate { .. } => ApiError::new(ErrorCode::Unprocessable, e.to_string()),
            e => super::body_refusal(e),
        })?;
    Ok(Json(decided_json(&decided)))
}
