//! Free text that people type (TEXT-1): organization names, account and
//! token names, a member's ethnicity. The same rule everywhere, whatever
//! brought the text (a page, the JSON API, the command line, a file):
//!
//! - at most a documented number of characters (Unicode scalar values), counted
//!   on the text as given, spaces at its ends included, so that a schema's
//!   `maxLength` and this check refuse the same texts;
//! - no control character (U+0000–U+001F, U+007F–U+009F: NUL, tab, line
//!   breaks, escape…), no line or paragraph separator (U+2028, U+2029) and no
//!   invisible formatting character that hides or reorders what a reader
//!   sees (U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, U+2066–U+2069,
//!   U+FEFF);
//! - something besides spaces; the spaces at both ends (any Unicode
//!   White_Space, tabs and line breaks included) are removed first.
//!
//! [`LINE_PATTERN`] is the same rule as a regular expression, for the
//! OpenAPI document.

use std::fmt;

/// The most characters of an organization's name (O-NAME-1).
pub const ORG_NAME_MAX_CHARS: usize = 200;

/// The most characters of an account's display name or an API token's name.
pub const ACCOUNT_NAME_MAX_CHARS: usize = 100;

/// The most characters of a member's ethnicity (dân tộc): "Kinh", "Sán Dìu".
pub const ETHNICITY_MAX_CHARS: usize = 50;

/// The most characters of a title: a document's, a conference's, a task's,
/// a target's name.
pub const TITLE_MAX_CHARS: usize = 1000;

/// The most characters of a short label: a task's clause, a conference's
/// level, a target's unit, who urged or inspected.
pub const LABEL_MAX_CHARS: usize = 200;

/// The most characters of a text of several lines: a document's summary, a
/// conference's notes, a report, a note of the log, a finding.
pub const NOTE_MAX_CHARS: usize = 10_000;

/// [`line`]'s rule as an ECMA-262 (and Python `re`) regular expression:
/// spaces (of any kind, line breaks included) at the ends, between them
/// allowed characters that begin and end with one that is not a space.
pub const LINE_PATTERN: &str = concat!(
    r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*",
    r"[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200F\u2028-\u202F\u205F-\u2064\u2066-\u2069\u3000\uFEFF]",
    r"([^\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]*",
    r"[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200F\u2028-\u202F\u205F-\u2064\u2066-\u2069\u3000\uFEFF])?",
    r"[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$",
);

/// Why a text was refused (TEXT-1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextProblem {
    #[error("TEXT-1: empty (or only spaces)")]
    Empty,
    #[error("TEXT-1: {chars} characters, more than the {max} allowed")]
    TooLong { chars: usize, max: usize },
    #[error("TEXT-1: character {position} is {}, which a text may not contain", CodePoint(*.character))]
    Forbidden { character: char, position: usize },
}

/// `U+0000 (a control character)`.
struct CodePoint(char);

impl fmt::Display for CodePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.0.is_control() {
            "a control character"
        } else if matches!(self.0, '\u{2028}' | '\u{2029}') {
            "a line or paragraph separator"
        } else {
            "an invisible formatting character"
        };
        write!(f, "U+{:04X} ({what})", u32::from(self.0))
    }
}

/// Whether `c` may never appear in a text of one line.
pub fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// Checks a text of one line of at most `max_chars` characters and returns
/// it without the spaces at its ends (Unicode's White_Space, line breaks
/// included: a cell or field that ends with a line break is trimmed, not
/// refused).
pub fn line(text: &str, max_chars: usize) -> Result<&str, TextProblem> {
    let chars = text.chars().count();
    if chars > max_chars {
        return Err(TextProblem::TooLong { chars, max: max_chars });
    }
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(TextProblem::Empty);
    }
    let before = text[..text.len() - text.trim_start().len()].chars().count();
    if let Some((i, c)) = trimmed.chars().enumerate().find(|(_, c)| is_forbidden(*c)) {
        return Err(TextProblem::Forbidden { character: c, position: before + i + 1 });
    }
    Ok(trimmed)
}

/// [`line`], but empty (or only spaces) is allowed and given as `""`: an
/// optional field.
pub fn optional_line(text: &str, max_chars: usize) -> Result<&str, TextProblem> {
    match line(text, max_chars) {
        Err(TextProblem::Empty) => Ok(""),
        other => other,
    }
}

/// A text of several lines (a summary, notes): like [`optional_line`], but
/// line breaks and tabs are text inside it.
pub fn paragraphs(text: &str, max_chars: usize) -> Result<&str, TextProblem> {
    let chars = text.chars().count();
    if chars > max_chars {
        return Err(TextProblem::TooLong { chars, max: max_chars });
    }
    let before = text[..text.len() - text.trim_start().len()].chars().count();
    let trimmed = text.trim();
    let refused = |c: char| is_forbidden(c) && !matches!(c, '\n' | '\r' | '\t');
    if let Some((i, c)) = trimmed.chars().enumerate().find(|(_, c)| refused(*c)) {
        return Err(TextProblem::Forbidden { character: c, position: before + i + 1 });
    }
    Ok(trimmed)
}

/// An organization's name (O-NAME-1): [`line`] of at most
/// [`ORG_NAME_MAX_CHARS`] characters.
pub fn org_name(text: &str) -> Result<&str, TextProblem> {
    line(text, ORG_NAME_MAX_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_checked() {
        assert_eq!(org_name("  Chi bộ thôn Tân Lập "), Ok("Chi bộ thôn Tân Lập"));
        // Dashes, quotes and non-breaking spaces inside are text.
        assert_eq!(org_name("Chi bộ “Tân Lập” – khu\u{a0}2"), Ok("Chi bộ “Tân Lập” – khu\u{a0}2"));
        assert_eq!(org_name("   "), Err(TextProblem::Empty));
        assert_eq!(org_name("\u{3000}\u{a0}"), Err(TextProblem::Empty));
        assert_eq!(org_name("Chi\0bộ"), Err(TextProblem::Forbidden { character: '\0', position: 4 }));
        assert!(matches!(org_name("Chi\nbộ"), Err(TextProblem::Forbidden { character: '\n', position: 4 })));
        assert_eq!(org_name("\tChi bộ\r\n"), Ok("Chi bộ"));
        assert!(matches!(org_name("Chi\u{1b}[31mbộ"), Err(TextProblem::Forbidden { .. })));
        assert!(matches!(org_name("Chi bộ \u{202e}gnol"), Err(TextProblem::Forbidden { .. })));
        assert!(matches!(org_name("\u{feff}Chi bộ"), Err(TextProblem::Forbidden { .. })));
        assert!(matches!(org_name("Chi\u{85}bộ"), Err(TextProblem::Forbidden { .. })));
        let long = "a".repeat(100_000);
        assert_eq!(org_name(&long), Err(TextProblem::TooLong { chars: 100_000, max: 200 }));
        assert!(org_name(&"ệ".repeat(200)).is_ok());
        assert!(org_name(&"ệ".repeat(201)).is_err());
        // Counted as given: spaces at the ends count.
        assert!(org_name(&format!(" {}", "a".repeat(200))).is_err());
        let message = org_name("a\u{7}").unwrap_err().to_string();
        assert_eq!(message, "TEXT-1: character 2 is U+0007 (a control character), which a text may not contain");
    }

    #[test]
    fn optional_text_and_paragraphs() {
        assert_eq!(optional_line("  ", 10), Ok(""));
        assert!(optional_line("a\0", 10).is_err());
        assert_eq!(paragraphs(" Dòng 1\r\n\tDòng 2\n", 100), Ok("Dòng 1\r\n\tDòng 2"));
        assert_eq!(paragraphs("", 100), Ok(""));
        assert!(matches!(paragraphs("a\0b", 100), Err(TextProblem::Forbidden { character: '\0', position: 2 })));
        assert!(matches!(paragraphs("a\u{202e}b", 100), Err(TextProblem::Forbidden { .. })));
        assert!(matches!(
            paragraphs(&"x".repeat(NOTE_MAX_CHARS + 1), NOTE_MAX_CHARS),
            Err(TextProblem::TooLong { .. })
        ));
    }

    /// The pattern given to API clients refuses what [`line`] refuses, on
    /// every character of the first planes and at the ends of a text.
    #[test]
    fn the_pattern_is_the_rule() {
        let pattern = regex::Regex::new(LINE_PATTERN).unwrap();
        let samples = (0u32..0x3100).chain(0xFE00..0x10000).chain([0x1F600, 0x10FFFF]).filter_map(char::from_u32);
        for c in samples {
            for text in [
                c.to_string(),
                format!("a{c}"),
                format!("{c}a"),
                format!("a{c}a"),
                format!(" {c} "),
                format!("a{c}\n"),
                format!("\n{c}b"),
            ] {
                assert_eq!(pattern.is_match(&text), line(&text, usize::MAX).is_ok(), "{text:?} (U+{:04X})", c as u32);
            }
        }
    }
}
