//! Who may do what with the tree of organizations, as named decisions over
//! what a viewer's roles reach ([`Reach`]). Pure.

use crate::access::Reach;

/// See an organization's page (name, place in the tree, counts).
pub fn may_see(on_org: Reach) -> bool {
    on_org.page
}

/// Create under it, rename, move, merge, dissolve: a role that writes there.
pub fn may_edit(on_org: Reach) -> bool {
    on_org.write
}
