//! Members kept by hand: a member's data edited, a transfer between cells
//! on a date, conditions recorded and ended (R-BASE-1), each audited and in
//! the member's history; who may (`members::policy`), and the refusals.

use daihoi_core::members::import::{Column, Problem};
use daihoi_core::members::{CardNumber, ConditionKind, Member};
use daihoi_core::{OrgKind, Role};
use daihoi_store::members::{MemberRefusal, NewCondition};
use daihoi_store::orgs::NewOrg;
use daihoi_store::{Db, StoreError};
use time::macros::date;

use daihoi_test_support::fixtures::*;

/// Nguyễn Văn An in QN.DH.QT.CB01 (since 2005) and Trần Thị Bình in
/// QN.TY.DN.CB01; An's id.
async fn two_members(db: &Db) -> i64 {
    small_tree(db).await;
    import(
        db,
        vec![
            member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("10000002", "Trần Thị Bình", "QN.TY.DN.CB01"),
        ],
    )
    .await;
    db.person_id_by_card(&CardNumber::parse("10000001").unwrap()).await.unwrap().unwrap()
}

fn refusal(e: StoreError) -> MemberRefusal {
    match e {
        StoreError::MemberRefused(r) => r,
        other => panic!("expected a member refusal, got {other:?}"),
    }
}

/// The data is checked as a row of the file, every problem at once; the
/// change is one audit entry in words and a line of the member's history.
async fn an_edit_is_checked_as_the_file_and_kept_in_the_history(db: Db) {
    let an = two_members(&db).await;
    let op = db.operator();
    let stored = db.member_detail(an).await.unwrap().unwrap().member;

    // Under age at admission and an official date before it: both named.
    let bad = Member {
        birth_date: date!(1990 - 01 - 01),
        admission_date: date!(2005 - 05 - 19),
        official_date: Some(date!(2004 - 01 - 01)),
        ..stored.clone()
    };
    let r = refusal(op.members().edit_member(an, &bad, TODAY, "test").await.unwrap_err());
    assert_eq!(
        r,
        MemberRefusal::Fields(vec![
            (Column::AdmissionDate, Problem::AdmittedUnderAge),
            (Column::OfficialDate, Problem::BeforeAdmission)
        ])
    );
    // Bình's card number is hers.
    let taken = Member { card_number: CardNumber::parse("10000002").unwrap(), ..stored.clone() };
    let r = refusal(op.members().edit_member(an, &taken, TODAY, "test").await.unwrap_err());
    assert_eq!(r, MemberRefusal::CardTaken("10000002".into()));
    // Admitted after the enrolment (since 19/05/2005) began: as the file's member_since, refused.
    let late = Member { admission_date: date!(2006 - 01 - 01), official_date: None, ..stored.clone() };
    let r = refusal(op.members().edit_member(an, &late, TODAY, "test").await.unwrap_err());
    assert_eq!(
        r,
        MemberRefusal::AdmissionAfterHistory { admission: date!(2006 - 01 - 01), earliest: date!(2005 - 05 - 19) }
    );
    assert_eq!(db.member_detail(an).await.unwrap().unwrap().member, stored, "a refused edit writes nothing");

    let new = Member {
        name: daihoi_core::PersonName::parse("Nguyễn Văn Ân").unwrap(),
        ethnicity: "Tày".into(),
        ..stored.clone()
    };
    let d = op.members().edit_member(an, &new, TODAY, "test").await.unwrap();
    assert_eq!(d.member, new);
    assert_eq!(d.history.len(), 1);
    assert_eq!(d.history[0].action, "member_edit");
    assert_eq!(
        d.history[0].detail, "Nguyễn Văn An (card 10000001): name Nguyễn Văn An → Nguyễn Văn Ân; ethnicity Kinh → Tày",
        "the entry names the member as they were"
    );
    // The new name is searched.
    let qn = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    let q = daihoi_store::members::MemberQuery { search: Some("ân".into()), limit: 10, ..Default::default() };
    let found = db.members_in(&qn, TODAY, &q).await.unwrap();
    assert_eq!(found.items.iter().map(|m| m.full_name.as_str()).collect::<Vec<_>>(), ["Nguyễn Văn Ân"]);
}

/// A transfer ends the enrolment on the date and opens one in the target;
/// the target is a cell that exists on the date and still does; the date
/// is not before the current enrolment's start.
async fn a_transfer_closes_one_period_and_opens_another(db: Db) {
    let an = two_members(&db).await;
    let op = db.operator();
    let on = date!(2026 - 09 - 01);
    // A cell created later than the date: not there yet.
    let new_cell = code("QN.DH.QT.CB03");
    let created = NewOrg {
        code: &new_cell,
        name: "Chi bộ thôn Mới",
        kind: OrgKind::Cell,
        parent: Some(&code("QN.DH.QT")),
        valid_from: date!(2026 - 10 - 01),
    };
    op.orgs().create_org(&created, "test").await.unwrap();
    let cases = [
        ("QN.DH.QT.CB03", on, MemberRefusal::TargetNotOnDate { code: new_cell.clone(), date: on }),
        ("QN.DH.QT", on, MemberRefusal::TargetNotACell { code: code("QN.DH.QT"), kind: OrgKind::Commune.vi() }),
        ("QN.DH.QT.CB01", on, MemberRefusal::SameCell(code("QN.DH.QT.CB01"))),
        (
            "QN.TY.DN.CB02",
            date!(2005 - 01 - 01),
            MemberRefusal::TransferBeforeCurrent {
                date: date!(2005 - 01 - 01),
                current_from: date!(2005 - 05 - 19),
                current_org: code("QN.DH.QT.CB01"),
            },
        ),
    ];
    for (target, date, expected) in cases {
        let e = op.members().transfer_member(an, &code(target), date, TODAY, "test").await.unwrap_err();
        assert_eq!(refusal(e), expected, "{target} on {date}");
    }
    assert!(matches!(
        op.members().transfer_member(an, &code("QN.XX"), on, TODAY, "test").await,
        Err(StoreError::UnknownOrg(_))
    ));

    let d = op.members().transfer_member(an, &code("QN.TY.DN.CB02"), on, TODAY, "test").await.unwrap();
    let periods: Vec<(&str, _, _)> = d.memberships.iter().map(|e| (e.org_code.as_str(), e.from, e.to)).collect();
    assert_eq!(periods, [("QN.DH.QT.CB01", date!(2005 - 05 - 19), Some(on)), ("QN.TY.DN.CB02", on, None)]);
    // The member page names the cell and where it is.
    assert_eq!(d.memberships[1].org_name, "Chi bộ trường học");
    assert_eq!(d.memberships[1].within, ["Đảng bộ xã Đông Ngũ", "Đảng bộ huyện Tiên Yên", "Đảng bộ tỉnh Quảng Ninh"]);
    assert_eq!(d.history.last().unwrap().action, "member_transfer");
    assert_eq!(
        d.history.last().unwrap().detail,
        "Nguyễn Văn An (card 10000001): moved from QN.DH.QT.CB01 (Chi bộ thôn Đồng Tâm) to QN.TY.DN.CB02 \
         (Chi bộ trường học) on 01/09/2026"
    );
    // A correction on the new period's first day changes it in place.
    let d = op.members().transfer_member(an, &code("QN.TY.DN.CB01"), on, TODAY, "test").await.unwrap();
    let periods: Vec<(&str, _, _)> = d.memberships.iter().map(|e| (e.org_code.as_str(), e.from, e.to)).collect();
    assert_eq!(periods, [("QN.DH.QT.CB01", date!(2005 - 05 - 19), Some(on)), ("QN.TY.DN.CB01", on, None)]);
}

/// R-BASE-1: a recorded condition takes the member out of the base while
/// it holds; two of one kind never overlap; an end comes after the start.
async fn conditions_are_recorded_and_ended(db: Db) {
    let an = two_members(&db).await;
    let op = db.operator();
    let cell = db.org_by_code(&code("QN.DH.QT.CB01"), TODAY).await.unwrap().unwrap();
    let suspended =
        NewCondition { kind: ConditionKind::Suspended, from: date!(2026 - 10 - 01), note: "QĐ 12-QĐ/UBKT" };
    let d = op.members().record_condition(an, &suspended, TODAY, "test").await.unwrap();
    assert_eq!(d.conditions.len(), 1);
    assert_eq!(
        (d.conditions[0].kind, d.conditions[0].from, d.conditions[0].to),
        (suspended.kind, suspended.from, None)
    );
    assert_eq!(d.conditions[0].note, "QĐ 12-QĐ/UBKT");
    assert_eq!(
        d.history.last().unwrap().detail,
        "Nguyễn Văn An (card 10000001): Đình chỉ sinh hoạt (suspended) from 01/10/2026 (QĐ 12-QĐ/UBKT)"
    );
    assert_eq!(db.base_count(&cell, TODAY).await.unwrap().suspended, 1, "R-BASE-1");

    let again = NewCondition { from: date!(2026 - 11 - 01), ..suspended.clone() };
    assert_eq!(
        refusal(op.members().record_condition(an, &again, TODAY, "test").await.unwrap_err()),
        MemberRefusal::ConditionOverlaps { kind: ConditionKind::Suspended, from: date!(2026 - 10 - 01) }
    );
    let early = NewCondition { kind: ConditionKind::Exempted, from: date!(2000 - 01 - 01), note: "" };
    assert_eq!(
        refusal(op.members().record_condition(an, &early, TODAY, "test").await.unwrap_err()),
        MemberRefusal::BeforeAdmission { date: date!(2000 - 01 - 01), admission: date!(2005 - 05 - 19) }
    );
    let id = d.conditions[0].id;
    assert_eq!(
        refusal(op.members().end_condition(an, id, date!(2026 - 10 - 01), TODAY, "test").await.unwrap_err()),
        MemberRefusal::EndNotAfterStart { from: date!(2026 - 10 - 01), to: date!(2026 - 10 - 01) }
    );
    assert_eq!(
        refusal(op.members().end_condition(an, id + 100, date!(2026 - 11 - 01), TODAY, "test").await.unwrap_err()),
        MemberRefusal::NoSuchCondition(id + 100)
    );
    let d = op.members().end_condition(an, id, date!(2026 - 11 - 01), TODAY, "test").await.unwrap();
    assert_eq!(d.conditions[0].to, Some(date!(2026 - 11 - 01)));
    assert_eq!(db.base_count(&cell, TODAY).await.unwrap().suspended, 0, "R-BASE-1: ended, counted again");
    assert_eq!(
        refusal(op.members().end_condition(an, id, date!(2026 - 11 - 20), TODAY, "test").await.unwrap_err()),
        MemberRefusal::ConditionEnded(date!(2026 - 11 - 01))
    );
    // After the end, the same kind may start again.
    op.members().record_condition(an, &again, TODAY, "test").await.unwrap();
    let actions: Vec<String> =
        db.member_detail(an).await.unwrap().unwrap().history.into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["member_condition_record", "member_condition_end", "member_condition_record"]);
}

/// `members::policy`: the office of the member's commune keeps them; the
/// inspection reads but never changes; a transfer needs writes on both
/// ends.
async fn only_writers_at_both_ends_keep_members(db: Db) {
    let an = two_members(&db).await;
    let office = user_with(&db, "vp.quangtan", Role::Office, "QN.DH.QT").await;
    let inspection = user_with(&db, "ubkt.quangtan", Role::Inspection, "QN.DH.QT").await;
    let outsider = user_with(&db, "vp.dongngu", Role::Office, "QN.TY.DN").await;
    let stored = db.member_detail(an).await.unwrap().unwrap().member;
    let new = Member { ethnicity: "Tày".into(), ..stored };
    let cond = NewCondition { kind: ConditionKind::Exempted, from: date!(2026 - 01 - 01), note: "" };
    for viewer in [&inspection, &outsider] {
        let s = db.scoped(viewer);
        assert!(!s.members().may_keep(an, TODAY).await.unwrap());
        assert!(matches!(s.members().edit_member(an, &new, TODAY, "x").await, Err(StoreError::Forbidden(_))));
        assert!(matches!(s.members().record_condition(an, &cond, TODAY, "x").await, Err(StoreError::Forbidden(_))));
        let moved = s.members().transfer_member(an, &code("QN.DH.QT.CB02"), TODAY, TODAY, "x").await;
        assert!(matches!(moved, Err(StoreError::Forbidden(_))));
    }
    let s = db.scoped(&office);
    assert!(s.members().may_keep(an, TODAY).await.unwrap());
    s.members().edit_member(an, &new, TODAY, "x").await.unwrap();
    // Into Đông Ngũ, where this office does not write: refused.
    let out = s.members().transfer_member(an, &code("QN.TY.DN.CB01"), TODAY, TODAY, "x").await;
    assert!(matches!(out, Err(StoreError::Forbidden(_))), "{out:?}");
    let d = s.members().transfer_member(an, &code("QN.DH.QT.CB02"), TODAY, TODAY, "x").await.unwrap();
    assert_eq!(d.history.iter().map(|e| e.actor.as_str()).collect::<Vec<_>>(), ["vp.quangtan", "vp.quangtan"]);
}

daihoi_test_support::engines!(
    an_edit_is_checked_as_the_file_and_kept_in_the_history,
    a_transfer_closes_one_period_and_opens_another,
    conditions_are_recorded_and_ended,
    only_writers_at_both_ends_keep_members,
);
