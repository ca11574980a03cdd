//! The \[open\] rules of implementation tracking, as a person chose them for
//! a subtree (cài đặt theo dõi thực hiện).
//!
//! `daihoi-tracking` leaves three rules to a person because the sources do
//! not settle them (T-2, T-3): whether finishing on the deadline day is on
//! time, how many days before the deadline a task is "due soon", and whether
//! an unreported sub-task counts as 0 % in a roll-up. A committee's
//! administrator chooses them for their subtree; a choice made lower down
//! wins inside its own subtree. Until someone has chosen, there is no
//! setting: the pages say so and show only what holds under every reading.

use daihoi_core::OrgPath;
use daihoi_tracking::{DeadlineDay, RollupRules, StatusRules, Unreported};
use sqlx::Row;
use time::Date;

use crate::members::now_text;
use crate::orgs::OrgNode;
use crate::{Db, StoreError, StoreResult};

/// The rules chosen for a subtree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrackingRules {
    pub status: StatusRules,
    pub rollup: RollupRules,
}

/// A stored choice: the rules, the organization whose subtree they cover,
/// who chose them and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackingSetting {
    pub rules: TrackingRules,
    /// The organization the choice was made for (the node itself or an
    /// ancestor of it).
    pub org_id: i64,
    pub org_path: OrgPath,
    /// That organization's code and name on the date asked (shown to people
    /// below it, who may not otherwise see it).
    pub org_code: String,
    pub org_name: String,
    /// An account's login, or `operator` for the command line.
    pub chosen_by: String,
    /// UTC, RFC 3339.
    pub chosen_at: String,
}

/// The stored code of a deadline-day reading: `by` or `before`.
pub fn deadline_day_code(d: DeadlineDay) -> &'static str {
    match d {
        DeadlineDay::CountsAsOnTime => "by",
        DeadlineDay::CountsAsLate => "before",
    }
}

/// The stored code of the unreported rule: `zero` or `skip`.
pub fn unreported_code(u: Unreported) -> &'static str {
    match u {
        Unreported::CountAsZero => "zero",
        Unreported::Skip => "skip",
    }
}

impl Db {
    /// The setting that applies to `node` on `date`: its own, or else that
    /// of its nearest ancestor that has one. `None`: nobody has chosen.
    pub async fn tracking_setting(&self, node: &OrgNode, date: Date) -> StoreResult<Option<TrackingSetting>> {
        // Settings are few (one per committee that chose): keep the deepest
        // one above the node.
        Ok(self
            .tracking_settings_on(date)
            .await?
            .into_iter()
            .filter(|s| s.org_path.contains(&node.path))
            .max_by_key(|s| s.org_path.depth()))
    }

    /// The choices made for organizations strictly below `node` on `date`
    /// (their own subtrees' rules), in path order.
    pub async fn tracking_settings_below(&self, node: &OrgNode, date: Date) -> StoreResult<Vec<TrackingSetting>> {
        let mut below: Vec<TrackingSetting> = self
            .tracking_settings_on(date)
            .await?
            .into_iter()
            .filter(|s| s.org_id != node.id && node.path.contains(&s.org_path))
            .collect();
        below.sort_by(|a, b| a.org_path.cmp(&b.org_path));
        Ok(below)
    }

    /// Every choice, with its organization's path on `date` (organizations
    /// that do not exist then are left out).
    async fn tracking_settings_on(&self, date: Date) -> StoreResult<Vec<TrackingSetting>> {
        let rows = sqlx::query(
            "SELECT s.org_id, v.path, s.deadline_day, s.due_soon_days, s.unreported, s.chosen_by, s.chosen_at, \
             o.code AS org_code, v.name AS org_name \
             FROM tracking_setting s JOIN org_version v ON v.org_id = s.org_id JOIN organization o ON o.id = s.org_id \
             WHERE v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1)",
        )
        .bind(daihoi_core::date::iso(date))
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let path: String = row.try_get("path")?;
            let path = OrgPath::from_stored(&path).ok_or_else(|| StoreError::corrupt(format!("bad path {path:?}")))?;
            let deadline_day: String = row.try_get("deadline_day")?;
            let due_soon_days: i64 = row.try_get("due_soon_days")?;
            let unreported: String = row.try_get("unreported")?;
            let deadline_day = match deadline_day.as_str() {
                "by" => DeadlineDay::CountsAsOnTime,
                "before" => DeadlineDay::CountsAsLate,
                other => return Err(StoreError::corrupt(format!("bad deadline_day {other:?}"))),
            };
            let unreported = match unreported.as_str() {
                "zero" => Unreported::CountAsZero,
                "skip" => Unreported::Skip,
                other => return Err(StoreError::corrupt(format!("bad unreported {other:?}"))),
            };
            let due_soon_window =
                u32::try_from(due_soon_days).map_err(|_| StoreError::corrupt("negative due_soon_days"))?;
            out.push(TrackingSetting {
                rules: TrackingRules {
                    status: StatusRules { due_soon_window, deadline_day },
                    rollup: RollupRules { unreported },
                },
                org_id: row.try_get("org_id")?,
                org_path: path,
                org_code: row.try_get("org_code")?,
                org_name: row.try_get("org_name")?,
                chosen_by: row.try_get("chosen_by")?,
                chosen_at: row.try_get("chosen_at")?,
            });
        }
        Ok(out)
    }

    /// Records the rules chosen for `node`'s subtree by `chosen_by`,
    /// replacing an earlier choice made for the same organization. The
    /// caller writes the audit entry (see `Scoped::set_tracking_rules`).
    pub(crate) async fn set_tracking_rules_in(
        conn: &mut sqlx::AnyConnection,
        node: &OrgNode,
        rules: &TrackingRules,
        chosen_by: &str,
    ) -> StoreResult<()> {
        if rules.status.due_soon_window > 366 {
            return Err(StoreError::BadTask(format!(
                "a due-soon window of {} days is more than a year",
                rules.status.due_soon_window
            )));
        }
        sqlx::query("DELETE FROM tracking_setting WHERE org_id = $1").bind(node.id).execute(&mut *conn).await?;
        sqlx::query(
            "INSERT INTO tracking_setting (org_id, deadline_day, due_soon_days, unreported, chosen_by, chosen_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(node.id)
        .bind(deadline_day_code(rules.status.deadline_day))
        .bind(i64::from(rules.status.due_soon_window))
        .bind(unreported_code(rules.rollup.unreported))
        .bind(chosen_by)
        .bind(now_text())
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}

/// A short text of the rules for the audit log.
pub(crate) fn describe(rules: &TrackingRules) -> String {
    format!(
        "deadline day: {}, due soon: {} days, unreported: {}",
        deadline_day_code(rules.status.deadline_day),
        rules.status.due_soon_window,
        unreported_code(rules.rollup.unreported)
    )
}
