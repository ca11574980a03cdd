//! Reading BALLOTS.csv (or .xlsx) into the engine's [`Tally`]: the format is
//! in `docs/tally-format.md`.

use std::path::Path;

use daihoi_core::members::import::column_letter;
use daihoi_election::ballot::Flags;
use daihoi_election::{Ballot, BallotForm, BoardRuling, Choice, Count, Election, Marks, Tally};

use crate::output::BadInput;

/// Where a cell is, for messages: "b.csv, line 5, column 3 (C)".
fn at(file: &str, line: usize, col: usize) -> String {
    format!("{file}, line {line}, column {} ({})", col + 1, column_letter(col))
}

/// Checks the header row: `ballot`, the candidates in order, `flags`.
fn check_header(file: &str, header: &[&str], election: &Election) -> Result<(), BadInput> {
    let mut expected: Vec<&str> = vec!["ballot"];
    expected.extend(election.candidates.iter().map(String::as_str));
    expected.push("flags");
    for (c, want) in expected.iter().enumerate() {
        let got = header.get(c).map_or("", |s| s.trim());
        if got != *want {
            return Err(BadInput::new(format!(
                "{}: expected the header {want:?} (ballot, the candidates in the order of the election file, flags), found {got:?}",
                at(file, 1, c)
            )));
        }
    }
    if let Some(extra) = header.get(expected.len()..).and_then(|rest| rest.iter().find(|h| !h.trim().is_empty())) {
        return Err(BadInput::new(format!("{}: unexpected column {extra:?}", at(file, 1, expected.len()))));
    }
    Ok(())
}

/// A cell without the spaces around it (ASCII first: the common case costs
/// no UTF-8 decoding; other Unicode spaces are trimmed too).
fn trim_cell(cell: &[u8]) -> &[u8] {
    let t = cell.trim_ascii();
    match (t.first(), t.last()) {
        (Some(a), Some(b)) if !a.is_ascii() || !b.is_ascii() => {
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
    file: &str,
    line: usize,
    row: &[&[u8]],
    ballot: &mut Ballot,
    candidates: usize,
) -> Result<bool, BadInput> {
    if row.iter().all(|c| trim_cell(c).is_empty()) {
        return Ok(false);
    }
    let cell = |c: usize| row.get(c).map_or(&b""[..], |s| trim_cell(s));
    let number = std::str::from_utf8(cell(0))
        .map_err(|_| BadInput::new(format!("{}: the ballot number is not UTF-8 text", at(file, line, 0))))?;
    if number.is_empty() {
        return Err(BadInput::new(format!("{}: the ballot number is empty", at(file, line, 0))));
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
                        return Err(BadInput::new(format!(
                            "{}: {}: on a crossing-out ballot a name is kept (empty) or struck (x)",
                            at(file, line, c),
                            shown(v)
                        )));
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
                        return Err(BadInput::new(format!(
                            "{}: {}: on an agree/disagree ballot a name has a, d, ad or nothing",
                            at(file, line, c),
                            shown(v)
                        )));
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
                return Err(BadInput::new(format!(
                    "{}: unknown flag {} (expected not_issued, write_in, marked, joined by ;)",
                    at(file, line, candidates + 1),
                    shown(other)
                )));
            }
        }
    }
    Ok(true)
}

/// The header row as text.
fn header_text<'a>(file: &str, cells: &[&'a [u8]]) -> Result<Vec<&'a str>, BadInput> {
    cells
        .iter()
        .enumerate()
        .map(|(c, cell)| {
            std::str::from_utf8(cell).map_err(|_| BadInput::new(format!("{}: not UTF-8 text", at(file, 1, c))))
        })
        .collect()
}

/// Reads and counts the ballots into a [`Tally`], one row at a time with
/// reused buffers (the ballots are never all parsed in memory at once).
///
/// A CSV without any `"` is split on `,` and line ends directly: that is
/// exactly what CSV means when nothing is quoted, and it is what keeps a
/// million-ballot file at disk speed. A CSV with quotes goes through the
/// csv crate; both give the same rows (tested). A spreadsheet goes through
/// daihoi-sheets.
pub fn tally_ballots(path: &Path, election: &Election, rulings: &[BoardRuling]) -> Result<Count, BadInput> {
    let form = BallotForm::for_list(election.candidates.len(), election.seats);
    let n = election.candidates.len();
    let file = path.display().to_string();
    let engine_error = |e: daihoi_election::ElectionError| BadInput::new(format!("{file}: {e}"));
    let mut tally = Tally::new(election, rulings).map_err(engine_error)?;
    let mut ballot = Ballot {
        number: String::new(),
        marks: match form {
            BallotForm::CrossingOut => Marks::CrossingOut(Vec::with_capacity(n)),
            BallotForm::AgreeDisagree => Marks::AgreeDisagree(Vec::with_capacity(n)),
        },
        flags: Flags::default(),
    };
    let mut seen_header = false;
    // One row: the header first, then the ballots.
    let mut row = |tally: &mut Tally<'_>, line: usize, cells: &[&[u8]]| -> Result<(), BadInput> {
        if !seen_header {
            seen_header = true;
            return check_header(&file, &header_text(&file, cells)?, election);
        }
        if fill_ballot(&file, line, cells, &mut ballot, n)? {
            tally.add(&ballot).map_err(|e| BadInput::new(format!("{file}, line {line}: {e}")))?;
        }
        Ok(())
    };
    let is_csv = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        let bytes = std::fs::read(path).map_err(|e| BadInput::new(format!("{file}: {e}")))?;
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let mut cells: Vec<&[u8]> = Vec::with_capacity(n + 2);
        if memchr::memchr(b'"', text).is_none() {
            let mut start = 0;
            for (i, end) in memchr::memchr_iter(b'\n', text).chain(std::iter::once(text.len())).enumerate() {
                let line = &text[start..end];
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                start = end + 1;
                if line.is_empty() {
                    continue;
                }
                cells.clear();
                cells.extend(line.split(|b| *b == b','));
                row(&mut tally, i + 1, &cells)?;
            }
        } else {
            let mut csv = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text);
            let mut record = csv::ByteRecord::new();
            while csv.read_byte_record(&mut record).map_err(|e| BadInput::new(format!("{file}: {e}")))? {
                let line = record.position().map_or(0, |p| p.line() as usize);
                let cells: Vec<&[u8]> = record.iter().collect();
                row(&mut tally, line, &cells)?;
            }
        }
    } else {
        let wb = crate::output::read_spreadsheet(path)?;
        let rows = wb.sheets.into_iter().next().map(|s| s.rows).unwrap_or_default();
        for (i, r) in rows.iter().enumerate() {
            let cells: Vec<&[u8]> = r.iter().map(String::as_bytes).collect();
            if i == 0 && cells.iter().all(|c| c.is_empty()) {
                break;
            }
            row(&mut tally, i + 1, &cells)?;
        }
    }
    if !seen_header {
        return Err(BadInput::new(format!("{file}: the file is empty")));
    }
    tally.finish().map_err(|e| BadInput::new(format!("{}: {e}", path.display())))
}
