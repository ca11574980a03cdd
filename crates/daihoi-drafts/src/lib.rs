//! Congress documents (văn kiện đại hội) as drafts with versions, comments
//! (ý kiến góp ý) and amendments, as `shared/domain/congress.md` §3 states
//! them: a higher draft goes down in numbered versions, lower congresses
//! comment per version and section, the drafting team disposes of each
//! comment, accepted amendments are taken into the next version, and the
//! synthesis (báo cáo tổng hợp ý kiến góp ý) groups the comments by source.
//! Rule IDs (C-PLAN-5, C-PLAN-7) are cited where they apply and in tests.
//!
//! - [`text`]: a version ([`DraftText`]) of sections and paragraphs with
//!   stable ids, from a reader's [`Block`]s within [`Limits`]; its line
//!   numbers ([`LineMap`], wrapped at a line length as OpenSlides does).
//! - [`revise`](mod@revise): the next version from new blocks, ids carried over, and
//!   the [`Revision`] (kept, changed, added, removed).
//! - [`anchor`]: what a comment points to ([`Anchor`]), checked, and
//!   [`resolve`]d in a later version: moved, changed or removed.
//! - [`diff`](mod@diff): the word-level difference between two versions.
//! - [`amend`]: [`Amendment`]s and [`apply`], accepted amendments taken into
//!   the next version in one action, overlaps refused.
//! - [`disposition`]: tiếp thu, tiếp thu một phần, giải trình, không tiếp
//!   thu, and the explanation the last three need.
//! - [`synthesis`]: comments [`group`]ed by document, section and source;
//!   the [`coverage`] of the organizations' syntheses against a deadline
//!   that may be undecided.
//!
//! **Architecture invariant:** pure. No I/O, no clock (dates are
//! parameters), no async, no database: the store keeps versions, comments
//! and decisions as JSON of these types; this crate says what they mean.

pub mod amend;
pub mod anchor;
pub mod diff;
pub mod disposition;
pub mod revise;
pub mod synthesis;
pub mod text;

pub use amend::{AmendError, Amendment, Applied, Change, CommentId, apply};
pub use anchor::{Anchor, AnchorError, Located, Resolution, resolve};
pub use diff::{HeadingDiff, ParagraphDiff, Span, SpanKind, VersionDiff, diff, similarity};
pub use disposition::{Decision, Disposition, DispositionError, UnknownDisposition};
pub use revise::{Revision, SectionRevision, revise};
pub use synthesis::{
    CommentFacts, Coverage, CoverageReport, CoverageRow, DocumentGroup, DocumentKind, Organization, Part, PartGroup,
    Received, SourceGroup, Synthesis, Tally, by_source, coverage, group,
};
pub use text::{
    Block, Covered, DEFAULT_LINE_LENGTH, DraftText, Limit, Limits, Line, LineError, LineMap, LineRange, Paragraph,
    ParagraphId, Position, Section, SectionId, TextError,
};
