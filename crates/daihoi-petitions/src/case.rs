//! A case's course (P-1, P-2, P-5): the days of its events, which clocks
//! they start and stop, and whether each clock was met on time. The due
//! dates themselves come from the rule table and the calendar
//! ([`crate::due`]); this module says from which day each clock counts and
//! on which day it stopped.

use time::Date;

use crate::kind::{CaseKind, Instance};
use crate::rules::Trigger;

/// An event of a case that starts or stops a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Event {
    /// The filing was received (tiếp nhận).
    Receipt,
    /// The case was accepted for settlement (thụ lý).
    Acceptance,
    /// The parties were told of the acceptance (LTC Art. 29(3)).
    Notice,
    /// The case was settled (giải quyết xong: a decision or a conclusion).
    Settlement,
    /// The case was sent to the competent body (chuyển đơn).
    Transfer,
}

impl Trigger {
    /// The event that starts this clock, and the one that meets it. A
    /// closure (not accepted, withdrawn) or a transfer away stops every
    /// clock still running.
    pub fn course(self) -> (Event, Event) {
        match self {
            Trigger::ComplaintAcceptance | Trigger::SecondComplaintAcceptance | Trigger::DenunciationProcessing => {
                (Event::Receipt, Event::Acceptance)
            }
            Trigger::ComplaintSettlement | Trigger::SecondComplaintSettlement | Trigger::DenunciationSettlement => {
                (Event::Acceptance, Event::Settlement)
            }
            Trigger::DenunciationNotice => (Event::Acceptance, Event::Notice),
            Trigger::DenunciationForwarding => (Event::Receipt, Event::Transfer),
            // The filer's own limits (P-4, LKN Arts. 9, 33) are checked at
            // receipt, not run by the committee; the rest run from receipt
            // to settlement.
            Trigger::ComplaintFiling
            | Trigger::SecondComplaintFiling
            | Trigger::PetitionAnswer
            | Trigger::PartyComplaintSettlement => (Event::Receipt, Event::Settlement),
        }
    }
}

/// The days of a case's events (`None`: not yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseDays {
    pub received: Date,
    pub accepted: Option<Date>,
    pub notified: Option<Date>,
    pub settled: Option<Date>,
    /// Sent to the competent body, out of this committee's hands.
    pub transferred: Option<Date>,
    /// Closed without settlement: not accepted, withdrawn.
    pub closed: Option<Date>,
}

impl CaseDays {
    fn of(&self, event: Event) -> Option<Date> {
        match event {
            Event::Receipt => Some(self.received),
            Event::Acceptance => self.accepted,
            Event::Notice => self.notified,
            Event::Settlement => self.settled,
            Event::Transfer => self.transferred,
        }
    }

    /// The day the case left the committee's hands without meeting its
    /// clocks (closed or transferred), the earliest.
    fn ended(&self) -> Option<Date> {
        match (self.closed, self.transferred) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Whether the case is still in the committee's hands.
    pub fn open(&self) -> bool {
        self.settled.is_none() && self.ended().is_none()
    }
}

/// A clock of a case: from which day it counts, and the day its event
/// came (`met`), or the case left the committee's hands (`ended`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseClock {
    pub trigger: Trigger,
    /// The day of the event that started it.
    pub started: Date,
    /// The day of the event that meets it.
    pub met: Option<Date>,
    /// Closed or transferred before it was met: it stops unmet.
    pub ended: Option<Date>,
}

/// The clocks a case of `kind` runs that have started, in order: a clock
/// whose starting event has not come yet is absent. A denunciation sent
/// away runs the forwarding clock (LTC Art. 24(2)) instead of its
/// processing. An anonymous letter handled for its evidence (P-6) has
/// nobody to notify: no notice clock (LTC Art. 29(3) notifies the
/// denouncer).
pub fn case_clocks(kind: CaseKind, instance: Instance, days: &CaseDays, anonymous: bool) -> Vec<CaseClock> {
    let mut triggers: Vec<Trigger> = kind.clocks(instance).to_vec();
    if kind == CaseKind::Denunciation && days.transferred.is_some() && days.accepted.is_none() {
        triggers = vec![Trigger::DenunciationForwarding];
    }
    if anonymous {
        triggers.retain(|t| *t != Trigger::DenunciationNotice);
    }
    triggers
        .into_iter()
        .filter_map(|trigger| {
            let (starts, meets) = trigger.course();
            let started = days.of(starts)?;
            let met = days.of(meets);
            let ended = if met.is_none() { days.ended() } else { None };
            Some(CaseClock { trigger, started, met, ended })
        })
        .collect()
}

/// Where a clock stands against its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Standing {
    /// Running, due on or after today.
    Running,
    /// Running past its due date.
    Overdue,
    /// Met by the end of its due date.
    OnTime,
    /// Met after its due date.
    Late,
    /// Stopped unmet (closed, transferred).
    Stopped,
}

impl Standing {
    pub fn code(self) -> &'static str {
        match self {
            Standing::Running => "running",
            Standing::Overdue => "overdue",
            Standing::OnTime => "on_time",
            Standing::Late => "late",
            Standing::Stopped => "stopped",
        }
    }
}

impl CaseClock {
    /// Its standing on `today` against `due` (a period ends at the end of
    /// its due day: met that day is on time).
    pub fn standing(&self, due: Date, today: Date) -> Standing {
        match (self.met, self.ended) {
            (Some(met), _) if met <= due => Standing::OnTime,
            (Some(_), _) => Standing::Late,
            (None, Some(_)) => Standing::Stopped,
            (None, None) if today > due => Standing::Overdue,
            (None, None) => Standing::Running,
        }
    }
}

/// What a case's record refuses (nothing written).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    /// P-3: an event dated before the event it follows.
    #[error("P-3: {event} on {on} is before {after} on {after_on}")]
    BeforeTrigger { event: &'static str, on: Date, after: &'static str, after_on: Date },
    /// P-3: an event dated after today.
    #[error("P-3: {event} on {on} is after today ({today})")]
    AfterToday { event: &'static str, on: Date, today: Date },
    /// P-1: the event is recorded already, or the case is out of the
    /// committee's hands.
    #[error("P-1: {0}")]
    NotOpen(String),
    /// P-6: an anonymous letter is logged, not handled as a case.
    #[error("P-6: an anonymous letter without concrete evidence is logged, not handled as a case")]
    Anonymous,
}

impl CaseError {
    pub fn rule(&self) -> &'static str {
        match self {
            CaseError::BeforeTrigger { .. } | CaseError::AfterToday { .. } => "P-3",
            CaseError::NotOpen(_) => "P-1",
            CaseError::Anonymous => "P-6",
        }
    }
}

/// Checks the day of an event recorded on a case: not after today, not
/// before the event it follows.
pub fn check_event_day(
    event: &'static str,
    on: Date,
    after: &'static str,
    after_on: Date,
    today: Date,
) -> Result<(), CaseError> {
    if on > today {
        return Err(CaseError::AfterToday { event, on, today });
    }
    if on < after_on {
        return Err(CaseError::BeforeTrigger { event, on, after, after_on });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn days(received: Date) -> CaseDays {
        CaseDays { received, accepted: None, notified: None, settled: None, transferred: None, closed: None }
    }

    /// P-2, P-5: a denunciation runs processing from receipt, then notice
    /// and settlement from acceptance; each clock is met by its event.
    #[test]
    fn a_denunciations_clocks_follow_its_events() {
        let mut d = days(date!(2025 - 03 - 03));
        let clocks = case_clocks(CaseKind::Denunciation, Instance::First, &d, false);
        assert_eq!(clocks.len(), 1, "only processing runs before acceptance");
        assert_eq!((clocks[0].trigger, clocks[0].started), (Trigger::DenunciationProcessing, date!(2025 - 03 - 03)));
        d.accepted = Some(date!(2025 - 03 - 10));
        let clocks = case_clocks(CaseKind::Denunciation, Instance::First, &d, false);
        assert_eq!(
            clocks.iter().map(|c| c.trigger).collect::<Vec<_>>(),
            [Trigger::DenunciationProcessing, Trigger::DenunciationNotice, Trigger::DenunciationSettlement]
        );
        assert_eq!(clocks[0].met, Some(date!(2025 - 03 - 10)));
        assert_eq!(clocks[2].started, date!(2025 - 03 - 10));
        // P-6: an anonymous letter handled for its evidence notifies nobody.
        let anonymous = case_clocks(CaseKind::Denunciation, Instance::First, &d, true);
        assert_eq!(
            anonymous.iter().map(|c| c.trigger).collect::<Vec<_>>(),
            [Trigger::DenunciationProcessing, Trigger::DenunciationSettlement]
        );
        assert!(d.open());
        d.settled = Some(date!(2025 - 04 - 01));
        assert!(!d.open());
    }

    /// P-5: a denunciation sent away before acceptance runs the forwarding
    /// clock; a case closed unmet stops its clocks.
    #[test]
    fn transfer_and_closure() {
        let mut d = days(date!(2025 - 03 - 03));
        d.transferred = Some(date!(2025 - 03 - 06));
        let clocks = case_clocks(CaseKind::Denunciation, Instance::First, &d, false);
        assert_eq!(clocks.len(), 1);
        assert_eq!((clocks[0].trigger, clocks[0].met), (Trigger::DenunciationForwarding, Some(date!(2025 - 03 - 06))));
        let mut c = days(date!(2025 - 03 - 03));
        c.closed = Some(date!(2025 - 03 - 05));
        let clocks = case_clocks(CaseKind::Complaint, Instance::First, &c, false);
        assert_eq!((clocks[0].met, clocks[0].ended), (None, Some(date!(2025 - 03 - 05))));
        assert_eq!(clocks[0].standing(date!(2025 - 03 - 17), date!(2025 - 04 - 01)), Standing::Stopped);
    }

    /// P-3: a period ends at the end of its due day.
    #[test]
    fn standing_against_the_due_day() {
        let due = date!(2025 - 03 - 17);
        let clock =
            |met| CaseClock { trigger: Trigger::PetitionAnswer, started: date!(2025 - 03 - 03), met, ended: None };
        assert_eq!(clock(None).standing(due, due), Standing::Running);
        assert_eq!(clock(None).standing(due, date!(2025 - 03 - 18)), Standing::Overdue);
        assert_eq!(clock(Some(due)).standing(due, date!(2025 - 05 - 01)), Standing::OnTime);
        assert_eq!(clock(Some(date!(2025 - 03 - 18))).standing(due, date!(2025 - 05 - 01)), Standing::Late);
    }

    /// P-3: events are not dated before what they follow, nor after today.
    #[test]
    fn event_days_are_checked() {
        let today = date!(2025 - 03 - 20);
        assert!(check_event_day("accepted", date!(2025 - 03 - 05), "received", date!(2025 - 03 - 03), today).is_ok());
        let e = check_event_day("accepted", date!(2025 - 03 - 01), "received", date!(2025 - 03 - 03), today);
        assert_eq!(e.map_err(|e| e.rule()), Err("P-3"));
        assert!(check_event_day("accepted", date!(2025 - 03 - 21), "received", date!(2025 - 03 - 03), today).is_err());
    }
}
