//! The delegate allocation file (phân bổ đại biểu, issue 15 §5): one row per
//! organization with its seats and how they are filled (C-DEL-2, C-DEL-7,
//! C-DEL-8). The total, the decision and its day are the convening
//! committee's own fields (C-DEL-1), given beside the file, never in it.

use std::collections::HashMap;

use daihoi_core::OrgCode;
use daihoi_core::search_key;
use daihoi_core::sheet_header::{HeaderMap, SheetColumn};

use super::{CellProblem, FileColumn, FileError, ParsedFile, Problem, RowParser, cell_problem, text};
use crate::SeatMode;

/// The most seats one row may give.
pub const MAX_SEATS: u32 = 5_000;

/// A column of the allocation file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Org,
    Name,
    Mode,
    Seats,
    Decision,
}

impl Column {
    /// In template order.
    pub const ALL: [Column; 5] = [Column::Org, Column::Name, Column::Mode, Column::Seats, Column::Decision];
}

impl FileColumn for Column {
    fn key(self) -> &'static str {
        match self {
            Column::Org => "org",
            Column::Name => "name",
            Column::Mode => "mode",
            Column::Seats => "seats",
            Column::Decision => "decision",
        }
    }

    fn header(self) -> &'static str {
        match self {
            Column::Org => "Mã tổ chức",
            Column::Name => "Tên tổ chức (không nhập)",
            Column::Mode => "Hình thức",
            Column::Seats => "Số đại biểu",
            Column::Decision => "Quyết định chỉ định",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Org => &["ma", "ma don vi", "to chuc", "organization", "org code"],
            Column::Name => &["ten to chuc", "ten don vi", "ten", "organization name"],
            Column::Mode => &["hinh thuc dai bieu", "loai", "loai dai bieu", "seat mode"],
            Column::Seats => &["so luong", "so dai bieu duoc phan bo", "so ghe", "seat count"],
            Column::Decision => &["quyet dinh", "so quyet dinh chi dinh"],
        }
    }
}

impl SheetColumn for Column {
    fn all() -> &'static [Column] {
        &Column::ALL
    }

    fn required(self) -> bool {
        matches!(self, Column::Org | Column::Mode | Column::Seats)
    }

    fn matches_header(self, header: &str) -> bool {
        super::matches_header(self, header)
    }
}

/// One organization's seats as the file gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationRow {
    /// The row as the spreadsheet numbers it (1-based).
    pub line: usize,
    pub org: OrgCode,
    pub mode: SeatMode,
    pub seats: u32,
    /// The designation decision (designated rows only, C-DEL-8).
    pub decision: Option<String>,
}

/// The allocation file's sheet, checked on its own.
pub type ParsedAllocation = ParsedFile<Column, AllocationRow>;

/// How the file writes a mode (read back by the import).
pub fn mode_text(mode: SeatMode) -> &'static str {
    match mode {
        SeatMode::ExOfficio => "Đương nhiên",
        SeatMode::Elected => "Được bầu",
        SeatMode::Designated => "Chỉ định",
    }
}

fn mode(t: &str) -> Result<SeatMode, Problem> {
    let key = search_key(t);
    let key = key.trim().trim_start_matches("dai bieu ").trim();
    match key {
        "duong nhien" | "ex_officio" | "ex officio" | "ex-officio" => Ok(SeatMode::ExOfficio),
        "duoc bau" | "bau" | "elected" => Ok(SeatMode::Elected),
        "chi dinh" | "designated" => Ok(SeatMode::Designated),
        _ => Err(Problem::Mode),
    }
}

fn seats(t: &str) -> Result<u32, Problem> {
    let t = t.trim();
    if t.is_empty() || t.len() > 5 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::Seats);
    }
    match t.parse::<u32>() {
        Ok(n) if n <= MAX_SEATS => Ok(n),
        _ => Err(Problem::Seats),
    }
}

struct Rows;

impl RowParser for Rows {
    type Column = Column;
    type Row = AllocationRow;

    fn parse(
        sheet: &str,
        header: &HeaderMap<Column>,
        line: usize,
        row: &[String],
    ) -> Result<Option<AllocationRow>, Vec<CellProblem<Column>>> {
        let cell = |c: Column| header.cell(row, c);
        let mut problems = Vec::new();
        let mut fail = |c: Column, p: Problem| problems.push(cell_problem(sheet, header, row, line, c, p));
        let org = match cell(Column::Org) {
            "" => Err(Problem::Missing),
            t => OrgCode::parse(t).map_err(Problem::from),
        };
        let org = org.map_err(|p| fail(Column::Org, p)).ok();
        let mode = match cell(Column::Mode) {
            "" => Err(Problem::Missing),
            t => mode(t),
        };
        let mode = mode.map_err(|p| fail(Column::Mode, p)).ok();
        let count = match cell(Column::Seats) {
            "" => Err(Problem::Missing),
            t => seats(t),
        };
        let count = count.map_err(|p| fail(Column::Seats, p)).ok();
        let decision_text = cell(Column::Decision);
        let decision = match mode {
            Some(SeatMode::Designated) => match decision_text {
                "" => {
                    fail(Column::Decision, Problem::DecisionMissing);
                    None
                }
                t => text(t).map_err(|p| fail(Column::Decision, p)).ok().map(str::to_owned),
            },
            Some(_) if !decision_text.is_empty() => {
                fail(Column::Decision, Problem::NotForSeat);
                None
            }
            _ => None,
        };
        match (org, mode, count) {
            (Some(org), Some(mode), Some(seats)) if problems.is_empty() => {
                Ok(Some(AllocationRow { line, org, mode, seats, decision }))
            }
            _ => Err(problems),
        }
    }
}

/// Parses the allocation sheet `sheet`; an organization twice (C-DEL-2) is
/// a problem of its second row.
pub fn parse_sheet(sheet: &str, rows: &[Vec<String>]) -> Result<ParsedAllocation, FileError> {
    let parsed = super::parse_sheet::<Rows>(sheet, rows)?;
    Ok(twice(parsed, rows))
}

/// The first of `sheets` (name, rows) that has the allocation file's columns.
pub fn first_allocation_sheet<'a>(
    sheets: impl IntoIterator<Item = (&'a str, &'a [Vec<String>])> + Clone,
) -> Result<ParsedAllocation, FileError> {
    let parsed = super::first_sheet::<Rows>(sheets.clone())?;
    let rows = sheets.into_iter().find(|(n, _)| *n == parsed.sheet).map_or(&[][..], |(_, r)| r);
    Ok(twice(parsed, rows))
}

fn twice(mut parsed: ParsedAllocation, rows: &[Vec<String>]) -> ParsedAllocation {
    let mut seen: HashMap<OrgCode, usize> = HashMap::new();
    let mut kept = Vec::with_capacity(parsed.rows.len());
    let empty = Vec::new();
    for r in std::mem::take(&mut parsed.rows) {
        let row = rows.get(r.line - 1).unwrap_or(&empty);
        if let Some(&first) = seen.get(&r.org) {
            parsed.problems.push(parsed.problem(row, r.line, Column::Org, Problem::OrgTwice(first)));
            continue;
        }
        seen.insert(r.org.clone(), r.line);
        kept.push(r);
    }
    parsed.rows = kept;
    parsed.problems.sort_by_key(|p| (p.row, p.index));
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| (*s).to_owned()).collect()
    }

    fn header() -> Vec<String> {
        Column::ALL.iter().map(|c| c.header().to_owned()).collect()
    }

    #[test]
    fn good_rows_c_del_2_c_del_7_c_del_8() {
        let rows = vec![
            header(),
            row(&["qn.dh", "Đảng bộ", "Đương nhiên", "9", ""]),
            row(&["QN.DH.QT", "", "elected", "40", ""]),
            row(&["QN.DH.CB", "", "Chỉ định", "3", "15-QĐ/ĐU"]),
        ];
        let parsed = parse_sheet("Phân bổ", &rows).unwrap();
        assert_eq!(parsed.problems, vec![]);
        let got: Vec<(&str, SeatMode, u32, Option<&str>)> =
            parsed.rows.iter().map(|r| (r.org.as_str(), r.mode, r.seats, r.decision.as_deref())).collect();
        assert_eq!(
            got,
            vec![
                ("QN.DH", SeatMode::ExOfficio, 9, None),
                ("QN.DH.QT", SeatMode::Elected, 40, None),
                ("QN.DH.CB", SeatMode::Designated, 3, Some("15-QĐ/ĐU")),
            ]
        );
    }

    #[test]
    fn every_bad_cell_is_named_with_its_rule_c_del_2_c_del_8() {
        let rows = vec![
            header(),
            row(&["", "", "khách", "-1", ""]),
            row(&["QN.DH.QT", "", "Chỉ định", "3", ""]),
            row(&["QN.DH.CB", "", "Được bầu", "5001", "1-QĐ"]),
            row(&["QN.DH.X1", "", "Được bầu", "4", ""]),
            row(&["qn.dh.x1", "", "Được bầu", "4", ""]),
        ];
        let parsed = parse_sheet("Phân bổ", &rows).unwrap();
        let named: Vec<(usize, Column, Option<&str>)> =
            parsed.problems.iter().map(|p| (p.row, p.column, p.problem.rule())).collect();
        assert_eq!(
            named,
            vec![
                (2, Column::Org, None),
                (2, Column::Mode, Some("C-DEL-8")),
                (2, Column::Seats, None),
                (3, Column::Decision, Some("C-DEL-8")),
                (4, Column::Seats, None),
                (4, Column::Decision, Some("C-DEL-8")),
                (6, Column::Org, Some("C-DEL-2")),
            ]
        );
        assert_eq!(parsed.rows.len(), 1);
    }

    #[test]
    fn what_the_download_writes_the_import_reads() {
        for m in [SeatMode::ExOfficio, SeatMode::Elected, SeatMode::Designated] {
            assert_eq!(mode(mode_text(m)), Ok(m));
        }
        assert_eq!(mode("ex_officio"), Ok(SeatMode::ExOfficio));
    }
}
