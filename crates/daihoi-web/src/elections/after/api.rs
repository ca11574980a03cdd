//! `/api/v1/orgs/{code}/congress/elections/{election}/after…` and
//! `/api/v1/orgs/{code}/congress/planned-leaders…`: what follows the count
//! as the pages show and change it, through the store's `elections()`
//! facet: the higher committee's approval or annulment (R-AFTER-1,
//! R-AFTER-3) and what it seated, complaints (R-AFTER-2), the ballots kept
//! (R-AFTER-4), the planned secretary and inspection chair and the
//! direction when they are not elected (R-RANK-4, C-PER-13).

use axum::Json;
use daihoi_congress::Approval;
use daihoi_store::congresses::Congress;
use daihoi_store::elections::after::{
    AfterView, LeaderStatus, NewComplaint, NewOutcome, NewSealing, OutcomeKind, Post,
};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, ErrorBody};
use crate::api::{CodePath, date_text};
use crate::congresses::api::{body_round, query_round};
use crate::elections::api::prepare::{ElectionPath, RoundQuery};
use crate::elections::api::staffed;
use crate::orgs::api::find;
use crate::page::today;

/// The higher committee's decision on the results.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutcomeJson {
    /// `approved` (chuẩn y, R-AFTER-1) or `annulled` (R-AFTER-3).
    #[schema(example = "approved")]
    pub outcome: &'static str,
    pub decided_by: String,
    #[schema(format = Date)]
    pub decided_on: String,
    /// The decision's document.
    pub reference: String,
    /// The elected it refused (R-AFTER-1): not seated.
    pub refused: Vec<String>,
    pub note: String,
    pub recorded_by: String,
}

/// What the approval did for one elected person.
#[derive(Debug, Serialize, ToSchema)]
pub struct SeatingJson {
    pub name: String,
    /// `seated`, `held_already`, `on_roll`, `on_roll_already`, `refused`
    /// or `not_seated` (for a person to settle: the detail says why).
    #[schema(example = "seated")]
    pub seating: &'static str,
    pub detail: String,
}

/// A complaint received (R-AFTER-2).
#[derive(Debug, Serialize, ToSchema)]
pub struct ComplaintJson {
    pub number: u32,
    #[schema(format = Date)]
    pub received_on: String,
    pub from: String,
    pub summary: String,
    /// Sent to the higher inspection commission.
    #[schema(format = Date)]
    pub sent_on: Option<String>,
    #[schema(format = Date)]
    pub settled_on: Option<String>,
    pub settled_reference: Option<String>,
    /// Received after the window's last day.
    pub late: bool,
}

/// The ballots sealed and kept (R-AFTER-4).
#[derive(Debug, Serialize, ToSchema)]
pub struct BallotsJson {
    #[schema(format = Date)]
    pub sealed_on: String,
    pub held_by: String,
    pub kept_at: String,
    /// Six months after the sealing: not destroyed before.
    #[schema(format = Date)]
    pub keep_until: String,
    #[schema(format = Date)]
    pub destroyed_on: Option<String>,
    pub destroyed_reference: Option<String>,
}

/// R-RANK-4: a post's planned person and where its election stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct LeaderJson {
    /// `secretary` or `inspection_chair`.
    #[schema(example = "secretary")]
    pub post: &'static str,
    pub planned: String,
    /// The count of the body they come from is finished.
    pub known: bool,
    pub elected: bool,
    /// Stopped until the higher committee's direction (C-PER-13).
    pub stopped: bool,
    pub directed_by: Option<String>,
    #[schema(format = Date)]
    pub directed_on: Option<String>,
    pub direction_reference: Option<String>,
    pub direction: Option<String>,
}

fn leader_json(s: &LeaderStatus) -> LeaderJson {
    let d = s.planned.direction.as_ref();
    LeaderJson {
        post: s.planned.post.code(),
        planned: s.planned.name.clone(),
        known: s.known,
        elected: s.elected,
        stopped: s.stopped,
        directed_by: d.map(|d| d.approval.approved_by.clone()),
        directed_on: d.map(|d| date_text(d.approval.on)),
        direction_reference: d.map(|d| d.approval.reference.clone()),
        direction: d.map(|d| d.says.clone()),
    }
}

/// What follows an election's count.
#[derive(Debug, Serialize, ToSchema)]
pub struct AfterJson {
    /// `counting`, `provisional` (awaiting the higher committee's approval,
    /// R-AFTER-1), `approved` or `annulled` (R-AFTER-3).
    #[schema(example = "provisional")]
    pub standing: &'static str,
    /// The elected, round by round: provisional until approved.
    pub elected: Vec<String>,
    pub outcome: Option<OutcomeJson>,
    pub seating: Vec<SeatingJson>,
    /// The congress's closing day (as held, else as planned: `held`).
    #[schema(format = Date)]
    pub closing_day: String,
    pub held: bool,
    /// R-AFTER-2: 15 working days after the closing day, on the calendar of
    /// working days (holidays and substitute days off, make-up days worked).
    #[schema(format = Date)]
    pub complaints_until: String,
    /// When a year the window reaches has no confirmed calendar: that year;
    /// `complaints_until` is then counted Monday to Friday, holidays not
    /// deducted.
    pub complaints_until_awaits_calendar: Option<i32>,
    pub complaints: Vec<ComplaintJson>,
    pub ballots: Option<BallotsJson>,
    /// A secretary's or inspection chair's election: R-RANK-4.
    pub leader: Option<LeaderJson>,
}

fn after_json(v: &AfterView) -> AfterJson {
    AfterJson {
        standing: v.standing.code(),
        elected: v.elected.clone(),
        outcome: v.outcome.as_ref().map(|o| OutcomeJson {
            outcome: o.kind.code(),
            decided_by: o.approval.approved_by.clone(),
            decided_on: date_text(o.approval.on),
            reference: o.approval.reference.clone(),
            refused: o.refused.clone(),
            note: o.note.clone(),
            recorded_by: o.recorded.by.clone(),
        }),
        seating: v
            .seating
            .iter()
            .map(|l| SeatingJson { name: l.name.clone(), seating: l.seating.code(), detail: l.detail.clone() })
            .collect(),
        closing_day: date_text(v.closing_day),
        held: v.held,
        complaints_until: date_text(v.complaints_until),
        complaints_until_awaits_calendar: v.complaints_until_awaits,
        complaints: v
            .complaints
            .iter()
            .map(|c| ComplaintJson {
                number: c.number,
                received_on: date_text(c.received_on),
                from: c.from.clone(),
                summary: c.summary.clone(),
                sent_on: c.sent_on.map(date_text),
                settled_on: c.settled.as_ref().map(|(d, _)| date_text(*d)),
                settled_reference: c.settled.as_ref().map(|(_, r)| r.clone()),
                late: c.late,
            })
            .collect(),
        ballots: v.ballots.as_ref().map(|b| BallotsJson {
            sealed_on: date_text(b.sealed_on),
            held_by: b.held_by.clone(),
            kept_at: b.kept_at.clone(),
            keep_until: date_text(b.keep_until),
            destroyed_on: b.destroyed.as_ref().map(|(d, _)| date_text(*d)),
            destroyed_reference: b.destroyed.as_ref().map(|(_, r)| r.clone()),
        }),
        leader: v.leader.as_ref().map(leader_json),
    }
}

fn date_of(field: &str, text: &str) -> ApiResult<Date> {
    daihoi_core::date::from_iso(text.trim())
        .ok_or_else(|| ApiError::bad_request(format!("{field}: {text:?} is not a date (expected yyyy-mm-dd)")))
}

async fn show_after(
    caller: &ApiCaller,
    code: &str,
    round: Option<&str>,
    in_body: bool,
    n: u32,
) -> ApiResult<Json<AfterJson>> {
    let scoped = caller.scoped();
    let (_, congress, _, _) = staffed(&scoped, code, round, in_body, n).await?;
    Ok(Json(after_json(&scoped.elections().after(&congress, n).await?)))
}

/// What follows an election's count: provisional until the higher
/// committee approves (R-AFTER-1), the approval or annulment and what it
/// seated, the complaint window and complaints (R-AFTER-2), the ballots
/// kept (R-AFTER-4), R-RANK-4 for a secretary's election. For the
/// congress's readers and the election's board.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/after",
    tag = "elections",
    operation_id = "election_after",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress"), RoundQuery),
    responses(
        (status = 200, description = "What follows the count", body = AfterJson),
        (status = 400, description = "Not a code or a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller neither reads the organization nor sits on the board", body = ErrorBody),
        (status = 404, description = "No such organization today, round, congress or election", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn show(
    caller: ApiCaller,
    ApiPath(ElectionPath { code, election: n }): ApiPath<ElectionPath>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> ApiResult<Json<AfterJson>> {
    show_after(&caller, &code, q.round.as_deref(), false, n).await
}

/// The higher committee's decision on the results.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeCode {
    Approved,
    Annulled,
}

/// The higher committee's approval or annulment as its office records it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    pub outcome: OutcomeCode,
    /// Who decided: the higher standing committee.
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub decided_by: String,
    #[schema(format = Date, example = "2025-06-05")]
    pub decided_on: String,
    /// The decision's document.
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub reference: String,
    /// R-AFTER-1: elected persons it refuses (approval only).
    #[serde(default)]
    #[schema(max_items = 1000, schema_with = names_schema)]
    pub refused: Vec<String>,
    /// What it says (required for an annulment: the new election ordered).
    #[schema(schema_with = crate::congresses::api::optional_line_text_schema)]
    pub note: Option<String>,
}

fn names_schema() -> utoipa::openapi::Array {
    utoipa::openapi::ArrayBuilder::new().items(crate::congresses::api::line_text_schema()).max_items(Some(1000)).build()
}

/// Records the higher committee's approval of the results (R-AFTER-1),
/// refusing persons if it does, or their annulment with a new election
/// ordered (R-AFTER-3): by the office of the organization above (as the
/// congress's gates, C-PLAN-5). The approval seats the elected less the
/// refused in the same write: the committee or commission (audit entries
/// `committee_seat`), or the higher congress's roll (`roll_add`); the
/// decision's entry is `election_approved` or `election_annulled`. The
/// same decision again writes nothing.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/after/outcome",
    tag = "elections",
    operation_id = "record_election_outcome",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress")),
    request_body = OutcomeBody,
    responses(
        (status = 200, description = "What follows the count", body = AfterJson),
        (status = 400, description = "Not a code or a number; a malformed body or date; a refused text (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not the office of the organization above", body = ErrorBody),
        (status = 404, description = "No such organization today, congress or election", body = ErrorBody),
        (status = 422, description = "No such round; the count not finished (R-AFTER-1); a refused person not \
            elected; a decision after today; another decision recorded already", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn outcome(
    caller: ApiCaller,
    ApiPath(ElectionPath { code, election: n }): ApiPath<ElectionPath>,
    ApiJson(body): ApiJson<OutcomeBody>,
) -> ApiResult<Json<AfterJson>> {
    let scoped = caller.scoped();
    let (_, congress, _, _) = staffed(&scoped, &code, Some(&body.round), true, n).await?;
    let new = NewOutcome {
        kind: match body.outcome {
            OutcomeCode::Approved => OutcomeKind::Approved,
            OutcomeCode::Annulled => OutcomeKind::Annulled,
        },
        approval: Approval {
            approved_by: body.decided_by.clone(),
            on: date_of("decided_on", &body.decided_on)?,
            reference: body.reference.clone(),
        },
        refused: body.refused.clone(),
        note: body.note.clone().unwrap_or_default(),
    };
    scoped.elections().record_outcome(&congress, n, &new, today(), &caller.address).await?;
    show_after(&caller, &code, Some(&body.round), true, n).await
}

/// A complaint received.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ComplaintBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(format = Date, example = "2025-05-26")]
    pub received_on: String,
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub from: String,
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub summary: String,
    /// The day it was sent to the higher inspection commission.
    #[schema(format = Date, example = "2025-05-27")]
    pub sent_on: Option<String>,
}

/// Records a complaint about the election (R-AFTER-2), to go to the higher
/// inspection commission: the congress's office. One received after the
/// window is recorded and shown late. Audit entry `election_complaint`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/after/complaints",
    tag = "elections",
    operation_id = "record_election_complaint",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress")),
    request_body = ComplaintBody,
    responses(
        (status = 200, description = "What follows the count", body = AfterJson),
        (status = 400, description = "Not a code or a number; a malformed body or date; a refused text (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not record for the congress", body = ErrorBody),
        (status = 404, description = "No such organization today, congress or election", body = ErrorBody),
        (status = 422, description = "No such round; a day after today, or sent before received", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn complaint(
    caller: ApiCaller,
    ApiPath(ElectionPath { code, election: n }): ApiPath<ElectionPath>,
    ApiJson(body): ApiJson<ComplaintBody>,
) -> ApiResult<Json<AfterJson>> {
    let scoped = caller.scoped();
    let (_, congress, _, _) = staffed(&scoped, &code, Some(&body.round), true, n).await?;
    let new = NewComplaint {
        received_on: date_of("received_on", &body.received_on)?,
        from: body.from.clone(),
        summary: body.summary.clone(),
        sent_on: body.sent_on.as_deref().map(|s| date_of("sent_on", s)).transpose()?,
    };
    scoped.elections().record_complaint(&congress, n, &new, today(), &caller.address).await?;
    show_after(&caller, &code, Some(&body.round), true, n).await
}

/// A complaint's path.
#[derive(Debug, Deserialize)]
pub struct ComplaintPath {
    pub code: String,
    pub election: u32,
    pub complaint: u32,
}

/// A decision with its document: who, when, which.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecidedBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub decided_by: String,
    #[schema(format = Date, example = "2025-12-01")]
    pub decided_on: String,
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub reference: String,
}

impl DecidedBody {
    fn approval(&self) -> ApiResult<Approval> {
        Ok(Approval {
            approved_by: self.decided_by.clone(),
            on: date_of("decided_on", &self.decided_on)?,
            reference: self.reference.clone(),
        })
    }
}

/// Records a complaint settled (the day and its document): the congress's
/// office. Audit entry `election_complaint_settled`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/after/complaints/{complaint}/settled",
    tag = "elections",
    operation_id = "settle_election_complaint",
    params(
        CodePath,
        ("election" = u32, Path, description = "The election's number within the congress"),
        ("complaint" = u32, Path, description = "The complaint's number within the election"),
    ),
    request_body = DecidedBody,
    responses(
        (status = 200, description = "What follows the count", body = AfterJson),
        (status = 400, description = "Not a code or a number; a malformed body or date; a refused text (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not record for the congress", body = ErrorBody),
        (status = 404, description = "No such organization today, congress, election or complaint", body = ErrorBody),
        (status = 422, description = "No such round; settled otherwise already; a day after today or before it was received", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn settle(
    caller: ApiCaller,
    ApiPath(ComplaintPath { code, election: n, complaint }): ApiPath<ComplaintPath>,
    ApiJson(body): ApiJson<DecidedBody>,
) -> ApiResult<Json<AfterJson>> {
    let scoped = caller.scoped();
    let (_, congress, _, _) = staffed(&scoped, &code, Some(&body.round), true, n).await?;
    scoped.elections().settle_complaint(&congress, n, complaint, &body.approval()?, today(), &caller.address).await?;
    show_after(&caller, &code, Some(&body.round), true, n).await
}

/// The ballots sealed.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SealBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(format = Date, example = "2025-05-21")]
    pub sealed_on: String,
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub held_by: String,
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub kept_at: String,
}

/// Records the election's ballots sealed (R-AFTER-4): the day, who holds
/// them, where; kept 6 months. The congress's office. Audit entry
/// `election_ballots_sealed`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/after/sealing",
    tag = "elections",
    operation_id = "seal_election_ballots",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress")),
    request_body = SealBody,
    responses(
        (status = 200, description = "What follows the count", body = AfterJson),
        (status = 400, description = "Not a code or a number; a malformed body or date; a refused text (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not record for the congress", body = ErrorBody),
        (status = 404, description = "No such organization today, congress or election", body = ErrorBody),
        (status = 422, description = "No such round; no ballots issued; a day after today; sealed otherwise already", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn seal(
    caller: ApiCaller,
    ApiPath(ElectionPath { code, election: n }): ApiPath<ElectionPath>,
    ApiJson(body): ApiJson<SealBody>,
) -> ApiResult<Json<AfterJson>> {
    let scoped = caller.scoped();
    let (_, congress, _, _) = staffed(&scoped, &code, Some(&body.round), true, n).await?;
    let on = date_of("sealed_on", &body.sealed_on)?;
    let sealing = NewSealing { sealed_on: on, held_by: body.held_by.clone(), kept_at: body.kept_at.clone() };
    scoped.elections().seal_ballots(&congress, n, &sealing, today(), &caller.address).await?;
    show_after(&caller, &code, Some(&body.round), true, n).await
}

/// Records the ballots destroyed by decision (R-AFTER-4): refused before
/// the keep-until day and while a complaint is open. The congress's
/// office. Audit entry `election_ballots_destroyed`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/elections/{election}/after/destruction",
    tag = "elections",
    operation_id = "destroy_election_ballots",
    params(CodePath, ("election" = u32, Path, description = "The election's number within the congress")),
    request_body = DecidedBody,
    responses(
        (status = 200, description = "What follows the count", body = AfterJson),
        (status = 400, description = "Not a code or a number; a malformed body or date; a refused text (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not record for the congress", body = ErrorBody),
        (status = 404, description = "No such organization today, congress or election", body = ErrorBody),
        (status = 422, description = "No such round; not sealed; before the keep-until day; a complaint open (R-AFTER-4)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn destroy(
    caller: ApiCaller,
    ApiPath(ElectionPath { code, election: n }): ApiPath<ElectionPath>,
    ApiJson(body): ApiJson<DecidedBody>,
) -> ApiResult<Json<AfterJson>> {
    let scoped = caller.scoped();
    let (_, congress, _, _) = staffed(&scoped, &code, Some(&body.round), true, n).await?;
    scoped.elections().destroy_ballots(&congress, n, &body.approval()?, today(), &caller.address).await?;
    show_after(&caller, &code, Some(&body.round), true, n).await
}

/// The planned secretary and inspection chair of a congress (R-RANK-4).
#[derive(Debug, Serialize, ToSchema)]
pub struct LeadersJson {
    pub leaders: Vec<LeaderJson>,
}

async fn congress_of(caller: &ApiCaller, code: &str, round: Option<&str>, in_body: bool) -> ApiResult<Congress> {
    let scoped = caller.scoped();
    let node = find(&scoped, code, today()).await?;
    let round = if in_body {
        body_round(&scoped, round.unwrap_or_default()).await?
    } else {
        query_round(&scoped, round).await?
    };
    scoped
        .congresses()
        .congress(&round, &node, today())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress of {} in {}", node.code, round.code)))
}

async fn leaders_json(caller: &ApiCaller, congress: &Congress) -> ApiResult<Json<LeadersJson>> {
    let scoped = caller.scoped();
    let leaders = scoped.elections().planned_leaders(congress).await?;
    Ok(Json(LeadersJson { leaders: leaders.iter().map(leader_json).collect() }))
}

/// Who is planned for secretary and inspection chair of the congress, and
/// whether their election is stopped (R-RANK-4). For its readers.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/planned-leaders",
    tag = "elections",
    operation_id = "congress_planned_leaders",
    params(CodePath, RoundQuery),
    responses(
        (status = 200, description = "The planned posts", body = LeadersJson),
        (status = 400, description = "Not a code", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today or round; no congress planned", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn leaders(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> ApiResult<Json<LeadersJson>> {
    let congress = congress_of(&caller, &code, q.round.as_deref(), false).await?;
    leaders_json(&caller, &congress).await
}

/// A post.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PostCode {
    Secretary,
    InspectionChair,
}

fn post_of(p: PostCode) -> Post {
    match p {
        PostCode::Secretary => Post::Secretary,
        PostCode::InspectionChair => Post::InspectionChair,
    }
}

/// Who is planned for a post.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanLeaderBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    pub post: PostCode,
    /// The name as it stands on the body's list.
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub name: String,
}

/// Records who is planned for secretary or inspection chair (the
/// congress's office), or changes it before the body they come from is
/// counted (R-RANK-4). Audit entry `congress_planned_leader`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/planned-leaders",
    tag = "elections",
    operation_id = "plan_congress_leader",
    params(CodePath),
    request_body = PlanLeaderBody,
    responses(
        (status = 200, description = "The planned posts", body = LeadersJson),
        (status = 400, description = "Not a code; a malformed body; a refused text (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not record for the congress", body = ErrorBody),
        (status = 404, description = "No such organization today; no congress planned", body = ErrorBody),
        (status = 422, description = "No such round; the body counted already (R-RANK-4)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn plan_leader(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<PlanLeaderBody>,
) -> ApiResult<Json<LeadersJson>> {
    let congress = congress_of(&caller, &code, Some(&body.round), true).await?;
    caller.scoped().elections().plan_leader(&congress, post_of(body.post), &body.name, &caller.address).await?;
    leaders_json(&caller, &congress).await
}

/// The higher committee's direction on a stopped election.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DirectionBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    pub post: PostCode,
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub decided_by: String,
    #[schema(format = Date, example = "2025-05-21")]
    pub decided_on: String,
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub reference: String,
    /// What it says.
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub direction: String,
}

/// Records the higher committee's direction when the planned person was
/// not elected to the body (R-RANK-4, C-PER-13): the office above; the
/// stopped election may go on. Audit entry `congress_leader_direction`.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/planned-leaders/direction",
    tag = "elections",
    operation_id = "direct_congress_leader",
    params(CodePath),
    request_body = DirectionBody,
    responses(
        (status = 200, description = "The planned posts", body = LeadersJson),
        (status = 400, description = "Not a code; a malformed body or date; a refused text (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not the office of the organization above", body = ErrorBody),
        (status = 404, description = "No such organization today; no congress planned", body = ErrorBody),
        (status = 422, description = "No such round; nobody planned; the election not stopped; another direction \
            recorded; a day after today", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn direct(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<DirectionBody>,
) -> ApiResult<Json<LeadersJson>> {
    let congress = congress_of(&caller, &code, Some(&body.round), true).await?;
    let approval = Approval {
        approved_by: body.decided_by.clone(),
        on: date_of("decided_on", &body.decided_on)?,
        reference: body.reference.clone(),
    };
    caller
        .scoped()
        .elections()
        .direct_leader(&congress, post_of(body.post), &approval, &body.direction, today(), &caller.address)
        .await?;
    leaders_json(&caller, &congress).await
}
