//! Who may do what with conferences that disseminate documents, as named
//! decisions over what a viewer's roles reach ([`Reach`]). Pure.

use crate::access::Reach;

/// Read a conference, on its holder: the organization's page suffices.
pub fn may_read(on_holder: Reach) -> bool {
    on_holder.page
}

/// Record a conference and its attendance: a role that writes on the holder.
pub fn may_record(on_holder: Reach) -> bool {
    on_holder.write
}

/// See who attended by name: a role that reads the members of their cell.
pub fn may_see_attendees(on_cell: Reach) -> bool {
    on_cell.members
}
