//! `GET /api/v1/orgs/{code}/congress/credentials` and `GET
//! /api/v1/orgs/{code}/congress/cards`: the credentials committee's report
//! (PDF or `.docx`) and the delegate cards (PDF), as the pages print them
//! (`congresses::prints`), through the same facet: for the roll's readers.

use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;

use super::query_round;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ApiPath, ApiQuery, ApiResult, ErrorBody, ErrorCode};
use crate::api::{CodePath, enum_field};
use crate::congresses::prints::{cards_file, delegate_cards, report_file};
use crate::i18n::Tr;
use crate::orgs::api::find;
use crate::page::today;
use crate::party::{ListFormat, report_download};

const FORMATS: [&str; 2] = ["pdf", "docx"];

fn format_schema() -> utoipa::openapi::schema::Object {
    crate::tasks::api::string_enum(FORMATS, "`pdf` (default) or `docx`: the same text, for Word.", false)
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The round's code (default: the latest round).
    #[param(example = "2025-2030")]
    pub round: Option<String>,
    #[param(schema_with = format_schema)]
    pub format: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CardsQuery {
    /// The round's code (default: the latest round).
    #[param(example = "2025-2030")]
    pub round: Option<String>,
    /// The part of the cards, from 1: 2,000 cards a part, in the roll's
    /// order (default 1).
    #[param(minimum = 1)]
    pub part: Option<u32>,
}

/// A file the printer could not make: logged, 500.
fn print_failed(e: String) -> ApiError {
    tracing::error!(error = %e, "API: a congress print could not be made");
    ApiError::new(ErrorCode::Internal, "internal error")
}

/// The credentials committee's report (báo cáo thẩm tra tư cách đại biểu)
/// on the organization's congress in a round, in the layout of Party
/// documents (Hướng dẫn 36-HD/VPTW), in Vietnamese, for the roll's
/// readers: those convened by mode (C-DEL-7, C-DEL-8), official and
/// alternate (C-DEL-10), women, ethnic minorities, age and Party
/// seniority bands, C-DEL-9's exclusions with case and document, and a
/// conclusion left for the committee to write.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/credentials",
    tag = "congresses",
    operation_id = "congress_credentials_report",
    params(CodePath, ReportQuery),
    responses(
        (status = 200, description = "The report", content(
            (Vec<u8> = "application/pdf"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ), headers(("content-disposition" = String, description = "`attachment` with its name"))),
        (status = 400, description = "Not a code; a bad format", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today or round; no congress planned", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn credentials_report(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> ApiResult<Response> {
    enum_field("format", q.format.as_deref(), &FORMATS)?;
    let format = q.format.as_deref().and_then(ListFormat::parse).unwrap_or(ListFormat::Pdf);
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = query_round(&scoped, q.round.as_deref()).await?;
    let congress = scoped
        .congresses()
        .congress(&round, &node, today())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress of {} in {}", node.code, round.code)))?;
    let (roll, figures) = scoped.congresses().credentials(&round, &congress).await?;
    let report =
        crate::congresses::prints::credentials_report(Tr::default(), &round, &congress, &roll, &figures, today());
    Ok(report_download(report_file(report, &node, format).await.map_err(print_failed)?))
}

/// The delegate cards (thẻ đại biểu) of those convened to the
/// organization's congress (none for C-DEL-9's excluded), eight to an A4
/// page, each with the QR code of its card number, the text the check-in
/// takes; for the roll's readers. 2,000 cards a part.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{code}/congress/cards",
    tag = "congresses",
    operation_id = "congress_delegate_cards",
    params(CodePath, CardsQuery),
    responses(
        (status = 200, description = "The cards", content((Vec<u8> = "application/pdf")),
         headers(("content-disposition" = String, description = "`attachment` with its name"))),
        (status = 400, description = "Not a code; a part that is not a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller's roles do not reach the organization", body = ErrorBody),
        (status = 404, description = "No such organization today or round; no congress planned; no one \
                                      convened in that part", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn cards(
    caller: ApiCaller,
    ApiPath(code): ApiPath<String>,
    ApiQuery(q): ApiQuery<CardsQuery>,
) -> ApiResult<Response> {
    let scoped = caller.scoped();
    let node = find(&scoped, &code, today()).await?;
    let round = query_round(&scoped, q.round.as_deref()).await?;
    let congress = scoped
        .congresses()
        .congress(&round, &node, today())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no congress of {} in {}", node.code, round.code)))?;
    let roll = scoped.congresses().roll(&round, &congress).await?;
    let part = q.part.unwrap_or(1) as usize;
    let cards = delegate_cards(Tr::default(), &round, &congress, &roll, part)
        .ok_or_else(|| ApiError::not_found(format!("no one convened in part {part}")))?;
    Ok(report_download(cards_file(cards, &node, part).await.map_err(print_failed)?))
}
