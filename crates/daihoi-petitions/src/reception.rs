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

    /// `yyyy-mm`, the year from 1900 to 9999; `None` for anything else.
    pub fn parse(text: &str) -> Option<YearMonth> {
        let (y, m) = text.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = y.parse().ok().filter(|y| *y >= 1900)?;
        let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
        Some(YearMonth { year, month })
    }

    /// `yyyy-mm`.
    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, u8::from(self.month))
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
    pub const ALL: [Period; 5] = [Period::Month, Period::Quarter, Period::SixMonths, Period::NineMonths, Period::Year];

    pub fn code(self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::SixMonths => "six_months",
            Period::NineMonths => "nine_months",
            Period::Year => "year",
        }
    }

    pub fn from_code(code: &str) -> Option<Period> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

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
    compliance_since(duty, days_held, months, Date::MIN)
}

/// [`compliance`] for a committee that exists from `since`: the duty runs
/// from its first whole month (a committee formed on 1 July owes July; one
/// formed on 15 July owes August on); a month before requires nothing.
pub fn compliance_since(duty: Duty, days_held: &[Date], months: &[YearMonth], since: Date) -> Vec<MonthCompliance> {
    let days: BTreeSet<Date> = days_held.iter().copied().collect();
    months
        .iter()
        .map(|&month| {
            let first = Date::from_calendar_date(month.year, month.month, 1).unwrap_or(Date::MIN);
            MonthCompliance {
                month,
                required: if first >= since { duty.days_per_month } else { 0 },
                held: u32::try_from(days.iter().filter(|d| YearMonth::of(**d) == month).count()).unwrap_or(u32::MAX),
            }
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

    /// P-9: a report's month is written `yyyy-mm`.
    #[test]
    fn months_are_read_and_written() {
        assert_eq!(YearMonth::parse("2026-03"), Some(ym(2026, Month::March)));
        assert_eq!(ym(2026, Month::March).code(), "2026-03");
        for bad in ["2026-13", "2026-00", "2026-3", "26-03", "2026/03", "0000-01", "", "2026-03-01", "२०२६-03"]
        {
            assert_eq!(YearMonth::parse(bad), None, "{bad}");
        }
        for p in Period::ALL {
            assert_eq!(Period::from_code(p.code()), Some(p));
        }
    }

    /// P-9: a commune formed on 1 July 2025 owes July on; one formed on 15
    /// July owes August on.
    #[test]
    fn the_duty_runs_from_the_first_whole_month() {
        let months = Period::Quarter.months(ym(2025, Month::August));
        let commune = duty(HeadLevel::Commune);
        let required =
            |since| compliance_since(commune, &[], &months, since).iter().map(|m| m.required).collect::<Vec<_>>();
        assert_eq!(required(date!(2025 - 07 - 01)), [2, 2]);
        assert_eq!(required(date!(2025 - 07 - 15)), [0, 2]);
        assert!(
            compliance_since(commune, &[], &months, date!(2025 - 07 - 15))[0].met(),
            "nothing owed, nothing missed"
        );
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
