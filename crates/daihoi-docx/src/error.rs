//! The error type of this crate.

use std::fmt;

use crate::limits::Exceeded;

/// Why a `.docx` was refused. Every message names the file (as the caller
/// gave it) and says in plain words what is wrong, and where possible the
/// paragraph.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DocxError {
    /// The file is not a Word document: what its content looks like.
    #[error("{file} is not a Word document (.docx): its content looks like {found}")]
    NotDocx {
        /// The file, as given.
        file: String,
        /// What it looks like.
        found: Found,
    },
    /// A Word document that cannot be read: what is wrong.
    #[error("{file} is damaged: {problem}")]
    Damaged {
        /// The file, as given.
        file: String,
        /// What is wrong, in plain words.
        problem: String,
    },
    /// The file claims or holds more than the
    /// [`DocxLimits`](crate::DocxLimits) it is read within; nothing of it
    /// is kept.
    #[error("{file}: {exceeded}")]
    OverLimit {
        /// The file, as given.
        file: String,
        /// Which limit, and the figures.
        exceeded: Exceeded,
    },
}

impl DocxError {
    /// The file the error is about, as the caller gave it.
    #[must_use]
    pub fn file(&self) -> &str {
        match self {
            DocxError::NotDocx { file, .. } | DocxError::Damaged { file, .. } | DocxError::OverLimit { file, .. } => {
                file
            }
        }
    }
}

/// What a file that is not a `.docx` looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Found {
    /// A compound file: a Word 97–2003 `.doc`, or a `.docx` protected by a
    /// password (Word encrypts it into a compound file).
    Compound,
    /// A PDF document.
    Pdf,
    /// An RTF document.
    Rtf,
    /// An HTML or XML page (Word's "Web page" or "Word 2003 XML").
    Markup,
    /// Plain text.
    Text,
    /// Nothing at all.
    Empty,
    /// An Excel workbook (`.xlsx`).
    Workbook,
    /// A PowerPoint presentation (`.pptx`).
    Presentation,
    /// An OpenDocument file (`.odt`, `.ods`).
    OpenDocument,
    /// A zip archive without `word/document.xml`.
    OtherZip,
    /// None of these.
    Unknown,
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Found::Compound => {
                "a Word 97–2003 document (.doc) or a password-protected document; open it in Word and save it as .docx without a password"
            }
            Found::Pdf => "a PDF document; the .docx it was made from is needed",
            Found::Rtf => "an RTF document; open it in Word and save it as .docx",
            Found::Markup => "an HTML or XML page; open it in Word and save it as .docx",
            Found::Text => "plain text",
            Found::Empty => "an empty file",
            Found::Workbook => "an Excel workbook (.xlsx)",
            Found::Presentation => "a PowerPoint presentation (.pptx)",
            Found::OpenDocument => "an OpenDocument file (.odt); save it as .docx",
            Found::OtherZip => "a zip archive without a Word document in it (no word/document.xml)",
            Found::Unknown => "a file of unknown kind",
        })
    }
}

impl From<daihoi_sheets::FileKind> for Found {
    fn from(kind: daihoi_sheets::FileKind) -> Self {
        use daihoi_sheets::FileKind;
        match kind {
            FileKind::Compound => Found::Compound,
            FileKind::Pdf => Found::Pdf,
            FileKind::Rtf => Found::Rtf,
            FileKind::Markup => Found::Markup,
            FileKind::Text => Found::Text,
            FileKind::Empty => Found::Empty,
            FileKind::Zip => Found::OtherZip,
            _ => Found::Unknown,
        }
    }
}
