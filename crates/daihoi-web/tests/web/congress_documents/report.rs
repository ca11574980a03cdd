//! Issue 17, item 4: the synthesis of comments (báo cáo tổng hợp ý kiến
//! góp ý, C-PLAN-7) as a Party document, PDF and `.docx` with the same
//! text, and as a workbook with one row per comment, from the draft's page
//! and the API; the higher level reads what each organization below sent
//! up on a draft sent to it (C-PLAN-6), and each organization downloads its
//! own; nobody else reads it, and a confidential draft's report reaches no
//! reader without clearance (T-6).

use axum::http::{Method, StatusCode, header};
use daihoi_core::Role;
use daihoi_drafts::{Anchor, Block, Change, Decision, Disposition, DocumentKind};
use daihoi_store::Db;
use daihoi_store::congress_documents::{NewComment, NewDocument, VersionSource};
use daihoi_store::documents::Classification;
use daihoi_test_support::fixtures::code;
use time::macros::date;

use super::{PLAN_TITLE, ROUND, setup};
use crate::support::{Client, TestApp};
use crate::tasks::party_report::{column, docx_paragraphs, tool};

/// The words of a PDF, whitespace collapsed.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The province's draft political report, version 1, sent to Quảng Tân
/// and Đông Ngũ; Quảng Tân's amendment (accepted) and comment (explained),
/// Đông Ngũ's comment on the whole document (undecided); Quảng Tân's
/// synthesis sent. Its id.
async fn commented(db: &Db) -> i64 {
    let on = date!(2025 - 06 - 01);
    let op = db.operator();
    let round = op.congresses().round("2025-2030").await.unwrap().unwrap();
    let qn = db.org_by_code(&code("QN"), on).await.unwrap().unwrap();
    let congress = op.congresses().congress(&round, &qn, on).await.unwrap().unwrap();
    let docs = op.congress_documents();
    let new = NewDocument {
        kind: DocumentKind::PoliticalReport,
        title: "Dự thảo Báo cáo chính trị",
        classification: Classification::Normal,
        line_length: 80,
    };
    let doc = docs.create_document(&congress, &new, "t").await.unwrap();
    let p = |t: &str| Block::Paragraph { text: t.to_owned() };
    let blocks = [
        Block::Heading { level: 1, text: "I. ĐÁNH GIÁ KẾT QUẢ NHIỆM KỲ 2020–2025".into() },
        p("Kinh tế tăng trưởng bình quân 10,2% mỗi năm, cao hơn mục tiêu đề ra."),
        p("Công tác xây dựng Đảng được chú trọng, chất lượng đảng viên được nâng lên."),
        Block::Heading { level: 1, text: "II. PHƯƠNG HƯỚNG NHIỆM KỲ 2025–2030".into() },
        p("Phấn đấu đến năm 2030 Quảng Ninh là tỉnh dịch vụ, công nghiệp hiện đại."),
    ];
    let v1 = docs.add_version(&congress, &doc, &blocks, VersionSource::Page, None, "t").await.unwrap();
    let ids: Vec<_> = v1.text.paragraphs().map(|(_, p)| p.id).collect();
    let qt = db.org_by_code(&code("QN.DH.QT"), on).await.unwrap().unwrap();
    let dn = db.org_by_code(&code("QN.TY.DN"), on).await.unwrap().unwrap();
    docs.send_down(&congress, &doc, &[qt.clone(), dn.clone()], on, "t").await.unwrap();
    let amend = NewComment {
        version: 1,
        anchor: Anchor::Paragraph { id: ids[0] },
        text: "Đề nghị ghi rõ mục tiêu đã vượt.",
        amendment: Some(Change::Paragraph {
            id: ids[0],
            text: "Kinh tế tăng trưởng bình quân 10,2% mỗi năm, vượt mục tiêu 9% đề ra.".into(),
        }),
        source_org: Some(&qt.code),
        person: None,
        meeting: Some("Đại hội Đảng bộ xã Quảng Tân"),
    };
    docs.record_comment(&congress, &doc, &amend, on, "t").await.unwrap();
    let comment = NewComment {
        anchor: Anchor::Paragraph { id: ids[2] },
        text: "Bổ sung chỉ tiêu về chuyển đổi số.",
        amendment: None,
        ..amend.clone()
    };
    docs.record_comment(&congress, &doc, &comment, on, "t").await.unwrap();
    let whole = NewComment {
        anchor: Anchor::Document,
        text: "Dự thảo cần ngắn gọn hơn.",
        source_org: Some(&dn.code),
        meeting: Some("Hội nghị Ban Chấp hành Đảng bộ xã Đông Ngũ"),
        ..comment.clone()
    };
    docs.record_comment(&congress, &doc, &whole, on, "t").await.unwrap();
    docs.decide(&congress, &doc, 1, &Decision::new(Disposition::Accepted, None).unwrap(), "t").await.unwrap();
    let explained = Decision::new(Disposition::Explained, Some("Đã có trong phương hướng.")).unwrap();
    docs.decide(&congress, &doc, 2, &explained, "t").await.unwrap();
    docs.send_synthesis(&qt, &doc, date!(2025 - 06 - 10), "t").await.unwrap();
    doc.id
}

/// A file as the caller's token gets it from the API.
async fn api_bytes(app: &TestApp, uri: &str, token: &str) -> (StatusCode, Vec<u8>) {
    let req = axum::http::Request::builder().uri(uri).header(header::AUTHORIZATION, format!("Bearer {token}"));
    let (status, _, bytes) = app.anonymous().send_raw(req, axum::body::Body::empty()).await;
    (status, bytes)
}

async fn the_synthesis_is_a_party_document_and_the_province_reads_each_communes(db: Db) {
    let (app, _) = setup(&db).await;
    let id = commented(&db).await;
    let mut qn = app.signed_in("vp.qn").await;
    let (_, token) = app.token("vp.qn").await;
    let page = format!("/orgs/QN/congress/documents/{id}");

    // The draft's page offers the report, and links each synthesis sent
    // (Quảng Tân's), not one that was not (Đông Ngũ's).
    let shown = qn.get(&format!("{page}?round={ROUND}")).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    assert!(shown.body.contains(&format!("{page}/report?round={ROUND}&amp;format=pdf")), "{}", shown.body);
    assert!(shown.body.contains(&format!("{page}/syntheses/QN.DH.QT?round={ROUND}")), "{}", shown.body);
    assert!(!shown.body.contains(&format!("{page}/syntheses/QN.TY.DN")), "not sent: no link");

    // The PDF: the Party heading, the title, each source and the counts.
    let report = format!("{page}/report?round={ROUND}");
    let answer = qn.get(&format!("{report}&format=pdf")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.headers[header::CONTENT_TYPE], "application/pdf");
    let disposition = answer.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.contains(&format!("tong-hop-y-kien-{id}-QN-")), "{disposition}");
    let (_, pdf) = qn.get_bytes(&format!("{report}&format=pdf")).await;
    let (_, docx) = qn.get_bytes(&format!("{report}&format=docx")).await;
    let (_, xlsx) = qn.get_bytes(&format!("{report}&format=xlsx")).await;
    assert!(docx.starts_with(b"PK") && xlsx.starts_with(b"PK"));
    // Kept to look at (pdftoppm -png -r 60 -f 1 -l 1).
    let kept = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("comment-synthesis");
    std::fs::create_dir_all(&kept).unwrap();
    std::fs::write(kept.join("report.pdf"), &pdf).unwrap();
    std::fs::write(kept.join("report.docx"), &docx).unwrap();
    std::fs::write(kept.join("report.xlsx"), &xlsx).unwrap();

    // The workbook: a header and one row per comment.
    let book = daihoi_sheets::read_bytes("r.xlsx", daihoi_sheets::Format::Xlsx, &xlsx).unwrap();
    let rows = &book.sheets[0].rows;
    assert_eq!(rows.len(), 1 + 3, "{rows:?}");
    assert_eq!(rows[0][0], "Số");
    assert!(rows[1].iter().any(|c| c == "Đề nghị ghi rõ mục tiêu đã vượt."), "{:?}", rows[1]);
    assert!(rows[1].iter().any(|c| c.contains("vượt mục tiêu 9%")), "the proposed text: {:?}", rows[1]);
    assert!(rows[1].iter().any(|c| c == "Đảng bộ xã Quảng Tân (QN.DH.QT)"), "{:?}", rows[1]);
    assert!(rows[2].iter().any(|c| c == "Đã có trong phương hướng."), "the explanation: {:?}", rows[2]);
    assert!(rows[3].iter().any(|c| c == "Góp ý chung (toàn văn)"), "{:?}", rows[3]);

    // The API gives the very same .docx.
    let (status, api_docx) = api_bytes(&app, &format!("/api/v1{page}/report?format=docx"), &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(api_docx, docx, "the page's .docx");

    if let Some(first) = tool("pdftotext", &["-layout", "-f", "1", "-l", "1"], &pdf, "s.pdf") {
        let lines: Vec<&str> = first.lines().collect();
        let find =
            |what: &str| lines.iter().position(|l| l.contains(what)).unwrap_or_else(|| panic!("{what}:\n{first}"));
        let top = find("TỈNH ỦY QUẢNG NINH");
        assert!(column(lines[top], "TỈNH ỦY") < column(lines[top], "ĐẢNG CỘNG SẢN VIỆT NAM"), "{first}");
        let dated = find("Quảng Ninh, ngày");
        assert!(dated > top && lines[dated].contains("-BC/TU"), "{first}");
        let title = find("BÁO CÁO TỔNG HỢP Ý KIẾN GÓP Ý");
        assert!(title > dated && column(lines[title], "BÁO CÁO") > 8, "centered below:\n{first}");
    }
    if let Some(all) = tool("pdftotext", &[], &pdf, "s.pdf") {
        // Typst may break a line after a dash ("dòng 1–" / "1").
        let text = flat(&all).replace("– ", "–");
        for want in [
            "vào dự thảo Báo cáo chính trị",
            "Dự thảo đã gửi xin ý kiến 2 tổ chức; 1 tổ chức đã gửi báo cáo tổng hợp, 1 tổ chức chưa gửi.",
            "chờ quyết định (C-PLAN-6)",
            "Tổng số ý kiến: 3, trong đó 1 đề nghị sửa đổi cụ thể; của 2 tổ chức, cá nhân.",
            "Góp ý chung (toàn văn): 1 ý kiến",
            "I. ĐÁNH GIÁ KẾT QUẢ NHIỆM KỲ 2020–2025: 1 ý kiến - Đảng bộ xã Quảng Tân (QN.DH.QT): 1 ý kiến (1 tiếp thu)",
            "II. PHƯƠNG HƯỚNG NHIỆM KỲ 2025–2030: 1 ý kiến - Đảng bộ xã Quảng Tân (QN.DH.QT): 1 ý kiến (1 giải trình)",
            "- Đảng bộ xã Đông Ngũ (QN.TY.DN): 1 ý kiến (1 chưa xử lý)",
            "Đề nghị ghi rõ mục tiêu đã vượt.",
            "Đã có trong phương hướng.",
            "T/M BAN THƯỜNG VỤ",
            "Tổ biên tập văn kiện",
        ] {
            assert!(text.contains(want), "{want:?} not in the PDF: {text}");
        }
        if let Some(paragraphs) = docx_paragraphs(&docx) {
            assert!(paragraphs.iter().any(|p| p == "BÁO CÁO TỔNG HỢP Ý KIẾN GÓP Ý"), "{paragraphs:#?}");
            assert!(paragraphs.iter().any(|p| p == "ĐẢNG CỘNG SẢN VIỆT NAM"), "{paragraphs:#?}");
            for want in ["Đảng bộ xã Quảng Tân (QN.DH.QT)", "Đảng bộ xã Đông Ngũ (QN.TY.DN)", "Tổng số ý kiến: 3"]
            {
                assert!(paragraphs.iter().any(|p| p.contains(want)), "{want:?} not in the .docx: {paragraphs:#?}");
            }
            let words: std::collections::HashSet<&str> = text.split(' ').collect();
            for w in paragraphs.iter().flat_map(|p| p.split(' ')) {
                assert!(words.contains(w), "{w:?} is in the .docx, not in the PDF: {text}");
            }
        }
    }

    // What Quảng Tân sent up, read-only, on the page and through the API:
    // its comments, not Đông Ngũ's; one recorded after it sent is named.
    let qt_node = db.org_by_code(&code("QN.DH.QT"), date!(2025 - 06 - 01)).await.unwrap().unwrap();
    let op = db.operator();
    let round = op.congresses().round(ROUND).await.unwrap().unwrap();
    let qn_node = db.org_by_code(&code("QN"), date!(2025 - 06 - 01)).await.unwrap().unwrap();
    let congress = op.congresses().congress(&round, &qn_node, date!(2025 - 06 - 01)).await.unwrap().unwrap();
    let doc = op.congress_documents().document(&congress, id).await.unwrap().unwrap();
    let late = NewComment {
        version: 1,
        anchor: Anchor::Document,
        text: "Ý kiến bổ sung sau khi đã gửi.",
        amendment: None,
        source_org: Some(&qt_node.code),
        person: None,
        meeting: None,
    };
    op.congress_documents().record_comment(&congress, &doc, &late, date!(2025 - 06 - 12), "t").await.unwrap();
    let sent = qn.get(&format!("{page}/syntheses/QN.DH.QT?round={ROUND}")).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    std::fs::write(kept.join("quang-tan.html"), &sent.body).unwrap();
    assert!(sent.body.contains("Đề nghị ghi rõ mục tiêu đã vượt."), "{}", sent.body);
    assert!(!sent.body.contains("Dự thảo cần ngắn gọn hơn."), "Đông Ngũ's comment is not Quảng Tân's");
    assert!(sent.body.contains("class=\"after-sending\""), "{}", sent.body);
    assert!(sent.body.contains(&format!("{page}/syntheses/QN.DH.QT/report?round={ROUND}&amp;format=pdf")));
    let mut c = app.anonymous();
    let json = c.api(Method::GET, &format!("/api/v1{page}/syntheses/QN.DH.QT"), &token, None).await;
    assert_eq!(json.status, StatusCode::OK, "{}", json.body);
    let json = json.json();
    assert_eq!(json["recipient"]["coverage"], "sent_awaiting_deadline");
    assert_eq!(json["awaiting"], "C-PLAN-6");
    assert_eq!(json["tally"]["total"], 3);
    assert_eq!((json["tally"]["accepted"].as_u64(), json["tally"]["explained"].as_u64()), (Some(1), Some(1)));
    assert_eq!(json["comments"].as_array().unwrap().len(), 3);
    assert_eq!(json["after_sending"], serde_json::json!([4]));
    // Đông Ngũ was sent the draft but sent nothing: readable, said not sent;
    // an organization the draft was not sent to: 404.
    let none = c.api(Method::GET, &format!("/api/v1{page}/syntheses/QN.TY.DN"), &token, None).await;
    assert_eq!(none.json()["recipient"]["coverage"], "not_sent_yet");
    let never = c.api(Method::GET, &format!("/api/v1{page}/syntheses/QN.DH"), &token, None).await;
    assert_eq!(never.status, StatusCode::NOT_FOUND, "{}", never.body);
    assert_eq!(qn.get(&format!("{page}/syntheses/QN.DH?round={ROUND}")).await.status, StatusCode::NOT_FOUND);

    // Its report: issued by the commune's committee, to the province.
    let (status, qt_pdf) = qn.get_bytes(&format!("{page}/syntheses/QN.DH.QT/report?round={ROUND}&format=pdf")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, qt_xlsx) =
        api_bytes(&app, &format!("/api/v1{page}/syntheses/QN.DH.QT/report?format=xlsx"), &token).await;
    assert_eq!(status, StatusCode::OK);
    std::fs::write(kept.join("quang-tan.pdf"), &qt_pdf).unwrap();
    let book = daihoi_sheets::read_bytes("q.xlsx", daihoi_sheets::Format::Xlsx, &qt_xlsx).unwrap();
    assert_eq!(book.sheets[0].rows.len(), 1 + 3, "Quảng Tân's three comments");
    if let Some(all) = tool("pdftotext", &[], &qt_pdf, "q.pdf") {
        let text = flat(&all).replace("– ", "–");
        for want in [
            "ĐẢNG ỦY XÃ QUẢNG TÂN",
            "-BC/ĐU",
            "Ý kiến của Đảng bộ xã Quảng Tân gửi Đảng bộ tỉnh Quảng Ninh",
            "Dự thảo nhận ngày 01/06/2025; hạn gửi báo cáo tổng hợp: chờ quyết định (C-PLAN-6)",
            "I. ĐÁNH GIÁ KẾT QUẢ NHIỆM KỲ 2020–2025: 1 ý kiến (1 tiếp thu)",
            "Tổng số ý kiến: 3",
            "Các ý kiến ghi nhận sau khi đã gửi báo cáo tổng hợp: 4.",
            "- Tỉnh ủy Quảng Ninh (để tổng hợp),",
        ] {
            assert!(text.contains(want), "{want:?} not in Quảng Tân's PDF: {text}");
        }
        assert!(!text.contains("Dự thảo cần ngắn gọn hơn."), "{text}");
    }

    // Quảng Tân's office downloads its own; the same file as the province's.
    let mut qt = app.signed_in("vp.qt").await;
    let received = qt.get(&format!("/orgs/QN.DH.QT/congress/received/{id}")).await;
    assert!(received.body.contains(&format!("/orgs/QN.DH.QT/congress/received/{id}/report?format=pdf")));
    let own = format!("/orgs/QN.DH.QT/congress/received/{id}/report");
    let (status, own_docx) = qt.get_bytes(&format!("{own}?format=docx")).await;
    assert_eq!(status, StatusCode::OK);
    let (_, province_docx) = qn.get_bytes(&format!("{page}/syntheses/QN.DH.QT/report?round={ROUND}&format=docx")).await;
    assert_eq!(own_docx, province_docx, "what the commune sends is what the province reads");
    let (_, qt_token) = app.token("vp.qt").await;
    let (status, api_own) = api_bytes(&app, &format!("/api/v1{own}?format=docx"), &qt_token).await;
    assert_eq!((status, api_own == own_docx), (StatusCode::OK, true));

    // Nobody else: Đông Ngũ's office reads neither Quảng Tân's nor the
    // province's; a bad format is refused.
    let mut dn = app.signed_in("vp.dn").await;
    let (_, dn_token) = app.token("vp.dn").await;
    for uri in [
        format!("{own}?format=pdf"),
        format!("{page}/syntheses/QN.DH.QT?round={ROUND}"),
        format!("{page}/syntheses/QN.DH.QT/report?round={ROUND}"),
        format!("{report}&format=pdf"),
    ] {
        let got = dn.get(&uri).await;
        assert!(matches!(got.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{uri}: {}", got.status);
        assert!(!got.body.contains("Đề nghị ghi rõ"), "{uri}");
        let api = c.api(Method::GET, &format!("/api/v1{uri}"), &dn_token, None).await;
        assert!(matches!(api.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{uri}: {}", api.status);
    }
    assert_eq!(qn.get(&format!("{report}&format=odt")).await.status, StatusCode::BAD_REQUEST);
    let bad = c.api(Method::GET, &format!("/api/v1{page}/report?format=odt"), &token, None).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
}

/// What a reader receives on `uri`, page or API, as text (a PDF's through
/// pdftotext when it is one).
async fn read(c: &mut Client, app: &TestApp, uri: &str, token: &str) -> (StatusCode, String) {
    let (status, bytes) =
        if uri.starts_with("/api/") { api_bytes(app, uri, token).await } else { c.get_bytes(uri).await };
    let text = if bytes.starts_with(b"%PDF") {
        tool("pdftotext", &[], &bytes, "t.pdf").unwrap_or_default()
    } else if bytes.starts_with(b"PK") {
        docx_paragraphs(&bytes).map(|p| p.join("\n")).unwrap_or_default()
    } else {
        String::from_utf8_lossy(&bytes).into_owned()
    };
    (status, text)
}

// T-6: the report of a confidential draft (the personnel plan), and what
// a commune sent up on it, reach no reader without clearance, on any route.
async fn t_6_a_confidential_drafts_synthesis_reaches_no_reader_without_clearance(db: Db) {
    let (app, secret) = setup(&db).await;
    let on = date!(2025 - 06 - 01);
    let op = db.operator();
    let round = op.congresses().round(ROUND).await.unwrap().unwrap();
    let qn = db.org_by_code(&code("QN"), on).await.unwrap().unwrap();
    let congress = op.congresses().congress(&round, &qn, on).await.unwrap().unwrap();
    let plan = op.congress_documents().document(&congress, secret).await.unwrap().unwrap();
    let qt = db.org_by_code(&code("QN.DH.QT"), on).await.unwrap().unwrap();
    let comment = NewComment {
        version: 1,
        anchor: Anchor::Document,
        text: "Góp ý kín về cơ cấu nhân sự.",
        amendment: None,
        source_org: Some(&qt.code),
        person: None,
        meeting: None,
    };
    op.congress_documents().record_comment(&congress, &plan, &comment, on, "t").await.unwrap();
    op.congress_documents().send_synthesis(&qt, &plan, on, "t").await.unwrap();

    let routes = [
        format!("/orgs/QN/congress/documents/{secret}/report?round={ROUND}&format=pdf"),
        format!("/orgs/QN/congress/documents/{secret}/report?round={ROUND}&format=docx"),
        format!("/orgs/QN/congress/documents/{secret}/report?round={ROUND}&format=xlsx"),
        format!("/orgs/QN/congress/documents/{secret}/syntheses/QN.DH.QT?round={ROUND}"),
        format!("/orgs/QN/congress/documents/{secret}/syntheses/QN.DH.QT/report?round={ROUND}&format=pdf"),
        format!("/orgs/QN.DH.QT/congress/received/{secret}/report?format=pdf"),
        format!("/api/v1/orgs/QN/congress/documents/{secret}/report?format=pdf"),
        format!("/api/v1/orgs/QN/congress/documents/{secret}/report?format=xlsx"),
        format!("/api/v1/orgs/QN/congress/documents/{secret}/syntheses/QN.DH.QT"),
        format!("/api/v1/orgs/QN/congress/documents/{secret}/syntheses/QN.DH.QT/report?format=docx"),
        format!("/api/v1/orgs/QN.DH.QT/congress/received/{secret}/report?format=pdf"),
    ];
    for login in ["vp.qn", "kt.qn", "vp.qt"] {
        let mut c = app.signed_in(login).await;
        let (_, token) = app.token(login).await;
        for uri in &routes {
            let (status, text) = read(&mut c, &app, uri, &token).await;
            assert!(matches!(status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "T-6: {login} {uri}: {status}");
            assert!(!text.contains(PLAN_TITLE), "T-6: {login} sees the plan's title on {uri}");
            assert!(!text.contains("Góp ý kín"), "T-6: {login} sees the comment on {uri}");
        }
    }

    // A cleared office of the province reads them.
    let id = app.user("mat.qn", Role::Office, "QN").await;
    db.operator()
        .accounts()
        .set_clearance(&db.user_by_id(id).await.unwrap().unwrap(), Classification::Confidential, "test")
        .await
        .unwrap();
    let mut c = app.signed_in("mat.qn").await;
    let (_, token) = app.token("mat.qn").await;
    for uri in routes.iter().filter(|u| !u.contains("/received/")) {
        let (status, text) = read(&mut c, &app, uri, &token).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {text}");
    }
    let (_, text) = read(&mut c, &app, &routes[0], &token).await;
    if !text.is_empty() {
        assert!(flat(&text).contains("Góp ý kín về cơ cấu nhân sự."), "{text}");
    }
}

daihoi_test_support::engines!(
    the_synthesis_is_a_party_document_and_the_province_reads_each_communes,
    t_6_a_confidential_drafts_synthesis_reaches_no_reader_without_clearance
);
