//! Writes a large election for `daihoi tally` throughput runs:
//! `cargo run --release -p daihoi --example gen_ballots -- DIR BALLOTS CANDIDATES SEATS`
//! gives DIR/election.toml and DIR/ballots.csv (crossing-out form, about 2%
//! invalid ballots of every kind). Deterministic.

use std::io::Write;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let dir = std::path::PathBuf::from(args.get(1).cloned().unwrap_or_else(|| ".".into()));
    let (ballots, candidates, seats) = (arg(2, 1_000_000), arg(3, 40), arg(4, 30));
    let names: Vec<String> = (0..candidates).map(|i| format!("Ứng viên số {:02}", i + 1)).collect();
    let mut toml = std::fs::File::create(dir.join("election.toml"))?;
    writeln!(toml, "title = \"Bầu thử {ballots} phiếu\"\nbody = \"delegates\"\nmeeting = \"delegate_congress\"")?;
    writeln!(toml, "seats = {seats}\nballots_issued = {ballots}")?;
    let quoted: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
    writeln!(toml, "candidates = [{}]", quoted.join(", "))?;
    writeln!(toml, "[electorate]\nconvened = {}\npresent = {ballots}", ballots + 10)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(dir.join("ballots.csv"))?);
    writeln!(out, "ballot,{},flags", names.join(","))?;
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for b in 1..=ballots {
        write!(out, "{b}")?;
        let r = next();
        // Keep `seats` names on most ballots; a few keep too many or strike all.
        let keep = match r % 100 {
            0 => candidates,
            1 => 0,
            _ => seats - (r >> 8) as usize % 3,
        };
        let offset = (r >> 16) as usize % candidates;
        for c in 0..candidates {
            let kept = (c + candidates - offset) % candidates < keep;
            out.write_all(if kept { b"," } else { b",x" })?;
        }
        let flag: &[u8] = match (r >> 32) % 200 {
            0 => b",not_issued\n",
            1 => b",write_in\n",
            2 => b",marked\n",
            _ => b",\n",
        };
        out.write_all(flag)?;
    }
    out.flush()
}
