//! Conferences through the JSON API: recorded on a document
//! (`POST /api/v1/documents/{id}/disseminations`), listed by subtree, shown
//! with their attendance, attendance added; the same checks and figures as
//! the pages, one audit entry per write, T-6 for a secret conference.

use crate::documents::api::{assert_error, audit};
use crate::support;

use axum::http::{Method, StatusCode, header};
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_test_support::fixtures::*;
use serde_json::json;
use support::TestApp;

/// The tree, three members inside and one outside, an unclassified
/// document in the commune's register, and tokens.
async fn setup(db: &Db) -> (TestApp, support::Client, i64, String, String) {
    small_tree(db).await;
    import(
        db,
        vec![
            member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("10000002", "Trần Thị Bình", "QN.DH.QT.CB02"),
            member("10000003", "Lê Văn Cường", "QN.DH.QT.CB02"),
            member("20000001", "Phạm Thị Dung", "QN.TY.DN.CB01"),
        ],
    )
    .await;
    let app = TestApp::new(db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    app.user("qt.ubkt", Role::Inspection, "QN.DH.QT").await;
    let (_, office) = app.token("qt.office").await;
    let (_, inspection) = app.token("qt.ubkt").await;
    let mut c = app.anonymous();
    let doc = json!({"register": "QN.DH.QT", "number": "23-NQ/TU", "issued_on": "2024-03-03",
                     "title": "Về nhiệm vụ bảo vệ biên giới quốc gia"});
    let page = c.api(Method::POST, "/api/v1/documents", &office, Some(&doc)).await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    let doc = page.json()["id"].as_i64().unwrap();
    (app, c, doc, office, inspection)
}

fn conference(attendees: &[&str]) -> serde_json::Value {
    json!({"holder": "QN.DH.QT", "held_on": "2024-11-18", "title": "Hội nghị học tập, quán triệt Nghị quyết 23",
           "level": "cấp xã", "notes": "Hai buổi\nsáng và chiều", "attendees": attendees, "orgs": ["QN.DH.QT.CB01"]})
}

/// A conference recorded through the API, with its attendance as card
/// numbers: all or nothing (a card outside the caller's subtree refuses
/// it, named, and nothing is written), one audit entry; the conference as
/// its page shows it; the document's coverage counts it as the page does.
async fn record_and_show_a_conference(db: Db) {
    let (app, mut c, doc, office, inspection) = setup(&db).await;
    let uri = format!("/api/v1/documents/{doc}/disseminations");
    let post = Method::POST;
    let page = c.api(post.clone(), &uri, &office, Some(&conference(&["10000001", "20000001"]))).await;
    assert_error(&page, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    assert!(page.body.contains("20000001") && !page.body.contains("Phạm Thị Dung"), "{}", page.body);
    assert!(db.disseminations_of(doc).await.unwrap().is_empty(), "nothing written");
    // What the page refuses: a day after today, a holder where the caller
    // does not write; bad fields are 400; an inspection writes nowhere.
    let mut later = conference(&["10000001"]);
    later["held_on"] = json!("2999-01-01");
    assert_error(
        &c.api(post.clone(), &uri, &office, Some(&later)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unprocessable",
    );
    let mut outside = conference(&["10000001"]);
    outside["holder"] = json!("QN.TY.DN");
    assert_error(
        &c.api(post.clone(), &uri, &office, Some(&outside)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unprocessable",
    );
    for (field, value) in [
        ("attendees", json!(["abc"])),
        ("held_on", json!("18/11/2024")),
        ("title", json!("")),
        ("classification", json!("top")),
        ("documents", json!(["x"])),
    ] {
        let mut bad = conference(&["10000001"]);
        bad[field] = value;
        assert_error(&c.api(post.clone(), &uri, &office, Some(&bad)).await, StatusCode::BAD_REQUEST, "bad_request");
    }
    let many: Vec<String> = (0..5001).map(|i| format!("{:08}", 10_000_000 + i)).collect();
    let mut too_many = conference(&[]);
    too_many["attendees"] = json!(many);
    assert_error(&c.api(post.clone(), &uri, &office, Some(&too_many)).await, StatusCode::BAD_REQUEST, "bad_request");
    assert_error(
        &c.api(post.clone(), &uri, &inspection, Some(&conference(&["10000001"]))).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert!(audit(&db).await.iter().all(|e| e.action != "dissemination"), "refusals write nothing");

    let page = c.api(post.clone(), &uri, &office, Some(&conference(&["10000001", "1000-0002"]))).await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    let v = page.json();
    let id = v["id"].as_i64().unwrap();
    assert_eq!(page.headers[header::LOCATION], format!("/api/v1/disseminations/{id}").as_str());
    assert_eq!(v["held_on"], "2024-11-18");
    assert_eq!(v["holder"], json!({"code": "QN.DH.QT", "name": "Đảng bộ xã Quảng Tân"}));
    assert_eq!(v["documents"][0]["number"], "23-NQ/TU");
    assert_eq!((v["members"].as_u64(), v["orgs"].as_u64()), (Some(2), Some(1)));
    assert_eq!((v["level"].as_str(), v["notes"].as_str()), (Some("cấp xã"), Some("Hai buổi\nsáng và chiều")));
    assert_eq!(v["classification"], "normal");
    assert_eq!(v["editable"], true);
    let names: Vec<&str> =
        v["attendance"]["members"].as_array().unwrap().iter().map(|m| m["full_name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Nguyễn Văn An", "Trần Thị Bình"]);
    assert_eq!(v["attendance"]["members"][1]["cell"], "Chi bộ thôn Tân Hợp");
    assert_eq!(v["attendance"]["orgs"], json!([{"code": "QN.DH.QT.CB01", "name": "Chi bộ thôn Đồng Tâm"}]));
    let entries: Vec<_> = audit(&db).await.into_iter().filter(|e| e.action == "dissemination").collect();
    assert_eq!(entries.len(), 1);
    assert_eq!((entries[0].actor.as_str(), entries[0].address.as_str()), ("qt.office", "local"));
    assert_eq!(entries[0].subject, format!("dissemination {id}"));

    // GET gives what POST answered; the inspection reads it, not to edit.
    let shown = c.api(Method::GET, &format!("/api/v1/disseminations/{id}"), &inspection, None).await;
    assert_eq!(shown.status, StatusCode::OK);
    let mut expected = v.clone();
    expected["editable"] = json!(false);
    assert_eq!(shown.json(), expected);
    // The same figures as the pages.
    let mut browser = app.signed_in("qt.office").await;
    let page = browser.get(&format!("/documents/{doc}")).await;
    assert!(page.body.contains("Đảng viên đã học tập: 2"), "{}", page.body);
    let d = c.api(Method::GET, &format!("/api/v1/documents/{doc}"), &office, None).await.json();
    assert_eq!(d["coverage"][0]["members_reached"], 2);
    assert_eq!(d["coverage"][0]["orgs_reached"], 2);
    let page = browser.get(&format!("/disseminations/{id}")).await;
    assert!(page.body.contains("2 đảng viên"), "{}", page.body);

    // The subtree's list; the other district's office sees none of it.
    let v = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/disseminations", &inspection, None).await.json();
    assert_eq!((v["total"].as_u64(), v["limit"].as_u64()), (Some(1), Some(200)));
    assert_eq!(v["items"][0]["id"], id);
    assert_eq!(v["items"][0]["members"], 2);
    let v = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT.CB01/disseminations", &inspection, None).await.json();
    assert_eq!(v["total"], 0, "held by the commune, not in the cell's subtree");
    app.user("dn.office", Role::Office, "QN.TY.DN").await;
    let (_, other) = app.token("dn.office").await;
    assert_error(
        &c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/disseminations", &other, None).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_error(
        &c.api(Method::GET, &format!("/api/v1/disseminations/{id}"), &other, None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/disseminations?limit=0", &inspection, None).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    assert_error(
        &c.api(Method::GET, "/api/v1/disseminations/999999", &inspection, None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
}

/// Attendance added later, as the page adds it: all or nothing, the card
/// refused named; those already listed kept once; one audit entry.
async fn add_attendance(db: Db) {
    let (app, mut c, doc, office, inspection) = setup(&db).await;
    let page = c
        .api(
            Method::POST,
            &format!("/api/v1/documents/{doc}/disseminations"),
            &office,
            Some(&conference(&["10000001"])),
        )
        .await;
    let id = page.json()["id"].as_i64().unwrap();
    let uri = format!("/api/v1/disseminations/{id}/attendance");
    let post = Method::POST;
    let page = c.api(post.clone(), &uri, &office, Some(&json!({"members": ["10000003", "20000001"]}))).await;
    assert_error(&page, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    assert!(page.body.contains("20000001") && !page.body.contains("Phạm Thị Dung"), "{}", page.body);
    assert_error(
        &c.api(post.clone(), &uri, &office, Some(&json!({}))).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unprocessable",
    );
    assert_error(
        &c.api(post.clone(), &uri, &office, Some(&json!({"orgs": ["QN.TY.DN.CB01"]}))).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unprocessable",
    );
    assert_error(
        &c.api(post.clone(), &uri, &office, Some(&json!({"members": ["x"]}))).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    assert_error(
        &c.api(post.clone(), &uri, &inspection, Some(&json!({"members": ["10000003"]}))).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert!(audit(&db).await.iter().all(|e| e.action != "dissemination_attendance"), "refusals write nothing");

    let body = json!({"members": ["10000003", "10000001"], "orgs": ["QN.DH.QT.CB02"]});
    let page = c.api(post.clone(), &uri, &office, Some(&body)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.json(), json!({"members_added": 1, "orgs_added": 1}));
    let entries: Vec<_> = audit(&db).await.into_iter().filter(|e| e.action == "dissemination_attendance").collect();
    assert_eq!(entries.len(), 1);
    assert_eq!((entries[0].actor.as_str(), entries[0].address.as_str()), ("qt.office", "local"));
    let v = c.api(Method::GET, &format!("/api/v1/disseminations/{id}"), &office, None).await.json();
    assert_eq!(v["members"], 2);
    assert_eq!(v["orgs"], 2);
    let mut browser = app.signed_in("qt.office").await;
    assert!(browser.get(&format!("/disseminations/{id}")).await.body.contains("2 đảng viên"));
    app.user("dn.office", Role::Office, "QN.TY.DN").await;
    let (_, other) = app.token("dn.office").await;
    assert_error(
        &c.api(post, &uri, &other, Some(&json!({"members": ["20000001"]}))).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
}

/// T-6: a secret conference is refused to a caller who is not cleared and
/// left out of the subtree's list and count; attendance cannot be added
/// to it; a conference may not be recorded above the caller's clearance.
async fn a_secret_conference_never_shows(db: Db) {
    let (app, mut c, doc, office, _) = setup(&db).await;
    let s = support::secrets(&app, "QN.DH.QT", "QN.DH.QT.CB01", "10000002", doc).await;
    let page = c.api(Method::GET, &format!("/api/v1/disseminations/{}", s.conference), &office, None).await;
    assert_error(&page, StatusCode::FORBIDDEN, "forbidden");
    assert!(s.found_in(&page.body).is_none());
    let page = c
        .api(
            Method::POST,
            &format!("/api/v1/disseminations/{}/attendance", s.conference),
            &office,
            Some(&json!({"members": ["10000001"]})),
        )
        .await;
    assert_error(&page, StatusCode::FORBIDDEN, "forbidden");
    let page = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/disseminations", &office, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(s.found_in(&page.body).is_none(), "{}", page.body);
    assert_eq!(page.json()["total"], 0);
    let mut secret = conference(&["10000001"]);
    secret["classification"] = json!("secret");
    let page = c.api(Method::POST, &format!("/api/v1/documents/{doc}/disseminations"), &office, Some(&secret)).await;
    assert_error(&page, StatusCode::FORBIDDEN, "forbidden");
    let page = c
        .api(Method::POST, &format!("/api/v1/documents/{}/disseminations", s.document), &office, Some(&conference(&[])))
        .await;
    assert_error(&page, StatusCode::FORBIDDEN, "forbidden");
    // The cleared office reads it.
    let (_, cleared) = app.token(support::CLEARED).await;
    let page = c.api(Method::GET, &format!("/api/v1/disseminations/{}", s.conference), &cleared, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(s.found_in(&page.body).is_some());
    assert_eq!(c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/disseminations", &cleared, None).await.json()["total"], 1);
}

daihoi_test_support::engines!(record_and_show_a_conference, add_attendance, a_secret_conference_never_shows);
