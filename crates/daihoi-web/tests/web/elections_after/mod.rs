//! After the count (issue 16 §4), through the API and the pages:
//! QN.DH.QT's member congress, its committee election counted; the
//! results provisional until the district's office records the approval
//! (R-AFTER-1), refused before the count is finished and to anyone else;
//! complaints (R-AFTER-2) and the ballots kept (R-AFTER-4); the
//! secretary's election stopped when the planned secretary is not elected
//! (R-RANK-4, C-PER-13).

use axum::http::{Method, StatusCode};
use daihoi_congress::{CongressKind, Contents, Length, LevelClass, Schedule};
use daihoi_core::members::CardNumber;
use daihoi_election::{Body, Flags, Marks};
use daihoi_store::Db;
use daihoi_store::accounts::Login;
use daihoi_store::congresses::Congress;
use daihoi_store::elections::{Duty, NewEntry};
use daihoi_test_support::fixtures::{code, import, member, small_tree};
use serde_json::json;
use time::macros::date;

use crate::support::{PASSWORD, Page, TestApp};

const ROUND: &str = "2025-2030";
const API: &str = "/api/v1/orgs/QN.DH.QT/congress";
const PAGES: &str = "/orgs/QN.DH.QT/congress";

const PEOPLE: [(&str, &str, &str); 6] = [
    ("006101", "Nguyễn Văn An", "QN.DH.QT.CB01"),
    ("006102", "Trần Văn Bình", "QN.DH.QT.CB01"),
    ("006103", "Lê Văn Cường", "QN.DH.QT.CB01"),
    ("006104", "Phạm Văn Dũng", "QN.DH.QT.CB02"),
    ("006105", "Hoàng Văn Em", "QN.DH.QT.CB02"),
    ("006106", "Bùi Thị Hà", "QN.DH.QT.CB02"),
];

fn ok(page: &Page) -> serde_json::Value {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.json()
}

/// The commune's office and inspection, the district's office (the office
/// above), the congress with its six members checked in, and election 1
/// (the committee: An, Bình, Cường, Dũng for three seats) with its six
/// ballots entered twice, Dũng struck on each; its count closed if `close`.
async fn setup(db: &Db, close: bool) -> (TestApp, Congress) {
    small_tree(db).await;
    import(db, PEOPLE.iter().map(|(c, n, o)| member(c, n, o)).collect()).await;
    let app = TestApp::new(db);
    app.user("vp.qt", daihoi_core::Role::Office, "QN.DH.QT").await;
    app.user("kt.qt", daihoi_core::Role::Inspection, "QN.DH.QT").await;
    app.user("vp.dh", daihoi_core::Role::Office, "QN.DH").await;
    let today = date!(2025 - 12 - 01);
    let c = db.operator();
    let round = c
        .congresses()
        .create_round(ROUND, "Nhiệm kỳ 2025–2030", daihoi_store::congresses::RoundTemplate::Term2025To2030, today, "t")
        .await
        .unwrap();
    let node = db.org_by_code(&code("QN.DH.QT"), today).await.unwrap().unwrap();
    let plan = daihoi_store::congresses::NewPlan {
        level: LevelClass::Commune,
        kind: CongressKind::MemberCongress,
        contents: Contents::Full,
        model: false,
        planned: Schedule { opening: date!(2025 - 08 - 20), length: Length::days(2) },
        actual: None,
    };
    let congress = c.congresses().plan(&round, &node, &plan, today, "t").await.unwrap();
    let session = c.congresses().open_session(&congress, "Phiên chính thức", date!(2025 - 08 - 20), "t").await.unwrap();
    for (card, _, _) in PEOPLE {
        c.congresses().check_in(&round, &congress, session, &CardNumber::parse(card).unwrap(), "t").await.unwrap();
    }
    // R-RANK-4: Hà is planned for secretary, and is not on the list.
    c.elections()
        .plan_leader(&congress, daihoi_store::elections::after::Post::Secretary, "Bùi Thị Hà", "t")
        .await
        .unwrap();
    let e = c.elections();
    let n = e.create(&congress, Body::Committee, 3, "Bầu Ban Chấp hành", "t").await.unwrap();
    for (card, name, _) in &PEOPLE[..4] {
        e.add_candidate(&congress, n, name, Some(&CardNumber::parse(card).unwrap()), None, "t").await.unwrap();
    }
    e.adopt_list(&congress, n, "t").await.unwrap();
    let mut clerks = Vec::new();
    for (login, duty) in [("nhap.1", Duty::Entry1), ("nhap.2", Duty::Entry2), ("ban.kp", Duty::Board)] {
        let u = c.accounts().create_user(&Login::parse(login).unwrap(), login, PASSWORD, None, "t").await.unwrap();
        e.assign(&congress, n, login, duty, "t").await.unwrap();
        clerks.push(db.viewer(u).await.unwrap());
    }
    e.issue_ballots(&round, &congress, n, 6, session, "t").await.unwrap();
    for b in 1..=6 {
        let entry = NewEntry {
            ballot: b,
            marks: Marks::CrossingOut(vec![true, true, true, false]),
            flags: Flags::default(),
            replace: false,
        };
        for k in &clerks[..2] {
            db.scoped(k).elections().enter(&congress, n, 1, &entry, "t").await.unwrap();
        }
    }
    if close {
        db.scoped(&clerks[2]).elections().close(&congress, n, 1, "t").await.unwrap();
    }
    (app, congress)
}

/// R-AFTER-1: approval refused before the count is finished.
async fn no_approval_before_the_count_is_finished(db: Db) {
    let (app, _) = setup(&db, false).await;
    let (_, above) = app.token("vp.dh").await;
    let mut c = app.anonymous();
    let after = ok(&c.api(Method::GET, &format!("{API}/elections/1/after?round={ROUND}"), &above, None).await);
    assert_eq!(after["standing"], "counting");
    let body = json!({"round": ROUND, "outcome": "approved", "decided_by": "Ban Thường vụ Huyện ủy",
                      "decided_on": "2025-09-01", "reference": "215-QĐ/HU"});
    let refused = c.api(Method::POST, &format!("{API}/elections/1/after/outcome"), &above, Some(&body)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(refused.json()["error"]["rule"], "R-AFTER-1");
}

/// R-AFTER-1, R-AFTER-2, R-AFTER-4, R-RANK-4 through the API.
async fn after_the_count_through_the_api(db: Db) {
    let (app, _) = setup(&db, true).await;
    let (_, office) = app.token("vp.qt").await;
    let (_, inspection) = app.token("kt.qt").await;
    let (_, above) = app.token("vp.dh").await;
    let mut c = app.anonymous();
    let one = format!("{API}/elections/1/after");
    let after = ok(&c.api(Method::GET, &format!("{one}?round={ROUND}"), &inspection, None).await);
    assert_eq!(after["standing"], "provisional", "R-AFTER-1: {after}");
    assert_eq!(after["elected"].as_array().unwrap().len(), 3);
    // Opening Wednesday 20/8/2025, two days: closing 21/8; 15 working days
    // later, Monday to Friday: 11/9/2025 (holidays not deducted).
    assert_eq!(
        (after["closing_day"].as_str(), after["complaints_until"].as_str()),
        (Some("2025-08-21"), Some("2025-09-11"))
    );
    assert_eq!(after["complaints_until_awaits_calendar"], 2025, "2025's calendar is not confirmed: {after}");

    // Only the office above approves.
    let body = json!({"round": ROUND, "outcome": "approved", "decided_by": "Ban Thường vụ Huyện ủy",
                      "decided_on": "2025-09-01", "reference": "215-QĐ/HU", "refused": ["Lê Văn Cường"]});
    for t in [&office, &inspection] {
        let no = c.api(Method::POST, &format!("{one}/outcome"), t, Some(&body)).await;
        assert_eq!(no.status, StatusCode::FORBIDDEN, "{}", no.body);
    }
    let after = ok(&c.api(Method::POST, &format!("{one}/outcome"), &above, Some(&body)).await);
    assert_eq!(after["standing"], "approved");
    assert_eq!(after["outcome"]["refused"], json!(["Lê Văn Cường"]));
    let seated = after["seating"].as_array().unwrap().iter().filter(|l| l["seating"] == "seated").count();
    assert_eq!(seated, 2, "{after}");
    // The same again: the same answer, nothing more.
    let again = ok(&c.api(Method::POST, &format!("{one}/outcome"), &above, Some(&body)).await);
    assert_eq!(again["seating"], after["seating"]);

    // R-AFTER-2: a complaint; R-AFTER-4: destruction refused while it is open.
    let complaint = json!({"round": ROUND, "received_on": "2025-08-25", "from": "Đảng viên thôn Đồng Tâm",
                           "summary": "Khiếu nại về kiểm phiếu", "sent_on": "2025-08-26"});
    let after = ok(&c.api(Method::POST, &format!("{one}/complaints"), &office, Some(&complaint)).await);
    assert_eq!(after["complaints"][0]["late"], false);
    let seal = json!({"round": ROUND, "sealed_on": "2025-08-21", "held_by": "Văn phòng Đảng ủy", "kept_at": "Tủ số 2"});
    let after = ok(&c.api(Method::POST, &format!("{one}/sealing"), &office, Some(&seal)).await);
    assert_eq!(after["ballots"]["keep_until"], "2026-02-21");
    let destroy = |on: &str| json!({"round": ROUND, "decided_by": "Ban Thường vụ Đảng ủy", "decided_on": on, "reference": "5-QĐ/ĐU"});
    let early = c.api(Method::POST, &format!("{one}/destruction"), &office, Some(&destroy("2026-02-20"))).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", early.body);
    assert_eq!(early.json()["error"]["rule"], "R-AFTER-4");
    let open = c.api(Method::POST, &format!("{one}/destruction"), &office, Some(&destroy("2026-03-02"))).await;
    assert_eq!(open.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", open.body);
    // Who settled it is a text like any other (TEXT-1): a control character is refused.
    let control = json!({"round": ROUND, "decided_by": "Ủy ban\u{9b}", "decided_on": "2025-10-01",
                         "reference": "12-KL/UBKT"});
    let refused = c.api(Method::POST, &format!("{one}/complaints/1/settled"), &office, Some(&control)).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    let settled = json!({"round": ROUND, "decided_by": "Ủy ban Kiểm tra Huyện ủy", "decided_on": "2025-10-01",
                         "reference": "12-KL/UBKT"});
    ok(&c.api(Method::POST, &format!("{one}/complaints/1/settled"), &office, Some(&settled)).await);
    let after = ok(&c.api(Method::POST, &format!("{one}/destruction"), &office, Some(&destroy("2026-03-02"))).await);
    assert_eq!(after["ballots"]["destroyed_on"], "2026-03-02");

    // R-RANK-4: Hà planned, not elected to the committee: the secretary's
    // election is refused until the office above records the direction.
    let leaders = ok(&c.api(Method::GET, &format!("{API}/planned-leaders?round={ROUND}"), &inspection, None).await);
    assert_eq!(leaders["leaders"][0]["stopped"], true, "{leaders}");
    let create = json!({"round": ROUND, "body": "secretary", "seats": 1, "title": "Bầu Bí thư"});
    let stopped = c.api(Method::POST, &format!("{API}/elections"), &office, Some(&create)).await;
    assert_eq!(stopped.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", stopped.body);
    assert_eq!(stopped.json()["error"]["rule"], "R-RANK-4");
    let direction = json!({"round": ROUND, "post": "secretary", "decided_by": "Ban Thường vụ Huyện ủy",
                           "decided_on": "2025-08-21", "reference": "30-CV/HU",
                           "direction": "Giới thiệu đồng chí Nguyễn Văn An"});
    let no = c.api(Method::POST, &format!("{API}/planned-leaders/direction"), &office, Some(&direction)).await;
    assert_eq!(no.status, StatusCode::FORBIDDEN, "{}", no.body);
    let leaders = ok(&c.api(Method::POST, &format!("{API}/planned-leaders/direction"), &above, Some(&direction)).await);
    assert_eq!(leaders["leaders"][0]["stopped"], false);
    ok(&c.api(Method::POST, &format!("{API}/elections"), &office, Some(&create)).await);
}

/// The pages: provisional on the election's page and the page after the
/// count; the office above's form records the approval; the planned
/// leaders' page shows the stopped election (R-RANK-4).
async fn the_pages_after_the_count(db: Db) {
    let (app, _) = setup(&db, true).await;
    let mut office = app.signed_in("vp.qt").await;
    let page = office.get(&format!("{PAGES}/elections/1?round={ROUND}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Kết quả tạm thời, chờ cấp trên chuẩn y"), "R-AFTER-1: {}", page.body);
    let after = format!("{PAGES}/elections/1/after");
    let page = office.get(&format!("{after}?round={ROUND}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("chưa trừ ngày lễ"), "R-AFTER-2: {}", page.body);
    assert!(!page.body.contains("id=\"outcome-form\""), "not the office above: {}", page.body);
    let approve = [
        ("round", ROUND),
        ("outcome", "approved"),
        ("approved_by", "Ban Thường vụ Huyện ủy"),
        ("on", "2025-09-01"),
        ("reference", "215-QĐ/HU"),
        ("refused", ""),
    ];
    let no = office.post_form(&format!("{after}/outcome"), &approve).await;
    assert_eq!(no.status, StatusCode::FORBIDDEN);
    let mut above = app.signed_in("vp.dh").await;
    let page = above.get(&format!("{after}?round={ROUND}")).await;
    assert!(page.body.contains("id=\"outcome-form\""), "{}", page.body);
    let p = above.post_form(&format!("{after}/outcome"), &approve).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let page = above.get(&crate::support::location(&p)).await;
    assert!(page.body.contains("Kết quả đã được cấp trên chuẩn y") && page.body.contains("215-QĐ/HU"), "{}", page.body);
    // A complaint with no date is refused in words.
    let p = office.post_form(&format!("{after}/complaints"), &[("round", ROUND), ("on", ""), ("from", "A")]).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    // R-RANK-4 on the planned leaders' page, in English too.
    let page = office.get(&format!("{PAGES}/planned-leaders?round={ROUND}&lang=en")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Bùi Thị Hà (planned) is not elected"), "{}", page.body);
}

daihoi_test_support::engines!(
    no_approval_before_the_count_is_finished,
    after_the_count_through_the_api,
    the_pages_after_the_count
);
