//! Who may do what with conferences that disseminate documents, as named
//! decisions over what a viewer's roles reach ([`Reach`]). Pure.
//!
//! The rule for one conference (issue 14 §8). A conference is read by a
//! role whose page reaches its holder on the day ([`may_read`]), and by the
//! member who attended it in person ([`may_read_one`]): a member's role
//! reaches only their own cell, and the province's conference they sat in
//! is theirs to see. Reading a conference gives its title, day, holder,
//! level and notes, and its documents up to the reader's clearance (T-6,
//! checked beside this by [`Scoped::cleared`](crate::Scoped::cleared),
//! which an attendee does not escape either). Who else attended stays
//! with [`may_see_attendee`]: a member by name only where the reader's role
//! reads the members of that member's cell on the day, or the reader
//! themselves; the others counted. An organization listed as attending is
//! named only where the reader reaches its page ([`may_see_org`]), the
//! others counted. Lists of a subtree's conferences and a document's
//! coverage stay with [`may_read`] on the subtree: attending one
//! conference opens no list.

use crate::access::Reach;

/// Read a conference, on its holder: the organization's page suffices.
/// Also the reading of a subtree's conferences and of a document's
/// coverage in it.
pub fn may_read(on_holder: Reach) -> bool {
    on_holder.page
}

/// Read one conference: [`may_read`] on its holder, or the reader attended
/// it in person.
pub fn may_read_one(on_holder: Reach, attended: bool) -> bool {
    may_read(on_holder) || attended
}

/// Record a conference and its attendance: a role that writes on the holder.
pub fn may_record(on_holder: Reach) -> bool {
    on_holder.write
}

/// See who attended by name: a role that reads the members of their cell.
pub fn may_see_attendees(on_cell: Reach) -> bool {
    on_cell.members
}

/// See one attendee by name: [`may_see_attendees`] on their cell on the
/// day, or the attendee is the reader.
pub fn may_see_attendee(on_cell: Reach, is_reader: bool) -> bool {
    may_see_attendees(on_cell) || is_reader
}

/// See an organization listed as attending by name: its page.
pub fn may_see_org(on_org: Reach) -> bool {
    on_org.page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attendee_reads_the_conference_and_no_one_else() {
        let member = Reach { page: true, ..Reach::default() };
        let nothing = Reach::default();
        assert!(may_read_one(nothing, true), "the member who attended, whatever the holder");
        assert!(!may_read_one(nothing, false));
        assert!(may_read_one(member, false), "a role that reaches the holder's page");
        assert!(may_see_attendee(nothing, true), "the reader themselves");
        assert!(!may_see_attendee(member, false), "a member's role does not read the others");
        assert!(may_see_attendee(Reach { members: true, ..member }, false));
        assert!(!may_see_org(nothing) && may_see_org(member));
    }
}
