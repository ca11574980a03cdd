//! Reading xlsx, xls, ods and CSV files into rows of text.

use std::borrow::Cow;
use std::fmt;
use std::io::Cursor;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use calamine::{Data, DataRef, ExcelDateTime, Ods, Range, Reader, SheetType, Xls, Xlsx};

use crate::container::{self, Refusal};
use crate::error::SheetError;
use crate::legacy::{LegacyFinding, detect_workbook};
use crate::limits::{LimitExceeded, Limits};

/// A spreadsheet file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Office Open XML workbook (`.xlsx`, `.xlsm`).
    Xlsx,
    /// Excel 97–2003 binary workbook (`.xls`).
    Xls,
    /// OpenDocument spreadsheet (`.ods`).
    Ods,
    /// Delimited text (`.csv`, `.tsv`, `.txt`): comma, semicolon or tab
    /// separated; UTF-8, UTF-16 with byte-order mark, or Windows-1252.
    Csv,
}

impl Format {
    /// The format a file name's extension stands for (case-insensitive), or
    /// `None` for an unknown extension.
    ///
    /// `.txt` and `.tsv` count as [`Format::Csv`]: Excel saves "Unicode text"
    /// as tab-separated `.txt`.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            "xls" => Some(Format::Xls),
            "ods" => Some(Format::Ods),
            "csv" | "tsv" | "txt" => Some(Format::Csv),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Csv => "CSV",
        })
    }
}

/// One sheet: every cell as the text a person sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The sheet's name (for CSV, the file name without extension).
    pub name: String,
    /// `rows[i][j]` is the cell at Excel row `i + 1`, column `j` (A = 0).
    ///
    /// Blank rows inside the sheet are kept as empty vectors; trailing empty
    /// rows, and trailing empty cells of each row, are dropped.
    pub rows: Vec<Vec<String>>,
}

/// A file that has been read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workbook {
    /// The file name as given by the caller, for messages.
    pub file: String,
    /// The worksheets, in workbook order (chart and macro sheets are left out).
    pub sheets: Vec<Sheet>,
    /// The first cell that looks typed in a legacy Vietnamese encoding, if
    /// any; see [`convert_workbook`](crate::convert_workbook).
    pub legacy: Option<LegacyFinding>,
}

/// Reads a file, choosing the format by its extension, within
/// [`Limits::default`].
///
/// # Errors
///
/// As [`read_path_within`].
pub fn read_path(path: &Path) -> Result<Workbook, SheetError> {
    read_path_within(path, &Limits::default())
}

/// Reads a file, choosing the format by its extension, within `limits`.
///
/// # Errors
///
/// [`SheetError::UnsupportedFormat`] for an unknown extension,
/// [`SheetError::ReadIo`] if the file cannot be read,
/// [`SheetError::OverLimit`] for a file larger than
/// [`Limits::max_file_bytes`] (checked before it is read), and the errors of
/// [`read_bytes_within`].
pub fn read_path_within(path: &Path, limits: &Limits) -> Result<Workbook, SheetError> {
    let file = path.display().to_string();
    let format = Format::from_path(path).ok_or_else(|| SheetError::UnsupportedFormat { file: file.clone() })?;
    let io = |source| SheetError::ReadIo { file: file.clone(), source };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > limits.max_file_bytes {
        let exceeded = LimitExceeded::FileBytes { bytes: size, limit: limits.max_file_bytes };
        return Err(SheetError::OverLimit { file, sheet: None, exceeded });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    read_bytes_within(&file, format, &bytes, limits)
}

/// Reads a file held in memory (an upload, for instance) within
/// [`Limits::default`].
///
/// # Errors
///
/// As [`read_bytes_within`].
pub fn read_bytes(file_name: &str, format: Format, bytes: &[u8]) -> Result<Workbook, SheetError> {
    read_bytes_within(file_name, format, bytes, &Limits::default())
}

/// Reads a file held in memory (an upload, for instance) within `limits`.
///
/// `file_name` is only used for messages and, for CSV, for the sheet name.
/// [`Workbook::legacy`] is filled in when a cell looks typed in TCVN3 or VNI.
///
/// The file's claims (its size, its zip container's parts and inflated
/// size, an xlsx's shared strings and sheet dimensions, an ods's repeated
/// rows and columns, an xls's records) are checked against `limits` before
/// anything is allocated for them, and reading stops at the limits on rows,
/// columns and cells: no file, however made, makes this reserve more than
/// the limits allow.
///
/// # Errors
///
/// [`SheetError::OverLimit`] for a file over one of `limits`,
/// [`SheetError::NotThisFormat`] when the content is not of `format`,
/// [`SheetError::Corrupt`] when the bytes are not a valid file of `format`,
/// [`SheetError::SheetUnreadable`] when one sheet is damaged,
/// [`SheetError::Encoding`] and [`SheetError::InvalidUtf8`] for undecodable
/// text.
pub fn read_bytes_within(
    file_name: &str,
    format: Format,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Workbook, SheetError> {
    let over = |exceeded| SheetError::OverLimit { file: file_name.to_owned(), sheet: None, exceeded };
    let rebuilt = container::check(format, bytes, limits).map_err(|refusal| match refusal {
        Refusal::Limit(exceeded) => over(exceeded),
        Refusal::OtherKind(found) => SheetError::NotThisFormat { file: file_name.to_owned(), format, found },
        Refusal::Damaged(why) => {
            SheetError::Corrupt { file: file_name.to_owned(), format, source: calamine::Error::Msg(why) }
        }
    })?;
    let bytes = rebuilt.as_deref().unwrap_or(bytes);
    let mut cells = 0;
    let sheets = match format {
        Format::Xlsx => read_xlsx(file_name, bytes, limits, &mut cells)?,
        Format::Xls => read_spreadsheet::<Xls<_>>(file_name, format, bytes, limits, &mut cells)?,
        Format::Ods => read_spreadsheet::<Ods<_>>(file_name, format, bytes, limits, &mut cells)?,
        Format::Csv => vec![read_csv(file_name, bytes, limits, &mut cells)?],
    };
    let mut workbook = Workbook { file: file_name.to_owned(), sheets, legacy: None };
    workbook.legacy = detect_workbook(&workbook);
    Ok(workbook)
}

/// A sheet's rows as they are read, kept within the limits: a cell past
/// the last row or column allowed, or past the file's cell budget, stops
/// the reading.
struct Grid<'a> {
    rows: Vec<Vec<String>>,
    limits: &'a Limits,
    /// The non-empty cells of the whole file so far.
    cells: &'a mut u64,
}

impl<'a> Grid<'a> {
    fn new(limits: &'a Limits, cells: &'a mut u64) -> Self {
        Grid { rows: Vec::new(), limits, cells }
    }

    /// Puts the text of the cell at 0-based `(row, column)`; empty text is
    /// not stored.
    fn put(&mut self, row: usize, column: usize, text: String) -> Result<(), LimitExceeded> {
        if text.is_empty() {
            return Ok(());
        }
        let limits = self.limits;
        if row as u64 >= limits.max_rows {
            return Err(LimitExceeded::Row { row: row as u64 + 1, limit: limits.max_rows });
        }
        if column as u64 >= limits.max_columns {
            return Err(LimitExceeded::Column {
                row: row as u64 + 1,
                column: column as u64 + 1,
                limit: limits.max_columns,
            });
        }
        *self.cells += 1;
        if *self.cells > limits.max_cells {
            return Err(LimitExceeded::Cells { limit: limits.max_cells });
        }
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        cells[column] = text;
        Ok(())
    }

    fn finish(self, name: String) -> Sheet {
        Sheet { name, rows: self.rows }
    }
}

/// The worksheets' names, at most [`Limits::max_sheets`] of them.
fn worksheet_names<RS: std::io::Read + std::io::Seek, R: Reader<RS>>(
    file: &str,
    reader: &R,
    limits: &Limits,
) -> Result<Vec<String>, SheetError> {
    let names: Vec<String> = reader
        .sheets_metadata()
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet)
        .map(|sheet| sheet.name.clone())
        .collect();
    if names.len() as u64 > limits.max_sheets {
        let exceeded = LimitExceeded::Sheets { count: names.len() as u64, limit: limits.max_sheets };
        return Err(SheetError::OverLimit { file: file.to_owned(), sheet: None, exceeded });
    }
    Ok(names)
}

/// calamine parses untrusted binary and XML structures; a panic inside it on
/// a damaged file is turned into [`SheetError::Corrupt`] so that an upload can
/// never bring the caller down.
fn unwind_safe<T>(file: &str, format: Format, read: impl FnOnce() -> Result<T, SheetError>) -> Result<T, SheetError> {
    panic::catch_unwind(AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(SheetError::Corrupt {
            file: file.to_owned(),
            format,
            source: calamine::Error::Msg("the file is damaged (the reader stopped on an inconsistency)"),
        })
    })
}

/// Reads an xlsx sheet by sheet, cell by cell, as calamine streams them: no
/// sheet is ever laid out as the rectangle its cells span. A sheet whose
/// `dimension` claims more rows or columns than the limits is refused
/// before its first cell.
fn read_xlsx(file: &str, bytes: &[u8], limits: &Limits, cells: &mut u64) -> Result<Vec<Sheet>, SheetError> {
    let corrupt = |source: calamine::Error| SheetError::Corrupt { file: file.to_owned(), format: Format::Xlsx, source };
    let over = |sheet: &str, exceeded| SheetError::OverLimit {
        file: file.to_owned(),
        sheet: Some(sheet.to_owned()),
        exceeded,
    };
    unwind_safe(file, Format::Xlsx, || {
        let mut reader: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| corrupt(e.into()))?;
        let names = worksheet_names(file, &reader, limits)?;
        let mut sheets = Vec::with_capacity(names.len());
        for name in names {
            let unreadable = |e: calamine::XlsxError| SheetError::SheetUnreadable {
                file: file.to_owned(),
                sheet: name.clone(),
                source: e.into(),
            };
            let mut stream = reader.worksheet_cells_reader(&name).map_err(unreadable)?;
            let claimed = stream.dimensions();
            let (rows, columns) = (u64::from(claimed.end.0) + 1, u64::from(claimed.end.1) + 1);
            if rows > limits.max_rows || columns > limits.max_columns {
                return Err(over(&name, LimitExceeded::area(rows, columns, limits)));
            }
            let mut grid = Grid::new(limits, cells);
            while let Some(cell) = stream.next_cell().map_err(unreadable)? {
                let (row, column) = cell.get_position();
                let text = streamed_cell_text(cell.get_value());
                grid.put(row as usize, column as usize, text).map_err(|exceeded| over(&name, exceeded))?;
            }
            drop(stream);
            sheets.push(grid.finish(name));
        }
        Ok(sheets)
    })
}

/// Reads every worksheet with one of calamine's readers that lay a sheet
/// out as one rectangle (xls, ods): the rectangles were checked against the
/// limits before (see [`container`]).
fn read_spreadsheet<'a, R>(
    file: &str,
    format: Format,
    bytes: &'a [u8],
    limits: &Limits,
    cells: &mut u64,
) -> Result<Vec<Sheet>, SheetError>
where
    R: Reader<Cursor<&'a [u8]>>,
    R::Error: Into<calamine::Error>,
{
    let corrupt = |source: calamine::Error| SheetError::Corrupt { file: file.to_owned(), format, source };
    unwind_safe(file, format, || {
        let mut reader = R::new(Cursor::new(bytes)).map_err(|e| corrupt(e.into()))?;
        let names = worksheet_names(file, &reader, limits)?;
        let mut sheets = Vec::with_capacity(names.len());
        for name in names {
            let range = reader.worksheet_range(&name).map_err(|e| SheetError::SheetUnreadable {
                file: file.to_owned(),
                sheet: name.clone(),
                source: e.into(),
            })?;
            let grid = range_rows(&range, Grid::new(limits, cells)).map_err(|exceeded| SheetError::OverLimit {
                file: file.to_owned(),
                sheet: Some(name.clone()),
                exceeded,
            })?;
            sheets.push(grid.finish(name));
        }
        Ok(sheets)
    })
}

/// Lays a calamine range out so that `rows[i][j]` is Excel's row `i + 1`,
/// column `j`: calamine's range starts at the first non-empty cell.
fn range_rows<'a>(range: &Range<Data>, mut grid: Grid<'a>) -> Result<Grid<'a>, LimitExceeded> {
    let Some((first_row, first_column)) = range.start() else {
        return Ok(grid);
    };
    let (first_row, first_column) = (first_row as usize, first_column as usize);
    for (r, c, data) in range.used_cells() {
        grid.put(first_row + r, first_column + c, cell_text(data))?;
    }
    Ok(grid)
}

/// The text Excel shows for a cell value (without number formats, except
/// that dates become ISO dates).
fn cell_text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(x) => float_text(*x),
        Data::Bool(true) => "TRUE".to_owned(),
        Data::Bool(false) => "FALSE".to_owned(),
        Data::DateTime(datetime) => excel_datetime_text(datetime),
        Data::DateTimeIso(text) => iso_datetime_text(text),
        Data::DurationIso(text) => text.clone(),
        Data::Error(error) => error.to_string(),
    }
}

/// [`cell_text`] of a streamed xlsx cell, copying its text once.
fn streamed_cell_text(data: &DataRef<'_>) -> String {
    match data {
        DataRef::String(text) => text.clone(),
        DataRef::SharedString(text) => (*text).to_owned(),
        DataRef::Empty => String::new(),
        DataRef::Int(n) => cell_text(&Data::Int(*n)),
        DataRef::Float(x) => cell_text(&Data::Float(*x)),
        DataRef::Bool(b) => cell_text(&Data::Bool(*b)),
        DataRef::DateTime(datetime) => excel_datetime_text(datetime),
        DataRef::DateTimeIso(text) => iso_datetime_text(text),
        DataRef::DurationIso(text) => text.clone(),
        DataRef::Error(error) => error.to_string(),
    }
}

/// Whole numbers without a fractional part (`1234567`, not `1234567.0`);
/// other numbers as Rust prints them (never in exponent notation).
fn float_text(x: f64) -> String {
    if x == 0.0 {
        // Also turns -0 into 0.
        "0".to_owned()
    } else {
        x.to_string()
    }
}

/// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS`, `HH:MM:SS` for a time of day, or
/// `H:MM:SS` for a duration.
fn excel_datetime_text(datetime: &ExcelDateTime) -> String {
    let serial = datetime.as_f64();
    if datetime.is_duration() {
        // Saturating float-to-int cast: absurd values cannot overflow.
        let total = (serial * 86_400.0).round() as i64;
        let sign = if total < 0 { "-" } else { "" };
        let total = total.unsigned_abs();
        return format!("{sign}{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60);
    }
    let (year, month, day, hour, minute, second, _milli) = datetime.to_ymd_hms_milli();
    if (0.0..1.0).contains(&serial) {
        format!("{hour:02}:{minute:02}:{second:02}")
    } else if (hour, minute, second) == (0, 0, 0) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}")
    }
}

/// ODS dates come as ISO 8601 text: drop a midnight time, put a space
/// instead of the `T` otherwise.
fn iso_datetime_text(text: &str) -> String {
    match text.split_once('T') {
        Some((date, time)) if time.chars().all(|c| matches!(c, '0' | ':' | '.')) => date.to_owned(),
        Some((date, time)) => format!("{date} {time}"),
        None => text.to_owned(),
    }
}

/// Reads a delimited text file as one sheet named after the file.
fn read_csv(file: &str, bytes: &[u8], limits: &Limits, cells: &mut u64) -> Result<Sheet, SheetError> {
    let text = decode_text(file, bytes)?;
    let name = Path::new(file).file_stem().map_or_else(|| file.to_owned(), |stem| stem.to_string_lossy().into_owned());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(detect_delimiter(&text))
        .from_reader(text.as_bytes());
    let mut grid = Grid::new(limits, cells);
    let mut row = 0;
    let mut record = csv::StringRecord::new();
    loop {
        // The csv crate skips blank lines; count them so that rows[i] stays
        // the row a spreadsheet shows.
        let resume = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
        let more = reader.read_record(&mut record).map_err(|source| SheetError::CsvRead {
            file: file.to_owned(),
            row: row as u64 + 1,
            source,
        })?;
        if !more {
            break;
        }
        row += blank_lines(text.as_bytes(), resume);
        for (column, cell) in record.iter().enumerate() {
            // An apostrophe before a formula's first character is how this
            // crate's writer (and others) neutralise a cell: take it off.
            let cell = match cell.strip_prefix('\'') {
                Some(rest) if rest.starts_with(crate::write::FORMULA_TRIGGERS) => rest,
                _ => cell,
            };
            grid.put(row, column, cell.to_owned()).map_err(|exceeded| SheetError::OverLimit {
                file: file.to_owned(),
                sheet: None,
                exceeded,
            })?;
        }
        row += 1;
    }
    Ok(grid.finish(name))
}

/// The number of empty lines (`\n`, `\r\n` or `\r`) from `at`, where the
/// previous record ended. The csv crate may stop between the `\r` and the
/// `\n` of that record's line end.
fn blank_lines(bytes: &[u8], at: usize) -> usize {
    let mut rest = bytes.get(at..).unwrap_or_default();
    if at > 0 && bytes.get(at - 1) == Some(&b'\r') {
        rest = rest.strip_prefix(b"\n").unwrap_or(rest);
    }
    let mut count = 0;
    while let Some((&first, tail)) = rest.split_first() {
        rest = match (first, tail) {
            (b'\r', [b'\n', after @ ..]) => after,
            (b'\r' | b'\n', _) => tail,
            _ => break,
        };
        count += 1;
    }
    count
}

/// Decodes a text file: UTF-8 (byte-order mark optional), UTF-16 LE/BE with
/// byte-order mark, and otherwise Windows-1252 (one character per byte, the
/// way TCVN3 and VNI files were saved).
///
/// A file that is UTF-8 but for a few bytes (more valid multi-byte UTF-8
/// characters than invalid bytes) is damaged, not Windows-1252: it is
/// refused naming the first invalid byte's line and character.
fn decode_text<'a>(file: &str, bytes: &'a [u8]) -> Result<Cow<'a, str>, SheetError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_8bit(file, rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(file, rest, u16::from_le_bytes).map(Cow::Owned);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(file, rest, u16::from_be_bytes).map(Cow::Owned);
    }
    decode_8bit(file, bytes)
}

/// UTF-8 if the bytes are valid UTF-8, Windows-1252 if they are not UTF-8
/// at all, and an error for UTF-8 with invalid bytes.
fn decode_8bit<'a>(file: &str, bytes: &'a [u8]) -> Result<Cow<'a, str>, SheetError> {
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(Cow::Borrowed(text)),
        Err(error) => error,
    };
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if multibyte > invalid {
        let before = &bytes[..error.valid_up_to()];
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let column = String::from_utf8_lossy(&before[line_start..]).chars().count() as u64 + 1;
        return Err(SheetError::InvalidUtf8 { file: file.to_owned(), line, column });
    }
    Ok(Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()))
}

fn decode_utf16(file: &str, bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, SheetError> {
    let encoding_error = |problem| SheetError::Encoding { file: file.to_owned(), problem };
    let (pairs, remainder) = bytes.as_chunks::<2>();
    if !remainder.is_empty() {
        return Err(encoding_error("UTF-16 text with an odd number of bytes (the file is cut off)"));
    }
    char::decode_utf16(pairs.iter().map(|&pair| unit(pair)))
        .collect::<Result<String, _>>()
        .map_err(|_| encoding_error("invalid UTF-16 text (unpaired surrogate)"))
}

/// Windows-1252, with the five unassigned bytes mapped to the C1 controls
/// of the same value, as browsers do.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// The separator of the header line: tab, semicolon or comma, whichever
/// occurs most outside double quotes (ties in that order; comma if none).
fn detect_delimiter(text: &str) -> u8 {
    let mut in_quotes = false;
    let (mut tabs, mut semicolons, mut commas) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\n' | '\r' if !in_quotes => break,
            '\t' if !in_quotes => tabs += 1,
            ';' if !in_quotes => semicolons += 1,
            ',' if !in_quotes => commas += 1,
            _ => {}
        }
    }
    if tabs > 0 && tabs >= semicolons && tabs >= commas {
        b'\t'
    } else if semicolons > 0 && semicolons >= commas {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    fn csv(bytes: &[u8]) -> Workbook {
        read_bytes("danh sach.csv", Format::Csv, bytes).expect("CSV reads")
    }

    #[test]
    fn format_from_extension() {
        assert_eq!(Format::from_path(Path::new("a/b.XLSX")), Some(Format::Xlsx));
        assert_eq!(Format::from_path(Path::new("b.xlsm")), Some(Format::Xlsx));
        assert_eq!(Format::from_path(Path::new("b.Xls")), Some(Format::Xls));
        assert_eq!(Format::from_path(Path::new("b.ods")), Some(Format::Ods));
        assert_eq!(Format::from_path(Path::new("b.csv")), Some(Format::Csv));
        assert_eq!(Format::from_path(Path::new("b.txt")), Some(Format::Csv));
        assert_eq!(Format::from_path(Path::new("b.pdf")), None);
        assert_eq!(Format::from_path(Path::new("xlsx")), None);
    }

    #[test]
    fn numbers_print_as_seen() {
        assert_eq!(cell_text(&Data::Float(1_234_567.0)), "1234567");
        assert_eq!(cell_text(&Data::Float(-0.0)), "0");
        assert_eq!(cell_text(&Data::Float(2.5)), "2.5");
        assert_eq!(cell_text(&Data::Float(1e20)), "100000000000000000000");
        assert_eq!(cell_text(&Data::Int(42)), "42");
        assert_eq!(cell_text(&Data::Bool(true)), "TRUE");
        assert_eq!(cell_text(&Data::Error(calamine::CellErrorType::NA)), "#N/A");
    }

    #[test]
    fn dates_become_iso() {
        let date = |serial| cell_text(&Data::DateTime(ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, false)));
        assert_eq!(date(45614.0), "2024-11-18");
        assert_eq!(date(45614.75), "2024-11-18 18:00:00");
        assert_eq!(date(0.5), "12:00:00");
        let duration = Data::DateTime(ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false));
        assert_eq!(cell_text(&duration), "36:00:00");
        assert_eq!(cell_text(&Data::DateTimeIso("2024-11-18T00:00:00".into())), "2024-11-18");
        assert_eq!(cell_text(&Data::DateTimeIso("2024-11-18T08:30:00".into())), "2024-11-18 08:30:00");
        assert_eq!(cell_text(&Data::DateTimeIso("2024-11-18".into())), "2024-11-18");
    }

    #[test]
    fn csv_with_bom_semicolons_and_quotes() {
        let wb = csv("\u{FEFF}Họ tên;Ngày sinh;Ghi chú\r\n\"Nguyễn Văn An\";01/02/1970;\"a; b\"\r\n".as_bytes());
        assert_eq!(wb.sheets.len(), 1);
        assert_eq!(wb.sheets[0].name, "danh sach");
        assert_eq!(
            wb.sheets[0].rows,
            vec![vec!["Họ tên", "Ngày sinh", "Ghi chú"], vec!["Nguyễn Văn An", "01/02/1970", "a; b"],]
        );
        assert_eq!(wb.legacy, None);
    }

    #[test]
    fn csv_keeps_blank_rows_and_trims_the_end() {
        let wb = csv(b"a,b,,\n\n,c\n\"multi\nline\",d\n\n\n");
        assert_eq!(
            wb.sheets[0].rows,
            vec![
                vec!["a".to_owned(), "b".to_owned()],
                vec![],
                vec![String::new(), "c".to_owned()],
                vec!["multi\nline".to_owned(), "d".to_owned()],
            ]
        );
    }

    #[test]
    fn csv_blank_lines_with_any_line_end() {
        let wb = csv(b"a\r\n\r\nb\r\rc\n\nd");
        let rows: Vec<String> = wb.sheets[0].rows.iter().map(|r| r.join("|")).collect();
        assert_eq!(rows, ["a", "", "b", "", "c", "", "d"]);
    }

    #[test]
    fn csv_delimiters() {
        assert_eq!(detect_delimiter("a\tb\tc\n1,2"), b'\t');
        assert_eq!(detect_delimiter("a;b,c;d"), b';');
        assert_eq!(detect_delimiter("\"a;b\",c"), b',');
        assert_eq!(detect_delimiter("single"), b',');
    }

    #[test]
    fn csv_utf16_both_byte_orders() {
        let text = "Họ tên\tĐảng bộ\r\nLê Quang Đức\tXã Quảng Tân\r\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        let expected = vec![vec!["Họ tên", "Đảng bộ"], vec!["Lê Quang Đức", "Xã Quảng Tân"]];
        assert_eq!(csv(&le).sheets[0].rows, expected);
        assert_eq!(csv(&be).sheets[0].rows, expected);

        le.push(0);
        let err = read_bytes("u.txt", Format::Csv, &le).unwrap_err();
        assert!(err.to_string().starts_with("u.txt: UTF-16 text with an odd number"));
        let lone_surrogate = [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00];
        assert!(matches!(read_bytes("u.txt", Format::Csv, &lone_surrogate), Err(SheetError::Encoding { .. })));
    }

    #[test]
    fn csv_in_windows_1252_with_tcvn3_is_detected() {
        // "NguyÔn V¨n An;TrÇn ThÞ B×nh" as saved by an old Excel: one byte per character.
        let bytes = b"Ho ten;Ghi chu\nNguy\xD4n V\xA8n An;Tr\xC7n Th\xDE B\xD7nh\n";
        let wb = csv(bytes);
        assert_eq!(wb.sheets[0].rows[1][0], "NguyÔn V¨n An");
        let finding = wb.legacy.expect("TCVN3 detected");
        assert_eq!(finding.encoding, crate::LegacyEncoding::Tcvn3);
        assert_eq!((finding.row, finding.column), (2, 1));
        assert_eq!(finding.sheet, "danh sach");
        // 0x80..0x9F are Windows-1252, not C1 controls.
        assert_eq!(csv(b"\x93quoted\x94 \x80\xFF").sheets[0].rows[0][0], "“quoted” €ÿ");
    }

    #[test]
    fn corrupt_spreadsheets_name_the_file() {
        for format in [Format::Xlsx, Format::Xls, Format::Ods] {
            let err = read_bytes("hoso.bin", format, b"not a spreadsheet").unwrap_err();
            let message = err.to_string();
            assert!(
                message.starts_with(&format!("hoso.bin is not an {format} file: its content looks like a text")),
                "{message}"
            );
            assert!(matches!(err, SheetError::NotThisFormat { .. }));
        }
        let err = read_bytes("hoso.xlsx", Format::Xlsx, b"PK\x03\x04 cut off").unwrap_err();
        assert!(matches!(err, SheetError::Corrupt { .. }), "{err}");
        assert!(err.to_string().starts_with("hoso.xlsx is not a readable xlsx file: the file is cut off"), "{err}");
    }

    fn small(max_rows: u64, max_columns: u64, max_cells: u64) -> Limits {
        Limits { max_rows, max_columns, max_cells, ..Limits::default() }
    }

    fn over(result: Result<Workbook, SheetError>) -> LimitExceeded {
        match result {
            Err(SheetError::OverLimit { exceeded, .. }) => exceeded,
            other => panic!("expected a limit, got {other:?}"),
        }
    }

    #[test]
    fn csv_is_read_up_to_exactly_its_limits() {
        let text = b"a,b\nc,d\ne,f\n";
        let read = |limits: Limits| read_bytes_within("ds.csv", Format::Csv, text, &limits);
        assert_eq!(read(small(3, 2, 6)).expect("exactly at the limits").sheets[0].rows.len(), 3);
        assert_eq!(over(read(small(2, 2, 6))), LimitExceeded::Row { row: 3, limit: 2 });
        assert_eq!(over(read(small(3, 1, 6))), LimitExceeded::Column { row: 1, column: 2, limit: 1 });
        assert_eq!(over(read(small(3, 2, 5))), LimitExceeded::Cells { limit: 5 });
        // Blank lines count as rows: the limit is on the row a spreadsheet shows.
        let gap = read_bytes_within("ds.csv", Format::Csv, b"a\n\n\nb\n", &small(3, 2, 6));
        assert_eq!(over(gap), LimitExceeded::Row { row: 4, limit: 3 });
        let size = read_bytes_within("ds.csv", Format::Csv, text, &Limits { max_file_bytes: 11, ..Limits::default() });
        assert_eq!(over(size), LimitExceeded::FileBytes { bytes: 12, limit: 11 });
    }

    #[test]
    fn xlsx_is_read_up_to_exactly_its_limits() {
        let rows: Vec<Vec<crate::Cell>> =
            (0..3).map(|r| vec![crate::Cell::Text(format!("r{r}")), crate::Cell::Int(r)]).collect();
        let sheet = crate::SheetOut { name: "DS", header: &["A", "B"], column_widths: &[] };
        let (bytes, _) = crate::xlsx_bytes("ds.xlsx", &sheet, rows).expect("xlsx written");
        let read = |limits: Limits| read_bytes_within("ds.xlsx", Format::Xlsx, &bytes, &limits);
        let wb = read(small(4, 2, 8)).expect("exactly at the limits");
        assert_eq!(wb.sheets[0].rows, vec![vec!["A", "B"], vec!["r0", "0"], vec!["r1", "1"], vec!["r2", "2"]]);
        // The sheet's dimension claims A1:B4: refused before its first cell.
        assert!(matches!(over(read(small(3, 2, 8))), LimitExceeded::ClaimedArea { rows: 4, columns: 2, .. }));
        assert!(matches!(over(read(small(4, 1, 8))), LimitExceeded::ClaimedArea { rows: 4, columns: 2, .. }));
        assert_eq!(over(read(small(4, 2, 7))), LimitExceeded::Cells { limit: 7 });
        let inflated = Limits { max_inflated_bytes: 1_000, ..Limits::default() };
        assert_eq!(over(read(inflated)), LimitExceeded::Inflated { limit: 1_000 });
        assert_eq!(
            over(read(Limits { max_zip_entries: 2, ..Limits::default() })).to_string().split(';').next(),
            Some(format!("the file claims {} parts", zip_parts(&bytes)).as_str())
        );
    }

    fn zip_parts(bytes: &[u8]) -> usize {
        zip::ZipArchive::new(Cursor::new(bytes)).expect("zip").len()
    }

    #[test]
    fn utf8_with_a_bad_byte_is_refused_where_it_is() {
        let mut bytes = "Họ tên;Ngày sinh\nNguyễn Văn An;01/02/1970\nTrần ".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend("Bình;02/03/1971\n".as_bytes());
        let err = read_bytes("ds.csv", Format::Csv, &bytes).unwrap_err();
        assert!(matches!(err, SheetError::InvalidUtf8 { line: 3, column: 6, .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            "ds.csv, line 3, character 6: a byte that is not UTF-8 text in a UTF-8 file (the file is damaged or mixes encodings)"
        );
    }
}
