//! Where a comment points (vị trí góp ý): the whole draft, a section, a
//! paragraph or a range of lines of the version it was made on, and where
//! that is in a later version.
//!
//! Ids are stable and never reused, so a paragraph is found again by its id:
//! gone means removed. Whether it *changed* is read from the texts of the two
//! versions (a text changed and changed back is unchanged); the revisions
//! between them only say in which versions it changed or went.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::revise::Revision;
use crate::text::{DraftText, LineError, LineRange, ParagraphId, Position, SectionId};

/// What a comment is anchored to, in the version it was made on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Anchor {
    /// The draft as a whole (góp ý chung).
    Document,
    Section {
        id: SectionId,
    },
    Paragraph {
        id: ParagraphId,
    },
    /// Lines `from` to `to`, both included, of that version's numbering.
    Lines {
        from: u32,
        to: u32,
    },
}

/// An anchor that does not exist in the version it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnchorError {
    #[error("version {version} has no {id}")]
    NoSection { id: SectionId, version: u32 },
    #[error("version {version} has no {id}")]
    NoParagraph { id: ParagraphId, version: u32 },
    #[error("version {version}: {error}")]
    Lines { error: LineError, version: u32 },
    #[error("version {made_on} comes after version {now}")]
    Order { made_on: u32, now: u32 },
}

impl Anchor {
    /// The anchor of paragraphs `first` to `last` of `on`: their lines; a
    /// paragraph that `on` does not have is the anchor (its validation
    /// then refuses it).
    pub fn paragraphs(on: &DraftText, first: ParagraphId, last: ParagraphId) -> Anchor {
        if first == last {
            return Anchor::Paragraph { id: first };
        }
        let lines = on.lines();
        match (lines.paragraph_lines(first), lines.paragraph_lines(last)) {
            (Some(f), Some(l)) => Anchor::Lines { from: f.from, to: l.to },
            (None, _) => Anchor::Paragraph { id: first },
            (_, None) => Anchor::Paragraph { id: last },
        }
    }

    /// Checks that the anchor exists in `on`: a comment anchored to a
    /// paragraph or lines that do not exist is refused.
    pub fn validate(&self, on: &DraftText) -> Result<(), AnchorError> {
        let version = on.version();
        match *self {
            Anchor::Document => Ok(()),
            Anchor::Section { id } => on.section(id).map(|_| ()).ok_or(AnchorError::NoSection { id, version }),
            Anchor::Paragraph { id } => on.paragraph(id).map(|_| ()).ok_or(AnchorError::NoParagraph { id, version }),
            Anchor::Lines { from, to } => {
                on.lines().check(LineRange { from, to }).map_err(|error| AnchorError::Lines { error, version })
            }
        }
    }

    /// The section an anchor falls in, for the synthesis: none for the whole
    /// draft, the first line's section for lines.
    pub fn section<'t>(&self, on: &'t DraftText) -> Option<&'t crate::text::Section> {
        match *self {
            Anchor::Document => None,
            Anchor::Section { id } => on.section(id),
            Anchor::Paragraph { id } => on.section_of(id),
            Anchor::Lines { from, .. } => on.lines().line(from).and_then(|l| on.section_of(l.paragraph)),
        }
    }
}

/// Where an anchor's text stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Located {
    Document,
    Section { id: SectionId, index: u32 },
    Paragraph { id: ParagraphId, position: Position },
    Lines { from: u32, to: u32 },
}

/// What became of an anchor's text in a later version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Resolution {
    /// The text it points to is unchanged; this is where it is now (perhaps
    /// where it was).
    Moved { now: Located },
    /// The text it points to changed; `changed_in` the versions whose
    /// revisions changed, added or removed some of it (from the chain given).
    Changed { changed_in: Vec<u32> },
    /// All of it is gone; `removed_in` the version that removed it, when the
    /// chain says.
    Removed { removed_in: Option<u32> },
}

/// What became of `anchor`, made on `made_on`, in `now`. `chain` is the
/// revisions between them (others are ignored; missing ones only make
/// `changed_in` and `removed_in` say less).
pub fn resolve(
    anchor: &Anchor,
    made_on: &DraftText,
    now: &DraftText,
    chain: &[Revision],
) -> Result<Resolution, AnchorError> {
    if made_on.version() > now.version() {
        return Err(AnchorError::Order { made_on: made_on.version(), now: now.version() });
    }
    anchor.validate(made_on)?;
    let chain: Vec<&Revision> =
        chain.iter().filter(|r| r.from_version >= made_on.version() && r.to_version <= now.version()).collect();
    let versions_touching = |ps: &[ParagraphId], ss: &[SectionId]| -> Vec<u32> {
        let set: BTreeSet<u32> = chain
            .iter()
            .filter(|r| {
                ps.iter().any(|p| r.changed.contains(p) || r.removed.contains(p))
                    || ss.iter().any(|s| r.sections.changed.contains(s) || r.sections.removed.contains(s))
            })
            .map(|r| r.to_version)
            .collect();
        set.into_iter().collect()
    };
    let removed_in = |p: Option<ParagraphId>, s: Option<SectionId>| {
        chain
            .iter()
            .find(|r| p.is_some_and(|p| r.removed.contains(&p)) || s.is_some_and(|s| r.sections.removed.contains(&s)))
            .map(|r| r.to_version)
    };
    Ok(match *anchor {
        Anchor::Document => {
            if made_on.same_content(now) {
                Resolution::Moved { now: Located::Document }
            } else {
                let changed_in = chain.iter().filter(|r| !r.is_unchanged()).map(|r| r.to_version).collect();
                Resolution::Changed { changed_in }
            }
        }
        Anchor::Section { id } => match (made_on.section(id), now.section(id)) {
            (_, None) => Resolution::Removed { removed_in: removed_in(None, Some(id)) },
            (Some(before), Some(after)) if before == after => {
                Resolution::Moved { now: Located::Section { id, index: now.section_index(id).unwrap_or(0) } }
            }
            (before, Some(after)) => {
                let mut ps: Vec<ParagraphId> = after.paragraphs.iter().map(|p| p.id).collect();
                ps.extend(before.iter().flat_map(|b| b.paragraphs.iter().map(|p| p.id)));
                let mut changed_in = versions_touching(&ps, &[id]);
                let added: BTreeSet<u32> = chain
                    .iter()
                    .filter(|r| after.paragraphs.iter().any(|p| r.added.contains(&p.id)))
                    .map(|r| r.to_version)
                    .collect();
                changed_in.extend(added);
                changed_in.sort_unstable();
                changed_in.dedup();
                Resolution::Changed { changed_in }
            }
        },
        Anchor::Paragraph { id } => match (made_on.paragraph(id), now.paragraph(id), now.position(id)) {
            (Some(a), Some(b), Some(position)) if a.text == b.text => {
                Resolution::Moved { now: Located::Paragraph { id, position } }
            }
            (_, Some(_), _) => Resolution::Changed { changed_in: versions_touching(&[id], &[]) },
            _ => Resolution::Removed { removed_in: removed_in(Some(id), None) },
        },
        Anchor::Lines { from, to } => {
            let before = made_on.lines();
            let covered = before
                .covering(LineRange { from, to })
                .map_err(|error| AnchorError::Lines { error, version: made_on.version() })?;
            let ids: Vec<ParagraphId> = covered.iter().map(|c| c.paragraph).collect();
            if ids.iter().all(|id| now.paragraph(*id).is_none()) {
                let removed_in = ids.iter().filter_map(|id| removed_in(Some(*id), None)).max();
                return Ok(Resolution::Removed { removed_in });
            }
            let unchanged = ids.iter().all(
                |id| matches!((made_on.paragraph(*id), now.paragraph(*id)), (Some(a), Some(b)) if a.text == b.text),
            );
            let after = now.lines();
            let located = if unchanged {
                let first = covered.first().and_then(|c| after.lines_of(c.paragraph, c.range.clone()));
                let last = covered.last().and_then(|c| after.lines_of(c.paragraph, c.range.clone()));
                match (first, last) {
                    (Some(f), Some(l)) => {
                        let range = LineRange { from: f.from, to: l.to };
                        // Nothing came in between the paragraphs it covers.
                        let same =
                            after.covering(range).is_ok_and(|c| c.iter().map(|c| c.paragraph).eq(ids.iter().copied()));
                        same.then_some(range)
                    }
                    _ => None,
                }
            } else {
                None
            };
            match located {
                Some(r) => Resolution::Moved { now: Located::Lines { from: r.from, to: r.to } },
                None => {
                    let mut changed_in = versions_touching(&ids, &[]);
                    if changed_in.is_empty() {
                        // Something was put between its paragraphs.
                        changed_in = chain
                            .iter()
                            .filter(|r| !r.added.is_empty() || !r.removed.is_empty())
                            .map(|r| r.to_version)
                            .collect();
                    }
                    Resolution::Changed { changed_in }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::revise::revise;
    use crate::revise::tests::{para, political_report, v1};
    use crate::text::Limits;

    fn v2() -> (DraftText, DraftText, Revision) {
        let v1 = v1();
        let mut blocks = political_report();
        // Version 2: a paragraph put at the top, p3 changed, p4 removed.
        blocks.insert(0, para("Báo cáo chính trị của Ban Chấp hành Đảng bộ xã khóa I trình Đại hội."));
        blocks[4] = para("Tốc độ tăng trưởng kinh tế bình quân đạt 9,1%/năm, thu nhập bình quân đầu người tăng.");
        blocks.remove(5);
        let (v2, rev) = revise(&v1, &blocks, &Limits::default()).unwrap();
        (v1, v2, rev)
    }

    // C-PLAN-5: the higher level's comments per version and section follow the text.
    #[test]
    fn c_plan_5_a_comment_on_an_unchanged_paragraph_follows_it() {
        let (v1, v2, rev) = v2();
        let r = resolve(&Anchor::Paragraph { id: ParagraphId(5) }, &v1, &v2, std::slice::from_ref(&rev)).unwrap();
        assert_eq!(
            r,
            Resolution::Moved {
                now: Located::Paragraph { id: ParagraphId(5), position: Position { section: 3, paragraph: 5 } }
            }
        );
        let r = resolve(&Anchor::Paragraph { id: ParagraphId(3) }, &v1, &v2, std::slice::from_ref(&rev)).unwrap();
        assert_eq!(r, Resolution::Changed { changed_in: vec![2] });
        let r = resolve(&Anchor::Paragraph { id: ParagraphId(4) }, &v1, &v2, std::slice::from_ref(&rev)).unwrap();
        assert_eq!(r, Resolution::Removed { removed_in: Some(2) });
        let r = resolve(&Anchor::Section { id: SectionId(3) }, &v1, &v2, std::slice::from_ref(&rev)).unwrap();
        assert_eq!(r, Resolution::Moved { now: Located::Section { id: SectionId(3), index: 3 } });
        let r = resolve(&Anchor::Section { id: SectionId(2) }, &v1, &v2, std::slice::from_ref(&rev)).unwrap();
        assert_eq!(r, Resolution::Changed { changed_in: vec![2] });
        let r = resolve(&Anchor::Document, &v1, &v2, &[rev]).unwrap();
        assert_eq!(r, Resolution::Changed { changed_in: vec![2] });
        let r = resolve(&Anchor::Document, &v1, &v1, &[]).unwrap();
        assert_eq!(r, Resolution::Moved { now: Located::Document });
    }

    #[test]
    fn line_anchors_resolve_through_their_paragraphs() {
        let (v1, v2, rev) = v2();
        let before = v1.lines();
        let p5 = before.paragraph_lines(ParagraphId(5)).unwrap();
        let p6 = before.paragraph_lines(ParagraphId(6)).unwrap();
        let after = v2.lines();
        let a5 = after.paragraph_lines(ParagraphId(5)).unwrap();
        let a6 = after.paragraph_lines(ParagraphId(6)).unwrap();
        let chain = [rev];
        // Unchanged paragraphs: the same words, at their new line numbers.
        let r = resolve(&Anchor::Lines { from: p5.from, to: p6.to }, &v1, &v2, &chain).unwrap();
        assert_eq!(r, Resolution::Moved { now: Located::Lines { from: a5.from, to: a6.to } });
        let p3 = before.paragraph_lines(ParagraphId(3)).unwrap();
        let r = resolve(&Anchor::Lines { from: p3.from, to: p3.to }, &v1, &v2, &chain).unwrap();
        assert_eq!(r, Resolution::Changed { changed_in: vec![2] });
        let p4 = before.paragraph_lines(ParagraphId(4)).unwrap();
        let r = resolve(&Anchor::Lines { from: p4.from, to: p4.to }, &v1, &v2, &chain).unwrap();
        assert_eq!(r, Resolution::Removed { removed_in: Some(2) });
        // Over a changed and a removed paragraph: changed.
        let r = resolve(&Anchor::Lines { from: p3.from, to: p4.to }, &v1, &v2, &chain).unwrap();
        assert_eq!(r, Resolution::Changed { changed_in: vec![2] });
    }

    #[test]
    fn anchors_that_do_not_exist_are_refused() {
        let v1 = v1();
        let last = v1.lines().count();
        assert_eq!(
            Anchor::Paragraph { id: ParagraphId(99) }.validate(&v1),
            Err(AnchorError::NoParagraph { id: ParagraphId(99), version: 1 })
        );
        assert_eq!(
            Anchor::Section { id: SectionId(9) }.validate(&v1),
            Err(AnchorError::NoSection { id: SectionId(9), version: 1 })
        );
        assert_eq!(
            Anchor::Lines { from: 2, to: last + 3 }.validate(&v1),
            Err(AnchorError::Lines { error: LineError::OutOfRange { to: last + 3, last }, version: 1 })
        );
        assert!(Anchor::Lines { from: 3, to: 2 }.validate(&v1).is_err());
        assert!(Anchor::Lines { from: 1, to: last }.validate(&v1).is_ok());
        let (v1, v2, _) = v2();
        assert_eq!(resolve(&Anchor::Document, &v2, &v1, &[]), Err(AnchorError::Order { made_on: 2, now: 1 }));
        let json = serde_json::to_string(&Anchor::Lines { from: 3, to: 5 }).unwrap();
        assert_eq!(json, r#"{"kind":"lines","from":3,"to":5}"#);
    }

    #[test]
    fn an_anchor_knows_its_section() {
        let v1 = v1();
        let s = Anchor::Paragraph { id: ParagraphId(2) }.section(&v1).unwrap();
        assert_eq!(s.number.as_deref(), Some("I"));
        assert!(Anchor::Document.section(&v1).is_none());
    }
}
