//! Electronic votes on the floor (issue 16 §5), on the pages and through
//! the API: the office turns them on, issues PINs (shown once), opens a
//! vote whose base is those checked in (R-BASE-2); a delegate signs in
//! with card and PIN (not a user account: a pass of its own, CSRF-checked
//! forms), sees three buttons, votes once (a retry is acknowledged again,
//! another choice refused, R-BODY-2); the count and who has not voted; the
//! declaration warned against R-PASS-1; a secret ballot's receipt checked
//! among those counted. Inspection and another organization's office may
//! not run the votes; a user's token is no delegate's pass.

use crate::support;

use axum::http::{Method, StatusCode};
use daihoi_congress::{CongressKind, Contents, Length, LevelClass, Schedule};
use daihoi_core::Role;
use daihoi_core::members::CardNumber;
use daihoi_store::Db;
use daihoi_store::congresses::{NewPlan, RoundTemplate};
use daihoi_test_support::fixtures::*;
use serde_json::json;
use support::{Client, TestApp, csrf_in, location};
use time::macros::date;

const ROUND: &str = "2025-2030";
const PAGE: &str = "/orgs/QN.DH.QT/congress/floor";

async fn entries(db: &Db) -> i64 {
    db.audit_checkpoint().await.unwrap().map_or(0, |c| c.last_id)
}

/// Quảng Tân's member congress with three members, a session open and
/// the three checked in, the default programme; its id.
async fn setup(db: &Db) -> (TestApp, i64) {
    small_tree(db).await;
    import(
        db,
        vec![
            member("005101", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("005102", "Trần Thị Bình", "QN.DH.QT.CB02"),
            member("005103", "Lê Văn Cường", "QN.DH.QT.CB02"),
            member("005201", "Phạm Văn Dũng", "QN.TY.DN.CB01"),
        ],
    )
    .await;
    let app = TestApp::new(db);
    app.user("vp.qt", Role::Office, "QN.DH.QT").await;
    app.user("kt.qt", Role::Inspection, "QN.DH.QT").await;
    app.user("vp.dn", Role::Office, "QN.TY.DN.CB01").await;
    let today = date!(2026 - 12 - 31);
    let c = db.operator();
    let round = c
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
    let congress = c.congresses().plan(&round, &qt, &plan, today, "t").await.unwrap();
    let s = c.congresses().open_session(&congress, "Phiên chính thức", date!(2026 - 12 - 10), "t").await.unwrap();
    for card in ["005101", "005102", "005103"] {
        c.congresses().check_in(&round, &congress, s, &CardNumber::parse(card).unwrap(), "t").await.unwrap();
    }
    c.congresses().fill_programme(&congress, "t").await.unwrap();
    (app, congress.id)
}

/// The PINs of a slip page, by card.
fn pins(body: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find("class=\"card-number\">") {
        rest = &rest[at + "class=\"card-number\">".len()..];
        let card: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let at = rest.find("class=\"pin\">").unwrap() + "class=\"pin\">".len();
        rest = &rest[at..];
        out.push((card, rest.chars().take_while(char::is_ascii_digit).collect()));
    }
    out
}

/// A delegate's phone signed in: its client.
async fn delegate(app: &TestApp, congress: i64, card: &str, pin: &str) -> Client {
    let mut phone = app.anonymous();
    let form = phone.get(&format!("/floor/{congress}")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("name=\"pin\""), "{}", form.body);
    phone.csrf = csrf_in(&form.body).unwrap();
    let signed = phone.post_form(&format!("/floor/{congress}/sign-in"), &[("card", card), ("pin", pin)]).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
    assert!(phone.cookie("daihoi_floor").is_some_and(|t| t.len() == 64));
    phone
}

/// Issue 16 §5 by the pages: R-BASE-2, R-BODY-2, R-PASS-1.
async fn a_named_vote_by_the_pages(db: Db) {
    let (app, congress) = setup(&db).await;
    let mut office = app.signed_in("vp.qt").await;
    let off = office.get(&format!("{PAGE}?round={ROUND}")).await;
    assert_eq!(off.status, StatusCode::OK);
    assert!(off.body.contains("floor-enable-form"), "{}", off.body);
    // Not for inspection or another organization's office.
    let mut inspection = app.signed_in("kt.qt").await;
    assert_eq!(inspection.post_form(PAGE, &[("round", ROUND)]).await.status, StatusCode::FORBIDDEN);
    let mut other = app.signed_in("vp.dn").await;
    assert!(matches!(
        other.get(&format!("{PAGE}?round={ROUND}")).await.status,
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ));
    let on = office.post_form(PAGE, &[("round", ROUND)]).await;
    assert_eq!(on.status, StatusCode::SEE_OTHER, "{}", on.body);

    // PINs: shown once, one slip per person convened.
    let slips = office.post_form(&format!("{PAGE}/pins"), &[("round", ROUND), ("card", "")]).await;
    assert_eq!(slips.status, StatusCode::OK, "{}", slips.body);
    let pins = pins(&slips.body);
    assert_eq!(pins.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(), ["005101", "005102", "005103"]);
    let pin = |c: &str| pins.iter().find(|(card, _)| card == c).unwrap().1.clone();

    // A vote on item 1: its base is those checked in.
    let opened = office.post_form(&format!("{PAGE}/votes"), &[("round", ROUND), ("on", "item:1")]).await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);
    let page = office.get(&location(&opened)).await;
    assert!(page.body.contains("id=\"floor-voted\">0 / 3<"), "{}", page.body);
    let twice = office.post_form(&format!("{PAGE}/votes"), &[("round", ROUND), ("on", "item:2")]).await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice.body.contains("R-BODY-2"), "{}", twice.body);

    // A delegate: a wrong PIN is refused; the right one gives the pass.
    let mut stranger = app.anonymous();
    let form = stranger.get(&format!("/floor/{congress}")).await;
    stranger.csrf = csrf_in(&form.body).unwrap();
    let wrong = if pin("005101") == "000000" { "111111" } else { "000000" };
    let refused =
        stranger.post_form(&format!("/floor/{congress}/sign-in"), &[("card", "005101"), ("pin", wrong)]).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(stranger.cookie("daihoi_floor").is_none());
    // Without the session's token, no form is taken (CSRF).
    let mut forged = app.anonymous();
    let forged =
        forged.post_form(&format!("/floor/{congress}/sign-in"), &[("card", "005101"), ("pin", &pin("005101"))]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    let mut phone = delegate(&app, congress, "005101", &pin("005101")).await;
    let ballot = phone.get(&format!("/floor/{congress}")).await;
    assert!(ballot.body.contains("Tán thành") && ballot.body.contains("Không tán thành"), "{}", ballot.body);
    assert!(ballot.body.contains("data-events=\"/floor/"), "{}", ballot.body);
    let before = entries(&db).await;
    let cast = phone.post_form(&format!("/floor/{congress}/ballot"), &[("vote", "1"), ("choice", "for")]).await;
    assert_eq!(cast.status, StatusCode::SEE_OTHER, "{}", cast.body);
    let ack = location(&cast);
    assert!(ack.contains("?ack="), "{ack}");
    assert_eq!(entries(&db).await, before + 1, "one ballot, one audit entry");
    let done = phone.get(&ack).await;
    assert!(done.body.contains("floor-voted-already") && done.body.contains("floor-ack"), "{}", done.body);
    // A retry: the same acknowledgement, nothing written; another choice refused.
    let retry = phone.post_form(&format!("/floor/{congress}/ballot"), &[("vote", "1"), ("choice", "for")]).await;
    assert_eq!(location(&retry), format!("{ack}&again=1"));
    let other_choice =
        phone.post_form(&format!("/floor/{congress}/ballot"), &[("vote", "1"), ("choice", "against")]).await;
    assert_eq!(other_choice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(other_choice.body.contains("R-BODY-2"), "{}", other_choice.body);
    assert_eq!(entries(&db).await, before + 1, "a retry writes nothing");
    // A pass of this congress is nobody's on another.
    let elsewhere = phone.post_form("/floor/999999/ballot", &[("vote", "1"), ("choice", "for")]).await;
    assert_eq!(elsewhere.status, StatusCode::UNAUTHORIZED);
    // A user's session is no delegate's pass.
    let user = office.post_form(&format!("/floor/{congress}/ballot"), &[("vote", "1"), ("choice", "for")]).await;
    assert_eq!(user.status, StatusCode::UNAUTHORIZED);

    // The count and who has not voted, live on the office's page.
    let page = office.get(&format!("{PAGE}?round={ROUND}")).await;
    assert!(page.body.contains("id=\"floor-voted\">1 / 3<"), "{}", page.body);
    assert!(page.body.contains("Trần Thị Bình (005102)") && page.body.contains("Lê Văn Cường (005103)"));
    assert!(!page.body.contains("Nguyễn Văn An (005101)"), "who voted is not waiting");
    assert!(page.body.contains("data-events=\"/orgs/QN.DH.QT/congress/floor/events"), "{}", page.body);

    // Closed: no ballot any more; declared adopted with 1 for of 3 (R-PASS-1): warned.
    let closed = office.post_form(&format!("{PAGE}/votes/1/close"), &[("round", ROUND)]).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
    let mut late = delegate(&app, congress, "005102", &pin("005102")).await;
    let refused = late.post_form(&format!("/floor/{congress}/ballot"), &[("vote", "1"), ("choice", "for")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let declared =
        office.post_form(&format!("{PAGE}/votes/1/declaration"), &[("round", ROUND), ("declared", "adopted")]).await;
    assert_eq!(declared.status, StatusCode::SEE_OTHER, "{}", declared.body);
    let page = office.get(&location(&declared)).await;
    assert!(page.body.contains("id=\"floor-warning\""), "{}", page.body);
}

/// Issue 16 §5 through the API, with a secret ballot and its receipt.
async fn votes_and_a_secret_ballot_through_the_api(db: Db) {
    let (app, congress) = setup(&db).await;
    let (_, office) = app.token("vp.qt").await;
    let (_, inspection) = app.token("kt.qt").await;
    let mut c = app.anonymous();
    let floor = "/api/v1/orgs/QN.DH.QT/congress/floor".to_owned();
    let on = c.api(Method::POST, &floor, &office, Some(&json!({"round": ROUND}))).await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.body);
    assert_eq!(on.json()["congress"], congress);
    assert_eq!(on.json()["enabled"], true);
    let refused = c.api(Method::POST, &floor, &inspection, Some(&json!({"round": ROUND}))).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let pins = c.api(Method::POST, &format!("{floor}/pins"), &office, Some(&json!({"round": ROUND}))).await;
    assert_eq!(pins.status, StatusCode::OK, "{}", pins.body);
    let pins = pins.json();
    let pin_of = |card: &str| {
        pins.as_array().unwrap().iter().find(|p| p["card"] == card).unwrap()["pin"].as_str().unwrap().to_owned()
    };
    let opened = c
        .api(Method::POST, &format!("{floor}/votes"), &office, Some(&json!({"round": ROUND, "body": "presidium"})))
        .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    assert_eq!(opened.json()["vote"]["base"], 3);
    assert_eq!(opened.json()["waiting"].as_array().unwrap().len(), 3);

    // A delegate's pass through the API; a user's token is none.
    let sign_in = format!("/api/v1/floor/{congress}/sign-in");
    let wrong = c.api(Method::POST, &sign_in, "", Some(&json!({"card": "005101", "pin": "x"}))).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let pass = c.api(Method::POST, &sign_in, "", Some(&json!({"card": "005101", "pin": pin_of("005101")}))).await;
    assert_eq!(pass.status, StatusCode::OK, "{}", pass.body);
    let token = pass.json()["token"].as_str().unwrap().to_owned();
    let me = c.api(Method::GET, &format!("/api/v1/floor/{congress}"), &token, None).await;
    assert_eq!(me.json()["vote"]["number"], 1);
    assert_eq!(me.json()["vote"]["eligible"], true);
    let as_user = c.api(Method::GET, &format!("/api/v1/floor/{congress}"), &office, None).await;
    assert_eq!(as_user.status, StatusCode::UNAUTHORIZED);
    let ballot = format!("/api/v1/floor/{congress}/ballot");
    let first = c.api(Method::POST, &ballot, &token, Some(&json!({"vote": 1, "choice": "for"}))).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let again = c.api(Method::POST, &ballot, &token, Some(&json!({"vote": 1, "choice": "for"}))).await;
    assert_eq!(
        (again.json()["ack"].clone(), again.json()["again"].clone()),
        (first.json()["ack"].clone(), json!(true))
    );
    let otherwise = c.api(Method::POST, &ballot, &token, Some(&json!({"vote": 1, "choice": "against"}))).await;
    assert_eq!(otherwise.status, StatusCode::UNPROCESSABLE_ENTITY);
    let detail = c.api(Method::GET, &format!("{floor}/votes/1"), &inspection, None).await;
    assert_eq!(detail.json()["vote"]["for"], 1);
    assert_eq!(detail.json()["waiting"], json!(["005102", "005103"]));
    let closed = c.api(Method::POST, &format!("{floor}/votes/1/close"), &office, Some(&json!({"round": ROUND}))).await;
    assert_eq!(closed.json()["vote"]["open"], false);
    let declared = c
        .api(
            Method::POST,
            &format!("{floor}/votes/1/declaration"),
            &office,
            Some(&json!({"round": ROUND, "declared": "adopted"})),
        )
        .await;
    assert_eq!(declared.json()["vote"]["warning"], true, "R-PASS-1: 1 for of 3");

    // A secret opinion ballot: the receipt is the voter's; the ballots are nobody's.
    let secret = c
        .api(
            Method::POST,
            &format!("{floor}/votes"),
            &office,
            Some(&json!({"round": ROUND, "item": 2, "secret": true, "question": "Giới thiệu nhân sự"})),
        )
        .await;
    assert_eq!(secret.status, StatusCode::OK, "{}", secret.body);
    let receipt = "00112233445566778899aabbccddeeff";
    let cast =
        c.api(Method::POST, &ballot, &token, Some(&json!({"vote": 2, "choice": "against", "receipt": receipt}))).await;
    assert_eq!(cast.status, StatusCode::OK, "{}", cast.body);
    assert_eq!(cast.json()["ack"], receipt);
    let named = c.api(Method::POST, &ballot, &token, Some(&json!({"vote": 2, "choice": "against"}))).await;
    assert_eq!(named.status, StatusCode::UNPROCESSABLE_ENTITY, "a secret vote takes a receipt");
    // The receipts page: the delegate finds their receipt among those counted.
    let mut phone = delegate(&app, congress, "005102", &pin_of("005102")).await;
    let page = phone.get(&format!("/floor/{congress}/votes/2/receipts?code={receipt}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("id=\"floor-receipt-result\"") && page.body.contains("class=\"notice\""));
    let page = phone.get(&format!("/floor/{congress}/votes/2/receipts?code={}", "f".repeat(32))).await;
    assert!(page.body.contains("class=\"warning\""), "{}", page.body);
}

daihoi_test_support::engines!(a_named_vote_by_the_pages, votes_and_a_secret_ballot_through_the_api);
