//! The task lists of a subtree (T-2, T-3): overdue and due soon cut at the
//! database, statuses counted by organization as daihoi-tracking computes
//! them, and the roll-up of a subtree's task trees.

use daihoi_test_support::fixtures::OperatorWrites;
use std::collections::HashMap;

use daihoi_store::Db;
use daihoi_store::documents::{Classification, NewDocument};
use daihoi_store::orgs::OrgNode;
use daihoi_store::tasks::lists::{StatusCounts, TaskCut};
use daihoi_store::tasks::{NewTask, Task};
use daihoi_test_support::fixtures::{TODAY, code, small_tree};
use daihoi_tracking::{
    DeadlineDay, Evaluation, Event, EventKind, Progress, Rolled, RollupMethod, RollupRules, StatusRules, Unreported,
    Weight, Workflow,
};
use time::macros::date;
use time::{Date, Duration};

const ASSIGNED: Date = date!(2025 - 01 - 10);

async fn document(db: &Db, number: u32) -> i64 {
    db.register_document(&NewDocument {
        doc_type: "NQ",
        issuer: "TU",
        number,
        number_text: &number.to_string(),
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

async fn setup(db: &Db) -> i64 {
    small_tree(db).await;
    document(db, 23).await
}

struct T<'a> {
    doc: i64,
    org: &'a str,
    parent: Option<i64>,
    weight: Option<f64>,
    deadline: Option<Date>,
}

async fn add(db: &Db, t: T<'_>) -> i64 {
    let org = code(t.org);
    db.create_task(&NewTask {
        document_id: t.doc,
        clause: "Mục III.1",
        title: "Xây dựng khu vực biên giới vững mạnh",
        org: &org,
        parent: t.parent,
        weight: t.weight.map(|w| Weight::new(w).unwrap()),
        deadline: t.deadline,
        external_id: None,
        classification: Classification::Normal,
        assigned_on: ASSIGNED,
    })
    .await
    .unwrap()
    .id
}

/// A task of `org` with a deadline `days` after TODAY (negative: before).
async fn due(db: &Db, doc: i64, org: &str, days: i64) -> i64 {
    add(db, T { doc, org, parent: None, weight: None, deadline: Some(TODAY + Duration::days(days)) }).await
}

async fn status(db: &Db, id: i64, from: Workflow, to: Workflow, on: Date) {
    let e = Event { occurred_on: on, recorded_on: on, kind: EventKind::StatusChange { from, to } };
    db.record_event(id, &e).await.unwrap();
}

async fn progress(db: &Db, id: i64, p: f64) {
    let on = date!(2026 - 03 - 31);
    let e = Event {
        occurred_on: on,
        recorded_on: on,
        kind: EventKind::ProgressReported { progress: Progress::new(p).unwrap() },
    };
    db.record_event(id, &e).await.unwrap();
}

async fn node(db: &Db, c: &str, on: Date) -> OrgNode {
    db.org_by_code(&code(c), on).await.unwrap().unwrap()
}

/// The rules with the deadline day on time and a due-soon window.
fn on_time(due_soon_window: u32) -> StatusRules {
    StatusRules { due_soon_window, deadline_day: DeadlineDay::CountsAsOnTime }
}

fn ids(tasks: &[Task]) -> Vec<i64> {
    tasks.iter().map(|t| t.id).collect()
}

/// T-3: overdue = open with a deadline before today (overdue under both
/// readings of the [open] deadline day), most overdue first then by id, cut
/// at `limit` with the full count; done and cancelled tasks are not listed.
async fn t3_overdue_most_overdue_first_cut_with_total(db: Db) {
    let doc = setup(&db).await;
    let a = due(&db, doc, "QN.DH", -3).await;
    let b = due(&db, doc, "QN.DH.QT", -10).await;
    let c = due(&db, doc, "QN.DH.QT.CB01", -3).await;
    let d = due(&db, doc, "QN.DH", -1).await;
    due(&db, doc, "QN.DH", 0).await; // the deadline day: not listed
    due(&db, doc, "QN.DH", 5).await;
    add(&db, T { doc, org: "QN.DH", parent: None, weight: None, deadline: None }).await;
    let done = due(&db, doc, "QN.DH", -20).await;
    status(&db, done, Workflow::Assigned, Workflow::Done, TODAY).await;
    let cancelled = due(&db, doc, "QN.DH", -20).await;
    status(&db, cancelled, Workflow::Assigned, Workflow::Cancelled, TODAY).await;
    let started = due(&db, doc, "QN.DH.QT", -2).await;
    status(&db, started, Workflow::Assigned, Workflow::InProgress, TODAY).await;
    due(&db, doc, "QN.TY", -30).await; // outside the subtree
    due(&db, doc, "QN", -30).await; // above it
    let dh = node(&db, "QN.DH", TODAY).await;
    let (page, total) = db.overdue_in(&dh, TODAY, TODAY, None, 50, &TaskCut::ALL).await.unwrap();
    assert_eq!(ids(&page), vec![b, a, c, started, d]);
    assert_eq!(total, 5);
    let (page, total) = db.overdue_in(&dh, TODAY, TODAY, None, 2, &TaskCut::ALL).await.unwrap();
    assert_eq!((ids(&page), total), (vec![b, a], 5));
    let (page, total) = db.overdue_in(&dh, TODAY, TODAY, None, 0, &TaskCut::ALL).await.unwrap();
    assert_eq!((page.len(), total), (0, 5));
    assert_eq!(page, vec![]);
    let full = db.task(b).await.unwrap().unwrap();
    assert_eq!(db.overdue_in(&dh, TODAY, TODAY, None, 1, &TaskCut::ALL).await.unwrap().0, vec![full], "whole tasks");
    // the province sees its own and Tiên Yên's too
    let qn = node(&db, "QN", TODAY).await;
    assert_eq!(db.overdue_in(&qn, TODAY, TODAY, None, 50, &TaskCut::ALL).await.unwrap().1, 7);
    // a day earlier, the task due yesterday was not overdue yet
    let before = TODAY - Duration::days(1);
    assert_eq!(db.overdue_in(&dh, TODAY, before, None, 50, &TaskCut::ALL).await.unwrap().1, 4);
}

/// T-3: due soon = open with a deadline from today to today + the window
/// (a person's setting), both days included, soonest first.
async fn t3_due_soon_window_edges(db: Db) {
    let doc = setup(&db).await;
    due(&db, doc, "QN.DH", -1).await;
    let today = due(&db, doc, "QN.DH.QT", 0).await;
    let seven = due(&db, doc, "QN.DH", 7).await;
    let three = due(&db, doc, "QN.DH.QT.CB02", 3).await;
    let eight = due(&db, doc, "QN.DH", 8).await;
    let done = due(&db, doc, "QN.DH", 2).await;
    status(&db, done, Workflow::Assigned, Workflow::Done, TODAY).await;
    let cancelled = due(&db, doc, "QN.DH", 2).await;
    status(&db, cancelled, Workflow::Assigned, Workflow::Cancelled, TODAY).await;
    due(&db, doc, "QN.TY.DN", 1).await;
    let dh = node(&db, "QN.DH", TODAY).await;
    let (page, total) = db.due_soon_in(&dh, TODAY, TODAY, &on_time(7), 50, &TaskCut::ALL).await.unwrap();
    assert_eq!((ids(&page), total), (vec![today, three, seven], 3));
    let (page, total) = db.due_soon_in(&dh, TODAY, TODAY, &on_time(8), 2, &TaskCut::ALL).await.unwrap();
    assert_eq!((ids(&page), total), (vec![today, three], 4));
    let (page, _) = db.due_soon_in(&dh, TODAY, TODAY, &on_time(8), 50, &TaskCut::ALL).await.unwrap();
    assert_eq!(ids(&page), vec![today, three, seven, eight]);
    let (page, total) = db.due_soon_in(&dh, TODAY, TODAY, &on_time(0), 50, &TaskCut::ALL).await.unwrap();
    assert_eq!((ids(&page), total), (vec![today], 1));
    let (page, total) = db.due_soon_in(&dh, TODAY, TODAY, &on_time(2), 50, &TaskCut::ALL).await.unwrap();
    assert_eq!((ids(&page), total), (vec![today], 1));
    // a window past the last date the calendar knows
    assert_eq!(db.due_soon_in(&dh, TODAY, TODAY, &on_time(u32::MAX), 50, &TaskCut::ALL).await.unwrap().1, 4);
}

/// T-2: the lists follow the tree on `date`: the tasks of an organization
/// moved out of the subtree, or dissolved, are not the subtree's any more.
async fn lists_follow_the_tree_on_the_date(db: Db) {
    let doc = setup(&db).await;
    let moved = due(&db, doc, "QN.DH.QT", -5).await;
    let cell = due(&db, doc, "QN.DH.QT.CB02", -4).await;
    let stays = due(&db, doc, "QN.DH", -3).await;
    let soon = due(&db, doc, "QN.DH.QT", 2).await;
    let change = date!(2026 - 01 - 01);
    db.operator().orgs().dissolve_org(&code("QN.DH.QT.CB02"), change, "test").await.unwrap();
    db.operator().orgs().move_org(&code("QN.DH.QT"), &code("QN.TY"), change, "test").await.unwrap();
    let earlier = date!(2025 - 12 - 31);
    let dh_then = node(&db, "QN.DH", earlier).await;
    let dh_now = node(&db, "QN.DH", TODAY).await;
    let ty_now = node(&db, "QN.TY", TODAY).await;
    assert_eq!(
        ids(&db.overdue_in(&dh_then, earlier, TODAY, None, 50, &TaskCut::ALL).await.unwrap().0),
        vec![moved, cell, stays]
    );
    assert_eq!(ids(&db.overdue_in(&dh_now, TODAY, TODAY, None, 50, &TaskCut::ALL).await.unwrap().0), vec![stays]);
    assert_eq!(ids(&db.overdue_in(&ty_now, TODAY, TODAY, None, 50, &TaskCut::ALL).await.unwrap().0), vec![moved]);
    assert_eq!(db.due_soon_in(&dh_now, TODAY, TODAY, &on_time(7), 50, &TaskCut::ALL).await.unwrap().1, 0);
    assert_eq!(
        ids(&db.due_soon_in(&dh_then, earlier, TODAY, &on_time(7), 50, &TaskCut::ALL).await.unwrap().0),
        vec![soon]
    );
    let rules = StatusRules { due_soon_window: 7, deadline_day: DeadlineDay::CountsAsOnTime };
    let total = |counts: Vec<(OrgNode, StatusCounts)>| counts.iter().map(|(_, c)| c.total()).sum::<u64>();
    assert_eq!(total(db.status_counts_by_org(&dh_now, TODAY, TODAY, &rules, &TaskCut::ALL).await.unwrap()), 1);
    assert_eq!(total(db.status_counts_by_org(&dh_then, earlier, TODAY, &rules, &TaskCut::ALL).await.unwrap()), 4);
    let qn = node(&db, "QN", TODAY).await;
    assert_eq!(
        total(db.status_counts_by_org(&qn, TODAY, TODAY, &rules, &TaskCut::ALL).await.unwrap()),
        3,
        "the dissolved cell's"
    );
}

/// Tasks in every deadline status (T-3) in every part of the small tree.
async fn mixed_tasks(db: &Db, doc: i64) {
    let orgs = ["QN", "QN.DH", "QN.DH.QT", "QN.DH.QT.CB01", "QN.TY.DN", "QN.TY.DN.CB02"];
    for (i, org) in orgs.iter().enumerate() {
        for days in [-40, -8, -1, 0, 1, 6, 7, 8, 9, 30] {
            let id = due(db, doc, org, days + i as i64).await;
            let deadline = TODAY + Duration::days(days + i as i64);
            match (days + i as i64).rem_euclid(5) {
                0 => status(db, id, Workflow::Assigned, Workflow::Done, deadline).await,
                1 => status(db, id, Workflow::Assigned, Workflow::Done, deadline - Duration::days(1)).await,
                2 if deadline < TODAY => {
                    status(db, id, Workflow::Assigned, Workflow::Done, deadline + Duration::days(1)).await
                }
                3 => status(db, id, Workflow::Assigned, Workflow::Cancelled, ASSIGNED).await,
                _ => {}
            }
        }
        add(db, T { doc, org, parent: None, weight: None, deadline: None }).await;
        let id = add(db, T { doc, org, parent: None, weight: None, deadline: None }).await;
        status(db, id, Workflow::Assigned, Workflow::Done, date!(2026 - 02 - 02)).await;
        // done after the day counted: not done yet on it
        let id = due(db, doc, org, -3).await;
        status(db, id, Workflow::Assigned, Workflow::Done, TODAY).await;
    }
}

/// T-3: the counts by organization are daihoi-tracking's `deadline_status`
/// of each task (cancelled apart), for both readings of the [open] deadline
/// day and several windows, grouped by the child of the root the task is
/// in; they add up to the subtree's tasks.
async fn t3_counts_by_org_are_the_tracking_crates_statuses(db: Db) {
    let doc = setup(&db).await;
    mixed_tasks(&db, doc).await;
    for root in ["QN", "QN.DH", "QN.TY.DN"] {
        let root = node(&db, root, TODAY).await;
        let tasks = db.tasks_in(&root, TODAY).await.unwrap();
        let children = db.children(root.id, TODAY).await.unwrap();
        let mut child_of = HashMap::new();
        for t in &tasks {
            let path = db.org_by_id(t.org_id, TODAY).await.unwrap().unwrap().path;
            child_of.insert(t.id, children.iter().find(|c| c.path.contains(&path)).map_or(root.id, |c| c.id));
        }
        for deadline_day in [DeadlineDay::CountsAsOnTime, DeadlineDay::CountsAsLate] {
            for due_soon_window in [0, 1, 7] {
                for today in [TODAY - Duration::days(1), TODAY, TODAY + Duration::days(3)] {
                    let rules = StatusRules { due_soon_window, deadline_day };
                    let mut expected: HashMap<i64, StatusCounts> = HashMap::new();
                    for t in &tasks {
                        let counts = expected.entry(child_of[&t.id]).or_default();
                        if t.workflow == Workflow::Cancelled {
                            counts.cancelled += 1;
                        } else {
                            counts.add(t.status(Evaluation::Live { today }, &rules));
                        }
                    }
                    let got = db.status_counts_by_org(&root, TODAY, today, &rules, &TaskCut::ALL).await.unwrap();
                    let order: Vec<i64> = got.iter().map(|(o, _)| o.id).collect();
                    let mut want_order = vec![root.id];
                    want_order.extend(children.iter().map(|c| c.id));
                    assert_eq!(order, want_order, "the root, then its children");
                    for (org, counts) in &got {
                        let want = expected.get(&org.id).copied().unwrap_or_default();
                        assert_eq!(*counts, want, "{} {rules:?} {today}", org.code);
                    }
                    let sum: u64 = got.iter().map(|(_, c)| c.total()).sum();
                    assert_eq!(sum, tasks.len() as u64);
                }
            }
        }
    }
    // the counts are not all in one bucket: the test sees every status
    let qn = node(&db, "QN", TODAY).await;
    let rules = StatusRules { due_soon_window: 7, deadline_day: DeadlineDay::CountsAsOnTime };
    let mut all = StatusCounts::default();
    for (_, c) in db.status_counts_by_org(&qn, TODAY, TODAY, &rules, &TaskCut::ALL).await.unwrap() {
        all.merge(&c);
    }
    for n in [
        all.done_on_time,
        all.done_late,
        all.done_no_deadline,
        all.overdue,
        all.due_soon,
        all.in_progress,
        all.no_deadline,
        all.cancelled,
    ] {
        assert!(n > 0, "{all:?}");
    }
    // and overdue_in lists what is overdue under both readings
    let (_, overdue) = db.overdue_in(&qn, TODAY, TODAY, None, 1, &TaskCut::ALL).await.unwrap();
    assert_eq!(overdue, all.overdue);
}

/// A task's roll-up as a subtree's roll-up lists it: its own figure, not
/// its children's.
fn top(rolled: Rolled) -> Rolled {
    Rolled { children: Vec::new(), ..rolled }
}

/// T-2 (issue 14 §1): `subtree_figures` gives the roll-up's figures by
/// the same definition: now, exactly `subtree_rollup`'s overall figure and
/// each top's; as of a day, the tasks as they stood then: a progress
/// reported later is not counted, a task withdrawn later still counts, a
/// task given later is not there.
async fn t2_subtree_figures_now_and_as_of_a_day(db: Db) {
    let doc = setup(&db).await;
    let t = |org, parent| T { doc, org, parent, weight: None, deadline: Some(date!(2026 - 12 - 31)) };
    let root = add(&db, t("QN", None)).await;
    let a = add(&db, t("QN.DH", Some(root))).await;
    let b = add(&db, t("QN.TY", Some(root))).await;
    let at = |d: Date, kind| Event { occurred_on: d, recorded_on: d, kind };
    let p = |v| EventKind::ProgressReported { progress: Progress::new(v).unwrap() };
    db.record_event(a, &at(date!(2026 - 02 - 01), p(40.0))).await.unwrap();
    db.record_event(a, &at(date!(2026 - 05 - 01), p(90.0))).await.unwrap();
    db.record_event(b, &at(date!(2026 - 02 - 01), p(20.0))).await.unwrap();
    status(&db, b, Workflow::Assigned, Workflow::Cancelled, date!(2026 - 06 - 01)).await;
    let rules = RollupRules { unreported: Unreported::CountAsZero };
    let qn = node(&db, "QN", TODAY).await;
    let now = db.subtree_figures(&qn, TODAY, None, None, &rules).await.unwrap();
    let rolled = db.subtree_rollup(&qn, TODAY, None, &rules).await.unwrap();
    assert_eq!((now.overall, now.tasks), (rolled.overall, rolled.tasks));
    for top in &rolled.tops {
        assert_eq!(now.by_task[&top.id.parse::<i64>().unwrap()].rolled, top.progress);
    }
    // Now: b withdrawn, left out; the root is a's 90 %.
    assert_eq!(now.by_task[&root].rolled.map(Progress::percent), Some(90.0));
    assert!(!now.by_task[&b].counted);
    // On 31 March: a at 40 %, b at 20 % and not yet withdrawn.
    let march = date!(2026 - 03 - 31);
    let then = db.subtree_figures(&qn, march, Some(march), None, &rules).await.unwrap();
    assert_eq!(then.by_task[&root].rolled.map(Progress::percent), Some(30.0));
    assert_eq!(then.by_task[&a].own.map(Progress::percent), Some(40.0));
    assert!(then.by_task[&b].counted);
    assert_eq!(then.overall.map(Progress::percent), Some(30.0));
    // Before they were given: nothing.
    let before = date!(2020 - 01 - 01);
    let none = db.subtree_figures(&qn, TODAY, Some(before), None, &rules).await.unwrap();
    assert!(none.by_task.is_empty() && none.overall.is_none());
}

/// T-2: the roll-up of a subtree is the roll-up of each of its top tasks,
/// as `task_rollup` computes it task by task, and their plain average; a
/// commune's top tasks are its share of the province's tasks; a document
/// filter keeps that document's trees.
async fn t2_subtree_rollup_equals_task_by_task(db: Db) {
    let doc = setup(&db).await;
    let other = document(&db, 28).await;
    let t = |doc, org, parent, weight| T { doc, org, parent, weight, deadline: Some(date!(2026 - 12 - 31)) };
    let root = add(&db, t(doc, "QN", None, None)).await;
    let dh = add(&db, t(doc, "QN.DH", Some(root), Some(3.0))).await;
    let qt = add(&db, t(doc, "QN.DH.QT", Some(dh), Some(1.0))).await;
    let cb1 = add(&db, t(doc, "QN.DH.QT.CB01", Some(qt), None)).await;
    let _cb2 = add(&db, t(doc, "QN.DH.QT.CB02", Some(qt), None)).await;
    let qt2 = add(&db, t(doc, "QN.DH.QT", Some(dh), Some(2.0))).await;
    let ty = add(&db, t(doc, "QN.TY", Some(root), Some(1.0))).await;
    let lone = add(&db, t(other, "QN.DH", None, None)).await;
    let second = add(&db, t(other, "QN", None, None)).await;
    let _dn = add(&db, t(other, "QN.TY.DN", Some(second), None)).await;
    progress(&db, cb1, 80.0).await;
    progress(&db, qt2, 30.0).await;
    progress(&db, ty, 20.0).await;
    progress(&db, lone, 50.0).await;
    progress(&db, dh, 5.0).await; // a branch's own report is not counted
    for unreported in [Unreported::CountAsZero, Unreported::Skip] {
        let rules = RollupRules { unreported };
        for (org, document, tops) in [
            ("QN", None, vec![root, lone, second]),
            ("QN", Some(doc), vec![root]),
            ("QN", Some(other), vec![lone, second]),
            ("QN.DH", None, vec![dh, lone]),
            ("QN.DH.QT", None, vec![qt, qt2]),
            ("QN.TY.DN.CB01", None, vec![]),
        ] {
            let subtree = node(&db, org, TODAY).await;
            let got = db.subtree_rollup(&subtree, TODAY, document, &rules).await.unwrap();
            let mut want = Vec::new();
            for id in &tops {
                want.push(top(db.task_rollup(*id, &rules).await.unwrap()));
            }
            assert_eq!(got.tops, want, "{org} {document:?} {unreported:?}");
            // the plain average of the top tasks, their weights not used
            let counted: Vec<f64> = want.iter().filter_map(|r| r.progress.map(Progress::percent)).collect();
            if counted.is_empty() {
                assert_eq!((got.overall, got.method), (None, RollupMethod::Empty), "{org}");
            } else {
                let avg = counted.iter().sum::<f64>() / counted.len() as f64;
                assert!((got.overall.unwrap().percent() - avg).abs() < 1e-9, "{org}: {:?} {avg}", got.overall);
                assert_eq!(got.method, RollupMethod::Average);
            }
        }
    }
    let rules = RollupRules { unreported: Unreported::CountAsZero };
    let qn = node(&db, "QN", TODAY).await;
    let all = db.subtree_rollup(&qn, TODAY, None, &rules).await.unwrap();
    assert_eq!(all.tasks, 10);
    // root: (mean(80, 0) · 1 + 30 · 2) / 3 = 33.3… for Đầm Hà, weighted 3 against Tiên Yên's 20
    let dh_progress = (40.0 + 30.0 * 2.0) / 3.0;
    let root_progress = (dh_progress * 3.0 + 20.0) / 4.0;
    assert!((all.tops[0].progress.unwrap().percent() - root_progress).abs() < 1e-9);
    let overall = (root_progress + 50.0 + 0.0) / 3.0;
    assert!((all.overall.unwrap().percent() - overall).abs() < 1e-9, "{:?}", all.overall);
}

/// T-3: under each reading of the [open] deadline day, the overdue list's
/// total is the counts' overdue figure and the due-soon list's total the
/// counts' due-soon figure, for the live view on a day at or after the
/// tasks' completions: a task due today is overdue when finishing on the
/// deadline day is late, and listed so. With no reading chosen, the list
/// holds what every reading calls overdue: the on-time reading's figure.
async fn t3_lists_agree_with_the_counts_under_each_reading(db: Db) {
    let doc = setup(&db).await;
    // Open, done (on their deadline or the day before, never after TODAY)
    // and cancelled tasks due around TODAY.
    for (i, org) in ["QN", "QN.DH", "QN.DH.QT.CB01", "QN.TY.DN"].iter().enumerate() {
        for days in [-8, -1, 0, 1, 2, 6, 7, 8, 9, 30] {
            let days = days + i as i64;
            let id = due(&db, doc, org, days).await;
            let deadline = TODAY + Duration::days(days);
            match days.rem_euclid(5) {
                0 => status(&db, id, Workflow::Assigned, Workflow::Done, deadline.min(TODAY)).await,
                1 => {
                    status(&db, id, Workflow::Assigned, Workflow::Done, (deadline - Duration::days(1)).min(TODAY)).await
                }
                3 => status(&db, id, Workflow::Assigned, Workflow::Cancelled, ASSIGNED).await,
                _ => {}
            }
        }
    }
    let due_today = due(&db, doc, "QN.DH", 0).await;
    let due_tomorrow = due(&db, doc, "QN.DH", 1).await;
    for root in ["QN", "QN.DH", "QN.TY.DN"] {
        let root = node(&db, root, TODAY).await;
        for today in [TODAY, TODAY + Duration::days(3)] {
            for due_soon_window in [0, 1, 7] {
                let mut figures = Vec::new();
                for deadline_day in [DeadlineDay::CountsAsOnTime, DeadlineDay::CountsAsLate] {
                    let rules = StatusRules { due_soon_window, deadline_day };
                    let mut all = StatusCounts::default();
                    for (_, c) in db.status_counts_by_org(&root, TODAY, today, &rules, &TaskCut::ALL).await.unwrap() {
                        all.merge(&c);
                    }
                    let (_, overdue) =
                        db.overdue_in(&root, TODAY, today, Some(deadline_day), 1, &TaskCut::ALL).await.unwrap();
                    assert_eq!(overdue, all.overdue, "{} {rules:?} {today}", root.code);
                    let (_, soon) = db.due_soon_in(&root, TODAY, today, &rules, 1, &TaskCut::ALL).await.unwrap();
                    assert_eq!(soon, all.due_soon, "{} {rules:?} {today}", root.code);
                    figures.push(all.overdue);
                }
                let (_, every) = db.overdue_in(&root, TODAY, today, None, 1, &TaskCut::ALL).await.unwrap();
                assert_eq!(every, figures[0], "{} {today}", root.code);
                assert!(figures[1] >= figures[0]);
            }
        }
    }
    let dh = node(&db, "QN.DH", TODAY).await;
    let listed = async |reading| ids(&db.overdue_in(&dh, TODAY, TODAY, reading, 500, &TaskCut::ALL).await.unwrap().0);
    assert!(listed(Some(DeadlineDay::CountsAsLate)).await.contains(&due_today));
    assert!(!listed(Some(DeadlineDay::CountsAsOnTime)).await.contains(&due_today));
    assert!(!listed(None).await.contains(&due_today));
    let late = StatusRules { due_soon_window: 0, deadline_day: DeadlineDay::CountsAsLate };
    let (soon, _) = db.due_soon_in(&dh, TODAY, TODAY, &late, 50, &TaskCut::ALL).await.unwrap();
    assert!(ids(&soon).contains(&due_tomorrow) && !ids(&soon).contains(&due_today), "its last day is today");
}

/// T-2: a withdrawn (cancelled) task is left out of the roll-up of
/// everything above it with every task below it, in `task_rollup` and
/// `subtree_rollup` alike: a withdrawn sub-task at 0 % does not drag its
/// parent down; a task whose every sub-task was withdrawn counts its own
/// progress again; a withdrawn top task is no top, and a commune's share of
/// a task the province withdrew is not rolled up in the commune either.
/// The withdrawn task's own page still rolls up what is below it.
async fn t2_withdrawn_tasks_are_left_out_of_rollups(db: Db) {
    let doc = setup(&db).await;
    let t = |org, parent| T { doc, org, parent, weight: None, deadline: Some(date!(2026 - 12 - 31)) };
    let root = add(&db, t("QN", None)).await;
    let dh = add(&db, t("QN.DH", Some(root))).await;
    let qt = add(&db, t("QN.DH.QT", Some(root))).await;
    let qt_cell = add(&db, t("QN.DH.QT.CB01", Some(qt))).await;
    let ty = add(&db, t("QN.TY", Some(root))).await;
    let ty_sub = add(&db, t("QN.TY.DN", Some(ty))).await;
    let gone = add(&db, t("QN", None)).await;
    let gone_dn = add(&db, t("QN.TY.DN", Some(gone))).await;
    progress(&db, dh, 60.0).await;
    progress(&db, qt_cell, 90.0).await;
    progress(&db, ty, 40.0).await;
    progress(&db, ty_sub, 0.0).await;
    progress(&db, gone, 10.0).await;
    progress(&db, gone_dn, 70.0).await;
    for id in [qt, ty_sub, gone] {
        status(&db, id, Workflow::Assigned, Workflow::Cancelled, TODAY).await;
    }
    for unreported in [Unreported::CountAsZero, Unreported::Skip] {
        let rules = RollupRules { unreported };
        let rolled = db.task_rollup(root, &rules).await.unwrap();
        let kids: Vec<String> = rolled.children.iter().map(|c| c.id.clone()).collect();
        assert_eq!(kids, vec![dh.to_string(), ty.to_string()], "{unreported:?}");
        assert_eq!(rolled.progress.unwrap().percent(), 50.0, "(60 + 40) / 2, not (60 + 0 + 40) / 3");
        let ty_rolled = &rolled.children[1];
        assert_eq!((ty_rolled.method, ty_rolled.children.len()), (RollupMethod::Reported, 0), "a leaf again");
        // the withdrawn task's own page
        let own = db.task_rollup(qt, &rules).await.unwrap();
        assert_eq!((own.progress.unwrap().percent(), own.children.len()), (90.0, 1));
        for (org, tops, tasks) in
            [("QN", vec![root], 3), ("QN.TY", vec![ty], 1), ("QN.TY.DN", vec![], 0), ("QN.DH.QT.CB01", vec![], 0)]
        {
            let got = db.subtree_rollup(&node(&db, org, TODAY).await, TODAY, None, &rules).await.unwrap();
            let mut want = Vec::new();
            for id in &tops {
                want.push(top(db.task_rollup(*id, &rules).await.unwrap()));
            }
            assert_eq!(got.tops, want, "{org} {unreported:?}");
            assert_eq!(got.tasks, tasks, "{org}");
        }
    }
    let tree = db.task_tree(root).await.unwrap();
    let rules = RollupRules { unreported: Unreported::CountAsZero };
    assert_eq!(tree.rollup(&rules), db.task_rollup(root, &rules).await.unwrap());
    let qn = db.subtree_rollup(&node(&db, "QN", TODAY).await, TODAY, None, &rules).await.unwrap();
    assert_eq!((qn.overall.unwrap().percent(), qn.method), (50.0, RollupMethod::Average));
}

/// T-2: the subtree's roll-up reads any progress and weight exactly, not
/// only whole numbers (it reads its tasks as one text): its top tasks are
/// `task_rollup`'s to the last bit.
async fn t2_subtree_rollup_reads_numbers_exactly(db: Db) {
    let doc = setup(&db).await;
    let t = |org, parent, weight| T { doc, org, parent, weight, deadline: Some(date!(2026 - 12 - 31)) };
    let root = add(&db, t("QN", None, None)).await;
    let a = add(&db, t("QN.DH", Some(root), Some(1.1))).await;
    let b = add(&db, t("QN.TY", Some(root), Some(0.3))).await;
    let c = add(&db, t("QN.DH.QT", Some(a), Some(1.0 / 3.0))).await;
    let d = add(&db, t("QN.DH.QT", Some(a), Some(2.0))).await;
    let e = add(&db, t("QN.DH.QT.CB02", Some(a), Some(1e-9))).await;
    let f = add(&db, t("QN.DH.QT.CB01", Some(a), Some(1e300))).await;
    let g = add(&db, t("QN.DH.QT.CB01", Some(a), Some(4e15))).await;
    progress(&db, b, 100.0 / 3.0).await;
    progress(&db, c, 0.1).await;
    progress(&db, d, 66.66666666666667).await;
    progress(&db, e, 5e-324).await;
    progress(&db, f, 12.5).await;
    progress(&db, g, 99.0).await;
    let rules = RollupRules { unreported: Unreported::CountAsZero };
    let got = db.subtree_rollup(&node(&db, "QN", TODAY).await, TODAY, None, &rules).await.unwrap();
    let want = db.task_rollup(root, &rules).await.unwrap();
    assert_eq!(got.tops, vec![top(want.clone())]);
    assert_eq!(want.find(&c.to_string()).unwrap().progress, Some(Progress::new(0.1).unwrap()));
    assert_eq!(want.find(&b.to_string()).unwrap().progress, Some(Progress::new(100.0 / 3.0).unwrap()));
    assert_eq!(want.find(&e.to_string()).unwrap().progress, Some(Progress::new(5e-324).unwrap()));
    assert_eq!(want.method, RollupMethod::Weighted);
}

daihoi_test_support::engines!(
    t2_subtree_figures_now_and_as_of_a_day,
    t3_overdue_most_overdue_first_cut_with_total,
    t3_due_soon_window_edges,
    lists_follow_the_tree_on_the_date,
    t3_counts_by_org_are_the_tracking_crates_statuses,
    t2_subtree_rollup_equals_task_by_task,
    t3_lists_agree_with_the_counts_under_each_reading,
    t2_withdrawn_tasks_are_left_out_of_rollups,
    t2_subtree_rollup_reads_numbers_exactly,
);
