//! The check-in of a delegate congress's sessions and the base of a vote
//! (issue 15 §7): a commune's delegate congress whose convening committee
//! (C-DEL-7, recorded by the district's office) and delegates (the
//! commune's office) are on the roll; check-in by the page (✓, "already",
//! C-DEL-9 excluded and C-DEL-7 not on the roll refused with 422), the base
//! with its subtractions (R-BASE-2), the same through the API; inspection
//! reads the base and may not check in (403).

use crate::support;

use axum::http::{Method, StatusCode};
use daihoi_congress::{
    CongressKind, Contents, ExclusionCase, ExclusionFact, Length, LevelClass, Position, Schedule, Seat, SeatSource,
};
use daihoi_core::Role;
use daihoi_core::members::CardNumber;
use daihoi_store::Db;
use daihoi_store::congresses::committees::NewSeat;
use daihoi_store::congresses::roll::NewDelegate;
use daihoi_store::congresses::{NewPlan, RoundTemplate};
use daihoi_test_support::fixtures::*;
use serde_json::json;
use support::{TestApp, location};
use time::macros::date;

const ROUND: &str = "2025-2030";
const CHECK_IN: &str = "/orgs/QN.DH.QT/congress/check-in";

/// The commune QN.DH.QT's delegate congress opening on 10/12/2026: three
/// committee members (ex officio, C-DEL-7), four elected delegates, one
/// more elected but prosecuted before the opening (C-DEL-9), an alternate;
/// 002110 is on no roll. Two sessions opened on the page.
pub(super) async fn setup(db: &Db) -> TestApp {
    small_tree(db).await;
    const PEOPLE: [(&str, &str, &str); 10] = [
        ("002101", "Nguyễn Văn An", "QN.DH.QT.CB01"),
        ("002102", "Trần Văn Bình", "QN.DH.QT.CB01"),
        ("002103", "Lê Văn Cường", "QN.DH.QT.CB01"),
        ("002104", "Phạm Văn Dũng", "QN.DH.QT.CB01"),
        ("002105", "Hoàng Văn Em", "QN.DH.QT.CB02"),
        ("002106", "Vũ Văn Phúc", "QN.DH.QT.CB02"),
        ("002107", "Đỗ Văn Giang", "QN.DH.QT.CB02"),
        ("002108", "Bùi Thị Hà", "QN.DH.QT.CB02"),
        ("002109", "Đặng Văn Ích", "QN.DH.QT.CB02"),
        ("002110", "Ngô Văn Khánh", "QN.DH.QT.CB02"),
    ];
    import(db, PEOPLE.iter().map(|(c, n, o)| member(c, n, o)).collect()).await;
    let app = TestApp::new(db);
    app.user("vp.dh", Role::Office, "QN.DH").await;
    app.user("vp.qt", Role::Office, "QN.DH.QT").await;
    app.user("kt.qt", Role::Inspection, "QN.DH.QT").await;
    let card = |c: &str| CardNumber::parse(c).unwrap();
    let today = date!(2026 - 12 - 31);
    let opening = date!(2026 - 12 - 10);
    let round = db
        .operator()
        .congresses()
        .create_round(ROUND, "Nhiệm kỳ 2025–2030", RoundTemplate::Term2025To2030, TODAY, "t")
        .await
        .unwrap();
    let qt = db.org_by_code(&code("QN.DH.QT"), today).await.unwrap().unwrap();
    let viewer = |login: &'static str| async move {
        let u = db.user_by_login(login).await.unwrap().unwrap();
        db.viewer(u).await.unwrap()
    };
    // C-DEL-7: the committee's seats, by the office above (the district's).
    let district = viewer("vp.dh").await;
    for (c, position) in [("002101", Position::Secretary), ("002102", Position::Member), ("002103", Position::Member)] {
        let seat =
            NewSeat { card: &card(c), position, from: TODAY, source: SeatSource::Election, reference: "312-QĐ/HU" };
        db.scoped(&district).congresses().record_seat(&qt, &seat, today, "t").await.unwrap();
    }
    let commune = viewer("vp.qt").await;
    let c = db.scoped(&commune);
    let plan = NewPlan {
        level: LevelClass::Commune,
        kind: CongressKind::DelegateCongress,
        contents: Contents::Full,
        model: false,
        planned: Schedule { opening, length: Length::days(2) },
        actual: None,
    };
    let congress = c.congresses().plan(&round, &qt, &plan, today, "t").await.unwrap();
    for (who, by) in [
        ("002104", "QN.DH.QT.CB01"),
        ("002105", "QN.DH.QT.CB02"),
        ("002106", "QN.DH.QT.CB02"),
        ("002107", "QN.DH.QT.CB02"),
        ("002109", "QN.DH.QT.CB02"),
    ] {
        let new = NewDelegate { card: &card(who), seat: Seat::Elected { by: by.into() } };
        c.congresses().add_delegate(&congress, &new, "t").await.unwrap();
    }
    let alternate = NewDelegate { card: &card("002108"), seat: Seat::Alternate { rank: 1 } };
    c.congresses().add_delegate(&congress, &alternate, "t").await.unwrap();
    let fact = ExclusionFact {
        person: "002109".into(),
        case: ExclusionCase::Prosecuted,
        effective: date!(2026 - 12 - 05),
        reference: "Quyết định khởi tố 15/QĐ".into(),
    };
    c.congresses().record_exclusion(&congress, &fact, "t").await.unwrap();
    app
}

/// Issue 15 §7 by the page: sessions opened, a card checked in (303 with
/// "✓ name (card)"), twice ("already"), C-DEL-9 and C-DEL-7 refused with
/// 422 and the input cleared; R-BASE-2's base with its subtractions.
async fn check_in_by_the_page(db: Db) {
    let app = setup(&db).await;
    let mut office = app.signed_in("vp.qt").await;
    // The congress page links the check-in for its office.
    let congress = office.get(&format!("/orgs/QN.DH.QT/congress?round={ROUND}")).await;
    assert!(congress.body.contains("check-in-link"), "{}", congress.body);
    // The committee today (C-DEL-7: it convenes the congress ex officio).
    for text in ["Nguyễn Văn An", "Bí thư", "312-QĐ/HU", "Được bầu"] {
        assert!(congress.body.contains(text), "{text}: {}", congress.body);
    }
    let empty = office.get(&format!("{CHECK_IN}?round={ROUND}")).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(!empty.body.contains("check-in-form") && empty.body.contains("session-form"));
    // A session without a name: 422, named.
    let unnamed = office
        .post_form("/orgs/QN.DH.QT/congress/sessions", &[("round", ROUND), ("name", " "), ("held_on", "2026-12-10")])
        .await;
    assert_eq!(unnamed.status, StatusCode::UNPROCESSABLE_ENTITY);
    for (n, name) in [(1, "Phiên trù bị"), (2, "Phiên chính thức")] {
        let opened = office
            .post_form(
                "/orgs/QN.DH.QT/congress/sessions",
                &[("round", ROUND), ("name", name), ("held_on", "2026-12-10")],
            )
            .await;
        assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);
        assert_eq!(location(&opened), format!("{CHECK_IN}?round={ROUND}&session={n}"));
    }
    let page = office.get(&format!("{CHECK_IN}?round={ROUND}&session=1")).await;
    assert!(page.body.contains("autofocus") && page.body.contains("Phiên chính thức"), "{}", page.body);
    let check =
        |session: &'static str, card: &'static str| vec![("round", ROUND), ("session", session), ("card", card)];
    for s in ["1", "2"] {
        for who in ["002101", "002103", "002104", "002106", "002108"] {
            let done = office.post_form(CHECK_IN, &check(s, who)).await;
            assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        }
    }
    let done = office.post_form(CHECK_IN, &check("2", "002107")).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let shown = office.get(&location(&done)).await;
    assert!(shown.body.contains("✓ Đỗ Văn Giang (002107)"), "{}", shown.body);
    // Twice: nothing written, said so.
    let again = office.post_form(CHECK_IN, &check("2", "002101")).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let shown = office.get(&location(&again)).await;
    assert!(shown.body.contains("Nguyễn Văn An (002101) đã điểm danh"), "{}", shown.body);
    // C-DEL-9: prosecuted before the opening, not convened.
    let excluded = office.post_form(CHECK_IN, &check("2", "002109")).await;
    assert_eq!(excluded.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(excluded.body.contains("C-DEL-9") && !excluded.body.contains("value=\"002109\""), "{}", excluded.body);
    // C-DEL-7: on no roll.
    let stranger = office.post_form(CHECK_IN, &check("2", "002110")).await;
    assert_eq!(stranger.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(stranger.body.contains("002110 không có trong danh sách triệu tập (C-DEL-7)"), "{}", stranger.body);
    // A card that is no member's, a number that is not a card.
    let unknown = office.post_form(CHECK_IN, &check("2", "009999")).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    let bad = office.post_form(CHECK_IN, &check("2", "abc")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Absences with their reasons (R-BASE-1): refused for someone checked
    // in, for a card on no roll (C-DEL-7) and in no session; 002102 absent
    // from both sessions with a reason accepted.
    let absence = |session: &'static str, card: &'static str| {
        vec![("round", ROUND), ("session", session), ("card", card), ("reason", "Ốm"), ("accepted", "1")]
    };
    let present = office.post_form("/orgs/QN.DH.QT/congress/absences", &absence("2", "002101")).await;
    assert_eq!(present.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(present.body.contains("R-BASE-1"), "{}", present.body);
    let nobody = office.post_form("/orgs/QN.DH.QT/congress/absences", &absence("2", "002110")).await;
    assert_eq!(nobody.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(nobody.body.contains("C-DEL-7"), "{}", nobody.body);
    let no_session = office.post_form("/orgs/QN.DH.QT/congress/absences", &absence("9", "002102")).await;
    assert_eq!(no_session.status, StatusCode::UNPROCESSABLE_ENTITY);
    for s in ["1", "2"] {
        let done = office.post_form("/orgs/QN.DH.QT/congress/absences", &absence(s, "002102")).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    }

    // R-BASE-2 in session 2: 7 official delegates convened (3 ex officio, 4
    // elected; 002109 excluded); 002102 (committee, absent with a reason)
    // and 002105 (elected) absent so far, each in its subtraction, by name.
    let page = office.get(&format!("{CHECK_IN}?round={ROUND}&session=2")).await;
    assert!(page.body.contains("R-BASE-2"), "{}", page.body);
    assert!(page.body.contains("Ủy viên cấp ủy triệu tập vắng mặt suốt đại hội"), "{}", page.body);
    assert!(page.body.contains("Trần Văn Bình (002102)"), "{}", page.body);
    assert!(page.body.contains("Hoàng Văn Em (002105)"), "{}", page.body);

    // Inspection may not use the check-in (403) nor check in; it reads the
    // roll: C-DEL-9's case with its document, the figures by seat.
    let mut inspection = app.signed_in("kt.qt").await;
    let roll = inspection.get(&format!("/orgs/QN.DH.QT/congress/roll?round={ROUND}")).await;
    assert_eq!(roll.status, StatusCode::OK);
    for text in ["Đặng Văn Ích", "bị khởi tố", "Quyết định khởi tố 15/QĐ", "Được bầu tại QN.DH.QT.CB02", "thứ tự 1"]
    {
        assert!(roll.body.contains(text), "{text}: {}", roll.body);
    }
    assert_eq!(inspection.get(&format!("{CHECK_IN}?round={ROUND}")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(inspection.post_form(CHECK_IN, &check("2", "002105")).await.status, StatusCode::FORBIDDEN);
    // An unknown round: 404.
    assert_eq!(office.get(&format!("{CHECK_IN}?round=1990-1995")).await.status, StatusCode::NOT_FOUND);

    // The roll's forms, for the office only. C-DEL-2: the commune does
    // not elect to its own congress (422, the input kept); C-DEL-8: a
    // designated delegate with its decision; C-DEL-9: a case recorded.
    let delegates = "/orgs/QN.DH.QT/congress/delegates";
    let own = [("round", ROUND), ("card", "002110"), ("seat", "elected"), ("by", "QN.DH.QT")];
    let refused = office.post_form(delegates, &own).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("C-DEL-2") && refused.body.contains("value=\"002110\""), "{}", refused.body);
    let designated = [("round", ROUND), ("card", "002110"), ("seat", "designated"), ("decision", "05-QĐ/HU")];
    assert_eq!(inspection.post_form(delegates, &designated).await.status, StatusCode::FORBIDDEN);
    let done = office.post_form(delegates, &designated).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let exclusion = [
        ("round", ROUND),
        ("card", "002106"),
        ("case", "indicted"),
        ("effective", "2026-12-01"),
        ("reference", "Cáo trạng 7/CT"),
    ];
    let done = office.post_form("/orgs/QN.DH.QT/congress/exclusions", &exclusion).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let roll = office.get(&location(&done)).await;
    for text in ["Đại biểu chỉ định (05-QĐ/HU)", "bị truy tố", "Cáo trạng 7/CT", "delegate-form"] {
        assert!(roll.body.contains(text), "{text}: {}", roll.body);
    }
}

/// The same through the API: a session, check-in (name, already), C-DEL-9
/// and an unknown card in the body (422), the base (R-BASE-2) read by
/// inspection, which may not check in (403); an unknown round in the query
/// is a 404.
async fn check_in_by_the_api(db: Db) {
    let app = setup(&db).await;
    let mut c = app.anonymous();
    let (_, office) = app.token("vp.qt").await;
    let (_, inspection) = app.token("kt.qt").await;
    let sessions = "/api/v1/orgs/QN.DH.QT/congress/sessions";
    let check_in = "/api/v1/orgs/QN.DH.QT/congress/check-in";
    let session = json!({"round": ROUND, "name": "Phiên trù bị", "held_on": "2026-12-10"});
    let refused = c.api(Method::POST, sessions, &inspection, Some(&session)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let opened = c.api(Method::POST, sessions, &office, Some(&session)).await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    assert_eq!(opened.json()["number"], 1);
    let card = |card: &str| json!({"round": ROUND, "session": 1, "card": card});
    let done = c.api(Method::POST, check_in, &office, Some(&card("002104"))).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(done.json(), json!({"card": "002104", "name": "Phạm Văn Dũng", "already": false}));
    let again = c.api(Method::POST, check_in, &office, Some(&card("002104"))).await.json();
    assert_eq!(again["already"], true);
    // The session as an integral JSON float, as JSON Schema allows.
    let float = json!({"round": ROUND, "session": 1.0, "card": "002104"});
    let float = c.api(Method::POST, check_in, &office, Some(&float)).await;
    assert_eq!((float.status, float.json()["already"].clone()), (StatusCode::OK, json!(true)), "{}", float.body);
    // C-DEL-9, in the envelope.
    let excluded = c.api(Method::POST, check_in, &office, Some(&card("002109"))).await;
    assert_eq!(excluded.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(excluded.body.contains("C-DEL-9"), "{}", excluded.body);
    // A card that is no member's, in the body: 422, not 404.
    let unknown = c.api(Method::POST, check_in, &office, Some(&card("009999"))).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", unknown.body);
    let forbidden = c.api(Method::POST, check_in, &inspection, Some(&card("002101"))).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);

    // An absence: recorded (R-BASE-1), refused once checked in, 422 for a
    // card on no roll (C-DEL-7).
    let absences = "/api/v1/orgs/QN.DH.QT/congress/absences";
    let absent = |card: &str| json!({"round": ROUND, "session": 1, "card": card, "reason": "Ốm", "accepted": true});
    let done = c.api(Method::POST, absences, &office, Some(&absent("002102"))).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let present = c.api(Method::POST, absences, &office, Some(&absent("002104"))).await;
    assert_eq!(present.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(present.body.contains("R-BASE-1"), "{}", present.body);
    let nobody = c.api(Method::POST, absences, &office, Some(&absent("002110"))).await;
    assert_eq!(nobody.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(nobody.body.contains("C-DEL-7"), "{}", nobody.body);
    let refused = c.api(Method::POST, absences, &inspection, Some(&absent("002103"))).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // The roll, read by inspection: C-DEL-9's case; 3 ex officio, 4
    // elected (+1 not convened), 1 alternate.
    let roll = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/congress/roll", &inspection, None).await;
    assert_eq!(roll.status, StatusCode::OK, "{}", roll.body);
    let roll = roll.json();
    let excluded = roll["lines"].as_array().unwrap().iter().find(|l| l["card"] == "002109").cloned().unwrap();
    assert_eq!((excluded["status"].as_str(), excluded["case"].as_str()), (Some("not_convened"), Some("prosecuted")));
    let f = &roll["credentials"];
    assert_eq!(
        (f["ex_officio"].as_u64(), f["elected"].as_u64(), f["alternates"].as_u64()),
        (Some(3), Some(4), Some(1))
    );
    assert_eq!(f["not_convened"], 1);

    // The committee today (C-DEL-7), read by inspection.
    let committee = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/committee", &inspection, None).await;
    assert_eq!(committee.status, StatusCode::OK, "{}", committee.body);
    let committee = committee.json();
    assert_eq!(committee.as_array().map(Vec::len), Some(3), "{committee}");
    assert_eq!((committee[0]["card"].as_str(), committee[0]["position"].as_str()), (Some("002101"), Some("secretary")));

    // R-BASE-2: 7 convened, 1 present; the absences so far subtracted.
    let base = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/congress/base?session=1", &inspection, None).await;
    assert_eq!(base.status, StatusCode::OK, "{}", base.body);
    let base = base.json();
    assert_eq!(
        (base["rule"].as_str(), base["convened"].as_u64(), base["present"].as_u64()),
        (Some("R-BASE-2"), Some(7), Some(1))
    );
    assert!(base["subtractions"].as_array().is_some_and(|s| !s.is_empty()), "{base}");
    // The roll's writes: C-DEL-10, a rank twice; an organization and a
    // card in the body that do not exist: 422; inspection: 403.
    let delegates = "/api/v1/orgs/QN.DH.QT/congress/delegates";
    let alternate = json!({"round": ROUND, "card": "002110", "seat": "alternate", "rank": 1});
    let twice = c.api(Method::POST, delegates, &office, Some(&alternate)).await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice.body.contains("C-DEL-10"), "{}", twice.body);
    let nowhere = json!({"round": ROUND, "card": "002110", "seat": "elected", "elected_by": "QN.DH.ZZ"});
    assert_eq!(c.api(Method::POST, delegates, &office, Some(&nowhere)).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    let second = json!({"round": ROUND, "card": "002110", "seat": "alternate", "rank": 2});
    assert_eq!(c.api(Method::POST, delegates, &inspection, Some(&second)).await.status, StatusCode::FORBIDDEN);
    let done = c.api(Method::POST, delegates, &office, Some(&second)).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let exclusions = "/api/v1/orgs/QN.DH.QT/congress/exclusions";
    let fact = |card: &str| json!({"round": ROUND, "card": card, "case": "retiring", "effective": "2026-12-01", "reference": "01-QĐ"});
    let unknown = c.api(Method::POST, exclusions, &office, Some(&fact("009999"))).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", unknown.body);
    let done = c.api(Method::POST, exclusions, &office, Some(&fact("002101"))).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);

    let unknown_round =
        c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/congress/base?session=1&round=1990-1995", &office, None).await;
    assert_eq!(unknown_round.status, StatusCode::NOT_FOUND);
}

/// C-DEL-10 on the check-in page and in the API: the replacement order is
/// [open], so a replacement is refused until it is answered (never
/// guessed); then the next alternate by rank is proposed, the presidium's
/// replacement of a delegate absent throughout is recorded (who decided,
/// the minutes), shown, and that delegate is not checked in afterwards.
/// R-BASE-2: a delegate present in a session is not replaced.
async fn alternates_replace_absent_delegates(db: Db) {
    let app = setup(&db).await;
    let mut office = app.signed_in("vp.qt").await;
    let opened = office
        .post_form(
            "/orgs/QN.DH.QT/congress/sessions",
            &[("round", ROUND), ("name", "Phiên trù bị"), ("held_on", "2026-12-10")],
        )
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);
    let checked = office.post_form(CHECK_IN, &[("round", ROUND), ("session", "1"), ("card", "002101")]).await;
    assert_eq!(checked.status, StatusCode::SEE_OTHER, "{}", checked.body);
    let page = office.get(&format!("{CHECK_IN}?round={ROUND}")).await;
    assert!(page.body.contains("id=\"replacement-form\""), "{}", page.body);
    assert!(
        page.body.contains("Thứ tự đại biểu dự khuyết thay thế đại biểu chính thức vắng mặt"),
        "awaiting the answer: {}",
        page.body
    );
    let replacement = |absent: &'static str| {
        vec![
            ("round", ROUND),
            ("session", "1"),
            ("absent", absent),
            ("alternate", "002108"),
            ("decided_by", "Đoàn Chủ tịch"),
            ("reference", "Biên bản phiên trù bị"),
        ]
    };
    let waiting = office.post_form("/orgs/QN.DH.QT/congress/replacements", &replacement("002105")).await;
    assert_eq!(waiting.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(waiting.body.contains("C-DEL-10") && waiting.body.contains("Biên bản phiên trù bị"), "{}", waiting.body);
    // The root's answer: by rank.
    let round = db.operator().congresses().round(ROUND).await.unwrap().unwrap();
    db.operator()
        .congresses()
        .answer(
            &round,
            daihoi_congress::OpenQuestion::AlternatesReplacementOrder,
            &daihoi_congress::Scope::Round,
            daihoi_congress::AnswerValue::ReplacementOrder(daihoi_congress::ReplacementOrder::ByRank),
            TODAY,
            "Quy chế bầu cử của Đại hội",
            TODAY,
            "t",
        )
        .await
        .unwrap();
    let page = office.get(&format!("{CHECK_IN}?round={ROUND}")).await;
    assert!(page.body.contains("Theo thứ tự, người dự khuyết tiếp theo: Bùi Thị Hà (002108)."), "{}", page.body);
    assert!(page.body.contains("name=\"alternate\" value=\"002108\""), "{}", page.body);
    // R-BASE-2: 002101 was checked in: not absent throughout.
    let present = office.post_form("/orgs/QN.DH.QT/congress/replacements", &replacement("002101")).await;
    assert_eq!(present.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(present.body.contains("R-BASE-2"), "{}", present.body);
    let done = office.post_form("/orgs/QN.DH.QT/congress/replacements", &replacement("002105")).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = office.get(&format!("{CHECK_IN}?round={ROUND}")).await;
    assert!(
        page.body.contains("Bùi Thị Hà (002108) thay Hoàng Văn Em (002105) (Đoàn Chủ tịch, Biên bản phiên trù bị)"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Không còn đại biểu dự khuyết nào."), "{}", page.body);
    // C-DEL-10: the delegate replaced is not checked in afterwards.
    let late = office.post_form(CHECK_IN, &[("round", ROUND), ("session", "1"), ("card", "002105")]).await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(late.body.contains("C-DEL-10"), "{}", late.body);
    // The API: the replacement listed; again refused (R-BASE-2, once);
    // inspection reads and may not record (403).
    let mut c = app.anonymous();
    let (_, token) = app.token("vp.qt").await;
    let (_, inspection) = app.token("kt.qt").await;
    let listed = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/congress/replacements", &inspection, None).await;
    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(
        listed.json(),
        json!([{"absent": "002105", "alternate": "002108", "decided_by": "Đoàn Chủ tịch",
                "reference": "Biên bản phiên trù bị"}])
    );
    let body = json!({"round": ROUND, "absent": "002107", "alternate": "002108", "decided_by": "Đoàn Chủ tịch",
                      "reference": "Biên bản"});
    let twice = c.api(Method::POST, "/api/v1/orgs/QN.DH.QT/congress/replacements", &token, Some(&body)).await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", twice.body);
    let forbidden = c.api(Method::POST, "/api/v1/orgs/QN.DH.QT/congress/replacements", &inspection, Some(&body)).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
}

daihoi_test_support::engines!(check_in_by_the_page, check_in_by_the_api, alternates_replace_absent_delegates);
