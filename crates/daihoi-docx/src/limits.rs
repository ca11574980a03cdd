//! How much a `.docx` may claim and hold before it is refused.

use std::fmt;

use daihoi_sheets::{LimitExceeded, grouped};

/// The bounds a `.docx` is read within. [`DocxLimits::default`] reads a
/// province's political report (60–100 pages, a few hundred thousand
/// characters, pictures included) with a wide margin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocxLimits {
    /// The largest file, in bytes, as stored. Default 20 MB.
    pub max_file_bytes: u64,
    /// The most parts its zip container may list. Default 2,000 (Word
    /// writes about fifteen, plus one per picture).
    pub max_zip_entries: u64,
    /// The most all its parts together may inflate to, in bytes. Default
    /// 200 MB.
    pub max_inflated_bytes: u64,
    /// The most paragraphs read, headings and table cells' paragraphs
    /// included, empty ones not. Default 20,000.
    pub max_paragraphs: u64,
    /// The most characters (Unicode scalar values, whitespace runs counted
    /// as one space) of one paragraph. Default 20,000, as daihoi-drafts.
    pub max_paragraph_chars: u64,
    /// The most characters of the whole document. Default 2,000,000, as
    /// daihoi-drafts.
    pub max_chars: u64,
    /// The most styles `word/styles.xml` may define. Default 5,000 (Word's
    /// own list is about 370).
    pub max_styles: u64,
    /// The deepest the XML of a part may nest its elements. Default 256
    /// (Word's deepest, a text box in a table in a table, is a few dozen).
    pub max_depth: u64,
}

impl Default for DocxLimits {
    fn default() -> Self {
        DocxLimits {
            max_file_bytes: 20 * 1024 * 1024,
            max_zip_entries: 2_000,
            max_inflated_bytes: 200 * 1024 * 1024,
            max_paragraphs: 20_000,
            max_paragraph_chars: 20_000,
            max_chars: 2_000_000,
            max_styles: 5_000,
            max_depth: 256,
        }
    }
}

impl DocxLimits {
    /// The container's limits as daihoi-sheets' zip check reads them (it
    /// reads only the file size, the parts and the inflated size).
    pub(crate) fn container(&self) -> daihoi_sheets::Limits {
        daihoi_sheets::Limits {
            max_file_bytes: self.max_file_bytes,
            max_inflated_bytes: self.max_inflated_bytes,
            max_zip_entries: self.max_zip_entries,
            ..daihoi_sheets::Limits::default()
        }
    }
}

/// What a `.docx` claimed or held beyond a [`DocxLimits`] bound.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Exceeded {
    /// The file's size, its parts or their inflated size (the zip check
    /// shared with daihoi-sheets).
    Container(LimitExceeded),
    /// More paragraphs than [`DocxLimits::max_paragraphs`].
    Paragraphs {
        /// The limit.
        limit: u64,
    },
    /// One paragraph longer than [`DocxLimits::max_paragraph_chars`].
    ParagraphChars {
        /// Its 1-based number among the paragraphs read (empty ones not
        /// counted; headings and table cells' paragraphs counted).
        paragraph: u64,
        /// Its first words, to find it by.
        beginning: String,
        /// The limit.
        limit: u64,
    },
    /// More characters than [`DocxLimits::max_chars`].
    Chars {
        /// The limit.
        limit: u64,
    },
    /// More styles than [`DocxLimits::max_styles`].
    Styles {
        /// The limit.
        limit: u64,
    },
    /// XML nested deeper than [`DocxLimits::max_depth`].
    Depth {
        /// The part.
        part: &'static str,
        /// The paragraphs read before it.
        after_paragraph: u64,
        /// The limit.
        limit: u64,
    },
}

impl fmt::Display for Exceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let g = |n: &u64| grouped(*n);
        match self {
            Exceeded::Container(exceeded) => exceeded.fmt(f),
            Exceeded::Paragraphs { limit } => {
                write!(
                    f,
                    "the document has more than {} paragraphs (headings and table cells included), the limit",
                    g(limit)
                )
            }
            Exceeded::ParagraphChars { paragraph, beginning, limit } => write!(
                f,
                "paragraph {} (beginning \u{201c}{beginning}\u{2026}\u{201d}) has more than {} characters, the limit",
                g(paragraph),
                g(limit)
            ),
            Exceeded::Chars { limit } => write!(f, "the document has more than {} characters, the limit", g(limit)),
            Exceeded::Styles { limit } => write!(f, "the document defines more than {} styles, the limit", g(limit)),
            Exceeded::Depth { part, after_paragraph, limit } => write!(
                f,
                "{part} nests its elements more than {} deep after paragraph {}, the limit (a damaged or hostile file)",
                g(limit),
                g(after_paragraph)
            ),
        }
    }
}
