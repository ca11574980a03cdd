//! A 60-page political report (600 paragraphs, about 2,400 lines of 80
//! characters of Vietnamese-like text, generated deterministically), revised
//! with 5 % of its paragraphs changed: the new version with ids carried
//! over, the word difference between the versions (target under 100 ms),
//! and the synthesis of 500 comments from 150 communes (target well under
//! 1 s). Prints the figures.
//!
//! `cargo bench -p daihoi-drafts --bench drafts`

use std::hint::black_box;
use std::time::{Duration, Instant};

use daihoi_drafts::{
    Anchor, Block, CommentFacts, DEFAULT_LINE_LENGTH, Disposition, DocumentKind, DraftText, Limits, Organization, Part,
    diff, group, resolve, revise,
};

const SYLLABLES: &[&str] = &[
    "Đảng",
    "bộ",
    "xã",
    "nhiệm",
    "kỳ",
    "phát",
    "triển",
    "kinh",
    "tế",
    "xây",
    "dựng",
    "chính",
    "trị",
    "nâng",
    "cao",
    "chất",
    "lượng",
    "đời",
    "sống",
    "nhân",
    "dân",
    "văn",
    "hóa",
    "quốc",
    "phòng",
    "an",
    "ninh",
    "tăng",
    "trưởng",
    "bình",
    "quân",
    "đạt",
    "chỉ",
    "tiêu",
    "nghị",
    "quyết",
    "đại",
    "hội",
    "lãnh",
    "đạo",
    "chỉ",
    "đạo",
    "thực",
    "hiện",
    "toàn",
    "diện",
    "đồng",
    "bộ",
    "hiệu",
    "quả",
    "chuyển",
    "đổi",
    "số",
    "nông",
    "thôn",
    "mới",
    "giảm",
    "nghèo",
    "bền",
    "vững",
    "cải",
    "cách",
    "hành",
    "chính",
    "trong",
    "sạch",
    "vững",
    "mạnh",
    "đoàn",
    "kết",
    "thống",
    "nhất",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn sentence(rng: &mut Rng, chars: usize) -> String {
    let mut s = String::new();
    while s.chars().count() < chars {
        if !s.is_empty() {
            s.push(if rng.below(12) == 0 { ',' } else { ' ' });
            if s.ends_with(',') {
                s.push(' ');
            }
        }
        s.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
    }
    s.push('.');
    s
}

/// 40 sections of 15 paragraphs of about 4 lines.
fn report(rng: &mut Rng) -> Vec<Block> {
    let mut blocks = Vec::new();
    for s in 0..40 {
        blocks.push(Block::Heading { level: 1 + (s % 2) as u8, text: format!("{}. {}", s + 1, sentence(rng, 40)) });
        for _ in 0..15 {
            blocks.push(Block::Paragraph { text: sentence(rng, 300) });
        }
    }
    blocks
}

/// The same blocks with every 20th paragraph changed (a few words replaced
/// and one added).
fn revised(blocks: &[Block], rng: &mut Rng) -> Vec<Block> {
    let mut n = 0;
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { text } => {
                n += 1;
                if n % 20 != 0 {
                    return b.clone();
                }
                let mut words: Vec<String> = text.split(' ').map(str::to_owned).collect();
                for _ in 0..3 {
                    let i = rng.below(words.len());
                    words[i] = SYLLABLES[rng.below(SYLLABLES.len())].to_owned();
                }
                words.insert(rng.below(words.len()), "cụ thể".to_owned());
                Block::Paragraph { text: words.join(" ") }
            }
            Block::Heading { .. } => b.clone(),
        })
        .collect()
}

fn time<T>(label: &str, runs: u32, target: Option<Duration>, mut f: impl FnMut() -> T) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    let target = target.map(|t| format!("  (target < {t:?}: {})", if median < t { "met" } else { "MISSED" }));
    println!("{label:<48} median {median:>10.3?}  min {:>10.3?}{}", times[0], target.unwrap_or_default());
}

fn main() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let blocks = report(&mut rng);
    let next = revised(&blocks, &mut rng);
    let limits = Limits::default();
    let v1 = DraftText::from_blocks(&blocks, DEFAULT_LINE_LENGTH, &limits).expect("v1");
    let (v2, rev) = revise(&v1, &next, &limits).expect("v2");
    let chars: usize = v1.paragraphs().map(|(_, p)| p.text.chars().count()).sum();
    println!(
        "draft: {} sections, {} paragraphs, {} lines, {} characters; revision: {} kept, {} changed, {} added, {} removed",
        v1.sections().len(),
        v1.paragraph_count(),
        v1.lines().count(),
        chars,
        rev.kept.len(),
        rev.changed.len(),
        rev.added.len(),
        rev.removed.len(),
    );
    let d = diff(&v1, &v2);
    println!("difference: {} paragraphs differ", d.changes().count());

    time("version 1 from 640 blocks", 20, None, || DraftText::from_blocks(&blocks, DEFAULT_LINE_LENGTH, &limits));
    time("line numbers of version 1", 20, None, || v1.lines().count());
    time("revise: version 2, ids carried over", 20, None, || revise(&v1, &next, &limits));
    time("word difference v1 → v2", 20, Some(Duration::from_millis(100)), || diff(&v1, &v2));

    // 500 comments from 150 communes, on the five documents, anchored to
    // paragraphs of version 1; their sections found and their anchors
    // resolved in version 2, then grouped.
    let communes: Vec<Organization> = (0..150)
        .map(|i| Organization {
            code: format!("X{i:03}"),
            name: format!("Đảng bộ xã {}", SYLLABLES[i % SYLLABLES.len()]),
        })
        .collect();
    let ids: Vec<_> = v1.paragraphs().map(|(_, p)| p.id).collect();
    let anchors: Vec<Anchor> = (0..500)
        .map(|i| if i % 10 == 0 { Anchor::Document } else { Anchor::Paragraph { id: ids[rng.below(ids.len())] } })
        .collect();
    let kinds = &DocumentKind::CHECKLIST[..5];
    let dispositions =
        [None, Some(Disposition::Accepted), Some(Disposition::Explained), Some(Disposition::NotAccepted)];
    let facts = || -> Vec<CommentFacts> {
        anchors
            .iter()
            .enumerate()
            .map(|(i, a)| CommentFacts {
                document: kinds[i % kinds.len()].clone(),
                part: match a.section(&v1) {
                    Some(s) => Part::Section {
                        index: v1.section_index(s.id).unwrap_or(0),
                        heading: s.heading.clone().unwrap_or_default(),
                    },
                    None => Part::WholeDocument,
                },
                source: communes[(i * 7) % communes.len()].clone(),
                disposition: dispositions[i % dispositions.len()],
                is_amendment: i % 3 == 0,
            })
            .collect()
    };
    let comments = facts();
    time("500 comments: sections from their anchors", 20, None, facts);
    time("500 comments: anchors resolved in version 2", 20, None, || {
        anchors.iter().filter(|a| resolve(a, &v1, &v2, std::slice::from_ref(&rev)).is_ok()).count()
    });
    time("synthesis of 500 comments from 150 communes", 20, Some(Duration::from_secs(1)), || group(&comments));
}
