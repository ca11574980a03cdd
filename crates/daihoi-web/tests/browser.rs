//! Real-browser tests: headless Chromium, driven through chromedriver, clicks
//! through the demo app (300 members, Quảng Ninh) like a user. The harness is
//! in `browser/harness.rs`; these tests skip with a note when Chromium is not
//! installed (and fail instead when `DAIHOI_TEST_REQUIRE_BROWSER` is set).

#[path = "browser/harness.rs"]
mod harness;

use harness::run;

/// The demo's data are as of this day; pages get it in the URL so that the
/// tests do not depend on the clock.
const TODAY: &str = "2026-11-28";

/// A user opens the home page and sees the province with its communes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_page_shows_the_province() {
    run("home_page_shows_the_province", |b| async move {
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
        b.goto(&format!("/orgs/QN.DH.QT?date={TODAY}")).await;
        b.click_link("Danh sách đảng viên").await;
        assert_eq!(b.text("h1").await, "Danh sách đảng viên");
        b.fill("form.search input[name=q]", "nguyen van an").await;
        b.submit("form.search button[type=submit]").await;
        b.wait_text("Nguyễn Văn An").await;
        assert_eq!(b.text("table.members tbody tr td a").await, "Nguyễn Văn An");
    })
    .await;
}

/// A user picks an earlier date in the date form and sees the tree before the
/// 2025 reform, with its districts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tree_on_an_earlier_date() {
    run("the_tree_on_an_earlier_date", |b| async move {
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
