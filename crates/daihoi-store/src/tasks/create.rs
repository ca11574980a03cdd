//! Creating tasks and targets as a signed-in user, as methods of the
//! [`Scoped`] view: a task from a document (T-1), a cascade of sub-tasks
//! down the tree (T-2), a target of a task (T-5). Each write and its audit
//! entries are one transaction.
//!
//! Who may:
//! - A task is assigned by a role that writes on its assignee (an office
//!   assigns to its own organization or below), from a document the viewer
//!   is cleared for, at a classification not above the viewer's clearance
//!   (T-6). A parent task, when given, must be one the viewer reads, and its
//!   assignee must hold the new task's in its subtree on the day the task is
//!   given (T-2: a cascade goes down the tree, never up or sideways).
//! - A cascade creates one sub-task per chosen organization, each strictly
//!   below the parent task's assignee and where the viewer writes, with the
//!   parent's document, clause and classification, and not one that has a
//!   sub-task of it already (unless cancelled): a form sent twice gives
//!   the task once. One organization refused and nothing is written.
//! - A target is added by those who report on the task: a role that writes
//!   on its assignee (its office, or an office above it).
//!
//! The sub-task's deadline: a clerk gives a sub-task at most the time the
//! parent has, since the parent's assignee answers for the parent's deadline
//! to the level above. A deadline after the parent's is refused
//! ([`TaskCreateRefusal::DeadlineAfterParent`]) rather than warned about: the
//! form shows why and keeps what was typed, and the parent's deadline is
//! moved first by an urging (đôn đốc) from above if it must be. A cascade
//! without a deadline takes the parent's.

use daihoi_core::OrgCode;
use daihoi_core::date::iso;
use daihoi_tracking::sheet::TaskRow;
use daihoi_tracking::{Progress, Target, Weight};
use time::Date;

use crate::documents::Classification;
use crate::orgs::OrgNode;
use crate::tasks::policy;
use crate::tasks::targets::{NewTarget, StoredTarget};
use crate::tasks::{NewTask, Task};
use crate::write::Change;
use crate::{Db, StoreError, StoreResult};

/// Why a task or a cascade is refused (capabilities apart: a viewer who
/// may not write there gets [`StoreError::Forbidden`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaskCreateRefusal {
    #[error("a task needs a title")]
    EmptyTitle,
    #[error("T-6: a {0} task is above your clearance")]
    AboveClearance(&'static str),
    #[error("T-2: {org} is not in the subtree of {parent_org}, the parent task's assignee")]
    OutsideParentSubtree { org: OrgCode, parent_org: OrgCode },
    #[error("T-2: a cascade goes to organizations below {0}, the parent task's assignee, not to itself")]
    NotBelowParent(OrgCode),
    #[error("a sub-task's deadline {deadline} is after its parent's, {parent_deadline}")]
    DeadlineAfterParent { deadline: Date, parent_deadline: Date },
    #[error("a cascade needs at least one organization")]
    NoOrganization,
    #[error("{0} is chosen twice")]
    DuplicateOrganization(OrgCode),
    /// T-2: the task was cascaded to the organization already (its
    /// sub-task `task`, not cancelled): a second cascade would give it twice.
    #[error("T-2: the task was cascaded to {org} already (task {task})")]
    AlreadyCascaded { org: OrgCode, task: i64 },
}

fn refused(r: TaskCreateRefusal) -> StoreError {
    StoreError::TaskRefused(r)
}

fn forbidden(what: impl Into<String>) -> StoreError {
    StoreError::Forbidden(what.into())
}

/// A cascade (phân công xuống cấp dưới) of a task to organizations below
/// its assignee (T-2).
#[derive(Debug, Clone)]
pub struct Cascade<'a> {
    /// The organizations that receive a sub-task each.
    pub orgs: &'a [OrgCode],
    /// The sub-tasks' title; empty: the parent's.
    pub title: &'a str,
    /// The sub-tasks' deadline; `None`: the parent's.
    pub deadline: Option<Date>,
    /// The weight of each sub-task in the parent's roll-up (equal weights).
    pub weight: Option<Weight>,
    /// The day the sub-tasks are given: the tree is read on it.
    pub assigned_on: Date,
}

/// A checked task waiting for its transaction.
struct Checked<'a> {
    new: NewTask<'a>,
    org: OrgNode,
}

impl crate::tasks::access::Tasks<'_> {
    /// The organization `code` on `date`, where the viewer writes.
    async fn writable_org(&self, code: &OrgCode, date: Date) -> StoreResult<OrgNode> {
        let Some(node) = self.db.org_by_code(code, date).await? else {
            return Err(match self.db.org_history(code).await?.is_empty() {
                true => StoreError::UnknownOrg(code.clone()),
                false => StoreError::OrgNotOnDate { code: code.clone(), date },
            });
        };
        if !policy::may_assign(self.reach(&node)) {
            return Err(forbidden(format!("organization {code}")));
        }
        Ok(node)
    }

    /// The assignee of a parent task on `date` (it must exist then: a task
    /// is cascaded on today's tree).
    async fn parent_org(&self, parent: &Task, date: Date) -> StoreResult<OrgNode> {
        self.db
            .org_by_id(parent.org_id, date)
            .await?
            .ok_or_else(|| StoreError::OrgNotOnDate { code: parent.org.clone(), date })
    }

    fn check_clearance(&self, c: Classification) -> StoreResult<()> {
        if self.cleared(&c) { Ok(()) } else { Err(refused(TaskCreateRefusal::AboveClearance(c.code()))) }
    }

    /// The viewer's checks of a new task, then the database's
    /// ([`Db::create_task`]'s: the document, T-2, the external id).
    async fn check_task<'a>(&self, new: &NewTask<'a>, parent: Option<&Task>) -> StoreResult<Checked<'a>> {
        if new.title.trim().is_empty() {
            return Err(refused(TaskCreateRefusal::EmptyTitle));
        }
        self.check_clearance(new.classification)?;
        self.documents()
            .document(new.document_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("document {}", new.document_id)))?;
        let org = self.writable_org(new.org, new.assigned_on).await?;
        if let Some(parent) = parent {
            let parent_org = self.parent_org(parent, new.assigned_on).await?;
            if !parent_org.path.contains(&org.path) {
                return Err(refused(TaskCreateRefusal::OutsideParentSubtree {
                    org: org.code.clone(),
                    parent_org: parent_org.code.clone(),
                }));
            }
            if let (Some(deadline), Some(parent_deadline)) = (new.deadline, parent.deadline)
                && deadline > parent_deadline
            {
                return Err(refused(TaskCreateRefusal::DeadlineAfterParent { deadline, parent_deadline }));
            }
        }
        self.db.check_new_task(new).await?;
        Ok(Checked { new: new.clone(), org })
    }

    /// Writes checked tasks and one audit entry each in one transaction.
    async fn write_tasks(&self, tasks: &[Checked<'_>], action: &'static str, address: &str) -> StoreResult<Vec<Task>> {
        let ids = self
            .write(address, async |w| {
                let mut ids = Vec::with_capacity(tasks.len());
                for c in tasks {
                    let id = Db::insert_task_in(w.conn(), &c.new, c.org.id).await?;
                    let detail = match c.new.parent {
                        Some(p) => format!(
                            "{} (sub-task of task {p}, deadline {})",
                            c.new.title.trim(),
                            deadline(c.new.deadline)
                        ),
                        None => format!("{} (deadline {})", c.new.title.trim(), deadline(c.new.deadline)),
                    };
                    w.record(Change {
                        action,
                        org_path: Some(c.org.path.clone()),
                        subject: format!("task {id}"),
                        detail,
                        classification: c.new.classification,
                    });
                    ids.push(id);
                }
                Ok::<_, StoreError>(ids)
            })
            .await?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(self.db.task(id).await?.ok_or_else(|| StoreError::corrupt("task vanished after insert"))?);
        }
        Ok(out)
    }

    /// Creates a task (T-1) assigned where the viewer writes, optionally
    /// under a parent task the viewer reads (T-2), with its audit entry.
    pub async fn create_task(&self, new: &NewTask<'_>, address: &str) -> StoreResult<Task> {
        let parent = match new.parent {
            Some(id) => {
                Some(self.task(id, new.assigned_on).await?.ok_or_else(|| StoreError::NotFound(format!("task {id}")))?)
            }
            None => None,
        };
        let checked = self.check_task(new, parent.as_ref()).await?;
        let mut written = self.write_tasks(&[checked], "task_create", address).await?;
        written.pop().ok_or_else(|| StoreError::corrupt("no task written"))
    }

    /// T-2: one sub-task of `parent` per organization of the cascade, all in
    /// one transaction with an audit entry each; one organization refused
    /// and nothing is written.
    pub async fn cascade_task(&self, parent: &Task, cascade: &Cascade<'_>, address: &str) -> StoreResult<Vec<Task>> {
        let date = cascade.assigned_on;
        let parent =
            self.task(parent.id, date).await?.ok_or_else(|| StoreError::NotFound(format!("task {}", parent.id)))?;
        if cascade.orgs.is_empty() {
            return Err(refused(TaskCreateRefusal::NoOrganization));
        }
        let parent_org = self.parent_org(&parent, date).await?;
        let title = if cascade.title.trim().is_empty() { parent.title.as_str() } else { cascade.title };
        let deadline = cascade.deadline.or(parent.deadline);
        // The sub-tasks given already, withdrawn ones apart.
        let given: Vec<Task> = self
            .db
            .subtasks(parent.id)
            .await?
            .into_iter()
            .filter(|t| t.workflow != daihoi_tracking::Workflow::Cancelled)
            .collect();
        let mut checked = Vec::with_capacity(cascade.orgs.len());
        for (i, code) in cascade.orgs.iter().enumerate() {
            if cascade.orgs[..i].contains(code) {
                return Err(refused(TaskCreateRefusal::DuplicateOrganization(code.clone())));
            }
            if *code == parent_org.code {
                return Err(refused(TaskCreateRefusal::NotBelowParent(code.clone())));
            }
            let new = NewTask {
                document_id: parent.document_id,
                clause: &parent.clause,
                title,
                org: code,
                parent: Some(parent.id),
                weight: cascade.weight,
                deadline,
                external_id: None,
                classification: parent.classification,
                assigned_on: date,
            };
            let c = self.check_task(&new, Some(&parent)).await?;
            if let Some(sub) = given.iter().find(|t| t.org_id == c.org.id) {
                return Err(refused(TaskCreateRefusal::AlreadyCascaded { org: c.org.code.clone(), task: sub.id }));
            }
            checked.push(c);
        }
        self.write_tasks(&checked, "task_cascade", address).await
    }

    /// Whether the viewer may add a target to the task or report on it:
    /// a role that writes on its assignee, cleared for it.
    pub async fn may_add_target(&self, task: &Task, date: Date) -> StoreResult<bool> {
        let report = daihoi_tracking::EventKind::ProgressReported { progress: Progress::ZERO };
        Ok(self.cleared(task) && self.may_record(task, &report, date).await?)
    }

    /// T-5: adds a target (checked by [`Target::new`]) to a task the viewer
    /// reports on, with its audit entry.
    pub async fn create_target(
        &self,
        task: &Task,
        name: &str,
        target: Target,
        date: Date,
        address: &str,
    ) -> StoreResult<StoredTarget> {
        if !self.may_add_target(task, date).await? {
            return Err(forbidden(format!("task {}", task.id)));
        }
        // As for its events: the assignee on the day, or its last version
        // when it has ended since (its log stays in its subtree).
        let org = self.assignee(task, date).await?;
        let detail = format!("{}: {} → {} {}", name.trim(), target.baseline, target.target, target.unit.trim());
        let new = NewTarget { task_id: task.id, name, target };
        let id = self
            .write(address, async |w| {
                let id = Db::create_target_in(w.conn(), &new).await?;
                w.record(Change {
                    action: "target_create",
                    org_path: Some(org.path.clone()),
                    subject: format!("target {id}"),
                    detail,
                    classification: task.classification,
                });
                Ok::<_, StoreError>(id)
            })
            .await?;
        self.db.target(id).await?.ok_or_else(|| StoreError::corrupt("target vanished after insert"))
    }

    /// The organizations the viewer may assign a task to on `date`: the
    /// subtrees of their roles that write, in path order.
    pub async fn assignable_orgs(&self, date: Date) -> StoreResult<Vec<OrgNode>> {
        let mut out = Vec::new();
        for root in self.orgs().roots(date).await? {
            // A root read from above may hold a role that writes lower down.
            out.extend(
                self.orgs().subtree(&root, date).await?.into_iter().filter(|n| policy::may_assign(self.reach(n))),
            );
        }
        out.sort_by(|a, b| a.path.as_str().cmp(b.path.as_str()));
        out.dedup_by_key(|n| n.id);
        Ok(out)
    }

    /// The organizations a task may be cascaded to on `date`: its
    /// assignee's children where the viewer writes.
    pub async fn cascade_targets(&self, task: &Task, date: Date) -> StoreResult<Vec<OrgNode>> {
        let Some(org) = self.db.org_by_id(task.org_id, date).await? else { return Ok(Vec::new()) };
        if !self.cleared(task) {
            return Ok(Vec::new());
        }
        let children = self.db.children(org.id, date).await?;
        Ok(children.into_iter().filter(|c| policy::may_assign(self.reach(c))).collect())
    }
}

impl crate::tasks::access::Tasks<'_> {
    /// T-7: the task file of the subtree of `node` ([`Db::export_tasks`]),
    /// for a role that writes there (the export names the tasks that have
    /// no external id yet, a write), without the rows that name anything
    /// above the viewer's clearance (T-6: the task, its document's number
    /// and date, its parent's external id).
    pub async fn export_tasks(&self, node: &OrgNode, date: Date) -> StoreResult<Vec<TaskRow>> {
        if !policy::may_assign(self.reach(node)) {
            return Err(forbidden(format!("organization {}", node.code)));
        }
        self.db.export_tasks_up_to(node, date, self.clearance()).await
    }
}

/// The store's classification of a file's.
fn deadline(d: Option<Date>) -> String {
    d.map_or_else(|| "none".to_owned(), iso)
}
