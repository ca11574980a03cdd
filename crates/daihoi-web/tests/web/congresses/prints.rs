//! What a congress prints from its roll (issue 15 §7): the credentials
//! committee's report as a Party document (PDF and `.docx`) with the
//! roll's figures and C-DEL-9's exclusions, the delegate cards (one per
//! person convened, none for the excluded), for the roll's readers only;
//! the same through the API; the check-in page's camera scan as a static
//! script.

use crate::support;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use daihoi_core::Role;
use daihoi_store::Db;
use support::{Page, received_text};

use super::roll::setup;

const ROUND: &str = "2025-2030";
const REPORT: &str = "/orgs/QN.DH.QT/congress/credentials?round=2025-2030";
const CARDS: &str = "/orgs/QN.DH.QT/congress/cards?round=2025-2030";

/// The convened of the roll's fixture (C-DEL-7: the committee ex officio;
/// elected; the alternate), and who is not (002109 excluded by C-DEL-9;
/// 002110 on no roll).
const CONVENED: [&str; 8] = ["002101", "002102", "002103", "002104", "002105", "002106", "002107", "002108"];

/// A GET with its bytes, as a page.
async fn fetch(client: &mut support::Client, uri: &str) -> (Page, Vec<u8>) {
    client.get_with_bytes(uri).await
}

/// The words of a printed file (empty without poppler: the checks are
/// skipped), the file kept in the target's temporary folder as `name` to
/// be looked at.
fn pdf_words(page: &Page, bytes: &[u8], name: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    if std::fs::create_dir_all(dir).is_ok() {
        let _ = std::fs::write(dir.join(name), bytes);
    }
    received_text(page, bytes)
}

/// The report's text: the Party frame (36-HD/VPTW), the counts by mode and
/// official/alternate (C-DEL-7, C-DEL-8, C-DEL-10), the make-up, C-DEL-9's
/// exclusion with its case and document, the conclusion left to write.
fn assert_report(text: &str) {
    for part in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ XÃ QUẢNG TÂN",
        "BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU",
        "BÁO CÁO THẨM TRA TƯ CÁCH ĐẠI BIỂU",
        "Quảng Tân, ngày",
        "Ngày khai mạc: 10/12/2026",
        "Tổng số đại biểu được triệu tập: 8, trong đó đại biểu chính thức: 7, đại biểu dự khuyết: 1.",
        "Đại biểu nữ: 1 (12,5%).",
        "Đại biểu là người dân tộc thiểu số: 0 (0%).",
        "Đại biểu cao tuổi nhất: 46 tuổi",
        "Đặng Văn Ích",
        "002109",
        "bị khởi tố",
        "05/12/2026",
        "Quyết định khởi tố 15/QĐ",
        "Kết luận của Ban Thẩm tra tư cách đại biểu:",
        "T/M BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU",
        "TRƯỞNG BAN",
        "Nơi nhận:",
    ] {
        assert!(text.contains(part), "{part:?} is not in the report:\n{text}");
    }
}

/// Issue 15 §7, C-DEL-9: the report as a PDF and a `.docx` for the
/// congress's office and its inspection (readers of the roll); linked from
/// the roll page; a bad format is refused, an unknown round is 404.
async fn the_credentials_report(db: Db) {
    let app = setup(&db).await;
    let mut office = app.signed_in("vp.qt").await;
    let roll = office.get(&format!("/orgs/QN.DH.QT/congress/roll?round={ROUND}")).await;
    for link in ["credentials-pdf", "credentials-docx", "cards-pdf", "/orgs/QN.DH.QT/congress/credentials?round="] {
        assert!(roll.body.contains(link), "{link}: {}", roll.body);
    }
    let (page, pdf) = fetch(&mut office, &format!("{REPORT}&format=pdf")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers[header::CONTENT_TYPE], "application/pdf");
    assert!(pdf.starts_with(b"%PDF"));
    let text = pdf_words(&page, &pdf, "credentials-report.pdf");
    if text.contains("ĐẢNG") {
        assert_report(&text);
        // Table cells: the modes and the bands.
        for part in [
            "Đại biểu đương nhiên",
            "Đại biểu do đại hội cấp dưới bầu",
            "Đến 35 tuổi",
            "Từ 46 đến 55 tuổi",
            "Từ 61 tuổi trở lên",
            "Dưới 10 năm",
            "Từ 20 đến 29 năm",
        ] {
            assert!(text.contains(part), "{part:?}:\n{text}");
        }
    }
    let (page, docx) = fetch(&mut office, &format!("{REPORT}&format=docx")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.headers[header::CONTENT_DISPOSITION].to_str().unwrap().contains("bao-cao-tham-tra-QN.DH.QT.docx"));
    let text = received_text(&page, &docx);
    if text.contains("ĐẢNG") {
        assert_report(&text);
    }
    // Inspection reads the roll: it reads the report.
    let mut inspection = app.signed_in("kt.qt").await;
    assert_eq!(inspection.get(&format!("{REPORT}&format=pdf")).await.status, StatusCode::OK);
    assert_eq!(office.get(&format!("{REPORT}&format=xls")).await.status, StatusCode::BAD_REQUEST);
    let unknown = office.get("/orgs/QN.DH.QT/congress/credentials?round=1990-1995").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

/// Issue 15 §7, C-DEL-9: one card per person convened (the committee ex
/// officio, the elected, the alternate), none for the excluded delegate
/// nor for someone on no roll; the card number printed is the one the
/// check-in takes.
async fn the_delegate_cards(db: Db) {
    let app = setup(&db).await;
    let mut office = app.signed_in("vp.qt").await;
    let (page, pdf) = fetch(&mut office, CARDS).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers[header::CONTENT_TYPE], "application/pdf");
    assert!(page.headers[header::CONTENT_DISPOSITION].to_str().unwrap().contains("the-dai-bieu-QN.DH.QT.pdf"));
    let text = pdf_words(&page, &pdf, "delegate-cards-web.pdf");
    if text.contains("THẺ") {
        assert_eq!(text.matches("THẺ ĐẠI BIỂU").count(), CONVENED.len(), "{text}");
        for card in CONVENED {
            assert!(text.contains(&format!("Số thẻ: {card}")), "{card}: {text}");
        }
        assert!(!text.contains("002109") && !text.contains("Đặng Văn Ích"), "C-DEL-9: no card for the excluded");
        assert!(!text.contains("002110"));
        for part in ["Nguyễn Văn An", "Bùi Thị Hà", "Đại biểu dự khuyết, thứ tự 1", "Được bầu tại QN.DH.QT.CB01"]
        {
            assert!(text.contains(part), "{part:?}: {text}");
        }
        assert!(text.contains("ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ XÃ QUẢNG TÂN") && text.contains("Nhiệm kỳ 2025–2030"));
    }
    // No second part: 404.
    assert_eq!(office.get(&format!("{CARDS}&part=2")).await.status, StatusCode::NOT_FOUND);
    // The check-in page: the scan button (hidden until the script finds a
    // camera) in the card form, the script a static file (CSP), its QR
    // reader too (the browser test reads a card through a camera).
    office
        .post_form(
            "/orgs/QN.DH.QT/congress/sessions",
            &[("round", ROUND), ("name", "Phiên 1"), ("held_on", "2026-12-10")],
        )
        .await;
    let check_in = office.get(&format!("/orgs/QN.DH.QT/congress/check-in?round={ROUND}&session=1")).await;
    assert!(check_in.body.contains(r#"id="scan-button""#) && check_in.body.contains(" hidden>"), "{}", check_in.body);
    assert!(check_in.body.contains(r#"<script src="/static/scan.js" defer></script>"#));
    let (status, headers, script) = office.send_raw(Request::get("/static/scan.js"), Body::empty()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/javascript"));
    let script = String::from_utf8(script).unwrap();
    assert!(script.contains("BarcodeDetector") && script.contains("/static/vendor/jsQR-1.4.0.min.js"));
    let (status, headers, reader) =
        office.send_raw(Request::get("/static/vendor/jsQR-1.4.0.min.js"), Body::empty()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/javascript"));
    assert!(String::from_utf8(reader).unwrap().starts_with("/*! jsQR 1.4.0"));
}

/// A user whose roles do not reach the congress's organization gets
/// nothing of the roll's prints (403), by the page or the API.
async fn outsiders_get_nothing(db: Db) {
    let app = setup(&db).await;
    app.user("vp.ty", Role::Office, "QN.TY").await;
    let mut outsider = app.signed_in("vp.ty").await;
    for uri in [format!("{REPORT}&format=pdf"), format!("{REPORT}&format=docx"), CARDS.to_owned()] {
        let page = outsider.get(&uri).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{uri}");
        assert!(!page.body.contains("Nguyễn Văn An"));
    }
    let (_, token) = app.token("vp.ty").await;
    let mut c = app.anonymous();
    for uri in ["/api/v1/orgs/QN.DH.QT/congress/credentials", "/api/v1/orgs/QN.DH.QT/congress/cards"] {
        let page = c.api(Method::GET, uri, &token, None).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{uri}: {}", page.body);
    }
}

/// The API prints what the pages print, through the same facet.
async fn the_api_as_the_pages(db: Db) {
    let app = setup(&db).await;
    let (_, token) = app.token("kt.qt").await;
    let mut c = app.anonymous();
    let uri = "/api/v1/orgs/QN.DH.QT/congress/credentials?format=docx";
    let (status, headers, docx) =
        c.send_raw(Request::get(uri).header(header::AUTHORIZATION, format!("Bearer {token}")), Body::empty()).await;
    assert_eq!(status, StatusCode::OK);
    let page = Page { status, headers, body: String::new() };
    let text = received_text(&page, &docx);
    if text.contains("ĐẢNG") {
        assert_report(&text);
    }
    let (status, headers, pdf) = c
        .send_raw(
            Request::get("/api/v1/orgs/QN.DH.QT/congress/cards")
                .header(header::AUTHORIZATION, format!("Bearer {token}")),
            Body::empty(),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let page = Page { status, headers, body: String::new() };
    let text = received_text(&page, &pdf);
    if text.contains("THẺ") {
        assert_eq!(text.matches("THẺ ĐẠI BIỂU").count(), CONVENED.len());
    }
    let bad = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/congress/credentials?format=xls", &token, None).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let none = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/congress/cards?part=3", &token, None).await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
    let unknown = c.api(Method::GET, "/api/v1/orgs/QN.XX/congress/cards", &token, None).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let round = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/congress/credentials?round=1990-1995", &token, None).await;
    assert_eq!(round.status, StatusCode::NOT_FOUND);
}

daihoi_test_support::engines!(the_credentials_report, the_delegate_cards, outsiders_get_nothing, the_api_as_the_pages);
