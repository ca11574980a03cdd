//! Who may do what with members, as named decisions over what a viewer's
//! roles reach ([`Reach`]). Pure.

use crate::access::{Reach, Viewer};

/// The counts of a subtree (the base of R-BASE-1): its page suffices.
pub fn may_count(on_org: Reach) -> bool {
    on_org.page
}

/// Members' names and data: a role that reads members there.
pub fn may_read(on_org: Reach) -> bool {
    on_org.members
}

/// Import members: a role that writes there.
pub fn may_import(on_org: Reach) -> bool {
    on_org.write
}

/// Import members anywhere in the tree: the operator (the command line).
pub fn may_import_everywhere(viewer: &Viewer) -> bool {
    viewer.is_operator()
}

/// Keep a member by hand (sửa thông tin, ghi và chấm dứt tình trạng): edit
/// their data, record and end their conditions. A role that writes where
/// the member is enrolled, as for an import (the office, the admin).
pub fn may_keep(on_cell: Reach) -> bool {
    on_cell.write
}

/// Transfer a member to another cell (chuyển sinh hoạt): a role that writes
/// where the member is enrolled and one that writes where they go.
pub fn may_transfer(on_source: Reach, on_target: Reach) -> bool {
    on_source.write && on_target.write
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reach(members: bool, write: bool) -> Reach {
        Reach { page: true, members, write, ..Reach::default() }
    }

    #[test]
    fn keeping_and_transfers_need_writes_on_both_ends() {
        assert!(may_keep(reach(true, true)));
        assert!(!may_keep(reach(true, false)), "inspection reads members, never changes them");
        assert!(may_transfer(reach(true, true), reach(true, true)));
        assert!(!may_transfer(reach(true, true), reach(false, false)), "the target is outside the writer's subtree");
        assert!(!may_transfer(reach(false, false), reach(true, true)), "the member is outside the writer's subtree");
    }
}
