//! The word-level difference between two versions of a draft (so sánh các
//! phiên bản), as OpenSlides shows an amendment: paragraphs aligned by their
//! ids, and within a paragraph kept from one version to the other, the words
//! kept, inserted and deleted.
//!
//! Words are the texts between whitespace, so a Vietnamese syllable keeps
//! its diacritics whole ("nhiệm", "kỳ") and punctuation stays with its word
//! ("2025–2030,"). A paragraph's words are separated by single spaces (see
//! [`crate::text`]), so the spans are given without the spaces between them:
//! joining the [`Equal`](SpanKind::Equal) and [`Delete`](SpanKind::Delete)
//! spans with single spaces gives the old text, the `Equal` and
//! [`Insert`](SpanKind::Insert) spans the new one. Data only: the web
//! escapes and marks it up.

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp, capture_diff_slices, get_diff_ratio};

use crate::text::{DraftText, ParagraphId, SectionId};

/// What a span of words is in the new version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanKind {
    Equal,
    Insert,
    Delete,
}

/// Consecutive words of one kind, separated by single spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub kind: SpanKind,
    pub text: String,
}

/// One paragraph of the difference, in reading order (a removed paragraph
/// where it stood in the old version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ParagraphDiff {
    /// In both versions; `spans` all [`SpanKind::Equal`] when its text is the same.
    Kept {
        id: ParagraphId,
        spans: Vec<Span>,
    },
    Inserted {
        id: ParagraphId,
        text: String,
    },
    Removed {
        id: ParagraphId,
        text: String,
    },
}

impl ParagraphDiff {
    pub fn id(&self) -> ParagraphId {
        match self {
            ParagraphDiff::Kept { id, .. } | ParagraphDiff::Inserted { id, .. } | ParagraphDiff::Removed { id, .. } => {
                *id
            }
        }
    }

    /// Whether the paragraph is the same in both versions.
    pub fn is_equal(&self) -> bool {
        matches!(self, ParagraphDiff::Kept { spans, .. } if spans.iter().all(|s| s.kind == SpanKind::Equal))
    }
}

/// A heading that differs between the versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadingDiff {
    pub id: SectionId,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The difference between two versions of a draft (bảng so sánh).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionDiff {
    pub from_version: u32,
    pub to_version: u32,
    pub paragraphs: Vec<ParagraphDiff>,
    /// Sections added, removed or renamed (`old` or `new` none for added or removed).
    pub headings: Vec<HeadingDiff>,
}

impl VersionDiff {
    /// The paragraphs that differ.
    pub fn changes(&self) -> impl Iterator<Item = &ParagraphDiff> {
        self.paragraphs.iter().filter(|p| !p.is_equal())
    }
}

/// The difference from `old` to `new`, two versions of one draft (any two,
/// not only consecutive ones: paragraphs are matched by their ids).
pub fn diff(old: &DraftText, new: &DraftText) -> VersionDiff {
    let olds: Vec<(ParagraphId, &str)> = old.paragraphs().map(|(_, p)| (p.id, p.text.as_str())).collect();
    let news: Vec<(ParagraphId, &str)> = new.paragraphs().map(|(_, p)| (p.id, p.text.as_str())).collect();
    let old_ids: Vec<ParagraphId> = olds.iter().map(|p| p.0).collect();
    let new_ids: Vec<ParagraphId> = news.iter().map(|p| p.0).collect();
    let mut paragraphs = Vec::with_capacity(news.len());
    let removed = |r: std::ops::Range<usize>| {
        olds[r].iter().map(|(id, t)| ParagraphDiff::Removed { id: *id, text: (*t).to_owned() }).collect::<Vec<_>>()
    };
    let inserted = |r: std::ops::Range<usize>| {
        news[r].iter().map(|(id, t)| ParagraphDiff::Inserted { id: *id, text: (*t).to_owned() }).collect::<Vec<_>>()
    };
    // Ids keep their order from version to version, so a difference of the
    // id sequences pairs them; an id out of order shows as removed and inserted.
    for op in capture_diff_slices(Algorithm::Myers, &old_ids, &new_ids) {
        match op {
            DiffOp::Equal { old_index, new_index, len } => {
                for k in 0..len {
                    let (id, a) = olds[old_index + k];
                    let b = news[new_index + k].1;
                    paragraphs.push(ParagraphDiff::Kept { id, spans: words(a, b) });
                }
            }
            DiffOp::Delete { old_index, old_len, .. } => paragraphs.extend(removed(old_index..old_index + old_len)),
            DiffOp::Insert { new_index, new_len, .. } => paragraphs.extend(inserted(new_index..new_index + new_len)),
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                paragraphs.extend(removed(old_index..old_index + old_len));
                paragraphs.extend(inserted(new_index..new_index + new_len));
            }
        }
    }
    let mut headings = Vec::new();
    for s in new.sections() {
        match old.section(s.id) {
            Some(o) if o.heading == s.heading => {}
            o => {
                headings.push(HeadingDiff { id: s.id, old: o.and_then(|o| o.heading.clone()), new: s.heading.clone() })
            }
        }
    }
    for o in old.sections().iter().filter(|o| new.section(o.id).is_none()) {
        headings.push(HeadingDiff { id: o.id, old: o.heading.clone(), new: None });
    }
    VersionDiff { from_version: old.version(), to_version: new.version(), paragraphs, headings }
}

/// The word-level difference between two texts.
pub fn words(old: &str, new: &str) -> Vec<Span> {
    if old == new {
        return if old.is_empty() { Vec::new() } else { vec![Span { kind: SpanKind::Equal, text: old.to_owned() }] };
    }
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let mut spans: Vec<Span> = Vec::new();
    let mut push = |kind: SpanKind, words: &[&str]| {
        if words.is_empty() {
            return;
        }
        match spans.last_mut() {
            Some(last) if last.kind == kind => {
                last.text.push(' ');
                last.text.push_str(&words.join(" "));
            }
            _ => spans.push(Span { kind, text: words.join(" ") }),
        }
    };
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        match op {
            DiffOp::Equal { old_index, len, .. } => push(SpanKind::Equal, &a[old_index..old_index + len]),
            DiffOp::Delete { old_index, old_len, .. } => push(SpanKind::Delete, &a[old_index..old_index + old_len]),
            DiffOp::Insert { new_index, new_len, .. } => push(SpanKind::Insert, &b[new_index..new_index + new_len]),
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                push(SpanKind::Delete, &a[old_index..old_index + old_len]);
                push(SpanKind::Insert, &b[new_index..new_index + new_len]);
            }
        }
    }
    spans
}

/// How alike two texts' words are, from 0 (nothing in common) to 1 (the
/// same words): twice the words in common over the words of both.
pub fn similarity(old: &str, new: &str) -> f32 {
    if old == new {
        return 1.0;
    }
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let ops = capture_diff_slices(Algorithm::Myers, &a, &b);
    get_diff_ratio(&ops, a.len(), b.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::revise::revise;
    use crate::revise::tests::{para, political_report, v1};
    use crate::text::{Block, Limits};
    use proptest::prelude::*;

    fn side(spans: &[Span], skip: SpanKind) -> String {
        spans.iter().filter(|s| s.kind != skip).map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn a_changed_figure_is_a_word_replaced() {
        let spans = words(
            "Tốc độ tăng trưởng kinh tế bình quân đạt 8,5%/năm, thu nhập bình quân đầu người tăng.",
            "Tốc độ tăng trưởng kinh tế bình quân đạt 9,1%/năm, thu nhập bình quân đầu người tăng khá.",
        );
        let kinds: Vec<(SpanKind, &str)> = spans.iter().map(|s| (s.kind, s.text.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (SpanKind::Equal, "Tốc độ tăng trưởng kinh tế bình quân đạt"),
                (SpanKind::Delete, "8,5%/năm,"),
                (SpanKind::Insert, "9,1%/năm,"),
                (SpanKind::Equal, "thu nhập bình quân đầu người"),
                (SpanKind::Delete, "tăng."),
                (SpanKind::Insert, "tăng khá."),
            ]
        );
    }

    #[test]
    fn versions_differ_by_paragraph() {
        let v1 = v1();
        let mut blocks = political_report();
        blocks[3] = para("Tốc độ tăng trưởng kinh tế bình quân đạt 9,1%/năm, thu nhập bình quân đầu người tăng.");
        blocks.remove(4);
        blocks.push(Block::Heading { level: 1, text: "III. NHIỆM VỤ, GIẢI PHÁP".into() });
        blocks.push(para("Tập trung chuyển đổi số."));
        let (v2, _) = revise(&v1, &blocks, &Limits::default()).unwrap();
        let d = diff(&v1, &v2);
        assert_eq!((d.from_version, d.to_version), (1, 2));
        let changes: Vec<&ParagraphDiff> = d.changes().collect();
        assert_eq!(changes.len(), 3);
        assert!(matches!(changes[0], ParagraphDiff::Kept { id: ParagraphId(3), .. }));
        assert!(matches!(changes[1], ParagraphDiff::Removed { id: ParagraphId(4), .. }));
        assert!(
            matches!(changes[2], ParagraphDiff::Inserted { id: ParagraphId(7), text } if text == "Tập trung chuyển đổi số.")
        );
        assert_eq!(d.headings.len(), 1);
        assert_eq!(d.headings[0].old, None);
        // Any two versions: backwards too.
        let back = diff(&v2, &v1);
        assert!(matches!(back.changes().nth(1), Some(ParagraphDiff::Inserted { id: ParagraphId(4), .. })));
        assert_eq!(back.headings[0].new, None);
    }

    #[test]
    fn similarity_is_about_words() {
        assert_eq!(similarity("Đảng bộ xã", "Đảng bộ xã"), 1.0);
        assert!(similarity("a b c d", "w x y z") < 0.01);
        assert!((similarity("a b c d", "a b c e") - 0.75).abs() < 1e-6);
    }

    proptest! {
        /// The difference of a text with itself is all Equal.
        #[test]
        fn a_text_with_itself_is_all_equal(texts in prop::collection::vec(crate::text::tests::words(), 1..20)) {
            let blocks: Vec<Block> = texts.iter().map(|t| para(t)).collect();
            let t = crate::text::DraftText::from_blocks(&blocks, 80, &Limits::default()).unwrap();
            let d = diff(&t, &t);
            prop_assert_eq!(d.paragraphs.len(), t.paragraph_count());
            prop_assert!(d.paragraphs.iter().all(ParagraphDiff::is_equal));
            prop_assert!(d.headings.is_empty());
        }

        /// The spans give back both texts.
        #[test]
        fn spans_give_back_both_texts(a in crate::text::tests::words(), b in crate::text::tests::words()) {
            let spans = words(&a, &b);
            prop_assert_eq!(side(&spans, SpanKind::Insert), a);
            prop_assert_eq!(side(&spans, SpanKind::Delete), b);
        }
    }
}
