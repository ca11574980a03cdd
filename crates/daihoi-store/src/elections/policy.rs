//! Who may do what with a congress's elections, as named decisions. Pure:
//! the facet ([`Elections`](super::Elections)) finds the organization's
//! reach and the viewer's duty on the election's board, and asks here.
//!
//! The congress's office prepares an election (the list, the staff, the
//! ballots issued) and records the congress's decisions; the board's clerks
//! enter ballots, each in their own entry, and see only their own entries
//! (the two entries are independent); the board settles, rules and closes
//! the count and alone sees the totals while the count is open; once a
//! round is closed its count is read by the congress's readers.

use super::Duty;
use crate::access::Reach;

/// Read an election: its list, rounds and closed counts, its decisions.
pub fn may_read(on_org: Reach) -> bool {
    on_org.page
}

/// Prepare an election and record the congress's decisions: the office of
/// the organization holding the congress.
pub fn may_prepare(on_org: Reach) -> bool {
    on_org.write
}

/// Enter ballots: a clerk of this election's board, in their own entry.
pub fn may_enter(duty: Option<Duty>) -> bool {
    duty.and_then(Duty::entry).is_some()
}

/// Settle ballots, rule on them (R-VALID-8), see the totals while the count
/// is open, close the count: the board of this election.
pub fn may_settle(duty: Option<Duty>) -> bool {
    duty == Some(Duty::Board)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFICE: Reach = Reach { page: true, members: true, write: true, accounts: false, audit: false };
    const INSPECTION: Reach = Reach { page: true, members: true, write: false, accounts: false, audit: true };

    #[test]
    fn each_decision_follows_its_role_and_duty() {
        assert!(may_read(OFFICE) && may_read(INSPECTION) && !may_read(Reach::default()));
        assert!(may_prepare(OFFICE) && !may_prepare(INSPECTION));
        assert!(may_enter(Some(Duty::Entry1)) && may_enter(Some(Duty::Entry2)));
        assert!(!may_enter(Some(Duty::Board)) && !may_enter(None));
        assert!(may_settle(Some(Duty::Board)) && !may_settle(Some(Duty::Entry1)) && !may_settle(None));
    }
}
