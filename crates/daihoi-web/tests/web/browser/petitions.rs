//! Issue 18, done when: a browser test receives a citizen, opens a
//! denunciation with the denouncer's identity, hands it to a verifier who
//! never sees that identity, and settles it on time (P-1, P-3, P-5, P-7);
//! the citizen comes to the commune head's reception session (P-9).

use daihoi_core::Role;
use daihoi_store::documents::Classification;

use super::harness::{Browser, PASSWORD, run, sign_in};

const DENOUNCER: &str = "Hoàng Thị Tố Cáo";
const PHONE: &str = "0912 345 678";

async fn clear(b: &Browser, login: &str, clearance: Classification) {
    let user = b.db.user_by_login(login).await.unwrap().unwrap();
    b.db.operator().accounts().set_clearance(&user, clearance, "test").await.unwrap();
}

async fn sign_out(b: &Browser) {
    b.submit("header form[action='/logout'] button").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_denunciation_received_verified_in_secret_and_settled_on_time() {
    run("a_denunciation_received_verified_in_secret_and_settled_on_time", |b| async move {
        let today = time::OffsetDateTime::now_utc().date();
        // P-3: the calendar of 2026 confirmed by an administrator (the
        // shipped days are to be confirmed each year).
        b.db.operator()
            .petitions()
            .confirm_year(2026, "Lịch nghỉ năm 2026 theo thông báo của Bộ Nội vụ", today, "test")
            .await
            .unwrap();
        b.user("vanphong.quangtan", Role::Office, "QN.DH.QT").await;
        b.user("xacminh.quangtan", Role::Inspection, "QN.DH.QT").await;
        b.user("truongkiemtra.quangtan", Role::Inspection, "QN.DH.QT").await;
        clear(&b, "vanphong.quangtan", Classification::Confidential).await;
        clear(&b, "xacminh.quangtan", Classification::Confidential).await;
        clear(&b, "truongkiemtra.quangtan", Classification::Secret).await;

        // P-9: the commune head's reception session of 15/06/2026 on the
        // calendar; a citizen comes to it and denounces, in person.
        sign_in(&b, "vanphong.quangtan", PASSWORD).await;
        b.goto("/orgs/QN.DH.QT").await;
        b.click_link("Đơn thư").await;
        b.click_link("Tiếp công dân").await;
        b.set_value("#schedule-form input[name=day]", "2026-06-15").await;
        b.fill("#schedule-form input[name=host]", "Đồng chí Bí thư Đảng ủy xã").await;
        b.find("#schedule-form input[name=by_head]").await.click().await.unwrap();
        b.fill("#schedule-form input[name=place]", "Trụ sở Đảng ủy xã Quảng Tân").await;
        b.submit("#schedule-form button[type=submit]").await;
        b.click_link("15/06/2026").await;
        assert_eq!(b.text("#status").await, "Theo lịch");
        b.submit("#receive-filing").await;
        assert_eq!(
            b.find("#receive-form input[name=received]").await.prop("value").await.unwrap().unwrap(),
            "2026-06-15"
        );
        b.set_value("#receive-form select[name=kind]", "denunciation").await;
        b.fill("#receive-form input[name=summary]", "Tố cáo việc kê khai tài sản không trung thực").await;
        b.set_value("#receive-form select[name=classification]", "confidential").await;
        b.fill("#receive-form input[name=name]", DENOUNCER).await;
        b.fill("#receive-form input[name=address]", "Thôn Đồng Tâm, xã Quảng Tân").await;
        b.fill("#receive-form input[name=contact]", PHONE).await;
        b.submit("#receive-form button[type=submit]").await;
        assert!(b.path().await.starts_with("/petitions/"), "the case opened: {}", b.path().await);
        let case_path = b.path().await;
        // The session is held, with the case it opened; the head's day
        // counts for June (1 of 2).
        b.goto("/orgs/QN.DH.QT/reception?month=2026-06").await;
        let sessions = b.text("#sessions").await;
        assert!(sessions.contains("Đã tổ chức") && sessions.contains("người đứng đầu"), "{sessions}");
        let compliance = b.text("#compliance").await;
        assert!(compliance.contains("1/2") && compliance.contains("Chưa đạt"), "{compliance}");
        let session_page = b.client().source().await.unwrap();
        assert!(!session_page.contains(DENOUNCER) && !session_page.contains(PHONE));
        b.goto(&case_path).await;
        assert_eq!(b.text("#filer").await, "Lưu riêng (P-7)");
        let page = b.client().source().await.unwrap();
        assert!(!page.contains(DENOUNCER) && !page.contains(PHONE), "P-7: not even to the office, uncleared");
        // The processing clock: 7 working days from the day after receipt
        // (P-3), shown with how it was computed.
        let clocks = b.text("#clocks").await;
        assert!(clocks.contains("Xử lý ban đầu tố cáo") && clocks.contains("24/06/2026"), "{clocks}");

        // Handed to a verifier; accepted and notified in time.
        b.fill("#assign-form input[name=verifier]", "xacminh.quangtan").await;
        b.submit("#assign-form button[type=submit]").await;
        assert_eq!(b.text("#verifier").await, "xacminh.quangtan");
        for (step, on) in [("accept", "2026-06-19"), ("notify", "2026-06-22")] {
            b.set_value("#event-form select[name=step]", step).await;
            b.set_value("#event-form input[name=on]", on).await;
            b.submit("#event-form button[type=submit]").await;
        }
        sign_out(&b).await;

        // The verifier reads the case, never its denouncer.
        sign_in(&b, "xacminh.quangtan", PASSWORD).await;
        b.goto(&case_path).await;
        assert_eq!(b.text("#verifier").await, "xacminh.quangtan");
        let page = b.client().source().await.unwrap();
        assert!(!page.contains(DENOUNCER) && !page.contains(PHONE), "P-7: the verifier never sees the denouncer");
        assert!(!page.contains("identity-form"), "no way to ask for it either");
        b.goto("/orgs/QN.DH.QT/petitions?open=1").await;
        let register = b.text("#cases").await;
        assert!(register.contains("Tố cáo việc kê khai tài sản") && !register.contains(DENOUNCER), "{register}");
        sign_out(&b).await;

        // The head of inspection, cleared for secret, reads the identity
        // with a purpose; the reading is logged.
        sign_in(&b, "truongkiemtra.quangtan", PASSWORD).await;
        b.goto(&case_path).await;
        b.fill("#identity-form input[name=purpose]", "Làm việc trực tiếp với người tố cáo").await;
        b.submit("#identity-form button[type=submit]").await;
        let identity = b.text("#identity").await;
        assert!(identity.contains(DENOUNCER) && identity.contains(PHONE), "{identity}");
        sign_out(&b).await;

        // Settled on 10/07/2026, within 30 days of the acceptance (LTC Art. 30).
        sign_in(&b, "vanphong.quangtan", PASSWORD).await;
        b.goto(&case_path).await;
        b.set_value("#event-form select[name=step]", "settle").await;
        b.set_value("#event-form input[name=on]", "2026-07-10").await;
        b.fill("#event-form input[name=text]", "Kết luận 05-KL/UBKT: tố cáo đúng một phần").await;
        b.submit("#event-form button[type=submit]").await;
        assert!(b.text("#outcome").await.contains("05-KL/UBKT"));
        let clocks = b.text("#clocks").await;
        let settlement = clocks.lines().find(|l| l.starts_with("Giải quyết tố cáo")).unwrap_or_default().to_owned();
        assert!(settlement.contains("10/07/2026") && settlement.contains("Đúng hạn"), "{clocks}");
        assert!(!clocks.contains("Quá hạn") && !clocks.contains("Trễ hạn"), "every clock met on time: {clocks}");
        // Nothing left to record on a settled case.
        assert!(!b.client().source().await.unwrap().contains("event-form"));
    })
    .await;
}
