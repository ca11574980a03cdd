//! The task file (bảng nhiệm vụ) of T-7: its columns, and turning the rows of
//! text cells of one sheet into checked [`TaskRow`]s. Pure: reading the file
//! is `daihoi-sheets`' job, matching the rows against the register, the tree
//! and the stored tasks is the store's.
//!
//! A row names its task by an external id (mã nhiệm vụ), which makes an
//! import idempotent: the same file imported twice updates, never
//! duplicates. The source document (T-1) is named by its number and its
//! issue date, because a number alone does not identify a document
//! (D-NUM-5); the parent task (T-2) by its external id.

use std::fmt;

use daihoi_core::date::{parse_date, vi};
use daihoi_core::members::import::column_letter;
use daihoi_core::org::BadOrgCode;
use daihoi_core::sheet_header::{HEADER_SEARCH_ROWS, HeaderFault};
use daihoi_core::{OrgCode, search_key};
use daihoi_documents::{DocNumber, NumberError, NumberWarning, Registry, parse_dated, parse_number};
use time::Date;

use crate::Weight;

/// The longest external id accepted, in characters.
pub const MAX_EXTERNAL_ID: usize = 64;

/// A column of the task file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    ExternalId,
    DocumentNumber,
    DocumentDate,
    Clause,
    Title,
    Assignee,
    Parent,
    Weight,
    Deadline,
    Classification,
}

impl Column {
    /// In template (and export) order.
    pub const ALL: [Column; 10] = [
        Column::ExternalId,
        Column::DocumentNumber,
        Column::DocumentDate,
        Column::Clause,
        Column::Title,
        Column::Assignee,
        Column::Parent,
        Column::Weight,
        Column::Deadline,
        Column::Classification,
    ];

    /// The English key, also accepted as a header.
    pub fn key(self) -> &'static str {
        match self {
            Column::ExternalId => "external_id",
            Column::DocumentNumber => "document_number",
            Column::DocumentDate => "document_date",
            Column::Clause => "clause",
            Column::Title => "title",
            Column::Assignee => "assignee",
            Column::Parent => "parent",
            Column::Weight => "weight",
            Column::Deadline => "deadline",
            Column::Classification => "classification",
        }
    }

    /// The Vietnamese header written in the template and by the export.
    pub fn header(self) -> &'static str {
        match self {
            Column::ExternalId => "Mã nhiệm vụ",
            Column::DocumentNumber => "Số văn bản",
            Column::DocumentDate => "Ngày văn bản",
            Column::Clause => "Điều khoản/Mục",
            Column::Title => "Nội dung nhiệm vụ",
            Column::Assignee => "Đơn vị thực hiện",
            Column::Parent => "Nhiệm vụ cha",
            Column::Weight => "Trọng số",
            Column::Deadline => "Hạn hoàn thành",
            Column::Classification => "Độ mật",
        }
    }

    /// Other headers people write for the same column (compared as search
    /// keys: lower case, no diacritics).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::ExternalId => &["ma nv", "ma so nhiem vu", "external id", "task id", "id"],
            Column::DocumentNumber => {
                &["so van ban", "so hieu van ban", "so ky hieu", "so va ky hieu", "van ban", "document number"]
            }
            Column::DocumentDate => {
                &["ngay ban hanh", "ngay ky", "ngay ban hanh van ban", "document date", "issued on"]
            }
            Column::Clause => &["dieu khoan", "muc", "dieu khoan, muc", "dieu khoan / muc"],
            Column::Title => &["noi dung", "nhiem vu", "ten nhiem vu", "task"],
            Column::Assignee => &["don vi", "ma don vi", "ma don vi thuc hien", "co quan thuc hien", "organization"],
            Column::Parent => &["ma nhiem vu cha", "nhiem vu cap tren", "parent task", "parent id"],
            Column::Weight => &["trong so"],
            Column::Deadline => &["han", "thoi han", "han hoan thanh", "due date"],
            Column::Classification => &["do mat", "mat", "security"],
        }
    }

    /// Whether the header row must name this column.
    pub fn required(self) -> bool {
        matches!(
            self,
            Column::ExternalId | Column::DocumentNumber | Column::DocumentDate | Column::Title | Column::Assignee
        )
    }

    fn matches_header(self, header: &str) -> bool {
        let key = search_key(header);
        // "Mã nhiệm vụ (external_id)": the key in brackets decides.
        if let Some(inner) = key.rsplit_once('(').and_then(|(_, r)| r.strip_suffix(')')) {
            return inner.trim() == self.key();
        }
        let key = key.trim_end_matches(['*', ':']).trim();
        key == self.key() || key == search_key(self.header()) || self.aliases().contains(&key)
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.header(), self.key())
    }
}

/// Who may read a task (độ mật, T-6). The same levels and codes as the
/// register's classification of documents; tuyệt mật (top secret) items do
/// not belong here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Classification {
    /// Thường.
    #[default]
    Normal,
    /// Mật.
    Confidential,
    /// Tối mật.
    Secret,
}

impl Classification {
    /// The stored code: `normal`, `confidential`, `secret`.
    pub fn code(self) -> &'static str {
        match self {
            Classification::Normal => "normal",
            Classification::Confidential => "confidential",
            Classification::Secret => "secret",
        }
    }

    /// The word written in the file.
    pub fn vi(self) -> &'static str {
        match self {
            Classification::Normal => "thường",
            Classification::Confidential => "mật",
            Classification::Secret => "tối mật",
        }
    }

    /// Reads a cell: the Vietnamese words (with or without diacritics), the
    /// English words or the codes. An empty cell is [`Classification::Normal`].
    pub fn parse(text: &str) -> Result<Classification, Problem> {
        match search_key(text).as_str() {
            "" | "thuong" | "binh thuong" | "khong mat" | "normal" | "public" => Ok(Classification::Normal),
            "mat" | "confidential" => Ok(Classification::Confidential),
            "toi mat" | "secret" => Ok(Classification::Secret),
            "tuyet mat" | "top secret" => Err(Problem::TopSecret),
            _ => Err(Problem::Classification),
        }
    }
}

/// One valid row of the file: a task as the file states it.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskRow {
    /// The spreadsheet row (1-based) the task is read from or written to.
    pub line: usize,
    /// The id of the task in the users' files (mã nhiệm vụ), trimmed.
    pub external_id: String,
    /// The source document's number (T-1), as parsed (D-NUM-1, D-NUM-2).
    pub document: DocNumber,
    /// The source document's issue date: with the number, its identity (D-NUM-5).
    pub document_date: Date,
    /// The clause it implements ("Mục III.1"); may be empty.
    pub clause: String,
    pub title: String,
    /// The assignee (đơn vị thực hiện).
    pub assignee: OrgCode,
    /// The external id of the task it is cascaded from (T-2).
    pub parent: Option<String>,
    /// Its weight in the parent's roll-up.
    pub weight: Option<Weight>,
    pub deadline: Option<Date>,
    pub classification: Classification,
}

impl TaskRow {
    /// A cell of the row as text, as the file writes it: dates `dd/mm/yyyy`,
    /// the number in its canonical form, the weight with a decimal point,
    /// the classification in Vietnamese. Reading it back gives the same row.
    pub fn text(&self, column: Column) -> String {
        match column {
            Column::ExternalId => self.external_id.clone(),
            Column::DocumentNumber => self.document.to_string(),
            Column::DocumentDate => vi(self.document_date),
            Column::Clause => self.clause.clone(),
            Column::Title => self.title.clone(),
            Column::Assignee => self.assignee.to_string(),
            Column::Parent => self.parent.clone().unwrap_or_default(),
            Column::Weight => self.weight.map(|w| w.value().to_string()).unwrap_or_default(),
            Column::Deadline => self.deadline.map(vi).unwrap_or_default(),
            Column::Classification => self.classification.vi().to_owned(),
        }
    }
}

/// Where each column is in the file.
pub type HeaderMap = daihoi_core::sheet_header::HeaderMap<Column>;

/// The header row could not be found or is ambiguous.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    /// No row among the first `searched` names every required column;
    /// `missing` are those the closest row lacks.
    #[error("no header row in the first {searched} rows: the required columns {} were not found", list(.missing))]
    Missing { searched: usize, missing: Vec<Column> },
    /// `row` is 1-based, `first` and `second` are 0-based column indices.
    #[error("header row {row}: column {column} appears twice (columns {} and {})", column_letter(*.first), column_letter(*.second))]
    Duplicate { row: usize, column: Column, first: usize, second: usize },
}

fn list(columns: &[Column]) -> String {
    columns.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

impl daihoi_core::sheet_header::SheetColumn for Column {
    fn all() -> &'static [Column] {
        &Column::ALL
    }

    fn required(self) -> bool {
        Column::required(self)
    }

    fn matches_header(self, header: &str) -> bool {
        Column::matches_header(self, header)
    }
}

/// Finds the header row (see [`daihoi_core::sheet_header`]); columns in
/// the error are 0-based.
pub fn find_header(rows: &[Vec<String>]) -> Result<HeaderMap, HeaderError> {
    HeaderMap::find(rows).map_err(|fault| match fault {
        HeaderFault::Missing(missing) => HeaderError::Missing { searched: HEADER_SEARCH_ROWS, missing },
        HeaderFault::Duplicate { row, column, first, second } => HeaderError::Duplicate { row, column, first, second },
    })
}

/// What is wrong with one cell.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("required, but empty")]
    Missing,
    #[error("an id is at most {MAX_EXTERNAL_ID} characters, without line breaks or control characters")]
    ExternalId,
    #[error("{0}")]
    DocumentNumber(NumberError),
    #[error("not a date (expected dd/mm/yyyy)")]
    Date,
    #[error("{0}")]
    OrgCode(#[from] BadOrgCode),
    #[error("not a weight (a number ≥ 0, as 2 or 1,5)")]
    Weight,
    #[error("expected thường, mật or tối mật (normal, confidential, secret)")]
    Classification,
    #[error("tuyệt mật (top secret) tasks are not kept in daihoi")]
    TopSecret,
    #[error("T-2: a task cannot be its own parent")]
    OwnParent,
}

/// A problem in one cell of a sheet, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    pub sheet: String,
    /// The row as the spreadsheet numbers it (1-based).
    pub row: usize,
    pub column: Column,
    /// The column's 0-based index in the sheet.
    pub index: usize,
    /// The cell's text.
    pub value: String,
    pub problem: Problem,
}

/// `sheet "Nhiệm vụ", row 5, column B (Số văn bản (document_number)): "23-NQ": …`
impl fmt::Display for CellProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "sheet \"{}\", row {}, column {} ({})",
            self.sheet,
            self.row,
            column_letter(self.index),
            self.column
        )?;
        if !self.value.is_empty() {
            write!(f, " {:?}", self.value)?;
        }
        write!(f, ": {}", self.problem)
    }
}

/// A number accepted with a correction (D-NUM-2), to show beside the import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellWarning {
    pub sheet: String,
    pub row: usize,
    /// The column's 0-based index in the sheet.
    pub index: usize,
    pub value: String,
    pub warning: NumberWarning,
}

/// The rows of a task sheet, checked on their own.
#[derive(Debug, Clone)]
pub struct ParsedSheet {
    pub sheet: String,
    pub header: HeaderMap,
    /// Valid rows, each with its row number.
    pub rows: Vec<TaskRow>,
    pub problems: Vec<CellProblem>,
    pub warnings: Vec<CellWarning>,
}

fn external_id(text: &str) -> Result<String, Problem> {
    if text.chars().count() > MAX_EXTERNAL_ID || text.chars().any(char::is_control) {
        return Err(Problem::ExternalId);
    }
    Ok(text.to_owned())
}

/// Reads a weight: `2`, `1.5` or `1,5` (the Vietnamese decimal comma).
fn weight(text: &str) -> Result<Weight, Problem> {
    let t = if text.contains('.') { text.to_owned() } else { text.replacen(',', ".", 1) };
    if !t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(Problem::Weight);
    }
    t.parse::<f64>().ok().and_then(|w| Weight::new(w).ok()).ok_or(Problem::Weight)
}

/// Checks one data row (`line`: its 1-based row number). Every problem of
/// the row is returned, not only the first.
pub fn parse_row(
    sheet: &str,
    header: &HeaderMap,
    line: usize,
    row: &[String],
    registry: &Registry,
) -> (Result<TaskRow, Vec<CellProblem>>, Vec<CellWarning>) {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let text = |c: Column| header.cell(row, c);
    let mut fail = |column: Column, problem: Problem| {
        problems.push(CellProblem {
            sheet: sheet.to_owned(),
            row: line,
            column,
            index: header.position(column).unwrap_or(0),
            value: text(column).to_owned(),
            problem,
        });
    };
    let mut required = |c: Column| -> Option<&str> {
        match text(c) {
            "" => (fail(c, Problem::Missing), None).1,
            v => Some(v),
        }
    };
    let id = required(Column::ExternalId);
    let number = required(Column::DocumentNumber);
    let date = required(Column::DocumentDate);
    let title = required(Column::Title);
    let assignee = required(Column::Assignee);

    let id = id.and_then(|v| external_id(v).map_err(|p| fail(Column::ExternalId, p)).ok());
    let document_date =
        date.and_then(|v| parse_date(v).or_else(|| (fail(Column::DocumentDate, Problem::Date), None).1));
    let document = number.and_then(|v| {
        let parsed = match document_date {
            Some(d) => parse_dated(v, registry, d),
            None => parse_number(v, registry),
        };
        match parsed {
            Ok(p) => {
                warnings.extend(p.warnings.into_iter().map(|warning| CellWarning {
                    sheet: sheet.to_owned(),
                    row: line,
                    index: header.position(Column::DocumentNumber).unwrap_or(0),
                    value: v.to_owned(),
                    warning,
                }));
                Some(p.number)
            }
            Err(e) => (fail(Column::DocumentNumber, Problem::DocumentNumber(e)), None).1,
        }
    });
    let assignee = assignee.and_then(|v| OrgCode::parse(v).map_err(|e| fail(Column::Assignee, e.into())).ok());
    let parent = match text(Column::Parent) {
        "" => Some(None),
        v => match external_id(v) {
            Err(p) => (fail(Column::Parent, p), None).1,
            Ok(_) if id.as_deref() == Some(v) => (fail(Column::Parent, Problem::OwnParent), None).1,
            Ok(p) => Some(Some(p)),
        },
    };
    let weight = match text(Column::Weight) {
        "" => Some(None),
        v => weight(v).map(Some).map_err(|p| fail(Column::Weight, p)).ok(),
    };
    let deadline = match text(Column::Deadline) {
        "" => Some(None),
        v => match parse_date(v) {
            Some(d) => Some(Some(d)),
            None => (fail(Column::Deadline, Problem::Date), None).1,
        },
    };
    let classification =
        Classification::parse(text(Column::Classification)).map_err(|p| fail(Column::Classification, p)).ok();

    let result = match (id, document, document_date, title, assignee, parent, weight, deadline, classification) {
        (
            Some(external_id),
            Some(document),
            Some(document_date),
            Some(title),
            Some(assignee),
            Some(parent),
            Some(weight),
            Some(deadline),
            Some(classification),
        ) if problems.is_empty() => Ok(TaskRow {
            line,
            external_id,
            document,
            document_date,
            clause: text(Column::Clause).to_owned(),
            title: title.to_owned(),
            assignee,
            parent,
            weight,
            deadline,
            classification,
        }),
        _ => Err(problems),
    };
    (result, warnings)
}

/// Finds the header of sheet `sheet` and checks every row below it; blank
/// rows are skipped.
pub fn parse_sheet(sheet: &str, rows: &[Vec<String>], registry: &Registry) -> Result<ParsedSheet, HeaderError> {
    let header = find_header(rows)?;
    let mut parsed =
        ParsedSheet { sheet: sheet.to_owned(), header, rows: Vec::new(), problems: Vec::new(), warnings: Vec::new() };
    for (i, row) in rows.iter().enumerate().skip(parsed.header.row + 1) {
        if parsed.header.is_blank(row) {
            continue;
        }
        let (result, warnings) = parse_row(sheet, &parsed.header, i + 1, row, registry);
        parsed.warnings.extend(warnings);
        match result {
            Ok(r) => parsed.rows.push(r),
            Err(problems) => parsed.problems.extend(problems),
        }
    }
    Ok(parsed)
}

/// Why no sheet of a file could be read as a task list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaskSheetError {
    #[error("the file has no sheet")]
    NoSheet,
    /// The first sheet's header problem (every sheet was tried).
    #[error("sheet \"{sheet}\": {error}")]
    Header { sheet: String, error: HeaderError },
}

/// The first of `sheets` (name, rows) that has the task columns, parsed.
pub fn first_task_sheet<'a>(
    sheets: impl IntoIterator<Item = (&'a str, &'a [Vec<String>])>,
    registry: &Registry,
) -> Result<ParsedSheet, TaskSheetError> {
    let mut first_error = None;
    for (name, rows) in sheets {
        match parse_sheet(name, rows, registry) {
            Ok(parsed) => return Ok(parsed),
            Err(error) => {
                first_error.get_or_insert(TaskSheetError::Header { sheet: name.to_owned(), error });
            }
        }
    }
    Err(first_error.unwrap_or(TaskSheetError::NoSheet))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| (*s).to_owned()).collect()
    }

    fn template_header() -> Vec<String> {
        Column::ALL.iter().map(|c| c.header().to_owned()).collect()
    }

    fn registry() -> Registry {
        Registry::default_party()
    }

    const GOOD: [&str; 10] = [
        "NQ23-1.2",
        "Số: 23 - nq/tu",
        "03/03/2024",
        "Mục III.1",
        "Xây dựng khu vực biên giới vững mạnh",
        "qn.dh",
        "NQ23-1",
        "1,5",
        "30/06/2026",
        "Mật",
    ];

    #[test]
    fn a_good_row_t7() {
        let rows = vec![row(&["DANH MỤC NHIỆM VỤ"]), template_header(), row(&GOOD)];
        let parsed = parse_sheet("Nhiệm vụ", &rows, &registry()).unwrap();
        assert_eq!(parsed.problems, vec![]);
        let r = &parsed.rows[0];
        assert_eq!((r.line, r.external_id.as_str()), (3, "NQ23-1.2"));
        assert_eq!(r.document.to_string(), "23-NQ/TU");
        assert_eq!(r.document.key(r.document_date).issued, date!(2024 - 03 - 03));
        assert_eq!((r.clause.as_str(), r.assignee.as_str()), ("Mục III.1", "QN.DH"));
        assert_eq!(r.parent.as_deref(), Some("NQ23-1"));
        assert_eq!(r.weight, Some(Weight::new(1.5).unwrap()));
        assert_eq!(r.deadline, Some(date!(2026 - 06 - 30)));
        assert_eq!(r.classification, Classification::Confidential);
    }

    #[test]
    fn a_row_written_as_text_reads_back_the_same() {
        let h = find_header(&[template_header()]).unwrap();
        let (r, _) = parse_row("s", &h, 2, &row(&GOOD), &registry());
        let r = r.unwrap();
        let written: Vec<String> = Column::ALL.iter().map(|c| r.text(*c)).collect();
        assert_eq!(written[1], "23-NQ/TU");
        assert_eq!(written[7], "1.5");
        assert_eq!(written[9], "mật");
        let (again, _) = parse_row("s", &h, 2, &written, &registry());
        assert_eq!(again.unwrap(), r);
    }

    #[test]
    fn english_keys_aliases_any_case_and_no_diacritics() {
        let rows = vec![row(&[
            "STT",
            "external_id",
            "SO VAN BAN",
            "ngay ban hanh",
            "noi dung",
            "Đơn vị",
            "Ghi chú (deadline)",
            "do mat",
        ])];
        let h = find_header(&rows).unwrap();
        assert_eq!(h.position(Column::ExternalId), Some(1));
        assert_eq!(h.position(Column::DocumentNumber), Some(2));
        assert_eq!(h.position(Column::Assignee), Some(5));
        assert_eq!(h.position(Column::Deadline), Some(6));
        assert_eq!(h.position(Column::Classification), Some(7));
        assert_eq!(h.position(Column::Weight), None);
        assert_eq!(h.ignored, vec!["STT".to_owned()]);
    }

    #[test]
    fn a_missing_required_header_is_named() {
        let err = find_header(&[row(&["Mã nhiệm vụ", "Nội dung nhiệm vụ", "Đơn vị thực hiện"])]).unwrap_err();
        assert_eq!(
            err,
            HeaderError::Missing { searched: 10, missing: vec![Column::DocumentNumber, Column::DocumentDate] }
        );
        let msg = err.to_string();
        assert!(msg.contains("Số văn bản (document_number)") && msg.contains("document_date"), "{msg}");
        let err = find_header(&[row(&["Độ mật", "mat"])]).unwrap_err();
        assert_eq!(err, HeaderError::Duplicate { row: 1, column: Column::Classification, first: 0, second: 1 });
        assert!(err.to_string().contains("columns A and B"), "{err}");
    }

    #[test]
    fn every_problem_of_a_row_is_typed_and_located() {
        let rows = vec![
            template_header(),
            row(&["X\u{7}", "30/2020/NĐ-CP", "31/02/2024", "", "", "chi bộ 1", "X\u{7}", "-1", "mai", "tuyệt mật"]),
            row(&["A1", "", "", "", "Nội dung", "QN", "A1", "", "", "hơi mật"]),
        ];
        let parsed = parse_sheet("Nhiệm vụ", &rows, &registry()).unwrap();
        assert!(parsed.rows.is_empty());
        let got: Vec<(usize, Column, &Problem)> =
            parsed.problems.iter().map(|p| (p.row, p.column, &p.problem)).collect();
        assert!(got.contains(&(2, Column::ExternalId, &Problem::ExternalId)));
        assert!(got.iter().any(|(r, c, p)| *r == 2
            && *c == Column::DocumentNumber
            && matches!(p, Problem::DocumentNumber(NumberError::StateForm { .. }))));
        assert!(got.contains(&(2, Column::DocumentDate, &Problem::Date)));
        assert!(got.contains(&(2, Column::Title, &Problem::Missing)));
        assert!(got.iter().any(|(r, c, p)| *r == 2 && *c == Column::Assignee && matches!(p, Problem::OrgCode(_))));
        assert!(got.contains(&(2, Column::Weight, &Problem::Weight)));
        assert!(got.contains(&(2, Column::Deadline, &Problem::Date)));
        assert!(got.contains(&(2, Column::Classification, &Problem::TopSecret)));
        assert!(got.contains(&(3, Column::DocumentNumber, &Problem::Missing)));
        assert!(got.contains(&(3, Column::Parent, &Problem::OwnParent)));
        assert!(got.contains(&(3, Column::Classification, &Problem::Classification)));
        let deadline = parsed.problems.iter().find(|p| p.column == Column::Deadline).unwrap();
        assert_eq!(
            deadline.to_string(),
            "sheet \"Nhiệm vụ\", row 2, column I (Hạn hoàn thành (deadline)) \"mai\": not a date (expected dd/mm/yyyy)"
        );
    }

    #[test]
    fn a_corrected_number_is_a_warning_d_num_2() {
        let mut cells = GOOD;
        cells[1] = "439-KH/TU";
        let h = find_header(&[template_header()]).unwrap();
        let (r, w) = parse_row("s", &h, 2, &row(&cells), &registry());
        assert!(r.is_ok() && w.is_empty());
        cells[1] = "190-QD/TW";
        let (r, w) = parse_row("s", &h, 2, &row(&cells), &registry());
        assert_eq!(r.unwrap().document.to_string(), "190-QĐ/TW");
        assert!(matches!(w[0].warning, NumberWarning::AsciiD { .. }), "{w:?}");
        assert_eq!((w[0].row, w[0].index), (2, 1));
    }

    #[test]
    fn weights_and_classifications() {
        assert_eq!(weight("2"), Ok(Weight::new(2.0).unwrap()));
        assert_eq!(weight("0,25"), Ok(Weight::new(0.25).unwrap()));
        for bad in ["1.000,5", "-1", "inf", "NaN", "1e3", "", "."] {
            assert_eq!(weight(bad), Err(Problem::Weight), "{bad}");
        }
        for c in [Classification::Normal, Classification::Confidential, Classification::Secret] {
            assert_eq!(Classification::parse(c.vi()), Ok(c));
            assert_eq!(Classification::parse(c.code()), Ok(c));
        }
        assert_eq!(Classification::parse("TOI MAT"), Ok(Classification::Secret));
        assert_eq!(Classification::parse(""), Ok(Classification::Normal));
    }

    #[test]
    fn first_task_sheet_skips_other_sheets() {
        let other = vec![row(&["Họ và tên"])];
        let tasks = vec![template_header(), row(&GOOD)];
        let parsed =
            first_task_sheet([("Ghi chú", other.as_slice()), ("Nhiệm vụ", tasks.as_slice())], &registry()).unwrap();
        assert_eq!((parsed.sheet.as_str(), parsed.rows.len()), ("Nhiệm vụ", 1));
        let err = first_task_sheet([("Ghi chú", other.as_slice())], &registry()).unwrap_err();
        assert!(matches!(err, TaskSheetError::Header { ref sheet, .. } if sheet == "Ghi chú"), "{err:?}");
        assert_eq!(first_task_sheet([], &registry()).unwrap_err(), TaskSheetError::NoSheet);
    }

    proptest! {
        /// T-7: whatever the cells hold, reading a sheet never panics, and a
        /// row is either read or refused with problems located in that row.
        #[test]
        fn arbitrary_cells_never_panic(
            cells in prop::collection::vec(prop::collection::vec(".{0,12}", 0..12), 0..6),
            pick in prop::collection::vec(0usize..GOOD.len(), 0..12),
        ) {
            let mut rows = vec![template_header()];
            rows.push(pick.iter().map(|&i| GOOD[i].to_owned()).collect());
            rows.extend(cells);
            if let Ok(parsed) = parse_sheet("s", &rows, &registry()) {
                for p in &parsed.problems {
                    prop_assert!(p.row >= 2 && p.row <= rows.len());
                    prop_assert_eq!(parsed.header.position(p.column), Some(p.index));
                }
                for r in &parsed.rows {
                    prop_assert!(!r.external_id.is_empty() && !r.title.is_empty());
                }
            }
        }
    }
}
