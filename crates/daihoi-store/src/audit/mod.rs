//! The audit log (nhật ký): who did what, when, from where. Append-only
//! and tamper-evident: each entry carries the hash of the entry before it,
//! and `audit_head` the hash of the last one, so an entry changed, removed
//! or added behind the software's back breaks the chain at that entry
//! ([`Db::verify_audit`], `daihoi audit verify`).
//!
//! The hash of an entry is SHA-256 over the previous hash and the entry's
//! fields, each prefixed by its length so that no two field lists give the
//! same text.
//!
//! T-6: an entry carries the classification of what it names (a document's
//! number, a file's name and hash, a task's title…), and a reader below it
//! never gets the entry ([`Db::audit_entries`] leaves it out in SQL). The
//! classification is a field every writer must give ([`NewAuditEntry`] has
//! no default), so that a new kind of entry cannot forget it, and the hash
//! covers it from `audit_head.labelled_from` on: the entries written before
//! migration 0016 keep their hashes, and were labelled by 0017 from what
//! they name.

pub mod access;
pub mod policy;

use daihoi_core::OrgPath;
use sqlx::{AnyConnection, Row};

use crate::accounts::sha256_hex;
use crate::documents::Classification;
use crate::members::now_text;
use crate::{Db, StoreResult};

/// What to write in the log. No `Default`: every writer says how the entry
/// is classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEntry<'a> {
    /// The login of whoever acted (`cli:<os user>` for the command line).
    pub actor: &'a str,
    /// The client's address, or `cli`.
    pub address: &'a str,
    /// A stable code: `sign_in`, `sign_in_refused`, `import_members`, …
    pub action: &'a str,
    /// The organization concerned: readers of its subtree's log see the entry.
    pub org_path: Option<&'a OrgPath>,
    /// What was acted on, as people read it (a code, a card number, a login).
    pub subject: &'a str,
    /// Details (counts, the old and new value).
    pub detail: &'a str,
    /// T-6: the highest classification of what `subject` and `detail` name
    /// (a secret document's number, the title of a secret task, a file of a
    /// secret document): readers below it never get the entry.
    /// [`Classification::Normal`] only for entries that name nothing
    /// classified (an account, an organization, a sign-in).
    pub classification: Classification,
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    pub address: String,
    pub action: String,
    pub org_path: Option<String>,
    pub subject: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
    /// T-6: the classification of what it names.
    pub classification: Classification,
}

/// Which entries to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    /// From this day (`yyyy-mm-dd`, included).
    pub from: Option<String>,
    /// To this day (`yyyy-mm-dd`, included).
    pub to: Option<String>,
    pub offset: u64,
    pub limit: u64,
}

/// A point of the log kept outside the database by the operator
/// (`daihoi audit checkpoint`): the last entry's number and hash. Written
/// and read as `NUMBER:HASH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditCheckpoint {
    pub last_id: i64,
    pub hash: String,
}

impl std::fmt::Display for AuditCheckpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.last_id, self.hash)
    }
}

impl std::str::FromStr for AuditCheckpoint {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let (id, hash) =
            text.trim().split_once(':').ok_or("expected NUMBER:HASH, as daihoi audit checkpoint prints it")?;
        let last_id = id.parse::<i64>().ok().filter(|n| *n > 0).ok_or("the entry number is not a positive number")?;
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("the hash is not 64 hexadecimal digits".to_owned());
        }
        Ok(AuditCheckpoint { last_id, hash: hash.to_ascii_lowercase() })
    }
}

/// The result of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditCheck {
    /// Every entry links to the one before and the head names the last.
    Intact { entries: u64 },
    /// The first entry where the chain breaks, and how.
    Broken { entry: i64, why: String },
}

/// The hash of entry `id`; `labelled`: the hash covers its classification
/// (every entry from `audit_head.labelled_from` on).
fn entry_hash(prev: &str, id: i64, e: &NewAuditEntry<'_>, at: &str, labelled: bool) -> String {
    let path = e.org_path.map(|p| p.as_str()).unwrap_or("");
    let id = id.to_string();
    let mut text = String::new();
    let label = labelled.then(|| e.classification.code());
    for field in
        [prev, id.as_str(), at, e.actor, e.address, e.action, path, e.subject, e.detail].into_iter().chain(label)
    {
        text.push_str(&field.len().to_string());
        text.push(':');
        text.push_str(field);
        text.push('|');
    }
    sha256_hex(&text)
}

/// Appends an entry inside the caller's transaction, so that the entry is
/// written if and only if what it records is.
pub(crate) async fn append(conn: &mut AnyConnection, e: &NewAuditEntry<'_>) -> StoreResult<i64> {
    append_all(conn, std::slice::from_ref(e)).await
}

/// Appends `entries`, in order, inside the caller's transaction; returns
/// the last one's id (the head's when there are none). The head is locked
/// and read in one statement and written once: the chain's lock is held,
/// until the commit, for as few round trips as can be.
pub(crate) async fn append_all(conn: &mut AnyConnection, entries: &[NewAuditEntry<'_>]) -> StoreResult<i64> {
    // Lock the head first: on SQLite the first write of a transaction takes
    // the write lock (and waits for it), on PostgreSQL the row lock queues
    // concurrent appends, and RETURNING reads the head as the last of them
    // left it.
    let (last_id, mut last_hash, labelled_from): (i64, String, i64) = sqlx::query_as(
        "UPDATE audit_head SET last_id = last_id WHERE id = 1 RETURNING last_id, last_hash, labelled_from",
    )
    .fetch_one(&mut *conn)
    .await?;
    let mut id = last_id;
    for e in entries {
        id += 1;
        let at = now_text();
        let hash = entry_hash(&last_hash, id, e, &at, id >= labelled_from);
        sqlx::query(
            "INSERT INTO audit_entry (id, at, actor, address, action, org_path, subject, detail, prev_hash, hash, \
             classification) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(id)
        .bind(&at)
        .bind(e.actor)
        .bind(e.address)
        .bind(e.action)
        .bind(e.org_path.map(|p| p.as_str().to_owned()))
        .bind(e.subject)
        .bind(e.detail)
        .bind(&last_hash)
        .bind(&hash)
        .bind(e.classification.code())
        .execute(&mut *conn)
        .await?;
        last_hash = hash;
    }
    if id != last_id {
        sqlx::query("UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE id = 1")
            .bind(id)
            .bind(&last_hash)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

const ENTRY_COLUMNS: &str =
    "id, at, actor, address, action, org_path, subject, detail, prev_hash, hash, classification";

fn entry(r: &sqlx::any::AnyRow) -> StoreResult<AuditEntry> {
    let classification: String = r.try_get("classification")?;
    Ok(AuditEntry {
        id: r.try_get("id")?,
        at: r.try_get("at")?,
        actor: r.try_get("actor")?,
        address: r.try_get("address")?,
        action: r.try_get("action")?,
        org_path: r.try_get("org_path")?,
        subject: r.try_get("subject")?,
        detail: r.try_get("detail")?,
        prev_hash: r.try_get("prev_hash")?,
        hash: r.try_get("hash")?,
        classification: Classification::parse(&classification)?,
    })
}

impl Db {
    /// Appends one entry in a transaction of its own.
    pub async fn audit(&self, e: &NewAuditEntry<'_>) -> StoreResult<i64> {
        let mut tx = self.begin_write().await?;
        let id = append(&mut tx, e).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Entries matching `filter`, newest first, up to `clearance` (T-6:
    /// an entry above it is left out, in SQL, so the page and the count
    /// agree), restricted to the subtrees `within` (entries with no
    /// organization are listed only when `within` is `None`, i.e. for the
    /// whole tree), or written by `own_actor`. Returns the page and the
    /// number of matching entries.
    pub(crate) async fn audit_entries(
        &self,
        filter: &AuditFilter,
        clearance: Classification,
        within: Option<&[OrgPath]>,
        own_actor: Option<&str>,
    ) -> StoreResult<(Vec<AuditEntry>, u64)> {
        let mut conds = vec!["1 = 1".to_owned()];
        if clearance != Classification::Secret {
            conds.push(format!("classification IN {}", clearance.sql_up_to()));
        }
        let mut binds: Vec<String> = Vec::new();
        let mut push = |cond: &str, value: String, binds: &mut Vec<String>| {
            binds.push(value);
            conds.push(cond.replace('?', &format!("${}", binds.len())));
        };
        if let Some(a) = filter.actor.as_deref().filter(|a| !a.trim().is_empty()) {
            push("actor = ?", a.trim().to_lowercase(), &mut binds);
        }
        if let Some(a) = filter.action.as_deref().filter(|a| !a.trim().is_empty()) {
            push("action = ?", a.trim().to_owned(), &mut binds);
        }
        // `at` is RFC 3339 in UTC; a day is a day in Vietnam (UTC+7), which
        // starts at 17:00 UTC the day before.
        let day_start = |d: &str| -> Option<String> {
            let day = daihoi_core::date::from_iso(d.trim())?;
            Some(format!("{}T17:00:00Z", daihoi_core::date::iso(day.previous_day()?)))
        };
        if let Some(d) = filter.from.as_deref().filter(|d| !d.trim().is_empty()) {
            push("at >= ?", day_start(d).unwrap_or_else(|| d.trim().to_owned()), &mut binds);
        }
        if let Some(d) = filter.to.as_deref().filter(|d| !d.trim().is_empty()) {
            let next = daihoi_core::date::from_iso(d.trim()).and_then(|x| x.next_day()).map(daihoi_core::date::iso);
            push("at < ?", next.as_deref().and_then(day_start).unwrap_or_else(|| format!("{}~", d.trim())), &mut binds);
        }
        if let Some(paths) = within {
            let mut any = Vec::new();
            for p in paths {
                let (lo, hi) = p.subtree_range();
                binds.push(lo);
                binds.push(hi);
                any.push(format!("(org_path >= ${} AND org_path < ${})", binds.len() - 1, binds.len()));
            }
            if let Some(actor) = own_actor {
                binds.push(actor.to_owned());
                any.push(format!("actor = ${}", binds.len()));
            }
            if any.is_empty() {
                return Ok((Vec::new(), 0));
            }
            conds.push(format!("({})", any.join(" OR ")));
        }
        let cond = conds.join(" AND ");
        let count_sql = format!("SELECT COUNT(*) FROM audit_entry WHERE {cond}");
        let mut count = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(count_sql));
        for b in &binds {
            count = count.bind(b.clone());
        }
        let total = count.fetch_one(&self.pool).await?;
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM audit_entry WHERE {cond} ORDER BY id DESC LIMIT {} OFFSET {}",
            filter.limit.clamp(1, 500),
            filter.offset
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for b in &binds {
            q = q.bind(b.clone());
        }
        let rows = q.fetch_all(&self.pool).await?;
        Ok((rows.iter().map(entry).collect::<StoreResult<_>>()?, u64::try_from(total).unwrap_or(0)))
    }

    /// Walks the whole chain in order and names the first entry that does
    /// not match: a changed field, a missing or inserted entry, a changed
    /// link, or a head that does not name the last entry.
    pub async fn verify_audit(&self) -> StoreResult<AuditCheck> {
        self.verify_audit_against(None).await
    }

    /// The log's checkpoint now: its last entry and that entry's hash, for
    /// the operator to keep outside the database. `None` for an empty log.
    pub async fn audit_checkpoint(&self) -> StoreResult<Option<AuditCheckpoint>> {
        let head =
            sqlx::query("SELECT last_id, last_hash FROM audit_head WHERE id = 1").fetch_optional(&self.pool).await?;
        let Some(head) = head else { return Ok(None) };
        let last_id: i64 = head.try_get("last_id")?;
        Ok((last_id > 0).then(|| AuditCheckpoint { last_id, hash: head.try_get("last_hash").unwrap_or_default() }))
    }

    /// [`Db::verify_audit`], and, with a `checkpoint` kept outside the
    /// database, that the entry it names is still there with the same hash:
    /// a tail removed with its head moved back to match is found.
    ///
    /// A damaged entry (a field of the wrong type, a missing head) is named
    /// as broken, never reported as a database error.
    pub async fn verify_audit_against(&self, checkpoint: Option<&AuditCheckpoint>) -> StoreResult<AuditCheck> {
        let labelled_from: Option<i64> =
            sqlx::query_scalar("SELECT labelled_from FROM audit_head WHERE id = 1").fetch_optional(&self.pool).await?;
        let Some(labelled_from) = labelled_from else {
            let last: Option<i64> =
                sqlx::query_scalar("SELECT MAX(id) AS last FROM audit_entry").fetch_one(&self.pool).await?;
            let last = last.unwrap_or(0);
            return Ok(AuditCheck::Broken {
                entry: last + 1,
                why: format!(
                    "the log's head (the number and hash of its last entry) is missing: entries after {last} may have been removed"
                ),
            });
        };
        let mut prev_hash = String::new();
        let mut prev_id = 0;
        let mut n = 0u64;
        let mut after = 0i64;
        loop {
            let sql = format!("SELECT {ENTRY_COLUMNS} FROM audit_entry WHERE id > $1 ORDER BY id LIMIT 5000");
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(after).fetch_all(&self.pool).await?;
            if rows.is_empty() {
                break;
            }
            for row in &rows {
                let e = match entry(row) {
                    Ok(e) => e,
                    Err(damage) => {
                        let id = row.try_get::<i64, _>("id").unwrap_or(prev_id + 1);
                        return Ok(AuditCheck::Broken {
                            entry: id,
                            why: format!("its stored fields are damaged ({damage})"),
                        });
                    }
                };
                if e.id != prev_id + 1 {
                    return Ok(AuditCheck::Broken {
                        entry: e.id,
                        why: format!("entry {} follows entry {prev_id}: entries are missing", e.id),
                    });
                }
                if e.prev_hash != prev_hash {
                    return Ok(AuditCheck::Broken {
                        entry: e.id,
                        why: "its link to the previous entry does not match that entry".to_owned(),
                    });
                }
                let path = e.org_path.as_deref().and_then(OrgPath::from_stored);
                if e.org_path.is_some() && path.is_none() {
                    return Ok(AuditCheck::Broken { entry: e.id, why: "its organization path is malformed".into() });
                }
                let new = NewAuditEntry {
                    actor: &e.actor,
                    address: &e.address,
                    action: &e.action,
                    org_path: path.as_ref(),
                    subject: &e.subject,
                    detail: &e.detail,
                    classification: e.classification,
                };
                if entry_hash(&prev_hash, e.id, &new, &e.at, e.id >= labelled_from) != e.hash {
                    return Ok(AuditCheck::Broken {
                        entry: e.id,
                        why: "its content does not match its hash: it was changed".to_owned(),
                    });
                }
                if let Some(cp) = checkpoint.filter(|cp| cp.last_id == e.id)
                    && cp.hash != e.hash
                {
                    return Ok(AuditCheck::Broken {
                        entry: e.id,
                        why: "its hash is not the one the checkpoint kept: the log was rewritten from here".to_owned(),
                    });
                }
                prev_hash = e.hash;
                prev_id = e.id;
                n += 1;
            }
            after = prev_id;
        }
        if let Some(cp) = checkpoint.filter(|cp| cp.last_id > prev_id) {
            return Ok(AuditCheck::Broken {
                entry: prev_id + 1,
                why: format!(
                    "the log ends at entry {prev_id} but the checkpoint names entry {}: entries were removed",
                    cp.last_id
                ),
            });
        }
        let head = sqlx::query("SELECT last_id, last_hash FROM audit_head WHERE id = 1").fetch_one(&self.pool).await?;
        let (Ok(last_id), Ok(last_hash)) = (head.try_get::<i64, _>("last_id"), head.try_get::<String, _>("last_hash"))
        else {
            return Ok(AuditCheck::Broken { entry: prev_id + 1, why: "the log's head is damaged".to_owned() });
        };
        if last_id != prev_id || last_hash != prev_hash {
            return Ok(AuditCheck::Broken {
                entry: prev_id + 1,
                why: format!("the log ends at entry {prev_id} but entry {last_id} was the last one written"),
            });
        }
        Ok(AuditCheck::Intact { entries: n })
    }
}
