//! Calendar months (tháng): the unit of the age reference (thời điểm tính
//! tuổi, C-PER-1) and of the service a person has left (C-PER-2…4).

use serde::{Deserialize, Serialize};
use time::Date;

/// A month of a year, e.g. 09/2025. Ordered by year, then month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct YearMonth {
    year: i32,
    month: u8,
}

impl YearMonth {
    /// The month `month` (1–12) of `year`; `None` for another month number.
    pub fn new(year: i32, month: u8) -> Option<YearMonth> {
        (1..=12).contains(&month).then_some(YearMonth { year, month })
    }

    /// The month a date falls in.
    pub fn of(date: Date) -> YearMonth {
        YearMonth { year: date.year(), month: u8::from(date.month()) }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    fn from_index(index: i64) -> YearMonth {
        let year = index.div_euclid(12);
        let month = index.rem_euclid(12) + 1;
        YearMonth {
            year: i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX }),
            month: u8::try_from(month).unwrap_or(12),
        }
    }

    /// Months from `self` to `later` (negative when `later` is earlier):
    /// 09/2025 → 09/2029 is 48, → 08/2029 is 47.
    pub fn months_until(self, later: YearMonth) -> i64 {
        later.index() - self.index()
    }

    /// The month `n` months after (before, for negative `n`).
    pub fn plus_months(self, n: i64) -> YearMonth {
        YearMonth::from_index(self.index() + n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn months_are_counted_by_calendar_month() {
        let sep25 = YearMonth::new(2025, 9).unwrap();
        assert_eq!(sep25.months_until(YearMonth::new(2029, 9).unwrap()), 48);
        assert_eq!(sep25.months_until(YearMonth::new(2029, 8).unwrap()), 47);
        assert_eq!(sep25.plus_months(42), YearMonth::new(2029, 3).unwrap());
        assert_eq!(sep25.plus_months(-9), YearMonth::new(2024, 12).unwrap());
        assert_eq!(YearMonth::of(date!(2025 - 07 - 31)), YearMonth::new(2025, 7).unwrap());
        assert!(YearMonth::new(2025, 13).is_none());
        assert!(YearMonth::new(2025, 0).is_none());
        assert!(YearMonth::new(2025, 12).unwrap() < YearMonth::new(2026, 1).unwrap());
    }
}
