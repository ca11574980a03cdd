//! Congresses on the web (issue 15): a round's [open] questions answered on
//! its page (C-PLAN-4), a plan and the campaign's warnings (C-PLAN-1, the
//! worked example W-C5: a commune congress on 05/09/2025, after the
//! 31/08/2025 window, approved by the district), gates recorded by the
//! right offices only (C-PLAN-5); the same through the API.

mod agenda;
mod files;
mod kind;
mod plans_file;
mod prints;
mod roll;
mod seats;
mod settings;

use crate::support;

use axum::http::{Method, StatusCode};
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_test_support::fixtures::*;
use serde_json::json;
use support::{TestApp, location};

const ROUND: &str = "2025-2030";

/// The small tree and the users: the root's administrator, the district's
/// and the commune's offices, the commune's inspection.
async fn setup(db: &Db) -> TestApp {
    small_tree(db).await;
    let app = TestApp::new(db);
    app.user("admin.qn", Role::Admin, "QN").await;
    app.user("vp.dh", Role::Office, "QN.DH").await;
    app.user("vp.qt", Role::Office, "QN.DH.QT").await;
    app.user("kt.qt", Role::Inspection, "QN.DH.QT").await;
    app
}

/// The round, opened on its page by the root's administrator (the commune's
/// office may not).
async fn open_round(app: &TestApp) {
    let mut office = app.signed_in("vp.qt").await;
    let refused = office.post_form("/rounds", &[("code", ROUND), ("title", "Nhiệm kỳ 2025–2030")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let mut admin = app.signed_in("admin.qn").await;
    let page = admin.post_form("/rounds", &[("code", ROUND), ("title", "Nhiệm kỳ 2025–2030")]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(location(&page), format!("/rounds/{ROUND}"));
    // C-PLAN-4: the round exists: refused in words, the input kept.
    let again = admin.post_form("/rounds", &[("code", ROUND), ("title", "Lần nữa")]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("C-PLAN-4") && again.body.contains("Lần nữa"), "{}", again.body);
}

/// C-PLAN-4, C-DEL-5: every [open] question waits for a decision until the
/// root's administrator answers it; a refused answer keeps the input and
/// names every problem (422); the commune's office may not answer for the
/// round (403), and answers for its cell.
async fn answering_open_questions(db: Db) {
    let app = setup(&db).await;
    open_round(&app).await;
    let mut admin = app.signed_in("admin.qn").await;
    let page = admin.get(&format!("/rounds/{ROUND}")).await;
    assert_eq!(page.status, StatusCode::OK);
    // The settings that ship, with their tags and sources.
    for text in ["31/08/2025", "45-CT/TW; 185-KL/TW", "200", "60 tháng", "48 tháng", "42 tháng", "36 tháng"] {
        assert!(page.body.contains(text), "{text} not on the round page");
    }
    // Every question, awaiting.
    assert_eq!(page.body.matches("Chờ quyết định").count(), 27);
    assert!(page.body.contains("C-DEL-5: Đảng viên dự bị"));

    let answer = |question: &'static str, value: &'static str, why: &'static str| {
        vec![("question", question), ("scope", "round"), ("value", value), ("on", "2024-11-20"), ("why", why)]
    };
    let done = admin
        .post_form(&format!("/rounds/{ROUND}/answers"), &answer("probationary_counted", "no", "Hướng dẫn 06-HD/TU"))
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = admin.get(&format!("/rounds/{ROUND}")).await;
    assert_eq!(page.body.matches("Chờ quyết định").count(), 26);
    assert!(
        page.body.contains("admin.qn") && page.body.contains("Hướng dẫn 06-HD/TU") && page.body.contains("20/11/2024")
    );

    // A number that is not one, no reason: both named, the input kept.
    let refused = admin.post_form(&format!("/rounds/{ROUND}/answers"), &answer("delegate_cap", "ba trăm", "")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Câu trả lời phải là một số"), "{}", refused.body);
    assert!(refused.body.contains("Căn cứ (văn bản hoặc lý do): chưa nhập."), "{}", refused.body);
    assert!(refused.body.contains(r#"value="ba trăm""#));
    assert_eq!(refused.body.matches("Chờ quyết định").count(), 26);

    // The commune's office: not for the round, but for its cell (C-PLAN-2).
    let mut office = app.signed_in("vp.qt").await;
    let forbidden = office
        .post_form(&format!("/rounds/{ROUND}/answers"), &answer("probationary_counted", "yes", "Ý kiến xã"))
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let cell = office
        .post_form(
            &format!("/rounds/{ROUND}/answers"),
            &[
                ("question", "pilot_cell"),
                ("scope", "organization"),
                ("org", "QN.DH.QT.CB01"),
                ("value", "yes"),
                ("on", "2024-12-01"),
                ("why", "Quyết định 294-QĐ/TW"),
            ],
        )
        .await;
    assert_eq!(cell.status, StatusCode::SEE_OTHER, "{}", cell.body);
    let page = office.get(&format!("/rounds/{ROUND}")).await;
    assert!(page.body.contains("tổ chức QN.DH.QT.CB01") && page.body.contains("Quyết định 294-QĐ/TW"));
    // An organization that does not exist: named, 422.
    let unknown = office
        .post_form(
            &format!("/rounds/{ROUND}/answers"),
            &[
                ("question", "pilot_cell"),
                ("scope", "organization"),
                ("org", "QN.XX.YY"),
                ("value", "yes"),
                ("on", "2024-12-01"),
                ("why", "Quyết định 294-QĐ/TW"),
            ],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", unknown.body);
    assert!(unknown.body.contains("QN.XX.YY"));
}

fn plan_form(level: &'static str, held_on: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("round", ROUND),
        ("level", level),
        ("kind", "delegate_congress"),
        ("contents", "full"),
        ("planned_on", "2025-09-05"),
        ("planned_length", "4"),
        ("held_on", held_on),
        ("held_length", if held_on.is_empty() { "" } else { "4" }),
    ]
}

/// C-PLAN-1 (W-C5): the commune plans its congress on 05/09/2025, after the
/// 31/08/2025 window; the campaign warns; the district approves the dates
/// and the warning says it is approved, by whom and the reference. A
/// refused plan keeps its input and names every problem.
async fn plan_and_campaign_warning(db: Db) {
    let app = setup(&db).await;
    open_round(&app).await;
    let mut office = app.signed_in("vp.qt").await;
    // The plan form proposes the commune's class (LevelClass::default_for).
    let page = office.get("/orgs/QN.DH.QT/congress").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(r#"<option value="commune" selected>"#), "{}", page.body);

    // C-PLAN-1: not a cell's class; C-PLAN-5: not held after today.
    let refused = office.post_form("/orgs/QN.DH.QT/congress", &plan_form("cell", "2999-01-01")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("C-PLAN-1"), "{}", refused.body);
    assert!(refused.body.contains("Ngày tổ chức: sau ngày hôm nay."), "{}", refused.body);
    assert!(refused.body.contains(r#"value="2999-01-01""#));
    assert!(refused.body.contains("Tổ chức này chưa có kế hoạch đại hội"));

    let saved = office.post_form("/orgs/QN.DH.QT/congress", &plan_form("commune", "")).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    let mut district = app.signed_in("vp.dh").await;
    let campaign = district.get("/orgs/QN.DH/congresses").await;
    assert_eq!(campaign.status, StatusCode::OK);
    assert!(campaign.body.contains("Đảng bộ xã Quảng Tân"));
    assert!(
        campaign.body.contains("C-PLAN-1: kết thúc ngày 06/09/2025, sau thời hạn hoàn thành của cấp (31/08/2025)."),
        "{}",
        campaign.body
    );
    assert!(!campaign.body.contains("Đã được"));
    // Not held, planned before today: late.
    assert!(campaign.body.contains("class=\"late\""));
    // The dashboard: the question C-PLAN-5 waits for is named once, with
    // how many congresses wait, not on every line; the timeline is drawn;
    // the congress is among those to look at and in the full list.
    let question = "Đề án nhân sự phải được phê duyệt trước đại hội bao nhiêu ngày?";
    assert_eq!(campaign.body.matches(question).count(), 1, "{}", campaign.body);
    assert!(campaign.body.contains("1 đại hội chờ"));
    assert!(campaign.body.contains("<svg") && campaign.body.contains("09/2025"));
    assert!(campaign.body.contains("Cần chú ý") && campaign.body.contains("Đại hội 1–1 trong 1"));

    // The commune's office does not approve its own dates; the district's does.
    let approval = [
        ("round", ROUND),
        ("approved_by", "Ban Thường vụ Huyện ủy Đầm Hà"),
        ("on", "2025-08-25"),
        ("reference", "125-QĐ/HU"),
    ];
    let own = office.post_form("/orgs/QN.DH.QT/congress/date-approval", &approval).await;
    assert_eq!(own.status, StatusCode::FORBIDDEN);
    let missing = district
        .post_form("/orgs/QN.DH.QT/congress/date-approval", &[("round", ROUND), ("approved_by", ""), ("on", "x")])
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        missing.body.contains("Người/cơ quan duyệt: chưa nhập.")
            && missing.body.contains("Ngày: không phải ngày hợp lệ.")
    );
    let approved = district.post_form("/orgs/QN.DH.QT/congress/date-approval", &approval).await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    let campaign = district.get("/orgs/QN.DH/congresses").await;
    assert!(
        campaign.body.contains("Đã được Ban Thường vụ Huyện ủy Đầm Hà đồng ý ngày 25/08/2025 (125-QĐ/HU)."),
        "{}",
        campaign.body
    );
    // In English too, dates as the language writes them.
    let en = district.get("/orgs/QN.DH/congresses?lang=en").await;
    assert!(en.body.contains("C-PLAN-1: ends on 6 Sep 2025"), "{}", en.body);
}

/// C-PLAN-5: "held" by the commune's office, the other gates by the
/// district's; a gate dated after today is refused in words.
async fn gates_by_the_right_offices(db: Db) {
    let app = setup(&db).await;
    open_round(&app).await;
    let mut office = app.signed_in("vp.qt").await;
    assert_eq!(
        office.post_form("/orgs/QN.DH.QT/congress", &plan_form("commune", "")).await.status,
        StatusCode::SEE_OTHER
    );
    let gate = |gate: &'static str, on: &'static str| {
        vec![
            ("round", ROUND),
            ("gate", gate),
            ("approved_by", "Ban Thường vụ Huyện ủy"),
            ("on", on),
            ("reference", "12-QĐ/HU"),
        ]
    };
    let uri = "/orgs/QN.DH.QT/congress/gates";
    assert_eq!(office.post_form(uri, &gate("plan_approved", "2025-07-01")).await.status, StatusCode::FORBIDDEN);
    let mut inspection = app.signed_in("kt.qt").await;
    assert_eq!(inspection.post_form(uri, &gate("held", "2025-09-06")).await.status, StatusCode::FORBIDDEN);
    let mut district = app.signed_in("vp.dh").await;
    assert_eq!(district.post_form(uri, &gate("plan_approved", "2025-07-01")).await.status, StatusCode::SEE_OTHER);
    let future = office.post_form(uri, &gate("held", "2999-01-01")).await;
    assert_eq!(future.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(future.body.contains("Ngày: sau ngày hôm nay.") && future.body.contains(r#"value="2999-01-01""#));
    assert_eq!(office.post_form(uri, &gate("held", "2025-09-06")).await.status, StatusCode::SEE_OTHER);
    let page = office.get("/orgs/QN.DH.QT/congress").await;
    assert!(page.body.contains("duyệt kế hoạch ngày 01/07/2025"), "{}", page.body);
    assert!(page.body.contains("tổ chức đại hội ngày 06/09/2025"));
    // C-PLAN-5: "held" is recorded while the drafts and personnel steps are not.
    assert!(page.body.contains("C-PLAN-5: đã ghi “tổ chức đại hội” nhưng chưa có"), "{}", page.body);
    let campaign = district.get("/orgs/QN.DH/congresses").await;
    // The counts by level: one commune congress, held, results not approved, not late.
    assert!(
        campaign.body.contains("<td>xã, phường, đặc khu</td><td>1</td><td>0</td><td>1</td><td>0</td><td>0</td>"),
        "{}",
        campaign.body
    );
}

/// The API does what the pages do, with the same results: C-PLAN-4's
/// round, C-DEL-5's answer, W-C5's warning (C-PLAN-1) and its approval,
/// the gates (C-PLAN-5), in the error envelope with the rule.
async fn the_api_as_the_pages(db: Db) {
    let app = setup(&db).await;
    let mut c = app.anonymous();
    let (_, admin) = app.token("admin.qn").await;
    let (_, office) = app.token("vp.qt").await;
    let (_, district) = app.token("vp.dh").await;
    let new_round = json!({"code": ROUND, "title": "Nhiệm kỳ 2025–2030"});
    let refused = c.api(Method::POST, "/api/v1/rounds", &office, Some(&new_round)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let made = c.api(Method::POST, "/api/v1/rounds", &admin, Some(&new_round)).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    assert_eq!(made.json()["from_year"], 2025);
    let again = c.api(Method::POST, "/api/v1/rounds", &admin, Some(&new_round)).await;
    assert_eq!(
        (again.status, again.json()["error"]["rule"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("C-PLAN-4"))
    );
    let list = c.api(Method::GET, "/api/v1/rounds", &office, None).await.json();
    assert_eq!(list[0]["code"], ROUND);

    let round = c.api(Method::GET, &format!("/api/v1/rounds/{ROUND}"), &office, None).await.json();
    let questions = round["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 27, "with the issuer code of a congress resolution (C-PLAN-7, D-NUM-4)");
    assert_eq!(questions[0]["code"], "probationary_counted");
    assert_eq!((questions[0]["rule"].clone(), questions[0]["awaiting"].clone()), (json!("C-DEL-5"), json!(true)));
    assert_eq!(round["settings"]["delegate_congress_threshold"]["value"], 200);
    // Dates as the API writes them (not the domain's `[year, ordinal]`).
    assert_eq!(round["settings"]["windows"]["commune"]["value"]["finish_by"]["date"], "2025-08-31");
    assert_eq!(round["settings"]["previous_term_from"]["value"], "2020-01-01");
    assert_eq!(c.api(Method::GET, "/api/v1/rounds/1990-1995", &office, None).await.status, StatusCode::NOT_FOUND);

    let answers = format!("/api/v1/rounds/{ROUND}/answers");
    let answer = |value: serde_json::Value, scope: &str, of: Option<&str>| {
        json!({"question": "probationary_counted", "scope": scope, "of": of, "value": value, "on": "2024-11-20",
               "why": "Hướng dẫn 06-HD/TU"})
    };
    let wrong = c.api(Method::POST, &answers, &admin, Some(&answer(json!(3), "round", None))).await;
    assert_eq!(
        (wrong.status, wrong.json()["error"]["rule"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("C-DEL-5"))
    );
    let forbidden = c.api(Method::POST, &answers, &office, Some(&answer(json!(true), "round", None))).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    // An organization named in the body that does not exist: 422, not 404.
    let unknown =
        c.api(Method::POST, &answers, &office, Some(&answer(json!(true), "organization", Some("QN.XX.YY")))).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", unknown.body);
    let ok = c.api(Method::POST, &answers, &admin, Some(&answer(json!(false), "round", None))).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let ok = ok.json();
    assert_eq!((ok["awaiting"].clone(), ok["answers"][0]["value"].clone()), (json!(false), json!(false)));
    assert_eq!(ok["answers"][0]["by"], "admin.qn");

    // W-C5, C-PLAN-1.
    let plan = json!({"round": ROUND, "level": "commune", "kind": "delegate_congress", "contents": "full",
                      "planned": {"opening": "2025-09-05", "half_days": 4}});
    let no_round = json!({"round": "1990-1995", "level": "commune", "kind": "delegate_congress", "contents": "full",
                          "planned": {"opening": "2025-09-05", "half_days": 4}});
    let put = "/api/v1/orgs/QN.DH.QT/congress";
    assert_eq!(c.api(Method::PUT, put, &office, Some(&no_round)).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    let cell = json!({"round": ROUND, "level": "cell", "kind": "delegate_congress", "contents": "full",
                      "planned": {"opening": "2025-09-05", "half_days": 4}});
    let as_cell = c.api(Method::PUT, put, &office, Some(&cell)).await;
    assert_eq!(
        (as_cell.status, as_cell.json()["error"]["rule"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("C-PLAN-1"))
    );
    let planned = c.api(Method::PUT, put, &office, Some(&plan)).await;
    assert_eq!(planned.status, StatusCode::OK, "{}", planned.body);
    let w = &planned.json()["warnings"][0];
    assert_eq!((w["rule"].clone(), w["approved"].clone()), (json!("C-PLAN-1"), json!(false)));
    assert_eq!(w["warning"]["warning"], "after_finish_by");
    assert_eq!(
        (w["warning"]["last_day"].clone(), w["warning"]["finish_by"].clone()),
        (json!("2025-09-06"), json!("2025-08-31"))
    );

    let approval = json!({"round": ROUND, "approved_by": "Ban Thường vụ Huyện ủy Đầm Hà", "on": "2025-08-25",
                          "reference": "125-QĐ/HU"});
    let dates = "/api/v1/orgs/QN.DH.QT/congress/date-approval";
    assert_eq!(c.api(Method::POST, dates, &office, Some(&approval)).await.status, StatusCode::FORBIDDEN);
    let approved = c.api(Method::POST, dates, &district, Some(&approval)).await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    let campaign = c.api(Method::GET, "/api/v1/orgs/QN.DH/congresses", &district, None).await;
    assert_eq!(campaign.status, StatusCode::OK);
    let campaign = campaign.json();
    assert_eq!(campaign["by_level"], json!({"commune": 1}));
    assert_eq!(campaign["late"], 1);
    let line = &campaign["congresses"][0];
    assert_eq!(line["org"]["code"], "QN.DH.QT");
    assert_eq!(
        (line["warnings"][0]["approved"].clone(), line["warnings"][0]["warning"]["approval"]["reference"].clone()),
        (json!(true), json!("125-QĐ/HU"))
    );
    assert_eq!(
        c.api(Method::GET, "/api/v1/orgs/QN.DH/congresses?round=1990-1995", &district, None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        c.api(Method::GET, "/api/v1/orgs/QN.XX/congresses", &district, None).await.status,
        StatusCode::NOT_FOUND
    );

    // C-PLAN-5: the gates by the right offices.
    let gates = "/api/v1/orgs/QN.DH.QT/congress/gates";
    let gate = |g: &str| {
        json!({"round": ROUND, "gate": g, "approved_by": "Ban Thường vụ Huyện ủy", "on": "2025-07-01",
                                "reference": "12-QĐ/HU"})
    };
    assert_eq!(c.api(Method::POST, gates, &office, Some(&gate("plan_approved"))).await.status, StatusCode::FORBIDDEN);
    let passed = c.api(Method::POST, gates, &district, Some(&gate("plan_approved"))).await;
    assert_eq!(passed.status, StatusCode::OK, "{}", passed.body);
    assert_eq!(
        (passed.json()["recorded"].clone(), passed.json()["congress"]["gates"][0]["gate"].clone()),
        (json!(true), json!("plan_approved"))
    );
    let twice = c.api(Method::POST, gates, &district, Some(&gate("plan_approved"))).await.json();
    assert_eq!(twice["recorded"], false);
    let shown = c.api(Method::GET, put, &office, None).await.json();
    assert_eq!(shown["gates"].as_array().unwrap().len(), 1);
}

daihoi_test_support::engines!(
    answering_open_questions,
    plan_and_campaign_warning,
    gates_by_the_right_offices,
    the_api_as_the_pages
);
