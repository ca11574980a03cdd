//! A due date under Civil Code Arts. 147–148 (P-3), with each step of how
//! it was computed:
//!
//! - a period starts on the day after its trigger (Art. 147);
//! - calendar days all count; working days count only working days of
//!   the [`Calendar`];
//! - a period ends at the end of its last day, and a last day that is off
//!   (a weekend, a holiday, a substitute day) moves to the end of the next
//!   working day (Art. 148);
//! - an extension (gia hạn) is a further period of the row's extension
//!   amount that starts on the day after the period it extends ends, as
//!   computed (so after any move of Art. 148); the row says how many are
//!   allowed (P-5: one for a complex denunciation, two for an especially
//!   complex one).

use time::{Date, Duration};

use crate::calendar::{AwaitingCalendar, Calendar, DayOff};
use crate::rules::{Rule, Unit};

/// An extension granted by a written decision on `decided_on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extension {
    pub decided_on: Date,
}

/// A step of the computation, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Art. 147: the period starts on the day after its trigger.
    Starts { trigger: Date, first_day: Date },
    /// The amount counted in its unit up to `last_day`; for working days,
    /// the days off that did not count.
    Counted { amount: u32, unit: Unit, last_day: Date, skipped: Vec<(Date, DayOff)> },
    /// Art. 148: the last day was off; the period ends at the end of the
    /// next working day.
    Moved { from: Date, to: Date, off: Vec<(Date, DayOff)> },
    /// Extension `number` (from 1), decided on `decided_on`: a further
    /// period, computed by the steps that follow.
    Extended { number: u8, decided_on: Date },
}

/// A due date and how it was computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// The period ends at the end of this day.
    pub date: Date,
    pub rule: Rule,
    pub steps: Vec<Step>,
}

/// A due date that cannot be computed, or extensions the rule does not
/// allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DueError {
    /// P-3: the count crosses a year whose calendar is not confirmed.
    #[error(transparent)]
    Calendar(#[from] AwaitingCalendar),
    /// P-5: more extensions than the row allows.
    #[error("P-5: {asked} extensions; the rule ({source_}) allows {allowed}")]
    TooManyExtensions { asked: usize, allowed: u8, source_: String },
    /// P-5: an extension decided after the period it extends had ended,
    /// or before its trigger.
    #[error("P-5: an extension decided on {decided_on} is outside the period it extends ({from} to {to})")]
    ExtensionOutsidePeriod { decided_on: Date, from: Date, to: Date },
    /// P-3: a trigger date the calendar cannot count from (the end of time).
    #[error("P-3: a date out of range")]
    OutOfRange,
}

fn next(d: Date) -> Result<Date, DueError> {
    d.checked_add(Duration::DAY).ok_or(DueError::OutOfRange)
}

/// One period of `amount` in `unit` after `trigger`, its steps pushed.
fn period(
    trigger: Date,
    amount: u32,
    unit: Unit,
    calendar: &Calendar,
    steps: &mut Vec<Step>,
) -> Result<Date, DueError> {
    let first_day = next(trigger)?;
    steps.push(Step::Starts { trigger, first_day });
    let mut last_day = first_day;
    let mut skipped = Vec::new();
    match unit {
        Unit::CalendarDays => {
            last_day = first_day.checked_add(Duration::days(i64::from(amount) - 1)).ok_or(DueError::OutOfRange)?;
        }
        Unit::WorkingDays => {
            let mut counted = 0;
            loop {
                match calendar.day_off(last_day)? {
                    None => counted += 1,
                    Some(off) => skipped.push((last_day, off)),
                }
                if counted == amount {
                    break;
                }
                last_day = next(last_day)?;
            }
        }
    }
    steps.push(Step::Counted { amount, unit, last_day, skipped });
    let mut end = last_day;
    let mut off = Vec::new();
    while let Some(why) = calendar.day_off(end)? {
        off.push((end, why));
        end = next(end)?;
    }
    if end != last_day {
        steps.push(Step::Moved { from: last_day, to: end, off });
    }
    Ok(end)
}

/// The due date of a clock of `rule` started by an event on `trigger`,
/// with `extensions` granted, on `calendar`.
pub fn due(trigger: Date, rule: &Rule, extensions: &[Extension], calendar: &Calendar) -> Result<Due, DueError> {
    if extensions.len() > usize::from(rule.extensions) {
        return Err(DueError::TooManyExtensions {
            asked: extensions.len(),
            allowed: rule.extensions,
            source_: rule.source.clone(),
        });
    }
    let mut steps = Vec::new();
    let mut end = period(trigger, rule.amount, rule.unit, calendar, &mut steps)?;
    let mut from = trigger;
    for (number, extension) in (1u8..).zip(extensions) {
        if extension.decided_on < from || extension.decided_on > end {
            return Err(DueError::ExtensionOutsidePeriod { decided_on: extension.decided_on, from, to: end });
        }
        steps.push(Step::Extended { number, decided_on: extension.decided_on });
        from = end;
        end = period(end, rule.extension_amount, rule.unit, calendar, &mut steps)?;
    }
    Ok(Due { date: end, rule: rule.clone(), steps })
}

/// Where a clock stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Done on or before its due date.
    DoneOnTime,
    /// Done after its due date, by so many days.
    DoneLate { days: i64 },
    /// Not done; so many days left, the due date included (0: due today).
    Open { days_left: i64 },
    /// Not done and past its due date by so many days.
    Overdue { days: i64 },
}

/// Where a clock due on `due` stands on `today`, done on `done` or not.
pub fn standing(due: Date, done: Option<Date>, today: Date) -> Standing {
    match done {
        Some(d) if d <= due => Standing::DoneOnTime,
        Some(d) => Standing::DoneLate { days: (d - due).whole_days() },
        None if today <= due => Standing::Open { days_left: (due - today).whole_days() },
        None => Standing::Overdue { days: (today - due).whole_days() },
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::calendar::{CalendarDay, DayKind};
    use crate::rules::Trigger;

    fn rule(amount: u32, unit: Unit, extensions: u8) -> Rule {
        Rule {
            trigger: Trigger::DenunciationSettlement,
            area: None,
            complexity: None,
            amount,
            unit,
            extensions,
            extension_amount: 30,
            valid_from: date!(2019 - 01 - 01),
            valid_to: None,
            source: "Luật Tố cáo 2018, Điều 30".into(),
        }
    }

    fn holiday(date: Date, name: &str) -> CalendarDay {
        CalendarDay { date, kind: DayKind::Holiday, name: name.into() }
    }

    /// Tết Bính Ngọ 2026 for civil servants: Monday 16 to Friday 20
    /// February 2026; and, for the substitute day, Giỗ Tổ Hùng Vương on
    /// Sunday 26 April 2026 with its substitute day Monday 27 April.
    fn calendar_2026() -> Calendar {
        let mut days: Vec<_> = (16..=20)
            .map(|d| holiday(Date::from_calendar_date(2026, time::Month::February, d).unwrap(), "Tết Nguyên đán"))
            .collect();
        days.push(holiday(date!(2026 - 04 - 26), "Giỗ Tổ Hùng Vương"));
        days.push(CalendarDay {
            date: date!(2026 - 04 - 27),
            kind: DayKind::Substitute,
            name: "Nghỉ bù Giỗ Tổ".into(),
        });
        Calendar::new(days).unwrap().confirmed([2025, 2026])
    }

    /// P-3 (Art. 147): 10 calendar days from Monday 2 March 2026 start on
    /// Tuesday 3 March and end on Thursday 12 March.
    #[test]
    fn a_period_starts_on_the_day_after_its_trigger() {
        let d = due(date!(2026 - 03 - 02), &rule(10, Unit::CalendarDays, 0), &[], &calendar_2026()).unwrap();
        assert_eq!(d.date, date!(2026 - 03 - 12));
        assert_eq!(d.steps[0], Step::Starts { trigger: date!(2026 - 03 - 02), first_day: date!(2026 - 03 - 03) });
    }

    /// P-3 (Art. 148) across Tết: 10 days from Friday 6 February 2026 end
    /// on Monday 16 February, the first day of Tết: the period ends at the
    /// end of the next working day, Monday 23 February, past Tết and the
    /// weekend after it; each day off is named.
    #[test]
    fn a_deadline_falling_in_tet_moves_past_it() {
        let d = due(date!(2026 - 02 - 06), &rule(10, Unit::CalendarDays, 0), &[], &calendar_2026()).unwrap();
        assert_eq!(d.date, date!(2026 - 02 - 23));
        let Some(Step::Moved { from, to, off }) = d.steps.last() else { panic!("{:?}", d.steps) };
        assert_eq!((*from, *to), (date!(2026 - 02 - 16), date!(2026 - 02 - 23)));
        assert_eq!(off.len(), 7, "five days of Tết and a weekend");
        assert!(matches!(&off[0].1, DayOff::Listed { name, .. } if name == "Tết Nguyên đán"));
        assert_eq!(off[5].1, DayOff::Saturday);
    }

    /// P-3 and P-5: 7 working days from Thursday 12 February 2026 skip the
    /// weekend and Tết: Friday 13 counts, then 23–27 February and 2 March.
    #[test]
    fn working_days_skip_tet() {
        let d = due(date!(2026 - 02 - 12), &rule(7, Unit::WorkingDays, 0), &[], &calendar_2026()).unwrap();
        assert_eq!(d.date, date!(2026 - 03 - 02));
        let Step::Counted { skipped, .. } = &d.steps[1] else { panic!() };
        assert_eq!(skipped.len(), 2 + 5 + 2 + 2, "two weekends around Tết, Tết, and the weekend of 28 February");
    }

    /// P-3: a substitute day is off like the holiday it replaces: 30 days
    /// from Friday 27 March 2026 end on Sunday 26 April (Giỗ Tổ), move past
    /// Monday 27 April (its substitute day) to Tuesday 28 April.
    #[test]
    fn a_substitute_day_is_off() {
        let d = due(date!(2026 - 03 - 27), &rule(30, Unit::CalendarDays, 0), &[], &calendar_2026()).unwrap();
        assert_eq!(d.date, date!(2026 - 04 - 28));
    }

    /// P-5: a complex denunciation is extended once by 30 days, an
    /// especially complex one twice; a third is refused, as is one decided
    /// after the period it extends.
    #[test]
    fn extensions_within_what_the_rule_allows() {
        let c = calendar_2026();
        let accepted = date!(2026 - 05 - 04);
        let plain = due(accepted, &rule(30, Unit::CalendarDays, 2), &[], &c).unwrap();
        assert_eq!(plain.date, date!(2026 - 06 - 03));
        let once = [Extension { decided_on: date!(2026 - 06 - 01) }];
        let extended = due(accepted, &rule(30, Unit::CalendarDays, 2), &once, &c).unwrap();
        assert_eq!(extended.date, date!(2026 - 07 - 03));
        assert!(extended.steps.contains(&Step::Extended { number: 1, decided_on: date!(2026 - 06 - 01) }));
        let twice = [once[0], Extension { decided_on: date!(2026 - 07 - 01) }];
        // 30 days after Friday 3 July end on Sunday 2 August: Monday 3.
        assert_eq!(due(accepted, &rule(30, Unit::CalendarDays, 2), &twice, &c).unwrap().date, date!(2026 - 08 - 03));
        assert!(matches!(
            due(accepted, &rule(30, Unit::CalendarDays, 1), &twice, &c),
            Err(DueError::TooManyExtensions { asked: 2, allowed: 1, .. })
        ));
        let late = [Extension { decided_on: date!(2026 - 06 - 04) }];
        assert!(matches!(
            due(accepted, &rule(30, Unit::CalendarDays, 1), &late, &c),
            Err(DueError::ExtensionOutsidePeriod { .. })
        ));
    }

    /// P-3: a count that reaches a year whose calendar nobody confirmed
    /// awaits it.
    #[test]
    fn an_unconfirmed_year_awaits() {
        let r = due(date!(2026 - 12 - 20), &rule(30, Unit::CalendarDays, 0), &[], &calendar_2026());
        assert_eq!(r, Err(DueError::Calendar(AwaitingCalendar { year: 2027 })));
    }

    #[test]
    fn standing_on_a_day() {
        let d = date!(2026 - 03 - 12);
        assert_eq!(standing(d, Some(d), date!(2026 - 04 - 01)), Standing::DoneOnTime);
        assert_eq!(standing(d, Some(date!(2026 - 03 - 14)), date!(2026 - 04 - 01)), Standing::DoneLate { days: 2 });
        assert_eq!(standing(d, None, d), Standing::Open { days_left: 0 });
        assert_eq!(standing(d, None, date!(2026 - 03 - 13)), Standing::Overdue { days: 1 });
    }
}
