//! Reading a ballots file (BALLOTS.csv, or a spreadsheet's first sheet)
//! into the engine's [`Tally`]: the format is in `docs/tally-format.md`.
//!
//! The reader is strict: a file is counted only when every record has
//! exactly the header's columns and every quote is closed on its own line,
//! so that a stray quote or a missing comma can never merge, split or drop
//! ballots. Anything else is refused with the file, line and column.
//!
//! A CSV is read in blocks of whole lines and each ballot goes into the
//! [`Tally`] as soon as it is read: a million ballots are never held.

use std::fmt;
use std::io::Read;

use daihoi_core::members::import::column_letter;
use daihoi_election::ballot::Flags;
use daihoi_election::{Ballot, BallotForm, BoardRuling, Choice, Count, Election, ElectionError, Marks, Tally};
use daihoi_sheets::{Format, Limits, SheetError, Workbook};

/// Where in a ballots file: the file, the sheet of a spreadsheet, the line
/// (a spreadsheet's row, from 1) and the column (from 0), if it is one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    /// The sheet of a spreadsheet (whose rows are "rows", not "lines").
    pub sheet: Option<String>,
    pub line: usize,
    pub column: Option<usize>,
}

impl fmt::Display for Place {
    /// "b.csv, line 5, column 3 (C)"; "b.xlsx, sheet \"Phiếu\", row 5, column C".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.sheet {
            None => write!(f, "{}, line {}", self.file, self.line)?,
            Some(sheet) => write!(f, "{}, sheet {sheet:?}, row {}", self.file, self.line)?,
        }
        match (self.column, &self.sheet) {
            (None, _) => Ok(()),
            (Some(c), None) => write!(f, ", column {} ({})", c + 1, column_letter(c)),
            (Some(c), Some(_)) => write!(f, ", column {}", column_letter(c)),
        }
    }
}

/// What is wrong with a line or a cell of a ballots file. Values are shown
/// as they are written (`{:?}`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error(
        "expected the header {want:?} (ballot, the candidates in the order of the election file, flags), found {found:?}"
    )]
    Header { want: String, found: String },
    #[error("unexpected column {0:?}")]
    UnexpectedColumn(String),
    #[error("not UTF-8 text")]
    HeaderNotUtf8,
    #[error("the ballot number is not UTF-8 text")]
    NumberNotUtf8,
    #[error("the ballot number is empty")]
    NumberEmpty,
    /// R-BALLOT-2.
    #[error("{0:?}: on a crossing-out ballot a name is kept (empty) or struck (x)")]
    CrossingOutMark(String),
    /// R-BALLOT-3.
    #[error("{0:?}: on an agree/disagree ballot a name has a, d, ad or nothing")]
    AgreeDisagreeMark(String),
    #[error("unknown flag {0:?} (expected not_issued, write_in, marked, joined by ;)")]
    UnknownFlag(String),
    #[error(
        "this line has {got} columns, {} than the header's {width} (ballot, {candidates} candidates, flags): \
         a comma missing or too many, or a stray quote?",
        fewer_or_more(.got, .width)
    )]
    Columns { got: usize, width: usize, candidates: usize },
    #[error("{0:?}: a value outside the header's columns (ballot, the candidates, flags): a comma too many?")]
    OutsideColumns(String),
    #[error(
        "the quote that opens this cell is not closed on its line (a cell cannot hold a line break): a stray quote?"
    )]
    QuoteNotClosed,
    #[error(
        "{0:?} after the closing quote of this cell: a quoted cell ends with its quote (\"\" for a quote inside it)"
    )]
    AfterClosingQuote(String),
    #[error(
        "{0:?}: a quote inside a cell that does not start with one (a quoted cell is \"…\", with \"\" for a quote \
         inside it)"
    )]
    QuoteInside(String),
    #[error("a carriage return (CR) inside the line: lines end with LF or CRLF, and a cell holds no line break")]
    CarriageReturn,
    #[error("{0:?}: a cell holds a line break")]
    LineBreak(String),
}

fn fewer_or_more(got: &usize, width: &usize) -> &'static str {
    if got < width { "fewer" } else { "more" }
}

/// A ballots file refused, naming the file and, where it is one, the line
/// and column. The messages are `daihoi tally`'s (`docs/tally-format.md`).
#[derive(Debug, thiserror::Error)]
pub enum BallotsError {
    #[error("{file}: {source}")]
    Io { file: String, source: std::io::Error },
    /// A line or a cell that is not of the format.
    #[error("{place}: {problem}")]
    Refused { place: Box<Place>, problem: Problem },
    /// The engine refuses a ballot (counted twice, …).
    #[error("{place}: {source}")]
    Ballot { place: Box<Place>, source: ElectionError },
    /// The engine refuses the election, the rulings (R-VALID-8) or the count
    /// (more ballots than issued or than present, R-BASE-*).
    #[error("{file}: {source}")]
    Count { file: String, source: ElectionError },
    #[error("{file}: the file is empty")]
    Empty { file: String },
    #[error(
        "{file}: sheet {sheet:?} is not empty: the ballots are read from the first sheet only \
         (put them all on {first:?} and remove the other sheets)"
    )]
    OtherSheet { file: String, sheet: String, first: String },
    /// A spreadsheet that cannot be read (damaged, over the limits …).
    #[error(transparent)]
    Sheet(Box<SheetError>),
    /// Neither a .csv nor a spreadsheet (.txt and .tsv are refused: save the sheet as CSV).
    #[error("{file}: a ballots file is a .csv or an .xlsx (or .xls, .ods)")]
    NotABallotsFile { file: String },
}

impl From<SheetError> for BallotsError {
    fn from(e: SheetError) -> BallotsError {
        BallotsError::Sheet(Box::new(e))
    }
}

/// The file being read, for messages.
struct Source<'a> {
    file: &'a str,
    sheet: Option<&'a str>,
}

impl Source<'_> {
    fn place(&self, line: usize, column: Option<usize>) -> Box<Place> {
        Box::new(Place { file: self.file.to_owned(), sheet: self.sheet.map(str::to_owned), line, column })
    }

    fn refuse(&self, line: usize, col: usize, problem: Problem) -> BallotsError {
        BallotsError::Refused { place: self.place(line, Some(col)), problem }
    }

    fn count(&self, source: ElectionError) -> BallotsError {
        BallotsError::Count { file: self.file.to_owned(), source }
    }
}

/// Checks the header row: `ballot`, the candidates in order, `flags`.
fn check_header(src: &Source<'_>, header: &[&str], election: &Election) -> Result<(), BallotsError> {
    let mut expected: Vec<&str> = vec!["ballot"];
    expected.extend(election.candidates.iter().map(String::as_str));
    expected.push("flags");
    for (c, want) in expected.iter().enumerate() {
        let got = header.get(c).map_or("", |s| s.trim());
        if got != *want {
            return Err(src.refuse(1, c, Problem::Header { want: (*want).to_owned(), found: got.to_owned() }));
        }
    }
    if let Some((c, extra)) = header.iter().enumerate().skip(expected.len()).find(|(_, h)| !h.trim().is_empty()) {
        return Err(src.refuse(1, c, Problem::UnexpectedColumn((*extra).to_owned())));
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
    String::from_utf8_lossy(cell).into_owned()
}

/// Fills `ballot` from one data row (`line` as the file numbers it); false
/// for a blank row. The buffers of `ballot` are reused from row to row.
fn fill_ballot(
    src: &Source<'_>,
    line: usize,
    row: &[&[u8]],
    ballot: &mut Ballot,
    candidates: usize,
) -> Result<bool, BallotsError> {
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
    let number = std::str::from_utf8(cell(0)).map_err(|_| src.refuse(line, 0, Problem::NumberNotUtf8))?;
    if number.is_empty() {
        return Err(src.refuse(line, 0, Problem::NumberEmpty));
    }
    ballot.number.clear();
    ballot.number.push_str(number);
    match &mut ballot.marks {
        // R-BALLOT-2: a name kept (empty) is a vote, struck (x) is not.
        Marks::CrossingOut(kept) => {
            kept.clear();
            for c in 1..=candidates {
                kept.push(match cell(c) {
                    b"" => true,
                    b"x" | b"X" => false,
                    v => return Err(src.refuse(line, c, Problem::CrossingOutMark(shown(v)))),
                });
            }
        }
        // R-BALLOT-3, R-VALID-5: a, d, both or neither.
        Marks::AgreeDisagree(choices) => {
            choices.clear();
            for c in 1..=candidates {
                choices.push(match cell(c) {
                    b"a" | b"A" => Choice::Agree,
                    b"d" | b"D" => Choice::Disagree,
                    v if v.eq_ignore_ascii_case(b"ad") || v.eq_ignore_ascii_case(b"da") => Choice::Both,
                    b"" => Choice::Neither,
                    v => return Err(src.refuse(line, c, Problem::AgreeDisagreeMark(shown(v)))),
                });
            }
        }
    }
    ballot.flags = Flags::default();
    let flags = cell(candidates + 1);
    for flag in flags.split(|b| *b == b';').map(trim_cell).filter(|f| !f.is_empty()) {
        if !set_flag(&mut ballot.flags, flag) {
            return Err(src.refuse(line, candidates + 1, Problem::UnknownFlag(shown(flag))));
        }
    }
    Ok(true)
}

/// Sets the flag named `flag` (R-VALID-2, R-VALID-7); false for an unknown name.
fn set_flag(flags: &mut Flags, flag: &[u8]) -> bool {
    match flag {
        b"not_issued" => flags.not_issued = true,
        b"write_in" => flags.write_in = true,
        b"marked" => flags.marked = true,
        _ => return false,
    }
    true
}

/// The common line, read in one pass: nothing quoted, no spaces, the
/// ballot number printable ASCII, each name's cell empty or one mark of the
/// form, the flags exactly named, then only the empty cells of blank header
/// columns, exactly the header's columns. Fills `ballot` and answers true;
/// answers false for any other line, which [`fill_ballot`] then reads (and
/// refuses, or reads alike: both read a line of this kind the same).
fn fill_plain(line: &[u8], width: usize, ballot: &mut Ballot, candidates: usize) -> bool {
    let Some(comma) = memchr::memchr(b',', line) else { return false };
    let number = &line[..comma];
    if number.is_empty() || !number.iter().all(|b| (b'!'..=b'~').contains(b) && *b != b'"') {
        return false;
    }
    let mut p = comma + 1;
    match &mut ballot.marks {
        Marks::CrossingOut(kept) => {
            // Without a branch on the mark (struck or kept is the voter's
            // choice, which no branch predictor foresees): each cell is
            // read, its validity gathered, and checked once at the end.
            kept.clear();
            kept.resize(candidates, true);
            let mut bad = false;
            for k in kept.iter_mut() {
                let b = line.get(p).copied().unwrap_or(0);
                let struck = b | 0x20 == b'x';
                let after = line.get(p + usize::from(struck)).copied().unwrap_or(0);
                bad |= after != b',';
                *k = !struck;
                p += 1 + usize::from(struck);
            }
            if bad {
                return false;
            }
        }
        Marks::AgreeDisagree(choices) => {
            choices.clear();
            for _ in 0..candidates {
                let (choice, len) = match (line.get(p), line.get(p + 1), line.get(p + 2)) {
                    (Some(b','), _, _) => (Choice::Neither, 0),
                    (Some(b'a' | b'A'), Some(b','), _) => (Choice::Agree, 1),
                    (Some(b'd' | b'D'), Some(b','), _) => (Choice::Disagree, 1),
                    (Some(b'a' | b'A'), Some(b'd' | b'D'), Some(b','))
                    | (Some(b'd' | b'D'), Some(b'a' | b'A'), Some(b',')) => (Choice::Both, 2),
                    _ => return false,
                };
                choices.push(choice);
                p += len + 1;
            }
        }
    }
    let rest = &line[p..];
    let (flags, tail) = match memchr::memchr(b',', rest) {
        None => (rest, &b""[..]),
        Some(k) => (&rest[..k], &rest[k..]),
    };
    // The cells under blank header columns: only their commas.
    if Some(tail.len()) != width.checked_sub(candidates + 2) || tail.iter().any(|b| *b != b',') {
        return false;
    }
    ballot.flags = Flags::default();
    if !flags.is_empty() {
        for flag in flags.split(|b| *b == b';') {
            if !set_flag(&mut ballot.flags, flag) {
                return false;
            }
        }
    }
    ballot.number.clear();
    // Printable ASCII, so text.
    ballot.number.extend(number.iter().map(|b| char::from(*b)));
    true
}

/// The header row as text.
fn header_text<'a>(src: &Source<'_>, cells: &[&'a [u8]]) -> Result<Vec<&'a str>, BallotsError> {
    cells
        .iter()
        .enumerate()
        .map(|(c, cell)| std::str::from_utf8(cell).map_err(|_| src.refuse(1, c, Problem::HeaderNotUtf8)))
        .collect()
}

/// What takes a CSV's records, line by line: the count ([`Reader`]), or a
/// test's record of the split.
trait Rows {
    fn src(&self) -> &Source<'_>;
    /// A line with neither quote nor carriage return, not empty.
    fn plain_line(&mut self, number: usize, line: &[u8]) -> Result<(), BallotsError>;
    /// A record split into its cells.
    fn csv_row(&mut self, number: usize, cells: &[&[u8]]) -> Result<(), BallotsError>;
}

/// A count in progress: the header first, then the ballots, one row at a
/// time into the engine's [`Tally`] with reused buffers (the ballots are
/// never all parsed in memory at once).
struct Reader<'e> {
    src: &'e Source<'e>,
    election: &'e Election,
    tally: Tally<'e>,
    ballot: Ballot,
    candidates: usize,
    /// The header's number of columns, once it is read.
    width: Option<usize>,
    /// Whether plain lines are tried by [`fill_plain`] first (always, but
    /// in the test that compares it with the general path).
    fast: bool,
    /// The ballots read, with their lines, when the caller keeps them
    /// ([`ballots_bytes`]); `None` when they are only counted.
    kept: Option<Vec<(usize, Ballot)>>,
}

impl<'e> Reader<'e> {
    fn new(
        src: &'e Source<'e>,
        election: &'e Election,
        rulings: &'e [BoardRuling],
    ) -> Result<Reader<'e>, BallotsError> {
        let n = election.candidates.len();
        let tally = Tally::new(election, rulings).map_err(|e| src.count(e))?;
        let marks = match BallotForm::for_list(n, election.seats) {
            BallotForm::CrossingOut => Marks::CrossingOut(Vec::with_capacity(n)),
            BallotForm::AgreeDisagree => Marks::AgreeDisagree(Vec::with_capacity(n)),
        };
        let ballot = Ballot { number: String::new(), marks, flags: Flags::default() };
        Ok(Reader { src, election, tally, ballot, candidates: n, width: None, fast: true, kept: None })
    }

    /// Adds the ballot just filled.
    fn add(&mut self, line: usize) -> Result<(), BallotsError> {
        self.tally
            .add(&self.ballot)
            .map_err(|source| BallotsError::Ballot { place: self.src.place(line, None), source })?;
        if let Some(kept) = &mut self.kept {
            // Held in memory: never more than the ballots issued (R-VALID-1).
            let returned = u32::try_from(kept.len() + 1).unwrap_or(u32::MAX);
            if returned > self.election.ballots_issued {
                let source = ElectionError::MoreReturnedThanIssued { returned, issued: self.election.ballots_issued };
                return Err(BallotsError::Ballot { place: self.src.place(line, None), source });
            }
            kept.push((line, self.ballot.clone()));
        }
        Ok(())
    }

    /// A plain line that is not of the common kind (or the header).
    #[inline(never)]
    fn split_line(&mut self, number: usize, line: &[u8]) -> Result<(), BallotsError> {
        let cells: Vec<&[u8]> = line.split(|b| *b == b',').collect();
        self.row(number, &cells, true)
    }

    /// One row of the file. `exact`: the row must have exactly the header's
    /// columns (CSV, where every comma counts); a spreadsheet's row is given
    /// without its trailing empty cells.
    fn row(&mut self, line: usize, cells: &[&[u8]], exact: bool) -> Result<(), BallotsError> {
        let src = self.src;
        let Some(width) = self.width else {
            check_header(src, &header_text(src, cells)?, self.election)?;
            self.width = Some(cells.len());
            return Ok(());
        };
        if exact && cells.len() != width {
            let col = cells.len().min(width);
            return Err(src.refuse(
                line,
                col,
                Problem::Columns { got: cells.len(), width, candidates: self.candidates },
            ));
        }
        // Cells under a blank header column (CSV) or beyond the header (a
        // spreadsheet's row) are empty.
        let columns = self.candidates + 2;
        if cells.len() > columns
            && let Some((c, v)) = cells.iter().enumerate().skip(columns).find(|(_, v)| !trim_cell(v).is_empty())
        {
            return Err(src.refuse(line, c, Problem::OutsideColumns(shown(v))));
        }
        if fill_ballot(src, line, cells, &mut self.ballot, self.candidates)? {
            self.add(line)?;
        }
        Ok(())
    }

    fn finish_kept(self) -> Result<(Count, Vec<(usize, Ballot)>), BallotsError> {
        if self.width.is_none() {
            return Err(BallotsError::Empty { file: self.src.file.to_owned() });
        }
        let count = self.tally.finish().map_err(|e| self.src.count(e))?;
        Ok((count, self.kept.unwrap_or_default()))
    }
}

impl Rows for Reader<'_> {
    fn src(&self) -> &Source<'_> {
        self.src
    }

    /// One plain line of a CSV: read by [`fill_plain`] when it is of the
    /// common kind, else split on commas and given to [`Reader::row`].
    #[inline]
    fn plain_line(&mut self, number: usize, line: &[u8]) -> Result<(), BallotsError> {
        if self.fast
            && let Some(width) = self.width
            && fill_plain(line, width, &mut self.ballot, self.candidates)
        {
            return self.add(number);
        }
        self.split_line(number, line)
    }

    fn csv_row(&mut self, number: usize, cells: &[&[u8]]) -> Result<(), BallotsError> {
        self.row(number, cells, true)
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
    src: &Source<'_>,
    number: usize,
    line: &[u8],
    spans: &mut Vec<Span>,
    scratch: &mut Vec<u8>,
) -> Result<(), BallotsError> {
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
                    return Err(src.refuse(number, col, Problem::QuoteNotClosed));
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
                    return Err(src.refuse(number, col, Problem::AfterClosingQuote(shown(&line[pos..next]))));
                }
            }
        } else {
            let end = memchr::memchr(b',', &line[pos..]).map_or(line.len(), |k| pos + k);
            let cell = &line[pos..end];
            if memchr::memchr(b'"', cell).is_some() {
                return Err(src.refuse(number, col, Problem::QuoteInside(shown(cell))));
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
fn stray_return(src: &Source<'_>, number: usize, cells: &[&[u8]]) -> Result<(), BallotsError> {
    match cells.iter().position(|c| memchr::memchr(b'\r', c).is_some()) {
        Some(c) => Err(src.refuse(number, c, Problem::CarriageReturn)),
        None => Ok(()),
    }
}

/// The state of a CSV's reading carried from block to block.
struct Lines {
    /// Lines read so far (the next line's number is this + 1).
    read: usize,
    /// The cells of a quoted line, and its unescaped cells.
    spans: Vec<Span>,
    scratch: Vec<u8>,
}

impl Lines {
    /// Splits a block of whole lines into its records, strictly, and gives
    /// each to `reader`. `last`: the block ends the file (its last line may
    /// lack its LF); otherwise the block ends with an LF.
    ///
    /// Records are lines: since no ballot cell ever holds a line break, a
    /// quote must close on its own line, and each line is split by itself.
    /// A line without any `"` is split on `,` directly (what CSV means when
    /// nothing is quoted; this keeps a million-ballot file at disk speed); a
    /// line with quotes is split by [`split_quoted`]. Line ends are LF or
    /// CRLF; a carriage return anywhere else is refused. Blank lines are
    /// ignored. The number of cells is the reader's to check.
    fn block(&mut self, reader: &mut impl Rows, text: &[u8], last: bool) -> Result<(), BallotsError> {
        // One pass over a plain LF block (the common case) finds neither.
        let (quotes, returns) = match memchr::memchr2(b'"', b'\r', text) {
            None => (false, false),
            Some(_) => (memchr::memchr(b'"', text).is_some(), memchr::memchr(b'\r', text).is_some()),
        };
        let mut start = 0;
        let tail = if last && !text.ends_with(b"\n") { Some(text.len()) } else { None };
        for end in memchr::memchr_iter(b'\n', text).chain(tail) {
            self.read += 1;
            let number = self.read;
            let mut line = &text[start..end];
            start = end + 1;
            if returns {
                line = line.strip_suffix(b"\r").unwrap_or(line);
            }
            if line.is_empty() {
                continue;
            }
            if quotes && memchr::memchr(b'"', line).is_some() {
                self.quoted_line(reader, number, line, returns)?;
            } else {
                if returns && memchr::memchr(b'\r', line).is_some() {
                    let cells: Vec<&[u8]> = line.split(|b| *b == b',').collect();
                    stray_return(reader.src(), number, &cells)?;
                }
                reader.plain_line(number, line)?;
            }
        }
        Ok(())
    }

    /// One line with quotes: split by [`split_quoted`], then given to the
    /// reader (apart from the plain lines' loop, which it would slow down).
    #[inline(never)]
    fn quoted_line(
        &mut self,
        reader: &mut impl Rows,
        number: usize,
        line: &[u8],
        returns: bool,
    ) -> Result<(), BallotsError> {
        split_quoted(reader.src(), number, line, &mut self.spans, &mut self.scratch)?;
        let cells: Vec<&[u8]> = self.spans.iter().map(|s| s.of(line, &self.scratch)).collect();
        if returns {
            stray_return(reader.src(), number, &cells)?;
        }
        reader.csv_row(number, &cells)
    }
}

/// The size of the blocks a CSV is read in: about 15,000 ballots of 40 names.
const BLOCK: usize = 1 << 20;

/// Reads a CSV from `input` block by block (`file` names it in messages)
/// of `block` bytes (more for a longer line) and gives its lines to
/// `reader`. A UTF-8 byte-order mark is skipped.
fn read_csv(file: &str, mut input: impl Read, reader: &mut impl Rows, block: usize) -> Result<(), BallotsError> {
    let io = |source| BallotsError::Io { file: file.to_owned(), source };
    let mut lines = Lines { read: 0, spans: Vec::new(), scratch: Vec::new() };
    let mut buf = vec![0u8; block.max(1)];
    // Bytes held in `buf`: `buf[..held]`, from the start of a line.
    let mut held = 0;
    let mut first = true;
    loop {
        if held == buf.len() {
            // A line longer than the buffer: room for more of it.
            buf.resize(buf.len() * 2, 0);
        }
        let n = loop {
            match input.read(&mut buf[held..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(io(e)),
            }
        };
        let at_end = n == 0;
        held += n;
        let mut from = 0;
        if first {
            if held < 3 && !at_end {
                continue;
            }
            first = false;
            if buf[..held].starts_with(b"\xEF\xBB\xBF") {
                from = 3;
            }
        }
        let text = &buf[from..held];
        if at_end {
            return lines.block(reader, text, true);
        }
        let Some(last_lf) = memchr::memrchr(b'\n', text) else {
            if from > 0 {
                buf.copy_within(from..held, 0);
                held -= from;
            }
            continue;
        };
        let whole = from + last_lf + 1;
        lines.block(reader, &buf[from..whole], false)?;
        buf.copy_within(whole..held, 0);
        held -= whole;
    }
}

/// Counts the ballots of a CSV read from `input` (`file` names it in the
/// messages) for `election` with the board's `rulings` of this round
/// (R-VALID-8). Every record has exactly the header's columns; the ballots
/// go into the engine's [`Tally`] one by one as they are read. `input` is
/// read in large blocks: it needs no buffering of its own.
pub fn tally_csv(
    file: &str,
    input: impl Read,
    election: &Election,
    rulings: &[BoardRuling],
) -> Result<Count, BallotsError> {
    csv_kept(file, input, election, rulings, false).map(|(count, _)| count)
}

fn csv_kept(
    file: &str,
    input: impl Read,
    election: &Election,
    rulings: &[BoardRuling],
    keep: bool,
) -> Result<(Count, Vec<(usize, Ballot)>), BallotsError> {
    let src = Source { file, sheet: None };
    let mut reader = Reader::new(&src, election, rulings)?;
    if keep {
        reader.kept = Some(Vec::new());
    }
    read_csv(file, input, &mut reader, BLOCK)?;
    reader.finish_kept()
}

/// Counts the ballots of a spreadsheet read by `daihoi-sheets` (`file`
/// names it in the messages): its first sheet; the other sheets must be
/// empty (a ballot on another sheet would not be counted). A cell that
/// holds a line break, or a value beyond the header's columns, is refused
/// by sheet, row and column.
pub fn tally_workbook(
    file: &str,
    workbook: Workbook,
    election: &Election,
    rulings: &[BoardRuling],
) -> Result<Count, BallotsError> {
    workbook_kept(file, workbook, election, rulings, false).map(|(count, _)| count)
}

fn workbook_kept(
    file: &str,
    workbook: Workbook,
    election: &Election,
    rulings: &[BoardRuling],
    keep: bool,
) -> Result<(Count, Vec<(usize, Ballot)>), BallotsError> {
    let mut sheets = workbook.sheets.into_iter();
    let first = sheets.next();
    if let Some(other) = sheets.find(|s| s.rows.iter().any(|r| r.iter().any(|c| !c.trim().is_empty()))) {
        return Err(BallotsError::OtherSheet {
            file: file.to_owned(),
            sheet: other.name,
            first: first.as_ref().map_or("", |s| s.name.as_str()).to_owned(),
        });
    }
    let (sheet, rows) = first.map(|s| (s.name, s.rows)).unwrap_or_default();
    let src = Source { file, sheet: Some(&sheet) };
    let mut reader = Reader::new(&src, election, rulings)?;
    if keep {
        reader.kept = Some(Vec::new());
    }
    for (i, r) in rows.iter().enumerate() {
        let cells: Vec<&[u8]> = r.iter().map(String::as_bytes).collect();
        if i == 0 && cells.iter().all(|c| c.is_empty()) {
            break;
        }
        if let Some(c) = cells.iter().position(|c| memchr::memchr2(b'\n', b'\r', c).is_some()) {
            return Err(src.refuse(i + 1, c, Problem::LineBreak(shown(cells[c]))));
        }
        reader.row(i + 1, &cells, false)?;
    }
    reader.finish_kept()
}

/// What a ballots file is, by the extension of its name: a CSV (read by
/// [`tally_csv`]), a spreadsheet (read by `daihoi-sheets`, then
/// [`tally_workbook`]), or neither (.txt, .tsv … are refused, since
/// `daihoi-sheets` would read them leniently).
pub fn ballots_format(file_name: &str) -> Option<Format> {
    let ext = file_name.rsplit_once('.').map(|(_, e)| e)?;
    if ext.eq_ignore_ascii_case("csv") {
        return Some(Format::Csv);
    }
    // By the extension alone: ".ods" is a name with an empty stem, not a
    // hidden file without an extension.
    match Format::from_path(std::path::Path::new(&format!("file.{ext}"))) {
        Some(f @ (Format::Xlsx | Format::Xls | Format::Ods)) => Some(f),
        _ => None,
    }
}

/// Counts a ballots file held in memory (an upload): a .csv or a
/// spreadsheet by its name's extension ([`ballots_format`]), a spreadsheet
/// within `limits`.
pub fn tally_bytes(
    file_name: &str,
    bytes: &[u8],
    limits: &Limits,
    election: &Election,
    rulings: &[BoardRuling],
) -> Result<Count, BallotsError> {
    match ballots_format(file_name) {
        Some(Format::Csv) => tally_csv(file_name, bytes, election, rulings),
        Some(format) => {
            let workbook = daihoi_sheets::read_bytes_within(file_name, format, bytes, limits)?;
            tally_workbook(file_name, workbook, election, rulings)
        }
        None => Err(BallotsError::NotABallotsFile { file: file_name.to_owned() }),
    }
}

/// Counts a ballots file held in memory as [`tally_bytes`] does, as
/// strictly, and also gives its ballots with the line (or the sheet's row)
/// each was read from: the ballots of a round counted elsewhere, which the
/// board then records. At most the ballots issued are held (more returned
/// than issued is refused by the count, R-VALID-1).
pub fn ballots_bytes(
    file_name: &str,
    bytes: &[u8],
    limits: &Limits,
    election: &Election,
    rulings: &[BoardRuling],
) -> Result<(Count, Vec<(usize, Ballot)>), BallotsError> {
    match ballots_format(file_name) {
        Some(Format::Csv) => csv_kept(file_name, bytes, election, rulings, true),
        Some(format) => {
            let workbook = daihoi_sheets::read_bytes_within(file_name, format, bytes, limits)?;
            workbook_kept(file_name, workbook, election, rulings, true)
        }
        None => Err(BallotsError::NotABallotsFile { file: file_name.to_owned() }),
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

    /// The same names for three seats: the agree/disagree form.
    fn agree_election() -> Election {
        Election { seats: 3, ..election() }
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

    /// The records as the reader splits them.
    struct Record<'a> {
        src: Source<'a>,
        rows: Vec<Vec<Vec<u8>>>,
    }

    impl Rows for Record<'_> {
        fn src(&self) -> &Source<'_> {
            &self.src
        }

        fn plain_line(&mut self, _: usize, line: &[u8]) -> Result<(), BallotsError> {
            self.rows.push(line.split(|b| *b == b',').map(<[u8]>::to_vec).collect());
            Ok(())
        }

        fn csv_row(&mut self, _: usize, cells: &[&[u8]]) -> Result<(), BallotsError> {
            self.rows.push(cells.iter().map(|c| c.to_vec()).collect());
            Ok(())
        }
    }

    /// Counts `bytes` read in blocks of `block` bytes, the common lines by
    /// [`fill_plain`] (`fast`) or every line by the general path.
    fn count_with(bytes: &[u8], e: &Election, block: usize, fast: bool) -> Result<Count, String> {
        let src = Source { file: "p.csv", sheet: None };
        let mut reader = Reader::new(&src, e, &[]).map_err(|e| e.to_string())?;
        reader.fast = fast;
        read_csv("p.csv", bytes, &mut reader, block).map_err(|e| e.to_string())?;
        reader.finish_kept().map(|(count, _)| count).map_err(|e| e.to_string())
    }

    /// The property: no panic; records the reader splits are the
    /// reference's; a count only for a file the reference accepts, with
    /// exactly its non-blank rows as ballots; the same count, or the same
    /// refusal, whatever the blocks the file is read in and with or without
    /// the common lines' path.
    fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
        let shown = || String::from_utf8_lossy(bytes).into_owned();
        let mut rec = Record { src: Source { file: "p.csv", sheet: None }, rows: Vec::new() };
        let split = read_csv("p.csv", bytes, &mut rec, 7);
        for e in [election(), agree_election()] {
            let counted = tally_csv("p.csv", bytes, &e, &[]).map_err(|e| e.to_string());
            prop_assert_eq!(&counted, &count_with(bytes, &e, 5, false), "{:?}", shown());
            prop_assert_eq!(&counted, &count_with(bytes, &e, 3, true), "{:?}", shown());
            let Ok(count) = counted else { continue };
            prop_assert!(split.is_ok());
            let Some(records) = reference(bytes) else {
                return Err(TestCaseError::fail(format!("counted a file the reference refuses: {:?}", shown())));
            };
            prop_assert_eq!(&rec.rows, &records, "{:?}", shown());
            let ballots = records[1..].iter().filter(|r| !blank(r)).count();
            prop_assert_eq!(count.returned as usize, ballots, "{:?}", shown());
        }
        Ok(())
    }

    /// A valid file: the header, then ballots numbered 1… with any marks and
    /// flags, some cells quoted, LF or CRLF.
    fn valid_file() -> impl Strategy<Value = Vec<u8>> {
        let cell = prop_oneof![
            Just(""),
            Just("x"),
            Just("X"),
            Just(" x "),
            Just("\"x\""),
            Just("\"\""),
            Just("a"),
            Just("ad"),
            Just("D"),
            Just("dA")
        ];
        let flags = prop_oneof![
            Just(""),
            Just("marked"),
            Just("not_issued;write_in"),
            Just("\"marked\""),
            Just("write_in; marked"),
            Just("marked;;")
        ];
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
                prop_oneof![Just(b','), Just(b'"'), Just(b'\n'), Just(b'\r'), Just(b'x'), Just(b'1'), Just(b'2'),
                            Just(b' '), Just(b'a'), Just(b'd'), Just(b';')],
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
            check(&mutate(file, &mutations))?;
        }
    }

    /// The quoted splitter: commas and `""` inside quotes, cells located.
    /// A ballots file's format by its extension alone, in any case; a name
    /// that is only an extension (".odS") is that format too.
    #[test]
    fn ballots_format_reads_the_extension() {
        assert_eq!(ballots_format("phieu.CSV"), Some(Format::Csv));
        assert_eq!(ballots_format(".odS"), Some(Format::Ods));
        assert_eq!(ballots_format("b.xlsx"), Some(Format::Xlsx));
        assert_eq!(ballots_format("b.txt"), None);
        assert_eq!(ballots_format("phieu"), None);
    }

    #[test]
    fn tally_reader_splits_quoted_lines() {
        let src = Source { file: "q.csv", sheet: None };
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

    /// A line longer than the block, and blocks that end anywhere (in the
    /// byte-order mark, in a CRLF), read as the whole file.
    #[test]
    fn tally_reader_blocks_end_anywhere() {
        let mut text = String::from("\u{feff}ballot,A,B,C,flags\r\n");
        for i in 1..=50 {
            text.push_str(&format!(
                "{i},{},,x,{}\r\n",
                if i % 3 == 0 { "x" } else { "" },
                if i % 7 == 0 { "marked" } else { "" }
            ));
        }
        let whole = count_with(text.as_bytes(), &election(), 1 << 20, true).unwrap();
        for block in 1..40 {
            assert_eq!(count_with(text.as_bytes(), &election(), block, true).unwrap(), whole, "block {block}");
        }
        assert_eq!(whole.returned, 50);
    }
}
