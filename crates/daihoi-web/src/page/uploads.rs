//! Uploaded spreadsheets, read as hostile files: within the server's
//! [`Limits`], on a blocking thread rather than an async worker, and only
//! a few at a time ([`Uploads`]), so that a large or malicious upload never
//! delays another user's page; refusals said in the reader's language.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::Multipart;
use axum::extract::multipart::{Field, MultipartError};
use daihoi_sheets::{FileKind, Format, LimitExceeded, Limits, SheetError, Workbook, bytes_text};
use tokio::sync::Semaphore;

use crate::i18n::Tr;

/// How many uploads are read at once by default; the others wait their turn.
pub const DEFAULT_READING_SLOTS: usize = 2;

/// The most refused rows a preview lists; the page gives the total.
pub const MAX_LISTED_PROBLEMS: usize = 200;

/// Where uploads are read: the limits they are read within and the slots
/// that bound how many are read at once.
#[derive(Debug)]
pub struct Uploads {
    limits: Limits,
    slots: Arc<Semaphore>,
}

impl Default for Uploads {
    fn default() -> Self {
        Uploads::new(Limits::default(), DEFAULT_READING_SLOTS)
    }
}

impl Uploads {
    /// Reads within `limits`, `slots` files at a time (at least one).
    #[must_use]
    pub fn new(limits: Limits, slots: usize) -> Uploads {
        Uploads { limits, slots: Arc::new(Semaphore::new(slots.max(1))) }
    }

    /// Reads an uploaded file as `format` and hands the workbook to
    /// `then` (the parsing and checking of its rows), both on a blocking
    /// thread once a reading slot is free.
    ///
    /// # Errors
    ///
    /// The file's refusal ([`SheetError`], boxed: it is large); a panic in
    /// `then` is resumed.
    pub async fn read<T, F>(&self, file: String, format: Format, bytes: Bytes, then: F) -> Result<T, Box<SheetError>>
    where
        T: Send + 'static,
        F: FnOnce(Workbook) -> T + Send + 'static,
    {
        let _slot = Arc::clone(&self.slots).acquire_owned().await.expect("the reading slots are never closed");
        let limits = self.limits;
        let work = tokio::task::spawn_blocking(move || {
            daihoi_sheets::read_bytes_within(&file, format, &bytes, &limits).map(then).map_err(Box::new)
        });
        match work.await {
            Ok(result) => result,
            Err(join) => std::panic::resume_unwind(join.into_panic()),
        }
    }
}

impl Uploads {
    /// Runs `work` (the reading of an upload that is not only a
    /// spreadsheet: a ballots file, CSV or sheet) on a blocking thread once
    /// a reading slot is free, with the limits uploads are read within.
    pub async fn run<T, F>(&self, work: F) -> T
    where
        T: Send + 'static,
        F: FnOnce(&Limits) -> T + Send + 'static,
    {
        let _slot = Arc::clone(&self.slots).acquire_owned().await.expect("the reading slots are never closed");
        let limits = self.limits;
        match tokio::task::spawn_blocking(move || work(&limits)).await {
            Ok(result) => result,
            Err(join) => std::panic::resume_unwind(join.into_panic()),
        }
    }
}

/// Converts a workbook typed in a legacy Vietnamese encoding (TCVN3, VNI)
/// to Unicode, and says which encoding it was: a preview shows the
/// converted text and says so, for the reader to check before confirming.
pub fn convert_legacy(wb: &mut Workbook) -> Option<daihoi_sheets::LegacyEncoding> {
    let encoding = wb.legacy.as_ref().map(|found| found.encoding)?;
    daihoi_sheets::convert_workbook(wb, encoding);
    Some(encoding)
}

/// Why an upload's file field could not be taken.
#[derive(Debug)]
pub enum FieldRefusal {
    /// The request is larger than the route accepts.
    TooLarge,
    /// The request broke off or is not a valid form.
    Broken,
}

impl FieldRefusal {
    /// An upload over the route's limit told apart from a broken request.
    pub fn of(error: &MultipartError) -> FieldRefusal {
        if error.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            FieldRefusal::TooLarge
        } else {
            FieldRefusal::Broken
        }
    }
}

/// The bytes of a file field.
pub async fn field_bytes(field: Field<'_>) -> Result<Bytes, FieldRefusal> {
    field.bytes().await.map_err(|e| FieldRefusal::of(&e))
}

/// "… and 1,234 more; 1,434 in all" when `listed` of `total` problems are
/// shown.
pub fn problems_more(tr: Tr, listed: usize, total: usize) -> Option<String> {
    (total > listed).then(|| {
        tr.t_args("problems-more", &[("more", tr.number((total - listed) as u64)), ("total", tr.number(total as u64))])
    })
}

/// Reads a multipart form keeping only the file field `name`: its file
/// name and bytes, or `None` when no file was chosen.
pub async fn file_field(multipart: &mut Multipart, name: &str) -> Result<Option<(String, Bytes)>, FieldRefusal> {
    let mut upload = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| FieldRefusal::of(&e))? {
        if field.name() == Some(name) {
            let file = field.file_name().unwrap_or("").to_owned();
            let bytes = field_bytes(field).await?;
            upload = Some((file, bytes));
        }
    }
    Ok(upload.filter(|(file, bytes)| !file.is_empty() && !bytes.is_empty()))
}

/// A multipart form's text fields among `names` (each at most `max_text`
/// bytes, refused as [`FieldRefusal::Broken`] beyond) and its file field
/// `file`: the file's name and bytes, or `None` when no file was chosen.
/// Other fields are read and left.
pub async fn fields(
    multipart: &mut Multipart,
    names: &[&str],
    file: &str,
    max_text: usize,
) -> Result<(std::collections::HashMap<String, String>, Option<(String, Bytes)>), FieldRefusal> {
    let mut texts = std::collections::HashMap::new();
    let mut upload = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| FieldRefusal::of(&e))? {
        let Some(name) = field.name().map(str::to_owned) else { continue };
        if name == file {
            let file_name = field.file_name().unwrap_or("").to_owned();
            let bytes = field_bytes(field).await?;
            upload = Some((file_name, bytes));
        } else if names.contains(&name.as_str()) {
            let bytes = field_bytes(field).await?;
            if bytes.len() > max_text {
                return Err(FieldRefusal::Broken);
            }
            let text = String::from_utf8(bytes.to_vec()).map_err(|_| FieldRefusal::Broken)?;
            texts.insert(name, text);
        }
    }
    Ok((texts, upload.filter(|(f, b)| !f.is_empty() && !b.is_empty())))
}

/// "The upload than 40 MB, the limit" in the reader's language.
pub fn too_large_text(tr: Tr, max_bytes: usize) -> String {
    tr.t1("upload-too-large", "max", bytes_text(max_bytes as u64))
}

/// A file's refusal in the reader's language: the file, where in it, what
/// it claims or holds, and the limit.
pub fn sheet_error_text(tr: Tr, error: &SheetError) -> String {
    let n = |x: &u64| tr.number(*x);
    match error {
        SheetError::OverLimit { file, sheet, exceeded } => {
            let what = match exceeded {
                LimitExceeded::FileBytes { bytes, limit } => {
                    tr.t_args("sheet-limit-file-bytes", &[("bytes", bytes_text(*bytes)), ("limit", bytes_text(*limit))])
                }
                LimitExceeded::ZipEntries { claimed, limit } => {
                    tr.t_args("sheet-limit-zip-entries", &[("claimed", n(claimed)), ("limit", n(limit))])
                }
                LimitExceeded::Inflated { limit } => tr.t1("sheet-limit-inflated", "limit", bytes_text(*limit)),
                LimitExceeded::Sheets { count, limit } => {
                    tr.t_args("sheet-limit-sheets", &[("count", n(count)), ("limit", n(limit))])
                }
                LimitExceeded::SharedStrings { claimed, limit } => {
                    tr.t_args("sheet-limit-shared-strings", &[("claimed", n(claimed)), ("limit", n(limit))])
                }
                LimitExceeded::ClaimedArea { rows, columns, max_rows, max_columns, max_cells } => tr.t_args(
                    "sheet-limit-claimed-area",
                    &[
                        ("rows", n(rows)),
                        ("columns", n(columns)),
                        ("cells", n(&rows.saturating_mul(*columns))),
                        ("max_rows", n(max_rows)),
                        ("max_columns", n(max_columns)),
                        ("max_cells", n(max_cells)),
                    ],
                ),
                LimitExceeded::Row { row, limit } => {
                    tr.t_args("sheet-limit-row", &[("row", n(row)), ("limit", n(limit))])
                }
                LimitExceeded::Column { row, column, limit } => {
                    tr.t_args("sheet-limit-column", &[("row", n(row)), ("column", n(column)), ("limit", n(limit))])
                }
                LimitExceeded::Cells { limit } => tr.t1("sheet-limit-cells", "limit", n(limit)),
                _ => exceeded.to_string(),
            };
            match sheet {
                Some(sheet) => tr.t_args(
                    "sheet-refused-in-sheet",
                    &[("file", file.clone()), ("sheet", sheet.clone()), ("what", what)],
                ),
                None => tr.t_args("sheet-refused", &[("file", file.clone()), ("what", what)]),
            }
        }
        SheetError::NotThisFormat { file, format, found } => tr.t_args(
            "sheet-not-this-format",
            &[("file", file.clone()), ("format", format.to_string()), ("found", tr.t(kind_key(*found)))],
        ),
        SheetError::Corrupt { file, format, source } => tr.t_args(
            "sheet-damaged",
            &[("file", file.clone()), ("format", format.to_string()), ("detail", source.to_string())],
        ),
        SheetError::SheetUnreadable { file, sheet, source } => tr.t_args(
            "sheet-sheet-damaged",
            &[("file", file.clone()), ("sheet", sheet.clone()), ("detail", source.to_string())],
        ),
        SheetError::InvalidUtf8 { file, line, column } => tr.t_args(
            "sheet-invalid-utf8",
            &[("file", file.clone()), ("line", line.to_string()), ("column", column.to_string())],
        ),
        _ => error.to_string(),
    }
}

/// The Fluent key for what a file's first bytes look like.
fn kind_key(found: FileKind) -> &'static str {
    match found {
        FileKind::Zip => "sheet-kind-zip",
        FileKind::Compound => "sheet-kind-compound",
        FileKind::Pdf => "sheet-kind-pdf",
        FileKind::Rtf => "sheet-kind-rtf",
        FileKind::Markup => "sheet-kind-markup",
        FileKind::Empty => "sheet-kind-empty",
        FileKind::Text => "sheet-kind-text",
        _ => "sheet-kind-unknown",
    }
}
