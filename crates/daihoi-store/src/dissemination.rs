//! Dissemination conferences (hội nghị học tập, quán triệt): an
//! organization gathers an audience on a date to study documents of the
//! register. The record keeps who held it, when, which documents it covered
//! and who attended (members by card number, organizations by code); the
//! coverage of a document in a subtree on a date is derived from it: which
//! members and which cells have studied it, and which cells not yet.

use std::collections::HashSet;

use daihoi_core::OrgCode;
use daihoi_core::date::iso;
use daihoi_core::members::CardNumber;
use sqlx::AssertSqlSafe;
use time::Date;

use crate::members::MEMBERS_IN_SUBTREE_FAST;
use crate::members::{BATCH, now_text};
use crate::orgs::OrgNode;
use crate::{Db, StoreError, StoreResult};

/// A conference to record.
#[derive(Debug, Clone)]
pub struct NewDissemination<'a> {
    /// The organization that holds it (it must exist on `held_on`).
    pub org: &'a OrgCode,
    pub held_on: Date,
    pub title: &'a str,
    /// The level in words ("cấp tỉnh"); may be empty.
    pub level: &'a str,
    pub notes: &'a str,
    /// Ids of registered documents; repeats are kept once.
    pub documents: &'a [i64],
}

/// A recorded conference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dissemination {
    pub id: i64,
    pub org_id: i64,
    pub held_on: Date,
    pub title: String,
    pub level: String,
    pub notes: String,
    /// The documents covered, by id, ascending.
    pub documents: Vec<i64>,
}

/// How far a document has reached in a subtree on a date.
///
/// Members are those enrolled in the subtree on the date; a member is
/// reached who attended, in person, a conference covering the document
/// held on or before the date (once, however many conferences). The
/// organizations counted are those of the subtree of a kind that holds
/// members ([`daihoi_core::OrgKind::holds_members`]: cells); one is reached that was
/// listed as attending such a conference, or one of whose members (enrolled
/// in it on the date) was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub members_total: u64,
    pub members_reached: u64,
    pub orgs_total: u64,
    pub orgs_reached: u64,
    /// The organizations counted but not reached, in path order.
    pub not_reached: Vec<OrgNode>,
}

/// The people who attended a conference covering document `$4` held on or
/// before `$1`.
const ATTENDED: &str = "SELECT a.person_id FROM dissemination_attendance a \
     JOIN dissemination d ON d.id = a.dissemination_id \
     JOIN dissemination_document dd ON dd.dissemination_id = d.id \
     WHERE dd.document_id = $4 AND d.held_on <= $1 AND a.person_id IS NOT NULL";

impl Db {
    /// Records a conference held by `new.org` covering `new.documents`.
    /// An organization that does not exist on the date, or a document that
    /// is not registered, refuses it.
    pub async fn record_dissemination(&self, new: &NewDissemination<'_>) -> StoreResult<Dissemination> {
        let org = self.org_on(new.org, new.held_on).await?;
        let mut documents: Vec<i64> = new.documents.to_vec();
        documents.sort_unstable();
        documents.dedup();
        for id in &documents {
            if self.document(*id).await?.is_none() {
                return Err(StoreError::NotFound(format!("document {id}")));
            }
        }
        let mut tx = self.pool.begin().await?;
        let id = insert_dissemination(&mut tx, org.id, new, &documents).await?;
        tx.commit().await?;
        self.dissemination(id).await?.ok_or_else(|| StoreError::corrupt("dissemination vanished after insert"))
    }

    /// A conference by id.
    pub async fn dissemination(&self, id: i64) -> StoreResult<Option<Dissemination>> {
        let row: Option<(i64, i64, String, String, String, String)> =
            sqlx::query_as("SELECT id, org_id, held_on, title, level, notes FROM dissemination WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        match row {
            Some(row) => Ok(Some(self.with_documents(row).await?)),
            None => Ok(None),
        }
    }

    /// The conferences that covered a document, oldest first.
    pub async fn disseminations_of(&self, document_id: i64) -> StoreResult<Vec<Dissemination>> {
        let rows: Vec<(i64, i64, String, String, String, String)> = sqlx::query_as(
            "SELECT d.id, d.org_id, d.held_on, d.title, d.level, d.notes FROM dissemination d \
             JOIN dissemination_document dd ON dd.dissemination_id = d.id \
             WHERE dd.document_id = $1 ORDER BY d.held_on, d.id",
        )
        .bind(document_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(self.with_documents(row).await?);
        }
        Ok(out)
    }

    async fn with_documents(&self, row: (i64, i64, String, String, String, String)) -> StoreResult<Dissemination> {
        let (id, org_id, held_on, title, level, notes) = row;
        let documents: Vec<i64> = sqlx::query_scalar(
            "SELECT document_id FROM dissemination_document WHERE dissemination_id = $1 ORDER BY document_id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let held_on = daihoi_core::date::from_iso(&held_on)
            .ok_or_else(|| StoreError::corrupt(format!("bad date {held_on:?}")))?;
        Ok(Dissemination { id, org_id, held_on, title, level, notes, documents })
    }

    /// Records who attended a conference: members by card number and
    /// organizations by code. All or nothing: an unknown card or code (or
    /// an organization that does not exist on the conference's date)
    /// refuses the whole call, naming it. Attending twice is recorded once.
    pub async fn add_attendance(
        &self,
        dissemination_id: i64,
        members: &[CardNumber],
        orgs: &[OrgCode],
    ) -> StoreResult<()> {
        let held_on: String = sqlx::query_scalar("SELECT held_on FROM dissemination WHERE id = $1")
            .bind(dissemination_id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("dissemination {dissemination_id}")))?;
        let held_on = daihoi_core::date::from_iso(&held_on)
            .ok_or_else(|| StoreError::corrupt(format!("bad date {held_on:?}")))?;
        let mut people = Vec::with_capacity(members.len());
        for card in members {
            let id = self
                .person_id_by_card(card)
                .await?
                .ok_or_else(|| StoreError::NotFound(format!("member with card number {card}")))?;
            people.push(id);
        }
        let mut org_ids = Vec::with_capacity(orgs.len());
        for code in orgs {
            org_ids.push(self.org_on(code, held_on).await?.id);
        }
        let mut tx = self.pool.begin().await?;
        insert_attendance(&mut tx, dissemination_id, &people, &org_ids).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The coverage of a document in the subtree of `root` on `date` (see
    /// [`Coverage`] for what counts).
    pub async fn coverage(&self, document_id: i64, root: &OrgNode, date: Date) -> StoreResult<Coverage> {
        let (low, high) = root.path.subtree_range();
        let counts =
            format!("SELECT COUNT(*), COUNT(CASE WHEN p.id IN ({ATTENDED}) THEN 1 END) {MEMBERS_IN_SUBTREE_FAST}");
        let (members_total, members_reached): (i64, i64) = sqlx::query_as(AssertSqlSafe(counts))
            .bind(iso(date))
            .bind(&low)
            .bind(&high)
            .bind(document_id)
            .fetch_one(&self.pool)
            .await?;
        let through_members = format!("SELECT DISTINCT m.org_id {MEMBERS_IN_SUBTREE_FAST} AND p.id IN ({ATTENDED})");
        let mut reached: HashSet<i64> = sqlx::query_scalar::<_, i64>(AssertSqlSafe(through_members))
            .bind(iso(date))
            .bind(&low)
            .bind(&high)
            .bind(document_id)
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .collect();
        let listed: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT a.org_id FROM dissemination_attendance a \
             JOIN dissemination d ON d.id = a.dissemination_id \
             JOIN dissemination_document dd ON dd.dissemination_id = d.id \
             WHERE dd.document_id = $2 AND d.held_on <= $1 AND a.org_id IS NOT NULL",
        )
        .bind(iso(date))
        .bind(document_id)
        .fetch_all(&self.pool)
        .await?;
        reached.extend(listed);
        let counted: Vec<OrgNode> =
            self.subtree(root, date).await?.into_iter().filter(|o| o.kind.holds_members()).collect();
        let orgs_total = counted.len() as u64;
        let not_reached: Vec<OrgNode> = counted.into_iter().filter(|o| !reached.contains(&o.id)).collect();
        Ok(Coverage {
            members_total: members_total.unsigned_abs(),
            members_reached: members_reached.unsigned_abs(),
            orgs_total,
            orgs_reached: orgs_total - not_reached.len() as u64,
            not_reached,
        })
    }

    /// The members (person id, cell id) enrolled in the subtree of `root`
    /// on `date`, by person id (the demo picks attendees from them).
    pub(crate) async fn members_with_cells(&self, root: &OrgNode, date: Date) -> StoreResult<Vec<(i64, i64)>> {
        let (low, high) = root.path.subtree_range();
        let sql = format!("SELECT p.id, m.org_id {MEMBERS_IN_SUBTREE_FAST} ORDER BY p.id");
        Ok(sqlx::query_as(AssertSqlSafe(sql)).bind(iso(date)).bind(&low).bind(&high).fetch_all(&self.pool).await?)
    }

    /// [`Db::add_attendance`] by ids already checked.
    pub(crate) async fn add_attendance_ids(
        &self,
        dissemination_id: i64,
        people: &[i64],
        orgs: &[i64],
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        insert_attendance(&mut tx, dissemination_id, people, orgs).await?;
        tx.commit().await?;
        Ok(())
    }
}

impl Db {
    /// The organization with this code on `date`; refused when there is no
    /// such code, or it does not exist then.
    pub(crate) async fn org_on(&self, code: &OrgCode, date: Date) -> StoreResult<OrgNode> {
        if let Some(node) = self.org_by_code(code, date).await? {
            return Ok(node);
        }
        let known: Option<i64> = sqlx::query_scalar("SELECT id FROM organization WHERE code = $1")
            .bind(code.as_str())
            .fetch_optional(&self.pool)
            .await?;
        Err(match known {
            Some(_) => StoreError::OrgNotOnDate { code: code.clone(), date },
            None => StoreError::UnknownOrg(code.clone()),
        })
    }
}

/// Inserts attendance rows, keeping what is already there.
/// Inserts a conference and its documents (checked by the caller).
async fn insert_dissemination(
    tx: &mut sqlx::AnyConnection,
    org_id: i64,
    new: &NewDissemination<'_>,
    documents: &[i64],
) -> StoreResult<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO dissemination (org_id, held_on, title, level, notes, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(org_id)
    .bind(iso(new.held_on))
    .bind(new.title.trim())
    .bind(new.level.trim())
    .bind(new.notes.trim())
    .bind(now_text())
    .fetch_one(&mut *tx)
    .await?;
    for document_id in documents {
        sqlx::query("INSERT INTO dissemination_document (dissemination_id, document_id) VALUES ($1, $2)")
            .bind(id)
            .bind(*document_id)
            .execute(&mut *tx)
            .await?;
    }
    Ok(id)
}

async fn insert_attendance(
    conn: &mut sqlx::AnyConnection,
    dissemination_id: i64,
    people: &[i64],
    orgs: &[i64],
) -> StoreResult<()> {
    for (column, ids) in [("person_id", people), ("org_id", orgs)] {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        for chunk in ids.chunks(BATCH) {
            let sql = format!(
                "INSERT INTO dissemination_attendance (dissemination_id, {column}) VALUES {} ON CONFLICT DO NOTHING",
                crate::placeholders::rows(chunk.len(), 2)
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(dissemination_id).bind(*id);
            }
            q.execute(&mut *conn).await?;
        }
    }
    Ok(())
}

impl crate::access::Scoped<'_> {
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
        if !self.reach(&holder).write {
            return Err(StoreError::Forbidden(format!("organization {}", holder.code)));
        }
        let mut documents: Vec<i64> = new.documents.to_vec();
        documents.sort_unstable();
        documents.dedup();
        for id in &documents {
            if self.document(*id).await?.is_none() {
                return Err(StoreError::NotFound(format!("document {id}")));
            }
        }
        let mut people = Vec::with_capacity(members.len());
        for card in members {
            let person = self
                .db
                .person_id_by_card(card)
                .await?
                .ok_or_else(|| StoreError::NotFound(card.to_string()))?;
            match self.member(person, new.held_on).await {
                Ok(Some(_)) => people.push(person),
                Ok(None) | Err(StoreError::Forbidden(_)) => {
                    return Err(StoreError::NotFound(card.to_string()));
                }
                Err(e) => return Err(e),
            }
        }
        let mut org_ids = Vec::with_capacity(orgs.len());
        for code in orgs {
            let node = self.db.org_on(code, new.held_on).await?;
            if !holder.path.contains(&node.path) {
                return Err(StoreError::NotFound(code.to_string()));
            }
            org_ids.push(node.id);
        }
        let actor = self.viewer.actor();
        let mut tx = self.db.pool.begin().await?;
        let id = insert_dissemination(&mut tx, holder.id, new, &documents).await?;
        insert_attendance(&mut tx, id, &people, &org_ids).await?;
        let subject = format!("dissemination {id}");
        let detail = format!("{} members, {} organizations", people.len(), org_ids.len());
        crate::audit::append(
            &mut tx,
            &crate::audit::NewAuditEntry {
                actor: &actor,
                address,
                action: "dissemination",
                org_path: Some(&holder.path),
                subject: &subject,
                detail: &detail,
            },
        )
        .await?;
        tx.commit().await?;
        self.db.dissemination(id).await?.ok_or_else(|| StoreError::corrupt("dissemination vanished after insert"))
    }
}
