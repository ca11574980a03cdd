//! The plan file (kế hoạch đại hội các tổ chức, one row per organization) of
//! C-PLAN-1…5: its columns, and turning the text cells of one sheet into
//! checked [`PlanRow`]s. Pure: reading the file is `daihoi-sheets`' job;
//! finding the organizations in the tree, the rights and the gates' order
//! are the store's.
//!
//! A row names its organization by its code, which makes an import
//! idempotent: the same file imported twice changes nothing the second time.
//! Every cell is checked before anything is written, and every problem is
//! named with its sheet, row and column.

use std::fmt;

use daihoi_core::date::parse_date;
use daihoi_core::members::import::column_letter;
use daihoi_core::org::BadOrgCode;
use daihoi_core::sheet_header::{HEADER_SEARCH_ROWS, HeaderFault, SheetColumn};
use daihoi_core::{OrgCode, search_key};

use crate::level::LevelClass;
use crate::plan::{Approval, CongressKind, Contents, Schedule};
use crate::round::Length;

/// The longest congress a row may give, in half days (10 days).
pub const MAX_HALF_DAYS: u32 = 20;

/// The longest text a reference or an approver may have, in characters.
pub const MAX_TEXT: usize = 200;

/// A column of the plan file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Organization,
    Level,
    Kind,
    Contents,
    Model,
    PlannedOn,
    PlannedDays,
    HeldOn,
    HeldDays,
    PlanApprovedBy,
    PlanApprovedOn,
    PlanApprovalReference,
}

impl Column {
    /// In template order.
    pub const ALL: [Column; 12] = [
        Column::Organization,
        Column::Level,
        Column::Kind,
        Column::Contents,
        Column::Model,
        Column::PlannedOn,
        Column::PlannedDays,
        Column::HeldOn,
        Column::HeldDays,
        Column::PlanApprovedBy,
        Column::PlanApprovedOn,
        Column::PlanApprovalReference,
    ];

    /// The English key, also accepted as a header.
    pub fn key(self) -> &'static str {
        match self {
            Column::Organization => "organization",
            Column::Level => "level",
            Column::Kind => "kind",
            Column::Contents => "contents",
            Column::Model => "model",
            Column::PlannedOn => "planned_on",
            Column::PlannedDays => "planned_days",
            Column::HeldOn => "held_on",
            Column::HeldDays => "held_days",
            Column::PlanApprovedBy => "plan_approved_by",
            Column::PlanApprovedOn => "plan_approved_on",
            Column::PlanApprovalReference => "plan_approval_reference",
        }
    }

    /// The Vietnamese header of the template.
    pub fn header(self) -> &'static str {
        match self {
            Column::Organization => "Mã tổ chức đảng",
            Column::Level => "Cấp",
            Column::Kind => "Hình thức đại hội",
            Column::Contents => "Nội dung",
            Column::Model => "Đại hội điểm",
            Column::PlannedOn => "Ngày khai mạc dự kiến",
            Column::PlannedDays => "Số ngày dự kiến",
            Column::HeldOn => "Ngày khai mạc thực tế",
            Column::HeldDays => "Số ngày thực tế",
            Column::PlanApprovedBy => "Cơ quan duyệt kế hoạch",
            Column::PlanApprovedOn => "Ngày duyệt kế hoạch",
            Column::PlanApprovalReference => "Văn bản duyệt kế hoạch",
        }
    }

    /// Other headers people write for the same column (compared as search
    /// keys: lower case, no diacritics).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Organization => &["ma to chuc", "ma don vi", "to chuc", "don vi", "org", "organization code"],
            Column::Level => &["cap dai hoi", "level class"],
            Column::Kind => &["hinh thuc", "loai dai hoi", "congress kind"],
            Column::Contents => &["noi dung dai hoi", "so noi dung"],
            Column::Model => &["diem", "dai hoi diem (x)", "model congress"],
            Column::PlannedOn => {
                &["ngay khai mac", "ngay dai hoi", "ngay to chuc", "thoi gian to chuc", "planned opening"]
            }
            Column::PlannedDays => &["so ngay", "thoi gian (ngay)", "planned length (days)"],
            Column::HeldOn => &["ngay to chuc thuc te", "ngay dai hoi thuc te", "held opening"],
            Column::HeldDays => &["so ngay to chuc thuc te", "held length (days)"],
            Column::PlanApprovedBy => &["co quan phe duyet ke hoach", "noi duyet ke hoach"],
            Column::PlanApprovedOn => &["ngay phe duyet ke hoach"],
            Column::PlanApprovalReference => &["so van ban duyet ke hoach", "van ban phe duyet ke hoach"],
        }
    }

    /// Whether the header row must name this column.
    pub fn required(self) -> bool {
        matches!(self, Column::Organization | Column::Kind | Column::PlannedOn | Column::PlannedDays)
    }

    fn matches_header(self, header: &str) -> bool {
        let key = search_key(header);
        // "Mã tổ chức đảng (organization)": the key in brackets decides.
        if let Some(inner) = key.rsplit_once('(').and_then(|(_, r)| r.strip_suffix(')'))
            && Column::ALL.iter().any(|c| c.key() == inner.trim())
        {
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

impl SheetColumn for Column {
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

/// Where each column is in the file.
pub type HeaderMap = daihoi_core::sheet_header::HeaderMap<Column>;

/// The header row could not be found or is ambiguous.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    /// No row among the first `searched` names every required column.
    #[error("no header row in the first {searched} rows: the required columns {} were not found", list(.missing))]
    Missing { searched: usize, missing: Vec<Column> },
    /// `row` is 1-based, `first` and `second` are 0-based column indices.
    #[error("header row {row}: column {column} appears twice (columns {} and {})", column_letter(*.first), column_letter(*.second))]
    Duplicate { row: usize, column: Column, first: usize, second: usize },
}

fn list(columns: &[Column]) -> String {
    columns.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

/// Finds the header row among the top rows.
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
    #[error("{0}")]
    OrgCode(#[from] BadOrgCode),
    #[error("not a level class (chi bộ, cơ sở, cấp trên cơ sở, xã/phường, trực thuộc Trung ương)")]
    Level,
    #[error("C-DEL-5: expected đại hội đảng viên or đại hội đại biểu")]
    Kind,
    #[error("C-PLAN-3: expected đầy đủ (full) or 2 nội dung (two contents)")]
    Contents,
    #[error("expected x, có or yes for a model congress, or nothing")]
    Model,
    #[error("not a date (expected dd/mm/yyyy)")]
    Date,
    #[error("not a length in days (½ day steps: 0,5, 1, 1,5 … up to {} days)", MAX_HALF_DAYS / 2)]
    Days,
    #[error("the opening and the length go together: one is given without the other")]
    Half,
    #[error("C-PLAN-5: the plan's approval needs who approved, the day and the document, all three")]
    ApprovalIncomplete,
    #[error("at most {MAX_TEXT} characters, without line breaks or control characters")]
    Text,
    #[error("the organization appears twice in the file (first on row {0})")]
    Twice(usize),
}

impl Problem {
    /// The rule the problem applies, when it is one of the domain's.
    pub fn rule(&self) -> Option<&'static str> {
        match self {
            Problem::Kind => Some("C-DEL-5"),
            Problem::Contents => Some("C-PLAN-3"),
            Problem::ApprovalIncomplete => Some("C-PLAN-5"),
            Problem::Date | Problem::Days | Problem::Half => Some("C-PLAN-1"),
            _ => None,
        }
    }
}

/// A problem in one cell of a sheet.
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

/// `sheet "Kế hoạch", row 5, column C (Hình thức đại hội (kind)) "x": …`
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

/// One organization's plan as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    /// The row as the spreadsheet numbers it (1-based).
    pub line: usize,
    pub organization: OrgCode,
    /// `None`: the class the organization's kind proposes.
    pub level: Option<LevelClass>,
    pub kind: CongressKind,
    pub contents: Contents,
    pub model: bool,
    pub planned: Schedule,
    pub actual: Option<Schedule>,
    /// The gate "plan approved" (C-PLAN-5), when the file records it.
    pub plan_approval: Option<Approval>,
}

/// The rows of a plan sheet, checked on their own.
#[derive(Debug, Clone)]
pub struct ParsedSheet {
    pub sheet: String,
    pub header: HeaderMap,
    pub rows: Vec<PlanRow>,
    pub problems: Vec<CellProblem>,
    /// Rows that name an organization and nothing else (the export lists
    /// every organization; those not planned yet are left as they are).
    pub skipped: usize,
}

/// Why no sheet of a file could be read as a plan list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanSheetError {
    #[error("the file has no sheet")]
    NoSheet,
    /// The first sheet's header problem (every sheet was tried).
    #[error("sheet \"{sheet}\": {error}")]
    Header { sheet: String, error: HeaderError },
}

fn level(text: &str) -> Result<LevelClass, Problem> {
    let key = search_key(text);
    let key = key.trim();
    if let Some(l) = LevelClass::ALL.into_iter().find(|l| l.code() == key) {
        return Ok(l);
    }
    Ok(match key {
        "chi bo" => LevelClass::Cell,
        "co so" | "to chuc co so dang" | "dang bo co so" => LevelClass::Grassroots,
        "cap tren co so" | "cap tren truc tiep cua co so" => LevelClass::AboveGrassroots,
        "xa" | "phuong" | "xa/phuong" | "xa, phuong" | "xa, phuong, dac khu" | "dang bo xa" => LevelClass::Commune,
        "tinh" | "truc thuoc trung uong" | "dang bo tinh" => LevelClass::UnderCentre,
        _ => return Err(Problem::Level),
    })
}

fn kind(text: &str) -> Result<CongressKind, Problem> {
    let key = search_key(text);
    match key.trim() {
        "member_congress" | "dai hoi dang vien" | "dang vien" | "member congress" => Ok(CongressKind::MemberCongress),
        "delegate_congress" | "dai hoi dai bieu" | "dai bieu" | "delegate congress" => {
            Ok(CongressKind::DelegateCongress)
        }
        _ => Err(Problem::Kind),
    }
}

fn contents(text: &str) -> Result<Contents, Problem> {
    let key = search_key(text);
    match key.trim() {
        "" | "full" | "day du" | "4 noi dung" | "bon noi dung" => Ok(Contents::Full),
        "two_contents" | "2 noi dung" | "hai noi dung" | "two contents" => Ok(Contents::TwoContents),
        _ => Err(Problem::Contents),
    }
}

fn model(text: &str) -> Result<bool, Problem> {
    let key = search_key(text);
    match key.trim() {
        "" | "khong" | "no" | "0" => Ok(false),
        "x" | "co" | "yes" | "1" | "diem" | "dai hoi diem" => Ok(true),
        _ => Err(Problem::Model),
    }
}

/// A length in days, in steps of half a day: `0,5`, `1`, `1.5`, `½`, `1/2`.
fn days(text: &str) -> Result<Length, Problem> {
    let t = text.trim().trim_end_matches("ngày").trim();
    let half_days = match t {
        "½" | "1/2" => 1,
        _ => {
            let t = t.replace(',', ".");
            let (whole, fraction) = t.split_once('.').unwrap_or((&t, ""));
            if whole.is_empty() && fraction.is_empty()
                || !whole.bytes().all(|b| b.is_ascii_digit())
                || !fraction.bytes().all(|b| b.is_ascii_digit())
                || whole.len() > 3
            {
                return Err(Problem::Days);
            }
            let whole: u32 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| Problem::Days)? };
            let half = match fraction.trim_end_matches('0') {
                "" => 0,
                "5" => 1,
                _ => return Err(Problem::Days),
            };
            whole * 2 + half
        }
    };
    if half_days == 0 || half_days > MAX_HALF_DAYS {
        return Err(Problem::Days);
    }
    Ok(Length::half_days(half_days))
}

fn text(t: &str) -> Result<&str, Problem> {
    if t.chars().count() > MAX_TEXT || t.chars().any(char::is_control) {
        return Err(Problem::Text);
    }
    Ok(t)
}

/// How the file writes a level class (read back by the import).
pub fn level_text(l: LevelClass) -> &'static str {
    match l {
        LevelClass::Cell => "Chi bộ",
        LevelClass::Grassroots => "Cơ sở",
        LevelClass::AboveGrassroots => "Cấp trên cơ sở",
        LevelClass::Commune => "Xã, phường, đặc khu",
        LevelClass::UnderCentre => "Trực thuộc Trung ương",
        LevelClass::National => "national",
    }
}

/// How the file writes a congress's kind (C-DEL-5).
pub fn kind_text(k: CongressKind) -> &'static str {
    match k {
        CongressKind::MemberCongress => "Đại hội đảng viên",
        CongressKind::DelegateCongress => "Đại hội đại biểu",
    }
}

/// How the file writes a congress's contents (C-PLAN-3).
pub fn contents_text(c: Contents) -> &'static str {
    match c {
        Contents::Full => "Đầy đủ",
        Contents::TwoContents => "2 nội dung",
    }
}

/// How the file writes a length: days with a decimal comma (`1,5`).
pub fn days_text(l: Length) -> String {
    let h = l.in_half_days();
    if h.is_multiple_of(2) { (h / 2).to_string() } else { format!("{},5", h / 2) }
}

/// Checks one row (`line` is 1-based); every problem of the row is given.
pub fn parse_row(sheet: &str, header: &HeaderMap, line: usize, row: &[String]) -> Result<PlanRow, Vec<CellProblem>> {
    let mut problems = Vec::new();
    let cell = |c: Column| header.cell(row, c);
    let mut fail = |c: Column, problem: Problem| {
        problems.push(CellProblem {
            sheet: sheet.to_owned(),
            row: line,
            column: c,
            index: header.position(c).unwrap_or(0),
            value: cell(c).to_owned(),
            problem,
        });
    };
    let mut check = |c: Column, parse: &dyn Fn(&str) -> Result<(), Problem>| match parse(cell(c)) {
        Ok(()) => true,
        Err(p) => {
            fail(c, p);
            false
        }
    };
    // Each cell on its own first, so every problem of the row is named.
    let required = |t: &str| if t.is_empty() { Err(Problem::Missing) } else { Ok(()) };
    let ok = [
        check(Column::Organization, &|t| required(t).and_then(|()| OrgCode::parse(t).map(drop).map_err(Problem::from))),
        check(Column::Level, &|t| if t.is_empty() { Ok(()) } else { level(t).map(drop) }),
        check(Column::Kind, &|t| required(t).and_then(|()| kind(t).map(drop))),
        check(Column::Contents, &|t| contents(t).map(drop)),
        check(Column::Model, &|t| model(t).map(drop)),
        check(Column::PlannedOn, &|t| required(t).and_then(|()| parse_date(t).map(drop).ok_or(Problem::Date))),
        check(Column::PlannedDays, &|t| required(t).and_then(|()| days(t).map(drop))),
        check(Column::HeldOn, &|t| if t.is_empty() { Ok(()) } else { parse_date(t).map(drop).ok_or(Problem::Date) }),
        check(Column::HeldDays, &|t| if t.is_empty() { Ok(()) } else { days(t).map(drop) }),
        check(Column::PlanApprovedBy, &|t| text(t).map(drop)),
        check(Column::PlanApprovedOn, &|t| {
            if t.is_empty() { Ok(()) } else { parse_date(t).map(drop).ok_or(Problem::Date) }
        }),
        check(Column::PlanApprovalReference, &|t| text(t).map(drop)),
    ];
    let all_ok = ok.iter().all(|&b| b);
    // Then the cells that go together.
    let held = (cell(Column::HeldOn), cell(Column::HeldDays));
    if all_ok && (held.0.is_empty() != held.1.is_empty()) {
        fail(if held.0.is_empty() { Column::HeldOn } else { Column::HeldDays }, Problem::Half);
    }
    let approval = [Column::PlanApprovedBy, Column::PlanApprovedOn, Column::PlanApprovalReference];
    let given = approval.iter().filter(|c| !cell(**c).is_empty()).count();
    if all_ok && given != 0 && given != approval.len() {
        let missing = approval.into_iter().find(|c| cell(*c).is_empty()).unwrap_or(Column::PlanApprovedBy);
        fail(missing, Problem::ApprovalIncomplete);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // Every cell parsed above: these cannot fail.
    let parsed = (|| -> Result<PlanRow, Problem> {
        let date = |c: Column| parse_date(cell(c)).ok_or(Problem::Date);
        let actual = match held {
            ("", "") => None,
            _ => Some(Schedule { opening: date(Column::HeldOn)?, length: days(cell(Column::HeldDays))? }),
        };
        let plan_approval = (given != 0)
            .then(|| -> Result<Approval, Problem> {
                Ok(Approval {
                    approved_by: cell(Column::PlanApprovedBy).to_owned(),
                    on: date(Column::PlanApprovedOn)?,
                    reference: cell(Column::PlanApprovalReference).to_owned(),
                })
            })
            .transpose()?;
        Ok(PlanRow {
            line,
            organization: OrgCode::parse(cell(Column::Organization))?,
            level: match cell(Column::Level) {
                "" => None,
                t => Some(level(t)?),
            },
            kind: kind(cell(Column::Kind))?,
            contents: contents(cell(Column::Contents))?,
            model: model(cell(Column::Model))?,
            planned: Schedule { opening: date(Column::PlannedOn)?, length: days(cell(Column::PlannedDays))? },
            actual,
            plan_approval,
        })
    })();
    parsed.map_err(|problem| {
        vec![CellProblem {
            sheet: sheet.to_owned(),
            row: line,
            column: Column::Organization,
            index: header.position(Column::Organization).unwrap_or(0),
            value: cell(Column::Organization).to_owned(),
            problem,
        }]
    })
}

/// Finds the header of sheet `sheet` and checks every row below it; blank
/// rows, and rows that give nothing but the organization, are skipped; an
/// organization named twice is a problem of its second row.
pub fn parse_sheet(sheet: &str, rows: &[Vec<String>]) -> Result<ParsedSheet, HeaderError> {
    let header = find_header(rows)?;
    let mut parsed =
        ParsedSheet { sheet: sheet.to_owned(), header, rows: Vec::new(), problems: Vec::new(), skipped: 0 };
    let mut seen: std::collections::HashMap<OrgCode, usize> = std::collections::HashMap::new();
    for (i, row) in rows.iter().enumerate().skip(parsed.header.row + 1) {
        if parsed.header.is_blank(row) {
            continue;
        }
        if Column::ALL[1..].iter().all(|c| parsed.header.cell(row, *c).is_empty()) {
            parsed.skipped += 1;
            continue;
        }
        match parse_row(sheet, &parsed.header, i + 1, row) {
            Ok(r) => {
                if let Some(&first) = seen.get(&r.organization) {
                    parsed.problems.push(CellProblem {
                        sheet: sheet.to_owned(),
                        row: r.line,
                        column: Column::Organization,
                        index: parsed.header.position(Column::Organization).unwrap_or(0),
                        value: r.organization.to_string(),
                        problem: Problem::Twice(first),
                    });
                } else {
                    seen.insert(r.organization.clone(), r.line);
                    parsed.rows.push(r);
                }
            }
            Err(problems) => parsed.problems.extend(problems),
        }
    }
    Ok(parsed)
}

/// The first of `sheets` (name, rows) that has the plan columns, parsed.
pub fn first_plan_sheet<'a>(
    sheets: impl IntoIterator<Item = (&'a str, &'a [Vec<String>])>,
) -> Result<ParsedSheet, PlanSheetError> {
    let mut first_error = None;
    for (name, rows) in sheets {
        match parse_sheet(name, rows) {
            Ok(parsed) => return Ok(parsed),
            Err(error) => {
                first_error.get_or_insert(PlanSheetError::Header { sheet: name.to_owned(), error });
            }
        }
    }
    Err(first_error.unwrap_or(PlanSheetError::NoSheet))
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

    const GOOD: [&str; 12] = [
        "qn.dh.qt",
        "xã, phường",
        "Đại hội đại biểu",
        "đầy đủ",
        "x",
        "05/08/2025",
        "1,5",
        "",
        "",
        "Ban Thường vụ Tỉnh ủy",
        "20/06/2025",
        "439-KH/TU",
    ];

    #[test]
    fn a_good_row_c_plan_1() {
        let rows = vec![row(&["KẾ HOẠCH ĐẠI HỘI"]), template_header(), row(&GOOD)];
        let parsed = parse_sheet("Kế hoạch", &rows).unwrap();
        assert_eq!(parsed.problems, vec![]);
        let r = &parsed.rows[0];
        assert_eq!((r.line, r.organization.as_str()), (3, "QN.DH.QT"));
        assert_eq!(r.level, Some(LevelClass::Commune));
        assert_eq!((r.kind, r.contents, r.model), (CongressKind::DelegateCongress, Contents::Full, true));
        assert_eq!(r.planned, Schedule { opening: date!(2025 - 08 - 05), length: Length::half_days(3) });
        assert_eq!(r.actual, None);
        let a = r.plan_approval.as_ref().unwrap();
        assert_eq!(
            (a.approved_by.as_str(), a.on, a.reference.as_str()),
            ("Ban Thường vụ Tỉnh ủy", date!(2025 - 06 - 20), "439-KH/TU")
        );
    }

    #[test]
    fn keys_and_aliases_are_headers_and_optional_columns_may_be_absent() {
        let rows = vec![
            row(&["organization", "Hình thức", "Ngày khai mạc", "Số ngày", "Ghi chú"]),
            row(&["QN.DH.QT.C1", "đại hội đảng viên", "2025-05-10", "½", "chi bộ thôn 1"]),
        ];
        let parsed = parse_sheet("Sheet1", &rows).unwrap();
        assert_eq!(parsed.problems, vec![]);
        assert_eq!(parsed.header.ignored, vec!["Ghi chú".to_owned()]);
        let r = &parsed.rows[0];
        assert_eq!((r.level, r.kind, r.contents, r.model), (None, CongressKind::MemberCongress, Contents::Full, false));
        assert_eq!(r.planned.length, Length::half_days(1));
    }

    #[test]
    fn every_bad_cell_of_a_row_is_named_c_del_5_c_plan_3() {
        let rows = vec![
            template_header(),
            row(&["", "tỉnh lỵ", "hội nghị", "3 nội dung", "?", "31/02/2025", "0", "01/09/2025", "", "", "", ""]),
        ];
        let parsed = parse_sheet("Kế hoạch", &rows).unwrap();
        let named: Vec<(Column, Problem)> = parsed.problems.iter().map(|p| (p.column, p.problem.clone())).collect();
        assert_eq!(
            named,
            vec![
                (Column::Organization, Problem::Missing),
                (Column::Level, Problem::Level),
                (Column::Kind, Problem::Kind),
                (Column::Contents, Problem::Contents),
                (Column::Model, Problem::Model),
                (Column::PlannedOn, Problem::Date),
                (Column::PlannedDays, Problem::Days),
            ]
        );
        assert_eq!(parsed.problems[2].problem.rule(), Some("C-DEL-5"));
        assert_eq!(parsed.problems[3].problem.rule(), Some("C-PLAN-3"));
        assert_eq!(
            parsed.problems[2].to_string(),
            "sheet \"Kế hoạch\", row 2, column C (Hình thức đại hội (kind)) \"hội nghị\": C-DEL-5: expected đại hội đảng viên or đại hội đại biểu"
        );
        assert!(parsed.rows.is_empty());
    }

    #[test]
    fn cells_that_go_together_c_plan_5() {
        let mut half = GOOD;
        half[7] = "10/08/2025";
        let mut partial = GOOD;
        partial[0] = "QN.DH.QT.C1";
        partial[11] = "";
        let rows = vec![template_header(), row(&half), row(&partial)];
        let parsed = parse_sheet("Kế hoạch", &rows).unwrap();
        let named: Vec<(usize, Column, Problem)> =
            parsed.problems.iter().map(|p| (p.row, p.column, p.problem.clone())).collect();
        assert_eq!(
            named,
            vec![(2, Column::HeldDays, Problem::Half), (3, Column::PlanApprovalReference, Problem::ApprovalIncomplete)]
        );
    }

    #[test]
    fn a_row_with_only_its_organization_is_skipped() {
        let rows = vec![template_header(), row(&["QN.DH.QT.C2"]), row(&GOOD)];
        let parsed = parse_sheet("Kế hoạch", &rows).unwrap();
        assert_eq!((parsed.rows.len(), parsed.skipped, parsed.problems.len()), (1, 1, 0));
    }

    #[test]
    fn an_organization_twice_is_refused_on_its_second_row() {
        let rows = vec![template_header(), row(&GOOD), row(&GOOD)];
        let parsed = parse_sheet("Kế hoạch", &rows).unwrap();
        assert_eq!(parsed.rows.len(), 1);
        assert_eq!((parsed.problems[0].row, &parsed.problems[0].problem), (3, &Problem::Twice(2)));
    }

    #[test]
    fn a_sheet_without_the_columns_is_skipped_for_the_next() {
        let other = vec![row(&["Tên", "Ghi chú"])];
        let plans = vec![template_header(), row(&GOOD)];
        let parsed = first_plan_sheet([("Bìa", other.as_slice()), ("Kế hoạch", plans.as_slice())]).unwrap();
        assert_eq!(parsed.sheet, "Kế hoạch");
        let none: [(&str, &[Vec<String>]); 0] = [];
        assert_eq!(first_plan_sheet(none).unwrap_err(), PlanSheetError::NoSheet);
        let err = first_plan_sheet([("Bìa", other.as_slice())]).unwrap_err();
        assert!(matches!(err, PlanSheetError::Header { error: HeaderError::Missing { .. }, .. }), "{err:?}");
    }

    #[test]
    fn lengths_in_half_days() {
        for (t, h) in [("0,5", 1), ("1", 2), ("1.5", 3), ("2 ngày", 4), ("1/2", 1), ("10", 20), ("2,50", 5)] {
            assert_eq!(days(t), Ok(Length::half_days(h)), "{t}");
        }
        for t in ["", "0", "1,2", "11", "-1", "một", "1e3", ",", "9999999999"] {
            assert_eq!(days(t), Err(Problem::Days), "{t}");
        }
    }

    #[test]
    fn what_the_export_writes_the_import_reads() {
        for l in LevelClass::ALL {
            assert_eq!(level(level_text(l)), Ok(l));
        }
        for k in [CongressKind::MemberCongress, CongressKind::DelegateCongress] {
            assert_eq!(kind(kind_text(k)), Ok(k));
        }
        for c in [Contents::Full, Contents::TwoContents] {
            assert_eq!(contents(contents_text(c)), Ok(c));
        }
        for h in 1..=MAX_HALF_DAYS {
            assert_eq!(days(&days_text(Length::half_days(h))), Ok(Length::half_days(h)));
        }
    }

    proptest! {
        /// No text in any cell makes the row parser panic, and a row it
        /// accepts names its organization.
        #[test]
        fn any_cells_are_checked_without_panic(cells in proptest::collection::vec(".{0,12}", 12)) {
            let rows = vec![template_header(), cells.clone()];
            let parsed = parse_sheet("s", &rows).unwrap();
            for r in &parsed.rows {
                prop_assert!(!r.organization.as_str().is_empty());
            }
        }
    }
}
