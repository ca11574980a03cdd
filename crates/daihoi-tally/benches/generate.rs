//! A large delegate vote, generated the same every time (a fixed PRNG):
//! 40 names for 32 seats, each ballot striking 8 names (20 %), one in a
//! thousand flagged `marked`. Shared by the `read` bench and the `ballots`
//! example, which writes it to disk for `daihoi tally`.

use daihoi_election::{Body, Election, Electorate, Meeting, RuleSet};

/// Names on the list.
pub const NAMES: usize = 40;
/// Seats: 8 names are struck on every ballot.
pub const SEATS: u32 = 32;

/// The election, with room for `ballots` ballots.
pub fn election(ballots: u32) -> Election {
    Election {
        title: "Bầu đại biểu dự Đại hội cấp trên (đo tốc độ)".into(),
        body: Body::Delegates,
        electorate: Electorate {
            meeting: Meeting::DelegateCongress,
            convened: ballots,
            present: ballots,
            subtractions: vec![],
        },
        seats: SEATS,
        ballots_issued: ballots,
        candidates: (0..NAMES).map(|i| format!("Nguyễn Văn Ứng Viên {i:02}")).collect(),
        rules: RuleSet::regulation_190(),
    }
}

/// The ballots file (CSV) of `ballots` ballots.
pub fn csv(ballots: u32) -> Vec<u8> {
    let e = election(ballots);
    let mut out = Vec::with_capacity(ballots as usize * 60);
    out.extend_from_slice(b"ballot");
    for name in &e.candidates {
        out.push(b',');
        out.extend_from_slice(name.as_bytes());
    }
    out.extend_from_slice(b",flags\n");
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let struck_per_ballot = NAMES - SEATS as usize;
    let mut order: Vec<usize> = (0..NAMES).collect();
    let mut struck = [false; NAMES];
    for b in 1..=ballots {
        // The first names of a partial shuffle are struck.
        for i in 0..struck_per_ballot {
            let j = i + (next() as usize) % (NAMES - i);
            order.swap(i, j);
        }
        struck.fill(false);
        for &i in &order[..struck_per_ballot] {
            struck[i] = true;
        }
        out.extend_from_slice(b.to_string().as_bytes());
        for s in struck {
            out.extend_from_slice(if s { b",x" } else { b"," });
        }
        out.extend_from_slice(if next() % 1000 == 0 { b",marked\n" } else { b",\n" });
    }
    out
}
