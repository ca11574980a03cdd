//! The incoming register on the web and through the API (issue 14 §4):
//! an incoming document entered with its arrival number, forwarded to the
//! organizations below, found in the commune's home-page inbox, received
//! there (and so entered in its own incoming register), the page saying
//! who edits a document and why not; the demo's documents kept by the
//! province's registers; a replaced document (D-LINK-1) marked, and a task
//! from it asking for a confirmation.

use crate::support;

use axum::http::{Method, StatusCode};
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_test_support::fixtures::*;
use serde_json::json;
use support::{TestApp, location};

async fn the_incoming_round_trip_on_the_pages(db: Db) {
    small_tree(&db).await;
    let app = TestApp::new(&db);
    app.user("vp.tinh", Role::Office, "QN").await;
    app.user("vp.qt", Role::Office, "QN.DH.QT").await;
    let mut p = app.signed_in("vp.tinh").await;
    let form = p.get("/documents/new?side=incoming").await;
    assert!(form.body.contains(r#"value="incoming" checked"#), "{}", form.body);
    // Refused as a whole when the arrival's day is missing; the form keeps what was typed.
    let mut fields = vec![
        ("side", "incoming"),
        ("register", "QN"),
        ("number", "190-QĐ/TW"),
        ("issued_on", "10/10/2024"),
        ("title", "Ban hành Quy chế bầu cử trong Đảng"),
        ("classification", "normal"),
        ("arrived_on", ""),
        ("sender", "Văn phòng Trung ương Đảng"),
        ("confirm", ""),
    ];
    let refused = p.post_form("/documents", &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Cần nhập ngày đến"), "{}", refused.body);
    assert!(refused.body.contains("Văn phòng Trung ương Đảng") && refused.body.contains("Quy chế bầu cử"));
    fields[6] = ("arrived_on", "14/10/2024");
    let done = p.post_form("/documents", &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let doc = location(&done);
    let id: i64 = doc.trim_start_matches("/documents/").parse().unwrap();
    let page = p.get(&doc).await;
    assert!(page.body.contains("số đến <strong>1/2024</strong>"), "{}", page.body);
    assert!(page.body.contains("id=\"file-form\""), "the register that took it in edits it");
    // Forwarded to every organization directly under the province.
    let sent = p.post_form(&format!("{doc}/forwards"), &[("from", "QN"), ("on", "2025-03-01"), ("all", "1")]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let page = p.get(&doc).await;
    assert!(page.body.contains("Đã chuyển đến 2 nơi"), "{}", page.body);
    // Sending nobody is refused in words.
    let none = p.post_form(&format!("{doc}/forwards"), &[("from", "QN"), ("on", "2025-03-01")]).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The commune office does not get it: it went to the districts. The
    // district's office sends it down after receiving it.
    app.user("vp.dh", Role::Office, "QN.DH").await;
    let mut d = app.signed_in("vp.dh").await;
    let home = d.get("/").await;
    assert!(home.body.contains("id=\"document-inbox\"") && home.body.contains("190-QĐ/TW"), "{}", home.body);
    assert!(home.body.contains("1 chưa tiếp nhận"), "{}", home.body);
    let operator = daihoi_store::Viewer::operator();
    let dh = db.org_by_code(&code("QN.DH"), TODAY).await.unwrap().unwrap();
    let (fwd, _) = db.scoped(&operator).documents().inbox(&dh, 10).await.unwrap().items.remove(0);
    let received = d.post_form(&format!("/documents/forwards/{}/receipt?back=home", fwd.id), &[]).await;
    assert_eq!(received.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&received), "/#document-inbox");
    let home = d.get("/").await;
    assert!(!home.body.contains("chưa tiếp nhận"), "{}", home.body);
    let register = d.get("/documents/incoming?org=QN.DH").await;
    assert!(
        register.body.contains("190-QĐ/TW") && register.body.contains("Đảng bộ tỉnh Quảng Ninh"),
        "{}",
        register.body
    );
    // The district keeps a copy: the page says who edits the document.
    let page = d.get(&doc).await;
    assert!(!page.body.contains("id=\"file-form\""));
    assert!(page.body.contains("thuộc sổ văn bản của Đảng bộ tỉnh Quảng Ninh"), "{}", page.body);
    let refused = d.post_file(&format!("{doc}/files"), "ban-sao.pdf", b"%PDF").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // The province's office writes in the district's register too, but its
    // page offers to forward from its own register only (issue 14 §9: a
    // province's page had a form for each of 95 registers); the district's
    // office forwards its copy from its own page.
    // (Its own form is gone: every organization under it has the document.)
    let page = p.get(&doc).await;
    assert!(!page.body.contains(r#"name="from" value="QN.DH""#), "{}", page.body);
    let page = d.get(&doc).await;
    assert!(page.body.contains(r#"name="from" value="QN.DH""#), "{}", page.body);
    // It sends it on to the commune, whose office then receives it.
    let sent = d.post_form(&format!("{doc}/forwards"), &[("from", "QN.DH"), ("to.QN.DH.QT", "1")]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let mut c = app.signed_in("vp.qt").await;
    let home = c.get("/").await;
    assert!(home.body.contains("190-QĐ/TW") && home.body.contains("Đảng bộ huyện Đầm Hà"), "{}", home.body);
    let audit = db
        .scoped(&daihoi_store::Viewer::operator())
        .audit()
        .audit_entries(&daihoi_store::audit::AuditFilter { limit: 50, ..Default::default() })
        .await
        .unwrap()
        .0;
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    for action in ["document_register", "document_arrival", "document_forward", "document_receipt"] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    assert!(id > 0);
}

/// The same through the API: arrival, forward, inbox, receipt, incoming
/// register; refusals in the envelope.
async fn the_incoming_round_trip_through_the_api(db: Db) {
    small_tree(&db).await;
    let app = TestApp::new(&db);
    app.user("vp.tinh", Role::Office, "QN").await;
    app.user("vp.dh", Role::Office, "QN.DH").await;
    let (_, province) = app.token("vp.tinh").await;
    let (_, district) = app.token("vp.dh").await;
    let id = support::resolution_28(&db).await;
    let mut c = app.anonymous();
    let url = format!("/api/v1/documents/{id}/arrivals");
    let body = json!({"org": "QN", "arrived_on": "2024-09-30", "sender": "Văn phòng Trung ương Đảng"});
    let a = c.api(Method::POST, &url, &province, Some(&body)).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    assert_eq!((a.json()["number"].as_u64(), a.json()["year"].as_i64()), (Some(1), Some(2024)));
    let again = c.api(Method::POST, &url, &province, Some(&body)).await;
    crate::documents::api::assert_error(&again, StatusCode::CONFLICT, "conflict");
    let early = json!({"org": "QN", "arrived_on": "2024-01-01", "sender": "x"});
    let early = c.api(Method::POST, &url, &district, Some(&early)).await;
    assert!(
        early.status == StatusCode::FORBIDDEN || early.status == StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        early.body
    );
    let fwd = json!({"from": "QN", "to": ["QN.DH", "QN.TY"], "on": "2025-03-01"});
    let f = c.api(Method::POST, &format!("/api/v1/documents/{id}/forwards"), &province, Some(&fwd)).await;
    assert_eq!(f.status, StatusCode::OK, "{}", f.body);
    assert_eq!(f.json()["new"], 2);
    let sideways = json!({"from": "QN", "to": ["QN"]});
    let s = c.api(Method::POST, &format!("/api/v1/documents/{id}/forwards"), &province, Some(&sideways)).await;
    crate::documents::api::assert_error(&s, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    // An organization of the body that is not there is 422, not 404: the
    // document of the path exists (schemathesis ST302).
    for body in [json!({"from": "ASSIGNED", "to": ["QN.DH"]}), json!({"from": "QN", "to": ["QN.ZZ"]})] {
        let u = c.api(Method::POST, &format!("/api/v1/documents/{id}/forwards"), &province, Some(&body)).await;
        crate::documents::api::assert_error(&u, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    }
    let nowhere = json!({"org": "QN.ZZ", "arrived_on": "2025-03-01", "sender": "Văn phòng Trung ương Đảng"});
    let u = c.api(Method::POST, &url, &province, Some(&nowhere)).await;
    crate::documents::api::assert_error(&u, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    let inbox = c.api(Method::GET, "/api/v1/orgs/QN.DH/documents/inbox", &district, None).await;
    assert_eq!(inbox.status, StatusCode::OK, "{}", inbox.body);
    assert_eq!((inbox.json()["total"].as_u64(), inbox.json()["unreceived"].as_u64()), (Some(1), Some(1)));
    let forward = inbox.json()["items"][0]["id"].as_i64().unwrap();
    let r = c.api(Method::POST, &format!("/api/v1/documents/forwards/{forward}/receipt"), &district, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.json()["received_at"].is_string());
    let reg = c.api(Method::GET, "/api/v1/orgs/QN.DH/documents/incoming", &district, None).await;
    assert_eq!(reg.status, StatusCode::OK, "{}", reg.body);
    assert_eq!(reg.json()["lines"][0]["document"]["number"], "28-NQ/TU");
    assert_eq!(reg.json()["lines"][0]["arrival"]["sender"], "Đảng bộ tỉnh Quảng Ninh");
    // The district's inbox is not the province's to read, and the other way round is fine.
    let foreign = c.api(Method::GET, "/api/v1/orgs/QN/documents/inbox", &district, None).await;
    crate::documents::api::assert_error(&foreign, StatusCode::FORBIDDEN, "forbidden");
    let shown = c.api(Method::GET, &format!("/api/v1/documents/{id}"), &province, None).await;
    assert_eq!(shown.json()["forwards"].as_array().map(Vec::len), Some(2), "{}", shown.body);
}

/// The demo's documents: the province's own in its register (so its
/// administrator attaches a file to 23-NQ/TU), the Central ones in its
/// incoming register; 244-QĐ/TW, replaced by 190-QĐ/TW, is marked, lists
/// nobody "not yet studied", and a task from it asks for a confirmation,
/// on the page and through the API (D-LINK-1).
async fn the_demo_documents_are_kept_and_a_replaced_one_is_marked(db: Db) {
    small_tree(&db).await;
    db.load_demo_documents().await.unwrap();
    db.load_demo_circulation().await.unwrap();
    let app = TestApp::new(&db);
    app.user("admin.qn", Role::Admin, "QN").await;
    let mut a = app.signed_in("admin.qn").await;
    let nq23 = db.document_by_identity("TU", "NQ", 23, time::macros::date!(2024 - 03 - 03)).await.unwrap().unwrap();
    let attached = a.post_file(&format!("/documents/{}/files", nq23.id), "nq23.pdf", b"%PDF-1.7").await;
    assert_eq!(attached.status, StatusCode::SEE_OTHER, "{}", attached.body);
    // Issue 14 §8: a number alone links when one registered document has it.
    let linked = a
        .post_form(
            &format!("/documents/{}/links", nq23.id),
            &[("kind", "implements"), ("number", "35-CT/TW"), ("issued_on", "")],
        )
        .await;
    assert_eq!(linked.status, StatusCode::SEE_OTHER, "{}", linked.body);
    let page = a.get(&format!("/documents/{}", nq23.id)).await;
    assert!(page.body.contains("35-CT/TW") && page.body.contains("nq23.pdf"), "{}", page.body);
    let qd244 = db.document_by_identity("TW", "QĐ", 244, time::macros::date!(2014 - 06 - 09)).await.unwrap().unwrap();
    let page = a.get(&format!("/documents/{}", qd244.id)).await;
    assert!(page.body.contains("id=\"replaced-by\"") && page.body.contains("190-QĐ/TW"), "{}", page.body);
    assert!(!page.body.contains("Chưa học tập"), "no list of who has not studied it: {}", page.body);
    assert!(page.body.contains("Văn phòng Trung ương Đảng"), "its arrival: {}", page.body);
    let form = a.get("/tasks/new").await;
    assert!(form.body.contains("đã bị thay thế bởi 190-QĐ/TW"), "{}", form.body);
    // Issue 14 §8: the assignee is typed, each organization named with the one above it.
    assert!(form.body.contains(r#"<datalist id="assignees">"#), "{}", form.body);
    assert!(form.body.contains("Chi bộ thôn Đồng Tâm — Đảng bộ xã Quảng Tân"), "{}", form.body);
    let id = qd244.id.to_string();
    let mut fields =
        vec![("document", id.as_str()), ("title", "Rà soát quy chế"), ("org", "QN.DH"), ("classification", "normal")];
    let asked = a.post_form("/tasks", &fields).await;
    assert_eq!(asked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(asked.body.contains("id=\"confirm-replaced\""), "{}", asked.body);
    assert!(asked.body.contains("Rà soát quy chế"), "the form keeps what was typed");
    fields.push(("confirm_replaced", "1"));
    assert_eq!(a.post_form("/tasks", &fields).await.status, StatusCode::SEE_OTHER);
    let (_, token) = app.token("admin.qn").await;
    let body = json!({"document": qd244.id, "title": "Rà soát", "org": "QN.DH"});
    let refused = a.api(Method::POST, "/api/v1/tasks", &token, Some(&body)).await;
    crate::documents::api::assert_error(&refused, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    assert_eq!(refused.json()["error"]["rule"], "D-LINK-1");
    let body = json!({"document": qd244.id, "title": "Rà soát", "org": "QN.DH", "replaced_source_confirmed": true});
    assert_eq!(a.api(Method::POST, "/api/v1/tasks", &token, Some(&body)).await.status, StatusCode::CREATED);
    // The document page lists the tasks given from it.
    let page = a.get(&format!("/documents/{}", qd244.id)).await;
    assert!(page.body.contains("Rà soát quy chế"), "{}", page.body);
}

/// Issue 14 §5: a refused arrival or forward shows the document's page
/// again (422) with what was typed and every problem named.
async fn a_refused_arrival_or_forward_keeps_what_was_typed(db: Db) {
    small_tree(&db).await;
    let app = TestApp::new(&db);
    app.user("vp.tinh", Role::Office, "QN").await;
    app.user("vp.qt", Role::Office, "QN.DH.QT").await;
    let mut p = app.signed_in("vp.tinh").await;
    let fields = [
        ("register", "QN"),
        ("number", "05-HD/TU"),
        ("issued_on", "10/01/2025"),
        ("title", "Hướng dẫn đại hội chi bộ"),
        ("classification", "normal"),
        ("confirm", "1"),
    ];
    let done = p.post_form("/documents", &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let doc = location(&done);
    let forwards = format!("{doc}/forwards");
    let bad_day = p.post_form(&forwards, &[("from", "QN"), ("on", "31/02/2025"), ("to.QN.DH", "1")]).await;
    assert_eq!(bad_day.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_day.body.contains("Cần nhập ngày chuyển văn bản"), "{}", bad_day.body);
    assert!(bad_day.body.contains(r#"name="to.QN.DH" value="1" checked"#), "the choice kept: {}", bad_day.body);
    assert!(bad_day.body.contains(r#"name="on" value="31/02/2025""#), "{}", bad_day.body);
    let both = p.post_form(&forwards, &[("from", "QN"), ("on", "ngày mai")]).await;
    assert_eq!(both.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(both.body.contains("Cần nhập ngày chuyển văn bản"), "{}", both.body);
    assert!(both.body.contains("Hãy chọn ít nhất một nơi nhận"), "{}", both.body);
    let all = p.post_form(&forwards, &[("from", "QN"), ("on", "2025-03-01"), ("all", "1"), ("to.QN.TY", "1")]).await;
    assert_eq!(all.status, StatusCode::SEE_OTHER, "{}", all.body);

    // The commune's office enters it as arrived.
    let mut q = app.signed_in("vp.qt").await;
    let arrivals = format!("{doc}/arrivals");
    let page = q.get(&doc).await;
    assert!(page.body.contains(r#"id="arrival-form""#), "{}", page.body);
    let bad_day = q
        .post_form(&arrivals, &[("org", "QN.DH.QT"), ("arrived_on", "40/10/2024"), ("sender", "Văn phòng Tỉnh ủy")])
        .await;
    assert_eq!(bad_day.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_day.body.contains("Cần nhập ngày đến"), "{}", bad_day.body);
    assert!(bad_day.body.contains(r#"value="Văn phòng Tỉnh ủy""#), "the sender kept: {}", bad_day.body);
    assert!(bad_day.body.contains(r#"<option value="QN.DH.QT" selected>"#), "{}", bad_day.body);
    let both = q.post_form(&arrivals, &[("org", "QN.DH.QT"), ("arrived_on", ""), ("sender", " ")]).await;
    assert_eq!(both.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(both.body.contains("Cần nhập ngày đến"), "{}", both.body);
    assert!(both.body.contains("Cần nhập nơi gửi văn bản"), "{}", both.body);
    let done =
        q.post_form(&arrivals, &[("org", "QN.DH.QT"), ("arrived_on", "2025-03-02"), ("sender", "Tỉnh ủy")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
}

daihoi_test_support::engines!(
    a_refused_arrival_or_forward_keeps_what_was_typed,
    the_incoming_round_trip_on_the_pages,
    the_incoming_round_trip_through_the_api,
    the_demo_documents_are_kept_and_a_replaced_one_is_marked,
);
