//! Creating tasks, cascades and targets as a signed-in user (T-1, T-2,
//! T-5, T-6): who may and may not, one transaction per write with its audit
//! entries.

use daihoi_core::{OrgCode, Role};
use daihoi_store::audit::{AuditCheck, AuditFilter};
use daihoi_store::documents::{Classification, NewDocument};
use daihoi_store::tasks::NewTask;
use daihoi_store::tasks::create::{Cascade, TaskCreateRefusal};
use daihoi_store::{Db, StoreError, Viewer};
use daihoi_test_support::fixtures::OperatorWrites;
use daihoi_test_support::fixtures::{code, small_tree, user_with};
use daihoi_tracking::{Direction, Target, TrackingError, Weight};
use time::Date;
use time::macros::date;

const D: Date = date!(2025 - 03 - 01);
const DEADLINE: Date = date!(2025 - 12 - 31);

async fn document(db: &Db, number: u32, classification: Classification) -> i64 {
    let text = number.to_string();
    db.register_document(&NewDocument {
        doc_type: "NQ",
        issuer: "TU",
        number,
        number_text: &text,
        issued_on: date!(2024 - 05 - 10),
        title: "Về xây dựng tổ chức cơ sở đảng",
        summary: "",
        classification,
        org: None,
    })
    .await
    .unwrap()
    .id
}

fn new_task<'a>(doc: i64, org: &'a OrgCode, parent: Option<i64>) -> NewTask<'a> {
    NewTask {
        document_id: doc,
        clause: "Mục III.2",
        title: "Rà soát, kiện toàn chi bộ",
        org,
        parent,
        weight: None,
        deadline: Some(DEADLINE),
        external_id: None,
        classification: Classification::Normal,
        assigned_on: D,
    }
}

async fn audit(db: &Db, action: &str) -> Vec<daihoi_store::audit::AuditEntry> {
    let filter = AuditFilter { action: Some(action.into()), limit: 50, ..AuditFilter::default() };
    db.scoped(&Viewer::operator()).audit().audit_entries(&filter).await.unwrap().0
}

async fn task_count(db: &Db) -> usize {
    let qn = db.org_by_code(&code("QN"), D).await.unwrap().unwrap();
    db.tasks_in(&qn, D).await.unwrap().len()
}

fn codes(list: &[&str]) -> Vec<OrgCode> {
    list.iter().map(|c| code(c)).collect()
}

fn cascade(orgs: &[OrgCode]) -> Cascade<'_> {
    Cascade { orgs, title: "", deadline: None, weight: Some(Weight::new(1.0).unwrap()), assigned_on: D }
}

fn refusal(r: Result<impl std::fmt::Debug, StoreError>) -> TaskCreateRefusal {
    match r {
        Err(StoreError::TaskRefused(r)) => r,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn forbidden<T: std::fmt::Debug>(r: Result<T, StoreError>) -> bool {
    matches!(r, Err(StoreError::Forbidden(_)))
}

/// T-1, T-6: an office creates a task in its own subtree, from a document it
/// reads, with an audit entry; another subtree, an inspection commission, a
/// member, a classification above clearance are refused and write nothing.
async fn t1_an_office_creates_tasks_in_its_subtree_only(db: Db) {
    small_tree(&db).await;
    let doc = document(&db, 28, Classification::Normal).await;
    let secret_doc = document(&db, 29, Classification::Confidential).await;
    let office = user_with(&db, "vp.dh", Role::Office, "QN.DH").await;
    let inspection = user_with(&db, "ubkt.dh", Role::Inspection, "QN.DH").await;
    let member = user_with(&db, "dv.qt", Role::Member, "QN.DH.QT").await;
    let s = db.scoped(&office);
    let (dh, qt, ty, qn) = (code("QN.DH"), code("QN.DH.QT"), code("QN.TY"), code("QN"));

    let own = s.tasks().create_task(&new_task(doc, &dh, None), "127.0.0.1").await.unwrap();
    assert_eq!((own.org.as_str(), own.clause.as_str(), own.deadline), ("QN.DH", "Mục III.2", Some(DEADLINE)));
    let below = s.tasks().create_task(&new_task(doc, &qt, None), "127.0.0.1").await.unwrap();
    assert_eq!(below.document_id, doc, "T-1: the task points to its document");

    assert!(forbidden(s.tasks().create_task(&new_task(doc, &ty, None), "x").await), "another subtree");
    assert!(forbidden(s.tasks().create_task(&new_task(doc, &qn, None), "x").await), "the level above");
    assert!(forbidden(db.scoped(&inspection).tasks().create_task(&new_task(doc, &qt, None), "x").await), "inspection");
    assert!(forbidden(db.scoped(&member).tasks().create_task(&new_task(doc, &qt, None), "x").await), "a member");
    assert!(
        forbidden(s.tasks().create_task(&new_task(secret_doc, &dh, None), "x").await),
        "T-6: a document above clearance"
    );
    let mut classified = new_task(doc, &dh, None);
    classified.classification = Classification::Confidential;
    assert_eq!(
        refusal(s.tasks().create_task(&classified, "x").await),
        TaskCreateRefusal::AboveClearance("confidential")
    );
    let mut untitled = new_task(doc, &dh, None);
    untitled.title = "  ";
    assert_eq!(refusal(s.tasks().create_task(&untitled, "x").await), TaskCreateRefusal::EmptyTitle);
    assert!(matches!(
        s.tasks().create_task(&new_task(doc, &code("QN.XX"), None), "x").await,
        Err(StoreError::UnknownOrg(_))
    ));
    assert_eq!(task_count(&db).await, 2, "the refusals wrote nothing");

    let entries = audit(&db, "task_create").await;
    assert_eq!(entries.len(), 2);
    let dh_node = db.org_by_code(&dh, D).await.unwrap().unwrap();
    let last = entries.iter().find(|e| e.subject == format!("task {}", own.id)).unwrap();
    assert_eq!((last.actor.as_str(), last.org_path.as_deref()), ("vp.dh", Some(dh_node.path.as_str())));
    assert!(last.detail.contains("Rà soát"), "{}", last.detail);

    // Cleared for it, the office creates the classified task.
    let user = db.user_by_login("vp.dh").await.unwrap().unwrap();
    db.operator().accounts().set_clearance(&user, Classification::Confidential, "test").await.unwrap();
    let cleared = db.viewer(db.user_by_login("vp.dh").await.unwrap().unwrap()).await.unwrap();
    let t = db.scoped(&cleared).tasks().create_task(&classified, "x").await.unwrap();
    assert_eq!(t.classification, Classification::Confidential);
    assert!(matches!(db.verify_audit().await.unwrap(), AuditCheck::Intact { .. }));
}

/// T-2: a sub-task's assignee is in its parent's subtree; a task cascades
/// down, never up or sideways; a parent the viewer cannot read is refused;
/// a deadline after the parent's is refused.
async fn t2_a_sub_task_goes_down_the_tree(db: Db) {
    small_tree(&db).await;
    let doc = document(&db, 28, Classification::Normal).await;
    let province =
        db.scoped(&Viewer::operator()).tasks().create_task(&new_task(doc, &code("QN"), None), "cli").await.unwrap();
    let office = user_with(&db, "vp.dh", Role::Office, "QN.DH").await;
    let s = db.scoped(&office);
    let (dh, qt) = (code("QN.DH"), code("QN.DH.QT"));

    assert!(
        forbidden(s.tasks().create_task(&new_task(doc, &dh, Some(province.id)), "x").await),
        "the province's task is not the district's to read"
    );
    let district = s.tasks().create_task(&new_task(doc, &dh, None), "x").await.unwrap();
    let commune = s.tasks().create_task(&new_task(doc, &qt, Some(district.id)), "x").await.unwrap();
    assert_eq!(commune.parent_id, Some(district.id));
    let upward = s.tasks().create_task(&new_task(doc, &dh, Some(commune.id)), "x").await;
    assert_eq!(refusal(upward), TaskCreateRefusal::OutsideParentSubtree { org: dh.clone(), parent_org: qt.clone() });
    let cell = code("QN.DH.QT.CB01");
    let op = Viewer::operator();
    let other_commune = db.scoped(&op);
    let ty_task = other_commune.tasks().create_task(&new_task(doc, &code("QN.TY.DN"), None), "cli").await.unwrap();
    let ty_office = user_with(&db, "vp.ty", Role::Office, "QN.TY").await;
    let sideways =
        db.scoped(&ty_office).tasks().create_task(&new_task(doc, &code("QN.TY.DN.CB01"), Some(commune.id)), "x").await;
    assert!(forbidden(sideways), "a task of another subtree is not read");
    let sideways = other_commune.tasks().create_task(&new_task(doc, &cell, Some(ty_task.id)), "cli").await;
    assert_eq!(
        refusal(sideways),
        TaskCreateRefusal::OutsideParentSubtree { org: cell.clone(), parent_org: code("QN.TY.DN") }
    );
    let mut late = new_task(doc, &cell, Some(commune.id));
    late.deadline = Some(date!(2026 - 01 - 15));
    assert_eq!(
        refusal(s.tasks().create_task(&late, "x").await),
        TaskCreateRefusal::DeadlineAfterParent { deadline: date!(2026 - 01 - 15), parent_deadline: DEADLINE }
    );
    let mut weighted = new_task(doc, &cell, Some(commune.id));
    weighted.weight = Some(Weight::new(2.0).unwrap());
    assert_eq!(s.tasks().create_task(&weighted, "x").await.unwrap().weight, Some(Weight::new(2.0).unwrap()));
}

/// T-2: a cascade creates one sub-task per organization below, with the
/// parent's document and clause, in one transaction with one audit entry
/// per task; one bad organization and nothing is written.
async fn t2_a_cascade_is_all_or_nothing(db: Db) {
    small_tree(&db).await;
    let doc = document(&db, 28, Classification::Normal).await;
    let op = Viewer::operator();
    let province = db.scoped(&op).tasks().create_task(&new_task(doc, &code("QN"), None), "cli").await.unwrap();
    let before = task_count(&db).await;

    let s = db.scoped(&op);
    let bad = codes(&["QN.DH", "QN.TY", "QN"]);
    assert_eq!(
        refusal(s.tasks().cascade_task(&province, &cascade(&bad), "x").await),
        TaskCreateRefusal::NotBelowParent(code("QN"))
    );
    let twice = codes(&["QN.DH", "QN.DH"]);
    assert_eq!(
        refusal(s.tasks().cascade_task(&province, &cascade(&twice), "x").await),
        TaskCreateRefusal::DuplicateOrganization(code("QN.DH"))
    );
    assert_eq!(refusal(s.tasks().cascade_task(&province, &cascade(&[]), "x").await), TaskCreateRefusal::NoOrganization);
    let unknown = codes(&["QN.DH", "QN.ZZ"]);
    assert!(matches!(s.tasks().cascade_task(&province, &cascade(&unknown), "x").await, Err(StoreError::UnknownOrg(_))));
    let dh_only = codes(&["QN.DH"]);
    let mut late = cascade(&dh_only);
    late.deadline = Some(date!(2026 - 02 - 01));
    assert!(matches!(
        refusal(s.tasks().cascade_task(&province, &late, "x").await),
        TaskCreateRefusal::DeadlineAfterParent { .. }
    ));
    assert_eq!(task_count(&db).await, before, "nothing half-written");
    assert!(audit(&db, "task_cascade").await.is_empty());

    // The district office cascades its task to its communes, not the province's.
    let office = user_with(&db, "vp.dh", Role::Office, "QN.DH").await;
    let d = db.scoped(&office);
    let district = d.tasks().create_task(&new_task(doc, &code("QN.DH"), None), "x").await.unwrap();
    assert!(forbidden(d.tasks().cascade_task(&province, &cascade(&dh_only), "x").await));
    let mixed = codes(&["QN.DH.QT", "QN.TY.DN"]);
    assert!(forbidden(d.tasks().cascade_task(&district, &cascade(&mixed), "x").await), "another district's commune");
    assert_eq!(
        refusal(s.tasks().cascade_task(&district, &cascade(&mixed), "x").await),
        TaskCreateRefusal::OutsideParentSubtree { org: code("QN.TY.DN"), parent_org: code("QN.DH") },
        "T-2: sideways, even for the operator"
    );
    let communes = codes(&["QN.DH.QT"]);
    let subs = d
        .tasks()
        .cascade_task(
            &district,
            &Cascade {
                title: "Kiện toàn chi bộ thôn", deadline: Some(date!(2025 - 09 - 30)), ..cascade(&communes)
            },
            "127.0.0.1",
        )
        .await
        .unwrap();
    assert_eq!(subs.len(), 1);
    assert_eq!(
        (subs[0].title.as_str(), subs[0].clause.as_str(), subs[0].document_id, subs[0].deadline),
        ("Kiện toàn chi bộ thôn", "Mục III.2", doc, Some(date!(2025 - 09 - 30)))
    );
    assert_eq!(
        d.tasks().cascade_targets(&district, D).await.unwrap().iter().map(|n| n.code.to_string()).collect::<Vec<_>>(),
        ["QN.DH.QT"]
    );
    // Issue 13/14: the same cascade again gives the commune no second
    // sub-task (a form sent twice), for every caller.
    let entries = audit(&db, "task_cascade").await.len();
    for viewer in [&d, &s] {
        assert_eq!(
            refusal(viewer.tasks().cascade_task(&district, &cascade(&communes), "x").await),
            TaskCreateRefusal::AlreadyCascaded { org: code("QN.DH.QT"), task: subs[0].id }
        );
    }
    assert_eq!(audit(&db, "task_cascade").await.len(), entries, "nothing written");

    // The operator cascades the province's task to both districts: one transaction, two entries.
    let districts = codes(&["QN.DH", "QN.TY"]);
    let subs = s.tasks().cascade_task(&province, &cascade(&districts), "cli").await.unwrap();
    assert_eq!(subs.iter().map(|t| t.org.to_string()).collect::<Vec<_>>(), ["QN.DH", "QN.TY"]);
    assert!(
        subs.iter()
            .all(|t| t.title == province.title && t.deadline == Some(DEADLINE) && t.parent_id == Some(province.id))
    );
    assert!(subs.iter().all(|t| t.weight == Some(Weight::new(1.0).unwrap())));
    let entries = audit(&db, "task_cascade").await;
    assert_eq!(entries.len(), 3);
    assert!(entries.iter().any(|e| e.subject == format!("task {}", subs[1].id)));
    assert!(matches!(db.verify_audit().await.unwrap(), AuditCheck::Intact { .. }));
}

/// T-5: those who report on a task add its targets, with an audit entry;
/// others may not; a target against its direction is refused.
async fn t5_targets_are_added_by_those_who_report(db: Db) {
    small_tree(&db).await;
    let doc = document(&db, 28, Classification::Normal).await;
    let t = db
        .scoped(&Viewer::operator())
        .tasks()
        .create_task(&new_task(doc, &code("QN.DH.QT"), None), "cli")
        .await
        .unwrap();
    let commune = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let district = user_with(&db, "vp.dh", Role::Office, "QN.DH").await;
    let other = user_with(&db, "vp.ty", Role::Office, "QN.TY").await;
    let inspection = user_with(&db, "ubkt.qn", Role::Inspection, "QN").await;
    let target = || Target::new("%", 60.0, 90.0, Direction::HigherIsBetter).unwrap();

    let c = db.scoped(&commune);
    let made =
        c.tasks().create_target(&t, "Tỷ lệ chi bộ trong sạch, vững mạnh", target(), D, "127.0.0.1").await.unwrap();
    assert_eq!((made.name.as_str(), made.series.target().target), ("Tỷ lệ chi bộ trong sạch, vững mạnh", 90.0));
    db.scoped(&district)
        .tasks()
        .create_target(
            &t,
            "Số đảng viên mới",
            Target::new("người", 10.0, 25.0, Direction::HigherIsBetter).unwrap(),
            D,
            "x",
        )
        .await
        .unwrap();
    assert!(forbidden(db.scoped(&other).tasks().create_target(&t, "x", target(), D, "x").await));
    let i = db.scoped(&inspection);
    assert!(!i.tasks().may_add_target(&t, D).await.unwrap());
    assert!(forbidden(i.tasks().create_target(&t, "x", target(), D, "x").await));
    assert!(matches!(c.tasks().create_target(&t, " ", target(), D, "x").await, Err(StoreError::BadTask(_))));
    assert!(matches!(
        Target::new("%", 60.0, 50.0, Direction::HigherIsBetter),
        Err(TrackingError::TargetAgainstDirection { .. })
    ));
    assert_eq!(c.tasks().targets(&t).await.unwrap().len(), 2);
    let entries = audit(&db, "target_create").await;
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().any(|e| e.actor == "vp.qt" && e.subject == format!("target {}", made.id)));
}

/// T-7, T-6: the task file of a subtree is for those who write there, and
/// leaves out the tasks above the viewer's clearance.
async fn t7_the_task_file_is_cut_to_the_clearance(db: Db) {
    small_tree(&db).await;
    let doc = document(&db, 28, Classification::Normal).await;
    let op = Viewer::operator();
    let dh = code("QN.DH");
    let open = db.scoped(&op).tasks().create_task(&new_task(doc, &dh, None), "cli").await.unwrap();
    let mut classified = new_task(doc, &dh, None);
    classified.classification = Classification::Confidential;
    db.scoped(&op).tasks().create_task(&classified, "cli").await.unwrap();
    let node = db.org_by_code(&dh, D).await.unwrap().unwrap();
    let office = user_with(&db, "vp.dh", Role::Office, "QN.DH").await;
    let rows = db.scoped(&office).tasks().export_tasks(&node, D).await.unwrap();
    assert_eq!(rows.iter().map(|r| r.external_id.clone()).collect::<Vec<_>>(), [format!("T{}", open.id)]);
    assert_eq!(db.scoped(&op).tasks().export_tasks(&node, D).await.unwrap().len(), 2);
    let inspection = user_with(&db, "ubkt.dh", Role::Inspection, "QN.DH").await;
    assert!(forbidden(db.scoped(&inspection).tasks().export_tasks(&node, D).await));
    let other = user_with(&db, "vp.ty", Role::Office, "QN.TY").await;
    assert!(forbidden(db.scoped(&other).tasks().export_tasks(&node, D).await));
}

daihoi_test_support::engines!(
    t7_the_task_file_is_cut_to_the_clearance,
    t1_an_office_creates_tasks_in_its_subtree_only,
    t2_a_sub_task_goes_down_the_tree,
    t2_a_cascade_is_all_or_nothing,
    t5_targets_are_added_by_those_who_report,
);
