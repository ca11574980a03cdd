//! The periodic report's tasks (T-3, T-4): a past period's report shows the
//! tasks given by its end, as they stood then, read from their logs.

use daihoi_store::Db;
use daihoi_store::documents::Classification;
use daihoi_store::tasks::NewTask;
use daihoi_store::tasks::reports::{ReportCut, ReportTask};
use daihoi_test_support::fixtures::OperatorWrites;
use daihoi_test_support::fixtures::{code, small_tree};
use daihoi_tracking::{
    DeadlineDay, DeadlineStatus, Evaluation, Event, EventKind, Period, PeriodKind, Progress, StatusRules, Workflow,
    deadline_status,
};
use time::Date;
use time::macros::date;

use super::fixtures::document;

/// The end of the second quarter of 2025: the cut-off of its report.
const Q2_END: Date = date!(2025 - 06 - 30);

async fn task(db: &Db, doc: i64, org: &str, title: &str, deadline: Date, assigned_on: Date) -> i64 {
    task_as(db, doc, org, title, deadline, assigned_on, Classification::Normal).await
}

async fn task_as(
    db: &Db,
    doc: i64,
    org: &str,
    title: &str,
    deadline: Date,
    assigned_on: Date,
    classification: Classification,
) -> i64 {
    db.create_task(&NewTask {
        document_id: doc,
        clause: "Mục II.2",
        title,
        org: &code(org),
        parent: None,
        weight: None,
        deadline: Some(deadline),
        external_id: None,
        classification,
        assigned_on,
    })
    .await
    .unwrap()
    .id
}

async fn record(db: &Db, task: i64, on: Date, kind: EventKind) {
    db.record_event(task, &Event { occurred_on: on, recorded_on: on, kind }).await.unwrap();
}

async fn moved(db: &Db, task: i64, on: Date, from: Workflow, to: Workflow) {
    record(db, task, on, EventKind::StatusChange { from, to }).await;
}

fn progress(p: f64) -> Progress {
    Progress::new(p).unwrap()
}

async fn report(db: &Db, task: i64, on: Date, summary: &str, p: f64) {
    let period = Period::containing(PeriodKind::Quarterly, on).unwrap();
    record(db, task, on, EventKind::Report { period, summary: summary.to_owned(), progress: Some(progress(p)) }).await;
}

fn find(tasks: &[ReportTask], id: i64) -> Option<&ReportTask> {
    tasks.iter().find(|t| t.id == id)
}

const EVERY: ReportCut = ReportCut { clearance: Classification::Secret, document: None };

/// T-3, T-4: the second quarter's report, read after the tasks moved on in
/// the third: a task given in July is not in it; one cancelled in August is
/// as it stood (in progress); one finished in July is unfinished, so "not
/// done within the deadline" at the period's end; one finished in May and
/// reopened in July is finished; progress and latest report are those of
/// the quarter. The third quarter's report sees the moves.
async fn a_past_period_shows_the_tasks_as_they_stood(db: Db) {
    small_tree(&db).await;
    let doc = document(&db).await;
    let given = date!(2025 - 01 - 10);
    let cancelled = task(&db, doc, "QN.DH.QT", "Hủy sau kỳ", date!(2025 - 09 - 30), given).await;
    let late = task(&db, doc, "QN.DH.QT", "Xong sau kỳ", date!(2025 - 06 - 15), given).await;
    let reopened = task(&db, doc, "QN.DH", "Mở lại sau kỳ", date!(2025 - 06 - 15), given).await;
    let after = task(&db, doc, "QN.DH", "Giao sau kỳ", date!(2025 - 12 - 31), date!(2025 - 07 - 15)).await;
    let secret = task_as(&db, doc, "QN.DH", "Mật", date!(2025 - 12 - 31), given, Classification::Confidential).await;

    use Workflow::*;
    moved(&db, cancelled, date!(2025 - 04 - 01), Assigned, InProgress).await;
    moved(&db, cancelled, date!(2025 - 08 - 05), InProgress, Cancelled).await;
    moved(&db, late, date!(2025 - 04 - 02), Assigned, InProgress).await;
    report(&db, late, date!(2025 - 06 - 25), "Đã triển khai 40%", 40.0).await;
    report(&db, late, date!(2025 - 07 - 05), "Đã triển khai xong", 100.0).await;
    moved(&db, late, date!(2025 - 07 - 10), InProgress, Done).await;
    moved(&db, reopened, date!(2025 - 05 - 20), Assigned, Done).await;
    moved(&db, reopened, date!(2025 - 07 - 20), Done, InProgress).await;

    let dh = db.org_by_code(&code("QN.DH"), Q2_END).await.unwrap().unwrap();
    let q2 = db.report_tasks(&dh, Q2_END, Q2_END, EVERY).await.unwrap();
    assert!(find(&q2.tasks, after).is_none(), "T-4: a task given after the period is not in its report");
    assert_eq!(q2.tasks.len(), 4);

    let c = find(&q2.tasks, cancelled).unwrap();
    assert_eq!(c.workflow, InProgress, "cancelled after the period: in progress at its end");

    let l = find(&q2.tasks, late).unwrap();
    assert_eq!((l.workflow, l.done_on), (InProgress, None), "finished after the period");
    assert_eq!(l.progress, Some(progress(40.0)), "the progress reported by the period's end");
    assert_eq!(l.latest_report, Some((date!(2025 - 06 - 25), "Đã triển khai 40%".to_owned())));
    let rules = StatusRules { due_soon_window: 7, deadline_day: DeadlineDay::CountsAsOnTime };
    let closed = Evaluation::Closed { closed_on: Q2_END };
    assert_eq!(deadline_status(l.deadline, l.done_on, closed, &rules), DeadlineStatus::NotDoneInTime, "T-3");

    let r = find(&q2.tasks, reopened).unwrap();
    assert_eq!((r.workflow, r.done_on), (Done, Some(date!(2025 - 05 - 20))), "finished in the period, reopened after");
    assert_eq!(deadline_status(r.deadline, r.done_on, closed, &rules), DeadlineStatus::DoneOnTime);

    // The table by organization: the root's own tasks, then the commune's.
    assert_eq!(q2.branches[0].code, code("QN.DH"));
    assert_eq!(q2.branches[r.branch].code, code("QN.DH"));
    assert_eq!(q2.branches[c.branch].code, code("QN.DH.QT"));
    // In the tree's order: the district's tasks, then the commune's.
    let order: Vec<i64> = q2.tasks.iter().map(|t| t.id).collect();
    assert_eq!(order, [reopened, secret, cancelled, late]);

    // The reader's clearance and the document cut the tasks in the query.
    let normal = ReportCut { clearance: Classification::Normal, document: None };
    assert!(find(&db.report_tasks(&dh, Q2_END, Q2_END, normal).await.unwrap().tasks, secret).is_none());
    let other = ReportCut { clearance: Classification::Secret, document: Some(doc + 1) };
    assert!(db.report_tasks(&dh, Q2_END, Q2_END, other).await.unwrap().tasks.is_empty());

    // The third quarter: every move made.
    let q3_end = date!(2025 - 09 - 30);
    let q3 = db.report_tasks(&dh, q3_end, q3_end, EVERY).await.unwrap();
    assert!(find(&q3.tasks, after).is_some());
    assert_eq!(find(&q3.tasks, cancelled).unwrap().workflow, Cancelled);
    let l = find(&q3.tasks, late).unwrap();
    assert_eq!((l.workflow, l.done_on, l.progress), (Done, Some(date!(2025 - 07 - 10)), Some(progress(100.0))));
    assert_eq!(find(&q3.tasks, reopened).unwrap().workflow, InProgress);

    // The latest report of each task up to a day, chosen in the database.
    let latest = db.latest_reports_in(&dh, Q2_END, Q2_END, Classification::Secret).await.unwrap();
    assert_eq!(latest.len(), 1);
    assert_eq!(latest[&late], (date!(2025 - 06 - 25), "Đã triển khai 40%".to_owned()));
    let latest = db.latest_reports_in(&dh, Q2_END, q3_end, Classification::Secret).await.unwrap();
    assert_eq!(latest[&late].1, "Đã triển khai xong");
}

daihoi_test_support::engines!(a_past_period_shows_the_tasks_as_they_stood);
