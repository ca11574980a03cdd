//! The checks a file passes before a spreadsheet reader is let near it:
//! what its first bytes say it is, how many parts its zip container claims,
//! how far it inflates, how many shared texts an xlsx claims, how large a
//! rectangle an ods sheet's repeated rows and columns or an xls sheet's cell
//! records span. Each check reads in constant memory (the zip parts are
//! inflated through a meter, never into a buffer) and answers before
//! calamine, which reserves memory for such claims, sees the file.

use std::cell::Cell as Counter;
use std::fmt;
use std::io::{self, BufReader, Cursor, Read, Write};

use quick_xml::events::{BytesStart, Event};

use crate::limits::{LimitExceeded, Limits};
use crate::read::Format;

/// Why a file did not pass the checks made before a reader sees it (see
/// [`check_zip_container`]).
#[derive(Debug)]
#[non_exhaustive]
pub enum Refusal {
    /// Over a limit.
    Limit(LimitExceeded),
    /// Not a file of the format its name says: what it looks like instead.
    OtherKind(FileKind),
    /// Damaged: what is wrong.
    Damaged(&'static str),
}

impl From<LimitExceeded> for Refusal {
    fn from(limit: LimitExceeded) -> Self {
        Refusal::Limit(limit)
    }
}

/// What a file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileKind {
    /// A zip archive: an xlsx or an ods (or any other zip).
    Zip,
    /// A compound file: an .xls, or an xlsx protected by a password.
    Compound,
    /// A PDF document.
    Pdf,
    /// An RTF document.
    Rtf,
    /// An HTML or XML page (some systems save those as `.xls`).
    Markup,
    /// Nothing at all.
    Empty,
    /// Text, as a CSV file is.
    Text,
    /// None of these.
    Unknown,
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::Zip => "a zip archive (xlsx or ods)",
            FileKind::Compound => "an Excel 97–2003 (.xls) or password-protected workbook",
            FileKind::Pdf => "a PDF document",
            FileKind::Rtf => "an RTF document",
            FileKind::Markup => "an HTML or XML page",
            FileKind::Empty => "an empty file",
            FileKind::Text => "a text (CSV) file",
            FileKind::Unknown => "a file of unknown kind",
        })
    }
}

/// What a file's first bytes say it is.
pub(crate) fn looks_like(bytes: &[u8]) -> FileKind {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        FileKind::Zip
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        FileKind::Compound
    } else if bytes.starts_with(b"%PDF") {
        FileKind::Pdf
    } else if bytes.starts_with(b"{\\rtf") {
        FileKind::Rtf
    } else if bytes.trim_ascii_start().starts_with(b"<") {
        FileKind::Markup
    } else if bytes.is_empty() {
        FileKind::Empty
    } else if bytes.iter().take(4096).all(|&b| b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r')) {
        FileKind::Text
    } else {
        FileKind::Unknown
    }
}

/// Checks a file for `format` before it is read; CSV is checked while read.
/// For an .xls, gives the bytes to read instead of `bytes` (see [`check_xls`]).
pub(crate) fn check(format: Format, bytes: &[u8], limits: &Limits) -> Result<Option<Vec<u8>>, Refusal> {
    let size = bytes.len() as u64;
    if size > limits.max_file_bytes {
        return Err(LimitExceeded::FileBytes { bytes: size, limit: limits.max_file_bytes }.into());
    }
    match format {
        Format::Xlsx | Format::Ods => {
            if !(bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")) {
                return Err(Refusal::OtherKind(looks_like(bytes)));
            }
            check_zip(Some(format), bytes, limits).map(|()| None)
        }
        Format::Xls => {
            if !bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
                return Err(Refusal::OtherKind(looks_like(bytes)));
            }
            check_xls(bytes, limits).map(Some)
        }
        Format::Csv => Ok(None),
    }
}

/// Checks a zip container of any kind (a `.docx`, an `.odt`) before a
/// library reads it, with the checks an xlsx or ods passes: the file's size
/// against [`Limits::max_file_bytes`], its first bytes (a zip's), the parts
/// its end-of-central-directory record claims against
/// [`Limits::max_zip_entries`] before the zip crate sizes anything by them,
/// and every part inflated through a meter into nothing, all of them
/// together at most [`Limits::max_inflated_bytes`]. Constant memory; only
/// those three limits are read. What the parts hold is not looked at.
///
/// # Errors
///
/// [`Refusal::Limit`] over one of the three limits, [`Refusal::OtherKind`]
/// when the first bytes are not a zip's (saying what they look like),
/// [`Refusal::Damaged`] when the container or a part cannot be read.
pub fn check_zip_container(bytes: &[u8], limits: &Limits) -> Result<(), Refusal> {
    let size = bytes.len() as u64;
    if size > limits.max_file_bytes {
        return Err(LimitExceeded::FileBytes { bytes: size, limit: limits.max_file_bytes }.into());
    }
    if !(bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")) {
        return Err(Refusal::OtherKind(looks_like(bytes)));
    }
    check_zip(None, bytes, limits)
}

const TRUNCATED: &str = "the file is cut off or damaged (its zip directory is missing)";

/// The number of parts the zip's end-of-central-directory record claims
/// (ZIP64 included), read before the zip crate sizes anything by it.
fn zip_entry_count(bytes: &[u8]) -> Result<u64, Refusal> {
    const EOCD: &[u8] = b"PK\x05\x06";
    // The record is 22 bytes plus a comment of at most 65,535.
    let tail_start = bytes.len().saturating_sub(22 + 65_535);
    let tail = &bytes[tail_start..];
    let at = tail
        .windows(4)
        .rposition(|w| w == EOCD)
        .filter(|&i| i + 22 <= tail.len())
        .ok_or(Refusal::Damaged(TRUNCATED))?;
    let eocd = &tail[at..];
    let u16_at = |r: &[u8], i: usize| u64::from(u16::from_le_bytes([r[i], r[i + 1]]));
    let count = u16_at(eocd, 10);
    if count != 0xFFFF {
        return Ok(count);
    }
    // ZIP64: the locator sits just before the record and points at the
    // ZIP64 end record, whose total entry count is at offset 32.
    let absolute = tail_start + at;
    let locator = absolute.checked_sub(20).and_then(|i| bytes.get(i..i + 20)).ok_or(Refusal::Damaged(TRUNCATED))?;
    if &locator[..4] != b"PK\x06\x07" {
        return Ok(count);
    }
    let offset = u64::from_le_bytes(locator[8..16].try_into().expect("8 bytes"));
    let record = usize::try_from(offset)
        .ok()
        .and_then(|o| bytes.get(o..o.checked_add(56)?))
        .filter(|r| &r[..4] == b"PK\x06\x06")
        .ok_or(Refusal::Damaged(TRUNCATED))?;
    Ok(u64::from_le_bytes(record[32..40].try_into().expect("8 bytes")))
}

/// A reader that counts what it hands out against a shared budget and
/// fails once the budget is spent.
struct Metered<'a, R> {
    inner: R,
    used: &'a Counter<u64>,
    limit: u64,
}

impl<R: Read> Read for Metered<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let used = self.used.get().saturating_add(n as u64);
        self.used.set(used);
        if used > self.limit {
            return Err(io::Error::other("inflated size over the limit"));
        }
        Ok(n)
    }
}

/// Inflates every part of the zip through a meter (nothing is kept), and
/// reads the claims of the parts calamine sizes itself by: the shared
/// strings of an xlsx and the tables of an ods (no part's content for a
/// zip of no spreadsheet format).
fn check_zip(format: Option<Format>, bytes: &[u8], limits: &Limits) -> Result<(), Refusal> {
    let claimed = zip_entry_count(bytes)?;
    if claimed > limits.max_zip_entries {
        return Err(LimitExceeded::ZipEntries { claimed, limit: limits.max_zip_entries }.into());
    }
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Refusal::Damaged("the zip container is damaged"))?;
    let used = Counter::new(0u64);
    let over = || Refusal::Limit(LimitExceeded::Inflated { limit: limits.max_inflated_bytes });
    for i in 0..archive.len() {
        let part = archive.by_index(i).map_err(|_| Refusal::Damaged("a part of the zip container is damaged"))?;
        let name = part.name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        let mut metered = Metered { inner: part, used: &used, limit: limits.max_inflated_bytes };
        let result = if format == Some(Format::Xlsx) && name.ends_with("sharedstrings.xml") {
            shared_strings(&mut metered, limits)
        } else if format == Some(Format::Ods) && name == "content.xml" {
            ods_tables(&mut metered, limits)
        } else {
            io::copy(&mut metered, &mut io::sink()).map(|_| ()).map_err(|_| Refusal::Damaged(""))
        };
        if used.get() > limits.max_inflated_bytes {
            return Err(over());
        }
        match result {
            Err(Refusal::Damaged(_)) => {
                return Err(Refusal::Damaged("a part of the zip container is damaged (it does not inflate)"));
            }
            other => other?,
        }
    }
    Ok(())
}

/// Reads events, treating an XML error as damage.
fn next_event<'b, R: io::BufRead>(xml: &mut quick_xml::Reader<R>, buf: &'b mut Vec<u8>) -> Result<Event<'b>, Refusal> {
    buf.clear();
    xml.read_event_into(buf).map_err(|_| Refusal::Damaged("a part of the file is not well-formed XML"))
}

fn attr_u64(e: &BytesStart<'_>, name: &str) -> Option<u64> {
    let attr = e.try_get_attribute(name).ok().flatten()?;
    attr.value.trim().parse().ok()
}

/// The xlsx shared strings: the `uniqueCount` calamine reserves for, and
/// the strings actually there, both at most [`Limits::max_cells`].
fn shared_strings(part: impl Read, limits: &Limits) -> Result<(), Refusal> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    let limit = limits.max_cells;
    let mut count = 0u64;
    loop {
        match next_event(&mut xml, &mut buf)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "sst" => {
                    // calamine reserves room for `uniqueCount` strings.
                    if let Some(claimed) = attr_u64(&e, "uniqueCount").filter(|&n| n > limit) {
                        return Err(LimitExceeded::SharedStrings { claimed, limit }.into());
                    }
                }
                "si" => {
                    count += 1;
                    if count > limit {
                        return Err(LimitExceeded::SharedStrings { claimed: count, limit }.into());
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The ods tables as calamine lays them out: a rectangle from the first
/// cell to the last non-empty row and column, every repeated row and
/// non-empty repeated cell expanded. Empty repetitions (LibreOffice ends
/// each sheet with a million empty rows) cost nothing and are not counted.
fn ods_tables(part: impl Read, limits: &Limits) -> Result<(), Refusal> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    let mut tables = 0u64;
    // The table being read: rows so far, its widest non-empty row, and the
    // cells calamine stores before expanding.
    let (mut rows, mut width, mut stored) = (0u64, 0u64, 0u64);
    // The row being read: its repetition, the column reached, the end of its
    // last non-empty cell, and whether it is inside a cell with content.
    let (mut row_repeat, mut column, mut row_width) = (1u64, 0u64, 0u64);
    let mut depth_in_cell = 0u32;
    let check = |rows: u64, width: u64, stored: u64| -> Result<(), Refusal> {
        if !limits.fits(rows, width) || stored > limits.max_cells {
            return Err(LimitExceeded::area(rows, width, limits).into());
        }
        Ok(())
    };
    loop {
        let event = next_event(&mut xml, &mut buf)?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            if depth_in_cell > 0 {
                if !empty {
                    depth_in_cell += 1;
                }
                continue;
            }
            match e.name().as_ref() {
                "table:table" if !empty => {
                    tables += 1;
                    if tables > limits.max_sheets {
                        return Err(LimitExceeded::Sheets { count: tables, limit: limits.max_sheets }.into());
                    }
                    (rows, width, stored) = (0, 0, 0);
                }
                "table:table-row" => {
                    row_repeat = attr_u64(e, "table:number-rows-repeated").unwrap_or(1).max(1);
                    (column, row_width) = (0, 0);
                    if empty {
                        rows = rows.saturating_add(row_repeat);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let repeat = attr_u64(e, "table:number-columns-repeated").unwrap_or(1).max(1);
                    let has_value = e.try_get_attribute("office:value-type").ok().flatten().is_some();
                    column = column.saturating_add(repeat);
                    if has_value || !empty {
                        row_width = column;
                        if !empty {
                            depth_in_cell = 1;
                        }
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::End(e) => {
                if depth_in_cell > 0 {
                    depth_in_cell -= 1;
                    continue;
                }
                if e.name().as_ref() == "table:table-row" {
                    rows = rows.saturating_add(row_repeat);
                    if row_width > 0 {
                        // The rectangle reaches this row's end.
                        width = width.max(row_width);
                        stored = stored.saturating_add(row_width);
                        check(rows, width, stored)?;
                    }
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// Checks an .xls and gives the bytes calamine is to read: a compound
/// file rebuilt around the one workbook stream that was checked.
///
/// calamine reads the container with a reader of its own, which may see a
/// damaged container differently from the `cfb` crate; handing it a clean
/// container written here makes it read exactly the stream checked. A
/// container the `cfb` crate cannot read, or without a workbook stream, is
/// refused as damaged.
fn check_xls(bytes: &[u8], limits: &Limits) -> Result<Vec<u8>, Refusal> {
    const UNREADABLE: &str = "the file is damaged (its compound-file container cannot be read)";
    const NO_WORKBOOK: &str = "the file holds no workbook (it may be damaged, or a workbook protected by a password)";
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| Refusal::Damaged(UNREADABLE))?;
    let (path, stream) = ["/Workbook", "/Book"]
        .into_iter()
        .find_map(|path| file.open_stream(path).ok().map(|stream| (path, stream)))
        .ok_or(Refusal::Damaged(NO_WORKBOOK))?;
    let mut data = Vec::new();
    stream
        .take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|_| Refusal::Damaged(UNREADABLE))?;
    let size = data.len() as u64;
    if size > limits.max_file_bytes {
        return Err(LimitExceeded::FileBytes { bytes: size, limit: limits.max_file_bytes }.into());
    }
    check_xls_records(&data, limits)?;
    let rebuilt = (|| {
        let mut clean = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))?;
        clean.create_stream(path)?.write_all(&data)?;
        clean.flush()?;
        Ok::<_, io::Error>(clean.into_inner().into_inner())
    })();
    rebuilt.map_err(|_| Refusal::Damaged(UNREADABLE))
}

/// The BIFF records of a workbook stream, as calamine walks them from
/// `start`: type and data; CONTINUE records are records of their own.
fn xls_records(data: &[u8], start: usize) -> impl Iterator<Item = (i64, &[u8])> {
    let mut i = start;
    std::iter::from_fn(move || {
        let header = data.get(i..i + 4)?;
        let typ = i64::from(u16::from_le_bytes([header[0], header[1]]));
        let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let record = data.get(i + 4..i + 4 + len)?;
        i += 4 + len;
        Some((typ, record))
    })
}

/// Checks an .xls workbook stream's records the way calamine reads them:
/// each sheet from where its BOUNDSHEET record says it begins (on a damaged
/// file, anywhere, and several sheets at the same place) to its EOF record.
/// A sheet's DIMENSIONS claim and the rectangle its cell records span
/// (calamine reserves for the claim and lays each sheet out as that
/// rectangle) must fit the limits, and the cells of all sheets together
/// (calamine holds them all at once) must be at most [`Limits::max_cells`].
fn check_xls_records(data: &[u8], limits: &Limits) -> Result<(), Refusal> {
    // BOUNDSHEET (0x0085): the sheet's offset in the stream, first.
    let starts: Vec<usize> = xls_records(data, 0)
        .filter(|(typ, r)| *typ == 0x0085 && r.len() >= 4)
        .map(|(_, r)| usize::try_from(u32::from_le_bytes([r[0], r[1], r[2], r[3]])).unwrap_or(usize::MAX))
        .take(usize::try_from(limits.max_sheets).unwrap_or(usize::MAX).saturating_add(1))
        .collect();
    if starts.len() as u64 > limits.max_sheets {
        // Counted up to one past the limit: "more than the limit".
        let exceeded = LimitExceeded::Sheets { count: starts.len() as u64, limit: limits.max_sheets };
        return Err(exceeded.into());
    }
    let mut cells = 0u64;
    for start in starts {
        check_xls_sheet(data, start, limits, &mut cells)?;
    }
    Ok(())
}

/// One sheet of [`check_xls_records`], from `start` to its EOF record; the
/// records of a substream nested in it (an embedded chart) hold no cells
/// of the sheet, as calamine reads them, but their DIMENSIONS are checked.
fn check_xls_sheet(data: &[u8], start: usize, limits: &Limits, cells: &mut u64) -> Result<(), Refusal> {
    const DAMAGED: &str = "the file is damaged (a sheet claims more cells than the format allows)";
    /// The most cells of an .xls (BIFF8) sheet: 65,536 rows × 256 columns.
    const XLS_MAX_CELLS: i64 = 65_536 * 256;
    let u16_at = |r: &[u8], i: usize| i64::from(u16::from_le_bytes([r[i], r[i + 1]]));
    let u32_at = |r: &[u8], i: usize| i64::from(u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]));
    let area = |rows: u64, columns: u64| LimitExceeded::area(rows, columns, limits);
    // The sheet's rows and columns spanned (from A1).
    let (mut rows, mut columns) = (0u64, 0u64);
    let (mut seen_bof, mut depth) = (false, 0usize);
    for (typ, r) in xls_records(data, start) {
        let len = r.len();
        match typ {
            0x0809 if !seen_bof => seen_bof = true,
            0x0809 => depth += 1,
            0x000A if depth == 0 => break,
            0x000A => depth -= 1,
            // DIMENSIONS, read the way calamine reads it (BIFF5: 10 bytes, BIFF8: 14 or 16).
            0x0200 => {
                let (rf, rl, cf, cl) = match len {
                    10 => (u16_at(r, 0), u16_at(r, 2), u16_at(r, 4), u16_at(r, 6)),
                    14 | 16 => (u32_at(r, 0), u32_at(r, 4), u16_at(r, 8), u16_at(r, 10)),
                    _ => (0, 0, 0, 0),
                };
                let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                if rl >= 1 && cl >= 1 {
                    let (claimed_rows, claimed_columns) = (rl - rf, cl - cf);
                    if claimed_rows < 0 || claimed_rows * claimed_columns > XLS_MAX_CELLS {
                        return Err(Refusal::Damaged(DAMAGED));
                    }
                    #[allow(clippy::cast_sign_loss)] // both checked non-negative above
                    let (claimed_rows, claimed_columns) = (claimed_rows as u64, claimed_columns as u64);
                    if !limits.fits(claimed_rows, claimed_columns) {
                        return Err(area(claimed_rows, claimed_columns).into());
                    }
                }
            }
            // Cells: NUMBER, LABEL, RSTRING, BOOLERR, FORMULA, RK, LABELSST
            // (row, column first), and MULRK (row, first column, ..., last column).
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x0006 | 0x027E | 0x00FD | 0x00BD if len >= 6 && depth == 0 => {
                #[allow(clippy::cast_sign_loss)] // read from u16
                let (row, first) = (u16_at(r, 0) as u64, u16_at(r, 2) as u64);
                #[allow(clippy::cast_sign_loss)] // read from u16
                let last = if typ == 0x00BD { u16_at(r, len - 2) as u64 } else { first };
                rows = rows.max(row + 1);
                columns = columns.max(last + 1);
                *cells = cells.saturating_add(last.saturating_sub(first) + 1);
                if !limits.fits(rows, columns) {
                    return Err(area(rows, columns).into());
                }
                if *cells > limits.max_cells {
                    return Err(LimitExceeded::Cells { limit: limits.max_cells }.into());
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_bytes_say_what_a_file_is() {
        assert_eq!(looks_like(b"PK\x03\x04rest"), FileKind::Zip);
        assert_eq!(looks_like(b"%PDF-1.7"), FileKind::Pdf);
        assert_eq!(looks_like(b"  <html>"), FileKind::Markup);
        assert_eq!(looks_like("Họ tên,Ngày sinh\n".as_bytes()), FileKind::Text);
        assert_eq!(looks_like(b"\x00\x01\x02"), FileKind::Unknown);
        assert_eq!(looks_like(b""), FileKind::Empty);
        assert_eq!(FileKind::Pdf.to_string(), "a PDF document");
    }

    /// The generic zip check: any zip's parts are counted and inflated
    /// within the limits, whatever they hold; other files say what they
    /// look like.
    #[test]
    fn any_zip_is_checked_within_the_limits() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for name in ["word/document.xml", "word/styles.xml"] {
            zip.start_file(name, options).expect("a part");
            zip.write_all(&[b' '; 4_000]).expect("written");
        }
        let bytes = zip.finish().expect("a zip").into_inner();
        assert!(check_zip_container(&bytes, &Limits::default()).is_ok());
        let small = Limits { max_inflated_bytes: 7_999, ..Limits::default() };
        assert!(matches!(check_zip_container(&bytes, &small), Err(Refusal::Limit(LimitExceeded::Inflated { .. }))));
        let few = Limits { max_zip_entries: 1, ..Limits::default() };
        let refused = check_zip_container(&bytes, &few);
        assert!(matches!(refused, Err(Refusal::Limit(LimitExceeded::ZipEntries { claimed: 2, limit: 1 }))));
        assert!(matches!(check_zip_container(b"%PDF-1.7", &Limits::default()), Err(Refusal::OtherKind(FileKind::Pdf))));
        let cut = &bytes[..bytes.len() / 2];
        assert!(matches!(check_zip_container(cut, &Limits::default()), Err(Refusal::Damaged(_))));
    }

    #[test]
    fn a_zip_without_its_directory_is_damaged() {
        assert!(matches!(zip_entry_count(b"PK\x03\x04 and nothing else"), Err(Refusal::Damaged(_))));
    }

    /// One BIFF record: type, length, data.
    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let len = u16::try_from(data.len()).expect("a record is short");
        [&typ.to_le_bytes()[..], &len.to_le_bytes(), data].concat()
    }

    /// A BOUNDSHEET record for a worksheet beginning at `at`.
    fn bound_sheet(at: u32) -> Vec<u8> {
        record(0x0085, &[&at.to_le_bytes()[..], &[0, 0, 1, 0, b'S'][..]].concat())
    }

    /// A DIMENSIONS record (BIFF8) claiming `rows` × `columns` from A1.
    fn dimensions(rows: u32, columns: u16) -> Vec<u8> {
        record(
            0x0200,
            &[&0u32.to_le_bytes()[..], &rows.to_le_bytes(), &[0, 0], &columns.to_le_bytes(), &[0, 0]].concat(),
        )
    }

    /// A compound file holding `stream` as its workbook.
    fn xls(stream: &[u8]) -> Vec<u8> {
        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("a new compound file");
        file.create_stream("/Workbook").expect("a stream").write_all(stream).expect("written");
        file.flush().expect("flushed");
        file.into_inner().into_inner()
    }

    const BOF: [u8; 4] = [0x00, 0x06, 0x10, 0x00];

    /// A sheet whose BOUNDSHEET points into the middle of a record (a
    /// damaged file) is walked from there, as calamine walks it: the
    /// DIMENSIONS hidden in a LABEL's text, claiming 65,536 × 256 cells, is
    /// found although a walk from the start of the stream never meets it
    /// (the class of the abort found by `damaged_fixtures`).
    #[test]
    fn a_sheet_beginning_mid_record_is_checked_from_there() {
        let hidden = dimensions(65_536, 256);
        let globals_len = 4 + BOF.len() + bound_sheet(0).len() + 4;
        // The LABEL's data: row, column, format, then the hidden record.
        let label = record(0x0204, &[&[0u8; 6][..], &hidden].concat());
        let at = u32::try_from(globals_len + 4 + 6).expect("small");
        let stream = [record(0x0809, &BOF), bound_sheet(at), record(0x000A, &[]), label, record(0x000A, &[])].concat();
        assert!(xls_records(&stream, 0).all(|(typ, _)| typ != 0x0200), "the walk from the start never meets it");
        let refused = check_xls(&xls(&stream), &Limits::default());
        assert!(matches!(refused, Err(Refusal::Limit(_) | Refusal::Damaged(_))), "{refused:?}");
    }

    /// Many BOUNDSHEETs naming the same sheet: calamine holds that sheet's
    /// cells once per name, so the cells are counted once per name.
    #[test]
    fn a_sheet_named_many_times_counts_its_cells_each_time() {
        let limits = Limits { max_cells: 10, ..Limits::default() };
        let cells: Vec<u8> =
            (0u16..4).flat_map(|row| record(0x0203, &[&row.to_le_bytes()[..], &[0; 12]].concat())).collect();
        let globals = |names: usize| -> Vec<u8> {
            let len = 4 + BOF.len() + names * bound_sheet(0).len() + 4;
            let at = u32::try_from(len).expect("small");
            [record(0x0809, &BOF), (0..names).flat_map(|_| bound_sheet(at)).collect(), record(0x000A, &[])].concat()
        };
        let sheet = [record(0x0809, &BOF), cells, record(0x000A, &[])].concat();
        assert!(check_xls(&xls(&[globals(2), sheet.clone()].concat()), &limits).is_ok(), "8 cells");
        let refused = check_xls(&xls(&[globals(3), sheet].concat()), &limits);
        assert!(matches!(refused, Err(Refusal::Limit(LimitExceeded::Cells { .. }))), "12 cells: {refused:?}");
    }

    /// A compound file that the container reader cannot open, or without a
    /// workbook stream, is refused as damaged before calamine reads it.
    #[test]
    fn an_unreadable_container_or_no_workbook_is_damaged() {
        let header_only = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and then nothing";
        assert!(matches!(check_xls(header_only, &Limits::default()), Err(Refusal::Damaged(_))));
        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("a new compound file");
        file.create_stream("/EncryptedPackage").expect("a stream").write_all(b"secret").expect("written");
        file.flush().expect("flushed");
        let encrypted = file.into_inner().into_inner();
        assert!(matches!(check_xls(&encrypted, &Limits::default()), Err(Refusal::Damaged(_))));
    }
}
