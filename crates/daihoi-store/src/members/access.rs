//! What a viewer may do with members: counts where the organization's page
//! is reached, names and data where a role reads members, imports where a
//! role writes.

use daihoi_core::BaseCount;
use time::Date;

use super::policy;
use crate::access::forbidden;
use crate::documents::Classification;
use crate::members::edit::{self, MemberRefusal, NewCondition};
use crate::members::{ImportError, ImportReport, ImportRow, MemberDetail, MemberPage, MemberQuery, member_subject};
use crate::orgs::OrgNode;
use crate::write::Change;
use crate::{StoreError, StoreResult};
use daihoi_core::OrgCode;
use daihoi_core::members::Member;
use daihoi_core::members::import::{MemberRow, check_member};

/// A search with at most this many matches keeps them (8 bytes each).
const KEPT_MATCHES: usize = 1_000;

crate::access::facet!(Members, members, "The members a viewer reaches (đảng viên).");

impl Members<'_> {
    /// [`policy::may_read`] on `node`: members' names and data.
    pub fn may_read(&self, node: &OrgNode) -> bool {
        policy::may_read(self.reach(node))
    }

    /// The base count of R-BASE-1 for a subtree.
    pub async fn base_count(&self, node: &OrgNode, date: Date) -> StoreResult<BaseCount> {
        self.require(node, policy::may_count)?;
        self.db.base_count(node, date).await
    }

    /// Members enrolled in a subtree (only for roles that read members).
    pub async fn members_in(&self, node: &OrgNode, date: Date, query: &MemberQuery) -> StoreResult<MemberPage> {
        self.require(node, policy::may_read)?;
        // A search's matches in name order are kept, when they are few, for
        // its other pages and for the same search again.
        if let Some(search) = query.search.as_deref().filter(|s| !daihoi_core::search::search_key(s).is_empty()) {
            let matches = self
                .kept("member_search", (node, date, search), async || {
                    self.db.search_matches(node, date, search, KEPT_MATCHES).await
                })
                .await?;
            if let Some(ids) = matches {
                return self.db.page_of_ids(&ids, date, query).await;
            }
        }
        self.db.members_in(node, date, query).await
    }

    /// The members of a subtree on `date` as rows of the member file (what
    /// `daihoi export members` writes and an import reads back): only for
    /// roles that read members there.
    pub async fn export_members(&self, node: &OrgNode, date: Date) -> StoreResult<Vec<MemberRow>> {
        self.require(node, policy::may_read)?;
        self.db.export_members(node, date).await
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
            Some(cell) if policy::may_read(self.reach(&cell)) => Ok(Some(detail)),
            _ => Err(forbidden(format!("member {person_id}"))),
        }
    }

    /// The member `person_id` and the cell they are enrolled in now (or
    /// were last), if `decide` lets the viewer change them there; `today`
    /// is the day a current enrolment's cell is read on.
    async fn kept_member(
        &self,
        person_id: i64,
        today: Date,
        decide: fn(crate::access::Reach) -> bool,
    ) -> StoreResult<(MemberDetail, OrgNode)> {
        let d =
            self.db.member_detail(person_id).await?.ok_or_else(|| StoreError::NotFound(member_subject(person_id)))?;
        let Some(last) = d.memberships.last() else { return Err(forbidden(member_subject(person_id))) };
        let on = match last.to {
            Some(to) => to.previous_day().unwrap_or(to),
            None => today,
        };
        match self.db.org_by_id(last.org_id, on).await? {
            Some(cell) if decide(self.reach(&cell)) => Ok((d, cell)),
            _ => Err(forbidden(member_subject(person_id))),
        }
    }

    /// [`policy::may_keep`] on the member's cell: whether the viewer may
    /// edit the member, record and end their conditions (the page shows the
    /// forms only then).
    pub async fn may_keep(&self, person_id: i64, today: Date) -> StoreResult<bool> {
        match self.kept_member(person_id, today, policy::may_keep).await {
            Ok(_) => Ok(true),
            Err(StoreError::Forbidden(_) | StoreError::NotFound(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Edits a member's data (sửa thông tin đảng viên): checked as a row of
    /// the member file is (every problem at once), and the card number is
    /// nobody else's. One audit entry naming each change; nothing is
    /// written when nothing changed. Returns the member as stored after.
    pub async fn edit_member(
        &self,
        person_id: i64,
        new: &Member,
        today: Date,
        address: &str,
    ) -> StoreResult<MemberDetail> {
        let (d, cell) = self.kept_member(person_id, today, policy::may_keep).await?;
        let mut problems: Vec<_> = check_member(new, today).into_iter().map(|e| (e.column, e.problem)).collect();
        if let Err(e) = daihoi_core::text::optional_line(&new.ethnicity, daihoi_core::text::ETHNICITY_MAX_CHARS) {
            problems.push((daihoi_core::members::import::Column::Ethnicity, e.into()));
        }
        if !problems.is_empty() {
            return Err(MemberRefusal::Fields(problems).into());
        }
        let changed = edit::changes(&d.member, new);
        if changed.is_empty() {
            return Ok(d);
        }
        self.write(address, async |w| {
            if let Some(refusal) = edit::check_edit(w.conn(), &d, new).await?.into_iter().next() {
                return Err(refusal.into());
            }
            edit::update_person(w.conn(), person_id, &d.member, new).await?;
            // Lists, counts and the base are counted again.
            crate::db::members_changed(w.conn()).await?;
            w.record(Change {
                action: "member_edit",
                org_path: Some(cell.path.clone()),
                subject: member_subject(person_id),
                detail: format!("{}: {}", edit::who(&d), changed.join("; ")),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(())
        })
        .await?;
        self.db.member_detail(person_id).await?.ok_or_else(|| StoreError::NotFound(member_subject(person_id)))
    }

    /// Transfers a member to the cell `target` on `date` (chuyển sinh
    /// hoạt): the current enrolment ends on `date` and one in `target`
    /// starts (on the current one's first day, the cell is corrected in
    /// place). `target` exists on `date` and still does, and holds members;
    /// `date` is not before the current enrolment's start (O-DATE-1 bounds
    /// it). The viewer writes at both ends ([`policy::may_transfer`]).
    pub async fn transfer_member(
        &self,
        person_id: i64,
        target: &OrgCode,
        date: Date,
        today: Date,
        address: &str,
    ) -> StoreResult<MemberDetail> {
        let (d, source) = self.kept_member(person_id, today, |_| true).await?;
        daihoi_core::date::check_history_date(date, today)?;
        let to_node = self.db.org_by_code(target, date).await?;
        let to_last = self.db.org_now(target).await?;
        let Some(known) = to_last.as_ref() else { return Err(StoreError::UnknownOrg(target.clone())) };
        if !policy::may_transfer(self.reach(&source), self.reach(known)) {
            return Err(forbidden(format!("{} to {target}", member_subject(person_id))));
        }
        edit::check_transfer(&d, target, to_node.as_ref(), to_last.as_ref(), date)?;
        let (Some(to_node), Some(current)) = (to_node, d.memberships.last()) else {
            return Err(MemberRefusal::NotEnrolled.into());
        };
        self.write(address, async |w| {
            let (id, from): (i64, String) =
                sqlx::query_as("SELECT id, valid_from FROM membership WHERE person_id = $1 AND valid_to IS NULL")
                    .bind(person_id)
                    .fetch_one(&mut *w.conn())
                    .await?;
            super::move_membership(w.conn(), id, person_id, &from, to_node.id, date).await?;
            // Lists, counts and the base are counted again.
            crate::db::members_changed(w.conn()).await?;
            w.record(Change {
                action: "member_transfer",
                org_path: Some(source.path.clone()),
                subject: member_subject(person_id),
                detail: format!(
                    "{}: moved from {} ({}) to {} ({}) on {}",
                    edit::who(&d),
                    current.org_code,
                    current.org_name,
                    to_node.code,
                    to_node.name,
                    daihoi_core::date::vi(date)
                ),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(())
        })
        .await?;
        self.db.member_detail(person_id).await?.ok_or_else(|| StoreError::NotFound(member_subject(person_id)))
    }

    /// Records a condition of a member from a date (R-BASE-1: it takes
    /// them out of an election's base while it holds), with a note. Not
    /// before admission; never overlapping another of the same kind.
    pub async fn record_condition(
        &self,
        person_id: i64,
        new: &NewCondition<'_>,
        today: Date,
        address: &str,
    ) -> StoreResult<MemberDetail> {
        let (d, cell) = self.kept_member(person_id, today, policy::may_keep).await?;
        let note = daihoi_core::text::optional_line(new.note, daihoi_core::text::LABEL_MAX_CHARS)
            .map_err(StoreError::text("note"))?;
        daihoi_core::date::check_history_date(new.from, today)?;
        edit::check_condition(&d, new)?;
        self.write(address, async |w| {
            edit::insert_condition(w.conn(), person_id, new, note).await?;
            // Lists, counts and the base are counted again.
            crate::db::members_changed(w.conn()).await?;
            let note = if note.is_empty() { String::new() } else { format!(" ({note})") };
            w.record(Change {
                action: "member_condition_record",
                org_path: Some(cell.path.clone()),
                subject: member_subject(person_id),
                detail: format!(
                    "{}: {} ({}) from {}{note}",
                    edit::who(&d),
                    new.kind.vi(),
                    new.kind.code(),
                    daihoi_core::date::vi(new.from)
                ),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(())
        })
        .await?;
        self.db.member_detail(person_id).await?.ok_or_else(|| StoreError::NotFound(member_subject(person_id)))
    }

    /// Ends the open condition `condition_id` of a member on `to` (the
    /// first day it no longer holds), after its start.
    pub async fn end_condition(
        &self,
        person_id: i64,
        condition_id: i64,
        to: Date,
        today: Date,
        address: &str,
    ) -> StoreResult<MemberDetail> {
        let (d, cell) = self.kept_member(person_id, today, policy::may_keep).await?;
        daihoi_core::date::check_history_date(to, today)?;
        let c = edit::check_end(&d, condition_id, to)?;
        self.write(address, async |w| {
            edit::end_condition(w.conn(), condition_id, to).await?;
            // Lists, counts and the base are counted again.
            crate::db::members_changed(w.conn()).await?;
            w.record(Change {
                action: "member_condition_end",
                org_path: Some(cell.path.clone()),
                subject: member_subject(person_id),
                detail: format!(
                    "{}: {} ({}) from {} ended on {}",
                    edit::who(&d),
                    c.kind.vi(),
                    c.kind.code(),
                    daihoi_core::date::vi(c.from),
                    daihoi_core::date::vi(to)
                ),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(())
        })
        .await?;
        self.db.member_detail(person_id).await?.ok_or_else(|| StoreError::NotFound(member_subject(person_id)))
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
        self.require(root, policy::may_import)?;
        self.import(Some(root), rows, as_of, (address, file_name), dry_run, &mut |_| {}).await
    }

    /// Imports members anywhere in the tree (the command line's `daihoi
    /// import members`), with one audit entry: the operator's. `progress`
    /// is called with the number of rows done so far.
    pub async fn import_members_everywhere(
        &self,
        rows: &[ImportRow],
        as_of: Date,
        address: &str,
        file_name: &str,
        progress: &mut (dyn FnMut(usize) + Send),
    ) -> Result<ImportReport, ImportError> {
        if !policy::may_import_everywhere(self.viewer) {
            return Err(forbidden("a member file for the whole tree").into());
        }
        self.import(None, rows, as_of, (address, file_name), false, progress).await
    }

    async fn import(
        &self,
        within: Option<&OrgNode>,
        rows: &[ImportRow],
        as_of: Date,
        (address, file_name): (&str, &str),
        dry_run: bool,
        progress: &mut (dyn FnMut(usize) + Send),
    ) -> Result<ImportReport, ImportError> {
        let report = self
            .write(address, async |w| {
                let path = within.map(|n| &n.path);
                let report = crate::members::import::import_members(w.conn(), rows, as_of, path, progress).await?;
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
                        org_path: within.map(|n| n.path.clone()),
                        subject: within.map_or_else(|| file_name.to_owned(), |n| n.code.as_str().to_owned()),
                        detail,
                        classification: Classification::Normal,
                    });
                }
                Ok::<_, ImportError>(report)
            })
            .await?;
        if !dry_run {
            self.db.analyze_after(rows.len()).await?;
        }
        Ok(report)
    }
}
