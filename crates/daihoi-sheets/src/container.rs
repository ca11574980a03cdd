//! The checks a file passes before a spreadsheet reader is let near it:
//! what its first bytes say it is, how many parts its zip container claims,
//! how far it inflates, how many shared texts an xlsx claims, how large a
//! rectangle an ods sheet's repeated rows and columns or an xls sheet's cell
//! records span. Each check reads in constant memory (the zip parts are
//! inflated through a meter, never into a buffer) and answers before
//! calamine, which reserves memory for such claims, sees the file.

use std::cell::Cell as Counter;
use std::fmt;
use std::io::{self, BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use crate::limits::{LimitExceeded, Limits};
use crate::read::Format;

/// Why a file did not pass.
#[derive(Debug)]
pub(crate) enum Refusal {
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
pub(crate) fn check(format: Format, bytes: &[u8], limits: &Limits) -> Result<(), Refusal> {
    let size = bytes.len() as u64;
    if size > limits.max_file_bytes {
        return Err(LimitExceeded::FileBytes { bytes: size, limit: limits.max_file_bytes }.into());
    }
    match format {
        Format::Xlsx | Format::Ods => {
            if !(bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")) {
                return Err(Refusal::OtherKind(looks_like(bytes)));
            }
            check_zip(format, bytes, limits)
        }
        Format::Xls => {
            if !bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
                return Err(Refusal::OtherKind(looks_like(bytes)));
            }
            check_xls(bytes, limits)
        }
        Format::Csv => Ok(()),
    }
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
/// strings of an xlsx and the tables of an ods.
fn check_zip(format: Format, bytes: &[u8], limits: &Limits) -> Result<(), Refusal> {
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
        let result = if format == Format::Xlsx && name.ends_with("sharedstrings.xml") {
            shared_strings(&mut metered, limits)
        } else if format == Format::Ods && name == "content.xml" {
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

/// Walks an .xls workbook stream's records: a sheet's DIMENSIONS claim and
/// the rectangle its cell records span (calamine lays each sheet out as
/// that rectangle and reserves for the claim) must fit the limits, and the
/// cells all together must be at most [`Limits::max_cells`]. A container
/// or stream that cannot be read is left to calamine, which reports it.
fn check_xls(bytes: &[u8], limits: &Limits) -> Result<(), Refusal> {
    const DAMAGED: &str = "the file is damaged (a sheet claims more cells than the format allows)";
    /// The most cells of an .xls (BIFF8) sheet: 65,536 rows × 256 columns.
    const XLS_MAX_CELLS: i64 = 65_536 * 256;
    let Ok(mut file) = cfb::CompoundFile::open(Cursor::new(bytes)) else { return Ok(()) };
    let Some(stream) = ["/Workbook", "/Book"].iter().find_map(|p| file.open_stream(p).ok()) else {
        return Ok(());
    };
    let mut data = Vec::new();
    if stream.take(limits.max_file_bytes.saturating_add(1)).read_to_end(&mut data).is_err() {
        return Ok(());
    }
    let u16_at = |r: &[u8], i: usize| i64::from(u16::from_le_bytes([r[i], r[i + 1]]));
    let u32_at = |r: &[u8], i: usize| i64::from(u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]));
    let area = |rows: u64, columns: u64| LimitExceeded::area(rows, columns, limits);
    // The sheet's rows and columns spanned (from A1), and all cells seen.
    let (mut rows, mut columns, mut cells) = (0u64, 0u64, 0u64);
    let mut i = 0;
    while i + 4 <= data.len() {
        let typ = u16_at(&data, i);
        let len = u16_at(&data, i + 2) as usize;
        let Some(r) = data.get(i + 4..i + 4 + len) else { break };
        match typ {
            // BOF of the globals or of a worksheet: a new rectangle. (A chart
            // embedded in a sheet has a BOF of its own; the sheet goes on after it.)
            0x0809 if len >= 4 && matches!(u16_at(r, 2), 0x0005 | 0x0010) => (rows, columns) = (0, 0),
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
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x0006 | 0x027E | 0x00FD | 0x00BD if len >= 6 => {
                #[allow(clippy::cast_sign_loss)] // read from u16
                let (row, first) = (u16_at(r, 0) as u64, u16_at(r, 2) as u64);
                #[allow(clippy::cast_sign_loss)] // read from u16
                let last = if typ == 0x00BD { u16_at(r, len - 2) as u64 } else { first };
                rows = rows.max(row + 1);
                columns = columns.max(last + 1);
                cells = cells.saturating_add(last.saturating_sub(first) + 1);
                if !limits.fits(rows, columns) {
                    return Err(area(rows, columns).into());
                }
                if cells > limits.max_cells {
                    return Err(LimitExceeded::Cells { limit: limits.max_cells }.into());
                }
            }
            _ => {}
        }
        i += 4 + len;
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

    #[test]
    fn a_zip_without_its_directory_is_damaged() {
        assert!(matches!(zip_entry_count(b"PK\x03\x04 and nothing else"), Err(Refusal::Damaged(_))));
    }
}
