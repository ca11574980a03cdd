//! What the member register knows of the base of a member congress (R-BASE-1).

use serde::Serialize;

use super::ConditionKind;

/// For one organization (its whole subtree) on one date: the official members
/// convened and how many of them fall in each subtraction of R-BASE-1 that the
/// register can know. A member with several conditions is counted once, under
/// the first of [`ConditionKind::ALL`].
///
/// Two subtractions are known only at the congress and are not here: exempted
/// members who are *absent* (an exempted member who attends stays in the base),
/// and members absent for the whole congress with an accepted reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BaseCount {
    /// Official members (đảng viên chính thức) of the subtree on the date.
    pub convened: u64,
    /// Probationary members: not convened for voting, shown for information.
    pub probationary: u64,
    pub prosecuted_or_detained: u64,
    pub suspended: u64,
    pub temporarily_transferred: u64,
    /// Exempted from work and activities: subtracted only if absent.
    pub exempted: u64,
}

impl BaseCount {
    /// The count for one condition.
    pub fn of(&self, kind: ConditionKind) -> u64 {
        match kind {
            ConditionKind::ProsecutedOrDetained => self.prosecuted_or_detained,
            ConditionKind::Suspended => self.suspended,
            ConditionKind::TemporarilyTransferred => self.temporarily_transferred,
            ConditionKind::Exempted => self.exempted,
        }
    }

    /// Adds one official member with the given conditions (those holding on
    /// the date); probationary members go through [`BaseCount::add_probationary`].
    pub fn add_official(&mut self, conditions: impl IntoIterator<Item = ConditionKind>) {
        self.convened += 1;
        if let Some(first) = conditions.into_iter().min() {
            *self.slot(first) += 1;
        }
    }

    pub fn add_probationary(&mut self) {
        self.probationary += 1;
    }

    fn slot(&mut self, kind: ConditionKind) -> &mut u64 {
        match kind {
            ConditionKind::ProsecutedOrDetained => &mut self.prosecuted_or_detained,
            ConditionKind::Suspended => &mut self.suspended,
            ConditionKind::TemporarilyTransferred => &mut self.temporarily_transferred,
            ConditionKind::Exempted => &mut self.exempted,
        }
    }

    /// R-BASE-1: the base once the congress has said how many exempted members
    /// are absent and how many members are absent with an accepted reason.
    /// `None` when those numbers do not fit the register (more exempted absent
    /// than exempted members, or a negative base).
    pub fn base(&self, exempted_absent: u64, absent_with_reason: u64) -> Option<u64> {
        if exempted_absent > self.exempted {
            return None;
        }
        self.convened
            .checked_sub(self.prosecuted_or_detained)?
            .checked_sub(self.suspended)?
            .checked_sub(self.temporarily_transferred)?
            .checked_sub(exempted_absent)?
            .checked_sub(absent_with_reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// W1 (R-BASE-1): 25 official; 2 on transfer, 1 exempted absent, 1 suspended,
    /// 1 absent with reason → base 20.
    #[test]
    fn worked_example_w1() {
        let mut c = BaseCount::default();
        for _ in 0..20 {
            c.add_official([]);
        }
        c.add_official([ConditionKind::TemporarilyTransferred]);
        c.add_official([ConditionKind::TemporarilyTransferred]);
        c.add_official([ConditionKind::Exempted]);
        c.add_official([ConditionKind::Suspended]);
        c.add_official([]);
        assert_eq!(c.convened, 25);
        assert_eq!(c.base(1, 1), Some(20));
    }

    /// W2 (R-BASE-1): an exempted member who is present and votes stays in the base.
    #[test]
    fn worked_example_w2() {
        let mut c = BaseCount::default();
        for _ in 0..11 {
            c.add_official([]);
        }
        c.add_official([ConditionKind::Exempted]);
        assert_eq!(c.base(0, 0), Some(12));
        assert_eq!(c.base(2, 0), None);
    }

    /// R-BASE-1: a member both suspended and prosecuted is subtracted once.
    #[test]
    fn a_member_is_subtracted_once() {
        let mut c = BaseCount::default();
        c.add_official([ConditionKind::Suspended, ConditionKind::ProsecutedOrDetained]);
        c.add_official([ConditionKind::Exempted, ConditionKind::TemporarilyTransferred]);
        c.add_probationary();
        assert_eq!((c.prosecuted_or_detained, c.suspended, c.temporarily_transferred, c.exempted), (1, 0, 1, 0));
        assert_eq!(c.base(0, 0), Some(0));
        assert_eq!(c.probationary, 1);
    }
}
