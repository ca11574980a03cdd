//! What a subtree's cases add up to (issue 18; P-10): a year's statistics
//! by kind and by the organizations under the root (received, settled on
//! time or late, ended otherwise, open at the end of the period and of
//! those overdue or awaiting a person's row), the overdue list, oldest due
//! first, and a reader below a case's classification counting nothing of
//! it (T-6).

use daihoi_core::Role;
use daihoi_petitions::{Area, CaseKind, Channel, Complexity, Instance, Trigger};
use daihoi_store::Db;
use daihoi_store::documents::Classification;
use daihoi_store::petitions::{CaseStep, Identity, Matter, NewFiling, Received, StatLine};
use daihoi_test_support::fixtures::{code, small_tree, user_with};
use time::Date;
use time::macros::date;

const TODAY: Date = date!(2025 - 12 - 31);

fn filing(kind: CaseKind, received: Date, summary: &str, anonymous: bool) -> NewFiling {
    NewFiling {
        kind,
        instance: Instance::First,
        channel: Channel::Letter,
        received,
        area: Area::Ordinary,
        complexity: Complexity::Ordinary,
        summary: summary.to_owned(),
        classification: Classification::Normal,
        about: None,
        from_body: None,
        identity: (!anonymous).then(|| Identity {
            name: "Người gửi".to_owned(),
            address: "Quảng Tân".to_owned(),
            contact: String::new(),
        }),
        evidence: false,
        matter: Matter::Distinct,
    }
}

async fn open(db: &Db, org: &str, f: NewFiling, steps: &[(Date, CaseStep)]) -> i64 {
    let op = db.operator();
    let node = db.org_by_code(&code(org), TODAY).await.unwrap().unwrap();
    let Received::Opened { id, .. } = op.petitions().receive(&node, &f, TODAY, "t").await.unwrap() else {
        panic!("opened")
    };
    for (on, step) in steps {
        op.petitions().record(id, step, *on, TODAY, "t").await.unwrap();
    }
    id
}

fn settle() -> CaseStep {
    CaseStep::Settle { outcome: "Kết luận".to_owned() }
}

async fn a_years_statistics_and_the_overdue_list(db: Db) {
    small_tree(&db).await;
    let op = db.operator();
    op.petitions().confirm_year(2025, "Thông báo lịch nghỉ năm 2025", TODAY, "t").await.unwrap();
    // Settled on time, settled late (30 days from 10/03 is 09/04).
    open(
        &db,
        "QN.DH.QT",
        filing(CaseKind::Complaint, date!(2025 - 03 - 03), "Một", false),
        &[(date!(2025 - 03 - 05), CaseStep::Accept), (date!(2025 - 03 - 20), settle())],
    )
    .await;
    open(
        &db,
        "QN.DH.QT",
        filing(CaseKind::Denunciation, date!(2025 - 03 - 03), "Hai", false),
        &[
            (date!(2025 - 03 - 10), CaseStep::Accept),
            (date!(2025 - 03 - 11), CaseStep::Notify),
            (date!(2025 - 05 - 20), settle()),
        ],
    )
    .await;
    // Accepted and never settled: overdue since May.
    let overdue = open(
        &db,
        "QN.TY.DN",
        filing(CaseKind::Complaint, date!(2025 - 04 - 01), "Ba", false),
        &[(date!(2025 - 04 - 03), CaseStep::Accept)],
    )
    .await;
    // A petition: no row, its clock awaits a person.
    open(&db, "QN.DH.QT", filing(CaseKind::Petition, date!(2025 - 05 - 01), "Bốn", false), &[]).await;
    // An anonymous letter, only logged (P-6).
    open(&db, "QN.DH.QT", filing(CaseKind::Denunciation, date!(2025 - 06 - 01), "Năm", true), &[]).await;
    // The province's own, closed.
    open(
        &db,
        "QN",
        filing(CaseKind::Complaint, date!(2025 - 06 - 10), "Sáu", false),
        &[(date!(2025 - 06 - 12), CaseStep::Close { why: "Rút đơn".to_owned() })],
    )
    .await;
    // A confidential complaint never accepted: overdue (10 days from 01/07).
    let secret = open(
        &db,
        "QN.DH.QT",
        NewFiling {
            classification: Classification::Confidential,
            ..filing(CaseKind::Complaint, date!(2025 - 07 - 01), "Bảy", false)
        },
        &[],
    )
    .await;

    let qn = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    let stats = op.petitions().statistics(&qn, date!(2025 - 01 - 01), TODAY, TODAY).await.unwrap();
    let expected = StatLine { received: 6, logged: 1, on_time: 1, late: 1, ended: 1, open: 3, overdue: 2, awaiting: 1 };
    assert_eq!(stats.total, expected, "P-10");
    let kind = |k: CaseKind| stats.by_kind.iter().find(|(x, _)| *x == k).unwrap().1;
    assert_eq!(
        kind(CaseKind::Complaint),
        StatLine { received: 4, on_time: 1, ended: 1, open: 2, overdue: 2, ..Default::default() }
    );
    assert_eq!(kind(CaseKind::Denunciation), StatLine { received: 1, logged: 1, late: 1, ..Default::default() });
    assert_eq!(kind(CaseKind::Petition), StatLine { received: 1, open: 1, awaiting: 1, ..Default::default() });
    let orgs: Vec<(&str, u32)> = stats.by_org.iter().map(|(o, l)| (o.code.as_str(), l.received)).collect();
    assert_eq!(orgs, [("QN", 1), ("QN.DH", 4), ("QN.TY", 1)]);
    // A period before the late settlement: that case was open then, overdue
    // on the period's last day.
    let spring = op.petitions().statistics(&qn, date!(2025 - 03 - 01), date!(2025 - 04 - 30), TODAY).await.unwrap();
    assert_eq!((spring.total.received, spring.total.on_time, spring.total.open, spring.total.overdue), (3, 1, 2, 1));

    // The overdue list, oldest due first: the complaint since May, then
    // the confidential one since July.
    let (list, total) = op.petitions().overdue_in(&qn, TODAY, 10).await.unwrap();
    assert_eq!(total, 2);
    assert_eq!(list.iter().map(|(c, _)| c.id).collect::<Vec<_>>(), [overdue, secret]);
    assert_eq!(list[0].1.clock.trigger, Trigger::ComplaintSettlement);
    assert_eq!(list[1].1.clock.trigger, Trigger::ComplaintAcceptance);

    // T-6: an office not cleared counts and lists nothing of the
    // confidential case.
    let office = user_with(&db, "vp.qn", Role::Office, "QN").await;
    let s = db.scoped(&office);
    let seen = s.petitions().statistics(&qn, date!(2025 - 01 - 01), TODAY, TODAY).await.unwrap();
    assert_eq!((seen.total.received, seen.total.open, seen.total.overdue), (5, 2, 1));
    let (list, total) = s.petitions().overdue_in(&qn, TODAY, 10).await.unwrap();
    assert_eq!((total, list[0].0.id), (1, overdue));
    // A commune's office reads its own subtree only.
    let commune = user_with(&db, "vp.dn", Role::Office, "QN.TY.DN").await;
    assert!(db.scoped(&commune).petitions().statistics(&qn, date!(2025 - 01 - 01), TODAY, TODAY).await.is_err());
}

daihoi_test_support::engines!(a_years_statistics_and_the_overdue_list);
