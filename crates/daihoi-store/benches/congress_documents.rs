//! Congress documents at the size of the 200,000-member province (issue 17
//! §7): the province's 60-page draft political report sent down to every
//! organization below it, down to the cells, 500 comments from 150
//! organizations (the province's communes, then grassroots committees:
//! the generated province has fewer than 150 communes), half the
//! recipients' syntheses sent up, and a second version with 5 % of the
//! paragraphs rewritten. Measured as the pages read them:
//!
//! - the synthesis: the draft's comments read and grouped (target < 1 s);
//! - the coverage of the draft across the province: who was sent it and
//!   where each stands with its synthesis (target < 100 ms);
//! - the difference between the two versions, both read (target < 100 ms).
//!
//! ```sh
//! cargo bench -p daihoi-store --bench congress_documents                  # SQLite
//! DAIHOI_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test \
//!     cargo bench -p daihoi-store --bench congress_documents              # and PostgreSQL
//! DAIHOI_BENCH_MEMBERS=20000 cargo bench …                                # a smaller province
//! ```

use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use daihoi_core::OrgKind;
use daihoi_drafts::{Anchor, Block, Change, DocumentKind};
use daihoi_store::Db;
use daihoi_store::congress_documents::{CongressDocument, MAX_RECIPIENTS, NewComment, NewDocument, VersionSource};
use daihoi_store::congresses::{Congress, Round};
use daihoi_store::documents::Classification;
use time::macros::date;
use tokio::runtime::Runtime;

const TODAY: time::Date = date!(2026 - 11 - 28);
const COMMENTS: usize = 500;
const COMMUNES: usize = 150;
/// Paragraphs of about 60 words: 600 make a 60-page report.
const PARAGRAPHS: usize = 600;
const PER_SECTION: usize = 30;

const WORDS: &[&str] = &[
    "Đảng", "bộ", "xã", "nhiệm", "kỳ", "phát", "triển", "kinh", "tế", "xây", "dựng", "chính", "trị", "nâng", "cao",
    "chất", "lượng", "đời", "sống", "nhân", "dân", "văn", "hóa", "xã", "hội", "quốc", "phòng", "an", "ninh", "tổ",
    "chức", "cán", "bộ", "đảng", "viên", "chi", "bộ", "cơ", "sở", "lãnh", "đạo", "thực", "hiện", "nghị", "quyết",
];

/// Paragraph `n`'s text, rewritten `edit` times: the same words for the
/// same `(n, edit)`, about 60 of them.
fn paragraph(n: usize, edit: usize) -> String {
    let mut s = (n * 7919 + edit * 104_729) as u64 | 1;
    let mut out = Vec::with_capacity(60);
    for _ in 0..60 {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        out.push(WORDS[(s % WORDS.len() as u64) as usize]);
    }
    let mut text = out.join(" ");
    text.push('.');
    text
}

fn blocks(edit_every: usize) -> Vec<Block> {
    let mut out = Vec::new();
    for n in 0..PARAGRAPHS {
        if n % PER_SECTION == 0 {
            out.push(Block::Heading { level: 1, text: format!("Phần {}", n / PER_SECTION + 1) });
        }
        let edit = usize::from(edit_every > 0 && n % edit_every == 0);
        out.push(Block::Paragraph { text: paragraph(n, edit) });
    }
    out
}

struct Loaded {
    name: &'static str,
    db: Db,
    round: Round,
    congress: Congress,
    document: CongressDocument,
    _dir: Option<tempfile::TempDir>,
}

async fn load(name: &'static str, db: Db, dir: Option<tempfile::TempDir>) -> Loaded {
    db.migrate().await.expect("migrate");
    let n = std::env::var("DAIHOI_BENCH_MEMBERS").ok().and_then(|s| s.parse().ok()).unwrap_or(200_000);
    let scenario = daihoi_demo::quang_ninh(n, daihoi_demo::DEMO_SEED);
    db.load_scenario(&scenario, TODAY, &mut |_| {}).await.expect("load");
    db.load_demo_congresses(TODAY).await.expect("campaign");
    let province = db.roots(TODAY).await.expect("roots").into_iter().next().expect("a province");
    let op = db.operator();
    let round = op.congresses().round("2025-2030").await.expect("round").expect("the demo round");
    let congress = op.congresses().congress(&round, &province, TODAY).await.expect("read").expect("a congress");
    let docs = op.congress_documents();

    let started = Instant::now();
    let new = NewDocument {
        kind: DocumentKind::PoliticalReport,
        title: "Dự thảo Báo cáo chính trị (bench)",
        classification: Classification::Normal,
        line_length: 80,
    };
    let document = docs.create_document(&congress, &new, "bench").await.expect("document");
    let first =
        docs.add_version(&congress, &document, &blocks(0), VersionSource::Page, None, "bench").await.expect("v1");
    let below: Vec<_> =
        db.subtree(&province, TODAY).await.expect("subtree").into_iter().filter(|o| o.id != province.id).collect();
    for chunk in below.chunks(MAX_RECIPIENTS) {
        docs.send_down(&congress, &document, chunk, TODAY, "bench").await.expect("send down");
    }
    let communes: Vec<_> = below
        .iter()
        .filter(|o| o.kind == OrgKind::Commune)
        .chain(below.iter().filter(|o| o.kind != OrgKind::Commune && o.kind != OrgKind::Cell))
        .take(COMMUNES)
        .collect();
    let ids: Vec<_> = first.text.paragraphs().map(|(_, p)| p.id).collect();
    for i in 0..COMMENTS {
        let id = ids[(i * 37) % ids.len()];
        let new = NewComment {
            version: first.number,
            anchor: Anchor::Paragraph { id },
            text: "Đề nghị bổ sung giải pháp cụ thể về chuyển đổi số trong lãnh đạo của cấp ủy cơ sở.",
            amendment: (i % 3 == 0).then(|| Change::Paragraph { id, text: paragraph(i, 9) }),
            source_org: Some(&communes[i % communes.len()].code),
            person: None,
            meeting: Some("Hội nghị Ban Chấp hành mở rộng"),
        };
        docs.record_comment(&congress, &document, &new, TODAY, "bench").await.expect("comment");
    }
    for node in below.iter().step_by(2) {
        docs.send_synthesis(node, &document, TODAY, "bench").await.expect("synthesis");
    }
    docs.add_version(&congress, &document, &blocks(20), VersionSource::Page, None, "bench").await.expect("v2");
    eprintln!(
        "{name}: a {PARAGRAPHS}-paragraph draft sent to {} organizations, {COMMENTS} comments from {} organizations, \
         {} syntheses, two versions, written in {:.2?}",
        below.len(),
        communes.len(),
        below.len().div_ceil(2),
        started.elapsed()
    );
    Loaded { name, db, round, congress, document, _dir: dir }
}

fn congress_documents(c: &mut Criterion) {
    let rt = Runtime::new().expect("runtime");
    let mut loaded = Vec::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite:{}", dir.path().join("bench.sqlite").display());
    let db = rt.block_on(Db::connect(&url)).expect("sqlite");
    loaded.push(rt.block_on(load("sqlite", db, Some(dir))));
    let schema = format!("daihoi_bench_drafts_{}", std::process::id());
    if let Ok(url) = std::env::var("DAIHOI_BENCH_POSTGRES_URL") {
        let db = rt.block_on(Db::connect_in_schema(&url, Some(&schema))).expect("postgres");
        loaded.push(rt.block_on(load("postgres", db, None)));
    } else {
        eprintln!("note: PostgreSQL skipped (set DAIHOI_BENCH_POSTGRES_URL)");
    }
    let mut group = c.benchmark_group("congress_documents");
    group.sample_size(20);
    for l in &loaded {
        let docs = l.db.operator().congress_documents();
        let coverage = rt.block_on(docs.coverage(&l.round, &l.congress, &l.document)).expect("coverage");
        let comments = rt.block_on(docs.comments(&l.congress, &l.document)).expect("comments");
        let synthesis = rt.block_on(docs.synthesis(&l.document, &comments)).expect("synthesis");
        eprintln!(
            "{}: coverage of {} recipients; synthesis of {} comments in {} parts",
            l.name,
            coverage.recipients.len(),
            comments.len(),
            synthesis.documents.iter().map(|d| d.parts.len()).sum::<usize>()
        );
        group.bench_function(format!("{}/synthesis_500_comments", l.name), |b| {
            b.to_async(&rt).iter(|| async {
                let docs = l.db.operator().congress_documents();
                let comments = docs.comments(&l.congress, &l.document).await.expect("comments");
                docs.synthesis(&l.document, &comments).await.expect("synthesis")
            })
        });
        group.bench_function(format!("{}/coverage_province", l.name), |b| {
            b.to_async(&rt).iter(|| async {
                l.db.operator().congress_documents().coverage(&l.round, &l.congress, &l.document).await.expect("cov")
            })
        });
        group.bench_function(format!("{}/version_difference_60_pages", l.name), |b| {
            b.to_async(&rt).iter(|| async {
                let docs = l.db.operator().congress_documents();
                let old = docs.version(&l.document, 1).await.expect("read").expect("v1");
                let new = docs.version(&l.document, 2).await.expect("read").expect("v2");
                daihoi_drafts::diff(&old.text, &new.text)
            })
        });
    }
    group.finish();
    for l in loaded {
        if l.name == "postgres" {
            rt.block_on(l.db.drop_schema(&schema)).expect("drop schema");
        }
    }
}

criterion_group!(benches, congress_documents);
criterion_main!(benches);
