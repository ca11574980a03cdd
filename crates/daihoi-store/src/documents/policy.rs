//! Who may do what with the document register, as named decisions over
//! what a viewer's roles reach ([`Reach`]). Pure; classification (T-6) is
//! checked beside it by [`Scoped::cleared`](crate::Scoped::cleared).

use crate::access::Reach;

/// Register a document in an organization's register, attach its files,
/// link it: a role that writes on that organization.
pub fn may_edit_register(on_register: Reach) -> bool {
    on_register.write
}
