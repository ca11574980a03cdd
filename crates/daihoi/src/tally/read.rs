//! `daihoi tally ELECTION.toml BALLOTS.csv`: count one election from files.
//! The file formats and the JSON output are a public contract:
//! `docs/tally-format.md`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use daihoi_core::members::import::column_letter;
use daihoi_election::ballot::Flags;
use daihoi_election::{
    Ballot, BallotForm, Body, Choice, Count, DecisionPoint, Election, Electorate, Marks, Meeting, RuleSet, Subtraction,
    Tally,
};
use serde::{Deserialize, Serialize};

use crate::output::{BadInput, print_out};

#[derive(clap::Args)]
pub struct TallyArgs {
    /// The election: title, body, meeting, seats, ballots issued, candidates, electorate.
    election: PathBuf,
    /// The returned ballots: .csv (or .xlsx) with the columns ballot, one per candidate, flags.
    ballots: PathBuf,
    /// Print one JSON object instead of the text a person reads.
    #[arg(long)]
    json: bool,
    /// Language of the text output.
    #[arg(long, default_value = "vi", value_parser = ["vi", "en", "fr"])]
    lang: String,
}

/// ELECTION.toml.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ElectionFile {
    title: String,
    body: Body,
    meeting: Meeting,
    seats: u32,
    ballots_issued: u32,
    candidates: Vec<String>,
    electorate: ElectorateFile,
}

#[derive(Debug, Deserialize)]
struct ElectorateFile {
    convened: u32,
    present: u32,
    #[serde(flatten)]
    subtractions: BTreeMap<String, u32>,
}

fn read_election(path: &Path) -> Result<Election, BadInput> {
    let file = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| BadInput::new(format!("{file}: {e}")))?;
    let parsed: ElectionFile = toml::from_str(&text).map_err(|e| BadInput::new(format!("{file}: {e}")))?;
    let mut subtractions = Vec::new();
    for (key, n) in parsed.electorate.subtractions {
        let s = Subtraction::ALL.into_iter().find(|s| s.code() == key).ok_or_else(|| {
            BadInput::new(format!(
                "{file}: [electorate] {key}: not a subtraction (expected one of: {})",
                Subtraction::ALL.map(Subtraction::code).join(", ")
            ))
        })?;
        subtractions.push((s, n));
    }
    let election = Election {
        title: parsed.title,
        body: parsed.body,
        electorate: Electorate {
            meeting: parsed.meeting,
            convened: parsed.electorate.convened,
            present: parsed.electorate.present,
            subtractions,
        },
        seats: parsed.seats,
        ballots_issued: parsed.ballots_issued,
        candidates: parsed.candidates,
        rules: RuleSet::regulation_190(),
    };
    daihoi_election::list::check_list(election.body, election.seats, &election.candidates, false, &election.rules)
        .map_err(|e| BadInput::new(format!("{file}: {e}")))?;
    election.electorate.base(&election.rules).map_err(|e| BadInput::new(format!("{file}: {e}")))?;
    Ok(election)
}

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
fn tally_ballots(path: &Path, election: &Election) -> Result<Count, BadInput> {
    let form = BallotForm::for_list(election.candidates.len(), election.seats);
    let n = election.candidates.len();
    let file = path.display().to_string();
    let engine_error = |e: daihoi_election::ElectionError| BadInput::new(format!("{file}: {e}"));
    let mut tally = Tally::new(election, &[]).map_err(engine_error)?;
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
        let wb = daihoi_sheets::read_path(path).map_err(|e| BadInput::new(e.to_string()))?;
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

/// votes / base as a percentage with two decimals, rounded half up, in integers.
fn percent(votes: u32, base: u32) -> String {
    if base == 0 {
        return "0.00".into();
    }
    let hundredths = (u64::from(votes) * 10_000 * 2 + u64::from(base)) / (2 * u64::from(base));
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

#[derive(Serialize)]
struct JsonCount<'a> {
    form: &'static str,
    base: u32,
    needed: u32,
    ballots: JsonBallots,
    candidates: Vec<JsonCandidate<'a>>,
    elected: &'a [String],
    decisions_needed: &'a [DecisionPoint],
}

#[derive(Serialize)]
struct JsonBallots {
    issued: u32,
    returned: u32,
    valid: u32,
    invalid: u32,
    invalid_by_reason: BTreeMap<&'static str, u32>,
}

#[derive(Serialize)]
struct JsonCandidate<'a> {
    name: &'a str,
    votes: u32,
    percent_of_base: String,
    passed: bool,
    elected: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    agree: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    disagree: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    no_vote: Option<u32>,
}

/// The reasons of the public JSON contract (board rulings are not entered
/// through this command).
const CONTRACT_REASONS: [&str; 6] =
    ["not_issued", "over_seats", "all_struck", "single_name_unmarked", "write_in", "marked"];

fn json(count: &Count) -> anyhow::Result<String> {
    let agree_form = count.form == BallotForm::AgreeDisagree;
    let out = JsonCount {
        form: count.form.code(),
        base: count.base,
        needed: count.needed,
        ballots: JsonBallots {
            issued: count.issued,
            returned: count.returned,
            valid: count.valid,
            invalid: count.invalid,
            invalid_by_reason: CONTRACT_REASONS
                .iter()
                .map(|r| (*r, count.invalid_by_reason.get(r).copied().unwrap_or(0)))
                .collect(),
        },
        candidates: count
            .candidates
            .iter()
            .map(|c| JsonCandidate {
                name: &c.name,
                votes: c.votes,
                percent_of_base: percent(c.votes, count.base),
                passed: c.passed,
                elected: c.elected,
                agree: agree_form.then_some(c.votes),
                disagree: c.disagree,
                no_vote: c.no_vote,
            })
            .collect(),
        elected: &count.elected,
        decisions_needed: &count.decisions_needed,
    };
    Ok(serde_json::to_string_pretty(&out)? + "\n")
}

/// The labels of the text output.
struct Labels {
    form_crossing: &'static str,
    form_agree: &'static str,
    form: &'static str,
    base: &'static str,
    needed: &'static str,
    issued: &'static str,
    returned: &'static str,
    valid: &'static str,
    invalid: &'static str,
    header: &'static str,
    elected: &'static str,
    none: &'static str,
    decisions: &'static str,
    tie: &'static str,
    unfilled: &'static str,
    order: &'static str,
}

fn labels(lang: &str) -> Labels {
    match lang {
        "en" => Labels {
            form_crossing: "crossing-out",
            form_agree: "agree/disagree",
            form: "Ballot form",
            base: "Base",
            needed: "a candidate needs at least",
            issued: "Ballots issued",
            returned: "returned",
            valid: "valid",
            invalid: "invalid",
            header: "No.  Name                              Votes   % of base",
            elected: "Elected",
            none: "nobody",
            decisions: "Decisions needed",
            tie: "tie at the cut-off for {seats} seat(s) among",
            unfilled: "{seats} seat(s) unfilled",
            order: "tie in the alternates' order among",
        },
        "fr" => Labels {
            form_crossing: "à rayer",
            form_agree: "pour/contre",
            form: "Forme du bulletin",
            base: "Base",
            needed: "il faut au moins",
            issued: "Bulletins distribués",
            returned: "rendus",
            valid: "valables",
            invalid: "nuls",
            header: "N°   Nom                               Voix    % de la base",
            elected: "Élus",
            none: "personne",
            decisions: "Décisions à prendre",
            tie: "égalité au dernier siège ({seats} siège(s)) entre",
            unfilled: "{seats} siège(s) non pourvu(s)",
            order: "égalité dans l'ordre des suppléants entre",
        },
        _ => Labels {
            form_crossing: "gạch tên",
            form_agree: "đồng ý / không đồng ý",
            form: "Hình thức phiếu",
            base: "Cơ sở tính",
            needed: "trúng cử cần ít nhất",
            issued: "Phiếu phát ra",
            returned: "thu vào",
            valid: "hợp lệ",
            invalid: "không hợp lệ",
            header: "STT  Họ và tên                         Số phiếu  Tỷ lệ %",
            elected: "Trúng cử",
            none: "không có ai",
            decisions: "Cần Đại hội quyết định",
            tie: "bằng phiếu ở vị trí cuối ({seats} chỗ) giữa",
            unfilled: "còn thiếu {seats} chỗ",
            order: "bằng phiếu trong thứ tự dự khuyết giữa",
        },
    }
}

fn text(election: &Election, count: &Count, lang: &str) -> String {
    let l = labels(lang);
    let mut out = String::new();
    let form = if count.form == BallotForm::CrossingOut { l.form_crossing } else { l.form_agree };
    out.push_str(&format!("{}\n{}: {form}\n", election.title, l.form));
    out.push_str(&format!("{}: {} — {} {}\n", l.base, count.base, l.needed, count.needed));
    out.push_str(&format!(
        "{}: {}, {}: {}, {}: {}, {}: {}\n\n",
        l.issued, count.issued, l.returned, count.returned, l.valid, count.valid, l.invalid, count.invalid
    ));
    out.push_str(l.header);
    out.push('\n');
    for (i, c) in count.candidates.iter().enumerate() {
        let mark = if c.elected { " *" } else { "" };
        out.push_str(&format!(
            "{:>3}  {:<34}{:>8}  {:>7}{mark}\n",
            i + 1,
            c.name,
            c.votes,
            percent(c.votes, count.base)
        ));
    }
    let elected = if count.elected.is_empty() { l.none.to_owned() } else { count.elected.join(", ") };
    out.push_str(&format!("\n{}: {elected}\n", l.elected));
    if !count.decisions_needed.is_empty() {
        out.push_str(&format!("{}:\n", l.decisions));
        for d in &count.decisions_needed {
            let line = match d {
                DecisionPoint::TieAtCutoff { seats, candidates } => {
                    format!("{} {}", l.tie.replace("{seats}", &seats.to_string()), candidates.join(", "))
                }
                DecisionPoint::SeatsUnfilled { seats } => l.unfilled.replace("{seats}", &seats.to_string()),
                DecisionPoint::TieInOrder { candidates } => format!("{} {}", l.order, candidates.join(", ")),
            };
            out.push_str(&format!("  - {line}\n"));
        }
    }
    out
}

pub fn run(args: &TallyArgs) -> anyhow::Result<()> {
    let election = read_election(&args.election)?;
    let count = tally_ballots(&args.ballots, &election)?;
    print_out(&if args.json { json(&count)? } else { text(&election, &count, &args.lang) })
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percent_of_base_rounds_half_up() {
        assert_eq!(percent(120, 145), "82.76");
        assert_eq!(percent(73, 145), "50.34");
        assert_eq!(percent(1, 3), "33.33");
        assert_eq!(percent(2, 3), "66.67");
        assert_eq!(percent(20, 20), "100.00");
        assert_eq!(percent(0, 0), "0.00");
    }
}
