//! Importing the member file: idempotent by Party card number, all or nothing.
//!
//! Every row is checked against the stored tree and members first; if any row
//! is refused, nothing is written and every refusal is reported. Otherwise one
//! transaction creates new members in batches, updates changed ones, moves
//! those whose cell changed and brings their conditions in line with the file.

use std::collections::HashMap;

use daihoi_core::date::iso;
use daihoi_core::members::import::{Column, MemberRow};
use daihoi_core::members::{ConditionKind, Member};
use daihoi_core::{NameCollator, OrgCode, OrgKind, OrgPath, search_key};
use sqlx::AssertSqlSafe;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, Row};
use time::Date;

use super::{BATCH, move_membership, now_text};
use crate::{StoreError, placeholders};

/// A valid row of the file with its place in the file (a 1-based row number,
/// as the spreadsheet shows it).
#[derive(Debug, Clone)]
pub struct ImportRow {
    pub line: usize,
    pub row: MemberRow,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// New members.
    pub created: u64,
    /// Members whose person data changed.
    pub updated: u64,
    /// Members enrolled in another cell than before.
    pub moved: u64,
    /// Members whose conditions changed.
    pub conditions_changed: u64,
    /// Rows identical to what was stored.
    pub unchanged: u64,
}

/// Why the store refuses a row that was valid on its own.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowRefusal {
    #[error("no organization has the code {0}")]
    UnknownOrganization(OrgCode),
    #[error("organization {0} no longer exists")]
    EndedOrganization(OrgCode),
    #[error("{code} is a {kind}: members are enrolled in cells (chi bộ) only")]
    NotACell { code: OrgCode, kind: &'static str },
    #[error("{0} is outside the organization this import is for")]
    OutsideSubtree(OrgCode),
    #[error("this member is enrolled in {current_org}, outside the organization this import is for")]
    MemberOutsideSubtree { current_org: String },
    #[error("card number {card} is also on row {first_line}: a member can be in only one cell at a time")]
    DuplicateCard { card: String, first_line: usize },
    #[error("{since} is not after the start ({current_from}) of the member's current enrolment in {current_org}")]
    EnrolmentNotAfterCurrent { since: String, current_from: String, current_org: String },
    #[error("the condition starts on {from}, before the start ({current_from}) of the same condition already recorded")]
    ConditionBeforeCurrent { from: String, current_from: String },
}

/// A refused row: where, which column, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub line: usize,
    pub column: Column,
    pub value: String,
    pub refusal: RowRefusal,
}

/// An import that wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{} rows refused", .0.len())]
    Rows(Vec<RowProblem>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for ImportError {
    fn from(e: sqlx::Error) -> Self {
        ImportError::Store(e.into())
    }
}

/// What is stored of a member whose card number is in the file.
struct Existing {
    id: i64,
    full_name: String,
    gender: String,
    birth_date: String,
    ethnicity: String,
    admission_date: String,
    official_date: Option<String>,
    enrolment: Option<(i64, i64, String)>, // membership id, org id, valid_from
    open_conditions: Vec<(i64, ConditionKind, String)>, // condition id, kind, valid_from
}

/// Imports `rows` as of `as_of` (the date a change of cell takes effect
/// when the row gives none), inside a transaction the caller commits;
/// `progress` is called with the number of rows done so far. With
/// `within`, every row's cell, and the current cell of every member already
/// stored, must be in that subtree.
pub(crate) async fn import_members(
    conn: &mut AnyConnection,
    rows: &[ImportRow],
    as_of: Date,
    within: Option<&OrgPath>,
    progress: &mut (dyn FnMut(usize) + Send),
) -> Result<ImportReport, ImportError> {
    let mut problems = Vec::new();
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    for r in rows {
        let card = r.row.member.card_number.as_str();
        if let Some(&first) = first_line.get(card) {
            problems.push(RowProblem {
                line: r.line,
                column: Column::CardNumber,
                value: card.to_owned(),
                refusal: RowRefusal::DuplicateCard { card: card.to_owned(), first_line: first },
            });
        } else {
            first_line.insert(card, r.line);
        }
    }

    let orgs = open_orgs(&mut *conn).await?;
    let existing = existing_members(&mut *conn, rows).await?;
    let org_codes: HashMap<i64, &str> = orgs.iter().map(|(code, (id, _, _))| (*id, code.as_str())).collect();
    let org_paths: HashMap<i64, &OrgPath> = orgs.values().map(|(id, _, path)| (*id, path)).collect();
    let outside = |path: &OrgPath| within.is_some_and(|root| !root.contains(path));
    for r in rows {
        let code = &r.row.organization;
        let refusal = match orgs.get(code.as_str()) {
            Some((_, _, path)) if outside(path) => Some(RowRefusal::OutsideSubtree(code.clone())),
            Some((_, kind, _)) if !kind.holds_members() => {
                Some(RowRefusal::NotACell { code: code.clone(), kind: kind.vi() })
            }
            Some(_) => None,
            None if ended_org(&mut *conn, code).await? => Some(RowRefusal::EndedOrganization(code.clone())),
            None => Some(RowRefusal::UnknownOrganization(code.clone())),
        };
        if let Some(refusal) = refusal {
            problems.push(RowProblem { line: r.line, column: Column::Organization, value: code.to_string(), refusal });
            continue;
        }
        let Some(old) = existing.get(r.row.member.card_number.as_str()) else { continue };
        if within.is_some()
            && let Some((_, old_org, _)) = &old.enrolment
            && org_paths.get(old_org).is_none_or(|p| outside(p))
        {
            problems.push(RowProblem {
                line: r.line,
                column: Column::CardNumber,
                value: r.row.member.card_number.to_string(),
                refusal: RowRefusal::MemberOutsideSubtree {
                    current_org: org_codes.get(old_org).unwrap_or(&"?").to_string(),
                },
            });
            continue;
        }
        let org_id = orgs[code.as_str()].0;
        if let Some((_, old_org, from)) = &old.enrolment
            && *old_org != org_id
        {
            let since = iso(r.row.member_since.unwrap_or(as_of));
            if since.as_str() < from.as_str() {
                problems.push(RowProblem {
                    line: r.line,
                    column: Column::MemberSince,
                    value: since.clone(),
                    refusal: RowRefusal::EnrolmentNotAfterCurrent {
                        since,
                        current_from: from.clone(),
                        current_org: org_codes.get(old_org).unwrap_or(&"?").to_string(),
                    },
                });
            }
        }
        if let Some((kind, from)) = r.row.condition
            && let Some((_, _, current_from)) = old.open_conditions.iter().find(|c| c.1 == kind)
            && iso(from).as_str() < current_from.as_str()
        {
            problems.push(RowProblem {
                line: r.line,
                column: Column::ConditionFrom,
                value: iso(from),
                refusal: RowRefusal::ConditionBeforeCurrent { from: iso(from), current_from: current_from.clone() },
            });
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| (p.line, p.column));
        return Err(ImportError::Rows(problems));
    }

    crate::db::members_changed(&mut *conn).await?;
    let mut report = ImportReport::default();
    let collator = NameCollator::vietnamese();
    let now = now_text();
    let (new_rows, old_rows): (Vec<&ImportRow>, Vec<&ImportRow>) =
        rows.iter().partition(|r| !existing.contains_key(r.row.member.card_number.as_str()));
    let mut done = 0;
    for chunk in new_rows.chunks(BATCH) {
        insert_people(&mut *conn, chunk, &orgs, collator, &now).await?;
        report.created += chunk.len() as u64;
        done += chunk.len();
        progress(done);
    }
    for r in old_rows {
        let old = &existing[r.row.member.card_number.as_str()];
        let org_id = orgs[r.row.organization.as_str()].0;
        let mut changed = false;
        if update_person(&mut *conn, old, &r.row, collator, &now).await? {
            report.updated += 1;
            changed = true;
        }
        match &old.enrolment {
            Some((_, old_org, _)) if *old_org == org_id => {}
            Some((membership_id, _, from)) => {
                let since = r.row.member_since.unwrap_or(as_of);
                move_membership(&mut *conn, *membership_id, old.id, from, org_id, since).await?;
                report.moved += 1;
                changed = true;
            }
            None => {
                let since = r.row.member_since.unwrap_or(as_of);
                sqlx::query("INSERT INTO membership (person_id, org_id, valid_from) VALUES ($1, $2, $3)")
                    .bind(old.id)
                    .bind(org_id)
                    .bind(iso(since))
                    .execute(&mut *conn)
                    .await?;
                report.moved += 1;
                changed = true;
            }
        }
        if sync_conditions(&mut *conn, old, r.row.condition, as_of).await? {
            report.conditions_changed += 1;
            changed = true;
        }
        if !changed {
            report.unchanged += 1;
        }
        done += 1;
        if done % BATCH == 0 {
            progress(done);
        }
    }
    progress(rows.len());
    Ok(report)
}

/// Every organization with an open version: code → (id, kind).
/// The organizations open now: code → (id, kind, path).
async fn open_orgs(conn: &mut AnyConnection) -> Result<HashMap<String, (i64, OrgKind, OrgPath)>, ImportError> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT o.id, o.code, v.kind, v.path FROM org_version v JOIN organization o ON o.id = v.org_id \
         WHERE v.valid_to IS NULL",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, code, kind, path)| {
            let kind = kind.parse().map_err(|_| StoreError::corrupt(format!("bad kind {kind:?}")))?;
            let path = OrgPath::from_stored(&path).ok_or_else(|| StoreError::corrupt(format!("bad path {path:?}")))?;
            Ok((code, (id, kind, path)))
        })
        .collect()
}

async fn ended_org(conn: &mut AnyConnection, code: &OrgCode) -> Result<bool, ImportError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organization WHERE code = $1")
        .bind(code.as_str())
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}

/// The stored members whose card numbers are in `rows`, by card number.
async fn existing_members(
    conn: &mut AnyConnection,
    rows: &[ImportRow],
) -> Result<HashMap<String, Existing>, ImportError> {
    let mut out: HashMap<String, Existing> = HashMap::new();
    for chunk in rows.chunks(BATCH) {
        let sql = format!(
            "SELECT p.id, p.card_number, p.full_name, p.gender, p.birth_date, p.ethnicity, p.admission_date, \
             p.official_date, m.id AS membership_id, m.org_id, m.valid_from FROM person p \
             LEFT JOIN membership m ON m.person_id = p.id AND m.valid_to IS NULL \
             WHERE p.card_number IN ({})",
            placeholders::list(1, chunk.len())
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for r in chunk {
            q = q.bind(r.row.member.card_number.as_str());
        }
        for row in q.fetch_all(&mut *conn).await? {
            let membership: Option<i64> = row.try_get("membership_id")?;
            let enrolment = match membership {
                Some(id) => Some((id, row.try_get("org_id")?, row.try_get("valid_from")?)),
                None => None,
            };
            out.insert(
                row.try_get("card_number")?,
                Existing {
                    id: row.try_get("id")?,
                    full_name: row.try_get("full_name")?,
                    gender: row.try_get("gender")?,
                    birth_date: row.try_get("birth_date")?,
                    ethnicity: row.try_get("ethnicity")?,
                    admission_date: row.try_get("admission_date")?,
                    official_date: row.try_get("official_date")?,
                    enrolment,
                    open_conditions: Vec::new(),
                },
            );
        }
    }
    if out.is_empty() {
        return Ok(out);
    }
    let by_id: HashMap<i64, String> = out.iter().map(|(card, e)| (e.id, card.clone())).collect();
    let ids: Vec<i64> = by_id.keys().copied().collect();
    for chunk in ids.chunks(BATCH) {
        let sql = format!(
            "SELECT id, person_id, kind, valid_from FROM member_condition WHERE valid_to IS NULL AND person_id IN ({})",
            placeholders::list(1, chunk.len())
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for id in chunk {
            q = q.bind(*id);
        }
        for row in q.fetch_all(&mut *conn).await? {
            let person: i64 = row.try_get("person_id")?;
            let kind: String = row.try_get("kind")?;
            let kind: ConditionKind =
                kind.parse().map_err(|_| StoreError::corrupt(format!("bad condition {kind:?}")))?;
            if let Some(e) = by_id.get(&person).and_then(|card| out.get_mut(card)) {
                e.open_conditions.push((row.try_get("id")?, kind, row.try_get("valid_from")?));
            }
        }
    }
    Ok(out)
}

/// Inserts new members with one statement per table for the whole chunk.
async fn insert_people(
    conn: &mut AnyConnection,
    chunk: &[&ImportRow],
    orgs: &HashMap<String, (i64, OrgKind, OrgPath)>,
    collator: &NameCollator,
    now: &str,
) -> Result<(), ImportError> {
    const COLS: usize = 13;
    let sql = format!(
        "INSERT INTO person (card_number, full_name, family_name, middle_name, given_name, name_key, search_key, \
         gender, birth_date, ethnicity, admission_date, official_date, updated_at) VALUES {} RETURNING id, card_number",
        placeholders::rows(chunk.len(), COLS)
    );
    let mut q = sqlx::query(AssertSqlSafe(sql));
    for r in chunk {
        let m = &r.row.member;
        q = bind_person(q.bind(m.card_number.as_str().to_owned()), m, collator, now);
    }
    let ids: HashMap<String, i64> = q
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| Ok((row.try_get::<String, _>("card_number")?, row.try_get::<i64, _>("id")?)))
        .collect::<Result<_, sqlx::Error>>()?;

    let named: Vec<(i64, String)> = chunk
        .iter()
        .filter_map(|r| {
            ids.get(r.row.member.card_number.as_str()).map(|id| (*id, search_key(r.row.member.name.full())))
        })
        .collect();
    super::write_name_suffixes(&mut *conn, &named).await?;

    let mut memberships = Vec::with_capacity(chunk.len());
    let mut conditions = Vec::new();
    for r in chunk {
        let id = *ids
            .get(r.row.member.card_number.as_str())
            .ok_or_else(|| StoreError::corrupt("inserted member not returned"))?;
        let org_id = orgs[r.row.organization.as_str()].0;
        memberships.push((id, org_id, iso(r.row.member_since.unwrap_or(r.row.member.admission_date))));
        if let Some((kind, from)) = r.row.condition {
            conditions.push((id, kind, iso(from)));
        }
    }
    let sql = format!(
        "INSERT INTO membership (person_id, org_id, valid_from) VALUES {}",
        placeholders::rows(memberships.len(), 3)
    );
    let mut q = sqlx::query(AssertSqlSafe(sql));
    for (person, org, from) in &memberships {
        q = q.bind(*person).bind(*org).bind(from.as_str());
    }
    q.execute(&mut *conn).await?;
    if !conditions.is_empty() {
        let sql = format!(
            "INSERT INTO member_condition (person_id, kind, valid_from) VALUES {}",
            placeholders::rows(conditions.len(), 3)
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for (person, kind, from) in &conditions {
            q = q.bind(*person).bind(kind.code()).bind(from.as_str());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Binds the person columns, in the order of `INSERT INTO person` and
/// `UPDATE person` above: full, family, middle and given name, sort key,
/// search key, gender, birth, ethnicity, admission, official date, update time.
fn bind_person<'q>(
    q: Query<'q, Any, AnyArguments>,
    m: &Member,
    collator: &NameCollator,
    now: &str,
) -> Query<'q, Any, AnyArguments> {
    q.bind(m.name.full().to_owned())
        .bind(m.name.family().to_owned())
        .bind(m.name.middle().to_owned())
        .bind(m.name.given().to_owned())
        .bind(collator.sort_key(&m.name))
        .bind(search_key(m.name.full()))
        .bind(m.gender.code())
        .bind(iso(m.birth_date))
        .bind(m.ethnicity.clone())
        .bind(iso(m.admission_date))
        .bind(m.official_date.map(iso))
        .bind(now.to_owned())
}

/// Updates the person data if it differs; true when it did.
async fn update_person(
    conn: &mut AnyConnection,
    old: &Existing,
    row: &MemberRow,
    collator: &NameCollator,
    now: &str,
) -> Result<bool, ImportError> {
    let m = &row.member;
    let same = old.full_name == m.name.full()
        && old.gender == m.gender.code()
        && old.birth_date == iso(m.birth_date)
        && old.ethnicity == m.ethnicity
        && old.admission_date == iso(m.admission_date)
        && old.official_date == m.official_date.map(iso);
    if same {
        return Ok(false);
    }
    let q = sqlx::query(
        "UPDATE person SET full_name = $1, family_name = $2, middle_name = $3, given_name = $4, name_key = $5, \
         search_key = $6, gender = $7, birth_date = $8, ethnicity = $9, admission_date = $10, official_date = $11, \
         updated_at = $12 WHERE id = $13",
    );
    bind_person(q, m, collator, now).bind(old.id).execute(&mut *conn).await?;
    if old.full_name != m.name.full() {
        sqlx::query("DELETE FROM person_name_suffix WHERE person_id = $1").bind(old.id).execute(&mut *conn).await?;
        super::write_name_suffixes(&mut *conn, &[(old.id, search_key(m.name.full()))]).await?;
    }
    Ok(true)
}

/// Makes the open conditions match the file: the row's condition stays or is
/// opened; any other open condition ends on `as_of` (or, when the row's
/// condition starts later, on that start). True when something changed.
async fn sync_conditions(
    conn: &mut AnyConnection,
    old: &Existing,
    wanted: Option<(ConditionKind, Date)>,
    as_of: Date,
) -> Result<bool, ImportError> {
    let mut changed = false;
    for (id, kind, from) in &old.open_conditions {
        if wanted.is_some_and(|(k, f)| k == *kind && iso(f) == *from) {
            continue;
        }
        let end = iso(match wanted {
            Some((k, f)) if k == *kind => f,
            _ => as_of,
        });
        if end.as_str() <= from.as_str() {
            // Opened and withdrawn on the same day: a correction, not history.
            sqlx::query("DELETE FROM member_condition WHERE id = $1").bind(*id).execute(&mut *conn).await?;
        } else {
            sqlx::query("UPDATE member_condition SET valid_to = $1 WHERE id = $2")
                .bind(&end)
                .bind(*id)
                .execute(&mut *conn)
                .await?;
        }
        changed = true;
    }
    if let Some((kind, from)) = wanted
        && !old.open_conditions.iter().any(|(_, k, f)| *k == kind && *f == iso(from))
    {
        sqlx::query("INSERT INTO member_condition (person_id, kind, valid_from) VALUES ($1, $2, $3)")
            .bind(old.id)
            .bind(kind.code())
            .bind(iso(from))
            .execute(&mut *conn)
            .await?;
        changed = true;
    }
    Ok(changed)
}
