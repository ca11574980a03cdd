//! The document register through the JSON API (`/api/v1/documents`), with
//! bearer tokens, against a real database on each engine: the same rules
//! and figures as the pages (D-NUM-1…5, D-LINK-1), one audit entry per
//! change, the envelope for refusals, and T-6 (a secret document never shows).

use crate::support;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_store::audit::{AuditEntry, AuditFilter};
use daihoi_test_support::fixtures::*;
use serde_json::json;
use support::{Client, Page, TestApp};

/// The status and code of an error in the envelope.
pub(crate) fn assert_error(page: &Page, status: StatusCode, code: &str) {
    assert_eq!(page.status, status, "{}", page.body);
    assert_eq!(page.headers[header::CONTENT_TYPE], "application/json", "{}", page.body);
    assert_eq!(page.json()["error"]["code"], code, "{}", page.body);
}

/// The audit log's newest entries, newest first (as the operator reads it).
pub(crate) async fn audit(db: &Db) -> Vec<AuditEntry> {
    let operator = daihoi_store::Viewer::operator();
    db.scoped(&operator).audit().audit_entries(&AuditFilter { limit: 100, ..Default::default() }).await.unwrap().0
}

/// The tree, two members inside and one outside, an office and an
/// inspection of QN.DH.QT with a token each.
async fn setup(db: &Db) -> (TestApp, Client, String, String) {
    small_tree(db).await;
    import(
        db,
        vec![
            member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("10000002", "Trần Thị Bình", "QN.DH.QT.CB02"),
            member("20000001", "Phạm Thị Dung", "QN.TY.DN.CB01"),
        ],
    )
    .await;
    let app = TestApp::new(db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    app.user("qt.ubkt", Role::Inspection, "QN.DH.QT").await;
    let (_, office) = app.token("qt.office").await;
    let (_, inspection) = app.token("qt.ubkt").await;
    let c = app.anonymous();
    (app, c, office, inspection)
}

fn document(number: &str, issued_on: &str, title: &str) -> serde_json::Value {
    json!({"register": "QN.DH.QT", "number": number, "issued_on": issued_on, "title": title})
}

/// `POST /api/v1/documents` reads numbers as the page does (D-NUM-1…4),
/// asks for warnings to be accepted as the page asks to confirm them,
/// refuses a duplicate (D-NUM-5) and what the page refuses; one audit
/// entry with the token's user and address. `GET /api/v1/documents` finds
/// what the `/documents` page lists.
async fn register_and_search_documents(db: Db) {
    let (app, mut c, office, inspection) = setup(&db).await;
    let post = Method::POST;
    // D-NUM-2: `QD` is read as `QĐ`, with a warning to accept first.
    let warned = document("Số: 12-QD/ĐU", "2025-01-15", "Quyết định thành lập Ban tổ chức đại hội");
    let page = c.api(post.clone(), "/api/v1/documents", &office, Some(&warned)).await;
    assert_error(&page, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    assert_eq!(page.json()["error"]["rule"], "D-NUM-2", "{}", page.body);
    assert!(page.json()["error"]["message"].as_str().unwrap().contains("12-QĐ/ĐU"), "{}", page.body);
    assert!(db.search_documents("12", daihoi_store::documents::Classification::Secret, 10).await.unwrap().is_empty());
    let mut accepted = warned.clone();
    accepted["accept_warnings"] = json!(true);
    accepted["summary"] = json!("Ban tổ chức\nđại hội");
    let page = c.api(post.clone(), "/api/v1/documents", &office, Some(&accepted)).await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    let v = page.json();
    let id = v["id"].as_i64().unwrap();
    assert_eq!(page.headers[header::LOCATION], format!("/api/v1/documents/{id}").as_str());
    assert_eq!(
        v,
        json!({"id": id, "number": "12-QĐ/ĐU", "doc_type": "QĐ", "issuer": "ĐU", "issued_on": "2025-01-15",
               "title": "Quyết định thành lập Ban tổ chức đại hội", "classification": "normal"})
    );
    let entries = audit(&db).await;
    let e = entries.iter().find(|e| e.action == "document_register").expect("audit entry");
    assert_eq!((e.actor.as_str(), e.address.as_str()), ("qt.office", "local"));
    assert_eq!(e.subject, format!("document {id}"));
    assert_eq!(entries.iter().filter(|e| e.action == "document_register").count(), 1);

    // D-NUM-5: the same identity twice.
    let page = c.api(post.clone(), "/api/v1/documents", &office, Some(&accepted)).await;
    assert_error(&page, StatusCode::CONFLICT, "conflict");
    // D-NUM-1: a State number is not a Party number.
    let state = document("30/2020/NĐ-CP", "2025-01-15", "Nghị định");
    let page = c.api(post.clone(), "/api/v1/documents", &office, Some(&state)).await;
    assert_error(&page, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    assert_eq!(page.json()["error"]["rule"], "D-NUM-1");
    // Not one of the caller's registers (the page refuses it so too).
    let mut outside = document("13-QĐ/ĐU", "2025-01-15", "Quyết định");
    outside["register"] = json!("QN.TY.DN");
    let page = c.api(post.clone(), "/api/v1/documents", &office, Some(&outside)).await;
    assert_error(&page, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    assert!(!page.body.contains("Đông Ngũ"), "{}", page.body);
    // TEXT-1, a bad date, an unknown field, an unknown classification: 400.
    for bad in [
        document("13-QĐ/ĐU", "2025-01-15", "Quyết định\u{1b}[2J"),
        document("13-QĐ/ĐU", "15/01/2025", "Quyết định"),
        json!({"register": "QN.DH.QT", "number": "13-QĐ/ĐU", "issued_on": "2025-01-15", "title": "Q", "x": 1}),
        json!({"register": "QN.DH.QT", "number": "13-QĐ/ĐU", "issued_on": "2025-01-15", "title": "Q",
               "classification": "top"}),
        json!({"register": "QN.DH.QT", "number": "13-QĐ/ĐU", "issued_on": "2025-01-15", "title": "Q",
               "summary": "a\u{0}b"}),
    ] {
        let page = c.api(post.clone(), "/api/v1/documents", &office, Some(&bad)).await;
        assert_error(&page, StatusCode::BAD_REQUEST, "bad_request");
    }
    // T-6: a secret document by someone not cleared; an inspection writes nowhere.
    let mut secret = document("14-QĐ/ĐU", "2025-01-15", "Quyết định mật");
    secret["classification"] = json!("secret");
    let page = c.api(post.clone(), "/api/v1/documents", &office, Some(&secret)).await;
    assert_error(&page, StatusCode::FORBIDDEN, "forbidden");
    let page =
        c.api(post.clone(), "/api/v1/documents", &inspection, Some(&document("15-QĐ/ĐU", "2025-01-15", "Q"))).await;
    assert_error(&page, StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(
        audit(&db).await.iter().filter(|e| e.action == "document_register").count(),
        1,
        "refusals write nothing"
    );

    // The search: what the page lists, newest first, bounded.
    let second = document("03-HD/ĐU", "2025-01-20", "Hướng dẫn tổ chức đại hội chi bộ");
    assert_eq!(c.api(post.clone(), "/api/v1/documents", &office, Some(&second)).await.status, StatusCode::CREATED);
    let v = c.api(Method::GET, "/api/v1/documents", &inspection, None).await.json();
    let numbers: Vec<&str> = v["items"].as_array().unwrap().iter().map(|d| d["number"].as_str().unwrap()).collect();
    assert_eq!(numbers, ["03-HD/ĐU", "12-QĐ/ĐU"]);
    assert_eq!(v["limit"], 50);
    let v = c.api(Method::GET, "/api/v1/documents?q=huong+dan&limit=1", &inspection, None).await.json();
    assert_eq!(v["items"].as_array().unwrap().len(), 1);
    assert_eq!(v["items"][0]["number"], "03-HD/ĐU");
    let mut page_client = app.signed_in("qt.ubkt").await;
    let listed = page_client.get("/documents?q=huong+dan").await;
    assert!(listed.body.contains("03-HD/ĐU") && !listed.body.contains("12-QĐ/ĐU"), "the page finds the same");
    for bad in ["?limit=0", "?limit=501", &format!("?q={}", "a".repeat(201))] {
        let page = c.api(Method::GET, &format!("/api/v1/documents{bad}"), &inspection, None).await;
        assert_error(&page, StatusCode::BAD_REQUEST, "bad_request");
    }
}

/// Raw bytes to `POST /api/v1/documents/{id}/files?name=…`.
async fn attach(c: &mut Client, token: &str, id: i64, query: &str, content_type: &str, bytes: &[u8]) -> Page {
    let req = Request::post(format!("/api/v1/documents/{id}/files{query}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, content_type);
    c.send(req, Body::from(bytes.to_vec())).await
}

/// A document, its links (D-LINK-1), files and coverage as its page shows
/// them; a link and a file added through the API, each with one audit
/// entry; the file downloaded as it was attached.
async fn show_link_attach_and_download(db: Db) {
    let (app, mut c, office, inspection) = setup(&db).await;
    let post = Method::POST;
    let created = |page: Page| {
        assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
        page.json()["id"].as_i64().unwrap()
    };
    let decision = created(
        c.api(post.clone(), "/api/v1/documents", &office, Some(&document("12-QĐ/ĐU", "2025-01-15", "Quyết định")))
            .await,
    );
    let guide = created(
        c.api(post.clone(), "/api/v1/documents", &office, Some(&document("03-HD/ĐU", "2025-01-20", "Hướng dẫn"))).await,
    );
    let uri = format!("/api/v1/documents/{decision}");

    // A link, as the page's form: the other document by number and date.
    let link = json!({"kind": "guided_by", "number": "03-HD/ĐU", "issued_on": "2025-01-20"});
    let page = c.api(post.clone(), &format!("{uri}/links"), &office, Some(&link)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.json()[0]["kind"], "guided_by");
    assert_eq!(page.json()[0]["document"]["id"], guide);
    // The same link again is kept once, and logged once.
    assert_eq!(
        c.api(post.clone(), &format!("{uri}/links"), &office, Some(&link)).await.json().as_array().unwrap().len(),
        1
    );
    assert_eq!(audit(&db).await.iter().filter(|e| e.action == "document_link").count(), 1);
    // Seen from the other side: guides.
    let v = c.api(Method::GET, &format!("/api/v1/documents/{guide}"), &office, None).await.json();
    assert_eq!(v["links"][0]["kind"], "guides");
    // No such document; a link to itself (D-LINK-1); not a kind.
    let missing = json!({"kind": "replaces", "number": "99-HD/ĐU", "issued_on": "2025-01-20"});
    assert_error(
        &c.api(post.clone(), &format!("{uri}/links"), &office, Some(&missing)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unprocessable",
    );
    let itself = json!({"kind": "replaces", "number": "12-QĐ/ĐU", "issued_on": "2025-01-15"});
    let page = c.api(post.clone(), &format!("{uri}/links"), &office, Some(&itself)).await;
    assert_error(&page, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    assert_eq!(page.json()["error"]["rule"], "D-LINK-1");
    let bad = json!({"kind": "cites", "number": "03-HD/ĐU", "issued_on": "2025-01-20"});
    assert_error(
        &c.api(post.clone(), &format!("{uri}/links"), &office, Some(&bad)).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    // An inspection reads it but does not write in the register.
    assert_error(
        &c.api(post.clone(), &format!("{uri}/links"), &inspection, Some(&link)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );

    // A file: raw bytes, its name in the query, its type in Content-Type.
    let page =
        attach(&mut c, &office, decision, "?name=Quyết%20định%2012.pdf", "application/pdf", b"%PDF-1.7 test").await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    let f = page.json();
    let file_uri = f["url"].as_str().unwrap().to_owned();
    assert_eq!(page.headers[header::LOCATION], file_uri.as_str());
    assert_eq!(
        (f["file_name"].as_str(), f["media_type"].as_str(), f["size"].as_u64()),
        (Some("Quyết định 12.pdf"), Some("application/pdf"), Some(13))
    );
    let again = attach(&mut c, &office, decision, "?name=lan-hai.pdf", "application/pdf", b"%PDF-1.7 test").await;
    assert_eq!(again.json()["id"], f["id"], "the same content is kept once");
    assert_eq!(audit(&db).await.iter().filter(|e| e.action == "document_file").count(), 1);
    let e = audit(&db).await.into_iter().find(|e| e.action == "document_file").unwrap();
    assert_eq!((e.actor.as_str(), e.address.as_str()), ("qt.office", "local"));
    for (query, bytes) in
        [("?name=a.pdf", &b""[..]), ("?name=", &b"x"[..]), ("", &b"x"[..]), ("?name=a%0Ab", &b"x"[..])]
    {
        let page = attach(&mut c, &office, decision, query, "application/pdf", bytes).await;
        assert_error(&page, StatusCode::BAD_REQUEST, "bad_request");
    }
    let page = attach(&mut c, &inspection, decision, "?name=a.pdf", "application/pdf", b"x").await;
    assert_error(&page, StatusCode::FORBIDDEN, "forbidden");
    let page = attach(&mut c, &office, 999_999, "?name=a.pdf", "application/pdf", b"x").await;
    assert_error(&page, StatusCode::NOT_FOUND, "not_found");

    // The download, as the page's.
    let req = Request::get(&file_uri).header(header::AUTHORIZATION, format!("Bearer {inspection}"));
    let (status, headers, bytes) = c.send_raw(req, Body::empty()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bytes, b"%PDF-1.7 test");
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"quyet dinh 12.pdf\"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%2012.pdf"
    );
    let mut browser = app.signed_in("qt.ubkt").await;
    let (_, page_bytes) = browser.get_bytes(&file_uri["/api/v1".len()..]).await;
    assert_eq!(page_bytes, bytes, "the page gives the same bytes");
    assert_error(
        &c.api(Method::GET, "/api/v1/documents/files/999999", &inspection, None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &c.api(Method::GET, "/api/v1/documents/files/0", &inspection, None).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );

    // The document as its page shows it.
    let v = c.api(Method::GET, &uri, &inspection, None).await.json();
    assert_eq!(v["number"], "12-QĐ/ĐU");
    assert_eq!(v["register"], "QN.DH.QT");
    assert_eq!(v["editable"], false);
    assert_eq!(
        v["links"],
        json!([{"kind": "guided_by", "document": {"id": guide, "number": "03-HD/ĐU",
        "doc_type": "HD", "issuer": "ĐU", "issued_on": "2025-01-20", "title": "Hướng dẫn", "classification": "normal"}}])
    );
    assert_eq!(v["files"][0]["url"], file_uri.as_str());
    assert_eq!(v["coverage"][0]["org"], "QN.DH.QT");
    assert_eq!(
        (v["coverage"][0]["members_total"].as_u64(), v["coverage"][0]["members_reached"].as_u64()),
        (Some(2), Some(0))
    );
    assert_eq!(v["coverage"][0]["orgs_total"], 2);
    assert_eq!(v["coverage"][0]["not_reached"].as_array().unwrap().len(), 2);
    assert_eq!(c.api(Method::GET, &uri, &office, None).await.json()["editable"], true);
    assert_error(
        &c.api(Method::GET, "/api/v1/documents/999999", &office, None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &c.api(Method::GET, "/api/v1/documents/x", &office, None).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
}

/// T-6: a secret document, its file and its link never reach a caller who
/// is not cleared: refused by id, left out of searches and links, and a
/// link to it by number is answered as one to a document that does not
/// exist. A cleared caller reads them.
async fn a_secret_document_never_shows(db: Db) {
    let (app, mut c, office, _) = setup(&db).await;
    let open = c
        .api(Method::POST, "/api/v1/documents", &office, Some(&document("12-QĐ/ĐU", "2025-01-15", "Quyết định")))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let s = support::secrets(&app, "QN.DH.QT", "QN.DH.QT.CB01", "10000002", open).await;
    let answers = [
        c.api(Method::GET, &format!("/api/v1/documents/{}", s.document), &office, None).await,
        c.api(Method::GET, &format!("/api/v1/documents/files/{}", s.file), &office, None).await,
        attach(&mut c, &office, s.document, "?name=a.pdf", "application/pdf", b"x").await,
    ];
    for page in &answers {
        assert_error(page, StatusCode::FORBIDDEN, "forbidden");
        assert!(s.found_in(&page.body).is_none(), "{}", page.body);
    }
    for uri in ["/api/v1/documents", "/api/v1/documents?q=8808", &format!("/api/v1/documents/{open}")] {
        let page = c.api(Method::GET, uri, &office, None).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(s.found_in(&page.body).is_none(), "{uri}: {}", page.body);
    }
    let v = c.api(Method::GET, &format!("/api/v1/documents/{open}"), &office, None).await.json();
    assert_eq!(v["links"], json!([]), "the secret link is left out");
    let to_secret = json!({"kind": "guides", "number": "8808-KH/ĐU", "issued_on": "2023-03-17"});
    let nothing = json!({"kind": "guides", "number": "8809-KH/ĐU", "issued_on": "2023-03-17"});
    let a = c.api(Method::POST, &format!("/api/v1/documents/{open}/links"), &office, Some(&to_secret)).await;
    let b = c.api(Method::POST, &format!("/api/v1/documents/{open}/links"), &office, Some(&nothing)).await;
    assert_error(&a, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    assert_eq!(a.body, b.body, "as if it did not exist");
    // The cleared office reads it all.
    let (_, cleared) = app.token(support::CLEARED).await;
    let page = c.api(Method::GET, &format!("/api/v1/documents/{}", s.document), &cleared, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(s.found_in(&page.body).is_some());
    let v = c.api(Method::GET, "/api/v1/documents?q=8808", &cleared, None).await.json();
    assert_eq!(v["items"][0]["id"], s.document);
    let page = c.api(Method::GET, &format!("/api/v1/documents/files/{}", s.file), &cleared, None).await;
    assert_eq!(page.status, StatusCode::OK);
}

daihoi_test_support::engines!(
    register_and_search_documents,
    show_link_attach_and_download,
    a_secret_document_never_shows,
);
