//! Issue 16, "done when": a commune congress's committee election end to
//! end in a real browser. The commune (Quảng Lợi, 100 members, all checked
//! in to the congress's session) is prepared through the store; from the
//! list on, everything is done on the pages by the people who do it: the
//! office adopts the list and prints the ballots, two clerks with no role
//! anywhere each enter the 100 ballots (three typed differently by the
//! second), the board settles the three from the paper and closes the
//! count, the presidium's decision on the tie at the cut-off (R-RANK-2)
//! opens a second round, counted elsewhere and recorded by the board from
//! its ballots file, the minutes are printed, the province's office
//! records the approval (R-AFTER-1) and the elected are the commune's
//! committee.

use std::time::{Duration, Instant};

use daihoi_congress::{CongressKind, Contents, Length, LevelClass, Schedule};
use daihoi_core::members::CardNumber;
use daihoi_core::{OrgKind, Role};
use daihoi_store::accounts::Login;
use daihoi_test_support::fixtures::{code, import, member, org};
use serde_json::json;
use time::macros::date;

use super::harness::{Browser, PASSWORD, run, sign_in};

const ROUND: &str = "2025-2030";
const COMMUNE: &str = "QN.QLO";
const ELECTION: &str = "/orgs/QN.QLO/congress/elections/1";

/// The list in the order the committee proposes it; on the ballot, by
/// given name (R-LIST-8): An, Bình, Cường, Dũng.
/// With their card numbers (members 63, 0, 42 and 21 of [`prepare`]):
/// the approval seats a person by card.
const LIST: [(&str, &str); 4] = [
    ("Phạm Văn Dũng", "990000000063"),
    ("Nguyễn Văn An", "990000000000"),
    ("Lê Văn Cường", "990000000042"),
    ("Trần Văn Bình", "990000000021"),
];

/// What ballot `i` (1…100) of round 1 strikes, by its number on the
/// ballot: Bình on 10, Cường on 45, Dũng on 45: An 100, Bình 90, Cường
/// and Dũng 55 each, tied at the cut-off for the third seat.
fn struck(i: u32) -> &'static str {
    match i {
        1..=10 => "2",
        11..=55 => "3",
        _ => "4",
    }
}

/// The three ballots the second clerk types differently.
fn second_clerk(i: u32) -> &'static str {
    match i {
        20 => "4",
        60 => "3",
        70 => "2",
        _ => struck(i),
    }
}

/// The commune, its 100 members, the round, the congress (a member
/// congress, C-DEL-5), its session with everyone checked in; the accounts.
async fn prepare(b: &Browser) {
    let db = &b.db;
    org(db, COMMUNE, "Đảng bộ xã Quảng Lợi", OrgKind::Commune, Some("QN")).await;
    org(db, "QN.QLO.CB01", "Chi bộ thôn Quảng Lợi 1", OrgKind::Cell, Some(COMMUNE)).await;
    let (families, middles, givens) = (
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng"],
        ["Văn", "Thị", "Đức", "Minh"],
        ["An", "Bình", "Cường", "Dũng", "Hải"],
    );
    let mut rows = Vec::new();
    for (i, f) in families.iter().enumerate() {
        for (j, m) in middles.iter().enumerate() {
            for (k, g) in givens.iter().enumerate() {
                let n = i * 20 + j * 5 + k;
                rows.push(member(&format!("99000000{n:04}"), &format!("{f} {m} {g}"), "QN.QLO.CB01"));
            }
        }
    }
    assert_eq!(import(db, rows).await.created, 100);
    let today = daihoi_test_support::fixtures::TODAY;
    let c = db.operator();
    let round = c
        .congresses()
        .create_round(ROUND, "Nhiệm kỳ 2025–2030", daihoi_store::congresses::RoundTemplate::Term2025To2030, today, "t")
        .await
        .unwrap();
    let node = db.org_by_code(&code(COMMUNE), today).await.unwrap().unwrap();
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
    for n in 0..100 {
        let card = CardNumber::parse(&format!("99000000{n:04}")).unwrap();
        c.congresses().check_in(&round, &congress, session, &card, "t").await.unwrap();
    }
    b.user("vanphong.quangloi", Role::Office, COMMUNE).await;
    for login in ["nhapphieu.mot", "nhapphieu.hai", "bankiemphieu.ql"] {
        c.accounts().create_user(&Login::parse(login).unwrap(), login, PASSWORD, None, "t").await.unwrap();
    }
}

/// The value of the field at `css`, or `None` while there is no such
/// field (a page loading).
async fn value(b: &Browser, css: &str) -> Option<String> {
    let script = "const e = document.querySelector(arguments[0]); return e ? e.value : null;";
    b.client().execute(script, vec![json!(css)]).await.ok().and_then(|v| v.as_str().map(str::to_owned))
}

/// `GET path` from the page (with its session): the status, the media
/// type and the length of the answer.
async fn fetch(b: &Browser, path: &str) -> (u64, String, u64) {
    let script = "const [url, done] = arguments; \
                  fetch(url).then(r => r.arrayBuffer().then(a => done([r.status, r.headers.get('content-type'), a.byteLength]))) \
                  .catch(e => done([0, String(e), 0]));";
    let v = b.client().execute_async(script, vec![json!(path)]).await.unwrap_or_else(|e| panic!("fetch {path}: {e}"));
    (v[0].as_u64().unwrap_or(0), v[1].as_str().unwrap_or("").to_owned(), v[2].as_u64().unwrap_or(0))
}

/// Signs out through the header's form.
async fn sign_out(b: &Browser) {
    b.submit("header form[action='/logout'] button").await;
}

/// A clerk types the 100 ballots of round 1: the number, the struck names'
/// numbers, Enter; waits each time for the page to take it (the number
/// moves on and the marks are cleared, whether the page sent the ballot by
/// script or by reloading).
async fn enter_stack(b: &Browser, line: fn(u32) -> &'static str) {
    b.goto(&format!("{ELECTION}/rounds/1/entries?round={ROUND}")).await;
    for i in 1..=100u32 {
        b.fill("#ballot", &i.to_string()).await;
        b.fill("#marks", line(i)).await;
        b.find("#entry-form button[type=submit]").await.click().await.unwrap_or_else(|e| panic!("ballot {i}: {e}"));
        let typed = i.to_string();
        let started = Instant::now();
        // After the last ballot there is no next number to offer.
        while value(b, "#ballot").await.is_none_or(|v| v == typed && i < 100)
            || value(b, "#marks").await.as_deref() != Some("")
        {
            assert!(started.elapsed() < Duration::from_secs(20), "ballot {i} was not taken");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// Waits until `entry` (1 or 2) holds all 100 ballots of round 1, read
/// from the store (what the server acknowledged, not what the page shows).
async fn wait_stored(b: &Browser, entry: u8) {
    let today = daihoi_test_support::fixtures::TODAY;
    let c = b.db.operator();
    let round = c.congresses().round(ROUND).await.unwrap().unwrap();
    let node = b.db.org_by_code(&code(COMMUNE), today).await.unwrap().unwrap();
    let congress = c.congresses().congress(&round, &node, today).await.unwrap().unwrap();
    let started = Instant::now();
    loop {
        let ledger = c.elections().ledger(&congress, 1, 1).await.unwrap();
        let stored =
            ledger.lines.iter().filter(|l| if entry == 1 { l.first.is_some() } else { l.second.is_some() }).count();
        if stored == 100 {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "entry {entry}: {stored} of 100 stored");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_communes_committee_election_end_to_end() {
    run("a_communes_committee_election_end_to_end", |b| async move {
        prepare(&b).await;

        // The office: the election, its list adopted, the board, the
        // ballots printed and issued.
        sign_in(&b, "vanphong.quangloi", PASSWORD).await;
        b.goto(&format!("/orgs/{COMMUNE}/congress/elections?round={ROUND}")).await;
        b.set_value("#create-election select[name=body]", "committee").await;
        b.fill("#create-election input[name=seats]", "3").await;
        b.fill("#create-election input[name=title]", "Bầu Ban Chấp hành Đảng bộ xã Quảng Lợi").await;
        b.submit("#create-election button[type=submit]").await;
        assert!(b.path().await.starts_with(ELECTION), "{}", b.path().await);
        for (name, card) in LIST {
            b.fill("#candidate-form input[name=name]", name).await;
            b.fill("#candidate-form input[name=card]", card).await;
            b.submit("#candidate-form button[type=submit]").await;
            b.wait_text(name).await;
        }
        b.submit("#adopt-form button[type=submit]").await;
        // R-LIST-8: by given name.
        let list = b.text("#round-1 .ballot-list").await;
        assert_eq!(
            list.lines().collect::<Vec<_>>(),
            ["Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường", "Phạm Văn Dũng"]
        );
        for (login, duty) in [("nhapphieu.mot", "entry_1"), ("nhapphieu.hai", "entry_2"), ("bankiemphieu.ql", "board")]
        {
            b.fill("#staff-form input[name=login]", login).await;
            b.set_value("#staff-form select[name=duty]", duty).await;
            b.submit("#staff-form button[type=submit]").await;
            b.wait_text(login).await;
        }
        let (status, kind, bytes) =
            fetch(&b, &format!("{ELECTION}/rounds/1/ballots.pdf?round={ROUND}&per_page=2&copies=100")).await;
        assert_eq!((status, kind.as_str()), (200, "application/pdf"), "the ballots printed");
        assert!(bytes > 10_000, "{bytes} bytes of ballots");
        b.fill("#issue-form input[name=ballots]", "100").await;
        b.submit("#issue-form button[type=submit]").await;
        b.wait_text("100").await;
        sign_out(&b).await;

        // Two clerks enter the stack, each on their own.
        sign_in(&b, "nhapphieu.mot", PASSWORD).await;
        enter_stack(&b, struck).await;
        wait_stored(&b, 1).await;
        sign_out(&b).await;
        sign_in(&b, "nhapphieu.hai", PASSWORD).await;
        enter_stack(&b, second_clerk).await;
        wait_stored(&b, 2).await;
        sign_out(&b).await;

        // The board: the three ballots whose entries differ, settled from
        // the paper; the count closed.
        sign_in(&b, "bankiemphieu.ql", PASSWORD).await;
        b.goto(&format!("{ELECTION}/rounds/1/ledger?round={ROUND}")).await;
        for ballot in [20, 60, 70] {
            b.find(&format!("#ballot-{ballot}")).await;
        }
        let rows =
            b.client().execute("return document.querySelectorAll('#differ-table tbody tr').length;", vec![]).await;
        assert_eq!(rows.ok().and_then(|v| v.as_u64()), Some(3), "three ballots differ");
        for ballot in [20u32, 60, 70] {
            b.fill(&format!("#ballot-{ballot} input[name=marks]"), struck(ballot)).await;
            b.submit(&format!("#ballot-{ballot} button[type=submit]")).await;
        }
        b.submit("#close-form button[type=submit]").await;
        sign_out(&b).await;

        // The result and the decision point: An and Bình elected, Cường
        // and Dũng tied at 55 for the third seat (R-RANK-2).
        sign_in(&b, "vanphong.quangloi", PASSWORD).await;
        b.goto(&format!("{ELECTION}?round={ROUND}")).await;
        let round1 = b.text("#round-1").await;
        assert!(round1.contains("55"), "{round1}");
        b.find(".decision-form").await;
        b.set_value(".decision-form select[name=action]", "further_round").await;
        b.fill(".decision-form input[name=seats]", "1").await;
        b.fill(".decision-form textarea[name=names]", "Lê Văn Cường\nPhạm Văn Dũng").await;
        b.fill(".decision-form input[name=decided_by]", "Đoàn Chủ tịch Đại hội").await;
        b.fill(".decision-form input[name=at]", "20/08/2025 16:00").await;
        b.submit(".decision-form button[type=submit]").await;
        b.find("#round-2").await;
        let (status, kind, _) = fetch(&b, &format!("{ELECTION}/rounds/2/ballots.pdf?round={ROUND}")).await;
        assert_eq!((status, kind.as_str()), (200, "application/pdf"), "round 2's ballots printed");
        b.fill("#issue-form input[name=ballots]", "100").await;
        b.submit("#issue-form button[type=submit]").await;
        sign_out(&b).await;

        // Round 2 counted elsewhere: the board records its ballots file
        // (Cường 60, Dũng 40) and closes the count.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("phieu-lan-2.csv");
        let mut csv = String::from("ballot,Lê Văn Cường,Phạm Văn Dũng,flags\n");
        for i in 1..=100 {
            csv.push_str(&format!("{i},{}\n", if i <= 60 { ",x," } else { "x,," }));
        }
        std::fs::write(&file, csv).unwrap();
        sign_in(&b, "bankiemphieu.ql", PASSWORD).await;
        b.goto(&format!("{ELECTION}?round={ROUND}")).await;
        b.find("#round-2 .ballots-file-form input[type=file]")
            .await
            .send_keys(&file.display().to_string())
            .await
            .unwrap();
        b.submit("#round-2 .ballots-file-form button[type=submit]").await;
        assert!(b.path().await.contains("/rounds/2/ledger"), "{}", b.path().await);
        b.submit("#close-form button[type=submit]").await;

        // The result and the minutes.
        b.goto(&format!("{ELECTION}?round={ROUND}")).await;
        let elected = b.text("#elected + ol").await;
        assert_eq!(elected.lines().collect::<Vec<_>>(), ["Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường"]);
        let (status, kind, bytes) = fetch(&b, &format!("{ELECTION}/minutes?round={ROUND}&format=pdf")).await;
        assert_eq!((status, kind.as_str()), (200, "application/pdf"), "the minutes");
        assert!(bytes > 10_000);
        let (status, kind, _) = fetch(&b, &format!("{ELECTION}/minutes?round={ROUND}&format=docx")).await;
        assert_eq!(status, 200);
        assert!(kind.contains("wordprocessingml"), "{kind}");
        sign_out(&b).await;

        // The province's office records the standing committee's approval
        // (chuẩn y, R-AFTER-1): the elected become the commune's committee.
        b.user("vanphong.tinhuy.ql", Role::Office, "QN").await;
        sign_in(&b, "vanphong.tinhuy.ql", PASSWORD).await;
        b.goto(&format!("{ELECTION}/after?round={ROUND}")).await;
        b.set_value("#outcome-form select[name=outcome]", "approved").await;
        b.fill("#outcome-form input[name=approved_by]", "Ban Thường vụ Tỉnh ủy").await;
        b.set_value("#outcome-form input[name=on]", "2025-09-01").await;
        b.fill("#outcome-form input[name=reference]", "1520-QĐ/TU").await;
        b.submit("#outcome-form button[type=submit]").await;
        b.wait_text("1520-QĐ/TU").await;
        b.goto(&format!("/orgs/{COMMUNE}/committee")).await;
        let page = b.text("main").await;
        for name in ["Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường"] {
            assert!(page.contains(name), "{name} on the commune's committee: {page}");
        }
        assert!(!page.contains("Phạm Văn Dũng"), "not elected, not seated");
    })
    .await;
}
