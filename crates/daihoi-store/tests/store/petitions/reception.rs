//! Citizen reception as stored (issue 18; P-9): a committee's calendar, a
//! session held by a visit or by hand, cancelled with why, a filing
//! brought to it received into the register with its visit in one write,
//! the heads' compliance by month (only the head's own days count, a day
//! once however many sessions), and a reader below a case's
//! classification told only that a case came of a visit (T-6, P-7).

use daihoi_core::Role;
use daihoi_petitions::reception::{Period, YearMonth};
use daihoi_petitions::{Area, CaseKind, Channel, Complexity, Instance};
use daihoi_store::documents::Classification;
use daihoi_store::petitions::{
    Identity, Matter, NewFiling, NewSession, Received, SessionKind, SessionStatus, VisitOutcome,
};
use daihoi_store::{Db, StoreError};
use daihoi_test_support::fixtures::{code, small_tree, user_with};
use time::macros::date;
use time::{Date, Month};

const TODAY: Date = date!(2025 - 04 - 30);

fn session(day: Date, host: &str, by_head: bool) -> NewSession {
    NewSession {
        day,
        host: host.to_owned(),
        by_head,
        place: "Trụ sở Đảng ủy xã".to_owned(),
        kind: SessionKind::Regular,
    }
}

fn denunciation(received: Date, classification: Classification) -> NewFiling {
    NewFiling {
        kind: CaseKind::Denunciation,
        instance: Instance::First,
        channel: Channel::Reception,
        received,
        area: Area::Ordinary,
        complexity: Complexity::Ordinary,
        summary: "Tố cáo sai phạm trong xét duyệt hộ nghèo".to_owned(),
        classification,
        about: None,
        from_body: None,
        identity: Some(Identity {
            name: "Nguyễn Thị Tố Giác".to_owned(),
            address: "Thôn Tân Hợp".to_owned(),
            contact: "0912 345 678".to_owned(),
        }),
        evidence: false,
        matter: Matter::Distinct,
    }
}

async fn entries(db: &Db) -> i64 {
    db.audit_checkpoint().await.unwrap().map_or(0, |c| c.last_id)
}

/// The rule a write was refused with.
fn rule<T: std::fmt::Debug>(r: Result<T, StoreError>) -> Option<&'static str> {
    r.unwrap_err().rule()
}

fn ym(month: Month) -> YearMonth {
    YearMonth { year: 2025, month }
}

/// P-9: a commune head's two days a month, a province head's one; a
/// session held by another, a cancelled one, a planned one and a second
/// session on a day already counted do not count; the months of the
/// quarter each met or not.
async fn compliance_counts_the_heads_own_days(db: Db) {
    small_tree(&db).await;
    let office = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let office_qn = user_with(&db, "vp.qn", Role::Office, "QN").await;
    let reader = user_with(&db, "kt.qn", Role::Inspection, "QN").await;
    let commune = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let province = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    let o = db.scoped(&office);
    let p = o.petitions();
    let head = "Đồng chí Bí thư Đảng ủy xã";
    // January: two days by the head (met), one of them twice.
    for (day, host, by_head) in [
        (date!(2025 - 01 - 08), head, true),
        (date!(2025 - 01 - 08), "Đồng chí Chủ tịch UBND xã", true),
        (date!(2025 - 01 - 22), head, true),
        // February: one by the head, one by the deputy (not met).
        (date!(2025 - 02 - 10), head, true),
        (date!(2025 - 02 - 24), "Đồng chí Phó Bí thư", false),
        // March: two, the second cancelled (not met).
        (date!(2025 - 03 - 10), head, true),
        (date!(2025 - 03 - 24), head, true),
        // May: planned, after today.
        (date!(2025 - 05 - 12), head, true),
    ] {
        let id = p.schedule_reception(&commune, &session(day, host, by_head), "t").await.unwrap();
        if day == date!(2025 - 03 - 24) {
            p.cancel_reception(id, "Trùng hội nghị của Huyện ủy", TODAY, "t").await.unwrap();
        } else if day <= TODAY {
            p.reception_held(id, "", TODAY, "t").await.unwrap();
        }
    }
    let qn = db.scoped(&office_qn);
    for day in [date!(2025 - 01 - 15), date!(2025 - 03 - 14)] {
        let planned = session(day, "Đồng chí Bí thư Tỉnh ủy", true);
        let id = qn.petitions().schedule_reception(&province, &planned, "t").await.unwrap();
        qn.petitions().reception_held(id, "", TODAY, "t").await.unwrap();
    }
    // The province's inspection sees the whole table.
    let r = db.scoped(&reader);
    let months = Period::Quarter.months(ym(Month::March));
    let table = r.petitions().reception_compliance(&province, &months, TODAY).await.unwrap();
    type Line<'a> = (&'a str, Vec<(u32, u32)>, bool);
    let rows: Vec<Line<'_>> = table
        .iter()
        .map(|c| (c.org.code.as_str(), c.months.iter().map(|m| (m.held, m.required)).collect(), c.met()))
        .collect();
    assert_eq!(
        rows,
        [
            ("QN", vec![(1, 1), (0, 1), (1, 1)], false),
            ("QN.DH.QT", vec![(2, 2), (1, 2), (1, 2)], false),
            ("QN.TY.DN", vec![(0, 2), (0, 2), (0, 2)], false),
        ]
    );
    let january = r.petitions().reception_compliance(&province, &[ym(Month::January)], TODAY).await.unwrap();
    assert!(january.iter().find(|c| c.org.code.as_str() == "QN.DH.QT").unwrap().met());
    // The calendar of the commune, by day, with its statuses.
    let list = r.petitions().reception_sessions(&commune, date!(2025 - 03 - 01), date!(2025 - 05 - 31)).await.unwrap();
    let statuses: Vec<(Date, SessionStatus)> = list.iter().map(|s| (s.day, s.status)).collect();
    assert_eq!(
        statuses,
        [
            (date!(2025 - 03 - 10), SessionStatus::Held),
            (date!(2025 - 03 - 24), SessionStatus::Cancelled),
            (date!(2025 - 05 - 12), SessionStatus::Planned),
        ]
    );
}

/// P-9 with P-1, P-7: a citizen received at a session files a
/// denunciation: the case opens in the commune's register with the
/// identity apart, the visit and the session held in the same write; the
/// session's page tells a reader below the case's classification only
/// that a case came of it; a visit guided is recorded with its matter.
async fn a_filing_brought_to_a_session_opens_its_case_with_the_visit(db: Db) {
    small_tree(&db).await;
    user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let user = db.user_by_login("vp.qt").await.unwrap().unwrap();
    db.operator().accounts().set_clearance(&user, Classification::Secret, "t").await.unwrap();
    let office = db.viewer(db.user_by_login("vp.qt").await.unwrap().unwrap()).await.unwrap();
    let inspector = user_with(&db, "kt.qt", Role::Inspection, "QN.DH.QT").await;
    let commune = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let o = db.scoped(&office);
    let p = o.petitions();
    let day = date!(2025 - 04 - 14);
    let id = p.schedule_reception(&commune, &session(day, "Đồng chí Bí thư", true), "t").await.unwrap();
    let before = entries(&db).await;
    let received = p.receive_at_reception(id, 2, &denunciation(day, Classification::Secret), TODAY, "t").await.unwrap();
    let Received::Opened { id: case, number: 1, logged: false } = received else { panic!("{received:?}") };
    assert_eq!(entries(&db).await, before + 1, "one audited write");
    p.record_visit(id, 6, "Đoàn hộ dân hỏi về bồi thường đường tỉnh", VisitOutcome::Guided, TODAY, "t").await.unwrap();
    let (s, _, visits) = p.reception_session(id, TODAY).await.unwrap();
    assert_eq!((s.status, s.visits, s.people, s.cases), (SessionStatus::Held, 2, 8, 1));
    let visits = visits.unwrap();
    assert_eq!(visits[0].case.as_ref().map(|c| c.0), Some(case));
    assert_eq!(visits[0].matter.as_deref(), Some("Tố cáo sai phạm trong xét duyệt hộ nghèo"));
    assert_eq!(visits[1].outcome, VisitOutcome::Guided);
    // The case came in through the reception desk on the session's day.
    let file = p.case(case, TODAY).await.unwrap();
    assert_eq!((file.case.channel, file.case.days.received), (Channel::Reception, day));
    // An inspector cleared below secret: no case, no summary.
    let i = db.scoped(&inspector);
    let (_, _, seen) = i.petitions().reception_session(id, TODAY).await.unwrap();
    let seen = seen.unwrap();
    assert_eq!((seen[0].case.clone(), seen[0].matter.clone()), (None, None));
    assert_eq!(seen[1].matter.as_deref(), Some("Đoàn hộ dân hỏi về bồi thường đường tỉnh"));
    // No text of the filer anywhere in what the session gives.
    let text = format!("{seen:?}");
    assert!(!text.contains("Tố Giác") && !text.contains("0912"), "{text}");
    // A session with a visit is not cancelled.
    let refused = p.cancel_reception(id, "Nhầm", TODAY, "t").await.unwrap_err();
    assert_eq!(refused.rule(), Some("P-9"), "{refused}");
}

/// P-9: what a session refuses, each with the rule and nothing written: a
/// filing not of the session's day or not at the reception desk, a
/// session after today or cancelled, the same host twice a day, people out
/// of bounds; another committee's office cannot keep it.
async fn a_session_refuses_what_does_not_fit(db: Db) {
    small_tree(&db).await;
    let office = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let elsewhere = user_with(&db, "vp.dn", Role::Office, "QN.TY.DN").await;
    let commune = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let o = db.scoped(&office);
    let p = o.petitions();
    let day = date!(2025 - 04 - 14);
    let id = p.schedule_reception(&commune, &session(day, "Đồng chí Bí thư", true), "t").await.unwrap();
    let may = session(date!(2025 - 05 - 12), "Đồng chí Bí thư", true);
    let later = p.schedule_reception(&commune, &may, "t").await.unwrap();
    let before = entries(&db).await;
    let normal = Classification::Normal;
    assert_eq!(
        rule(p.receive_at_reception(id, 1, &denunciation(date!(2025 - 04 - 15), normal), TODAY, "t").await),
        Some("P-9")
    );
    let letter = NewFiling { channel: Channel::Letter, ..denunciation(day, normal) };
    assert_eq!(rule(p.receive_at_reception(id, 1, &letter, TODAY, "t").await), Some("P-9"));
    assert_eq!(rule(p.receive_at_reception(id, 0, &denunciation(day, normal), TODAY, "t").await), Some("P-9"));
    assert_eq!(rule(p.record_visit(later, 1, "Hỏi", VisitOutcome::Answered, TODAY, "t").await), Some("P-9"));
    assert_eq!(rule(p.reception_held(later, "", TODAY, "t").await), Some("P-9"));
    assert_eq!(rule(p.schedule_reception(&commune, &session(day, "Đồng chí Bí thư", true), "t").await), Some("P-9"));
    assert_eq!(rule(p.record_visit(id, 1, "Hỏi", VisitOutcome::Case, TODAY, "t").await), Some("P-9"));
    let blank = p.record_visit(id, 1, " ", VisitOutcome::Answered, TODAY, "t").await.unwrap_err();
    assert_eq!(blank.rule(), Some("TEXT-1"));
    let e = db.scoped(&elsewhere);
    let forbidden = e.petitions().reception_held(id, "", TODAY, "t").await.unwrap_err();
    assert!(matches!(forbidden, StoreError::Forbidden(_)), "{forbidden:?}");
    assert_eq!(entries(&db).await, before, "nothing written");
    p.cancel_reception(later, "Bí thư đi công tác", TODAY, "t").await.unwrap();
    assert_eq!(rule(p.record_visit(later, 1, "Hỏi", VisitOutcome::Answered, TODAY, "t").await), Some("P-9"));
    // A day before the committee was formed (1 January 2020).
    let before = session(date!(2019 - 12 - 31), "Đồng chí Bí thư", true);
    assert_eq!(rule(p.schedule_reception(&commune, &before, "t").await), Some("P-9"));
    // Nothing of the refused filings reached the register.
    let (cases, total) = p.cases_in(&commune, false, TODAY, 10, 0).await.unwrap();
    assert_eq!((cases.len(), total), (0, 0));
}

/// P-9: a committee dissolved later keeps its calendar readable: its
/// sessions as it last was.
async fn an_ended_committee_s_calendar_stays_readable(db: Db) {
    small_tree(&db).await;
    let op = db.operator();
    let dn = db.org_by_code(&code("QN.TY.DN"), TODAY).await.unwrap().unwrap();
    let march = session(date!(2025 - 03 - 10), "Đồng chí Bí thư", true);
    let id = op.petitions().schedule_reception(&dn, &march, "t").await.unwrap();
    op.petitions().reception_held(id, "", TODAY, "t").await.unwrap();
    for org in ["QN.TY.DN.CB01", "QN.TY.DN.CB02", "QN.TY.DN"] {
        op.orgs().dissolve_org(&code(org), date!(2025 - 04 - 01), "t").await.unwrap();
    }
    let (s, org, _) = op.petitions().reception_session(id, TODAY).await.unwrap();
    assert_eq!((s.status, org.code.as_str()), (SessionStatus::Held, "QN.TY.DN"));
}

daihoi_test_support::engines!(
    an_ended_committee_s_calendar_stays_readable,
    compliance_counts_the_heads_own_days,
    a_filing_brought_to_a_session_opens_its_case_with_the_visit,
    a_session_refuses_what_does_not_fit,
);
