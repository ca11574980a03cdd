//! The programme of a congress, its bodies and votes by show of hands
//! (issue 15 §8; C-PLAN-8, C-PLAN-6, R-BODY-2): the default programme
//! filled once, items added and marked done, members of the bodies from the
//! roll, votes with the number present taken from the session open;
//! refusals write nothing; only the congress's office writes.

use daihoi_congress::agenda::{Declared, Move, ProgrammeSession, ShowOfHandsBody, StandardItem, VoteOn};
use daihoi_congress::{CongressKind, LevelClass};
use daihoi_core::Role;
use daihoi_core::members::CardNumber;
use daihoi_store::congresses::agenda::NewHandVote;
use daihoi_store::{Db, StoreError};
use daihoi_test_support::fixtures::{code, import, member, small_tree, user_with};
use time::macros::date;

use super::{entries, plan, round};

fn vote(on: VoteOn, f: u32, a: u32, ab: u32, present: Option<u32>, declared: Declared) -> NewHandVote {
    NewHandVote { on, votes_for: f, against: a, abstaining: ab, present, declared }
}

/// C-PLAN-8, C-PLAN-6, R-BODY-2 on a commune's member congress.
async fn programme_bodies_and_votes(db: Db) {
    small_tree(&db).await;
    import(
        &db,
        vec![
            member("003101", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("003102", "Trần Thị Bình", "QN.DH.QT.CB02"),
            member("003103", "Lê Văn Cường", "QN.DH.QT.CB02"),
            member("003201", "Phạm Văn Dũng", "QN.TY.DN.CB01"),
        ],
    )
    .await;
    let card = |c: &str| CardNumber::parse(c).unwrap();
    let today = date!(2026 - 12 - 31);
    let r = round(&db).await;
    let office = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let other = user_with(&db, "vp.dn", Role::Office, "QN.TY.DN.CB01").await;
    let inspection = user_with(&db, "kt.qt", Role::Inspection, "QN.DH.QT").await;
    let qt = db.org_by_code(&code("QN.DH.QT"), today).await.unwrap().unwrap();
    let c = db.scoped(&office);
    let congress = c
        .congresses()
        .plan(&r, &qt, &plan(LevelClass::Commune, CongressKind::MemberCongress, date!(2026 - 12 - 10), 2), today, "x")
        .await
        .unwrap();

    // C-PLAN-8 then C-PLAN-6: the default programme, filled once.
    assert_eq!(c.congresses().fill_programme(&congress, "x").await.unwrap(), 11);
    let before = entries(&db).await;
    assert_eq!(c.congresses().fill_programme(&congress, "x").await.unwrap(), 0);
    assert_eq!(entries(&db).await, before, "a programme already full writes nothing");
    let n = c.congresses().add_item(&congress, ProgrammeSession::Official, "Bế mạc", "x").await.unwrap();
    assert_eq!(n, 12);
    c.congresses().mark_item(&congress, 1, true, "x").await.unwrap();
    let agenda = c.congresses().agenda(&congress).await.unwrap();
    assert_eq!(agenda.items.len(), 12);
    assert_eq!(agenda.items[0].standard, Some(StandardItem::ElectPresidium));
    assert!(agenda.items[0].done && !agenda.items[1].done);
    assert!(agenda.items[..6].iter().all(|i| i.session == ProgrammeSession::Preparatory));
    assert_eq!(agenda.items[11].title.as_deref(), Some("Bế mạc"));
    assert!(matches!(c.congresses().mark_item(&congress, 99, true, "x").await, Err(StoreError::NotFound(_))));

    // R-BODY-2: members from the roll, once; a member elsewhere is refused.
    let presidium = ShowOfHandsBody::Presidium;
    c.congresses().add_body_member(&r, &congress, presidium, &card("003101"), "x").await.unwrap();
    let before = entries(&db).await;
    for (who, rule) in [("003101", "R-BODY-2"), ("003201", "R-BODY-2")] {
        match c.congresses().add_body_member(&r, &congress, presidium, &card(who), "x").await {
            Err(StoreError::CongressRefused { rule: got, .. }) => assert_eq!(got, rule, "{who}"),
            other => panic!("{who}: {other:?}"),
        }
    }
    // R-BODY-2: more hands than present; no session open and no number.
    let on = VoteOn::Body(presidium);
    for v in [vote(on, 3, 1, 0, Some(3), Declared::Adopted), vote(on, 2, 0, 0, None, Declared::Adopted)] {
        match c.congresses().record_vote(&congress, &v, "x").await {
            Err(StoreError::CongressRefused { rule, .. }) => assert_eq!(rule, "R-BODY-2"),
            other => panic!("{other:?}"),
        }
    }
    assert!(matches!(
        c.congresses().record_vote(&congress, &vote(VoteOn::Item(99), 1, 0, 0, Some(3), Declared::Adopted), "x").await,
        Err(StoreError::NotFound(_))
    ));
    // Not the office: inspection of the commune, the office of another cell.
    for v in [&inspection, &other] {
        let s = db.scoped(v);
        assert!(matches!(s.congresses().fill_programme(&congress, "x").await, Err(StoreError::Forbidden(_))));
        assert!(matches!(
            s.congresses().add_body_member(&r, &congress, presidium, &card("003102"), "x").await,
            Err(StoreError::Forbidden(_))
        ));
        assert!(matches!(
            s.congresses().record_vote(&congress, &vote(on, 1, 0, 0, Some(3), Declared::Adopted), "x").await,
            Err(StoreError::Forbidden(_))
        ));
    }
    assert!(matches!(db.scoped(&other).congresses().agenda(&congress).await, Err(StoreError::Forbidden(_))));
    assert_eq!(entries(&db).await, before, "refusals write nothing");
    assert_eq!(db.scoped(&inspection).congresses().agenda(&congress).await.unwrap().members.len(), 1);

    // No session: the number present is given; a declaration against the
    // majority is recorded as declared (the reader is warned).
    let v = c.congresses().record_vote(&congress, &vote(on, 1, 2, 0, Some(3), Declared::Adopted), "x").await.unwrap();
    assert_eq!((v.number, v.session, v.vote.present), (1, None, 3));
    assert!(v.vote.warning().is_some());
    // A session open: those checked in are present; another number is refused.
    let s = c.congresses().open_session(&congress, "Phiên trù bị", date!(2026 - 12 - 10), "x").await.unwrap();
    for who in ["003101", "003102"] {
        c.congresses().check_in(&r, &congress, s, &card(who), "x").await.unwrap();
    }
    let now = c.congresses().present_now(&congress).await.unwrap().unwrap();
    assert_eq!((now.session, now.present), (s, 2));
    match c.congresses().record_vote(&congress, &vote(VoteOn::Item(2), 2, 0, 0, Some(3), Declared::Adopted), "x").await
    {
        Err(StoreError::CongressRefused { rule, .. }) => assert_eq!(rule, "R-BODY-2"),
        other => panic!("{other:?}"),
    }
    let v = c
        .congresses()
        .record_vote(&congress, &vote(VoteOn::Item(2), 2, 0, 0, None, Declared::Adopted), "x")
        .await
        .unwrap();
    assert_eq!((v.number, v.session, v.vote.present), (2, Some(s), 2));
    assert_eq!(v.vote.warning(), None);
    let agenda = c.congresses().agenda(&congress).await.unwrap();
    assert_eq!(agenda.votes.len(), 2);
    assert_eq!(agenda.votes[1].vote.item, VoteOn::Item(2));
    assert_eq!(agenda.votes[0].recorded_by, v.recorded_by);
}

/// Issue 15 §8: the office moves items inside their session and removes
/// one it no longer holds; an item keeps its number (votes name it); an
/// item done (C-PLAN-6) or voted on (R-BODY-2) stays; the edge of a
/// session, refusals and other readers write nothing.
async fn programme_reordered_and_pruned(db: Db) {
    small_tree(&db).await;
    import(&db, vec![member("003101", "Nguyễn Văn An", "QN.DH.QT.CB01")]).await;
    let today = date!(2026 - 12 - 31);
    let r = round(&db).await;
    let office = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let inspection = user_with(&db, "kt.qt", Role::Inspection, "QN.DH.QT").await;
    let qt = db.org_by_code(&code("QN.DH.QT"), today).await.unwrap().unwrap();
    let c = db.scoped(&office).congresses();
    let congress = c
        .plan(&r, &qt, &plan(LevelClass::Commune, CongressKind::MemberCongress, date!(2026 - 12 - 10), 2), today, "x")
        .await
        .unwrap();
    let f = c.add_item(&congress, ProgrammeSession::Official, "Phát biểu chỉ đạo", "x").await.unwrap();
    let g = c.add_item(&congress, ProgrammeSession::Official, "Bế mạc", "x").await.unwrap();
    let p = c.add_item(&congress, ProgrammeSession::Preparatory, "Khai mạc phiên trù bị", "x").await.unwrap();
    let order = async || -> Vec<u32> { c.agenda(&congress).await.unwrap().items.iter().map(|i| i.number).collect() };
    assert_eq!(order().await, [p, f, g], "the preparatory session first, each in the order added");

    // A move inside the official session; the numbers stay.
    assert!(c.move_item(&congress, g, Move::Earlier, "x").await.unwrap());
    assert_eq!(order().await, [p, g, f]);
    // The edges of a session: nothing moves, nothing is written (the
    // preparatory item does not cross into the official session).
    let before = entries(&db).await;
    assert!(!c.move_item(&congress, g, Move::Earlier, "x").await.unwrap());
    assert!(!c.move_item(&congress, p, Move::Later, "x").await.unwrap());
    assert!(!c.move_item(&congress, f, Move::Later, "x").await.unwrap());
    assert_eq!(entries(&db).await, before);
    // An item added after a move goes last in its session.
    let h = c.add_item(&congress, ProgrammeSession::Official, "Thông qua nghị quyết", "x").await.unwrap();
    assert_eq!(order().await, [p, g, f, h]);

    // Refusals: an item done (C-PLAN-6), an item voted on (R-BODY-2), an
    // unknown item, another reader; nothing written.
    c.mark_item(&congress, f, true, "x").await.unwrap();
    c.record_vote(&congress, &vote(VoteOn::Item(h), 1, 0, 0, Some(1), Declared::Adopted), "x").await.unwrap();
    let before = entries(&db).await;
    for (item, rule) in [(f, "C-PLAN-6"), (h, "R-BODY-2")] {
        match c.remove_item(&congress, item, "x").await {
            Err(StoreError::CongressRefused { rule: got, .. }) => assert_eq!(got, rule, "item {item}"),
            other => panic!("item {item}: {other:?}"),
        }
    }
    assert!(matches!(c.remove_item(&congress, 99, "x").await, Err(StoreError::NotFound(_))));
    assert!(matches!(c.move_item(&congress, 99, Move::Later, "x").await, Err(StoreError::NotFound(_))));
    let reader = db.scoped(&inspection);
    assert!(matches!(reader.congresses().remove_item(&congress, g, "x").await, Err(StoreError::Forbidden(_))));
    assert!(matches!(
        reader.congresses().move_item(&congress, g, Move::Later, "x").await,
        Err(StoreError::Forbidden(_))
    ));
    assert_eq!(entries(&db).await, before, "refusals write nothing");
    assert_eq!(order().await, [p, g, f, h]);

    // Removed: the programme closes up, the vote still names its item.
    c.remove_item(&congress, g, "x").await.unwrap();
    let agenda = c.agenda(&congress).await.unwrap();
    assert_eq!(agenda.items.iter().map(|i| i.number).collect::<Vec<_>>(), [p, f, h]);
    assert_eq!(agenda.votes[0].vote.item, VoteOn::Item(h));
    assert_eq!(entries(&db).await, before + 1, "one audit entry");
}

daihoi_test_support::engines!(programme_bodies_and_votes, programme_reordered_and_pruned);
