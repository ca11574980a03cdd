//! Reading `.docx` files, well-made and hostile. The well-made ones are
//! written with docx-rs (as daihoi-print writes them) or, where docx-rs
//! cannot write what is tested, as hand-written XML zipped.

use std::io::{Cursor, Write};

use daihoi_docx::{Block, DocxError, DocxLimits, Exceeded, Found, read_docx};
use daihoi_sheets::LimitExceeded;
use docx_rs::{Delete, Docx, Insert, Paragraph, Run, Style, StyleType, Table, TableCell, TableRow};

const FILE: &str = "bao-cao-chinh-tri.docx";

fn pack(docx: Docx) -> Vec<u8> {
    let mut bytes = Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).expect("a docx");
    bytes.into_inner()
}

/// A zip of the given parts, deflated.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, data) in parts {
        zip.start_file(*name, options).expect("a part");
        zip.write_all(data).expect("written");
    }
    zip.finish().expect("a zip").into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

/// A docx whose body is `body` (hand-written XML), with `styles` if given.
fn docx_xml(body: &str, styles: Option<&str>) -> Vec<u8> {
    let document =
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
    let mut parts = vec![("word/document.xml", document.into_bytes())];
    if let Some(styles) = styles {
        parts.push(("word/styles.xml", format!(r#"<w:styles {W}>{styles}</w:styles>"#).into_bytes()));
    }
    let parts: Vec<(&str, &[u8])> = parts.iter().map(|(n, d)| (*n, d.as_slice())).collect();
    zip_of(&parts)
}

fn read(bytes: &[u8]) -> Result<Vec<Block>, DocxError> {
    read_docx(FILE, bytes, &DocxLimits::default())
}

fn heading(level: u8, text: &str) -> Block {
    Block::Heading { level, text: text.to_owned() }
}

fn para(text: &str) -> Block {
    Block::Paragraph { text: text.to_owned() }
}

fn text(s: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(s))
}

/// Word's built-in heading styles as an English Word names them.
fn with_heading_styles(docx: Docx) -> Docx {
    docx.add_style(Style::new("Title", StyleType::Paragraph).name("Title"))
        .add_style(Style::new("Heading1", StyleType::Paragraph).name("heading 1"))
        .add_style(Style::new("Heading2", StyleType::Paragraph).name("heading 2"))
}

/// A political report as the drafting team writes it: title, headings,
/// paragraphs, a table, a tracked insertion and deletion; read in order,
/// headings by their styles, cell paragraphs one by one, the insertion
/// kept and the deletion left out; and daihoi-drafts makes a version of it.
#[test]
fn a_political_report_reads_as_headings_and_paragraphs() {
    let table = Table::new(vec![
        TableRow::new(vec![
            TableCell::new().add_paragraph(text("Chỉ tiêu")),
            TableCell::new().add_paragraph(text("Kết quả")),
        ]),
        TableRow::new(vec![
            TableCell::new().add_paragraph(text("Kết nạp đảng viên")),
            TableCell::new().add_paragraph(text("1.250 đảng viên")).add_paragraph(text("vượt 4%")),
        ]),
    ]);
    let amended = Paragraph::new()
        .add_run(Run::new().add_text("Tăng trưởng kinh tế bình quân "))
        .add_delete(Delete::new().add_run(Run::new().add_delete_text("6,5")))
        .add_insert(Insert::new(Run::new().add_text("7,2")))
        .add_run(Run::new().add_text("%/năm."));
    let docx = with_heading_styles(Docx::new())
        .add_paragraph(text("BÁO CÁO CHÍNH TRỊ").style("Title"))
        .add_paragraph(text("I. ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN NGHỊ QUYẾT NHIỆM KỲ 2020 – 2025").style("Heading1"))
        .add_paragraph(text("1. Về phát triển kinh tế").style("Heading2"))
        .add_paragraph(amended)
        .add_paragraph(Paragraph::new())
        .add_table(table)
        .add_paragraph(text("II. PHƯƠNG HƯỚNG, MỤC TIÊU NHIỆM KỲ 2025 – 2030").style("Heading1"))
        .add_paragraph(text("Đại hội xác định mục tiêu tổng quát …"));
    let blocks = read(&pack(docx)).expect("read");
    assert_eq!(
        blocks,
        vec![
            heading(1, "BÁO CÁO CHÍNH TRỊ"),
            heading(1, "I. ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN NGHỊ QUYẾT NHIỆM KỲ 2020 – 2025"),
            heading(2, "1. Về phát triển kinh tế"),
            para("Tăng trưởng kinh tế bình quân 7,2%/năm."),
            para("Chỉ tiêu"),
            para("Kết quả"),
            para("Kết nạp đảng viên"),
            para("1.250 đảng viên"),
            para("vượt 4%"),
            heading(1, "II. PHƯƠNG HƯỚNG, MỤC TIÊU NHIỆM KỲ 2025 – 2030"),
            para("Đại hội xác định mục tiêu tổng quát …"),
        ]
    );
    let draft = daihoi_drafts::DraftText::from_blocks(&blocks, 80, &daihoi_drafts::Limits::default());
    assert!(draft.is_ok(), "{draft:?}");
}

/// A Vietnamese Word gives its heading styles other ids but keeps their
/// names ("heading 1"); a style based on a heading style is a heading of
/// that level; an unknown style id is a paragraph.
#[test]
fn localized_style_ids_are_read_by_their_names_and_bases() {
    let docx = Docx::new()
        .add_style(Style::new("u1", StyleType::Paragraph).name("heading 1"))
        .add_style(Style::new("u2", StyleType::Paragraph).name("heading 2"))
        .add_style(Style::new("MucLon", StyleType::Paragraph).name("Mục lớn").based_on("u2"))
        .add_paragraph(text("PHẦN THỨ NHẤT").style("u1"))
        .add_paragraph(text("1. Công tác xây dựng Đảng").style("MucLon"))
        .add_paragraph(text("Nội dung").style("KhongCo"));
    let blocks = read(&pack(docx)).expect("read");
    assert_eq!(blocks, vec![heading(1, "PHẦN THỨ NHẤT"), heading(2, "1. Công tác xây dựng Đảng"), para("Nội dung")]);
}

/// `w:outlineLvl` makes a heading (level + 1), directly or through the
/// style; outline level 9 (body text) on a paragraph overrides a heading
/// style; an id `Heading3` without styles.xml is a heading by its id.
#[test]
fn outline_levels_make_headings() {
    let docx = with_heading_styles(Docx::new())
        .add_style(Style::new("DeMuc", StyleType::Paragraph).name("Đề mục").outline_lvl(2))
        .add_paragraph(text("Mục theo cấp dàn ý").outline_lvl(0))
        .add_paragraph(text("Mục theo kiểu").style("DeMuc"))
        .add_paragraph(text("Thân bài").style("Heading1").outline_lvl(9));
    let blocks = read(&pack(docx)).expect("read");
    assert_eq!(blocks, vec![heading(1, "Mục theo cấp dàn ý"), heading(3, "Mục theo kiểu"), para("Thân bài")]);
    let bare = docx_xml(r#"<w:p><w:pPr><w:pStyle w:val="Heading3"/></w:pPr><w:r><w:t>a</w:t></w:r></w:p>"#, None);
    assert_eq!(read(&bare).expect("read"), vec![heading(3, "a")]);
}

/// Tracked changes as if accepted (moves too), field instructions, text
/// boxes, `mc:Fallback` copies and a former style (`w:pPrChange`) left out;
/// a field's shown result kept.
#[test]
fn only_the_text_a_reader_sees_after_accepting_changes_is_read() {
    let body = r#"
        <w:p><w:pPr><w:pStyle w:val="Body"/><w:pPrChange w:id="1"><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:pPrChange></w:pPr>
          <w:r><w:t xml:space="preserve">Đảng bộ </w:t></w:r>
          <w:ins w:id="2"><w:r><w:t xml:space="preserve">đã </w:t></w:r></w:ins>
          <w:del w:id="3"><w:r><w:delText xml:space="preserve">không </w:delText></w:r></w:del>
          <w:moveFrom w:id="4"><w:r><w:t>lãnh đạo</w:t></w:r></w:moveFrom>
          <w:moveTo w:id="5"><w:r><w:t>hoàn thành</w:t></w:r></w:moveTo>
          <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>
          <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> 12</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
          <w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>hộp</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
          <mc:Fallback><w:pict><w:t>bản sao</w:t></w:pict></mc:Fallback></mc:AlternateContent></w:r>
        </w:p>
        <w:p><w:del w:id="6"><w:r><w:delText>Cả đoạn bị xoá</w:delText></w:r></w:del></w:p>"#;
    assert_eq!(read(&docx_xml(body, None)).expect("read"), vec![para("Đảng bộ đã hoàn thành 12")]);
}

/// Tabs and breaks in runs are spaces (tab stops in a paragraph's
/// properties are not), whitespace runs one space, entities and character
/// references resolved, a non-breaking hyphen a hyphen.
#[test]
fn tabs_breaks_and_entities() {
    let body = r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
        <w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t xml:space="preserve">  C &amp; D &#x1EA1;&#7841;</w:t><w:noBreakHyphen/><w:t>E</w:t></w:r></w:p>"#;
    assert_eq!(read(&docx_xml(body, None)).expect("read"), vec![para("A B C & D ạạ-E")]);
}

/// An entity declared in a DTD is not expanded (no "billion laughs").
#[test]
fn declared_entities_are_not_expanded() {
    let document = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
        <w:document {W}><w:body><w:p><w:r><w:t>x&b;y</w:t></w:r></w:p></w:body></w:document>"#
    );
    let bytes = zip_of(&[("word/document.xml", document.as_bytes())]);
    assert_eq!(read(&bytes).expect("read"), vec![para("xy")]);
}

// Hostile files. Each must be refused with a message naming the file.

fn refused(bytes: &[u8], limits: &DocxLimits) -> DocxError {
    let error = read_docx(FILE, bytes, limits).expect_err("refused");
    assert_eq!(error.file(), FILE);
    assert!(error.to_string().starts_with(FILE), "{error}");
    error
}

/// Random bytes, an empty file, a PDF, a .doc (compound file) and an RTF
/// renamed .docx say what they look like.
#[test]
fn other_kinds_of_file_say_what_they_look_like() {
    let limits = DocxLimits::default();
    let cases: [(&[u8], Found, &str); 5] = [
        (&[0x00, 0x9f, 0x13, 0xee, 0x42, 0x07], Found::Unknown, "unknown kind"),
        (b"", Found::Empty, "empty file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", Found::Pdf, "PDF"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", Found::Compound, "(.doc)"),
        (b"{\\rtf1\\ansi", Found::Rtf, "RTF"),
    ];
    for (bytes, kind, words) in cases {
        let error = refused(bytes, &limits);
        assert!(matches!(&error, DocxError::NotDocx { found, .. } if *found == kind), "{error:?}");
        assert!(error.to_string().contains(words), "{error}");
    }
}

/// A zip without `word/document.xml` is not a Word document; an xlsx and
/// an odt are named as what they are.
#[test]
fn a_zip_without_a_word_document_is_not_a_docx() {
    let cases: [(&str, Found); 3] =
        [("notes.txt", Found::OtherZip), ("xl/workbook.xml", Found::Workbook), ("content.xml", Found::OpenDocument)];
    for (part, kind) in cases {
        let error = refused(&zip_of(&[(part, b"<x/>")]), &DocxLimits::default());
        assert!(matches!(&error, DocxError::NotDocx { found, .. } if *found == kind), "{error:?}");
    }
}

/// A docx cut off anywhere (an interrupted upload) is damaged, never read
/// in part.
#[test]
fn a_truncated_docx_is_damaged() {
    let bytes = pack(with_heading_styles(Docx::new()).add_paragraph(text("Nội dung")));
    for cut in [bytes.len() - 1, bytes.len() - 30, bytes.len() / 2, 10] {
        let error = refused(&bytes[..cut], &DocxLimits::default());
        assert!(matches!(error, DocxError::Damaged { .. }), "cut at {cut}: {error:?}");
    }
}

/// A part that inflates past the limit (a zip bomb) is refused while it
/// inflates, naming the limit; nothing reads it.
#[test]
fn a_zip_bomb_is_refused() {
    let bomb = vec![b' '; 4 * 1024 * 1024];
    let body = format!(r#"<w:document {W}><w:body><w:p><w:r><w:t>a</w:t></w:r></w:p></w:body></w:document>"#);
    let bytes = zip_of(&[("word/document.xml", body.as_bytes()), ("word/media/bomb.bin", &bomb)]);
    assert!(bytes.len() < 64 * 1024, "it is small packed: {}", bytes.len());
    let limits = DocxLimits { max_inflated_bytes: 1024 * 1024, ..DocxLimits::default() };
    let error = refused(&bytes, &limits);
    assert!(
        matches!(error, DocxError::OverLimit { exceeded: Exceeded::Container(LimitExceeded::Inflated { .. }), .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("1 MB"), "{error}");
}

/// More parts than the limit, or a file larger than it, are refused
/// before the zip crate reads the directory.
#[test]
fn too_many_parts_or_bytes_are_refused() {
    let names: Vec<String> = (0..30).map(|i| format!("word/media/image{i}.png")).collect();
    let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    let limits = DocxLimits { max_zip_entries: 20, ..DocxLimits::default() };
    let error = refused(&zip_of(&parts), &limits);
    assert!(
        matches!(
            error,
            DocxError::OverLimit {
                exceeded: Exceeded::Container(LimitExceeded::ZipEntries { claimed: 30, limit: 20 }),
                ..
            }
        ),
        "{error:?}"
    );
    let bytes = docx_xml("<w:p/>", None);
    let limits = DocxLimits { max_file_bytes: 100, ..DocxLimits::default() };
    let error = refused(&bytes, &limits);
    assert!(
        matches!(error, DocxError::OverLimit { exceeded: Exceeded::Container(LimitExceeded::FileBytes { .. }), .. }),
        "{error:?}"
    );
}

/// A paragraph over the character limit is refused by its number, with its
/// beginning to find it by.
#[test]
fn a_paragraph_over_the_limit_is_named() {
    let long = "Đại hội ".repeat(30);
    let docx = Docx::new()
        .add_paragraph(text("Một"))
        .add_paragraph(Paragraph::new())
        .add_paragraph(text("Hai"))
        .add_paragraph(text(&long));
    let limits = DocxLimits { max_paragraph_chars: 100, ..DocxLimits::default() };
    let error = refused(&pack(docx), &limits);
    assert!(
        matches!(
            &error,
            DocxError::OverLimit { exceeded: Exceeded::ParagraphChars { paragraph: 3, limit: 100, .. }, .. }
        ),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("paragraph 3 (beginning \u{201c}Đại hội Đại hội"), "{message}");
}

/// One text of a megabyte is refused by its paragraph's limit, however its
/// whitespace falls; text exactly at the limit, whitespace runs counted
/// as one space, is read.
#[test]
fn a_huge_text_is_refused_by_its_paragraph() {
    let limits = DocxLimits { max_paragraph_chars: 100, ..DocxLimits::default() };
    for huge in [" ".to_owned() + &"x".repeat(1_000_000), "x ".repeat(500_000)] {
        let body = format!(r#"<w:p><w:r><w:t xml:space="preserve">{huge}</w:t></w:r></w:p>"#);
        let error = refused(&docx_xml(&body, None), &limits);
        assert!(
            matches!(error, DocxError::OverLimit { exceeded: Exceeded::ParagraphChars { paragraph: 1, .. }, .. }),
            "{error:?}"
        );
    }
    let at_limit = format!("{}{}", "x".repeat(50), " \t\n ".repeat(1_000)) + &"y".repeat(49);
    let body = format!(r#"<w:p><w:r><w:t xml:space="preserve">{at_limit}</w:t></w:r></w:p>"#);
    let blocks = read_docx(FILE, &docx_xml(&body, None), &limits).expect("at the limit");
    assert_eq!(blocks, vec![para(&format!("{} {}", "x".repeat(50), "y".repeat(49)))]);
}

/// Too many paragraphs or characters in all are refused at the limit.
#[test]
fn too_many_paragraphs_or_characters_are_refused() {
    let mut docx = Docx::new();
    for i in 0..50 {
        docx = docx.add_paragraph(text(&format!("Đoạn {i}")));
    }
    let bytes = pack(docx);
    let limits = DocxLimits { max_paragraphs: 50, ..DocxLimits::default() };
    assert_eq!(read_docx(FILE, &bytes, &limits).expect("exactly at the limit").len(), 50);
    let limits = DocxLimits { max_paragraphs: 49, ..DocxLimits::default() };
    let error = refused(&bytes, &limits);
    assert!(matches!(error, DocxError::OverLimit { exceeded: Exceeded::Paragraphs { limit: 49 }, .. }), "{error:?}");
    let limits = DocxLimits { max_chars: 200, ..DocxLimits::default() };
    let error = refused(&bytes, &limits);
    assert!(matches!(error, DocxError::OverLimit { exceeded: Exceeded::Chars { limit: 200 }, .. }), "{error:?}");
}

/// XML nested past the limit (tables in tables, or any element) is
/// refused at the limit, however deep the file goes: no stack, no memory
/// spent on it; so are namespace declarations piled up.
#[test]
fn deep_xml_is_refused() {
    let deep_tables = "<w:tbl><w:tr><w:tc>".repeat(100_000);
    let error = refused(&docx_xml(&deep_tables, None), &DocxLimits::default());
    assert!(matches!(error, DocxError::OverLimit { exceeded: Exceeded::Depth { limit: 256, .. }, .. }), "{error:?}");
    let deep_other = format!("<w:p>{}</w:p>", "<w:customXml>".repeat(1_000));
    let error = refused(&docx_xml(&deep_other, None), &DocxLimits::default());
    assert!(error.to_string().contains("word/document.xml nests its elements more than 256 deep"), "{error}");
    // Namespace declarations piled up are quick-xml's own limit (128 in scope): damaged.
    let bindings = format!("<w:p>{}</w:p>", "<x:y xmlns:x=\"urn:x\">".repeat(200));
    let error = refused(&docx_xml(&bindings, None), &DocxLimits::default());
    assert!(matches!(error, DocxError::Damaged { .. }), "{error:?}");
    let deep_styles = "<w:style>".repeat(1_000);
    let error = refused(&docx_xml("", Some(&deep_styles)), &DocxLimits::default());
    assert!(error.to_string().contains("word/styles.xml"), "{error}");
}

/// Unbalanced, cut-off, empty or non-UTF-8 XML is damaged, the part and the
/// paragraphs read before it named.
#[test]
fn unbalanced_or_broken_xml_is_damaged() {
    let not_utf8 = [
        format!("<w:document {W}><w:body><w:p><w:r><w:t>").as_bytes(),
        b"\xff\xfe",
        b"</w:t></w:r></w:p></w:body></w:document>",
    ]
    .concat();
    let cases = [
        docx_xml("<w:p><w:r><w:t>a</w:t></w:r></w:p><w:p><w:r></w:p>", None),
        zip_of(&[("word/document.xml", format!("<w:document {W}><w:body><w:p>").as_bytes())]),
        zip_of(&[("word/document.xml", b"")]),
        zip_of(&[("word/document.xml", b"<html><body>not word</body></html>")]),
        zip_of(&[("word/document.xml", &not_utf8)]),
        docx_xml("<w:p/>", Some("<w:style w:styleId=\"a\"></w:styl>")),
    ];
    for (i, bytes) in cases.iter().enumerate() {
        let error = refused(bytes, &DocxLimits::default());
        assert!(matches!(error, DocxError::Damaged { .. }), "case {i}: {error:?}");
        assert!(error.to_string().contains("word/"), "case {i}: {error}");
    }
    let error = refused(&cases[0], &DocxLimits::default());
    assert!(error.to_string().contains("after paragraph 1"), "{error}");
}

/// More styles than the limit are refused; a cycle of `w:basedOn` ends.
#[test]
fn styles_are_bounded() {
    let many: String = (0..100).map(|i| format!(r#"<w:style w:type="paragraph" w:styleId="s{i}"/>"#)).collect();
    let limits = DocxLimits { max_styles: 99, ..DocxLimits::default() };
    let error = refused(&docx_xml("<w:p/>", Some(&many)), &limits);
    assert!(matches!(error, DocxError::OverLimit { exceeded: Exceeded::Styles { limit: 99 }, .. }), "{error:?}");
    let cycle = r#"<w:style w:styleId="a"><w:basedOn w:val="b"/></w:style><w:style w:styleId="b"><w:basedOn w:val="a"/></w:style>"#;
    let body = r#"<w:p><w:pPr><w:pStyle w:val="a"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>"#;
    assert_eq!(read(&docx_xml(body, Some(cycle))).expect("read"), vec![para("x")]);
}
