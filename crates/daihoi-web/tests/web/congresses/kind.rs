//! C-DEL-5 on the web: the higher committee's decision on a grassroots
//! organization's kind of congress, recorded by the office above (the
//! commune's for a grassroots committee under it) on the congress page and
//! through the API; the plan's kind follows it and only another decision
//! changes it; a cell's kind and a higher level's are not decided.

use axum::http::{Method, StatusCode};
use daihoi_core::OrgKind;
use daihoi_store::Db;
use daihoi_test_support::fixtures::*;
use serde_json::json;

use super::{ROUND, open_round, setup};

const CS: &str = "/orgs/QN.DH.QT.CS01/congress";

fn grassroots_plan(kind: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("round", ROUND),
        ("level", "grassroots"),
        ("kind", kind),
        ("contents", "full"),
        ("planned_on", "2025-05-20"),
        ("planned_length", "4"),
    ]
}

/// C-DEL-5: a grassroots committee with no member on its planned date plans
/// a delegate congress: warned, not refused; the commune's office (the
/// office above) records the higher committee's agreement: the warning
/// goes, the proposal says "agreed", and a plan of the other kind is
/// refused until another decision. The committee's own office, the
/// inspection and a bad form are refused, the typed text kept.
async fn the_higher_committee_decides_the_kind(db: Db) {
    let app = setup(&db).await;
    org(&db, "QN.DH.QT.CS01", "Đảng bộ Công ty Than Quảng Tân", OrgKind::Grassroots, Some("QN.DH.QT")).await;
    app.user("vp.cs", daihoi_core::Role::Office, "QN.DH.QT.CS01").await;
    open_round(&app).await;
    let mut own = app.signed_in("vp.cs").await;
    let planned = own.post_form(CS, &grassroots_plan("delegate_congress")).await;
    assert_eq!(planned.status, StatusCode::SEE_OTHER, "{}", planned.body);
    let page = own.get(&format!("{CS}?round={ROUND}")).await;
    assert!(page.body.contains("id=\"kind-differs\""), "{}", page.body);
    assert!(!page.body.contains("id=\"kind-form\""), "not the committee's own decision: {}", page.body);

    let decision = [
        ("round", ROUND),
        ("kind", "delegate_congress"),
        ("approved_by", "Ban Thường vụ Đảng ủy xã Quảng Tân"),
        ("on", "2025-03-10"),
        ("reference", "45-QĐ/ĐU"),
    ];
    let refused = own.post_form(&format!("{CS}/kind-decision"), &decision).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let mut inspection = app.signed_in("kt.qt").await;
    assert_eq!(inspection.post_form(&format!("{CS}/kind-decision"), &decision).await.status, StatusCode::FORBIDDEN);

    let mut commune = app.signed_in("vp.qt").await;
    let page = commune.get(&format!("{CS}?round={ROUND}")).await;
    assert!(page.body.contains("id=\"kind-form\""), "{}", page.body);
    let missing = commune
        .post_form(
            &format!("{CS}/kind-decision"),
            &[("round", ROUND), ("kind", "delegate_congress"), ("approved_by", "Ban Thường vụ"), ("on", "x")],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.body.contains("Ngày: không phải ngày hợp lệ."), "{}", missing.body);
    assert!(missing.body.contains("value=\"Ban Thường vụ\""), "the typed text kept: {}", missing.body);
    let future = [("on", "2999-01-01")];
    let later: Vec<_> = decision.iter().filter(|(k, _)| *k != "on").chain(future.iter()).copied().collect();
    let after_today = commune.post_form(&format!("{CS}/kind-decision"), &later).await;
    assert_eq!(after_today.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(after_today.body.contains("C-DEL-5"), "{}", after_today.body);

    let decided = commune.post_form(&format!("{CS}/kind-decision"), &decision).await;
    assert_eq!(decided.status, StatusCode::SEE_OTHER, "{}", decided.body);
    let page = commune.get(&format!("{CS}?round={ROUND}")).await;
    assert!(!page.body.contains("id=\"kind-differs\""), "{}", page.body);
    assert!(
        page.body.contains(
            "Cấp ủy cấp trên quyết định: đại hội đại biểu (Ban Thường vụ Đảng ủy xã Quảng Tân, 10/03/2025, 45-QĐ/ĐU)."
        ),
        "{}",
        page.body
    );
    assert!(page.body.contains("cấp ủy cấp trên trực tiếp đồng ý"), "the proposal agreed: {}", page.body);
    // Only another decision changes the kind: the committee's plan of a
    // member congress is refused, its input kept.
    let other = own.post_form(CS, &grassroots_plan("member_congress")).await;
    assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(other.body.contains("C-DEL-5"), "{}", other.body);

    // The API: the decision in the congress's answer; a cell's kind and a
    // commune's are not decided (C-DEL-5); the same decision again writes
    // nothing new.
    let mut c = app.anonymous();
    let (_, token) = app.token("vp.qt").await;
    let shown = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT.CS01/congress", &token, None).await.json();
    assert_eq!(shown["kind_decision"]["kind"], "delegate_congress");
    assert_eq!(shown["kind_decision"]["approval"]["reference"], "45-QĐ/ĐU");
    assert_eq!(shown["kind_proposal"]["differs"], false);
    assert_eq!(shown["kind_proposal"]["basis"], "higher_committee_agreed");
    let body = json!({"round": ROUND, "kind": "member_congress", "approved_by": "Ban Thường vụ Đảng ủy xã",
                      "on": "2025-03-12", "reference": "46-QĐ/ĐU"});
    let changed = c.api(Method::POST, "/api/v1/orgs/QN.DH.QT.CS01/congress/kind-decision", &token, Some(&body)).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.json()["kind"], "member_congress", "the plan follows the decision");
    let (_, district) = app.token("vp.dh").await;
    let planned_commune = c
        .api(
            Method::PUT,
            "/api/v1/orgs/QN.DH.QT/congress",
            &app.token("vp.qt").await.1,
            Some(&json!({"round": ROUND, "level": "commune", "kind": "delegate_congress", "contents": "full",
                         "planned": {"opening": "2025-08-20", "half_days": 4}})),
        )
        .await;
    assert_eq!(planned_commune.status, StatusCode::OK, "{}", planned_commune.body);
    let higher = c.api(Method::POST, "/api/v1/orgs/QN.DH.QT/congress/kind-decision", &district, Some(&body)).await;
    assert_eq!(higher.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", higher.body);
    assert!(higher.body.contains("C-DEL-5"), "{}", higher.body);
}

daihoi_test_support::engines!(the_higher_committee_decides_the_kind);
