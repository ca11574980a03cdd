//! What a viewer may do with implementation tasks (T-6), as methods of the
//! [`Scoped`] view: the web crate reaches tasks, their logs, their targets
//! and the tracking rules only through these.
//!
//! - Reading a task needs the page of its assignee's organization and a
//!   clearance at least the task's classification (otherwise the task is
//!   refused, and left out of lists). Its document is the document's: a
//!   reader not cleared for it reads the task without the document's
//!   number ([`Scoped::document`] refuses it). Lists and reports of one
//!   document are refused to a reader not cleared for that document.
//! - The assignee's office (a role that writes on the assignee) records
//!   reports, progress and status changes, and the targets' readings.
//! - Urging (đôn đốc) comes from above: a role that writes on the
//!   organization above the assignee.
//! - Inspection and supervision (kiểm tra, giám sát) records come from a
//!   role that reads the subtree's audit log (an inspection commission or
//!   an administrator).
//! - The \[open\] tracking rules are chosen by an administrator of the
//!   subtree.
//!
//! Every write carries its audit entry in the same transaction.

use daihoi_tracking::{Event, EventKind, Reading, Workflow};
use time::Date;

use super::policy;
use crate::documents::Classification;
use crate::orgs::OrgNode;
use crate::tasks::deadlines::DeadlineRefusal;
use crate::tasks::settings::{TrackingRules, TrackingSetting};
use crate::tasks::targets::StoredTarget;
use crate::tasks::{Task, TaskEvent};
use crate::write::Change;
use crate::{Db, StoreError, StoreResult};

fn forbidden(what: impl Into<String>) -> StoreError {
    StoreError::Forbidden(what.into())
}

/// Who may record an event of this kind.
fn event_action(kind: &EventKind) -> &'static str {
    match kind {
        EventKind::Report { .. } => "task_report",
        EventKind::ProgressReported { .. } => "task_progress",
        EventKind::StatusChange { .. } => "task_status",
        EventKind::Urging { .. } => "task_urging",
        EventKind::Inspection { .. } => "task_inspection",
        EventKind::Supervision { .. } => "task_supervision",
    }
}

/// How [`Scoped::record_event_with`] records an event beyond the event
/// itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct EventOptions<'a> {
    /// An urging's new deadline before open sub-tasks' deadlines moves
    /// them too, each with an urging of this note (T-2).
    pub move_subtasks: Option<&'a str>,
    /// A report or progress on a task still "assigned" (Đã giao) starts it:
    /// a move to "in progress" is written before it, in the same change.
    /// What a person does on a page or through the API; the operator's
    /// writes record exactly the events given.
    pub start_on_report: bool,
}

crate::access::facet!(Tasks, tasks, "Implementation tasks as a viewer reaches them (nhiệm vụ).");

impl Tasks<'_> {
    /// [`policy::may_assign`] on `node`: give it tasks.
    pub fn may_assign(&self, node: &OrgNode) -> bool {
        policy::may_assign(self.reach(node))
    }

    /// [`policy::may_choose_tracking_rules`] on `node`.
    pub fn may_choose_tracking_rules(&self, node: &OrgNode) -> bool {
        policy::may_choose_tracking_rules(self.reach(node))
    }

    /// The tasks assigned in a subtree (T-6: the organization's page
    /// suffices; tasks above the viewer's clearance are left out).
    pub async fn tasks_in(&self, node: &OrgNode, date: Date) -> StoreResult<Vec<crate::tasks::Task>> {
        self.require(node, policy::may_read)?;
        Ok(self.db.tasks_in(node, date).await?.into_iter().filter(|t| self.cleared(t)).collect())
    }

    /// The inbox of `node`: the open tasks given to it that the viewer may
    /// read, those not yet received first ([`crate::tasks::inbox`]). Its
    /// office's (a role that writes on it) and those above.
    pub async fn inbox(&self, node: &OrgNode, limit: u32) -> StoreResult<crate::tasks::inbox::Inbox> {
        self.require(node, policy::may_report)?;
        self.db.inbox(node, self.clearance(), limit).await
    }

    /// Whether the viewer may record the receipt of tasks given to `node`:
    /// its office ([`policy::may_report`]).
    pub fn may_receive(&self, node: &OrgNode) -> bool {
        policy::may_report(self.reach(node))
    }

    /// Records that the assignee's office received the task (tiếp nhận),
    /// now and by the viewer, with its audit entry; `false` (and nothing
    /// written) when it was received already.
    pub async fn receive(&self, task: &Task, today: Date, address: &str) -> StoreResult<bool> {
        let org = self.assignee(task, today).await?;
        if !policy::may_report(self.reach(&org)) || !self.cleared(task) {
            return Err(forbidden(format!("task {}", task.id)));
        }
        if task.received.is_some() {
            return Ok(false);
        }
        let at = crate::members::now_text();
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let received = Db::receive_task_in(w.conn(), task.id, &at, &by).await?;
            if received {
                w.record(Change {
                    action: "task_receipt",
                    org_path: Some(org.path.clone()),
                    subject: format!("task {}", task.id),
                    detail: format!("received by {by}"),
                    classification: task.classification,
                });
            }
            Ok(received)
        })
        .await
    }

    /// The assignee of a task as it is on `date` (or, if it no longer
    /// exists then, as it last was).
    pub(super) async fn assignee(&self, task: &Task, date: Date) -> StoreResult<OrgNode> {
        if let Some(node) = self.db.org_by_id(task.org_id, date).await? {
            return Ok(node);
        }
        let history = self.db.org_history(&task.org).await?;
        history.into_iter().last().ok_or_else(|| StoreError::corrupt(format!("task {} has no organization", task.id)))
    }

    /// A task, if the viewer reads its assignee's page and is cleared for
    /// it (`Ok(None)`: no such task; `Forbidden` otherwise).
    pub async fn task(&self, id: i64, date: Date) -> StoreResult<Option<Task>> {
        let Some(task) = self.db.task(id).await? else { return Ok(None) };
        let org = self.assignee(&task, date).await?;
        if !policy::may_read(self.reach(&org)) || !self.cleared(&task) {
            return Err(forbidden(format!("task {id}")));
        }
        Ok(Some(task))
    }

    /// The sub-tasks of a task the viewer may read.
    pub async fn subtasks(&self, task: &Task, date: Date) -> StoreResult<Vec<Task>> {
        self.require_task(task)?;
        let mut out = Vec::new();
        for sub in self.db.subtasks(task.id).await? {
            if !self.cleared(&sub) {
                continue;
            }
            if policy::may_read(self.reach(&self.assignee(&sub, date).await?)) {
                out.push(sub);
            }
        }
        Ok(out)
    }

    /// A task's log (the caller read the task through [`Scoped::task`]).
    pub async fn task_events(&self, task: &Task) -> StoreResult<Vec<TaskEvent>> {
        self.require_task(task)?;
        self.db.task_events(task.id).await
    }

    /// T-2: the roll-up of a task the viewer read through [`Scoped::task`],
    /// over its whole tree (a classified sub-task counts in the figure
    /// without being shown).
    pub async fn task_rollup(
        &self,
        task: &Task,
        rules: &daihoi_tracking::RollupRules,
    ) -> StoreResult<daihoi_tracking::Rolled> {
        self.require_task(task)?;
        self.db.task_rollup(task.id, rules).await
    }

    /// A task's targets with their readings.
    pub async fn targets(&self, task: &Task) -> StoreResult<Vec<StoredTarget>> {
        self.require_task(task)?;
        self.db.targets_of_task(task.id).await
    }

    /// T-6: a task handed back by the caller is read only within clearance.
    fn require_task(&self, task: &Task) -> StoreResult<()> {
        self.require_cleared(task, || format!("task {}", task.id))
    }

    /// Whether the viewer may record an event of this kind on the task
    /// (see the module's rules).
    pub async fn may_record(&self, task: &Task, kind: &EventKind, date: Date) -> StoreResult<bool> {
        let org = self.assignee(task, date).await?;
        let reach = self.reach(&org);
        Ok(match kind {
            EventKind::Report { .. } | EventKind::ProgressReported { .. } | EventKind::StatusChange { .. } => {
                policy::may_report(reach)
            }
            EventKind::Urging { .. } => match org.parent_id {
                Some(parent) => match self.db.org_by_id(parent, date).await? {
                    Some(p) => policy::may_urge(self.reach(&p)),
                    None => false,
                },
                // The top of the tree has nobody above it but the operator.
                None => self.viewer.user().is_none(),
            },
            EventKind::Inspection { .. } | EventKind::Supervision { .. } => policy::may_record_inspection(reach),
        })
    }

    /// Appends an event to a task's log (T-4) with its audit entry, if the
    /// viewer may record it.
    pub async fn record_event(&self, task: &Task, event: &Event, address: &str) -> StoreResult<TaskEvent> {
        self.record_event_with(task, event, address, EventOptions::default()).await
    }

    /// [`Scoped::record_event`] as a person records it on a page or through
    /// the API ([`EventOptions`]). Whatever the options, an urging that
    /// moves the deadline keeps T-2 ([`crate::tasks::deadlines`]): a new
    /// deadline after the parent's is refused, and one before open
    /// sub-tasks' deadlines is refused with their list unless
    /// `move_subtasks` gives the note of the urging that moves each of them
    /// to the new deadline, in the same transaction.
    pub async fn record_event_with(
        &self,
        task: &Task,
        event: &Event,
        address: &str,
        options: EventOptions<'_>,
    ) -> StoreResult<TaskEvent> {
        let move_subtasks = options.move_subtasks;
        let date = event.recorded_on;
        if !self.may_record(task, &event.kind, date).await? || !self.cleared(task) {
            return Err(forbidden(format!("task {}", task.id)));
        }
        let org = self.assignee(task, date).await?;
        let mut moved = Vec::new();
        if let EventKind::Urging { by, new_deadline: Some(deadline), .. } = &event.kind {
            let deadline = *deadline;
            if let Some(parent) = task.parent_id
                && let Some(parent) = self.db.task(parent).await?
                && let Some(parent_deadline) = parent.deadline
                && deadline > parent_deadline
            {
                return Err(DeadlineRefusal::AfterParent { deadline, parent_deadline }.into());
            }
            let mut late = self.db.open_subtasks_after(task.id, deadline).await?;
            if !late.is_empty() {
                let Some(note) = move_subtasks else {
                    for s in &mut late {
                        if s.classification > self.clearance() {
                            s.title = None;
                        }
                    }
                    return Err(DeadlineRefusal::SubtasksAfter { deadline, subtasks: late }.into());
                };
                for s in late {
                    let sub =
                        self.db.task(s.id).await?.ok_or_else(|| StoreError::NotFound(format!("task {}", s.id)))?;
                    let sub_org = self.assignee(&sub, date).await?;
                    let urging = Event {
                        kind: EventKind::Urging { by: by.clone(), note: note.to_owned(), new_deadline: Some(deadline) },
                        ..event.clone()
                    };
                    moved.push((sub, sub_org, urging));
                }
            }
        }
        // A report or progress on a task still "assigned" starts it: the
        // move to "in progress" is written first, in the same change.
        let start = (options.start_on_report
            && task.workflow == Workflow::Assigned
            && matches!(event.kind, EventKind::Report { progress: Some(_), .. } | EventKind::ProgressReported { .. }))
        .then(|| Event {
            kind: EventKind::StatusChange { from: Workflow::Assigned, to: Workflow::InProgress },
            ..event.clone()
        });
        self.write(address, async |w| {
            if let Some(start) = &start {
                let moved = Db::record_event_in(w.conn(), task.id, start).await?;
                w.record(Change {
                    action: "task_status",
                    org_path: Some(org.path.clone()),
                    subject: format!("task {}", task.id),
                    detail: format!("event {} (started by a report)", moved.id),
                    classification: task.classification,
                });
            }
            let recorded = Db::record_event_in(w.conn(), task.id, event).await?;
            w.record(Change {
                action: event_action(&event.kind),
                org_path: Some(org.path.clone()),
                subject: format!("task {}", task.id),
                detail: format!("event {}", recorded.id),
                classification: task.classification,
            });
            for (sub, sub_org, urging) in &moved {
                let e = Db::record_event_in(w.conn(), sub.id, urging).await?;
                w.record(Change {
                    action: "task_urging",
                    org_path: Some(sub_org.path.clone()),
                    subject: format!("task {}", sub.id),
                    detail: format!("event {} (deadline moved with task {})", e.id, task.id),
                    classification: sub.classification,
                });
            }
            Ok(recorded)
        })
        .await
    }

    /// Adds a reading to one of a task's targets (T-5): the assignee's
    /// office reports it.
    pub async fn record_reading(
        &self,
        task: &Task,
        target_id: i64,
        reading: Reading,
        note: &str,
        address: &str,
    ) -> StoreResult<()> {
        let org = self.assignee(task, reading.on).await?;
        if !policy::may_report(self.reach(&org)) || !self.cleared(task) {
            return Err(forbidden(format!("task {}", task.id)));
        }
        let belongs = self.db.targets_of_task(task.id).await?.iter().any(|t| t.id == target_id);
        if !belongs {
            return Err(StoreError::NotFound(format!("target {target_id} of task {}", task.id)));
        }
        let actor = self.viewer.actor();
        self.write(address, async |w| {
            Db::record_reading_in(w.conn(), target_id, reading, note, &actor).await?;
            w.record(Change {
                action: "target_reading",
                org_path: Some(org.path.clone()),
                subject: format!("target {target_id}"),
                detail: format!("{} on {}", reading.value, daihoi_core::date::iso(reading.on)),
                classification: task.classification,
            });
            Ok(())
        })
        .await
    }

    /// The latest periodic report of each task of a subtree (up to `until`)
    /// that the viewer may read.
    pub async fn latest_reports_in(
        &self,
        node: &OrgNode,
        date: Date,
        until: Date,
    ) -> StoreResult<std::collections::HashMap<i64, (Date, String)>> {
        self.require_page(node)?;
        self.db.latest_reports_in(node, date, until, self.clearance()).await
    }

    /// T-3, T-4: a subtree's tasks that the viewer may read (optionally of
    /// one document) as they stood at the end of `cut`, for its periodic
    /// report.
    pub async fn report_tasks(
        &self,
        node: &OrgNode,
        date: Date,
        cut: Date,
        document: Option<i64>,
    ) -> StoreResult<crate::tasks::reports::ReportTasks> {
        self.require_page(node)?;
        let cut_by = self.cut(document).await?;
        let filter = crate::tasks::reports::ReportCut { clearance: cut_by.clearance, document: cut_by.document };
        self.db.report_tasks(node, date, cut, filter).await
    }

    /// The targets of a subtree's tasks that the viewer may read (of one
    /// document when `document` is given): the first `limit` and how many
    /// there are.
    pub async fn targets_in(
        &self,
        node: &OrgNode,
        date: Date,
        document: Option<i64>,
        limit: u32,
    ) -> StoreResult<(Vec<StoredTarget>, u64)> {
        self.require_page(node)?;
        let cut = self.cut(document).await?;
        self.kept("targets_in", (node, date, cut, limit), async || {
            self.db.targets_in(node, date, cut.clearance, cut.document, limit).await
        })
        .await
    }

    /// T-3: the open tasks of a subtree overdue under the deadline-day
    /// `reading` (`None`: under every reading), optionally of one document,
    /// that the viewer may read: a page and the total.
    pub async fn overdue_in(
        &self,
        node: &OrgNode,
        date: Date,
        today: Date,
        reading: Option<daihoi_tracking::DeadlineDay>,
        limit: u32,
        document: Option<i64>,
    ) -> StoreResult<(Vec<Task>, u64)> {
        self.require_page(node)?;
        let cut = self.cut(document).await?;
        self.kept("overdue_in", (node, date, today, reading, limit, cut), async || {
            self.db.overdue_in(node, date, today, reading, limit, &cut).await
        })
        .await
    }

    /// T-3: the open tasks of a subtree due soon under `rules`.
    pub async fn due_soon_in(
        &self,
        node: &OrgNode,
        date: Date,
        today: Date,
        rules: &daihoi_tracking::StatusRules,
        limit: u32,
        document: Option<i64>,
    ) -> StoreResult<(Vec<Task>, u64)> {
        self.require_page(node)?;
        let cut = self.cut(document).await?;
        self.kept("due_soon_in", (node, date, today, rules, limit, cut), async || {
            self.db.due_soon_in(node, date, today, rules, limit, &cut).await
        })
        .await
    }

    /// T-3: a subtree's tasks counted by deadline status, per child.
    pub async fn status_counts_by_org(
        &self,
        node: &OrgNode,
        date: Date,
        today: Date,
        rules: &daihoi_tracking::StatusRules,
        document: Option<i64>,
    ) -> StoreResult<Vec<(OrgNode, crate::tasks::lists::StatusCounts)>> {
        self.require_page(node)?;
        let cut = self.cut(document).await?;
        self.kept("status_counts_by_org", (node, date, today, rules, cut), async || {
            self.db.status_counts_by_org(node, date, today, rules, &cut).await
        })
        .await
    }

    /// T-2: the roll-up of a subtree's task trees, whole: classified tasks
    /// count in the figures (the overall progress, the count of tasks)
    /// without being shown; the caller shows only the top tasks the viewer
    /// may read ([`Scoped::task`]).
    pub async fn subtree_rollup(
        &self,
        node: &OrgNode,
        date: Date,
        document: Option<i64>,
        rules: &daihoi_tracking::RollupRules,
    ) -> StoreResult<crate::tasks::lists::SubtreeRollup> {
        self.require_page(node)?;
        let cut = self.cut(document).await?;
        // The roll-up counts classified tasks (the caller shows only what
        // the viewer may read): the cut's clearance is not part of it.
        self.kept("subtree_rollup", (node, date, cut.document, rules), async || {
            self.db.subtree_rollup(node, date, cut.document, rules).await
        })
        .await
    }

    /// T-2: every progress figure of a subtree's tasks ([`Db::subtree_figures`]):
    /// each task's own and rolled-up progress and the overall progress, by
    /// the definition of [`Scoped::subtree_rollup`] (`as_of: None`: the
    /// same figures). Classified tasks count, as there; the caller shows a
    /// task's figures only with a task the viewer may read.
    pub async fn subtree_figures(
        &self,
        node: &OrgNode,
        date: Date,
        as_of: Option<Date>,
        document: Option<i64>,
        rules: &daihoi_tracking::RollupRules,
    ) -> StoreResult<crate::tasks::lists::SubtreeFigures> {
        self.require_page(node)?;
        let cut = self.cut(document).await?;
        self.db.subtree_figures(node, date, as_of, cut.document, rules).await
    }

    /// The viewer's cut of a subtree's tasks (T-6), of one document only if
    /// the viewer is cleared for it (`Forbidden` otherwise, `NotFound` when
    /// there is no such document), so that no list, count, chart or report
    /// of a document answers a reader who may not read the document.
    async fn cut(&self, document: Option<i64>) -> StoreResult<crate::tasks::lists::TaskCut> {
        if let Some(id) = document {
            self.documents().document(id).await?.ok_or_else(|| StoreError::NotFound(format!("document {id}")))?;
        }
        Ok(crate::tasks::lists::TaskCut { clearance: self.clearance(), document })
    }

    fn require_page(&self, node: &OrgNode) -> StoreResult<()> {
        if policy::may_read(self.reach(node)) { Ok(()) } else { Err(forbidden(format!("organization {}", node.code))) }
    }

    /// The tracking rules that apply to a subtree (`None`: nobody chose).
    pub async fn tracking_setting(&self, node: &OrgNode, date: Date) -> StoreResult<Option<TrackingSetting>> {
        if !policy::may_read(self.reach(node)) {
            return Err(forbidden(format!("organization {}", node.code)));
        }
        self.kept("tracking_setting", (node, date), async || self.db.tracking_setting(node, date).await).await
    }

    /// The choices made for organizations below `node` (each applies on
    /// their own pages; `node`'s pages apply `node`'s).
    pub async fn tracking_settings_below(&self, node: &OrgNode, date: Date) -> StoreResult<Vec<TrackingSetting>> {
        if !policy::may_read(self.reach(node)) {
            return Err(forbidden(format!("organization {}", node.code)));
        }
        self.kept("tracking_settings_below", (node, date), async || self.db.tracking_settings_below(node, date).await)
            .await
    }

    /// Records the \[open\] tracking rules an administrator of the subtree
    /// chose for it, with its audit entry.
    pub async fn set_tracking_rules(&self, node: &OrgNode, rules: &TrackingRules, address: &str) -> StoreResult<()> {
        if !policy::may_choose_tracking_rules(self.reach(node)) {
            return Err(forbidden(format!("organization {}", node.code)));
        }
        let actor = self.viewer.actor();
        self.write(address, async |w| {
            Db::set_tracking_rules_in(w.conn(), node, rules, &actor).await?;
            w.record(Change {
                action: "tracking_rules",
                org_path: Some(node.path.clone()),
                subject: node.code.as_str().to_owned(),
                detail: crate::tasks::settings::describe(rules),
                classification: Classification::Normal,
            });
            Ok(())
        })
        .await
    }
}
