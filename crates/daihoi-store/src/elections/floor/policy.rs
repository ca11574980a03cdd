//! Who may do what with a congress's floor votes, as named decisions over
//! what a viewer's roles reach ([`Reach`]) on the congress's organization.
//! Pure: the facet ([`FloorVotes`](super::access::FloorVotes)) finds the
//! organization and asks here. Delegates hold no role: a delegate's pass
//! votes on its own congress's open vote, and nothing else.

use crate::access::Reach;

/// See the votes, their counts, who has not voted and the results: the
/// congress's readers.
pub fn may_read(on_org: Reach) -> bool {
    on_org.page
}

/// Turn floor votes on, issue PINs, open and close a vote, record the
/// presidium's declaration: the congress's office (writes on the
/// organization).
pub fn may_run(on_org: Reach) -> bool {
    on_org.write
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFICE: Reach = Reach { page: true, members: true, write: true, accounts: false, audit: false };
    const INSPECTION: Reach = Reach { page: true, members: true, write: false, accounts: false, audit: true };

    #[test]
    fn the_office_runs_the_votes_and_readers_read() {
        assert!(may_run(OFFICE) && !may_run(INSPECTION) && !may_run(Reach::default()));
        assert!(may_read(INSPECTION) && may_read(OFFICE) && !may_read(Reach::default()));
    }
}
