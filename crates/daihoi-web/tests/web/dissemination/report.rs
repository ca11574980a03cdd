//! Issue 14, item 6: the report on a document's dissemination in a
//! subtree (báo cáo kết quả học tập, quán triệt) is a Party document, as a
//! PDF and as a `.docx` with the same text, from the document's page and
//! the API; it counts as the page counts, lists the conferences that
//! reached the subtree (a higher level's only counted, a classified one
//! left out, T-6) and the cells not reached yet, none for a replaced
//! document.

use crate::support;
use crate::tasks::party_report::{column, docx_paragraphs, tool};

use axum::http::{Method, StatusCode, header};
use daihoi_core::Role;
use daihoi_core::members::CardNumber;
use daihoi_documents::LinkKind;
use daihoi_store::Db;
use daihoi_store::dissemination::NewDissemination;
use daihoi_store::documents::{Classification, NewDocument};
use daihoi_test_support::fixtures::*;
use support::TestApp;
use time::macros::date;

async fn held(db: &Db, holder: &str, document: i64, title: &str, classification: Classification, cards: &[&str]) {
    let holder = code(holder);
    let new = NewDissemination {
        org: &holder,
        held_on: date!(2024 - 11 - 18),
        title,
        level: "",
        notes: "",
        documents: &[document],
        classification,
    };
    let id = db.record_dissemination(&new).await.unwrap().id;
    let cards: Vec<CardNumber> = cards.iter().map(|c| CardNumber::parse(c).unwrap()).collect();
    db.add_attendance(id, &cards, &[]).await.unwrap();
}

/// The words of a PDF, whitespace collapsed.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn the_dissemination_report_is_a_party_document(db: Db) {
    small_tree(&db).await;
    import(
        &db,
        vec![
            member("20000001", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("20000002", "Trần Thị Bình", "QN.DH.QT.CB01"),
            member("20000003", "Lê Văn Cường", "QN.DH.QT.CB01"),
            member("20000004", "Phạm Thị Dung", "QN.DH.QT.CB02"),
            member("20000005", "Hoàng Văn Em", "QN.DH.QT.CB02"),
        ],
    )
    .await;
    let doc = support::resolution_28(&db).await;
    held(&db, "QN.DH.QT", doc, "Hội nghị quán triệt của xã", Classification::Normal, &["20000001", "20000002"]).await;
    held(&db, "QN", doc, "Hội nghị quán triệt của tỉnh", Classification::Normal, &["20000003"]).await;
    held(&db, "QN.DH.QT", doc, "Hội nghị kín về nhân sự", Classification::Confidential, &["20000003"]).await;

    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    app.user("qn.office", Role::Office, "QN").await;
    app.user("ty.office", Role::Office, "QN.TY").await;
    let (_, token) = app.token("qt.office").await;
    let mut c = app.signed_in("qt.office").await;

    // The document's page offers it for each of the reader's organizations.
    let page = c.get(&format!("/documents/{doc}")).await;
    let link = format!("/documents/{doc}/dissemination-report?org=QN.DH.QT&amp;format=docx");
    assert!(page.body.contains(&link), "{}", page.body);

    let uri = format!("/documents/{doc}/dissemination-report?org=QN.DH.QT");
    let answer = c.get(&format!("{uri}&format=pdf")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.headers[header::CONTENT_TYPE], "application/pdf");
    let (_, pdf) = c.get_bytes(&format!("{uri}&format=pdf")).await;
    let (_, docx) = c.get_bytes(&format!("{uri}&format=docx")).await;
    assert!(docx.starts_with(b"PK"));
    let kept = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("dissemination-report");
    std::fs::create_dir_all(&kept).unwrap();
    std::fs::write(kept.join("report.pdf"), &pdf).unwrap();
    std::fs::write(kept.join("report.docx"), &docx).unwrap();

    // The API's operation gives the very same .docx.
    let req = axum::http::Request::builder()
        .uri(format!("/api/v1/documents/{doc}/dissemination-report?org=QN.DH.QT&format=docx"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    let (status, _, api_docx) = app.anonymous().send_raw(req, axum::body::Body::empty()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(api_docx, docx, "the page's .docx");

    let Some(first) = tool("pdftotext", &["-layout", "-f", "1", "-l", "1"], &pdf, "d.pdf") else { return };
    let lines: Vec<&str> = first.lines().collect();
    let find = |what: &str| lines.iter().position(|l| l.contains(what)).unwrap_or_else(|| panic!("{what}:\n{first}"));
    let top = find("ĐẢNG ỦY XÃ QUẢNG TÂN");
    assert!(column(lines[top], "ĐẢNG ỦY XÃ") < column(lines[top], "ĐẢNG CỘNG SẢN VIỆT NAM"), "{first}");
    let dated = find("Quảng Tân, ngày");
    assert!(dated > top && lines[dated].contains("-BC/ĐU"), "{first}");
    let title = find("BÁO CÁO KẾT QUẢ HỌC TẬP, QUÁN TRIỆT");
    assert!(title > dated && column(lines[title], "BÁO CÁO") > 8, "centered below:\n{first}");

    let Some(all) = tool("pdftotext", &[], &pdf, "d.pdf") else { return };
    let text = flat(&all);
    for want in [
        "Văn bản số 28-NQ/TU ngày 26/09/2024: Về xây dựng lực lượng Công an",
        // As the document's page counts: three of five members, one cell of two.
        "Đảng viên đã học tập, quán triệt: 3 / 5",
        "Chi bộ đã tổ chức học tập hoặc có đảng viên dự: 1 / 2",
        "Hội nghị quán triệt của xã",
        "18/11/2024",
        "Ngoài ra có 1 hội nghị do cấp trên tổ chức",
        "IV. CÁC CHI BỘ CHƯA HỌC TẬP",
        "T/M BAN THƯỜNG VỤ",
    ] {
        assert!(text.contains(want), "{want:?} not in the PDF: {text}");
    }
    assert!(!text.contains("Hội nghị quán triệt của tỉnh"), "the province's conference is only counted");
    // Rows as laid out: each organization under the commune with its
    // figures, and the cell not reached with its code.
    let Some(laid) = tool("pdftotext", &["-layout"], &pdf, "d.pdf") else { return };
    let row = |what: &str| laid.lines().filter(|l| l.contains(what)).collect::<Vec<_>>();
    assert!(row("Chi bộ thôn Đồng Tâm").iter().any(|l| l.contains("3 / 3")), "{laid}");
    assert!(row("Chi bộ thôn Tân Hợp").iter().any(|l| l.contains("0 / 2")), "{laid}");
    assert!(row("Chi bộ thôn Tân Hợp").iter().any(|l| l.contains("QN.DH.QT.CB02")), "{laid}");
    assert!(!text.contains("Hội nghị kín"), "T-6: a confidential conference reached an uncleared reader");

    let Some(paragraphs) = docx_paragraphs(&docx) else { return };
    let words: std::collections::HashSet<&str> = text.split(' ').collect();
    for w in paragraphs.iter().flat_map(|p| p.split(' ')) {
        assert!(words.contains(w), "{w:?} is in the .docx, not in the PDF: {text}");
    }
    assert!(paragraphs.iter().any(|p| p == "BÁO CÁO KẾT QUẢ HỌC TẬP, QUÁN TRIỆT"), "{paragraphs:#?}");

    // The province's office sees its own conference listed.
    let mut p = app.signed_in("qn.office").await;
    let (status, pdf) = p.get_bytes(&format!("/documents/{doc}/dissemination-report?org=QN&format=pdf")).await;
    assert_eq!(status, StatusCode::OK);
    if let Some(all) = tool("pdftotext", &[], &pdf, "p.pdf") {
        let text = flat(&all);
        assert!(text.contains("Hội nghị quán triệt của tỉnh") && text.contains("Đảng bộ huyện Đầm Hà"), "{text}");
        assert!(!text.contains("Ngoài ra có"), "{text}");
    }

    // Refused: another district's office, a format not written, no such org.
    let mut t = app.signed_in("ty.office").await;
    let outside = t.get(&format!("{uri}&format=pdf")).await;
    assert!(matches!(outside.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{}", outside.status);
    assert_eq!(c.get(&format!("{uri}&format=xlsx")).await.status, StatusCode::BAD_REQUEST);
    let api = |uri: String| {
        let app = &app;
        let token = &token;
        async move { app.anonymous().api(Method::GET, &uri, token, None).await }
    };
    let base = format!("/api/v1/documents/{doc}/dissemination-report");
    assert_eq!(api(format!("{base}?org=QN.DH.QT&format=xlsx")).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(api(format!("{base}?org=QN.TY")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(api(format!("{base}?org=QN.ZZ")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(api(base.clone()).await.status, StatusCode::BAD_REQUEST, "org is required");

    // Replaced: no list of who has not studied it, and the report says why.
    let newer = db
        .register_document(&NewDocument {
            doc_type: "NQ",
            issuer: "TU",
            number: 41,
            number_text: "41",
            issued_on: date!(2025 - 10 - 01),
            title: "Về xây dựng lực lượng Công an (thay thế)",
            summary: "",
            classification: Classification::Normal,
            org: None,
        })
        .await
        .unwrap()
        .id;
    db.link_documents(newer, doc, LinkKind::Replaces).await.unwrap();
    let (_, docx) = c.get_bytes(&format!("{uri}&format=docx")).await;
    if let Some(paragraphs) = docx_paragraphs(&docx) {
        assert!(paragraphs.iter().any(|p| p.contains("đã được thay thế bởi 41-NQ/TU")), "{paragraphs:#?}");
        assert!(!paragraphs.iter().any(|p| p.contains("CHƯA HỌC TẬP")), "{paragraphs:#?}");
    }
}

daihoi_test_support::engines!(the_dissemination_report_is_a_party_document);
