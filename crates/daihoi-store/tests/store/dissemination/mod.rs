//! Dissemination conferences (học tập, quán triệt): attendance, and the
//! coverage of a document in a subtree on a date.

use daihoi_core::members::CardNumber;
use daihoi_core::{OrgCode, Role};
use daihoi_store::access::Viewer;
use daihoi_store::dissemination::{Dissemination, NewDissemination, Window};
use daihoi_store::documents::{Classification, NewDocument};
use daihoi_store::{Db, StoreError};
use daihoi_test_support::fixtures::OperatorWrites;
use daihoi_test_support::fixtures::{TODAY, code, import, member, small_tree, user_with};
use time::Date;
use time::macros::date;

fn card(s: &str) -> CardNumber {
    CardNumber::parse(s).unwrap()
}

/// The small tree with two members in each of three cells (none in
/// QN.TY.DN.CB02), and a document.
async fn setup(db: &Db) -> i64 {
    small_tree(db).await;
    import(
        db,
        vec![
            member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("10000002", "Trần Thị Bình", "QN.DH.QT.CB01"),
            member("10000003", "Lê Quang Đức", "QN.DH.QT.CB02"),
            member("10000004", "Phạm Thị Hoa", "QN.DH.QT.CB02"),
            member("10000005", "Hoàng Văn Minh", "QN.TY.DN.CB01"),
            member("10000006", "Vũ Thị Lan", "QN.TY.DN.CB01"),
        ],
    )
    .await;
    db.register_document(&NewDocument {
        doc_type: "HD",
        issuer: "TU",
        number: 6,
        number_text: "06",
        issued_on: date!(2024 - 10 - 25),
        title: "Một số nội dung về đại hội đảng bộ các cấp",
        summary: "",
        classification: Classification::Normal,
        org: None,
    })
    .await
    .unwrap()
    .id
}

async fn conference(db: &Db, org: &str, held_on: Date, documents: &[i64]) -> i64 {
    let org = code(org);
    db.record_dissemination(&NewDissemination {
        org: &org,
        held_on,
        title: "Hội nghị học tập, quán triệt",
        level: "",
        notes: "",
        documents,
        classification: daihoi_store::documents::Classification::Normal,
    })
    .await
    .unwrap()
    .id
}

fn codes(nodes: &[daihoi_store::orgs::OrgNode]) -> Vec<&str> {
    nodes.iter().map(|o| o.code.as_str()).collect()
}

/// Members reached are those who attended; a cell is reached when listed
/// or when one of its members attended; the others are listed in path order.
async fn coverage_of_a_subtree(db: Db) {
    let doc = setup(&db).await;
    let id = conference(&db, "QN.DH", date!(2026 - 03 - 10), &[doc]).await;
    db.add_attendance(id, &[card("10000001"), card("10000005")], &[code("QN.DH.QT.CB02")]).await.unwrap();
    let root = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    let c = db.coverage(doc, &root, TODAY).await.unwrap();
    assert_eq!((c.members_total, c.members_reached), (6, 2));
    assert_eq!((c.orgs_total, c.orgs_reached), (4, 3));
    assert_eq!(codes(&c.not_reached), ["QN.TY.DN.CB02"]);
    // A district's subtree.
    let dh = db.org_by_code(&code("QN.DH"), TODAY).await.unwrap().unwrap();
    let c = db.coverage(doc, &dh, TODAY).await.unwrap();
    assert_eq!((c.members_total, c.members_reached, c.orgs_total, c.orgs_reached), (4, 1, 2, 2));
    assert!(c.not_reached.is_empty());
    // Another document: nobody.
    let c = db.coverage(doc + 1000, &root, TODAY).await.unwrap();
    assert_eq!((c.members_reached, c.orgs_reached), (0, 0));
    assert_eq!(codes(&c.not_reached), ["QN.DH.QT.CB01", "QN.DH.QT.CB02", "QN.TY.DN.CB01", "QN.TY.DN.CB02"]);
    assert_eq!(db.disseminations_of(doc).await.unwrap().iter().map(|d| d.id).collect::<Vec<_>>(), [id]);
}

/// A conference held after the date does not count on that date.
async fn a_later_conference_does_not_count(db: Db) {
    let doc = setup(&db).await;
    let id = conference(&db, "QN", date!(2026 - 06 - 01), &[doc]).await;
    db.add_attendance(id, &[card("10000001")], &[code("QN.TY.DN.CB02")]).await.unwrap();
    let root = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    let before = db.coverage(doc, &root, date!(2026 - 05 - 31)).await.unwrap();
    assert_eq!((before.members_reached, before.orgs_reached), (0, 0));
    let on = db.coverage(doc, &root, date!(2026 - 06 - 01)).await.unwrap();
    assert_eq!((on.members_reached, on.orgs_reached), (1, 2));
}

/// A member at two conferences on the same document counts once; adding
/// the same attendance again changes nothing.
async fn a_member_counts_once(db: Db) {
    let doc = setup(&db).await;
    let a = conference(&db, "QN", date!(2026 - 03 - 01), &[doc, doc]).await;
    let b = conference(&db, "QN.DH", date!(2026 - 04 - 01), &[doc]).await;
    db.add_attendance(a, &[card("10000001"), card("10000001")], &[]).await.unwrap();
    db.add_attendance(b, &[card("10000001"), card("10000002")], &[]).await.unwrap();
    db.add_attendance(b, &[card("10000002")], &[]).await.unwrap();
    let root = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    let c = db.coverage(doc, &root, TODAY).await.unwrap();
    assert_eq!((c.members_total, c.members_reached, c.orgs_reached), (6, 2, 1));
    let all = db.disseminations_of(doc).await.unwrap();
    assert_eq!(all.iter().map(|d| (d.id, d.documents.clone())).collect::<Vec<_>>(), [(a, vec![doc]), (b, vec![doc])]);
}

/// An unknown card or code refuses the whole call, naming it, and writes
/// nothing.
async fn an_unknown_card_refuses_everything(db: Db) {
    let doc = setup(&db).await;
    let id = conference(&db, "QN", date!(2026 - 03 - 01), &[doc]).await;
    let refused =
        db.add_attendance(id, &[card("10000001"), card("19999999")], &[code("QN.DH.QT.CB02")]).await.unwrap_err();
    assert!(matches!(&refused, StoreError::NotFound(what) if what.contains("19999999")), "{refused:?}");
    let refused = db.add_attendance(id, &[card("10000001")], &[OrgCode::parse("QN.XX").unwrap()]).await.unwrap_err();
    assert!(matches!(&refused, StoreError::NotFound(what) if what == "QN.XX"), "{refused:?}");
    // Issue 14 §5: every unknown card and code at once.
    let refused = db
        .add_attendance(id, &[card("19999998"), card("19999999")], &[OrgCode::parse("QN.XX").unwrap()])
        .await
        .unwrap_err();
    assert!(matches!(&refused, StoreError::NotFound(what) if what == "19999998, 19999999, QN.XX"), "{refused:?}");
    let root = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    let c = db.coverage(doc, &root, TODAY).await.unwrap();
    assert_eq!((c.members_reached, c.orgs_reached), (0, 0));
    // An unknown document or organization refuses the conference.
    let org = code("QN");
    let new = NewDissemination {
        org: &org,
        held_on: TODAY,
        title: "x",
        level: "",
        notes: "",
        documents: &[doc + 1],
        classification: Classification::Normal,
    };
    assert!(matches!(db.record_dissemination(&new).await, Err(StoreError::NotFound(_))));
    let nowhere = code("QN.XX");
    let new = NewDissemination { org: &nowhere, documents: &[doc], ..new };
    assert!(matches!(db.record_dissemination(&new).await, Err(StoreError::UnknownOrg(_))));
    assert_eq!(db.disseminations_of(doc).await.unwrap().len(), 1);
}

/// The demo's conference of 18 November 2024 reaches some, not all.
async fn the_demo_conference(db: Db) {
    let scenario = daihoi_demo::quang_ninh(300, daihoi_demo::DEMO_SEED);
    db.load_scenario(&scenario, daihoi_demo::AS_OF, &mut |_| {}).await.unwrap();
    db.load_demo_documents().await.unwrap();
    let conference = db.load_demo_dissemination().await.unwrap();
    assert_eq!(conference.held_on, date!(2024 - 11 - 18));
    assert_eq!(conference.documents.len(), 6);
    // Loading it again records nothing more.
    assert_eq!(db.load_demo_dissemination().await.unwrap(), conference);
    let doc = db.document_by_identity("TU", "HD", 6, date!(2024 - 10 - 25)).await.unwrap().unwrap();
    assert_eq!(db.disseminations_of(doc.id).await.unwrap(), std::slice::from_ref(&conference));
    let root = db.org_by_code(&code("QN"), conference.held_on).await.unwrap().unwrap();
    let c = db.coverage(doc.id, &root, conference.held_on).await.unwrap();
    assert!(0 < c.orgs_reached && c.orgs_reached < c.orgs_total, "{c:?}");
    assert!(0 < c.members_reached && c.members_reached < c.members_total, "{c:?}");
    assert_eq!(c.not_reached.len() as u64, c.orgs_total - c.orgs_reached);
    // The day before, nobody.
    let c = db.coverage(doc.id, &root, date!(2024 - 11 - 17)).await.unwrap();
    assert_eq!((c.members_reached, c.orgs_reached), (0, 0));
}

/// A conference recorded without its list gets it later, through the
/// scoped view: checked as when recording (cards the office may read,
/// organizations under the holder), all or nothing, each attendee kept
/// once, and logged in the same transaction.
async fn attendance_added_later_through_the_scoped_view(db: Db) {
    let doc = setup(&db).await;
    let office = user_with(&db, "vp.damha", Role::Office, "QN.DH").await;
    let s = db.scoped(&office);
    let org = code("QN.DH");
    let new = NewDissemination {
        org: &org,
        held_on: date!(2026 - 03 - 10),
        title: "Hội nghị học tập, quán triệt Hướng dẫn 06-HD/TU",
        level: "cấp huyện",
        notes: "",
        documents: &[doc],
        classification: daihoi_store::documents::Classification::Normal,
    };
    let d = s.disseminations().record_dissemination(&new, &[], &[], "test").await.unwrap();
    let added = s
        .disseminations()
        .add_attendance(&d, &[card("10000001"), card("10000002")], &[code("QN.DH.QT.CB02")], "test")
        .await;
    assert_eq!(added.unwrap(), (2, 1));
    let added = s.disseminations().add_attendance(&d, &[card("10000001"), card("10000003")], &[], "test").await;
    assert_eq!(added.unwrap(), (1, 0), "10000001 is kept once");
    // A card of another district refuses the call, and the good card with it.
    let refused =
        s.disseminations().add_attendance(&d, &[card("10000004"), card("10000005")], &[], "test").await.unwrap_err();
    assert!(matches!(&refused, StoreError::NotFound(what) if what == "10000005"), "{refused:?}");
    let refused = s.disseminations().add_attendance(&d, &[], &[code("QN.TY.DN.CB01")], "test").await.unwrap_err();
    assert!(matches!(&refused, StoreError::NotFound(what) if what == "QN.TY.DN.CB01"), "{refused:?}");
    let a = s.disseminations().attendance(&d).await.unwrap();
    let cards: Vec<&str> = a.members.iter().map(|m| m.card_number.as_str()).collect();
    assert_eq!(cards.len(), 3);
    assert!(!cards.contains(&"10000004"));
    assert_eq!(a.members_hidden, 0);
    assert_eq!(a.orgs, [("QN.DH.QT.CB02".to_owned(), "Chi bộ thôn Tân Hợp".to_owned())]);
    let an = a.members.iter().find(|m| m.card_number == "10000001").unwrap();
    assert_eq!((an.full_name.as_str(), an.cell.as_deref()), ("Nguyễn Văn An", Some("Chi bộ thôn Đồng Tâm")));
    // Coverage follows the later list.
    let root = db.org_by_code(&code("QN.DH"), TODAY).await.unwrap().unwrap();
    assert_eq!(db.coverage(doc, &root, TODAY).await.unwrap().members_reached, 3);
    // The list of the district's conferences, and of the province's.
    let (list, total) = s.disseminations().disseminations_in(&root, 10).await.unwrap();
    assert_eq!((list.len(), total), (1, 1));
    assert_eq!((list[0].members, list[0].orgs, list[0].holder_code.as_str()), (3, 1, "QN.DH"));
    assert_eq!(list[0].dissemination, d, "with its documents");
    let province = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    assert_eq!(db.scoped(&Viewer::operator()).disseminations().disseminations_in(&province, 10).await.unwrap().1, 1);
    assert!(matches!(s.disseminations().disseminations_in(&province, 10).await, Err(StoreError::Forbidden(_))));
    // Another district's office neither sees the conference nor adds to it.
    let other = user_with(&db, "vp.tienyen", Role::Office, "QN.TY").await;
    let o = db.scoped(&other);
    assert_eq!(o.disseminations().dissemination(d.id).await.unwrap(), None);
    assert!(matches!(o.disseminations().add_attendance(&d, &[], &[], "test").await, Err(StoreError::Forbidden(_))));
    // The province's inspection commission reads it, but may not add.
    let inspection = user_with(&db, "ubkt", Role::Inspection, "QN").await;
    let i = db.scoped(&inspection);
    assert_eq!(
        i.disseminations().dissemination(d.id).await.unwrap().map(|(_, holder)| holder.code.to_string()),
        Some("QN.DH".into())
    );
    assert!(matches!(i.disseminations().add_attendance(&d, &[], &[], "test").await, Err(StoreError::Forbidden(_))));
    let filter = daihoi_store::audit::AuditFilter { limit: 20, ..Default::default() };
    let (entries, _) = db.scoped(&Viewer::operator()).audit().audit_entries(&filter).await.unwrap();
    let actions: Vec<&str> =
        entries.iter().map(|e| e.action.as_str()).filter(|a| a.starts_with("dissemination")).collect();
    assert_eq!(actions, ["dissemination_attendance", "dissemination_attendance", "dissemination"]);
}

/// A member who reads a conference's page (their cell held it) sees how
/// many attended but not who, except where a role lets them read members.
async fn attendees_outside_the_viewers_reach_are_only_counted(db: Db) {
    let doc = setup(&db).await;
    let cell = code("QN.DH.QT.CB01");
    let new = NewDissemination {
        org: &cell,
        held_on: date!(2026 - 03 - 12),
        title: "Sinh hoạt chuyên đề",
        level: "",
        notes: "",
        documents: &[doc],
        classification: daihoi_store::documents::Classification::Normal,
    };
    let operator = Viewer::operator();
    let d = db
        .scoped(&operator)
        .disseminations()
        .record_dissemination(&new, &[card("10000001"), card("10000002")], &[], "cli")
        .await;
    let d = d.unwrap();
    let member = user_with(&db, "dv.binh", Role::Member, "QN.DH.QT.CB01").await;
    let m = db.scoped(&member);
    let (_, holder) = m.disseminations().dissemination(d.id).await.unwrap().expect("their cell's conference");
    assert_eq!(holder.code, cell);
    let a = m.disseminations().attendance(&d).await.unwrap();
    assert_eq!((a.members.len(), a.members_hidden), (0, 2));
    let a = db.scoped(&operator).disseminations().attendance(&d).await.unwrap();
    assert_eq!((a.members.len(), a.members_hidden), (2, 0));
}

/// The coverage kept between requests follows every change it depends on:
/// attendance added, a member enrolled, a cell created (each raises the
/// data generation in its writing transaction), and is read again only then.
async fn kept_coverage_follows_every_change(db: Db) {
    let doc = setup(&db).await;
    let id = conference(&db, "QN", date!(2026 - 03 - 01), &[doc]).await;
    let root = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    let c = db.coverage(doc, &root, TODAY).await.unwrap();
    assert_eq!((c.members_total, c.members_reached, c.orgs_total, c.orgs_reached), (6, 0, 4, 0));
    assert_eq!(db.coverage(doc, &root, TODAY).await.unwrap(), c, "kept, the same");
    db.add_attendance(id, &[card("10000001")], &[]).await.unwrap();
    let c = db.coverage(doc, &root, TODAY).await.unwrap();
    assert_eq!((c.members_total, c.members_reached, c.orgs_reached), (6, 1, 1));
    import(&db, vec![member("10000007", "Đỗ Văn Nam", "QN.TY.DN.CB02")]).await;
    let c = db.coverage(doc, &root, TODAY).await.unwrap();
    assert_eq!((c.members_total, c.members_reached), (7, 1));
    let before = db.data_generation().await.unwrap();
    let (cell, commune) = (code("QN.DH.QT.CB09"), code("QN.DH.QT"));
    let new = daihoi_store::orgs::NewOrg {
        code: &cell,
        name: "Chi bộ mới",
        kind: daihoi_core::OrgKind::Cell,
        parent: Some(&commune),
        valid_from: date!(2026 - 01 - 01),
    };
    db.operator().orgs().create_org(&new, "test").await.unwrap();
    assert!(db.data_generation().await.unwrap() > before);
    let c = db.coverage(doc, &root, TODAY).await.unwrap();
    assert_eq!((c.orgs_total, c.orgs_reached), (5, 1), "the new cell is counted, not reached");
}

/// Issue 14 §5: a conference cannot study a document before it was
/// issued; nothing is written.
async fn a_conference_before_the_issue_date_is_refused(db: Db) {
    let doc = setup(&db).await;
    let issued_on = db.document(doc).await.unwrap().unwrap().issued_on;
    let org = code("QN.DH");
    let before = db
        .record_dissemination(&NewDissemination {
            org: &org,
            held_on: issued_on - time::Duration::days(1),
            title: "Hội nghị sớm",
            level: "",
            notes: "",
            documents: &[doc],
            classification: daihoi_store::documents::Classification::Normal,
        })
        .await;
    assert!(
        matches!(&before, Err(daihoi_store::StoreError::HeldBeforeIssue { issued_on: d, .. }) if *d == issued_on),
        "{before:?}"
    );
    // The day of issue itself is fine.
    conference(&db, "QN.DH", issued_on, &[doc]).await;
}

/// Every window of `size` over the organizations `viewer` may see of a
/// conference's attendance, joined; each window counts all of them.
async fn org_windows(db: &Db, viewer: &Viewer, d: &Dissemination, size: u64, total: u64) -> Vec<String> {
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let a = db
            .scoped(viewer)
            .disseminations()
            .attendance_page(d, Window::new(0, 1), Window::new(offset, size))
            .await
            .unwrap();
        assert_eq!(a.orgs_total(), total, "the hidden are counted on every window");
        assert!(a.members.len() <= 1, "the members' window is its own");
        if a.orgs.is_empty() {
            assert!(offset >= a.orgs_readable, "empty only past the end");
            return out;
        }
        assert!(a.orgs.len() as u64 <= size);
        out.extend(a.orgs.into_iter().map(|(code, _)| code));
        offset += size;
    }
}

/// Issue 14 §9: the organizations listed as attending come a window at a
/// time, as the members do. The windows together give every organization
/// the viewer may see by name exactly once, in code order; the others are
/// only counted, on every window; each viewer's cut is their own (kept by
/// their roles: another viewer asking at the same write generation gets
/// theirs, not the first one's), and attendance added later is seen.
async fn organizations_are_listed_a_window_at_a_time(db: Db) {
    let doc = setup(&db).await;
    let id = conference(&db, "QN", date!(2026 - 03 - 10), &[doc]).await;
    let all = [
        "QN",
        "QN.DH",
        "QN.DH.QT",
        "QN.DH.QT.CB01",
        "QN.DH.QT.CB02",
        "QN.TY",
        "QN.TY.DN",
        "QN.TY.DN.CB01",
        "QN.TY.DN.CB02",
    ];
    let cards: Vec<CardNumber> = (1..=6).map(|i| card(&format!("1000000{i}"))).collect();
    db.add_attendance(id, &cards, &all[..8].iter().map(|c| code(c)).collect::<Vec<_>>()).await.unwrap();
    let d = db.dissemination(id).await.unwrap().unwrap();
    let dh = user_with(&db, "vp.damha", Role::Office, "QN.DH").await;
    let ty = user_with(&db, "vp.tienyen", Role::Office, "QN.TY").await;
    let operator = Viewer::operator();
    for size in [1, 2, 3, 100] {
        assert_eq!(org_windows(&db, &dh, &d, size, 8).await, all[1..5], "by {size}");
        assert_eq!(org_windows(&db, &ty, &d, size, 8).await, all[5..8], "by {size}: not the other office's cut");
        assert_eq!(org_windows(&db, &operator, &d, size, 8).await, all[..8], "by {size}");
    }
    let a = db.scoped(&dh).disseminations().attendance_page(&d, Window::ALL, Window::new(1, 2)).await.unwrap();
    assert_eq!((a.orgs_readable, a.orgs_hidden, a.members_readable, a.members_hidden), (4, 4, 4, 2));
    assert_eq!(a.orgs.iter().map(|o| o.0.as_str()).collect::<Vec<_>>(), ["QN.DH.QT", "QN.DH.QT.CB01"]);
    let cards: Vec<&str> = a.members.iter().map(|m| m.card_number.as_str()).collect();
    assert!(cards.iter().all(|c| ["10000001", "10000002", "10000003", "10000004"].contains(c)), "{cards:?}");
    assert_eq!(db.scoped(&dh).disseminations().attendance(&d).await.unwrap().orgs.len(), 4, "all at once");
    // Attendance added later (an audited write) is seen by every cut.
    let added = db.operator().disseminations().add_attendance(&d, &[], &[code(all[8])], "test").await;
    assert_eq!(added.unwrap(), (0, 1));
    assert_eq!(org_windows(&db, &ty, &d, 3, 9).await, all[5..]);
    assert_eq!(org_windows(&db, &dh, &d, 3, 9).await, all[1..5]);
}

daihoi_test_support::engines!(
    organizations_are_listed_a_window_at_a_time,
    a_conference_before_the_issue_date_is_refused,
    kept_coverage_follows_every_change,
    attendance_added_later_through_the_scoped_view,
    attendees_outside_the_viewers_reach_are_only_counted,
    coverage_of_a_subtree,
    a_later_conference_does_not_count,
    a_member_counts_once,
    an_unknown_card_refuses_everything,
    the_demo_conference,
);
