//! Writing rows to xlsx and CSV files.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use rust_xlsxwriter::{DataValidation, ExcelDateTime, Format as CellFormat, Workbook as XlsxWorkbook};

use crate::error::SheetError;

/// A value to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text, kept as text even when it looks like a number (a Party card
    /// number such as `0012345` keeps its leading zeros).
    Text(String),
    /// A whole number, written as a number. Excel holds numbers as 64-bit
    /// floats: beyond ±2^53 the value is rounded.
    Int(i64),
    /// A calendar date, shown as `dd/mm/yyyy`.
    Date {
        /// The year (1900–9999 for xlsx, 1–9999 for CSV).
        year: i32,
        /// The month, 1–12.
        month: u8,
        /// The day of the month.
        day: u8,
    },
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_owned())
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Cell::Int(n)
    }
}

/// The layout of an xlsx sheet to write.
#[derive(Debug, Clone, Copy)]
pub struct SheetOut<'a> {
    /// The sheet's name (at most 31 characters, none of `[ ] : * ? / \`).
    pub name: &'a str,
    /// The titles of the first row, written in bold; the row stays frozen
    /// while scrolling. May be empty.
    pub header: &'a [&'a str],
    /// Column widths in characters, from column A; may be empty (or
    /// shorter than the header) to keep Excel's default width.
    pub column_widths: &'a [f64],
}

/// Excel's last row is 1,048,576; the header takes the first.
const MAX_XLSX_DATA_ROWS: u64 = 1_048_575;
/// Excel's last column is XFD.
const MAX_XLSX_COLUMNS: u64 = 16_384;

/// Writes one sheet to an xlsx file, streaming the rows (memory use does not
/// grow with the number of rows).
///
/// Returns the number of data rows written (the header not counted).
///
/// # Errors
///
/// [`SheetError::Xlsx`] for an invalid sheet name or when the file cannot be
/// saved, [`SheetError::XlsxCell`] for a cell Excel cannot hold (text longer
/// than 32,767 characters), [`SheetError::InvalidDate`],
/// [`SheetError::TooLarge`] beyond Excel's row or column limit.
pub fn write_xlsx<I>(path: &Path, sheet: &SheetOut<'_>, rows: I) -> Result<u64, SheetError>
where
    I: IntoIterator<Item = Vec<Cell>>,
{
    let file = path.display().to_string();
    let (mut workbook, written) = xlsx_workbook(&file, sheet, rows)?;
    workbook.save(path).map_err(|source| SheetError::Xlsx { file, source })?;
    Ok(written)
}

/// [`write_xlsx`] into memory (a download): the file's bytes and the
/// number of data rows. `file` names the file in errors.
///
/// # Errors
///
/// As [`write_xlsx`].
pub fn xlsx_bytes<I>(file: &str, sheet: &SheetOut<'_>, rows: I) -> Result<(Vec<u8>, u64), SheetError>
where
    I: IntoIterator<Item = Vec<Cell>>,
{
    let (mut workbook, written) = xlsx_workbook(file, sheet, rows)?;
    let bytes = workbook.save_to_buffer().map_err(|source| SheetError::Xlsx { file: file.to_owned(), source })?;
    Ok((bytes, written))
}

/// A column of a template whose cells are chosen from a list (a drop-down
/// in Excel and LibreOffice): its 0-based index and the values offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListColumn<'a> {
    pub column: usize,
    pub values: &'a [&'a str],
}

/// The rows of a template below the header that the lists cover.
const TEMPLATE_LIST_ROWS: u32 = 10_000;

/// A template to fill in (a download): the header, a few example rows,
/// and in each of `lists`' columns a drop-down of its values over the
/// first 10,000 rows below the header (a value outside the list is
/// warned about, not refused: the importer is the one that decides).
///
/// # Errors
///
/// As [`write_xlsx`]; [`SheetError::Xlsx`] for a list longer than Excel's
/// 255 characters.
pub fn xlsx_template_bytes(
    file: &str,
    sheet: &SheetOut<'_>,
    examples: Vec<Vec<Cell>>,
    lists: &[ListColumn<'_>],
) -> Result<Vec<u8>, SheetError> {
    let xlsx_error = |source| SheetError::Xlsx { file: file.to_owned(), source };
    let (mut workbook, _) = xlsx_workbook_in(file, sheet, examples, false)?;
    let worksheet = workbook.worksheet_from_index(0).map_err(xlsx_error)?;
    for list in lists {
        let column = xlsx_column(list.column).ok_or_else(|| SheetError::TooLarge {
            file: file.to_owned(),
            what: "columns",
            max: MAX_XLSX_COLUMNS,
        })?;
        let validation = DataValidation::new()
            .allow_list_strings(list.values)
            .map_err(xlsx_error)?
            .set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Warning);
        worksheet.add_data_validation(1, column, TEMPLATE_LIST_ROWS, column, &validation).map_err(xlsx_error)?;
    }
    workbook.save_to_buffer().map_err(xlsx_error)
}

/// The workbook of [`write_xlsx`], not yet saved, and its data rows.
fn xlsx_workbook<I>(file: &str, sheet: &SheetOut<'_>, rows: I) -> Result<(XlsxWorkbook, u64), SheetError>
where
    I: IntoIterator<Item = Vec<Cell>>,
{
    xlsx_workbook_in(file, sheet, rows, true)
}

/// [`xlsx_workbook`]; `constant_memory`: rows are streamed (an export),
/// or kept so that the sheet can still be changed (a template).
fn xlsx_workbook_in<I>(
    file: &str,
    sheet: &SheetOut<'_>,
    rows: I,
    constant_memory: bool,
) -> Result<(XlsxWorkbook, u64), SheetError>
where
    I: IntoIterator<Item = Vec<Cell>>,
{
    let file = file.to_owned();
    let xlsx_error = |source| SheetError::Xlsx { file: file.clone(), source };
    let too_large = |what, max| SheetError::TooLarge { file: file.clone(), what, max };
    let header_format = CellFormat::new().set_bold();
    let date_format = CellFormat::new().set_num_format("dd/mm/yyyy");

    let mut workbook = XlsxWorkbook::new();
    let worksheet = if constant_memory {
        workbook.add_worksheet_with_constant_memory().map_err(xlsx_error)?
    } else {
        workbook.add_worksheet()
    };
    worksheet.set_name(sheet.name).map_err(xlsx_error)?;
    for (column, &width) in sheet.column_widths.iter().enumerate() {
        let column = xlsx_column(column).ok_or_else(|| too_large("columns", MAX_XLSX_COLUMNS))?;
        worksheet.set_column_width(column, width).map_err(xlsx_error)?;
    }
    let first_data_row = u32::from(!sheet.header.is_empty());
    if !sheet.header.is_empty() {
        for (column, title) in sheet.header.iter().enumerate() {
            let column = xlsx_column(column).ok_or_else(|| too_large("columns", MAX_XLSX_COLUMNS))?;
            worksheet.write_string_with_format(0, column, *title, &header_format).map_err(xlsx_error)?;
        }
        worksheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    }

    let mut written: u64 = 0;
    for cells in rows {
        if written >= MAX_XLSX_DATA_ROWS {
            return Err(too_large("rows", MAX_XLSX_DATA_ROWS));
        }
        let row = u32::try_from(written).map_err(|_| too_large("rows", MAX_XLSX_DATA_ROWS))? + first_data_row;
        for (index, cell) in cells.into_iter().enumerate() {
            let column = xlsx_column(index).ok_or_else(|| too_large("columns", MAX_XLSX_COLUMNS))?;
            let cell_error = |source| SheetError::XlsxCell {
                file: file.clone(),
                row: u64::from(row) + 1,
                column: index as u64 + 1,
                source,
            };
            match cell {
                Cell::Empty => {}
                Cell::Text(text) => {
                    worksheet.write_string(row, column, text).map_err(cell_error)?;
                }
                Cell::Int(n) => {
                    // Excel numbers are doubles; see `Cell::Int`.
                    worksheet.write_number(row, column, n as f64).map_err(cell_error)?;
                }
                Cell::Date { year, month, day } => {
                    let date = u16::try_from(year)
                        .ok()
                        .filter(|_| is_calendar_date(year, month, day))
                        .and_then(|y| ExcelDateTime::from_ymd(y, month, day).ok())
                        .ok_or_else(|| SheetError::InvalidDate {
                            file: file.clone(),
                            row: u64::from(row) + 1,
                            column: index as u64 + 1,
                            year,
                            month,
                            day,
                        })?;
                    worksheet.write_datetime_with_format(row, column, &date, &date_format).map_err(cell_error)?;
                }
            }
        }
        written += 1;
    }
    Ok((workbook, written))
}

/// A 0-based column index as rust_xlsxwriter's column number, if Excel has
/// that column.
fn xlsx_column(index: usize) -> Option<u16> {
    u16::try_from(index).ok().filter(|&c| u64::from(c) < MAX_XLSX_COLUMNS)
}

/// Writes a CSV file the way Excel on a Vietnamese Windows opens it
/// correctly: UTF-8 with byte-order mark, comma separator, CRLF line ends,
/// dates as `dd/mm/yyyy`.
///
/// Returns the number of data rows written (the header not counted). An
/// empty `header` writes no header line.
///
/// # Errors
///
/// [`SheetError::WriteIo`] or [`SheetError::CsvWrite`] when the file cannot
/// be written, [`SheetError::InvalidDate`] for a date that does not exist.
pub fn write_csv<I>(path: &Path, header: &[&str], rows: I) -> Result<u64, SheetError>
where
    I: IntoIterator<Item = Vec<Cell>>,
{
    let file = path.display().to_string();
    let out = File::create(path).map_err(|source| SheetError::WriteIo { file: file.clone(), source })?;
    csv_to(BufWriter::new(out), &file, header, rows)
}

/// [`write_csv`] into memory (a download): the file's bytes and the number
/// of data rows. `file` names the file in errors.
///
/// # Errors
///
/// As [`write_csv`].
pub fn csv_bytes<I>(file: &str, header: &[&str], rows: I) -> Result<(Vec<u8>, u64), SheetError>
where
    I: IntoIterator<Item = Vec<Cell>>,
{
    let mut bytes = Vec::new();
    let written = csv_to(&mut bytes, file, header, rows)?;
    Ok((bytes, written))
}

/// [`write_csv`] to any writer.
fn csv_to<W: Write, I>(mut out: W, file: &str, header: &[&str], rows: I) -> Result<u64, SheetError>
where
    I: IntoIterator<Item = Vec<Cell>>,
{
    let file = file.to_owned();
    let io_error = |source| SheetError::WriteIo { file: file.clone(), source };
    let csv_error = |source| SheetError::CsvWrite { file: file.clone(), source };
    out.write_all("\u{FEFF}".as_bytes()).map_err(io_error)?;
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).flexible(true).from_writer(out);
    let first_data_row: u64 = if header.is_empty() {
        1
    } else {
        writer.write_record(header).map_err(csv_error)?;
        2
    };
    let mut written: u64 = 0;
    for cells in rows {
        let fields = cells
            .iter()
            .enumerate()
            .map(|(index, cell)| match *cell {
                Cell::Date { year, month, day } if !is_calendar_date(year, month, day) => {
                    Err(SheetError::InvalidDate {
                        file: file.clone(),
                        row: first_data_row + written,
                        column: index as u64 + 1,
                        year,
                        month,
                        day,
                    })
                }
                _ => Ok(csv_field(cell)),
            })
            .collect::<Result<Vec<_>, _>>()?;
        writer.write_record(fields.iter().map(|field| field.as_bytes())).map_err(csv_error)?;
        written += 1;
    }
    writer.flush().map_err(io_error)?;
    Ok(written)
}

/// The first characters that make a spreadsheet program read a CSV cell as
/// a formula (`=HYPERLINK(…)`, `+cmd|…`, `-2+3`, `@SUM(…)`), or that some
/// programs drop before doing so (tab, carriage return).
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The CSV text of a cell (dates are checked by the caller). A text that
/// begins with one of [`FORMULA_TRIGGERS`] is written after an apostrophe,
/// as spreadsheet programs expect, so that opening the file runs nothing;
/// the readers of this crate take the apostrophe off again.
fn csv_field(cell: &Cell) -> Cow<'_, str> {
    match cell {
        Cell::Empty => Cow::Borrowed(""),
        Cell::Text(text) if text.starts_with(FORMULA_TRIGGERS) => Cow::Owned(format!("'{text}")),
        Cell::Text(text) => Cow::Borrowed(text),
        Cell::Int(n) => Cow::Owned(n.to_string()),
        Cell::Date { year, month, day } => Cow::Owned(format!("{day:02}/{month:02}/{year:04}")),
    }
}

/// Whether the date exists in the (proleptic) Gregorian calendar, years 1–9999.
fn is_calendar_date(year: i32, month: u8, day: u8) -> bool {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=9999).contains(&year) && (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates() {
        assert!(is_calendar_date(2024, 2, 29));
        assert!(!is_calendar_date(2023, 2, 29));
        assert!(!is_calendar_date(1900, 2, 29));
        assert!(is_calendar_date(2000, 2, 29));
        assert!(!is_calendar_date(2024, 13, 1));
        assert!(!is_calendar_date(2024, 4, 31));
        assert!(!is_calendar_date(2024, 1, 0));
        assert!(!is_calendar_date(0, 1, 1));
    }

    #[test]
    fn csv_fields() {
        let date = Cell::Date { year: 1975, month: 4, day: 30 };
        assert_eq!(csv_field(&date), "30/04/1975");
        assert_eq!(csv_field(&Cell::Int(-7)), "-7");
        assert_eq!(csv_field(&Cell::from("0012345")), "0012345");
        assert_eq!(csv_field(&Cell::Empty), "");
    }

    #[test]
    fn csv_bytes_on_disk() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.csv");
        let rows = vec![
            vec![Cell::from("Nguyễn Văn An"), Cell::Date { year: 1970, month: 1, day: 2 }],
            vec![Cell::from("a, \"b\""), Cell::Empty, Cell::Int(3)],
        ];
        assert_eq!(write_csv(&path, &["Họ tên", "Ngày sinh"], rows).expect("written"), 2);
        let bytes = std::fs::read(&path).expect("read back");
        assert_eq!(
            String::from_utf8(bytes).expect("UTF-8"),
            "\u{FEFF}Họ tên,Ngày sinh\r\nNguyễn Văn An,02/01/1970\r\n\"a, \"\"b\"\"\",,3\r\n"
        );
    }

    #[test]
    fn csv_cells_that_would_be_formulas_are_neutralised_and_read_back() {
        let hostile =
            ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx", "- Tăng cường"];
        let rows: Vec<Vec<Cell>> = hostile.iter().map(|t| vec![Cell::from(*t), Cell::Int(-5)]).collect();
        let (bytes, _) = csv_bytes("t.csv", &["Tên", "Số"], rows).expect("written");
        let text = String::from_utf8(bytes.clone()).expect("UTF-8");
        for line in text.lines().skip(1).filter(|l| !l.is_empty()) {
            let first = line.trim_start_matches('"');
            assert!(first.starts_with('\'') || first.starts_with('x'), "neutralised: {line:?}");
        }
        assert!(text.contains(",-5\r\n"), "numbers stay numbers: {text}");
        let back = crate::read_bytes("t.csv", crate::Format::Csv, &bytes).expect("read back");
        let cells: Vec<&str> = back.sheets[0].rows[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(cells, hostile, "the apostrophe is taken off again");
    }

    #[test]
    fn invalid_dates_name_the_cell() {
        let dir = tempfile::tempdir().expect("temp dir");
        let bad = || vec![vec![Cell::Empty, Cell::Date { year: 2023, month: 2, day: 29 }]];
        let csv = dir.path().join("x.csv");
        let err = write_csv(&csv, &["A", "B"], bad()).unwrap_err();
        assert!(err.to_string().ends_with("x.csv, row 2, column 2: invalid date 2023-02-29"), "{err}");
        let xlsx = dir.path().join("x.xlsx");
        let sheet = SheetOut { name: "S", header: &[], column_widths: &[] };
        let err = write_xlsx(&xlsx, &sheet, bad()).unwrap_err();
        assert!(err.to_string().ends_with("x.xlsx, row 1, column 2: invalid date 2023-02-29"), "{err}");
        let old = vec![vec![Cell::Date { year: 1899, month: 1, day: 1 }]];
        assert!(matches!(write_xlsx(&xlsx, &sheet, old), Err(SheetError::InvalidDate { year: 1899, .. })));
    }

    #[test]
    fn xlsx_limits_and_names() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("x.xlsx");
        let bad_name = SheetOut { name: "a/b", header: &[], column_widths: &[] };
        assert!(matches!(write_xlsx(&path, &bad_name, Vec::<Vec<Cell>>::new()), Err(SheetError::Xlsx { .. })));
        let sheet = SheetOut { name: "S", header: &["A"], column_widths: &[] };
        let wide = vec![vec![Cell::Empty; 16_385]];
        assert!(matches!(write_xlsx(&path, &sheet, wide), Err(SheetError::TooLarge { what: "columns", .. })));
        let long = vec![vec![Cell::Text("x".repeat(40_000))]];
        let err = write_xlsx(&path, &sheet, long).unwrap_err();
        assert!(matches!(err, SheetError::XlsxCell { row: 2, column: 1, .. }), "{err}");
    }
}
