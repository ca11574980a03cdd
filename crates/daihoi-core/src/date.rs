//! Calendar dates as people type them in Vietnamese offices.

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

/// Parses the ISO form written by [`iso`].
pub fn from_iso(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    parse_date(text)
}

/// The Vietnamese written form `dd/mm/yyyy`.
pub fn vi(date: Date) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), u8::from(date.month()), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

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
    }
}
