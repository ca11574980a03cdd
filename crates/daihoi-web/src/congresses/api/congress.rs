//! `GET`/`PUT /api/v1/orgs/{code}/congress`, `POST …/congress/gates` and
//! `POST …/congress/date-approval`: one organization's congress in a round,
//! its plan, its gates (C-PLAN-5) and the higher approval of its dates
//! (C-PLAN-1).

use axum::Json;
use daihoi_congress::{Approval, Gate, GateRecord, Length, Schedule};
use daihoi_store::Scoped;
use daihoi_store::congresses::{Congress, NewPlan, Round, parse_contents, parse_gate, parse_kind, parse_level};
use daihoi_store::orgs::OrgNode;
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

use super::campaign::RoundQuery;
use super::{CongressJson, body_round, line_json, query_round};
use crate::api::CodePath;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, ErrorBody, ErrorCode};
use crate::congresses::view::{approves_for, may_plan};
use crate::orgs::api::find;
use crate::page::today;

/// The congress of `node` in `round` as the campaign shows it (its warnings
/// compare the congresses below it); `None` when none is planned.
async fn current(scoped: &Scoped<'_>, round: &Round, node: &OrgNode) -> ApiResult<Option<CongressJson>> {
    let day = today();
    let lines = scoped.congresses().campaign(round, node, day).await?;
    Ok(lines.iter().find(|l| l.congress.org.id == node.id).map(|l| line_json(l, day)))
}

/// The stored congress, or 422: nothing is planned yet.
async fn planned(scoped: &Scoped<'_>, round: &Round, node: &OrgNode) -> ApiResult<Congress> {
    scoped.congresses().congress(round, node, today()).await?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::Unprocessable,
            format!("{} has no congress planned in round {}", node.code, round.code),
        )
    })
}

/// An organization's congress in a round (the latest by default), with
/// its warnings, for the organization's page readers.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress",
    tag = "congresses",
    operation_id = "show_congress",
    params(CodePath, RoundQuery),
    responses(
        (status = 200, description = "The congress", body = CongressJson),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today; no such round; no congress planned",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn show(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> ApiResult<Json<CongressJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = query_round(&scoped, q.round.as_deref()).await?;
    let found = current(&scoped, &round, &node).await?;
    Ok(Json(found.ok_or_else(|| ApiError::not_found(format!("no congress of {} in {}", node.code, round.code)))?))
}

/// A schedule as a body gives it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleBody {
    #[schema(format = Date, example = "2025-09-05")]
    pub opening: String,
    /// In half days: 1 (½ day) to 20.
    #[schema(minimum = 1, maximum = 20, example = 4)]
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    pub half_days: u32,
}

/// A congress's plan.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(schema_with = super::level_schema)]
    pub level: String,
    #[schema(schema_with = super::kind_schema)]
    pub kind: String,
    #[schema(schema_with = super::contents_schema)]
    pub contents: String,
    #[serde(default)]
    pub model: bool,
    pub planned: ScheduleBody,
    /// When it was held, once it was.
    #[serde(default)]
    pub held: Option<ScheduleBody>,
}

fn schedule(name: &str, s: &ScheduleBody) -> ApiResult<Schedule> {
    let opening = daihoi_core::date::from_iso(&s.opening)
        .ok_or_else(|| ApiError::bad_request(format!("{name}.opening: {:?} is not a date", s.opening)))?;
    if !(1..=20).contains(&s.half_days) {
        return Err(ApiError::bad_request(format!("{name}.half_days: {} is not 1 to 20", s.half_days)));
    }
    Ok(Schedule { opening, length: Length::half_days(s.half_days) })
}

/// Enters or changes the plan of the organization's congress in a round
/// (a role that writes on it), with an audit entry (`congress_plan`); a
/// cell's congress is a cell's (C-PLAN-1), a congress held after today is
/// refused (C-PLAN-5). Warnings are not refusals: the answer has them.
#[utoipa::path(
    put,
    path = "/api/v1/orgs/{code}/congress",
    tag = "congresses",
    operation_id = "plan_congress",
    params(CodePath),
    request_body = PlanBody,
    responses(
        (status = 200, description = "The congress as stored, with its warnings", body = CongressJson),
        (status = 400, description = "Not a code; a malformed body, date or length", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write on the organization", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "No such round; an unknown level, kind or contents; a refusal of \
                                      C-PLAN-1 or C-PLAN-5 (its rule)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn plan(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<PlanBody>,
) -> ApiResult<Json<CongressJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = body_round(&scoped, &body.round).await?;
    let unprocessable = |m: String| ApiError::new(ErrorCode::Unprocessable, m);
    let plan = NewPlan {
        level: parse_level(&body.level).ok_or_else(|| unprocessable(format!("level: {:?}", body.level)))?,
        kind: parse_kind(&body.kind).ok_or_else(|| unprocessable(format!("kind: {:?}", body.kind)))?,
        contents: parse_contents(&body.contents)
            .ok_or_else(|| unprocessable(format!("contents: {:?}", body.contents)))?,
        model: body.model,
        planned: schedule("planned", &body.planned)?,
        actual: body.held.as_ref().map(|h| schedule("held", h)).transpose()?,
    };
    scoped.congresses().plan(&round, &node, &plan, today(), &caller.address).await?;
    let found = current(&scoped, &round, &node).await?;
    Ok(Json(found.ok_or_else(ApiError::internal)?))
}

/// An approval: by whom, on which day, by which document.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(schema_with = super::line_text_schema)]
    pub approved_by: String,
    #[schema(format = Date, example = "2025-08-20")]
    pub on: String,
    #[schema(schema_with = super::line_text_schema)]
    pub reference: String,
}

/// C-DEL-5: the higher committee's decision on a congress's kind.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KindDecisionBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(schema_with = super::kind_schema)]
    pub kind: String,
    #[schema(schema_with = super::line_text_schema)]
    pub approved_by: String,
    #[schema(format = Date, example = "2025-03-10")]
    pub on: String,
    #[schema(schema_with = super::line_text_schema)]
    pub reference: String,
}

/// A gate passed.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GateBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(schema_with = super::gate_schema)]
    pub gate: String,
    #[schema(schema_with = super::line_text_schema)]
    pub approved_by: String,
    #[schema(format = Date, example = "2025-08-20")]
    pub on: String,
    #[schema(schema_with = super::line_text_schema)]
    pub reference: String,
}

fn day(name: &str, text: &str) -> ApiResult<Date> {
    daihoi_core::date::from_iso(text).ok_or_else(|| ApiError::bad_request(format!("{name}: {text:?} is not a date")))
}

/// What a gate's recording did.
#[derive(Debug, Serialize, ToSchema)]
pub struct GateRecorded {
    /// `false`: the gate was recorded already (a gate is passed once).
    pub recorded: bool,
    pub congress: CongressJson,
}

/// Records a gate passed (C-PLAN-5), with an audit entry (`congress_gate`):
/// `held` by a role that writes on the organization, the others by one that
/// writes on the organization above. A day after today and a gate a
/// two-content congress does not pass (C-PLAN-3) are refused.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/gates",
    tag = "congresses",
    operation_id = "record_congress_gate",
    params(CodePath),
    request_body = GateBody,
    responses(
        (status = 200, description = "Whether it was recorded, and the congress", body = GateRecorded),
        (status = 400, description = "Not a code; a malformed body or date; a refused text (TEXT-1)",
         body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller may not record this gate", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "No such round or gate; no congress planned; a refusal of C-PLAN-3 or \
                                      C-PLAN-5 (its rule)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn gate(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<GateBody>,
) -> ApiResult<Json<GateRecorded>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = body_round(&scoped, &body.round).await?;
    let gate = parse_gate(&body.gate)
        .ok_or_else(|| ApiError::new(ErrorCode::Unprocessable, format!("gate: {:?} is not a gate", body.gate)))?;
    let on = day("on", &body.on)?;
    // Who may, before anything is said of the congress (as the page).
    let allowed = match gate {
        Gate::Held => may_plan(&scoped, &node),
        _ => approves_for(&scoped, &node, today()).await?,
    };
    if !allowed {
        return Err(ApiError::forbidden());
    }
    let congress = planned(&scoped, &round, &node).await?;
    let record = GateRecord { gate, approved_by: body.approved_by, on, reference: body.reference };
    let recorded = scoped.congresses().pass_gate(&congress, &record, today(), &caller.address).await?;
    let congress = current(&scoped, &round, &node).await?.ok_or_else(ApiError::internal)?;
    Ok(Json(GateRecorded { recorded, congress }))
}

/// The higher office approves the congress's dates outside its window
/// (C-PLAN-1), with an audit entry (`congress_dates_approved`): its
/// C-PLAN-1 warnings are then shown approved.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/date-approval",
    tag = "congresses",
    operation_id = "approve_congress_dates",
    params(CodePath),
    request_body = ApprovalBody,
    responses(
        (status = 200, description = "The congress", body = CongressJson),
        (status = 400, description = "Not a code; a malformed body or date; a refused text (TEXT-1)",
         body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write on the organization above", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "No such round; no congress planned", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn approve_dates(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<ApprovalBody>,
) -> ApiResult<Json<CongressJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = body_round(&scoped, &body.round).await?;
    let on = day("on", &body.on)?;
    if !approves_for(&scoped, &node, today()).await? {
        return Err(ApiError::forbidden());
    }
    let congress = planned(&scoped, &round, &node).await?;
    let approval = Approval { approved_by: body.approved_by, on, reference: body.reference };
    scoped.congresses().approve_dates(&congress, &approval, today(), &caller.address).await?;
    Ok(Json(current(&scoped, &round, &node).await?.ok_or_else(ApiError::internal)?))
}

/// Records the higher committee's decision on the congress's kind (C-DEL-5),
/// with an audit entry (`congress_kind_decided`), by a role that writes on
/// the organization above: the plan's kind becomes the one decided, and a
/// plan of another kind is refused until another decision. Only a
/// grassroots organization's kind is decided: a cell holds a member
/// congress, a congress above the grassroots is a delegate congress.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/kind-decision",
    tag = "congresses",
    operation_id = "decide_congress_kind",
    params(CodePath),
    request_body = KindDecisionBody,
    responses(
        (status = 200, description = "The congress", body = CongressJson),
        (status = 400, description = "Not a code; a malformed body or date; a refused text (TEXT-1)",
         body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write on the organization above", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "No such round or kind; no congress planned; a refusal of C-DEL-5 (a \
                                      cell's or a higher level's kind, a decision after today)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn decide_kind(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<KindDecisionBody>,
) -> ApiResult<Json<CongressJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = body_round(&scoped, &body.round).await?;
    let kind = parse_kind(&body.kind)
        .ok_or_else(|| ApiError::new(ErrorCode::Unprocessable, format!("kind: {:?} is not a kind", body.kind)))?;
    let on = day("on", &body.on)?;
    if !approves_for(&scoped, &node, today()).await? {
        return Err(ApiError::forbidden());
    }
    let congress = planned(&scoped, &round, &node).await?;
    let approval = Approval { approved_by: body.approved_by, on, reference: body.reference };
    scoped.congresses().decide_kind(&congress, kind, &approval, today(), &caller.address).await?;
    Ok(Json(current(&scoped, &round, &node).await?.ok_or_else(ApiError::internal)?))
}
