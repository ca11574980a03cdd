//! How much a file may claim and hold before it is refused.
//!
//! Every file is hostile until checked: a 1 KB `.xlsx` can claim a sheet of
//! seventeen billion cells or a hundred billion shared strings, a 3 MB zip
//! can inflate to gigabytes, and an `.ods` row can repeat itself a million
//! times. The readers check such claims against [`Limits`] **before** they or
//! the libraries under them allocate for them, and stop streaming at the
//! limits on rows and cells; a file over a limit is refused with
//! [`SheetError::OverLimit`](crate::SheetError::OverLimit) naming the claim
//! and the limit, and nothing is kept of it.

use std::fmt;

/// The bounds a file is read within. [`Limits::default`] reads a province's
/// member file (200,000 rows of about twenty columns) with room to spare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file, in bytes, as stored (before inflating).
    pub max_file_bytes: u64,
    /// The most a zip container (xlsx, ods) may inflate to, all its parts
    /// together, in bytes.
    pub max_inflated_bytes: u64,
    /// The most parts a zip container may list.
    pub max_zip_entries: u64,
    /// The most worksheets a workbook may have.
    pub max_sheets: u64,
    /// The last row (1-based) that may hold data, in any sheet.
    pub max_rows: u64,
    /// The last column (1-based) that may hold data, in any sheet.
    pub max_columns: u64,
    /// The most non-empty cells of a whole file; also the most cells of the
    /// rectangle a sheet's data spans, for the formats whose reader lays a
    /// sheet out as one rectangle (xls, ods), and the most distinct texts an
    /// xlsx may share.
    pub max_cells: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 128 * 1024 * 1024,
            max_inflated_bytes: 384 * 1024 * 1024,
            max_zip_entries: 10_000,
            max_sheets: 256,
            max_rows: 300_000,
            max_columns: 1_024,
            max_cells: 6_000_000,
        }
    }
}

/// The names of the settings that override [`Limits::default`], with the
/// field each sets (see [`Limits::with_settings`]).
pub const SETTINGS: [&str; 7] = [
    "DAIHOI_SHEET_MAX_FILE_BYTES",
    "DAIHOI_SHEET_MAX_INFLATED_BYTES",
    "DAIHOI_SHEET_MAX_ZIP_ENTRIES",
    "DAIHOI_SHEET_MAX_SHEETS",
    "DAIHOI_SHEET_MAX_ROWS",
    "DAIHOI_SHEET_MAX_COLUMNS",
    "DAIHOI_SHEET_MAX_CELLS",
];

impl Limits {
    /// Whether a rectangle of `rows` × `columns` fits the limits on rows,
    /// columns and cells (what a reader that lays a sheet out as one
    /// rectangle would reserve).
    #[must_use]
    pub fn fits(&self, rows: u64, columns: u64) -> bool {
        rows <= self.max_rows && columns <= self.max_columns && rows.saturating_mul(columns) <= self.max_cells
    }

    /// These limits with the settings that `lookup` finds (by the names in
    /// [`SETTINGS`], for instance from the environment) in place of the
    /// defaults.
    ///
    /// # Errors
    ///
    /// A setting that is not a positive whole number, named with its value.
    pub fn with_settings(mut self, lookup: impl Fn(&str) -> Option<String>) -> Result<Limits, String> {
        let fields: [&mut u64; 7] = [
            &mut self.max_file_bytes,
            &mut self.max_inflated_bytes,
            &mut self.max_zip_entries,
            &mut self.max_sheets,
            &mut self.max_rows,
            &mut self.max_columns,
            &mut self.max_cells,
        ];
        for (name, field) in SETTINGS.into_iter().zip(fields) {
            if let Some(value) = lookup(name) {
                let cleaned: String = value.trim().chars().filter(|c| *c != '_').collect();
                match cleaned.parse::<u64>() {
                    Ok(n) if n > 0 => *field = n,
                    _ => return Err(format!("{name}={value:?}: expected a positive whole number")),
                }
            }
        }
        Ok(self)
    }
}

/// What a file claimed or held beyond a [`Limits`] bound; the numbers let a
/// caller say it in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LimitExceeded {
    /// The file itself is larger than [`Limits::max_file_bytes`].
    FileBytes {
        /// The file's size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// The zip container lists more parts than [`Limits::max_zip_entries`].
    ZipEntries {
        /// How many it claims.
        claimed: u64,
        /// The limit.
        limit: u64,
    },
    /// The zip container inflates to more than [`Limits::max_inflated_bytes`].
    Inflated {
        /// The limit.
        limit: u64,
    },
    /// More worksheets than [`Limits::max_sheets`].
    Sheets {
        /// How many the workbook has.
        count: u64,
        /// The limit.
        limit: u64,
    },
    /// An xlsx claims or holds more distinct shared texts than
    /// [`Limits::max_cells`].
    SharedStrings {
        /// How many it claims (or holds, at the point it was stopped).
        claimed: u64,
        /// The limit.
        limit: u64,
    },
    /// A sheet claims (xlsx `dimension`, ods repeated rows and columns, xls
    /// cell records) a larger rectangle than the limits allow.
    ClaimedArea {
        /// The rows claimed.
        rows: u64,
        /// The columns claimed.
        columns: u64,
        /// [`Limits::max_rows`].
        max_rows: u64,
        /// [`Limits::max_columns`].
        max_columns: u64,
        /// [`Limits::max_cells`].
        max_cells: u64,
    },
    /// Data in a row past [`Limits::max_rows`].
    Row {
        /// The 1-based row.
        row: u64,
        /// The limit.
        limit: u64,
    },
    /// Data in a column past [`Limits::max_columns`].
    Column {
        /// The 1-based row of the cell.
        row: u64,
        /// The 1-based column.
        column: u64,
        /// The limit.
        limit: u64,
    },
    /// More non-empty cells than [`Limits::max_cells`].
    Cells {
        /// The limit.
        limit: u64,
    },
}

impl LimitExceeded {
    /// A sheet claiming `rows` × `columns`, with the limits it is over.
    pub(crate) fn area(rows: u64, columns: u64, limits: &Limits) -> LimitExceeded {
        LimitExceeded::ClaimedArea {
            rows,
            columns,
            max_rows: limits.max_rows,
            max_columns: limits.max_columns,
            max_cells: limits.max_cells,
        }
    }
}

/// `17179869184` as `17,179,869,184`.
#[must_use]
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A size in bytes as people say it: `402,653,184` as `384 MB`, `1,500` as
/// `1.5 KB` (binary multiples, as file managers show them).
#[must_use]
pub fn bytes_text(n: u64) -> String {
    #[allow(clippy::cast_precision_loss)] // for display
    let x = n as f64;
    let (value, unit) = match n {
        0..1_024 => return format!("{n} bytes"),
        1_024..1_048_576 => (x / 1_024.0, "KB"),
        1_048_576..1_073_741_824 => (x / 1_048_576.0, "MB"),
        _ => (x / 1_073_741_824.0, "GB"),
    };
    if (value - value.round()).abs() < 0.05 { format!("{value:.0} {unit}") } else { format!("{value:.1} {unit}") }
}

impl fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let g = |n: &u64| grouped(*n);
        match self {
            LimitExceeded::FileBytes { bytes, limit } => {
                write!(f, "the file has {}; the limit is {}", bytes_text(*bytes), bytes_text(*limit))
            }
            LimitExceeded::ZipEntries { claimed, limit } => {
                write!(f, "the file claims {} parts; the limit is {}", g(claimed), g(limit))
            }
            LimitExceeded::Inflated { limit } => {
                write!(
                    f,
                    "the file unpacks to more than {}, the limit (a zip bomb, or far too much data)",
                    bytes_text(*limit)
                )
            }
            LimitExceeded::Sheets { count, limit } => {
                write!(f, "the file has {} sheets; the limit is {}", g(count), g(limit))
            }
            LimitExceeded::SharedStrings { claimed, limit } => {
                write!(f, "the file claims {} distinct texts; the limit is {}", g(claimed), g(limit))
            }
            LimitExceeded::ClaimedArea { rows, columns, max_rows, max_columns, max_cells } => write!(
                f,
                "the sheet claims {} rows × {} columns ({} cells); the limit is {} rows, {} columns and {} cells",
                g(rows),
                g(columns),
                g(&rows.saturating_mul(*columns)),
                g(max_rows),
                g(max_columns),
                g(max_cells)
            ),
            LimitExceeded::Row { row, limit } => {
                write!(f, "row {} holds data; the limit is {} rows", g(row), g(limit))
            }
            LimitExceeded::Column { row, column, limit } => {
                write!(f, "row {}, column {} holds data; the limit is {} columns", g(row), g(column), g(limit))
            }
            LimitExceeded::Cells { limit } => {
                write!(f, "the file holds more than {} non-empty cells, the limit", g(limit))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(17_179_869_184), "17,179,869,184");
    }

    #[test]
    fn sizes_are_said_as_people_say_them() {
        assert_eq!(bytes_text(512), "512 bytes");
        assert_eq!(bytes_text(1_536), "1.5 KB");
        assert_eq!(bytes_text(384 * 1_048_576), "384 MB");
        assert_eq!(bytes_text(3 * 1_073_741_824), "3 GB");
    }

    #[test]
    fn settings_override_defaults_and_bad_values_are_named() {
        let limits = Limits::default()
            .with_settings(|name| (name == "DAIHOI_SHEET_MAX_ROWS").then(|| "1_000".to_owned()))
            .expect("valid");
        assert_eq!(limits.max_rows, 1_000);
        assert_eq!(limits.max_cells, Limits::default().max_cells);
        let err = Limits::default()
            .with_settings(|name| (name == "DAIHOI_SHEET_MAX_CELLS").then(|| "lots".to_owned()))
            .unwrap_err();
        assert!(err.contains("DAIHOI_SHEET_MAX_CELLS=\"lots\""), "{err}");
        assert!(Limits::default().with_settings(|_| Some("0".to_owned())).is_err());
    }

    #[test]
    fn a_claim_says_what_and_the_limit() {
        let claim = LimitExceeded::ClaimedArea {
            rows: 1_048_576,
            columns: 16_384,
            max_rows: 300_000,
            max_columns: 1_024,
            max_cells: 6_000_000,
        };
        assert_eq!(
            claim.to_string(),
            "the sheet claims 1,048,576 rows × 16,384 columns (17,179,869,184 cells); \
             the limit is 300,000 rows, 1,024 columns and 6,000,000 cells"
        );
    }
}
