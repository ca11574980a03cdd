//! Targets (T-5) stored: their readings, those of a subtree, the demo's
//! targets and rules.

use daihoi_core::Role;
use daihoi_store::documents::{Classification, NewDocument};
use daihoi_store::tasks::targets::NewTarget;
use daihoi_store::{Db, StoreError, Viewer};
use daihoi_test_support::fixtures::OperatorWrites;
use daihoi_test_support::fixtures::{code, small_tree, user_with};
use daihoi_tracking::{Direction, Reading, Target, TrackingError};
use time::macros::date;

use super::fixtures::{D, document, task};

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

/// T-4, T-5: a task whose organization has ended (dissolved) keeps its log:
/// a target, a reading and an event are recorded for it alike, filed under
/// its organization's last version (schemathesis found a target refused
/// with 409 where the events of the same task were accepted).
async fn a_task_of_an_ended_organization_takes_targets_and_events_alike(db: Db) {
    small_tree(&db).await;
    let doc = document(&db).await;
    let t = task(&db, doc, "QN.DH.QT.CB02", None, Classification::Normal).await;
    db.operator().orgs().dissolve_org(&code("QN.DH.QT.CB02"), date!(2025 - 06 - 01), "test").await.unwrap();
    let target = db
        .create_target(&NewTarget {
            task_id: t,
            name: "Số đảng viên được học tập",
            target: Target::new("người", 0.0, 10.0, Direction::HigherIsBetter).unwrap(),
        })
        .await
        .unwrap();
    db.record_reading(target.id, Reading { on: date!(2025 - 07 - 01), value: 4.0 }, "").await.unwrap();
    let progress = daihoi_tracking::Event {
        occurred_on: date!(2025 - 07 - 01),
        recorded_on: date!(2025 - 07 - 01),
        kind: daihoi_tracking::EventKind::ProgressReported { progress: daihoi_tracking::Progress::new(40.0).unwrap() },
    };
    db.record_event(t, &progress).await.unwrap();
}

daihoi_test_support::engines!(
    targets_keep_their_readings,
    the_targets_of_a_subtree,
    the_demo_targets_and_rules,
    a_task_of_an_ended_organization_takes_targets_and_events_alike,
);
