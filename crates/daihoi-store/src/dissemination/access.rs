//! What a viewer may do with conferences that disseminate documents (hội
//! nghị quán triệt) and their attendance: record them where a role writes on
//! the holder, read them where its page is reached, up to the viewer's
//! clearance (T-6).

use std::sync::Arc;

use daihoi_core::OrgCode;
use daihoi_core::members::CardNumber;
use time::Date;

use super::policy;
use super::{
    Attendance, AttendanceRows, Dissemination, DisseminationSummary, NewDissemination, Window, attendance_counts,
    insert_attendance, insert_dissemination,
};
use crate::documents::Document;
use crate::orgs::OrgNode;
use crate::write::Change;
use crate::{StoreError, StoreResult};

/// One viewer's cut of a conference's attendance: which rows of
/// [`AttendanceRows`] they may see by name, members and organizations.
#[derive(Debug, Default)]
struct AttendanceCut {
    members: Seen,
    orgs: Seen,
}

/// Which rows of a list a viewer may see, one bit a row (a province's
/// conference lists about 100,000 members: 12 KB a viewer, kept), and how
/// many.
#[derive(Debug, Default)]
struct Seen {
    bits: Vec<u64>,
    len: usize,
    seen: u64,
}

impl Seen {
    /// Appends a row, seen or not.
    fn push(&mut self, seen: bool) {
        if self.len.is_multiple_of(64) {
            self.bits.push(0);
        }
        if seen {
            if let Some(word) = self.bits.last_mut() {
                *word |= 1 << (self.len % 64);
            }
            self.seen += 1;
        }
        self.len += 1;
    }

    /// The rows not seen.
    fn hidden(&self) -> u64 {
        self.len as u64 - self.seen
    }

    /// The indices of the rows seen, `window` of them, in order.
    fn window(&self, window: Window) -> Vec<usize> {
        let mut skip = window.offset;
        let mut out = Vec::new();
        for (w, &word) in self.bits.iter().enumerate() {
            if out.len() as u64 >= window.limit {
                break;
            }
            let ones = u64::from(word.count_ones());
            if skip >= ones {
                skip -= ones;
                continue;
            }
            let mut word = word;
            while word != 0 && (out.len() as u64) < window.limit {
                let bit = word.trailing_zeros() as usize;
                word &= word - 1;
                if skip > 0 {
                    skip -= 1;
                } else {
                    out.push(w * 64 + bit);
                }
            }
        }
        out
    }
}

crate::access::facet!(
    Disseminations,
    disseminations,
    "Conferences and coverage as a viewer reaches them (quán triệt)."
);

impl Disseminations<'_> {
    /// [`policy::may_record`] on `holder`: record its conferences and their attendance.
    pub fn may_record(&self, holder: &OrgNode) -> bool {
        policy::may_record(self.reach(holder))
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
        self.require(node, policy::may_read)?;
        self.db.coverage(document.id, node, date).await
    }

    /// Records a conference held by an organization where the viewer
    /// writes, with its attendance, in one transaction with its audit
    /// entry: the members by card number (each one the viewer may read, so
    /// that nobody learns of a card outside their subtree) and the
    /// organizations by code (in the holder's subtree on the day). Any
    /// refusal writes nothing; `NotFound` holds just the card number or
    /// the code refused, for the caller's message.
    pub async fn record_dissemination(
        &self,
        new: &NewDissemination<'_>,
        members: &[CardNumber],
        orgs: &[OrgCode],
        address: &str,
    ) -> StoreResult<Dissemination> {
        let holder = self.db.org_on(new.org, new.held_on).await?;
        if !policy::may_record(self.reach(&holder)) {
            return Err(StoreError::Forbidden(format!("organization {}", holder.code)));
        }
        if !self.cleared(&new.classification) {
            return Err(StoreError::Forbidden(format!("a {} conference", new.classification.code())));
        }
        let mut documents: Vec<i64> = new.documents.to_vec();
        documents.sort_unstable();
        documents.dedup();
        let mut classification = new.classification;
        for id in &documents {
            match self.documents().document(*id).await? {
                // A conference studies a document already issued.
                Some(d) if new.held_on < d.issued_on => {
                    return Err(StoreError::HeldBeforeIssue { number: d.number_label(), issued_on: d.issued_on });
                }
                Some(d) => classification = classification.max(d.classification),
                None => return Err(StoreError::NotFound(format!("document {id}"))),
            }
        }
        let (people, org_ids) = self.check_attendance(&holder, new.held_on, members, orgs).await?;
        let id = self
            .write(address, async |w| {
                let id = insert_dissemination(w.conn(), holder.id, new, &documents, classification).await?;
                insert_attendance(w.conn(), id, &people, &org_ids).await?;
                // Coverage figures kept before are stale.
                crate::db::changed(w.conn()).await?;
                w.record(Change {
                    action: "dissemination",
                    org_path: Some(holder.path.clone()),
                    subject: format!("dissemination {id}"),
                    detail: format!("{} members, {} organizations", people.len(), org_ids.len()),
                    classification,
                });
                Ok::<_, StoreError>(id)
            })
            .await?;
        self.db.dissemination(id).await?.ok_or_else(|| StoreError::corrupt("dissemination vanished after insert"))
    }

    /// Adds to the attendance of a conference already recorded (a list
    /// that came later, a second file), by the same checks as
    /// [`Scoped::record_dissemination`], in one transaction with its audit
    /// entry; any refusal writes nothing. Those already listed are kept
    /// once. Returns how many members and organizations were new.
    pub async fn add_attendance(
        &self,
        dissemination: &Dissemination,
        members: &[CardNumber],
        orgs: &[OrgCode],
        address: &str,
    ) -> StoreResult<(u64, u64)> {
        self.require_cleared(dissemination, || format!("dissemination {}", dissemination.id))?;
        let holder = self.holder(dissemination).await?;
        if !policy::may_record(self.reach(&holder)) {
            return Err(StoreError::Forbidden(format!("organization {}", holder.code)));
        }
        let (people, org_ids) = self.check_attendance(&holder, dissemination.held_on, members, orgs).await?;
        self.write(address, async |w| {
            let before = attendance_counts(w.conn(), dissemination.id).await?;
            insert_attendance(w.conn(), dissemination.id, &people, &org_ids).await?;
            crate::db::changed(w.conn()).await?;
            let after = attendance_counts(w.conn(), dissemination.id).await?;
            let added = ((after.0 - before.0).unsigned_abs(), (after.1 - before.1).unsigned_abs());
            w.record(Change {
                action: "dissemination_attendance",
                org_path: Some(holder.path.clone()),
                subject: format!("dissemination {}", dissemination.id),
                detail: format!("+{} members, +{} organizations", added.0, added.1),
                classification: dissemination.classification,
            });
            Ok(added)
        })
        .await
    }

    /// A conference, if the viewer reads it ([`policy::may_read_one`]: a
    /// role that reaches its holder's page on the day it was held, or the
    /// viewer attended it in person), with that holder; `Forbidden` when
    /// the viewer is not cleared for it (T-6), attendee or not.
    pub async fn dissemination(&self, id: i64) -> StoreResult<Option<(Dissemination, OrgNode)>> {
        let Some(d) = self.db.dissemination(id).await? else { return Ok(None) };
        self.require_cleared(&d, || format!("dissemination {id}"))?;
        let holder = self.holder(&d).await?;
        let on_holder = self.reach(&holder);
        // Whether the viewer attended is asked only when their roles do
        // not already reach the holder.
        let attended = match self.reader_person() {
            Some(person) if !policy::may_read(on_holder) => self.db.attended(d.id, person).await?,
            _ => false,
        };
        Ok(policy::may_read_one(on_holder, attended).then_some((d, holder)))
    }

    /// [`policy::may_read`] on `holder`: its conferences' list (the viewer
    /// may read a conference without it, having attended).
    pub fn may_list(&self, holder: &OrgNode) -> bool {
        policy::may_read(self.reach(holder))
    }

    /// The member the viewer's account is, if any.
    fn reader_person(&self) -> Option<i64> {
        self.viewer.user.as_ref().and_then(|u| u.person_id)
    }

    /// The conferences held in the subtree of `root` (by the organizations
    /// in it on each conference's day), newest first: the first `limit`
    /// and how many there are. The viewer must read `root`.
    pub async fn disseminations_in(&self, root: &OrgNode, limit: u32) -> StoreResult<(Vec<DisseminationSummary>, u64)> {
        if !policy::may_read(self.reach(root)) {
            return Err(StoreError::Forbidden(format!("organization {}", root.code)));
        }
        let (low, high) = root.path.subtree_range();
        self.db.disseminations_in_range(&low, &high, self.clearance(), limit).await
    }

    /// Who attended `dissemination` (one the viewer reads: see
    /// [`Scoped::dissemination`]), all of it: see
    /// [`Disseminations::attendance_page`].
    pub async fn attendance(&self, dissemination: &Dissemination) -> StoreResult<Attendance> {
        self.attendance_page(dissemination, Window::ALL, Window::ALL).await
    }

    /// Who attended `dissemination` (one the viewer reads: see
    /// [`Scoped::dissemination`]), as [`policy::may_see_attendee`] and
    /// [`policy::may_see_org`] let the viewer see it: of the members the
    /// viewer may read by name (by their cell on the day, or themselves),
    /// in name order, the window `members`, and how many over all; the
    /// others counted; of the organizations whose page the viewer reaches,
    /// by code, the window `orgs`, and how many over all; the others
    /// counted. The whole list is read once per write generation (a
    /// province's conference lists thousands), and each viewer's cut of it
    /// once per generation too (kept under the viewer's roles: two viewers
    /// share a cut only when their roles and person are the same), before
    /// the windows are taken.
    pub async fn attendance_page(
        &self,
        dissemination: &Dissemination,
        members: Window,
        orgs: Window,
    ) -> StoreResult<Attendance> {
        self.require_cleared(dissemination, || format!("dissemination {}", dissemination.id))?;
        let (id, held_on) = (dissemination.id, dissemination.held_on);
        let me = self.reader_person();
        // Everything the cut depends on: who the viewer is as the policy
        // sees it (the operator, their roles over subtrees, their person).
        let mut roles: Vec<(daihoi_core::Role, i64)> = self.viewer.grants.iter().map(|g| (g.role, g.org_id)).collect();
        roles.sort_unstable();
        roles.dedup();
        let cut: Arc<(Arc<AttendanceRows>, AttendanceCut)> = self
            .kept("attendance_cut", (id, held_on, self.viewer.is_operator(), &roles, me), async || {
                let rows: Arc<AttendanceRows> = self
                    .kept("attendance_rows", (id, held_on), async || {
                        Ok(Arc::new(self.db.attendance_rows(id, held_on).await?))
                    })
                    .await?;
                let cut = self.cut(&rows, me);
                Ok(Arc::new((rows, cut)))
            })
            .await?;
        let (rows, cut) = &*cut;
        Ok(Attendance {
            members: cut.members.window(members).into_iter().map(|i| rows.people[i].0.clone()).collect(),
            members_readable: cut.members.seen,
            members_hidden: cut.members.hidden(),
            orgs: cut.orgs.window(orgs).into_iter().map(|i| rows.orgs[i].0.clone()).collect(),
            orgs_readable: cut.orgs.seen,
            orgs_hidden: cut.orgs.hidden(),
        })
    }

    /// The viewer's cut of a conference's attendance (`me`: the viewer's
    /// person): which members and organizations they may see by name.
    fn cut(&self, rows: &AttendanceRows, me: Option<i64>) -> AttendanceCut {
        let mut cut = AttendanceCut::default();
        for (attendee, path) in &rows.people {
            cut.members.push(match path {
                Some(path) => policy::may_see_attendee(self.viewer.reach(path), me == Some(attendee.person_id)),
                None => self.viewer.is_operator() || me == Some(attendee.person_id),
            });
        }
        for (_, path) in &rows.orgs {
            cut.orgs.push(
                path.as_ref().map_or(self.viewer.is_operator(), |path| policy::may_see_org(self.viewer.reach(path))),
            );
        }
        cut
    }

    /// The organization that held a conference, on the day.
    async fn holder(&self, d: &Dissemination) -> StoreResult<OrgNode> {
        self.db
            .org_by_id(d.org_id, d.held_on)
            .await?
            .ok_or_else(|| StoreError::corrupt(format!("dissemination {} held by a missing organization", d.id)))
    }

    /// The attendance of a conference held by `holder` on `held_on`, as
    /// ids: members by card number, each one the viewer may read (so that
    /// nobody learns of a card outside their subtree), and organizations by
    /// code, in the holder's subtree on the day. `NotFound` holds just the
    /// card number or the code refused.
    async fn check_attendance(
        &self,
        holder: &OrgNode,
        held_on: Date,
        members: &[CardNumber],
        orgs: &[OrgCode],
    ) -> StoreResult<(Vec<i64>, Vec<i64>)> {
        // Every card and organization refused is named at once.
        let mut missing: Vec<String> = Vec::new();
        let mut people = Vec::with_capacity(members.len());
        for card in members {
            let Some(person) = self.db.person_id_by_card(card).await? else {
                missing.push(card.to_string());
                continue;
            };
            match self.members().member(person, held_on).await {
                Ok(Some(_)) => people.push(person),
                Ok(None) | Err(StoreError::Forbidden(_)) => missing.push(card.to_string()),
                Err(e) => return Err(e),
            }
        }
        let mut org_ids = Vec::with_capacity(orgs.len());
        for code in orgs {
            match self.db.org_on(code, held_on).await {
                Ok(node) if holder.path.contains(&node.path) => org_ids.push(node.id),
                Ok(_) | Err(StoreError::UnknownOrg(_) | StoreError::OrgNotOnDate { .. }) => {
                    missing.push(code.to_string());
                }
                Err(e) => return Err(e),
            }
        }
        if !missing.is_empty() {
            return Err(StoreError::NotFound(missing.join(", ")));
        }
        Ok((people, org_ids))
    }
}

#[cfg(test)]
mod tests {
    use super::{Seen, Window};

    /// The windows of a cut give each row seen once, in order, whatever
    /// their size and however the words fall.
    #[test]
    fn windows_of_a_cut_give_each_row_seen_once() {
        let mut seen = Seen::default();
        let rows: Vec<bool> = (0..300).map(|i| i % 3 == 0 || (64..130).contains(&i)).collect();
        for &r in &rows {
            seen.push(r);
        }
        let expected: Vec<usize> = (0..300).filter(|&i| rows[i]).collect();
        assert_eq!(seen.seen + seen.hidden(), 300);
        assert_eq!(seen.seen as usize, expected.len());
        assert_eq!(seen.window(Window::ALL), expected);
        for size in [1, 2, 7, 64, 65, 100, 1000] {
            let mut joined = Vec::new();
            let mut offset = 0;
            loop {
                let w = seen.window(Window::new(offset, size));
                if w.is_empty() {
                    break;
                }
                assert!(w.len() as u64 <= size);
                joined.extend(w);
                offset += size;
            }
            assert_eq!(joined, expected, "by {size}");
        }
        assert!(seen.window(Window::new(u64::MAX, 5)).is_empty());
        assert!(Seen::default().window(Window::ALL).is_empty());
    }
}
