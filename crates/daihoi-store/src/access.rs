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

use daihoi_core::{BaseCount, OrgCode, OrgPath, Role};
use time::Date;

use crate::accounts::{Grant, User};
use crate::audit::{AuditEntry, AuditFilter, NewAuditEntry};
use crate::documents::{Classification, Document, DocumentFile, DocumentLink};
use crate::members::{ImportError, ImportReport, ImportRow, MemberDetail, MemberPage, MemberQuery};
use crate::orgs::{NewOrg, OrgNode};
use crate::write::Change;
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
    user: Option<User>,
    grants: Vec<Grant>,
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

/// The view of the data that a [`Viewer`] may reach.
#[derive(Debug, Clone, Copy)]
pub struct Scoped<'a> {
    pub(crate) db: &'a Db,
    pub(crate) viewer: &'a Viewer,
}

fn forbidden(what: impl Into<String>) -> StoreError {
    StoreError::Forbidden(what.into())
}

impl Db {
    /// The viewer for a signed-in user: the account and its roles.
    pub async fn viewer(&self, user: User) -> StoreResult<Viewer> {
        let grants = self.grants(user.id).await?;
        Ok(Viewer { user: Some(user), grants })
    }

    /// The data `viewer` may reach.
    pub fn scoped<'a>(&'a self, viewer: &'a Viewer) -> Scoped<'a> {
        Scoped { db: self, viewer }
    }
}

impl<'a> Scoped<'a> {
    pub fn viewer(&self) -> &'a Viewer {
        self.viewer
    }

    /// The organizations the viewer's roles are bound to, as they are on
    /// `date`, leaving out those inside another one's subtree.
    pub async fn roots(&self, date: Date) -> StoreResult<Vec<OrgNode>> {
        if self.viewer.is_operator() {
            return self.db.roots(date).await;
        }
        let mut nodes: Vec<OrgNode> = Vec::new();
        for g in &self.viewer.grants {
            if let Some(n) = self.db.org_by_id(g.org_id, date).await?
                && !nodes.iter().any(|m| m.id == n.id)
            {
                nodes.push(n);
            }
        }
        let all = nodes.clone();
        nodes.retain(|n| !all.iter().any(|m| m.id != n.id && m.path.contains(&n.path) && self.reaches_subtree(m)));
        nodes.sort_by(|a, b| a.path.as_str().cmp(b.path.as_str()));
        Ok(nodes)
    }

    fn reaches_subtree(&self, n: &OrgNode) -> bool {
        self.viewer.grants.iter().any(|g| g.org_id == n.id && g.role.reads_subtree())
    }

    /// What the viewer may do with `node`.
    pub fn reach(&self, node: &OrgNode) -> Reach {
        self.viewer.reach(&node.path)
    }

    /// An organization on `date`, if the viewer may see its page.
    /// `Ok(None)` when no such organization exists on that date.
    pub async fn org(&self, code: &OrgCode, date: Date) -> StoreResult<Option<OrgNode>> {
        let Some(node) = self.db.org_by_code(code, date).await? else { return Ok(None) };
        if !self.reach(&node).page {
            return Err(forbidden(format!("organization {code}")));
        }
        Ok(Some(node))
    }

    /// An organization by id on `date` (breadcrumbs, parents in the
    /// history); `None` when it does not exist then or the viewer may not
    /// see it.
    pub async fn org_by_id(&self, id: i64, date: Date) -> StoreResult<Option<OrgNode>> {
        Ok(self.db.org_by_id(id, date).await?.filter(|n| self.reach(n).page))
    }

    /// The children of an organization the viewer may see.
    pub async fn children(&self, node: &OrgNode, date: Date) -> StoreResult<Vec<OrgNode>> {
        let children = self.db.children(node.id, date).await?;
        Ok(children.into_iter().filter(|c| self.reach(c).page).collect())
    }

    /// An organization and everything below it on `date`, in path order,
    /// cut to what the viewer may see.
    pub async fn subtree(&self, node: &OrgNode, date: Date) -> StoreResult<Vec<OrgNode>> {
        self.require(node, |r| r.page)?;
        let all = self.db.subtree(node, date).await?;
        Ok(all.into_iter().filter(|n| self.reach(n).page).collect())
    }

    /// The versions of an organization whose page the viewer may see now.
    pub async fn org_history(&self, node: &OrgNode) -> StoreResult<Vec<OrgNode>> {
        self.require(node, |r| r.page)?;
        self.db.org_history(&node.code).await
    }

    /// The base count of R-BASE-1 for a subtree.
    pub async fn base_count(&self, node: &OrgNode, date: Date) -> StoreResult<BaseCount> {
        self.require(node, |r| r.page)?;
        self.db.base_count(node, date).await
    }

    /// How far a document the viewer is cleared for has reached in a
    /// subtree (counts and the cells not reached, no member's name: the
    /// organization's page suffices).
    pub async fn coverage(
        &self,
        document: &Document,
        node: &OrgNode,
        date: Date,
    ) -> StoreResult<crate::dissemination::Coverage> {
        self.require_cleared(document, || format!("document {}", document.id))?;
        self.require(node, |r| r.page)?;
        self.db.coverage(document.id, node, date).await
    }

    /// The tasks assigned in a subtree (T-6: the organization's page
    /// suffices; tasks above the viewer's clearance are left out).
    pub async fn tasks_in(&self, node: &OrgNode, date: Date) -> StoreResult<Vec<crate::tasks::Task>> {
        self.require(node, |r| r.page)?;
        Ok(self.db.tasks_in(node, date).await?.into_iter().filter(|t| self.cleared(t)).collect())
    }

    /// Members enrolled in a subtree (only for roles that read members).
    pub async fn members_in(&self, node: &OrgNode, date: Date, query: &MemberQuery) -> StoreResult<MemberPage> {
        self.require(node, |r| r.members)?;
        self.db.members_in(node, date, query).await
    }

    /// A member's data: their own, or any member whose latest enrolment is in
    /// a subtree where the viewer reads members. `Ok(None)`: no such member.
    pub async fn member(&self, person_id: i64, today: Date) -> StoreResult<Option<MemberDetail>> {
        let Some(detail) = self.db.member_detail(person_id).await? else { return Ok(None) };
        if self.viewer.is_operator() || self.viewer.user.as_ref().and_then(|u| u.person_id) == Some(person_id) {
            return Ok(Some(detail));
        }
        let Some(last) = detail.memberships.last() else { return Err(forbidden(format!("member {person_id}"))) };
        // The cell as it was on the last day of the enrolment (or today).
        let on = match last.to {
            Some(to) => to.previous_day().unwrap_or(to),
            None => today,
        };
        match self.db.org_by_id(last.org_id, on).await? {
            Some(cell) if self.reach(&cell).members => Ok(Some(detail)),
            _ => Err(forbidden(format!("member {person_id}"))),
        }
    }

    /// Creates an organization under a parent where the viewer writes. The
    /// rules that need no database (O-CODE-1, TEXT-1, O-DATE-1) are checked
    /// first: they tell nothing of the tree.
    pub async fn create_org(&self, new: &NewOrg<'_>, address: &str) -> StoreResult<OrgNode> {
        crate::orgs::check_new_org(new, crate::orgs::today())?;
        let Some(parent) = new.parent else {
            if !self.viewer.is_operator() {
                return Err(forbidden("a new root organization"));
            }
            return self.db.create_org(new).await;
        };
        let parent_node = self.db.org_by_code(parent, new.valid_from).await?;
        match &parent_node {
            Some(p) if self.reach(p).write => {}
            Some(_) => return Err(forbidden(format!("organization {parent}"))),
            None => return Err(StoreError::OrgNotOnDate { code: parent.clone(), date: new.valid_from }),
        }
        self.write(address, async |w| {
            let node = crate::orgs::create_org(w.conn(), new).await?;
            // The new organization sits under its parent as the parent is now,
            // which may be elsewhere than on `valid_from`: the viewer must write
            // where it lands.
            if !self.reach(&node).write {
                return Err(forbidden(format!("organization {parent}")));
            }
            w.record(Change {
                action: "create_org",
                org_path: Some(node.path.clone()),
                subject: node.code.as_str().to_owned(),
                detail: node.name.clone(),
                classification: Classification::Normal,
            });
            Ok(node)
        })
        .await
    }

    /// Renames an organization the viewer writes in.
    pub async fn rename_org(&self, node: &OrgNode, name: &str, date: Date, address: &str) -> StoreResult<()> {
        self.require(node, |r| r.write)?;
        self.write(address, async |w| {
            crate::orgs::rename_org(w.conn(), &node.code, name, date).await?;
            let detail = format!("{} → {}", node.name, daihoi_core::text::org_name(name).unwrap_or(name));
            w.record(Change {
                action: "rename_org",
                org_path: Some(node.path.clone()),
                subject: node.code.as_str().to_owned(),
                detail,
                classification: Classification::Normal,
            });
            Ok(())
        })
        .await
    }

    /// Imports members into the subtree of `root`, where the viewer writes:
    /// rows for cells outside it, and members now enrolled outside it, are
    /// refused. The import and its audit entry are written together or not
    /// at all. A `dry_run` checks everything and writes nothing (the
    /// preview of an upload).
    pub async fn import_members(
        &self,
        root: &OrgNode,
        rows: &[ImportRow],
        as_of: Date,
        address: &str,
        file_name: &str,
        dry_run: bool,
    ) -> Result<ImportReport, ImportError> {
        self.require(root, |r| r.write)?;
        let report = self
            .write(address, async |w| {
                let report =
                    crate::members::import::import_members(w.conn(), rows, as_of, Some(&root.path), &mut |_| {})
                        .await?;
                if !dry_run {
                    let detail = format!(
                        "{file_name}: {} rows, {} created, {} updated, {} moved, {} conditions changed, {} unchanged",
                        rows.len(),
                        report.created,
                        report.updated,
                        report.moved,
                        report.conditions_changed,
                        report.unchanged
                    );
                    w.record(Change {
                        action: "import_members",
                        org_path: Some(root.path.clone()),
                        subject: root.code.as_str().to_owned(),
                        detail,
                        classification: Classification::Normal,
                    });
                }
                Ok::<_, ImportError>(report)
            })
            .await?;
        if dry_run {
            return Ok(report);
        }
        self.db.analyze_after(rows.len()).await?;
        Ok(report)
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

    /// Registered documents matching `text`, that the viewer is cleared for.
    pub async fn search_documents(&self, text: &str, most: u32) -> StoreResult<Vec<Document>> {
        self.db.search_documents(text, self.clearance(), most).await
    }

    /// A document, if the viewer is cleared for it (`Ok(None)`: no such document).
    pub async fn document(&self, id: i64) -> StoreResult<Option<Document>> {
        match self.db.document(id).await? {
            Some(d) if self.cleared(&d) => Ok(Some(d)),
            Some(_) => Err(forbidden(format!("document {id}"))),
            None => Ok(None),
        }
    }

    /// A document's links both ways, leaving out documents the viewer is not cleared for.
    pub async fn document_links(&self, document: &Document) -> StoreResult<Vec<DocumentLink>> {
        self.require_cleared(document, || format!("document {}", document.id))?;
        let links = self.db.document_links(document.id).await?;
        Ok(links.into_iter().filter(|l| self.cleared(&l.other)).collect())
    }

    /// A document's files (without their content): a file is its document's
    /// (its name and hash are the document's text).
    pub async fn document_files(&self, document: &Document) -> StoreResult<Vec<DocumentFile>> {
        self.require_cleared(document, || format!("document {}", document.id))?;
        self.db.document_files(document.id).await
    }

    /// A file's name, type and content, if the viewer is cleared for its document.
    pub async fn file(&self, file_id: i64) -> StoreResult<Option<(DocumentFile, Vec<u8>)>> {
        let Some(document_id) = self.db.document_of_file(file_id).await? else { return Ok(None) };
        let Some(document) = self.document(document_id).await? else { return Ok(None) };
        let Some(meta) = self.db.document_files(document.id).await?.into_iter().find(|f| f.id == file_id) else {
            return Ok(None);
        };
        Ok(self.db.file_content(file_id).await?.map(|content| (meta, content)))
    }

    /// The audit log entries the viewer may read: those of the subtrees
    /// where a role reads the log, and the viewer's own actions, up to the
    /// viewer's clearance (T-6: an entry naming a classified object is
    /// left out for readers below it, even their own).
    pub async fn audit_entries(&self, filter: &AuditFilter) -> StoreResult<(Vec<AuditEntry>, u64)> {
        let clearance = self.clearance();
        if self.viewer.is_operator() {
            return self.db.audit_entries(filter, clearance, None, None).await;
        }
        // Entries keep the path their organization had when written: a
        // reader of a subtree sees the entries of every path it has had
        // (a commune moved by the 2025 reform keeps its earlier entries).
        let mut paths: Vec<OrgPath> = Vec::new();
        for g in self.viewer.grants.iter().filter(|g| g.role.reads_audit()) {
            for version in self.db.org_history(&g.org_code).await? {
                if !paths.contains(&version.path) {
                    paths.push(version.path);
                }
            }
        }
        let own = self.viewer.user.as_ref().map(|u| u.login.as_str());
        self.db.audit_entries(filter, clearance, Some(&paths), own).await
    }

    /// Writes an audit entry in the viewer's name about the viewer's own
    /// account (a sign-out, a password, an API token): unclassified.
    pub async fn log(
        &self,
        address: &str,
        action: &str,
        org: Option<&OrgPath>,
        subject: &str,
        detail: &str,
    ) -> StoreResult<i64> {
        let actor = self.viewer.actor();
        let entry = NewAuditEntry {
            actor: &actor,
            address,
            action,
            org_path: org,
            subject,
            detail,
            classification: Classification::Normal,
        };
        self.db.audit(&entry).await
    }

    fn require(&self, node: &OrgNode, allowed: impl Fn(&Reach) -> bool) -> StoreResult<()> {
        if allowed(&self.reach(node)) { Ok(()) } else { Err(forbidden(format!("organization {}", node.code))) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
