//! Who may read the audit log, as named decisions over a viewer's roles.
//! Pure.

use crate::access::{Reach, Viewer};

/// Read the log of a subtree: a role that reads it (an inspection
/// commission, an administrator).
pub fn may_read_log(on_org: Reach) -> bool {
    on_org.audit
}

/// Open the log at all (its page, its link in the header): the operator,
/// or a user holding a role that reads some subtree's log.
pub fn may_open_log(viewer: &Viewer) -> bool {
    viewer.reads_any_audit()
}
