//! The structure of one version of a draft (bản dự thảo): sections holding
//! paragraphs, each with a stable id kept across versions, and the line
//! numbers people cite when they comment (as OpenSlides numbers a motion).
//!
//! A paragraph's text is kept with its whitespace made single spaces (tabs,
//! soft line breaks and runs of spaces are one space; none at the ends), so
//! that wrapping, and therefore line numbers, depend on the words alone.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// The line length, in characters, of a draft's line numbers unless a round
/// sets another (OpenSlides' default too).
pub const DEFAULT_LINE_LENGTH: u16 = 80;

/// The shortest line length accepted: below it the numbers say nothing.
pub const MIN_LINE_LENGTH: u16 = 10;

/// A paragraph's stable id (mã đoạn): the same paragraph keeps it from version
/// to version, changed or not; a new paragraph gets an id never used before
/// in that draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ParagraphId(pub u32);

/// A section's stable id (mã mục), kept across versions like [`ParagraphId`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SectionId(pub u32);

impl fmt::Display for ParagraphId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "paragraph #{}", self.0)
    }
}

impl fmt::Display for SectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "section #{}", self.0)
    }
}

/// What a .docx reader or a page gives: a heading (đề mục) or a paragraph
/// (đoạn văn), in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A heading; `level` 1 is the highest ("I.", "PHẦN THỨ NHẤT"), 2 below it ("1.").
    Heading {
        level: u8,
        text: String,
    },
    Paragraph {
        text: String,
    },
}

/// The most a draft may hold; a text over one of them is refused, naming it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    pub max_sections: usize,
    pub max_paragraphs: usize,
    /// Characters (Unicode scalar values) of one paragraph or heading.
    pub max_paragraph_chars: usize,
    /// Characters of the whole draft, headings included.
    pub max_chars: usize,
}

impl Default for Limits {
    /// A political report of a province is 60–100 pages: 1,000 sections,
    /// 10,000 paragraphs of at most 20,000 characters, 2 million characters.
    fn default() -> Self {
        Self { max_sections: 1_000, max_paragraphs: 10_000, max_paragraph_chars: 20_000, max_chars: 2_000_000 }
    }
}

/// Which of the [`Limits`] a text was over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Limit {
    Sections,
    Paragraphs,
    ParagraphChars,
    Chars,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Limit::Sections => "sections",
            Limit::Paragraphs => "paragraphs",
            Limit::ParagraphChars => "characters in one paragraph",
            Limit::Chars => "characters in the draft",
        })
    }
}

/// Why a text was refused as a version of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TextError {
    /// `block` is the 0-based index of the block that went over, when one did.
    #[error("{found} {what}, more than the {limit} allowed{}", at(*.block))]
    Over { what: Limit, found: usize, limit: usize, block: Option<usize> },
    /// A control or invisible formatting character (the characters TEXT-1 refuses).
    #[error("character U+{:04X} may not appear in a draft{}", u32::from(*.character), at(*.block))]
    Forbidden { character: char, block: Option<usize> },
    #[error("a line length of {given} characters; at least {MIN_LINE_LENGTH}")]
    LineLength { given: u16 },
}

fn at(block: Option<usize>) -> String {
    block.map(|b| format!(" (block {})", b + 1)).unwrap_or_default()
}

/// A paragraph of a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub id: ParagraphId,
    pub text: String,
}

/// A section (mục) of a version: a heading and the paragraphs under it. The
/// paragraphs before the first heading are a section without heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub id: SectionId,
    /// 0 for the section without heading.
    pub level: u8,
    /// The heading as written, number included ("I. ĐÁNH GIÁ …").
    pub heading: Option<String>,
    /// The display number read from the heading: "I", "1.2"; none for
    /// "MỞ ĐẦU".
    pub number: Option<String>,
    pub paragraphs: Vec<Paragraph>,
}

/// Where a paragraph is shown: its section's index and its number within
/// the document, both from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Position {
    pub section: u32,
    pub paragraph: u32,
}

/// One version of a draft (phiên bản dự thảo): numbered from 1, its line
/// length, its sections, and the next ids to give so that none is reused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftText {
    version: u32,
    line_length: u16,
    sections: Vec<Section>,
    next_section: u32,
    next_paragraph: u32,
}

/// A section before ids are given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawSection {
    pub level: u8,
    pub heading: Option<String>,
    pub paragraphs: Vec<String>,
}

impl DraftText {
    /// The first version of a draft from its blocks, every section and
    /// paragraph with a fresh id. Blank blocks are skipped.
    pub fn from_blocks(blocks: &[Block], line_length: u16, limits: &Limits) -> Result<Self, TextError> {
        if line_length < MIN_LINE_LENGTH {
            return Err(TextError::LineLength { given: line_length });
        }
        let raw = parse_blocks(blocks, limits)?;
        let mut text = Self { version: 1, line_length, sections: Vec::new(), next_section: 1, next_paragraph: 1 };
        for s in raw {
            let id = text.fresh_section();
            let paragraphs =
                s.paragraphs.into_iter().map(|t| Paragraph { id: text.fresh_paragraph(), text: t }).collect();
            text.sections.push(section(id, s.level, s.heading, paragraphs));
        }
        Ok(text)
    }

    pub(crate) fn successor(&self) -> Self {
        Self {
            version: self.version + 1,
            line_length: self.line_length,
            sections: Vec::new(),
            next_section: self.next_section,
            next_paragraph: self.next_paragraph,
        }
    }

    pub(crate) fn push_section(&mut self, section: Section) {
        self.sections.push(section);
    }

    pub(crate) fn fresh_section(&mut self) -> SectionId {
        let id = SectionId(self.next_section);
        self.next_section += 1;
        id
    }

    pub(crate) fn fresh_paragraph(&mut self) -> ParagraphId {
        let id = ParagraphId(self.next_paragraph);
        self.next_paragraph += 1;
        id
    }

    /// The version's number, from 1.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The line length of its line numbers, in characters.
    pub fn line_length(&self) -> u16 {
        self.line_length
    }

    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// The paragraphs in reading order, with their section's index (from 0).
    pub fn paragraphs(&self) -> impl Iterator<Item = (usize, &Paragraph)> {
        self.sections.iter().enumerate().flat_map(|(i, s)| s.paragraphs.iter().map(move |p| (i, p)))
    }

    pub fn paragraph_count(&self) -> usize {
        self.sections.iter().map(|s| s.paragraphs.len()).sum()
    }

    pub fn paragraph(&self, id: ParagraphId) -> Option<&Paragraph> {
        self.paragraphs().map(|(_, p)| p).find(|p| p.id == id)
    }

    pub fn section(&self, id: SectionId) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The section holding a paragraph.
    pub fn section_of(&self, id: ParagraphId) -> Option<&Section> {
        self.sections.iter().find(|s| s.paragraphs.iter().any(|p| p.id == id))
    }

    /// A section's index, from 1.
    pub fn section_index(&self, id: SectionId) -> Option<u32> {
        self.sections.iter().position(|s| s.id == id).map(|i| i as u32 + 1)
    }

    /// Where a paragraph is shown.
    pub fn position(&self, id: ParagraphId) -> Option<Position> {
        self.paragraphs()
            .enumerate()
            .find(|(_, (_, p))| p.id == id)
            .map(|(n, (s, _))| Position { section: s as u32 + 1, paragraph: n as u32 + 1 })
    }

    /// Whether two versions hold the same sections, ids and texts (their
    /// numbers may differ).
    pub fn same_content(&self, other: &DraftText) -> bool {
        self.sections == other.sections
    }

    /// The version as blocks again: `from_blocks(to_blocks())` gives the
    /// same texts.
    pub fn to_blocks(&self) -> Vec<Block> {
        let mut blocks = Vec::new();
        for s in &self.sections {
            if let Some(h) = &s.heading {
                blocks.push(Block::Heading { level: s.level, text: h.clone() });
            }
            blocks.extend(s.paragraphs.iter().map(|p| Block::Paragraph { text: p.text.clone() }));
        }
        blocks
    }

    /// The line numbers of this version at its line length.
    pub fn lines(&self) -> LineMap<'_> {
        LineMap::new(self)
    }

    /// Every id this version ever gave is below these: (sections, paragraphs).
    pub fn next_ids(&self) -> (u32, u32) {
        (self.next_section, self.next_paragraph)
    }
}

pub(crate) fn section(id: SectionId, level: u8, heading: Option<String>, paragraphs: Vec<Paragraph>) -> Section {
    let number = heading.as_deref().and_then(display_number).map(str::to_owned);
    Section { id, level, heading, number, paragraphs }
}

/// The display number at the start of a heading: "I" of "I. ĐÁNH GIÁ",
/// "1.2" of "1.2. Về kinh tế" or "1.2 Về kinh tế", "a" of "a) Nông nghiệp".
pub fn display_number(heading: &str) -> Option<&str> {
    let token = heading.split_whitespace().next()?;
    let stripped = token.strip_suffix(['.', ')', ':']);
    let candidate = stripped.unwrap_or(token);
    if candidate.is_empty() || heading.split_whitespace().nth(1).is_none() {
        return None;
    }
    let roman = candidate.chars().all(|c| "IVXLCDM".contains(c));
    let dotted = candidate.starts_with(|c: char| c.is_ascii_digit())
        && candidate.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !candidate.contains("..");
    let letter = candidate.chars().count() == 1 && candidate.chars().all(|c| c.is_ascii_lowercase());
    let marked = stripped.is_some();
    if (roman && marked) || (dotted && (marked || candidate.contains('.'))) || (letter && token.ends_with(')')) {
        Some(candidate)
    } else {
        None
    }
}

/// A text with its whitespace made single spaces, checked for the
/// characters TEXT-1 refuses (`daihoi_core::text::is_forbidden`: control and
/// invisible formatting characters).
pub(crate) fn normalize(text: &str, block: Option<usize>) -> Result<String, TextError> {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if let Some(c) = word.chars().find(|c| daihoi_core::text::is_forbidden(*c)) {
            return Err(TextError::Forbidden { character: c, block });
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Ok(out)
}

pub(crate) fn parse_blocks(blocks: &[Block], limits: &Limits) -> Result<Vec<RawSection>, TextError> {
    let mut sections: Vec<RawSection> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let raw = match block {
            Block::Heading { text, .. } | Block::Paragraph { text } => text,
        };
        let chars = raw.chars().count();
        if chars > limits.max_paragraph_chars {
            let limit = limits.max_paragraph_chars;
            return Err(TextError::Over { what: Limit::ParagraphChars, found: chars, limit, block: Some(i) });
        }
        let text = normalize(raw, Some(i))?;
        if text.is_empty() {
            continue;
        }
        match block {
            Block::Heading { level, .. } => {
                sections.push(RawSection { level: (*level).max(1), heading: Some(text), paragraphs: Vec::new() });
                if sections.len() > limits.max_sections {
                    let (found, limit) = (sections.len(), limits.max_sections);
                    return Err(TextError::Over { what: Limit::Sections, found, limit, block: Some(i) });
                }
            }
            Block::Paragraph { .. } => {
                if sections.is_empty() {
                    sections.push(RawSection { level: 0, heading: None, paragraphs: Vec::new() });
                }
                if let Some(last) = sections.last_mut() {
                    last.paragraphs.push(text);
                }
            }
        }
    }
    check_limits(&sections, limits)?;
    Ok(sections)
}

/// The limits on a whole text (each paragraph's own length is checked as it
/// is read).
pub(crate) fn check_limits(sections: &[RawSection], limits: &Limits) -> Result<(), TextError> {
    let over = |what, found, limit| Err(TextError::Over { what, found, limit, block: None });
    if sections.len() > limits.max_sections {
        return over(Limit::Sections, sections.len(), limits.max_sections);
    }
    let paragraphs: usize = sections.iter().map(|s| s.paragraphs.len()).sum();
    if paragraphs > limits.max_paragraphs {
        return over(Limit::Paragraphs, paragraphs, limits.max_paragraphs);
    }
    let mut chars = 0;
    for s in sections {
        for t in s.heading.iter().chain(&s.paragraphs) {
            let n = t.chars().count();
            if n > limits.max_paragraph_chars {
                return over(Limit::ParagraphChars, n, limits.max_paragraph_chars);
            }
            chars += n;
        }
    }
    if chars > limits.max_chars {
        return over(Limit::Chars, chars, limits.max_chars);
    }
    Ok(())
}

/// The lines of a text wrapped at `width` characters, as byte ranges that
/// together make the whole text: a line ends after the spaces that follow
/// its last word. Lines break at whitespace; a word longer than a line is
/// cut. An empty text is one empty line.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut start = 0;
    let mut used = 0;
    let mut has_word = false;
    let mut gap = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            gap += 1;
            continue;
        }
        let word_start = i;
        let mut n = 1;
        while let Some(&(_, d)) = chars.peek() {
            if d.is_whitespace() {
                break;
            }
            chars.next();
            n += 1;
        }
        if has_word && used + gap + n <= width {
            used += gap + n;
            gap = 0;
            continue;
        }
        if has_word {
            lines.push(start..word_start);
            start = word_start;
        }
        gap = 0;
        let mut rest = n;
        let mut from = word_start;
        while rest > width {
            let cut = text[from..].char_indices().nth(width).map_or(text.len(), |(b, _)| from + b);
            lines.push(start..cut);
            start = cut;
            from = cut;
            rest -= width;
        }
        used = rest;
        has_word = true;
    }
    lines.push(start..text.len());
    lines
}

/// A range of line numbers, both ends included, from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LineRange {
    pub from: u32,
    pub to: u32,
}

impl fmt::Display for LineRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "line {}", self.from)
        } else {
            write!(f, "lines {}–{}", self.from, self.to)
        }
    }
}

/// A line range that does not exist in a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LineError {
    #[error("lines {from}–{to} are not a range of lines (they start at 1, the first not after the last)")]
    Empty { from: u32, to: u32 },
    #[error("line {to} does not exist: the version has {last} lines")]
    OutOfRange { to: u32, last: u32 },
}

/// One numbered line: its paragraph and its bytes in the paragraph's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: u32,
    pub paragraph: ParagraphId,
    pub range: Range<usize>,
}

/// What a line range covers of one paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Covered<'t> {
    pub paragraph: ParagraphId,
    pub lines: LineRange,
    /// Whether the range covers the whole paragraph.
    pub whole: bool,
    /// The covered bytes of the paragraph's text, without the spaces after
    /// the last covered word.
    pub range: Range<usize>,
    pub text: &'t str,
}

/// The line numbers of a version (số dòng): paragraphs are wrapped at the
/// version's line length and numbered from 1 through the whole document.
/// Headings are not numbered.
#[derive(Debug, Clone)]
pub struct LineMap<'t> {
    text: &'t DraftText,
    lines: Vec<Line>,
    by_paragraph: HashMap<ParagraphId, (LineRange, usize)>,
}

impl<'t> LineMap<'t> {
    pub fn new(text: &'t DraftText) -> Self {
        let mut lines = Vec::new();
        let mut by_paragraph = HashMap::new();
        for (_, p) in text.paragraphs() {
            let from = lines.len() as u32 + 1;
            for range in wrap(&p.text, usize::from(text.line_length)) {
                lines.push(Line { number: lines.len() as u32 + 1, paragraph: p.id, range });
            }
            by_paragraph.insert(p.id, (LineRange { from, to: lines.len() as u32 }, by_paragraph.len()));
        }
        Self { text, lines, by_paragraph }
    }

    /// How many lines the version has.
    pub fn count(&self) -> u32 {
        self.lines.len() as u32
    }

    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    pub fn line(&self, number: u32) -> Option<&Line> {
        number.checked_sub(1).and_then(|i| self.lines.get(i as usize))
    }

    /// A line's text, without the spaces at its end.
    pub fn line_text(&self, number: u32) -> Option<&'t str> {
        let line = self.line(number)?;
        let p = self.text.paragraph(line.paragraph)?;
        Some(p.text[line.range.clone()].trim_end())
    }

    /// The lines of a paragraph.
    pub fn paragraph_lines(&self, id: ParagraphId) -> Option<LineRange> {
        self.by_paragraph.get(&id).map(|(r, _)| *r)
    }

    /// Checks that a line range exists.
    pub fn check(&self, range: LineRange) -> Result<(), LineError> {
        if range.from == 0 || range.from > range.to {
            return Err(LineError::Empty { from: range.from, to: range.to });
        }
        if range.to > self.count() {
            return Err(LineError::OutOfRange { to: range.to, last: self.count() });
        }
        Ok(())
    }

    /// The paragraphs a line range covers, in order, with the text covered
    /// in each.
    pub fn covering(&self, range: LineRange) -> Result<Vec<Covered<'t>>, LineError> {
        self.check(range)?;
        let mut out: Vec<Covered<'t>> = Vec::new();
        for n in range.from..=range.to {
            let line = &self.lines[n as usize - 1];
            match out.last_mut() {
                Some(c) if c.paragraph == line.paragraph => {
                    c.lines.to = n;
                    c.range.end = line.range.end;
                }
                _ => out.push(Covered {
                    paragraph: line.paragraph,
                    lines: LineRange { from: n, to: n },
                    whole: false,
                    range: line.range.clone(),
                    text: "",
                }),
            }
        }
        for c in &mut out {
            let Some(p) = self.text.paragraph(c.paragraph) else { continue };
            let all = self.paragraph_lines(c.paragraph);
            c.whole = all == Some(c.lines);
            let covered = p.text[c.range.clone()].trim_end();
            c.range.end = c.range.start + covered.len();
            c.text = covered;
        }
        Ok(out)
    }

    /// The lines, in this version, of the bytes `range` of a paragraph.
    pub fn lines_of(&self, id: ParagraphId, range: Range<usize>) -> Option<LineRange> {
        let (all, _) = self.by_paragraph.get(&id)?;
        let lines = &self.lines[all.from as usize - 1..all.to as usize];
        let first = lines.iter().find(|l| l.range.end > range.start || l.range.end == l.range.start)?;
        let last_byte = range.end.max(range.start + 1) - 1;
        let last = lines.iter().rev().find(|l| l.range.start <= last_byte).unwrap_or(first);
        Some(LineRange { from: first.number, to: last.number.max(first.number) })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    pub(crate) fn para(t: &str) -> Block {
        Block::Paragraph { text: t.into() }
    }

    pub(crate) fn heading(level: u8, t: &str) -> Block {
        Block::Heading { level, text: t.into() }
    }

    fn quang_tan() -> Vec<Block> {
        vec![
            para("Đại hội đại biểu Đảng bộ xã Quảng Tân lần thứ I, nhiệm kỳ 2025–2030"),
            heading(1, "I. ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI"),
            para("Nhiệm kỳ qua, Đảng bộ đã lãnh đạo toàn diện các mặt công tác."),
            heading(2, "1.2. Về kinh tế"),
            para("Tốc độ tăng trưởng kinh tế bình quân đạt 8,5%/năm."),
            para("   Thu ngân sách\ttrên địa bàn\n tăng đều qua các năm.  "),
        ]
    }

    #[test]
    fn blocks_make_sections_with_fresh_ids_and_numbers() {
        let t = DraftText::from_blocks(&quang_tan(), DEFAULT_LINE_LENGTH, &Limits::default()).unwrap();
        assert_eq!(t.version(), 1);
        let s = t.sections();
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].heading, None);
        assert_eq!(s[1].number.as_deref(), Some("I"));
        assert_eq!(s[2].number.as_deref(), Some("1.2"));
        assert_eq!(s[2].paragraphs[1].text, "Thu ngân sách trên địa bàn tăng đều qua các năm.");
        let ids: Vec<u32> = t.paragraphs().map(|(_, p)| p.id.0).collect();
        assert_eq!(ids, vec![1, 2, 3, 4]);
        assert_eq!(t.position(ParagraphId(4)), Some(Position { section: 3, paragraph: 4 }));
        assert_eq!(t.section_of(ParagraphId(2)).map(|s| s.id), Some(SectionId(2)));
    }

    #[test]
    fn display_numbers() {
        assert_eq!(display_number("I. ĐÁNH GIÁ"), Some("I"));
        assert_eq!(display_number("IV- PHƯƠNG HƯỚNG"), None);
        assert_eq!(display_number("1.2 Về kinh tế"), Some("1.2"));
        assert_eq!(display_number("2. Về văn hóa"), Some("2"));
        assert_eq!(display_number("a) Nông nghiệp"), Some("a"));
        assert_eq!(display_number("MỞ ĐẦU"), None);
        assert_eq!(display_number("2025"), None);
        assert_eq!(display_number("Đại hội lần thứ I"), None);
    }

    #[test]
    fn limits_name_what_was_over() {
        let limits = Limits { max_sections: 1, ..Limits::default() };
        let e = DraftText::from_blocks(&quang_tan(), 80, &limits).unwrap_err();
        assert_eq!(e, TextError::Over { what: Limit::Sections, found: 2, limit: 1, block: Some(1) });
        let limits = Limits { max_paragraphs: 3, ..Limits::default() };
        let e = DraftText::from_blocks(&quang_tan(), 80, &limits).unwrap_err();
        assert!(matches!(e, TextError::Over { what: Limit::Paragraphs, found: 4, limit: 3, .. }));
        let limits = Limits { max_paragraph_chars: 20, ..Limits::default() };
        let e = DraftText::from_blocks(&quang_tan(), 80, &limits).unwrap_err();
        assert!(matches!(e, TextError::Over { what: Limit::ParagraphChars, block: Some(0), .. }));
        let limits = Limits { max_chars: 100, ..Limits::default() };
        let e = DraftText::from_blocks(&quang_tan(), 80, &limits).unwrap_err();
        assert!(matches!(e, TextError::Over { what: Limit::Chars, .. }), "{e}");
        let e = DraftText::from_blocks(&[para("a\u{202E}b")], 80, &Limits::default()).unwrap_err();
        assert_eq!(e, TextError::Forbidden { character: '\u{202E}', block: Some(0) });
        assert_eq!(DraftText::from_blocks(&[], 5, &Limits::default()).unwrap_err(), TextError::LineLength { given: 5 });
    }

    #[test]
    fn wrap_counts_characters_not_bytes() {
        // 10 syllables with diacritics, 3–5 characters each but more bytes.
        let text = "Đảng bộ xã Quảng Tân lãnh đạo toàn diện nhiệm kỳ";
        let lines = wrap(text, 20);
        let shown: Vec<&str> = lines.iter().map(|r| text[r.clone()].trim_end()).collect();
        assert_eq!(shown, vec!["Đảng bộ xã Quảng Tân", "lãnh đạo toàn diện", "nhiệm kỳ"]);
        assert!(shown.iter().all(|l| l.chars().count() <= 20));
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut() {
        let text = "ab cdefghijklmnop q";
        let lines: Vec<&str> = wrap(text, 5).into_iter().map(|r| &text[r]).collect();
        assert_eq!(lines, vec!["ab ", "cdefg", "hijkl", "mnop ", "q"]);
        assert_eq!(wrap("", 5), vec![0..0]);
    }

    #[test]
    fn line_ranges_find_their_paragraphs_and_text() {
        let t = DraftText::from_blocks(&quang_tan(), 20, &Limits::default()).unwrap();
        let lines = t.lines();
        let first = lines.paragraph_lines(ParagraphId(1)).unwrap();
        assert_eq!(first.from, 1);
        let second = lines.paragraph_lines(ParagraphId(2)).unwrap();
        assert_eq!(second.from, first.to + 1);
        let covered = lines.covering(LineRange { from: first.to, to: second.from }).unwrap();
        assert_eq!(covered.len(), 2);
        assert_eq!(covered[0].paragraph, ParagraphId(1));
        assert!(!covered[0].whole);
        assert_eq!(covered[0].text, lines.line_text(first.to).unwrap());
        assert_eq!(covered[1].text, "Nhiệm kỳ qua, Đảng");
        let whole = lines.covering(second).unwrap();
        assert!(whole[0].whole);
        assert_eq!(whole[0].text, "Nhiệm kỳ qua, Đảng bộ đã lãnh đạo toàn diện các mặt công tác.");
        assert_eq!(lines.covering(LineRange { from: 0, to: 1 }), Err(LineError::Empty { from: 0, to: 1 }));
        let last = lines.count();
        assert_eq!(
            lines.covering(LineRange { from: 1, to: last + 1 }),
            Err(LineError::OutOfRange { to: last + 1, last })
        );
    }

    #[test]
    fn serde_round_trip() {
        let t = DraftText::from_blocks(&quang_tan(), 80, &Limits::default()).unwrap();
        let json = serde_json::to_string(&t).unwrap();
        let back: DraftText = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
        let again = DraftText::from_blocks(&t.to_blocks(), 80, &Limits::default()).unwrap();
        assert!(again.same_content(&t));
    }

    pub(crate) fn words() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec![
            "Đảng",
            "bộ",
            "xã",
            "Quảng",
            "Tân",
            "nhiệm",
            "kỳ",
            "2025–2030",
            "đại",
            "hội",
            "kinh",
            "tế",
            "phát",
            "triển",
            "Nghịquyếtđạihộiđạibiểutoànquốc",
        ]);
        prop::collection::vec(word, 0..40).prop_map(|w| w.join(" "))
    }

    proptest! {
        /// Lines are numbered 1, 2, 3… without gap, each belongs to exactly one
        /// paragraph, a paragraph's lines are contiguous, and they make its text.
        #[test]
        fn lines_are_contiguous_and_map_back(texts in prop::collection::vec(words(), 1..20), width in 10u16..60) {
            let blocks: Vec<Block> = texts.iter().map(|t| para(t)).collect();
            let t = DraftText::from_blocks(&blocks, width, &Limits::default()).unwrap();
            let lines = t.lines();
            for (i, l) in lines.lines().iter().enumerate() {
                prop_assert_eq!(l.number as usize, i + 1);
                prop_assert!(l.range.start < l.range.end || t.paragraph(l.paragraph).unwrap().text.is_empty());
            }
            let mut next = 1;
            for (_, p) in t.paragraphs() {
                let r = lines.paragraph_lines(p.id).unwrap();
                prop_assert_eq!(r.from, next);
                next = r.to + 1;
                let joined: String = (r.from..=r.to).map(|n| &p.text[lines.line(n).unwrap().range.clone()]).collect();
                prop_assert_eq!(&joined, &p.text);
                for n in r.from..=r.to {
                    prop_assert_eq!(lines.line(n).unwrap().paragraph, p.id);
                    prop_assert!(lines.line_text(n).unwrap().chars().count() <= usize::from(width));
                }
            }
            prop_assert_eq!(next - 1, lines.count());
        }
    }
}
