//! The campaign of the 2025–2030 round on the 200,000-member province
//! (issue 15 §3: the campaign dashboard answers in under 100 ms on the
//! whole province, every organization down to the cells).
//!
//! ```sh
//! cargo bench -p daihoi-store --bench congresses                     # SQLite
//! DAIHOI_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test \
//!     cargo bench -p daihoi-store --bench congresses                 # and PostgreSQL
//! DAIHOI_BENCH_MEMBERS=20000 cargo bench …                           # a smaller province
//! ```
//!
//! Loading the province and the demo's campaign (one audited write of every
//! congress with its gates) is timed once per engine and printed; criterion
//! measures the campaign's reading with its warnings.

use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use daihoi_congress::{AnswerValue, OpenQuestion, Scope};
use daihoi_store::Db;
use daihoi_store::congresses::Round;
use daihoi_store::orgs::OrgNode;
use time::macros::date;
use tokio::runtime::Runtime;

const TODAY: time::Date = date!(2026 - 11 - 28);

struct Loaded {
    name: &'static str,
    db: Db,
    province: OrgNode,
    round: Round,
    _dir: Option<tempfile::TempDir>,
}

async fn load(name: &'static str, db: Db, dir: Option<tempfile::TempDir>) -> Loaded {
    db.migrate().await.expect("migrate");
    let n = std::env::var("DAIHOI_BENCH_MEMBERS").ok().and_then(|s| s.parse().ok()).unwrap_or(200_000);
    let scenario = daihoi_demo::quang_ninh(n, daihoi_demo::DEMO_SEED);
    db.load_scenario(&scenario, TODAY, &mut |_| {}).await.expect("load");
    let started = Instant::now();
    let congresses = db.load_demo_congresses(TODAY).await.expect("campaign");
    eprintln!("{name}: {congresses} congresses with their gates entered in {:.2?}", started.elapsed());
    let province = db.roots(TODAY).await.expect("roots").into_iter().next().expect("a province");
    let round = db.operator().congresses().round("2025-2030").await.expect("round").expect("the demo round");
    Loaded { name, db, province, round, _dir: dir }
}

fn campaign(c: &mut Criterion) {
    let rt = Runtime::new().expect("runtime");
    let mut loaded = Vec::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite:{}", dir.path().join("bench.sqlite").display());
    let db = rt.block_on(Db::connect(&url)).expect("sqlite");
    loaded.push(rt.block_on(load("sqlite", db, Some(dir))));
    let schema = format!("daihoi_bench_congresses_{}", std::process::id());
    if let Ok(url) = std::env::var("DAIHOI_BENCH_POSTGRES_URL") {
        let db = rt.block_on(Db::connect_in_schema(&url, Some(&schema))).expect("postgres");
        loaded.push(rt.block_on(load("postgres", db, None)));
    } else {
        eprintln!("note: PostgreSQL skipped (set DAIHOI_BENCH_POSTGRES_URL)");
    }
    let mut group = c.benchmark_group("congresses");
    group.sample_size(20);
    for l in &loaded {
        let lines = rt.block_on(l.db.operator().congresses().campaign(&l.round, &l.province, TODAY)).expect("campaign");
        let warned = lines.iter().filter(|x| !x.warnings.is_empty()).count();
        eprintln!("{}: the province's campaign has {} congresses, {warned} with warnings", l.name, lines.len());
        // Kept while nothing is written: the dashboard's next visits.
        group.bench_function(format!("{}/campaign_province_kept", l.name), |b| {
            b.to_async(&rt).iter(|| async {
                l.db.operator().congresses().campaign(&l.round, &l.province, TODAY).await.expect("campaign")
            })
        });
        // The first visit after a write (an answer recorded before each
        // iteration, not timed): read and checked afresh.
        group.bench_function(format!("{}/campaign_province_after_a_write", l.name), |b| {
            b.to_async(&rt).iter_custom(|iters| async move {
                let mut timed = std::time::Duration::ZERO;
                for i in 0..iters {
                    l.db.operator()
                        .congresses()
                        .answer(
                            &l.round,
                            OpenQuestion::ProbationaryCounted,
                            &Scope::Round,
                            AnswerValue::YesNo(i % 2 == 0),
                            TODAY,
                            "bench",
                            TODAY,
                            "bench",
                        )
                        .await
                        .expect("answer");
                    let started = Instant::now();
                    l.db.operator().congresses().campaign(&l.round, &l.province, TODAY).await.expect("campaign");
                    timed += started.elapsed();
                }
                timed
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

criterion_group!(benches, campaign);
criterion_main!(benches);
