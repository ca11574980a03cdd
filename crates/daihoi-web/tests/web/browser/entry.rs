//! The clerk's entry page in a real browser (issue 16, `static/entry.js`):
//! ballots typed while the network is down are kept in the browser, shown
//! as waiting, kept across a reload, and sent when the network comes back,
//! each stored exactly once; another clerk of the same entry who already
//! recorded other marks for a number (409) is shown with both lines and
//! the explicit correction; a line the server refuses (422) comes back
//! for editing.
//!
//! The network is real: the browser reaches the app through a TCP relay
//! on loopback ([`Cable`]) that, when cut, closes every open connection
//! and every new one, as a cable pulled out; the app itself is untouched.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use daihoi_core::OrgCode;
use daihoi_election::entry::Typed;
use daihoi_election::{Ballot, BallotForm, Body, Flags};
use daihoi_store::Db;
use daihoi_store::accounts::Login;
use daihoi_store::congresses::Congress;
use daihoi_store::congresses::demo::DEMO_ROUND;
use daihoi_store::elections::{Duty, NewEntry};
use fantoccini::key::Key;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use super::harness::{Browser, PASSWORD, WAIT, run, sign_in};

/// A relay from a loopback port to the app that can be cut and restored.
struct Cable {
    addr: SocketAddr,
    up: Arc<AtomicBool>,
    open: Arc<Mutex<Vec<JoinHandle<()>>>>,
    accept: JoinHandle<()>,
}

impl Cable {
    async fn start(app: SocketAddr) -> Cable {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind the relay");
        let addr = listener.local_addr().expect("the relay's address");
        let up = Arc::new(AtomicBool::new(true));
        let open: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let (up2, open2) = (up.clone(), open.clone());
        let accept = tokio::spawn(async move {
            loop {
                let Ok((mut inbound, _)) = listener.accept().await else { return };
                if !up2.load(Ordering::SeqCst) {
                    drop(inbound);
                    continue;
                }
                let relay = tokio::spawn(async move {
                    if let Ok(mut outbound) = TcpStream::connect(app).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                open2.lock().unwrap_or_else(PoisonError::into_inner).push(relay);
            }
        });
        Cable { addr, up, open, accept }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The network fails: every connection closed, every new one refused.
    fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        for relay in self.open.lock().unwrap_or_else(PoisonError::into_inner).drain(..) {
            relay.abort();
        }
    }

    fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

impl Drop for Cable {
    fn drop(&mut self) {
        self.cut();
        self.accept.abort();
    }
}

/// An election of Quảng Tân's demo congress with four names for three
/// seats, two clerks of entry 1 (`nhapphieu.a`, `nhapphieu.b`) and a
/// ballot for each present (at most 20; the demo has 6): the congress and the
/// election's number.
async fn election(db: &Db) -> (Congress, u32) {
    db.load_demo_congresses(daihoi_demo::AS_OF).await.expect("the demo's congresses");
    db.load_demo_roll(daihoi_demo::AS_OF).await.expect("the demo's roll");
    let op = db.operator();
    let round = op.congresses().round(DEMO_ROUND).await.unwrap().expect("the demo's round");
    let opening = time::macros::date!(2025 - 05 - 20);
    let org = db.org_by_code(&OrgCode::parse("QN.DH.QT").unwrap(), opening).await.unwrap().expect("Quảng Tân");
    let congress = op.congresses().congress(&round, &org, opening).await.unwrap().expect("Quảng Tân's congress");
    let official = op.congresses().sessions(&congress).await.unwrap().last().expect("a session").number;
    let present = op.congresses().base(&round, &congress, official).await.unwrap().expect("a base").electorate.present;
    let e = op.elections();
    let n = e.create(&congress, Body::Committee, 3, "Bầu thử nhập phiếu", "test").await.unwrap();
    for name in ["Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường", "Phạm Văn Dũng"] {
        e.add_candidate(&congress, n, name, None, None, "test").await.unwrap();
    }
    e.adopt_list(&congress, n, "test").await.unwrap();
    for login in ["nhapphieu.a", "nhapphieu.b"] {
        op.accounts().create_user(&Login::parse(login).unwrap(), login, PASSWORD, None, "test").await.unwrap();
        e.assign(&congress, n, login, Duty::Entry1, "test").await.unwrap();
    }
    let ballots = present.min(20);
    assert!(ballots >= 6, "Quảng Tân's demo congress has {present} present");
    e.issue_ballots(&round, &congress, n, ballots, official, "test").await.unwrap();
    (congress, n)
}

/// What `login`'s entry holds: (ballot, typed line) by number.
async fn stored(db: &Db, login: &str, congress: &Congress, n: u32) -> Vec<(String, String)> {
    let user = db.user_by_login(login).await.unwrap().unwrap();
    let viewer = db.viewer(user).await.unwrap();
    let mine = db.scoped(&viewer).elections().my_entries(congress, n, 1).await.unwrap();
    mine.iter().map(|b| (b.number.clone(), Typed::of(&b.marks).line())).collect()
}

/// Waits until `login`'s entry holds exactly `want`.
async fn wait_stored(db: &Db, login: &str, congress: &Congress, n: u32, want: &[(&str, &str)]) {
    let want: Vec<(String, String)> = want.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect();
    let started = Instant::now();
    loop {
        let now = stored(db, login, congress, n).await;
        if now == want {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(15), "stored {now:?}, expected {want:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Types one ballot's line and Enter; the number the page proposed first
/// must be `number`.
async fn type_ballot(b: &Browser, number: u32, line: &str) {
    let started = Instant::now();
    loop {
        let shown = b.find("#ballot").await.prop("value").await.unwrap().unwrap_or_default();
        if shown == number.to_string() {
            break;
        }
        assert!(started.elapsed() < WAIT, "the page proposes ballot {shown:?}, expected {number}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let marks = b.find("#marks").await;
    marks.send_keys(&format!("{line}{}", char::from(Key::Enter))).await.unwrap();
}

/// Waits until the page says `count` ballots are waiting.
async fn wait_waiting(b: &Browser, count: usize) {
    b.find(&format!("#entry-waiting[data-count=\"{count}\"]")).await;
}

fn app_addr(b: &Browser) -> SocketAddr {
    b.base().strip_prefix("http://").expect("an http address").parse().expect("the app's address")
}

/// Ballots 1–3 typed with the network up, 4–5 with it down (shown as
/// waiting), a reload that fails with it, the page opened again once the
/// network is back: all five stored, each once with its own marks, then a sixth.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typed_ballots_survive_a_network_failure_and_a_reload() {
    run("entry_network_failure", |b| async move {
        let (congress, n) = election(&b.db).await;
        let cable = Cable::start(app_addr(&b)).await;
        let b = b.through(cable.url());
        sign_in(&b, "nhapphieu.a", PASSWORD).await;
        let page = format!("/orgs/QN.DH.QT/congress/elections/{n}/rounds/1/entries?round={DEMO_ROUND}");
        b.goto(&page).await;
        b.find("#entry-live:not([hidden])").await;
        for (number, line) in [(1, "1"), (2, "2 3"), (3, "4")] {
            type_ballot(&b, number, line).await;
        }
        wait_stored(&b.db, "nhapphieu.a", &congress, n, &[("1", "1"), ("2", "2 3"), ("3", "4")]).await;
        // The page has the server's acknowledgement of the third too.
        b.wait_text("Đã ghi phiếu số 3.").await;
        wait_waiting(&b, 0).await;

        cable.cut();
        for (number, line) in [(4, "1 2"), (5, "3")] {
            type_ballot(&b, number, line).await;
        }
        wait_waiting(&b, 2).await;
        let status = b.text("#entry-waiting").await;
        assert!(status.contains("4, 5"), "the waiting ballots named: {status}");
        assert_eq!(stored(&b.db, "nhapphieu.a", &congress, n).await.len(), 3, "nothing reached the server");
        // The clerk reloads: the network is still down, the page does not load.
        b.client().refresh().await.unwrap();
        assert!(b.client().find(fantoccini::Locator::Css("#entry-form")).await.is_err(), "no page without network");

        cable.restore();
        b.goto(&page).await;
        wait_waiting(&b, 0).await;
        let all = [("1", "1"), ("2", "2 3"), ("3", "4"), ("4", "1 2"), ("5", "3")];
        wait_stored(&b.db, "nhapphieu.a", &congress, n, &all).await;
        // The next number follows the last one sent, and the latest list shows them.
        type_ballot(&b, 6, "").await;
        let mut with_six = all.to_vec();
        with_six.push(("6", ""));
        wait_stored(&b.db, "nhapphieu.a", &congress, n, &with_six).await;
        let latest = b.text("#latest").await;
        assert!(latest.contains('5') && latest.contains('6'), "{latest}");
    })
    .await;
}

/// Two clerks of entry 1 on one stack: the other clerk recorded ballot 1
/// with other marks; this clerk's line is refused (409), both shown, the
/// stored marks untouched until the clerk chooses to replace them. A line
/// the server refuses (422) comes back for editing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conflict_is_shown_with_both_lines_and_a_choice() {
    run("entry_conflict", |b| async move {
        let (congress, n) = election(&b.db).await;
        let other = b.db.user_by_login("nhapphieu.b").await.unwrap().unwrap();
        let other = b.db.viewer(other).await.unwrap();
        let theirs = Ballot {
            number: "1".into(),
            marks: Typed::parse("3", BallotForm::CrossingOut, 4).unwrap().marks(BallotForm::CrossingOut, 4).unwrap(),
            flags: Flags::default(),
        };
        let entry = NewEntry { ballot: 1, marks: theirs.marks.clone(), flags: theirs.flags, replace: false };
        b.db.scoped(&other).elections().enter(&congress, n, 1, &entry, "test").await.unwrap();

        sign_in(&b, "nhapphieu.a", PASSWORD).await;
        let page = format!("/orgs/QN.DH.QT/congress/elections/{n}/rounds/1/entries?round={DEMO_ROUND}");
        b.goto(&page).await;
        b.find("#entry-live:not([hidden])").await;
        // This clerk types ballot 1, which the other clerk of entry 1 holds.
        b.fill("#ballot", "1").await;
        b.find("#marks").await.send_keys(&format!("2{}", char::from(Key::Enter))).await.unwrap();
        let issue = b.find(".entry-issue[data-ballot=\"1\"][data-state=\"conflict\"]").await;
        let shown = issue.text().await.unwrap();
        assert!(shown.contains("Đã ghi: 3") && shown.contains("Vừa nhập: 2"), "{shown}");
        wait_waiting(&b, 0).await;
        assert_eq!(stored(&b.db, "nhapphieu.b", &congress, n).await, [("1".to_owned(), "3".to_owned())]);
        b.find(".entry-issue[data-ballot=\"1\"] button").await.click().await.unwrap();
        wait_stored(&b.db, "nhapphieu.a", &congress, n, &[("1", "2")]).await;
        b.find("#entry-issues:empty").await;

        // A name not on the list: a hint at once, the server's refusal, the line back to edit.
        b.fill("#ballot", "2").await;
        b.fill("#marks", "9").await;
        b.find("#entry-hint:not([hidden])").await;
        b.find("#marks").await.send_keys(&char::from(Key::Enter).to_string()).await.unwrap();
        let refused = b.find(".entry-issue[data-ballot=\"2\"][data-state=\"refused\"]").await;
        refused.find(fantoccini::Locator::Css("button")).await.unwrap().click().await.unwrap();
        let marks = b.find("#marks").await.prop("value").await.unwrap().unwrap_or_default();
        assert_eq!(marks, "9", "the typed line comes back for editing");
        assert_eq!(stored(&b.db, "nhapphieu.a", &congress, n).await.len(), 1);
    })
    .await;
}
