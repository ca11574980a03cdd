//! The calendar of working days (P-3): Saturdays and Sundays are off; the
//! public holidays (Tết and the others) and their substitute days (nghỉ
//! bù) are off; a make-up working day (làm bù, a Saturday worked in
//! exchange for a day off) is worked. All of it is data an administrator
//! keeps; the year's days are announced each year, so a year counts only
//! once a person has confirmed its calendar ([`Calendar::confirm`]):
//! before that a deadline that crosses it awaits the calendar, it is not
//! guessed.

use std::collections::{BTreeMap, BTreeSet};

use time::{Date, Weekday};

/// What a day of the calendar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DayKind {
    /// A public holiday (ngày lễ, Tết).
    Holiday,
    /// A substitute day off (ngày nghỉ bù): a holiday fell on a weekend,
    /// or a working day was swapped for a Saturday.
    Substitute,
    /// A make-up working day (ngày làm bù): a Saturday or a Sunday worked.
    MakeUp,
}

impl DayKind {
    pub const ALL: [DayKind; 3] = [DayKind::Holiday, DayKind::Substitute, DayKind::MakeUp];

    /// The stable code kept in storage and files.
    pub fn code(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Substitute => "substitute",
            DayKind::MakeUp => "make_up",
        }
    }

    pub fn from_code(code: &str) -> Option<DayKind> {
        DayKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A day of the calendar with its name ("Tết Nguyên đán", "Nghỉ bù Giỗ Tổ
/// Hùng Vương").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarDay {
    pub date: Date,
    pub kind: DayKind,
    pub name: String,
}

/// Why a day is not a working day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayOff {
    Saturday,
    Sunday,
    /// A holiday or a substitute day, with its name.
    Listed {
        kind: DayKind,
        name: String,
    },
}

/// A calendar refused as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// P-3: a date given twice.
    #[error("P-3: {0} is in the calendar twice")]
    Twice(Date),
    /// P-3: a make-up working day that is not a Saturday or a Sunday.
    #[error("P-3: {0} is a make-up working day but is not a Saturday or a Sunday")]
    MakeUpOnWeekday(Date),
    /// P-3: a holiday or substitute day without a name.
    #[error("P-3: the day {0} has no name")]
    Unnamed(Date),
}

/// A year whose calendar no person has confirmed yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("P-3: the calendar of {year} awaits a person's confirmation")]
pub struct AwaitingCalendar {
    pub year: i32,
}

/// The calendar: listed days and the years a person has confirmed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    days: BTreeMap<Date, CalendarDay>,
    confirmed: BTreeSet<i32>,
}

impl Calendar {
    /// A calendar of `days`, none of its years confirmed yet.
    pub fn new(days: impl IntoIterator<Item = CalendarDay>) -> Result<Calendar, CalendarError> {
        let mut calendar = Calendar::default();
        for day in days {
            calendar.add(day)?;
        }
        Ok(calendar)
    }

    /// Adds a day; refused as [`CalendarError`].
    pub fn add(&mut self, day: CalendarDay) -> Result<(), CalendarError> {
        if self.days.contains_key(&day.date) {
            return Err(CalendarError::Twice(day.date));
        }
        if day.kind == DayKind::MakeUp && !is_weekend(day.date) {
            return Err(CalendarError::MakeUpOnWeekday(day.date));
        }
        if day.name.trim().is_empty() {
            return Err(CalendarError::Unnamed(day.date));
        }
        self.days.insert(day.date, day);
        Ok(())
    }

    /// Records that a person confirmed the calendar of `year`.
    pub fn confirm(&mut self, year: i32) {
        self.confirmed.insert(year);
    }

    /// With `year` confirmed (see [`Calendar::confirm`]).
    #[must_use]
    pub fn confirmed(mut self, years: impl IntoIterator<Item = i32>) -> Calendar {
        self.confirmed.extend(years);
        self
    }

    pub fn is_confirmed(&self, year: i32) -> bool {
        self.confirmed.contains(&year)
    }

    /// The listed days, by date.
    pub fn days(&self) -> impl Iterator<Item = &CalendarDay> {
        self.days.values()
    }

    /// Why `date` is off, or `None` on a working day; awaiting when its
    /// year is not confirmed.
    pub fn day_off(&self, date: Date) -> Result<Option<DayOff>, AwaitingCalendar> {
        if !self.is_confirmed(date.year()) {
            return Err(AwaitingCalendar { year: date.year() });
        }
        Ok(match self.days.get(&date) {
            Some(CalendarDay { kind: DayKind::MakeUp, .. }) => None,
            Some(day) => Some(DayOff::Listed { kind: day.kind, name: day.name.clone() }),
            None => match date.weekday() {
                Weekday::Saturday => Some(DayOff::Saturday),
                Weekday::Sunday => Some(DayOff::Sunday),
                _ => None,
            },
        })
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: Date) -> Result<bool, AwaitingCalendar> {
        Ok(self.day_off(date)?.is_none())
    }

    /// The `n`th working day after `from` (`from` itself not counted):
    /// the last day of a period of `n` working days that `from` starts.
    pub fn working_days_after(&self, from: Date, n: u32) -> Result<Date, AwaitingCalendar> {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            day = day.next_day().ok_or(AwaitingCalendar { year: day.year() + 1 })?;
            if self.is_working_day(day)? {
                left -= 1;
            }
        }
        Ok(day)
    }
}

fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn day(date: Date, kind: DayKind, name: &str) -> CalendarDay {
        CalendarDay { date, kind, name: name.to_owned() }
    }

    /// P-3: weekends are off, a listed holiday is off with its name, a
    /// make-up Saturday is worked; an unconfirmed year awaits.
    #[test]
    fn days_off_and_make_up_days() {
        let c = Calendar::new([
            day(date!(2025 - 05 - 02), DayKind::Substitute, "Nghỉ bù (làm bù thứ Bảy 26/4)"),
            day(date!(2025 - 04 - 26), DayKind::MakeUp, "Làm bù cho ngày 2/5"),
            day(date!(2025 - 04 - 30), DayKind::Holiday, "Ngày Giải phóng miền Nam"),
        ])
        .unwrap()
        .confirmed([2025]);
        assert_eq!(c.day_off(date!(2025 - 04 - 29)), Ok(None));
        assert!(matches!(c.day_off(date!(2025 - 04 - 30)), Ok(Some(DayOff::Listed { kind: DayKind::Holiday, .. }))));
        assert!(matches!(c.day_off(date!(2025 - 05 - 02)), Ok(Some(DayOff::Listed { kind: DayKind::Substitute, .. }))));
        assert_eq!(c.day_off(date!(2025 - 04 - 26)), Ok(None), "a make-up Saturday is worked");
        assert_eq!(c.day_off(date!(2025 - 05 - 03)), Ok(Some(DayOff::Saturday)));
        assert_eq!(c.day_off(date!(2025 - 05 - 04)), Ok(Some(DayOff::Sunday)));
        assert_eq!(c.day_off(date!(2026 - 01 - 05)), Err(AwaitingCalendar { year: 2026 }));
    }

    /// P-3: a day listed twice, a make-up day on a weekday, a nameless day.
    #[test]
    fn a_calendar_with_errors_is_refused() {
        let twice =
            [day(date!(2025 - 01 - 01), DayKind::Holiday, "A"), day(date!(2025 - 01 - 01), DayKind::Holiday, "B")];
        assert_eq!(Calendar::new(twice), Err(CalendarError::Twice(date!(2025 - 01 - 01))));
        let weekday = [day(date!(2025 - 04 - 29), DayKind::MakeUp, "Làm bù")];
        assert_eq!(Calendar::new(weekday), Err(CalendarError::MakeUpOnWeekday(date!(2025 - 04 - 29))));
        let unnamed = [day(date!(2025 - 04 - 30), DayKind::Holiday, " ")];
        assert_eq!(Calendar::new(unnamed), Err(CalendarError::Unnamed(date!(2025 - 04 - 30))));
    }

    /// R-AFTER-2's 15 working days, counted on the calendar: a holiday in
    /// the period adds a day; an unconfirmed year awaits.
    #[test]
    fn working_days_after_a_day() {
        let c = Calendar::new([
            day(date!(2025 - 09 - 01), DayKind::Holiday, "Quốc khánh"),
            day(date!(2025 - 09 - 02), DayKind::Holiday, "Quốc khánh"),
        ])
        .unwrap()
        .confirmed([2025]);
        // Friday 22 August 2025: 15 working days end on Tuesday 16
        // September, the two days of Quốc khánh not counting.
        assert_eq!(c.working_days_after(date!(2025 - 08 - 22), 15), Ok(date!(2025 - 09 - 16)));
        assert_eq!(c.working_days_after(date!(2025 - 12 - 20), 15), Err(AwaitingCalendar { year: 2026 }));
        assert_eq!(c.working_days_after(date!(2025 - 08 - 22), 0), Ok(date!(2025 - 08 - 22)));
    }

    #[test]
    fn day_kind_codes_round_trip() {
        for k in DayKind::ALL {
            assert_eq!(DayKind::from_code(k.code()), Some(k));
        }
        assert_eq!(DayKind::from_code("weekend"), None);
    }
}
