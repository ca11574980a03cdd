//! Writing the election files: ELECTION.toml and one ballots CSV per round,
//! as `daihoi tally` reads them back (`docs/tally-format.md`).

use std::fmt::Write as _;
use std::io::Write;

use daihoi_election::{Ballot, BallotForm, Choice, DecisionAction, Election, Marks, RuleSet};

use crate::file::ElectionFile;

/// What cannot be written so that it reads back the same.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A cell of a ballots file holds no line break (and a CSV cell is read
    /// without the spaces around it, so a name or number with spaces around
    /// it would read back otherwise).
    #[error(
        "{what} {value:?} cannot be written in a ballots file: a cell holds no line break and no spaces around its text"
    )]
    Cell { what: &'static str, value: String },
    #[error("ballot {number:?}: its number is empty (the board numbers every ballot)")]
    EmptyNumber { number: String },
    #[error("round {round}, ballot {number}: it has {got} marks but the round's list has {expected} names")]
    MarkCount { round: usize, number: String, expected: usize, got: usize },
    #[error(
        "round {round}, ballot {number}: a {got} ballot, but the round's list is voted on the {expected} form (R-BALLOT-2, R-BALLOT-3)"
    )]
    WrongForm { round: usize, number: String, expected: &'static str, got: &'static str },
    /// An election file always counts under Regulation 190-QĐ/TW with the defaults of practice.
    #[error(
        "the election's rules are not those of Regulation 190-QĐ/TW with the defaults of practice, which an election file always uses"
    )]
    Rules,
    #[error("[electorate] {0} is given twice")]
    DuplicateSubtraction(&'static str),
    #[error("round {round}: no recorded decision on round {} opens it with its list (further_round)", .round - 1)]
    NoListForRound { round: usize },
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The files of an election: ELECTION.toml's text and each round's ballots CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElectionFiles {
    pub election: String,
    /// Round 1's first.
    pub ballots: Vec<String>,
}

/// Writes the election file and the ballots files of the rounds given
/// (`rounds[0]` are round 1's ballots, …). Round 1's list is the election's
/// (without the withdrawn); a further round's list is that of the recorded
/// `further_round` decision on the round before it.
pub fn write_election_files<R: AsRef<[Ballot]>>(f: &ElectionFile, rounds: &[R]) -> Result<ElectionFiles, WriteError> {
    let election = election_toml(f)?;
    let lists = round_lists(f);
    let mut ballots = Vec::with_capacity(rounds.len());
    for (i, round) in rounds.iter().enumerate() {
        let (candidates, seats) = lists.get(i).ok_or(WriteError::NoListForRound { round: i + 1 })?;
        let mut out = Vec::new();
        write_ballots_csv(&mut out, i + 1, candidates, *seats, round.as_ref())?;
        ballots.push(String::from_utf8(out).expect("written from text"));
    }
    Ok(ElectionFiles { election, ballots })
}

/// Each round's list and seats: round 1's from the election (without the
/// withdrawn names, R-LIST-7), then those of each `further_round` decision
/// on the round before.
pub fn round_lists(f: &ElectionFile) -> Vec<(Vec<String>, u32)> {
    let first = &f.election;
    let mut lists = vec![(first.candidates.iter().filter(|n| !withdrawn(f, n)).cloned().collect(), first.seats)];
    loop {
        let round = lists.len() as u32;
        let next = f.decisions.iter().find_map(|d| match &d.action {
            DecisionAction::FurtherRound { seats, candidates, .. } if d.round == round => {
                Some((candidates.clone(), *seats))
            }
            _ => None,
        });
        match next {
            Some(list) => lists.push(list),
            None => return lists,
        }
    }
}

fn withdrawn(f: &ElectionFile, name: &str) -> bool {
    f.withdrawals.iter().any(|w| w.name == name)
}

/// Writes one round's ballots as CSV (`docs/tally-format.md`): the header
/// `ballot`, the names of `candidates` in ballot order, `flags`; then one
/// line per ballot. On the crossing-out form (R-BALLOT-2) a kept name is
/// empty and a struck one `x`; on the agree/disagree form (R-BALLOT-3) `a`,
/// `d`, `ad` or empty; the flags are joined by `;`. Cells are quoted only
/// where they must be (a comma or a quote). `round` numbers the round in
/// messages.
pub fn write_ballots_csv(
    out: &mut impl Write,
    round: usize,
    candidates: &[String],
    seats: u32,
    ballots: &[Ballot],
) -> Result<(), WriteError> {
    let mut line = String::from("ballot");
    for name in candidates {
        line.push(',');
        push_cell(&mut line, "the name", name)?;
    }
    line.push_str(",flags\n");
    out.write_all(line.as_bytes())?;
    let form = BallotForm::for_list(candidates.len(), seats);
    for b in ballots {
        line.clear();
        if b.number.trim().is_empty() {
            return Err(WriteError::EmptyNumber { number: b.number.clone() });
        }
        push_cell(&mut line, "the ballot number", &b.number)?;
        if b.marks.len() != candidates.len() {
            return Err(WriteError::MarkCount {
                round,
                number: b.number.clone(),
                expected: candidates.len(),
                got: b.marks.len(),
            });
        }
        if b.marks.form() != form {
            return Err(WriteError::WrongForm {
                round,
                number: b.number.clone(),
                expected: form.code(),
                got: b.marks.form().code(),
            });
        }
        match &b.marks {
            Marks::CrossingOut(kept) => {
                for k in kept {
                    line.push_str(if *k { "," } else { ",x" });
                }
            }
            Marks::AgreeDisagree(choices) => {
                for c in choices {
                    line.push_str(match c {
                        Choice::Agree => ",a",
                        Choice::Disagree => ",d",
                        Choice::Both => ",ad",
                        Choice::Neither => ",",
                    });
                }
            }
        }
        line.push(',');
        let flags = [(b.flags.not_issued, "not_issued"), (b.flags.write_in, "write_in"), (b.flags.marked, "marked")];
        let set: Vec<&str> = flags.iter().filter(|(on, _)| *on).map(|(_, name)| *name).collect();
        line.push_str(&set.join(";"));
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// A CSV cell: quoted when it holds a comma or a quote (`""` inside).
fn push_cell(line: &mut String, what: &'static str, value: &str) -> Result<(), WriteError> {
    if value.contains(['\n', '\r']) || value.trim() != value {
        return Err(WriteError::Cell { what, value: value.to_owned() });
    }
    if value.contains([',', '"']) {
        line.push('"');
        line.push_str(&value.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(value);
    }
    Ok(())
}

/// A TOML string.
fn text(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

fn list(names: &[String]) -> String {
    let items: Vec<String> = names.iter().map(|n| text(n)).collect();
    format!("[{}]", items.join(", "))
}

/// ELECTION.toml's text for `f` (`docs/tally-format.md`): the election, the
/// minutes' fields, the board, the withdrawals (R-LIST-7), the rulings
/// (R-VALID-8) and the recorded decisions, in that order. The list written
/// is the election's candidates followed by the withdrawn names not on it
/// (a withdrawn name is written on the list and taken off it by its
/// `[[withdrawals]]`). Only what the file can hold is written: the rules
/// must be Regulation 190-QĐ/TW's defaults.
pub fn election_toml(f: &ElectionFile) -> Result<String, WriteError> {
    let e: &Election = &f.election;
    if e.rules != RuleSet::regulation_190() {
        return Err(WriteError::Rules);
    }
    let mut listed = e.candidates.clone();
    listed.extend(f.withdrawals.iter().filter(|w| !e.candidates.contains(&w.name)).map(|w| w.name.clone()));
    let mut t = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(t, "title = {}", text(&e.title));
    let _ = writeln!(t, "body = {}", text(e.body.code()));
    let _ = writeln!(t, "meeting = {}", text(e.electorate.meeting.code()));
    let _ = writeln!(t, "seats = {}", e.seats);
    let _ = writeln!(t, "ballots_issued = {}", e.ballots_issued);
    let _ = writeln!(t, "candidates = {}", list(&listed));
    let m = &f.minutes;
    for (key, value) in [("congress", &m.congress), ("issuer", &m.issuer), ("place", &m.place)] {
        if !value.is_empty() {
            let _ = writeln!(t, "{key} = {}", text(value));
        }
    }
    if let Some(date) = m.date {
        let _ = writeln!(t, "date = {}", text(&date.to_string()));
    }
    let _ = writeln!(t, "\n[electorate]");
    let _ = writeln!(t, "convened = {}", e.electorate.convened);
    let _ = writeln!(t, "present = {}", e.electorate.present);
    for (i, (s, n)) in e.electorate.subtractions.iter().enumerate() {
        if e.electorate.subtractions[..i].iter().any(|(other, _)| other == s) {
            return Err(WriteError::DuplicateSubtraction(s.code()));
        }
        let _ = writeln!(t, "{} = {n}", s.code());
    }
    if !m.board_head.is_empty() || !m.board_members.is_empty() {
        let _ = writeln!(t, "\n[board]\nhead = {}\nmembers = {}", text(&m.board_head), list(&m.board_members));
    }
    for w in &f.withdrawals {
        let _ = writeln!(t, "\n[[withdrawals]]\nname = {}\ndecided_by = {}", text(&w.name), text(&w.decided_by));
        let _ = writeln!(t, "at = {}\nreason = {}", text(&w.at), text(&w.reason));
    }
    for (round, r) in &f.rulings {
        let _ = writeln!(t, "\n[[rulings]]\nround = {round}\nballot = {}\nvalid = {}", text(&r.ballot), r.valid);
        let _ = writeln!(t, "reason = {}", text(&r.reason));
    }
    for d in &f.decisions {
        let _ = writeln!(t, "\n[[decisions]]\nround = {}\npoint = {}", d.round, text(d.point.code()));
        let _ = writeln!(t, "decided_by = {}\nat = {}\nreason = {}", text(&d.decided_by), text(&d.at), text(&d.reason));
        let _ = writeln!(t, "action = {}", text(d.action.code()));
        match &d.action {
            DecisionAction::FurtherRound { seats, candidates, ballots_issued, present } => {
                let _ = writeln!(
                    t,
                    "seats = {seats}\ncandidates = {}\nballots_issued = {ballots_issued}",
                    list(candidates)
                );
                if let Some(present) = present {
                    let _ = writeln!(t, "present = {present}");
                }
            }
            DecisionAction::NoFurtherRound => {}
            DecisionAction::Order { order } => {
                let _ = writeln!(t, "order = {}", list(order));
            }
        }
    }
    Ok(t)
}
