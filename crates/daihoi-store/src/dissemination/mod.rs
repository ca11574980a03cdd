//! Dissemination conferences (hội nghị học tập, quán triệt): an
//! organization gathers an audience on a date to study documents of the
//! register. The record keeps who held it, when, which documents it covered
//! and who attended (members by card number, organizations by code); the
//! coverage of a document in a subtree on a date is derived from it: which
//! members and which cells have studied it, and which cells not yet.
//!
//! T-6: a conference is classified at least as its documents are (its
//! title and notes speak of them), or higher when its holder chose so; a
//! reader below that never gets it: lists leave it out in SQL, its page
//! refuses.

pub mod access;
pub mod policy;
pub mod reached;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use daihoi_core::date::iso;
use daihoi_core::{OrgCode, OrgPath};
use sqlx::AssertSqlSafe;
use time::Date;

use crate::documents::Classification;
use crate::members::MEMBERS_IN_SUBTREE_FAST;
use crate::members::{BATCH, now_text};
use crate::orgs::OrgNode;
use crate::placeholders::named;
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
    /// T-6: the classification chosen for the conference; it is stored as
    /// at least its documents' highest.
    pub classification: Classification,
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
    /// T-6: at least the highest of its documents' classifications.
    pub classification: Classification,
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

/// A conference as a list shows it: its holder on the day and how many
/// attended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisseminationSummary {
    pub dissemination: Dissemination,
    pub holder_code: String,
    /// The holder's name on the day of the conference.
    pub holder_name: String,
    pub members: u64,
    pub orgs: u64,
}

/// A member who attended, as a conference's page lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub person_id: i64,
    pub card_number: String,
    pub full_name: String,
    /// The cell (chi bộ) the member belonged to on the day, if any.
    pub cell: Option<String>,
}

/// Who attended a conference, as far as a viewer may see (see
/// [`policy::may_see_attendee`]): the members the viewer may read (by their
/// cell on the day), by name, one page of them at a time; the others only
/// counted; the organizations listed whose page the viewer reaches, one
/// page of them at a time, the others counted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attendance {
    /// The page asked for of the members the viewer may read, by name.
    pub members: Vec<Attendee>,
    /// How many members the viewer may read, over all pages.
    pub members_readable: u64,
    /// Members who attended from outside the viewer's reach.
    pub members_hidden: u64,
    /// The page asked for of the organizations listed as attending whose
    /// page the viewer reaches: code and name on the day, by code.
    pub orgs: Vec<(String, String)>,
    /// How many organizations the viewer may see by name, over all pages.
    pub orgs_readable: u64,
    /// Organizations listed as attending whose page the viewer does not reach.
    pub orgs_hidden: u64,
}

impl Attendance {
    /// Members who attended, those only counted included.
    pub fn members_total(&self) -> u64 {
        self.members_readable + self.members_hidden
    }

    /// Organizations listed as attending, those only counted included.
    pub fn orgs_total(&self) -> u64 {
        self.orgs_readable + self.orgs_hidden
    }
}

/// Which part of a list to give: `limit` items from `offset` (counted
/// among the items the viewer may see).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub offset: u64,
    pub limit: u64,
}

impl Window {
    /// The whole list.
    pub const ALL: Window = Window { offset: 0, limit: u64::MAX };

    /// `limit` items from `offset`.
    pub fn new(offset: u64, limit: u64) -> Window {
        Window { offset, limit }
    }
}

/// The whole attendance of a conference as stored, before any viewer's
/// cut: each member with the path of their cell on the day (by name), each
/// organization (code, name) with its path on the day (by code).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct AttendanceRows {
    pub(crate) people: Vec<(Attendee, Option<OrgPath>)>,
    pub(crate) orgs: Vec<((String, String), Option<OrgPath>)>,
}

/// A conference's row: id, holder, day, title, level, notes, classification.
type Row = (i64, i64, String, String, String, String, String);

/// The people who attended a conference covering document `$document`
/// held on or before `$date` (see [`named`]).
const ATTENDED: &str = "SELECT a.person_id FROM dissemination_attendance a \
     JOIN dissemination d ON d.id = a.dissemination_id \
     JOIN dissemination_document dd ON dd.dissemination_id = d.id \
     WHERE dd.document_id = $document AND d.held_on <= $date AND a.person_id IS NOT NULL";

impl Db {
    /// Records a conference held by `new.org` covering `new.documents`.
    /// An organization that does not exist on the date, or a document that
    /// is not registered, refuses it.
    pub(crate) async fn record_dissemination(&self, new: &NewDissemination<'_>) -> StoreResult<Dissemination> {
        let org = self.org_on(new.org, new.held_on).await?;
        let mut documents: Vec<i64> = new.documents.to_vec();
        documents.sort_unstable();
        documents.dedup();
        let mut classification = new.classification;
        for id in &documents {
            match self.document(*id).await? {
                Some(d) => classification = classification.max(d.classification),
                None => return Err(StoreError::NotFound(format!("document {id}"))),
            }
        }
        let mut tx = self.begin_write().await?;
        let id = insert_dissemination(&mut tx, org.id, new, &documents, classification).await?;
        crate::db::changed(&mut tx).await?;
        tx.commit().await?;
        self.dissemination(id).await?.ok_or_else(|| StoreError::corrupt("dissemination vanished after insert"))
    }

    /// A conference by id.
    pub async fn dissemination(&self, id: i64) -> StoreResult<Option<Dissemination>> {
        let row: Option<Row> = sqlx::query_as(
            "SELECT id, org_id, held_on, title, level, notes, classification FROM dissemination WHERE id = $1",
        )
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
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT d.id, d.org_id, d.held_on, d.title, d.level, d.notes, d.classification FROM dissemination d \
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

    /// The conferences held by the organizations that were in the subtree
    /// `[low, high)` on the day of each conference, up to `clearance` (T-6,
    /// in SQL: the page and the count leave the others out), newest first
    /// (then by id, descending): the first `limit` and how many there are.
    async fn disseminations_in_range(
        &self,
        low: &str,
        high: &str,
        clearance: Classification,
        limit: u32,
    ) -> StoreResult<(Vec<DisseminationSummary>, u64)> {
        let held_in = format!(
            "FROM dissemination d \
             JOIN org_version v ON v.org_id = d.org_id AND v.valid_from <= d.held_on \
               AND (v.valid_to IS NULL OR v.valid_to > d.held_on) \
             JOIN organization o ON o.id = d.org_id \
             WHERE v.path >= $low AND v.path < $high AND d.classification IN {}",
            clearance.sql_up_to()
        );
        let sql = named(
            &format!(
                "SELECT d.id, d.org_id, d.held_on, d.title, d.level, d.notes, d.classification, o.code, v.name, \
                   (SELECT COUNT(*) FROM dissemination_attendance a WHERE a.dissemination_id = d.id \
                      AND a.person_id IS NOT NULL), \
                   (SELECT COUNT(*) FROM dissemination_attendance a WHERE a.dissemination_id = d.id \
                      AND a.org_id IS NOT NULL) \
                 {held_in} ORDER BY d.held_on DESC, d.id DESC LIMIT $limit"
            ),
            &["low", "high", "limit"],
        );
        type Listed = (i64, i64, String, String, String, String, String, String, String, i64, i64);
        let rows: Vec<Listed> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(low)
            .bind(high)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        // The documents of the listed conferences in one query (integers
        // only in the text).
        let mut documents: HashMap<i64, Vec<i64>> = HashMap::new();
        if !rows.is_empty() {
            let list = rows.iter().map(|r| r.0.to_string()).collect::<Vec<_>>().join(", ");
            let sql = format!(
                "SELECT dissemination_id, document_id FROM dissemination_document \
                 WHERE dissemination_id IN ({list}) ORDER BY dissemination_id, document_id"
            );
            let pairs: Vec<(i64, i64)> = sqlx::query_as(AssertSqlSafe(sql)).fetch_all(&self.pool).await?;
            for (conference, document) in pairs {
                documents.entry(conference).or_default().push(document);
            }
        }
        let mut out = Vec::with_capacity(rows.len());
        for (id, org_id, held_on, title, level, notes, classification, code, name, members, orgs) in rows {
            let held_on = daihoi_core::date::from_iso(&held_on)
                .ok_or_else(|| StoreError::corrupt(format!("bad date {held_on:?}")))?;
            let documents = documents.remove(&id).unwrap_or_default();
            let classification = Classification::parse(&classification)?;
            out.push(DisseminationSummary {
                dissemination: Dissemination { id, org_id, held_on, title, level, notes, documents, classification },
                holder_code: code,
                holder_name: name,
                members: members.unsigned_abs(),
                orgs: orgs.unsigned_abs(),
            });
        }
        let total: i64 =
            sqlx::query_scalar(AssertSqlSafe(named(&format!("SELECT COUNT(*) {held_in}"), &["low", "high"])))
                .bind(low)
                .bind(high)
                .fetch_one(&self.pool)
                .await?;
        Ok((out, total.unsigned_abs()))
    }

    /// Who attended a conference held on `held_on`: each member with the
    /// path of their cell on the day (none if they had no cell then), by
    /// name; each organization with its code, its name and path on the day.
    pub(crate) async fn attendance_rows(&self, dissemination_id: i64, held_on: Date) -> StoreResult<AttendanceRows> {
        // Person id, card number, full name, the cell's name and path.
        type Row = (i64, String, String, Option<String>, Option<String>);
        let people: Vec<Row> = sqlx::query_as(
            "SELECT p.id, p.card_number, p.full_name, v.name, v.path FROM dissemination_attendance a \
             JOIN person p ON p.id = a.person_id \
             LEFT JOIN membership m ON m.person_id = p.id AND m.valid_from <= $2 \
               AND (m.valid_to IS NULL OR m.valid_to > $2) \
             LEFT JOIN org_version v ON v.org_id = m.org_id AND v.valid_from <= $2 \
               AND (v.valid_to IS NULL OR v.valid_to > $2) \
             WHERE a.dissemination_id = $1 ORDER BY p.name_key, p.id",
        )
        .bind(dissemination_id)
        .bind(iso(held_on))
        .fetch_all(&self.pool)
        .await?;
        let orgs: Vec<(String, String, Option<String>)> = sqlx::query_as(
            "SELECT o.code, COALESCE(v.name, o.code), v.path FROM dissemination_attendance a \
             JOIN organization o ON o.id = a.org_id \
             LEFT JOIN org_version v ON v.org_id = o.id AND v.valid_from <= $2 \
               AND (v.valid_to IS NULL OR v.valid_to > $2) \
             WHERE a.dissemination_id = $1 ORDER BY o.code",
        )
        .bind(dissemination_id)
        .bind(iso(held_on))
        .fetch_all(&self.pool)
        .await?;
        // The paths are read once here, not for every viewer's cut.
        let path = |p: Option<String>| p.as_deref().and_then(OrgPath::from_stored);
        let people = people
            .into_iter()
            .map(|(person_id, card_number, full_name, cell, p)| {
                (Attendee { person_id, card_number, full_name, cell }, path(p))
            })
            .collect();
        let orgs = orgs.into_iter().map(|(code, name, p)| ((code, name), path(p))).collect();
        Ok(AttendanceRows { people, orgs })
    }

    /// Whether `person_id` attended the conference in person.
    pub(crate) async fn attended(&self, dissemination_id: i64, person_id: i64) -> StoreResult<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT person_id FROM dissemination_attendance WHERE dissemination_id = $1 AND person_id = $2",
        )
        .bind(dissemination_id)
        .bind(person_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }

    async fn with_documents(&self, row: Row) -> StoreResult<Dissemination> {
        let (id, org_id, held_on, title, level, notes, classification) = row;
        let documents: Vec<i64> = sqlx::query_scalar(
            "SELECT document_id FROM dissemination_document WHERE dissemination_id = $1 ORDER BY document_id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let held_on = daihoi_core::date::from_iso(&held_on)
            .ok_or_else(|| StoreError::corrupt(format!("bad date {held_on:?}")))?;
        let classification = Classification::parse(&classification)?;
        Ok(Dissemination { id, org_id, held_on, title, level, notes, documents, classification })
    }

    /// The coverage of a document in the subtree of `root` on `date` (see
    /// [`Coverage`] for what counts), kept between requests while the data
    /// generation has not moved (attendance, members and the tree raise it).
    pub async fn coverage(&self, document_id: i64, root: &OrgNode, date: Date) -> StoreResult<Coverage> {
        let generation = self.data_generation().await?;
        let key = (document_id, root.id, date);
        if let Some((g, kept)) = self.coverages.lock().unwrap_or_else(|e| e.into_inner()).get(&key)
            && *g == generation
        {
            return Ok(Coverage::clone(kept));
        }
        let coverage = self.count_coverage(document_id, root, date, generation).await?;
        let mut kept = self.coverages.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() >= 1_000 {
            kept.clear();
        }
        kept.insert(key, (generation, Arc::new(coverage.clone())));
        Ok(coverage)
    }

    /// [`Db::coverage`] counted now, without the kept figures.
    async fn count_coverage(
        &self,
        document_id: i64,
        root: &OrgNode,
        date: Date,
        generation: i64,
    ) -> StoreResult<Coverage> {
        let (low, high) = root.path.subtree_range();
        // The members of the subtree: the base count, kept between requests
        // while the data generation has not moved (a province's 200,000
        // members are not counted again for every page).
        let base = self.base_count_at(root, date, generation).await?;
        let members_total = base.convened + base.probationary;
        // The attendees are the small side: start from them, and keep those
        // enrolled in the subtree on the date, by cell (one cell each).
        let by_cell = named(
            &format!(
                "SELECT m.org_id, COUNT(DISTINCT a.person_id) AS reached FROM ({ATTENDED}) a \
                 JOIN person p ON p.id = a.person_id AND p.admission_date <= $date \
                 JOIN membership m ON m.person_id = a.person_id AND m.valid_from <= $date \
                   AND (m.valid_to IS NULL OR m.valid_to > $date) \
                 JOIN org_version v ON v.org_id = m.org_id AND v.valid_from <= $date \
                   AND (v.valid_to IS NULL OR v.valid_to > $date) \
                 WHERE v.path >= $low AND v.path < $high GROUP BY m.org_id"
            ),
            &["document", "date", "low", "high"],
        );
        let cells: Vec<(i64, i64)> = sqlx::query_as(AssertSqlSafe(by_cell))
            .bind(document_id)
            .bind(iso(date))
            .bind(&low)
            .bind(&high)
            .fetch_all(&self.pool)
            .await?;
        let members_reached: u64 = cells.iter().map(|(_, n)| n.unsigned_abs()).sum();
        let mut reached: HashSet<i64> = cells.into_iter().map(|(org, _)| org).collect();
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
            members_total,
            members_reached,
            orgs_total,
            orgs_reached: orgs_total - not_reached.len() as u64,
            not_reached,
        })
    }

    /// The members (person id, cell id) enrolled in the subtree of `root`
    /// on `date`, by person id (the demo picks attendees from them).
    pub(crate) async fn members_with_cells(&self, root: &OrgNode, date: Date) -> StoreResult<Vec<(i64, i64)>> {
        let (low, high) = root.path.subtree_range();
        let sql =
            named(&format!("SELECT p.id, m.org_id {MEMBERS_IN_SUBTREE_FAST} ORDER BY p.id"), &["date", "low", "high"]);
        Ok(sqlx::query_as(AssertSqlSafe(sql)).bind(iso(date)).bind(&low).bind(&high).fetch_all(&self.pool).await?)
    }

    /// The demo's attendance, by ids already checked.
    pub(crate) async fn add_attendance_ids(
        &self,
        dissemination_id: i64,
        people: &[i64],
        orgs: &[i64],
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        insert_attendance(&mut tx, dissemination_id, people, orgs).await?;
        crate::db::changed(&mut tx).await?;
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

/// Inserts a conference and its documents (checked by the caller), at
/// `classification` (at least its documents' highest: the caller's).
async fn insert_dissemination(
    tx: &mut sqlx::AnyConnection,
    org_id: i64,
    new: &NewDissemination<'_>,
    documents: &[i64],
    classification: Classification,
) -> StoreResult<i64> {
    use daihoi_core::text::{LABEL_MAX_CHARS, NOTE_MAX_CHARS, TITLE_MAX_CHARS, line, optional_line, paragraphs};
    let title = line(new.title, TITLE_MAX_CHARS).map_err(StoreError::text("title"))?;
    let level = optional_line(new.level, LABEL_MAX_CHARS).map_err(StoreError::text("level"))?;
    let notes = paragraphs(new.notes, NOTE_MAX_CHARS).map_err(StoreError::text("notes"))?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO dissemination (org_id, held_on, title, level, notes, created_at, classification) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(org_id)
    .bind(iso(new.held_on))
    .bind(title)
    .bind(level)
    .bind(notes)
    .bind(now_text())
    .bind(classification.code())
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

/// How many members and organizations a conference's attendance holds.
async fn attendance_counts(conn: &mut sqlx::AnyConnection, dissemination_id: i64) -> StoreResult<(i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT COUNT(person_id), COUNT(org_id) FROM dissemination_attendance WHERE dissemination_id = $1",
    )
    .bind(dissemination_id)
    .fetch_one(&mut *conn)
    .await?)
}

/// Inserts attendance rows, keeping what is already there.
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
