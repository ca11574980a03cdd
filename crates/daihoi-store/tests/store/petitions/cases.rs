//! Petition cases as stored (issue 18; P-1, P-2, P-3, P-5…P-8): one case
//! per matter, a repeated filing linked; an anonymous letter logged; the
//! filer's identity apart, read only by a reader cleared for it and each
//! reading logged, never in a case's answer or an audit entry; a
//! denunciation's clocks from receipt and acceptance with its extensions;
//! refusals named by their rule, nothing written.

use daihoi_core::Role;
use daihoi_core::members::CardNumber;
use daihoi_petitions::{Area, CaseKind, Channel, Complexity, Instance, Standing, Trigger};
use daihoi_store::audit::AuditFilter;
use daihoi_store::documents::Classification;
use daihoi_store::petitions::{CaseStep, Identity, Matter, NewFiling, Received};
use daihoi_store::{Db, StoreError};
use daihoi_test_support::fixtures::{code, import, member, small_tree, user_with};
use time::Date;
use time::macros::date;

use super::entries;

const TODAY: Date = date!(2025 - 12 - 20);

fn filing(kind: CaseKind, received: Date, about: Option<&str>, identity: Option<&str>) -> NewFiling {
    NewFiling {
        kind,
        instance: Instance::First,
        channel: Channel::Letter,
        received,
        area: Area::Ordinary,
        complexity: Complexity::Ordinary,
        summary: "Phản ánh việc kê khai tài sản".to_owned(),
        classification: Classification::Normal,
        about: about.map(|c| CardNumber::parse(c).unwrap()),
        from_body: None,
        identity: identity.map(|name| Identity {
            name: name.to_owned(),
            address: "Thôn Đồng Tâm, xã Quảng Tân".to_owned(),
            contact: "0912 345 678".to_owned(),
        }),
        evidence: false,
        matter: Matter::New,
    }
}

fn rule_of(e: StoreError) -> &'static str {
    match e {
        StoreError::PetitionRefused { rule, .. } => rule,
        other => panic!("not a refusal: {other:?}"),
    }
}

async fn setup(db: &Db) {
    small_tree(db).await;
    import(
        db,
        vec![member("003101", "Nguyễn Văn An", "QN.DH.QT.CB01"), member("003102", "Trần Thị Bình", "QN.DH.QT.CB02")],
    )
    .await;
}

/// P-1: a second filing on the same matter (same kind, same member
/// concerned) is refused as new and named; linked, it joins the case; the
/// receiver may say it is another matter. Numbers run per organization and
/// year. P-3: a filing dated after today is refused.
async fn p_1_one_case_per_matter(db: Db) {
    setup(&db).await;
    let office = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let p = db.scoped(&office).petitions();
    let qt = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let first = filing(CaseKind::Complaint, date!(2025 - 11 - 03), Some("003101"), Some("Lê Văn Cường"));
    let Received::Opened { id, number, logged } = p.receive(&qt, &first, TODAY, "t").await.unwrap() else {
        panic!("opened")
    };
    assert_eq!((number, logged), (1, false));
    let before = entries(&db).await;
    let again = NewFiling { received: date!(2025 - 11 - 10), channel: Channel::Reception, ..first.clone() };
    let e = p.receive(&qt, &again, TODAY, "t").await.unwrap_err();
    assert!(e.to_string().contains("1/2025"), "{e}");
    assert_eq!(rule_of(e), "P-1");
    let future = NewFiling { received: date!(2025 - 12 - 21), matter: Matter::Distinct, ..first.clone() };
    assert_eq!(rule_of(p.receive(&qt, &future, TODAY, "t").await.unwrap_err()), "P-3");
    assert_eq!(entries(&db).await, before, "refusals write nothing");
    let linked = p.receive(&qt, &NewFiling { matter: Matter::SameAs(id), ..again.clone() }, TODAY, "t").await.unwrap();
    assert_eq!(linked, Received::Linked { id });
    let file = p.case(id, TODAY).await.unwrap();
    assert_eq!(file.filings.len(), 2);
    assert_eq!(file.filings[1].channel, Channel::Reception);
    let other = p.receive(&qt, &NewFiling { matter: Matter::Distinct, ..again }, TODAY, "t").await.unwrap();
    assert!(matches!(other, Received::Opened { number: 2, .. }), "{other:?}");
    // Another kind about the same member is another matter.
    let petition = filing(CaseKind::Petition, date!(2025 - 11 - 12), Some("003101"), Some("Lê Văn Cường"));
    assert!(matches!(p.receive(&qt, &petition, TODAY, "t").await.unwrap(), Received::Opened { number: 3, .. }));
}

/// P-6: an anonymous letter without evidence is logged and runs no clock;
/// nothing is recorded on it. With concrete evidence it is a case.
async fn p_6_anonymous_letters(db: Db) {
    setup(&db).await;
    let office = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let p = db.scoped(&office).petitions();
    let qt = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let anonymous = filing(CaseKind::Denunciation, date!(2025 - 11 - 03), Some("003102"), None);
    let Received::Opened { id, logged: true, .. } = p.receive(&qt, &anonymous, TODAY, "t").await.unwrap() else {
        panic!("logged")
    };
    let file = p.case(id, TODAY).await.unwrap();
    assert!(file.case.logged && file.clocks.is_empty() && !file.case.identified);
    let e = p.record(id, &CaseStep::Accept, date!(2025 - 11 - 05), TODAY, "t").await.unwrap_err();
    assert_eq!(rule_of(e), "P-6");
    let evidence = NewFiling { evidence: true, ..anonymous };
    let Received::Opened { id, logged: false, .. } = p.receive(&qt, &evidence, TODAY, "t").await.unwrap() else {
        panic!("a case")
    };
    assert_eq!(p.case(id, TODAY).await.unwrap().clocks[0].clock.trigger, Trigger::DenunciationProcessing);
}

/// P-7: the denouncer's identity is stored apart: a verifier (inspection,
/// cleared for confidential) reads the case but never the identity, in no
/// answer and no audit entry; a reader cleared for secret gets it, and the
/// reading is logged with its purpose and reviewable by audit readers.
async fn p_7_the_denouncers_identity(db: Db) {
    setup(&db).await;
    let office = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let verifier = user_with(&db, "kt.xm", Role::Inspection, "QN.DH.QT").await;
    let head = user_with(&db, "kt.truong", Role::Inspection, "QN.DH.QT").await;
    let ops = db.operator();
    for (v, c) in [
        (&office, Classification::Confidential),
        (&verifier, Classification::Confidential),
        (&head, Classification::Secret),
    ] {
        ops.accounts().set_clearance(v.user().unwrap(), c, "t").await.unwrap();
    }
    // Each account as it is now, with its clearance.
    let now = async |login: &str| db.viewer(db.user_by_login(login).await.unwrap().unwrap()).await.unwrap();
    let (office, verifier, head) = (now("vp.qt").await, now("kt.xm").await, now("kt.truong").await);
    let qt = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    const NAME: &str = "Hoàng Thị Tố Cáo";
    let denunciation = NewFiling {
        classification: Classification::Confidential,
        ..filing(CaseKind::Denunciation, date!(2025 - 11 - 03), Some("003102"), Some(NAME))
    };
    let Received::Opened { id, .. } =
        db.scoped(&office).petitions().receive(&qt, &denunciation, TODAY, "t").await.unwrap()
    else {
        panic!("opened")
    };
    db.scoped(&office).petitions().assign(id, "kt.xm", TODAY, "t").await.unwrap();
    let seen = db.scoped(&verifier).petitions().case(id, TODAY).await.unwrap();
    assert_eq!(seen.case.assigned_to.as_deref(), Some("kt.xm"));
    assert!(seen.case.identified);
    assert!(!format!("{seen:?}").contains(NAME) && !format!("{seen:?}").contains("0912"), "{seen:?}");
    let refused = db.scoped(&verifier).petitions().identity(id, "xác minh", TODAY, "t").await;
    assert!(matches!(refused, Err(StoreError::Forbidden(_))), "{refused:?}");
    let office_reads = db.scoped(&office).petitions().identity(id, "xem", TODAY, "t").await;
    assert!(matches!(office_reads, Err(StoreError::Forbidden(_))), "an office without clearance neither");
    let identity = db.scoped(&head).petitions().identity(id, "gặp người tố cáo", TODAY, "t").await.unwrap().unwrap();
    assert_eq!(identity.name, NAME);
    let readings = db.scoped(&head).petitions().identity_readings(id, TODAY).await.unwrap();
    assert_eq!(readings.len(), 1);
    assert_eq!((readings[0].0.as_str(), readings[0].2.as_str()), ("kt.truong", "gặp người tố cáo"));
    // No audit entry holds the identity, whoever reads the log.
    let all = AuditFilter { limit: 500, ..Default::default() };
    let (log, _) = ops.audit().audit_entries(&all).await.unwrap();
    assert!(log.iter().any(|e| e.action == "petition_identity_read"));
    for e in &log {
        let text = format!("{} {} {}", e.subject, e.detail, e.action);
        assert!(!text.contains(NAME) && !text.contains("0912") && !text.contains("Thôn Đồng Tâm"), "{e:?}");
    }
    // A reader below the case's classification gets nothing of it.
    let plain = user_with(&db, "kt.thuong", Role::Inspection, "QN.DH.QT").await;
    assert!(matches!(db.scoped(&plain).petitions().case(id, TODAY).await, Err(StoreError::Forbidden(_))));
}

/// P-5, P-3: a complex denunciation received on Monday 3 November 2025 is
/// processed within 10 working days (LTC Art. 24(1)); accepted, notified and settled within 30 days
/// from acceptance, extended once when complex; a second extension, an
/// event before its trigger or after today, a route out of the tree are
/// refused by rule; a route inside the tree moves the case; once settled
/// nothing more is recorded.
async fn p_5_a_denunciation_on_its_clocks(db: Db) {
    setup(&db).await;
    let office = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let district = user_with(&db, "vp.dh", Role::Office, "QN.DH").await;
    let admin = user_with(&db, "admin.qn", Role::Admin, "QN").await;
    // The 2025 calendar confirmed (P-3: working days count only then).
    db.scoped(&admin).petitions().confirm_year(2025, "Thông báo nghỉ lễ năm 2025", TODAY, "t").await.unwrap();
    let p = db.scoped(&office).petitions();
    let qt = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let complex = NewFiling {
        complexity: Complexity::Complex,
        ..filing(CaseKind::Denunciation, date!(2025 - 11 - 03), Some("003102"), Some("Đinh Văn Em"))
    };
    let Received::Opened { id, .. } = p.receive(&qt, &complex, TODAY, "t").await.unwrap() else { panic!() };
    let file = p.case(id, date!(2025 - 11 - 05)).await.unwrap();
    let processing = &file.clocks[0];
    assert_eq!(
        processing.due.as_ref().unwrap().date,
        date!(2025 - 11 - 17),
        "complex: 10 working days from 4 November"
    );
    let before = entries(&db).await;
    for (step, on, rule) in [
        (CaseStep::Accept, date!(2025 - 11 - 02), "P-3"),
        (CaseStep::Accept, date!(2025 - 12 - 21), "P-3"),
        (CaseStep::Notify, date!(2025 - 11 - 10), "P-1"),
    ] {
        assert_eq!(rule_of(p.record(id, &step, on, TODAY, "t").await.unwrap_err()), rule, "{step:?} {on}");
    }
    let outside = code("QN.XX");
    assert_eq!(rule_of(p.route(id, &outside, TODAY, "t").await.unwrap_err()), "P-5");
    assert_eq!(entries(&db).await, before, "refusals write nothing");
    p.record(id, &CaseStep::Accept, date!(2025 - 11 - 10), TODAY, "t").await.unwrap();
    p.record(id, &CaseStep::Notify, date!(2025 - 11 - 12), TODAY, "t").await.unwrap();
    let extend =
        CaseStep::Extend { trigger: Trigger::DenunciationSettlement, reference: "Quyết định 12-QĐ/UBKT".into() };
    p.record(id, &extend, date!(2025 - 12 - 01), TODAY, "t").await.unwrap();
    assert_eq!(rule_of(p.record(id, &extend, date!(2025 - 12 - 05), TODAY, "t").await.unwrap_err()), "P-5");
    // The extended period reaches 2026, whose calendar nobody confirmed:
    // the due date waits for it, then counts.
    let settlement = |f: &daihoi_store::petitions::CaseFile| {
        f.clocks.iter().find(|c| c.clock.trigger == Trigger::DenunciationSettlement).unwrap().clone()
    };
    let waiting = settlement(&p.case(id, TODAY).await.unwrap());
    assert_eq!(waiting.due, Err(daihoi_store::petitions::Awaits::Calendar { year: 2026 }));
    assert_eq!(waiting.standing, None);
    db.scoped(&admin).petitions().confirm_year(2026, "Thông báo nghỉ lễ năm 2026", TODAY, "t").await.unwrap();
    let file = p.case(id, TODAY).await.unwrap();
    let settlement = settlement(&file);
    let due = settlement.due.as_ref().unwrap();
    assert_eq!(due.date, date!(2026 - 01 - 09), "30 days from 11 November, then 30 more from 11 December");
    assert_eq!(settlement.standing, Some(Standing::Running));
    assert_eq!(file.clocks[0].standing, Some(Standing::OnTime), "accepted on the 10th, due the 17th");
    // Routed to the district: its office handles it; the commune's no more.
    p.route(id, &code("QN.DH"), TODAY, "t").await.unwrap();
    assert!(matches!(
        p.record(id, &CaseStep::Close { why: "x".into() }, TODAY, TODAY, "t").await,
        Err(StoreError::Forbidden(_))
    ));
    let d = db.scoped(&district).petitions();
    d.record(id, &CaseStep::Settle { outcome: "Kết luận 05-KL/UBKT".into() }, date!(2025 - 12 - 15), TODAY, "t")
        .await
        .unwrap();
    let file = d.case(id, TODAY).await.unwrap();
    assert_eq!(file.case.org.code.as_str(), "QN.DH");
    assert!(file.clocks.iter().all(|c| c.standing == Some(Standing::OnTime)), "{:?}", file.clocks);
    assert_eq!(
        file.events.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(),
        ["received", "accepted", "notified", "extended", "routed", "settled"]
    );
    assert_eq!(rule_of(d.record(id, &CaseStep::Notify, TODAY, TODAY, "t").await.unwrap_err()), "P-1");
}

/// P-8: a considered case about a member holds him in the personnel work
/// from receipt until it is settled; a letter received on or after the
/// congress's cut-off is recorded, not considered.
async fn p_8_a_case_holds_a_candidate(db: Db) {
    setup(&db).await;
    let office = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let p = db.scoped(&office).petitions();
    let qt = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let card = CardNumber::parse("003101").unwrap();
    let Received::Opened { id, .. } = p
        .receive(&qt, &filing(CaseKind::Denunciation, date!(2025 - 11 - 03), Some("003101"), Some("X")), TODAY, "t")
        .await
        .unwrap()
    else {
        panic!()
    };
    let holds = p.holds_on(&card, date!(2025 - 11 - 20), None, TODAY).await.unwrap();
    assert_eq!(holds.len(), 1);
    assert_eq!(holds[0].case, Some(("Đảng bộ xã Quảng Tân".to_owned(), 2025, 1)));
    assert!(p.holds_on(&card, date!(2025 - 11 - 01), None, TODAY).await.unwrap().is_empty(), "before receipt");
    assert!(
        p.holds_on(&card, date!(2025 - 11 - 20), Some(date!(2025 - 11 - 01)), TODAY).await.unwrap().is_empty(),
        "received after the cut-off: recorded, not considered"
    );
    p.record(id, &CaseStep::Accept, date!(2025 - 11 - 05), TODAY, "t").await.unwrap();
    p.record(id, &CaseStep::Settle { outcome: "Không có căn cứ".into() }, date!(2025 - 11 - 25), TODAY, "t")
        .await
        .unwrap();
    assert!(p.holds_on(&card, date!(2025 - 11 - 25), None, TODAY).await.unwrap().is_empty(), "settled");
    assert_eq!(p.holds_on(&card, date!(2025 - 11 - 24), None, TODAY).await.unwrap().len(), 1);
    assert!(p.holds_on(&CardNumber::parse("003102").unwrap(), TODAY, None, TODAY).await.unwrap().is_empty());
}

/// P-8: the cut-off is a setting of the congress, kept by its
/// organization's office and audited: a letter received on or after it
/// holds nobody at that congress; another commune's office cannot set it;
/// cleared, every letter counts again.
async fn p_8_the_cut_off_is_the_congress_s(db: Db) {
    use daihoi_congress::{CongressKind, LevelClass};
    setup(&db).await;
    let office = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let elsewhere = user_with(&db, "vp.dn", Role::Office, "QN.TY.DN").await;
    let qt = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let round = crate::congresses::round(&db).await;
    let plan = crate::congresses::plan(LevelClass::Commune, CongressKind::DelegateCongress, date!(2025 - 12 - 20), 2);
    let congress = db.operator().congresses().plan(&round, &qt, &plan, TODAY, "t").await.unwrap();
    let p = db.scoped(&office).petitions();
    let card = CardNumber::parse("003101").unwrap();
    p.receive(&qt, &filing(CaseKind::Denunciation, date!(2025 - 11 - 03), Some("003101"), Some("X")), TODAY, "t")
        .await
        .unwrap();
    let on = date!(2025 - 11 - 20);
    assert_eq!(p.holds_at(&card, &congress, on, TODAY).await.unwrap().len(), 1, "no cut-off: considered");
    let before = entries(&db).await;
    let forbidden = db.scoped(&elsewhere).petitions().set_letters_cutoff(&congress, Some(TODAY), "t").await;
    assert!(matches!(forbidden, Err(StoreError::Forbidden(_))), "{forbidden:?}");
    assert_eq!(entries(&db).await, before, "nothing written");
    assert!(p.set_letters_cutoff(&congress, Some(date!(2025 - 11 - 01)), "t").await.unwrap());
    assert!(!p.set_letters_cutoff(&congress, Some(date!(2025 - 11 - 01)), "t").await.unwrap(), "the same: nothing");
    assert_eq!(entries(&db).await, before + 1, "one audited write");
    assert_eq!(p.letters_cutoff(&congress).await.unwrap().map(|c| c.cutoff), Some(date!(2025 - 11 - 01)));
    assert!(p.holds_at(&card, &congress, on, TODAY).await.unwrap().is_empty(), "after the cut-off: recorded only");
    p.set_letters_cutoff(&congress, None, "t").await.unwrap();
    assert_eq!(p.holds_at(&card, &congress, on, TODAY).await.unwrap().len(), 1);
}

daihoi_test_support::engines!(
    p_1_one_case_per_matter,
    p_6_anonymous_letters,
    p_7_the_denouncers_identity,
    p_5_a_denunciation_on_its_clocks,
    p_8_a_case_holds_a_candidate,
    p_8_the_cut_off_is_the_congress_s,
);
