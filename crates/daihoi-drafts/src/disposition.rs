//! What the drafting team decided on a comment (hướng xử lý ý kiến): taken
//! in, taken in part, explained, or not taken in; all but the first need
//! an explanation that the synthesis reports.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The drafting team's disposition of a comment (hướng tiếp thu, giải trình).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    /// Tiếp thu: taken in.
    Accepted,
    /// Tiếp thu một phần: taken in part.
    AcceptedInPart,
    /// Giải trình: explained (the text stays, with the reasons).
    Explained,
    /// Không tiếp thu: not taken in.
    NotAccepted,
}

impl Disposition {
    pub const ALL: [Disposition; 4] =
        [Disposition::Accepted, Disposition::AcceptedInPart, Disposition::Explained, Disposition::NotAccepted];

    /// The stable code the store keeps.
    pub fn as_str(self) -> &'static str {
        match self {
            Disposition::Accepted => "accepted",
            Disposition::AcceptedInPart => "accepted_in_part",
            Disposition::Explained => "explained",
            Disposition::NotAccepted => "not_accepted",
        }
    }

    /// The Vietnamese words of the synthesis report.
    pub fn label_vi(self) -> &'static str {
        match self {
            Disposition::Accepted => "tiếp thu",
            Disposition::AcceptedInPart => "tiếp thu một phần",
            Disposition::Explained => "giải trình",
            Disposition::NotAccepted => "không tiếp thu",
        }
    }

    /// Whether this disposition needs an explanation: all but
    /// [`Disposition::Accepted`].
    pub fn needs_explanation(self) -> bool {
        self != Disposition::Accepted
    }
}

impl fmt::Display for Disposition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A code that is no disposition.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a disposition (accepted, accepted_in_part, explained, not_accepted)")]
pub struct UnknownDisposition(pub String);

impl FromStr for Disposition {
    type Err = UnknownDisposition;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Disposition::ALL.into_iter().find(|d| d.as_str() == s).ok_or_else(|| UnknownDisposition(s.to_owned()))
    }
}

/// A disposition with its explanation, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub disposition: Disposition,
    /// Trimmed; none when not given.
    pub explanation: Option<String>,
}

/// A disposition refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DispositionError {
    #[error("“{}” needs an explanation", .disposition.label_vi())]
    ExplanationNeeded { disposition: Disposition },
}

impl Decision {
    /// A decision: every disposition but [`Disposition::Accepted`] needs an
    /// explanation that is not empty once trimmed.
    pub fn new(disposition: Disposition, explanation: Option<&str>) -> Result<Self, DispositionError> {
        let explanation = explanation.map(str::trim).filter(|e| !e.is_empty()).map(str::to_owned);
        if disposition.needs_explanation() && explanation.is_none() {
            return Err(DispositionError::ExplanationNeeded { disposition });
        }
        Ok(Self { disposition, explanation })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_stable() {
        for d in Disposition::ALL {
            assert_eq!(d.as_str().parse::<Disposition>(), Ok(d));
            assert_eq!(serde_json::to_value(d).unwrap(), d.as_str());
        }
        assert_eq!(Disposition::AcceptedInPart.as_str(), "accepted_in_part");
        assert_eq!(Disposition::NotAccepted.label_vi(), "không tiếp thu");
        assert!("tiep_thu".parse::<Disposition>().is_err());
    }

    #[test]
    fn all_but_accepted_need_an_explanation() {
        assert!(Decision::new(Disposition::Accepted, None).is_ok());
        assert_eq!(Decision::new(Disposition::Accepted, Some("  ")).unwrap().explanation, None);
        for d in [Disposition::AcceptedInPart, Disposition::Explained, Disposition::NotAccepted] {
            assert_eq!(Decision::new(d, Some(" \t\n")), Err(DispositionError::ExplanationNeeded { disposition: d }));
            assert_eq!(Decision::new(d, None), Err(DispositionError::ExplanationNeeded { disposition: d }));
        }
        let d = Decision::new(Disposition::Explained, Some(" Số liệu đã được cập nhật theo báo cáo của UBND xã. "));
        assert_eq!(d.unwrap().explanation.as_deref(), Some("Số liệu đã được cập nhật theo báo cáo của UBND xã."));
    }
}
