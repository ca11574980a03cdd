//! The pages, requested in process against a real database on each engine.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use daihoi_store::Db;
use daihoi_test_support::fixtures::*;
use daihoi_web::{AppState, router};
use tower::ServiceExt;

async fn get(db: &Db, uri: &str) -> (StatusCode, String) {
    let response =
        router(AppState { db: db.clone() }).oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
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

daihoi_test_support::engines!(
    home_shows_the_tree_on_a_date,
    organization_page,
    member_list_searches_without_diacritics,
    member_page,
    errors_are_pages,
);
