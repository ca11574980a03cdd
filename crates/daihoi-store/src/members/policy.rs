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
