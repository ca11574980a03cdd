//! Elections inside the application (issue 16), through the API and the
//! pages: QN.DH.QT's member congress of ten members all checked in; its
//! committee election from the list to the elected, the ballots entered
//! twice by two clerks who have no role anywhere (Art. 8: technical staff),
//! three mismatches settled by the board, a tie at the cut-off decided
//! into a second round (R-RANK-2); who may do what.

use axum::http::{Method, StatusCode};
use daihoi_congress::{CongressKind, Contents, Length, LevelClass, Schedule};
use daihoi_core::members::CardNumber;
use daihoi_store::Db;
use daihoi_store::accounts::Login;
use daihoi_test_support::fixtures::{code, import, member, small_tree};
use serde_json::json;
use time::macros::date;

use crate::support::{PASSWORD, Page, TestApp};

const ROUND: &str = "2025-2030";
const API: &str = "/api/v1/orgs/QN.DH.QT/congress/elections";
const PAGES: &str = "/orgs/QN.DH.QT/congress/elections";

const PEOPLE: [(&str, &str, &str); 10] = [
    ("004101", "Nguyễn Văn An", "QN.DH.QT.CB01"),
    ("004102", "Trần Văn Bình", "QN.DH.QT.CB01"),
    ("004103", "Lê Văn Cường", "QN.DH.QT.CB01"),
    ("004104", "Phạm Văn Dũng", "QN.DH.QT.CB01"),
    ("004105", "Hoàng Văn Em", "QN.DH.QT.CB02"),
    ("004106", "Vũ Văn Phúc", "QN.DH.QT.CB02"),
    ("004107", "Đỗ Văn Giang", "QN.DH.QT.CB02"),
    ("004108", "Bùi Thị Hà", "QN.DH.QT.CB02"),
    ("004109", "Đặng Văn Ích", "QN.DH.QT.CB02"),
    ("004110", "Ngô Văn Khánh", "QN.DH.QT.CB02"),
];

/// The tree, the members, the commune's office and inspection, three
/// accounts with no role (two clerks and the board), and the commune's
/// member congress with everyone checked in to session 1.
async fn setup(db: &Db) -> TestApp {
    small_tree(db).await;
    import(db, PEOPLE.iter().map(|(c, n, o)| member(c, n, o)).collect()).await;
    let app = TestApp::new(db);
    app.user("vp.qt", daihoi_core::Role::Office, "QN.DH.QT").await;
    app.user("kt.qt", daihoi_core::Role::Inspection, "QN.DH.QT").await;
    app.user("vp.dn", daihoi_core::Role::Office, "QN.TY.DN").await;
    for login in ["nhap.1", "nhap.2", "ban.kp"] {
        db.operator().accounts().create_user(&Login::parse(login).unwrap(), login, PASSWORD, None, "t").await.unwrap();
    }
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
    app
}

fn ok(page: &Page) -> serde_json::Value {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.json()
}

/// A crossing-out entry: ballot `n` with `struck` names.
fn entry(n: u32, struck: &[u32]) -> serde_json::Value {
    json!({"round": ROUND, "ballot": n, "struck": struck})
}

/// R-LIST-*, R-BASE-1, R-VALID-8, R-PASS-1, R-RANK-2 through the API, and
/// who may do what: the office prepares and decides, clerks enter in their
/// own entry and read only it, the board alone settles and sees the totals
/// while the count is open.
async fn an_election_through_the_api(db: Db) {
    let app = setup(&db).await;
    let (_, office) = app.token("vp.qt").await;
    let (_, inspection) = app.token("kt.qt").await;
    let (_, other) = app.token("vp.dn").await;
    let (_, k1) = app.token("nhap.1").await;
    let (_, k2) = app.token("nhap.2").await;
    let (_, board) = app.token("ban.kp").await;
    let mut c = app.anonymous();
    let create = json!({"round": ROUND, "body": "committee", "seats": 3, "title": "Bầu Ban Chấp hành khóa mới"});
    assert_eq!(c.api(Method::POST, API, &inspection, Some(&create)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(c.api(Method::POST, API, &other, Some(&create)).await.status, StatusCode::FORBIDDEN);
    let e = ok(&c.api(Method::POST, API, &office, Some(&create)).await);
    assert_eq!((e["number"].as_u64(), e["adopted"].as_bool()), (Some(1), Some(false)));
    let one = format!("{API}/1");
    for (card, name, _) in &PEOPLE[..4] {
        let body = json!({"round": ROUND, "name": name, "card": card});
        ok(&c.api(Method::POST, &format!("{one}/candidates"), &office, Some(&body)).await);
    }
    // R-LIST-5: 3 of 10 is not more than 30%: recorded, not on the list.
    let floor = json!({"round": ROUND, "name": "Hoàng Văn Em", "floor_agree": 3, "floor_attending": 10});
    let e = ok(&c.api(Method::POST, &format!("{one}/candidates"), &office, Some(&floor)).await);
    assert_eq!(e["candidates"][4]["on_list"].as_bool(), Some(false));
    assert_eq!(e["list"].as_array().unwrap().len(), 4);
    assert_eq!(e["list_check"]["ok"].as_bool(), Some(true), "{e}");
    let e = ok(&c.api(Method::POST, &format!("{one}/adoption"), &office, Some(&json!({"round": ROUND}))).await);
    // R-LIST-8: ballot order by given name.
    assert_eq!(e["rounds"][0]["list"], json!(["Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường", "Phạm Văn Dũng"]));
    assert_eq!(e["rounds"][0]["form"], "crossing_out");
    for (login, duty) in [("nhap.1", "entry_1"), ("nhap.2", "entry_2"), ("ban.kp", "board")] {
        let body = json!({"round": ROUND, "login": login, "duty": duty});
        ok(&c.api(Method::POST, &format!("{one}/staff"), &office, Some(&body)).await);
    }
    // A clerk with no role reads the election through the duty alone.
    let seen = ok(&c.api(Method::GET, &format!("{one}?round={ROUND}"), &k1, None).await);
    assert_eq!(seen["your_duty"], "entry_1");
    let over = json!({"round": ROUND, "ballots": 11, "session": 1});
    let refused = c.api(Method::POST, &format!("{one}/ballots-issued"), &office, Some(&over)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(refused.json()["error"]["rule"], "R-VALID-1");
    let e = ok(&c
        .api(
            Method::POST,
            &format!("{one}/ballots-issued"),
            &office,
            Some(&json!({"round": ROUND, "ballots": 10, "session": 1})),
        )
        .await);
    assert_eq!((e["rounds"][0]["convened"].as_u64(), e["rounds"][0]["present"].as_u64()), (Some(10), Some(10)));

    // Round 1: A kept by all, B struck twice, C four times, D four times;
    // the second clerk differs on ballots 5, 8 (a flag) and 9.
    let entries = format!("{one}/rounds/1/entries");
    let first = |i: u32| {
        entry(
            i,
            &[if i <= 2 {
                2
            } else if i <= 6 {
                3
            } else {
                4
            }],
        )
    };
    for i in 1..=10 {
        let done = ok(&c.api(Method::POST, &entries, &k1, Some(&first(i))).await);
        assert_eq!((done["outcome"].as_str(), done["next"].as_u64()), (Some("new"), Some(u64::from(i) + 1)));
        let second = match i {
            5 => entry(5, &[4]),
            8 => json!({"round": ROUND, "ballot": 8, "struck": [4], "flags": ["marked"]}),
            9 => entry(9, &[3, 4]),
            _ => first(i),
        };
        ok(&c.api(Method::POST, &entries, &k2, Some(&second)).await);
    }
    // A retry after a network drop changes nothing; other marks are 409.
    assert_eq!(ok(&c.api(Method::POST, &entries, &k1, Some(&first(1))).await)["outcome"], "unchanged");
    assert_eq!(c.api(Method::POST, &entries, &k1, Some(&entry(1, &[1]))).await.status, StatusCode::CONFLICT);
    let fixed = json!({"round": ROUND, "ballot": 1, "struck": [1], "replace": true});
    assert_eq!(ok(&c.api(Method::POST, &entries, &k1, Some(&fixed)).await)["outcome"], "replaced");
    assert_eq!(
        ok(&c
            .api(
                Method::POST,
                &entries,
                &k1,
                Some(&json!({"round": ROUND, "ballot": 1, "struck": [2], "replace": true}))
            )
            .await)["outcome"],
        "replaced"
    );
    // Numbers beyond those issued, marks that do not fit the list.
    assert_eq!(
        c.api(Method::POST, &entries, &k1, Some(&entry(11, &[1]))).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        c.api(Method::POST, &entries, &k1, Some(&entry(3, &[5]))).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let ad = json!({"round": ROUND, "ballot": 3, "disagree": [1]});
    assert_eq!(c.api(Method::POST, &entries, &k1, Some(&ad)).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Each clerk reads only their own entry.
    let mine = ok(&c.api(Method::GET, &format!("{entries}?round={ROUND}"), &k2, None).await);
    assert_eq!((mine["entry"].as_u64(), mine["ballots"][4]["struck"].clone()), (Some(2), json!([4])));
    // Nobody but the board reads the ledger while the count is open.
    let ledger = format!("{one}/rounds/1/ledger?round={ROUND}");
    for token in [&office, &inspection, &k1] {
        assert_eq!(c.api(Method::GET, &ledger, token, None).await.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(c.api(Method::POST, &entries, &board, Some(&first(1))).await.status, StatusCode::FORBIDDEN);
    let l = ok(&c.api(Method::GET, &ledger, &board, None).await);
    assert_eq!((l["entered"].as_u64(), l["differing"].as_u64(), l["single"].as_u64()), (Some(10), Some(3), Some(0)));
    let differing: Vec<u64> = l["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["state"] == "differ")
        .map(|x| x["ballot"].as_u64().unwrap())
        .collect();
    assert_eq!(differing, [5, 8, 9]);
    assert_eq!(l["totals"]["returned"].as_u64(), Some(7), "only the ballots that agree count");
    let close = format!("{one}/rounds/1/close");
    let early = c.api(Method::POST, &close, &board, Some(&json!({"round": ROUND}))).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", early.body);
    assert_eq!(early.json()["error"]["rule"], "R-VALID-8");
    let settle = format!("{one}/rounds/1/settlements");
    for body in [entry(5, &[3]), entry(8, &[4]), entry(9, &[4])] {
        assert_eq!(c.api(Method::POST, &settle, &k1, Some(&body)).await.status, StatusCode::FORBIDDEN);
        ok(&c.api(Method::POST, &settle, &board, Some(&body)).await);
    }
    let ruling = json!({"round": ROUND, "ballot": 10, "valid": true, "reason": "Vết mực vô ý"});
    ok(&c.api(Method::POST, &format!("{one}/rounds/1/rulings"), &board, Some(&ruling)).await);
    let l = ok(&c.api(Method::POST, &close, &board, Some(&json!({"round": ROUND}))).await);
    let votes: Vec<u64> =
        l["totals"]["candidates"].as_array().unwrap().iter().map(|x| x["votes"].as_u64().unwrap()).collect();
    assert_eq!(votes, [10, 8, 6, 6]);
    assert_eq!((l["totals"]["base"].as_u64(), l["totals"]["needed"].as_u64()), (Some(10), Some(6)));
    assert_eq!(l["totals"]["candidates"][0]["percent"], "100.00");
    // Closed: the congress's readers see it; nobody enters any more.
    assert_eq!(c.api(Method::GET, &ledger, &inspection, None).await.status, StatusCode::OK);
    assert_eq!(c.api(Method::POST, &entries, &k1, Some(&first(2))).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    let e = ok(&c.api(Method::GET, &format!("{one}?round={ROUND}"), &inspection, None).await);
    assert_eq!(e["elected"], json!(["Nguyễn Văn An", "Trần Văn Bình"]));
    assert_eq!(e["open_points"][0]["kind"], "tie_at_cutoff");
    assert_eq!(e["open_points"][0]["candidates"], json!(["Lê Văn Cường", "Phạm Văn Dũng"]));

    // The presidium's decision, recorded by the office (R-RANK-2).
    let decision = |names: serde_json::Value| {
        json!({"round": ROUND, "on_round": 1, "point": "tie_at_cutoff", "action": "further_round", "seats": 1,
               "names": names, "decided_by": "Đoàn Chủ tịch", "at": "20/08/2025 16:00", "reason": "Bầu tiếp"})
    };
    let decisions = format!("{one}/decisions");
    let wrong = c.api(Method::POST, &decisions, &office, Some(&decision(json!(["Nguyễn Văn An"])))).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", wrong.body);
    assert_eq!(
        c.api(Method::POST, &decisions, &board, Some(&decision(json!(["Lê Văn Cường", "Phạm Văn Dũng"])))).await.status,
        StatusCode::FORBIDDEN
    );
    let e =
        ok(&c.api(Method::POST, &decisions, &office, Some(&decision(json!(["Lê Văn Cường", "Phạm Văn Dũng"])))).await);
    assert_eq!(e["rounds"][1]["list"], json!(["Lê Văn Cường", "Phạm Văn Dũng"]));
    assert!(e["open_points"].as_array().unwrap().is_empty());
    ok(&c
        .api(
            Method::POST,
            &format!("{one}/ballots-issued"),
            &office,
            Some(&json!({"round": ROUND, "ballots": 10, "session": 1})),
        )
        .await);
    let entries2 = format!("{one}/rounds/2/entries");
    for i in 1..=10u32 {
        let body = entry(i, &[if i <= 6 { 2 } else { 1 }]);
        ok(&c.api(Method::POST, &entries2, &k1, Some(&body)).await);
        ok(&c.api(Method::POST, &entries2, &k2, Some(&body)).await);
    }
    ok(&c.api(Method::POST, &format!("{one}/rounds/2/close"), &board, Some(&json!({"round": ROUND}))).await);
    let e = ok(&c.api(Method::GET, &format!("{one}?round={ROUND}"), &office, None).await);
    assert_eq!(e["elected"], json!(["Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường"]));
    assert_eq!(e["decisions"][0]["action"], "further_round");
}

/// The office prepares, by the pages, the committee election of the
/// congress: four names for three seats (R-LIST-1, R-LIST-2), the two
/// clerks and the board, ten ballots issued.
async fn prepared_by_pages(app: &TestApp) {
    let mut office = app.signed_in("vp.qt").await;
    let page = office.get(&format!("{PAGES}?round={ROUND}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let created = office
        .post_form(PAGES, &[("round", ROUND), ("body", "committee"), ("seats", "3"), ("title", "Bầu Ban Chấp hành")])
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let one = format!("{PAGES}/1");
    for (_, name, _) in &PEOPLE[..4] {
        let p = office.post_form(&format!("{one}/candidates"), &[("round", ROUND), ("name", name)]).await;
        assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    }
    // The list adopted: four names for three seats (R-LIST-1, R-LIST-2).
    let p = office.post_form(&format!("{one}/adoption"), &[("round", ROUND)]).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    for (login, duty) in [("nhap.1", "entry_1"), ("nhap.2", "entry_2"), ("ban.kp", "board")] {
        let p = office.post_form(&format!("{one}/staff"), &[("round", ROUND), ("login", login), ("duty", duty)]).await;
        assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    }
    let p = office
        .post_form(&format!("{one}/ballots-issued"), &[("round", ROUND), ("ballots", "10"), ("session", "1")])
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let page = office.get(&format!("{one}?round={ROUND}")).await;
    assert!(page.body.contains("Lê Văn Cường") && page.body.contains("10 phiếu"), "{}", page.body);
}

/// The clerk's page: the next number filled in, one typed line per ballot,
/// a conflict offered as a correction; the board's page lists the ballots
/// whose entries differ and settles one from the paper.
async fn the_counting_pages(db: Db) {
    let app = setup(&db).await;
    prepared_by_pages(&app).await;
    let one = format!("{PAGES}/1");
    let mut office = app.signed_in("vp.qt").await;
    let mut k1 = app.signed_in("nhap.1").await;
    let entry_page = format!("{one}/rounds/1/entries");
    let page = k1.get(&format!("{entry_page}?round={ROUND}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("id=\"ballot\" value=\"1\""), "the first number is filled in: {}", page.body);
    let p = k1.post_form(&entry_page, &[("round", ROUND), ("ballot", "1"), ("marks", "2")]).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let back = k1.get(&crate::support::location(&p)).await;
    assert!(back.body.contains("id=\"ballot\" value=\"2\""), "the next number: {}", back.body);
    assert!(back.body.contains("Đã ghi phiếu số 1"), "{}", back.body);
    // A typing error is named and what was typed kept.
    let p = k1.post_form(&entry_page, &[("round", ROUND), ("ballot", "2"), ("marks", "2 9")]).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("value=\"2 9\""), "{}", p.body);
    // Other marks for ballot 1: refused, the correction offered.
    let p = k1.post_form(&entry_page, &[("round", ROUND), ("ballot", "1"), ("marks", "3")]).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("name=\"replace\""), "{}", p.body);
    // The second clerk differs on ballot 1.
    let mut k2 = app.signed_in("nhap.2").await;
    k2.get(&format!("{entry_page}?round={ROUND}")).await;
    let p = k2.post_form(&entry_page, &[("round", ROUND), ("ballot", "1"), ("marks", "3")]).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    // Only the board reads the board's page while the count is open.
    let board_page = format!("{one}/rounds/1/ledger?round={ROUND}");
    assert_eq!(office.get(&board_page).await.status, StatusCode::FORBIDDEN);
    assert_eq!(k1.get(&board_page).await.status, StatusCode::FORBIDDEN);
    let mut board = app.signed_in("ban.kp").await;
    let page = board.get(&board_page).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("id=\"ballot-1\""), "{}", page.body);
    let p = board
        .post_form(&format!("{one}/rounds/1/settlements"), &[("round", ROUND), ("ballot", "1"), ("marks", "2")])
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let page = board.get(&board_page).await;
    assert!(!page.body.contains("id=\"ballot-1\""), "settled: {}", page.body);
}

/// `GET` through the API with `token`: the status, the content type and the bytes.
async fn api_bytes(c: &mut crate::support::Client, uri: &str, token: &str) -> (StatusCode, String, Vec<u8>) {
    let req = axum::http::Request::get(uri).header(axum::http::header::AUTHORIZATION, format!("Bearer {token}"));
    let (status, headers, bytes) = c.send_raw(req, axum::body::Body::empty()).await;
    let kind = headers.get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    (status, kind, bytes)
}

/// The election of [`an_election_through_the_api`] (two rounds, a ruling,
/// a decision) as its minutes (PDF and .docx, in the Party layout) and as
/// the files of `daihoi tally`: ELECTION.toml and the rounds' ballots,
/// which `daihoi-tally` (the command's reader) counts again to the same
/// result, rounds, decision and ruling included. Printed ballots of the
/// form the list needs (R-BALLOT-2/3). A round counted elsewhere recorded
/// by the board from a ballots file, read as strictly as `daihoi tally`
/// reads it (R-VALID-1): refused whole, or recorded whole.
async fn the_minutes_and_the_files(db: Db) {
    an_election_through_the_api(db.clone()).await;
    let app = TestApp::new(&db);
    let (_, office) = app.token("vp.qt").await;
    let (_, inspection) = app.token("kt.qt").await;
    let (_, other) = app.token("vp.dn").await;
    let (_, board) = app.token("ban.kp").await;
    let (_, k1) = app.token("nhap.1").await;
    let mut c = app.anonymous();
    let one = format!("{API}/1");

    // The minutes: readers of the congress and the board, nobody else.
    let (status, kind, pdf) = api_bytes(&mut c, &format!("{one}/minutes?round={ROUND}"), &inspection).await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "application/pdf"));
    assert!(pdf.starts_with(b"%PDF"));
    let mut headers = axum::http::HeaderMap::new();
    headers.insert(axum::http::header::CONTENT_TYPE, "application/pdf".parse().unwrap());
    let text = crate::support::received_text(&Page { status, headers, body: String::new() }, &pdf);
    if !text.is_empty() {
        for words in [
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "BAN KIỂM PHIẾU",
            "Bầu Ban Chấp hành khóa mới",
            "Lê Văn Cường",
            "Đoàn Chủ tịch",
            "Vết mực vô ý",
            "Quảng Tân",
        ] {
            assert!(text.contains(words), "the minutes lack {words:?}: {text}");
        }
    }
    let (status, kind, docx) = api_bytes(&mut c, &format!("{one}/minutes?round={ROUND}&format=docx"), &board).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        kind.starts_with("application/vnd.openxmlformats-officedocument.wordprocessingml") && docx.starts_with(b"PK")
    );
    assert_eq!(api_bytes(&mut c, &format!("{one}/minutes?round={ROUND}"), &other).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        api_bytes(&mut c, &format!("{one}/minutes?round={ROUND}&format=odt"), &office).await.0,
        StatusCode::BAD_REQUEST
    );

    // The files of `daihoi tally`, counted again by its reader.
    let (status, _, toml) = api_bytes(&mut c, &format!("{one}/election.toml?round={ROUND}"), &inspection).await;
    assert_eq!(status, StatusCode::OK);
    let toml = String::from_utf8(toml).unwrap();
    let file = daihoi_tally::parse_election("ELECTION.toml", &toml).unwrap_or_else(|e| panic!("{e}\n{toml}"));
    let mut csvs = Vec::new();
    for k in 1..=2 {
        let (status, kind, csv) =
            api_bytes(&mut c, &format!("{one}/rounds/{k}/ballots.csv?round={ROUND}"), &inspection).await;
        assert_eq!((status, kind.starts_with("text/csv")), (StatusCode::OK, true));
        csvs.push(csv);
    }
    assert_eq!(
        api_bytes(&mut c, &format!("{one}/rounds/3/ballots.csv?round={ROUND}"), &inspection).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let p = daihoi_tally::proceed(
        "ELECTION.toml",
        &file,
        &csvs,
        |_| "round.csv".to_owned(),
        |csv, e, r| daihoi_tally::tally_csv("round.csv", csv.as_slice(), e, r),
    )
    .unwrap();
    let stored = ok(&c.api(Method::GET, &format!("{one}?round={ROUND}"), &inspection, None).await);
    assert_eq!(p.elected(), ["Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường"]);
    assert_eq!(serde_json::to_value(p.elected()).unwrap(), stored["elected"]);
    for (k, round) in p.rounds().iter().enumerate() {
        let count = round.count.as_ref().unwrap();
        let votes: Vec<u64> = count.candidates.iter().map(|x| u64::from(x.votes)).collect();
        let api: Vec<u64> = stored["rounds"][k]["count"]["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["votes"].as_u64().unwrap())
            .collect();
        assert_eq!(votes, api, "round {}", k + 1);
    }
    assert_eq!(file.rulings.len(), 1, "R-VALID-8's ruling travels with the file");
    assert_eq!(file.decisions.len(), 1);

    // Printed ballots: the crossing-out form of round 2's two names for one seat.
    let (status, kind, pdf) =
        api_bytes(&mut c, &format!("{one}/rounds/2/ballots.pdf?round={ROUND}&per_page=2&copies=3"), &office).await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "application/pdf"));
    assert!(pdf.starts_with(b"%PDF"));
    for bad in ["per_page=3", "copies=0", "copies=5001"] {
        let uri = format!("{one}/rounds/1/ballots.pdf?round={ROUND}&{bad}");
        assert_eq!(api_bytes(&mut c, &uri, &office).await.0, StatusCode::BAD_REQUEST, "{bad}");
    }
    assert_eq!(
        api_bytes(&mut c, &format!("{one}/rounds/1/ballots.pdf?round={ROUND}"), &other).await.0,
        StatusCode::FORBIDDEN
    );

    // A second election, counted elsewhere: its ballots from a file.
    let create = json!({"round": ROUND, "body": "inspection_commission", "seats": 2, "title": "Bầu Ủy ban Kiểm tra"});
    ok(&c.api(Method::POST, API, &office, Some(&create)).await);
    let two = format!("{API}/2");
    for (card, name, _) in &PEOPLE[4..7] {
        let body = json!({"round": ROUND, "name": name, "card": card});
        ok(&c.api(Method::POST, &format!("{two}/candidates"), &office, Some(&body)).await);
    }
    let e = ok(&c.api(Method::POST, &format!("{two}/adoption"), &office, Some(&json!({"round": ROUND}))).await);
    let list: Vec<String> =
        e["rounds"][0]["list"].as_array().unwrap().iter().map(|n| n.as_str().unwrap().to_owned()).collect();
    ok(&c
        .api(
            Method::POST,
            &format!("{two}/staff"),
            &office,
            Some(&json!({"round": ROUND, "login": "ban.kp", "duty": "board"})),
        )
        .await);
    let upload = |name: &str| format!("{two}/rounds/1/ballots-file?round={ROUND}&name={name}");
    let post = async |c: &mut crate::support::Client, uri: String, token: &str, body: String| {
        let req = axum::http::Request::post(uri).header(axum::http::header::AUTHORIZATION, format!("Bearer {token}"));
        c.send(req, axum::body::Body::from(body)).await
    };
    let header = format!("ballot,{},flags\n", list.join(","));
    // Not issued yet: R-VALID-2.
    let early = post(&mut c, upload("b.csv"), &board, format!("{header}1,x,,,\n")).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", early.body);
    ok(&c
        .api(
            Method::POST,
            &format!("{two}/ballots-issued"),
            &office,
            Some(&json!({"round": ROUND, "ballots": 8, "session": 1})),
        )
        .await);
    // Refused whole, naming the file, line and column; nothing written.
    for (body, says) in [
        (format!("{header}1,x,,,\n2,x,y,,\n"), "b.csv, line 3"),
        (format!("{header}1,x,,,\n1,,x,,\n"), "counted twice"),
        ((1..=9).map(|i| format!("{i},x,,,\n")).fold(header.clone(), |a, l| a + &l), "9 ballots returned but only 8"),
        (format!("{header}0,x,,,\n"), "ballot number"),
        ("ballot,Ai đó,B,C,flags\n1,x,,,\n".to_owned(), "b.csv"),
    ] {
        let refused = post(&mut c, upload("b.csv"), &board, body).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
        assert!(refused.body.contains(says), "{says}: {}", refused.body);
    }
    assert_eq!(post(&mut c, upload("b.txt"), &board, header.clone()).await.status, StatusCode::BAD_REQUEST);
    // Only the board.
    let good =
        (1..=8).map(|i| format!("{i},{}\n", if i <= 5 { "x,,," } else { ",,x," })).fold(header.clone(), |a, l| a + &l);
    for token in [&office, &k1] {
        assert_eq!(post(&mut c, upload("b.csv"), token, good.clone()).await.status, StatusCode::FORBIDDEN);
    }
    let l = ok(&c.api(Method::GET, &format!("{two}/rounds/1/ledger?round={ROUND}"), &board, None).await);
    assert_eq!(l["entered"].as_u64(), Some(0), "nothing written by the refusals");
    let done = post(&mut c, upload("b.csv"), &board, good.clone()).await;
    assert_eq!(done.status, StatusCode::CREATED, "{}", done.body);
    assert_eq!(done.json()["ballots"].as_u64(), Some(8));
    // Once: a file adds to nothing.
    assert_eq!(post(&mut c, upload("b.csv"), &board, good).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    let closed =
        ok(&c.api(Method::POST, &format!("{two}/rounds/1/close"), &board, Some(&json!({"round": ROUND}))).await);
    let votes: Vec<u64> =
        closed["totals"]["candidates"].as_array().unwrap().iter().map(|x| x["votes"].as_u64().unwrap()).collect();
    assert_eq!(votes, [3, 8, 5]);
}

/// R-LIST-6 through the API: a committee of 3 may have 4 names (R-LIST-2);
/// the committee's 3 and two admitted from the floor (R-LIST-5) make 5: the
/// opinion ballot's votes are asked for, a tie at the cut is left to the
/// congress, and the most voted stays.
async fn the_opinion_ballot_on_people_added(db: Db) {
    let app = setup(&db).await;
    let (_, office) = app.token("vp.qt").await;
    let (_, inspection) = app.token("kt.qt").await;
    let mut c = app.anonymous();
    let create = json!({"round": ROUND, "body": "committee", "seats": 3, "title": "Bầu Ban Chấp hành"});
    ok(&c.api(Method::POST, API, &office, Some(&create)).await);
    let one = format!("{API}/1");
    for (card, name, _) in &PEOPLE[..3] {
        ok(&c
            .api(
                Method::POST,
                &format!("{one}/candidates"),
                &office,
                Some(&json!({"round": ROUND, "name": name, "card": card})),
            )
            .await);
    }
    for (card, name, _) in &PEOPLE[3..5] {
        let floor = json!({"round": ROUND, "name": name, "card": card, "floor_agree": 5, "floor_attending": 10});
        ok(&c.api(Method::POST, &format!("{one}/candidates"), &office, Some(&floor)).await);
    }
    let e = ok(&c.api(Method::GET, &format!("{one}?round={ROUND}"), &office, None).await);
    assert_eq!(e["list_check"]["rule"], "R-LIST-6", "{e}");
    let adopt = format!("{one}/adoption");
    let refused = c.api(Method::POST, &adopt, &office, Some(&json!({"round": ROUND}))).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(refused.json()["error"]["rule"], "R-LIST-6");
    let opinion = format!("{one}/opinion");
    let votes =
        |a: u32, b: u32| json!({"round": ROUND, "votes": [{"position": 4, "votes": a}, {"position": 5, "votes": b}]});
    assert_eq!(c.api(Method::POST, &opinion, &inspection, Some(&votes(6, 4))).await.status, StatusCode::FORBIDDEN);
    for bad in [
        votes(11, 4),
        json!({"round": ROUND, "votes": [{"position": 1, "votes": 3}]}),
        json!({"round": ROUND, "votes": [{"position": 4, "votes": 3}, {"position": 4, "votes": 2}]}),
    ] {
        let r = c.api(Method::POST, &opinion, &office, Some(&bad)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {}", r.body);
        assert_eq!(r.json()["error"]["rule"], "R-LIST-6");
    }
    // A tie at the cut: the congress decides, never the software.
    let e = ok(&c.api(Method::POST, &opinion, &office, Some(&votes(6, 6))).await);
    assert_eq!(e["list_check"]["rule"], "R-LIST-6");
    assert!(e["list_check"]["problem"].as_str().unwrap().contains("tie"), "{e}");
    assert_eq!(
        c.api(Method::POST, &adopt, &office, Some(&json!({"round": ROUND}))).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let e = ok(&c.api(Method::POST, &opinion, &office, Some(&votes(6, 4))).await);
    assert_eq!(e["list_check"]["ok"], true, "{e}");
    assert_eq!(
        (e["candidates"][3]["on_list"].as_bool(), e["candidates"][4]["on_list"].as_bool()),
        (Some(true), Some(false))
    );
    assert_eq!(e["candidates"][4]["opinion_votes"].as_u64(), Some(4));
    let e = ok(&c.api(Method::POST, &adopt, &office, Some(&json!({"round": ROUND}))).await);
    let list: Vec<&str> = e["rounds"][0]["list"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
    assert_eq!(list.len(), 4);
    assert!(list.contains(&"Phạm Văn Dũng") && !list.contains(&"Hoàng Văn Em"), "{list:?}");
    // Adopted: the opinion ballot is closed.
    assert_eq!(
        c.api(Method::POST, &opinion, &office, Some(&votes(1, 9))).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

/// The next server-sent event of `stream` named `totals` (its data), or
/// `None` when the stream ended; fails after five seconds.
async fn next_totals(stream: &mut axum::body::BodyDataStream, buffer: &mut String) -> Option<serde_json::Value> {
    use futures_util::StreamExt;
    loop {
        if let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            if let Some(data) = event.lines().find_map(|l| l.strip_prefix("data: ")) {
                assert!(event.contains("event: totals"), "{event}");
                return Some(serde_json::from_str(data).unwrap());
            }
            continue;
        }
        let chunk = tokio::time::timeout(std::time::Duration::from_secs(5), stream.next())
            .await
            .expect("an event within five seconds")?;
        buffer.push_str(&String::from_utf8_lossy(&chunk.unwrap()));
    }
}

/// Issue 16: the clerk's page's script posts each ballot with
/// `Accept: application/json` (the session's CSRF token in a header) and
/// gets the outcome in words: new, unchanged (a retry), a conflict (409)
/// with what the entry holds, a refusal (422). The board's projector and
/// its event stream: the board's only while the count is open (a clerk,
/// the office, the inspection and another commune refused, as the
/// ledger's totals), an update after each entry, the end at the close.
async fn the_clerks_script_and_the_projector(db: Db) {
    let app = setup(&db).await;
    prepared_by_pages(&app).await;
    let one = format!("{PAGES}/1");
    let entries = format!("{one}/rounds/1/entries");
    let projector = format!("{one}/rounds/1/projector?round={ROUND}");
    let events = format!("{one}/rounds/1/projector/events?round={ROUND}");
    let mut k1 = app.signed_in("nhap.1").await;
    let page = k1.get(&format!("{entries}?round={ROUND}")).await;
    assert!(page.body.contains("src=\"/static/entry.js\"") && page.body.contains("data-queue=\""), "{}", page.body);
    for login in ["nhap.1", "vp.qt", "kt.qt", "vp.dn"] {
        let mut c = app.signed_in(login).await;
        let status = c.get(&projector).await.status;
        assert!(matches!(status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{login}: {status}");
        let (status, _) = c.open_stream(&events).await;
        assert!(matches!(status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{login}: {status}");
    }
    assert_eq!(app.anonymous().get(&projector).await.status, StatusCode::SEE_OTHER);
    let mut board = app.signed_in("ban.kp").await;
    let page = board.get(&projector).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("data-projector=\"") && page.body.contains("id=\"entered-1\">0<"), "{}", page.body);
    assert!(page.body.contains("Lê Văn Cường"), "{}", page.body);
    let board_page = board.get(&format!("{one}/rounds/1/ledger?round={ROUND}")).await;
    assert!(board_page.body.contains("id=\"projector-link\""), "{}", board_page.body);
    let (status, body) = board.open_stream(&events).await;
    assert_eq!(status, StatusCode::OK);
    let mut stream = body.into_data_stream();
    let mut buffer = String::new();
    let first = next_totals(&mut stream, &mut buffer).await.expect("the first reading at once");
    assert_eq!((first["values"]["entered-1"].as_str(), first["closed"].as_bool()), (Some("0"), Some(false)));

    // The script's way: JSON answers.
    let done = k1.post_json_form(&entries, &[("round", ROUND), ("ballot", "1"), ("marks", "2")]).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let answer = done.json();
    assert_eq!((answer["outcome"].as_str(), answer["ballot"].as_u64()), (Some("new"), Some(1)));
    assert_eq!(answer["message"], "Đã ghi phiếu số 1.");
    let update = next_totals(&mut stream, &mut buffer).await.expect("an update after the entry");
    assert_eq!(update["values"]["entered-1"], "1");
    assert_eq!(update["values"]["settled"], "0", "one entry alone does not count");
    // A retry after a network drop writes nothing and is acknowledged.
    let again = k1.post_json_form(&entries, &[("round", ROUND), ("ballot", "1"), ("marks", "2")]).await;
    assert_eq!(again.json()["outcome"], "unchanged");
    // Other marks: 409, with what the entry holds; never overwritten.
    let conflict = k1.post_json_form(&entries, &[("round", ROUND), ("ballot", "1"), ("marks", "3 4")]).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT, "{}", conflict.body);
    let c = conflict.json();
    assert_eq!((c["outcome"].as_str(), c["held"].as_str()), (Some("conflict"), Some("2")));
    // A line the server cannot read: 422 in words.
    let bad = k1.post_json_form(&entries, &[("round", ROUND), ("ballot", "2"), ("marks", "2 9")]).await;
    assert_eq!((bad.status, bad.json()["outcome"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("refused")));
    // Without the session's CSRF token: refused.
    let mut forged = app.signed_in("nhap.1").await;
    forged.csrf = "0".repeat(64);
    let refused = forged.post_json_form(&entries, &[("round", ROUND), ("ballot", "2"), ("marks", "2")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // The second clerk agrees: ballot 1 counts, the totals move.
    let mut k2 = app.signed_in("nhap.2").await;
    let agreed = k2.post_json_form(&entries, &[("round", ROUND), ("ballot", "1"), ("marks", "2")]).await;
    assert_eq!(agreed.status, StatusCode::OK, "{}", agreed.body);
    let mut now = next_totals(&mut stream, &mut buffer).await.expect("an update");
    while now["values"]["settled"] != "1" {
        now = next_totals(&mut stream, &mut buffer).await.expect("an update");
    }
    assert_eq!((now["values"]["votes-1"].as_str(), now["values"]["votes-2"].as_str()), (Some("1"), Some("0")));
    // Closed: a last reading, then the stream ends; the projector says so.
    let closed = board.post_form(&format!("{one}/rounds/1/close"), &[("round", ROUND)]).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
    let mut last = next_totals(&mut stream, &mut buffer).await.expect("the last reading");
    while last["closed"] != true {
        last = next_totals(&mut stream, &mut buffer).await.expect("the last reading");
    }
    assert!(next_totals(&mut stream, &mut buffer).await.is_none(), "the stream ends with the count");
    let page = board.get(&projector).await;
    assert!(page.body.contains("id=\"projector-closed\"") && !page.body.contains("data-projector"), "{}", page.body);
}

daihoi_test_support::engines!(
    an_election_through_the_api,
    the_counting_pages,
    the_minutes_and_the_files,
    the_opinion_ballot_on_people_added,
    the_clerks_script_and_the_projector
);
