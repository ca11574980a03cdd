//! T-4: periodic reports from assignees, urging (đôn đốc), inspection and
//! supervision (kiểm tra, giám sát) records with findings and
//! recommendations; every event in an append-only log.
//!
//! **Time in the log.** An event has two dates: when it happened
//! (`occurred_on`) and when it was written into the log (`recorded_on`). The
//! log is append-only in recording order, so `recorded_on` never goes back;
//! `occurred_on` may be earlier than the previous event's, because records
//! arrive late (an inspection held last week is written up after a report
//! dated yesterday). What may not happen is an event recorded before it
//! occurred. See [`check_append`].
//!
//! **Report periods.** Conclusion 215-KL/TW (research B.4) lists reports
//! "monthly, Q1, 6-month, 9-month, annually": the Vietnamese cumulative
//! pattern, where the 6-month, 9-month and annual reports run from 1 January
//! (the 6-month report stands in for the second quarter, the 9-month one for
//! the third). [`PeriodKind`] follows it; plain calendar quarters are kept
//! for bodies that report every quarter. Periods are calendar ones; the due
//! date of a report is not in the research and is a parameter ([`DueRule`],
//! \[open\]).

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::TrackingError;
use crate::rollup::Progress;
use crate::status::Workflow;

/// The kind of a periodic report (báo cáo định kỳ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PeriodKind {
    /// A calendar month (báo cáo tháng).
    Monthly,
    /// A calendar quarter (báo cáo quý).
    Quarterly,
    /// 1 January – 30 June (báo cáo 6 tháng, sơ kết 6 tháng đầu năm).
    /// Cumulative: a date in July–December is in no 6-month period; the
    /// annual report covers it.
    HalfYear,
    /// 1 January – 30 September (báo cáo 9 tháng). A date in
    /// October–December is in no 9-month period.
    NineMonths,
    /// The calendar year (báo cáo năm, tổng kết năm).
    Annual,
}

/// A report period of a year: `index` is the month (1–12) or the quarter
/// (1–4); 1 for the other kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    pub kind: PeriodKind,
    pub year: i32,
    pub index: u8,
    pub start: Date,
    /// The last day of the period (inclusive).
    pub end: Date,
}

fn ymd(year: i32, month: u8, day: u8) -> Option<Date> {
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// The last day of a month.
fn month_end(year: i32, month: u8) -> Option<Date> {
    let (y, m) = if month == 12 { (year.checked_add(1)?, 1) } else { (year, month + 1) };
    ymd(y, m, 1)?.previous_day()
}

impl Period {
    /// The period of `kind` that `date` belongs to, or `None` for a date the
    /// kind does not cover (after June for [`PeriodKind::HalfYear`], after
    /// September for [`PeriodKind::NineMonths`]) or at the edge of the
    /// representable calendar.
    #[must_use]
    pub fn containing(kind: PeriodKind, date: Date) -> Option<Period> {
        let (year, month) = (date.year(), u8::from(date.month()));
        let (index, first, last) = match kind {
            PeriodKind::Monthly => (month, month, month),
            PeriodKind::Quarterly => {
                let q = (month - 1) / 3 + 1;
                (q, q * 3 - 2, q * 3)
            }
            PeriodKind::HalfYear if month <= 6 => (1, 1, 6),
            PeriodKind::NineMonths if month <= 9 => (1, 1, 9),
            PeriodKind::HalfYear | PeriodKind::NineMonths => return None,
            PeriodKind::Annual => (1, 1, 12),
        };
        Some(Period { kind, year, index, start: ymd(year, first, 1)?, end: month_end(year, last)? })
    }

    /// Whether `date` lies in the period.
    #[must_use]
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }

    /// The report's due date under `schedule`.
    #[must_use]
    pub fn due(&self, schedule: &ReportSchedule) -> Option<Date> {
        schedule.rule(self.kind).due(self)
    }
}

/// When a report falls due relative to its period.
///
/// **\[open\]** The research gives the report kinds (KL 215-KL/TW) but no due
/// day; bodies set it in their own rules (often a day of the following month,
/// sometimes before the period ends, with the figures cut off earlier).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DueRule {
    /// `n` days after the period's last day (0 = the last day itself).
    DaysAfterEnd(u16),
    /// `n` days before the period's last day.
    DaysBeforeEnd(u16),
    /// This day of the month after the period (clamped to that month's
    /// length: 31 in a 30-day month is its 30th).
    DayOfNextMonth(u8),
}

impl DueRule {
    /// The due date of `period` under this rule.
    #[must_use]
    pub fn due(self, period: &Period) -> Option<Date> {
        match self {
            DueRule::DaysAfterEnd(n) => period.end.checked_add(time::Duration::days(i64::from(n))),
            DueRule::DaysBeforeEnd(n) => period.end.checked_sub(time::Duration::days(i64::from(n))),
            DueRule::DayOfNextMonth(d) => {
                let next = period.end.next_day()?;
                let end = month_end(next.year(), u8::from(next.month()))?;
                ymd(next.year(), u8::from(next.month()), d.clamp(1, end.day()))
            }
        }
    }
}

/// The due rule for each report kind. No `Default`: the rules are \[open\].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReportSchedule {
    pub monthly: DueRule,
    pub quarterly: DueRule,
    pub half_year: DueRule,
    pub nine_months: DueRule,
    pub annual: DueRule,
}

impl ReportSchedule {
    /// The same rule for every kind.
    #[must_use]
    pub fn uniform(rule: DueRule) -> ReportSchedule {
        ReportSchedule { monthly: rule, quarterly: rule, half_year: rule, nine_months: rule, annual: rule }
    }

    #[must_use]
    pub fn rule(&self, kind: PeriodKind) -> DueRule {
        match kind {
            PeriodKind::Monthly => self.monthly,
            PeriodKind::Quarterly => self.quarterly,
            PeriodKind::HalfYear => self.half_year,
            PeriodKind::NineMonths => self.nine_months,
            PeriodKind::Annual => self.annual,
        }
    }
}

/// One finding (kết luận, phát hiện) of an inspection or supervision; the
/// recommendations are listed beside the findings in the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub text: String,
}

/// What happened to a task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum EventKind {
    /// A periodic report (báo cáo định kỳ) from the assignee.
    Report { period: Period, summary: String, progress: Option<Progress> },
    /// Urging (đôn đốc) by whoever assigned the task, possibly with a new
    /// deadline it grants.
    Urging { by: String, note: String, new_deadline: Option<Date> },
    /// An inspection (kiểm tra), by a committee or an inspection commission.
    Inspection { by: String, findings: Vec<Finding>, recommendations: Vec<String> },
    /// A supervision (giám sát).
    Supervision { by: String, findings: Vec<Finding>, recommendations: Vec<String> },
    /// A workflow move (T-3), checked against the current state.
    StatusChange { from: Workflow, to: Workflow },
    /// Progress reported outside a periodic report.
    ProgressReported { progress: Progress },
}

/// An entry of a task's log (nhật ký).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// When it happened (a report's date, the inspection's date).
    pub occurred_on: Date,
    /// When it was written into the log; never before `occurred_on`.
    pub recorded_on: Date,
    pub kind: EventKind,
}

/// T-4: whether `new` may follow `last` in a log: recorded no earlier than
/// the last event and not before it occurred; a report dated within or after
/// its period's start. Occurrence may go back (module doc).
pub fn check_append(last: Option<&Event>, new: &Event) -> Result<(), TrackingError> {
    if new.occurred_on > new.recorded_on {
        return Err(TrackingError::OccursAfterRecorded { occurred: new.occurred_on, recorded: new.recorded_on });
    }
    if let Some(last) = last
        && new.recorded_on < last.recorded_on
    {
        return Err(TrackingError::RecordedBackInTime { last: last.recorded_on, new: new.recorded_on });
    }
    if let EventKind::Report { period, .. } = &new.kind
        && new.occurred_on < period.start
    {
        return Err(TrackingError::ReportBeforePeriod { start: period.start, occurred: new.occurred_on });
    }
    Ok(())
}

/// A task's append-only log. There is no way to change or remove an entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    initial: Workflow,
    events: Vec<Event>,
}

impl Timeline {
    /// An empty log for a task in `initial` state.
    #[must_use]
    pub fn new(initial: Workflow) -> Timeline {
        Timeline { initial, events: Vec::new() }
    }

    #[must_use]
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The workflow state after the last status change.
    #[must_use]
    pub fn workflow(&self) -> Workflow {
        self.events
            .iter()
            .rev()
            .find_map(|e| match e.kind {
                EventKind::StatusChange { to, .. } => Some(to),
                _ => None,
            })
            .unwrap_or(self.initial)
    }

    /// The last progress reported (by a report or on its own), by the order
    /// of occurrence (the latest-recorded among the same date).
    #[must_use]
    pub fn latest_progress(&self) -> Option<(Date, Progress)> {
        let mut best: Option<(Date, Progress)> = None;
        for e in &self.events {
            let p = match &e.kind {
                EventKind::Report { progress: Some(p), .. } | EventKind::ProgressReported { progress: p } => *p,
                _ => continue,
            };
            if best.is_none_or(|(d, _)| e.occurred_on >= d) {
                best = Some((e.occurred_on, p));
            }
        }
        best
    }

    /// Appends an event after [`check_append`] and, for a status change,
    /// [`Workflow::check_move`] from the current state. Refused events leave
    /// the log as it was.
    pub fn append(&mut self, event: Event) -> Result<(), TrackingError> {
        check_append(self.events.last(), &event)?;
        if let EventKind::StatusChange { from, to } = event.kind {
            let current = self.workflow();
            if from != current {
                return Err(TrackingError::StatusChangeFromWrongState { current, from });
            }
            from.check_move(to)?;
        }
        self.events.push(event);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    type Span = (Date, Date, u8);

    fn period(kind: PeriodKind, d: Date) -> Option<Span> {
        Period::containing(kind, d).map(|p| (p.start, p.end, p.index))
    }

    /// T-4: the period a date belongs to, at the boundaries.
    #[test]
    fn t4_periods() {
        use PeriodKind::*;
        #[rustfmt::skip]
        let cases: &[(PeriodKind, Date, Option<Span>)] = &[
            (Monthly, date!(2024 - 02 - 29), Some((date!(2024 - 02 - 01), date!(2024 - 02 - 29), 2))),
            (Monthly, date!(2025 - 02 - 01), Some((date!(2025 - 02 - 01), date!(2025 - 02 - 28), 2))),
            (Monthly, date!(2025 - 12 - 31), Some((date!(2025 - 12 - 01), date!(2025 - 12 - 31), 12))),
            (Quarterly, date!(2026 - 03 - 31), Some((date!(2026 - 01 - 01), date!(2026 - 03 - 31), 1))),
            (Quarterly, date!(2026 - 04 - 01), Some((date!(2026 - 04 - 01), date!(2026 - 06 - 30), 2))),
            (Quarterly, date!(2026 - 12 - 31), Some((date!(2026 - 10 - 01), date!(2026 - 12 - 31), 4))),
            (HalfYear, date!(2026 - 01 - 01), Some((date!(2026 - 01 - 01), date!(2026 - 06 - 30), 1))),
            (HalfYear, date!(2026 - 06 - 30), Some((date!(2026 - 01 - 01), date!(2026 - 06 - 30), 1))),
            (HalfYear, date!(2026 - 07 - 01), None),
            (NineMonths, date!(2026 - 09 - 30), Some((date!(2026 - 01 - 01), date!(2026 - 09 - 30), 1))),
            (NineMonths, date!(2026 - 10 - 01), None),
            (Annual, date!(2026 - 07 - 15), Some((date!(2026 - 01 - 01), date!(2026 - 12 - 31), 1))),
        ];
        for (i, (kind, d, want)) in cases.iter().enumerate() {
            assert_eq!(period(*kind, *d), *want, "case {i}");
        }
    }

    /// T-4: due dates under each \[open\] due rule.
    #[test]
    fn t4_due_dates() {
        let q1 = Period::containing(PeriodKind::Quarterly, date!(2026 - 02 - 10)).unwrap();
        let jan = Period::containing(PeriodKind::Monthly, date!(2026 - 01 - 10)).unwrap();
        let year = Period::containing(PeriodKind::Annual, date!(2026 - 05 - 10)).unwrap();
        #[rustfmt::skip]
        let cases: &[(&Period, DueRule, Date)] = &[
            (&q1, DueRule::DaysAfterEnd(0), date!(2026 - 03 - 31)),
            (&q1, DueRule::DaysAfterEnd(5), date!(2026 - 04 - 05)),
            (&q1, DueRule::DaysBeforeEnd(16), date!(2026 - 03 - 15)),
            (&q1, DueRule::DayOfNextMonth(31), date!(2026 - 04 - 30)),
            (&jan, DueRule::DayOfNextMonth(31), date!(2026 - 02 - 28)),
            (&jan, DueRule::DayOfNextMonth(5), date!(2026 - 02 - 05)),
            (&year, DueRule::DayOfNextMonth(15), date!(2027 - 01 - 15)),
        ];
        for (i, (p, rule, want)) in cases.iter().enumerate() {
            assert_eq!(p.due(&ReportSchedule::uniform(*rule)), Some(*want), "case {i}");
        }
        let mixed =
            ReportSchedule { annual: DueRule::DaysBeforeEnd(15), ..ReportSchedule::uniform(DueRule::DaysAfterEnd(3)) };
        assert_eq!(year.due(&mixed), Some(date!(2026 - 12 - 16)));
        assert_eq!(q1.due(&mixed), Some(date!(2026 - 04 - 03)));
    }

    fn ev(occurred_on: Date, recorded_on: Date, kind: EventKind) -> Event {
        Event { occurred_on, recorded_on, kind }
    }

    /// T-4: the log only goes forward in recording order; an event may have
    /// occurred before the previous one (late records), never after it was
    /// recorded.
    #[test]
    fn t4_append_only_in_recording_order() {
        let mut t = Timeline::new(Workflow::Assigned);
        let urging =
            EventKind::Urging {
                by: "VP Tỉnh ủy".into(), note: "Đôn đốc báo cáo quý I".into(), new_deadline: None
            };
        t.append(ev(date!(2026 - 04 - 10), date!(2026 - 04 - 10), urging.clone())).unwrap();
        let inspection = EventKind::Inspection {
            by: "UBKT Tỉnh ủy".into(),
            findings: vec![Finding { text: "Chưa ban hành kế hoạch".into() }],
            recommendations: vec!["Ban hành trước 30/4".into()],
        };
        // held on 2 April, written up on 12 April: allowed
        t.append(ev(date!(2026 - 04 - 02), date!(2026 - 04 - 12), inspection.clone())).unwrap();
        assert_eq!(
            t.append(ev(date!(2026 - 04 - 11), date!(2026 - 04 - 11), urging.clone())),
            Err(TrackingError::RecordedBackInTime { last: date!(2026 - 04 - 12), new: date!(2026 - 04 - 11) })
        );
        assert_eq!(
            t.append(ev(date!(2026 - 04 - 20), date!(2026 - 04 - 19), urging.clone())),
            Err(TrackingError::OccursAfterRecorded {
                occurred: date!(2026 - 04 - 20),
                recorded: date!(2026 - 04 - 19)
            })
        );
        // same recording day is fine
        t.append(ev(date!(2026 - 04 - 12), date!(2026 - 04 - 12), urging)).unwrap();
        assert_eq!(t.events().len(), 3);
    }

    /// T-4 with T-3: reports, progress and status changes in the log.
    #[test]
    fn t4_reports_progress_and_status() {
        let q1 = Period::containing(PeriodKind::Quarterly, date!(2026 - 01 - 01)).unwrap();
        let h1 = Period::containing(PeriodKind::HalfYear, date!(2026 - 01 - 01)).unwrap();
        let pr = |v| Some(Progress::new(v).unwrap());
        let mut t = Timeline::new(Workflow::Assigned);
        assert_eq!(t.latest_progress(), None);
        t.append(ev(
            date!(2026 - 01 - 05),
            date!(2026 - 01 - 05),
            EventKind::StatusChange { from: Workflow::Assigned, to: Workflow::InProgress },
        ))
        .unwrap();
        t.append(ev(
            date!(2026 - 03 - 31),
            date!(2026 - 04 - 02),
            EventKind::Report { period: q1, summary: "Quý I".into(), progress: pr(30.0) },
        ))
        .unwrap();
        t.append(ev(
            date!(2026 - 05 - 15),
            date!(2026 - 05 - 15),
            EventKind::ProgressReported { progress: Progress::new(45.0).unwrap() },
        ))
        .unwrap();
        assert_eq!(t.latest_progress(), Some((date!(2026 - 05 - 15), Progress::new(45.0).unwrap())));
        // a report dated before its period starts is refused
        let bad = ev(
            date!(2025 - 12 - 31),
            date!(2026 - 05 - 16),
            EventKind::Report { period: h1, summary: String::new(), progress: None },
        );
        assert_eq!(
            t.append(bad),
            Err(TrackingError::ReportBeforePeriod { start: date!(2026 - 01 - 01), occurred: date!(2025 - 12 - 31) })
        );
        // a late-recorded older progress does not win over a newer one
        t.append(ev(
            date!(2026 - 05 - 01),
            date!(2026 - 05 - 20),
            EventKind::ProgressReported { progress: Progress::new(40.0).unwrap() },
        ))
        .unwrap();
        assert_eq!(t.latest_progress().unwrap().1.percent(), 45.0);
        // status changes must start from the current state and be allowed
        assert_eq!(
            t.append(ev(
                date!(2026 - 06 - 01),
                date!(2026 - 06 - 01),
                EventKind::StatusChange { from: Workflow::Assigned, to: Workflow::Done }
            )),
            Err(TrackingError::StatusChangeFromWrongState { current: Workflow::InProgress, from: Workflow::Assigned })
        );
        t.append(ev(
            date!(2026 - 06 - 01),
            date!(2026 - 06 - 01),
            EventKind::StatusChange { from: Workflow::InProgress, to: Workflow::Cancelled },
        ))
        .unwrap();
        assert_eq!(
            t.append(ev(
                date!(2026 - 06 - 02),
                date!(2026 - 06 - 02),
                EventKind::StatusChange { from: Workflow::Cancelled, to: Workflow::InProgress }
            )),
            Err(TrackingError::StatusChangeNotAllowed { from: Workflow::Cancelled, to: Workflow::InProgress })
        );
        assert_eq!(t.workflow(), Workflow::Cancelled);
        assert_eq!(t.events().len(), 5);
    }
}
