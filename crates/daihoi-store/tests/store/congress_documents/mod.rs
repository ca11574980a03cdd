//! Congress documents (issue 17), stored: a province's draft political
//! report in versions, sent down to two communes (C-PLAN-6), their
//! comments and amendments anchored to its paragraphs, the drafting team's
//! dispositions, the accepted amendment taken into version 2 in one action
//! with its paragraph's id kept, the synthesis grouped by section and
//! source, the coverage against a deadline that awaits a person's answer
//! until it is given (C-PLAN-6 [open]); refusals with their rule and
//! nothing written; a confidential personnel plan (T-6) unseen below its
//! classification.

mod resolution;

use daihoi_congress::{AnswerValue, CongressKind, LevelClass, OpenQuestion, Scope};
use daihoi_core::Role;
use daihoi_drafts::{Anchor, Block, Change, Coverage, Decision, Disposition, DocumentKind, ParagraphId, Part};
use daihoi_store::congress_documents::{NewComment, NewDocument, VersionSource};
use daihoi_store::congresses::Congress;
use daihoi_store::documents::Classification;
use daihoi_store::{Db, StoreError};
use daihoi_test_support::fixtures::{code, small_tree, user_with};
use time::Date;
use time::macros::date;

use crate::congresses::{entries, plan, round};

mod synthesis;

const TODAY: Date = date!(2025 - 06 - 01);

fn report() -> Vec<Block> {
    let p = |t: &str| Block::Paragraph { text: t.to_owned() };
    vec![
        Block::Heading { level: 1, text: "I. ĐÁNH GIÁ KẾT QUẢ NHIỆM KỲ 2020–2025".into() },
        p("Nhiệm kỳ qua, Đảng bộ tỉnh đã lãnh đạo thực hiện thắng lợi nghị quyết đại hội."),
        p("Kinh tế tăng trưởng bình quân 10,2% mỗi năm, cao hơn mục tiêu đề ra."),
        p("Công tác xây dựng Đảng được chú trọng, chất lượng đảng viên được nâng lên."),
        Block::Heading { level: 1, text: "II. PHƯƠNG HƯỚNG NHIỆM KỲ 2025–2030".into() },
        p("Phấn đấu đến năm 2030 Quảng Ninh là tỉnh dịch vụ, công nghiệp hiện đại."),
    ]
}

async fn province_congress(db: &Db, office: &daihoi_store::Viewer) -> (daihoi_store::congresses::Round, Congress) {
    let r = round(db).await;
    let qn = db.org_by_code(&code("QN"), TODAY).await.unwrap().unwrap();
    let congress = db
        .scoped(office)
        .congresses()
        .plan(
            &r,
            &qn,
            &plan(LevelClass::UnderCentre, CongressKind::DelegateCongress, date!(2025 - 10 - 10), 3),
            TODAY,
            "x",
        )
        .await
        .unwrap();
    (r, congress)
}

async fn the_province_drafts_the_communes_comment_and_version_2_takes_the_amendment_in(db: Db) {
    small_tree(&db).await;
    let office = user_with(&db, "vp.qn", Role::Office, "QN").await;
    let qt = user_with(&db, "vp.qt", Role::Office, "QN.DH.QT").await;
    let dn = user_with(&db, "vp.dn", Role::Office, "QN.TY.DN").await;
    let (r, congress) = province_congress(&db, &office).await;
    let o = db.scoped(&office);
    let docs = o.congress_documents();
    let new = NewDocument {
        kind: DocumentKind::PoliticalReport,
        title: "Dự thảo Báo cáo chính trị",
        classification: Classification::Normal,
        line_length: 80,
    };
    let doc = docs.create_document(&congress, &new, "x").await.unwrap();
    assert_eq!(docs.team(&congress, &doc).await.unwrap(), vec!["vp.qn".to_owned()], "the maker joins the team");
    let v1 = docs.add_version(&congress, &doc, &report(), VersionSource::Page, None, "x").await.unwrap();
    assert_eq!((v1.number, v1.text.paragraph_count(), v1.revision.is_none()), (1, 4, true));
    let p: Vec<ParagraphId> = v1.text.paragraphs().map(|(_, p)| p.id).collect();

    // C-PLAN-6: sent down to two communes, on a day; not to itself.
    let qt_node = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let dn_node = db.org_by_code(&code("QN.TY.DN"), TODAY).await.unwrap().unwrap();
    let before = entries(&db).await;
    let err = docs.send_down(&congress, &doc, &[qt_node.clone(), congress.org.clone()], TODAY, "x").await.unwrap_err();
    assert!(matches!(&err, StoreError::DraftRefused { rule: "C-PLAN-6", .. }), "{err}");
    assert_eq!(entries(&db).await, before, "nothing sent");
    assert_eq!(docs.send_down(&congress, &doc, &[qt_node.clone(), dn_node.clone()], TODAY, "x").await.unwrap(), 2);
    assert_eq!(
        docs.send_down(&congress, &doc, std::slice::from_ref(&qt_node), date!(2025 - 06 - 05), "x").await.unwrap(),
        0
    );

    // Each commune reads what was sent to it.
    let q = db.scoped(&qt);
    let received = q.congress_documents().received(&qt_node).await.unwrap();
    assert_eq!(received.iter().map(|d| d.id).collect::<Vec<_>>(), vec![doc.id]);
    let sent = q.congress_documents().received_document(&qt_node, doc.id).await.unwrap().unwrap();
    assert!(q.congress_documents().documents(&congress).await.is_err(), "not the province's list");
    let (_, held_by, _) =
        q.congress_documents().received_with_congress(&qt_node, doc.id, TODAY).await.unwrap().unwrap();
    assert_eq!(held_by.id, congress.id, "the congress that holds the draft, for the commune's office");
    let x = db.scoped(&dn).congress_documents().received_with_congress(&qt_node, doc.id, TODAY).await;
    assert!(matches!(x, Err(StoreError::Forbidden(_))), "Đông Ngũ does not read what Quảng Tân received");

    // Quảng Tân: an amendment of paragraph 2 and a comment on paragraph 3.
    let amend = NewComment {
        version: 1,
        anchor: Anchor::Paragraph { id: p[1] },
        text: "Đề nghị ghi rõ mục tiêu đã vượt.",
        amendment: Some(Change::Paragraph {
            id: p[1],
            text: "Kinh tế tăng trưởng bình quân 10,2% mỗi năm, vượt mục tiêu 9% đề ra.".into(),
        }),
        source_org: Some(&qt_node.code),
        person: None,
        meeting: Some("Đại hội Đảng bộ xã Quảng Tân, phiên thứ hai"),
    };
    let qdocs = q.congress_documents();
    assert_eq!(qdocs.record_comment(&congress, &sent, &amend, TODAY, "x").await.unwrap(), 1);
    let comment = NewComment {
        anchor: Anchor::Paragraph { id: p[2] },
        text: "Bổ sung đánh giá về công tác kiểm tra, giám sát.",
        amendment: None,
        ..amend.clone()
    };
    assert_eq!(qdocs.record_comment(&congress, &sent, &comment, TODAY, "x").await.unwrap(), 2);
    // A comment anchored to a paragraph that does not exist: refused, nothing written.
    let before = entries(&db).await;
    let nowhere = NewComment { anchor: Anchor::Paragraph { id: ParagraphId(999) }, ..comment.clone() };
    let err = qdocs.record_comment(&congress, &sent, &nowhere, TODAY, "x").await.unwrap_err();
    assert!(matches!(&err, StoreError::DraftRefused { rule: "C-PLAN-7", .. }), "{err}");
    // Đông Ngũ's office cannot speak for Quảng Tân.
    let d = db.scoped(&dn);
    let err = d.congress_documents().record_comment(&congress, &sent, &comment, TODAY, "x").await.unwrap_err();
    assert!(matches!(err, StoreError::Forbidden(_)), "{err}");
    assert_eq!(entries(&db).await, before, "nothing written");
    // Đông Ngũ on the whole document.
    let whole = NewComment {
        anchor: Anchor::Document,
        text: "Dự thảo cần ngắn gọn hơn.",
        source_org: Some(&dn_node.code),
        meeting: Some("Hội nghị Ban Chấp hành Đảng bộ xã Đông Ngũ"),
        ..comment.clone()
    };
    assert_eq!(d.congress_documents().record_comment(&congress, &sent, &whole, TODAY, "x").await.unwrap(), 3);
    // Each commune reads its own comments only.
    assert_eq!(qdocs.comments_from(&qt_node, &sent).await.unwrap().len(), 2);
    assert!(qdocs.comments(&congress, &sent).await.is_err());

    // The drafting team disposes: someone not on it is refused.
    let outsider = user_with(&db, "vp2.qn", Role::Office, "QN").await;
    let x = db.scoped(&outsider);
    let accept = Decision::new(Disposition::Accepted, None).unwrap();
    let err = x.congress_documents().decide(&congress, &doc, 1, &accept, "x").await.unwrap_err();
    assert!(matches!(err, StoreError::Forbidden(_)), "{err}");
    let bare = Decision { disposition: Disposition::Explained, explanation: None };
    let err = docs.decide(&congress, &doc, 2, &bare, "x").await.unwrap_err();
    assert!(matches!(&err, StoreError::DraftRefused { rule: "C-PLAN-6", .. }), "an explanation is needed: {err}");
    docs.decide(&congress, &doc, 1, &accept, "x").await.unwrap();
    let explained = Decision::new(Disposition::Explained, Some("Đã có trong phần II.")).unwrap();
    docs.decide(&congress, &doc, 2, &explained, "x").await.unwrap();

    // One action takes the accepted amendment into version 2.
    let applied = docs.apply_accepted(&congress, &doc, "x").await.unwrap();
    let v2 = &applied.version;
    assert_eq!((v2.number, v2.source, v2.taken_in.clone()), (2, VersionSource::Amendments, vec![1]));
    assert!(applied.left_out.is_empty());
    let changed = v2.text.paragraph(p[1]).expect("the paragraph keeps its id");
    assert!(changed.text.contains("vượt mục tiêu 9%"), "{}", changed.text);
    assert_eq!(v2.revision.as_ref().unwrap().changed, vec![p[1]]);
    let comments = docs.comments(&congress, &doc).await.unwrap();
    assert_eq!(comments.iter().map(|c| c.taken_in).collect::<Vec<_>>(), vec![Some(2), None, None]);
    let err = docs.decide(&congress, &doc, 1, &explained, "x").await.unwrap_err();
    assert!(matches!(&err, StoreError::DraftRefused { .. }), "taken in, its disposition stays: {err}");
    // An amendment on version 1, no longer the latest: refused.
    let err = qdocs.record_comment(&congress, &sent, &amend, TODAY, "x").await.unwrap_err();
    assert!(matches!(&err, StoreError::DraftRefused { rule: "C-PLAN-7", .. }), "{err}");

    // The synthesis: by section and source.
    let synthesis = docs.synthesis(&doc, &comments).await.unwrap();
    assert_eq!((synthesis.tally.total, synthesis.tally.accepted, synthesis.tally.explained), (3, 1, 1));
    let parts = &synthesis.documents[0].parts;
    assert!(parts.iter().any(|g| g.part == Part::WholeDocument && g.tally.total == 1));
    assert!(parts.iter().any(|g| matches!(&g.part, Part::Section { index: 1, .. }) && g.tally.total == 2));

    // Coverage: Quảng Tân sends its synthesis; the deadline awaits a person (C-PLAN-6 [open]).
    assert!(q.congress_documents().send_synthesis(&qt_node, &sent, date!(2025 - 06 - 10), "x").await.unwrap());
    let err = d.congress_documents().send_synthesis(&dn_node, &sent, date!(2025 - 05 - 01), "x").await.unwrap_err();
    assert!(matches!(&err, StoreError::DraftRefused { rule: "C-PLAN-6", .. }), "before the draft: {err}");
    assert!(d.congress_documents().send_synthesis(&dn_node, &sent, date!(2025 - 06 - 30), "x").await.unwrap());
    let cover = docs.coverage(&r, &congress, &doc).await.unwrap();
    assert_eq!(cover.awaiting, Some("C-PLAN-6"));
    assert!(cover.recipients.iter().all(|r| matches!(r.coverage, Coverage::SentAwaitingDeadline { .. })));
    db.operator()
        .congresses()
        .answer(&r, OpenQuestion::CommentDeadlineDays, &Scope::Round, AnswerValue::Number(15), TODAY, "KH", TODAY, "x")
        .await
        .unwrap();
    let cover = docs.coverage(&r, &congress, &doc).await.unwrap();
    assert_eq!(cover.awaiting, None);
    let by_code = |c: &str| cover.recipients.iter().find(|r| r.org.code.to_string() == c).unwrap().coverage;
    assert!(matches!(by_code("QN.DH.QT"), Coverage::OnTime { .. }));
    assert!(matches!(by_code("QN.TY.DN"), Coverage::Late { days_late: 14, .. }), "recorded as late, not lost");
}

async fn a_confidential_plan_is_unseen_below_its_classification(db: Db) {
    small_tree(&db).await;
    let office = user_with(&db, "vp.qn", Role::Office, "QN").await;
    let (_, congress) = province_congress(&db, &office).await;
    let plan = NewDocument {
        kind: DocumentKind::PersonnelPlan,
        title: "Đề án nhân sự Ban Chấp hành Đảng bộ tỉnh khóa XVI",
        classification: Classification::Confidential,
        line_length: 80,
    };
    let o = db.scoped(&office);
    let before = entries(&db).await;
    let err = o.congress_documents().create_document(&congress, &plan, "x").await.unwrap_err();
    assert!(matches!(err, StoreError::Forbidden(_)), "{err}");
    assert_eq!(entries(&db).await, before);
    let doc = db.operator().congress_documents().create_document(&congress, &plan, "x").await.unwrap();
    assert!(o.congress_documents().documents(&congress).await.unwrap().is_empty(), "left out of the list");
    assert!(matches!(o.congress_documents().document(&congress, doc.id).await, Err(StoreError::Forbidden(_))));
}

daihoi_test_support::engines!(
    the_province_drafts_the_communes_comment_and_version_2_takes_the_amendment_in,
    a_confidential_plan_is_unseen_below_its_classification
);
