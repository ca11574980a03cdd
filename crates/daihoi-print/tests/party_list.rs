//! Lists and short reports in the Party layout ([`daihoi_print::PartyList`]):
//! the heading where Hướng dẫn 36-HD/VPTW puts it, a long table broken over
//! pages with its header repeated, the closing, and the `.docx` with the
//! text of the PDF (issue 14, item 6).

mod common;

use std::path::PathBuf;

use daihoi_print::{
    DocumentNumber, ListColumn, ListSection, ListTable, PartyHeading, PartyList, PrintError, Recipients, Signature,
    party_list_docx, party_list_pdf,
};

/// Typst markup characters: they must print literally.
const STRANGE: &str = r#"Nhiệm vụ #1 *đậm* "A" [x] $ _y_"#;

fn s(x: &str) -> String {
    x.to_owned()
}

fn list(rows: usize) -> PartyList {
    PartyList {
        heading: PartyHeading {
            issuing_body_parent: None,
            issuing_body: s("ĐẢNG ỦY XÃ QUẢNG TÂN"),
            number: Some(DocumentNumber { label: s("Số"), number: None, suffix: s("-BC/ĐU") }),
            party: s("ĐẢNG CỘNG SẢN VIỆT NAM"),
            place_and_date: s("Quảng Tân, ngày 06 tháng 12 năm 2026"),
        },
        title: s("BÁO CÁO KẾT QUẢ HỌC TẬP, QUÁN TRIỆT"),
        subtitle: vec![s("Quy định số 190-QĐ/TW ngày 18/10/2024"), s("Tính đến ngày 06/12/2026")],
        page_label: s("Trang"),
        keywords: s("dissemination-report"),
        sections: vec![
            ListSection {
                heading: s("I. KẾT QUẢ CHUNG"),
                paragraphs: vec![s("Đã có 1.234 trên 1.500 đảng viên học tập (82,27%)."), s(STRANGE)],
                table: None,
            },
            ListSection {
                heading: s("II. THEO ĐƠN VỊ"),
                paragraphs: vec![],
                table: Some(ListTable {
                    columns: vec![
                        ListColumn::center("STT", 1),
                        ListColumn::left("Đơn vị", 6),
                        ListColumn::right("Đã học tập", 2),
                        ListColumn::right("Tổng số", 2),
                        ListColumn::right("Tỷ lệ", 2),
                    ],
                    rows: (1..=rows)
                        .map(|i| {
                            vec![
                                i.to_string(),
                                format!("Chi bộ thôn số {i} thuộc Đảng bộ xã Quảng Tân"),
                                (i % 30).to_string(),
                                "30".into(),
                                format!("{},0%", i % 30 * 10 / 3),
                            ]
                        })
                        .collect(),
                    total: Some(vec![s(""), s("Tổng cộng"), s("1.234"), s("1.500"), s("82,27%")]),
                    more: s("… và 12 chi bộ khác."),
                }),
            },
        ],
        signature: Signature { on_behalf: s("T/M ĐẢNG ỦY"), title: s("BÍ THƯ"), name: s("Trần Thị Hoa") },
        recipients: Recipients {
            label: s("Nơi nhận:"),
            lines: vec![s("- Ban Thường vụ Tỉnh ủy (để b/c),"), s("- Lưu Văn phòng Đảng ủy.")],
        },
    }
}

fn save(name: &str, bytes: &[u8], ext: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("daihoi-print");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.{ext}"));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The heading on page 1 where the layout puts it; the table runs over
/// pages with its header on each; the closing on the last page.
#[test]
fn a_list_has_the_party_layout_and_its_table_runs_over_pages() {
    let l = list(80);
    let pdf = party_list_pdf(&l).unwrap();
    assert_eq!(pdf, party_list_pdf(&l).unwrap(), "same list, same bytes");
    let path = save("party-list", &pdf, "pdf");
    common::assert_party_heading(
        &path,
        "ĐẢNG ỦY XÃ QUẢNG TÂN",
        "Số",
        "Quảng Tân, ngày 06 tháng 12 năm 2026",
        "BÁO CÁO KẾT QUẢ HỌC TẬP, QUÁN TRIỆT",
    );
    let Some(text) = common::pdftotext(&path, &["-layout"]) else { return };
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert!(pages.len() >= 3, "80 rows take more than two pages: {}", pages.len());
    assert!(pages[0].contains("-BC/ĐU") && pages[0].contains(STRANGE), "{}", pages[0]);
    for (i, page) in pages.iter().enumerate().skip(1) {
        if page.contains("Chi bộ thôn số") {
            assert!(page.contains("Đã học tập"), "page {} has rows without the header:\n{page}", i + 1);
        }
    }
    let last = pages.last().unwrap();
    let line = last.lines().find(|l| l.contains("Nơi nhận:")).unwrap_or_else(|| panic!("{last}"));
    assert!(line.contains("T/M ĐẢNG ỦY"), "{last}");
    assert!(last.contains("Trần Thị Hoa"), "{last}");
    assert!(text.contains("… và 12 chi bộ khác."), "{text}");
    assert!(text.contains(&format!("Trang 1 / {}", pages.len())), "{text}");
}

/// The .docx has the words of the PDF, and its heading, title, sections,
/// total row, note and closing as paragraphs of both.
#[test]
fn the_docx_of_a_list_has_the_text_of_its_pdf() {
    let l = list(25);
    let docx = party_list_docx(&l).unwrap();
    save("party-list", &docx, "docx");
    assert_eq!(docx, party_list_docx(&l).unwrap(), "same list, same bytes");
    let path = save("party-list-docx-twin", &party_list_pdf(&l).unwrap(), "pdf");
    let Some(text) = common::pdftotext(&path, &[]) else { return };
    common::assert_same_text(
        &docx,
        &text,
        &[
            "ĐẢNG ỦY XÃ QUẢNG TÂN",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Số -BC/ĐU",
            "Quảng Tân, ngày 06 tháng 12 năm 2026",
            "BÁO CÁO KẾT QUẢ HỌC TẬP, QUÁN TRIỆT",
            "Quy định số 190-QĐ/TW ngày 18/10/2024",
            "Tính đến ngày 06/12/2026",
            "I. KẾT QUẢ CHUNG",
            "Đã có 1.234 trên 1.500 đảng viên học tập (82,27%).",
            STRANGE,
            "II. THEO ĐƠN VỊ",
            "Tổng cộng",
            "82,27%",
            "… và 12 chi bộ khác.",
            "Nơi nhận:",
            "- Lưu Văn phòng Đảng ủy.",
            "T/M ĐẢNG ỦY",
            "BÍ THƯ",
            "Trần Thị Hoa",
        ],
    );
}

/// A row with a cell too many or too few is refused, in both formats,
/// with its section and row; nothing is printed askew.
#[test]
fn a_row_that_does_not_fit_is_refused_in_both_formats() {
    let mut l = list(3);
    l.sections[1].table.as_mut().unwrap().rows[1].pop();
    for result in [party_list_pdf(&l), party_list_docx(&l)] {
        match result {
            Err(e @ PrintError::RowWidth { section: 2, row: 2, cells: 4, columns: 5 }) => {
                assert_eq!(e.to_string(), "section 2, row 2 of the table has 4 cells for 5 columns");
            }
            other => panic!("{:?}", other.map(|b| b.len())),
        }
    }
}

/// A list without any row still prints: the note says why.
#[test]
fn an_empty_table_prints_its_note() {
    let mut l = list(0);
    let t = l.sections[1].table.as_mut().unwrap();
    t.total = None;
    t.more = s("Chưa có chi bộ nào.");
    let path = save("party-list-empty", &party_list_pdf(&l).unwrap(), "pdf");
    let Some(text) = common::pdftotext(&path, &[]) else { return };
    assert!(text.contains("Chưa có chi bộ nào.") && text.contains("Đơn vị"), "{text}");
}
