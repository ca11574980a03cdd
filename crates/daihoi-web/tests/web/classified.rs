//! T-6 from the reader's side: the four leaks of issue 12 (part 3), each
//! as a reader who is not cleared met it, against the objects a cleared
//! office of the commune made ([`support::secrets`]). In process, against a
//! real database on each engine.

use crate::support;

use axum::http::StatusCode;
use daihoi_core::Role;
use daihoi_store::Db;
use daihoi_store::documents::{Classification, NewDocument};
use daihoi_test_support::fixtures::*;
use support::{CLEARED, Client, Secrets, TestApp};

const COMMUNE: &str = "QN.DH.QT";
const CELL: &str = "QN.DH.QT.CB01";

/// The commune, its members, an unclassified document in its register with
/// an unclassified task, the secret objects, and an uncleared office and
/// inspection commission of the commune.
async fn seeded(db: &Db) -> (TestApp, Secrets, i64) {
    small_tree(db).await;
    import(db, vec![member("10000001", "Nguyễn Văn An", CELL), member("10000002", "Trần Thị Bình", "QN.DH.QT.CB02")])
        .await;
    let commune = code(COMMUNE);
    let open = db
        .register_document(&NewDocument {
            doc_type: "KH",
            issuer: "TU",
            number: 439,
            number_text: "439",
            issued_on: time::macros::date!(2024 - 07 - 23),
            title: "Tổ chức đại hội đảng bộ các cấp",
            summary: "",
            classification: Classification::Normal,
            org: Some(&commune),
        })
        .await
        .unwrap()
        .id;
    db.create_task(&daihoi_store::tasks::NewTask {
        document_id: open,
        clause: "Mục II",
        title: "Nhiệm vụ công khai",
        org: &commune,
        parent: None,
        weight: None,
        deadline: Some(time::macros::date!(2025 - 06 - 30)),
        external_id: Some("CK-01"),
        classification: Classification::Normal,
        assigned_on: time::macros::date!(2025 - 01 - 02),
    })
    .await
    .unwrap();
    let app = TestApp::new(db);
    let secrets = support::secrets(&app, COMMUNE, CELL, "10000002", open).await;
    app.user("qt.office", Role::Office, COMMUNE).await;
    app.user("qt.ubkt", Role::Inspection, COMMUNE).await;
    (app, secrets, open)
}

/// What `c` receives on `uri`, as text (a download's cells and text too).
async fn received(c: &mut Client, uri: &str) -> (StatusCode, String) {
    let (page, bytes) = c.get_with_bytes(uri).await;
    (page.status, support::received_text(&page, &bytes))
}

/// Finding 1: `/audit` showed an uncleared inspector the title of a secret
/// task, a secret document's number and a secret file's name and hash. The
/// entries naming them are left out for him (filtered by action too); the
/// commune's unclassified entries are still there; a cleared inspector
/// reads them all.
async fn the_audit_log_shows_nothing_secret_to_an_uncleared_inspector(db: Db) {
    let (app, secrets, open) = seeded(&db).await;
    let mut office = app.signed_in(CLEARED).await;
    let task = office
        .post_form(
            "/tasks",
            &[("document", open.to_string().as_str()), ("title", "Nhiệm vụ công khai thứ hai"), ("org", COMMUNE)],
        )
        .await;
    assert_eq!(task.status, StatusCode::SEE_OTHER, "{}", task.body);

    let mut inspector = app.signed_in("qt.ubkt").await;
    for uri in [
        "/audit",
        "/audit?action=task_create",
        "/audit?action=document_register",
        "/audit?action=document_file",
        "/audit?action=document_link",
        "/audit?action=dissemination",
        "/audit?actor=cleared.office",
    ] {
        let (status, text) = received(&mut inspector, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(secrets.found_in(&text), None, "{uri} shows a secret object: {text}");
    }
    let (_, text) = received(&mut inspector, "/audit").await;
    assert!(text.contains("Nhiệm vụ công khai thứ hai"), "the unclassified entry is there: {text}");

    let id = app.user("qt.ubkt.mat", Role::Inspection, COMMUNE).await;
    db.operator()
        .accounts()
        .set_clearance(&db.user_by_id(id).await.unwrap().unwrap(), Classification::Secret, "test")
        .await
        .unwrap();
    let mut cleared = app.signed_in("qt.ubkt.mat").await;
    let (_, text) = received(&mut cleared, "/audit").await;
    for mark in ["Nhiệm vụ tối mật X7Q", "8808-KH/ĐU", "bi-mat-x7q.pdf", secrets.marks.last().unwrap().as_str()]
    {
        assert!(text.contains(mark), "a cleared inspector reads {mark:?}: {text}");
    }
}

/// Finding 2: the task file an uncleared office downloaded (CSV and Excel)
/// wrote the number and date of a secret document, for a visible task of
/// it. A row that names anything above the reader's clearance (its
/// document, its parent) is left out; the others are there; a cleared
/// office's file has them all.
async fn the_task_file_names_no_secret_document(db: Db) {
    let (app, secrets, _) = seeded(&db).await;
    let mut office = app.signed_in("qt.office").await;
    for format in ["csv", "xlsx"] {
        let uri = format!("/orgs/{COMMUNE}/tracking/tasks-file/download?format={format}");
        let (status, text) = received(&mut office, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(secrets.found_in(&text), None, "{uri} names a secret object: {text}");
        assert!(text.contains("Nhiệm vụ công khai") && text.contains("CK-01"), "{uri}: {text}");
        assert!(!text.contains("Nhiệm vụ thường của văn bản mật"), "its document is secret: {text}");
        assert!(!text.contains("Nhiệm vụ con thường"), "its parent is secret: {text}");
    }
    let mut cleared = app.signed_in(CLEARED).await;
    let (_, text) = received(&mut cleared, &format!("/orgs/{COMMUNE}/tracking/tasks-file/download?format=csv")).await;
    for mark in ["8808-KH/ĐU", "17/03/2023", "Nhiệm vụ thường của văn bản mật", "X7Q-MAT-01"] {
        assert!(text.contains(mark), "a cleared office's file has {mark:?}: {text}");
    }
}

/// Finding 3: the periodic report of a secret document answered an
/// uncleared reader with its tasks where the dashboard of the same document
/// refused. Both refuse now, in every format; a cleared reader gets both.
async fn the_report_of_a_secret_document_is_refused_like_its_dashboard(db: Db) {
    let (app, secrets, _) = seeded(&db).await;
    let doc = secrets.document;
    let uris = [
        format!("/orgs/{COMMUNE}/tracking?document={doc}"),
        format!("/orgs/{COMMUNE}/tracking/report?document={doc}"),
        format!("/orgs/{COMMUNE}/tracking/report?format=xlsx&period=annual&date=2025-08-01&document={doc}"),
        format!("/orgs/{COMMUNE}/tracking/report?format=pdf&document={doc}"),
    ];
    for login in ["qt.office", "qt.ubkt"] {
        let mut c = app.signed_in(login).await;
        for uri in &uris {
            let (status, text) = received(&mut c, uri).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{login} {uri}");
            assert_eq!(secrets.found_in(&text), None, "{login} {uri}: {text}");
        }
    }
    let mut cleared = app.signed_in(CLEARED).await;
    for uri in &uris {
        let (status, text) = received(&mut cleared, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(secrets.found_in(&text).is_some(), "{uri}: {text}");
    }
}

/// Finding 4: one secret conference made the commune's conferences, and
/// its own page, answer 403 to everyone not cleared. The list leaves it
/// out and shows the others; its own page refuses only the uncleared.
async fn a_secret_conference_is_left_out_of_the_list(db: Db) {
    let (app, secrets, open) = seeded(&db).await;
    let mut office = app.signed_in(CLEARED).await;
    let fields: Vec<(String, String)> =
        [("org", COMMUNE), ("held_on", "2024-11-18"), ("title", "Hội nghị học tập công khai"), ("members", "10000001")]
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
    let done = office.post_multipart(&format!("/documents/{open}/disseminations"), &fields, None).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let open_conference = support::location(&done);

    let list = format!("/orgs/{COMMUNE}/disseminations");
    let secret = format!("/disseminations/{}", secrets.conference);
    for login in ["qt.office", "qt.ubkt"] {
        let mut c = app.signed_in(login).await;
        let (status, text) = received(&mut c, &list).await;
        assert_eq!(status, StatusCode::OK, "{login}: {text}");
        assert!(text.contains("Hội nghị học tập công khai"), "{login}: {text}");
        assert_eq!(secrets.found_in(&text), None, "{login}: {text}");
        assert_eq!(c.get(&open_conference).await.status, StatusCode::OK, "{login}");
        let (status, text) = received(&mut c, &secret).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{login}");
        assert_eq!(secrets.found_in(&text), None, "{login}: {text}");
    }
    let (status, text) = received(&mut office, &list).await;
    assert_eq!(status, StatusCode::OK);
    assert!(text.contains("Hội nghị tối mật X7Q") && text.contains("Hội nghị học tập công khai"), "{text}");
    assert_eq!(office.get(&secret).await.status, StatusCode::OK);
    // The member's card is in the secret conference's attendance: adding to
    // it is refused to the uncleared office too.
    let mut uncleared = app.signed_in("qt.office").await;
    let fields = vec![("members".to_owned(), "10000001".to_owned()), ("orgs".to_owned(), String::new())];
    let added = uncleared.post_multipart(&format!("{secret}/attendance"), &fields, None).await;
    assert_eq!(added.status, StatusCode::FORBIDDEN);
}

/// Found on the way: an uncleared office that uploaded a task file naming
/// a stored task it does not read in full (by guessing its external id)
/// was told, in the preview's refusals, the number and date of its secret
/// document, or its secret parent's external id. The refusal now says only
/// that the stored task is above the reader's clearance.
async fn an_import_preview_names_nothing_secret(db: Db) {
    let (app, secrets, _) = seeded(&db).await;
    let mut office = app.signed_in("qt.office").await;
    let file = format!(
        "Mã nhiệm vụ,Số văn bản,Ngày văn bản,Điều khoản/Mục,Nội dung nhiệm vụ,Đơn vị thực hiện,Nhiệm vụ cha,Trọng số,Hạn hoàn thành,Độ mật\n\
         T{},439-KH/TU,23/07/2024,,Đổi văn bản,{COMMUNE},,,,thường\n\
         T{},439-KH/TU,23/07/2024,,Đổi cấp trên,{CELL},,,,thường\n",
        secrets.open_task_of_secret_document, secrets.open_child
    );
    let page = office.post_file(&format!("/orgs/{COMMUNE}/tracking/tasks-file"), "nhiem-vu.csv", file.as_bytes()).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", page.body);
    assert_eq!(secrets.found_in(&page.body), None, "{}", page.body);
    assert!(page.body.contains("nhiệm vụ đã lưu (Tối mật)"), "{}", page.body);
}

/// T-6 (issue 14 §6): the commune's periodic report as `.docx` (and as
/// PDF, its twin) gives an uncleared office none of the secret objects'
/// text (a secret task's title, a secret document's number, even beside
/// an unclassified task of it) and the unclassified task's; the cleared
/// office's has the secret ones.
async fn the_report_docx_has_no_secret_task_for_an_uncleared_reader(db: Db) {
    let (app, secrets, _) = seeded(&db).await;
    let mut office = app.signed_in("qt.office").await;
    for format in ["docx", "pdf"] {
        let uri = format!("/orgs/{COMMUNE}/tracking/report?format={format}&period=annual");
        let (status, text) = received(&mut office, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(secrets.found_in(&text), None, "{uri} names a secret object: {text}");
        assert!(text.contains("Nhiệm vụ công khai"), "{uri}: the unclassified task is there: {text}");
    }
    let mut cleared = app.signed_in(CLEARED).await;
    let uri = format!("/orgs/{COMMUNE}/tracking/report?format=docx&period=annual");
    let (status, text) = received(&mut cleared, &uri).await;
    assert_eq!(status, StatusCode::OK);
    assert!(text.contains("Nhiệm vụ tối mật X7Q"), "a cleared office's .docx has the secret task: {text}");
}

daihoi_test_support::engines!(
    the_report_docx_has_no_secret_task_for_an_uncleared_reader,
    an_import_preview_names_nothing_secret,
    the_audit_log_shows_nothing_secret_to_an_uncleared_inspector,
    the_task_file_names_no_secret_document,
    the_report_of_a_secret_document_is_refused_like_its_dashboard,
    a_secret_conference_is_left_out_of_the_list,
);
