//! The 200,000-member province: the queries a clerk waits for.
//!
//! ```sh
//! cargo bench -p daihoi-store --bench province                       # SQLite
//! DAIHOI_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test \
//!     cargo bench -p daihoi-store --bench province                   # and PostgreSQL
//! DAIHOI_BENCH_MEMBERS=20000 cargo bench …                           # a smaller province
//! ```
//!
//! Loading the province (tree, 2025 reform, members through the import) is
//! timed once per engine and printed; criterion measures the queries.

use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use daihoi_core::OrgKind;
use daihoi_store::Db;
use daihoi_store::members::MemberQuery;
use daihoi_store::orgs::OrgNode;
use time::macros::date;
use tokio::runtime::Runtime;

const TODAY: time::Date = date!(2026 - 11 - 28);

struct Loaded {
    name: &'static str,
    db: Db,
    province: OrgNode,
    commune: OrgNode,
    _dir: Option<tempfile::TempDir>,
}

fn members() -> usize {
    std::env::var("DAIHOI_BENCH_MEMBERS").ok().and_then(|s| s.parse().ok()).unwrap_or(200_000)
}

async fn load(name: &'static str, db: Db, dir: Option<tempfile::TempDir>) -> Loaded {
    db.migrate().await.expect("migrate");
    let n = members();
    let scenario = daihoi_demo::quang_ninh(n, daihoi_demo::DEMO_SEED);
    let started = Instant::now();
    let report = db.load_scenario(&scenario, TODAY, &mut |_| {}).await.expect("load");
    eprintln!(
        "{name}: loaded {} members ({} organizations) in {:.2?}",
        report.created,
        scenario.orgs.len(),
        started.elapsed()
    );
    let province = db.roots(TODAY).await.expect("roots").into_iter().next().expect("a province");
    // The commune with the most members.
    let mut best: Option<(u64, OrgNode)> = None;
    for child in db.children(province.id, TODAY).await.expect("children") {
        if child.kind != OrgKind::Commune {
            continue;
        }
        let count = db.count_base(&child, TODAY).await.expect("count");
        let total = count.convened + count.probationary;
        if best.as_ref().is_none_or(|(b, _)| total > *b) {
            best = Some((total, child));
        }
    }
    let (size, commune) = best.expect("a commune");
    eprintln!("{name}: largest commune {} ({}) has {size} members", commune.name, commune.code);
    Loaded { name, db, province, commune, _dir: dir }
}

fn engines(rt: &Runtime) -> Vec<Loaded> {
    let mut out = Vec::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite:{}", dir.path().join("bench.sqlite").display());
    let db = rt.block_on(Db::connect(&url)).expect("sqlite");
    out.push(rt.block_on(load("sqlite", db, Some(dir))));
    if let Ok(url) = std::env::var("DAIHOI_BENCH_POSTGRES_URL") {
        let schema = format!("daihoi_bench_{}", std::process::id());
        let db = rt.block_on(Db::connect_in_schema(&url, Some(&schema))).expect("postgres");
        out.push(rt.block_on(load("postgres", db, None)));
    } else {
        eprintln!("note: PostgreSQL skipped (set DAIHOI_BENCH_POSTGRES_URL)");
    }
    out
}

fn province(c: &mut Criterion) {
    let rt = Runtime::new().expect("runtime");
    let loaded = engines(&rt);
    let mut group = c.benchmark_group("province");
    group.sample_size(20);
    for l in &loaded {
        group.bench_function(format!("{}/base_count_province", l.name), |b| {
            b.to_async(&rt).iter(|| async { l.db.count_base(&l.province, TODAY).await.expect("count") })
        });
        group.bench_function(format!("{}/base_count_province_kept", l.name), |b| {
            b.to_async(&rt).iter(|| async { l.db.base_count(&l.province, TODAY).await.expect("count") })
        });
        group.bench_function(format!("{}/base_count_province_on_2025-03-01", l.name), |b| {
            let d = date!(2025 - 03 - 01);
            b.to_async(&rt).iter(|| async {
                let p = l.db.org_by_code(&l.province.code, d).await.expect("org").expect("exists");
                l.db.count_base(&p, d).await.expect("count")
            })
        });
        group.bench_function(format!("{}/commune_members_sorted_all", l.name), |b| {
            let q = MemberQuery { limit: 100_000, ..Default::default() };
            b.to_async(&rt).iter(|| async { l.db.members_in(&l.commune, TODAY, &q).await.expect("list") })
        });
        group.bench_function(format!("{}/commune_members_first_page", l.name), |b| {
            let q = MemberQuery { limit: 50, ..Default::default() };
            b.to_async(&rt).iter(|| async { l.db.members_in(&l.commune, TODAY, &q).await.expect("list") })
        });
        group.bench_function(format!("{}/province_search_nguyen_van_an", l.name), |b| {
            let q = MemberQuery { limit: 50, search: Some("nguyen van an".into()), offset: 0 };
            b.to_async(&rt).iter(|| async { l.db.members_in(&l.province, TODAY, &q).await.expect("search") })
        });
        group.bench_function(format!("{}/province_subtree", l.name), |b| {
            b.to_async(&rt).iter(|| async { l.db.subtree(&l.province, TODAY).await.expect("subtree") })
        });
    }
    group.finish();
    for l in loaded {
        if l.name == "postgres" {
            let schema = format!("daihoi_bench_{}", std::process::id());
            rt.block_on(l.db.drop_schema(&schema)).expect("drop schema");
        }
    }
}

criterion_group!(benches, province);
criterion_main!(benches);
