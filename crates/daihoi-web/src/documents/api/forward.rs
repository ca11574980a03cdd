//! `POST /api/v1/documents/{id}/forwards`: sends copies to organizations below.

use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::incoming::ForwardView;
use super::{find, id_param, unknown_org};
use crate::api::auth::ApiCaller;
use crate::api::code_param;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody};

/// The most organizations one request forwards to.
const MOST_RECIPIENTS: usize = 2_000;

/// Copies to send, as the document page's form takes them.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewForwardBody {
    /// The organization sending: its register holds the document and the
    /// caller writes there.
    #[schema(schema_with = crate::api::schema::org_code)]
    pub from: String,
    /// The recipients: organizations below it (existing today).
    #[schema(schema_with = recipients)]
    pub to: Vec<String>,
    /// The day they were sent (default today): not before the document
    /// was issued, not after today.
    #[schema(format = Date, example = "2024-10-17")]
    pub on: Option<String>,
}

fn recipients() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(crate::api::schema::org_code_object("An organization below the sender, existing today."))
        .min_items(Some(1))
        .max_items(Some(MOST_RECIPIENTS))
        .description(Some("The recipients, by code: 1 to 2,000 organizations below the sender."))
        .build()
}

/// What was sent.
#[derive(Debug, Serialize, ToSchema)]
pub struct Forwarded {
    /// How many copies are new (a document goes to an organization once).
    pub new: u64,
    /// The document's forwards after the change, as far as the caller reads.
    pub forwards: Vec<ForwardView>,
}

/// Sends copies of the document, with an audit entry for each new one
/// (`document_forward`); the recipients' offices then find it in their
/// inbox until they receive it.
#[utoipa::path(
    post,
    path = "/api/v1/documents/{id}/forwards",
    tag = "documents",
    operation_id = "forward_document",
    params(("id" = i64, Path, description = "Document id", minimum = 1)),
    request_body = NewForwardBody,
    responses(
        (status = 200, description = "Sent", body = Forwarded),
        (status = 400, description = "A bad id, code or date; no recipient or too many; a malformed or unknown JSON body",
         body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write in the sending register, or is not cleared for the \
                                      document", body = ErrorBody),
        (status = 404, description = "No such document", body = ErrorBody),
        (status = 422, description = "An organization of the body that does not exist today (or that the caller \
                                      does not reach); the sending register does not hold it, a recipient is not \
                                      below it, or a day before the document was issued or after today",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn forward(
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewForwardBody>,
) -> ApiResult<Json<Forwarded>> {
    if body.to.is_empty() || body.to.len() > MOST_RECIPIENTS {
        return Err(ApiError::bad_request(format!("to: 1 to {MOST_RECIPIENTS} organization codes")));
    }
    let from = code_param("from", &body.from)?;
    let codes = body.to.iter().map(|c| code_param("to", c)).collect::<ApiResult<Vec<_>>>()?;
    let today = crate::page::today();
    let on = match body.on.as_deref() {
        Some(text) => super::register::date_param("on", text)?,
        None => today,
    };
    let scoped = caller.scoped();
    let d = find(&scoped, id_param(id)?).await?;
    let from = scoped.orgs().org(&from, today).await?.ok_or_else(|| unknown_org("from", &from))?;
    let mut to = Vec::with_capacity(codes.len());
    for code in &codes {
        match scoped.orgs().org(code, today).await {
            Ok(Some(n)) => to.push(n),
            // A recipient outside the caller's reach is refused as not below.
            Ok(None) | Err(daihoi_store::StoreError::Forbidden(_)) => return Err(unknown_org("to", code)),
            Err(e) => return Err(e.into()),
        }
    }
    let new = scoped.documents().forward(&d, &from, &to, on, &caller.address).await?;
    let forwards = scoped.documents().forwards(&d).await?.iter().map(ForwardView::from).collect();
    Ok(Json(Forwarded { new: new as u64, forwards }))
}
