//! Congress personnel (P-8): a case about a member who is a candidate
//! holds that member in the personnel work until it is settled; a congress
//! may set the day from which new letters about its candidates are
//! recorded but not considered. No national number of days was found, so
//! the day is the congress's own setting; without it every letter is
//! considered.

use time::Date;

/// Whether a letter about a candidate is considered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consideration {
    Considered,
    /// Received on or after the congress's cut-off: recorded, not
    /// considered for this congress.
    RecordedOnly {
        cutoff: Date,
    },
}

/// Whether a letter about a candidate received on `received` is
/// considered, under the congress's cut-off day (`None`: not set).
pub fn consideration(received: Date, cutoff: Option<Date>) -> Consideration {
    match cutoff {
        Some(cutoff) if received >= cutoff => Consideration::RecordedOnly { cutoff },
        _ => Consideration::Considered,
    }
}

/// A case about a member, as the personnel work sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseAbout {
    pub received: Date,
    /// The day it was settled (concluded, or closed without a case).
    pub settled: Option<Date>,
    pub consideration: Consideration,
}

impl CaseAbout {
    /// Whether it holds its member on `on`: received by then, not settled
    /// by then, and considered.
    pub fn holds_on(&self, on: Date) -> bool {
        self.received <= on && self.settled.is_none_or(|s| s > on) && self.consideration == Consideration::Considered
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    /// P-8: a considered case holds its member from receipt until it is
    /// settled; one received after the congress's cut-off is recorded only
    /// and holds nobody.
    #[test]
    fn a_case_holds_a_candidate_until_settled() {
        let cutoff = Some(date!(2025 - 09 - 20));
        let case = CaseAbout {
            received: date!(2025 - 09 - 01),
            settled: Some(date!(2025 - 09 - 25)),
            consideration: consideration(date!(2025 - 09 - 01), cutoff),
        };
        assert!(!case.holds_on(date!(2025 - 08 - 31)));
        assert!(case.holds_on(date!(2025 - 09 - 01)));
        assert!(case.holds_on(date!(2025 - 09 - 24)));
        assert!(!case.holds_on(date!(2025 - 09 - 25)));
        let late = consideration(date!(2025 - 09 - 20), cutoff);
        assert_eq!(late, Consideration::RecordedOnly { cutoff: date!(2025 - 09 - 20) });
        let recorded = CaseAbout { received: date!(2025 - 09 - 20), settled: None, consideration: late };
        assert!(!recorded.holds_on(date!(2025 - 09 - 30)));
        assert_eq!(consideration(date!(2025 - 10 - 01), None), Consideration::Considered);
    }
}
