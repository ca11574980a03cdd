//! The header row of a spreadsheet a clerk imports (the member list, the
//! task file): found among the top rows, whatever stands above it (a
//! title, a date), each known column by its header, the others ignored.
//! Each file says which columns it has and how their headers read
//! ([`SheetColumn`]); this module only finds them.

/// A column of an imported file.
pub trait SheetColumn: Copy + PartialEq + 'static {
    /// Every column, in the file's usual order.
    fn all() -> &'static [Self];
    /// Whether the file is refused without it.
    fn required(self) -> bool;
    /// Whether a header cell names this column.
    fn matches_header(self, header: &str) -> bool;
}

/// How many rows from the top may stand above the header (a title, a date).
pub const HEADER_SEARCH_ROWS: usize = 10;

/// Where each column is in the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMap<C> {
    /// Index (0-based) of the header row in the sheet.
    pub row: usize,
    positions: Vec<(C, usize)>,
    /// Headers of columns that are not part of the set, ignored.
    pub ignored: Vec<String>,
}

/// Why no header row was found; each file turns it into its own error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderFault<C> {
    /// No row among the first [`HEADER_SEARCH_ROWS`] names every required
    /// column: those the closest row lacks.
    Missing(Vec<C>),
    /// `row` is 1-based, `first` and `second` are 0-based column indices.
    Duplicate { row: usize, column: C, first: usize, second: usize },
}

impl<C: SheetColumn> HeaderMap<C> {
    /// Finds the header row: the first of the top rows that names every
    /// required column.
    pub fn find(rows: &[Vec<String>]) -> Result<HeaderMap<C>, HeaderFault<C>> {
        let mut best_missing: Option<Vec<C>> = None;
        for (r, row) in rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
            let mut positions: Vec<(C, usize)> = Vec::new();
            let mut ignored = Vec::new();
            for (c, cell) in row.iter().enumerate() {
                if cell.trim().is_empty() {
                    continue;
                }
                match C::all().iter().copied().find(|col| col.matches_header(cell)) {
                    Some(col) => {
                        if let Some(&(_, first)) = positions.iter().find(|(k, _)| *k == col) {
                            return Err(HeaderFault::Duplicate { row: r + 1, column: col, first, second: c });
                        }
                        positions.push((col, c));
                    }
                    None => ignored.push(cell.trim().to_owned()),
                }
            }
            let missing: Vec<C> =
                C::all().iter().copied().filter(|c| c.required() && !positions.iter().any(|(k, _)| k == c)).collect();
            if missing.is_empty() {
                return Ok(HeaderMap { row: r, positions, ignored });
            }
            if best_missing.as_ref().is_none_or(|b| missing.len() < b.len()) {
                best_missing = Some(missing);
            }
        }
        let missing = best_missing.unwrap_or_else(|| C::all().iter().copied().filter(|c| c.required()).collect());
        Err(HeaderFault::Missing(missing))
    }

    /// The 0-based index of a column in the sheet, if present.
    pub fn position(&self, column: C) -> Option<usize> {
        self.positions.iter().find(|(c, _)| *c == column).map(|&(_, i)| i)
    }

    /// A row's cell in `column`, trimmed; empty when the column is absent.
    pub fn cell<'a>(&self, row: &'a [String], column: C) -> &'a str {
        self.position(column).and_then(|i| row.get(i)).map_or("", |s| s.trim())
    }

    /// Whether a row has nothing in any known column (skipped, not an error).
    pub fn is_blank(&self, row: &[String]) -> bool {
        self.positions.iter().all(|&(_, i)| row.get(i).is_none_or(|s| s.trim().is_empty()))
    }
}
