//! The pages, requested in process against a real database on each engine.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use daihoi_store::Db;
use daihoi_test_support::fixtures::*;
use daihoi_web::{AppState, router};
use tower::ServiceExt;

async fn get(db: &Db, uri: &str) -> (StatusCode, String) {
    get_with(db, Request::get(uri)).await
}

async fn get_with(db: &Db, request: axum::http::request::Builder) -> (StatusCode, String) {
    let response = router(AppState { db: db.clone() }).oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap())
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

async fn home_shows_the_tree_on_a_date(db: Db) {
    seeded(&db).await;
    let (status, body) = get(&db, "/?date=2026-11-28").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Đảng bộ tỉnh Quảng Ninh"), "{body}");
    assert!(body.contains("Đảng bộ huyện Đầm Hà"));
    let (_, before) = get(&db, "/?date=2019-01-01").await;
    assert!(before.contains("Chưa có tổ chức nào"));
}

async fn organization_page(db: Db) {
    seeded(&db).await;
    let (status, body) = get(&db, "/orgs/QN.DH.QT?date=2026-11-28").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Đảng bộ xã Quảng Tân"));
    assert!(body.contains("Chi bộ thôn Đồng Tâm"));
    assert!(body.contains("<th>Đảng viên chính thức</th><td>2</td>"), "{body}");
    // Breadcrumbs up to the province.
    assert!(body.contains(r#"<a href="/orgs/QN?date=2026-11-28">Đảng bộ tỉnh Quảng Ninh</a>"#));
}

async fn member_list_searches_without_diacritics(db: Db) {
    seeded(&db).await;
    let (status, body) = get(&db, "/orgs/QN/members?date=2026-11-28&q=nguyen+van+an").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Nguyễn Văn An") && body.contains("Nguyễn Văn Anh"));
    assert!(!body.contains("Trần Thị Bình"));
    assert!(body.contains("2 đảng viên"));
    let (_, scoped) = get(&db, "/orgs/QN.DH.QT/members?date=2026-11-28").await;
    assert!(scoped.contains("Nguyễn Văn An") && scoped.contains("Trần Thị Bình") && !scoped.contains("Nguyễn Văn Anh"));
    // "An" sorts before "Bình" (given names).
    assert!(scoped.find("Nguyễn Văn An").unwrap() < scoped.find("Trần Thị Bình").unwrap());
}

async fn member_page(db: Db) {
    seeded(&db).await;
    let id =
        db.person_id_by_card(&daihoi_core::members::CardNumber::parse("10000002").unwrap()).await.unwrap().unwrap();
    let (status, body) = get(&db, &format!("/members/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Trần Thị Bình") && body.contains("19/05/2005") && body.contains("QN.DH.QT.CB02"));
}

async fn errors_are_pages(db: Db) {
    seeded(&db).await;
    assert_eq!(get(&db, "/orgs/QN.NOPE").await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&db, "/orgs/QN?date=2019-01-01").await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&db, "/members/999999").await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&db, "/nowhere").await.0, StatusCode::NOT_FOUND);
    let (status, body) = get(&db, "/orgs/QN?date=31/02/2024").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("Tham số không hợp lệ"));
}

async fn pages_speak_english_and_french(db: Db) {
    seeded(&db).await;
    let (status, body) = get(&db, "/?date=2026-11-28&lang=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"<html lang="en">"#), "{body}");
    assert!(body.contains("Party organizations on 28 Nov 2026"), "{body}");
    assert!(body.contains("Đảng bộ tỉnh Quảng Ninh"), "names stay as they are");
    let (_, vi) = get(&db, "/?date=2026-11-28").await;
    assert!(vi.contains(r#"<html lang="vi">"#) && vi.contains("Hệ thống tổ chức đảng ngày 28/11/2026"));

    let french = || Request::get("/orgs/QN.DH.QT?date=2026-11-28").header("accept-language", "fr-FR,fr;q=0.9,en;q=0.5");
    let (status, body) = get_with(&db, french()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"<html lang="fr">"#) && body.contains("<th>Membres titulaires</th><td>2</td>"), "{body}");
    assert!(body.contains("Cellule du Parti"), "organization kinds are translated: {body}");

    // Plurals.
    let (_, en) = get(&db, "/orgs/QN/members?date=2026-11-28&q=nguyen+van+an&lang=en").await;
    assert!(en.contains("2 members") && en.contains("Full member"), "{en}");
    let (_, fr) = get(&db, "/orgs/QN/members?date=2026-11-28&q=binh&lang=fr").await;
    assert!(fr.contains("1 membre<") || fr.contains("1 membre "), "{fr}");
    assert!(!fr.contains("1 membres"));

    // `?lang=` is remembered in a cookie, which then wins over Accept-Language.
    let response = router(AppState { db: db.clone() })
        .oneshot(Request::get("/?lang=fr").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let cookie = response.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
    assert!(cookie.starts_with("lang=fr;"), "{cookie}");
    let (_, body) = get_with(&db, Request::get("/").header("cookie", "lang=fr").header("accept-language", "en")).await;
    assert!(body.contains(r#"<html lang="fr">"#));
}

async fn error_pages_speak_the_request_language(db: Db) {
    seeded(&db).await;
    let (status, body) = get(&db, "/nowhere?lang=en").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Page not found") && body.contains(r#"<html lang="en">"#), "{body}");
    let (status, body) = get_with(&db, Request::get("/orgs/QN?date=31/02/2024").header("accept-language", "fr")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("Paramètre invalide") && body.contains("31/02/2024"), "{body}");
    let (_, body) = get(&db, "/members/999999").await;
    assert!(body.contains("Không tìm thấy trang") && body.contains(r#"<html lang="vi">"#), "{body}");
}

daihoi_test_support::engines!(
    home_shows_the_tree_on_a_date,
    organization_page,
    member_list_searches_without_diacritics,
    member_page,
    errors_are_pages,
    pages_speak_english_and_french,
    error_pages_speak_the_request_language,
);
