//! The member file (docs/member-import.md) as `daihoi export members` and
//! the API's export write it: one row per member, in [`Column::ALL`]
//! order, so that an import reads it back unchanged. Here, in the one crate
//! that knows both the members and `daihoi-sheets`, for the command line
//! (which depends on this crate) and the web alike.

use daihoi_core::OrgCode;
use daihoi_core::members::import::{Column, MemberRow};
use daihoi_core::members::{ConditionKind, Gender};
use daihoi_sheets::{Cell, ListColumn, SheetError, SheetOut};
use time::Date;

/// The sheet's name in the workbook.
pub const MEMBER_SHEET_NAME: &str = "Đảng viên";

/// The columns' widths in the workbook, in [`Column::ALL`] order.
pub const MEMBER_COLUMN_WIDTHS: [f64; 11] = [16.0, 26.0, 9.0, 12.0, 10.0, 18.0, 14.0, 14.0, 16.0, 24.0, 14.0];

/// The header row: the columns' titles, in [`Column::ALL`] order.
#[must_use]
pub fn member_header() -> Vec<&'static str> {
    Column::ALL.iter().map(|c| c.header()).collect()
}

/// The layout of the member file's sheet, with `header` ([`member_header`]).
#[must_use]
pub fn member_sheet<'a>(header: &'a [&'a str]) -> SheetOut<'a> {
    SheetOut { name: MEMBER_SHEET_NAME, header, column_widths: &MEMBER_COLUMN_WIDTHS }
}

fn date_cell(d: Date) -> Cell {
    Cell::Date { year: d.year(), month: u8::from(d.month()), day: d.day() }
}

fn opt(d: Option<Date>) -> Cell {
    d.map_or(Cell::Empty, date_cell)
}

/// One member as cells, in [`Column::ALL`] order: dates as dates, the rest
/// as text (a card number keeps its leading zeros).
#[must_use]
pub fn member_cells(r: &MemberRow) -> Vec<Cell> {
    let m = &r.member;
    Column::ALL
        .iter()
        .map(|c| match c {
            Column::CardNumber => Cell::Text(m.card_number.to_string()),
            Column::FullName => Cell::Text(m.name.full().to_owned()),
            Column::Gender => Cell::Text(m.gender.vi().to_owned()),
            Column::BirthDate => date_cell(m.birth_date),
            Column::Ethnicity => Cell::Text(m.ethnicity.clone()),
            Column::Organization => Cell::Text(r.organization.to_string()),
            Column::AdmissionDate => date_cell(m.admission_date),
            Column::OfficialDate => opt(m.official_date),
            Column::MemberSince => opt(r.member_since),
            Column::Condition => r.condition.map_or(Cell::Empty, |(k, _)| Cell::Text(k.vi().to_owned())),
            Column::ConditionFrom => opt(r.condition.map(|(_, from)| from)),
        })
        .collect()
}

/// The member file's bytes: an xlsx workbook (one sheet, dates as dates,
/// the columns widened) or a CSV file Excel opens as it should.
///
/// # Errors
///
/// A cell the format cannot hold, or more rows than Excel holds (see
/// [`daihoi_sheets::write_xlsx`]); `file` names the file in the message.
pub fn member_file_bytes(file: &str, rows: &[MemberRow], xlsx: bool) -> Result<Vec<u8>, Box<SheetError>> {
    let header = member_header();
    let (bytes, _) = if xlsx {
        daihoi_sheets::xlsx_bytes(file, &member_sheet(&header), rows.iter().map(member_cells))?
    } else {
        daihoi_sheets::csv_bytes(file, &header, rows.iter().map(member_cells))?
    };
    Ok(bytes)
}

/// The values the template's drop-down lists offer, by column: the words
/// an import reads ([`Gender::vi`], [`ConditionKind::vi`]).
fn template_lists() -> [(Column, Vec<&'static str>); 2] {
    [
        (Column::Gender, Gender::ALL.iter().map(|g| g.vi()).collect()),
        (Column::Condition, ConditionKind::ALL.iter().map(|k| k.vi()).collect()),
    ]
}

/// The member file's template (mẫu danh sách đảng viên): the header of
/// [`Column::ALL`], one example row of a member enrolled in `cell`, and
/// drop-down lists for the coded columns (gender, condition); an import
/// reads the example back as a valid row.
///
/// # Errors
///
/// As [`daihoi_sheets::xlsx_template_bytes`] (never for these columns).
pub fn member_template_bytes(file: &str, cell: &OrgCode) -> Result<Vec<u8>, Box<SheetError>> {
    let header = member_header();
    let date = |year, month, day| Cell::Date { year, month, day };
    let example: Vec<Cell> = Column::ALL
        .iter()
        .map(|c| match c {
            Column::CardNumber => Cell::Text("0001234567".to_owned()),
            Column::FullName => Cell::Text("Nguyễn Văn An".to_owned()),
            Column::Gender => Cell::Text(Gender::Male.vi().to_owned()),
            Column::BirthDate => date(1985, 3, 12),
            Column::Ethnicity => Cell::Text("Kinh".to_owned()),
            Column::Organization => Cell::Text(cell.to_string()),
            Column::AdmissionDate => date(2010, 5, 19),
            Column::OfficialDate => date(2011, 5, 19),
            Column::MemberSince | Column::Condition | Column::ConditionFrom => Cell::Empty,
        })
        .collect();
    let lists = template_lists();
    let columns: Vec<ListColumn<'_>> = lists
        .iter()
        .filter_map(|(c, values)| {
            Column::ALL.iter().position(|x| x == c).map(|column| ListColumn { column, values: values.as_slice() })
        })
        .collect();
    Ok(daihoi_sheets::xlsx_template_bytes(file, &member_sheet(&header), vec![example], &columns)?)
}
