//! `daihoi tally` and `daihoi ballots`: one election from files, round by
//! round, with the congress's recorded decisions. The file formats and the
//! JSON output are a public contract: `docs/tally-format.md`; the formats
//! are read by `daihoi-tally`, this module opens the files and prints.

mod report;
mod vi;

use std::path::{Path, PathBuf};

use daihoi_election::{BoardRuling, Count, Election, Proceedings};
use daihoi_tally::ElectionFile;

use crate::output::{BadInput, print_out};

#[derive(clap::Args)]
pub struct TallyArgs {
    /// The election: title, body, meeting, seats, ballots issued, candidates,
    /// electorate; optionally the board, withdrawals, rulings and decisions.
    election: PathBuf,
    /// The returned ballots of each round, in order: .csv (or .xlsx) with the
    /// columns ballot, one per candidate, flags.
    #[arg(required = true)]
    ballots: Vec<PathBuf>,
    /// Print one JSON object instead of the text a person reads.
    #[arg(long)]
    json: bool,
    /// Also write the counting minutes (biên bản kiểm phiếu) as an A4 PDF, in Vietnamese.
    #[arg(long, value_name = "MINUTES.pdf")]
    pdf: Option<PathBuf>,
    /// Also write the data of the minutes as JSON (what the PDF is made from).
    #[arg(long, value_name = "MINUTES.json")]
    minutes_json: Option<PathBuf>,
    /// Also write the counting minutes as a Word file, with the text of the
    /// PDF, for the board to edit before signing.
    #[arg(long, value_name = "MINUTES.docx")]
    docx: Option<PathBuf>,
    /// Language of the text output (Vietnamese by default); given, also
    /// that of the refusals of the input (`--lang vi`: in Vietnamese).
    #[arg(long, value_parser = ["vi", "en", "fr"])]
    lang: Option<String>,
}

#[derive(clap::Args)]
pub struct BallotsArgs {
    /// The election file, as for `daihoi tally`.
    election: PathBuf,
    /// The ballots of the rounds already counted: the ballots printed are
    /// those of the next round (the first when none is given).
    counted: Vec<PathBuf>,
    /// Where to write the ballots (A4 PDF).
    #[arg(long, value_name = "BALLOTS.pdf")]
    pdf: PathBuf,
    /// Ballots per A4 page: 1, 2 (A5 halves) or 4 (A6 quarters).
    /// (daihoi-print refuses any other number.)
    #[arg(long, default_value_t = 1)]
    per_page: u32,
    /// How many ballots to print; the round's ballots_issued by default.
    #[arg(long)]
    copies: Option<u32>,
    /// Also write the data of the ballots as JSON (what the PDF is made from).
    #[arg(long, value_name = "BALLOTS.json")]
    data_json: Option<PathBuf>,
}

/// Reads ELECTION.toml at `path` ([`daihoi_tally::parse_election`]).
fn read_election(path: &Path) -> Result<ElectionFile, BadInput> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| BadInput::new(format!("{file}: {e}")))?;
    daihoi_tally::parse_election(&file, &text).map_err(|e| BadInput::new(e.to_string()))
}

/// Reads and counts the ballots at `path`: a .csv streamed by
/// [`daihoi_tally::tally_csv`], an .xlsx (.xls, .ods) read through
/// daihoi-sheets within the limits of the environment, then
/// [`daihoi_tally::tally_workbook`]. Other text files (.txt, .tsv), which
/// daihoi-sheets would read leniently, are refused.
fn tally_ballots(path: &Path, election: &Election, rulings: &[BoardRuling]) -> Result<Count, BadInput> {
    use daihoi_sheets::Format;
    let file = path.display().to_string();
    let bad = |e: daihoi_tally::BallotsError| BadInput::new(e.to_string());
    let is_csv = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    match Format::from_path(path) {
        _ if is_csv => {
            let csv = std::fs::File::open(path).map_err(|e| BadInput::new(format!("{file}: {e}")))?;
            daihoi_tally::tally_csv(&file, csv, election, rulings).map_err(bad)
        }
        Some(Format::Xlsx | Format::Xls | Format::Ods) => {
            let workbook = crate::output::read_spreadsheet(path)?;
            daihoi_tally::tally_workbook(&file, workbook, election, rulings).map_err(bad)
        }
        _ => Err(bad(daihoi_tally::BallotsError::NotABallotsFile { file })),
    }
}

/// Counts the rounds whose ballots are given ([`daihoi_tally::proceed`]).
fn proceed(path: &Path, f: &ElectionFile, ballots: &[PathBuf]) -> Result<Proceedings, BadInput> {
    daihoi_tally::proceed(
        &path.display().to_string(),
        f,
        ballots,
        |b| b.display().to_string(),
        |b, e, r| tally_ballots(b, e, r),
    )
    .map_err(|e| match e {
        daihoi_tally::ProceedError::Ballots(bad) => bad,
        other => BadInput::new(other.to_string()),
    })
}

fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// `daihoi tally`; with `--lang vi` its refusals of the input in Vietnamese
/// ([`vi::error`]).
pub fn run(args: &TallyArgs) -> anyhow::Result<()> {
    run_in(args).map_err(|e| match e.downcast::<BadInput>() {
        Ok(bad) if args.lang.as_deref() == Some("vi") => BadInput::new(vi::error(&bad.to_string())).into(),
        Ok(bad) => bad.into(),
        Err(e) => e,
    })
}

fn run_in(args: &TallyArgs) -> anyhow::Result<()> {
    let f = read_election(&args.election)?;
    let p = proceed(&args.election, &f, &args.ballots)?;
    if args.pdf.is_some() || args.minutes_json.is_some() || args.docx.is_some() {
        let m = daihoi_tally::minutes::minutes(&f, &p);
        if let Some(path) = &args.minutes_json {
            write_file(path, (serde_json::to_string_pretty(&m)? + "\n").as_bytes())?;
        }
        if let Some(path) = &args.pdf {
            write_file(path, &daihoi_print::minutes_pdf(&m)?)?;
        }
        if let Some(path) = &args.docx {
            write_file(path, &daihoi_print::minutes_docx(&m)?)?;
        }
    }
    print_out(&if args.json {
        report::json(&f, &p)?
    } else {
        report::text(&f, &p, args.lang.as_deref().unwrap_or("vi"))
    })
}

pub fn run_ballots(args: &BallotsArgs) -> anyhow::Result<()> {
    let f = read_election(&args.election)?;
    let p = proceed(&args.election, &f, &args.counted)?;
    let Some(round) = p.awaiting() else {
        return Err(BadInput::new(format!(
            "{}: every round is counted and no recorded decision opens another: there is no ballot to print",
            args.election.display()
        ))
        .into());
    };
    let copies = args.copies.unwrap_or(round.election.ballots_issued).max(1);
    let sheet = daihoi_tally::minutes::ballot_sheet(&f, &round.election, args.per_page, copies);
    if let Some(path) = &args.data_json {
        write_file(path, (serde_json::to_string_pretty(&sheet)? + "\n").as_bytes())?;
    }
    let pdf = daihoi_print::ballots_pdf(&sheet).map_err(|e| BadInput::new(format!("{}: {e}", args.pdf.display())))?;
    write_file(&args.pdf, &pdf)?;
    eprintln!(
        "{}: {copies} ballot(s) of round {}, {} name(s), {} form",
        args.pdf.display(),
        round.number,
        round.election.candidates.len(),
        if sheet.agree_form { "agree/disagree" } else { "crossing-out" }
    );
    Ok(())
}
