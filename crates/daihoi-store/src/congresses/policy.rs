//! Who may do what with congresses, as named decisions over what a
//! viewer's roles reach ([`Reach`]). Pure: the facet
//! ([`Congresses`](super::access::Congresses)) finds the organization
//! concerned and asks here.
//!
//! A commune's office plans and holds its own congress; the higher
//! committee's office approves its gates and a date outside the window
//! (C-PLAN-1, C-PLAN-5); inspection and members read. A round's [open]
//! questions are answered by an administrator of a tree's root (the round
//! and its level classes) or by the higher committee of one organization.

use crate::access::Reach;

/// Read a congress and a subtree's campaign: the organization's page.
pub fn may_read(on_org: Reach) -> bool {
    on_org.page
}

/// Enter or change a congress's plan, record that it was held: a role that
/// writes on the organization.
pub fn may_plan(on_org: Reach) -> bool {
    on_org.write
}

/// Approve a gate (plan, drafts commented, personnel plan, results) or a
/// date outside the window: a role that writes on the higher organization
/// (for a root, whose approver is outside the tree, an administrator of it).
pub fn may_approve(on_higher: Reach) -> bool {
    on_higher.write
}

/// Open a round, answer its questions for the round or a level class: an
/// administrator of a root of the tree.
pub fn may_settle_round(on_root: Reach) -> bool {
    on_root.accounts
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFICE: Reach = Reach { page: true, members: true, write: true, accounts: false, audit: false };
    const INSPECTION: Reach = Reach { page: true, members: true, write: false, accounts: false, audit: true };
    const ADMIN: Reach = Reach { page: true, members: true, write: true, accounts: true, audit: true };
    const MEMBER: Reach = Reach { page: true, members: false, write: false, accounts: false, audit: false };

    #[test]
    fn each_decision_follows_its_role() {
        assert!(may_read(MEMBER) && may_read(INSPECTION) && !may_read(Reach::default()));
        assert!(may_plan(OFFICE) && !may_plan(INSPECTION) && !may_plan(MEMBER));
        assert!(may_approve(OFFICE) && !may_approve(INSPECTION));
        assert!(may_settle_round(ADMIN) && !may_settle_round(OFFICE) && !may_settle_round(INSPECTION));
    }
}
