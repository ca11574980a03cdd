//! Members on the web: a member kept from their page (data, transfer,
//! conditions) and its refusals; the member import's words; the API's
//! member file and writes (`api`; the list and the member are in the
//! cross-cutting `api` module).

mod api;

use crate::support;

use axum::http::{StatusCode, header};
use daihoi_core::Role;
use daihoi_core::members::CardNumber;
use daihoi_store::Db;
use daihoi_test_support::fixtures::*;
use support::{Page, TestApp};

async fn seeded(db: &Db) -> i64 {
    small_tree(db).await;
    import(
        db,
        vec![member("10000001", "Nguyễn Văn An", "QN.DH.QT.CB01"), member("20000001", "Lê Văn Cường", "QN.TY.DN.CB01")],
    )
    .await;
    db.person_id_by_card(&CardNumber::parse("10000001").unwrap()).await.unwrap().unwrap()
}

fn location(page: &Page) -> &str {
    page.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
}

/// The fields of the member form as the page fills them, with changes.
fn member_form<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("card_number", "10000001"),
        ("full_name", "Nguyễn Văn An"),
        ("gender", "male"),
        ("birth_date", "1980-05-12"),
        ("ethnicity", "Kinh"),
        ("admission_date", "2005-05-19"),
        ("official_date", "2006-05-19"),
    ];
    for (k, v) in changes {
        fields.iter_mut().find(|(f, _)| f == k).unwrap().1 = v;
    }
    fields
}

/// An office edits a member, transfers them, records and ends a
/// condition; each is in the member's history; the page names the cell
/// and its commune.
async fn an_office_keeps_a_member_from_the_page(db: Db) {
    let an = seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    let page = format!("/members/{an}");
    let (status, body) = c.gs(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("id=\"member-edit-form\"") && body.contains("id=\"member-transfer-form\""), "{body}");
    assert!(body.contains("Chi bộ thôn Đồng Tâm") && body.contains("Đảng bộ xã Quảng Tân"), "cell and commune: {body}");

    // Two problems at once; what was typed stays.
    let bad = member_form(&[("full_name", "Nguyễn Văn Ân"), ("birth_date", "1995-02-31"), ("gender", "x")]);
    let refused = c.post_form(&format!("/members/{an}/edit"), &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("value=\"Nguyễn Văn Ân\""), "kept: {}", refused.body);
    assert!(refused.body.contains("value=\"1995-02-31\""), "kept: {}", refused.body);
    assert!(refused.body.contains("Ngày sinh: không phải ngày"), "{}", refused.body);
    assert!(refused.body.contains("Giới tính: "), "{}", refused.body);
    assert!(!refused.body.contains("(gender)") && !refused.body.contains("birth_date:"), "{}", refused.body);

    let done = c.post_form(&format!("/members/{an}/edit"), &member_form(&[("ethnicity", "Tày")])).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(location(&done), format!("/members/{an}#member-data"));

    // A transfer to a cell outside the commune's office: refused as forbidden.
    let out =
        c.post_form(&format!("/members/{an}/transfer"), &[("org", "QN.TY.DN.CB02"), ("date", "2026-09-01")]).await;
    assert_eq!(out.status, StatusCode::FORBIDDEN);
    // Before the enrolment's start: in words, the values kept.
    let early =
        c.post_form(&format!("/members/{an}/transfer"), &[("org", "QN.DH.QT.CB02"), ("date", "2001-01-01")]).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", early.body);
    assert!(early.body.contains("trước ngày bắt đầu sinh hoạt"), "{}", early.body);
    assert!(early.body.contains("value=\"QN.DH.QT.CB02\""), "{}", early.body);
    let moved =
        c.post_form(&format!("/members/{an}/transfer"), &[("org", "QN.DH.QT.CB02"), ("date", "2026-09-01")]).await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);

    let record = [("kind", "suspended"), ("from", "2026-10-01"), ("note", "QĐ 12-QĐ/UBKT")];
    let recorded = c.post_form(&format!("/members/{an}/conditions"), &record).await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{}", recorded.body);
    let d = db.member_detail(an).await.unwrap().unwrap();
    let id = d.conditions[0].id;
    let ended = c.post_form(&format!("/members/{an}/conditions/{id}/end"), &[("to", "2026-10-01")]).await;
    assert_eq!(ended.status, StatusCode::UNPROCESSABLE_ENTITY, "the end is not after the start");
    let ended = c.post_form(&format!("/members/{an}/conditions/{id}/end"), &[("to", "2026-11-01")]).await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER, "{}", ended.body);

    let (_, body) = c.gs(&page).await;
    for words in [
        "Sửa thông tin",
        "Chuyển sinh hoạt",
        "Ghi tình trạng",
        "Chấm dứt tình trạng",
        "ethnicity Kinh → Tày",
        "moved from QN.DH.QT.CB01 (Chi bộ thôn Đồng Tâm) to QN.DH.QT.CB02 (Chi bộ thôn Tân Hợp) on 01/09/2026",
        "QĐ 12-QĐ/UBKT",
        "Chi bộ thôn Tân Hợp",
    ] {
        assert!(body.contains(words), "{words}: {body}");
    }
    assert_eq!(db.member_detail(an).await.unwrap().unwrap().history.len(), 4);
}

/// The inspection reads the member but sees no form and is refused any
/// write; a member outside the office's subtree is refused before what
/// was typed is looked at.
async fn only_writers_keep_members(db: Db) {
    let an = seeded(&db).await;
    let cuong = db.person_id_by_card(&CardNumber::parse("20000001").unwrap()).await.unwrap().unwrap();
    let app = TestApp::new(&db);
    app.user("qt.inspection", Role::Inspection, "QN.DH.QT").await;
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.inspection").await;
    let (status, body) = c.gs(&format!("/members/{an}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("member-edit-form") && !body.contains("/conditions\""), "{body}");
    let page = c.post_form(&format!("/members/{an}/edit"), &member_form(&[("ethnicity", "Tày")])).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let mut office = app.signed_in("qt.office").await;
    let page = office.post_form(&format!("/members/{cuong}/edit"), &member_form(&[("birth_date", "x")])).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "refused before the form is read");
    assert!(db.member_detail(an).await.unwrap().unwrap().history.is_empty());
}

/// Issue 14, item 8: a Vietnamese import error names the column by its
/// Vietnamese header only; an English one may add the key.
async fn import_errors_name_columns_in_the_readers_language(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let file = "Số thẻ đảng viên,Họ và tên,Giới tính,Ngày sinh,Dân tộc,Mã chi bộ,Ngày vào Đảng\n\
                10000009,Đỗ Văn Em,Khác,02/03/1990,Kinh,QN.DH.QT.CB01,15/04/2015\n";
    let mut c = app.signed_in("qt.office").await;
    let page = c.post_file("/orgs/QN.DH.QT/import", "ds.csv", file.as_bytes()).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", page.body);
    assert!(page.body.contains("<td>C (Giới tính)</td>"), "{}", page.body);
    assert!(!page.body.contains("(gender)") && !page.body.contains("gender"), "{}", page.body);
    // A file without the required columns: named in Vietnamese only.
    let page = c.post_file("/orgs/QN.DH.QT/import", "ds.csv", "Họ và tên,Giới tính\nA,Nam\n".as_bytes()).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.body);
    assert!(page.body.contains("Số thẻ đảng viên; Ngày sinh; Mã chi bộ; Ngày vào Đảng"), "{}", page.body);
    assert!(!page.body.contains("card_number") && !page.body.contains("(birth_date)"), "{}", page.body);

    let page = c.post_file("/orgs/QN.DH.QT/import?lang=en", "ds.csv", file.as_bytes()).await;
    assert!(page.body.contains("<td>C (Giới tính, gender)</td>"), "{}", page.body);
}

/// The import page offers the template: the documented columns, an
/// example row that the importer previews as valid, and drop-down lists
/// (data validation) for gender and condition.
async fn the_template_is_a_valid_member_file(db: Db) {
    seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    let (_, form) = c.gs("/orgs/QN.DH.QT/import").await;
    assert!(form.contains("href=\"/orgs/QN.DH.QT/import/template\""), "{form}");
    let (status, bytes) = c.get_bytes("/orgs/QN.DH.QT/import/template").await;
    assert_eq!(status, StatusCode::OK);

    // The documented columns, in order, and the drop-down lists.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
    assert_eq!(sheet.matches("<dataValidation ").count(), 2, "{sheet}");
    assert!(sheet.contains("<formula1>\"Nam,Nữ\"</formula1>"), "{sheet}");
    assert!(sheet.contains("Đình chỉ sinh hoạt"), "{sheet}");
    let wb = daihoi_sheets::read_bytes("mau.xlsx", daihoi_sheets::Format::Xlsx, &bytes).unwrap();
    let header: Vec<&str> = wb.sheets[0].rows[0].iter().map(String::as_str).collect();
    let documented: Vec<&str> = daihoi_core::members::import::Column::ALL.iter().map(|c| c.header()).collect();
    assert_eq!(header, documented);

    // Read back by the import page: one valid row, nothing refused.
    let page = c.post_file("/orgs/QN.DH.QT/import", "mau.xlsx", &bytes).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("/orgs/QN.DH.QT/import/"), "a preview to confirm: {}", page.body);
    // Those who may not import here get no template.
    let (status, _) = c.get_bytes("/orgs/QN.TY.DN/import/template").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// TEXT-1, issue 14 §5: a condition's note with a control character or too
/// long, and the member form's name and ethnicity, are named by the field's
/// label with the form's other problems, on the page again (422) with what
/// was typed kept; nothing is written.
async fn a_refused_text_is_named_with_the_others(db: Db) {
    let an = seeded(&db).await;
    let app = TestApp::new(&db);
    app.user("qt.office", Role::Office, "QN.DH.QT").await;
    let mut c = app.signed_in("qt.office").await;
    let long = "Quyết định ".repeat(20);
    for (note, problem) in [
        ("QĐ\u{1b} 12-QĐ/UBKT", "Ghi chú, quyết định: chứa ký tự điều khiển"),
        (long.as_str(), "Ghi chú, quyết định: dài quá 200 ký tự"),
    ] {
        let record = [("kind", "suspended"), ("from", "31/02/2026"), ("note", note)];
        let page = c.post_form(&format!("/members/{an}/conditions"), &record).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{:.300}", page.body);
        assert!(page.body.contains(problem), "{problem}: {}", page.body);
        assert!(page.body.contains("31/02/2026"), "with the others: {}", page.body);
        assert!(page.body.contains(&format!(r#"value="{note}""#)), "the note kept");
    }
    assert!(db.member_detail(an).await.unwrap().unwrap().conditions.is_empty(), "nothing written");
    let long = "Kinh".repeat(20);
    for (name, ethnicity, problem) in [
        ("Nguyễn\u{1b}Văn An", "Kinh", "Họ và tên: họ và tên không hợp lệ"),
        ("Nguyễn Văn An", long.as_str(), "Dân tộc: văn bản không hợp lệ"),
    ] {
        let bad = member_form(&[("full_name", name), ("ethnicity", ethnicity), ("birth_date", "1995-02-31")]);
        let page = c.post_form(&format!("/members/{an}/edit"), &bad).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{:.300}", page.body);
        assert!(page.body.contains(problem), "{problem}: {}", page.body);
        assert!(page.body.contains("Ngày sinh: không phải ngày"), "with the others: {}", page.body);
        assert!(page.body.contains(&format!(r#"value="{ethnicity}""#)), "kept");
    }
    assert!(db.member_detail(an).await.unwrap().unwrap().history.is_empty(), "nothing written");
}

daihoi_test_support::engines!(
    a_refused_text_is_named_with_the_others,
    the_template_is_a_valid_member_file,
    an_office_keeps_a_member_from_the_page,
    only_writers_keep_members,
    import_errors_name_columns_in_the_readers_language,
);
