//! Who may do what with petitions, as named decisions. Pure: the facet
//! ([`Petitions`](super::Petitions)) finds what the viewer's roles reach
//! and asks here.
//!
//! The legal clocks (the rule table and the calendar) are the law and the
//! State's calendar, the same for every organization: everyone signed in
//! reads them; an administrator of a root of the tree keeps them (enters
//! and ends rows, lists days, confirms a year).

use crate::access::Reach;

/// Keep the rule table and the calendar: an administrator of a root.
pub fn may_keep_clocks(on_root: Reach) -> bool {
    on_root.accounts
}

#[cfg(test)]
mod tests {
    use super::*;

    const ADMIN: Reach = Reach { page: true, members: true, write: true, accounts: true, audit: true };
    const OFFICE: Reach = Reach { page: true, members: true, write: true, accounts: false, audit: false };

    #[test]
    fn only_an_administrator_keeps_the_clocks() {
        assert!(may_keep_clocks(ADMIN));
        assert!(!may_keep_clocks(OFFICE));
        assert!(!may_keep_clocks(Reach::default()));
    }
}
