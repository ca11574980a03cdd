//! Who may do what with congress documents, as named decisions. Pure: the
//! facet ([`CongressDocuments`](super::CongressDocuments)) finds what the
//! viewer's roles reach on the organizations concerned and whether the
//! viewer is on the document's drafting team, and asks here.
//! Classification (T-6) is checked beside it by
//! [`Scoped::cleared`](crate::Scoped::cleared).
//!
//! The office of the organization holding the congress makes its drafts,
//! names the drafting team (tổ biên tập) and sends drafts down; the team
//! writes the versions, disposes of the comments and takes the accepted
//! amendments in; an organization's office records the comments it agreed
//! (on its own congress's drafts, on a draft sent to it, or as the higher
//! level reviewing a lower draft, C-PLAN-5) and sends its synthesis up.

use crate::access::Reach;

/// Read a congress's drafts, their versions and every comment: the
/// organization holding the congress.
pub fn may_read(on_owner: Reach) -> bool {
    on_owner.page
}

/// Read a draft sent down to an organization, and the comments that
/// organization recorded on it: that organization's readers.
pub fn may_read_sent(on_recipient: Reach) -> bool {
    on_recipient.page
}

/// Read what an organization sends up on a draft sent to it (its
/// synthesis: its comments and their dispositions): the readers of the
/// organization holding the congress (the higher level it goes up to) and
/// of the sender itself.
pub fn may_read_synthesis(on_owner: Reach, on_sender: Reach) -> bool {
    on_owner.page || on_sender.page
}

/// Make drafts, name the drafting team, send a draft down: the office of
/// the organization holding the congress.
pub fn may_prepare(on_owner: Reach) -> bool {
    on_owner.write
}

/// Write versions, dispose of comments, take accepted amendments in: the
/// drafting team only, whatever roles a person holds elsewhere.
pub fn may_draft(on_team: bool) -> bool {
    on_team
}

/// Record a comment agreed by an organization, and send its synthesis up:
/// that organization's office.
pub fn may_comment_for(on_source: Reach) -> bool {
    on_source.write
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFICE: Reach = Reach { page: true, members: true, write: true, accounts: false, audit: false };
    const INSPECTION: Reach = Reach { page: true, members: true, write: false, accounts: false, audit: true };

    #[test]
    fn each_decision_follows_its_role_or_the_team() {
        assert!(may_read(OFFICE) && may_read(INSPECTION) && !may_read(Reach::default()));
        assert!(may_read_sent(INSPECTION) && !may_read_sent(Reach::default()));
        assert!(may_read_synthesis(INSPECTION, Reach::default()) && may_read_synthesis(Reach::default(), OFFICE));
        assert!(!may_read_synthesis(Reach::default(), Reach::default()));
        assert!(may_prepare(OFFICE) && !may_prepare(INSPECTION));
        assert!(may_draft(true) && !may_draft(false));
        assert!(may_comment_for(OFFICE) && !may_comment_for(INSPECTION));
    }
}
