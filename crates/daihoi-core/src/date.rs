//! Calendar dates as people type them in Vietnamese offices.

use time::macros::date;
use time::{Date, Month, OffsetDateTime, UtcOffset};

/// Parses a date written `dd/mm/yyyy` (also with `-` or `.`, one-digit day
/// and month allowed) or ISO `yyyy-mm-dd` (what spreadsheet readers give for
/// real date cells).
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let (y, m, d) = if parts[0].len() == 4 {
        (parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 {
        (parts[2], parts[1], parts[0])
    } else {
        return None;
    };
    let year: i32 = y.parse().ok()?;
    let month: u8 = m.parse().ok()?;
    let day: u8 = d.parse().ok()?;
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// The calendar date in Vietnam (UTC+7) at the instant `now`: what "today"
/// means for every default date. The caller reads the clock.
pub fn date_in_vietnam(now: OffsetDateTime) -> Date {
    let offset = UtcOffset::from_hms(7, 0, 0).unwrap_or(UtcOffset::UTC);
    now.to_offset(offset).date()
}

/// The ISO form `yyyy-mm-dd`, which is also how dates are stored: ISO text
/// compares correctly as text on every database engine.
pub fn iso(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// Parses the ISO form written by [`iso`], exactly: `yyyy-mm-dd`, ten ASCII
/// characters, a year from 0001 (RFC 3339's `full-date`, the OpenAPI
/// `format: date`). No spaces, no other separator.
pub fn from_iso(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| b[range].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
        return None;
    }
    parse_date(text).filter(|d| d.year() >= 1)
}

/// The earliest date of the tree's history: 3 February 1930, the founding of
/// the Communist Party of Vietnam (O-DATE-1).
pub const HISTORY_FLOOR: Date = date!(1930 - 02 - 03);

/// The latest date a change of the tree may be dated on, seen from `today`:
/// the same day one year later (28 February for 29 February). A change may be
/// recorded ahead (a merger decided for next month), not for a far future that
/// would block every change made before it (O-DATE-1).
pub fn history_horizon(today: Date) -> Date {
    let year = today.year() + 1;
    today.replace_year(year).or_else(|_| Date::from_calendar_date(year, today.month(), 28)).unwrap_or(Date::MAX)
}

/// A date of the tree's history outside [`HISTORY_FLOOR`] ..= [`history_horizon`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HistoryDateOutOfRange {
    #[error(
        "O-DATE-1: {date} is before {floor}, the founding of the Party: the tree's history starts then",
        date = iso(*.0),
        floor = iso(HISTORY_FLOOR)
    )]
    BeforeFloor(Date),
    #[error(
        "O-DATE-1: {date} is more than a year ahead: a change of the tree may be dated until {horizon} (today {today} and one year)",
        date = iso(*date),
        horizon = iso(*horizon),
        today = iso(*today)
    )]
    AfterHorizon { date: Date, today: Date, horizon: Date },
}

/// O-DATE-1: the date of a change of the tree (a creation, move, merger,
/// renaming or dissolution) lies between [`HISTORY_FLOOR`] and
/// [`history_horizon`] of `today`, both included.
pub fn check_history_date(date: Date, today: Date) -> Result<(), HistoryDateOutOfRange> {
    if date < HISTORY_FLOOR {
        return Err(HistoryDateOutOfRange::BeforeFloor(date));
    }
    let horizon = history_horizon(today);
    if date > horizon {
        return Err(HistoryDateOutOfRange::AfterHorizon { date, today, horizon });
    }
    Ok(())
}

/// The Vietnamese written form `dd/mm/yyyy`.
pub fn vi(date: Date) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), u8::from(date.month()), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_office_forms() {
        assert_eq!(parse_date("18/11/2024"), Some(date!(2024 - 11 - 18)));
        assert_eq!(parse_date("3/3/2024"), Some(date!(2024 - 03 - 03)));
        assert_eq!(parse_date("03-03-2024"), Some(date!(2024 - 03 - 03)));
        assert_eq!(parse_date("03.03.2024"), Some(date!(2024 - 03 - 03)));
        assert_eq!(parse_date("2024-09-26"), Some(date!(2024 - 09 - 26)));
        assert_eq!(parse_date("31/02/2024"), None);
        assert_eq!(parse_date("2024/13/01"), None);
        assert_eq!(parse_date("18/11/24"), None);
        assert_eq!(parse_date("hôm qua"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn vietnam_is_seven_hours_ahead() {
        use time::macros::datetime;
        assert_eq!(date_in_vietnam(datetime!(2024-11-17 16:59 UTC)), date!(2024 - 11 - 17));
        assert_eq!(date_in_vietnam(datetime!(2024-11-17 17:00 UTC)), date!(2024 - 11 - 18));
    }

    #[test]
    fn iso_round_trip() {
        let d = date!(1975 - 04 - 30);
        assert_eq!(iso(d), "1975-04-30");
        assert_eq!(from_iso(&iso(d)), Some(d));
        assert_eq!(from_iso("30/04/1975"), None);
        assert_eq!(vi(d), "30/04/1975");
        for bad in
            ["", " 1975-04-30", "1975-04-30 ", "1975-4-030", "+975-04-30", "0000-01-01", "1975-02-29", "1975_04_30"]
        {
            assert_eq!(from_iso(bad), None, "{bad:?}");
        }
        assert_eq!(from_iso("0001-01-01"), Some(date!(0001 - 01 - 01)));
    }

    /// O-DATE-1: from the Party's founding to one year after today.
    #[test]
    fn history_dates_have_a_floor_and_a_horizon() {
        let today = date!(2026 - 12 - 04);
        assert_eq!(history_horizon(today), date!(2027 - 12 - 04));
        assert_eq!(history_horizon(date!(2028 - 02 - 29)), date!(2029 - 02 - 28));
        assert_eq!(check_history_date(date!(1930 - 02 - 03), today), Ok(()));
        assert_eq!(check_history_date(date!(2027 - 12 - 04), today), Ok(()));
        assert_eq!(check_history_date(today, today), Ok(()));
        assert_eq!(
            check_history_date(date!(1930 - 02 - 02), today),
            Err(HistoryDateOutOfRange::BeforeFloor(date!(1930 - 02 - 02)))
        );
        let far = check_history_date(date!(9999 - 12 - 31), today).unwrap_err();
        assert_eq!(
            far.to_string(),
            "O-DATE-1: 9999-12-31 is more than a year ahead: a change of the tree may be dated until 2027-12-04 \
             (today 2026-12-04 and one year)"
        );
        assert!(check_history_date(date!(2027 - 12 - 05), today).is_err());
    }
}
