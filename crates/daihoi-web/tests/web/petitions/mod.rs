//! Petitions through the API (issue 18; P-1, P-5, P-7): a denunciation
//! received with its denouncer, handed to a verifier who never receives
//! the identity in any answer (the case, the list, the writes' answers),
//! read by the inspection's head cleared for it with the reading logged,
//! and settled on time; refusals named by their rule.

use axum::http::{Method, StatusCode};
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_store::documents::Classification;
use daihoi_test_support::fixtures::*;
use serde_json::json;

use crate::support::TestApp;

mod clocks;
mod cutoff;
mod reception;
mod reports;

const NAME: &str = "Hoàng Thị Tố Cáo";
const PHONE: &str = "0912 345 678";

async fn clear(db: &Db, login: &str, clearance: Classification) {
    let u = db.user_by_login(login).await.unwrap().unwrap();
    db.operator().accounts().set_clearance(&u, clearance, "test").await.unwrap();
}

/// P-7 through every answer: the verifier's, the office's and the list's
/// hold the case but never its denouncer; the head of inspection, cleared
/// for secret, reads the identity and the reading is there for the audit.
async fn the_denouncer_stays_secret_in_the_api(db: Db) {
    small_tree(&db).await;
    import(&db, vec![member("003101", "Nguyễn Văn An", "QN.DH.QT.CB01")]).await;
    let app = TestApp::new(&db);
    app.user("vp.qt", Role::Office, "QN.DH.QT").await;
    app.user("kt.xm", Role::Inspection, "QN.DH.QT").await;
    app.user("kt.truong", Role::Inspection, "QN.DH.QT").await;
    clear(&db, "vp.qt", Classification::Confidential).await;
    clear(&db, "kt.xm", Classification::Confidential).await;
    clear(&db, "kt.truong", Classification::Secret).await;
    let (_, office) = app.token("vp.qt").await;
    let (_, verifier) = app.token("kt.xm").await;
    let (_, head) = app.token("kt.truong").await;
    let mut c = app.anonymous();
    let today = daihoi_core::date::iso(time::OffsetDateTime::now_utc().date());
    let filing = json!({
        "kind": "denunciation", "channel": "reception", "received": today, "summary": "Tố cáo việc kê khai tài sản",
        "classification": "confidential", "about": "003101",
        "identity": {"name": NAME, "address": "Thôn Đồng Tâm", "contact": PHONE}
    });
    let received = c.api(Method::POST, "/api/v1/orgs/QN.DH.QT/petitions", &office, Some(&filing)).await;
    assert_eq!(received.status, StatusCode::OK, "{}", received.body);
    let id = received.json()["id"].as_i64().unwrap();
    assert_eq!(received.json()["received"], "opened");
    // P-1: the same matter again is refused, named.
    let again = c.api(Method::POST, "/api/v1/orgs/QN.DH.QT/petitions", &office, Some(&filing)).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", again.body);
    assert!(again.body.contains("P-1") && again.body.contains("1/"), "{}", again.body);

    let mut answers = Vec::new();
    let assigned = c
        .api(Method::POST, &format!("/api/v1/petitions/{id}/assign"), &office, Some(&json!({"verifier": "kt.xm"})))
        .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);
    answers.push(assigned.body.clone());
    let seen = c.api(Method::GET, &format!("/api/v1/petitions/{id}"), &verifier, None).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
    assert_eq!((seen.json()["assigned_to"].as_str(), seen.json()["identified"].as_bool()), (Some("kt.xm"), Some(true)));
    answers.push(seen.body.clone());
    let list = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/petitions?open=true", &verifier, None).await;
    assert_eq!(list.json()["total"], 1);
    answers.push(list.body.clone());
    let refused = c
        .api(
            Method::POST,
            &format!("/api/v1/petitions/{id}/identity"),
            &verifier,
            Some(&json!({"purpose": "xác minh"})),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    answers.push(refused.body.clone());
    let accepted = c
        .api(
            Method::POST,
            &format!("/api/v1/petitions/{id}/events"),
            &office,
            Some(&json!({"step": "accept", "on": today})),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    answers.push(accepted.body.clone());
    for a in &answers {
        assert!(!a.contains(NAME) && !a.contains(PHONE) && !a.contains("Đồng Tâm"), "P-7: {a}");
    }
    // The head of inspection, cleared for secret, reads it; the reading is
    // logged with its purpose, for the audit readers.
    let read = c
        .api(
            Method::POST,
            &format!("/api/v1/petitions/{id}/identity"),
            &head,
            Some(&json!({"purpose": "gặp người tố cáo"})),
        )
        .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    assert_eq!(read.json()["identity"]["name"], NAME);
    let readings = c.api(Method::GET, &format!("/api/v1/petitions/{id}/identity-readings"), &head, None).await;
    assert_eq!(readings.json()[0]["read_by"], "kt.truong");
    assert_eq!(readings.json()[0]["purpose"], "gặp người tố cáo");
    // P-5: a route out of the tree is refused, named.
    let out =
        c.api(Method::POST, &format!("/api/v1/petitions/{id}/route"), &office, Some(&json!({"to": "QN.XX"}))).await;
    assert_eq!(out.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(out.body.contains("P-5"), "{}", out.body);
    // Settled on the day: every clock met on time; the due dates say how.
    let settled = c
        .api(
            Method::POST,
            &format!("/api/v1/petitions/{id}/events"),
            &office,
            Some(&json!({"step": "settle", "on": today, "outcome": "Kết luận 05-KL/UBKT"})),
        )
        .await;
    assert_eq!(settled.status, StatusCode::OK, "{}", settled.body);
    let case = settled.json();
    assert_eq!(case["open"], false);
    for clock in case["clocks"].as_array().unwrap() {
        // A year's calendar unconfirmed leaves a due date waiting, never guessed.
        assert!(clock["standing"] == "on_time" || clock["awaiting"].is_string(), "{clock}");
    }
}

daihoi_test_support::engines!(the_denouncer_stays_secret_in_the_api);
