//! Targets (chỉ tiêu) of implementation tasks, stored (T-5): a unit, a
//! baseline, a target value and the values reported over time. The rules
//! (which way a target is met, attainment at a date, readings that go
//! forward in time) are `daihoi-tracking`'s [`Target`] and [`TargetSeries`];
//! this module stores and reads them. Readings are only ever added: a later
//! reading on the same day is a correction and wins.

use std::collections::HashMap;

use daihoi_core::date::{from_iso, iso};
use daihoi_tracking::{Direction, Reading, Target, TargetSeries};
use sqlx::{AnyConnection, AssertSqlSafe, Row};
use time::Date;

use crate::members::now_text;
use crate::{Db, StoreError, StoreResult};

/// A target to create for a task.
#[derive(Debug, Clone)]
pub struct NewTarget<'a> {
    pub task_id: i64,
    /// What is measured ("Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ").
    pub name: &'a str,
    pub target: Target,
}

/// A stored target with its readings in recording order.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredTarget {
    pub id: i64,
    pub task_id: i64,
    pub name: String,
    pub series: TargetSeries,
    /// The readings' notes and who recorded them, in the series' order.
    pub notes: Vec<ReadingNote>,
}

/// Who recorded a reading, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingNote {
    pub note: String,
    pub recorded_by: String,
}

fn direction_code(d: Direction) -> &'static str {
    match d {
        Direction::HigherIsBetter => "higher",
        Direction::LowerIsBetter => "lower",
    }
}

fn parse_direction(code: &str) -> StoreResult<Direction> {
    match code {
        "higher" => Ok(Direction::HigherIsBetter),
        "lower" => Ok(Direction::LowerIsBetter),
        other => Err(StoreError::corrupt(format!("bad target direction {other:?}"))),
    }
}

impl Db {
    /// Creates a target for a task (T-5). The target's numbers were checked
    /// by [`Target::new`].
    pub(crate) async fn create_target(&self, new: &NewTarget<'_>) -> StoreResult<StoredTarget> {
        let mut conn = self.pool.acquire().await?;
        let id = Db::create_target_in(&mut conn, new).await?;
        drop(conn);
        self.target(id).await?.ok_or_else(|| StoreError::corrupt("target vanished after insert"))
    }

    pub(crate) async fn create_target_in(conn: &mut AnyConnection, new: &NewTarget<'_>) -> StoreResult<i64> {
        if new.name.trim().is_empty() {
            return Err(StoreError::BadTask("a target needs a name".into()));
        }
        let name = daihoi_core::text::line(new.name, daihoi_core::text::TITLE_MAX_CHARS)
            .map_err(StoreError::text("target name"))?;
        let unit = daihoi_core::text::optional_line(&new.target.unit, daihoi_core::text::LABEL_MAX_CHARS)
            .map_err(StoreError::text("unit"))?;
        let task: Option<i64> = sqlx::query_scalar("SELECT id FROM task WHERE id = $1")
            .bind(new.task_id)
            .fetch_optional(&mut *conn)
            .await?;
        if task.is_none() {
            return Err(StoreError::NotFound(format!("task {}", new.task_id)));
        }
        let t = &new.target;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO target (task_id, name, unit, baseline, target_value, direction, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(new.task_id)
        .bind(name)
        .bind(unit)
        .bind(t.baseline)
        .bind(t.target)
        .bind(direction_code(t.direction))
        .bind(now_text())
        .fetch_one(&mut *conn)
        .await?;
        Ok(id)
    }

    /// A target with its readings.
    pub async fn target(&self, id: i64) -> StoreResult<Option<StoredTarget>> {
        let row =
            sqlx::query("SELECT id, task_id, name, unit, baseline, target_value, direction FROM target WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        let Some(row) = row else { return Ok(None) };
        let mut targets = self.with_readings(vec![row]).await?;
        Ok(targets.pop())
    }

    /// The targets of a task, by id, with their readings.
    pub async fn targets_of_task(&self, task_id: i64) -> StoreResult<Vec<StoredTarget>> {
        let rows = sqlx::query(
            "SELECT id, task_id, name, unit, baseline, target_value, direction FROM target \
             WHERE task_id = $1 ORDER BY id",
        )
        .bind(task_id)
        .fetch_all(&self.pool)
        .await?;
        self.with_readings(rows).await
    }

    /// Targets from their rows (columns `id`, `task_id`, `name`, `unit`,
    /// `baseline`, `target_value`, `direction`), with their readings: one query per thousand
    /// targets, not one each.
    pub(crate) async fn with_readings(&self, rows: Vec<sqlx::any::AnyRow>) -> StoreResult<Vec<StoredTarget>> {
        let ids: Vec<i64> = rows.iter().map(|row| row.try_get("id")).collect::<Result<_, _>>()?;
        let mut readings: HashMap<i64, Vec<(String, f64, String, String)>> = HashMap::new();
        for chunk in ids.chunks(1000) {
            // Integers only in the text.
            let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
            let sql = format!(
                "SELECT target_id, on_date, value, note, recorded_by FROM target_reading \
                 WHERE target_id IN ({list}) ORDER BY target_id, id"
            );
            let found: Vec<(i64, String, f64, String, String)> =
                sqlx::query_as(AssertSqlSafe(sql)).fetch_all(&self.pool).await?;
            for (target_id, on, value, note, recorded_by) in found {
                readings.entry(target_id).or_default().push((on, value, note, recorded_by));
            }
        }
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let id: i64 = row.try_get("id")?;
            let direction: String = row.try_get("direction")?;
            let target = Target::new(
                row.try_get::<String, _>("unit")?,
                row.try_get("baseline")?,
                row.try_get("target_value")?,
                parse_direction(&direction)?,
            )?;
            let mut series = TargetSeries::new(target);
            let mut notes = Vec::new();
            for (on, value, note, recorded_by) in readings.remove(&id).unwrap_or_default() {
                let on = from_iso(&on).ok_or_else(|| StoreError::corrupt(format!("bad reading date {on:?}")))?;
                series.record(Reading { on, value })?;
                notes.push(ReadingNote { note, recorded_by });
            }
            out.push(StoredTarget { id, task_id: row.try_get("task_id")?, name: row.try_get("name")?, series, notes });
        }
        Ok(out)
    }

    /// Adds a reading to a target (T-5), checked by [`TargetSeries::record`]
    /// against the readings already stored: finite, and not before the
    /// last one.
    pub(crate) async fn record_reading_in(
        conn: &mut AnyConnection,
        target_id: i64,
        reading: Reading,
        note: &str,
        recorded_by: &str,
    ) -> StoreResult<()> {
        let note =
            daihoi_core::text::paragraphs(note, daihoi_core::text::NOTE_MAX_CHARS).map_err(StoreError::text("note"))?;
        let last: Option<String> =
            sqlx::query_scalar("SELECT on_date FROM target_reading WHERE target_id = $1 ORDER BY id DESC LIMIT 1")
                .bind(target_id)
                .fetch_optional(&mut *conn)
                .await?;
        let row = sqlx::query("SELECT unit, baseline, target_value, direction FROM target WHERE id = $1")
            .bind(target_id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("target {target_id}")))?;
        let direction: String = row.try_get("direction")?;
        let mut series = TargetSeries::new(Target::new(
            row.try_get::<String, _>("unit")?,
            row.try_get("baseline")?,
            row.try_get("target_value")?,
            parse_direction(&direction)?,
        )?);
        if let Some(last) = last {
            let on: Date = from_iso(&last).ok_or_else(|| StoreError::corrupt(format!("bad reading date {last:?}")))?;
            // Only the last date matters for the forward-in-time check.
            series.record(Reading { on, value: 0.0 })?;
        }
        series.record(reading)?;
        sqlx::query(
            "INSERT INTO target_reading (target_id, on_date, value, note, recorded_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(target_id)
        .bind(iso(reading.on))
        .bind(reading.value)
        .bind(note)
        .bind(recorded_by)
        .bind(now_text())
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Adds a reading outside any viewer's scope (the command line, the demo).
    pub(crate) async fn record_reading(
        &self,
        target_id: i64,
        reading: Reading,
        note: &str,
        recorded_by: &str,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        Db::record_reading_in(&mut tx, target_id, reading, note, recorded_by).await?;
        tx.commit().await?;
        Ok(())
    }
}
