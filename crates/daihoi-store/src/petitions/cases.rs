//! Cases (hồ sơ đơn thư; P-1, P-2, P-5…P-8): received once per matter
//! whatever the channel, a repeated filing linked to its case; numbered per
//! handling organization and year; routed inside the tree or sent to an
//! outside body; accepted, notified, extended, settled or closed, each an
//! audited write checked against the case's days. The filer's identity is
//! stored apart and read only by those cleared for it, each reading logged
//! (P-7); an anonymous letter without concrete evidence is logged and runs
//! no clock (P-6). Due dates are computed from the clocks when asked.

use daihoi_core::date::iso;
use daihoi_core::members::CardNumber;
use daihoi_core::text::{TITLE_MAX_CHARS, line};
use daihoi_petitions::{
    Area, CaseClock, CaseDays, CaseError, CaseKind, Channel, Complexity, Due, Extension, Instance, Standing, Trigger,
    case_clocks, check_event_day,
};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::Date;

use super::clocks::{Awaits, Clocks, Petitions, clocks_due};
use super::reception::{AtSession, insert_case_visit};
use super::{policy, refused};
use crate::access::{HasClassification, forbidden};
use crate::documents::Classification;
use crate::members::now_text;
use crate::orgs::{NODE_COLUMNS, OrgNode, node, opt_date_col};
use crate::write::Change;
use crate::{StoreError, StoreResult};

/// The filer's identity (P-7: a denouncer's is secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub name: String,
    pub address: String,
    /// A telephone number, an e-mail address (may be empty).
    pub contact: String,
}

/// Whether a filing opens a case or joins one (P-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matter {
    /// A new matter: refused with P-1 while an open case the reader sees
    /// has the same kind and the same member concerned (or the same
    /// summary), so that a repeated filing is linked rather than opened.
    New,
    /// A matter the receiver declares distinct from a similar open case.
    Distinct,
    /// A filing of an existing case: linked to it.
    SameAs(i64),
}

/// A filing received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFiling {
    pub kind: CaseKind,
    pub instance: Instance,
    pub channel: Channel,
    pub received: Date,
    pub area: Area,
    pub complexity: Complexity,
    /// One line: what the matter is (no filer's identity in it).
    pub summary: String,
    pub classification: Classification,
    /// The member the case is about (P-8), by card number.
    pub about: Option<CardNumber>,
    /// The body that transferred it (channel `transfer`).
    pub from_body: Option<String>,
    /// `None`: anonymous (P-6).
    pub identity: Option<Identity>,
    /// An anonymous letter with concrete, verifiable evidence: handled
    /// (by inspection) rather than only logged (P-6).
    pub evidence: bool,
    pub matter: Matter,
}

/// What receiving a filing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Received {
    /// A case opened (or, anonymous without evidence, logged): its id and
    /// its number in the organization's year.
    Opened { id: i64, number: i64, logged: bool },
    /// The filing joined case `id` (P-1).
    Linked { id: i64 },
}

/// A case's state as read, without the filer's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: i64,
    pub org: OrgNode,
    pub year: i32,
    pub number: i64,
    pub kind: CaseKind,
    pub instance: Instance,
    pub channel: Channel,
    pub area: Area,
    pub complexity: Complexity,
    pub summary: String,
    pub classification: Classification,
    /// The member concerned: card number and name.
    pub about: Option<(String, String)>,
    /// Logged only (P-6): runs no clock.
    pub logged: bool,
    /// The verifier's login.
    pub assigned_to: Option<String>,
    pub days: CaseDays,
    pub outcome: Option<String>,
    pub transferred_to: Option<String>,
    pub closed_why: Option<String>,
    /// Whether a filer's identity is on record (never the identity).
    pub identified: bool,
}

impl HasClassification for Case {
    fn classification(&self) -> Classification {
        self.classification
    }
}

/// A filing of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filing {
    pub channel: Channel,
    pub received: Date,
    pub from_body: Option<String>,
    pub recorded_by: String,
}

/// An entry of a case's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEvent {
    pub on: Date,
    /// `received`, `linked`, `assigned`, `routed`, `transferred`,
    /// `accepted`, `notified`, `extended`, `settled`, `closed`.
    pub kind: String,
    pub detail: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// An extension granted on a clock (P-5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantedExtension {
    pub trigger: Trigger,
    pub number: u8,
    pub decided_on: Date,
    pub reference: String,
}

/// A clock of a case with its due date and standing, or what it awaits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockView {
    pub clock: CaseClock,
    pub due: Result<Due, Awaits>,
    pub standing: Option<Standing>,
}

/// A case with its filings, history, extensions and clocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFile {
    pub case: Case,
    pub filings: Vec<Filing>,
    pub events: Vec<CaseEvent>,
    pub extensions: Vec<GrantedExtension>,
    pub clocks: Vec<ClockView>,
}

/// An event recorded on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseStep {
    /// Accepted for settlement (thụ lý).
    Accept,
    /// The parties told of the acceptance (LTC Art. 29(3)).
    Notify,
    /// Settled with its decision or conclusion.
    Settle { outcome: String },
    /// Closed without settlement (not accepted, withdrawn).
    Close { why: String },
    /// Sent to a competent body outside the tree.
    TransferOut { body: String },
    /// An extension of a clock by a written decision (P-5).
    Extend { trigger: Trigger, reference: String },
}

impl CaseStep {
    fn code(&self) -> &'static str {
        match self {
            CaseStep::Accept => "accepted",
            CaseStep::Notify => "notified",
            CaseStep::Settle { .. } => "settled",
            CaseStep::Close { .. } => "closed",
            CaseStep::TransferOut { .. } => "transferred",
            CaseStep::Extend { .. } => "extended",
        }
    }
}

/// P-8: a case about a member, as the personnel work sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonnelHold {
    /// The case's organization, year and number, when the reader may
    /// read the case; `None` for a case above the reader's clearance (it
    /// holds the member all the same).
    pub case: Option<(String, i32, i64)>,
    pub received: Date,
    pub kind: CaseKind,
}

pub(crate) fn one_line(field: &'static str, value: &str) -> StoreResult<String> {
    let value = line(value, TITLE_MAX_CHARS).map_err(StoreError::text(field))?;
    if value.is_empty() {
        return Err(StoreError::text(field)(daihoi_core::text::TextProblem::Empty));
    }
    Ok(value.to_owned())
}

/// The audit detail's mention of the reception session a filing came from.
fn at_text(at: Option<AtSession>) -> String {
    at.map(|a| format!(", at reception session {} ({} people)", a.session, a.people)).unwrap_or_default()
}

fn case_refused(e: CaseError) -> StoreError {
    refused(e.rule(), e)
}

pub(crate) const CASE_COLUMNS: &str = "c.id AS case_id, c.org_id AS case_org, c.year AS year, c.number AS number, c.kind AS case_kind, \
     c.instance AS instance, c.channel AS channel, c.received_on AS received_on, c.area AS area, \
     c.complexity AS complexity, c.summary AS summary, c.classification AS classification, c.logged AS logged, \
     c.assigned_to AS assigned_to, c.accepted_on AS accepted_on, c.notified_on AS notified_on, \
     c.settled_on AS settled_on, c.outcome AS outcome, c.transferred_on AS transferred_on, \
     c.transferred_to AS transferred_to, c.closed_on AS closed_on, c.closed_why AS closed_why, \
     p.card_number AS about_card, p.full_name AS about_name, \
     (SELECT COUNT(*) FROM petition_identity i WHERE i.case_id = c.id) AS identified";

pub(crate) fn case_row(row: &AnyRow, org: OrgNode) -> StoreResult<Case> {
    let text = |col: &str| -> StoreResult<String> { Ok(row.try_get(col)?) };
    let bad = |col: &str, v: &str| StoreError::corrupt(format!("bad {col}: {v:?}"));
    let (kind, instance, channel) = (text("case_kind")?, text("instance")?, text("channel")?);
    let (area, complexity, classification) = (text("area")?, text("complexity")?, text("classification")?);
    let card: Option<String> = row.try_get("about_card")?;
    let name: Option<String> = row.try_get("about_name")?;
    let year: i64 = row.try_get("year")?;
    let logged: i64 = row.try_get("logged")?;
    let identified: i64 = row.try_get("identified")?;
    Ok(Case {
        id: row.try_get("case_id")?,
        org,
        year: i32::try_from(year).map_err(|_| bad("year", &year.to_string()))?,
        number: row.try_get("number")?,
        kind: CaseKind::from_code(&kind).ok_or_else(|| bad("kind", &kind))?,
        instance: Instance::from_code(&instance).ok_or_else(|| bad("instance", &instance))?,
        channel: Channel::from_code(&channel).ok_or_else(|| bad("channel", &channel))?,
        area: Area::from_code(&area).ok_or_else(|| bad("area", &area))?,
        complexity: Complexity::from_code(&complexity).ok_or_else(|| bad("complexity", &complexity))?,
        summary: text("summary")?,
        classification: Classification::from_code(&classification)
            .ok_or_else(|| bad("classification", &classification))?,
        about: card.zip(name),
        logged: logged == 1,
        assigned_to: row.try_get("assigned_to")?,
        days: CaseDays {
            received: crate::orgs::date_col(row, "received_on")?,
            accepted: opt_date_col(row, "accepted_on")?,
            notified: opt_date_col(row, "notified_on")?,
            settled: opt_date_col(row, "settled_on")?,
            transferred: opt_date_col(row, "transferred_on")?,
            closed: opt_date_col(row, "closed_on")?,
        },
        outcome: row.try_get("outcome")?,
        transferred_to: row.try_get("transferred_to")?,
        closed_why: row.try_get("closed_why")?,
        identified: identified > 0,
    })
}

/// The extensions granted on the clock of `trigger`, in order.
fn granted_on(extensions: &[GrantedExtension], trigger: Trigger) -> Vec<Extension> {
    extensions.iter().filter(|e| e.trigger == trigger).map(|e| Extension { decided_on: e.decided_on }).collect()
}

/// The clocks of a case with their due dates on `clocks`, standing on
/// `today`.
pub(crate) fn clock_views(
    case: &Case,
    extensions: &[GrantedExtension],
    clocks: &Clocks,
    today: Date,
) -> StoreResult<Vec<ClockView>> {
    if case.logged {
        return Ok(Vec::new());
    }
    case_clocks(case.kind, case.instance, &case.days, !case.identified)
        .into_iter()
        .map(|clock| {
            let granted = granted_on(extensions, clock.trigger);
            let due = clocks_due(
                clocks,
                clock.trigger,
                case.days.received,
                case.area,
                case.complexity,
                clock.started,
                &granted,
            )?;
            let standing = due.as_ref().ok().map(|d| clock.standing(d.date, today));
            Ok(ClockView { clock, due, standing })
        })
        .collect()
}

impl Petitions<'_> {
    /// The case `id` as the viewer may read it: 404 when there is none,
    /// 403 when its organization is out of reach or its classification
    /// above the viewer's clearance.
    pub(crate) async fn readable(&self, id: i64, today: Date) -> StoreResult<Case> {
        let case = self.db.case_by_id(id, today).await?.ok_or_else(|| StoreError::NotFound(format!("case {id}")))?;
        self.require(&case.org, policy::may_read_cases)?;
        if !self.cleared(&case) {
            return Err(forbidden(format!("case {id}")));
        }
        Ok(case)
    }

    /// The case `id` to handle: readable, and its organization written by
    /// the viewer.
    async fn handled(&self, id: i64, today: Date) -> StoreResult<Case> {
        let case = self.readable(id, today).await?;
        self.require(&case.org, policy::may_handle_cases)?;
        Ok(case)
    }

    /// Receives a filing in `org`'s register (P-1, P-2, P-6): opens a case,
    /// logs an anonymous letter without evidence, or links a filing of an
    /// existing case. Refused with P-1 when it looks like an open case's
    /// matter and the receiver did not say which; with P-3 when dated
    /// after today. The filer's identity goes apart (P-7), never into the
    /// audit entry.
    pub async fn receive(
        &self,
        org: &OrgNode,
        filing: &NewFiling,
        today: Date,
        address: &str,
    ) -> StoreResult<Received> {
        self.receive_into(org, filing, None, today, address).await
    }

    /// [`Petitions::receive`], and the visit of a reception session it
    /// came from recorded in the same write (P-9).
    pub(crate) async fn receive_into(
        &self,
        org: &OrgNode,
        filing: &NewFiling,
        at: Option<AtSession>,
        today: Date,
        address: &str,
    ) -> StoreResult<Received> {
        self.require(org, policy::may_handle_cases)?;
        check_event_day("received", filing.received, "received", filing.received, today).map_err(case_refused)?;
        let by = self.viewer.actor();
        if let Matter::SameAs(id) = filing.matter {
            let case = self.handled(id, today).await?;
            if !case.days.open() {
                return Err(case_refused(CaseError::NotOpen(format!("case {id} is no longer open"))));
            }
            let from_body = filing.from_body.as_deref().map(|b| one_line("from_body", b)).transpose()?;
            return self
                .write(address, async |w| {
                    insert_filing(w.conn(), id, filing, from_body.as_deref(), &by).await?;
                    insert_event(w.conn(), id, filing.received, "linked", filing.channel.code(), &by).await?;
                    if let Some(at) = at {
                        insert_case_visit(w.conn(), at, id, &by).await?;
                    }
                    w.record(Change {
                        action: "petition_filing_linked",
                        org_path: Some(case.org.path.clone()),
                        subject: format!("case {id}"),
                        detail: format!("{} received {}{}", filing.channel.code(), iso(filing.received), at_text(at)),
                        classification: case.classification,
                    });
                    Ok::<_, StoreError>(Received::Linked { id })
                })
                .await;
        }
        let summary = one_line("summary", &filing.summary)?;
        let from_body = filing.from_body.as_deref().map(|b| one_line("from_body", b)).transpose()?;
        let identity = match &filing.identity {
            Some(i) => Some(Identity {
                name: one_line("name", &i.name)?,
                address: one_line("address", &i.address)?,
                contact: match line(&i.contact, TITLE_MAX_CHARS) {
                    Ok(c) => c.to_owned(),
                    // Optional: blank is none.
                    Err(daihoi_core::text::TextProblem::Empty) => String::new(),
                    Err(e) => return Err(StoreError::text("contact")(e)),
                },
            }),
            None => None,
        };
        let about = match &filing.about {
            Some(card) => Some(
                self.db
                    .person_id_by_card(card)
                    .await?
                    .ok_or_else(|| StoreError::NotFound(format!("member {}", card.as_str())))?,
            ),
            None => None,
        };
        // P-6: anonymous without evidence is logged only.
        let logged = identity.is_none() && !filing.evidence;
        if filing.matter == Matter::New && !logged {
            let similar = self.db.similar_open_cases(org, filing.kind, about, &summary).await?;
            if let Some(c) = similar.iter().find(|c| self.cleared(*c)) {
                return Err(refused(
                    "P-1",
                    format!(
                        "case {}/{} of {} (id {}) is open on what looks like the same matter; link the filing to \
                         it, or say it is another matter",
                        c.number, c.year, c.org.name, c.id
                    ),
                ));
            }
        }
        let year = filing.received.year();
        self.write(address, async |w| {
            let last: Option<i64> =
                sqlx::query_scalar("SELECT MAX(number) FROM petition_case WHERE org_id = $1 AND year = $2")
                    .bind(org.id)
                    .bind(i64::from(year))
                    .fetch_one(w.conn())
                    .await?;
            let number = last.unwrap_or(0) + 1;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO petition_case (org_id, year, number, kind, instance, channel, received_on, area, \
                 complexity, summary, classification, about_person_id, logged, recorded_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
            )
            .bind(org.id)
            .bind(i64::from(year))
            .bind(number)
            .bind(filing.kind.code())
            .bind(filing.instance.code())
            .bind(filing.channel.code())
            .bind(iso(filing.received))
            .bind(filing.area.code())
            .bind(filing.complexity.code())
            .bind(&summary)
            .bind(filing.classification.code())
            .bind(about)
            .bind(i64::from(logged))
            .bind(&by)
            .bind(now_text())
            .fetch_one(w.conn())
            .await?;
            insert_filing(w.conn(), id, filing, from_body.as_deref(), &by).await?;
            if let Some(i) = &identity {
                sqlx::query("INSERT INTO petition_identity (case_id, name, address, contact) VALUES ($1, $2, $3, $4)")
                    .bind(id)
                    .bind(&i.name)
                    .bind(&i.address)
                    .bind(&i.contact)
                    .execute(w.conn())
                    .await?;
            }
            let what = if logged { "logged" } else { "received" };
            insert_event(w.conn(), id, filing.received, what, filing.channel.code(), &by).await?;
            if let Some(at) = at {
                insert_case_visit(w.conn(), at, id, &by).await?;
            }
            w.record(Change {
                action: "petition_received",
                org_path: Some(org.path.clone()),
                subject: format!("case {id}"),
                detail: format!(
                    "{number}/{year} {} ({}), {} {}{}{}",
                    filing.kind.code(),
                    filing.instance.code(),
                    filing.channel.code(),
                    iso(filing.received),
                    if logged { ", anonymous: logged only (P-6)" } else { "" },
                    at_text(at)
                ),
                classification: filing.classification,
            });
            Ok::<_, StoreError>(Received::Opened { id, number, logged })
        })
        .await
    }

    /// The cases of `root`'s subtree the viewer reads (its clearance
    /// reached), the latest received first, with their clocks computed
    /// now; `open_only`: those still in the committee's hands. At most
    /// `limit` after `offset`, and how many there are.
    pub async fn cases_in(
        &self,
        root: &OrgNode,
        open_only: bool,
        today: Date,
        limit: usize,
        offset: usize,
    ) -> StoreResult<(Vec<(Case, Vec<ClockView>)>, usize)> {
        self.require(root, policy::may_read_cases)?;
        let (low, high) = root.path.subtree_range();
        let [a, b, c] = self.clearance().codes_up_to();
        // The page and the count in SQL: a province holds 100,000 cases.
        let filter = "JOIN org_version v ON v.org_id = c.org_id AND v.valid_from <= $1 \
             AND (v.valid_to IS NULL OR v.valid_to > $1) \
             WHERE v.path >= $2 AND v.path < $3 AND c.classification IN ($4, $5, $6) \
             AND ($7 = 0 OR (c.settled_on IS NULL AND c.closed_on IS NULL AND c.transferred_on IS NULL))";
        let total: i64 =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM petition_case c {filter}")))
                .bind(iso(today))
                .bind(&low)
                .bind(&high)
                .bind(a)
                .bind(b)
                .bind(c)
                .bind(i64::from(open_only))
                .fetch_one(&self.db.pool)
                .await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {CASE_COLUMNS}, {NODE_COLUMNS} FROM petition_case c \
             LEFT JOIN person p ON p.id = c.about_person_id JOIN organization o ON o.id = c.org_id {filter} \
             ORDER BY c.received_on DESC, c.id DESC LIMIT $8 OFFSET $9"
        )))
        .bind(iso(today))
        .bind(&low)
        .bind(&high)
        .bind(a)
        .bind(b)
        .bind(c)
        .bind(i64::from(open_only))
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .bind(i64::try_from(offset).unwrap_or(i64::MAX))
        .fetch_all(&self.db.pool)
        .await?;
        // The page's extensions in one query, by the same filter and order.
        let granted = super::reports::grouped(
            &sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT e.case_id AS case_id, e.clock AS clock, e.number AS number, e.decided_on AS decided_on, \
                 e.reference AS reference FROM petition_extension e WHERE e.case_id IN (SELECT c.id FROM \
                 petition_case c {filter} ORDER BY c.received_on DESC, c.id DESC LIMIT $8 OFFSET $9) \
                 ORDER BY e.case_id, e.clock, e.number"
            )))
            .bind(iso(today))
            .bind(&low)
            .bind(&high)
            .bind(a)
            .bind(b)
            .bind(c)
            .bind(i64::from(open_only))
            .bind(i64::try_from(limit).unwrap_or(i64::MAX))
            .bind(i64::try_from(offset).unwrap_or(i64::MAX))
            .fetch_all(&self.db.pool)
            .await?,
        )?;
        let clocks = self.db.read_clocks().await?;
        let mut out = Vec::new();
        for row in &rows {
            // The organization as the query found it in the subtree today;
            // a role on the root reaches the whole subtree, checked again.
            let org = node(row)?;
            if !policy::may_read_cases(self.reach(&org)) {
                continue;
            }
            let case = case_row(row, org)?;
            if !self.cleared(&case) {
                continue;
            }
            let extensions = granted.get(&case.id).map(Vec::as_slice).unwrap_or(&[]);
            let views = clock_views(&case, extensions, &clocks, today)?;
            out.push((case, views));
        }
        let total = usize::try_from(total).unwrap_or(0);
        Ok((out, total))
    }

    /// The case `id` with its filings, history, extensions and clocks (due
    /// dates computed now, standing on `today`); never the filer's
    /// identity.
    pub async fn case(&self, id: i64, today: Date) -> StoreResult<CaseFile> {
        let case = self.readable(id, today).await?;
        let filings = sqlx::query(
            "SELECT channel, received_on, from_body, recorded_by FROM petition_filing WHERE case_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.db.pool)
        .await?
        .iter()
        .map(|r| {
            let channel: String = r.try_get("channel")?;
            Ok(Filing {
                channel: Channel::from_code(&channel)
                    .ok_or_else(|| StoreError::corrupt(format!("bad channel {channel:?}")))?,
                received: crate::orgs::date_col(r, "received_on")?,
                from_body: r.try_get("from_body")?,
                recorded_by: r.try_get("recorded_by")?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
        let events = sqlx::query(
            "SELECT on_day, kind, detail, recorded_by, recorded_at FROM petition_event WHERE case_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.db.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(CaseEvent {
                on: crate::orgs::date_col(r, "on_day")?,
                kind: r.try_get("kind")?,
                detail: r.try_get("detail")?,
                recorded_by: r.try_get("recorded_by")?,
                recorded_at: r.try_get("recorded_at")?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
        let extensions = self.db.extensions_of(id).await?;
        let clocks = self.db.read_clocks().await?;
        let clocks = clock_views(&case, &extensions, &clocks, today)?;
        Ok(CaseFile { case, filings, events, extensions, clocks })
    }

    /// Whether the viewer receives and handles `org`'s cases (the pages
    /// show their forms only then; every write checks it again).
    pub fn may_handle(&self, org: &OrgNode) -> bool {
        policy::may_handle_cases(self.reach(org))
    }

    /// Whether the viewer may read the filer's identity of `case` (P-7;
    /// the page offers it only then; [`Self::identity`] checks it again).
    pub fn may_read_identity(&self, case: &Case) -> bool {
        policy::may_read_identity(self.reach(&case.org), self.clearance(), case.kind.identity_secret())
    }

    /// P-7: the filer's identity of case `id`, for a reader cleared for it
    /// (a denouncer's: the highest clearance), with the reading logged
    /// (who, when, why) and audited without the identity. `None` when the
    /// case has none (anonymous).
    pub async fn identity(&self, id: i64, purpose: &str, today: Date, address: &str) -> StoreResult<Option<Identity>> {
        let case = self.readable(id, today).await?;
        if !self.may_read_identity(&case) {
            return Err(forbidden(format!("the filer's identity of case {id}")));
        }
        let purpose = one_line("purpose", purpose)?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let row = sqlx::query("SELECT name, address, contact FROM petition_identity WHERE case_id = $1")
                .bind(id)
                .fetch_optional(w.conn())
                .await?;
            let Some(row) = row else { return Ok::<_, StoreError>(None) };
            sqlx::query(
                "INSERT INTO petition_identity_access (case_id, read_by, read_at, purpose) VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(&by)
            .bind(now_text())
            .bind(&purpose)
            .execute(w.conn())
            .await?;
            w.record(Change {
                action: "petition_identity_read",
                org_path: Some(case.org.path.clone()),
                subject: format!("case {id}"),
                detail: format!("purpose: {purpose}"),
                classification: case.classification,
            });
            Ok(Some(Identity {
                name: row.try_get("name")?,
                address: row.try_get("address")?,
                contact: row.try_get("contact")?,
            }))
        })
        .await
    }

    /// P-7: who read the filer's identity of case `id`, when and why, in
    /// order: for the audit readers of its organization.
    pub async fn identity_readings(&self, id: i64, today: Date) -> StoreResult<Vec<(String, String, String)>> {
        let case = self.readable(id, today).await?;
        self.require(&case.org, |r| r.audit)?;
        let rows = sqlx::query(
            "SELECT read_by, read_at, purpose FROM petition_identity_access WHERE case_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter().map(|r| Ok((r.try_get("read_by")?, r.try_get("read_at")?, r.try_get("purpose")?))).collect()
    }

    /// Assigns case `id` to a verifier (an account's login), who reads the
    /// case but not the filer's identity unless cleared for it.
    pub async fn assign(&self, id: i64, verifier: &str, today: Date, address: &str) -> StoreResult<()> {
        let case = self.handled(id, today).await?;
        let verifier = one_line("verifier", verifier)?;
        if self.db.user_by_login(&verifier).await?.is_none() {
            return Err(StoreError::NotFound(format!("account {verifier}")));
        }
        let by = self.viewer.actor();
        self.write(address, async |w| {
            sqlx::query("UPDATE petition_case SET assigned_to = $1 WHERE id = $2")
                .bind(&verifier)
                .bind(id)
                .execute(w.conn())
                .await?;
            insert_event(w.conn(), id, today, "assigned", &verifier, &by).await?;
            w.record(Change {
                action: "petition_assigned",
                org_path: Some(case.org.path.clone()),
                subject: format!("case {id}"),
                detail: format!("to {verifier}"),
                classification: case.classification,
            });
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// Routes case `id` to the competent organization of the tree (P-5):
    /// the case moves to its register. An organization that is not in the
    /// tree today is refused with P-5.
    pub async fn route(&self, id: i64, to: &daihoi_core::OrgCode, today: Date, address: &str) -> StoreResult<()> {
        let case = self.handled(id, today).await?;
        if !case.days.open() {
            return Err(case_refused(CaseError::NotOpen(format!("case {id} is no longer open"))));
        }
        let Some(target) = self.db.org_by_code(to, today).await? else {
            return Err(refused("P-5", format!("{to} is not an organization of the tree today")));
        };
        if target.id == case.org.id {
            return Ok(());
        }
        let by = self.viewer.actor();
        self.write(address, async |w| {
            sqlx::query("UPDATE petition_case SET org_id = $1 WHERE id = $2")
                .bind(target.id)
                .bind(id)
                .execute(w.conn())
                .await?;
            let detail = format!("from {} to {}", case.org.code, target.code);
            insert_event(w.conn(), id, today, "routed", &detail, &by).await?;
            w.record(Change {
                action: "petition_routed",
                org_path: Some(case.org.path.clone()),
                subject: format!("case {id}"),
                detail,
                classification: case.classification,
            });
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// Records an event on case `id` dated `on` (P-3: not before what it
    /// follows, not after today; P-1: on an open case, once; P-5: an
    /// extension within what the clock's row allows).
    pub async fn record(&self, id: i64, step: &CaseStep, on: Date, today: Date, address: &str) -> StoreResult<()> {
        let case = self.handled(id, today).await?;
        let d = case.days;
        let not_open = |what: &str| case_refused(CaseError::NotOpen(format!("case {id}: {what}")));
        if case.logged {
            return Err(case_refused(CaseError::Anonymous));
        }
        if !d.open() {
            return Err(not_open("no longer open"));
        }
        let check = |event, after, after_on| check_event_day(event, on, after, after_on, today).map_err(case_refused);
        // The statement that records the day (and its text), by step.
        let (update, text): (Option<&'static str>, Option<String>) = match step {
            CaseStep::Accept => {
                if d.accepted.is_some() {
                    return Err(not_open("accepted already"));
                }
                check("accepted", "received", d.received)?;
                (Some("UPDATE petition_case SET accepted_on = $1 WHERE id = $2"), None)
            }
            CaseStep::Notify => {
                let Some(accepted) = d.accepted else { return Err(not_open("not accepted yet")) };
                if d.notified.is_some() {
                    return Err(not_open("notified already"));
                }
                check("notified", "accepted", accepted)?;
                (Some("UPDATE petition_case SET notified_on = $1 WHERE id = $2"), None)
            }
            CaseStep::Settle { outcome } => {
                check("settled", "received", d.accepted.unwrap_or(d.received))?;
                (
                    Some("UPDATE petition_case SET settled_on = $1, ended_on = $1, outcome = $3 WHERE id = $2"),
                    Some(one_line("outcome", outcome)?),
                )
            }
            CaseStep::Close { why } => {
                check("closed", "received", d.received)?;
                (
                    Some("UPDATE petition_case SET closed_on = $1, ended_on = $1, closed_why = $3 WHERE id = $2"),
                    Some(one_line("why", why)?),
                )
            }
            CaseStep::TransferOut { body } => {
                check("transferred", "received", d.received)?;
                (
                    Some(
                        "UPDATE petition_case SET transferred_on = $1, ended_on = $1, transferred_to = $3 WHERE id = $2",
                    ),
                    Some(one_line("body", body)?),
                )
            }
            CaseStep::Extend { trigger, reference } => {
                one_line("reference", reference)?;
                // P-5: the extension checked against the clock's row.
                let extensions = self.db.extensions_of(id).await?;
                let clock = case_clocks(case.kind, case.instance, &d, !case.identified)
                    .into_iter()
                    .find(|c| c.trigger == *trigger && c.met.is_none())
                    .ok_or_else(|| not_open(&format!("no running clock {}", trigger.code())))?;
                let mut granted = granted_on(&extensions, *trigger);
                granted.push(Extension { decided_on: on });
                if on > today {
                    return Err(case_refused(CaseError::AfterToday { event: "extended", on, today }));
                }
                let clocks = self.db.read_clocks().await?;
                let due =
                    clocks_due(&clocks, *trigger, d.received, case.area, case.complexity, clock.started, &granted)?;
                // An extension is checked against its row (how many it
                // allows comes before any day is counted): while the row
                // awaits a person, it waits too. A year's calendar awaited
                // only delays the due date, not the decision's record.
                if let Err(Awaits::Rule { trigger, on }) = due {
                    return Err(refused(
                        "P-3",
                        format!("the extension awaits the rule of {} for {}", trigger.code(), iso(on)),
                    ));
                }
                (None, None)
            }
        };
        let by = self.viewer.actor();
        self.write(address, async |w| {
            match (step, update) {
                (CaseStep::Extend { trigger, reference }, _) => {
                    let n: i64 =
                        sqlx::query_scalar("SELECT COUNT(*) FROM petition_extension WHERE case_id = $1 AND clock = $2")
                            .bind(id)
                            .bind(trigger.code())
                            .fetch_one(w.conn())
                            .await?;
                    sqlx::query(
                        "INSERT INTO petition_extension (case_id, clock, number, decided_on, reference) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(id)
                    .bind(trigger.code())
                    .bind(n + 1)
                    .bind(iso(on))
                    .bind(reference.trim())
                    .execute(w.conn())
                    .await?;
                }
                (_, Some(sql)) => {
                    let mut q = sqlx::query(sql).bind(iso(on)).bind(id);
                    if let Some(t) = &text {
                        q = q.bind(t);
                    }
                    q.execute(w.conn()).await?;
                }
                (_, None) => {}
            }
            let detail = match step {
                CaseStep::Extend { trigger, reference } => format!("{}: {}", trigger.code(), reference.trim()),
                _ => text.clone().unwrap_or_default(),
            };
            insert_event(w.conn(), id, on, step.code(), &detail, &by).await?;
            w.record(Change {
                action: "petition_event",
                org_path: Some(case.org.path.clone()),
                subject: format!("case {id}"),
                detail: format!("{} {}", step.code(), iso(on)),
                classification: case.classification,
            });
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// P-8: the cases about the member with `card` that hold him in the
    /// personnel work on `on`: received by then, not settled or closed by
    /// then, and received before the congress's cut-off (`cutoff`; letters
    /// on or after it are recorded, not considered). For readers of the
    /// member's organization; a case above the reader's clearance is
    /// counted without its reference.
    pub async fn holds_on(
        &self,
        card: &CardNumber,
        on: Date,
        cutoff: Option<Date>,
        today: Date,
    ) -> StoreResult<Vec<PersonnelHold>> {
        let Some(node) = self.db.member_org(card, today).await? else {
            return Err(StoreError::NotFound(format!("member {}", card.as_str())));
        };
        self.require(&node, |r| r.members)?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {CASE_COLUMNS} FROM petition_case c JOIN person p ON p.id = c.about_person_id \
             WHERE p.card_number = $1 AND c.logged = 0 AND c.received_on <= $2 ORDER BY c.received_on, c.id"
        )))
        .bind(card.as_str())
        .bind(iso(on))
        .fetch_all(&self.db.pool)
        .await?;
        let mut out = Vec::new();
        for row in &rows {
            let org_id: i64 = row.try_get("case_org")?;
            let org = self.db.case_org(org_id, today).await?;
            let case = case_row(row, org)?;
            let d = case.days;
            let ended = [d.settled, d.closed, d.transferred].into_iter().flatten().min();
            let held = daihoi_petitions::personnel::CaseAbout {
                received: d.received,
                settled: ended,
                consideration: daihoi_petitions::personnel::consideration(d.received, cutoff),
            };
            if !held.holds_on(on) {
                continue;
            }
            let visible = policy::may_read_cases(self.reach(&case.org)) && self.cleared(&case);
            out.push(PersonnelHold {
                case: visible.then(|| (case.org.name.clone(), case.year, case.number)),
                received: d.received,
                kind: case.kind,
            });
        }
        Ok(out)
    }
}

async fn insert_filing(
    conn: &mut sqlx::AnyConnection,
    case_id: i64,
    filing: &NewFiling,
    from_body: Option<&str>,
    by: &str,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO petition_filing (case_id, channel, received_on, from_body, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(case_id)
    .bind(filing.channel.code())
    .bind(iso(filing.received))
    .bind(from_body)
    .bind(by)
    .bind(now_text())
    .execute(conn)
    .await?;
    Ok(())
}

async fn insert_event(
    conn: &mut sqlx::AnyConnection,
    case_id: i64,
    on: Date,
    kind: &str,
    detail: &str,
    by: &str,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO petition_event (case_id, on_day, kind, detail, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(case_id)
    .bind(iso(on))
    .bind(kind)
    .bind(detail)
    .bind(by)
    .bind(now_text())
    .execute(conn)
    .await?;
    Ok(())
}

impl crate::Db {
    /// A case's organization as on `today`, or, once it has ended (merged,
    /// dissolved), as it last was: its cases stay readable.
    pub(crate) async fn case_org(&self, org_id: i64, today: Date) -> StoreResult<OrgNode> {
        if let Some(node) = self.org_by_id(org_id, today).await? {
            return Ok(node);
        }
        let last: Option<String> =
            sqlx::query_scalar("SELECT MAX(valid_from) FROM org_version WHERE org_id = $1 AND valid_from <= $2")
                .bind(org_id)
                .bind(iso(today))
                .fetch_one(&self.pool)
                .await?;
        let last = last.and_then(|d| daihoi_core::date::from_iso(&d)).ok_or_else(|| StoreError::corrupt("case org"))?;
        self.org_by_id(org_id, last).await?.ok_or_else(|| StoreError::corrupt("case org"))
    }

    /// The case `id`, its organization as on `today`.
    pub(crate) async fn case_by_id(&self, id: i64, today: Date) -> StoreResult<Option<Case>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {CASE_COLUMNS} FROM petition_case c LEFT JOIN person p ON p.id = c.about_person_id WHERE c.id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let org_id: i64 = row.try_get("case_org")?;
        let org = self.case_org(org_id, today).await?;
        Ok(Some(case_row(&row, org)?))
    }

    /// P-1: the open cases of `org` of `kind` about the same member (or,
    /// with none, with the same summary).
    async fn similar_open_cases(
        &self,
        org: &OrgNode,
        kind: CaseKind,
        about: Option<i64>,
        summary: &str,
    ) -> StoreResult<Vec<Case>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {CASE_COLUMNS} FROM petition_case c LEFT JOIN person p ON p.id = c.about_person_id \
             WHERE c.org_id = $1 AND c.kind = $2 AND c.logged = 0 AND c.settled_on IS NULL AND c.closed_on IS NULL \
             AND c.transferred_on IS NULL AND ((c.about_person_id = $3) OR (c.about_person_id IS NULL AND $4 = 0 \
             AND c.summary = $5)) ORDER BY c.id"
        )))
        .bind(org.id)
        .bind(kind.code())
        .bind(about.unwrap_or(0))
        .bind(i64::from(about.is_some()))
        .bind(summary)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| case_row(r, org.clone())).collect()
    }

    /// The extensions granted on case `id`, by clock and number.
    async fn extensions_of(&self, id: i64) -> StoreResult<Vec<GrantedExtension>> {
        let rows = sqlx::query(
            "SELECT clock, number, decided_on, reference FROM petition_extension WHERE case_id = $1 \
             ORDER BY clock, number",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let clock: String = r.try_get("clock")?;
                let number: i64 = r.try_get("number")?;
                Ok(GrantedExtension {
                    trigger: Trigger::from_code(&clock)
                        .ok_or_else(|| StoreError::corrupt(format!("bad clock {clock:?}")))?,
                    number: u8::try_from(number).map_err(|_| StoreError::corrupt("extension number"))?,
                    decided_on: crate::orgs::date_col(r, "decided_on")?,
                    reference: r.try_get("reference")?,
                })
            })
            .collect()
    }

    /// The organization of the member with `card` on `date`.
    async fn member_org(&self, card: &CardNumber, date: Date) -> StoreResult<Option<OrgNode>> {
        let org: Option<i64> = sqlx::query_scalar(
            "SELECT m.org_id FROM membership m JOIN person p ON p.id = m.person_id WHERE p.card_number = $1 \
             AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to > $2)",
        )
        .bind(card.as_str())
        .bind(iso(date))
        .fetch_optional(&self.pool)
        .await?;
        match org {
            Some(id) => self.org_by_id(id, date).await,
            None => Ok(None),
        }
    }
}
