//! Citizen reception by the committee heads (P-9): the head of a
//! provincial committee receives citizens at least 1 day a month, of a
//! commune committee at least 2 (Kết luận 215-KL/TW, 2025, amending Quy
//! định 11-QĐi/TW). Compliance is counted by month and reported for the
//! month, the quarter, the first 6 and 9 months, and the year.

use std::collections::BTreeSet;

use time::{Date, Month};

/// The level of a committee whose head has a reception duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeadLevel {
    Province,
    Commune,
}

/// A reception duty: so many days a month, and its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duty {
    pub days_per_month: u32,
    pub source: &'static str,
}

/// P-9: the duty of the head of a committee of `level`.
pub fn duty(level: HeadLevel) -> Duty {
    const SOURCE: &str = "Kết luận 215-KL/TW (23/11/2025), sửa đổi Quy định 11-QĐi/TW";
    match level {
        HeadLevel::Province => Duty { days_per_month: 1, source: SOURCE },
        HeadLevel::Commune => Duty { days_per_month: 2, source: SOURCE },
    }
}

/// A month of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    pub month: Month,
}

impl YearMonth {
    pub fn of(date: Date) -> YearMonth {
        YearMonth { year: date.year(), month: date.month() }
    }
}

/// A report period (P-9): the month, the quarter, the first 6 or 9
/// months of the year, the year, each ending with a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Month,
    Quarter,
    SixMonths,
    NineMonths,
    Year,
}

impl Period {
    /// The months of the period that ends with `last` (the quarter that
    /// holds it, the year's first 6 or 9 months, the year up to it).
    pub fn months(self, last: YearMonth) -> Vec<YearMonth> {
        let m = u8::from(last.month);
        let first = match self {
            Period::Month => m,
            Period::Quarter => (m - 1) / 3 * 3 + 1,
            Period::SixMonths | Period::NineMonths | Period::Year => 1,
        };
        let end = match self {
            Period::Month | Period::Quarter | Period::Year => m,
            Period::SixMonths => 6.min(m),
            Period::NineMonths => 9.min(m),
        };
        (first..=end)
            .filter_map(|n| Month::try_from(n).ok())
            .map(|month| YearMonth { year: last.year, month })
            .collect()
    }
}

/// A month's compliance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthCompliance {
    pub month: YearMonth,
    pub required: u32,
    /// Distinct days the head received citizens.
    pub held: u32,
}

impl MonthCompliance {
    pub fn met(&self) -> bool {
        self.held >= self.required
    }
}

/// The compliance of each month of `months` under `duty`, from the days
/// the head received citizens (a day counts once, however many sessions).
pub fn compliance(duty: Duty, days_held: &[Date], months: &[YearMonth]) -> Vec<MonthCompliance> {
    let days: BTreeSet<Date> = days_held.iter().copied().collect();
    months
        .iter()
        .map(|&month| MonthCompliance {
            month,
            required: duty.days_per_month,
            held: u32::try_from(days.iter().filter(|d| YearMonth::of(**d) == month).count()).unwrap_or(u32::MAX),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn ym(year: i32, month: Month) -> YearMonth {
        YearMonth { year, month }
    }

    /// P-9: a commune head who received citizens twice in January (three
    /// sessions, two days) and once in February meets January only; a
    /// provincial head's one day a month is enough.
    #[test]
    fn compliance_by_month() {
        let days = [date!(2026 - 01 - 06), date!(2026 - 01 - 06), date!(2026 - 01 - 20), date!(2026 - 02 - 10)];
        let months = Period::Quarter.months(ym(2026, Month::February));
        assert_eq!(months, [ym(2026, Month::January), ym(2026, Month::February)]);
        let commune = compliance(duty(HeadLevel::Commune), &days, &months);
        assert_eq!(commune.iter().map(|m| (m.held, m.met())).collect::<Vec<_>>(), [(2, true), (1, false)]);
        let province = compliance(duty(HeadLevel::Province), &days, &months);
        assert!(province.iter().all(MonthCompliance::met));
    }

    /// P-9: the report periods.
    #[test]
    fn report_periods() {
        let sep = ym(2026, Month::September);
        assert_eq!(Period::Month.months(sep), [sep]);
        assert_eq!(Period::Quarter.months(sep).len(), 3);
        assert_eq!(Period::Quarter.months(sep)[0].month, Month::July);
        assert_eq!(Period::SixMonths.months(sep).len(), 6);
        assert_eq!(Period::NineMonths.months(sep).len(), 9);
        assert_eq!(Period::Year.months(ym(2026, Month::December)).len(), 12);
        assert_eq!(Period::NineMonths.months(ym(2026, Month::March)).len(), 3, "the year so far");
    }
}
