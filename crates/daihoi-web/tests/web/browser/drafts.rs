//! Issue 17, "done when": congress documents end to end in a real browser.
//! The round and the province's congress are prepared through the store;
//! everything else is done on the pages by the people who do it: the
//! province's office writes its draft political report and sends it to
//! two communes (C-PLAN-6); each commune's office records its congress's
//! comments on three paragraphs, one an amendment, and sends its synthesis
//! up; the province's drafting team accepts one amendment, explains
//! another comment (C-PLAN-7) and takes the accepted amendment into
//! version 2 with one action; the province's page lists both communes'
//! comments and syntheses, and version 2's difference shows the change.

use daihoi_congress::{CongressKind, Contents, Length, LevelClass, Schedule};
use daihoi_core::Role;
use daihoi_test_support::fixtures::code;
use time::macros::date;

use super::harness::{Browser, PASSWORD, run, sign_in};

const ROUND: &str = "2025-2030";
const COMMUNES: [&str; 2] = ["QN.DH.QT", "QN.CT.CT"];

/// Version 1: two sections, four paragraphs (typed as the office types
/// it: `#` makes a heading, a blank line ends a paragraph).
const VERSION_1: &str = "# I. ĐÁNH GIÁ KẾT QUẢ NHIỆM KỲ 2020–2025\n\
Nhiệm kỳ qua, Đảng bộ tỉnh đã lãnh đạo thực hiện thắng lợi nghị quyết đại hội.\n\
\n\
Kinh tế tăng trưởng bình quân 10,2% mỗi năm, cao hơn mục tiêu đề ra.\n\
\n\
Công tác xây dựng Đảng được chú trọng, chất lượng đảng viên được nâng lên.\n\
\n\
# II. PHƯƠNG HƯỚNG NHIỆM KỲ 2025–2030\n\
Phấn đấu đến năm 2030 Quảng Ninh là tỉnh dịch vụ, công nghiệp hiện đại.\n";

/// The round, the province's delegate congress, the offices.
async fn prepare(b: &Browser) {
    let db = &b.db;
    let today = date!(2025 - 06 - 01);
    let c = db.operator();
    let round = c
        .congresses()
        .create_round(ROUND, "Nhiệm kỳ 2025–2030", daihoi_store::congresses::RoundTemplate::Term2025To2030, today, "t")
        .await
        .unwrap();
    let node = db.org_by_code(&code("QN"), today).await.unwrap().unwrap();
    let plan = daihoi_store::congresses::NewPlan {
        level: LevelClass::UnderCentre,
        kind: CongressKind::DelegateCongress,
        contents: Contents::Full,
        model: false,
        planned: Schedule { opening: date!(2025 - 10 - 10), length: Length::days(3) },
        actual: None,
    };
    c.congresses().plan(&round, &node, &plan, today, "t").await.unwrap();
    b.user("vanphong.tinh", Role::Office, "QN").await;
    for (i, commune) in COMMUNES.iter().enumerate() {
        b.user(&format!("vanphong.xa{}", i + 1), Role::Office, commune).await;
    }
}

async fn sign_out(b: &Browser) {
    b.submit("header form[action='/logout'] button").await;
}

/// A commune's office, on the draft it received: three comments agreed at
/// its congress, on paragraphs 1, 2 and 3 (`amend`: paragraph 2's comment
/// proposes a replacement), then its synthesis sent up.
async fn commune_comments(b: &Browser, login: &str, commune: &str, amend: Option<&str>) {
    sign_in(b, login, PASSWORD).await;
    b.goto(&format!("/orgs/{commune}/congress/received")).await;
    b.click_link("Dự thảo Báo cáo chính trị (trình Đại hội XVI)").await;
    b.wait_text("Kinh tế tăng trưởng bình quân 10,2%").await;
    let meeting = format!("Đại hội Đảng bộ xã ({commune}), phiên thứ hai");
    for paragraph in 1..=3 {
        b.find("#comment-form input[name=anchor][value=paragraph]").await.click().await.unwrap();
        b.fill("#comment-form input[name=paragraph]", &paragraph.to_string()).await;
        b.fill("#comment-form textarea[name=text]", &format!("Góp ý của {commune} về đoạn {paragraph}.")).await;
        if let (2, Some(text)) = (paragraph, amend) {
            b.fill("#comment-form textarea[name=amendment]", text).await;
        }
        b.fill("#comment-form input[name=meeting]", &meeting).await;
        b.submit("#comment-form button[type=submit]").await;
        b.wait_text(&format!("Góp ý của {commune} về đoạn {paragraph}.")).await;
    }
    b.set_value("#synthesis-form input[name=sent_on]", "2025-06-20").await;
    b.submit("#synthesis-form button[type=submit]").await;
    sign_out(b).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_province_drafts_two_communes_comment_and_version_2_takes_the_amendment_in() {
    run("the_province_drafts_two_communes_comment_and_version_2_takes_the_amendment_in", |b| async move {
        prepare(&b).await;

        // The province's office: the draft, its version 1, sent to two communes.
        sign_in(&b, "vanphong.tinh", PASSWORD).await;
        b.goto(&format!("/orgs/QN/congress/documents?round={ROUND}")).await;
        b.set_value("#new-draft-form select[name=kind]", "political_report").await;
        b.fill("#new-draft-form input[name=title]", "Dự thảo Báo cáo chính trị (trình Đại hội XVI)").await;
        b.submit("#new-draft-form button[type=submit]").await;
        assert_eq!(b.text("h1").await, "Dự thảo Báo cáo chính trị (trình Đại hội XVI)");
        let page = b.path().await;
        let page = page.split('?').next().unwrap().to_owned();
        b.set_value("#version-form textarea[name=text]", VERSION_1).await;
        b.submit("#version-form button[type=submit]").await;
        b.wait_text("Kinh tế tăng trưởng bình quân 10,2% mỗi năm, cao hơn mục tiêu đề ra.").await;
        b.set_value("#send-form textarea[name=orgs]", &COMMUNES.join("\n")).await;
        b.set_value("#send-form input[name=sent_on]", "2025-06-05").await;
        b.submit("#send-form button[type=submit]").await;
        assert_eq!(b.client().find_all(fantoccini::Locator::Css("#coverage tbody tr")).await.unwrap().len(), 2);
        sign_out(&b).await;

        // Each commune: three comments, then its synthesis.
        let amendment = "Kinh tế tăng trưởng bình quân 10,2% mỗi năm, vượt mục tiêu 9% đề ra.";
        commune_comments(&b, "vanphong.xa1", COMMUNES[0], Some(amendment)).await;
        commune_comments(&b, "vanphong.xa2", COMMUNES[1], None).await;

        // The drafting team: comment 2 (the amendment) accepted, comment 5
        // explained, the accepted one taken into version 2.
        sign_in(&b, "vanphong.tinh", PASSWORD).await;
        b.goto(&format!("{page}?round={ROUND}")).await;
        for commune in COMMUNES {
            for paragraph in 1..=3 {
                b.wait_text(&format!("Góp ý của {commune} về đoạn {paragraph}.")).await;
            }
        }
        b.set_value("#comment-2 select[name=disposition]", "accepted").await;
        b.submit("#comment-2 button[type=submit]").await;
        b.set_value("#comment-5 select[name=disposition]", "explained").await;
        b.fill("#comment-5 input[name=explanation]", "Đã nêu trong phần II của dự thảo.").await;
        b.submit("#comment-5 button[type=submit]").await;
        b.wait_text("Đã nêu trong phần II của dự thảo.").await;
        b.submit("#apply-form button[type=submit]").await;

        // Version 2 took comment 2 in; its difference shows the change.
        let versions = b.text("#versions tbody").await;
        assert!(versions.lines().count() >= 2, "two versions: {versions}");
        b.click_link("so sánh").await;
        assert_eq!(b.text("main ins").await, "vượt");
        assert!(b.text("main del").await.contains("cao hơn"));
        b.goto(&format!("{page}?round={ROUND}")).await;
        // Both communes sent their synthesis, and the page says so.
        let coverage = b.text("#coverage tbody").await;
        for commune in COMMUNES {
            assert!(coverage.contains(commune), "{commune} in the coverage: {coverage}");
        }
        assert!(!coverage.contains("chưa gửi"), "both sent: {coverage}");
        b.screenshot("drafts-province-document").await;
    })
    .await;
}
