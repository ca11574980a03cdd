//! The frame of a Party document (Hướng dẫn 36-HD/VPTW on the format of
//! Party documents): the heading (the issuing body and the number top left,
//! the Party's name and the place and date top right) and the closing (the
//! recipients left, the signature right). Every report and minutes this
//! crate prints, as a PDF and as a `.docx`, has the same frame.
//!
//! Like the rest of this crate it knows no domain rule: every word is the
//! caller's ("TỈNH ỦY QUẢNG NINH", "Số", "-BC/TU", "T/M BAN THƯỜNG VỤ"…);
//! this module only says where each goes.

use serde::{Deserialize, Serialize};

/// What is printed in the blank of a number not yet given, for the clerk to
/// write in by hand: eight no-break spaces (they do not collapse in a PDF or
/// in Word).
pub const NUMBER_BLANK: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// A dotted line, for a title or a name to write in by hand.
pub const DOTS: &str = "……………………";

/// The heading of a Party document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyHeading {
    /// The body above the issuing body, in capitals, not bold (may be
    /// absent): "ĐẢNG BỘ TỈNH QUẢNG NINH".
    pub issuing_body_parent: Option<String>,
    /// The issuing body, printed in bold capitals: "TỈNH ỦY QUẢNG NINH".
    pub issuing_body: String,
    /// The number line under the star; `None`: no number line (the minutes
    /// of a board).
    pub number: Option<DocumentNumber>,
    /// Top right, bold and underlined: "ĐẢNG CỘNG SẢN VIỆT NAM".
    pub party: String,
    /// Under it, in italic: "Quảng Ninh, ngày 05 tháng 10 năm 2026" (may be empty).
    pub place_and_date: String,
}

/// The number of a document: "Số 12-BC/TU", or "Số        -BC/TU" with a
/// blank for the clerk until the register gives one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentNumber {
    /// "Số".
    pub label: String,
    /// The number as the register wrote it: "12-BC/TU"; `None`: not yet given.
    pub number: Option<String>,
    /// Printed after the blank when there is no number: "-BC/TU".
    pub suffix: String,
}

impl DocumentNumber {
    /// The line as printed: "Số 12-BC/TU", or the label, a blank and the suffix.
    pub fn text(&self) -> String {
        match self.number.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            Some(n) => format!("{} {n}", self.label),
            None => format!("{}{NUMBER_BLANK}{}", self.label, self.suffix),
        }
    }
}

/// The signature block, bottom right: "T/M BAN THƯỜNG VỤ", the signer's
/// title, room to sign, the signer's name in bold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// "T/M BAN THƯỜNG VỤ" (may be empty: one signing in their own name).
    pub on_behalf: String,
    /// "BÍ THƯ", "PHÓ BÍ THƯ"; empty: a dotted line.
    pub title: String,
    /// The signer's name; empty: a dotted line.
    pub name: String,
}

impl Signature {
    /// The lines as printed, top to bottom (the room to sign left out).
    pub fn lines(&self) -> Vec<String> {
        let or_dots = |s: &str| if s.trim().is_empty() { DOTS.to_owned() } else { s.to_owned() };
        let mut lines = Vec::with_capacity(3);
        if !self.on_behalf.trim().is_empty() {
            lines.push(self.on_behalf.clone());
        }
        lines.push(or_dots(&self.title));
        lines.push(or_dots(&self.name));
        lines
    }
}

/// The recipients, bottom left: "Nơi nhận:" and a line per recipient
/// ("- Ban Thường vụ Tỉnh ủy (để b/c),", …, "- Lưu Văn phòng.").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipients {
    pub label: String,
    /// The lines as printed, each already starting with "- ".
    pub lines: Vec<String>,
}

/// The frame as the templates receive it: every line already written.
#[derive(Debug, Serialize)]
pub(crate) struct FrameView<'a> {
    pub(crate) parent: Option<&'a str>,
    pub(crate) issuing_body: &'a str,
    pub(crate) number: Option<String>,
    pub(crate) party: &'a str,
    pub(crate) place_and_date: &'a str,
    pub(crate) signature: Option<Vec<String>>,
    pub(crate) recipients_label: &'a str,
    pub(crate) recipients: &'a [String],
}

impl<'a> FrameView<'a> {
    pub(crate) fn new(h: &'a PartyHeading, signature: Option<&Signature>, recipients: Option<&'a Recipients>) -> Self {
        FrameView {
            parent: h.issuing_body_parent.as_deref().filter(|p| !p.trim().is_empty()),
            issuing_body: &h.issuing_body,
            number: h.number.as_ref().map(DocumentNumber::text),
            party: &h.party,
            place_and_date: &h.place_and_date,
            signature: signature.map(Signature::lines),
            recipients_label: recipients.map_or("", |r| r.label.as_str()),
            recipients: recipients.map_or(&[], |r| r.lines.as_slice()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_not_yet_given_leaves_a_blank_for_the_clerk() {
        let mut n = DocumentNumber { label: "Số".into(), number: None, suffix: "-BC/TU".into() };
        assert_eq!(n.text(), format!("Số{NUMBER_BLANK}-BC/TU"));
        n.number = Some("12-BC/TU".into());
        assert_eq!(n.text(), "Số 12-BC/TU");
    }

    #[test]
    fn an_unknown_signer_is_a_dotted_line() {
        let s = Signature {
            on_behalf: "T/M BAN THƯỜNG VỤ".into(), title: String::new(), name: "Nguyễn Văn A".into()
        };
        assert_eq!(s.lines(), ["T/M BAN THƯỜNG VỤ", DOTS, "Nguyễn Văn A"]);
    }
}
