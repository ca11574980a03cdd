//! After the count (issue 16 §4), stored: the higher committee's approval
//! once the count is finished, by the office above only, refusing a person
//! (R-AFTER-1), the elected seated on the committee in the same audited
//! write and nothing more the second time; the annulment (R-AFTER-3); the
//! complaint window and complaints (R-AFTER-2); the ballots sealed, kept 6
//! months and destroyed only then and with no complaint open (R-AFTER-4);
//! delegates and alternates onto the higher congress's roll (R-DELEG-1);
//! the secretary's election stopped when the planned secretary is not
//! elected to the committee, until the higher committee's direction
//! (R-RANK-4, C-PER-13).

use daihoi_congress::{Approval, CongressKind, LevelClass, Position, SeatSource};
use daihoi_core::Role;
use daihoi_core::members::CardNumber;
use daihoi_election::{Body, Flags, Marks};
use daihoi_petitions::{CalendarDay, DayKind};
use daihoi_store::Viewer;
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::elections::after::{
    NewComplaint, NewOutcome, NewSealing, OutcomeKind, Post, Seating, Standing, working_days_after,
};
use daihoi_store::elections::{Duty, NewEntry};
use daihoi_store::{Db, StoreError};
use daihoi_test_support::fixtures::{code, import, member, small_tree, user_with};
use time::Date;
use time::macros::date;

use crate::congresses::{entries, plan, round};

const PEOPLE: [(&str, &str, &str); 6] = [
    ("005101", "Nguyễn Văn An", "QN.DH.QT.CB01"),
    ("005102", "Trần Văn Bình", "QN.DH.QT.CB01"),
    ("005103", "Lê Văn Cường", "QN.DH.QT.CB01"),
    ("005104", "Phạm Văn Dũng", "QN.DH.QT.CB02"),
    ("005105", "Hoàng Văn Em", "QN.DH.QT.CB02"),
    ("005106", "Bùi Thị Hà", "QN.DH.QT.CB02"),
];

const TODAY: Date = date!(2026 - 12 - 31);

fn approval(on: Date, reference: &str) -> Approval {
    Approval { approved_by: "Ban Thường vụ Huyện ủy Đầm Hà".into(), on, reference: reference.into() }
}

fn approve(refused: &[&str]) -> NewOutcome {
    NewOutcome {
        kind: OutcomeKind::Approved,
        approval: approval(date!(2026 - 12 - 20), "215-QĐ/HU"),
        refused: refused.iter().map(|s| s.to_string()).collect(),
        note: String::new(),
    }
}

struct Setting {
    office: Viewer,
    above: Viewer,
    round: Round,
    congress: Congress,
    board: Viewer,
}

/// The commune's member congress, its six members checked in, its office,
/// the district's office (the office above) and a board account.
async fn setting(db: &Db) -> Setting {
    small_tree(db).await;
    import(db, PEOPLE.iter().map(|(c, n, o)| member(c, n, o)).collect()).await;
    let r = round(db).await;
    let office = user_with(db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let above = user_with(db, "vp.dh", Role::Office, "QN.DH").await;
    let qt = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let c = db.scoped(&office);
    let congress = c
        .congresses()
        .plan(&r, &qt, &plan(LevelClass::Commune, CongressKind::MemberCongress, date!(2026 - 12 - 10), 2), TODAY, "x")
        .await
        .unwrap();
    let session = c.congresses().open_session(&congress, "Phiên chính thức", date!(2026 - 12 - 10), "x").await.unwrap();
    for (card, _, _) in PEOPLE {
        c.congresses().check_in(&r, &congress, session, &CardNumber::parse(card).unwrap(), "x").await.unwrap();
    }
    use daihoi_store::accounts::Login;
    let u = db
        .operator()
        .accounts()
        .create_user(
            &Login::parse("ban.kp").unwrap(),
            "ban.kp",
            daihoi_test_support::fixtures::TEST_PASSWORD,
            None,
            "t",
        )
        .await
        .unwrap();
    let board = db.viewer(u).await.unwrap();
    Setting { office, above, round: r, congress, board }
}

/// An election of `body` for `seats` among `names` (indexes into PEOPLE,
/// more than the seats), its list adopted, six ballots issued and entered
/// twice, ballot `b` striking the names at `struck(b)` (positions in ballot
/// order from 1), its count left open unless `close`.
async fn election(
    db: &Db,
    s: &Setting,
    body: Body,
    seats: u32,
    names: &[usize],
    struck: fn(u32) -> Vec<usize>,
    close: bool,
) -> u32 {
    let e = db.scoped(&s.office);
    let e = e.elections();
    let n = e.create(&s.congress, body, seats, "Bầu thử", "x").await.unwrap();
    for i in names {
        let (card, name, _) = PEOPLE[*i];
        e.add_candidate(&s.congress, n, name, Some(&CardNumber::parse(card).unwrap()), None, "x").await.unwrap();
    }
    e.adopt_list(&s.congress, n, "x").await.unwrap();
    e.assign(&s.congress, n, "ban.kp", Duty::Board, "x").await.unwrap();
    let clerks: Vec<Viewer> = {
        let mut v = Vec::new();
        for (k, duty) in [(1, Duty::Entry1), (2, Duty::Entry2)] {
            let login = format!("nhap.{n}.{k}");
            use daihoi_store::accounts::Login;
            let u = db
                .operator()
                .accounts()
                .create_user(
                    &Login::parse(&login).unwrap(),
                    &login,
                    daihoi_test_support::fixtures::TEST_PASSWORD,
                    None,
                    "t",
                )
                .await
                .unwrap();
            e.assign(&s.congress, n, &login, duty, "x").await.unwrap();
            v.push(db.viewer(u).await.unwrap());
        }
        v
    };
    e.issue_ballots(&s.round, &s.congress, n, 6, 1, "x").await.unwrap();
    let list = e.view(&s.congress, n).await.unwrap().unwrap().rounds[0].list.len();
    for b in 1..=6u32 {
        let marks = Marks::CrossingOut((1..=list).map(|i| !struck(b).contains(&i)).collect());
        let entry = NewEntry { ballot: b, marks, flags: Flags::default(), replace: false };
        for c in &clerks {
            db.scoped(c).elections().enter(&s.congress, n, 1, &entry, "x").await.unwrap();
        }
    }
    if close {
        db.scoped(&s.board).elections().close(&s.congress, n, 1, "x").await.unwrap();
    }
    n
}

/// R-AFTER-1: provisional until the office above records the approval;
/// refused before the count is finished and by anyone else; the elected
/// less the refused are seated on the committee in the same write; the
/// same approval again writes nothing, another is refused.
async fn the_higher_committee_approves_and_the_elected_are_seated(db: Db) {
    let s = setting(&db).await;
    // Ballot order: An, Bình, Cường, Dũng; Dũng struck on every ballot.
    let n = election(&db, &s, Body::Committee, 3, &[0, 1, 2, 3], |_| vec![4], false).await;
    let above = db.scoped(&s.above);
    let e = above.elections();
    assert_eq!(e.after(&s.congress, n).await.unwrap().standing, Standing::Counting);
    let before = entries(&db).await;
    let early = e.record_outcome(&s.congress, n, &approve(&[]), TODAY, "x").await;
    assert!(matches!(early, Err(StoreError::ElectionRefused { rule: "R-AFTER-1", .. })), "{early:?}");
    assert_eq!(entries(&db).await, before, "refused, nothing written");
    db.scoped(&s.board).elections().close(&s.congress, n, 1, "x").await.unwrap();
    let view = e.after(&s.congress, n).await.unwrap();
    assert_eq!(view.standing, Standing::Provisional, "R-AFTER-1: provisional until approved");
    assert_eq!(view.elected.len(), 3);

    // Not the office above: the congress's own office, the inspection above.
    let inspection = user_with(&db, "kt.dh", Role::Inspection, "QN.DH").await;
    let before = entries(&db).await;
    for v in [&s.office, &inspection] {
        let no = db.scoped(v).elections().record_outcome(&s.congress, n, &approve(&[]), TODAY, "x").await;
        assert!(matches!(no, Err(StoreError::Forbidden(_))), "{no:?}");
    }
    let stranger = e.record_outcome(&s.congress, n, &approve(&["Phạm Văn Dũng"]), TODAY, "x").await;
    assert!(matches!(stranger, Err(StoreError::ElectionRefused { rule: "R-AFTER-1", .. })), "{stranger:?}");
    let future = NewOutcome { approval: approval(date!(2027 - 01 - 05), "215-QĐ/HU"), ..approve(&[]) };
    let future = e.record_outcome(&s.congress, n, &future, TODAY, "x").await;
    assert!(matches!(future, Err(StoreError::ElectionRefused { rule: "R-AFTER-1", .. })), "{future:?}");
    assert_eq!(entries(&db).await, before, "refused, nothing written");

    // Approved, Cường refused: An and Bình seated, one audited write.
    let before = entries(&db).await;
    assert!(e.record_outcome(&s.congress, n, &approve(&["Lê Văn Cường"]), TODAY, "x").await.unwrap());
    assert_eq!(entries(&db).await, before + 3, "the approval and two seats");
    let view = e.after(&s.congress, n).await.unwrap();
    assert_eq!(view.standing, Standing::Approved);
    let seating: Vec<(&str, Seating)> = view.seating.iter().map(|l| (l.name.as_str(), l.seating)).collect();
    assert!(seating.contains(&("Lê Văn Cường", Seating::Refused)), "{seating:?}");
    assert_eq!(seating.iter().filter(|(_, s)| *s == Seating::Seated).count(), 2, "{seating:?}");
    let qt = s.congress.org.clone();
    let committee = db.scoped(&s.office).congresses().committee(&qt, TODAY).await.unwrap();
    let mut seated: Vec<&str> = committee.iter().map(|c| c.name.as_str()).collect();
    seated.sort_unstable();
    assert_eq!(seated, ["Nguyễn Văn An", "Trần Văn Bình"]);
    assert!(committee.iter().all(|c| c.seat.position == Position::Member
        && c.seat.source == SeatSource::Election
        && c.seat.reference == "215-QĐ/HU"
        && c.seat.from == date!(2026 - 12 - 20)));

    // Idempotent: the same again writes nothing; another decision is refused.
    let before = entries(&db).await;
    assert!(!e.record_outcome(&s.congress, n, &approve(&["Lê Văn Cường"]), TODAY, "x").await.unwrap());
    assert_eq!(entries(&db).await, before);
    let other = e.record_outcome(&s.congress, n, &approve(&[]), TODAY, "x").await;
    assert!(matches!(other, Err(StoreError::ElectionRefused { rule: "R-AFTER-1", .. })), "{other:?}");
    assert_eq!(db.scoped(&s.office).congresses().committee(&qt, TODAY).await.unwrap().len(), 2);
}

/// R-AFTER-3: the higher committee annuls and orders a new election:
/// nobody is seated; the annulment says what it orders.
async fn the_higher_committee_annuls(db: Db) {
    let s = setting(&db).await;
    let n = election(&db, &s, Body::Committee, 3, &[0, 1, 2, 3], |_| vec![4], true).await;
    let e = db.scoped(&s.above);
    let e = e.elections();
    let annul = NewOutcome {
        kind: OutcomeKind::Annulled,
        approval: approval(date!(2026 - 12 - 22), "220-QĐ/HU"),
        refused: Vec::new(),
        note: "Bầu cử không đúng quy chế; tổ chức bầu lại".into(),
    };
    let with_names = NewOutcome { refused: vec!["Nguyễn Văn An".into()], ..annul.clone() };
    let no = e.record_outcome(&s.congress, n, &with_names, TODAY, "x").await;
    assert!(matches!(no, Err(StoreError::ElectionRefused { rule: "R-AFTER-3", .. })), "{no:?}");
    assert!(e.record_outcome(&s.congress, n, &annul, TODAY, "x").await.unwrap());
    let view = e.after(&s.congress, n).await.unwrap();
    assert_eq!(view.standing, Standing::Annulled);
    assert!(view.seating.is_empty());
    assert!(db.scoped(&s.office).congresses().committee(&s.congress.org, TODAY).await.unwrap().is_empty());
}

/// R-AFTER-2, R-AFTER-4: the complaint window (15 working days, Monday to
/// Friday), complaints; the ballots sealed and kept 6 months, their
/// destruction refused before then and while a complaint is open.
async fn complaints_and_the_ballots_kept(db: Db) {
    let s = setting(&db).await;
    let n = election(&db, &s, Body::Committee, 3, &[0, 1, 2, 3], |_| vec![4], true).await;
    let o = db.scoped(&s.office);
    let e = o.elections();
    let view = e.after(&s.congress, n).await.unwrap();
    // Opening Thursday 10/12/2026, two days: closing Friday 11/12; 15
    // working days later is Friday 1/1/2027 (holidays not deducted).
    assert_eq!(view.closing_day, date!(2026 - 12 - 11));
    assert_eq!(view.complaints_until, date!(2027 - 01 - 01));
    assert_eq!(view.complaints_until, working_days_after(view.closing_day, 15));
    assert_eq!(view.complaints_until_awaits, Some(2026), "2026's calendar is not confirmed");

    let complaint = NewComplaint {
        received_on: date!(2026 - 12 - 14),
        from: "Đảng viên chi bộ thôn Đồng Tâm".into(),
        summary: "Khiếu nại về việc kiểm phiếu".into(),
        sent_on: Some(date!(2026 - 12 - 15)),
    };
    let inspection = user_with(&db, "kt.qt", Role::Inspection, "QN.DH.QT").await;
    let no = db.scoped(&inspection).elections().record_complaint(&s.congress, n, &complaint, TODAY, "x").await;
    assert!(matches!(no, Err(StoreError::Forbidden(_))), "{no:?}");
    assert_eq!(e.record_complaint(&s.congress, n, &complaint, TODAY, "x").await.unwrap(), 1);

    let later = date!(2027 - 07 - 01);
    let no = e.destroy_ballots(&s.congress, n, &approval(date!(2027 - 06 - 12), "5-QĐ/ĐU"), later, "x").await;
    assert!(matches!(no, Err(StoreError::ElectionRefused { rule: "R-AFTER-4", .. })), "unsealed: {no:?}");
    let sealing = NewSealing {
        sealed_on: date!(2026 - 12 - 11),
        held_by: "Văn phòng Đảng ủy".into(),
        kept_at: "Tủ hồ sơ số 2".into(),
    };
    assert!(e.seal_ballots(&s.congress, n, &sealing, TODAY, "x").await.unwrap());
    let kept = e.after(&s.congress, n).await.unwrap().ballots.unwrap();
    assert_eq!(kept.keep_until, date!(2027 - 06 - 11), "R-AFTER-4: 6 months");
    let before = entries(&db).await;
    let early = e.destroy_ballots(&s.congress, n, &approval(date!(2027 - 06 - 10), "5-QĐ/ĐU"), later, "x").await;
    assert!(matches!(early, Err(StoreError::ElectionRefused { rule: "R-AFTER-4", .. })), "{early:?}");
    let open = e.destroy_ballots(&s.congress, n, &approval(date!(2027 - 06 - 11), "5-QĐ/ĐU"), later, "x").await;
    assert!(
        matches!(&open, Err(StoreError::ElectionRefused { rule: "R-AFTER-4", detail }) if detail.contains("complaint 1")),
        "{open:?}"
    );
    assert_eq!(entries(&db).await, before, "refused, nothing written");
    assert!(
        e.settle_complaint(&s.congress, n, 1, &approval(date!(2027 - 01 - 20), "12-KL/UBKT"), later, "x")
            .await
            .unwrap()
    );
    assert!(e.destroy_ballots(&s.congress, n, &approval(date!(2027 - 06 - 11), "5-QĐ/ĐU"), later, "x").await.unwrap());
    let view = e.after(&s.congress, n).await.unwrap();
    assert!(view.ballots.unwrap().destroyed.is_some());
    assert!(!view.complaints[0].open() && !view.complaints[0].late);

    // R-AFTER-2 on the calendar (P-3): once 2026 and 2027 are confirmed,
    // New Year's Day 2027 is off and the window ends on Monday 4 January.
    let op = db.operator();
    let p = op.petitions();
    p.confirm_year(2026, "Lịch nghỉ năm 2026", TODAY, "x").await.unwrap();
    p.confirm_year(2027, "Lịch nghỉ năm 2027", TODAY, "x").await.unwrap();
    let new_year =
        CalendarDay { date: date!(2027 - 01 - 01), kind: DayKind::Holiday, name: "Tết Dương lịch".into() };
    p.add_day(&new_year, TODAY, "x").await.unwrap();
    let view = e.after(&s.congress, n).await.unwrap();
    assert_eq!((view.complaints_until, view.complaints_until_awaits), (date!(2027 - 01 - 04), None));
}

/// R-RANK-4, C-PER-13: Hà is planned for secretary but not on the
/// committee's list: once its count is finished the secretary's election is
/// refused until the office above records the higher committee's direction.
async fn the_secretary_election_stops_when_the_planned_secretary_is_not_elected(db: Db) {
    let s = setting(&db).await;
    let o = db.scoped(&s.office);
    let e = o.elections();
    assert!(e.plan_leader(&s.congress, Post::Secretary, "Bùi Thị Hà", "x").await.unwrap());
    assert!(!e.plan_leader(&s.congress, Post::Secretary, "Bùi Thị Hà", "x").await.unwrap());
    // Before the committee's count: nothing is known, nothing stops.
    let open = election(&db, &s, Body::Committee, 3, &[0, 1, 2, 3], |_| vec![4], false).await;
    assert!(!e.planned_leaders(&s.congress).await.unwrap()[0].stopped);
    db.scoped(&s.board).elections().close(&s.congress, open, 1, "x").await.unwrap();
    let status = &e.planned_leaders(&s.congress).await.unwrap()[0];
    assert!(status.known && !status.elected && status.stopped, "{status:?}");
    let before = entries(&db).await;
    let stopped = e.create(&s.congress, Body::Secretary, 1, "Bầu Bí thư", "x").await;
    assert!(matches!(stopped, Err(StoreError::ElectionRefused { rule: "R-RANK-4", .. })), "{stopped:?}");
    assert_eq!(entries(&db).await, before);
    // Other elections go on.
    e.create(&s.congress, Body::DeputySecretary, 1, "Bầu Phó Bí thư", "x").await.unwrap();
    let changed = e.plan_leader(&s.congress, Post::Secretary, "Nguyễn Văn An", "x").await;
    assert!(matches!(changed, Err(StoreError::ElectionRefused { rule: "R-RANK-4", .. })), "{changed:?}");
    // Only the office above records the direction.
    let direction = approval(date!(2026 - 12 - 12), "30-CV/HU");
    let says = "Giới thiệu đồng chí Nguyễn Văn An để Ban Chấp hành bầu Bí thư";
    let no = e.direct_leader(&s.congress, Post::Secretary, &direction, says, TODAY, "x").await;
    assert!(matches!(no, Err(StoreError::Forbidden(_))), "{no:?}");
    let a = db.scoped(&s.above);
    assert!(a.elections().direct_leader(&s.congress, Post::Secretary, &direction, says, TODAY, "x").await.unwrap());
    assert!(!e.planned_leaders(&s.congress).await.unwrap()[0].stopped);
    e.create(&s.congress, Body::Secretary, 1, "Bầu Bí thư", "x").await.unwrap();
    // Nothing stopped for the inspection chair: nobody is planned.
    e.create(&s.congress, Body::InspectionChair, 1, "Bầu Chủ nhiệm UBKT", "x").await.unwrap();
}

/// R-DELEG-1, C-DEL-10: approved delegates join the higher congress's roll
/// (elected by the commune), alternates in the order elected; again, nothing.
async fn delegates_join_the_higher_congress_roll(db: Db) {
    let s = setting(&db).await;
    let dh = db.org_by_code(&code("QN.DH"), TODAY).await.unwrap().unwrap();
    let higher = db
        .scoped(&s.above)
        .congresses()
        .plan(
            &s.round,
            &dh,
            &plan(LevelClass::AboveGrassroots, CongressKind::DelegateCongress, date!(2027 - 01 - 20), 2),
            TODAY,
            "x",
        )
        .await
        .unwrap();
    // Two delegates of three names (Em struck); two alternates of three:
    // Dũng kept on every ballot, Cường on four (R-DELEG-1: Dũng first).
    let d = election(&db, &s, Body::Delegates, 2, &[0, 1, 4], |_| vec![3], true).await;
    let a =
        election(&db, &s, Body::Alternates, 2, &[2, 3, 4], |b| if b <= 2 { vec![1, 3] } else { vec![3] }, true).await;
    let above = db.scoped(&s.above);
    let outcome = |r: &str| NewOutcome { approval: approval(date!(2026 - 12 - 20), r), ..approve(&[]) };
    assert!(above.elections().record_outcome(&s.congress, d, &outcome("216-QĐ/HU"), TODAY, "x").await.unwrap());
    assert!(above.elections().record_outcome(&s.congress, a, &outcome("217-QĐ/HU"), TODAY, "x").await.unwrap());
    let roll = above.congresses().roll(&s.round, &higher).await.unwrap();
    let seats: Vec<String> = roll.roll.lines.iter().map(|l| format!("{} {:?}", l.entry.person, l.entry.seat)).collect();
    assert_eq!(seats.len(), 4, "{seats:?}");
    let view = above.elections().after(&s.congress, a).await.unwrap();
    assert_eq!(view.elected, ["Phạm Văn Dũng", "Lê Văn Cường"]);
    assert!(view.seating.iter().all(|l| l.seating == Seating::OnRoll), "{:?}", view.seating);
    assert!(seats.contains(&"005104 Alternate { rank: 1 }".to_owned()), "{seats:?}");
    assert!(seats.contains(&"005103 Alternate { rank: 2 }".to_owned()), "{seats:?}");
    assert!(seats.contains(&"005101 Elected { by: \"QN.DH.QT\" }".to_owned()), "{seats:?}");
    let before = entries(&db).await;
    assert!(!above.elections().record_outcome(&s.congress, d, &outcome("216-QĐ/HU"), TODAY, "x").await.unwrap());
    assert_eq!(entries(&db).await, before);
}

daihoi_test_support::engines!(
    the_higher_committee_approves_and_the_elected_are_seated,
    the_higher_committee_annuls,
    complaints_and_the_ballots_kept,
    the_secretary_election_stops_when_the_planned_secretary_is_not_elected,
    delegates_join_the_higher_congress_roll
);
