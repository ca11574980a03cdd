//! Congresses across the tree (issue 15): the rules of
//! `shared/domain/congress.md` (C-PLAN, C-DEL, C-PER), rule by rule. Each
//! rule's ID is cited where it is applied and in its test.
//!
//! - [`round`]: a round (nhiệm kỳ) and its settings: every value with its
//!   evidence tag, source and who set it; every [open] rule as an
//!   [`OpenQuestion`] that waits for a recorded [`Answer`].
//! - [`change`]: a person's change of a round's setting, checked against
//!   its rule, with its source (D-NUM), who decided, when and why.
//! - [`level`]: the level classes of the campaign and their windows.
//! - [`plan`]: a congress's plan: kind, contents, dates, gates, warnings.
//! - [`agenda`]: the programme (C-PLAN-8 preparatory session, C-PLAN-6
//!   agenda), the bodies elected and the votes taken by show of hands (R-BODY-2).
//! - [`allocation`]: delegate seats: the national formula (C-DEL-6), a
//!   proposal in its shape (C-DEL-2), the decided seat table (C-DEL-1, -8).
//! - [`committee`]: a committee over time: positions, periods (C-DEL-7).
//! - [`credentials`]: the credentials committee's figures.
//! - [`roll`]: who is convened (C-DEL-7, C-DEL-9, C-DEL-10).
//! - [`attendance`]: sessions, presence and the base of a vote (R-BASE-1, -2).
//! - [`personnel`]: service months, the five steps, small bodies, eligibility.
//! - [`sheet`]: the plan file, one row per organization, checked cell by cell.
//!
//! Principles, as in the election engine: **the software computes, people
//! decide.** Decisions (a delegate total, a seat table, an approval) are
//! inputs with their reference; computed figures only propose and warn.
//! Where a rule is [open] the crate has no default: a function that depends
//! on it returns [`Awaiting`] until a person's answer is recorded, or, where
//! every reading gives the same result, that result.
//!
//! Architecture invariant: no I/O, no async, no clock ("today" and the
//! dates of a congress are parameters), no user-facing text: values are
//! typed, and the web layer translates them.

pub mod agenda;
pub mod allocation;
pub mod attendance;
pub mod change;
pub mod committee;
pub mod credentials;
pub mod files;
pub mod level;
pub mod month;
pub mod personnel;
pub mod plan;
pub mod roll;
pub mod round;
pub mod sheet;

pub use allocation::{
    CapClass, CapWarning, Importance, Merger, NationalParameters, NationalUnit, Proposal, ProposalParameters,
    ProposalRow, ProposalUnit, SeatMode, SeatRow, SeatSummary, SeatTable, Term, TermKind, Working, cap_warnings,
    national_seats, propose,
};
pub use attendance::{AbsenceReason, Attendance, BaseWorking, Mark, Presence, Replacement, SubtractionWorking};
pub use change::{SettingChange, SettingError, SettingForm, SettingValue};
pub use committee::{CommitteeSeat, Position, SeatSource, convening_committee};
pub use credentials::{Credentials, PersonFacts, credentials};
pub use level::LevelClass;
pub use month::YearMonth;
pub use personnel::{
    Discipline, DisciplineForm, Eligibility, EligibilityFacts, Ground, HeadsChoice, IntroductionList, OpenMatter,
    OpenMatterKind, PostScope, QuorumCheck, ReferencePoint, SecretaryIntroduction, ServiceCheck, ServiceOutcome, Step,
    StepBase, StepOutcome, StepThreshold, StepVotes, Track, evaluate_eligibility, introduction_list,
    secretary_introduction, service_check, step_threshold,
};
pub use plan::{
    AgendaItem, Approval, Approver, CongressKind, CongressPlan, Contents, Gate, GateRecord, KindBasis, KindProposal,
    Membership, PlanWarning, Schedule, kind_warning, personnel_plan_approver, propose_kind, warnings,
};
pub use roll::{
    CommitteeMember, Exclusion, ExclusionCase, ExclusionFact, Roll, RollEntry, RollInput, RollLine, Seat, Status,
};
pub use round::{
    AlternatesListForm, Answer, AnswerKind, AnswerValue, Awaiting, Cap2020, FinishBy, Length, LetterDays, LevelWindow,
    OpenQuestion, Quorum, RecordedAnswer, ReplacementOrder, RoundSettings, RoundTerm, Scope, SetBy, Setting,
    SettingKey, Tag, Used,
};

use daihoi_election::ElectionError;

/// Input that the crate refuses, with the rule it breaks. Warnings are not
/// errors: they are values ([`PlanWarning`], [`CapWarning`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CongressError {
    #[error("C-DEL-1: a congress has at least one delegate; a total of 0 is no decision")]
    NoSeats,
    #[error("C-DEL-1: the seats of the table add up to {sum}, not to the decided total {total}")]
    SeatsDoNotAddUp { sum: u64, total: u32 },
    #[error("C-DEL-1: the decided total needs the reference of the convening committee's decision")]
    TotalWithoutDecision,
    #[error("C-DEL-2: {0:?} is in the seat table twice")]
    OrganizationTwice(String),
    #[error("C-DEL-8: the designated seats of {0:?} need a decision reference")]
    DesignatedWithoutDecision(String),
    #[error("C-DEL-2: {0:?} is a sub-unit of the proposal twice")]
    UnitTwice(String),
    #[error("C-DEL-2: a proposal needs at least 1 member per seat")]
    NoMembersPerSeat,
    #[error("C-DEL-9: {0:?} is on the roll twice")]
    PersonTwice(String),
    #[error("{rule}: {person:?} has a seat ({seat}) that a {kind} does not have")]
    SeatNotOfKind { rule: &'static str, person: String, seat: &'static str, kind: &'static str },
    #[error(
        "C-DEL-10: alternates {first:?} and {second:?} have the same rank {rank} (a tie in the order is a decision point, R-DELEG-1)"
    )]
    AlternateRankTwice { rank: u32, first: String, second: String },
    #[error("C-DEL-9: an exclusion names {0:?}, who is not on the roll")]
    ExclusionOfUnknown(String),
    #[error("C-DEL-9: the exclusion of {0:?} cites no document")]
    ExclusionWithoutReference(String),
    #[error("attendance: session {0:?} is listed twice")]
    SessionTwice(String),
    #[error("attendance: no session is recorded")]
    NoSession,
    #[error("attendance: session {0:?} is not a session of the congress")]
    UnknownSession(String),
    #[error("attendance: {person:?} is marked twice in session {session:?}")]
    MarkedTwice { person: String, session: String },
    #[error("attendance: {person:?} has no mark in session {session:?}")]
    Unrecorded { person: String, session: String },
    #[error("attendance: {0:?} is not convened (not on the roll, or not convened by C-DEL-9)")]
    NotConvened(String),
    #[error("R-BASE-2: {absent:?} cannot be replaced by {alternate:?} ({why})")]
    ReplacementRefused { absent: String, alternate: String, why: &'static str },
    #[error(transparent)]
    Base(#[from] ElectionError),
    #[error("C-PER-1: the {0} level has no age reference month")]
    NoReferenceMonth(&'static str),
    #[error("C-PER-9: {present} present but only {convened} convened")]
    PresentOverConvened { present: u32, convened: u32 },
    #[error("C-PER-12: a body of {0} seats is not a body of 3 to 5 (R-LIST-1 applies)")]
    NotASmallBody(u32),
    #[error("C-PER-12: {0:?} is on the introduction list twice")]
    CandidateTwice(String),
    #[error("C-PER-12: the head's choice must name {places} of the tied, with who chose and why")]
    ChoiceRefused { places: u32 },
    #[error("{rule}: the answer to {question} must be a {expected} answer")]
    WrongAnswerKind { question: &'static str, rule: &'static str, expected: &'static str },
    #[error("{rule}: an answer needs who decided and why")]
    AnswerWithoutAuthor { rule: &'static str },
    #[error(transparent)]
    Setting(#[from] SettingError),
}

impl CongressError {
    /// The rule the refusal applies, as its message begins (`C-DEL-1`), for
    /// the API's error envelope; `None` for the attendance's own checks and
    /// the election engine's.
    pub fn rule(&self) -> Option<&'static str> {
        use CongressError::*;
        Some(match self {
            SeatsDoNotAddUp { .. } | TotalWithoutDecision | NoSeats => "C-DEL-1",
            OrganizationTwice(_) | UnitTwice(_) | NoMembersPerSeat => "C-DEL-2",
            DesignatedWithoutDecision(_) => "C-DEL-8",
            PersonTwice(_) | ExclusionOfUnknown(_) | ExclusionWithoutReference(_) => "C-DEL-9",
            AlternateRankTwice { .. } => "C-DEL-10",
            ReplacementRefused { .. } => "R-BASE-2",
            NoReferenceMonth(_) => "C-PER-1",
            PresentOverConvened { .. } => "C-PER-9",
            NotASmallBody(_) | CandidateTwice(_) | ChoiceRefused { .. } => "C-PER-12",
            SeatNotOfKind { rule, .. } | WrongAnswerKind { rule, .. } | AnswerWithoutAuthor { rule } => rule,
            Setting(e) => e.rule(),
            SessionTwice(_)
            | NoSession
            | UnknownSession(_)
            | MarkedTwice { .. }
            | Unrecorded { .. }
            | NotConvened(_)
            | Base(_) => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::CongressError;

    /// A refusal's rule is the one its message begins with.
    #[test]
    fn a_refusal_names_its_rule() {
        for e in [
            CongressError::SeatsDoNotAddUp { sum: 5, total: 9 },
            CongressError::NoSeats,
            CongressError::OrganizationTwice("QN.DH.QT".into()),
            CongressError::DesignatedWithoutDecision("QN.DH.QT".into()),
            CongressError::AlternateRankTwice { rank: 1, first: "a".into(), second: "b".into() },
            CongressError::NotASmallBody(7),
        ] {
            let rule = e.rule().expect("a rule");
            assert!(e.to_string().starts_with(&format!("{rule}:")), "{e}");
        }
        assert_eq!(CongressError::NoSession.rule(), None);
    }
}
