//! The legal clocks as stored (P-3): the rule table's rows with who entered
//! and ended them, the calendar's days and the years a person confirmed;
//! the rows and days daihoi ships, written once at migration; the
//! administrator's changes, each an audited write checked against the
//! rest (an overlapping row, a day listed twice: refused with P-3, nothing
//! written); and a due date computed from all of it.

use daihoi_core::date::iso;
use daihoi_petitions::{
    Area, Calendar, CalendarDay, Complexity, DayKind, Due, DueError, Extension, Rule, RuleError, RuleTable, Trigger,
    Unit, defaults,
};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::Date;

use super::{policy, refused};
use crate::access::{facet, forbidden};
use crate::documents::Classification;
use crate::members::now_text;
use crate::orgs::{date_col, opt_date_col};
use crate::write::Change;
use crate::{Db, StoreError, StoreResult};

/// Who wrote the shipped rows and days.
const SHIPPED_BY: &str = "daihoi";

const RULE_COLUMNS: &str = "id, clock, area, complexity, amount, unit, extensions, extension_amount, valid_from, \
     valid_to, source, entered_by, entered_at, ended_by, ended_at";

/// A row of the rule table as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRule {
    pub id: i64,
    pub rule: Rule,
    /// An account's login, `operator`, or `daihoi` for a shipped row.
    pub entered_by: String,
    pub entered_at: String,
    /// Who set its last day, and when.
    pub ended_by: Option<String>,
    pub ended_at: Option<String>,
}

/// A day of the calendar as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDay {
    pub day: CalendarDay,
    pub entered_by: String,
    pub entered_at: String,
}

/// A year whose calendar a person confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmedYear {
    pub year: i32,
    pub confirmed_by: String,
    pub confirmed_at: String,
    pub why: String,
}

/// The clocks as stored, and the table and calendar they make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clocks {
    pub rules: Vec<StoredRule>,
    pub days: Vec<StoredDay>,
    pub years: Vec<ConfirmedYear>,
    pub table: RuleTable,
    pub calendar: Calendar,
}

fn int<T: TryFrom<i64>>(row: &AnyRow, col: &str) -> StoreResult<T> {
    let n: i64 = row.try_get(col)?;
    T::try_from(n).map_err(|_| StoreError::corrupt(format!("bad {col}: {n}")))
}

fn rule_row(row: &AnyRow) -> StoreResult<StoredRule> {
    let code = |col: &str| -> StoreResult<Option<String>> { Ok(row.try_get(col)?) };
    let bad = |col: &str, v: &str| StoreError::corrupt(format!("bad {col}: {v:?}"));
    let clock: String = row.try_get("clock")?;
    let unit: String = row.try_get("unit")?;
    let rule = Rule {
        trigger: Trigger::from_code(&clock).ok_or_else(|| bad("clock", &clock))?,
        area: code("area")?.map(|a| Area::from_code(&a).ok_or_else(|| bad("area", &a))).transpose()?,
        complexity: code("complexity")?
            .map(|c| Complexity::from_code(&c).ok_or_else(|| bad("complexity", &c)))
            .transpose()?,
        amount: int(row, "amount")?,
        unit: Unit::from_code(&unit).ok_or_else(|| bad("unit", &unit))?,
        extensions: int(row, "extensions")?,
        extension_amount: int(row, "extension_amount")?,
        valid_from: date_col(row, "valid_from")?,
        valid_to: opt_date_col(row, "valid_to")?,
        source: row.try_get("source")?,
    };
    Ok(StoredRule {
        id: row.try_get("id")?,
        rule,
        entered_by: row.try_get("entered_by")?,
        entered_at: row.try_get("entered_at")?,
        ended_by: row.try_get("ended_by")?,
        ended_at: row.try_get("ended_at")?,
    })
}

fn day_row(row: &AnyRow) -> StoreResult<StoredDay> {
    let kind: String = row.try_get("kind")?;
    Ok(StoredDay {
        day: CalendarDay {
            date: date_col(row, "day")?,
            kind: DayKind::from_code(&kind).ok_or_else(|| StoreError::corrupt(format!("bad day kind {kind:?}")))?,
            name: row.try_get("name")?,
        },
        entered_by: row.try_get("entered_by")?,
        entered_at: row.try_get("entered_at")?,
    })
}

async fn insert_rule(conn: &mut sqlx::AnyConnection, rule: &Rule, by: &str) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO petition_rule (clock, area, complexity, amount, unit, extensions, extension_amount, \
         valid_from, valid_to, source, entered_by, entered_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(rule.trigger.code())
    .bind(rule.area.map(Area::code))
    .bind(rule.complexity.map(Complexity::code))
    .bind(i64::from(rule.amount))
    .bind(rule.unit.code())
    .bind(i64::from(rule.extensions))
    .bind(i64::from(rule.extension_amount))
    .bind(iso(rule.valid_from))
    .bind(rule.valid_to.map(iso))
    .bind(&rule.source)
    .bind(by)
    .bind(now_text())
    .fetch_one(&mut *conn)
    .await?)
}

async fn insert_day(conn: &mut sqlx::AnyConnection, day: &CalendarDay, by: &str) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO petition_calendar_day (day, kind, name, entered_by, entered_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(iso(day.date))
    .bind(day.kind.code())
    .bind(&day.name)
    .bind(by)
    .bind(now_text())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn rule_words(rule: &Rule) -> String {
    format!(
        "{} {} {}{}{}{}, {}–{}, {}",
        rule.trigger.code(),
        rule.amount,
        rule.unit.code(),
        rule.area.map(|a| format!(", {}", a.code())).unwrap_or_default(),
        rule.complexity.map(|c| format!(", {}", c.code())).unwrap_or_default(),
        if rule.extensions > 0 { format!(", {} × {}", rule.extensions, rule.extension_amount) } else { String::new() },
        iso(rule.valid_from),
        rule.valid_to.map(iso).unwrap_or_default(),
        rule.source
    )
}

pub(crate) fn rule_refused(e: RuleError) -> StoreError {
    refused("P-3", e)
}

impl Db {
    /// Writes the rows and days daihoi ships ([`defaults`]), once: a
    /// database that has them (even changed or ended since) is left as it
    /// is. Called by [`Db::migrate`]; the rows name `daihoi` as who entered
    /// them and their source article. Not in the audit log: like the
    /// schema, they come with the software.
    pub(crate) async fn ship_petition_clocks(&self) -> StoreResult<()> {
        let shipped: Option<String> = sqlx::query_scalar("SELECT what FROM petition_shipped WHERE what = 'clocks'")
            .fetch_optional(&self.pool)
            .await?;
        if shipped.is_some() {
            return Ok(());
        }
        let mut tx = self.begin_write().await?;
        for rule in defaults::rules() {
            insert_rule(&mut tx, &rule, SHIPPED_BY).await?;
        }
        for day in defaults::calendar_days() {
            insert_day(&mut tx, &day, SHIPPED_BY).await?;
        }
        sqlx::query(
            "INSERT INTO petition_shipped (what, written_at) VALUES ('clocks', $1) ON CONFLICT (what) DO NOTHING",
        )
        .bind(now_text())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The rule table's rows as stored, and the table they make.
    async fn read_rules(&self) -> StoreResult<(Vec<StoredRule>, RuleTable)> {
        let sql = format!("SELECT {RULE_COLUMNS} FROM petition_rule ORDER BY clock, valid_from, id");
        let rules: Vec<StoredRule> = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(rule_row)
            .collect::<StoreResult<_>>()?;
        let table = RuleTable::new(rules.iter().map(|r| r.rule.clone()))
            .map_err(|e| StoreError::corrupt(format!("the stored rule table: {e}")))?;
        Ok((rules, table))
    }

    /// The calendar's days and confirmed years as stored, and the calendar
    /// they make.
    async fn read_days(&self) -> StoreResult<(Vec<StoredDay>, Vec<ConfirmedYear>, Calendar)> {
        let days: Vec<StoredDay> =
            sqlx::query("SELECT day, kind, name, entered_by, entered_at FROM petition_calendar_day ORDER BY day")
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(day_row)
                .collect::<StoreResult<_>>()?;
        let years: Vec<ConfirmedYear> =
            sqlx::query("SELECT year, confirmed_by, confirmed_at, why FROM petition_calendar_year ORDER BY year")
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| {
                    Ok(ConfirmedYear {
                        year: int(r, "year")?,
                        confirmed_by: r.try_get("confirmed_by")?,
                        confirmed_at: r.try_get("confirmed_at")?,
                        why: r.try_get("why")?,
                    })
                })
                .collect::<StoreResult<_>>()?;
        let calendar = Calendar::new(days.iter().map(|d| d.day.clone()))
            .map_err(|e| StoreError::corrupt(format!("the stored calendar: {e}")))?
            .confirmed(years.iter().map(|y| y.year));
        Ok((days, years, calendar))
    }

    /// The calendar of working days legal deadlines count on (P-3; also
    /// R-AFTER-2's complaint window).
    pub(crate) async fn working_calendar(&self) -> StoreResult<Calendar> {
        Ok(self.read_days().await?.2)
    }

    /// The clocks as stored.
    pub(crate) async fn read_clocks(&self) -> StoreResult<Clocks> {
        let (rules, table) = self.read_rules().await?;
        let (days, years, calendar) = self.read_days().await?;
        Ok(Clocks { rules, days, years, table, calendar })
    }
}

facet!(
    Petitions,
    petitions,
    "Petitions, complaints and denunciations (đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh): the legal clocks so far."
);

impl Petitions<'_> {
    /// The rule table and the calendar: everyone signed in reads them.
    pub async fn clocks(&self) -> StoreResult<Clocks> {
        self.db.read_clocks().await
    }

    /// Whether the viewer keeps the clocks (see [`policy::may_keep_clocks`]).
    pub async fn may_keep_clocks(&self, today: Date) -> StoreResult<bool> {
        if self.viewer.is_operator() {
            return Ok(true);
        }
        Ok(self.db.roots(today).await?.iter().any(|r| policy::may_keep_clocks(self.reach(r))))
    }

    async fn require_keeper(&self, today: Date) -> StoreResult<()> {
        if self.may_keep_clocks(today).await? { Ok(()) } else { Err(forbidden("the petitions' legal clocks")) }
    }

    /// Enters a row of the rule table (P-3): refused, nothing written,
    /// when it is malformed or overlaps a row of the same clock, area and
    /// complexity.
    pub async fn add_rule(&self, rule: &Rule, today: Date, address: &str) -> StoreResult<i64> {
        self.require_keeper(today).await?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            // Checked inside the write: no other row enters meanwhile.
            let (_, table) = self.db.read_rules().await?;
            table.check(rule).map_err(rule_refused)?;
            let id = insert_rule(w.conn(), rule, &by).await?;
            w.record(Change {
                action: "petition_rule_add",
                org_path: None,
                subject: format!("petition rule {id}"),
                detail: rule_words(rule),
                classification: Classification::Normal,
            });
            Ok(id)
        })
        .await
    }

    /// Sets the last day of row `id` (a law changed): refused when it
    /// would end before the row starts, or, moved later, overlap the row
    /// that follows.
    pub async fn end_rule(&self, id: i64, last_day: Date, today: Date, address: &str) -> StoreResult<()> {
        self.require_keeper(today).await?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let (rules, _) = self.db.read_rules().await?;
            let Some(stored) = rules.iter().find(|r| r.id == id) else {
                return Err(StoreError::NotFound(format!("petition rule {id}")));
            };
            let ended = Rule { valid_to: Some(last_day), ..stored.rule.clone() };
            let others = RuleTable::new(rules.iter().filter(|r| r.id != id).map(|r| r.rule.clone()))
                .map_err(|e| StoreError::corrupt(e.to_string()))?;
            others.check(&ended).map_err(rule_refused)?;
            sqlx::query("UPDATE petition_rule SET valid_to = $1, ended_by = $2, ended_at = $3 WHERE id = $4")
                .bind(iso(last_day))
                .bind(&by)
                .bind(now_text())
                .bind(id)
                .execute(w.conn())
                .await?;
            w.record(Change {
                action: "petition_rule_end",
                org_path: None,
                subject: format!("petition rule {id}"),
                detail: format!("{} → {}", stored.rule.valid_to.map(iso).unwrap_or_default(), iso(last_day)),
                classification: Classification::Normal,
            });
            Ok(())
        })
        .await
    }

    /// Lists a day of the calendar (a holiday, a substitute day, a
    /// make-up working day): refused (P-3) when the day is listed already,
    /// a make-up day is not a weekend, or it has no name. Every open
    /// deadline is computed with it from then on.
    pub async fn add_day(&self, day: &CalendarDay, today: Date, address: &str) -> StoreResult<()> {
        self.require_keeper(today).await?;
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let mut calendar = self.db.working_calendar().await?;
            calendar.add(day.clone()).map_err(|e| refused("P-3", e))?;
            insert_day(w.conn(), day, &by).await?;
            w.record(Change {
                action: "petition_day_add",
                org_path: None,
                subject: format!("calendar {}", iso(day.date)),
                detail: format!("{}: {}", day.kind.code(), day.name),
                classification: Classification::Normal,
            });
            Ok(())
        })
        .await
    }

    /// Takes a day off the calendar (listed in error).
    pub async fn remove_day(&self, date: Date, today: Date, address: &str) -> StoreResult<()> {
        self.require_keeper(today).await?;
        self.write(address, async |w| {
            let removed = sqlx::query("DELETE FROM petition_calendar_day WHERE day = $1 RETURNING name")
                .bind(iso(date))
                .fetch_optional(w.conn())
                .await?;
            let Some(row) = removed else { return Err(StoreError::NotFound(format!("calendar {}", iso(date)))) };
            let name: String = row.try_get("name")?;
            w.record(Change {
                action: "petition_day_remove",
                org_path: None,
                subject: format!("calendar {}", iso(date)),
                detail: name,
                classification: Classification::Normal,
            });
            Ok(())
        })
        .await
    }

    /// Records that a person confirmed the calendar of `year` (P-3): due
    /// dates that reach it are computed from then on. `why`: what it was
    /// checked against (the Government's announcement).
    pub async fn confirm_year(&self, year: i32, why: &str, today: Date, address: &str) -> StoreResult<()> {
        self.require_keeper(today).await?;
        let why = daihoi_core::text::line(why, daihoi_core::text::TITLE_MAX_CHARS).map_err(StoreError::text("why"))?;
        if why.is_empty() {
            return Err(refused("P-3", "a year's calendar is confirmed against an announcement: say which"));
        }
        let by = self.viewer.actor();
        self.write(address, async |w| {
            let done = sqlx::query(
                "INSERT INTO petition_calendar_year (year, confirmed_by, confirmed_at, why) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (year) DO NOTHING",
            )
            .bind(i64::from(year))
            .bind(&by)
            .bind(now_text())
            .bind(why)
            .execute(w.conn())
            .await?;
            if done.rows_affected() == 1 {
                w.record(Change {
                    action: "petition_year_confirm",
                    org_path: None,
                    subject: format!("calendar {year}"),
                    detail: why.to_owned(),
                    classification: Classification::Normal,
                });
            }
            Ok(())
        })
        .await
    }

    /// The due date of a clock of `trigger` for a case received on
    /// `received` in `area`, of `complexity`, started by its event on
    /// `started`, with `extensions` granted: computed from the table and
    /// calendar as they are now. `Ok(Err(…))` when it awaits a person (no
    /// row for that day of receipt, or a year's calendar unconfirmed);
    /// refused with P-5 when the extensions exceed the row's.
    #[allow(clippy::too_many_arguments)]
    pub async fn due(
        &self,
        trigger: Trigger,
        received: Date,
        area: Area,
        complexity: Complexity,
        started: Date,
        extensions: &[Extension],
    ) -> StoreResult<Result<Due, Awaits>> {
        let clocks = self.db.read_clocks().await?;
        clocks_due(&clocks, trigger, received, area, complexity, started, extensions)
    }
}

/// What a due date awaits: a person's row, or a year's calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Awaits {
    Rule { trigger: Trigger, on: Date },
    Calendar { year: i32 },
}

/// [`Petitions::due`] on clocks already read.
pub(crate) fn clocks_due(
    clocks: &Clocks,
    trigger: Trigger,
    received: Date,
    area: Area,
    complexity: Complexity,
    started: Date,
    extensions: &[Extension],
) -> StoreResult<Result<Due, Awaits>> {
    let rule = match clocks.table.rule_for(trigger, received, area, complexity) {
        Ok(rule) => rule,
        Err(RuleError::Awaiting { trigger, on }) => return Ok(Err(Awaits::Rule { trigger, on })),
        Err(e) => return Err(rule_refused(e)),
    };
    match daihoi_petitions::due(started, rule, extensions, &clocks.calendar) {
        Ok(due) => Ok(Ok(due)),
        Err(DueError::Calendar(a)) => Ok(Err(Awaits::Calendar { year: a.year })),
        Err(e @ (DueError::TooManyExtensions { .. } | DueError::ExtensionOutsidePeriod { .. })) => {
            Err(refused("P-5", e))
        }
        Err(e @ DueError::OutOfRange) => Err(refused("P-3", e)),
    }
}
