//! The tasks API (`/api/v1/tasks…`, `/api/v1/orgs/{code}/tracking…`): the
//! answers' fields, the audit entry of each write, the refusals of the
//! pages (T-1…T-6) in the envelope, and the same figures as the pages'.

use crate::support;

use axum::http::{Method, StatusCode, header};
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_store::audit::AuditFilter;
use daihoi_store::documents::Classification;
use daihoi_store::tasks::NewTask;
use daihoi_store::tasks::targets::NewTarget;
use daihoi_test_support::fixtures::*;
use daihoi_tracking::{Direction, Target};
use serde_json::{Value, json};
use support::{Page, TestApp};
use time::Date;
use time::macros::date;

/// A document, a district task, a commune sub-task (deadline long past)
/// with a target: (document, district task, commune task, target). The
/// pages' tests (`events.rs`) use it too.
pub(super) async fn seeded(db: &Db) -> (i64, i64, i64, i64) {
    small_tree(db).await;
    let doc = support::resolution_28(db).await;
    let task = |org: &'static str, parent: Option<i64>, deadline: Date, classification| {
        let org = code(org);
        async move {
            db.create_task(&NewTask {
                document_id: doc,
                clause: "Mục III.2",
                title: if parent.is_some() {
                    "Bố trí Công an chính quy về xã"
                } else {
                    "Chỉ đạo bố trí Công an xã"
                },
                org: &org,
                parent,
                weight: None,
                deadline: Some(deadline),
                external_id: None,
                classification,
                assigned_on: date!(2024 - 10 - 10),
            })
            .await
            .unwrap()
            .id
        }
    };
    let top = task("QN.DH", None, date!(2025 - 12 - 31), Classification::Normal).await;
    let sub = task("QN.DH.QT", Some(top), date!(2025 - 06 - 30), Classification::Normal).await;
    let target = db
        .create_target(&NewTarget {
            task_id: sub,
            name: "Tỷ lệ thôn có Công an viên",
            target: Target::new("%", 60.0, 100.0, Direction::HigherIsBetter).unwrap(),
        })
        .await
        .unwrap()
        .id;
    (doc, top, sub, target)
}

async fn call(app: &TestApp, token: &str, method: Method, uri: &str, body: Option<Value>) -> Page {
    app.anonymous().api(method, uri, token, body.as_ref()).await
}

/// The error envelope's code, with the status.
fn refused(page: &Page, status: StatusCode, code: &str) {
    assert_eq!(page.status, status, "{}", page.body);
    assert_eq!(page.json()["error"]["code"], code, "{}", page.body);
}

/// The audit entries of `action`, newest first.
/// The entries of `action` made through the API (the fixtures' own writes,
/// by the operator, left out).
pub(super) async fn audit(db: &Db, action: &str) -> Vec<daihoi_store::audit::AuditEntry> {
    let (entries, _) =
        db.operator().audit().audit_entries(&AuditFilter { limit: 200, ..Default::default() }).await.unwrap();
    entries.into_iter().filter(|e| e.action == action && !e.actor.starts_with("cli:")).collect()
}

/// T-1, T-2, T-6: an office gives a task (201, `Location`, its audit entry
/// with the token's user and the address), reads it as its page shows it,
/// cascades it; the refusals are the pages'.
async fn give_show_and_cascade(db: Db) {
    let (doc, top, sub, _) = seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    app.user("qt.member", Role::Member, "QN.DH.QT").await;
    let (_, token) = app.token("qt.office").await;
    let body = json!({"document": doc, "clause": "Mục II", "title": "  Tổ chức học tập nghị quyết  ",
                      "org": "qn.dh.qt", "deadline": "2026-12-31", "weight": 2, "classification": "normal"});
    let page = call(&app, &token, Method::POST, "/api/v1/tasks", Some(body.clone())).await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    let t = page.json();
    let id = t["id"].as_i64().unwrap();
    assert_eq!(support::location(&page), format!("/api/v1/tasks/{id}"));
    assert_eq!(t["title"], "Tổ chức học tập nghị quyết", "trimmed (TEXT-1)");
    assert_eq!(t["org"], "QN.DH.QT");
    assert_eq!(t["deadline"], "2026-12-31");
    assert_eq!(t["weight"], 2.0);
    assert_eq!(t["workflow"], "assigned");
    assert_eq!(t["classification"], "normal");
    assert_eq!(t["document"]["number"], "28-NQ/TU");
    assert_eq!(t["may"]["report"], true);
    let entries = audit(&db, "task_create").await;
    assert_eq!(entries.len(), 1, "one entry for one task");
    assert_eq!(entries[0].actor, "qt.office");
    assert_eq!(entries[0].address, "local");

    // The sub-task as its page shows it: the roll-up waits for the rules;
    // the status without rules is read under every reading (T-3).
    let page = call(&app, &token, Method::GET, &format!("/api/v1/tasks/{sub}"), None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let s = page.json();
    assert_eq!(s["title"], "Bố trí Công an chính quy về xã");
    assert_eq!(s["status"]["code"], "overdue");
    assert!(s["rules"].is_null());
    assert_eq!(s["targets"][0]["name"], "Tỷ lệ thôn có Công an viên");
    assert_eq!(s["may"]["inspect"], false, "an office does not inspect");
    assert_eq!(s["may"]["urge"], false, "nor urge itself");

    // T-2: a cascade to the cells, all or none.
    let uri = format!("/api/v1/tasks/{id}/cascade");
    let page = call(&app, &token, Method::POST, &uri, Some(json!({"orgs": ["QN.DH.QT.CB01", "QN.DH.QT.CB02"]}))).await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    let subs = page.json();
    assert_eq!(subs.as_array().unwrap().len(), 2);
    assert_eq!(subs[0]["title"], "Tổ chức học tập nghị quyết", "the task's title");
    assert_eq!(subs[0]["deadline"], "2026-12-31", "the task's deadline");
    assert_eq!(audit(&db, "task_cascade").await.len(), 2, "one entry per sub-task");
    let page = call(&app, &token, Method::GET, &format!("/api/v1/tasks/{id}"), None).await;
    assert_eq!(page.json()["subtasks"].as_array().unwrap().len(), 2);
    // Twice the same cell, a deadline after the task's, an organization
    // outside: refused, nothing written.
    let twice = call(&app, &token, Method::POST, &uri, Some(json!({"orgs": ["QN.DH.QT.CB01", "QN.DH.QT.CB01"]}))).await;
    refused(&twice, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    let late = json!({"orgs": ["QN.DH.QT.CB01"], "deadline": "2027-01-01"});
    refused(
        &call(&app, &token, Method::POST, &uri, Some(late)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unprocessable",
    );
    let outside = call(&app, &token, Method::POST, &uri, Some(json!({"orgs": ["QN.TY.DN"]}))).await;
    assert!(matches!(outside.status.as_u16(), 403 | 422), "{}", outside.body);
    // Issue 13/14: a cell given the task already is refused, as on the page.
    let again = call(&app, &token, Method::POST, &uri, Some(json!({"orgs": ["QN.DH.QT.CB02"]}))).await;
    refused(&again, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    assert!(again.body.contains("cascaded to QN.DH.QT.CB02 already"), "{}", again.body);
    assert_eq!(audit(&db, "task_cascade").await.len(), 2, "nothing more written");
    let up =
        call(&app, &token, Method::POST, &format!("/api/v1/tasks/{top}/cascade"), Some(json!({"orgs": ["QN.DH.QT"]})))
            .await;
    refused(&up, StatusCode::FORBIDDEN, "forbidden");

    // The refusals of the form, naming the field.
    let bad = |patch: Value| {
        let mut b = body.clone();
        for (k, v) in patch.as_object().unwrap() {
            b[k] = v.clone();
        }
        b
    };
    let page = call(&app, &token, Method::POST, "/api/v1/tasks", Some(bad(json!({"org": "QN DH"})))).await;
    refused(&page, StatusCode::BAD_REQUEST, "bad_request");
    assert!(page.json()["error"]["message"].as_str().unwrap().starts_with("org:"), "{}", page.body);
    let page = call(&app, &token, Method::POST, "/api/v1/tasks", Some(bad(json!({"deadline": "31/12/2026"})))).await;
    refused(&page, StatusCode::BAD_REQUEST, "bad_request");
    assert!(page.body.contains("deadline"), "{}", page.body);
    let page = call(&app, &token, Method::POST, "/api/v1/tasks", Some(bad(json!({"classification": "top"})))).await;
    refused(&page, StatusCode::BAD_REQUEST, "bad_request");
    let page = call(&app, &token, Method::POST, "/api/v1/tasks", Some(bad(json!({"colour": "red"})))).await;
    refused(&page, StatusCode::BAD_REQUEST, "bad_request");
    // T-6: above the caller's clearance.
    let page = call(&app, &token, Method::POST, "/api/v1/tasks", Some(bad(json!({"classification": "secret"})))).await;
    refused(&page, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    // Outside the caller's roles; a member gives no task.
    let page = call(&app, &token, Method::POST, "/api/v1/tasks", Some(bad(json!({"org": "QN.TY.DN"})))).await;
    refused(&page, StatusCode::FORBIDDEN, "forbidden");
    let (_, member) = app.token("qt.member").await;
    let page = call(&app, &member, Method::POST, "/api/v1/tasks", Some(body.clone())).await;
    refused(&page, StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(audit(&db, "task_create").await.len(), 1, "nothing more written");
    refused(&call(&app, &token, Method::GET, "/api/v1/tasks/999999", None).await, StatusCode::NOT_FOUND, "not_found");
    refused(
        &call(&app, &token, Method::GET, &format!("/api/v1/tasks/{top}"), None).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    refused(&call(&app, &token, Method::GET, "/api/v1/tasks/abc", None).await, StatusCode::BAD_REQUEST, "bad_request");
}

/// T-4, T-5: the log's entries by who may record them (the page's
/// refusals), each with its audit entry; a target and its readings.
async fn events_targets_and_readings(db: Db) {
    let (_, _, sub, target) = seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    app.user("dh.office", Role::Office, "QN.DH").await;
    app.user("dh.inspect", Role::Inspection, "QN.DH").await;
    let (_, office) = app.token("qt.office").await;
    let (_, above) = app.token("dh.office").await;
    let (_, inspect) = app.token("dh.inspect").await;
    let uri = format!("/api/v1/tasks/{sub}/events");
    let report = json!({"kind": "report", "period": "quarterly", "period_date": "2025-09-15",
                        "occurred_on": "2025-10-05", "summary": "Đã bố trí 3/4 thôn", "progress": 75.5});
    let page = call(&app, &office, Method::POST, &uri, Some(report)).await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    let e = page.json();
    assert_eq!(e["kind"], "report");
    assert_eq!(e["period"]["kind"], "quarterly");
    assert_eq!(e["period"]["start"], "2025-07-01");
    assert_eq!(e["progress"], 75.5);
    let entries = audit(&db, "task_report").await;
    assert_eq!((entries.len(), entries[0].actor.as_str()), (1, "qt.office"));
    let t = call(&app, &office, Method::GET, &format!("/api/v1/tasks/{sub}"), None).await.json();
    assert_eq!(t["progress"], 75.5, "the report becomes the task's progress");
    // The report started the task (still "assigned"): a status change
    // before it in the log.
    assert_eq!(t["events"].as_array().unwrap().len(), 2);
    assert_eq!((t["events"][0]["kind"].as_str(), t["workflow"].as_str()), (Some("status"), Some("in_progress")));

    // The page's refusals: a progress out of range, a field the kind
    // needs, an entry dated before the last one (T-4).
    let page = call(&app, &office, Method::POST, &uri, Some(json!({"kind": "progress", "progress": 120}))).await;
    refused(&page, StatusCode::BAD_REQUEST, "bad_request");
    let page = call(&app, &office, Method::POST, &uri, Some(json!({"kind": "progress"}))).await;
    refused(&page, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    assert!(page.json()["error"]["message"].as_str().unwrap().starts_with("progress:"), "{}", page.body);
    let page = call(&app, &office, Method::POST, &uri, Some(json!({"kind": "report", "period": "monthly"}))).await;
    refused(&page, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    let back = json!({"kind": "progress", "progress": 80, "occurred_on": "2025-01-01"});
    let page = call(&app, &office, Method::POST, &uri, Some(back)).await;
    assert_eq!(page.status, StatusCode::CREATED, "an older occurrence is fine when recorded later: {}", page.body);
    let page = call(&app, &office, Method::POST, &uri, Some(json!({"kind": "dance"}))).await;
    refused(&page, StatusCode::BAD_REQUEST, "bad_request");
    let page = call(&app, &office, Method::POST, &uri, Some(json!({"kind": "status", "to": "draft"}))).await;
    refused(&page, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    // The report started it: it moves on from "in progress".
    let page = call(&app, &office, Method::POST, &uri, Some(json!({"kind": "status", "to": "done"}))).await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    assert_eq!((page.json()["from"].as_str(), page.json()["to"].as_str()), (Some("in_progress"), Some("done")));

    // Who may: the office does not inspect nor urge itself; the office
    // above urges; an inspection commission inspects.
    let inspection = json!({"kind": "inspection", "by": "UBKT Huyện ủy", "findings": ["Chậm 1 thôn", ""],
                            "recommendations": ["Hoàn thành trong quý 4"]});
    let page = call(&app, &office, Method::POST, &uri, Some(inspection.clone())).await;
    refused(&page, StatusCode::FORBIDDEN, "forbidden");
    let urging = json!({"kind": "urging", "by": "Huyện ủy", "note": "Khẩn trương", "new_deadline": "2025-12-31"});
    refused(&call(&app, &office, Method::POST, &uri, Some(urging.clone())).await, StatusCode::FORBIDDEN, "forbidden");
    let page = call(&app, &above, Method::POST, &uri, Some(urging)).await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    assert_eq!(page.json()["new_deadline"], "2025-12-31");
    let page = call(&app, &inspect, Method::POST, &uri, Some(inspection)).await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    assert_eq!(page.json()["findings"], json!(["Chậm 1 thôn"]), "empty lines are left out");
    assert_eq!(audit(&db, "task_inspection").await[0].actor, "dh.inspect");
    assert_eq!(audit(&db, "task_urging").await.len(), 1);

    // T-5: a target and its readings, by an office that writes on the
    // assignee (not an inspection commission).
    let turi = format!("/api/v1/tasks/{sub}/targets");
    let new =
        json!({"name": "Số thôn có nhà văn hóa", "unit": "thôn", "baseline": 1, "target": 4, "direction": "higher"});
    refused(&call(&app, &inspect, Method::POST, &turi, Some(new.clone())).await, StatusCode::FORBIDDEN, "forbidden");
    let page = call(&app, &office, Method::POST, &turi, Some(new)).await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    assert_eq!((page.json()["baseline"].as_f64(), page.json()["direction"].as_str()), (Some(1.0), Some("higher")));
    let wrong = json!({"name": "x", "baseline": 4, "target": 1, "direction": "higher"});
    refused(
        &call(&app, &office, Method::POST, &turi, Some(wrong)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unprocessable",
    );
    let ruri = format!("/api/v1/tasks/{sub}/targets/{target}/readings");
    let page =
        call(&app, &office, Method::POST, &ruri, Some(json!({"on": "2025-11-01", "value": 80, "note": "3 thôn"})))
            .await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    let r = page.json();
    assert_eq!(r["latest"], 80.0);
    assert_eq!(r["attainment"], 50.0, "(80 - 60) / (100 - 60)");
    assert_eq!(r["readings"][0]["recorded_by"], "qt.office");
    assert_eq!(audit(&db, "target_reading").await.len(), 1);
    let back = json!({"on": "2025-10-01", "value": 70});
    refused(
        &call(&app, &office, Method::POST, &ruri, Some(back)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unprocessable",
    );
    let future = json!({"on": "2999-01-01", "value": 70});
    refused(
        &call(&app, &office, Method::POST, &ruri, Some(future)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unprocessable",
    );
    let other = format!("/api/v1/tasks/{sub}/targets/999999/readings");
    refused(
        &call(&app, &office, Method::POST, &other, Some(json!({"value": 1}))).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    refused(
        &call(&app, &inspect, Method::POST, &ruri, Some(json!({"value": 1}))).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
}

/// T-3: the rules are read by every role of the subtree and chosen by its
/// administrators only (`may_choose_tracking_rules`), with an audit entry.
async fn tracking_rules(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    app.user("qn.admin", Role::Admin, "QN").await;
    let (_, office) = app.token("qt.office").await;
    let (_, admin) = app.token("qn.admin").await;
    let page = call(&app, &office, Method::GET, "/api/v1/orgs/QN.DH.QT/tracking/settings", None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.json(), json!({"org": "QN.DH.QT", "chosen": null, "own": false, "may_choose": false}));
    let rules = json!({"deadline_day": "before", "due_soon_days": 10, "unreported": "skip"});
    let page = call(&app, &office, Method::PUT, "/api/v1/orgs/QN.DH.QT/tracking/settings", Some(rules.clone())).await;
    refused(&page, StatusCode::FORBIDDEN, "forbidden");
    let page = call(&app, &admin, Method::PUT, "/api/v1/orgs/QN/tracking/settings", Some(rules.clone())).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.json()["chosen"]["rules"], rules);
    assert_eq!(page.json()["own"], true);
    let entries = audit(&db, "tracking_rules").await;
    assert_eq!((entries.len(), entries[0].actor.as_str()), (1, "qn.admin"));
    let page = call(&app, &office, Method::GET, "/api/v1/orgs/QN.DH.QT/tracking/settings", None).await;
    let s = page.json();
    assert_eq!((s["chosen"]["chosen_for"].as_str(), s["own"].as_bool()), (Some("QN"), Some(false)), "inherited");
    for bad in [
        json!({"deadline_day": "on", "due_soon_days": 10, "unreported": "skip"}),
        json!({"deadline_day": "by", "due_soon_days": 400, "unreported": "skip"}),
        json!({"deadline_day": "by", "unreported": "skip"}),
    ] {
        let page = call(&app, &admin, Method::PUT, "/api/v1/orgs/QN/tracking/settings", Some(bad)).await;
        refused(&page, StatusCode::BAD_REQUEST, "bad_request");
    }
    let page = call(&app, &office, Method::GET, "/api/v1/orgs/QN.TY.DN/tracking/settings", None).await;
    refused(&page, StatusCode::FORBIDDEN, "forbidden");
}

/// The API's dashboard and report give the page's figures for the same
/// subtree, rules and day (T-2, T-3, T-4), and the very files.
async fn the_figures_are_the_pages(db: Db) {
    let (_, top, sub, _) = seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    app.user("dh.office", Role::Office, "QN.DH").await;
    app.user("qn.admin", Role::Admin, "QN").await;
    let (_, office) = app.token("qt.office").await;
    let (_, district) = app.token("dh.office").await;
    let (_, admin) = app.token("qn.admin").await;
    let report = json!({"kind": "report", "period": "quarterly", "period_date": "2025-09-15",
                        "occurred_on": "2025-10-05", "summary": "Đã bố trí 3/4 thôn", "progress": 75.5});
    call(&app, &office, Method::POST, &format!("/api/v1/tasks/{sub}/events"), Some(report)).await;
    let mut d = app.signed_in("dh.office").await;
    for chosen in [false, true] {
        if chosen {
            let rules = json!({"deadline_day": "by", "due_soon_days": 7, "unreported": "zero"});
            call(&app, &admin, Method::PUT, "/api/v1/orgs/QN/tracking/settings", Some(rules)).await;
        }
        let api = call(&app, &district, Method::GET, "/api/v1/orgs/QN.DH/tracking", None).await;
        assert_eq!(api.status, StatusCode::OK, "{}", api.body);
        let f = api.json();
        let page = d.get("/orgs/QN.DH/tracking").await;
        assert_eq!(page.status, StatusCode::OK);
        let total = f["overdue"]["total"].as_u64().unwrap();
        assert!(page.body.contains(&format!("<span class=\"muted\">({total})</span>")), "{total}: {}", page.body);
        assert_eq!(total, 2, "both tasks are past their deadline");
        for item in f["overdue"]["items"].as_array().unwrap() {
            assert!(page.body.contains(&format!("/tasks/{}", item["id"])), "{item}");
        }
        assert_eq!(f["targets"]["items"][0]["name"], "Tỷ lệ thôn có Công an viên");
        assert!(page.body.contains("Tỷ lệ thôn có Công an viên"));
        if chosen {
            assert_eq!(f["rules"]["chosen_for"], "QN");
            let rollup = &f["rollup"];
            // The top task rolls up its one sub-task's 75.5 %.
            assert_eq!(rollup["overall"], 75.5, "{f}");
            assert!(page.body.contains(": 75,5%</h2>"), "{}", page.body);
            assert_eq!(rollup["tops"][0]["id"], top);
            let soon = f["due_soon"]["total"].as_u64().unwrap();
            assert!(page.body.contains(&format!("<span class=\"muted\">({soon})</span>")));
            let by_org = f["by_org"].as_array().unwrap();
            let counted: u64 = by_org.iter().map(|o| o["overdue"].as_u64().unwrap()).sum();
            assert_eq!(counted, total, "the counts agree with the list");
            for o in by_org {
                assert!(page.body.contains(o["name"].as_str().unwrap()), "a row of the chart: {o}");
            }
        } else {
            assert!(f["rules"].is_null() && f["rollup"].is_null() && f["due_soon"].is_null(), "{f}");
        }

        // The report: the figures, and the page's very workbook.
        let query = "period=annual&date=2025-12-01";
        let json =
            call(&app, &district, Method::GET, &format!("/api/v1/orgs/QN.DH/tracking/report?{query}"), None).await;
        assert_eq!(json.status, StatusCode::OK, "{}", json.body);
        let r = json.json();
        assert_eq!(
            (r["period"]["start"].as_str(), r["evaluated_on"].as_str()),
            (Some("2025-01-01"), Some("2025-12-31")),
            "a period over is read on its last day"
        );
        let tasks = r["tasks"].as_array().unwrap();
        assert_eq!(tasks.len(), 2);
        let totals: u64 = r["totals"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
        assert_eq!(totals, 2);
        let sub_row = tasks.iter().find(|t| t["id"] == sub).unwrap();
        assert_eq!(sub_row["latest_report"], "Đã bố trí 3/4 thôn");
        assert_eq!(sub_row["document"], "28-NQ/TU");
        let (_, page_xlsx) = d.get_bytes(&format!("/orgs/QN.DH/tracking/report?format=xlsx&{query}")).await;
        let api_xlsx = app
            .anonymous()
            .api(Method::GET, &format!("/api/v1/orgs/QN.DH/tracking/report?format=xlsx&{query}"), &district, None)
            .await;
        assert_eq!(api_xlsx.status, StatusCode::OK);
        assert_eq!(
            api_xlsx.headers[header::CONTENT_TYPE],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        let disposition = api_xlsx.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
        assert!(disposition.contains("bao-cao-QN.DH-nam-2025-12-31.xlsx"), "{disposition}");
        let (_, api_bytes) =
            app_bytes(&app, &district, &format!("/api/v1/orgs/QN.DH/tracking/report?format=xlsx&{query}")).await;
        let sheets = |b: &[u8]| daihoi_sheets::read_bytes("r.xlsx", daihoi_sheets::Format::Xlsx, b).unwrap().sheets;
        assert_eq!(sheets(&api_bytes), sheets(&page_xlsx), "the page's workbook");
        let rows = &sheets(&api_bytes)[0].rows;
        for t in tasks {
            assert!(rows.iter().flatten().any(|c| c == t["title"].as_str().unwrap()), "{t}");
        }
        // T-2: the subtree's overall progress, the dashboard's figure: the
        // district task's roll-up, its one sub-task's 75.5 %; none until
        // the rules are chosen (as the dashboard draws no roll-up).
        assert_eq!(r["progress"].as_f64(), if chosen { Some(75.5) } else { None }, "{r}");
        let (status, pdf) =
            app_bytes(&app, &district, &format!("/api/v1/orgs/QN.DH/tracking/report?format=pdf&{query}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(pdf.starts_with(b"%PDF"));
    }
    // Refusals: the period not begun, a bad format, a commune office on
    // the district's report.
    let uri = "/api/v1/orgs/QN.DH/tracking/report?period=annual&date=2099-01-01";
    refused(&call(&app, &district, Method::GET, uri, None).await, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    let uri = "/api/v1/orgs/QN.DH/tracking/report?format=doc";
    refused(&call(&app, &district, Method::GET, uri, None).await, StatusCode::BAD_REQUEST, "bad_request");
    let uri = "/api/v1/orgs/QN.DH/tracking/report?date=";
    refused(&call(&app, &district, Method::GET, uri, None).await, StatusCode::BAD_REQUEST, "bad_request");
    let uri = "/api/v1/orgs/QN.DH/tracking/report";
    refused(&call(&app, &office, Method::GET, uri, None).await, StatusCode::FORBIDDEN, "forbidden");
    let uri = "/api/v1/orgs/QN.DH/tracking?document=999999";
    refused(&call(&app, &district, Method::GET, uri, None).await, StatusCode::NOT_FOUND, "not_found");
}

/// The bytes of an API answer.
async fn app_bytes(app: &TestApp, token: &str, uri: &str) -> (StatusCode, Vec<u8>) {
    let req = axum::http::Request::builder().uri(uri).header(header::AUTHORIZATION, format!("Bearer {token}"));
    let (status, _, bytes) = app.anonymous().send_raw(req, axum::body::Body::empty()).await;
    (status, bytes)
}

/// T-6: a secret task is refused without any of its text; an open task of
/// a secret document shows without the document; a secret task's figures
/// count in a roll-up without showing.
async fn secrets_never_show(db: Db) {
    let (doc, _, _, _) = seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let (_, token) = app.token("qt.office").await;
    let secret = db
        .create_task(&NewTask {
            document_id: doc,
            clause: "",
            title: "Kế hoạch X7Q tuyệt mật",
            org: &code("QN.DH.QT"),
            parent: None,
            weight: None,
            deadline: Some(date!(2025 - 01 - 31)),
            external_id: None,
            classification: Classification::Secret,
            assigned_on: date!(2024 - 10 - 10),
        })
        .await
        .unwrap()
        .id;
    let page = call(&app, &token, Method::GET, &format!("/api/v1/tasks/{secret}"), None).await;
    refused(&page, StatusCode::FORBIDDEN, "forbidden");
    assert!(!page.body.contains("X7Q"));
    for uri in [
        "/api/v1/orgs/QN.DH.QT/tracking".to_owned(),
        "/api/v1/orgs/QN.DH.QT/tracking/report?period=annual&date=2025-12-01".to_owned(),
        "/api/v1/orgs/QN.DH.QT/tracking/report?period=annual&date=2025-12-01&format=xlsx".to_owned(),
    ] {
        let (status, bytes) = app_bytes(&app, &token, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        let page = Page { status, headers: Default::default(), body: String::new() };
        let text = support::received_text(&page, &bytes) + &String::from_utf8_lossy(&bytes);
        assert!(!text.contains("X7Q"), "{uri}: {text}");
    }
    let event = json!({"kind": "progress", "progress": 5});
    let page = call(&app, &token, Method::POST, &format!("/api/v1/tasks/{secret}/events"), Some(event)).await;
    refused(&page, StatusCode::FORBIDDEN, "forbidden");
}

/// A task file's CSV: the header, then these rows.
fn task_file(rows: &[[&str; 10]]) -> Vec<u8> {
    let header = daihoi_store::tasks::import::sheet::Column::ALL.map(|c| c.header()).join(",");
    std::iter::once(header).chain(rows.iter().map(|r| r.join(","))).collect::<Vec<_>>().join("\n").into_bytes()
}

/// A file sent to the import.
async fn import(app: &TestApp, token: &str, query: &str, bytes: &[u8]) -> Page {
    let req = axum::http::Request::builder()
        .method(Method::POST)
        .uri(format!("/api/v1/orgs/QN.DH/tracking/tasks-file?{query}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "text/csv");
    let (status, headers, body) = app.anonymous().send_raw(req, axum::body::Body::from(bytes.to_vec())).await;
    Page { status, headers, body: String::from_utf8(body).unwrap() }
}

/// T-7 through the API, as the page does it: the download is the page's
/// file; an import checks every row first (a dry run writes nothing),
/// refuses rows by row and column with nothing written (422), names a file
/// that is no task file (400), and is written once with its audit entry;
/// those who do not write in the organization may do neither.
async fn the_task_file(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("dh.office", Role::Office, "QN.DH").await;
    app.user("qt.member", Role::Member, "QN.DH.QT").await;
    let (_, office) = app.token("dh.office").await;
    let (_, member) = app.token("qt.member").await;
    let mut c = app.signed_in("dh.office").await;
    let (status, exported) = app_bytes(&app, &office, "/api/v1/orgs/QN.DH/tracking/tasks-file?format=csv").await;
    assert_eq!(status, StatusCode::OK);
    let (_, page) = c.get_bytes("/orgs/QN.DH/tracking/tasks-file/download?format=csv").await;
    assert_eq!(String::from_utf8_lossy(&exported), String::from_utf8_lossy(&page), "the page's file");
    let (status, xlsx) = app_bytes(&app, &office, "/api/v1/orgs/QN.DH/tracking/tasks-file").await;
    assert_eq!((status, &xlsx[..2]), (StatusCode::OK, &b"PK"[..]), "xlsx by default");

    // The file read back: every task unchanged.
    let again = import(&app, &office, "name=nhiem-vu.csv&dry_run=true", &exported).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let j = again.json();
    assert_eq!((j["rows"].as_u64(), j["unchanged"].as_u64(), j["written"].as_bool()), (Some(2), Some(2), Some(false)));

    let new = task_file(&[[
        "NV-API",
        "28-NQ/TU",
        "26/09/2024",
        "Mục III.3",
        "Tuyên truyền",
        "QN.DH.QT",
        "",
        "",
        "30/06/2030",
        "Thường",
    ]]);
    let checked = import(&app, &office, "name=nhiem-vu.csv&dry_run=true", &new).await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.body);
    assert_eq!((checked.json()["created"].as_u64(), checked.json()["written"].as_bool()), (Some(1), Some(false)));
    assert!(audit(&db, "import_tasks").await.is_empty(), "a dry run writes nothing");
    let written = import(&app, &office, "name=nhiem-vu.csv", &new).await;
    assert_eq!(written.status, StatusCode::OK, "{}", written.body);
    assert_eq!((written.json()["created"].as_u64(), written.json()["written"].as_bool()), (Some(1), Some(true)));
    let entries = audit(&db, "import_tasks").await;
    assert_eq!((entries.len(), entries[0].actor.as_str()), (1, "dh.office"));
    // Again: the task is there once, unchanged (the import is still
    // recorded, as the page's).
    let once = import(&app, &office, "name=nhiem-vu.csv", &new).await;
    assert_eq!((once.json()["created"].as_u64(), once.json()["unchanged"].as_u64()), (Some(0), Some(1)));

    // Refused rows: by row and column, in English, nothing written.
    let bad = task_file(&[
        ["NV-02", "28-NQ/TU", "26/09/2024", "Mục III.3", "Tuyên truyền", "QN.TY", "", "", "30/06/2030", "Thường"],
        ["NV-03", "28-NQ/TU", "26/09/2024", "Mục III.3", "Tuyên truyền", "QN.DH.QT", "", "", "31/02/2030", "Thường"],
    ]);
    let refused_rows = import(&app, &office, "name=nhiem-vu.csv", &bad).await;
    assert_eq!(refused_rows.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused_rows.body);
    let j = refused_rows.json();
    assert_eq!((j["written"].as_bool(), j["problems_total"].as_u64()), (Some(false), Some(1)), "{j}");
    assert_eq!(
        (j["problems"][0]["row"].as_u64(), j["problems"][0]["column"].as_str()),
        (Some(3), Some("I (Hạn hoàn thành)"))
    );
    assert!(j["problems"][0]["message"].as_str().unwrap().contains("date"), "{j}");
    let outside = task_file(&[[
        "NV-02",
        "28-NQ/TU",
        "26/09/2024",
        "Mục III.3",
        "Tuyên truyền",
        "QN.TY",
        "",
        "",
        "30/06/2030",
        "Thường",
    ]]);
    let page = import(&app, &office, "name=nhiem-vu.csv", &outside).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", page.body);
    assert_eq!(page.json()["problems"][0]["column"], "F (Đơn vị thực hiện)", "{}", page.body);
    assert_eq!(audit(&db, "import_tasks").await.len(), 2, "nothing written");

    // Not a task file, or not a file at all: the file names itself, in
    // `file_problem`; nothing read for others.
    for (name, bytes) in [
        ("danh-sach.csv", &b"Ho ten,Ngay sinh\nNguyen Van A,01/01/1970"[..]),
        ("NHIEM-VU.XLSX", &b"\x89PNG\r\n\x1a\n not a workbook"[..]),
    ] {
        let page = import(&app, &office, &format!("name={name}"), bytes).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", page.body);
        let j = page.json();
        assert!(j["file_problem"].as_str().unwrap().contains(name), "{j}");
        assert_eq!((j["written"].as_bool(), j["problems_total"].as_u64()), (Some(false), Some(0)));
    }
    refused(&import(&app, &office, "name=nhiem-vu.pdf", &new).await, StatusCode::BAD_REQUEST, "bad_request");
    refused(&import(&app, &office, "name=nhiem-vu.csv", b"").await, StatusCode::BAD_REQUEST, "bad_request");
    refused(&import(&app, &member, "name=nhiem-vu.csv", &new).await, StatusCode::FORBIDDEN, "forbidden");
    let (status, _) = app_bytes(&app, &member, "/api/v1/orgs/QN.DH/tracking/tasks-file").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// The task file of tasks whose document is dated before 1900 (the
/// register accepts it; a workbook cannot hold it as a date): written as
/// text, read back the same, by the page and the API.
async fn the_task_file_holds_old_dates(db: Db) {
    small_tree(&db).await;
    let old = db
        .register_document(&daihoi_store::documents::NewDocument {
            doc_type: "NQ",
            issuer: "TU",
            number: 5,
            number_text: "5",
            issued_on: date!(0051 - 12 - 02),
            title: "Văn bản cũ",
            summary: "",
            classification: Classification::Normal,
            org: None,
        })
        .await
        .unwrap();
    db.create_task(&NewTask {
        document_id: old.id,
        clause: "",
        title: "Nhiệm vụ cũ",
        org: &code("QN.DH"),
        parent: None,
        weight: None,
        deadline: None,
        external_id: Some("NV-CU"),
        classification: Classification::Normal,
        assigned_on: date!(2024 - 10 - 10),
    })
    .await
    .unwrap();
    let app = TestApp::new(&db);
    app.user("dh.office", Role::Office, "QN.DH").await;
    let (_, office) = app.token("dh.office").await;
    let mut c = app.signed_in("dh.office").await;
    for format in ["xlsx", "csv"] {
        let (status, api) =
            app_bytes(&app, &office, &format!("/api/v1/orgs/QN.DH/tracking/tasks-file?format={format}")).await;
        assert_eq!(status, StatusCode::OK, "{format}");
        let (status, _) = c.get_bytes(&format!("/orgs/QN.DH/tracking/tasks-file/download?format={format}")).await;
        assert_eq!(status, StatusCode::OK, "{format}: the page");
        let checked = import(&app, &office, &format!("name=nhiem-vu.{format}&dry_run=true"), &api).await;
        assert_eq!(checked.status, StatusCode::OK, "{format}: {}", checked.body);
        assert_eq!(checked.json()["unchanged"].as_u64(), Some(1), "{format}: read back the same");
    }
}

daihoi_test_support::engines!(
    give_show_and_cascade,
    events_targets_and_readings,
    tracking_rules,
    the_figures_are_the_pages,
    secrets_never_show,
    the_task_file,
    the_task_file_holds_old_dates
);
