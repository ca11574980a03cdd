//! Legacy Vietnamese encodings: TCVN3 (ABC) and VNI.
//!
//! Before Unicode, Vietnamese office documents were typed with fonts that
//! draw Vietnamese letters in place of Latin-1 characters: `.VnTime` and the
//! other ABC fonts (TCVN3, TCVN 5712:1993 VN3) and `VNI-Times` and the other
//! VNI fonts (VNI Windows). A spreadsheet stores such text as the Latin-1
//! (Windows-1252) characters of those bytes, so "Nguyễn Văn An" is
//! `NguyÔn V¨n An` in TCVN3 and `Nguyeãn Vaên An` in VNI. This module
//! recognises such text and converts it to Unicode (NFC).
//!
//! * TCVN3 is one byte per letter. Only Ă Â Ê Ô Ơ Ư Đ have upper-case codes;
//!   upper-case letters with a tone mark share the lower-case code (ABC's
//!   `.VnTimeH` fonts draw every code in capitals). [`to_unicode`] restores
//!   their case from the surrounding word where it can (`NGUYÔN` →
//!   `NGUYỄN`, `Ph¹m ThÞ ¸nh` → `Phạm Thị Ánh`).
//! * VNI is a base letter followed by one mark character (`a` + `ê` = ă,
//!   `e` + `ã` = ễ), with single characters for đ, ơ, ư and the toned i's.

mod vietnamese;

use unicode_normalization::UnicodeNormalization;

use crate::read::Workbook;
use vietnamese::{Letter, Tone, compose, is_syllable, letter};

/// A legacy Vietnamese encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LegacyEncoding {
    /// TCVN3 (TCVN 5712:1993 VN3), typed with the ABC keyboard and the
    /// `.VnTime`, `.VnArial`… fonts.
    Tcvn3,
    /// VNI Windows, typed with the `VNI-Times`, `VNI-Helve`… fonts.
    Vni,
}

impl std::fmt::Display for LegacyEncoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            LegacyEncoding::Tcvn3 => "TCVN3 (ABC, .VnTime fonts)",
            LegacyEncoding::Vni => "VNI (VNI-Times fonts)",
        })
    }
}

/// Where a workbook first shows text in a legacy encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyFinding {
    /// The encoding the cell looks typed in.
    pub encoding: LegacyEncoding,
    /// The sheet's name.
    pub sheet: String,
    /// The 1-based row, as Excel shows it.
    pub row: usize,
    /// The 1-based column (A = 1).
    pub column: usize,
    /// The cell's text as stored (at most 80 characters).
    pub sample: String,
}

/// The longest [`LegacyFinding::sample`], in characters.
const SAMPLE_CHARS: usize = 80;

/// TCVN3 codes (as the Windows-1252 character a spreadsheet stores for the
/// byte) and the letters the ABC fonts draw for them.
const TCVN3: [(u8, char); 74] = [
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
];

/// [`TCVN3`] indexed by `byte - 0xA0`.
const TCVN3_DECODE: [Option<char>; 0x60] = {
    let mut table = [None; 0x60];
    let mut i = 0;
    while i < TCVN3.len() {
        let (byte, letter) = TCVN3[i];
        table[(byte - 0xA0) as usize] = Some(letter);
        i += 1;
    }
    table
};

fn tcvn3_letter(c: char) -> Option<char> {
    let index = u32::from(c).checked_sub(0xA0)?;
    TCVN3_DECODE.get(usize::try_from(index).ok()?).copied().flatten()
}

/// The vowel change a VNI mark character makes besides its tone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Modifier {
    /// Tone only.
    Plain,
    /// a → â, e → ê, o → ô.
    Circumflex,
    /// a → ă.
    Breve,
}

/// VNI mark characters (lower case, upper case) that follow a vowel.
const VNI_MARKS: [(char, char, Modifier, Tone); 17] = [
    ('ø', 'Ø', Modifier::Plain, Tone::Grave),
    ('ù', 'Ù', Modifier::Plain, Tone::Acute),
    ('û', 'Û', Modifier::Plain, Tone::Hook),
    ('õ', 'Õ', Modifier::Plain, Tone::Tilde),
    ('ï', 'Ï', Modifier::Plain, Tone::Dot),
    ('â', 'Â', Modifier::Circumflex, Tone::Level),
    ('à', 'À', Modifier::Circumflex, Tone::Grave),
    ('á', 'Á', Modifier::Circumflex, Tone::Acute),
    ('å', 'Å', Modifier::Circumflex, Tone::Hook),
    ('ã', 'Ã', Modifier::Circumflex, Tone::Tilde),
    ('ä', 'Ä', Modifier::Circumflex, Tone::Dot),
    ('ê', 'Ê', Modifier::Breve, Tone::Level),
    ('è', 'È', Modifier::Breve, Tone::Grave),
    ('é', 'É', Modifier::Breve, Tone::Acute),
    ('ú', 'Ú', Modifier::Breve, Tone::Hook),
    ('ü', 'Ü', Modifier::Breve, Tone::Tilde),
    ('ë', 'Ë', Modifier::Breve, Tone::Dot),
];

/// VNI characters that are a whole letter by themselves.
const VNI_LETTERS: [(char, char); 18] = [
    ('ñ', 'đ'),
    ('Ñ', 'Đ'),
    ('ô', 'ơ'),
    ('Ô', 'Ơ'),
    ('ö', 'ư'),
    ('Ö', 'Ư'),
    ('ì', 'ì'),
    ('Ì', 'Ì'),
    ('í', 'í'),
    ('Í', 'Í'),
    ('æ', 'ỉ'),
    ('Æ', 'Ỉ'),
    ('ó', 'ĩ'),
    ('Ó', 'Ĩ'),
    ('ò', 'ị'),
    ('Ò', 'Ị'),
    ('î', 'ỵ'),
    ('Î', 'Ỵ'),
];

/// VNI characters that hardly occur in Western European text: their
/// presence is what tells VNI from, say, French.
const VNI_DISTINCTIVE: &str = "øõåäñöæòóìíúáãØÕÅÄÑÖÆÒÓÌÍÚÁÃ";

fn vni_mark(c: char) -> Option<(Modifier, Tone)> {
    VNI_MARKS
        .iter()
        .find(|&&(lower, upper, _, _)| c == lower || c == upper)
        .map(|&(_, _, modifier, tone)| (modifier, tone))
}

fn vni_mark_char(modifier: Modifier, tone: Tone, upper: bool) -> Option<char> {
    VNI_MARKS
        .iter()
        .find(|&&(_, _, m, t)| m == modifier && t == tone)
        .map(|&(lower, capital, _, _)| if upper { capital } else { lower })
}

fn vni_letter(c: char) -> Option<char> {
    VNI_LETTERS.iter().find(|&&(code, _)| code == c).map(|&(_, letter)| letter)
}

/// The vowel a VNI character stands for when a mark may follow it.
fn vni_vowel(c: char) -> Option<(char, bool)> {
    match c {
        'a' | 'e' | 'o' | 'u' | 'y' => Some((c, false)),
        'A' | 'E' | 'O' | 'U' | 'Y' => Some((c.to_ascii_lowercase(), true)),
        'ô' => Some(('ơ', false)),
        'Ô' => Some(('ơ', true)),
        'ö' => Some(('ư', false)),
        'Ö' => Some(('ư', true)),
        _ => None,
    }
}

/// Whether `c` is one of the encoding's non-ASCII characters.
fn is_code(c: char, encoding: LegacyEncoding) -> bool {
    match encoding {
        LegacyEncoding::Tcvn3 => tcvn3_letter(c).is_some(),
        LegacyEncoding::Vni => vni_letter(c).is_some() || vni_mark(c).is_some(),
    }
}

/// Latin-1 symbols (¡ … ¿, ×, ÷), which legacy fonts draw as letters.
fn is_latin1_symbol(c: char) -> bool {
    ('\u{A1}'..='\u{BF}').contains(&c) || c == '×' || c == '÷'
}

/// Whether `c` is a code that Unicode text in Vietnamese, French or other
/// Western languages practically never contains.
fn is_distinctive(c: char, encoding: LegacyEncoding) -> bool {
    match encoding {
        LegacyEncoding::Tcvn3 => is_latin1_symbol(c) && tcvn3_letter(c).is_some(),
        LegacyEncoding::Vni => VNI_DISTINCTIVE.contains(c),
    }
}

/// The non-ASCII words of `text` (runs of letters and Latin-1 symbols), or
/// `None` if a letter, or a symbol inside a word, is not a code of the
/// encoding: then the text is not in that encoding. Symbols standing alone
/// (« », °) are punctuation and are left out.
fn coded_words(text: &str, encoding: LegacyEncoding) -> Option<Vec<&str>> {
    let mut coded = Vec::new();
    let words = text.split(|c: char| !(c.is_alphabetic() || is_latin1_symbol(c))).filter(|word| !word.is_ascii());
    for word in words {
        let foreign = |c: char| !c.is_ascii() && !is_code(c, encoding);
        if !word.chars().any(foreign) {
            coded.push(word);
        } else if !word.chars().all(|c| foreign(c) && !c.is_alphabetic()) {
            return None;
        }
    }
    Some(coded)
}

/// An abbreviation with Đ such as `HĐND`, `ĐU` or `BCĐ`: capitals, at most
/// one vowel (so that a word like `CAĐON`, from the Spanish `CAÑON`, is not).
fn is_abbreviation(word: &str) -> bool {
    let vowels = word.chars().filter(|c| "AEIOUY".contains(*c)).count();
    word.chars().count() >= 2
        && vowels <= 1
        && word.contains('Đ')
        && word.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ')
}

/// Whether `text` reads as text in `encoding`: every word the decoding
/// changes becomes a Vietnamese syllable (or an abbreviation), at least one
/// of them is not a Vietnamese syllable as it stands, and at least one holds a
/// code that ordinary Unicode text does not use.
fn looks_encoded(text: &str, encoding: LegacyEncoding) -> bool {
    let Some(words) = coded_words(text, encoding) else {
        return false;
    };
    let mut not_unicode = false;
    let mut distinctive = false;
    for word in words {
        let decoded = to_unicode(word, encoding);
        if decoded == word {
            continue;
        }
        if !(is_syllable(&decoded.to_lowercase()) || is_abbreviation(&decoded)) {
            return false;
        }
        not_unicode |= !is_syllable(word);
        // A lone symbol such as « or § is punctuation, not a letter.
        distinctive |= word.chars().nth(1).is_some() && word.chars().any(|c| is_distinctive(c, encoding));
    }
    not_unicode && distinctive
}

/// Whether a cell of a workbook known to be in `encoding` needs converting:
/// its letters are all codes of the encoding, and a word that decoding
/// changes is not a Vietnamese syllable as it stands. Cells already in
/// Unicode (a header row added later, for instance) are left alone.
fn needs_conversion(text: &str, encoding: LegacyEncoding) -> bool {
    coded_words(text, encoding)
        .is_some_and(|words| words.into_iter().any(|word| !is_syllable(word) && to_unicode(word, encoding) != word))
}

/// The legacy encoding `text` looks typed in, if any.
///
/// Conservative: plain ASCII and real Unicode Vietnamese are never flagged,
/// nor is French or other Western European text; short or ambiguous strings
/// (a single word such as `chi boä`'s `boä` may or may not be VNI) may be
/// missed. [`detect_workbook`] looks at every cell, so one clear cell
/// (typically a name) is enough for a file.
#[must_use]
pub fn detect(text: &str) -> Option<LegacyEncoding> {
    match (looks_encoded(text, LegacyEncoding::Tcvn3), looks_encoded(text, LegacyEncoding::Vni)) {
        (true, false) => Some(LegacyEncoding::Tcvn3),
        (false, true) => Some(LegacyEncoding::Vni),
        _ => None,
    }
}

/// Converts text typed in a legacy encoding to Unicode (NFC).
///
/// Characters that are not codes of the encoding are kept as they are.
#[must_use]
pub fn to_unicode(text: &str, encoding: LegacyEncoding) -> String {
    let decoded = match encoding {
        LegacyEncoding::Tcvn3 => decode_tcvn3(text),
        LegacyEncoding::Vni => decode_vni(text),
    };
    decoded.nfc().collect()
}

/// Converts Unicode text to a legacy encoding, as an old office program
/// would have stored it (the inverse of [`to_unicode`]).
///
/// In TCVN3, upper-case letters with a tone mark become the lower-case code,
/// as with the ABC keyboard.
#[must_use]
pub fn from_unicode(text: &str, encoding: LegacyEncoding) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.nfc() {
        match encoding {
            LegacyEncoding::Tcvn3 => out.push(encode_tcvn3(c)),
            LegacyEncoding::Vni => encode_vni(c, &mut out),
        }
    }
    out
}

/// The first cell of the workbook that looks typed in a legacy encoding.
#[must_use]
pub fn detect_workbook(workbook: &Workbook) -> Option<LegacyFinding> {
    workbook.sheets.iter().find_map(|sheet| {
        sheet.rows.iter().enumerate().find_map(|(r, row)| {
            row.iter().enumerate().find_map(|(c, text)| {
                detect(text).map(|encoding| LegacyFinding {
                    encoding,
                    sheet: sheet.name.clone(),
                    row: r + 1,
                    column: c + 1,
                    sample: text.chars().take(SAMPLE_CHARS).collect(),
                })
            })
        })
    })
}

/// Converts every sheet name and cell typed in `encoding` to Unicode, and
/// looks for legacy text again ([`Workbook::legacy`] is normally `None`
/// afterwards).
///
/// Cells already in Unicode are left alone, so a workbook mixing a Unicode
/// header with TCVN3 data comes out right.
pub fn convert_workbook(workbook: &mut Workbook, encoding: LegacyEncoding) {
    let convert = |text: &mut String| {
        if needs_conversion(text, encoding) {
            *text = to_unicode(text, encoding);
        }
    };
    for sheet in &mut workbook.sheets {
        convert(&mut sheet.name);
        sheet.rows.iter_mut().flatten().for_each(convert);
    }
    workbook.legacy = detect_workbook(workbook);
}

/// TCVN3 to Unicode, then upper-casing the letters whose case the code
/// does not tell (toned vowels), when the neighbouring letters show it: in
/// a word or text in capitals, and at the start of a word in a name written
/// in title case.
fn decode_tcvn3(text: &str) -> String {
    // (letter, whether its case is unknown)
    let mut decoded: Vec<(char, bool)> = text
        .chars()
        .map(|c| match tcvn3_letter(c) {
            Some(letter) => (letter, letter.is_lowercase() && !"ăâêôơưđ".contains(letter)),
            None => (c, false),
        })
        .collect();
    let (known, known_upper) = known_case_counts(&decoded);
    let all_caps_text = known >= 3 && known == known_upper;
    let words = word_spans(&decoded);
    let title_starts = words.iter().filter(|&&(start, _)| !decoded[start].1 && decoded[start].0.is_uppercase()).count();

    for &(start, end) in &words {
        let word = &mut decoded[start..end];
        let (n, up) = known_case_counts(word);
        let capitals = n == up && (n >= 2 || all_caps_text);
        // Every other word starts with a capital (this one starts with a
        // letter of unknown case, so it is not among `title_starts`).
        let title = word[0].1 && words.len() > 1 && title_starts == words.len() - 1;
        for (i, (c, unknown)) in word.iter_mut().enumerate() {
            if *unknown && (capitals || title && i == 0) {
                *c = c.to_uppercase().next().unwrap_or(*c);
            }
        }
    }
    decoded.into_iter().map(|(c, _)| c).collect()
}

/// How many letters of known case there are, and how many are capitals.
fn known_case_counts(chars: &[(char, bool)]) -> (usize, usize) {
    chars
        .iter()
        .filter(|(c, unknown)| c.is_alphabetic() && !unknown)
        .fold((0, 0), |(n, up), (c, _)| (n + 1, up + usize::from(c.is_uppercase())))
}

/// `(start, end)` of each run of letters.
fn word_spans(chars: &[(char, bool)]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, (c, _)) in chars.iter().enumerate() {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, chars.len()));
    }
    spans
}

fn decode_vni(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let combined = vni_vowel(c).and_then(|(vowel, upper)| {
            let (modifier, tone) = vni_mark(*chars.get(i + 1)?)?;
            let base = match (modifier, vowel) {
                (Modifier::Plain, _) => vowel,
                (Modifier::Circumflex, 'a') => 'â',
                (Modifier::Circumflex, 'e') => 'ê',
                (Modifier::Circumflex, 'o') => 'ô',
                (Modifier::Breve, 'a') => 'ă',
                _ => return None,
            };
            compose(base, tone, upper)
        });
        if let Some(letter) = combined {
            out.push(letter);
            i += 2;
        } else {
            out.push(vni_letter(c).unwrap_or(c));
            i += 1;
        }
    }
    out
}

fn encode_tcvn3(c: char) -> char {
    let code = |letter: char| TCVN3.iter().find(|&&(_, l)| l == letter).map(|&(byte, _)| char::from(byte));
    code(c).or_else(|| code(c.to_lowercase().next()?)).unwrap_or(c)
}

fn encode_vni(c: char, out: &mut String) {
    let Some(Letter { base, tone, upper }) = letter(c).filter(|_| !c.is_ascii()) else {
        out.push(c);
        return;
    };
    let case = |c: char| if upper { c.to_ascii_uppercase() } else { c };
    let single = |unicode: char| VNI_LETTERS.iter().find(|&&(_, l)| l == unicode).map(|&(code, _)| code);
    let (first, modifier) = match base {
        'đ' | 'i' => {
            out.extend(single(c));
            return;
        }
        'y' if tone == Tone::Dot => {
            out.extend(single(c));
            return;
        }
        'ă' => (case('a'), Modifier::Breve),
        'â' => (case('a'), Modifier::Circumflex),
        'ê' => (case('e'), Modifier::Circumflex),
        'ô' => (case('o'), Modifier::Circumflex),
        'ơ' | 'ư' => {
            let Some(code) = compose(base, Tone::Level, upper).and_then(single) else {
                out.push(c);
                return;
            };
            (code, Modifier::Plain)
        }
        _ => (case(base), Modifier::Plain),
    };
    out.push(first);
    if modifier != Modifier::Plain || tone != Tone::Level {
        out.extend(vni_mark_char(modifier, tone, upper));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Sheet;

    const NAMES: [&str; 8] = [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Đặng Thị Hương",
        "Lê Quang Đức",
        "Phạm Thị Ngọc Ánh",
        "Hoàng Văn Thụ",
        "chi bộ",
        "Đảng ủy xã Quảng Tân",
    ];

    #[test]
    fn tcvn3_table_is_a_bijection_over_distinct_bytes() {
        for (i, (byte, letter)) in TCVN3.iter().enumerate() {
            assert!(TCVN3[..i].iter().all(|(b, l)| b != byte && l != letter));
            assert_eq!(tcvn3_letter(char::from(*byte)), Some(*letter));
        }
        assert_eq!(tcvn3_letter('a'), None);
        assert_eq!(tcvn3_letter('\u{B0}'), None);
        assert_eq!(tcvn3_letter('ễ'), None);
    }

    #[test]
    fn hand_written_tcvn3() {
        for (legacy, unicode) in [
            ("NguyÔn V¨n An", "Nguyễn Văn An"),
            ("TrÇn ThÞ B×nh", "Trần Thị Bình"),
            ("§Æng ThÞ H\u{AD}¬ng", "Đặng Thị Hương"),
            ("Lª Quang §øc", "Lê Quang Đức"),
            ("Hoµng V¨n Thô", "Hoàng Văn Thụ"),
            ("chi bé", "chi bộ"),
            ("§¶ng ñy x· Qu¶ng T©n", "Đảng ủy xã Quảng Tân"),
            ("Hµ Néi", "Hà Nội"),
            ("B¶o Th¾ng", "Bảo Thắng"),
            ("M\u{AD}êng Kh\u{AD}¬ng", "Mường Khương"),
            ("Ph¹m ThÞ Ngäc ¸nh", "Phạm Thị Ngọc Ánh"),
            ("§¶NG ñY", "ĐẢNG ỦY"),
            ("NGUYÔN V¡N AN", "NGUYỄN VĂN AN"),
            ("¸nh s¸ng", "ánh sáng"),
            ("UBND, H§ND x·", "UBND, HĐND xã"),
        ] {
            assert_eq!(to_unicode(legacy, LegacyEncoding::Tcvn3), unicode);
            // "chi bé" is also plain Unicode ("chi bé"): too ambiguous to flag.
            let expected = (legacy != "chi bé").then_some(LegacyEncoding::Tcvn3);
            assert_eq!(detect(legacy), expected, "{legacy}");
        }
    }

    #[test]
    fn hand_written_vni() {
        for (legacy, unicode) in [
            ("Nguyeãn Vaên An", "Nguyễn Văn An"),
            ("Traàn Thò Bình", "Trần Thị Bình"),
            ("Ñaëng Thò Höông", "Đặng Thị Hương"),
            ("Leâ Quang Ñöùc", "Lê Quang Đức"),
            ("Hoaøng Vaên Thuï", "Hoàng Văn Thụ"),
            ("Ñaûng uûy xaõ Quaûng Taân", "Đảng ủy xã Quảng Tân"),
            ("Tröôøng Sa", "Trường Sa"),
            ("Xin chaøo caùc baïn", "Xin chào các bạn"),
            ("NGUYEÃN VAÊN AN", "NGUYỄN VĂN AN"),
            ("Phaïm Thò Ngoïc AÙnh", "Phạm Thị Ngọc Ánh"),
            ("khuyûu tay, Kyø hoïp", "khuỷu tay, Kỳ họp"),
            ("Mî", "Mỵ"),
        ] {
            assert_eq!(to_unicode(legacy, LegacyEncoding::Vni), unicode);
            // One short word with a French-looking code: too little evidence.
            let expected = (legacy != "Mî").then_some(LegacyEncoding::Vni);
            assert_eq!(detect(legacy), expected, "{legacy}");
        }
    }

    #[test]
    fn round_trips() {
        for name in NAMES {
            let vni = from_unicode(name, LegacyEncoding::Vni);
            assert_eq!(to_unicode(&vni, LegacyEncoding::Vni), name, "{vni}");
            let tcvn3 = from_unicode(name, LegacyEncoding::Tcvn3);
            assert_eq!(to_unicode(&tcvn3, LegacyEncoding::Tcvn3), name, "{tcvn3}");
        }
        assert_eq!(from_unicode("Nguyễn Văn An", LegacyEncoding::Tcvn3), "NguyÔn V¨n An");
        assert_eq!(from_unicode("Nguyễn Văn An", LegacyEncoding::Vni), "Nguyeãn Vaên An");
        // Decomposed input is normalised first.
        assert_eq!(from_unicode("Nguye\u{302}\u{303}n", LegacyEncoding::Vni), "Nguyeãn");
    }

    #[test]
    fn every_vietnamese_letter_round_trips_through_vni() {
        let all = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
        let upper = all.to_uppercase();
        for text in [all, upper.as_str()] {
            let vni = from_unicode(text, LegacyEncoding::Vni);
            assert_eq!(to_unicode(&vni, LegacyEncoding::Vni), text);
        }
        let tcvn3 = from_unicode(all, LegacyEncoding::Tcvn3);
        assert!(tcvn3.chars().all(|c| c.is_ascii() || tcvn3_letter(c).is_some()));
        assert_eq!(to_unicode(&tcvn3, LegacyEncoding::Tcvn3), all);
    }

    #[test]
    fn unicode_french_and_ascii_are_not_legacy() {
        for text in [
            "",
            "Nguyen Van An",
            "1234567",
            "Nguyễn Văn An",
            "Hà Tâm",
            "Lê Thị Hòa",
            "Toán",
            "Hòa Bình",
            "L'été à Paris, où il fait très chaud.",
            "Il est dû tôt",
            "garçon, œuvre, Noël, élève, français",
            "« Bonjour »",
            "§ 3, © 2024",
            "São Paulo, Müller, Søren, Peña",
        ] {
            assert_eq!(detect(text), None, "{text}");
        }
    }

    #[test]
    fn workbook_detection_and_mixed_conversion() {
        let mut workbook = Workbook {
            file: "ds.xls".into(),
            sheets: vec![Sheet {
                name: "Danh s¸ch".into(),
                rows: vec![
                    vec!["Họ và tên".into(), "Chức vụ".into()],
                    vec![],
                    vec!["NguyÔn V¨n An".into(), "BÝ th\u{AD}".into(), "Hà Tâm".into()],
                ],
            }],
            legacy: None,
        };
        let finding = detect_workbook(&workbook).expect("found");
        assert_eq!(
            finding,
            LegacyFinding {
                encoding: LegacyEncoding::Tcvn3,
                sheet: "Danh s¸ch".into(),
                row: 3,
                column: 1,
                sample: "NguyÔn V¨n An".into(),
            }
        );
        convert_workbook(&mut workbook, LegacyEncoding::Tcvn3);
        assert_eq!(workbook.sheets[0].name, "Danh sách");
        assert_eq!(
            workbook.sheets[0].rows,
            vec![
                vec!["Họ và tên".to_owned(), "Chức vụ".to_owned()],
                vec![],
                vec!["Nguyễn Văn An".to_owned(), "Bí thư".to_owned(), "Hà Tâm".to_owned()],
            ]
        );
        assert_eq!(workbook.legacy, None);
    }
}
