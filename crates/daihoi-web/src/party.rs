//! The frame of the Party documents the web prints (Hướng dẫn 36-HD/VPTW:
//! the committee and the number top left, the Party's name and the place
//! and date top right, the signature block and the recipients), taken from
//! the issuing organization, and the files as downloads: shared by the
//! periodic report and the task list (`tasks`) and the report on a
//! document's dissemination (`dissemination`).

use axum::http::header;
use axum::response::{IntoResponse, Response};
use time::Date;

use crate::i18n::Tr;

/// A report file: its bytes, media type and file name.
pub(crate) struct ReportFile {
    pub bytes: Vec<u8>,
    pub media: &'static str,
    pub file_name: String,
}

/// The media type of the report's workbook.
pub(crate) const XLSX_MEDIA: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// The media type of the report's Word file.
pub(crate) const DOCX_MEDIA: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A report file as a download.
pub(crate) fn report_download(file: ReportFile) -> Response {
    let disposition = crate::download::attachment(&file.file_name);
    (
        [
            (header::CONTENT_TYPE, file.media.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        file.bytes,
    )
        .into_response()
}

/// A report file as an API answer: the download, 400 for a format the
/// report is not written in (`None`), 500 when it could not be printed
/// (the cause logged with `what`).
pub(crate) fn api_download(
    file: Result<Option<ReportFile>, String>,
    what: &str,
) -> crate::api::error::ApiResult<Response> {
    use crate::api::error::ApiError;
    let file = file
        .map_err(|e| {
            tracing::error!(error = %e, "{what} could not be printed");
            ApiError::internal()
        })?
        .ok_or_else(|| ApiError::bad_request("format: expected pdf, docx or xlsx"))?;
    Ok(report_download(file))
}

/// The place of a committee in the place and date of its documents
/// (Hướng dẫn 36-HD/VPTW: "Quảng Ninh, ngày …"): the name of the locality
/// that follows the kind of party body in the organization's name
/// ("Đảng bộ tỉnh Quảng Ninh" gives "Quảng Ninh"); `None` when the name
/// holds no locality (a grassroots committee of an agency): the clerk writes
/// it in.
pub(crate) fn place_of(name: &str) -> Option<String> {
    const LOCALITIES: [&str; 9] =
        ["tỉnh ", "thành phố ", "huyện ", "quận ", "thị xã ", "xã ", "phường ", "đặc khu ", "thị trấn "];
    let rest = name.trim().strip_prefix("Đảng bộ ")?;
    LOCALITIES.iter().find_map(|l| rest.strip_prefix(l)).map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned)
}

/// The committee that issues a party body's documents, in capitals
/// (Hướng dẫn 36-HD/VPTW): "Đảng bộ tỉnh Quảng Ninh" gives "TỈNH ỦY QUẢNG
/// NINH", "Đảng bộ huyện Đầm Hà" "HUYỆN ỦY ĐẦM HÀ", "Đảng bộ xã Quảng Tân"
/// "ĐẢNG ỦY XÃ QUẢNG TÂN"; any other name (a cell, an agency's committee)
/// as it is, in capitals.
fn committee_of(name: &str) -> String {
    committee_named(name).to_uppercase()
}

/// The committee of a party body as a line of text names it (a recipient:
/// "Tỉnh ủy Quảng Ninh", "Đảng ủy xã Quảng Tân"); any other name as it is.
pub(crate) fn committee_named(name: &str) -> String {
    const COMMITTEES: [(&str, &str); 9] = [
        ("Đảng bộ tỉnh ", "Tỉnh ủy "),
        ("Đảng bộ thành phố ", "Thành ủy "),
        ("Đảng bộ huyện ", "Huyện ủy "),
        ("Đảng bộ quận ", "Quận ủy "),
        ("Đảng bộ thị xã ", "Thị ủy "),
        ("Đảng bộ xã ", "Đảng ủy xã "),
        ("Đảng bộ phường ", "Đảng ủy phường "),
        ("Đảng bộ đặc khu ", "Đảng ủy đặc khu "),
        ("Đảng bộ thị trấn ", "Đảng ủy thị trấn "),
    ];
    let name = name.trim();
    COMMITTEES
        .iter()
        .find_map(|(body, committee)| name.strip_prefix(body).map(|rest| format!("{committee}{rest}")))
        .unwrap_or_else(|| name.to_owned())
}

/// The suffix of a report's number by the issuing committee's level
/// (D-NUM: "-BC/TU" for a province's Tỉnh ủy, "-BC/ĐU" for a Đảng ủy…), the
/// abbreviations of the document registry (`daihoi-documents`).
pub(crate) fn number_suffix(kind: daihoi_core::OrgKind) -> &'static str {
    use daihoi_core::OrgKind as K;
    match kind {
        K::Central => "-BC/TW",
        K::Province => "-BC/TU",
        K::District => "-BC/HU",
        K::Commune | K::Grassroots | K::PartialCommittee => "-BC/ĐU",
        K::GrassrootsCell | K::Cell => "-BC/CB",
    }
}

/// "Quảng Ninh, ngày 05 tháng 10 năm 2026": days below 10 and the months
/// January and February with a leading zero (36-HD/VPTW).
pub(crate) fn place_and_date(tr: Tr, node: &daihoi_store::orgs::OrgNode, day: Date) -> String {
    let place = place_of(&node.name).unwrap_or_else(|| daihoi_print::frame::DOTS.to_owned());
    let month = u8::from(day.month());
    let month = if month <= 2 { format!("{month:02}") } else { month.to_string() };
    tr.t_args(
        "tracking-report-place-date",
        &[("place", place), ("day", format!("{:02}", day.day())), ("month", month), ("year", day.year().to_string())],
    )
}

/// The frame of the report as a Party document: the committee
/// ([`committee_of`]) with `number` from the register, or a blank for the clerk while the
/// report is not registered as an outgoing document (`None`); the
/// signature on behalf of the standing committee, title and name left to
/// fill in; the usual recipients (docs/tracking.md).
pub(crate) fn party_frame(
    tr: Tr,
    node: &daihoi_store::orgs::OrgNode,
    number: Option<String>,
    today: Date,
) -> (daihoi_print::PartyHeading, daihoi_print::Signature, daihoi_print::Recipients) {
    use daihoi_print::{DocumentNumber, PartyHeading, Recipients, Signature};
    let heading = PartyHeading {
        issuing_body_parent: None,
        issuing_body: committee_of(&node.name),
        number: Some(DocumentNumber {
            label: tr.t("tracking-report-number"),
            number,
            suffix: number_suffix(node.kind).to_owned(),
        }),
        party: tr.t("tracking-report-party"),
        place_and_date: place_and_date(tr, node, today),
    };
    let signature =
        Signature { on_behalf: tr.t("tracking-report-on-behalf"), title: String::new(), name: String::new() };
    let recipients = Recipients {
        label: tr.t("tracking-report-recipients"),
        lines: [
            "tracking-report-to-superior",
            "tracking-report-to-standing",
            "tracking-report-to-branches",
            "tracking-report-to-archive",
        ]
        .iter()
        .map(|k| tr.t(k))
        .collect(),
    };
    (heading, signature, recipients)
}

/// The files a Party list (`daihoi_print::PartyList`: the task list, the
/// report on a document's dissemination) is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListFormat {
    Pdf,
    Docx,
}

impl ListFormat {
    /// `pdf` or `docx`.
    pub(crate) fn parse(code: &str) -> Option<ListFormat> {
        match code {
            "pdf" => Some(ListFormat::Pdf),
            "docx" => Some(ListFormat::Docx),
            _ => None,
        }
    }
}

/// A Party list printed as the file `stem`.pdf or `stem`.docx, typeset off
/// the async workers (a province's list runs to many pages).
pub(crate) async fn party_list_file(
    list: daihoi_print::PartyList,
    stem: String,
    format: ListFormat,
) -> Result<ReportFile, String> {
    let (bytes, media, ext) = tokio::task::spawn_blocking(move || match format {
        ListFormat::Pdf => daihoi_print::party_list_pdf(&list).map(|b| (b, "application/pdf", "pdf")),
        ListFormat::Docx => daihoi_print::party_list_docx(&list).map(|b| (b, DOCX_MEDIA, "docx")),
    })
    .await
    .map_err(|e| e.to_string())?
    .map_err(|e| e.to_string())?;
    Ok(ReportFile { bytes, media, file_name: format!("{stem}.{ext}") })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The place of the date line is the locality in the committee's name.
    #[test]
    fn the_place_is_the_locality_of_the_committee() {
        assert_eq!(place_of("Đảng bộ tỉnh Quảng Ninh").as_deref(), Some("Quảng Ninh"));
        assert_eq!(place_of("Đảng bộ xã Quảng Tân").as_deref(), Some("Quảng Tân"));
        assert_eq!(place_of("Đảng bộ thành phố Hạ Long").as_deref(), Some("Hạ Long"));
        assert_eq!(place_of("Đảng bộ Khối các cơ quan tỉnh"), None);
        assert_eq!(place_of("Chi bộ Trường THCS Đông Ngũ"), None);
        assert_eq!(committee_of("Đảng bộ tỉnh Quảng Ninh"), "TỈNH ỦY QUẢNG NINH");
        assert_eq!(committee_of("Đảng bộ xã Quảng Tân"), "ĐẢNG ỦY XÃ QUẢNG TÂN");
        assert_eq!(committee_of("Chi bộ Trường THCS Đông Ngũ"), "CHI BỘ TRƯỜNG THCS ĐÔNG NGŨ");
        assert_eq!(committee_named("Đảng bộ tỉnh Quảng Ninh"), "Tỉnh ủy Quảng Ninh");
    }
}
