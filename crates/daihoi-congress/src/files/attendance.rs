//! The attendance file of one session (điểm danh, issue 15 §7): one row
//! per person convened, by card number: present (`x`), or absent with the
//! reason and whether the convening committee accepted it (R-BASE-1). A row
//! with neither records nothing and is skipped (the download lists every
//! person convened).

use std::collections::HashMap;

use daihoi_core::members::CardNumber;
use daihoi_core::sheet_header::{HeaderMap, SheetColumn};

use super::{CellProblem, FileColumn, FileError, ParsedFile, Problem, RowParser, cell_problem, text, yes};
use crate::attendance::AbsenceReason;

/// A column of the attendance file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Card,
    Name,
    Present,
    Reason,
    Accepted,
}

impl Column {
    /// In template order.
    pub const ALL: [Column; 5] = [Column::Card, Column::Name, Column::Present, Column::Reason, Column::Accepted];
}

impl FileColumn for Column {
    fn key(self) -> &'static str {
        match self {
            Column::Card => "card",
            Column::Name => "name",
            Column::Present => "present",
            Column::Reason => "reason",
            Column::Accepted => "accepted",
        }
    }

    fn header(self) -> &'static str {
        match self {
            Column::Card => "Số thẻ đảng viên",
            Column::Name => "Họ và tên (không nhập)",
            Column::Present => "Có mặt",
            Column::Reason => "Lý do vắng mặt",
            Column::Accepted => "Lý do được chấp nhận",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Card => &["so the", "so the dang", "the dang vien", "card number"],
            Column::Name => &["ho va ten", "ho ten", "ten", "full name"],
            Column::Present => &["co mat (x)", "diem danh", "present (x)"],
            Column::Reason => &["ly do vang", "ly do", "absence reason"],
            Column::Accepted => &["chap nhan", "duoc chap nhan", "reason accepted"],
        }
    }
}

impl SheetColumn for Column {
    fn all() -> &'static [Column] {
        &Column::ALL
    }

    fn required(self) -> bool {
        matches!(self, Column::Card | Column::Present)
    }

    fn matches_header(self, header: &str) -> bool {
        super::matches_header(self, header)
    }
}

/// What a row records of a person in the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowMark {
    Present,
    Absent(AbsenceReason),
}

/// One person's mark as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceRow {
    /// The row as the spreadsheet numbers it (1-based).
    pub line: usize,
    pub card: CardNumber,
    pub mark: RowMark,
}

/// The attendance sheet, checked on its own.
pub type ParsedAttendance = ParsedFile<Column, AttendanceRow>;

struct Rows;

impl RowParser for Rows {
    type Column = Column;
    type Row = AttendanceRow;

    fn parse(
        sheet: &str,
        header: &HeaderMap<Column>,
        line: usize,
        row: &[String],
    ) -> Result<Option<AttendanceRow>, Vec<CellProblem<Column>>> {
        let cell = |c: Column| header.cell(row, c);
        let mut problems = Vec::new();
        let mut fail = |c: Column, p: Problem| problems.push(cell_problem(sheet, header, row, line, c, p));
        let card = match cell(Column::Card) {
            "" => Err(Problem::Missing),
            t => CardNumber::parse(t).map_err(Problem::from),
        };
        let card = card.map_err(|p| fail(Column::Card, p)).ok();
        let present = yes(cell(Column::Present), Problem::Presence).map_err(|p| fail(Column::Present, p)).ok();
        let reason = text(cell(Column::Reason)).map_err(|p| fail(Column::Reason, p)).ok();
        let accepted = yes(cell(Column::Accepted), Problem::Accepted).map_err(|p| fail(Column::Accepted, p)).ok();
        let (Some(card), Some(present), Some(reason), Some(accepted)) = (card, present, reason, accepted) else {
            return Err(problems);
        };
        let mark = match (present, reason, accepted) {
            (true, "", false) => RowMark::Present,
            (true, _, _) => {
                let c = if reason.is_empty() { Column::Accepted } else { Column::Reason };
                fail(c, Problem::PresentWithReason);
                return Err(problems);
            }
            (false, "", false) => return Ok(None),
            (false, "", true) => {
                fail(Column::Reason, Problem::ReasonMissing);
                return Err(problems);
            }
            (false, reason, accepted) => RowMark::Absent(AbsenceReason { reason: reason.to_owned(), accepted }),
        };
        Ok(Some(AttendanceRow { line, card, mark }))
    }
}

/// Parses the attendance sheet `sheet`; a person twice is a problem of
/// the second row (C-DEL-9: a person is on the roll once).
pub fn parse_sheet(sheet: &str, rows: &[Vec<String>]) -> Result<ParsedAttendance, FileError> {
    let parsed = super::parse_sheet::<Rows>(sheet, rows)?;
    Ok(twice(parsed, rows))
}

/// The first of `sheets` (name, rows) that has the attendance file's columns.
pub fn first_attendance_sheet<'a>(
    sheets: impl IntoIterator<Item = (&'a str, &'a [Vec<String>])> + Clone,
) -> Result<ParsedAttendance, FileError> {
    let parsed = super::first_sheet::<Rows>(sheets.clone())?;
    let rows = sheets.into_iter().find(|(n, _)| *n == parsed.sheet).map_or(&[][..], |(_, r)| r);
    Ok(twice(parsed, rows))
}

fn twice(mut parsed: ParsedAttendance, rows: &[Vec<String>]) -> ParsedAttendance {
    let mut people: HashMap<CardNumber, usize> = HashMap::new();
    let mut kept = Vec::with_capacity(parsed.rows.len());
    let empty = Vec::new();
    for r in std::mem::take(&mut parsed.rows) {
        if let Some(&first) = people.get(&r.card) {
            let row = rows.get(r.line - 1).unwrap_or(&empty);
            parsed.problems.push(parsed.problem(row, r.line, Column::Card, Problem::Twice(first)));
            continue;
        }
        people.insert(r.card.clone(), r.line);
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
    fn marks_r_base_1() {
        let rows = vec![
            header(),
            row(&["002101", "Nguyễn Văn An", "x", "", ""]),
            row(&["002102", "", "", "Ốm", "có"]),
            row(&["002103", "", "", "", ""]),
        ];
        let parsed = parse_sheet("Điểm danh", &rows).unwrap();
        assert_eq!(parsed.problems, vec![]);
        assert_eq!(parsed.skipped, 1);
        assert_eq!(parsed.rows[0].mark, RowMark::Present);
        assert_eq!(parsed.rows[1].mark, RowMark::Absent(AbsenceReason { reason: "Ốm".into(), accepted: true }));
    }

    #[test]
    fn every_bad_row_is_named_r_base_1_c_del_9() {
        let rows = vec![
            header(),
            row(&["12", "", "có mặt?", "", ""]),
            row(&["002101", "", "x", "Ốm", ""]),
            row(&["002102", "", "", "", "x"]),
            row(&["002103", "", "x", "", ""]),
            row(&["002103", "", "x", "", ""]),
        ];
        let parsed = parse_sheet("Điểm danh", &rows).unwrap();
        let named: Vec<(usize, Column, Option<&str>)> =
            parsed.problems.iter().map(|p| (p.row, p.column, p.problem.rule())).collect();
        assert_eq!(
            named,
            vec![
                (2, Column::Card, None),
                (2, Column::Present, None),
                (3, Column::Reason, Some("R-BASE-1")),
                (4, Column::Reason, Some("R-BASE-1")),
                (6, Column::Card, Some("C-DEL-9")),
            ]
        );
    }
}
