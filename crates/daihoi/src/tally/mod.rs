//! `daihoi tally` and `daihoi ballots`: one election from files, round by
//! round, with the congress's recorded decisions. The file formats and the
//! JSON output are a public contract: `docs/tally-format.md`.

mod file;
mod minutes;
mod read;
mod report;
mod vi;

use std::path::{Path, PathBuf};

use daihoi_election::Proceedings;

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

/// Counts the rounds whose ballots are given, applying the recorded rulings
/// and decisions in order. A decision that opens a round whose ballots are
/// not given leaves that round waiting; a decision or ruling on a round that
/// is not counted is refused.
fn proceed(path: &Path, f: &file::ElectionFile, ballots: &[PathBuf]) -> Result<Proceedings, BadInput> {
    let name = path.display();
    let mut p = Proceedings::new(f.election.clone());
    let mut files = ballots.iter();
    while let Some(round) = p.awaiting() {
        let Some(csv) = files.next() else { break };
        let number = round.number;
        let rulings: Vec<_> = f.rulings.iter().filter(|(r, _)| *r == number).map(|(_, x)| x.clone()).collect();
        let count = read::tally_ballots(csv, &round.election, &rulings)?;
        p.record_count(count).map_err(|e| BadInput::new(format!("{}: {e}", csv.display())))?;
        for (i, d) in f.decisions.iter().enumerate().filter(|(_, d)| d.round == number) {
            p.decide(d.clone()).map_err(|e| BadInput::new(format!("{name}: [[decisions]] number {}: {e}", i + 1)))?;
        }
    }
    if let Some(extra) = files.next() {
        let last = p.rounds().len();
        return Err(BadInput::new(format!(
            "{}: no round waits for these ballots: round {last} is counted and no recorded decision opens round {} \
             (add it to [[decisions]] in {name})",
            extra.display(),
            last + 1
        )));
    }
    // Every recorded decision and ruling is applied to a counted round: one
    // on the round still waiting for its ballots, or on a round nobody
    // opened, is an error, never dropped.
    let counted = p.rounds().iter().filter(|r| r.count.is_some()).count() as u32;
    let opened = p.rounds().len() as u32;
    let not_counted = |round: u32| {
        if round == 0 || round > opened {
            format!("there is no round {round} (no recorded decision opens it)")
        } else {
            format!(
                "round {round} is not counted, so this cannot be applied: its ballots file is not given \
                 (the ballots files follow {name} round by round: round {round}'s is number {round})"
            )
        }
    };
    if let Some((i, d)) = f.decisions.iter().enumerate().find(|(_, d)| d.round == 0 || d.round > counted) {
        return Err(BadInput::new(format!("{name}: [[decisions]] number {}: {}", i + 1, not_counted(d.round))));
    }
    if let Some((round, r)) = f.rulings.iter().find(|(round, _)| *round == 0 || *round > counted) {
        return Err(BadInput::new(format!(
            "{name}: [[rulings]] on ballot {} of round {round}: {}",
            r.ballot,
            not_counted(*round)
        )));
    }
    Ok(p)
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
    let f = file::read(&args.election)?;
    let p = proceed(&args.election, &f, &args.ballots)?;
    if args.pdf.is_some() || args.minutes_json.is_some() || args.docx.is_some() {
        let m = minutes::minutes(&f, &p);
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
    let f = file::read(&args.election)?;
    let p = proceed(&args.election, &f, &args.counted)?;
    let Some(round) = p.awaiting() else {
        return Err(BadInput::new(format!(
            "{}: every round is counted and no recorded decision opens another: there is no ballot to print",
            args.election.display()
        ))
        .into());
    };
    let copies = args.copies.unwrap_or(round.election.ballots_issued).max(1);
    let sheet = minutes::ballot_sheet(&f, &round.election, args.per_page, copies);
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
