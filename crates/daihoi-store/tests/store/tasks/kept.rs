//! Figures kept between requests (`src/kept.rs`): a write, by this process
//! or another, is seen by the next question; two viewers share a figure
//! only when they asked the same question (T-6).

use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_store::documents::Classification;
use daihoi_test_support::fixtures::{code, small_tree, user_with};
use daihoi_tracking::{DeadlineDay, RollupRules, StatusRules, Unreported};
use time::macros::date;

use super::fixtures::{D, document, task};

/// Every kept figure of a subtree's tasks, as one comparable text.
async fn figures(s: daihoi_store::Scoped<'_>, node: &daihoi_store::orgs::OrgNode) -> String {
    let later = date!(2025 - 07 - 01);
    let status = StatusRules { due_soon_window: 7, deadline_day: DeadlineDay::CountsAsOnTime };
    let rollup = RollupRules { unreported: Unreported::CountAsZero };
    let t = s.tasks();
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        t.overdue_in(node, D, later, None, 50, None).await.unwrap(),
        t.due_soon_in(node, D, date!(2025 - 06 - 25), &status, 50, None).await.unwrap(),
        t.status_counts_by_org(node, D, later, &status, None).await.unwrap(),
        t.subtree_rollup(node, D, None, &rollup).await.unwrap(),
        t.targets_in(node, D, None, 50).await.unwrap(),
        t.tracking_setting(node, D).await.unwrap(),
        s.orgs().children(node, D).await.unwrap(),
    )
}

/// A write through the store is seen at once, also by a request that read
/// the write generation before it; a write by another process (which
/// raises the generation in its transaction) by the next request.
async fn kept_figures_follow_every_write(db: Db) {
    small_tree(&db).await;
    let doc = document(&db).await;
    let node = db.org_by_code(&code("QN.DH"), D).await.unwrap().unwrap();
    let s = db.operator();
    let later = date!(2025 - 07 - 01);
    let overdue =
        async |s: daihoi_store::Scoped<'_>| s.tasks().overdue_in(&node, D, later, None, 50, None).await.unwrap().1;
    assert_eq!(overdue(s).await, 0);
    let empty = figures(s, &node).await;
    assert_eq!(figures(s, &node).await, empty, "asked twice, the same answer");

    let first = task(&db, doc, "QN.DH", None, Classification::Normal).await;
    assert_eq!(overdue(s).await, 1, "a write through the store");
    assert_ne!(figures(s, &node).await, empty);

    let read_before = s.at_writes(db.write_generation().await.unwrap());
    assert_eq!(overdue(read_before).await, 1);
    task(&db, doc, "QN.DH.QT", Some(first), Classification::Normal).await;
    assert_eq!(overdue(read_before).await, 2, "a request that read the generation before this process wrote");

    // Another process's write: its own transaction raises the generation.
    let generation = db.write_generation().await.unwrap();
    db.tamper_for_test("UPDATE task SET deadline = '2026-01-01'; UPDATE write_generation SET value = value + 1").await;
    let next_request = db.operator().at_writes(db.write_generation().await.unwrap());
    assert!(db.write_generation().await.unwrap() > generation);
    assert_eq!(overdue(next_request).await, 0, "another process's write");
    assert_eq!(overdue(s).await, 0);
}

/// T-6: what a cleared viewer asked is not given to one who is not, even
/// when both ask about the same subtree on the same day.
async fn kept_figures_are_cut_per_viewer(db: Db) {
    small_tree(&db).await;
    let doc = document(&db).await;
    let top = task(&db, doc, "QN.DH", None, Classification::Normal).await;
    let secret = task(&db, doc, "QN.DH.QT", Some(top), Classification::Confidential).await;
    let node = db.org_by_code(&code("QN.DH"), D).await.unwrap().unwrap();
    let office = user_with(&db, "vp.dh", Role::Office, "QN.DH").await;
    let later = date!(2025 - 07 - 01);
    let (seen, total) = db.operator().tasks().overdue_in(&node, D, later, None, 50, None).await.unwrap();
    assert!(seen.iter().any(|t| t.id == secret) && total == 2, "the operator reads every task");
    let (seen, total) = db.scoped(&office).tasks().overdue_in(&node, D, later, None, 50, None).await.unwrap();
    assert_eq!((seen.iter().map(|t| t.id).collect::<Vec<_>>(), total), (vec![top], 1));
    let status = StatusRules { due_soon_window: 7, deadline_day: DeadlineDay::CountsAsOnTime };
    let counted = async |s: daihoi_store::Scoped<'_>| {
        s.tasks()
            .status_counts_by_org(&node, D, later, &status, None)
            .await
            .unwrap()
            .iter()
            .map(|(_, c)| c.total())
            .sum::<u64>()
    };
    assert_eq!((counted(db.operator()).await, counted(db.scoped(&office)).await), (2, 1));
}

daihoi_test_support::engines!(kept_figures_follow_every_write, kept_figures_are_cut_per_viewer,);
