//! `GET /api/v1/orgs/{code}/members/export`: the subtree's member file,
//! with the columns of `daihoi export members` (docs/member-import.md),
//! read back by an import unchanged; only for roles that read members.

use crate::support;

use axum::http::{Method, StatusCode, header};
use daihoi_core::Role;
use daihoi_core::members::import::{Column, parse_sheet};
use daihoi_store::Db;
use daihoi_test_support::fixtures::*;
use support::{Page, TestApp};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn refused(page: &Page, status: StatusCode, code: &str) {
    assert_eq!(page.status, status, "{}", page.body);
    assert_eq!(page.json()["error"]["code"], code, "{}", page.body);
}

async fn the_member_file_of_a_subtree(db: Db) {
    small_tree(&db).await;
    let mut condition = member("10000002", "Trần Thị Bình", "QN.DH.QT.CB02");
    condition.condition = Some((daihoi_core::members::ConditionKind::Exempted, time::macros::date!(2026 - 01 - 05)));
    import(
        &db,
        vec![
            member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            condition,
            member("20000001", "Lê Văn Cường", "QN.TY.DN.CB01"),
        ],
    )
    .await;
    let app = TestApp::new(&db);
    app.user("kt.quangtan", Role::Inspection, "QN.DH.QT").await;
    app.member_user("dv.an", "10000001", "QN.DH.QT.CB01").await;
    let (_, token) = app.token("kt.quangtan").await;
    let (_, member_token) = app.token("dv.an").await;
    let mut c = app.anonymous();

    // CSV: the header of the member file, the subtree's members only.
    let page =
        c.api(Method::GET, "/api/v1/orgs/qn.dh.qt/members/export?format=csv&date=2026-11-28", &token, None).await;
    let bytes = page.body.clone().into_bytes();
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let disposition = page.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment;") && disposition.contains("dang-vien-QN-DH-QT-2026-11-28.csv"),
        "{disposition}"
    );
    let book = daihoi_sheets::read_bytes("ds.csv", daihoi_sheets::Format::Csv, &bytes).unwrap();
    let rows = &book.sheets[0].rows;
    let header: Vec<&str> = Column::ALL.iter().map(|c| c.header()).collect();
    assert_eq!(rows[0], header);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[1][..2], ["10000001", "Nguyễn Văn An"]);
    assert_eq!(rows[2][..2], ["10000002", "Trần Thị Bình"]);
    assert!(!page.body.contains("Lê Văn Cường") && !page.body.contains("20000001"), "{}", page.body);
    // Read back by an import: every row unchanged (docs/member-import.md).
    let parsed = parse_sheet(rows, TODAY).unwrap();
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let again = import(&db, parsed.rows.into_iter().map(|(_, r)| r).collect()).await;
    assert_eq!(again.unchanged, 2);

    // xlsx (the default): the same cells.
    let page = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT.CB01/members/export?date=2026-11-28", &token, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers[header::CONTENT_TYPE], XLSX);
    let req = axum::http::Request::get("/api/v1/orgs/QN.DH.QT.CB01/members/export?date=2026-11-28")
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    let (_, _, raw) = c.send_raw(req, axum::body::Body::empty()).await;
    let book = daihoi_sheets::read_bytes("ds.xlsx", daihoi_sheets::Format::Xlsx, &raw).unwrap();
    assert_eq!(book.sheets[0].rows.len(), 2);
    assert_eq!(book.sheets[0].rows[1][..2], ["10000001", "Nguyễn Văn An"]);

    // Who may: a role that reads the members; not the member role, not outside.
    refused(
        &c.api(Method::GET, "/api/v1/orgs/QN.DH.QT.CB01/members/export", &member_token, None).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    refused(
        &c.api(Method::GET, "/api/v1/orgs/QN.TY.DN/members/export", &token, None).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    refused(
        &c.api(Method::GET, "/api/v1/orgs/QN.DH.QT.X/members/export", &token, None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    for query in ["format=pdf", "format=", "date=", "date=2026-02-30"] {
        let page = c.api(Method::GET, &format!("/api/v1/orgs/QN.DH.QT/members/export?{query}"), &token, None).await;
        refused(&page, StatusCode::BAD_REQUEST, "bad_request");
    }
    refused(
        &c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/members/export", "", None).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
}

/// A file sent to `POST /api/v1/orgs/{org}/import?{query}`.
async fn send(app: &TestApp, token: &str, org: &str, query: &str, bytes: &[u8]) -> Page {
    let req = axum::http::Request::builder()
        .method(Method::POST)
        .uri(format!("/api/v1/orgs/{org}/import?{query}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "text/csv");
    let (status, headers, body) = app.anonymous().send_raw(req, axum::body::Body::from(bytes.to_vec())).await;
    Page { status, headers, body: String::from_utf8(body).unwrap() }
}

/// The member import through the API, as the page does it: a dry run
/// writes nothing; the import is written once with its audit entry; refused
/// rows come back by row and column with nothing written (422); a file that
/// is no member file names itself; those who do not write there may not.
async fn the_member_import(db: Db) {
    small_tree(&db).await;
    let app = TestApp::new(&db);
    app.user("vp.quangtan", Role::Office, "QN.DH.QT").await;
    app.user("kt.quangtan", Role::Inspection, "QN.DH.QT").await;
    let (_, office) = app.token("vp.quangtan").await;
    let (_, inspection) = app.token("kt.quangtan").await;
    let header = Column::ALL.map(|c| c.header()).join(",");
    let file = format!(
        "{header}\n10000001,Nguyễn Văn An,Nam,12/05/1980,Kinh,QN.DH.QT.CB01,19/05/2005,19/05/2006\n\
         10000002,Trần Thị Bình,Nữ,01/02/1985,Kinh,QN.DH.QT.CB02,03/02/2010,03/02/2011\n"
    );
    let imports = async || {
        let (entries, _) = db
            .operator()
            .audit()
            .audit_entries(&daihoi_store::audit::AuditFilter { limit: 50, ..Default::default() })
            .await
            .unwrap();
        entries.into_iter().filter(|e| e.action == "import_members" && e.actor == "vp.quangtan").count()
    };
    let checked = send(&app, &office, "QN.DH.QT", "name=ds.csv&dry_run=true", file.as_bytes()).await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.body);
    let j = checked.json();
    assert_eq!((j["rows"].as_u64(), j["created"].as_u64(), j["written"].as_bool()), (Some(2), Some(2), Some(false)));
    assert_eq!(imports().await, 0, "a dry run writes nothing");
    let written = send(&app, &office, "QN.DH.QT", "name=ds.csv", file.as_bytes()).await;
    assert_eq!(written.status, StatusCode::OK, "{}", written.body);
    assert_eq!((written.json()["created"].as_u64(), written.json()["written"].as_bool()), (Some(2), Some(true)));
    assert_eq!(imports().await, 1);
    let d = time::macros::date!(2026 - 11 - 28);
    let qt = db.org_by_code(&code("QN.DH.QT"), d).await.unwrap().unwrap();
    assert_eq!(db.base_count(&qt, d).await.unwrap().convened, 2);

    // Refused rows: by row and column, nothing written.
    let bad = format!(
        "{header}\n10000003,Lê Văn Cường,Nam,30/02/1980,Kinh,QN.DH.QT.CB01,19/05/2005,\n\
         10000004,Phạm Thị Dung,Nữ,01/02/1985,Kinh,QN.TY.DN.CB01,03/02/2010,\n"
    );
    let page = send(&app, &office, "QN.DH.QT", "name=ds.csv", bad.as_bytes()).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", page.body);
    let j = page.json();
    assert_eq!((j["written"].as_bool(), j["problems"][0]["row"].as_u64()), (Some(false), Some(2)), "{j}");
    assert!(j["problems"][0]["column"].as_str().unwrap().starts_with("D ("), "{j}");
    let outside = format!("{header}\n10000004,Phạm Thị Dung,Nữ,01/02/1985,Kinh,QN.TY.DN.CB01,03/02/2010,\n");
    let page = send(&app, &office, "QN.DH.QT", "name=ds.csv", outside.as_bytes()).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", page.body);
    assert!(page.json()["problems"][0]["message"].as_str().unwrap().contains("QN.TY.DN.CB01"), "{}", page.body);
    assert_eq!(imports().await, 1, "nothing written");

    // Not a member file: it names itself.
    let page = send(&app, &office, "QN.DH.QT", "name=nhiem-vu.csv", b"Ma nhiem vu,Noi dung\nNV-01,Hoc tap").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", page.body);
    assert!(page.json()["file_problem"].as_str().unwrap().contains("nhiem-vu.csv"), "{}", page.body);
    refused(
        &send(&app, &office, "QN.DH.QT", "name=ds.docx", file.as_bytes()).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    refused(&send(&app, &office, "QN.DH.QT", "name=ds.csv", b"").await, StatusCode::BAD_REQUEST, "bad_request");
    // Who may: those who write there.
    refused(
        &send(&app, &inspection, "QN.DH.QT", "name=ds.csv", file.as_bytes()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    refused(&send(&app, &office, "QN.TY.DN", "name=ds.csv", file.as_bytes()).await, StatusCode::FORBIDDEN, "forbidden");
}

/// The member page's forms through the API: the same facet, 200/201 when
/// done, 422 for what a rule refuses, 400 outside the schema, 403 outside
/// the caller's writes; each change in the member's `history`.
async fn the_member_kept_through_the_api(db: Db) {
    small_tree(&db).await;
    import(&db, vec![member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01")]).await;
    let an =
        db.person_id_by_card(&daihoi_core::members::CardNumber::parse("10000001").unwrap()).await.unwrap().unwrap();
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let (_, token) = app.token("qt.office").await;
    let mut c = app.anonymous();
    let uri = format!("/api/v1/members/{an}");
    let data = |birth: &str| {
        serde_json::json!({"card_number": "10000001", "full_name": "Nguyễn Văn An", "gender": "male",
            "birth_date": birth, "ethnicity": "Tày", "admission_date": "2005-05-19", "official_date": "2006-05-19"})
    };
    refused(&c.api(Method::PUT, &uri, &token, Some(&data("12/05/1980"))).await, StatusCode::BAD_REQUEST, "bad_request");
    let page = c.api(Method::PUT, &uri, &token, Some(&data("1990-01-01"))).await;
    refused(&page, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    assert!(page.json()["error"]["message"].as_str().unwrap().contains("admission_date"), "{}", page.body);
    let page = c.api(Method::PUT, &uri, &token, Some(&data("1980-05-12"))).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.json()["ethnicity"], "Tày");

    let transfer = |org: &str, date: &str| serde_json::json!({"org": org, "date": date});
    let to = format!("{uri}/transfer");
    let out = c.api(Method::POST, &to, &token, Some(&transfer("QN.TY.DN.CB01", "2026-09-01"))).await;
    refused(&out, StatusCode::FORBIDDEN, "forbidden");
    let early = c.api(Method::POST, &to, &token, Some(&transfer("QN.DH.QT.CB02", "2005-01-01"))).await;
    refused(&early, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    let page = c.api(Method::POST, &to, &token, Some(&transfer("QN.DH.QT.CB02", "2026-09-01"))).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.json()["memberships"][1]["org_name"], "Chi bộ thôn Tân Hợp");

    let cond = serde_json::json!({"kind": "suspended", "from": "2026-10-01", "note": "QĐ 12"});
    let page = c.api(Method::POST, &format!("{uri}/conditions"), &token, Some(&cond)).await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    let id = page.json()["conditions"][0]["id"].as_i64().unwrap();
    let again = c.api(Method::POST, &format!("{uri}/conditions"), &token, Some(&cond)).await;
    refused(&again, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    let end = serde_json::json!({"to": "2026-11-01"});
    let page = c.api(Method::POST, &format!("{uri}/conditions/{id}/end"), &token, Some(&end)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let actions: Vec<String> =
        page.json()["history"].as_array().unwrap().iter().map(|h| h["action"].as_str().unwrap().to_owned()).collect();
    assert_eq!(actions, ["member_edit", "member_transfer", "member_condition_record", "member_condition_end"]);
}

daihoi_test_support::engines!(the_member_file_of_a_subtree, the_member_import, the_member_kept_through_the_api);
