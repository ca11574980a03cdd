//! Congress documents (văn kiện đại hội; issue 17; `congress.md` §3,
//! C-PLAN-5, C-PLAN-6, C-PLAN-7): a congress's drafts in numbered versions,
//! the comments and amendments (ý kiến góp ý) made on them by the
//! organizations below, the higher level and the congress's own members,
//! the drafting team's disposition of each, accepted amendments taken into
//! the next version, drafts sent down to the organizations below and their
//! syntheses sent up.
//!
//! What a version's text means (sections and paragraphs with stable ids,
//! line numbers, anchors, the word difference, amendments applied, the
//! synthesis grouped) is `daihoi-drafts`'; this folder keeps it, as JSON of
//! that crate's types, and decides who may do what (`policy.rs`).
//!
//! - `access.rs`: the facet and its reads (documents, versions, comments,
//!   the synthesis and the coverage of a draft sent down).
//! - `drafting.rs`: the drafting team's writes: documents, the team,
//!   versions, dispositions, accepted amendments applied.
//! - `comments.rs`: comments and amendments recorded, drafts sent down,
//!   syntheses sent up.
//! - `resolution.rs`: the resolution adopted, registered and turned into
//!   targets and tasks; the review section computed from their tracking.
//!
//! A document has a classification (T-6): the personnel plan is
//! confidential; a reader below it receives nothing of the document, its
//! versions or its comments, and its audit entries carry it.

mod access;
mod comments;
mod demo;
mod drafting;
pub mod policy;
mod resolution;

use daihoi_core::OrgCode;
use daihoi_drafts::{
    Anchor, Change, CommentFacts, Coverage, Decision, DocumentKind, DraftText, Organization, Part, Revision,
};
use serde::de::DeserializeOwned;
use sqlx::Row;
use time::Date;

pub use access::CongressDocuments;
pub use comments::{COMMENT_MAX_CHARS, MAX_RECIPIENTS};
pub use demo::DemoDrafts;
pub use drafting::{MAX_LINE_LENGTH, MIN_LINE_LENGTH, NewDocument};
pub use resolution::{
    AdoptedItem, AdoptedResolution, Adoption, MAX_ITEMS, NewGoal, NewItem, RESOLUTION_TYPE, ReviewSection,
    ReviewTarget, ReviewTask,
};

use crate::access::HasClassification;
use crate::documents::Classification;
use crate::elections::Stamp;
use crate::orgs::OrgNode;
use crate::{StoreError, StoreResult};

/// A congress's draft document (dự thảo văn kiện): one of the checklist
/// (C-PLAN-7) or another the congress adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CongressDocument {
    pub id: i64,
    pub congress_id: i64,
    /// The organization holding the congress (its office prepares the drafts).
    pub org_code: OrgCode,
    pub org_name: String,
    pub kind: DocumentKind,
    pub title: String,
    pub classification: Classification,
    /// The characters per line its versions are numbered at.
    pub line_length: u16,
    pub created: Stamp,
    /// A higher level's draft (the Central Committee's): the body outside
    /// the tree that issued it. Its comments are disposed of there; the
    /// congress's office sends it down and its synthesis up.
    pub issued_by: Option<String>,
    /// For a higher level's draft: the day the synthesis was sent up.
    pub synthesis_up_on: Option<Date>,
}

impl HasClassification for CongressDocument {
    fn classification(&self) -> Classification {
        self.classification
    }
}

/// How a version came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VersionSource {
    /// Written on the page (or sent through the API as text).
    Page,
    /// Imported from a .docx.
    Docx,
    /// The accepted amendments taken into the version before.
    Amendments,
}

impl VersionSource {
    pub fn code(self) -> &'static str {
        match self {
            VersionSource::Page => "page",
            VersionSource::Docx => "docx",
            VersionSource::Amendments => "amendments",
        }
    }

    fn parse(code: &str) -> StoreResult<VersionSource> {
        match code {
            "page" => Ok(VersionSource::Page),
            "docx" => Ok(VersionSource::Docx),
            "amendments" => Ok(VersionSource::Amendments),
            other => Err(StoreError::corrupt(format!("bad version source {other:?}"))),
        }
    }
}

/// A numbered version of a draft (bản dự thảo lần …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub number: u32,
    pub text: DraftText,
    pub source: VersionSource,
    /// The .docx's name, for a version imported from one.
    pub source_file: Option<String>,
    /// What changed from the version before (none for the first).
    pub revision: Option<Revision>,
    /// The comments whose amendments this version took in, by number.
    pub taken_in: Vec<u32>,
    pub created: Stamp,
}

/// An organization named by its code and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRef {
    pub code: OrgCode,
    pub name: String,
}

/// Where a comment comes from: an organization (a lower congress's or
/// committee's synthesis, the higher level's review), a person, and the
/// meeting where it was agreed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    pub org: Option<OrgRef>,
    pub person: Option<String>,
    pub meeting: Option<String>,
}

/// The drafting team's disposition of a comment, with who decided and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub decision: Decision,
    pub stamp: Stamp,
}

/// A comment (ý kiến góp ý) or an amendment (đề nghị sửa đổi) on a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Its number within the document, from 1.
    pub number: u32,
    /// The version it was made on.
    pub version: u32,
    pub anchor: Anchor,
    pub text: String,
    /// The replacement text it proposes, for an amendment.
    pub amendment: Option<Change>,
    pub source: Source,
    pub decided: Option<Decided>,
    /// The version that took its amendment in.
    pub taken_in: Option<u32>,
    pub recorded: Stamp,
}

/// A comment as a person records it.
#[derive(Debug, Clone)]
pub struct NewComment<'a> {
    /// The version it is made on.
    pub version: u32,
    pub anchor: Anchor,
    pub text: &'a str,
    pub amendment: Option<Change>,
    /// The organization it comes from (by code), if one.
    pub source_org: Option<&'a OrgCode>,
    pub person: Option<&'a str>,
    pub meeting: Option<&'a str>,
}

/// An organization a draft was sent to, and where it stands with its
/// synthesis (the higher level sees who sent theirs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub org: OrgRef,
    pub sent_on: Date,
    /// The day its synthesis is due: the day sent plus the round's answer
    /// on comment deadlines (C-PLAN-6, [open]); `None` while unanswered.
    pub deadline: Option<Date>,
    pub coverage: Coverage,
}

/// The coverage of a draft sent down: each organization, and whether the
/// deadline awaits a person's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftCoverage {
    pub recipients: Vec<Recipient>,
    /// The rule awaiting an answer (C-PLAN-6) when the deadline is open.
    pub awaiting: Option<&'static str>,
}

/// What an organization sends up on a draft sent to it (its synthesis of
/// comments, C-PLAN-6), as the higher level reads it: where it stands
/// against the deadline, and its comments with the drafting team's
/// dispositions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgSynthesis {
    /// The organization that sends it (its committee issues the report).
    pub org: OrgNode,
    pub recipient: Recipient,
    /// The rule awaiting an answer (C-PLAN-6) when the deadline is open.
    pub awaiting: Option<&'static str>,
    /// Its comments, by number.
    pub comments: Vec<Comment>,
    /// The comments recorded after its synthesis was sent, by number.
    pub after_sending: Vec<u32>,
}

/// What the synthesis knows of each comment on `document` (in their
/// order): the part it is on, a section as of the version it was made on
/// (`versions`: the draft's) or the whole document, and its source, the
/// organization or, for a comment with none, the person who made it.
pub fn comment_facts(document: &CongressDocument, versions: &[Version], comments: &[Comment]) -> Vec<CommentFacts> {
    comments
        .iter()
        .map(|c| {
            let made_on = versions.iter().find(|v| v.number == c.version).map(|v| &v.text);
            let part = match (c.anchor, made_on) {
                (Anchor::Document, _) | (_, None) => Part::WholeDocument,
                (anchor, Some(text)) => match anchor.section(text) {
                    Some(section) => Part::Section {
                        index: text.section_index(section.id).unwrap_or(0),
                        heading: section.heading.clone().unwrap_or_default(),
                    },
                    None => Part::WholeDocument,
                },
            };
            let source = match (&c.source.org, &c.source.person) {
                (Some(org), _) => Organization { code: org.code.to_string(), name: org.name.clone() },
                (None, Some(person)) => Organization { code: String::new(), name: person.clone() },
                (None, None) => Organization { code: String::new(), name: String::new() },
            };
            CommentFacts {
                document: document.kind.clone(),
                part,
                source,
                disposition: c.decided.as_ref().map(|d| d.decision.disposition),
                is_amendment: c.amendment.is_some(),
            }
        })
        .collect()
}

/// What applying the accepted amendments did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedVersion {
    pub version: Version,
    /// Accepted amendments made on an earlier version: not taken in; they
    /// are made again on the latest.
    pub left_out: Vec<u32>,
}

/// A refusal of the drafts' rules, with the rule it applies.
pub(crate) fn refused(rule: &'static str, detail: impl ToString) -> StoreError {
    StoreError::DraftRefused { rule, detail: detail.to_string() }
}

pub(crate) fn json<T: DeserializeOwned>(r: &sqlx::any::AnyRow, col: &str) -> StoreResult<T> {
    let text: String = r.try_get(col)?;
    serde_json::from_str(&text).map_err(|e| StoreError::corrupt(format!("bad {col}: {e}")))
}

pub(crate) fn opt_json<T: DeserializeOwned>(r: &sqlx::any::AnyRow, col: &str) -> StoreResult<Option<T>> {
    let text: Option<String> = r.try_get(col)?;
    text.map(|t| serde_json::from_str(&t).map_err(|e| StoreError::corrupt(format!("bad {col}: {e}")))).transpose()
}

pub(crate) fn to_json(value: &impl serde::Serialize) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::corrupt(format!("cannot write JSON: {e}")))
}

pub(crate) fn number(r: &sqlx::any::AnyRow, col: &str) -> StoreResult<u32> {
    let n: i64 = r.try_get(col)?;
    u32::try_from(n).map_err(|_| StoreError::corrupt(format!("bad {col} {n}")))
}

pub(crate) fn opt_number(r: &sqlx::any::AnyRow, col: &str) -> StoreResult<Option<u32>> {
    let n: Option<i64> = r.try_get(col)?;
    n.map(|n| u32::try_from(n).map_err(|_| StoreError::corrupt(format!("bad {col} {n}")))).transpose()
}

/// A document's columns, from `congress_document d` joined to the
/// congress's organization `o` (`DRAFT_FROM`).
pub(crate) const DRAFT_COLUMNS: &str = "d.id, d.congress_id, d.kind, d.title, d.classification, d.line_length, \
     d.created_by, d.created_at, d.issued_by, d.synthesis_up_on, o.code AS org_code, \
     (SELECT ov.name FROM org_version ov WHERE ov.org_id = o.id ORDER BY ov.valid_from DESC LIMIT 1) AS org_name";

pub(crate) const DRAFT_FROM: &str =
    "congress_document d JOIN congress cg ON cg.id = d.congress_id JOIN organization o ON o.id = cg.org_id";

pub(crate) fn document_row(r: &sqlx::any::AnyRow) -> StoreResult<CongressDocument> {
    let kind: String = r.try_get("kind")?;
    let classification: String = r.try_get("classification")?;
    let code: String = r.try_get("org_code")?;
    let line_length: i64 = r.try_get("line_length")?;
    Ok(CongressDocument {
        id: r.try_get("id")?,
        congress_id: r.try_get("congress_id")?,
        org_code: OrgCode::parse(&code).map_err(|_| StoreError::corrupt(format!("bad code {code:?}")))?,
        org_name: r.try_get("org_name")?,
        kind: kind.parse().map_err(|_| StoreError::corrupt(format!("bad document kind {kind:?}")))?,
        title: r.try_get("title")?,
        classification: Classification::parse(&classification)?,
        line_length: u16::try_from(line_length).map_err(|_| StoreError::corrupt("bad line length"))?,
        created: Stamp { by: r.try_get("created_by")?, at: r.try_get("created_at")? },
        issued_by: r.try_get("issued_by")?,
        synthesis_up_on: crate::orgs::opt_date_col(r, "synthesis_up_on")?,
    })
}

pub(crate) const DRAFT_VERSION_COLUMNS: &str =
    "number, body, source, source_file, revision, taken_in, created_by, created_at";

pub(crate) fn version_row(r: &sqlx::any::AnyRow) -> StoreResult<Version> {
    let source: String = r.try_get("source")?;
    Ok(Version {
        number: number(r, "number")?,
        text: json(r, "body")?,
        source: VersionSource::parse(&source)?,
        source_file: r.try_get("source_file")?,
        revision: opt_json(r, "revision")?,
        taken_in: json(r, "taken_in")?,
        created: Stamp { by: r.try_get("created_by")?, at: r.try_get("created_at")? },
    })
}

pub(crate) const DRAFT_COMMENT_COLUMNS: &str = "c.number, c.version, c.anchor, c.text, c.amendment, c.source_person, \
     c.meeting, c.disposition, c.explanation, c.decided_by, c.decided_at, c.taken_in, c.recorded_by, \
     c.recorded_at, so.code AS source_code, \
     (SELECT ov.name FROM org_version ov WHERE ov.org_id = so.id ORDER BY ov.valid_from DESC LIMIT 1) AS source_name";

/// Comments `c` with their source organization `so` (none for a person's).
pub(crate) const DRAFT_COMMENT_FROM: &str =
    "congress_document_comment c LEFT JOIN organization so ON so.id = c.source_org_id";

pub(crate) fn comment_row(r: &sqlx::any::AnyRow) -> StoreResult<Comment> {
    let code: Option<String> = r.try_get("source_code")?;
    let org = match code {
        Some(code) => Some(OrgRef {
            code: OrgCode::parse(&code).map_err(|_| StoreError::corrupt(format!("bad code {code:?}")))?,
            name: r.try_get::<Option<String>, _>("source_name")?.unwrap_or_default(),
        }),
        None => None,
    };
    let disposition: Option<String> = r.try_get("disposition")?;
    let decided = match (disposition, r.try_get::<Option<String>, _>("decided_by")?) {
        (Some(d), Some(by)) => Some(Decided {
            decision: Decision {
                disposition: d.parse().map_err(|_| StoreError::corrupt(format!("bad disposition {d:?}")))?,
                explanation: r.try_get("explanation")?,
            },
            stamp: Stamp { by, at: r.try_get::<Option<String>, _>("decided_at")?.unwrap_or_default() },
        }),
        _ => None,
    };
    Ok(Comment {
        number: number(r, "number")?,
        version: number(r, "version")?,
        anchor: json(r, "anchor")?,
        text: r.try_get("text")?,
        amendment: opt_json(r, "amendment")?,
        source: Source { org, person: r.try_get("source_person")?, meeting: r.try_get("meeting")? },
        decided,
        taken_in: opt_number(r, "taken_in")?,
        recorded: Stamp { by: r.try_get("recorded_by")?, at: r.try_get("recorded_at")? },
    })
}
