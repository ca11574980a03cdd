//! Citizen reception (tiếp công dân; P-9): each committee's reception
//! calendar, the sessions held and the people received, and the heads'
//! compliance by month. A session is planned on a day, held (a visit
//! recorded marks it held) or cancelled with why; only the sessions the
//! committee's head held in person count for the head's duty. A visit
//! either opens or joins a case of the register, in the same write (the
//! filer's identity goes apart with the case, P-7, and the visit keeps no
//! text of its own, so a reader below the case's classification learns
//! only that a case came of it), or ends there with guidance or an answer.
//!
//! The calendar is announced to the public: whoever sees an organization
//! reads its sessions and compliance; the visits' matters are read by
//! those who read its cases; the sessions are kept by those who handle
//! them.

use daihoi_core::OrgKind;
use daihoi_core::date::iso;
use daihoi_core::text::{TITLE_MAX_CHARS, line};
use daihoi_petitions::reception::{HeadLevel, MonthCompliance, YearMonth, compliance_since, duty};
use daihoi_petitions::{Channel, check_event_day};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::Date;

use super::cases::{NewFiling, Received, one_line};
use super::clocks::Petitions;
use super::{policy, refused};
use crate::documents::Classification;
use crate::members::now_text;
use crate::orgs::{OrgNode, date_col};
use crate::write::Change;
use crate::{StoreError, StoreResult};

/// The most people a visit counts (a group of citizens, đoàn đông người,
/// counts its people).
pub const VISIT_PEOPLE_MAX: i64 = 10_000;

/// Whether a session was on the calendar or called for a matter (P-9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    /// Định kỳ: on the committee's announced calendar.
    Regular,
    /// Đột xuất: called for a complex, prolonged or mass matter.
    AdHoc,
}

impl SessionKind {
    pub const ALL: [SessionKind; 2] = [SessionKind::Regular, SessionKind::AdHoc];

    pub fn code(self) -> &'static str {
        match self {
            SessionKind::Regular => "regular",
            SessionKind::AdHoc => "ad_hoc",
        }
    }

    pub fn from_code(code: &str) -> Option<SessionKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Where a session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStatus {
    Planned,
    Held,
    Cancelled,
}

impl SessionStatus {
    pub fn code(self) -> &'static str {
        match self {
            SessionStatus::Planned => "planned",
            SessionStatus::Held => "held",
            SessionStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<SessionStatus> {
        [SessionStatus::Planned, SessionStatus::Held, SessionStatus::Cancelled].into_iter().find(|s| s.code() == code)
    }
}

/// What came of a visit without a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitOutcome {
    /// A case of the register was opened or joined.
    Case,
    /// Hướng dẫn: the citizen was directed to the competent body.
    Guided,
    /// Giải thích, trả lời: answered there and then.
    Answered,
}

impl VisitOutcome {
    pub fn code(self) -> &'static str {
        match self {
            VisitOutcome::Case => "case",
            VisitOutcome::Guided => "guided",
            VisitOutcome::Answered => "answered",
        }
    }

    pub fn from_code(code: &str) -> Option<VisitOutcome> {
        [VisitOutcome::Case, VisitOutcome::Guided, VisitOutcome::Answered].into_iter().find(|s| s.code() == code)
    }
}

/// A session to put on the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub day: Date,
    /// Who receives: a name and an office, one line.
    pub host: String,
    /// The committee's head in person (P-9: only these count).
    pub by_head: bool,
    pub place: String,
    pub kind: SessionKind,
}

/// A reception session (buổi tiếp công dân), with what it received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceptionSession {
    pub id: i64,
    pub org_id: i64,
    pub day: Date,
    pub host: String,
    pub by_head: bool,
    pub place: String,
    pub kind: SessionKind,
    pub status: SessionStatus,
    /// Why it was cancelled, or a note on the session held.
    pub note: String,
    pub recorded_by: String,
    pub visits: i64,
    pub people: i64,
    pub cases: i64,
}

/// A visit of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub id: i64,
    pub people: i64,
    pub outcome: VisitOutcome,
    /// What it was about: the visit's matter, or its case's summary;
    /// `None` for a case above the reader's clearance.
    pub matter: Option<String>,
    /// The case it opened or joined: its id and number (`n/yyyy`), when
    /// the reader is cleared for it.
    pub case: Option<(i64, String)>,
}

/// A committee's compliance with its head's reception duty (P-9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitteeCompliance {
    pub org: OrgNode,
    pub level: HeadLevel,
    pub source: &'static str,
    pub months: Vec<MonthCompliance>,
}

impl CommitteeCompliance {
    /// Every month of the period met.
    pub fn met(&self) -> bool {
        self.months.iter().all(MonthCompliance::met)
    }
}

/// The head's duty of a committee of `kind`, if any (P-9: provincial and
/// commune committees since Kết luận 215-KL/TW).
pub fn head_level(kind: OrgKind) -> Option<HeadLevel> {
    match kind {
        OrgKind::Province => Some(HeadLevel::Province),
        OrgKind::Commune => Some(HeadLevel::Commune),
        _ => None,
    }
}

const SESSION_COLUMNS: &str = "s.id AS id, s.org_id AS org_id, s.day AS day, s.host AS host, s.by_head AS by_head, \
     s.place AS place, s.kind AS kind, s.status AS status, s.note AS note, s.recorded_by AS recorded_by, \
     (SELECT COUNT(*) FROM reception_visit r WHERE r.session_id = s.id) AS visits, \
     CAST((SELECT COALESCE(SUM(r.people), 0) FROM reception_visit r WHERE r.session_id = s.id) AS BIGINT) AS people, \
     (SELECT COUNT(*) FROM reception_visit r WHERE r.session_id = s.id AND r.case_id IS NOT NULL) AS cases";

fn session_row(row: &AnyRow) -> StoreResult<ReceptionSession> {
    let bad = |col: &str, v: &str| StoreError::corrupt(format!("bad {col}: {v:?}"));
    let kind: String = row.try_get("kind")?;
    let status: String = row.try_get("status")?;
    let by_head: i64 = row.try_get("by_head")?;
    Ok(ReceptionSession {
        id: row.try_get("id")?,
        org_id: row.try_get("org_id")?,
        day: date_col(row, "day")?,
        host: row.try_get("host")?,
        by_head: by_head == 1,
        place: row.try_get("place")?,
        kind: SessionKind::from_code(&kind).ok_or_else(|| bad("kind", &kind))?,
        status: SessionStatus::from_code(&status).ok_or_else(|| bad("status", &status))?,
        note: row.try_get("note")?,
        recorded_by: row.try_get("recorded_by")?,
        visits: row.try_get("visits")?,
        people: row.try_get("people")?,
        cases: row.try_get("cases")?,
    })
}

/// A visit to record with the write that opens or joins its case.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AtSession {
    pub session: i64,
    pub people: i64,
}

/// Records a visit of `at`'s session that came to case `case_id` and marks
/// the session held, inside the caller's write.
pub(crate) async fn insert_case_visit(
    conn: &mut sqlx::AnyConnection,
    at: AtSession,
    case_id: i64,
    by: &str,
) -> StoreResult<()> {
    insert_visit(conn, at.session, at.people, "", VisitOutcome::Case, Some(case_id), by).await
}

async fn insert_visit(
    conn: &mut sqlx::AnyConnection,
    session: i64,
    people: i64,
    matter: &str,
    outcome: VisitOutcome,
    case_id: Option<i64>,
    by: &str,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO reception_visit (session_id, people, matter, outcome, case_id, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(session)
    .bind(people)
    .bind(matter)
    .bind(outcome.code())
    .bind(case_id)
    .bind(by)
    .bind(now_text())
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE reception_session SET status = 'held' WHERE id = $1").bind(session).execute(&mut *conn).await?;
    Ok(())
}

fn check_people(people: i64) -> StoreResult<()> {
    if (1..=VISIT_PEOPLE_MAX).contains(&people) {
        Ok(())
    } else {
        Err(refused("P-9", format!("a visit counts from 1 to {VISIT_PEOPLE_MAX} people, not {people}")))
    }
}

impl crate::Db {
    async fn session_by_id(&self, id: i64) -> StoreResult<Option<ReceptionSession>> {
        let sql = format!("SELECT {SESSION_COLUMNS} FROM reception_session s WHERE s.id = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(session_row)
            .transpose()
    }
}

impl Petitions<'_> {
    /// The session `id` and its organization (on the session's day when it
    /// is no longer in the tree today), readable by the viewer.
    async fn session_seen(&self, id: i64, today: Date) -> StoreResult<(ReceptionSession, OrgNode)> {
        let session =
            self.db.session_by_id(id).await?.ok_or_else(|| StoreError::NotFound(format!("reception session {id}")))?;
        // Its organization today or, once ended (merged, dissolved), as it
        // last was: its calendar stays readable.
        let org = self.db.case_org(session.org_id, today).await?;
        self.require(&org, policy::may_read_reception)?;
        Ok((session, org))
    }

    /// The session `id`, to keep: the viewer handles its organization.
    async fn session_kept(&self, id: i64, today: Date) -> StoreResult<(ReceptionSession, OrgNode)> {
        let (session, org) = self.session_seen(id, today).await?;
        self.require(&org, policy::may_handle_cases)?;
        Ok((session, org))
    }

    /// Whether the viewer keeps `org`'s reception calendar.
    pub fn may_keep_reception(&self, org: &OrgNode) -> bool {
        policy::may_handle_cases(self.reach(org))
    }

    /// Whether the viewer reads the matters of `org`'s visits.
    pub fn may_read_visits(&self, org: &OrgNode) -> bool {
        policy::may_read_cases(self.reach(org))
    }

    /// Puts a session on `org`'s calendar (P-9). Refused with P-9 when the
    /// same host is already on the calendar that day, or the day is before
    /// the committee was formed.
    pub async fn schedule_reception(&self, org: &OrgNode, session: &NewSession, address: &str) -> StoreResult<i64> {
        self.require(org, policy::may_handle_cases)?;
        let formed: Option<String> = sqlx::query_scalar("SELECT MIN(valid_from) FROM org_version WHERE org_id = $1")
            .bind(org.id)
            .fetch_one(&self.db.pool)
            .await?;
        if let Some(formed) = formed.as_deref().and_then(daihoi_core::date::from_iso)
            && session.day < formed
        {
            return Err(refused(
                "P-9",
                format!("{} was formed on {}, after {}", org.code, iso(formed), iso(session.day)),
            ));
        }
        let host = one_line("host", &session.host)?;
        let place = one_line("place", &session.place)?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let same: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM reception_session WHERE org_id = $1 AND day = $2 AND host = $3 \
                 AND status <> 'cancelled'",
            )
            .bind(org.id)
            .bind(iso(session.day))
            .bind(&host)
            .fetch_optional(w.conn())
            .await?;
            if let Some(id) = same {
                return Err(refused(
                    "P-9",
                    format!("{host} is already on the calendar on {} (id {id})", iso(session.day)),
                ));
            }
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO reception_session (org_id, day, host, by_head, place, kind, status, note, recorded_by, \
                 recorded_at) VALUES ($1, $2, $3, $4, $5, $6, 'planned', '', $7, $8) RETURNING id",
            )
            .bind(org.id)
            .bind(iso(session.day))
            .bind(&host)
            .bind(i64::from(session.by_head))
            .bind(&place)
            .bind(session.kind.code())
            .bind(&by)
            .bind(now_text())
            .fetch_one(w.conn())
            .await?;
            w.record(Change {
                action: "reception_scheduled",
                org_path: Some(org.path.clone()),
                subject: format!("reception session {id}"),
                detail: format!(
                    "{} {}, {host}{}",
                    iso(session.day),
                    session.kind.code(),
                    if session.by_head { " (the head)" } else { "" }
                ),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(id)
        })
        .await
    }

    /// Records that session `id` was held (P-9): not before its day, not
    /// when cancelled; `note` may be empty.
    pub async fn reception_held(&self, id: i64, note: &str, today: Date, address: &str) -> StoreResult<()> {
        let (session, org) = self.session_kept(id, today).await?;
        if session.status == SessionStatus::Cancelled {
            return Err(refused("P-9", format!("reception session {id} was cancelled")));
        }
        if session.day > today {
            return Err(refused("P-9", format!("reception session {id} is on {}, after today", iso(session.day))));
        }
        let note = match line(note, TITLE_MAX_CHARS) {
            Ok(n) => n.to_owned(),
            Err(daihoi_core::text::TextProblem::Empty) => String::new(),
            Err(e) => return Err(StoreError::text("note")(e)),
        };
        self.write(address, async |w| {
            sqlx::query("UPDATE reception_session SET status = 'held', note = $1 WHERE id = $2")
                .bind(&note)
                .bind(id)
                .execute(w.conn())
                .await?;
            w.record(Change {
                action: "reception_held",
                org_path: Some(org.path.clone()),
                subject: format!("reception session {id}"),
                detail: format!("{} {}", iso(session.day), session.host),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// Cancels session `id`, saying why (P-9): refused once a visit is
    /// recorded on it.
    pub async fn cancel_reception(&self, id: i64, why: &str, today: Date, address: &str) -> StoreResult<()> {
        let (session, org) = self.session_kept(id, today).await?;
        let why = one_line("why", why)?;
        self.write(address, async |w| {
            let visits: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reception_visit WHERE session_id = $1")
                .bind(id)
                .fetch_one(w.conn())
                .await?;
            if visits > 0 {
                return Err(refused("P-9", format!("reception session {id} received {visits} visits")));
            }
            sqlx::query("UPDATE reception_session SET status = 'cancelled', note = $1 WHERE id = $2")
                .bind(&why)
                .bind(id)
                .execute(w.conn())
                .await?;
            w.record(Change {
                action: "reception_cancelled",
                org_path: Some(org.path.clone()),
                subject: format!("reception session {id}"),
                detail: format!("{} {}: {why}", iso(session.day), session.host),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// The session `id` to receive at: the viewer keeps it, it is not
    /// cancelled and its day has come (P-9).
    async fn session_open(&self, id: i64, today: Date) -> StoreResult<(ReceptionSession, OrgNode)> {
        let (session, org) = self.session_kept(id, today).await?;
        if session.status == SessionStatus::Cancelled {
            return Err(refused("P-9", format!("reception session {id} was cancelled")));
        }
        check_event_day("session", session.day, "session", session.day, today)
            .map_err(|_| refused("P-9", format!("reception session {id} is on {}, after today", iso(session.day))))?;
        Ok((session, org))
    }

    /// Records a visit of session `id` that ends there (P-9): the citizen
    /// guided to the competent body, or answered. The matter is one line
    /// with no identity in it; a matter that becomes a case is received
    /// with [`Petitions::receive_at_reception`].
    pub async fn record_visit(
        &self,
        id: i64,
        people: i64,
        matter: &str,
        outcome: VisitOutcome,
        today: Date,
        address: &str,
    ) -> StoreResult<()> {
        let (session, org) = self.session_open(id, today).await?;
        check_people(people)?;
        if outcome == VisitOutcome::Case {
            return Err(refused("P-9", "a visit that comes to a case is received into the register"));
        }
        let matter = one_line("matter", matter)?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            insert_visit(w.conn(), id, people, &matter, outcome, None, &by).await?;
            w.record(Change {
                action: "reception_visit",
                org_path: Some(org.path.clone()),
                subject: format!("reception session {id}"),
                detail: format!("{} {people} people, {}", iso(session.day), outcome.code()),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(())
        })
        .await
    }

    /// Receives a filing brought to session `id` (P-9 with P-1, P-2,
    /// P-6, P-7): into the register of the session's committee, received
    /// on the session's day at the reception desk, and the visit recorded
    /// with the case in the same write.
    pub async fn receive_at_reception(
        &self,
        id: i64,
        people: i64,
        filing: &NewFiling,
        today: Date,
        address: &str,
    ) -> StoreResult<Received> {
        let (session, org) = self.session_open(id, today).await?;
        check_people(people)?;
        if filing.received != session.day {
            return Err(refused(
                "P-9",
                format!(
                    "a filing received at reception session {id} is received on its day, {}, not {}",
                    iso(session.day),
                    iso(filing.received)
                ),
            ));
        }
        if filing.channel != Channel::Reception {
            return Err(refused(
                "P-9",
                format!(
                    "a filing received at reception session {id} comes by the reception desk, not {}",
                    filing.channel.code()
                ),
            ));
        }
        self.receive_into(&org, filing, Some(AtSession { session: id, people }), today, address).await
    }

    /// The sessions of `org` (itself, not its subtree) from `from` to `to`,
    /// by day.
    pub async fn reception_sessions(&self, org: &OrgNode, from: Date, to: Date) -> StoreResult<Vec<ReceptionSession>> {
        self.require(org, policy::may_read_reception)?;
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM reception_session s WHERE s.org_id = $1 AND s.day >= $2 AND s.day <= $3 \
             ORDER BY s.day, s.id"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(org.id)
            .bind(iso(from))
            .bind(iso(to))
            .fetch_all(&self.db.pool)
            .await?
            .iter()
            .map(session_row)
            .collect()
    }

    /// The session `id` with its organization and, for a reader of its
    /// cases, its visits (a case's text only to a reader cleared for it).
    pub async fn reception_session(
        &self,
        id: i64,
        today: Date,
    ) -> StoreResult<(ReceptionSession, OrgNode, Option<Vec<Visit>>)> {
        let (session, org) = self.session_seen(id, today).await?;
        if !self.may_read_visits(&org) {
            return Ok((session, org, None));
        }
        let rows = sqlx::query(
            "SELECT r.id AS id, r.people AS people, r.matter AS matter, r.outcome AS outcome, c.id AS case_id, \
             c.number AS number, c.year AS year, c.summary AS summary, c.classification AS classification \
             FROM reception_visit r LEFT JOIN petition_case c ON c.id = r.case_id \
             WHERE r.session_id = $1 ORDER BY r.id",
        )
        .bind(id)
        .fetch_all(&self.db.pool)
        .await?;
        let clearance = self.clearance();
        let visits = rows
            .iter()
            .map(|r| {
                let outcome: String = r.try_get("outcome")?;
                let case_id: Option<i64> = r.try_get("case_id")?;
                let classification: Option<String> = r.try_get("classification")?;
                let cleared = match classification.as_deref() {
                    None => true,
                    Some(code) => {
                        Classification::from_code(code)
                            .ok_or_else(|| StoreError::corrupt(format!("bad classification {code:?}")))?
                            <= clearance
                    }
                };
                let (matter, case) = match case_id {
                    None => (Some(r.try_get("matter")?), None),
                    Some(_) if !cleared => (None, None),
                    Some(cid) => {
                        let number: i64 = r.try_get("number")?;
                        let year: i64 = r.try_get("year")?;
                        (Some(r.try_get("summary")?), Some((cid, format!("{number}/{year}"))))
                    }
                };
                Ok(Visit {
                    id: r.try_get("id")?,
                    people: r.try_get("people")?,
                    outcome: VisitOutcome::from_code(&outcome)
                        .ok_or_else(|| StoreError::corrupt(format!("bad outcome {outcome:?}")))?,
                    matter,
                    case,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok((session, org, Some(visits)))
    }

    /// P-9: the compliance of each committee of `root`'s subtree whose head
    /// has a reception duty (provincial and commune committees), for each
    /// of `months`: the distinct days its head received citizens in
    /// person in sessions held; nothing owed before the committee's first
    /// whole month.
    pub async fn reception_compliance(
        &self,
        root: &OrgNode,
        months: &[YearMonth],
        today: Date,
    ) -> StoreResult<Vec<CommitteeCompliance>> {
        self.require(root, policy::may_read_reception)?;
        let (Some(first), Some(last)) = (months.iter().min(), months.iter().max()) else {
            return Ok(Vec::new());
        };
        let (from, to) = (first_day(*first), last_day(*last));
        let committees: Vec<(OrgNode, HeadLevel)> = self
            .db
            .subtree(root, today)
            .await?
            .into_iter()
            .filter_map(|o| head_level(o.kind).map(|l| (o, l)))
            .collect();
        let (low, high) = root.path.subtree_range();
        let rows = sqlx::query(
            "SELECT DISTINCT s.org_id AS org_id, s.day AS day FROM reception_session s \
             JOIN org_version v ON v.org_id = s.org_id AND v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) \
             WHERE v.path >= $2 AND v.path < $3 AND s.status = 'held' AND s.by_head = 1 AND s.day >= $4 AND s.day <= $5",
        )
        .bind(iso(today))
        .bind(&low)
        .bind(&high)
        .bind(iso(from))
        .bind(iso(to))
        .fetch_all(&self.db.pool)
        .await?;
        let mut held: std::collections::HashMap<i64, Vec<Date>> = std::collections::HashMap::new();
        for r in &rows {
            held.entry(r.try_get("org_id")?).or_default().push(date_col(r, "day")?);
        }
        // The day each committee was formed: its duty runs from then.
        let formed = sqlx::query(
            "SELECT v.org_id AS org_id, MIN(v.valid_from) AS since FROM org_version v WHERE v.org_id IN \
             (SELECT w.org_id FROM org_version w WHERE w.valid_from <= $1 AND (w.valid_to IS NULL OR w.valid_to > $1) \
             AND w.path >= $2 AND w.path < $3) GROUP BY v.org_id",
        )
        .bind(iso(today))
        .bind(&low)
        .bind(&high)
        .fetch_all(&self.db.pool)
        .await?;
        let mut since: std::collections::HashMap<i64, Date> = std::collections::HashMap::new();
        for r in &formed {
            since.insert(r.try_get("org_id")?, date_col(r, "since")?);
        }
        Ok(committees
            .into_iter()
            .map(|(org, level)| {
                let d = duty(level);
                let days = held.get(&org.id).map(Vec::as_slice).unwrap_or(&[]);
                let from = since.get(&org.id).copied().unwrap_or(Date::MIN);
                CommitteeCompliance { months: compliance_since(d, days, months, from), level, source: d.source, org }
            })
            .collect())
    }
}

/// The first day of a month.
pub fn first_day(month: YearMonth) -> Date {
    Date::from_calendar_date(month.year, month.month, 1).unwrap_or(Date::MIN)
}

/// The last day of a month.
pub fn last_day(month: YearMonth) -> Date {
    let next = match month.month {
        time::Month::December => Date::from_calendar_date(month.year + 1, time::Month::January, 1),
        m => Date::from_calendar_date(month.year, m.next(), 1),
    };
    next.ok().and_then(Date::previous_day).unwrap_or(Date::MAX)
}

/// A session of a demo calendar.
pub(crate) struct DemoSession {
    pub day: Date,
    pub host: String,
    pub by_head: bool,
    pub place: String,
    pub status: SessionStatus,
    pub note: String,
}

impl Petitions<'_> {
    /// Writes a committee's demo calendar in one audited write, one entry
    /// for the lot (`daihoi demo`): the ids of its sessions, in order.
    pub(crate) async fn demo_calendar(&self, org: &OrgNode, sessions: &[DemoSession]) -> StoreResult<Vec<i64>> {
        self.require(org, policy::may_handle_cases)?;
        let by = self.viewer.actor();
        self.write("demo", async |w| {
            let mut ids = Vec::with_capacity(sessions.len());
            for s in sessions {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO reception_session (org_id, day, host, by_head, place, kind, status, note, \
                     recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, 'regular', $6, $7, $8, $9) RETURNING id",
                )
                .bind(org.id)
                .bind(iso(s.day))
                .bind(&s.host)
                .bind(i64::from(s.by_head))
                .bind(&s.place)
                .bind(s.status.code())
                .bind(&s.note)
                .bind(&by)
                .bind(now_text())
                .fetch_one(w.conn())
                .await?;
                ids.push(id);
            }
            w.record(Change {
                action: "reception_scheduled",
                org_path: Some(org.path.clone()),
                subject: format!("reception calendar of {}", org.code),
                detail: format!("{} sessions (the demo's calendar)", sessions.len()),
                classification: Classification::Normal,
            });
            Ok::<_, StoreError>(ids)
        })
        .await
    }
}
