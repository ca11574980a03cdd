//! Party document numbers (số và ký hiệu văn bản): D-NUM-1 … D-NUM-5.
//!
//! The Party form is `NUMBER-TYPE/ISSUER` (`23-NQ/TU`, `190-QĐ/TW`,
//! `8011-CV/BTCTW`). The State form `NUMBER/YEAR/TYPE-ISSUER`
//! (`30/2020/NĐ-CP`) is recognised and refused with
//! [`NumberError::StateForm`]: it is never read as a Party number (D-NUM-1).

use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};
use time::Date;
use unicode_normalization::UnicodeNormalization;

use crate::registry::{Match, Registry};

/// Longest number accepted: the largest seen is `8011-CV/BTCTW`.
pub const MAX_DIGITS: usize = 6;

/// A document type code (ký hiệu tên loại văn bản), canonical as in the
/// [`Registry`]: `NQ`, `QĐ`, `QĐi`, `HD`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocType(String);

impl DocType {
    /// A type code taken as given (for values read back from storage).
    pub fn new(code: impl Into<String>) -> Self {
        Self(code.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An issuer code (ký hiệu cơ quan ban hành): `TW`, `BTCTW`, `TU`, or an
/// organization's own. Upper case, as in the [`Registry`] when it is there.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Issuer(String);

impl Issuer {
    /// An issuer code taken as given (for values read back from storage).
    pub fn new(code: impl Into<String>) -> Self {
        Self(code.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Issuer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A parsed Party document number (số và ký hiệu văn bản), D-NUM-1.
///
/// Keeps the number as written (`06` stays `06`: [`DocNumber::digits`]), the
/// canonical type and issuer codes, and the original text. Equality and
/// hashing look at the canonical parts only, so `Số: 23 - nq / tu` and
/// `23-NQ/TU` are equal; the original text is kept for display of what was
/// typed.
///
/// A number does not identify a document (D-NUM-5): see [`DocKey`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocNumber {
    number: u32,
    digits: u8,
    doc_type: DocType,
    issuer: Issuer,
    original: String,
}

impl DocNumber {
    /// A number from its canonical parts (for values read back from
    /// storage; nothing is checked against a registry). `digits` is the
    /// width as written: `new(6, 2, …)` shows as `06`. It is at least the
    /// number's own width.
    pub fn new(number: u32, digits: u8, doc_type: DocType, issuer: Issuer) -> Self {
        let own = number.to_string().len() as u8;
        let mut n = Self { number, digits: digits.max(own), doc_type, issuer, original: String::new() };
        n.original = n.to_string();
        n
    }

    /// The serial number (số) as an integer: `06` is 6.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// How many digits the number was written with (`06`: 2).
    pub fn digits(&self) -> u8 {
        self.digits
    }

    /// The number as written: `06`.
    pub fn number_text(&self) -> String {
        format!("{:0width$}", self.number, width = usize::from(self.digits))
    }

    pub fn doc_type(&self) -> &DocType {
        &self.doc_type
    }

    pub fn issuer(&self) -> &Issuer {
        &self.issuer
    }

    /// The text as it was given, before any normalisation (D-NUM-2).
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The identity of the document with this number issued on `issued`
    /// (D-NUM-5).
    pub fn key(&self, issued: Date) -> DocKey {
        DocKey { issuer: self.issuer.clone(), doc_type: self.doc_type.clone(), number: self.number, issued }
    }
}

impl PartialEq for DocNumber {
    fn eq(&self, other: &Self) -> bool {
        self.number == other.number
            && self.digits == other.digits
            && self.doc_type == other.doc_type
            && self.issuer == other.issuer
    }
}

impl Eq for DocNumber {}

impl Hash for DocNumber {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.number.hash(state);
        self.digits.hash(state);
        self.doc_type.hash(state);
        self.issuer.hash(state);
    }
}

/// The canonical form: `190-QĐ/TW`, `06-HD/TU`.
impl fmt::Display for DocNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}/{}", self.number_text(), self.doc_type, self.issuer)
    }
}

/// The identity of a Party document (định danh văn bản), D-NUM-5.
///
/// A number is **not** unique: sequences restart from 01 for each type in
/// each committee term (nhiệm kỳ cấp ủy), and congress documents have their
/// own sequence, so `35-CT/TW` names three directives (2014, 2019, 2024).
/// Identity is issuer + type + number + issue date. The number is compared
/// as an integer: `6-HD/TU` and `06-HD/TU` of the same day are one document.
/// (The term could stand for the date, but finding the term from a date
/// needs the congress dates, which the store holds; the date is enough.)
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocKey {
    pub issuer: Issuer,
    pub doc_type: DocType,
    pub number: u32,
    pub issued: Date,
}

/// Which part of a number a warning or an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Type,
    Issuer,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Type => "type",
            Part::Issuer => "issuer",
        })
    }
}

/// Something accepted but worth showing to the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NumberWarning {
    /// `D` written for `Đ` or the other way round (`QD` for `QĐ`), D-NUM-2.
    #[error("D-NUM-2: the {part} {written} was read as {canonical} (D and Đ confused)")]
    AsciiD { part: Part, written: String, canonical: String },
    /// `QyĐ` is the State abbreviation of quy định (D-NUM-3).
    #[error("D-NUM-3: {written} is the State abbreviation of quy định; Party documents write QĐ")]
    StateAbbreviation { written: String },
    /// The issuer is in no registry: kept as written, in upper case (D-NUM-4).
    #[error("D-NUM-4: the issuer {code} is not in the registry")]
    UnknownIssuer { code: String },
    /// The code was not in use on the issue date (`QĐi` outside 2018–2019).
    #[error("D-NUM-3: the {part} {code} was not in use on {issued}")]
    OutsideValidity { part: Part, code: String, issued: Date },
}

/// Text that is not a Party document number, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NumberError {
    #[error("D-NUM-1: the document number is empty")]
    Empty,
    #[error("D-NUM-1: {text:?} does not start with a number (expected NUMBER-TYPE/ISSUER, as in 23-NQ/TU)")]
    NoNumber { text: String },
    #[error("D-NUM-1: the number {digits} has more than {MAX_DIGITS} digits")]
    NumberTooLong { digits: String },
    #[error("D-NUM-1: a document number starts at 1, not {digits}")]
    ZeroNumber { digits: String },
    /// `30/2020/NĐ-CP`: a State document number (số/năm/ký hiệu), which this
    /// parser never reads as a Party number.
    #[error(
        "D-NUM-1: {text:?} is a State document number (NUMBER/YEAR/TYPE-ISSUER, as in 30/2020/NĐ-CP), \
         not a Party number (NUMBER-TYPE/ISSUER, as in 23-NQ/TU)"
    )]
    StateForm { text: String, number: String, year: Option<u16>, symbol: String },
    #[error("D-NUM-1: {text:?}: the number must be followed by '-' and the type (as in 23-NQ/TU)")]
    NoSeparator { text: String },
    #[error("D-NUM-1: {text:?} has no type after the number (as in 23-NQ/TU)")]
    MissingType { text: String },
    #[error("D-NUM-1: {text:?} has no '/' and issuer after the type (as in 23-NQ/TU)")]
    MissingIssuer { text: String },
    #[error("D-NUM-1: the {part} {written:?} is not a code (letters, and digits for an issuer)")]
    BadCode { part: Part, written: String },
    #[error("D-NUM-3: {code} is not a known document type")]
    UnknownType { code: String },
}

/// A number read from text, with what was corrected on the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parsed {
    pub number: DocNumber,
    pub warnings: Vec<NumberWarning>,
}

/// Reads a Party document number (D-NUM-1, D-NUM-2), checking its type and
/// issuer against `registry` (D-NUM-3, D-NUM-4).
///
/// Accepted: a `Số:`/`số`/`So:` prefix, spaces around `-` and `/`, NFC or NFD
/// text, any case, `D` for `Đ` and `Đ` for `D` (with a warning), the Latin
/// eth `Ð` for `Đ` and typographic dashes for `-`. An unknown type is an
/// error; an unknown issuer is a warning (issuers are per organization).
pub fn parse_number(text: &str, registry: &Registry) -> Result<Parsed, NumberError> {
    let normal = normalise(text);
    let body = strip_prefix(normal.trim());
    if body.is_empty() {
        return Err(NumberError::Empty);
    }

    let digits_end = body.find(|c: char| !c.is_ascii_digit()).unwrap_or(body.len());
    let digits = &body[..digits_end];
    if digits.is_empty() {
        return Err(NumberError::NoNumber { text: body.to_owned() });
    }
    let rest = body[digits_end..].trim_start();

    if let Some(state) = rest.strip_prefix('/') {
        return Err(state_form(body, digits, state));
    }
    if digits.len() > MAX_DIGITS {
        return Err(NumberError::NumberTooLong { digits: digits.to_owned() });
    }
    let number: u32 = digits.parse().expect("at most six ASCII digits");
    if number == 0 {
        return Err(NumberError::ZeroNumber { digits: digits.to_owned() });
    }
    let Some(rest) = rest.strip_prefix('-') else {
        if rest.is_empty() {
            return Err(NumberError::MissingType { text: body.to_owned() });
        }
        return Err(NumberError::NoSeparator { text: body.to_owned() });
    };
    let Some((type_text, issuer_text)) = rest.split_once('/') else {
        if rest.trim().is_empty() {
            return Err(NumberError::MissingType { text: body.to_owned() });
        }
        return Err(NumberError::MissingIssuer { text: body.to_owned() });
    };
    let type_text = type_text.trim();
    if type_text.is_empty() {
        return Err(NumberError::MissingType { text: body.to_owned() });
    }
    if !type_text.chars().all(char::is_alphabetic) {
        return Err(NumberError::BadCode { part: Part::Type, written: type_text.to_owned() });
    }
    let issuer_text = issuer_text.trim();
    if issuer_text.is_empty() {
        return Err(NumberError::MissingIssuer { text: body.to_owned() });
    }
    let segments: Vec<&str> = issuer_text.split('-').map(str::trim).collect();
    let good_segment =
        |s: &&str| s.chars().next().is_some_and(char::is_alphabetic) && s.chars().all(char::is_alphanumeric);
    if !segments.iter().all(good_segment) {
        return Err(NumberError::BadCode { part: Part::Issuer, written: issuer_text.to_owned() });
    }
    let issuer_written = segments.join("-");

    let mut warnings = Vec::new();
    let doc_type = match registry.find_type(type_text) {
        None => return Err(NumberError::UnknownType { code: type_text.to_owned() }),
        Some((entry, how)) => {
            if how == Match::DConfusion {
                warnings.push(NumberWarning::AsciiD {
                    part: Part::Type,
                    written: type_text.to_owned(),
                    canonical: entry.code.clone(),
                });
            }
            if entry.state_abbreviation {
                warnings.push(NumberWarning::StateAbbreviation { written: type_text.to_owned() });
            }
            DocType(entry.code.clone())
        }
    };
    let issuer = match registry.find_issuer(&issuer_written) {
        None => {
            let code = issuer_written.to_uppercase();
            warnings.push(NumberWarning::UnknownIssuer { code: code.clone() });
            Issuer(code)
        }
        Some((entry, how)) => {
            if how == Match::DConfusion {
                warnings.push(NumberWarning::AsciiD {
                    part: Part::Issuer,
                    written: issuer_written.clone(),
                    canonical: entry.code.clone(),
                });
            }
            Issuer(entry.code.clone())
        }
    };

    let number = DocNumber { number, digits: digits.len() as u8, doc_type, issuer, original: text.to_owned() };
    Ok(Parsed { number, warnings })
}

/// [`parse_number`], and a warning when the type or the issuer was not in
/// use on the issue date (a `QĐi` of 2024). A warning, not an error: the
/// registry's dates come from the documents seen, not from a rule.
pub fn parse_dated(text: &str, registry: &Registry, issued: Date) -> Result<Parsed, NumberError> {
    let mut parsed = parse_number(text, registry)?;
    if let Some(entry) = registry.doc_type(parsed.number.doc_type.as_str())
        && !entry.valid_on(issued)
    {
        parsed.warnings.push(NumberWarning::OutsideValidity { part: Part::Type, code: entry.code.clone(), issued });
    }
    if let Some(entry) = registry.issuer(parsed.number.issuer.as_str())
        && !entry.valid_on(issued)
    {
        parsed.warnings.push(NumberWarning::OutsideValidity { part: Part::Issuer, code: entry.code.clone(), issued });
    }
    Ok(parsed)
}

/// NFC, with look-alikes read as what was meant: the Latin eth `Ð`/`ð` as
/// `Đ`/`đ`, typographic dashes and minus as `-`, the fraction and division
/// slashes as `/`.
fn normalise(text: &str) -> String {
    text.nfc()
        .map(|c| match c {
            'Ð' => 'Đ',
            'ð' => 'đ',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{2044}' | '\u{2215}' => '/',
            c => c,
        })
        .collect()
}

/// Drops `Số`, `số:`, `So:`, `SỐ.` and the spaces after it.
fn strip_prefix(text: &str) -> &str {
    let mut chars = text.char_indices();
    let first = chars.next();
    let second = chars.next();
    let (Some((_, s)), Some((i, o))) = (first, second) else {
        return text;
    };
    if !matches!(s, 'S' | 's') || !matches!(o, 'ố' | 'Ố' | 'o' | 'O') {
        return text;
    }
    let rest = text[i + o.len_utf8()..].trim_start();
    let rest = rest.strip_prefix([':', '.']).unwrap_or(rest);
    rest.trim_start()
}

fn state_form(body: &str, number: &str, after_slash: &str) -> NumberError {
    let after_slash = after_slash.trim_start();
    let year_end = after_slash.find(|c: char| !c.is_ascii_digit()).unwrap_or(after_slash.len());
    let (year, symbol) = match after_slash[year_end..].trim_start().strip_prefix('/') {
        Some(symbol) if year_end == 4 => (after_slash[..4].parse().ok(), symbol),
        _ => (None, after_slash),
    };
    let symbol: String = symbol.chars().filter(|c| !c.is_whitespace()).collect();
    NumberError::StateForm { text: body.to_owned(), number: number.to_owned(), year, symbol }
}
