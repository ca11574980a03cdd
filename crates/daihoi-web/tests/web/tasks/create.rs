//! Giving tasks on the web (T-1), cascading them down the tree (T-2),
//! adding targets (T-5) by role (T-6), and the task file (T-7) downloaded
//! and imported with a preview. In process, against a real database on
//! each engine.

use crate::support;

use axum::http::{StatusCode, header};
use daihoi_core::Role;
use daihoi_documents::Registry;
use daihoi_store::documents::Classification;
use daihoi_store::tasks::NewTask;
use daihoi_store::{Db, Viewer};
use daihoi_test_support::fixtures::*;
use daihoi_tracking::sheet::{Column, first_task_sheet};
use support::TestApp;
use time::macros::date;

/// The tree, a document (28-NQ/TU) and the users; returns the document's id.
async fn seeded(db: &Db, app: &TestApp) -> i64 {
    small_tree(db).await;
    import(db, vec![member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01")]).await;
    app.user("dh.office", Role::Office, "QN.DH").await;
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    app.user("ty.office", Role::Office, "QN.TY").await;
    app.user("dh.ubkt", Role::Inspection, "QN.DH").await;
    app.member_user("qt.member", "10000001", "QN.DH.QT.CB01").await;
    support::resolution_28(db).await
}

/// A task given by the command line (the operator) to `org`.
async fn task(db: &Db, doc: i64, org: &str, external_id: Option<&str>) -> i64 {
    let org = code(org);
    db.create_task(&NewTask {
        document_id: doc,
        clause: "Mục III.2",
        title: "Chỉ đạo bố trí Công an xã",
        org: &org,
        parent: None,
        weight: None,
        deadline: Some(date!(2030 - 12 - 31)),
        external_id,
        classification: Classification::Normal,
        assigned_on: date!(2024 - 10 - 10),
    })
    .await
    .unwrap()
    .id
}

fn location(page: &support::Page) -> String {
    page.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

async fn audit_count(db: &Db, action: &str) -> u64 {
    let filter = daihoi_store::audit::AuditFilter { action: Some(action.into()), limit: 50, ..Default::default() };
    db.scoped(&Viewer::operator()).audit().audit_entries(&filter).await.unwrap().1
}

/// The new task form's fields.
fn fields(doc: i64, title: &str, org: &str, weight: &str) -> Vec<(&'static str, String)> {
    vec![
        ("document", doc.to_string()),
        ("clause", "Mục III.2".to_owned()),
        ("title", title.to_owned()),
        ("org", org.to_owned()),
        ("deadline", "2030-06-30".to_owned()),
        ("weight", weight.to_owned()),
        ("classification", "normal".to_owned()),
    ]
}

async fn post_task(c: &mut support::Client, f: Vec<(&'static str, String)>) -> support::Page {
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    c.post_form("/tasks", &pairs).await
}

/// T-1, T-6: the district office gives a task from a document to an
/// organization of its subtree and lands on the task's page; a refused form
/// says why in words and keeps what was typed; another subtree, an
/// inspection commission and a member may not.
async fn t1_an_office_gives_a_task_from_the_form(db: Db) {
    let app = TestApp::new(&db);
    let doc = seeded(&db, &app).await;
    let mut c = app.signed_in("dh.office").await;
    let form = c.get(&format!("/tasks/new?document={doc}&org=QN.DH.QT")).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains("28-NQ/TU"), "{}", form.body);
    assert!(form.body.contains(&format!("<option value=\"{doc}\" selected>")), "the linked document is chosen");
    assert!(form.body.contains(r#"name="org" list="assignees" required value="QN.DH.QT""#), "{}", form.body);
    assert!(form.body.contains("value=\"QN.DH\""));
    assert!(!form.body.contains("QN.TY"), "only where the office writes");
    assert!(!form.body.contains("value=\"confidential\""), "no classification above the clearance");

    // A deadline before 1900 is refused on the page as in the API (422).
    let mut slip = fields(doc, "Nhiệm vụ gõ nhầm năm", "QN.DH.QT", "");
    slip[4].1 = "30/06/1830".to_owned();
    let refused = post_task(&mut c, slip).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("trước năm 1900"), "{}", refused.body);

    let done = post_task(&mut c, fields(doc, "Bố trí Công an chính quy về xã", "QN.DH.QT", "2")).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let at = location(&done);
    let id: i64 = at.trim_start_matches("/tasks/").parse().unwrap();
    let t = db.task(id).await.unwrap().unwrap();
    assert_eq!(
        (t.org.as_str(), t.document_id, t.clause.as_str(), t.deadline, t.weight.map(|w| w.value())),
        ("QN.DH.QT", doc, "Mục III.2", Some(date!(2030 - 06 - 30)), Some(2.0))
    );
    let page = c.get(&at).await;
    assert!(page.body.contains("Bố trí Công an chính quy về xã"));
    assert_eq!(audit_count(&db, "task_create").await, 1);

    // Refused in words, the form keeping what was typed; nothing written.
    let bad = post_task(&mut c, fields(doc, "", "QN.DH.QT", "")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Chưa nhập nội dung nhiệm vụ."), "{}", bad.body);
    assert!(bad.body.contains("value=\"Mục III.2\""), "the clause is kept");
    let bad = post_task(&mut c, fields(doc, "Nhiệm vụ có trọng số sai", "QN.DH.QT", "-1")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Trọng số “-1” không hợp lệ"), "{}", bad.body);
    assert!(bad.body.contains("Nhiệm vụ có trọng số sai</textarea>"), "the title is kept");
    // Issue 14 §5: every problem at once.
    let mut many = fields(doc, "", "QN DH", "-1");
    many[4].1 = "30/06/1830".to_owned();
    let bad = post_task(&mut c, many).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for problem in
        ["Chưa chọn đơn vị thực hiện.", "Chưa nhập nội dung nhiệm vụ.", "Trọng số “-1” không hợp lệ", "trước năm 1900"]
    {
        assert!(bad.body.contains(problem), "{problem}: {}", bad.body);
    }
    assert!(bad.body.contains(r#"value="QN DH""#), "the code kept: {}", bad.body);
    let mut classified = fields(doc, "Nhiệm vụ mật", "QN.DH", "");
    classified[6].1 = "confidential".to_owned();
    let bad = post_task(&mut c, classified).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("vượt mức đồng chí được phép"), "T-6: {}", bad.body);
    let outside = post_task(&mut c, fields(doc, "Nhiệm vụ của huyện khác", "QN.TY", "")).await;
    assert_eq!(outside.status, StatusCode::FORBIDDEN);
    assert_eq!(audit_count(&db, "task_create").await, 1, "the refusals wrote nothing");

    // English words for an English session.
    let en = c.post_form("/language", &[("lang", "en"), ("back", "/tasks/new")]).await;
    assert_eq!(en.status, StatusCode::SEE_OTHER);
    let bad = post_task(&mut c, fields(doc, "", "QN.DH.QT", "")).await;
    assert!(bad.body.contains("The task has no text."), "{}", bad.body);

    for login in ["dh.ubkt", "qt.member"] {
        let mut other = app.signed_in(login).await;
        assert_eq!(other.get("/tasks/new").await.status, StatusCode::FORBIDDEN, "{login}");
        let refused = post_task(&mut other, fields(doc, "x", "QN.DH.QT", "")).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{login}");
    }
    // The document's page links to the form for those who may give tasks.
    let page = c.get(&format!("/documents/{doc}")).await;
    assert!(page.body.contains(&format!("/tasks/new?document={doc}")), "{}", page.body);
    let mut i = app.signed_in("dh.ubkt").await;
    assert!(!i.get(&format!("/documents/{doc}")).await.body.contains("/tasks/new"));
    // So does the tracking dashboard, with the task file.
    let page = c.get("/orgs/QN.DH/tracking").await;
    assert!(page.body.contains("/tasks/new?org=QN.DH") && page.body.contains("/orgs/QN.DH/tracking/tasks-file"));
    assert!(!i.get("/orgs/QN.DH/tracking").await.body.contains("/tasks/new"));
}

/// T-2, T-5, T-6: the district office cascades its task to its commune and
/// adds a target; a deadline after the parent's and a target against its
/// direction are refused in words, the forms keeping what was typed; the
/// inspection commission sees neither form and may not post them.
async fn t2_cascade_and_t5_target_from_the_task_page(db: Db) {
    let app = TestApp::new(&db);
    let doc = seeded(&db, &app).await;
    let top = task(&db, doc, "QN.DH", None).await;
    let mut c = app.signed_in("dh.office").await;
    let page = c.get(&format!("/tasks/{top}")).await;
    assert!(page.body.contains("id=\"cascade-form\""), "{}", page.body);
    assert!(page.body.contains("name=\"org\" value=\"QN.DH.QT\""));
    assert!(page.body.contains("value=\"2030-12-31\""), "the parent's deadline is the default");
    assert!(page.body.contains("id=\"target-new-form\""));

    let late = c
        .post_form(
            &format!("/tasks/{top}/cascade"),
            &[("org", "QN.DH.QT"), ("title", "Bố trí Công an xã Quảng Tân"), ("deadline", "2031-01-15")],
        )
        .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(late.body.contains("muộn hơn thời hạn của nhiệm vụ cấp trên (31/12/2030)"), "{}", late.body);
    assert!(late.body.contains("value=\"QN.DH.QT\" checked"), "the ticked box is kept");
    assert!(late.body.contains("Bố trí Công an xã Quảng Tân</textarea>"), "the title is kept");
    assert!(db.subtasks(top).await.unwrap().is_empty(), "nothing written");
    let sideways = c.post_form(&format!("/tasks/{top}/cascade"), &[("org", "QN.DH.QT"), ("org", "QN.TY.DN")]).await;
    assert_eq!(sideways.status, StatusCode::FORBIDDEN, "another district's commune");
    let none = c.post_form(&format!("/tasks/{top}/cascade"), &[("title", "x")]).await;
    assert!(none.body.contains("Chưa chọn tổ chức nào để giao."), "{}", none.body);
    assert!(db.subtasks(top).await.unwrap().is_empty());

    let done = c
        .post_form(
            &format!("/tasks/{top}/cascade"),
            &[("org", "QN.DH.QT"), ("deadline", "2030-09-30"), ("weight", "1")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let subs = db.subtasks(top).await.unwrap();
    assert_eq!(subs.len(), 1);
    assert_eq!(
        (subs[0].org.as_str(), subs[0].title.as_str(), subs[0].deadline),
        ("QN.DH.QT", "Chỉ đạo bố trí Công an xã", Some(date!(2030 - 09 - 30)))
    );
    assert_eq!(audit_count(&db, "task_cascade").await, 1);
    let page = c.get(&format!("/tasks/{top}")).await;
    assert!(page.body.contains(&format!("/tasks/{}", subs[0].id)), "the sub-task is listed");
    // T-2, issue 13/14: the same form sent again gives the cell no second
    // sub-task; the page says so and keeps what was typed.
    let again = c
        .post_form(
            &format!("/tasks/{top}/cascade"),
            &[("org", "QN.DH.QT"), ("deadline", "2030-09-30"), ("weight", "1")],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", again.body);
    assert!(
        again.body.contains(&format!("Nhiệm vụ đã được giao xuống QN.DH.QT (nhiệm vụ số {})", subs[0].id)),
        "{}",
        again.body
    );
    assert!(again.body.contains("value=\"QN.DH.QT\" checked"), "the ticked box is kept");
    assert_eq!(db.subtasks(top).await.unwrap().len(), 1, "no second sub-task");
    assert_eq!(audit_count(&db, "task_cascade").await, 1);

    // A target: against its direction refused in words, then added.
    let wrong = c
        .post_form(
            &format!("/tasks/{top}/targets"),
            &[
                ("name", "Tỷ lệ xã có Công an chính quy"),
                ("unit", "%"),
                ("baseline", "60"),
                ("target", "50"),
                ("direction", "higher"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("không được thấp hơn giá trị xuất phát (60)"), "{}", wrong.body);
    assert!(wrong.body.contains("value=\"Tỷ lệ xã có Công an chính quy\""), "the name is kept");
    let both = c
        .post_form(
            &format!("/tasks/{top}/targets"),
            &[("name", " "), ("unit", "%"), ("baseline", "sáu mươi"), ("target", "100"), ("direction", "higher")],
        )
        .await;
    assert_eq!(both.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(both.body.contains("Chưa nhập tên chỉ tiêu."), "every problem at once: {}", both.body);
    assert!(both.body.contains("“sáu mươi” không phải là một số."), "{}", both.body);
    assert!(both.body.contains(r#"value="sáu mươi""#), "{}", both.body);
    let added = c
        .post_form(
            &format!("/tasks/{top}/targets"),
            &[
                ("name", "Tỷ lệ xã có Công an chính quy"),
                ("unit", "%"),
                ("baseline", "60"),
                ("target", "100"),
                ("direction", "higher"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let targets = db.targets_of_task(top).await.unwrap();
    assert_eq!(targets.len(), 1);
    assert_eq!(targets[0].series.target().target, 100.0);
    assert_eq!(audit_count(&db, "target_create").await, 1);

    // The inspection commission reads the task, but gives and adds nothing.
    let mut i = app.signed_in("dh.ubkt").await;
    let page = i.get(&format!("/tasks/{top}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("id=\"cascade-form\"") && !page.body.contains("id=\"target-new-form\""));
    let post = i.post_form(&format!("/tasks/{top}/cascade"), &[("org", "QN.DH.QT")]).await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    let post = i
        .post_form(
            &format!("/tasks/{top}/targets"),
            &[("name", "x"), ("baseline", "1"), ("target", "2"), ("direction", "higher")],
        )
        .await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    // The commune office reads its sub-task but not the district's task.
    let mut q = app.signed_in("qt.office").await;
    assert_eq!(q.get(&format!("/tasks/{top}")).await.status, StatusCode::FORBIDDEN);
    let post = q.post_form(&format!("/tasks/{top}/cascade"), &[("org", "QN.DH.QT")]).await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    assert_eq!(db.subtasks(top).await.unwrap().len(), 1);
}

/// The task file's header line and one row, as CSV.
fn csv_line(cells: &[&str]) -> String {
    cells
        .iter()
        .map(|c| if c.contains(',') { format!("\"{c}\"") } else { (*c).to_owned() })
        .collect::<Vec<_>>()
        .join(",")
}

fn header_line() -> String {
    csv_line(&Column::ALL.map(|c| c.header()))
}

/// T-7: the subtree's task file downloads as Excel and CSV (read back, the
/// same rows); an upload is checked first (per-row errors by row and
/// column, nothing written), then previewed with its counts and imported on
/// confirmation, once; other subtrees and roles may not.
async fn t7_the_task_file_downloads_and_imports_with_a_preview(db: Db) {
    let app = TestApp::new(&db);
    let doc = seeded(&db, &app).await;
    task(&db, doc, "QN.DH", Some("NV-01")).await;
    task(&db, doc, "QN.TY", Some("NV-TY")).await;
    let mut c = app.signed_in("dh.office").await;
    let page = c.get("/orgs/QN.DH/tracking/tasks-file").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("tasks-file/download?format=xlsx") && page.body.contains("format=csv"));

    let registry = Registry::default_party();
    for (format, name) in [("xlsx", "tasks.xlsx"), ("csv", "tasks.csv")] {
        let (status, bytes) = c.get_bytes(&format!("/orgs/QN.DH/tracking/tasks-file/download?format={format}")).await;
        assert_eq!(status, StatusCode::OK, "{format}");
        let fmt = daihoi_sheets::Format::from_path(std::path::Path::new(name)).unwrap();
        let wb = daihoi_sheets::read_bytes(name, fmt, &bytes).unwrap();
        let parsed =
            first_task_sheet(wb.sheets.iter().map(|s| (s.name.as_str(), s.rows.as_slice())), &registry).unwrap();
        assert_eq!(parsed.problems, vec![], "{format}");
        let ids: Vec<&str> = parsed.rows.iter().map(|r| r.external_id.as_str()).collect();
        assert_eq!(ids, ["NV-01"], "{format}: the district's tasks only");
        assert_eq!(parsed.rows[0].document.to_string(), "28-NQ/TU");
        assert_eq!(parsed.rows[0].deadline, Some(date!(2030 - 12 - 31)));
    }

    // A file with a row outside the subtree and a bad date: refused by row
    // and column, nothing written.
    let bad = [
        header_line(),
        csv_line(&[
            "NV-02",
            "28-NQ/TU",
            "26/09/2024",
            "Mục III.3",
            "Tuyên truyền",
            "QN.TY",
            "",
            "",
            "30/06/2030",
            "Thường",
        ]),
        csv_line(&[
            "NV-03",
            "28-NQ/TU",
            "26/09/2024",
            "Mục III.3",
            "Tuyên truyền",
            "QN.DH.QT",
            "NV-01",
            "",
            "31/02/2030",
            "Thường",
        ]),
    ]
    .join("\n");
    let preview = c.post_file("/orgs/QN.DH/tracking/tasks-file", "nhiem-vu.csv", bad.as_bytes()).await;
    assert_eq!(preview.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", preview.body);
    assert!(preview.body.contains("<td>3</td><td>I (Hạn hoàn thành)</td>"), "{}", preview.body);
    assert!(preview.body.contains("Không phải ngày (cần dạng ngày/tháng/năm)."), "{}", preview.body);
    let bad = [
        header_line(),
        csv_line(&[
            "NV-02",
            "28-NQ/TU",
            "26/09/2024",
            "Mục III.3",
            "Tuyên truyền",
            "QN.TY",
            "",
            "",
            "30/06/2030",
            "Thường",
        ]),
        csv_line(&[
            "NV-04",
            "28-NQ/TU",
            "26/09/2024",
            "Mục III.3",
            "Nhiệm vụ mật",
            "QN.DH.QT",
            "",
            "",
            "30/06/2030",
            "Mật",
        ]),
    ]
    .join("\n");
    let preview = c.post_file("/orgs/QN.DH/tracking/tasks-file", "nhiem-vu.csv", bad.as_bytes()).await;
    assert_eq!(preview.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", preview.body);
    assert!(
        preview.body.contains("Vượt mức độ mật đồng chí được phép tiếp cận: độ mật của nhiệm vụ (Mật) (T-6)."),
        "T-6 in Vietnamese words: {}",
        preview.body
    );
    assert!(preview.body.contains("<td>2</td><td>F (Đơn vị thực hiện)</td>"), "{}", preview.body);
    assert!(preview.body.contains("QN.TY không thuộc phạm vi đồng chí được ghi."), "{}", preview.body);
    assert!(!preview.body.contains("task-file-confirm"));
    assert!(db.task_by_external_id("NV-02").await.unwrap().is_none());

    // A good file: the stored task unchanged, a new sub-task of it.
    let (_, csv) = c.get_bytes("/orgs/QN.DH/tracking/tasks-file/download?format=csv").await;
    let mut good = String::from_utf8(csv).unwrap().trim_end().to_owned();
    good.push_str("\r\n");
    good.push_str(&csv_line(&[
        "NV-01-QT",
        "28-NQ/TU",
        "26/09/2024",
        "Mục III.2",
        "Bố trí Công an xã Quảng Tân",
        "QN.DH.QT",
        "NV-01",
        "1",
        "30/09/2030",
        "Thường",
    ]));
    let preview = c.post_file("/orgs/QN.DH/tracking/tasks-file", "nhiem-vu.csv", good.as_bytes()).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(preview.body.contains("id=\"task-file-preview\""));
    assert!(preview.body.contains("<th>Nhiệm vụ mới</th><td>1</td>"), "{}", preview.body);
    assert!(preview.body.contains("<th>Nhiệm vụ không thay đổi</th><td>1</td>"), "{}", preview.body);
    assert!(db.task_by_external_id("NV-01-QT").await.unwrap().is_none(), "a preview writes nothing");
    let action = "action=\"/orgs/QN.DH/tracking/tasks-file/";
    let at = preview.body.find(action).unwrap() + action.len();
    let id: String = preview.body[at..].chars().take_while(|c| c.is_ascii_hexdigit()).collect();
    assert_eq!(id.len(), 32, "{}", &preview.body[at..at + 40]);

    // Another user may not confirm it.
    let mut q = app.signed_in("qt.office").await;
    let theirs = q.post_form(&format!("/orgs/QN.DH/tracking/tasks-file/{id}"), &[]).await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN);
    let done = c.post_form(&format!("/orgs/QN.DH/tracking/tasks-file/{id}"), &[]).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("id=\"task-file-done\""));
    let sub = db.task_by_external_id("NV-01-QT").await.unwrap().unwrap();
    let parent = db.task_by_external_id("NV-01").await.unwrap().unwrap();
    assert_eq!((sub.parent_id, sub.org.as_str()), (Some(parent.id), "QN.DH.QT"));
    assert_eq!(audit_count(&db, "import_tasks").await, 1);
    let again = c.post_form(&format!("/orgs/QN.DH/tracking/tasks-file/{id}"), &[]).await;
    assert_eq!(again.status, StatusCode::GONE, "confirmed once");
    assert_eq!(audit_count(&db, "import_tasks").await, 1);

    // Other subtrees and roles that do not write.
    let mut ty = app.signed_in("ty.office").await;
    assert_eq!(ty.get("/orgs/QN.DH/tracking/tasks-file").await.status, StatusCode::FORBIDDEN);
    let (status, _) = ty.get_bytes("/orgs/QN.DH/tracking/tasks-file/download?format=csv").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let mut i = app.signed_in("dh.ubkt").await;
    assert_eq!(i.get("/orgs/QN.DH/tracking/tasks-file").await.status, StatusCode::FORBIDDEN);
    let upload = i.post_file("/orgs/QN.DH/tracking/tasks-file", "nhiem-vu.csv", good.as_bytes()).await;
    assert_eq!(upload.status, StatusCode::FORBIDDEN);
}

/// TEXT-1, issue 14 §5: on the new task, cascade and target forms a text
/// with a control character or too long is named by the field's label with
/// the form's other problems, on the page again (422) with what was typed
/// kept; nothing is written.
async fn a_refused_text_is_named_with_the_others(db: Db) {
    let app = TestApp::new(&db);
    let doc = seeded(&db, &app).await;
    let top = task(&db, doc, "QN.DH", None).await;
    let mut c = app.signed_in("dh.office").await;
    let long_title = "Nhiệm vụ ".repeat(120);
    let long_label = "Mục ".repeat(60);
    let given = audit_count(&db, "task_create").await;
    let cases = [
        ("Bố trí\u{1b}[2J Công an", "Mục III.2", "Nội dung nhiệm vụ: chứa ký tự điều khiển"),
        (long_title.as_str(), "Mục III.2", "Nội dung nhiệm vụ: dài quá 1.000 ký tự"),
        ("Bố trí Công an", "Mục\u{7} III.2", "Điều khoản/Mục: chứa ký tự điều khiển"),
        ("Bố trí Công an", long_label.as_str(), "Điều khoản/Mục: dài quá 200 ký tự"),
    ];
    for (title, clause, problem) in cases {
        let mut f = fields(doc, title, "", "2");
        f[1].1 = clause.to_owned();
        let page = post_task(&mut c, f).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{:.300}", page.body);
        assert!(page.body.contains(problem), "{problem}: {:.3000}", page.body);
        assert!(page.body.contains("Chưa chọn đơn vị thực hiện."), "with the others: {:.3000}", page.body);
        assert!(page.body.contains(&format!(r#"value="{clause}""#)), "the clause kept");
        assert!(page.body.contains(&format!("{title}</textarea>")), "the title kept");
        assert!(page.body.contains(r#"value="2030-06-30""#), "the deadline kept");
    }
    assert_eq!(audit_count(&db, "task_create").await, given, "nothing written");

    // A cascade's title (blank: the task's own).
    let cascade = format!("/tasks/{top}/cascade");
    for (title, problem) in [
        ("Bố trí\u{0} Công an xã", "Nội dung nhiệm vụ: chứa ký tự điều khiển"),
        (long_title.as_str(), "Nội dung nhiệm vụ: dài quá 1.000 ký tự"),
    ] {
        let page = c.post_form(&cascade, &[("org", "QN.DH.QT"), ("title", title), ("deadline", "31/02/2030")]).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{:.300}", page.body);
        assert!(page.body.contains(problem), "{problem}: {:.3000}", page.body);
        assert!(page.body.contains("Ngày “31/02/2030” không hợp lệ"), "with the others: {:.3000}", page.body);
        assert!(page.body.contains("value=\"QN.DH.QT\" checked"), "the ticked box is kept");
        assert!(page.body.contains(&format!("{title}</textarea>")), "the title kept");
    }
    assert!(db.subtasks(top).await.unwrap().is_empty(), "nothing written");

    // A target's name and unit.
    let targets = format!("/tasks/{top}/targets");
    for (name, unit, problem) in [
        ("Tỷ lệ\u{1b} xã", "%", "Tên chỉ tiêu: chứa ký tự điều khiển"),
        (long_title.as_str(), "%", "Tên chỉ tiêu: dài quá 1.000 ký tự"),
        ("Tỷ lệ xã", "phần\u{7}trăm", "Đơn vị tính: chứa ký tự điều khiển"),
        ("Tỷ lệ xã", long_label.as_str(), "Đơn vị tính: dài quá 200 ký tự"),
    ] {
        let fields =
            [("name", name), ("unit", unit), ("baseline", "sáu mươi"), ("target", "100"), ("direction", "higher")];
        let page = c.post_form(&targets, &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{:.300}", page.body);
        assert!(page.body.contains(problem), "{problem}: {:.3000}", page.body);
        assert!(page.body.contains("“sáu mươi” không phải là một số."), "with the others: {:.3000}", page.body);
        assert!(page.body.contains(&format!(r#"value="{name}""#)), "the name kept");
        assert!(page.body.contains(&format!(r#"value="{unit}""#)), "the unit kept");
        assert!(page.body.contains(r#"value="sáu mươi""#), "the baseline kept");
    }
    // Only the texts refused: named alone.
    let fields =
        [("name", "Tỷ lệ\u{1b} xã"), ("unit", "%"), ("baseline", "60"), ("target", "100"), ("direction", "higher")];
    let page = c.post_form(&targets, &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{:.300}", page.body);
    assert!(page.body.contains("Tên chỉ tiêu: chứa ký tự điều khiển"), "{:.3000}", page.body);
    assert!(db.targets_of_task(top).await.unwrap().is_empty(), "nothing written");
}

daihoi_test_support::engines!(
    a_refused_text_is_named_with_the_others,
    t1_an_office_gives_a_task_from_the_form,
    t2_cascade_and_t5_target_from_the_task_page,
    t7_the_task_file_downloads_and_imports_with_a_preview,
);
