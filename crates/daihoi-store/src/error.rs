//! The store's error type.

use daihoi_core::OrgCode;
use time::Date;

pub type StoreResult<T> = Result<T, StoreError>;

/// What can go wrong in the store. Domain refusals (an unknown organization,
/// a move that would make a cycle) are variants of their own so that callers
/// can show them; [`StoreError::Database`] is everything the engine reports.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("cannot create the database folder {path}: {source}")]
    CreateDir { path: String, source: std::io::Error },
    #[error("{0} already exists: a backup is never written over a file")]
    BackupExists(String),
    #[error(
        "daihoi backup copies a SQLite database; for PostgreSQL use its own tools: \
         pg_dump --format=custom --file=daihoi.dump DATABASE, and pg_restore --clean --dbname=DATABASE daihoi.dump"
    )]
    BackupOnPostgres,
    #[error("unsupported database URL {0:?} (expected sqlite:… or postgres://…)")]
    UnsupportedUrl(String),
    #[error("no organization with code {0}")]
    UnknownOrg(OrgCode),
    #[error("organization {code} does not exist on {date}")]
    OrgNotOnDate { code: OrgCode, date: Date },
    #[error("an organization with code {0} already exists")]
    DuplicateOrg(OrgCode),
    #[error("O-KIND-1: a {child} cannot sit under a {parent} ({child_code} under {parent_code})")]
    KindMismatch { child: &'static str, child_code: OrgCode, parent: &'static str, parent_code: OrgCode },
    #[error("{0}")]
    CodePlacement(#[from] daihoi_core::org::CodePlacement),
    #[error("{0}")]
    HistoryDate(#[from] daihoi_core::date::HistoryDateOutOfRange),
    #[error("{field}: {problem}")]
    BadText { field: &'static str, problem: daihoi_core::text::TextProblem },
    #[error(
        "O-CURRENT-1: {code} {} {ended}{}: a change concerns organizations that still exist (the one changed, \
         a new parent, the one merged into); use the organization that holds its place now",
        if on < ended { format!("existed on {on} but ended on") } else { "ended on".to_owned() },
        merged_into.as_ref().map(|c| format!(" (merged into {c})")).unwrap_or_default()
    )]
    EndedSince { code: OrgCode, on: Date, ended: Date, merged_into: Option<OrgCode> },
    #[error("moving {org} under {new_parent} would put it inside its own subtree")]
    Cycle { org: OrgCode, new_parent: OrgCode },
    #[error("{org}: the change on {date} is not after its current version, which starts on {current_from}")]
    NotAfterCurrent { org: OrgCode, date: Date, current_from: Date },
    #[error("{org} still has {children} sub-organizations and {members} members on {date}")]
    NotEmpty { org: OrgCode, date: Date, children: u64, members: u64 },
    #[error(
        "organization {code} already exists with another {what} ({stored:?}); change it with daihoi org rename or move"
    )]
    OrgDiffers { code: OrgCode, what: &'static str, stored: String },
    #[error("{child}: its parent {parent} is neither stored nor in the file")]
    UnknownParent { child: OrgCode, parent: OrgCode },
    #[error("not allowed: {0}")]
    Forbidden(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("{0:?} is not a valid login (3 to 64 characters: a-z, 0-9, '.', '_', '-')")]
    BadLogin(String),
    #[error("the login {0} is taken")]
    DuplicateLogin(String),
    #[error("a password needs at least {min_chars} characters")]
    WeakPassword { min_chars: usize },
    #[error("the current password is wrong")]
    WrongPassword,
    #[error("a token needs a name of 1 to 100 characters, without control characters (TEXT-1)")]
    BadTokenName,
    #[error("document {0} is already registered")]
    DuplicateDocument(String),
    #[error("already in this incoming register as number {number} of {year}")]
    AlreadyArrived { number: u64, year: i64 },
    #[error("{number} cannot arrive or be forwarded before it was issued on {issued_on}, nor after today")]
    ArrivalDate { number: String, issued_on: time::Date },
    #[error("refused forward: {0}")]
    ForwardRefused(String),
    #[error("refused link: {0}")]
    BadLink(String),
    #[error("{0}")]
    Tracking(#[from] daihoi_tracking::TrackingError),
    #[error("refused task: {0}")]
    BadTask(String),
    #[error("refused task: {0}")]
    TaskRefused(#[from] crate::tasks::create::TaskCreateRefusal),
    #[error("a conference cannot study {number} before it was issued on {issued_on}")]
    HeldBeforeIssue { number: String, issued_on: time::Date },
    #[error("refused deadline: {0}")]
    DeadlineRefused(#[from] crate::tasks::deadlines::DeadlineRefusal),
    #[error("refused change of a member: {0}")]
    MemberRefused(#[from] crate::members::MemberRefusal),
    #[error("refused: {detail} ({rule})")]
    CongressRefused { rule: &'static str, detail: String },
    #[error("refused: {0}")]
    Congress(#[from] daihoi_congress::CongressError),
    #[error("refused: {detail} ({rule})")]
    ElectionRefused { rule: &'static str, detail: String },
    /// A congress document's rule refused (congress.md §3, C-PLAN-5…7).
    #[error("refused: {detail} ({rule})")]
    DraftRefused { rule: &'static str, detail: String },
    /// A rule of petitions refused (petitions.md, P-1…P-10).
    #[error("refused: {detail} ({rule})")]
    PetitionRefused { rule: &'static str, detail: String },
    #[error("ballot {ballot} is already in entry {entry} with other marks; correct it explicitly")]
    BallotEntered { ballot: u32, entry: u8 },
    #[error("cryptography failed: {0}")]
    Crypto(String),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
}

impl StoreError {
    pub(crate) fn corrupt(what: impl Into<String>) -> StoreError {
        StoreError::Corrupt(what.into())
    }

    /// A refused free text (TEXT-1) of the field `field`.
    pub(crate) fn text(field: &'static str) -> impl FnOnce(daihoi_core::text::TextProblem) -> StoreError {
        move |problem| StoreError::BadText { field, problem }
    }

    /// The rule a refusal applies, for the API's error envelope: TEXT-1
    /// (free text), O-CODE-1 (a new code under its parent's), O-DATE-1 (the
    /// dates of the tree's history), O-CURRENT-1 (changes concern
    /// organizations that still exist), O-KIND-1 (which kind sits under which).
    /// docs/org-tree.md states them.
    pub fn rule(&self) -> Option<&'static str> {
        match self {
            StoreError::BadText { .. } => Some("TEXT-1"),
            StoreError::CodePlacement(_) => Some("O-CODE-1"),
            StoreError::HistoryDate(_) => Some("O-DATE-1"),
            StoreError::EndedSince { .. } => Some("O-CURRENT-1"),
            StoreError::KindMismatch { .. } => Some("O-KIND-1"),
            StoreError::CongressRefused { rule, .. }
            | StoreError::ElectionRefused { rule, .. }
            | StoreError::DraftRefused { rule, .. }
            | StoreError::PetitionRefused { rule, .. } => Some(rule),
            StoreError::Congress(e) => e.rule(),
            _ => None,
        }
    }
}
