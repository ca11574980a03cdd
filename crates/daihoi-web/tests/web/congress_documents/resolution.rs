//! From the adopted resolution to tracking, and back (issue 17 item 6),
//! through the pages and the API: the province's 2020 congress adopts its
//! resolution on the page, registered `01-NQ/ĐH` (C-PLAN-7, D-NUM-1,
//! D-NUM-4 answered on the round), its target (T-5) and task (T-1) created
//! in one write; a paragraph the version does not have is refused with
//! T-1, a second adoption with C-PLAN-7, nothing written; the 2025
//! congress's review report shows the section computed on a date with
//! the tracking report's figures for that date, and inserts it as the
//! draft's next version, once (a second insertion replaces it).

use axum::http::{Method, StatusCode};
use daihoi_congress::{AnswerValue, CongressKind, Contents, Length, LevelClass, OpenQuestion, Schedule, Scope};
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_test_support::fixtures::{code, small_tree};
use daihoi_tracking::{Event, EventKind, Reading, Workflow};
use serde_json::json;
use time::macros::date;

use crate::support::{TestApp, location};

async fn audit_entries(db: &Db) -> i64 {
    db.audit_checkpoint().await.unwrap().map_or(0, |c| c.last_id)
}

fn plan(opening: time::Date, held: bool) -> daihoi_store::congresses::NewPlan {
    let schedule = Schedule { opening, length: Length::days(3) };
    daihoi_store::congresses::NewPlan {
        level: LevelClass::UnderCentre,
        kind: CongressKind::DelegateCongress,
        contents: Contents::Full,
        model: false,
        planned: schedule,
        actual: held.then_some(schedule),
    }
}

async fn the_resolution_is_adopted_tracked_and_read_back_in_the_review_report(db: Db) {
    small_tree(&db).await;
    let app = TestApp::new(&db);
    app.user("vp.qn", Role::Office, "QN").await;
    let today = date!(2025 - 06 - 01);
    let c = db.operator();
    let template = daihoi_store::congresses::RoundTemplate::Term2025To2030;
    let old_round = c.congresses().create_round("2020-2025", "Nhiệm kỳ 2020–2025", template, today, "t").await.unwrap();
    let qn = db.org_by_code(&code("QN"), today).await.unwrap().unwrap();
    let old = c.congresses().plan(&old_round, &qn, &plan(date!(2020 - 10 - 10), true), today, "t").await.unwrap();
    let docs = c.congress_documents();
    let new = daihoi_store::congress_documents::NewDocument {
        kind: daihoi_drafts::DocumentKind::DraftResolution,
        title: "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XV",
        classification: daihoi_store::documents::Classification::Normal,
        line_length: 80,
    };
    let draft = docs.create_document(&old, &new, "t").await.unwrap();
    let blocks = daihoi_drafts::Block::Heading { level: 1, text: "I. MỤC TIÊU".into() };
    let p = |t: &str| daihoi_drafts::Block::Paragraph { text: t.to_owned() };
    let text = [
        blocks,
        p("Xây dựng Đảng bộ tỉnh trong sạch, vững mạnh."),
        p("Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên đạt 80%."),
        p("Nâng cao chất lượng sinh hoạt chi bộ."),
    ];
    docs.add_version(&old, &draft, &text, daihoi_store::congress_documents::VersionSource::Page, None, "t")
        .await
        .unwrap();
    let mut qn_office = app.signed_in("vp.qn").await;
    let page = "/orgs/QN/congress/resolution";
    // D-NUM-4 [open], unanswered: the page says what it awaits, with the
    // way to the round's question, and offers no form to fill in vain.
    let shown = qn_office.get(&format!("{page}?round=2020-2025")).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    assert!(shown.body.contains("id=\"adoption-awaiting\""), "{}", shown.body);
    assert!(shown.body.contains("#q-resolution_issuer"), "{}", shown.body);
    assert!(!shown.body.contains("id=\"adopt-form\""), "{}", shown.body);
    // D-NUM-4 [open]: a person answers the issuer code of the round's resolutions.
    c.congresses()
        .answer(
            &old_round,
            OpenQuestion::ResolutionIssuer,
            &Scope::Round,
            AnswerValue::Text("ĐH".into()),
            today,
            "Hướng dẫn của Văn phòng Tỉnh ủy",
            today,
            "t",
        )
        .await
        .unwrap();

    let shown = qn_office.get(&format!("{page}?round=2020-2025")).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    assert!(shown.body.contains("id=\"adopt-form\""), "{}", shown.body);
    assert!(!shown.body.contains("id=\"adoption-awaiting\""), "{}", shown.body);
    let rows = |paragraph: &'static str| {
        vec![
            ("round", "2020-2025"),
            ("number", ""),
            ("title", ""),
            ("adopted_on", ""),
            ("kind", "target"),
            ("paragraph", "2"),
            ("item_title", "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ"),
            ("org", ""),
            ("deadline", ""),
            ("unit", "%"),
            ("baseline", "60"),
            ("goal", "80"),
            ("direction", "higher"),
            ("kind", "task"),
            ("paragraph", paragraph),
            ("item_title", "Nâng cao chất lượng sinh hoạt chi bộ"),
            ("org", ""),
            ("deadline", "2024-12-31"),
            ("unit", ""),
            ("baseline", ""),
            ("goal", ""),
            ("direction", "higher"),
            // An empty row, skipped.
            ("kind", "task"),
            ("paragraph", ""),
            ("item_title", ""),
        ]
    };
    // T-1: a paragraph the adopted version does not have; nothing written.
    let before = audit_entries(&db).await;
    let refused = qn_office.post_form(page, &rows("9")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("T-1"), "{}", refused.body);
    assert_eq!(audit_entries(&db).await, before, "nothing written");
    // C-PLAN-7: adopted, registered, its target and task created in one write.
    let adopted = qn_office.post_form(page, &rows("3")).await;
    assert_eq!(adopted.status, StatusCode::SEE_OTHER, "{}", adopted.body);
    assert_eq!(audit_entries(&db).await - before, 5, "register, adoption, two tasks, one target");
    let shown = qn_office.get(&location(&adopted)).await;
    assert!(shown.body.contains("01-NQ/ĐH"), "{}", shown.body);
    assert!(shown.body.contains("Mục I, đoạn 3"), "the task's clause (T-1): {}", shown.body);

    // The API twin reads it; a second adoption is refused with its rule.
    let (_, token) = app.token("vp.qn").await;
    let mut api = app.anonymous();
    let read = api.api(Method::GET, "/api/v1/orgs/QN/congress/resolution?round=2020-2025", &token, None).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    let r = read.json();
    assert_eq!(r["number"], "01-NQ/ĐH");
    assert_eq!(r["items"].as_array().unwrap().len(), 2);
    let again = json!({"round": "2020-2025", "items": [{"kind": "task", "paragraph": 1, "title": "Nhiệm vụ"}]});
    let before = audit_entries(&db).await;
    let twice = api.api(Method::POST, "/api/v1/orgs/QN/congress/resolution", &token, Some(&again)).await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", twice.body);
    assert_eq!(twice.json()["error"]["rule"], "C-PLAN-7");
    let no_goal = json!({"round": "2020-2025",
        "items": [{"kind": "target", "paragraph": 1, "title": "Chỉ tiêu", "unit": "%", "baseline": 1.0}]});
    let no_goal = api.api(Method::POST, "/api/v1/orgs/QN/congress/resolution", &token, Some(&no_goal)).await;
    assert_eq!(no_goal.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", no_goal.body);
    assert_eq!(audit_entries(&db).await, before, "nothing written");

    // Tracking: a reading of the target, the task done.
    let tasks = c.tasks();
    let target_task = tasks.task(r["items"][0]["task_id"].as_i64().unwrap(), today).await.unwrap().unwrap();
    let target_id = r["items"][0]["target_id"].as_i64().unwrap();
    tasks
        .record_reading(&target_task, target_id, Reading { on: date!(2022 - 12 - 31), value: 70.0 }, "", "t")
        .await
        .unwrap();
    let task = tasks.task(r["items"][1]["task_id"].as_i64().unwrap(), today).await.unwrap().unwrap();
    let done = Event {
        occurred_on: date!(2024 - 11 - 30),
        recorded_on: date!(2024 - 12 - 01),
        kind: EventKind::StatusChange { from: Workflow::Assigned, to: Workflow::Done },
    };
    tasks.record_event(&task, &done, "t").await.unwrap();

    // The 2025 congress and its review report, the office on its team.
    let round = c.congresses().create_round("2025-2030", "Nhiệm kỳ 2025–2030", template, today, "t").await.unwrap();
    let congress = c.congresses().plan(&round, &qn, &plan(date!(2025 - 10 - 10), false), today, "t").await.unwrap();
    let review = daihoi_store::congress_documents::NewDocument {
        kind: daihoi_drafts::DocumentKind::ReviewReport,
        title: "Dự thảo Báo cáo kiểm điểm của Ban Chấp hành",
        classification: daihoi_store::documents::Classification::Normal,
        line_length: 80,
    };
    let rr = docs.create_document(&congress, &review, "t").await.unwrap();
    docs.add_version(
        &congress,
        &rr,
        &[p("Ban Chấp hành tự kiểm điểm.")],
        daihoi_store::congress_documents::VersionSource::Page,
        None,
        "t",
    )
    .await
    .unwrap();
    docs.add_to_team(&congress, &rr, "vp.qn", "t").await.unwrap();

    // The section on 30/06/2023, the end of a quarter: the tracking
    // report's figures for the same day.
    let draft_page = qn_office.get(&format!("/orgs/QN/congress/documents/{}?round=2025-2030", rr.id)).await;
    assert!(draft_page.body.contains("id=\"review-link\""), "{}", draft_page.body);
    let at = format!("/orgs/QN/congress/documents/{}/review", rr.id);
    let section = qn_office.get(&format!("{at}?round=2025-2030&on=2023-06-30")).await;
    assert_eq!(section.status, StatusCode::OK, "{}", section.body);
    assert!(section.body.contains("Kết quả thực hiện Nghị quyết Đại hội nhiệm kỳ trước"));
    assert!(section.body.contains("01-NQ/ĐH"));
    let api_at = format!("/api/v1/orgs/QN/congress/documents/{}/review", rr.id);
    let s = api.api(Method::GET, &format!("{api_at}?round=2025-2030&on=2023-06-30"), &token, None).await;
    assert_eq!(s.status, StatusCode::OK, "{}", s.body);
    let s = s.json();
    let report = api
        .api(
            Method::GET,
            &format!("/api/v1/orgs/QN/tracking/report?period=quarterly&date=2023-06-30&document={}", r["document_id"]),
            &token,
            None,
        )
        .await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    let report = report.json();
    assert_eq!(report["evaluated_on"], "2023-06-30");
    let target = &report["targets"].as_array().unwrap().iter().find(|t| t["id"] == target_id).unwrap();
    assert_eq!(s["targets"][0]["latest"], target["latest"]);
    assert_eq!(s["targets"][0]["attainment"], target["attainment"]);
    assert_eq!(s["targets"][0]["met"], target["met"]);
    assert_eq!((s["targets"][0]["baseline"].as_f64(), s["targets"][0]["goal"].as_f64()), (Some(60.0), Some(80.0)));
    assert_eq!(s["targets"][0]["attainment"].as_f64(), Some(50.0));
    let line = report["tasks"].as_array().unwrap().iter().find(|t| t["id"] == task.id).unwrap();
    assert_eq!(s["tasks"][0]["status"], line["status"]);
    assert_eq!(s["tasks"][0]["workflow"], line["workflow"]);
    assert_eq!(s["tasks"].as_array().unwrap().len(), 1, "the target's carrying task is the target's row");

    // Inserted as version 2 on the page, saying the day it was computed at.
    let inserted = qn_office.post_form(&at, &[("round", "2025-2030"), ("on", "2023-06-30")]).await;
    assert_eq!(inserted.status, StatusCode::SEE_OTHER, "{}", inserted.body);
    let v2 = qn_office.get(&location(&inserted)).await;
    assert!(v2.body.contains("Tính đến ngày 30/06/2023"), "{}", v2.body);
    assert!(v2.body.contains("Ban Chấp hành tự kiểm điểm."), "the version before is kept");
    // Through the API, on a later day: version 3, the section replaced, not repeated.
    let body = json!({"round": "2025-2030"});
    let v3 = api.api(Method::POST, &api_at, &token, Some(&body)).await;
    assert_eq!(v3.status, StatusCode::CREATED, "{}", v3.body);
    assert_eq!(v3.json()["number"], 3);
    let latest = docs.latest(&rr).await.unwrap().unwrap();
    let headings = latest
        .text
        .sections()
        .iter()
        .filter(|s| s.heading.as_deref().is_some_and(|h| h.starts_with("Kết quả thực hiện")))
        .count();
    assert_eq!(headings, 1);
    assert!(latest.text.paragraphs().any(|(_, p)| p.text.contains("Hoàn thành đúng hạn")), "the task done on time");
}

daihoi_test_support::engines!(the_resolution_is_adopted_tracked_and_read_back_in_the_review_report);
