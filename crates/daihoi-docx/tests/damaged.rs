//! Damaged files never make the reader panic, and every refusal names the
//! file.

use std::io::{Cursor, Write};

use daihoi_docx::{DocxLimits, read_docx};
use docx_rs::{Docx, Paragraph, Run, Style, StyleType, Table, TableCell, TableRow};
use proptest::prelude::*;

const FILE: &str = "du-thao.docx";

fn valid_docx() -> Vec<u8> {
    let text = |s: &str| Paragraph::new().add_run(Run::new().add_text(s));
    let docx = Docx::new()
        .add_style(Style::new("u1", StyleType::Paragraph).name("heading 1"))
        .add_paragraph(text("I. ĐÁNH GIÁ").style("u1"))
        .add_paragraph(text("Nội dung đánh giá."))
        .add_table(Table::new(vec![TableRow::new(vec![TableCell::new().add_paragraph(text("Ô"))])]));
    let mut bytes = Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).expect("a docx");
    bytes.into_inner()
}

/// A docx whose document.xml is `xml` as given (stored, so its bytes reach
/// the XML reader as they are).
fn docx_with(xml: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/document.xml", options).expect("a part");
    zip.write_all(xml).expect("written");
    zip.finish().expect("a zip").into_inner()
}

const DOCUMENT: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>I. ĐÁNH GIÁ</w:t><w:tab/></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:ins><w:r><w:t>Ô &amp; ô</w:t></w:r></w:ins></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#;

fn small() -> DocxLimits {
    DocxLimits { max_inflated_bytes: 1024 * 1024, ..DocxLimits::default() }
}

proptest! {
    /// Bytes of a valid docx overwritten anywhere (container, directory,
    /// compressed parts): read or refused, never a panic; a refusal names
    /// the file.
    #[test]
    fn a_damaged_container_never_panics(damage in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut bytes = valid_docx();
        for (at, byte) in damage {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if let Err(error) = read_docx(FILE, &bytes, &small()) {
            prop_assert_eq!(error.file(), FILE);
            prop_assert!(error.to_string().starts_with(FILE), "{}", error);
        }
    }

    /// The XML of document.xml damaged (bytes overwritten, or cut off),
    /// its checksum right: read or refused, never a panic.
    #[test]
    fn damaged_xml_never_panics(
        damage in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(b"<>/&;\"=w:p \xff\xc3".to_vec())), 1..6),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut xml = DOCUMENT.as_bytes().to_vec();
        for (at, byte) in damage {
            let i = at.index(xml.len());
            xml[i] = byte;
        }
        xml.truncate(cut.index(xml.len()) + 1);
        if let Err(error) = read_docx(FILE, &docx_with(&xml), &small()) {
            prop_assert_eq!(error.file(), FILE);
            prop_assert!(error.to_string().starts_with(FILE), "{}", error);
        }
    }
}

/// The document the second property damages reads when whole.
#[test]
fn the_undamaged_document_reads() {
    let blocks = read_docx(FILE, &docx_with(DOCUMENT.as_bytes()), &small()).expect("read");
    assert_eq!(blocks.len(), 2);
    assert!(read_docx(FILE, &valid_docx(), &small()).is_ok());
}
