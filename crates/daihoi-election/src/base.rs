//! Who is convened and the base of the "more than half" rule (R-BASE-*).

use serde::{Deserialize, Serialize};

use crate::ElectionError;
use crate::rules::RuleSet;

/// The meeting that votes (R-BODY-3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Meeting {
    /// Đại hội đảng viên: every member of the organization.
    MemberCongress,
    /// Đại hội đại biểu: delegates.
    DelegateCongress,
    /// Hội nghị: a committee or inspection commission in session.
    Conference,
}

impl Meeting {
    pub fn code(self) -> &'static str {
        match self {
            Meeting::MemberCongress => "member_congress",
            Meeting::DelegateCongress => "delegate_congress",
            Meeting::Conference => "conference",
        }
    }

    /// The rule that says who is convened and what the base is at this
    /// meeting: R-BASE-1, R-BASE-2 or R-BASE-3.
    pub fn base_rule(self) -> &'static str {
        match self {
            Meeting::MemberCongress => "R-BASE-1",
            Meeting::DelegateCongress => "R-BASE-2",
            Meeting::Conference => "R-BASE-3",
        }
    }
}

/// A group subtracted from those convened to give the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subtraction {
    /// R-BASE-1: members on temporary transfer to another organization.
    TemporarilyTransferred,
    /// R-BASE-1: exempted members who are not present.
    ExemptedAbsent,
    /// R-BASE-1: suspended members.
    Suspended,
    /// R-BASE-1: members prosecuted, indicted or detained.
    ProsecutedOrDetained,
    /// R-BASE-1: official members absent for the whole congress with a reason
    /// accepted by the convening committee.
    AbsentWithReason,
    /// R-BASE-2: members of the convening committee absent for the whole congress.
    ConveningCommitteeAbsent,
    /// R-BASE-2: official delegates absent for the whole congress and not
    /// replaced by an alternate.
    AbsentNotReplaced,
}

impl Subtraction {
    pub const ALL: [Subtraction; 7] = [
        Subtraction::TemporarilyTransferred,
        Subtraction::ExemptedAbsent,
        Subtraction::Suspended,
        Subtraction::ProsecutedOrDetained,
        Subtraction::AbsentWithReason,
        Subtraction::ConveningCommitteeAbsent,
        Subtraction::AbsentNotReplaced,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Subtraction::TemporarilyTransferred => "temporarily_transferred",
            Subtraction::ExemptedAbsent => "exempted_absent",
            Subtraction::Suspended => "suspended",
            Subtraction::ProsecutedOrDetained => "prosecuted_or_detained",
            Subtraction::AbsentWithReason => "absent_with_reason",
            Subtraction::ConveningCommitteeAbsent => "convening_committee_absent",
            Subtraction::AbsentNotReplaced => "absent_not_replaced",
        }
    }

    /// R-BASE-4: the subtractions of each meeting's type; a conference's come
    /// from the rule set (R-BASE-3).
    pub fn allowed_in(self, meeting: Meeting, rules: &RuleSet) -> bool {
        use Subtraction::*;
        match meeting {
            Meeting::MemberCongress => matches!(
                self,
                TemporarilyTransferred | ExemptedAbsent | Suspended | ProsecutedOrDetained | AbsentWithReason
            ),
            Meeting::DelegateCongress => matches!(self, ConveningCommitteeAbsent | AbsentNotReplaced),
            Meeting::Conference => rules.conference_subtractions.contains(&self),
        }
    }
}

/// Those convened to vote and the subtractions from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Electorate {
    pub meeting: Meeting,
    /// Official members (member congress), official delegates (delegate
    /// congress) or members of the body (conference) convened.
    pub convened: u32,
    /// Present when the vote was taken (for the minutes; it never changes the base).
    pub present: u32,
    pub subtractions: Vec<(Subtraction, u32)>,
}

impl Electorate {
    /// The base of R-PASS-1 (R-BASE-1, R-BASE-2, R-BASE-3), after checking
    /// that every subtraction belongs to the meeting (R-BASE-4) and that
    /// those present are not more than those convened.
    pub fn base(&self, rules: &RuleSet) -> Result<u32, ElectionError> {
        if self.present > self.convened {
            return Err(ElectionError::PresentOverConvened {
                rule: self.meeting.base_rule(),
                present: self.present,
                convened: self.convened,
            });
        }
        let mut seen = Vec::new();
        let mut subtracted: u32 = 0;
        for &(s, n) in &self.subtractions {
            if !s.allowed_in(self.meeting, rules) {
                return Err(ElectionError::SubtractionNotAllowed {
                    subtraction: s.code(),
                    meeting: self.meeting.code(),
                });
            }
            if seen.contains(&s) {
                return Err(ElectionError::DuplicateSubtraction { subtraction: s.code() });
            }
            seen.push(s);
            subtracted = subtracted.saturating_add(n);
        }
        self.convened
            .checked_sub(subtracted)
            .ok_or(ElectionError::SubtractionsExceedConvened { convened: self.convened, subtracted })
    }
}

/// R-PASS-1: the smallest number of votes that is more than half of `base`.
pub fn votes_needed(base: u32) -> u32 {
    base / 2 + 1
}

/// R-PASS-1: `votes` is more than half of `base` (2·votes > base, in integers).
pub fn passes(votes: u32, base: u32) -> bool {
    2 * u64::from(votes) > u64::from(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member_congress(convened: u32, subtractions: Vec<(Subtraction, u32)>) -> Electorate {
        Electorate { meeting: Meeting::MemberCongress, convened, present: convened, subtractions }
    }

    /// W1 (R-BASE-1): 25 official; 2 on transfer, 1 exempted absent, 1
    /// suspended, 1 absent with reason → base 20; a winner needs ≥ 11.
    #[test]
    fn w1_member_congress_base() {
        use Subtraction::*;
        let e = member_congress(
            25,
            vec![(TemporarilyTransferred, 2), (ExemptedAbsent, 1), (Suspended, 1), (AbsentWithReason, 1)],
        );
        let base = e.base(&RuleSet::default()).unwrap();
        assert_eq!(base, 20);
        assert_eq!(votes_needed(base), 11);
    }

    /// W2 (R-BASE-1): an exempted member who is present and votes stays in the base.
    #[test]
    fn w2_exempted_present_stays() {
        let base = member_congress(12, vec![(Subtraction::ExemptedAbsent, 0)]).base(&RuleSet::default()).unwrap();
        assert_eq!(base, 12);
        assert_eq!(votes_needed(base), 7);
    }

    /// W4 (R-BASE-2): delegate congress, 150 convened; 3 committee members
    /// absent; 4 delegates absent, 2 of them replaced → base 145, needs ≥ 73.
    #[test]
    fn w4_delegate_congress_base() {
        let e = Electorate {
            meeting: Meeting::DelegateCongress,
            convened: 150,
            present: 141,
            subtractions: vec![(Subtraction::ConveningCommitteeAbsent, 3), (Subtraction::AbsentNotReplaced, 2)],
        };
        let base = e.base(&RuleSet::default()).unwrap();
        assert_eq!(base, 145);
        assert_eq!(votes_needed(base), 73);
    }

    /// R-BASE-4: a subtraction of another meeting type is an input error.
    #[test]
    fn r_base_4_foreign_subtraction_is_refused() {
        let e = member_congress(25, vec![(Subtraction::AbsentNotReplaced, 1)]);
        assert!(matches!(e.base(&RuleSet::default()), Err(ElectionError::SubtractionNotAllowed { .. })));
        let e = Electorate {
            meeting: Meeting::DelegateCongress,
            convened: 150,
            present: 150,
            subtractions: vec![(Subtraction::Suspended, 1)],
        };
        assert!(matches!(e.base(&RuleSet::default()), Err(ElectionError::SubtractionNotAllowed { .. })));
        let e = member_congress(25, vec![(Subtraction::Suspended, 1), (Subtraction::Suspended, 1)]);
        assert!(matches!(e.base(&RuleSet::default()), Err(ElectionError::DuplicateSubtraction { .. })));
        let e = member_congress(2, vec![(Subtraction::Suspended, 3)]);
        assert!(matches!(e.base(&RuleSet::default()), Err(ElectionError::SubtractionsExceedConvened { .. })));
    }

    /// R-BASE-1, R-BASE-2, R-BASE-3: those present are among those convened;
    /// the message names the rule of the meeting.
    #[test]
    fn r_base_present_over_convened_is_refused() {
        let rules = RuleSet::default();
        for (meeting, rule) in [
            (Meeting::MemberCongress, "R-BASE-1"),
            (Meeting::DelegateCongress, "R-BASE-2"),
            (Meeting::Conference, "R-BASE-3"),
        ] {
            let e = Electorate { meeting, convened: 20, present: 21, subtractions: vec![] };
            let err = e.base(&rules).unwrap_err();
            assert_eq!(err, ElectionError::PresentOverConvened { rule, present: 21, convened: 20 });
            assert!(err.to_string().starts_with(&format!("{rule}: 21 present but only 20 convened")), "{err}");
            assert_eq!(Electorate { present: 20, ..e }.base(&rules), Ok(20));
        }
    }

    /// R-BASE-3: a conference's base is those convened; subtractions only
    /// when the rule set allows them [open].
    #[test]
    fn r_base_3_conference() {
        let e = Electorate { meeting: Meeting::Conference, convened: 15, present: 14, subtractions: vec![] };
        assert_eq!(e.base(&RuleSet::default()), Ok(15));
        let with = Electorate { subtractions: vec![(Subtraction::AbsentWithReason, 1)], ..e };
        assert!(with.base(&RuleSet::default()).is_err());
        let rules = RuleSet { conference_subtractions: vec![Subtraction::AbsentWithReason], ..RuleSet::default() };
        assert_eq!(with.base(&rules), Ok(14));
    }

    /// R-PASS-1 and W3: base 20, 10 votes is not more than half.
    #[test]
    fn r_pass_1_more_than_half() {
        assert!(!passes(10, 20));
        assert!(passes(11, 20));
        assert!(passes(11, 21));
        assert!(!passes(10, 21));
        for base in 0..500 {
            assert!(passes(votes_needed(base), base));
            assert!(votes_needed(base) == 0 || !passes(votes_needed(base) - 1, base));
        }
    }
}
