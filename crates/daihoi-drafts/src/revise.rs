//! A new version of a draft from its text, with the ids carried over: the
//! drafting team (tổ biên tập) uploads the next text, and every paragraph
//! that is still there keeps its id, so comments on it can follow it.
//!
//! Paragraphs are aligned by a sequence difference over their texts (Myers,
//! as `similar` computes it). Where the difference replaces some paragraphs
//! by others, a new paragraph takes the id of the first old one within the
//! next [`WINDOW`] whose words are at least [`SIMILAR_ENOUGH`] alike: it is
//! the same paragraph, changed. Any other new paragraph gets a fresh id; an
//! id is never given twice in a draft. Sections are aligned the same way by
//! their headings.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::diff::similarity;
use crate::text::{Block, DraftText, Limits, Paragraph, ParagraphId, RawSection, SectionId, TextError};
use crate::text::{parse_blocks, section};

/// How alike two paragraphs' words must be (the ratio of words in common,
/// 0 to 1) for the new one to be the old one changed.
pub const SIMILAR_ENOUGH: f32 = 0.5;

/// How many old paragraphs ahead a changed paragraph is looked for.
pub const WINDOW: usize = 8;

/// What became of the paragraphs and sections from one version to the next
/// (thay đổi giữa hai phiên bản). Each list is in reading order (`removed` in
/// the old version's order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub from_version: u32,
    pub to_version: u32,
    /// Same id, same text.
    pub kept: Vec<ParagraphId>,
    /// Same id, its text changed.
    pub changed: Vec<ParagraphId>,
    /// Fresh ids.
    pub added: Vec<ParagraphId>,
    /// Gone from the new version; never given again.
    pub removed: Vec<ParagraphId>,
    pub sections: SectionRevision,
}

/// What became of the sections; a section is changed when its heading or
/// level is (its paragraphs are counted in [`Revision`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionRevision {
    pub kept: Vec<SectionId>,
    pub changed: Vec<SectionId>,
    pub added: Vec<SectionId>,
    pub removed: Vec<SectionId>,
}

impl Revision {
    /// Whether the new version's text is the old one's.
    pub fn is_unchanged(&self) -> bool {
        self.changed.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.sections.changed.is_empty()
            && self.sections.added.is_empty()
            && self.sections.removed.is_empty()
    }
}

/// The next version of `prev` from its blocks, with the ids carried over.
pub fn revise(prev: &DraftText, blocks: &[Block], limits: &Limits) -> Result<(DraftText, Revision), TextError> {
    let raw = parse_blocks(blocks, limits)?;
    let old: Vec<&Paragraph> = prev.paragraphs().map(|(_, p)| p).collect();
    let old_texts: Vec<&str> = old.iter().map(|p| p.text.as_str()).collect();
    let new_texts: Vec<&str> = raw.iter().flat_map(|s| s.paragraphs.iter().map(String::as_str)).collect();
    let paragraphs: Vec<Option<ParagraphId>> =
        align(&old_texts, &new_texts).into_iter().map(|m| m.map(|i| old[i].id)).collect();
    let old_heads: Vec<&str> = prev.sections().iter().map(|s| s.heading.as_deref().unwrap_or("")).collect();
    let new_heads: Vec<&str> = raw.iter().map(|s| s.heading.as_deref().unwrap_or("")).collect();
    let sections: Vec<Option<SectionId>> =
        align(&old_heads, &new_heads).into_iter().map(|m| m.map(|i| prev.sections()[i].id)).collect();
    Ok(assemble(prev, raw, &sections, &paragraphs))
}

/// For each new text, the old text it continues (same or changed), if any.
/// The pairs keep their order: an old text continues in at most one new.
pub(crate) fn align(old: &[&str], new: &[&str]) -> Vec<Option<usize>> {
    // Interned as numbers, so that the difference compares integers, not texts.
    let mut interned: HashMap<&str, u32> = HashMap::new();
    let o: Vec<u32> = old.iter().map(|s| intern(&mut interned, s)).collect();
    let n: Vec<u32> = new.iter().map(|s| intern(&mut interned, s)).collect();
    let mut map = vec![None; new.len()];
    for op in capture_diff_slices(Algorithm::Myers, &o, &n) {
        match op {
            DiffOp::Equal { old_index, new_index, len } => {
                for k in 0..len {
                    map[new_index + k] = Some(old_index + k);
                }
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                pair(old, old_index..old_index + old_len, new, new_index..new_index + new_len, &mut map);
            }
            DiffOp::Delete { .. } | DiffOp::Insert { .. } => {}
        }
    }
    map
}

fn intern<'a>(interned: &mut HashMap<&'a str, u32>, s: &'a str) -> u32 {
    let n = interned.len() as u32;
    *interned.entry(s).or_insert(n)
}

fn pair(old: &[&str], olds: Range<usize>, new: &[&str], news: Range<usize>, map: &mut [Option<usize>]) {
    let mut cursor = olds.start;
    for j in news {
        let end = (cursor + WINDOW).min(olds.end);
        if let Some(i) = (cursor..end).find(|&i| similarity(old[i], new[j]) >= SIMILAR_ENOUGH) {
            map[j] = Some(i);
            cursor = i + 1;
        }
    }
}

/// The next version of `prev` from sections whose origins are known: for each
/// new section and each new paragraph (in reading order) the id it continues.
/// The origins must be ids of `prev`, each at most once.
pub(crate) fn assemble(
    prev: &DraftText,
    raw: Vec<RawSection>,
    section_origins: &[Option<SectionId>],
    paragraph_origins: &[Option<ParagraphId>],
) -> (DraftText, Revision) {
    let old_paragraphs: HashMap<ParagraphId, &str> = prev.paragraphs().map(|(_, p)| (p.id, p.text.as_str())).collect();
    let old_sections: HashMap<SectionId, (u8, Option<&str>)> =
        prev.sections().iter().map(|s| (s.id, (s.level, s.heading.as_deref()))).collect();
    let mut next = prev.successor();
    let mut rev = Revision { from_version: prev.version(), to_version: next.version(), ..Revision::default() };
    let mut origins = paragraph_origins.iter();
    for (s, origin) in raw.into_iter().zip(section_origins) {
        let id = match origin {
            Some(id) if old_sections.contains_key(id) => {
                let same = old_sections[id] == (s.level, s.heading.as_deref());
                if same { &mut rev.sections.kept } else { &mut rev.sections.changed }.push(*id);
                *id
            }
            _ => {
                let id = next.fresh_section();
                rev.sections.added.push(id);
                id
            }
        };
        let mut paragraphs = Vec::with_capacity(s.paragraphs.len());
        for text in s.paragraphs {
            let id = match origins.next().copied().flatten() {
                Some(id) if old_paragraphs.contains_key(&id) => {
                    let same = old_paragraphs[&id] == text;
                    if same { &mut rev.kept } else { &mut rev.changed }.push(id);
                    id
                }
                _ => {
                    let id = next.fresh_paragraph();
                    rev.added.push(id);
                    id
                }
            };
            paragraphs.push(Paragraph { id, text });
        }
        next.push_section(section(id, s.level, s.heading, paragraphs));
    }
    let still: HashSet<ParagraphId> = rev.kept.iter().chain(&rev.changed).copied().collect();
    rev.removed = prev.paragraphs().map(|(_, p)| p.id).filter(|id| !still.contains(id)).collect();
    let still: HashSet<SectionId> = rev.sections.kept.iter().chain(&rev.sections.changed).copied().collect();
    rev.sections.removed = prev.sections().iter().map(|s| s.id).filter(|id| !still.contains(id)).collect();
    (next, rev)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::text::{DEFAULT_LINE_LENGTH, SectionId};
    use proptest::prelude::*;

    pub(crate) fn para(t: &str) -> Block {
        Block::Paragraph { text: t.into() }
    }

    pub(crate) fn heading(t: &str) -> Block {
        Block::Heading { level: 1, text: t.into() }
    }

    pub(crate) fn political_report() -> Vec<Block> {
        vec![
            para("Đại hội đại biểu Đảng bộ xã Quảng Tân lần thứ I, nhiệm kỳ 2025–2030"),
            heading("I. KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ 2020–2025"),
            para("Nhiệm kỳ qua, Đảng bộ đã lãnh đạo toàn diện các mặt công tác, đạt nhiều kết quả quan trọng."),
            para("Tốc độ tăng trưởng kinh tế bình quân đạt 8,5%/năm, thu nhập bình quân đầu người tăng."),
            para("Công tác xây dựng Đảng được chú trọng, chất lượng sinh hoạt chi bộ được nâng lên."),
            heading("II. PHƯƠNG HƯỚNG, MỤC TIÊU NHIỆM KỲ 2025–2030"),
            para("Xây dựng Đảng bộ trong sạch, vững mạnh; phát huy sức mạnh khối đại đoàn kết toàn dân."),
            para("Phấn đấu đến năm 2030, xã đạt chuẩn nông thôn mới nâng cao."),
        ]
    }

    pub(crate) fn v1() -> DraftText {
        DraftText::from_blocks(&political_report(), DEFAULT_LINE_LENGTH, &Limits::default()).unwrap()
    }

    #[test]
    fn unchanged_changed_added_removed() {
        let v1 = v1();
        let mut blocks = political_report();
        // Changed: one figure; removed: the third paragraph of I; added: one at the end.
        blocks[3] = para("Tốc độ tăng trưởng kinh tế bình quân đạt 9,1%/năm, thu nhập bình quân đầu người tăng.");
        blocks.remove(4);
        blocks.push(para("Tập trung chuyển đổi số, cải cách hành chính, nâng cao chất lượng phục vụ người dân."));
        let (v2, rev) = revise(&v1, &blocks, &Limits::default()).unwrap();
        assert_eq!(v2.version(), 2);
        assert_eq!(rev.changed, vec![ParagraphId(3)]);
        assert_eq!(rev.removed, vec![ParagraphId(4)]);
        assert_eq!(rev.added, vec![ParagraphId(7)]);
        assert_eq!(rev.kept, vec![ParagraphId(1), ParagraphId(2), ParagraphId(5), ParagraphId(6)]);
        assert_eq!(rev.sections.kept, vec![SectionId(1), SectionId(2), SectionId(3)]);
        // A paragraph that comes back after removal gets a fresh id (never reused).
        let (v3, rev) = revise(&v2, &political_report(), &Limits::default()).unwrap();
        assert_eq!(rev.added, vec![ParagraphId(8)]);
        assert_eq!(rev.removed, vec![ParagraphId(7)]);
        assert_eq!(v3.paragraph(ParagraphId(8)).unwrap().text, political_report()[4].text().unwrap());
    }

    #[test]
    fn a_rewritten_paragraph_is_new_and_a_renamed_heading_is_changed() {
        let v1 = v1();
        let mut blocks = political_report();
        blocks[7] = para("Giữ vững quốc phòng, an ninh; bảo đảm trật tự an toàn xã hội trên địa bàn.");
        blocks[5] = heading("II. PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ NHIỆM KỲ 2025–2030");
        let (_, rev) = revise(&v1, &blocks, &Limits::default()).unwrap();
        assert_eq!(rev.removed, vec![ParagraphId(6)]);
        assert_eq!(rev.added, vec![ParagraphId(7)]);
        assert_eq!(rev.sections.changed, vec![SectionId(3)]);
    }

    #[test]
    fn a_split_paragraph_keeps_its_id_for_the_first_half() {
        let v1 = v1();
        let mut blocks = political_report();
        blocks[2] = para("Nhiệm kỳ qua, Đảng bộ đã lãnh đạo toàn diện các mặt công tác.");
        blocks.insert(3, para("Đạt nhiều kết quả quan trọng trên các lĩnh vực."));
        let (_, rev) = revise(&v1, &blocks, &Limits::default()).unwrap();
        assert_eq!(rev.changed, vec![ParagraphId(2)]);
        assert_eq!(rev.added, vec![ParagraphId(7)]);
        assert!(rev.removed.is_empty());
    }

    impl Block {
        pub(crate) fn text(&self) -> Option<&str> {
            match self {
                Block::Paragraph { text } => Some(text),
                Block::Heading { .. } => None,
            }
        }
    }

    /// A draft of paragraphs drawn from a few, and an edit of it: some kept,
    /// some changed (a word added), some removed, some added.
    fn edit() -> impl Strategy<Value = (Vec<String>, Vec<(u8, String)>)> {
        let texts = prop::collection::vec(crate::text::tests::words(), 1..25);
        let ops = prop::collection::vec((0u8..4, crate::text::tests::words()), 0..30);
        (texts, ops)
    }

    fn apply_edit(texts: &[String], ops: &[(u8, String)]) -> Vec<String> {
        let mut out = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            match ops.get(i).map(|o| o.0) {
                Some(1) => out.push(format!("{t} thêm")),
                Some(2) => {}
                Some(3) => {
                    out.push(t.clone());
                    out.push(ops[i].1.clone());
                }
                _ => out.push(t.clone()),
            }
        }
        out
    }

    proptest! {
        /// Ids are never reused, an unchanged paragraph keeps its id, and the
        /// revision accounts for every paragraph once.
        #[test]
        fn ids_carry_over_and_are_never_reused((texts, ops) in edit(), again in prop::collection::vec(crate::text::tests::words(), 0..10)) {
            let blocks = |ts: &[String]| ts.iter().map(|t| para(t)).collect::<Vec<_>>();
            let v1 = DraftText::from_blocks(&blocks(&texts), 40, &Limits::default()).unwrap();
            let edited = apply_edit(&texts, &ops);
            let (v2, rev) = revise(&v1, &blocks(&edited), &Limits::default()).unwrap();
            let (v3, rev3) = revise(&v2, &blocks(&again), &Limits::default()).unwrap();
            let mut seen: HashSet<ParagraphId> = v1.paragraphs().map(|(_, p)| p.id).collect();
            for id in rev.added.iter().chain(&rev3.added) {
                prop_assert!(seen.insert(*id), "{id} given twice");
            }
            for (new, old) in [(&v2, &v1), (&v3, &v2)] {
                let ids: Vec<ParagraphId> = new.paragraphs().map(|(_, p)| p.id).collect();
                let unique: HashSet<ParagraphId> = ids.iter().copied().collect();
                prop_assert_eq!(unique.len(), ids.len());
                prop_assert!(new.next_ids().1 >= old.next_ids().1);
            }
            // Unchanged paragraphs: the text of every kept id is the same in both.
            for id in &rev.kept {
                prop_assert_eq!(&v1.paragraph(*id).unwrap().text, &v2.paragraph(*id).unwrap().text);
            }
            let total = rev.kept.len() + rev.changed.len() + rev.added.len();
            prop_assert_eq!(total, v2.paragraph_count());
            prop_assert_eq!(rev.kept.len() + rev.changed.len() + rev.removed.len(), v1.paragraph_count());
        }

        /// Every paragraph left as it was keeps its id (the paragraphs are
        /// made distinct, so that which one is "the same" is not ambiguous).
        #[test]
        fn an_unchanged_paragraph_keeps_its_id((texts, ops) in edit()) {
            let texts: Vec<String> = texts.iter().enumerate().map(|(i, t)| format!("Đoạn{i} {t}")).collect();
            let blocks = |ts: &[String]| ts.iter().map(|t| para(t)).collect::<Vec<_>>();
            let v1 = DraftText::from_blocks(&blocks(&texts), 40, &Limits::default()).unwrap();
            let (v2, rev) = revise(&v1, &blocks(&apply_edit(&texts, &ops)), &Limits::default()).unwrap();
            for (i, (_, p)) in v1.paragraphs().enumerate() {
                if matches!(ops.get(i).map(|o| o.0), Some(1 | 2)) {
                    continue;
                }
                prop_assert!(rev.kept.contains(&p.id), "{} not kept", p.id);
                prop_assert_eq!(&v2.paragraph(p.id).unwrap().text, &p.text);
            }
        }

        /// The same text again keeps every id.
        #[test]
        fn the_same_text_keeps_every_id(texts in prop::collection::vec(crate::text::tests::words(), 1..25)) {
            let blocks: Vec<Block> = texts.iter().map(|t| para(t)).collect();
            let v1 = DraftText::from_blocks(&blocks, 40, &Limits::default()).unwrap();
            let (v2, rev) = revise(&v1, &v1.to_blocks(), &Limits::default()).unwrap();
            prop_assert!(rev.is_unchanged());
            prop_assert!(v2.same_content(&v1));
        }
    }
}
