//! A delegate through the API: sign-in with card number and PIN (a pass's
//! token for `Authorization: Bearer`), the vote open, and the ballot, as
//! the delegate's page does, through the same facet. The ballot is
//! answered only once it is durably stored; a retry gets the same
//! acknowledgement.

use axum::Json;
use axum::extract::State;
use daihoi_store::elections::floor::{Choice, FloorSignIn};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::super::live;
use super::office::{FloorVoteJson, vote_json};
use crate::access::{AppState, FloorApiDelegate};
use crate::accounts::pages::Address;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody, ErrorCode};

/// A delegate's card number and PIN.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignInBody {
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub card: String,
    #[schema(schema_with = crate::congresses::api::line_text_schema)]
    pub pin: String,
}

/// A pass: its token goes in `Authorization: Bearer` until it expires.
#[derive(Debug, Serialize, ToSchema)]
pub struct PassJson {
    pub token: String,
    pub congress: i64,
    pub card: String,
    pub name: String,
}

/// The vote open for a delegate, if any.
#[derive(Debug, Serialize, ToSchema)]
pub struct DelegateJson {
    pub card: String,
    /// The vote open now (its count is the office's), if any.
    pub vote: Option<DelegateVoteJson>,
}

/// A vote as a delegate sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct DelegateVoteJson {
    pub number: u32,
    #[schema(example = "presidium")]
    pub body: Option<&'static str>,
    pub item: Option<u32>,
    pub secret: bool,
    pub question: Option<String>,
    /// Checked in when the vote opened: may vote.
    pub eligible: bool,
    pub voted: bool,
}

/// A ballot: the vote, the choice, and for a secret ballot the voter's
/// receipt code (16 to 64 hexadecimal digits; a retry sends the same).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BallotBody {
    #[serde(deserialize_with = "crate::tasks::api::integer")]
    pub vote: u32,
    /// `for`, `against` or `abstain`.
    #[schema(example = "for")]
    pub choice: String,
    #[schema(schema_with = crate::congresses::api::optional_line_text_schema)]
    pub receipt: Option<String>,
}

/// The acknowledgement of a ballot durably stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct AckJson {
    pub vote: u32,
    #[schema(example = "for")]
    pub choice: &'static str,
    /// A named vote's acknowledgement code; a secret ballot's receipt code.
    pub ack: String,
    /// Stored by an earlier request: this one is a retry.
    pub again: bool,
}

/// Signs a delegate in to the congress's floor votes with card number and
/// PIN: a pass, bound to the congress and the person, that expires.
#[utoipa::path(
    post,
    path = "/api/v1/floor/{congress}/sign-in",
    tag = "congresses",
    operation_id = "floor_sign_in",
    params(("congress" = i64, Path, description = "The congress's id")),
    request_body = SignInBody,
    security(()),
    responses(
        (status = 200, description = "The pass", body = PassJson),
        (status = 400, description = "Not a number; a malformed body", body = ErrorBody),
        (status = 401, description = "Wrong card or PIN, or floor votes off", body = ErrorBody),
        (status = 422, description = "Too many wrong PINs: the office issues another", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn sign_in(
    State(app): State<AppState>,
    Address(address): Address,
    ApiPath(congress): ApiPath<i64>,
    ApiJson(body): ApiJson<SignInBody>,
) -> ApiResult<Json<PassJson>> {
    match app.floor_sign_in(congress, &body.card, &body.pin, &address).await? {
        FloorSignIn::Accepted { token, pass } => Ok(Json(PassJson {
            token,
            congress: pass.congress_id(),
            card: pass.card().to_owned(),
            name: pass.name().to_owned(),
        })),
        FloorSignIn::Refused => Err(ApiError::unauthorized()),
        FloorSignIn::Locked => Err(ApiError::new(ErrorCode::Unprocessable, "too many wrong PINs: ask for another")),
    }
}

/// The vote open in the delegate's congress and whether they voted.
#[utoipa::path(
    get,
    path = "/api/v1/floor/{congress}",
    tag = "congresses",
    operation_id = "floor_delegate",
    params(("congress" = i64, Path, description = "The congress's id")),
    responses(
        (status = 200, description = "The vote open", body = DelegateJson),
        (status = 400, description = "Not a number", body = ErrorBody),
        (status = 401, description = "No valid pass", body = ErrorBody),
        (status = 403, description = "A pass of another congress", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn show(
    FloorApiDelegate(d): FloorApiDelegate,
    ApiPath(congress): ApiPath<i64>,
) -> ApiResult<Json<DelegateJson>> {
    if d.pass().congress_id() != congress {
        return Err(ApiError::forbidden());
    }
    let view = d.scoped().floor_votes().for_delegate(d.pass()).await?;
    let vote = view.vote.map(|v| {
        let j: FloorVoteJson = vote_json(&v, &Default::default());
        DelegateVoteJson {
            number: j.number,
            body: j.body,
            item: j.item,
            secret: j.secret,
            question: j.question,
            eligible: view.eligible,
            voted: view.voted,
        }
    });
    Ok(Json(DelegateJson { card: d.pass().card().to_owned(), vote }))
}

/// The delegate's ballot on an open vote of their congress: answered once
/// durably stored (audit entry `floor_ballot`, or `floor_secret_ballot`
/// without the choice); a retry gets the same acknowledgement and stores
/// nothing; another choice after a ballot is refused.
#[utoipa::path(
    post,
    path = "/api/v1/floor/{congress}/ballot",
    tag = "congresses",
    operation_id = "floor_ballot",
    params(("congress" = i64, Path, description = "The congress's id")),
    request_body = BallotBody,
    responses(
        (status = 200, description = "The acknowledgement", body = AckJson),
        (status = 400, description = "Not a number; a malformed body", body = ErrorBody),
        (status = 401, description = "No valid pass", body = ErrorBody),
        (status = 403, description = "A pass of another congress", body = ErrorBody),
        (status = 404, description = "No such vote", body = ErrorBody),
        (status = 422, description = "Not a choice; the vote is closed or of the other kind; not checked \
                                      in when it opened; voted otherwise already; a bad receipt code \
                                      (R-BODY-2)", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn ballot(
    FloorApiDelegate(d): FloorApiDelegate,
    ApiPath(congress): ApiPath<i64>,
    ApiJson(body): ApiJson<BallotBody>,
) -> ApiResult<Json<AckJson>> {
    if d.pass().congress_id() != congress {
        return Err(ApiError::forbidden());
    }
    let choice = Choice::parse(body.choice.trim()).ok_or_else(|| {
        ApiError::new(ErrorCode::Unprocessable, format!("choice: {:?} is not for, against or abstain", body.choice))
    })?;
    let f = d.scoped().floor_votes();
    let cast = match body.receipt.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        None => f.cast(d.pass(), body.vote, choice, &d.address).await?,
        Some(r) => f.cast_secret(d.pass(), body.vote, choice, r, &d.address).await?,
    };
    if !cast.again {
        live::ballot_stored();
    }
    Ok(Json(AckJson { vote: cast.number, choice: cast.choice.code(), ack: cast.ack, again: cast.again }))
}
