//! Roles and what each may do. A role is always held over a subtree of the
//! organization tree (see `daihoi-store`'s `access` module, which applies
//! these rules to stored data); this module only says what a role allows.

use std::fmt;
use std::str::FromStr;

/// A role a user holds over a subtree (vai trò).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Administrator (quản trị viên): everything in the subtree, including
    /// accounts and the audit log.
    Admin,
    /// Committee office staff (cán bộ văn phòng cấp ủy / ban tổ chức): reads
    /// and changes organizations and members.
    Office,
    /// Inspection commission (ủy ban kiểm tra): reads everything in the
    /// subtree, including the audit log; changes nothing.
    Inspection,
    /// Party member (đảng viên): their own data and their own organization's
    /// page; no member lists.
    Member,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Office, Role::Inspection, Role::Member];

    /// The code stored in the database and used on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Office => "office",
            Role::Inspection => "inspection",
            Role::Member => "member",
        }
    }

    /// Sees organizations below the one the role is bound to (not only that one).
    pub fn reads_subtree(self) -> bool {
        !matches!(self, Role::Member)
    }

    /// Lists members and reads any member's data in the subtree.
    pub fn reads_members(self) -> bool {
        matches!(self, Role::Admin | Role::Office | Role::Inspection)
    }

    /// Creates and changes organizations and members (imports included).
    pub fn writes(self) -> bool {
        matches!(self, Role::Admin | Role::Office)
    }

    /// Grants and revokes roles within the subtree.
    pub fn manages_accounts(self) -> bool {
        matches!(self, Role::Admin)
    }

    /// Reads the audit log of the subtree.
    pub fn reads_audit(self) -> bool {
        matches!(self, Role::Admin | Role::Inspection)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A role code that is not one of [`Role::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?} (expected admin, office, inspection or member)")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Role, UnknownRole> {
        Role::ALL.into_iter().find(|r| r.code() == s.trim()).ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(r.code().parse::<Role>(), Ok(r));
        }
        assert!("root".parse::<Role>().is_err());
    }

    #[test]
    fn inspection_reads_and_never_writes() {
        assert!(Role::Inspection.reads_members() && Role::Inspection.reads_audit());
        assert!(!Role::Inspection.writes() && !Role::Inspection.manages_accounts());
    }

    #[test]
    fn a_member_reads_no_lists() {
        assert!(!Role::Member.reads_members() && !Role::Member.reads_subtree() && !Role::Member.writes());
    }

    #[test]
    fn every_writer_reads() {
        for r in Role::ALL {
            assert!(!r.writes() || r.reads_members(), "{r}");
            assert!(!r.manages_accounts() || r.writes(), "{r}");
        }
    }
}
