//! What a viewer may do with tasks (T-6), the [open] tracking rules chosen by
//! a person, targets (T-5) and clearances, stored.

use daihoi_core::Role;
use daihoi_store::audit::{AuditCheck, AuditFilter};
use daihoi_store::documents::{Classification, NewDocument};
use daihoi_store::tasks::NewTask;
use daihoi_store::tasks::settings::TrackingRules;
use daihoi_store::tasks::targets::NewTarget;
use daihoi_store::{Db, StoreError, Viewer};
use daihoi_test_support::fixtures::{code, small_tree, user_with};
use daihoi_tracking::{
    DeadlineDay, Direction, Event, EventKind, Finding, Progress, Reading, RollupRules, StatusRules, Target,
    TrackingError, Unreported,
};
use time::Date;
use time::macros::date;

const D: Date = date!(2025 - 03 - 01);

/// The register's 28-NQ/TU (2024), unclassified.
pub(crate) async fn document(db: &Db) -> i64 {
    db.register_document(&NewDocument {
        doc_type: "NQ",
        issuer: "TU",
        number: 28,
        number_text: "28",
        issued_on: date!(2024 - 05 - 10),
        title: "Về xây dựng lực lượng công an",
        summary: "",
        classification: Classification::Normal,
        org: None,
    })
    .await
    .unwrap()
    .id
}

async fn task(db: &Db, doc: i64, org: &str, parent: Option<i64>, classification: Classification) -> i64 {
    db.create_task(&NewTask {
        document_id: doc,
        clause: "Mục II.2",
        title: "Bố trí công an chính quy về xã",
        org: &code(org),
        parent,
        weight: None,
        deadline: Some(date!(2025 - 06 - 30)),
        external_id: None,
        classification,
        assigned_on: date!(2025 - 01 - 10),
    })
    .await
    .unwrap()
    .id
}

fn event(kind: EventKind) -> Event {
    Event { occurred_on: D, recorded_on: D, kind }
}

fn rules(deadline_day: DeadlineDay, window: u32, unreported: Unreported) -> TrackingRules {
    TrackingRules { status: StatusRules { due_soon_window: window, deadline_day }, rollup: RollupRules { unreported } }
}

/// The [open] rules: none until an administrator chooses; a choice lower in
/// the tree wins in its own subtree; only an administrator of the subtree
/// chooses; the choice is in the audit log.
async fn tracking_rules_are_chosen_by_a_person_for_a_subtree(db: Db) {
    small_tree(&db).await;
    let admin = user_with(&db, "admin.qn", Role::Admin, "QN").await;
    let office = user_with(&db, "vp.qn", Role::Office, "QN").await;
    let qn = db.org_by_code(&code("QN"), D).await.unwrap().unwrap();
    let qt = db.org_by_code(&code("QN.DH.QT"), D).await.unwrap().unwrap();
    let s = db.scoped(&admin);
    assert_eq!(s.tasks().tracking_setting(&qt, D).await.unwrap(), None, "nobody has chosen: no rules");

    let by = rules(DeadlineDay::CountsAsOnTime, 7, Unreported::CountAsZero);
    let err = db.scoped(&office).tasks().set_tracking_rules(&qn, &by, "127.0.0.1").await.unwrap_err();
    assert!(matches!(err, StoreError::Forbidden(_)), "an office does not choose the rules: {err:?}");
    s.tasks().set_tracking_rules(&qn, &by, "127.0.0.1").await.unwrap();
    let got = s.tasks().tracking_setting(&qt, D).await.unwrap().unwrap();
    assert_eq!((got.rules, got.org_id, got.chosen_by.as_str()), (by, qn.id, "admin.qn"));

    let before = rules(DeadlineDay::CountsAsLate, 3, Unreported::Skip);
    let dh = db.org_by_code(&code("QN.DH"), D).await.unwrap().unwrap();
    s.tasks().set_tracking_rules(&dh, &before, "127.0.0.1").await.unwrap();
    assert_eq!(s.tasks().tracking_setting(&qt, D).await.unwrap().unwrap().rules, before, "the nearest choice wins");
    let ty = db.org_by_code(&code("QN.TY"), D).await.unwrap().unwrap();
    assert_eq!(s.tasks().tracking_setting(&ty, D).await.unwrap().unwrap().rules, by, "a sibling keeps the province's");
    s.tasks().set_tracking_rules(&qn, &before, "127.0.0.1").await.unwrap();
    assert_eq!(
        s.tasks().tracking_setting(&ty, D).await.unwrap().unwrap().rules,
        before,
        "a new choice replaces the old"
    );

    let (entries, _) = s.audit().audit_entries(&AuditFilter { limit: 10, ..Default::default() }).await.unwrap();
    assert_eq!(entries.iter().filter(|e| e.action == "tracking_rules").count(), 3);
    let too_long = rules(DeadlineDay::CountsAsLate, 400, Unreported::Skip);
    let err = s.tasks().set_tracking_rules(&qn, &too_long, "x").await;
    assert!(matches!(err, Err(StoreError::BadTask(_))), "a window over a year is refused");
}

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
    assert_eq!(actions, ["task_inspection", "task_urging", "task_progress"]);
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
    db.set_clearance(user.id, Classification::Confidential).await.unwrap();
    let cleared = db.viewer(db.user_by_login("vp.dh").await.unwrap().unwrap()).await.unwrap();
    let s = db.scoped(&cleared);
    assert_eq!(s.clearance(), Classification::Confidential);
    assert!(s.tasks().task(secret, D).await.unwrap().is_some());
    assert_eq!(s.tasks().subtasks(&t, D).await.unwrap().len(), 2);
    assert!(s.tasks().tasks_in(&node, D).await.unwrap().iter().any(|t| t.id == secret));
    assert_eq!(s.tasks().overdue_in(&node, D, later, None, 50, None).await.unwrap().1, 3);
    assert!(matches!(db.set_clearance(9999, Classification::Secret).await, Err(StoreError::NotFound(_))));
}

/// T-5: a target's readings go forward in time; a reading on the same day
/// corrects; the assignee's office records them, with an audit entry.
async fn targets_keep_their_readings(db: Db) {
    small_tree(&db).await;
    let doc = document(&db).await;
    let t = task(&db, doc, "QN.DH.QT", None, Classification::Normal).await;
    let target = db
        .create_target(&NewTarget {
            task_id: t,
            name: "Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ",
            target: Target::new("%", 60.0, 80.0, Direction::HigherIsBetter).unwrap(),
        })
        .await
        .unwrap();
    assert!(matches!(
        db.create_target(&NewTarget { task_id: 9999, name: "x", target: target.series.target().clone() }).await,
        Err(StoreError::NotFound(_))
    ));
    let office = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let other = user_with(&db, "vp.ty", Role::Office, "QN.TY").await;
    let s = db.scoped(&office);
    let task = s.tasks().task(t, D).await.unwrap().unwrap();
    s.tasks()
        .record_reading(&task, target.id, Reading { on: date!(2025 - 03 - 31), value: 65.0 }, "Quý I", "x")
        .await
        .unwrap();
    s.tasks()
        .record_reading(&task, target.id, Reading { on: date!(2025 - 06 - 30), value: 70.0 }, "", "x")
        .await
        .unwrap();
    s.tasks()
        .record_reading(&task, target.id, Reading { on: date!(2025 - 06 - 30), value: 72.0 }, "Sửa", "x")
        .await
        .unwrap();
    let err =
        s.tasks().record_reading(&task, target.id, Reading { on: date!(2025 - 05 - 01), value: 1.0 }, "", "x").await;
    assert!(matches!(err, Err(StoreError::Tracking(TrackingError::ReadingBackInTime { .. }))), "{err:?}");
    let err = s
        .tasks()
        .record_reading(&task, target.id, Reading { on: date!(2025 - 07 - 01), value: f64::NAN }, "", "x")
        .await;
    assert!(matches!(err, Err(StoreError::Tracking(TrackingError::NotFinite(_)))), "{err:?}");
    let o = db.scoped(&other);
    let err =
        o.tasks().record_reading(&task, target.id, Reading { on: date!(2025 - 07 - 01), value: 1.0 }, "", "x").await;
    assert!(matches!(err, Err(StoreError::Forbidden(_))));

    let stored = &s.tasks().targets(&task).await.unwrap()[0];
    assert_eq!(stored.series.readings().len(), 3);
    let at = stored.series.attainment_at(date!(2025 - 12 - 31)).unwrap();
    assert_eq!((at.reading.value, at.met), (72.0, false), "the correction wins");
    assert!((at.progress.percent() - 60.0).abs() < 1e-9, "{} from 60 to 80 is 60 %", at.reading.value);
    assert_eq!(stored.notes[0].note, "Quý I");
    assert_eq!(stored.notes[0].recorded_by, "vp.qt");
}

/// T-5, T-6: a subtree's targets come with their own readings (read in
/// one query for all of them), cut to the reader's clearance and to one
/// document when asked, the first few and how many there are.
async fn the_targets_of_a_subtree(db: Db) {
    small_tree(&db).await;
    let doc = document(&db).await;
    let other_doc = db
        .register_document(&NewDocument {
            doc_type: "KH",
            issuer: "TU",
            number: 439,
            number_text: "439",
            issued_on: date!(2024 - 11 - 18),
            title: "Tổ chức đại hội đảng bộ các cấp",
            summary: "",
            classification: Classification::Normal,
            org: None,
        })
        .await
        .unwrap()
        .id;
    let mut ids = Vec::new();
    for (i, (d, org, classification)) in [
        (doc, "QN.DH.QT", Classification::Normal),
        (other_doc, "QN.DH.QT.CB01", Classification::Normal),
        (doc, "QN.DH.QT.CB02", Classification::Secret),
        (doc, "QN.TY.DN", Classification::Normal),
    ]
    .into_iter()
    .enumerate()
    {
        let t = task(&db, d, org, None, classification).await;
        let target = Target::new("%", 0.0, 100.0, Direction::HigherIsBetter).unwrap();
        let g = db.create_target(&NewTarget { task_id: t, name: org, target }).await.unwrap();
        let operator = Viewer::operator();
        let s = db.scoped(&operator);
        let task = s.tasks().task(t, D).await.unwrap().unwrap();
        for k in 0..=i {
            let reading =
                Reading { on: date!(2025 - 01 - 31) + time::Duration::days(k as i64), value: (10 * (i + k)) as f64 };
            s.tasks().record_reading(&task, g.id, reading, "", "x").await.unwrap();
        }
        ids.push(g.id);
    }
    let office = user_with(&db, "vp.dh", Role::Office, "QN.DH").await;
    let s = db.scoped(&office);
    let dh = s.orgs().org(&code("QN.DH"), D).await.unwrap().unwrap();
    let (all, total) = s.tasks().targets_in(&dh, D, None, 100).await.unwrap();
    assert_eq!(total, 2, "the secret task's target is not counted for an office without clearance");
    assert_eq!(all.iter().map(|t| t.id).collect::<Vec<_>>(), [ids[0], ids[1]]);
    for (i, t) in all.iter().enumerate() {
        let values: Vec<f64> = t.series.readings().iter().map(|r| r.value).collect();
        let want: Vec<f64> = (0..=i).map(|k| (10 * (i + k)) as f64).collect();
        assert_eq!(values, want, "each target has its own readings");
    }
    let (first, total) = s.tasks().targets_in(&dh, D, None, 1).await.unwrap();
    assert_eq!((first.len(), total), (1, 2));
    let (of_plan, total) = s.tasks().targets_in(&dh, D, Some(other_doc), 100).await.unwrap();
    assert_eq!((of_plan.len(), total, of_plan[0].id), (1, 1, ids[1]));
    let operator = Viewer::operator();
    let qn = db.scoped(&operator).orgs().org(&code("QN"), D).await.unwrap().unwrap();
    let (everything, total) = db.scoped(&operator).tasks().targets_in(&qn, D, None, 100).await.unwrap();
    assert_eq!((everything.len(), total), (4, 4));
    assert_eq!(everything[2].series.readings().len(), 3);
}

/// The demo: targets with readings on the tasks of 23-NQ/TU, 28-NQ/TU and
/// 439-KH/TU (one lower-is-better), and the province's rules chosen by its
/// administrator; loading twice adds nothing.
async fn the_demo_targets_and_rules(db: Db) {
    let scenario = daihoi_demo::quang_ninh(300, daihoi_demo::DEMO_SEED);
    db.load_scenario(&scenario, daihoi_demo::AS_OF, &mut |_| {}).await.unwrap();
    db.load_demo_documents().await.unwrap();
    assert_eq!(db.load_demo_tracking().await.unwrap(), 0, "no tasks yet: nothing to measure");
    db.load_demo_tasks().await.unwrap();
    assert_eq!(db.load_demo_tracking().await.unwrap(), 4);
    assert_eq!(db.load_demo_tracking().await.unwrap(), 0, "loading twice adds nothing");
    let police = db.task_by_external_id("DEMO-28-NQ-TU-2").await.unwrap().unwrap();
    let target = &db.targets_of_task(police.id).await.unwrap()[0];
    assert_eq!(target.series.target().direction, Direction::LowerIsBetter);
    let at = target.series.attainment_at(daihoi_demo::AS_OF).unwrap();
    assert!(!at.met && at.reading.value == 2.0, "{at:?}");
    let qn = db.org_by_code(&code("QN"), daihoi_demo::AS_OF).await.unwrap().unwrap();
    let setting = db.tracking_setting(&qn, daihoi_demo::AS_OF).await.unwrap().unwrap();
    assert_eq!(setting.chosen_by, "admin");
    assert_eq!(setting.rules.status.due_soon_window, 14);
}

daihoi_test_support::engines!(
    the_demo_targets_and_rules,
    tracking_rules_are_chosen_by_a_person_for_a_subtree,
    who_records_what_on_a_task,
    classified_tasks_need_a_clearance,
    targets_keep_their_readings,
    the_targets_of_a_subtree,
);
