//! `GET /api/v1/audit`: the entries the caller may read, with the `/audit`
//! page's filters, paged; T-6 as on the page.

use crate::support;

use axum::http::{Method, StatusCode};
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_test_support::fixtures::*;
use serde_json::json;
use support::{CLEARED, Page, TestApp};

/// The envelope's code and status.
fn refused(page: &Page, status: StatusCode, code: &str) {
    assert_eq!(page.status, status, "{}", page.body);
    assert_eq!(page.json()["error"]["code"], code, "{}", page.body);
}

async fn seeded(db: &Db) -> TestApp {
    small_tree(db).await;
    import(db, vec![member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01")]).await;
    TestApp::new(db)
}

/// Who may open the log (audit policy `may_open`), what each reads (their
/// subtrees' entries and their own), the filters and the pages, and the
/// same total as the `/audit` page.
async fn the_log_as_the_page_shows_it(db: Db) {
    let app = seeded(&db).await;
    app.user("xa.admin", Role::Admin, "QN.DH.QT").await;
    app.user("tinh.kiemtra", Role::Inspection, "QN").await;
    app.user("xa.vanphong", Role::Office, "QN.DH.QT").await;
    app.user("dn.admin", Role::Admin, "QN.TY.DN").await;
    let (_, admin) = app.token("xa.admin").await;
    let (_, province) = app.token("tinh.kiemtra").await;
    let (_, office) = app.token("xa.vanphong").await;
    let (_, outside) = app.token("dn.admin").await;
    let mut c = app.anonymous();
    // Changes inside and outside the commune, through the API (audited).
    for (token, body) in [
        (&admin, json!({"code": "QN.DH.QT.CB03", "name": "Chi bộ ba", "kind": "cell", "parent": "QN.DH.QT"})),
        (&admin, json!({"code": "QN.DH.QT.CB04", "name": "Chi bộ bốn", "kind": "cell", "parent": "QN.DH.QT"})),
        (&outside, json!({"code": "QN.TY.DN.CB09", "name": "Chi bộ chín", "kind": "cell", "parent": "QN.TY.DN"})),
    ] {
        let page = c.api(Method::POST, "/api/v1/orgs", token, Some(&body)).await;
        assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    }

    // The commune's administrator: the commune's entries, not the other district's.
    let page = c.api(Method::GET, "/api/v1/audit?action=create_org&actor=xa.admin", &admin, None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let v = page.json();
    assert_eq!(v["total"], 2, "{v}");
    assert_eq!((v["offset"].as_u64(), v["limit"].as_u64()), (Some(0), Some(100)));
    let items = v["items"].as_array().unwrap();
    // Newest first, with the page's columns.
    assert_eq!(items[0]["subject"], "QN.DH.QT.CB04");
    assert_eq!(items[1]["subject"], "QN.DH.QT.CB03");
    let mut keys: Vec<&String> = items[0].as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["action", "actor", "address", "at", "detail", "id", "subject"]);
    assert_eq!((items[0]["actor"].as_str(), items[0]["address"].as_str()), (Some("xa.admin"), Some("local")));
    assert!(items[0]["id"].as_i64() > items[1]["id"].as_i64());
    let mine = c.api(Method::GET, "/api/v1/audit?action=create_org", &admin, None).await;
    assert!(mine.body.contains("QN.DH.QT.CB01") && !mine.body.contains("QN.TY.DN"), "{}", mine.body);

    // The province's inspection reads both; the filters as on the page.
    let all = c.api(Method::GET, "/api/v1/audit?action=create_org", &province, None).await;
    assert!(all.body.contains("QN.TY.DN.CB09") && all.body.contains("QN.DH.QT.CB03"), "{}", all.body);
    let by = c.api(Method::GET, "/api/v1/audit?action=create_org&actor=DN.ADMIN", &province, None).await.json();
    assert_eq!((by["total"].as_u64(), by["items"][0]["subject"].as_str()), (Some(1), Some("QN.TY.DN.CB09")));
    let today = daihoi_core::date::iso(daihoi_core::date::date_in_vietnam(time::OffsetDateTime::now_utc()));
    let uri = format!("/api/v1/audit?action=create_org&actor=xa.admin&from={today}&to={today}");
    assert_eq!(c.api(Method::GET, &uri, &province, None).await.json()["total"], 2);
    let old = c.api(Method::GET, "/api/v1/audit?actor=xa.admin&to=2020-01-01", &province, None).await.json();
    assert_eq!(old["total"], 0);
    // Pages: offset and limit.
    let uri = "/api/v1/audit?action=create_org&actor=xa.admin&offset=1&limit=1";
    let second = c.api(Method::GET, uri, &province, None).await.json();
    assert_eq!(second["items"].as_array().unwrap().len(), 1);
    assert_eq!((second["total"].as_u64(), second["items"][0]["subject"].as_str()), (Some(2), Some("QN.DH.QT.CB03")));

    // The same total as the page, with the same filter.
    let api_total = c.api(Method::GET, "/api/v1/audit", &admin, None).await.json()["total"].as_u64().unwrap();
    let mut signed = app.signed_in("xa.admin").await;
    // Signing in is an entry of its own (the user's own action).
    let api_total_after = c.api(Method::GET, "/api/v1/audit", &admin, None).await.json()["total"].as_u64().unwrap();
    assert!(api_total_after >= api_total);
    let page = signed.get("/audit").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&format!("{api_total_after} mục")),
        "page and API differ ({api_total_after}): {}",
        page.body
    );

    // Office reads no log: 403, as the page.
    refused(&c.api(Method::GET, "/api/v1/audit", &office, None).await, StatusCode::FORBIDDEN, "forbidden");
    let mut o = app.signed_in("xa.vanphong").await;
    assert_eq!(o.get("/audit").await.status, StatusCode::FORBIDDEN);
    // Bad input: 400 naming the field.
    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("offset=1000000001", "offset"),
        ("from=", "from"),
        ("to=31/12/2026", "to"),
        ("from=2026-02-30", "from"),
    ] {
        let page = c.api(Method::GET, &format!("/api/v1/audit?{query}"), &admin, None).await;
        refused(&page, StatusCode::BAD_REQUEST, "bad_request");
        assert!(page.json()["error"]["message"].as_str().unwrap().starts_with(field), "{query}: {}", page.body);
    }
    let long = "a".repeat(201);
    let page = c.api(Method::GET, &format!("/api/v1/audit?actor={long}"), &admin, None).await;
    refused(&page, StatusCode::BAD_REQUEST, "bad_request");
    refused(&c.api(Method::GET, "/api/v1/audit", "", None).await, StatusCode::UNAUTHORIZED, "unauthorized");
}

/// T-6: the entries about the classified objects inside the commune reach
/// a cleared reader and never one below their classification, as on the page.
async fn classified_entries_are_cut(db: Db) {
    let app = seeded(&db).await;
    let inside = code("QN.DH.QT");
    let open = db
        .register_document(&daihoi_store::documents::NewDocument {
            doc_type: "KH",
            issuer: "TU",
            number: "439".parse().unwrap(),
            number_text: "439",
            issued_on: time::macros::date!(2024 - 07 - 23),
            title: "Tổ chức đại hội đảng bộ các cấp",
            summary: "",
            classification: daihoi_store::documents::Classification::Normal,
            org: Some(&inside),
        })
        .await
        .unwrap();
    let secrets = support::secrets(&app, "QN.DH.QT", "QN.DH.QT.CB01", "10000001", open.id).await;
    app.user("xa.admin", Role::Admin, "QN.DH.QT").await;
    app.grant(CLEARED, Role::Inspection, "QN.DH.QT").await;
    let (_, admin) = app.token("xa.admin").await;
    let (_, cleared) = app.token(CLEARED).await;
    let mut c = app.anonymous();
    let read = c.api(Method::GET, "/api/v1/audit?limit=500", &cleared, None).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    assert!(secrets.found_in(&read.body).is_some(), "a cleared reader reads them: {}", read.body);
    let cut = c.api(Method::GET, "/api/v1/audit?limit=500", &admin, None).await;
    assert_eq!(cut.status, StatusCode::OK, "{}", cut.body);
    assert_eq!(secrets.found_in(&cut.body), None, "T-6: {}", cut.body);
    // Filtering by the cleared office (who wrote them) shows none of them either.
    let by = c.api(Method::GET, &format!("/api/v1/audit?limit=500&actor={CLEARED}"), &admin, None).await;
    assert_eq!(secrets.found_in(&by.body), None, "T-6: {}", by.body);
    // The same totals as the page for each reader.
    for (login, token) in [("xa.admin", &admin), (CLEARED, &cleared)] {
        let mut page_client = app.signed_in(login).await;
        let total = c.api(Method::GET, "/api/v1/audit", token, None).await.json()["total"].as_u64().unwrap();
        let page = page_client.get("/audit").await;
        assert!(page.body.contains(&format!("{total} mục")), "{login}: {total}");
    }
}

daihoi_test_support::engines!(the_log_as_the_page_shows_it, classified_entries_are_cut);
