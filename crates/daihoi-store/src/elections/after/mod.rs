//! After the count (issue 16 §4; `election-rules.md` R-AFTER-1…4,
//! R-RANK-4; `congress.md` C-PER-13).
//!
//! Once an election's count is finished (every round counted, no decision
//! point open: the engine's `Proceedings` says so) its results are
//! provisional until the higher committee approves them (chuẩn y,
//! R-AFTER-1), refusing persons if it does, or annuls them and orders a new
//! election (R-AFTER-3): `approval.rs`, recorded by the office of the
//! organization above (as the congress's gates, C-PLAN-5). The approval
//! seats the elected, less the refused, in the same audited transaction:
//! the organization's committee or inspection commission (the body gives
//! the position), or the higher congress's roll for delegates and
//! alternates (R-DELEG-1, in the alternates' order); what it did for each
//! person is kept, and a person it cannot seat (no member card, not a
//! member on the day) is shown for a person to settle, never guessed.
//!
//! `keeping.rs`: complaints received within 15 working days of the
//! closing day go to the higher inspection commission (R-AFTER-2; Monday to
//! Friday, public holidays not yet deducted: there is no holiday calendar
//! yet); the ballots sealed and kept 6 months, then destroyed by decision
//! if no complaint is open (R-AFTER-4).
//!
//! `leaders.rs`: who is planned for secretary and inspection chair; when
//! the committee's (the commission's) count is finished and that person is
//! not elected, the election of the secretary (the chair) stops until the
//! higher committee's direction is recorded (R-RANK-4, C-PER-13).

mod access;
mod approval;
mod keeping;
mod leaders;
pub mod policy;

use daihoi_congress::{Approval, Position};
use daihoi_election::{Body, Proceedings};
use time::{Date, Duration, Month, Weekday};

use super::Stamp;

pub use leaders::{Direction, LeaderStatus, PlannedLeader, Post};

/// Working days to complain after the closing day (R-AFTER-2).
pub const COMPLAINT_WORKING_DAYS: u32 = 15;

/// Months the sealed ballots are kept (R-AFTER-4).
pub const KEEP_MONTHS: u8 = 6;

/// Whether the count is finished: the first round's ballots issued, every
/// round counted and no decision point open.
pub fn finished(p: Option<&Proceedings>) -> bool {
    p.is_some_and(|p| p.awaiting().is_none() && p.open_points().is_empty())
}

/// R-AFTER-2 on `calendar`: the last day to complain after `closing`, and
/// the year whose calendar awaits confirmation if one does (the day is then
/// [`working_days_after`]'s, Monday to Friday).
pub fn complaint_deadline(calendar: &daihoi_petitions::Calendar, closing: Date) -> (Date, Option<i32>) {
    match calendar.working_days_after(closing, COMPLAINT_WORKING_DAYS) {
        Ok(until) => (until, None),
        Err(awaiting) => (working_days_after(closing, COMPLAINT_WORKING_DAYS), Some(awaiting.year)),
    }
}

/// R-AFTER-2: the last day to complain, `days` working days after `closing`
/// (the closing day itself not counted), Monday to Friday, public holidays
/// not deducted: what [`complaint_deadline`] gives while a year's calendar
/// awaits its confirmation.
pub fn working_days_after(closing: Date, days: u32) -> Date {
    let mut d = closing;
    let mut left = days;
    while left > 0 {
        d = d.saturating_add(Duration::days(1));
        if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
            left -= 1;
        }
    }
    d
}

/// R-AFTER-4: the day `months` calendar months after `from` (the last day of
/// the month when it is shorter: 31/8 + 6 months = 28/2 or 29/2).
pub fn months_after(from: Date, months: u8) -> Date {
    let total = i32::from(u8::from(from.month()) - 1) + i32::from(months);
    let year = from.year() + total / 12;
    let month = Month::try_from(u8::try_from(total % 12 + 1).unwrap_or(1)).unwrap_or(Month::January);
    let day = from.day().min(time::util::days_in_month(month, year));
    Date::from_calendar_date(year, month, day).unwrap_or(from)
}

/// The position on the committee or commission that an election fills, or
/// `None` for delegates and alternates (the higher congress's roll).
pub fn position_of(body: Body) -> Option<Position> {
    Some(match body {
        Body::Committee => Position::Member,
        Body::StandingCommittee => Position::StandingMember,
        Body::Secretary => Position::Secretary,
        Body::DeputySecretary => Position::DeputySecretary,
        Body::InspectionCommission => Position::InspectionMember,
        Body::InspectionChair => Position::InspectionChair,
        Body::InspectionViceChair => Position::InspectionDeputy,
        Body::Delegates | Body::Alternates => return None,
    })
}

/// The higher committee's decision on the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutcomeKind {
    /// Chuẩn y (R-AFTER-1).
    Approved,
    /// Annulled, a new election ordered (R-AFTER-3).
    Annulled,
}

impl OutcomeKind {
    pub fn code(self) -> &'static str {
        match self {
            OutcomeKind::Approved => "approved",
            OutcomeKind::Annulled => "annulled",
        }
    }

    pub fn parse(code: &str) -> Option<OutcomeKind> {
        [OutcomeKind::Approved, OutcomeKind::Annulled].into_iter().find(|k| k.code() == code)
    }
}

/// The higher committee's decision as the office above records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOutcome {
    pub kind: OutcomeKind,
    /// Who decided (the higher standing committee), on which day, and its
    /// document.
    pub approval: Approval,
    /// R-AFTER-1: the elected it refuses (approval only).
    pub refused: Vec<String>,
    /// What the decision says (the annulment's grounds, the new election).
    pub note: String,
}

/// The decision as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub kind: OutcomeKind,
    pub approval: Approval,
    pub refused: Vec<String>,
    pub note: String,
    pub recorded: Stamp,
}

/// What the approval did for one elected person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Seating {
    /// A seat recorded on the committee or commission.
    Seated,
    /// The person held that position already: nothing written.
    HeldAlready,
    /// Entered on the higher congress's roll.
    OnRoll,
    /// On that roll already: nothing written.
    OnRollAlready,
    /// Refused by the higher committee (R-AFTER-1).
    Refused,
    /// Not seated: the detail says why; a person settles it.
    NotSeated,
}

impl Seating {
    pub const ALL: [Seating; 6] = [
        Seating::Seated,
        Seating::HeldAlready,
        Seating::OnRoll,
        Seating::OnRollAlready,
        Seating::Refused,
        Seating::NotSeated,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Seating::Seated => "seated",
            Seating::HeldAlready => "held_already",
            Seating::OnRoll => "on_roll",
            Seating::OnRollAlready => "on_roll_already",
            Seating::Refused => "refused",
            Seating::NotSeated => "not_seated",
        }
    }

    pub fn parse(code: &str) -> Option<Seating> {
        Seating::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// One elected person and what the approval did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatingLine {
    pub name: String,
    pub seating: Seating,
    pub detail: String,
}

/// A complaint received (R-AFTER-2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Complaint {
    pub number: u32,
    pub received_on: Date,
    pub from: String,
    pub summary: String,
    /// The day it was sent to the higher inspection commission.
    pub sent_on: Option<Date>,
    /// Settled: the day and the document.
    pub settled: Option<(Date, String)>,
    /// Received after the window's last day (shown, not refused).
    pub late: bool,
    pub recorded: Stamp,
}

impl Complaint {
    pub fn open(&self) -> bool {
        self.settled.is_none()
    }
}

/// A complaint as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComplaint {
    pub received_on: Date,
    pub from: String,
    pub summary: String,
    pub sent_on: Option<Date>,
}

/// The ballots' sealing as recorded (R-AFTER-4): the day, who holds
/// them, where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSealing {
    pub sealed_on: Date,
    pub held_by: String,
    pub kept_at: String,
}

/// The ballots sealed and kept (R-AFTER-4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptBallots {
    pub sealed_on: Date,
    pub held_by: String,
    pub kept_at: String,
    pub keep_until: Date,
    /// Destroyed by decision: the day and the document.
    pub destroyed: Option<(Date, String)>,
    pub recorded: Stamp,
}

/// Where an election stands after its count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Standing {
    /// The count is not finished.
    Counting,
    /// Finished, awaiting the higher committee's approval (R-AFTER-1).
    Provisional,
    Approved,
    /// Annulled, a new election ordered (R-AFTER-3).
    Annulled,
}

impl Standing {
    pub fn code(self) -> &'static str {
        match self {
            Standing::Counting => "counting",
            Standing::Provisional => "provisional",
            Standing::Approved => "approved",
            Standing::Annulled => "annulled",
        }
    }
}

/// Everything after the count of one election, for its readers.
#[derive(Debug, Clone)]
pub struct AfterView {
    pub standing: Standing,
    /// The elected, round by round (provisional until approved).
    pub elected: Vec<String>,
    pub outcome: Option<Outcome>,
    pub seating: Vec<SeatingLine>,
    /// The congress's closing day, and whether it is the day it was held
    /// (rather than planned).
    pub closing_day: Date,
    pub held: bool,
    /// R-AFTER-2: the last day to complain, on the calendar of working days
    /// (P-3's, kept with the petitions' clocks).
    pub complaints_until: Date,
    /// When a year the window reaches has no confirmed calendar: that year;
    /// the date is then counted Monday to Friday, holidays not deducted,
    /// and the pages say so.
    pub complaints_until_awaits: Option<i32>,
    pub complaints: Vec<Complaint>,
    pub ballots: Option<KeptBallots>,
    /// R-RANK-4: for a secretary's or inspection chair's election, whether
    /// it is stopped.
    pub leader: Option<LeaderStatus>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn fifteen_working_days_skip_weekends_r_after_2() {
        // Closing on Tuesday 20/5/2025: 15 working days later is Tuesday 10/6.
        assert_eq!(working_days_after(date!(2025 - 05 - 20), 15), date!(2025 - 06 - 10));
        // Closing on a Friday: the count starts on Monday.
        assert_eq!(working_days_after(date!(2025 - 05 - 23), 1), date!(2025 - 05 - 26));
        assert_eq!(working_days_after(date!(2025 - 05 - 24), 5), date!(2025 - 05 - 30));
    }

    #[test]
    fn six_months_keep_the_day_or_the_months_last_r_after_4() {
        assert_eq!(months_after(date!(2025 - 05 - 20), 6), date!(2025 - 11 - 20));
        assert_eq!(months_after(date!(2025 - 08 - 31), 6), date!(2026 - 02 - 28));
        assert_eq!(months_after(date!(2023 - 08 - 31), 6), date!(2024 - 02 - 29));
        assert_eq!(months_after(date!(2025 - 12 - 01), 6), date!(2026 - 06 - 01));
    }

    #[test]
    fn each_body_has_its_position() {
        assert_eq!(position_of(Body::Committee), Some(Position::Member));
        assert_eq!(position_of(Body::InspectionChair), Some(Position::InspectionChair));
        assert_eq!(position_of(Body::Alternates), None);
        for s in Seating::ALL {
            assert_eq!(Seating::parse(s.code()), Some(s));
        }
    }
}
