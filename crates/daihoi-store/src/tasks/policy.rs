//! Who may do what with implementation tasks (T-6), as named decisions over
//! what a viewer's roles reach ([`Reach`]). Pure: the facet
//! ([`Tasks`](super::access::Tasks)) finds the organization concerned and
//! asks here; the web asks the facet, never the flags.

use crate::access::Reach;

/// Read a task, on its assignee: the organization's page suffices.
pub fn may_read(on_assignee: Reach) -> bool {
    on_assignee.page
}

/// Give a task to an organization, cascade to it, add targets: a role that
/// writes there.
pub fn may_assign(on_org: Reach) -> bool {
    on_org.write
}

/// Report, progress, state and the targets' readings: the assignee's office
/// (a role that writes on the assignee).
pub fn may_report(on_assignee: Reach) -> bool {
    on_assignee.write
}

/// Urging (đôn đốc) comes from above: a role that writes on the
/// organization above the assignee.
pub fn may_urge(on_assignees_parent: Reach) -> bool {
    on_assignees_parent.write
}

/// Inspection and supervision records (kiểm tra, giám sát): a role that
/// reads the subtree's audit log (an inspection commission, an
/// administrator).
pub fn may_record_inspection(on_assignee: Reach) -> bool {
    on_assignee.audit
}

/// The \[open\] tracking rules of a subtree: an administrator of it.
pub fn may_choose_tracking_rules(on_org: Reach) -> bool {
    on_org.accounts
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
        assert!(may_report(OFFICE) && !may_report(INSPECTION) && !may_report(MEMBER));
        assert!(may_record_inspection(INSPECTION) && !may_record_inspection(OFFICE));
        assert!(may_choose_tracking_rules(ADMIN) && !may_choose_tracking_rules(OFFICE));
        assert!(may_read(MEMBER) && !may_read(Reach::default()));
        assert!(may_assign(OFFICE) && !may_assign(INSPECTION));
        assert!(may_urge(OFFICE) && !may_urge(MEMBER));
    }
}
