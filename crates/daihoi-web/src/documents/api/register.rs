//! `POST /api/v1/documents`: registers a document.

use axum::Json;
use axum::http::{StatusCode, header};
use daihoi_store::StoreError;
use daihoi_store::documents::{Classification, NewDocument};
use serde::Deserialize;
use utoipa::ToSchema;

use super::DocumentSummary;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiResult, ErrorBody, ErrorCode};
use crate::api::schema::{NUMBER_MAX_CHARS, paragraphs_problem};
use crate::api::{code_param, optional_date};

/// A document to register, as the page's form takes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterDocument {
    /// The organization whose register holds it: one the caller's roles
    /// that write are bound to (the page's list of registers).
    #[schema(schema_with = crate::api::schema::org_code)]
    pub register: String,
    #[schema(schema_with = crate::api::schema::document_number_input)]
    pub number: String,
    /// The issue date (`yyyy-mm-dd`).
    #[schema(format = Date, example = "2025-01-15")]
    pub issued_on: String,
    #[schema(schema_with = crate::api::schema::title_input)]
    pub title: String,
    #[schema(schema_with = crate::api::schema::paragraphs_input)]
    pub summary: Option<String>,
    #[schema(schema_with = classification_input)]
    pub classification: Option<String>,
    /// Register even though the number was read with warnings (D-NUM-2:
    /// `QD` read as `QĐ`; D-NUM-4: an issuer in no registry), as the page's
    /// confirmation does. Absent or `false`: such a number is refused with
    /// 422 naming the warnings and the number as it would be stored.
    #[serde(default)]
    pub accept_warnings: bool,
}

fn classification_input() -> utoipa::openapi::schema::Object {
    crate::api::schema::classification_or_null(
        "Who may read it (T-6): `normal` (absent or `null`), `confidential` or `secret`; at most the caller's \
         clearance.",
    )
}

/// A classification code (absent: `normal`).
pub(crate) fn classification_param(name: &str, text: Option<&str>) -> ApiResult<Option<Classification>> {
    match text {
        None => Ok(None),
        Some(code) => {
            crate::api::enum_field(name, Some(code), &Classification::ALL.map(Classification::code))?;
            Ok(Classification::from_code(code))
        }
    }
}

/// A required date field.
pub(crate) fn date_param(name: &str, text: &str) -> ApiResult<time::Date> {
    optional_date(name, Some(text))
}

/// Checks a text of several lines as the document's pattern says (TEXT-1).
pub(crate) fn paragraphs_param(name: &'static str, text: &str) -> ApiResult<()> {
    match paragraphs_problem(text) {
        Some(c) => Err(StoreError::BadText {
            field: name,
            problem: daihoi_core::text::TextProblem::Forbidden {
                character: c,
                position: text.chars().position(|x| x == c).unwrap_or(0) + 1,
            },
        }
        .into()),
        None => Ok(()),
    }
}

/// A refusal of a number by D-NUM-1…4, with the rule.
pub(crate) fn number_refusal(message: String) -> ApiError {
    let rule = ["D-NUM-1", "D-NUM-2", "D-NUM-3", "D-NUM-4"].into_iter().find(|r| message.starts_with(r));
    ApiError { rule, ..ApiError::new(ErrorCode::Unprocessable, message) }
}

/// Registers a document in the register of an organization where the
/// caller writes, as the `/documents` form does: the number is read by
/// D-NUM-1…4 and its identity must be new (D-NUM-5); one audit entry
/// (`document_register`) with the caller's address.
#[utoipa::path(
    post,
    path = "/api/v1/documents",
    tag = "documents",
    operation_id = "register_document",
    request_body = RegisterDocument,
    responses(
        (status = 201, description = "Registered; `Location` is its URL", body = DocumentSummary,
         headers(("location" = String, description = "/api/v1/documents/{id}"))),
        (status = 400, description = "A bad field: not a code, not a date, a title or summary refused by \
                                      TEXT-1, an unknown classification, a malformed or unknown JSON body",
         body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller writes in no register, or is not cleared for the \
                                      classification (T-6)", body = ErrorBody),
        (status = 409, description = "A document with this issuer, type, number and date is registered \
                                      (D-NUM-5)", body = ErrorBody),
        (status = 422, description = "The number is refused (D-NUM-1, D-NUM-3) or read with warnings not \
                                      accepted (D-NUM-2…4); `register` is not one of the caller's registers",
         body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn register(
    caller: ApiCaller,
    ApiJson(body): ApiJson<RegisterDocument>,
) -> ApiResult<(StatusCode, [(header::HeaderName, String); 1], Json<DocumentSummary>)> {
    let code = code_param("register", &body.register)?;
    if body.number.is_empty() || body.number.chars().count() > NUMBER_MAX_CHARS {
        return Err(ApiError::bad_request(format!("number: empty or more than {NUMBER_MAX_CHARS} characters")));
    }
    let issued_on = date_param("issued_on", &body.issued_on)?;
    let title = daihoi_core::text::line(&body.title, daihoi_core::text::TITLE_MAX_CHARS)
        .map_err(|problem| StoreError::BadText { field: "title", problem })?;
    let summary = body.summary.as_deref().unwrap_or("");
    paragraphs_param("summary", summary)?;
    let summary = daihoi_core::text::paragraphs(summary, daihoi_core::text::NOTE_MAX_CHARS)
        .map_err(|problem| StoreError::BadText { field: "summary", problem })?;
    let classification =
        classification_param("classification", body.classification.as_deref())?.unwrap_or(Classification::Normal);
    let today = crate::page::today();
    let scoped = caller.scoped();
    let registers = scoped.documents().writable_registers(today).await?;
    if registers.is_empty() {
        return Err(ApiError::forbidden());
    }
    let registry = daihoi_documents::Registry::default_party();
    let parsed =
        daihoi_documents::parse_dated(&body.number, &registry, issued_on).map_err(|e| number_refusal(e.to_string()))?;
    let Some(register) = registers.iter().find(|n| n.code == code) else {
        let yours: Vec<String> = registers.iter().map(|n| n.code.to_string()).collect();
        return Err(ApiError::new(
            ErrorCode::Unprocessable,
            format!("register: {code} is not a register where you write (yours: {})", yours.join(", ")),
        ));
    };
    if !parsed.warnings.is_empty() && !body.accept_warnings {
        let warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
        return Err(number_refusal(format!(
            "{}; it would be registered as {} (send \"accept_warnings\": true to register it so)",
            warnings.join("; "),
            parsed.number
        )));
    }
    let number = &parsed.number;
    let number_text = number.number_text();
    let new = NewDocument {
        doc_type: number.doc_type().as_str(),
        issuer: number.issuer().as_str(),
        number: number.number(),
        number_text: &number_text,
        issued_on,
        title,
        summary,
        classification,
        org: None,
    };
    let d = scoped.documents().register_document(register, &new, &caller.address).await?;
    let location = format!("/api/v1/documents/{}", d.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(DocumentSummary::from(&d))))
}
