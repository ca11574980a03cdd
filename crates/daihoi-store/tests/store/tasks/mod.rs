//! Implementation tasks: the cascade (T-1, T-2), the append-only log (T-4),
//! the roll-up and the deadline view (T-3) of the stored tasks; by action
//! in the modules below.

mod access;
mod create;
mod fixtures;
mod import;
mod kept;
mod lists;
mod reports;
mod settings;
mod targets;

use daihoi_store::documents::{Classification, NewDocument};
use daihoi_store::tasks::NewTask;
use daihoi_store::tasks::create::TaskCreateRefusal;
use daihoi_store::{Db, StoreError};
use daihoi_test_support::fixtures::OperatorWrites;
use daihoi_test_support::fixtures::{TODAY, code, import, member, small_tree};
use daihoi_tracking::{
    DeadlineDay, DeadlineStatus, Evaluation, Event, EventKind, Node, Progress, RollupRules, StatusRules, TrackingError,
    Unreported, Weight, Workflow,
};
use time::Date;
use time::macros::date;

const ASSIGNED: Date = date!(2025 - 01 - 10);

async fn setup(db: &Db) -> i64 {
    small_tree(db).await;
    import(db, vec![member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01")]).await;
    db.register_document(&NewDocument {
        doc_type: "NQ",
        issuer: "TU",
        number: 23,
        number_text: "23",
        issued_on: date!(2024 - 03 - 03),
        title: "Về nhiệm vụ bảo vệ biên giới quốc gia",
        summary: "",
        classification: Classification::Normal,
        org: None,
    })
    .await
    .unwrap()
    .id
}

async fn task(db: &Db, doc: i64, org: &str, parent: Option<i64>, weight: Option<f64>) -> Result<i64, StoreError> {
    let org = code(org);
    db.create_task(&NewTask {
        document_id: doc,
        clause: "Mục III.1",
        title: "Xây dựng khu vực biên giới vững mạnh",
        org: &org,
        parent,
        weight: weight.map(|w| Weight::new(w).unwrap()),
        deadline: Some(date!(2026 - 06 - 30)),
        external_id: None,
        classification: Classification::Normal,
        assigned_on: ASSIGNED,
    })
    .await
    .map(|t| t.id)
}

fn progress(on: Date, p: f64) -> Event {
    Event {
        occurred_on: on,
        recorded_on: on,
        kind: EventKind::ProgressReported { progress: Progress::new(p).unwrap() },
    }
}

/// T-1, T-2: a task points to its document and clause; a sub-task is
/// assigned inside its parent's organization's subtree, else refused.
async fn cascade_stays_in_the_parents_subtree(db: Db) {
    let doc = setup(&db).await;
    let province = task(&db, doc, "QN", None, None).await.unwrap();
    let district = task(&db, doc, "QN.DH", Some(province), None).await.unwrap();
    task(&db, doc, "QN.DH.QT", Some(district), None).await.unwrap();
    task(&db, doc, "QN.DH", Some(district), None).await.unwrap();
    let err = task(&db, doc, "QN.TY.DN", Some(district), None).await.unwrap_err();
    assert!(matches!(err, StoreError::TaskRefused(TaskCreateRefusal::OutsideParentSubtree { .. })), "{err:?}");
    let err = task(&db, doc, "QN", Some(district), None).await.unwrap_err();
    assert!(matches!(err, StoreError::TaskRefused(TaskCreateRefusal::OutsideParentSubtree { .. })), "{err:?}");
    assert!(matches!(task(&db, doc, "QN.XX", None, None).await, Err(StoreError::UnknownOrg(_))));
    assert!(matches!(task(&db, doc + 100, "QN", None, None).await, Err(StoreError::NotFound(_))));
    let t = db.task(district).await.unwrap().unwrap();
    assert_eq!((t.document_id, t.clause.as_str(), t.parent_id), (doc, "Mục III.1", Some(province)));
    assert_eq!((t.org.as_str(), t.workflow), ("QN.DH", Workflow::Assigned));
}

/// T-4: the log is append-only in recording order (the tracking crate's
/// check); status changes move the task and record the day it was done
/// (T-3); the latest progress follows the order of occurrence.
async fn events_refused_going_back_in_time(db: Db) {
    let doc = setup(&db).await;
    let id = task(&db, doc, "QN", None, None).await.unwrap();
    db.record_event(id, &progress(date!(2026 - 03 - 31), 40.0)).await.unwrap();
    let err = db.record_event(id, &progress(date!(2026 - 03 - 30), 50.0)).await.unwrap_err();
    assert!(matches!(err, StoreError::Tracking(TrackingError::RecordedBackInTime { .. })), "{err:?}");
    // recorded late, occurred earlier: kept, but does not replace the latest progress
    let late = Event { occurred_on: date!(2026 - 03 - 01), ..progress(date!(2026 - 04 - 02), 30.0) };
    db.record_event(id, &late).await.unwrap();
    let t = db.task(id).await.unwrap().unwrap();
    assert_eq!(t.progress, Some((date!(2026 - 03 - 31), Progress::new(40.0).unwrap())));
    let wrong = Event {
        occurred_on: date!(2026 - 05 - 01),
        recorded_on: date!(2026 - 05 - 01),
        kind: EventKind::StatusChange { from: Workflow::InProgress, to: Workflow::Done },
    };
    assert!(matches!(
        db.record_event(id, &wrong).await,
        Err(StoreError::Tracking(TrackingError::StatusChangeFromWrongState { .. }))
    ));
    for (from, to) in [(Workflow::Assigned, Workflow::InProgress), (Workflow::InProgress, Workflow::Done)] {
        let e = Event { kind: EventKind::StatusChange { from, to }, ..wrong.clone() };
        db.record_event(id, &e).await.unwrap();
    }
    let t = db.task(id).await.unwrap().unwrap();
    assert_eq!((t.workflow, t.done_on), (Workflow::Done, Some(date!(2026 - 05 - 01))));
    let rules = StatusRules { due_soon_window: 7, deadline_day: DeadlineDay::CountsAsOnTime };
    assert_eq!(t.status(Evaluation::Live { today: TODAY }, &rules), DeadlineStatus::DoneOnTime);
    let log = db.task_events(id).await.unwrap();
    assert_eq!(log.len(), 4, "the refused events left nothing");
    assert_eq!(log[1].event, late);
}

/// T-2: the stored cascade rolls up as the tracking crate computes it on the
/// same tree, weighted or plain, with the caller's [open] rule for
/// unreported sub-tasks.
async fn rollup_equals_the_tracking_crate(db: Db) {
    let doc = setup(&db).await;
    let root = task(&db, doc, "QN", None, None).await.unwrap();
    let dh = task(&db, doc, "QN.DH", Some(root), Some(3.0)).await.unwrap();
    let qt = task(&db, doc, "QN.DH.QT", Some(dh), None).await.unwrap();
    let cb = task(&db, doc, "QN.DH.QT.CB01", Some(dh), None).await.unwrap();
    let ty = task(&db, doc, "QN.TY", Some(root), Some(1.0)).await.unwrap();
    db.record_event(qt, &progress(date!(2026 - 03 - 31), 80.0)).await.unwrap();
    db.record_event(ty, &progress(date!(2026 - 03 - 31), 20.0)).await.unwrap();
    // the branch's own report is not counted
    db.record_event(dh, &progress(date!(2026 - 03 - 31), 5.0)).await.unwrap();
    let p = |v: f64| Some(Progress::new(v).unwrap());
    let expected = Node::branch(
        root.to_string(),
        "QN",
        vec![
            Node::branch(
                dh.to_string(),
                "QN.DH",
                vec![
                    Node::leaf(qt.to_string(), "QN.DH.QT", p(80.0)),
                    Node::leaf(cb.to_string(), "QN.DH.QT.CB01", None),
                ],
            )
            .weighted(Weight::new(3.0).unwrap()),
            Node::leaf(ty.to_string(), "QN.TY", p(20.0)).weighted(Weight::new(1.0).unwrap()),
        ],
    );
    assert_eq!(db.task_tree(root).await.unwrap(), expected);
    for unreported in [Unreported::CountAsZero, Unreported::Skip] {
        let rules = RollupRules { unreported };
        assert_eq!(db.task_rollup(root, &rules).await.unwrap(), expected.rollup(&rules));
    }
    let zero = db.task_rollup(root, &RollupRules { unreported: Unreported::CountAsZero }).await.unwrap();
    assert_eq!(zero.progress.unwrap().percent(), (40.0 * 3.0 + 20.0) / 4.0);
    let skip = db.task_rollup(root, &RollupRules { unreported: Unreported::Skip }).await.unwrap();
    assert_eq!(skip.progress.unwrap().percent(), (80.0 * 3.0 + 20.0) / 4.0);
}

/// T-2, T-6: the tasks of a subtree are those assigned to its
/// organizations, nothing outside it.
async fn tasks_in_lists_only_the_subtree(db: Db) {
    let doc = setup(&db).await;
    let root = task(&db, doc, "QN", None, None).await.unwrap();
    let dh = task(&db, doc, "QN.DH", Some(root), None).await.unwrap();
    let qt = task(&db, doc, "QN.DH.QT", Some(dh), None).await.unwrap();
    let dn = task(&db, doc, "QN.TY.DN", Some(root), None).await.unwrap();
    let ids = |tasks: Vec<daihoi_store::tasks::Task>| tasks.into_iter().map(|t| t.id).collect::<Vec<_>>();
    let node = async |c: &str| db.org_by_code(&code(c), TODAY).await.unwrap().unwrap();
    assert_eq!(ids(db.tasks_in(&node("QN.DH").await, TODAY).await.unwrap()), vec![dh, qt]);
    assert_eq!(ids(db.tasks_in(&node("QN.TY").await, TODAY).await.unwrap()), vec![dn]);
    assert_eq!(ids(db.tasks_in(&node("QN.DH.QT.CB01").await, TODAY).await.unwrap()), Vec::<i64>::new());
    assert_eq!(db.tasks_in(&node("QN").await, TODAY).await.unwrap().len(), 4);
}

/// T-1…T-4: the demo tasks come from 23-NQ/TU, 28-NQ/TU and 439-KH/TU,
/// cascade to communes, and some are overdue at the demo's date (T-3).
async fn the_demo_tasks(db: Db) {
    let scenario = daihoi_demo::quang_ninh(300, daihoi_demo::DEMO_SEED);
    db.load_scenario(&scenario, daihoi_demo::AS_OF, &mut |_| {}).await.unwrap();
    db.load_demo_documents().await.unwrap();
    let created = db.load_demo_tasks().await.unwrap();
    assert!(created >= 10, "{created}");
    assert_eq!(db.load_demo_tasks().await.unwrap(), 0, "loading twice adds nothing");
    let qn = db.org_by_code(&code("QN"), daihoi_demo::AS_OF).await.unwrap().unwrap();
    let tasks = db.tasks_in(&qn, daihoi_demo::AS_OF).await.unwrap();
    assert_eq!(tasks.len(), created);
    let rules = StatusRules { due_soon_window: 7, deadline_day: DeadlineDay::CountsAsOnTime };
    let at = Evaluation::Live { today: daihoi_demo::AS_OF };
    let statuses: Vec<DeadlineStatus> = tasks.iter().map(|t| t.status(at, &rules)).collect();
    let overdue = statuses.iter().filter(|s| matches!(s, DeadlineStatus::Overdue { .. })).count();
    let late = statuses.iter().filter(|s| matches!(s, DeadlineStatus::DoneLate { .. })).count();
    let on_time = statuses.iter().filter(|s| matches!(s, DeadlineStatus::DoneOnTime)).count();
    assert!(overdue >= 2 && late >= 2 && on_time >= 3, "{statuses:?}");
    let border = db.task_by_external_id("DEMO-23-NQ-TU-1").await.unwrap().unwrap();
    let rolled = db.task_rollup(border.id, &RollupRules { unreported: Unreported::CountAsZero }).await.unwrap();
    assert_eq!(rolled.children.len(), 3);
    assert!(rolled.children.iter().all(|c| c.org.starts_with("QN.")));
    let p = rolled.progress.unwrap().percent();
    assert!(p > 0.0 && p < 100.0, "{p}");
    for t in &tasks {
        assert!(!db.task_events(t.id).await.unwrap().is_empty(), "task {} has a log", t.id);
    }
}

daihoi_test_support::engines!(
    cascade_stays_in_the_parents_subtree,
    events_refused_going_back_in_time,
    rollup_equals_the_tracking_crate,
    tasks_in_lists_only_the_subtree,
    the_demo_tasks,
);
