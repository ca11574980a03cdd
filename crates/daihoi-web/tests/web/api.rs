//! The JSON API under `/api/v1`, requested in process with bearer tokens
//! against a real database on each engine: its OpenAPI document (locked by
//! a snapshot), each endpoint, the error envelope, and a matrix of every
//! documented operation × role × inside/outside the caller's subtree.

use crate::support;

use axum::http::{Method, StatusCode, header};
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_store::audit::AuditFilter;
use daihoi_test_support::fixtures::*;
use serde_json::json;
use support::{Client, Page, TestApp};

const INSIDE_MEMBER: &str = "Nguyễn Văn An";
const OUTSIDE_MEMBER: &str = "Lê Thị Cúc";

async fn seeded(db: &Db) {
    small_tree(db).await;
    import(
        db,
        vec![
            member("10000001", INSIDE_MEMBER, "QN.DH.QT.CB01"),
            member("10000002", "Trần Thị Bình", "QN.DH.QT.CB02"),
            member("10000003", OUTSIDE_MEMBER, "QN.TY.DN.CB01"),
        ],
    )
    .await;
}

async fn person(db: &Db, card: &str) -> i64 {
    db.person_id_by_card(&daihoi_core::members::CardNumber::parse(card).unwrap()).await.unwrap().unwrap()
}

/// The application and a token of `login` holding `role` over `org`.
async fn caller(db: &Db, login: &str, role: Role, org: &str) -> (TestApp, Client, String) {
    let app = TestApp::new(db);
    app.user(login, role, org).await;
    let (_, token) = app.token(login).await;
    let client = app.anonymous();
    (app, client, token)
}

/// Asserts the error envelope: the status, the code, JSON, and nothing else
/// (a `rule` only when a rule refused the request).
fn assert_envelope(page: &Page, status: StatusCode, code: &str) {
    assert_eq!(page.status, status, "{}", page.body);
    assert_eq!(page.headers[header::CONTENT_TYPE], "application/json", "{}", page.body);
    let v = page.json();
    let obj = v.as_object().unwrap();
    assert_eq!(obj.keys().collect::<Vec<_>>(), ["error"], "{v}");
    let err = v["error"].as_object().unwrap();
    let keys: Vec<&String> = err.keys().collect();
    assert!(keys == ["code", "message"] || keys == ["code", "message", "rule"], "{v}");
    assert_eq!(err["code"], code, "{v}");
    assert!(!err["message"].as_str().unwrap().is_empty());
}

/// Asserts the envelope of a refusal by `rule`.
fn assert_rule(page: &Page, status: StatusCode, code: &str, rule: &str) {
    assert_envelope(page, status, code);
    assert_eq!(page.json()["error"]["rule"], rule, "{}", page.body);
    assert!(page.json()["error"]["message"].as_str().unwrap().contains(rule), "{}", page.body);
}

fn today() -> time::Date {
    daihoi_core::date::date_in_vietnam(time::OffsetDateTime::now_utc())
}

#[test]
fn openapi_document_is_locked() {
    insta::assert_json_snapshot!("openapi", daihoi_web::openapi());
}

async fn openapi_is_served_without_a_token(db: Db) {
    let app = TestApp::new(&db);
    let page = app.anonymous().get("/api/openapi.json").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(page.json(), serde_json::to_value(daihoi_web::openapi()).unwrap());
    let v = page.json();
    assert_eq!(v["info"]["title"], "daihoi API");
    assert_eq!(v["info"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
}

async fn list_orgs(db: Db) {
    seeded(&db).await;
    let (app, mut c, token) = caller(&db, "xa.admin", Role::Admin, "QN.DH.QT").await;
    let page = c.api(Method::GET, "/api/v1/orgs?date=2026-11-28", &token, None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        page.json(),
        json!([{
            "code": "QN.DH.QT", "name": "Đảng bộ xã Quảng Tân", "kind": "commune",
            "parent": null, "valid_from": "2020-01-01", "valid_to": null
        }])
    );
    // Before the tree existed: nothing.
    assert_eq!(c.api(Method::GET, "/api/v1/orgs?date=2019-01-01", &token, None).await.json(), json!([]));

    // A province administrator holding a second role in its subtree: one root.
    app.user("tinh", Role::Admin, "QN").await;
    app.grant("tinh", Role::Office, "QN.TY").await;
    let (_, t) = app.token("tinh").await;
    let v = c.api(Method::GET, "/api/v1/orgs", &t, None).await.json();
    assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v[0]["code"], "QN");
}

async fn show_org(db: Db) {
    seeded(&db).await;
    let (app, mut c, token) = caller(&db, "xa.admin", Role::Inspection, "QN.DH.QT").await;
    let page = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT?date=2026-11-28", &token, None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        page.json(),
        json!({
            "code": "QN.DH.QT", "name": "Đảng bộ xã Quảng Tân", "kind": "commune",
            "parent": null, "valid_from": "2020-01-01", "valid_to": null,
            "counts": {
                "official": 2, "probationary": 0, "prosecuted_or_detained": 0,
                "suspended": 0, "temporarily_transferred": 0, "exempted": 0
            },
            "access": {"members": true, "write": false}
        })
    );
    // Codes are case-insensitive; the parent shows when the caller sees it.
    let v = c.api(Method::GET, "/api/v1/orgs/qn.dh.qt.cb01", &token, None).await.json();
    assert_eq!((v["code"].as_str(), v["parent"].as_str()), (Some("QN.DH.QT.CB01"), Some("QN.DH.QT")));
    app.user("tinh", Role::Office, "QN").await;
    let (_, t) = app.token("tinh").await;
    let v = c.api(Method::GET, "/api/v1/orgs/QN", &t, None).await.json();
    assert_eq!(v["counts"]["official"], 3);
    assert_eq!(v["access"], json!({"members": true, "write": true}));
    assert_eq!(c.api(Method::GET, "/api/v1/orgs/QN.DH.QT", &t, None).await.json()["parent"], "QN.DH");
}

async fn org_children(db: Db) {
    seeded(&db).await;
    let (_, mut c, token) = caller(&db, "xa.admin", Role::Office, "QN.DH.QT").await;
    let page = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/children", &token, None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        page.json(),
        json!([
            {"code": "QN.DH.QT.CB01", "name": "Chi bộ thôn Đồng Tâm", "kind": "cell", "parent": "QN.DH.QT",
             "valid_from": "2020-01-01", "valid_to": null},
            {"code": "QN.DH.QT.CB02", "name": "Chi bộ thôn Tân Hợp", "kind": "cell", "parent": "QN.DH.QT",
             "valid_from": "2020-01-01", "valid_to": null},
        ])
    );
    let page = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT.CB01/children", &token, None).await;
    assert_eq!(page.json(), json!([]));
}

async fn org_members(db: Db) {
    seeded(&db).await;
    let an = person(&db, "10000001").await;
    let (app, mut c, token) = caller(&db, "xa.admin", Role::Inspection, "QN.DH.QT").await;
    let page = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/members?date=2026-11-28", &token, None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let v = page.json();
    assert_eq!((v["total"].as_u64(), v["offset"].as_u64(), v["limit"].as_u64()), (Some(2), Some(0), Some(50)));
    assert_eq!(
        v["items"][0],
        json!({
            "id": an, "card_number": "10000001", "full_name": INSIDE_MEMBER, "gender": "male",
            "birth_date": "1980-05-12", "standing": "official", "org_code": "QN.DH.QT.CB01",
            "org_name": "Chi bộ thôn Đồng Tâm", "conditions": []
        })
    );
    assert_eq!(v["items"][1]["full_name"], "Trần Thị Bình");

    // Pages.
    let v = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/members?offset=1&limit=1", &token, None).await.json();
    assert_eq!((v["total"].as_u64(), v["items"].as_array().unwrap().len()), (Some(2), 1));
    assert_eq!(v["items"][0]["full_name"], "Trần Thị Bình");
    let page = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/members?limit=501", &token, None).await;
    assert_envelope(&page, StatusCode::BAD_REQUEST, "bad_request");
    let page = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/members?limit=0", &token, None).await;
    assert_envelope(&page, StatusCode::BAD_REQUEST, "bad_request");
    let page = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/members?limit=500", &token, None).await;
    assert_eq!(page.status, StatusCode::OK);

    // Search ignores case and diacritics; it stays inside the subtree.
    app.user("tinh", Role::Office, "QN").await;
    let (_, t) = app.token("tinh").await;
    let v = c.api(Method::GET, "/api/v1/orgs/QN/members?q=NGUYEN+van+an", &t, None).await.json();
    assert_eq!(v["total"], 1, "{v}");
    assert_eq!(v["items"][0]["full_name"], INSIDE_MEMBER);
    let v = c.api(Method::GET, "/api/v1/orgs/QN/members?q=thi", &t, None).await.json();
    assert_eq!(v["total"], 2, "{v}");
    let v = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/members?q=cuc", &t, None).await.json();
    assert_eq!(v["total"], 0, "{v}");
}

async fn show_member(db: Db) {
    seeded(&db).await;
    let an = person(&db, "10000001").await;
    let binh = person(&db, "10000002").await;
    let (app, mut c, token) = caller(&db, "xa.admin", Role::Office, "QN.DH.QT").await;
    let page = c.api(Method::GET, &format!("/api/v1/members/{an}"), &token, None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        page.json(),
        json!({
            "id": an, "card_number": "10000001", "full_name": INSIDE_MEMBER, "gender": "male",
            "birth_date": "1980-05-12", "ethnicity": "Kinh", "admission_date": "2005-05-19",
            "official_date": "2006-05-19", "standing": "official",
            "memberships": [{
                "org_code": "QN.DH.QT.CB01", "org_name": "Chi bộ thôn Đồng Tâm",
                "within": ["Đảng bộ xã Quảng Tân", "Đảng bộ huyện Đầm Hà", "Đảng bộ tỉnh Quảng Ninh"],
                "from": "2005-05-19", "to": null
            }],
            "conditions": [],
            "history": []
        })
    );
    assert_envelope(
        &c.api(Method::GET, "/api/v1/members/999999", &token, None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );

    // A member's own account reads their own data, and nobody else's.
    app.member_user("dangvien.an", "10000001", "QN.DH.QT.CB01").await;
    let (_, t) = app.token("dangvien.an").await;
    assert_eq!(c.api(Method::GET, &format!("/api/v1/members/{an}"), &t, None).await.status, StatusCode::OK);
    let page = c.api(Method::GET, &format!("/api/v1/members/{binh}"), &t, None).await;
    assert_envelope(&page, StatusCode::FORBIDDEN, "forbidden");
    assert!(!page.body.contains("Trần Thị Bình"));
}

async fn create_org(db: Db) {
    seeded(&db).await;
    let (app, mut c, token) = caller(&db, "xa.admin", Role::Office, "QN.DH.QT").await;
    let body = json!({
        "code": "qn.dh.qt.cb03", "name": " Chi bộ thôn Tân Lập ", "kind": "cell",
        "parent": "QN.DH.QT", "valid_from": "2026-01-01"
    });
    let page = c.api(Method::POST, "/api/v1/orgs", &token, Some(&body)).await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    assert_eq!(page.headers[header::LOCATION], "/api/v1/orgs/QN.DH.QT.CB03");
    assert_eq!(
        page.json(),
        json!({"code": "QN.DH.QT.CB03", "name": "Chi bộ thôn Tân Lập", "kind": "cell", "parent": "QN.DH.QT",
               "valid_from": "2026-01-01", "valid_to": null})
    );
    let v = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/children", &token, None).await.json();
    assert_eq!(v.as_array().unwrap().len(), 3);

    // In the audit log, with the caller and the address.
    let user = db.user_by_login("xa.admin").await.unwrap().unwrap();
    let viewer = db.viewer(user).await.unwrap();
    let (entries, _) =
        db.scoped(&viewer).audit().audit_entries(&AuditFilter { limit: 50, ..Default::default() }).await.unwrap();
    let e = entries.iter().find(|e| e.action == "create_org").expect("audit entry");
    assert_eq!((e.actor.as_str(), e.subject.as_str(), e.address.as_str()), ("xa.admin", "QN.DH.QT.CB03", "local"));

    // Refusals.
    let page = c.api(Method::POST, "/api/v1/orgs", &token, Some(&body)).await;
    assert_envelope(&page, StatusCode::CONFLICT, "conflict");
    assert_eq!(page.json()["error"]["message"], "an organization with code QN.DH.QT.CB03 already exists");
    let district = json!({"code": "QN.DH.QT.X", "name": "X", "kind": "district", "parent": "QN.DH.QT"});
    let page = c.api(Method::POST, "/api/v1/orgs", &token, Some(&district)).await;
    assert_rule(&page, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable", "O-KIND-1");
    assert!(page.json()["error"]["message"].as_str().unwrap().contains("cannot sit under"), "{}", page.body);
    let bad_kind = json!({"code": "QN.DH.QT.X", "name": "X", "kind": "village", "parent": "QN.DH.QT"});
    assert_envelope(
        &c.api(Method::POST, "/api/v1/orgs", &token, Some(&bad_kind)).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    let early =
        json!({"code": "QN.DH.QT.X", "name": "X", "kind": "cell", "parent": "QN.DH.QT", "valid_from": "2019-01-01"});
    assert_envelope(&c.api(Method::POST, "/api/v1/orgs", &token, Some(&early)).await, StatusCode::CONFLICT, "conflict");

    // Inspection reads but does not write.
    app.user("kiemtra", Role::Inspection, "QN.DH.QT").await;
    let (_, t) = app.token("kiemtra").await;
    let other = json!({"code": "QN.DH.QT.CB04", "name": "Chi bộ mới", "kind": "cell", "parent": "QN.DH.QT"});
    assert_envelope(&c.api(Method::POST, "/api/v1/orgs", &t, Some(&other)).await, StatusCode::FORBIDDEN, "forbidden");
}

async fn rename_org(db: Db) {
    seeded(&db).await;
    let (_, mut c, token) = caller(&db, "xa.admin", Role::Admin, "QN.DH.QT").await;
    let body = json!({"name": "Chi bộ khu Đồng Tâm", "from": "2026-01-01"});
    let page = c.api(Method::PATCH, "/api/v1/orgs/QN.DH.QT.CB01", &token, Some(&body)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        page.json(),
        json!({"code": "QN.DH.QT.CB01", "name": "Chi bộ khu Đồng Tâm", "kind": "cell", "parent": "QN.DH.QT",
               "valid_from": "2026-01-01", "valid_to": null})
    );
    let before = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT.CB01?date=2025-12-31", &token, None).await.json();
    assert_eq!(
        (before["name"].as_str(), before["valid_to"].as_str()),
        (Some("Chi bộ thôn Đồng Tâm"), Some("2026-01-01"))
    );

    // A date before the current version's start.
    let older = json!({"name": "Chi bộ thôn Đồng Tâm cũ", "from": "2025-06-01"});
    let page = c.api(Method::PATCH, "/api/v1/orgs/QN.DH.QT.CB01", &token, Some(&older)).await;
    assert_envelope(&page, StatusCode::CONFLICT, "conflict");
    assert!(page.json()["error"]["message"].as_str().unwrap().contains("not after its current version"));
    // Before the organization existed.
    let early = json!({"name": "X", "from": "2019-01-01"});
    assert_envelope(
        &c.api(Method::PATCH, "/api/v1/orgs/QN.DH.QT.CB01", &token, Some(&early)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let blank = json!({"name": "  "});
    assert_envelope(
        &c.api(Method::PATCH, "/api/v1/orgs/QN.DH.QT.CB01", &token, Some(&blank)).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
}

/// 400, 401, 403, 404, 405 and 409 all come in the one envelope, for
/// handler errors and extractor rejections alike.
async fn errors_come_in_the_envelope(db: Db) {
    seeded(&db).await;
    let (app, mut c, token) = caller(&db, "xa.admin", Role::Admin, "QN.DH.QT").await;
    let bad = StatusCode::BAD_REQUEST;
    assert_envelope(&c.api(Method::GET, "/api/v1/orgs?date=31/02/2024", &token, None).await, bad, "bad_request");
    assert_envelope(&c.api(Method::GET, "/api/v1/members/abc", &token, None).await, bad, "bad_request");
    assert_envelope(&c.api(Method::GET, "/api/v1/orgs/QN/members?offset=-1", &token, None).await, bad, "bad_request");
    // Bad JSON, a missing field, an unknown field, no content type.
    for body in ["{", r#"{"name": "X"}"#, r#"{"name": "X", "from": "2026-01-01", "extra": 1}"#] {
        let req = axum::http::Request::patch("/api/v1/orgs/QN.DH.QT")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json");
        let body = if body.contains("name") && !body.contains("extra") { r#"{"from": "2026-01-01"}"# } else { body };
        assert_envelope(&c.send(req, body.to_owned().into()).await, bad, "bad_request");
    }
    let req =
        axum::http::Request::patch("/api/v1/orgs/QN.DH.QT").header(header::AUTHORIZATION, format!("Bearer {token}"));
    assert_envelope(&c.send(req, r#"{"name": "X"}"#.into()).await, bad, "bad_request");

    let page = c.api(Method::GET, "/api/v1/orgs", "", None).await;
    assert_envelope(&page, StatusCode::UNAUTHORIZED, "unauthorized");
    assert_eq!(page.headers[header::WWW_AUTHENTICATE], "Bearer");
    assert_envelope(
        &c.api(Method::GET, "/api/v1/orgs", "dh_0000", None).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    let req = axum::http::Request::get("/api/v1/orgs").header(header::AUTHORIZATION, format!("Basic {token}"));
    assert_envelope(&c.send(req, axum::body::Body::empty()).await, StatusCode::UNAUTHORIZED, "unauthorized");
    // A signed-in session is not an API caller.
    app.user("web", Role::Admin, "QN").await;
    let mut browser = app.signed_in("web").await;
    assert_envelope(&browser.get("/api/v1/orgs").await, StatusCode::UNAUTHORIZED, "unauthorized");

    let page = c.api(Method::GET, "/api/v1/orgs/QN.TY", &token, None).await;
    assert_envelope(&page, StatusCode::FORBIDDEN, "forbidden");
    assert!(!page.body.contains("Tiên Yên"));

    for uri in
        ["/api/v1/orgs/QN.NOPE", "/api/v1/orgs/QN.DH.QT?date=2019-01-01", "/api/v1/nowhere", "/api/nowhere", "/api"]
    {
        assert_envelope(&c.api(Method::GET, uri, &token, None).await, StatusCode::NOT_FOUND, "not_found");
    }
    // Pages keep their HTML 404.
    let page = c.get("/nowhere").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));

    let page = c.api(Method::DELETE, "/api/v1/orgs/QN.DH.QT", &token, None).await;
    assert_envelope(&page, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");

    let dup = json!({"code": "QN.DH.QT.CB01", "name": "X", "kind": "cell", "parent": "QN.DH.QT"});
    assert_envelope(&c.api(Method::POST, "/api/v1/orgs", &token, Some(&dup)).await, StatusCode::CONFLICT, "conflict");
}

/// O-CODE-1 (issue 12): an office of the commune QN.DH.QT created
/// QN.BL.BL.CB99, HN and ZZ9 under its commune (201), squatting codes of
/// other subtrees, and the rightful owner then got 409. Now 422 with the
/// rule, nothing is written, and the owner creates its code.
async fn codes_are_not_squatted(db: Db) {
    seeded(&db).await;
    let (app, mut c, token) = caller(&db, "vp.quangtan", Role::Office, "QN.DH.QT").await;
    for squatted in ["QN.BL.BL.CB99", "HN", "ZZ9", "qn.ty.dn.cb09", "QN.DH.QT.CB01.X"] {
        let body = json!({"code": squatted, "name": "Chi bộ", "kind": "cell", "parent": "QN.DH.QT"});
        let page = c.api(Method::POST, "/api/v1/orgs", &token, Some(&body)).await;
        assert_rule(&page, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable", "O-CODE-1");
    }
    app.user("tinh", Role::Admin, "QN").await;
    let (_, owner) = app.token("tinh").await;
    for (code, kind, parent) in [("QN.BL", "commune", "QN"), ("QN.TY.DN.CB09", "cell", "QN.TY.DN")] {
        let body = json!({"code": code, "name": "Tổ chức của chủ", "kind": kind, "parent": parent});
        let page = c.api(Method::POST, "/api/v1/orgs", &owner, Some(&body)).await;
        assert_eq!(page.status, StatusCode::CREATED, "{code}: {}", page.body);
    }
    let body = json!({"code": "QN.DH.QT.CB09", "name": "Chi bộ thôn Tân Lập", "kind": "cell", "parent": "QN.DH.QT"});
    assert_eq!(c.api(Method::POST, "/api/v1/orgs", &token, Some(&body)).await.status, StatusCode::CREATED);
}

/// TEXT-1 (issue 12): names with NUL and control characters, and names of
/// 100,000 characters, were accepted. 400 with the rule, on creation and
/// renaming; nothing is written.
async fn names_are_checked_text(db: Db) {
    seeded(&db).await;
    let (_, mut c, token) = caller(&db, "vp.quangtan", Role::Office, "QN.DH.QT").await;
    let long = "Chi bộ ".repeat(15_000);
    for bad in ["Chi bộ\u{0}thôn", "Chi bộ \u{1b}[31mđỏ", "Chi bộ\r\nthôn", "\u{200b}", "", &long, &"x".repeat(201)]
    {
        let body = json!({"code": "QN.DH.QT.CB09", "name": bad, "kind": "cell", "parent": "QN.DH.QT"});
        let page = c.api(Method::POST, "/api/v1/orgs", &token, Some(&body)).await;
        assert_rule(&page, StatusCode::BAD_REQUEST, "bad_request", "TEXT-1");
        let body = json!({"name": bad, "from": "2026-01-01"});
        let page = c.api(Method::PATCH, "/api/v1/orgs/QN.DH.QT.CB01", &token, Some(&body)).await;
        assert_rule(&page, StatusCode::BAD_REQUEST, "bad_request", "TEXT-1");
    }
    let page = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT.CB09", &token, None).await;
    assert_envelope(&page, StatusCode::NOT_FOUND, "not_found");
    let v = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT.CB01", &token, None).await.json();
    assert_eq!((v["name"].as_str(), v["valid_from"].as_str()), (Some("Chi bộ thôn Đồng Tâm"), Some("2020-01-01")));
    // 200 characters, and spaces around them, are a name.
    let name = format!("  {}\n", "ệ".repeat(197));
    let body = json!({"code": "QN.DH.QT.CB09", "name": name, "kind": "cell", "parent": "QN.DH.QT"});
    let page = c.api(Method::POST, "/api/v1/orgs", &token, Some(&body)).await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    assert_eq!(page.json()["name"], "ệ".repeat(197));
}

/// O-DATE-1 (issue 12): a renaming dated 9999-12-31 was accepted, and then
/// every renaming made today was refused with no way back. Dates of the
/// tree's history run from 1930-02-03 to one year after today.
async fn history_dates_are_bounded(db: Db) {
    seeded(&db).await;
    let (_, mut c, token) = caller(&db, "vp.quangtan", Role::Office, "QN.DH.QT").await;
    let horizon = daihoi_core::date::history_horizon(today());
    let past = daihoi_core::date::iso(horizon.next_day().unwrap());
    for from in ["9999-12-31", past.as_str(), "1930-02-02", "0001-01-01"] {
        let body = json!({"name": "Chi bộ tương lai", "from": from});
        let page = c.api(Method::PATCH, "/api/v1/orgs/QN.DH.QT.CB01", &token, Some(&body)).await;
        assert_rule(&page, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable", "O-DATE-1");
        let body = json!({"code": "QN.DH.QT.CB09", "name": "Chi bộ", "kind": "cell", "parent": "QN.DH.QT", "valid_from": from});
        let page = c.api(Method::POST, "/api/v1/orgs", &token, Some(&body)).await;
        assert_rule(&page, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable", "O-DATE-1");
    }
    // Nothing blocks today's renaming.
    let page = c.api(Method::PATCH, "/api/v1/orgs/QN.DH.QT.CB01", &token, Some(&json!({"name": "Chi bộ mới"}))).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.json()["valid_from"], daihoi_core::date::iso(today()));
}

/// O-CURRENT-1 (issue 12): `POST /api/v1/orgs` under a parent that existed
/// on `valid_from` but was dissolved since answered 404 "no organization"
/// although the parent is found on that date. It is a 409 that says so.
async fn a_parent_dissolved_since_is_a_conflict(db: Db) {
    seeded(&db).await;
    db.operator()
        .orgs()
        .create_org(
            &daihoi_store::orgs::NewOrg {
                code: &code("QN.DH.QT.BP1"),
                name: "Đảng bộ bộ phận thôn Đồng Tâm",
                kind: daihoi_core::OrgKind::PartialCommittee,
                parent: Some(&code("QN.DH.QT")),
                valid_from: FOUNDED,
            },
            "test",
        )
        .await
        .unwrap();
    db.operator()
        .orgs()
        .dissolve_org(&code("QN.DH.QT.BP1"), time::macros::date!(2025 - 07 - 01), "test")
        .await
        .unwrap();
    let (_, mut c, token) = caller(&db, "vp.quangtan", Role::Office, "QN.DH.QT").await;
    let page = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT.BP1?date=2025-03-01", &token, None).await;
    assert_eq!(page.status, StatusCode::OK, "found on that date: {}", page.body);
    let body = json!({
        "code": "QN.DH.QT.BP1.CB01", "name": "Chi bộ xóm 1", "kind": "cell", "parent": "QN.DH.QT.BP1",
        "valid_from": "2025-03-01"
    });
    let page = c.api(Method::POST, "/api/v1/orgs", &token, Some(&body)).await;
    assert_rule(&page, StatusCode::CONFLICT, "conflict", "O-CURRENT-1");
    assert!(page.body.contains("QN.DH.QT.BP1 existed on 2025-03-01 but ended on 2025-07-01"), "{}", page.body);
    // Renaming it from a day it existed: the same refusal, not "no organization".
    let body = json!({"name": "Đảng bộ bộ phận mới", "from": "2025-03-01"});
    let page = c.api(Method::PATCH, "/api/v1/orgs/QN.DH.QT.BP1", &token, Some(&body)).await;
    assert_rule(&page, StatusCode::CONFLICT, "conflict", "O-CURRENT-1");
    // After its end it does not exist on the date.
    let later = json!({
        "code": "QN.DH.QT.BP1.CB01", "name": "Chi bộ xóm 1", "kind": "cell", "parent": "QN.DH.QT.BP1",
        "valid_from": "2025-08-01"
    });
    assert_envelope(&c.api(Method::POST, "/api/v1/orgs", &token, Some(&later)).await, StatusCode::CONFLICT, "conflict");
}

/// An empty `date=` (issue 12) was taken as today, while the document says
/// `format: date`. A 400 that names the parameter, as are an empty
/// `valid_from` or `from`, a date with spaces, and a code with spaces.
async fn an_empty_date_is_not_today(db: Db) {
    seeded(&db).await;
    let (_, mut c, token) = caller(&db, "vp.quangtan", Role::Office, "QN.DH.QT").await;
    for uri in [
        "/api/v1/orgs?date=",
        "/api/v1/orgs/QN.DH.QT?date=",
        "/api/v1/orgs/QN.DH.QT/children?date=",
        "/api/v1/orgs/QN.DH.QT/members?date=",
    ] {
        let page = c.api(Method::GET, uri, &token, None).await;
        assert_envelope(&page, StatusCode::BAD_REQUEST, "bad_request");
        assert!(page.json()["error"]["message"].as_str().unwrap().starts_with("date: empty"), "{uri}: {}", page.body);
    }
    for uri in ["/api/v1/orgs?date=%202026-11-28", "/api/v1/orgs?date=2026-1-028", "/api/v1/orgs/QN.DH.QT%20"] {
        assert_envelope(&c.api(Method::GET, uri, &token, None).await, StatusCode::BAD_REQUEST, "bad_request");
    }
    let body =
        json!({"code": "QN.DH.QT.CB09", "name": "Chi bộ", "kind": "cell", "parent": "QN.DH.QT", "valid_from": ""});
    let page = c.api(Method::POST, "/api/v1/orgs", &token, Some(&body)).await;
    assert_envelope(&page, StatusCode::BAD_REQUEST, "bad_request");
    assert!(page.body.contains("valid_from: empty"), "{}", page.body);
    let page =
        c.api(Method::PATCH, "/api/v1/orgs/QN.DH.QT.CB01", &token, Some(&json!({"name": "X", "from": ""}))).await;
    assert_envelope(&page, StatusCode::BAD_REQUEST, "bad_request");
    assert!(page.body.contains("from: empty"), "{}", page.body);
    // Codes and kinds exactly as the document spells them.
    for (code, kind, parent) in [
        (" QN.DH.QT.CB09", "cell", "QN.DH.QT"),
        ("QN.DH.QT.CB09", " cell", "QN.DH.QT"),
        ("QN.DH.QT..X", "cell", "QN.DH.QT"),
    ] {
        let body = json!({"code": code, "name": "Chi bộ", "kind": kind, "parent": parent});
        let page = c.api(Method::POST, "/api/v1/orgs", &token, Some(&body)).await;
        assert_envelope(&page, StatusCode::BAD_REQUEST, "bad_request");
    }
    // Absent is today.
    assert_eq!(c.api(Method::GET, "/api/v1/orgs", &token, None).await.status, StatusCode::OK);
}

/// The document states what the code enforces: the enums come from
/// daihoi-core's lists, the name's length and pattern from TEXT-1, and every
/// operation lists 500 (and creation 422).
#[test]
fn openapi_states_the_rules() {
    let doc = serde_json::to_value(daihoi_web::openapi()).unwrap();
    let schemas = &doc["components"]["schemas"];
    let kinds: Vec<&str> = daihoi_core::OrgKind::ALL.map(daihoi_core::OrgKind::code).to_vec();
    assert_eq!(schemas["Org"]["properties"]["kind"]["enum"], json!(kinds));
    assert_eq!(schemas["CreateOrg"]["properties"]["kind"]["enum"], json!(kinds));
    assert_eq!(schemas["MemberSummary"]["properties"]["gender"]["enum"], json!(["male", "female"]));
    assert_eq!(schemas["MemberSummary"]["properties"]["standing"]["enum"], json!(["official", "probationary"]));
    assert_eq!(schemas["MemberDetail"]["properties"]["standing"]["enum"], json!(["official", "probationary", null]));
    let conditions: Vec<&str> = daihoi_core::ConditionKind::ALL.map(daihoi_core::ConditionKind::code).to_vec();
    assert_eq!(schemas["MemberSummary"]["properties"]["conditions"]["items"]["enum"], json!(conditions));
    assert_eq!(schemas["Condition"]["properties"]["kind"]["enum"], json!(conditions));
    for schema in ["CreateOrg", "RenameOrg"] {
        let name = &schemas[schema]["properties"]["name"];
        assert_eq!(name["maxLength"], 200, "{schema}");
        assert_eq!(name["minLength"], 1, "{schema}");
        assert_eq!(name["pattern"], daihoi_core::text::LINE_PATTERN, "{schema}");
    }
    assert_eq!(schemas["CreateOrg"]["properties"]["code"]["pattern"], daihoi_core::org::ORG_CODE_PATTERN);
    let members = &doc["paths"]["/api/v1/orgs/{code}/members"]["get"]["parameters"];
    let param = |name: &str| members.as_array().unwrap().iter().find(|p| p["name"] == name).unwrap()["schema"].clone();
    // The attributes' literals are the handler's constants.
    let max_limit = daihoi_web::orgs::api::members::MAX_LIMIT;
    assert_eq!((param("limit")["minimum"].as_u64(), param("limit")["maximum"].as_u64()), (Some(1), Some(max_limit)));
    assert_eq!(param("offset")["maximum"].as_u64(), Some(daihoi_web::api::schema::MAX_OFFSET));
    assert_eq!(param("q")["maxLength"].as_u64(), Some(daihoi_web::api::schema::MAX_QUERY_CHARS as u64));
    assert_eq!(param("code")["pattern"], daihoi_core::org::ORG_CODE_PATTERN);
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            for status in ["400", "401", "500"] {
                assert!(responses.contains_key(status), "{method} {path} does not list {status}");
            }
        }
    }
    let create = &doc["paths"]["/api/v1/orgs"]["post"]["responses"];
    assert!(create["422"].is_object() && create["409"].is_object());
    assert!(doc["paths"]["/api/v1/orgs/{code}"]["patch"]["responses"]["422"].is_object());
    assert!(schemas["ErrorDetail"]["properties"]["rule"].is_object());
}

daihoi_test_support::engines!(
    codes_are_not_squatted,
    names_are_checked_text,
    history_dates_are_bounded,
    a_parent_dissolved_since_is_a_conflict,
    an_empty_date_is_not_today,
    openapi_is_served_without_a_token,
    list_orgs,
    show_org,
    org_children,
    org_members,
    show_member,
    create_org,
    rename_org,
    errors_come_in_the_envelope,
);
