//! `POST /api/v1/documents/{id}/links`: links a document to another.

use axum::Json;
use serde::Deserialize;
use utoipa::ToSchema;

use super::show::Link;
use super::{DocumentSummary, find, id_param};
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody, ErrorCode};
use crate::api::schema::NUMBER_MAX_CHARS;

/// A link to add, as the page's form takes it: the relation as seen from
/// this document, and the other document's number and date (D-NUM-5).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLink {
    #[schema(schema_with = crate::api::schema::link_kind)]
    pub kind: String,
    #[schema(schema_with = crate::api::schema::document_number_input)]
    pub number: String,
    /// The other document's issue date (`yyyy-mm-dd`).
    #[schema(format = Date, example = "2024-07-23")]
    pub issued_on: String,
}

/// Links this document to another registered one (D-LINK-1: not to
/// itself, no circle of replacements), as the document's page does; the
/// caller writes in this document's register and is cleared for both. The
/// same link twice is kept once. One audit entry (`document_link`) for a
/// new link. A document the caller is not cleared for is answered as one
/// that does not exist (T-6).
#[utoipa::path(
    post,
    path = "/api/v1/documents/{id}/links",
    tag = "documents",
    operation_id = "link_document",
    params(("id" = i64, Path, description = "Document id", minimum = 1)),
    request_body = NewLink,
    responses(
        (status = 200, description = "The document's links, both ways, after the change", body = [Link]),
        (status = 400, description = "A bad id, kind, number or date; a malformed or unknown JSON body",
         body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write in its register, or is not cleared for it",
         body = ErrorBody),
        (status = 404, description = "No such document", body = ErrorBody),
        (status = 422, description = "No registered document with this number and date (that the caller may \
                                      see); a link to itself or a circle of replacements (D-LINK-1)",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn link(
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewLink>,
) -> ApiResult<Json<Vec<Link>>> {
    let (kind, direction) = daihoi_documents::LinkKind::from_code(&body.kind)
        .ok_or_else(|| ApiError::bad_request(format!("kind: {:?} is not a link kind", body.kind)))?;
    if body.number.is_empty() || body.number.chars().count() > NUMBER_MAX_CHARS {
        return Err(ApiError::bad_request(format!("number: empty or more than {NUMBER_MAX_CHARS} characters")));
    }
    let issued_on = super::register::date_param("issued_on", &body.issued_on)?;
    let scoped = caller.scoped();
    let d = find(&scoped, id_param(id)?).await?;
    let today = crate::page::today();
    if scoped.documents().document_register(&d, today).await?.is_none() {
        return Err(ApiError::forbidden());
    }
    let registry = daihoi_documents::Registry::default_party();
    let other = match daihoi_documents::parse_number(&body.number, &registry) {
        Ok(p) => {
            let n = &p.number;
            scoped
                .documents()
                .document_by_identity(n.issuer().as_str(), n.doc_type().as_str(), n.number(), issued_on)
                .await?
        }
        Err(_) => None,
    };
    let Some(other) = other else {
        return Err(ApiError::new(
            ErrorCode::Unprocessable,
            "no registered document with this number and date (number, issued_on)",
        ));
    };
    scoped.documents().link_documents(&d, &other, kind, direction, today, &caller.address).await.map_err(
        |e| match e {
            daihoi_store::StoreError::BadLink(why) => ApiError {
                rule: Some("D-LINK-1"),
                ..ApiError::new(ErrorCode::Unprocessable, format!("D-LINK-1: {why}"))
            },
            e => e.into(),
        },
    )?;
    let links = scoped.documents().document_links(&d).await?;
    Ok(Json(
        links
            .iter()
            .map(|l| Link { kind: l.kind.code_in(l.direction).to_owned(), document: DocumentSummary::from(&l.other) })
            .collect(),
    ))
}
