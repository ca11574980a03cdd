//! Reading xlsx, xls, ods and CSV files into rows of text.

use std::borrow::Cow;
use std::fmt;
use std::io::Cursor;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use calamine::{Data, ExcelDateTime, Ods, Range, Reader, SheetType, Xls, Xlsx};

use crate::error::SheetError;
use crate::legacy::{LegacyFinding, detect_workbook};

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

/// Reads a file, choosing the format by its extension.
///
/// # Errors
///
/// [`SheetError::UnsupportedFormat`] for an unknown extension,
/// [`SheetError::ReadIo`] if the file cannot be read, and the errors of
/// [`read_bytes`].
pub fn read_path(path: &Path) -> Result<Workbook, SheetError> {
    let file = path.display().to_string();
    let format = Format::from_path(path).ok_or_else(|| SheetError::UnsupportedFormat { file: file.clone() })?;
    let bytes = std::fs::read(path).map_err(|source| SheetError::ReadIo { file: file.clone(), source })?;
    read_bytes(&file, format, &bytes)
}

/// Reads a file held in memory (an upload, for instance).
///
/// `file_name` is only used for messages and, for CSV, for the sheet name.
/// [`Workbook::legacy`] is filled in when a cell looks typed in TCVN3 or VNI.
///
/// # Errors
///
/// [`SheetError::Corrupt`] when the bytes are not a valid file of `format`,
/// [`SheetError::SheetUnreadable`] when one sheet is damaged,
/// [`SheetError::Encoding`] for undecodable UTF-16 text.
pub fn read_bytes(file_name: &str, format: Format, bytes: &[u8]) -> Result<Workbook, SheetError> {
    let sheets = match format {
        Format::Xlsx => read_spreadsheet::<Xlsx<_>>(file_name, format, bytes)?,
        Format::Xls => {
            if let Err(why) = check_xls_dimensions(bytes) {
                return Err(SheetError::Corrupt {
                    file: file_name.to_owned(),
                    format,
                    source: calamine::Error::Msg(why),
                });
            }
            read_spreadsheet::<Xls<_>>(file_name, format, bytes)?
        }
        Format::Ods => read_spreadsheet::<Ods<_>>(file_name, format, bytes)?,
        Format::Csv => vec![read_csv(file_name, bytes)?],
    };
    let mut workbook = Workbook { file: file_name.to_owned(), sheets, legacy: None };
    workbook.legacy = detect_workbook(&workbook);
    Ok(workbook)
}

/// Reads every worksheet with one of calamine's readers.
///
/// The most cells a sheet of an .xls (BIFF8) can have: 65,536 rows × 256 columns.
const XLS_MAX_CELLS: i64 = 65_536 * 256;

/// calamine reserves memory for the cell count a sheet's DIMENSIONS record
/// claims before it reads any cell, so a damaged .xls claiming billions of
/// cells would abort the process (an allocation failure is not a panic that
/// [`read_spreadsheet`] can catch). The records are walked here first, and a
/// sheet larger than the format allows, or with its ends reversed, is refused
/// as damaged. A container or stream that cannot be read is left to calamine,
/// which reports it.
fn check_xls_dimensions(bytes: &[u8]) -> Result<(), &'static str> {
    use std::io::Read;
    const DAMAGED: &str = "the file is damaged (a sheet claims more cells than the format allows)";
    let Ok(mut file) = cfb::CompoundFile::open(Cursor::new(bytes)) else { return Ok(()) };
    let Some(mut stream) = ["/Workbook", "/Book"].iter().find_map(|p| file.open_stream(p).ok()) else {
        return Ok(());
    };
    let mut data = Vec::new();
    if stream.read_to_end(&mut data).is_err() {
        return Ok(());
    }
    let u16_at = |r: &[u8], i: usize| i64::from(u16::from_le_bytes([r[i], r[i + 1]]));
    let u32_at = |r: &[u8], i: usize| i64::from(u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]));
    let mut i = 0;
    while i + 4 <= data.len() {
        let typ = u16_at(&data, i);
        let len = u16_at(&data, i + 2) as usize;
        if let (0x0200, Some(r)) = (typ, data.get(i + 4..i + 4 + len)) {
            // DIMENSIONS, read the way calamine reads it (BIFF5: 10 bytes, BIFF8: 14 or 16).
            let (rf, rl, cf, cl) = match len {
                10 => (u16_at(r, 0), u16_at(r, 2), u16_at(r, 4), u16_at(r, 6)),
                14 | 16 => (u32_at(r, 0), u32_at(r, 4), u16_at(r, 8), u16_at(r, 10)),
                _ => (0, 0, 0, 0),
            };
            let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
            if rl >= 1 && cl >= 1 {
                let (rows, cols) = (rl - rf, cl - cf);
                if rows < 0 || rows * cols > XLS_MAX_CELLS {
                    return Err(DAMAGED);
                }
            }
        }
        i += 4 + len;
    }
    Ok(())
}

/// calamine parses untrusted binary and XML structures; a panic inside it on
/// a damaged file is turned into [`SheetError::Corrupt`] so that an upload can
/// never bring the caller down.
fn read_spreadsheet<'a, R>(file: &str, format: Format, bytes: &'a [u8]) -> Result<Vec<Sheet>, SheetError>
where
    R: Reader<Cursor<&'a [u8]>>,
    R::Error: Into<calamine::Error>,
{
    let corrupt = |source: calamine::Error| SheetError::Corrupt { file: file.to_owned(), format, source };
    let read = || -> Result<Vec<Sheet>, SheetError> {
        let mut reader = R::new(Cursor::new(bytes)).map_err(|e| corrupt(e.into()))?;
        let names: Vec<String> = reader
            .sheets_metadata()
            .iter()
            .filter(|sheet| sheet.typ == SheetType::WorkSheet)
            .map(|sheet| sheet.name.clone())
            .collect();
        names
            .into_iter()
            .map(|name| match reader.worksheet_range(&name) {
                Ok(range) => Ok(Sheet { rows: range_rows(&range), name }),
                Err(e) => Err(SheetError::SheetUnreadable { file: file.to_owned(), sheet: name, source: e.into() }),
            })
            .collect()
    };
    panic::catch_unwind(AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(corrupt(calamine::Error::Msg("the file is damaged (the reader stopped on an inconsistency)")))
    })
}

/// Lays a calamine range out so that `rows[i][j]` is Excel's row `i + 1`,
/// column `j`: calamine's range starts at the first non-empty cell.
fn range_rows(range: &Range<Data>) -> Vec<Vec<String>> {
    let Some((first_row, first_column)) = range.start() else {
        return Vec::new();
    };
    let (first_row, first_column) = (first_row as usize, first_column as usize);
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (r, c, data) in range.used_cells() {
        let text = cell_text(data);
        if text.is_empty() {
            continue;
        }
        let (r, c) = (first_row + r, first_column + c);
        if rows.len() <= r {
            rows.resize_with(r + 1, Vec::new);
        }
        let row = &mut rows[r];
        if row.len() <= c {
            row.resize(c + 1, String::new());
        }
        row[c] = text;
    }
    rows
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
fn read_csv(file: &str, bytes: &[u8]) -> Result<Sheet, SheetError> {
    let text = decode_text(file, bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(detect_delimiter(&text))
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        // The csv crate skips blank lines; count them so that rows[i] stays
        // the row a spreadsheet shows.
        let resume = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
        let more = reader.read_record(&mut record).map_err(|source| SheetError::CsvRead {
            file: file.to_owned(),
            row: rows.len() as u64 + 1,
            source,
        })?;
        if !more {
            break;
        }
        let skipped = blank_lines(text.as_bytes(), resume);
        rows.resize_with(rows.len() + skipped, Vec::new);
        let mut row: Vec<String> = record.iter().map(str::to_owned).collect();
        while row.last().is_some_and(String::is_empty) {
            row.pop();
        }
        rows.push(row);
    }
    while rows.last().is_some_and(Vec::is_empty) {
        rows.pop();
    }
    let name = Path::new(file).file_stem().map_or_else(|| file.to_owned(), |stem| stem.to_string_lossy().into_owned());
    Ok(Sheet { name, rows })
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
fn decode_text<'a>(file: &str, bytes: &'a [u8]) -> Result<Cow<'a, str>, SheetError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(decode_8bit(rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(file, rest, u16::from_le_bytes).map(Cow::Owned);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(file, rest, u16::from_be_bytes).map(Cow::Owned);
    }
    Ok(decode_8bit(bytes))
}

/// UTF-8 if the bytes are valid UTF-8, Windows-1252 otherwise.
fn decode_8bit(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()),
    }
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
            assert!(message.starts_with("hoso.bin is not a readable"), "{message}");
            assert!(matches!(err, SheetError::Corrupt { .. }));
        }
    }
}
