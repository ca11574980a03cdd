//! Word documents (`.docx`) read within limits into daihoi-drafts'
//! [`Block`]s: a congress's draft documents (báo cáo chính trị, báo cáo
//! kiểm điểm, dự thảo nghị quyết …) as the drafting team writes them in
//! Word (issue 17).
//!
//! [`read_docx`] takes the file's bytes and gives its headings and
//! paragraphs in reading order; `DraftText::from_blocks` then makes a
//! version of them.
//!
//! # Every file is hostile
//!
//! A `.docx` is a zip of XML parts. Before anything reads it, the container
//! passes daihoi-sheets' zip checks ([`daihoi_sheets::check_zip_container`]):
//! the file's size, the parts its zip directory claims (before the zip
//! crate sizes anything by them) and every part inflated through a meter,
//! all together at most [`DocxLimits::max_inflated_bytes`]. Then
//! `word/styles.xml` and `word/document.xml` are streamed (never held
//! whole), their nesting bounded by [`DocxLimits::max_depth`], the styles
//! by [`DocxLimits::max_styles`], and the text kept within the limits on
//! paragraphs and characters: no file makes this crate hold more than its
//! [`DocxLimits`] allow. (The XML reader holds one event whole, a tag or a
//! text between tags: at most the part's inflated size, so within
//! [`DocxLimits::max_inflated_bytes`]; a text is copied only up to a
//! paragraph's limit.) A paragraph is numbered in messages among the
//! paragraphs read (headings and table cells counted, empty ones not), as
//! daihoi-drafts numbers its blocks. Entities other than XML's five are not expanded
//! (no "billion laughs"). A panic in a library on a damaged file is caught
//! and refused as damage. Every failure is a [`DocxError`] naming the file.
//!
//! # What is read
//!
//! - the paragraphs of the body in document order, a table's paragraphs
//!   included (each paragraph of a cell one paragraph, row by row, cell by
//!   cell; nested tables likewise), content controls' text included;
//! - headings: a paragraph whose own `w:outlineLvl` (0–8) or style says so:
//!   the style's `w:outlineLvl`, its name (`heading 1` … `heading 9`,
//!   `Title`; Word keeps these English names in styles.xml whatever the
//!   language it runs in, while the style ids of a Vietnamese Word differ)
//!   or its id (`Heading1` … `Heading9`, `Title`), each through the styles
//!   it is based on; level = outline level + 1, `Title` level 1. Outline
//!   level 9 ("body text") makes a paragraph a paragraph;
//! - text: `w:t`; tabs, line and page breaks as a space (whitespace runs
//!   become one space); a non-breaking hyphen as `-`; tracked changes as if
//!   accepted: insertions (`w:ins`, `w:moveTo`) kept, deletions (`w:del`,
//!   `w:delText`, `w:moveFrom`) left out; fields by their shown result
//!   (`w:instrText` left out).
//!
//! # What is ignored
//!
//! Footnotes, endnotes, comments, headers and footers (other parts), text
//! boxes and shapes (`w:txbxContent`, and `mc:Fallback` copies), symbols
//! (`w:sym`), pictures, automatic numbering (a heading numbered by Word's
//! list numbering keeps its text without "I." or "1."), formatting, hidden
//! text's hiding (hidden text is read), and empty paragraphs.
//!
//! # Why not docx-rs's reader
//!
//! docx-rs (which daihoi-print writes `.docx` with) has a reader, but it
//! descends recursively (a table in a cell in a table …), so a small
//! hostile file nesting tables a hundred thousand deep overflows the stack,
//! which aborts the process: `catch_unwind` cannot catch that. It also reads
//! every part (comments, numbering, headers, footers) into memory and
//! `unwrap`s on unknown element names. Streaming the two parts needed with
//! quick-xml (the XML reader daihoi-sheets already uses) bounds depth and
//! memory and reads headings through styles' names. docx-rs writes the
//! test documents.

mod document;
mod error;
mod limits;
mod read;
mod styles;

pub use daihoi_drafts::Block;
pub use error::{DocxError, Found};
pub use limits::{DocxLimits, Exceeded};
pub use read::read_docx;
