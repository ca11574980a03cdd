//! Real-browser tests: headless Chromium, driven through chromedriver, clicks
//! through the demo app (300 members, Quảng Ninh) like a user. The harness is
//! in `browser/harness.rs`; these tests skip with a note when Chromium is not
//! installed (and fail instead when `DAIHOI_TEST_REQUIRE_BROWSER` is set).
//! Every page needs a signed-in user: each test signs in first.

mod drafts;
mod election;
mod entry;
mod harness;
mod petitions;

use daihoi_core::{OrgCode, Role};
use daihoi_store::members::MemberQuery;
use harness::{Browser, PASSWORD, run, sign_in, sign_in_as_admin};

/// The demo's data are as of this day; pages get it in the URL so that the
/// tests do not depend on the clock.
const TODAY: &str = "2026-11-28";

/// A user opens the home page and sees the province with its communes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_page_shows_the_province() {
    run("home_page_shows_the_province", |b| async move {
        sign_in_as_admin(&b).await;
        b.goto(&format!("/?date={TODAY}")).await;
        assert_eq!(b.text("h1").await, "Hệ thống tổ chức đảng ngày 28/11/2026");
        assert_eq!(b.text("main section h2 a").await, "Đảng bộ tỉnh Quảng Ninh");
        b.wait_text("Đảng bộ xã Quảng Tân").await;
    })
    .await;
}

/// A user clicks from the home page to the province, then to a commune.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn click_through_the_tree_to_a_commune() {
    run("click_through_the_tree_to_a_commune", |b| async move {
        sign_in_as_admin(&b).await;
        b.goto(&format!("/?date={TODAY}")).await;
        b.click_link("Đảng bộ tỉnh Quảng Ninh").await;
        assert_eq!(b.text("h1").await, "Đảng bộ tỉnh Quảng Ninh");
        b.click_link("Đảng bộ xã Quảng Tân").await;
        assert_eq!(b.text("h1").await, "Đảng bộ xã Quảng Tân");
        assert_eq!(b.text("nav.crumbs").await, "Đảng bộ tỉnh Quảng Ninh ›");
        assert_eq!(b.path().await, format!("/orgs/QN.DH.QT?date={TODAY}"));
    })
    .await;
}

/// A user opens a commune's member list and searches a name typed without
/// diacritics.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_a_member_without_diacritics() {
    run("search_a_member_without_diacritics", |b| async move {
        sign_in_as_admin(&b).await;
        b.goto(&format!("/orgs/QN.DH.QT?date={TODAY}")).await;
        b.click_link("Danh sách đảng viên").await;
        assert_eq!(b.text("h1").await, "Danh sách đảng viên");
        // htmx searches as the user types; the page is not reloaded.
        b.live_search("nguyen van an").await;
        assert_eq!(b.text("table.members tbody tr td a").await, "Nguyễn Văn An");
        assert_eq!(b.text("h1").await, "Danh sách đảng viên");
    })
    .await;
}

/// A user picks an earlier date in the date form and sees the tree before the
/// 2025 reform, with its districts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tree_on_an_earlier_date() {
    run("the_tree_on_an_earlier_date", |b| async move {
        sign_in_as_admin(&b).await;
        b.goto(&format!("/?date={TODAY}")).await;
        b.set_value("form.date-form input[name=date]", "2024-03-15").await;
        b.submit("form.date-form button[type=submit]").await;
        assert_eq!(b.path().await, "/?date=2024-03-15");
        assert_eq!(b.text("h1").await, "Hệ thống tổ chức đảng ngày 15/03/2024");
        b.wait_text("Đảng bộ huyện Đầm Hà").await;
        assert!(!b.text("main").await.contains("Đảng bộ xã Quảng Tân"), "communes were under their districts");
    })
    .await;
}

/// A user signs in (after a wrong password), lands on the home page of their
/// commune, and signs out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_and_out() {
    run("sign_in_and_out", |b| async move {
        b.user("vanphong.quangtan", Role::Office, "QN.DH.QT").await;
        b.goto("/orgs/QN.DH.QT").await;
        assert!(b.path().await.starts_with("/login?next="), "pages need a signed-in user");
        b.fill("main form input[name=login]", "vanphong.quangtan").await;
        b.fill("main form input[name=password]", "not the password").await;
        b.submit("main form button[type=submit]").await;
        assert_eq!(b.text("main p.problem").await, "Tên đăng nhập hoặc mật khẩu không đúng.");
        b.fill("main form input[name=password]", PASSWORD).await;
        b.submit("main form button[type=submit]").await;
        // Back where the user was going.
        assert_eq!(b.path().await, "/orgs/QN.DH.QT");
        assert_eq!(b.text("h1").await, "Đảng bộ xã Quảng Tân");
        b.goto(&format!("/?date={TODAY}")).await;
        assert_eq!(b.text("main section h2 a").await, "Đảng bộ xã Quảng Tân");
        assert!(!b.text("main").await.contains("Đảng bộ tỉnh Quảng Ninh"), "only the user's commune");
        b.submit("header form[action='/logout'] button").await;
        assert_eq!(b.path().await, "/login");
        b.goto("/").await;
        assert!(b.path().await.starts_with("/login"), "signed out");
    })
    .await;
}

/// A user switches the language with the header's buttons; the choice stays
/// for the next pages and the next sign-in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switch_language() {
    run("switch_language", |b| async move {
        sign_in_as_admin(&b).await;
        b.goto(&format!("/?date={TODAY}")).await;
        assert_eq!(b.text("h1").await, "Hệ thống tổ chức đảng ngày 28/11/2026");
        b.submit("header form.langs button[value=en]").await;
        assert_eq!(b.path().await, format!("/?date={TODAY}"), "back on the same page");
        assert_eq!(b.text("h1").await, "Party organizations on 28 Nov 2026");
        assert_eq!(b.text("header nav.user a[href='/tree']").await, "Organization tree");
        b.click_link("Organization tree").await;
        assert!(b.text("h1").await.starts_with("Organization tree on "));
        b.submit("header form.langs button[value=fr]").await;
        assert_eq!(b.text("header nav.user a[href='/tree']").await, "Arbre des organisations");
        // Signing out and in again keeps the choice.
        b.submit("header form[action='/logout'] button").await;
        sign_in(&b, "qn.admin", PASSWORD).await;
        assert_eq!(b.text("header nav.user a[href='/tree']").await, "Arbre des organisations");
    })
    .await;
}

/// A user opens the tree and clicks down to a commune and one of its cells.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browse_the_tree() {
    run("browse_the_tree", |b| async move {
        sign_in_as_admin(&b).await;
        let date = daihoi_test_support::fixtures::TODAY;
        let cell = b.db.org_by_code(&OrgCode::parse("QN.DH.QT.CB01").unwrap(), date).await.unwrap().unwrap();
        b.click_link("Cây tổ chức").await;
        assert!(b.text("h1").await.starts_with("Cây tổ chức ngày "));
        b.goto(&format!("/tree?date={TODAY}")).await;
        b.wait_text("QN.DH.QT.CB01").await;
        b.click_link("Đảng bộ xã Quảng Tân").await;
        assert_eq!(b.text("h1").await, "Đảng bộ xã Quảng Tân");
        b.click_link(&cell.name).await;
        assert_eq!(b.text("h1").await, cell.name);
        assert_eq!(b.path().await, format!("/orgs/QN.DH.QT.CB01?date={TODAY}"));
        assert_eq!(b.text("nav.crumbs").await, "Đảng bộ tỉnh Quảng Ninh › Đảng bộ xã Quảng Tân ›");
        b.click_link("Đảng bộ xã Quảng Tân").await;
        assert_eq!(b.path().await, format!("/orgs/QN.DH.QT?date={TODAY}"));
    })
    .await;
}

/// A member file with two new members of Quảng Tân's first cell; with
/// `bad`, the second one was born on 31/02.
fn member_xlsx(bad: bool) -> Vec<u8> {
    let rows: [[&str; 8]; 3] = [
        [
            "Số thẻ đảng viên",
            "Họ và tên",
            "Giới tính",
            "Ngày sinh",
            "Dân tộc",
            "Mã chi bộ",
            "Ngày vào Đảng",
            "Ngày chính thức",
        ],
        ["99000101", "Hoàng Văn Em", "Nam", "02/03/1990", "Tày", "QN.DH.QT.CB01", "15/04/2015", "15/04/2016"],
        [
            "99000102",
            "Vũ Thị Giang",
            "Nữ",
            if bad { "31/02/1992" } else { "07/08/1992" },
            "Kinh",
            "QN.DH.QT.CB01",
            "01/06/2018",
            "",
        ],
    ];
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Đảng viên").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// Chooses `bytes` as the file `name` in the import form and sends it.
async fn upload(b: &Browser, dir: &std::path::Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let input = b.find("main form input[type=file]").await;
    input.send_keys(&path.display().to_string()).await.unwrap_or_else(|e| panic!("choose {}: {e}", path.display()));
    b.submit("main form[enctype='multipart/form-data'] button[type=submit]").await;
}

/// An office user imports an Excel file: the bad row is shown, nothing is
/// written; the corrected file is previewed and confirmed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_an_excel_file() {
    run("import_an_excel_file", |b| async move {
        b.user("vanphong.quangtan", Role::Office, "QN.DH.QT").await;
        sign_in(&b, "vanphong.quangtan", PASSWORD).await;
        let dir = tempfile::tempdir().unwrap();
        b.goto(&format!("/orgs/QN.DH.QT?date={TODAY}")).await;
        b.click_link("Nhập danh sách đảng viên").await;
        assert_eq!(b.text("h1").await, "Nhập danh sách đảng viên");
        upload(&b, dir.path(), "ds-loi.xlsx", &member_xlsx(true)).await;
        assert_eq!(b.text("#import-problems").await, "ds-loi.xlsx: có dòng bị lỗi");
        let row = b.text("table.problems tbody tr").await;
        assert!(row.starts_with("Đảng viên 3 D (Ngày sinh"), "{row}");
        assert!(row.contains("31/02/1992"), "{row}");
        assert!(b.client().find(fantoccini::Locator::Css("#import-confirm")).await.is_err(), "nothing to confirm");

        upload(&b, dir.path(), "ds.xlsx", &member_xlsx(false)).await;
        assert_eq!(b.text("#import-preview tr:nth-child(2) td").await, "2", "two new members");
        b.submit("#import-confirm").await;
        assert_eq!(b.text("#import-done").await, "ds.xlsx: đã nhập xong.");
        b.click_link("Danh sách đảng viên").await;
        b.live_search("vu thi giang").await;
        assert_eq!(b.text("table.members tbody tr td a").await, "Vũ Thị Giang");
    })
    .await;
}

/// An office user of Quảng Tân opens, by URL, pages of another commune and
/// of a member there: the 403 page, without their data.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_communes_pages_are_forbidden() {
    run("another_communes_pages_are_forbidden", |b| async move {
        let date = daihoi_test_support::fixtures::TODAY;
        let province = b.db.org_by_code(&OrgCode::parse("QN").unwrap(), date).await.unwrap().unwrap();
        let all =
            b.db.members_in(&province, date, &MemberQuery { search: None, offset: 0, limit: 1000 }).await.unwrap();
        let other = all.items.iter().find(|m| !m.org_code.starts_with("QN.DH.QT")).expect("a member elsewhere");
        let other_org = other.org_code.rsplit_once('.').map(|(commune, _)| commune.to_owned()).unwrap();
        b.user("vanphong.quangtan", Role::Office, "QN.DH.QT").await;
        sign_in(&b, "vanphong.quangtan", PASSWORD).await;

        b.goto(&format!("/members/{}", other.person_id)).await;
        assert_eq!(b.text("h1").await, "Lỗi 403");
        assert_eq!(b.text("main p").await, "Bạn không có quyền xem trang này.");
        let source = b.client().source().await.unwrap();
        assert!(!source.contains(&other.full_name) && !source.contains(&other.card_number), "no data of theirs");

        b.goto(&format!("/orgs/{other_org}/members?date={TODAY}")).await;
        assert_eq!(b.text("h1").await, "Lỗi 403");
        let source = b.client().source().await.unwrap();
        assert!(!source.contains(&other.full_name), "no data of theirs");
        // Their own commune still opens.
        b.goto(&format!("/orgs/QN.DH.QT/members?date={TODAY}")).await;
        assert_eq!(b.text("h1").await, "Danh sách đảng viên");
    })
    .await;
}

/// The province's administrator follows an overdue task from the home page
/// (T-3), reports its progress from the task's page (T-4), sees it in the
/// log, and opens the province's tracking dashboard with its charts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follow_an_overdue_task_and_report_progress() {
    run("follow_an_overdue_task_and_report_progress", |b| async move {
        b.db.load_demo_documents().await.unwrap();
        b.db.load_demo_tasks().await.unwrap();
        b.db.load_demo_tracking().await.unwrap();
        sign_in_as_admin(&b).await;
        b.goto(&format!("/?date={TODAY}")).await;
        b.click_link("Kiện toàn tổ chức đảng trong Công an tỉnh sau sắp xếp tổ chức bộ máy").await;
        assert_eq!(b.text("h1").await, "Kiện toàn tổ chức đảng trong Công an tỉnh sau sắp xếp tổ chức bộ máy");
        assert!(b.text("table.task-facts").await.contains("28-NQ/TU"));
        assert!(b.text("table.task-facts td.status-late").await.starts_with("Quá hạn"));
        b.fill("form[action$='/events'].inline input[name=progress]", "80").await;
        b.submit("form[action$='/events'].inline button[type=submit]").await;
        assert!(b.path().await.starts_with("/tasks/"), "back on the task's page");
        assert_eq!(b.text("ol.timeline li strong").await, "Báo cáo tiến độ");
        assert!(b.text("ol.timeline li").await.contains("80%"));
        assert!(b.text("table.task-facts").await.contains("80%"));

        b.goto("/orgs/QN/tracking").await;
        assert_eq!(b.text("h1").await, "Theo dõi thực hiện: Đảng bộ tỉnh Quảng Ninh");
        b.find("figure.chart svg").await;
        assert!(b.text("section.attention").await.contains("Kiện toàn tổ chức đảng trong Công an tỉnh"));
    })
    .await;
}

/// The province's organization department clerk gives a task from a
/// document on the web (T-1), cascades it to two communes from the task's
/// page (T-2), and finds it on the tracking dashboard, due soon (T-3).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn give_a_task_and_cascade_it_to_two_communes() {
    run("give_a_task_and_cascade_it_to_two_communes", |b| async move {
        b.db.load_demo_documents().await.unwrap();
        b.db.load_demo_tasks().await.unwrap();
        b.db.load_demo_tracking().await.unwrap();
        let documents = b.db.search_documents("", daihoi_store::documents::Classification::Normal, 100).await.unwrap();
        let document = documents.iter().find(|d| d.number_label() == "28-NQ/TU").expect("the demo's 28-NQ/TU");
        b.user("bantochuc.tinh", Role::Office, "QN").await;
        sign_in(&b, "bantochuc.tinh", PASSWORD).await;

        b.goto("/orgs/QN/tracking").await;
        b.click_link("Giao nhiệm vụ").await;
        assert_eq!(b.text("h1").await, "Giao nhiệm vụ mới");
        let title = "Rà soát, bố trí trụ sở làm việc của Công an xã";
        // Within the province's 14 days of "due soon", whatever today is.
        let today = daihoi_core::date::date_in_vietnam(time::OffsetDateTime::now_utc());
        let deadline = daihoi_core::date::iso(today + time::Duration::days(10));
        b.set_value("select[name=document]", &document.id.to_string()).await;
        b.fill("input[name=clause]", "Mục III.2").await;
        b.fill("textarea[name=title]", title).await;
        b.set_value("input[name=deadline]", &deadline).await;
        b.submit("#task-new-submit").await;
        assert!(b.path().await.starts_with("/tasks/"), "on the new task's page");
        assert_eq!(b.text("h1").await, title);
        assert!(b.text("table.task-facts").await.contains("28-NQ/TU"));

        // The cascade form: the province's communes, the parent's deadline by default.
        b.find("#cascade summary").await.click().await.unwrap();
        let labels = b.client().find_all(fantoccini::Locator::Css("#cascade-form label.check")).await.unwrap();
        let mut communes = Vec::new();
        for label in labels {
            if communes.len() < 2 && label.text().await.unwrap().starts_with("Đảng bộ xã") {
                let checkbox = label.find(fantoccini::Locator::Css("input")).await.unwrap();
                communes.push(checkbox.attr("value").await.unwrap().unwrap());
                checkbox.click().await.unwrap();
            }
        }
        assert_eq!(communes.len(), 2, "two communes below the province");
        b.submit("#cascade-submit").await;
        assert!(b.path().await.starts_with("/tasks/"), "back on the task's page");
        let subtasks = b.text("#subtasks + table").await;
        for code in &communes {
            assert!(subtasks.contains(code.as_str()), "{code} in {subtasks}");
        }

        b.goto("/orgs/QN/tracking").await;
        let main = b.text("main").await;
        assert!(main.contains("Nhiệm vụ sắp đến hạn (3)"), "the task and its two sub-tasks, due soon: {main}");
        assert!(main.matches(title).count() >= 3, "{main}");
        for code in &communes {
            assert!(main.contains(code.as_str()), "{code} on the dashboard");
        }
    })
    .await;
}

/// A commune's office records a conference from a document's page with two
/// members typed, lands on the conference's page, then adds the list a cell
/// sent back later; the commune's list of conferences shows it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn record_a_conference_then_add_a_late_list() {
    run("record_a_conference_then_add_a_late_list", |b| async move {
        b.db.load_demo_documents().await.unwrap();
        let date = daihoi_test_support::fixtures::TODAY;
        let commune = b.db.org_by_code(&OrgCode::parse("QN.DH.QT").unwrap(), date).await.unwrap().unwrap();
        let members =
            b.db.members_in(&commune, date, &MemberQuery { search: None, offset: 0, limit: 3 }).await.unwrap().items;
        assert_eq!(members.len(), 3, "three members in Quảng Tân");
        let documents = b.db.search_documents("", daihoi_store::documents::Classification::Normal, 100).await.unwrap();
        let plan = documents.iter().find(|d| d.number_label() == "439-KH/TU").expect("the demo's 439-KH/TU");
        b.user("vanphong.quangtan", Role::Office, "QN.DH.QT").await;
        sign_in(&b, "vanphong.quangtan", PASSWORD).await;

        b.goto(&format!("/documents/{}", plan.id)).await;
        b.find("details:has(#dissemination-form) summary").await.click().await.unwrap();
        let title = "Hội nghị quán triệt Kế hoạch 439-KH/TU tại xã Quảng Tân";
        b.fill("#dissemination-form input[name=title]", title).await;
        let typed = format!("{}\n{}", members[0].card_number, members[1].card_number);
        b.fill("#dissemination-form textarea[name=members]", &typed).await;
        b.submit("#dissemination-form button[type=submit]").await;
        assert!(b.path().await.starts_with("/disseminations/"), "on the conference's page");
        assert_eq!(b.text("h1").await, title);
        let attendees = b.text("#attendees").await;
        assert!(attendees.contains(&members[0].full_name) && attendees.contains(&members[1].full_name));
        assert!(!attendees.contains(&members[2].full_name));

        b.find("details:has(#attendance-form) summary").await.click().await.unwrap();
        b.fill("#attendance-form textarea[name=members]", &members[2].card_number).await;
        b.submit("#attendance-form button[type=submit]").await;
        assert!(b.text("#attendees").await.contains(&members[2].full_name), "the late list is added");
        assert!(b.text("main").await.contains("3 đảng viên"));

        b.goto("/orgs/QN.DH.QT/disseminations").await;
        assert!(b.text("#conferences").await.contains(title));
    })
    .await;
}

/// The commune's office keeps a member from their page: edits the data,
/// transfers them to another cell of the commune, records a condition; the
/// page's history shows the three changes, and the new cell by name with
/// its commune.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_office_edits_transfers_and_records_a_condition() {
    run("an_office_edits_transfers_and_records_a_condition", |b| async move {
        let today = daihoi_core::date::date_in_vietnam(time::OffsetDateTime::now_utc());
        let qt = b.db.org_by_code(&OrgCode::parse("QN.DH.QT").unwrap(), today).await.unwrap().unwrap();
        let search = MemberQuery { search: Some("Nguyễn Văn An".into()), limit: 5, ..MemberQuery::default() };
        let found = b.db.members_in(&qt, today, &search).await.unwrap();
        let an = found.items.iter().find(|m| m.full_name == "Nguyễn Văn An").expect("the demo's Nguyễn Văn An");
        let (id, cell) = (an.person_id, an.org_code.clone());
        // Another cell of the commune (at this scale Quảng Tân has one): a
        // new one, since 2020.
        let target = "QN.DH.QT.CB09";
        let new_cell = daihoi_store::orgs::NewOrg {
            code: &OrgCode::parse(target).unwrap(),
            name: "Chi bộ thôn Mới",
            kind: daihoi_core::OrgKind::Cell,
            parent: Some(&qt.code),
            valid_from: time::macros::date!(2020 - 01 - 01),
        };
        b.db.operator().orgs().create_org(&new_cell, "test").await.unwrap();
        assert_ne!(cell, target);
        b.user("vanphong.quangtan", Role::Office, "QN.DH.QT").await;
        sign_in(&b, "vanphong.quangtan", PASSWORD).await;
        b.goto(&format!("/members/{id}")).await;
        assert_eq!(b.text("h1").await, "Nguyễn Văn An");

        b.find("#member-edit summary").await.click().await.unwrap();
        b.fill("#member-edit-form input[name=ethnicity]", "Tày").await;
        b.submit("#member-edit-form button[type=submit]").await;
        assert!(b.text("#member-data").await.contains("Tày"), "the new data is shown");

        b.find("#member-transfer summary").await.click().await.unwrap();
        b.fill("#member-transfer-form input[name=org]", target).await;
        b.set_value("#member-transfer-form input[name=date]", "2026-09-01").await;
        b.submit("#member-transfer-form button[type=submit]").await;
        let main = b.text("main").await;
        assert!(!main.contains("Chưa ghi"), "transferred: {main}");

        b.find("#member-condition summary").await.click().await.unwrap();
        b.set_value("#member-condition-form select[name=kind]", "suspended").await;
        b.set_value("#member-condition-form input[name=from]", "2026-10-01").await;
        b.fill("#member-condition-form input[name=note]", "QĐ 12-QĐ/UBKT").await;
        b.submit("#member-condition-form button[type=submit]").await;

        let history = b.client().find_all(fantoccini::Locator::Css("#member-history + table tbody tr")).await.unwrap();
        let mut actions = Vec::new();
        for row in history {
            actions.push(row.find(fantoccini::Locator::Css("td:nth-child(3)")).await.unwrap().text().await.unwrap());
        }
        assert_eq!(actions, ["Ghi tình trạng", "Chuyển sinh hoạt", "Sửa thông tin"], "newest first");
        let enrolments = b.text("#member-enrolments + table tbody").await;
        assert!(enrolments.contains(target) && enrolments.contains("Đảng bộ xã Quảng Tân"), "{enrolments}");
        assert!(b.text("#member-conditions + table").await.contains("QĐ 12-QĐ/UBKT"));
        b.screenshot("member_kept").await;
    })
    .await;
}

/// The bytes the page's `form` (CSS) downloads with `format`: the form's
/// fields as the browser would send them, fetched with the session's
/// cookie (a browser saves a download where a test cannot read it).
async fn form_download(b: &Browser, form: &str, format: &str) -> Vec<u8> {
    let form_el = b.find(form).await;
    let element = serde_json::to_value(&form_el).expect("element reference");
    let script = "const [form, format, done] = arguments; \
        const q = new URLSearchParams(new FormData(form)); q.set('format', format); \
        fetch(form.action + '?' + q.toString(), {credentials: 'same-origin'}) \
          .then(r => r.ok ? r.arrayBuffer() : Promise.reject(r.status)) \
          .then(buf => done(Array.from(new Uint8Array(buf))), e => done('failed: ' + e));";
    let answer = b
        .client()
        .execute_async(script, vec![element, serde_json::json!(format)])
        .await
        .unwrap_or_else(|e| panic!("download {format} from {form}: {e}"));
    let bytes = answer.as_array().unwrap_or_else(|| panic!("download {format} from {form}: {answer}"));
    bytes.iter().map(|v| u8::try_from(v.as_u64().unwrap()).unwrap()).collect()
}

/// Signs out through the navigation's form.
async fn sign_out(b: &Browser) {
    b.submit("form[action='/logout'] button[type=submit]").await;
}

/// Issue 14, "Done when": the province's office gives a task to the
/// commune Quảng Tân from the task-giving page; the commune's office finds
/// it in its home page's inbox, receives it and reports 30 %; the province
/// sees 30 % on the dashboard, on the task's page, in the periodic
/// report's PDF and workbook; it registers the report as an outgoing
/// document (§6) and downloads it as PDF and `.docx` in the Party layout:
/// the committee and its number top left, the Party and the place and
/// date top right, the title under them, the same title and figures in
/// the `.docx`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_task_goes_down_to_a_commune_and_its_progress_comes_back_up() {
    run("a_task_goes_down_to_a_commune_and_its_progress_comes_back_up", |b| async move {
        use crate::tasks::party_report::{column, docx_paragraphs, overall_cell, tool};
        use daihoi_store::tasks::settings::TrackingRules;
        use daihoi_tracking::{DeadlineDay, RollupRules, StatusRules, Unreported};
        // The test support's resolution 28-NQ/TU, and the province's
        // tracking rules (unreported tasks count as 0 %).
        crate::support::resolution_28(&b.db).await;
        let today = daihoi_core::date::date_in_vietnam(time::OffsetDateTime::now_utc());
        let province = b.db.org_by_code(&OrgCode::parse("QN").unwrap(), today).await.unwrap().unwrap();
        let rules = TrackingRules {
            status: StatusRules { due_soon_window: 14, deadline_day: DeadlineDay::CountsAsOnTime },
            rollup: RollupRules { unreported: Unreported::CountAsZero },
        };
        b.db.operator().tasks().set_tracking_rules(&province, &rules, "test").await.unwrap();
        b.user("vanphong.tinh", Role::Office, "QN").await;
        b.user("vanphong.quangtan", Role::Office, "QN.DH.QT").await;
        let title = "Rà soát, bố trí Công an chính quy đảm nhiệm các chức danh Công an xã";

        // The province gives the task to Quảng Tân.
        sign_in(&b, "vanphong.tinh", PASSWORD).await;
        b.goto("/orgs/QN/tracking").await;
        b.click_link("Giao nhiệm vụ").await;
        assert_eq!(b.text("h1").await, "Giao nhiệm vụ mới");
        let document = b.text("select[name=document] option:nth-child(2)").await;
        assert!(document.starts_with("28-NQ/TU"), "{document}");
        let value = b.find("select[name=document] option:nth-child(2)").await.attr("value").await.unwrap().unwrap();
        b.set_value("select[name=document]", &value).await;
        b.fill("input[name=clause]", "Mục III.2").await;
        b.fill("textarea[name=title]", title).await;
        // Issue 14 §8: the assignee is typed (a list of 100 names repeats "Chi bộ khu 1").
        b.fill("input[name=org]", "QN.DH.QT").await;
        let deadline = daihoi_core::date::iso(today + time::Duration::days(60));
        b.set_value("input[name=deadline]", &deadline).await;
        b.submit("#task-new-submit").await;
        let task_page = b.path().await;
        assert!(task_page.starts_with("/tasks/"), "on the new task's page: {task_page}");
        assert_eq!(b.text("h1").await, title);
        assert!(b.text("table.task-facts").await.contains("QN.DH.QT"));
        sign_out(&b).await;

        // The commune's office: its inbox, the receipt, the 30 %.
        sign_in(&b, "vanphong.quangtan", PASSWORD).await;
        b.goto("/").await;
        let row = b.text("table.inbox tr.unreceived").await;
        assert!(row.contains(title), "{row}");
        b.submit("table.inbox tr.unreceived button[type=submit]").await;
        assert!(b.path().await.starts_with("/"), "back home");
        let row = b.text("table.inbox tbody tr").await;
        assert!(row.contains(title) && !row.contains("Tiếp nhận nhiệm vụ"), "received: {row}");
        assert!(b.client().find(fantoccini::Locator::Css("table.inbox tr.unreceived")).await.is_err());
        b.click_link(title).await;
        let receipt = b.text("#receipt").await;
        assert!(!receipt.contains("chưa tiếp nhận"), "received: {receipt}");
        b.fill("form[action$='/events'].inline input[name=progress]", "30").await;
        b.submit("form[action$='/events'].inline button[type=submit]").await;
        assert!(b.text("ol.timeline").await.contains("30%"), "in the log");
        assert!(b.text("table.task-facts").await.contains("30%"));
        sign_out(&b).await;

        // The province: the dashboard and the task's page.
        sign_in(&b, "vanphong.tinh", PASSWORD).await;
        b.goto("/orgs/QN/tracking").await;
        let main = b.text("main").await;
        assert!(main.contains("Tiến độ chung: 30%"), "{main}");
        b.goto(&task_page).await;
        assert!(b.text("table.task-facts").await.contains("30%"));

        // The annual report: its PDF and its workbook.
        b.goto("/orgs/QN/tracking").await;
        b.set_value("form#report select[name=period]", "annual").await;
        let pdf = form_download(&b, "form#report", "pdf").await;
        assert!(pdf.starts_with(b"%PDF"));
        if let Some(text) = tool("pdftotext", &["-layout"], &pdf, "r.pdf") {
            assert!(text.lines().any(|l| l.contains("Tiến độ chung") && l.contains("30%")), "{text}");
            assert!(text.contains(title.split(',').next().unwrap()), "the task's row: {text}");
        }
        let xlsx = form_download(&b, "form#report", "xlsx").await;
        assert_eq!(overall_cell(&xlsx), "0.3", "the workbook's overall progress");
        let book = daihoi_sheets::read_bytes("r.xlsx", daihoi_sheets::Format::Xlsx, &xlsx).unwrap();
        let row = book.sheets[0].rows.iter().find(|r| r.get(2).is_some_and(|c| c == title)).expect("the task's row");
        assert_eq!(row.get(6).map(String::as_str), Some("0.3"), "{row:?}");

        // Registered as an outgoing document: the next report number.
        b.find("#report-register summary").await.click().await.unwrap();
        b.set_value("#report-register-form select[name=period]", "annual").await;
        b.submit("#report-register-submit").await;
        let note = b.text("#report-registered").await;
        assert!(note.contains("1-BC/TU"), "{note}");
        let pdf = form_download(&b, "form#report", "pdf").await;
        let docx = form_download(&b, "form#report", "docx").await;
        assert!(docx.starts_with(b"PK"), "a .docx is a zip");
        let kept = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
        std::fs::write(kept.join("done-when-report.pdf"), &pdf).unwrap();
        std::fs::write(kept.join("done-when-report.docx"), &docx).unwrap();

        // Its first page: the heading's two columns, then the title.
        if let Some(first) = tool("pdftotext", &["-layout", "-f", "1", "-l", "1"], &pdf, "r.pdf") {
            let lines: Vec<&str> = first.lines().collect();
            let find =
                |what: &str| lines.iter().position(|l| l.contains(what)).unwrap_or_else(|| panic!("{what}:\n{first}"));
            let top = find("TỈNH ỦY QUẢNG NINH");
            assert_eq!(top, find("ĐẢNG CỘNG SẢN VIỆT NAM"), "one line:\n{first}");
            assert!(column(lines[top], "TỈNH ỦY QUẢNG NINH") < column(lines[top], "ĐẢNG CỘNG SẢN VIỆT NAM"));
            let number = find("Số 1-BC/TU");
            let dated = find("Quảng Ninh, ngày");
            assert_eq!(number, dated, "the number and the date on one line:\n{first}");
            assert!(number > top, "{first}");
            assert!(column(lines[number], "Số 1-BC/TU") < column(lines[number], "Quảng Ninh, ngày"), "{first}");
            let day = format!("ngày {:02} tháng", today.day());
            assert!(lines[dated].contains(&day) && lines[dated].contains(&format!("năm {}", today.year())), "{first}");
            let heading = find("BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ");
            assert!(heading > number, "the title below the heading:\n{first}");
            assert!(lines.iter().any(|l| l.contains("Tiến độ chung") && l.contains("30%")), "{first}");
        }
        // The .docx: the same title, number and figures.
        if let Some(paragraphs) = docx_paragraphs(&docx) {
            for want in ["BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", "Số 1-BC/TU", "Tiến độ chung", "30%", title]
            {
                assert!(paragraphs.iter().any(|p| p == want), "{want:?} in the .docx: {paragraphs:#?}");
            }
        }
    })
    .await;
}

/// Issue 15, done when: a commune's congress walked in the browser from its
/// plan (the commune's office, C-PLAN-1), through the province's approval
/// of the plan (C-PLAN-5), to check-in on the day (C-DEL-7) and the base
/// shown for the first vote (R-BASE-2), the last delegate read by the
/// camera from his card's QR code. The round is opened on its page by the
/// province's administrator (C-PLAN-4).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_communes_congress_from_its_plan_to_the_base_of_its_first_vote() {
    run("a_communes_congress_from_its_plan_to_the_base_of_its_first_vote", |b| async move {
        let date = daihoi_test_support::fixtures::TODAY;
        let commune = b.db.org_by_code(&OrgCode::parse("QN.DH.QT").unwrap(), date).await.unwrap().unwrap();
        let members =
            b.db.members_in(&commune, date, &MemberQuery { search: None, offset: 0, limit: 1000 }).await.unwrap();
        let delegates: Vec<_> = members
            .items
            .iter()
            .filter(|m| m.standing == daihoi_core::MemberStanding::Official && m.conditions.is_empty())
            .take(3)
            .collect();
        assert_eq!(delegates.len(), 3, "three official members of Quảng Tân");
        let today = daihoi_core::date::iso(time::OffsetDateTime::now_utc().date());

        // The round, opened by the province's administrator.
        sign_in_as_admin(&b).await;
        b.goto("/rounds").await;
        b.fill("#round-form input[name=code]", "2025-2030").await;
        b.fill("#round-form input[name=title]", "Đại hội đảng bộ các cấp nhiệm kỳ 2025–2030").await;
        b.submit("#round-form button[type=submit]").await;
        assert_eq!(b.path().await, "/rounds/2025-2030");
        b.submit("header form[action='/logout'] button").await;

        // The commune's office plans its delegate congress.
        b.user("vanphong.quangtan", Role::Office, "QN.DH.QT").await;
        b.user("vanphong.tinhuy", Role::Office, "QN").await;
        sign_in(&b, "vanphong.quangtan", PASSWORD).await;
        b.goto("/orgs/QN.DH.QT/congress?round=2025-2030").await;
        b.set_value("#plan-form select[name=level]", "commune").await;
        b.set_value("#plan-form select[name=kind]", "delegate_congress").await;
        b.set_value("#plan-form select[name=contents]", "full").await;
        b.set_value("#plan-form input[name=planned_on]", "2025-08-05").await;
        b.set_value("#plan-form select[name=planned_length]", "3").await;
        b.submit("#plan-form button[type=submit]").await;
        b.wait_text("05/08/2025").await;
        // The commune's office does not approve its own plan: no gate form
        // offers it the approval.
        let source = b.client().source().await.unwrap();
        assert!(!source.contains("value=\"plan_approved\""), "the commune approves nothing");
        b.submit("header form[action='/logout'] button").await;

        // The province's office approves the plan (C-PLAN-5).
        sign_in(&b, "vanphong.tinhuy", PASSWORD).await;
        b.goto("/orgs/QN.DH.QT/congress?round=2025-2030").await;
        b.set_value("#gate-form select[name=gate]", "plan_approved").await;
        b.fill("#gate-form input[name=approved_by]", "Ban Thường vụ Tỉnh ủy").await;
        b.set_value("#gate-form input[name=on]", "2025-06-20").await;
        b.fill("#gate-form input[name=reference]", "439-KH/TU").await;
        b.submit("#gate-form button[type=submit]").await;
        b.wait_text("439-KH/TU").await;
        b.submit("header form[action='/logout'] button").await;

        // On the day: the commune's office puts the elected delegates on the
        // roll, opens the first session and checks in two of the three.
        sign_in(&b, "vanphong.quangtan", PASSWORD).await;
        b.goto("/orgs/QN.DH.QT/congress/roll?round=2025-2030").await;
        for d in &delegates {
            b.fill("#delegate-form input[name=card]", &d.card_number).await;
            b.set_value("#delegate-form select[name=seat]", "elected").await;
            b.fill("#delegate-form input[name=by]", &d.org_code).await;
            b.submit("#delegate-form button[type=submit]").await;
            b.wait_text(&d.full_name).await;
        }
        b.goto("/orgs/QN.DH.QT/congress/check-in?round=2025-2030").await;
        b.fill("#session-form input[name=name]", "Phiên trù bị").await;
        b.set_value("#session-form input[name=held_on]", &today).await;
        b.submit("#session-form button[type=submit]").await;
        for d in &delegates[..2] {
            b.fill("#check-in-form input[name=card]", &d.card_number).await;
            b.submit("#check-in-form button[type=submit]").await;
            assert_eq!(b.text("#check-in-flash").await, format!("✓ {} ({})", d.full_name, d.card_number));
        }
        // The base of the first vote (R-BASE-2), with who is absent so far.
        let base = b.text("#base").await;
        assert!(base.contains("R-BASE-2"), "{base}");
        assert!(base.contains(&delegates[2].full_name), "the absent delegate named: {base}");
        let figures: Vec<String> = base.lines().map(str::to_owned).collect();
        let after = |label: &str| {
            figures
                .iter()
                .position(|l| l.starts_with(label))
                .and_then(|i| figures.get(i + 1))
                .cloned()
                .unwrap_or_default()
        };
        assert_eq!(after("Được triệu tập"), "3", "{base}");
        assert_eq!(after("Có mặt đến giờ"), "2", "{base}");

        // The third shows his card to the clerk's camera: the page reads its
        // QR code, checks him in and opens the camera again; the card still
        // in the picture is not sent twice.
        let third = &delegates[2];
        b.hold_up_qr(&third.card_number);
        b.goto("/orgs/QN.DH.QT/congress/check-in?round=2025-2030").await;
        b.submit("#scan-button:not([hidden])").await;
        b.wait_text(&format!("✓ {} ({})", third.full_name, third.card_number)).await;
        let base = b.text("#base").await;
        assert!(base.contains("Có mặt đến giờ\n3"), "{base}");
        // Reopened by itself after the check-in, it films the same card and
        // sends nothing: still the same flash, no "already checked in".
        b.find("#scan-video:not([hidden])").await;
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        assert_eq!(b.text("#check-in-flash").await, format!("✓ {} ({})", third.full_name, third.card_number));
    })
    .await;
}
