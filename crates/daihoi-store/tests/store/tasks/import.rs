//! The task file (T-7): import idempotent by external id, all or nothing,
//! with every refused row reported; export that imports back unchanged.
//! Documents are found by number and issue date (D-NUM-5); the cascade is
//! checked on the import's date (T-2).

use daihoi_core::Role;
use daihoi_documents::{DocNumber, Registry, parse_number};
use daihoi_store::accounts::Login;
use daihoi_store::audit::AuditFilter;
use daihoi_store::documents::{Classification, NewDocument};
use daihoi_store::tasks::NewTask;
use daihoi_store::tasks::import::{Classified, TaskImportReport, TaskRefusal};
use daihoi_store::{Db, Viewer};
use daihoi_test_support::fixtures::OperatorWrites;
use daihoi_test_support::fixtures::{code, small_tree};
use daihoi_tracking::sheet::{self, Column, TaskRow, parse_sheet};
use daihoi_tracking::{Event, EventKind, Progress, Weight};
use time::Date;
use time::macros::date;

const ON: Date = date!(2025 - 01 - 10);
const ISSUED: Date = date!(2024 - 03 - 03);
/// Another 23-NQ/TU, of the previous term (D-NUM-5).
const ISSUED_2019: Date = date!(2019 - 05 - 10);

fn number(text: &str) -> DocNumber {
    parse_number(text, &Registry::default_party()).unwrap().number
}

async fn document(db: &Db, issued_on: Date) -> i64 {
    db.register_document(&NewDocument {
        doc_type: "NQ",
        issuer: "TU",
        number: 23,
        number_text: "23",
        issued_on,
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
    document(db, ISSUED_2019).await;
    document(db, ISSUED).await
}

fn row(line: usize, id: &str, org: &str, parent: Option<&str>) -> TaskRow {
    TaskRow {
        line,
        external_id: id.to_owned(),
        document: number("23-NQ/TU"),
        document_date: ISSUED,
        clause: "Mục III.1".to_owned(),
        title: format!("Nhiệm vụ {id}"),
        assignee: code(org),
        parent: parent.map(str::to_owned),
        weight: None,
        deadline: Some(date!(2026 - 06 - 30)),
        classification: sheet::Classification::Normal,
    }
}

fn counts(r: &TaskImportReport) -> (u64, u64, u64) {
    (r.created, r.updated, r.unchanged)
}

fn refusals(r: &TaskImportReport) -> Vec<(usize, Column, TaskRefusal)> {
    r.problems.iter().map(|p| (p.line, p.column, p.refusal.clone())).collect()
}

/// T-7, T-2: children may come before their parents in the file; a second
/// import of the same file finds every row unchanged and adds nothing; a
/// changed cell updates its task only.
async fn t7_a_second_import_of_the_same_file_changes_nothing(db: Db) {
    setup(&db).await;
    let rows = vec![row(2, "B", "QN.DH", Some("A")), row(3, "C", "QN.DH.QT", Some("B")), row(4, "A", "QN", None)];
    let first = db.import_tasks(&rows, ON, false).await.unwrap();
    assert_eq!((counts(&first), first.written), ((3, 0, 0), true), "{:?}", first.problems);
    let a = db.task_by_external_id("A").await.unwrap().unwrap();
    let b = db.task_by_external_id("B").await.unwrap().unwrap();
    let c = db.task_by_external_id("C").await.unwrap().unwrap();
    assert_eq!((a.parent_id, b.parent_id, c.parent_id), (None, Some(a.id), Some(b.id)));
    assert_eq!((c.org.as_str(), c.clause.as_str(), c.title.as_str()), ("QN.DH.QT", "Mục III.1", "Nhiệm vụ C"));

    let again = db.import_tasks(&rows, ON, false).await.unwrap();
    assert_eq!(counts(&again), (0, 0, 3));
    let qn = db.org_by_code(&code("QN"), ON).await.unwrap().unwrap();
    assert_eq!(db.tasks_in(&qn, ON).await.unwrap().len(), 3, "nothing duplicated");

    let mut changed = rows.clone();
    changed[1].title = "Nhiệm vụ C, sửa".to_owned();
    changed[1].weight = Some(Weight::new(0.1).unwrap());
    changed[1].classification = sheet::Classification::Confidential;
    changed[2].deadline = None;
    let r = db.import_tasks(&changed, ON, false).await.unwrap();
    assert_eq!(counts(&r), (0, 2, 1));
    let c2 = db.task(c.id).await.unwrap().unwrap();
    assert_eq!(
        (c2.title.as_str(), c2.weight, c2.classification),
        ("Nhiệm vụ C, sửa", changed[1].weight, Classification::Confidential)
    );
    assert_eq!(db.task(a.id).await.unwrap().unwrap().deadline, None);
    assert_eq!(counts(&db.import_tasks(&changed, ON, false).await.unwrap()), (0, 0, 3), "0.1 is stored exactly");
}

/// T-2 (issue 14 §2): an import keeps a sub-task's deadline at most its
/// parent's: a row after its parent's deadline (the file's, or the stored
/// one's) is refused; a stored task moved before its stored open
/// sub-tasks' deadlines is refused unless the file moves them too; nothing
/// is written while a row is refused.
async fn t2_an_import_keeps_subtasks_within_the_deadline(db: Db) {
    setup(&db).await;
    let rows = vec![row(2, "A", "QN", None), row(3, "B", "QN.DH", Some("A")), row(4, "C", "QN.DH.QT", Some("B"))];
    let first = db.import_tasks(&rows, ON, false).await.unwrap();
    assert!(first.problems.is_empty(), "{:?}", first.problems);

    // B after A's deadline, in the same file.
    let mut late = rows.clone();
    late[1].deadline = Some(date!(2026 - 07 - 31));
    let r = db.import_tasks(&late, ON, false).await.unwrap();
    assert!(!r.written);
    let got = refusals(&r);
    assert!(
        matches!(&got[..], [(3, Column::Deadline, TaskRefusal::DeadlineAfterParent { parent, .. })] if parent == "A"),
        "{got:?}"
    );

    // A moved before B and C, which stay in the stored tree only.
    let earlier = vec![TaskRow { deadline: Some(date!(2026 - 03 - 31)), ..rows[0].clone() }];
    let r = db.import_tasks(&earlier, ON, false).await.unwrap();
    assert!(!r.written);
    let got = refusals(&r);
    assert!(
        matches!(&got[..], [(2, Column::Deadline, TaskRefusal::SubtasksAfterDeadline { count: 2, first, .. })] if first == "B"),
        "{got:?}"
    );
    let a = db.task_by_external_id("A").await.unwrap().unwrap();
    assert_eq!(a.deadline, Some(date!(2026 - 06 - 30)), "nothing written");

    // Moved together in one file: accepted.
    let mut together = rows.clone();
    for r in &mut together {
        r.deadline = Some(date!(2026 - 03 - 31));
    }
    let r = db.import_tasks(&together, ON, false).await.unwrap();
    assert!(r.written && r.problems.is_empty(), "{:?}", r.problems);
    let c = db.task_by_external_id("C").await.unwrap().unwrap();
    assert_eq!(c.deadline, Some(date!(2026 - 03 - 31)));
}

/// D-NUM-5: the same number of another term is another document; a number
/// with a date the register does not hold is refused.
async fn t7_d_num_5_the_document_is_found_by_number_and_date(db: Db) {
    let doc = setup(&db).await;
    let older = db.documents_numbered("TU", "NQ", 23).await.unwrap().into_iter().find(|d| d.issued_on == ISSUED_2019);
    let mut old_term = row(2, "OLD", "QN", None);
    old_term.document_date = ISSUED_2019;
    let r = db.import_tasks(&[old_term, row(3, "NEW", "QN", None)], ON, false).await.unwrap();
    assert_eq!(counts(&r), (2, 0, 0));
    assert_eq!(db.task_by_external_id("OLD").await.unwrap().unwrap().document_id, older.unwrap().id);
    assert_eq!(db.task_by_external_id("NEW").await.unwrap().unwrap().document_id, doc);
    let mut wrong = row(2, "X", "QN", None);
    wrong.document_date = date!(2024 - 03 - 04);
    let r = db.import_tasks(&[wrong], ON, false).await.unwrap();
    let unknown = TaskRefusal::UnknownDocument { number: "23-NQ/TU".into(), date: "04/03/2024".into() };
    assert_eq!(refusals(&r), vec![(2, Column::DocumentNumber, unknown)]);
    assert_eq!(r.problems[0].value, "23-NQ/TU");
}

/// T-7: one bad row and nothing is written; every refused row is reported
/// with its row, column and reason (T-1, T-2, D-NUM-5).
async fn t7_every_refused_row_is_reported_and_nothing_is_written(db: Db) {
    setup(&db).await;
    let stored = vec![
        row(2, "A", "QN", None),
        row(3, "B", "QN.DH", Some("A")),
        row(4, "L", "QN.TY", Some("A")),
        row(5, "M", "QN.DH", Some("A")),
    ];
    assert_eq!(counts(&db.import_tasks(&stored, ON, false).await.unwrap()), (4, 0, 0));
    let m = db.task_by_external_id("M").await.unwrap().unwrap();
    let p = Event {
        occurred_on: date!(2025 - 03 - 31),
        recorded_on: date!(2025 - 03 - 31),
        kind: EventKind::ProgressReported { progress: Progress::new(30.0).unwrap() },
    };
    db.record_event(m.id, &p).await.unwrap();

    let mut moved_m = row(8, "M", "QN.TY", Some("A"));
    moved_m.title = "changed too".into();
    let mut other_doc = row(9, "A", "QN", None);
    other_doc.document_date = ISSUED_2019;
    let file = vec![
        row(2, "N1", "QN.TY.DN", Some("B")),
        row(3, "N2", "QN.XX", None),
        row(4, "N3", "QN", Some("ZZ")),
        row(5, "C1", "QN", Some("C2")),
        row(6, "C2", "QN", Some("C1")),
        row(7, "N5", "QN.DH.QT", Some("B")),
        moved_m,
        other_doc,
        row(10, "N5", "QN", None),
        row(11, "L", "QN.TY", Some("B")),
        row(12, "N6", "QN.TY.DN", Some("L")),
    ];
    let r = db.import_tasks(&file, ON, false).await.unwrap();
    let circle = |a: &str, b: &str| TaskRefusal::ParentCycle(vec![a.into(), b.into(), a.into()]);
    assert_eq!(
        refusals(&r),
        vec![
            (
                2,
                Column::Assignee,
                TaskRefusal::OutsideParentSubtree {
                    org: code("QN.TY.DN"),
                    parent: "B".into(),
                    parent_org: "QN.DH".into(),
                    date: "10/01/2025".into()
                }
            ),
            (3, Column::Assignee, TaskRefusal::UnknownOrganization(code("QN.XX"))),
            (4, Column::Parent, TaskRefusal::UnknownParent("ZZ".into())),
            (5, Column::Parent, circle("C1", "C2")),
            (6, Column::Parent, circle("C2", "C1")),
            (8, Column::Assignee, TaskRefusal::AssigneeLocked { from: code("QN.DH"), events: 1, subtasks: 0 }),
            (9, Column::DocumentNumber, TaskRefusal::DocumentChanged { stored: "23-NQ/TU of 03/03/2024".into() }),
            (10, Column::ExternalId, TaskRefusal::DuplicateExternalId { id: "N5".into(), first_line: 7 }),
            (11, Column::Parent, TaskRefusal::ParentChanged { stored: "\"A\"".into() }),
        ]
    );
    assert!(!r.written);
    assert_eq!(counts(&r), (2, 0, 0), "N5 and N6 would have been created");
    assert!(db.task_by_external_id("N5").await.unwrap().is_none(), "nothing half-written");
    assert!(db.task_by_external_id("N6").await.unwrap().is_none());
    let m = db.task(m.id).await.unwrap().unwrap();
    assert_eq!((m.title.as_str(), m.org.as_str()), ("Nhiệm vụ M", "QN.DH"));
    let msg = r.problems[5].refusal.to_string();
    assert!(msg.contains("1 log events") && msg.contains("QN.DH"), "{msg}");

    // An organization that does not exist on the import's date.
    let r = db.import_tasks(&[row(2, "Z", "QN", None)], date!(2019 - 01 - 01), false).await.unwrap();
    let not_then = TaskRefusal::OrgNotOnDate { code: code("QN"), date: "01/01/2019".into() };
    assert_eq!(refusals(&r), vec![(2, Column::Assignee, not_then)]);
}

/// T-7: a dry run makes the same checks and counts, and writes nothing;
/// an assignee may change while the task has no log and no sub-task.
async fn t7_dry_run_writes_nothing(db: Db) {
    setup(&db).await;
    let rows = vec![row(2, "A", "QN", None), row(3, "B", "QN.DH", Some("A"))];
    let r = db.import_tasks(&rows, ON, true).await.unwrap();
    assert_eq!((counts(&r), r.written, r.problems.len()), ((2, 0, 0), false, 0));
    assert!(db.task_by_external_id("A").await.unwrap().is_none());
    db.import_tasks(&rows, ON, false).await.unwrap();
    let moved = vec![row(2, "A", "QN", None), row(3, "B", "QN.TY", Some("A"))];
    let r = db.import_tasks(&moved, ON, true).await.unwrap();
    assert_eq!((counts(&r), r.written), ((0, 1, 1), false));
    assert_eq!(db.task_by_external_id("B").await.unwrap().unwrap().org.as_str(), "QN.DH");
    db.import_tasks(&moved, ON, false).await.unwrap();
    assert_eq!(db.task_by_external_id("B").await.unwrap().unwrap().org.as_str(), "QN.TY");
}

/// T-7: export, then import of what was exported, changes nothing, also
/// through the cells' text; tasks created without an external id get
/// `T<id>` then and keep it.
async fn t7_export_then_import_is_all_unchanged(db: Db) {
    let doc = setup(&db).await;
    let (qn, dh) = (code("QN"), code("QN.DH"));
    let new = |org, parent, external_id, weight: Option<f64>| NewTask {
        document_id: doc,
        clause: "Mục II",
        title: "Tuyên truyền, quán triệt",
        org,
        parent,
        weight: weight.map(|w| Weight::new(w).unwrap()),
        deadline: Some(date!(2025 - 12 - 31)),
        external_id,
        classification: Classification::Normal,
        assigned_on: ON,
    };
    let root = db.create_task(&NewTask { classification: Classification::Secret, ..new(&qn, None, None, None) }).await;
    let root = root.unwrap();
    let named = db.create_task(&new(&dh, Some(root.id), Some("S1"), Some(2.5))).await.unwrap();
    let unnamed = db.create_task(&new(&dh, Some(root.id), None, None)).await.unwrap();
    assert_eq!(unnamed.external_id, Some(format!("T{}", unnamed.id)), "named when created: an export only reads");

    let district = db.org_by_code(&dh, ON).await.unwrap().unwrap();
    let rows = db.export_tasks(&district, ON).await.unwrap();
    let ids: Vec<(&str, Option<&str>)> = rows.iter().map(|r| (r.external_id.as_str(), r.parent.as_deref())).collect();
    let root_name = format!("T{}", root.id);
    let unnamed_name = format!("T{}", unnamed.id);
    assert_eq!(ids, vec![("S1", Some(root_name.as_str())), (unnamed_name.as_str(), Some(root_name.as_str()))]);
    assert_eq!((rows[0].line, rows[1].line), (2, 3));
    assert_eq!(rows[0].document.to_string(), "23-NQ/TU");
    assert_eq!((rows[0].document_date, rows[0].weight), (ISSUED, named.weight));
    assert_eq!(db.task(root.id).await.unwrap().unwrap().external_id, Some(root_name.clone()), "kept");
    let r = db.import_tasks(&rows, ON, false).await.unwrap();
    assert_eq!((counts(&r), r.problems.len()), ((0, 0, 2), 0));

    let province = db.org_by_code(&qn, ON).await.unwrap().unwrap();
    let all = db.export_tasks(&province, ON).await.unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[0].classification, sheet::Classification::Secret);
    // Through the text of the cells, as a CSV file carries them.
    let mut text = vec![Column::ALL.iter().map(|c| c.header().to_owned()).collect::<Vec<_>>()];
    text.extend(all.iter().map(|r| Column::ALL.iter().map(|c| r.text(*c)).collect()));
    let parsed = parse_sheet("Nhiệm vụ", &text, &Registry::default_party()).unwrap();
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(parsed.rows, all);
    assert_eq!(counts(&db.import_tasks(&parsed.rows, ON, false).await.unwrap()), (0, 0, 3));
    assert_eq!(db.export_tasks(&province, ON).await.unwrap(), all, "the generated ids are kept");
}

async fn office_of(db: &Db, org: &str) -> Viewer {
    let u = db
        .operator()
        .accounts()
        .create_user(&Login::parse("vp.dh").unwrap(), "Văn phòng", "một mật khẩu dài", None, "test")
        .await
        .unwrap();
    db.operator().accounts().grant(&u, Role::Office, &code(org), "test").await.unwrap();
    db.viewer(u).await.unwrap()
}

/// T-7 for a signed-in user: rows outside the subtree where the viewer
/// writes, or above the viewer's clearance (T-6), are refused; an accepted
/// import writes its audit entry with it.
async fn t7_scoped_import_stays_in_the_viewers_subtree_and_is_audited(db: Db) {
    setup(&db).await;
    db.import_tasks(&[row(2, "A", "QN", None)], ON, false).await.unwrap();
    let viewer = office_of(&db, "QN.DH").await;
    let scoped = db.scoped(&viewer);
    let mut secret = row(5, "D2", "QN.DH.QT", Some("A"));
    secret.classification = sheet::Classification::Confidential;
    let file = vec![row(2, "D1", "QN.DH", Some("A")), row(3, "T1", "QN.TY", None), row(4, "A", "QN", None), secret];
    let r = scoped.tasks().import_tasks(&file, ON, "127.0.0.1", "nhiem-vu.xlsx", false).await.unwrap();
    assert_eq!(
        refusals(&r),
        vec![
            (3, Column::Assignee, TaskRefusal::OutsideYourSubtree(code("QN.TY"))),
            (4, Column::ExternalId, TaskRefusal::TaskOutsideYourSubtree(code("QN"))),
            (4, Column::Assignee, TaskRefusal::OutsideYourSubtree(code("QN"))),
            (
                5,
                Column::Classification,
                TaskRefusal::AboveClearance { what: Classified::Task, level: Classification::Confidential }
            ),
        ]
    );
    assert!(db.task_by_external_id("D1").await.unwrap().is_none());
    let operator = Viewer::operator();
    let filter = AuditFilter { action: Some("import_tasks".into()), limit: 10, ..AuditFilter::default() };
    // The setup's own import, by the operator.
    assert_eq!(db.scoped(&operator).audit().audit_entries(&filter).await.unwrap().1, 1);

    let dry = scoped.tasks().import_tasks(&file[..1], ON, "127.0.0.1", "nhiem-vu.xlsx", true).await.unwrap();
    assert_eq!((counts(&dry), dry.written), ((1, 0, 0), false));
    assert_eq!(db.scoped(&operator).audit().audit_entries(&filter).await.unwrap().1, 1, "a dry run is not logged");
    let r = scoped.tasks().import_tasks(&file[..1], ON, "127.0.0.1", "nhiem-vu.xlsx", false).await.unwrap();
    assert_eq!((counts(&r), r.written), ((1, 0, 0), true));
    let (entries, n) = db.scoped(&operator).audit().audit_entries(&filter).await.unwrap();
    assert_eq!(n, 2);
    let dh = db.org_by_code(&code("QN.DH"), ON).await.unwrap().unwrap();
    assert_eq!(entries[0].org_path.as_deref(), Some(dh.path.as_str()));
    assert_eq!((entries[0].actor.as_str(), entries[0].subject.as_str()), ("vp.dh", "nhiem-vu.xlsx"));
    assert!(entries[0].detail.contains("1 created"), "{}", entries[0].detail);
    // The viewer reads the entry of their subtree.
    assert_eq!(scoped.audit().audit_entries(&filter).await.unwrap().1, 1);
}

/// T-7: the task file of one organization's page takes rows of that
/// organization's subtree only, even from a viewer who writes wider (a
/// province's office on a commune's page), stored tasks included.
async fn t7_the_task_file_of_a_page_stays_in_its_organization(db: Db) {
    setup(&db).await;
    db.import_tasks(&[row(2, "Y", "QN.TY", None)], ON, false).await.unwrap();
    let viewer = office_of(&db, "QN").await;
    let scoped = db.scoped(&viewer);
    let dh = db.org_by_code(&code("QN.DH"), ON).await.unwrap().unwrap();
    let mut moved = row(4, "Y", "QN.DH", None);
    moved.title = "Chuyển về Đầm Hà".into();
    let file = vec![row(2, "D1", "QN.DH.QT", None), row(3, "T1", "QN.TY", None), moved];
    let r = scoped.tasks().import_tasks_into(&dh, &file, ON, "127.0.0.1", "nhiem-vu.xlsx", true).await.unwrap();
    let outside = |org: &str| TaskRefusal::OutsideThisSubtree { org: code(org), root: code("QN.DH") };
    assert_eq!(
        refusals(&r),
        vec![(3, Column::Assignee, outside("QN.TY")), (4, Column::ExternalId, outside("QN.TY"))],
        "a stored task of Tiên Yên is not moved from Đầm Hà's page"
    );
    let r = scoped.tasks().import_tasks_into(&dh, &file[..1], ON, "127.0.0.1", "nhiem-vu.xlsx", false).await.unwrap();
    assert_eq!((counts(&r), r.written), ((1, 0, 0), true));
    // The same rows from the province's own page, or the command line, go in.
    let qn = db.org_by_code(&code("QN"), ON).await.unwrap().unwrap();
    let r = scoped.tasks().import_tasks_into(&qn, &file[1..2], ON, "127.0.0.1", "nhiem-vu.xlsx", true).await.unwrap();
    assert_eq!(r.problems.len(), 0);
}

daihoi_test_support::engines!(
    t2_an_import_keeps_subtasks_within_the_deadline,
    t7_the_task_file_of_a_page_stays_in_its_organization,
    t7_a_second_import_of_the_same_file_changes_nothing,
    t7_d_num_5_the_document_is_found_by_number_and_date,
    t7_every_refused_row_is_reported_and_nothing_is_written,
    t7_dry_run_writes_nothing,
    t7_export_then_import_is_all_unchanged,
    t7_scoped_import_stays_in_the_viewers_subtree_and_is_audited,
);
