//! Who may do what after the count, as named decisions. Pure: the facet
//! ([`Elections`](crate::elections::Elections)) finds what the viewer's
//! roles reach on the congress's organization and on the one above (the
//! office above answers through `Congresses::approves_for`, as for a
//! congress's gates, C-PLAN-5) and asks here.

use crate::access::Reach;

/// Read what follows the count: the election's readers.
pub fn may_read(on_org: Reach) -> bool {
    on_org.page
}

/// Record complaints received, the ballots sealed and destroyed, who is
/// planned for secretary and inspection chair: the congress's office (an
/// office above writes there too).
pub fn may_record(on_org: Reach) -> bool {
    on_org.write
}

/// Record the higher committee's approval or annulment of the results
/// (R-AFTER-1, R-AFTER-3) and its direction when the planned secretary is
/// not elected (R-RANK-4): the office of the organization above, which
/// `approves_for` answers (a role that writes there, or an administrator
/// of a root).
pub fn may_approve(approves_for: bool) -> bool {
    approves_for
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFICE: Reach = Reach { page: true, members: true, write: true, accounts: false, audit: false };
    const INSPECTION: Reach = Reach { page: true, members: true, write: false, accounts: false, audit: true };

    #[test]
    fn the_office_records_and_the_office_above_approves() {
        assert!(may_read(INSPECTION) && !may_read(Reach::default()));
        assert!(may_record(OFFICE) && !may_record(INSPECTION));
        assert!(may_approve(true) && !may_approve(false));
    }
}
