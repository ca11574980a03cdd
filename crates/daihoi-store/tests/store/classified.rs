//! T-6 in the store, one rule: a reader below an object's classification
//! never receives any of its text. Audit entries carry the classification
//! of what they name (and the hash chain covers it), conferences are
//! classified at least as their documents, the task file neither writes nor
//! refuses with anything above the reader's clearance, and an object above
//! it is refused even when the caller hands it back.

use daihoi_core::Role;
use daihoi_core::members::CardNumber;
use daihoi_documents::{Direction, LinkKind, Registry, parse_number};
use daihoi_store::audit::{AuditCheck, AuditEntry, AuditFilter};
use daihoi_store::dissemination::NewDissemination;
use daihoi_store::documents::{Classification, Document, NewDocument};
use daihoi_store::tasks::import::{Classified, TaskRefusal};
use daihoi_store::tasks::{NewTask, Task};
use daihoi_store::{Db, Engine, StoreError, Viewer};
use daihoi_test_support::fixtures::OperatorWrites;
use daihoi_test_support::fixtures::{code, import, member, small_tree, user_with};
use daihoi_tracking::sheet::TaskRow;
use daihoi_tracking::{Direction as Better, Event, EventKind, Progress, Target};
use time::Date;
use time::macros::date;

const COMMUNE: &str = "QN.DH.QT";
const ON: Date = date!(2025 - 03 - 10);
/// The secret document: 8808-KH/ĐU of 17/03/2023. Every text of the secret
/// objects carries X7Q.
const MARKS: [&str; 4] = ["X7Q", "8808-KH", "17/03/2023", "2023-03-17"];

/// The first mark `text` holds.
fn mark_in(text: &str) -> Option<&'static str> {
    MARKS.iter().find(|m| text.to_lowercase().contains(&m.to_lowercase())).copied()
}

/// A viewer with `role` over `org`, cleared for `level`.
async fn cleared(db: &Db, login: &str, role: Role, org: &str, level: Classification) -> Viewer {
    let v = user_with(db, login, role, org).await;
    db.operator().accounts().set_clearance(v.user().unwrap(), level, "test").await.unwrap();
    db.viewer(db.user_by_login(login).await.unwrap().unwrap()).await.unwrap()
}

fn new_document<'a>(
    number_text: &'a str,
    doc_type: &'a str,
    issued_on: Date,
    title: &'a str,
    c: Classification,
) -> NewDocument<'a> {
    NewDocument {
        doc_type,
        issuer: "ĐU",
        number: number_text.parse().unwrap(),
        number_text,
        issued_on,
        title,
        summary: "",
        classification: c,
        org: None,
    }
}

/// The world of these tests: the commune with two members, a cleared
/// office of it, and two documents in its register (registered by that
/// office, so with their audit entries): 439-KH/ĐU, unclassified, and the
/// secret 8808-KH/ĐU.
struct World {
    /// The last audit entry of the seeding (the tree, the members).
    seeded: i64,
    office: Viewer,
    open: Document,
    secret: Document,
}

async fn world(db: &Db) -> World {
    small_tree(db).await;
    import(
        db,
        vec![
            member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("10000002", "Trần Thị Bình", "QN.DH.QT.CB02"),
        ],
    )
    .await;
    let seeded = last_entry(db).await;
    let office = cleared(db, "qt.mat", Role::Office, COMMUNE, Classification::Secret).await;
    let s = db.scoped(&office);
    let commune = db.org_by_code(&code(COMMUNE), ON).await.unwrap().unwrap();
    let open = s
        .documents()
        .register_document(
            &commune,
            &new_document("439", "KH", date!(2024 - 07 - 23), "Tổ chức đại hội", Classification::Normal),
            "test",
        )
        .await
        .unwrap();
    let secret = s
        .documents()
        .register_document(
            &commune,
            &new_document("8808", "KH", date!(2023 - 03 - 17), "Kế hoạch tối mật X7Q", Classification::Secret),
            "test",
        )
        .await
        .unwrap();
    World { seeded, office, open, secret }
}

fn task<'a>(document_id: i64, title: &'a str, org: &'a daihoi_core::OrgCode, c: Classification) -> NewTask<'a> {
    NewTask {
        document_id,
        clause: "",
        title,
        org,
        parent: None,
        weight: None,
        deadline: Some(date!(2025 - 06 - 30)),
        external_id: None,
        classification: c,
        assigned_on: ON,
    }
}

/// Everything the office writes about the secret objects, through `Scoped`
/// (each with its audit entry), and one unclassified task.
async fn write_secrets(db: &Db, w: &World) -> Task {
    let s = db.scoped(&w.office);
    s.documents().attach_file(&w.secret, "bi-mat-x7q.pdf", "application/pdf", b"%PDF X7Q", ON, "test").await.unwrap();
    s.documents().link_documents(&w.open, &w.secret, LinkKind::Guides, Direction::Inverse, ON, "test").await.unwrap();
    let commune = code(COMMUNE);
    let secret_task = s
        .tasks()
        .create_task(&task(w.secret.id, "Nhiệm vụ tối mật X7Q", &commune, Classification::Secret), "test")
        .await
        .unwrap();
    let target = Target::new("đơn vị X7Q", 0.0, 5.0, Better::HigherIsBetter).unwrap();
    s.tasks().create_target(&secret_task, "Chỉ tiêu X7Q", target, ON, "test").await.unwrap();
    let progress = EventKind::ProgressReported { progress: Progress::new(10.0).unwrap() };
    s.tasks()
        .record_event(&secret_task, &Event { occurred_on: ON, recorded_on: ON, kind: progress }, "test")
        .await
        .unwrap();
    let new = NewDissemination {
        org: &commune,
        held_on: ON,
        title: "Hội nghị X7Q",
        level: "",
        notes: "",
        documents: &[w.secret.id],
        classification: Classification::Normal,
    };
    let conference = s.disseminations().record_dissemination(&new, &[], &[], "test").await.unwrap();
    s.disseminations()
        .add_attendance(&conference, &[CardNumber::parse("10000001").unwrap()], &[], "test")
        .await
        .unwrap();
    s.tasks()
        .create_task(&task(w.open.id, "Nhiệm vụ công khai", &commune, Classification::Normal), "test")
        .await
        .unwrap();
    secret_task
}

fn everything() -> AuditFilter {
    AuditFilter { limit: 500, ..Default::default() }
}

/// The last entry written so far: the tree's creation and the member
/// import of [`world`] are audited too, and left out of what the tests
/// count ([`World::seeded`]).
async fn last_entry(db: &Db) -> i64 {
    db.audit_checkpoint().await.unwrap().map_or(0, |c| c.last_id)
}

/// The entries `viewer` reads that were written after `last` by users (the
/// accounts made at the command line are audited too), checking that
/// the reader's count is cut as the page is.
async fn since(db: &Db, viewer: &Viewer, last: i64) -> Vec<AuditEntry> {
    let (page, total) = db.scoped(viewer).audit().audit_entries(&everything()).await.unwrap();
    assert_eq!(usize::try_from(total).unwrap(), page.len(), "the count is cut as the page is");
    page.into_iter().filter(|e| e.id > last && !e.actor.starts_with("cli:")).collect()
}

fn levels(entries: &[AuditEntry]) -> Vec<(&str, Classification)> {
    let mut out: Vec<(&str, Classification)> = entries.iter().map(|e| (e.action.as_str(), e.classification)).collect();
    out.sort();
    out
}

/// Each entry is classified as what it names; a reader of the log below
/// that gets neither the entry nor its count, even filtered by action; the
/// chain covers the classification: lowering one breaks it there.
async fn audit_entries_are_classified_as_what_they_name(db: Db) {
    let w = world(&db).await;
    let last = w.seeded;
    write_secrets(&db, &w).await;
    let all = since(&db, &Viewer::operator(), last).await;
    assert_eq!(all.len(), 10);
    use Classification::{Normal, Secret};
    assert_eq!(
        levels(&all),
        [
            ("dissemination", Secret),
            ("dissemination_attendance", Secret),
            ("document_file", Secret),
            ("document_link", Secret),
            ("document_register", Normal),
            ("document_register", Secret),
            ("target_create", Secret),
            ("task_create", Normal),
            ("task_create", Secret),
            ("task_progress", Secret),
        ]
    );

    let inspector = user_with(&db, "qt.ubkt", Role::Inspection, COMMUNE).await;
    let seen = since(&db, &inspector, last).await;
    assert_eq!(levels(&seen), [("document_register", Normal), ("task_create", Normal)]);
    for e in &seen {
        assert_eq!(mark_in(&format!("{} {}", e.subject, e.detail)), None, "{e:?}");
    }
    let by_action = AuditFilter { action: Some("document_file".into()), ..everything() };
    assert_eq!(db.scoped(&inspector).audit().audit_entries(&by_action).await.unwrap().1, 0);
    // The office's own secret entries are left out too once it is no longer cleared.
    db.operator().accounts().set_clearance(w.office.user().unwrap(), Classification::Normal, "test").await.unwrap();
    let office = db.viewer(db.user_by_login("qt.mat").await.unwrap().unwrap()).await.unwrap();
    assert_eq!(since(&db, &office, last).await.len(), 2);
    let confidential = cleared(&db, "qt.ubkt.mat", Role::Inspection, COMMUNE, Classification::Confidential).await;
    assert_eq!(since(&db, &confidential, last).await.len(), 2);
    let secret = cleared(&db, "qt.ubkt.toimat", Role::Inspection, COMMUNE, Classification::Secret).await;
    assert_eq!(since(&db, &secret, last).await.len(), 10);

    let entries = db.audit_checkpoint().await.unwrap().unwrap().last_id;
    assert_eq!(db.verify_audit().await.unwrap(), AuditCheck::Intact { entries: u64::try_from(entries).unwrap() });
    let file_entry = all.iter().find(|e| e.action == "document_file").unwrap().id;
    db.tamper_for_test(&format!("UPDATE audit_entry SET classification = 'normal' WHERE id = {file_entry}")).await;
    assert!(
        matches!(db.verify_audit().await.unwrap(), AuditCheck::Broken { entry, .. } if entry == file_entry),
        "a lowered classification breaks the chain at its entry"
    );
}

/// The log written before migration 0016 (simulated: the boundary set past
/// every entry, then every label cleared): its hashes do not cover the
/// labels and still verify; migration 0017 labels its entries from what
/// they name, and the chain still verifies.
async fn entries_written_before_the_labels_are_labelled_by_0017(db: Db) {
    db.tamper_for_test("UPDATE audit_head SET labelled_from = 1000000 WHERE id = 1").await;
    let w = world(&db).await;
    let last = w.seeded;
    write_secrets(&db, &w).await;
    db.tamper_for_test("UPDATE audit_entry SET classification = 'normal'").await;
    db.tamper_for_test("UPDATE dissemination SET classification = 'normal'").await;
    assert!(matches!(db.verify_audit().await.unwrap(), AuditCheck::Intact { .. }));
    let inspector = user_with(&db, "qt.ubkt", Role::Inspection, COMMUNE).await;
    assert_eq!(since(&db, &inspector, last).await.len(), 10, "unlabelled: the leak");

    let sql = match db.engine() {
        Engine::Sqlite => include_str!("../../migrations/sqlite/0017_label_earlier_entries.sql"),
        Engine::Postgres => include_str!("../../migrations/postgres/0017_label_earlier_entries.sql"),
    };
    db.tamper_for_test(sql).await;
    let seen = since(&db, &inspector, last).await;
    assert_eq!(
        levels(&seen),
        [("document_register", Classification::Normal), ("task_create", Classification::Normal)],
        "only the unclassified entries are left"
    );
    let (all, _) = db.scoped(&Viewer::operator()).audit().audit_entries(&everything()).await.unwrap();
    assert_eq!(all.iter().filter(|e| e.classification == Classification::Secret).count(), 8);
    assert!(matches!(db.verify_audit().await.unwrap(), AuditCheck::Intact { .. }));
    // Again: the same labels.
    db.tamper_for_test(sql).await;
    assert_eq!(db.scoped(&Viewer::operator()).audit().audit_entries(&everything()).await.unwrap().0, all);
}

/// A conference is at least as classified as its documents, or as its
/// holder chose; a reader below it finds it neither in the list (nor its
/// count) nor by id, even handed back, and cannot add to it.
async fn conferences_are_classified_at_least_as_their_documents(db: Db) {
    let w = world(&db).await;
    let s = db.scoped(&w.office);
    let commune = code(COMMUNE);
    let conference = |title: &'static str, documents: &'static [i64], classification| NewDissemination {
        org: &commune,
        held_on: ON,
        title,
        level: "",
        notes: "",
        documents,
        classification,
    };
    let secret_docs: &'static [i64] = Vec::leak(vec![w.secret.id]);
    let open_docs: &'static [i64] = Vec::leak(vec![w.open.id]);
    let secret = s
        .disseminations()
        .record_dissemination(&conference("X7Q", secret_docs, Classification::Normal), &[], &[], "t")
        .await;
    let secret = secret.unwrap();
    assert_eq!(secret.classification, Classification::Secret, "its document's");
    let closed = conference("Hội nghị mật", open_docs, Classification::Confidential);
    let closed = s.disseminations().record_dissemination(&closed, &[], &[], "t").await.unwrap();
    assert_eq!(closed.classification, Classification::Confidential, "chosen");
    let open = conference("Hội nghị công khai", open_docs, Classification::Normal);
    let open = s.disseminations().record_dissemination(&open, &[], &[], "t").await.unwrap();

    let root = db.org_by_code(&code("QN.DH"), ON).await.unwrap().unwrap();
    let titles = |list: Vec<daihoi_store::dissemination::DisseminationSummary>| {
        list.into_iter().map(|c| c.dissemination.title).collect::<Vec<_>>()
    };
    let reader = user_with(&db, "dh.office", Role::Office, "QN.DH").await;
    let r = db.scoped(&reader);
    let (list, total) = r.disseminations().disseminations_in(&root, 10).await.unwrap();
    assert_eq!((titles(list), total), (vec!["Hội nghị công khai".to_owned()], 1));
    assert!(matches!(r.disseminations().dissemination(secret.id).await, Err(StoreError::Forbidden(_))));
    assert!(r.disseminations().dissemination(open.id).await.unwrap().is_some());
    assert!(matches!(r.disseminations().attendance(&secret).await, Err(StoreError::Forbidden(_))));
    let card = CardNumber::parse("10000001").unwrap();
    assert!(matches!(
        r.disseminations().add_attendance(&secret, &[card], &[], "t").await,
        Err(StoreError::Forbidden(_))
    ));
    let above = conference("Hội nghị", open_docs, Classification::Secret);
    assert!(matches!(
        r.disseminations().record_dissemination(&above, &[], &[], "t").await,
        Err(StoreError::Forbidden(_))
    ));

    let mat = cleared(&db, "dh.mat", Role::Office, "QN.DH", Classification::Confidential).await;
    let (list, total) = db.scoped(&mat).disseminations().disseminations_in(&root, 10).await.unwrap();
    assert_eq!(total, 2);
    assert_eq!(titles(list), ["Hội nghị công khai", "Hội nghị mật"]);
    let commune = db.org_by_code(&code(COMMUNE), ON).await.unwrap().unwrap();
    assert_eq!(db.scoped(&w.office).disseminations().disseminations_in(&commune, 10).await.unwrap().1, 3);
}

/// A row of the task file names its task, its document's number and date
/// and its parent's external id: it is written only when all three are
/// within the reader's clearance. An import refuses a stored task above it
/// (or whose document or parent is) without naming anything of it, and a
/// sub-task of a parent above it.
async fn the_task_file_names_nothing_above_the_readers_clearance(db: Db) {
    let w = world(&db).await;
    let commune = code(COMMUNE);
    let cell = code("QN.DH.QT.CB01");
    let given = |document_id, title, org, external_id, parent, c| NewTask {
        external_id: Some(external_id),
        parent,
        ..task(document_id, title, org, c)
    };
    db.create_task(&given(w.open.id, "Nhiệm vụ công khai", &commune, "CK-01", None, Classification::Normal))
        .await
        .unwrap();
    db.create_task(&given(w.secret.id, "Nhiệm vụ thường", &commune, "OF-SECRET", None, Classification::Normal))
        .await
        .unwrap();
    let parent = db
        .create_task(&given(w.open.id, "Nhiệm vụ X7Q", &commune, "X7Q-MAT-01", None, Classification::Secret))
        .await
        .unwrap();
    db.create_task(&given(w.open.id, "Nhiệm vụ con", &cell, "CHILD", Some(parent.id), Classification::Normal))
        .await
        .unwrap();
    let root = db.org_by_code(&commune, ON).await.unwrap().unwrap();
    let ids = |rows: &[TaskRow]| rows.iter().map(|r| r.external_id.clone()).collect::<Vec<_>>();
    let every = db.export_tasks(&root, ON).await.unwrap();
    assert_eq!(ids(&every).len(), 4);

    let office = user_with(&db, "qt.office", Role::Office, COMMUNE).await;
    let s = db.scoped(&office);
    let rows = s.tasks().export_tasks(&root, ON).await.unwrap();
    assert_eq!(ids(&rows), ["CK-01"]);
    assert_eq!(rows[0].line, 2, "the rows are numbered as written");
    assert_eq!(db.scoped(&w.office).tasks().export_tasks(&root, ON).await.unwrap().len(), 4, "a cleared office's file");

    // Rows an uncleared office might write by guessing the external ids.
    let open_number = parse_number("439-KH/ĐU", &Registry::default_party()).unwrap().number;
    let row = |line, id: &str, parent: Option<&str>| TaskRow {
        line,
        external_id: id.to_owned(),
        document: open_number.clone(),
        document_date: w.open.issued_on,
        clause: String::new(),
        title: "Đổi".to_owned(),
        assignee: commune.clone(),
        parent: parent.map(str::to_owned),
        weight: None,
        deadline: None,
        classification: daihoi_tracking::sheet::Classification::Normal,
    };
    let above = |what| TaskRefusal::AboveClearance { what, level: Classification::Secret };
    for (rows, refused) in [
        // A stored task of a secret document, changed to another document.
        (vec![row(2, "OF-SECRET", None)], above(Classified::StoredTask)),
        // A secret stored task.
        (vec![row(2, "X7Q-MAT-01", None)], above(Classified::StoredTask)),
        // A stored sub-task of a secret task, moved out from under it.
        (vec![TaskRow { assignee: cell.clone(), ..row(2, "CHILD", None) }], above(Classified::StoredTask)),
        // A new sub-task of a secret task.
        (
            vec![TaskRow { assignee: cell.clone(), ..row(2, "NEW-1", Some("X7Q-MAT-01")) }],
            above(Classified::Parent("X7Q-MAT-01".to_owned())),
        ),
    ] {
        let report = s.tasks().import_tasks(&rows, ON, "test", "file.xlsx", true).await.unwrap();
        let refusals: Vec<&TaskRefusal> = report.problems.iter().map(|p| &p.refusal).collect();
        assert_eq!(refusals, [&refused], "nothing but the clearance: no stored document, parent or assignee");
        // The parent's external id is the one the row wrote.
        let said = refused.to_string().replace("\"X7Q-MAT-01\"", "");
        assert_eq!(mark_in(&said), None, "{said}");
        assert!(!report.written);
    }
}

/// An object above the viewer's clearance handed back to `Scoped` (read
/// elsewhere, or made up) is refused: a document's coverage, links and
/// files, a task's log, targets, sub-tasks and roll-up, and every list,
/// count and report of one document.
async fn an_object_handed_back_is_checked_again(db: Db) {
    let w = world(&db).await;
    let secret_task = write_secrets(&db, &w).await;
    let reader = user_with(&db, "qt.office", Role::Office, COMMUNE).await;
    let r = db.scoped(&reader);
    let root = db.org_by_code(&code(COMMUNE), ON).await.unwrap().unwrap();
    let forbidden = |what: &str, result: Result<(), StoreError>| {
        assert!(matches!(result, Err(StoreError::Forbidden(_))), "{what}: {result:?}");
    };
    forbidden("coverage", r.disseminations().coverage(&w.secret, &root, ON).await.map(drop));
    forbidden("links", r.documents().document_links(&w.secret).await.map(drop));
    forbidden("files", r.documents().document_files(&w.secret).await.map(drop));
    forbidden("log", r.tasks().task_events(&secret_task).await.map(drop));
    forbidden("targets", r.tasks().targets(&secret_task).await.map(drop));
    forbidden("sub-tasks", r.tasks().subtasks(&secret_task, ON).await.map(drop));
    let rules = daihoi_tracking::RollupRules { unreported: daihoi_tracking::Unreported::Skip };
    forbidden("roll-up", r.tasks().task_rollup(&secret_task, &rules).await.map(drop));
    let doc = Some(w.secret.id);
    forbidden("overdue", r.tasks().overdue_in(&root, ON, ON, None, 10, doc).await.map(drop));
    forbidden("report", r.tasks().report_tasks(&root, ON, ON, doc).await.map(drop));
    forbidden("targets in", r.tasks().targets_in(&root, ON, doc, 10).await.map(drop));
    forbidden("roll-up in", r.tasks().subtree_rollup(&root, ON, doc, &rules).await.map(drop));
    // The open document's links leave the secret one out.
    assert!(r.documents().document_links(&w.open).await.unwrap().is_empty());
    assert_eq!(db.scoped(&w.office).documents().document_links(&w.open).await.unwrap().len(), 1);
}

daihoi_test_support::engines!(
    audit_entries_are_classified_as_what_they_name,
    entries_written_before_the_labels_are_labelled_by_0017,
    conferences_are_classified_at_least_as_their_documents,
    the_task_file_names_nothing_above_the_readers_clearance,
    an_object_handed_back_is_checked_again,
);
