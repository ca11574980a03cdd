//! Congress documents (issue 17), through the pages and the API: the
//! province's office makes a draft political report and writes version 1
//! on the page, sends it down to two communes (C-PLAN-6); each commune's
//! office comments (Quảng Tân on the page, an amendment; Đông Ngũ through
//! the API); the drafting team accepts the amendment and explains the
//! other comment, and takes the accepted amendment into version 2 in one
//! action; the difference shows the change; the coverage awaits the
//! comment deadline's answer (C-PLAN-6 [open]); a comment on a paragraph
//! that does not exist is refused with its rule and writes nothing
//! (C-PLAN-7); a .docx that is not one is refused naming the file; a
//! confidential personnel plan is never shown to a reader without
//! clearance (T-6).

mod resolution;

use axum::http::{Method, StatusCode};
use daihoi_congress::{CongressKind, Contents, Length, LevelClass, Schedule};
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_test_support::fixtures::{code, small_tree};
use serde_json::json;
use time::macros::date;

use crate::support::{Client, Page, TestApp, location};

mod report;

const ROUND: &str = "2025-2030";
const PLAN_TITLE: &str = "Đề án nhân sự khóa mật thử nghiệm";

const VERSION_1: &str = "# I. ĐÁNH GIÁ KẾT QUẢ NHIỆM KỲ 2020–2025\n\
Nhiệm kỳ qua, Đảng bộ tỉnh đã lãnh đạo thực hiện thắng lợi nghị quyết đại hội.\n\
\n\
Kinh tế tăng trưởng bình quân 10,2% mỗi năm, cao hơn mục tiêu đề ra.\n\
\n\
Công tác xây dựng Đảng được chú trọng, chất lượng đảng viên được nâng lên.\n\
\n\
# II. PHƯƠNG HƯỚNG NHIỆM KỲ 2025–2030\n\
Phấn đấu đến năm 2030 Quảng Ninh là tỉnh dịch vụ, công nghiệp hiện đại.\n";

fn ok(page: &Page) -> serde_json::Value {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.json()
}

/// The tree, the offices of the province and of two communes, the
/// province's inspection (no clearance), the round and the province's
/// congress; a confidential personnel plan made by the operator.
async fn setup(db: &Db) -> (TestApp, i64) {
    small_tree(db).await;
    let app = TestApp::new(db);
    app.user("vp.qn", Role::Office, "QN").await;
    app.user("kt.qn", Role::Inspection, "QN").await;
    app.user("vp.qt", Role::Office, "QN.DH.QT").await;
    app.user("vp.dn", Role::Office, "QN.TY.DN").await;
    let today = date!(2025 - 06 - 01);
    let c = db.operator();
    let round = c
        .congresses()
        .create_round(ROUND, "Nhiệm kỳ 2025–2030", daihoi_store::congresses::RoundTemplate::Term2025To2030, today, "t")
        .await
        .unwrap();
    let node = db.org_by_code(&code("QN"), today).await.unwrap().unwrap();
    let plan = daihoi_store::congresses::NewPlan {
        level: LevelClass::UnderCentre,
        kind: CongressKind::DelegateCongress,
        contents: Contents::Full,
        model: false,
        planned: Schedule { opening: date!(2025 - 10 - 10), length: Length::days(3) },
        actual: None,
    };
    let congress = c.congresses().plan(&round, &node, &plan, today, "t").await.unwrap();
    // T-6: the personnel plan is confidential; sent to Quảng Tân too.
    let docs = c.congress_documents();
    let new = daihoi_store::congress_documents::NewDocument {
        kind: daihoi_drafts::DocumentKind::PersonnelPlan,
        title: PLAN_TITLE,
        classification: daihoi_store::documents::Classification::Confidential,
        line_length: 80,
    };
    let secret = docs.create_document(&congress, &new, "t").await.unwrap();
    let blocks =
        [daihoi_drafts::Block::Paragraph { text: "Cơ cấu Ban Chấp hành khóa mới thử nghiệm.".into() }];
    docs.add_version(&congress, &secret, &blocks, daihoi_store::congress_documents::VersionSource::Page, None, "t")
        .await
        .unwrap();
    let qt = db.org_by_code(&code("QN.DH.QT"), today).await.unwrap().unwrap();
    docs.send_down(&congress, &secret, &[qt], today, "t").await.unwrap();
    (app, secret.id)
}

async fn audit_entries(db: &Db) -> i64 {
    db.audit_checkpoint().await.unwrap().map_or(0, |c| c.last_id)
}

async fn the_province_drafts_the_communes_comment_and_version_2_takes_the_amendment_in(db: Db) {
    let (app, secret) = setup(&db).await;
    let mut qn = app.signed_in("vp.qn").await;
    let list = qn.get(&format!("/orgs/QN/congress/documents?round={ROUND}")).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(list.body.contains("Báo cáo chính trị"), "the checklist's kinds in the form");

    // The office makes the draft and joins its team.
    let made = qn
        .post_form(
            "/orgs/QN/congress/documents",
            &[
                ("round", ROUND),
                ("kind", "political_report"),
                ("title", "Dự thảo Báo cáo chính trị"),
                ("classification", "normal"),
                ("line_length", "80"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let at = location(&made);
    let id: i64 = at.split('/').nth(5).unwrap().split('?').next().unwrap().parse().unwrap();
    let page = format!("/orgs/QN/congress/documents/{id}");

    // Version 1 written on the page.
    let fields = vec![("round".to_owned(), ROUND.to_owned()), ("text".to_owned(), VERSION_1.to_owned())];
    let v1 = qn.post_multipart(&format!("{page}/versions"), &fields, None).await;
    assert_eq!(v1.status, StatusCode::SEE_OTHER, "{}", v1.body);
    let shown = qn.get(&format!("{page}?round={ROUND}")).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains("Kinh tế tăng trưởng bình quân 10,2%"), "{}", shown.body);
    assert!(shown.body.contains("class=\"line-number\""), "line numbers shown");
    assert!(shown.body.contains("I. ĐÁNH GIÁ KẾT QUẢ NHIỆM KỲ 2020–2025"));

    // A .docx that is not one: refused naming the file, nothing written.
    let before = audit_entries(&db).await;
    let docx = qn
        .post_multipart(&format!("{page}/versions"), &fields[..1], Some(("du-thao-loi.docx", b"not a zip at all")))
        .await;
    assert_eq!(docx.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", docx.body);
    assert!(docx.body.contains("du-thao-loi.docx"), "the file is named: {}", docx.body);
    assert_eq!(audit_entries(&db).await, before, "nothing written");

    // Sent down to two communes (C-PLAN-6).
    let sent = qn
        .post_form(
            &format!("{page}/sent"),
            &[("round", ROUND), ("orgs", "QN.DH.QT\nQN.TY.DN"), ("sent_on", "2025-06-01")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);

    // Quảng Tân's office: the draft received, an amendment of paragraph 2 on the page.
    let mut qt = app.signed_in("vp.qt").await;
    let received = qt.get("/orgs/QN.DH.QT/congress/received").await;
    assert_eq!(received.status, StatusCode::OK);
    assert!(received.body.contains("Dự thảo Báo cáo chính trị"));
    let mine = format!("/orgs/QN.DH.QT/congress/received/{id}");
    let r = qt.get(&mine).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Kinh tế tăng trưởng"));
    let amend = qt
        .post_form(
            &format!("{mine}/comments"),
            &[
                ("anchor", "paragraph"),
                ("paragraph", "2"),
                ("text", "Đề nghị ghi rõ mục tiêu đã vượt."),
                ("amendment", "Kinh tế tăng trưởng bình quân 10,2% mỗi năm, vượt mục tiêu 9% đề ra."),
                ("meeting", "Đại hội Đảng bộ xã Quảng Tân, phiên thứ hai"),
            ],
        )
        .await;
    assert_eq!(amend.status, StatusCode::SEE_OTHER, "{}", amend.body);
    // C-PLAN-7: a paragraph that does not exist, refused with the rule, nothing written.
    let before = audit_entries(&db).await;
    let nowhere = qt
        .post_form(&format!("{mine}/comments"), &[("anchor", "paragraph"), ("paragraph", "99"), ("text", "Góp ý")])
        .await;
    assert_eq!(nowhere.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", nowhere.body);
    assert!(nowhere.body.contains("C-PLAN-7"), "{}", nowhere.body);
    assert_eq!(audit_entries(&db).await, before, "nothing written");

    // Đông Ngũ through the API: a comment on the whole document; the
    // refusal of a paragraph id that does not exist carries its rule.
    let (_, dn) = app.token("vp.dn").await;
    let mut c = app.anonymous();
    let api = format!("/api/v1/orgs/QN.TY.DN/congress/received/{id}");
    let text = ok(&c.api(Method::GET, &api, &dn, None).await);
    let p3 = text["text"]["sections"][0]["paragraphs"][2]["id"].as_u64().unwrap();
    assert!(text["text"]["sections"][0]["paragraphs"][2]["lines"]["from"].as_u64().unwrap() >= 3);
    let bad = json!({"anchor": {"kind": "paragraph", "id": 999}, "text": "Góp ý"});
    let refused = c.api(Method::POST, &format!("{api}/comments"), &dn, Some(&bad)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(refused.json()["error"]["rule"], "C-PLAN-7");
    let whole = json!({"anchor": {"kind": "paragraph", "id": p3}, "text": "Bổ sung đánh giá về công tác kiểm tra, giám sát.",
                       "meeting": "Hội nghị Ban Chấp hành Đảng bộ xã Đông Ngũ"});
    let recorded = c.api(Method::POST, &format!("{api}/comments"), &dn, Some(&whole)).await;
    assert_eq!(recorded.status, StatusCode::CREATED, "{}", recorded.body);
    let own = recorded.json();
    assert_eq!(own["comments"].as_array().unwrap().len(), 1, "Đông Ngũ reads its own comments only");
    assert_eq!(own["comments"][0]["anchor"]["paragraph"], 3);

    // The team disposes: accepted on the page, explained through the API.
    let shown = qn.get(&format!("{page}?round={ROUND}")).await;
    assert!(shown.body.contains("Đề nghị ghi rõ mục tiêu đã vượt."));
    assert!(shown.body.contains("đoạn 2 (dòng"), "the anchor in words: {}", shown.body);
    let accept =
        qn.post_form(&format!("{page}/comments/1/disposition"), &[("round", ROUND), ("disposition", "accepted")]).await;
    assert_eq!(accept.status, StatusCode::SEE_OTHER, "{}", accept.body);
    let (_, team) = app.token("vp.qn").await;
    let qapi = format!("/api/v1/orgs/QN/congress/documents/{id}");
    let bare = json!({"round": ROUND, "disposition": "explained"});
    let refused = c.api(Method::POST, &format!("{qapi}/comments/2/disposition"), &team, Some(&bare)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "an explanation is needed: {}", refused.body);
    let explained = json!({"round": ROUND, "disposition": "explained", "explanation": "Đã có trong phần II."});
    let comments = ok(&c.api(Method::POST, &format!("{qapi}/comments/2/disposition"), &team, Some(&explained)).await);
    assert_eq!(comments["comments"][1]["disposition"], "explained");
    // Someone not on the team is refused.
    let (_, reader) = app.token("kt.qn").await;
    let x = c.api(Method::POST, &format!("{qapi}/apply"), &reader, Some(&json!({"round": ROUND}))).await;
    assert_eq!(x.status, StatusCode::FORBIDDEN, "{}", x.body);

    // One action takes the accepted amendment into version 2.
    let applied = qn.post_form(&format!("{page}/apply"), &[("round", ROUND)]).await;
    assert_eq!(applied.status, StatusCode::SEE_OTHER, "{}", applied.body);
    let versions = ok(&c.api(Method::GET, &format!("{qapi}/versions"), &team, None).await);
    let v2 = &versions["versions"][1];
    assert_eq!((v2["number"].as_u64(), v2["source"].as_str()), (Some(2), Some("amendments")));
    assert_eq!(v2["taken_in"], json!([1]));

    // The difference, on the page (escaped, with <ins> and <del>) and through the API.
    let diff = qn.get(&format!("{page}/diff?round={ROUND}&from=1&to=2")).await;
    assert_eq!(diff.status, StatusCode::OK, "{}", diff.body);
    assert!(diff.body.contains("<ins>vượt</ins>"), "{}", diff.body);
    assert!(diff.body.contains("<del>cao hơn</del>"), "{}", diff.body);
    let spans = ok(&c.api(Method::GET, &format!("{qapi}/diff?from=1&to=2"), &team, None).await);
    let changed: Vec<_> = spans["paragraphs"].as_array().unwrap().iter().filter(|p| p["state"] == "changed").collect();
    assert_eq!(changed.len(), 1);
    assert!(changed[0]["spans"].as_array().unwrap().iter().any(|s| s["kind"] == "insert"));

    // Coverage: Quảng Tân sends its synthesis; the deadline awaits a person (C-PLAN-6 [open]).
    let synthesis = qt.post_form(&format!("{mine}/synthesis"), &[("sent_on", "2025-06-10")]).await;
    assert_eq!(synthesis.status, StatusCode::SEE_OTHER, "{}", synthesis.body);
    let cover = ok(&c.api(Method::GET, &format!("{qapi}/sent"), &team, None).await);
    assert_eq!(cover["awaiting"], "C-PLAN-6");
    let states: Vec<_> = cover["recipients"].as_array().unwrap().iter().map(|r| r["coverage"].clone()).collect();
    assert_eq!(states, vec![json!("sent_awaiting_deadline"), json!("not_sent_yet")]);
    assert!(cover["recipients"].as_array().unwrap().iter().all(|r| r["deadline"].is_null()), "no guessed date");
    let shown = qn.get(&format!("{page}?round={ROUND}")).await;
    assert!(shown.body.contains("id=\"awaiting\""), "{}", shown.body);
    assert!(shown.body.contains("C-PLAN-6"));

    // T-6 is the other test's; the confidential plan's id is unused here.
    let _ = secret;
}

/// What a reader receives on `uri`, page or API.
async fn body_of(c: &mut Client, uri: &str, token: &str) -> (StatusCode, String) {
    let page = if uri.starts_with("/api/") { c.api(Method::GET, uri, token, None).await } else { c.get(uri).await };
    (page.status, page.body)
}

async fn a_confidential_plan_is_never_shown_without_clearance(db: Db) {
    let (app, secret) = setup(&db).await;
    for (login, org) in [("vp.qn", "QN"), ("kt.qn", "QN"), ("vp.qt", "QN.DH.QT")] {
        let mut c = app.signed_in(login).await;
        let (_, token) = app.token(login).await;
        let uris = [
            format!("/orgs/{org}/congress/documents?round={ROUND}"),
            format!("/orgs/QN/congress/documents/{secret}?round={ROUND}"),
            format!("/orgs/QN/congress/documents/{secret}/diff?round={ROUND}&from=1&to=1"),
            format!("/orgs/{org}/congress/received"),
            format!("/orgs/{org}/congress/received/{secret}"),
            format!("/api/v1/orgs/{org}/congress/documents?round={ROUND}"),
            format!("/api/v1/orgs/QN/congress/documents/{secret}?round={ROUND}"),
            format!("/api/v1/orgs/QN/congress/documents/{secret}/versions"),
            format!("/api/v1/orgs/QN/congress/documents/{secret}/comments"),
            format!("/api/v1/orgs/QN/congress/documents/{secret}/sent"),
            format!("/api/v1/orgs/{org}/congress/received"),
            format!("/api/v1/orgs/{org}/congress/received/{secret}"),
        ];
        for uri in &uris {
            let (status, body) = body_of(&mut c, uri, &token).await;
            assert!(!body.contains(PLAN_TITLE), "T-6: {login} sees the plan's title on {uri}");
            assert!(!body.contains("Cơ cấu Ban Chấp hành khóa mới"), "T-6: {login} sees its text on {uri}");
            if uri.contains(&format!("/{secret}")) {
                assert!(matches!(status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{login} {uri}: {status}");
            }
        }
    }
    // The office cannot make one it is not cleared for.
    let mut qn = app.signed_in("vp.qn").await;
    let made = qn
        .post_form(
            "/orgs/QN/congress/documents",
            &[("round", ROUND), ("kind", "personnel_plan"), ("title", "Đề án"), ("classification", "confidential")],
        )
        .await;
    assert!(matches!(made.status, StatusCode::FORBIDDEN | StatusCode::UNPROCESSABLE_ENTITY), "{}", made.status);
}

/// A Word document as a writer leaves it at its least: `word/document.xml`
/// with a heading (outline level 0) and two paragraphs.
fn a_docx() -> Vec<u8> {
    use std::io::Write;
    let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>I. MỞ ĐẦU</w:t></w:r></w:p>
<w:p><w:r><w:t>Đoạn thứ nhất của dự thảo đọc từ tệp Word.</w:t></w:r></w:p>
<w:p><w:r><w:t>Đoạn thứ hai của dự thảo.</w:t></w:r></w:p>
</w:body></w:document>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#).unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// A version read from a .docx, on the page and through the API (its
/// bytes as the body, `?name=`): headings and paragraphs as Word has them.
async fn a_version_is_read_from_a_docx(db: Db) {
    let (app, _) = setup(&db).await;
    let (_, token) = app.token("vp.qn").await;
    let mut c = app.anonymous();
    let api = "/api/v1/orgs/QN/congress/documents";
    let body =
        json!({"round": ROUND, "kind": "draft_resolution", "title": "Dự thảo Nghị quyết", "classification": "normal"});
    let made = c.api(Method::POST, api, &token, Some(&body)).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let id = made.json()["id"].as_i64().unwrap();
    let mut qn = app.signed_in("vp.qn").await;
    let fields = vec![("round".to_owned(), ROUND.to_owned())];
    let page = format!("/orgs/QN/congress/documents/{id}");
    let v1 = qn.post_multipart(&format!("{page}/versions"), &fields, Some(("du-thao.docx", &a_docx()))).await;
    assert_eq!(v1.status, StatusCode::SEE_OTHER, "{}", v1.body);
    let shown = qn.get(&format!("{page}?round={ROUND}")).await;
    assert!(shown.body.contains("Đoạn thứ nhất của dự thảo đọc từ tệp Word."), "{}", shown.body);
    // The same file through the API: version 2, nothing changed (the store keeps it).
    let req = axum::http::Request::post(format!("{api}/{id}/versions/docx?round={ROUND}&name=du-thao.docx"))
        .header(axum::http::header::AUTHORIZATION, format!("Bearer {token}"))
        .header(axum::http::header::CONTENT_TYPE, "application/octet-stream");
    let again = c.send(req, axum::body::Body::from(a_docx())).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.body);
    assert_eq!(again.json()["changed"], json!([]));
    let shown = ok(&c.api(Method::GET, &format!("{api}/{id}"), &token, None).await);
    assert_eq!(shown["latest"], 2);
    let sections = shown["text"]["sections"].as_array().unwrap();
    assert_eq!(sections.last().unwrap()["heading"], "I. MỞ ĐẦU");
    assert_eq!(sections.last().unwrap()["paragraphs"].as_array().unwrap().len(), 2);
    let versions = ok(&c.api(Method::GET, &format!("{api}/{id}/versions"), &token, None).await);
    assert_eq!(versions["versions"][0]["source"], "docx");
    assert_eq!(versions["versions"][0]["source_file"], "du-thao.docx");
}

/// The congress's own members and the higher level's review (issue 17 §2,
/// C-PLAN-5): on the province's draft, its office records a member's
/// amendment of two paragraphs on the page (replaced by three) and the
/// committee's own comment through the API; on Quảng Tân's draft, the
/// province's office records its review, the office of another commune is
/// refused; both a person and an organization is refused with C-PLAN-6;
/// the member's amendment, accepted, makes version 2 (C-PLAN-7).
async fn members_and_the_higher_review_comment_on_a_congress_draft(db: Db) {
    use daihoi_drafts::Block;
    use daihoi_store::congress_documents::{NewDocument, VersionSource};
    let (app, _) = setup(&db).await;
    let today = date!(2025 - 06 - 01);
    let op = db.operator();
    let round = op.congresses().round(ROUND).await.unwrap().unwrap();
    let blocks = [
        Block::Heading { level: 1, text: "I. ĐÁNH GIÁ".into() },
        Block::Paragraph { text: "Đoạn thứ nhất của dự thảo.".into() },
        Block::Paragraph { text: "Đoạn thứ hai của dự thảo.".into() },
        Block::Paragraph { text: "Đoạn thứ ba của dự thảo.".into() },
    ];
    let new = NewDocument {
        kind: daihoi_drafts::DocumentKind::PoliticalReport,
        title: "Dự thảo Báo cáo chính trị",
        classification: daihoi_store::documents::Classification::Normal,
        line_length: 80,
    };
    let qn = db.org_by_code(&code("QN"), today).await.unwrap().unwrap();
    let province = op.congresses().congress(&round, &qn, today).await.unwrap().unwrap();
    let docs = op.congress_documents();
    let draft = docs.create_document(&province, &new, "t").await.unwrap();
    docs.add_to_team(&province, &draft, "vp.qn", "t").await.unwrap();
    docs.add_version(&province, &draft, &blocks, VersionSource::Page, None, "t").await.unwrap();
    let qt = db.org_by_code(&code("QN.DH.QT"), today).await.unwrap().unwrap();
    let plan = daihoi_store::congresses::NewPlan {
        level: LevelClass::Commune,
        kind: CongressKind::MemberCongress,
        contents: Contents::Full,
        model: false,
        planned: Schedule { opening: date!(2025 - 08 - 10), length: Length::days(2) },
        actual: None,
    };
    let commune = op.congresses().plan(&round, &qt, &plan, today, "t").await.unwrap();
    let commune_draft = docs.create_document(&commune, &new, "t").await.unwrap();
    docs.add_version(&commune, &commune_draft, &blocks, VersionSource::Page, None, "t").await.unwrap();

    // The page: the province's office records a member's amendment of paragraphs 1–2.
    let mut office = app.signed_in("vp.qn").await;
    let page = format!("/orgs/QN/congress/documents/{}", draft.id);
    let shown = office.get(&format!("{page}?round={ROUND}")).await;
    assert!(shown.body.contains("id=\"own-comment-form\""), "{}", shown.body);
    assert!(shown.body.contains("value=\"person\""), "a member's comment, by the congress's office");
    let posted = office
        .post_form(
            &format!("{page}/comments"),
            &[
                ("round", ROUND),
                ("source", "person"),
                ("person", "Nguyễn Văn Minh"),
                ("anchor", "paragraphs"),
                ("first", "1"),
                ("last", "2"),
                ("text", "Gộp và viết lại hai đoạn đầu."),
                ("amendment", "Đoạn mới một.\r\n\r\nĐoạn mới hai.\r\n\r\nĐoạn mới ba."),
            ],
        )
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    let nobody = office
        .post_form(&format!("{page}/comments"), &[("round", ROUND), ("source", "person"), ("text", "Góp ý")])
        .await;
    assert_eq!(nobody.status, StatusCode::UNPROCESSABLE_ENTITY, "a member is named: {}", nobody.body);

    // The API: the committee's own comment; a person and an organization at once is refused.
    let (_, token) = app.token("vp.qn").await;
    let mut c = app.anonymous();
    let api = format!("/api/v1/orgs/QN/congress/documents/{}/comments", draft.id);
    let own = json!({"round": ROUND, "anchor": {"kind": "document"}, "text": "Ý kiến của Ban Thường vụ."});
    let all = c.api(Method::POST, &api, &token, Some(&own)).await;
    assert_eq!(all.status, StatusCode::CREATED, "{}", all.body);
    let all = all.json();
    assert_eq!(all["comments"].as_array().unwrap().len(), 2);
    assert_eq!(all["comments"][0]["person"], "Nguyễn Văn Minh");
    assert_eq!(all["comments"][0]["anchor"]["kind"], "lines", "two paragraphs are their lines");
    assert_eq!(all["comments"][1]["source_code"], "QN");
    let both = json!({"round": ROUND, "anchor": {"kind": "document"}, "text": "x", "person": "A", "source_org": "QN"});
    let refused = c.api(Method::POST, &api, &token, Some(&both)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(refused.json()["error"]["rule"], "C-PLAN-6");

    // C-PLAN-5: the province reviews Quảng Tân's draft; Đông Ngũ's office may not.
    let review_api = format!("/api/v1/orgs/QN.DH.QT/congress/documents/{}/comments", commune_draft.id);
    let review = json!({"round": ROUND, "anchor": {"kind": "document"}, "text": "Ban Thường vụ Tỉnh ủy góp ý.",
                        "source_org": "QN"});
    let reviewed = c.api(Method::POST, &review_api, &token, Some(&review)).await;
    assert_eq!(reviewed.status, StatusCode::CREATED, "{}", reviewed.body);
    assert_eq!(reviewed.json()["comments"][0]["source_code"], "QN");
    let shown = office.get(&format!("/orgs/QN.DH.QT/congress/documents/{}?round={ROUND}", commune_draft.id)).await;
    assert!(shown.body.contains("value=\"QN\""), "the province is a source there: {}", shown.body);
    let (_, other) = app.token("vp.dn").await;
    let before = audit_entries(&db).await;
    let x = c
        .api(
            Method::POST,
            &review_api,
            &other,
            Some(&json!({"round": ROUND, "anchor": {"kind": "document"},
                                                                   "text": "x", "source_org": "QN.TY.DN"})),
        )
        .await;
    assert!(matches!(x.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{}", x.body);
    assert_eq!(audit_entries(&db).await, before, "nothing written");

    // The member's amendment accepted and taken in: two paragraphs became three.
    let accept = office
        .post_form(&format!("{page}/comments/1/disposition"), &[("round", ROUND), ("disposition", "accepted")])
        .await;
    assert_eq!(accept.status, StatusCode::SEE_OTHER, "{}", accept.body);
    let applied = office.post_form(&format!("{page}/apply"), &[("round", ROUND)]).await;
    assert_eq!(applied.status, StatusCode::SEE_OTHER, "{}", applied.body);
    let v2 = docs.latest(&draft).await.unwrap().unwrap();
    let texts: Vec<_> = v2.text.paragraphs().map(|(_, p)| p.text.clone()).collect();
    assert_eq!(texts, ["Đoạn mới một.", "Đoạn mới hai.", "Đoạn mới ba.", "Đoạn thứ ba của dự thảo."]);
}

/// Issue 17 §5: a higher level's draft (the Central Committee's), entered
/// by the province's office, sent down to two communes; Quảng Tân comments
/// and sends its synthesis; the province adds its own comment; the
/// comments are not disposed of or applied here (C-PLAN-6, its issuer's
/// team does it); the province sends its synthesis up once; the
/// province's own draft is not "sent up" (C-PLAN-6).
async fn a_central_draft_goes_down_and_its_synthesis_up(db: Db) {
    let (app, _) = setup(&db).await;
    let (_, token) = app.token("vp.qn").await;
    let mut c = app.anonymous();
    let base = "/api/v1/orgs/QN/congress/documents";
    let central = json!({"round": ROUND, "kind": "political_report", "classification": "normal",
                         "title": "Dự thảo Báo cáo chính trị trình Đại hội XIV của Đảng",
                         "issued_by": "Ban Chấp hành Trung ương Đảng"});
    let made = c.api(Method::POST, base, &token, Some(&central)).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let made = made.json();
    assert_eq!(made["issued_by"], "Ban Chấp hành Trung ương Đảng");
    assert!(made["synthesis_up_on"].is_null());
    let id = made["id"].as_i64().unwrap();
    let api = format!("{base}/{id}");
    let v1 = c
        .api(Method::POST, &format!("{api}/versions"), &token, Some(&json!({"round": ROUND, "text": VERSION_1})))
        .await;
    assert_eq!(v1.status, StatusCode::CREATED, "{}", v1.body);
    let sent = json!({"round": ROUND, "orgs": ["QN.DH.QT", "QN.TY.DN"], "sent_on": "2025-06-05"});
    let sent = c.api(Method::POST, &format!("{api}/sent"), &token, Some(&sent)).await;
    assert!(sent.status.is_success(), "{}", sent.body);

    // Quảng Tân comments and sends its synthesis; the province adds its own.
    let (_, qt) = app.token("vp.qt").await;
    let mine = format!("/api/v1/orgs/QN.DH.QT/congress/received/{id}");
    let text = json!({"anchor": {"kind": "document"}, "text": "Đề nghị bổ sung nội dung về kinh tế biển."});
    assert_eq!(c.api(Method::POST, &format!("{mine}/comments"), &qt, Some(&text)).await.status, StatusCode::CREATED);
    let up = c.api(Method::POST, &format!("{mine}/synthesis"), &qt, Some(&json!({"sent_on": "2025-06-20"}))).await;
    assert!(up.status.is_success(), "{}", up.body);
    let own = json!({"round": ROUND, "anchor": {"kind": "document"}, "text": "Ý kiến của Tỉnh ủy."});
    let own = c.api(Method::POST, &format!("{api}/comments"), &token, Some(&own)).await;
    assert_eq!(own.status, StatusCode::CREATED, "{}", own.body);
    assert_eq!(own.json()["comments"].as_array().unwrap().len(), 2);

    // Not disposed of nor applied here: its issuer's team does it.
    let before = audit_entries(&db).await;
    let decide = json!({"round": ROUND, "disposition": "accepted"});
    let refused = c.api(Method::POST, &format!("{api}/comments/1/disposition"), &token, Some(&decide)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(refused.json()["error"]["rule"], "C-PLAN-6");
    let refused = c.api(Method::POST, &format!("{api}/apply"), &token, Some(&json!({"round": ROUND}))).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(audit_entries(&db).await, before, "nothing written");

    // The page: who issued it, no disposition form, the synthesis sent up.
    let mut office = app.signed_in("vp.qn").await;
    let page = format!("/orgs/QN/congress/documents/{id}");
    let shown = office.get(&format!("{page}?round={ROUND}")).await;
    assert!(shown.body.contains("id=\"issued-by\""), "{}", shown.body);
    assert!(!shown.body.contains("/disposition\""), "no disposition here: {}", shown.body);
    assert!(!shown.body.contains("id=\"apply-form\""));
    let posted = office.post_form(&format!("{page}/synthesis"), &[("round", ROUND), ("sent_on", "2025-07-01")]).await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    let again = json!({"round": ROUND, "sent_on": "2025-07-09"});
    let doc = c.api(Method::POST, &format!("{api}/synthesis"), &token, Some(&again)).await;
    assert_eq!(doc.status, StatusCode::OK, "{}", doc.body);
    assert_eq!(doc.json()["synthesis_up_on"], "2025-07-01", "the first day stays");
    let shown = office.get(&format!("{page}?round={ROUND}")).await;
    assert!(shown.body.contains("id=\"synthesis-up\""), "{}", shown.body);
    // The list names its issuer, and its comments are not "undecided" here
    // (they are decided by the issuer): what shows is the synthesis sent up.
    let list = office.get(&format!("/orgs/QN/congress/documents?round={ROUND}")).await;
    assert!(list.body.contains("Dự thảo của Ban Chấp hành Trung ương Đảng"), "{}", list.body);
    assert!(list.body.contains("Đã gửi ngày 01/07/2025"), "{}", list.body);
    assert!(!list.body.contains("chưa xử lý"), "{}", list.body);

    // The province's own draft is not sent up.
    let own =
        json!({"round": ROUND, "kind": "draft_resolution", "classification": "normal", "title": "Dự thảo Nghị quyết"});
    let own = c.api(Method::POST, base, &token, Some(&own)).await.json();
    assert!(own["issued_by"].is_null());
    let x = c.api(Method::POST, &format!("{base}/{}/synthesis", own["id"]), &token, Some(&again)).await;
    assert_eq!(x.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", x.body);
    assert_eq!(x.json()["error"]["rule"], "C-PLAN-6");
}

daihoi_test_support::engines!(
    a_version_is_read_from_a_docx,
    a_central_draft_goes_down_and_its_synthesis_up,
    members_and_the_higher_review_comment_on_a_congress_draft,
    the_province_drafts_the_communes_comment_and_version_2_takes_the_amendment_in,
    a_confidential_plan_is_never_shown_without_clearance
);
