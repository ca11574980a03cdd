//! The organization tree and its history.
//!
//! Each organization has one row in `organization` (its stable code) and one
//! row in `org_version` per period with the same parent, name and kind. A
//! version stores the materialized path of the organization in that period, so
//! "the subtree of X on date D" is one index range scan on both engines
//! ([`OrgPath::subtree_range`]). Changes (move, rename, merge, dissolve) close
//! the open versions at the change date and open new ones; nothing is deleted.
//!
//! Every change, whoever makes it (the command line, a file, the web, the
//! JSON API, the demo), goes through the functions at the end of this file,
//! which check the rules of docs/org-tree.md: a new code under its parent's
//! (O-CODE-1), names (TEXT-1, at most [`ORG_NAME_MAX_CHARS`] characters),
//! the dates of the history (O-DATE-1), which kind sits under which
//! (O-KIND-1), and a new place only under an organization that still exists
//! (O-CURRENT-1).

pub mod access;
pub mod policy;

use daihoi_core::date::{check_history_date, date_in_vietnam, from_iso, iso};
use daihoi_core::{OrgCode, OrgKind, OrgPath, search_key};
use sqlx::AssertSqlSafe;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use time::Date;

use crate::placeholders::named;
use crate::{Db, StoreError, StoreResult};

/// One organization as it was during one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgNode {
    pub id: i64,
    pub code: OrgCode,
    pub name: String,
    pub kind: OrgKind,
    pub parent_id: Option<i64>,
    pub path: OrgPath,
    pub valid_from: Date,
    /// End of this period (excluded); `None` while current.
    pub valid_to: Option<Date>,
}

pub use daihoi_core::text::ORG_NAME_MAX_CHARS;

/// Today in Vietnam, by the clock: where the horizon of the tree's history
/// is counted from (O-DATE-1).
pub(crate) fn today() -> Date {
    date_in_vietnam(time::OffsetDateTime::now_utc())
}

/// The checks of a new organization that need no database, in the order a
/// person fixes them: its code under its parent's (O-CODE-1), its name
/// (TEXT-1) and its first day (O-DATE-1). Returns the name as it is stored.
pub fn check_new_org<'n>(new: &NewOrg<'n>, today: Date) -> StoreResult<&'n str> {
    new.code.check_placement(new.parent)?;
    let name = daihoi_core::text::org_name(new.name).map_err(StoreError::text("name"))?;
    check_history_date(new.valid_from, today)?;
    Ok(name)
}

/// A new organization.
#[derive(Debug, Clone)]
pub struct NewOrg<'a> {
    pub code: &'a OrgCode,
    pub name: &'a str,
    pub kind: OrgKind,
    pub parent: Option<&'a OrgCode>,
    pub valid_from: Date,
}

/// One organization of a file to import, with its row number.
#[derive(Debug, Clone)]
pub struct NewOrgRow {
    pub line: usize,
    pub code: OrgCode,
    pub name: String,
    pub kind: OrgKind,
    pub parent: Option<OrgCode>,
    pub valid_from: Date,
}

/// What an organization import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OrgImportReport {
    pub created: u64,
    pub unchanged: u64,
}

/// An organization import that wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum OrgImportError {
    #[error("row {line}: {error}")]
    Row { line: usize, error: StoreError },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for OrgImportError {
    fn from(e: sqlx::Error) -> Self {
        OrgImportError::Store(e.into())
    }
}

pub(crate) const NODE_COLUMNS: &str = "v.org_id AS org_id, o.code AS code, v.name AS name, v.kind AS kind, \
     v.parent_id AS parent_id, v.path AS path, v.valid_from AS valid_from, v.valid_to AS valid_to";
/// The version `v` valid on `$date`.
pub(crate) const VALID_ON: &str = "v.valid_from <= $date AND (v.valid_to IS NULL OR v.valid_to > $date)";

pub(crate) fn date_col<I: sqlx::ColumnIndex<AnyRow>>(row: &AnyRow, i: I) -> StoreResult<Date> {
    let text: String = row.try_get(i)?;
    from_iso(&text).ok_or_else(|| StoreError::corrupt(format!("bad date {text:?}")))
}

pub(crate) fn opt_date_col<I: sqlx::ColumnIndex<AnyRow>>(row: &AnyRow, i: I) -> StoreResult<Option<Date>> {
    let text: Option<String> = row.try_get(i)?;
    text.map(|t| from_iso(&t).ok_or_else(|| StoreError::corrupt(format!("bad date {t:?}")))).transpose()
}

pub(crate) fn node(row: &AnyRow) -> StoreResult<OrgNode> {
    let code: String = row.try_get("code")?;
    let kind: String = row.try_get("kind")?;
    let path: String = row.try_get("path")?;
    Ok(OrgNode {
        id: row.try_get("org_id")?,
        code: OrgCode::parse(&code).map_err(|e| StoreError::corrupt(e.to_string()))?,
        name: row.try_get("name")?,
        kind: kind.parse().map_err(|e: daihoi_core::org::UnknownOrgKind| StoreError::corrupt(e.to_string()))?,
        parent_id: row.try_get("parent_id")?,
        path: OrgPath::from_stored(&path).ok_or_else(|| StoreError::corrupt(format!("bad path {path:?}")))?,
        valid_from: date_col(row, "valid_from")?,
        valid_to: opt_date_col(row, "valid_to")?,
    })
}

/// Of an organization's versions (oldest first), the one valid on `date`,
/// else the last one before it, else the first.
pub(crate) fn version_on(versions: &[OrgNode], date: Date) -> Option<&OrgNode> {
    versions
        .iter()
        .find(|v| v.valid_from <= date && v.valid_to.is_none_or(|to| to > date))
        .or_else(|| versions.iter().rev().find(|v| v.valid_from <= date))
        .or_else(|| versions.first())
}

fn nodes(rows: &[AnyRow]) -> StoreResult<Vec<OrgNode>> {
    rows.iter().map(node).collect()
}

impl Db {
    /// The version of an organization valid on `date`.
    pub async fn org_by_code(&self, code: &OrgCode, date: Date) -> StoreResult<Option<OrgNode>> {
        let sql = named(
            &format!(
                "SELECT {NODE_COLUMNS} FROM org_version v JOIN organization o ON o.id = v.org_id \
                 WHERE {VALID_ON} AND o.code = $code"
            ),
            &["date", "code"],
        );
        let row =
            sqlx::query(AssertSqlSafe(sql)).bind(iso(date)).bind(code.as_str()).fetch_optional(&self.pool).await?;
        row.as_ref().map(node).transpose()
    }

    /// The version of an organization valid on `date`, by id.
    pub async fn org_by_id(&self, id: i64, date: Date) -> StoreResult<Option<OrgNode>> {
        let sql = named(
            &format!(
                "SELECT {NODE_COLUMNS} FROM org_version v JOIN organization o ON o.id = v.org_id \
                 WHERE {VALID_ON} AND v.org_id = $id"
            ),
            &["date", "id"],
        );
        let row = sqlx::query(AssertSqlSafe(sql)).bind(iso(date)).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(node).transpose()
    }

    /// Every version of each of these organizations, oldest first, in one
    /// query (for a list naming many organizations, each on its own day:
    /// pick with [`version_on`]).
    pub(crate) async fn org_versions(&self, ids: &[i64]) -> StoreResult<std::collections::HashMap<i64, Vec<OrgNode>>> {
        let mut out: std::collections::HashMap<i64, Vec<OrgNode>> = std::collections::HashMap::new();
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        for chunk in ids.chunks(500) {
            let sql = format!(
                "SELECT {NODE_COLUMNS} FROM org_version v JOIN organization o ON o.id = v.org_id \
                 WHERE v.org_id IN ({}) ORDER BY v.org_id, v.valid_from",
                crate::placeholders::list(1, chunk.len())
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id);
            }
            for row in q.fetch_all(&self.pool).await? {
                let n = node(&row)?;
                out.entry(n.id).or_default().push(n);
            }
        }
        Ok(out)
    }

    /// An organization as it is now: its open version, or its last one if it
    /// has ended; `None` for a code never stored.
    pub async fn org_now(&self, code: &OrgCode) -> StoreResult<Option<OrgNode>> {
        Ok(self.org_history(code).await?.pop())
    }

    /// Every version of an organization, oldest first.
    pub async fn org_history(&self, code: &OrgCode) -> StoreResult<Vec<OrgNode>> {
        let sql = format!(
            "SELECT {NODE_COLUMNS} FROM org_version v JOIN organization o ON o.id = v.org_id \
             WHERE o.code = $1 ORDER BY v.valid_from"
        );
        nodes(&sqlx::query(AssertSqlSafe(sql)).bind(code.as_str()).fetch_all(&self.pool).await?)
    }

    /// The organizations without a parent on `date`.
    pub async fn roots(&self, date: Date) -> StoreResult<Vec<OrgNode>> {
        let sql = named(
            &format!(
                "SELECT {NODE_COLUMNS} FROM org_version v JOIN organization o ON o.id = v.org_id \
                 WHERE {VALID_ON} AND v.parent_id IS NULL ORDER BY o.code"
            ),
            &["date"],
        );
        nodes(&sqlx::query(AssertSqlSafe(sql)).bind(iso(date)).fetch_all(&self.pool).await?)
    }

    /// The subtree rooted at `root` on `date` (the root included), parents
    /// before children.
    pub async fn subtree(&self, root: &OrgNode, date: Date) -> StoreResult<Vec<OrgNode>> {
        let (low, high) = root.path.subtree_range();
        let sql = named(
            &format!(
                "SELECT {NODE_COLUMNS} FROM org_version v JOIN organization o ON o.id = v.org_id \
                 WHERE {VALID_ON} AND v.path >= $low AND v.path < $high ORDER BY v.path"
            ),
            &["date", "low", "high"],
        );
        nodes(&sqlx::query(AssertSqlSafe(sql)).bind(iso(date)).bind(low).bind(high).fetch_all(&self.pool).await?)
    }

    /// The organizations directly under `parent_id` on `date`, by name.
    pub async fn children(&self, parent_id: i64, date: Date) -> StoreResult<Vec<OrgNode>> {
        let sql = named(
            &format!(
                "SELECT {NODE_COLUMNS} FROM org_version v JOIN organization o ON o.id = v.org_id \
                 WHERE {VALID_ON} AND v.parent_id = $parent ORDER BY o.code"
            ),
            &["date", "parent"],
        );
        let mut list =
            nodes(&sqlx::query(AssertSqlSafe(sql)).bind(iso(date)).bind(parent_id).fetch_all(&self.pool).await?)?;
        let collator = daihoi_core::NameCollator::vietnamese();
        list.sort_by(|a, b| collator.compare_text(&a.name, &b.name));
        Ok(list)
    }

    /// Counts of organizations by kind on `date` in the subtree of `root`.
    pub async fn count_orgs_by_kind(&self, root: &OrgNode, date: Date) -> StoreResult<Vec<(OrgKind, u64)>> {
        let (low, high) = root.path.subtree_range();
        let sql = named(
            &format!(
                "SELECT v.kind, COUNT(*) FROM org_version v WHERE {VALID_ON} AND v.path >= $low AND v.path < $high \
                 GROUP BY v.kind"
            ),
            &["date", "low", "high"],
        );
        let rows: Vec<(String, i64)> =
            sqlx::query_as(AssertSqlSafe(sql)).bind(iso(date)).bind(low).bind(high).fetch_all(&self.pool).await?;
        let mut out: Vec<(OrgKind, u64)> =
            rows.into_iter().filter_map(|(k, n)| k.parse().ok().map(|k| (k, n.unsigned_abs()))).collect();
        out.sort();
        Ok(out)
    }
}

pub(crate) async fn create_org(conn: &mut AnyConnection, new: &NewOrg<'_>) -> StoreResult<OrgNode> {
    let name = check_new_org(new, today())?;
    let parent = match new.parent {
        Some(code) => {
            let parent = open_version_on(conn, code, new.valid_from).await?;
            if !new.kind.may_sit_under(parent.kind) {
                return Err(StoreError::KindMismatch {
                    child: new.kind.vi(),
                    child_code: new.code.clone(),
                    parent: parent.kind.vi(),
                    parent_code: parent.code,
                });
            }
            Some(parent)
        }
        None => None,
    };
    let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organization WHERE code = $1")
        .bind(new.code.as_str())
        .fetch_one(&mut *conn)
        .await?;
    if exists > 0 {
        return Err(StoreError::DuplicateOrg(new.code.clone()));
    }
    let id: i64 = sqlx::query_scalar("INSERT INTO organization (code, created_at) VALUES ($1, $2) RETURNING id")
        .bind(new.code.as_str())
        .bind(crate::members::now_text())
        .fetch_one(&mut *conn)
        .await?;
    let path = match &parent {
        Some(p) => p.path.child(id),
        None => OrgPath::root(id),
    };
    let node = OrgNode {
        id,
        code: new.code.clone(),
        name: name.to_owned(),
        kind: new.kind,
        parent_id: parent.map(|p| p.id),
        path,
        valid_from: new.valid_from,
        valid_to: None,
    };
    insert_version(conn, &node).await?;
    Ok(node)
}

pub(crate) async fn move_org(
    conn: &mut AnyConnection,
    code: &OrgCode,
    new_parent: &OrgCode,
    date: Date,
) -> StoreResult<()> {
    check_history_date(date, today())?;
    let org = current_version(conn, code, date).await?;
    let parent = open_version_on(conn, new_parent, date).await?;
    move_subtree(conn, &org, &parent, date).await
}

pub(crate) async fn rename_org(conn: &mut AnyConnection, code: &OrgCode, name: &str, date: Date) -> StoreResult<()> {
    let name = daihoi_core::text::org_name(name).map_err(StoreError::text("name"))?;
    check_history_date(date, today())?;
    let org = current_version(conn, code, date).await?;
    let renamed = OrgNode { name: name.to_owned(), ..org.clone() };
    replace_version(conn, &org, &renamed, date).await
}

pub(crate) async fn merge_org(
    conn: &mut AnyConnection,
    source: &OrgCode,
    into: &OrgCode,
    date: Date,
) -> StoreResult<()> {
    check_history_date(date, today())?;
    let src = current_version(conn, source, date).await?;
    let dst = open_version_on(conn, into, date).await?;
    if src.path.contains(&dst.path) {
        return Err(StoreError::Cycle { org: src.code, new_parent: dst.code });
    }
    let children_sql = format!(
        "SELECT {NODE_COLUMNS} FROM org_version v JOIN organization o ON o.id = v.org_id \
         WHERE v.valid_to IS NULL AND v.parent_id = $1 ORDER BY v.path"
    );
    let children = nodes(&sqlx::query(AssertSqlSafe(children_sql)).bind(src.id).fetch_all(&mut *conn).await?)?;
    for child in &children {
        move_subtree(conn, child, &dst, date).await?;
    }
    let moved = crate::members::transfer_open_memberships(conn, &src, &dst, date).await?;
    if moved > 0 && !dst.kind.holds_members() {
        return Err(StoreError::KindMismatch {
            child: "member",
            child_code: src.code,
            parent: dst.kind.vi(),
            parent_code: dst.code,
        });
    }
    end_version(conn, &src, date).await?;
    sqlx::query("UPDATE organization SET merged_into = $1 WHERE id = $2")
        .bind(dst.id)
        .bind(src.id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(crate) async fn dissolve_org(conn: &mut AnyConnection, code: &OrgCode, date: Date) -> StoreResult<()> {
    check_history_date(date, today())?;
    let org = current_version(conn, code, date).await?;
    let children: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM org_version WHERE valid_to IS NULL AND parent_id = $1")
            .bind(org.id)
            .fetch_one(&mut *conn)
            .await?;
    let members: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM membership WHERE valid_to IS NULL AND org_id = $1")
        .bind(org.id)
        .fetch_one(&mut *conn)
        .await?;
    if children > 0 || members > 0 {
        return Err(StoreError::NotEmpty {
            org: org.code,
            date,
            children: children.unsigned_abs(),
            members: members.unsigned_abs(),
        });
    }
    end_version(conn, &org, date).await?;
    Ok(())
}

async fn code_of(conn: &mut AnyConnection, id: i64) -> StoreResult<OrgCode> {
    let code: String =
        sqlx::query_scalar("SELECT code FROM organization WHERE id = $1").bind(id).fetch_one(&mut *conn).await?;
    OrgCode::parse(&code).map_err(|e| StoreError::corrupt(e.to_string()))
}

/// The open (current) version of an organization.
pub(crate) async fn open_version(conn: &mut AnyConnection, code: &OrgCode) -> StoreResult<OrgNode> {
    let sql = format!(
        "SELECT {NODE_COLUMNS} FROM org_version v JOIN organization o ON o.id = v.org_id \
         WHERE v.valid_to IS NULL AND o.code = $1"
    );
    let row = sqlx::query(AssertSqlSafe(sql)).bind(code.as_str()).fetch_optional(&mut *conn).await?;
    row.as_ref().map(node).transpose()?.ok_or_else(|| StoreError::UnknownOrg(code.clone()))
}

/// The open version of an organization that a change places something
/// under (a parent, the organization merged into) on `date`: it must exist
/// on `date` ([`StoreError::OrgNotOnDate`], or [`StoreError::UnknownOrg`]
/// when it never existed) and still exist now (O-CURRENT-1: one dissolved or
/// merged since is [`StoreError::EndedSince`], not an unknown organization).
/// When it has moved or been renamed since, its current version is the one
/// returned.
async fn open_version_on(conn: &mut AnyConnection, code: &OrgCode, date: Date) -> StoreResult<OrgNode> {
    let sql = named(
        &format!(
            "SELECT {NODE_COLUMNS} FROM org_version v JOIN organization o ON o.id = v.org_id \
             WHERE {VALID_ON} AND o.code = $code"
        ),
        &["date", "code"],
    );
    let row = sqlx::query(AssertSqlSafe(sql)).bind(iso(date)).bind(code.as_str()).fetch_optional(&mut *conn).await?;
    let Some(then) = row.as_ref().map(node).transpose()? else {
        let versions: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM org_version v JOIN organization o ON o.id = v.org_id WHERE o.code = $1",
        )
        .bind(code.as_str())
        .fetch_one(&mut *conn)
        .await?;
        return Err(if versions == 0 {
            StoreError::UnknownOrg(code.clone())
        } else {
            StoreError::OrgNotOnDate { code: code.clone(), date }
        });
    };
    if then.valid_to.is_none() {
        return Ok(then);
    }
    current_version(conn, code, date).await
}

/// The open version of the organization a change concerns, on `date`:
/// [`StoreError::UnknownOrg`] when it never existed, and O-CURRENT-1's
/// [`StoreError::EndedSince`] when it was dissolved or merged (with the day
/// and what it was merged into), not "no organization".
async fn current_version(conn: &mut AnyConnection, code: &OrgCode, date: Date) -> StoreResult<OrgNode> {
    match open_version(conn, code).await {
        Err(StoreError::UnknownOrg(_)) => {}
        other => return other,
    }
    let (ended, merged_into): (Option<String>, Option<String>) = sqlx::query_as(
        "SELECT (SELECT MAX(v.valid_to) FROM org_version v WHERE v.org_id = o.id), m.code \
         FROM organization o LEFT JOIN organization m ON m.id = o.merged_into WHERE o.code = $1",
    )
    .bind(code.as_str())
    .fetch_optional(&mut *conn)
    .await?
    .unwrap_or((None, None));
    let Some(ended) = ended.as_deref().and_then(from_iso) else { return Err(StoreError::UnknownOrg(code.clone())) };
    let merged_into = merged_into.as_deref().and_then(|c| OrgCode::parse(c).ok());
    Err(StoreError::EndedSince { code: code.clone(), on: date, ended, merged_into })
}

async fn insert_version(conn: &mut AnyConnection, node: &OrgNode) -> StoreResult<()> {
    crate::db::tree_changed(&mut *conn).await?;
    sqlx::query(
        "INSERT INTO org_version (org_id, parent_id, name, name_key, kind, path, valid_from, valid_to) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(node.id)
    .bind(node.parent_id)
    .bind(&node.name)
    .bind(search_key(&node.name))
    .bind(node.kind.code())
    .bind(node.path.as_str())
    .bind(iso(node.valid_from))
    .bind(node.valid_to.map(iso))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Replaces the open version `current` by `next` from `date` on. A change on
/// the first day of the current version rewrites it instead of leaving an
/// empty period.
async fn replace_version(conn: &mut AnyConnection, current: &OrgNode, next: &OrgNode, date: Date) -> StoreResult<()> {
    if date < current.valid_from {
        return Err(StoreError::NotAfterCurrent { org: current.code.clone(), date, current_from: current.valid_from });
    }
    if date == current.valid_from {
        crate::db::tree_changed(&mut *conn).await?;
        sqlx::query(
            "UPDATE org_version SET parent_id = $1, name = $2, name_key = $3, kind = $4, path = $5 \
             WHERE org_id = $6 AND valid_to IS NULL",
        )
        .bind(next.parent_id)
        .bind(&next.name)
        .bind(search_key(&next.name))
        .bind(next.kind.code())
        .bind(next.path.as_str())
        .bind(current.id)
        .execute(&mut *conn)
        .await?;
        return Ok(());
    }
    end_version(conn, current, date).await?;
    insert_version(conn, &OrgNode { valid_from: date, valid_to: None, ..next.clone() }).await
}

async fn end_version(conn: &mut AnyConnection, current: &OrgNode, date: Date) -> StoreResult<()> {
    crate::db::tree_changed(&mut *conn).await?;
    if date < current.valid_from {
        return Err(StoreError::NotAfterCurrent { org: current.code.clone(), date, current_from: current.valid_from });
    }
    if date == current.valid_from {
        // Two changes on one day (a commune moved, then merged, on the same
        // date): the version opened that morning never held; drop it, and the
        // previous version, already closed on `date`, is the last one.
        let previous: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM org_version WHERE org_id = $1 AND valid_to = $2")
            .bind(current.id)
            .bind(iso(date))
            .fetch_one(&mut *conn)
            .await?;
        if previous == 0 {
            return Err(StoreError::NotAfterCurrent {
                org: current.code.clone(),
                date,
                current_from: current.valid_from,
            });
        }
        sqlx::query("DELETE FROM org_version WHERE org_id = $1 AND valid_to IS NULL")
            .bind(current.id)
            .execute(&mut *conn)
            .await?;
        return Ok(());
    }
    sqlx::query("UPDATE org_version SET valid_to = $1 WHERE org_id = $2 AND valid_to IS NULL")
        .bind(iso(date))
        .bind(current.id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Moves `org` and its open subtree under `parent` from `date` on: every
/// organization of the subtree gets a new version with its rebased path.
async fn move_subtree(conn: &mut AnyConnection, org: &OrgNode, parent: &OrgNode, date: Date) -> StoreResult<()> {
    if !org.kind.may_sit_under(parent.kind) {
        return Err(StoreError::KindMismatch {
            child: org.kind.vi(),
            child_code: org.code.clone(),
            parent: parent.kind.vi(),
            parent_code: parent.code.clone(),
        });
    }
    if org.path.contains(&parent.path) {
        return Err(StoreError::Cycle { org: org.code.clone(), new_parent: parent.code.clone() });
    }
    let new_root = parent.path.child(org.id);
    let (low, high) = org.path.subtree_range();
    let sql = format!(
        "SELECT {NODE_COLUMNS} FROM org_version v JOIN organization o ON o.id = v.org_id \
         WHERE v.valid_to IS NULL AND v.path >= $1 AND v.path < $2 ORDER BY v.path"
    );
    let subtree = nodes(&sqlx::query(AssertSqlSafe(sql)).bind(low).bind(high).fetch_all(&mut *conn).await?)?;
    for member in &subtree {
        let path = member
            .path
            .rebased(&org.path, &new_root)
            .ok_or_else(|| StoreError::corrupt(format!("{} is not under {}", member.path, org.path)))?;
        let parent_id = if member.id == org.id { Some(parent.id) } else { member.parent_id };
        let next = OrgNode { path, parent_id, ..member.clone() };
        replace_version(conn, member, &next, date).await?;
    }
    Ok(())
}

/// Creates the organizations of a file in one transaction, parents before
/// children whatever the order of the rows. An organization already stored
/// with the same name, kind and parent is left as it is; one stored
/// differently is refused (changes go through move and rename, which keep
/// the history).
pub(crate) async fn import_orgs(
    conn: &mut AnyConnection,
    rows: &[NewOrgRow],
) -> Result<OrgImportReport, OrgImportError> {
    let mut report = OrgImportReport::default();
    let mut pending: Vec<&NewOrgRow> = Vec::new();
    for row in rows {
        match open_version(&mut *conn, &row.code).await {
            Ok(stored) => {
                let parent_code = match stored.parent_id {
                    Some(id) => Some(code_of(&mut *conn, id).await?),
                    None => None,
                };
                let differs = if stored.name != row.name.trim() {
                    Some(("name", stored.name.clone()))
                } else if stored.kind != row.kind {
                    Some(("kind", stored.kind.code().to_owned()))
                } else if parent_code != row.parent {
                    Some(("parent", parent_code.map(|c| c.to_string()).unwrap_or_default()))
                } else {
                    None
                };
                if let Some((what, stored)) = differs {
                    let error = StoreError::OrgDiffers { code: row.code.clone(), what, stored };
                    return Err(OrgImportError::Row { line: row.line, error });
                }
                report.unchanged += 1;
            }
            Err(StoreError::UnknownOrg(_)) => pending.push(row),
            Err(e) => return Err(e.into()),
        }
    }
    let mut known: std::collections::HashSet<&OrgCode> = std::collections::HashSet::new();
    while !pending.is_empty() {
        let before = pending.len();
        let mut waiting = Vec::new();
        for row in pending {
            let ready = match &row.parent {
                None => true,
                Some(p) => known.contains(p) || open_version(&mut *conn, p).await.is_ok(),
            };
            if !ready {
                waiting.push(row);
                continue;
            }
            let new = NewOrg {
                code: &row.code,
                name: &row.name,
                kind: row.kind,
                parent: row.parent.as_ref(),
                valid_from: row.valid_from,
            };
            create_org(&mut *conn, &new).await.map_err(|error| OrgImportError::Row { line: row.line, error })?;
            known.insert(&row.code);
            report.created += 1;
        }
        if waiting.len() == before {
            let row = waiting[0];
            let error = StoreError::UnknownParent {
                child: row.code.clone(),
                parent: row.parent.clone().unwrap_or_else(|| row.code.clone()),
            };
            return Err(OrgImportError::Row { line: row.line, error });
        }
        pending = waiting;
    }
    Ok(report)
}
