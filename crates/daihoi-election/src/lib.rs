//! The election engine: Regulation 190-QĐ/TW (Quy chế bầu cử trong Đảng) as
//! `shared/domain/election-rules.md` states it, rule by rule. Each rule's ID
//! (R-BASE-1, R-PASS-1, …) is cited where it is applied and in its test.
//!
//! The principle: **the engine counts, the congress decides.** Where the
//! regulation leaves a choice to the congress (a tie at the cut-off, seats
//! left unfilled) the count stops at a [`DecisionPoint`]; it never breaks a
//! tie, never picks by age, never invents a round.
//!
//! Architecture invariant: no I/O and no async. Input is values (the
//! election, the ballots as read by someone else), output is values (the
//! count). Reading CSV, printing minutes and storing rounds are other crates'
//! work.

pub mod ballot;
pub mod base;
pub mod count;
pub mod entry;
pub mod list;
pub mod rounds;
pub mod rules;

pub use ballot::{Ballot, BallotForm, Choice, Flags, InvalidReason, Marks};
pub use base::{Electorate, Meeting, Subtraction};
pub use count::{BoardRuling, CandidateResult, Count, DecisionPoint, Election, Tally, count};
pub use list::{Body, ListCheck, ListWarning};
pub use rounds::{Decision, DecisionAction, PointKind, Proceedings, Round, Withdrawal, withdraw};
pub use rules::RuleSet;

/// Input that the engine refuses, with the rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ElectionError {
    #[error("R-BASE-4: {subtraction} is not a subtraction of a {meeting}")]
    SubtractionNotAllowed { subtraction: &'static str, meeting: &'static str },
    #[error("R-BASE-1: the subtractions ({subtracted}) exceed the {convened} convened")]
    SubtractionsExceedConvened { convened: u32, subtracted: u32 },
    #[error("R-BASE-4: {subtraction} is given twice")]
    DuplicateSubtraction { subtraction: &'static str },
    #[error("{rule}: {present} present but only {convened} convened (those present are among those convened)")]
    PresentOverConvened { rule: &'static str, present: u32, convened: u32 },
    #[error(
        "{rule}: the base is 0 ({convened} convened, less the subtractions) but {returned} ballots were \
         returned: nobody is there to vote, and one vote would be more than half of 0 (R-PASS-1)"
    )]
    NoBaseWithBallots { rule: &'static str, convened: u32, returned: u32 },
    #[error("R-LIST-1: a {body} list needs a surplus of at least 1 ({candidates} names for {seats} seats)")]
    NoSurplus { body: &'static str, seats: u32, candidates: u32 },
    #[error("R-LIST-1: a surplus of {surplus} is more than 30% of {seats} seats (at most {max})")]
    SurplusOverCap { seats: u32, surplus: u32, max: u32 },
    #[error("R-LIST-2: a body of {seats} seats may have a surplus of 1 at most, not {surplus}")]
    SmallBodySurplus { seats: u32, surplus: u32 },
    #[error(
        "R-LIST-6: {names} names for at most {max}: the congress's opinion ballot on the people added at the congress \
         decides who stays; record its votes for {}",
        missing.join(", ")
    )]
    OpinionMissing { names: u32, max: u32, missing: Vec<String> },
    #[error(
        "R-LIST-6: the opinion ballot ties at the cut: {slots} place(s) for {}; the congress decides (record those \
         who leave as withdrawals it decided, R-LIST-7)",
        tied.join(", ")
    )]
    OpinionTie { slots: u32, tied: Vec<String> },
    #[error("the number of seats must be at least 1")]
    NoSeats,
    #[error("R-BALLOT-1: the candidate {0:?} is on the list twice (the ballot prints each name of the list once)")]
    DuplicateCandidate(String),
    #[error("R-BALLOT-1: the name of candidate number {0} is empty (the ballot prints the full names of the list)")]
    EmptyCandidate(usize),
    #[error("the list is empty")]
    EmptyList,
    #[error("{returned} ballots returned but only {issued} issued")]
    MoreReturnedThanIssued { returned: u32, issued: u32 },
    #[error("{returned} ballots returned but only {present} present to vote (one ballot each)")]
    MoreReturnedThanPresent { returned: u32, present: u32 },
    #[error("ballot {ballot}: it has {got} marks but the list has {expected} names")]
    WrongMarkCount { ballot: String, expected: usize, got: usize },
    #[error("ballot {ballot}: a {got} ballot, but this list is voted on the {expected} form (R-BALLOT-2, R-BALLOT-3)")]
    WrongForm { ballot: String, expected: &'static str, got: &'static str },
    #[error("ballot {0} is counted twice")]
    DuplicateBallot(String),
    #[error("R-VALID-8: a board ruling names ballot {0}, which was not returned")]
    RulingOnUnknownBallot(String),
    #[error("R-VALID-8: a board ruling on ballot {0} has no reason")]
    RulingWithoutReason(String),
    #[error("R-LIST-7: {0} is not on the list, so cannot withdraw")]
    WithdrawalNotOnList(String),
    #[error(
        "R-LIST-7: nobody withdraws on their own; the withdrawal of {0} needs the congress's decision (decided_by)"
    )]
    WithdrawalNotDecided(String),
    #[error("the decision on round {round} is refused: {why}")]
    DecisionRefused { round: u32, why: String },
    #[error("no round is waiting for ballots")]
    NoRoundAwaiting,
}

impl ElectionError {
    /// The rule a refusal applies, for messages and the API's envelope.
    pub fn rule(&self) -> &'static str {
        use ElectionError as E;
        match self {
            E::SubtractionNotAllowed { .. } | E::DuplicateSubtraction { .. } => "R-BASE-4",
            E::SubtractionsExceedConvened { .. } => "R-BASE-1",
            E::PresentOverConvened { rule, .. } | E::NoBaseWithBallots { rule, .. } => rule,
            E::NoSurplus { .. } | E::SurplusOverCap { .. } => "R-LIST-1",
            E::SmallBodySurplus { .. } => "R-LIST-2",
            E::OpinionMissing { .. } | E::OpinionTie { .. } => "R-LIST-6",
            E::NoSeats => "R-BODY-2",
            E::DuplicateCandidate(_) | E::EmptyCandidate(_) | E::EmptyList => "R-BALLOT-1",
            E::MoreReturnedThanIssued { .. } | E::MoreReturnedThanPresent { .. } | E::DuplicateBallot(_) => "R-VALID-1",
            E::WrongMarkCount { .. } | E::WrongForm { .. } => "R-BALLOT-2",
            E::RulingOnUnknownBallot(_) | E::RulingWithoutReason(_) => "R-VALID-8",
            E::WithdrawalNotOnList(_) | E::WithdrawalNotDecided(_) => "R-LIST-7",
            E::DecisionRefused { .. } | E::NoRoundAwaiting => "R-RANK-2",
        }
    }
}
