//! `/api/v1/orgs/{code}/congress/agenda…`: the programme of a congress
//! (C-PLAN-8, C-PLAN-6), the bodies elected by show of hands and their
//! members, and the votes by show of hands (R-BODY-2), as the agenda page
//! shows and changes them, through the same facet.

use axum::Json;
use daihoi_congress::agenda::{Declared, Move, ProgrammeSession, ShowOfHandsBody, VoteOn};
use daihoi_core::members::CardNumber;
use daihoi_store::Scoped;
use daihoi_store::congresses::agenda::{Agenda, NewHandVote, PresentNow, RecordedVote};
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::orgs::OrgNode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{body_refusal, body_round, query_round};
use crate::api::CodePath;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult, ErrorBody, ErrorCode};
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

/// The organization, round and congress of a write by the congress's
/// office (403 to others).
async fn office(scoped: &Scoped<'_>, code: &str, round: &str) -> ApiResult<(Round, Congress)> {
    let node = find(scoped, code, today()).await?;
    let round = body_round(scoped, round).await?;
    if !may_plan(scoped, &node) {
        return Err(ApiError::forbidden());
    }
    let congress = planned(scoped, &round, &node).await?;
    Ok((round, congress))
}

/// An item of the programme.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemJson {
    /// Its number in the programme, by which it is named.
    pub number: u32,
    #[schema(example = "preparatory")]
    pub session: &'static str,
    /// A default item by its code (`elect_presidium`, `adopt_programme`,
    /// `review`, `elect_committee`…), absent for an item people added.
    #[schema(example = "elect_presidium")]
    pub standard: Option<&'static str>,
    /// The title of an item people added.
    pub title: Option<String>,
    pub done: bool,
}

/// A member of a body.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberJson {
    pub card: String,
    pub name: String,
}

/// A body elected by show of hands (R-BODY-2) and its members.
#[derive(Debug, Serialize, ToSchema)]
pub struct BodyJson {
    #[schema(example = "presidium")]
    pub body: &'static str,
    pub members: Vec<MemberJson>,
}

/// A vote by show of hands as recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct VoteJson {
    pub number: u32,
    /// The body voted on, or…
    #[schema(example = "presidium")]
    pub body: Option<&'static str>,
    /// …the programme item's number.
    pub item: Option<u32>,
    #[serde(rename = "for")]
    pub votes_for: u32,
    pub against: u32,
    pub abstaining: u32,
    pub present: u32,
    /// The presidium's declaration: `adopted` or `not_adopted`.
    #[schema(example = "adopted")]
    pub declared: &'static str,
    /// Whether more than half of those present voted for (2·for > present).
    pub majority_for: bool,
    /// The declaration disagrees with a simple majority of those present:
    /// a warning, never a refusal (the pass rule is not in the rules).
    pub warning: bool,
    /// The session open at the vote, if any.
    pub session: Option<u32>,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// Those present now: the session open and the people checked in to it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PresentJson {
    pub session: u32,
    pub present: u32,
}

/// A congress's programme, bodies and votes.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgendaJson {
    /// The preparatory session's items first.
    pub items: Vec<ItemJson>,
    /// The four bodies, each with its members.
    pub bodies: Vec<BodyJson>,
    pub votes: Vec<VoteJson>,
    /// Absent while no session is open (a vote then gives the number present).
    pub present_now: Option<PresentJson>,
}

fn vote_json(r: &RecordedVote) -> VoteJson {
    let v = &r.vote;
    let (body, item) = match v.item {
        VoteOn::Body(b) => (Some(b.code()), None),
        VoteOn::Item(n) => (None, Some(n)),
    };
    VoteJson {
        number: r.number,
        body,
        item,
        votes_for: v.votes_for,
        against: v.against,
        abstaining: v.abstaining,
        present: v.present,
        declared: v.declared.code(),
        majority_for: v.majority_for(),
        warning: v.warning().is_some(),
        session: r.session,
        recorded_by: r.recorded_by.clone(),
        recorded_at: r.recorded_at.clone(),
    }
}

fn agenda_json(a: &Agenda, now: Option<PresentNow>) -> AgendaJson {
    AgendaJson {
        items: a
            .items
            .iter()
            .map(|i| ItemJson {
                number: i.number,
                session: i.session.code(),
                standard: i.standard.map(|s| s.code()),
                title: i.title.clone(),
                done: i.done,
            })
            .collect(),
        bodies: ShowOfHandsBody::ALL
            .iter()
            .map(|b| BodyJson {
                body: b.code(),
                members: a
                    .members
                    .iter()
                    .filter(|m| m.body == *b)
                    .map(|m| MemberJson { card: m.card.clone(), name: m.name.clone() })
                    .collect(),
            })
            .collect(),
        votes: a.votes.iter().map(vote_json).collect(),
        present_now: now.map(|n| PresentJson { session: n.session, present: n.present }),
    }
}

async fn whole(scoped: &Scoped<'_>, congress: &Congress) -> ApiResult<Json<AgendaJson>> {
    let agenda = scoped.congresses().agenda(congress).await?;
    let now = scoped.congresses().present_now(congress).await?;
    Ok(Json(agenda_json(&agenda, now)))
}

/// The round of a read.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AgendaQuery {
    /// The round (the latest by default).
    pub round: Option<String>,
}

/// The programme, bodies and votes of the congress, for its readers.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/agenda",
    tag = "congresses",
    operation_id = "congress_agenda",
    params(CodePath, AgendaQuery),
    responses(
        (status = 200, description = "The programme, bodies and votes", body = AgendaJson),
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
    ApiQuery(q): ApiQuery<AgendaQuery>,
) -> ApiResult<Json<AgendaJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = query_round(&scoped, q.round.as_deref()).await?;
    let congress = scoped
        .congresses()
        .congress(&round, &node, today())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress of {} in {}", node.code, round.code)))?;
    whole(&scoped, &congress).await
}

/// An item to add, or the default programme to fill.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    /// Fill the default programme (C-PLAN-8, C-PLAN-6): its items not in
    /// the programme yet; `session` and `title` are then not given.
    #[serde(default)]
    pub fill_default: bool,
    /// `preparatory` or `official`.
    #[schema(example = "official")]
    pub session: Option<String>,
    #[schema(schema_with = super::optional_line_text_schema)]
    pub title: Option<String>,
}

/// Fills the default programme or adds an item (the congress's office),
/// with an audit entry (`congress_programme`): the whole programme.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/agenda/items",
    tag = "congresses",
    operation_id = "add_congress_programme_item",
    params(CodePath),
    request_body = ItemBody,
    responses(
        (status = 200, description = "The programme, bodies and votes", body = AgendaJson),
        (status = 400, description = "Not a code; a malformed body; a refused title (TEXT-1)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan the congress", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "No such round or session; no congress planned; no title", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn add_item(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<ItemBody>,
) -> ApiResult<Json<AgendaJson>> {
    let scoped = caller.scoped();
    let (_, congress) = office(&scoped, &code, &body.round).await?;
    if body.fill_default {
        if body.session.is_some() || body.title.is_some() {
            return Err(ApiError::new(ErrorCode::Unprocessable, "fill_default: give no session or title with it"));
        }
        scoped.congresses().fill_programme(&congress, &caller.address).await?;
    } else {
        let session = body.session.as_deref().unwrap_or_default();
        let session = ProgrammeSession::parse(session).ok_or_else(|| {
            ApiError::new(ErrorCode::Unprocessable, format!("session: {session:?} is not preparatory or official"))
        })?;
        let title = body.title.as_deref().unwrap_or_default();
        if title.trim().is_empty() {
            return Err(ApiError::new(ErrorCode::Unprocessable, "title: missing"));
        }
        scoped.congresses().add_item(&congress, session, title, &caller.address).await?;
    }
    whole(&scoped, &congress).await
}

/// An item marked done or not done.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DoneBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    pub done: bool,
}

/// Marks an item of the programme done, or not done again (the congress's
/// office), with an audit entry; an item already so writes nothing.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/agenda/items/{item}",
    tag = "congresses",
    operation_id = "mark_congress_programme_item",
    params(CodePath, ("item" = u32, Path, description = "The item's number in the programme")),
    request_body = DoneBody,
    responses(
        (status = 200, description = "The programme, bodies and votes", body = AgendaJson),
        (status = 400, description = "Not a code or a number; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan the congress", body = ErrorBody),
        (status = 404, description = "No such organization today or item", body = ErrorBody),
        (status = 422, description = "No such round; no congress planned", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn mark_item(
    caller: ApiCaller,
    ApiPath((code, item)): ApiPath<(String, u32)>,
    ApiJson(body): ApiJson<DoneBody>,
) -> ApiResult<Json<AgendaJson>> {
    let scoped = caller.scoped();
    let (_, congress) = office(&scoped, &code, &body.round).await?;
    scoped.congresses().mark_item(&congress, item, body.done, &caller.address).await?;
    whole(&scoped, &congress).await
}

/// An item moved one place in its session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeMoveBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    /// `earlier` or `later`.
    #[schema(schema_with = move_schema, example = "earlier")]
    pub to: Move,
}

fn move_schema() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some([Move::Earlier.code(), Move::Later.code()]))
        .build()
}

/// Moves an item one place earlier or later in its session (the congress's
/// office), with an audit entry; its number stays. At the session's edge
/// nothing is written.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/agenda/items/{item}/move",
    tag = "congresses",
    operation_id = "move_congress_programme_item",
    params(CodePath, ("item" = u32, Path, description = "The item's number in the programme")),
    request_body = ProgrammeMoveBody,
    responses(
        (status = 200, description = "The programme, bodies and votes", body = AgendaJson),
        (status = 400, description = "Not a code or a number; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan the congress", body = ErrorBody),
        (status = 404, description = "No such organization today or item", body = ErrorBody),
        (status = 422, description = "No such round; no congress planned", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn move_item(
    caller: ApiCaller,
    ApiPath((code, item)): ApiPath<(String, u32)>,
    ApiJson(body): ApiJson<ProgrammeMoveBody>,
) -> ApiResult<Json<AgendaJson>> {
    let scoped = caller.scoped();
    let (_, congress) = office(&scoped, &code, &body.round).await?;
    scoped.congresses().move_item(&congress, item, body.to, &caller.address).await?;
    whole(&scoped, &congress).await
}

/// An item to remove.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeRemoveBody {
    #[schema(example = "2025-2030")]
    pub round: String,
}

/// Removes an item from the programme (the congress's office), with an
/// audit entry: refused once it is done (C-PLAN-6) or voted on (R-BODY-2).
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/agenda/items/{item}/remove",
    tag = "congresses",
    operation_id = "remove_congress_programme_item",
    params(CodePath, ("item" = u32, Path, description = "The item's number in the programme")),
    request_body = ProgrammeRemoveBody,
    responses(
        (status = 200, description = "The programme, bodies and votes", body = AgendaJson),
        (status = 400, description = "Not a code or a number; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan the congress", body = ErrorBody),
        (status = 404, description = "No such organization today or item", body = ErrorBody),
        (status = 422, description = "No such round; no congress planned; the item is done (C-PLAN-6) or voted \
         on (R-BODY-2)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn remove_item(
    caller: ApiCaller,
    ApiPath((code, item)): ApiPath<(String, u32)>,
    ApiJson(body): ApiJson<ProgrammeRemoveBody>,
) -> ApiResult<Json<AgendaJson>> {
    let scoped = caller.scoped();
    let (_, congress) = office(&scoped, &code, &body.round).await?;
    scoped.congresses().remove_item(&congress, item, &caller.address).await?;
    whole(&scoped, &congress).await
}

/// A person to add to a body, by card number.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(example = "002101")]
    pub card: String,
}

/// Adds a person convened to the congress to a body elected by show of
/// hands (the congress's office), with an audit entry
/// (`congress_body_member`); someone not convened, or on the body already,
/// is refused (R-BODY-2).
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/agenda/bodies/{body}/members",
    tag = "congresses",
    operation_id = "add_congress_body_member",
    params(CodePath, ("body" = String, Path, description = "`presidium`, `secretariat`, `credentials_committee` or `vote_counting_board`")),
    request_body = MemberBody,
    responses(
        (status = 200, description = "The programme, bodies and votes", body = AgendaJson),
        (status = 400, description = "Not a code; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan the congress", body = ErrorBody),
        (status = 404, description = "No such organization today or body", body = ErrorBody),
        (status = 422, description = "No such round or card; no congress planned; not convened or a member \
                                      already (R-BODY-2)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn add_member(
    caller: ApiCaller,
    ApiPath((code, body_code)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<MemberBody>,
) -> ApiResult<Json<AgendaJson>> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let which =
        ShowOfHandsBody::parse(&body_code).ok_or_else(|| ApiError::not_found(format!("no body {body_code}")))?;
    let round = body_round(&scoped, &body.round).await?;
    if !may_plan(&scoped, &node) {
        return Err(ApiError::forbidden());
    }
    let congress = planned(&scoped, &round, &node).await?;
    let card = CardNumber::parse(body.card.trim())
        .map_err(|_| ApiError::new(ErrorCode::Unprocessable, format!("card: {:?} is not a card number", body.card)))?;
    scoped
        .congresses()
        .add_body_member(&round, &congress, which, &card, &caller.address)
        .await
        .map_err(body_refusal)?;
    whole(&scoped, &congress).await
}

/// A vote by show of hands: on a body or on a programme item (one of the
/// two), the counts and the presidium's declaration.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoteBody {
    #[schema(example = "2025-2030")]
    pub round: String,
    #[schema(example = "presidium")]
    pub body: Option<String>,
    #[serde(default, deserialize_with = "crate::tasks::api::optional_integer")]
    pub item: Option<u32>,
    #[serde(rename = "for", deserialize_with = "crate::tasks::api::integer")]
    #[schema(example = 48)]
    pub votes_for: u32,
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    #[schema(example = 0)]
    pub against: u32,
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    #[schema(example = 0)]
    pub abstaining: u32,
    /// The number present: only while no session is open (otherwise the
    /// session's check-ins, and a different number is refused, R-BODY-2).
    #[serde(default, deserialize_with = "crate::tasks::api::optional_integer")]
    pub present: Option<u32>,
    /// `adopted` or `not_adopted`.
    #[schema(example = "adopted")]
    pub declared: String,
}

/// Records a vote by show of hands (the congress's office), with an audit
/// entry (`congress_hand_vote`): more hands than present are refused
/// (R-BODY-2); a declaration that disagrees with a simple majority of those
/// present is recorded as declared, with its warning.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/congress/agenda/votes",
    tag = "congresses",
    operation_id = "record_congress_hand_vote",
    params(CodePath),
    request_body = VoteBody,
    responses(
        (status = 200, description = "The vote as recorded", body = VoteJson),
        (status = 400, description = "Not a code; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not plan the congress", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 422, description = "No such round, body or item; no congress planned; more hands than \
                                      present, or no number present (R-BODY-2)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn record_vote(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<VoteBody>,
) -> ApiResult<Json<VoteJson>> {
    let scoped = caller.scoped();
    let (_, congress) = office(&scoped, &code, &body.round).await?;
    let on = match (&body.body, body.item) {
        (Some(b), None) => VoteOn::Body(
            ShowOfHandsBody::parse(b)
                .ok_or_else(|| ApiError::new(ErrorCode::Unprocessable, format!("body: no body {b:?}")))?,
        ),
        (None, Some(n)) => VoteOn::Item(n),
        _ => return Err(ApiError::new(ErrorCode::Unprocessable, "give one of body and item")),
    };
    let declared = Declared::parse(&body.declared).ok_or_else(|| {
        ApiError::new(ErrorCode::Unprocessable, format!("declared: {:?} is not adopted or not_adopted", body.declared))
    })?;
    let new = NewHandVote {
        on,
        votes_for: body.votes_for,
        against: body.against,
        abstaining: body.abstaining,
        present: body.present,
        declared,
    };
    let recorded = scoped.congresses().record_vote(&congress, &new, &caller.address).await.map_err(body_refusal)?;
    Ok(Json(vote_json(&recorded)))
}
