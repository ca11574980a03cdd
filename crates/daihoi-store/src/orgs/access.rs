//! What a viewer may do with the tree of organizations: read an
//! organization, its children, its subtree and its history where a role
//! reaches it; create, rename, move, merge and dissolve where a role writes.

use daihoi_core::OrgCode;
use time::Date;

use super::policy;
use crate::access::forbidden;
use crate::documents::Classification;
use crate::orgs::{NewOrg, NewOrgRow, OrgImportError, OrgImportReport, OrgNode};
use crate::write::Change;
use crate::{StoreError, StoreResult};

crate::access::facet!(Orgs, orgs, "The organizations a viewer reaches (tổ chức đảng).");

impl Orgs<'_> {
    /// [`policy::may_edit`] on `node`: create under it, rename, move, merge, dissolve.
    pub fn may_edit(&self, node: &OrgNode) -> bool {
        policy::may_edit(self.reach(node))
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

    /// An organization on `date`, if the viewer may see its page.
    /// `Ok(None)` when no such organization exists on that date.
    pub async fn org(&self, code: &OrgCode, date: Date) -> StoreResult<Option<OrgNode>> {
        let Some(node) = self.db.org_by_code(code, date).await? else { return Ok(None) };
        if !policy::may_see(self.reach(&node)) {
            return Err(forbidden(format!("organization {code}")));
        }
        Ok(Some(node))
    }

    /// An organization by id on `date` (breadcrumbs, parents in the
    /// history); `None` when it does not exist then or the viewer may not
    /// see it.
    pub async fn org_by_id(&self, id: i64, date: Date) -> StoreResult<Option<OrgNode>> {
        Ok(self.db.org_by_id(id, date).await?.filter(|n| policy::may_see(self.reach(n))))
    }

    /// The children of an organization the viewer may see.
    pub async fn children(&self, node: &OrgNode, date: Date) -> StoreResult<Vec<OrgNode>> {
        // Kept: a province's 200 communes, sorted by Vietnamese collation,
        // on every home page.
        let children = self.kept("children", (node.id, date), async || self.db.children(node.id, date).await).await?;
        Ok(children.into_iter().filter(|c| policy::may_see(self.reach(c))).collect())
    }

    /// An organization and everything below it on `date`, in path order,
    /// cut to what the viewer may see.
    pub async fn subtree(&self, node: &OrgNode, date: Date) -> StoreResult<Vec<OrgNode>> {
        self.require(node, policy::may_see)?;
        let all = self.db.subtree(node, date).await?;
        Ok(all.into_iter().filter(|n| policy::may_see(self.reach(n))).collect())
    }

    /// The versions of an organization whose page the viewer may see now.
    pub async fn org_history(&self, node: &OrgNode) -> StoreResult<Vec<OrgNode>> {
        self.require(node, policy::may_see)?;
        self.db.org_history(&node.code).await
    }

    /// Creates an organization under a parent where the viewer writes. The
    /// rules that need no database (O-CODE-1, TEXT-1, O-DATE-1) are checked
    /// first: they tell nothing of the tree.
    pub async fn create_org(&self, new: &NewOrg<'_>, address: &str) -> StoreResult<OrgNode> {
        crate::orgs::check_new_org(new, crate::orgs::today())?;
        // The operator writes everywhere: the write itself names what is
        // wrong (an unknown parent, a date before it).
        if self.viewer.is_operator() {
            return self
                .write(address, async |w| {
                    let node = crate::orgs::create_org(w.conn(), new).await?;
                    w.record(org_change("create_org", &node.code, Some(&node), node.name.clone()));
                    Ok(node)
                })
                .await;
        }
        let Some(parent) = new.parent else { return Err(forbidden("a new root organization")) };
        let parent_node = self.db.org_by_code(parent, new.valid_from).await?;
        match &parent_node {
            Some(p) if policy::may_edit(self.reach(p)) => {}
            Some(_) => return Err(forbidden(format!("organization {parent}"))),
            None => return Err(StoreError::OrgNotOnDate { code: parent.clone(), date: new.valid_from }),
        }
        self.write(address, async |w| {
            let node = crate::orgs::create_org(w.conn(), new).await?;
            // The new organization sits under its parent as the parent is now,
            // which may be elsewhere than on `valid_from`: the viewer must write
            // where it lands.
            if !policy::may_edit(self.reach(&node)) {
                return Err(forbidden(format!("organization {parent}")));
            }
            w.record(org_change("create_org", &node.code, Some(&node), node.name.clone()));
            Ok(node)
        })
        .await
    }

    /// Renames an organization the viewer writes in, from `date` on.
    pub async fn rename_org(&self, code: &OrgCode, name: &str, date: Date, address: &str) -> StoreResult<()> {
        let node = self.editable(code).await?;
        self.write(address, async |w| {
            crate::orgs::rename_org(w.conn(), code, name, date).await?;
            let before = node.as_ref().map_or("", |n| n.name.as_str());
            let detail = format!("{before} → {}", daihoi_core::text::org_name(name).unwrap_or(name));
            w.record(org_change("rename_org", code, node.as_ref(), detail));
            Ok(())
        })
        .await
    }

    /// Moves an organization, with its whole subtree, under `new_parent`
    /// from `date` on: the viewer writes in both.
    pub async fn move_org(&self, code: &OrgCode, new_parent: &OrgCode, date: Date, address: &str) -> StoreResult<()> {
        let node = self.editable(code).await?;
        self.editable(new_parent).await?;
        self.write(address, async |w| {
            crate::orgs::move_org(w.conn(), code, new_parent, date).await?;
            w.record(org_change(
                "move_org",
                code,
                node.as_ref(),
                format!("→ {new_parent} ({})", daihoi_core::date::iso(date)),
            ));
            Ok(())
        })
        .await
    }

    /// Merges `source` into `into` on `date` (its sub-organizations move
    /// under `into`, its members are enrolled there, `source` ends): the
    /// viewer writes in both.
    pub async fn merge_org(&self, source: &OrgCode, into: &OrgCode, date: Date, address: &str) -> StoreResult<()> {
        let node = self.editable(source).await?;
        self.editable(into).await?;
        self.write(address, async |w| {
            crate::orgs::merge_org(w.conn(), source, into, date).await?;
            w.record(org_change(
                "merge_org",
                source,
                node.as_ref(),
                format!("→ {into} ({})", daihoi_core::date::iso(date)),
            ));
            Ok(())
        })
        .await
    }

    /// Ends an organization on `date`, which must have no sub-organizations
    /// and no members left then: the viewer writes in it.
    pub async fn dissolve_org(&self, code: &OrgCode, date: Date, address: &str) -> StoreResult<()> {
        let node = self.editable(code).await?;
        self.write(address, async |w| {
            crate::orgs::dissolve_org(w.conn(), code, date).await?;
            w.record(org_change("dissolve_org", code, node.as_ref(), daihoi_core::date::iso(date)));
            Ok(())
        })
        .await
    }

    /// Creates the organizations of a file (see [`crate::orgs::import_orgs`])
    /// in one transaction with one audit entry. The operator's: a file may
    /// create roots.
    pub async fn import_orgs(
        &self,
        rows: &[NewOrgRow],
        file_name: &str,
        address: &str,
    ) -> Result<OrgImportReport, OrgImportError> {
        if !policy::may_import_tree(self.viewer) {
            return Err(forbidden("an organization file").into());
        }
        self.write(address, async |w| {
            let report = crate::orgs::import_orgs(w.conn(), rows).await?;
            w.record(Change {
                action: "import_orgs",
                org_path: None,
                subject: file_name.to_owned(),
                detail: format!("{} rows, {} created, {} unchanged", rows.len(), report.created, report.unchanged),
                classification: Classification::Normal,
            });
            Ok(report)
        })
        .await
    }

    /// The organization `code` as it is now, if the viewer writes in it
    /// (another viewer is refused before anything is said of the tree or of
    /// the date). The operator writes everywhere and gets `None` for an
    /// unknown code, so that the write itself names what is wrong.
    async fn editable(&self, code: &OrgCode) -> StoreResult<Option<OrgNode>> {
        let node = self.db.org_now(code).await?;
        if self.viewer.is_operator() {
            return Ok(node);
        }
        match node {
            Some(node) if policy::may_edit(self.reach(&node)) => Ok(Some(node)),
            _ => Err(forbidden(format!("organization {code}"))),
        }
    }
}

/// The audit entry of a change to the tree, on the organization's path
/// before the change (a new one's own). The operator's `node` is `None` only
/// for a code never stored, whose write has failed before this.
fn org_change(action: &'static str, code: &OrgCode, node: Option<&OrgNode>, detail: String) -> Change {
    Change {
        action,
        org_path: node.map(|n| n.path.clone()),
        subject: code.as_str().to_owned(),
        detail,
        classification: Classification::Normal,
    }
}
