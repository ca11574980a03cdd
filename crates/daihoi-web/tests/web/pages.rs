//! The pages, requested in process against a real database on each engine,
//! by a signed-in administrator of the province unless a test says otherwise.

use crate::support;

use axum::http::StatusCode;
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_test_support::fixtures::*;
use support::{Client, TestApp};

/// The application over `db` with an administrator of the province signed in.
async fn admin(db: &Db) -> Client {
    let app = TestApp::new(db);
    app.user("admin", Role::Admin, "QN").await;
    app.signed_in("admin").await
}

async fn seeded(db: &Db) {
    small_tree(db).await;
    import(
        db,
        vec![
            member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("10000002", "Trần Thị Bình", "QN.DH.QT.CB02"),
            member("10000003", "Nguyễn Văn Anh", "QN.TY.DN.CB01"),
        ],
    )
    .await;
}

/// Issue 14 §8: an error page (403, 404) of a signed-in user keeps the
/// navigation, in the user's language; a signed-out one has none.
async fn error_pages_keep_the_navigation(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    for (uri, status) in [("/orgs/QN.TY.DN", StatusCode::FORBIDDEN), ("/orgs/QN.NOPE", StatusCode::NOT_FOUND)] {
        let page = c.get(uri).await;
        assert_eq!(page.status, status, "{uri}");
        assert!(page.body.contains("action=\"/logout\""), "{uri}: the navigation: {}", page.body);
        assert!(page.body.contains("href=\"/documents\""), "{uri}: {}", page.body);
    }
    let page = c.get("/orgs/QN.TY.DN?lang=en").await;
    assert!(page.body.contains("action=\"/logout\"") && page.body.contains("<html lang=\"en\">"), "{}", page.body);
}

async fn home_shows_the_tree_on_a_date(db: Db) {
    seeded(&db).await;
    let mut c = admin(&db).await;
    let (status, body) = c.gs("/?date=2026-11-28").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Đảng bộ tỉnh Quảng Ninh"), "{body}");
    assert!(body.contains("Đảng bộ huyện Đầm Hà"));
    let (_, before) = c.gs("/?date=2019-01-01").await;
    assert!(before.contains("Chưa có tổ chức nào"));
}

async fn organization_page(db: Db) {
    seeded(&db).await;
    let mut c = admin(&db).await;
    let (status, body) = c.gs("/orgs/QN.DH.QT?date=2026-11-28").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Đảng bộ xã Quảng Tân"));
    assert!(body.contains("Chi bộ thôn Đồng Tâm"));
    assert!(body.contains("<th>Đảng viên chính thức</th><td>2</td>"), "{body}");
    // Breadcrumbs up to the province.
    assert!(body.contains(r#"<a href="/orgs/QN?date=2026-11-28">Đảng bộ tỉnh Quảng Ninh</a>"#));
}

async fn member_list_searches_without_diacritics(db: Db) {
    seeded(&db).await;
    let mut c = admin(&db).await;
    let (status, body) = c.gs("/orgs/QN/members?date=2026-11-28&q=nguyen+van+an").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Nguyễn Văn An") && body.contains("Nguyễn Văn Anh"));
    assert!(!body.contains("Trần Thị Bình"));
    assert!(body.contains("2 đảng viên"));
    let (_, scoped) = c.gs("/orgs/QN.DH.QT/members?date=2026-11-28").await;
    assert!(scoped.contains("Nguyễn Văn An") && scoped.contains("Trần Thị Bình") && !scoped.contains("Nguyễn Văn Anh"));
    // "An" sorts before "Bình" (given names).
    assert!(scoped.find("Nguyễn Văn An").unwrap() < scoped.find("Trần Thị Bình").unwrap());
}

async fn member_page(db: Db) {
    seeded(&db).await;
    let mut c = admin(&db).await;
    let id =
        db.person_id_by_card(&daihoi_core::members::CardNumber::parse("10000002").unwrap()).await.unwrap().unwrap();
    let (status, body) = c.gs(&format!("/members/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Trần Thị Bình") && body.contains("19/05/2005") && body.contains("QN.DH.QT.CB02"));
}

async fn errors_are_pages(db: Db) {
    seeded(&db).await;
    let mut c = admin(&db).await;
    assert_eq!(c.gs("/orgs/QN.NOPE").await.0, StatusCode::NOT_FOUND);
    assert_eq!(c.gs("/orgs/QN?date=2019-01-01").await.0, StatusCode::NOT_FOUND);
    assert_eq!(c.gs("/members/999999").await.0, StatusCode::NOT_FOUND);
    assert_eq!(c.gs("/nowhere").await.0, StatusCode::NOT_FOUND);
    let (status, body) = c.gs("/orgs/QN?date=31/02/2024").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("Tham số không hợp lệ"));
    // A path parameter that does not parse is the error page, for every
    // route that takes one, not axum's plain text.
    for path in ["/members/abc", "/tasks/abc", "/documents/abc", "/disseminations/abc", "/documents/files/x"] {
        let page = c.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(page.body.contains("<html"), "{path}: {}", page.body);
    }
    // Pages take GET and POST only (the CSRF check relies on it), and any
    // other method is 405, not the CSRF refusal.
    for (method, path) in daihoi_web::page_routes().routes {
        assert!(method == axum::http::Method::GET || method == axum::http::Method::POST, "{method} {path}");
    }
    for (method, path) in [("DELETE", "/orgs/QN"), ("PUT", "/members/1"), ("PATCH", "/documents"), ("DELETE", "/login")]
    {
        let req = axum::http::Request::builder().method(method).uri(path);
        let page = c.send(req, axum::body::Body::empty()).await;
        assert_eq!(page.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
    }
}

async fn pages_speak_english_and_french(db: Db) {
    seeded(&db).await;
    let mut c = admin(&db).await;
    let (status, body) = c.gs("/?date=2026-11-28&lang=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"<html lang="en">"#), "{body}");
    assert!(body.contains("Party organizations on 28 Nov 2026"), "{body}");
    assert!(body.contains("Đảng bộ tỉnh Quảng Ninh"), "names stay as they are");
    let (_, vi) = c.gs("/?date=2026-11-28").await;
    assert!(vi.contains(r#"<html lang="vi">"#) && vi.contains("Hệ thống tổ chức đảng ngày 28/11/2026"));

    // The user's language, once chosen, is kept for the user.
    assert_eq!(c.post_form("/language", &[("lang", "fr"), ("back", "/")]).await.status, StatusCode::SEE_OTHER);
    let (status, body) = c.gs("/orgs/QN.DH.QT?date=2026-11-28").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"<html lang="fr">"#) && body.contains("<th>Membres titulaires</th><td>2</td>"), "{body}");
    assert!(body.contains("Cellule du Parti"), "organization kinds are translated: {body}");

    // Plurals.
    let (_, en) = c.gs("/orgs/QN/members?date=2026-11-28&q=nguyen+van+an&lang=en").await;
    assert!(en.contains("2 members") && en.contains("Full member"), "{en}");
    let (_, fr) = c.gs("/orgs/QN/members?date=2026-11-28&q=binh&lang=fr").await;
    assert!(fr.contains("1 membre<") || fr.contains("1 membre "), "{fr}");
    assert!(!fr.contains("1 membres"));

    // Signed out: `?lang=` is remembered in a cookie, which then wins over
    // Accept-Language.
    let app = TestApp::new(&db);
    let mut anon = app.anonymous();
    let page = anon.get("/login?lang=fr").await;
    let cookies: Vec<&str> = page.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap()).collect();
    assert!(cookies.iter().any(|c| c.starts_with("lang=fr;")), "{cookies:?}");
    anon.headers.insert("accept-language", "en".parse().unwrap());
    let page = anon.get("/login").await;
    assert!(page.body.contains(r#"<html lang="fr">"#) && page.body.contains("Connexion"), "{}", page.body);
}

async fn error_pages_speak_the_request_language(db: Db) {
    seeded(&db).await;
    let mut c = admin(&db).await;
    let (status, body) = c.gs("/nowhere?lang=en").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Page not found") && body.contains(r#"<html lang="en">"#), "{body}");
    let (status, body) = c.gs("/orgs/QN?date=31/02/2024&lang=fr").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("Paramètre invalide") && body.contains("31/02/2024"), "{body}");
    let (_, body) = c.gs("/members/999999").await;
    assert!(body.contains("Không tìm thấy trang") && body.contains(r#"<html lang="vi">"#), "{body}");
}

/// The register: search without diacritics, a document with its links both
/// ways (D-LINK-1) in the reader's language, a file as it was attached.
async fn the_document_register(db: Db) {
    seeded(&db).await;
    let mut c = admin(&db).await;
    db.load_demo_documents().await.unwrap();
    let (status, body) = c.gs("/documents?q=chi+thi+35").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(">35-CT/TW</a>") && body.contains("14/06/2024"), "{body}");
    let ct35 = db.document_by_identity("TW", "CT", 35, time::macros::date!(2024 - 06 - 14)).await.unwrap().unwrap();
    let (_, page) = c.gs(&format!("/documents/{}", ct35.id)).await;
    assert!(page.contains("Được hướng dẫn bởi <a") && page.contains("27-HD/BTCTW"), "{page}");
    assert!(page.contains("Được thực hiện bởi") && page.contains("439-KH/TU"), "{page}");
    let (_, en) = c.gs(&format!("/documents/{}?lang=en", ct35.id)).await;
    assert!(en.contains("Guided by") && en.contains("Replaced by"), "{en}");
    // Dissemination: one member of three and one cell of four have studied it.
    let conference = db
        .record_dissemination(&daihoi_store::dissemination::NewDissemination {
            org: &code("QN"),
            held_on: time::macros::date!(2024 - 11 - 18),
            title: "Hội nghị học tập, quán triệt",
            level: "cấp tỉnh",
            notes: "",
            documents: &[ct35.id],
            classification: daihoi_store::documents::Classification::Normal,
        })
        .await
        .unwrap();
    let card = daihoi_core::members::CardNumber::parse("10000001").unwrap();
    db.add_attendance(conference.id, &[card], &[]).await.unwrap();
    let (_, page) = c.gs(&format!("/documents/{}", ct35.id)).await;
    assert!(page.contains("Đảng viên đã học tập: 1 / 3"), "{page}");
    assert!(page.contains("tổ chức đã học tập: 1 / 4"), "{page}");
    // 35-CT/TW was replaced by 45-CT/TW: no list of who has not studied it (issue 14 §4).
    assert!(page.contains("id=\"replaced-by\"") && page.contains("45-CT/TW"), "{page}");
    assert!(!page.contains("Chưa học tập:"), "{page}");
    let file = db.attach_file(ct35.id, "Chỉ thị 35.pdf", "application/pdf", b"%PDF-1.7 35").await.unwrap();
    let got = c.get(&format!("/documents/files/{}", file.id)).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body, "%PDF-1.7 35");
    assert_eq!(got.headers["content-type"], "application/pdf");
    assert!(got.headers["content-disposition"].to_str().unwrap().contains("filename*=UTF-8''Ch%E1%BB%89"));
}

/// T-3: the home page lists the subtree's tasks whose deadline has passed
/// and that are not done, most overdue first; another subtree's tasks are
/// not shown.
async fn home_lists_overdue_tasks(db: Db) {
    seeded(&db).await;
    db.load_demo_documents().await.unwrap();
    let kh439 = db.document_by_identity("TU", "KH", 439, time::macros::date!(2024 - 07 - 23)).await.unwrap().unwrap();
    let (qt, dn) = (code("QN.DH.QT"), code("QN.TY.DN"));
    let task = |title: &'static str, org, deadline| daihoi_store::tasks::NewTask {
        document_id: kh439.id,
        clause: "",
        title,
        org,
        parent: None,
        weight: None,
        deadline: Some(deadline),
        external_id: None,
        classification: daihoi_store::documents::Classification::Normal,
        assigned_on: time::macros::date!(2026 - 01 - 05),
    };
    db.create_task(&task("Chuẩn bị văn kiện đại hội", &qt, time::macros::date!(2026 - 11 - 18))).await.unwrap();
    db.create_task(&task("Hoàn thành nhân sự", &qt, time::macros::date!(2026 - 12 - 31))).await.unwrap();
    db.create_task(&task("Việc của huyện khác", &dn, time::macros::date!(2026 - 10 - 01))).await.unwrap();
    let app = TestApp::new(&db);
    app.user("vp.quangtan", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("vp.quangtan").await;
    let (status, body) = c.gs("/?date=2026-11-28").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Chuẩn bị văn kiện đại hội") && body.contains("10 ngày"), "{body}");
    assert!(body.contains("439-KH/TU"), "{body}");
    let overdue = &body[body.find("<table class=\"overdue\">").expect("the overdue table")..];
    assert!(!overdue.contains("Hoàn thành nhân sự"), "not yet due: in the inbox only");
    assert!(body.contains("2 nhiệm vụ được giao"), "both are in the commune's inbox: {body}");
    assert!(!body.contains("Việc của huyện khác"), "another subtree's task");
    let (_, before) = c.gs("/?date=2026-11-01").await;
    assert!(!before.contains("<table class=\"overdue\">"), "nothing overdue then: {before}");
}

/// The page without what changes from run to run (the CSRF token).
fn stable(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some(at) = rest.find("name=\"csrf\" value=\"") {
        let start = at + "name=\"csrf\" value=\"".len();
        out.push_str(&rest[..start]);
        out.push_str("[csrf]");
        let end = rest[start..].find('"').map_or(rest.len(), |e| start + e);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Rendered pages are locked by snapshots (SQLite; the PostgreSQL run
/// checks the same text through the other tests).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rendered_pages_snapshots() {
    let t = daihoi_test_support::TestDb::new(daihoi_test_support::TestEngine::Sqlite).await.unwrap();
    let db = t.db.clone();
    seeded(&db).await;
    let mut c = admin(&db).await;
    let id =
        db.person_id_by_card(&daihoi_core::members::CardNumber::parse("10000002").unwrap()).await.unwrap().unwrap();
    for (name, uri) in [
        ("home", "/?date=2026-11-28".to_owned()),
        ("org", "/orgs/QN.DH.QT?date=2026-11-28".to_owned()),
        ("members", "/orgs/QN/members?date=2026-11-28&q=nguyen+van+an".to_owned()),
        ("member", format!("/members/{id}")),
        ("members_en", "/orgs/QN.DH.QT/members?date=2026-11-28&lang=en".to_owned()),
    ] {
        let (status, body) = c.gs(&uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        let mut body = stable(&body).replace(&format!("/members/{id}\""), "/members/[id]\"");
        // The member page's forms start from today (in Vietnam: UTC+7).
        let now = time::OffsetDateTime::now_utc();
        for day in [now, now + time::Duration::hours(7)] {
            body = body.replace(&format!("value=\"{}\"", daihoi_core::date::iso(day.date())), "value=\"[today]\"");
        }
        insta::assert_snapshot!(name, body);
    }
    t.db.close().await;
}

daihoi_test_support::engines!(
    error_pages_keep_the_navigation,
    home_lists_overdue_tasks,
    the_document_register,
    home_shows_the_tree_on_a_date,
    organization_page,
    member_list_searches_without_diacritics,
    member_page,
    errors_are_pages,
    pages_speak_english_and_french,
    error_pages_speak_the_request_language,
);
