//! The plan file of a campaign (C-PLAN-1…5, C-DEL-5): downloaded with
//! every organization of the subtree, imported back whole or not at all
//! with every bad row named by row and column, idempotent, the plan's
//! approval only by the office above; the same through the API.

use axum::http::{Method, StatusCode, header};
use daihoi_congress::sheet::Column;
use daihoi_store::Db;
use daihoi_store::audit::AuditFilter;

use super::{ROUND, open_round, setup};
use crate::support::{Page, TestApp};

/// A plan file's CSV: the template's header, then these rows (cells in
/// `Column::ALL` order; shorter rows are padded).
fn plan_file(rows: &[&[&str]]) -> Vec<u8> {
    let header = Column::ALL.map(|c| c.header()).join(",");
    let line = |r: &[&str]| {
        let mut cells: Vec<String> = r.iter().map(|c| format!("\"{c}\"")).collect();
        cells.resize(Column::ALL.len(), String::new());
        cells.join(",")
    };
    std::iter::once(header).chain(rows.iter().map(|r| line(r))).collect::<Vec<_>>().join("\n").into_bytes()
}

async fn plan_entries(db: &Db) -> usize {
    let (entries, _) =
        db.operator().audit().audit_entries(&AuditFilter { limit: 500, ..Default::default() }).await.unwrap();
    entries.iter().filter(|e| e.action == "congress_plan").count()
}

const COMMUNE: &[&str] = &[
    "QN.DH.QT",
    "",
    "Đại hội đại biểu",
    "Đầy đủ",
    "x",
    "05/08/2025",
    "1,5",
    "",
    "",
    "Ban Thường vụ Huyện ủy",
    "20/06/2025",
    "12-KH/HU",
];
const CELL: &[&str] = &["QN.DH.QT.CB01", "Chi bộ", "Đại hội đảng viên", "", "", "10/05/2025", "0,5"];

async fn the_plan_file_on_the_page(db: Db) {
    let app = setup(&db).await;
    open_round(&app).await;
    let base = "/orgs/QN.DH/congresses/plans-file";

    // The download: every organization of the district, none planned yet.
    let mut district = app.signed_in("vp.dh").await;
    let page = district.get(&format!("{base}?round={ROUND}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("plans-file/download?round=2025-2030&amp;format=xlsx"), "{}", page.body);
    let (status, csv) = district.get_bytes(&format!("{base}/download?round={ROUND}&format=csv")).await;
    assert_eq!(status, StatusCode::OK);
    let csv = String::from_utf8(csv).unwrap();
    for code in ["QN.DH,", "QN.DH.QT,", "QN.DH.QT.CB01,", "QN.DH.QT.CB02,"] {
        assert!(csv.lines().any(|l| l.starts_with(code)), "{code} not in {csv}");
    }
    assert!(!csv.contains("QN.TY"), "another district's organizations: {csv}");
    // Read back as it is: rows without a plan are skipped, nothing written.
    let back = district.post_file(&format!("{base}?round={ROUND}"), "ke-hoach.csv", csv.as_bytes()).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert_eq!(plan_entries(&db).await, 0);

    // C-DEL-5, C-PLAN-1, C-PLAN-3: every bad cell named by row and column;
    // nothing written.
    let bad = plan_file(&[
        &["QN.DH.QT", "", "Hội nghị", "3 nội dung", "", "31/02/2025", "1"],
        CELL,
        &["QN.DH.QT.CB02", "", "Đại hội đảng viên", "", "", "10/05/2025", "0,5", "12/05/2025"],
    ]);
    let refused = district.post_file(&format!("{base}?round={ROUND}"), "ke-hoach.csv", &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    for text in [
        "C (Hình thức đại hội)",
        "C-DEL-5",
        "D (Nội dung)",
        "C-PLAN-3",
        "F (Ngày khai mạc dự kiến)",
        "31/02/2025",
        "I (Số ngày thực tế)",
        "Chưa ghi gì",
    ] {
        assert!(refused.body.contains(text), "{text} not in {}", refused.body);
    }
    assert_eq!(plan_entries(&db).await, 0);

    // Rows the tree refuses: an organization of another district, a cell
    // given another level class (C-PLAN-1). Every one named, nothing written.
    let outside = plan_file(&[
        COMMUNE,
        &["QN.TY.DN", "", "Đại hội đại biểu", "", "", "05/08/2025", "1"],
        &["QN.DH.QT.CB02", "Cơ sở", "Đại hội đảng viên", "", "", "10/05/2025", "0,5"],
    ]);
    let refused = district.post_file(&format!("{base}?round={ROUND}"), "ke-hoach.csv", &outside).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("QN.TY.DN") && refused.body.contains("Không phải tổ chức trực thuộc QN.DH"));
    assert!(refused.body.contains("C-PLAN-1"), "{}", refused.body);
    assert_eq!(plan_entries(&db).await, 0);

    // C-PLAN-5: the commune's office plans its congress but does not
    // approve its own plan: the row is refused, nothing written.
    let mut commune = app.signed_in("vp.qt").await;
    let own = "/orgs/QN.DH.QT/congresses/plans-file";
    let refused = commune.post_file(&format!("{own}?round={ROUND}"), "ke-hoach.csv", &plan_file(&[COMMUNE])).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("J (Cơ quan duyệt kế hoạch)"), "{}", refused.body);
    assert_eq!(plan_entries(&db).await, 0);

    // The good file, by the district: written, one audit entry per congress.
    let good = plan_file(&[COMMUNE, CELL]);
    let done = district.post_file(&format!("{base}?round={ROUND}"), "ke-hoach.csv", &good).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("id=\"plan-file-done\""), "{}", done.body);
    assert_eq!(plan_entries(&db).await, 2);
    let congress = district.get(&format!("/orgs/QN.DH.QT/congress?round={ROUND}")).await;
    assert!(congress.body.contains("05/08/2025") && congress.body.contains("12-KH/HU"), "{}", congress.body);

    // Idempotent: the same file again, and the file downloaded now, write nothing.
    let again = district.post_file(&format!("{base}?round={ROUND}"), "ke-hoach.csv", &good).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let (_, now) = district.get_bytes(&format!("{base}/download?round={ROUND}&format=csv")).await;
    let now = String::from_utf8(now).unwrap();
    assert!(now.contains("Đại hội đại biểu") && now.contains("12-KH/HU") && now.contains("1,5"), "{now}");
    let back = district.post_file(&format!("{base}?round={ROUND}"), "ke-hoach.csv", now.as_bytes()).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert_eq!(plan_entries(&db).await, 2);
    // The xlsx reads back the same way.
    let (_, xlsx) = district.get_bytes(&format!("{base}/download?round={ROUND}")).await;
    assert_eq!(&xlsx[..2], b"PK");
    let back = district.post_file(&format!("{base}?round={ROUND}"), "ke-hoach.xlsx", &xlsx).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert_eq!(plan_entries(&db).await, 2);

    // The campaign's report (C-PLAN-1…5) as a Party document and a workbook.
    let report = format!("/orgs/QN.DH/congresses/report?round={ROUND}");
    let (pdf, bytes) = district.get_with_bytes(&format!("{report}&format=pdf")).await;
    assert_eq!(pdf.status, StatusCode::OK);
    let text = crate::support::received_text(&pdf, &bytes);
    for expected in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "HUYỆN ỦY ĐẦM HÀ",
        "BÁO CÁO TÌNH HÌNH TỔ CHỨC ĐẠI HỘI",
        "Đảng bộ xã Quảng Tân",
        "Nơi nhận",
        "Đại hội điểm (1)",
    ] {
        assert!(text.contains(expected), "{expected} not in the PDF: {text}");
    }
    let (docx, bytes) = district.get_with_bytes(&format!("{report}&format=docx")).await;
    assert_eq!(docx.status, StatusCode::OK);
    let text = crate::support::received_text(&docx, &bytes);
    assert!(text.contains("Đảng bộ xã Quảng Tân") && text.contains("HUYỆN ỦY ĐẦM HÀ"), "{text}");
    let (xlsx, bytes) = district.get_with_bytes(&format!("{report}&format=xlsx")).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    let text = crate::support::received_text(&xlsx, &bytes);
    assert!(text.contains("QN.DH.QT\tĐảng bộ xã Quảng Tân") && text.contains("QN.DH.QT.CB01"), "{text}");
    assert_eq!(district.get(&format!("{report}&format=odt")).await.status, StatusCode::BAD_REQUEST);
    // Its readers: the commune's inspection reads the commune's.
    let mut inspection = app.signed_in("kt.qt").await;
    let (own_report, _) =
        inspection.get_with_bytes(&format!("/orgs/QN.DH.QT/congresses/report?round={ROUND}&format=xlsx")).await;
    assert_eq!(own_report.status, StatusCode::OK);
    assert_eq!(inspection.get(&format!("{report}&format=xlsx")).await.status, StatusCode::FORBIDDEN);

    // Inspection reads the campaign but plans nothing.
    assert_eq!(inspection.get(&format!("{own}?round={ROUND}")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        inspection.post_file(&format!("{own}?round={ROUND}"), "ke-hoach.csv", &good).await.status,
        StatusCode::FORBIDDEN
    );
}

/// A file sent to the API's import.
async fn import(app: &TestApp, token: &str, query: &str, bytes: &[u8]) -> Page {
    let req = axum::http::Request::builder()
        .method(Method::POST)
        .uri(format!("/api/v1/orgs/QN.DH/congresses/plans-file?{query}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "text/csv");
    let (status, headers, body) = app.anonymous().send_raw(req, axum::body::Body::from(bytes.to_vec())).await;
    Page { status, headers, body: String::from_utf8(body).unwrap() }
}

async fn the_plan_file_in_the_api(db: Db) {
    let app = setup(&db).await;
    open_round(&app).await;
    let (_, district) = app.token("vp.dh").await;
    let (_, inspection) = app.token("kt.qt").await;
    let mut c = app.anonymous();
    let uri = format!("/api/v1/orgs/QN.DH/congresses/plans-file?round={ROUND}&format=csv");
    let exported = c.api(Method::GET, &uri, &district, None).await;
    assert_eq!(exported.status, StatusCode::OK, "{}", exported.body);
    let mut page = app.signed_in("vp.dh").await;
    let (_, file) =
        page.get_bytes(&format!("/orgs/QN.DH/congresses/plans-file/download?round={ROUND}&format=csv")).await;
    assert_eq!(exported.body, String::from_utf8(file).unwrap(), "the page's file");

    let good = plan_file(&[COMMUNE, CELL]);
    let dry = import(&app, &district, &format!("round={ROUND}&name=ke-hoach.csv&dry_run=true"), &good).await;
    assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
    let j = dry.json();
    assert_eq!((j["rows"].as_u64(), j["created"].as_u64(), j["written"].as_bool()), (Some(2), Some(2), Some(false)));
    assert_eq!(plan_entries(&db).await, 0);

    // C-DEL-5: a refused cell, with its row, column and rule; nothing written.
    let bad = plan_file(&[&["QN.DH.QT", "", "hội nghị", "", "", "05/08/2025", "1"]]);
    let refused = import(&app, &district, &format!("round={ROUND}&name=ke-hoach.csv"), &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    let j = refused.json();
    assert_eq!((j["problems"][0]["row"].as_u64(), j["written"].as_bool()), (Some(2), Some(false)));
    assert!(j["problems"][0]["message"].as_str().unwrap().contains("C-DEL-5"), "{j}");

    let done = import(&app, &district, &format!("round={ROUND}&name=ke-hoach.csv"), &good).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!((done.json()["created"].as_u64(), done.json()["written"].as_bool()), (Some(2), Some(true)));
    let again = import(&app, &district, &format!("round={ROUND}&name=ke-hoach.csv"), &good).await;
    assert_eq!(again.json()["unchanged"].as_u64(), Some(2));
    assert_eq!(plan_entries(&db).await, 2);

    // A name without a format: 400; no such round: 404; inspection: 403.
    assert_eq!(import(&app, &district, "name=ke-hoach.pdf", &good).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(import(&app, &district, "round=1990-1995&name=ke-hoach.csv", &good).await.status, StatusCode::NOT_FOUND);
    // The campaign's report through the API: the page's, in Vietnamese.
    let pdf = c
        .api(Method::GET, &format!("/api/v1/orgs/QN.DH/congresses/report?round={ROUND}&format=xlsx"), &district, None)
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    let bad = c.api(Method::GET, "/api/v1/orgs/QN.DH/congresses/report?format=odt", &district, None).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let qt = "/api/v1/orgs/QN.DH.QT/congresses/plans-file";
    assert_eq!(c.api(Method::GET, qt, &inspection, None).await.status, StatusCode::FORBIDDEN);
}

/// C-DEL-5 on the congress page: the kind the members on the planned date
/// propose, and a warning (never a refusal) when the plan says another.
async fn the_kind_proposed(db: Db) {
    let app = setup(&db).await;
    open_round(&app).await;
    let mut district = app.signed_in("vp.dh").await;
    let member_congress: &[&str] = &["QN.DH.QT", "", "Đại hội đảng viên", "", "", "05/08/2025", "1"];
    let file = plan_file(&[member_congress, CELL]);
    let done = district.post_file(&format!("/orgs/QN.DH/congresses/plans-file?round={ROUND}"), "k.csv", &file).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let commune = district.get(&format!("/orgs/QN.DH.QT/congress?round={ROUND}")).await;
    assert!(commune.body.contains("id=\"kind-proposal\""), "{}", commune.body);
    assert!(commune.body.contains("Đề xuất theo C-DEL-5: đại hội đại biểu"), "{}", commune.body);
    assert!(commune.body.contains("id=\"kind-differs\"") && commune.body.contains("cấp ủy cấp trên trực tiếp"));
    let cell = district.get(&format!("/orgs/QN.DH.QT.CB01/congress?round={ROUND}")).await;
    assert!(cell.body.contains("chi bộ tiến hành đại hội đảng viên"), "{}", cell.body);
    assert!(!cell.body.contains("id=\"kind-differs\""), "{}", cell.body);
    // The same through the API.
    let (_, token) = app.token("vp.dh").await;
    let shown = app.anonymous().api(Method::GET, "/api/v1/orgs/QN.DH.QT/congress", &token, None).await.json();
    let p = &shown["kind_proposal"];
    assert_eq!(
        (p["kind"].as_str(), p["basis"].as_str(), p["differs"].as_bool()),
        (Some("delegate_congress"), Some("delegates_from_below"), Some(true))
    );
    // The campaign carries each congress's proposal, and the difference is
    // one of its warnings (never silent), on the page as in the API.
    let campaign = app.anonymous().api(Method::GET, "/api/v1/orgs/QN.DH/congresses", &token, None).await.json();
    let lines = campaign["congresses"].as_array().unwrap();
    let commune = lines.iter().find(|l| l["org"]["code"] == "QN.DH.QT").unwrap();
    assert_eq!(commune["kind_proposal"], shown["kind_proposal"], "{campaign}");
    assert!(commune["warnings"].as_array().unwrap().iter().any(|w| w["rule"] == "C-DEL-5"
        && w["warning"]["warning"] == "kind_differs"
        && w["warning"]["proposed"] == "delegate_congress"));
    let cell = lines.iter().find(|l| l["org"]["code"] == "QN.DH.QT.CB01").unwrap();
    assert_eq!(cell["kind_proposal"]["basis"], "cell");
    assert!(!cell["warnings"].as_array().unwrap().iter().any(|w| w["rule"] == "C-DEL-5"), "{campaign}");
    let page = district.get(&format!("/orgs/QN.DH/congresses?round={ROUND}")).await;
    assert!(page.body.contains("theo cấp tổ chức là đại hội đại biểu"), "{}", page.body);
}

daihoi_test_support::engines!(the_plan_file_on_the_page, the_plan_file_in_the_api, the_kind_proposed);
