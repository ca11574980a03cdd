//! The legal clocks on their page and through the API (issue 18 §2; P-3,
//! P-4, P-5): the [open] questions (no row for filings received from
//! 1 July 2026, when Law 136/2025/QH15 amended the laws; a year's
//! calendar not confirmed) shown to everyone signed in; an administrator
//! of the root enters the amended row and confirms the year, and a due
//! date is then computed with its steps instead of awaiting; an
//! overlapping row is refused with P-3 and nothing is written; nobody
//! else keeps the clocks.

use axum::http::{Method, StatusCode};
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_test_support::fixtures::*;
use serde_json::json;

use crate::support::TestApp;

const DUE: &str = "/api/v1/petition-due?clock=denunciation_settlement&received=2026-08-03&started=2026-08-05";

async fn an_administrator_enters_the_amended_row(db: Db) {
    small_tree(&db).await;
    let app = TestApp::new(&db);
    app.user("admin.qn", Role::Admin, "QN").await;
    app.user("vp.qn", Role::Office, "QN").await;
    let (_, admin) = app.token("admin.qn").await;
    let (_, office) = app.token("vp.qn").await;
    let mut c = app.anonymous();

    // The questions, on the page and in the API.
    let mut page = app.signed_in("vp.qn").await;
    let before = page.get("/petition-clocks").await;
    assert_eq!(before.status, StatusCode::OK);
    assert!(before.body.contains("Chưa có dòng thời hạn Giải quyết tố cáo cho đơn nhận từ ngày 01/07/2026"));
    assert!(!before.body.contains("id=\"rule-form\""), "an office does not keep the clocks");
    let clocks = c.api(Method::GET, "/api/v1/petition-clocks", &office, None).await;
    let questions = clocks.json()["questions"].as_array().unwrap().clone();
    assert!(
        questions.iter().any(|q| q["clock"] == "denunciation_settlement" && q["received"] == "2026-07-01"),
        "{questions:?}"
    );
    assert!(questions.iter().any(|q| q["clock"] == "petition_answer" && q["received"].is_null()));
    let awaiting = c.api(Method::GET, DUE, &office, None).await;
    assert_eq!(awaiting.json()["awaiting"], "rule: denunciation_settlement for 2026-08-03", "{}", awaiting.body);

    // Only an administrator of the root keeps them.
    let row = [
        ("clock", "denunciation_settlement"),
        ("amount", "30"),
        ("unit", "days"),
        ("valid_from", "2026-07-01"),
        ("source", "Luật Tố cáo (sửa đổi theo Luật 136/2025/QH15), Điều 30"),
    ];
    assert_eq!(page.post_form("/petition-clocks/rules", &row).await.status, StatusCode::FORBIDDEN);
    let body = json!({"clock": "denunciation_settlement", "amount": 30, "unit": "days", "valid_from": "2026-07-01",
                      "source": "Luật Tố cáo sửa đổi"});
    let refused = c.api(Method::POST, "/api/v1/petition-clocks/rules", &office, Some(&body)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // The administrator enters it on the page: the question goes.
    let mut keeper = app.signed_in("admin.qn").await;
    let entered = keeper.post_form("/petition-clocks/rules", &row).await;
    assert_eq!(entered.status, StatusCode::SEE_OTHER, "{}", entered.body);
    let after = keeper.get("/petition-clocks").await;
    assert!(!after.body.contains("Chưa có dòng thời hạn Giải quyết tố cáo cho"));
    assert!(after.body.contains("Luật 136/2025/QH15), Điều 30"));
    // P-3: the same row again overlaps; nothing written.
    let rows =
        c.api(Method::GET, "/api/v1/petition-clocks", &admin, None).await.json()["rules"].as_array().unwrap().len();
    let again = keeper.post_form("/petition-clocks/rules", &row).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("P-3"), "{}", again.body);
    let overlap = c.api(Method::POST, "/api/v1/petition-clocks/rules", &admin, Some(&body)).await;
    assert_eq!(overlap.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", overlap.body);
    let now =
        c.api(Method::GET, "/api/v1/petition-clocks", &admin, None).await.json()["rules"].as_array().unwrap().len();
    assert_eq!(now, rows, "nothing written");

    // The year's calendar: awaited, then confirmed through the API.
    let calendar = c.api(Method::GET, DUE, &office, None).await;
    assert_eq!(calendar.json()["awaiting"], "calendar: 2026", "{}", calendar.body);
    let years = json!({"year": 2026, "why": "Thông báo của Bộ Nội vụ về lịch nghỉ năm 2026"});
    let confirmed = c.api(Method::POST, "/api/v1/petition-clocks/years", &admin, Some(&years)).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    assert_eq!(confirmed.json()[0]["year"], 2026);
    // 30 days from Wednesday 5 August 2026: from the 6th to Friday 4
    // September, a working day.
    let due = c.api(Method::GET, DUE, &office, None).await;
    assert_eq!(due.json()["due"], "2026-09-04", "{}", due.body);
    assert!(due.json()["source"].as_str().unwrap().contains("136/2025"));
    assert!(!due.json()["steps"].as_array().unwrap().is_empty());
    // The same on the page's calculator.
    let shown = page.get("/petition-clocks?clock=denunciation_settlement&received=2026-08-03&started=2026-08-05").await;
    assert!(shown.body.contains("04/09/2026"), "{}", shown.body);

    // A day listed and taken off again (P-3: listed twice is refused).
    let day = json!({"date": "2026-09-04", "kind": "holiday", "name": "Ngày nghỉ thử"});
    assert_eq!(c.api(Method::POST, "/api/v1/petition-clocks/days", &admin, Some(&day)).await.status, StatusCode::OK);
    assert_eq!(c.api(Method::GET, DUE, &office, None).await.json()["due"], "2026-09-07", "the next working day");
    let twice = c.api(Method::POST, "/api/v1/petition-clocks/days", &admin, Some(&day)).await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    let removed = c.api(Method::POST, "/api/v1/petition-clocks/days/2026-09-04/remove", &admin, None).await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    assert_eq!(c.api(Method::GET, DUE, &office, None).await.json()["due"], "2026-09-04");
}

daihoi_test_support::engines!(an_administrator_enters_the_amended_row);
