//! Flows across pages: signing in (refusals, throttling), the CSRF and
//! origin checks, security headers, the session cookie, signing out,
//! password changes, the remembered language, API tokens, the member
//! import from upload to audit log, and changes of accounts made elsewhere
//! that a session kept in memory must see on its next request. In process,
//! against a real database on each engine.

use crate::support;

use axum::http::{StatusCode, header};
use daihoi_core::Role;
use daihoi_core::members::CardNumber;
use daihoi_store::Db;
use daihoi_test_support::fixtures::*;
use support::{PASSWORD, Page, TestApp};

async fn seeded(db: &Db) {
    small_tree(db).await;
    import(
        db,
        vec![
            member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("10000002", "Trần Thị Bình", "QN.DH.QT.CB02"),
            member("20000001", "Lê Văn Cường", "QN.TY.DN.CB01"),
        ],
    )
    .await;
}

const SESSION_COOKIE: &str = "daihoi_session";

fn location(page: &Page) -> &str {
    page.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
}

fn set_cookies(page: &Page) -> Vec<String> {
    page.headers.get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_owned()).collect()
}

async fn card_exists(db: &Db, card: &str) -> bool {
    db.person_id_by_card(&CardNumber::parse(card).unwrap()).await.unwrap().is_some()
}

async fn wrong_password_is_refused_without_a_session(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.anonymous();
    // Looking at the sign-in page, and failing to sign in, write no session.
    for _ in 0..3 {
        assert_eq!(app.anonymous().get("/login").await.status, StatusCode::OK);
    }
    let page = c.sign_in("qt.office", "not the password").await;
    assert_eq!(db.rows_for_test("web_session").await, 0, "no session row for anonymous visitors");
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.body.contains("Tên đăng nhập hoặc mật khẩu không đúng."), "{}", page.body);
    assert!(page.body.contains(r#"value="qt.office""#), "the login is kept in the form");
    // An unknown login gets the same answer.
    let unknown = c.sign_in("nobody.here", "not the password").await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert!(unknown.body.contains("Tên đăng nhập hoặc mật khẩu không đúng."));
    // No signed-in session.
    let home = c.get("/").await;
    assert_eq!(home.status, StatusCode::SEE_OTHER);
    assert!(location(&home).starts_with("/login"), "{}", location(&home));
}

async fn five_failures_throttle_even_the_right_password(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.anonymous();
    for i in 0..5 {
        let page = c.sign_in("qt.office", "not the password").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let page = c.sign_in("qt.office", PASSWORD).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "{}", page.body);
    assert!(page.body.contains("Đăng nhập sai quá nhiều lần"), "{}", page.body);
    assert_eq!(c.get("/").await.status, StatusCode::SEE_OTHER, "not signed in");
    // In another language too, and the login is still blocked.
    let page = c.sign_in("QT.Office", PASSWORD).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "logins are compared without case");
    // Another login from elsewhere is not blocked.
    app.user("qt.admin", Role::Admin, "QN.DH.QT").await;
    app.signed_in("qt.admin").await;
}

async fn unsafe_requests_need_the_token_and_our_origin(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    // Without the token.
    let page = c.post_raw("/language", "lang=en&back=%2F").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("Biểu mẫu đã hết hạn"), "{}", page.body);
    // With a wrong token.
    let page = c.post_raw("/language", "lang=en&back=%2F&csrf=00112233445566778899aabbccddeeff").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    // With the token, from another site.
    c.headers.insert(header::ORIGIN, "http://evil.example".parse().unwrap());
    c.headers.insert(header::HOST, "daihoi.example".parse().unwrap());
    assert_eq!(c.post_form("/language", &[("lang", "en"), ("back", "/")]).await.status, StatusCode::FORBIDDEN);
    c.headers.remove(header::ORIGIN);
    c.headers.insert("sec-fetch-site", "cross-site".parse().unwrap());
    assert_eq!(c.post_form("/language", &[("lang", "en"), ("back", "/")]).await.status, StatusCode::FORBIDDEN);
    c.headers.remove("sec-fetch-site");
    // Nothing changed.
    let (_, home) = c.gs("/").await;
    assert!(home.contains(r#"<html lang="vi">"#));
    // Our own origin with the token passes.
    c.headers.insert(header::ORIGIN, "http://daihoi.example".parse().unwrap());
    let page = c.post_form("/language", &[("lang", "en"), ("back", "/")]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let (_, home) = c.gs("/").await;
    assert!(home.contains(r#"<html lang="en">"#));
    // A multipart upload without its token as the first field.
    c.headers.remove(header::ORIGIN);
    let token = std::mem::take(&mut c.csrf);
    let page = c.post_file("/orgs/QN.DH.QT/import", "ds.csv", b"x").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    // Issue 14 §5: the token never travels in a URL: in the query it is
    // not taken, and no page's form puts it there.
    let page = c.post_file(&format!("/orgs/QN.DH.QT/import?csrf={token}"), "ds.csv", b"x").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "a token in the query is not one");
    c.csrf = token;
    let page = c.post_file("/orgs/QN.DH.QT/import", "ds.csv", b"x").await;
    assert_ne!(page.status, StatusCode::FORBIDDEN, "the token as the first field: {}", page.body);
    for uri in ["/orgs/QN.DH.QT/import", "/orgs/QN.DH.QT/tracking/tasks-file", "/"] {
        let (_, body) = c.gs(uri).await;
        assert!(!body.contains("csrf="), "{uri}: a token in a URL");
    }
}

async fn pages_send_security_headers(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    let mut anon = app.anonymous();
    let pages = vec![
        ("/", c.get("/").await),
        ("/orgs/QN.DH.QT", c.get("/orgs/QN.DH.QT").await),
        ("/orgs/QN.TY.DN (403)", c.get("/orgs/QN.TY.DN").await),
        ("/nowhere (404)", c.get("/nowhere").await),
        ("/login", anon.get("/login").await),
        ("/ (303)", anon.get("/").await),
    ];
    for (what, page) in pages {
        let h = |name: header::HeaderName| {
            page.headers.get(&name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
        };
        let csp = h(header::CONTENT_SECURITY_POLICY);
        assert!(csp.contains("script-src 'self'"), "{what}: CSP {csp:?}");
        assert!(!csp.contains("unsafe-inline"), "{what}: CSP {csp:?}");
        assert!(csp.contains("frame-ancestors 'none'"), "{what}: CSP {csp:?}");
        assert_eq!(h(header::X_FRAME_OPTIONS), "DENY", "{what}");
        assert_eq!(h(header::X_CONTENT_TYPE_OPTIONS), "nosniff", "{what}");
    }
}

async fn the_session_cookie_is_http_only_and_same_site(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.anonymous();
    let form = c.get("/login").await;
    c.csrf = support::csrf_in(&form.body).unwrap();
    let page = c.post_form("/login", &[("login", "qt.office"), ("password", PASSWORD), ("next", "/")]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let cookies = set_cookies(&page);
    let session = cookies.iter().find(|c| c.starts_with("daihoi_session=")).expect("a session cookie");
    assert!(session.contains("HttpOnly"), "{session}");
    assert!(session.contains("SameSite=Lax"), "{session}");
    assert!(!session.contains("Secure"), "plain HTTP in tests: {session}");
    // Signing in gives a new session id (no fixation).
    let before = set_cookies(&form).into_iter().find(|c| c.starts_with("daihoi_session="));
    if let Some(before) = before {
        assert_ne!(before.split(';').next(), session.split(';').next(), "the session id changes on sign-in");
    }
}

async fn signing_out_ends_the_session(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    assert_eq!(c.get("/orgs/QN.DH.QT").await.status, StatusCode::OK);
    let out = c.post_form("/logout", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&out), "/login");
    let page = c.get("/orgs/QN.DH.QT").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&page), "/login?next=%2Forgs%2FQN.DH.QT");
}

async fn a_password_change_voids_the_other_sessions(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut here = app.signed_in("qt.office").await;
    let mut elsewhere = app.signed_in("qt.office").await;
    assert_eq!(elsewhere.get("/").await.status, StatusCode::OK);
    let new = "một mật khẩu mới đủ dài";
    // Refusals first: nothing changes.
    let page = here.post_form("/account/password", &[("current", "wrong one"), ("new", new), ("repeat", new)]).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let page = here.post_form("/account/password", &[("current", PASSWORD), ("new", new), ("repeat", "other")]).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert_eq!(elsewhere.get("/").await.status, StatusCode::OK);

    let page = here.post_form("/account/password", &[("current", PASSWORD), ("new", new), ("repeat", new)]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Đã đổi mật khẩu"), "{}", page.body);
    assert_eq!(here.get("/").await.status, StatusCode::OK, "this session stays signed in");
    let page = elsewhere.get("/").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "the other session is void");
    assert!(location(&page).starts_with("/login"));
    // The old password no longer works; the new one does.
    assert_eq!(app.anonymous().sign_in("qt.office", PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.anonymous().sign_in("qt.office", new).await.status, StatusCode::SEE_OTHER);
}

async fn the_chosen_language_is_remembered_after_signing_in_again(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    let page = c.post_form("/language", &[("lang", "en"), ("back", "/orgs/QN.DH.QT")]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&page), "/orgs/QN.DH.QT");
    // A foreign destination is not followed.
    let page = c.post_form("/language", &[("lang", "en"), ("back", "//evil.example/")]).await;
    assert_eq!(location(&page), "/");
    // An unknown language is refused.
    assert_eq!(c.post_form("/language", &[("lang", "de"), ("back", "/")]).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(c.post_form("/logout", &[]).await.status, StatusCode::SEE_OTHER);

    // A new browser, another Accept-Language: the user's choice wins.
    let mut again = app.anonymous();
    again.headers.insert(header::ACCEPT_LANGUAGE, "fr".parse().unwrap());
    assert_eq!(again.sign_in("qt.office", PASSWORD).await.status, StatusCode::SEE_OTHER);
    let (status, body) = again.gs("/?date=2026-11-28").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"<html lang="en">"#), "{body}");
    assert!(body.contains("Party organizations on 28 Nov 2026"), "{body}");
}

async fn api_tokens_are_shown_once_and_revoked(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    let page = c.post_form("/account/tokens", &[("name", "máy báo cáo")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Đã tạo mã truy cập."));
    let at = page.body.find(r#"<code id="new-token">"#).expect("the new token is shown") + 21;
    let secret: String = page.body[at..].chars().take_while(|c| *c != '<').collect();
    assert!(secret.starts_with("dh_") && secret.len() > 20, "{secret}");
    assert!(db.user_by_api_token(&secret).await.unwrap().is_some(), "the token works");
    // Shown once: not on the account page afterwards.
    let (_, account) = c.gs("/account").await;
    assert!(account.contains("máy báo cáo"));
    assert!(!account.contains(&secret), "the secret is shown only once");
    assert!(!account.contains("new-token"));
    // A bad name.
    assert_eq!(c.post_form("/account/tokens", &[("name", "  ")]).await.status, StatusCode::BAD_REQUEST);
    // Revoke.
    let at = account.find("/account/tokens/").expect("a revoke form") + "/account/tokens/".len();
    let id: String = account[at..].chars().take_while(char::is_ascii_digit).collect();
    let page = c.post_form(&format!("/account/tokens/{id}/revoke"), &[]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Đã thu hồi mã truy cập."));
    assert!(page.body.contains("Đã thu hồi lúc"));
    assert!(db.user_by_api_token(&secret).await.unwrap().is_none(), "a revoked token no longer works");
    // Twice: nothing to revoke.
    assert_eq!(c.post_form(&format!("/account/tokens/{id}/revoke"), &[]).await.status, StatusCode::NOT_FOUND);
    // Someone else's token cannot be revoked.
    let other = app.user("qt.admin", Role::Admin, "QN.DH.QT").await;
    let (other_id, other_secret) = db
        .operator()
        .accounts()
        .create_api_token(&db.user_by_id(other).await.unwrap().unwrap(), "admin's", "test")
        .await
        .unwrap();
    let page = c.post_form(&format!("/account/tokens/{other_id}/revoke"), &[]).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(db.user_by_api_token(&other_secret).await.unwrap().is_some());
}

const HEADER: &[&str] = &[
    "Số thẻ đảng viên",
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Dân tộc",
    "Mã chi bộ",
    "Ngày vào Đảng",
    "Ngày chính thức",
];

/// Two new members of Quảng Tân; with `bad`, the second was born on 31/02.
fn member_rows(bad: bool) -> Vec<Vec<&'static str>> {
    vec![
        HEADER.to_vec(),
        vec!["10000101", "Hoàng Văn Em", "Nam", "02/03/1990", "Tày", "QN.DH.QT.CB01", "15/04/2015", "15/04/2016"],
        vec![
            "10000102",
            "Vũ Thị Giang",
            "Nữ",
            if bad { "31/02/1992" } else { "07/08/1992" },
            "Kinh",
            "QN.DH.QT.CB02",
            "01/06/2018",
            "",
        ],
    ]
}

fn csv(rows: &[Vec<&str>]) -> Vec<u8> {
    rows.iter().map(|r| r.join(",") + "\n").collect::<String>().into_bytes()
}

fn xlsx(rows: &[Vec<&str>]) -> Vec<u8> {
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

/// The id of the confirmation form in an import preview (the last link
/// under `/import/`: the template's comes first).
fn pending_id(body: &str) -> String {
    let at = body.rfind("/import/").expect("a confirmation form") + "/import/".len();
    body[at..].chars().take_while(|c| c.is_ascii_hexdigit()).collect()
}

/// A file with more refused rows than a page should hold lists the first
/// 200 and says how many there are in all.
async fn a_preview_lists_the_first_problems_and_counts_them_all(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    let mut rows = vec![HEADER.to_vec()];
    let people: Vec<(String, String)> =
        (0..250).map(|i| ((10_000_101 + i).to_string(), format!("Nguyễn Văn {i}"))).collect();
    for (card, name) in &people {
        rows.push(vec![card, name, "Nam", "31/02/1990", "Tày", "QN.DH.QT.CB01", "15/04/2015", ""]);
    }
    let page = c.post_file("/orgs/QN.DH.QT/import", "ds.csv", &csv(&rows)).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let listed = page.body.matches("<tr><td>ds</td>").count();
    assert_eq!(listed, 200, "the first 200 problems are listed");
    assert!(page.body.contains("id=\"import-problems-more\""), "{}", page.body);
    let more = &page.body[page.body.find("id=\"import-problems-more\"").unwrap()..];
    assert!(more.contains("tổng cộng"), "the total is said: {more}");
}

async fn member_import_bad_row_then_good_file_then_audit(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    app.user("qn.admin", Role::Admin, "QN").await;
    let mut c = app.signed_in("qt.office").await;
    let (status, form) = c.gs("/orgs/QN.DH.QT/import").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains(r#"enctype="multipart/form-data""#));

    for (file, bytes) in [("ds.csv", csv(&member_rows(true))), ("ds.xlsx", xlsx(&member_rows(true)))] {
        let page = c.post_file("/orgs/QN.DH.QT/import", file, &bytes).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{file}: {}", page.body);
        assert!(page.body.contains("có dòng bị lỗi"), "{file}: {}", page.body);
        assert!(page.body.contains("Chưa ghi dữ liệu nào"), "{file}");
        // Row 3, column D (birth date), the value.
        let row = page.body.find("<td>3</td>").unwrap_or_else(|| panic!("{file}: row 3 named: {}", page.body));
        let line = &page.body[row..page.body[row..].find("</tr>").unwrap() + row];
        assert!(line.contains("<td>D (Ngày sinh"), "{file}: {line}");
        assert!(line.contains("<td>31/02/1992</td>"), "{file}: {line}");
        assert!(!page.body.contains("import-confirm"), "{file}: nothing to confirm");
        assert!(!card_exists(&db, "10000101").await && !card_exists(&db, "10000102").await, "nothing written");
    }
    // A file refused by the store (a cell outside the commune).
    let mut outside = member_rows(false);
    outside[1][5] = "QN.TY.DN.CB01";
    let page = c.post_file("/orgs/QN.DH.QT/import", "ds.csv", &csv(&outside)).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", page.body);
    assert!(page.body.contains("QN.TY.DN.CB01"));
    assert!(!card_exists(&db, "10000101").await);

    // The good file: preview, nothing written yet, then confirm.
    let page = c.post_file("/orgs/QN.DH.QT/import", "ds.xlsx", &xlsx(&member_rows(false))).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("ds.xlsx: xem trước"), "{}", page.body);
    assert!(page.body.contains(r#"<tr><th>Đảng viên mới</th><td>2</td></tr>"#), "{}", page.body);
    assert!(!card_exists(&db, "10000101").await, "a preview writes nothing");
    let id = pending_id(&page.body);
    let done = c.post_form(&format!("/orgs/QN.DH.QT/import/{id}"), &[]).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("ds.xlsx: đã nhập xong."), "{}", done.body);
    assert!(card_exists(&db, "10000101").await && card_exists(&db, "10000102").await);
    let (_, list) = c.gs("/orgs/QN.DH.QT/members").await;
    assert!(list.contains("Hoàng Văn Em") && list.contains("Vũ Thị Giang"));
    // A confirmation is used once.
    assert_eq!(c.post_form(&format!("/orgs/QN.DH.QT/import/{id}"), &[]).await.status, StatusCode::GONE);

    // The audit log, as the province's administrator.
    let mut admin = app.signed_in("qn.admin").await;
    let (status, audit) = admin.gs("/audit").await;
    assert_eq!(status, StatusCode::OK);
    // Issue 14 §8: actions in words, the moment in Vietnam's time.
    assert!(audit.contains("title=\"import_members\">Nhập tệp đảng viên</td>"), "{audit}");
    assert!(!audit.contains("+00:00") && !audit.contains("Z</td>"), "no raw instants: {audit}");
    assert!(audit.contains("<td>qt.office</td>"), "{audit}");
    assert!(audit.contains(">Đăng nhập</td>"), "the admin's own sign-in: {audit}");
    let (status, filtered) = admin.gs("/audit?action=import_members").await;
    assert_eq!(status, StatusCode::OK);
    assert!(filtered.contains(">Nhập tệp đảng viên</td>"), "{filtered}");
    assert!(!filtered.contains(">Đăng nhập</td>"), "{filtered}");
    assert!(filtered.contains("1 mục"), "one import: {filtered}");
    assert!(filtered.contains(r#"name="action" value="import_members""#));
    let (_, none) = admin.gs("/audit?action=nothing_like_this").await;
    assert!(!none.contains(">Nhập tệp đảng viên</td>") && none.contains("0 mục"), "{none}");
}

async fn nobody_else_can_confirm_a_pending_import(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    app.user("dn.office", Role::Office, "QN.TY.DN").await;
    app.user("qt.office2", Role::Office, "QN.DH.QT").await;
    let mut owner = app.signed_in("qt.office").await;
    let page = owner.post_file("/orgs/QN.DH.QT/import", "ds.csv", &csv(&member_rows(false))).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let id = pending_id(&page.body);

    let mut other = app.signed_in("dn.office").await;
    let page = other.post_form(&format!("/orgs/QN.DH.QT/import/{id}"), &[]).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "another commune's import");
    let page = other.post_form(&format!("/orgs/QN.TY.DN/import/{id}"), &[]).await;
    assert!(matches!(page.status, StatusCode::NOT_FOUND | StatusCode::GONE), "{}", page.status);
    // Not even a colleague of the same commune.
    let mut colleague = app.signed_in("qt.office2").await;
    let page = colleague.post_form(&format!("/orgs/QN.DH.QT/import/{id}"), &[]).await;
    assert!(matches!(page.status, StatusCode::NOT_FOUND | StatusCode::GONE), "{}", page.status);
    assert!(!card_exists(&db, "10000101").await, "nothing written");
    // Nor the owner under another organization of theirs.
    let page = owner.post_form(&format!("/orgs/QN.DH.QT.CB01/import/{id}"), &[]).await;
    assert!(matches!(page.status, StatusCode::NOT_FOUND | StatusCode::GONE), "{}", page.status);
    assert!(!card_exists(&db, "10000101").await, "nothing written");
}

/// A confirmation sent to the wrong organization is refused and leaves the
/// preview waiting for the right one.
async fn a_confirmation_to_the_wrong_organization_keeps_the_preview(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut owner = app.signed_in("qt.office").await;
    let page = owner.post_file("/orgs/QN.DH.QT/import", "ds.csv", &csv(&member_rows(false))).await;
    let id = pending_id(&page.body);
    let page = owner.post_form(&format!("/orgs/QN.DH.QT.CB01/import/{id}"), &[]).await;
    assert_eq!(page.status, StatusCode::GONE);
    let page = owner.post_form(&format!("/orgs/QN.DH.QT/import/{id}"), &[]).await;
    assert_eq!(page.status, StatusCode::OK, "the preview is still there: {}", page.body);
}

/// Behind a reverse proxy the audit log records each client's address from
/// X-Forwarded-For (the last hop, which the proxy appended); without the
/// setting the header is ignored, so a client cannot choose its address.
async fn the_client_address_behind_a_proxy(db: Db) {
    seeded(&db).await;
    for (app, expected) in [(TestApp::behind_proxy(&db), "203.0.113.7"), (TestApp::new(&db), "local")] {
        let mut c = app.anonymous();
        c.headers.insert("x-forwarded-for", "198.51.100.1, 203.0.113.7".parse().unwrap());
        let page = c.sign_in("nobody", "wrong password").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
        let operator = daihoi_store::Viewer::operator();
        let filter = daihoi_store::audit::AuditFilter { limit: 1, ..Default::default() };
        let (entries, _) = db.scoped(&operator).audit().audit_entries(&filter).await.unwrap();
        assert_eq!(entries[0].address, expected);
    }
}

// What a signed-in request needs (its session, the user and the roles) is
// kept in memory while the data generation has not moved (issue 13, item
// 5). Each change below is made the way another process makes it: with the
// store's own calls that `daihoi user …` makes, on the same database, after
// the server has kept the session (two requests first). Each takes effect
// on the very next request.

async fn a_revoked_role_takes_effect_on_the_next_request(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    let id = app.user("office", Role::Office, "QN.DH.QT").await;
    app.grant("office", Role::Office, "QN.TY.DN").await;
    let mut c = app.signed_in("office").await;
    for _ in 0..2 {
        assert_eq!(c.get("/orgs/QN.TY.DN").await.status, StatusCode::OK);
    }
    assert!(
        db.operator()
            .accounts()
            .revoke(&db.user_by_id(id).await.unwrap().unwrap(), Role::Office, &code("QN.TY.DN"), "test")
            .await
            .unwrap()
    );
    let page = c.get("/orgs/QN.TY.DN").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "the role is gone: {}", page.body);
    assert_eq!(c.get("/orgs/QN.DH.QT").await.status, StatusCode::OK, "the other role stays");
    db.operator()
        .accounts()
        .grant(&db.user_by_id(id).await.unwrap().unwrap(), Role::Office, &code("QN.TY.DN"), "test")
        .await
        .unwrap();
    assert_eq!(c.get("/orgs/QN.TY.DN").await.status, StatusCode::OK, "a role given counts at once too");
}

async fn a_password_set_elsewhere_voids_the_session_on_the_next_request(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    let id = app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    for _ in 0..2 {
        assert_eq!(c.get("/").await.status, StatusCode::OK);
    }
    db.operator()
        .accounts()
        .reset_password(&db.user_by_id(id).await.unwrap().unwrap(), "một mật khẩu khác đủ dài", "test")
        .await
        .unwrap();
    let page = c.get("/").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "the session's epoch is void");
    assert!(location(&page).starts_with("/login"), "{}", location(&page));
}

async fn a_lowered_clearance_takes_effect_on_the_next_request(db: Db) {
    use daihoi_store::documents::{Classification, NewDocument};
    seeded(&db).await;
    let app = TestApp::new(&db);
    let id = app.user("qt.office", Role::Office, "QN.DH.QT").await;
    db.operator()
        .accounts()
        .set_clearance(&db.user_by_id(id).await.unwrap().unwrap(), Classification::Secret, "test")
        .await
        .unwrap();
    let secret = db
        .register_document(&NewDocument {
            doc_type: "KH",
            issuer: "ĐU",
            number: 8808,
            number_text: "8808",
            issued_on: time::macros::date!(2023 - 03 - 17),
            title: "Kế hoạch mật Z9K",
            summary: "",
            classification: Classification::Secret,
            org: Some(&code("QN.DH.QT")),
        })
        .await
        .unwrap()
        .id;
    let uri = format!("/documents/{secret}");
    let mut c = app.signed_in("qt.office").await;
    for _ in 0..2 {
        let page = c.get(&uri).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Z9K"), "{}", page.body);
    }
    db.operator()
        .accounts()
        .set_clearance(&db.user_by_id(id).await.unwrap().unwrap(), Classification::Normal, "test")
        .await
        .unwrap();
    let page = c.get(&uri).await;
    assert_ne!(page.status, StatusCode::OK, "no longer cleared");
    assert!(!page.body.contains("Z9K"), "{}", page.body);
}

async fn an_expired_session_is_refused_from_memory_too(db: Db) {
    seeded(&db).await;
    let idle = time::Duration::seconds(3);
    let app = TestApp::with_state(&db, daihoi_web::AppState::new(db.clone()).with_session_idle(idle));
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    assert_eq!(c.get("/").await.status, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(4100)).await;
    let page = c.get("/").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "expired");
    assert!(location(&page).starts_with("/login"), "{}", location(&page));
}

/// Two servers on one database (each with its own memory): signing out on
/// one ends the session on the other.
async fn signing_out_on_another_server_ends_the_session_here(db: Db) {
    seeded(&db).await;
    let (here_app, there_app) = (TestApp::new(&db), TestApp::new(&db));
    here_app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut here = here_app.signed_in("qt.office").await;
    let mut there = here.on(&there_app);
    for _ in 0..2 {
        assert_eq!(here.get("/").await.status, StatusCode::OK);
        assert_eq!(there.get("/").await.status, StatusCode::OK);
    }
    assert_eq!(there.post_form("/logout", &[]).await.status, StatusCode::SEE_OTHER);
    let page = here.get("/").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "signed out elsewhere");
    assert!(location(&page).starts_with("/login"), "{}", location(&page));
}

/// The cookie of a session signed out, sent again, finds nothing kept.
async fn a_signed_out_session_is_refused_with_its_old_cookie(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    assert_eq!(c.get("/").await.status, StatusCode::OK);
    let old = c.cookie(SESSION_COOKIE).expect("a session cookie").to_owned();
    assert_eq!(c.post_form("/logout", &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(c.cookie(SESSION_COOKIE), None, "the browser forgets it");
    c.set_cookie(SESSION_COOKIE, &old);
    let page = c.get("/").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "the old cookie is void");
    assert!(location(&page).starts_with("/login"), "{}", location(&page));
}

/// Reading pages writes nothing: neither the session's row (tower-sessions
/// saves a session only when a request changed it) nor anything that moves
/// the data generation. And a signed-in read reads no session row: with
/// the row removed behind the store's back (which moves no generation) the
/// session is still served from memory, until the generation moves.
async fn reading_pages_writes_nothing_and_reads_no_session_row(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let other = app.user("qt.admin", Role::Admin, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    assert_eq!(c.get("/").await.status, StatusCode::OK);
    let generation = db.data_generation().await.unwrap();
    // An expiry no save would write (1 January 2100).
    db.tamper_for_test("UPDATE web_session SET expires_at = 4102444800").await;
    for uri in ["/", "/orgs/QN.DH.QT", "/orgs/QN.DH.QT/members", "/account", "/documents"] {
        let page = c.get(uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}: {}", page.body);
    }
    assert_eq!(db.data_generation().await.unwrap(), generation, "no write moved the generation");
    db.tamper_for_test("DELETE FROM web_session WHERE expires_at <> 4102444800").await;
    assert_eq!(db.rows_for_test("web_session").await, 1, "the session's row was not written again");

    db.tamper_for_test("DELETE FROM web_session").await;
    assert_eq!(c.get("/").await.status, StatusCode::OK, "served from memory");
    db.scoped(&db.viewer(db.user_by_id(other).await.unwrap().unwrap()).await.unwrap())
        .accounts()
        .set_language("en", "test")
        .await
        .unwrap();
    let page = c.get("/").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "the generation moved: the row is read, and is gone");
}

daihoi_test_support::engines!(
    a_preview_lists_the_first_problems_and_counts_them_all,
    the_client_address_behind_a_proxy,
    a_confirmation_to_the_wrong_organization_keeps_the_preview,
    wrong_password_is_refused_without_a_session,
    five_failures_throttle_even_the_right_password,
    unsafe_requests_need_the_token_and_our_origin,
    pages_send_security_headers,
    the_session_cookie_is_http_only_and_same_site,
    signing_out_ends_the_session,
    a_password_change_voids_the_other_sessions,
    the_chosen_language_is_remembered_after_signing_in_again,
    api_tokens_are_shown_once_and_revoked,
    member_import_bad_row_then_good_file_then_audit,
    nobody_else_can_confirm_a_pending_import,
    a_revoked_role_takes_effect_on_the_next_request,
    a_password_set_elsewhere_voids_the_session_on_the_next_request,
    a_lowered_clearance_takes_effect_on_the_next_request,
    an_expired_session_is_refused_from_memory_too,
    signing_out_on_another_server_ends_the_session_here,
    a_signed_out_session_is_refused_with_its_old_cookie,
    reading_pages_writes_nothing_and_reads_no_session_row,
);
