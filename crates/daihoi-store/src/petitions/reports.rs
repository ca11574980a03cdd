//! What a subtree's cases add up to (P-10): the overdue list (the open
//! cases past a due date today, the oldest due first) and the statistics
//! of a period (received, settled on time or late, ended otherwise, open
//! at its end and of those overdue or awaiting a person), by kind and by
//! the organizations under the root. Due dates are computed here from the
//! rule table and the calendar as they stand, never stored (see
//! `clocks.rs`); only the cases the reader reads (their clearance, T-6)
//! are counted or listed.

use std::collections::HashMap;

use daihoi_core::date::iso;
use daihoi_petitions::{Area, CaseDays, CaseKind, Complexity, Instance, Standing, case_clocks};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::Date;

use super::cases::{CASE_COLUMNS, case_row, clock_views};
use super::clocks::clocks_due;
use super::{Case, ClockView, GrantedExtension, Petitions, policy};
use crate::orgs::OrgNode;
use crate::orgs::{NODE_COLUMNS, node};
use crate::{StoreError, StoreResult};

/// One line of the statistics (P-10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatLine {
    /// Received in the period (anonymous letters only logged apart).
    pub received: u32,
    /// Anonymous letters without evidence logged in the period (P-6).
    pub logged: u32,
    /// Settled in the period, every clock met by its due date.
    pub on_time: u32,
    /// Settled in the period, a clock met after its due date.
    pub late: u32,
    /// Closed without settlement or sent to the competent body in the period.
    pub ended: u32,
    /// Still in hand at the end of the period.
    pub open: u32,
    /// Of those, past a due date at the end of the period.
    pub overdue: u32,
    /// Of those, a due date awaiting a person (a row, a year's calendar).
    pub awaiting: u32,
}

impl StatLine {
    fn add(&mut self, other: &StatLine) {
        self.received += other.received;
        self.logged += other.logged;
        self.on_time += other.on_time;
        self.late += other.late;
        self.ended += other.ended;
        self.open += other.open;
        self.overdue += other.overdue;
        self.awaiting += other.awaiting;
    }
}

/// The statistics of a subtree's cases over a period (P-10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PetitionStats {
    pub from: Date,
    pub to: Date,
    /// The day open cases stand on: the end of the period, or today when
    /// the period has not ended.
    pub as_of: Date,
    pub total: StatLine,
    /// Every kind, in [`CaseKind::ALL`]'s order.
    pub by_kind: Vec<(CaseKind, StatLine)>,
    /// The root itself (its own register) and each organization directly
    /// under it with its subtree, in path order; those with nothing left out.
    pub by_org: Vec<(OrgNode, StatLine)>,
}

/// The light row the statistics read: no text but codes and days.
struct CaseFacts {
    id: i64,
    path: String,
    kind: CaseKind,
    instance: Instance,
    area: Area,
    complexity: Complexity,
    logged: bool,
    identified: bool,
    days: CaseDays,
}

/// A case's facts in one text, for `string_agg` (a province's year is
/// 25,000 cases: one value to decode instead of fourteen a row): `id|path|
/// kind|instance|area|complexity|logged|received|accepted|notified|settled|
/// transferred|closed|identified`, a missing day empty.
const PACKED_FACTS: &str = "CAST(c.id AS TEXT) || '|' || v.path || '|' || c.kind || '|' || c.instance || '|' \
     || c.area || '|' || c.complexity || '|' || CAST(c.logged AS TEXT) || '|' || c.received_on || '|' \
     || COALESCE(c.accepted_on, '') || '|' || COALESCE(c.notified_on, '') || '|' || COALESCE(c.settled_on, '') \
     || '|' || COALESCE(c.transferred_on, '') || '|' || COALESCE(c.closed_on, '') || '|' \
     || CASE WHEN EXISTS (SELECT 1 FROM petition_identity i WHERE i.case_id = c.id) THEN '1' ELSE '0' END";

/// The cases of a `string_agg` of [`PACKED_FACTS`] joined by `;`.
fn unpack_facts(text: Option<&str>) -> StoreResult<Vec<CaseFacts>> {
    let Some(text) = text.filter(|t| !t.is_empty()) else { return Ok(Vec::new()) };
    let bad = |what: &str| StoreError::corrupt(format!("packed case {what:?}"));
    let day = |f: &str| daihoi_core::date::from_iso(f).ok_or_else(|| bad(f));
    let optional = |f: &str| if f.is_empty() { Ok(None) } else { day(f).map(Some) };
    let mut out = Vec::with_capacity(text.len() / 80);
    for row in text.split(';') {
        let f: Vec<&str> = row.split('|').collect();
        let [
            id,
            path,
            kind,
            instance,
            area,
            complexity,
            logged,
            received,
            accepted,
            notified,
            settled,
            transferred,
            closed,
            identified,
        ] = f.as_slice()
        else {
            return Err(bad(row));
        };
        out.push(CaseFacts {
            id: id.parse().map_err(|_| bad(id))?,
            path: (*path).to_owned(),
            kind: CaseKind::from_code(kind).ok_or_else(|| bad(kind))?,
            instance: Instance::from_code(instance).ok_or_else(|| bad(instance))?,
            area: Area::from_code(area).ok_or_else(|| bad(area))?,
            complexity: Complexity::from_code(complexity).ok_or_else(|| bad(complexity))?,
            logged: *logged == "1",
            identified: *identified == "1",
            days: CaseDays {
                received: day(received)?,
                accepted: optional(accepted)?,
                notified: optional(notified)?,
                settled: optional(settled)?,
                transferred: optional(transferred)?,
                closed: optional(closed)?,
            },
        });
    }
    Ok(out)
}

/// A started clock, its due date (`None`: awaiting a person) and where it
/// stands.
type ClockStanding = (daihoi_petitions::CaseClock, Option<Date>, Option<Standing>);

/// Due dates computed once per (row, start) in one report: a province's
/// year has tens of thousands of clocks but a few thousand distinct starts
/// per row. The date only (a report shows no steps), or `None` when it
/// awaits a person.
struct DueMemo<'c> {
    clocks: &'c super::Clocks,
    memo: HashMap<(usize, Date), Option<Date>>,
}

impl<'c> DueMemo<'c> {
    fn new(clocks: &'c super::Clocks) -> Self {
        DueMemo { clocks, memo: HashMap::new() }
    }

    fn due(
        &mut self,
        trigger: daihoi_petitions::Trigger,
        f: &CaseFacts,
        started: Date,
        extensions: &[GrantedExtension],
    ) -> StoreResult<Option<Date>> {
        let granted: Vec<_> = extensions
            .iter()
            .filter(|e| e.trigger == trigger)
            .map(|e| daihoi_petitions::Extension { decided_on: e.decided_on })
            .collect();
        if !granted.is_empty() {
            let due = clocks_due(self.clocks, trigger, f.days.received, f.area, f.complexity, started, &granted)?;
            return Ok(due.ok().map(|d| d.date));
        }
        let rule = match self.clocks.table.rule_for(trigger, f.days.received, f.area, f.complexity) {
            Ok(rule) => rule,
            Err(daihoi_petitions::RuleError::Awaiting { .. }) => return Ok(None),
            Err(e) => return Err(super::clocks::rule_refused(e)),
        };
        let key = (std::ptr::from_ref(rule) as usize, started);
        if let Some(known) = self.memo.get(&key) {
            return Ok(*known);
        }
        let due = clocks_due(self.clocks, trigger, f.days.received, f.area, f.complexity, started, &[])?;
        let date = due.ok().map(|d| d.date);
        self.memo.insert(key, date);
        Ok(date)
    }

    /// Where each started clock of `f` stands on `on`, with its due date
    /// (`None`: awaiting a person).
    fn standings(
        &mut self,
        f: &CaseFacts,
        days: &CaseDays,
        extensions: &[GrantedExtension],
        on: Date,
    ) -> StoreResult<Vec<ClockStanding>> {
        let mut out = Vec::new();
        for clock in case_clocks(f.kind, f.instance, days, !f.identified) {
            let due = self.due(clock.trigger, f, clock.started, extensions)?;
            let standing = due.map(|d| clock.standing(d, on));
            out.push((clock, due, standing));
        }
        Ok(out)
    }
}

/// The days as they stood at the end of `day`: later events not yet.
fn as_of(days: &CaseDays, day: Date) -> CaseDays {
    let by = |d: Option<Date>| d.filter(|d| *d <= day);
    CaseDays {
        received: days.received,
        accepted: by(days.accepted),
        notified: by(days.notified),
        settled: by(days.settled),
        transferred: by(days.transferred),
        closed: by(days.closed),
    }
}

fn extension_row(row: &AnyRow) -> StoreResult<(i64, GrantedExtension)> {
    let clock: String = row.try_get("clock")?;
    let number: i64 = row.try_get("number")?;
    Ok((
        row.try_get("case_id")?,
        GrantedExtension {
            trigger: daihoi_petitions::Trigger::from_code(&clock)
                .ok_or_else(|| StoreError::corrupt(format!("bad clock {clock:?}")))?,
            number: u8::try_from(number).map_err(|_| StoreError::corrupt("extension number"))?,
            decided_on: crate::orgs::date_col(row, "decided_on")?,
            reference: row.try_get("reference")?,
        },
    ))
}

impl Petitions<'_> {
    /// P-10: the open cases of `root`'s subtree the viewer reads that are
    /// past a due date today, the oldest due first, each with that clock;
    /// at most `limit`, and how many there are. The open cases are read
    /// light and their due dates computed once per row and start; only
    /// those shown are read whole, with their computation's steps.
    pub async fn overdue_in(
        &self,
        root: &OrgNode,
        today: Date,
        limit: usize,
    ) -> StoreResult<(Vec<(Case, ClockView)>, usize)> {
        self.require(root, policy::may_read_cases)?;
        let (low, high) = root.path.subtree_range();
        let [a, b, c] = self.clearance().codes_up_to();
        let packed: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT string_agg({PACKED_FACTS}, ';') FROM petition_case c \
             JOIN org_version v ON v.org_id = c.org_id AND v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) \
             WHERE v.path >= $2 AND v.path < $3 AND c.classification IN ($4, $5, $6) \
             AND c.settled_on IS NULL AND c.closed_on IS NULL AND c.transferred_on IS NULL AND c.logged = 0"
        )))
        .bind(iso(today))
        .bind(&low)
        .bind(&high)
        .bind(a)
        .bind(b)
        .bind(c)
        .fetch_one(&self.db.pool)
        .await?;
        let extensions = self.db.open_extensions(&low, &high, today).await?;
        let clocks = self.db.read_clocks().await?;
        let mut memo = DueMemo::new(&clocks);
        // Each overdue case by its oldest due date past.
        let mut overdue: Vec<(Date, i64, daihoi_petitions::Trigger)> = Vec::new();
        for f in unpack_facts(packed.as_deref())? {
            let granted = extensions.get(&f.id).map(Vec::as_slice).unwrap_or(&[]);
            let late = memo
                .standings(&f, &f.days, granted, today)?
                .into_iter()
                .filter(|(_, _, s)| *s == Some(Standing::Overdue))
                .filter_map(|(clock, due, _)| due.map(|d| (d, clock.trigger)))
                .min();
            if let Some((due, trigger)) = late {
                overdue.push((due, f.id, trigger));
            }
        }
        overdue.sort();
        let total = overdue.len();
        overdue.truncate(limit);
        // The cases shown, read whole in one query: the open cases of the
        // subtree (the partial index) whose id is in the list.
        let ids: Vec<String> = overdue.iter().map(|(_, id, _)| id.to_string()).collect();
        let listed = format!(",{},", ids.join(","));
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {CASE_COLUMNS}, {NODE_COLUMNS} FROM petition_case c \
             LEFT JOIN person p ON p.id = c.about_person_id JOIN organization o ON o.id = c.org_id \
             JOIN org_version v ON v.org_id = c.org_id AND v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) \
             WHERE v.path >= $2 AND v.path < $3 AND c.settled_on IS NULL AND c.closed_on IS NULL \
             AND c.transferred_on IS NULL AND instr($4, ',' || CAST(c.id AS TEXT) || ',') > 0"
        )))
        .bind(iso(today))
        .bind(&low)
        .bind(&high)
        .bind(&listed)
        .fetch_all(&self.db.pool)
        .await?;
        let mut read: HashMap<i64, Case> = HashMap::new();
        for row in &rows {
            let org = node(row)?;
            if !policy::may_read_cases(self.reach(&org)) {
                continue;
            }
            let case = case_row(row, org)?;
            if self.cleared(&case) {
                read.insert(case.id, case);
            }
        }
        let mut shown = Vec::new();
        for (_, id, trigger) in overdue {
            let Some(case) = read.remove(&id) else { continue };
            let granted = extensions.get(&id).map(Vec::as_slice).unwrap_or(&[]);
            let view = clock_views(&case, granted, &clocks, today)?.into_iter().find(|v| v.clock.trigger == trigger);
            if let Some(view) = view {
                shown.push((case, view));
            }
        }
        Ok((shown, total))
    }

    /// P-10: the statistics of `root`'s subtree from `from` to `to`
    /// (inclusive), for the cases the viewer reads: by kind and by the
    /// organizations directly under the root.
    pub async fn statistics(&self, root: &OrgNode, from: Date, to: Date, today: Date) -> StoreResult<PetitionStats> {
        self.require(root, policy::may_read_cases)?;
        let (low, high) = root.path.subtree_range();
        let [a, b, c] = self.clearance().codes_up_to();
        let packed: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT string_agg({PACKED_FACTS}, ';') FROM petition_case c \
             JOIN org_version v ON v.org_id = c.org_id AND v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) \
             WHERE v.path >= $2 AND v.path < $3 AND c.classification IN ($4, $5, $6) AND c.received_on <= $7 \
             AND (c.ended_on IS NULL OR c.ended_on >= $8)"
        )))
        .bind(iso(today))
        .bind(&low)
        .bind(&high)
        .bind(a)
        .bind(b)
        .bind(c)
        .bind(iso(to))
        .bind(iso(from))
        .fetch_one(&self.db.pool)
        .await?;
        let extensions = self.db.period_extensions(&low, &high, from, to, today).await?;
        let clocks = self.db.read_clocks().await?;
        let mut memo = DueMemo::new(&clocks);
        let as_of_day = to.min(today);
        // The organizations under the root, by the path prefix of their subtree.
        let children = self.db.children(root.id, today).await?;
        let mut lines: Vec<StatLine> = vec![StatLine::default(); children.len() + 1];
        let child_at: HashMap<&str, usize> =
            children.iter().enumerate().map(|(i, c)| (c.path.as_str(), i + 1)).collect();
        let root_path = root.path.as_str();
        let mut by_kind: Vec<StatLine> = vec![StatLine::default(); CaseKind::ALL.len()];
        for f in unpack_facts(packed.as_deref())? {
            let granted = extensions.get(&f.id).map(Vec::as_slice).unwrap_or(&[]);
            let line = counted(&f, granted, &mut memo, from, to, as_of_day)?;
            // The child whose subtree holds it: the root's path and one more id.
            let rest = f.path.strip_prefix(root_path).unwrap_or("");
            let at = match rest.find('/') {
                Some(end) => child_at.get(&f.path[..root_path.len() + end + 1]).copied().unwrap_or(0),
                None => 0,
            };
            lines[at].add(&line);
            let k = CaseKind::ALL.iter().position(|k| *k == f.kind).unwrap_or(0);
            by_kind[k].add(&line);
        }
        let mut total = StatLine::default();
        for l in &by_kind {
            total.add(l);
        }
        let mut by_org = Vec::new();
        for (i, line) in lines.into_iter().enumerate() {
            if line == StatLine::default() {
                continue;
            }
            let org = if i == 0 { root.clone() } else { children[i - 1].clone() };
            by_org.push((org, line));
        }
        Ok(PetitionStats {
            from,
            to,
            as_of: as_of_day,
            total,
            by_kind: CaseKind::ALL.iter().copied().zip(by_kind).collect(),
            by_org,
        })
    }
}

/// What one case adds to the statistics of the period `from`..=`to`, its
/// open clocks standing on `as_of_day`.
fn counted(
    f: &CaseFacts,
    extensions: &[GrantedExtension],
    memo: &mut DueMemo<'_>,
    from: Date,
    to: Date,
    as_of_day: Date,
) -> StoreResult<StatLine> {
    let mut line = StatLine::default();
    let within = |d: Option<Date>| d.is_some_and(|d| from <= d && d <= to);
    if within(Some(f.days.received)) {
        if f.logged {
            line.logged = 1;
        } else {
            line.received = 1;
        }
    }
    if f.logged {
        return Ok(line);
    }
    let days = as_of(&f.days, to);
    if within(days.settled) {
        let late = memo.standings(f, &days, extensions, as_of_day)?.iter().any(|(_, _, s)| *s == Some(Standing::Late));
        if late {
            line.late = 1;
        } else {
            line.on_time = 1;
        }
    } else if within(days.closed) || within(days.transferred) {
        line.ended = 1;
    } else if days.open() {
        line.open = 1;
        let standings = memo.standings(f, &days, extensions, as_of_day)?;
        let overdue = standings.iter().any(|(_, _, s)| *s == Some(Standing::Overdue));
        let awaiting = standings.iter().any(|(c, due, _)| due.is_none() && c.met.is_none() && c.ended.is_none());
        line.overdue = u32::from(overdue);
        line.awaiting = u32::from(awaiting && !overdue);
    }
    Ok(line)
}

impl crate::Db {
    /// The extensions granted on the open cases of a subtree (`low`..`high`).
    async fn open_extensions(
        &self,
        low: &str,
        high: &str,
        today: Date,
    ) -> StoreResult<HashMap<i64, Vec<GrantedExtension>>> {
        let rows = sqlx::query(
            "SELECT e.case_id AS case_id, e.clock AS clock, e.number AS number, e.decided_on AS decided_on, \
             e.reference AS reference FROM petition_extension e JOIN petition_case c ON c.id = e.case_id \
             JOIN org_version v ON v.org_id = c.org_id AND v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) \
             WHERE v.path >= $2 AND v.path < $3 AND c.settled_on IS NULL AND c.closed_on IS NULL \
             AND c.transferred_on IS NULL ORDER BY e.case_id, e.clock, e.number",
        )
        .bind(iso(today))
        .bind(low)
        .bind(high)
        .fetch_all(&self.pool)
        .await?;
        grouped(&rows)
    }

    /// The extensions granted on the cases of a subtree a period counts.
    async fn period_extensions(
        &self,
        low: &str,
        high: &str,
        from: Date,
        to: Date,
        today: Date,
    ) -> StoreResult<HashMap<i64, Vec<GrantedExtension>>> {
        let rows = sqlx::query(
            "SELECT e.case_id AS case_id, e.clock AS clock, e.number AS number, e.decided_on AS decided_on, \
             e.reference AS reference FROM petition_extension e JOIN petition_case c ON c.id = e.case_id \
             JOIN org_version v ON v.org_id = c.org_id AND v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) \
             WHERE v.path >= $2 AND v.path < $3 AND c.received_on <= $4 \
             AND (c.settled_on IS NULL OR c.settled_on >= $5) AND (c.closed_on IS NULL OR c.closed_on >= $5) \
             AND (c.transferred_on IS NULL OR c.transferred_on >= $5) ORDER BY e.case_id, e.clock, e.number",
        )
        .bind(iso(today))
        .bind(low)
        .bind(high)
        .bind(iso(to))
        .bind(iso(from))
        .fetch_all(&self.pool)
        .await?;
        grouped(&rows)
    }
}

pub(crate) fn grouped(rows: &[AnyRow]) -> StoreResult<HashMap<i64, Vec<GrantedExtension>>> {
    let mut out: HashMap<i64, Vec<GrantedExtension>> = HashMap::new();
    for row in rows {
        let (id, e) = extension_row(row)?;
        out.entry(id).or_default().push(e);
    }
    Ok(out)
}
