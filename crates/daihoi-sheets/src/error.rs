//! The error type of this crate.

use crate::read::Format;

/// Everything that can go wrong while reading or writing a spreadsheet.
///
/// Every message names the file (as the caller gave it) and, where it makes
/// sense, the sheet, row and column, so it can be shown to the person who
/// uploaded or asked for the file. Rows and columns are 1-based, as Excel
/// shows them.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SheetError {
    /// The file name has no extension this crate knows.
    #[error("{file}: unsupported file type (expected .xlsx, .xlsm, .xls, .ods, .csv, .tsv or .txt)")]
    UnsupportedFormat {
        /// The file, as given.
        file: String,
    },

    /// The file could not be read from disk.
    #[error("cannot read {file}: {source}")]
    ReadIo {
        /// The file, as given.
        file: String,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },

    /// The bytes are not a valid file of the expected format (damaged,
    /// password-protected, or another format with a misleading extension).
    #[error("{file} is not a readable {format} file: {source}")]
    Corrupt {
        /// The file, as given.
        file: String,
        /// The format the file was read as.
        format: Format,
        /// What the spreadsheet reader found.
        #[source]
        source: calamine::Error,
    },

    /// The file claims or holds more than the [`Limits`](crate::Limits) it
    /// is read within; nothing of it is kept.
    #[error("{file}{}: {exceeded}", sheet.as_ref().map(|s| format!(", sheet \"{s}\"")).unwrap_or_default())]
    OverLimit {
        /// The file, as given.
        file: String,
        /// The sheet, where the limit is one of a sheet.
        sheet: Option<String>,
        /// What was over which limit.
        exceeded: crate::LimitExceeded,
    },

    /// The file's content is not of the format its name says.
    #[error("{file} is not an {format} file: its content looks like {found}")]
    NotThisFormat {
        /// The file, as given.
        file: String,
        /// The format its name says.
        format: Format,
        /// What its first bytes look like.
        found: crate::FileKind,
    },

    /// A text (CSV) file in UTF-8 with a byte that is not UTF-8: the file
    /// was damaged or pieced together from files in two encodings.
    #[error(
        "{file}, line {line}, character {column}: a byte that is not UTF-8 text in a UTF-8 file (the file is damaged or mixes encodings)"
    )]
    InvalidUtf8 {
        /// The file, as given.
        file: String,
        /// The 1-based line of the first such byte.
        line: u64,
        /// The 1-based character on that line.
        column: u64,
    },

    /// One sheet of an otherwise readable workbook could not be read.
    #[error("{file}, sheet \"{sheet}\": cannot read the sheet: {source}")]
    SheetUnreadable {
        /// The file, as given.
        file: String,
        /// The sheet's name.
        sheet: String,
        /// What the spreadsheet reader found.
        #[source]
        source: calamine::Error,
    },

    /// A text (CSV) file whose character encoding cannot be decoded.
    #[error("{file}: {problem}")]
    Encoding {
        /// The file, as given.
        file: String,
        /// What is wrong with the text.
        problem: &'static str,
    },

    /// A CSV record could not be parsed.
    #[error("{file}, row {row}: {source}")]
    CsvRead {
        /// The file, as given.
        file: String,
        /// The 1-based row of the record.
        row: u64,
        /// The CSV parser's error.
        #[source]
        source: csv::Error,
    },

    /// A CSV file could not be written.
    #[error("cannot write {file}: {source}")]
    CsvWrite {
        /// The file, as given.
        file: String,
        /// The CSV writer's error (usually an I/O error).
        #[source]
        source: csv::Error,
    },

    /// A file could not be created or written.
    #[error("cannot write {file}: {source}")]
    WriteIo {
        /// The file, as given.
        file: String,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },

    /// The xlsx writer failed outside any particular cell (sheet name,
    /// column widths, saving the file).
    #[error("cannot write {file}: {source}")]
    Xlsx {
        /// The file, as given.
        file: String,
        /// The xlsx writer's error.
        #[source]
        source: rust_xlsxwriter::XlsxError,
    },

    /// The xlsx writer rejected one cell (for example a text longer than
    /// Excel's 32,767 characters).
    #[error("cannot write {file}, row {row}, column {column}: {source}")]
    XlsxCell {
        /// The file, as given.
        file: String,
        /// The 1-based row in the written sheet (the header is row 1).
        row: u64,
        /// The 1-based column.
        column: u64,
        /// The xlsx writer's error.
        #[source]
        source: rust_xlsxwriter::XlsxError,
    },

    /// More rows or columns than one Excel sheet can hold.
    #[error("cannot write {file}: more than {max} {what} do not fit in one sheet")]
    TooLarge {
        /// The file, as given.
        file: String,
        /// `"rows"` or `"columns"`.
        what: &'static str,
        /// The largest number that fits.
        max: u64,
    },

    /// A [`Cell::Date`](crate::Cell::Date) that is not a calendar date
    /// (or, for xlsx, lies outside Excel's 1900–9999 range).
    #[error("cannot write {file}, row {row}, column {column}: invalid date {year:04}-{month:02}-{day:02}")]
    InvalidDate {
        /// The file, as given.
        file: String,
        /// The 1-based row in the written file (the header is row 1).
        row: u64,
        /// The 1-based column.
        column: u64,
        /// The year given.
        year: i32,
        /// The month given.
        month: u8,
        /// The day given.
        day: u8,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_thread_safe_and_static() {
        fn assert_bounds<T: Send + Sync + 'static + std::error::Error>() {}
        assert_bounds::<SheetError>();
    }

    #[test]
    fn messages_name_the_file_and_position() {
        let err = SheetError::InvalidDate { file: "ds.xlsx".into(), row: 3, column: 2, year: 2024, month: 2, day: 30 };
        assert_eq!(err.to_string(), "cannot write ds.xlsx, row 3, column 2: invalid date 2024-02-30");
        let err = SheetError::UnsupportedFormat { file: "a.pdf".into() };
        assert!(err.to_string().starts_with("a.pdf: unsupported file type"));
    }
}
