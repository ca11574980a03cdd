//! The roll file and a session's attendance file (issue 15, "Bad input"):
//! downloaded as they stand, imported back whole or not at all with every
//! bad row named by file, sheet, row, column and rule (C-DEL-2, C-DEL-7,
//! C-DEL-8, C-DEL-9, C-DEL-10, R-BASE-1), idempotent on xlsx and CSV,
//! hostile files refused; the same through the API. The congress is
//! `roll::setup`'s: QN.DH.QT's delegate congress, 002104–002107 and 002109
//! elected (002109 prosecuted, C-DEL-9), 002108 alternate of rank 1,
//! 002101–002103 the committee, 002110 on no roll.

use axum::http::{Method, StatusCode, header};
use daihoi_congress::files::FileColumn;
use daihoi_congress::files::{allocation, attendance, roll as roll_file};
use daihoi_store::Db;
use daihoi_store::audit::AuditFilter;

use super::roll::setup;
use crate::support::{Page, TestApp};

const ROUND: &str = "2025-2030";
const ROLL_FILE: &str = "/orgs/QN.DH.QT/congress/roll-file";
const ATTENDANCE_FILE: &str = "/orgs/QN.DH.QT/congress/attendance-file";
const ALLOCATION_FILE: &str = "/orgs/QN.DH.QT/congress/allocation-file";

/// A CSV with `header` and these rows (shorter rows padded).
fn csv(header: &[&str], rows: &[&[&str]]) -> Vec<u8> {
    let line = |r: &[&str]| {
        let mut cells: Vec<String> = r.iter().map(|c| format!("\"{c}\"")).collect();
        cells.resize(header.len(), String::new());
        cells.join(",")
    };
    std::iter::once(header.join(",")).chain(rows.iter().map(|r| line(r))).collect::<Vec<_>>().join("\n").into_bytes()
}

fn roll_csv(rows: &[&[&str]]) -> Vec<u8> {
    csv(&roll_file::Column::ALL.map(|c| c.header()), rows)
}

fn attendance_csv(rows: &[&[&str]]) -> Vec<u8> {
    csv(&attendance::Column::ALL.map(|c| c.header()), rows)
}

/// Every audit entry so far.
async fn entries(db: &Db) -> usize {
    let (entries, _) =
        db.operator().audit().audit_entries(&AuditFilter { limit: 5_000, ..Default::default() }).await.unwrap();
    entries.len()
}

async fn the_roll_file(db: Db) {
    let app = setup(&db).await;
    let mut office = app.signed_in("vp.qt").await;
    let page_uri = format!("{ROLL_FILE}?round={ROUND}");
    // The roll page links the file for its office.
    let rollpage = office.get(&format!("/orgs/QN.DH.QT/congress/roll?round={ROUND}")).await;
    assert!(rollpage.body.contains("id=\"roll-file-link\""), "{}", rollpage.body);
    let page = office.get(&page_uri).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);

    // The download: every delegate entered, with the seat's details.
    let (status, file) = office.get_bytes(&format!("{ROLL_FILE}/download?round={ROUND}&format=csv")).await;
    assert_eq!(status, StatusCode::OK);
    let file = String::from_utf8(file).unwrap();
    for line in ["002104,Phạm Văn Dũng,Được bầu,QN.DH.QT.CB01", "002108,Bùi Thị Hà,Dự khuyết,,,1"] {
        assert!(file.contains(line), "{line} not in {file}");
    }
    assert!(!file.contains("002101"), "the committee is ex officio, not in the file: {file}");
    // Read back as it is, CSV and xlsx: nothing written, no audit entry.
    let before = entries(&db).await;
    let back = office.post_file(&page_uri, "danh-sach.csv", file.as_bytes()).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert!(back.body.contains("id=\"congress-file-done\""), "{}", back.body);
    let (_, xlsx) = office.get_bytes(&format!("{ROLL_FILE}/download?round={ROUND}")).await;
    assert_eq!(&xlsx[..2], b"PK");
    let back = office.post_file(&page_uri, "danh-sach.xlsx", &xlsx).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert_eq!(entries(&db).await, before, "re-importing the download writes nothing");

    // Bad cells, each named by row, column and rule; nothing written.
    let bad = roll_csv(&[
        &["abc", "", "Được bầu", "QN.DH.QT.CB02"],
        &["002110", "", "khách mời"],
        &["002110", "", "Chỉ định", "", ""],
        &["002110", "", "Được bầu", "QN.DH.QT.CB02", "", "1"],
        &["002102", "", "Dự khuyết", "", "", "2"],
        &["002103", "", "Dự khuyết", "", "", "2"],
        &["002102", "", "Chỉ định", "", "1-QĐ"],
    ]);
    let refused = office.post_file(&page_uri, "danh-sach.csv", &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    for text in [
        "danh-sach.csv",
        "A (Số thẻ đảng viên)",
        "C (Loại đại biểu)",
        "C-DEL-8",
        "E (Quyết định chỉ định)",
        "F (Thứ tự dự khuyết)",
        "C-DEL-10",
        "C-DEL-9",
        "<td>7</td>",
    ] {
        assert!(refused.body.contains(text), "{text} not in {}", refused.body);
    }
    assert_eq!(entries(&db).await, before);

    // Rows the roll refuses, every one named with its rule; nothing written:
    // not a member of the electing cell (C-DEL-2), an unknown card, on the
    // roll in another seat (C-DEL-9), an alternate's rank taken (C-DEL-10),
    // a cell not below (C-DEL-2).
    let refused_rows = roll_csv(&[
        &["002110", "", "Được bầu", "QN.DH.QT.CB01"],
        &["009999", "", "Chỉ định", "", "5-QĐ/ĐU"],
        &["002104", "", "Dự khuyết", "", "", "2"],
        &["002102", "", "Dự khuyết", "", "", "1"],
        &["002103", "", "Được bầu", "QN.DH"],
        &["002105", "", "Được bầu", "QN.DH.QT.CB02"],
    ]);
    let refused = office.post_file(&page_uri, "danh-sach.csv", &refused_rows).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    for text in [
        "<td>2</td><td>D (Mã tổ chức bầu)</td><td>QN.DH.QT.CB01</td>",
        "C-DEL-2",
        "<td>3</td><td>A (Số thẻ đảng viên)</td><td>009999</td>",
        "<td>4</td><td>C (Loại đại biểu)</td>",
        "C-DEL-9",
        "<td>5</td><td>F (Thứ tự dự khuyết)</td><td>1</td>",
        "C-DEL-10",
        "<td>6</td><td>D (Mã tổ chức bầu)</td><td>QN.DH</td>",
    ] {
        assert!(refused.body.contains(text), "{text} not in {}", refused.body);
    }
    assert!(!refused.body.contains("<td>7</td>"), "the unchanged row is not refused: {}", refused.body);
    assert_eq!(entries(&db).await, before, "nothing written");

    // The good file: one delegate entered, one audit entry; again, nothing.
    let good = roll_csv(&[
        &["002110", "Ngô Văn Khánh", "Chỉ định", "", "5-QĐ/ĐU"],
        &["002105", "", "Được bầu", "QN.DH.QT.CB02"],
    ]);
    let done = office.post_file(&page_uri, "danh-sach.csv", &good).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(entries(&db).await, before + 1);
    let again = office.post_file(&page_uri, "danh-sach.csv", &good).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(entries(&db).await, before + 1);
    let shown = office.get(&format!("/orgs/QN.DH.QT/congress/roll?round={ROUND}")).await;
    assert!(shown.body.contains("Ngô Văn Khánh") && shown.body.contains("5-QĐ/ĐU"), "{}", shown.body);

    // Hostile files: too many rows, over the size, not a spreadsheet.
    let many: Vec<String> = (0..=daihoi_congress::files::MAX_ROWS).map(|i| format!("{:06}", 100_000 + i)).collect();
    let rows: Vec<[&str; 6]> = many.iter().map(|c| [c.as_str(), "", "Dự khuyết", "", "", "1"]).collect();
    let rows: Vec<&[&str]> = rows.iter().map(|r| &r[..]).collect();
    let huge = office.post_file(&page_uri, "danh-sach.csv", &roll_csv(&rows)).await;
    assert_eq!(huge.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", huge.body);
    assert!(huge.body.contains("5001") && huge.body.contains("5000"), "{}", huge.body);
    let oversized = vec![b'x'; 6 << 20];
    let big = office.post_file(&page_uri, "danh-sach.csv", &oversized).await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", big.body);
    let junk = office.post_file(&page_uri, "danh-sach.xlsx", b"PK\x03\x04 not a zip").await;
    assert_eq!(junk.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", junk.body);
    assert_eq!(entries(&db).await, before + 1);

    // Inspection reads the roll but keeps no file.
    let mut inspection = app.signed_in("kt.qt").await;
    assert_eq!(inspection.get(&page_uri).await.status, StatusCode::FORBIDDEN);
    assert_eq!(inspection.post_file(&page_uri, "d.csv", &good).await.status, StatusCode::FORBIDDEN);
}

async fn the_attendance_file(db: Db) {
    let app = setup(&db).await;
    let mut office = app.signed_in("vp.qt").await;
    // No session yet: 404.
    assert_eq!(office.get(&format!("{ATTENDANCE_FILE}?round={ROUND}")).await.status, StatusCode::NOT_FOUND);
    for name in ["Phiên trù bị", "Phiên chính thức"] {
        let opened = office
            .post_form(
                "/orgs/QN.DH.QT/congress/sessions",
                &[("round", ROUND), ("name", name), ("held_on", "2026-12-10")],
            )
            .await;
        assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);
    }
    let check_in = office.get(&format!("/orgs/QN.DH.QT/congress/check-in?round={ROUND}&session=1")).await;
    assert!(check_in.body.contains("id=\"attendance-file-link\""), "{}", check_in.body);
    let page_uri = format!("{ATTENDANCE_FILE}?round={ROUND}&session=1");
    assert_eq!(office.get(&page_uri).await.status, StatusCode::OK);
    assert_eq!(office.get(&format!("{ATTENDANCE_FILE}?round={ROUND}&session=9")).await.status, StatusCode::NOT_FOUND);

    // The download lists everyone convened (not 002109, C-DEL-9; not 002110).
    let (_, file) = office.get_bytes(&format!("{ATTENDANCE_FILE}/download?round={ROUND}&session=1&format=csv")).await;
    let file = String::from_utf8(file).unwrap();
    assert!(file.contains("002101,Nguyễn Văn An") && file.contains("002108"), "{file}");
    assert!(!file.contains("002109") && !file.contains("002110"), "{file}");
    let before = entries(&db).await;
    let back = office.post_file(&page_uri, "diem-danh.csv", file.as_bytes()).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert_eq!(entries(&db).await, before, "a file without marks writes nothing");

    // Bad rows, each named with its rule; nothing written.
    let bad = attendance_csv(&[
        &["002101", "", "x"],
        &["002109", "", "x"],
        &["002110", "", "x"],
        &["009999", "", "x"],
        &["002102", "", "x", "Ốm"],
        &["002103", "", "", "", "x"],
        &["002101", "", "x"],
    ]);
    let refused = office.post_file(&page_uri, "diem-danh.csv", &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    for text in
        ["<td>6</td><td>D (Lý do vắng mặt)</td>", "R-BASE-1", "<td>8</td><td>A (Số thẻ đảng viên)</td>", "C-DEL-9"]
    {
        assert!(refused.body.contains(text), "{text} not in {}", refused.body);
    }
    // Cells good, people refused: excluded (C-DEL-9), on no roll (C-DEL-7), unknown.
    let refused_people =
        attendance_csv(&[&["002101", "", "x"], &["002109", "", "x"], &["002110", "", "x"], &["009999", "", "x"]]);
    let refused = office.post_file(&page_uri, "diem-danh.csv", &refused_people).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    for text in
        ["<td>3</td><td>A (Số thẻ đảng viên)</td><td>002109</td>", "C-DEL-9", "<td>4</td>", "C-DEL-7", "<td>5</td>"]
    {
        assert!(refused.body.contains(text), "{text} not in {}", refused.body);
    }
    assert_eq!(entries(&db).await, before, "nothing written");

    // The good file: three marks, three entries; the download then reads back unchanged.
    let good = attendance_csv(&[
        &["002101", "", "x"],
        &["002102", "", "", "Ốm, có đơn", "x"],
        &["002104", "", "có"],
        &["002105", "", ""],
    ]);
    let done = office.post_file(&page_uri, "diem-danh.csv", &good).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(entries(&db).await, before + 3);
    let (_, now) = office.get_bytes(&format!("{ATTENDANCE_FILE}/download?round={ROUND}&session=1&format=csv")).await;
    let now = String::from_utf8(now).unwrap();
    assert!(
        now.contains("002102,Trần Văn Bình,,\"Ốm, có đơn\",x") || now.contains("002102,Trần Văn Bình,,Ốm, có đơn"),
        "{now}"
    );
    let back = office.post_file(&page_uri, "diem-danh.csv", now.as_bytes()).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    let (_, xlsx) = office.get_bytes(&format!("{ATTENDANCE_FILE}/download?round={ROUND}&session=1")).await;
    let back = office.post_file(&page_uri, "diem-danh.xlsx", &xlsx).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert_eq!(entries(&db).await, before + 3, "re-importing the download writes nothing");
    // R-BASE-1: someone checked in is not then marked absent.
    let absent = attendance_csv(&[&["002101", "", "", "Bận việc"]]);
    let refused = office.post_file(&page_uri, "diem-danh.csv", &absent).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("R-BASE-1"), "{}", refused.body);
    assert_eq!(entries(&db).await, before + 3);

    let mut inspection = app.signed_in("kt.qt").await;
    assert_eq!(inspection.get(&page_uri).await.status, StatusCode::FORBIDDEN);
}

/// A file sent to the API's import.
async fn import(app: &TestApp, token: &str, path: &str, query: &str, bytes: &[u8]) -> Page {
    let req = axum::http::Request::builder()
        .method(Method::POST)
        .uri(format!("/api/v1/orgs/QN.DH.QT/congress/{path}?{query}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "text/csv");
    let (status, headers, body) = app.anonymous().send_raw(req, axum::body::Body::from(bytes.to_vec())).await;
    Page { status, headers, body: String::from_utf8(body).unwrap() }
}

async fn the_files_in_the_api(db: Db) {
    let app = setup(&db).await;
    let (_, office) = app.token("vp.qt").await;
    let (_, inspection) = app.token("kt.qt").await;
    let mut c = app.anonymous();
    let exported = c
        .api(Method::GET, &format!("/api/v1/orgs/QN.DH.QT/congress/roll-file?round={ROUND}&format=csv"), &office, None)
        .await;
    assert_eq!(exported.status, StatusCode::OK, "{}", exported.body);
    let mut page = app.signed_in("vp.qt").await;
    let (_, file) = page.get_bytes(&format!("{ROLL_FILE}/download?round={ROUND}&format=csv")).await;
    assert_eq!(exported.body, String::from_utf8(file).unwrap(), "the page's file");

    let before = entries(&db).await;
    let good = roll_csv(&[&["002110", "", "Chỉ định", "", "5-QĐ/ĐU"]]);
    let dry = import(&app, &office, "roll-file", &format!("round={ROUND}&name=d.csv&dry_run=true"), &good).await;
    assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
    let j = dry.json();
    assert_eq!((j["entered"].as_u64(), j["written"].as_bool()), (Some(1), Some(false)), "{j}");
    assert_eq!(entries(&db).await, before);

    // C-DEL-2 and C-DEL-10: refused with sheet, row, column and rule; nothing written.
    let bad = roll_csv(&[&["002110", "", "Được bầu", "QN.DH.QT.CB01"], &["002102", "", "Dự khuyết", "", "", "1"]]);
    let refused = import(&app, &office, "roll-file", &format!("round={ROUND}&name=d.csv"), &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    let j = refused.json();
    let p = &j["problems"];
    assert_eq!((p[0]["row"].as_u64(), p[0]["rule"].as_str()), (Some(2), Some("C-DEL-2")), "{j}");
    assert_eq!((p[1]["row"].as_u64(), p[1]["rule"].as_str()), (Some(3), Some("C-DEL-10")), "{j}");
    assert_eq!(p[0]["column"].as_str(), Some("D (Mã tổ chức bầu)"), "{j}");
    assert!(!p[0]["sheet"].as_str().unwrap().is_empty(), "{j}");
    assert_eq!(j["written"].as_bool(), Some(false));
    assert_eq!(entries(&db).await, before);

    let done = import(&app, &office, "roll-file", &format!("round={ROUND}&name=d.csv"), &good).await;
    assert_eq!((done.status, done.json()["written"].as_bool()), (StatusCode::OK, Some(true)), "{}", done.body);
    let again = import(&app, &office, "roll-file", &format!("round={ROUND}&name=d.csv"), &good).await;
    assert_eq!(again.json()["unchanged"].as_u64(), Some(1));
    assert_eq!(entries(&db).await, before + 1);

    // The attendance file: no session yet (404), then one.
    let att = attendance_csv(&[&["002101", "", "x"]]);
    let none = import(&app, &office, "attendance-file", &format!("round={ROUND}&session=1&name=d.csv"), &att).await;
    assert_eq!(none.status, StatusCode::NOT_FOUND, "{}", none.body);
    let opened = c
        .api(
            Method::POST,
            "/api/v1/orgs/QN.DH.QT/congress/sessions",
            &office,
            Some(&serde_json::json!({"round": ROUND, "name": "Phiên trù bị", "held_on": "2026-12-10"})),
        )
        .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    let done = import(&app, &office, "attendance-file", &format!("round={ROUND}&session=1&name=d.csv"), &att).await;
    assert_eq!((done.status, done.json()["entered"].as_u64()), (StatusCode::OK, Some(1)), "{}", done.body);
    let excluded = attendance_csv(&[&["002109", "", "x"]]);
    let refused =
        import(&app, &office, "attendance-file", &format!("round={ROUND}&session=1&name=d.csv"), &excluded).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(refused.json()["problems"][0]["rule"].as_str(), Some("C-DEL-9"));
    let exported = c
        .api(
            Method::GET,
            &format!("/api/v1/orgs/QN.DH.QT/congress/attendance-file?round={ROUND}&session=1&format=csv"),
            &office,
            None,
        )
        .await;
    assert_eq!(exported.status, StatusCode::OK);
    assert!(exported.body.contains("002101,Nguyễn Văn An,x"), "{}", exported.body);

    // A name without a format: 400; no such round: 404; inspection: 403.
    assert_eq!(import(&app, &office, "roll-file", "name=d.pdf", &good).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        import(&app, &office, "roll-file", "round=1990-1995&name=d.csv", &good).await.status,
        StatusCode::NOT_FOUND
    );
    let uri = "/api/v1/orgs/QN.DH.QT/congress/roll-file";
    assert_eq!(c.api(Method::GET, uri, &inspection, None).await.status, StatusCode::FORBIDDEN);
}

fn allocation_csv(rows: &[&[&str]]) -> Vec<u8> {
    csv(&allocation::Column::ALL.map(|c| c.header()), rows)
}

/// The decision's own fields (C-DEL-1) as the page's form sends them.
fn decision(total: &str) -> Vec<(String, String)> {
    [("total", total), ("decision", "Quyết định 12-QĐ/ĐU"), ("decided_on", "2026-12-01")]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

async fn the_allocation_file(db: Db) {
    let app = setup(&db).await;
    let mut office = app.signed_in("vp.qt").await;
    let page_uri = format!("{ALLOCATION_FILE}?round={ROUND}");
    let allocation_page = format!("/orgs/QN.DH.QT/congress/allocation?round={ROUND}");
    assert!(office.get(&allocation_page).await.body.contains("id=\"allocation-file-link\""));
    let page = office.get(&page_uri).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("id=\"congress-file-total\""), "{}", page.body);

    // Before a decision the download is the page's pre-filled rows: the
    // convening organization's own ex-officio row (C-DEL-7).
    let (status, file) = office.get_bytes(&format!("{ALLOCATION_FILE}/download?round={ROUND}&format=csv")).await;
    assert_eq!(status, StatusCode::OK);
    let file = String::from_utf8(file).unwrap();
    assert!(file.contains("QN.DH.QT,") && file.contains("Đương nhiên"), "{file}");

    // C-DEL-1, C-DEL-8: the decision imported, one audited write.
    let good = allocation_csv(&[
        &["QN.DH.QT", "", "Đương nhiên", "3"],
        &["QN.DH.QT.CB01", "", "Được bầu", "4"],
        &["QN.DH.QT.CB02", "", "Chỉ định", "2", "5-QĐ/ĐU"],
    ]);
    let before = entries(&db).await;
    let done = office.post_multipart(&page_uri, &decision("9"), Some(("phan-bo.csv", &good))).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("id=\"congress-file-done\""), "{}", done.body);
    assert_eq!(entries(&db).await, before + 1, "one audited write");
    let shown = office.get(&allocation_page).await;
    assert!(shown.body.contains("Quyết định 12-QĐ/ĐU") && shown.body.contains("5-QĐ/ĐU"), "{}", shown.body);

    // The download read back, CSV and xlsx: unchanged, no audit entry.
    let (_, file) = office.get_bytes(&format!("{ALLOCATION_FILE}/download?round={ROUND}&format=csv")).await;
    let file = String::from_utf8(file).unwrap();
    assert!(file.contains("QN.DH.QT.CB02,") && file.contains("5-QĐ/ĐU"), "{file}");
    let back = office.post_multipart(&page_uri, &decision("9"), Some(("phan-bo.csv", file.as_bytes()))).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    let (_, xlsx) = office.get_bytes(&format!("{ALLOCATION_FILE}/download?round={ROUND}")).await;
    assert_eq!(&xlsx[..2], b"PK");
    let back = office.post_multipart(&page_uri, &decision("9"), Some(("phan-bo.xlsx", &xlsx))).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert_eq!(entries(&db).await, before + 1, "re-importing the download writes nothing");

    // Every bad row named with its rule, nothing written: an unknown
    // organization, one not below (C-DEL-2), designated without its
    // decision (C-DEL-8), an organization twice (C-DEL-2).
    let bad = allocation_csv(&[
        &["QN.DH.QT", "", "Đương nhiên", "3"],
        &["QN.DH.QT.ZZ99", "", "Được bầu", "1"],
        &["QN.TY.DN.CB01", "", "Được bầu", "1"],
        &["QN.DH.QT.CB02", "", "Chỉ định", "2"],
        &["QN.DH.QT.CB01", "", "Được bầu", "1"],
        &["QN.DH.QT.CB01", "", "Được bầu", "1"],
    ]);
    let refused = office.post_multipart(&page_uri, &decision("9"), Some(("phan-bo.csv", &bad))).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    for text in [
        "phan-bo.csv",
        "<td>3</td><td>A (Mã tổ chức)</td><td>QN.DH.QT.ZZ99</td>",
        "<td>4</td><td>A (Mã tổ chức)</td><td>QN.TY.DN.CB01</td>",
        "<td>5</td><td>E (Quyết định chỉ định)</td>",
        "C-DEL-8",
        "<td>7</td><td>A (Mã tổ chức)</td>",
        "C-DEL-2",
    ] {
        assert!(refused.body.contains(text), "{text} not in {}", refused.body);
    }
    assert!(!refused.body.contains("<td>2</td>") && !refused.body.contains("<td>6</td>"), "{}", refused.body);
    assert_eq!(entries(&db).await, before + 1, "nothing written");

    // C-DEL-1: the seats add up to the total the committee decided.
    let refused = office.post_multipart(&page_uri, &decision("10"), Some(("phan-bo.csv", &good))).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("C-DEL-1") && refused.body.contains("10"), "{}", refused.body);
    // The decision's fields are required, each named.
    let no_total = office.post_multipart(&page_uri, &decision(""), Some(("phan-bo.csv", &good))).await;
    assert_eq!(no_total.status, StatusCode::BAD_REQUEST, "{}", no_total.body);
    assert!(no_total.body.contains("id=\"congress-file-problem\""), "{}", no_total.body);
    let oversized = vec![b'x'; 6 << 20];
    let big = office.post_multipart(&page_uri, &decision("9"), Some(("phan-bo.csv", &oversized))).await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", big.body);
    assert_eq!(entries(&db).await, before + 1, "nothing written");
    assert_eq!(
        db.operator()
            .congresses()
            .allocation(&round_of(&db).await, &congress_of(&db).await)
            .await
            .unwrap()
            .unwrap()
            .table
            .total,
        9
    );

    // Inspection reads the allocation but keeps no file.
    let mut inspection = app.signed_in("kt.qt").await;
    assert_eq!(inspection.get(&page_uri).await.status, StatusCode::FORBIDDEN);
    let forbidden = inspection.post_multipart(&page_uri, &decision("9"), Some(("phan-bo.csv", &good))).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
}

async fn round_of(db: &Db) -> daihoi_store::congresses::Round {
    db.operator().congresses().round(ROUND).await.unwrap().unwrap()
}

async fn congress_of(db: &Db) -> daihoi_store::congresses::Congress {
    let code = daihoi_core::OrgCode::parse("QN.DH.QT").unwrap();
    let node = db.org_by_code(&code, time::macros::date!(2026 - 12 - 01)).await.unwrap().unwrap();
    let round = round_of(db).await;
    db.operator().congresses().congress(&round, &node, time::macros::date!(2026 - 12 - 01)).await.unwrap().unwrap()
}

async fn the_allocation_file_in_the_api(db: Db) {
    let app = setup(&db).await;
    let (_, office) = app.token("vp.qt").await;
    let (_, inspection) = app.token("kt.qt").await;
    let mut c = app.anonymous();
    let uri = format!("/api/v1/orgs/QN.DH.QT/congress/allocation-file?round={ROUND}&format=csv");
    let exported = c.api(Method::GET, &uri, &office, None).await;
    assert_eq!(exported.status, StatusCode::OK, "{}", exported.body);
    assert!(exported.body.contains("Đương nhiên"), "{}", exported.body);
    assert_eq!(c.api(Method::GET, &uri, &inspection, None).await.status, StatusCode::FORBIDDEN);

    let good = allocation_csv(&[&["QN.DH.QT", "", "ex_officio", "3"], &["QN.DH.QT.CB01", "", "elected", "4"]]);
    let q = |total: &str, extra: &str| {
        format!("round={ROUND}&name=d.csv&total={total}&decision=12-QĐ%2FĐU&decided_on=2026-12-01{extra}")
    };
    let before = entries(&db).await;
    let dry = import(&app, &office, "allocation-file", &q("7", "&dry_run=true"), &good).await;
    assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
    assert_eq!((dry.json()["entered"].as_u64(), dry.json()["written"].as_bool()), (Some(2), Some(false)));
    assert_eq!(entries(&db).await, before, "a dry run writes nothing");
    // C-DEL-1: the sum is not the total; refused, nothing written.
    let refused = import(&app, &office, "allocation-file", &q("8", ""), &good).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.json()["file_problem"].as_str().unwrap().contains("C-DEL-1"), "{}", refused.body);
    assert_eq!(entries(&db).await, before);
    // The schema's bounds are the code's: its maximum total is a total the
    // sum can be checked against (422), one more is a bad total (400).
    let largest = import(&app, &office, "allocation-file", &q("999999", ""), &good).await;
    assert_eq!(largest.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", largest.body);
    let over = import(&app, &office, "allocation-file", &q("1000000", ""), &good).await;
    assert_eq!(over.status, StatusCode::BAD_REQUEST, "{}", over.body);
    assert_eq!(entries(&db).await, before);
    // A bad day is named.
    let bad_day =
        import(&app, &office, "allocation-file", &q("7", "").replace("2026-12-01", "01/13/2026"), &good).await;
    assert_eq!(bad_day.status, StatusCode::BAD_REQUEST, "{}", bad_day.body);
    let done = import(&app, &office, "allocation-file", &q("7", ""), &good).await;
    assert_eq!((done.status, done.json()["written"].as_bool()), (StatusCode::OK, Some(true)), "{}", done.body);
    let again = import(&app, &office, "allocation-file", &q("7", ""), &good).await;
    assert_eq!(again.json()["unchanged"].as_u64(), Some(2), "{}", again.body);
    assert_eq!(entries(&db).await, before + 1);
    let forbidden = import(&app, &inspection, "allocation-file", &q("7", ""), &good).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN, "{}", forbidden.body);
}

daihoi_test_support::engines!(
    the_roll_file,
    the_attendance_file,
    the_files_in_the_api,
    the_allocation_file,
    the_allocation_file_in_the_api
);
