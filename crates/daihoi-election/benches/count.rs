//! The count of a congress's ballots, in memory (the engine only; reading the
//! file is measured by `daihoi tally` on a generated file, see the issue notes).
//!
//! `cargo bench -p daihoi-election --bench count`

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use daihoi_election::ballot::Flags;
use daihoi_election::{Ballot, Body, Election, Electorate, Marks, Meeting, RuleSet, count};

fn election(ballots: u32, candidates: usize, seats: u32) -> Election {
    Election {
        title: "bench".into(),
        body: Body::Committee,
        electorate: Electorate {
            meeting: Meeting::DelegateCongress,
            convened: ballots,
            present: ballots,
            subtractions: vec![],
        },
        seats,
        ballots_issued: ballots,
        candidates: (0..candidates).map(|i| format!("Ứng viên {i:02}")).collect(),
        rules: RuleSet::default(),
    }
}

fn ballots(n: usize, candidates: usize, seats: usize) -> Vec<Ballot> {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    (0..n)
        .map(|b| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let offset = x as usize % candidates;
            let keep = seats - (x >> 20) as usize % 2;
            let kept = (0..candidates).map(|c| (c + candidates - offset) % candidates < keep).collect();
            Ballot { number: (b + 1).to_string(), marks: Marks::CrossingOut(kept), flags: Flags::default() }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("count");
    // A district congress at 11 p.m. (1,500 ballots, 20 names for 15 seats),
    // and a large delegate vote (100,000 ballots, 40 names for 30 seats).
    for &(n, candidates, seats) in &[(1_500usize, 20usize, 15u32), (100_000, 40, 30)] {
        let e = election(n as u32, candidates, seats);
        let b = ballots(n, candidates, seats as usize);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(format!("{n}x{candidates}")), &b, |bench, b| {
            bench.iter(|| count(&e, b, &[]).expect("count"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
