//! Spreadsheet and CSV input/output for daihoi.
//!
//! This crate knows nothing about Party members, congresses or databases: it
//! turns files into rows of text and rows of [`Cell`]s into files.
//!
//! * Reading ([`read_path`], [`read_bytes`]): xlsx/xlsm, xls, ods and CSV
//!   become a [`Workbook`] whose cells hold the text a person sees in Excel.
//!   `rows[i][j]` is Excel's cell at row `i + 1`, column `j` (A = 0), so row
//!   numbers in messages match what the user sees.
//! * Legacy Vietnamese encodings ([`detect`], [`to_unicode`],
//!   [`detect_workbook`], [`convert_workbook`]): old office files typed in
//!   TCVN3 (ABC, `.VnTime`) or VNI (`VNI-Times`) fonts are recognised and
//!   converted to Unicode.
//! * Writing ([`write_xlsx`], [`write_csv`]): streamed, so exports of
//!   hundreds of thousands of rows stay cheap.
//!
//! The zip checks are also there for other zip-based formats
//! ([`check_zip_container`], the `.docx` of daihoi-docx).
//!
//! Every failure is a [`SheetError`] naming the file; no input makes this
//! crate panic, and none makes it allocate past its [`Limits`]: a file's
//! claims are checked before the readers size anything by them.

mod container;
mod error;
mod legacy;
mod limits;
mod read;
mod write;

pub use container::{FileKind, Refusal, check_zip_container};
pub use error::SheetError;
pub use legacy::{LegacyEncoding, LegacyFinding, convert_workbook, detect, detect_workbook, from_unicode, to_unicode};
pub use limits::{LimitExceeded, Limits, SETTINGS as LIMIT_SETTINGS, bytes_text, grouped};
pub use read::{Format, Sheet, Workbook, read_bytes, read_bytes_within, read_path, read_path_within};
pub use write::{Cell, ListColumn, SheetOut, csv_bytes, write_csv, write_xlsx, xlsx_bytes, xlsx_template_bytes};
