//! Issue 14, item 6: the task list (danh sách nhiệm vụ) is a Party
//! document, as a PDF and as a `.docx` with the same text, from the
//! dashboard and the API: the tasks being carried out, the longest overdue
//! first, none the reader may not receive (T-6).

use crate::support;

use axum::http::{Method, StatusCode, header};
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_store::documents::Classification;
use daihoi_store::tasks::NewTask;
use daihoi_test_support::fixtures::*;
use daihoi_tracking::{Event, EventKind, Workflow};
use support::TestApp;
use time::macros::date;

use super::party_report::{column, docx_paragraphs, tool};

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

async fn the_task_list_is_a_party_document(db: Db) {
    let (doc, _, _, _) = super::api::seeded(&db).await;
    // A secret task of the province and a finished one: neither is listed
    // for the office (not cleared; not being carried out).
    let secret = code("QN");
    let new = |title, classification| NewTask {
        document_id: doc,
        clause: "Mục IV",
        title,
        org: &secret,
        parent: None,
        weight: None,
        deadline: Some(date!(2026 - 01 - 15)),
        external_id: None,
        classification,
        assigned_on: date!(2024 - 10 - 10),
    };
    db.create_task(&new("Rà soát hồ sơ nhân sự mật", Classification::Secret)).await.unwrap();
    let done = db.create_task(&new("Tổng kết công tác năm", Classification::Normal)).await.unwrap().id;
    let at = |on, kind| Event { occurred_on: on, recorded_on: on, kind };
    let finished = EventKind::StatusChange { from: Workflow::Assigned, to: Workflow::Done };
    db.record_event(done, &at(date!(2025 - 12 - 20), finished)).await.unwrap();

    let app = TestApp::new(&db);
    app.user("qn.office", Role::Office, "QN").await;
    app.user("ty.office", Role::Office, "QN.TY").await;
    let (_, token) = app.token("qn.office").await;
    let mut p = app.signed_in("qn.office").await;

    // The dashboard offers it.
    let dashboard = p.get("/orgs/QN/tracking").await;
    assert!(dashboard.body.contains(r#"href="/orgs/QN/tracking/task-list?format=docx""#), "{}", dashboard.body);

    let page = p.get("/orgs/QN/tracking/task-list?format=pdf").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.headers[header::CONTENT_TYPE], "application/pdf");
    let (_, pdf) = p.get_bytes("/orgs/QN/tracking/task-list?format=pdf").await;
    let (status, docx) = p.get_bytes("/orgs/QN/tracking/task-list?format=docx").await;
    assert_eq!(status, StatusCode::OK);
    assert!(docx.starts_with(b"PK"), "a .docx is a zip");
    let kept = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("task-list");
    std::fs::create_dir_all(&kept).unwrap();
    std::fs::write(kept.join("list.pdf"), &pdf).unwrap();
    std::fs::write(kept.join("list.docx"), &docx).unwrap();

    // The API's operation gives the very same .docx.
    let req = axum::http::Request::builder()
        .uri("/api/v1/orgs/QN/tracking/task-list?format=docx")
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    let (status, headers, api_docx) = app.anonymous().send_raw(req, axum::body::Body::empty()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], DOCX);
    assert_eq!(api_docx, docx, "the page's .docx");

    let Some(first) = tool("pdftotext", &["-layout", "-f", "1", "-l", "1"], &pdf, "l.pdf") else { return };
    let lines: Vec<&str> = first.lines().collect();
    let find = |what: &str| lines.iter().position(|l| l.contains(what)).unwrap_or_else(|| panic!("{what}:\n{first}"));
    let top_line = find("TỈNH ỦY QUẢNG NINH");
    assert!(column(lines[top_line], "TỈNH ỦY") < column(lines[top_line], "ĐẢNG CỘNG SẢN VIỆT NAM"), "{first}");
    let dated = find("Quảng Ninh, ngày");
    assert!(dated > top_line && lines[dated].contains("-BC/TU"), "{first}");
    let title = find("DANH SÁCH NHIỆM VỤ ĐANG THỰC HIỆN");
    assert!(title > dated && column(lines[title], "DANH SÁCH") > 8, "centered below:\n{first}");

    let Some(all) = tool("pdftotext", &[], &pdf, "l.pdf") else { return };
    let flat = all.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "Tổng số: 2 nhiệm vụ đang thực hiện",
        "Chỉ đạo bố trí Công an xã",
        "Bố trí Công an chính quy về xã",
        "28-NQ/TU, Mục III.2",
        "30/06/2025",
        // Assignees by name, as a clerk reads them.
        "Đảng bộ xã Quảng Tân",
        "Đảng bộ huyện Đầm Hà",
        "Nơi nhận:",
        "T/M BAN THƯỜNG VỤ",
    ] {
        assert!(flat.contains(want), "{want:?} not in the PDF: {flat}");
    }
    assert!(!flat.contains("nhân sự mật"), "T-6: a secret task's title reached an uncleared reader");
    assert!(!flat.contains("Tổng kết công tác năm"), "a finished task is not being carried out");
    // The longest overdue first: the sub-task's deadline is the earlier.
    assert!(flat.find("Bố trí Công an chính quy").unwrap() < flat.find("Chỉ đạo bố trí").unwrap(), "{flat}");

    // The .docx has the PDF's words.
    let Some(paragraphs) = docx_paragraphs(&docx) else { return };
    let words: std::collections::HashSet<&str> = flat.split(' ').collect();
    for w in paragraphs.iter().flat_map(|p| p.split(' ')) {
        assert!(words.contains(w), "{w:?} is in the .docx, not in the PDF: {flat}");
    }
    assert!(paragraphs.iter().any(|p| p == "DANH SÁCH NHIỆM VỤ ĐANG THỰC HIỆN"), "{paragraphs:#?}");
    assert!(!paragraphs.iter().any(|p| p.contains("nhân sự mật")), "T-6 in the .docx");
}

/// Refusals: a format the list is not written in, an organization outside
/// the reader's roles, on the page and in the API.
async fn the_task_list_refuses_what_it_cannot_give(db: Db) {
    super::api::seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("ty.office", Role::Office, "QN.TY").await;
    let (_, token) = app.token("ty.office").await;
    let mut p = app.signed_in("ty.office").await;
    assert_eq!(p.get("/orgs/QN.TY/tracking/task-list?format=xlsx").await.status, StatusCode::BAD_REQUEST);
    let outside = p.get("/orgs/QN.DH/tracking/task-list?format=pdf").await;
    assert!(matches!(outside.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{}", outside.status);
    let api = |uri: &'static str| {
        let app = &app;
        let token = &token;
        async move { app.anonymous().api(Method::GET, uri, token, None).await }
    };
    assert_eq!(api("/api/v1/orgs/QN.TY/tracking/task-list?format=xlsx").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(api("/api/v1/orgs/QN.DH/tracking/task-list").await.status, StatusCode::FORBIDDEN);
    let own = api("/api/v1/orgs/QN.TY/tracking/task-list").await;
    assert_eq!(own.status, StatusCode::OK, "pdf by default");
    assert_eq!(own.headers[header::CONTENT_TYPE], "application/pdf");
    // A commune with nothing to do: the list says so.
    let (_, empty) = p.get_bytes("/orgs/QN.TY/tracking/task-list?format=docx").await;
    if let Some(paragraphs) = docx_paragraphs(&empty) {
        assert!(paragraphs.iter().any(|p| p == "Không có nhiệm vụ nào đang thực hiện."), "{paragraphs:#?}");
    }
}

daihoi_test_support::engines!(the_task_list_is_a_party_document, the_task_list_refuses_what_it_cannot_give);
