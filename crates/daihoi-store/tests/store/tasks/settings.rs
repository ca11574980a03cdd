//! The [open] tracking rules chosen by a person for a subtree, stored and
//! audited.

use daihoi_core::Role;
use daihoi_store::audit::AuditFilter;
use daihoi_store::{Db, StoreError};
use daihoi_test_support::fixtures::{code, small_tree, user_with};
use daihoi_tracking::{DeadlineDay, Unreported};

use super::fixtures::{D, rules};

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

daihoi_test_support::engines!(tracking_rules_are_chosen_by_a_person_for_a_subtree,);
