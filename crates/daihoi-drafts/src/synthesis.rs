//! The data behind the synthesis of comments (báo cáo tổng hợp ý kiến góp
//! ý): comments grouped by document, section and source with their
//! dispositions counted; and which organizations sent their synthesis up,
//! on time or late, against a deadline that may not be decided yet.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::disposition::Disposition;

/// The kind of a congress document (loại văn kiện), C-PLAN-7's checklist in
/// its order; the checklist is a default a round may extend, hence
/// [`DocumentKind::Other`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Báo cáo chính trị.
    PoliticalReport,
    /// Báo cáo kiểm điểm của Ban Chấp hành.
    ReviewReport,
    /// Báo cáo tổng hợp ý kiến góp ý.
    CommentSynthesis,
    /// Dự thảo nghị quyết đại hội.
    DraftResolution,
    /// Chương trình hành động.
    ActionProgramme,
    /// Đề án nhân sự.
    PersonnelPlan,
    /// Báo cáo thẩm tra tư cách đại biểu.
    CredentialsReport,
    /// A round's own kind, by its code.
    Other(String),
}

impl DocumentKind {
    pub const CHECKLIST: [DocumentKind; 7] = [
        DocumentKind::PoliticalReport,
        DocumentKind::ReviewReport,
        DocumentKind::CommentSynthesis,
        DocumentKind::DraftResolution,
        DocumentKind::ActionProgramme,
        DocumentKind::PersonnelPlan,
        DocumentKind::CredentialsReport,
    ];

    /// The stable code the store keeps (a round's own kind: its code).
    pub fn as_str(&self) -> &str {
        match self {
            DocumentKind::PoliticalReport => "political_report",
            DocumentKind::ReviewReport => "review_report",
            DocumentKind::CommentSynthesis => "comment_synthesis",
            DocumentKind::DraftResolution => "draft_resolution",
            DocumentKind::ActionProgramme => "action_programme",
            DocumentKind::PersonnelPlan => "personnel_plan",
            DocumentKind::CredentialsReport => "credentials_report",
            DocumentKind::Other(code) => code,
        }
    }

    /// The Vietnamese name, none for a round's own kind (the round names it).
    pub fn label_vi(&self) -> Option<&'static str> {
        Some(match self {
            DocumentKind::PoliticalReport => "Báo cáo chính trị",
            DocumentKind::ReviewReport => "Báo cáo kiểm điểm của Ban Chấp hành",
            DocumentKind::CommentSynthesis => "Báo cáo tổng hợp ý kiến góp ý",
            DocumentKind::DraftResolution => "Dự thảo Nghị quyết Đại hội",
            DocumentKind::ActionProgramme => "Chương trình hành động",
            DocumentKind::PersonnelPlan => "Đề án nhân sự",
            DocumentKind::CredentialsReport => "Báo cáo thẩm tra tư cách đại biểu",
            DocumentKind::Other(_) => return None,
        })
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A code that is no document kind: empty, or not lowercase ASCII letters,
/// digits and `_`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a document kind's code (lowercase letters, digits and _)")]
pub struct BadKindCode(pub String);

impl FromStr for DocumentKind {
    type Err = BadKindCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(k) = DocumentKind::CHECKLIST.into_iter().find(|k| k.as_str() == s) {
            return Ok(k);
        }
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if ok { Ok(DocumentKind::Other(s.to_owned())) } else { Err(BadKindCode(s.to_owned())) }
    }
}

/// The part of a document a comment is on: the whole, or a section (its
/// index in the version, from 1, for the order, and its heading).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Part {
    /// Góp ý chung: the whole document.
    WholeDocument,
    Section {
        index: u32,
        heading: String,
    },
}

/// An organization that comments or receives a draft: its code and name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Organization {
    pub code: String,
    pub name: String,
}

impl Organization {
    /// What tells sources apart, in their order: an organization by its
    /// code; a person (no code) by name, after the organizations.
    pub fn key(&self) -> (bool, &str) {
        if self.code.is_empty() { (true, self.name.as_str()) } else { (false, self.code.as_str()) }
    }
}

/// What the synthesis needs of one comment (ý kiến góp ý).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentFacts {
    pub document: DocumentKind,
    pub part: Part,
    pub source: Organization,
    /// None while the drafting team has not decided.
    pub disposition: Option<Disposition>,
    pub is_amendment: bool,
}

/// Counts of comments by disposition.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub accepted: u32,
    pub accepted_in_part: u32,
    pub explained: u32,
    pub not_accepted: u32,
    /// Not decided yet.
    pub undecided: u32,
    /// Of all, how many propose a text (amendments).
    pub amendments: u32,
    pub total: u32,
}

impl Tally {
    /// Counts one more comment.
    pub fn add(&mut self, c: &CommentFacts) {
        match c.disposition {
            Some(Disposition::Accepted) => self.accepted += 1,
            Some(Disposition::AcceptedInPart) => self.accepted_in_part += 1,
            Some(Disposition::Explained) => self.explained += 1,
            Some(Disposition::NotAccepted) => self.not_accepted += 1,
            None => self.undecided += 1,
        }
        self.amendments += u32::from(c.is_amendment);
        self.total += 1;
    }

    /// How many comments have this disposition (none: undecided).
    pub fn of(&self, disposition: Option<Disposition>) -> u32 {
        match disposition {
            Some(Disposition::Accepted) => self.accepted,
            Some(Disposition::AcceptedInPart) => self.accepted_in_part,
            Some(Disposition::Explained) => self.explained,
            Some(Disposition::NotAccepted) => self.not_accepted,
            None => self.undecided,
        }
    }
}

/// The comments of one source on one part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceGroup {
    pub source: Organization,
    pub tally: Tally,
}

/// The comments on one part of a document, by source (in code order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartGroup {
    pub part: Part,
    pub tally: Tally,
    pub sources: Vec<SourceGroup>,
}

/// The comments on one document, by part (the whole document first, then
/// sections in their order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentGroup {
    pub document: DocumentKind,
    pub tally: Tally,
    pub parts: Vec<PartGroup>,
}

/// The synthesis of comments (tổng hợp ý kiến góp ý): documents in
/// C-PLAN-7's order, each by part and source, with counts at every level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synthesis {
    pub tally: Tally,
    pub documents: Vec<DocumentGroup>,
}

/// The counts of `comments` by source over the whole draft, in the
/// synthesis' order of sources (organizations by code, then persons by
/// name), each named by the first name given with its key.
pub fn by_source(comments: &[CommentFacts]) -> Vec<(Organization, Tally)> {
    let mut sources: BTreeMap<(bool, &str), (Organization, Tally)> = BTreeMap::new();
    for c in comments {
        sources.entry(c.source.key()).or_insert_with(|| (c.source.clone(), Tally::default())).1.add(c);
    }
    sources.into_values().collect()
}

/// Groups comments by document, part and source. A source is named by the
/// first name given with its code; a source without a code (a person) is
/// one source per name, after the organizations.
pub fn group(comments: &[CommentFacts]) -> Synthesis {
    type Sources<'c> = BTreeMap<(bool, &'c str), (&'c Organization, Tally)>;
    let mut tree: BTreeMap<&DocumentKind, BTreeMap<&Part, Sources<'_>>> = BTreeMap::new();
    let mut tally = Tally::default();
    for c in comments {
        tally.add(c);
        let sources = tree.entry(&c.document).or_default().entry(&c.part).or_default();
        sources.entry(c.source.key()).or_insert((&c.source, Tally::default())).1.add(c);
    }
    let sum = |ts: &mut dyn Iterator<Item = Tally>| {
        ts.fold(Tally::default(), |a, t| Tally {
            accepted: a.accepted + t.accepted,
            accepted_in_part: a.accepted_in_part + t.accepted_in_part,
            explained: a.explained + t.explained,
            not_accepted: a.not_accepted + t.not_accepted,
            undecided: a.undecided + t.undecided,
            amendments: a.amendments + t.amendments,
            total: a.total + t.total,
        })
    };
    let documents = tree
        .into_iter()
        .map(|(document, parts)| {
            let parts: Vec<PartGroup> = parts
                .into_iter()
                .map(|(part, sources)| {
                    let sources: Vec<SourceGroup> = sources
                        .into_values()
                        .map(|(source, tally)| SourceGroup { source: source.clone(), tally })
                        .collect();
                    let tally = sum(&mut sources.iter().map(|s| s.tally));
                    PartGroup { part: part.clone(), tally, sources }
                })
                .collect();
            let tally = sum(&mut parts.iter().map(|p| p.tally));
            DocumentGroup { document: document.clone(), tally, parts }
        })
        .collect();
    Synthesis { tally, documents }
}

/// An organization's synthesis received (the date it was sent, as recorded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Received {
    pub code: String,
    pub sent_on: Date,
}

/// Where one organization stands with its synthesis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Coverage {
    /// Sent by the deadline (the deadline's day included).
    OnTime {
        sent_on: Date,
    },
    /// Sent after the deadline: recorded as late, not lost.
    Late {
        sent_on: Date,
        days_late: i64,
    },
    /// Sent, but no deadline is decided yet (\[open\]): on time or late
    /// awaits that decision.
    SentAwaitingDeadline {
        sent_on: Date,
    },
    NotSentYet,
}

impl Coverage {
    /// Where one organization stands: the first day it sent its synthesis,
    /// if it did, against the deadline, if one is decided (the deadline's
    /// day is on time).
    pub fn of(sent_on: Option<Date>, deadline: Option<Date>) -> Coverage {
        match (sent_on, deadline) {
            (None, _) => Coverage::NotSentYet,
            (Some(sent_on), None) => Coverage::SentAwaitingDeadline { sent_on },
            (Some(sent_on), Some(d)) if sent_on <= d => Coverage::OnTime { sent_on },
            (Some(sent_on), Some(d)) => Coverage::Late { sent_on, days_late: (sent_on - d).whole_days() },
        }
    }

    /// The stable code of the state.
    pub fn as_str(&self) -> &'static str {
        match self {
            Coverage::OnTime { .. } => "on_time",
            Coverage::Late { .. } => "late",
            Coverage::SentAwaitingDeadline { .. } => "sent_awaiting_deadline",
            Coverage::NotSentYet => "not_sent_yet",
        }
    }

    pub fn label_vi(&self) -> &'static str {
        match self {
            Coverage::OnTime { .. } => "đã gửi đúng hạn",
            Coverage::Late { .. } => "đã gửi, quá hạn",
            Coverage::SentAwaitingDeadline { .. } => "đã gửi, chờ quyết định thời hạn",
            Coverage::NotSentYet => "chưa gửi",
        }
    }
}

/// One organization's line of the coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageRow {
    pub organization: Organization,
    pub coverage: Coverage,
}

/// Who sent their synthesis up (the higher level sees who sent theirs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageReport {
    /// None: the deadline is \[open\] and not decided; no organization is
    /// called on time or late until it is.
    pub deadline: Option<Date>,
    /// In the order the draft was sent to them.
    pub rows: Vec<CoverageRow>,
    /// Syntheses from organizations the draft was not sent to: shown, not
    /// counted.
    pub unexpected: Vec<Received>,
    pub on_time: u32,
    pub late: u32,
    pub awaiting_deadline: u32,
    pub not_sent: u32,
}

impl CoverageReport {
    /// Whether the deadline awaits a decision.
    pub fn awaiting_deadline_decision(&self) -> bool {
        self.deadline.is_none()
    }
}

/// For each organization the draft was sent to, whether its synthesis came,
/// on time or late. When one sent several times, the first counts.
pub fn coverage(sent_to: &[Organization], received: &[Received], deadline: Option<Date>) -> CoverageReport {
    let mut first: HashMap<&str, Date> = HashMap::new();
    for r in received {
        first.entry(r.code.as_str()).and_modify(|d| *d = (*d).min(r.sent_on)).or_insert(r.sent_on);
    }
    let mut report = CoverageReport {
        deadline,
        rows: Vec::with_capacity(sent_to.len()),
        unexpected: Vec::new(),
        on_time: 0,
        late: 0,
        awaiting_deadline: 0,
        not_sent: 0,
    };
    for org in sent_to {
        let coverage = Coverage::of(first.get(org.code.as_str()).copied(), deadline);
        match coverage {
            Coverage::NotSentYet => report.not_sent += 1,
            Coverage::SentAwaitingDeadline { .. } => report.awaiting_deadline += 1,
            Coverage::OnTime { .. } => report.on_time += 1,
            Coverage::Late { .. } => report.late += 1,
        }
        report.rows.push(CoverageRow { organization: org.clone(), coverage });
    }
    let expected: std::collections::HashSet<&str> = sent_to.iter().map(|o| o.code.as_str()).collect();
    report.unexpected = received.iter().filter(|r| !expected.contains(r.code.as_str())).cloned().collect();
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn org(code: &str, name: &str) -> Organization {
        Organization { code: code.into(), name: name.into() }
    }

    fn comment(doc: DocumentKind, part: Part, src: &Organization, d: Option<Disposition>, am: bool) -> CommentFacts {
        CommentFacts { document: doc, part, source: src.clone(), disposition: d, is_amendment: am }
    }

    // C-PLAN-7: the synthesis groups comments by document in the checklist's order, then section and source.
    #[test]
    fn c_plan_7_comments_are_grouped_by_document_section_and_source() {
        let quang_tan = org("QT", "Đảng bộ xã Quảng Tân");
        let dak_mil = org("DM", "Đảng bộ xã Đắk Mil");
        let i = Part::Section { index: 2, heading: "I. KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT".into() };
        let comments = vec![
            comment(DocumentKind::DraftResolution, Part::WholeDocument, &quang_tan, None, false),
            comment(DocumentKind::PoliticalReport, i.clone(), &quang_tan, Some(Disposition::Accepted), true),
            comment(DocumentKind::PoliticalReport, i.clone(), &dak_mil, Some(Disposition::Explained), false),
            comment(DocumentKind::PoliticalReport, i.clone(), &quang_tan, Some(Disposition::NotAccepted), false),
            comment(DocumentKind::PoliticalReport, Part::WholeDocument, &dak_mil, None, false),
        ];
        let s = group(&comments);
        assert_eq!(s.tally.total, 5);
        assert_eq!(s.tally.undecided, 2);
        assert_eq!(s.tally.amendments, 1);
        let kinds: Vec<&DocumentKind> = s.documents.iter().map(|d| &d.document).collect();
        assert_eq!(kinds, vec![&DocumentKind::PoliticalReport, &DocumentKind::DraftResolution]);
        let report = &s.documents[0];
        assert_eq!(report.tally.total, 4);
        assert_eq!(report.parts[0].part, Part::WholeDocument);
        assert_eq!(report.parts[1].part, i);
        let sources: Vec<(&str, u32)> =
            report.parts[1].sources.iter().map(|g| (g.source.code.as_str(), g.tally.total)).collect();
        assert_eq!(sources, vec![("DM", 1), ("QT", 2)]);
        let qt = &report.parts[1].sources[1].tally;
        assert_eq!((qt.accepted, qt.not_accepted, qt.amendments), (1, 1, 1));
        assert_eq!(report.parts[1].tally.of(Some(Disposition::Explained)), 1);
    }

    // C-PLAN-7: members' comments (a person, no organization) are one source per person.
    #[test]
    fn c_plan_7_each_person_is_a_source_of_their_own() {
        let quang_tan = org("QT", "Đảng bộ xã Quảng Tân");
        let an = org("", "Nguyễn Văn An");
        let binh = org("", "Trần Thị Bình");
        let comments = vec![
            comment(DocumentKind::PoliticalReport, Part::WholeDocument, &binh, None, false),
            comment(DocumentKind::PoliticalReport, Part::WholeDocument, &an, None, false),
            comment(DocumentKind::PoliticalReport, Part::WholeDocument, &quang_tan, None, false),
            comment(DocumentKind::PoliticalReport, Part::WholeDocument, &an, None, false),
        ];
        let s = group(&comments);
        let sources: Vec<(&str, u32)> =
            s.documents[0].parts[0].sources.iter().map(|g| (g.source.name.as_str(), g.tally.total)).collect();
        assert_eq!(sources, vec![("Đảng bộ xã Quảng Tân", 1), ("Nguyễn Văn An", 2), ("Trần Thị Bình", 1)]);
    }

    #[test]
    fn document_kinds_have_stable_codes() {
        for k in DocumentKind::CHECKLIST {
            assert_eq!(k.as_str().parse::<DocumentKind>(), Ok(k.clone()));
            assert!(k.label_vi().is_some());
        }
        assert_eq!("ho_so".parse::<DocumentKind>(), Ok(DocumentKind::Other("ho_so".into())));
        assert!("Hồ sơ".parse::<DocumentKind>().is_err());
        assert!("".parse::<DocumentKind>().is_err());
    }

    #[test]
    fn coverage_on_time_late_and_not_sent() {
        let orgs =
            vec![org("QT", "Đảng bộ xã Quảng Tân"), org("DM", "Đảng bộ xã Đắk Mil"), org("TT", "Đảng bộ xã Thuận An")];
        let received = vec![
            Received { code: "QT".into(), sent_on: date!(2025 - 06 - 10) },
            Received { code: "DM".into(), sent_on: date!(2025 - 06 - 14) },
            Received { code: "QT".into(), sent_on: date!(2025 - 06 - 20) },
            Received { code: "XX".into(), sent_on: date!(2025 - 06 - 11) },
        ];
        let r = coverage(&orgs, &received, Some(date!(2025 - 06 - 10)));
        assert_eq!(r.rows[0].coverage, Coverage::OnTime { sent_on: date!(2025 - 06 - 10) });
        assert_eq!(r.rows[1].coverage, Coverage::Late { sent_on: date!(2025 - 06 - 14), days_late: 4 });
        assert_eq!(r.rows[2].coverage, Coverage::NotSentYet);
        assert_eq!((r.on_time, r.late, r.not_sent, r.awaiting_deadline), (1, 1, 1, 0));
        assert_eq!(r.unexpected.len(), 1);
        assert!(!r.awaiting_deadline_decision());
    }

    // The deadline is [open]: without a decision, nobody is on time or late.
    #[test]
    fn an_unknown_deadline_is_never_guessed() {
        let orgs = vec![org("QT", "Đảng bộ xã Quảng Tân"), org("DM", "Đảng bộ xã Đắk Mil")];
        let received = vec![Received { code: "QT".into(), sent_on: date!(2025 - 06 - 10) }];
        let r = coverage(&orgs, &received, None);
        assert!(r.awaiting_deadline_decision());
        assert_eq!(r.rows[0].coverage, Coverage::SentAwaitingDeadline { sent_on: date!(2025 - 06 - 10) });
        assert_eq!(r.rows[0].coverage.label_vi(), "đã gửi, chờ quyết định thời hạn");
        assert_eq!(r.rows[1].coverage, Coverage::NotSentYet);
        assert_eq!((r.on_time, r.late, r.awaiting_deadline, r.not_sent), (0, 0, 1, 1));
    }
}
