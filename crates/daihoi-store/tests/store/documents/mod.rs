//! The document register: identity (D-NUM-5), links both ways (D-LINK-1),
//! files kept as they are, search without diacritics, classification.

mod incoming;

use daihoi_documents::{Direction, LinkKind};
use daihoi_store::documents::{Classification, NewDocument};
use daihoi_store::{Db, StoreError};
use daihoi_test_support::fixtures::OperatorWrites;
use time::macros::date;

fn doc<'a>(
    number: &'a str,
    doc_type: &'a str,
    issuer: &'a str,
    issued_on: time::Date,
    title: &'a str,
) -> NewDocument<'a> {
    NewDocument {
        doc_type,
        issuer,
        number: number.parse().unwrap(),
        number_text: number,
        issued_on,
        title,
        summary: "",
        classification: Classification::Normal,
        org: None,
    }
}

/// D-NUM-5: 35-CT/TW exists for several terms; the same number, issuer,
/// type and date twice is refused.
async fn a_number_is_unique_only_with_its_date(db: Db) {
    for d in [date!(2014 - 05 - 30), date!(2019 - 03 - 10), date!(2024 - 06 - 14)] {
        db.register_document(&doc("35", "CT", "TW", d, "Về đại hội đảng bộ các cấp")).await.unwrap();
    }
    assert_eq!(db.documents_numbered("TW", "CT", 35).await.unwrap().len(), 3);
    let again = db.register_document(&doc("35", "CT", "TW", date!(2024 - 06 - 14), "x")).await;
    assert!(matches!(again, Err(StoreError::DuplicateDocument(_))), "{again:?}");
    // "06" and "6" are the same number; the number as written is kept.
    let hd = db.register_document(&doc("06", "HD", "TU", date!(2024 - 10 - 25), "Hướng dẫn")).await.unwrap();
    assert_eq!(hd.number_label(), "06-HD/TU");
    assert!(db.document_by_identity("TU", "HD", 6, date!(2024 - 10 - 25)).await.unwrap().is_some());
}

/// D-LINK-1: links are shown from both ends; a document does not link to
/// itself and replacements do not go round in a circle.
async fn links_both_ways(db: Db) {
    let ct35 = db.register_document(&doc("35", "CT", "TW", date!(2024 - 06 - 14), "Chỉ thị 35")).await.unwrap();
    let hd27 = db.register_document(&doc("27", "HD", "BTCTW", date!(2024 - 08 - 26), "Hướng dẫn 27")).await.unwrap();
    let kh439 = db.register_document(&doc("439", "KH", "TU", date!(2024 - 07 - 23), "Kế hoạch 439")).await.unwrap();
    let qd190 = db.register_document(&doc("190", "QĐ", "TW", date!(2024 - 10 - 10), "Quy chế bầu cử")).await.unwrap();
    let qd244 =
        db.register_document(&doc("244", "QĐ", "TW", date!(2014 - 06 - 09), "Quy chế bầu cử (cũ)")).await.unwrap();
    db.link_documents(hd27.id, ct35.id, LinkKind::Guides).await.unwrap();
    db.link_documents(kh439.id, ct35.id, LinkKind::Implements).await.unwrap();
    db.link_documents(qd190.id, qd244.id, LinkKind::Replaces).await.unwrap();
    db.link_documents(qd190.id, qd244.id, LinkKind::Replaces).await.unwrap();
    let of35 = db.document_links(ct35.id).await.unwrap();
    assert_eq!(
        of35.iter().map(|l| (l.kind.code_in(l.direction), l.other.number_label())).collect::<Vec<_>>(),
        [("guided_by", "27-HD/BTCTW".to_owned()), ("implemented_by", "439-KH/TU".to_owned())]
    );
    assert_eq!(db.document_links(qd190.id).await.unwrap().len(), 1, "a link is kept once");
    assert!(matches!(db.link_documents(ct35.id, ct35.id, LinkKind::Guides).await, Err(StoreError::BadLink(_))));
    assert!(matches!(db.link_documents(qd244.id, qd190.id, LinkKind::Replaces).await, Err(StoreError::BadLink(_))));
}

/// Files are kept byte for byte with their SHA-256; the same content twice
/// is kept once.
async fn files_are_kept_as_they_are(db: Db) {
    let d = db.register_document(&doc("23", "NQ", "TU", date!(2024 - 03 - 03), "Nghị quyết 23")).await.unwrap();
    let pdf = b"%PDF-1.7\n\xe2\x80\x9cNgh\xe1\xbb\x8b quy\xe1\xba\xbft\xe2\x80\x9d\n%%EOF".to_vec();
    let f = db.attach_file(d.id, "23-NQ-TU.pdf", "application/pdf", &pdf).await.unwrap();
    assert_eq!(f.size, pdf.len() as u64);
    assert_eq!(f.sha256.len(), 64);
    db.attach_file(d.id, "copy.pdf", "application/pdf", &pdf).await.unwrap();
    assert_eq!(db.document_files(d.id).await.unwrap().len(), 1);
    assert_eq!(db.file_content(f.id).await.unwrap().unwrap(), pdf);
}

/// Search ignores case and diacritics, finds numbers and titles, and hides
/// what the reader is not cleared for.
async fn search_ignores_diacritics_and_respects_classification(db: Db) {
    db.register_document(&doc("28", "NQ", "TU", date!(2024 - 09 - 26), "Về xây dựng lực lượng Công an tỉnh"))
        .await
        .unwrap();
    let mut secret = doc("12", "KH", "TU", date!(2024 - 01 - 05), "Kế hoạch bảo vệ biên giới");
    secret.classification = Classification::Secret;
    db.register_document(&secret).await.unwrap();
    let found = db.search_documents("cong an", Classification::Normal, 50).await.unwrap();
    assert_eq!(found.iter().map(|d| d.number_label()).collect::<Vec<_>>(), ["28-NQ/TU"]);
    assert_eq!(db.search_documents("28-nq", Classification::Normal, 50).await.unwrap().len(), 1);
    assert!(db.search_documents("bien gioi", Classification::Confidential, 50).await.unwrap().is_empty());
    assert_eq!(db.search_documents("BIÊN GIỚI", Classification::Secret, 50).await.unwrap().len(), 1);
    assert_eq!(db.search_documents("", Classification::Secret, 50).await.unwrap().len(), 2);
}

/// The seed's documents load with their links (27-HD/BTCTW guides 35-CT/TW,
/// 439-KH/TU implements it, 190-QĐ/TW replaces 244-QĐ/TW), and loading
/// twice changes nothing.
async fn the_demo_register(db: Db) {
    // Every demo number is what the parser makes of it (D-NUM-1), with no warning.
    let registry = daihoi_documents::Registry::default_party();
    for d in daihoi_demo::documents::documents() {
        let parsed = daihoi_documents::parse_number(&d.label(), &registry).unwrap();
        assert!(parsed.warnings.is_empty(), "{}: {:?}", d.label(), parsed.warnings);
        let n = parsed.number;
        assert_eq!(
            (n.number_text(), n.doc_type().as_str(), n.issuer().as_str()),
            (d.number.to_owned(), d.doc_type, d.issuer)
        );
    }
    assert_eq!(db.load_demo_documents().await.unwrap(), 9);
    assert_eq!(db.load_demo_documents().await.unwrap(), 0);
    let ct35 = db.document_by_identity("TW", "CT", 35, date!(2024 - 06 - 14)).await.unwrap().unwrap();
    let links = db.document_links(ct35.id).await.unwrap();
    let shown: Vec<(&str, String)> =
        links.iter().map(|l| (l.kind.code_in(l.direction), l.other.number_label())).collect();
    assert!(shown.contains(&("guided_by", "27-HD/BTCTW".into())), "{shown:?}");
    assert!(shown.contains(&("implemented_by", "439-KH/TU".into())), "{shown:?}");
    assert!(shown.contains(&("replaced_by", "45-CT/TW".into())), "{shown:?}");
    assert_eq!(links.iter().filter(|l| l.direction == Direction::Inverse).count(), 3);
    let qd190 = db.document_by_identity("TW", "QĐ", 190, date!(2024 - 10 - 10)).await.unwrap().unwrap();
    assert_eq!(db.document_links(qd190.id).await.unwrap()[0].other.number_label(), "244-QĐ/TW");
}

daihoi_test_support::engines!(
    the_demo_register,
    a_number_is_unique_only_with_its_date,
    links_both_ways,
    files_are_kept_as_they_are,
    search_ignores_diacritics_and_respects_classification,
);
