//! The document register from the browser's side: registering a document
//! (D-NUM-1…5), attaching a file and linking documents (D-LINK-1), by role.
//! In process, against a real database on each engine; the same through
//! the JSON API in `api`.

pub(crate) mod api;
mod incoming;

use crate::support;

use axum::http::StatusCode;
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_store::audit::AuditFilter;
use daihoi_test_support::fixtures::*;
use support::TestApp;

fn location(page: &support::Page) -> String {
    page.headers.get(axum::http::header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned()
}

/// D-NUM-2: a number typed `QD` is shown read as `QĐ` and registered only
/// once the user confirms; D-NUM-1: a State number is refused as such;
/// D-NUM-5: the same number and date twice is refused.
async fn register_a_document_with_a_warning_then_a_file_and_a_link(db: Db) {
    small_tree(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    app.user("qt.ubkt", Role::Inspection, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    let (status, form) = c.gs("/documents/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("Đảng bộ xã Quảng Tân"), "the user's register: {form}");

    let fields = |number: &'static str, confirm: &'static str| {
        vec![
            ("register", "QN.DH.QT"),
            ("number", number),
            ("issued_on", "15/01/2025"),
            ("title", "Quyết định thành lập Ban tổ chức đại hội"),
            ("classification", "normal"),
            ("confirm", confirm),
        ]
    };
    let state = c.post_form("/documents", &fields("30/2020/NĐ-CP", "")).await;
    assert_eq!(state.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(state.body.contains("văn bản Nhà nước"), "{}", state.body);
    let warned = c.post_form("/documents", &fields("Số: 12-QD/ĐU", "")).await;
    assert_eq!(warned.status, StatusCode::OK);
    assert!(warned.body.contains("12-QĐ/ĐU"), "{}", warned.body);
    assert!(warned.body.contains("gõ D thay cho Đ"), "{}", warned.body);
    assert!(
        db.search_documents("12-QĐ", daihoi_store::documents::Classification::Secret, 10).await.unwrap().is_empty()
    );
    let done = c.post_form("/documents", &fields("Số: 12-QD/ĐU", "1")).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let doc_uri = location(&done);
    let again = c.post_form("/documents", &fields("12-QĐ/ĐU", "")).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("đã có trong sổ"), "{}", again.body);

    let page = c.get(&doc_uri).await;
    assert!(page.body.contains("12-QĐ/ĐU") && page.body.contains("id=\"file-form\""), "{}", page.body);
    let attached = c.post_file(&format!("{doc_uri}/files"), "quyet-dinh.pdf", b"%PDF-1.7 test").await;
    assert_eq!(attached.status, StatusCode::SEE_OTHER, "{}", attached.body);
    let page = c.get(&doc_uri).await;
    assert!(page.body.contains("quyet-dinh.pdf"), "{}", page.body);

    // A second document, linked: 12-QĐ/ĐU is guided by it.
    let guide = vec![
        ("register", "QN.DH.QT"),
        ("number", "03-HD/ĐU"),
        ("issued_on", "2025-01-20"),
        ("title", "Hướng dẫn tổ chức đại hội chi bộ"),
        ("classification", "normal"),
        ("confirm", ""),
    ];
    assert_eq!(c.post_form("/documents", &guide).await.status, StatusCode::SEE_OTHER);
    let link = c
        .post_form(
            &format!("{doc_uri}/links"),
            &[("kind", "guided_by"), ("number", "03-HD/ĐU"), ("issued_on", "20/01/2025")],
        )
        .await;
    assert_eq!(link.status, StatusCode::SEE_OTHER, "{}", link.body);
    let page = c.get(&doc_uri).await;
    assert!(page.body.contains("Được hướng dẫn bởi"), "{}", page.body);
    let missing = c
        .post_form(
            &format!("{doc_uri}/links"),
            &[("kind", "replaces"), ("number", "99-HD/ĐU"), ("issued_on", "2025-01-20")],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);

    // An inspection commission reads the register but does not write in it.
    let mut i = app.signed_in("qt.ubkt").await;
    assert_eq!(i.gs("/documents/new").await.0, StatusCode::FORBIDDEN);
    let page = i.get(&doc_uri).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("id=\"file-form\""));
    let refused = i.post_form("/documents", &fields("13-QĐ/ĐU", "")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let (entries, _) = db
        .scoped(&daihoi_store::Viewer::operator())
        .audit()
        .audit_entries(&AuditFilter { limit: 20, ..Default::default() })
        .await
        .unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).filter(|a| a.starts_with("document_")).collect();
    assert_eq!(actions, ["document_link", "document_register", "document_file", "document_register"]);
}

/// A conference that disseminated a document, with attendance typed and
/// imported from a spreadsheet; the document's coverage counts it; a card
/// outside the user's subtree refuses the whole record. Its page lists who
/// attended, and a list that comes later is added to it.
async fn record_a_conference_with_its_attendance(db: Db) {
    small_tree(&db).await;
    import(
        &db,
        vec![
            member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01"),
            member("10000002", "Trần Thị Bình", "QN.DH.QT.CB02"),
            member("10000003", "Lê Văn Cường", "QN.DH.QT.CB02"),
            member("20000001", "Phạm Thị Dung", "QN.TY.DN.CB01"),
        ],
    )
    .await;
    let doc = db
        .register_document(&daihoi_store::documents::NewDocument {
            doc_type: "NQ",
            issuer: "TU",
            number: 23,
            number_text: "23",
            issued_on: time::macros::date!(2024 - 03 - 03),
            title: "Về nhiệm vụ bảo vệ biên giới quốc gia",
            summary: "",
            classification: daihoi_store::documents::Classification::Normal,
            org: None,
        })
        .await
        .unwrap();
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    let uri = format!("/documents/{}/disseminations", doc.id);
    let form = |members: &str| {
        vec![
            ("org".to_owned(), "QN.DH.QT".to_owned()),
            ("held_on".to_owned(), "2024-11-18".to_owned()),
            ("title".to_owned(), "Hội nghị học tập, quán triệt Nghị quyết 23".to_owned()),
            ("members".to_owned(), members.to_owned()),
            ("orgs".to_owned(), "QN.DH.QT.CB01".to_owned()),
        ]
    };
    let csv = "STT,Họ và tên,Số thẻ đảng viên\n1,Trần Thị Bình,10000002\n";
    let outside = c.post_multipart(&uri, &form("10000001\n20000001"), Some(("ds.csv", csv.as_bytes()))).await;
    assert_eq!(outside.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", outside.body);
    assert!(outside.body.contains("20000001"), "the card is named: {}", outside.body);
    assert!(!outside.body.contains("Phạm Thị Dung"), "nothing of the member outside");
    assert!(db.disseminations_of(doc.id).await.unwrap().is_empty(), "nothing written");
    // Issue 14 §5: every problem named at once; the form open again with
    // what was typed, and the file's cards in the list (a browser never
    // refills a file field).
    let many = c
        .post_multipart(
            &uri,
            &form(
                "20000001
99999999",
            ),
            Some(("ds.csv", csv.as_bytes())),
        )
        .await;
    assert_eq!(many.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", many.body);
    assert!(many.body.contains("20000001, 99999999"), "both cards in one message: {}", many.body);
    assert!(many.body.contains("value=\"Hội nghị học tập, quán triệt Nghị quyết 23\""), "the title is kept");
    assert!(many.body.contains("20000001\n99999999\n10000002</textarea>"), "typed, then the file's: {}", many.body);
    assert!(many.body.contains("<details class=\"forms\" open>"), "the form is open");
    // Before the document was issued (3 March 2024): refused, in words.
    let mut early = form("10000001");
    early[1].1 = "2024-03-02".to_owned();
    let page = c.post_multipart(&uri, &early, None).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("trước ngày ban hành (03/03/2024)"), "{}", page.body);
    let bad = "Số thẻ đảng viên\nabc\n";
    let page = c.post_multipart(&uri, &form("10000001"), Some(("ds.csv", bad.as_bytes()))).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("dòng 2") && page.body.contains("abc"), "{}", page.body);

    let done = c.post_multipart(&uri, &form("10000001"), Some(("ds.csv", csv.as_bytes()))).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = c.get(&format!("/documents/{}", doc.id)).await;
    assert!(page.body.contains("Đảng viên đã học tập: 2"), "{}", page.body);
    let recorded = db.disseminations_of(doc.id).await.unwrap();
    assert_eq!(recorded.len(), 1);

    // The recorded conference's page: where the form leads, who attended.
    let conference = format!("/disseminations/{}", recorded[0].id);
    assert_eq!(done.headers["location"], conference.as_str());
    let page = c.get(&conference).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in
        ["Nguyễn Văn An", "Trần Thị Bình", "10000002", "Chi bộ thôn Tân Hợp", "Chi bộ thôn Đồng Tâm", "23-NQ/TU"]
    {
        assert!(page.body.contains(text), "{text}: {}", page.body);
    }
    // A list that comes back later from a cell: a card outside the
    // commune refuses it all, in words, keeping what was typed.
    let more = format!("{conference}/attendance");
    let fields = |members: &str| vec![("members".to_owned(), members.to_owned()), ("orgs".to_owned(), String::new())];
    let refused = c.post_multipart(&more, &fields("10000003\n20000001"), None).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("20000001") && !refused.body.contains("Phạm Thị Dung"), "{}", refused.body);
    assert!(refused.body.contains("10000003\n20000001"), "what was typed is kept: {}", refused.body);
    let empty = c.post_multipart(&more, &fields(""), None).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", empty.body);
    let added = c.post_multipart(&more, &fields("10000003\n10000001"), None).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let page = c.get(&conference).await;
    assert!(page.body.contains("Lê Văn Cường") && page.body.contains("3 đảng viên"), "{}", page.body);
    let page = c.get(&format!("/documents/{}", doc.id)).await;
    assert!(page.body.contains("Đảng viên đã học tập: 3"), "{}", page.body);
    // The commune's list of conferences.
    let list = c.get("/orgs/QN.DH.QT/disseminations").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Hội nghị học tập, quán triệt Nghị quyết 23") && list.body.contains("1 hội nghị"));
    // Another district's office does not see it.
    app.user("dn.office", Role::Office, "QN.TY.DN").await;
    let mut other = app.signed_in("dn.office").await;
    assert_eq!(other.get(&conference).await.status, StatusCode::NOT_FOUND);
    let refused = other.post_multipart(&more, &fields("20000001"), None).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
}

/// TEXT-1 (issue 12), issue 14 §5: a text with a control character or too
/// long is named with the form's other problems, by the field's label, on
/// the page again (422) with what was typed kept; nothing is written. The
/// register form, a document's arrival and a conference.
async fn a_refused_text_is_named_with_the_others(db: Db) {
    small_tree(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    let long_title = "Quyết định ".repeat(100);
    let long_note = "Tóm tắt ".repeat(1_500);
    let cases = [
        ("Quyết định\u{1b}[2J thành lập", "Tóm tắt", "Tỉnh ủy", "Trích yếu: chứa ký tự điều khiển"),
        ("Quyết định thành lập", long_note.as_str(), "Tỉnh ủy", "Tóm tắt nội dung: dài quá 10.000 ký tự"),
        ("Quyết định thành lập", "", "Tỉnh\u{7} ủy", "Nơi gửi: chứa ký tự điều khiển"),
        (long_title.as_str(), "", "Tỉnh ủy", "Trích yếu: dài quá 1.000 ký tự"),
    ];
    for (title, summary, sender, problem) in cases {
        let fields = [
            ("side", "incoming"),
            ("register", "QN.DH.QT"),
            ("number", "14-QĐ/ĐU"),
            ("issued_on", "15/01/2025"),
            ("arrived_on", ""),
            ("title", title),
            ("summary", summary),
            ("sender", sender),
            ("classification", "normal"),
            ("confirm", "1"),
        ];
        let page = c.post_form("/documents", &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{:.300}", page.body);
        assert!(page.body.contains(problem), "{problem}: {:.3000}", page.body);
        assert!(page.body.contains("Cần nhập ngày đến"), "with the others: {:.3000}", page.body);
        assert!(page.body.contains(r#"value="14-QĐ/ĐU""#), "the number kept: {:.3000}", page.body);
        assert!(page.body.contains(&format!(r#"value="{sender}""#)), "the sender kept");
        assert!(page.body.contains(&format!("{title}</textarea>")), "the title kept");
    }
    assert!(
        db.search_documents("14-QĐ", daihoi_store::documents::Classification::Secret, 10).await.unwrap().is_empty()
    );

    // A document's arrival, and a conference that studied it.
    let doc = support::resolution_28(&db).await;
    let arrivals = format!("/documents/{doc}/arrivals");
    for (sender, problem) in [
        ("Văn phòng\u{1b} Tỉnh ủy", "Nơi gửi: chứa ký tự điều khiển"),
        (long_title.as_str(), "Nơi gửi: dài quá 1.000 ký tự"),
    ] {
        let page =
            c.post_form(&arrivals, &[("org", "QN.DH.QT"), ("arrived_on", "40/10/2024"), ("sender", sender)]).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{:.300}", page.body);
        assert!(page.body.contains(problem), "{problem}: {:.3000}", page.body);
        assert!(page.body.contains("Cần nhập ngày đến"), "with the others: {:.3000}", page.body);
        assert!(page.body.contains(&format!(r#"value="{sender}""#)), "the sender kept");
    }
    let operator = daihoi_store::access::Viewer::operator();
    let d = db.document(doc).await.unwrap().unwrap();
    assert!(db.scoped(&operator).documents().arrivals(&d).await.unwrap().is_empty(), "no arrival");
    let uri = format!("/documents/{doc}/disseminations");
    let long_level = "Hội nghị ".repeat(30);
    let cases = [
        ("Hội nghị\u{1b} quán triệt", "Chi bộ", "", "Tên hội nghị: chứa ký tự điều khiển"),
        ("Hội nghị quán triệt", long_level.as_str(), "", "ví dụ: hội nghị cán bộ chủ chốt): dài quá 200 ký tự"),
        ("Hội nghị quán triệt", "Chi bộ", "Ghi\u{0}chú", "Ghi chú: chứa ký tự điều khiển"),
        ("Hội nghị quán triệt", "Chi bộ", long_note.as_str(), "Ghi chú: dài quá 10.000 ký tự"),
    ];
    for (title, level, notes, problem) in cases {
        let fields = vec![
            ("org".to_owned(), "QN.DH.QT".to_owned()),
            ("held_on".to_owned(), "2099-11-18".to_owned()),
            ("title".to_owned(), title.to_owned()),
            ("level".to_owned(), level.to_owned()),
            ("notes".to_owned(), notes.to_owned()),
            ("orgs".to_owned(), "QN.DH.QT.CB01".to_owned()),
        ];
        let page = c.post_multipart(&uri, &fields, None).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{:.300}", page.body);
        assert!(page.body.contains(problem), "{problem}: {:.3000}", page.body);
        assert!(page.body.contains("Ngày tổ chức không hợp lệ"), "with the others: {:.3000}", page.body);
        assert!(page.body.contains(&format!(r#"value="{title}""#)), "the title kept");
        assert!(page.body.contains("QN.DH.QT.CB01"), "the attendance kept");
    }
    assert!(db.disseminations_of(doc).await.unwrap().is_empty(), "no conference");
}

/// Issue 14 §5: a refused link shows the page again (422) with the kind,
/// number and date as typed and every problem named; a kind the page does
/// not offer is a 400. The register form names every problem at once.
async fn a_refused_form_keeps_what_was_typed(db: Db) {
    small_tree(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    let register = |number: &'static str, issued_on: &'static str, title: &'static str| {
        vec![
            ("register", "QN.DH.QT"),
            ("number", number),
            ("issued_on", issued_on),
            ("title", title),
            ("classification", "normal"),
            ("confirm", "1"),
        ]
    };
    // Every problem of the register form at once, what was typed kept.
    let refused = c.post_form("/documents", &register("mười hai", "32/13/2025", "")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    for problem in ["Cần nhập ngày ban hành", "Cần nhập trích yếu", "không đúng dạng văn bản của Đảng"]
    {
        assert!(refused.body.contains(problem), "{problem}: {}", refused.body);
    }
    assert!(refused.body.contains(r#"value="mười hai""#), "{}", refused.body);
    let done = c.post_form("/documents", &register("12-QĐ/ĐU", "15/01/2025", "Quyết định thành lập")).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let doc_uri = location(&done);
    let links = format!("{doc_uri}/links");

    let missing =
        c.post_form(&links, &[("kind", "replaces"), ("number", "99-HD/ĐU"), ("issued_on", "20/01/2025")]).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.body.contains("Không tìm thấy văn bản có số, ký hiệu và ngày ban hành này"), "{}", missing.body);
    assert!(missing.body.contains(r#"<option value="replaces" selected>"#), "the kind kept: {}", missing.body);
    assert!(missing.body.contains(r#"value="99-HD/ĐU""#), "the number kept: {}", missing.body);
    assert!(missing.body.contains(r#"name="issued_on" value="2025-01-20""#), "the date kept: {}", missing.body);

    // A number and a date that do not read: both named.
    let both =
        c.post_form(&links, &[("kind", "guided_by"), ("number", "hướng dẫn 3"), ("issued_on", "31/02/2025")]).await;
    assert_eq!(both.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(both.body.contains("không đúng dạng văn bản của Đảng"), "{}", both.body);
    assert!(both.body.contains("Cần nhập ngày ban hành"), "{}", both.body);
    assert!(both.body.contains(r#"value="hướng dẫn 3""#), "{}", both.body);
    assert!(both.body.contains(r#"<option value="guided_by" selected>"#), "{}", both.body);

    // A kind the page's list does not offer was not sent by the page.
    let kind = c.post_form(&links, &[("kind", "friend_of"), ("number", "99-HD/ĐU")]).await;
    assert_eq!(kind.status, StatusCode::BAD_REQUEST);
}

daihoi_test_support::engines!(
    a_refused_form_keeps_what_was_typed,
    a_refused_text_is_named_with_the_others,
    register_a_document_with_a_warning_then_a_file_and_a_link,
    record_a_conference_with_its_attendance,
);
