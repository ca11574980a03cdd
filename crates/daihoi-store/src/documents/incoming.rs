//! The incoming side of the register (sổ văn bản đến) and the copies sent
//! down the tree.
//!
//! An [`Arrival`] is a document as an organization's office took it in:
//! numbered in the order it came within the year, with the day it came and
//! who sent it. A [`Forward`] (chuyển) is a copy an office that holds the
//! document sends to an organization below it; the receiving office records
//! its receipt (tiếp nhận), which enters the document in its own incoming
//! register. The forwards not yet received are that office's document
//! inbox.
//!
//! Who edits a document (its files, its links) follows who keeps it: the
//! organization whose register issued it ([`Document::org_id`]), or, for a
//! document from outside the tree (the Central Committee's), the offices
//! that took it in from outside, not those it was forwarded to
//! ([`EditRight`]).

use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use time::Date;

use daihoi_core::date::iso;

use super::policy;
use crate::documents::access::Documents;
use crate::documents::{Classification, Document, NewDocument};
use crate::members::now_text;
use crate::orgs::{OrgNode, date_col};
use crate::write::Change;
use crate::{Db, StoreError, StoreResult};

/// A document in an organization's incoming register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    pub id: i64,
    pub document_id: i64,
    /// The organization whose register it is in (as on the day it came).
    pub org: OrgNode,
    pub year: i32,
    /// Số đến: from 1 each year.
    pub number: u32,
    pub arrived_on: Date,
    /// Who sent it, in words.
    pub sender: String,
    /// The forward it came by; `None`: from outside the tree.
    pub forward_id: Option<i64>,
    pub recorded_by: String,
}

/// A copy of a document sent to an organization below (chuyển văn bản).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forward {
    pub id: i64,
    pub document_id: i64,
    pub from: OrgNode,
    pub to: OrgNode,
    pub forwarded_on: Date,
    pub forwarded_by: String,
    /// When (RFC 3339, UTC) and by whom it was received; `None`: not yet.
    pub received: Option<(String, String)>,
}

/// How a document came in: the day and the sender.
#[derive(Debug, Clone, Copy)]
pub struct NewArrival<'a> {
    pub arrived_on: Date,
    pub sender: &'a str,
}

/// Whether the viewer may change a document (attach files, link it), and
/// why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditRight {
    /// The viewer writes in this register, which keeps the document.
    Editable(OrgNode),
    /// The document is kept by these organizations' registers, where the
    /// viewer does not write (the first few).
    KeptBy(Vec<OrgNode>),
    /// No register keeps it yet: the operator's, until an office records
    /// its arrival.
    Unkept,
    /// The viewer is not cleared for it.
    NotCleared,
}

/// An office's document inbox: the copies forwarded to it, not yet
/// received first (then the newest), with their documents; how many there
/// are and are not yet received.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentInbox {
    pub items: Vec<(Forward, Document)>,
    pub total: u64,
    pub unreceived: u64,
}

const ARRIVAL_COLUMNS: &str = "a.id AS id, a.document_id AS document_id, a.org_id AS org_id, \
     a.arrival_year AS arrival_year, a.arrival_number AS arrival_number, a.arrived_on AS arrived_on, \
     a.sender AS sender, a.forward_id AS forward_id, a.recorded_by AS recorded_by";

const FORWARD_COLUMNS: &str = "f.id AS id, f.document_id AS document_id, f.from_org_id AS from_org_id, \
     f.to_org_id AS to_org_id, f.forwarded_on AS forwarded_on, f.forwarded_by AS forwarded_by, \
     f.received_at AS received_at, f.received_by AS received_by";

fn pick(versions: &std::collections::HashMap<i64, Vec<OrgNode>>, id: i64, date: Date) -> StoreResult<OrgNode> {
    versions
        .get(&id)
        .and_then(|v| crate::orgs::version_on(v, date))
        .cloned()
        .ok_or_else(|| StoreError::corrupt(format!("organization {id} has no version")))
}

fn year_of(date: Date) -> i64 {
    i64::from(date.year())
}

impl Db {
    /// An organization as on `date`, or as it last was if it did not
    /// exist then.
    pub(crate) async fn org_near(&self, id: i64, date: Date) -> StoreResult<OrgNode> {
        if let Some(node) = self.org_by_id(id, date).await? {
            return Ok(node);
        }
        let code: String = sqlx::query_scalar("SELECT code FROM organization WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::corrupt(format!("organization {id} vanished")))?;
        let code = daihoi_core::OrgCode::parse(&code).map_err(|e| StoreError::corrupt(e.to_string()))?;
        self.org_history(&code).await?.pop().ok_or_else(|| StoreError::corrupt(format!("{code} has no version")))
    }

    /// Arrivals from their rows, each organization as on its day (one
    /// query for all the organizations).
    async fn arrivals_from(&self, rows: &[AnyRow]) -> StoreResult<Vec<Arrival>> {
        let ids: Vec<i64> = rows.iter().map(|r| r.try_get::<i64, _>("org_id")).collect::<Result<_, _>>()?;
        let versions = self.org_versions(&ids).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let arrived_on = date_col(row, "arrived_on")?;
            let number: i64 = row.try_get("arrival_number")?;
            let year: i64 = row.try_get("arrival_year")?;
            out.push(Arrival {
                id: row.try_get("id")?,
                document_id: row.try_get("document_id")?,
                org: pick(&versions, row.try_get("org_id")?, arrived_on)?,
                year: i32::try_from(year).map_err(|_| StoreError::corrupt(format!("bad arrival year {year}")))?,
                number: u32::try_from(number)
                    .map_err(|_| StoreError::corrupt(format!("bad arrival number {number}")))?,
                arrived_on,
                sender: row.try_get("sender")?,
                forward_id: row.try_get("forward_id")?,
                recorded_by: row.try_get("recorded_by")?,
            });
        }
        Ok(out)
    }

    /// Forwards from their rows, each organization as on the day it was
    /// sent (one query for all the organizations).
    async fn forwards_from(&self, rows: &[AnyRow]) -> StoreResult<Vec<Forward>> {
        let mut ids = Vec::with_capacity(rows.len() * 2);
        for r in rows {
            ids.push(r.try_get::<i64, _>("from_org_id")?);
            ids.push(r.try_get::<i64, _>("to_org_id")?);
        }
        let versions = self.org_versions(&ids).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let forwarded_on = date_col(row, "forwarded_on")?;
            let at: Option<String> = row.try_get("received_at")?;
            let by: Option<String> = row.try_get("received_by")?;
            out.push(Forward {
                id: row.try_get("id")?,
                document_id: row.try_get("document_id")?,
                from: pick(&versions, row.try_get("from_org_id")?, forwarded_on)?,
                to: pick(&versions, row.try_get("to_org_id")?, forwarded_on)?,
                forwarded_on,
                forwarded_by: row.try_get("forwarded_by")?,
                received: at.zip(by),
            });
        }
        Ok(out)
    }

    /// Every arrival of a document, the earliest first.
    pub(crate) async fn arrivals_of(&self, document_id: i64) -> StoreResult<Vec<Arrival>> {
        let sql = format!(
            "SELECT {ARRIVAL_COLUMNS} FROM document_arrival a WHERE a.document_id = $1 ORDER BY a.arrived_on, a.id"
        );
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(document_id).fetch_all(&self.pool).await?;
        self.arrivals_from(&rows).await
    }

    /// The arrivals of a document entered from outside the tree, and those
    /// in the registers of `orgs` (the few a viewer's roles are bound to),
    /// the earliest first: what a document's page lists, without reading the
    /// hundreds of copies received below.
    pub(crate) async fn arrivals_direct(&self, document_id: i64, orgs: &[i64]) -> StoreResult<Vec<Arrival>> {
        let sql = if orgs.is_empty() {
            format!(
                "SELECT {ARRIVAL_COLUMNS} FROM document_arrival a WHERE a.document_id = $1 \
                 AND a.forward_id IS NULL ORDER BY a.arrived_on, a.id"
            )
        } else {
            format!(
                "SELECT {ARRIVAL_COLUMNS} FROM document_arrival a WHERE a.document_id = $1 \
                 AND (a.forward_id IS NULL OR a.org_id IN ({})) ORDER BY a.arrived_on, a.id",
                crate::placeholders::list(2, orgs.len())
            )
        };
        let mut q = sqlx::query(AssertSqlSafe(sql)).bind(document_id);
        for id in orgs {
            q = q.bind(*id);
        }
        let rows = q.fetch_all(&self.pool).await?;
        self.arrivals_from(&rows).await
    }

    /// The organizations whose incoming registers hold a document, each
    /// with whether its copy was forwarded from above (a received forward)
    /// rather than entered from outside the tree: the ids only, one light
    /// query (a document of the Central Committee is in hundreds of
    /// registers; [`Self::arrivals_of`] also reads each one's versions).
    pub(crate) async fn arrival_holders(&self, document_id: i64) -> StoreResult<Vec<(i64, bool)>> {
        let rows = sqlx::query(
            "SELECT org_id, forward_id FROM document_arrival WHERE document_id = $1 ORDER BY arrived_on, id",
        )
        .bind(document_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get::<i64, _>("org_id")?, r.try_get::<Option<i64>, _>("forward_id")?.is_some())))
            .collect()
    }

    /// Every forward of a document, in the order they were sent.
    pub(crate) async fn forwards_of(&self, document_id: i64) -> StoreResult<Vec<Forward>> {
        let sql = format!("SELECT {FORWARD_COLUMNS} FROM document_forward f WHERE f.document_id = $1 ORDER BY f.id");
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(document_id).fetch_all(&self.pool).await?;
        self.forwards_from(&rows).await
    }

    async fn forward_by_id(&self, id: i64) -> StoreResult<Option<Forward>> {
        let sql = format!("SELECT {FORWARD_COLUMNS} FROM document_forward f WHERE f.id = $1");
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(id).fetch_all(&self.pool).await?;
        Ok(self.forwards_from(&rows).await?.pop())
    }

    /// Enters a document in an organization's incoming register with the
    /// next number of the arrival's year: the new arrival's id and number.
    /// A document already there is refused with its number.
    pub(crate) async fn record_arrival_in(
        conn: &mut sqlx::AnyConnection,
        document_id: i64,
        org_id: i64,
        arrival: NewArrival<'_>,
        forward_id: Option<i64>,
        by: &str,
    ) -> StoreResult<(i64, u32)> {
        let sender = daihoi_core::text::line(arrival.sender, daihoi_core::text::TITLE_MAX_CHARS)
            .map_err(StoreError::text("sender"))?;
        if sender.is_empty() {
            return Err(StoreError::text("sender")(daihoi_core::text::TextProblem::Empty));
        }
        let there: Option<(i64, i64)> = sqlx::query_as(
            "SELECT arrival_number, arrival_year FROM document_arrival WHERE org_id = $1 AND document_id = $2",
        )
        .bind(org_id)
        .bind(document_id)
        .fetch_optional(&mut *conn)
        .await?;
        if let Some((number, year)) = there {
            return Err(StoreError::AlreadyArrived { number: number.unsigned_abs(), year });
        }
        let year = year_of(arrival.arrived_on);
        let number: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(arrival_number), 0) + 1 FROM document_arrival WHERE org_id = $1 AND arrival_year = $2",
        )
        .bind(org_id)
        .bind(year)
        .fetch_one(&mut *conn)
        .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO document_arrival (document_id, org_id, arrival_year, arrival_number, arrived_on, sender, \
             forward_id, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(document_id)
        .bind(org_id)
        .bind(year)
        .bind(number)
        .bind(iso(arrival.arrived_on))
        .bind(sender)
        .bind(forward_id)
        .bind(by)
        .bind(now_text())
        .fetch_one(&mut *conn)
        .await?;
        Ok((id, u32::try_from(number).unwrap_or(u32::MAX)))
    }

    /// Sends a copy of a document from `from` to `to`: whether it is new
    /// (a document goes to an organization once).
    pub(crate) async fn forward_in(
        conn: &mut sqlx::AnyConnection,
        document_id: i64,
        from: i64,
        to: i64,
        on: Date,
        by: &str,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO document_forward (document_id, from_org_id, to_org_id, forwarded_on, forwarded_by) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (document_id, to_org_id) DO NOTHING",
        )
        .bind(document_id)
        .bind(from)
        .bind(to)
        .bind(iso(on))
        .bind(by)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Records the receipt of a forward not yet received, and enters the
    /// document in the receiving register (unless it is there already,
    /// having come another way): the arrival's number, `None` when the
    /// forward was received already.
    pub(crate) async fn receive_forward_in(
        conn: &mut sqlx::AnyConnection,
        forward: &Forward,
        on: Date,
        at: &str,
        by: &str,
    ) -> StoreResult<Option<Option<u32>>> {
        let done = sqlx::query(
            "UPDATE document_forward SET received_at = $1, received_by = $2 WHERE id = $3 AND received_at IS NULL",
        )
        .bind(at)
        .bind(by)
        .bind(forward.id)
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(None);
        }
        let arrival = NewArrival { arrived_on: on, sender: &forward.from.name };
        match Db::record_arrival_in(conn, forward.document_id, forward.to.id, arrival, Some(forward.id), by).await {
            Ok((_, number)) => Ok(Some(Some(number))),
            Err(StoreError::AlreadyArrived { .. }) => Ok(Some(None)),
            Err(e) => Err(e),
        }
    }

    /// Whether `org`'s register holds the document: it issued it, or the
    /// document is in its incoming register.
    pub(crate) async fn register_holds(&self, document: &Document, org_id: i64) -> StoreResult<bool> {
        if document.org_id == Some(org_id) {
            return Ok(true);
        }
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM document_arrival WHERE document_id = $1 AND org_id = $2")
            .bind(document.id)
            .bind(org_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(n > 0)
    }

    /// The forwards to `org`, up to `clearance`: not yet received first,
    /// then the newest, the first `limit`; and the counts.
    pub(crate) async fn document_inbox(
        &self,
        org: &OrgNode,
        clearance: Classification,
        limit: u32,
    ) -> StoreResult<DocumentInbox> {
        let filter = format!("f.to_org_id = $1 AND d.classification IN {}", clearance.sql_up_to());
        let sql = format!(
            "SELECT {FORWARD_COLUMNS} FROM document_forward f JOIN document d ON d.id = f.document_id \
             WHERE {filter} ORDER BY CASE WHEN f.received_at IS NULL THEN 0 ELSE 1 END, f.forwarded_on DESC, \
             f.id DESC LIMIT $2"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(org.id)
            .bind(i64::from(limit.clamp(1, 500)))
            .fetch_all(&self.pool)
            .await?;
        let mut items = Vec::with_capacity(rows.len());
        for forward in self.forwards_from(&rows).await? {
            let doc = self
                .document(forward.document_id)
                .await?
                .ok_or_else(|| StoreError::corrupt("forwarded document vanished"))?;
            items.push((forward, doc));
        }
        let sql = format!(
            "SELECT COUNT(*) AS total, COUNT(*) - COUNT(f.received_at) AS unreceived FROM document_forward f \
             JOIN document d ON d.id = f.document_id WHERE {filter}"
        );
        let row = sqlx::query(AssertSqlSafe(sql)).bind(org.id).fetch_one(&self.pool).await?;
        let total: i64 = row.try_get("total")?;
        let unreceived: i64 = row.try_get("unreceived")?;
        Ok(DocumentInbox { items, total: total.unsigned_abs(), unreceived: unreceived.unsigned_abs() })
    }

    /// An organization's incoming register for a year, by number, with the
    /// documents up to `clearance` (the numbers of the others are left out).
    pub(crate) async fn incoming_register(
        &self,
        org: &OrgNode,
        year: i32,
        clearance: Classification,
    ) -> StoreResult<Vec<(Arrival, Document)>> {
        let sql = format!(
            "SELECT {ARRIVAL_COLUMNS}, {DOCUMENT_COLUMNS_PREFIXED} FROM document_arrival a JOIN document d \
             ON d.id = a.document_id WHERE a.org_id = $1 AND a.arrival_year = $2 AND d.classification IN {} \
             ORDER BY a.arrival_number",
            clearance.sql_up_to(),
        );
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(org.id).bind(i64::from(year)).fetch_all(&self.pool).await?;
        let arrivals = self.arrivals_from(&rows).await?;
        let documents = rows.iter().map(document_prefixed).collect::<StoreResult<Vec<_>>>()?;
        Ok(arrivals.into_iter().zip(documents).collect())
    }

    /// The years an organization's incoming register has entries for, the
    /// latest first.
    pub(crate) async fn incoming_years(&self, org: &OrgNode) -> StoreResult<Vec<i32>> {
        let years: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT arrival_year FROM document_arrival WHERE org_id = $1 ORDER BY arrival_year DESC",
        )
        .bind(org.id)
        .fetch_all(&self.pool)
        .await?;
        Ok(years.into_iter().filter_map(|y| i32::try_from(y).ok()).collect())
    }
}

/// The document's columns under names of their own, to read beside an
/// arrival's (whose `id` would shadow the document's).
const DOCUMENT_COLUMNS_PREFIXED: &str = "d.id AS d_id, d.doc_type AS d_doc_type, d.issuer AS d_issuer, \
     d.number AS d_number, d.number_text AS d_number_text, d.issued_on AS d_issued_on, d.title AS d_title, \
     d.summary AS d_summary, d.classification AS d_classification, d.org_id AS d_org_id";

fn document_prefixed(row: &AnyRow) -> StoreResult<Document> {
    let number: i64 = row.try_get("d_number")?;
    let classification: String = row.try_get("d_classification")?;
    Ok(Document {
        id: row.try_get("d_id")?,
        doc_type: row.try_get("d_doc_type")?,
        issuer: row.try_get("d_issuer")?,
        number: u32::try_from(number).map_err(|_| StoreError::corrupt(format!("bad document number {number}")))?,
        number_text: row.try_get("d_number_text")?,
        issued_on: date_col(row, "d_issued_on")?,
        title: row.try_get("d_title")?,
        summary: row.try_get("d_summary")?,
        classification: Classification::parse(&classification)?,
        org_id: row.try_get("d_org_id")?,
    })
}

/// The first registers a page names as keeping a document.
const KEEPERS_NAMED: usize = 3;

impl Documents<'_> {
    /// Whether the viewer may change `document` on `date`, and why not
    /// ([`EditRight`]). The operator changes every document.
    pub async fn edit_right(&self, document: &Document, date: Date) -> StoreResult<EditRight> {
        if !self.cleared(document) {
            return Ok(EditRight::NotCleared);
        }
        let keepers: Vec<OrgNode> = match document.org_id {
            Some(org_id) => vec![self.db.org_near(org_id, date).await?],
            None => {
                let mut out = Vec::new();
                for (org_id, forwarded) in self.db.arrival_holders(document.id).await? {
                    if !forwarded {
                        out.push(self.db.org_near(org_id, date).await?);
                    }
                }
                out
            }
        };
        if let Some(k) = keepers.iter().find(|k| policy::may_edit_register(self.reach(k))) {
            return Ok(EditRight::Editable(k.clone()));
        }
        if keepers.is_empty() {
            return Ok(EditRight::Unkept);
        }
        Ok(EditRight::KeptBy(keepers.into_iter().take(KEEPERS_NAMED).collect()))
    }

    /// The arrivals of a document in the registers the viewer reads.
    pub async fn arrivals(&self, document: &Document) -> StoreResult<Vec<Arrival>> {
        self.require_cleared(document, || format!("document {}", document.id))?;
        Ok(self.db.arrivals_of(document.id).await?.into_iter().filter(|a| self.reach(&a.org).page).collect())
    }

    /// The arrivals a document's page lists: those entered from outside the
    /// tree that the viewer reads, and those in the registers of `roots`
    /// (the organizations the viewer's roles are bound to); a copy received
    /// below shows with its forward instead.
    pub async fn arrivals_listed(&self, document: &Document, roots: &[OrgNode]) -> StoreResult<Vec<Arrival>> {
        self.require_cleared(document, || format!("document {}", document.id))?;
        let ids: Vec<i64> = roots.iter().map(|r| r.id).collect();
        Ok(self.db.arrivals_direct(document.id, &ids).await?.into_iter().filter(|a| self.reach(&a.org).page).collect())
    }

    /// The forwards of a document that the viewer reads the sender or the
    /// receiver of.
    pub async fn forwards(&self, document: &Document) -> StoreResult<Vec<Forward>> {
        self.require_cleared(document, || format!("document {}", document.id))?;
        Ok(self
            .db
            .forwards_of(document.id)
            .await?
            .into_iter()
            .filter(|f| self.reach(&f.from).page || self.reach(&f.to).page)
            .collect())
    }

    /// The organizations from which the viewer may forward `document` on
    /// `date`: those whose register holds it and where the viewer writes.
    pub async fn forwarders(&self, document: &Document, date: Date) -> StoreResult<Vec<OrgNode>> {
        if !self.cleared(document) {
            return Ok(Vec::new());
        }
        let mut ids: Vec<i64> = document.org_id.into_iter().collect();
        ids.extend(self.db.arrival_holders(document.id).await?.iter().map(|(id, _)| *id));
        ids.dedup();
        let mut out = Vec::new();
        for id in ids {
            if let Some(node) = self.db.org_by_id(id, date).await?
                && policy::may_edit_register(self.reach(&node))
                && !out.iter().any(|n: &OrgNode| n.id == node.id)
            {
                out.push(node);
            }
        }
        Ok(out)
    }

    /// Of `roots` (the organizations the viewer's roles are bound to),
    /// those whose register holds `document` and where the viewer writes:
    /// where the document's page offers to forward it, since an office
    /// forwards its own copies (the API forwards from any register of
    /// [`Self::forwarders`]). One query, whatever the number of registers
    /// holding the document.
    pub async fn own_forwarders(&self, document: &Document, roots: &[OrgNode]) -> StoreResult<Vec<OrgNode>> {
        if !self.cleared(document) {
            return Ok(Vec::new());
        }
        let held: std::collections::HashSet<i64> = document
            .org_id
            .into_iter()
            .chain(self.db.arrival_holders(document.id).await?.iter().map(|(id, _)| *id))
            .collect();
        Ok(roots.iter().filter(|r| held.contains(&r.id) && policy::may_edit_register(self.reach(r))).cloned().collect())
    }

    /// Enters `document` in `register`'s incoming register (the next
    /// number of its year), with its audit entry. The day it came is not
    /// before the document was issued nor after today; a document already
    /// there is refused with its number ([`StoreError::AlreadyArrived`]).
    pub async fn record_arrival(
        &self,
        register: &OrgNode,
        document: &Document,
        arrival: NewArrival<'_>,
        address: &str,
    ) -> StoreResult<Arrival> {
        if !policy::may_edit_register(self.reach(register)) {
            return Err(StoreError::Forbidden(format!("the register of {}", register.code)));
        }
        self.require_cleared(document, || format!("document {}", document.id))?;
        check_arrival_date(document, arrival.arrived_on)?;
        let by = self.viewer.actor();
        let id = self
            .write(address, async |w| {
                let (id, number) =
                    Db::record_arrival_in(w.conn(), document.id, register.id, arrival, None, &by).await?;
                w.record(arrival_change(register, document, number, arrival));
                Ok::<_, StoreError>(id)
            })
            .await?;
        self.arrival_by_id(document.id, id).await
    }

    async fn arrival_by_id(&self, document_id: i64, id: i64) -> StoreResult<Arrival> {
        self.db
            .arrivals_of(document_id)
            .await?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(|| StoreError::corrupt("arrival vanished after insert"))
    }

    /// Registers an incoming document in `register`'s incoming register:
    /// the document itself when the register does not know it yet (it then
    /// belongs to no organization's outgoing register: it came from outside
    /// the tree), and its arrival, in one transaction with their audit
    /// entries. A document already registered with this identity (D-NUM-5)
    /// gets the arrival only.
    pub async fn register_incoming(
        &self,
        register: &OrgNode,
        new: &NewDocument<'_>,
        arrival: NewArrival<'_>,
        address: &str,
    ) -> StoreResult<(Document, Arrival)> {
        if !policy::may_edit_register(self.reach(register)) || !self.cleared(&new.classification) {
            return Err(StoreError::Forbidden(format!("the register of {}", register.code)));
        }
        if let Some(known) = self.db.document_by_identity(new.issuer, new.doc_type, new.number, new.issued_on).await? {
            if !self.cleared(&known) {
                return Err(StoreError::Forbidden(format!("document {}", known.id)));
            }
            let arrival = self.record_arrival(register, &known, arrival, address).await?;
            return Ok((known, arrival));
        }
        check_day(&format!("{}-{}/{}", new.number_text, new.doc_type, new.issuer), new.issued_on, arrival.arrived_on)?;
        let by = self.viewer.actor();
        let unfiled = NewDocument { org: None, ..new.clone() };
        let (document_id, arrival_id) = self
            .write(address, async |w| {
                let id = Db::register_document_in(w.conn(), &unfiled).await?;
                w.record(Change {
                    action: "document_register",
                    org_path: Some(register.path.clone()),
                    subject: format!("document {id}"),
                    detail: format!("{}-{}/{}", new.number_text, new.doc_type, new.issuer),
                    classification: new.classification,
                });
                let (arrival_id, number) = Db::record_arrival_in(w.conn(), id, register.id, arrival, None, &by).await?;
                let doc = Document {
                    id,
                    doc_type: new.doc_type.to_owned(),
                    issuer: new.issuer.to_owned(),
                    number: new.number,
                    number_text: new.number_text.to_owned(),
                    issued_on: new.issued_on,
                    title: String::new(),
                    summary: String::new(),
                    classification: new.classification,
                    org_id: None,
                };
                w.record(arrival_change(register, &doc, number, arrival));
                Ok::<_, StoreError>((id, arrival_id))
            })
            .await?;
        let document = self
            .db
            .document(document_id)
            .await?
            .ok_or_else(|| StoreError::corrupt("document vanished after insert"))?;
        let arrival = self.arrival_by_id(document_id, arrival_id).await?;
        Ok((document, arrival))
    }

    /// Sends copies of `document` from `from` (whose register holds it,
    /// where the viewer writes) to organizations below it, on `on`, in one
    /// transaction with an audit entry for each new one: how many are new
    /// (a document goes to an organization once).
    pub async fn forward(
        &self,
        document: &Document,
        from: &OrgNode,
        to: &[OrgNode],
        on: Date,
        address: &str,
    ) -> StoreResult<usize> {
        if !policy::may_edit_register(self.reach(from)) {
            return Err(StoreError::Forbidden(format!("the register of {}", from.code)));
        }
        self.require_cleared(document, || format!("document {}", document.id))?;
        if !self.db.register_holds(document, from.id).await? {
            return Err(StoreError::ForwardRefused(format!(
                "{} is not in the register of {}",
                document.number_label(),
                from.code
            )));
        }
        check_arrival_date(document, on)?;
        if let Some(outside) = to.iter().find(|t| t.id == from.id || !from.path.contains(&t.path)) {
            return Err(StoreError::ForwardRefused(format!("{} is not below {}", outside.code, from.code)));
        }
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let mut new = 0;
            for t in to {
                if Db::forward_in(w.conn(), document.id, from.id, t.id, on, &by).await? {
                    new += 1;
                    w.record(Change {
                        action: "document_forward",
                        org_path: Some(t.path.clone()),
                        subject: format!("document {}", document.id),
                        detail: format!("{} {} → {}", document.number_label(), from.code, t.code),
                        classification: document.classification,
                    });
                }
            }
            Ok::<_, StoreError>(new)
        })
        .await
    }

    /// The document inbox of `node`'s office ([`DocumentInbox`]): for a
    /// role that writes on it.
    pub async fn inbox(&self, node: &OrgNode, limit: u32) -> StoreResult<DocumentInbox> {
        self.require(node, policy::may_edit_register)?;
        self.db.document_inbox(node, self.clearance(), limit).await
    }

    /// Whether the viewer records receipts for `node`'s office.
    pub fn may_receive(&self, node: &OrgNode) -> bool {
        policy::may_edit_register(self.reach(node))
    }

    /// A forward, if the viewer reads its sender or its receiver and is
    /// cleared for its document.
    pub async fn forward_by_id(&self, id: i64) -> StoreResult<Option<(Forward, Document)>> {
        let Some(forward) = self.db.forward_by_id(id).await? else { return Ok(None) };
        let document =
            self.db.document(forward.document_id).await?.ok_or_else(|| StoreError::corrupt("document vanished"))?;
        if !self.cleared(&document) || !(self.reach(&forward.from).page || self.reach(&forward.to).page) {
            return Err(StoreError::Forbidden(format!("forward {id}")));
        }
        Ok(Some((forward, document)))
    }

    /// Records that the receiving office took a forwarded document in
    /// (tiếp nhận), now and by the viewer, which enters it in that office's
    /// incoming register (dated `today`, sent by the forwarding
    /// organization); `false` and nothing written when it was received
    /// already.
    pub async fn receive(
        &self,
        forward: &Forward,
        document: &Document,
        today: Date,
        address: &str,
    ) -> StoreResult<bool> {
        let to = match self.db.org_by_id(forward.to.id, today).await? {
            Some(now) => now,
            None => forward.to.clone(),
        };
        if !policy::may_edit_register(self.reach(&to)) || !self.cleared(document) {
            return Err(StoreError::Forbidden(format!("forward {}", forward.id)));
        }
        if forward.received.is_some() {
            return Ok(false);
        }
        let at = now_text();
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let Some(number) = Db::receive_forward_in(w.conn(), forward, today, &at, &by).await? else {
                return Ok(false);
            };
            w.record(Change {
                action: "document_receipt",
                org_path: Some(to.path.clone()),
                subject: format!("document {}", document.id),
                detail: match number {
                    Some(n) => format!("{} received by {by}, arrival {n}/{}", document.number_label(), today.year()),
                    None => format!("{} received by {by}", document.number_label()),
                },
                classification: document.classification,
            });
            Ok::<_, StoreError>(true)
        })
        .await
    }

    /// `node`'s incoming register for `year` (the documents the viewer is
    /// cleared for), by number, and the years it has entries for.
    pub async fn incoming_register(&self, node: &OrgNode, year: i32) -> StoreResult<Vec<(Arrival, Document)>> {
        self.require(node, |r| r.page)?;
        self.db.incoming_register(node, year, self.clearance()).await
    }

    /// The years `node`'s incoming register has entries for, latest first.
    pub async fn incoming_years(&self, node: &OrgNode) -> StoreResult<Vec<i32>> {
        self.require(node, |r| r.page)?;
        self.db.incoming_years(node).await
    }
}

/// A document arrives or is forwarded from the day it was issued to today.
fn check_arrival_date(document: &Document, on: Date) -> StoreResult<()> {
    check_day(&document.number_label(), document.issued_on, on)
}

fn check_day(number: &str, issued_on: Date, on: Date) -> StoreResult<()> {
    if on < issued_on || on > crate::orgs::today() {
        return Err(StoreError::ArrivalDate { number: number.to_owned(), issued_on });
    }
    Ok(())
}

fn arrival_change(register: &OrgNode, document: &Document, number: u32, arrival: NewArrival<'_>) -> Change {
    Change {
        action: "document_arrival",
        org_path: Some(register.path.clone()),
        subject: format!("document {}", document.id),
        detail: format!(
            "{} arrival {number}/{} on {} from {}",
            document.number_label(),
            arrival.arrived_on.year(),
            iso(arrival.arrived_on),
            arrival.sender
        ),
        classification: document.classification,
    }
}
