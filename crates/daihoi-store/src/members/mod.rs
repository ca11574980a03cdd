//! Members: person data, the cell each member is enrolled in over time, dated
//! conditions, the base count of R-BASE-1, lists, search and export.

pub mod access;
pub mod policy;

pub(crate) mod edit;
pub(crate) mod import;

use daihoi_core::date::iso;
use daihoi_core::members::import::MemberRow;
use daihoi_core::members::{CardNumber, Condition, ConditionKind, Gender, Member, MemberStanding};
use daihoi_core::{BaseCount, OrgCode, PersonName, search_key};
use sqlx::AssertSqlSafe;
use sqlx::any::AnyRow;
use std::sync::Arc;

use sqlx::{AnyConnection, Row};
use time::Date;

use crate::orgs::{OrgNode, date_col, opt_date_col};
use crate::placeholders::named;
use crate::{Db, StoreError, StoreResult};

pub use edit::{MemberRefusal, NewCondition};
pub use import::{ImportError, ImportReport, ImportRow, RowProblem, RowRefusal};

/// How many rows or ids go in one statement. Small on purpose: SQLite looks a
/// `$n` parameter up by a linear scan, so binding a statement costs the square
/// of its parameters (measured: 500-row inserts of 13 columns made a
/// 200,000-member import CPU-bound in that scan; an `IN` list of 11,000 ids
/// took most of a 480 ms list).
pub(crate) const BATCH: usize = 64;

/// The time now as stored in `*_at` columns (RFC 3339, UTC).
pub(crate) fn now_text() -> String {
    time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// One line of a member list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberListItem {
    pub person_id: i64,
    pub card_number: String,
    pub full_name: String,
    pub gender: Gender,
    pub birth_date: Date,
    pub standing: MemberStanding,
    pub org_id: i64,
    pub org_code: String,
    pub org_name: String,
    /// Conditions holding on the list's date, in [`ConditionKind::ALL`] order.
    pub conditions: Vec<ConditionKind>,
}

/// Which members of a subtree to list.
#[derive(Debug, Clone, Default)]
pub struct MemberQuery {
    /// Words of a name or a card number; case and diacritics are ignored.
    pub search: Option<String>,
    pub offset: u64,
    pub limit: u64,
}

/// One page of a member list and the number of members that match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberPage {
    pub items: Vec<MemberListItem>,
    pub total: u64,
}

/// Everything stored about one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberDetail {
    pub person_id: i64,
    pub member: Member,
    /// Enrolments, oldest first.
    pub memberships: Vec<Enrolment>,
    /// Conditions, oldest first.
    pub conditions: Vec<StoredCondition>,
    /// The changes made by hand (lịch sử): edits, transfers, conditions
    /// recorded and ended, oldest first, from the audit log.
    pub history: Vec<MemberEvent>,
}

/// One period in one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    pub org_id: i64,
    pub org_code: String,
    /// The cell's name on the last day of the period (today while current).
    pub org_name: String,
    /// The names of the organizations above the cell then, nearest first
    /// (its commune, its district…).
    pub within: Vec<String>,
    pub from: Date,
    pub to: Option<Date>,
}

/// A condition as stored: its id (to end it), period and note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCondition {
    pub id: i64,
    pub kind: ConditionKind,
    pub from: Date,
    pub to: Option<Date>,
    /// The decision's number, a reason; empty when none was given.
    pub note: String,
}

impl StoredCondition {
    pub fn condition(&self) -> Condition {
        Condition { kind: self.kind, from: self.from, to: self.to }
    }
}

/// A change of a member made by hand, as the audit log records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberEvent {
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    /// `member_edit`, `member_transfer`, `member_condition_record`, `member_condition_end`.
    pub action: String,
    /// What changed, in words.
    pub detail: String,
}

/// The subject of the audit entries about a member.
pub(crate) fn member_subject(person_id: i64) -> String {
    format!("member {person_id}")
}

/// The members of the organizations whose version is valid on `$date` and
/// whose path is in [`$low`, `$high`), with their enrolment valid on
/// `$date` (see [`named`]).
const MEMBERS_IN_SUBTREE: &str = "FROM org_version v \
     JOIN organization o ON o.id = v.org_id \
     JOIN membership m ON m.org_id = v.org_id AND m.valid_from <= $date \
       AND (m.valid_to IS NULL OR m.valid_to > $date) \
     JOIN person p ON p.id = m.person_id \
     WHERE v.valid_from <= $date AND (v.valid_to IS NULL OR v.valid_to > $date) AND v.path >= $low AND v.path < $high \
     AND p.admission_date <= $date";

/// The columns of a line of a member list.
const LIST_COLUMNS: &str = "p.id AS person_id, p.card_number AS card_number, p.full_name AS full_name, \
     p.gender AS gender, p.birth_date AS birth_date, p.admission_date AS admission_date, \
     p.official_date AS official_date, o.id AS org_id, o.code AS org_code, v.name AS org_name";

/// At most this many ids are kept in all (8 bytes each).
const ORDERED_IDS_KEPT: usize = 2_000_000;

/// The part of a member query after the people it starts from (`$date`,
/// `$low`, `$high` as in [`MEMBERS_IN_SUBTREE`]).
const MEMBERS_OF_PEOPLE: &str = "AND p.admission_date <= $date \
     AND m.person_id = p.id AND m.valid_from <= $date AND (m.valid_to IS NULL OR m.valid_to > $date) \
     AND v.org_id = m.org_id AND v.valid_from <= $date AND (v.valid_to IS NULL OR v.valid_to > $date) \
     AND v.path >= $low AND v.path < $high";

/// [`MEMBERS_IN_SUBTREE`] restricted to the people a word of whose name
/// starts with the search: the folded search is in [`$search`, `$search_end`) of
/// `person_name_suffix`, one index range. Written as `CROSS JOIN`s so that
/// SQLite starts from the few people found; PostgreSQL plans them like
/// inner joins.
fn members_named() -> String {
    format!(
        "FROM person p CROSS JOIN membership m CROSS JOIN org_version v \
         WHERE p.id IN (SELECT person_id FROM person_name_suffix WHERE suffix >= $search AND suffix < $search_end) {MEMBERS_OF_PEOPLE}"
    )
}

/// [`MEMBERS_IN_SUBTREE`] restricted to the people whose card number
/// contains `$search` (a `LIKE` pattern): searches with digits.
fn members_by_card() -> String {
    format!(
        "FROM person p CROSS JOIN membership m CROSS JOIN org_version v \
         WHERE p.id IN (SELECT id FROM person WHERE card_number LIKE $search ESCAPE '\\') {MEMBERS_OF_PEOPLE}"
    )
}

/// The word-suffixes of a folded name: "nguyen van an", "van an", "an".
pub(crate) fn name_suffixes(key: &str) -> impl Iterator<Item = &str> {
    std::iter::once(key).chain(key.match_indices(' ').map(move |(i, _)| &key[i + 1..])).filter(|s| !s.is_empty())
}

/// Writes the name suffixes of these people (id, folded name).
pub(crate) async fn write_name_suffixes(conn: &mut AnyConnection, people: &[(i64, String)]) -> StoreResult<()> {
    let rows: Vec<(&str, i64)> =
        people.iter().flat_map(|(id, key)| name_suffixes(key).map(move |s| (s, *id))).collect();
    for chunk in rows.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO person_name_suffix (suffix, person_id) VALUES {}",
            crate::placeholders::rows(chunk.len(), 2)
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for (suffix, id) in chunk {
            q = q.bind(suffix.to_string()).bind(*id);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// [`MEMBERS_IN_SUBTREE`] without the organization's code and name, for
/// counts: the join reads only covering indexes.
pub(crate) const MEMBERS_IN_SUBTREE_FAST: &str = "FROM org_version v \
     JOIN membership m ON m.org_id = v.org_id AND m.valid_from <= $date \
       AND (m.valid_to IS NULL OR m.valid_to > $date) \
     JOIN person p ON p.id = m.person_id \
     WHERE v.valid_from <= $date AND (v.valid_to IS NULL OR v.valid_to > $date) AND v.path >= $low AND v.path < $high \
     AND p.admission_date <= $date";

/// `LIKE` pattern for a search: the folded words, `%` and `_` escaped.
fn like_pattern(search: &str) -> String {
    let key = search_key(search).replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{key}%")
}

fn standing(admission: Date, official: Option<Date>, date: Date) -> MemberStanding {
    if admission <= date && official.is_some_and(|o| o <= date) {
        MemberStanding::Official
    } else {
        MemberStanding::Probationary
    }
}

fn gender_col<I: sqlx::ColumnIndex<AnyRow>>(row: &AnyRow, i: I) -> StoreResult<Gender> {
    let g: String = row.try_get(i)?;
    match g.as_str() {
        "male" => Ok(Gender::Male),
        "female" => Ok(Gender::Female),
        other => Err(StoreError::corrupt(format!("bad gender {other:?}"))),
    }
}

fn condition_col<I: sqlx::ColumnIndex<AnyRow>>(row: &AnyRow, i: I) -> StoreResult<ConditionKind> {
    let k: String = row.try_get(i)?;
    k.parse().map_err(|_| StoreError::corrupt(format!("bad condition {k:?}")))
}

impl Db {
    /// A page of the members enrolled on `date` anywhere in the subtree of
    /// `root`, in Vietnamese name order.
    pub async fn members_in(&self, root: &OrgNode, date: Date, query: &MemberQuery) -> StoreResult<MemberPage> {
        let (low, high) = root.path.subtree_range();
        let pattern = query.search.as_deref().filter(|s| !search_key(s).is_empty());
        let limit = i64::try_from(query.limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(query.offset).unwrap_or(i64::MAX);
        let (rows, total) = match &pattern {
            Some(search) => {
                // What people type: words from the start of any word of a
                // name, or digits of a card number.
                let by_card = search.chars().any(|c| c.is_ascii_digit());
                let from = if by_card { members_by_card() } else { members_named() };
                let (lo, hi) = if by_card {
                    (like_pattern(search), String::new())
                } else {
                    let lo = search_key(search);
                    let hi = format!("{lo}\u{10FFFF}");
                    (lo, hi)
                };
                let searched: &[&str] = if by_card { &["search"] } else { &["search", "search_end"] };
                let binds = |more: &[&'static str]| [&["date", "low", "high"][..], searched, more].concat();
                // The page's ids and the number of matches in one pass (the
                // window count), from the indexes alone (0020); then the
                // page's lines. Only a page past the end asks for the count
                // alone.
                let page_sql = named(
                    &format!(
                        "SELECT p.id AS person_id, COUNT(*) OVER () AS total {from} \
                         ORDER BY p.name_key, p.id LIMIT $limit OFFSET $offset"
                    ),
                    &binds(&["limit", "offset"]),
                );
                let mut page = sqlx::query(AssertSqlSafe(page_sql)).bind(iso(date)).bind(&low).bind(&high).bind(&lo);
                if !by_card {
                    page = page.bind(&hi);
                }
                let page = page.bind(limit).bind(offset).fetch_all(&self.pool).await?;
                let ids = page.iter().map(|r| r.try_get("person_id")).collect::<Result<Vec<i64>, _>>()?;
                let rows = self.list_rows(&ids, date).await?;
                let total: i64 = match page.first() {
                    Some(row) => row.try_get("total")?,
                    None => {
                        let count_sql = named(&format!("SELECT COUNT(*) {from}"), &binds(&[]));
                        let mut count = sqlx::query_scalar(AssertSqlSafe(count_sql))
                            .bind(iso(date))
                            .bind(&low)
                            .bind(&high)
                            .bind(&lo);
                        if !by_card {
                            count = count.bind(&hi);
                        }
                        count.fetch_one(&self.pool).await?
                    }
                };
                (rows, total.unsigned_abs())
            }
            None => {
                // The base count (kept between requests) has the number; one
                // read of the generation serves both kept figures.
                let generation = self.data_generation().await?;
                let count = self.base_count_at(root, date, generation).await?;
                let total = count.convened + count.probationary;
                // Subtrees up to `ordered_ids_max` members (20,000) keep their
                // name-ordered ids between requests; larger ones are paged by SQL.
                let rows = if total <= self.ordered_ids_max {
                    let ids = self.ordered_ids(root, date, generation).await?;
                    let start = usize::try_from(query.offset).unwrap_or(usize::MAX).min(ids.len());
                    let end = start.saturating_add(usize::try_from(query.limit).unwrap_or(usize::MAX)).min(ids.len());
                    self.list_rows(&ids[start..end], date).await?
                } else {
                    let list_sql = named(
                        &format!(
                            "SELECT {LIST_COLUMNS} {MEMBERS_IN_SUBTREE} ORDER BY p.name_key, p.id LIMIT $limit OFFSET $offset"
                        ),
                        &["date", "low", "high", "limit", "offset"],
                    );
                    sqlx::query(AssertSqlSafe(list_sql))
                        .bind(iso(date))
                        .bind(&low)
                        .bind(&high)
                        .bind(limit)
                        .bind(offset)
                        .fetch_all(&self.pool)
                        .await?
                };
                (rows, total)
            }
        };
        self.page_of_rows(&rows, date, total).await
    }

    /// The people a search finds among the members of the subtree of
    /// `root` on `date` ([`Db::members_in`]'s search), in name order: all
    /// of their ids, or `None` when there are more than `most`.
    pub(crate) async fn search_matches(
        &self,
        root: &OrgNode,
        date: Date,
        search: &str,
        most: usize,
    ) -> StoreResult<Option<Arc<Vec<i64>>>> {
        let (low, high) = root.path.subtree_range();
        let by_card = search.chars().any(|c| c.is_ascii_digit());
        let from = if by_card { members_by_card() } else { members_named() };
        let searched: &[&str] = if by_card { &["search"] } else { &["search", "search_end"] };
        let sql = named(
            &format!("SELECT p.id AS person_id {from} ORDER BY p.name_key, p.id LIMIT $limit"),
            &[&["date", "low", "high"][..], searched, &["limit"]].concat(),
        );
        let mut q = sqlx::query_scalar(AssertSqlSafe(sql)).bind(iso(date)).bind(low).bind(high);
        if by_card {
            q = q.bind(like_pattern(search));
        } else {
            let lo = search_key(search);
            let hi = format!("{lo}\u{10FFFF}");
            q = q.bind(lo).bind(hi);
        }
        let ids: Vec<i64> =
            q.bind(i64::try_from(most).unwrap_or(i64::MAX).saturating_add(1)).fetch_all(&self.pool).await?;
        Ok((ids.len() <= most).then(|| Arc::new(ids)))
    }

    /// The page `offset`, `limit` of these members (in their order) on
    /// `date`, of `total` in all.
    pub(crate) async fn page_of_ids(&self, ids: &[i64], date: Date, query: &MemberQuery) -> StoreResult<MemberPage> {
        let start = usize::try_from(query.offset).unwrap_or(usize::MAX).min(ids.len());
        let end = start.saturating_add(usize::try_from(query.limit).unwrap_or(usize::MAX)).min(ids.len());
        let rows = self.list_rows(&ids[start..end], date).await?;
        self.page_of_rows(&rows, date, ids.len() as u64).await
    }

    /// A page of list lines, with their members' conditions on `date`.
    async fn page_of_rows(&self, rows: &[AnyRow], date: Date, total: u64) -> StoreResult<MemberPage> {
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            items.push(MemberListItem {
                person_id: row.try_get("person_id")?,
                card_number: row.try_get("card_number")?,
                full_name: row.try_get("full_name")?,
                gender: gender_col(row, "gender")?,
                birth_date: date_col(row, "birth_date")?,
                standing: standing(date_col(row, "admission_date")?, opt_date_col(row, "official_date")?, date),
                org_id: row.try_get("org_id")?,
                org_code: row.try_get("org_code")?,
                org_name: row.try_get("org_name")?,
                conditions: Vec::new(),
            });
        }
        let index: std::collections::HashMap<i64, usize> =
            items.iter().enumerate().map(|(i, item)| (item.person_id, i)).collect();
        let ids: Vec<i64> = items.iter().map(|i| i.person_id).collect();
        for chunk in ids.chunks(BATCH) {
            let sql = format!(
                "SELECT person_id, kind FROM member_condition WHERE valid_from <= $1 \
                 AND (valid_to IS NULL OR valid_to > $1) AND person_id IN ({})",
                crate::placeholders::list(2, chunk.len())
            );
            let mut q = sqlx::query(AssertSqlSafe(sql)).bind(iso(date));
            for id in chunk {
                q = q.bind(*id);
            }
            for row in q.fetch_all(&self.pool).await? {
                let id: i64 = row.try_get("person_id")?;
                if let Some(&i) = index.get(&id) {
                    items[i].conditions.push(condition_col(&row, "kind")?);
                }
            }
        }
        for item in &mut items {
            item.conditions.sort();
            item.conditions.dedup();
        }
        Ok(MemberPage { items, total })
    }

    /// The ids of the members of a subtree on `date` in name order, kept
    /// between requests while the data generation has not moved (a page of
    /// a commune's list then reads 50 members, not all of them).
    async fn ordered_ids(&self, root: &OrgNode, date: Date, generation: i64) -> StoreResult<Arc<Vec<i64>>> {
        let key = (root.id, date);
        if let Some((g, ids)) = self.ordered.lock().unwrap_or_else(|e| e.into_inner()).get(&key)
            && *g == generation
        {
            return Ok(Arc::clone(ids));
        }
        let (low, high) = root.path.subtree_range();
        let sql = named(
            &format!("SELECT p.id {MEMBERS_IN_SUBTREE_FAST} ORDER BY p.name_key, p.id"),
            &["date", "low", "high"],
        );
        let ids: Vec<i64> =
            sqlx::query_scalar(AssertSqlSafe(sql)).bind(iso(date)).bind(&low).bind(&high).fetch_all(&self.pool).await?;
        let ids = Arc::new(ids);
        let mut kept = self.ordered.lock().unwrap_or_else(|e| e.into_inner());
        if kept.values().map(|(_, v)| v.len()).sum::<usize>() + ids.len() > ORDERED_IDS_KEPT {
            kept.clear();
        }
        kept.insert(key, (generation, Arc::clone(&ids)));
        Ok(ids)
    }

    /// The list rows of these members on `date`, in the order given.
    async fn list_rows(&self, ids: &[i64], date: Date) -> StoreResult<Vec<AnyRow>> {
        let mut rows = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(BATCH) {
            let sql = format!(
                "SELECT {LIST_COLUMNS} FROM person p \
                 JOIN membership m ON m.person_id = p.id AND m.valid_from <= $1 AND (m.valid_to IS NULL OR m.valid_to > $1) \
                 JOIN org_version v ON v.org_id = m.org_id AND v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) \
                 JOIN organization o ON o.id = v.org_id WHERE p.id IN ({})",
                crate::placeholders::list(2, chunk.len())
            );
            let mut q = sqlx::query(AssertSqlSafe(sql)).bind(iso(date));
            for id in chunk {
                q = q.bind(*id);
            }
            rows.extend(q.fetch_all(&self.pool).await?);
        }
        let position: std::collections::HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let mut keyed = rows
            .into_iter()
            .map(|r| Ok((position.get(&r.try_get::<i64, _>("person_id")?).copied().unwrap_or(usize::MAX), r)))
            .collect::<StoreResult<Vec<_>>>()?;
        keyed.sort_by_key(|(i, _)| *i);
        Ok(keyed.into_iter().map(|(_, r)| r).collect())
    }

    /// R-BASE-1 as the register knows it: for the subtree of `root` on
    /// `date`, the official members convened and the members in each
    /// subtraction, each member counted once (see [`BaseCount`]).
    ///
    /// Counts are kept in memory for as long as nothing in the tree or the
    /// members changed (a province's count reads every member: a home page
    /// should not).
    pub async fn base_count(&self, root: &OrgNode, date: Date) -> StoreResult<BaseCount> {
        let generation = self.data_generation().await?;
        self.base_count_at(root, date, generation).await
    }

    /// [`Db::base_count`] with the data generation already read.
    pub(crate) async fn base_count_at(&self, root: &OrgNode, date: Date, generation: i64) -> StoreResult<BaseCount> {
        let key = (root.id, date);
        if let Some((g, count)) = self.counts.lock().unwrap_or_else(|e| e.into_inner()).get(&key)
            && *g == generation
        {
            return Ok(*count);
        }
        let count = self.count_base(root, date).await?;
        let mut cache = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= 10_000 {
            cache.clear();
        }
        cache.insert(key, (generation, count));
        Ok(count)
    }

    /// [`Db::base_count`] counted now, without the kept counts (benchmarks
    /// measure this).
    pub async fn count_base(&self, root: &OrgNode, date: Date) -> StoreResult<BaseCount> {
        let (low, high) = root.path.subtree_range();
        let members_sql = named(
            &format!("SELECT COUNT(CASE WHEN p.official_date <= $date THEN 1 END), COUNT(*) {MEMBERS_IN_SUBTREE_FAST}"),
            &["date", "low", "high"],
        );
        let (official, all): (i64, i64) = sqlx::query_as(AssertSqlSafe(members_sql))
            .bind(iso(date))
            .bind(&low)
            .bind(&high)
            .fetch_one(&self.pool)
            .await?;
        // Conditions are few: start from them, then check that the member is
        // an official member of the subtree on the date.
        let conditions_sql = "SELECT rank, COUNT(*) FROM (SELECT c.person_id, CAST(MIN(CASE c.kind WHEN 'prosecuted_or_detained' THEN 1 \
                 WHEN 'suspended' THEN 2 WHEN 'temporarily_transferred' THEN 3 ELSE 4 END) AS BIGINT) AS rank \
             FROM member_condition c \
             JOIN person p ON p.id = c.person_id AND p.official_date <= $1 \
             JOIN membership m ON m.person_id = c.person_id AND m.valid_from <= $1 AND (m.valid_to IS NULL OR m.valid_to > $1) \
             JOIN org_version v ON v.org_id = m.org_id AND v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) \
             WHERE c.valid_from <= $1 AND (c.valid_to IS NULL OR c.valid_to > $1) AND v.path >= $2 AND v.path < $3 \
             GROUP BY c.person_id) ranked GROUP BY rank";
        let ranks: Vec<(i64, i64)> = sqlx::query_as(AssertSqlSafe(conditions_sql))
            .bind(iso(date))
            .bind(&low)
            .bind(&high)
            .fetch_all(&self.pool)
            .await?;
        let rank = |r: i64| ranks.iter().find(|(k, _)| *k == r).map_or(0, |(_, n)| n.unsigned_abs());
        Ok(BaseCount {
            convened: official.unsigned_abs(),
            probationary: (all - official).unsigned_abs(),
            prosecuted_or_detained: rank(1),
            suspended: rank(2),
            temporarily_transferred: rank(3),
            exempted: rank(4),
        })
    }

    /// The members of the subtree of `root` on `date` as rows of the member
    /// file, in name order: what `daihoi export members` writes, and what an
    /// import of that file reads back unchanged.
    pub async fn export_members(&self, root: &OrgNode, date: Date) -> StoreResult<Vec<MemberRow>> {
        let (low, high) = root.path.subtree_range();
        let sql = named(
            &format!(
                "SELECT p.id, p.card_number, p.full_name, p.gender, p.birth_date, p.ethnicity, p.admission_date, \
                 p.official_date, o.code AS org_code, m.valid_from AS member_since {MEMBERS_IN_SUBTREE} \
                 ORDER BY p.name_key, p.id"
            ),
            &["date", "low", "high"],
        );
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(iso(date)).bind(&low).bind(&high).fetch_all(&self.pool).await?;
        let cond_sql = "SELECT c.person_id, c.kind, c.valid_from FROM member_condition c JOIN person p ON p.id = c.person_id \
             JOIN membership m ON m.person_id = p.id AND m.valid_from <= $1 AND (m.valid_to IS NULL OR m.valid_to > $1) \
             JOIN org_version v ON v.org_id = m.org_id AND v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) \
             WHERE v.path >= $2 AND v.path < $3 AND c.valid_from <= $1 AND (c.valid_to IS NULL OR c.valid_to > $1)";
        let mut conditions: std::collections::HashMap<i64, (ConditionKind, Date)> = std::collections::HashMap::new();
        for row in
            sqlx::query(AssertSqlSafe(cond_sql)).bind(iso(date)).bind(&low).bind(&high).fetch_all(&self.pool).await?
        {
            let id: i64 = row.try_get("person_id")?;
            let c = (condition_col(&row, "kind")?, date_col(&row, "valid_from")?);
            let slot = conditions.entry(id).or_insert(c);
            *slot = (*slot).min(c);
        }
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                let card: String = row.try_get("card_number")?;
                let name: String = row.try_get("full_name")?;
                let org: String = row.try_get("org_code")?;
                Ok(MemberRow {
                    member: Member {
                        card_number: CardNumber::parse(&card).map_err(|e| StoreError::corrupt(e.to_string()))?,
                        name: PersonName::parse(&name).map_err(|e| StoreError::corrupt(e.to_string()))?,
                        gender: gender_col(row, "gender")?,
                        birth_date: date_col(row, "birth_date")?,
                        ethnicity: row.try_get("ethnicity")?,
                        admission_date: date_col(row, "admission_date")?,
                        official_date: opt_date_col(row, "official_date")?,
                    },
                    organization: OrgCode::parse(&org).map_err(|e| StoreError::corrupt(e.to_string()))?,
                    member_since: Some(date_col(row, "member_since")?),
                    condition: conditions.get(&id).copied(),
                })
            })
            .collect()
    }

    /// Everything about the member with this id.
    pub async fn member_detail(&self, person_id: i64) -> StoreResult<Option<MemberDetail>> {
        let Some(row) = sqlx::query(
            "SELECT card_number, full_name, gender, birth_date, ethnicity, admission_date, official_date \
             FROM person WHERE id = $1",
        )
        .bind(person_id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let card: String = row.try_get("card_number")?;
        let name: String = row.try_get("full_name")?;
        let member = Member {
            card_number: CardNumber::parse(&card).map_err(|e| StoreError::corrupt(e.to_string()))?,
            name: PersonName::parse(&name).map_err(|e| StoreError::corrupt(e.to_string()))?,
            gender: gender_col(&row, "gender")?,
            birth_date: date_col(&row, "birth_date")?,
            ethnicity: row.try_get("ethnicity")?,
            admission_date: date_col(&row, "admission_date")?,
            official_date: opt_date_col(&row, "official_date")?,
        };
        let mut memberships = Vec::new();
        for r in sqlx::query(
            "SELECT m.org_id, o.code AS org_code, m.valid_from, m.valid_to FROM membership m \
             JOIN organization o ON o.id = m.org_id WHERE m.person_id = $1 ORDER BY m.valid_from",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?
        {
            let org_id: i64 = r.try_get("org_id")?;
            let to = opt_date_col(&r, "valid_to")?;
            // The cell as it was on the period's last day.
            let on = to.map_or_else(crate::orgs::today, |t| t.previous_day().unwrap_or(t));
            let (org_name, within) = match self.org_by_id(org_id, on).await? {
                Some(node) => {
                    let mut within = Vec::new();
                    for id in node.path.ids().filter(|id| *id != org_id) {
                        if let Some(up) = self.org_by_id(id, on).await? {
                            within.push(up.name);
                        }
                    }
                    within.reverse();
                    (node.name, within)
                }
                None => (String::new(), Vec::new()),
            };
            memberships.push(Enrolment {
                org_id,
                org_code: r.try_get("org_code")?,
                org_name,
                within,
                from: date_col(&r, "valid_from")?,
                to,
            });
        }
        let conditions = sqlx::query(
            "SELECT id, kind, valid_from, valid_to, note FROM member_condition WHERE person_id = $1 \
             ORDER BY valid_from, id",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(StoredCondition {
                id: r.try_get("id")?,
                kind: condition_col(r, "kind")?,
                from: date_col(r, "valid_from")?,
                to: opt_date_col(r, "valid_to")?,
                note: r.try_get("note")?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
        let history = sqlx::query(
            "SELECT at, actor, action, detail FROM audit_entry WHERE subject = $1 AND action IN ('member_edit', \
             'member_transfer', 'member_condition_record', 'member_condition_end') ORDER BY id",
        )
        .bind(member_subject(person_id))
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(MemberEvent {
                at: r.try_get("at")?,
                actor: r.try_get("actor")?,
                action: r.try_get("action")?,
                detail: r.try_get("detail")?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
        Ok(Some(MemberDetail { person_id, member, memberships, conditions, history }))
    }

    /// The id of the member with this card number.
    pub async fn person_id_by_card(&self, card: &CardNumber) -> StoreResult<Option<i64>> {
        Ok(sqlx::query_scalar("SELECT id FROM person WHERE card_number = $1")
            .bind(card.as_str())
            .fetch_optional(&self.pool)
            .await?)
    }
}

/// Enrols every member of `src` in `dst` from `date` on (a merge).
pub(crate) async fn transfer_open_memberships(
    conn: &mut AnyConnection,
    src: &OrgNode,
    dst: &OrgNode,
    date: Date,
) -> StoreResult<u64> {
    let open: Vec<(i64, i64, String)> =
        sqlx::query_as("SELECT id, person_id, valid_from FROM membership WHERE org_id = $1 AND valid_to IS NULL")
            .bind(src.id)
            .fetch_all(&mut *conn)
            .await?;
    for (id, person_id, from) in &open {
        move_membership(conn, *id, *person_id, from, dst.id, date).await?;
    }
    Ok(open.len() as u64)
}

/// Ends the open enrolment `membership_id` of `person_id` (which began on
/// `from`) at `date` and opens one in `org_id`; on the enrolment's first day,
/// changes it in place.
pub(crate) async fn move_membership(
    conn: &mut AnyConnection,
    membership_id: i64,
    person_id: i64,
    from: &str,
    org_id: i64,
    date: Date,
) -> StoreResult<()> {
    if from == iso(date) {
        sqlx::query("UPDATE membership SET org_id = $1 WHERE id = $2")
            .bind(org_id)
            .bind(membership_id)
            .execute(&mut *conn)
            .await?;
        return Ok(());
    }
    sqlx::query("UPDATE membership SET valid_to = $1 WHERE id = $2")
        .bind(iso(date))
        .bind(membership_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO membership (person_id, org_id, valid_from) VALUES ($1, $2, $3)")
        .bind(person_id)
        .bind(org_id)
        .bind(iso(date))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_name_has_one_suffix_per_word() {
        let all: Vec<&str> = super::name_suffixes("nguyen van an").collect();
        assert_eq!(all, ["nguyen van an", "van an", "an"]);
        assert_eq!(super::name_suffixes("an").count(), 1);
        assert_eq!(super::name_suffixes("").count(), 0);
    }
}
