//! How numbers and dates are written on charts and printed reports.
//!
//! Words come from the caller already translated; numbers and dates are
//! written here, in the [`NumberStyle`] the caller picks for the reader's
//! language. Nothing reads the system locale.

use serde::{Deserialize, Serialize};
use time::Date;

/// The reader's way of writing numbers and dates (vi, en, fr).
///
/// | style | 1234.5    | 45 percent | 28 November 2026 |
/// |-------|-----------|------------|------------------|
/// | `Vi`  | `1.234,5` | `45%`      | `28/11/2026`     |
/// | `En`  | `1,234.5` | `45%`      | `2026-11-28`     |
/// | `Fr`  | `1 234,5` | `45 %`     | `28/11/2026`     |
///
/// French groups thousands and separates `%` with a narrow no-break space
/// (U+202F). At most two decimals are written, trailing zeros dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum NumberStyle {
    #[default]
    Vi,
    En,
    Fr,
}

const NARROW_NBSP: char = '\u{202f}';

impl NumberStyle {
    fn separators(self) -> (char, char) {
        match self {
            NumberStyle::Vi => ('.', ','),
            NumberStyle::En => (',', '.'),
            NumberStyle::Fr => (NARROW_NBSP, ','),
        }
    }

    /// `x` with at most two decimals and grouped thousands; a value that is
    /// not finite is written as an empty string (it cannot be shown).
    pub fn number(self, x: f64) -> String {
        self.number_with(x, 2)
    }

    fn number_with(self, x: f64, decimals: usize) -> String {
        if !x.is_finite() {
            return String::new();
        }
        let (group, point) = self.separators();
        // Half away from zero (37.25 gives 37.3), not the formatter's half to even.
        let scale = 10f64.powi(i32::try_from(decimals).unwrap_or(2));
        let rounded = (x.abs() * scale).round() / scale;
        let fixed = format!("{:.*}", decimals, if rounded.is_finite() { rounded } else { x.abs() });
        let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
        let frac = frac.trim_end_matches('0');
        let mut out = String::new();
        let negative = x < 0.0 && (int.bytes().any(|b| b != b'0') || !frac.is_empty());
        if negative {
            out.push('-');
        }
        let digits = int.len();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (digits - i) % 3 == 0 {
                out.push(group);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(point);
            out.push_str(frac);
        }
        out
    }

    /// A percentage (`45` gives `45%`), at most one decimal.
    pub fn percent(self, p: f64) -> String {
        let n = self.number_with(p, 1);
        if n.is_empty() {
            return n;
        }
        match self {
            NumberStyle::Fr => format!("{n}{NARROW_NBSP}%"),
            NumberStyle::Vi | NumberStyle::En => format!("{n}%"),
        }
    }

    /// A date: day/month/year in Vietnamese and French, ISO 8601 in English.
    pub fn date(self, d: Date) -> String {
        let (y, m, day) = (d.year(), u8::from(d.month()), d.day());
        match self {
            NumberStyle::Vi | NumberStyle::Fr => format!("{day:02}/{m:02}/{y}"),
            NumberStyle::En => format!("{y:04}-{m:02}-{day:02}"),
        }
    }

    /// The Excel number format of a date in this style.
    pub(crate) fn excel_date_format(self) -> &'static str {
        match self {
            NumberStyle::Vi | NumberStyle::Fr => "dd/mm/yyyy",
            NumberStyle::En => "yyyy-mm-dd",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NumberStyle::{En, Fr, Vi};
    use time::macros::date;

    #[test]
    fn numbers_in_each_style() {
        assert_eq!(Vi.number(1234.5), "1.234,5");
        assert_eq!(En.number(1234.5), "1,234.5");
        assert_eq!(Fr.number(1234.5), "1\u{202f}234,5");
        assert_eq!(Vi.number(1_234_567.0), "1.234.567");
        assert_eq!(En.number(0.125), "0.13");
        assert_eq!(En.number(-4.0), "-4");
        assert_eq!(En.number(-0.001), "0");
        assert_eq!(En.number(100.0), "100");
        assert_eq!(Vi.number(f64::NAN), "");
        assert_eq!(Vi.number(f64::INFINITY), "");
    }

    #[test]
    fn percents_and_dates() {
        assert_eq!(Vi.percent(45.0), "45%");
        assert_eq!(Vi.percent(37.25), "37,3%");
        assert_eq!(Fr.percent(45.0), "45\u{202f}%");
        assert_eq!(En.percent(100.0), "100%");
        assert_eq!(Vi.date(date!(2026 - 11 - 08)), "08/11/2026");
        assert_eq!(Fr.date(date!(2026 - 11 - 08)), "08/11/2026");
        assert_eq!(En.date(date!(2026 - 11 - 08)), "2026-11-08");
    }
}
