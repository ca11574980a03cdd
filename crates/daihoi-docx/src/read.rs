//! The container checked, its two parts found and read.

use std::io::{BufReader, Cursor};
use std::panic::{self, AssertUnwindSafe};

use daihoi_drafts::Block;
use daihoi_sheets::Refusal;

use crate::document::read_document;
use crate::error::{DocxError, Found};
use crate::limits::{DocxLimits, Exceeded};
use crate::styles::{Styles, read_styles};

/// The main part of a Word document.
pub(crate) const DOCUMENT: &str = "word/document.xml";
/// Its styles.
pub(crate) const STYLES: &str = "word/styles.xml";

/// Why reading stopped, before the file name is put to it.
#[derive(Debug)]
pub(crate) enum Stop {
    Damaged(String),
    Over(Exceeded),
}

/// Reads a `.docx` held in memory (an upload, for instance) within
/// `limits`, into its headings and paragraphs in reading order (see the
/// [crate] documentation for what is read and what is ignored).
///
/// `file_name` is only used in messages.
///
/// # Errors
///
/// [`DocxError::NotDocx`] when the bytes are not a Word document (saying
/// what they look like), [`DocxError::Damaged`] when they are one that
/// cannot be read, [`DocxError::OverLimit`] when the file claims or holds
/// more than `limits` (naming the limit, its figure and, for a paragraph,
/// its number).
pub fn read_docx(file_name: &str, bytes: &[u8], limits: &DocxLimits) -> Result<Vec<Block>, DocxError> {
    let file = || file_name.to_owned();
    daihoi_sheets::check_zip_container(bytes, &limits.container()).map_err(|refusal| match refusal {
        Refusal::Limit(exceeded) => DocxError::OverLimit { file: file(), exceeded: Exceeded::Container(exceeded) },
        Refusal::OtherKind(kind) => DocxError::NotDocx { file: file(), found: Found::from(kind) },
        Refusal::Damaged(problem) => DocxError::Damaged { file: file(), problem: problem.to_owned() },
        _ => DocxError::Damaged { file: file(), problem: "the zip container cannot be read".to_owned() },
    })?;
    let read = panic::catch_unwind(AssertUnwindSafe(|| read_checked(bytes, limits)));
    match read {
        Ok(Ok(blocks)) => Ok(blocks),
        Ok(Err(Refused::NotDocx(found))) => Err(DocxError::NotDocx { file: file(), found }),
        Ok(Err(Refused::Stop(Stop::Damaged(problem)))) => Err(DocxError::Damaged { file: file(), problem }),
        Ok(Err(Refused::Stop(Stop::Over(exceeded)))) => Err(DocxError::OverLimit { file: file(), exceeded }),
        Err(_) => Err(DocxError::Damaged {
            file: file(),
            problem: "the reader stopped on an inconsistency in the file".to_owned(),
        }),
    }
}

enum Refused {
    NotDocx(Found),
    Stop(Stop),
}

impl From<Stop> for Refused {
    fn from(stop: Stop) -> Self {
        Refused::Stop(stop)
    }
}

/// Reads a container that passed the zip checks.
fn read_checked(bytes: &[u8], limits: &DocxLimits) -> Result<Vec<Block>, Refused> {
    let damaged = || Refused::Stop(Stop::Damaged("the zip container cannot be read".to_owned()));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| damaged())?;
    // Names as Word writes them; a tool that wrote them in other cases is
    // forgiven (the entries were counted within the limits).
    let names: Vec<String> = archive.file_names().filter_map(|name| name.ok().map(|n| n.into_owned())).collect();
    let find = |wanted: &str| names.iter().find(|name| name.eq_ignore_ascii_case(wanted)).cloned();
    let (document, styles) = (find(DOCUMENT), find(STYLES));
    let Some(document) = document else {
        return Err(Refused::NotDocx(what_zip(names.iter().map(String::as_str))));
    };
    let styles = match styles {
        Some(name) => {
            let part = archive.by_name(&name).map_err(|_| damaged())?;
            read_styles(BufReader::new(part), limits)?
        }
        None => Styles::default(),
    };
    let part = archive.by_name(&document).map_err(|_| damaged())?;
    Ok(read_document(BufReader::new(part), &styles, limits)?)
}

/// What a zip without `word/document.xml` looks like.
fn what_zip<'a>(mut names: impl Iterator<Item = &'a str>) -> Found {
    let mut found = Found::OtherZip;
    for name in names.by_ref() {
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("xl/") {
            return Found::Workbook;
        } else if lower.starts_with("ppt/") {
            return Found::Presentation;
        } else if lower == "content.xml" || lower == "mimetype" {
            found = Found::OpenDocument;
        }
    }
    found
}
