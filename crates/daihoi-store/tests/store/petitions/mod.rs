//! Petitions' legal clocks as stored (issue 18; P-3, P-4, P-5): the rows and
//! days shipped once; an administrator's rows and days, checked (P-3) and
//! audited, nothing written when refused; due dates computed from the table
//! and calendar as they are, so that an amended rule entered for cases
//! received from 1 July 2026 and a holiday added move the open deadlines.

use daihoi_core::Role;
use daihoi_petitions::{Area, CalendarDay, Complexity, DayKind, Extension, Rule, Trigger, Unit};
use daihoi_store::petitions::Awaits;
use daihoi_store::{Db, StoreError};
use daihoi_test_support::fixtures::{small_tree, user_with};
use time::macros::date;

async fn entries(db: &Db) -> i64 {
    db.audit_checkpoint().await.unwrap().map_or(0, |c| c.last_id)
}

/// P-3, P-4, P-5: the shipped rows and days are there after migration,
/// once however often it runs, each row with its source article.
async fn the_shipped_clocks_are_written_once(db: Db) {
    let op = db.operator();
    let clocks = op.petitions().clocks().await.unwrap();
    let rows = clocks.rules.len();
    assert_eq!(rows, daihoi_petitions::defaults::rules().len());
    assert!(clocks.rules.iter().all(|r| r.entered_by == "daihoi" && r.rule.source.contains("Điều")));
    assert_eq!(clocks.days.len(), daihoi_petitions::defaults::calendar_days().len());
    assert!(clocks.years.is_empty(), "no year is confirmed for a person");
    db.migrate().await.unwrap();
    assert_eq!(op.petitions().clocks().await.unwrap().rules.len(), rows);
}

/// P-3 [open] and P-4: a complaint received on 10 July 2026, after Law
/// 136/2025/QH15, awaits a person's row; once the administrator enters it
/// (and confirms 2026's calendar) its due date is computed; a row that
/// overlaps it is refused with P-3, and an office cannot enter one: nothing
/// written either way.
async fn an_amended_rule_entered_by_an_administrator_recomputes_open_cases(db: Db) {
    small_tree(&db).await;
    let admin = user_with(&db, "admin.qn", Role::Admin, "QN").await;
    let office = user_with(&db, "vp.qn", Role::Office, "QN").await;
    let today = date!(2026 - 07 - 20);
    let (received, accepted) = (date!(2026 - 07 - 10), date!(2026 - 07 - 14));
    let a = db.scoped(&admin);
    let p = a.petitions();
    let due = async || {
        p.due(Trigger::ComplaintSettlement, received, Area::Ordinary, Complexity::Ordinary, accepted, &[])
            .await
            .unwrap()
    };
    assert_eq!(due().await, Err(Awaits::Rule { trigger: Trigger::ComplaintSettlement, on: received }));
    let amended = Rule {
        trigger: Trigger::ComplaintSettlement,
        area: None,
        complexity: None,
        amount: 30,
        unit: Unit::CalendarDays,
        extensions: 0,
        extension_amount: 0,
        valid_from: date!(2026 - 07 - 01),
        valid_to: None,
        source: "Luật Khiếu nại sửa đổi (Luật 136/2025/QH15), Điều 28".into(),
    };
    let before = entries(&db).await;
    let office_view = db.scoped(&office);
    let refused = office_view.petitions().add_rule(&amended, today, "t").await;
    assert!(matches!(refused, Err(StoreError::Forbidden(_))), "{refused:?}");
    assert_eq!(entries(&db).await, before, "nothing written");
    p.add_rule(&amended, today, "t").await.unwrap();
    assert_eq!(entries(&db).await, before + 1, "one audited write");
    assert_eq!(due().await, Err(Awaits::Calendar { year: 2026 }), "2026's calendar awaits its confirmation");
    p.confirm_year(2026, "Thông báo lịch nghỉ lễ, Tết năm 2026", today, "t").await.unwrap();
    // 30 days from Tuesday 14 July 2026 end on Thursday 13 August.
    assert_eq!(due().await.unwrap().date, date!(2026 - 08 - 13));
    // P-3: a row overlapping it for the same clock is refused, nothing written.
    let before = entries(&db).await;
    let overlapping = Rule { valid_from: date!(2026 - 08 - 01), amount: 20, ..amended.clone() };
    let refused = p.add_rule(&overlapping, today, "t").await.unwrap_err();
    assert_eq!(refused.rule(), Some("P-3"), "{refused}");
    // Ending the shipped row later than 30 June would overlap the new one.
    let shipped = p.clocks().await.unwrap();
    let old = shipped
        .rules
        .iter()
        .find(|r| {
            r.rule.trigger == Trigger::ComplaintSettlement && r.rule.area.is_none() && r.rule.complexity.is_none()
        })
        .unwrap();
    let refused = p.end_rule(old.id, date!(2026 - 07 - 31), today, "t").await.unwrap_err();
    assert_eq!(refused.rule(), Some("P-3"), "{refused}");
    assert_eq!(entries(&db).await, before, "nothing written");
    assert_eq!(p.clocks().await.unwrap(), shipped);
}

/// P-3: a holiday added on a due date moves it (the deadline is computed
/// from the calendar as it is); a day listed twice is refused; P-5: more
/// extensions than the row allows are refused.
async fn a_holiday_added_moves_open_deadlines(db: Db) {
    small_tree(&db).await;
    let admin = user_with(&db, "admin.qn", Role::Admin, "QN").await;
    let today = date!(2025 - 12 - 01);
    let a = db.scoped(&admin);
    let p = a.petitions();
    p.confirm_year(2025, "Thông báo lịch nghỉ lễ, Tết năm 2025", today, "t").await.unwrap();
    let received = date!(2025 - 10 - 01);
    let due = async |extensions: &[Extension]| {
        p.due(Trigger::DenunciationSettlement, received, Area::Ordinary, Complexity::Complex, received, extensions)
            .await
    };
    // 30 days from Wednesday 1 October 2025 end on Friday 31 October.
    assert_eq!(due(&[]).await.unwrap().unwrap().date, date!(2025 - 10 - 31));
    let day = CalendarDay { date: date!(2025 - 10 - 31), kind: DayKind::Holiday, name: "Ngày nghỉ thử".into() };
    p.add_day(&day, today, "t").await.unwrap();
    // Friday 31 off, then the weekend: Monday 3 November.
    let moved = due(&[]).await.unwrap().unwrap();
    assert_eq!(moved.date, date!(2025 - 11 - 03));
    assert!(moved.steps.iter().any(|s| matches!(s, daihoi_petitions::Step::Moved { .. })), "{:?}", moved.steps);
    let twice = p.add_day(&day, today, "t").await.unwrap_err();
    assert_eq!(twice.rule(), Some("P-3"), "{twice}");
    let once = [Extension { decided_on: date!(2025 - 10 - 20) }];
    assert_eq!(due(&once).await.unwrap().unwrap().date, date!(2025 - 12 - 03));
    let too_many = [once[0], Extension { decided_on: date!(2025 - 11 - 20) }];
    assert_eq!(due(&too_many).await.unwrap_err().rule(), Some("P-5"));
    p.remove_day(date!(2025 - 10 - 31), today, "t").await.unwrap();
    assert_eq!(due(&[]).await.unwrap().unwrap().date, date!(2025 - 10 - 31));
}

mod cases;
mod demo;
mod reception;
mod reports;

daihoi_test_support::engines!(
    the_shipped_clocks_are_written_once,
    an_amended_rule_entered_by_an_administrator_recomputes_open_cases,
    a_holiday_added_moves_open_deadlines,
);
