//! Implementation tracking in the browser's place: a task's page, the forms
//! that add to its log (T-4) by role (T-6), a target's readings (T-5), and
//! the [open] rules chosen by an administrator. In process, against a real
//! database on each engine.

use crate::support;

use axum::http::StatusCode;
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_store::documents::Classification;
use daihoi_store::tasks::NewTask;
use daihoi_test_support::fixtures::*;
use support::TestApp;
use time::Date;
use time::macros::date;

/// A document, a district task, a commune sub-task with a target and a
/// deadline long past (the API tests' fixture); returns (district task,
/// commune task, target).
async fn seeded(db: &Db) -> (i64, i64, i64) {
    let (_, top, sub, target) = super::api::seeded(db).await;
    (top, sub, target)
}

/// T-4, T-6: the assignee's office reports; its report shows in the log
/// and becomes the task's progress; it may not urge itself or inspect.
async fn the_assignee_reports_and_the_log_shows_it(db: Db) {
    let (_, sub, _) = seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    let page = c.get(&format!("/tasks/{sub}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Bố trí Công an chính quy về xã"));
    assert!(page.body.contains("28-NQ/TU"));
    assert!(page.body.contains("id=\"report-form\""), "the assignee reports");
    assert!(!page.body.contains("id=\"urging-form\""), "no urging of oneself");
    assert!(!page.body.contains("id=\"inspection-form\""), "an office does not inspect");
    // Nobody chose the [open] rules: the page says so, and a deadline long
    // past is overdue under every reading (days from the deadline date).
    assert!(page.body.contains("Chưa có ai chọn quy tắc theo dõi"), "{}", page.body);
    assert!(page.body.contains("Quá hạn"), "{}", page.body);

    let done = c
        .post_form(
            &format!("/tasks/{sub}/events"),
            &[
                ("kind", "report"),
                ("period", "quarterly"),
                ("period_date", "2025-09-15"),
                ("occurred_on", "2025-10-05"),
                ("summary", "Đã bố trí 3/4 thôn"),
                ("progress", "75,5"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = c.get(&format!("/tasks/{sub}")).await;
    assert!(page.body.contains("Quý 3/2025"), "{}", page.body);
    assert!(page.body.contains("Đã bố trí 3/4 thôn"));
    assert!(page.body.contains("75,5%"), "{}", page.body);
    let t = db.task(sub).await.unwrap().unwrap();
    assert_eq!(t.progress.map(|(_, p)| p.percent()), Some(75.5));

    // A bad progress and a report dated before its period are refused in
    // words, and nothing is written.
    let bad = c.post_form(&format!("/tasks/{sub}/events"), &[("kind", "progress"), ("progress", "120")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("không phải là một số từ 0 đến 100"), "{}", bad.body);
    // Issue 14 §5: every problem of the report form at once, what was typed kept.
    let both = c
        .post_form(
            &format!("/tasks/{sub}/events"),
            &[("kind", "report"), ("period", "quarterly"), ("summary", " "), ("progress", "120"), ("by", "x")],
        )
        .await;
    assert_eq!(both.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(both.body.contains("không phải là một số từ 0 đến 100"), "{}", both.body);
    assert!(both.body.contains("Cần nhập nội dung báo cáo."), "{}", both.body);
    assert!(both.body.contains(r#"value="120""#), "{}", both.body);
    let before = c
        .post_form(
            &format!("/tasks/{sub}/events"),
            &[
                ("kind", "report"),
                ("period", "annual"),
                ("period_date", "2026-03-01"),
                ("occurred_on", "2025-12-01"),
                ("summary", "x"),
            ],
        )
        .await;
    assert_eq!(before.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(before.body.contains("trước khi kỳ báo cáo bắt đầu"), "{}", before.body);
    // The report and the move to "in progress" it made (the task was
    // still "assigned"); nothing of the refused one.
    assert_eq!(db.task_events(sub).await.unwrap().len(), 2);

    let urging = c.post_form(&format!("/tasks/{sub}/events"), &[("kind", "urging"), ("by", "x")]).await;
    assert_eq!(urging.status, StatusCode::FORBIDDEN);
    let inspect =
        c.post_form(&format!("/tasks/{sub}/events"), &[("kind", "inspection"), ("by", "x"), ("findings", "y")]).await;
    assert_eq!(inspect.status, StatusCode::FORBIDDEN);
    assert_eq!(db.task_events(sub).await.unwrap().len(), 2);
}

/// T-4, T-6: the office above urges (and may extend the deadline); the
/// inspection commission records an inspection with findings and
/// recommendations; another commune sees nothing.
async fn urging_from_above_and_inspection(db: Db) {
    let (top, sub, _) = seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("dh.office", Role::Office, "QN.DH").await;
    app.user("dh.ubkt", Role::Inspection, "QN.DH").await;
    app.user("dn.office", Role::Office, "QN.TY.DN").await;
    let mut d = app.signed_in("dh.office").await;
    let page = d.get(&format!("/tasks/{top}")).await;
    assert!(page.body.contains(&format!("/tasks/{sub}")), "the sub-task is listed");
    let page = d.get(&format!("/tasks/{sub}")).await;
    assert!(page.body.contains("id=\"urging-form\""));
    let done = d
        .post_form(
            &format!("/tasks/{sub}/events"),
            &[("kind", "urging"), ("by", "Văn phòng Đảng ủy"), ("note", "Khẩn trương"), ("new_deadline", "30/11/2025")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(db.task(sub).await.unwrap().unwrap().deadline, Some(date!(2025 - 11 - 30)));

    let mut i = app.signed_in("dh.ubkt").await;
    let done = i
        .post_form(
            &format!("/tasks/{sub}/events"),
            &[
                ("kind", "supervision"),
                ("by", "Ủy ban Kiểm tra Đảng ủy"),
                ("findings", "Chậm bố trí nơi làm việc\n\nThiếu trang thiết bị"),
                ("recommendations", "Bố trí trước 31/12"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = i.get(&format!("/tasks/{sub}")).await;
    assert!(page.body.contains("Giám sát") && page.body.contains("Thiếu trang thiết bị"), "{}", page.body);
    assert!(page.body.contains("gia hạn đến 30/11/2025"), "{}", page.body);

    let mut other = app.signed_in("dn.office").await;
    let (status, body) = other.gs(&format!("/tasks/{sub}")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!body.contains("Bố trí Công an chính quy"));
    let post = other.post_form(&format!("/tasks/{sub}/events"), &[("kind", "progress"), ("progress", "10")]).await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    assert_eq!(db.task_events(sub).await.unwrap().len(), 2);
}

/// T-5: a reading goes forward in time; one back in time is refused in words.
async fn target_readings_from_the_page(db: Db) {
    let (_, sub, target) = seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    let uri = format!("/tasks/{sub}/targets/{target}/readings");
    let ok = c.post_form(&uri, &[("on", "2025-06-30"), ("value", "80"), ("note", "6 tháng")]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let back = c.post_form(&uri, &[("on", "2025-03-31"), ("value", "70")]).await;
    assert_eq!(back.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(back.body.contains("30/06/2025"), "{}", back.body);
    // Issue 14 §5: the form keeps what was typed and names every problem.
    let nan = c.post_form(&uri, &[("on", "31/07/2025"), ("value", "tám mươi"), ("note", "quý III")]).await;
    assert_eq!(nan.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(nan.body.contains("“tám mươi” không phải là một số."), "{}", nan.body);
    assert!(nan.body.contains(r#"value="tám mươi""#) && nan.body.contains(r#"value="quý III""#), "{}", nan.body);
    assert!(nan.body.contains(r#"name="on" value="2025-07-31""#), "{}", nan.body);
    let both = c.post_form(&uri, &[("on", "2099-01-01"), ("value", "")]).await;
    assert_eq!(both.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(both.body.contains("ngày xảy ra sau ngày ghi sổ") && both.body.contains("“” không phải là một số."));
    let page = c.get(&format!("/tasks/{sub}")).await;
    assert!(page.body.contains("Tỷ lệ thôn có Công an viên"));
    assert!(page.body.contains("50%"), "80 from 60 to 100 is 50%: {}", page.body);
}

/// The [open] rules: an office sees that nobody chose and cannot choose; an
/// administrator must fill in every point; then the pages use the choice.
async fn an_administrator_chooses_the_rules(db: Db) {
    let (_, sub, _) = seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    app.user("qn.admin", Role::Admin, "QN").await;
    let mut o = app.signed_in("qt.office").await;
    let page = o.get("/orgs/QN.DH.QT/tracking/settings").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("id=\"settings-form\""));
    let refused = o
        .post_form(
            "/orgs/QN.DH.QT/tracking/settings",
            &[("deadline_day", "by"), ("due_soon_days", "7"), ("unreported", "zero")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let mut a = app.signed_in("qn.admin").await;
    let incomplete = a.post_form("/orgs/QN/tracking/settings", &[("deadline_day", "by"), ("due_soon_days", "7")]).await;
    assert_eq!(incomplete.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(incomplete.body.contains("không tự điền thay"), "{}", incomplete.body);
    // Issue 14 §5: what was chosen is kept, what was not is named.
    assert!(incomplete.body.contains(r#"value="by" checked"#), "{}", incomplete.body);
    assert!(incomplete.body.contains(r#"name="due_soon_days" min="0" max="366" value="7""#), "{}", incomplete.body);
    assert!(incomplete.body.contains("Chưa chọn: "), "{}", incomplete.body);
    let window = a.post_form("/orgs/QN/tracking/settings", &[("unreported", "skip"), ("due_soon_days", "400")]).await;
    assert_eq!(window.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(window.body.contains("Số ngày “400” không hợp lệ"), "{}", window.body);
    assert!(window.body.contains(r#"value="skip" checked"#), "{}", window.body);
    let saved = a
        .post_form(
            "/orgs/QN/tracking/settings",
            &[("deadline_day", "before"), ("due_soon_days", "10"), ("unreported", "skip")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = o.get("/orgs/QN.DH.QT/tracking/settings").await;
    assert!(page.body.contains("Theo lựa chọn của Đảng bộ tỉnh Quảng Ninh"), "{}", page.body);
    let page = o.get(&format!("/tasks/{sub}")).await;
    assert!(!page.body.contains("Chưa có ai chọn quy tắc theo dõi"));
    assert!(page.body.contains("Quá hạn"));

    // A commune chooses its own: its pages use them, and the province's
    // dashboard, which reads every task by the province's, says so.
    let province = a.get("/orgs/QN/tracking").await;
    assert!(!province.body.contains("id=\"own-rules-below\""), "no choice below yet");
    app.user("qt.admin", Role::Admin, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.admin").await;
    let saved = c
        .post_form(
            "/orgs/QN.DH.QT/tracking/settings",
            &[("deadline_day", "by"), ("due_soon_days", "3"), ("unreported", "zero")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = o.get("/orgs/QN.DH.QT/tracking/settings").await;
    assert!(!page.body.contains("Theo lựa chọn của Đảng bộ tỉnh Quảng Ninh"), "its own choice now");
    let province = a.get("/orgs/QN/tracking").await;
    assert!(province.body.contains("id=\"own-rules-below\""), "{}", province.body);
    assert!(
        province.body.contains("Đảng bộ xã Quảng Tân (QN.DH.QT) đã chọn quy tắc theo dõi riêng"),
        "{}",
        province.body
    );
    let commune = c.get("/orgs/QN.DH.QT/tracking").await;
    assert!(!commune.body.contains("id=\"own-rules-below\""), "{}", commune.body);
}

/// The dashboard of a subtree (T-3): the overdue list holds under every
/// reading; due soon and the charts wait for the [open] rules; then SVG
/// charts inline (no style attribute, for the CSP).
async fn the_dashboard_and_its_charts(db: Db) {
    let (_, sub, _) = seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("dh.office", Role::Office, "QN.DH").await;
    app.user("qn.admin", Role::Admin, "QN").await;
    let mut d = app.signed_in("dh.office").await;
    let page = d.get("/orgs/QN.DH/tracking").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains(&format!("/tasks/{sub}")), "the overdue sub-task is listed: {}", page.body);
    assert!(page.body.contains("Chưa chọn số ngày"), "no due-soon window yet");
    assert!(
        page.body.contains("Cần chọn quy tắc theo dõi để tính biểu đồ này"),
        "no chart before the rules are chosen"
    );
    assert!(page.body.contains("Tỷ lệ thôn có Công an viên"), "the target's chart needs no rule");
    let mut a = app.signed_in("qn.admin").await;
    a.post_form(
        "/orgs/QN/tracking/settings",
        &[("deadline_day", "by"), ("due_soon_days", "7"), ("unreported", "zero")],
    )
    .await;
    let page = d.get("/orgs/QN.DH/tracking").await;
    assert!(!page.body.contains("Cần chọn quy tắc theo dõi để tính biểu đồ này"), "{}", page.body);
    assert_eq!(page.body.matches("<svg").count(), 3, "counts, roll-up, target: {}", page.body);
    assert!(page.body.contains("Đảng bộ xã Quảng Tân"), "a row of the counts chart");
    let svg = &page.body[page.body.find("<svg").unwrap()..];
    assert!(!svg.contains(" style=") && !svg.contains("<style"), "no inline style under the CSP");
    let other = d.get("/orgs/QN.TY/tracking").await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
}

/// The periodic report as Excel and PDF: the task's row, its latest report.
async fn the_periodic_report_downloads(db: Db) {
    let (_, sub, _) = seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    app.user("dh.office", Role::Office, "QN.DH").await;
    let mut c = app.signed_in("qt.office").await;
    c.post_form(
        &format!("/tasks/{sub}/events"),
        &[
            ("kind", "report"),
            ("period", "quarterly"),
            ("period_date", "2025-09-15"),
            ("occurred_on", "2025-10-05"),
            ("summary", "Đã bố trí 3/4 thôn"),
            ("progress", "75"),
        ],
    )
    .await;
    let mut d = app.signed_in("dh.office").await;
    let xlsx = d.get_bytes("/orgs/QN.DH/tracking/report?format=xlsx&period=annual&date=2025-12-01").await;
    assert_eq!(xlsx.0, StatusCode::OK);
    let book = daihoi_sheets::read_bytes("r.xlsx", daihoi_sheets::Format::Xlsx, &xlsx.1).unwrap();
    let cells: Vec<String> = book.sheets[0].rows.iter().flatten().cloned().collect();
    assert!(cells.iter().any(|c| c == "Bố trí Công an chính quy về xã"), "{cells:?}");
    assert!(cells.iter().any(|c| c == "Đã bố trí 3/4 thôn"), "the latest report: {cells:?}");
    assert!(cells.iter().any(|c| c == "28-NQ/TU"), "{cells:?}");
    let pdf = d.get_bytes("/orgs/QN.DH/tracking/report?format=pdf&period=quarterly&date=2025-09-01").await;
    assert_eq!(pdf.0, StatusCode::OK);
    assert!(pdf.1.starts_with(b"%PDF"));
    // Issue 14 §5: a period not begun is the dashboard again, said in
    // words, the form as filled in.
    let future = d.get("/orgs/QN.DH/tracking/report?format=pdf&period=annual&date=2099-01-01").await;
    assert_eq!(future.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(future.body.contains("Kỳ báo cáo này chưa bắt đầu."), "{}", future.body);
    assert!(future.body.contains(r#"name="date" max=""#) && future.body.contains(r#"value="2099-01-01""#));
    assert!(future.body.contains(r#"<option value="annual" selected>"#), "{}", future.body);
    let (status, _) = c.gs("/orgs/QN.DH/tracking/report?format=xlsx").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a commune office does not read the district's report");
}

/// The cells of a report workbook's first sheet (its tasks), row by row.
fn task_rows(xlsx: &[u8]) -> Vec<Vec<String>> {
    let book = daihoi_sheets::read_bytes("r.xlsx", daihoi_sheets::Format::Xlsx, xlsx).unwrap();
    book.sheets[0].rows.clone()
}

fn has_row(rows: &[Vec<String>], title: &str, status: &str) -> bool {
    rows.iter().any(|r| r.iter().any(|c| c == title) && r.iter().any(|c| c == status))
}

/// T-3, T-4: the second quarter's report of 2025, asked for later, shows
/// the tasks as they stood on 30 June: the district's task cancelled in
/// August is still being carried out, the commune's task finished in July
/// was not done within its deadline (30 June), a task given in July is
/// not there. The third quarter's report sees them all as they are.
async fn a_past_periods_report_shows_it_as_it_stood(db: Db) {
    use daihoi_tracking::{Event, EventKind, Workflow};
    let (top, sub, _) = seeded(&db).await;
    let at = |d: Date, kind| Event { occurred_on: d, recorded_on: d, kind };
    let mv = |from, to| EventKind::StatusChange { from, to };
    db.record_event(top, &at(date!(2025 - 08 - 01), mv(Workflow::Assigned, Workflow::Cancelled))).await.unwrap();
    db.record_event(sub, &at(date!(2025 - 07 - 10), mv(Workflow::Assigned, Workflow::Done))).await.unwrap();
    let doc = db.task(top).await.unwrap().unwrap().document_id;
    db.create_task(&NewTask {
        document_id: doc,
        clause: "Mục III.3",
        title: "Nhiệm vụ giao sau kỳ",
        org: &code("QN.DH.QT"),
        parent: None,
        weight: None,
        deadline: Some(date!(2025 - 12 - 31)),
        external_id: None,
        classification: Classification::Normal,
        assigned_on: date!(2025 - 07 - 15),
    })
    .await
    .unwrap();
    let app = TestApp::new(&db);
    app.user("dh.office", Role::Office, "QN.DH").await;
    let mut d = app.signed_in("dh.office").await;

    let (status, q2) = d.get_bytes("/orgs/QN.DH/tracking/report?format=xlsx&period=quarterly&date=2025-05-01").await;
    assert_eq!(status, StatusCode::OK);
    let rows = task_rows(&q2);
    assert_eq!(rows.len(), 3, "the header and the two tasks given by 30 June: {rows:?}");
    assert!(!rows.iter().flatten().any(|c| c == "Nhiệm vụ giao sau kỳ"), "T-4: given after the period");
    assert!(has_row(&rows, "Chỉ đạo bố trí Công an xã", "Đang thực hiện trong hạn"), "cancelled after: {rows:?}");
    assert!(!rows.iter().flatten().any(|c| c == "Đã hủy"), "{rows:?}");
    assert!(has_row(&rows, "Bố trí Công an chính quy về xã", "Chưa hoàn thành trong thời hạn"), "T-3: {rows:?}");

    let (_, q3) = d.get_bytes("/orgs/QN.DH/tracking/report?format=xlsx&period=quarterly&date=2025-08-01").await;
    let rows = task_rows(&q3);
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(has_row(&rows, "Chỉ đạo bố trí Công an xã", "Đã hủy"), "{rows:?}");
    assert!(has_row(&rows, "Bố trí Công an chính quy về xã", "Hoàn thành quá hạn 10 ngày"), "{rows:?}");
    assert!(rows.iter().flatten().any(|c| c == "Nhiệm vụ giao sau kỳ"));
}

/// T-2 (issue 14 §2): an urging that moves a deadline keeps a sub-task's
/// deadline at most its parent's: before an open sub-task's deadline it is
/// refused, the page lists that sub-task and keeps what was typed, and
/// with "move the sub-tasks too" both move in one change (an urging in the
/// sub-task's log, an audit entry each); after the parent's it is refused.
/// The API refuses and moves the same way.
async fn an_urging_keeps_subtasks_within_the_deadline(db: Db) {
    let (top, sub, _) = seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qn.office", Role::Office, "QN").await;
    app.user("dh.office", Role::Office, "QN.DH").await;
    let mut q = app.signed_in("qn.office").await;
    let urging = |day: &'static str, move_too: bool| {
        let mut f = vec![("kind", "urging"), ("by", "Văn phòng Tỉnh ủy"), ("note", "Đẩy nhanh"), ("new_deadline", day)];
        if move_too {
            f.push(("move_subtasks", "on"));
        }
        f
    };
    let refused = q.post_form(&format!("/tasks/{top}/events"), &urging("31/05/2025", false)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("1 nhiệm vụ cấp dưới đang thực hiện có hạn sau ngày đó"), "{}", refused.body);
    assert!(refused.body.contains("id=\"late-subtasks\""), "the sub-task is listed");
    assert!(refused.body.contains("Bố trí Công an chính quy về xã") && refused.body.contains("30/06/2025"));
    assert!(refused.body.contains("value=\"Văn phòng Tỉnh ủy\"") && refused.body.contains(">Đẩy nhanh</textarea>"));
    assert_eq!(db.task(top).await.unwrap().unwrap().deadline, Some(date!(2025 - 12 - 31)), "nothing written");

    let moved = q.post_form(&format!("/tasks/{top}/events"), &urging("31/05/2025", true)).await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    assert_eq!(db.task(top).await.unwrap().unwrap().deadline, Some(date!(2025 - 05 - 31)));
    assert_eq!(db.task(sub).await.unwrap().unwrap().deadline, Some(date!(2025 - 05 - 31)), "moved with it");
    let log = db.task_events(sub).await.unwrap();
    assert!(
        log.iter()
            .any(|e| matches!(&e.event.kind, daihoi_tracking::EventKind::Urging { new_deadline: Some(d), note, .. }
            if *d == date!(2025 - 05 - 31) && note.contains(&format!("nhiệm vụ số {top}")))),
        "{log:?}"
    );

    // A deadline before 1900 (a slip of the year): refused, as the API does.
    let slip = q.post_form(&format!("/tasks/{top}/events"), &urging("31/05/1825", false)).await;
    assert_eq!(slip.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(slip.body.contains("trước năm 1900"), "{}", slip.body);

    // A sub-task's deadline after its parent's: refused.
    let mut d = app.signed_in("dh.office").await;
    let after = d.post_form(&format!("/tasks/{sub}/events"), &urging("30/06/2025", false)).await;
    assert_eq!(after.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(after.body.contains("nhiệm vụ cấp trên có hạn 31/05/2025"), "{}", after.body);

    // The API: refused without move_subtasks, moved with it.
    let (_, token) = app.token("qn.office").await;
    let body = |move_too: bool| serde_json::json!({"kind": "urging", "by": "Văn phòng Tỉnh ủy", "new_deadline": "2025-04-30", "move_subtasks": move_too});
    let uri = format!("/api/v1/tasks/{top}/events");
    let no = app.anonymous().api(axum::http::Method::POST, &uri, &token, Some(&body(false))).await;
    assert_eq!(no.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", no.body);
    assert_eq!(db.task(sub).await.unwrap().unwrap().deadline, Some(date!(2025 - 05 - 31)));
    let yes = app.anonymous().api(axum::http::Method::POST, &uri, &token, Some(&body(true))).await;
    assert_eq!(yes.status, StatusCode::CREATED, "{}", yes.body);
    assert_eq!(db.task(sub).await.unwrap().unwrap().deadline, Some(date!(2025 - 04 - 30)));
}

/// Issue 14 §3: a task given to a commune is in its office's inbox on the
/// home page, counted as not received, until the office receives it (who
/// and when, audited, on the task's page); a report with a progress starts
/// a task still "assigned" (a status change in its log). The API receives
/// the same way.
async fn the_commune_receives_its_task_from_the_inbox(db: Db) {
    let (top, sub, _) = seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    let home = c.get("/").await;
    assert!(home.body.contains("1 nhiệm vụ được giao") && home.body.contains("1 chưa tiếp nhận"), "{}", home.body);
    assert!(home.body.contains(&format!("/tasks/{sub}/receipt?back=home")), "a receipt button in the inbox");
    assert!(!home.body.contains(&format!("href=\"/tasks/{top}\"")), "the district's own task is not the commune's");

    let done = c.post_form(&format!("/tasks/{sub}/receipt?back=home"), &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let t = db.task(sub).await.unwrap().unwrap();
    let (at, by) = t.received.clone().expect("received");
    assert_eq!(by, "qt.office");
    assert!(at.contains('T'), "an instant: {at}");
    let home = c.get("/").await;
    assert!(!home.body.contains("chưa tiếp nhận"), "{}", home.body);
    assert!(home.body.contains("· qt.office"), "who received it, with when");
    let page = c.get(&format!("/tasks/{sub}")).await;
    assert!(page.body.contains("· qt.office") && !page.body.contains(&at), "the moment in words, not raw");
    let audit = super::api::audit(&db, "task_receipt").await;
    assert!(audit.iter().any(|e| e.subject == format!("task {sub}")), "audited");

    // A progress report starts it.
    let reported = c.post_form(&format!("/tasks/{sub}/events"), &[("kind", "progress"), ("progress", "30")]).await;
    assert_eq!(reported.status, StatusCode::SEE_OTHER, "{}", reported.body);
    assert_eq!(db.task(sub).await.unwrap().unwrap().workflow, daihoi_tracking::Workflow::InProgress);

    // The API: the district's task, received by the district's office.
    app.user("dh.office", Role::Office, "QN.DH").await;
    let (_, token) = app.token("dh.office").await;
    let uri = format!("/api/v1/tasks/{top}/receipt");
    let first = app.anonymous().api(axum::http::Method::POST, &uri, &token, None).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(
        (first.json()["recorded"].as_bool(), first.json()["received_by"].as_str()),
        (Some(true), Some("dh.office"))
    );
    let again = app.anonymous().api(axum::http::Method::POST, &uri, &token, None).await;
    assert_eq!(again.json()["recorded"].as_bool(), Some(false), "the first receipt stays");
    // The commune's office may not receive the district's task.
    let (_, qt) = app.token("qt.office").await;
    let no = app.anonymous().api(axum::http::Method::POST, &uri, &qt, None).await;
    assert_eq!(no.status, StatusCode::FORBIDDEN);
}

/// T-4 (issue 14 §1): a period's report holds the tasks open during the
/// period or finished (or withdrawn) in it: a task finished in 2024 is not
/// in the fourth quarter of 2025, a task withdrawn in February 2025 is in
/// the first quarter of 2025 and not after.
async fn a_periods_report_holds_what_was_open_in_it(db: Db) {
    use daihoi_tracking::{Event, EventKind, Workflow};
    let (top, sub, _) = seeded(&db).await;
    let at = |d: Date, kind| Event { occurred_on: d, recorded_on: d, kind };
    let mv = |from, to| EventKind::StatusChange { from, to };
    db.record_event(sub, &at(date!(2024 - 12 - 20), mv(Workflow::Assigned, Workflow::Done))).await.unwrap();
    db.record_event(top, &at(date!(2025 - 02 - 01), mv(Workflow::Assigned, Workflow::Cancelled))).await.unwrap();
    let app = TestApp::new(&db);
    app.user("dh.office", Role::Office, "QN.DH").await;
    let mut d = app.signed_in("dh.office").await;
    let titles = |rows: Vec<Vec<String>>| rows.into_iter().skip(1).map(|r| r[2].clone()).collect::<Vec<_>>();
    let report = async |d: &mut support::Client, day: &str| {
        let (status, xlsx) =
            d.get_bytes(&format!("/orgs/QN.DH/tracking/report?format=xlsx&period=quarterly&date={day}")).await;
        assert_eq!(status, StatusCode::OK);
        titles(task_rows(&xlsx))
    };
    let q4_2024 = report(&mut d, "2024-11-01").await;
    assert!(q4_2024.contains(&"Bố trí Công an chính quy về xã".to_owned()), "finished in it: {q4_2024:?}");
    assert!(q4_2024.contains(&"Chỉ đạo bố trí Công an xã".to_owned()), "open in it: {q4_2024:?}");
    let q1_2025 = report(&mut d, "2025-02-15").await;
    assert_eq!(q1_2025, vec!["Chỉ đạo bố trí Công an xã".to_owned()], "withdrawn in it; the other finished before");
    let q4_2025 = report(&mut d, "2025-11-01").await;
    assert!(q4_2025.is_empty(), "finished and withdrawn before the period: {q4_2025:?}");
}

/// T-4: without a day, a report is of the latest period of its kind that
/// has begun (a 9-month report asked for in November: January–September),
/// and the dashboard's form says which period each kind gives.
async fn the_report_defaults_to_the_latest_period_begun(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("dh.office", Role::Office, "QN.DH").await;
    let mut d = app.signed_in("dh.office").await;
    let disposition = |p: &support::Page| {
        p.headers.get(axum::http::header::CONTENT_DISPOSITION).unwrap().to_str().unwrap().to_owned()
    };
    let nov = d.get("/orgs/QN.DH/tracking/report?format=xlsx&period=nine_months&date=2026-11-28").await;
    assert_eq!(nov.status, StatusCode::OK);
    assert!(disposition(&nov).contains("bao-cao-QN.DH-9-thang-2026-09-30.xlsx"), "{}", disposition(&nov));
    let half = d.get("/orgs/QN.DH/tracking/report?format=xlsx&period=half_year&date=2026-11-28").await;
    assert!(disposition(&half).contains("6-thang-2026-06-30"), "{}", disposition(&half));

    // No day: today's latest 9 months, always ending on 30 September of
    // this year (today is the clock's).
    let year = time::OffsetDateTime::now_utc().year();
    let page = d.get("/orgs/QN.DH/tracking/report?format=xlsx&period=nine_months").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(disposition(&page).contains(&format!("9-thang-{year}-09-30")), "{}", disposition(&page));
    let empty = d.get("/orgs/QN.DH/tracking/report?format=xlsx&period=nine_months&date=").await;
    assert_eq!(disposition(&empty), disposition(&page), "an empty day is no day");

    let dash = d.get("/orgs/QN.DH/tracking").await;
    assert!(dash.body.contains(&format!("Báo cáo 9 tháng (9 tháng năm {year})")), "{}", dash.body);
    assert!(dash.body.contains(&format!("Báo cáo năm (Năm {year})")), "{}", dash.body);
}

/// The text of a PDF (None, and the test skips the check, without poppler).
pub(super) fn pdf_text(bytes: &[u8]) -> Option<String> {
    pdf_text_with(bytes, &[])
}

/// The text of a PDF as `pdftotext` gives it with `args` (`-layout`: a
/// label and its value on one line).
pub(super) fn pdf_text_with(bytes: &[u8], args: &[&str]) -> Option<String> {
    use std::process::Command;
    if Command::new("pdftotext").arg("-v").output().is_err() {
        assert!(std::env::var("DAIHOI_TEST_REQUIRE_TOOLS").as_deref() != Ok("1"), "pdftotext not installed");
        println!("skipped: pdftotext not installed");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdftotext").args(args).arg(&path).arg("-").output().unwrap();
    assert!(out.status.success());
    Some(String::from_utf8(out.stdout).unwrap())
}

/// A report of more tasks than the PDF prints: the PDF has the counts by
/// organization, the tasks past their deadline first, then the district's
/// own, and says how many more are in the Excel file, which has them all.
async fn a_large_report_prints_a_bounded_pdf(db: Db) {
    let (top, _, _) = seeded(&db).await;
    let doc = db.task(top).await.unwrap().unwrap().document_id;
    for i in 0..120 {
        let (org, deadline) =
            if i < 20 { ("QN.DH.QT", date!(2025 - 03 - 31)) } else { ("QN.DH", date!(2099 - 12 - 31)) };
        let title = format!("Nhiệm vụ thứ {}.", i + 1);
        db.create_task(&NewTask {
            document_id: doc,
            clause: "",
            title: &title,
            org: &code(org),
            parent: None,
            weight: None,
            deadline: Some(deadline),
            external_id: None,
            classification: Classification::Normal,
            assigned_on: date!(2025 - 01 - 02),
        })
        .await
        .unwrap();
    }
    let app = TestApp::new(&db);
    app.user("dh.office", Role::Office, "QN.DH").await;
    let mut d = app.signed_in("dh.office").await;
    let (status, xlsx) = d.get_bytes("/orgs/QN.DH/tracking/report?format=xlsx&period=annual&date=2025-06-01").await;
    assert_eq!(status, StatusCode::OK);
    let rows = task_rows(&xlsx);
    assert_eq!(rows.len(), 123, "the header and every task");
    let (status, pdf) = d.get_bytes("/orgs/QN.DH/tracking/report?format=pdf&period=annual&date=2025-06-01").await;
    assert_eq!(status, StatusCode::OK);
    let Some(text) = pdf_text(&pdf) else { return };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // 122 tasks, 100 printed: the 22 unfinished at their deadline (the
    // commune's 20 and the two seeded ones), then the district's own.
    assert!(text.contains("Còn 22 nhiệm vụ khác, xem trong tệp Excel của báo cáo này."), "{text}");
    let printed = (1..=120).filter(|i| text.contains(&format!("Nhiệm vụ thứ {i}."))).count();
    assert_eq!(printed, 98, "{text}");
    for want in [
        "Tổng hợp theo đơn vị",
        "Đảng bộ huyện Đầm Hà (nhiệm vụ do cấp mình thực hiện)",
        "Đảng bộ xã Quảng Tân",
        "Tổng cộng",
    ] {
        assert!(text.contains(want), "missing {want:?}: {text}");
    }
}

/// TEXT-1, issue 14 §5: on the log's forms (report, urging, inspection)
/// and a target's reading, a text with a control character or too long is
/// named by the field's label with the form's other problems, on the page
/// again (422) with what was typed kept; nothing is written.
async fn a_refused_text_is_named_with_the_others(db: Db) {
    let (_, sub, target) = seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    app.user("dh.office", Role::Office, "QN.DH").await;
    app.user("dh.ubkt", Role::Inspection, "QN.DH").await;
    let events = format!("/tasks/{sub}/events");
    let long_note = "Nội dung ".repeat(1_200);
    let long_label = "Văn phòng ".repeat(25);
    let log_size = db.task_events(sub).await.unwrap().len();

    let mut q = app.signed_in("qt.office").await;
    for (summary, problem) in [
        ("Đã bố trí\u{1b}[2J 3/4 thôn", "Nội dung báo cáo: chứa ký tự điều khiển"),
        (long_note.as_str(), "Nội dung báo cáo: dài quá 10.000 ký tự"),
    ] {
        let fields = [("kind", "report"), ("period", ""), ("summary", summary), ("progress", "75")];
        let page = q.post_form(&events, &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{:.300}", page.body);
        assert!(page.body.contains(problem), "{problem}: {:.3000}", page.body);
        assert!(page.body.contains("Cần chọn kỳ báo cáo."), "with the others: {:.3000}", page.body);
        assert!(page.body.contains(&format!("{summary}</textarea>")), "the summary kept");
        assert!(page.body.contains(r#"value="75""#), "the progress kept");
    }

    let mut d = app.signed_in("dh.office").await;
    for (by, note, problem) in [
        ("Văn phòng\u{7} Đảng ủy", "Khẩn trương", "Cơ quan, người thực hiện: chứa ký tự điều khiển"),
        (long_label.as_str(), "Khẩn trương", "Cơ quan, người thực hiện: dài quá 200 ký tự"),
        ("Văn phòng Đảng ủy", "Khẩn\u{0}trương", "Nội dung: chứa ký tự điều khiển"),
        ("Văn phòng Đảng ủy", long_note.as_str(), "Nội dung: dài quá 10.000 ký tự"),
    ] {
        let fields = [("kind", "urging"), ("by", by), ("note", note), ("new_deadline", "31/02/2030")];
        let page = d.post_form(&events, &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{:.300}", page.body);
        assert!(page.body.contains(problem), "{problem}: {:.3000}", page.body);
        assert!(page.body.contains("Ngày “31/02/2030” không hợp lệ"), "with the others: {:.3000}", page.body);
        assert!(page.body.contains(&format!(r#"value="{by}""#)), "who urged kept");
        assert!(page.body.contains(&format!("{note}</textarea>")), "the note kept");
    }

    let mut i = app.signed_in("dh.ubkt").await;
    for (by, findings, recommendations, problem) in [
        ("Ủy ban\u{1b} Kiểm tra", "Chậm bố trí", "", "Cơ quan, người thực hiện: chứa ký tự điều khiển"),
        (
            "",
            "Chậm bố trí\nThiếu\u{7} trang thiết bị",
            "",
            "Kết luận, phát hiện (mỗi dòng một ý): chứa ký tự điều khiển",
        ),
        ("", "Chậm bố trí", long_note.as_str(), "Kiến nghị (mỗi dòng một ý): dài quá 10.000 ký tự"),
    ] {
        let fields = [("kind", "inspection"), ("by", by), ("findings", findings), ("recommendations", recommendations)];
        let page = i.post_form(&events, &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{:.300}", page.body);
        assert!(page.body.contains(problem), "{problem}: {:.3000}", page.body);
        if by.is_empty() {
            assert!(
                page.body.contains("Cần ghi cơ quan hoặc người thực hiện."),
                "with the others: {:.3000}",
                page.body
            );
        }
        assert!(page.body.contains(&format!("{findings}</textarea>")), "the findings kept");
        assert!(page.body.contains(&format!("{recommendations}</textarea>")), "the recommendations kept");
    }
    assert_eq!(db.task_events(sub).await.unwrap().len(), log_size, "nothing written");

    // A target's reading: its note.
    let uri = format!("/tasks/{sub}/targets/{target}/readings");
    for (note, problem) in
        [("6\u{1b} tháng", "Ghi chú: chứa ký tự điều khiển"), (long_note.as_str(), "Ghi chú: dài quá 10.000 ký tự")]
    {
        let page = q.post_form(&uri, &[("on", "2025-06-30"), ("value", "tám mươi"), ("note", note)]).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{:.300}", page.body);
        assert!(page.body.contains(problem), "{problem}: {:.3000}", page.body);
        assert!(page.body.contains("“tám mươi” không phải là một số."), "with the others: {:.3000}", page.body);
        assert!(page.body.contains(&format!(r#"value="{note}""#)), "the note kept");
        assert!(page.body.contains(r#"name="on" value="2025-06-30""#), "the date kept");
    }
    let ok = q.post_form(&uri, &[("on", "2025-06-30"), ("value", "80")]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "the reading refused was not written: {}", ok.body);
}

daihoi_test_support::engines!(
    a_refused_text_is_named_with_the_others,
    a_past_periods_report_shows_it_as_it_stood,
    a_periods_report_holds_what_was_open_in_it,
    an_urging_keeps_subtasks_within_the_deadline,
    the_commune_receives_its_task_from_the_inbox,
    the_report_defaults_to_the_latest_period_begun,
    a_large_report_prints_a_bounded_pdf,
    the_dashboard_and_its_charts,
    the_periodic_report_downloads,
    the_assignee_reports_and_the_log_shows_it,
    urging_from_above_and_inspection,
    target_readings_from_the_page,
    an_administrator_chooses_the_rules,
);
