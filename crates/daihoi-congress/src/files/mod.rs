//! The congress's own files (issue 15, "Bad input"): the roll (`roll`) and
//! a session's attendance (`attendance`), one row per person, turned from
//! the text cells of one sheet into checked rows. Pure, as `sheet` (the
//! plan file) is: reading the workbook is `daihoi-sheets`' job; finding the
//! people, the organizations and the rules that need the database are the
//! store's.
//!
//! A row names its person by the Party card number, which makes an import
//! idempotent. Every cell is checked before anything is written, and every
//! problem is named with its sheet, row, column and the rule it applies.

pub mod allocation;
pub mod attendance;
pub mod roll;

use std::fmt;

use daihoi_core::members::BadCardNumber;
use daihoi_core::members::import::column_letter;
use daihoi_core::org::BadOrgCode;
use daihoi_core::search_key;
use daihoi_core::sheet_header::{HEADER_SEARCH_ROWS, HeaderFault, HeaderMap, SheetColumn};

/// The longest text a decision or a reason may have, in characters.
pub const MAX_TEXT: usize = 200;

/// The most rows (below the header) a congress's file may have: the 14th
/// National Congress had 1,588 delegates; more is not a roll.
pub const MAX_ROWS: usize = 5_000;

/// The highest alternate's rank a file may give (C-DEL-10).
pub const MAX_RANK: u32 = 5_000;

/// A column of one of the congress's files.
pub trait FileColumn: SheetColumn + fmt::Debug + Eq + std::hash::Hash {
    /// The English key, also accepted as a header.
    fn key(self) -> &'static str;
    /// The Vietnamese header of the template.
    fn header(self) -> &'static str;
    /// Other headers people write (as search keys: lower case, no diacritics).
    fn aliases(self) -> &'static [&'static str];
}

/// Whether `header` names `column` (its key, its header or an alias; a key
/// in brackets decides: "Số thẻ đảng viên (card)").
pub(crate) fn matches_header<C: FileColumn>(column: C, header: &str) -> bool {
    let key = search_key(header);
    if let Some(inner) = key.rsplit_once('(').and_then(|(_, r)| r.strip_suffix(')'))
        && C::all().iter().any(|c| c.key() == inner.trim())
    {
        return inner.trim() == column.key();
    }
    let key = key.trim_end_matches(['*', ':']).trim();
    key == column.key() || key == search_key(column.header()) || column.aliases().contains(&key)
}

/// A column as a message names it: `Số thẻ đảng viên (card)`.
pub struct Named<C>(pub C);

impl<C: FileColumn> fmt::Display for Named<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.0.header(), self.0.key())
    }
}

/// Why no sheet of a file could be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("the file has no sheet")]
    NoSheet,
    /// No row among the first ones names every required column.
    #[error(
        "sheet \"{sheet}\": no header row in the first {HEADER_SEARCH_ROWS} rows: the required columns {missing} were not found"
    )]
    Missing { sheet: String, missing: String },
    /// `row` is 1-based.
    #[error("sheet \"{sheet}\", header row {row}: column {column} appears twice (columns {first} and {second})")]
    Duplicate { sheet: String, row: usize, column: String, first: String, second: String },
    /// More rows than a congress's file has.
    #[error("sheet \"{sheet}\": {rows} rows, more than the {MAX_ROWS} a congress's file may have")]
    TooManyRows { sheet: String, rows: usize },
}

fn header_error<C: FileColumn>(sheet: &str, fault: HeaderFault<C>) -> FileError {
    match fault {
        HeaderFault::Missing(missing) => FileError::Missing {
            sheet: sheet.to_owned(),
            missing: missing.iter().map(|c| Named(*c).to_string()).collect::<Vec<_>>().join(", "),
        },
        HeaderFault::Duplicate { row, column, first, second } => FileError::Duplicate {
            sheet: sheet.to_owned(),
            row,
            column: Named(column).to_string(),
            first: column_letter(first),
            second: column_letter(second),
        },
    }
}

/// What is wrong with one cell.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("required, but empty")]
    Missing,
    #[error("{0}")]
    Card(#[from] BadCardNumber),
    #[error("{0}")]
    OrgCode(#[from] BadOrgCode),
    #[error("C-DEL-8: expected bầu (elected), chỉ định (designated) or dự khuyết (alternate)")]
    Seat,
    #[error("C-DEL-2: an elected delegate needs the code of the organization whose congress elected them")]
    ElectedByMissing,
    #[error("C-DEL-8: a designated delegate needs the decision that designates them")]
    DecisionMissing,
    #[error("C-DEL-10: an alternate needs their rank (1, 2, 3 …)")]
    RankMissing,
    #[error("not a rank (a whole number from 1 to {MAX_RANK})")]
    Rank,
    #[error("C-DEL-8: only for a seat of another kind; leave it empty")]
    NotForSeat,
    #[error("at most {MAX_TEXT} characters, without line breaks or control characters")]
    Text,
    #[error("C-DEL-9: the person appears twice in the file (first on row {0})")]
    Twice(usize),
    #[error("C-DEL-10: an alternate of this rank is on row {0} already")]
    RankTwice(usize),
    #[error("expected x or có for present, or nothing")]
    Presence,
    #[error("expected x or có when the convening committee accepted the reason, or nothing")]
    Accepted,
    #[error("R-BASE-1: a person checked in has no reason for absence")]
    PresentWithReason,
    #[error("R-BASE-1: an absence needs its reason")]
    ReasonMissing,
    #[error("C-DEL-8: expected đương nhiên (ex officio), được bầu (elected) or chỉ định (designated)")]
    Mode,
    #[error("not a number of seats (a whole number from 0 to 5000)")]
    Seats,
    #[error("C-DEL-2: the organization appears twice in the file (first on row {0})")]
    OrgTwice(usize),
}

impl Problem {
    /// The rule the problem applies, when it is one of the domain's.
    pub fn rule(&self) -> Option<&'static str> {
        match self {
            Problem::Seat | Problem::Mode | Problem::DecisionMissing | Problem::NotForSeat => Some("C-DEL-8"),
            Problem::ElectedByMissing | Problem::OrgTwice(_) => Some("C-DEL-2"),
            Problem::RankMissing | Problem::RankTwice(_) => Some("C-DEL-10"),
            Problem::Twice(_) => Some("C-DEL-9"),
            Problem::PresentWithReason | Problem::ReasonMissing => Some("R-BASE-1"),
            _ => None,
        }
    }
}

/// A problem in one cell of a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem<C> {
    pub sheet: String,
    /// The row as the spreadsheet numbers it (1-based).
    pub row: usize,
    pub column: C,
    /// The column's 0-based index in the sheet.
    pub index: usize,
    /// The cell's text.
    pub value: String,
    pub problem: Problem,
}

/// `sheet "Danh sách", row 5, column C (Loại đại biểu (seat)) "x": …`
impl<C: FileColumn> fmt::Display for CellProblem<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "sheet \"{}\", row {}, column {} ({})",
            self.sheet,
            self.row,
            column_letter(self.index),
            Named(self.column)
        )?;
        if !self.value.is_empty() {
            write!(f, " {:?}", self.value)?;
        }
        write!(f, ": {}", self.problem)
    }
}

/// The rows of a sheet, checked on their own.
#[derive(Debug, Clone)]
pub struct ParsedFile<C, R> {
    pub sheet: String,
    pub header: HeaderMap<C>,
    pub rows: Vec<R>,
    pub problems: Vec<CellProblem<C>>,
    /// Rows that name a person and record nothing.
    pub skipped: usize,
}

impl<C: FileColumn, R> ParsedFile<C, R> {
    /// The rows read: the good ones, the bad ones (once each).
    pub fn rows_read(&self) -> usize {
        let bad: std::collections::BTreeSet<usize> = self.problems.iter().map(|p| p.row).collect();
        self.rows.len() + bad.len()
    }

    /// A problem of row `line`'s cell in `column`.
    pub(crate) fn problem(&self, row: &[String], line: usize, column: C, problem: Problem) -> CellProblem<C> {
        cell_problem(&self.sheet, &self.header, row, line, column, problem)
    }
}

pub(crate) fn cell_problem<C: FileColumn>(
    sheet: &str,
    header: &HeaderMap<C>,
    row: &[String],
    line: usize,
    column: C,
    problem: Problem,
) -> CellProblem<C> {
    CellProblem {
        sheet: sheet.to_owned(),
        row: line,
        column,
        index: header.position(column).unwrap_or(0),
        value: header.cell(row, column).to_owned(),
        problem,
    }
}

/// What a file's rows are: how one row is read.
pub(crate) trait RowParser {
    type Column: FileColumn;
    type Row;
    /// Checks one row (`line` is 1-based): `Ok(None)` when it records
    /// nothing (skipped); every problem of the row otherwise.
    fn parse(
        sheet: &str,
        header: &HeaderMap<Self::Column>,
        line: usize,
        row: &[String],
    ) -> Result<Option<Self::Row>, Vec<CellProblem<Self::Column>>>;
}

/// Finds the header of a sheet and checks every row below it (blank rows
/// skipped); refuses a sheet of more than [`MAX_ROWS`] rows before reading
/// any.
pub(crate) fn parse_sheet<P: RowParser>(
    sheet: &str,
    rows: &[Vec<String>],
) -> Result<ParsedFile<P::Column, P::Row>, FileError> {
    let header = HeaderMap::<P::Column>::find(rows).map_err(|f| header_error(sheet, f))?;
    let body = &rows[header.row + 1..];
    if body.len() > MAX_ROWS {
        // Trailing blank rows do not count (a sheet formatted to its end).
        let used = body.iter().rposition(|r| !header.is_blank(r)).map_or(0, |i| i + 1);
        if used > MAX_ROWS {
            return Err(FileError::TooManyRows { sheet: sheet.to_owned(), rows: used });
        }
    }
    let mut parsed = ParsedFile { sheet: sheet.to_owned(), header, rows: Vec::new(), problems: Vec::new(), skipped: 0 };
    for (i, row) in rows.iter().enumerate().skip(parsed.header.row + 1) {
        if parsed.header.is_blank(row) {
            continue;
        }
        match P::parse(sheet, &parsed.header, i + 1, row) {
            Ok(Some(r)) => parsed.rows.push(r),
            Ok(None) => parsed.skipped += 1,
            Err(problems) => parsed.problems.extend(problems),
        }
    }
    Ok(parsed)
}

/// The first of `sheets` (name, rows) that has the file's columns, parsed.
pub(crate) fn first_sheet<'a, P: RowParser>(
    sheets: impl IntoIterator<Item = (&'a str, &'a [Vec<String>])>,
) -> Result<ParsedFile<P::Column, P::Row>, FileError> {
    let mut first_error = None;
    for (name, rows) in sheets {
        match parse_sheet::<P>(name, rows) {
            Ok(parsed) => return Ok(parsed),
            Err(e @ FileError::TooManyRows { .. }) => return Err(e),
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    Err(first_error.unwrap_or(FileError::NoSheet))
}

/// A free text (a decision, a reason): one line, at most [`MAX_TEXT`].
pub(crate) fn text(t: &str) -> Result<&str, Problem> {
    if t.chars().count() > MAX_TEXT || t.chars().any(char::is_control) {
        return Err(Problem::Text);
    }
    Ok(t)
}

/// `x`, `có`, `yes`, `1`: true; nothing, `không`, `no`, `0`: false.
pub(crate) fn yes(t: &str, problem: Problem) -> Result<bool, Problem> {
    match search_key(t).trim() {
        "" | "khong" | "no" | "0" => Ok(false),
        "x" | "co" | "yes" | "1" | "co mat" | "present" => Ok(true),
        _ => Err(problem),
    }
}
