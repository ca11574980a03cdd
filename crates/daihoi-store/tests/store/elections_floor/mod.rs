//! Electronic votes on the floor (issue 16 §5): turned on per congress,
//! PINs issued to those convened and stored hashed, delegates' sign-in
//! with card and PIN, named votes whose base is those checked in when the
//! vote opened (R-BASE-2, R-PASS-1), one ballot per delegate per vote
//! (a retry acknowledged again, never counted twice, even at once), the
//! count and who has not voted, the presidium's declaration warned against
//! 2·for > base; secret ballots whose voters and ballots nothing joins,
//! with receipts; only the congress's office runs the votes, delegates
//! vote only on open votes of their own congress.

use daihoi_congress::agenda::{Declared, ShowOfHandsBody, VoteOn};
use daihoi_congress::{CongressKind, Contents, Length, LevelClass, Schedule};
use daihoi_core::Role;
use daihoi_core::members::CardNumber;
use daihoi_store::audit::AuditFilter;
use daihoi_store::congresses::{NewPlan, Round, RoundTemplate};
use daihoi_store::elections::floor::votes::NewFloorVote;
use daihoi_store::elections::floor::{Choice, DelegatePass, FloorSignIn};
use daihoi_store::{Db, StoreError, Viewer};
use daihoi_test_support::fixtures::{code, import, member, small_tree, user_with};
use time::Date;
use time::macros::date;

const TODAY: Date = date!(2026 - 12 - 31);

async fn entries(db: &Db) -> i64 {
    db.audit_checkpoint().await.unwrap().map_or(0, |c| c.last_id)
}

async fn round(db: &Db) -> Round {
    db.operator()
        .congresses()
        .create_round("2025-2030", "Nhiệm kỳ 2025–2030", RoundTemplate::Term2025To2030, TODAY, "x")
        .await
        .unwrap()
}

fn plan(opening: Date) -> NewPlan {
    NewPlan {
        level: LevelClass::Commune,
        kind: CongressKind::MemberCongress,
        contents: Contents::Full,
        model: false,
        planned: Schedule { opening, length: Length::days(2) },
        actual: None,
    }
}

fn card(c: &str) -> CardNumber {
    CardNumber::parse(c).unwrap()
}

fn rule(r: Result<impl std::fmt::Debug, StoreError>) -> &'static str {
    match r {
        Err(StoreError::CongressRefused { rule, .. }) => rule,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn forbidden(r: Result<impl std::fmt::Debug, StoreError>) {
    assert!(matches!(r, Err(StoreError::Forbidden(_))), "{r:?}");
}

async fn pass(db: &Db, congress: i64, who: &str, pin: &str) -> DelegatePass {
    match db.floor_sign_in(congress, who, pin, "x").await.unwrap() {
        FloorSignIn::Accepted { token, pass } => {
            assert_eq!(db.floor_pass(&token).await.unwrap().as_ref(), Some(&*pass), "the token finds its pass");
            *pass
        }
        other => panic!("{who}: {other:?}"),
    }
}

/// The people of Quảng Tân's member congress: eight official members.
const CARDS: [&str; 8] = ["003101", "003102", "003103", "003104", "003105", "003106", "003107", "003108"];

async fn setup(db: &Db) -> (Round, daihoi_store::congresses::Congress, Viewer, Viewer, Viewer) {
    small_tree(db).await;
    let mut rows: Vec<_> = CARDS
        .iter()
        .enumerate()
        .map(|(i, c)| {
            member(
                c,
                &format!("Nguyễn Văn {}", ["An", "Bình", "Cường", "Dũng", "Em", "Giang", "Hà", "Khoa"][i]),
                "QN.DH.QT.CB01",
            )
        })
        .collect();
    rows.push(member("003201", "Phạm Văn Long", "QN.TY.DN.CB01"));
    import(db, rows).await;
    let r = round(db).await;
    let office = user_with(db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let other = user_with(db, "vp.dn", Role::Office, "QN.TY.DN.CB01").await;
    let inspection = user_with(db, "kt.qt", Role::Inspection, "QN.DH.QT").await;
    let qt = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let congress =
        db.scoped(&office).congresses().plan(&r, &qt, &plan(date!(2026 - 12 - 10)), TODAY, "x").await.unwrap();
    (r, congress, office, other, inspection)
}

/// R-BODY-2, R-BASE-2, R-PASS-1 on a named vote.
async fn named_votes_count_each_delegate_once(db: Db) {
    let (r, congress, office, other, inspection) = setup(&db).await;
    let s = db.scoped(&office);
    let f = s.floor_votes();

    // Off until the office turns it on.
    assert_eq!(rule(f.issue_pins(&r, &congress, None, "x").await), "R-BODY-2");
    forbidden(db.scoped(&inspection).floor_votes().enable(&congress, "x").await);
    forbidden(db.scoped(&other).floor_votes().enable(&congress, "x").await);
    assert!(f.enable(&congress, "x").await.unwrap());
    let before = entries(&db).await;
    assert!(!f.enable(&congress, "x").await.unwrap(), "on already");
    assert_eq!(entries(&db).await, before, "on already writes nothing");
    assert!(f.enabled(&congress).await.unwrap());

    // PINs: one per person convened, six digits, never stored as given.
    forbidden(db.scoped(&inspection).floor_votes().issue_pins(&r, &congress, None, "x").await);
    let pins = f.issue_pins(&r, &congress, None, "x").await.unwrap();
    assert_eq!(pins.iter().map(|p| p.card.as_str()).collect::<Vec<_>>(), CARDS);
    assert!(pins.iter().all(|p| p.pin.len() == 6 && p.pin.bytes().all(|b| b.is_ascii_digit())));
    assert_eq!(rule(f.issue_pins(&r, &congress, Some(&card("003201")), "x").await), "R-BODY-2", "not convened");
    let pin = |c: &str| pins.iter().find(|p| p.card == c).unwrap().pin.clone();

    // Sign-in: a wrong PIN is refused; five lock the PIN until another.
    let wrong = |p: String| if p == "000000" { "111111".to_owned() } else { "000000".to_owned() };
    assert_eq!(
        db.floor_sign_in(congress.id, "003108", &wrong(pin("003108")), "x").await.unwrap(),
        FloorSignIn::Refused
    );
    assert_eq!(db.floor_sign_in(congress.id, "003201", "123456", "x").await.unwrap(), FloorSignIn::Refused);
    for _ in 0..4 {
        db.floor_sign_in(congress.id, "003108", &wrong(pin("003108")), "x").await.unwrap();
    }
    assert_eq!(db.floor_sign_in(congress.id, "003108", &pin("003108"), "x").await.unwrap(), FloorSignIn::Locked);
    let again = f.issue_pins(&r, &congress, Some(&card("003108")), "x").await.unwrap();
    let p8 = pass(&db, congress.id, "003108", &again[0].pin).await;
    let p1 = pass(&db, congress.id, "003101", &pin("003101")).await;
    let p2 = pass(&db, congress.id, "003102", &pin("003102")).await;
    assert!(db.floor_pass("00").await.unwrap().is_none());
    assert_eq!(p1.card(), "003101");
    // The delegate's viewer reaches no organization.
    forbidden(db.scoped(p1.viewer()).floor_votes().votes(&congress).await);
    forbidden(db.scoped(p1.viewer()).congresses().agenda(&congress).await);

    // R-BODY-2: no vote without a session open and people checked in.
    let on = |n| NewFloorVote { on: VoteOn::Item(n), secret: false, question: None };
    assert_eq!(rule(f.open(&congress, &on(1), "x").await), "R-BODY-2");
    let session = s.congresses().open_session(&congress, "Phiên chính thức", date!(2026 - 12 - 10), "x").await.unwrap();
    s.congresses().fill_programme(&congress, "x").await.unwrap();
    for who in &CARDS[..3] {
        s.congresses().check_in(&r, &congress, session, &card(who), "x").await.unwrap();
    }
    forbidden(db.scoped(&inspection).floor_votes().open(&congress, &on(1), "x").await);
    assert!(matches!(f.open(&congress, &on(99), "x").await, Err(StoreError::NotFound(_))));
    let v = f.open(&congress, &on(1), "x").await.unwrap();
    assert_eq!((v.number, v.session, v.base, v.secret), (1, session, 3, false), "R-BASE-2: those checked in");
    assert!(v.is_open());
    // A late check-in does not change the base of a vote open.
    s.congresses().check_in(&r, &congress, session, &card("003104"), "x").await.unwrap();
    assert_eq!(rule(f.open(&congress, &on(2), "x").await), "R-BODY-2", "one vote open at a time");

    // The delegate sees the vote; one not checked in when it opened does not vote.
    let view = db.scoped(p1.viewer()).floor_votes().for_delegate(&p1).await.unwrap();
    assert_eq!((view.vote.as_ref().map(|v| v.number), view.eligible, view.voted), (Some(1), true, false));
    assert_eq!(rule(db.scoped(p8.viewer()).floor_votes().cast(&p8, 1, Choice::For, "x").await), "R-BODY-2");
    // A pass is its holder's only.
    forbidden(db.scoped(&office).floor_votes().cast(&p1, 1, Choice::For, "x").await);
    forbidden(db.scoped(p2.viewer()).floor_votes().cast(&p1, 1, Choice::For, "x").await);

    // One ballot, acknowledged; a retry gets the same acknowledgement and
    // writes nothing; another choice is refused.
    let d1 = db.scoped(p1.viewer());
    let before = entries(&db).await;
    let first = d1.floor_votes().cast(&p1, 1, Choice::For, "x").await.unwrap();
    assert!(!first.again);
    assert_eq!(entries(&db).await, before + 1, "one audit entry per ballot");
    let retry = d1.floor_votes().cast(&p1, 1, Choice::For, "x").await.unwrap();
    assert_eq!((retry.ack.as_str(), retry.again), (first.ack.as_str(), true));
    assert_eq!(rule(d1.floor_votes().cast(&p1, 1, Choice::Against, "x").await), "R-BODY-2");
    assert_eq!(entries(&db).await, before + 1, "a retry writes nothing");
    let (_, t) = f.vote(&congress, 1).await.unwrap();
    assert_eq!((t.votes_for, t.against, t.abstaining, t.voted, t.base), (1, 0, 0, 1, 3));
    let waiting: Vec<String> = f.waiting(&congress, 1).await.unwrap().into_iter().map(|w| w.card).collect();
    assert_eq!(waiting, ["003102", "003103"]);
    assert!(db.scoped(p1.viewer()).floor_votes().for_delegate(&p1).await.unwrap().voted);
    // Readers read; the office of another organization does not.
    assert_eq!(db.scoped(&inspection).floor_votes().votes(&congress).await.unwrap().len(), 1);
    forbidden(db.scoped(&other).floor_votes().votes(&congress).await);
    forbidden(db.scoped(&other).floor_votes().waiting(&congress, 1).await);

    let d2 = db.scoped(p2.viewer());
    d2.floor_votes().cast(&p2, 1, Choice::Against, "x").await.unwrap();
    assert_eq!(rule(f.declare(&congress, 1, Declared::Adopted, "x").await), "R-BODY-2", "declared once closed");
    forbidden(db.scoped(&inspection).floor_votes().close(&congress, 1, "x").await);
    assert!(f.close(&congress, 1, "x").await.unwrap());
    assert!(!f.close(&congress, 1, "x").await.unwrap(), "closed already");
    // Closed: no ballot any more, a retry of a ballot stored still acknowledged.
    assert!(d2.floor_votes().cast(&p2, 1, Choice::Against, "x").await.unwrap().again);
    let p3 = pass(&db, congress.id, "003103", &pin("003103")).await;
    assert_eq!(rule(db.scoped(p3.viewer()).floor_votes().cast(&p3, 1, Choice::For, "x").await), "R-BODY-2");
    // R-PASS-1: 1 for of a base of 3 is no majority: declared adopted is warned.
    f.declare(&congress, 1, Declared::Adopted, "x").await.unwrap();
    let (v, t) = f.vote(&congress, 1).await.unwrap();
    assert_eq!(v.declared, Some(Declared::Adopted));
    assert!(!t.majority_for() && t.disagrees(Declared::Adopted));
    assert_eq!(
        f.ballots(&congress, 1).await.unwrap(),
        [("003101".to_owned(), Choice::For), ("003102".to_owned(), Choice::Against)]
    );

    // At once: the same delegate's ballot sent twenty times together is
    // stored once, and every request gets its acknowledgement.
    let v2 = f
        .open(
            &congress,
            &NewFloorVote { on: VoteOn::Body(ShowOfHandsBody::Presidium), secret: false, question: None },
            "x",
        )
        .await
        .unwrap();
    assert_eq!(v2.base, 4);
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let (db, p1) = (db.clone(), p1.clone());
        tasks.push(tokio::spawn(async move {
            db.scoped(p1.viewer()).floor_votes().cast(&p1, 2, Choice::Abstain, "x").await.unwrap()
        }));
    }
    let mut acks = Vec::new();
    for t in tasks {
        acks.push(t.await.unwrap());
    }
    assert_eq!(acks.iter().filter(|c| !c.again).count(), 1, "one stored");
    assert!(acks.iter().all(|c| c.ack == acks[0].ack), "one acknowledgement");
    let (_, t) = f.vote(&congress, 2).await.unwrap();
    assert_eq!((t.abstaining, t.voted), (1, 1));
    let actions = |e: &[daihoi_store::audit::AuditEntry]| e.iter().filter(|e| e.action == "floor_ballot").count();
    let (all, _) =
        db.operator().audit().audit_entries(&AuditFilter { limit: 500, ..Default::default() }).await.unwrap();
    assert_eq!(actions(&all), 3, "one entry per ballot stored");
}

/// Secret ballots: who voted and the ballots are apart, with receipts.
async fn secret_ballots_keep_no_link(db: Db) {
    let (r, congress, office, _, inspection) = setup(&db).await;
    let s = db.scoped(&office);
    let f = s.floor_votes();
    f.enable(&congress, "x").await.unwrap();
    let pins = f.issue_pins(&r, &congress, None, "x").await.unwrap();
    let session = s.congresses().open_session(&congress, "Phiên chính thức", date!(2026 - 12 - 10), "x").await.unwrap();
    s.congresses().fill_programme(&congress, "x").await.unwrap();
    for who in CARDS {
        s.congresses().check_in(&r, &congress, session, &card(who), "x").await.unwrap();
    }
    let secret = NewFloorVote { on: VoteOn::Item(3), secret: true, question: None };
    assert!(matches!(f.open(&congress, &secret, "x").await, Err(StoreError::BadText { .. })), "a question is asked");
    let secret = NewFloorVote { question: Some("Lấy phiếu giới thiệu nhân sự".into()), ..secret };
    let v = f.open(&congress, &secret, "x").await.unwrap();
    assert!(v.secret && v.base == 8);
    let mut receipts = Vec::new();
    for (i, p) in pins.iter().enumerate() {
        let pass = pass(&db, congress.id, &p.card, &p.pin).await;
        let d = db.scoped(pass.viewer());
        let receipt = daihoi_store::elections::floor::secret::new_receipt().unwrap();
        let choice = [Choice::For, Choice::Against, Choice::Abstain][i % 3];
        assert_eq!(rule(d.floor_votes().cast(&pass, 1, choice, "x").await), "R-BODY-2", "not a named vote");
        assert_eq!(rule(d.floor_votes().cast_secret(&pass, 1, choice, "xyz", "x").await), "R-BODY-2", "a receipt");
        let c = d.floor_votes().cast_secret(&pass, 1, choice, &receipt, "x").await.unwrap();
        assert_eq!((c.ack.as_str(), c.again), (receipt.as_str(), false));
        let retry = d.floor_votes().cast_secret(&pass, 1, choice, &receipt, "x").await.unwrap();
        assert!(retry.again, "a retry with the same receipt is acknowledged again");
        let other = daihoi_store::elections::floor::secret::new_receipt().unwrap();
        assert_eq!(rule(d.floor_votes().cast_secret(&pass, 1, choice, &other, "x").await), "R-BODY-2", "once");
        assert!(d.floor_votes().receipt_counted(&pass, 1, &receipt).await.unwrap());
        assert!(!d.floor_votes().receipt_counted(&pass, 1, &other).await.unwrap());
        receipts.push(receipt);
    }
    let (_, t) = f.vote(&congress, 1).await.unwrap();
    assert_eq!((t.votes_for, t.against, t.abstaining, t.voted, t.base), (3, 3, 2, 8, 8));
    assert!(f.waiting(&congress, 1).await.unwrap().is_empty());
    // Nobody reads who voted what: the ballots of a secret vote are refused
    // to everyone, the operator too.
    forbidden(f.ballots(&congress, 1).await);
    forbidden(db.operator().floor_votes().ballots(&congress, 1).await);
    // The receipts counted are public to readers, sorted by hash.
    let hashes = db.scoped(&inspection).floor_votes().receipts(&congress, 1).await.unwrap();
    assert_eq!(hashes.len(), 8);
    assert!(hashes.windows(2).all(|w| w[0] < w[1]));
    // The audit log says who voted on which vote, never the choice.
    let (all, _) =
        db.operator().audit().audit_entries(&AuditFilter { limit: 500, ..Default::default() }).await.unwrap();
    let secret: Vec<_> = all.iter().filter(|e| e.action == "floor_secret_ballot").collect();
    assert_eq!(secret.len(), 8);
    for e in secret {
        for word in ["for", "against", "abstain"] {
            assert!(!e.detail.contains(word), "{}", e.detail);
        }
    }
    // Secrecy by schema: the ballots have no column that names a person, a
    // time or an order, and none beside the vote's that the voters' has.
    let columns = db.schema_columns().await.unwrap();
    let of = |t: &str| -> Vec<String> { columns.iter().filter(|(tb, _)| tb == t).map(|(_, c)| c.clone()).collect() };
    let ballot = of("floor_secret_ballot");
    let voter = of("floor_secret_voter");
    assert_eq!(ballot, ["choice", "congress_id", "id", "receipt_hash", "vote"]);
    assert_eq!(voter, ["congress_id", "person_id", "vote"]);
    let shared: Vec<&String> = ballot.iter().filter(|c| voter.contains(c)).collect();
    assert_eq!(shared, ["congress_id", "vote"], "only the vote joins them: all its ballots, all its voters");
    // No insertion order: SQLite keeps no rowid for the ballots.
    let sqlite = include_str!("../../../migrations/sqlite/0032_floor_votes.sql");
    let table = &sqlite[sqlite.find("CREATE TABLE floor_secret_ballot").unwrap()..];
    assert!(table.trim_end().ends_with(") WITHOUT ROWID;"), "{table}");
    assert!(!sqlite.to_lowercase().contains("autoincrement"));
}

/// R-PASS-1, R-BASE-2: a close and ballots sent at the same moment. What
/// the close counted is the count for good: a ballot either is in it or
/// is refused as late, none is stored after the close (PostgreSQL: the
/// ballot holds the vote's row shared until its commit). Seven votes, each
/// closed while its eight delegates vote.
async fn a_close_racing_ballots_leaves_the_count_it_closed(db: Db) {
    let (r, congress, office, _, _) = setup(&db).await;
    let s = db.scoped(&office);
    let f = s.floor_votes();
    f.enable(&congress, "x").await.unwrap();
    let pins = f.issue_pins(&r, &congress, None, "x").await.unwrap();
    let session = s.congresses().open_session(&congress, "Phiên chính thức", date!(2026 - 12 - 10), "x").await.unwrap();
    s.congresses().fill_programme(&congress, "x").await.unwrap();
    let mut passes = Vec::new();
    for p in &pins {
        s.congresses().check_in(&r, &congress, session, &card(&p.card), "x").await.unwrap();
        passes.push(pass(&db, congress.id, &p.card, &p.pin).await);
    }
    let bodies = [
        ShowOfHandsBody::Presidium,
        ShowOfHandsBody::Secretariat,
        ShowOfHandsBody::CredentialsCommittee,
        ShowOfHandsBody::VoteCountingBoard,
    ];
    let ons = [VoteOn::Item(1), VoteOn::Item(2), VoteOn::Item(3)].into_iter().chain(bodies.map(VoteOn::Body));
    for (i, on) in ons.enumerate() {
        let v = f.open(&congress, &NewFloorVote { on, secret: false, question: None }, "x").await.unwrap();
        assert_eq!(v.base, 8);
        let mut casts = Vec::new();
        for (k, p) in passes.iter().enumerate() {
            let (db, p) = (db.clone(), p.clone());
            let choice = [Choice::For, Choice::Against, Choice::Abstain][k % 3];
            casts.push(tokio::spawn(async move {
                db.scoped(p.viewer()).floor_votes().cast(&p, v.number, choice, "x").await
            }));
        }
        // Let a few ballots through first (more each vote), then close.
        for _ in 0..i {
            tokio::task::yield_now().await;
        }
        assert!(f.close(&congress, v.number, "x").await.unwrap());
        let (_, closed) = f.vote(&congress, v.number).await.unwrap();
        let mut stored = 0;
        for c in casts {
            match c.await.unwrap() {
                Ok(cast) => {
                    assert!(!cast.again);
                    stored += 1;
                }
                Err(e) => assert_eq!(rule(Err::<(), _>(e)), "R-BODY-2", "refused as closed"),
            }
        }
        let (_, after) = f.vote(&congress, v.number).await.unwrap();
        assert_eq!(after, closed, "vote {}: nothing stored after the close", v.number);
        assert_eq!(after.voted, stored, "vote {}: every acknowledged ballot counted", v.number);
    }
}

daihoi_test_support::engines!(
    named_votes_count_each_delegate_once,
    secret_ballots_keep_no_link,
    a_close_racing_ballots_leaves_the_count_it_closed
);
