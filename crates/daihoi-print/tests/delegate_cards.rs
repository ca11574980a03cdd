//! Delegate cards (thẻ đại biểu, issue 15 §7): eight to an A4 page, each
//! with its name, seat and card number in words a reader finds again
//! (`pdftotext`), and the QR code of the card number.

mod common;

use daihoi_print::{Card, DelegateCards, delegate_cards_pdf};

fn sheet(n: usize) -> DelegateCards {
    DelegateCards {
        party: "ĐẢNG CỘNG SẢN VIỆT NAM".into(),
        congress: "Đại hội đại biểu Đảng bộ xã Quảng Tân".into(),
        term: "Nhiệm kỳ 2025–2030".into(),
        title: "THẺ ĐẠI BIỂU".into(),
        number_label: "Số thẻ".into(),
        cards: (1..=n)
            .map(|i| Card {
                name: format!("Nguyễn Thị Hồng Nhung {i}"),
                seat: if i == 1 {
                    r#"Đại biểu chỉ định (QĐ #1 *x* "y")"#.into()
                } else {
                    "Đại biểu được bầu".into()
                },
                number: format!("{:06}", 2100 + i),
            })
            .collect(),
    }
}

/// Nine cards make two pages, eight on the first; every card's name and
/// number print (Vietnamese as written, typst markup literally).
#[test]
fn nine_cards_on_two_pages() {
    let pdf = delegate_cards_pdf(&sheet(9)).unwrap();
    std::fs::create_dir_all(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("delegate-cards.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let Some(text) = common::pdftotext(&path, &[]) else { return };
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(pages.len(), 2, "{text}");
    assert_eq!(pages[0].matches("THẺ ĐẠI BIỂU").count(), 8);
    assert_eq!(pages[1].matches("THẺ ĐẠI BIỂU").count(), 1);
    for i in 1..=9 {
        assert!(text.contains(&format!("Nguyễn Thị Hồng Nhung {i}")), "{i}: {text}");
        assert!(text.contains(&format!("{:06}", 2100 + i)));
    }
    assert!(text.contains(r#"(QĐ #1 *x* "y")"#), "{text}");
    assert!(text.contains("ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ XÃ QUẢNG TÂN"));
}
