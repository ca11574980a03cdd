//! The roll file of a delegate congress (danh sách đại biểu, issue 15 §6):
//! one row per delegate elected by a lower congress (C-DEL-2), designated
//! (C-DEL-8) or alternate (C-DEL-10), by card number. The ex-officio
//! delegates come from the convening committee (C-DEL-7), not the file.

use std::collections::HashMap;

use daihoi_core::members::CardNumber;
use daihoi_core::sheet_header::{HeaderMap, SheetColumn};
use daihoi_core::{OrgCode, search_key};

use super::{CellProblem, FileColumn, FileError, MAX_RANK, ParsedFile, Problem, RowParser, cell_problem, text};
use crate::roll::Seat;

/// A column of the roll file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Card,
    Name,
    Seat,
    ElectedBy,
    Decision,
    Rank,
}

impl Column {
    /// In template order.
    pub const ALL: [Column; 6] =
        [Column::Card, Column::Name, Column::Seat, Column::ElectedBy, Column::Decision, Column::Rank];
}

impl FileColumn for Column {
    fn key(self) -> &'static str {
        match self {
            Column::Card => "card",
            Column::Name => "name",
            Column::Seat => "seat",
            Column::ElectedBy => "elected_by",
            Column::Decision => "decision",
            Column::Rank => "rank",
        }
    }

    fn header(self) -> &'static str {
        match self {
            Column::Card => "Số thẻ đảng viên",
            Column::Name => "Họ và tên (không nhập)",
            Column::Seat => "Loại đại biểu",
            Column::ElectedBy => "Mã tổ chức bầu",
            Column::Decision => "Quyết định chỉ định",
            Column::Rank => "Thứ tự dự khuyết",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Card => &["so the", "so the dang", "the dang vien", "card number"],
            Column::Name => &["ho va ten", "ho ten", "ten", "full name"],
            Column::Seat => &["tu cach", "tu cach dai bieu", "loai", "seat kind"],
            Column::ElectedBy => &["bau tai", "duoc bau tai", "to chuc bau", "duoc bau tai (ma to chuc)", "elected by"],
            Column::Decision => &["quyet dinh", "so quyet dinh chi dinh"],
            Column::Rank => &["thu tu", "thu tu du khuyet", "alternate rank"],
        }
    }
}

impl SheetColumn for Column {
    fn all() -> &'static [Column] {
        &Column::ALL
    }

    fn required(self) -> bool {
        matches!(self, Column::Card | Column::Seat)
    }

    fn matches_header(self, header: &str) -> bool {
        super::matches_header(self, header)
    }
}

/// One delegate as the file gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollRow {
    /// The row as the spreadsheet numbers it (1-based).
    pub line: usize,
    pub card: CardNumber,
    /// Elected, designated or alternate (never ex officio nor member).
    pub seat: Seat,
}

/// The roll file's sheet, checked on its own.
pub type ParsedRoll = ParsedFile<Column, RollRow>;

/// How the file writes a seat (read back by the import).
pub fn seat_text(seat: &Seat) -> &'static str {
    match seat {
        Seat::Elected { .. } => "Được bầu",
        Seat::Designated { .. } => "Chỉ định",
        Seat::Alternate { .. } => "Dự khuyết",
        Seat::ExOfficio => "Đương nhiên",
        Seat::Member { .. } => "Đảng viên",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Elected,
    Designated,
    Alternate,
}

fn kind(t: &str) -> Result<Kind, Problem> {
    let key = search_key(t);
    let key = key.trim().trim_start_matches("dai bieu ").trim();
    match key {
        "elected" | "duoc bau" | "bau" | "chinh thuc" => Ok(Kind::Elected),
        "designated" | "chi dinh" => Ok(Kind::Designated),
        "alternate" | "du khuyet" => Ok(Kind::Alternate),
        _ => Err(Problem::Seat),
    }
}

fn rank(t: &str) -> Result<u32, Problem> {
    let t = t.trim();
    if t.is_empty() || t.len() > 5 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::Rank);
    }
    match t.parse::<u32>() {
        Ok(n) if (1..=MAX_RANK).contains(&n) => Ok(n),
        _ => Err(Problem::Rank),
    }
}

struct Rows;

impl RowParser for Rows {
    type Column = Column;
    type Row = RollRow;

    fn parse(
        sheet: &str,
        header: &HeaderMap<Column>,
        line: usize,
        row: &[String],
    ) -> Result<Option<RollRow>, Vec<CellProblem<Column>>> {
        let cell = |c: Column| header.cell(row, c);
        let mut problems = Vec::new();
        let mut fail = |c: Column, p: Problem| problems.push(cell_problem(sheet, header, row, line, c, p));
        let card = match cell(Column::Card) {
            "" => Err(Problem::Missing),
            t => CardNumber::parse(t).map_err(Problem::from),
        };
        let card = card.map_err(|p| fail(Column::Card, p)).ok();
        let kind = match cell(Column::Seat) {
            "" => Err(Problem::Missing),
            t => kind(t),
        };
        let kind = kind.map_err(|p| fail(Column::Seat, p)).ok();
        let by = cell(Column::ElectedBy);
        let decision = cell(Column::Decision);
        let rank_text = cell(Column::Rank);
        let seat = match kind {
            None => None,
            Some(Kind::Elected) => {
                let code = match by {
                    "" => Err(Problem::ElectedByMissing),
                    t => OrgCode::parse(t).map_err(Problem::from),
                };
                for (c, t) in [(Column::Decision, decision), (Column::Rank, rank_text)] {
                    if !t.is_empty() {
                        fail(c, Problem::NotForSeat);
                    }
                }
                code.map_err(|p| fail(Column::ElectedBy, p)).ok().map(|c| Seat::Elected { by: c.to_string() })
            }
            Some(Kind::Designated) => {
                let d = match decision {
                    "" => Err(Problem::DecisionMissing),
                    t => text(t),
                };
                for (c, t) in [(Column::ElectedBy, by), (Column::Rank, rank_text)] {
                    if !t.is_empty() {
                        fail(c, Problem::NotForSeat);
                    }
                }
                d.map_err(|p| fail(Column::Decision, p)).ok().map(|d| Seat::Designated { decision: d.to_owned() })
            }
            Some(Kind::Alternate) => {
                let r = match rank_text {
                    "" => Err(Problem::RankMissing),
                    t => rank(t),
                };
                for (c, t) in [(Column::ElectedBy, by), (Column::Decision, decision)] {
                    if !t.is_empty() {
                        fail(c, Problem::NotForSeat);
                    }
                }
                r.map_err(|p| fail(Column::Rank, p)).ok().map(|rank| Seat::Alternate { rank })
            }
        };
        match (card, seat) {
            (Some(card), Some(seat)) if problems.is_empty() => Ok(Some(RollRow { line, card, seat })),
            _ => Err(problems),
        }
    }
}

/// Parses the roll sheet `sheet`; a person twice (C-DEL-9) and an
/// alternate's rank twice (C-DEL-10) are problems of their second row.
pub fn parse_sheet(sheet: &str, rows: &[Vec<String>]) -> Result<ParsedRoll, FileError> {
    let parsed = super::parse_sheet::<Rows>(sheet, rows)?;
    Ok(twice(parsed, rows))
}

/// The first of `sheets` (name, rows) that has the roll file's columns.
pub fn first_roll_sheet<'a>(
    sheets: impl IntoIterator<Item = (&'a str, &'a [Vec<String>])> + Clone,
) -> Result<ParsedRoll, FileError> {
    let parsed = super::first_sheet::<Rows>(sheets.clone())?;
    let rows = sheets.into_iter().find(|(n, _)| *n == parsed.sheet).map_or(&[][..], |(_, r)| r);
    Ok(twice(parsed, rows))
}

fn twice(mut parsed: ParsedRoll, rows: &[Vec<String>]) -> ParsedRoll {
    let mut people: HashMap<CardNumber, usize> = HashMap::new();
    let mut ranks: HashMap<u32, usize> = HashMap::new();
    let mut kept = Vec::with_capacity(parsed.rows.len());
    let empty = Vec::new();
    for r in std::mem::take(&mut parsed.rows) {
        let row = rows.get(r.line - 1).unwrap_or(&empty);
        if let Some(&first) = people.get(&r.card) {
            parsed.problems.push(parsed.problem(row, r.line, Column::Card, Problem::Twice(first)));
            continue;
        }
        if let Seat::Alternate { rank } = r.seat
            && let Some(&first) = ranks.get(&rank)
        {
            parsed.problems.push(parsed.problem(row, r.line, Column::Rank, Problem::RankTwice(first)));
            continue;
        }
        people.insert(r.card.clone(), r.line);
        if let Seat::Alternate { rank } = r.seat {
            ranks.insert(rank, r.line);
        }
        kept.push(r);
    }
    parsed.rows = kept;
    parsed.problems.sort_by_key(|p| (p.row, p.index));
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::MAX_ROWS;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| (*s).to_owned()).collect()
    }

    fn header() -> Vec<String> {
        Column::ALL.iter().map(|c| c.header().to_owned()).collect()
    }

    #[test]
    fn good_rows_c_del_2_c_del_8_c_del_10() {
        let rows = vec![
            row(&["DANH SÁCH ĐẠI BIỂU"]),
            header(),
            row(&["002104", "Phạm Văn Dũng", "Được bầu", "qn.dh.qt.cb01", "", ""]),
            row(&["002105", "", "đại biểu chỉ định", "", "15-QĐ/ĐU", ""]),
            row(&["002108", "", "Dự khuyết", "", "", "1"]),
        ];
        let parsed = parse_sheet("Danh sách", &rows).unwrap();
        assert_eq!(parsed.problems, vec![]);
        let seats: Vec<(&str, Seat)> = parsed.rows.iter().map(|r| (r.card.as_str(), r.seat.clone())).collect();
        assert_eq!(
            seats,
            vec![
                ("002104", Seat::Elected { by: "QN.DH.QT.CB01".into() }),
                ("002105", Seat::Designated { decision: "15-QĐ/ĐU".into() }),
                ("002108", Seat::Alternate { rank: 1 }),
            ]
        );
        assert_eq!(parsed.rows[0].line, 3);
    }

    #[test]
    fn every_bad_cell_is_named_with_its_rule_c_del_2_c_del_8_c_del_9_c_del_10() {
        let rows = vec![
            header(),
            row(&["abc", "", "khách mời", "", "", ""]),
            row(&["002104", "", "Được bầu", "", "15-QĐ", ""]),
            row(&["002105", "", "Chỉ định", "", "", ""]),
            row(&["002106", "", "Dự khuyết", "", "", "0"]),
            row(&["002107", "", "Dự khuyết", "", "", "2"]),
            row(&["002108", "", "Dự khuyết", "", "", "2"]),
            row(&["002107", "", "Chỉ định", "", "1-QĐ", ""]),
        ];
        let parsed = parse_sheet("Danh sách", &rows).unwrap();
        let named: Vec<(usize, Column, Option<&str>)> =
            parsed.problems.iter().map(|p| (p.row, p.column, p.problem.rule())).collect();
        assert_eq!(
            named,
            vec![
                (2, Column::Card, None),
                (2, Column::Seat, Some("C-DEL-8")),
                (3, Column::ElectedBy, Some("C-DEL-2")),
                (3, Column::Decision, Some("C-DEL-8")),
                (4, Column::Decision, Some("C-DEL-8")),
                (5, Column::Rank, None),
                (7, Column::Rank, Some("C-DEL-10")),
                (8, Column::Card, Some("C-DEL-9")),
            ]
        );
        assert_eq!(
            parsed.problems[1].to_string(),
            "sheet \"Danh sách\", row 2, column C (Loại đại biểu (seat)) \"khách mời\": C-DEL-8: expected bầu \
             (elected), chỉ định (designated) or dự khuyết (alternate)"
        );
        assert_eq!(parsed.rows.len(), 1);
        assert_eq!(parsed.rows_read(), 7);
    }

    #[test]
    fn what_the_download_writes_the_import_reads() {
        for seat in
            [Seat::Elected { by: "QN".into() }, Seat::Designated { decision: "d".into() }, Seat::Alternate { rank: 1 }]
        {
            let k = kind(seat_text(&seat)).ok();
            let expected = match seat {
                Seat::Elected { .. } => Kind::Elected,
                Seat::Designated { .. } => Kind::Designated,
                _ => Kind::Alternate,
            };
            assert!(k == Some(expected), "{seat:?}");
        }
    }

    #[test]
    fn too_many_rows_are_refused_before_reading() {
        let mut rows = vec![header()];
        rows.extend((0..=MAX_ROWS).map(|i| row(&[&format!("{:06}", i + 1), "", "Dự khuyết", "", "", "1"])));
        assert!(matches!(parse_sheet("s", &rows), Err(FileError::TooManyRows { .. })));
        // Blank rows at the end do not count.
        let mut rows = vec![header(), row(&["002104", "", "Dự khuyết", "", "", "1"])];
        rows.extend((0..=MAX_ROWS).map(|_| row(&[""])));
        assert_eq!(parse_sheet("s", &rows).unwrap().rows.len(), 1);
    }

    #[test]
    fn a_sheet_without_the_columns_is_skipped_for_the_next() {
        let other = vec![row(&["Tên", "Ghi chú"])];
        let roll = vec![header(), row(&["002104", "", "Dự khuyết", "", "", "1"])];
        let parsed = first_roll_sheet([("Bìa", other.as_slice()), ("Danh sách", roll.as_slice())]).unwrap();
        assert_eq!(parsed.sheet, "Danh sách");
        let err = first_roll_sheet([("Bìa", other.as_slice())]).unwrap_err();
        assert!(matches!(err, FileError::Missing { .. }), "{err:?}");
    }
}
