//! Who may do what with the tree of organizations, as named decisions over
//! what a viewer's roles reach ([`Reach`]). Pure.

use crate::access::{Reach, Viewer};

/// See an organization's page (name, place in the tree, counts).
pub fn may_see(on_org: Reach) -> bool {
    on_org.page
}

/// Create under it, rename, move, merge, dissolve: a role that writes there.
pub fn may_edit(on_org: Reach) -> bool {
    on_org.write
}

/// Create organizations from a file, roots included: the operator (the
/// command line), who holds the database anyway.
pub fn may_import_tree(viewer: &Viewer) -> bool {
    viewer.is_operator()
}
