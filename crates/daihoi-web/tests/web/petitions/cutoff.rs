//! P-8's cut-off per congress (issue 18 §4) on the register's page and
//! through the API: the commune's office sets it; a member's holds at that
//! congress follow it; another commune's office cannot set it.

use axum::http::{Method, StatusCode};
use daihoi_congress::{CongressKind, Contents, Length, LevelClass, Schedule};
use daihoi_core::Role;
use daihoi_core::members::CardNumber;
use daihoi_petitions::{Area, CaseKind, Channel, Complexity, Instance};
use daihoi_store::Db;
use daihoi_store::congresses::{NewPlan, RoundTemplate};
use daihoi_store::documents::Classification;
use daihoi_store::petitions::{Identity, Matter, NewFiling};
use daihoi_test_support::fixtures::*;
use serde_json::json;

use crate::support::{TestApp, location};

async fn the_cut_off_on_the_page_and_through_the_api(db: Db) {
    small_tree(&db).await;
    let today = time::OffsetDateTime::now_utc().date();
    let op = db.operator();
    let round = op
        .congresses()
        .create_round("2025-2030", "Nhiệm kỳ 2025–2030", RoundTemplate::Term2025To2030, today, "t")
        .await
        .unwrap();
    let qt = db.org_by_code(&code("QN.DH.QT"), today).await.unwrap().unwrap();
    let plan = NewPlan {
        level: LevelClass::Commune,
        kind: CongressKind::DelegateCongress,
        contents: Contents::Full,
        model: false,
        planned: Schedule { opening: today, length: Length::days(2) },
        actual: None,
    };
    op.congresses().plan(&round, &qt, &plan, today, "t").await.unwrap();
    import(&db, vec![member("003101", "Nguyễn Văn Ứng Cử", "QN.DH.QT.CB01")]).await;
    let received = today.previous_day().unwrap();
    let filing = NewFiling {
        kind: CaseKind::Denunciation,
        instance: Instance::First,
        channel: Channel::Letter,
        received,
        area: Area::Ordinary,
        complexity: Complexity::Ordinary,
        summary: "Tố cáo người ứng cử".into(),
        classification: Classification::Normal,
        about: Some(CardNumber::parse("003101").unwrap()),
        from_body: None,
        identity: Some(Identity {
            name: "Người gửi".into(), address: "Quảng Tân".into(), contact: String::new()
        }),
        evidence: false,
        matter: Matter::Distinct,
    };
    op.petitions().receive(&qt, &filing, today, "t").await.unwrap();

    let app = TestApp::new(&db);
    app.user("vp.qt", Role::Office, "QN.DH.QT").await;
    app.user("vp.dn", Role::Office, "QN.TY.DN").await;
    let mut office = app.signed_in("vp.qt").await;
    let page = office.get("/orgs/QN.DH.QT/petitions").await;
    assert!(page.body.contains("id=\"cutoff-form\""), "the form for the office");
    let iso = daihoi_core::date::iso(received);
    let set = office.post_form("/orgs/QN.DH.QT/petitions/cutoff", &[("cutoff", &iso)]).await;
    assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.body);
    assert!(location(&set).starts_with("/orgs/QN.DH.QT/petitions"));
    assert!(office.get("/orgs/QN.DH.QT/petitions").await.body.contains("id=\"cutoff-day\""));
    let (_, token) = app.token("vp.qt").await;
    let mut c = app.anonymous();
    let read = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/petitions/cutoff", &token, None).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    assert_eq!(read.json()["cutoff"], iso.as_str());
    // The letter came on the cut-off: it holds nobody at this congress.
    let holds = c.api(Method::GET, "/api/v1/members/003101/petition-holds?congress=QN.DH.QT", &token, None).await;
    assert_eq!(holds.status, StatusCode::OK, "{}", holds.body);
    assert_eq!(holds.json().as_array().map(Vec::len), Some(0));
    let none = json!({"cutoff": null});
    let clear = c.api(Method::PUT, "/api/v1/orgs/QN.DH.QT/petitions/cutoff", &token, Some(&none)).await;
    assert_eq!(clear.status, StatusCode::NO_CONTENT);
    let holds = c.api(Method::GET, "/api/v1/members/003101/petition-holds?congress=QN.DH.QT", &token, None).await;
    assert_eq!(holds.json().as_array().map(Vec::len), Some(1), "{}", holds.body);
    let both = "/api/v1/members/003101/petition-holds?congress=QN.DH.QT&cutoff=2025-01-01";
    assert_eq!(c.api(Method::GET, both, &token, None).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Another commune's office: refused.
    let mut dn = app.signed_in("vp.dn").await;
    let foreign = dn.post_form("/orgs/QN.DH.QT/petitions/cutoff", &[("cutoff", &iso)]).await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
}

daihoi_test_support::engines!(the_cut_off_on_the_page_and_through_the_api);
