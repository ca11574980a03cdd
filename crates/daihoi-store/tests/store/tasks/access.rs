//! What a viewer may do with tasks (T-6): who reads and who writes a task's
//! log, and the clearance a classified task needs.

use daihoi_core::Role;
use daihoi_store::audit::{AuditCheck, AuditFilter};
use daihoi_store::documents::Classification;
use daihoi_store::{Db, StoreError, Viewer};
use daihoi_test_support::fixtures::{code, small_tree, user_with};
use daihoi_tracking::{DeadlineDay, EventKind, Finding, Progress, StatusRules};
use time::macros::date;

use super::fixtures::{D, document, event, task};

/// T-6, T-4: who reads and who writes a task's log.
async fn who_records_what_on_a_task(db: Db) {
    small_tree(&db).await;
    let doc = document(&db).await;
    let top = task(&db, doc, "QN.DH", None, Classification::Normal).await;
    let sub = task(&db, doc, "QN.DH.QT", Some(top), Classification::Normal).await;
    let commune_office = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let district_office = user_with(&db, "vp.dh", Role::Office, "QN.DH").await;
    let other_office = user_with(&db, "vp.ty", Role::Office, "QN.TY").await;
    let inspection = user_with(&db, "ubkt.dh", Role::Inspection, "QN.DH").await;

    let c = db.scoped(&commune_office);
    let t = c.tasks().task(sub, D).await.unwrap().unwrap();
    assert!(matches!(db.scoped(&other_office).tasks().task(sub, D).await, Err(StoreError::Forbidden(_))));
    assert!(
        matches!(c.tasks().task(top, D).await, Err(StoreError::Forbidden(_))),
        "the commune does not read the district's task"
    );
    assert_eq!(c.tasks().task(9999, D).await.unwrap(), None);

    let progress = event(EventKind::ProgressReported { progress: Progress::new(40.0).unwrap() });
    c.tasks().record_event(&t, &progress, "127.0.0.1").await.unwrap();
    let urging =
        event(EventKind::Urging {
            by: "Ban Thường vụ".into(), note: "Khẩn trương".into(), new_deadline: None
        });
    assert!(
        matches!(c.tasks().record_event(&t, &urging, "x").await, Err(StoreError::Forbidden(_))),
        "no urging of oneself"
    );
    let d = db.scoped(&district_office);
    let t_from_district = d.tasks().task(sub, D).await.unwrap().unwrap();
    d.tasks().record_event(&t_from_district, &urging, "x").await.unwrap();
    let inspected = event(EventKind::Inspection {
        by: "UBKT Đảng ủy".into(),
        findings: vec![Finding { text: "Chậm bố trí nơi làm việc".into() }],
        recommendations: vec!["Hoàn thành trước 30/6".into()],
    });
    assert!(matches!(d.tasks().record_event(&t_from_district, &inspected, "x").await, Err(StoreError::Forbidden(_))));
    let i = db.scoped(&inspection);
    let t_from_inspection = i.tasks().task(sub, D).await.unwrap().unwrap();
    i.tasks().record_event(&t_from_inspection, &inspected, "x").await.unwrap();
    assert!(matches!(i.tasks().record_event(&t_from_inspection, &progress, "x").await, Err(StoreError::Forbidden(_))));

    let log = c.tasks().task_events(&t).await.unwrap();
    assert_eq!(log.len(), 3);
    let (entries, _) = db
        .scoped(&Viewer::operator())
        .audit()
        .audit_entries(&AuditFilter { limit: 20, ..Default::default() })
        .await
        .unwrap();
    let actions: Vec<_> = entries.iter().map(|e| e.action.as_str()).filter(|a| a.starts_with("task_")).collect();
    // Newest first: the three events, and the two tasks the setup gave.
    assert_eq!(actions, ["task_inspection", "task_urging", "task_progress", "task_create", "task_create"]);
    assert!(matches!(db.verify_audit().await.unwrap(), AuditCheck::Intact { .. }));
}

/// T-6: a classified task is hidden from accounts not cleared for it.
async fn classified_tasks_need_a_clearance(db: Db) {
    small_tree(&db).await;
    let doc = document(&db).await;
    let top = task(&db, doc, "QN.DH", None, Classification::Normal).await;
    let secret = task(&db, doc, "QN.DH.QT", Some(top), Classification::Confidential).await;
    let open = task(&db, doc, "QN.DH.QT", Some(top), Classification::Normal).await;
    let viewer = user_with(&db, "vp.dh", Role::Office, "QN.DH").await;
    let s = db.scoped(&viewer);
    assert!(matches!(s.tasks().task(secret, D).await, Err(StoreError::Forbidden(_))));
    let t = s.tasks().task(top, D).await.unwrap().unwrap();
    assert_eq!(s.tasks().subtasks(&t, D).await.unwrap().iter().map(|t| t.id).collect::<Vec<_>>(), [open]);
    let node = db.org_by_code(&code("QN.DH"), D).await.unwrap().unwrap();
    assert!(!s.tasks().tasks_in(&node, D).await.unwrap().iter().any(|t| t.id == secret));

    // The lists and counts are cut at the database: page and total alike.
    let later = date!(2025 - 07 - 01);
    let (page, total) = s.tasks().overdue_in(&node, D, later, None, 50, None).await.unwrap();
    assert_eq!((page.iter().map(|t| t.id).collect::<Vec<_>>(), total), (vec![top, open], 2));
    let rules = StatusRules { due_soon_window: 7, deadline_day: DeadlineDay::CountsAsOnTime };
    let counts = s.tasks().status_counts_by_org(&node, D, later, &rules, None).await.unwrap();
    assert_eq!(counts.iter().map(|(_, c)| c.total()).sum::<u64>(), 2);
    let no_such = s.tasks().overdue_in(&node, D, later, None, 50, Some(doc + 1)).await;
    assert!(matches!(no_such, Err(StoreError::NotFound(_))), "no such document: {no_such:?}");
    assert_eq!(s.tasks().overdue_in(&node, D, later, None, 50, Some(doc)).await.unwrap().1, 2);

    let user = db.user_by_login("vp.dh").await.unwrap().unwrap();
    db.operator().accounts().set_clearance(&user, Classification::Confidential, "test").await.unwrap();
    let cleared = db.viewer(db.user_by_login("vp.dh").await.unwrap().unwrap()).await.unwrap();
    let s = db.scoped(&cleared);
    assert_eq!(s.clearance(), Classification::Confidential);
    assert!(s.tasks().task(secret, D).await.unwrap().is_some());
    assert_eq!(s.tasks().subtasks(&t, D).await.unwrap().len(), 2);
    assert!(s.tasks().tasks_in(&node, D).await.unwrap().iter().any(|t| t.id == secret));
    assert_eq!(s.tasks().overdue_in(&node, D, later, None, 50, None).await.unwrap().1, 3);
    // Only the operator clears: a user cannot raise anyone's clearance, not even their own.
    let own = cleared.user().unwrap();
    assert!(matches!(
        s.accounts().set_clearance(own, Classification::Secret, "test").await,
        Err(StoreError::Forbidden(_))
    ));
}

daihoi_test_support::engines!(who_records_what_on_a_task, classified_tasks_need_a_clearance,);
