//! The demo's petitions (issue 18 §7): cases of every kind in Quảng Ninh
//! around the 2025 congresses, some late, some open past their due date,
//! two about a member of Quảng Tân's committee who holds him in the
//! personnel work while one is open (P-8), an anonymous letter only
//! logged (P-6), clocks without a shipped row awaiting a person; no
//! denouncer's name in any audit entry (P-7). Loading twice adds nothing.

use daihoi_core::members::CardNumber;
use daihoi_petitions::{CaseKind, Standing};
use daihoi_store::Db;
use daihoi_store::audit::AuditFilter;
use daihoi_store::petitions::Awaits;
use daihoi_test_support::fixtures::code;

async fn the_demo_petitions(db: Db) {
    let today = time::OffsetDateTime::now_utc().date();
    let scenario = daihoi_demo::quang_ninh(3_000, daihoi_demo::DEMO_SEED);
    db.load_scenario(&scenario, daihoi_demo::AS_OF, &mut |_| {}).await.unwrap();
    db.load_demo_committees(daihoi_demo::AS_OF).await.unwrap();
    let loaded = db.load_demo_petitions(today).await.unwrap();
    assert_eq!((loaded.cases, loaded.logged), (11, 1), "{loaded:?}");
    assert_eq!(db.load_demo_petitions(today).await.unwrap().cases, 0, "loading twice adds nothing");

    let op = db.operator();
    let qn = db.org_by_code(&code("QN"), today).await.unwrap().unwrap();
    let (cases, total) = op.petitions().cases_in(&qn, false, today, 100, 0).await.unwrap();
    assert_eq!(total, 11);
    for kind in CaseKind::ALL {
        assert!(cases.iter().any(|(c, _)| c.kind == kind), "a case of every kind: {kind:?}");
    }
    let standings: Vec<Standing> = cases.iter().flat_map(|(_, v)| v.iter().filter_map(|c| c.standing)).collect();
    assert!(standings.contains(&Standing::Late), "one settled late");
    assert!(standings.contains(&Standing::Overdue), "some open past their due date");
    assert!(standings.contains(&Standing::OnTime), "most met on time");
    let awaiting = cases.iter().flat_map(|(_, v)| v.iter()).filter(|c| matches!(c.due, Err(Awaits::Rule { .. })));
    assert!(awaiting.count() >= 2, "a petition's and a Party complaint's clocks await a person's row");

    // P-8: the member of Quảng Tân's committee the two denunciations are
    // about is held while one of them is open.
    let about: Vec<&str> = cases.iter().filter_map(|(c, _)| c.about.as_ref().map(|(card, _)| card.as_str())).collect();
    assert_eq!(about.len(), 2, "{about:?}");
    let card = CardNumber::parse(about[0]).unwrap();
    let holds = op.petitions().holds_on(&card, today, None, today).await.unwrap();
    assert_eq!(holds.len(), 1, "the open one holds him: {holds:?}");

    // P-9: the province's head received citizens every month but August
    // 2025 (a deputy instead); each commune's head twice a month, with a
    // month missed now and then; Quảng Tân's reception cases came with
    // their visits.
    use daihoi_petitions::reception::{Period, YearMonth};
    let year = Period::Year.months(YearMonth { year: 2025, month: time::Month::December });
    let table = op.petitions().reception_compliance(&qn, &year, today).await.unwrap();
    let province = table.iter().find(|c| c.org.code.as_str() == "QN").unwrap();
    let missed: Vec<u8> = province.months.iter().filter(|m| !m.met()).map(|m| u8::from(m.month.month)).collect();
    assert_eq!(missed, [8], "{province:?}");
    let communes: Vec<_> = table.iter().filter(|c| c.org.kind == daihoi_core::OrgKind::Commune).collect();
    assert!(!communes.is_empty());
    let december = |c: &&daihoi_store::petitions::CommitteeCompliance| c.months[11].held;
    assert!(communes.iter().all(|c| december(c) >= 1), "every commune received citizens in December");
    assert!(communes.iter().any(|c| !c.met()), "a month missed somewhere");
    let qt = db.org_by_code(&code("QN.DH.QT"), today).await.unwrap().unwrap();
    let sessions = op
        .petitions()
        .reception_sessions(&qt, time::macros::date!(2025 - 01 - 01), time::macros::date!(2025 - 12 - 31))
        .await
        .unwrap();
    assert_eq!(sessions.iter().map(|s| s.cases).sum::<i64>(), 2, "two reception cases of 2025 at their sessions");

    // P-7: no denouncer's name in the audit.
    let all = AuditFilter { limit: 2_000, ..Default::default() };
    let (log, _) = op.audit().audit_entries(&all).await.unwrap();
    for e in log.iter().filter(|e| e.action.starts_with("petition")) {
        for name in ["Hoàng Văn Minh", "Vũ Thị Thu", "Trần Thị Lan", "Phạm Văn Hùng"] {
            assert!(!e.detail.contains(name) && !e.subject.contains(name), "{e:?}");
        }
    }
}

daihoi_test_support::engines!(the_demo_petitions);
