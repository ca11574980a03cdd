//! Who may read the audit log, as a named decision over what a viewer's
//! roles reach ([`Reach`]). Pure.

use crate::access::Reach;

/// Read the log of a subtree: a role that reads it (an inspection
/// commission, an administrator).
pub fn may_read_log(on_org: Reach) -> bool {
    on_org.audit
}
