//! Amendments (đề nghị sửa đổi): a comment that proposes replacement text for
//! a paragraph, for a range of lines within one paragraph, or for several
//! whole paragraphs of one section; and the new version that takes in the
//! amendments the drafting team accepted, all in one action.
//!
//! Two accepted amendments that change the same text are refused, naming
//! both: which one is taken in is a person's decision, not this crate's.
//! Amendments apply to the latest version only (the caller says which
//! number that is); one made on an earlier version is refused, to be made
//! again on the latest.
//!
//! Ids carry over as in [`crate::revise`](mod@crate::revise): a paragraph amended as a paragraph
//! or by lines keeps its id, changed; whole paragraphs replaced by others are
//! aligned as `revise` aligns them (a one-for-one replacement keeps its id);
//! new paragraphs get fresh ids.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::anchor::{Anchor, AnchorError};
use crate::revise::{Revision, align, assemble};
use crate::text::{DraftText, Limits, LineRange, ParagraphId, RawSection, TextError, check_limits, normalize};

/// A comment's id in the store (mã ý kiến).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CommentId(pub u64);

impl fmt::Display for CommentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// An amendment (đề nghị sửa đổi): the version it was made on and the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amendment {
    pub made_on: u32,
    pub change: Change,
}

/// The text an amendment replaces and what it puts instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// A paragraph's new text; empty removes the paragraph.
    Paragraph { id: ParagraphId, text: String },
    /// Lines within one paragraph replaced by `text` (empty deletes them).
    Lines { from: u32, to: u32, text: String },
    /// The paragraphs `first` to `last` of one section replaced by
    /// `paragraphs` (none removes them; more inserts).
    Paragraphs { first: ParagraphId, last: ParagraphId, paragraphs: Vec<String> },
}

impl Amendment {
    /// The anchor of the amendment, as a comment's: several paragraphs are
    /// their lines.
    pub fn anchor(&self, on: &DraftText) -> Anchor {
        match &self.change {
            Change::Paragraph { id, .. } => Anchor::Paragraph { id: *id },
            Change::Lines { from, to, .. } => Anchor::Lines { from: *from, to: *to },
            Change::Paragraphs { first, last, .. } => Anchor::paragraphs(on, *first, *last),
        }
    }

    /// Checks the amendment against the version it is made on.
    pub fn validate(&self, comment: CommentId, on: &DraftText) -> Result<(), AmendError> {
        Target::of(comment, self, &Index::new(on)).map(|_| ())
    }
}

/// Why accepted amendments were not applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AmendError {
    #[error("version {version} is not the latest ({latest}); amendments are applied to the latest version")]
    NotLatest { version: u32, latest: u32 },
    #[error("amendment {comment} was made on version {made_on}, not on the latest ({latest}); it is made again")]
    OldVersion { comment: CommentId, made_on: u32, latest: u32 },
    #[error("amendments {first} and {second} change the same text; a person decides which is taken in")]
    Overlap { first: CommentId, second: CommentId },
    #[error("amendment {comment} is given twice")]
    Twice { comment: CommentId },
    #[error("amendment {comment}: {error}")]
    Anchor { comment: CommentId, error: AnchorError },
    #[error("amendment {comment}: lines {from}–{to} are not within one paragraph")]
    NotOneParagraph { comment: CommentId, from: u32, to: u32 },
    #[error("amendment {comment}: {first} to {last} are not paragraphs in this order in one section")]
    NotOneSection { comment: CommentId, first: ParagraphId, last: ParagraphId },
    #[error("amendment {comment}: {error}")]
    Text { comment: CommentId, error: TextError },
    #[error("the amended version: {error}")]
    Result { error: TextError },
}

/// The new version with the amendments taken in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    pub text: DraftText,
    pub revision: Revision,
    /// The amendments taken in (tiếp thu vào dự thảo), in the order given.
    pub taken_in: Vec<CommentId>,
}

/// Where each paragraph is: its section and its index in it, in reading order.
struct Index<'t> {
    text: &'t DraftText,
    places: Vec<(usize, usize)>,
    by_id: HashMap<ParagraphId, usize>,
}

impl<'t> Index<'t> {
    fn new(text: &'t DraftText) -> Self {
        let mut places = Vec::new();
        let mut by_id = HashMap::new();
        for (s, section) in text.sections().iter().enumerate() {
            for (i, p) in section.paragraphs.iter().enumerate() {
                by_id.insert(p.id, places.len());
                places.push((s, i));
            }
        }
        Self { text, places, by_id }
    }

    fn find(&self, comment: CommentId, id: ParagraphId) -> Result<usize, AmendError> {
        let version = self.text.version();
        self.by_id
            .get(&id)
            .copied()
            .ok_or(AmendError::Anchor { comment, error: AnchorError::NoParagraph { id, version } })
    }
}

/// What one amendment replaces (paragraphs by their index in reading order,
/// or bytes of one paragraph) and by what.
struct Target {
    comment: CommentId,
    paragraphs: Range<usize>,
    bytes: Option<Range<usize>>,
    texts: Vec<String>,
}

impl Target {
    fn of(comment: CommentId, amendment: &Amendment, index: &Index<'_>) -> Result<Self, AmendError> {
        let text = |t: &str| normalize(t, None).map_err(|error| AmendError::Text { comment, error });
        let texts = |t: &str| text(t).map(|t| if t.is_empty() { vec![] } else { vec![t] });
        Ok(match &amendment.change {
            Change::Paragraph { id, text } => {
                let i = index.find(comment, *id)?;
                Target { comment, paragraphs: i..i + 1, bytes: None, texts: texts(text)? }
            }
            Change::Lines { from, to, text: new } => {
                let (from, to) = (*from, *to);
                let version = index.text.version();
                let covered = index
                    .text
                    .lines()
                    .covering(LineRange { from, to })
                    .map_err(|error| AmendError::Anchor { comment, error: AnchorError::Lines { error, version } })?;
                let [c] = covered.as_slice() else {
                    return Err(AmendError::NotOneParagraph { comment, from, to });
                };
                let i = index.find(comment, c.paragraph)?;
                Target { comment, paragraphs: i..i + 1, bytes: Some(c.range.clone()), texts: vec![text(new)?] }
            }
            Change::Paragraphs { first, last, paragraphs } => {
                let (f, l) = (index.find(comment, *first)?, index.find(comment, *last)?);
                if f > l || index.places[f].0 != index.places[l].0 {
                    return Err(AmendError::NotOneSection { comment, first: *first, last: *last });
                }
                let mut new = Vec::with_capacity(paragraphs.len());
                for p in paragraphs {
                    new.extend(texts(p)?);
                }
                Target { comment, paragraphs: f..l + 1, bytes: None, texts: new }
            }
        })
    }

    fn overlaps(&self, other: &Target) -> bool {
        let paragraphs = self.paragraphs.start < other.paragraphs.end && other.paragraphs.start < self.paragraphs.end;
        paragraphs
            && match (&self.bytes, &other.bytes) {
                (Some(a), Some(b)) => a.start < b.end && b.start < a.end || a == b,
                _ => true,
            }
    }
}

/// The next version of `text` with the `accepted` amendments taken in, in
/// one action. `latest` is the number of the draft's latest version.
pub fn apply(
    text: &DraftText,
    latest: u32,
    accepted: &[(CommentId, Amendment)],
    limits: &Limits,
) -> Result<Applied, AmendError> {
    if text.version() != latest {
        return Err(AmendError::NotLatest { version: text.version(), latest });
    }
    let index = Index::new(text);
    let mut targets: Vec<Target> = Vec::with_capacity(accepted.len());
    for (comment, amendment) in accepted {
        if amendment.made_on != latest {
            return Err(AmendError::OldVersion { comment: *comment, made_on: amendment.made_on, latest });
        }
        if targets.iter().any(|t| t.comment == *comment) {
            return Err(AmendError::Twice { comment: *comment });
        }
        let target = Target::of(*comment, amendment, &index)?;
        if let Some(other) = targets.iter().find(|t| t.overlaps(&target)) {
            return Err(AmendError::Overlap { first: other.comment, second: *comment });
        }
        targets.push(target);
    }

    let old: Vec<(ParagraphId, &str)> = text.paragraphs().map(|(_, p)| (p.id, p.text.as_str())).collect();
    let mut raw: Vec<RawSection> = text
        .sections()
        .iter()
        .map(|s| RawSection { level: s.level, heading: s.heading.clone(), paragraphs: Vec::new() })
        .collect();
    let mut origins: Vec<Vec<Option<ParagraphId>>> = vec![Vec::new(); raw.len()];
    let mut k = 0;
    while k < old.len() {
        let section = index.places[k].0;
        let mut emit = |t: String, origin: Option<ParagraphId>| {
            raw[section].paragraphs.push(t);
            origins[section].push(origin);
        };
        if let Some(t) = targets.iter().find(|t| t.bytes.is_none() && t.paragraphs.start == k) {
            let olds = &old[t.paragraphs.clone()];
            let carried: Vec<Option<ParagraphId>> = if olds.len() == 1 && t.texts.len() == 1 {
                vec![Some(olds[0].0)]
            } else {
                let before: Vec<&str> = olds.iter().map(|p| p.1).collect();
                let after: Vec<&str> = t.texts.iter().map(String::as_str).collect();
                align(&before, &after).into_iter().map(|m| m.map(|i| olds[i].0)).collect()
            };
            for (new, origin) in t.texts.iter().zip(carried) {
                emit(new.clone(), origin);
            }
            k = t.paragraphs.end;
            continue;
        }
        let (id, current) = old[k];
        let mut splices: Vec<&Target> =
            targets.iter().filter(|t| t.bytes.is_some() && t.paragraphs.start == k).collect();
        if splices.is_empty() {
            emit(current.to_owned(), Some(id));
        } else {
            splices.sort_by_key(|t| std::cmp::Reverse(t.bytes.as_ref().map_or(0, |b| b.start)));
            let mut changed = current.to_owned();
            for t in splices {
                if let Some(b) = &t.bytes {
                    changed.replace_range(b.clone(), t.texts.first().map_or("", String::as_str));
                }
            }
            let changed = normalize(&changed, None).map_err(|error| AmendError::Result { error })?;
            if !changed.is_empty() {
                emit(changed, Some(id));
            }
        }
        k += 1;
    }
    check_limits(&raw, limits).map_err(|error| AmendError::Result { error })?;
    let sections: Vec<_> = text.sections().iter().map(|s| Some(s.id)).collect();
    let origins: Vec<Option<ParagraphId>> = origins.into_iter().flatten().collect();
    let (new, revision) = assemble(text, raw, &sections, &origins);
    Ok(Applied { text: new, revision, taken_in: accepted.iter().map(|(c, _)| *c).collect() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::revise::tests::{para, v1};
    use crate::text::{Block, SectionId};
    use proptest::prelude::*;

    fn on_v1(change: Change) -> Amendment {
        Amendment { made_on: 1, change }
    }

    #[test]
    fn accepted_amendments_are_taken_in_together() {
        let v1 = v1();
        let lines = v1.lines();
        // p2's first line is "Nhiệm kỳ qua, Đảng bộ đã lãnh đạo toàn diện các mặt công tác, đạt nhiều kết quả".
        let p2 = lines.paragraph_lines(ParagraphId(2)).unwrap();
        let accepted = vec![
            (
                CommentId(11),
                on_v1(Change::Paragraph {
                    id: ParagraphId(3),
                    text: "Tốc độ tăng trưởng kinh tế bình quân đạt 9,1%/năm.".into(),
                }),
            ),
            (CommentId(12), on_v1(Change::Lines { from: p2.from, to: p2.from, text: "Trong nhiệm kỳ 2020–2025,".into() })),
            (
                CommentId(13),
                on_v1(Change::Paragraphs {
                    first: ParagraphId(5),
                    last: ParagraphId(6),
                    paragraphs: vec![
                        "Xây dựng Đảng bộ xã Quảng Tân trong sạch, vững mạnh; phát huy sức mạnh khối đại đoàn kết toàn dân."
                            .into(),
                        "Phấn đấu đến năm 2030, xã đạt chuẩn nông thôn mới nâng cao.".into(),
                        "Giữ vững quốc phòng, an ninh trên địa bàn.".into(),
                    ],
                }),
            ),
        ];
        let applied = apply(&v1, 1, &accepted, &Limits::default()).unwrap();
        assert_eq!(applied.taken_in, vec![CommentId(11), CommentId(12), CommentId(13)]);
        assert_eq!(applied.text.version(), 2);
        let r = &applied.revision;
        assert_eq!(r.changed, vec![ParagraphId(2), ParagraphId(3), ParagraphId(5)]);
        assert_eq!(r.kept, vec![ParagraphId(1), ParagraphId(4), ParagraphId(6)]);
        assert_eq!(r.added, vec![ParagraphId(7)]);
        assert!(r.removed.is_empty());
        let p2 = &applied.text.paragraph(ParagraphId(2)).unwrap().text;
        assert!(p2.starts_with("Trong nhiệm kỳ 2020–2025, "), "{p2}");
        assert!(p2.ends_with("quan trọng."), "{p2}");
        assert_eq!(applied.text.section_of(ParagraphId(7)).unwrap().id, SectionId(3));
    }

    #[test]
    fn overlapping_amendments_are_refused_naming_both() {
        let v1 = v1();
        let p2 = v1.lines().paragraph_lines(ParagraphId(2)).unwrap();
        let accepted = vec![
            (CommentId(21), on_v1(Change::Paragraph { id: ParagraphId(2), text: "Một.".into() })),
            (CommentId(22), on_v1(Change::Lines { from: p2.from, to: p2.to, text: "Hai.".into() })),
        ];
        assert_eq!(
            apply(&v1, 1, &accepted, &Limits::default()),
            Err(AmendError::Overlap { first: CommentId(21), second: CommentId(22) })
        );
        let accepted = vec![
            (
                CommentId(23),
                on_v1(Change::Paragraphs { first: ParagraphId(2), last: ParagraphId(4), paragraphs: vec![] }),
            ),
            (CommentId(24), on_v1(Change::Paragraph { id: ParagraphId(3), text: String::new() })),
        ];
        assert_eq!(
            apply(&v1, 1, &accepted, &Limits::default()),
            Err(AmendError::Overlap { first: CommentId(23), second: CommentId(24) })
        );
    }

    #[test]
    fn two_line_amendments_in_one_paragraph_apply_when_apart() {
        let blocks = vec![para(
            "Đại hội đại biểu Đảng bộ xã Quảng Tân lần thứ I, nhiệm kỳ 2025–2030 thảo luận báo cáo chính trị.",
        )];
        let v1 = DraftText::from_blocks(&blocks, 20, &Limits::default()).unwrap();
        let lines = v1.lines();
        assert_eq!(lines.line_text(1), Some("Đại hội đại biểu"));
        assert_eq!(lines.line_text(3), Some("lần thứ I, nhiệm kỳ"));
        let accepted = vec![
            (CommentId(1), on_v1(Change::Lines { from: 3, to: 3, text: "lần thứ nhất, nhiệm kỳ".into() })),
            (CommentId(2), on_v1(Change::Lines { from: 1, to: 1, text: "Đại hội".into() })),
        ];
        let applied = apply(&v1, 1, &accepted, &Limits::default()).unwrap();
        assert_eq!(
            applied.text.paragraph(ParagraphId(1)).unwrap().text,
            "Đại hội Đảng bộ xã Quảng Tân lần thứ nhất, nhiệm kỳ 2025–2030 thảo luận báo cáo chính trị."
        );
        // The same line twice overlaps.
        let accepted = vec![
            (CommentId(1), on_v1(Change::Lines { from: 2, to: 3, text: "x".into() })),
            (CommentId(2), on_v1(Change::Lines { from: 3, to: 4, text: "y".into() })),
        ];
        assert!(matches!(apply(&v1, 1, &accepted, &Limits::default()), Err(AmendError::Overlap { .. })));
    }

    #[test]
    fn amendments_on_an_old_version_or_bad_anchors_are_refused() {
        let v1 = v1();
        let a = on_v1(Change::Paragraph { id: ParagraphId(1), text: "x".into() });
        assert_eq!(
            apply(&v1, 2, &[(CommentId(1), a.clone())], &Limits::default()),
            Err(AmendError::NotLatest { version: 1, latest: 2 })
        );
        let old = Amendment { made_on: 0, ..a.clone() };
        assert_eq!(
            apply(&v1, 1, &[(CommentId(5), old)], &Limits::default()),
            Err(AmendError::OldVersion { comment: CommentId(5), made_on: 0, latest: 1 })
        );
        let missing = on_v1(Change::Paragraph { id: ParagraphId(40), text: "x".into() });
        assert!(matches!(
            apply(&v1, 1, &[(CommentId(6), missing)], &Limits::default()),
            Err(AmendError::Anchor { comment: CommentId(6), error: AnchorError::NoParagraph { .. } })
        ));
        let across = on_v1(Change::Lines { from: 1, to: 3, text: "x".into() });
        assert!(matches!(across.validate(CommentId(7), &v1), Err(AmendError::NotOneParagraph { .. })));
        let sections = on_v1(Change::Paragraphs { first: ParagraphId(4), last: ParagraphId(5), paragraphs: vec![] });
        assert!(matches!(sections.validate(CommentId(8), &v1), Err(AmendError::NotOneSection { .. })));
        assert_eq!(
            apply(&v1, 1, &[(CommentId(1), a.clone()), (CommentId(1), a)], &Limits::default()),
            Err(AmendError::Twice { comment: CommentId(1) })
        );
        let small = Limits { max_paragraphs: 6, ..Limits::default() };
        let more = on_v1(Change::Paragraphs {
            first: ParagraphId(6),
            last: ParagraphId(6),
            paragraphs: vec!["Một.".into(), "Hai.".into()],
        });
        assert!(matches!(apply(&v1, 1, &[(CommentId(9), more)], &small), Err(AmendError::Result { .. })));
    }

    #[test]
    fn an_amendment_has_an_anchor() {
        let v1 = v1();
        let a = on_v1(Change::Paragraphs { first: ParagraphId(2), last: ParagraphId(3), paragraphs: vec![] });
        let lines = v1.lines();
        let (f, l) = (lines.paragraph_lines(ParagraphId(2)).unwrap(), lines.paragraph_lines(ParagraphId(3)).unwrap());
        assert_eq!(a.anchor(&v1), Anchor::Lines { from: f.from, to: l.to });
        assert!(a.anchor(&v1).validate(&v1).is_ok());
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["change"]["kind"], "paragraphs");
    }

    proptest! {
        /// Applying no amendment gives the same text, as the next version.
        #[test]
        fn no_amendment_gives_the_same_text(texts in prop::collection::vec(crate::text::tests::words(), 1..20)) {
            let blocks: Vec<Block> = texts.iter().map(|t| para(t)).collect();
            let t = DraftText::from_blocks(&blocks, 30, &Limits::default()).unwrap();
            let applied = apply(&t, 1, &[], &Limits::default()).unwrap();
            prop_assert!(applied.text.same_content(&t));
            prop_assert_eq!(applied.text.version(), 2);
            prop_assert!(applied.revision.is_unchanged());
            prop_assert!(applied.taken_in.is_empty());
        }
    }
}
