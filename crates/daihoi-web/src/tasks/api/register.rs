//! `POST /api/v1/orgs/{code}/tracking/report/register`: the periodic report
//! registered as an outgoing document (vào sổ văn bản đi, issue 14 §6),
//! whose number its files then carry (`registered=` on the report).

use axum::Json;
use axum::http::{StatusCode, header};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiJson, ApiPath, ApiResult, ErrorBody};
use crate::api::{CodePath, date_text};
use crate::i18n::Tr;
use crate::orgs::api::find;
use crate::page::today;
use crate::tasks::report::register_report;

/// The highest number a report may be given (a register numbers by year).
const MAX_NUMBER: i64 = 999_999;

/// The report to register: its kind and day as the report's query gives
/// them, and the number, or none for the register's next.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterReportBody {
    /// The kind of report (default `quarterly`).
    #[schema(schema_with = super::report::period_schema)]
    pub period: Option<String>,
    /// A day: the report is of the latest period of its kind begun by it;
    /// absent: today.
    #[schema(schema_with = super::optional_date_schema)]
    pub date: Option<String>,
    /// The number, from 1; absent or null: the next report (BC) number of
    /// the organization's register for the year.
    #[schema(value_type = Option<u32>, minimum = 1, maximum = 999999)]
    pub number: Option<serde_json::Number>,
}

/// The report as registered.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegisteredReport {
    /// The document's id in the register: `registered=` on the report.
    pub id: i64,
    /// Its number as written: `12-BC/TU`.
    pub number: String,
    /// The day it was issued (today).
    #[schema(format = Date)]
    pub issued_on: String,
    pub title: String,
    /// The report's files with this number: add `format=pdf|docx|xlsx`.
    pub report: String,
}

/// Registers the report of the period in the organization's register as
/// a report (BC) issued today, titled with its period, with its audit
/// entry (`document_register`). Who may: a writer of that register (as for
/// any document registered there).
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{code}/tracking/report/register",
    tag = "tasks",
    operation_id = "register_report",
    params(CodePath),
    request_body = RegisterReportBody,
    responses(
        (status = 201, description = "Registered; `Location` is the document's URL", body = RegisteredReport,
         headers(("location" = String, description = "/api/v1/documents/{id}"))),
        (status = 400, description = "Not a code; a bad period, date or number; a malformed JSON body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller does not write in the organization's register", body = ErrorBody),
        (status = 404, description = "No such organization today", body = ErrorBody),
        (status = 409, description = "The register has a report of this number issued today (D-NUM-5)", body = ErrorBody),
        (status = 422, description = "The period has not begun yet, or is outside the calendar", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn register(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<RegisterReportBody>,
) -> ApiResult<(StatusCode, [(header::HeaderName, String); 1], Json<RegisteredReport>)> {
    let today = today();
    let (_, day, period) = super::report::chosen_period(body.period.as_deref(), body.date.as_deref(), today)?;
    let number = match &body.number {
        None => None,
        Some(n) => Some(
            crate::api::json_integer(n)
                .filter(|v| (1..=MAX_NUMBER).contains(v))
                .and_then(|v| u32::try_from(v).ok())
                .ok_or_else(|| {
                    ApiError::bad_request(format!("number: {n} is not a whole number from 1 to {MAX_NUMBER}"))
                })?,
        ),
    };
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today).await?;
    let document = register_report(&scoped, Tr::default(), &node, &period, number, today, &caller.address).await?;
    let kind_code = body.period.as_deref().unwrap_or("quarterly");
    let report = format!(
        "/api/v1/orgs/{}/tracking/report?period={kind_code}&date={}&registered={}",
        node.code,
        date_text(day),
        document.id
    );
    let location = format!("/api/v1/documents/{}", document.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(RegisteredReport {
            id: document.id,
            number: document.number_label(),
            issued_on: date_text(document.issued_on),
            title: document.title,
            report,
        }),
    ))
}
