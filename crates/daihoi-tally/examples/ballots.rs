//! Writes a large generated election to disk, to time `daihoi tally` on it:
//! DIR/ELECTION.toml and DIR/ballots.csv (`benches/generate.rs`: 40 names,
//! 32 seats, 8 struck on each ballot).
//!
//! ```sh
//! cargo run --release -p daihoi-tally --example ballots -- /tmp/tally 1000000
//! cargo build --release -p daihoi
//! time target/release/daihoi tally /tmp/tally/ELECTION.toml /tmp/tally/ballots.csv --json >/dev/null
//! ```

#[path = "../benches/generate.rs"]
mod generate;

use daihoi_tally::{ElectionFile, MinutesInfo};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().ok_or("usage: ballots DIR [BALLOTS]")?);
    let ballots: u32 = args.next().map_or(Ok(1_000_000), |n| n.parse())?;
    let f = ElectionFile {
        election: generate::election(ballots),
        withdrawals: vec![],
        rulings: vec![],
        decisions: vec![],
        minutes: MinutesInfo::default(),
    };
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("ELECTION.toml"), daihoi_tally::election_toml(&f)?)?;
    let csv = generate::csv(ballots);
    std::fs::write(dir.join("ballots.csv"), &csv)?;
    eprintln!("{}: {ballots} ballots, {} bytes", dir.join("ballots.csv").display(), csv.len());
    Ok(())
}
