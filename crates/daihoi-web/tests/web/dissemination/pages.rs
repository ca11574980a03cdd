//! A conference's page: its attendance a page at a time, and read by the
//! members who attended it (issue 14 §8).

use crate::documents::api::assert_error;
use crate::support;

use axum::http::{Method, StatusCode};
use daihoi_core::Role;
use daihoi_core::members::CardNumber;
use daihoi_store::Db;
use daihoi_store::dissemination::NewDissemination;
use daihoi_store::documents::Classification;
use daihoi_test_support::fixtures::*;
use serde_json::json;
use support::TestApp;

/// A conference held by the commune QN.DH.QT on 18/11/2024 covering
/// `document`, at `classification`, with these members (by card) and
/// organizations (by code): its id.
async fn conference(
    db: &Db,
    document: i64,
    title: &str,
    classification: Classification,
    cards: &[&str],
    orgs: &[&str],
) -> i64 {
    let holder = code("QN.DH.QT");
    let new = NewDissemination {
        org: &holder,
        held_on: time::macros::date!(2024 - 11 - 18),
        title,
        level: "cấp xã",
        notes: "",
        documents: &[document],
        classification,
    };
    let id = db.record_dissemination(&new).await.unwrap().id;
    let cards: Vec<CardNumber> = cards.iter().map(|c| CardNumber::parse(c).unwrap()).collect();
    let orgs: Vec<_> = orgs.iter().map(|c| code(c)).collect();
    db.add_attendance(id, &cards, &orgs).await.unwrap();
    id
}

/// Issue 14 §8: the province's conference of 18/11/2024 listed its 1,454
/// attendees on one page. The page lists 100 at a time, numbered on, with
/// the count, the previous and next pages; the API gives them all unless
/// asked for `limit` from `offset` (backward compatible), with how many
/// there are.
async fn attendance_is_listed_a_page_at_a_time(db: Db) {
    small_tree(&db).await;
    let rows: Vec<_> = (0..250)
        .map(|i| {
            let cell = if i % 2 == 0 { "QN.DH.QT.CB01" } else { "QN.DH.QT.CB02" };
            member(&format!("{}", 10_000_000 + i), "Nguyễn Văn Thành", cell)
        })
        .collect();
    import(&db, rows).await;
    let cards: Vec<String> = (0..250).map(|i| format!("{}", 10_000_000 + i)).collect();
    let cards: Vec<&str> = cards.iter().map(String::as_str).collect();
    let id = conference(
        &db,
        support::resolution_28(&db).await,
        "Hội nghị quán triệt đông người",
        Classification::Normal,
        &cards,
        &[],
    )
    .await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    let uri = format!("/disseminations/{id}");
    let rows = |body: &str| body.matches("<a href=\"/members/").count();

    let first = c.get(&uri).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(rows(&first.body), 100, "one page of 100");
    assert!(first.body.contains("250 đảng viên"), "the count is of all: {}", first.body);
    assert!(first.body.contains("Đảng viên thứ 1 đến 100 trong 250 người được hiện tên"), "{}", first.body);
    assert!(first.body.contains("Trang 1 / 3") && first.body.contains("href=\"?page=2#attendance\""));
    assert!(!first.body.contains("?page=0"), "no previous page before the first");
    // One name for all: by name, then as they were enrolled.
    assert!(first.body.contains("10000099") && !first.body.contains("10000100"));

    let last = c.get(&format!("{uri}?page=3")).await;
    assert_eq!(last.status, StatusCode::OK);
    assert_eq!(rows(&last.body), 50);
    assert!(last.body.contains("<td>201</td>"), "numbered on from the pages before");
    assert!(last.body.contains("10000249") && !last.body.contains("10000199"));
    assert!(last.body.contains("Trang 3 / 3") && last.body.contains("href=\"?page=2#attendance\""));
    assert!(!last.body.contains("?page=4"), "no next page after the last");
    assert_eq!(c.get(&format!("{uri}?page=9")).await.status, StatusCode::OK, "past the end: an empty page");

    // The API: everything without parameters, as before; a window when asked.
    let (_, token) = app.token("qt.office").await;
    let api = format!("/api/v1/disseminations/{id}");
    let all = c.api(Method::GET, &api, &token, None).await.json();
    assert_eq!(all["attendance"]["members"].as_array().unwrap().len(), 250);
    assert_eq!((all["members"].as_u64(), all["attendance"]["members_readable"].as_u64()), (Some(250), Some(250)));
    let window = c.api(Method::GET, &format!("{api}?limit=100&offset=200"), &token, None).await;
    assert_eq!(window.status, StatusCode::OK, "{}", window.body);
    let window = window.json();
    let listed = window["attendance"]["members"].as_array().unwrap();
    assert_eq!(listed.len(), 50);
    assert_eq!(listed[0]["card_number"], "10000200");
    assert_eq!((window["attendance"]["offset"].as_u64(), window["members"].as_u64()), (Some(200), Some(250)));
    for bad in ["limit=0", "limit=5001", "offset=-1", "limit=x"] {
        assert_error(
            &c.api(Method::GET, &format!("{api}?{bad}"), &token, None).await,
            StatusCode::BAD_REQUEST,
            "bad_request",
        );
    }
}

/// Issue 14 §8: the demo's member (dangvien.an) got 404 on the conference
/// they attended. A member reads the conferences they attended in person
/// (title, day, holder, the documents they are cleared for), themselves
/// among the attendees and the others only counted, the organizations
/// outside their reach counted; one they did not attend is still 404, a
/// secret one they attended still 403 (T-6), and attending opens no list
/// of the holder's conferences. Pages and API alike.
async fn a_member_reads_the_conferences_they_attended_and_no_other(db: Db) {
    small_tree(&db).await;
    import(
        &db,
        vec![
            member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("10000002", "Trần Thị Bình", "QN.DH.QT.CB02"),
            member("10000003", "Lê Văn Cường", "QN.DH.QT.CB01"),
        ],
    )
    .await;
    let orgs = ["QN.DH.QT.CB01", "QN.DH.QT.CB02"];
    let doc = support::resolution_28(&db).await;
    let attended = conference(
        &db,
        doc,
        "Hội nghị học tập Nghị quyết 28",
        Classification::Normal,
        &["10000001", "10000002"],
        &orgs,
    )
    .await;
    let absent =
        conference(&db, doc, "Hội nghị cán bộ chủ chốt", Classification::Normal, &["10000002", "10000003"], &[]).await;
    let secret = conference(&db, doc, "Hội nghị chuyên đề mật", Classification::Secret, &["10000001"], &[]).await;
    let app = TestApp::new(&db);
    app.member_user("dangvien.an", "10000001", "QN.DH.QT.CB01").await;
    let mut c = app.signed_in("dangvien.an").await;
    let (_, token) = app.token("dangvien.an").await;

    let page = c.get(&format!("/disseminations/{attended}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for text in ["Hội nghị học tập Nghị quyết 28", "18/11/2024", "Đảng bộ xã Quảng Tân", "28-NQ/TU", "Nguyễn Văn An"]
    {
        assert!(page.body.contains(text), "{text}: {}", page.body);
    }
    assert!(!page.body.contains("Trần Thị Bình") && !page.body.contains("10000002"), "the others are counted");
    assert!(page.body.contains("2 đảng viên"), "{}", page.body);
    assert!(page.body.contains("Chi bộ thôn Đồng Tâm") && !page.body.contains("Chi bộ thôn Tân Hợp"));
    assert!(!page.body.contains("/orgs/QN.DH.QT/disseminations"), "no link to a list they may not open");
    assert!(!page.body.contains("attendance-form"), "a member adds nothing");
    assert_eq!(c.get("/orgs/QN.DH.QT/disseminations").await.status, StatusCode::FORBIDDEN, "no list opened");
    assert_eq!(c.get(&format!("/disseminations/{absent}")).await.status, StatusCode::NOT_FOUND);
    let page = c.get(&format!("/disseminations/{secret}")).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(!page.body.contains("Hội nghị chuyên đề mật"));

    let v = c.api(Method::GET, &format!("/api/v1/disseminations/{attended}"), &token, None).await;
    assert_eq!(v.status, StatusCode::OK, "{}", v.body);
    let v = v.json();
    assert_eq!(v["title"], "Hội nghị học tập Nghị quyết 28");
    assert_eq!(v["documents"][0]["number"], "28-NQ/TU");
    assert_eq!(v["editable"], false);
    assert_eq!((v["members"].as_u64(), v["orgs"].as_u64()), (Some(2), Some(2)));
    let a = &v["attendance"];
    assert_eq!(a["members"].as_array().unwrap().len(), 1);
    assert_eq!(a["members"][0]["full_name"], "Nguyễn Văn An");
    assert_eq!((a["members_readable"].as_u64(), a["members_hidden"].as_u64()), (Some(1), Some(1)));
    assert_eq!(a["orgs"], json!([{"code": "QN.DH.QT.CB01", "name": "Chi bộ thôn Đồng Tâm"}]));
    assert_eq!(a["orgs_hidden"], 1);
    assert_error(
        &c.api(Method::GET, &format!("/api/v1/disseminations/{absent}"), &token, None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let refused = c.api(Method::GET, &format!("/api/v1/disseminations/{secret}"), &token, None).await;
    assert_error(&refused, StatusCode::FORBIDDEN, "forbidden");
    assert!(!refused.body.contains("Hội nghị chuyên đề mật"));
    assert_error(
        &c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/disseminations", &token, None).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    // A member of the same cell who did not attend reads neither.
    app.member_user("dangvien.cuong", "10000003", "QN.DH.QT.CB01").await;
    let mut other = app.signed_in("dangvien.cuong").await;
    assert_eq!(other.get(&format!("/disseminations/{attended}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(other.get(&format!("/disseminations/{absent}")).await.status, StatusCode::OK, "attended");
}

/// Issue 14 §9: the province's conference listed its 3,832 organizations
/// on every page. They come 100 at a time as the members do, with their
/// own pager (`orgs_page`, the members' page kept), and through the API
/// all of them unless asked for `orgs_limit` from `orgs_offset`; together
/// the pages list each organization the reader may see exactly once.
async fn organizations_are_listed_a_page_at_a_time(db: Db) {
    small_tree(&db).await;
    let cells: Vec<String> = (0..130).map(|i| format!("QN.DH.QT.T{i:03}")).collect();
    for (i, cell) in cells.iter().enumerate() {
        org(&db, cell, &format!("Chi bộ thôn {i:03}"), daihoi_core::OrgKind::Cell, Some("QN.DH.QT")).await;
    }
    import(&db, vec![member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01")]).await;
    let mut listed: Vec<&str> = cells.iter().map(String::as_str).collect();
    listed.extend(["QN.DH.QT.CB01", "QN.DH.QT.CB02"]);
    let id = conference(
        &db,
        support::resolution_28(&db).await,
        "Hội nghị quán triệt nhiều chi bộ",
        Classification::Normal,
        &["10000001"],
        &listed,
    )
    .await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    let uri = format!("/disseminations/{id}");
    // The organizations the page lists by name, in order.
    let orgs = |body: &str| -> Vec<String> {
        let Some((_, list)) = body.split_once("id=\"attending-orgs\"") else { return Vec::new() };
        let list = list.split("</ul>").next().unwrap();
        list.match_indices("<li><a href=\"/orgs/")
            .map(|(at, m)| list[at + m.len()..].split('"').next().unwrap().to_owned())
            .collect()
    };

    let first = c.get(&uri).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains("132 tổ chức đảng"), "the count is of all: {}", first.body);
    assert!(first.body.contains("Tổ chức đảng thứ 1 đến 100 trong 132 tổ chức được hiện tên"), "{}", first.body);
    assert!(first.body.contains("href=\"?page=1&#38;orgs_page=2#attending-orgs\""), "{}", first.body);
    let second = c.get(&format!("{uri}?orgs_page=2")).await;
    assert_eq!(second.status, StatusCode::OK);
    assert!(second.body.contains("href=\"?page=1#attending-orgs\""), "back to the first: {}", second.body);
    assert!(second.body.contains("Nguyễn Văn An"), "the members' page is kept");
    let (a, b) = (orgs(&first.body), orgs(&second.body));
    assert_eq!((a.len(), b.len()), (100, 32));
    let mut together = [a, b].concat();
    let mut expected: Vec<String> = listed.iter().map(|c| (*c).to_owned()).collect();
    expected.sort();
    assert_eq!(together, expected, "each once, by code");
    together.dedup();
    assert_eq!(together.len(), 132);
    assert_eq!(orgs(&c.get(&format!("{uri}?orgs_page=9")).await.body).len(), 0, "past the end: none");

    // The API: everything without parameters; a window when asked.
    let (_, token) = app.token("qt.office").await;
    let api = format!("/api/v1/disseminations/{id}");
    let all = c.api(Method::GET, &api, &token, None).await.json();
    assert_eq!(all["attendance"]["orgs"].as_array().unwrap().len(), 132);
    assert_eq!((all["orgs"].as_u64(), all["attendance"]["orgs_readable"].as_u64()), (Some(132), Some(132)));
    let window = c.api(Method::GET, &format!("{api}?orgs_limit=50&orgs_offset=100&limit=1"), &token, None).await;
    assert_eq!(window.status, StatusCode::OK, "{}", window.body);
    let window = window.json();
    let a = &window["attendance"];
    assert_eq!(a["orgs"].as_array().unwrap().len(), 32);
    assert_eq!(a["orgs"][0]["code"], expected[100].as_str());
    assert_eq!((a["orgs_offset"].as_u64(), a["orgs_readable"].as_u64()), (Some(100), Some(132)));
    assert_eq!(a["members"].as_array().unwrap().len(), 1);
    for bad in ["orgs_limit=0", "orgs_limit=5001", "orgs_offset=-1", "orgs_limit=x"] {
        assert_error(
            &c.api(Method::GET, &format!("{api}?{bad}"), &token, None).await,
            StatusCode::BAD_REQUEST,
            "bad_request",
        );
    }
    // A member who attended sees their own cell's name, the rest counted.
    app.member_user("dangvien.an", "10000001", "QN.DH.QT.CB01").await;
    let mut m = app.signed_in("dangvien.an").await;
    let page = m.get(&uri).await;
    assert_eq!(orgs(&page.body), ["QN.DH.QT.CB01"]);
    assert!(page.body.contains("131 tổ chức đảng ngoài phạm vi"), "{}", page.body);
    assert!(!page.body.contains("orgs-pager"));
}

daihoi_test_support::engines!(
    organizations_are_listed_a_page_at_a_time,
    attendance_is_listed_a_page_at_a_time,
    a_member_reads_the_conferences_they_attended_and_no_other
);
