//! Congresses across the tree (đại hội đảng các cấp), stored: rounds and
//! the answers to their \[open\] questions, each organization's congress
//! in a round with its plan and gates (issue 15; `congress.md` C-PLAN,
//! C-DEL-5).
//!
//! The rules are `daihoi-congress`'s: this module stores and reads. A
//! round's settings are the ones the software ships for its term
//! ([`RoundTemplate`]) with the answers people recorded; a congress's
//! warnings ([`daihoi_congress::warnings`]) are computed on reading, never
//! stored.

pub mod access;
pub mod agenda;
pub mod allocations;
mod campaign;
pub mod committees;
pub mod demo;
pub mod files;
pub mod import;
pub mod policy;
pub mod roll;

use std::collections::HashMap;

use daihoi_congress::{
    Answer, AnswerValue, Approval, CongressKind, CongressPlan, Contents, Gate, GateRecord, Length, LevelClass,
    OpenQuestion, RoundSettings, Schedule, Scope, SettingChange, SettingKey, SettingValue,
};
use daihoi_core::date::iso;
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use time::Date;

use crate::members::now_text;
use crate::orgs::{NODE_COLUMNS, OrgNode, VALID_ON, date_col, node, opt_date_col};
use crate::placeholders::named;
use crate::{Db, StoreError, StoreResult};

/// The settings a round starts from: the ones the software ships for a
/// term. Only the 2025–2030 term's are known; another term needs its own
/// (its windows and reference months are the round's data, C-PLAN-4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundTemplate {
    /// Nhiệm kỳ 2025–2030: Directive 45-CT/TW and the conclusions after it.
    Term2025To2030,
}

impl RoundTemplate {
    pub fn years(self) -> (i32, i32) {
        match self {
            RoundTemplate::Term2025To2030 => (2025, 2030),
        }
    }

    fn settings(self) -> RoundSettings {
        match self {
            RoundTemplate::Term2025To2030 => RoundSettings::term_2025_2030(),
        }
    }

    fn of_years(from: i64, to: i64) -> Option<RoundTemplate> {
        (from == 2025 && to == 2030).then_some(RoundTemplate::Term2025To2030)
    }
}

/// A round of congresses (nhiệm kỳ): a term, or a by-election later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub id: i64,
    /// `2025-2030`.
    pub code: String,
    pub title: String,
    pub template: RoundTemplate,
}

/// An organization's congress in a round: its plan as
/// [`daihoi_congress::CongressPlan`] (the organization by its code) and the
/// organization on the day it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Congress {
    pub id: i64,
    pub round_id: i64,
    pub org: OrgNode,
    pub plan: CongressPlan,
    /// C-DEL-5: the higher committee's decision on its kind, if recorded.
    pub kind_decision: Option<KindDecision>,
}

/// C-DEL-5: the higher committee's decision on a congress's kind (a member
/// congress, or a delegate congress for a grassroots organization under the
/// threshold): the kind, who decided, when and by which document. The
/// plan's kind follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindDecision {
    pub kind: CongressKind,
    pub approval: Approval,
}

/// A plan as a person enters it (on a page, in the API, from a file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlan {
    pub level: LevelClass,
    pub kind: CongressKind,
    pub contents: Contents,
    pub model: bool,
    pub planned: Schedule,
    pub actual: Option<Schedule>,
}

/// C-DEL-5: a plan whose kind is not the one the higher committee decided.
pub(crate) fn kind_decided_refusal(org: &str, decided: &str) -> StoreError {
    StoreError::CongressRefused {
        rule: "C-DEL-5",
        detail: format!(
            "the higher committee decided that {org} holds a {decided}: only another of its decisions changes it"
        ),
    }
}

/// The stored code of a congress's contents.
pub fn contents_code(c: Contents) -> &'static str {
    match c {
        Contents::Full => "full",
        Contents::TwoContents => "two_contents",
    }
}

pub fn parse_contents(code: &str) -> Option<Contents> {
    [Contents::Full, Contents::TwoContents].into_iter().find(|c| contents_code(*c) == code)
}

pub fn parse_kind(code: &str) -> Option<CongressKind> {
    [CongressKind::MemberCongress, CongressKind::DelegateCongress].into_iter().find(|k| k.code() == code)
}

pub fn parse_level(code: &str) -> Option<LevelClass> {
    LevelClass::ALL.into_iter().find(|l| l.code() == code)
}

pub fn parse_gate(code: &str) -> Option<Gate> {
    Gate::ALL.into_iter().find(|g| g.code() == code)
}

pub fn parse_question(code: &str) -> Option<OpenQuestion> {
    OpenQuestion::ALL.into_iter().find(|q| q.code() == code)
}

/// The stored form of an answer's scope: its kind and what it names.
pub(crate) fn scope_columns(scope: &Scope) -> (&'static str, String) {
    match scope {
        Scope::Round => ("round", String::new()),
        Scope::Level(l) => ("level", l.code().to_owned()),
        Scope::Organization(code) => ("organization", code.clone()),
    }
}

fn scope_of(kind: &str, of: &str) -> StoreResult<Scope> {
    match kind {
        "round" => Ok(Scope::Round),
        "level" => parse_level(of).map(Scope::Level).ok_or_else(|| StoreError::corrupt(format!("bad level {of:?}"))),
        "organization" => Ok(Scope::Organization(of.to_owned())),
        other => Err(StoreError::corrupt(format!("bad answer scope {other:?}"))),
    }
}

const ROUND_COLUMNS: &str = "r.id AS id, r.code AS code, r.title AS title, r.from_year AS from_year, \
     r.to_year AS to_year";

const CONGRESS_COLUMNS: &str = "c.id AS congress_id, c.round_id AS round_id, c.level_class AS level_class, \
     c.kind AS congress_kind, c.contents AS contents, c.model AS model, c.planned_on AS planned_on, \
     c.planned_half_days AS planned_half_days, c.held_on AS held_on, c.held_half_days AS held_half_days, \
     c.date_approved_by AS date_approved_by, c.date_approved_on AS date_approved_on, \
     c.date_reference AS date_reference, c.gates AS gates, c.kind_decided AS kind_decided, \
     c.kind_decided_by AS kind_decided_by, c.kind_decided_on AS kind_decided_on, c.kind_reference AS kind_reference";

fn round(row: &AnyRow) -> StoreResult<Round> {
    let (from, to): (i64, i64) = (row.try_get("from_year")?, row.try_get("to_year")?);
    Ok(Round {
        id: row.try_get("id")?,
        code: row.try_get("code")?,
        title: row.try_get("title")?,
        template: RoundTemplate::of_years(from, to)
            .ok_or_else(|| StoreError::corrupt(format!("no settings for the term {from}–{to}")))?,
    })
}

fn half_days(row: &AnyRow, column: &str) -> StoreResult<Option<Length>> {
    let n: Option<i64> = row.try_get(column)?;
    n.map(|n| u32::try_from(n).map(Length::half_days).map_err(|_| StoreError::corrupt(format!("bad length {n}"))))
        .transpose()
}

/// A congress from its row (the organization's columns beside it).
fn congress(row: &AnyRow) -> StoreResult<Congress> {
    let org = node(row)?;
    let gates: String = row.try_get("gates")?;
    let gates: Vec<GateRecord> =
        serde_json::from_str(&gates).map_err(|e| StoreError::corrupt(format!("gates of {}: {e}", org.code)))?;
    let text = |c: &str| -> StoreResult<String> { Ok(row.try_get::<String, _>(c)?) };
    let level = parse_level(&text("level_class")?).ok_or_else(|| StoreError::corrupt("bad level class"))?;
    let kind = parse_kind(&text("congress_kind")?).ok_or_else(|| StoreError::corrupt("bad congress kind"))?;
    let contents = parse_contents(&text("contents")?).ok_or_else(|| StoreError::corrupt("bad contents"))?;
    let planned = Schedule {
        opening: date_col(row, "planned_on")?,
        length: half_days(row, "planned_half_days")?.ok_or_else(|| StoreError::corrupt("no planned length"))?,
    };
    let actual = match (opt_date_col(row, "held_on")?, half_days(row, "held_half_days")?) {
        (Some(opening), Some(length)) => Some(Schedule { opening, length }),
        (None, None) => None,
        _ => return Err(StoreError::corrupt("a held congress without its length")),
    };
    let date_approval = match (
        row.try_get::<Option<String>, _>("date_approved_by")?,
        opt_date_col(row, "date_approved_on")?,
        row.try_get::<Option<String>, _>("date_reference")?,
    ) {
        (Some(approved_by), Some(on), Some(reference)) => Some(Approval { approved_by, on, reference }),
        _ => None,
    };
    let kind_decision = match (
        row.try_get::<Option<String>, _>("kind_decided")?,
        row.try_get::<Option<String>, _>("kind_decided_by")?,
        opt_date_col(row, "kind_decided_on")?,
        row.try_get::<Option<String>, _>("kind_reference")?,
    ) {
        (Some(kind), Some(approved_by), Some(on), Some(reference)) => Some(KindDecision {
            kind: parse_kind(&kind).ok_or_else(|| StoreError::corrupt("bad decided kind"))?,
            approval: Approval { approved_by, on, reference },
        }),
        _ => None,
    };
    let model: i64 = row.try_get("model")?;
    Ok(Congress {
        kind_decision,
        id: row.try_get("congress_id")?,
        round_id: row.try_get("round_id")?,
        plan: CongressPlan {
            organization: org.code.to_string(),
            level,
            kind,
            contents,
            model: model != 0,
            planned,
            actual,
            date_approval,
            gates,
        },
        org,
    })
}

impl Db {
    /// Every round, the latest term first.
    pub(crate) async fn rounds(&self) -> StoreResult<Vec<Round>> {
        let sql =
            format!("SELECT {ROUND_COLUMNS} FROM congress_round r ORDER BY r.from_year DESC, r.code DESC, r.id DESC");
        sqlx::query(AssertSqlSafe(sql)).fetch_all(&self.pool).await?.iter().map(round).collect()
    }

    pub(crate) async fn round_by_code(&self, code: &str) -> StoreResult<Option<Round>> {
        let sql = format!("SELECT {ROUND_COLUMNS} FROM congress_round r WHERE r.code = $1");
        sqlx::query(AssertSqlSafe(sql)).bind(code).fetch_optional(&self.pool).await?.as_ref().map(round).transpose()
    }

    pub(crate) async fn round_by_id(&self, id: i64) -> StoreResult<Option<Round>> {
        let sql = format!("SELECT {ROUND_COLUMNS} FROM congress_round r WHERE r.id = $1");
        sqlx::query(AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await?.as_ref().map(round).transpose()
    }

    pub(crate) async fn create_round_in(
        conn: &mut sqlx::AnyConnection,
        code: &str,
        title: &str,
        template: RoundTemplate,
        by: &str,
    ) -> StoreResult<i64> {
        let (from, to) = template.years();
        Ok(sqlx::query_scalar(
            "INSERT INTO congress_round (code, title, from_year, to_year, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(code)
        .bind(title)
        .bind(i64::from(from))
        .bind(i64::from(to))
        .bind(by)
        .bind(now_text())
        .fetch_one(&mut *conn)
        .await?)
    }

    /// A round's settings: those its template ships, with every setting
    /// a person changed (C-PLAN-4) and every answer recorded for it.
    pub(crate) async fn round_settings(&self, round: &Round) -> StoreResult<RoundSettings> {
        let mut settings = round.template.settings();
        let changed = sqlx::query(
            "SELECT setting, level_class, value, source, decided_by, decided_on, why FROM round_setting \
             WHERE round_id = $1 ORDER BY setting, level_class",
        )
        .bind(round.id)
        .fetch_all(&self.pool)
        .await?;
        for row in &changed {
            let code: String = row.try_get("setting")?;
            let level: String = row.try_get("level_class")?;
            let key = SettingKey::parse(&code, parse_level(&level))
                .ok_or_else(|| StoreError::corrupt(format!("unknown setting {code:?} {level:?}")))?;
            let value: String = row.try_get("value")?;
            let value: SettingValue =
                serde_json::from_str(&value).map_err(|e| StoreError::corrupt(format!("setting {code}: {e}")))?;
            let change = SettingChange {
                key,
                value,
                source: row.try_get("source")?,
                decided_by: row.try_get("decided_by")?,
                on: date_col(row, "decided_on")?,
                why: row.try_get("why")?,
            };
            settings.apply_change(&change).map_err(|e| StoreError::corrupt(e.to_string()))?;
        }
        let rows = sqlx::query(
            "SELECT question, scope, scope_of, value, answered_by, answered_on, why FROM round_answer \
             WHERE round_id = $1 ORDER BY question, scope, scope_of",
        )
        .bind(round.id)
        .fetch_all(&self.pool)
        .await?;
        for row in &rows {
            let code: String = row.try_get("question")?;
            let question =
                parse_question(&code).ok_or_else(|| StoreError::corrupt(format!("unknown question {code:?}")))?;
            let scope = scope_of(&row.try_get::<String, _>("scope")?, &row.try_get::<String, _>("scope_of")?)?;
            let value: String = row.try_get("value")?;
            let value: AnswerValue =
                serde_json::from_str(&value).map_err(|e| StoreError::corrupt(format!("answer to {code}: {e}")))?;
            let answer = Answer {
                value,
                by: row.try_get("answered_by")?,
                at: date_col(row, "answered_on")?,
                why: row.try_get("why")?,
            };
            settings.record(question, scope, answer).map_err(|e| StoreError::corrupt(e.to_string()))?;
        }
        Ok(settings)
    }

    /// Records (or replaces) an answer; the previous value, if any, for the
    /// audit entry.
    pub(crate) async fn answer_in(
        conn: &mut sqlx::AnyConnection,
        round: &Round,
        question: OpenQuestion,
        scope: &Scope,
        answer: &Answer,
        by: &str,
    ) -> StoreResult<Option<String>> {
        let (kind, of) = scope_columns(scope);
        let before: Option<String> = sqlx::query_scalar(
            "SELECT value FROM round_answer WHERE round_id = $1 AND question = $2 AND scope = $3 AND scope_of = $4",
        )
        .bind(round.id)
        .bind(question.code())
        .bind(kind)
        .bind(&of)
        .fetch_optional(&mut *conn)
        .await?;
        sqlx::query("DELETE FROM round_answer WHERE round_id = $1 AND question = $2 AND scope = $3 AND scope_of = $4")
            .bind(round.id)
            .bind(question.code())
            .bind(kind)
            .bind(&of)
            .execute(&mut *conn)
            .await?;
        let value = serde_json::to_string(&answer.value).map_err(|e| StoreError::corrupt(e.to_string()))?;
        sqlx::query(
            "INSERT INTO round_answer (round_id, question, scope, scope_of, value, answered_by, answered_on, why, \
             recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(round.id)
        .bind(question.code())
        .bind(kind)
        .bind(&of)
        .bind(&value)
        .bind(&answer.by)
        .bind(iso(answer.at))
        .bind(&answer.why)
        .bind(by)
        .bind(now_text())
        .execute(&mut *conn)
        .await?;
        Ok(before)
    }

    /// Records (or replaces) a person's change of a round's setting.
    pub(crate) async fn setting_in(
        conn: &mut sqlx::AnyConnection,
        round: &Round,
        change: &SettingChange,
        by: &str,
    ) -> StoreResult<()> {
        let level = change.key.level().map_or("", LevelClass::code);
        sqlx::query("DELETE FROM round_setting WHERE round_id = $1 AND setting = $2 AND level_class = $3")
            .bind(round.id)
            .bind(change.key.code())
            .bind(level)
            .execute(&mut *conn)
            .await?;
        let value = serde_json::to_string(&change.value).map_err(|e| StoreError::corrupt(e.to_string()))?;
        sqlx::query(
            "INSERT INTO round_setting (round_id, setting, level_class, value, source, decided_by, decided_on, why, \
             recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(round.id)
        .bind(change.key.code())
        .bind(level)
        .bind(&value)
        .bind(&change.source)
        .bind(&change.decided_by)
        .bind(iso(change.on))
        .bind(&change.why)
        .bind(by)
        .bind(now_text())
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// The congresses of a round in the subtree of `root` as it is on
    /// `date`, in path order (parents before children).
    pub(crate) async fn congresses_in(&self, round: &Round, root: &OrgNode, date: Date) -> StoreResult<Vec<Congress>> {
        let (low, high) = root.path.subtree_range();
        let sql = named(
            &format!(
                "SELECT {CONGRESS_COLUMNS}, {NODE_COLUMNS} FROM congress c \
                 JOIN org_version v ON v.org_id = c.org_id JOIN organization o ON o.id = c.org_id \
                 WHERE c.round_id = $round AND {VALID_ON} AND v.path >= $low AND v.path < $high ORDER BY v.path"
            ),
            &["round", "date", "low", "high"],
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(round.id)
            .bind(iso(date))
            .bind(low)
            .bind(high)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(congress).collect()
    }

    /// One congress of a round as [`Db::congresses_in`] reads it: when its
    /// organization is in `root`'s subtree on `date`.
    pub(crate) async fn congress_in(
        &self,
        round: &Round,
        root: &OrgNode,
        date: Date,
        congress_id: i64,
    ) -> StoreResult<Option<Congress>> {
        let (low, high) = root.path.subtree_range();
        let sql = named(
            &format!(
                "SELECT {CONGRESS_COLUMNS}, {NODE_COLUMNS} FROM congress c \
                 JOIN org_version v ON v.org_id = c.org_id JOIN organization o ON o.id = c.org_id \
                 WHERE c.id = $id AND c.round_id = $round AND {VALID_ON} AND v.path >= $low AND v.path < $high"
            ),
            &["id", "round", "date", "low", "high"],
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(congress_id)
            .bind(round.id)
            .bind(iso(date))
            .bind(low)
            .bind(high)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(congress).next().transpose()
    }

    /// The organization of each congress of a round in `root`'s subtree on
    /// `date`, by congress id, in path order: what a change of the tree
    /// changes in a campaign (its rows stay as they were).
    pub(crate) async fn congress_orgs(
        &self,
        round: &Round,
        root: &OrgNode,
        date: Date,
    ) -> StoreResult<Vec<(i64, OrgNode)>> {
        let (low, high) = root.path.subtree_range();
        let sql = named(
            &format!(
                "SELECT c.id AS congress_id, {NODE_COLUMNS} FROM congress c \
                 JOIN org_version v ON v.org_id = c.org_id JOIN organization o ON o.id = c.org_id \
                 WHERE c.round_id = $round AND {VALID_ON} AND v.path >= $low AND v.path < $high ORDER BY v.path"
            ),
            &["round", "date", "low", "high"],
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(round.id)
            .bind(iso(date))
            .bind(low)
            .bind(high)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|row| Ok((row.try_get("congress_id")?, node(row)?))).collect()
    }

    /// The version of each congress of a round, by id: raised by every
    /// change of its row (migration 0042).
    pub(crate) async fn congress_versions(&self, round: &Round) -> StoreResult<HashMap<i64, i64>> {
        let rows: Vec<(i64, i64)> = sqlx::query_as("SELECT id, version FROM congress WHERE round_id = $1")
            .bind(round.id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().collect())
    }

    /// C-DEL-5: the members of each grassroots congress of a round in
    /// `root`'s subtree (as on `date`), counted on the congress's planned
    /// opening in the organization's subtree as it was then: the official
    /// members, and the probationary ones. One query for a province's
    /// campaign, by congress id; a congress with no member is absent.
    /// `only`: that congress alone (0: all).
    pub(crate) async fn grassroots_members(
        &self,
        round: &Round,
        root: &OrgNode,
        date: Date,
        only: i64,
    ) -> StoreResult<HashMap<i64, daihoi_congress::Membership>> {
        let (low, high) = root.path.subtree_range();
        let sql = named(
            "SELECT c.id AS congress_id, COUNT(CASE WHEN p.official_date <= c.planned_on THEN 1 END) AS official, \
               COUNT(p.id) AS members \
             FROM congress c \
             JOIN org_version t ON t.org_id = c.org_id AND t.valid_from <= $date \
               AND (t.valid_to IS NULL OR t.valid_to > $date) AND t.path >= $low AND t.path < $high \
             JOIN org_version g ON g.org_id = c.org_id AND g.valid_from <= c.planned_on \
               AND (g.valid_to IS NULL OR g.valid_to > c.planned_on) \
             JOIN org_version v ON v.path >= g.path AND v.path < SUBSTR(g.path, 1, LENGTH(g.path) - 1) || '0' \
               AND v.valid_from <= c.planned_on AND (v.valid_to IS NULL OR v.valid_to > c.planned_on) \
             JOIN membership m ON m.org_id = v.org_id AND m.valid_from <= c.planned_on \
               AND (m.valid_to IS NULL OR m.valid_to > c.planned_on) \
             JOIN person p ON p.id = m.person_id AND p.admission_date <= c.planned_on \
             WHERE c.round_id = $round AND c.level_class = $level AND ($only = 0 OR c.id = $only) GROUP BY c.id",
            &["round", "level", "date", "low", "high", "only"],
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(round.id)
            .bind(LevelClass::Grassroots.code())
            .bind(iso(date))
            .bind(low)
            .bind(high)
            .bind(only)
            .fetch_all(&self.pool)
            .await?;
        let count = |row: &AnyRow, column: &str| -> StoreResult<u32> {
            Ok(u32::try_from(row.try_get::<i64, _>(column)?).unwrap_or(u32::MAX))
        };
        rows.iter()
            .map(|row| {
                let (official, all) = (count(row, "official")?, count(row, "members")?);
                let membership = daihoi_congress::Membership { official, probationary: all.saturating_sub(official) };
                Ok((row.try_get("congress_id")?, membership))
            })
            .collect()
    }

    /// An organization's congress in a round, the organization as on `date`.
    pub(crate) async fn congress_of(&self, round: &Round, org: &OrgNode, date: Date) -> StoreResult<Option<Congress>> {
        let sql = named(
            &format!(
                "SELECT {CONGRESS_COLUMNS}, {NODE_COLUMNS} FROM congress c \
                 JOIN org_version v ON v.org_id = c.org_id JOIN organization o ON o.id = c.org_id \
                 WHERE c.round_id = $round AND c.org_id = $org AND {VALID_ON}"
            ),
            &["round", "org", "date"],
        );
        let rows =
            sqlx::query(AssertSqlSafe(sql)).bind(round.id).bind(org.id).bind(iso(date)).fetch_all(&self.pool).await?;
        rows.iter().map(congress).next().transpose()
    }

    /// C-DEL-5: records the higher committee's decision on a congress's
    /// kind and sets the plan's kind to it.
    pub(crate) async fn decide_kind_in(
        conn: &mut sqlx::AnyConnection,
        congress_id: i64,
        decision: &KindDecision,
    ) -> StoreResult<()> {
        sqlx::query(
            "UPDATE congress SET kind = $1, kind_decided = $1, kind_decided_by = $2, kind_decided_on = $3, \
             kind_reference = $4, version = version + 1 WHERE id = $5",
        )
        .bind(decision.kind.code())
        .bind(&decision.approval.approved_by)
        .bind(iso(decision.approval.on))
        .bind(&decision.approval.reference)
        .bind(congress_id)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Enters or replaces an organization's plan in a round (its gates
    /// stay; a higher approval of its dates (C-PLAN-1) stays only while the
    /// planned opening and length are those approved): the congress's id
    /// and whether it is new.
    pub(crate) async fn plan_in(
        conn: &mut sqlx::AnyConnection,
        round: &Round,
        org: &OrgNode,
        plan: &NewPlan,
        by: &str,
    ) -> StoreResult<(i64, bool)> {
        let existing: Option<(i64, Option<String>)> =
            sqlx::query_as("SELECT id, kind_decided FROM congress WHERE round_id = $1 AND org_id = $2")
                .bind(round.id)
                .bind(org.id)
                .fetch_optional(&mut *conn)
                .await?;
        let id = match &existing {
            Some((id, decided)) => {
                // C-DEL-5: the kind the higher committee decided changes
                // only by another of its decisions.
                if let Some(decided) = decided.as_deref().filter(|d| *d != plan.kind.code()) {
                    return Err(kind_decided_refusal(&org.code.to_string(), decided));
                }
                *id
            }
            None => {
                sqlx::query_scalar(
                    "INSERT INTO congress (round_id, org_id, level_class, kind, contents, model, planned_on, \
                     planned_half_days, gates, recorded_by, recorded_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '[]', $9, $10) RETURNING id",
                )
                .bind(round.id)
                .bind(org.id)
                .bind(plan.level.code())
                .bind(plan.kind.code())
                .bind(contents_code(plan.contents))
                .bind(i64::from(plan.model))
                .bind(iso(plan.planned.opening))
                .bind(i64::from(plan.planned.length.in_half_days()))
                .bind(by)
                .bind(now_text())
                .fetch_one(&mut *conn)
                .await?
            }
        };
        // The approval of the dates lapses when the dates it approved change.
        sqlx::query(
            "UPDATE congress SET date_approved_by = NULL, date_approved_on = NULL, date_reference = NULL, \
             version = version + 1 WHERE id = $1 AND (planned_on <> $2 OR planned_half_days <> $3)",
        )
        .bind(id)
        .bind(iso(plan.planned.opening))
        .bind(i64::from(plan.planned.length.in_half_days()))
        .execute(&mut *conn)
        .await?;
        let sql = named(
            "UPDATE congress SET level_class = $level, kind = $kind, contents = $contents, model = $model, \
             planned_on = $planned_on, planned_half_days = $planned_len, held_on = $held_on, \
             held_half_days = $held_len, recorded_by = $by, recorded_at = $at, version = version + 1 \
             WHERE id = $id",
            &[
                "level",
                "kind",
                "contents",
                "model",
                "planned_on",
                "planned_len",
                "held_on",
                "held_len",
                "by",
                "at",
                "id",
            ],
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(plan.level.code())
            .bind(plan.kind.code())
            .bind(contents_code(plan.contents))
            .bind(i64::from(plan.model))
            .bind(iso(plan.planned.opening))
            .bind(i64::from(plan.planned.length.in_half_days()))
            .bind(plan.actual.map(|s| iso(s.opening)))
            .bind(plan.actual.map(|s| i64::from(s.length.in_half_days())))
            .bind(by)
            .bind(now_text())
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok((id, existing.is_none()))
    }

    /// Records the higher approval of a congress's dates (C-PLAN-1).
    pub(crate) async fn approve_dates_in(
        conn: &mut sqlx::AnyConnection,
        congress_id: i64,
        approval: &Approval,
    ) -> StoreResult<()> {
        sqlx::query(
            "UPDATE congress SET date_approved_by = $1, date_approved_on = $2, date_reference = $3, \
             version = version + 1 WHERE id = $4",
        )
        .bind(&approval.approved_by)
        .bind(iso(approval.on))
        .bind(&approval.reference)
        .bind(congress_id)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Records a gate passed; `false` when it was recorded already (a gate
    /// is passed once).
    pub(crate) async fn gate_in(
        conn: &mut sqlx::AnyConnection,
        congress_id: i64,
        record: &GateRecord,
    ) -> StoreResult<bool> {
        let gates: String = sqlx::query_scalar("SELECT gates FROM congress WHERE id = $1")
            .bind(congress_id)
            .fetch_one(&mut *conn)
            .await?;
        let mut gates: Vec<GateRecord> = serde_json::from_str(&gates)
            .map_err(|e| StoreError::corrupt(format!("gates of congress {congress_id}: {e}")))?;
        if gates.iter().any(|g| g.gate == record.gate) {
            return Ok(false);
        }
        gates.push(record.clone());
        let gates = serde_json::to_string(&gates).map_err(|e| StoreError::corrupt(e.to_string()))?;
        sqlx::query("UPDATE congress SET gates = $1, version = version + 1 WHERE id = $2")
            .bind(gates)
            .bind(congress_id)
            .execute(&mut *conn)
            .await?;
        Ok(true)
    }
}
