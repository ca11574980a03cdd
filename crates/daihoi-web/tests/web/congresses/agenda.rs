//! The programme of a congress, its bodies and votes by show of hands
//! (issue 15 §8; C-PLAN-8, C-PLAN-6, R-BODY-2), on the page and through the
//! API: the default programme filled, an item added and marked done,
//! members from the roll, votes with the number present, the warning when
//! the declaration disagrees with a simple majority of those present;
//! refused forms keep what was typed, name every problem and write
//! nothing; inspection and another organization's office may not write.

use crate::support;

use axum::http::{Method, StatusCode};
use daihoi_congress::{CongressKind, Contents, Length, LevelClass, Schedule};
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_store::congresses::{NewPlan, RoundTemplate};
use daihoi_test_support::fixtures::*;
use serde_json::json;
use support::{TestApp, location};
use time::macros::date;

const ROUND: &str = "2025-2030";
const PAGE: &str = "/orgs/QN.DH.QT/congress/agenda";

async fn entries(db: &Db) -> i64 {
    db.audit_checkpoint().await.unwrap().map_or(0, |c| c.last_id)
}

/// The commune QN.DH.QT's member congress opening on 10/12/2026, with
/// three members; a member of Đông Ngũ (another commune) too.
async fn setup(db: &Db) -> TestApp {
    small_tree(db).await;
    import(
        db,
        vec![
            member("004101", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("004102", "Trần Thị Bình", "QN.DH.QT.CB02"),
            member("004103", "Lê Văn Cường", "QN.DH.QT.CB02"),
            member("004201", "Phạm Văn Dũng", "QN.TY.DN.CB01"),
        ],
    )
    .await;
    let app = TestApp::new(db);
    app.user("vp.qt", Role::Office, "QN.DH.QT").await;
    app.user("kt.qt", Role::Inspection, "QN.DH.QT").await;
    app.user("vp.cb2", Role::Office, "QN.DH.QT.CB02").await;
    app.user("vp.dn", Role::Office, "QN.TY.DN.CB01").await;
    let today = date!(2026 - 12 - 31);
    let round = db
        .operator()
        .congresses()
        .create_round(ROUND, "Nhiệm kỳ 2025–2030", RoundTemplate::Term2025To2030, TODAY, "t")
        .await
        .unwrap();
    let qt = db.org_by_code(&code("QN.DH.QT"), today).await.unwrap().unwrap();
    let plan = NewPlan {
        level: LevelClass::Commune,
        kind: CongressKind::MemberCongress,
        contents: Contents::Full,
        model: false,
        planned: Schedule { opening: date!(2026 - 12 - 10), length: Length::days(2) },
        actual: None,
    };
    db.operator().congresses().plan(&round, &qt, &plan, today, "t").await.unwrap();
    app
}

/// Issue 15 §8 by the page.
async fn the_programme_by_the_page(db: Db) {
    let app = setup(&db).await;
    let mut office = app.signed_in("vp.qt").await;
    // The congress page links the programme.
    let congress = office.get(&format!("/orgs/QN.DH.QT/congress?round={ROUND}")).await;
    assert!(congress.body.contains("agenda-link"), "{}", congress.body);
    let empty = office.get(&format!("{PAGE}?round={ROUND}")).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("Chưa mở phiên nào"), "{}", empty.body);

    // C-PLAN-8, C-PLAN-6: the default programme, in two sessions.
    let filled = office.post_form(&format!("{PAGE}/items"), &[("round", ROUND), ("fill", "1")]).await;
    assert_eq!(filled.status, StatusCode::SEE_OTHER, "{}", filled.body);
    let page = office.get(&location(&filled)).await;
    for text in [
        "Phiên trù bị",
        "Bầu Đoàn Chủ tịch",
        "Thông qua quy chế làm việc",
        "Bầu Ban Kiểm phiếu",
        "Bầu đoàn đại biểu dự đại hội cấp trên",
    ] {
        assert!(page.body.contains(text), "{text}: {}", page.body);
    }
    // An item without a title: refused, the session kept, nothing written.
    let before = entries(&db).await;
    let refused = office
        .post_form(&format!("{PAGE}/items"), &[("round", ROUND), ("session", "preparatory"), ("title", " ")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("role=\"alert\""), "{}", refused.body);
    assert!(refused.body.contains("<option value=\"preparatory\" selected>"), "{}", refused.body);
    assert_eq!(entries(&db).await, before, "a refused item writes nothing");
    let added = office
        .post_form(&format!("{PAGE}/items"), &[("round", ROUND), ("session", "official"), ("title", "Bế mạc")])
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let done = office.post_form(&format!("{PAGE}/items/1"), &[("round", ROUND), ("done", "1")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = office.get(&location(&done)).await;
    assert!(page.body.contains("Bế mạc") && page.body.contains("class=\"done\""), "{}", page.body);

    // Issue 15 §8: the office moves "Bế mạc" (item 12, last of the official
    // session) one place earlier and removes it; an item done stays
    // (C-PLAN-6), refused in words; the first item has no "earlier" button.
    assert!(page.body.contains("action=\"/orgs/QN.DH.QT/congress/agenda/items/12/move\""), "{}", page.body);
    let forms_of_1: Vec<&str> =
        page.body.match_indices("agenda/items/1/move\"").map(|(k, _)| &page.body[k..k + 400]).collect();
    assert_eq!(forms_of_1.len(), 1, "item 1 moves only later");
    assert!(forms_of_1[0].contains("value=\"later\""), "{}", forms_of_1[0]);
    let moved = office.post_form(&format!("{PAGE}/items/12/move"), &[("round", ROUND), ("to", "earlier")]).await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    let page = office.get(&location(&moved)).await;
    let (eleven, twelve) = (page.body.find("id=\"item-11\"").unwrap(), page.body.find("id=\"item-12\"").unwrap());
    assert!(twelve < eleven, "item 12 now before item 11");
    let kept = office.post_form(&format!("{PAGE}/items/1/remove"), &[("round", ROUND)]).await;
    assert_eq!(kept.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(kept.body.contains("C-PLAN-6") && kept.body.contains("role=\"alert\""), "{}", kept.body);
    let removed = office.post_form(&format!("{PAGE}/items/12/remove"), &[("round", ROUND)]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    let page = office.get(&location(&removed)).await;
    assert!(!page.body.contains("Bế mạc") && !page.body.contains("id=\"item-12\""), "{}", page.body);

    // R-BODY-2: a member from the roll; another commune's member refused
    // with the card kept; an unknown card named.
    let members = format!("{PAGE}/bodies/presidium/members");
    let ok = office.post_form(&members, &[("round", ROUND), ("card", "004101")]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let mid = entries(&db).await;
    let stranger = office.post_form(&members, &[("round", ROUND), ("card", "004201")]).await;
    assert_eq!(stranger.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(stranger.body.contains("R-BODY-2") && stranger.body.contains("value=\"004201\""), "{}", stranger.body);
    let unknown = office.post_form(&members, &[("round", ROUND), ("card", "009999")]).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("009999"), "{}", unknown.body);
    assert_eq!(
        office.post_form(&format!("{PAGE}/bodies/choir/members"), &[("round", ROUND), ("card", "004101")]).await.status,
        StatusCode::NOT_FOUND
    );

    // R-BODY-2: a vote with every problem named and what was typed kept.
    let votes = format!("{PAGE}/votes");
    let bad = office
        .post_form(
            &votes,
            &[
                ("round", ROUND),
                ("on", "body:presidium"),
                ("for", "x"),
                ("against", ""),
                ("abstaining", "0"),
                ("present", "3"),
                ("declared", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.body.matches("role=\"alert\"").count(), 3, "{}", bad.body);
    assert!(
        bad.body.contains("value=\"x\"") && bad.body.contains("<details class=\"hand-vote\" open>"),
        "{}",
        bad.body
    );
    let over = office
        .post_form(
            &votes,
            &[
                ("round", ROUND),
                ("on", "body:presidium"),
                ("for", "3"),
                ("against", "1"),
                ("abstaining", "0"),
                ("present", "3"),
                ("declared", "adopted"),
            ],
        )
        .await;
    assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(over.body.contains("R-BODY-2: 4"), "{}", over.body);
    assert_eq!(entries(&db).await, mid, "refusals write nothing");
    // Declared adopted with 1 of 3 for: recorded, with the warning.
    let warned = office
        .post_form(
            &votes,
            &[
                ("round", ROUND),
                ("on", "body:presidium"),
                ("for", "1"),
                ("against", "2"),
                ("abstaining", "0"),
                ("present", "3"),
                ("declared", "adopted"),
            ],
        )
        .await;
    assert_eq!(warned.status, StatusCode::SEE_OTHER, "{}", warned.body);
    let page = office.get(&location(&warned)).await;
    assert!(page.body.contains("1 trên 3 tán thành không quá một nửa"), "{}", page.body);

    // Inspection reads and may not write; another cell's office neither.
    let mut inspection = app.signed_in("kt.qt").await;
    assert_eq!(inspection.get(&format!("{PAGE}?round={ROUND}")).await.status, StatusCode::OK);
    let fill = [("round", ROUND), ("fill", "1")];
    assert_eq!(inspection.post_form(&format!("{PAGE}/items"), &fill).await.status, StatusCode::FORBIDDEN);
    let mut cell = app.signed_in("vp.cb2").await;
    assert_eq!(cell.post_form(&format!("{PAGE}/items"), &fill).await.status, StatusCode::FORBIDDEN);
    assert_eq!(cell.post_form(&members, &[("round", ROUND), ("card", "004102")]).await.status, StatusCode::FORBIDDEN);
    let mut other = app.signed_in("vp.dn").await;
    assert!(matches!(
        other.get(&format!("{PAGE}?round={ROUND}")).await.status,
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ));
}

/// Issue 15 §8 through the API; a session open gives the number present.
async fn the_programme_by_the_api(db: Db) {
    let app = setup(&db).await;
    let mut c = app.anonymous();
    let (_, office) = app.token("vp.qt").await;
    let (_, inspection) = app.token("kt.qt").await;
    let (_, cell) = app.token("vp.cb2").await;
    let api = "/api/v1/orgs/QN.DH.QT/congress/agenda";
    let fill = json!({"round": ROUND, "fill_default": true});
    assert_eq!(
        c.api(Method::POST, &format!("{api}/items"), &inspection, Some(&fill)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(c.api(Method::POST, &format!("{api}/items"), &cell, Some(&fill)).await.status, StatusCode::FORBIDDEN);
    let filled = c.api(Method::POST, &format!("{api}/items"), &office, Some(&fill)).await;
    assert_eq!(filled.status, StatusCode::OK, "{}", filled.body);
    let a = filled.json();
    assert_eq!(a["items"].as_array().unwrap().len(), 11);
    assert_eq!(
        (a["items"][0]["standard"].as_str(), a["items"][0]["session"].as_str()),
        (Some("elect_presidium"), Some("preparatory"))
    );
    assert_eq!(a["bodies"].as_array().unwrap().len(), 4);
    assert!(a["present_now"].is_null());
    let marked =
        c.api(Method::POST, &format!("{api}/items/2"), &office, Some(&json!({"round": ROUND, "done": true}))).await;
    assert_eq!((marked.status, marked.json()["items"][1]["done"].clone()), (StatusCode::OK, json!(true)));
    let missing =
        c.api(Method::POST, &format!("{api}/items/99"), &office, Some(&json!({"round": ROUND, "done": true}))).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND, "{}", missing.body);
    // Moves and removal (issue 15 §8): item 3 one place earlier (the
    // numbers stay, the order changes); an item done stays (C-PLAN-6); the
    // inspection may not.
    let moved = c
        .api(Method::POST, &format!("{api}/items/3/move"), &office, Some(&json!({"round": ROUND, "to": "earlier"})))
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    let numbers: Vec<_> = moved.json()["items"].as_array().unwrap()[..3].iter().map(|i| i["number"].clone()).collect();
    assert_eq!(numbers, [json!(1), json!(3), json!(2)]);
    let bad = c
        .api(Method::POST, &format!("{api}/items/3/move"), &office, Some(&json!({"round": ROUND, "to": "sideways"})))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
    let remove = json!({"round": ROUND});
    let kept = c.api(Method::POST, &format!("{api}/items/2/remove"), &office, Some(&remove)).await;
    assert_eq!(kept.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", kept.body);
    assert!(kept.body.contains("C-PLAN-6"), "{}", kept.body);
    let forbidden = c.api(Method::POST, &format!("{api}/items/5/remove"), &inspection, Some(&remove)).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let removed = c.api(Method::POST, &format!("{api}/items/5/remove"), &office, Some(&remove)).await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
    assert_eq!(removed.json()["items"].as_array().unwrap().len(), 10);

    // R-BODY-2: members; a card in the body that is no member's is a 422.
    let members = format!("{api}/bodies/secretariat/members");
    let added = c.api(Method::POST, &members, &office, Some(&json!({"round": ROUND, "card": "004102"}))).await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert_eq!(added.json()["bodies"][1]["members"][0]["name"], "Trần Thị Bình");
    let twice = c.api(Method::POST, &members, &office, Some(&json!({"round": ROUND, "card": "004102"}))).await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice.body.contains("R-BODY-2"), "{}", twice.body);
    let unknown = c.api(Method::POST, &members, &office, Some(&json!({"round": ROUND, "card": "009999"}))).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    let no_body = c
        .api(
            Method::POST,
            &format!("{api}/bodies/choir/members"),
            &office,
            Some(&json!({"round": ROUND, "card": "004102"})),
        )
        .await;
    assert_eq!(no_body.status, StatusCode::NOT_FOUND);

    // A session open: those checked in are the number present.
    let s = json!({"round": ROUND, "name": "Phiên trù bị", "held_on": "2026-12-10"});
    assert_eq!(
        c.api(Method::POST, "/api/v1/orgs/QN.DH.QT/congress/sessions", &office, Some(&s)).await.status,
        StatusCode::OK
    );
    for card in ["004101", "004102", "004103"] {
        let body = json!({"round": ROUND, "session": 1, "card": card});
        let done = c.api(Method::POST, "/api/v1/orgs/QN.DH.QT/congress/check-in", &office, Some(&body)).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    }
    let votes = format!("{api}/votes");
    let before = entries(&db).await;
    let over =
        json!({"round": ROUND, "body": "presidium", "for": 3, "against": 1, "abstaining": 0, "declared": "adopted"});
    let over = c.api(Method::POST, &votes, &office, Some(&over)).await;
    assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(over.body.contains("R-BODY-2"), "{}", over.body);
    let other = json!({"round": ROUND, "item": 3, "for": 2, "against": 0, "abstaining": 0, "present": 5, "declared": "adopted"});
    let other = c.api(Method::POST, &votes, &office, Some(&other)).await;
    assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
    let both = json!({"round": ROUND, "item": 3, "body": "presidium", "for": 2, "against": 0, "abstaining": 0, "declared": "adopted"});
    assert_eq!(c.api(Method::POST, &votes, &office, Some(&both)).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    let forbidden = json!({"round": ROUND, "item": 3, "for": 2, "against": 0, "abstaining": 0, "declared": "adopted"});
    assert_eq!(c.api(Method::POST, &votes, &cell, Some(&forbidden)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(entries(&db).await, before, "refusals write nothing");
    let v = json!({"round": ROUND, "item": 3.0, "for": 2, "against": 1, "abstaining": 0, "declared": "not_adopted"});
    let v = c.api(Method::POST, &votes, &office, Some(&v)).await;
    assert_eq!(v.status, StatusCode::OK, "{}", v.body);
    let v = v.json();
    assert_eq!((v["present"].as_u64(), v["session"].as_u64(), v["item"].as_u64()), (Some(3), Some(1), Some(3)));
    assert_eq!((v["majority_for"].clone(), v["warning"].clone()), (json!(true), json!(true)));
    let read = c.api(Method::GET, api, &inspection, None).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    let read = read.json();
    assert_eq!(read["present_now"], json!({"session": 1, "present": 3}));
    assert_eq!(read["votes"].as_array().unwrap().len(), 1);
    let (_, outside) = app.token("vp.dn").await;
    assert!(matches!(
        c.api(Method::GET, api, &outside, None).await.status,
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ));
}

daihoi_test_support::engines!(the_programme_by_the_page, the_programme_by_the_api);
