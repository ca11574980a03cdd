//! Importing and exporting the task file (T-7): idempotent by external id
//! (mã nhiệm vụ), all or nothing, with every refused row reported.
//!
//! Every row is checked first against the register (the source document by
//! number and issue date, D-NUM-5), the tree on the import's date and the
//! stored tasks; parents may come after their children in the file. If any
//! row is refused, nothing is written. Otherwise one transaction creates the
//! new tasks, parents first, and updates the stored ones where the file
//! differs. A second import of the same file finds every row unchanged.
//!
//! What an import may change of a stored task: its title, clause, deadline,
//! weight and classification, and its assignee while the task has neither a
//! log nor sub-tasks. Its source document (T-1) and its parent (T-2) are
//! what the task is; changing them is refused.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use daihoi_core::date::{iso, vi};
use daihoi_core::{OrgCode, OrgPath};
use daihoi_documents::{DocKey, DocNumber, DocType, Issuer};
use daihoi_tracking::Weight;
use daihoi_tracking::sheet::{Column, TaskRow};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AssertSqlSafe, Row};
use time::Date;

use crate::access::Viewer;
use crate::documents::{Classification, Document};
use crate::members::now_text;
use crate::orgs::{OrgNode, opt_date_col};
use crate::tasks::policy;
use crate::write::Change;
use crate::{Db, StoreError, StoreResult, placeholders};

/// The task file's columns and checked rows, as [`Db::import_tasks`] takes
/// them (re-exported so that callers need not depend on `daihoi-tracking`).
pub use daihoi_tracking::sheet;

/// How many values go into one `IN (…)` list.
const CHUNK: usize = 200;

/// What an import did, or would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskImportReport {
    /// Rows that create a task.
    pub created: u64,
    /// Rows that change a stored task.
    pub updated: u64,
    /// Rows identical to the stored task.
    pub unchanged: u64,
    /// Every refused row, by row and column. When not empty, nothing was
    /// written, and the counts say what the other rows would have done.
    pub problems: Vec<TaskRowProblem>,
    /// Whether the import was written (not a dry run, no problem).
    pub written: bool,
}

/// A refused row: where, which column, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRowProblem {
    /// The row in the file (1-based).
    pub line: usize,
    pub column: Column,
    /// The cell as the file writes it.
    pub value: String,
    pub refusal: TaskRefusal,
}

/// Why the store refuses a row that was valid on its own.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaskRefusal {
    #[error("T-7: the external id {id:?} is also on row {first_line}")]
    DuplicateExternalId { id: String, first_line: usize },
    #[error("D-NUM-5: no document {number} of {date} in the register")]
    UnknownDocument { number: String, date: String },
    #[error("no organization has the code {0}")]
    UnknownOrganization(OrgCode),
    #[error("organization {code} does not exist on {date}")]
    OrgNotOnDate { code: OrgCode, date: String },
    #[error("T-2: no task has the external id {0:?}, neither in the file nor stored")]
    UnknownParent(String),
    #[error("T-2: the parents make a circle: {}", .0.join(" → "))]
    ParentCycle(Vec<String>),
    #[error("T-2: {org} is not in the subtree of {parent_org}, the assignee of the parent task {parent:?}, on {date}")]
    OutsideParentSubtree { org: OrgCode, parent: String, parent_org: String, date: String },
    #[error("T-1: the stored task comes from {stored}; an import does not change a task's source document")]
    DocumentChanged { stored: String },
    #[error("T-2: the stored task's parent is {stored}; an import does not move a task under another parent")]
    ParentChanged { stored: String },
    #[error(
        "the assignee cannot change from {from}: the task already has {events} log events and {subtasks} sub-tasks, \
         which are its current assignee's work (record a new task instead)"
    )]
    AssigneeLocked { from: OrgCode, events: u64, subtasks: u64 },
    #[error("{0} is outside your subtree (your roles do not write there)")]
    OutsideYourSubtree(OrgCode),
    /// The file is imported for one organization's subtree (its task file
    /// page), and the row's assignee, or the stored task's, is outside it.
    #[error("{org} is outside the subtree of {root}, whose task file this is")]
    OutsideThisSubtree { org: OrgCode, root: OrgCode },
    #[error("the stored task is assigned to {0}, outside your subtree (your roles do not write there)")]
    TaskOutsideYourSubtree(OrgCode),
    #[error("T-6: {what} ({}) is above your clearance", .level.code())]
    AboveClearance { what: Classified, level: Classification },
    #[error("T-2: the deadline {deadline} is after the deadline of the parent task {parent:?}, {parent_deadline}")]
    DeadlineAfterParent { deadline: String, parent: String, parent_deadline: String },
    #[error(
        "T-2: {count} open sub-tasks of this task have a deadline after {deadline} (first: {first}); \
         move them in the same file or keep the deadline"
    )]
    SubtasksAfterDeadline { deadline: String, count: usize, first: String },
}

/// What a row names that is above the viewer's clearance (T-6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Classified {
    /// The row's source document, by its number.
    Document(String),
    /// The task the row would write, at the row's classification.
    Task,
    /// The stored task the row would change (its task file row names it,
    /// its document and its parent: the highest of the three).
    StoredTask,
    /// The row's parent, a stored task, by its external id (as the row
    /// writes it).
    Parent(String),
}

impl std::fmt::Display for Classified {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Classified::Document(number) => write!(f, "the document {number}"),
            Classified::Task => f.write_str("a task"),
            Classified::StoredTask => f.write_str("the stored task"),
            Classified::Parent(id) => write!(f, "the parent task {id:?}"),
        }
    }
}

/// The store's classification of a file's.
pub(crate) fn level(c: sheet::Classification) -> Classification {
    match c {
        sheet::Classification::Normal => Classification::Normal,
        sheet::Classification::Confidential => Classification::Confidential,
        sheet::Classification::Secret => Classification::Secret,
    }
}

/// The file's classification of the store's.
fn file_level(c: Classification) -> sheet::Classification {
    match c {
        Classification::Normal => sheet::Classification::Normal,
        Classification::Confidential => sheet::Classification::Confidential,
        Classification::Secret => sheet::Classification::Secret,
    }
}

/// What is stored of a task named in the file.
struct Stored {
    id: i64,
    document_id: i64,
    clause: String,
    title: String,
    org_id: i64,
    org: OrgCode,
    parent: Option<(i64, Option<String>)>,
    weight: Option<f64>,
    deadline: Option<Date>,
    classification: Classification,
    /// T-6: the highest of the task's, its document's and its parent's
    /// classifications: what its row in the task file names.
    row_level: Classification,
    events: u64,
    subtasks: u64,
}

fn stored(row: &AnyRow) -> StoreResult<Stored> {
    let code: String = row.try_get("org_code")?;
    let parent_id: Option<i64> = row.try_get("parent_id")?;
    let classification: String = row.try_get("classification")?;
    let events: i64 = row.try_get("events")?;
    let subtasks: i64 = row.try_get("subtasks")?;
    let document_level: String = row.try_get("document_level")?;
    let parent_level: Option<String> = row.try_get("parent_level")?;
    let classification = Classification::parse(&classification)?;
    let mut row_level = classification.max(Classification::parse(&document_level)?);
    if let Some(p) = parent_level {
        row_level = row_level.max(Classification::parse(&p)?);
    }
    Ok(Stored {
        id: row.try_get("id")?,
        document_id: row.try_get("document_id")?,
        clause: row.try_get("clause")?,
        title: row.try_get("title")?,
        org_id: row.try_get("org_id")?,
        org: OrgCode::parse(&code).map_err(|e| StoreError::corrupt(e.to_string()))?,
        parent: match parent_id {
            Some(id) => Some((id, row.try_get("parent_external_id")?)),
            None => None,
        },
        weight: row.try_get("weight")?,
        deadline: opt_date_col(row, "deadline")?,
        classification,
        row_level,
        events: u64::try_from(events).unwrap_or(0),
        subtasks: u64::try_from(subtasks).unwrap_or(0),
    })
}

/// The stored tasks with these external ids, by external id.
async fn stored_tasks(conn: &mut AnyConnection, ids: &[&str]) -> StoreResult<HashMap<String, Stored>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let sql = format!(
            "SELECT t.id AS id, t.external_id AS external_id, t.document_id AS document_id, t.clause AS clause, \
             t.title AS title, t.org_id AS org_id, o.code AS org_code, t.parent_id AS parent_id, \
             p.external_id AS parent_external_id, t.weight AS weight, t.deadline AS deadline, \
             t.classification AS classification, \
             (SELECT COUNT(*) FROM task_event e WHERE e.task_id = t.id) AS events, \
             (SELECT COUNT(*) FROM task s WHERE s.parent_id = t.id) AS subtasks, \
             d.classification AS document_level, p.classification AS parent_level \
             FROM task t JOIN organization o ON o.id = t.org_id JOIN document d ON d.id = t.document_id \
             LEFT JOIN task p ON p.id = t.parent_id \
             WHERE t.external_id IN ({})",
            placeholders::list(1, chunk.len())
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for id in chunk {
            q = q.bind(*id);
        }
        for row in q.fetch_all(&mut *conn).await? {
            let external: String = row.try_get("external_id")?;
            out.insert(external, stored(&row)?);
        }
    }
    Ok(out)
}

/// An organization's id and path on `date`, by code.
async fn org_on(conn: &mut AnyConnection, code: &OrgCode, date: Date) -> StoreResult<Option<(i64, OrgPath)>> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "SELECT o.id, v.path FROM org_version v JOIN organization o ON o.id = v.org_id \
         WHERE v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) AND o.code = $2",
    )
    .bind(iso(date))
    .bind(code.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|(id, path)| Ok((id, stored_path(&path)?))).transpose()
}

fn stored_path(path: &str) -> StoreResult<OrgPath> {
    OrgPath::from_stored(path).ok_or_else(|| StoreError::corrupt(format!("bad path {path:?}")))
}

/// An organization's path on `date`, by id; with `or_open`, its open
/// version's when it does not exist on `date`.
async fn path_by_id(conn: &mut AnyConnection, id: i64, date: Date, or_open: bool) -> StoreResult<Option<OrgPath>> {
    let path: Option<String> = sqlx::query_scalar(
        "SELECT v.path FROM org_version v \
         WHERE v.valid_from <= $1 AND (v.valid_to IS NULL OR v.valid_to > $1) AND v.org_id = $2",
    )
    .bind(iso(date))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let path = match path {
        None if or_open => {
            sqlx::query_scalar("SELECT v.path FROM org_version v WHERE v.valid_to IS NULL AND v.org_id = $1")
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?
        }
        p => p,
    };
    path.as_deref().map(stored_path).transpose()
}

/// The document with this identity (D-NUM-5): its id and classification.
async fn document_id(
    conn: &mut AnyConnection,
    number: &DocNumber,
    issued: Date,
) -> StoreResult<Option<(i64, Classification)>> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, classification FROM document WHERE issuer = $1 AND doc_type = $2 AND number = $3 AND issued_on = $4",
    )
    .bind(number.issuer().as_str())
    .bind(number.doc_type().as_str())
    .bind(i64::from(number.number()))
    .bind(iso(issued))
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|(id, c)| Ok((id, Classification::parse(&c)?))).transpose()
}

/// "23-NQ/TU of 03/03/2024".
async fn document_label(conn: &mut AnyConnection, id: i64) -> StoreResult<String> {
    let (number_text, doc_type, issuer, issued_on): (String, String, String, String) =
        sqlx::query_as("SELECT number_text, doc_type, issuer, issued_on FROM document WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
    let issued = daihoi_core::date::from_iso(&issued_on).map_or(issued_on, vi);
    Ok(format!("{number_text}-{doc_type}/{issuer} of {issued}"))
}

/// Who imports through [`Scoped`]: rows must be where the viewer writes and
/// within their clearance.
struct Access<'a> {
    viewer: &'a Viewer,
    clearance: Classification,
    /// The organization whose subtree the file is for, if one.
    within: Option<&'a OrgNode>,
}

impl Access<'_> {
    /// Why a task assigned at `path` (to `org`) may not be written by this
    /// import, if it may not.
    fn refusal(&self, path: &OrgPath, org: &OrgCode, stored: bool) -> Option<TaskRefusal> {
        if !policy::may_assign(self.viewer.reach(path)) {
            return Some(if stored {
                TaskRefusal::TaskOutsideYourSubtree(org.clone())
            } else {
                TaskRefusal::OutsideYourSubtree(org.clone())
            });
        }
        match self.within {
            Some(root) if !root.path.contains(path) => {
                Some(TaskRefusal::OutsideThisSubtree { org: org.clone(), root: root.code.clone() })
            }
            _ => None,
        }
    }
}

/// What a checked row will do.
enum Action {
    Create,
    Update(i64),
    Unchanged,
}

/// A checked row.
struct Planned<'r> {
    row: &'r TaskRow,
    document_id: i64,
    org_id: i64,
    action: Action,
}

/// The deepest organization path that contains all of `paths`.
fn common_root<'p>(paths: impl IntoIterator<Item = &'p OrgPath>) -> Option<OrgPath> {
    let mut common: Option<Vec<i64>> = None;
    for p in paths {
        let ids: Vec<i64> = p.ids().collect();
        common = Some(match common {
            None => ids,
            Some(c) => c.iter().zip(&ids).take_while(|(a, b)| a == b).map(|(a, _)| *a).collect(),
        });
    }
    let ids = common?;
    let (first, rest) = ids.split_first()?;
    Some(rest.iter().fold(OrgPath::root(*first), |p, id| p.child(*id)))
}

/// What [`import_tasks`] read besides its report, for the audit log.
struct Imported {
    /// The organization that contains every row's assignee.
    root: Option<OrgPath>,
    /// T-6: the highest classification the file names (its tasks, their
    /// documents, the stored tasks it changes).
    highest: Classification,
}

/// Checks every row and, when none is refused, writes them on `conn` (the
/// caller commits or rolls back).
async fn import_tasks(
    conn: &mut AnyConnection,
    rows: &[TaskRow],
    date: Date,
    access: Option<&Access<'_>>,
) -> StoreResult<(TaskImportReport, Imported)> {
    let mut report = TaskImportReport::default();
    let mut highest = Classification::Normal;
    let mut problems = Vec::new();
    let mut refuse = |row: &TaskRow, column: Column, refusal: TaskRefusal| {
        problems.push(TaskRowProblem { line: row.line, column, value: row.text(column), refusal });
    };

    // T-7: one row per external id.
    let mut first: HashMap<&str, &TaskRow> = HashMap::new();
    let mut duplicate: HashSet<usize> = HashSet::new();
    for (i, r) in rows.iter().enumerate() {
        match first.get(r.external_id.as_str()) {
            Some(f) => {
                let refusal = TaskRefusal::DuplicateExternalId { id: r.external_id.clone(), first_line: f.line };
                refuse(r, Column::ExternalId, refusal);
                duplicate.insert(i);
            }
            None => {
                first.insert(&r.external_id, r);
            }
        }
    }
    let mut named: Vec<&str> = first.keys().copied().collect();
    named.extend(rows.iter().filter_map(|r| r.parent.as_deref()).filter(|p| !first.contains_key(p)));
    named.sort_unstable();
    named.dedup();
    let stored = stored_tasks(&mut *conn, &named).await?;

    // The assignees on the import's date, and what each row does.
    let mut orgs: HashMap<&str, Option<(i64, OrgPath)>> = HashMap::new();
    let mut documents: HashMap<DocKey, Option<(i64, Classification)>> = HashMap::new();
    let mut planned: HashMap<&str, Planned<'_>> = HashMap::new();
    let mut paths: Vec<OrgPath> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        if duplicate.contains(&i) {
            continue;
        }
        let mut ok = true;
        let key = r.document.key(r.document_date);
        let document = match documents.get(&key) {
            Some(found) => *found,
            None => {
                let found = document_id(&mut *conn, &r.document, r.document_date).await?;
                documents.insert(key, found);
                found
            }
        };
        let document_id = match document {
            Some((_, c)) if access.is_some_and(|a| c > a.clearance) => {
                let what = Classified::Document(r.document.to_string());
                refuse(r, Column::DocumentNumber, TaskRefusal::AboveClearance { what, level: c });
                None
            }
            Some((id, c)) => {
                highest = highest.max(c);
                Some(id)
            }
            None => {
                let (number, date) = (r.document.to_string(), vi(r.document_date));
                refuse(r, Column::DocumentNumber, TaskRefusal::UnknownDocument { number, date });
                None
            }
        };
        if !orgs.contains_key(r.assignee.as_str()) {
            let found = org_on(&mut *conn, &r.assignee, date).await?;
            orgs.insert(r.assignee.as_str(), found);
        }
        let org = orgs[r.assignee.as_str()].clone();
        let org = match org {
            Some((id, path)) => {
                paths.push(path.clone());
                if let Some(refusal) = access.and_then(|a| a.refusal(&path, &r.assignee, false)) {
                    refuse(r, Column::Assignee, refusal);
                    ok = false;
                }
                Some((id, path))
            }
            None => {
                let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM organization WHERE code = $1")
                    .bind(r.assignee.as_str())
                    .fetch_optional(&mut *conn)
                    .await?;
                let refusal = match exists {
                    Some(_) => TaskRefusal::OrgNotOnDate { code: r.assignee.clone(), date: vi(date) },
                    None => TaskRefusal::UnknownOrganization(r.assignee.clone()),
                };
                refuse(r, Column::Assignee, refusal);
                None
            }
        };
        let wanted = level(r.classification);
        highest = highest.max(wanted);
        if access.is_some_and(|a| wanted > a.clearance) {
            refuse(r, Column::Classification, TaskRefusal::AboveClearance { what: Classified::Task, level: wanted });
            ok = false;
        }
        let (Some(document_id), Some((org_id, _))) = (document_id, org) else { continue };
        let action = match stored.get(r.external_id.as_str()) {
            None => Action::Create,
            Some(old) => {
                highest = highest.max(old.row_level);
                // T-6: nothing of a stored task above the reader's clearance
                // is compared, so that no refusal names its document, its
                // parent or its assignee.
                if let Some(a) = access
                    && old.row_level > a.clearance
                {
                    let refusal = TaskRefusal::AboveClearance { what: Classified::StoredTask, level: old.row_level };
                    refuse(r, Column::ExternalId, refusal);
                    continue;
                }
                if let Some(a) = access {
                    let at = path_by_id(&mut *conn, old.org_id, date, true).await?;
                    let refusal = match at {
                        Some(p) => a.refusal(&p, &old.org, true),
                        None => Some(TaskRefusal::TaskOutsideYourSubtree(old.org.clone())),
                    };
                    if let Some(refusal) = refusal {
                        refuse(r, Column::ExternalId, refusal);
                        ok = false;
                    }
                }
                if old.document_id != document_id {
                    let stored = document_label(&mut *conn, old.document_id).await?;
                    refuse(r, Column::DocumentNumber, TaskRefusal::DocumentChanged { stored });
                    ok = false;
                }
                let old_parent = old.parent.as_ref().map(|(id, ext)| ext.clone().unwrap_or_else(|| format!("#{id}")));
                if old_parent.as_deref() != r.parent.as_deref() {
                    let stored = old_parent.map_or_else(|| "none".to_owned(), |p| format!("{p:?}"));
                    refuse(r, Column::Parent, TaskRefusal::ParentChanged { stored });
                    ok = false;
                }
                if old.org_id != org_id && (old.events > 0 || old.subtasks > 0) {
                    let refusal = TaskRefusal::AssigneeLocked {
                        from: old.org.clone(),
                        events: old.events,
                        subtasks: old.subtasks,
                    };
                    refuse(r, Column::Assignee, refusal);
                    ok = false;
                }
                let same = old.title == r.title.trim()
                    && old.clause == r.clause.trim()
                    && old.org_id == org_id
                    && old.weight == r.weight.map(Weight::value)
                    && old.deadline == r.deadline
                    && old.classification == wanted;
                if same { Action::Unchanged } else { Action::Update(old.id) }
            }
        };
        if ok {
            planned.insert(&r.external_id, Planned { row: r, document_id, org_id, action });
        }
    }

    // T-2: parents exist, make no circle, and hold the assignee in their
    // subtree (checked for new tasks and changed assignees).
    let mut on_cycle: HashSet<&str> = HashSet::new();
    let mut settled: HashSet<&str> = HashSet::new();
    for r in first.values() {
        let mut chain: Vec<&str> = Vec::new();
        let mut at = Some(r.external_id.as_str());
        while let Some(id) = at {
            if settled.contains(id) {
                break;
            }
            if let Some(pos) = chain.iter().position(|c| *c == id) {
                on_cycle.extend(&chain[pos..]);
                break;
            }
            chain.push(id);
            at = first.get(id).and_then(|row| row.parent.as_deref()).filter(|p| first.contains_key(p));
        }
        settled.extend(chain);
    }
    for r in rows.iter().enumerate().filter(|(i, _)| !duplicate.contains(i)).map(|(_, r)| r) {
        let Some(parent) = r.parent.as_deref() else { continue };
        if on_cycle.contains(r.external_id.as_str()) {
            let mut circle = vec![r.external_id.clone()];
            let mut at = parent;
            while at != r.external_id && circle.len() <= first.len() {
                circle.push(at.to_owned());
                at = first.get(at).and_then(|p| p.parent.as_deref()).unwrap_or(r.external_id.as_str());
            }
            circle.push(r.external_id.clone());
            refuse(r, Column::Parent, TaskRefusal::ParentCycle(circle));
            planned.remove(r.external_id.as_str());
            continue;
        }
        let Some(p) = planned.get(r.external_id.as_str()) else { continue };
        let check = match (&p.action, stored.get(r.external_id.as_str())) {
            (Action::Create, _) => true,
            (_, Some(old)) => old.org_id != p.org_id,
            _ => false,
        };
        // The parent's assignee: the file's for a parent in it, else the stored one's.
        let parent_org: Option<(OrgCode, Option<OrgPath>)> = match first.get(parent) {
            Some(row) => match orgs.get(row.assignee.as_str()) {
                Some(Some((_, path))) => Some((row.assignee.clone(), Some(path.clone()))),
                // Refused on its own row.
                _ => continue,
            },
            None => match stored.get(parent) {
                // T-6: a sub-task of a task the reader may not read.
                Some(old) if access.is_some_and(|a| old.classification > a.clearance) => {
                    let what = Classified::Parent(parent.to_owned());
                    refuse(r, Column::Parent, TaskRefusal::AboveClearance { what, level: old.classification });
                    planned.remove(r.external_id.as_str());
                    continue;
                }
                Some(old) => Some((old.org.clone(), path_by_id(&mut *conn, old.org_id, date, false).await?)),
                None => None,
            },
        };
        let Some((parent_code, parent_path)) = parent_org else {
            refuse(r, Column::Parent, TaskRefusal::UnknownParent(parent.to_owned()));
            planned.remove(r.external_id.as_str());
            continue;
        };
        let own = orgs.get(r.assignee.as_str()).and_then(Option::as_ref).map(|(_, path)| path);
        if check && !matches!((parent_path, own), (Some(pp), Some(own)) if pp.contains(own)) {
            let refusal = TaskRefusal::OutsideParentSubtree {
                org: r.assignee.clone(),
                parent: parent.to_owned(),
                parent_org: parent_code.to_string(),
                date: vi(date),
            };
            refuse(r, Column::Assignee, refusal);
            planned.remove(r.external_id.as_str());
        }
    }

    // T-2: a sub-task's deadline is at most its parent's, whichever of the
    // two the file changes (crate::tasks::deadlines): the parent's deadline
    // is the file's when the parent is in it. Pairs the file leaves as they
    // are are not checked again.
    let changes = |id: &str| planned.get(id).is_some_and(|p| !matches!(p.action, Action::Unchanged));
    let mut late_rows: Vec<(&TaskRow, TaskRefusal)> = Vec::new();
    for p in planned.values() {
        let r = p.row;
        let Some(parent) = r.parent.as_deref() else { continue };
        if !changes(&r.external_id) && !changes(parent) {
            continue;
        }
        let parent_deadline = match first.get(parent) {
            Some(row) => row.deadline,
            None => stored.get(parent).and_then(|old| old.deadline),
        };
        if let (Some(deadline), Some(parent_deadline)) = (r.deadline, parent_deadline)
            && deadline > parent_deadline
        {
            let refusal = TaskRefusal::DeadlineAfterParent {
                deadline: vi(deadline),
                parent: parent.to_owned(),
                parent_deadline: vi(parent_deadline),
            };
            late_rows.push((r, refusal));
        }
    }
    // A stored task whose deadline the file moves: its stored open
    // sub-tasks that the file does not hold must not fall after it.
    for p in planned.values() {
        let (Action::Update(id), Some(deadline)) = (&p.action, p.row.deadline) else { continue };
        if stored.get(p.row.external_id.as_str()).is_some_and(|old| old.deadline == Some(deadline)) {
            continue;
        }
        let late: Vec<_> = crate::tasks::deadlines::open_subtasks_after(&mut *conn, *id, deadline)
            .await?
            .into_iter()
            .filter(|s| s.external_id.as_deref().is_none_or(|e| !first.contains_key(e)))
            .collect();
        if let Some(one) = late.first() {
            // T-6: a sub-task above the reader's clearance by its number only.
            let first_id = match &one.external_id {
                Some(e) if access.is_none_or(|a| one.classification <= a.clearance) => e.clone(),
                _ => format!("#{}", one.id),
            };
            let refusal =
                TaskRefusal::SubtasksAfterDeadline { deadline: vi(deadline), count: late.len(), first: first_id };
            late_rows.push((p.row, refusal));
        }
    }
    for (r, refusal) in late_rows {
        refuse(r, Column::Deadline, refusal);
        planned.remove(r.external_id.as_str());
    }

    for p in planned.values() {
        match p.action {
            Action::Create => report.created += 1,
            Action::Update(_) => report.updated += 1,
            Action::Unchanged => report.unchanged += 1,
        }
    }
    problems.sort_by_key(|p| (p.line, p.column));
    report.problems = problems;
    let imported = Imported { root: common_root(&paths), highest };
    if !report.problems.is_empty() {
        return Ok((report, imported));
    }

    // Parents before their sub-tasks: by depth in the file.
    let mut depth: HashMap<&str, usize> = HashMap::new();
    for id in planned.keys() {
        let mut d = 0;
        let mut at = first.get(id).and_then(|r| r.parent.as_deref());
        while let Some(p) = at.filter(|p| first.contains_key(p)) {
            d += 1;
            at = first.get(p).and_then(|r| r.parent.as_deref());
        }
        depth.insert(id, d);
    }
    let mut order: Vec<&Planned<'_>> = planned.values().collect();
    order.sort_by_key(|p| (depth[p.row.external_id.as_str()], p.row.line));
    let mut ids: HashMap<&str, i64> = stored.iter().map(|(k, v)| (k.as_str(), v.id)).collect();
    let now = now_text();
    for p in order {
        let r = p.row;
        match p.action {
            Action::Unchanged => {}
            Action::Create => {
                let parent = match r.parent.as_deref() {
                    Some(ext) => Some(
                        *ids.get(ext).ok_or_else(|| StoreError::corrupt(format!("parent {ext:?} not yet written")))?,
                    ),
                    None => None,
                };
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO task (external_id, document_id, clause, title, org_id, parent_id, weight, deadline, \
                     workflow, classification, created_at, assigned_on) VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN \
                     $11 = 1 THEN $7 END, $8, 'assigned', $9, $10, $12) RETURNING id",
                )
                .bind(r.external_id.as_str())
                .bind(p.document_id)
                .bind(r.clause.trim())
                .bind(r.title.trim())
                .bind(p.org_id)
                .bind(parent)
                .bind(r.weight.map_or(0.0, Weight::value))
                .bind(r.deadline.map(iso))
                .bind(level(r.classification).code())
                .bind(now.as_str())
                .bind(i64::from(r.weight.is_some()))
                .bind(iso(date))
                .fetch_one(&mut *conn)
                .await?;
                ids.insert(&r.external_id, id);
            }
            Action::Update(id) => {
                sqlx::query(
                    "UPDATE task SET clause = $1, title = $2, org_id = $3, weight = CASE WHEN $8 = 1 THEN $4 END, \
                     deadline = $5, classification = $6 WHERE id = $7",
                )
                .bind(r.clause.trim())
                .bind(r.title.trim())
                .bind(p.org_id)
                .bind(r.weight.map_or(0.0, Weight::value))
                .bind(r.deadline.map(iso))
                .bind(level(r.classification).code())
                .bind(id)
                .bind(i64::from(r.weight.is_some()))
                .execute(&mut *conn)
                .await?;
            }
        }
    }
    report.written = true;
    Ok((report, imported))
}

impl Db {
    /// T-7: the tasks assigned in the subtree of `root` on `date` as rows of
    /// the task file, in the order of [`Db::tasks_in`]; importing them on
    /// the same date changes nothing. Every task has an external id: one
    /// created without is given `T<id>` then (`Db::create_task`), one stored
    /// before that by migration 0015; only a row the migration could not name
    /// (its `T<id>` was taken) is named here, once (`T<id>-2`, `-3`…).
    pub async fn export_tasks(&self, root: &OrgNode, date: Date) -> StoreResult<Vec<TaskRow>> {
        self.export_tasks_up_to(root, date, Classification::Secret).await
    }

    /// [`Db::export_tasks`] without the rows that name anything above
    /// `clearance` (T-6): a row writes its task, its document's number and
    /// date and its parent's external id, so it is left out when any of the
    /// three is above it (a row without them could not be imported back).
    pub(crate) async fn export_tasks_up_to(
        &self,
        root: &OrgNode,
        date: Date,
        clearance: Classification,
    ) -> StoreResult<Vec<TaskRow>> {
        let tasks = self.tasks_in(root, date).await?;
        let mut levels: HashMap<i64, Classification> = tasks.iter().map(|t| (t.id, t.classification)).collect();
        let mut external: HashMap<i64, String> = HashMap::new();
        let mut unnamed: Vec<i64> = Vec::new();
        for t in &tasks {
            match &t.external_id {
                Some(e) => {
                    external.insert(t.id, e.clone());
                }
                None => unnamed.push(t.id),
            }
        }
        for t in &tasks {
            if let Some(parent) = t.parent_id
                && !external.contains_key(&parent)
                && !unnamed.contains(&parent)
            {
                let stored = self.task(parent).await?;
                if let Some(p) = &stored {
                    levels.insert(p.id, p.classification);
                }
                match stored.and_then(|p| p.external_id) {
                    Some(e) => {
                        external.insert(parent, e);
                    }
                    None => unnamed.push(parent),
                }
            }
        }
        if !unnamed.is_empty() {
            let mut tx = self.begin_write().await?;
            for id in unnamed {
                let name = crate::tasks::name_task(&mut tx, id).await?;
                external.insert(id, name);
            }
            tx.commit().await?;
        }
        let mut documents: HashMap<i64, Document> = HashMap::new();
        let mut rows = Vec::with_capacity(tasks.len());
        for t in tasks {
            if let Entry::Vacant(slot) = documents.entry(t.document_id) {
                let d = self
                    .document(t.document_id)
                    .await?
                    .ok_or_else(|| StoreError::corrupt(format!("task {} without its document", t.id)))?;
                slot.insert(d);
            }
            let d = &documents[&t.document_id];
            let parent = t
                .parent_id
                .map_or(Classification::Normal, |p| levels.get(&p).copied().unwrap_or(Classification::Secret));
            if t.classification.max(d.classification).max(parent) > clearance {
                continue;
            }
            let digits = u8::try_from(d.number_text.len()).unwrap_or(u8::MAX);
            let number = DocNumber::new(d.number, digits, DocType::new(&d.doc_type), Issuer::new(&d.issuer));
            rows.push(TaskRow {
                line: rows.len() + 2,
                external_id: external[&t.id].clone(),
                document: number,
                document_date: d.issued_on,
                clause: t.clause,
                title: t.title,
                assignee: t.org,
                parent: t.parent_id.map(|p| external[&p].clone()),
                weight: t.weight,
                deadline: t.deadline,
                classification: file_level(t.classification),
            });
        }
        Ok(rows)
    }
}

impl crate::tasks::access::Tasks<'_> {
    /// T-7 for a signed-in user: [`Db::import_tasks`], where every row's
    /// assignee, and the current assignee of every stored task it changes
    /// or names, is in a subtree where the viewer's roles write, and no
    /// document or task is above the viewer's clearance (T-6); other rows
    /// are refused. The import and its audit entry are written together or
    /// not at all.
    pub async fn import_tasks(
        &self,
        rows: &[TaskRow],
        date: Date,
        address: &str,
        file_name: &str,
        dry_run: bool,
    ) -> StoreResult<TaskImportReport> {
        self.import_tasks_for(None, rows, date, address, file_name, dry_run).await
    }

    /// [`Scoped::import_tasks`] of the task file of `root`'s subtree (its
    /// page): a row, or a stored task it changes, assigned outside that
    /// subtree is refused too, even where the viewer writes.
    pub async fn import_tasks_into(
        &self,
        root: &OrgNode,
        rows: &[TaskRow],
        date: Date,
        address: &str,
        file_name: &str,
        dry_run: bool,
    ) -> StoreResult<TaskImportReport> {
        self.import_tasks_for(Some(root), rows, date, address, file_name, dry_run).await
    }

    async fn import_tasks_for(
        &self,
        within: Option<&OrgNode>,
        rows: &[TaskRow],
        date: Date,
        address: &str,
        file_name: &str,
        dry_run: bool,
    ) -> StoreResult<TaskImportReport> {
        let access = Access { viewer: self.viewer, clearance: self.clearance(), within };
        self.write(address, async |w| {
            let (mut report, imported) = import_tasks(w.conn(), rows, date, Some(&access)).await?;
            if dry_run || !report.problems.is_empty() {
                report.written = false;
                return Ok(report);
            }
            let detail = format!(
                "{file_name}: {} rows, {} created, {} updated, {} unchanged",
                rows.len(),
                report.created,
                report.updated,
                report.unchanged
            );
            w.record(Change {
                action: "import_tasks",
                org_path: imported.root.clone(),
                subject: file_name.to_owned(),
                detail,
                classification: imported.highest,
            });
            Ok(report)
        })
        .await
    }
}
