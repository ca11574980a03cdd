//! `GET /api/v1/orgs/{code}/history`, `POST …/move`, `…/merge`,
//! `…/dissolve`: the changes of the tree through the facet the CLI uses,
//! with the rules of docs/org-tree.md (O-*), one audit entry per change.

use crate::support;

use axum::http::{Method, StatusCode, header};
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_store::audit::AuditFilter;
use daihoi_test_support::fixtures::*;
use serde_json::{Value, json};
use support::{Client, Page, TestApp};

fn refused(page: &Page, status: StatusCode, code: &str) {
    assert_eq!(page.status, status, "{}", page.body);
    assert_eq!(page.headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(page.json()["error"]["code"], code, "{}", page.body);
}

fn refused_by(page: &Page, status: StatusCode, code: &str, rule: &str) {
    refused(page, status, code);
    assert_eq!(page.json()["error"]["rule"], rule, "{}", page.body);
}

async fn seeded(db: &Db) -> TestApp {
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
    TestApp::new(db)
}

async fn post(c: &mut Client, uri: &str, token: &str, body: Value) -> Page {
    c.api(Method::POST, uri, token, Some(&body)).await
}

/// The audit entries of `action` about `subject`, as the operator reads them.
async fn entries(db: &Db, action: &str, subject: &str) -> Vec<daihoi_store::audit::AuditEntry> {
    let filter = AuditFilter { action: Some(action.into()), limit: 100, ..Default::default() };
    let (all, _) = db.operator().audit().audit_entries(&filter).await.unwrap();
    all.into_iter().filter(|e| e.subject == subject).collect()
}

/// The versions as the org page lists them: names, parents, periods.
async fn history_as_the_page_shows_it(db: Db) {
    let app = seeded(&db).await;
    app.user("xa.admin", Role::Admin, "QN.DH.QT").await;
    let (_, token) = app.token("xa.admin").await;
    let mut c = app.anonymous();
    let renamed = c
        .api(
            Method::PATCH,
            "/api/v1/orgs/QN.DH.QT.CB01",
            &token,
            Some(&json!({"name": "Chi bộ khu Đồng Tâm", "from": "2026-01-01"})),
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    // Issue 14: the page tells the day it was created from the day of its present name.
    let mut web = app.signed_in("xa.admin").await;
    let shown = web.get("/orgs/QN.DH.QT.CB01").await;
    assert!(
        shown.body.contains("thành lập ngày ") && shown.body.contains("hiện nay từ ngày 01/01/2026"),
        "{}",
        shown.body
    );
    let page = c.api(Method::GET, "/api/v1/orgs/qn.dh.qt.cb01/history", &token, None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        page.json(),
        json!([
            {"code": "QN.DH.QT.CB01", "name": "Chi bộ thôn Đồng Tâm", "kind": "cell", "parent": "QN.DH.QT",
             "parent_name": "Đảng bộ xã Quảng Tân", "valid_from": "2020-01-01", "valid_to": "2026-01-01"},
            {"code": "QN.DH.QT.CB01", "name": "Chi bộ khu Đồng Tâm", "kind": "cell", "parent": "QN.DH.QT",
             "parent_name": "Đảng bộ xã Quảng Tân", "valid_from": "2026-01-01", "valid_to": null},
        ])
    );
    // The same names and days as the organization's page.
    let mut signed = app.signed_in("xa.admin").await;
    let html = signed.get("/orgs/QN.DH.QT.CB01").await.body;
    assert!(html.contains("Chi bộ thôn Đồng Tâm") && html.contains("Chi bộ khu Đồng Tâm"), "{html}");
    // A commune's own administrator does not see the province: no parent.
    let v = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/history", &token, None).await.json();
    assert_eq!((v[0]["parent"].clone(), v[0]["parent_name"].clone()), (Value::Null, Value::Null), "{v}");
    // Outside, unknown, before it existed, a bad code or date.
    refused(
        &c.api(Method::GET, "/api/v1/orgs/QN.TY.DN/history", &token, None).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    refused(
        &c.api(Method::GET, "/api/v1/orgs/QN.DH.QT.X9/history", &token, None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let early = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/history?date=2019-01-01", &token, None).await;
    refused(&early, StatusCode::NOT_FOUND, "not_found");
    let bad = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT/history?date=", &token, None).await;
    refused(&bad, StatusCode::BAD_REQUEST, "bad_request");
    refused(
        &c.api(Method::GET, "/api/v1/orgs/QN..QT/history", &token, None).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
}

/// Move, merge and dissolve through the facet: the answer, the tree after,
/// one audit entry per change with the token's user and the address, and
/// the refusals of docs/org-tree.md mapped as create and rename map them.
async fn move_merge_and_dissolve(db: Db) {
    let app = seeded(&db).await;
    app.user("vp.quangtan", Role::Office, "QN.DH.QT").await;
    app.user("kt.quangtan", Role::Inspection, "QN.DH.QT").await;
    let (_, token) = app.token("vp.quangtan").await;
    let (_, reader) = app.token("kt.quangtan").await;
    let mut c = app.anonymous();
    for body in [
        json!({"code": "QN.DH.QT.BP1", "name": "Đảng bộ bộ phận thôn Đồng Tâm", "kind": "partial_committee",
               "parent": "QN.DH.QT", "valid_from": "2025-01-01"}),
        json!({"code": "QN.DH.QT.CB03", "name": "Chi bộ xóm 3", "kind": "cell", "parent": "QN.DH.QT",
               "valid_from": "2025-01-01"}),
    ] {
        let page = post(&mut c, "/api/v1/orgs", &token, body).await;
        assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    }

    // Move: the cell under the partial committee from a date on.
    let page = post(
        &mut c,
        "/api/v1/orgs/qn.dh.qt.cb03/move",
        &token,
        json!({"parent": "qn.dh.qt.bp1", "from": "2026-01-01"}),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        page.json(),
        json!({"code": "QN.DH.QT.CB03", "name": "Chi bộ xóm 3", "kind": "cell", "parent": "QN.DH.QT.BP1",
               "valid_from": "2026-01-01", "valid_to": null})
    );
    let v = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT.CB03/history", &token, None).await.json();
    assert_eq!(v.as_array().unwrap().len(), 2, "{v}");
    assert_eq!((v[0]["parent"].as_str(), v[0]["valid_to"].as_str()), (Some("QN.DH.QT"), Some("2026-01-01")));
    let moved = entries(&db, "move_org", "QN.DH.QT.CB03").await;
    assert_eq!(moved.len(), 1, "one entry per change");
    assert_eq!((moved[0].actor.as_str(), moved[0].address.as_str()), ("vp.quangtan", "local"));
    assert!(moved[0].detail.contains("QN.DH.QT.BP1"), "{}", moved[0].detail);

    // O-KIND-1: a partial committee cannot sit under a cell.
    let page = post(
        &mut c,
        "/api/v1/orgs/QN.DH.QT.BP1/move",
        &token,
        json!({"parent": "QN.DH.QT.CB01", "from": "2026-02-01"}),
    )
    .await;
    refused_by(&page, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable", "O-KIND-1");
    // A date before the current version: conflict; O-DATE-1: 422.
    let page =
        post(&mut c, "/api/v1/orgs/QN.DH.QT.CB03/move", &token, json!({"parent": "QN.DH.QT", "from": "2025-06-01"}))
            .await;
    refused(&page, StatusCode::CONFLICT, "conflict");
    let far =
        post(&mut c, "/api/v1/orgs/QN.DH.QT.CB03/move", &token, json!({"parent": "QN.DH.QT", "from": "9999-01-01"}))
            .await;
    refused_by(&far, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable", "O-DATE-1");
    // Outside the caller's write scope: the organization, or the new parent.
    let out =
        post(&mut c, "/api/v1/orgs/QN.TY.DN.CB01/move", &token, json!({"parent": "QN.TY.DN", "from": "2026-02-01"}))
            .await;
    refused(&out, StatusCode::FORBIDDEN, "forbidden");
    let away =
        post(&mut c, "/api/v1/orgs/QN.DH.QT.CB03/move", &token, json!({"parent": "QN.TY.DN", "from": "2026-02-01"}))
            .await;
    refused(&away, StatusCode::FORBIDDEN, "forbidden");
    assert!(!away.body.contains("Đông Ngũ"), "{}", away.body);
    // Inspection reads but does not write.
    let page =
        post(&mut c, "/api/v1/orgs/QN.DH.QT.CB03/move", &reader, json!({"parent": "QN.DH.QT", "from": "2026-02-01"}))
            .await;
    refused(&page, StatusCode::FORBIDDEN, "forbidden");
    // Bad bodies: 400.
    for body in [
        json!({"parent": "QN DH"}),
        json!({"parent": "QN.DH.QT", "from": ""}),
        json!({"parent": "QN.DH.QT", "x": 1}),
        json!({}),
    ] {
        let page = post(&mut c, "/api/v1/orgs/QN.DH.QT.CB03/move", &token, body.clone()).await;
        refused(&page, StatusCode::BAD_REQUEST, "bad_request");
    }
    assert_eq!(entries(&db, "move_org", "QN.DH.QT.CB03").await.len(), 1, "a refused change writes nothing");

    // Merge: CB02 into CB01; its member is enrolled in CB01.
    let page = post(
        &mut c,
        "/api/v1/orgs/QN.DH.QT.CB02/merge",
        &token,
        json!({"into": "QN.DH.QT.CB01", "date": "2026-03-01"}),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        page.json(),
        json!({"code": "QN.DH.QT.CB02", "name": "Chi bộ thôn Tân Hợp", "kind": "cell", "parent": "QN.DH.QT",
               "valid_from": "2020-01-01", "valid_to": "2026-03-01"})
    );
    let members = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT.CB01/members?date=2026-03-01", &token, None).await.json();
    assert_eq!(members["total"], 2, "{members}");
    refused(
        &c.api(Method::GET, "/api/v1/orgs/QN.DH.QT.CB02?date=2026-03-01", &token, None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let merged = entries(&db, "merge_org", "QN.DH.QT.CB02").await;
    assert_eq!(merged.len(), 1);
    assert_eq!((merged[0].actor.as_str(), merged[0].address.as_str()), ("vp.quangtan", "local"));
    // Into an organization ended since (O-CURRENT-1), into one outside, a cycle.
    let page = post(
        &mut c,
        "/api/v1/orgs/QN.DH.QT.CB03/merge",
        &token,
        json!({"into": "QN.DH.QT.CB02", "date": "2026-02-01"}),
    )
    .await;
    refused_by(&page, StatusCode::CONFLICT, "conflict", "O-CURRENT-1");
    let page = post(
        &mut c,
        "/api/v1/orgs/QN.DH.QT.CB01/merge",
        &token,
        json!({"into": "QN.TY.DN.CB01", "date": "2026-04-01"}),
    )
    .await;
    refused(&page, StatusCode::FORBIDDEN, "forbidden");
    let page =
        post(&mut c, "/api/v1/orgs/QN.DH.QT.BP1/merge", &token, json!({"into": "QN.DH.QT.CB03", "date": "2026-04-01"}))
            .await;
    refused(&page, StatusCode::CONFLICT, "conflict");

    // Dissolve: not while it has members or sub-organizations.
    let page = post(&mut c, "/api/v1/orgs/QN.DH.QT.CB01/dissolve", &token, json!({"date": "2026-04-01"})).await;
    refused(&page, StatusCode::CONFLICT, "conflict");
    let page = post(&mut c, "/api/v1/orgs/QN.DH.QT.BP1/dissolve", &token, json!({"date": "2026-04-01"})).await;
    refused(&page, StatusCode::CONFLICT, "conflict");
    let page = post(&mut c, "/api/v1/orgs/QN.DH.QT.CB03/dissolve", &token, json!({"date": "2026-04-01"})).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        page.json(),
        json!({"code": "QN.DH.QT.CB03", "name": "Chi bộ xóm 3", "kind": "cell", "parent": "QN.DH.QT.BP1",
               "valid_from": "2026-01-01", "valid_to": "2026-04-01"})
    );
    let dissolved = entries(&db, "dissolve_org", "QN.DH.QT.CB03").await;
    assert_eq!(dissolved.len(), 1);
    assert_eq!((dissolved[0].actor.as_str(), dissolved[0].address.as_str()), ("vp.quangtan", "local"));
    // The partial committee is empty now; the history stays.
    let page = post(&mut c, "/api/v1/orgs/QN.DH.QT.BP1/dissolve", &token, json!({})).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let v = c.api(Method::GET, "/api/v1/orgs/QN.DH.QT.CB03/history?date=2026-03-01", &token, None).await.json();
    assert_eq!(v.as_array().unwrap().len(), 2, "{v}");
    // Outside, by a reader, a bad date.
    refused(
        &post(&mut c, "/api/v1/orgs/QN.TY.DN.CB02/dissolve", &token, json!({})).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    refused(
        &post(&mut c, "/api/v1/orgs/QN.DH.QT.CB01/dissolve", &reader, json!({})).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    refused(
        &post(&mut c, "/api/v1/orgs/QN.DH.QT.CB01/dissolve", &token, json!({"date": "01/04/2026"})).await,
        StatusCode::BAD_REQUEST,
        "bad_request",
    );
    refused(
        &post(&mut c, "/api/v1/orgs/QN.DH.QT.CB01/dissolve", "", json!({})).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
}

daihoi_test_support::engines!(history_as_the_page_shows_it, move_merge_and_dissolve);
