//! Who may do what with accounts, as named decisions. Pure.
//!
//! There is no page to manage other people's accounts yet: creating
//! accounts, giving and taking roles, clearances and password resets are the
//! command line's (the operator's). Every user manages their own password,
//! language and API tokens.

use crate::access::Viewer;

/// Create accounts, give and take roles, clear, reset a password.
pub fn may_manage_accounts(viewer: &Viewer) -> bool {
    viewer.is_operator()
}

/// Change one's own password, language, API tokens: the account's user.
pub fn may_manage_own_account(viewer: &Viewer, user_id: i64) -> bool {
    viewer.user().is_some_and(|u| u.id == user_id) || viewer.is_operator()
}
