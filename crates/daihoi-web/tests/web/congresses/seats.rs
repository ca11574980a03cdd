//! Committee seats (issue 15 §4; C-PER-10, C-DEL-7) and the delegate
//! allocation (issue 15 §5; C-DEL-1…8, W-C2) on the web and in the API:
//! the district's office records and ends the commune's committee seats,
//! the commune's office may not (it reads them); the commune's office
//! decides its congress's table from the proposal, which waits for the
//! C-DEL-2 question until it is answered; the commune reads its seats at the
//! district's congress (C-DEL-3) and may not decide them.

use crate::support;

use axum::http::{Method, StatusCode};
use daihoi_congress::{
    AnswerValue, CongressKind, Contents, Length, LevelClass, OpenQuestion, ProposalParameters, Schedule, Scope,
};
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_store::congresses::{NewPlan, RoundTemplate};
use daihoi_test_support::fixtures::*;
use serde_json::json;
use support::{TestApp, location};
use time::macros::date;

const ROUND: &str = "2025-2030";
const COMMITTEE: &str = "/orgs/QN.DH.QT/committee";
const ALLOCATION: &str = "/orgs/QN.DH.QT/congress/allocation";

/// The small tree with 4 members in the cell CB01 and 6 in CB02 of the
/// commune QN.DH.QT, one in the other district; the users; the round with
/// the congresses of the district, the commune and its two cells planned.
async fn setup(db: &Db) -> TestApp {
    small_tree(db).await;
    const NAMES: [&str; 10] = [
        "Nguyễn Văn An",
        "Trần Văn Bình",
        "Lê Văn Cường",
        "Phạm Văn Dũng",
        "Hoàng Văn Em",
        "Vũ Văn Phúc",
        "Đỗ Văn Giang",
        "Bùi Thị Hà",
        "Đặng Văn Ích",
        "Ngô Văn Khánh",
    ];
    let mut rows = Vec::new();
    for (i, name) in NAMES.iter().enumerate() {
        let cell = if i < 4 { "QN.DH.QT.CB01" } else { "QN.DH.QT.CB02" };
        rows.push(member(&format!("0031{:04}", i + 1), name, cell));
    }
    rows.push(member("00320001", "Người Ngoài Huyện", "QN.TY.DN.CB01"));
    import(db, rows).await;
    let app = TestApp::new(db);
    app.user("vp.dh", Role::Office, "QN.DH").await;
    app.user("vp.qt", Role::Office, "QN.DH.QT").await;
    app.user("kt.qt", Role::Inspection, "QN.DH.QT").await;
    let c = db.operator();
    let round = c
        .congresses()
        .create_round(ROUND, "Nhiệm kỳ 2025–2030", RoundTemplate::Term2025To2030, TODAY, "t")
        .await
        .unwrap();
    for (org, level, kind, opening, length) in [
        ("QN.DH", LevelClass::AboveGrassroots, CongressKind::DelegateCongress, date!(2027 - 01 - 20), Length::days(2)),
        ("QN.DH.QT", LevelClass::Commune, CongressKind::DelegateCongress, date!(2026 - 12 - 20), Length::days(2)),
        ("QN.DH.QT.CB01", LevelClass::Cell, CongressKind::MemberCongress, date!(2026 - 12 - 10), Length::half_days(1)),
        ("QN.DH.QT.CB02", LevelClass::Cell, CongressKind::MemberCongress, date!(2026 - 12 - 11), Length::half_days(1)),
    ] {
        let node = db.org_by_code(&code(org), TODAY).await.unwrap().unwrap();
        let plan = NewPlan {
            level,
            kind,
            contents: Contents::Full,
            model: false,
            planned: Schedule { opening, length },
            actual: None,
        };
        c.congresses().plan(&round, &node, &plan, TODAY, "t").await.unwrap();
    }
    app
}

/// C-DEL-2: the round's answer to the allocation's parameters: 1 seat per
/// sub-unit, 1 per 4 members, 1 more from a remainder of 2 (W-C2's shape).
async fn answer_parameters(db: &Db) {
    let c = db.operator();
    let round = c.congresses().round(ROUND).await.unwrap().unwrap();
    let value =
        AnswerValue::Allocation(ProposalParameters { base_per_unit: 1, members_per_seat: 4, remainder_at_least: 2 });
    c.congresses()
        .answer(
            &round,
            OpenQuestion::AllocationParameters,
            &Scope::Round,
            value,
            date!(2026 - 11 - 20),
            "Hướng dẫn 09-HD/TU",
            TODAY,
            "t",
        )
        .await
        .unwrap();
}

/// The seats ever recorded on the commune's committee.
async fn history(db: &Db) -> Vec<daihoi_store::congresses::committees::StoredSeat> {
    let node = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    db.operator().congresses().committee_history(&node).await.unwrap()
}

/// Whether the commune's congress has a table decided.
async fn decided(db: &Db, org: &str) -> bool {
    let c = db.operator();
    let round = c.congresses().round(ROUND).await.unwrap().unwrap();
    let node = db.org_by_code(&code(org), TODAY).await.unwrap().unwrap();
    let congress = c.congresses().congress(&round, &node, TODAY).await.unwrap().unwrap();
    c.congresses().allocation(&round, &congress).await.unwrap().is_some()
}

/// C-PER-10 by the page: the commune's office reads its committee and may
/// not record it (403, no form); the district's office records a seat and
/// ends it; refusals named beside their field, what was typed kept,
/// nothing written.
async fn committee_by_the_page(db: Db) {
    let app = setup(&db).await;
    let mut commune = app.signed_in("vp.qt").await;
    let page = commune.get(COMMITTEE).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("seat-form"), "{}", page.body);
    // C-PER-10: only the office above records the commune's committee.
    let seat = [
        ("card", "00310001"),
        ("position", "secretary"),
        ("source", "election"),
        ("from", "2026-11-28"),
        ("reference", "Quyết định chuẩn y 645-QĐ/HU"),
    ];
    assert_eq!(commune.post_form(&format!("{COMMITTEE}/seats"), &seat).await.status, StatusCode::FORBIDDEN);
    // The congress page links the committee's page.
    let congress = commune.get(&format!("/orgs/QN.DH.QT/congress?round={ROUND}")).await;
    assert!(congress.body.contains("committee-link") && congress.body.contains("allocation-link"));

    let mut district = app.signed_in("vp.dh").await;
    assert!(district.get(COMMITTEE).await.body.contains("seat-form"));
    // C-PER-10: a person who is not a member of the commune.
    let mut outsider = seat;
    outsider[0] = ("card", "00320001");
    let refused = district.post_form(&format!("{COMMITTEE}/seats"), &outsider).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("C-PER-10") && refused.body.contains("00320001"), "{}", refused.body);
    assert!(refused.body.contains(r#"value="Quyết định chuẩn y 645-QĐ/HU""#));
    // C-PER-10: a seat from a day to come; no decision.
    let mut future = seat;
    future[3] = ("from", "2999-01-01");
    future[4] = ("reference", "");
    let refused = district.post_form(&format!("{COMMITTEE}/seats"), &future).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("C-PER-10") && refused.body.contains("2999-01-01"), "{}", refused.body);
    assert!(refused.body.contains("Quyết định (chỉ định, chuẩn y): chưa nhập."), "{}", refused.body);
    assert!(history(&db).await.is_empty());

    let done = district.post_form(&format!("{COMMITTEE}/seats"), &seat).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(location(&done), format!("{COMMITTEE}?saved=1"));
    let page = district.get(COMMITTEE).await;
    for text in ["Nguyễn Văn An", "Bí thư", "Được bầu", "645-QĐ/HU", "28/11/2026"] {
        assert!(page.body.contains(text), "{text}: {}", page.body);
    }
    // C-PER-10: the same position held already.
    let twice = district.post_form(&format!("{COMMITTEE}/seats"), &seat).await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice.body.contains("C-PER-10: người này đang giữ chức vụ này."), "{}", twice.body);
    assert_eq!(history(&db).await.len(), 1);

    // The end of the seat: not by the commune; not before its first day.
    let id = history(&db).await[0].id;
    let end = format!("{COMMITTEE}/seats/{id}/end");
    let ending = [("on", "2026-11-30"), ("reason", "Chuyển công tác theo Quyết định 88-QĐ/HU")];
    assert_eq!(commune.post_form(&end, &ending).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        district.post_form(&format!("{COMMITTEE}/seats/99999/end"), &ending).await.status,
        StatusCode::NOT_FOUND
    );
    let early = district.post_form(&end, &[("on", "2026-11-28"), ("reason", "Nghỉ")]).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.body.contains("C-PER-10") && early.body.contains(r#"value="Nghỉ""#), "{}", early.body);
    assert!(history(&db).await[0].seat.to.is_none());
    let ended = district.post_form(&end, &ending).await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER, "{}", ended.body);
    let page = commune.get(COMMITTEE).await;
    assert!(page.body.contains("Chưa ghi nhận ủy viên nào."), "{}", page.body);
    assert!(page.body.contains("Chuyển công tác theo Quyết định 88-QĐ/HU") && page.body.contains("30/11/2026"));
}

/// C-PER-10 through the API: the same seat recorded (201) and ended by the
/// district's office, refused to the commune's (403), the refusals with
/// their rule and nothing written; the history read by the commune.
async fn committee_by_the_api(db: Db) {
    let app = setup(&db).await;
    let mut c = app.anonymous();
    let (_, district) = app.token("vp.dh").await;
    let (_, commune) = app.token("vp.qt").await;
    let seats = "/api/v1/orgs/QN.DH.QT/committee/seats";
    let seat = |card: &str, position: &str, from: &str| {
        json!({"card": card, "position": position, "source": "appointment", "from": from,
               "reference": "Quyết định 120-QĐ/HU"})
    };
    let ok = seat("00310002", "deputy_secretary", "2026-11-28");
    assert_eq!(c.api(Method::POST, seats, &commune, Some(&ok)).await.status, StatusCode::FORBIDDEN);
    let unknown = c.api(Method::POST, seats, &district, Some(&seat("09999999", "member", "2026-11-28"))).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", unknown.body);
    let outsider = c.api(Method::POST, seats, &district, Some(&seat("00320001", "member", "2026-11-28"))).await;
    assert_eq!(
        (outsider.status, outsider.json()["error"]["rule"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("C-PER-10"))
    );
    let future = c.api(Method::POST, seats, &district, Some(&seat("00310002", "member", "2999-01-01"))).await;
    assert_eq!(future.json()["error"]["rule"], "C-PER-10");
    let bad = c.api(Method::POST, seats, &district, Some(&seat("00310002", "chairman", "2026-11-28"))).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(history(&db).await.is_empty());

    let made = c.api(Method::POST, seats, &district, Some(&ok)).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let made = made.json();
    assert_eq!(
        (made["position"].clone(), made["source"].clone(), made["to"].clone(), made["name"].clone()),
        (json!("deputy_secretary"), json!("appointment"), json!(null), json!("Trần Văn Bình"))
    );
    let id = made["id"].as_i64().unwrap();
    let today = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/committee", &commune, None).await.json();
    assert_eq!(today[0]["card"], "00310002");

    let end = format!("{seats}/{id}/end");
    let body = json!({"on": "2026-11-30", "reason": "Nghỉ hưu"});
    assert_eq!(c.api(Method::POST, &end, &commune, Some(&body)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        c.api(Method::POST, &format!("{seats}/99999/end"), &district, Some(&body)).await.status,
        StatusCode::NOT_FOUND
    );
    let early = c.api(Method::POST, &end, &district, Some(&json!({"on": "2026-11-28", "reason": "Nghỉ"}))).await;
    assert_eq!(
        (early.status, early.json()["error"]["rule"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("C-PER-10"))
    );
    let ended = c.api(Method::POST, &end, &district, Some(&body)).await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
    assert_eq!(
        (ended.json()["to"].clone(), ended.json()["end_reason"].clone()),
        (json!("2026-11-30"), json!("Nghỉ hưu"))
    );
    let again = c.api(Method::POST, &end, &district, Some(&body)).await;
    assert_eq!(again.json()["error"]["rule"], "C-PER-10");
    let history = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/committee/history", &commune, None).await;
    assert_eq!(history.status, StatusCode::OK);
    assert_eq!(history.json().as_array().unwrap().len(), 1);
    assert_eq!(history.json()[0]["to"], "2026-11-30");
    let now = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/committee", &commune, None).await.json();
    assert_eq!(now, json!([]));
}

/// C-DEL-1, C-DEL-2, C-DEL-8, W-C2 by the page: the proposal waits for the
/// C-DEL-2 question (a link to it, no figure), then shows each cell's
/// working; the commune's office decides the table from the pre-filled
/// form; the refusals name their rule beside the field, keep what was
/// typed, write nothing; inspection reads and may not decide.
async fn allocation_by_the_page(db: Db) {
    let app = setup(&db).await;
    let mut office = app.signed_in("vp.qt").await;
    let url = format!("{ALLOCATION}?round={ROUND}");
    let page = office.get(&url).await;
    assert_eq!(page.status, StatusCode::OK);
    // C-DEL-2: awaiting, never a guess.
    assert!(page.body.contains("proposal-awaiting"), "{}", page.body);
    assert!(page.body.contains(&format!("/rounds/{ROUND}#q-allocation_parameters")));
    assert!(!page.body.contains(r#"id="proposal""#));
    assert!(page.body.contains("Chưa có quyết định phân bổ."));

    answer_parameters(&db).await;
    let page = office.get(&url).await;
    assert!(!page.body.contains("proposal-awaiting"), "{}", page.body);
    // W-C2's working: CB01, 4 members: 1 + ⌊4/4⌋ + (0 < 2: 0) = 2; CB02, 6
    // members: 1 + ⌊6/4⌋ + (2 ≥ 2: 1) = 3.
    let parameters = "1 mỗi đầu mối, 1 đại biểu cho 4 đảng viên, thêm 1 khi dư từ 2";
    for text in ["⌊4 / 4⌋ = 1", "0 &#60; 2: 0", "⌊6 / 4⌋ = 1", "2 ≥ 2: 1", parameters] {
        assert!(page.body.contains(text), "{text}: {}", page.body);
    }
    // The form: each cell's row pre-filled from the proposal; the total typed.
    assert!(page.body.contains(r#"name="org_1" value="QN.DH.QT.CB01""#), "{}", page.body);
    assert!(page.body.contains(r#"name="seats_1" value="2""#) && page.body.contains(r#"name="seats_2" value="3""#));
    assert!(page.body.contains(r#"name="total" value="""#));

    let form = |total: &'static str, mode2: &'static str, extra: &'static str, extra_seats: &'static str| {
        vec![
            ("round", ROUND),
            ("total", total),
            ("decision", "Quyết định 15-QĐ/ĐU"),
            ("decided_on", "2026-11-30"),
            ("kind_0", "own"),
            ("org_0", "QN.DH.QT"),
            ("mode_0", "ex_officio"),
            ("seats_0", "0"),
            ("kind_1", "lower"),
            ("org_1", "QN.DH.QT.CB01"),
            ("mode_1", "elected"),
            ("seats_1", "2"),
            ("decision_1", ""),
            ("kind_2", "lower"),
            ("org_2", "QN.DH.QT.CB02"),
            ("mode_2", mode2),
            ("seats_2", "3"),
            ("decision_2", ""),
            ("kind_3", "extra"),
            ("org_3", extra),
            ("mode_3", "elected"),
            ("seats_3", extra_seats),
            ("decision_3", ""),
        ]
    };
    let post = "/orgs/QN.DH.QT/congress/allocation";
    // C-DEL-1: the rows add up to 5, not 9.
    let refused = office.post_form(post, &form("9", "elected", "", "")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("C-DEL-1: các dòng cộng lại 5, khác tổng số đã quyết định 9."), "{}", refused.body);
    assert!(
        refused.body.contains(r#"value="Quyết định 15-QĐ/ĐU""#) && refused.body.contains(r#"name="total" value="9""#)
    );
    // C-DEL-8: designated seats without their decision.
    let refused = office.post_form(post, &form("5", "designated", "", "")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("C-DEL-8"), "{}", refused.body);
    // C-DEL-2: an organization not below the commune.
    let refused = office.post_form(post, &form("6", "elected", "QN.TY.DN", "1")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("C-DEL-2: QN.TY.DN"), "{}", refused.body);
    assert!(refused.body.contains(r#"name="org_3" value="QN.TY.DN""#));
    assert!(!decided(&db, "QN.DH.QT").await);

    // Inspection reads, may not decide.
    let mut inspection = app.signed_in("kt.qt").await;
    let read = inspection.get(&url).await;
    assert_eq!(read.status, StatusCode::OK);
    assert!(!read.body.contains("allocation-form"));
    assert_eq!(inspection.post_form(post, &form("5", "elected", "", "")).await.status, StatusCode::FORBIDDEN);

    let done = office.post_form(post, &form("5", "elected", "", "")).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(location(&done), format!("{url}&saved=1"));
    let page = office.get(&url).await;
    assert!(page.body.contains("5 đại biểu, quyết định Quyết định 15-QĐ/ĐU ngày 30/11/2026"), "{}", page.body);
    assert!(page.body.contains("Theo hình thức: 0 đương nhiên, 5 bầu, 0 chỉ định"));
    // The form now shows the table decided.
    assert!(page.body.contains(r#"name="total" value="5""#));
    // C-DEL-3: each cell reads its seats at the commune's congress.
    let cell = office.get(&format!("/orgs/QN.DH.QT.CB02/congress/allocation?round={ROUND}")).await;
    assert!(cell.body.contains("3 đại biểu dự đại hội Đảng bộ xã Quảng Tân"), "{}", cell.body);
}

/// C-DEL-1, -2, -8 and C-DEL-3 through the API: the district's proposal
/// waits for C-DEL-2's answer, then gives the commune's working; the
/// district's office decides (the refusals 422 with their rule, nothing
/// written); the commune reads its seats above and may not decide them.
async fn allocation_by_the_api(db: Db) {
    let app = setup(&db).await;
    let mut c = app.anonymous();
    let (_, district) = app.token("vp.dh").await;
    let (_, commune) = app.token("vp.qt").await;
    let proposal = "/api/v1/orgs/QN.DH/congress/allocation/proposal";
    let waiting = c.api(Method::GET, proposal, &district, None).await;
    assert_eq!(waiting.status, StatusCode::OK, "{}", waiting.body);
    let waiting = waiting.json();
    // C-DEL-2: awaiting its answer, no figure.
    assert_eq!(
        (waiting["awaiting"].clone(), waiting["rule"].clone(), waiting["rows"].clone(), waiting["total"].clone()),
        (json!("allocation_parameters"), json!("C-DEL-2"), json!([]), json!(null))
    );
    answer_parameters(&db).await;
    let p = c.api(Method::GET, proposal, &district, None).await.json();
    assert_eq!(p["awaiting"], json!(null));
    // The commune, 10 members: 1 + ⌊10/4⌋ + (2 ≥ 2: 1) = 4.
    assert_eq!((p["rows"][0]["organization"].clone(), p["rows"][0]["members"].clone()), (json!("QN.DH.QT"), json!(10)));
    assert_eq!(p["rows"][0]["seats"], 4);
    assert_eq!(p["rows"][0]["terms"][1], json!({"term": "per_members", "members": 10, "per": 4, "value": 2}));
    assert_eq!(p["rows"][0]["terms"][2], json!({"term": "remainder", "remainder": 2, "at_least": 2, "value": 1}));
    assert_eq!(
        c.api(Method::GET, &format!("{proposal}?round=1990-1995"), &district, None).await.status,
        StatusCode::NOT_FOUND
    );

    let put = "/api/v1/orgs/QN.DH/congress/allocation";
    let table = |total: u32, rows: serde_json::Value| {
        json!({"round": ROUND, "total": total, "decision": "Quyết định 30-QĐ/HU", "decided_on": "2026-11-30",
               "rows": rows})
    };
    let elected = json!([{"organization": "QN.DH.QT", "seats": 4, "mode": "elected"}]);
    let refusals = [
        (table(5, elected.clone()), "C-DEL-1"),
        (table(4, json!([{"organization": "QN.DH.QT", "seats": 4, "mode": "designated"}])), "C-DEL-8"),
        (
            table(
                5,
                json!([{"organization": "QN.DH.QT", "seats": 4, "mode": "elected"},
                            {"organization": "QN.TY.DN", "seats": 1, "mode": "elected"}]),
            ),
            "C-DEL-2",
        ),
        (
            table(
                5,
                json!([{"organization": "QN.DH.QT", "seats": 4, "mode": "elected"},
                            {"organization": "QN.DH.QT", "seats": 1, "mode": "elected"}]),
            ),
            "C-DEL-2",
        ),
    ];
    for (body, rule) in &refusals {
        let refused = c.api(Method::PUT, put, &district, Some(body)).await;
        assert_eq!(
            (refused.status, refused.json()["error"]["rule"].clone()),
            (StatusCode::UNPROCESSABLE_ENTITY, json!(rule)),
            "{}",
            refused.body
        );
    }
    let unknown = table(
        5,
        json!([{"organization": "QN.DH.QT", "seats": 4, "mode": "elected"},
                                  {"organization": "QN.XX", "seats": 1, "mode": "elected"}]),
    );
    assert_eq!(c.api(Method::PUT, put, &district, Some(&unknown)).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!decided(&db, "QN.DH").await);
    // C-DEL-3: the commune does not decide its seats above.
    let refused = c.api(Method::PUT, put, &commune, Some(&table(4, elected.clone()))).await;
    assert!(matches!(refused.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{}", refused.body);

    let done = c.api(Method::PUT, put, &district, Some(&table(4, elected))).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let done = done.json();
    assert_eq!((done["total"].clone(), done["elected"].clone()), (json!(4), json!(4)));
    let shown = c.api(Method::GET, put, &district, None).await.json();
    assert_eq!(shown["decided"]["rows"][0]["organization"], "QN.DH.QT");
    // C-DEL-3: the commune reads its seats at the district's congress.
    let own = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/congress/allocation", &commune, None).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    let own = own.json();
    assert_eq!(own["decided"], json!(null));
    assert_eq!(
        (own["seats_above"]["seats"].clone(), own["seats_above"]["convening"]["code"].clone()),
        (json!(4), json!("QN.DH"))
    );
    let mut office = app.signed_in("vp.qt").await;
    let page = office.get(&format!("/orgs/QN.DH.QT/congress?round={ROUND}")).await;
    assert!(page.body.contains("4 đại biểu dự đại hội Đảng bộ huyện Đầm Hà"), "{}", page.body);
    // The commune decides its own congress's table through the API.
    let own_table = json!({"round": ROUND, "total": 5, "decision": "Quyết định 15-QĐ/ĐU", "decided_on": "2026-11-30",
                           "rows": [{"organization": "QN.DH.QT.CB01", "seats": 2, "mode": "elected"},
                                    {"organization": "QN.DH.QT.CB02", "seats": 3, "mode": "designated",
                                     "decision": "Quyết định 16-QĐ/ĐU"}]});
    let put_own = "/api/v1/orgs/QN.DH.QT/congress/allocation";
    let decided_own = c.api(Method::PUT, put_own, &commune, Some(&own_table)).await;
    assert_eq!(decided_own.status, StatusCode::OK, "{}", decided_own.body);
    assert_eq!(decided_own.json()["designated"], 3);
}

daihoi_test_support::engines!(
    committee_by_the_page,
    committee_by_the_api,
    allocation_by_the_page,
    allocation_by_the_api
);
