//! Issue 14, item 6: the periodic report is downloaded as a PDF and as a
//! `.docx` in the layout of Party documents (Hướng dẫn 36-HD/VPTW), the
//! page's and the API's files the same bytes, the `.docx` with the PDF's
//! text.

use crate::support;

use axum::http::{Method, StatusCode, header};
use daihoi_core::{OrgCode, Role};
use daihoi_store::Db;
use daihoi_test_support::fixtures::OperatorWrites;
use support::TestApp;

/// `tool ARGS FILE [-]` on `bytes` saved as `name`; None without the tool.
pub(crate) fn tool(tool: &str, args: &[&str], bytes: &[u8], name: &str) -> Option<String> {
    use std::process::Command;
    if Command::new(tool).arg("-v").output().is_err() {
        assert!(std::env::var("DAIHOI_TEST_REQUIRE_TOOLS").as_deref() != Ok("1"), "{tool} not installed");
        println!("skipped: {tool} not installed");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let mut cmd = Command::new(tool);
    cmd.args(args).arg(&path);
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{tool} failed");
    Some(String::from_utf8(out.stdout).unwrap())
}

/// The paragraphs of a `.docx` (`unzip -p FILE word/document.xml`), each
/// with its whitespace collapsed, the empty ones left out.
pub(crate) fn docx_paragraphs(docx: &[u8]) -> Option<Vec<String>> {
    let xml = tool("unzip", &["-p"], docx, "r.docx")?;
    let unescape = |t: &str| t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    Some(
        xml.split("</w:p>")
            .map(|p| {
                let mut text = String::new();
                // `<w:t>` or `<w:t xml:space="preserve">`, not `<w:tbl>`, `<w:tc>`…
                for piece in p.split("<w:t").skip(1) {
                    let body = match piece.strip_prefix('>') {
                        Some(body) => body,
                        None if piece.starts_with(' ') => match piece.find('>') {
                            Some(i) => &piece[i + 1..],
                            None => continue,
                        },
                        None => continue,
                    };
                    if let Some(end) = body.find("</w:t>") {
                        text.push_str(&unescape(&body[..end]));
                    }
                }
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            })
            .filter(|p| !p.is_empty())
            .collect(),
    )
}

pub(crate) fn column(line: &str, what: &str) -> usize {
    line[..line.find(what).unwrap()].chars().count()
}

/// The report of the province as PDF and `.docx`, from the page and the API.
async fn the_report_is_a_party_document_in_pdf_and_docx(db: Db) {
    super::api::seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qn.office", Role::Office, "QN").await;
    let (_, token) = app.token("qn.office").await;
    let mut p = app.signed_in("qn.office").await;
    let query = "period=annual&date=2025-12-01";
    let (status, pdf) = p.get_bytes(&format!("/orgs/QN/tracking/report?format=pdf&{query}")).await;
    assert_eq!(status, StatusCode::OK);
    // Kept to look at (pdftoppm -png -r 60 -f 1 -l 1).
    let kept = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("party-report");
    std::fs::create_dir_all(&kept).unwrap();
    std::fs::write(kept.join("report.pdf"), &pdf).unwrap();
    let page = p.get(&format!("/orgs/QN/tracking/report?format=docx&{query}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.headers[header::CONTENT_TYPE],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    let disposition = page.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.contains("bao-cao-QN-nam-2025-12-31.docx"), "{disposition}");
    let (_, docx) = p.get_bytes(&format!("/orgs/QN/tracking/report?format=docx&{query}")).await;
    assert!(docx.starts_with(b"PK"), "a .docx is a zip");
    std::fs::write(kept.join("report.docx"), &docx).unwrap();
    // The API's operation gives the very same file.
    let req = axum::http::Request::builder()
        .uri(format!("/api/v1/orgs/QN/tracking/report?format=docx&{query}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    let (status, _, api_docx) = app.anonymous().send_raw(req, axum::body::Body::empty()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(api_docx, docx, "the page's .docx");
    // The page offers it beside the workbook and the PDF.
    let dashboard = p.get("/orgs/QN/tracking").await;
    assert!(dashboard.body.contains(r#"name="format" value="docx""#), "{}", dashboard.body);

    // The first page: the committee left and the Party right on one line,
    // the number left and the place and date right on the line below the
    // star, the title centered under them, then the summary.
    let Some(first) = tool("pdftotext", &["-layout", "-f", "1", "-l", "1"], &pdf, "r.pdf") else { return };
    let lines: Vec<&str> = first.lines().collect();
    let find = |what: &str| lines.iter().position(|l| l.contains(what)).unwrap_or_else(|| panic!("{what}:\n{first}"));
    let top = find("TỈNH ỦY QUẢNG NINH");
    assert!(column(lines[top], "TỈNH ỦY QUẢNG NINH") < column(lines[top], "ĐẢNG CỘNG SẢN VIỆT NAM"), "{first}");
    let dated = find("Quảng Ninh, ngày");
    assert!(dated > top && lines[dated].contains("-BC/TU"), "{first}");
    assert!(column(lines[dated], "Số") < column(lines[dated], "Quảng Ninh, ngày"), "{first}");
    let title = find("BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ");
    assert!(title > dated && column(lines[title], "BÁO CÁO") > 8, "centered below:\n{first}");
    for want in ["I. TỔNG HỢP", "Tiến độ chung"] {
        assert!(first.contains(want), "the summary on page 1: {want}\n{first}");
    }

    // The .docx read back: its paragraphs are the PDF's lines.
    let Some(paragraphs) = docx_paragraphs(&docx) else { return };
    let Some(all) = tool("pdftotext", &[], &pdf, "r.pdf") else { return };
    let all = all.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "TỈNH ỦY QUẢNG NINH",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số -BC/TU",
        "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ",
        "Đảng bộ tỉnh Quảng Ninh",
        "I. TỔNG HỢP",
        "Tiến độ chung",
        "Nơi nhận:",
        "- Lưu Văn phòng.",
        "T/M BAN THƯỜNG VỤ",
    ] {
        assert!(paragraphs.iter().any(|p| p == want), "{want:?} not a paragraph of the .docx: {paragraphs:#?}");
        assert!(all.contains(want), "{want:?} not in the PDF: {all}");
    }
    let date_line = paragraphs.iter().find(|p| p.starts_with("Quảng Ninh, ngày")).expect("the place and date");
    assert!(all.contains(date_line.as_str()), "{date_line}");
    // Every word of the .docx is in the PDF (which has its chart besides).
    let words: std::collections::HashSet<&str> = all.split(' ').collect();
    for w in paragraphs.iter().flat_map(|p| p.split(' ')) {
        assert!(words.contains(w), "{w:?} is in the .docx, not in the PDF: {all}");
    }
}

/// The overall progress in a report workbook: the cell beside
/// "Tiến độ chung" on its last sheet, the summary.
pub(crate) fn overall_cell(xlsx: &[u8]) -> String {
    let book = daihoi_sheets::read_bytes("r.xlsx", daihoi_sheets::Format::Xlsx, xlsx).unwrap();
    let summary = book.sheets.last().unwrap();
    assert_eq!(summary.name, "Tổng hợp");
    let row = summary.rows.iter().find(|r| r.first().is_some_and(|c| c == "Tiến độ chung"));
    row.and_then(|r| r.get(1)).cloned().unwrap_or_else(|| panic!("no overall progress row: {:?}", summary.rows))
}

/// Issue 14 §6: the subtree's overall progress is in the report's
/// workbook as in its PDF and on the dashboard; until the roll-up rule is
/// chosen all three say so in words, not an empty figure.
async fn the_overall_progress_is_in_every_output_or_said_missing(db: Db) {
    let (_, _, sub, _) = super::api::seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qn.office", Role::Office, "QN").await;
    app.user("qn.admin", Role::Admin, "QN").await;
    let mut p = app.signed_in("qn.office").await;
    let query = "period=annual";
    let unchosen = "chưa chọn cách tổng hợp tiến độ";
    let page = p.get("/orgs/QN/tracking").await;
    assert!(page.body.contains(&format!("Tiến độ chung: {unchosen}")), "{}", page.body);
    let (_, xlsx) = p.get_bytes(&format!("/orgs/QN/tracking/report?format=xlsx&{query}")).await;
    assert!(overall_cell(&xlsx).starts_with(unchosen), "{}", overall_cell(&xlsx));
    let (_, pdf) = p.get_bytes(&format!("/orgs/QN/tracking/report?format=pdf&{query}")).await;
    if let Some(text) = tool("pdftotext", &["-layout"], &pdf, "r.pdf") {
        assert!(text.lines().any(|l| l.contains("Tiến độ chung") && l.contains(unchosen)), "{text}");
    }
    let (_, docx) = p.get_bytes(&format!("/orgs/QN/tracking/report?format=docx&{query}")).await;
    if let Some(paragraphs) = docx_paragraphs(&docx) {
        assert!(paragraphs.iter().any(|p| p.starts_with(unchosen)), "{paragraphs:#?}");
    }

    // The rule chosen and the commune's 30 %: the same figure everywhere.
    let mut a = app.signed_in("qn.admin").await;
    let saved = a
        .post_form(
            "/orgs/QN/tracking/settings",
            &[("deadline_day", "by"), ("due_soon_days", "7"), ("unreported", "zero")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let today = daihoi_core::date::date_in_vietnam(time::OffsetDateTime::now_utc());
    let at = |kind| daihoi_tracking::Event { occurred_on: today, recorded_on: today, kind };
    let progress = daihoi_tracking::Progress::new(30.0).unwrap();
    db.record_event(sub, &at(daihoi_tracking::EventKind::ProgressReported { progress })).await.unwrap();
    let node = db.org_by_code(&OrgCode::parse("QN").unwrap(), today).await.unwrap().unwrap();
    let rules = db.tracking_setting(&node, today).await.unwrap().unwrap().rules.rollup;
    let overall = db.subtree_figures(&node, today, None, None, &rules).await.unwrap().overall.unwrap().percent();
    assert!((overall - 30.0).abs() < 1e-9, "{overall}");
    let page = p.get("/orgs/QN/tracking").await;
    assert!(page.body.contains("Tiến độ chung: 30%"), "{}", page.body);
    let (_, xlsx) = p.get_bytes(&format!("/orgs/QN/tracking/report?format=xlsx&{query}")).await;
    assert_eq!(overall_cell(&xlsx).parse::<f64>().unwrap(), 0.3);
    let (_, pdf) = p.get_bytes(&format!("/orgs/QN/tracking/report?format=pdf&{query}")).await;
    if let Some(text) = tool("pdftotext", &["-layout"], &pdf, "r.pdf") {
        assert!(text.lines().any(|l| l.contains("Tiến độ chung") && l.contains("30%")), "{text}");
        assert!(!text.contains(unchosen), "{text}");
    }
}

/// Issue 14 §6: "the number comes from the register when the report is
/// registered as an outgoing document". The province's office registers
/// the report from the dashboard (the register's next BC number, or one
/// typed), and its PDF and `.docx` downloaded with `registered=` carry
/// "Số 12-BC/TU" dated the day it was issued; the same through the API.
/// Refused: a number the register has today, a document that is not a
/// report of the organization's register, a reader who does not write there.
async fn the_report_takes_its_number_from_the_register(db: Db) {
    let (doc, _, _, _) = super::api::seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qn.office", Role::Office, "QN").await;
    app.user("qn.ubkt", Role::Inspection, "QN").await;
    let (_, token) = app.token("qn.office").await;
    let mut p = app.signed_in("qn.office").await;
    let today = daihoi_core::date::date_in_vietnam(time::OffsetDateTime::now_utc());
    let dashboard = p.get("/orgs/QN/tracking").await;
    assert!(dashboard.body.contains(r#"id="report-register-form""#), "{}", dashboard.body);

    // The register's first report of the year, then one typed, then the next.
    let mut register = async |number: &str| {
        let page = p.post_form("/orgs/QN/tracking/report/register", &[("period", "annual"), ("number", number)]).await;
        (page.status, support::location(&page))
    };
    let (status, first) = register("").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(first.starts_with("/orgs/QN/tracking?registered="), "{first}");
    assert_eq!(register("12").await.0, StatusCode::SEE_OTHER);
    let (_, next) = register("").await;
    // Issue 14 §5: a refusal is the dashboard again (422), the problem in
    // words, what was typed kept in the form, shown open.
    let taken = p.post_form("/orgs/QN/tracking/report/register", &[("period", "annual"), ("number", "12")]).await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY, "12-BC/TU of today is in the register");
    assert!(taken.body.contains("Sổ đã có văn bản mang số này trong ngày hôm nay."), "{}", taken.body);
    assert!(taken.body.contains(r#"name="number" inputmode="numeric" size="6" value="12""#), "{}", taken.body);
    assert!(taken.body.contains(r#"<details id="report-register" open>"#), "{}", taken.body);
    let words = p
        .post_form(
            "/orgs/QN/tracking/report/register",
            &[("period", "half_year"), ("date", "2099-01-01"), ("number", "mười")],
        )
        .await;
    assert_eq!(words.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(words.body.contains("Số văn bản phải là số nguyên dương."), "{}", words.body);
    assert!(words.body.contains("Kỳ báo cáo này chưa bắt đầu."), "both problems at once: {}", words.body);
    assert!(words.body.contains(r#"value="mười""#), "{}", words.body);
    assert!(words.body.contains(r#"value="2099-01-01""#), "{}", words.body);
    assert!(words.body.contains(r#"<option value="half_year" selected>"#), "{}", words.body);
    let id = |at: &str| -> i64 {
        at.split("registered=").nth(1).unwrap().split(['&', '#']).next().unwrap().parse().unwrap()
    };
    let registered: Vec<_> = [id(&first), id(&next)].iter().map(|i| i.to_string()).collect();
    let numbers: Vec<String> = {
        let mut out = Vec::new();
        for i in &registered {
            out.push(db.document(i.parse().unwrap()).await.unwrap().unwrap().number_label());
        }
        out
    };
    assert_eq!(numbers, ["1-BC/TU", "13-BC/TU"], "the next free numbers of the year");
    let twelve = db.documents_numbered("TU", "BC", 12).await.unwrap().remove(0);
    assert_eq!(twelve.issued_on, today);
    assert!(twelve.title.starts_with("Báo cáo tình hình thực hiện nhiệm vụ ("), "{}", twelve.title);

    // Back on the dashboard, whose report form downloads it with its number.
    let page = p.get(&next).await;
    assert!(page.body.contains("số 13-BC/TU"), "{}", page.body);
    assert!(page.body.contains(&format!(r#"name="registered" value="{}""#, registered[1])), "{}", page.body);
    let query = format!("period=annual&registered={}", twelve.id);
    let (status, pdf) = p.get_bytes(&format!("/orgs/QN/tracking/report?format=pdf&{query}")).await;
    assert_eq!(status, StatusCode::OK);
    let (_, docx) = p.get_bytes(&format!("/orgs/QN/tracking/report?format=docx&{query}")).await;
    if let Some(first) = tool("pdftotext", &["-layout", "-f", "1", "-l", "1"], &pdf, "r.pdf") {
        let line = first.lines().find(|l| l.contains("Số 12-BC/TU")).unwrap_or_else(|| panic!("{first}"));
        assert!(line.contains("Quảng Ninh, ngày"), "the number and the date on one line: {first}");
    }
    if let Some(paragraphs) = docx_paragraphs(&docx) {
        assert!(paragraphs.iter().any(|p| p == "Số 12-BC/TU"), "{paragraphs:#?}");
    }

    // The API: registers the 14th, whose report's files are the page's.
    let api = app
        .anonymous()
        .api(
            Method::POST,
            "/api/v1/orgs/QN/tracking/report/register",
            &token,
            Some(&serde_json::json!({"period": "annual", "number": 14})),
        )
        .await;
    assert_eq!(api.status, StatusCode::CREATED, "{}", api.body);
    let json = api.json();
    assert_eq!(json["number"], "14-BC/TU");
    assert_eq!(json["issued_on"], daihoi_core::date::iso(today));
    let api_id = json["id"].as_i64().unwrap();
    assert_eq!(support::location(&api), format!("/api/v1/documents/{api_id}"));
    let report = json["report"].as_str().unwrap();
    let req = axum::http::Request::builder()
        .uri(format!("{report}&format=docx"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    let (status, _, api_docx) = app.anonymous().send_raw(req, axum::body::Body::empty()).await;
    assert_eq!(status, StatusCode::OK);
    let (_, page_docx) =
        p.get_bytes(&format!("/orgs/QN/tracking/report?format=docx&period=annual&registered={api_id}")).await;
    assert_eq!(api_docx, page_docx, "the page's .docx");
    if let Some(paragraphs) = docx_paragraphs(&api_docx) {
        assert!(paragraphs.iter().any(|p| p == "Số 14-BC/TU"), "{paragraphs:#?}");
    }
    let again = app
        .anonymous()
        .api(
            Method::POST,
            "/api/v1/orgs/QN/tracking/report/register",
            &token,
            Some(&serde_json::json!({"period": "annual", "number": 14})),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);

    // Not a report of the register: the resolution the tasks come from.
    let bad = p.get(&format!("/orgs/QN/tracking/report?format=pdf&period=annual&registered={doc}")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let bad = app
        .anonymous()
        .api(Method::GET, &format!("/api/v1/orgs/QN/tracking/report?format=pdf&registered={doc}"), &token, None)
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    // A district's report with the province's number.
    let bad = p.get(&format!("/orgs/QN.DH/tracking/report?format=pdf&registered={}", twelve.id)).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    // The inspection commission reads the report, writes in no register.
    let mut i = app.signed_in("qn.ubkt").await;
    assert!(!i.get("/orgs/QN/tracking").await.body.contains("report-register-form"));
    let refused = i.post_form("/orgs/QN/tracking/report/register", &[("period", "annual")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let (status, _) = i.get_bytes(&format!("/orgs/QN/tracking/report?format=pdf&{query}")).await;
    assert_eq!(status, StatusCode::OK, "a reader of the page downloads the numbered report");
}

daihoi_test_support::engines!(
    the_report_takes_its_number_from_the_register,
    the_report_is_a_party_document_in_pdf_and_docx,
    the_overall_progress_is_in_every_output_or_said_missing
);
