//! Citizen reception (issue 18, P-9) on its pages and through the API: a
//! commune's office puts sessions on the calendar, receives a
//! denunciation brought to one (the case opens in the register, the
//! session is held), records a visit guided; the province's page and API
//! give the same compliance month by month; the denouncer's identity is
//! in no page or answer of the session; another committee's office cannot
//! keep the calendar.

use axum::http::{Method, StatusCode};
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_test_support::fixtures::*;
use serde_json::json;

use crate::support::{TestApp, location};

const NAME: &str = "Hoàng Thị Tố Cáo";

async fn reception_on_its_pages_and_through_the_api(db: Db) {
    small_tree(&db).await;
    let today = time::OffsetDateTime::now_utc().date();
    let month = format!("{:04}-{:02}", today.year(), u8::from(today.month()));
    let app = TestApp::new(&db);
    app.user("vp.qt", Role::Office, "QN.DH.QT").await;
    app.user("vp.dn", Role::Office, "QN.TY.DN").await;
    app.user("kt.qn", Role::Inspection, "QN").await;
    let mut office = app.signed_in("vp.qt").await;
    // A session today by the head, one by the deputy.
    let put = office
        .post_form(
            "/orgs/QN.DH.QT/reception",
            &[
                ("day", &daihoi_core::date::iso(today)),
                ("host", "Đồng chí Bí thư Đảng ủy xã"),
                ("by_head", "1"),
                ("place", "Trụ sở Đảng ủy xã"),
                ("kind", "regular"),
            ],
        )
        .await;
    assert_eq!(put.status, StatusCode::SEE_OTHER, "{}", put.body);
    assert!(location(&put).starts_with("/orgs/QN.DH.QT/reception?month="), "{}", location(&put));
    let page = office.get(&format!("/orgs/QN.DH.QT/reception?month={month}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let at = page.body.find("/reception-sessions/").expect("the session on the calendar");
    let id: i64 = page.body[at + "/reception-sessions/".len()..]
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // The register's form for a filing brought to it.
    let form = office.get(&format!("/orgs/QN.DH.QT/petitions?session={id}")).await;
    assert!(form.body.contains(&format!("name=\"session\" value=\"{id}\"")), "the session in the form");
    let received = office
        .post_form(
            "/orgs/QN.DH.QT/petitions",
            &[
                ("kind", "denunciation"),
                ("channel", "reception"),
                ("received", &daihoi_core::date::iso(today)),
                ("summary", "Tố cáo việc thu tiền sai quy định"),
                ("classification", "secret"),
                ("complexity", "ordinary"),
                ("name", NAME),
                ("address", "Thôn Tân Hợp"),
                ("session", &id.to_string()),
                ("people", "1"),
            ],
        )
        .await;
    assert_eq!(received.status, StatusCode::SEE_OTHER, "{}", received.body);
    assert!(location(&received).starts_with("/petitions/"));
    let visit = office
        .post_form(
            &format!("/reception-sessions/{id}/visits"),
            &[("people", "5"), ("matter", "Đoàn hộ dân hỏi về bồi thường"), ("outcome", "guided")],
        )
        .await;
    assert_eq!(visit.status, StatusCode::SEE_OTHER, "{}", visit.body);
    let blank = office
        .post_form(
            &format!("/reception-sessions/{id}/visits"),
            &[("people", "1"), ("matter", " "), ("outcome", "guided")],
        )
        .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(blank.body.contains("TEXT-1"), "the rule named");
    let session = office.get(&format!("/reception-sessions/{id}")).await;
    assert_eq!(session.status, StatusCode::OK);
    assert!(session.body.contains("Đoàn hộ dân hỏi về bồi thường"));
    assert!(!session.body.contains(NAME), "no denouncer on the session's page");
    // Cancelling a session that received visits: refused with P-9.
    let cancel = office.post_form(&format!("/reception-sessions/{id}/cancel"), &[("note", "Nhầm")]).await;
    assert_eq!(cancel.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(cancel.body.contains("P-9"));

    // The province's inspection: the compliance table and its API agree.
    let mut kt = app.signed_in("kt.qn").await;
    let table = kt.get(&format!("/orgs/QN/reception?month={month}&period=quarter")).await;
    assert_eq!(table.status, StatusCode::OK);
    assert!(table.body.contains("Đảng bộ xã Quảng Tân") && table.body.contains("1/2"), "{}", table.body);
    let (_, token) = app.token("kt.qn").await;
    let mut c = app.anonymous();
    let uri = format!("/api/v1/orgs/QN/reception-compliance?month={month}&period=quarter");
    let api = c.api(Method::GET, &uri, &token, None).await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.body);
    let committees = api.json()["committees"].as_array().unwrap().clone();
    let qt = committees.iter().find(|c| c["org"] == "QN.DH.QT").unwrap();
    let last = qt["months"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["held"].as_u64(), last["required"].as_u64(), last["met"].as_bool()),
        (Some(1), Some(2), Some(false))
    );
    assert_eq!(committees.iter().find(|c| c["org"] == "QN").unwrap()["days_per_month"], 1);
    let one = c.api(Method::GET, &format!("/api/v1/reception-sessions/{id}"), &token, None).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!((one.json()["session"]["people"].as_i64(), one.json()["session"]["cases"].as_i64()), (Some(6), Some(1)));
    assert!(!one.body.contains(NAME));
    assert_eq!(one.json()["visits"][0]["case"], serde_json::Value::Null, "a secret case, to a reader not cleared");
    // The report as files a committee can send (P-9): the Party document
    // names the committee and its days; the workbook a row per month.
    for format in ["pdf", "docx", "xlsx"] {
        let (page, bytes) =
            kt.get_with_bytes(&format!("/orgs/QN/reception/report?month={month}&period=quarter&format={format}")).await;
        assert_eq!(page.status, StatusCode::OK, "{format}");
        let text = crate::support::received_text(&page, &bytes);
        assert!(text.contains("Quảng Tân"), "{format}: {text}");
        assert!(!text.contains(NAME), "{format}");
        if format != "xlsx" {
            assert!(text.contains("ĐẢNG CỘNG SẢN VIỆT NAM") && text.contains("TIẾP CÔNG DÂN"), "{format}: {text}");
        }
    }
    let (page, bytes) = kt.get_with_bytes("/orgs/QN/petitions/report/file?format=pdf").await;
    assert_eq!(page.status, StatusCode::OK);
    let text = crate::support::received_text(&page, &bytes);
    assert!(text.contains("ĐẢNG CỘNG SẢN VIỆT NAM") && text.contains("ĐƠN THƯ"), "{text}");
    assert!(!text.contains(NAME));
    let file = c.api(Method::GET, "/api/v1/orgs/QN/reception-report?period=year&format=xlsx", &token, None).await;
    assert_eq!(file.status, StatusCode::OK);
    let file = c.api(Method::GET, "/api/v1/orgs/QN/petitions/report?format=docx", &token, None).await;
    assert_eq!(file.status, StatusCode::OK);
    let odd = c.api(Method::GET, "/api/v1/orgs/QN/reception-report?format=odt", &token, None).await;
    assert_eq!(odd.status, StatusCode::BAD_REQUEST);
    let bad = c.api(Method::GET, "/api/v1/orgs/QN/reception-compliance?month=2025-13", &token, None).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let blank = c.api(Method::GET, "/api/v1/orgs/QN/reception-compliance?month=&period=", &token, None).await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY, "given blank: not a month");
    // The API: schedule, a visit answered, a filing, and a refusal.
    let (_, office_token) = app.token("vp.qt").await;
    let made = c
        .api(
            Method::POST,
            "/api/v1/orgs/QN.DH.QT/reception-sessions",
            &office_token,
            Some(&json!({"day": daihoi_core::date::iso(today), "host": "Đồng chí Phó Bí thư", "place": "Nhà văn hóa",
                "kind": "ad_hoc"})),
        )
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let other = made.json()["id"].as_i64().unwrap();
    let answered = c
        .api(
            Method::POST,
            &format!("/api/v1/reception-sessions/{other}/visits"),
            &office_token,
            Some(&json!({"people": 1, "matter": "Hỏi thủ tục", "outcome": "answered"})),
        )
        .await;
    assert_eq!(answered.status, StatusCode::NO_CONTENT, "{}", answered.body);
    let filing = json!({"people": 1, "filing": {"kind": "complaint", "channel": "letter",
        "received": daihoi_core::date::iso(today), "summary": "Khiếu nại"}});
    let refused =
        c.api(Method::POST, &format!("/api/v1/reception-sessions/{other}/filings"), &office_token, Some(&filing)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("P-9"), "{}", refused.body);
    let uri = format!("/api/v1/orgs/QN.DH.QT/reception-sessions?month={month}");
    let list = c.api(Method::GET, &uri, &office_token, None).await;
    assert_eq!(list.json()["sessions"].as_array().map(Vec::len), Some(2));
    // Another commune's office: no keeping this calendar.
    let mut dn = app.signed_in("vp.dn").await;
    let foreign = dn.post_form(&format!("/reception-sessions/{id}/held"), &[("note", "")]).await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
}

daihoi_test_support::engines!(reception_on_its_pages_and_through_the_api);
