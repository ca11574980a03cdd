//! What a viewer may do with the tree of organizations: read an
//! organization, its children, its subtree and its history where a role
//! reaches it; create, rename, move, merge and dissolve where a role writes.

use daihoi_core::OrgCode;
use time::Date;

use super::policy;
use crate::access::forbidden;
use crate::documents::Classification;
use crate::orgs::{NewOrg, OrgNode};
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
        let children = self.db.children(node.id, date).await?;
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
        let Some(parent) = new.parent else {
            if !self.viewer.is_operator() {
                return Err(forbidden("a new root organization"));
            }
            return self.db.create_org(new).await;
        };
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
        self.require(node, policy::may_edit)?;
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
}
