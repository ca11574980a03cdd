//! What an organization below sends up on a draft sent to it (its
//! synthesis of comments, C-PLAN-6), as the higher level reads it: its
//! comments with their dispositions and where it stands, for the readers of
//! the organization holding the congress and of the sender, nobody else;
//! the comments recorded after it was sent named; a confidential draft's
//! for no reader below its classification (T-6).

use daihoi_core::Role;
use daihoi_drafts::{Anchor, Coverage, Decision, Disposition, DocumentKind};
use daihoi_store::congress_documents::{NewComment, NewDocument, VersionSource, comment_facts};
use daihoi_store::documents::Classification;
use daihoi_store::{Db, StoreError};
use daihoi_test_support::fixtures::{code, small_tree, user_with};
use time::macros::date;

use super::{TODAY, province_congress, report};

fn whole<'a>(text: &'a str, from: &'a daihoi_core::OrgCode) -> NewComment<'a> {
    NewComment {
        version: 1,
        anchor: Anchor::Document,
        text,
        amendment: None,
        source_org: Some(from),
        person: None,
        meeting: Some("Hội nghị Ban Chấp hành"),
    }
}

async fn c_plan_6_the_higher_level_reads_what_each_organization_sent_up(db: Db) {
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
    docs.add_version(&congress, &doc, &report(), VersionSource::Page, None, "x").await.unwrap();
    let qt_node = db.org_by_code(&code("QN.DH.QT"), TODAY).await.unwrap().unwrap();
    let dn_node = db.org_by_code(&code("QN.TY.DN"), TODAY).await.unwrap().unwrap();
    docs.send_down(&congress, &doc, &[qt_node.clone(), dn_node.clone()], TODAY, "x").await.unwrap();
    let q = db.scoped(&qt);
    let d = db.scoped(&dn);
    q.congress_documents()
        .record_comment(&congress, &doc, &whole("Góp ý một.", &qt_node.code), TODAY, "x")
        .await
        .unwrap();
    d.congress_documents()
        .record_comment(&congress, &doc, &whole("Góp ý hai.", &dn_node.code), TODAY, "x")
        .await
        .unwrap();
    docs.decide(&congress, &doc, 1, &Decision::new(Disposition::Accepted, None).unwrap(), "x").await.unwrap();
    q.congress_documents().send_synthesis(&qt_node, &doc, date!(2025 - 06 - 10), "x").await.unwrap();
    q.congress_documents()
        .record_comment(&congress, &doc, &whole("Góp ý ba.", &qt_node.code), TODAY, "x")
        .await
        .unwrap();

    // The province's office reads Quảng Tân's: its comments, not Đông Ngũ's.
    let sent = docs.synthesis_of(&r, &congress, &doc, &qt_node.code, TODAY).await.unwrap().unwrap();
    assert_eq!(sent.org.code, qt_node.code);
    assert_eq!(sent.comments.iter().map(|c| c.number).collect::<Vec<_>>(), vec![1, 3]);
    assert_eq!(sent.after_sending, vec![3], "recorded after its synthesis was sent");
    assert!(matches!(sent.recipient.coverage, Coverage::SentAwaitingDeadline { .. }));
    assert_eq!(sent.awaiting, Some("C-PLAN-6"));
    assert_eq!(sent.comments[0].decided.as_ref().map(|d| d.decision.disposition), Some(Disposition::Accepted));
    let versions = docs.versions(&doc).await.unwrap();
    let facts = comment_facts(&doc, &versions, &sent.comments);
    assert_eq!(daihoi_drafts::group(&facts).tally.total, 2);
    // Đông Ngũ's, not sent yet, is readable and says so.
    let other = docs.synthesis_of(&r, &congress, &doc, &dn_node.code, TODAY).await.unwrap().unwrap();
    assert_eq!(other.recipient.coverage, Coverage::NotSentYet);
    assert!(other.after_sending.is_empty());
    // An organization the draft was not sent to, one that does not exist: none.
    assert!(docs.synthesis_of(&r, &congress, &doc, &code("QN.DH"), TODAY).await.unwrap().is_none());
    assert!(docs.synthesis_of(&r, &congress, &doc, &code("QN.ZZ"), TODAY).await.unwrap().is_none());

    // Quảng Tân reads its own; Đông Ngũ does not read Quảng Tân's.
    let own = q.congress_documents().synthesis_of(&r, &congress, &doc, &qt_node.code, TODAY).await.unwrap().unwrap();
    assert_eq!(own.comments.len(), 2);
    let err = d.congress_documents().synthesis_of(&r, &congress, &doc, &qt_node.code, TODAY).await.unwrap_err();
    assert!(matches!(err, StoreError::Forbidden(_)), "{err}");

    // T-6: a confidential draft's, for nobody below its classification.
    let plan = NewDocument {
        kind: DocumentKind::PersonnelPlan,
        title: "Đề án nhân sự",
        classification: Classification::Confidential,
        line_length: 80,
    };
    let op = db.operator();
    let secret = op.congress_documents().create_document(&congress, &plan, "x").await.unwrap();
    op.congress_documents().add_version(&congress, &secret, &report(), VersionSource::Page, None, "x").await.unwrap();
    op.congress_documents().send_down(&congress, &secret, std::slice::from_ref(&qt_node), TODAY, "x").await.unwrap();
    for scoped in [&o, &q] {
        let err =
            scoped.congress_documents().synthesis_of(&r, &congress, &secret, &qt_node.code, TODAY).await.unwrap_err();
        assert!(matches!(err, StoreError::Forbidden(_)), "{err}");
    }
    assert!(
        op.congress_documents().synthesis_of(&r, &congress, &secret, &qt_node.code, TODAY).await.unwrap().is_some()
    );
}

daihoi_test_support::engines!(c_plan_6_the_higher_level_reads_what_each_organization_sent_up);
