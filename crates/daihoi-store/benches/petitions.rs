//! Petitions at a province's scale (issue 18 §7): 100,000 cases over five
//! years across the 200,000-member province's organizations; the overdue
//! list and the statistics of the province answer in under 100 ms.
//!
//! ```sh
//! cargo bench -p daihoi-store --bench petitions                     # SQLite
//! DAIHOI_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test \
//!     cargo bench -p daihoi-store --bench petitions                 # and PostgreSQL
//! DAIHOI_BENCH_CASES=20000 cargo bench …                            # fewer cases
//! ```
//!
//! Only the tree is loaded (the cases need organizations, not members).
//! Writing the cases is timed once per engine and printed; criterion
//! measures the overdue list, a year's and a quarter's statistics, and the
//! register's first page.

use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use daihoi_store::Db;
use daihoi_store::orgs::OrgNode;
use time::macros::date;
use tokio::runtime::Runtime;

const TODAY: time::Date = date!(2026 - 11 - 28);

struct Loaded {
    name: &'static str,
    db: Db,
    province: OrgNode,
    _dir: Option<tempfile::TempDir>,
}

async fn load(name: &'static str, db: Db, dir: Option<tempfile::TempDir>) -> Loaded {
    db.migrate().await.expect("migrate");
    let scenario = daihoi_demo::quang_ninh(200_000, daihoi_demo::DEMO_SEED);
    db.load_tree(&scenario).await.expect("tree");
    let province = db.roots(TODAY).await.expect("roots").into_iter().next().expect("a province");
    let n = std::env::var("DAIHOI_BENCH_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let started = Instant::now();
    db.generate_petitions(&province, n, 2025, TODAY).await.expect("cases");
    eprintln!("{name}: {n} cases written in {:.2?}", started.elapsed());
    // The calendars of the five years confirmed, as an administrator would.
    for year in 2021..=2026 {
        db.operator().petitions().confirm_year(year, "bench", TODAY, "bench").await.expect("year");
    }
    Loaded { name, db, province, _dir: dir }
}

fn petitions(c: &mut Criterion) {
    let rt = Runtime::new().expect("runtime");
    let mut loaded = Vec::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite:{}", dir.path().join("bench.sqlite").display());
    let db = rt.block_on(Db::connect(&url)).expect("sqlite");
    loaded.push(rt.block_on(load("sqlite", db, Some(dir))));
    let schema = format!("daihoi_bench_petitions_{}", std::process::id());
    if let Ok(url) = std::env::var("DAIHOI_BENCH_POSTGRES_URL") {
        let db = rt.block_on(Db::connect_in_schema(&url, Some(&schema))).expect("postgres");
        loaded.push(rt.block_on(load("postgres", db, None)));
    } else {
        eprintln!("note: PostgreSQL skipped (set DAIHOI_BENCH_POSTGRES_URL)");
    }
    let mut group = c.benchmark_group("petitions");
    group.sample_size(20);
    for l in &loaded {
        let p = l.db.operator();
        let (first, overdue) = rt.block_on(p.petitions().overdue_in(&l.province, TODAY, 100)).expect("overdue");
        let year =
            rt.block_on(p.petitions().statistics(&l.province, date!(2025 - 12 - 01), TODAY, TODAY)).expect("stats");
        eprintln!(
            "{}: {overdue} cases overdue (the first due {:?}); over the last year {} received, {} settled on time, \
             {} late, {} open of which {} overdue",
            l.name,
            first.first().and_then(|(_, v)| v.due.as_ref().ok().map(|d| d.date)),
            year.total.received,
            year.total.on_time,
            year.total.late,
            year.total.open,
            year.total.overdue
        );
        group.bench_function(format!("{}/overdue_list", l.name), |b| {
            b.to_async(&rt).iter(|| async {
                l.db.operator().petitions().overdue_in(&l.province, TODAY, 100).await.expect("overdue")
            })
        });
        group.bench_function(format!("{}/statistics_year", l.name), |b| {
            b.to_async(&rt).iter(|| async {
                let p = l.db.operator();
                p.petitions().statistics(&l.province, date!(2025 - 12 - 01), TODAY, TODAY).await.expect("stats")
            })
        });
        group.bench_function(format!("{}/statistics_quarter", l.name), |b| {
            b.to_async(&rt).iter(|| async {
                let p = l.db.operator();
                p.petitions()
                    .statistics(&l.province, date!(2026 - 07 - 01), date!(2026 - 09 - 30), TODAY)
                    .await
                    .expect("stats")
            })
        });
        group.bench_function(format!("{}/register_first_page", l.name), |b| {
            b.to_async(&rt).iter(|| async {
                l.db.operator().petitions().cases_in(&l.province, false, TODAY, 100, 0).await.expect("cases")
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

criterion_group!(benches, petitions);
criterion_main!(benches);
