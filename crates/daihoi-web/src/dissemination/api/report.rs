//! `GET /api/v1/documents/{id}/dissemination-report`: the page's report on
//! a document's dissemination in a subtree, as a Party document (PDF or
//! `.docx`).

use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa::openapi::Required;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};

use crate::api::auth::ApiCaller;
use crate::api::enum_field;
use crate::api::error::{ApiError, ApiPath, ApiQuery, ApiResult, ErrorBody, ErrorCode};
use crate::documents::api::{find, id_param};
use crate::i18n::Tr;
use crate::page::today;
use crate::party::ListFormat;
use crate::party::report_download;

const FORMATS: [&str; 2] = ["pdf", "docx"];

fn format_schema() -> utoipa::openapi::schema::Object {
    crate::tasks::api::string_enum(FORMATS, "`pdf` (default) or `docx`: the same text, for Word.", false)
}

/// `org` and `format`, written by hand: utoipa drops `required` from a
/// parameter whose schema is given by a function, and `org` is required.
#[derive(Debug, Default, Deserialize)]
pub struct DisseminationReportQuery {
    pub org: String,
    pub format: Option<String>,
}

impl IntoParams for DisseminationReportQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            ParameterBuilder::new()
                .name("org")
                .parameter_in(ParameterIn::Query)
                .required(Required::True)
                .description(Some("The subtree's root: an organization whose page the caller reads."))
                .schema(Some(crate::api::schema::org_code()))
                .build(),
            ParameterBuilder::new()
                .name("format")
                .parameter_in(ParameterIn::Query)
                .required(Required::False)
                .schema(Some(format_schema()))
                .build(),
        ]
    }
}

/// The report on a document's dissemination (báo cáo kết quả học tập,
/// quán triệt) in the subtree of `org` today, in the layout of Party
/// documents (Hướng dẫn 36-HD/VPTW), in Vietnamese: the members and cells
/// reached (the document page's coverage), the conferences that reached
/// the subtree (those held by an organization whose page the caller does
/// not read are counted only; those classified above the caller's
/// clearance left out), the figures of each organization directly under
/// `org`, and the first 300 cells not reached yet (none for a replaced
/// document).
#[utoipa::path(
    get,
    path = "/api/v1/documents/{id}/dissemination-report",
    tag = "disseminations",
    operation_id = "dissemination_report",
    params(("id" = i64, Path, description = "Document id", minimum = 1), DisseminationReportQuery),
    responses(
        (status = 200, description = "The report", content(
            (Vec<u8> = "application/pdf"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ), headers(("content-disposition" = String, description = "`attachment` with its name"))),
        (status = 400, description = "An id that is not a positive number; not a code; a bad format", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The caller is not cleared for the document (T-6), or does not read the \
                                      organization's conferences", body = ErrorBody),
        (status = 404, description = "No such document, or no such organization today", body = ErrorBody),
        (status = 500, description = "The server failed; the cause is in its log", body = ErrorBody),
    )
)]
pub async fn dissemination_report(
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<DisseminationReportQuery>,
) -> ApiResult<Response> {
    let day = today();
    enum_field("format", query.format.as_deref(), &FORMATS)?;
    let format = query.format.as_deref().and_then(ListFormat::parse).unwrap_or(ListFormat::Pdf);
    let scoped = caller.scoped();
    let document = find(&scoped, id_param(id)?).await?;
    crate::api::code_param("org", &query.org)?;
    let node = crate::orgs::api::find(&scoped, &query.org, day).await?;
    let figures = crate::dissemination::report::dissemination_figures(&scoped, &document, &node, day).await?;
    let report = crate::dissemination::report::dissemination_report(Tr::default(), &document, &node, &figures, day);
    let file =
        crate::dissemination::report::dissemination_file(report, &document, &node, format).await.map_err(|e| {
            tracing::error!(error = %e, "API: the dissemination report could not be printed");
            ApiError::new(ErrorCode::Internal, "internal error")
        })?;
    Ok(report_download(file))
}
