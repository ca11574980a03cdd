//! Reading BALLOTS.csv (or .xlsx) into the engine's [`Tally`]: the format is
//! in `docs/tally-format.md`.
//!
//! The reader is strict: a file is counted only when every record has
//! exactly the header's columns and every quote is closed on its own line,
//! so that a stray quote or a missing comma can never merge, split or drop
//! ballots. Anything else is refused with the file, line and column.

use std::path::Path;

use daihoi_core::members::import::column_letter;
use daihoi_election::ballot::Flags;
use daihoi_election::{Ballot, BallotForm, BoardRuling, Choice, Count, Election, Marks, Tally};

use crate::output::BadInput;

/// The file being read, for messages.
struct Source {
    file: String,
    /// The sheet of a spreadsheet (whose rows are "rows", not "lines").
    sheet: Option<String>,
}

impl Source {
    /// Where a line (a spreadsheet's row) is: "b.csv, line 5".
    fn line(&self, line: usize) -> String {
        match &self.sheet {
            None => format!("{}, line {line}", self.file),
            Some(sheet) => format!("{}, sheet {sheet:?}, row {line}", self.file),
        }
    }

    /// Where a cell is: "b.csv, line 5, column 3 (C)".
    fn at(&self, line: usize, col: usize) -> String {
        match &self.sheet {
            None => format!("{}, column {} ({})", self.line(line), col + 1, column_letter(col)),
            Some(_) => format!("{}, column {}", self.line(line), column_letter(col)),
        }
    }

    fn refuse(&self, line: usize, col: usize, why: impl std::fmt::Display) -> BadInput {
        BadInput::new(format!("{}: {why}", self.at(line, col)))
    }
}

/// Checks the header row: `ballot`, the candidates in order, `flags`.
fn check_header(src: &Source, header: &[&str], election: &Election) -> Result<(), BadInput> {
    let mut expected: Vec<&str> = vec!["ballot"];
    expected.extend(election.candidates.iter().map(String::as_str));
    expected.push("flags");
    for (c, want) in expected.iter().enumerate() {
        let got = header.get(c).map_or("", |s| s.trim());
        if got != *want {
            return Err(src.refuse(
                1,
                c,
                format!(
                    "expected the header {want:?} (ballot, the candidates in the order of the election file, flags), found {got:?}"
                ),
            ));
        }
    }
    if let Some((c, extra)) = header.iter().enumerate().skip(expected.len()).find(|(_, h)| !h.trim().is_empty()) {
        return Err(src.refuse(1, c, format!("unexpected column {extra:?}")));
    }
    Ok(())
}

/// A cell without the spaces around it (ASCII first: the common case costs
/// no UTF-8 decoding; other Unicode spaces, and the vertical tab that ASCII
/// trimming keeps, are trimmed too, as `str::trim` does).
fn trim_cell(cell: &[u8]) -> &[u8] {
    let t = cell.trim_ascii();
    match (t.first(), t.last()) {
        (Some(a), Some(b)) if !a.is_ascii() || !b.is_ascii() || *a == 0x0B || *b == 0x0B => {
            std::str::from_utf8(t).map_or(t, |s| s.trim().as_bytes())
        }
        _ => t,
    }
}

/// A cell as text for a message.
fn shown(cell: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(cell))
}

/// Fills `ballot` from one data row (`line` as the file numbers it); false
/// for a blank row. The buffers of `ballot` are reused from row to row.
fn fill_ballot(
    src: &Source,
    line: usize,
    row: &[&[u8]],
    ballot: &mut Ballot,
    candidates: usize,
) -> Result<bool, BadInput> {
    if row.iter().all(|c| trim_cell(c).is_empty()) {
        return Ok(false);
    }
    // Almost every cell is empty or one letter (`x`, `a`, `d`): as it is,
    // with nothing to trim; any other is trimmed.
    let cell = |c: usize| match row.get(c) {
        None => &b""[..],
        Some(v) if v.is_empty() || (v.len() == 1 && v[0] > b' ') => v,
        Some(v) => trim_cell(v),
    };
    let number =
        std::str::from_utf8(cell(0)).map_err(|_| src.refuse(line, 0, "the ballot number is not UTF-8 text"))?;
    if number.is_empty() {
        return Err(src.refuse(line, 0, "the ballot number is empty"));
    }
    ballot.number.clear();
    ballot.number.push_str(number);
    match &mut ballot.marks {
        Marks::CrossingOut(kept) => {
            kept.clear();
            for c in 1..=candidates {
                kept.push(match cell(c) {
                    b"" => true,
                    b"x" | b"X" => false,
                    v => {
                        return Err(src.refuse(
                            line,
                            c,
                            format!("{}: on a crossing-out ballot a name is kept (empty) or struck (x)", shown(v)),
                        ));
                    }
                });
            }
        }
        Marks::AgreeDisagree(choices) => {
            choices.clear();
            for c in 1..=candidates {
                choices.push(match cell(c) {
                    b"a" | b"A" => Choice::Agree,
                    b"d" | b"D" => Choice::Disagree,
                    v if v.eq_ignore_ascii_case(b"ad") || v.eq_ignore_ascii_case(b"da") => Choice::Both,
                    b"" => Choice::Neither,
                    v => {
                        return Err(src.refuse(
                            line,
                            c,
                            format!("{}: on an agree/disagree ballot a name has a, d, ad or nothing", shown(v)),
                        ));
                    }
                });
            }
        }
    }
    ballot.flags = Flags::default();
    let flags = cell(candidates + 1);
    for flag in flags.split(|b| *b == b';').map(trim_cell).filter(|f| !f.is_empty()) {
        match flag {
            b"not_issued" => ballot.flags.not_issued = true,
            b"write_in" => ballot.flags.write_in = true,
            b"marked" => ballot.flags.marked = true,
            other => {
                return Err(src.refuse(
                    line,
                    candidates + 1,
                    format!("unknown flag {} (expected not_issued, write_in, marked, joined by ;)", shown(other)),
                ));
            }
        }
    }
    Ok(true)
}

/// The header row as text.
fn header_text<'a>(src: &Source, cells: &[&'a [u8]]) -> Result<Vec<&'a str>, BadInput> {
    cells
        .iter()
        .enumerate()
        .map(|(c, cell)| std::str::from_utf8(cell).map_err(|_| src.refuse(1, c, "not UTF-8 text")))
        .collect()
}

/// A count in progress: the header first, then the ballots, one row at a
/// time into the engine's [`Tally`] with reused buffers (the ballots are
/// never all parsed in memory at once).
struct Reader<'e> {
    src: &'e Source,
    tally: Tally<'e>,
    ballot: Ballot,
    candidates: usize,
    /// The header's number of columns, once it is read.
    width: Option<usize>,
}

impl<'e> Reader<'e> {
    fn new(src: &'e Source, election: &'e Election, rulings: &'e [BoardRuling]) -> Result<Reader<'e>, BadInput> {
        let n = election.candidates.len();
        let tally = Tally::new(election, rulings).map_err(|e| BadInput::new(format!("{}: {e}", src.file)))?;
        let marks = match BallotForm::for_list(n, election.seats) {
            BallotForm::CrossingOut => Marks::CrossingOut(Vec::with_capacity(n)),
            BallotForm::AgreeDisagree => Marks::AgreeDisagree(Vec::with_capacity(n)),
        };
        let ballot = Ballot { number: String::new(), marks, flags: Flags::default() };
        Ok(Reader { src, tally, ballot, candidates: n, width: None })
    }

    /// One row of the file. `exact`: the row must have exactly the header's
    /// columns (CSV, where every comma counts); a spreadsheet's row is given
    /// without its trailing empty cells.
    fn row(&mut self, election: &Election, line: usize, cells: &[&[u8]], exact: bool) -> Result<(), BadInput> {
        let src = self.src;
        let Some(width) = self.width else {
            check_header(src, &header_text(src, cells)?, election)?;
            self.width = Some(cells.len());
            return Ok(());
        };
        if exact && cells.len() != width {
            let (col, what) = if cells.len() < width { (cells.len(), "fewer") } else { (width, "more") };
            return Err(src.refuse(
                line,
                col,
                format!(
                    "this line has {} columns, {what} than the header's {width} (ballot, {} candidates, flags): \
                     a comma missing or too many, or a stray quote?",
                    cells.len(),
                    self.candidates
                ),
            ));
        }
        // Cells under a blank header column (CSV) or beyond the header (a
        // spreadsheet's row) are empty.
        let columns = self.candidates + 2;
        if cells.len() > columns
            && let Some((c, v)) = cells.iter().enumerate().skip(columns).find(|(_, v)| !trim_cell(v).is_empty())
        {
            return Err(src.refuse(
                line,
                c,
                format!(
                    "{}: a value outside the header's columns (ballot, the candidates, flags): a comma too many?",
                    shown(v)
                ),
            ));
        }
        if fill_ballot(src, line, cells, &mut self.ballot, self.candidates)? {
            self.tally.add(&self.ballot).map_err(|e| BadInput::new(format!("{}: {e}", src.line(line))))?;
        }
        Ok(())
    }

    fn finish(self) -> Result<Count, BadInput> {
        if self.width.is_none() {
            return Err(BadInput::new(format!("{}: the file is empty", self.src.file)));
        }
        self.tally.finish().map_err(|e| BadInput::new(format!("{}: {e}", self.src.file)))
    }
}

/// Where a cell of a quoted line is: in the line, or unescaped in the scratch buffer.
#[derive(Clone, Copy)]
enum Span {
    Line(usize, usize),
    Scratch(usize, usize),
}

impl Span {
    /// The cell's bytes.
    fn of<'a>(self, line: &'a [u8], scratch: &'a [u8]) -> &'a [u8] {
        match self {
            Span::Line(a, b) => &line[a..b],
            Span::Scratch(a, b) => &scratch[a..b],
        }
    }
}

/// Splits one line that holds a quote into its cells, strictly: a quoted
/// cell starts with `"` and ends with the `"` just before the next comma or
/// the line's end, `""` inside it is a quote; a cell that does not start
/// with `"` holds none. A quote not closed on its line is refused: a ballot's
/// cell never holds a line break, so such a quote is a stray one that would
/// swallow the ballots that follow.
fn split_quoted(
    src: &Source,
    number: usize,
    line: &[u8],
    spans: &mut Vec<Span>,
    scratch: &mut Vec<u8>,
) -> Result<(), BadInput> {
    spans.clear();
    scratch.clear();
    let mut pos = 0;
    loop {
        let col = spans.len();
        if line.get(pos) == Some(&b'"') {
            let start = pos + 1;
            let mut from = start;
            let mut escaped = false;
            let end = loop {
                let Some(q) = memchr::memchr(b'"', &line[from..]).map(|q| from + q) else {
                    return Err(src.refuse(
                        number,
                        col,
                        "the quote that opens this cell is not closed on its line (a cell cannot hold a line break): \
                         a stray quote?",
                    ));
                };
                if line.get(q + 1) == Some(&b'"') {
                    escaped = true;
                    from = q + 2;
                } else {
                    break q;
                }
            };
            if escaped {
                let s = scratch.len();
                let mut rest = &line[start..end];
                while let Some(q) = memchr::memchr(b'"', rest) {
                    scratch.extend_from_slice(&rest[..=q]);
                    rest = &rest[q + 2..];
                }
                scratch.extend_from_slice(rest);
                spans.push(Span::Scratch(s, scratch.len()));
            } else {
                spans.push(Span::Line(start, end));
            }
            pos = end + 1;
            match line.get(pos) {
                None => return Ok(()),
                Some(b',') => pos += 1,
                Some(_) => {
                    let next = memchr::memchr(b',', &line[pos..]).map_or(line.len(), |k| pos + k);
                    return Err(src.refuse(
                        number,
                        col,
                        format!(
                            "{} after the closing quote of this cell: a quoted cell ends with its quote \
                             (\"\" for a quote inside it)",
                            shown(&line[pos..next])
                        ),
                    ));
                }
            }
        } else {
            let end = memchr::memchr(b',', &line[pos..]).map_or(line.len(), |k| pos + k);
            let cell = &line[pos..end];
            if memchr::memchr(b'"', cell).is_some() {
                return Err(src.refuse(
                    number,
                    col,
                    format!(
                        "{}: a quote inside a cell that does not start with one (a quoted cell is \"…\", \
                         with \"\" for a quote inside it)",
                        shown(cell)
                    ),
                ));
            }
            spans.push(Span::Line(pos, end));
            if end == line.len() {
                return Ok(());
            }
            pos = end + 1;
        }
    }
}

/// Refuses a carriage return inside a line's cells (after its CRLF end is taken off).
fn stray_return(src: &Source, number: usize, cells: &[&[u8]]) -> Result<(), BadInput> {
    match cells.iter().position(|c| memchr::memchr(b'\r', c).is_some()) {
        Some(c) => Err(src.refuse(
            number,
            c,
            "a carriage return (CR) inside the line: lines end with LF or CRLF, and a cell holds no line break",
        )),
        None => Ok(()),
    }
}

/// One line with quotes: split by [`split_quoted`], then given to `row`
/// (apart from the plain lines' loop, which it would slow down).
#[inline(never)]
fn quoted_line(
    src: &Source,
    number: usize,
    line: &[u8],
    returns: bool,
    spans: &mut Vec<Span>,
    scratch: &mut Vec<u8>,
    row: &mut impl FnMut(usize, &[&[u8]]) -> Result<(), BadInput>,
) -> Result<(), BadInput> {
    split_quoted(src, number, line, spans, scratch)?;
    let cells: Vec<&[u8]> = spans.iter().map(|s| s.of(line, scratch)).collect();
    if returns {
        stray_return(src, number, &cells)?;
    }
    row(number, &cells)
}

/// Splits a CSV held in memory into its records, strictly, and calls `row`
/// with each one's line number and cells.
///
/// Records are lines: since no ballot cell ever holds a line break, a quote
/// must close on its own line, and each line is split by itself. A line
/// without any `"` is split on `,` directly (what CSV means when nothing is
/// quoted; this keeps a million-ballot file at disk speed); a line with
/// quotes is split by [`split_quoted`]. Line ends are LF or CRLF; a carriage
/// return anywhere else is refused. A byte-order mark and blank lines are
/// ignored. The number of cells is the caller's to check.
fn csv_records(
    src: &Source,
    bytes: &[u8],
    mut row: impl FnMut(usize, &[&[u8]]) -> Result<(), BadInput>,
) -> Result<(), BadInput> {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // One pass over a plain LF file (the common case) finds neither.
    let (quotes, returns) = match memchr::memchr2(b'"', b'\r', text) {
        None => (false, false),
        Some(_) => (memchr::memchr(b'"', text).is_some(), memchr::memchr(b'\r', text).is_some()),
    };
    let mut cells: Vec<&[u8]> = Vec::new();
    let (mut spans, mut scratch) = (Vec::new(), Vec::new());
    let mut start = 0;
    for (i, end) in memchr::memchr_iter(b'\n', text).chain(std::iter::once(text.len())).enumerate() {
        let number = i + 1;
        let mut line = &text[start..end];
        start = end + 1;
        if returns {
            line = line.strip_suffix(b"\r").unwrap_or(line);
        }
        if line.is_empty() {
            continue;
        }
        if quotes && memchr::memchr(b'"', line).is_some() {
            quoted_line(src, number, line, returns, &mut spans, &mut scratch, &mut row)?;
        } else {
            cells.clear();
            cells.extend(line.split(|b| *b == b','));
            if returns && memchr::memchr(b'\r', line).is_some() {
                stray_return(src, number, &cells)?;
            }
            row(number, &cells)?;
        }
    }
    Ok(())
}

/// Counts a CSV held in memory (`file` names it in messages): every record
/// has exactly the header's columns.
fn tally_csv(file: &str, bytes: &[u8], election: &Election, rulings: &[BoardRuling]) -> Result<Count, BadInput> {
    let src = Source { file: file.to_owned(), sheet: None };
    let mut reader = Reader::new(&src, election, rulings)?;
    csv_records(&src, bytes, |line, cells| reader.row(election, line, cells, true))?;
    reader.finish()
}

/// Counts a spreadsheet's first sheet; the other sheets must be empty (a
/// ballot on another sheet would not be counted).
fn tally_sheet(path: &Path, election: &Election, rulings: &[BoardRuling]) -> Result<Count, BadInput> {
    let file = path.display().to_string();
    let wb = crate::output::read_spreadsheet(path)?;
    let mut sheets = wb.sheets.into_iter();
    let first = sheets.next();
    if let Some(other) = sheets.find(|s| s.rows.iter().any(|r| r.iter().any(|c| !c.trim().is_empty()))) {
        return Err(BadInput::new(format!(
            "{file}: sheet {:?} is not empty: the ballots are read from the first sheet only \
             (put them all on {:?} and remove the other sheets)",
            other.name,
            first.as_ref().map_or("", |s| s.name.as_str())
        )));
    }
    let (sheet, rows) = first.map(|s| (s.name, s.rows)).unwrap_or_default();
    let src = Source { file, sheet: Some(sheet) };
    let mut reader = Reader::new(&src, election, rulings)?;
    for (i, r) in rows.iter().enumerate() {
        let cells: Vec<&[u8]> = r.iter().map(String::as_bytes).collect();
        if i == 0 && cells.iter().all(|c| c.is_empty()) {
            break;
        }
        if let Some(c) = cells.iter().position(|c| memchr::memchr2(b'\n', b'\r', c).is_some()) {
            return Err(src.refuse(i + 1, c, format!("{}: a cell holds a line break", shown(cells[c]))));
        }
        reader.row(election, i + 1, &cells, false)?;
    }
    reader.finish()
}

/// Reads and counts the ballots of `path` into a [`Count`]: a .csv by
/// [`tally_csv`], an .xlsx (.xls, .ods) through daihoi-sheets. Other text
/// files (.txt, .tsv), which daihoi-sheets would read leniently, are refused.
pub fn tally_ballots(path: &Path, election: &Election, rulings: &[BoardRuling]) -> Result<Count, BadInput> {
    use daihoi_sheets::Format;
    let file = path.display().to_string();
    let is_csv = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    match Format::from_path(path) {
        _ if is_csv => {
            let bytes = std::fs::read(path).map_err(|e| BadInput::new(format!("{file}: {e}")))?;
            tally_csv(&file, &bytes, election, rulings)
        }
        Some(Format::Xlsx | Format::Xls | Format::Ods) => tally_sheet(path, election, rulings),
        _ => Err(BadInput::new(format!("{file}: a ballots file is a .csv or an .xlsx (or .xls, .ods)"))),
    }
}

#[cfg(test)]
mod tests {
    use daihoi_election::{Body, Electorate, Meeting, RuleSet};
    use proptest::prelude::*;

    use super::*;

    /// Three names for two seats (the crossing-out form), room for any number of ballots.
    fn election() -> Election {
        Election {
            title: "Bầu thử".into(),
            body: Body::Delegates,
            electorate: Electorate {
                meeting: Meeting::Conference,
                convened: 10_000,
                present: 10_000,
                subtractions: vec![],
            },
            seats: 2,
            ballots_issued: 10_000,
            candidates: vec!["A".into(), "B".into(), "C".into()],
            rules: RuleSet::regulation_190(),
        }
    }

    const HEADER: &str = "ballot,A,B,C,flags";

    /// The strict reference, written apart from the reader: RFC 4180 read
    /// byte by byte over the whole text (the reader splits lines first). A
    /// record ends at LF, or CRLF; a field that starts with `"` is quoted up
    /// to its closing `"` (`""` inside is a quote), which a comma, a line end
    /// or the end of the text must follow. Refused (`None`): a line break
    /// (CR or LF) inside a quoted field, a quote left open at the end, a
    /// quote inside an unquoted field, a CR that does not end a line, and
    /// records whose number of fields differs from the first's. A leading
    /// byte-order mark and empty lines are left out.
    fn reference(bytes: &[u8]) -> Option<Vec<Vec<Vec<u8>>>> {
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut records: Vec<Vec<Vec<u8>>> = Vec::new();
        let (mut record, mut field): (Vec<Vec<u8>>, Vec<u8>) = (Vec::new(), Vec::new());
        // Where we are in the current field.
        #[derive(PartialEq)]
        enum State {
            Start,
            Unquoted,
            Quoted,
            Closed,
        }
        let mut state = State::Start;
        let mut i = 0;
        while i < text.len() {
            let b = text[i];
            let next = text.get(i + 1).copied();
            match (&state, b) {
                (State::Quoted, b'"') if next == Some(b'"') => {
                    field.push(b'"');
                    i += 1;
                }
                (State::Quoted, b'"') => state = State::Closed,
                (State::Quoted, b'\n' | b'\r') => return None,
                (State::Quoted, _) => field.push(b),
                (_, b',') => {
                    record.push(std::mem::take(&mut field));
                    state = State::Start;
                }
                (_, b'\r') if next.is_none() || next == Some(b'\n') => {}
                (_, b'\r') => return None,
                (_, b'\n') => {
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                    state = State::Start;
                }
                (State::Start, b'"') => state = State::Quoted,
                (State::Closed, _) | (_, b'"') => return None,
                (_, _) => {
                    field.push(b);
                    state = State::Unquoted;
                }
            }
            i += 1;
        }
        if state == State::Quoted {
            return None;
        }
        if !text.is_empty() && !text.ends_with(b"\n") {
            record.push(field);
            records.push(record);
        }
        records.retain(|r| r.len() > 1 || r[0] != b"");
        let width = records.first().map_or(0, Vec::len);
        records.iter().all(|r| r.len() == width).then_some(records)
    }

    /// A ballot row is blank when every cell is only spaces (Unicode's).
    fn blank(record: &[Vec<u8>]) -> bool {
        record.iter().all(|c| String::from_utf8_lossy(c).trim().is_empty())
    }

    /// The property: no panic; records the reader splits are the
    /// reference's; a count only for a file the reference accepts, with
    /// exactly its non-blank rows as ballots.
    fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
        let shown = || String::from_utf8_lossy(bytes).into_owned();
        let src = Source { file: "p.csv".into(), sheet: None };
        let mut rows: Vec<Vec<Vec<u8>>> = Vec::new();
        let split = csv_records(&src, bytes, |_, cells| {
            rows.push(cells.iter().map(|c| c.to_vec()).collect());
            Ok(())
        });
        let e = election();
        let counted = tally_csv("p.csv", bytes, &e, &[]);
        let Ok(count) = counted else { return Ok(()) };
        prop_assert!(split.is_ok());
        let Some(records) = reference(bytes) else {
            return Err(TestCaseError::fail(format!("counted a file the reference refuses: {:?}", shown())));
        };
        prop_assert_eq!(&rows, &records, "{:?}", shown());
        let ballots = records[1..].iter().filter(|r| !blank(r)).count();
        prop_assert_eq!(count.returned as usize, ballots, "{:?}", shown());
        Ok(())
    }

    /// A valid file: the header, then ballots numbered 1… with any marks and
    /// flags, some cells quoted, LF or CRLF.
    fn valid_file() -> impl Strategy<Value = Vec<u8>> {
        let cell = prop_oneof![Just(""), Just("x"), Just("X"), Just(" x "), Just("\"x\""), Just("\"\"")];
        let flags = prop_oneof![Just(""), Just("marked"), Just("not_issued;write_in"), Just("\"marked\"")];
        let row = (proptest::collection::vec(cell, 3), flags);
        (proptest::collection::vec(row, 0..12), any::<bool>(), any::<bool>()).prop_map(|(rows, crlf, bom)| {
            let end = if crlf { "\r\n" } else { "\n" };
            let mut text = String::from(if bom { "\u{feff}" } else { "" });
            text.push_str(HEADER);
            for (i, (cells, flags)) in rows.iter().enumerate() {
                text.push_str(&format!("{end}{},{},{flags}", i + 1, cells.join(",")));
            }
            text.push_str(end);
            text.into_bytes()
        })
    }

    /// What a careless or hostile hand does to a file.
    #[derive(Debug, Clone)]
    enum Mutation {
        Insert(prop::sample::Index, u8),
        Delete(prop::sample::Index),
        Truncate(prop::sample::Index),
        DuplicateByte(prop::sample::Index),
    }

    fn mutation() -> impl Strategy<Value = Mutation> {
        let byte = prop_oneof![Just(b'"'), Just(b','), Just(b'\n'), Just(b'\r'), Just(b' '), Just(b'x'), Just(b'1')];
        prop_oneof![
            (any::<prop::sample::Index>(), byte).prop_map(|(i, b)| Mutation::Insert(i, b)),
            any::<prop::sample::Index>().prop_map(Mutation::Delete),
            any::<prop::sample::Index>().prop_map(Mutation::Truncate),
            any::<prop::sample::Index>().prop_map(Mutation::DuplicateByte),
        ]
    }

    fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
        for m in mutations {
            let len = bytes.len();
            match m {
                Mutation::Insert(i, b) => bytes.insert(i.index(len + 1), *b),
                Mutation::Delete(i) if len > 0 => {
                    bytes.remove(i.index(len));
                }
                Mutation::Truncate(i) => bytes.truncate(i.index(len + 1)),
                Mutation::DuplicateByte(i) if len > 0 => {
                    let i = i.index(len);
                    bytes.insert(i, bytes[i]);
                }
                _ => {}
            }
        }
        bytes
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Any bytes at all: no panic, no count the reference refuses.
        #[test]
        fn tally_reader_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            check(&bytes)?;
        }

        /// The header, then any text of the bytes that matter to CSV.
        #[test]
        fn tally_reader_csv_bytes_after_a_header(
            body in proptest::collection::vec(
                prop_oneof![Just(b','), Just(b'"'), Just(b'\n'), Just(b'\r'), Just(b'x'), Just(b'1'), Just(b'2'), Just(b' ')],
                0..200,
            )
        ) {
            let mut bytes = format!("{HEADER}\n").into_bytes();
            bytes.extend(body);
            check(&bytes)?;
        }

        /// Valid files are counted, every ballot; mutated ones (stray quotes,
        /// dropped or extra commas, line breaks, truncation) are refused
        /// unless the reference accepts them too, with the same ballots.
        #[test]
        fn tally_reader_mutated_files(file in valid_file(), mutations in proptest::collection::vec(mutation(), 0..4)) {
            if mutations.is_empty() {
                let e = election();
                let count = tally_csv("p.csv", &file, &e, &[]);
                prop_assert!(count.is_ok(), "{:?}: {:?}", String::from_utf8_lossy(&file), count.err());
            }
            check(&mutate(file, &mutations))?;
        }
    }

    /// The quoted splitter: commas and `""` inside quotes, cells located.
    #[test]
    fn tally_reader_splits_quoted_lines() {
        let src = Source { file: "q.csv".into(), sheet: None };
        let (mut spans, mut scratch) = (Vec::new(), Vec::new());
        let line = br#"1,"a,b","say ""x""",,"""#;
        split_quoted(&src, 7, line, &mut spans, &mut scratch).unwrap();
        let cells: Vec<&[u8]> = spans.iter().map(|s| s.of(line, &scratch)).collect();
        assert_eq!(cells, [&b"1"[..], b"a,b", b"say \"x\"", b"", b""]);
        let err = |line: &[u8]| split_quoted(&src, 7, line, &mut Vec::new(), &mut Vec::new()).unwrap_err().to_string();
        assert!(
            err(br#"1,"a"#).starts_with("q.csv, line 7, column 2 (B): the quote that opens this cell is not closed")
        );
        assert!(err(br#"1,"a"b,c"#).starts_with(r#"q.csv, line 7, column 2 (B): "b" after the closing quote"#));
        assert!(err(br#"1,a"b"#).starts_with(r#"q.csv, line 7, column 2 (B): "a\"b": a quote inside a cell"#));
    }
}
