//! One audited write: every write path of every feature leaves exactly one
//! audit entry per change, in the writer's name, written with the change or
//! not at all; a write that changes nothing (a file or link already there,
//! a role already held) leaves none; a refused write leaves none.

use daihoi_core::members::{CardNumber, ConditionKind};
use daihoi_core::{OrgKind, Role};
use daihoi_documents::{Direction, LinkKind};
use daihoi_store::accounts::Login;
use daihoi_store::audit::{AuditCheck, AuditEntry, AuditFilter};
use daihoi_store::dissemination::NewDissemination;
use daihoi_store::documents::{Classification, NewDocument};
use daihoi_store::members::NewCondition;
use daihoi_store::orgs::{NewOrg, NewOrgRow};
use daihoi_store::tasks::NewTask;
use daihoi_store::tasks::create::Cascade;
use daihoi_store::tasks::settings::TrackingRules;
use daihoi_store::{Db, StoreError, Viewer};
use daihoi_test_support::fixtures::{TEST_PASSWORD, TODAY, code, import, member, numbered, small_tree, user_with};
use daihoi_tracking::{
    DeadlineDay, Direction as Better, Event, EventKind, Progress, Reading, RollupRules, StatusRules, Target, Unreported,
};
use time::Date;
use time::macros::date;

const D: Date = date!(2025 - 03 - 01);

/// The entries written after `last`, oldest first, as (actor, action).
async fn since(db: &Db, last: i64) -> Vec<AuditEntry> {
    let all = AuditFilter { limit: 500, ..Default::default() };
    let (mut entries, _) = db.scoped(&Viewer::operator()).audit().audit_entries(&all).await.unwrap();
    entries.retain(|e| e.id > last);
    entries.reverse();
    entries
}

async fn last(db: &Db) -> i64 {
    db.audit_checkpoint().await.unwrap().map_or(0, |c| c.last_id)
}

/// Runs one write and checks the entries it left: their actions, in order,
/// all in `actor`'s name.
macro_rules! writes {
    ($db:expr, $actor:expr, [$($action:literal),*], $write:expr) => {{
        let before = last($db).await;
        let out = $write;
        let written = since($db, before).await;
        let actions: Vec<&str> = written.iter().map(|e| e.action.as_str()).collect();
        let expected: &[&str] = &[$($action),*];
        assert_eq!(actions, expected, "{}", stringify!($write));
        assert!(written.iter().all(|e| e.actor == $actor), "{written:?}");
        out
    }};
}

fn document<'a>(number: u32, text: &'a str, org: Option<&'a daihoi_core::OrgCode>) -> NewDocument<'a> {
    NewDocument {
        doc_type: "KH",
        issuer: "ĐU",
        number,
        number_text: text,
        issued_on: date!(2024 - 07 - 23),
        title: "Kế hoạch tổ chức đại hội",
        summary: "",
        classification: Classification::Normal,
        org,
    }
}

/// The operator (the command line) and a commune's office write through
/// the features' facets; each change is one entry.
async fn every_write_path_leaves_one_entry_per_change(db: Db) {
    small_tree(&db).await;
    let op = db.operator();
    let cli = Viewer::operator().actor();

    // orgs
    let cb03 = code("QN.DH.QT.CB03");
    let new = NewOrg {
        code: &cb03,
        name: "Chi bộ thôn Mới",
        kind: OrgKind::Cell,
        parent: Some(&code("QN.DH.QT")),
        valid_from: D,
    };
    writes!(&db, cli, ["create_org"], op.orgs().create_org(&new, "cli").await.unwrap());
    writes!(&db, cli, ["rename_org"], op.orgs().rename_org(&cb03, "Chi bộ thôn Mới 2", D, "cli").await.unwrap());
    writes!(
        &db,
        cli,
        ["move_org"],
        op.orgs().move_org(&cb03, &code("QN.TY.DN"), date!(2025 - 04 - 01), "cli").await.unwrap()
    );
    writes!(
        &db,
        cli,
        ["merge_org"],
        op.orgs().merge_org(&cb03, &code("QN.TY.DN.CB02"), date!(2025 - 05 - 01), "cli").await.unwrap()
    );
    let rows = [NewOrgRow {
        line: 2,
        code: code("QN.TY.DN.CB04"),
        name: "Chi bộ thôn Khe Tiền".into(),
        kind: OrgKind::Cell,
        parent: Some(code("QN.TY.DN")),
        valid_from: D,
    }];
    writes!(&db, cli, ["import_orgs"], op.orgs().import_orgs(&rows, "to-chuc.xlsx", "cli").await.unwrap());
    writes!(
        &db,
        cli,
        ["dissolve_org"],
        op.orgs().dissolve_org(&code("QN.TY.DN.CB04"), date!(2025 - 06 - 01), "cli").await.unwrap()
    );

    // members
    writes!(
        &db,
        cli,
        ["import_members"],
        import(&db, vec![member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01")]).await
    );
    let an = db.person_id_by_card(&CardNumber::parse("10000001").unwrap()).await.unwrap().unwrap();
    let mut edited = member("10000001", "Nguyễn Văn Ân", "QN.DH.QT.CB01").member;
    writes!(&db, cli, ["member_edit"], op.members().edit_member(an, &edited, TODAY, "cli").await.unwrap());
    // The same data again changes nothing.
    writes!(&db, cli, [], op.members().edit_member(an, &edited, TODAY, "cli").await.unwrap());
    edited.ethnicity = "Tày".into();
    writes!(&db, cli, ["member_edit"], op.members().edit_member(an, &edited, TODAY, "cli").await.unwrap());
    writes!(
        &db,
        cli,
        ["member_transfer"],
        op.members().transfer_member(an, &code("QN.DH.QT.CB02"), date!(2026 - 09 - 01), TODAY, "cli").await.unwrap()
    );
    let suspended = NewCondition { kind: ConditionKind::Suspended, from: date!(2026 - 10 - 01), note: "QĐ 12" };
    let d = writes!(
        &db,
        cli,
        ["member_condition_record"],
        op.members().record_condition(an, &suspended, TODAY, "cli").await.unwrap()
    );
    writes!(
        &db,
        cli,
        ["member_condition_end"],
        op.members().end_condition(an, d.conditions[0].id, date!(2026 - 11 - 01), TODAY, "cli").await.unwrap()
    );
    let commune = db.org_by_code(&code("QN.DH.QT"), D).await.unwrap().unwrap();

    // accounts
    let login = Login::parse("vp.quangtan").unwrap();
    let user = writes!(
        &db,
        cli,
        ["user_create"],
        op.accounts().create_user(&login, "Văn phòng", TEST_PASSWORD, None, "cli").await.unwrap()
    );
    writes!(&db, cli, ["grant"], op.accounts().grant(&user, Role::Office, &code("QN.DH.QT"), "cli").await.unwrap());
    writes!(&db, cli, [], op.accounts().grant(&user, Role::Office, &code("QN.DH.QT"), "cli").await.unwrap());
    writes!(&db, cli, ["grant"], op.accounts().grant(&user, Role::Inspection, &code("QN.DH.QT"), "cli").await.unwrap());
    writes!(
        &db,
        cli,
        ["revoke"],
        op.accounts().revoke(&user, Role::Inspection, &code("QN.DH.QT"), "cli").await.unwrap()
    );
    writes!(&db, cli, [], op.accounts().revoke(&user, Role::Inspection, &code("QN.DH.QT"), "cli").await.unwrap());
    writes!(
        &db,
        cli,
        ["clearance"],
        op.accounts().set_clearance(&user, Classification::Confidential, "cli").await.unwrap()
    );
    writes!(
        &db,
        cli,
        ["password_reset"],
        op.accounts().reset_password(&user, "một mật khẩu khác dài", "cli").await.unwrap()
    );
    let office = db.viewer(db.user_by_id(user.id).await.unwrap().unwrap()).await.unwrap();
    let s = db.scoped(&office);
    let me = "vp.quangtan";
    writes!(
        &db,
        me,
        ["password_change"],
        s.accounts().change_password("một mật khẩu khác dài", TEST_PASSWORD, "x").await.unwrap()
    );
    writes!(&db, me, ["language"], s.accounts().set_language("fr", "x").await.unwrap());
    let (token, _) = writes!(
        &db,
        me,
        ["api_token_create"],
        s.accounts().create_api_token(office.user().unwrap(), "bảng tính", "x").await.unwrap()
    );
    writes!(&db, me, ["api_token_revoke"], s.accounts().revoke_api_token(token, "x").await.unwrap());
    writes!(&db, me, [], s.accounts().revoke_api_token(token, "x").await.unwrap());

    // documents
    let plan = writes!(
        &db,
        me,
        ["document_register"],
        s.documents().register_document(&commune, &document(439, "439", None), "x").await.unwrap()
    );
    let other = writes!(
        &db,
        me,
        ["document_register"],
        s.documents().register_document(&commune, &document(440, "440", None), "x").await.unwrap()
    );
    writes!(
        &db,
        me,
        ["document_file"],
        s.documents().attach_file(&plan, "kh.pdf", "application/pdf", b"%PDF", D, "x").await.unwrap()
    );
    writes!(&db, me, [], s.documents().attach_file(&plan, "kh.pdf", "application/pdf", b"%PDF", D, "x").await.unwrap());
    writes!(
        &db,
        me,
        ["document_link"],
        s.documents().link_documents(&plan, &other, LinkKind::Implements, Direction::Forward, D, "x").await.unwrap()
    );
    writes!(
        &db,
        me,
        [],
        s.documents().link_documents(&plan, &other, LinkKind::Implements, Direction::Forward, D, "x").await.unwrap()
    );

    // dissemination
    let held = code("QN.DH.QT");
    let conference = NewDissemination {
        org: &held,
        held_on: D,
        title: "Hội nghị quán triệt",
        level: "",
        notes: "",
        documents: &[plan.id],
        classification: Classification::Normal,
    };
    let an = CardNumber::parse("10000001").unwrap();
    let d = writes!(
        &db,
        me,
        ["dissemination"],
        s.disseminations().record_dissemination(&conference, &[], &[], "x").await.unwrap()
    );
    writes!(
        &db,
        me,
        ["dissemination_attendance"],
        s.disseminations().add_attendance(&d, &[an], &[], "x").await.unwrap()
    );

    // tasks
    let new = NewTask {
        document_id: plan.id,
        clause: "",
        title: "Chuẩn bị đại hội",
        org: &held,
        parent: None,
        weight: None,
        deadline: Some(date!(2025 - 12 - 31)),
        external_id: None,
        classification: Classification::Normal,
        assigned_on: D,
    };
    let task = writes!(&db, me, ["task_create"], s.tasks().create_task(&new, "x").await.unwrap());
    let cells = [code("QN.DH.QT.CB01"), code("QN.DH.QT.CB02")];
    let cascade = Cascade { orgs: &cells, title: "", deadline: None, weight: None, assigned_on: D };
    writes!(&db, me, ["task_cascade", "task_cascade"], s.tasks().cascade_task(&task, &cascade, "x").await.unwrap());
    let progress = EventKind::ProgressReported { progress: Progress::new(30.0).unwrap() };
    writes!(
        &db,
        me,
        ["task_progress"],
        s.tasks().record_event(&task, &Event { occurred_on: D, recorded_on: D, kind: progress }, "x").await.unwrap()
    );
    let target = Target::new("%", 60.0, 90.0, Better::HigherIsBetter).unwrap();
    let t = writes!(&db, me, ["target_create"], s.tasks().create_target(&task, "Tỷ lệ", target, D, "x").await.unwrap());
    writes!(
        &db,
        me,
        ["target_reading"],
        s.tasks().record_reading(&task, t.id, Reading { on: D, value: 70.0 }, "", "x").await.unwrap()
    );
    let rules = TrackingRules {
        status: StatusRules { due_soon_window: 7, deadline_day: DeadlineDay::CountsAsOnTime },
        rollup: RollupRules { unreported: Unreported::Skip },
    };
    let province = db.org_by_code(&code("QN"), D).await.unwrap().unwrap();
    writes!(&db, cli, ["tracking_rules"], op.tasks().set_tracking_rules(&province, &rules, "cli").await.unwrap());

    assert!(matches!(db.verify_audit().await.unwrap(), AuditCheck::Intact { .. }));
}

/// A refused write leaves no entry and writes nothing, whoever refuses it:
/// the facet's policy, a rule of the feature, or the database.
async fn a_refused_write_leaves_no_entry(db: Db) {
    small_tree(&db).await;
    let office = user_with(&db, "vp.quangtan", Role::Office, "QN.DH.QT").await;
    let s = db.scoped(&office);
    let elsewhere = db.org_by_code(&code("QN.TY.DN"), D).await.unwrap().unwrap();
    let before = last(&db).await;
    // The policy: not the office's register.
    let refused = s.documents().register_document(&elsewhere, &document(1, "01", None), "x").await;
    assert!(matches!(refused, Err(StoreError::Forbidden(_))), "{refused:?}");
    // A rule: a name with a control character (TEXT-1).
    let bad = NewOrg {
        code: &code("QN.DH.QT.CB09"),
        name: "Chi bộ\u{7}",
        kind: OrgKind::Cell,
        parent: Some(&code("QN.DH.QT")),
        valid_from: D,
    };
    assert!(s.orgs().create_org(&bad, "x").await.is_err());
    // The database: the same document twice (D-NUM-5), the second refused.
    let commune = db.org_by_code(&code("QN.DH.QT"), D).await.unwrap().unwrap();
    s.documents().register_document(&commune, &document(2, "02", None), "x").await.unwrap();
    let again = s.documents().register_document(&commune, &document(2, "02", None), "x").await;
    assert!(again.is_err());
    // A member file with a refused row: nothing of it.
    let rows = numbered(vec![member("10000002", "Trần Thị Bình", "QN.TY.DN.CB01")]);
    assert!(s.members().import_members(&commune, &rows, D, "x", "f.xlsx", false).await.is_err());
    let written: Vec<String> = since(&db, before).await.into_iter().map(|e| e.action).collect();
    assert_eq!(written, ["document_register"], "only the one write that went through");
    assert_eq!(db.org_by_code(&code("QN.DH.QT.CB09"), D).await.unwrap(), None);
}

daihoi_test_support::engines!(every_write_path_leaves_one_entry_per_change, a_refused_write_leaves_no_entry);

/// Where the store opens a transaction of its own: `Scoped::write` (every
/// audited write) and the few places listed here with their reason. A new
/// transaction elsewhere (`begin_write()`, or the pool's own `begin`) is a
/// write that could forget its audit entry.
#[test]
fn transactions_are_opened_by_the_audited_write_only() {
    const ALLOWED: &[(&str, &str)] = &[
        ("write.rs", "the audited write itself"),
        ("audit/mod.rs", "Db::audit: an entry with nothing else to write (a sign-in, a sign-out)"),
        ("db.rs", "Db::begin_write itself (SQLite's immediate transactions), and migrations"),
        ("accounts/mod.rs", "web session rows (not domain data): saved or deleted with the data generation"),
        ("demo.rs", "loading the generated demo scenario (`daihoi demo`, the server's first start)"),
        // The demo loader's bulk writes, crate-private (tests write through
        // the operator's facets: daihoi_test_support::writes).
        ("documents/mod.rs", "the demo's Db::register_document, link_documents"),
        ("dissemination/mod.rs", "the demo's Db::record_dissemination, add_attendance_ids"),
        ("tasks/mod.rs", "the demo's Db::record_event"),
        ("tasks/targets.rs", "the demo's Db::record_reading"),
        // An export names the tasks stored without an external id (T-7), once.
        ("tasks/import.rs", "Db::export_tasks naming unnamed tasks"),
        // The law's rows and the calendar's days daihoi ships, written once
        // at migration like the schema (a person's changes are audited).
        ("petitions/clocks.rs", "Db::ship_petition_clocks at migration"),
        // The benchmark's generated cases, like the demo scenario's members.
        ("petitions/generate.rs", "Db::generate_petitions for benches/petitions.rs"),
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if ["begin_write().await", "pool.begin("]
                .iter()
                .any(|t| std::fs::read_to_string(&path).unwrap().contains(t))
            {
                found.push(path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let stray: Vec<&String> = found.iter().filter(|f| !ALLOWED.iter().any(|(a, _)| a == f)).collect();
    assert!(stray.is_empty(), "transactions opened outside Scoped::write: {stray:?}");
    let stale: Vec<&str> = ALLOWED.iter().map(|(a, _)| *a).filter(|a| !found.iter().any(|f| f == a)).collect();
    assert!(stale.is_empty(), "no longer open a transaction, take them off the list: {stale:?}");
}
