//! A round's settings changed on its page and through the API (issue 15
//! §1; congress.md §5, C-PLAN-4): the form saves and the row shows the
//! value recorded with who decided, when, why and its source; a refused
//! form keeps what was typed and names the problem next to the form; only
//! an administrator of a root changes them.

use axum::http::{Method, StatusCode};
use daihoi_store::Db;
use serde_json::json;

use super::{ROUND, open_round, setup};
use crate::support::location;

/// C-DEL-5, C-PLAN-4: the root's administrator changes the threshold to
/// 150 on the page (back to its row, saved); the row says who decided,
/// the day, why and the source, tagged recorded. C-PER-9: a quorum of 3/2
/// is refused next to its form, the typed values and reason kept; D-NUM-1:
/// a source that is no document number too. The commune's office may not
/// (403) and sees no form.
async fn changing_settings_on_the_page(db: Db) {
    let app = setup(&db).await;
    open_round(&app).await;
    let mut admin = app.signed_in("admin.qn").await;
    let page = admin.get(&format!("/rounds/{ROUND}")).await;
    assert!(page.body.contains(r#"id="setting-delegate_congress_threshold""#), "{}", page.body);
    assert!(page.body.contains(&format!(r#"action="/rounds/{ROUND}/settings/window#setting-window-commune""#)));

    let threshold = [
        ("value", "150"),
        ("source", "09-QĐ/TU"),
        ("decided_by", "Ban Thường vụ Tỉnh ủy"),
        ("on", "2025-01-10"),
        ("why", "Nhiều đảng bộ cơ sở dưới 200 đảng viên"),
    ];
    let saved = admin.post_form(&format!("/rounds/{ROUND}/settings/delegate_congress_threshold"), &threshold).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(location(&saved), format!("/rounds/{ROUND}?saved=setting#setting-delegate_congress_threshold"));
    let page = admin.get(&format!("/rounds/{ROUND}?saved=setting")).await;
    assert!(page.body.contains("Đã ghi nhận thay đổi thông số."), "{}", page.body);
    assert!(page.body.contains("<td>150</td>"), "{}", page.body);
    assert!(page.body.contains("Ban Thường vụ Tỉnh ủy, 10/01/2025 (Nhiều đảng bộ cơ sở dưới 200 đảng viên)"));
    assert!(page.body.contains("<td>09-QĐ/TU</td>") && page.body.contains("ghi nhận cho nhiệm kỳ này"));

    // C-PER-9: refused next to its form, the input kept.
    let quorum = [
        ("numerator", "3"),
        ("denominator", "2"),
        ("source", "09-QĐ/TU"),
        ("on", "2025-01-10"),
        ("why", "Lý do đã gõ"),
    ];
    let refused = admin.post_form(&format!("/rounds/{ROUND}/settings/step_two_quorum"), &quorum).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("C-PER-9: tỷ lệ 3/2"), "{}", refused.body);
    assert!(refused.body.contains(r#"name="numerator" min="1" value="3""#), "{}", refused.body);
    assert!(refused.body.contains(r#"value="Lý do đã gõ""#));
    let form_at = refused.body.find(r#"id="setting-step_two_quorum""#).unwrap();
    let problem_at = refused.body.find("C-PER-9: tỷ lệ 3/2").unwrap();
    let next_row = refused.body[form_at..].find("<tr").map_or(usize::MAX, |i| form_at + i + 1);
    assert!(form_at < problem_at && problem_at < next_row, "the problem is in the setting's row");

    // D-NUM-1: a source that is no document number; C-PLAN-2's months kept.
    let months = [("value", "36"), ("source", "Quyết định của tỉnh"), ("on", "2025-01-10"), ("why", "Thử")];
    let refused = admin.post_form(&format!("/rounds/{ROUND}/settings/cell_term_months"), &months).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("D-NUM-1"), "{}", refused.body);
    assert!(refused.body.contains(r#"value="Quyết định của tỉnh""#));
    // C-PLAN-1: a window with its level.
    let window = [
        ("level", "commune"),
        ("length", "4"),
        ("finish_by", "30/09/2025"),
        ("age_reference", "2025-07"),
        ("source", "185-KL/TW"),
        ("on", "2025-01-10"),
        ("why", "Kết luận 185-KL/TW"),
    ];
    let saved = admin.post_form(&format!("/rounds/{ROUND}/settings/window"), &window).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(location(&saved), format!("/rounds/{ROUND}?saved=setting#setting-window-commune"));
    let page = admin.get(&format!("/rounds/{ROUND}")).await;
    assert!(page.body.contains("30/09/2025"), "{}", page.body);
    let unknown = admin.post_form(&format!("/rounds/{ROUND}/settings/caps_2020"), &threshold).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    let mut office = app.signed_in("vp.qt").await;
    let page = office.get(&format!("/rounds/{ROUND}")).await;
    assert!(!page.body.contains("/settings/"), "no form for the commune's office");
    let forbidden =
        office.post_form(&format!("/rounds/{ROUND}/settings/delegate_congress_threshold"), &threshold).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);

    // An answer names who decided (C-PLAN-4).
    let answer = [
        ("question", "probationary_counted"),
        ("scope", "round"),
        ("value", "no"),
        ("decided_by", "Ban Thường vụ Tỉnh ủy"),
        ("on", "2024-11-20"),
        ("why", "Hướng dẫn 06-HD/TU"),
    ];
    let done = admin.post_form(&format!("/rounds/{ROUND}/answers"), &answer).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = admin.get(&format!("/rounds/{ROUND}")).await;
    assert!(page.body.contains("Ban Thường vụ Tỉnh ủy ghi nhận, quyết định ngày 20/11/2024"), "{}", page.body);
}

/// The API as the page (C-DEL-5, C-PER-9, C-PLAN-1, D-NUM-1): 200 with the
/// setting recorded; 422 with the rule for a bad value, a bad source, a
/// window without its level; 403 for the commune's office; 404 for an
/// unknown round or setting; `GET …/rounds/{round}` shows the change.
async fn changing_settings_through_the_api(db: Db) {
    let app = setup(&db).await;
    open_round(&app).await;
    let mut c = app.anonymous();
    let (_, admin) = app.token("admin.qn").await;
    let (_, office) = app.token("vp.qt").await;
    let put = |key: &str| format!("/api/v1/rounds/{ROUND}/settings/{key}");
    let body = |value: serde_json::Value| {
        json!({"value": value, "source": "09-QĐ/TU", "decided_by": "Ban Thường vụ Tỉnh ủy", "on": "2025-01-10",
               "why": "Tỉnh quyết định"})
    };
    let ok = c.api(Method::PUT, &put("delegate_congress_threshold"), &admin, Some(&body(json!(150)))).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let ok = ok.json();
    assert_eq!(
        (ok["value"].clone(), ok["tags"].clone(), ok["changed"].clone()),
        (json!(150), json!(["recorded"]), json!(true))
    );
    assert_eq!(
        ok["set_by"],
        json!({"by": "person", "name": "Ban Thường vụ Tỉnh ủy", "on": "2025-01-10", "why": "Tỉnh quyết định"})
    );
    let again = c.api(Method::PUT, &put("delegate_congress_threshold"), &admin, Some(&body(json!(150)))).await;
    assert_eq!(again.json()["changed"], false);

    let round = c.api(Method::GET, &format!("/api/v1/rounds/{ROUND}"), &office, None).await.json();
    let t = &round["settings"]["delegate_congress_threshold"];
    assert_eq!(
        (t["value"].clone(), t["source"].clone(), t["set_by"]["name"].clone()),
        (json!(150), json!("09-QĐ/TU"), json!("Ban Thường vụ Tỉnh ủy"))
    );

    let quorum = c
        .api(Method::PUT, &put("step_two_quorum"), &admin, Some(&body(json!({"numerator": 3, "denominator": 2}))))
        .await;
    assert_eq!(
        (quorum.status, quorum.json()["error"]["rule"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("C-PER-9"))
    );
    let wrong = c.api(Method::PUT, &put("step_two_quorum"), &admin, Some(&body(json!("2/3")))).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut source = body(json!(36));
    source["source"] = json!("Quyết định của tỉnh");
    let bad = c.api(Method::PUT, &put("cell_term_months"), &admin, Some(&source)).await;
    assert_eq!((bad.status, bad.json()["error"]["rule"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("D-NUM-1")));
    let window = json!({"half_days": 4, "finish_by": "2025-09-30", "early_in": null, "age_reference": "2025-07"});
    let no_level = c.api(Method::PUT, &put("window"), &admin, Some(&body(window.clone()))).await;
    assert_eq!(no_level.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", no_level.body);
    let mut with_level = body(window.clone());
    with_level["level"] = json!("commune");
    let ok = c.api(Method::PUT, &put("window"), &admin, Some(&with_level)).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!((ok.json()["level"].clone(), ok.json()["value"].clone()), (json!("commune"), window));

    let forbidden = c.api(Method::PUT, &put("delegate_congress_threshold"), &office, Some(&body(json!(100)))).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let unknown = c.api(Method::PUT, &put("caps_2020"), &admin, Some(&body(json!(100)))).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let no_round =
        c.api(Method::PUT, "/api/v1/rounds/1990-1995/settings/cell_term_months", &admin, Some(&body(json!(36)))).await;
    assert_eq!(no_round.status, StatusCode::NOT_FOUND);

    // An answer through the API names who decided.
    let answer = json!({"question": "probationary_counted", "scope": "round", "value": false, "on": "2024-11-20",
                        "why": "Hướng dẫn 06-HD/TU", "decided_by": "Ban Thường vụ Tỉnh ủy"});
    let ok = c.api(Method::POST, &format!("/api/v1/rounds/{ROUND}/answers"), &admin, Some(&answer)).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(ok.json()["answers"][0]["by"], "Ban Thường vụ Tỉnh ủy");
}

daihoi_test_support::engines!(changing_settings_on_the_page, changing_settings_through_the_api);
