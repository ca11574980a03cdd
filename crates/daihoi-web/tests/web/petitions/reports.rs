//! The petitions' report (issue 18, P-10) on its page and through the API:
//! the year's statistics by kind and by organization, the chart, and the
//! overdue list with how each due date was computed; the same figures in
//! both; outside the subtree, nothing.

use axum::http::{Method, StatusCode};
use daihoi_core::Role;
use daihoi_petitions::{Area, CaseKind, Channel, Complexity, Instance};
use daihoi_store::Db;
use daihoi_store::documents::Classification;
use daihoi_store::petitions::{CaseStep, Identity, Matter, NewFiling, Received};
use daihoi_test_support::fixtures::*;

use crate::support::TestApp;

async fn the_report_on_its_page_and_through_the_api(db: Db) {
    small_tree(&db).await;
    let today = time::OffsetDateTime::now_utc().date();
    let op = db.operator();
    op.petitions().confirm_year(2025, "Thông báo năm 2025", today, "t").await.unwrap();
    let qt = db.org_by_code(&code("QN.DH.QT"), today).await.unwrap().unwrap();
    let filing = |kind, received, summary: &str| NewFiling {
        kind,
        instance: Instance::First,
        channel: Channel::Reception,
        received,
        area: Area::Ordinary,
        complexity: Complexity::Ordinary,
        summary: summary.to_owned(),
        classification: Classification::Normal,
        about: None,
        from_body: None,
        identity: Some(Identity {
            name: "Người gửi".into(), address: "Quảng Tân".into(), contact: String::new()
        }),
        evidence: false,
        matter: Matter::Distinct,
    };
    let mut ids = Vec::new();
    for (summary, received) in [
        ("Khiếu nại chậm giải quyết", time::macros::date!(2025 - 04 - 01)),
        ("Khiếu nại đã xong", time::macros::date!(2025 - 05 - 05)),
    ] {
        let Received::Opened { id, .. } =
            op.petitions().receive(&qt, &filing(CaseKind::Complaint, received, summary), today, "t").await.unwrap()
        else {
            panic!("opened")
        };
        op.petitions().record(id, &CaseStep::Accept, received.next_day().unwrap(), today, "t").await.unwrap();
        ids.push(id);
    }
    let settled = CaseStep::Settle { outcome: "Quyết định giải quyết".into() };
    op.petitions().record(ids[1], &settled, time::macros::date!(2025 - 05 - 20), today, "t").await.unwrap();

    let app = TestApp::new(&db);
    app.user("vp.qn", Role::Office, "QN").await;
    app.user("vp.dn", Role::Office, "QN.TY.DN").await;
    let mut page = app.signed_in("vp.qn").await;
    let report = page.get("/orgs/QN/petitions/report?from=2025-01-01&to=2025-12-31").await;
    assert_eq!(report.status, StatusCode::OK);
    for shown in
        ["Khiếu nại chậm giải quyết", "Đảng bộ huyện Đầm Hà", "petition-chart-", "Giải quyết khiếu nại lần đầu"]
    {
        assert!(report.body.contains(shown), "{shown} on the page");
    }
    assert!(!report.body.contains("Khiếu nại đã xong"), "settled: not overdue");
    let (_, token) = app.token("vp.qn").await;
    let mut c = app.anonymous();
    let stats =
        c.api(Method::GET, "/api/v1/orgs/QN/petitions/statistics?from=2025-01-01&to=2025-12-31", &token, None).await;
    assert_eq!(stats.status, StatusCode::OK, "{}", stats.body);
    let total = &stats.json()["total"];
    assert_eq!(
        (total["received"].as_u64(), total["on_time"].as_u64(), total["overdue"].as_u64()),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(stats.json()["by_org"][0]["org"], "QN.DH");
    let overdue = c.api(Method::GET, "/api/v1/orgs/QN/petitions/overdue", &token, None).await;
    assert_eq!(overdue.json()["total"], 1);
    assert_eq!(overdue.json()["cases"][0]["case"]["id"], ids[0]);
    assert_eq!(overdue.json()["cases"][0]["overdue"]["standing"], "overdue");
    let backwards =
        c.api(Method::GET, "/api/v1/orgs/QN/petitions/statistics?from=2025-12-31&to=2025-01-01", &token, None).await;
    assert_eq!(backwards.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Another commune's office: nothing of the province's report.
    let mut other = app.signed_in("vp.dn").await;
    assert_eq!(other.get("/orgs/QN/petitions/report").await.status, StatusCode::FORBIDDEN);
}

daihoi_test_support::engines!(the_report_on_its_page_and_through_the_api);
