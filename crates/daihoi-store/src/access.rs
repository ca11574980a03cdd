//! Access as a capability (after lldap's access-controlled handler): a
//! [`Viewer`] is who asks, with the roles they hold over subtrees, and
//! [`Scoped`] is the only view of organizations, members and the audit log
//! that the web server gets. Every method checks the viewer's roles against
//! the organization concerned and refuses with [`StoreError::Forbidden`];
//! lists are cut to what the viewer may see.
//!
//! The web crate never holds a bare [`Db`] in its handlers, so a handler that
//! forgets a check has no way to reach member data. The command line works as
//! the [`Viewer::operator`], who holds the database file anyway.
//!
//! T-6, one rule: a reader below an object's classification never receives
//! any of its text (title, number, file name, hash), whatever carries it (a
//! page, an API answer, an audit entry, a task file, a report). Every
//! classified thing is [`HasClassification`]: documents (and their files and
//! links), tasks, conferences and audit entries; [`Scoped::cleared`] is the
//! one test, and every `Scoped` method that reads or takes such a thing
//! applies it. Lists are cut in SQL with [`Classification::sql_up_to`]
//! (before any `LIMIT`, so pages and totals agree); a thing of another is
//! read through the `Scoped` method of that other (a task's document through
//! [`Scoped::document`]), so that it is refused or left out on its own
//! classification.

use daihoi_core::{OrgPath, Role};

use crate::accounts::{Grant, User};
use crate::audit::AuditEntry;
use crate::documents::{Classification, Document};
use crate::orgs::OrgNode;
use crate::{Db, StoreError, StoreResult};

/// T-6: something only readers cleared for its classification may read.
pub trait HasClassification {
    /// How it is classified (độ mật).
    fn classification(&self) -> Classification;
}

impl HasClassification for Classification {
    fn classification(&self) -> Classification {
        *self
    }
}

impl HasClassification for Document {
    fn classification(&self) -> Classification {
        self.classification
    }
}

impl HasClassification for crate::tasks::Task {
    fn classification(&self) -> Classification {
        self.classification
    }
}

impl HasClassification for crate::dissemination::Dissemination {
    fn classification(&self) -> Classification {
        self.classification
    }
}

impl HasClassification for AuditEntry {
    fn classification(&self) -> Classification {
        self.classification
    }
}

/// Who is asking: a signed-in user and their roles, or the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub(crate) user: Option<User>,
    pub(crate) grants: Vec<Grant>,
}

/// What a viewer may do with one organization.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reach {
    /// The organization's page: name, place in the tree, counts.
    pub page: bool,
    pub members: bool,
    pub write: bool,
    pub accounts: bool,
    pub audit: bool,
}

impl Viewer {
    /// The person at the command line: every organization, every right.
    /// Only the CLI may use this (a test of the web crate checks that its
    /// source never names it).
    pub fn operator() -> Viewer {
        Viewer { user: None, grants: Vec::new() }
    }

    pub fn user(&self) -> Option<&User> {
        self.user.as_ref()
    }

    pub fn grants(&self) -> &[Grant] {
        &self.grants
    }

    /// The name the audit log records.
    pub fn actor(&self) -> String {
        match &self.user {
            Some(u) => u.login.clone(),
            None => format!("cli:{}", std::env::var("USER").unwrap_or_else(|_| "operator".into())),
        }
    }

    pub(crate) fn is_operator(&self) -> bool {
        self.user.is_none()
    }

    /// The roles that reach an organization at `path`: a role reaches the
    /// organization it is bound to and, except for [`Role::Member`], every
    /// organization below it.
    fn roles_on(&self, path: &OrgPath) -> impl Iterator<Item = Role> + '_ {
        let last = path.ids().last();
        let ids: Vec<i64> = path.ids().collect();
        self.grants
            .iter()
            .filter(move |g| if g.role.reads_subtree() { ids.contains(&g.org_id) } else { last == Some(g.org_id) })
            .map(|g| g.role)
    }

    /// What this viewer may do at `path`.
    pub fn reach(&self, path: &OrgPath) -> Reach {
        if self.is_operator() {
            return Reach { page: true, members: true, write: true, accounts: true, audit: true };
        }
        let mut r = Reach::default();
        for role in self.roles_on(path) {
            r.page = true;
            r.members |= role.reads_members();
            r.write |= role.writes();
            r.accounts |= role.manages_accounts();
            r.audit |= role.reads_audit();
        }
        r
    }

    /// Whether the viewer holds any role that reads the audit log.
    pub fn reads_any_audit(&self) -> bool {
        self.is_operator() || self.grants.iter().any(|g| g.role.reads_audit())
    }
}

/// A feature's facet of [`Scoped`]: a view narrowed to one feature,
/// obtained with `scoped.<feature>()`, whose methods are the feature's
/// reads and writes. It dereferences to the [`Scoped`] it came from, for
/// the checks every feature shares ([`Scoped::reach`], [`Scoped::cleared`]).
macro_rules! facet {
    ($facet:ident, $accessor:ident, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone, Copy)]
        pub struct $facet<'a> {
            scoped: $crate::access::Scoped<'a>,
        }

        impl<'a> std::ops::Deref for $facet<'a> {
            type Target = $crate::access::Scoped<'a>;
            fn deref(&self) -> &Self::Target {
                &self.scoped
            }
        }

        impl<'a> $crate::access::Scoped<'a> {
            #[doc = $doc]
            pub fn $accessor(&self) -> $facet<'a> {
                $facet { scoped: *self }
            }
        }
    };
}
pub(crate) use facet;

/// The view of the data that a [`Viewer`] may reach.
#[derive(Debug, Clone, Copy)]
pub struct Scoped<'a> {
    pub(crate) db: &'a Db,
    pub(crate) viewer: &'a Viewer,
    /// The write generation the request read after it arrived, if it did
    /// (see [`Scoped::at_writes`]).
    pub(crate) writes: Option<i64>,
}

pub(crate) fn forbidden(what: impl Into<String>) -> StoreError {
    StoreError::Forbidden(what.into())
}

impl Db {
    /// The viewer for a signed-in user: the account and its roles.
    pub async fn viewer(&self, user: User) -> StoreResult<Viewer> {
        let grants = self.grants(user.id).await?;
        Ok(Viewer { user: Some(user), grants })
    }

    /// The operator's view (the command line, tests and benchmarks): every
    /// organization, every right, every write audited as `cli:<os user>`.
    pub fn operator(&self) -> Scoped<'_> {
        static OPERATOR: Viewer = Viewer { user: None, grants: Vec::new() };
        Scoped { db: self, viewer: &OPERATOR, writes: None }
    }

    /// The data `viewer` may reach.
    pub fn scoped<'a>(&'a self, viewer: &'a Viewer) -> Scoped<'a> {
        Scoped { db: self, viewer, writes: None }
    }
}

impl<'a> Scoped<'a> {
    pub fn viewer(&self) -> &'a Viewer {
        self.viewer
    }

    /// This view, for a request that read the write generation `writes`
    /// after it arrived: kept figures of that generation need no other
    /// reading of it (without it, each kept figure reads it).
    #[must_use]
    pub fn at_writes(self, writes: i64) -> Scoped<'a> {
        Scoped { writes: Some(writes), ..self }
    }

    /// What the viewer may do with `node`.
    pub fn reach(&self, node: &OrgNode) -> Reach {
        self.viewer.reach(&node.path)
    }

    /// The highest classification the viewer may read (T-6): the
    /// account's clearance (`normal` unless an operator raised it with
    /// `daihoi user clear`); the command line's operator reads everything.
    pub fn clearance(&self) -> Classification {
        match &self.viewer.user {
            None => Classification::Secret,
            Some(user) => user.clearance,
        }
    }

    /// T-6, the one test: whether the viewer may receive anything of `what`.
    pub fn cleared(&self, what: &impl HasClassification) -> bool {
        what.classification() <= self.clearance()
    }

    /// [`Scoped::cleared`], or `Forbidden` naming `what` (for the log, never shown).
    pub(crate) fn require_cleared(
        &self,
        what: &impl HasClassification,
        name: impl FnOnce() -> String,
    ) -> StoreResult<()> {
        if self.cleared(what) { Ok(()) } else { Err(forbidden(name())) }
    }

    pub(crate) fn require(&self, node: &OrgNode, allowed: impl Fn(Reach) -> bool) -> StoreResult<()> {
        if allowed(self.reach(node)) { Ok(()) } else { Err(forbidden(format!("organization {}", node.code))) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use daihoi_core::OrgCode;

    fn viewer(grants: &[(Role, i64)]) -> Viewer {
        Viewer {
            user: Some(User {
                id: 1,
                login: "x".into(),
                display_name: "X".into(),
                language: "vi".into(),
                person_id: None,
                session_epoch: 0,
                clearance: Classification::Normal,
            }),
            grants: grants
                .iter()
                .enumerate()
                .map(|(i, (role, org_id))| Grant {
                    id: i as i64,
                    role: *role,
                    org_id: *org_id,
                    org_code: OrgCode::parse("QN").unwrap(),
                })
                .collect(),
        }
    }

    fn path(ids: &[i64]) -> OrgPath {
        let mut p = OrgPath::root(ids[0]);
        for id in &ids[1..] {
            p = p.child(*id);
        }
        p
    }

    #[test]
    fn a_role_reaches_its_subtree_only() {
        let v = viewer(&[(Role::Office, 5)]);
        assert!(v.reach(&path(&[1, 5])).members);
        assert!(v.reach(&path(&[1, 5, 23])).write);
        assert_eq!(v.reach(&path(&[1])), Reach::default(), "not the parent");
        assert_eq!(v.reach(&path(&[1, 6, 50])), Reach::default(), "not a sibling's subtree");
        // An id that only shares digits with 5 does not count.
        assert_eq!(v.reach(&path(&[1, 55])), Reach::default());
    }

    #[test]
    fn a_member_sees_only_their_own_organizations_page() {
        let v = viewer(&[(Role::Member, 23)]);
        let own = v.reach(&path(&[1, 5, 23]));
        assert!(own.page && !own.members && !own.write && !own.audit);
        assert_eq!(v.reach(&path(&[1, 5, 23, 40])), Reach::default());
        assert_eq!(v.reach(&path(&[1, 5])), Reach::default());
    }

    #[test]
    fn inspection_reads_but_never_writes() {
        let r = viewer(&[(Role::Inspection, 1)]).reach(&path(&[1, 5, 23]));
        assert!(r.page && r.members && r.audit && !r.write && !r.accounts);
    }

    #[test]
    fn roles_add_up() {
        let v = viewer(&[(Role::Inspection, 1), (Role::Office, 5)]);
        assert!(v.reach(&path(&[1, 5, 9])).write);
        assert!(!v.reach(&path(&[1, 6])).write);
        assert!(v.reach(&path(&[1, 6])).members);
    }

    #[test]
    fn a_user_without_roles_reaches_nothing() {
        assert_eq!(viewer(&[]).reach(&path(&[1])), Reach::default());
        assert!(Viewer::operator().reach(&path(&[1])).accounts);
    }
}
