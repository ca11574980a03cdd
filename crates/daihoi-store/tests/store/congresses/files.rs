//! The roll file's rows (issue 15, "Bad input"), stored: checked as the
//! roll's form checks one (C-DEL-2, C-DEL-8, C-DEL-9 with its two-rolls
//! check, C-DEL-10), written whole or not at all, idempotent (no audit
//! entry the second time), a dry run writing nothing.

use daihoi_congress::files::allocation::{AllocationRow, Column as AllocationColumn};
use daihoi_congress::files::roll::{Column, RollRow};
use daihoi_congress::{CongressKind, LevelClass, Seat, SeatMode};
use daihoi_core::OrgCode;
use daihoi_core::members::CardNumber;
use daihoi_store::Db;
use daihoi_store::congresses::files::{AllocationDecision, RowRefusal};
use daihoi_store::congresses::roll::NewDelegate;
use daihoi_test_support::fixtures::{import, member, small_tree};
use time::macros::date;

use super::{TODAY, entries, node, plan, round};

fn row(line: usize, card: &str, seat: Seat) -> RollRow {
    RollRow { line, card: CardNumber::parse(card).unwrap(), seat }
}

fn elected(by: &str) -> Seat {
    Seat::Elected { by: by.into() }
}

async fn roll_file_rows(db: Db) {
    small_tree(&db).await;
    import(
        &db,
        vec![
            member("002101", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("002102", "Trần Văn Bình", "QN.DH.QT.CB01"),
            member("002103", "Lê Văn Cường", "QN.DH.QT.CB02"),
            member("002104", "Phạm Văn Dũng", "QN.DH.QT.CB02"),
        ],
    )
    .await;
    let round = round(&db).await;
    let op = db.operator();
    let c = op.congresses();
    let p = plan(LevelClass::Commune, CongressKind::DelegateCongress, date!(2026 - 12 - 10), 2);
    let qt = c.plan(&round, &node(&db, "QN.DH.QT").await, &p, TODAY, "x").await.unwrap();
    let dn = c.plan(&round, &node(&db, "QN.TY.DN").await, &p, TODAY, "x").await.unwrap();
    // 002104 sits at Đông Ngũ's congress, a commune's like Quảng Tân's.
    let card = CardNumber::parse("002104").unwrap();
    let designated = NewDelegate { card: &card, seat: Seat::Designated { decision: "9-QĐ/HU".into() } };
    c.add_delegate(&dn, &designated, "x").await.unwrap();

    let good = vec![row(2, "002101", elected("QN.DH.QT.CB01")), row(3, "002102", Seat::Alternate { rank: 1 })];
    let before = entries(&db).await;
    let dry = c.import_roll_rows(&qt, &good, "x", true).await.unwrap().unwrap();
    assert_eq!((dry.written, dry.unchanged), (2, 0));
    assert_eq!(entries(&db).await, before, "a dry run writes nothing");
    let done = c.import_roll_rows(&qt, &good, "x", false).await.unwrap().unwrap();
    assert_eq!((done.written, done.unchanged), (2, 0));
    assert_eq!(entries(&db).await, before + 2, "one entry per delegate");
    let again = c.import_roll_rows(&qt, &good, "x", false).await.unwrap().unwrap();
    assert_eq!((again.written, again.unchanged), (0, 2));
    assert_eq!(entries(&db).await, before + 2, "the same rows again write nothing");

    // Every refused row named with its column and rule; nothing written,
    // the good row (line 8) included.
    let bad = vec![
        row(2, "002103", elected("QN.DH.QT.CB01")),
        row(3, "002104", Seat::Designated { decision: "5-QĐ/ĐU".into() }),
        row(4, "002101", Seat::Alternate { rank: 2 }),
        row(5, "009999", Seat::Designated { decision: "5-QĐ/ĐU".into() }),
        row(6, "002103", Seat::Alternate { rank: 1 }),
        row(7, "002103", elected("QN.TY.DN.CB01")),
        row(8, "002102", Seat::Alternate { rank: 1 }),
    ];
    let problems = c.import_roll_rows(&qt, &bad, "x", false).await.unwrap().unwrap_err();
    let named: Vec<(usize, Column, Option<&str>)> =
        problems.iter().map(|p| (p.line, p.column, p.refusal.rule())).collect();
    assert_eq!(
        named,
        vec![
            // C-DEL-2: not a member of the electing cell.
            (2, Column::ElectedBy, Some("C-DEL-2")),
            // C-DEL-9: on the roll of another congress of the same level.
            (3, Column::Card, Some("C-DEL-9")),
            // C-DEL-9: on this roll already, in another seat.
            (4, Column::Seat, Some("C-DEL-9")),
            (5, Column::Card, None),
            // C-DEL-10: the rank is 002102's.
            (6, Column::Rank, Some("C-DEL-10")),
            // C-DEL-2: an organization not below the congress's.
            (7, Column::ElectedBy, Some("C-DEL-2")),
        ]
    );
    assert!(matches!(problems[3].refusal, RowRefusal::UnknownCard));
    assert_eq!(entries(&db).await, before + 2, "nothing written");
}

daihoi_test_support::engines!(roll_file_rows);

fn seats(line: usize, org: &str, mode: SeatMode, seats: u32, decision: Option<&str>) -> AllocationRow {
    AllocationRow { line, org: OrgCode::parse(org).unwrap(), mode, seats, decision: decision.map(str::to_owned) }
}

/// Issue 15 "Bad input": an allocation file is the convening committee's
/// decision, written whole (C-DEL-1, C-DEL-2, C-DEL-7, C-DEL-8) or not at all.
async fn allocation_file_rows(db: Db) {
    small_tree(&db).await;
    let round = round(&db).await;
    let op = db.operator();
    let c = op.congresses();
    let p = plan(LevelClass::Commune, CongressKind::DelegateCongress, date!(2026 - 12 - 10), 2);
    let qt = c.plan(&round, &node(&db, "QN.DH.QT").await, &p, TODAY, "x").await.unwrap();
    let decision =
        AllocationDecision {
            total: 9, decision: "Quyết định 12-QĐ/ĐU".into(), decided_on: date!(2025 - 04 - 01)
        };
    let good = vec![
        seats(2, "QN.DH.QT", SeatMode::ExOfficio, 5, None),
        seats(3, "QN.DH.QT.CB01", SeatMode::Elected, 2, None),
        seats(4, "QN.DH.QT.CB02", SeatMode::Designated, 2, Some("3-QĐ/ĐU")),
    ];
    let before = entries(&db).await;
    let dry = c.import_allocation_rows(&round, &qt, &good, &decision, TODAY, "x", true).await.unwrap().unwrap();
    assert_eq!((dry.written, dry.unchanged), (3, 0));
    assert_eq!(entries(&db).await, before, "a dry run writes nothing");
    assert!(c.allocation(&round, &qt).await.unwrap().is_none());
    let done = c.import_allocation_rows(&round, &qt, &good, &decision, TODAY, "x", false).await.unwrap().unwrap();
    assert_eq!((done.written, done.unchanged), (3, 0));
    assert_eq!(entries(&db).await, before + 1, "one audited write");
    let stored = c.allocation(&round, &qt).await.unwrap().unwrap();
    assert_eq!((stored.table.total, stored.summary.ex_officio, stored.summary.designated), (9, 5, 2));
    let again = c.import_allocation_rows(&round, &qt, &good, &decision, TODAY, "x", false).await.unwrap().unwrap();
    assert_eq!((again.written, again.unchanged), (0, 3));
    assert_eq!(entries(&db).await, before + 1, "the same table again writes nothing");

    // Every refused row named; nothing written.
    let bad = vec![
        seats(2, "QN.DH.XX", SeatMode::Elected, 1, None),
        // C-DEL-2: not below Quảng Tân.
        seats(3, "QN.TY.DN.CB01", SeatMode::Elected, 2, None),
        // C-DEL-7: the ex-officio row is the convening organization's own.
        seats(4, "QN.DH.QT.CB01", SeatMode::ExOfficio, 4, None),
        seats(5, "QN.DH.QT", SeatMode::Elected, 2, None),
    ];
    let problems =
        c.import_allocation_rows(&round, &qt, &bad, &decision, TODAY, "x", false).await.unwrap().unwrap_err();
    let named: Vec<(usize, AllocationColumn, Option<&str>)> =
        problems.iter().map(|p| (p.line, p.column, p.refusal.rule())).collect();
    assert_eq!(
        named,
        vec![
            (2, AllocationColumn::Org, None),
            (3, AllocationColumn::Org, Some("C-DEL-2")),
            (4, AllocationColumn::Mode, Some("C-DEL-7")),
            (5, AllocationColumn::Mode, Some("C-DEL-7")),
        ]
    );
    assert!(matches!(problems[0].refusal, RowRefusal::UnknownOrg));
    // C-DEL-1: the seats add up to the total, an input.
    let more = AllocationDecision { total: 10, ..decision.clone() };
    let refused = c.import_allocation_rows(&round, &qt, &good, &more, TODAY, "x", false).await.unwrap_err();
    assert_eq!(refused.rule(), Some("C-DEL-1"), "{refused:?}");
    assert!(refused.to_string().contains("10"), "{refused}");
    assert_eq!(entries(&db).await, before + 1, "nothing written");
    assert_eq!(c.allocation(&round, &qt).await.unwrap().unwrap().table.total, 9);
}

daihoi_test_support::engines!(allocation_file_rows);
