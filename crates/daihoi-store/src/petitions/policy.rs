//! Who may do what with petitions, as named decisions. Pure: the facet
//! ([`Petitions`](super::Petitions)) finds what the viewer's roles reach
//! and asks here.
//!
//! The legal clocks (the rule table and the calendar) are the law and the
//! State's calendar, the same for every organization: everyone signed in
//! reads them; an administrator of a root of the tree keeps them (enters
//! and ends rows, lists days, confirms a year).

use crate::access::Reach;
use crate::documents::Classification;

/// Keep the rule table and the calendar: an administrator of a root.
pub fn may_keep_clocks(on_root: Reach) -> bool {
    on_root.accounts
}

/// Read an organization's cases (their content, never the filer's
/// identity): those who read its members (office, administration,
/// inspection), within the reader's clearance.
pub fn may_read_cases(on_org: Reach) -> bool {
    on_org.members
}

/// P-9: read an organization's reception calendar, its sessions and its
/// head's compliance: whoever sees the organization (the calendar is
/// announced to the public; the visits' matters are read with the cases).
pub fn may_read_reception(on_org: Reach) -> bool {
    on_org.page
}

/// Receive, route and handle an organization's cases: those who write on
/// it (office, administration).
pub fn may_handle_cases(on_org: Reach) -> bool {
    on_org.write
}

/// P-7: read a case's filer's identity: a reader of the case; for a
/// denunciation (`secret`), only one cleared for the highest
/// classification.
pub fn may_read_identity(on_org: Reach, clearance: Classification, secret: bool) -> bool {
    may_read_cases(on_org) && (!secret || clearance == Classification::Secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ADMIN: Reach = Reach { page: true, members: true, write: true, accounts: true, audit: true };
    const OFFICE: Reach = Reach { page: true, members: true, write: true, accounts: false, audit: false };

    const INSPECTION: Reach = Reach { page: true, members: true, write: false, accounts: false, audit: true };

    /// P-7: the denouncer's identity only to a reader cleared for secret;
    /// a complainant's to the case's readers.
    #[test]
    fn who_reads_a_filers_identity() {
        assert!(may_read_identity(INSPECTION, Classification::Secret, true));
        assert!(!may_read_identity(INSPECTION, Classification::Confidential, true));
        assert!(may_read_identity(OFFICE, Classification::Normal, false));
        assert!(!may_read_identity(Reach::default(), Classification::Secret, true));
        assert!(may_handle_cases(OFFICE) && !may_handle_cases(INSPECTION));
    }

    #[test]
    fn only_an_administrator_keeps_the_clocks() {
        assert!(may_keep_clocks(ADMIN));
        assert!(!may_keep_clocks(OFFICE));
        assert!(!may_keep_clocks(Reach::default()));
    }
}
