//! The JSON API under `/api/v1`, requested in process with bearer tokens
//! against a real database on each engine: its OpenAPI document (locked by
//! a snapshot), each endpoint, the error envelope, and a matrix of every
//! documented operation × role × inside/outside the caller's subtree.

mod support;

use axum::http::{Method, StatusCode, header};
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_store::audit::AuditFilter;
use daihoi_test_support::fixtures::*;
use serde_json::{Value, json};
use support::{Client, Page, TestApp};

const INSIDE_MEMBER: &str = "Nguyễn Văn An";
const OUTSIDE_MEMBER: &str = "Lê Thị Cúc";

/// The names a caller bound to QN.DH.QT must never see: every
/// organization outside its subtree, and the member enrolled there.
const OUTSIDE_NAMES: [&str; 6] = [
    "Đảng bộ tỉnh Quảng Ninh",
    "Đảng bộ huyện Đầm Hà",
    "Đảng bộ huyện Tiên Yên",
    "Đảng bộ xã Đông Ngũ",
    "Chi bộ thôn Khe Lục",
    OUTSIDE_MEMBER,
];

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

/// Asserts the error envelope: the status, the code, JSON, and nothing else.
fn assert_envelope(page: &Page, status: StatusCode, code: &str) {
    assert_eq!(page.status, status, "{}", page.body);
    assert_eq!(page.headers[header::CONTENT_TYPE], "application/json", "{}", page.body);
    let v = page.json();
    let obj = v.as_object().unwrap();
    assert_eq!(obj.keys().collect::<Vec<_>>(), ["error"], "{v}");
    let err = v["error"].as_object().unwrap();
    assert_eq!(err.keys().collect::<Vec<_>>(), ["code", "message"], "{v}");
    assert_eq!(err["code"], code, "{v}");
    assert!(!err["message"].as_str().unwrap().is_empty());
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
            "memberships": [{"org_code": "QN.DH.QT.CB01", "from": "2005-05-19", "to": null}],
            "conditions": []
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
        db.scoped(&viewer).audit_entries(&AuditFilter { limit: 50, ..Default::default() }).await.unwrap();
    let e = entries.iter().find(|e| e.action == "create_org").expect("audit entry");
    assert_eq!((e.actor.as_str(), e.subject.as_str(), e.address.as_str()), ("xa.admin", "QN.DH.QT.CB03", "local"));

    // Refusals.
    let page = c.api(Method::POST, "/api/v1/orgs", &token, Some(&body)).await;
    assert_envelope(&page, StatusCode::CONFLICT, "conflict");
    assert_eq!(page.json()["error"]["message"], "an organization with code QN.DH.QT.CB03 already exists");
    let district = json!({"code": "QN.DH.QT.X", "name": "X", "kind": "district", "parent": "QN.DH.QT"});
    let page = c.api(Method::POST, "/api/v1/orgs", &token, Some(&district)).await;
    assert_envelope(&page, StatusCode::BAD_REQUEST, "bad_request");
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

/// Every operation of the OpenAPI document × every role bound to the
/// commune QN.DH.QT × an organization or member inside and outside its
/// subtree (an ancestor, the parent, a sibling subtree and a cell in it,
/// all existing: always 403, and no outside name in any body); without a
/// token, with an unknown one and with a revoked one (401).
async fn matrix(db: Db) {
    seeded(&db).await;
    let inside_member = person(&db, "10000001").await;
    let outside_member = person(&db, "10000003").await;
    let app = TestApp::new(&db);
    let mut c = app.anonymous();

    let doc = serde_json::to_value(daihoi_web::openapi()).unwrap();
    let mut operations: Vec<(Method, String)> = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            operations.push((method.to_uppercase().parse().unwrap(), path.clone()));
        }
    }
    assert_eq!(operations.len(), 7, "{operations:?}");

    // (uri, body) of an operation on a target organization and member.
    let request = |method: &Method, path: &str, org: &str, member: i64, i: usize| -> (String, Option<Value>) {
        let uri = path.replace("{code}", org).replace("{id}", &member.to_string());
        assert!(!uri.contains('{'), "a path parameter the matrix does not know: {path}");
        let body = match *method {
            Method::GET => None,
            Method::POST => Some(json!({
                "code": format!("{org}.M{i}"), "name": "Chi bộ ma trận", "kind": "cell", "parent": org,
                "valid_from": "2025-01-01"
            })),
            Method::PATCH => Some(json!({"name": format!("Tên mới {i}"), "from": format!("2025-01-0{}", i + 1)})),
            ref m => panic!("a method the matrix does not know: {m}"),
        };
        (uri, body)
    };

    let roles = [Role::Admin, Role::Office, Role::Inspection, Role::Member];
    for (i, role) in roles.into_iter().enumerate() {
        let login = format!("user{i}");
        app.user(&login, role, "QN.DH.QT").await;
        let (token_id, token) = app.token(&login).await;
        let writes = matches!(role, Role::Admin | Role::Office);
        let reads_members = role != Role::Member;
        for (method, path) in &operations {
            let what = format!("{role:?} {method} {path}");
            // Inside: the commune itself.
            let (uri, body) = request(method, path, "QN.DH.QT", inside_member, i);
            let page = c.api(method.clone(), &uri, &token, body.as_ref()).await;
            let expected = match (method.as_str(), path.as_str()) {
                ("POST", _) if writes => StatusCode::CREATED,
                ("PATCH", _) if writes => StatusCode::OK,
                ("POST" | "PATCH", _) => StatusCode::FORBIDDEN,
                (_, "/api/v1/orgs/{code}/members" | "/api/v1/members/{id}") if !reads_members => StatusCode::FORBIDDEN,
                _ => StatusCode::OK,
            };
            assert_eq!(page.status, expected, "{what} inside: {}", page.body);
            if expected != StatusCode::OK && expected != StatusCode::CREATED {
                assert_envelope(&page, expected, "forbidden");
            }
            for name in OUTSIDE_NAMES {
                assert!(!page.body.contains(name), "{what} inside shows {name}: {}", page.body);
            }
            if path == "/api/v1/orgs/{code}/members" && reads_members {
                assert!(page.body.contains(INSIDE_MEMBER), "{what}: {}", page.body);
            }

            // Outside: an ancestor, a sibling subtree, a cell there.
            if path.contains('{') || *method == Method::POST {
                for org in ["QN", "QN.DH", "QN.TY.DN", "QN.TY.DN.CB01"] {
                    let (uri, body) = request(method, path, org, outside_member, i);
                    let page = c.api(method.clone(), &uri, &token, body.as_ref()).await;
                    // Every target exists: the answer is 403, not 404.
                    assert_envelope(&page, StatusCode::FORBIDDEN, "forbidden");
                    for name in OUTSIDE_NAMES {
                        assert!(!page.body.contains(name), "{what} outside {org} shows {name}: {}", page.body);
                    }
                }
            }

            // No token, an unknown one.
            for t in ["", "dh_ffff"] {
                let (uri, body) = request(method, path, "QN.DH.QT", inside_member, i);
                let page = c.api(method.clone(), &uri, t, body.as_ref()).await;
                assert_envelope(&page, StatusCode::UNAUTHORIZED, "unauthorized");
            }
        }
        // A revoked token opens nothing.
        app.revoke_token(&login, token_id).await;
        for (method, path) in &operations {
            let (uri, body) = request(method, path, "QN.DH.QT", inside_member, 9);
            let page = c.api(method.clone(), &uri, &token, body.as_ref()).await;
            assert_envelope(&page, StatusCode::UNAUTHORIZED, "unauthorized");
        }
    }
}

daihoi_test_support::engines!(
    openapi_is_served_without_a_token,
    list_orgs,
    show_org,
    org_children,
    org_members,
    show_member,
    create_org,
    rename_org,
    errors_come_in_the_envelope,
    matrix,
);
