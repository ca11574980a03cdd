//! Elections inside the application (issue 16), stored: a commune member
//! congress's committee election from its list to the elected, with the
//! ballots entered twice by two clerks, three mismatches settled by the
//! board, a tie at the cut-off decided into a second round; who may do
//! what; refusals write nothing.

use daihoi_congress::{CongressKind, LevelClass};
use daihoi_core::Role;
use daihoi_core::members::CardNumber;
use daihoi_election::entry::EntryState;
use daihoi_election::{Ballot, Body, DecisionPoint, Flags, Marks, PointKind};
use daihoi_store::Viewer;
use daihoi_store::congresses::Congress;
use daihoi_store::elections::{Duty, Entered, FloorVote, NewAction, NewDecision, NewEntry, NewRuling};
use daihoi_store::{Db, StoreError};
use daihoi_test_support::fixtures::{code, import, member, small_tree, user_with};
use time::macros::date;

use crate::congresses::{entries, plan, round};

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

fn struck(number: u32, names: usize, struck: &[usize], flags: Flags) -> NewEntry {
    NewEntry {
        ballot: number,
        marks: Marks::CrossingOut((1..=names).map(|i| !struck.contains(&i)).collect()),
        flags,
        replace: false,
    }
}

fn ballot(e: &NewEntry) -> Ballot {
    Ballot { number: e.ballot.to_string(), marks: e.marks.clone(), flags: e.flags }
}

/// A user with no role anywhere: technical staff for the board (Art. 8).
async fn staff(db: &Db, login: &str) -> Viewer {
    use daihoi_store::accounts::Login;
    let u = db
        .operator()
        .accounts()
        .create_user(&Login::parse(login).unwrap(), login, daihoi_test_support::fixtures::TEST_PASSWORD, None, "t")
        .await
        .unwrap();
    db.viewer(u).await.unwrap()
}

/// The commune's member congress with its ten members all checked in to
/// its first session: its office and the congress.
async fn congress(db: &Db) -> (Viewer, daihoi_store::congresses::Round, Congress) {
    small_tree(db).await;
    import(db, PEOPLE.iter().map(|(c, n, o)| member(c, n, o)).collect()).await;
    let today = date!(2026 - 12 - 31);
    let r = round(db).await;
    let office = user_with(db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let qt = db.org_by_code(&code("QN.DH.QT"), today).await.unwrap().unwrap();
    let c = db.scoped(&office);
    let congress = c
        .congresses()
        .plan(&r, &qt, &plan(LevelClass::Commune, CongressKind::MemberCongress, date!(2026 - 12 - 10), 2), today, "x")
        .await
        .unwrap();
    let session = c.congresses().open_session(&congress, "Phiên chính thức", date!(2026 - 12 - 10), "x").await.unwrap();
    for (card, _, _) in PEOPLE {
        c.congresses().check_in(&r, &congress, session, &CardNumber::parse(card).unwrap(), "x").await.unwrap();
    }
    (office, r, congress)
}

/// R-BODY-2, R-LIST-1…8, R-BASE-1, R-VALID-8, R-PASS-1, R-RANK-2: the
/// whole election, as issue 16's "done when" runs it, in the store.
async fn a_committee_election_from_list_to_elected(db: Db) {
    let (office, r, congress) = congress(&db).await;
    let o = db.scoped(&office);
    let e = o.elections();
    let inspection = user_with(&db, "kt.qt", Role::Inspection, "QN.DH.QT").await;
    let refused = db.scoped(&inspection).elections().create(&congress, Body::Committee, 3, "Bầu BCH", "x").await;
    assert!(matches!(refused, Err(StoreError::Forbidden(_))), "{refused:?}");

    let n = e.create(&congress, Body::Committee, 3, "Bầu Ban Chấp hành khóa mới", "x").await.unwrap();
    assert_eq!(n, 1);
    // The convening committee's list, in the order entered.
    for (card, name, _) in &PEOPLE[..4] {
        let card = CardNumber::parse(card).unwrap();
        e.add_candidate(&congress, n, name, Some(&card), None, "x").await.unwrap();
    }
    let twice = e.add_candidate(&congress, n, "Lê Văn Cường", None, None, "x").await;
    assert!(matches!(twice, Err(StoreError::ElectionRefused { rule: "R-BALLOT-1", .. })), "{twice:?}");
    // R-LIST-5 (W9's rule): 3 of 10 is not more than 30%, 4 of 10 is.
    let p = e
        .add_candidate(&congress, n, "Hoàng Văn Em", None, Some(FloorVote { agree: 3, attending: 10 }), "x")
        .await
        .unwrap();
    let view = e.view(&congress, n).await.unwrap().unwrap();
    assert!(!view.candidates[p as usize - 1].on_list(), "R-LIST-5: 30% is not more than 30%");
    assert_eq!(view.list().len(), 4);
    let q = e
        .add_candidate(&congress, n, "Vũ Văn Phúc", None, Some(FloorVote { agree: 4, attending: 10 }), "x")
        .await
        .unwrap();
    let impossible =
        e.add_candidate(&congress, n, "X Y", None, Some(FloorVote { agree: 11, attending: 10 }), "x").await;
    assert!(matches!(impossible, Err(StoreError::ElectionRefused { rule: "R-LIST-5", .. })), "{impossible:?}");
    // 5 names for 3 seats is a surplus of 2 where R-LIST-2 allows 1; one of
    // them was added at the congress, so R-LIST-6's opinion ballot decides
    // who stays: refused until its votes are recorded, nothing written.
    let before = entries(&db).await;
    let wide = e.adopt_list(&congress, n, "x").await;
    assert!(matches!(wide, Err(StoreError::ElectionRefused { rule: "R-LIST-6", .. })), "{wide:?}");
    assert_eq!(entries(&db).await, before);
    // R-LIST-7: the congress decides the withdrawal, with who decided.
    e.withdraw(&congress, n, q, "Đại hội biểu quyết", "xin rút vì lý do sức khỏe", "x").await.unwrap();
    // R-LIST-8: ballot order by given name.
    let order = e.adopt_list(&congress, n, "x").await.unwrap();
    assert_eq!(order, ["Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường", "Phạm Văn Dũng"]);
    let late = e.add_candidate(&congress, n, "Ngô Văn Khánh", None, None, "x").await;
    assert!(matches!(late, Err(StoreError::ElectionRefused { .. })), "the list is adopted: {late:?}");

    // The board: two clerks and the board, accounts with no role anywhere.
    let (c1, c2, board) = (staff(&db, "nhap.1").await, staff(&db, "nhap.2").await, staff(&db, "ban.kp").await);
    e.assign(&congress, n, "nhap.1", Duty::Entry1, "x").await.unwrap();
    e.assign(&congress, n, "nhap.2", Duty::Entry2, "x").await.unwrap();
    e.assign(&congress, n, "ban.kp", Duty::Board, "x").await.unwrap();
    let (k1, k2, b) = (db.scoped(&c1), db.scoped(&c2), db.scoped(&board));
    let early = k1.elections().enter(&congress, n, 1, &struck(1, 4, &[2], Flags::default()), "x").await;
    assert!(matches!(early, Err(StoreError::ElectionRefused { .. })), "not issued yet: {early:?}");

    // R-BASE-1: ten convened, ten present, base 10.
    let over = e.issue_ballots(&r, &congress, n, 11, 1, "x").await;
    assert!(matches!(over, Err(StoreError::ElectionRefused { rule: "R-VALID-1", .. })), "{over:?}");
    e.issue_ballots(&r, &congress, n, 10, 1, "x").await.unwrap();

    // Round 1: A kept by all, B struck twice, C four times, D four times.
    let first: Vec<NewEntry> = (1..=10u32)
        .map(|i| {
            struck(
                i,
                4,
                &[if i <= 2 {
                    2
                } else if i <= 6 {
                    3
                } else {
                    4
                }],
                Flags::default(),
            )
        })
        .collect();
    let mut second = first.clone();
    second[4] = struck(5, 4, &[4], Flags::default());
    second[7] = struck(8, 4, &[4], Flags { marked: true, ..Flags::default() });
    second[8] = struck(9, 4, &[3, 4], Flags::default());
    for entry in &first {
        assert_eq!(k1.elections().enter(&congress, n, 1, entry, "x").await.unwrap(), Entered::New);
    }
    // A retry after a network drop changes nothing; other marks are refused.
    assert_eq!(k1.elections().enter(&congress, n, 1, &first[0], "x").await.unwrap(), Entered::Unchanged);
    let other = k1.elections().enter(&congress, n, 1, &second[4], "x").await;
    assert!(matches!(other, Err(StoreError::BallotEntered { ballot: 5, entry: 1 })), "{other:?}");
    let beyond = k1.elections().enter(&congress, n, 1, &struck(11, 4, &[1], Flags::default()), "x").await;
    assert!(matches!(beyond, Err(StoreError::ElectionRefused { rule: "R-VALID-1", .. })), "{beyond:?}");
    for entry in &second {
        k2.elections().enter(&congress, n, 1, entry, "x").await.unwrap();
    }
    // The two entries are independent: each clerk reads only their own.
    let mine = k2.elections().my_entries(&congress, n, 1).await.unwrap();
    assert_eq!(mine[4], ballot(&second[4]));
    // Who may not: the board enters nothing, clerks settle nothing, the
    // office and inspection read no totals while the count is open.
    let no = b.elections().enter(&congress, n, 1, &first[0], "x").await;
    assert!(matches!(no, Err(StoreError::Forbidden(_))), "{no:?}");
    let no = k1.elections().settle(&congress, n, 1, &ballot(&first[4]), "x").await;
    assert!(matches!(no, Err(StoreError::Forbidden(_))), "{no:?}");
    for v in [&office, &inspection] {
        let no = db.scoped(v).elections().ledger(&congress, n, 1).await;
        assert!(matches!(no, Err(StoreError::Forbidden(_))), "{no:?}");
    }

    let ledger = b.elections().ledger(&congress, n, 1).await.unwrap();
    let differing: Vec<u32> = ledger.differing().map(|l| l.number).collect();
    assert_eq!(differing, [5, 8, 9]);
    let totals = ledger.totals.as_ref().unwrap();
    assert_eq!(totals.returned, 7, "only ballots whose entries agree count");
    let before = entries(&db).await;
    let early = b.elections().close(&congress, n, 1, "x").await;
    assert!(matches!(early, Err(StoreError::ElectionRefused { rule: "R-VALID-8", .. })), "{early:?}");
    assert_eq!(entries(&db).await, before, "refused, nothing written");
    // The board reads the paper.
    for entry in [&first[4], &first[7], &first[8]] {
        b.elections().settle(&congress, n, 1, &ballot(entry), "x").await.unwrap();
    }
    let agree = b.elections().settle(&congress, n, 1, &ballot(&first[0]), "x").await;
    assert!(matches!(agree, Err(StoreError::ElectionRefused { .. })), "{agree:?}");
    b.elections()
        .rule(&congress, n, 1, &NewRuling { ballot: 10, valid: true, reason: "vết mực vô ý, không phải dấu hiệu" }, "x")
        .await
        .unwrap();
    let count = b.elections().close(&congress, n, 1, "x").await.unwrap();
    // W8's shape: A 10, B 8, C 6, D 6; base 10 needs 6 (R-PASS-1); a tie
    // at the cut-off for the last seat (R-RANK-2).
    let votes: Vec<u32> = count.candidates.iter().map(|c| c.votes).collect();
    assert_eq!(votes, [10, 8, 6, 6]);
    assert_eq!((count.base, count.needed, count.valid), (10, 6, 10));
    assert_eq!(count.elected, ["Nguyễn Văn An", "Trần Văn Bình"]);
    assert_eq!(
        count.decisions_needed,
        [DecisionPoint::TieAtCutoff {
            seats: 1, candidates: vec!["Lê Văn Cường".into(), "Phạm Văn Dũng".into()]
        }]
    );
    // Once closed, the congress's readers see it; clerks enter no more.
    let read = db.scoped(&inspection).elections().ledger(&congress, n, 1).await.unwrap();
    assert!(read.lines.iter().all(|l| matches!(l.state, EntryState::Settled { .. })));
    let after = k1.elections().enter(&congress, n, 1, &first[0], "x").await;
    assert!(matches!(after, Err(StoreError::ElectionRefused { .. })), "{after:?}");

    // The presidium's decision: a further round among the tied.
    let decision = |list: &[&str]| NewDecision {
        round: 1,
        point: PointKind::TieAtCutoff,
        action: NewAction::FurtherRound { seats: 1, list: list.iter().map(|s| s.to_string()).collect() },
        decided_by: "Đoàn Chủ tịch, Đại hội biểu quyết".into(),
        at: "10/12/2026 16:00".into(),
        reason: "bầu tiếp trong số các đồng chí bằng phiếu".into(),
    };
    let wrong = e.decide(&congress, n, &decision(&["Lê Văn Cường", "Nguyễn Văn An"]), "x").await;
    assert!(matches!(wrong, Err(StoreError::ElectionRefused { .. })), "{wrong:?}");
    e.decide(&congress, n, &decision(&["Lê Văn Cường", "Phạm Văn Dũng"]), "x").await.unwrap();
    let view = e.view(&congress, n).await.unwrap().unwrap();
    assert_eq!(view.rounds.len(), 2);
    assert_eq!(view.rounds[1].list, ["Lê Văn Cường", "Phạm Văn Dũng"]);
    assert!(view.proceedings.as_ref().unwrap().open_points().is_empty());

    // Round 2: Cường kept on six ballots, Dũng on four.
    e.issue_ballots(&r, &congress, n, 10, 1, "x").await.unwrap();
    for i in 1..=10u32 {
        let entry = struck(i, 2, &[if i <= 6 { 2 } else { 1 }], Flags::default());
        k1.elections().enter(&congress, n, 2, &entry, "x").await.unwrap();
        k2.elections().enter(&congress, n, 2, &entry, "x").await.unwrap();
    }
    b.elections().close(&congress, n, 2, "x").await.unwrap();
    let view = e.view(&congress, n).await.unwrap().unwrap();
    let p = view.proceedings.unwrap();
    assert_eq!(p.elected(), ["Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường"]);
    assert!(p.open_points().is_empty());
    assert_eq!(view.decisions.len(), 1);
}

daihoi_test_support::engines!(a_committee_election_from_list_to_elected);
