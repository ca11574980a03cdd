//! The rounds of an election file counted in order, with the congress's
//! recorded decisions and the board's rulings applied or refused, never
//! dropped (`docs/tally-format.md`, `[[decisions]]`).

use daihoi_election::{BoardRuling, Count, Election, ElectionError, Proceedings};

use crate::file::ElectionFile;
use crate::read::BallotsError;

/// The rounds refused: a ballots file, a count, a decision or a ruling that
/// does not fit the rounds, named with its file.
/// `E` is the error of the caller's reading of a ballots file.
#[derive(Debug, thiserror::Error)]
pub enum ProceedError<E = BallotsError> {
    #[error(transparent)]
    Ballots(E),
    /// The engine refuses the round's count.
    #[error("{file}: {source}")]
    Round { file: String, source: ElectionError },
    /// The engine refuses a recorded decision (it answers no open decision
    /// point of its round, or does not fit it: R-RANK-2, R-RANK-3, R-DELEG-1).
    #[error("{election_file}: [[decisions]] number {number}: {source}")]
    Decision { election_file: String, number: usize, source: ElectionError },
    /// Ballots beyond the rounds opened.
    #[error(
        "{file}: no round waits for these ballots: round {counted} is counted and no recorded decision opens round {} \
         (add it to [[decisions]] in {election_file})",
        .counted + 1
    )]
    NoRoundWaits { file: String, counted: usize, election_file: String },
    /// A decision on a round that is not counted.
    #[error("{election_file}: [[decisions]] number {number}: {why}")]
    DecisionOnUncounted { election_file: String, number: usize, why: Uncounted },
    /// A ruling on a round that is not counted.
    #[error("{election_file}: [[rulings]] on ballot {ballot} of round {round}: {why}")]
    RulingOnUncounted { election_file: String, ballot: String, round: u32, why: Uncounted },
}

/// Why a recorded decision or ruling cannot be applied: its round is not counted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Uncounted {
    #[error("there is no round {round} (no recorded decision opens it)")]
    NoSuchRound { round: u32 },
    #[error(
        "round {round} is not counted, so this cannot be applied: its ballots file is not given \
         (the ballots files follow {election_file} round by round: round {round}'s is number {round})"
    )]
    NotGiven { round: u32, election_file: String },
}

/// Counts the rounds whose ballots are given, in order, applying the
/// recorded rulings (R-VALID-8) and decisions of each round once it is
/// counted. `election_file` names the election file in messages; `ballots`
/// are the rounds' ballots files, in order, `name` gives one's name for
/// messages and `count` counts one for a round's election with the round's
/// rulings (by [`crate::tally_csv`], [`crate::tally_workbook`] …).
///
/// A decision that opens a round whose ballots are not given leaves that
/// round waiting ([`Proceedings::awaiting`]); ballots beyond the rounds
/// opened, and a decision or ruling on a round that is not counted, are
/// refused.
pub fn proceed<B, E>(
    election_file: &str,
    f: &ElectionFile,
    ballots: &[B],
    name: impl Fn(&B) -> String,
    mut count: impl FnMut(&B, &Election, &[BoardRuling]) -> Result<Count, E>,
) -> Result<Proceedings, ProceedError<E>> {
    let mut p = Proceedings::new(f.election.clone());
    let mut files = ballots.iter();
    while let Some(round) = p.awaiting() {
        let Some(b) = files.next() else { break };
        let number = round.number;
        let rulings: Vec<_> = f.rulings.iter().filter(|(r, _)| *r == number).map(|(_, x)| x.clone()).collect();
        let counted = count(b, &round.election, &rulings).map_err(ProceedError::Ballots)?;
        p.record_count(counted).map_err(|source| ProceedError::Round { file: name(b), source })?;
        for (i, d) in f.decisions.iter().enumerate().filter(|(_, d)| d.round == number) {
            p.decide(d.clone()).map_err(|source| ProceedError::Decision {
                election_file: election_file.to_owned(),
                number: i + 1,
                source,
            })?;
        }
    }
    if let Some(extra) = files.next() {
        return Err(ProceedError::NoRoundWaits {
            file: name(extra),
            counted: p.rounds().len(),
            election_file: election_file.to_owned(),
        });
    }
    // Every recorded decision and ruling is applied to a counted round: one
    // on the round still waiting for its ballots, or on a round nobody
    // opened, is an error, never dropped.
    let counted = p.rounds().iter().filter(|r| r.count.is_some()).count() as u32;
    let opened = p.rounds().len() as u32;
    let not_counted = |round: u32| {
        if round == 0 || round > opened {
            Uncounted::NoSuchRound { round }
        } else {
            Uncounted::NotGiven { round, election_file: election_file.to_owned() }
        }
    };
    if let Some((i, d)) = f.decisions.iter().enumerate().find(|(_, d)| d.round == 0 || d.round > counted) {
        return Err(ProceedError::DecisionOnUncounted {
            election_file: election_file.to_owned(),
            number: i + 1,
            why: not_counted(d.round),
        });
    }
    if let Some((round, r)) = f.rulings.iter().find(|(round, _)| *round == 0 || *round > counted) {
        return Err(ProceedError::RulingOnUncounted {
            election_file: election_file.to_owned(),
            ballot: r.ballot.clone(),
            round: *round,
            why: not_counted(*round),
        });
    }
    Ok(p)
}
