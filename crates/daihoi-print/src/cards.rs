//! Delegate cards (thẻ đại biểu): eight to an A4 page (two columns of
//! four, 105 × 74 mm each, with dashed cut lines), each with the
//! congress's name, the delegate's name, seat and card number, and a QR
//! code that encodes the card number alone, the text the check-in page
//! accepts typed or read by a phone's camera.
//!
//! Like the rest of this crate it knows no domain rule: every word is the
//! caller's; this module draws the QR code ([`qr_svg`], an SVG path from the
//! `qrcode` encoder's modules, with its quiet zone) and lays the cards out.
//!
//! **Size.** At most [`MAX_CARDS`] cards a document: the caller prints a
//! larger roll in parts.

use qrcode::{Color, EcLevel, QrCode};
use serde::{Deserialize, Serialize};

use crate::{PrintError, render};

/// The most cards one document holds (250 pages).
pub const MAX_CARDS: usize = 2_000;

/// The modules of white around the code that readers need (ISO/IEC 18004:
/// four modules).
pub const QUIET_ZONE: usize = 4;

/// A sheet of delegate cards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelegateCards {
    /// Top of each card, small capitals: "ĐẢNG CỘNG SẢN VIỆT NAM".
    pub party: String,
    /// The congress, in bold: "ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ XÃ QUẢNG TÂN".
    pub congress: String,
    /// Under it, smaller: "Nhiệm kỳ 2025–2030".
    pub term: String,
    /// The card's title: "THẺ ĐẠI BIỂU".
    pub title: String,
    /// Before the card number: "Số thẻ".
    pub number_label: String,
    pub cards: Vec<Card>,
}

/// One delegate's card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub name: String,
    /// The seat in words: "Đại biểu được bầu (QN.DH.QT.CB01)".
    pub seat: String,
    /// The card number: printed, and the only text of the QR code.
    pub number: String,
}

/// The QR code of `text` (error correction M, the smallest version that
/// holds it) as its matrix of modules, `true` dark, row by row, without the
/// quiet zone.
pub fn qr_modules(text: &str) -> Result<Vec<Vec<bool>>, PrintError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| PrintError::Qr(format!("{text:?}: {e}")))?;
    let width = code.width();
    let colors = code.to_colors();
    Ok(colors.chunks(width).map(|row| row.iter().map(|c| *c == Color::Dark).collect()).collect())
}

/// The QR code of `text` as an SVG image: one path of the dark modules (a
/// rectangle per horizontal run, in module units), with the quiet zone in
/// its view box, no scaling, so that the layout sets its size.
pub fn qr_svg(text: &str) -> Result<String, PrintError> {
    let modules = qr_modules(text)?;
    let side = modules.len() + 2 * QUIET_ZONE;
    let mut path = String::new();
    for (y, row) in modules.iter().enumerate() {
        let mut x = 0;
        while x < row.len() {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < row.len() && row[x] {
                x += 1;
            }
            path.push_str(&format!("M{} {}h{}v1h-{}z", start + QUIET_ZONE, y + QUIET_ZONE, x - start, x - start));
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

/// What the template receives: the cards with their QR codes drawn.
#[derive(Serialize)]
struct CardsView<'a> {
    party: &'a str,
    congress: &'a str,
    term: &'a str,
    title: &'a str,
    number_label: &'a str,
    cards: Vec<CardView<'a>>,
}

#[derive(Serialize)]
struct CardView<'a> {
    name: &'a str,
    seat: &'a str,
    number: &'a str,
    qr: String,
}

const CARDS_TEMPLATE: &str = include_str!("../templates/delegate-cards.typ");

/// Typesets delegate cards as an A4 PDF, eight to a page.
///
/// # Errors
///
/// [`PrintError::Copies`] for no card, [`PrintError::TooManyCards`] past
/// [`MAX_CARDS`], [`PrintError::Qr`] for a number no QR code holds; a
/// typesetting failure.
pub fn delegate_cards_pdf(sheet: &DelegateCards) -> Result<Vec<u8>, PrintError> {
    if sheet.cards.is_empty() {
        return Err(PrintError::Copies);
    }
    if sheet.cards.len() > MAX_CARDS {
        return Err(PrintError::TooManyCards { cards: sheet.cards.len(), max: MAX_CARDS });
    }
    let cards = sheet
        .cards
        .iter()
        .map(|c| Ok(CardView { name: &c.name, seat: &c.seat, number: &c.number, qr: qr_svg(&c.number)? }))
        .collect::<Result<Vec<_>, PrintError>>()?;
    let view = CardsView {
        party: &sheet.party,
        congress: &sheet.congress,
        term: &sheet.term,
        title: &sheet.title,
        number_label: &sheet.number_label,
        cards,
    };
    render("delegate-cards.typ", CARDS_TEMPLATE, &serde_json::to_string(&view)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dark modules of an SVG that [`qr_svg`] wrote, read back from its
    /// path: the matrix it draws, quiet zone cut.
    fn drawn(svg: &str) -> Vec<Vec<bool>> {
        let side: usize = svg.split("viewBox=\"0 0 ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
        let n = side - 2 * QUIET_ZONE;
        let mut m = vec![vec![false; n]; n];
        let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
        for run in d.split('M').filter(|r| !r.is_empty()) {
            let (xy, rest) = run.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            let len: usize = rest.split('v').next().unwrap().parse().unwrap();
            assert!(rest.ends_with(&format!("v1h-{len}z")), "{run}");
            for cell in &mut m[y - QUIET_ZONE][x - QUIET_ZONE..x - QUIET_ZONE + len] {
                assert!(!*cell, "a module drawn twice");
                *cell = true;
            }
        }
        m
    }

    /// The code drawn on a card is the encoder's own for the card number
    /// (the text the check-in accepts), module for module, with its quiet
    /// zone of four modules.
    #[test]
    fn the_qr_drawn_is_the_encoders_for_the_card_number() {
        for number in ["002101", "79000123456", "A-1"] {
            let svg = qr_svg(number).unwrap();
            let reference = QrCode::with_error_correction_level(number, EcLevel::M).unwrap();
            let w = reference.width();
            let expected: Vec<Vec<bool>> =
                reference.to_colors().chunks(w).map(|r| r.iter().map(|c| *c == Color::Dark).collect()).collect();
            assert_eq!(drawn(&svg), expected, "{number}");
            assert!(svg.contains(&format!("viewBox=\"0 0 {} {}\"", w + 8, w + 8)));
        }
        // The finder pattern's corner is dark, the quiet zone light.
        let m = qr_modules("002101").unwrap();
        assert!(m[0][0] && m[6][6] && !m[7][7]);
        assert_eq!(m.len(), 21, "a six-digit number fits version 1");
    }

    fn sheet(n: usize) -> DelegateCards {
        DelegateCards {
            party: "ĐẢNG CỘNG SẢN VIỆT NAM".into(),
            congress: "ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ XÃ QUẢNG TÂN".into(),
            term: "Nhiệm kỳ 2025–2030".into(),
            title: "THẺ ĐẠI BIỂU".into(),
            number_label: "Số thẻ".into(),
            cards: (1..=n)
                .map(|i| Card {
                    name: format!("Nguyễn Thị Hồng Nhung {i}"),
                    seat: "Đại biểu được bầu (QN.DH.QT.CB01)".into(),
                    number: format!("{:06}", 2100 + i),
                })
                .collect(),
        }
    }

    #[test]
    fn no_card_or_too_many_is_refused() {
        assert!(matches!(delegate_cards_pdf(&sheet(0)), Err(PrintError::Copies)));
        let mut many = sheet(1);
        many.cards = vec![many.cards[0].clone(); MAX_CARDS + 1];
        assert!(matches!(delegate_cards_pdf(&many), Err(PrintError::TooManyCards { cards: 2001, max: 2000 })));
    }

    /// The view the template receives for one card, its QR drawn: a
    /// snapshot of the data laid out (the layout itself is looked at).
    #[test]
    fn a_card_as_the_template_receives_it() {
        let s = sheet(1);
        let c = &s.cards[0];
        let view = CardView { name: &c.name, seat: &c.seat, number: &c.number, qr: qr_svg(&c.number).unwrap() };
        insta::assert_json_snapshot!(view);
    }
}
