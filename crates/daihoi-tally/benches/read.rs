//! Reading a ballots CSV into the engine's tally, in bytes per second: a
//! million ballots of 40 names, about 20 % struck (`generate.rs`), held in
//! memory (no files).
//!
//! `cargo bench -p daihoi-tally --bench read`
//!
//! The same file on disk, through the command line:
//! `cargo run --release -p daihoi-tally --example ballots -- /tmp/tally 1000000`,
//! then `time target/release/daihoi tally /tmp/tally/ELECTION.toml /tmp/tally/ballots.csv --json >/dev/null`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "generate.rs"]
mod generate;

fn bench(c: &mut Criterion) {
    let ballots = 1_000_000;
    let e = generate::election(ballots);
    let csv = generate::csv(ballots);
    let mut group = c.benchmark_group("tally_csv");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(csv.len() as u64));
    group.bench_function("1000000x40", |b| {
        b.iter(|| daihoi_tally::tally_csv("ballots.csv", csv.as_slice(), &e, &[]).expect("counted"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
